"""Owners as offices assign them (issue 11): several lead departments (the first is the
primary), 责任领导, co-responsible departments shown and counted apart; and names with
control characters refused by validate with the writer's own rule (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.catalogue import load_catalogue
from worktargets.cli import app
from worktargets.textio import has_control
from worktargets.writer import WriteError, safe_name

runner = CliRunner()

CATALOGUE = """\
plan:
  title: 测试计划
  region: 测试区
  year: 2022
targets:
  - id: farmland
    title: 新建高标准农田
    section: 一、农业
    source: 新建高标准农田2万亩
    kind: amount
    target: 2万亩
    owner: [区农业农村局, 区自然资源局]
    co_owners: [各乡镇]
    leader: 张三
  - id: water
    title: 农村供水
    section: 一、农业
    source: 农村供水工程10处
    kind: amount
    target: 10个
    owner: 区水利局
    co_owners: [区农业农村局]
  - id: hogs
    title: 生猪出栏
    section: 一、农业
    source: 生猪出栏52万头
    kind: amount
    target: 52万头
    owner: 区农业农村局
    leader: [李四, 王五]
"""

LEDGER = "date,target,value,unit\n2022-06-30,farmland,0.5,万亩\n2022-06-30,water,6,个\n2022-06-30,hogs,30,万头\n"


def _data(tmp_path: Path, catalogue: str = CATALOGUE, name: str = "d") -> Path:
    root = tmp_path / name
    (root / "progress" / "2022-06").mkdir(parents=True)
    (root / "targets.yaml").write_text(catalogue, encoding="utf-8")
    (root / "progress" / "2022-06" / "区农业农村局.csv").write_text(LEDGER, encoding="utf-8")
    return root


def _status(root: Path, *args: str) -> dict:
    r = runner.invoke(app, ["status", "--data", str(root), "--as-of", "2022-06-30", "-f", "json", *args])
    assert r.exit_code == 0, r.output
    return {t["id"]: t for t in json.loads(r.stdout)["targets"]}


def test_json_keeps_owner_and_adds_owners_leader(tmp_path: Path) -> None:
    rows = _status(_data(tmp_path))
    assert rows["farmland"]["owner"] == "区农业农村局"  # the primary lead, a string as before
    assert rows["farmland"]["owners"] == ["区农业农村局", "区自然资源局"]
    assert rows["farmland"]["co_owners"] == ["各乡镇"] and rows["farmland"]["leader"] == ["张三"]
    assert rows["hogs"]["owners"] == ["区农业农村局"] and rows["hogs"]["leader"] == ["李四", "王五"]
    assert "role" not in rows["hogs"]  # only under --owner


def test_status_owner_shows_leads_and_co_responsible(tmp_path: Path) -> None:
    root = _data(tmp_path)
    rows = _status(root, "--owner", "自然资源")
    assert list(rows) == ["farmland"] and rows["farmland"]["role"] == "lead"  # the second lead
    rows = _status(root, "--owner", "农业农村")
    assert {i: r["role"] for i, r in rows.items()} == {"farmland": "lead", "water": "co", "hogs": "lead"}
    assert list(_status(root, "--owner", "乡镇")) == ["farmland"]
    r = runner.invoke(app, ["status", "--data", str(root), "--as-of", "2022-06-30", "--owner", "农业农村", "--lang", "zh"])
    assert r.exit_code == 0 and "区农业农村局（配合）" in r.stdout and "区农业农村局（牵头）" in r.stdout
    r = runner.invoke(app, ["status", "--data", str(root), "--as-of", "2022-06-30", "--owner", "农业农村", "-f", "csv"])
    assert r.stdout.splitlines()[0].endswith(",owners,co_owners,leader,no,role")
    r = runner.invoke(app, ["gaps", "--data", str(root), "--as-of", "2022-06-30", "--owner", "自然资源", "-f", "json"])
    assert [t["id"] for t in json.loads(r.stdout)["targets"]] == ["farmland"]


def test_owners_counts_leads_and_co_responsible_apart(tmp_path: Path) -> None:
    r = runner.invoke(app, ["owners", "--data", str(_data(tmp_path)), "--as-of", "2022-06-30", "-f", "json"])
    assert r.exit_code == 0, r.output
    rows = {o["owner"]: o for o in json.loads(r.stdout)["owners"]}
    assert rows["区农业农村局"]["target_ids"] == ["farmland", "hogs"] and rows["区农业农村局"]["co_target_ids"] == ["water"]
    assert rows["区自然资源局"]["target_ids"] == ["farmland"]  # a second lead counts the target in full
    assert rows["区水利局"]["targets"] == 1 and rows["区水利局"]["co_targets"] == 0
    assert rows["各乡镇"]["targets"] == 0 and rows["各乡镇"]["co_targets"] == 1
    assert sum(rows["区农业农村局"]["counts"].values()) == 2 and sum(rows["区农业农村局"]["co_counts"].values()) == 1
    order = [o["owner"] for o in json.loads(r.stdout)["owners"]]
    assert order[-1] == "各乡镇"  # co-responsible only: after every lead department


def test_template_includes_co_led_targets(tmp_path: Path) -> None:
    root = _data(tmp_path)
    r = runner.invoke(app, ["template", "--data", str(root), "--owner", "自然资源", "--period", "2022-07",
                            "--format", "csv", "-o", "-"])
    assert r.exit_code == 0, r.output
    assert "farmland" in r.stdout and "hogs" not in r.stdout
    assert "0.5" in r.stdout  # the last total, read from the primary lead's files


@pytest.mark.parametrize("field, value, where", [
    ("owner", '"区农业\\x1b[31m农村局"', "owner"),
    ("co_owners", '["区\\u200b水利局"]', "co_owners[0]"),
    ("leader", '"张\\n三"', "leader"),
    ("title", '"生猪\\x07出栏"', "title"),
])
def test_control_characters_are_refused_where_they_are(tmp_path: Path, field: str, value: str, where: str) -> None:
    lines = CATALOGUE.splitlines()
    at = lines.index("  - id: hogs")
    key = next((i for i in range(at, len(lines)) if lines[i].startswith(f"    {field}:")), None)
    if key is None:
        key = at + 1
        lines.insert(key, "")
    lines[key] = f"    {field}: {value}"
    root = _data(tmp_path, "\n".join(lines) + "\n")
    _cat, problems = load_catalogue(root)
    assert [(p.code, p.line, p.field) for p in problems] == [("control-characters", key + 1, where)]
    r = runner.invoke(app, ["validate", "--data", str(root), "--lang", "zh"])
    assert r.exit_code == 1 and f"targets.yaml:{key + 1}: control-characters" in r.stdout


@pytest.mark.parametrize("name", ["区农业农村局", "区\x1b[31m局", "区\u200b局", "区\u2028局", "区\t局", "A/B局", "区 局"])
def test_one_rule_for_validate_and_the_writer(name: str) -> None:
    # the catalogue refuses exactly the names the writer (add-progress, import) refuses for their characters
    try:
        safe_name(name)
        writer_refuses = False
    except WriteError:
        writer_refuses = True
    assert has_control(name) == writer_refuses


def test_pydantic_english_never_reaches_chinese_messages(tmp_path: Path) -> None:
    bad = (CATALOGUE.replace("    leader: 张三\n", "    leader: 张三\n    stretch: 也许\n    due: 年底\n")
           .replace("    owner: 区水利局\n", "    owner: {a: 1}\n"))
    root = _data(tmp_path, bad)
    r = runner.invoke(app, ["validate", "--data", str(root), "--lang", "zh", "-f", "json"])
    assert r.exit_code == 1
    problems = json.loads(r.stdout)["problems"]
    got = {(p["code"], p["field"]) for p in problems}
    assert {("bad-value", "stretch"), ("bad-value", "due"), ("bad-value", "owner")} <= got
    assert all(p["line"] for p in problems)
    text = " ".join(p["message"] for p in problems)
    for english in ("Input should", "valid", "should be", "string"):
        assert english not in text, text
    r = runner.invoke(app, ["validate", "--data", str(root), "--lang", "en", "-f", "json"])
    assert "should be true or false" in r.stdout


def test_each_lead_answers_for_a_co_led_filing(tmp_path: Path) -> None:
    # 2022-07 is due on 25 August and nothing is dated in July: every lead is late for its targets
    r = runner.invoke(app, ["overdue", "--data", str(_data(tmp_path)), "--as-of", "2022-08-26", "-f", "json"])
    assert r.exit_code == 0, r.output
    late = {d["owner"]: sorted(d["missing"]) for d in json.loads(r.stdout)["late_departments"]}
    assert late == {"区农业农村局": ["farmland", "hogs"], "区自然资源局": ["farmland"], "区水利局": ["water"]}
