#!/usr/bin/env python3
"""Benchmark worktargets against ledger-cli and hledger on the same synthetic entries.

A script that prints figures, not a test. It

1. generates a deterministic dataset: N targets (万元/亿元/万亩/个/% and milestones) and
   M entries, one CSV file per department per month under ``progress/YYYY-MM/<dept>.csv``,
   with mixed magnitudes ("2.1万", "1.2亿元", bare base units, a unit column), year-to-date
   totals and increments, quoted notes with commas, and a few corrections (``replaces``);
2. writes the same entries as a ledger-cli/hledger journal, one transaction per entry and
   an account per target. A year-to-date total T is journaled as the change it makes to
   the target's running actual (T minus the actual before it), an increment as itself, an
   increment that a same-day total already includes, and a replaced entry, as 0. So the
   balance of ``targets:<id>`` is the target's actual by worktargets' rule ("latest total
   plus the increments dated after it"), and milestones post their stage index to
   ``stages:<id>``;
3. for each shape (``--shape totals|increments|mixed|all``: every figure a year-to-date
   total, every figure an increment, or 40 % increments), times ``worktargets status
   --format json``, ``worktargets validate`` (cold: an empty cache each run) and
   ``ledger balance`` / ``hledger balance`` (when installed) on the same entries, each
   ``--repeat`` times (at least 3 is sensible) in interleaved rounds (A B C D A B C D …),
   printing the median, the spread (min–max) and the peak memory of each, and the ratios
   of the medians;
4. checks that worktargets' actual per target equals ledger-cli's (and hledger's) balance,
   and equals the generator's own expectation;
5. times the warm re-run: ``status`` with the ledger cache filled, unchanged and after one
   month's file changed (and checks its output equals a run without the cache);
6. for the first shape, times ``worktargets --help``, ``status`` on the shipped data, the
   report commands over the big ledger and ``add-progress`` into it;
7. a peak-memory run of cold ``status`` and ``validate`` at ``--memory-entries`` (default
   3 × ``--entries``; shape ``--memory-shape``, default increments).

    .venv/bin/python bench/bench.py                      # 5,000 targets x 1,000,000 entries, 3 shapes
    .venv/bin/python bench/bench.py --small              # 50 x 5,000, for CI (seconds)
    .venv/bin/python bench/bench.py --shape increments --targets 500 --entries 100000 --repeat 5
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import (Timing, bytecode_state, has_command, interleaved, machine, report, run_once,  # noqa: E402
                     timed, worktargets_cmd)
YEAR = 2022
AS_OF = f"{YEAR}-12-31"
STAGES = ("未启动", "前期工作", "推进中", "已完成")
DEPTS = (
    "区发展和改革局", "区农业农村局", "区经济和信息化局", "区交通运输局", "区住房和城乡建设局",
    "区水利局", "区商务局", "区财政局", "区文化广播电视和旅游局", "区教育科技局",
    "区卫生健康局", "区自然资源局", "区生态环境局", "区民政局", "区人力资源和社会保障局",
    "区应急管理局", "区市场监督管理局", "区林业局", "区乡村振兴局", "巴州工业园区管委会",
)
# (unit, kind, decimals of the generated value in the target's unit)
UNIT_KINDS = (
    ("万元", "amount", 2), ("亿元", "amount", 2), ("万亩", "amount", 2), ("个", "amount", 0),
    ("万元", "level", 2), ("%", "growth", 1),
)
NOTES = (
    "按月调度,进展顺利", "完成\"一期\"工程,二期启动", "受雨季影响,略有滞后", "已开工,正在推进",
    "资金到位,项目开工", "", "", "统计口径:年初至今",
)


# -- the dataset -------------------------------------------------------------------------


@dataclass
class Tgt:
    id: str
    unit: str | None
    kind: str
    decimals: int
    dept: str
    goal: int  # in hundredths (or tenths, or units) of the target's unit


@dataclass
class Dataset:
    data: Path
    journal: Path
    targets: list[Tgt]
    entries: int
    files: int
    expected: dict[str, Decimal] = field(default_factory=dict)  # actual per target (in its unit)
    expected_stage: dict[str, int] = field(default_factory=dict)


def _fmt(units: int, decimals: int) -> Decimal:
    return Decimal(units).scaleb(-decimals)


def _written(rng: random.Random, t: Tgt, v: Decimal) -> tuple[str, str]:
    """(value cell, unit cell) writing ``v`` (in the target's unit) in one of the usual ways."""
    s = format(v, "f")
    r = rng.random()
    if t.unit == "%":
        return (s + "%", "") if r < 0.5 else (s, "")
    if t.unit == "个":
        return (s + "个", "") if r < 0.3 else (s, "")
    base = t.unit[1:]  # 元, 亩
    mag = Decimal(10) ** (4 if t.unit[0] == "万" else 8)
    if r < 0.35:  # "2.1万" / "1.2亿" (magnitude only) or with the unit
        return (s + t.unit[0], "") if r < 0.2 else (s + t.unit, "")
    if r < 0.55:  # bare number in the base unit: "36000" against 万亩 is 36000亩
        return format((v * mag).normalize(), "f"), ""
    if r < 0.7:  # bare number with the unit column
        return s, t.unit
    if r < 0.85 and base == "元":  # the other money magnitude
        if t.unit == "万元":
            return format((v / 10000).normalize(), "f") + "亿元", ""
        return format((v * 10000).normalize(), "f") + "万元", ""
    return s + t.unit, ""


SHAPES = ("mixed", "totals", "increments")


def generate(root: Path, n_targets: int, n_entries: int, seed: int = 20220101, shape: str = "mixed") -> Dataset:
    """Write targets.yaml, report.txt, progress/YYYY-MM/<dept>.csv and bench.journal under root.

    ``shape``: ``mixed`` (amounts filed 40 % as increments, the rest year-to-date totals),
    ``totals`` (every figure a year-to-date total) or ``increments`` (every figure an
    increment, as many departments file them)."""
    add_share = {"mixed": 0.4, "totals": 0.0, "increments": 1.0}[shape]
    rng = random.Random(seed)
    data = root / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "progress").mkdir(parents=True)
    depts = list(DEPTS[: max(1, min(len(DEPTS), n_targets // 3 or 1))])
    targets: list[Tgt] = []
    for i in range(n_targets):
        tid = f"t{i:05d}"
        dept = depts[i % len(depts)]
        if i % 50 == 49:
            targets.append(Tgt(tid, None, "milestone", 0, dept, 0))
            continue
        unit, kind, dec = UNIT_KINDS[i % len(UNIT_KINDS)]
        goal = rng.randint(50, 5000) * 10**dec if unit != "%" else rng.randint(30, 150)
        targets.append(Tgt(tid, unit, kind, dec, dept, goal))

    # catalogue and report text
    lines = ["plan:", "  title: 基准测试计划（合成数据）", "  region: 基准区", f"  year: {YEAR}",
             "  source_file: report.txt", "targets:"]
    report = []
    for t in targets:
        source = f"{t.id}号任务"
        report.append(source + "。")
        lines += [f"  - id: {t.id}", f"    title: 合成任务{t.id}", f"    section: 第{int(t.id[1:]) % 7 + 1}部分",
                  f"    source: {source}", f"    kind: {t.kind}", f"    owner: {t.dept}"]
        if t.kind != "milestone":
            lines.append(f"    target: {format(_fmt(t.goal, t.decimals), 'f')}{t.unit}")
    (data / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "report.txt").write_text("".join(report) + "\n", encoding="utf-8")

    # entries per target: sorted days; totals and increments for amounts, totals for
    # levels and rates, stages for milestones
    counts = [n_entries // n_targets] * n_targets
    for i in range(n_entries - sum(counts)):
        counts[i] += 1
    per_target: dict[str, list[list]] = {}
    for t, c in zip(targets, counts):
        days = sorted(rng.randint(1, 365) for _ in range(c))
        seq = []
        run = 0
        stage = 0
        for k, doy in enumerate(days):
            if t.kind == "milestone":
                if stage < len(STAGES) - 1 and rng.random() < 0.05:
                    stage += 1
                item = ["stage", stage]
            elif (t.kind == "amount" or add_share == 1.0) and rng.random() < add_share:
                step = rng.randint(0, max(1, t.goal // max(1, c // 2)))
                item = ["add", step]
            elif t.unit == "%":
                item = ["total", rng.randint(-50, 200)]
            else:
                run += rng.randint(0, max(1, t.goal // max(1, c // 2)))
                item = ["total", run]
            item.append(doy)
            seq.append(item)
        per_target[t.id] = seq

    from datetime import date, timedelta

    start = date(YEAR, 1, 1)
    eid = 0
    entries_by_file: dict[tuple[int, str], list[list]] = {}
    for t in targets:
        for item in per_target[t.id]:
            d = start + timedelta(days=item[2] - 1)
            item.append(d)
            item.append(t)
            entries_by_file.setdefault((d.month, t.dept), []).append(item)

    # a few corrections: a later month's file replaces an earlier total of the same target
    n_corr = max(1, n_entries // 20000)
    corr_pool = [t for t in targets if t.kind == "amount" and t.unit != "%"]
    corrections: list[tuple[Tgt, list]] = []
    for _ in range(n_corr):
        t = rng.choice(corr_pool)
        totals = [it for it in per_target[t.id] if it[0] == "total" and it[3].month < 12]
        if not totals:
            continue
        victim = rng.choice(totals)
        if len(victim) > 5:
            continue  # already replaced
        victim.append("replaced")
        corrections.append((t, victim))

    # write the files in read order (month folder, department name), assigning ids and the
    # read sequence, then work out each entry's effect in (date, read order) order
    seqno = 0
    header = ["id", "date", "target", "value", "unit", "basis", "stage", "by", "note", "source", "replaces"]
    n_files = 0
    order: dict[str, list[tuple]] = {t.id: [] for t in targets}  # tid -> (date, seq, basis, value, skip, eid)
    corr_by_month: dict[tuple[int, str], list[tuple[Tgt, list]]] = {}
    for t, victim in corrections:
        month = min(12, victim[3].month + 1 + rng.randint(0, 1))
        corr_by_month.setdefault((month, t.dept), []).append((t, victim))
    for month in range(1, 13):
        folder = data / "progress" / f"{YEAR}-{month:02d}"
        for dept in sorted(depts):
            items = entries_by_file.get((month, dept), [])
            corr = corr_by_month.get((month, dept), [])
            if not items and not corr:
                continue
            items.sort(key=lambda it: (it[3], it[4].id))
            folder.mkdir(exist_ok=True)
            n_files += 1
            with open(folder / f"{dept}.csv", "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(header)
                rows = [(it, None) for it in items] + [(None, c) for c in corr]
                for it, c in rows:
                    seqno += 1
                    eid += 1
                    if c is not None:  # a correction of an earlier total
                        t, victim = c
                        basis, units, d = "total", int(victim[1]) + rng.randint(0, 5), victim[3]
                        ident = f"e{eid:07d}"
                        replaces = victim[6]
                        order[t.id].append((d, seqno, basis, units, False))
                    else:
                        basis, units, _doy, d, t = it[:5]
                        # every entry has an id except one in ten (auto id path:line)
                        ident = f"e{eid:07d}" if (eid % 10 or len(it) > 5) else ""
                        replaces = ""
                        it.append(ident)  # it[6] when replaced (it[5] is the mark), else it[5]
                        order[t.id].append((d, seqno, basis, units, len(it) > 6 and it[5] == "replaced"))
                    if basis == "stage":
                        value, unit, stage = "", "", STAGES[units]
                        btxt = ""
                    else:
                        v = _fmt(units, t.decimals)
                        value, unit = _written(rng, t, v)
                        stage = ""
                        btxt = basis if (basis == "add" or rng.random() < 0.7) else ""
                    w.writerow([ident, d.isoformat(), t.id, value, unit, btxt, stage, dept,
                                rng.choice(NOTES), "统计月报", replaces])

    # the journal, and what the rule expects
    ds = Dataset(data, root / "bench.journal", targets, n_entries + len(corrections), n_files)
    with open(ds.journal, "w", encoding="utf-8") as jf:
        for t in targets:
            run = 0
            last_total_day = None
            acct = f"stages:{t.id}" if t.kind == "milestone" else f"targets:{t.id}"
            for d, _seq, basis, units, skip in sorted(order[t.id], key=lambda x: (x[0], x[1])):
                if skip:
                    delta = 0
                elif basis == "add":
                    delta = units if (last_total_day is None or d > last_total_day) else 0
                else:  # a total (or a stage): the new running value
                    delta = units - run
                    last_total_day = d
                run += delta
                amount = format(_fmt(delta, t.decimals), "f")
                jf.write(f"{d.isoformat()} {t.id} {basis}\n    {acct}  {amount}\n    filings\n\n")
            if t.kind == "milestone":
                if order[t.id]:
                    ds.expected_stage[t.id] = run
            elif order[t.id]:
                ds.expected[t.id] = _fmt(run, t.decimals)
    return ds


# -- comparing totals --------------------------------------------------------------------


def parse_balance(text: str) -> dict[str, Decimal]:
    """account -> amount from ``balance --flat --no-total`` output (no commodity)."""
    out: dict[str, Decimal] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and ":" in parts[1]:
            try:
                out[parts[1]] = Decimal(parts[0].replace(",", ""))
            except ArithmeticError:
                pass
    return out


def check_totals(ds: Dataset, status_json: str, balances: dict[str, dict[str, Decimal]]) -> bool:
    """worktargets' actual per target == the generator's expectation == each tool's balance."""
    doc = json.loads(status_json, parse_float=Decimal)
    got: dict[str, Decimal] = {}
    got_stage: dict[str, int] = {}
    for row in doc["targets"]:
        if row["kind"] == "milestone":
            if row["stage"] is not None:
                got_stage[row["id"]] = STAGES.index(row["stage"])
        elif row["actual"] is not None:
            got[row["id"]] = Decimal(row["actual"])
    ok = True
    bad = [tid for tid in ds.expected if got.get(tid) != ds.expected[tid]]
    bad += [tid for tid in ds.expected_stage if got_stage.get(tid) != ds.expected_stage[tid]]
    extra = (set(got) - set(ds.expected)) | (set(got_stage) - set(ds.expected_stage))
    n = len(ds.expected) + len(ds.expected_stage)
    print(f"  worktargets vs generator: {n - len(bad)}/{n} targets equal" + (f", {len(extra)} unexpected" if extra else ""))
    ok &= not bad and not extra
    for tool, bal in balances.items():
        mism = 0
        for tid, v in ds.expected.items():
            if bal.get(f"targets:{tid}", Decimal(0)) != got.get(tid):
                mism += 1
        for tid, s in ds.expected_stage.items():
            if bal.get(f"stages:{tid}", Decimal(0)) != got_stage.get(tid):
                mism += 1
        print(f"  worktargets vs {tool}: {n - mism}/{n} targets equal")
        ok &= mism == 0
    if bad[:3]:
        for tid in bad[:3]:
            print(f"    e.g. {tid}: worktargets {got.get(tid, got_stage.get(tid))}, expected "
                  f"{ds.expected.get(tid, ds.expected_stage.get(tid))}")
    return ok


def _cold_env(env: dict[str, str], work: Path):
    """(env, before): each run starts with an empty cache folder (a cold run)."""
    cold = work / "cache-cold"
    cenv = dict(env, WORKTARGETS_CACHE=str(cold))

    def before(name: str) -> None:
        shutil.rmtree(cold, ignore_errors=True)

    return cenv, before


def _change_one_file(ds: Dataset, n: int, value: bool = False) -> None:
    """Change one month's file: the last row's note, so its content (not its figures)
    differs; ``value``: its figure too (its number's last digit), so its target's total moves."""
    files = sorted((ds.data / "progress").rglob("*.csv"))
    target = files[len(files) // 2]
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = next(csv.reader([lines[-1]]))
    cells[8] = f"基准测试修改{n}"
    if value:
        cells[3] = re.sub(r"\d(?=\D*$)", str(n % 10), cells[3], count=1)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    lines[-1] = out.getvalue()
    target.write_text("".join(lines), encoding="utf-8")


def bench_shape(shape: str, args: argparse.Namespace, work: Path, env: dict[str, str], first: bool) -> bool:
    """Cold and warm figures of one shape beside ledger-cli and hledger; True when all agree."""
    wt = worktargets_cmd()
    t0 = time.perf_counter()
    ds = generate(work / shape, args.targets, args.entries, shape=shape)
    print(f"\n== shape {shape}: {len(ds.targets)} targets, {ds.entries} entries in {ds.files} files "
          f"({sum(f.stat().st_size for f in (ds.data / 'progress').rglob('*.csv')) / 1e6:.1f} MB CSV, "
          f"journal {ds.journal.stat().st_size / 1e6:.1f} MB), generated in {time.perf_counter() - t0:.1f} s")
    data = ["--data", str(ds.data)]
    cenv, before = _cold_env(env, work)
    cmds = [("worktargets status --format json", wt + ["status", "--format", "json", "--as-of", AS_OF] + data, {"env": cenv}),
            ("worktargets validate", wt + ["validate"] + data, {"env": cenv})]
    for tool in ("ledger", "hledger"):
        if args.no_external or shutil.which(tool) is None:
            print(f"  {tool + ' balance':<44} skipped ({'--no-external' if args.no_external else 'not installed'})")
            continue
        cmds.append((f"{tool} balance", [tool, "-f", str(ds.journal), "balance", "--flat", "--no-total"], {}))
    print(f"cold runs, interleaved ({args.repeat} rounds; median, min–max wall; peak RSS of the largest process; "
          "peaks of its processes added up):")
    timings = interleaved(cmds, args.repeat, before)
    status, validate, externals = timings[0], timings[1], timings[2:]
    ok = all(r.rc == 0 for t in timings for r in t.runs)
    if validate.runs[0].rc != 0:
        print(validate.runs[0].out[-2000:])
    if externals:
        print("ratios of medians (tool ÷ worktargets; higher is better for worktargets):")
        for t in externals:
            for w in (status, validate):
                print(f"  {t.name} ÷ {w.name:<34} {t.median / w.median:6.1f}×")
    print("totals:")
    ok &= check_totals(ds, status.runs[0].out, {t.name.split()[0]: parse_balance(t.runs[0].out) for t in externals})

    warm = work / "cache-warm"
    shutil.rmtree(warm, ignore_errors=True)
    wenv = dict(env, WORKTARGETS_CACHE=str(warm))
    status_cmd = cmds[0][1]
    run_once(status_cmd, env=wenv)  # fills the cache
    time.sleep(2.1)  # the cache trusts a file's size and times only once they are 2 s old
    run_once(status_cmd, env=wenv)
    print("warm runs (the cache filled by a cold run):")
    same = timed("status, nothing changed", status_cmd, args.repeat, env=wenv)
    rounds = iter(range(1, 1000))
    changed = Timing("status, one month's file changed", [])
    for _ in range(max(1, args.repeat)):
        _change_one_file(ds, next(rounds))
        changed.runs.append(run_once(status_cmd, env=wenv))
    report(changed)
    off = run_once(status_cmd, env=dict(env, WORKTARGETS_CACHE="off"))
    identical = changed.runs[-1].out == off.out
    print(f"  warm output after the change equals the output without a cache: {identical}")
    ok &= identical and all(r.rc == 0 for t in (same, changed) for r in t.runs)
    moved = Timing("status, one month's file changed, a value too", [])
    for _ in range(max(1, args.repeat)):
        _change_one_file(ds, next(rounds), value=True)
        moved.runs.append(run_once(status_cmd, env=wenv))
    report(moved)
    off = run_once(status_cmd, env=dict(env, WORKTARGETS_CACHE="off"))
    identical = moved.runs[-1].out == off.out
    print(f"  warm output after the value changed equals the output without a cache: {identical}")
    ok &= identical and all(r.rc == 0 for r in moved.runs)

    if first:
        print("start-up:")
        timed("worktargets --help", wt + ["--help"], args.startup_rounds, env=env)
        timed("worktargets status (shipped data)", wt + ["status", "--data", str(ROOT / "data")], args.startup_rounds,
              env=env)
        timed("worktargets status --format json (shipped)", wt + ["status", "--format", "json", "--data",
              str(ROOT / "data")], args.startup_rounds, env=env)
    if first and not args.no_reports:
        print("reports over the same ledger (as of mid-year):")
        mid = ["--as-of", f"{YEAR}-06-30"]
        reports = [timed(f"worktargets {name} --format json", wt + [name, "--format", "json"] + mid + data,
                         args.repeat, env=env) for name in ("gaps", "overdue", "forecast", "owners", "snails")]
        reports.append(timed("worktargets bulletin --format json",
                             wt + ["bulletin", "--period", f"{YEAR}-06", "--format", "json"] + data, args.repeat,
                             env=env))
        ok &= all(r.rc == 0 for t in reports for r in t.runs)
    if first and has_command("add-progress"):
        print("add-progress:")
        tgt = next(t for t in ds.targets if t.kind == "amount" and t.unit == "万元")
        cmd = wt + ["add-progress", tgt.id, "1.5万", "--add", "--date", f"{YEAR}-12-31", "--by", "基准测试",
                    "--yes", "--force", "--data", str(ds.data)]
        t = timed(f"add-progress into the {ds.entries}-entry ledger", cmd, args.repeat, env=env)
        ok &= t.runs[0].rc == 0
    if not args.keep:
        shutil.rmtree(work / shape, ignore_errors=True)
    return ok


def bench_memory(shape: str, entries: int, args: argparse.Namespace, work: Path, env: dict[str, str]) -> bool:
    """Peak memory of cold status and validate over a big ledger of one shape."""
    wt = worktargets_cmd()
    ds = generate(work / f"mem-{shape}", args.targets, entries, shape=shape)
    print(f"\n== memory, shape {shape}: {len(ds.targets)} targets, {ds.entries} entries in {ds.files} files")
    data = ["--data", str(ds.data)]
    cenv, before = _cold_env(env, work)
    cmds = [("worktargets status --format json", wt + ["status", "--format", "json", "--as-of", AS_OF] + data,
             {"env": cenv, "pss": True}), ("worktargets validate", wt + ["validate"] + data, {"env": cenv, "pss": True})]
    timings = interleaved(cmds, 1, before)
    shutil.rmtree(work / f"mem-{shape}", ignore_errors=True)
    return all(r.rc == 0 for t in timings for r in t.runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shape", choices=(*SHAPES, "all"), default="all", help="the ledger's shape (default: all three)")
    ap.add_argument("--targets", type=int, default=5000)
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="rounds of each timed command (median and spread)")
    ap.add_argument("--startup-rounds", type=int, default=5, help="rounds of each start-up command (default: 5)")
    ap.add_argument("--memory-entries", type=int, help="the peak-memory run's size (default: 3 x --entries; 0: none)")
    ap.add_argument("--memory-shape", choices=(*SHAPES, "all"), default="increments",
                    help="the peak-memory run's shape (default: increments, the most filing days)")
    ap.add_argument("--small", action="store_true", help="CI size: 50 targets x 5,000 entries, no memory run")
    ap.add_argument("--no-external", action="store_true", help="skip ledger-cli and hledger")
    ap.add_argument("--no-reports", action="store_true", help="skip the report commands (gaps, overdue, ...)")
    ap.add_argument("--workdir", type=Path, help="where to write the datasets (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated datasets")
    args = ap.parse_args(argv)
    if args.small:
        args.targets, args.entries, args.memory_entries = 50, 5000, 0
    if args.memory_entries is None:
        args.memory_entries = 3 * args.entries
    work = args.workdir or Path(tempfile.mkdtemp(prefix="worktargets-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    ok = True
    try:
        print(f"machine: {machine()}")
        print(f"bytecode: {bytecode_state()}")
        shapes = SHAPES if args.shape == "all" else (args.shape,)
        for i, shape in enumerate(shapes):
            ok &= bench_shape(shape, args, work, env, first=i == 0)
        if args.memory_entries:
            for shape in SHAPES if args.memory_shape == "all" else (args.memory_shape,):
                ok &= bench_memory(shape, args.memory_entries, args, work, env)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"\ndatasets kept in {work}")
    print("\nresult: " + ("totals equal, exit codes 0" if ok else "MISMATCH or failure (see above)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
