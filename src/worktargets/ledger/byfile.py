"""Status's read of the ledger, file by file: each file's result on its own, then merged.

Each file is read alone, as if no other file existed (no entry left out, no date cut),
into a plain result: its rows' problems, corrections and entry ids, and its entries
folded by ``progress.DayBook`` without history (compacted: ``DayBook.compact``). That
result depends only on the file's bytes and the catalogue, so it is what the ledger
cache keeps (``ledger.cache``). The results are then merged in file order, which is
read order (a file's entries come after every entry of the files before it):

- the entries that corrections replace: the ids that rows name in ``replaces`` are
  guessed cheaply before the files are read (``prescan_replaced``, and the corrections of
  the results the cache holds), and each file is read leaving out the guessed ids it
  holds (its result says which: ``left_out``); only a file whose guess proves wrong once
  every file's corrections are known is read again, with the right ones;
- a file with entries on both sides of the as-of date is read again with the date;
- an id used twice is found from every file's ids, in cached files too.

The result is the one ``read_ledger`` gives in one pass, problem for problem.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..model import Catalogue
from ..progress import DayBook, Progress
from ..quantity import exact_context
from ..textio import digest, display_path, read_bytes, text_of
from .corrections import check_corrections, cycles, prescan_replaced
from .files import PROGRESS_DIR, place, scan_folder
from .rows import Correction, RowReader, buckets_of, seen_twice

if TYPE_CHECKING:
    from .cache import LedgerCache

__all__ = ["load_progress_by_file"]

_SEQ = 32  # file i's entries are read after those of files 0..i-1: seq + (i + 1) << 32
# below this a ledger is read faster than its cached results are loaded and checked (and
# a small ledger's status then starts without importing json or OpenSSL)
CACHE_BYTES = 1 << 20


def _size(files: list[Path]) -> int:
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            pass
        if total >= CACHE_BYTES:
            break
    return total


class FileResult:
    """One file's read on its own (seqs local to the file)."""

    __slots__ = ("rows", "problems", "corrections", "targets", "ids", "days", "dropped", "runs", "first", "last",
                 "excluded", "left_out", "storable")

    def __init__(self) -> None:
        self.rows = 0
        self.problems: list[Problem] = []
        self.corrections: list[Correction] = []
        self.targets: set[str] = set()
        self.ids = ""  # the explicit entry ids, one a line
        self.days: dict[str, list[list[Any]]] = {}  # ``DayBook.plain_days`` of the file's own book
        self.dropped: dict[str, int] = {}
        self.runs: dict[str, Any] = {}  # ``DayBook.compact``: target -> [first, last] ISO day
        self.first: date | None = None  # the earliest and latest date of the file's rows
        self.last: date | None = None
        self.excluded: set[tuple[str, str]] = set()
        self.left_out: set[str] = set()  # the ids the read was told to leave out (``hits``)
        self.storable = True  # False: an id holds a line break, the ids cannot be kept one a line

    def id_list(self) -> list[str]:
        """The explicit ids (made again each time: a million of them weigh 60 MB)."""
        return self.ids.split("\n") if self.ids else []


def _opt(v: Any) -> str | None:
    return None if v is None else str(v)


def to_plain(r: FileResult) -> dict[str, Any]:
    """The result as JSON values."""
    return {
        "rows": r.rows, "ids": r.ids, "targets": sorted(r.targets),
        "problems": [[p.code, p.path, p.line, p.field, p.params, p.severity] for p in r.problems],
        "corrections": [[c.replaced, c.target, c.path, c.line, c.eid, c.withdraw] for c in r.corrections],
        "days": r.days, "dropped": r.dropped,
        "runs": {tid: list(run) for tid, run in r.runs.items()},
        "first": _opt(r.first and r.first.isoformat()), "last": _opt(r.last and r.last.isoformat()),
        "excluded": sorted(r.excluded), "left_out": sorted(r.left_out),
    }


def _need(ok: bool) -> None:
    if not ok:
        raise ValueError("not a ledger cache entry")


def _s(v: Any) -> bool:
    return v is None or v.__class__ is str


