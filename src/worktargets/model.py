"""The core's plain values: plan, settings, targets, ledger entries.

These are immutable records (hand-written, see ``Record``), not Pydantic models: the
Pydantic schema in ``schema.py`` validates the YAML and is converted to these, so the
core and a warm start never pay for Pydantic. Every record keeps the file and line it came from.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any, Callable

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
    "Record",
]


class Kind(str, Enum):
    AMOUNT = "amount"  # a flow summed over the year (生猪出栏52万头)
    LEVEL = "level"  # a level held (粮食播种面积稳定在90万亩以上)
    GROWTH = "growth"  # a growth rate, judged rate to rate (增长10%以上)
    RELATIVE = "relative"  # relative to last year's value (翻一番): needs a baseline
    MILESTONE = "milestone"  # a deliverable judged by stage (水库蓄水验收)
    DECREASE = "decrease"  # 下降3% / 减少…: the figure filed is the decrease itself (positive)
    POINTS = "points"  # 提高2个百分点: the change in percentage points from ``baseline`` (last year's rate)
    RELATION = "relation"  # 与…同步 / 高于…: this target's figure against another target's


class Comparator(str, Enum):
    GE = "ge"  # 以上, 不低于, bare numbers
    GT = "gt"  # 突破, 超过
    LE = "le"  # 以内, 不超过 (lower is better)
    LT = "lt"  # 不满, 低于
    EQ = "eq"
    ABOUT = "about"  # 左右, 约: within a tolerance

    def holds(self, actual: Decimal, target: Decimal, tolerance: Decimal | None = None) -> bool:
        """Whether ``actual`` meets ``target`` under this comparator, exactly (``about``:
        within ``tolerance`` either side, the target itself when there is none)."""
        if self is Comparator.ABOUT:
            return abs(actual - target) <= (tolerance or Decimal(0))
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
        """A cap (控制在…以内, 不超过): met while under, breached once over."""
        return self is Comparator.LE or self is Comparator.LT  # identity: no enum hash per call

    @property
    def symbol(self) -> str:
        return {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "=", "about": "≈"}[self.value]


class State(str, Enum):
    DONE = "done"
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"
    OVERDUE = "overdue"
    NO_DATA = "no_data"
    NEEDS_BASELINE = "needs_baseline"
    NEEDS_TARGET = "needs_target"  # 完成省、市下达的任务: the figure is set by the level above, later
    BREACHED = "breached"  # a cap exceeded (red)


class Basis(str, Enum):
    TOTAL = "total"  # a year-to-date total (累计)
    ADD = "add"  # an increment (增量)


class ProgressRule(str, Enum):
    MONTHS = "months"  # complete months elapsed / months in the period (1–6月 → 50%)
    DAYS = "days"  # days elapsed / days in the period
    QUARTERS = "quarters"  # complete quarters elapsed / quarters in the period


DEFAULT_STAGES: tuple[str, ...] = ("未启动", "前期工作", "推进中", "已完成")


class Record:
    """Base of the core's values (these, ``errors.Problem``, ``status.TargetStatus``):
    immutable, equal and hashed by their fields, and pickled as the arguments of their
    constructor (the catalogue cache rebuilds each with one call). Written by hand rather
    than as ``@dataclass(frozen=True, slots=True)``: a dataclass compiles six methods per
    class and builds each class twice at import, ≈13 ms of every command's start on this
    machine for the classes of this module. Each subclass lists its fields in ``__slots__``
    in the order of its ``__init__`` arguments (tests/test_model_records.py holds that)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _values: Callable[[Any], tuple[Any, ...]]

    def __init_subclass__(cls) -> None:
        cls._fields = cls.__slots__
        cls._values = attrgetter(*cls.__slots__)  # a tuple for two fields or more

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == other._values(other)  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values(self)))
        return f"{self.__class__.__qualname__}({args})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.__class__, self._values(self)


_set = object.__setattr__


class Thresholds(Record):
    """Traffic lights, in percentage points of 序时进度 (settings, not constants)."""

    __slots__ = ("ahead_pp", "behind_pp", "far_behind_pp")
    ahead_pp: Decimal  # more than this ahead of 序时进度 → ahead
    behind_pp: Decimal  # more than this below → behind (yellow)
    far_behind_pp: Decimal  # more than this below → far_behind (red)

    def __init__(self, ahead_pp: Decimal = Decimal(10), behind_pp: Decimal = Decimal(0),
                 far_behind_pp: Decimal = Decimal(30)) -> None:
        _set(self, "ahead_pp", ahead_pp)
        _set(self, "behind_pp", behind_pp)
        _set(self, "far_behind_pp", far_behind_pp)


