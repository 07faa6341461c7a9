"""Exact quantities as the report writes them: "3.6万亩", "150亿元", "1,000户", "10%".

Every number is a Decimal. A unit is a magnitude prefix (万, 亿, 千…) on a base unit
(亩, 元, 头…). Units of one *family* convert exactly; units of two families never do.
A family is named by its reference unit (factor 1): 吨, 公斤 and 斤 are the family 公斤
(1 吨 = 1000 公斤, 1 斤 = 0.5 公斤 exactly); 公顷 is in the family 亩 (1 公顷 = 15 亩).

Why 亩 and 平方米 are two families: 1 亩 = 10000/15 平方米 = 666.66… 平方米, not a finite
decimal, so 亩 → 平方米 would be exact for one number in three and refused for the
others, a surprise to whoever files a figure. 公顷 stays with 亩 because that is how
offices mix them (a 亩 target reported in 公顷: 公顷 → 亩 is always exact); the rarer
亩 → 公顷 is exact only for multiples of 15/10ⁿ and is otherwise refused with
``inexact-conversion``, never rounded. So 公顷 does not convert to 平方米/平方公里.

Counted things are each their own family (个, 户, 家, 人, 人次, 辆…): 户 are households.
What is counted can be said in brackets, ``户(企业)`` ("20户企业"): a labelled unit is its
own family (``户(企业)``), never added to another label's. A label converts only where the
other side has none: "20户" filed against a 户(企业) target counts what the target counts;
"20户(农户)" against it is a unit-mismatch (the catalogue's parent check, which compares
families, keeps 户(企业) and 户 apart).

An office declares its own units in ``targets.yaml`` (``units:``, name → family, factor):
``units_declared.declare_units`` checks them and returns a ``UnitRegistry``. Every function here reads
units through the registry in force, ``units_in_force()``: the built-in one unless a
caller runs inside ``with use_units(registry):`` (a ContextVar, so catalogues loaded side
by side in one process, threads or tests never see each other's units).
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator, Mapping

from mypy_extensions import mypyc_attr

from .model import Record, _set

__all__ = [
    "Quantity",
    "QuantityError",
    "Unit",
    "UnitRegistry",
    "BUILTIN_UNITS",
    "use_units",
    "units_in_force",
    "parse_unit",
    "parse_number",
    "parse_quantity",
    "value_in",
    "convert",
    "base_unit",
    "format_number",
    "format_quantity",
    "known_units",
    "PERCENT",
    "POINTS",
]


class QuantityError(ValueError):
    """A number or unit that cannot be read; ``code`` is a stable error code."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


PERCENT = "%"
POINTS = "个百分点"

# The built-in units: name -> (family, factor in the family's reference unit, takes 万/亿…).
# Every factor is an exact decimal; the family is named by its reference unit.
_TABLE: dict[str, tuple[str, str, bool]] = {
    # money: currencies never convert into one another
    "元": ("元", "1", True), "美元": ("美元", "1", True),
    # area: two families, see the module docstring
    "亩": ("亩", "1", True), "公顷": ("亩", "15", True),
    "平方米": ("平方米", "1", True), "m2": ("平方米", "1", True),
    "平方公里": ("平方米", "1000000", True), "平方千米": ("平方米", "1000000", True),
    "km2": ("平方米", "1000000", True),
    "立方米": ("立方米", "1", True), "m3": ("立方米", "1", True),
    "米": ("米", "1", True), "千米": ("米", "1000", True), "公里": ("米", "1000", True),
    "km": ("米", "1000", True),
    "公斤": ("公斤", "1", True), "千克": ("公斤", "1", True), "kg": ("公斤", "1", True),
    "斤": ("公斤", "0.5", True), "吨": ("公斤", "1000", True),
    "吨标准煤": ("吨标准煤", "1", True), "吨标煤": ("吨标准煤", "1", True),
    "千瓦": ("千瓦", "1", True), "兆瓦": ("千瓦", "1000", True),
    "千瓦时": ("千瓦时", "1", True), "度": ("千瓦时", "1", True),
    # rates and ratios: no magnitudes (a 万% is not written)
    "%": ("%", "1", False), "‰": ("%", "0.1", False), "成": ("%", "10", False),
    "个百分点": ("个百分点", "1", False), "百分点": ("个百分点", "1", False),
    "倍": ("倍", "1", False),
    "标箱": ("标箱", "1", True), "标准箱": ("标箱", "1", True),
    # concentration (PM2.5平均浓度控制在35微克/立方米以内): one family, no magnitudes
    "微克/立方米": ("微克/立方米", "1", False), "μg/m3": ("微克/立方米", "1", False),
    "毫克/立方米": ("微克/立方米", "1000", False), "mg/m3": ("微克/立方米", "1000", False),
}
# counted things, each its own family
COUNTED: frozenset[str] = frozenset(
    "个 户 家 人 人次 座 村 件 次 辆 所 张 套 条 处 项 台 头 只 株 棵 名 栋 幢 间 批 场 "
    "艘 架 位 支 部 册 宗 例 床 篇 首 届 组 对 片 口 眼 根 盏 块 亩次 种".split())
