"""An office's own units, declared in ``targets.yaml`` (``units:``): checked against the
built-in table and each other, then in force as a ``quantity.UnitRegistry``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from .quantity import (BUILTIN_UNITS, _MAGNITUDES, QuantityError, UnitRegistry, _exact, _normalise_unit,
                       format_number, in_range)

__all__ = ["declare_units"]


def _declared_factor(raw: Any) -> Decimal | None:
    """A declared factor: a positive exact decimal (YAML int, float as written, or string)."""
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        d = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        return None
    return d if d.is_finite() and d > 0 and in_range(d) else None


def declare_units(spec: Any, path: str, line: int | None = None,
                  base: UnitRegistry = BUILTIN_UNITS) -> tuple[UnitRegistry, list[Any]]:
    """Check an office's ``units:`` mapping; return the registry in force with it, and problems.

    Each entry is ``name: {family: F, factor: N}``: one ``name`` is N of the unit F (a
    built-in unit or another declared one, in any order); ``name: {family: name, factor: 1}``
    starts a new family. Codes: ``unknown-family``, ``bad-factor``, ``unit-clash`` (the name is
    a built-in spelling with another meaning; repeating a built-in exactly is allowed),
    ``bad-unit-name``, and the loader's ``not-a-mapping``/``missing-field``/``unknown-field``.
    Lines come from the YAML mapping's ``key_lines`` (yamlsafe.YMap) when it has them.
    """
    from .errors import Problem

    problems: list[Problem] = []
    if spec is None:
        return base, problems
    if not isinstance(spec, Mapping):
        return base, [Problem("not-a-mapping", path, line, "units")]
    key_lines: dict[str, int] = getattr(spec, "key_lines", {}) or {}
    pending: dict[str, tuple[str, Decimal, int | None]] = {}
    for name_raw, entry in spec.items():
        name = _normalise_unit(str(name_raw))
        at = key_lines.get(str(name_raw), line)
        fld = f"units.{name_raw}"
        if not isinstance(entry, Mapping):
            problems.append(Problem("not-a-mapping", path, at, fld))
            continue
        sub: dict[str, int] = getattr(entry, "key_lines", {}) or {}
        for key in entry:
            if key not in ("family", "factor"):
                problems.append(Problem("unknown-field", path, sub.get(str(key), at), f"{fld}.{key}"))
        if not name or name in _MAGNITUDES or any(c.isdigit() or c in "()+-*/.,;:" for c in name):
            problems.append(Problem("bad-unit-name", path, at, fld, {"unit": str(name_raw)}))
            continue
        if "family" not in entry or "factor" not in entry:
            problems.append(Problem("missing-field", path, at, f"{fld}.{'family' if 'family' not in entry else 'factor'}"))
            continue
        family = _normalise_unit(str(entry["family"]))
        factor = _declared_factor(entry["factor"])
        if factor is None or (family == name and factor != 1):
            problems.append(Problem("bad-factor", path, sub.get("factor", at), f"{fld}.factor",
                                    {"unit": name, "factor": str(entry["factor"])}))
            continue
        pending[name] = (family, factor, at)
    declared: dict[str, tuple[str, Decimal]] = {}
    lines: dict[str, int | None] = {}
    progress = True
    while pending and progress:
        progress = False
        reg = UnitRegistry(declared)
        for name, (family, factor, at) in list(pending.items()):
            if family == name:
                resolved: tuple[str, Decimal] | None = (name, Decimal(1))
            else:
                try:
                    of = reg.parse_unit(family)
                except QuantityError:
                    continue
                resolved = (of.family, _exact(of.factor * factor))
            del pending[name]
            progress = True
            try:
                builtin = base.parse_unit(name)
            except QuantityError:
                builtin = None
            if builtin is not None and (builtin.family, builtin.factor) != resolved:
                problems.append(Problem("unit-clash", path, at, f"units.{name}",
                                        {"unit": name, "family": builtin.family, "factor": format_number(builtin.factor)}))
                continue
            if builtin is None:
                declared[name] = resolved  # type: ignore[assignment]
                lines[name] = at
    for name, (family, _factor, at) in pending.items():
        problems.append(Problem("unknown-family", path, at, f"units.{name}.family", {"unit": name, "family": family}))
    for name in list(declared):  # 万箱 declared as 5000 箱 against 万 x 箱
        try:
            other = UnitRegistry({k: v for k, v in declared.items() if k != name}).parse_unit(name)
        except QuantityError:
            continue
        if (other.family, other.factor) != declared[name]:
            del declared[name]
            problems.append(Problem("unit-clash", path, lines[name], f"units.{name}",
                                    {"unit": name, "family": other.family, "factor": format_number(other.factor)}))
    if not declared:
        return base, problems
    return UnitRegistry({**base.declared, **declared}), problems
