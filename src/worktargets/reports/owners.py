"""``owners``: a scorecard per lead department (牵头单位), worst first.

For each department: the targets it leads (a target with two lead departments counts in
full for each), how many are in each state, the average
完成率 against the average 序时进度 over its targets that have both (完成率 capped at 100%
so one target far over its goal cannot hide another far behind), and its late filings:
the cycles its targets owed a filing and had none (see ``overdue``), in total and in the
current cycle.

Worst first: most targets overdue, breached or far behind (red), then most behind
(yellow), then the largest average gap, then the most late filings, then the name.

The targets a department is co-responsible for (责任/配合单位, ``co_owners``) are counted
apart (``co_targets``, ``co_counts``) and never in its lead figures; a department that
only co-owns targets is listed after every lead department.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Mapping

from ..progress import Timeline
from ..model import Catalogue, State
from ..pace import HUNDRED
from ..status import STATE_ORDER, StatusReport
from .overdue import OverdueReport, missed_filings

__all__ = ["OwnerScore", "OwnersReport", "compute_owners"]

Timelines = Mapping[str, Timeline]


@dataclass(frozen=True, slots=True)
class OwnerScore:
    owner: str
    targets: tuple[str, ...]
    counts: dict[State, int]
    average_percent: Decimal | None
    average_expected: Decimal | None
    late_filings: int  # target-cycles owed and missed so far
    late_now: int  # targets with no filing in the current cycle
    co_targets: tuple[str, ...] = ()  # the targets it is co-responsible for (配合)
    co_counts: dict[State, int] | None = None  # their states

    @property
    def average_gap(self) -> Decimal | None:
        """Average 序时进度 minus average 完成率, in percentage points (positive: behind)."""
        if self.average_percent is None or self.average_expected is None:
            return None
        return self.average_expected - self.average_percent

    @property
    def red(self) -> int:
        return self.counts[State.OVERDUE] + self.counts[State.FAR_BEHIND] + self.counts[State.BREACHED]


@dataclass(frozen=True, slots=True)
class OwnersReport:
    as_of: date
    rows: tuple[OwnerScore, ...]


def compute_owners(catalogue: Catalogue, timelines: Timelines, status: StatusReport, overdue: OverdueReport,
                   ) -> OwnersReport:
    """One scorecard per lead department, worst first."""
    missed = missed_filings(catalogue, timelines, status.as_of)
    late_now: dict[str, int] = {}
    for lt in overdue.late_targets:
        for lead in lt.target.leads:
            late_now[lead] = late_now.get(lead, 0) + 1
    groups: dict[str, list] = {}
    co_groups: dict[str, list] = {}
    for s in status.rows:
        leads = s.target.leads
        for lead in leads:
            groups.setdefault(lead, []).append(s)
        for co in s.target.co_owners:
            if co not in leads:
                co_groups.setdefault(co, []).append(s)

    def state_counts(items: list) -> dict[State, int]:
        counts = {st: 0 for st in STATE_ORDER}
        for s in items:
            counts[s.state] += 1
        return counts

    rows = []
    for owner, items in groups.items():
        counts = state_counts(items)
        both = [s for s in items if s.percent is not None and s.expected is not None]
        avg_pct = avg_exp = None
        if both:
            avg_pct = sum((min(s.percent, HUNDRED) for s in both), Decimal(0)) / len(both)
            avg_exp = sum((s.expected for s in both), Decimal(0)) / len(both)
        late = sum(len(missed.get(s.target.id, ())) for s in items)
        co = co_groups.get(owner, [])
        rows.append(OwnerScore(owner, tuple(s.target.id for s in items), counts, avg_pct, avg_exp, late,
                               late_now.get(owner, 0), tuple(s.target.id for s in co), state_counts(co)))
    rows.sort(key=lambda r: (-r.red, -r.counts[State.BEHIND], -(r.average_gap if r.average_gap is not None
                                                                   else Decimal(0)),
                             -r.late_filings, r.owner))
    co_only = [OwnerScore(o, (), state_counts([]), None, None, 0, 0, tuple(s.target.id for s in items),
                          state_counts(items)) for o, items in sorted(co_groups.items()) if o not in groups]
    return OwnersReport(status.as_of, tuple(rows) + tuple(co_only))
