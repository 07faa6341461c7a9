"""Golden files for the status table: the exact bytes, plain and coloured, narrow and wide.

These files are the specification of the status table's writer (render/plain.py, owned
by worktargets, not a copy of another library's output): any change to the layout shows
here. Regenerate deliberately with ``WORKTARGETS_WRITE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from worktargets.cli import app

GOLDEN = Path(__file__).resolve().parent / "golden" / "status_table"
DATA = ROOT / "data"
DEMO = ROOT / "examples" / "demo"
MINI_LEDGER = {
    "2022-06/a.csv": (
        "id,date,target,value,basis,by\n"
        "a1,2022-06-30,farmland,2.1万亩,total,张三\n"
        "a2,2022-05-31,hogs,20万头,total,李四\n"
        "a3,2022-06-10,hogs,3万头,add,李四\n"
        "a4,2022-06-30,grants,31亿元,total,王五\n"
    ),
    "2022-06/b.yaml": "- {id: b1, date: 2022-06-20, target: reservoir, stage: 已申请验收, by: 王五}\n",
}

# name: (data, extra arguments, COLUMNS, colour)
CASES = {
    "shipped-en-80": ("shipped", ["--as-of", "2022-06-30", "--lang", "en"], 80, False),
    "shipped-zh-80": ("shipped", ["--as-of", "2022-06-30", "--lang", "zh"], 80, False),
    "shipped-zh-80-colour": ("shipped", ["--as-of", "2022-06-30", "--lang", "zh"], 80, True),
    "shipped-en-ended-80": ("shipped", ["--as-of", "2023-03-01", "--lang", "en"], 80, False),
    "shipped-zh-ended-130": ("shipped", ["--as-of", "2023-03-01", "--lang", "zh"], 130, False),
    "shipped-en-130-colour": ("shipped", ["--as-of", "2022-12-31", "--lang", "en"], 130, True),
    "shipped-zh-50": ("shipped", ["--as-of", "2022-06-30", "--lang", "zh"], 50, False),
    "demo-zh-80": ("demo", ["--as-of", "2022-06-30", "--lang", "zh"], 80, False),
    "demo-en-80-colour": ("demo", ["--as-of", "2022-06-30", "--lang", "en"], 80, True),
    "demo-zh-110": ("demo", ["--as-of", "2022-09-30", "--lang", "zh"], 110, False),
    "demo-en-60-behind": ("demo", ["--as-of", "2022-06-30", "--lang", "en", "--state", "behind,far_behind"], 60, False),
    "demo-zh-owner-80-colour": ("demo", ["--as-of", "2022-06-30", "--lang", "zh", "--owner", "水利"], 80, True),
    "mini-zh-80": ("mini", ["--as-of", "2022-06-30", "--lang", "zh"], 80, False),
    "mini-en-120-colour": ("mini", ["--as-of", "2022-06-30", "--lang", "en"], 120, True),
    "mini-en-none": ("mini", ["--as-of", "2022-06-30", "--lang", "en", "--state", "done"], 80, False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_status_table_bytes(name: str, make_data, monkeypatch: pytest.MonkeyPatch) -> None:
    which, args, columns, colour = CASES[name]
    data = {"shipped": DATA, "demo": DEMO}.get(which) or make_data(MINI_LEDGER)
    for var in ("NO_COLOR", "FORCE_COLOR", "COLORTERM", "TERM", "LINES", "WORKTARGETS_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", str(columns))
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("TERM", "xterm-256color")
    result = CliRunner().invoke(app, ["status", "--data", str(data), *args])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("WORKTARGETS_WRITE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(result.stdout_bytes)
    assert result.stdout_bytes == golden.read_bytes()
    assert ("\x1b[" in result.stdout) == colour
