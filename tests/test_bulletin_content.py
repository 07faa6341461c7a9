"""The bulletin's content: states counted as the rows show them, titles for ids in Chinese,
whole numbers for counted things, the period's own filings and its fixed 截至 date."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from worktargets.cli import app
from worktargets.model import State
from worktargets.reports.bulletin import SUMMARY_GROUPS

runner = CliRunner()
DEMO = str(ROOT / "examples" / "demo")

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
    target: 15家
    owner: 区商务局
  - id: villages
    title: 建成示范村
    section: 一、产业
    source: 建成示范村
    kind: amount
    target: 5个
    owner: 区农业农村局
  - id: houses
    title: 改造农村危房
    section: 二、民生
    source: 改造农村危房
    kind: amount
    target: 1000户
    owner: 区住房和城乡建设局
"""
REPORT = "新培育企业、建成示范村、改造农村危房\n"


@pytest.fixture
def data(tmp_path):
    root = tmp_path / "data"
    (root / "progress" / "2022-09").mkdir(parents=True)
    (root / "progress" / "2022-10").mkdir(parents=True)
    (root / "targets.yaml").write_text(CATALOGUE, encoding="utf-8")
    (root / "report.txt").write_text(REPORT, encoding="utf-8")
    (root / "progress" / "2022-09" / "a.csv").write_text(
        "date,target,value\n2022-09-30,firms,2家\n2022-09-30,villages,1个\n2022-09-30,houses,700户\n", encoding="utf-8")
    # October: firms and houses file, villages does not
    (root / "progress" / "2022-10" / "a.csv").write_text(
        "date,target,value\n2022-10-31,firms,3家\n2022-10-15,houses,800户\n", encoding="utf-8")
    return root


def run(*args: str):
    return runner.invoke(app, list(args))


