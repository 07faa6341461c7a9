"""Coverage: does the catalogue hold every number of the report?

Every number in the report text (Arabic or full-width digits with their magnitude and
unit, 翻一番, and Chinese counts such as “六个一”) must fall inside the ``source`` words of
some target, or inside a ``not_commitments`` excuse. Anything else is a commitment the
catalogue forgot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .forms import find_figures
from .model import Catalogue
from .quantity import format_number

__all__ = ["NumberMention", "CoverageReport", "find_numbers", "compute_coverage"]

_UNITS = "亿元|万元|元|万亩|亩|万头|头|万平方米|平方米|公里|千米|米|个|户|家|人|座|村|%|％"
_NUMBER_RE = re.compile(
    r"(?P<num>[0-9０-９]+(?:[.,．，][0-9０-９]+)*)"
    r"(?P<tail>(?:万亿|[十百千]万|[十百千万亿])?(?:" + _UNITS + r")?[A-Za-z]*)"
)
_CHINESE_RE = re.compile(r"翻[一两二三四五六七八九十]+番|[一二两三四五六七八九十]+(?:星级|个|大|项|级|区)")


@dataclass(frozen=True, slots=True)
class NumberMention:
    text: str
    line: int
    column: int  # 1-based, in characters
    start: int
    end: int
    covered_by: tuple[str, ...] = ()  # target ids whose source words hold it
    excused: str | None = None  # the reason, when it is not a commitment

    @property
    def ok(self) -> bool:
        return bool(self.covered_by) or self.excused is not None


@dataclass(frozen=True, slots=True)
class CoverageReport:
    report_path: str
    mentions: tuple[NumberMention, ...]
    unmatched_sources: tuple[str, ...]  # target ids whose source is not in the report
    value_not_in_source: tuple[str, ...]  # target ids whose number is not in their own words

    @property
    def uncovered(self) -> tuple[NumberMention, ...]:
        return tuple(m for m in self.mentions if not m.ok)

    @property
    def ok(self) -> bool:
        return not self.uncovered and not self.unmatched_sources and not self.value_not_in_source


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every number-like mention, in order."""
    found = [(m.start(), m.end(), m.group(0)) for m in _NUMBER_RE.finditer(text)]
    found += [(m.start(), m.end(), m.group(0)) for m in _CHINESE_RE.finditer(text)]
    return sorted(found)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out = []
    if not needle:
        return out
    i = text.find(needle)
    while i != -1:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def compute_coverage(catalogue: Catalogue, report_text: str) -> CoverageReport:
    """Match every number in ``report_text`` to the targets and excuses of the catalogue."""
    target_spans = [(t.id, s) for t in catalogue.targets for s in _spans(report_text, t.source)]
    excuse_spans = [(e.reason, s) for e in catalogue.excuses for s in _spans(report_text, e.text)]
    line_starts = [0] + [i + 1 for i, ch in enumerate(report_text) if ch == "\n"]
    mentions = []
    import bisect

    for start, end, token in find_numbers(report_text):
        covering = tuple(dict.fromkeys(tid for tid, (a, b) in target_spans if a <= start and end <= b))
        reason = next((r for r, (a, b) in excuse_spans if a <= start and end <= b), None)
        line = bisect.bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        mentions.append(NumberMention(token, line, column, start, end, covering, reason if not covering else None))
    unmatched = tuple(t.id for t in catalogue.targets if t.source not in report_text)
    not_in_source = []
    for t in catalogue.targets:
        if t.target is None or t.unit is None:
            continue
        written = format_number(t.target) + t.unit
        if (written not in t.source.replace("，", ",") and format_number(t.target) not in t.source
                and not any(f.value == t.target and f.unit == t.unit for f in find_figures(t.source))):
            not_in_source.append(t.id)  # 三所, 百万吨 (100万吨): the value as the drafter reads it, one reading
    return CoverageReport(catalogue.report_path, tuple(mentions), unmatched, tuple(not_in_source))
