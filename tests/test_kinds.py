"""The kinds and comparators of real reports (issue 11): about (左右), decrease (下降/减少),
points (提高…个百分点), caps (控制在…以内), relation (与…同步), targets set by the level
above (省、市下达), each judged by status.judge_target and carried by every report."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.catalogue import load_catalogue
from worktargets.cli import app
from worktargets.ledger import load_progress
from worktargets.model import Comparator, Kind, State
from worktargets.status import compute_status

runner = CliRunner()

HEADER = """\
plan:
  title: 测试计划
  region: 测试区
  year: 2022
settings:
  about_tolerance: 0.5
targets:
"""

KINDS = HEADER + """\
  - id: gdp
    no: "1"
    title: 地区生产总值增长
    section: 一、总体
    source: 地区生产总值增长6%左右
    kind: growth
    comparator: about
    target: 6%
    owner: 区发展和改革局
  - id: energy
    title: 单位GDP能耗下降
    section: 一、总体
    source: 单位GDP能耗下降3%
    kind: decrease
    target: 3%
    owner: 区发展和改革局
  - id: low-income
    title: 减少农村低收入人口
    section: 二、民生
    source: 减少农村低收入人口1000人
    kind: decrease
    target: 1000人
    owner: 区民政局
  - id: urban
    title: 城镇化率提高
    section: 二、民生
    source: 城镇化率提高2个百分点
    kind: points
    target: 2个百分点
    baseline: {value: 45%, note: 上年统计公报}
    owner: 区发展和改革局
  - id: urban-nobase
    title: 户籍城镇化率提高
    section: 二、民生
    source: 户籍城镇化率提高1个百分点
    kind: points
    target: 1个百分点
    baseline: {value: null, note: 未给出}
    owner: 区发展和改革局
  - id: jobless
    title: 城镇登记失业率
    section: 二、民生
    source: 城镇登记失业率控制在4.5%以内
    kind: level
    comparator: le
    target: 4.5%
    owner: 区人力资源和社会保障局
  - id: income
    title: 城乡居民收入增长与经济增长同步
    section: 二、民生
    source: 城乡居民收入增长与经济增长基本同步
    kind: relation
    relation: {to: gdp}
    comparator: about
    unit: "%"
    owner: 区统计局
  - id: energy-quota
    title: 完成省、市下达的节能任务
    section: 一、总体
    source: 完成省、市下达的节能任务
    kind: amount
    target: null
    set_by: 省、市下达
    unit: 吨
    owner: 区发展和改革局
  - id: invest
    title: 固定资产投资
    section: 一、总体
    source: 固定资产投资150亿元左右
    kind: amount
    comparator: about
    tolerance: 5%
    target: 150亿元
    owner: 区发展和改革局
