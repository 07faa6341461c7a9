"""The ledger's one fold: a target's entries, day by day, into what status and the reports read.

The rule, written here only: a target's **actual** is its latest year-to-date total plus
the increments dated after it. Entries of one day fold first (``DayRecord``): they are
counted, the day's last total (in read order) is its total and includes the day's
increments, the increments are summed, the day's last stage is its stage. Days then fold
in date order (``fold``) into a :class:`Timeline`: after each filing day, the entries
counted so far, the actual and the stage reached. Any past state is a binary search.

Pure: no files, no clock. The reader (``worktargets.ledger``) turns files into the calls
of :meth:`DayBook.add`; corrections are applied there, by leaving replaced entries out.
Memory grows with targets × filing days, not with entries.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from decimal import Decimal
from typing import Any, Iterable

from .model import Basis, Entry
from .quantity import exact_context

__all__ = ["DayRecord", "DayBook", "Timeline", "TargetProgress", "Progress", "History", "fold"]

_ZERO = Decimal(0)


class DayRecord:
    """One target's entries of one day: how many, the last total, the summed increments,
    the last stage (``*_seq``: the read order of the entry that set it)."""

    __slots__ = ("count", "total", "total_seq", "add", "stage", "stage_seq")

    def __init__(self, count: int = 0, total: Decimal | None = None, total_seq: int = -1,
                 add: Decimal | None = None, stage: str | None = None, stage_seq: int = -1) -> None:
        self.count = count
        self.total = total
        self.total_seq = total_seq
        self.add = add
        self.stage = stage
        self.stage_seq = stage_seq

    def merge(self, other: "DayRecord") -> None:
        """Fold in the record of the same day from another part of the ledger."""
        self.count += other.count
        if other.stage_seq > self.stage_seq:
            self.stage, self.stage_seq = other.stage, other.stage_seq
        if other.total_seq > self.total_seq:
            self.total, self.total_seq = other.total, other.total_seq
        if other.add is not None:
            self.add = other.add if self.add is None else self.add + other.add

    def as_list(self) -> list[Any]:
        return [self.count, self.total, self.total_seq, self.add, self.stage, self.stage_seq]


class TargetProgress:
    """A target's ledger as of a day: entries counted, the last filing date, the actual
    (None before any figure) and the stage reached."""

    __slots__ = ("count", "last_date", "value", "stage")

    def __init__(self, count: int = 0, last_date: date | None = None, value: Decimal | None = None,
                 stage: str | None = None) -> None:
        self.count = count
        self.last_date = last_date
        self.value = value
        self.stage = stage

    def actual(self) -> Decimal | None:
        """The latest year-to-date total plus the increments dated after it."""
        return self.value

    def __repr__(self) -> str:
        return f"TargetProgress(count={self.count}, last_date={self.last_date}, value={self.value!r}, stage={self.stage!r})"


def fold(days: Iterable[tuple[date, DayRecord]], count: int = 0) -> "Timeline":
    """The fold: a target's day records, in date order, into its :class:`Timeline`
    (``count``: entries of earlier days already let go)."""
    dates: list[date] = []
    counts: list[int] = []
    actuals: list[Decimal | None] = []
    stages: list[str | None] = []
    base: Decimal | None = None
    incs: Decimal | None = None  # the increments dated after the latest total, summed
    stage = None
    zero = _ZERO
    with exact_context():
        for day, rec in days:
            count += rec.count
            if rec.stage is not None:
                stage = rec.stage
            if rec.total is not None:  # it includes the day's increments
                base, incs = rec.total, None
            elif rec.add is not None:
                incs = rec.add if incs is None else incs + rec.add
            dates.append(day)
            counts.append(count)
            if incs is None:
                actuals.append(None if base is None else base + zero)
            else:
                actuals.append((zero if base is None else base) + incs)
            stages.append(stage)
    return Timeline(dates, counts, actuals, stages)


class Timeline:
    """One target's ledger after each day that has entries, oldest first: the entries
    counted so far, the actual and the stage reached. At each such day it is what
    ``load_progress(as_of=day)`` gives the target."""

    __slots__ = ("dates", "counts", "actuals", "stages")

    def __init__(self, dates: list[date] | None = None, counts: list[int] | None = None,
                 actuals: list[Decimal | None] | None = None, stages: list[str | None] | None = None) -> None:
        self.dates = dates if dates is not None else []
        self.counts = counts if counts is not None else []
        self.actuals = actuals if actuals is not None else []
        self.stages = stages if stages is not None else []

    @classmethod
    def of_entries(cls, entries: Iterable[Entry]) -> "Timeline":
        """The timeline of one target's whole entries, in read order (ties on a day go to the later one)."""
        book = DayBook()
        for seq, e in enumerate(entries):
            book.add(e.target, e.date, seq, e.basis is Basis.TOTAL, e.value, e.stage, e.id, e.replaces, ())
        return next(iter(book.timelines().values()), cls())

    def __len__(self) -> int:
        return len(self.dates)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return (self.dates, self.counts, self.actuals, self.stages) == (
            other.dates, other.counts, other.actuals, other.stages)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        points = ", ".join(f"{d.isoformat()}: {n} {a!r} {s!r}"
                           for d, n, a, s in zip(self.dates, self.counts, self.actuals, self.stages))
        return f"Timeline({points})"

    def upto(self, day: date) -> int:
        """How many of its days are on or before ``day``."""
        return bisect_right(self.dates, day)

    def at(self, day: date | None) -> TargetProgress | None:
        """The target's ledger as of ``day`` (None: every day; no entry yet: None)."""
        i = len(self.dates) if day is None else bisect_right(self.dates, day)
        if not i:
            return None
        i -= 1
        return TargetProgress(self.counts[i], self.dates[i], self.actuals[i], self.stages[i])

    def until(self, day: date) -> "Timeline":
        """The timeline as it stood on ``day`` (its days after it left out)."""
        i = bisect_right(self.dates, day)
        if i == len(self.dates):
            return self
        return Timeline(self.dates[:i], self.counts[:i], self.actuals[:i], self.stages[:i])

    def filed(self, start: date, end: date) -> bool:
        """Whether any entry is dated ``start``..``end`` (both included)."""
        i = bisect_left(self.dates, start)
        return i < len(self.dates) and self.dates[i] <= end

    def last_date(self, day: date) -> date | None:
        """The date of the latest entry on or before ``day``."""
        i = bisect_right(self.dates, day)
        return self.dates[i - 1] if i else None


