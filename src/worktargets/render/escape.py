"""Text made safe for its medium: terminal, Markdown (HTML has ``html.escape``).

Titles, owners, notes and units come from files anyone can edit. A terminal would run an
ESC sequence in them (clear the screen, retitle the window, fake a line), a bidi override
would reorder what the reader sees, and Markdown would pass ``<script>`` through to the
HTML it becomes. ``printable`` shows every such character as a visible escape (ESC as
``␛``, C1 and bidi controls as ``\\x9b`` / ``\\u202e``); ``md_text`` does that and escapes
what Markdown would read as markup. The JSON and CSV views keep the text as it is.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

__all__ = ["printable", "md_text", "md_line", "md_rows"]

# C0 controls, DEL, C1 controls, bidi marks/embeddings/overrides/isolates, line and
# paragraph separators, a BOM inside text: never shown as they are
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _visible(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␛ ␊ ␉ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: Any) -> str:
    """``text`` with every control, bidi and separator character shown as a visible escape."""
    s = "" if text is None else str(text)
    return _UNSAFE.sub(_visible, s) if _UNSAFE.search(s) else s


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
