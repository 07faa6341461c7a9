"""``diff``: what changed between two dates (环比, 较上期).

Each target is judged at both dates by ``status.judge_target`` on the same timelines the
other reports use (no fold of its own), and the late filers of each date's reporting cycle
come from ``overdue.compute_overdue``. A change is then named from the two states:

* *newly done*: done now, not done before;
* *newly behind*: behind now (欠进度, 严重滞后 or 逾期: the ``gaps`` states), not before;
* *recovered*: behind before, now neither behind nor without a figure;
* *worse* / *better*: still behind, from 欠进度 to 严重滞后 or 逾期, or the other way;
* otherwise the state changed without crossing those lines (*changed*) or stayed (*same*).

The percent change is in percentage points (百分点) of 完成率: now minus before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Mapping

from ..progress import Timeline
from ..model import Catalogue, State, Target
from ..status import StatusReport, TargetStatus
from .gaps import GAP_STATES
from .overdue import LateTarget, OverdueReport, compute_overdue
from .timeline import Cycle, status_at

__all__ = ["CHANGE_KINDS", "TargetChange", "DiffReport", "compare", "compute_diff", "change_kind"]

Timelines = Mapping[str, Timeline]

# the order a change list is read in: news first
CHANGE_KINDS: tuple[str, ...] = ("newly_done", "newly_behind", "worse", "recovered", "better", "changed", "same")
_SEVERITY = {State.BEHIND: 1, State.FAR_BEHIND: 2, State.OVERDUE: 3}


def change_kind(before: State, after: State) -> str:
    """The name of a move from ``before`` to ``after`` (see the module's rules)."""
    if after is State.DONE and before is not State.DONE:
        return "newly_done"
    was, now = before in GAP_STATES, after in GAP_STATES
    if now and not was:
        return "newly_behind"
    if was and not now and after is not State.NO_DATA:
        return "recovered"
    if was and now and before is not after:
        return "worse" if _SEVERITY[after] > _SEVERITY[before] else "better"
    return "same" if before is after else "changed"


@dataclass(frozen=True, slots=True)
class TargetChange:
    before: TargetStatus
    after: TargetStatus

    @property
    def target(self) -> Target:
        return self.after.target

    @property
    def kind(self) -> str:
        return change_kind(self.before.state, self.after.state)

    @property
    def percent_change(self) -> Decimal | None:
        """完成率 now minus before, in percentage points (None when either is unknown)."""
        if self.after.percent is None:
            return None
        if self.before.percent is None:
            # nothing filed before: the whole of today's figure is the change
            return self.after.percent if self.before.actual is None and self.before.stage is None else None
        return self.after.percent - self.before.percent


@dataclass(frozen=True, slots=True)
class DiffReport:
    from_date: date
    to_date: date
    rows: tuple[TargetChange, ...]  # catalogue order
    cycle_before: Cycle | None  # the reporting cycle whose late filers each side names
    cycle_after: Cycle | None
    late_new: tuple[LateTarget, ...]  # late now, filed (or not owing) before
    late_cleared: tuple[LateTarget, ...]  # late before, not late now
    late_still: tuple[LateTarget, ...]  # late in both cycles

    def of_kind(self, kind: str) -> tuple[TargetChange, ...]:
        return tuple(c for c in self.rows if c.kind == kind)

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in CHANGE_KINDS}
        for c in self.rows:
            out[c.kind] += 1
        return out


def compare(before: StatusReport, after: StatusReport, late_before: OverdueReport,
            late_after: OverdueReport) -> DiffReport:
    """The changes from ``before`` to ``after`` (two judgements of one catalogue)."""
    rows = tuple(TargetChange(b, a) for b, a in zip(before.rows, after.rows))
    was = {lt.target.id: lt for lt in late_before.late_targets}
    now = {lt.target.id: lt for lt in late_after.late_targets}
    return DiffReport(
        from_date=before.as_of,
        to_date=after.as_of,
        rows=rows,
        cycle_before=late_before.cycle,
        cycle_after=late_after.cycle,
        late_new=tuple(lt for i, lt in now.items() if i not in was),
        late_cleared=tuple(lt for i, lt in was.items() if i not in now),
        late_still=tuple(lt for i, lt in now.items() if i in was),
    )


def compute_diff(catalogue: Catalogue, timelines: Timelines, from_date: date, to_date: date) -> DiffReport:
    """Every target judged at ``from_date`` and at ``to_date``, and the late filers of the
    reporting cycle current at each (``overdue``'s rule)."""
    before = status_at(catalogue, timelines, from_date)
    after = status_at(catalogue, timelines, to_date)
    return compare(before, after, compute_overdue(catalogue, timelines, before),
                   compute_overdue(catalogue, timelines, after))