class Reporting(Record):
    """When departments must file: every ``cycle`` by ``due_day`` of the month."""

    __slots__ = ("cycle", "due_day")
    cycle: str  # monthly | quarterly
    due_day: int

    def __init__(self, cycle: str = "monthly", due_day: int = 25) -> None:
        _set(self, "cycle", cycle)
        _set(self, "due_day", due_day)


class Settings(Record):
    __slots__ = ("progress_rule", "thresholds", "reporting", "about_tolerance")
    progress_rule: ProgressRule
    thresholds: Thresholds
    reporting: Reporting
    about_tolerance: str | None  # as written ("0.5", "5%"); each target resolves it in its own unit

    def __init__(self, progress_rule: ProgressRule = ProgressRule.MONTHS, thresholds: Thresholds | None = None,
                 reporting: Reporting | None = None, about_tolerance: str | None = None) -> None:
        _set(self, "progress_rule", progress_rule)
        _set(self, "thresholds", Thresholds() if thresholds is None else thresholds)
        _set(self, "reporting", Reporting() if reporting is None else reporting)
        _set(self, "about_tolerance", about_tolerance)


class Plan(Record):
    __slots__ = ("title", "region", "year", "year_note", "source_file", "owners_note", "start")
    title: str
    region: str
    year: int
    year_note: str
    source_file: str
    owners_note: str
    start: date | None

    def __init__(self, title: str, region: str, year: int, year_note: str = "", source_file: str = "",
                 owners_note: str = "", start: date | None = None) -> None:
        _set(self, "title", title)
        _set(self, "region", region)
        _set(self, "year", year)
        _set(self, "year_note", year_note)
        _set(self, "source_file", source_file)
        _set(self, "owners_note", owners_note)
        _set(self, "start", start)

    @property
    def year_start(self) -> date:
        return self.start or date(self.year, 1, 1)

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)


class Baseline(Record):
    """Last year's value for a relative target; ``value`` None means missing."""

    __slots__ = ("value", "unit", "note")
    value: Decimal | None
    unit: str | None
    note: str

    def __init__(self, value: Decimal | None, unit: str | None, note: str = "") -> None:
        _set(self, "value", value)
        _set(self, "unit", unit)
        _set(self, "note", note)