class DayBook:
    """Sink of the reader: each target's entries folded per day (entries dated after
    ``as_of`` are left out), then into one :class:`Timeline` per target.

    ``history=False`` (status) keeps only what the last point needs: the days before a
    target's latest year-to-date total are let go as it arrives (their entries still
    counted), so a ledger of totals costs a few days a target; increments cost one
    record per target and filing day, whatever the number of entries."""

    __slots__ = ("as_of", "days", "history", "_latest", "_dropped")

    def __init__(self, as_of: date | None = None, history: bool = True) -> None:
        self.as_of = as_of
        self.days: dict[str, dict[date, DayRecord]] = {}
        self.history = history
        self._latest: dict[str, date] = {}  # without history: each target's latest total's day
        self._dropped: dict[str, int] = {}  # without history: the entries of the days let go

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        if self.as_of is not None and day > self.as_of:
            return
        by_day = self.days.get(tid)
        if by_day is None:
            by_day = self.days[tid] = {}
        rec = by_day.get(day)
        if rec is None:
            rec = by_day[day] = DayRecord()
        rec.count += 1
        if stage is not None:
            if seq > rec.stage_seq:
                rec.stage, rec.stage_seq = stage, seq
        elif value is not None:
            if is_total:
                if seq > rec.total_seq:
                    rec.total, rec.total_seq = value, seq
                if not self.history:
                    latest = self._latest.get(tid)
                    if latest is None or day > latest:
                        self._latest[tid] = day
                        self._drop_before(tid, by_day, day)
            else:
                rec.add = value if rec.add is None else rec.add + value

    def _drop_before(self, tid: str, by_day: dict[date, DayRecord], day: date) -> None:
        """Let go of the days before ``day`` that hold no stage (its total supersedes them)."""
        old = [d for d, r in by_day.items() if d < day and r.stage is None]
        if old:
            n = 0
            for d in old:
                n += by_day.pop(d).count
            self._dropped[tid] = self._dropped.get(tid, 0) + n

    def merge(self, other: "DayBook") -> None:
        """Fold in the days of another part of the ledger (read order is in the seqs)."""
        mine = self.days
        for tid, n in other._dropped.items():
            self._dropped[tid] = self._dropped.get(tid, 0) + n
        for tid, theirs in other.days.items():
            by_day = mine.get(tid)
            if by_day is None:
                mine[tid] = theirs
            else:
                for day, rec in theirs.items():
                    have = by_day.get(day)
                    if have is None:
                        by_day[day] = rec
                    else:
                        have.merge(rec)
            if not self.history:
                latest = max((d for d, r in mine[tid].items() if r.total is not None), default=None)
                if latest is not None:
                    self._latest[tid] = latest
                    self._drop_before(tid, mine[tid], latest)

    def plain_days(self) -> dict[str, list[list[Any]]]:
        """The days as JSON values: per target, [ISO day, count, total, its seq, increments,
        stage, its seq] (numbers as their text)."""
        return {tid: [[d.isoformat(), r.count, None if r.total is None else str(r.total), r.total_seq,
                       None if r.add is None else str(r.add), r.stage, r.stage_seq] for d, r in by_day.items()]
                for tid, by_day in self.days.items()}

    def merge_plain(self, days: dict[str, list[list[Any]]], dropped: dict[str, int], offset: int) -> None:
        """``merge`` of another part given as ``plain_days`` (and its dropped counts), its
        read order placed after ``offset``. ValueError when the values are not such days."""
        for tid, n in dropped.items():
            if n.__class__ is not int:
                raise ValueError("not a count")
            self._dropped[tid] = self._dropped.get(tid, 0) + n
        mine = self.days
        parsed: dict[str, date] = {}
        for tid, recs in days.items():
            by_day = mine.get(tid)
            if by_day is None:
                by_day = mine[tid] = {}
            for iso, count, total, tseq, add, stage, sseq in recs:
                day = parsed.get(iso)
                if day is None:
                    day = parsed[iso] = date.fromisoformat(iso)
                if (count.__class__ is not int or tseq.__class__ is not int or sseq.__class__ is not int
                        or not (stage is None or stage.__class__ is str)):
                    raise ValueError("not a day record")
                rec = DayRecord(count, None if total is None else Decimal(total), tseq + offset if tseq >= 0 else -1,
                                None if add is None else Decimal(add), stage, sseq + offset if sseq >= 0 else -1)
                have = by_day.get(day)
                if have is None:
                    by_day[day] = rec
                else:
                    have.merge(rec)
            if not self.history:
                latest = max((d for d, r in by_day.items() if r.total is not None), default=None)
                if latest is not None:
                    self._latest[tid] = latest
                    self._drop_before(tid, by_day, latest)

    def compact(self) -> dict[str, tuple[str, str]]:
        """In a book without history, fold each target's days that hold only increments
        into one record on the last of them, and so its days that hold only stages; (first,
        last) day (ISO text, which sorts as the dates do) of each run of increments so folded.

        The fold's last point stays the same as long as no target's latest total falls
        inside its run (``runs_hold``): the increments dated after that total are then
        all of the run or none of it, and the count and last date do not change."""
        runs: dict[str, tuple[str, str]] = {}
        with exact_context():
            for tid, by_day in self.days.items():
                # days that hold only stages: the last of them holds the stage reached,
                # whatever other files hold (the latest day's stage wins, then read order)
                staged = sorted(d for d, r in by_day.items() if r.total is None and r.add is None and r.stage is not None)
                if len(staged) > 1:
                    last = by_day[staged[-1]]
                    for d in staged[:-1]:
                        last.count += by_day.pop(d).count
                inc = sorted(d for d, r in by_day.items() if r.total is None and r.stage is None and r.add is not None)
                if len(inc) < 2:
                    continue
                keep = by_day[inc[-1]]
                for d in inc[:-1]:
                    rec = by_day.pop(d)
                    keep.count += rec.count
                    keep.add = rec.add if keep.add is None else keep.add + rec.add  # type: ignore[operator]
                runs[tid] = (inc[0].isoformat(), inc[-1].isoformat())
        return runs

    def runs_hold(self, runs: dict[str, Any]) -> bool:
        """Whether runs folded by ``compact`` give the true last point in this merged book
        (without history): no target's latest total is dated inside its run."""
        latest = self._latest
        for tid, (first, last) in runs.items():
            day = latest.get(tid)
            if day is not None and first <= day.isoformat() < last:
                return False
        return True

    def replace_targets(self, fresh: "DayBook", tids: Iterable[str]) -> None:
        for tid in tids:
            self.days.pop(tid, None)
            self._latest.pop(tid, None)
            self._dropped.pop(tid, None)
        self.days.update(fresh.days)
        self._latest.update(fresh._latest)
        self._dropped.update(fresh._dropped)

    def timeline(self, tid: str) -> Timeline:
        """The target's timeline (without history: its last point is the one to trust)."""
        by_day = self.days.get(tid)
        if not by_day:
            return Timeline()
        return fold(((day, by_day[day]) for day in sorted(by_day)), self._dropped.get(tid, 0))

    def timelines(self) -> dict[str, Timeline]:
        """Every target's timeline."""
        return {tid: self.timeline(tid) for tid in self.days}

    def progress(self) -> dict[str, TargetProgress]:
        """Every target's ledger as of the book's date: the last point of its timeline."""
        out = {}
        for tid in self.days:
            tp = self.timeline(tid).at(None)
            if tp is not None:
                out[tid] = tp
        return out