def bulletin_json(data, *args: str) -> dict:
    res = run("bulletin", "--data", str(data), "--format", "json", *args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


# -- counts as the rows show them ------------------------------------------------------------


def test_summary_groups_cover_every_state_once():
    seen = [s for states in SUMMARY_GROUPS.values() for s in states]
    assert sorted(seen) == sorted(State) and len(seen) == len(set(seen))
    assert SUMMARY_GROUPS["behind"] == (State.BEHIND,) and SUMMARY_GROUPS["far_behind"] == (State.FAR_BEHIND,)


def test_demo_summary_counts_equal_the_rows():
    d = bulletin_json(DEMO, "--period", "2022-06", "--as-of", "2022-07-31")
    states = [t["state"] for sec in d["sections"] for t in sec["targets"]]
    sm = d["summary"]
    assert sm["behind"] == states.count("behind") == 16
    assert sm["far_behind"] == states.count("far_behind") == 3
    assert sm["on_pace"] == states.count("ahead") + states.count("on_track")
    assert sum(v for k, v in sm.items() if k != "total") == sm["total"] == len(states) == 51


def test_summary_line_shows_behind_and_far_behind_apart():
    res = run("bulletin", "--data", DEMO, "--period", "2022-06", "--format", "markdown", "--lang", "zh")
    assert res.exit_code == 0, res.output
    line = res.stdout.splitlines()[2]
    assert "欠进度 16" in line and "严重滞后 3" in line


# -- titles, not ids, in Chinese ---------------------------------------------------------------


def _ids():
    text = (ROOT / "examples" / "demo" / "targets.yaml").read_text(encoding="utf-8")
    return re.findall(r"^  - id: (\S+)", text, re.M)


def test_chinese_markdown_names_titles_not_ids():
    res = run("bulletin", "--data", DEMO, "--period", "2022-06", "--format", "markdown", "--lang", "zh")
    assert res.exit_code == 0
    ids = _ids()
    assert len(ids) == 51
    found = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", res.stdout)]
    assert not found
    # the late filers name their targets by title
    assert "争创省级三星级现代农业园区" in res.stdout.split("## 逾期未报")[1]
    with_ids = run("bulletin", "--data", DEMO, "--period", "2022-06", "--format", "markdown", "--lang", "zh", "--ids")
    assert "cattle-slaughtered" in with_ids.stdout and "肉牛出栏（cattle-slaughtered）" in with_ids.stdout


def test_html_names_titles_and_ids_on_request(tmp_path):
    res = run("bulletin", "--data", DEMO, "--period", "2022-06", "--format", "html", "--lang", "zh")
    body = re.sub(r'data-id="[^"]*"', "", res.stdout)
    assert "cattle-slaughtered" not in body and "严重滞后" in body
    res = run("bulletin", "--data", DEMO, "--period", "2022-06", "--format", "html", "--lang", "zh", "--ids")
    assert "肉牛出栏 (cattle-slaughtered)" in res.stdout


# -- whole numbers for counted things ----------------------------------------------------------


@pytest.mark.parametrize("value,unit,owed,projected", [
    ("5.5", "家", "6家", "5家"),
    ("1.3333", "家", "2家", "1家"),
    ("2.6667", "个", "3个", "2个"),
    ("0.18", "万头", "0.18万头", "0.18万头"),
    ("0.12345", "万户", "0.1235万户", "0.1234万户"),
    ("6.685", "项", "7项", "6项"),  # a unit quantity.py does not know that still counts
    ("1.6", "万平方米", "1.6万平方米", "1.6万平方米"),
    ("0.35", "亿元", "0.35亿元", "0.35亿元"),
    ("3", "个", "3个", "3个"),
])
def test_counted_units_show_whole_numbers(value, unit, owed, projected):
    from worktargets.render.narrative import counts_things, owed_text, projection_text

    assert owed_text(Decimal(value), unit) == owed
    assert projection_text(Decimal(value), unit) == projected
    assert counts_things(unit) == (unit not in ("万平方米", "亿元"))


def test_bulletin_owed_amounts_are_whole(data):
    res = run("bulletin", "--data", DEMO, "--period", "2022-06", "--format", "markdown", "--lang", "zh")
    lag = res.stdout.split("## 进度滞后")[1].split("##")[0]
    # 15家 × 50% − 2家 = 5.5家 owed: shown as 6家; 5个 × 50% − 1个 = 1.5个: 2个
    assert "| 6家 |" in lag and "| 2个 |" in lag
    assert not re.search(r"\d\.\d+[家个户人座]", lag.split("\n\n")[1])


# -- the period's own filings and its 截至 date -------------------------------------------------


def test_period_reports_its_own_filings(data):
    d = bulletin_json(data, "--period", "2022-10", "--as-of", "2022-11-30")
    od = d["overdue"]
    assert od["cycle"]["label"] == "2022-10" and od["cycle"]["deadline"] == "2022-11-25"
    assert [t["id"] for t in od["late_targets"]] == ["villages"]
    assert d["filing"] == {"cycle": od["cycle"], "final": True, "owed": 3, "late": 1}
    assert d["as_of"] == "2022-10-31" and d["known_as_of"] == "2022-11-30"


def test_as_of_does_not_move_the_header_date(data):
    heads = set()
    for as_of in ("2022-10-31", "2022-11-10", "2022-11-30", "2023-03-01"):
        res = run("bulletin", "--data", str(data), "--period", "2022-10", "--as-of", as_of, "--format", "markdown",
                  "--lang", "zh")
        assert res.exit_code == 0, res.output
        heads.add(res.stdout.splitlines()[0])
    assert heads == {"# 测试计划 进度通报（2022-10，截至 2022-10-31）"}


def test_before_the_deadline_nobody_is_late_yet(data):
    d = bulletin_json(data, "--period", "2022-10", "--as-of", "2022-11-10")
    assert d["filing"]["final"] is False and d["filing"]["late"] == 1
    res = run("bulletin", "--data", str(data), "--period", "2022-10", "--as-of", "2022-11-10", "--format", "html",
              "--lang", "zh")
    assert "截至2022年11月10日尚未报送1项" in res.stdout and "逾期未报1项" not in res.stdout


def test_as_of_inside_the_period_knows_only_what_was_filed_by_then(data):
    d = bulletin_json(data, "--period", "2022-10", "--as-of", "2022-10-20")
    assert d["as_of"] == "2022-10-31"
    firms = next(t for s in d["sections"] for t in s["targets"] if t["id"] == "firms")
    assert firms["actual"] == 2  # the 10-31 figure is not known on 10-20
    assert sorted(t["id"] for t in d["overdue"]["late_targets"]) == ["firms", "villages"]


def test_json_keeps_its_old_keys_and_adds_new_ones(data):
    d = bulletin_json(data, "--period", "2022-10", "--as-of", "2022-11-30")
    for key in ("period", "as_of", "plan", "summary", "sections", "laggards", "snails", "overdue"):
        assert key in d
    for key in ("known_as_of", "previous_period", "filing", "document", "change"):
        assert key in d
    assert d["previous_period"] == "2022-09"
    assert d["change"]["from"] == "2022-09-30" and d["change"]["to"] == "2022-10-31"


def test_narrative_numbers_equal_the_summary(data):
    from datetime import date

    from worktargets.catalogue import load_catalogue
    from worktargets.ledger import load_timelines
    from worktargets.render.narrative import narrative
    from worktargets.reports.bulletin import compute_bulletin

    cat, problems = load_catalogue(DEMO and ROOT / "examples" / "demo")
    assert cat is not None, problems
    timelines, _scan = load_timelines(cat, ROOT / "examples" / "demo", date(2022, 7, 31))
    b = compute_bulletin(cat, timelines, "2022-06", date(2022, 6, 30), known=date(2022, 7, 31))
    text = narrative(b, "zh")[1].text
    sm = b.summary()
    assert f"共{sm['total']}项目标任务" in text
    assert f"欠进度{sm['behind']}项" in text and f"严重滞后{sm['far_behind']}项" in text
    assert f"已完成{sm['done']}项" in text
    counts = b.status.counts()
    assert f"超进度{counts[State.AHEAD]}项" in text and f"达进度{counts[State.ON_TRACK]}项" in text
