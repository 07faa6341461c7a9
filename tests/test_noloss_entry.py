"""add-progress and correct at the terminal (issue 12): one meaning for a bare number,
refusals only ``--force`` or "record anyway" passes, and ``correct --withdraw``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from worktargets.cli import app

runner = CliRunner()
OFF = {"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": "en"}
ON = {"WORKTARGETS_INTERACTIVE": "1", "WORKTARGETS_LANG": "en"}
HEADER = "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"


def run(args: list[str], env: dict[str, str] = OFF, input: str | None = None):
    return runner.invoke(app, args, env=env, input=input)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def june(data: Path) -> Path:
    return data / "progress" / "2022-06" / "区农业农村局.csv"


def test_bare_number_at_the_prompt_is_in_the_target_unit_and_the_preview_says_so(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "hogs", "--date", "2022-06-30", "--data", str(data)], env=ON, input="0.78\ny\n")
    assert r.exit_code == 0, r.output
    assert "0.78 → 0.78万头 = 7800头" in r.output
    [row] = rows(june(data))
    assert (row["value"], row["unit"]) == ("0.78", "万头")  # written with its unit


def test_preview_shows_the_conversion_of_a_written_unit(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "hogs", "--date", "2022-06-30", "--data", str(data)], env=ON, input="7800头\ny\n")
    assert r.exit_code == 0, r.output
    assert "7800头 → 0.78万头 = 7800头" in r.output


def test_plain_y_does_not_pass_a_refusal_at_the_prompt(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": HEADER + "m1,2022-06-01,hogs,1,万头,total,,,,,\n"})
    before = june(data).read_bytes()
    r = run(["add-progress", "hogs", "--date", "2022-06-30", "--data", str(data)], env=ON, input="0.5\ny\n")
    assert r.exit_code == 1, r.output
    assert "total-decreased" in r.output and "--force" in r.output  # the question says what it equals
    assert june(data).read_bytes() == before
    r = run(["add-progress", "hogs", "--date", "2022-06-30", "--data", str(data)], env=ON, input="0.5\nyes\n")
    assert r.exit_code == 1 and june(data).read_bytes() == before
    r = run(["add-progress", "hogs", "--date", "2022-06-30", "--data", str(data)], env=ON, input="0.5\nrecord anyway\n")
    assert r.exit_code == 0, r.output
    assert [x["value"] for x in rows(june(data))] == ["1", "0.5"]


def test_yes_never_passes_a_refusal(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": HEADER + "m1,2022-06-01,hogs,1,万头,total,,,,,\n"})
    r = run(["add-progress", "hogs", "0.5万", "--date", "2022-06-30", "--yes", "--data", str(data)], env=ON, input="")
    assert r.exit_code == 1 and "total-decreased" in r.stderr
    r = run(["add-progress", "hogs", "0.5万", "--date", "2022-06-30", "--force", "--data", str(data)])
    assert r.exit_code == 0


def test_correct_at_the_prompt_needs_record_anyway_too(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": HEADER + "m1,2022-06-01,hogs,1,万头,total,,,,,\n"
                      "m2,2022-06-10,hogs,2,万头,total,,,,,\n"})
    r = run(["correct", "m2", "--data", str(data)], env=ON, input="0.5\ny\n")  # below m1's 1万头
    assert r.exit_code == 1 and "total-decreased" in r.output
    r = run(["correct", "m2", "--data", str(data)], env=ON, input="0.5\nrecord anyway\n")
    assert r.exit_code == 0, r.output
    assert rows(june(data))[-1]["replaces"] == "m2"


# -- correct --withdraw --------------------------------------------------------------------------


def test_withdraw_appends_a_withdrawal_row(make_data) -> None:
    data = make_data({"2022-05/区农业农村局.csv": HEADER + "m1,2022-05-31,hogs,10,万头,total,,张三,,,\n",
                      "2022-06/区农业农村局.csv": HEADER + "m2,2022-06-30,hogs,20,万头,total,,张三,,,\n"})
    may = data / "progress" / "2022-05" / "区农业农村局.csv"
    before_june = june(data).read_bytes()
    r = run(["correct", "--withdraw", "m1", "--reason", "重复报送", "--by", "李四", "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert "m1" in r.stdout and "2022-05" in r.stdout
    got = rows(may)
    assert got[0]["id"] == "m1"  # nothing rewritten
    w = got[-1]
    assert (w["basis"], w["replaces"], w["value"], w["stage"], w["note"], w["by"], w["target"], w["date"]) == (
        "withdraw", "m1", "", "", "重复报送", "李四", "hogs", "2022-05-31")
    assert w["id"].startswith("20220531-") and w["id"] != "m1"
    assert june(data).read_bytes() == before_june  # the entry's own month file only


def test_withdraw_an_unknown_id_is_a_located_error(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": HEADER + "m2,2022-06-30,hogs,20,万头,total,,张三,,,\n"})
    before = june(data).read_bytes()
    r = run(["correct", "--withdraw", "nope", "--data", str(data)])
    assert r.exit_code == 1
    assert "unknown-entry" in r.stderr and "--withdraw" in r.stderr
    assert june(data).read_bytes() == before


def test_withdraw_takes_no_value(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": HEADER + "m2,2022-06-30,hogs,20,万头,total,,张三,,,\n"})
    assert run(["correct", "m2", "3", "--withdraw", "m2", "--data", str(data)]).exit_code == 2
    assert run(["correct", "m2", "3", "--reason", "x", "--data", str(data)]).exit_code == 2


def test_withdraw_of_an_entry_already_corrected_is_refused(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": HEADER + "m2,2022-06-30,hogs,20,万头,total,,张三,,,\n"
                      "m3,2022-06-30,hogs,21,万头,total,,张三,,,m2\n"})
    r = run(["correct", "--withdraw", "m2", "--data", str(data)])
    assert r.exit_code == 1 and "entry-already-replaced" in r.stderr


def test_withdraw_into_a_clerk_file_without_the_columns_goes_to_an_overflow_file(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": "id,date,target,value,unit\nm2,2022-06-30,hogs,20,万头\n"})
    before = june(data).read_bytes()
    r = run(["correct", "--withdraw", "m2", "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert june(data).read_bytes() == before
    w = rows(june(data).with_name("区农业农村局.2.csv"))[-1]
    assert (w["basis"], w["replaces"]) == ("withdraw", "m2")
