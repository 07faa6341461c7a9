"""``diff``: the change between two dates, from the same judgement as ``status``."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from worktargets.cli import app
from worktargets.model import State
from worktargets.reports.diff import CHANGE_KINDS, change_kind

runner = CliRunner()
DEMO = ROOT / "examples" / "demo"

CATALOGUE = """\
plan:
  title: 测试计划
  region: 测试区
  year: 2022
  source_file: report.txt
targets:
  - id: firms
    title: 新培育企业
    section: 一、产业
    source: 新培育企业
    kind: amount
    target: 10家
    owner: 区商务局
  - id: villages
    title: 建成示范村
    section: 一、产业
    source: 建成示范村
    kind: amount
    target: 10个
    owner: 区农业农村局
  - id: houses
    title: 改造农村危房
    section: 二、民生
    source: 改造农村危房
    kind: amount
    target: 100户
    owner: 区住房和城乡建设局
  - id: roads
    title: 新改建道路
    section: 二、民生
    source: 新改建道路
    kind: amount
    target: 100公里
    owner: 区交通运输局
"""
LEDGER = {
    # May: firms on pace (5/10 at 5/12 ≈ 41.7%), villages far behind, houses behind, roads nothing
    "2022-05/a.csv": "date,target,value\n2022-05-31,firms,5家\n2022-05-31,villages,1个\n2022-05-31,houses,35户\n",
    # June: firms done, villages still far behind -> behind, houses recovers, roads files (behind); villages no June filing
    "2022-06/a.csv": "date,target,value\n2022-06-30,firms,10家\n2022-06-30,houses,60户\n2022-06-30,roads,30公里\n",
}


@pytest.fixture
def data(tmp_path):
    root = tmp_path / "data"
    for rel, text in LEDGER.items():
        p = root / "progress" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / "targets.yaml").write_text(CATALOGUE, encoding="utf-8")
    (root / "report.txt").write_text("新培育企业、建成示范村、改造农村危房、新改建道路\n", encoding="utf-8")
    return root


def run(*args: str):
    return runner.invoke(app, list(args))


def diff_json(data, *args: str) -> dict:
    res = run("diff", "--data", str(data), "--format", "json", *args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.mark.parametrize("before,after,kind", [
    (State.ON_TRACK, State.DONE, "newly_done"),
    (State.DONE, State.DONE, "same"),
    (State.ON_TRACK, State.BEHIND, "newly_behind"),
    (State.NO_DATA, State.FAR_BEHIND, "newly_behind"),
    (State.AHEAD, State.OVERDUE, "newly_behind"),
    (State.BEHIND, State.ON_TRACK, "recovered"),
    (State.FAR_BEHIND, State.AHEAD, "recovered"),
    (State.BEHIND, State.FAR_BEHIND, "worse"),
    (State.FAR_BEHIND, State.OVERDUE, "worse"),
    (State.FAR_BEHIND, State.BEHIND, "better"),
    (State.NO_DATA, State.ON_TRACK, "changed"),
    (State.ON_TRACK, State.AHEAD, "changed"),
    (State.BEHIND, State.NO_DATA, "changed"),  # a figure withdrawn is not a recovery
    (State.BEHIND, State.BEHIND, "same"),
])
def test_change_kind(before, after, kind):
    assert change_kind(before, after) == kind
    assert kind in CHANGE_KINDS


def test_diff_of_a_month(data):
    d = diff_json(data, "--from", "2022-05-31", "--to", "2022-06-30")
    rows = {t["id"]: t for t in d["targets"]}
    assert (rows["firms"]["state_before"], rows["firms"]["state_after"], rows["firms"]["change"]) == \
        ("on_track", "done", "newly_done")
    assert rows["firms"]["percent_before"] == 50 and rows["firms"]["percent_after"] == 100
    assert rows["firms"]["percent_change_pp"] == 50
    assert (rows["villages"]["state_before"], rows["villages"]["state_after"]) == ("far_behind", "far_behind")
    assert rows["villages"]["change"] == "same" and rows["villages"]["percent_change_pp"] == 0
    assert (rows["houses"]["state_before"], rows["houses"]["change"]) == ("behind", "recovered")
    assert rows["houses"]["percent_change_pp"] == 25
    assert (rows["roads"]["state_before"], rows["roads"]["state_after"], rows["roads"]["change"]) == \
        ("no_data", "behind", "newly_behind")
    assert rows["roads"]["percent_change_pp"] == 30  # from nothing filed
    assert d["counts"]["newly_done"] == 1 and d["counts"]["recovered"] == 1 and d["counts"]["newly_behind"] == 1
    # late filers: at 05-31 the current cycle is April (nobody filed), at 06-30 May (roads did not)
    assert d["cycle_before"]["label"] == "2022-04" and d["cycle_after"]["label"] == "2022-05"
    assert [t["id"] for t in d["late_still"]] == ["roads"]
    assert sorted(t["id"] for t in d["late_cleared"]) == ["firms", "houses", "villages"]
    assert d["late_new"] == []


def test_diff_late_filers_new_and_cleared(data):
    # at 07-31 the current cycle is June: villages did not file for June (new); roads did (cleared)
    d = diff_json(data, "--from", "2022-06-30", "--to", "2022-07-31")
    assert [t["id"] for t in d["late_new"]] == ["villages"]
    assert [t["id"] for t in d["late_cleared"]] == ["roads"]


def test_default_from_is_the_month_end_before(data):
    assert diff_json(data, "--to", "2022-06-30") == diff_json(data, "--from", "2022-05-31", "--to", "2022-06-30")


def test_json_equals_the_library(data):
    from worktargets.catalogue import load_catalogue
    from worktargets.ledger import load_timelines
    from worktargets.render.diff_view import diff_dict
    from worktargets.reports.diff import compute_diff

    cat, _ = load_catalogue(data)
    timelines, _scan = load_timelines(cat, data, date(2022, 6, 30))
    lib = json.loads(json.dumps(diff_dict(compute_diff(cat, timelines, date(2022, 5, 31), date(2022, 6, 30)))))
    assert diff_json(data, "--from", "2022-05-31", "--to", "2022-06-30") == lib


def test_diff_judges_like_status(data):
    d = diff_json(data, "--from", "2022-05-31", "--to", "2022-06-30")
    for day, side in (("2022-05-31", "state_before"), ("2022-06-30", "state_after")):
        res = run("status", "--data", str(data), "--as-of", day, "--format", "json")
        status = {t["id"]: t["state"] for t in json.loads(res.stdout)["targets"]}
        assert {t["id"]: t[side] for t in d["targets"]} == status


def test_csv_markdown_and_table(data):
    res = run("diff", "--data", str(data), "--from", "2022-05-31", "--to", "2022-06-30", "--format", "csv")
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["id"] for r in rows] == ["firms", "villages", "houses", "roads"]
    assert rows[0]["change"] == "newly_done" and rows[3]["late_before"] == "True"
    md = run("diff", "--data", str(data), "--from", "2022-05-31", "--to", "2022-06-30", "--format", "markdown",
             "--lang", "zh")
    assert md.exit_code == 0
    assert "| 1 | 新培育企业 | 区商务局 | 达进度 | 已完成 | 50% | 100% | +50 | 新完成 |" in md.stdout
    assert "firms" not in md.stdout
    md_ids = run("diff", "--data", str(data), "--to", "2022-06-30", "--format", "markdown", "--lang", "zh", "--ids")
    assert "新培育企业（firms）" in md_ids.stdout
    table = run("diff", "--data", str(data), "--to", "2022-06-30", "--lang", "en")
    assert table.exit_code == 0 and "newly done" in table.stdout


def test_from_after_to_is_a_usage_error(data):
    res = run("diff", "--data", str(data), "--from", "2022-07-01", "--to", "2022-06-30")
    assert res.exit_code == 2


def test_demo_diff_matches_the_bulletins_change():
    d = diff_json(DEMO, "--from", "2022-05-31", "--to", "2022-06-30")
    res = run("bulletin", "--data", str(DEMO), "--period", "2022-06", "--as-of", "2022-07-31", "--format", "json")
    b = json.loads(res.stdout)
    assert b["change"]["counts"] == d["counts"]
    assert b["change"]["targets"] == d["targets"]
    # the bulletin's CSV carries the same change per target (较上期)
    res = run("bulletin", "--data", str(DEMO), "--period", "2022-06", "--format", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(res.stdout))}
    for t in d["targets"]:
        want = "" if t["percent_change_pp"] is None else str(t["percent_change_pp"])
        assert rows[t["id"]]["percent_change_pp"] == want
        assert rows[t["id"]]["state_before"] == t["state_before"]
