"""The reader's located refusals (issue 12) and the one fold it feeds (issue 10)."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.catalogue import load_catalogue
from worktargets.cli import app
from worktargets.ledger import load_history, load_progress, load_timelines

HEADER = "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"


def _load(data: Path, as_of: date | None = None):
    catalogue, problems = load_catalogue(data)
    assert not problems
    return load_progress(catalogue, data, as_of)


def _codes(scan) -> list[tuple[str, str, int | None, str | None]]:
    return sorted((p.code, Path(p.path).name, p.line, p.field) for p in scan.problems)


def test_unterminated_quote_is_located_not_swallowed(make_data) -> None:
    data = make_data({"2022-06/a.csv": HEADER + 'e1,2022-06-30,farmland,1万亩,,,,,"open note,,\n'
                                                  "e2,2022-06-30,hogs,20万头,,,,,,,\n"})
    _progress, scan = _load(data)
    assert _codes(scan) == [("unterminated-quote", "a.csv", 2, None)]
    r = CliRunner().invoke(app, ["validate", "--data", str(data)])
    assert r.exit_code == 1 and "a.csv:2" in r.output + (r.stderr or "")


@pytest.mark.parametrize("rows", [
    "a1,2022-06-01,farmland,1万亩,,,,,,,b1\nb1,2022-06-02,farmland,2万亩,,,,,,,a1\n",  # a ring of two
    "a1,2022-06-01,farmland,1万亩,,,,,,,a1\n",  # replaces itself
])
def test_correction_rings_are_errors_and_take_nothing_out(make_data, rows: str) -> None:
    data = make_data({"2022-06/a.csv": HEADER + rows})
    progress, scan = _load(data)
    assert {c for c, *_ in _codes(scan)} == {"correction-cycle"}
    assert progress.targets["farmland"].count == rows.count("\n")  # nothing vanished


def test_withdrawal_takes_the_entry_out_and_adds_nothing(make_data) -> None:
    data = make_data({"2022-06/a.csv": HEADER + "e1,2022-06-10,farmland,1万亩,,total,,,,,\n"
                                                  "e2,2022-06-20,farmland,2万亩,,total,,,,,\n"
                                                  "w1,2022-06-25,farmland,,,withdraw,,,填错了,,e2\n"})
    progress, scan = _load(data)
    assert scan.problems == []
    tp = progress.targets["farmland"]
    assert tp.actual() == Decimal(1) and tp.count == 1


@pytest.mark.parametrize("cells,code,field", [
    ("w1,2022-06-25,farmland,,,withdraw,,,,,\n", "withdraw-without-id", "replaces"),
    ("w1,2022-06-25,farmland,3,,撤回,,,,,e1\n", "withdraw-with-figure", "value"),
    ("w1,2022-06-25,farmland,,,withdraw,,,,,nope\n", "unknown-replaces", "replaces"),
])
def test_bad_withdrawals_are_located(make_data, cells: str, code: str, field: str) -> None:
    data = make_data({"2022-06/a.csv": HEADER + "e1,2022-06-10,farmland,1万亩,,total,,,,,\n" + cells})
    _progress, scan = _load(data)
    assert _codes(scan) == [(code, "a.csv", 3, field)]


def test_links_and_odd_names_are_reported_never_followed_out(make_data, tmp_path: Path) -> None:
    data = make_data({"2022-06/a.csv": HEADER + "e1,2022-06-10,farmland,1万亩,,total,,,,,\n"})
    secret = tmp_path / "secret.csv"
    secret.write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    progress = data / "progress" / "2022-06"
    os.symlink(secret, progress / "out.csv")
    os.symlink(progress / "missing.csv", progress / "dangling.csv")
    os.symlink(progress / "loop2.csv", progress / "loop1.csv")
    os.symlink(progress / "loop1.csv", progress / "loop2.csv")
    os.symlink(progress / "a.csv", progress / "inside.csv")  # inside the data folder: read
    (progress / "folder.csv").mkdir()
    _p, scan = _load(data)
    got = {(Path(p.path).name, p.code, p.params.get("kind")) for p in scan.problems}
    assert ("out.csv", "ledger-link", "outside") in got
    assert ("dangling.csv", "ledger-link", "dangling") in got
    assert ("loop1.csv", "ledger-link", "loop") in got and ("loop2.csv", "ledger-link", "loop") in got
    assert ("folder.csv", "ledger-not-a-file", "folder") in got
    assert any(p.code == "duplicate-entry-id" and Path(p.path).name in ("a.csv", "inside.csv") for p in scan.problems)
    r = CliRunner().invoke(app, ["validate", "--data", str(data)])
    assert r.exit_code == 1
    assert "TOP-SECRET-LINE" not in r.output + (r.stderr or "")


def test_one_fold_for_status_reports_and_history(make_data) -> None:
    """status (days let go behind each total), the reports' timelines and whole entries agree."""
    rows = ("a,2022-03-05,hogs,2万头,,add,,,,,\n"
            "b,2022-03-05,hogs,10万头,,total,,,,,\n"
            "c,2022-03-05,hogs,3万头,,add,,,,,\n"
            "d,2022-04-02,hogs,1.5万头,,add,,,,,\n"
            "e,2022-05-01,hogs,20万头,,total,,,,,\n"
            "f,2022-05-01,hogs,18万头,,total,,,,,\n"
            "g,2022-02-01,hogs,1万头,,add,,,,,\n"
            "h,2022-06-07,hogs,0.25万头,,add,,,,,\n")
    data = make_data({"2022-06/a.csv": HEADER + rows})
    catalogue, _ = load_catalogue(data)
    timelines, _ = load_timelines(catalogue, data)
    tl = timelines["hogs"]
    assert tl.actuals == [Decimal(1), Decimal(10), Decimal("11.5"), Decimal(18), Decimal("18.25")]
    assert tl.counts == [1, 4, 5, 7, 8]
    for day in (date(2022, 1, 31), date(2022, 3, 5), date(2022, 4, 30), date(2022, 5, 1), date(2022, 12, 31)):
        progress, _ = load_progress(catalogue, data, day)
        got = progress.targets.get("hogs")
        want = tl.at(day)
        assert (got is None) == (want is None)
        if got is not None:
            assert (got.actual(), got.count, got.last_date) == (want.actual(), want.count, want.last_date)
    history, _ = load_history(catalogue, data)
    assert len(history.entries["hogs"]) == 8


def test_two_processes_give_what_one_gives(make_data) -> None:
    """The forked read hands back plain values (compiled classes do not pickle)."""
    from worktargets.ledger import ReadOptions

    files = {f"2022-0{m}/a.csv": HEADER + f"e{m},2022-0{m}-10,farmland,{m}千亩,,total,,,,,\n"
             f"i{m},2022-0{m}-11,hogs,1万头,,add,,,,,\n" for m in range(1, 7)}
    files["2022-06/b.csv"] = HEADER + "c1,2022-06-20,farmland,9千亩,,total,,,,,e5\n"
    data = make_data(files)
    catalogue, _ = load_catalogue(data)
    one, s1 = load_progress(catalogue, data, None, ReadOptions(jobs=1))
    two, s2 = load_progress(catalogue, data, None, ReadOptions(jobs=2))
    assert not s1.problems and not s2.problems and s1.rows == s2.rows == 13
    view = lambda p: {t: (tp.actual(), tp.count, tp.last_date) for t, tp in p.targets.items()}  # noqa: E731
    assert view(one) == view(two)
    assert two.targets["farmland"].actual() == Decimal("0.9")
