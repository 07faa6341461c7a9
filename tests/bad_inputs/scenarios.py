"""The corpus's process scenarios (issue 12): real ``worktargets`` processes killed with
SIGKILL at random moments, importing one sheet at once, writing beside importers, and
writing to a full or read-only disk (a small tmpfs: needs root and ``mount``; skipped with
the reason elsewhere). After each: 0 acknowledged entries lost, 0 partial lines, 0
duplicates, and ``validate`` passes. Rounds are kept small: the whole corpus runs in ~1 min.
The runs under test are real processes; the set-up before them and the checks after them
(``validate``, the same import again) run in this process, where no process is under test.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

OFF = {"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": "en"}
SHEET_HEAD = "指标编号,统计截至日期,累计完成,计量单位,填报人,进展情况\n"
OWNER_FILE = "区农业农村局.csv"
# the first entry, before a disk fills: the owner's file and the lock folder exist
FIRST = ["add-progress", "village-income", "5", "--date", "2022-06-01"]


def _env() -> dict[str, str]:
    return dict(os.environ, **OFF, PYTHONUNBUFFERED="1")


def cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "worktargets", *args]


def run(args: list[str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """A real ``worktargets`` process: for the runs a scenario is about (killed, racing, on a
    full or read-only disk)."""
    return subprocess.run(cmd(*args), capture_output=True, text=True, env=_env(), timeout=timeout)


def run_here(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The same command in this process (CliRunner): for a scenario's set-up and its checks
    afterwards (validate, the run again once there is room), where no process is under test."""
    from typer.testing import CliRunner

    from worktargets.cli import app

    r = CliRunner().invoke(app, args, env=OFF)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return subprocess.CompletedProcess(args, r.exit_code, r.stdout, r.stderr)


def no_crash(*outputs: str) -> None:
    for out in outputs:
        assert "Traceback" not in out and "internal error" not in out, out


