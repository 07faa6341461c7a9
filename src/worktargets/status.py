"""Status: each target judged against the calendar. A pure function of catalogue,
progress and as-of date; it never reads files or the clock."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .progress import Progress, TargetProgress
from .model import Catalogue, Kind, Record, State, Target, Thresholds
from .pace import HUNDRED, expected_percent

_set = object.__setattr__

__all__ = ["TargetStatus", "StatusReport", "compute_status", "judge_target", "STATE_ORDER"]

# worst first, for sorting and summaries
STATE_ORDER: tuple[State, ...] = (
    State.OVERDUE,
    State.FAR_BEHIND,
    State.BEHIND,
    State.NO_DATA,
    State.NEEDS_BASELINE,
    State.ON_TRACK,
    State.AHEAD,
    State.DONE,
)


class TargetStatus(Record):
    __slots__ = ("target", "state", "actual", "goal", "percent", "expected", "stage", "entries", "last_date")
    target: Target
    state: State
    actual: Decimal | None  # in target.unit; None when nothing is recorded
    goal: Decimal | None  # the number to meet (relative targets: baseline × factor)
    percent: Decimal | None  # actual ÷ goal × 100; milestones: stage reached ÷ last stage
    expected: Decimal | None  # 序时进度 in percent
    stage: str | None
    entries: int
    last_date: date | None

    def __init__(self, target: Target, state: State, actual: Decimal | None, goal: Decimal | None,
                 percent: Decimal | None, expected: Decimal | None, stage: str | None = None, entries: int = 0,
                 last_date: date | None = None) -> None:
        _set(self, "target", target)
        _set(self, "state", state)
        _set(self, "actual", actual)
        _set(self, "goal", goal)
        _set(self, "percent", percent)
        _set(self, "expected", expected)
        _set(self, "stage", stage)
        _set(self, "entries", entries)
        _set(self, "last_date", last_date)

    @property
    def gap_pp(self) -> Decimal | None:
        """Percentage points behind 序时进度 (negative: ahead)."""
        if self.percent is None or self.expected is None:
            return None
        return self.expected - self.percent

    @property
    def gap_to_expected(self) -> Decimal | None:
        """How much more should have been done by now, in the target's unit."""
        if self.goal is None or self.expected is None or self.target.is_milestone:
            return None
        return self.goal * self.expected / HUNDRED - (self.actual or Decimal(0))

    @property
    def gap_to_target(self) -> Decimal | None:
        """What is still missing to meet the target (for ≤ targets: the excess over the cap)."""
        if self.goal is None or self.target.is_milestone:
            return None
        actual = self.actual or Decimal(0)
        if self.target.comparator.lower_is_better:
            return max(Decimal(0), actual - self.goal)
        return max(Decimal(0), self.goal - actual)


class StatusReport(Record):
    __slots__ = ("as_of", "catalogue", "rows")
    as_of: date
    catalogue: Catalogue
    rows: tuple[TargetStatus, ...]

    def __init__(self, as_of: date, catalogue: Catalogue, rows: tuple[TargetStatus, ...]) -> None:
        _set(self, "as_of", as_of)
        _set(self, "catalogue", catalogue)
        _set(self, "rows", rows)

    def counts(self) -> dict[State, int]:
        out = {s: 0 for s in STATE_ORDER}
        for r in self.rows:
            out[r.state] += 1
        return out


def _by_pace(percent: Decimal, expected: Decimal, th: Thresholds) -> State:
    gap = expected - percent
    if gap > th.far_behind_pp:
        return State.FAR_BEHIND
    if gap > th.behind_pp:
        return State.BEHIND
    if -gap > th.ahead_pp:
        return State.AHEAD
    return State.ON_TRACK


def judge_target(t: Target, tp: TargetProgress | None, as_of: date, catalogue: Catalogue) -> TargetStatus:
    """One target's state at ``as_of`` from its aggregated progress."""
    settings = catalogue.settings
    th = settings.thresholds
    expected = expected_percent(t, as_of, settings.progress_rule, catalogue.plan.year_start)
    late = as_of > t.due
    count = tp.count if tp else 0
    last = tp.last_date if tp else None

    def status(state: State, actual: Decimal | None, goal: Decimal | None, pct: Decimal | None,
               stage: str | None = None) -> TargetStatus:
        return TargetStatus(t, state, actual, goal, pct, expected, stage, count, last)

    if t.kind is Kind.MILESTONE:
        stage = tp.stage if tp else None
        if stage is None:
            return status(State.OVERDUE if late else State.NO_DATA, None, None, None)
        idx = t.stages.index(stage)
        pct = Decimal(idx) * HUNDRED / Decimal(len(t.stages) - 1)
        if idx == len(t.stages) - 1:
            return status(State.DONE, None, None, pct, stage)
        if late:
            return status(State.OVERDUE, None, None, pct, stage)
        return status(_by_pace(pct, expected, th), None, None, pct, stage)

    goal = t.effective_target()
    actual = tp.actual() if tp else None
    if goal is None:
        return status(State.NEEDS_BASELINE, actual, None, None)
    if actual is None:
        return status(State.OVERDUE if late else State.NO_DATA, None, goal, None)
    pct = actual * HUNDRED / goal if goal != 0 else None
    met = t.comparator.holds(actual, goal)
    if t.comparator.lower_is_better:
        if met:
            return status(State.DONE if as_of >= t.due else State.ON_TRACK, actual, goal, pct)
        return status(State.OVERDUE if late else State.FAR_BEHIND, actual, goal, pct)
    if t.is_rate:
        if met:
            return status(State.DONE if as_of >= t.due else State.ON_TRACK, actual, goal, pct)
    elif met:
        return status(State.DONE, actual, goal, pct)
    if late:
        return status(State.OVERDUE, actual, goal, pct)
    if pct is None:
        return status(State.ON_TRACK, actual, goal, pct)
    return status(_by_pace(pct, expected, th), actual, goal, pct)


def compute_status(catalogue: Catalogue, progress: Progress, as_of: date) -> StatusReport:
    """Every target's status at ``as_of``, in catalogue order."""
    rows = tuple(judge_target(t, progress.targets.get(t.id), as_of, catalogue) for t in catalogue.targets)
    return StatusReport(as_of, catalogue, rows)
