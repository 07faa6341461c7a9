"""The ledger cache: each ledger file's read result, kept as JSON under ``<cache>/ledger/``.

An entry is keyed by what decides the result: the SHA-256 of the file's bytes, the path
shown in problems and the file's place in the folder, what the rows are checked against
in the catalogue (the plan year and each target's id, unit, kind and stages), this
cache's format and the reading code. JSON cannot run anything when loaded; an entry that
does not parse, names another key or format, or holds values of the wrong shape is a
miss, and the file is read again. Entries are written atomically (a temporary file, then
a rename); a cache that cannot be written costs only speed.

Hashing every file on every run would cost more than reading the cached results, so an
index notes each file's digest with its device, inode, size, change and modification
times; the digest is taken again whenever any of them differs, or when the file was
changed less than two seconds before its digest was taken (a change within the clock's
resolution could otherwise go unseen).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from ..model import Catalogue
from ..textio import digest, make_private_dir

__all__ = ["LedgerCache", "FORMAT"]

FORMAT = 2  # the shape of an entry; another number is never read
_RACY_NS = 2_000_000_000
_KEEP = 4096  # entries beyond this (and beyond 4 per file read) are pruned, oldest first
_CODE = ("ledger/rows.py", "ledger/read.py", "ledger/byfile.py", "ledger/cache.py", "ledger/files.py",
         "progress.py", "quantity.py", "dates.py", "errors.py", "textio.py", "yamlsafe.py", "model.py")


def _code_stamp() -> str:
    """The package version and the size and mtime of every module that reads a ledger file."""
    from .. import __version__

    here = Path(__file__).resolve().parent.parent
    parts = [__version__, str(FORMAT)]
    for name in _CODE:
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(name)
    return "|".join(parts)


def _catalogue_stamp(catalogue: Catalogue) -> str:
    """What a file's rows are judged against: the plan year, each target's id, unit, kind, stages."""
    rows = [[t.id, t.unit, str(getattr(t.kind, "value", t.kind)), list(t.stages or ())] for t in catalogue.targets]
    return digest(json.dumps([catalogue.plan.year, rows], ensure_ascii=False).encode("utf-8", "surrogatepass"))


class LedgerCache:
    """The per-file results of one data folder's ledger, and the index of its files' digests."""

    def __init__(self, folder: Path, catalogue: Catalogue) -> None:
        self.folder = folder / "ledger"
        self.stamp = digest(_code_stamp().encode(), _catalogue_stamp(catalogue).encode())
        self.index: dict[str, list[Any]] = {}
        self.index_changed = False
        self.written = 0
        self.trusted = True  # False: no entry is read (a rebuild after a damaged one)
        self.current: list[str] = []  # the index names of the files of this read
        try:
            with open(self.folder / "index.json", "rb") as fh:
                doc = json.loads(fh.read())
            if isinstance(doc, dict) and doc.get("v") == FORMAT and isinstance(doc.get("files"), dict):
                self.index = doc["files"]
        except (OSError, ValueError):
            pass

    # -- digests ---------------------------------------------------------------------
    def known_digest(self, file: Path) -> tuple[str | None, list[Any] | None]:
        """(digest, stat) of a file whose index entry still fits it (digest None: hash it)."""
        try:
            st = os.stat(file)
        except OSError:
            return None, None
        now = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        name = os.path.abspath(file)
        self.current.append(name)
        got = self.index.get(name)
        if (isinstance(got, list) and len(got) == 7 and got[:5] == now and isinstance(got[5], str)
                and isinstance(got[6], int) and got[6] - max(st.st_mtime_ns, st.st_ctime_ns) > _RACY_NS):
            return got[5], now
        return None, now

    def note_digest(self, file: Path, stat: list[Any] | None, file_digest: str) -> None:
        """Remember the digest of a file just hashed."""
        if stat is not None:
            self.index[os.path.abspath(file)] = [*stat, file_digest, time.time_ns()]
            self.index_changed = True

    # -- entries ---------------------------------------------------------------------
    def key(self, file_digest: str, shown: str, rel: str) -> str:
        """The entry key of a file's result."""
        return digest(self.stamp.encode(), file_digest.encode(), shown.encode("utf-8", "surrogatepass"),
                      rel.encode("utf-8", "surrogatepass"))

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored result under ``key``, or None (missing, damaged, foreign)."""
        if not self.trusted:
            return None
        try:
            with open(self.folder / f"{key}.json", "rb") as fh:
                doc = json.loads(fh.read())
        except (OSError, ValueError):
            return None
        if not isinstance(doc, dict) or doc.get("v") != FORMAT or doc.get("key") != key:
            return None
        data = doc.get("data")
        return data if isinstance(data, dict) else None

    def put(self, key: str, data: dict[str, Any]) -> None:
        """Store a result atomically; a cache that cannot be written costs only speed."""
        try:
            make_private_dir(self.folder)
            self._write(f"{key}.json", {"v": FORMAT, "key": key, "data": data})
            self.written += 1
        except (OSError, ValueError, TypeError):
            pass

    def _write(self, name: str, doc: Any) -> None:
        tmp = self.folder / f".{name}.{os.getpid()}.tmp"
        try:
            tmp.write_bytes(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8",
                                                                                              "surrogatepass"))
            os.replace(tmp, self.folder / name)
        finally:
            tmp.unlink(missing_ok=True)

    # -- the folder's memo of duplicate ids -------------------------------------------
    def memo_name(self, data_dir: Path) -> str:
        return "folder-" + digest(str(data_dir.resolve()).encode("utf-8", "surrogatepass"))[:32] + ".json"

    def memo(self, data_dir: Path) -> tuple[set[str], bool] | None:
        """(keys of the last read, whether ids were used twice among them), or None."""
        try:
            with open(self.folder / self.memo_name(data_dir), "rb") as fh:
                doc = json.loads(fh.read())
            if doc.get("v") == FORMAT and isinstance(doc.get("keys"), list) and isinstance(doc.get("dups"), bool):
                return set(doc["keys"]), doc["dups"]
        except (OSError, ValueError, AttributeError, TypeError):
            pass
        return None

    def save(self, data_dir: Path, keys: list[str], dups: bool, memo: tuple[set[str], bool] | None,
             files_read: int) -> None:
        """Write the index and the folder's memo when they changed; prune old entries."""
        try:
            make_private_dir(self.folder)
            if memo is None or memo[0] != set(keys) or memo[1] != dups:
                self._write(self.memo_name(data_dir), {"v": FORMAT, "keys": keys, "dups": dups})
            if self.index_changed:
                if len(self.index) > 4 * _KEEP:  # forget the files of other folders
                    here = set(self.current)
                    self.index = {k: v for k, v in self.index.items() if k in here}
                self._write("index.json", {"v": FORMAT, "files": self.index})
            if self.written:
                self._prune(max(_KEEP, 4 * files_read))
        except (OSError, ValueError, TypeError):
            pass

    def _prune(self, keep: int) -> None:
        entries = [e for e in os.scandir(self.folder) if e.name.endswith(".json") and not e.name.startswith(
            ("index", "folder-"))]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for old in entries[keep:]:
            try:
                os.unlink(old.path)
            except OSError:
                pass