def sheet(path: Path, rows: int, note: str = "进展", start: int = 0) -> Path:
    """A CSV sheet of ``rows`` year-to-date totals, alternating farmland and hogs, two weeks
    apart: a sheet of 20 rows spans five months, five files appended one after the other."""
    lines = [SHEET_HEAD]
    for i in range(start, start + rows):
        target, unit = ("farmland", "万亩") if i % 2 == 0 else ("hogs", "万头")
        slot = 14 * (i // 2)
        lines.append(f"{target},2022-{1 + slot // 28:02d}-{1 + slot % 28:02d},{(1 + i) / 100},{unit},张三,{note}\n")
    path.write_text("".join(lines), encoding="utf-8-sig")
    return path


def sheet_rows(path: Path) -> set[tuple[str, str]]:
    """(target, date) of every row of a sheet written by ``sheet``."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))[1:]
    return {(r[0], r[1]) for r in rows}


def check_ledger(data: Path) -> list[dict[str, str]]:
    """Every ledger line whole, no id or (target, date, by) twice, validate passes; the rows."""
    rows: list[dict[str, str]] = []
    for f in sorted((data / "progress").rglob("*.csv")):
        raw = f.read_bytes()
        assert raw.endswith(b"\n"), f"{f}: a partial last line"
        table = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        head = table[0]
        assert head[:3] == ["id", "date", "target"], head
        for r in table[1:]:
            assert len(r) == len(head), f"{f}: a partial line {r}"
            rows.append(dict(zip(head, r)))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "an entry written twice (same id)"
    keys = [(r["target"], r["date"], r["by"], r["value"]) for r in rows]
    assert len(keys) == len(set(keys)), "an entry written twice (same figure)"
    got = run_here(["validate", "--data", str(data)])
    assert got.returncode == 0, got.stdout + got.stderr
    return rows


# -- SIGKILL at random moments -------------------------------------------------------------


def sigkill_add_progress(data: Path, tmp: Path, rounds: int, seed: int) -> None:
    """add-progress killed at a random instant of its run (the first, whole run times it),
    round after round; what said "recorded" stays."""
    rng = random.Random(seed)
    acknowledged: list[str] = []
    whole = 0.3
    for i in range(rounds):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd("add-progress", "hogs", f"{i + 1}千", "--add", "--date", "2022-03-31", "--force", "--yes",
                                 "--by", f"k{i}", "--data", str(data)),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        if i % 3:  # every third round runs to its end
            time.sleep(rng.uniform(0.5, 1.05) * whole)  # start-up is most of a run: kill late in it
            p.send_signal(signal.SIGKILL)
        out, err = p.communicate(timeout=30)
        if i % 3 == 0:
            whole = time.monotonic() - t0
        no_crash(out, err)
        if p.returncode == 0:
            acknowledged += [w for w in out.split() if w[:8].isdigit() and "-" in w]
    assert acknowledged, "no round ran to its end"
    ids = {r["id"] for r in check_ledger(data)}
    assert set(acknowledged) <= ids


def sigkill_import(data: Path, tmp: Path, rounds: int, rows: int, seed: int) -> int:
    """import killed while it writes (a few milliseconds after its first month file appears,
    so between or inside the appends of its five files), then run again: every row once,
    none twice. Returns how many kills left the sheet partly written."""
    rng = random.Random(seed)
    partial = 0
    for k in range(rounds):
        d = tmp / f"kill{k}"
        shutil.copytree(data, d)
        s = sheet(tmp / f"kill{k}.csv", rows, start=k)
        p = subprocess.Popen(cmd("import", str(s), "--data", str(d)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=_env())
        deadline = time.monotonic() + 20
        while p.poll() is None and not any((d / "progress").glob("2022-*/*.csv")) and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.004))
        p.send_signal(signal.SIGKILL)
        out, err = p.communicate(timeout=30)
        no_crash(out, err)
        before = {(r["target"], r["date"]) for r in check_ledger(d)}
        assert before <= sheet_rows(s)
        partial += 0 < len(before) < rows
        again = run_here(["import", str(s), "--data", str(d)])
        assert again.returncode == 0, again.stdout + again.stderr
        after = {(r["target"], r["date"]) for r in check_ledger(d) if r["date"].startswith("2022-")}
        assert after == sheet_rows(s)
        assert len(check_ledger(d)) == rows  # each sheet row once
    assert partial, "no kill landed while the import was writing"  # ~9 in 10 do
    return partial


# -- concurrent writers and importers ----------------------------------------------------------------


def concurrent_importers(data: Path, tmp: Path, procs: int, rounds: int, rows: int) -> None:
    """N processes import one sheet (three month files) at once: each row is written once,
    whoever wins each file."""
    for k in range(rounds):
        d = tmp / f"race{k}"
        shutil.copytree(data, d)
        s = sheet(tmp / f"race{k}.csv", rows, start=10 * k)
        ps = [subprocess.Popen(cmd("import", str(s), "--data", str(d)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=_env()) for _ in range(procs)]
        outs = [p.communicate(timeout=60) for p in ps]
        for p, (out, err) in zip(ps, outs):
            no_crash(out, err)
            assert p.returncode == 0, out + err
        assert len(check_ledger(d)) == rows
        # each month file is decided under its own lock: the winners' counts add up to the sheet
        assert sum(int(o.split()[1]) for o, _ in outs if o.startswith("imported ")) == rows, outs


def concurrent_mixed(data: Path, tmp: Path, importers: int, writers: int, entries: int) -> None:
    """Importers of different sheets and add-progress writers on one department's file at once."""
    sheets = [sheet(tmp / f"mix{i}.csv", 4, start=8 * (i + 1)) for i in range(importers)]
    acknowledged: list[str] = []
    lock = threading.Lock()
    failures: list[str] = []

    def writer(w: int) -> None:
        for e in range(entries):
            got = run(["add-progress", "village-income", f"{w * 10 + e + 1}", "--add", "--date", "2022-09-30", "--force",
                       "--yes", "--by", f"w{w}", "--data", str(data)], timeout=60)
            with lock:
                if got.returncode == 0:
                    acknowledged.extend(x for x in got.stdout.split() if x[:8].isdigit() and "-" in x)
                else:
                    failures.append(got.stdout + got.stderr)

    def importer(s: Path) -> None:
        got = run(["import", str(s), "--data", str(data)], timeout=60)
        with lock:
            if got.returncode != 0:
                failures.append(got.stdout + got.stderr)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    threads += [threading.Thread(target=importer, args=(s,)) for s in sheets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    rows = check_ledger(data)
    assert set(acknowledged) <= {r["id"] for r in rows} and len(acknowledged) == writers * entries
    want = set().union(*(sheet_rows(s) for s in sheets))
    assert want <= {(r["target"], r["date"]) for r in rows}
    assert len(rows) == writers * entries + 4 * importers


def concurrent_corrections(data: Path, tmp: Path, procs: int, rounds: int) -> None:
    """N processes correct (or withdraw) one entry at once: one lands, the others are refused
    (``entry-already-replaced``, decided under the lock), and no entry is replaced twice."""
    for k in range(rounds):
        d = tmp / f"fix{k}"
        shutil.copytree(data, d)
        first = run_here(["add-progress", "farmland", "1万亩", "--date", "2022-06-10", "--data", str(d)])
        assert first.returncode == 0, first.stderr
        eid = first.stdout.split()[1]
        argv = [["correct", eid, f"1.{i + 1}万亩"] if k % 2 == 0 else ["correct", "--withdraw", eid, "--reason", f"r{i}"]
                for i in range(procs)]
        ps = [subprocess.Popen(cmd(*a, "--data", str(d)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=_env()) for a in argv]
        outs = [p.communicate(timeout=60) for p in ps]
        for out, err in outs:
            no_crash(out, err)
        assert sorted(p.returncode for p in ps) == [0] + [1] * (procs - 1), outs
        assert sum("entry-already-replaced" in err for _o, err in outs) == procs - 1, outs
        rows = check_ledger(d)
        assert [r["replaces"] for r in rows].count(eid) == 1


# -- full and read-only disks (a small tmpfs) -------------------------------------------------------------


def mount_reason() -> str | None:
    """Why a tmpfs cannot be mounted here, or None."""
    if not sys.platform.startswith("linux"):
        return "tmpfs scenarios need Linux"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root to mount a small tmpfs"
    if shutil.which("mount") is None:
        return "no mount command"
    return None


@contextmanager
def tmpfs(where: Path, size: str = "256k") -> Iterator[Path]:
    reason = mount_reason()
    if reason:
        pytest.skip(reason)
    where.mkdir()
    got = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    if got.returncode != 0:
        pytest.skip(f"mount refused: {got.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(mnt: Path, leave: int = 0) -> Path:
    """Fill the disk up, then give back ``leave`` bytes (room for a few files, not all)."""
    filler = mnt / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 512) > 0:
            pass
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        if leave:
            os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave))
        os.close(fd)
    return filler


def _ledger_bytes(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted((data / "progress").rglob("*")) if p.is_file()
            and ".locks" not in p.parts}


def full_disk_add_progress(data: Path, tmp: Path, size: str) -> None:
    """The disk fills up: refused writes leave every byte; after freeing space they go through."""
    with tmpfs(tmp / "small", size) as mnt:
        d = mnt / "data"
        shutil.copytree(data, d)
        ok = run_here(["add-progress", "farmland", "1.6万亩", "--date", "2022-06-02", "--data", str(d)])
        assert ok.returncode == 0, ok.stderr
        before = _ledger_bytes(d)
        filler = fill(mnt)
        for i in range(3):
            got = run(["add-progress", "farmland", f"2.{i}万亩", "--date", f"2022-06-1{i}", "--note", "进展" * 1500,
                       "--data", str(d)])
            no_crash(got.stdout, got.stderr)
            assert got.returncode == 1, got.stdout + got.stderr
            assert OWNER_FILE in got.stderr and ("write-failed" in got.stderr or "unwritable-file" in got.stderr)
            assert _ledger_bytes(d) == before
        filler.unlink()
        again = run_here(["add-progress", "farmland", "2.5万亩", "--date", "2022-06-20", "--data", str(d)])
        assert again.returncode == 0, again.stderr
        ids = {r["id"] for r in check_ledger(d)}
        assert again.stdout.split()[1] in ids and ok.stdout.split()[1] in ids


def full_disk_import(data: Path, tmp: Path, size: str, rows: int, leave: int = 0) -> None:
    """A sheet bigger than the free space: the refused file keeps its bytes, the months written
    before it are said to be; imported whole, nothing twice, once there is room."""
    with tmpfs(tmp / "small", size) as mnt:
        d = mnt / "data"
        shutil.copytree(data, d)
        assert run_here(FIRST + ["--data", str(d)]).returncode == 0
        before = _ledger_bytes(d)
        s = sheet(tmp / "big.csv", rows, note="进展情况说明" * 60)
        filler = fill(mnt, leave)
        got = run(["import", str(s), "--data", str(d)])
        no_crash(got.stdout, got.stderr)
        assert got.returncode == 1, got.stdout + got.stderr
        assert "write-failed" in got.stderr or "unwritable-file" in got.stderr, got.stderr
        after = _ledger_bytes(d)  # a file per month: the months before the full one may have landed
        grown = [f for f in after if after[f] != before.get(f, b"")]
        assert all(after[f].startswith(before.get(f, b"")) for f in grown)  # appended, never rewritten
        landed = {(r["target"], r["date"]) for r in check_ledger(d) if r["target"] != "village-income"}
        assert landed <= sheet_rows(s) and bool(grown) == bool(landed)
        assert ("written before this" in got.stderr) == bool(landed), got.stderr  # said so
        filler.unlink()
        again = run_here(["import", str(s), "--data", str(d)])
        assert again.returncode == 0, again.stdout + again.stderr
        assert len(check_ledger(d)) == rows + 1


def full_disk_new_month(data: Path, tmp: Path, size: str) -> None:
    """A new month's file on a full disk: no file and no folder left behind."""
    with tmpfs(tmp / "small", size) as mnt:
        d = mnt / "data"
        shutil.copytree(data, d)
        assert run_here(FIRST + ["--data", str(d)]).returncode == 0
        fill(mnt)
        got = run(["add-progress", "farmland", "2万亩", "--date", "2022-07-31", "--note", "进展" * 1500, "--data", str(d)])
        no_crash(got.stdout, got.stderr)
        assert got.returncode == 1, got.stdout + got.stderr
        assert "2022-07" in got.stderr
        assert not (d / "progress" / "2022-07").exists()
        (mnt / "filler").unlink()
        check_ledger(d)


def full_disk_outputs(data: Path, tmp: Path, size: str) -> None:
    """Reports written to a full disk: a located refusal, no traceback (a zip half-closed by a
    failed write used to print one), no partial or temporary file left."""
    with tmpfs(tmp / "small", size) as mnt:
        fill(mnt)
        for args in (["status", "--as-of", "2022-06-30", "-f", "csv", "-o", str(mnt / "s.csv")],
                     ["bulletin", "--period", "2022-06", "-f", "xlsx", "-o", str(mnt / "b.xlsx")],
                     ["bulletin", "--period", "2022-06", "-f", "docx", "-o", str(mnt / "b.docx")],
                     ["template", "--owner", "区农业农村局", "--period", "2022-06", "-o", str(mnt / "t.xlsx")]):
            got = run([*args, "--data", str(data)])
            no_crash(got.stdout, got.stderr)
            assert "Exception ignored" not in got.stderr, got.stderr
            assert got.returncode == 1, got.stdout + got.stderr
            assert "output-unwritable" in got.stderr and Path(args[-1]).name in got.stderr, got.stderr
        assert sorted(p.name for p in mnt.iterdir()) == ["filler"]


@contextmanager
def read_only(data: Path, tmp: Path) -> Iterator[Path]:
    with tmpfs(tmp / "ro") as mnt:
        d = mnt / "data"
        shutil.copytree(data, d)
        assert run_here(FIRST + ["--data", str(d)]).returncode == 0
        got = subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True, text=True)
        if got.returncode != 0:
            pytest.skip(f"remount read-only refused: {got.stderr.strip()}")
        yield d


