"""``gaps``: the targets behind 序时进度, worst first.

A target is listed when its state is ``behind``, ``far_behind`` or ``overdue`` (so the
thresholds of ``settings.thresholds`` decide, as in ``status``). Worst first means the
largest gap in percentage points; a target with no figure at all counts as 0% done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import State
from ..status import StatusReport, TargetStatus

__all__ = ["GAP_STATES", "GapsReport", "compute_gaps", "gap_rank"]

GAP_STATES = frozenset({State.BEHIND, State.FAR_BEHIND, State.OVERDUE})


def gap_rank(s: TargetStatus) -> Decimal:
    """Percentage points behind 序时进度, counting a target with no figure as 0% done."""
    if s.gap_pp is not None:
        return s.gap_pp
    return s.expected if s.expected is not None else Decimal(0)


@dataclass(frozen=True, slots=True)
class GapsReport:
    as_of: date
    rows: tuple[TargetStatus, ...]  # worst first
    total_behind: int  # before --top and --owner cut the list


def compute_gaps(report: StatusReport, top: int | None = None, owner: str | None = None) -> GapsReport:
    """Targets behind 序时进度 at the report's date, worst first; ``owner`` matches part of the name."""
    rows = [s for s in report.rows if s.state in GAP_STATES]
    total = len(rows)
    if owner:
        rows = [s for s in rows if owner in s.target.owner]
    rows.sort(key=lambda s: (-gap_rank(s), s.target.id))
    if top is not None:
        rows = rows[:top]
    return GapsReport(report.as_of, tuple(rows), total)
