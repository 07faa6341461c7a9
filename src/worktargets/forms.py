"""The number forms of report words: what figure, unit and comparator a clause commits to.

API (stable; the drafter and the catalogue build on it):

    read_figure(text) -> Figure | None
        The one figure of a short text: "8%以上", "不低于5000万元", "两成", "翻一番".
    find_figures(clause) -> list[Figure]
        Every figure of a report clause, in order (commitments or not: ask
        ``is_not_commitment``). "确保增长6%、力争7%" gives two: the floor and the stretch.
    is_not_commitment(clause, span) -> str | None
        Why the number at ``span`` of ``clause`` is not a commitment: one of REASONS'
        keys ("list-number", "year", "date", "code", "name", "ordinal", "review"), or None.
    tense(text) -> "review" | "plan" | None
        Whether words speak of the year past (去年, 过去一年, 比上年增长8.2% in a review) or
        of the plan (今年, 预期目标, 力争…); None when the words do not say.
    read_number(text) -> Decimal | None
        A whole number as written, Arabic or Chinese: "1.2万", "三万", "一百二十", "二〇二二".
    REASONS: dict[str, tuple[str, str]]  — reason → (zh, en) words for not_commitments.

    Figure (immutable record), fields:
        value: Decimal       the number as written (3.6 for "3.6万亩", 2 for "两成",
                             the lower bound for a range "3—5个")
        unit: str            as written: "万亩", "%", "个百分点", "成", "倍", "" for none
        comparator: str      model.Comparator values: ge | gt | le | lt | eq | about
        kind: str | None     hint: amount | growth | decrease | points | relative | level
        factor: Decimal|None 翻一番 → 2, 翻两番 → 4, 1.5倍 → 1.5 (relative targets)
        stretch: bool        力争/争取 stands before it in the clause
        approx: str | None   "under" (近N), "over" (N余/N多), "about" (左右/约), "range"
        note: str | None     why the comparator/value is what it is, for the drafter to show
        span: (int, int)     offsets of ``words`` in the clause
        words: str           the matched words, clause[span[0]:span[1]]
        upper: Decimal|None  a range's upper bound (3—5个 → 5)
        noun: str | None     what is counted when it is not the unit's default: "20户企业" → 企业
      and the property ``catalogue_unit``: the unit for targets.yaml ("户(企业)" for 20户企业).

Comparators follow legal usage (DOMAIN.md): 以上/不低于/达到 ≥, 突破/超过/超 >, 以内/不超过/
控制在…以内 ≤, 低于/不到 <, 左右/约 about; a bare number is ≥. 近N keeps N (≥, noted: just
under), N余/N多 keep N (≥, noted: a little over).
"""

from __future__ import annotations

from decimal import Decimal

from .model import Record, _set

__all__ = ["Figure", "read_figure", "find_figures", "is_not_commitment", "tense", "read_number", "REASONS"]

REASONS: dict[str, tuple[str, str]] = {
    "list-number": ("条目序号", "a list number"),
    "year": ("年份", "a year"),
    "date": ("日期或月份", "a date or month"),
    "code": ("道路或规划编号", "a road or plan code"),
    "name": ("口号或名称", "a slogan or name"),
    "ordinal": ("序数词", "an ordinal word"),
    "review": ("回顾已完成的数字，不是今年的目标", "a figure of the year past, not this year's target"),
}


class Figure(Record):
    """One figure of a clause: value and unit as written, comparator, kind hint, place."""

    __slots__ = ("value", "unit", "comparator", "kind", "factor", "stretch", "approx", "note",
                 "span", "words", "upper", "noun")
    value: Decimal
    unit: str
    comparator: str
    kind: str | None
    factor: Decimal | None
    stretch: bool
    approx: str | None
    note: str | None
    span: tuple[int, int]
    words: str
    upper: Decimal | None
    noun: str | None

    def __init__(self, value: Decimal, unit: str, comparator: str = "ge", kind: str | None = None,
                 factor: Decimal | None = None, stretch: bool = False, approx: str | None = None,
                 note: str | None = None, span: tuple[int, int] = (0, 0), words: str = "",
                 upper: Decimal | None = None, noun: str | None = None) -> None:
        _set(self, "value", value)
        _set(self, "unit", unit)
        _set(self, "comparator", comparator)
        _set(self, "kind", kind)
        _set(self, "factor", factor)
        _set(self, "stretch", stretch)
        _set(self, "approx", approx)
        _set(self, "note", note)
        _set(self, "span", span)
        _set(self, "words", words)
        _set(self, "upper", upper)
        _set(self, "noun", noun)

    @property
    def catalogue_unit(self) -> str:
        """The unit for targets.yaml: the unit as written, with the counted noun when it matters."""
        return f"{self.unit}({self.noun})" if self.noun and self.unit else self.unit


def read_number(text: str) -> Decimal | None:
    """A number as written, Arabic or Chinese, with 万/亿: "1.2万" → 12000, "三万" → 30000."""
    raise NotImplementedError


def read_figure(text: str) -> Figure | None:
    """The first figure of a short text ("8%以上", "不低于5000万元", "两成"), or None."""
    figures = find_figures(text)
    return figures[0] if figures else None


def find_figures(clause: str) -> list[Figure]:
    """Every figure of a report clause, in order of place."""
    raise NotImplementedError


def is_not_commitment(clause: str, span: tuple[int, int]) -> str | None:
    """Why the number at ``span`` is not a commitment (a REASONS key), or None."""
    raise NotImplementedError


def tense(text: str) -> str | None:
    """"review" for words about the year past, "plan" for this year's, None when unsaid."""
    raise NotImplementedError
