"""The reports (gaps, overdue, forecast, owners, snails, bulletin) on small hand-made ledgers
with known answers, through the library and through the CLI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from worktargets.catalogue import load_catalogue
from worktargets.cli import app
from worktargets.ledger import Timeline, load_history, load_progress, load_timelines
from worktargets.model import State
from worktargets.render.report_views import report_dict
from worktargets.reports.forecast import compute_forecast
from worktargets.reports.gaps import compute_gaps
from worktargets.reports.overdue import compute_overdue, missed_filings
from worktargets.reports.owners import compute_owners
from worktargets.reports.snails import compute_snails
from worktargets.reports.timeline import current_cycle, status_at
from worktargets.status import compute_status

runner = CliRunner()
HEADER = "date,target,value,stage,note\n"


def load(data: Path, as_of: date):
    catalogue, problems = load_catalogue(data)
    assert catalogue is not None and not [p for p in problems if p.severity == "error"], problems
    timelines, scan = load_timelines(catalogue, data, as_of)
    assert not scan.problems, scan.problems
    # the same as the timelines of whole entries
    history, _scan = load_history(catalogue, data, as_of)
    assert timelines == {tid: Timeline.of_entries(es) for tid, es in history.entries.items()}
    return catalogue, timelines, status_at(catalogue, timelines, as_of)


def rows(*lines: str) -> str:
    return HEADER + "".join(line + "\n" for line in lines)


def by_id(rows_):
    return {r.target.id if hasattr(r, "target") else r.latest.target.id: r for r in rows_}


# -- timeline ----------------------------------------------------------------------------


def test_status_from_history_equals_status_from_progress(make_data):
    data = make_data({"2022-03/a.csv": rows("2022-03-31,farmland,1万亩,,", "2022-03-31,reservoir,,已申请验收,"),
                      "2022-06/a.csv": "date,target,value,basis\n2022-04-30,hogs,10万头,total\n2022-05-31,hogs,5万,add\n"
                                       "2022-06-30,output,61亿元,\n"})
    for day in (date(2022, 2, 1), date(2022, 4, 30), date(2022, 6, 30), date(2023, 1, 1)):
        catalogue, _h, from_history = load(data, day)
        progress, _ = load_progress(catalogue, data, day)
        assert from_history.rows == compute_status(catalogue, progress, day).rows


# -- gaps: state boundaries exactly at the thresholds ------------------------------------


def test_gaps_boundaries_and_units(make_data):
    # 序时进度 at 2022-06-30 is 50%; thresholds: behind > 0 pp, far_behind > 30 pp
    data = make_data({"2022-06/a.csv": rows(
        "2022-06-30,farmland,1.8万亩,,",     # 50%: gap 0 → on_track, not listed
        "2022-06-30,hogs,10.4万头,,",        # 20%: gap exactly 30 → behind
        "2022-06-30,grants,5.9亿元,,",       # 19.67%: gap 30.33 → far_behind
        "2022-06-30,grants-projects,7.9亿元,,",  # sub-target 49.375%: behind
        "2022-06-30,reservoir,,未启动,",     # milestone at stage 0: 0% → far_behind
    )})
    _c, _h, status = load(data, date(2022, 6, 30))
    states = {s.target.id: s.state for s in status.rows}
    assert states["farmland"] is State.ON_TRACK
    assert states["hogs"] is State.BEHIND
    assert states["grants"] is State.FAR_BEHIND
    gaps = compute_gaps(status)
    assert [s.target.id for s in gaps.rows] == ["reservoir", "grants", "hogs", "grants-projects"]
    g = by_id(gaps.rows)
    assert g["hogs"].gap_pp == Decimal(30)
    assert g["hogs"].gap_to_expected == Decimal("15.6")  # 26万头 expected − 10.4万头
    assert g["grants-projects"].gap_to_expected == Decimal("0.1")
    assert g["reservoir"].gap_to_expected is None
    assert [s.target.id for s in compute_gaps(status, top=2).rows] == ["reservoir", "grants"]
    assert compute_gaps(status, top=2).total_behind == 4
    assert [s.target.id for s in compute_gaps(status, owner="发展和改革").rows] == ["grants", "grants-projects"]


def test_gaps_cli_json_matches_library_and_csv_is_safe(make_data, tmp_path):
    from tests.conftest import MINI_CATALOGUE

    cat = MINI_CATALOGUE.replace("    owner: 区农业农村局\n  - id: hogs", '    owner: "=1+1"\n  - id: hogs')
    data = make_data({"2022-06/a.csv": rows("2022-06-30,farmland,0.72万亩,,=1+1")}, catalogue=cat)
    res = runner.invoke(app, ["gaps", "--data", str(data), "--as-of", "2022-06-30", "--format", "json"])
    assert res.exit_code == 0, res.output
    _c, _h, status = load(data, date(2022, 6, 30))
    assert json.loads(res.stdout) == report_dict("gaps", compute_gaps(status))
    assert json.loads(res.stdout)["targets"][0]["gap_to_expected"] == 1.08
    res = runner.invoke(app, ["gaps", "--data", str(data), "--as-of", "2022-06-30", "--format", "csv"])
    assert "'=1+1" in res.stdout and ",=1+1" not in res.stdout


# -- overdue and 逾期未报 --------------------------------------------------------------------


def test_deadlines_passed_include_gt_at_equality_and_milestones(make_data):
    data = make_data({"2022-12/a.csv": rows(
        "2022-12-31,output,60亿元,,",        # 突破60亿元: 60 is not enough
        "2022-12-31,reservoir,,已申请验收,",
        "2022-12-31,farmland,3.6万亩,,",     # met exactly (≥)
    )})
    _c, _h, status = load(data, date(2022, 12, 31))
    assert by_id(status.rows)["output"].state is not State.DONE
    catalogue, history, status = load(data, date(2023, 1, 10))
    report = compute_overdue(catalogue, history, status)
    ids = [s.target.id for s in report.deadlines]
    assert "output" in ids and "reservoir" in ids and "farmland" not in ids
    assert "hogs" in ids  # no figure at all, deadline passed
    assert {report.days_overdue(s) for s in report.deadlines} == {10}


def test_reporting_cycle_and_late_filers(make_data):
    data = make_data({
        "2022-04/a.csv": rows("2022-04-30,farmland,1万亩,,", "2022-04-30,hogs,10万头,,", "2022-04-30,output,61亿元,,"),
        "2022-05/a.csv": rows("2022-05-31,farmland,1.5万亩,,"),
        "2022-06/a.csv": rows("2022-06-30,hogs,30万头,,"),
    })
    catalogue, history, status = load(data, date(2022, 6, 24))
    assert current_cycle(catalogue, date(2022, 6, 24)).label == "2022-04"  # May is due on 25 June
    assert current_cycle(catalogue, date(2022, 6, 25)).label == "2022-05"
    assert current_cycle(catalogue, date(2022, 1, 31)) is None
    catalogue, history, status = load(data, date(2022, 6, 25))
    report = compute_overdue(catalogue, history, status)
    assert report.cycle.start == date(2022, 5, 1) and report.cycle.deadline == date(2022, 6, 25)
    late = {lt.target.id for lt in report.late_targets}
    assert "farmland" not in late  # filed for May
    assert "hogs" in late  # last filing dated 2022-04-30 (the June one is not known on 25 June)
    assert "output" not in late  # done (销号) in April: owes nothing
    assert "reservoir" in late and "village-income" in late
    depts = {d.owner: d for d in report.late_departments}
    assert depts["区水利局"].filed_nothing and depts["区水利局"].missing == ("reservoir",)
    assert not depts["区农业农村局"].filed_nothing
    assert "区经济和信息化局" in depts  # invest-growth has no filing
    assert report.owed == len(catalogue.targets) - 1


def test_quarterly_cycle(make_data):
    from tests.conftest import MINI_CATALOGUE

    cat = MINI_CATALOGUE.replace("  source_file: report.txt\n",
                                 "  source_file: report.txt\nsettings:\n  reporting: {cycle: quarterly, due_day: 10}\n")
    data = make_data({"2022-05/a.csv": rows("2022-05-15,farmland,1万亩,,")}, catalogue=cat)
    catalogue, history, status = load(data, date(2022, 7, 10))
    c = current_cycle(catalogue, date(2022, 7, 10))
    assert (c.label, c.start, c.end) == ("2022-Q2", date(2022, 4, 1), date(2022, 6, 30))
    assert "farmland" not in {lt.target.id for lt in compute_overdue(catalogue, history, status).late_targets}
    assert missed_filings(catalogue, history, date(2022, 7, 10))["farmland"] == ["2022-Q1"]


# -- forecast --------------------------------------------------------------------------------


def test_forecast_known_answers(make_data):
    data = make_data({"2022-06/a.csv": rows(
        *(f"2022-0{m}-{d},farmland,{Decimal('0.3') * m}万亩,," for m, d in
          [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30)]),
        "2022-06-30,invest-growth,8.5,,",
        "2022-03-31,output,61亿元,,",
        "2022-06-30,hogs,26万头,,",
    )})
    catalogue, history, status = load(data, date(2022, 6, 30))
    f = by_id(compute_forecast(status, history).rows)
    farm = f["farmland"]
    assert farm.current == Decimal("1.8")
    assert farm.year_projection == Decimal("1.8") * 365 / 181
    assert farm.recent_points == (date(2022, 4, 30), date(2022, 5, 31), date(2022, 6, 30))
    assert farm.recent_projection == Decimal("1.8") + Decimal("0.6") * 184 / 61
    assert farm.reached_on == date(2022, 12, 30)  # 1.8万亩 more at 0.6/61 a day: 183 days
    assert farm.at_risk is False
    growth = f["invest-growth"]
    assert growth.method == "rate" and growth.recent_projection == Decimal("8.5") and growth.at_risk is True
    assert f["output"].at_risk is False and f["output"].reached_on == date(2022, 3, 31)
    hogs = f["hogs"]  # one filing: no recent pace; year pace 26 × 365/181 ≈ 52.4 ≥ 52
    assert hogs.recent_projection is None and hogs.at_risk is False
    assert f["reservoir"].at_risk is None and f["village-income"].at_risk is None


def test_forecast_gt_at_equality_is_at_risk(make_data):
    data = make_data({"2022-06/a.csv": rows("2022-03-31,output,30亿元,,", "2022-06-30,output,45亿元,,")})
    catalogue, history, status = load(data, date(2022, 6, 30))
    out = by_id(compute_forecast(status, history).rows)["output"]
    # 15亿元 in 91 days: 60亿元 exactly on day 91 (29 Sep), which 突破 does not count
    assert out.at_risk is False
    assert out.reached_on == date(2022, 9, 30)
    # one filing, year pace exactly at the target: 12亿元 in 73 days → 60亿元 at year end: not 突破
    data = make_data({"2022-03/a.csv": rows("2022-03-14,output,12亿元,,")}, name="eq")
    catalogue, history, status = load(data, date(2022, 3, 14))
    out = by_id(compute_forecast(status, history).rows)["output"]
    assert out.year_projection == Decimal(60) and out.at_risk is True


# -- owners ----------------------------------------------------------------------------------


def test_owners_scorecard_worst_first(make_data):
    data = make_data({"2022-06/a.csv": rows(
        "2022-06-30,farmland,3.6万亩,,",      # 农业农村局: done, but 100% cap
        "2022-06-30,hogs,5.2万头,,",         # 10% vs 50 → far_behind
        "2022-06-30,output,33亿元,,",        # 经信局: 55% → on_track
        "2022-06-30,grants,15亿元,,", "2022-06-30,grants-projects,8亿元,,",
    )})
    catalogue, history, status = load(data, date(2022, 6, 30))
    report = compute_owners(catalogue, history, status, compute_overdue(catalogue, history, status))
    assert report.rows[0].owner == "区农业农村局"
    agri = report.rows[0]
    assert agri.counts[State.FAR_BEHIND] == 1 and agri.counts[State.DONE] == 1
    assert agri.average_percent == Decimal(55)  # (100 capped + 10) / 2
    assert agri.average_expected == Decimal(50)
    # cycles due by 30 June: Jan..May, all missed by farmland, hogs and village-income
    assert agri.late_filings == 15
    assert agri.late_now == 3


# -- snails ----------------------------------------------------------------------------------


def test_snails_consecutive_month_ends(make_data):
    data = make_data({"2022-06/a.csv": rows(
        # farmland: behind at Mar, Apr, May, Jun (expected 25, 33.3, 41.7, 50%)
        "2022-03-31,farmland,0.5万亩,,", "2022-06-30,farmland,1万亩,,",
        # hogs: on pace in March, behind Apr..Jun
        "2022-03-31,hogs,13万头,,",
        # grants: behind May and June only
        "2022-04-30,grants,10亿元,,",
        # output: behind Mar, Apr, caught up in May, behind in June
        "2022-03-31,output,10亿元,,", "2022-05-31,output,26亿元,,",
    )})
    catalogue, history, _s = load(data, date(2022, 6, 30))
    report = compute_snails(catalogue, history, date(2022, 6, 30), k=3)
    assert [s.latest.target.id for s in report.rows] == ["farmland", "hogs"]
    farm = by_id(report.rows)["farmland"]
    assert farm.cycles == (date(2022, 3, 31), date(2022, 4, 30), date(2022, 5, 31), date(2022, 6, 30))
    assert by_id(report.rows)["hogs"].cycles == (date(2022, 4, 30), date(2022, 5, 31), date(2022, 6, 30))
    two = compute_snails(catalogue, history, date(2022, 6, 30), k=2)
    assert "grants" in by_id(two.rows) and "output" not in by_id(two.rows)
    assert by_id(two.rows).keys() >= {"farmland", "hogs", "grants"}
    # no figure at all is 逾期未报, not a snail
    assert "village-income" not in by_id(two.rows)
