"""Issue 13, release hygiene: the README's pre-commit and CI examples run as written on a
throw-away data repository (targets.yaml at its root); the demo works wherever it is
copied; LICENSE, SPDX licence, classifiers and tested dependency floors."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DEMO = ROOT / "examples" / "demo"
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def readme_yaml(marker: str) -> object:
    """The YAML block after ``<!-- marker -->`` in the README."""
    tail = README.split(f"<!-- {marker} -->", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", tail, re.S)
    assert block, marker
    return yaml.safe_load(block.group(1))


def data_repo(tmp_path: Path, as_of: str | None) -> Path:
    """A data repository as an office keeps one: targets.yaml, progress/ and report/ at its root."""
    repo = tmp_path / "repo"
    shutil.copytree(DEMO, repo)
    if as_of:
        (repo / "worktargets.toml").write_text(f'as_of = "{as_of}"\n', encoding="utf-8")
    return repo


def run_env(tmp_path: Path) -> dict[str, str]:
    if not (BIN / "worktargets").exists():
        pytest.skip("the worktargets console script is not installed beside this Python")
    env = {k: v for k, v in os.environ.items() if k not in ("WORKTARGETS_DATA", "LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(PATH=f"{BIN}:{env.get('PATH', '')}", WORKTARGETS_CACHE=str(tmp_path / "cache"),
               GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    return env


def break_ledger(repo: Path) -> None:
    f = repo / "progress" / "2022-06" / "区商务局.csv"
    f.write_text(f.read_text(encoding="utf-8") + "2022-06-30,no-such-target,3,示例数据（虚构）\n", encoding="utf-8")


# ---------------------------------------------------------------- pre-commit

def local_hooks() -> list[dict[str, object]]:
    config = readme_yaml("pre-commit-example")
    (repo,) = config["repos"]  # type: ignore[index]
    assert repo["repo"] == "local"  # needs no clone, no tag
    return repo["hooks"]  # type: ignore[no-any-return]


PATHS = {"targets.yaml", "worktargets.toml", "progress/2022-06/区农业农村局.csv", "progress/2022-06/区水利局.yaml",
         "report/000_c85690718b8d28de.txt", "data/targets.yaml", "data/progress/2022-12/区统计局.csv"}


def test_readme_hooks_match_the_published_hooks_and_the_files_they_read() -> None:
    published = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    for hook in local_hooks():
        pub = published[hook["id"]]  # type: ignore[index]
        assert hook["entry"] == pub["entry"] and hook["files"] == pub["files"] and hook["pass_filenames"] is False
        pattern = re.compile(str(hook["files"]))
        assert pattern.search("targets.yaml") and pattern.search("report/000_c85690718b8d28de.txt")
        assert not pattern.search("README.md") and not pattern.search("src/x.py")
    validate = re.compile(str(published["worktargets-validate"]["files"]))
    assert all(validate.search(p) for p in PATHS), [p for p in PATHS if not validate.search(p)]


def test_readme_hook_entries_run_at_a_data_repository_root(tmp_path: Path) -> None:
    repo = data_repo(tmp_path, None)
    env = run_env(tmp_path)
    for hook in local_hooks():
        run = subprocess.run(shlex.split(str(hook["entry"])), cwd=repo, env=env, capture_output=True, text=True)
        assert run.returncode == 0, (hook["id"], run.stdout, run.stderr)
    break_ledger(repo)
    validate = next(h for h in local_hooks() if h["id"] == "worktargets-validate")
    run = subprocess.run(shlex.split(str(validate["entry"])), cwd=repo, env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "区商务局.csv" in run.stdout and "unknown-target" in run.stdout


@pytest.mark.skipif(shutil.which("pre-commit") is None and not (BIN / "pre-commit").exists(),
                    reason="pre-commit is not installed (pip install pre-commit to run the README block through it)")
def test_pre_commit_itself_runs_the_readme_block(tmp_path: Path) -> None:
    repo = data_repo(tmp_path, None)
    env = {**run_env(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pc"), "HOME": str(tmp_path)}
    block = README.split("<!-- pre-commit-example -->", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (repo / ".pre-commit-config.yaml").write_text(block, encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True, env=env)
    tool = str(BIN / "pre-commit") if (BIN / "pre-commit").exists() else "pre-commit"
    run = subprocess.run([tool, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    break_ledger(repo)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True, env=env)
    run = subprocess.run([tool, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "unknown-target" in run.stdout


# ---------------------------------------------------------------- the CI example

def ci_commands() -> list[str]:
    workflow = readme_yaml("ci-example")
    steps = next(iter(workflow["jobs"].values()))["steps"]  # type: ignore[index]
    return [s["run"] for s in steps if "run" in s and not s["run"].startswith("pip install")]


def test_ci_example_cannot_depend_on_the_day_and_can_fail() -> None:
    runs = ci_commands()
    assert any("--fail-on" in r for r in runs) and any("--format github" in r for r in runs)
    assert "as_of" in README.split("<!-- ci-example -->", 1)[0].rsplit("## Checking a data repository", 1)[1]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_ci_example_passes_and_fails_as_its_fixed_date_says(tmp_path: Path) -> None:
    env = run_env(tmp_path)
    for as_of, expect_fail in (("2022-02-28", False), ("2022-06-30", True)):
        work = tmp_path / as_of
        work.mkdir()
        repo = data_repo(work, as_of)
        results = [subprocess.run(["bash", "-euo", "pipefail", "-c", cmd], cwd=repo, env=env,
                                  capture_output=True, text=True) for cmd in ci_commands()]
        *checks, status = results
        assert all(r.returncode == 0 for r in checks), [(r.args, r.stderr) for r in checks if r.returncode]
        assert (status.returncode == 1) is expect_fail, status.stderr
        summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
        assert f"截至 {as_of}" in summary or as_of in summary
        Path(env["GITHUB_STEP_SUMMARY"]).unlink()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_ci_example_annotates_a_broken_ledger(tmp_path: Path) -> None:
    env = run_env(tmp_path)
    repo = data_repo(tmp_path, "2022-02-28")
    break_ledger(repo)
    validate = next(c for c in ci_commands() if c.startswith("worktargets validate"))
    run = subprocess.run(["bash", "-c", validate], cwd=repo, env=env, capture_output=True, text=True)
    assert run.returncode == 1
    assert re.search(r"^::error file=progress/2022-06/区商务局\.csv,line=\d+,title=unknown-target::", run.stdout, re.M)


# ---------------------------------------------------------------- the demo, copied anywhere

def test_the_demo_works_wherever_it_is_copied(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from worktargets.cli import app

    runner = CliRunner()
    elsewhere = tmp_path / "somewhere" / "demo"
    shutil.copytree(DEMO, elsewhere)
    for args in (["validate"], ["coverage"], ["status", "--as-of", "2022-06-30"], ["show", "investment"],
                 ["bulletin", "--period", "2022-06", "-f", "markdown"]):
        r = runner.invoke(app, [*args, "--data", str(elsewhere)])
        assert r.exit_code == 0, (args, r.output)
    first = (elsewhere / "targets.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = first.split("$schema=", 1)[1]
    assert (elsewhere / schema).is_file() and not schema.startswith(("/", ".."))
    source = yaml.safe_load((elsewhere / "targets.yaml").read_text(encoding="utf-8"))["plan"]["source_file"]
    assert (elsewhere / source).is_file() and not source.startswith(("/", ".."))


def test_the_demos_copies_equal_their_originals() -> None:
    assert (DEMO / "targets.schema.json").read_bytes() == (ROOT / "schema" / "targets.schema.json").read_bytes()
    for f in (ROOT / "data" / "report").iterdir():
        assert (DEMO / "report" / f.name).read_bytes() == f.read_bytes(), f.name


# ---------------------------------------------------------------- licence, metadata, floors

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_is_mit_in_spdx_form_with_a_license_file() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639: the expression says it
    floor = re.search(r"setuptools>=(\d+)", " ".join(PYPROJECT["build-system"]["requires"]))
    assert floor and int(floor.group(1)) >= 77  # the first setuptools that reads an SPDX string


def test_classifiers_name_the_pythons_that_requires_python_allows() -> None:
    project = PYPROJECT["project"]
    versions = [c.rsplit(" ", 1)[1] for c in project["classifiers"] if re.match(r"Programming Language :: Python :: 3\.\d+$", c)]
    assert versions and min(versions, key=lambda v: int(v.split(".")[1])) == project["requires-python"].lstrip(">=")


def test_dependency_floors_are_the_tested_ones() -> None:
    doc = (ROOT / "docs" / "dependency-floors.md").read_text(encoding="utf-8")
    tested = dict(re.findall(r"^\| (\w[\w-]*) \| ([\d.]+) \| passes \|", doc, re.M))
    assert {"typer", "click", "rich", "pydantic", "pyyaml", "openpyxl", "filelock"} <= set(tested)
    declared = {}
    for dep in PYPROJECT["project"]["dependencies"]:
        m = re.match(r"([A-Za-z][\w-]*)\s*>=\s*([\d.]+)", dep)
        if m:
            declared[m.group(1).lower()] = m.group(2)
    for name, version in tested.items():
        assert name in declared, name
        # the declared floor is the tested release (6.0 == 6.0.0 for the comparison)
        assert declared[name].split(".")[:2] == version.split(".")[:2], (name, declared[name], version)