def _i(v: Any) -> bool:
    return v.__class__ is int


def _day(v: Any) -> date | None:
    _need(_s(v))
    return None if v is None else date.fromisoformat(v)


def from_plain(d: dict[str, Any]) -> FileResult:
    """A result from JSON values; ValueError (or TypeError, ArithmeticError) when they are not one."""
    r = FileResult()
    _need(_i(d["rows"]) and isinstance(d["ids"], str))
    r.rows, r.ids = d["rows"], d["ids"]
    r.targets = set(d["targets"])
    for code, path, line, fld, params, severity in d["problems"]:
        _need(isinstance(code, str) and isinstance(path, str) and (line is None or _i(line)) and _s(fld)
              and isinstance(params, dict) and all(isinstance(v, str) for v in params.values()))
        r.problems.append(Problem(code, path, line, fld, params, severity))
    for replaced, target, path, line, eid, withdraw in d["corrections"]:
        _need(all(isinstance(x, str) for x in (replaced, target, path, eid)) and _i(line)
              and isinstance(withdraw, bool))
        r.corrections.append(Correction(replaced, target, path, line, eid, withdraw))
    _need(isinstance(d["days"], dict) and isinstance(d["dropped"], dict))  # the days are checked as merged
    r.days, r.dropped = d["days"], d["dropped"]
    _need(isinstance(d["runs"], dict))
    r.runs = d["runs"]  # checked as merged (``runs_hold``)
    r.first, r.last = _day(d["first"]), _day(d["last"])
    r.excluded = {(a, b) for a, b in d["excluded"]}
    _need(isinstance(d["left_out"], list) and all(isinstance(x, str) for x in d["left_out"]))
    r.left_out = set(d["left_out"])
    return r


def hits(ids: set[str], ids_of: Any, rel: str) -> set[str]:
    """The ids of ``ids`` that may name an entry of the file at ``rel`` whose explicit
    ids ``ids_of()`` gives: what a read of it leaves out (a row without an id is named
    ``rel:line``)."""
    if not ids:
        return set()
    return ids.intersection(ids_of()) | {w for w in ids if w.startswith(rel + ":")}


# -- reading ---------------------------------------------------------------------------


def _read_one(reader: RowReader, file: Path, shown: str, rel: str, raw: bytes | None,
              problems: list[Problem], as_of: date | None) -> FileResult:
    """One file alone, its bytes already read (None: unreadable, ``problems`` say why)."""
    r = FileResult()
    book = DayBook(as_of, history=False)
    reader.sink = book
    reader.seq = 0
    reader.dates = {}
    reader.file_ids = []
    reader.problems = []
    reader.corrections = []
    reader.excluded = set()
    rows = reader.rows
    text = None
    if raw is not None:
        text, _enc, problems = text_of(raw, shown)
    if text is None:
        r.problems.extend(problems)
    r.targets = reader.file_text(text, shown, rel, file.suffix)
    r.rows = reader.rows - rows
    r.problems.extend(reader.problems)
    r.corrections = reader.corrections
    r.excluded = reader.excluded
    r.ids = "\n".join(reader.file_ids)
    r.storable = r.ids.count("\n") == max(0, len(reader.file_ids) - 1)
    days = [d for d in reader.dates.values() if d.__class__ is date]
    if days:
        r.first, r.last = min(days), max(days)
    if reader.exclude:
        r.left_out = hits(reader.exclude, lambda: reader.file_ids, rel)  # type: ignore[arg-type]
    r.runs = book.compact()
    r.days, r.dropped = book.plain_days(), book._dropped
    return r


