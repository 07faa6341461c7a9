"""Cutting a report's text into clauses and pieces, and the title of an entry from its words.

Separators count only outside brackets and quotes; a colon between digits is a clock time (10:47),
no break. A piece is trimmed past spaces, separators, sub-item markers (（2）, ①) and joiners (和及与并);
a title drops the lead words (力争, 全年, 一是…) and the comparator words before the figure.
(Moved out of ``text``, which reads the report, when it reached its size limit.)
"""

from __future__ import annotations

import re

_OPEN, _CLOSE = "（(“‘《【[", "）)”’》】]"
_CLAUSE_SEPS = ",，；;：:"
_PIECE_SEPS = ",，；;、：:"
_JOINERS = "和及与并"

_TITLE_LEAD_RE = re.compile(r"^(?:[一二三四五六七八九十]+是|力争|争取|确保|全年|全面|年内|今年|其中|实现|并|再|共)+")
_TITLE_TAIL_RE = re.compile(r"(?:稳定在|保持在|控制在|达到|达|突破|超过|不低于|不超过|不少于|为|在|的|分别|继续|持续|进一步"
                            r"|保持|稳定|努力|力争|确保|实现|各)+$")


def _spans(text: str, seps: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` between separators that stand outside brackets and quotes."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0 and not (ch in ":：" and text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()):
            # a colon between digits is a clock time (10:47:47 in a dateline), no clause break
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


_MARKER_RE = re.compile(r"[（(]\d{1,2}[)）]|[\u2460-\u24ff\u2776-\u2793]")  # （2）, ①: a sub-item's marker


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    """Shrink a span past spaces, separators, sub-item markers (（2）, ①) and leading joiners."""
    while a < b:
        m = _MARKER_RE.match(s, a)
        if m is not None and m.end() <= b:
            a = m.end()
        elif s[a].isspace() or s[a] in _PIECE_SEPS or s[a] in _JOINERS:
            a += 1
        else:
            break
    while b > a and (s[b - 1].isspace() or s[b - 1] in _PIECE_SEPS or s[b - 1] in "。"):
        b -= 1
    return a, b


def _title(words: str) -> str:
    t = words.strip(" ,，、；;。:：")
    tail = re.split(r"[:：]", t)[-1].strip()
    if len(tail) >= 2:
        t = tail  # 主要预期目标是：地区生产总值 → 地区生产总值
    t = _TITLE_LEAD_RE.sub("", t)
    t = _TITLE_TAIL_RE.sub("", t)
    return t.strip(" ,，、；;。:：")
