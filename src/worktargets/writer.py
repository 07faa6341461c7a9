"""Appending entries to the ledger: safe paths, a file lock, durable atomic appends.

Layout: ``progress/YYYY-MM/<department>.csv``, one file per lead department per month, so
two departments never touch the same file and git merges never conflict.

Guarantees (tested with SIGKILL in ``tests/test_writer_processes.py``):

- Existing bytes are never rewritten. New lines are written with **one** ``os.write`` on an
  ``O_APPEND`` descriptor (a second one only if the system wrote less, which a regular file
  does only when the disk fills) and ``fsync``-ed before success is reported: a process
  killed at any instant leaves the whole batch of lines or none of it.
- A missing file is created *with* its header and first lines in a temporary file, fsync-ed,
  then ``os.link``-ed into place (never clobbers) and the folder fsync-ed: there is no moment
  at which a header-only or half-written file is visible under the ledger name. Where the
  file system has no hard links (FAT/exFAT, some shares) it is ``os.rename``-d instead, only
  while the name is still free (checked under the lock every writer takes).
- A write that fails (disk full, I/O error) is cut back (``ftruncate``) to the file's size
  before it, under the lock, and fsync-ed: no partial line stays behind.
- With ``skip_known_ids`` the ids already in the file are read under the lock, so concurrent
  imports of one sheet write each entry once.
- Appends to an existing file keep its encoding (a GBK file left by Excel stays GBK), its
  line ending (CRLF or LF) and its column order (Chinese headers included). A last line
  without its newline gets one in front of the new lines, in the same write.
- Writers of the same file serialise on a ``filelock`` lock in ``progress/.locks/``
  (a folder that ignores itself in git).

Entry ids: ``YYYYMMDD-<12 hex digits>`` (the entry's date, then 48 bits): random for
``add-progress`` and ``correct``, a hash of the row's content for ``import`` (so the same
sheet imported twice gives the same ids, and the second import adds nothing).
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from glob import escape as glob_escape

from .cells import safe_cell
from .ledger import COLUMNS, PROGRESS_DIR, canonical_column
from .textio import has_control

__all__ = [
    "WriteError",
    "safe_name",
    "ledger_path",
    "owner_files",
    "new_entry_id",
    "content_entry_id",
    "append_rows",
    "format_row",
    "LOCK_DIR",
]

LOCK_DIR = ".locks"
LOCK_TIMEOUT = 60.0
_UNSAFE = re.compile(r'[\\/:*?"<>|]')
_MAX_NAME = 100


class WriteError(Exception):
    """A write that cannot be done; ``code`` is a stable error code (see errors.MESSAGES)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


def safe_name(name: str) -> str:
    """A department name as a file name that cannot leave its folder.

    Control characters are refused; path separators and characters Windows forbids become
    ``_``; names that are empty, ``.``/``..``-like or start with a dot are refused.
    """
    text = unicodedata.normalize("NFC", name).strip()
    if has_control(text):
        raise WriteError("unsafe-name", name=name.encode("unicode_escape").decode("ascii"))
    text = _UNSAFE.sub("_", text).strip(" .")
    if not text or text.startswith(".") or set(text) <= {".", "_"} or len(text) > _MAX_NAME:
        raise WriteError("unsafe-name", name=name)
    return text


def ledger_path(data_dir: Path, owner: str, day: date) -> Path:
    """``data/progress/YYYY-MM/<owner>.csv``; refuses anything that resolves elsewhere."""
    root = (data_dir / PROGRESS_DIR).resolve()
    path = root / f"{day.year:04d}-{day.month:02d}" / f"{safe_name(owner)}.csv"
    if path.is_symlink() or path.parent.is_symlink():  # never appended through: it could lead anywhere
        raise WriteError("ledger-is-link", file=str(path if path.is_symlink() else path.parent))
    if not path.resolve().is_relative_to(root) or path.parent.parent.resolve() != root:
        raise WriteError("unsafe-name", name=owner)
    return path


def owner_files(data_dir: Path, owner: str) -> list[Path]:
    """Every ledger file of one department: ``progress/*/<owner>.{csv,yaml,yml}``, by month.

    Costs one directory listing of ``progress/`` and one ``stat`` per month folder and
    suffix: it never reads or lists the other departments' files.
    """
    root = data_dir / PROGRESS_DIR
    try:
        stem = safe_name(owner)
    except WriteError:
        return []
    try:
        months = sorted(e.name for e in os.scandir(root) if e.is_dir() and not e.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):  # no ledger yet, or a file named progress
        return []
    out = []
    for month in months:
        for suffix in (".csv", ".yaml", ".yml"):
            p = root / month / f"{stem}{suffix}"
            if p.is_file():
                out.append(p)
        n = 2
        while (p := root / month / f"{stem}.{n}.csv").is_file():  # overflow files, see target_file
            out.append(p)
            n += 1
    return out


