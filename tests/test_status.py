"""The status core: 序时进度 and states, exact at the thresholds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from worktargets.catalogue import load_catalogue
from worktargets.ledger import load_progress
from worktargets.model import ProgressRule, State
from worktargets.pace import complete_months, expected_percent
from worktargets.status import compute_status


def status_of(data: Path, as_of: date) -> dict[str, object]:
    catalogue, problems = load_catalogue(data)
    assert catalogue is not None and not problems, [p.format() for p in problems]
    progress, scan = load_progress(catalogue, data, as_of)
    assert not scan.problems, [p.format() for p in scan.problems]
    report = compute_status(catalogue, progress, as_of)
    return {r.target.id: r for r in report.rows}


def test_complete_months() -> None:
    start = date(2022, 1, 1)
    assert complete_months(start, date(2022, 6, 30)) == 6
    assert complete_months(start, date(2022, 6, 29)) == 5
    assert complete_months(start, date(2022, 1, 1)) == 0
    assert complete_months(start, date(2022, 11, 30)) == 11
    assert complete_months(start, date(2021, 12, 31)) == 0


def test_expected_percent_months(make_data) -> None:
    catalogue, _ = load_catalogue(make_data())
    t = catalogue.by_id()["farmland"]
    start = catalogue.plan.year_start
    assert expected_percent(t, date(2022, 6, 30), ProgressRule.MONTHS, start) == Decimal(50)
    assert expected_percent(t, date(2022, 6, 15), ProgressRule.MONTHS, start) == Decimal(5) * 100 / 12
    assert expected_percent(t, date(2022, 11, 30), ProgressRule.MONTHS, start).quantize(Decimal("0.1")) == Decimal("91.7")
    assert expected_percent(t, date(2023, 3, 1), ProgressRule.MONTHS, start) == 100
    assert expected_percent(t, date(2022, 3, 31), ProgressRule.QUARTERS, start) == 25
    assert expected_percent(t, date(2022, 12, 31), ProgressRule.DAYS, start) == 100
    # growth rates are not scaled by time
    g = catalogue.by_id()["invest-growth"]
    assert expected_percent(g, date(2022, 2, 28), ProgressRule.MONTHS, start) == 100


def test_latest_total_plus_later_increments(make_data) -> None:
    data = make_data({"2022-06/a.csv": (
        "date,target,value,basis\n"
        "2022-03-31,hogs,10万头,total\n"
        "2022-04-15,hogs,1万头,add\n"       # covered by the later total
        "2022-05-31,hogs,20万头,total\n"
        "2022-06-10,hogs,2万头,add\n"
        "2022-06-20,hogs,10000,add\n"       # bare number: 头
        "2022-07-31,hogs,40万头,total\n"    # after as-of: ignored
    )})
    s = status_of(data, date(2022, 6, 30))["hogs"]
    assert s.actual == Decimal("23")
    assert s.entries == 5


def test_an_increment_on_the_day_of_a_total_is_in_it(make_data) -> None:
    data = make_data({"2022-06/a.csv": "date,target,value,basis\n2022-06-30,hogs,2万头,add\n2022-06-30,hogs,26万头,total\n"})
    assert status_of(data, date(2022, 6, 30))["hogs"].actual == Decimal(26)


@pytest.mark.parametrize(
    "value, state",
    [
        ("1.8万亩", State.ON_TRACK),  # 50% vs 50%
        ("1.79万亩", State.BEHIND),  # just below 序时进度 (behind_pp = 0)
        ("0.72万亩", State.BEHIND),  # exactly 30 points below: still yellow
        ("0.7164万亩", State.FAR_BEHIND),  # 30.1 points below: red
        ("2.16万亩", State.ON_TRACK),  # exactly 10 points ahead: not yet "ahead"
        ("2.17万亩", State.AHEAD),
        ("3.6万亩", State.DONE),
    ],
)
def test_thresholds_are_exact(make_data, value: str, state: State) -> None:
    data = make_data({"2022-06/a.csv": f"date,target,value\n2022-06-30,farmland,{value}\n"})
    assert status_of(data, date(2022, 6, 30))["farmland"].state is state


def test_breakthrough_is_not_met_at_equality(make_data) -> None:
    data = make_data({"2022-12/a.csv": "date,target,value\n2022-12-31,output,60亿元\n"})
    s = status_of(data, date(2022, 12, 31))["output"]
    assert s.state is not State.DONE
    assert s.percent == 100
    s = status_of(data, date(2023, 1, 15))["output"]
    assert s.state is State.OVERDUE
    data = make_data({"2022-12/a.csv": "date,target,value\n2022-12-31,output,60.01亿元\n"}, name="d2")
    assert status_of(data, date(2022, 12, 31))["output"].state is State.DONE


def test_growth_is_judged_rate_to_rate(make_data) -> None:
    data = make_data({"2022-03/a.csv": "date,target,value\n2022-03-31,invest-growth,12%\n"})
    assert status_of(data, date(2022, 3, 31))["invest-growth"].state is State.ON_TRACK
    data = make_data({"2022-03/a.csv": "date,target,value\n2022-03-31,invest-growth,8.5%\n"}, name="d2")
    s = status_of(data, date(2022, 3, 31))["invest-growth"]
    assert s.state is State.BEHIND and s.expected == 100 and s.percent == 85
    data = make_data({"2022-03/a.csv": "date,target,value\n2022-03-31,invest-growth,-1%\n"}, name="d3")
    assert status_of(data, date(2022, 3, 31))["invest-growth"].state is State.FAR_BEHIND


def test_milestones_by_stage(make_data) -> None:
    data = make_data({"2022-06/a.csv": "date,target,stage\n2022-05-10,reservoir,已申请验收\n"})
    s = status_of(data, date(2022, 6, 30))["reservoir"]
    assert (s.state, s.stage, s.percent) == (State.ON_TRACK, "已申请验收", 50)
    assert status_of(data, date(2023, 1, 2))["reservoir"].state is State.OVERDUE
    data = make_data({"2022-06/a.csv": "date,target,stage\n2022-05-10,reservoir,已验收\n"}, name="d2")
    assert status_of(data, date(2022, 6, 30))["reservoir"].state is State.DONE


def test_no_data_needs_baseline_and_overdue(make_data) -> None:
    rows = status_of(make_data(), date(2022, 6, 30))
    assert rows["farmland"].state is State.NO_DATA
    assert rows["village-income"].state is State.NEEDS_BASELINE
    rows = status_of(make_data(name="d2"), date(2023, 1, 1))
    assert rows["farmland"].state is State.OVERDUE


def test_relative_target_with_baseline(make_data) -> None:
    from conftest import MINI_CATALOGUE

    cat = MINI_CATALOGUE.replace("baseline: {value: null, note: 节选未给出}", "baseline: {value: 500万元, note: 上年}")
    data = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,village-income,650万元\n"}, catalogue=cat)
    s = status_of(data, date(2022, 6, 30))["village-income"]
    assert s.goal == Decimal(1000) and s.percent == 65 and s.state is State.AHEAD


def test_sub_target_is_judged_on_its_own(make_data) -> None:
    data = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,grants,20亿元\n2022-06-30,grants-projects,5亿元\n"})
    rows = status_of(data, date(2022, 6, 30))
    assert rows["grants"].state is State.AHEAD
    assert rows["grants-projects"].state is State.BEHIND
    assert rows["grants-projects"].target.parent == "grants"


def test_corrections_replace_the_entry(make_data) -> None:
    data = make_data({"2022-06/a.csv": (
        "id,date,target,value,replaces\n"
        "e1,2022-06-30,farmland,3.6万亩,\n"
        "e2,2022-06-30,farmland,1.2万亩,e1\n"
    )})
    s = status_of(data, date(2022, 6, 30))["farmland"]
    assert s.actual == Decimal("1.2") and s.state is State.BEHIND


def test_lower_is_better(make_data) -> None:
    from conftest import MINI_CATALOGUE

    cat = MINI_CATALOGUE.replace("    kind: amount\n    target: 52万头\n", "    kind: amount\n    comparator: le\n    target: 52万头\n")
    data = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,hogs,40万头\n"}, catalogue=cat)
    assert status_of(data, date(2022, 6, 30))["hogs"].state is State.ON_TRACK
    assert status_of(data, date(2022, 12, 31))["hogs"].state is State.DONE
    data = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,hogs,53万头\n"}, catalogue=cat, name="d2")
    # a cap once exceeded is breached (red), before and after its due date (issue 11)
    assert status_of(data, date(2022, 6, 30))["hogs"].state is State.BREACHED
    assert status_of(data, date(2022, 12, 31))["hogs"].state is State.BREACHED


def test_schedule_overrides_the_calendar(make_data) -> None:
    from conftest import MINI_CATALOGUE

    cat = MINI_CATALOGUE.replace(
        "    target: 3.6万亩\n", "    target: 3.6万亩\n    schedule: {2022-03-31: 10%, 2022-06-30: 40%, 2022-09-30: 80%}\n"
    )
    data = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,farmland,1.44万亩\n"}, catalogue=cat)
    s = status_of(data, date(2022, 6, 30))["farmland"]
    assert s.expected == 40 and s.state is State.ON_TRACK
    assert status_of(data, date(2022, 6, 29))["farmland"].expected == 10
