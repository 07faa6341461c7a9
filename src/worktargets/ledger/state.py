"""The ledger's kept state: what the last by-file read merged, so that a re-run after a
few files changed merges again only the targets those files hold.

The per-file results (``ledger.cache``) save reading the files, but merging them is still
a pass over every day of every file (118,000 records at a million entries). This state,
one file per data folder under ``<cache>/ledger/``, keeps beside them:

- each file of the last read, in read order: its path, its entry key, its rows, dates and
  targets, and whether corrections left any of its entries out;
- each target's result (``TargetProgress``), and, per target, the days each file gave it
  (JSON, read only for the targets a change touches). The days, and each file's targets,
  are a file of their own written by a full read (``parts-…``, named by its digest); a
  re-run after a change keeps it as it is and writes the parts it changed in the state,
  so a change costs the state's header and those parts, not the 7 MB of every target's;
- a 64-bit key of every explicit entry id (``rows.id_keys``), sorted, so that a new or
  changed file's ids are checked against all the others without reading them (a key
  that agrees is settled by the full read, exactly). The sorted keys are a file of their
  own, named by their digest and written only by a full read; a re-run after a change
  notes the keys gone and new in the state (the old keys of a changed file come from
  its old per-file result);
- the ids that corrections replace.

A re-run uses it only when nothing can differ from the full read: the catalogue and the
reading code are the same (the cache's stamp), the as-of date is on or after every
entry, at most a few files are new, changed or gone, and those files (before and after)
hold no problem, no correction and no entry a correction replaces. Their targets are then
merged again from the kept days of the other files and the changed files' own results,
file by file in read order (``Progress.merge_plain``, as the full read does, a target's
days being independent of every other target's); every other target keeps its result.
Anything else (a problem, a correction, a key seen twice, a damaged state) goes the full
way, which writes the state again. The state is written after a read that found no
problem and took part of its results from the cache (a first read of a folder does not
pay for it), and JSON in it is only ever parsed.
"""

from __future__ import annotations

import json
import os
from array import array
from bisect import bisect_left, bisect_right
from datetime import date
from pathlib import Path
from typing import Any

from ..progress import Progress, TargetProgress
from ..quantity import exact_context
from ..textio import digest, make_private_dir

__all__ = ["load_state", "save_state", "State"]

FORMAT = 3  # 3: the parts a full read writes in a file of their own (2: in the state; 1: targets in the header)
_MAGIC = b"worktargets ledger state 1\n"
_SEQ = 32  # as in byfile: file i's seqs come after those of files 0..i-1
MAX_CHANGED = 8  # files new, changed or gone; beyond this (or a tenth of them) the full read


def state_name(data_dir: Path) -> str:
    return "state-" + digest(str(data_dir.resolve()).encode("utf-8", "surrogatepass"))[:32] + ".bin"


def _keys_of(raw: bytes) -> array[int]:
    keys = array("Q")
    keys.frombytes(raw)
    return keys


