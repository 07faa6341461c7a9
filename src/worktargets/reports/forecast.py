"""``forecast``: where each target ends up at its due date if the current pace holds.

Two paces, both from the figures as known at the as-of date (the latest filing date L,
the actual V there, the target's period starting at S and ending at the due date D):

* **year pace** (from the year start): V ÷ days(S..L) per day, so the projection at D
  is V × days(S..D) ÷ days(S..L);
* **recent pace** (from the last three filings): the slope between the earliest and the
  latest of the last three filing dates (two when there are only two), so the projection
  is V + slope × days(L..D). With a single filing there is no recent pace.

``reached_on`` is the day the target would be met at the recent pace (the year pace when
there is none); for a target already met it is the filing date that met it. ``at_risk``
is true when the recent-pace projection (else the year-pace one) does not meet the target
at the due date, or when the due date has passed unmet; it is unknown (None) with no
figure or no baseline.

Growth rates, levels, changes in points, relations and decreases given as a rate are not
summed over time: their projection is the latest value, at risk when it does not meet the
target as ``status`` judges it (a relation against the other target's latest figure).
Milestones are projected on the share of stages reached (stage index ÷ last index).
A cap (≤, 控制在…以内) is at risk when the projection exceeds it, and always once breached;
it has no ``reached_on``. An ``about`` target (左右) is at risk when the projection falls
short of the band (target − tolerance); ``reached_on`` is the day it enters the band.
A target still waiting for its figure (``needs_target``) or its baseline has no forecast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Mapping

from ..progress import Timeline
from ..model import Comparator, State, Target
from ..pace import HUNDRED
from ..status import StatusReport, TargetStatus, goal_met
from .timeline import NO_ENTRIES, cumulative_series

__all__ = ["ForecastRow", "ForecastReport", "compute_forecast", "forecast_target"]

Timelines = Mapping[str, Timeline]


@dataclass(frozen=True, slots=True)
class ForecastRow:
    status: TargetStatus
    method: str  # "pace" | "rate" | "milestone" | "none"
    goal: Decimal | None  # in the target's unit; milestones: 100 (percent of stages)
    current: Decimal | None  # V (milestones: percent of stages)
    last_date: date | None  # L
    year_projection: Decimal | None
    recent_projection: Decimal | None
    recent_points: tuple[date, ...]  # the filing dates the recent pace is taken from
    reached_on: date | None
    at_risk: bool | None

    @property
    def target(self) -> Target:
        return self.status.target


@dataclass(frozen=True, slots=True)
class ForecastReport:
    as_of: date
    rows: tuple[ForecastRow, ...]  # at risk first, then by shortfall

    def at_risk_count(self) -> int:
        return sum(1 for r in self.rows if r.at_risk)


def _days(a: date, b: date) -> int:
    """Days from a to b, both included."""
    return (b - a).days + 1


def _day_reaching(goal: Decimal, base: Decimal, gain: Decimal, per_days: int, origin: date, strict: bool) -> date | None:
    """First day after ``origin`` (holding ``base``) on which base + gain × n / per_days meets goal.

    The pace is kept as a ratio (gain over per_days) so exact answers stay exact.
    """
    if gain <= 0 or per_days <= 0:
        return None
    need = (goal - base) * Decimal(per_days) / gain
    n = int(need.to_integral_value(ROUND_FLOOR)) + 1 if strict else int(need.to_integral_value(ROUND_CEILING))
    n = max(n, 0)
    try:
        return origin + timedelta(days=n)
    except OverflowError:
        return None


def forecast_target(s: TargetStatus, timeline: Timeline, as_of: date, plan_start: date) -> ForecastRow:
    """One target's projections at its due date from its history up to ``as_of``."""
    t = s.target
    series = cumulative_series(timeline, as_of)
    cmp = t.comparator
    if t.is_milestone:
        method, goal, cmp = "milestone", HUNDRED, Comparator.GE
        last = len(t.stages) - 1
        points = [(d, Decimal(t.stages.index(v)) * HUNDRED / Decimal(last)) for d, v in series if isinstance(v, str)]
    else:
        method, goal = ("rate" if t.is_rate else "pace"), s.goal
        points = [(d, v) for d, v in series if isinstance(v, Decimal)]
    if goal is None or not points:
        at_risk = True if s.state is State.OVERDUE else None
        return ForecastRow(s, "none", goal, None, None, None, None, (), None, at_risk)
    last_date, current = points[-1]
    about = cmp is Comparator.ABOUT
    floor = goal - (t.tolerance or Decimal(0)) if about else goal  # about: the bottom of the band

    def met(v: Decimal) -> bool:
        if method == "milestone":
            return cmp.holds(v, goal)
        return v >= floor if about and method == "pace" else goal_met(t, v, goal)

    met_on = next((d for d, v in points if met(v)), None) if met(current) else None
    if method == "rate":
        at_risk = not met(current) and s.state is not State.AHEAD  # (ahead: above an about band)
        return ForecastRow(s, method, goal, current, last_date, current, current, (last_date,), met_on, at_risk)
    start = t.start or plan_start
    due = t.due
    elapsed = _days(start, last_date) if last_date >= start else 0
    if elapsed and last_date < due:
        year_proj: Decimal | None = current * Decimal(_days(start, due)) / Decimal(elapsed)
    else:
        year_proj = current if elapsed else None
    recent = points[-3:]
    recent_proj: Decimal | None = None
    gain, span = Decimal(0), 0
    if len(recent) >= 2:
        (d0, v0), (d1, v1) = recent[0], recent[-1]
        gain, span = v1 - v0, (d1 - d0).days
        recent_proj = current + gain * Decimal(max(0, (due - last_date).days)) / Decimal(span)
    primary = recent_proj if recent_proj is not None else year_proj
    strict = cmp is Comparator.GT
    if met_on is not None and not cmp.lower_is_better:
        reached = met_on
    elif cmp.lower_is_better:
        reached = None
    elif span:
        reached = _day_reaching(floor, current, gain, span, last_date, strict)
    elif elapsed:
        reached = _day_reaching(floor, Decimal(0), current, elapsed, start - timedelta(days=1), strict)
    else:
        reached = None
    if s.state in (State.OVERDUE, State.BREACHED):
        at_risk: bool | None = True
    elif s.state is State.DONE:
        at_risk = False
    else:
        at_risk = primary is not None and not met(primary)
    return ForecastRow(s, method, goal, current, last_date, year_proj, recent_proj,
                       tuple(d for d, _v in recent) if len(recent) >= 2 else (), reached, at_risk)


def _shortfall(r: ForecastRow) -> Decimal:
    proj = r.recent_projection if r.recent_projection is not None else r.year_projection
    if proj is None or r.goal in (None, 0):
        return Decimal(0)
    share = proj * HUNDRED / r.goal  # type: ignore[operator]
    return share - HUNDRED if r.status.target.comparator.lower_is_better else HUNDRED - share


def compute_forecast(report: StatusReport, timelines: Timelines) -> ForecastReport:
    """Every target's projection at its due date, at risk first (largest shortfall first)."""
    plan_start = report.catalogue.plan.year_start
    rows = [forecast_target(s, timelines.get(s.target.id, NO_ENTRIES), report.as_of, plan_start) for s in report.rows]
    rank = {True: 0, None: 1, False: 2}
    rows.sort(key=lambda r: (rank[r.at_risk], -_shortfall(r), r.target.id))
    return ForecastReport(report.as_of, tuple(rows))