for _name in sorted(COUNTED):
    _TABLE.setdefault(_name, (_name, "1", True))
del _name

# base unit -> family, kept for the ledger's fast path (every base unit spelling).
_BASE_UNITS: dict[str, str] = {name: fam for name, (fam, _f, _s) in _TABLE.items()}

_MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10) ** 4,
    "十万": Decimal(10) ** 5,
    "百万": Decimal(10) ** 6,
    "千万": Decimal(10) ** 7,
    "亿": Decimal(10) ** 8,
    "十亿": Decimal(10) ** 9,
    "百亿": Decimal(10) ** 10,
    "千亿": Decimal(10) ** 11,
    "万亿": Decimal(10) ** 12,
}

_FAMILY_NAMES_ZH = {
    "元": "金额（元）", "美元": "金额（美元）", "亩": "面积（亩）", "平方米": "面积（平方米）",
    "立方米": "体积", "米": "长度", "公斤": "重量", "千瓦": "功率", "千瓦时": "电量",
    "%": "百分比", "个百分点": "百分点", "倍": "倍数", "微克/立方米": "浓度",
}
_LABELLED = re.compile(r"^(?P<unit>[^()]+)\((?P<label>[^()]+)\)$")


# a plain Python class where mypyc compiles this module: a Record is pickled (the
# catalogue cache) and built from its __slots__
@mypyc_attr(native_class=False)
class Unit(Record):
    """A unit as written ("万亩"): its base unit, family and size in the family's reference unit."""

    __slots__ = ("text", "base", "family", "factor")
    text: str
    base: str  # the unit without its magnitude: 万亩 → 亩, 万户(企业) → 户(企业)
    family: str  # named by its reference unit: 亩, 公斤, 户(企业)…
    factor: Decimal  # one of this unit, in the family's reference unit (exact)

    def __init__(self, text: str, base: str, family: str, factor: Decimal) -> None:
        _set(self, "text", text)
        _set(self, "base", base)
        _set(self, "family", family)
        _set(self, "factor", factor)

    @property
    def family_zh(self) -> str:
        """The family in words for Chinese messages."""
        return _FAMILY_NAMES_ZH.get(self.family, f"以“{self.family}”计")

    @property
    def counts(self) -> bool:
        """Whether it counts whole things (个, 万户, 户(企业)…): what is owed is then whole."""
        m = _LABELLED.match(self.family)
        return (m["unit"] if m else self.family) in COUNTED

    @property
    def label(self) -> str | None:
        """What is counted, for a labelled unit: 户(企业) → 企业."""
        m = _LABELLED.match(self.family)
        return m["label"] if m else None


@mypyc_attr(native_class=False)
class _Def(Record):
    """One spelling in a registry: family, factor, whether 万/亿… may precede it."""

    __slots__ = ("family", "factor", "scalable")
    family: str
    factor: Decimal
    scalable: bool

    def __init__(self, family: str, factor: Decimal, scalable: bool) -> None:
        _set(self, "family", family)
        _set(self, "factor", factor)
        _set(self, "scalable", scalable)


