"""The shipped catalogue and ledgers: valid, complete, and honest about what is real."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from worktargets.catalogue import load_catalogue
from worktargets.cli import app
from worktargets.ledger import History, ledger_files, read_ledger
from worktargets.textio import decode_bytes

runner = CliRunner()
DATA = ROOT / "data"
DEMO = ROOT / "examples" / "demo"


def test_shipped_data_validates() -> None:
    for folder in (DATA, DEMO):
        r = runner.invoke(app, ["validate", "--data", str(folder), "--format", "json"])
        doc = json.loads(r.stdout)
        assert r.exit_code == 0 and doc["problems"] == [], (folder, doc["problems"][:5])
        assert doc["targets"] >= 45


def test_report_is_fully_covered() -> None:
    r = runner.invoke(app, ["coverage", "--data", str(DATA), "--format", "json"])
    doc = json.loads(r.stdout)
    assert r.exit_code == 0, doc["uncovered"]
    assert doc["ok"] and doc["uncovered"] == [] and len(doc["mentions"]) >= 50
    texts = {m["text"] for m in doc["mentions"] if m["covered_by"]}
    assert {"3.6万亩", "150亿元", "135个", "60亿元", "10%", "翻一番", "52万头"} <= texts


def test_report_copy_matches_shared_source() -> None:
    shared = ROOT.parent / "shared" / "report" / "000_c85690718b8d28de.txt"
    if shared.exists():
        assert (DATA / "report" / shared.name).read_bytes() == shared.read_bytes()


def test_catalogue_says_what_is_inferred() -> None:
    catalogue, _ = load_catalogue(DATA)
    assert catalogue.plan.year == 2022
    assert "推定" in catalogue.plan.year_note
    assert catalogue.plan.owners_note
    kinds = Counter(t.kind.value for t in catalogue.targets)
    assert kinds["milestone"] >= 10 and kinds["amount"] >= 30
    assert {"growth", "level", "relative"} <= set(kinds)
    ids = catalogue.by_id()
    relative = [t for t in catalogue.targets if t.kind.value == "relative"]
    assert relative and all(t.baseline is not None and t.baseline.value is None for t in relative)
    assert any(t.comparator.value == "gt" for t in catalogue.targets)
    assert any(t.parent and t.parent in ids for t in catalogue.targets)
    assert any(t.stretch for t in catalogue.targets)


def test_only_published_outcomes_are_shipped_as_real() -> None:
    catalogue, _ = load_catalogue(DATA)
    history = History()
    scan = read_ledger(catalogue, DATA, history)
    assert not scan.problems
    entries = [e for es in history.entries.values() for e in es]
    assert len(entries) == 2
    assert all(e.source for e in entries)


def test_demo_is_marked_illustrative_and_lively() -> None:
    for f in ledger_files(DEMO):
        text, _encoding = decode_bytes(f.read_bytes())
        assert "示例" in text or "虚构" in text or "illustrative" in text.lower(), f
    assert "虚构" in (DEMO / "README.md").read_text(encoding="utf-8")
    r = runner.invoke(app, ["status", "--data", str(DEMO), "--as-of", "2022-06-30", "--format", "json"])
    assert r.exit_code == 0
    states = Counter(t["state"] for t in json.loads(r.stdout)["targets"])
    assert {"done", "ahead", "on_track", "behind", "far_behind", "no_data", "needs_baseline"} <= set(states)


def test_demo_uses_the_real_catalogue() -> None:
    def body(path: Path) -> list[str]:
        return [line for line in path.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#") and "source_file:" not in line]
    assert body(DEMO / "targets.yaml") == body(DATA / "targets.yaml")