class State:
    """A kept state as read back: its header (JSON values) and its binary parts."""

    __slots__ = ("head", "blob", "base", "folder", "_shared")

    def __init__(self, head: dict[str, Any], blob: bytes, base: int, folder: Path) -> None:
        self.head, self.blob, self.base, self.folder = head, blob, base, folder
        self._shared: bytes | None = None

    def part(self, span: list[int]) -> bytes:
        """A part: ``[start, end, 1]`` in this file, ``[start, end]`` in the shared parts."""
        if len(span) == 3:
            return self.blob[self.base + span[0]:self.base + span[1]]
        if self._shared is None:
            name, size = self.head["shared"]
            with open(self.folder / name, "rb") as fh:
                shared = fh.read()
            if len(shared) != size or not name.endswith(f"-{digest(shared)[:16]}.bin"):
                raise ValueError("not the parts the state names")  # cut short, or changed in place
            self._shared = shared
        return self._shared[span[0]:span[1]]

    def span(self, span: list[int]) -> list[int] | bytes:
        """What a new state keeps of a part: a shared part as its span, its own as its bytes."""
        return span if len(span) == 2 else self.part(span)

    def contributions(self, tid: str) -> list[list[Any]]:
        """[rel, days, dropped, run] of each file of the last read that holds ``tid``."""
        span = self.head["contrib"].get(tid)
        return [] if span is None else json.loads(self.part(span))

    def count(self, key: int, parts: tuple[array[int], array[int], array[int]]) -> int:
        """How many ids of the last read have this key (all, less those removed since, plus those added)."""
        every, gone, new = parts
        n = 0
        for arr, sign in ((every, 1), (gone, -1), (new, 1)):
            n += sign * (bisect_right(arr, key) - bisect_left(arr, key))
        return n

    def key_parts(self) -> tuple[array[int], array[int], array[int]]:
        h = self.head
        with open(self.folder / h["keys"], "rb") as fh:
            every = fh.read()
        if len(every) != h["keys_size"] or not h["keys"].endswith(f"-{digest(every)[:16]}.bin"):
            raise ValueError("not the keys the state names")  # cut short, or changed in place
        return _keys_of(every), _keys_of(self.part(h["gone"])), _keys_of(self.part(h["new"]))


def load_state(folder: Path, data_dir: Path, stamp: str) -> State | None:
    """The kept state of this data folder, or None (missing, damaged, of another stamp)."""
    try:
        with open(folder / state_name(data_dir), "rb") as fh:
            blob = fh.read()
        if not blob.startswith(_MAGIC):
            return None
        n = int.from_bytes(blob[len(_MAGIC):len(_MAGIC) + 8], "little")
        start = len(_MAGIC) + 8
        head = json.loads(blob[start:start + n])
        if (not isinstance(head, dict) or head.get("v") != FORMAT or head.get("stamp") != stamp
                or head.get("folder") != str(data_dir.resolve()) or head.get("size") != len(blob) - start - n):
            return None
        return State(head, blob, start + n, folder)
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def plain_progress(tp: TargetProgress) -> list[Any]:
    return [tp.count, None if tp.last_date is None else tp.last_date.isoformat(),
            None if tp.value is None else str(tp.value), tp.stage]


def progress_of(v: list[Any]) -> TargetProgress:
    count, last, value, stage = v
    if count.__class__ is not int or not (stage is None or stage.__class__ is str):
        raise ValueError("not a target's progress")
    from decimal import Decimal

    return TargetProgress(count, None if last is None else date.fromisoformat(last),
                          None if value is None else Decimal(value), stage)


def save_state(folder: Path, data_dir: Path, stamp: str, files: list[list[Any]], wanted: set[str],
               last: str | None, targets: dict[str, TargetProgress], contrib: dict[str, Any],
               keys: tuple[str, int], gone: bytes, new: bytes, shared: tuple[str, int]) -> None:
    """Write the state atomically; a cache that cannot be written costs only speed.
    ``files``: per file [rel, shown, key, rows, first, last, its targets (JSON), its
    corrections, the entries left out of it]; ``contrib``: per target its files' days as JSON ([rel, days, dropped, run]
    each); a part given as a span is one of the shared parts; ``keys``: the file of the
    sorted id keys and its size; ``gone``, ``new``: id keys as ``array("Q")`` bytes;
    ``shared``: the file of the parts a full read wrote, and its size."""
    parts: list[bytes] = []
    at = 0

    def put(raw: bytes | list[int]) -> list[int]:
        nonlocal at
        if not isinstance(raw, bytes):
            return raw  # a span of the shared parts
        parts.append(raw)
        at += len(raw)
        return [at - len(raw), at, 1]

    spans = {tid: put(raw) for tid, raw in contrib.items()}
    files = [[*f[:6], put(f[6]), *f[7:]] for f in files]  # its targets' JSON, read only when it changes
    head = {
        "v": FORMAT, "stamp": stamp, "folder": str(data_dir.resolve()), "files": files, "wanted": sorted(wanted),
        "last": last, "progress": {tid: plain_progress(tp) for tid, tp in targets.items()}, "contrib": spans,
        "keys": keys[0], "keys_size": keys[1], "gone": put(gone), "new": put(new), "shared": list(shared),
    }
    head["size"] = at  # a state cut short (a full disk) is not one
    raw_head = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    name = state_name(data_dir)
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        make_private_dir(folder)
        with open(tmp, "wb") as fh:
            fh.write(b"".join([_MAGIC, len(raw_head).to_bytes(8, "little"), raw_head, *parts]))
        os.replace(tmp, folder / name)
    except (OSError, ValueError):
        pass
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def _corrections(r: Any) -> list[list[Any]]:
    """A file's corrections (what they replace, for which target, their id, withdrawn) and
    the entries left out of it, (id, target): what the other files' results depend on."""
    return [sorted([c.replaced, c.target, c.eid, c.withdraw] for c in r.corrections),
            sorted([eid, tid] for eid, tid in r.excluded)]


