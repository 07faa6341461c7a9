"""The writer under real processes: SIGKILL at random instants, and four concurrent appenders.

A small driver script appends entries one by one with ``writer.append_rows`` and prints each
entry's id only after the call returned (that is: after the fsync), the way add-progress
reports success. Afterwards the ledger must validate and hold every reported id.
"""

from __future__ import annotations

import csv
import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from worktargets.catalogue import load_catalogue
from worktargets.ledger import History, read_ledger

DRIVER = r"""
import sys
from datetime import date
from pathlib import Path
from worktargets.writer import append_rows, ledger_path

data, tag, n, owner = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
note = "进展" * 40  # a long-ish line, several hundred bytes
for i in range(n):
    month = 1 + i % 3
    day = date(2022, month, 28)
    eid = f"{tag}-{i:05d}"
    row = {"id": eid, "date": day.isoformat(), "target": "farmland", "value": str(i), "unit": "亩",
           "basis": "add", "by": tag, "note": note}
    append_rows(ledger_path(data, owner, day), [row])
    print(eid, flush=True)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and O_APPEND semantics are POSIX")


def _run_driver(data: Path, tag: str, n: int, owner: str = "区农业农村局") -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(data), tag, str(n), owner],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _ledger_ids(data: Path) -> tuple[list[str], list]:
    catalogue, problems = load_catalogue(data)
    assert catalogue is not None and not problems
    sink = History()
    scan = read_ledger(catalogue, data, sink)
    return [e.id for es in sink.entries.values() for e in es], scan.problems


def _check_lines_whole(data: Path) -> int:
    n = 0
    for f in sorted((data / "progress").rglob("*.csv")):
        raw = f.read_bytes()
        assert raw.endswith(b"\n"), f"{f} ends in a torn line"
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        assert rows[0][:3] == ["id", "date", "target"]
        for r in rows[1:]:
            assert len(r) == 11, r
            n += 1
    return n


def test_sigkill_at_random_moments_loses_nothing_reported(make_data) -> None:
    data = make_data()
    rng = random.Random(1234)
    reported: list[str] = []
    for round_ in range(12):
        proc = _run_driver(data, f"k{round_}", 100000)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the first append returned: the loop runs, however slow the start-up
        # then ~1,000 appends a second, each write+fsync like the next: any instant is as likely to cut one
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        reported += (first + out).split()
    assert len(reported) > 50, "the driver should have reported appends before being killed"
    ids, problems = _ledger_ids(data)
    assert problems == []
    found = set(ids)
    assert len(found) == len(ids), "no entry was written twice"
    missing = [r for r in reported if r not in found]
    assert missing == []
    # an entry being written when the kill came is either whole or absent
    assert len(ids) - len(reported) <= 12
    assert _check_lines_whole(data) == len(ids)
    # no temporary or lock file became a ledger file
    assert all(not p.name.endswith(".tmp") for p in (data / "progress").rglob("*") if not p.name.startswith("."))


def test_four_processes_append_concurrently(make_data) -> None:
    data = make_data()
    n = 60
    procs = [_run_driver(data, f"p{i}", n) for i in range(4)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs += out.split()
    assert len(outs) == 4 * n
    ids, problems = _ledger_ids(data)
    assert problems == []
    assert sorted(ids) == sorted(outs)
    assert _check_lines_whole(data) == 4 * n
    # three month files, each created exactly once with one header
    files = sorted((data / "progress").glob("2022-0*/区农业农村局.csv"))
    assert len(files) == 3
    for f in files:
        assert f.read_text(encoding="utf-8").count("id,date,target") == 1


def test_cli_add_progress_killed_leaves_ledger_valid(make_data) -> None:
    """The real command, killed mid-run a few times: the ledger still validates."""
    data = make_data()
    exe = [sys.executable, "-m", "worktargets"]
    ok = 0
    for i in range(4):
        p = subprocess.Popen(exe + ["add-progress", "hogs", f"{i + 1}万", "--add", "--date", "2022-03-31",
                                    "--force", "--yes", "--data", str(data)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if i % 2:
            time.sleep(random.uniform(0.05, 0.4))
            p.kill()
        out, _ = p.communicate()
        if p.returncode == 0:
            ok += 1
            assert "hogs" in out
    ids, problems = _ledger_ids(data)
    assert problems == []
    assert len(ids) >= ok
