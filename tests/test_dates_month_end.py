"""month_end by date arithmetic agrees with the calendar module it replaced."""

from __future__ import annotations

import calendar
from datetime import date

import pytest

from worktargets.dates import month_end


def test_month_end_agrees_with_calendar() -> None:
    for year in (1, 1900, 2000, 2022, 2023, 2024, 2100, 9999):
        for month in range(1, 13):
            assert month_end(year, month) == date(year, month, calendar.monthrange(year, month)[1])


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_bad_month_is_refused(month: int) -> None:
    with pytest.raises(ValueError):
        month_end(2022, month)
