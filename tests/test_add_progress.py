"""add-progress and correct through CliRunner, on a mini catalogue in tmp_path.

The interactive flow is forced with WORKTARGETS_INTERACTIVE=1 (the commands otherwise ask
questions only when stdin is a terminal); WORKTARGETS_INTERACTIVE=0 forces it off.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.cli import app
from worktargets.writer import WriteError, append_rows, ledger_path, safe_name

runner = CliRunner()
OFF = {"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": "en"}
ON = {"WORKTARGETS_INTERACTIVE": "1", "WORKTARGETS_LANG": "en"}


def run(args: list[str], env: dict[str, str] = OFF, input: str | None = None):
    return runner.invoke(app, args, env=env, input=input)


def rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(encoding))))


def june(data: Path) -> Path:
    return data / "progress" / "2022-06" / "区农业农村局.csv"


@pytest.mark.parametrize("value,expected", [
    ("3.6万亩", "3.6"), ("3.6", "3.6"), ("36000亩", "3.6"), ("2.1万", "2.1"), ("３.６", "3.6"), ("３６０００亩", "3.6"),
    ("1,200亩", "0.12"), ("0.12", "0.12"), ("21000亩", "2.1"),
])
def test_value_forms_are_converted_to_the_target_unit(make_data, value: str, expected: str) -> None:
    data = make_data()
    r = run(["add-progress", "farmland", value, "--date", "2022-06-30", "--data", str(data), "--by", "李四"])
    assert r.exit_code == 0, r.output
    [row] = rows(june(data))
    assert (row["value"], row["unit"], row["basis"], row["by"]) == (expected, "万亩", "total", "李四")
    assert row["id"].startswith("20220630-") and len(row["id"]) == 21
    assert "farmland" in r.stdout and "%" in r.stdout  # the new one-line status


def test_a_bare_number_argument_is_in_the_target_unit_as_in_a_sheet(make_data) -> None:
    data = make_data()  # farmland is in 万亩: 36000 is 36000万亩, far over the target, refused
    r = run(["add-progress", "farmland", "36000", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 1 and "value-too-large" in r.stderr and "36000万亩" in r.stderr
    assert not june(data).exists()
    r = run(["add-progress", "farmland", "36000", "--date", "2022-06-30", "--force", "--data", str(data)])
    assert r.exit_code == 0, r.output
    [row] = rows(june(data))
    assert (row["value"], row["unit"]) == ("36000", "万亩")  # the unit always written


def test_unit_of_another_family_names_both_units(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "farmland", "5万元", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 2
    assert "unit-mismatch" in r.stderr and "万元" in r.stderr and "万亩" in r.stderr
    assert not june(data).exists()


@pytest.mark.parametrize("text", ["2022-06-30", "2022/6/30", "2022年6月30日"])
def test_date_spellings(make_data, text: str) -> None:
    data = make_data()
    r = run(["add-progress", "hogs", "20万", "--date", text, "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert rows(june(data))[0]["date"] == "2022-06-30"


def test_dates_outside_the_year_or_in_the_future_are_refused(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "hogs", "20万", "--date", "2023-01-31", "--data", str(data)])
    assert r.exit_code == 2 and "date-outside-year" in r.stderr
    # the plan year 2022 is past, so a future date needs a later plan year
    cat = (Path(data) / "targets.yaml").read_text(encoding="utf-8").replace("year: 2022", "year: 2099")
    data2 = make_data(catalogue=cat, name="future")
    r = run(["add-progress", "hogs", "20万", "--date", "2099-06-30", "--data", str(data2)])
    assert r.exit_code == 2 and "date-in-future" in r.stderr
    r = run(["add-progress", "hogs", "20万", "--date", "2099-06-30", "--force", "--data", str(data2)])
    assert r.exit_code == 0, r.output


def test_warnings_need_force(make_data) -> None:
    data = make_data()
    base = ["--date", "2022-06-30", "--data", str(data)]
    assert run(["add-progress", "farmland", "2.1万", *base]).exit_code == 0
    # same value, same day
    r = run(["add-progress", "farmland", "2.1万", *base])
    assert r.exit_code == 1 and "same-entry-exists" in r.stderr
    # lower than the last year-to-date total
    r = run(["add-progress", "farmland", "2万", *base])
    assert r.exit_code == 1 and "total-decreased" in r.stderr
    # more than three times the target
    r = run(["add-progress", "farmland", "11万", *base])
    assert r.exit_code == 1 and "value-too-large" in r.stderr
    assert len(rows(june(data))) == 1
    assert "--force" in r.stderr  # the hint says how to record it anyway
    r = run(["add-progress", "farmland", "2万", *base, "--force"])
    assert r.exit_code == 0 and "total-decreased" in r.stderr
    assert "--force" not in r.stderr  # recorded: no hint to add what was given
    assert len(rows(june(data))) == 2


def test_increment_and_status_line(make_data) -> None:
    data = make_data()
    assert run(["add-progress", "hogs", "10万", "--date", "2022-05-31", "--data", str(data)]).exit_code == 0
    r = run(["add-progress", "hogs", "3万", "--add", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 0
    assert "13万头" in r.stdout
    assert rows(june(data))[0]["basis"] == "add"
    assert run(["add-progress", "hogs", "1", "--add", "--total", "--data", str(data)]).exit_code == 2


def test_milestone_stage(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "reservoir", "--stage", "已验收", "--source", "巴水发〔2022〕1号",
             "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 0, r.output
    row = rows(data / "progress" / "2022-06" / "区水利局.csv")[0]
    assert (row["stage"], row["value"], row["source"]) == ("已验收", "", "巴水发〔2022〕1号")
    assert "done" in r.stdout
    r = run(["add-progress", "reservoir", "--stage", "开工", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 2 and "unknown-stage" in r.stderr


def test_title_words_without_terminal(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "农田", "2万", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 0  # one match: taken, and named on stderr
    assert "farmland" in r.stderr
    r = run(["add-progress", "资金", "2亿", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 2
    assert "grants" in r.stderr and "grants-projects" in r.stderr
    r = run(["add-progress", "nothing-like-this", "2", "--data", str(data)])
    assert r.exit_code == 2


def test_missing_arguments_without_terminal_are_usage_errors(make_data) -> None:
    data = make_data()
    assert run(["add-progress", "--data", str(data)]).exit_code == 2
    r = run(["add-progress", "farmland", "--data", str(data)])
    assert r.exit_code == 2 and "VALUE" in r.stderr


def test_interactive_flow_with_choice_and_confirmation(make_data) -> None:
    data = make_data({"2022-05/区农业农村局.csv": "id,date,target,value,unit\nm1,2022-05-31,farmland,1.5,万亩\n"})
    # "资金" matches two targets: choose 1 (grants); date; value; confirm
    r = run(["add-progress", "资金", "--data", str(data)], env=ON, input="1\n2022-06-30\n12亿\ny\n")
    assert r.exit_code == 0, r.output
    assert "grants" in r.output and "recorded" in r.stdout
    assert rows(data / "progress" / "2022-06" / "区发展和改革局.csv")[0]["value"] == "12"
    # the prompt shows title, unit, target and the last recorded value and date
    r = run(["add-progress", "farmland", "--data", str(data)], env=ON, input="2022-06-30\n2.4万亩\nn\n")
    assert r.exit_code == 1
    assert "新建高标准农田" in r.output and "万亩" in r.output and "3.6万亩" in r.output
    assert "1.5万亩" in r.output and "2022-05-31" in r.output
    assert "66.7%" in r.output  # the resulting percent shown before confirming
    assert not june(data).exists()  # refused: nothing written


def test_interactive_bad_value_is_asked_again(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "farmland", "--date", "2022-06-30", "--data", str(data)], env=ON,
            input="5万元\n2万\ny\n")
    assert r.exit_code == 0, r.output
    assert "unit-mismatch" in r.output
    assert rows(june(data))[0]["value"] == "2"


def test_yes_skips_questions(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "farmland", "2万", "--date", "2022-06-30", "--yes", "--data", str(data)], env=ON, input="")
    assert r.exit_code == 0, r.output


def test_correct_and_replaces(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": "id,date,target,value,unit\nbad-1,2022-06-30,farmland,3.0,万亩\n"})
    r = run(["correct", "bad-1", "2.0万亩", "--note", "多录", "--data", str(data)])
    assert r.exit_code == 0, r.output
    # the clerk's file has no replaces column: the correction goes to an overflow file
    new = rows(june(data).with_name("区农业农村局.2.csv"))[-1]
    assert (new["replaces"], new["value"], new["date"], new["basis"]) == ("bad-1", "2", "2022-06-30", "total")
    assert "2万亩" in r.stdout  # status uses the correction
    # show lists both
    r = run(["show", "farmland", "--as-of", "2022-06-30", "--format", "json", "--data", str(data)])
    assert r.exit_code == 0
    assert "bad-1" in r.stdout and new["id"] in r.stdout
    # add-progress --replaces: must name an existing entry of the same target
    r = run(["add-progress", "farmland", "2.2万", "--replaces", "nope", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 1 and "unknown-entry" in r.stderr
    r = run(["add-progress", "hogs", "2万", "--replaces", "bad-1", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 1 and "replaces-other-target" in r.stderr
    r = run(["add-progress", "farmland", "2.2万", "--replaces", new["id"], "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 0, r.output
    r = run(["status", "--as-of", "2022-06-30", "--format", "json", "--data", str(data)])
    assert r.exit_code == 0 and '"actual": 2.2' in r.stdout
    assert run(["correct", "nope", "1", "--data", str(data)]).exit_code == 1


# -- the writer ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../x", "a/../../b", "..", ".hidden", "", "a\x00b", "a\nb", "a\x1bb"])
def test_names_never_leave_the_progress_folder(tmp_path: Path, name: str) -> None:
    from datetime import date

    try:
        p = ledger_path(tmp_path, name, date(2022, 6, 30))
    except WriteError as exc:
        assert exc.code == "unsafe-name"
    else:
        assert p.parent.parent == (tmp_path / "progress").resolve()
        assert p.parent.name == "2022-06"


def test_safe_name_keeps_chinese_names() -> None:
    assert safe_name("区农业农村局") == "区农业农村局"
    assert safe_name("区发改局/区财政局") == "区发改局_区财政局"


def test_append_keeps_gbk_crlf_and_column_order(make_data) -> None:
    gbk = "编号,统计截至日期,指标编号,累计完成,计量单位,填报人,备注\r\nz1,2022年5月31日,farmland,1.2,万亩,王五,旧\r\n"
    data = make_data({"2022-06/区农业农村局.csv": gbk.encode("gbk")})
    r = run(["add-progress", "farmland", "2.1万", "--date", "2022-06-30", "--by", "李四", "--note", "新",
             "--data", str(data)])
    assert r.exit_code == 0, r.output
    raw = june(data).read_bytes()
    assert raw.startswith(gbk.encode("gbk"))  # existing bytes untouched
    text = raw.decode("gbk")
    last = text.split("\r\n")[-2].split(",")
    assert last[1:] == ["2022-06-30", "farmland", "2.1", "万亩", "李四", "新"]
    assert run(["validate", "--data", str(data)]).exit_code in (0, 1)  # readable
    r = run(["status", "--as-of", "2022-06-30", "--format", "json", "--data", str(data)])
    assert r.exit_code == 0 and '"actual": 2.1' in r.stdout


def test_file_without_a_needed_column_gets_an_overflow_file(make_data) -> None:
    before = "date,target,value\n2022-06-01,farmland,1万\n"
    data = make_data({"2022-06/区农业农村局.csv": before})
    r = run(["add-progress", "farmland", "2.1万", "--date", "2022-06-30", "--note", "x", "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert june(data).read_text(encoding="utf-8") == before
    assert rows(june(data).with_name("区农业农村局.2.csv"))[0]["note"] == "x"
    r = run(["status", "--as-of", "2022-06-30", "--format", "json", "--data", str(data)])
    assert '"actual": 2.1' in r.stdout


def test_last_line_without_newline(make_data) -> None:
    data = make_data({"2022-06/区农业农村局.csv": "id,date,target,value,unit\nq1,2022-06-01,farmland,1,万亩"})
    r = run(["add-progress", "farmland", "2.1万", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 0, r.output
    got = rows(june(data))
    assert [g["id"] for g in got][0] == "q1" and got[0]["value"] == "1" and got[1]["value"] == "2.1"


def test_formula_like_text_is_neutralised(make_data) -> None:
    data = make_data()
    r = run(["add-progress", "farmland", "2万", "--date", "2022-06-30", "--note", "=HYPERLINK(1)", "--data", str(data)])
    assert r.exit_code == 0
    assert rows(june(data))[0]["note"] == "'=HYPERLINK(1)"


def test_add_progress_reads_only_the_owner_files(make_data, monkeypatch) -> None:
    """Other departments' files are never opened (a broken one does not even matter)."""
    data = make_data({
        "2022-06/区经济和信息化局.csv": "this is, not\na ledger,,,\n",
        "2022-05/区农业农村局.yaml": "- {date: 2022-05-31, target: farmland, value: 1万亩}\n",
    })
    from worktargets import textio

    opened: list[str] = []
    real = textio.read_bytes

    def spy(path, shown):
        opened.append(Path(path).name)
        return real(path, shown)

    monkeypatch.setattr("worktargets.ledger.files.read_bytes", spy)
    r = run(["add-progress", "farmland", "2万", "--date", "2022-06-30", "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert set(opened) == {"区农业农村局.yaml"}


def test_append_rows_creates_header_once(tmp_path: Path) -> None:
    from datetime import date

    p = ledger_path(tmp_path, "区水利局", date(2022, 6, 30))
    append_rows(p, [{"id": "a", "date": "2022-06-30", "target": "reservoir", "stage": "已验收"}])
    append_rows(p, [{"id": "b", "date": "2022-06-30", "target": "reservoir", "stage": "已验收"}])
    text = p.read_text(encoding="utf-8")
    assert text.count("id,date") == 1 and text.endswith("\n")
    assert (tmp_path / "progress" / ".locks" / ".gitignore").read_text() == "*\n"
