"""Status: each target judged against the calendar. A pure function of catalogue,
progress and as-of date; it never reads files or the clock."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .progress import Progress, TargetProgress
from .model import Catalogue, Comparator, Kind, Record, State, Target, Thresholds
from .pace import HUNDRED, expected_percent

_set = object.__setattr__

__all__ = ["TargetStatus", "StatusReport", "compute_status", "judge_target", "goal_met", "owner_role",
           "STATE_ORDER", "SUMMARY_ORDER", "TELLING_ORDER", "LEAD", "CO"]

# worst first, for sorting and summaries
STATE_ORDER: tuple[State, ...] = (
    State.OVERDUE,
    State.BREACHED,
    State.FAR_BEHIND,
    State.BEHIND,
    State.NO_DATA,
    State.NEEDS_BASELINE,
    State.NEEDS_TARGET,
    State.ON_TRACK,
    State.AHEAD,
    State.DONE,
)
# the order a text names them in: done first, then down to the reds, then what cannot be judged
TELLING_ORDER: tuple[State, ...] = (
    State.DONE, State.AHEAD, State.ON_TRACK, State.BEHIND, State.FAR_BEHIND, State.OVERDUE, State.BREACHED,
    State.NO_DATA, State.NEEDS_BASELINE, State.NEEDS_TARGET,
)
# the order of the JSON summaries: the states of the first contract, then those added since
SUMMARY_ORDER: tuple[State, ...] = (
    State.OVERDUE, State.FAR_BEHIND, State.BEHIND, State.NO_DATA, State.NEEDS_BASELINE, State.ON_TRACK, State.AHEAD,
    State.DONE, State.NEEDS_TARGET, State.BREACHED,
)

LEAD = "lead"  # 牵头
CO = "co"  # 配合 (责任单位)


def owner_role(t: Target, words: str) -> str | None:
    """``lead`` when a lead department's name (牵头单位) contains ``words``, ``co`` when a
    co-responsible one's (责任/配合单位) does, else None: the one rule of ``--owner``."""
    if any(words in o for o in t.leads):
        return LEAD
    if any(words in o for o in t.co_owners):
        return CO
    return None


class TargetStatus(Record):
    __slots__ = ("target", "state", "actual", "goal", "percent", "expected", "stage", "entries", "last_date")
    # goal: relation targets: the other target's actual; points: last year's rate + the change
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
    def cap_used(self) -> Decimal | None:
        """A cap's share used so far (actual ÷ cap × 100); None for other targets."""
        if not self.target.is_cap or self.actual is None or not self.goal:
            return None
        return self.actual * HUNDRED / self.goal

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
    __slots__ = ("as_of", "catalogue", "rows", "owner")
    as_of: date
    catalogue: Catalogue
    rows: tuple[TargetStatus, ...]
    owner: str | None  # the --owner words the rows were chosen by (their role is shown)

    def __init__(self, as_of: date, catalogue: Catalogue, rows: tuple[TargetStatus, ...],
                 owner: str | None = None) -> None:
        _set(self, "as_of", as_of)
        _set(self, "catalogue", catalogue)
        _set(self, "rows", rows)
        _set(self, "owner", owner)

    def role(self, s: TargetStatus) -> str | None:
        """``lead`` or ``co`` for the department the report was chosen by; None unfiltered."""
        return owner_role(s.target, self.owner) if self.owner else None

    def counts(self) -> dict[State, int]:
        """Targets per state, worst first (every state, zeros included)."""
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


def _change(t: Target, actual: Decimal) -> Decimal:
    """Points: this year's rate minus last year's, in percentage points."""
    return actual - (t.baseline.value if t.baseline is not None and t.baseline.value is not None else Decimal(0))


