"""Loading ``targets.yaml``: YAML → Pydantic validation → core ``Catalogue``.

Returns every problem in one pass, each with the file and line it concerns.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .model import (
    DEFAULT_STAGES,
    Baseline,
    Catalogue,
    Excuse,
    Kind,
    Plan,
    ProgressRule,
    Reporting,
    Settings,
    Target,
    Thresholds,
)
from .quantity import QuantityError, parse_quantity, parse_unit
from .textio import digest as _digest
from .textio import display_path, long_line, read_text

if TYPE_CHECKING:
    from .yamlsafe import YList, YMap

__all__ = ["load_catalogue", "CATALOGUE_FILE"]

CATALOGUE_FILE = "targets.yaml"

_ZH_TYPES = {
    "string_type": "应为文字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "date_parsing": "应为日期（如 2022-12-31）",
    "date_type": "应为日期（如 2022-12-31）",
    "date_from_datetime_parsing": "应为日期（如 2022-12-31）",
    "date_from_datetime_inexact": "应为日期（如 2022-12-31）",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "string_too_short": "不能为空",
    "greater_than_equal": "超出允许范围",
    "greater_than": "超出允许范围",
    "less_than_equal": "超出允许范围",
    "string_pattern_mismatch": "格式不符（编号只能用小写字母、数字和连字符）",
}


def _locate(doc: Any, loc: tuple[Any, ...], default: int) -> int:
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


def _pydantic_problems(exc: Any, doc: Any, path: str, default_line: int) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        line = _locate(doc, loc, default_line)
        fld = _field_name(loc)
        if kind == "missing":
            problems.append(Problem("missing-field", path, line, fld))
        elif kind == "extra_forbidden":
            problems.append(Problem("unknown-field", path, line, fld))
        else:
            zh = _ZH_TYPES.get(kind, err["msg"])
            if kind in ("enum", "literal_error"):
                zh = "应为以下之一：" + str(err.get("ctx", {}).get("expected", ""))
            problems.append(Problem("bad-value", path, line, fld, {"detail": err["msg"], "detail_zh": zh}))
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


# 2: the model's values are records pickled as their constructor's arguments (1 held
# frozen dataclasses); a cache written in another format is never read
_CACHE_FORMAT = 2


def _code_stamp() -> str:
    """The package version and the size and mtime of every module that judges a
    catalogue, so an upgraded or edited validator never trusts an old verdict."""
    from . import __version__

    here = Path(__file__).parent
    parts = [__version__, str(_CACHE_FORMAT)]
    for name in ("catalogue.py", "schema.py", "model.py", "quantity.py", "yamlsafe.py", "textio.py", "errors.py",
                 "dates.py"):
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(name)
    return "|".join(parts)


def _file_digest(file: Path) -> str | None:
    try:
        return _digest(file.read_bytes())
    except OSError:
        return None


def load_catalogue(data_dir: Path, cache_dir: Path | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Read and validate ``data_dir/targets.yaml``; (None, problems) when unusable.

    A validated catalogue is kept in a cache keyed by the SHA-256 of the file's bytes,
    the report text it is checked against, the paths shown in messages, the Python
    version and the validating code, so a warm start skips YAML and Pydantic; any
    change to any of them is a miss and the file is validated again. ``cache_dir``: the
    cache folder (None: no cache); an entry is unpickled only from this user's own files."""
    import pickle
    import sys

    from .textio import make_private_dir, private_file

    cache = cache_dir
    file = data_dir / CATALOGUE_FILE
    key = None
    if cache is not None:
        try:
            raw = file.read_bytes()
        except OSError:
            raw = None
        if raw is not None:
            key = _digest(raw, display_path(file).encode(), str(data_dir.resolve()).encode(),
                          _code_stamp().encode(), sys.version.encode())
            try:
                with open(cache / f"{key}.pickle", "rb") as fh:
                    if not private_file(fh.fileno(), cache):
                        raise OSError("not this user's own cache")
                    fmt, report_name, report_digest, result = pickle.load(fh)
                if fmt == _CACHE_FORMAT and isinstance(result[0], (Catalogue, type(None))) and (
                        report_name is None or _file_digest(data_dir / report_name) == report_digest):
                    return result
            except Exception:  # a missing, old or damaged entry is only a miss
                pass
    result = _load_catalogue(data_dir, cache)
    if key is not None:
        catalogue = result[0]
        report_name = catalogue.plan.source_file if catalogue is not None and catalogue.plan.source_file else None
        try:
            make_private_dir(cache)  # type: ignore[arg-type]
            entry = (_CACHE_FORMAT, report_name, _file_digest(data_dir / report_name) if report_name else None, result)
            tmp = cache / f".{key}.{os.getpid()}.tmp"  # type: ignore[operator]
            tmp.write_bytes(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, cache / f"{key}.pickle")  # type: ignore[operator]
            _prune(cache)  # type: ignore[arg-type]
        except Exception:  # a read-only home or full disk costs only speed
            pass
    return result


