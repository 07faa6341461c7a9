"""The benchmark script keeps working (at a tiny size), and the fast paths it measures give
the same results as the plain ones."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import load_bench

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "bench.py"


_bench = load_bench


def test_bench_runs_at_a_tiny_size(tmp_path: Path) -> None:
    # ledger/hledger are timed only where installed; --no-external keeps this fast
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--targets", "12", "--entries", "600", "--repeat", "1", "--startup-rounds", "1", "--no-external", "--shape", "mixed",
         "--workdir", str(tmp_path / "w")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "worktargets vs generator: 12/12 targets equal" in proc.stdout
    assert "worktargets status --format json" in proc.stdout
    assert "worktargets forecast --format json" in proc.stdout and "(exit" not in proc.stdout
    assert "result: totals equal" in proc.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fast_paths_agree_with_the_generator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    """One process or two (forced), the status aggregates equal the generator's own."""
    bench = _bench()
    ds = bench.generate(tmp_path, 30, 3000)
    monkeypatch.setenv("WORKTARGETS_JOBS", jobs)
    monkeypatch.setenv("WORKTARGETS_CACHE", "off")
    from worktargets.catalogue import load_catalogue
    from worktargets.ledger import load_history, load_progress

    catalogue, problems = load_catalogue(ds.data)
    assert catalogue is not None and not problems
    from worktargets.cli.switches import read_options

    progress, scan = load_progress(catalogue, ds.data, date(2022, 12, 31), read_options())
    assert not scan.problems and scan.rows == ds.entries
    for tid, expected in ds.expected.items():
        assert progress.targets[tid].actual() == expected, tid
    stages = {t.id: t.stages for t in catalogue.targets}
    for tid, idx in ds.expected_stage.items():
        assert stages[tid].index(progress.targets[tid].stage) == idx, tid
    # the row-by-row sink (History) sees the same entries
    history, hscan = load_history(catalogue, ds.data, date(2022, 12, 31))
    assert hscan.rows == scan.rows
    assert sum(len(v) for v in history.entries.values()) == sum(tp.count for tp in progress.targets.values())


def test_duplicate_ids_across_the_two_halves_are_reported_as_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = _bench()
    ds = bench.generate(tmp_path, 10, 1000)
    files = sorted((ds.data / "progress").rglob("*.csv"))
    first_id = files[0].read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    last = files[-1]
    lines = last.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[0] = first_id
    lines[1] = ",".join(cells)
    last.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("WORKTARGETS_CACHE", "off")
    from worktargets.catalogue import load_catalogue
    from worktargets.ledger import load_progress

    catalogue, _ = load_catalogue(ds.data)
    found = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("WORKTARGETS_JOBS", jobs)
        from worktargets.cli.switches import read_options

        _p, scan = load_progress(catalogue, ds.data, None, read_options())
        found[jobs] = [(p.code, p.path, p.line, p.params.get("first")) for p in scan.problems]
    assert found["1"] == found["2"]
    assert [c for c, *_ in found["1"]] == ["duplicate-entry-id"]


def test_catalogue_cache_revalidates_a_changed_file(make_data, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WORKTARGETS_CACHE", str(tmp_path / "cache"))
    from worktargets.catalogue import load_catalogue as load
    from worktargets.cli.switches import cache_dir

    def load_catalogue(data: Path) -> tuple:
        return load(data, cache_dir())

    data = make_data()
    first, problems = load_catalogue(data)
    assert first is not None and not problems
    again, _ = load_catalogue(data)  # served from the cache
    assert again == first
    assert list((tmp_path / "cache").glob("*.pickle"))
    text = (data / "targets.yaml").read_text(encoding="utf-8")
    (data / "targets.yaml").write_text(text.replace("target: 3.6万亩", "target: 3.6万头"), encoding="utf-8")
    changed, problems = load_catalogue(data)
    assert changed is not None and changed.by_id()["farmland"].unit == "万头"  # the edit, not the cached verdict
    (data / "report.txt").write_text("另一份报告\n", encoding="utf-8")
    (data / "targets.yaml").write_text(text, encoding="utf-8")
    _cat, problems = load_catalogue(data)  # same catalogue, changed report: checked again
    assert any(p.code == "source-not-in-report" for p in problems)
