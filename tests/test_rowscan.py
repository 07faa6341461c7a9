"""The compiled row scanner (``worktargets._rowscan``) gives exactly what the pure-Python
reader gives: the same aggregates (Decimal values with their exponents, stages, counts,
keys), the same problems at the same lines, the same corrections — on ledgers written to
be awkward: every spelling of a value, signed zeros, huge numbers, quotes in odd places,
bare carriage returns, blank and ragged rows, duplicate ids, GBK files."""

from __future__ import annotations

import csv
import io
import random
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worktargets import ledger
from worktargets.catalogue import load_catalogue

from conftest import MINI_CATALOGUE, REPORT

try:
    from worktargets import _rowscan as rowscan
except ImportError:  # pragma: no cover
    if shutil.which("gcc") or shutil.which("cc"):
        # a compiler is here, so the install should have built the extension: a silent
        # fallback to the pure path would hide a 4x slower ledger read
        raise
    pytest.skip("the C extension is not built here (no C compiler)", allow_module_level=True)

HEADER = ["id", "date", "target", "value", "unit", "basis", "stage", "by", "note", "source", "replaces"]
TARGETS = ["farmland", "hogs", "output", "invest-growth", "reservoir", "village-income", "grants", "grants-projects"]

ids = st.sampled_from(["", "", "", "a1", "a2", "a3", " a1", "a2 ", "甲1", "a\u3000", "x-9"])
dates = st.sampled_from(
    ["2022-06-30", "2022-01-01", "2022-12-31", "2022-03-15", "2022-03-15", "2022-6-30", "2022/06/30", "2021-06-30",
     "2022-02-29", "2022-13-01", "", " 2022-06-30", "2022-06-30 00:00:00", "20220630", "2022-04-31", "２０２２-06-30"])
targets = st.sampled_from(TARGETS * 3 + [" hogs", "nope", "", "HOGS"])
suffixes = st.sampled_from(
    ["", "", "", "万", "亿", "万亩", "亩", "元", "亿元", "万元", "%", "头", "万头", "公里", "米", "x", "万 ", " 万",
     "，", "千万元", "万亿元", "百", "％"])
units = st.sampled_from(["", "", "", "万亩", "亩", "万元", "亿元", " 万亩", "头", "%", "公里", "元", "万头", "x"])
bases = st.sampled_from(["", "", "total", "add", "增量", "ADD", "Add", " add", "x", "累计", "Total"])
stages = st.sampled_from(["", "", "", "未启动", "已验收", "已申请验收", "bad", " 已验收"])
notes = st.sampled_from(["", "", "a,b", 'say "hi"', "two\nlines", "cr\rhere", "x\r\ny", "进展顺利", "'=1+1"])


@st.composite
def numbers(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(["-0", "-0.00", "+0", "0.00", "1e5", "1_000", "１２", "5.", ".5", "+.5", "-.25",
                                     "1,000", "NaN", "Infinity", "", " 12", "12 ", "--1", "0x10"]))
    sign = draw(st.sampled_from(["", "", "", "-", "+"]))
    whole = draw(st.one_of(st.integers(0, 999), st.integers(0, 10**25))) * 10 ** draw(st.sampled_from([0, 0, 1, 4, 5, 9]))
    digits = str(whole).zfill(draw(st.integers(0, 4)))
    frac = draw(st.sampled_from(["", "", "", "5", "25", "50", "125", "000", "0001", "9999999999999999"]))
    return sign + digits + ("." + frac if frac else "")


@st.composite
def rows(draw: st.DrawFn) -> list[str]:
    value = draw(numbers()) + draw(suffixes)
    row = [draw(ids), draw(dates), draw(targets), value, draw(units), draw(bases), draw(stages), "某局",
           draw(notes), "", ""]
    if draw(st.integers(0, 9)) == 0:
        row[3] = ""  # milestones have no value
    if draw(st.integers(0, 9)) == 0:
        row[10] = draw(st.sampled_from(["a1", "a2", "2022-06/f0.csv:2", "nope", " a3 ", "甲1", "a\u3000", '"q"']))
    shape = draw(st.integers(0, 19))
    if shape == 0:
        row = row + [""]  # a trailing empty column
    elif shape == 1:
        row = row[:-2]  # too few
    elif shape == 2:
        row = row + ["extra"]  # too many
    elif shape == 3:
        row = ["", "", "", "", "", "", "", "", "", "", ""]
    return row