def read_some(catalogue: Catalogue, metas: list[tuple[Path, str, str]], cache: LedgerCache | None,
               cache_dir: Path | None, exclude: frozenset[str] = frozenset(),
               ) -> tuple[list[tuple[dict[str, Any], str | None, str | None, bool]], list[bytes]]:
    """Each file read alone, leaving out the entries of ``exclude``: (plain result, digest,
    key); served from the cache when its content is there, stored there when not. Then
    the reader's id hashes in their 256 buckets, of the files read (as bytes)."""
    reader = RowReader(catalogue, DayBook(), exclude=exclude, check=True, cache_dir=cache_dir)
    out: list[tuple[dict[str, Any], str | None, str | None, bool]] = []
    with exact_context():
        for file, shown, rel in metas:
            raw, problems = read_bytes(file, shown)
            file_digest = key = None
            if raw is not None and cache is not None:
                file_digest = digest(raw)
                key = cache.key(file_digest, shown, rel)
                got = cache.get(key)
                if got is not None:
                    try:
                        from_plain(got)
                        out.append((got, file_digest, key, False))  # its ids are in no bucket
                        continue
                    except (ValueError, TypeError, KeyError, ArithmeticError, AttributeError):
                        pass
            result = _read_one(reader, file, shown, rel, raw, problems, None)
            plain = to_plain(result)
            if key is not None and result.storable:
                cache.put(key, plain)  # type: ignore[union-attr]
            elif key is not None:
                key = None  # an id with a line break in it: not kept
            out.append((plain, file_digest, key, True))
    return out, [bucket.tobytes() for bucket in reader.id_hashes]


def _read_split(catalogue: Catalogue, metas: list[tuple[Path, str, str]], cache: LedgerCache | None,
                options: Any, exclude: frozenset[str],
                ) -> tuple[list[tuple[dict[str, Any], str | None, str | None, bool]], list[bytes]]:
    """``read_some`` in two processes where that measures faster (see ``read._jobs``)."""
    from .read import _jobs, half_cut, in_two_processes

    if len(metas) < 2 or _jobs([m[0] for m in metas], options) < 2:
        return read_some(catalogue, metas, cache, options.cache, exclude)
    sizes = []
    for m in metas:
        try:
            sizes.append(m[0].stat().st_size)
        except OSError:
            sizes.append(0)
    cut = half_cut(sizes)
    if cut >= len(metas):
        return read_some(catalogue, metas, cache, options.cache, exclude)
    # the child's hashes are ours (forked), so its buckets merge with the parent's
    (mine, buckets), theirs = in_two_processes(
        lambda: read_some(catalogue, metas[cut:], cache, options.cache, exclude),
        lambda: read_some(catalogue, metas[:cut], cache, options.cache, exclude))
    if theirs is None:
        theirs = read_some(catalogue, metas[cut:], cache, options.cache, exclude)
    return mine + theirs[0], [a + b for a, b in zip(buckets, theirs[1])]


# -- merging ---------------------------------------------------------------------------


def _duplicates(results: list[FileResult], keys: list[str | None],
                memo: tuple[set[str], bool] | None, buckets: list[bytes] | None) -> set[str]:
    """The explicit ids used more than once; the files of the last read known free of
    them are not compared with each other again. Compared by hash first (a million ids
    as strings in a set would weigh 100 MB), then exactly. ``buckets``: the readers'
    id hashes when every file was read (none came from the cache)."""
    if buckets is not None:
        return _exact(results, seen_twice(buckets_of(buckets)))
    old: list[int] = []
    new = list(range(len(results)))
    if memo is not None and not memo[1] and all(k is not None for k in keys):
        old = [i for i, k in enumerate(keys) if k in memo[0]]
        new = [i for i, k in enumerate(keys) if k not in memo[0]]
    twice: set[int] = set()
    seen: set[int] = set()
    for i in new:
        ids = results[i].id_list()
        here = set(map(hash, ids))
        if len(here) != len(ids):
            once: set[int] = set()
            for h in map(hash, ids):
                if h in once:
                    twice.add(h)
                once.add(h)
        twice |= seen & here
        seen |= here
    if seen:
        for i in old:
            common = seen.intersection(map(hash, results[i].id_list()))
            twice |= common
    del seen
    return _exact(results, twice)


def _exact(results: list[FileResult], twice: set[int]) -> set[str]:
    """The ids whose hashes are in ``twice`` that are used more than once."""
    if not twice:
        return set()
    counts: dict[str, int] = {}
    for r in results:
        for x in r.id_list():
            if hash(x) in twice:
                counts[x] = counts.get(x, 0) + 1
    return {x for x, n in counts.items() if n > 1}


