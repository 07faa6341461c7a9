"""Timelines (what the reports read): at every day, a target's timeline says what
``load_progress`` says as of that day — on generated ledgers with many entries a day,
totals and increments mixed, stages, negative growth rates and corrections."""

from __future__ import annotations

from decimal import Decimal

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worktargets import ledger
from worktargets.catalogue import load_catalogue
from worktargets.ledger import Timeline, load_history, load_progress, load_timelines

from conftest import MINI_CATALOGUE, REPORT

HEADER = ["id", "date", "target", "value", "unit", "basis", "stage", "by", "note", "source", "replaces"]
FIRST = date(2022, 3, 1)
DAYS = [FIRST + timedelta(days=n) for n in range(6)]  # few days: many entries share one


@st.composite
def entries(draw: st.DrawFn) -> list[list[str]]:
    out: list[list[str]] = []
    for n in range(draw(st.integers(0, 40))):
        tid = draw(st.sampled_from(["farmland", "farmland", "hogs", "invest-growth", "reservoir"]))
        day = draw(st.sampled_from(DAYS)).isoformat()
        eid = f"e{n}"
        replaces = ""
        if out and draw(st.integers(0, 7)) == 0:  # a correction of an earlier entry of the same target
            # an entry that no correction replaces yet (a second correction of it is an error)
            taken = {r[10] for r in out}
            same = [r[0] for r in out if r[2] == tid and not r[10] and r[0] not in taken]
            if same:
                replaces = draw(st.sampled_from(same))
        if tid == "reservoir":
            stage = draw(st.sampled_from(["未启动", "已申请验收", "已验收"]))
            out.append([eid, day, tid, "", "", "", stage, "", "", "", replaces])
            continue
        value = draw(st.sampled_from(["0", "1", "2.5", "0.25", "10", "3.75", "100"]))
        if tid == "invest-growth":
            value = draw(st.sampled_from(["", "-"])) + value + "%"
            basis = ""
        else:
            value += draw(st.sampled_from(["", "万", "万亩" if tid == "farmland" else "万头"]))
            basis = draw(st.sampled_from(["total", "add", "add"]))
        out.append([eid, day, tid, value, "", basis, "", "", "", "", replaces])
    return out


def _write(data: Path, rows: list[list[str]], split: int) -> None:
    """The rows in two CSV files (the second from row ``split``) and, for every fifth
    row, a YAML file instead (the YAML reader is the pure path)."""
    prog = data / "progress"
    for f in sorted(prog.rglob("*"), reverse=True):
        f.unlink() if f.is_file() else f.rmdir()
    (prog / "2022-03").mkdir(parents=True)
    csv_rows = [r for i, r in enumerate(rows) if i % 5 != 4]
    yaml_rows = [r for i, r in enumerate(rows) if i % 5 == 4]
    cut = min(split, len(csv_rows))
    for name, part in (("a.csv", csv_rows[:cut]), ("b.csv", csv_rows[cut:])):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([HEADER, *part])
        (prog / "2022-03" / name).write_text(out.getvalue(), encoding="utf-8")
    if yaml_rows:
        lines = []
        for r in yaml_rows:
            fields = {k: v for k, v in zip(HEADER, r) if v}
            lines.append("- {" + ", ".join(f"{k}: '{v}'" for k, v in fields.items()) + "}")
        (prog / "2022-03" / "c.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("timelines")
    (data / "targets.yaml").write_text(MINI_CATALOGUE, encoding="utf-8")
    (data / "report.txt").write_text(REPORT, encoding="utf-8")
    (data / "progress").mkdir()
    return data


def _state(tp: ledger.TargetProgress | None) -> tuple | None:
    if tp is None:
        return None
    return tp.count, tp.last_date, tp.stage, repr(tp.actual())


# (compiled against interpreted runs of this fold is tests/test_compiled.py's business; the
# WORKTARGETS_PURE switch this test once flipped is gone)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(rows=entries(), split=st.integers(0, 40))
def test_a_timeline_at_any_day_is_load_progress_as_of_that_day(data_dir: Path, rows, split) -> None:
    _write(data_dir, rows, split)
    cat, _ = load_catalogue(data_dir)
    timelines, scan = load_timelines(cat, data_dir)
    assert not scan.problems, scan.problems
    history, _scan = load_history(cat, data_dir)
    assert {t: repr(tl) for t, tl in timelines.items()} == {
        t: repr(Timeline.of_entries(es)) for t, es in history.entries.items()}
    for day in [FIRST - timedelta(days=1), *DAYS, date(2022, 12, 31)]:
        progress, _scan = load_progress(cat, data_dir, day)
        for t in cat.targets:
            timeline = timelines.get(t.id, Timeline())
            assert _state(timeline.at(day)) == _state(progress.targets.get(t.id)), (t.id, day)
        # a read up to the day is the whole timeline cut at the day
        upto, _scan = load_timelines(cat, data_dir, day)
        assert {t: repr(tl) for t, tl in upto.items()} == {
            t: repr(tl.until(day)) for t, tl in timelines.items() if tl.upto(day)}


def test_lookups() -> None:
    d = [date(2022, 3, 1), date(2022, 3, 5), date(2022, 4, 2)]
    tl = Timeline(list(d), [1, 3, 4], [Decimal(1), Decimal(5), None], [None, None, "已验收"])
    assert tl.upto(date(2022, 2, 28)) == 0 and tl.upto(date(2022, 3, 5)) == 2 and tl.upto(date(2023, 1, 1)) == 3
    assert tl.at(date(2022, 2, 28)) is None
    tp = tl.at(date(2022, 3, 31))
    assert (tp.count, tp.last_date, tp.actual(), tp.stage) == (3, d[1], Decimal(5), None)
    assert tl.last_date(date(2022, 3, 4)) == d[0] and tl.last_date(date(2022, 1, 1)) is None
    assert tl.filed(date(2022, 3, 2), date(2022, 3, 5)) and not tl.filed(date(2022, 3, 6), date(2022, 4, 1))
    assert tl.filed(date(2022, 4, 1), date(2022, 4, 30)) and not tl.filed(date(2022, 5, 1), date(2022, 5, 31))
    assert tl.until(date(2022, 3, 5)) == Timeline(d[:2], [1, 3], [Decimal(1), Decimal(5)], [None, None])
    assert tl.until(date(2022, 12, 31)) is tl
    assert len(tl) == 3 and len(Timeline()) == 0
    assert "2022-03-05: 3 Decimal('5') None" in repr(tl)


def test_same_day_rule() -> None:
    """A day's total includes its increments, whatever their order; the later total wins."""
    from worktargets.model import Basis, Entry

    def e(n: int, day: int, basis: Basis, value: str) -> Entry:
        return Entry(id=f"x{n}", date=date(2022, 6, day), target="hogs", basis=basis, value=Decimal(value),
                     stage=None, by="", note="", source="", replaces=None, path="p", line=n, raw_value=value)

    tl = Timeline.of_entries([e(1, 1, Basis.ADD, "2"), e(2, 1, Basis.TOTAL, "10"), e(3, 1, Basis.ADD, "3"),
                              e(4, 2, Basis.ADD, "1.5"), e(5, 3, Basis.TOTAL, "20"), e(6, 3, Basis.TOTAL, "18")])
    assert tl.actuals == [Decimal(10), Decimal("11.5"), Decimal(18)]
    assert tl.counts == [3, 4, 6]
