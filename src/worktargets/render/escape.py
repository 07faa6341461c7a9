"""Text made safe for its medium: terminal, Markdown (HTML has ``html.escape``).

Titles, owners, notes and units come from files anyone can edit. A terminal would run an
ESC sequence in them (clear the screen, retitle the window, fake a line), a bidi override
would reorder what the reader sees, and Markdown would pass ``<script>`` through to the
HTML it becomes. ``printable`` shows every such character as a visible escape (ESC as
``␛``, C1 and bidi controls as ``\\x9b`` / ``\\u202e``); ``md_text`` does that and escapes
what Markdown would read as markup. The CSV views keep the text as it is; JSON keeps the
same data but writes the invisible characters as ``\\u`` escapes (``json_safe``), so a
``jq`` or ``cat`` of it never hands a terminal a raw C1 or bidi control.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

__all__ = ["printable", "md_text", "md_line", "md_rows", "json_safe"]

from ..errors import printable  # the one rule: errors.printable (messages use it too)


# what Markdown (CommonMark/GFM) reads as markup inside a line; "|" and line breaks are
# the table's business (render.common.markdown_table escapes "|" in cells)
_MD_INLINE = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_",
    "[": "\\[", "]": "\\]", "~": "\\~",
})
_MD_LEAD = re.compile(r"^(\s*)(\d*)([#+=>-]|(?<=\d)[.)])")


def md_text(value: Any) -> str:
    """A table cell for Markdown: controls visible, HTML as entities, markup escaped."""
    return printable(value).translate(_MD_INLINE)


def md_line(value: Any) -> str:
    """A heading or paragraph for Markdown: as ``md_text``, and "|" and a leading list or
    heading marker escaped too."""
    s = md_text(value).replace("|", "\\|")
    return _MD_LEAD.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), s)


def md_rows(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """Every cell through ``md_text``."""
    return [[md_text(c) for c in row] for row in rows]


# DEL and C1 controls, format characters (bidi marks and overrides, zero-width, BOM, tags)
# and line/paragraph separators: json's encoder escapes only U+0000–U+001F
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
                          "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
                          "\U000110bd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


def _u_escape(m: "re.Match[str]") -> str:
    raw = m.group().encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(raw[i:i + 2], 'big'):04x}" for i in range(0, len(raw), 2))


def json_safe(text: str) -> str:
    """JSON text with its invisible characters written as ``\\uXXXX`` (same data once parsed;
    they can only stand inside strings, where such an escape means the character itself)."""
    return _JSON_UNSAFE.sub(_u_escape, text)