def load_progress_by_file(catalogue: Catalogue, data_dir: Path, as_of: date | None, options: Any,
                          trust: bool = True) -> tuple[Progress, Any]:
    """``load_progress``: each file's own result (cached by content), merged in read order
    (``trust=False``: no stored result is used; every file is read and stored again)."""
    import gc

    # as in ``read_ledger``: millions of short-lived objects and no reference cycles, so
    # the cyclic collector, which would walk every live object again and again, rests
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_by_file(catalogue, data_dir, as_of, options, trust)
    finally:
        if enabled:
            gc.enable()


def _load_by_file(catalogue: Catalogue, data_dir: Path, as_of: date | None, options: Any,
                  trust: bool) -> tuple[Progress, Any]:
    from .read import LedgerScan, _add_folder_problems, _report_duplicates

    files, strays, folder_problems = scan_folder(data_dir)
    root = data_dir / PROGRESS_DIR
    metas = [(f, display_path(f), place(f, root)) for f in files]
    cache = None
    if options.cache is not None and _size(files) >= CACHE_BYTES:
        from .cache import LedgerCache  # json is imported only for a ledger worth caching

        cache = LedgerCache(options.cache, catalogue)
    if cache is not None:
        cache.trusted = trust
        if trust:
            from .state import fast_load

            got = fast_load(catalogue, data_dir, as_of, options, cache, metas)
            if got is not None:
                _add_folder_problems(got[1], strays, folder_problems)
                return got
    results: list[FileResult | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    stats: dict[int, list[Any] | None] = {}
    todo: list[int] = []
    for i, (file, shown, rel) in enumerate(metas):
        if cache is not None:
            known, stat = cache.known_digest(file)
            stats[i] = stat
            if known is not None:
                key = cache.key(known, shown, rel)
                got = cache.get(key)
                if got is not None:
                    try:
                        results[i], keys[i] = from_plain(got), key
                        continue
                    except (ValueError, TypeError, KeyError, ArithmeticError, AttributeError):
                        pass
        todo.append(i)
    read, buckets = _read_split(catalogue, [metas[i] for i in todo], cache, options,
                                _guess(files, todo, results))
    for i, (plain, file_digest, key, _parsed) in zip(todo, read):
        results[i], keys[i] = from_plain(plain), key
        if cache is not None and file_digest is not None:
            cache.note_digest(metas[i][0], stats.get(i), file_digest)
    done: list[FileResult] = results  # type: ignore[assignment]

    scan = LedgerScan()
    scan.files = len(files)
    for r in done:
        scan.rows += r.rows
        scan.problems.extend(r.problems)
        scan.corrections.extend(r.corrections)
    memo = cache.memo(data_dir) if cache is not None else None
    every = len(todo) == len(files) and all(parsed for *_x, parsed in read)
    dups = _duplicates(done, keys, memo, buckets if every else None)
    if dups:
        hashes = {hash(x) for x in dups}
        _report_duplicates(catalogue, data_dir, [f for f, r in zip(files, done) if not dups.isdisjoint(r.id_list())],
                           scan, hashes)

    ring = cycles(scan.corrections)
    wanted = {c.replaced for c in scan.corrections if c.eid not in ring}
    # a file is read again when what it left out is not what the corrections replace in
    # it (the guess named a bad row's id, a ring, a quoted id), or to cut it at the date
    again = [i for i, r in enumerate(done)
             if ((wanted or r.left_out) and hits(wanted, r.id_list, metas[i][2]) != r.left_out)
             or (as_of is not None and r.first is not None and r.first <= as_of < r.last)]  # type: ignore[operator]
    for i in again:
        done[i] = _read_again(catalogue, metas[i], done[i], keys[i], wanted, as_of, cache, options)
    for r in done:
        scan.excluded |= r.excluded
    known = {eid: tid for eid, tid in scan.excluded}
    scan.problems.extend(check_corrections(scan.corrections, known, ring))
    _add_folder_problems(scan, strays, folder_problems)

    progress = Progress(as_of)
    with exact_context():
        try:
            for i, r in enumerate(done):
                if as_of is not None and r.first is not None and as_of < r.first:
                    continue  # every entry of the file is dated after the as-of date
                progress.merge_plain(r.days, r.dropped, (i + 1) << _SEQ)
        except (ValueError, TypeError, KeyError, ArithmeticError, AttributeError):
            if not trust:  # pragma: no cover - a fresh read is always well formed
                raise
            # a cache entry that parsed but does not hold days: every file read again
            return _load_by_file(catalogue, data_dir, as_of, options, trust=False)
        try:
            held = all(progress.runs_hold(r.runs) for r in done)
        except (ValueError, TypeError, KeyError, AttributeError):
            if not trust:  # pragma: no cover - a fresh read is always well formed
                raise
            return _load_by_file(catalogue, data_dir, as_of, options, trust=False)
        if not held:
            progress = _uncompacted(catalogue, data_dir, as_of, options)
    if cache is not None:
        cache.save(data_dir, [k for k in keys if k is not None], bool(dups), memo, len(todo))
        last = max((r.last for r in done if r.last is not None), default=None)
        # a first read of the folder (every file read) does not pay for the state
        if (held and not scan.problems and len(todo) < len(files) and all(k is not None for k in keys)
                and (as_of is None or last is None or last <= as_of)):
            from .state import save_after_read

            save_after_read(cache.folder, data_dir, cache.stamp, metas, keys, done, wanted,  # type: ignore[arg-type]
                            progress)
    return progress, scan


def _read_again(catalogue: Catalogue, meta: tuple[Path, str, str], first: FileResult, key: str | None,
                wanted: set[str], as_of: date | None, cache: LedgerCache | None, options: Any) -> FileResult:
    """A file read again, leaving out the entries that corrections replace, or cut at the
    as-of date; kept in the cache under its key, those ids and the date."""
    file, shown, rel = meta
    left_out = hits(wanted, first.id_list, rel)
    cut = as_of is not None and first.first is not None and first.first <= as_of < first.last  # type: ignore[operator]
    again_key = None
    if cache is not None and key is not None:
        again_key = digest(key.encode(), "\n".join(sorted(left_out)).encode("utf-8", "surrogatepass"),
                           (as_of.isoformat() if cut and as_of is not None else "").encode())
        got = cache.get(again_key)
        if got is not None:
            try:
                return from_plain(got)
            except (ValueError, TypeError, KeyError, ArithmeticError, AttributeError):
                pass
    reader = RowReader(catalogue, DayBook(), exclude=left_out, check=True, cache_dir=options.cache)
    raw, problems = read_bytes(file, shown)
    with exact_context():
        fresh = _read_one(reader, file, shown, rel, raw, problems, as_of if cut else None)
    fresh.ids = first.ids
    if again_key is not None:
        cache.put(again_key, to_plain(fresh))  # type: ignore[union-attr]
    return fresh


def _guess(files: list[Path], todo: list[int], results: list[FileResult | None]) -> frozenset[str]:
    """The ids the files still to read should leave out: those named in ``replaces`` by
    the rows of those files (``prescan_replaced``, a superset) and by the cached results'
    corrections; none when the files cannot be told cheaply (then the files they hit are
    read again)."""
    if not todo:
        return frozenset()
    guess = prescan_replaced([files[i] for i in todo])
    if guess is None:
        return frozenset()
    for r in results:
        if r is not None:
            guess.update(c.replaced for c in r.corrections)
    return frozenset(guess)


def _uncompacted(catalogue: Catalogue, data_dir: Path, as_of: date | None, options: Any) -> Progress:
    """The rare ledger where a total of one file falls inside another's run of increments:
    the entries read in one pass, as they are."""
    from .read import ReadOptions, _load

    progress, _scan = _load(catalogue, data_dir, lambda: Progress(as_of), None, ReadOptions(jobs=options.jobs))
    return progress  # type: ignore[no-any-return]
