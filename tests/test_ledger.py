"""The ledger reader: one pass with corrections found up front equals read-then-re-read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from worktargets import ledger
from worktargets.catalogue import load_catalogue
from worktargets.ledger.corrections import prescan_replaced

LEDGER = {
    # canonical order (replaces last), LF
    "2022-05/a.csv": (
        "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"
        "e1,2022-05-31,farmland,1.2,万亩,total,,张三,\"备注, 含逗号\",,\n"
        "e2,2022-05-31,hogs,20,万头,total,,,,,\n"
        "e3,2022-05-20,hogs,1,万头,add,,,,,\n"
        "\n"
        "e4,2022-05-31,reservoir,,,,已申请验收,,,,\n"
    ),
    # corrections, CRLF, one of a correction (a chain) and one of a derived id
    "2022-06/a.csv": (
        "id,date,target,value,unit,basis,stage,by,note,source,replaces\r\n"
        "e5,2022-05-31,farmland,1.3,万亩,total,,张三,更正,,e1\r\n"
        "e6,2022-05-31,farmland,1.25,万亩,total,,张三,再更正,,e5\r\n"
        "e7,2022-06-30,hogs,26,万头,total,,,,,\r\n"
        ",2022-06-10,hogs,2,万头,add,,,,,\r\n"
        "e8,2022-06-10,hogs,2.5,万头,add,,,更正上一行,,2022-06/a.csv:5\r\n"
    ),
    # replaces not last, GBK, a quoted note with a line break
    "2022-07/b.csv": (
        "编号,更正,日期,指标编号,数值,备注\n"
        "g1,,2022-07-31,hogs,30万头,\"第一行\n第二行\"\n"
        "g2,g1,2022-07-31,hogs,29万头,更正\n"
    ).encode("gbk"),
}


def _aggregates(progress: ledger.Progress) -> dict[str, tuple[object, ...]]:
    return {
        tid: (tp.stage, tp.count, tp.last_date, repr(tp.actual()))
        for tid, tp in progress.targets.items()
    }


def _both(data: Path, as_of: date | None, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    catalogue, problems = load_catalogue(data)
    assert not problems
    one, scan1 = ledger.load_progress(catalogue, data, as_of)
    monkeypatch.setattr("worktargets.ledger.read.prescan_replaced", lambda files: None)
    two, scan2 = ledger.load_progress(catalogue, data, as_of)
    monkeypatch.undo()
    return (_aggregates(one), [p.format() for p in scan1.problems]), (_aggregates(two), [p.format() for p in scan2.problems])


@pytest.mark.parametrize("as_of", [date(2022, 5, 31), date(2022, 6, 30), None])
def test_one_pass_equals_two(make_data, monkeypatch: pytest.MonkeyPatch, as_of: date | None) -> None:
    data = make_data(LEDGER)
    assert prescan_replaced(ledger.ledger_files(data)) == {"e1", "e5", "2022-06/a.csv:5", "g1"}
    one, two = _both(data, as_of, monkeypatch)
    assert one == two
    aggregates, problems = one
    assert problems == []
    if as_of is None:
        assert aggregates["farmland"][3] == "Decimal('1.25')"
        assert aggregates["hogs"][3] == "Decimal('29')"


def test_one_pass_equals_two_with_errors(make_data, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = dict(LEDGER)
    bad["2022-08/c.csv"] = (
        "id,date,target,value,replaces\n"
        "x1,2022-08-31,farmland,2万亩,nope\n"          # replaces nothing
        "x2,2022-08-31,hogs,31万头,e1\n"               # replaces farmland's entry
        "x3,2022-13-01,hogs,31万头,\n"                 # bad date
    )
    one, two = _both(make_data(bad), None, monkeypatch)
    assert one == two
    codes = [p.split(": ")[1] for p in one[1]]
    assert sorted(codes) == ["bad-date", "replaces-other-target", "unknown-replaces"]


def test_yaml_corrections_take_the_careful_path(make_data) -> None:
    data = make_data({"2022-06/a.yaml": "- {id: y1, date: 2022-06-30, target: hogs, value: 1万头, replaces: e1}\n"})
    assert prescan_replaced(ledger.ledger_files(data)) is None
