"""序时进度: the share of a target that should be done by a date.

Default: complete months elapsed ÷ months in the target's period (1–6月 of a calendar
year → 50%); ``days`` and ``quarters`` are settings; a target's own schedule overrides all.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .dates import month_end
from .model import ProgressRule, Target

__all__ = ["expected_percent", "complete_months"]

HUNDRED = Decimal(100)


def complete_months(start: date, when: date) -> int:
    """Calendar months from ``start``'s month whose last day is on or before ``when``."""
    if when < start:
        return 0
    months = (when.year - start.year) * 12 + (when.month - start.month)
    if when == month_end(when.year, when.month):
        months += 1
    return max(0, months)


def _period_months(start: date, due: date) -> int:
    months = complete_months(start, due)
    if due != month_end(due.year, due.month):
        months += 1  # a part month counts as one
    return max(1, months)


def expected_percent(target: Target, as_of: date, rule: ProgressRule, plan_start: date) -> Decimal:
    """Expected percent complete at ``as_of`` (0–100), as an exact Decimal."""
    if target.schedule:
        pct = Decimal(0)
        for when, share in target.schedule:
            if when <= as_of:
                pct = share
        if as_of >= target.due:
            return HUNDRED
        return pct
    if target.is_rate:
        return HUNDRED
    start = target.start or plan_start
    due = target.due
    if as_of >= due:
        return HUNDRED
    if as_of < start:
        return Decimal(0)
    if rule is ProgressRule.DAYS:
        return Decimal((as_of - start).days + 1) * HUNDRED / Decimal((due - start).days + 1)
    if rule is ProgressRule.QUARTERS:
        done = complete_months(start, as_of) // 3
        total = max(1, -(-_period_months(start, due) // 3))
        return Decimal(done) * HUNDRED / Decimal(total)
    return Decimal(complete_months(start, as_of)) * HUNDRED / Decimal(_period_months(start, due))
