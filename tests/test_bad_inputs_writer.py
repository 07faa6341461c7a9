"""Every case of tests/bad_inputs/ (built by make_corpus.py, listed in MANIFEST.tsv) through
the real CLI: the expected exit and code, a message naming the file, the row or line and the
field, no traceback, no internal error, within 10 s, and the data folder untouched."""

from __future__ import annotations

import hashlib
import json
import shlex
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.cli import app

HERE = Path(__file__).resolve().parent / "bad_inputs"
CASES = HERE / "cases"
ENV = {"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": "en"}
LEDGER = "progress/2022-06/区农业农村局.csv"
SEED = "id,date,target,value,unit,basis,stage,by,note,source,replaces\nm0,2022-05-31,farmland,1,万亩,total,,张三,,,\n"


def manifest() -> list[dict[str, str]]:
    lines = (HERE / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    keys = lines[0].split("\t")
    return [dict(zip(keys, line.split("\t"))) for line in lines[1:] if line.strip()]


CASES_LIST = manifest()


def snapshot(root: Path) -> dict[str, str]:
    """Hash of every file in the data folder (the writer's lock folder aside)."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if "/.locks" in f"/{rel}":
            continue
        out[rel] = "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def test_the_corpus_is_big_enough_and_every_file_is_listed() -> None:
    files = sorted(p.name for p in CASES.iterdir())
    assert files == sorted(c["file"] for c in CASES_LIST)
    assert len(CASES_LIST) >= 60
    assert sum(p.stat().st_size for p in CASES.iterdir()) < 2 * 1024 * 1024


@pytest.mark.parametrize("c", CASES_LIST, ids=[c["file"] for c in CASES_LIST])
def test_bad_input(c: dict[str, str], make_data, tmp_path: Path) -> None:
    data = make_data({"2022-05/区农业农村局.csv": SEED})
    src = CASES / c["file"]
    command = shlex.split(c["command"])
    shown = src.name
    if command[0] == "import":
        args = ["import", str(src), *command[1:]]
    elif command[0] == "ledger":
        (data / LEDGER).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, data / LEDGER)
        args, shown = ["add-progress", "farmland", "2万亩", "--date", "2022-06-30"], "区农业农村局.csv"
    elif command[0] == "ledger-dir":
        (data / LEDGER).mkdir(parents=True)
        shutil.copyfile(src, data / LEDGER / src.name)
        args, shown = ["add-progress", "farmland", "2万亩", "--date", "2022-06-30"], "区农业农村局.csv"
    else:
        assert command[0] == "args"
        args, shown = json.loads(src.read_text(encoding="utf-8")), ""
    before = snapshot(data)
    t0 = time.monotonic()
    r = CliRunner().invoke(app, [*args, "--data", str(data)], env=ENV)
    took = time.monotonic() - t0
    out = r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == int(c["exit"]), out
    assert (f": {c['code']}:" if c["code"] != "usage" else "usage error") in out, out
    assert "Traceback" not in out and "internal error" not in out
    assert not any(ch in out for ch in "\x1b\x07\u202e")  # no terminal escapes passed through
    if c["code"] != "usage":
        assert shown in out
    if c["line"] != "-":
        assert f"{shown}:{c['line']}:" in out, out
    if c["field"] != "-":
        assert c["field"] in out, out
    assert took < 10, took
    assert snapshot(data) == before  # nothing created, changed or removed
