"""Ids as offices make them (CJK, generated from the 序号) and one way to name a target on
the command line: its id, its 序号 (``no``) or words of its title (issue 11)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.catalogue import load_catalogue
from worktargets.cli import app
from worktargets.lookup import resolve_target

runner = CliRunner()

CATALOGUE = """\
plan:
  title: 测试计划
  region: 测试区
  year: 2022
targets:
  - id: 高标准农田
    no: (二)5
    title: 新建高标准农田
    section: 二、农业
    source: 新建高标准农田2万亩
    kind: amount
    target: 2万亩
    owner: 区农业农村局
  - id: "2-3"
    no: 3
    title: 新建农村公路
    section: 二、农业
    source: 新建农村公路50公里
    kind: amount
    target: 50公里
    owner: 区交通运输局
  - id: t-017
    no: "3"
    title: 改造农村公路
    section: 三、交通
    source: 改造农村公路30公里
    kind: amount
    target: 30公里
    owner: 区交通运输局
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "d"
    (root / "progress").mkdir(parents=True)
    (root / "targets.yaml").write_text(CATALOGUE, encoding="utf-8")
    return root


def test_cjk_and_generated_ids_are_valid(data: Path) -> None:
    cat, problems = load_catalogue(data)
    assert cat is not None and not problems
    assert [t.id for t in cat.targets] == ["高标准农田", "2-3", "t-017"]
    assert [t.no for t in cat.targets] == ["(二)5", "3", "3"]


@pytest.mark.parametrize("bad", [".x", "-x", "_x", "a" * 65, "a b", "a/b"])
def test_bad_ids_are_located(data: Path, bad: str) -> None:
    text = CATALOGUE.replace("  - id: t-017", f"  - id: {json.dumps(bad)}")
    (data / "targets.yaml").write_text(text, encoding="utf-8")
    _cat, problems = load_catalogue(data)
    line = text.splitlines().index(f"  - id: {json.dumps(bad)}") + 1
    assert [(p.code, p.field, p.line) for p in problems] == [("bad-value", "id", line)]
    assert "编号" in problems[0].message("zh") and "should" not in problems[0].message("zh")


def test_resolver_order(data: Path) -> None:
    cat, _ = load_catalogue(data)
    assert resolve_target(cat, "2-3").how == "id"
    got = resolve_target(cat, "（二）5")  # full-width brackets as typed in Chinese
    assert got.how == "no" and got.target.id == "高标准农田"
    assert resolve_target(cat, "3").how == "ambiguous"  # two targets numbered 3 in two sections
    assert {t.id for t in resolve_target(cat, "3").candidates} == {"2-3", "t-017"}
    assert resolve_target(cat, "改造 公路").target.id == "t-017"
    assert resolve_target(cat, "农村公路").how == "ambiguous"
    assert resolve_target(cat, "t-01").how == "none" and resolve_target(cat, "t-01").candidates[0].id == "t-017"


def test_show_by_id_no_and_words(data: Path) -> None:
    for key in ("高标准农田", "(二)5", "新建 农田"):
        r = runner.invoke(app, ["show", key, "--data", str(data), "--as-of", "2022-06-30", "-f", "json"])
        assert r.exit_code == 0, (key, r.output)
        assert json.loads(r.stdout)["target"]["id"] == "高标准农田"
    r = runner.invoke(app, ["show", "农村公路", "--data", str(data)])
    assert r.exit_code == 2 and "2-3" in r.stderr and "t-017" in r.stderr


def test_add_progress_and_correct_by_no(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKTARGETS_INTERACTIVE", "0")
    r = runner.invoke(app, ["add-progress", "(二)5", "0.5万亩", "--date", "2022-06-30", "--data", str(data), "--yes"])
    assert r.exit_code == 0, r.output
    written = (data / "progress" / "2022-06" / "区农业农村局.csv").read_text(encoding="utf-8")
    assert ",高标准农田,0.5," in written
    entry = written.splitlines()[1].split(",")[0]
    r = runner.invoke(app, ["add-progress", "3", "10公里", "--date", "2022-06-30", "--data", str(data), "--yes"])
    assert r.exit_code == 2 and "t-017" in r.stderr  # ambiguous: nothing written
    assert not (data / "progress" / "2022-06" / "区交通运输局.csv").exists()
    r = runner.invoke(app, ["correct", entry, "0.6万亩", "--target", "新建 农田", "--data", str(data), "--yes"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["correct", entry, "0.6万亩", "--target", "3", "--data", str(data), "--yes"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["status", "--data", str(data), "--as-of", "2022-06-30", "-f", "json"])
    rows = {t["id"]: t for t in json.loads(r.stdout)["targets"]}
    assert rows["高标准农田"]["actual"] == 0.6 and rows["高标准农田"]["no"] == "(二)5"
    assert os.path.exists(data / "progress")