def _normalise_unit(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    return "%" if t == "％" else t


class UnitRegistry:
    """The units in force: the built-in table plus an office's declared ones (read-only)."""

    def __init__(self, declared: Mapping[str, tuple[str, Decimal]] | None = None) -> None:
        """``declared``: name → (family, factor in that family's reference unit), already checked."""
        self._defs: dict[str, _Def] = {n: _Def(f, Decimal(x), s) for n, (f, x, s) in _TABLE.items()}
        self.declared: dict[str, tuple[str, Decimal]] = dict(declared or {})
        for name, (family, factor) in self.declared.items():
            self._defs.setdefault(name, _Def(family, factor, True))
        self._bases = sorted(self._defs, key=len, reverse=True)
        self._cache: dict[str, Unit] = {}

    def __repr__(self) -> str:
        return f"UnitRegistry(declared={sorted(self.declared)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnitRegistry) and self.declared == other.declared

    def __hash__(self) -> int:
        return hash(frozenset(self.declared.items()))

    def __reduce__(self) -> Any:
        """Pickled as its declarations (the catalogue cache); the built-in one as itself."""
        if not self.declared:
            return "BUILTIN_UNITS"
        return UnitRegistry, (self.declared,)

    def names(self) -> list[str]:
        """Every base unit spelling known here, built-in first."""
        return list(self._defs)

    def parse_unit(self, text: str) -> Unit:
        """Read "万亩", "亿元", "公里", "%", "户(企业)" (raises QuantityError ``unknown-unit``)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        unit = self._read(_normalise_unit(text), text)
        if unit is None:
            raise QuantityError("unknown-unit", f"unknown unit {text!r}", unit=text)
        if len(self._cache) < 4096:
            self._cache[text] = unit
        return unit

    def _read(self, t: str, text: str) -> Unit | None:
        d = self._defs.get(t)
        if d is not None:
            return Unit(text=text, base=t, family=d.family, factor=d.factor)
        m = _LABELLED.match(t)
        if m is not None:
            inner = self._read(m["unit"], m["unit"])
            if inner is None or inner.label is not None:
                return None
            label = m["label"]
            return Unit(text=text, base=f"{inner.base}({label})", family=f"{inner.family}({label})",
                        factor=inner.factor)
        for base in self._bases:
            if len(base) < len(t) and t.endswith(base):
                d = self._defs[base]
                magnitude = _MAGNITUDES.get(t[: -len(base)])
                if magnitude is not None and d.scalable:
                    return Unit(text=text, base=base, family=d.family, factor=_exact(magnitude * d.factor))
        return None

    def value_in(self, text: str, unit: str, written_unit: str | None = None) -> Decimal:
        """``value_in`` with this registry in force."""
        with use_units(self):
            return value_in(text, unit, written_unit)


BUILTIN_UNITS = UnitRegistry()
_IN_FORCE: ContextVar[UnitRegistry] = ContextVar("worktargets_units", default=BUILTIN_UNITS)


def units_in_force() -> UnitRegistry:
    """The registry that parse_unit and value_in read now (the built-in one by default)."""
    return _IN_FORCE.get()


@contextmanager
def use_units(registry: UnitRegistry | None) -> Iterator[UnitRegistry]:
    """``with use_units(catalogue.units):`` — a catalogue's declared units, for this block only
    (None: the built-in table)."""
    registry = BUILTIN_UNITS if registry is None else registry
    token = _IN_FORCE.set(registry)
    try:
        yield registry
    finally:
        _IN_FORCE.reset(token)


def parse_unit(text: str) -> Unit:
    """Read a unit such as "万亩", "亿元", "公里", "%" (raises QuantityError)."""
    return _IN_FORCE.get().parse_unit(text)


def known_units() -> list[str]:
    """The base units in force, for messages and docs."""
    return _IN_FORCE.get().names()


_NUM_RE = re.compile(
    r"^\s*(?P<sign>[+-])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*"
    r"(?P<mag>十万|百万|千万|万亿|[十百千万亿])?\s*(?P<unit>.*?)\s*$"
)
# conversions run here: exact or an error, never rounded
_EXACT = decimal.Context(prec=100, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero])


@mypyc_attr(native_class=False)
class Quantity(Record):
    """An exact amount in a unit as written: Quantity(Decimal("3.6"), "万亩")."""

    __slots__ = ("value", "unit")
    value: Decimal
    unit: str  # "" when the text carried no unit

    def __init__(self, value: Decimal, unit: str) -> None:
        _set(self, "value", value)
        _set(self, "unit", unit)

    def to(self, unit: str) -> "Quantity":
        """The same amount in another unit of the same family (exactly, or ``inexact-conversion``)."""
        if not self.unit:
            raise QuantityError("missing-unit", "quantity has no unit")
        src, dst = parse_unit(self.unit), parse_unit(unit)
        if not _convertible(src, dst):
            raise QuantityError(
                "unit-mismatch",
                f"{self.unit} ({src.family}) cannot be converted to {unit} ({dst.family})",
                unit=self.unit,
                expected=unit,
            )
        try:
            value = rescale(self.value, src.factor, dst.factor)
        except decimal.Inexact:
            raise QuantityError(
                "inexact-conversion",
                f"{format_number(self.value)}{self.unit} is not a whole decimal number of {unit}",
                value=format_number(self.value) + self.unit,
                unit=self.unit,
                expected=unit,
            ) from None
        return Quantity(value, unit)

    def __str__(self) -> str:
        return format_quantity(self)


_RATIOS: dict[tuple[Decimal, Decimal], Decimal | None] = {}


def _ratio(src: Decimal, dst: Decimal) -> Decimal | None:
    """src/dst when it is a finite decimal (万亩 → 亩: 10000; 亩 → 公顷: None, 1/15)."""
    key = (src, dst)
    if key not in _RATIOS:
        try:
            _RATIOS[key] = _EXACT.divide(src, dst)
        except decimal.Inexact:
            _RATIOS[key] = None
    return _RATIOS[key]


def rescale(value: Decimal, src: Decimal, dst: Decimal) -> Decimal:
    """``value`` of a unit of size ``src`` in a unit of size ``dst``: the one conversion,
    exact or ``decimal.Inexact`` (never rounded), without trailing zeros."""
    ratio = _ratio(src, dst)
    if ratio is not None:
        return _exact(_EXACT.multiply(value, ratio))
    return _exact(_EXACT.divide(_EXACT.multiply(value, src), dst))


def _convertible(src: Unit, dst: Unit) -> bool:
    """Same family; or a label on one side only (the target says what is counted)."""
    if src.family == dst.family:
        return True
    a, b = src.label, dst.label
    if a is not None and b is not None:
        return False
    strip = lambda u: u.family[: -len(u.label) - 2] if u.label is not None else u.family  # noqa: E731
    return strip(src) == strip(dst)
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
        try:
            return rescale(d, plan[0], plan[1])
        except decimal.Inexact:  # value_in says so, located
            return value_in(text, self.unit, written_unit or None)

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
        if not _convertible(src, dst):
            return False
        return (src.factor, dst.factor)