def _text(rws: list[list[str]], style: int, crlf: bool) -> str:
    end = "\r\n" if crlf else "\n"
    if style == 2:  # no quoting at all: quotes and line breaks land raw in the text
        body = end.join(",".join(r) for r in rws)
        return ",".join(HEADER) + end + body + (end if rws else "")
    out = io.StringIO()
    w = csv.writer(out, lineterminator=end, quoting=csv.QUOTE_ALL if style == 1 else csv.QUOTE_MINIMAL)
    w.writerow(HEADER)
    for r in rws:
        w.writerow(r)
    return out.getvalue()


files = st.lists(
    st.tuples(st.lists(rows(), max_size=25), st.integers(0, 6), st.booleans(), st.integers(0, 9)),
    min_size=1, max_size=4)


def _write(data: Path, spec: list[tuple[list[list[str]], int, bool, int]]) -> None:
    prog = data / "progress"
    if prog.exists():
        for f in sorted(prog.rglob("*"), reverse=True):
            f.unlink() if f.is_file() else f.rmdir()
    (prog / "2022-06").mkdir(parents=True)
    for n, (rws, style, crlf, extra) in enumerate(spec):
        text = _text(rws, style if style <= 2 else 0, crlf)
        if extra == 0:
            text = text.replace("\n", "\n\n", 3)  # blank lines
        elif extra == 1:
            text += "   \n,,,\n"
        elif extra == 2:
            text = text.rstrip("\r\n")  # no final line end
        elif extra == 3:
            text += '"unterminated,2022-06-30,hogs\n'
        path = prog / "2022-06" / f"f{n}.csv"
        if extra == 4:
            path.write_bytes(text.encode("gb18030", errors="replace"))
        else:
            path.write_text(text, encoding="utf-8", newline="")


def _snap(p: ledger.Progress, seqs: bool) -> dict:
    """The state; with ``seqs`` False only the dates of the keys (a two-process read numbers
    the second half's rows from 2**40 on)."""
    def key(k):  # type: ignore[no-untyped-def]
        return k if seqs or k is None else k[0]

    return {
        t: (repr(tp.total), key(tp.total_key), sorted((d, repr(v)) for d, v in tp.incs.items()), tp.stage,
            key(tp.stage_key), tp.count, tp.last_date, repr(tp.actual()))
        for t, tp in p.targets.items()
    }


