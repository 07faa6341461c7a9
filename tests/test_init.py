"""worktargets init DIR: a data folder that validates at once, and never overwrites a file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from worktargets.cli import app

runner = CliRunner()
FILES = {"targets.yaml", "progress/README.md", "report/README.md", "schema/targets.schema.json", ".gitignore",
         ".pre-commit-config.yaml", ".github/workflows/worktargets.yml"}


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_init_makes_a_folder_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    result = runner.invoke(app, ["init", str(folder), "--year", "2024", "--region", "某某区"])
    assert result.exit_code == 0, result.stderr
    assert _files(folder) == FILES
    assert runner.invoke(app, ["validate", "--data", str(folder)]).exit_code == 0
    status = runner.invoke(app, ["status", "--data", str(folder), "--as-of", "2024-06-30"])
    assert status.exit_code == 0, status.stderr
    text = (folder / "targets.yaml").read_text(encoding="utf-8")
    ref = re.match(r"# yaml-language-server: \$schema=(\S+)", text)
    assert ref and (folder / ref[1]).is_file()
    assert "properties" in json.loads((folder / ref[1]).read_text(encoding="utf-8"))
    doc = yaml.safe_load(text)
    assert doc["plan"]["year"] == 2024 and doc["plan"]["region"] == "某某区" and doc["targets"] == []
    assert set(doc["settings"]) >= {"progress_rule", "thresholds", "reporting"}
    assert "# 序时进度的算法" in text and "progress_rule: months" in text  # Chinese comments, English keys


def test_hooks_and_workflow_run_the_checks(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    hooks = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repo = hooks["repos"][0]
    assert repo["repo"] == "local"
    assert [h["entry"] for h in repo["hooks"]] == ["worktargets validate --data .", "worktargets coverage --data ."]
    flow = yaml.safe_load((folder / ".github/workflows/worktargets.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in flow["jobs"]["check"]["steps"])
    assert "worktargets validate --data ." in steps and "worktargets coverage --data ." in steps
    assert "~$*" in (folder / ".gitignore").read_text(encoding="utf-8")


def test_not_empty_is_refused_and_force_adds_only_missing_files(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "targets.yaml").write_text("# 本单位已有的目录\n", encoding="utf-8")
    refused = runner.invoke(app, ["init", str(folder), "--lang", "en"])
    assert refused.exit_code == 1
    assert re.search(r"error: [^:]+: init-not-empty:", refused.stderr)
    assert _files(folder) == {"targets.yaml"}
    forced = runner.invoke(app, ["init", str(folder), "--force"])
    assert forced.exit_code == 0
    assert (folder / "targets.yaml").read_text(encoding="utf-8") == "# 本单位已有的目录\n"
    assert _files(folder) == FILES


def test_a_file_in_the_way_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "office"
    f.write_text("x", encoding="utf-8")
    assert runner.invoke(app, ["init", str(f)]).exit_code == 2


def test_draft_into_an_initialised_folder(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    assert runner.invoke(app, ["init", str(folder), "--year", "2022"]).exit_code == 0
    report = folder / "report" / "报告.txt"
    report.write_text("新建高标准农田3.6万亩，生猪出栏52万头以上。\n", encoding="utf-8")
    before = (folder / ".gitignore").read_text(encoding="utf-8") + "# 本单位加的\n"
    (folder / ".gitignore").write_text(before, encoding="utf-8")
    drafted = runner.invoke(app, ["draft", str(report), "-o", str(folder), "--force", "--year", "2022"])
    assert drafted.exit_code == 0, drafted.stderr
    assert (folder / ".gitignore").read_text(encoding="utf-8") == before
    assert runner.invoke(app, ["coverage", "--data", str(folder)]).exit_code == 0
