"""One pass over the ledger files, and the loads the commands use (corrections applied).

A big ledger is read in two processes where that measures faster (two cores, a fork):
this one reads the first half of the files, a forked child the second, and the child's
day records are merged in. The result is the one a single pass gives.
"""

from __future__ import annotations

import gc
import os
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import Problem
from ..model import Catalogue
from ..progress import DayBook, DayRecord, History, Progress, Timeline
from ..quantity import exact_context
from ..textio import display_path
from .corrections import check_corrections, cycles, prescan_replaced
from .files import PROGRESS_DIR, place, read_file_text, scan_folder
from .rows import Correction, RowReader, Sink, buckets_of

__all__ = ["LedgerScan", "ReadOptions", "read_ledger", "load_progress", "load_history", "load_timelines",
           "replaced_ids"]


class ReadOptions:
    """How to read (the CLI decides, from its options and environment): ``jobs`` processes
    (None: two on a big ledger where fork and two cores exist, else one); ``cache``: the
    cache folder (None: no cache)."""

    __slots__ = ("jobs", "cache")

    def __init__(self, jobs: int | None = None, cache: Path | None = None) -> None:
        self.jobs = jobs
        self.cache = cache


DEFAULT = ReadOptions()
PARALLEL_BYTES = 8 * 1024 * 1024  # below this a second process costs more than it saves


class LedgerScan:
    """What one pass over the ledger found."""

    __slots__ = ("problems", "files", "rows", "corrections", "excluded")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.files = 0
        self.rows = 0
        self.corrections: list[Correction] = []
        self.excluded: set[tuple[str, str]] = set()  # (id, target) of the entries left out

    def __repr__(self) -> str:
        return f"LedgerScan(files={self.files}, rows={self.rows}, problems={len(self.problems)})"


def _read_files(reader: RowReader, data_dir: Path, files: list[Path], scan: LedgerScan) -> None:
    root = data_dir / PROGRESS_DIR
    for file in files:
        scan.files += 1
        path = display_path(file)
        text, problems = read_file_text(file, path)
        if text is None and reader.check:
            scan.problems.extend(problems)
        reader.file_text(text, path, place(file, root), file.suffix)


def _finish(reader: RowReader, scan: LedgerScan) -> None:
    scan.rows += reader.rows
    scan.problems.extend(reader.problems)
    scan.corrections.extend(reader.corrections)
    scan.excluded |= reader.excluded


def read_ledger(
    catalogue: Catalogue, data_dir: Path, sink: Sink, *, only: Iterable[str] | None = None,
    exclude: Iterable[str] = (), check: bool = True, files: list[Path] | None = None,
    options: ReadOptions = DEFAULT,
) -> LedgerScan:
    """Judge every ledger row and feed the good ones to ``sink``; collect every problem
    (duplicate ids, odd files in the folder, links that are not followed)."""
    folder_problems: list[Problem] = []
    strays: list[Path] = []
    if files is None:
        files, strays, folder_problems = scan_folder(data_dir)
    # Reading makes millions of short-lived lists and no reference cycles; the cyclic
    # collector would walk every live object again and again, so it rests until the end.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with exact_context():
            scan = _read(catalogue, data_dir, sink, only, exclude, check, files, options)
    finally:
        if enabled:
            gc.enable()
    if check:
        _add_folder_problems(scan, strays, folder_problems)
    return scan


def _add_folder_problems(scan: LedgerScan, strays: list[Path], folder_problems: list[Problem]) -> None:
    """What the folder itself holds wrong: links not followed, odd names, files of another type."""
    scan.problems.extend(folder_problems)
    for stray in strays:
        scan.problems.append(Problem("unknown-file-type", display_path(stray),
                                     params={"suffix": stray.suffix or stray.name}))


def _jobs(files: list[Path], options: ReadOptions) -> int:
    if options.jobs is not None:
        return max(1, options.jobs) if hasattr(os, "fork") else 1
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return 1
    try:
        return 2 if sum(f.stat().st_size for f in files) >= PARALLEL_BYTES else 1
    except OSError:
        return 1


