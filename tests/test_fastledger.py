"""The polars path (fastledger) gives exactly what the row loop gives: the same Decimals
(value and exponent), stages, counts, dates, problems and corrections."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("polars")

from worktargets import fastledger, ledger  # noqa: E402
from worktargets.catalogue import load_catalogue  # noqa: E402

from conftest import MINI_CATALOGUE, REPORT  # noqa: E402

HEADER = "id,date,target,value,unit,basis,stage,by,note,source,replaces"
# (target, spellings of a value given as a number in the target's unit)
SPELL = {
    "farmland": lambda r, v: r.choice([f"{v}万亩", f"{v}万", f"{(v * 10000).normalize():f}", f"{v}"]),
    "hogs": lambda r, v: r.choice([f"{v}万头", f"{v}万", f"{(v * 10000).normalize():f}头"]),
    "output": lambda r, v: r.choice([f"{v}亿元", f"{v}亿", f"{(v * 10000).normalize():f}万元", f"{v}"]),
    "invest-growth": lambda r, v: r.choice([f"{v}%", f"{v}", f"-{v}"]),
}


def _row(r: random.Random, i: int, day: date, ids: bool) -> list[str]:
    tid = r.choice(list(SPELL) + ["reservoir"])
    eid = f"x{i}" if ids and r.random() < 0.8 else ""
    if tid == "reservoir":
        return [eid, day.isoformat(), tid, "", "", "", r.choice(["未启动", "已申请验收", "已验收"]), "", "", "", ""]
    v = r.choice([r.randint(0, 500), r.randint(0, 99999) / 100]) * (1 if r.random() < 0.9 else 1000)
    from decimal import Decimal

    v = Decimal(str(v))
    unit = ""
    if tid == "farmland" and r.random() < 0.2:
        value, unit = f"{v}", r.choice(["万亩", "亩"])
    else:
        value = SPELL[tid](r, v)
    basis = r.choice(["", "total", "add", "增量", "累计"]) if tid != "invest-growth" else ""
    note = r.choice(["", "按月调度,进展顺利", '完成"一期"工程'])
    return [eid, day.isoformat(), tid, value, unit, basis, "", "某局", note, "月报", ""]


def _csv(rows: list[list[str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER.split(","))
    w.writerows(rows)
    return out.getvalue()


def _ledger(tmp_path: Path, seed: int) -> Path:
    r = random.Random(seed)
    data = tmp_path / f"d{seed}"
    (data / "progress").mkdir(parents=True)
    (data / "targets.yaml").write_text(MINI_CATALOGUE, encoding="utf-8")
    (data / "report.txt").write_text(REPORT, encoding="utf-8")
    i = 0
    ids: list[tuple[str, str, str]] = []  # (id or path:line, target, file)
    for month in range(1, 13):
        folder = data / "progress" / f"2022-{month:02d}"
        folder.mkdir()
        for k in range(2):
            rows = []
            for _ in range(r.randint(5, 40)):
                i += 1
                day = date(2022, month, 1) + timedelta(days=r.randint(0, 27))
                if rows and r.random() < 0.2:
                    day = date.fromisoformat(rows[-1][1])  # same-day ties
                row = _row(r, i, day, ids=True)
                rows.append(row)
            name = f"dept{k}.csv"
            for n, row in enumerate(rows):
                if row[2] != "reservoir":
                    ids.append((row[0] or f"2022-{month:02d}/{name}:{n + 2}", row[2], name))
            # corrections of earlier entries (explicit ids and path:line ids), and unknown ones
            if month > 2 and r.random() < 0.6:
                rep, tid, _f = r.choice(ids[:-len(rows) or None])
                i += 1
                rows.append([f"c{i}", date(2022, month, 2).isoformat(), tid, "1.5" if tid != "invest-growth" else "3",
                             "", "", "", "", "更正", "", rep])
                if r.random() < 0.2:
                    rows.append([f"c{i}b", date(2022, month, 3).isoformat(), "hogs", "2万", "", "", "", "", "", "",
                                 "no-such-id"])
            text = _csv(rows)
            if r.random() < 0.15:
                (folder / name).write_bytes(text.encode("gb18030"))  # GBK: the row loop
            elif r.random() < 0.1:
                (folder / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
            else:
                (folder / name).write_text(text, encoding="utf-8")
    return data


def _bad_files(data: Path, r: random.Random) -> None:
    """A few files with problems the row loop must report."""
    p = data / "progress" / "2022-07"
    (p / "bad.csv").write_text(_csv([
        ["b1", "2022-07-40", "farmland", "1万亩", "", "", "", "", "", "", ""],
        ["b2", "2022-07-03", "nope", "1", "", "", "", "", "", "", ""],
        ["b3", "2022-07-03", "hogs", "-5", "", "", "", "", "", "", ""],
        ["b4", "2022-07-03", "hogs", "5公里", "", "", "", "", "", "", ""],
        ["b5", "2022/7/3", "hogs", "5万", "", "", "", "", "", "", ""],
        ["b6", "2022-07-03", " hogs", "6万", "", "", "", "", "", "", ""],
    ]), encoding="utf-8")
    (p / "blank.csv").write_text(HEADER + "\n\nx1b,2022-07-05,hogs,1万,,,,,,,\n", encoding="utf-8")
    (p / "quoted.csv").write_text(HEADER + '\nq1,2022-07-05,hogs,1万,,,,,"two\nlines",,\n', encoding="utf-8")


def _snap(p: ledger.Progress) -> dict:
    return {
        t: (repr(tp.total), tp.total_key and tp.total_key[0], {d: repr(v) for d, v in tp.incs.items()},
            tp.stage, tp.stage_key and tp.stage_key[0], tp.count, tp.last_date, repr(tp.actual()))
        for t, tp in p.targets.items()
    }


def _both(data: Path, as_of: date | None, monkeypatch: pytest.MonkeyPatch):
    cat, problems = load_catalogue(data)
    assert cat is not None, problems
    out = []
    for flag in ("1", "0"):
        monkeypatch.setenv("WORKTARGETS_FAST", flag)
        monkeypatch.setenv("WORKTARGETS_JOBS", "1")
        prog, scan = ledger.load_progress(cat, data, as_of)
        out.append((_snap(prog), scan.problems, scan.rows, scan.files, scan.corrections))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_fast_equals_row_loop(tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _ledger(tmp_path, seed)
    if seed % 2:
        _bad_files(data, random.Random(seed))
    cat, _ = load_catalogue(data)
    assert fastledger.load_progress_fast(cat, data, None, ledger.ledger_files(data)) is not None
    for as_of in (date(2022, 3, 31), date(2022, 8, 15), None):
        fast, slow = _both(data, as_of, monkeypatch)
        assert fast[0] == slow[0]
        assert fast[1:] == slow[1:]


def test_fast_path_takes_the_usual_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _ledger(tmp_path, 5)
    cat, _ = load_catalogue(data)
    files = ledger.ledger_files(data)
    f = fastledger._Fast(cat, data, None, files)
    taken = [f._raw_frame(p) is not None for p in files]
    assert sum(taken) >= len(files) // 2  # UTF-8 files (with or without BOM/CRLF) go fast


def test_duplicate_ids_fall_back_to_the_row_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _ledger(tmp_path, 6)
    shutil.copy(data / "progress" / "2022-03" / "dept0.csv", data / "progress" / "2022-09" / "copy.csv")
    fast, slow = _both(data, None, monkeypatch)
    assert fast == slow
    assert any(p.code == "duplicate-entry-id" for p in fast[1])


def test_small_ledgers_do_not_import_polars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKTARGETS_FAST", raising=False)
    data = _ledger(tmp_path, 7)
    assert not fastledger.wanted(ledger.ledger_files(data))  # off by default
    monkeypatch.setenv("WORKTARGETS_FAST", "auto")
    assert not fastledger.wanted(ledger.ledger_files(data))  # auto: only big ledgers
    monkeypatch.setenv("WORKTARGETS_FAST", "1")
    assert fastledger.wanted(ledger.ledger_files(data))
    monkeypatch.setenv("WORKTARGETS_FAST", "0")
    assert not fastledger.wanted(ledger.ledger_files(data))