"""

MID_YEAR = """\
date,target,value,unit
2022-06-30,gdp,6.2,%
2022-06-30,energy,2.5,%
2022-06-30,low-income,600,人
2022-06-30,urban,46,%
2022-06-30,jobless,4.2,%
2022-06-30,income,6.0,%
2022-06-30,invest,80,亿元
"""


def _data(tmp_path: Path, catalogue: str, ledger: dict[str, str] | None = None, name: str = "d") -> Path:
    root = tmp_path / name
    (root / "progress").mkdir(parents=True)
    (root / "targets.yaml").write_text(catalogue, encoding="utf-8")
    for rel, text in (ledger or {}).items():
        f = root / "progress" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    return root


def _status(root: Path, when: date) -> dict:
    cat, problems = load_catalogue(root)
    assert cat is not None and not [p for p in problems if p.severity == "error"], problems
    progress, scan = load_progress(cat, root, when)
    assert not scan.problems, scan.problems
    return {r.target.id: r for r in compute_status(cat, progress, when).rows}


def test_catalogue_reads_every_new_kind(tmp_path: Path) -> None:
    cat, problems = load_catalogue(_data(tmp_path, KINDS))
    assert cat is not None and not problems
    t = cat.by_id()
    assert t["gdp"].comparator is Comparator.ABOUT and t["gdp"].tolerance == Decimal("0.5")  # settings, in points
    assert t["invest"].tolerance == Decimal("7.5")  # 5% of 150亿元, in 亿元
    assert t["urban"].kind is Kind.POINTS and t["urban"].unit == "%" and t["urban"].target == 2
    assert t["urban"].effective_target() == 47  # last year's 45% + 2 points
    assert t["income"].relation_to == "gdp" and t["income"].target is None
    assert t["energy-quota"].set_by == "省、市下达" and t["energy-quota"].target is None
    assert t["energy"].is_rate and not t["low-income"].is_rate  # 下降3% rate to rate; 减少1000人 a flow


def test_states_mid_year(tmp_path: Path) -> None:
    s = _status(_data(tmp_path, KINDS, {"2022-06/a.csv": MID_YEAR}), date(2022, 6, 30))
    assert s["gdp"].state is State.ON_TRACK  # 6.2% within 6%±0.5: met, done only at the due date
    assert s["energy"].state is State.BEHIND and s["energy"].percent == Decimal("2.5") * 100 / 3
    assert s["low-income"].state is State.ON_TRACK and s["low-income"].percent == 60  # 60% against 50%
    assert s["urban"].percent == 50 and s["urban"].state is State.FAR_BEHIND  # 1 of 2 points, rate to rate
    assert s["urban-nobase"].state is State.NEEDS_BASELINE
    # the cap: 4.2% under ≤4.5% is on track, has no 完成率 ("93.3% done" was wrong) and no 序时进度
    assert s["jobless"].state is State.ON_TRACK and s["jobless"].percent is None and s["jobless"].expected is None
    assert s["jobless"].cap_used == Decimal("4.2") * 100 / Decimal("4.5")
    assert s["income"].state is State.ON_TRACK and s["income"].goal == Decimal("6.2")  # against gdp's figure
    assert s["energy-quota"].state is State.NEEDS_TARGET
    assert s["invest"].state is State.ON_TRACK  # 80 of 150亿元: 53.3% against 50%


def test_states_at_the_due_date(tmp_path: Path) -> None:
    ledger = MID_YEAR + "2022-12-31,gdp,6.4,%\n2022-12-31,invest,170,亿元\n2022-12-31,urban,47.5,%\n"
    s = _status(_data(tmp_path, KINDS, {"2022-06/a.csv": ledger}), date(2022, 12, 31))
    assert s["jobless"].state is State.DONE  # a cap held to the due date is done, only then
    assert s["gdp"].state is State.DONE  # 6.4 within 6±0.5
    assert s["invest"].state is State.AHEAD  # 170 is beyond 150±7.5: exceeded, not short, not "about"
    assert s["urban"].state is State.DONE and s["urban"].percent == 125
    assert s["income"].state is State.DONE  # 6.0 against 6.4, within 0.5
    assert s["energy"].state is State.BEHIND  # 2.5% of a 3% decrease, on the due date itself
    later = _status(tmp_path / "d", date(2023, 1, 1))
    assert later["energy"].state is State.OVERDUE and later["jobless"].state is State.DONE


def test_breached_cap_is_red_and_in_gaps(tmp_path: Path) -> None:
    ledger = MID_YEAR.replace("jobless,4.2", "jobless,4.8")
    root = _data(tmp_path, KINDS, {"2022-06/a.csv": ledger})
    s = _status(root, date(2022, 6, 30))
    assert s["jobless"].state is State.BREACHED
    r = runner.invoke(app, ["gaps", "--data", str(root), "--as-of", "2022-06-30", "-f", "json"])
    assert r.exit_code == 0, r.output
    assert "jobless" in [row["id"] for row in json.loads(r.stdout)["targets"]]
    r = runner.invoke(app, ["forecast", "--data", str(root), "--as-of", "2022-06-30", "-f", "json"])
    rows = {row["id"]: row for row in json.loads(r.stdout)["targets"]}
    assert rows["jobless"]["at_risk"] is True and rows["gdp"]["at_risk"] is False
    assert rows["energy-quota"]["at_risk"] is None  # no target figure yet: no forecast


def test_relation_needs_both_figures(tmp_path: Path) -> None:
    ledger = "date,target,value,unit\n2022-06-30,income,6.0,%\n"
    s = _status(_data(tmp_path, KINDS, {"2022-06/a.csv": ledger}), date(2022, 6, 30))
    assert s["income"].state is State.NO_DATA and s["income"].goal is None


def test_points_downwards(tmp_path: Path) -> None:
    cat = KINDS.replace("source: 城镇化率提高2个百分点", "source: 城镇化率下降2个百分点").replace(
        "target: 2个百分点", "target: -2个百分点")
    ledger = "date,target,value,unit\n2022-06-30,urban,42.5,%\n"
    s = _status(_data(tmp_path, cat, {"2022-06/a.csv": ledger}), date(2022, 6, 30))
    assert s["urban"].state is State.AHEAD or s["urban"].state is State.ON_TRACK
    assert s["urban"].percent == 125  # down 2.5 of 2 points


def test_status_json_and_csv_carry_the_new_fields(tmp_path: Path) -> None:
    root = _data(tmp_path, KINDS, {"2022-06/a.csv": MID_YEAR})
    r = runner.invoke(app, ["status", "--data", str(root), "--as-of", "2022-06-30", "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    rows = {t["id"]: t for t in doc["targets"]}
    assert doc["summary"]["needs_target"] == 1 and doc["summary"]["breached"] == 0
    assert rows["jobless"]["percent"] is None and rows["jobless"]["cap_used_percent"] == pytest.approx(93.33)
    assert rows["urban"]["target"] == 47 and rows["urban"]["target_change_pp"] == 2 and rows["urban"]["baseline"] == 45
    assert rows["income"]["relation_to"] == "gdp" and rows["income"]["target"] == 6.2
    assert rows["energy-quota"]["set_by"] == "省、市下达" and rows["energy-quota"]["state"] == "needs_target"
    assert rows["gdp"]["comparator"] == "about" and rows["gdp"]["tolerance"] == 0.5 and rows["gdp"]["no"] == "1"
    for fmt in ("table", "csv", "markdown"):
        r = runner.invoke(app, ["status", "--data", str(root), "--as-of", "2022-06-30", "-f", fmt, "--lang", "zh"])
        assert r.exit_code == 0, r.output
        assert "待下达目标" in r.stdout
    for cmd in ("overdue", "snails", "owners"):
        r = runner.invoke(app, [cmd, "--data", str(root), "--as-of", "2022-06-30", "-f", "json"])
        assert r.exit_code == 0, (cmd, r.output)


def test_text_of_each_kind(tmp_path: Path) -> None:
    root = _data(tmp_path, KINDS, {"2022-06/a.csv": MID_YEAR})
    r = runner.invoke(app, ["status", "--data", str(root), "--as-of", "2022-06-30", "-f", "markdown", "--lang", "zh"])
    out = r.stdout
    assert "≈6%±0.5" in out and "≈150亿元±7.5亿元" in out and "≤4.5%" in out and "+2个百分点" in out and "下降≥3%" in out and "待省、市下达" in out


@pytest.mark.parametrize("change, code, field", [
    ("kind: relation\n    relation: {to: nothing}", "unknown-relation", "relation.to"),
    ("kind: relation\n    relation: {to: income}", "bad-relation", "relation.to"),
    ("kind: relation\n    relation: {to: invest}", "unit-mismatch", "relation.to"),
])
def test_bad_relations_are_located(tmp_path: Path, change: str, code: str, field: str) -> None:
    cat = KINDS.replace("kind: relation\n    relation: {to: gdp}", change)
    _cat, problems = load_catalogue(_data(tmp_path, cat))
    got = [(p.code, p.field, p.line) for p in problems]
    line = cat.splitlines().index("  - id: income") + 1
    assert (code, field, line) in got


def test_about_needs_a_tolerance(tmp_path: Path) -> None:
    cat = KINDS.replace("settings:\n  about_tolerance: 0.5\n", "")
    _cat, problems = load_catalogue(_data(tmp_path, cat))
    codes = {(p.code, p.field) for p in problems}
    assert ("missing-tolerance", "comparator") in codes
    lines = cat.splitlines()
    assert any(p.code == "missing-tolerance" and p.line == lines.index("    comparator: about") + 1 for p in problems)


@pytest.mark.parametrize("tolerance", ["-1", "abc"])
def test_bad_tolerance(tmp_path: Path, tolerance: str) -> None:
    cat = KINDS.replace("tolerance: 5%", f"tolerance: {tolerance!r}")
    _cat, problems = load_catalogue(_data(tmp_path, cat))
    assert [p.code for p in problems] == ["bad-tolerance"] and problems[0].field == "tolerance"


def test_settings_tolerance_on_an_amount_needs_a_share(tmp_path: Path) -> None:
    cat = KINDS.replace("    tolerance: 5%\n", "")
    _cat, problems = load_catalogue(_data(tmp_path, cat))
    assert [(p.code, p.field) for p in problems] == [("bad-tolerance", "comparator")]


def test_target_missing_without_set_by(tmp_path: Path) -> None:
    cat = KINDS.replace("    set_by: 省、市下达\n", "")
    _cat, problems = load_catalogue(_data(tmp_path, cat))
    assert [(p.code, p.field) for p in problems] == [("missing-field", "target")]


def test_negative_targets(tmp_path: Path) -> None:
    cat = HEADER + """\
  - id: a
    title: 新建农田
    section: 一
    source: 新建农田
    kind: amount
    target: -3万亩
    owner: 区农业农村局
  - id: b
    title: 增长
    section: 一
    source: 增长
    kind: growth
    target: -3%
    owner: 区统计局