def _read(catalogue: Catalogue, data_dir: Path, sink: Sink, only: Iterable[str] | None, exclude: Iterable[str],
          check: bool, files: list[Path], options: ReadOptions) -> LedgerScan:
    if isinstance(sink, DayBook) and len(files) > 1 and _jobs(files, options) > 1:
        scan = _read_parallel(catalogue, data_dir, sink, only, exclude, check, files, options)
        if scan is not None:
            return scan
    scan = LedgerScan()
    reader = RowReader(catalogue, sink, only=only, exclude=exclude, check=check, cache_dir=options.cache)
    _read_files(reader, data_dir, files, scan)
    _finish(reader, scan)
    if check:
        _report_duplicates(catalogue, data_dir, files, scan, reader.duplicate_hashes())
    return scan


def half_cut(sizes: list[int]) -> int:
    """Where to cut a list of files of these sizes into two halves of about equal bytes."""
    half, acc = sum(sizes) / 2, 0
    for i, size in enumerate(sizes):
        acc += size
        if acc >= half:
            return i + 1
    return len(sizes)


def in_two_processes(child: Callable[[], Any], parent: Callable[[], Any]) -> tuple[Any, Any]:
    """``(parent(), child())`` with ``child`` run in a forked process, its result sent back
    pickled over a pipe (from our own child, never from a file); the child's part is None
    when it failed (the caller then does it itself)."""
    import pickle

    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its part, sent back, then leave at once
        code = 0
        try:
            os.close(rfd)
            payload = pickle.dumps(child(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(wfd, "wb") as out:
                out.write(payload)
        except BaseException:  # pragma: no cover - the parent does it in one process
            code = 1
        finally:
            os._exit(code)
    os.close(wfd)
    try:
        mine = parent()
    finally:
        with os.fdopen(rfd, "rb") as inp:
            payload = inp.read()
        _pid, status = os.waitpid(pid, 0)
    return mine, (pickle.loads(payload) if status == 0 and payload else None)


def _read_parallel(catalogue: Catalogue, data_dir: Path, sink: DayBook, only: Iterable[str] | None,
                   exclude: Iterable[str], check: bool, files: list[Path], options: ReadOptions) -> LedgerScan | None:
    """Two processes, each half of the files (by size); None when the child failed."""
    cut = half_cut([f.stat().st_size for f in files])
    first, second = files[:cut], files[cut:]
    if not second:
        return None

    def child() -> tuple[Any, ...]:  # the second half
        book = DayBook(sink.as_of, history=sink.history)
        child_scan = LedgerScan()
        reader = RowReader(catalogue, book, only=only, exclude=exclude, check=check, cache_dir=options.cache)
        reader.seq = 1 << 40  # after every row of the first half
        _read_files(reader, data_dir, second, child_scan)
        _finish(reader, child_scan)
        buckets = [b.tobytes() for b in reader.id_hashes]
        # plain values only: compiled (mypyc) classes are not pickled
        days = {tid: {d: r.as_list() for d, r in by_day.items()} for tid, by_day in book.days.items()}
        corrections = [(c.replaced, c.target, c.path, c.line, c.eid, c.withdraw) for c in child_scan.corrections]
        child_scan.corrections = []
        return days, book._dropped, child_scan, corrections, buckets

    scan = LedgerScan()
    reader = RowReader(catalogue, sink, only=only, exclude=exclude, check=check, cache_dir=options.cache)
    _none, theirs = in_two_processes(child, lambda: _read_files(reader, data_dir, first, scan))
    if theirs is None:
        sink.days.clear()
        return None
    plain_days, dropped, child_scan, corrections, raw_buckets = theirs
    days = {tid: {d: DayRecord(*r) for d, r in by_day.items()} for tid, by_day in plain_days.items()}
    child_scan.corrections = [Correction(*c) for c in corrections]
    _finish(reader, scan)
    scan.files += child_scan.files
    scan.rows += child_scan.rows
    scan.problems.extend(child_scan.problems)
    scan.corrections.extend(child_scan.corrections)
    scan.excluded |= child_scan.excluded
    other = DayBook()
    other.days, other._dropped = days, dropped
    sink.merge(other)
    if check:
        _report_duplicates(catalogue, data_dir, files, scan, reader.duplicate_hashes(buckets_of(raw_buckets)))
    return scan


class _Locate:
    """Sink that notes where the entries whose id hashes are in ``want`` are."""

    def __init__(self, want: set[int]) -> None:
        self.want = want
        self.seen: dict[str, list[tuple[str, int]]] = {}

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Any, stage: Any, eid: str,
            replaces: Any, row: tuple[Any, ...]) -> None:
        if hash(eid) in self.want:
            self.seen.setdefault(eid, []).append((row[3], row[4]))


def _report_duplicates(catalogue: Catalogue, data_dir: Path, files: list[Path], scan: LedgerScan,
                       hashes: set[int]) -> None:
    """Each entry id used twice, at every later use, naming the first (found only on error)."""
    if not hashes:
        return
    finder = _Locate(hashes)
    reader = RowReader(catalogue, finder, check=False)
    _read_files(reader, data_dir, files, LedgerScan())
    for eid, places in finder.seen.items():
        first = f"{places[0][0]}:{places[0][1]}"
        for path, line in places[1:]:
            scan.problems.append(Problem("duplicate-entry-id", path, line, "id", {"id": eid, "first": first}))


# -- corrections applied -----------------------------------------------------------------


def _load(catalogue: Catalogue, data_dir: Path, make_sink: Callable[[], Any], only: Iterable[str] | None,
          options: ReadOptions) -> tuple[Any, LedgerScan]:
    """A pass that leaves out the entries that good corrections and withdrawals replace.

    The ids that rows name in ``replaces`` are found cheaply first (``prescan_replaced``);
    if the pass shows that it left out the wrong ones (a bad correction row, a ring of
    corrections), one more pass with the right set."""
    files, strays, folder_problems = scan_folder(data_dir)
    guess = prescan_replaced(files)
    sink = make_sink()
    scan = read_ledger(catalogue, data_dir, sink, only=only, exclude=guess or (), files=files, options=options)
    ring = cycles(scan.corrections)
    wanted = {c.replaced for c in scan.corrections if c.eid not in ring}
    left_out = {eid for eid, _tid in scan.excluded}
    # right when every wanted id was left out if it exists (it was in the guess) and
    # nothing else was left out
    if guess is None or not wanted <= guess or not left_out <= wanted:
        sink = make_sink()
        again = read_ledger(catalogue, data_dir, sink, only=only, exclude=wanted, files=files, check=False,
                            options=options)
        scan.excluded = again.excluded
    known = {eid: tid for eid, tid in scan.excluded}
    scan.problems.extend(check_corrections(scan.corrections, known, ring))
    _add_folder_problems(scan, strays, folder_problems)
    return sink, scan


def load_progress(catalogue: Catalogue, data_dir: Path, as_of: date | None,
                  options: ReadOptions = DEFAULT) -> tuple[Progress, LedgerScan]:
    """Each target's ledger as of a date for status, corrections applied, with every problem
    (read file by file, each file's result kept in the cache when ``options.cache``)."""
    from .byfile import load_progress_by_file

    return load_progress_by_file(catalogue, data_dir, as_of, options)


def load_timelines(catalogue: Catalogue, data_dir: Path, as_of: date | None = None,
                   only: Iterable[str] | None = None,
                   options: ReadOptions = DEFAULT) -> tuple[dict[str, Timeline], LedgerScan]:
    """Each target's :class:`Timeline` from the entries dated up to ``as_of``: what the reports read."""
    book, scan = _load(catalogue, data_dir, lambda: DayBook(as_of), only, options)
    with exact_context():
        return book.timelines(), scan


def load_history(catalogue: Catalogue, data_dir: Path, as_of: date | None = None,
                 only: Iterable[str] | None = None, keep_replaced: bool = False,
                 options: ReadOptions = DEFAULT) -> tuple[History, LedgerScan]:
    """Whole entries per target (sorted by date), corrections applied unless ``keep_replaced``."""
    if keep_replaced:
        sink = History(as_of)
        scan = read_ledger(catalogue, data_dir, sink, only=only, options=options)
    else:
        sink, scan = _load(catalogue, data_dir, lambda: History(as_of), only, options)
    for entries in sink.entries.values():
        entries.sort(key=lambda e: e.date)
    return sink, scan


def replaced_ids(history: History) -> set[str]:
    """Ids that some entry in ``history`` replaces."""
    return {e.replaces for es in history.entries.values() for e in es if e.replaces}
