"""Exact quantities as the report writes them: "3.6万亩", "150亿元", "1,000户", "10%".

Every number is a Decimal. A unit is a magnitude prefix (万, 亿, 千…) on a base unit
(亩, 元, 头…); units of one family convert exactly, units of two families never do.
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from .model import Record, _set

__all__ = [
    "Quantity",
    "QuantityError",
    "Unit",
    "parse_unit",
    "parse_number",
    "parse_quantity",
    "value_in",
    "base_unit",
    "format_number",
    "format_quantity",
    "known_units",
]


class QuantityError(ValueError):
    """A number or unit that cannot be read; ``code`` is a stable error code."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


# base unit -> family. A family is the set of units that convert into one another.
_BASE_UNITS: dict[str, str] = {
    "元": "money",
    "亩": "area_mu",
    "平方米": "area_m2",
    "头": "head",
    "米": "length",
    "公里": "length",
    "千米": "length",
    "个": "count",
    "户": "household",
    "家": "enterprise",
    "人": "person",
    "座": "structure",
    "%": "percent",
}
# how many metres in one base unit of the length family; other families are 1.
_BASE_SCALE: dict[str, Decimal] = {"米": Decimal(1), "公里": Decimal(1000), "千米": Decimal(1000)}

_MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10) ** 4,
    "十万": Decimal(10) ** 5,
    "百万": Decimal(10) ** 6,
    "千万": Decimal(10) ** 7,
    "亿": Decimal(10) ** 8,
    "万亿": Decimal(10) ** 12,
}
# Units written with a magnitude that the report uses; any magnitude + base parses.
_FAMILY_NAMES_ZH = {
    "money": "金额",
    "area_mu": "面积（亩）",
    "area_m2": "面积（平方米）",
    "head": "头数",
    "length": "长度",
    "count": "个数",
    "household": "户数",
    "enterprise": "家数",
    "person": "人数",
    "structure": "座数",
    "percent": "百分比",
}


class Unit(Record):
    """A unit as written ("万亩"): its base unit, family and size in family base units."""

    __slots__ = ("text", "base", "family", "factor")
    text: str
    base: str
    family: str
    factor: Decimal  # one of this unit, in the family's smallest unit

    def __init__(self, text: str, base: str, family: str, factor: Decimal) -> None:
        _set(self, "text", text)
        _set(self, "base", base)
        _set(self, "family", family)
        _set(self, "factor", factor)

    @property
    def family_zh(self) -> str:
        return _FAMILY_NAMES_ZH[self.family]


_UNIT_CACHE: dict[str, Unit] = {}


def parse_unit(text: str) -> Unit:
    """Read a unit such as "万亩", "亿元", "公里", "%" (raises QuantityError)."""
    cached = _UNIT_CACHE.get(text)
    if cached is not None:
        return cached
    t = unicodedata.normalize("NFKC", text).strip()
    if t in ("％", "%"):
        t = "%"
    for base in sorted(_BASE_UNITS, key=len, reverse=True):
        if t.endswith(base):
            prefix = t[: -len(base)]
            if prefix and prefix not in _MAGNITUDES:
                continue
            # 千米 is a base unit itself, not 千 x 米.
            magnitude = _MAGNITUDES[prefix] if prefix else Decimal(1)
            factor = magnitude * _BASE_SCALE.get(base, Decimal(1))
            unit = Unit(text=text, base=base, family=_BASE_UNITS[base], factor=factor)
            _UNIT_CACHE[text] = unit
            return unit
    raise QuantityError("unknown-unit", f"unknown unit {text!r}", unit=text)


def known_units() -> list[str]:
    """The base units worktargets knows, for messages and docs."""
    return list(_BASE_UNITS)


_NUM_RE = re.compile(
    r"^\s*(?P<sign>[+-])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*"
    r"(?P<mag>十万|百万|千万|万亿|[十百千万亿])?\s*(?P<unit>.*?)\s*$"
)