"""
    _cat, problems = load_catalogue(_data(tmp_path, cat))
    line = cat.splitlines().index("    target: -3万亩") + 1
    assert [(p.code, p.field, p.line) for p in problems] == [("negative-target", "target", line)]
    r = runner.invoke(app, ["validate", "--data", str(tmp_path / "d"), "--lang", "zh"])
    assert r.exit_code == 1 and f"targets.yaml:{line}: negative-target" in r.stdout


UNITS = """\
plan:
  title: 测试计划
  region: 测试区
  year: 2022
units:
  羽: {family: 羽, factor: 1}
  万羽: {family: 羽, factor: 10000}
targets:
  - id: poultry
    title: 家禽出栏
    section: 一、总体
    source: 家禽出栏2万羽
    kind: amount
    target: 2万羽
    owner: 区发展和改革局
"""


def test_declared_units_are_read_by_the_catalogue_and_the_ledger(tmp_path: Path) -> None:
    root = _data(tmp_path, UNITS, {"2022-06/a.csv": "date,target,value,unit\n2022-06-30,poultry,15000,羽\n"})
    cat, problems = load_catalogue(root)
    assert cat is not None and not problems and cat.units is not None
    assert cat.by_id()["poultry"].unit == "万羽" and cat.by_id()["poultry"].target == 2
    for args in (["validate"], ["status", "--as-of", "2022-06-30", "-f", "json"]):
        r = runner.invoke(app, [*args, "--data", str(root)])
        assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["targets"][0]["actual"] == 1.5  # 15000羽 in 万羽


def test_an_undeclared_family_is_located(tmp_path: Path) -> None:
    text = UNITS.replace("family: 羽, factor: 10000", "family: 鸟, factor: 10000")
    _cat, problems = load_catalogue(_data(tmp_path, text))
    line = text.splitlines().index("  万羽: {family: 鸟, factor: 10000}") + 1
    assert ("unknown-family", line) in [(p.code, p.line) for p in problems]