class Progress(DayBook):
    """The sink behind ``status``: a :class:`DayBook` without history whose ``targets``
    are each target's :class:`TargetProgress` as of the date (worked out once, after the adds)."""

    __slots__ = ("_targets",)

    def __init__(self, as_of: date | None = None) -> None:
        super().__init__(as_of, history=False)
        self._targets: dict[str, TargetProgress] | None = None

    def merge(self, other: DayBook) -> None:
        self._targets = None
        DayBook.merge(self, other)

    def merge_plain(self, days: dict[str, list[list[Any]]], dropped: dict[str, int], offset: int) -> None:
        self._targets = None
        DayBook.merge_plain(self, days, dropped, offset)

    def replace_targets(self, fresh: DayBook, tids: Iterable[str]) -> None:
        self._targets = None
        DayBook.replace_targets(self, fresh, tids)

    @classmethod
    def settled(cls, as_of: date | None, targets: dict[str, TargetProgress]) -> "Progress":
        """A book whose targets are already worked out (the ledger's kept state): it holds
        no days, only what ``targets`` gives."""
        book = cls(as_of)
        book._targets = targets
        return book

    @property
    def targets(self) -> dict[str, TargetProgress]:
        if self._targets is None:
            self._targets = self.progress()
        return self._targets


def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


class History:
    """Sink that keeps whole entries (for ``show`` and checks), dated up to ``as_of``."""

    __slots__ = ("as_of", "entries")

    def __init__(self, as_of: date | None = None) -> None:
        self.as_of = as_of
        self.entries: dict[str, list[Entry]] = {}

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        if self.as_of is not None and day > self.as_of:
            return
        by, note, source, path, line, raw = row
        entry = Entry(
            id=eid, date=day, target=tid, basis=Basis.TOTAL if is_total else Basis.ADD, value=value, stage=stage,
            by=_s(by), note=_s(note), source=_s(source), replaces=replaces, path=path, line=line, raw_value=_s(raw),
        )
        self.entries.setdefault(tid, []).append(entry)

    def replace_targets(self, fresh: "History", tids: Iterable[str]) -> None:
        for tid in tids:
            self.entries.pop(tid, None)
        self.entries.update(fresh.entries)
