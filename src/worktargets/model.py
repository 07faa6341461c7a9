"""The core's plain values: plan, settings, targets, ledger entries.

These are frozen dataclasses, not Pydantic models: the Pydantic schema in ``schema.py``
validates the YAML and is converted to these, so the core and a warm start never pay
for Pydantic. Every record keeps the file and line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

__all__ = [
    "Kind",
    "Comparator",
    "State",
    "Basis",
    "ProgressRule",
    "Thresholds",
    "Reporting",
    "Settings",
    "Plan",
    "Baseline",
    "Target",
    "Excuse",
    "Catalogue",
    "Entry",
    "DEFAULT_STAGES",
]


class Kind(str, Enum):
    AMOUNT = "amount"  # a flow summed over the year (生猪出栏52万头)
    LEVEL = "level"  # a level held (粮食播种面积稳定在90万亩以上)
    GROWTH = "growth"  # a growth rate, judged rate to rate (增长10%以上)
    RELATIVE = "relative"  # relative to last year's value (翻一番): needs a baseline
    MILESTONE = "milestone"  # a deliverable judged by stage (水库蓄水验收)


class Comparator(str, Enum):
    GE = "ge"  # 以上, 不低于, bare numbers
    GT = "gt"  # 突破, 超过
    LE = "le"  # 以内, 不超过 (lower is better)
    LT = "lt"  # 不满, 低于
    EQ = "eq"

    def holds(self, actual: Decimal, target: Decimal) -> bool:
        """Whether ``actual`` meets ``target`` under this comparator, exactly."""
        if self is Comparator.GE:
            return actual >= target
        if self is Comparator.GT:
            return actual > target
        if self is Comparator.LE:
            return actual <= target
        if self is Comparator.LT:
            return actual < target
        return actual == target

    @property
    def lower_is_better(self) -> bool:
        return self in (Comparator.LE, Comparator.LT)

    @property
    def symbol(self) -> str:
        return {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "="}[self.value]


class State(str, Enum):
    DONE = "done"
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"
    OVERDUE = "overdue"
    NO_DATA = "no_data"
    NEEDS_BASELINE = "needs_baseline"


class Basis(str, Enum):
    TOTAL = "total"  # a year-to-date total (累计)
    ADD = "add"  # an increment (增量)


class ProgressRule(str, Enum):
    MONTHS = "months"  # complete months elapsed / months in the period (1–6月 → 50%)
    DAYS = "days"  # days elapsed / days in the period
    QUARTERS = "quarters"  # complete quarters elapsed / quarters in the period


DEFAULT_STAGES: tuple[str, ...] = ("未启动", "前期工作", "推进中", "已完成")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Traffic lights, in percentage points of 序时进度 (settings, not constants)."""

    ahead_pp: Decimal = Decimal(10)  # more than this ahead of 序时进度 → ahead
    behind_pp: Decimal = Decimal(0)  # more than this below → behind (yellow)
    far_behind_pp: Decimal = Decimal(30)  # more than this below → far_behind (red)


@dataclass(frozen=True, slots=True)
class Reporting:
    """When departments must file: every ``cycle`` by ``due_day`` of the month."""

    cycle: str = "monthly"  # monthly | quarterly
    due_day: int = 25


@dataclass(frozen=True, slots=True)
class Settings:
    progress_rule: ProgressRule = ProgressRule.MONTHS
    thresholds: Thresholds = field(default_factory=Thresholds)
    reporting: Reporting = field(default_factory=Reporting)


@dataclass(frozen=True, slots=True)
class Plan:
    title: str
    region: str
    year: int
    year_note: str = ""
    source_file: str = ""
    owners_note: str = ""
    start: date | None = None

    @property
    def year_start(self) -> date:
        return self.start or date(self.year, 1, 1)

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Last year's value for a relative target; ``value`` None means missing."""

    value: Decimal | None
    unit: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    title: str
    section: str
    source: str
    kind: Kind
    comparator: Comparator
    target: Decimal | None  # in ``unit``; None for milestones and baseline-less relatives
    unit: str | None
    owner: str
    due: date
    subsection: str = ""
    stretch: bool = False
    parent: str | None = None
    projects: tuple[str, ...] = ()
    co_owners: tuple[str, ...] = ()
    baseline: Baseline | None = None
    factor: Decimal | None = None  # relative targets: target = baseline × factor
    schedule: tuple[tuple[date, Decimal], ...] = ()  # (by date, expected percent)
    stages: tuple[str, ...] = ()
    start: date | None = None
    note: str = ""
    path: str = ""
    line: int = 0

    @property
    def is_milestone(self) -> bool:
        return self.kind is Kind.MILESTONE

    @property
    def is_rate(self) -> bool:
        """Judged without time scaling: growth rates and levels held."""
        return self.kind in (Kind.GROWTH, Kind.LEVEL)

    def effective_target(self) -> Decimal | None:
        """The number to compare against: relative targets scale their baseline."""
        if self.kind is Kind.RELATIVE:
            if self.baseline is None or self.baseline.value is None or self.factor is None:
                return None
            return self.baseline.value * self.factor
        return self.target


@dataclass(frozen=True, slots=True)
class Excuse:
    """A number in the report that is not a commitment (a slogan, a name)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    plan: Plan
    settings: Settings
    targets: tuple[Target, ...]
    excuses: tuple[Excuse, ...] = ()
    path: str = ""
    report_path: str = ""

    def by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets}


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated ledger line: a year-to-date total, an increment, or a stage."""

    id: str
    date: date
    target: str
    basis: Basis
    value: Decimal | None  # in the target's unit; None for stage entries
    stage: str | None = None
    by: str = ""
    note: str = ""
    source: str = ""
    replaces: str | None = None
    path: str = ""
    line: int = 0
    raw_value: str = ""
