"""Dates as clerks write them: 2022-06-30, 2022/6/30, 2022.6.30, 2022年6月30日, Excel serials."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

__all__ = ["parse_date", "month_end", "add_months", "parse_period"]

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(text: str | date | datetime | int | float | None) -> date | None:
    """A date from any of the usual spellings; None when it is not one."""
    if text is None:
        return None
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        # an Excel serial date (days since 1899-12-30), plausible range only
        if 20000 <= text <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(text))
        return None
    s = str(text).strip()
    if " " in s and ":" in s:  # "2022-06-30 00:00:00" from spreadsheets
        s = s.split(" ", 1)[0]
    s = s.translate(_FULLWIDTH)
    m = _DATE_RE.match(s)
    if m is None:
        if s.isdigit() and len(s) == 8:  # 20220630
            m_y, m_m, m_d = int(s[:4]), int(s[4:6]), int(s[6:])
        elif s.isdigit() and len(s) == 5:  # an Excel serial saved as text in a CSV
            return parse_date(int(s))
        else:
            return None
    else:
        m_y, m_m, m_d = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(m_y, m_m, m_d)
    except ValueError:
        return None


_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")


def parse_period(text: str) -> tuple[int, int] | None:
    """(year, month) from "2022-06", "2022/6", "2022年6月"."""
    m = _PERIOD_RE.match(text.translate(_FULLWIDTH))
    if m is None:
        return None
    y, mo = int(m[1]), int(m[2])
    if not 1 <= mo <= 12:
        return None
    return y, mo


def month_end(year: int, month: int) -> date:
    """The last day of the month (date arithmetic: ``calendar`` costs an import at start-up)."""
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1
