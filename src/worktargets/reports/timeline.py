"""Looking back: a target's state at any past date, from its :class:`~worktargets.ledger.Timeline`.

A timeline holds, after each day with entries, exactly what ``load_progress`` would give
the target as of that day (the ledger's rule: the latest year-to-date total plus the
increments dated after it), so a report judged at a month-end sees what ``status --as-of``
that month-end saw, and looking a date up costs a binary search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from ..dates import add_months, month_end
from ..progress import Timeline
from ..model import Catalogue, Target
from ..status import StatusReport, TargetStatus, judge_target

__all__ = [
    "Cycle",
    "NO_ENTRIES",
    "status_at",
    "judge_at",
    "cumulative_series",
    "cycle_for_month",
    "cycles_due",
    "current_cycle",
    "cycle_ends",
    "ChartData",
    "chart_data",
]

Timelines = Mapping[str, Timeline]
NO_ENTRIES = Timeline()  # the timeline of a target with no entry


def judge_at(target: Target, timeline: Timeline, day: date, catalogue: Catalogue,
             timelines: Timelines | None = None) -> TargetStatus:
    """The target's status as it stood at ``day`` (``timelines``: every target's, for a
    relation, which is judged against another target's figure)."""
    related = None
    if target.relation_to is not None and timelines is not None:
        related = timelines.get(target.relation_to, NO_ENTRIES).at(day)
    return judge_target(target, timeline.at(day), day, catalogue, related)


def status_at(catalogue: Catalogue, timelines: Timelines, day: date) -> StatusReport:
    """Every target's status at ``day`` (equal to ``compute_status`` of ``load_progress``)."""
    rows = tuple(judge_at(t, timelines.get(t.id, NO_ENTRIES), day, catalogue, timelines) for t in catalogue.targets)
    return StatusReport(day, catalogue, rows)


def cumulative_series(timeline: Timeline, day: date) -> list[tuple[date, Decimal | str]]:
    """(date, actual) after each filing date up to ``day``: the value status would show then.

    Numeric targets give the running actual; milestones give the stage reached.
    """
    out: list[tuple[date, Decimal | str]] = []
    n = timeline.upto(day)
    for d, actual, stage in zip(timeline.dates[:n], timeline.actuals[:n], timeline.stages[:n]):
        if stage is not None:
            out.append((d, stage))
        elif actual is not None:
            out.append((d, actual))
    return out


# -- reporting cycles ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cycle:
    """One reporting period: entries dated ``start``..``end`` report it; due on ``deadline``."""

    label: str  # "2022-05" or "2022-Q2"
    start: date
    end: date
    deadline: date


def cycle_for_month(year: int, month: int, cycle: str, due_day: int) -> Cycle:
    """The cycle holding ``year-month``; its filing is due on ``due_day`` of the month after it ends."""
    if cycle == "quarterly":
        q = (month - 1) // 3
        first, last = 3 * q + 1, 3 * q + 3
        label = f"{year}-Q{q + 1}"
    else:
        first = last = month
        label = f"{year}-{month:02d}"
    ny, nm = add_months(year, last, 1)
    return Cycle(label, date(year, first, 1), month_end(year, last), date(ny, nm, min(due_day, 28)))


def cycles_due(catalogue: Catalogue, as_of: date) -> list[Cycle]:
    """Every cycle of the plan year whose filing deadline is on or before ``as_of``, in order."""
    rep = catalogue.settings.reporting
    plan = catalogue.plan
    out: list[Cycle] = []
    y, m = plan.year_start.year, plan.year_start.month
    seen: set[str] = set()
    while (y, m) <= (plan.year_end.year, plan.year_end.month):
        c = cycle_for_month(y, m, rep.cycle, rep.due_day)
        if c.label not in seen:
            seen.add(c.label)
            if c.deadline <= as_of:
                out.append(c)
        y, m = add_months(y, m, 1)
    return out


def current_cycle(catalogue: Catalogue, as_of: date) -> Cycle | None:
    """The latest cycle whose deadline has passed by ``as_of`` (None early in the year)."""
    due = cycles_due(catalogue, as_of)
    return due[-1] if due else None


def cycle_ends(catalogue: Catalogue, as_of: date) -> list[date]:
    """The month-ends (quarter-ends when reporting quarterly) of the plan year up to ``as_of``."""
    rep = catalogue.settings.reporting
    plan = catalogue.plan
    out: list[date] = []
    y, m = plan.year_start.year, plan.year_start.month
    while (y, m) <= (plan.year_end.year, plan.year_end.month):
        end = month_end(y, m)
        if end > as_of:
            break
        if rep.cycle != "quarterly" or m % 3 == 0:
            out.append(end)
        y, m = add_months(y, m, 1)
    return out


# -- chart data -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartData:
    """What a chart of one target draws: actual against the expected line and the target.

    Values are in the target's unit; milestones (and targets without a goal) in percent
    (stage index ÷ last index for milestones).
    """

    unit: str  # the unit of every value ("%" for percent charts)
    start: date
    due: date
    goal: Decimal | None
    actual: tuple[tuple[date, Decimal], ...]  # after each filing date up to as-of
    expected: tuple[tuple[date, Decimal], ...]  # 序时进度 at the period start and every month-end
    as_of: date


_SHARES: dict[tuple[Any, ...], tuple[tuple[date, Decimal], ...]] = {}


def _expected_shares(target: Target, catalogue: Catalogue) -> tuple[tuple[date, Decimal], ...]:
    """序时进度 in percent at the target's start, every month-end before its due date, and
    the due date. Targets with the same period, rule and schedule share one line (a
    bulletin draws thousands of charts over a few periods)."""
    from ..pace import expected_percent

    plan_start = catalogue.plan.year_start
    start = target.start or plan_start
    due = target.due
    rule = catalogue.settings.progress_rule
    key = (start, due, rule, plan_start, target.schedule, target.is_rate)
    got = _SHARES.get(key)
    if got is not None:
        return got
    days = [start]
    y, m = start.year, start.month
    while month_end(y, m) < due:
        days.append(month_end(y, m))
        y, m = add_months(y, m, 1)
    days.append(due)
    got = tuple((d, expected_percent(target, d, rule, plan_start) if d != start else (
        Decimal(100) if target.is_rate else Decimal(0))) for d in days)
    if len(_SHARES) > 1024:
        _SHARES.clear()
    _SHARES[key] = got
    return got


def chart_data(target: Target, timeline: Timeline, as_of: date, catalogue: Catalogue) -> ChartData:
    """Points for a chart of ``target`` at ``as_of`` (pure; no drawing)."""
    from ..pace import HUNDRED

    start = target.start or catalogue.plan.year_start
    due = target.due
    goal = target.effective_target()
    in_percent = target.is_milestone or goal is None
    series = cumulative_series(timeline, as_of)
    actual: list[tuple[date, Decimal]] = []
    for d, v in series:
        if isinstance(v, str):
            actual.append((d, Decimal(target.stages.index(v)) * HUNDRED / Decimal(max(1, len(target.stages) - 1))))
        elif in_percent:
            continue  # no goal to scale against
        else:
            actual.append((d, v))
    shares = _expected_shares(target, catalogue)
    if in_percent:
        expected = shares
    else:
        scale = goal or Decimal(0)
        expected = tuple((d, scale * share / HUNDRED) for d, share in shares)
    return ChartData("%" if in_percent else (target.unit or ""), start, due,
                     HUNDRED if in_percent else goal, tuple(actual), tuple(expected), as_of)