def goal_met(t: Target, actual: Decimal, goal: Decimal) -> bool:
    """Whether ``actual`` meets the target's ``goal`` under its comparator: the one rule of
    "met" (status, forecast). Points compare the change with the target change, in the
    target's direction (下降2个百分点 is met at −2 or lower); ``about`` is within the tolerance."""
    cmp = t.comparator
    if t.kind is Kind.POINTS and t.target is not None:
        change, want = _change(t, actual), t.target
        if want < 0 and not cmp.lower_is_better:
            change, want = -change, -want
        return cmp.holds(change, want, t.tolerance)
    return cmp.holds(actual, goal, t.tolerance)


def _percent(t: Target, actual: Decimal, goal: Decimal) -> Decimal | None:
    """完成率: actual ÷ goal; points: the change made ÷ the change promised; none for a cap."""
    if t.is_cap:
        return None
    if t.kind is Kind.POINTS:
        return _change(t, actual) * HUNDRED / t.target if t.target else None
    return actual * HUNDRED / goal if goal != 0 else None


def _above_band(t: Target, actual: Decimal, goal: Decimal) -> bool:
    """``about``: beyond the tolerance on the far side (more than about N: exceeded, not short)."""
    if t.kind is Kind.POINTS and t.target is not None:
        change, want = _change(t, actual), t.target
        if want < 0:
            change, want = -change, -want
        return change > want + (t.tolerance or Decimal(0))
    return actual > goal + (t.tolerance or Decimal(0))


def judge_target(t: Target, tp: TargetProgress | None, as_of: date, catalogue: Catalogue,
                 related: TargetProgress | None = None) -> TargetStatus:
    """One target's state at ``as_of`` from its aggregated progress (``related``: the
    progress of the target a ``relation`` is judged against)."""
    settings = catalogue.settings
    th = settings.thresholds
    expected: Decimal | None = expected_percent(t, as_of, settings.progress_rule, catalogue.plan.year_start)
    late = as_of > t.due
    count = tp.count if tp else 0
    last = tp.last_date if tp else None
    if t.is_cap:
        expected = None  # a cap is held all year: no 序时进度

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
        return status(_by_pace(pct, expected or HUNDRED, th), None, None, pct, stage)

    actual = tp.actual() if tp else None
    if t.kind is Kind.RELATION:
        goal = related.actual() if related is not None else None
        if actual is None or goal is None:  # judged only with both figures
            return status(State.OVERDUE if late else State.NO_DATA, actual, goal, None)
    else:
        if t.target is None and t.set_by:
            return status(State.NEEDS_TARGET, actual, None, None)
        goal = t.effective_target()
        if goal is None:
            return status(State.NEEDS_BASELINE, actual, None, None)
        if actual is None:
            return status(State.OVERDUE if late else State.NO_DATA, None, goal, None)
    pct = _percent(t, actual, goal)
    met = goal_met(t, actual, goal)
    if t.is_cap:
        if met:
            return status(State.DONE if as_of >= t.due else State.ON_TRACK, actual, goal, pct)
        return status(State.BREACHED, actual, goal, pct)
    if t.comparator is Comparator.ABOUT:
        if met:  # a flow within the band may still leave it: done only at the due date
            return status(State.DONE if as_of >= t.due else State.ON_TRACK, actual, goal, pct)
        if _above_band(t, actual, goal):
            return status(State.AHEAD, actual, goal, pct)
    elif t.is_rate:
        if met:
            return status(State.DONE if as_of >= t.due else State.ON_TRACK, actual, goal, pct)
    elif met:
        return status(State.DONE, actual, goal, pct)
    if late:
        return status(State.OVERDUE, actual, goal, pct)
    if pct is None or expected is None:
        return status(State.ON_TRACK, actual, goal, pct)
    return status(_by_pace(pct, expected, th), actual, goal, pct)


def compute_status(catalogue: Catalogue, progress: Progress, as_of: date) -> StatusReport:
    """Every target's status at ``as_of``, in catalogue order."""
    got = progress.targets.get
    rows = tuple(judge_target(t, got(t.id), as_of, catalogue, got(t.relation_to) if t.relation_to else None)
                 for t in catalogue.targets)
    return StatusReport(as_of, catalogue, rows)
