"""``overdue``: deadlines passed and unmet, and 逾期未报 (no filing in the reporting cycle).

The filing rule, from ``settings.reporting`` (``cycle``: monthly or quarterly; ``due_day``):

* A *cycle* is a calendar month (a calendar quarter when quarterly). A ledger entry's
  ``date`` is the date its figures stand at (统计截至日期), so an entry *files for* the
  cycle its date falls in: 2022-05-31 files for 2022-05.
* A cycle's filing is due on ``due_day`` of the month after the cycle ends (次月25日前报
  上月进度): May is due on 25 June, Q2 on 25 July.
* The *current cycle* at an as-of date is the latest cycle of the plan year whose deadline
  is on or before that date; before the first deadline there is none and nobody is late.
* A target *owes* a filing for a cycle when its period has begun by the cycle's end and it
  was not already done (销号) on the day before the cycle began.
* 逾期未报: a target that owes a filing for the current cycle and has no entry dated within
  it. A department (a lead department, 牵头单位) is late when any target it leads is; a
  target with two leads makes both late.

The ledger records when figures stand, not when they were handed in, so a May figure
typed in on 30 June still counts as May's filing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Mapping

from ..progress import Timeline
from ..model import Catalogue, State, Target
from ..status import StatusReport, TargetStatus
from .timeline import NO_ENTRIES, Cycle, current_cycle, cycles_due, judge_at

__all__ = [
    "OverdueReport",
    "LateTarget",
    "LateDepartment",
    "compute_overdue",
    "owes_filing",
    "filed_in",
    "missed_filings",
]

Timelines = Mapping[str, Timeline]


@dataclass(frozen=True, slots=True)
class LateTarget:
    target: Target
    cycle: Cycle
    last_date: date | None  # the latest entry dated on or before the as-of date


@dataclass(frozen=True, slots=True)
class LateDepartment:
    owner: str
    owed: int  # targets it leads that owe a filing this cycle
    missing: tuple[str, ...]  # ids of those with none

    @property
    def filed_nothing(self) -> bool:
        return self.owed > 0 and len(self.missing) == self.owed


@dataclass(frozen=True, slots=True)
class OverdueReport:
    as_of: date
    deadlines: tuple[TargetStatus, ...]  # due date passed, unmet; longest overdue first
    cycle: Cycle | None  # the current reporting cycle
    late_targets: tuple[LateTarget, ...]
    late_departments: tuple[LateDepartment, ...]
    owed: int = 0  # targets owing a filing in the current cycle
    notes: tuple[str, ...] = field(default=())

    def days_overdue(self, s: TargetStatus) -> int:
        return (self.as_of - s.target.due).days


def filed_in(timeline: Timeline, cycle: Cycle) -> bool:
    """Whether any entry is dated within the cycle."""
    return timeline.filed(cycle.start, cycle.end)


def owes_filing(target: Target, timeline: Timeline, cycle: Cycle, catalogue: Catalogue,
                timelines: Timelines | None = None) -> bool:
    """Whether the target must file for ``cycle``: begun by its end and not done before it."""
    start = target.start or catalogue.plan.year_start
    if start > cycle.end:
        return False
    before = cycle.start - timedelta(days=1)
    if before < start:
        return True
    return judge_at(target, timeline, before, catalogue, timelines).state is not State.DONE


def missed_filings(catalogue: Catalogue, timelines: Timelines, as_of: date) -> dict[str, list[str]]:
    """Per target id, the labels of the cycles (deadline passed by ``as_of``) it owed and missed."""
    out: dict[str, list[str]] = {}
    cycles = cycles_due(catalogue, as_of)
    for t in catalogue.targets:
        timeline = timelines.get(t.id, NO_ENTRIES)  # (what follows looks no later than as_of)
        missed = [c.label for c in cycles
                  if owes_filing(t, timeline, c, catalogue, timelines) and not filed_in(timeline, c)]
        if missed:
            out[t.id] = missed
    return out


def compute_overdue(catalogue: Catalogue, timelines: Timelines, status: StatusReport,
                    cycle: Cycle | None = None) -> OverdueReport:
    """Targets past their due date unmet, and who has not filed for the current cycle (or
    for ``cycle``: a bulletin asks about its own period's filings)."""
    as_of = status.as_of
    deadlines = sorted((s for s in status.rows if s.state is State.OVERDUE), key=lambda s: (s.target.due, s.target.id))
    if cycle is None:
        cycle = current_cycle(catalogue, as_of)
    late: list[LateTarget] = []
    by_owner: dict[str, list[str]] = {}
    owed_by_owner: dict[str, int] = {}
    owed = 0
    if cycle is not None:
        for t in catalogue.targets:
            timeline = timelines.get(t.id, NO_ENTRIES)
            if not owes_filing(t, timeline, cycle, catalogue, timelines):
                continue
            owed += 1
            filed = filed_in(timeline, cycle)
            if not filed:
                late.append(LateTarget(t, cycle, timeline.last_date(as_of)))
            for lead in t.leads:  # each lead department answers for the filing (co-led: both)
                owed_by_owner[lead] = owed_by_owner.get(lead, 0) + 1
                if not filed:
                    by_owner.setdefault(lead, []).append(t.id)
    departments = [LateDepartment(o, owed_by_owner[o], tuple(ids)) for o, ids in by_owner.items()]
    departments.sort(key=lambda d: (-len(d.missing), -int(d.filed_nothing), d.owner))
    return OverdueReport(as_of, tuple(deadlines), cycle, tuple(late), tuple(departments), owed)