def target_file(data_dir: Path, owner: str, day: date, row: Mapping[str, Any]) -> Path:
    """The file a row goes to: ``<owner>.csv`` of the month, or, when a clerk's file there
    lacks a column the row needs (no ``replaces`` column, say), ``<owner>.2.csv``, ``.3``…"""
    path = ledger_path(data_dir, owner, day)
    n = 2
    while True:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return path
        except OSError as exc:  # a folder or an unreadable file under a ledger file's name
            raise WriteError("unwritable-file", detail=_why(exc), file=str(path)) from None
        if not data.strip():
            return path
        try:
            shape = _shape(data)
            _check_columns(shape, [_fit(row, shape)], path)
            return path
        except WriteError as exc:
            if exc.code != "header-lacks-column":  # a damaged file is refused, not worked around
                exc.params.setdefault("file", str(path))
                raise
            path = path.with_name(f"{safe_name(owner)}.{n}.csv")
            n += 1


def new_entry_id(day: date) -> str:
    """A fresh id: the date and 48 random bits, e.g. ``20220630-3f9a1c2e7b0d``."""
    return f"{day:%Y%m%d}-{secrets.token_hex(6)}"


def content_entry_id(day: date, parts: Sequence[str]) -> str:
    """A deterministic id from a row's content (same content, same id): for imports."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{day:%Y%m%d}-{digest}"


@dataclass(frozen=True, slots=True)
class _FileShape:
    """What an existing file dictates about new lines."""

    encoding: str
    newline: str
    columns: tuple[str | None, ...]  # canonical column per header cell (None: unknown)
    needs_newline: bool  # the last line lacks its line break


def _shape(data: bytes) -> _FileShape:
    from .textio import bad_byte_place, decode_bytes

    try:
        text, enc = decode_bytes(data)
    except UnicodeDecodeError as exc:
        if exc.encoding.replace("-", "").lower() in ("utf8", "utf8sig"):  # never add a second encoding
            body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
            line, col, byte = bad_byte_place(body, exc)
            raise WriteError("bad-utf8-byte", byte=byte, column=str(col), line=str(line)) from None
        raise WriteError("bad-encoding", line=str(bad_byte_place(data, exc)[0])) from None
    except ValueError:
        raise WriteError("unwritable-file", detail="not a text file") from None
    encoding = "gb18030" if enc == "gb18030" else "utf-8"
    first_end = text.find("\n")
    header_line = text if first_end == -1 else text[:first_end]
    newline = "\r\n" if header_line.endswith("\r") else "\n"
    try:
        header = next(csv.reader(io.StringIO(header_line.rstrip("\r"))), [])
    except csv.Error:
        header = []
    columns = tuple(canonical_column(h) for h in header)
    return _FileShape(encoding, newline, columns, not data.endswith(b"\n"))




def _cell(value: Any) -> str:
    """Text for one ledger cell, never a formula when Excel opens the file."""
    return str(safe_cell(value))


def format_row(row: Mapping[str, Any], columns: Sequence[str | None], newline: str = "\n") -> str:
    """One CSV record for ``row`` (canonical keys) in the order of ``columns``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow([_cell(row.get(c, "")) if c else "" for c in columns])
    return buf.getvalue()


def _fit(row: Mapping[str, Any], shape: _FileShape) -> dict[str, Any]:
    """The row for a file with fewer columns: the unit joins the value, a default basis goes."""
    have = set(shape.columns)
    out = dict(row)
    if "unit" not in have and out.get("unit") and out.get("value") not in (None, ""):
        out["value"] = f"{out['value']}{out.pop('unit')}"
    if "basis" not in have and out.get("basis") in ("total", ""):
        out.pop("basis", None)
    return out


def _check_columns(shape: _FileShape, rows: Iterable[Mapping[str, Any]], path: Path) -> None:
    have = {c for c in shape.columns if c}
    missing = sorted({k for r in rows for k, v in r.items() if v not in (None, "") and k not in have})
    if missing or "date" not in have or "target" not in have:
        raise WriteError("header-lacks-column", path=str(path), columns=", ".join(missing or ["date/target"]))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _lock(path: Path) -> Any:
    from filelock import FileLock

    root = path.parent.parent
    locks = root / LOCK_DIR
    if not locks.is_dir():
        locks.mkdir(parents=True, exist_ok=True)
        ignore = locks / ".gitignore"
        if not ignore.exists():
            try:
                ignore.write_text("*\n", encoding="utf-8")
            except OSError:  # pragma: no cover
                pass
    return FileLock(str(locks / f"{path.parent.name}--{path.stem}.lock"), timeout=LOCK_TIMEOUT)


