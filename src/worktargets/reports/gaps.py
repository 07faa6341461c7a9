"""``gaps``: the targets behind 序时进度, worst first.

A target is listed when its state is ``behind``, ``far_behind``, ``overdue`` or
``breached`` (a cap exceeded), so the thresholds of ``settings.thresholds`` decide, as in
``status``. Worst first means the largest gap in percentage points; a target with no
figure at all counts as 0% done; a breached cap ranks by how far it is over its cap, in
percent of the cap. ``owner`` matches a lead or a co-responsible department.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import State
from ..status import StatusReport, TargetStatus, owner_role

__all__ = ["GAP_STATES", "GapsReport", "compute_gaps", "gap_rank"]

GAP_STATES = frozenset({State.BEHIND, State.FAR_BEHIND, State.OVERDUE, State.BREACHED})


def gap_rank(s: TargetStatus) -> Decimal:
    """Percentage points behind 序时进度, counting a target with no figure as 0% done (a
    breached cap: percent of the cap over it)."""
    used = s.cap_used
    if used is not None:
        return used - Decimal(100)
    if s.gap_pp is not None:
        return s.gap_pp
    return s.expected if s.expected is not None else Decimal(0)


@dataclass(frozen=True, slots=True)
class GapsReport:
    as_of: date
    rows: tuple[TargetStatus, ...]  # worst first
    total_behind: int  # before --top and --owner cut the list


def compute_gaps(report: StatusReport, top: int | None = None, owner: str | None = None) -> GapsReport:
    """Targets behind 序时进度 at the report's date, worst first; ``owner`` matches part of the
    name of a lead or co-responsible department."""
    rows = [s for s in report.rows if s.state in GAP_STATES]
    total = len(rows)
    if owner:
        rows = [s for s in rows if owner_role(s.target, owner) is not None]
    rows.sort(key=lambda s: (-gap_rank(s), s.target.id))
    if top is not None:
        rows = rows[:top]
    return GapsReport(report.as_of, tuple(rows), total)
