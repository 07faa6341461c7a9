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
