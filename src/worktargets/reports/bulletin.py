"""``bulletin``: the month's 进度通报 as one value.

Summary counts, every target by section (年度目标, 累计完成, 完成率, 序时进度, 进度差, state),
then the laggards (``gaps``), the snails (``snails``), the late filers and the deadlines
passed (``overdue``), what changed since the month before (``diff``), and per target the
points of a small chart.

Dates: the bulletin of ``2022-06`` stands at its last day (``as_of``, the 截至 date of its
header) whatever day it is made on; the day it is made on (``known``) only decides which
entries were known (the timelines hold entries dated up to it). Its filing compliance is
the period's own: who filed for June (due on ``due_day`` of July), judged on the entries
dated in June.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping

from ..dates import add_months, month_end
from ..progress import Timeline
from ..model import Catalogue, Plan, State, Target
from ..status import StatusReport, TargetStatus
from .diff import DiffReport, compare
from .gaps import GapsReport, compute_gaps, gap_rank
from .overdue import OverdueReport, compute_overdue
from .snails import DEFAULT_K, SnailsReport, compute_snails
from .timeline import NO_ENTRIES, ChartData, Cycle, chart_data, cycle_ends, cycle_for_month, status_at

__all__ = ["Bulletin", "DocInfo", "compute_bulletin", "doc_info", "period_cycle", "SUMMARY_GROUPS"]

Timelines = Mapping[str, Timeline]

# the bulletin's headline counts, each as the rows show it (欠进度 yellow and 严重滞后 red apart)
SUMMARY_GROUPS: dict[str, tuple[State, ...]] = {
    "done": (State.DONE,),
    "on_pace": (State.AHEAD, State.ON_TRACK),
    "behind": (State.BEHIND,),
    "far_behind": (State.FAR_BEHIND,),
    "overdue": (State.OVERDUE,),
    "no_data": (State.NO_DATA,),
    "needs_baseline": (State.NEEDS_BASELINE,),
    "breached": (State.BREACHED,),
    "needs_target": (State.NEEDS_TARGET,),
}


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What heads the bulletin as a document: 发文机关, 文号, title (``settings.bulletin``)."""

    issuer: str = ""  # 发文机关, e.g. 巴州区人民政府督查室
    number: str = ""  # 文号, e.g. 巴州督〔2022〕6号, or 巴州督〔{year}〕{month}号 filled in per period
    title: str = ""  # the document's title; empty: made from the plan and the period


def doc_info(catalogue: Catalogue, **overrides: str | None) -> DocInfo:
    """``settings.bulletin`` of the catalogue when it has one (a mapping or a record with
    ``issuer``, ``number``, ``title``), with the non-empty ``overrides`` on top."""
    got: Any = getattr(catalogue.settings, "bulletin", None)
    values: dict[str, str] = {}
    for key in ("issuer", "number", "title"):
        v = got.get(key) if isinstance(got, Mapping) else getattr(got, key, None)
        if overrides.get(key):
            v = overrides[key]
        values[key] = str(v).strip() if v else ""
    return DocInfo(**values)


@dataclass(frozen=True, slots=True)
class Bulletin:
    period: str  # "2022-06"
    as_of: date  # the day the bulletin stands at (截至): the period's last day
    plan: Plan
    status: StatusReport
    sections: tuple[tuple[str, tuple[TargetStatus, ...]], ...]
    laggards: GapsReport
    snails: SnailsReport
    overdue: OverdueReport  # its late filers are the period's own cycle's
    charts: dict[str, ChartData]
    known: date | None = None  # the day of what was known (the as-of); None: as_of
    change: DiffReport | None = None  # against the period before (None in the plan's first period)
    previous: str = ""  # the period before, "2022-05"
    doc: DocInfo = DocInfo()

    def summary(self) -> dict[str, int]:
        counts = self.status.counts()
        out = {"total": len(self.status.rows)}
        for key, states in SUMMARY_GROUPS.items():
            out[key] = sum(counts[s] for s in states)
        return out

    def rows_in(self, state: State) -> tuple[TargetStatus, ...]:
        """The targets in ``state``, furthest behind 序时进度 first (then catalogue order)."""
        rows = [s for s in self.status.rows if s.state is state]
        rows.sort(key=lambda s: -gap_rank(s))
        return tuple(rows)

    def target(self, target_id: str) -> Target:
        return self.status.catalogue.by_id()[target_id]

    @property
    def filing_final(self) -> bool:
        """Whether the period's filing deadline had passed on the day of what was known
        (before it, those without a filing are not yet late)."""
        c = self.overdue.cycle
        return c is None or (self.known or self.as_of) >= c.deadline


def period_cycle(catalogue: Catalogue, day: date) -> Cycle | None:
    """The latest reporting cycle that has ended by ``day`` (None before the first ends)."""
    ends = cycle_ends(catalogue, day)
    if not ends:
        return None
    rep = catalogue.settings.reporting
    return cycle_for_month(ends[-1].year, ends[-1].month, rep.cycle, rep.due_day)


def _filings(catalogue: Catalogue, timelines: Timelines, status: StatusReport,
             cycle: Cycle | None) -> OverdueReport:
    return compute_overdue(catalogue, timelines, status, cycle=cycle)


def compute_bulletin(catalogue: Catalogue, timelines: Timelines, period: str, as_of: date,
                     snail_k: int = DEFAULT_K, top: int | None = None, known: date | None = None,
                     doc: DocInfo | None = None) -> Bulletin:
    """The 进度通报 of ``period`` standing at ``as_of`` (entries dated later are ignored),
    compared with the month-end before ``as_of``'s month."""
    status = status_at(catalogue, timelines, as_of)  # each report looks no later than as_of
    groups: dict[str, list[TargetStatus]] = {}
    for s in status.rows:
        groups.setdefault(s.target.section, []).append(s)
    charts = {t.id: chart_data(t, timelines.get(t.id, NO_ENTRIES), as_of, catalogue) for t in catalogue.targets}
    cycle = period_cycle(catalogue, as_of)
    overdue = _filings(catalogue, timelines, status, cycle)
    py, pm = add_months(as_of.year, as_of.month, -1)
    prev_day = month_end(py, pm)
    change = None
    if prev_day >= catalogue.plan.year_start:
        before = status_at(catalogue, timelines, prev_day)
        # the filings compared: the cycle before this bulletin's own
        prev_cycle = period_cycle(catalogue, cycle.start - timedelta(days=1)) if cycle is not None else None
        change = compare(before, status, _filings(catalogue, timelines, before, prev_cycle), overdue)
    return Bulletin(
        period=period,
        as_of=as_of,
        plan=catalogue.plan,
        status=status,
        sections=tuple((k, tuple(v)) for k, v in groups.items()),
        laggards=compute_gaps(status, top=top),
        snails=compute_snails(catalogue, timelines, as_of, snail_k),
        overdue=overdue,
        charts=charts,
        known=known,
        change=change,
        previous=f"{py}-{pm:02d}",
        doc=_for_period(doc or doc_info(catalogue), period),
    )


def _for_period(doc: DocInfo, period: str) -> DocInfo:
    """``{year}``, ``{month}`` and ``{period}`` in the number and title filled in for the
    period (a number changes every month: 巴州督〔{year}〕{month}号)."""
    year, _, rest = period.partition("-")
    month = str(int(rest)) if rest.isdigit() else rest

    def fill(text: str) -> str:
        return text.replace("{year}", year).replace("{month}", month).replace("{period}", period)

    return DocInfo(doc.issuer, fill(doc.number), fill(doc.title))