class Target(Record):
    __slots__ = ("id", "title", "section", "source", "kind", "comparator", "target", "unit", "owner", "due",
                 "subsection", "stretch", "parent", "projects", "co_owners", "baseline", "factor", "schedule",
                 "stages", "start", "note", "path", "line", "no", "owners", "leader", "tolerance", "relation_to",
                 "set_by")
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
    subsection: str
    stretch: bool
    parent: str | None
    projects: tuple[str, ...]
    co_owners: tuple[str, ...]
    baseline: Baseline | None
    factor: Decimal | None  # relative targets: target = baseline × factor
    schedule: tuple[tuple[date, Decimal], ...]  # (by date, expected percent)
    stages: tuple[str, ...]
    start: date | None
    note: str
    path: str
    line: int
    no: str  # the 序号 as written in the 分解表 or the report ("3", "(二)5"); "" when none
    owners: tuple[str, ...]  # every lead department (牵头单位), ``owner`` first; () means (owner,)
    leader: tuple[str, ...]  # 责任领导
    tolerance: Decimal | None  # ``about``: the allowed distance, in the unit (points: in percentage points)
    relation_to: str | None  # ``relation``: the id of the target whose figure this one is judged against
    set_by: str  # who sets a target left null (省、市下达)

    def __init__(
        self, id: str, title: str, section: str, source: str, kind: Kind, comparator: Comparator,
        target: Decimal | None, unit: str | None, owner: str, due: date, subsection: str = "",
        stretch: bool = False, parent: str | None = None, projects: tuple[str, ...] = (),
        co_owners: tuple[str, ...] = (), baseline: Baseline | None = None, factor: Decimal | None = None,
        schedule: tuple[tuple[date, Decimal], ...] = (), stages: tuple[str, ...] = (), start: date | None = None,
        note: str = "", path: str = "", line: int = 0, no: str = "", owners: tuple[str, ...] = (),
        leader: tuple[str, ...] = (), tolerance: Decimal | None = None, relation_to: str | None = None,
        set_by: str = "",
    ) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "section", section)
        _set(self, "source", source)
        _set(self, "kind", kind)
        _set(self, "comparator", comparator)
        _set(self, "target", target)
        _set(self, "unit", unit)
        _set(self, "owner", owner)
        _set(self, "due", due)
        _set(self, "subsection", subsection)
        _set(self, "stretch", stretch)
        _set(self, "parent", parent)
        _set(self, "projects", projects)
        _set(self, "co_owners", co_owners)
        _set(self, "baseline", baseline)
        _set(self, "factor", factor)
        _set(self, "schedule", schedule)
        _set(self, "stages", stages)
        _set(self, "start", start)
        _set(self, "note", note)
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "no", no)
        _set(self, "owners", owners)
        _set(self, "leader", leader)
        _set(self, "tolerance", tolerance)
        _set(self, "relation_to", relation_to)
        _set(self, "set_by", set_by)

    @property
    def is_milestone(self) -> bool:
        return self.kind is Kind.MILESTONE

    @property
    def leads(self) -> tuple[str, ...]:
        """Every lead department (牵头单位), the primary lead first."""
        return self.owners or (self.owner,)

    @property
    def is_cap(self) -> bool:
        """控制在…以内 / 不超过: met while under, done only at the due date, breached once over."""
        return self.comparator.lower_is_better

    @property
    def is_rate(self) -> bool:
        """Judged figure to figure, without time scaling: growth rates, levels held, changes in
        points, relations between two targets' figures, and decreases given as a rate (下降3%)."""
        kind = self.kind
        return kind in (Kind.GROWTH, Kind.LEVEL, Kind.POINTS, Kind.RELATION) or (
            kind is Kind.DECREASE and self.unit == "%")

    def effective_target(self) -> Decimal | None:
        """The number to compare the actual with: relative targets scale their baseline; a
        change in points is added to last year's rate; None while a baseline (or a target
        set by the level above) is missing. Relations compare with the other target's actual."""
        if self.kind is Kind.RELATIVE:
            if self.baseline is None or self.baseline.value is None or self.factor is None:
                return None
            return self.baseline.value * self.factor
        if self.kind is Kind.POINTS:
            if self.baseline is None or self.baseline.value is None or self.target is None:
                return None
            return self.baseline.value + self.target
        return self.target


class Excuse(Record):
    """A number in the report that is not a commitment (a slogan, a name)."""

    __slots__ = ("text", "reason")
    text: str
    reason: str

    def __init__(self, text: str, reason: str) -> None:
        _set(self, "text", text)
        _set(self, "reason", reason)


class Catalogue(Record):
    __slots__ = ("plan", "settings", "targets", "excuses", "path", "report_path", "units")
    plan: Plan
    settings: Settings
    targets: tuple[Target, ...]
    excuses: tuple[Excuse, ...]
    path: str
    report_path: str
    units: Any  # quantity.UnitRegistry with the office's declared ``units:``; None: the built-in table

    def __init__(self, plan: Plan, settings: Settings, targets: tuple[Target, ...], excuses: tuple[Excuse, ...] = (),
                 path: str = "", report_path: str = "", units: Any = None) -> None:
        _set(self, "plan", plan)
        _set(self, "settings", settings)
        _set(self, "targets", targets)
        _set(self, "excuses", excuses)
        _set(self, "path", path)
        _set(self, "report_path", report_path)
        _set(self, "units", units)

    def by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets}


class Entry(Record):
    """One dated ledger line: a year-to-date total, an increment, or a stage."""

    __slots__ = ("id", "date", "target", "basis", "value", "stage", "by", "note", "source", "replaces", "path",
                 "line", "raw_value")
    id: str
    date: date
    target: str
    basis: Basis
    value: Decimal | None  # in the target's unit; None for stage entries
    stage: str | None
    by: str
    note: str
    source: str
    replaces: str | None
    path: str
    line: int
    raw_value: str

    def __init__(self, id: str, date: date, target: str, basis: Basis, value: Decimal | None,
                 stage: str | None = None, by: str = "", note: str = "", source: str = "",
                 replaces: str | None = None, path: str = "", line: int = 0, raw_value: str = "") -> None:
        _set(self, "id", id)
        _set(self, "date", date)
        _set(self, "target", target)
        _set(self, "basis", basis)
        _set(self, "value", value)
        _set(self, "stage", stage)
        _set(self, "by", by)
        _set(self, "note", note)
        _set(self, "source", source)
        _set(self, "replaces", replaces)
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "raw_value", raw_value)