def _mkdirs(path: Path) -> list[Path]:
    """Create the month folder (and progress/) durably; returns the folders it made."""
    missing = []
    made: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        try:
            d.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise WriteError("write-failed", detail=_why(exc)) from exc
        made.append(d)
        _fsync_dir(d.parent)
    return made


def append_rows(path: Path, rows: Sequence[Mapping[str, Any]], skip_known_ids: bool = False,
                only_unreplaced: bool = False) -> list[Mapping[str, Any]]:
    """Append ``rows`` (canonical column → text) to the ledger file ``path``, durably and atomically.

    Creates the file with a canonical UTF-8 header when it does not exist. With
    ``skip_known_ids`` the rows whose id the file already holds are left out, decided
    under the lock (two imports of one sheet at once write each entry once). Returns the
    rows written. A failed write (disk full) is cut back to the file's previous size
    before ``WriteError("write-failed")`` is raised: no partial line is ever left. With
    ``only_unreplaced`` (correct, withdraw) a row whose ``replaces`` the file already holds
    is ``entry-already-replaced``, decided under the lock: two corrections of one entry at
    once land once.
    """
    if not rows:
        return []
    made = _mkdirs(path.parent)
    try:
        with _lock(path):
            if only_unreplaced:
                _refuse_replaced(path, rows)
            return _append_locked(path, list(rows), skip_known_ids)
    except BaseException as exc:
        for d in reversed(made):  # folders this call created and left empty: take them back
            try:
                d.rmdir()
            except OSError:
                break
        if isinstance(exc, OSError):  # the lock's folder or file cannot be made (read-only, full)
            raise WriteError("unwritable-file", detail=_why(exc)) from None
        raise


def _append_locked(path: Path, rows: list[Mapping[str, Any]], skip_known_ids: bool) -> list[Mapping[str, Any]]:
    for stale in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):  # left by a killed writer
        stale.unlink(missing_ok=True)
    for _attempt in range(3):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = None
        if skip_known_ids and data:
            known = _file_ids(data)
            rows = [r for r in rows if not r.get("id") or r["id"] not in known]
            if not rows:
                return []
        if data is None:
            if _create(path, rows):
                return rows
            continue  # a file appeared meanwhile (not one of ours: we hold the lock): append to it
        if not data.strip():  # an empty file: append the header too (nothing to keep)
            _append(path, (format_row({c: c for c in COLUMNS}, COLUMNS)
                           + "".join(format_row(r, COLUMNS) for r in rows)).encode("utf-8"))
            return rows
        shape = _shape(data)
        fitted = [_fit(r, shape) for r in rows]
        _check_columns(shape, fitted, path)
        text = "".join(format_row(r, shape.columns, shape.newline) for r in fitted)
        if shape.needs_newline and data:
            text = shape.newline + text
        _append(path, text.encode(shape.encoding))
        return rows
    raise WriteError("write-failed", detail="the file kept changing")  # pragma: no cover


def _refuse_replaced(path: Path, rows: Sequence[Mapping[str, Any]]) -> None:
    """``entry-already-replaced`` at the line of the file's row that already replaces one
    that ``rows`` would replace."""
    wanted = {r.get("replaces") for r in rows} - {None, ""}
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    for line, eid, replaced in _file_cells(data, "replaces"):
        if replaced in wanted:
            raise WriteError("entry-already-replaced", id=replaced, by=eid, line=str(line))


def _file_cells(data: bytes, column: str) -> list[tuple[int, str, str]]:
    """(line, id, cell of ``column``) of each row of a ledger file that has both columns."""
    from .textio import decode_bytes

    try:
        text, _enc = decode_bytes(data)
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [canonical_column(h) for h in next(reader, [])]
        if "id" not in header or column not in header:
            return []
        i, c = header.index("id"), header.index(column)
        return [(reader.line_num, r[i].strip(), r[c].strip()) for r in reader if len(r) > max(i, c)]
    except (ValueError, csv.Error):
        return []


def _file_ids(data: bytes) -> set[str]:
    """The ids in a ledger file's ``id`` column (an unreadable file holds none we can see)."""
    return {eid for _line, eid, _same in _file_cells(data, "id") if eid}


