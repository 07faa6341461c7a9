"""Spreadsheet-safe cells: text that Excel or WPS would run as a formula is made inert.

Every CSV worktargets writes (reports, templates, the ledger itself) passes its cells
through ``safe_cell``, so a note such as ``=HYPERLINK(…)`` or ``@SUM(…)`` stays text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

__all__ = ["safe_cell"]

_NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")


def safe_cell(value: Any) -> Any:
    """The cell with a leading apostrophe when it starts with =, +, -, @, tab or CR
    (plain negative numbers stay numbers); numbers pass through unchanged."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):
        return value
    text = str(value)
    if text and text[0] in "=+-@\t\r" and not _NUMERIC.match(text):
        return "'" + text
    return text
