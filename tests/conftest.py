"""Shared fixtures: small data folders written into tmp_path from inline text."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent

REPORT = (
    "新建高标准农田3.6万亩，生猪出栏52万头以上。规上工业总产值突破60亿元。"
    "工业和技改投资增长10%以上。完成天星桥水库蓄水验收。村集体经济总收入较上年翻一番。"
    "力争全年争取各类无偿补助资金30亿元以上，其中项目资金16亿元以上。\n"
)

MINI_CATALOGUE = """\
plan:
  title: 测试计划
  region: 测试区
  year: 2022
  source_file: report.txt
targets:
  - id: farmland
    title: 新建高标准农田
    section: 二、乡村振兴
    source: 新建高标准农田3.6万亩
    kind: amount
    target: 3.6万亩
    owner: 区农业农村局
  - id: hogs
    title: 生猪出栏
    section: 二、乡村振兴
    source: 生猪出栏52万头以上
    kind: amount
    target: 52万头
    owner: 区农业农村局
  - id: output
    title: 规上工业总产值
    section: 三、工业
    source: 规上工业总产值突破60亿元
    kind: amount
    comparator: gt
    target: 60亿元
    owner: 区经济和信息化局
  - id: invest-growth
    title: 工业和技改投资增长
    section: 三、工业
    source: 工业和技改投资增长10%以上
    kind: growth
    target: 10%
    owner: 区经济和信息化局
  - id: reservoir
    title: 天星桥水库蓄水验收
    section: 二、乡村振兴
    source: 完成天星桥水库蓄水验收
    kind: milestone
    stages: [未启动, 已申请验收, 已验收]
    owner: 区水利局
  - id: village-income
    title: 村集体经济总收入翻一番
    section: 二、乡村振兴
    source: 村集体经济总收入较上年翻一番
    kind: relative
    unit: 万元
    factor: 2
    baseline: {value: null, note: 节选未给出}
    owner: 区农业农村局
  - id: grants
    title: 争取无偿补助资金
    section: 一、项目
    source: 力争全年争取各类无偿补助资金30亿元以上
    kind: amount
    target: 30亿元
    stretch: true
    owner: 区发展和改革局
  - id: grants-projects
    title: 其中项目资金
    section: 一、项目
    source: 其中项目资金16亿元以上
    kind: amount
    target: 16亿元
    stretch: true
    parent: grants
    owner: 区发展和改革局
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
    return root


def load_bench():  # type: ignore[no-untyped-def]
    """bench/bench.py as a module (its generator makes the big ledgers of several tests)."""
    import importlib.util
    import sys

    mod = sys.modules.get("wt_bench")
    if mod is None:
        spec = importlib.util.spec_from_file_location("wt_bench", ROOT / "bench" / "bench.py")
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.modules["wt_bench"] = mod
        spec.loader.exec_module(mod)
    return mod


def status_and_validate(data: Path, cache: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> str:
    """``status -f json`` (with ``extra``) and ``validate -f json`` with this cache folder
    (``off``: none): their exit codes, outputs and errors as one text."""
    from typer.testing import CliRunner

    from worktargets.cli import app

    monkeypatch.setenv("WORKTARGETS_CACHE", cache)
    out = []
    for args in (["status", "-f", "json", *extra], ["validate", "-f", "json"]):
        r = CliRunner().invoke(app, [args[0], "--data", str(data), *args[1:]])
        out.append(f"{r.exit_code}\n{r.stdout}\n{r.stderr}")
    return "\n".join(out)


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """make_data(ledger={"2022-06/a.csv": "..."}, catalogue=MINI_CATALOGUE) -> data dir."""

    def make(ledger: dict[str, str | bytes] | None = None, catalogue: str = MINI_CATALOGUE,
             name: str = "data") -> Path:
        root = tmp_path / name
        files: dict[str, str | bytes] = {"targets.yaml": catalogue, "report.txt": REPORT}
        for rel, text in (ledger or {}).items():
            files[f"progress/{rel}"] = text
        write_tree(root, files)
        (root / "progress").mkdir(exist_ok=True)
        return root

    return make


@pytest.fixture(autouse=True)
def _private_catalogue_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests keep their validated-catalogue cache out of the user's ~/.cache."""
    import os

    if "WORKTARGETS_CACHE" not in os.environ:
        monkeypatch.setenv("WORKTARGETS_CACHE", str(tmp_path_factory.getbasetemp() / "catalogue-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens``: rewrite the golden files (tests/golden_cli/) instead of comparing."""
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files instead of comparing them (same as UPDATE_GOLDENS=1)")


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):  # type: ignore[no-untyped-def]
    """Where PYTHONDONTWRITEBYTECODE is set, pytest rewrote the asserts of every test module
    again in every run and every xdist worker (~3 s of CPU each): while a test module is
    imported, its rewritten code is kept in .pytest_cache/pyc (checked against the source's
    size and time like any .pyc). Nothing else writes bytecode, and no test sees the switch."""
    import sys

    if not isinstance(collector, pytest.Module) or not sys.dont_write_bytecode:
        return (yield)
    prefix = sys.pycache_prefix
    sys.dont_write_bytecode, sys.pycache_prefix = False, str(ROOT / ".pytest_cache" / "pyc")
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode, sys.pycache_prefix = True, prefix


def _one_command_tree() -> None:
    """CliRunner builds the app's Click command tree again on every invoke (9 ms: every
    command's signature read again); a process running the CLI once never does. The tests
    build it once per worker: the tree holds no state of a run (the help language is set
    and undone at each invocation, cli.i18n.translate_help)."""
    import typer.testing

    built: dict[int, object] = {}
    make = typer.testing._get_command

    def get_command(app):  # type: ignore[no-untyped-def]
        tree = built.get(id(app))
        if tree is None:
            tree = built[id(app)] = make(app)
        return tree

    typer.testing._get_command = get_command  # type: ignore[assignment]


_one_command_tree()


def checked_draft(text: str, year: int):  # type: ignore[no-untyped-def]
    """The draft of ``text`` as ``draft`` writes it: every entry passes validate and coverage
    on the text (the rules tests of each round of material read drafts so)."""
    from worktargets.cli.draft_cmd import checked_files
    from worktargets.draft.source import normalise_text
    from worktargets.draft.text import read_report

    draft = read_report(normalise_text(text), year)
    _files, failed = checked_files(draft, normalise_text(text), "report/r.txt", "test")
    assert failed is None, failed
    return draft