def _run(data: Path, as_of: date | None, pure: bool, jobs: str, monkeypatch: pytest.MonkeyPatch):
    cat, problems = load_catalogue(data)
    assert cat is not None, problems
    monkeypatch.setenv("WORKTARGETS_PURE", "1" if pure else "0")
    monkeypatch.setenv("WORKTARGETS_JOBS", jobs)
    monkeypatch.delenv("WORKTARGETS_FAST", raising=False)
    prog, scan = ledger.load_progress(cat, data, as_of)
    probs = [(p.code, p.path, p.line, p.field, sorted(p.params.items())) for p in scan.problems]
    return _snap(prog, jobs == "1"), probs, scan.rows, scan.files, scan.corrections


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("rowscan")
    (data / "targets.yaml").write_text(MINI_CATALOGUE, encoding="utf-8")
    (data / "report.txt").write_text(REPORT, encoding="utf-8")
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(spec=files, as_of=st.sampled_from([None, date(2022, 6, 30), date(2022, 3, 15), date(2031, 1, 1)]))
def test_compiled_equals_pure(data_dir: Path, spec, as_of, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(data_dir, spec)
    pure = _run(data_dir, as_of, True, "1", monkeypatch)
    compiled = _run(data_dir, as_of, False, "1", monkeypatch)
    assert compiled == pure


def _entries(data: Path, only: set[str] | None, check: bool, pure: bool, monkeypatch: pytest.MonkeyPatch):
    """What a read of a few targets into a whole-entry sink gives (add-progress, show)."""
    monkeypatch.setenv("WORKTARGETS_PURE", "1" if pure else "0")
    cat, _ = load_catalogue(data)
    sink = ledger.History()
    scan = ledger.read_ledger(cat, data, sink, only=only, check=check)
    entries = {t: [repr(e) for e in es] for t, es in sink.entries.items()}
    probs = [(p.code, p.path, p.line, p.field, sorted(p.params.items())) for p in scan.problems]
    return entries, probs, scan.rows, scan.corrections, {k.name: v for k, v in scan.file_targets.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(spec=files, only=st.sampled_from([None, None, {"hogs"}, {"farmland", "reservoir"}, {"nope"}, set(TARGETS)]),
       check=st.booleans())
def test_compiled_filter_equals_pure(data_dir: Path, spec, only, check, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole entries (reports, show): with ``only`` (add-progress reads its owner's files
    so) the scanner skips the other targets' rows and hands the rest to the Python
    reader; without, it passes the usual rows to ``sink.add`` itself."""
    _write(data_dir, spec)
    assert _entries(data_dir, only, check, False, monkeypatch) == _entries(data_dir, only, check, True, monkeypatch)


def _rows_to_python(monkeypatch: pytest.MonkeyPatch, suffix: str = "") -> list[int]:
    """The lines of the rows the Python reader judges from now on (of files ending in
    ``suffix``): the rows the scanner handed over, or every row on the pure path."""
    calls: list[int] = []
    real = ledger._Reader.row

    def spy(self, r, path, rel, line):  # type: ignore[no-untyped-def]
        if rel.endswith(suffix):
            calls.append(line)
        return real(self, r, path, rel, line)

    monkeypatch.setattr(ledger._Reader, "row", spy)
    return calls


def _timelines(data: Path, as_of: date | None, pure: bool, monkeypatch: pytest.MonkeyPatch):
    """What the reports read: every target's timeline (the scanner folds days in C)."""
    monkeypatch.setenv("WORKTARGETS_PURE", "1" if pure else "0")
    monkeypatch.setenv("WORKTARGETS_JOBS", "1")
    cat, _ = load_catalogue(data)
    timelines, scan = ledger.load_timelines(cat, data, as_of)
    probs = [(p.code, p.path, p.line, p.field, sorted(p.params.items())) for p in scan.problems]
    return {t: repr(tl) for t, tl in timelines.items()}, probs, scan.rows, scan.corrections


def _timelines_of_entries(data: Path, as_of: date | None, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The same from whole entries (the pure path): Timeline.of_entries over load_history."""
    monkeypatch.setenv("WORKTARGETS_PURE", "1")
    cat, _ = load_catalogue(data)
    history, _scan = ledger.load_history(cat, data, as_of)
    return {t: repr(ledger.Timeline.of_entries(es)) for t, es in history.entries.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(spec=files, as_of=st.sampled_from([None, date(2022, 6, 30), date(2022, 3, 15)]))
def test_compiled_timelines_equal_pure(data_dir: Path, spec, as_of, monkeypatch: pytest.MonkeyPatch) -> None:
    """Days folded in C (and merged with the rows the Python reader took, on the same
    target and day) give the timelines the pure path gives, and those of whole entries."""
    _write(data_dir, spec)
    pure = _timelines(data_dir, as_of, True, monkeypatch)
    compiled = _timelines(data_dir, as_of, False, monkeypatch)
    assert compiled == pure
    assert compiled[0] == _timelines_of_entries(data_dir, as_of, monkeypatch)


def test_a_day_of_rows_in_both_readers(make_data, monkeypatch: pytest.MonkeyPatch) -> None:
    """One target, one day: rows the scanner takes, rows it hands to Python (a value with a
    thousands separator; the tenth of ten 18-digit increments, whose day sum would overflow
    64 bits), a YAML file: one day of the timeline, the same in both paths."""
    data = make_data({
        "2022-06/a.csv": "id,date,target,value,basis\n"
                         "a1,2022-06-10,hogs,2万,add\n"
                         "a2,2022-06-10,hogs,\"1,000\",add\n"
                         "a3,2022-06-10,hogs,3万,add\n"
                         + "".join(f"b{i},2022-06-11,hogs,999999999.999999999万,add\n" for i in range(10))
                         + "a6,2022-06-12,hogs,40万,total\n"
                         "a7,2022-06-12,hogs,1万,add\n"
                         "a8,2022-06-13,hogs,\"5\",add\n",
        "2022-06/b.yaml": "- {id: y1, date: 2022-06-10, target: hogs, value: 10, basis: add}\n"
                          "- {id: y2, date: 2022-06-12, target: hogs, value: 39万, basis: total}\n",
    })
    pure = _timelines(data, None, True, monkeypatch)
    calls = _rows_to_python(monkeypatch, ".csv")
    compiled = _timelines(data, None, False, monkeypatch)
    assert calls == [3, 14]  # 1,000, and the increment whose day sum is too big for C, went to Python
    assert compiled == pure and not pure[1]
    assert compiled[0] == _timelines_of_entries(data, None, monkeypatch)
    cat, _ = load_catalogue(data)
    tl = ledger.load_timelines(cat, data)[0]["hogs"]
    assert tl.dates == [date(2022, 6, d) for d in (10, 11, 12, 13)]
    assert tl.counts == [4, 14, 17, 18]
    assert tl.actuals[0] == ledger.Decimal("5.101")  # 2万 + 1000 + 3万 + 10 heads, in 万头
    assert repr(tl.actuals[1]) == "Decimal('10000000005.100999990')"  # beyond 64 bits: summed in Python
    assert tl.actuals[2] == ledger.Decimal(39)  # the day's last total (a6 before y2), its increments in it
    assert tl.actuals[3] == ledger.Decimal("39.0005")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_timelines_folded_in_c_equal_pure(make_data, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean rows only (totals, increments and stages mixed, many a day), so that every
    target's timeline is folded in C, not handed back as days."""
    r = random.Random(seed)
    lines = ["id,date,target,value,basis,stage"]
    for i in range(600):
        tid = r.choice(["farmland", "hogs", "output", "invest-growth", "reservoir", "grants"])
        day = f"2022-0{r.randint(1, 3)}-{r.randint(1, 9):02d}"
        if tid == "reservoir":
            lines.append(f"s{i},{day},{tid},,,{r.choice(['未启动', '已申请验收', '已验收'])}")
            continue
        value = r.choice(["0", "1", "2.5", "0.25", "10", "3.75", "100.125"])
        if tid == "invest-growth":
            sign = r.choice(["", "-"]) if value != "0" else ""  # (a signed zero is Python's business)
            lines.append(f"g{i},{day},{tid},{sign}{value}%,,")
        else:
            lines.append(f"v{i},{day},{tid},{value}{r.choice(['', '万'])},{r.choice(['total', 'add', 'add'])},")
    data = make_data({"2022-03/a.csv": "\n".join(lines) + "\n"})
    calls = _rows_to_python(monkeypatch)
    for as_of in (None, date(2022, 2, 5)):
        compiled = _timelines(data, as_of, False, monkeypatch)
        assert calls == []
        assert compiled == _timelines(data, as_of, True, monkeypatch)
        assert compiled[0] == _timelines_of_entries(data, as_of, monkeypatch)
        calls.clear()


def test_timeline_sums_beyond_64_bits(make_data, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve 18-digit increments on twelve days: every day fits the scanner, their running
    sum does not from the tenth on; that target's days are folded in Python, exactly."""
    data = make_data({"2022-06/a.csv": "id,date,target,value,basis\n" + "".join(
        f"b{i},2022-06-{i + 1:02d},hogs,999999999.999999999万,add\n" for i in range(12))
        + "c1,2022-06-05,farmland,1万亩,add\n"})
    calls = _rows_to_python(monkeypatch)
    compiled = _timelines(data, None, False, monkeypatch)
    assert calls == []  # every row through the scanner
    assert compiled == _timelines(data, None, True, monkeypatch)
    cat, _ = load_catalogue(data)
    tl = ledger.load_timelines(cat, data)[0]["hogs"]
    assert repr(tl.actuals[-1]) == "Decimal('11999999999.999999988')"


def _big_ledger(data: Path, seed: int) -> None:
    """Many good rows of every usual spelling, a few bad ones, corrections."""
    r = random.Random(seed)
    prog = data / "progress"
    for month in range(1, 13):
        (prog / f"2022-{month:02d}").mkdir(parents=True, exist_ok=True)
        for dept in range(3):
            rws = []
            for i in range(300):
                tid = r.choice(TARGETS)
                day = f"2022-{month:02d}-{r.randint(1, 28):02d}"
                eid = f"e{month}-{dept}-{i}" if r.random() < 0.7 else ""
                if tid == "reservoir":
                    rws.append([eid, day, tid, "", "", "", r.choice(["未启动", "已申请验收", "已验收"]), "", "", "", ""])
                    continue
                v = r.choice([str(r.randint(0, 900)), f"{r.randint(0, 9999)}.{r.randint(0, 99):02d}"])
                suffix = r.choice({"farmland": ["", "万", "万亩", "亩"], "hogs": ["", "万头", "头", "万"],
                                   "invest-growth": ["", "%"]}.get(tid, ["", "万元", "亿元", "亿", "元"]))
                basis = "" if tid == "invest-growth" else r.choice(["", "add", "增量", "total"])
                sign = "-" if tid == "invest-growth" and r.random() < 0.3 else ""
                note = r.choice(["", "推进中", "完成,待验收", '"一期"完工', "跨\n行"])
                rep = ""
                if r.random() < 0.01 and month > 1:
                    rep = f"e{month - 1}-{dept}-{r.randint(0, 299)}"
                rws.append([eid, day, tid, sign + v + suffix, "", basis, "", "某局", note, "月报", rep])
            if dept == 2 and month == 5:
                rws.append(["dup", "2022-05-01", "hogs", "1", "", "", "", "", "", "", ""])
                rws.append(["dup", "2022-05-02", "hogs", "2", "", "", "", "", "", "", ""])
                rws.append(["", "2022-05-02", "hogs", "abc", "", "", "", "", "", "", ""])
            out = io.StringIO()
            csv.writer(out, lineterminator="\n" if dept else "\r\n").writerows([HEADER, *rws])
            (prog / f"2022-{month:02d}" / f"dept{dept}.csv").write_text(out.getvalue(), encoding="utf-8", newline="")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_compiled_equals_pure_on_a_big_ledger(make_data, jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data()
    _big_ledger(data, 7)
    for as_of in (None, date(2022, 7, 31)):
        pure = _run(data, as_of, True, jobs, monkeypatch)
        compiled = _run(data, as_of, False, jobs, monkeypatch)
        assert compiled == pure
    if jobs == "1":  # the reports' read (one process)
        for as_of in (None, date(2022, 7, 31)):
            compiled_tl = _timelines(data, as_of, False, monkeypatch)
            assert compiled_tl == _timelines(data, as_of, True, monkeypatch)
            assert compiled_tl[0] == _timelines_of_entries(data, as_of, monkeypatch)
        assert compiled[2] > 10000
        assert any(p[0] == "duplicate-entry-id" for p in compiled[1])


def test_scanner_is_used_by_default(make_data, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled path really runs (so the equality tests compare two different paths)."""
    data = make_data()
    (data / "progress" / "2022-06").mkdir()
    (data / "progress" / "2022-06" / "a.csv").write_text(
        "id,date,target,value\nr1,2022-06-01,hogs,2.5万\nr2,2022-06-02,hogs,bad\n", encoding="utf-8")
    monkeypatch.delenv("WORKTARGETS_PURE", raising=False)
    cat, _ = load_catalogue(data)
    calls: list[int] = []
    real = ledger._Reader.row

    def spy(self, r, path, rel, line):  # type: ignore[no-untyped-def]
        calls.append(line)
        return real(self, r, path, rel, line)

    monkeypatch.setattr(ledger._Reader, "row", spy)
    prog, scan = ledger.load_progress(cat, data, None)
    assert calls == [3]  # only the bad row went through Python
    assert prog.targets["hogs"].actual() == ledger.Decimal("2.5")
    assert [(p.code, p.line) for p in scan.problems] == [("bad-number", 3)]
    calls.clear()
    history, scan = ledger.load_history(cat, data)  # whole entries: the same
    assert calls == [3]
    assert [(e.id, e.value, e.line) for e in history.entries["hogs"]] == [("r1", ledger.Decimal("2.5"), 2)]


NUMERIC = ["farmland", "hogs", "output", "invest-growth", "village-income", "grants", "grants-projects"]


@st.composite
def clean_rows(draw: st.DrawFn) -> list[list[str]]:
    """One usual row per numeric target (a total, or one or two increments), so that each
    value shows in the result with its exponent, plus a milestone stage."""
    out = []
    for n, tid in enumerate(NUMERIC):
        basis = draw(st.sampled_from(["", "total", "add", "增量"]))
        for k in range(1 if basis in ("", "total") else draw(st.integers(1, 2))):
            value = draw(numbers()) + draw(suffixes)
            out.append([f"v{n}-{k}", f"2022-0{k + 1}-1{n}", tid, value, draw(units), basis, "", "", "", "", ""])
    out.append(["m1", "2022-05-05", "reservoir", "", "", "", draw(stages), "", "", "", ""])
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(rws=clean_rows())
def test_compiled_values_equal_pure(data_dir: Path, rws: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    _write(data_dir, [(rws, 0, False, 9)])
    pure = _run(data_dir, None, True, "1", monkeypatch)
    compiled = _run(data_dir, None, False, "1", monkeypatch)
    assert compiled == pure


GRID_NUMBERS = [
    "0", "00", "0.0", "0.00", "+0", "-0", "-0.0", "1", "7", "10", "100", "300000", "3000000000", "36000", "30000",
    "12.5", "12.50", "0.5", ".5", "-.5", "+3", "-3", "-300000", "007", "007.50", "1.0000", "123456789012345",
    "999999999999999", "1000000000000000", "0.00000000000000000001", "0.000000000000000000001", "99999999999999999",
    "12345678901234567.5", "1.2345678901234567890", "5.", "1e5", "1_000", "1,000", "１２", "--1", "",
]
GRID_SUFFIXES = ["", "万", "亿", "千", "万亿", "十万", "亩", "万亩", "元", "万元", "亿元", "头", "万头", "%", "公里",
                 "米", "x", " 万", "万 ", "％"]
GRID_UNITS = ["", "万亩", "亩", "万元", "亿元", "元", "万头", "%", " 万元", "公里"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compiled_values_equal_pure_grid(data_dir: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every spelling as an increment on a day of its own, so each value's Decimal (its
    exponent too) is in the result: plain numbers, magnitudes, unit columns, the base-unit
    division, signed zeros, the size limits."""
    r = random.Random(seed)
    rws = []
    start = date(2022, 1, 1).toordinal()
    for n, tid in enumerate(NUMERIC):
        for day in range(360):
            value = r.choice(GRID_NUMBERS) + r.choice(GRID_SUFFIXES)
            unit = r.choice(GRID_UNITS) if r.random() < 0.4 else ""
            rws.append([f"g{n}-{day}", date.fromordinal(start + day).isoformat(), tid, value, unit, "add", "", "", "",
                        "", ""])
    _write(data_dir, [(rws, 0, False, 9)])
    pure = _run(data_dir, None, True, "1", monkeypatch)
    compiled = _run(data_dir, None, False, "1", monkeypatch)
    assert compiled == pure
    assert sum(len(v[2]) for v in pure[0].values()) > 600  # about a third of the spellings are values
    # the same values as whole entries (the scanner calls the sink's add), and as timelines
    assert _entries(data_dir, None, True, False, monkeypatch) == _entries(data_dir, None, True, True, monkeypatch)
    assert _timelines(data_dir, None, False, monkeypatch) == _timelines(data_dir, None, True, monkeypatch)


@pytest.mark.parametrize("pure", ["1", "0"])
def test_correction_in_a_row_with_an_extra_empty_column(make_data, pure: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line ends in a comma, the correction's too (an empty column after replaces):
    the replaced entry is still left out, and no unknown-replaces is reported."""
    data = make_data()
    (data / "progress" / "2022-06").mkdir()
    (data / "progress" / "2022-06" / "a.csv").write_text(
        ",".join(HEADER) + "\n"
        + ",".join(["r1", "2022-06-01", "hogs", "2万", "", "", "", "", "", "", ""]) + "\n"
        + ",".join(["r2", "2022-06-02", "hogs", "3万", "", "", "", "", "", "", "r1", ""]) + "\n", encoding="utf-8")
    monkeypatch.setenv("WORKTARGETS_PURE", pure)
    cat, _ = load_catalogue(data)
    prog, scan = ledger.load_progress(cat, data, None)
    assert scan.problems == []
    assert prog.targets["hogs"].actual() == ledger.Decimal(3)
    assert prog.targets["hogs"].count == 1


@settings(max_examples=3000, deadline=None)
@given(st.binary(max_size=24) | st.text(max_size=12).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_utf8_check_agrees_with_python(data: bytes) -> None:
    """The scanner takes bytes as UTF-8 only when Python's strict decoder would (and no NUL)."""
    try:
        data.decode("utf-8")
        expected = b"\x00" not in data
    except UnicodeDecodeError:
        expected = False
    assert rowscan.utf8_check(data) is expected
    assert rowscan.utf8_check(b"abcdefgh" * 3 + data) is expected  # the 8-byte ASCII stride too


def test_readers_are_freed(make_data, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner refers to its reader; after a read neither stays alive (a leak here would
    keep a 64 MB id table per read of a big ledger)."""
    import gc
    import weakref

    data = make_data()
    (data / "progress" / "2022-06").mkdir()
    (data / "progress" / "2022-06" / "a.csv").write_text("id,date,target,value\nr1,2022-06-01,hogs,2万\n",
                                                       encoding="utf-8")
    monkeypatch.setenv("WORKTARGETS_PURE", "0")
    cat, _ = load_catalogue(data)
    refs = []
    real = ledger._Reader.__init__

    def spy(self, *args, **kw):  # type: ignore[no-untyped-def]
        real(self, *args, **kw)
        refs.append(weakref.ref(self))

    monkeypatch.setattr(ledger._Reader, "__init__", spy)
    gc.disable()  # only reference counting may free them
    try:
        ledger.load_progress(cat, data, None)
        assert refs and all(r() is None for r in refs)
    finally:
        gc.enable()


@pytest.mark.parametrize("pure", ["1", "0"])
def test_duplicate_id_across_the_two_halves(make_data, pure: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An id in the first and in the last file: the two-process read sees it in both halves
    and reads again in one process, so the duplicate is reported where one pass reports it."""
    data = make_data()
    _big_ledger(data, 3)
    first = data / "progress" / "2022-01" / "dept0.csv"
    last = data / "progress" / "2022-12" / "dept2.csv"
    first.write_text(first.read_text(encoding="utf-8") + "same-id,2022-01-05,hogs,1万,,,,,,,\n", encoding="utf-8")
    last.write_text(last.read_text(encoding="utf-8") + "same-id,2022-12-05,hogs,2万,,,,,,,\n", encoding="utf-8")
    one = _run(data, None, pure == "1", "1", monkeypatch)
    results = []
    real = ledger._read_parallel

    def spy(*args, **kw):  # type: ignore[no-untyped-def]
        results.append(real(*args, **kw))
        return results[-1]

    monkeypatch.setattr(ledger, "_read_parallel", spy)
    two = _run(data, None, pure == "1", "2", monkeypatch)
    assert results and results[0] is None  # the halves shared an id: read again in one process
    dup = [p for p in two[1] if p[0] == "duplicate-entry-id" and "same-id" in str(p[4])]
    assert len(dup) == 1 and dup[0][1].endswith("dept2.csv")
    assert two[1:] == one[1:]
    assert {t: v[5] for t, v in two[0].items()} == {t: v[5] for t, v in one[0].items()}  # counts


@pytest.mark.parametrize("pure", ["1", "0"])
def test_a_bad_correction_removes_nothing(make_data, pure: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A correction row that is itself bad (reported) does not take its entry out: the
    pre-scan names r1, but only good corrections replace entries, in status and in reports."""
    data = make_data()
    (data / "progress" / "2022-06").mkdir()
    (data / "progress" / "2022-06" / "a.csv").write_text(
        ",".join(HEADER) + "\n"
        + ",".join(["r1", "2022-06-01", "hogs", "2万", "", "", "", "", "", "", ""]) + "\n"
        + ",".join(["r2", "2022-06-02", "hogs", "abc", "", "", "", "", "", "", "r1"]) + "\n", encoding="utf-8")
    monkeypatch.setenv("WORKTARGETS_PURE", pure)
    cat, _ = load_catalogue(data)
    prog, scan = ledger.load_progress(cat, data, None)
    assert [p.code for p in scan.problems] == ["bad-number"]
    assert prog.targets["hogs"].actual() == ledger.Decimal(2)
    history, scan = ledger.load_history(cat, data)
    assert [e.id for e in history.entries["hogs"]] == ["r1"]
