"""``bulletin``: the month's 进度通报 as one value.

Summary counts, every target by section (年度目标, 累计完成, 完成率, 序时进度, 进度差, state),
then the laggards (``gaps``), the snails (``snails``), the late filers and the deadlines
passed (``overdue``), and per target the points of a small chart. The period ``2022-06``
is judged as of its last day unless an as-of date is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..progress import Timeline
from ..model import Catalogue, Plan, State
from ..status import StatusReport, TargetStatus
from .gaps import GapsReport, compute_gaps
from .overdue import OverdueReport, compute_overdue
from .snails import DEFAULT_K, SnailsReport, compute_snails
from .timeline import NO_ENTRIES, ChartData, chart_data, status_at

__all__ = ["Bulletin", "compute_bulletin", "SUMMARY_GROUPS"]

Timelines = Mapping[str, Timeline]

# the bulletin's four headline counts (and the two that are not judged)
SUMMARY_GROUPS: dict[str, tuple[State, ...]] = {
    "done": (State.DONE,),
    "on_pace": (State.AHEAD, State.ON_TRACK),
    "behind": (State.BEHIND, State.FAR_BEHIND),
    "overdue": (State.OVERDUE,),
    "no_data": (State.NO_DATA,),
    "needs_baseline": (State.NEEDS_BASELINE,),
}


@dataclass(frozen=True, slots=True)
class Bulletin:
    period: str  # "2022-06"
    as_of: date
    plan: Plan
    status: StatusReport
    sections: tuple[tuple[str, tuple[TargetStatus, ...]], ...]
    laggards: GapsReport
    snails: SnailsReport
    overdue: OverdueReport
    charts: dict[str, ChartData]

    def summary(self) -> dict[str, int]:
        counts = self.status.counts()
        out = {"total": len(self.status.rows)}
        for key, states in SUMMARY_GROUPS.items():
            out[key] = sum(counts[s] for s in states)
        return out


def compute_bulletin(catalogue: Catalogue, timelines: Timelines, period: str, as_of: date,
                     snail_k: int = DEFAULT_K, top: int | None = None) -> Bulletin:
    """The 进度通报 of ``period`` judged at ``as_of`` (entries dated later are ignored)."""
    status = status_at(catalogue, timelines, as_of)  # each report looks no later than as_of
    groups: dict[str, list[TargetStatus]] = {}
    for s in status.rows:
        groups.setdefault(s.target.section, []).append(s)
    charts = {t.id: chart_data(t, timelines.get(t.id, NO_ENTRIES), as_of, catalogue) for t in catalogue.targets}
    return Bulletin(
        period=period,
        as_of=as_of,
        plan=catalogue.plan,
        status=status,
        sections=tuple((k, tuple(v)) for k, v in groups.items()),
        laggards=compute_gaps(status, top=top),
        snails=compute_snails(catalogue, timelines, as_of, snail_k),
        overdue=compute_overdue(catalogue, timelines, status),
        charts=charts,
    )
