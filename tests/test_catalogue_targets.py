"""The catalogue's checks against the report, and the load's pause of the collector."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from conftest import MINI_CATALOGUE
from worktargets.catalogue import load_catalogue


def excerpts_of(report: str, sources: list[str], tmp_path: Path) -> list[tuple[str, int]]:
    """(code, line) of each problem of a catalogue whose targets quote ``sources``."""
    head = "plan:\n  title: 测试计划\n  region: 测试区\n  year: 2022\n  source_file: report.txt\ntargets:\n"
    body = "".join(f"  - id: t{i}\n    title: 任务{i}\n    section: 一\n    source: {s}\n    kind: amount\n"
                   f"    target: 1万亩\n    owner: 区农业农村局\n" for i, s in enumerate(sources))
    (tmp_path / "targets.yaml").write_text(head + body, encoding="utf-8")
    (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    catalogue, problems = load_catalogue(tmp_path)
    return [(p.code, p.line) for p in problems]


def test_a_source_is_found_wherever_it_stands_in_the_report(tmp_path: Path) -> None:
    # a verbatim excerpt of the report, in the catalogue's order or not, repeated or overlapping
    report = "新建高标准农田3.6万亩，生猪出栏52万头。规上工业总产值突破60亿元。"
    sources = ["生猪出栏52万头", "新建高标准农田", "突破60亿元", "农田3.6万亩", "生猪出栏", "新建高标准农田"]
    assert excerpts_of(report, sources, tmp_path) == []


def test_each_source_not_in_the_report_is_a_problem_at_its_target_in_order(tmp_path: Path) -> None:
    report = "新建高标准农田3.6万亩，生猪出栏52万头。"
    sources = ["生猪出栏52万头", "新建农田", "新建高标准农田", "出栏52万只", "生猪出栏"]
    assert excerpts_of(report, sources, tmp_path) == [("source-not-in-report", 14), ("source-not-in-report", 28)]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_load_leaves_the_collector_as_it_found_it(make_data, enabled: bool) -> None:
    data = make_data(catalogue=MINI_CATALOGUE)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        catalogue, problems = load_catalogue(data)
        assert catalogue is not None and problems == []
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