class Quantity(Record):
    """An exact amount in a unit as written: Quantity(Decimal("3.6"), "万亩")."""

    __slots__ = ("value", "unit")
    value: Decimal
    unit: str  # "" when the text carried no unit

    def __init__(self, value: Decimal, unit: str) -> None:
        _set(self, "value", value)
        _set(self, "unit", unit)

    def to(self, unit: str) -> "Quantity":
        """The same amount in another unit of the same family."""
        if not self.unit:
            raise QuantityError("missing-unit", "quantity has no unit")
        src, dst = parse_unit(self.unit), parse_unit(unit)
        if src.family != dst.family:
            raise QuantityError(
                "unit-mismatch",
                f"{self.unit} ({src.family}) cannot be converted to {unit} ({dst.family})",
                unit=self.unit,
                expected=unit,
            )
        return Quantity(_exact(self.value * src.factor / dst.factor), unit)

    def __str__(self) -> str:
        return format_quantity(self)


# The size of a number a user may write. Within it every conversion (up to 万亿, 10**12)
# and every quantize stays inside Decimal's 28 digits, so nothing is ever rounded and
# nothing raises.
MAX_INT_DIGITS = 15
MAX_FRAC_DIGITS = 20
MAX_DIGITS = 20


# Decimal's default context keeps 28 digits; a sum of in-range numbers in mixed units can
# need more (15 integer digits in 亿元 and 20 decimals in 元), and then the last digit would
# depend on the order of the additions. Ledger sums run in this context: every such sum
# is exact, whatever the order.
EXACT_PREC = 100


def exact_context() -> Any:
    """``with exact_context():`` — Decimal arithmetic with EXACT_PREC digits."""
    ctx = decimal.getcontext().copy()
    ctx.prec = EXACT_PREC
    return decimal.localcontext(ctx)


def in_range(d: Decimal) -> bool:
    """Whether a written number is small enough for exact arithmetic (see MAX_*)."""
    sign, digits, exp = d.as_tuple()
    if not isinstance(exp, int):
        return False
    return len(digits) <= MAX_DIGITS and exp >= -MAX_FRAC_DIGITS and (d.is_zero() or d.adjusted() < MAX_INT_DIGITS)


def _exact(d: Decimal) -> Decimal:
    """Drop trailing zeros without ever turning 100 into 1E+2."""
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def _normalise_text(text: str) -> str:
    # NFKC folds full-width digits, dots, commas and percent signs to ASCII.
    t = unicodedata.normalize("NFKC", text)
    return t.replace("，", ",").replace("。", ".").replace(" ", "").replace("\u3000", "")


def parse_number(text: str) -> tuple[Decimal, str]:
    """Split "3.6万亩" into (Decimal("3.6"), "万亩"), the unit as written.

    A magnitude with no unit ("2.1万") comes back as the unit "万".
    """
    t = _normalise_text(text)
    m = _NUM_RE.match(t)
    if m is None:
        raise QuantityError("bad-number", f"not a number: {text!r}", value=text)
    num = m["num"].replace(",", "")
    try:
        value = Decimal(num)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        raise QuantityError("bad-number", f"not a number: {text!r}", value=text) from None
    if not in_range(value):
        raise QuantityError("number-out-of-range", f"out of range: {text!r}", value=text)
    if m["sign"] == "-":
        value = -value
    unit = (m["mag"] or "") + m["unit"]
    return value, unit


def parse_quantity(text: str, default_unit: str | None = None) -> Quantity:
    """Read "3.6万亩", "150亿元", "1,000户", "３.６万", "5千万", "10%".

    A bare number is in ``default_unit``; a magnitude without a unit ("2.1万") is that
    many of the default unit's base unit: "2.1万" with default 亩 is 2.1万亩.
    """
    value, unit = parse_number(text)
    if unit == "":
        return Quantity(value, default_unit or "")
    if unit in _MAGNITUDES:
        if default_unit is None:
            return Quantity(_exact(value * _MAGNITUDES[unit]), "")
        return Quantity(value, unit + parse_unit(default_unit).base)
    parse_unit(unit)  # raises unknown-unit
    return Quantity(value, unit)