def _json(v: Any) -> bytes:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def save_after_read(folder: Path, data_dir: Path, stamp: str, metas: list[tuple[Path, str, str]],
                    keys: list[str], done: list[Any], wanted: set[str], progress: Progress) -> None:
    """The state of a full by-file read that found no problem (``done``: its final results)."""
    from .rows import id_keys

    files, every = [], []
    contrib: dict[str, list[list[Any]]] = {}
    last = None
    for (_file, shown, rel), key, r in zip(metas, keys, done):
        first_iso = None if r.first is None else r.first.isoformat()
        last_iso = None if r.last is None else r.last.isoformat()
        if last_iso is not None and (last is None or last_iso > last):
            last = last_iso
        files.append([rel, shown, key, r.rows, first_iso, last_iso, _json(sorted(r.targets)), *_corrections(r)])
        every.extend(id_keys(r.ids))
        for tid, days in r.days.items():
            contrib.setdefault(tid, []).append([rel, days, r.dropped.get(tid, 0), r.runs.get(tid)])
    every.sort()
    raw = array("Q", every).tobytes()
    # the days and the files' targets go to a file of their own, which a re-run after a
    # change keeps as it is (it writes only the parts that changed, in the state itself)
    chunks: list[bytes] = []
    at = 0

    def share(part: bytes) -> list[int]:
        nonlocal at
        chunks.append(part)
        at += len(part)
        return [at - len(part), at]

    spans: dict[str, list[int] | bytes] = {tid: share(_json(c)) for tid, c in contrib.items()}
    files = [[*f[:6], share(f[6]), *f[7:]] for f in files]
    shared = b"".join(chunks)
    try:
        make_private_dir(folder)
        keys_name = _write_named(folder, data_dir, "keys", raw)
        shared_name = _write_named(folder, data_dir, "parts", shared)
    except OSError:
        return
    save_state(folder, data_dir, stamp, files, wanted, last, progress.targets, spans, (keys_name, len(raw)), b"", b"",
               (shared_name, len(shared)))


def _write_named(folder: Path, data_dir: Path, kind: str, raw: bytes) -> str:
    """``raw`` as ``<kind>-<folder>-<digest>.bin`` (written once, atomically); the older
    files of that kind of this folder go (another process may still read one: it then
    takes the full read)."""
    folder_id = state_name(data_dir)[len("state-"):-len(".bin")]
    name = f"{kind}-{folder_id}-{digest(raw)[:16]}.bin"
    if not (folder / name).exists():
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(raw)
        os.replace(tmp, folder / name)
    for old in folder.glob(f"{kind}-{folder_id}-*.bin"):
        if old.name != name:
            old.unlink(missing_ok=True)
    return name