def _append(path: Path, payload: bytes) -> None:
    """One append under the lock; on any failure the file is cut back to its old size."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        size = os.fstat(fd).st_size
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        except (OSError, WriteError) as exc:
            try:
                os.ftruncate(fd, size)
                os.fsync(fd)
            except OSError as again:
                raise WriteError("write-not-undone", detail=_why(exc), undo=_why(again), size=str(size)) from exc
            raise WriteError("write-failed", detail=_why(exc)) from exc
    finally:
        os.close(fd)


def _why(exc: BaseException) -> str:
    if isinstance(exc, WriteError):
        return exc.params.get("detail", exc.code)
    if isinstance(exc, OSError) and exc.errno is not None:
        import errno as _errno

        return f"{_errno.errorcode.get(exc.errno, exc.errno)}: {exc.strerror}"
    return str(exc)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - a regular file never writes nothing
            raise WriteError("short-write", detail=f"{len(payload) - len(view)} of {len(payload)} bytes")
        view = view[written:]


# link() fails with these where the file system has no hard links (FAT/exFAT, some shares)
_NO_LINKS = {getattr(errno, n) for n in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS", "EACCES")
             if hasattr(errno, n)}


def _create(path: Path, rows: Sequence[Mapping[str, Any]]) -> bool:
    """Create ``path`` whole (header and rows) via a temporary file; False if it exists."""
    text = format_row({c: c for c in COLUMNS}, COLUMNS) + "".join(format_row(r, COLUMNS) for r in rows)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise WriteError("write-failed", detail=_why(exc)) from exc
    try:
        try:
            _write_all(fd, text.encode("utf-8"))
            os.fsync(fd)
        except OSError as exc:
            raise WriteError("write-failed", detail=_why(exc)) from exc
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic, and never replaces a file that appeared meanwhile
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise WriteError("write-failed", detail=_why(exc)) from exc
            # no hard links here: rename, which is atomic too; every writer of this file
            # holds the lock, so the target checked absent stays absent until the rename
            if os.path.lexists(path):
                return False
            try:
                os.rename(tmp, path)
            except OSError as exc2:
                raise WriteError("write-failed", detail=_why(exc2)) from exc2
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover
            pass
    _fsync_dir(path.parent)
    return True


# -- reading one department's files ---------------------------------------------------


class OwnerEntries:
    """A ledger sink keeping the rows of a few targets, to replay with corrections applied."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Any, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        self.calls.append((tid, day, seq, is_total, value, stage, eid, replaces, row))

    def ids(self) -> set[str]:
        return {c[6] for c in self.calls}

    def replaced_by(self, eid: str) -> str | None:
        """The id of the last entry that corrects ``eid`` (None: it stands as filed)."""
        return next((c[6] for c in reversed(self.calls) if c[7] == eid), None)

    def _active(self, tid: str) -> list[tuple[Any, ...]]:
        replaced = {c[7] for c in self.calls if c[7]}
        return [c for c in self.calls if c[0] == tid and c[6] not in replaced]

    def progress(self, tid: str, as_of: date | None, extra: Iterable[tuple[Any, ...]] = (),
                 exclude: Iterable[str] = ()) -> Any:
        """The target's ``TargetProgress`` as of a date (corrections applied), with ``extra``
        calls added and the ids in ``exclude`` left out."""
        from .ledger import Progress

        calls = self._active(tid) + list(extra)
        replaced = {c[7] for c in calls if c[7]} | set(exclude)
        sink = Progress(as_of)
        for c in calls:
            if c[6] not in replaced:
                sink.add(*c)
        return sink.targets.get(tid)

    def entries(self, tid: str, keep_replaced: bool = False) -> list[Any]:
        """Whole entries of one target, by date (corrections applied unless ``keep_replaced``)."""
        from .ledger import History

        sink = History()
        for c in (self.calls if keep_replaced else self._active(tid)):
            if c[0] == tid:
                sink.add(*c)
        out = sink.entries.get(tid, [])
        out.sort(key=lambda e: e.date)
        return out

    def next_seq(self) -> int:
        return max((c[2] for c in self.calls), default=0) + 1


def read_owner(catalogue: Any, data_dir: Path, owner: str, targets: Iterable[str]) -> tuple[OwnerEntries, list[Path]]:
    """The rows of ``targets`` in ``owner``'s files only (see ``owner_files``)."""
    from .ledger import read_ledger

    files = owner_files(data_dir, owner)
    sink = OwnerEntries()
    read_ledger(catalogue, data_dir, sink, only=set(targets), check=False, files=files)
    return sink, files
