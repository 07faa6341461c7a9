"""The ``targets:`` list of ``targets.yaml``: each entry validated by ``schema.TargetModel``
and converted to a core ``Target`` with its own checks (names, units, kinds, baseline,
stages, tolerance, dates, schedule), then the checks between targets (duplicate ids,
parents, relations, cycles) and against the report's text. Every problem has its line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .model import DEFAULT_STAGES, Baseline, Kind, Plan, Settings, Target
from .quantity import QuantityError, parse_quantity, parse_unit
from .textio import has_control

if TYPE_CHECKING:
    from .yamlsafe import YList, YMap

__all__ = ["convert_targets", "locate", "not_in_report", "pydantic_problems"]


def locate(doc: Any, loc: tuple[Any, ...], default: int) -> int:
    from .yamlsafe import YList, YMap

    line = default
    node = doc
    for key in loc:
        if isinstance(node, YMap) and str(key) in node:
            line = node.key_lines.get(str(key), line)
            node = node[str(key)]
        elif isinstance(node, YList) and isinstance(key, int) and 0 <= key < len(node):
            line = node.item_lines[key]
            node = node[key]
        else:
            break
    return line


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for key in loc:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += ("." if out else "") + str(key)
    return out


def pydantic_problems(exc: Any, doc: Any, path: str, default_line: int) -> list[Problem]:
    """Pydantic's errors as the project's problems (codes, zh/en words, file and line); the
    members of a union that all failed (``owner: str | list``) are one problem."""
    from .schema import describe_error

    problems = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        loc, code, params = describe_error(err)
        fld = _field_name(loc)
        if (code, fld) in seen:
            continue
        seen.add((code, fld))
        problems.append(Problem(code, path, locate(doc, loc, default_line), fld, params))
    return problems


def _to_decimal_quantity(value: Any, unit: str | None) -> tuple[Decimal, str]:
    if isinstance(value, bool):
        raise QuantityError("bad-number", "not a number", value=str(value))
    if isinstance(value, (int, float)):
        if not unit:
            raise QuantityError("missing-unit", "missing unit")
        parse_unit(unit)
        return Decimal(str(value)), unit
    q = parse_quantity(str(value), unit)
    if not q.unit:
        raise QuantityError("missing-unit", "missing unit")
    if unit and q.unit != unit:
        # "3.6万亩" with unit: 亩 → store in the declared unit
        return q.to(unit).value, unit
    return q.value, q.unit


def _quantity_problem(exc: QuantityError, path: str, line: int, fld: str) -> Problem:
    params = dict(exc.params)
    return Problem(exc.code, path, line, fld, params)


def not_in_report(targets: list[Target], report: str) -> list[Target]:
    """The targets whose ``source`` is not a verbatim excerpt of the report, in order.

    A 分解表 lists the report's commitments in the report's order, so each excerpt is
    looked for first from where the one before it was found, then (out of order) in the
    whole text: the same answer as searching the whole report each time, in one pass over
    it instead of one per target (100,000 targets: 35 s)."""
    missing = []
    at = 0
    for t in targets:
        found = report.find(t.source, at)
        if found < 0:
            found = report.find(t.source)
        if found < 0:
            missing.append(t)
        else:
            at = found
    return missing


def convert_targets(items: YList, plan: Plan, settings: Settings, path: str, problems: list[Problem],
                     ) -> tuple[list[Target], dict[str, int]]:
    """Every target of the list (each validated alone), then the checks between targets."""
    from pydantic import ValidationError

    from .schema import TargetModel
    from .yamlsafe import YMap

    targets: list[Target] = []
    first_line: dict[str, int] = {}
    validate = TargetModel.__pydantic_validator__.validate_python  # (model_validate without its wrapper)
    for index, item in enumerate(items):
        item_line = items.item_lines[index]
        if not isinstance(item, YMap):
            problems.append(Problem("not-a-mapping", path, item_line, f"targets[{index}]"))
            continue
        if "False" in item and "no" not in item:
            # YAML 1.1 reads the key ``no:`` (序号) as false (yamlsafe: "False"): it is the field ``no``
            item["no"] = item.pop("False")
            item.key_lines["no"] = item.key_lines.pop("False", item_line)
        try:
            model = validate(item)
        except ValidationError as exc:
            problems.extend(pydantic_problems(exc, item, path, item_line))
            continue
        if model.id in first_line:
            problems.append(Problem("duplicate-id", path, item.key_lines.get("id", item_line), "id",
                                    {"id": model.id, "first": str(first_line[model.id])}))
            continue
        first_line[model.id] = item.key_lines.get("id", item_line)
        target = _convert_target(model, item, plan, settings, path, item_line, problems)
        if target is not None:
            targets.append(target)

    ids = {t.id: t for t in targets}
    for t in targets:
        if t.parent is not None:
            parent = ids.get(t.parent)
            if parent is None:
                if t.parent not in first_line:
                    problems.append(Problem("unknown-parent", path, t.line, "parent", {"parent": t.parent}))
            elif t.unit and parent.unit and parse_unit(t.unit).family != parse_unit(parent.unit).family:
                problems.append(Problem("unit-mismatch", path, t.line, "parent", {"unit": t.unit, "expected": parent.unit}))
        if t.relation_to is not None:
            _check_relation(t, ids, first_line, path, problems)
    for t in targets:  # a chain of parents that comes back to the target (a ring, or itself)
        up, steps = ids.get(t.parent or ""), 0
        while up is not None and up.id != t.id and steps < len(ids):
            up, steps = ids.get(up.parent or ""), steps + 1
        if up is not None and up.id == t.id:
            problems.append(Problem("parent-cycle", path, t.line, "parent", {"parent": t.parent or ""}))
    return targets, first_line


def _check_relation(t: Target, ids: dict[str, Target], first_line: dict[str, int], path: str,
                    problems: list[Problem]) -> None:
    """A relation is judged against a numeric, non-relation target of the same unit family."""
    to = t.relation_to or ""
    other = ids.get(to)
    fld = "relation.to"
    if other is None:
        if to not in first_line:  # (one that failed its own checks is reported there)
            problems.append(Problem("unknown-relation", path, t.line, fld, {"to": to}))
        return
    why = None
    if other.id == t.id:
        why = ("a target cannot be judged against itself", "不能对照自身")
    elif other.kind in (Kind.MILESTONE, Kind.RELATION):
        why = (f"'{to}' is a {other.kind.value}, not a figure", f"“{to}”是 {other.kind.value}，没有可对照的数值")
    if why is not None:
        problems.append(Problem("bad-relation", path, t.line, fld, {"to": to, "detail": why[0], "detail_zh": why[1]}))
    elif t.unit and other.unit and parse_unit(t.unit).family != parse_unit(other.unit).family:
        problems.append(Problem("unit-mismatch", path, t.line, fld, {"unit": t.unit, "expected": other.unit}))


def _names(raw: Any) -> tuple[str, ...]:
    """A name or a list of names, blanks dropped."""
    items = [raw] if isinstance(raw, str) else list(raw or ())
    return tuple(n.strip() for n in items if isinstance(n, str) and n.strip())


def _check_names(model: Any, item: YMap, path: str, line: int, problems: list[Problem]) -> None:
    """Titles, departments and leaders: no control or invisible characters (the writer's rule)."""

    def at(key: str) -> int:
        return item.key_lines.get(key, line)

    fields: list[tuple[str, Any]] = [("title", model.title), ("owner", model.owner), ("co_owners", model.co_owners),
                                     ("leader", model.leader)]
    for key, raw in fields:
        items = [raw] if isinstance(raw, str) else list(raw or ())
        for i, name in enumerate(items):
            # (a printable text holds no Cc/Cf/Zl/Zp character: str.isprintable answers for most names in C)
            if isinstance(name, str) and not name.isprintable() and has_control(name):
                fld = key if isinstance(raw, str) else f"{key}[{i}]"
                problems.append(Problem("control-characters", path, at(key), fld,
                                        {"text": name}))


def _tolerance(model: Any, kind: Kind, unit: str | None, value: Decimal | None, settings: Settings, item: YMap,
               path: str, line: int, problems: list[Problem]) -> Decimal | None:
    """The ``about`` tolerance in the target's unit (percentage points for rates and points)."""
    own = model.tolerance is not None
    spec = model.tolerance if own else settings.about_tolerance
    where, fld = (item.key_lines.get("tolerance", line), "tolerance") if own else (
        item.key_lines.get("comparator", line), "comparator")
    if model.comparator.value != "about":
        if own:
            problems.append(Problem("bad-value", path, where, "tolerance", {
                "detail": "a tolerance goes with comparator: about", "detail_zh": "只有 comparator: about 才有允许偏差"}))
        return None
    if spec is None:
        problems.append(Problem("missing-tolerance", path, where, fld))
        return None
    text = str(spec).strip().replace("％", "%")
    share = text.endswith("%")
    try:
        number = Decimal(text.rstrip("%").strip()) if not isinstance(spec, bool) else None
    except ArithmeticError:
        number = None

    def bad(en: str, zh: str) -> None:
        problems.append(Problem("bad-tolerance", path, where, fld, {"value": text, "detail": en, "detail_zh": zh}))

    if number is None or not number.is_finite() or number < 0:
        bad("a number ≥ 0, or a share such as 5%", "应为不小于 0 的数，或目标的百分比（如 5%）")
        return None
    if unit == "%" or kind is Kind.POINTS:
        return number  # percentage points
    if share:
        if value is None:
            bad("a share of the target needs a target figure", "按目标百分比计的偏差需要目标值")
            return None
        return abs(value) * number / Decimal(100)
    if not own:
        bad(f"settings.about_tolerance applies to rates; give this {unit} target a share (5%) or its own tolerance",
            f"settings.about_tolerance 只用于百分比目标；{unit} 目标请写百分比（如 5%）或自己的 tolerance")
        return None
    return number


def _convert_target(model: Any, item: YMap, plan: Plan, settings: Settings, path: str, line: int,
                    problems: list[Problem]) -> Target | None:
    def at(key: str) -> int:
        return item.key_lines.get(key, line)

    n_before = len(problems)
    kind = Kind(model.kind)
    value: Decimal | None = None
    unit = model.unit
    _check_names(model, item, path, line, problems)
    owners = _names(model.owner)
    if not owners:
        problems.append(Problem("missing-field", path, at("owner"), "owner"))
    if unit is not None:
        try:
            parse_unit(unit)
        except QuantityError as exc:
            problems.append(_quantity_problem(exc, path, at("unit"), "unit"))
            return None
    if kind is Kind.MILESTONE:
        if model.target is not None:
            problems.append(Problem("bad-value", path, at("target"), "target",
                                    {"detail": "a milestone has stages, not a target value", "detail_zh": "里程碑按阶段考核，不设目标值"}))
    elif kind is Kind.RELATIVE:
        if model.factor is None:
            problems.append(Problem("missing-field", path, line, "factor"))
        if unit is None:
            problems.append(Problem("missing-field", path, line, "unit"))
    elif kind is Kind.RELATION:
        if model.relation is None:
            problems.append(Problem("missing-field", path, line, "relation"))
        if model.target is not None:
            problems.append(Problem("bad-value", path, at("target"), "target", {
                "detail": "a relation is judged against the other target's figure, not a value of its own",
                "detail_zh": "对照型目标以另一目标的数值为准，不设自己的目标值"}))
        if unit is None:
            problems.append(Problem("missing-field", path, line, "unit"))
    elif model.target is None:
        if model.set_by is None:
            problems.append(Problem("missing-field", path, line, "target"))
        elif unit is None:
            problems.append(Problem("missing-field", path, line, "unit"))
    else:
        try:
            value, unit = _to_decimal_quantity(model.target, unit)
        except QuantityError as exc:
            problems.append(_quantity_problem(exc, path, at("target"), "target"))
    if kind is Kind.POINTS and unit is not None:
        # 提高2个百分点: the target is the change in points; the figure filed is this year's rate, in %
        try:
            family = parse_unit(unit).family
        except QuantityError:
            family = ""
        if unit != "%" and family != _points_family():
            problems.append(Problem("unit-mismatch", path, at("target"), "target", {"unit": unit, "expected": "个百分点"}))
        unit = "%"
    if kind is Kind.GROWTH and unit is not None and unit != "%":
        problems.append(Problem("unit-mismatch", path, at("target"), "target", {"unit": unit, "expected": "%"}))
    if value is not None and value < 0 and kind in (Kind.AMOUNT, Kind.LEVEL):
        problems.append(Problem("negative-target", path, at("target"), "target",
                                {"kind": kind.value, "value": str(model.target)}))

    baseline = None
    if model.baseline is not None:
        bvalue = None
        if model.baseline.value is not None:
            try:
                bvalue, _ = _to_decimal_quantity(model.baseline.value, unit)
            except QuantityError as exc:
                problems.append(_quantity_problem(exc, path, at("baseline"), "baseline.value"))
        baseline = Baseline(bvalue, unit, model.baseline.note)
    elif kind in (Kind.RELATIVE, Kind.POINTS):
        problems.append(Problem("missing-field", path, line, "baseline"))

    stages: tuple[str, ...] = ()
    if kind is Kind.MILESTONE:
        stages = tuple(model.stages or DEFAULT_STAGES)
        if len(stages) < 2 or len(set(stages)) != len(stages):
            problems.append(Problem("bad-value", path, at("stages"), "stages",
                                    {"detail": "at least two distinct stages", "detail_zh": "至少两个互不相同的阶段"}))
    elif model.stages:
        problems.append(Problem("bad-value", path, at("stages"), "stages",
                                {"detail": "only milestones have stages", "detail_zh": "只有里程碑有阶段"}))
    if kind is Kind.MILESTONE and model.comparator.value not in ("ge",):
        problems.append(Problem("bad-value", path, at("comparator"), "comparator", {
            "detail": "a milestone is judged by its stages", "detail_zh": "里程碑按阶段考核，不设比较方式"}))
    tolerance = _tolerance(model, kind, unit, value, settings, item, path, line, problems)

    start = model.start or plan.year_start
    due = model.due or plan.year_end
    if due < start:
        problems.append(Problem("bad-value", path, at("due"), "due",
                                {"detail": f"due {due} is before the start {start}", "detail_zh": f"完成时限 {due} 早于起算日 {start}"}))
    if due.year != plan.year and due > plan.year_end:
        problems.append(Problem("date-outside-year", path, at("due"), "due", {"date": due.isoformat(), "year": str(plan.year)}))

    schedule = _convert_schedule(model.schedule, kind, stages, item, path, at("schedule"), problems)
    if len(problems) > n_before:
        return None
    return Target(
        id=model.id,
        title=model.title,
        section=model.section,
        subsection=model.subsection,
        source=model.source,
        kind=kind,
        comparator=model.comparator,
        target=value,
        unit=unit if kind is not Kind.MILESTONE else None,
        stretch=model.stretch,
        parent=model.parent,
        projects=tuple(model.projects),
        owner=owners[0],
        co_owners=tuple(model.co_owners),
        due=due,
        start=model.start,
        baseline=baseline,
        factor=model.factor,
        schedule=schedule,
        stages=stages,
        note=model.note,
        path=path,
        line=item.key_lines.get("id", line),
        no="" if model.no is None else str(model.no).strip(),
        owners=owners if len(owners) > 1 else (),
        leader=_names(model.leader),
        tolerance=tolerance,
        relation_to=model.relation.to if model.relation is not None else None,
        set_by=model.set_by or "",
    )


def _points_family() -> str:
    """The unit family of 个百分点 (percentage points) in force; "" where it is unknown."""
    from .quantity import POINTS

    try:
        return parse_unit(POINTS).family
    except QuantityError:
        return ""


def _convert_schedule(
    raw: dict[date, Any], kind: Kind, stages: tuple[str, ...], item: YMap, path: str, line: int, problems: list[Problem]
) -> tuple[tuple[date, Decimal], ...]:
    out: list[tuple[date, Decimal]] = []
    for when in sorted(raw):
        spec = raw[when]
        if kind is Kind.MILESTONE:
            if str(spec) not in stages:
                problems.append(Problem("bad-schedule", path, line, "schedule",
                                        {"detail": f"{when}: {spec!r} is not a stage ({'/'.join(stages)})"}))
                continue
            pct = Decimal(stages.index(str(spec)) * 100) / Decimal(len(stages) - 1)
        else:
            try:
                q = parse_quantity(str(spec), "%")
            except QuantityError:
                q = None
            if q is None or q.unit != "%" or not (0 <= q.value <= 100):
                problems.append(Problem("bad-schedule", path, line, "schedule",
                                        {"detail": f"{when}: {spec!r} is not a percentage from 0% to 100%"}))
                continue
            pct = q.value
        if out and pct < out[-1][1]:
            problems.append(Problem("bad-schedule", path, line, "schedule",
                                    {"detail": f"{when}: expected progress goes down"}))
        out.append((when, pct))
    return tuple(out)