def merge_targets(as_of: date | None, per_file: list[tuple[int, dict[str, Any]]]) -> Progress | None:
    """The targets of ``per_file`` merged from their files' days, in read order; None when a run
    of increments folded in one file does not hold against another file's total."""
    book = Progress(as_of)
    per_file.sort(key=lambda x: x[0])
    with exact_context():
        for i, c in per_file:
            book.merge_plain(c["days"], c["dropped"], (i + 1) << _SEQ)
        for _i, c in per_file:
            if not book.runs_hold(c["runs"]):
                return None
    return book


def fast_load(catalogue: Any, data_dir: Path, as_of: date | None, options: Any, cache: Any,
              metas: list[tuple[Path, str, str]]) -> tuple[Progress, Any] | None:
    """``load_progress`` from the kept state, or None where only the full read can tell."""
    st = load_state(cache.folder, data_dir, cache.stamp)
    if st is None:
        return None
    try:
        return _fast(st, catalogue, data_dir, as_of, options, cache, metas)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError):
        return None  # a state that parsed but does not hold what it should (or its keys or
        # shared parts gone with another process's full read): the full read


def _fast(st: State, catalogue: Any, data_dir: Path, as_of: date | None, options: Any, cache: Any,
          metas: list[tuple[Path, str, str]]) -> tuple[Progress, Any] | None:
    from ..textio import read_bytes
    from .byfile import from_plain, hits, read_some  # byfile imports this module
    from .read import LedgerScan
    from .rows import id_keys

    h = st.head
    old = h["files"]
    old_at = {f[0]: i for i, f in enumerate(old)}
    if as_of is not None and h["last"] is not None and as_of.isoformat() < h["last"]:
        return None
    keys: list[str] = []
    changed: list[int] = []
    for j, (file, shown, rel) in enumerate(metas):
        known, stat = cache.known_digest(file)
        if known is None:
            raw, _problems = read_bytes(file, shown)
            if raw is None:
                return None
            known = digest(raw)
            cache.note_digest(file, stat, known)
        keys.append(cache.key(known, shown, rel))
        i = old_at.get(rel)
        if i is None or old[i][2] != keys[j]:
            changed.append(j)
    here = {m[2] for m in metas}
    gone = [i for i, f in enumerate(old) if f[0] not in here]
    touched = [old_at[metas[j][2]] for j in changed if metas[j][2] in old_at] + gone
    if len(changed) + len(gone) > max(MAX_CHANGED, len(metas) // 10) or any(old[i][7] or old[i][8] for i in gone):
        return None
    wanted = set(h["wanted"])
    fresh: dict[int, Any] = {}
    need = []
    for j in changed:
        got = cache.get(keys[j])
        if got is None:
            need.append(j)
            continue
        fresh[j] = from_plain(got)
    if need:
        read, _buckets = read_some(catalogue, [metas[j] for j in need], cache, options.cache, frozenset(wanted))
        for j, (plain, _digest, key, _parsed) in zip(need, read):
            if key != keys[j]:
                return None  # changed again while read, or not storable
            fresh[j] = from_plain(plain)
    for j, r in fresh.items():
        # the same corrections and the same entries left out as before: what the other
        # files' results and the corrections' checks depend on stays as it was
        i = old_at.get(metas[j][2])
        if (r.problems or r.left_out != hits(wanted, r.id_list, metas[j][2])
                or _corrections(r) != ([[], []] if i is None else old[i][7:9])
                or (as_of is not None and r.last is not None and as_of < r.last)):
            return None
    # ids: the changed files' against every other file's, by key (a key seen twice: the full read)
    removed: list[int] = []
    for i in touched:  # the old keys of the files changed or gone, from their old results
        got = cache.get(old[i][2])
        if got is None:
            return None
        removed.extend(id_keys(from_plain(got).ids))
    added: list[int] = []
    for r in fresh.values():
        added.extend(id_keys(r.ids))
    if len(set(added)) != len(added):
        return None
    # a key both removed and added again (the same entry ids, most edits) leaves the keys
    # as they were, which held no id twice: only the others are counted
    same = set(added).intersection(removed)
    if same:
        added = [k for k in added if k not in same]
        removed = [k for k in removed if k not in same]
    removed.sort()
    parts = st.key_parts() if added else None  # 8 bytes an entry: read only to count
    for k in added:
        if st.count(k, parts) - (bisect_right(removed, k) - bisect_left(removed, k)) > 0:  # type: ignore[arg-type]
            return None
    affected: set[str] = set()
    for i in touched:
        affected.update(json.loads(st.part(old[i][6])))
    for r in fresh.values():
        affected.update(r.targets)
    new_at = {m[2]: j for j, m in enumerate(metas)}
    gone_rels = {old[i][0] for i in touched}
    per_file: dict[int, dict[str, Any]] = {}
    contrib: dict[str, list[list[Any]]] = {}

    def add(j: int, tid: str, rec: list[Any]) -> None:
        c = per_file.get(j)
        if c is None:
            c = per_file[j] = {"days": {}, "dropped": {}, "runs": {}}
        _rel, days, dropped, run = rec
        c["days"][tid] = days
        if dropped:
            c["dropped"][tid] = dropped
        if run is not None:
            c["runs"][tid] = run
        contrib.setdefault(tid, []).append(rec)

    for tid in affected:
        for rec in st.contributions(tid):
            if rec[0] not in gone_rels:
                add(new_at[rec[0]], tid, rec)
    for j, r in fresh.items():
        for tid, days in r.days.items():
            add(j, tid, [metas[j][2], days, r.dropped.get(tid, 0), r.runs.get(tid)])
    book = merge_targets(as_of, list(per_file.items()))
    if book is None:
        return None
    targets = {tid: progress_of(v) for tid, v in h["progress"].items() if tid not in affected}
    targets.update(book.targets)
    scan = LedgerScan()
    scan.files = len(metas)
    files: list[list[Any]] = []
    for j, (_file, shown, rel) in enumerate(metas):
        r = fresh.get(j)
        if r is None:
            f = old[old_at[rel]]
            f = [rel, shown, *f[2:6], st.span(f[6]), *f[7:]]
        else:
            f = [rel, shown, keys[j], r.rows, None if r.first is None else r.first.isoformat(),
                 None if r.last is None else r.last.isoformat(), _json(sorted(r.targets)), *_corrections(r)]
        files.append(f)
        scan.rows += f[3]
    progress = Progress.settled(as_of, targets)
    if changed or gone:
        _save_changed(st, cache, data_dir, files, wanted, targets, contrib, affected, removed, added)
    if changed or gone or cache.index_changed:
        cache.save(data_dir, keys, False, cache.memo(data_dir), len(need))
    return progress, scan


def _save_changed(st: State, cache: Any, data_dir: Path, files: list[list[Any]], wanted: set[str],
                  targets: dict[str, TargetProgress], contrib: dict[str, list[list[Any]]], affected: set[str],
                  removed: list[int], added: list[int]) -> None:
    """The state after a few files changed: the other targets' days as they were, the
    sorted keys' file kept, the keys of the files changed noted as gone and new (until a
    full read sorts them in again: past a quarter of the ids, the state is not kept)."""
    gone, new = _keys_of(st.part(st.head["gone"])), _keys_of(st.part(st.head["new"]))
    if len(gone) + len(removed) + len(new) + len(added) > st.head["keys_size"] // 8 // 4 + 1024:
        return
    raw = {tid: st.span(span) for tid, span in st.head["contrib"].items() if tid not in affected}
    raw.update({tid: _json(c) for tid, c in contrib.items()})
    last = max((f[5] for f in files if f[5] is not None), default=None)
    save_state(cache.folder, data_dir, cache.stamp, files, wanted, last, targets, raw,
               (st.head["keys"], st.head["keys_size"]), array("Q", sorted([*gone, *removed])).tobytes(),
               array("Q", sorted([*new, *added])).tobytes(), tuple(st.head["shared"]))  # type: ignore[arg-type]