def read_only_add_progress(data: Path, tmp: Path) -> None:
    with read_only(data, tmp) as d:
        before = _ledger_bytes(d)
        for day in ("2022-06-30", "2022-07-31"):  # an existing file, a new month
            got = run(["add-progress", "farmland", "2万亩", "--date", day, "--data", str(d)])
            no_crash(got.stdout, got.stderr)
            assert got.returncode == 1, got.stdout + got.stderr
            assert OWNER_FILE in got.stderr and "EROFS" in got.stderr, got.stderr
        assert _ledger_bytes(d) == before
        check_ledger(d)


def read_only_import(data: Path, tmp: Path) -> None:
    with read_only(data, tmp) as d:
        before = _ledger_bytes(d)
        got = run(["import", str(sheet(tmp / "ro.csv", 4, start=30)), "--data", str(d)])
        no_crash(got.stdout, got.stderr)
        assert got.returncode == 1, got.stdout + got.stderr
        assert OWNER_FILE in got.stderr and "EROFS" in got.stderr, got.stderr
        assert _ledger_bytes(d) == before
        check_ledger(d)


def read_only_validate_and_status(data: Path, tmp: Path) -> None:
    """Reading needs no write: validate, status and a report to stdout work on a read-only disk."""
    with read_only(data, tmp) as d:
        for args in (["validate"], ["status", "--as-of", "2022-06-30"], ["bulletin", "--as-of", "2022-06-30"]):
            got = run([*args, "--data", str(d)])
            no_crash(got.stdout, got.stderr)
            assert got.returncode == 0, got.stdout + got.stderr
        out = run(["status", "--as-of", "2022-06-30", "-o", str(d / "status.csv"), "--data", str(d)])
        no_crash(out.stdout, out.stderr)
        assert out.returncode == 1 and "status.csv" in out.stderr, out.stdout + out.stderr


SCENARIOS: dict[str, Callable[..., None]] = {f.__name__: f for f in (
    sigkill_add_progress, sigkill_import, concurrent_importers, concurrent_mixed, concurrent_corrections, full_disk_add_progress,
    full_disk_import, full_disk_new_month, full_disk_outputs, read_only_add_progress, read_only_import, read_only_validate_and_status)}


def run_scenario(spec: dict[str, Any], data: Path, tmp: Path) -> None:
    """Run the scenario a corpus file names, with its parameters."""
    params = dict(spec)
    SCENARIOS[params.pop("scenario")](data, tmp, **params)
