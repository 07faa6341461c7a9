"""``snails``: the 蜗牛榜, the slowest targets by a rule computed from history.

The rule: judge every target at each cycle end of the plan year up to the as-of date
(every month-end; every quarter-end when ``settings.reporting.cycle`` is quarterly), on
the entries dated up to that day — exactly what ``status --as-of`` said then. A target
is *behind* at a cycle end when its state is ``behind``, ``far_behind`` or ``overdue``
(targets with no figure at all are not judged here: they are 逾期未报, see ``overdue``).
A target is a snail when it has been behind at the last ``k`` cycle ends in a row, up to
and including the latest one (default k = 3: three months running). The list gives every
cycle end of that run, the gap at each, and is ordered by the length of the run, then by
the latest gap, largest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..progress import Timeline
from ..model import Catalogue
from ..status import TargetStatus
from .gaps import GAP_STATES, gap_rank
from .timeline import NO_ENTRIES, cycle_ends, judge_at

__all__ = ["DEFAULT_K", "Snail", "SnailsReport", "compute_snails"]

DEFAULT_K = 3
Timelines = Mapping[str, Timeline]


@dataclass(frozen=True, slots=True)
class Snail:
    run: tuple[tuple[date, TargetStatus], ...]  # the consecutive cycle ends behind, oldest first
    behind_total: int  # cycle ends behind in the whole year so far

    @property
    def latest(self) -> TargetStatus:
        return self.run[-1][1]

    @property
    def cycles(self) -> tuple[date, ...]:
        return tuple(d for d, _s in self.run)


@dataclass(frozen=True, slots=True)
class SnailsReport:
    as_of: date
    k: int
    ends: tuple[date, ...]  # the cycle ends judged
    rows: tuple[Snail, ...]


def compute_snails(catalogue: Catalogue, timelines: Timelines, as_of: date, k: int = DEFAULT_K) -> SnailsReport:
    """Targets behind at each of the last ``k`` (or more) cycle ends up to ``as_of``."""
    ends = cycle_ends(catalogue, as_of)
    rows: list[Snail] = []
    for t in catalogue.targets:
        timeline = timelines.get(t.id, NO_ENTRIES)
        judged = [(d, judge_at(t, timeline, d, catalogue, timelines)) for d in ends]
        behind = [(d, s) for d, s in judged if s.state in GAP_STATES]
        run: list[tuple[date, TargetStatus]] = []
        for d, s in reversed(judged):
            if s.state not in GAP_STATES:
                break
            run.append((d, s))
        if len(run) >= max(1, k):
            rows.append(Snail(tuple(reversed(run)), len(behind)))
    rows.sort(key=lambda r: (-len(r.run), -gap_rank(r.latest), r.latest.target.id))
    return SnailsReport(as_of, k, tuple(ends), tuple(rows))
