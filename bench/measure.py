"""Measuring commands for bench.py: wall time and peak memory of a process tree, runs
interleaved, medians and spreads. A helper of the benchmark script, not a test."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# -- measuring ---------------------------------------------------------------------------


def _tree_hwm_kb(pid: int, seen: dict[int, int], pss_too: bool = False) -> int:
    """Record the peak resident memory (VmHWM, in KB) of a process and its descendants,
    and with ``pss_too`` return the tree's proportional set size now (Pss: a page that a
    forked child shares with its parent counts half in each, so the sum is what the tree
    holds; reading it walks the process's page tables, so it is sampled only in the
    memory runs, every 50 ms: at every 5 ms it took a core from a 4 GB hledger).
    VmHWM belongs to the program after exec; wait4's ru_maxrss would also count the
    memory of this script, which a forked child inherits."""
    stack = [pid]
    pss = 0
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        seen[p] = max(seen.get(p, 0), int(line.split()[1]))
                        break
            if pss_too:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    for line in fh:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1])
                            break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return pss


@dataclass
class Run:
    wall: float
    maxrss_kb: int  # the peak of the largest single process (sampled VmHWM)
    tree_kb: int  # the peaks of all its processes added up (an upper bound of the tree's peak)
    rc: int
    out: str
    pss_kb: int = 0  # the tree's largest sampled Pss, its processes' at the same moment added up


def run_once(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
             stdin: str | None = None, pss: bool = False) -> Run:
    out_f = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out_f, stderr=subprocess.STDOUT,
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
    seen: dict[int, int] = {}
    got = [0]
    done = threading.Event()

    def sample() -> None:  # the tree's Pss (memory runs only)
        while not done.is_set():
            got[0] = max(got[0], _tree_hwm_kb(proc.pid, seen, True))
            done.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    if pss:
        th.start()
    if stdin is not None:
        proc.stdin.write(stdin.encode())  # type: ignore[union-attr]
        proc.stdin.close()  # type: ignore[union-attr]
    while proc.poll() is None:  # sample until it ends (poll reaps it)
        _tree_hwm_kb(proc.pid, seen)
        time.sleep(0.005)
    wall = time.perf_counter() - t0
    done.set()
    if pss:
        th.join()
    out_f.seek(0)
    out = out_f.read().decode("utf-8", "replace")
    return Run(wall, max(seen.values(), default=0), sum(seen.values()), proc.returncode, out, got[0])


@dataclass
class Timing:
    name: str
    runs: list[Run]

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        return min(r.wall for r in self.runs), max(r.wall for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.maxrss_kb for r in self.runs) / 1024

    @property
    def tree_mb(self) -> float:
        return max(r.tree_kb for r in self.runs) / 1024

    @property
    def pss_mb(self) -> float:
        return max(r.pss_kb for r in self.runs) / 1024


def report(t: Timing) -> None:
    """One line: median wall, spread (min–max), peak memory, runs."""
    bad = [r for r in t.runs if r.rc != 0]
    flag = f"  (exit {bad[0].rc})" if bad else ""
    lo, hi = t.spread
    pss = f"  pss {t.pss_mb:7.1f} MB" if t.pss_mb else ""
    print(f"  {t.name:<44} {t.median:8.3f} s  ({lo:.3f}–{hi:.3f})  {t.rss_mb:7.1f} MB  tree {t.tree_mb:7.1f} MB"
          f"{pss}  [{len(t.runs)} run(s)]{flag}", flush=True)


def timed(name: str, cmd: list[str], repeat: int, **kw) -> Timing:
    t = Timing(name, [run_once(cmd, **kw) for _ in range(max(1, repeat))])
    report(t)
    return t


def interleaved(cmds: list[tuple[str, list[str], dict]], repeat: int, before=None) -> list[Timing]:
    """Each command ``repeat`` times, in turn (A B C A B C …), so that a change in the
    machine's load falls on all of them alike. ``before(name)`` runs before each run."""
    timings = [Timing(name, []) for name, _cmd, _kw in cmds]
    for _ in range(max(1, repeat)):
        for t, (name, cmd, kw) in zip(timings, cmds):
            if before is not None:
                before(name)
            t.runs.append(run_once(cmd, **kw))
    for t in timings:
        report(t)
    return timings


def worktargets_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("worktargets")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "worktargets"]


def has_command(name: str) -> bool:
    probe = subprocess.run(worktargets_cmd() + [name, "--help"], capture_output=True, text=True)
    return probe.returncode == 0


# -- the machine -----------------------------------------------------------------------------


def machine() -> str:
    def sh(cmd: str) -> str:
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    model = sh("lscpu | sed -n 's/^Model name: *//p' | head -1")
    mem = sh("free -g | awk '/Mem:/{print $2}'")
    return f"{sh('nproc')} cores, {model or 'cpu ?'}, {mem or '?'} GiB, Python {sys.version.split()[0]}"


def bytecode_state() -> str:
    """How many of the package's modules have bytecode that matches their source. Where
    PYTHONDONTWRITEBYTECODE is set, a module without it is compiled on every run (the
    README's setup writes it once with compileall): start-up figures depend on this."""
    import importlib.util

    current = total = 0
    for source in sorted((ROOT / "src" / "worktargets").rglob("*.py")):
        total += 1
        cached = Path(importlib.util.cache_from_source(str(source)))
        try:
            header = cached.read_bytes()[:16]
        except OSError:
            continue
        stat = source.stat()
        flags = int.from_bytes(header[4:8], "little")
        if (header[:4] == importlib.util.MAGIC_NUMBER and flags == 0
                and int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
                and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF):
            current += 1
    note = "" if current == total else " (the others are compiled on every run where PYTHONDONTWRITEBYTECODE is set)"
    return f"{current}/{total} modules of src/worktargets with current bytecode{note}"