def _prune(cache: Path, keep: int = 64) -> None:
    """Keep the cache small: only the ``keep`` most recently written catalogues."""
    entries = list(cache.glob("*.pickle"))
    if len(entries) <= keep:
        return
    entries.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def _load_catalogue(data_dir: Path, cache_dir: Path | None = None) -> tuple[Catalogue | None, list[Problem]]:
    from pydantic import ValidationError

    from .yamlsafe import YList, YMap, load_yaml

    from .schema import HeaderModel, TargetModel

    file = data_dir / CATALOGUE_FILE
    path = display_path(file)
    text, _enc, problems = read_text(file, path)
    if text is None:
        return None, problems
    too_long = long_line(text)
    if too_long:
        return None, [Problem("line-too-long", path, too_long[0], params={"size": str(too_long[1]), "limit": "100000"})]
    doc, problems = load_yaml(text, path, cache_dir)
    if doc is None:
        return None, problems
    if not isinstance(doc, YMap):
        return None, problems + [Problem("not-a-mapping", path, getattr(doc, "line", 1))]
    try:
        header = HeaderModel.model_validate(doc)
    except ValidationError as exc:
        only_targets = all(e["loc"][:1] == ("targets",) and len(e["loc"]) > 1 for e in exc.errors())
        if not only_targets:
            return None, problems + _pydantic_problems(exc, doc, path, doc.line)
        header = None
    if header is None or not isinstance(doc.get("targets"), YList):
        return None, problems + [Problem("not-a-list", path, doc.key_lines.get("targets", 1), "targets")]

    plan = Plan(
        title=header.plan.title,
        region=header.plan.region,
        year=header.plan.year,
        year_note=header.plan.year_note,
        source_file=header.plan.source_file,
        owners_note=header.plan.owners_note,
        start=header.plan.start,
    )
    th = header.settings.thresholds
    settings = Settings(
        progress_rule=ProgressRule(header.settings.progress_rule),
        thresholds=Thresholds(th.ahead_pp, th.behind_pp, th.far_behind_pp),
        reporting=Reporting(header.settings.reporting.cycle, header.settings.reporting.due_day),
    )
    if th.far_behind_pp < th.behind_pp:
        line = _locate(doc, ("settings", "thresholds", "far_behind_pp"), doc.line)
        problems.append(Problem("bad-value", path, line, "settings.thresholds.far_behind_pp",
                                {"detail": "far_behind_pp must be at least behind_pp", "detail_zh": "far_behind_pp 不能小于 behind_pp"}))

    targets: list[Target] = []
    first_line: dict[str, int] = {}
    items: YList = doc["targets"]
    for index, item in enumerate(items):
        item_line = items.item_lines[index]
        if not isinstance(item, YMap):
            problems.append(Problem("not-a-mapping", path, item_line, f"targets[{index}]"))
            continue
        try:
            model = TargetModel.model_validate(item)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, item, path, item_line))
            continue
        if model.id in first_line:
            problems.append(Problem("duplicate-id", path, item.key_lines.get("id", item_line), "id",
                                    {"id": model.id, "first": str(first_line[model.id])}))
            continue
        first_line[model.id] = item.key_lines.get("id", item_line)
        target = _convert_target(model, item, plan, path, item_line, problems)
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

    report_path = ""
    if plan.source_file:
        report_file = data_dir / plan.source_file
        report_path = display_path(report_file)
        try:
            report = report_file.read_text(encoding="utf-8")
        except OSError:
            problems.append(Problem("report-missing", path, _locate(doc, ("plan", "source_file"), doc.line),
                                    "plan.source_file", {"file": plan.source_file}))
        else:
            for t in targets:
                if t.source not in report:
                    problems.append(Problem("source-not-in-report", path, t.line, "source"))
    excuses = tuple(Excuse(e.text, e.reason) for e in header.not_commitments)
    catalogue = Catalogue(plan, settings, tuple(targets), excuses, path, report_path)
    return catalogue, problems


def _convert_target(model: Any, item: YMap, plan: Plan, path: str, line: int, problems: list[Problem]) -> Target | None:
    def at(key: str) -> int:
        return item.key_lines.get(key, line)

    n_before = len(problems)
    kind = Kind(model.kind)
    value: Decimal | None = None
    unit = model.unit
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
    elif model.target is None:
        problems.append(Problem("missing-field", path, line, "target"))
    else:
        try:
            value, unit = _to_decimal_quantity(model.target, unit)
        except QuantityError as exc:
            problems.append(_quantity_problem(exc, path, at("target"), "target"))
    if kind is Kind.GROWTH and unit is not None and unit != "%":
        problems.append(Problem("unit-mismatch", path, at("target"), "target", {"unit": unit, "expected": "%"}))

    baseline = None
    if model.baseline is not None:
        bvalue = None
        if model.baseline.value is not None:
            try:
                bvalue, _ = _to_decimal_quantity(model.baseline.value, unit)
            except QuantityError as exc:
                problems.append(_quantity_problem(exc, path, at("baseline"), "baseline.value"))
        baseline = Baseline(bvalue, unit, model.baseline.note)
    elif kind is Kind.RELATIVE:
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
        owner=model.owner,
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
    )


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