def base_unit(unit: str) -> str:
    """The unit without its magnitude: 万亩 → 亩, 亿元 → 元, 公里 → 公里."""
    return parse_unit(unit).base


def value_in(text: str, unit: str, written_unit: str | None = None, column: bool = False) -> Decimal:
    """``text`` as a Decimal in ``unit``: "2.1万亩", "21000" (亩), "2.1万" against 万亩 → 2.1.

    A bare number is in ``written_unit`` (a unit column, a template header), else in
    the base unit of ``unit`` — "36000" against 3.6万亩 means 36000亩, as people write it.
    When ``written_unit`` is a unit column (``column``), a fitting unit of another kind
    written after the number ("2万亩" beside 万头, for 万亩) is ``two-units``, not read silently.
    """
    q = parse_quantity(text, written_unit or base_unit(unit))
    value = q.value if q.unit == unit else q.to(unit).value  # a unit that does not fit: unit-mismatch
    if column and written_unit and q.unit != written_unit and parse_unit(q.unit).family != parse_unit(written_unit).family:
        raise QuantityError("two-units", f"{text!r} against the unit column {written_unit!r}", unit=q.unit, written=written_unit)
    return value


def convert(q: Quantity, unit: str) -> Decimal:
    """``q`` as a Decimal in ``unit``; a unit-less quantity is taken as already in it."""
    if not q.unit or q.unit == unit:
        return q.value
    return q.to(unit).value


def format_number(value: Decimal) -> str:
    """Decimal as the report writes it: no exponent, no trailing zeros ("3.6", "150")."""
    d = _exact(value)
    s = format(d, "f")
    return s


def format_quantity(q: Quantity) -> str:
    """"3.6万亩": the inverse of parse_quantity for quantities with a unit."""
    return f"{format_number(q.value)}{q.unit}"


exact = _exact  # public name: the reader and the renderers use it


_PLAIN_NUMBER = re.compile(r"(-?)(\d+(?:\.\d+)?|\.\d+)([^\d\s.,+-]*)", re.ASCII).fullmatch


class ValueReader:
    """``value_in`` for the many cells of a ledger, made fast by remembering, per unit
    text, how it converts (worked out once, by ``value_in`` itself): a plain ASCII number
    with a unit suffix is then one Decimal and at most one multiplication. Any other
    spelling (full-width digits, separators, spaces) goes through ``value_in`` whole."""

    __slots__ = ("unit", "_plans")

    def __init__(self, unit: str) -> None:
        self.unit = unit
        # (suffix, written unit) -> None (the number itself), (num, den), or False (value_in decides)
        self._plans: dict[tuple[str, str], Any] = {}

    def read(self, text: str, written_unit: str = "") -> Decimal:
        """``value_in(text, self.unit, written_unit or None)`` (raises QuantityError)."""
        m = _PLAIN_NUMBER(text)
        if m is None or len(m[2]) > MAX_DIGITS + 1:
            return value_in(text, self.unit, written_unit or None, column=True)
        key = (m[3], written_unit)
        plan = self._plans.get(key, False)
        if plan is False:
            plan = self._plans[key] = self._plan(*key)
        if plan is False:
            return value_in(text, self.unit, written_unit or None, column=True)
        num = m[2]
        d = Decimal(num)
        if len(num) > MAX_INT_DIGITS and not in_range(d):  # 15 characters are always in range
            raise QuantityError("number-out-of-range", f"out of range: {text!r}", value=text)
        if m[1]:
            d = -d
        if plan is None:
            return d
        return _exact(d * plan[0] / plan[1])

    def _plan(self, suffix: str, written_unit: str) -> Any:
        try:
            q = parse_quantity("1" + suffix, written_unit or base_unit(self.unit))
        except QuantityError:
            return False
        if q.value != 1 or (written_unit and q.unit != written_unit):
            return False  # a bare magnitude without a default unit, or two units: value_in's business
        if q.unit == self.unit:
            return None
        try:
            src, dst = parse_unit(q.unit), parse_unit(self.unit)
        except QuantityError:
            return False
        if src.family != dst.family:
            return False
        return (src.factor, dst.factor)
