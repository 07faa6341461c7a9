"""The rows of ``status --format json`` written from each target's kept pieces: the same text
as the rows built afresh, whatever the titles hold (braces, quotes, invisible characters), and a
damaged or foreign pieces file is only a miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_CATALOGUE
from worktargets.cli import app
from worktargets.render.common import json_encoder, json_text
from worktargets.render.status_json import ROW_KEYS, row_dict, rows_json

runner = CliRunner()
LEDGER = {"2022-06/a.csv": "date,target,value,stage,note\n2022-06-30,farmland,1万亩,,\n2022-06-30,reservoir,,已申请验收,\n"}
ODD = (MINI_CATALOGUE
       .replace("    title: 新建高标准农田\n", '    title: "新建{0}高标准}}农田{{ \\"引号\\" \\\\ 反斜杠 \\u200b零宽 \\u202e"\n', 1))


@pytest.fixture(autouse=True)
def _invisible_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    # validate refuses invisible characters in titles; the writers escape them wherever
    # text comes from, so the check is off here (as in test_escape_outputs)
    import worktargets.catalogue_targets

    monkeypatch.setattr(worktargets.catalogue_targets, "_check_names", lambda *a, **k: None)


def status(data: Path, cache: Path | str, *extra: str) -> str:
    res = runner.invoke(app, ["status", "--data", str(data), "--as-of", "2022-06-30", "--format", "json", *extra],
                        env={"WORKTARGETS_CACHE": str(cache)})
    assert res.exit_code == 0, res.output
    return res.stdout


def test_kept_rows_equal_rows_built_afresh(make_data, tmp_path: Path) -> None:
    data = make_data(LEDGER, catalogue=ODD)
    cache = tmp_path / "cache"
    fresh = status(data, "off")
    assert status(data, cache) == fresh  # pieces written
    assert list((cache / "status-rows").glob("*.txt"))
    assert status(data, cache) == fresh  # pieces read
    assert status(data, cache, "--owner", "水利") == status(data, "off", "--owner", "水利")
    doc = json.loads(fresh)
    assert any("{0}" in t["title"] and "\u200b" in t["title"] for t in doc["targets"])
    assert "\\u200b" in fresh and "\\u202e" in fresh  # escaped as every JSON output is
    assert all(list(t) == list(ROW_KEYS) for t in doc["targets"])


def test_the_rows_are_the_encoding_of_row_dict(make_data) -> None:
    """rows_json is row_dict's JSON: one specification of a row, written two ways."""
    from datetime import date

    from worktargets.catalogue import load_catalogue
    from worktargets.ledger import load_progress
    from worktargets.ledger.read import ReadOptions
    from worktargets.status import StatusReport, compute_status

    data = make_data(LEDGER, catalogue=ODD)
    cat, _ = load_catalogue(data)
    when = date(2022, 6, 30)
    progress, _scan = load_progress(cat, data, when, ReadOptions())
    report = compute_status(cat, progress, when)
    enc = json_encoder()
    for owner in (None, "水利"):
        r = StatusReport(report.as_of, report.catalogue, report.rows, owner)
        written = json_text({"targets": []}, {"targets": rows_json(r, enc)})
        assert written == json_text({"targets": [row_dict(s, r) for s in r.rows]})


@pytest.mark.parametrize("damage", ["cut", "flipped", "other"])
def test_a_damaged_pieces_file_is_a_miss(make_data, tmp_path: Path, damage: str) -> None:
    data = make_data(LEDGER, catalogue=ODD)
    cache = tmp_path / "cache"
    fresh = status(data, cache)
    (kept,) = (cache / "status-rows").glob("*.txt")
    raw = kept.read_bytes()
    if damage == "cut":
        kept.write_bytes(raw[:len(raw) // 2])
    elif damage == "flipped":  # a form's brace changed: its format would fail or write another row
        kept.write_bytes(raw.replace(b"{}", b"{0}", 1))
    else:  # another catalogue's pieces under this name
        kept.write_bytes(raw.replace("新建".encode(), "改建".encode()))
    assert status(data, cache) == fresh
    assert kept.read_bytes() == raw  # written again whole


def test_pieces_of_several_catalogues_are_kept(make_data, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    a = make_data(LEDGER, catalogue=ODD)
    b = make_data(LEDGER, name="other")
    status(a, cache)
    status(b, cache)
    assert len(list((cache / "status-rows").glob("*.txt"))) == 2
