"""The CLI through CliRunner: exit codes, formats, parity of JSON with the library."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

from typer.testing import CliRunner

from conftest import ROOT
from worktargets.catalogue import load_catalogue
from worktargets.cli import app
from worktargets.ledger import load_progress
from worktargets.render.status_views import status_dict
from worktargets.status import compute_status

runner = CliRunner()
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
DEMO = ROOT / "examples" / "demo"
DATA = ROOT / "data"
LEDGER = {
    "2022-06/a.csv": (
        "id,date,target,value,basis,by,note\n"
        "a1,2022-06-30,farmland,2.1万亩,total,张三,=HYPERLINK(\"x\")\n"
        "a2,2022-05-31,hogs,20万头,total,李四,\n"
        "a3,2022-06-10,hogs,3万头,add,李四,\n"
    ),
    "2022-06/b.yaml": "- {id: b1, date: 2022-06-20, target: reservoir, stage: 已申请验收, by: 王五}\n",
}


def test_status_json_equals_the_library(make_data) -> None:
    data = make_data(LEDGER)
    result = runner.invoke(app, ["status", "--data", str(data), "--as-of", "2022-06-30", "--format", "json"])
    assert result.exit_code == 0, result.output
    catalogue, _ = load_catalogue(data)
    progress, _ = load_progress(catalogue, data, date(2022, 6, 30))
    expected = status_dict(compute_status(catalogue, progress, date(2022, 6, 30)))
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))


def test_json_contract_fields(make_data) -> None:
    result = runner.invoke(app, ["status", "--data", str(make_data(LEDGER)), "--as-of", "2022-06-30", "-f", "json"])
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2022-06-30"
    assert {"title", "region", "year"} <= set(doc["plan"])
    required = {"id", "title", "section", "owner", "kind", "comparator", "target", "unit", "actual", "percent",
                "expected_percent", "state", "due", "source"}
    for t in doc["targets"]:
        assert required <= set(t)
        assert t["comparator"] in {"ge", "gt", "le", "lt", "eq"}
        assert t["state"] in {"done", "ahead", "on_track", "behind", "far_behind", "overdue", "no_data", "needs_baseline"}
        date.fromisoformat(t["due"])
    rows = {t["id"]: t for t in doc["targets"]}
    assert rows["farmland"]["target"] == 3.6 and rows["farmland"]["unit"] == "万亩" and rows["farmland"]["actual"] == 2.1
    assert rows["hogs"]["actual"] == 23
    assert rows["reservoir"]["target"] is None and rows["reservoir"]["stage"] == "已申请验收"


def test_filters(make_data) -> None:
    data = str(make_data(LEDGER))
    def ids(*args: str) -> list[str]:
        r = runner.invoke(app, ["status", "--data", data, "--as-of", "2022-06-30", "-f", "json", *args])
        assert r.exit_code == 0, r.output
        return [t["id"] for t in json.loads(r.stdout)["targets"]]
    assert ids("--owner", "水利") == ["reservoir"]
    assert ids("--section", "工业") == ["output", "invest-growth"]
    assert set(ids("--state", "no_data,needs_baseline")) == {"output", "invest-growth", "village-income", "grants", "grants-projects"}


def test_csv_and_markdown(make_data) -> None:
    data = str(make_data(LEDGER))
    r = runner.invoke(app, ["status", "--data", data, "--as-of", "2022-06-30", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["id"] == "farmland" and rows[0]["percent"] == "58.33" and rows[0]["state"] == "on_track"
    r = runner.invoke(app, ["status", "--data", data, "--as-of", "2022-06-30", "-f", "markdown", "--lang", "zh"])
    assert "## 二、乡村振兴" in r.stdout and "| 编号 |" in r.stdout and "达进度" in r.stdout


def test_table_has_no_ansi_when_piped_and_words_for_states(make_data) -> None:
    r = runner.invoke(app, ["status", "--data", str(make_data(LEDGER)), "--as-of", "2022-06-30", "--lang", "zh"])
    assert r.exit_code == 0
    assert "\x1b[" not in r.stdout
    assert "达进度" in r.stdout and "未报进度" in r.stdout and "缺上年基数" in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    r = runner.invoke(app, ["status", "--data", str(make_data(LEDGER, name="d2")), "--as-of", "2022-06-30", "--lang", "en"])
    assert "on track" in r.stdout and "no data" in r.stdout


def test_colour_on_a_terminal_and_no_color(make_data, monkeypatch) -> None:
    data = str(make_data(LEDGER))
    monkeypatch.setenv("FORCE_COLOR", "1")
    r = runner.invoke(app, ["status", "--data", data, "--as-of", "2022-06-30"])
    assert "\x1b[" in r.stdout
    assert COLOUR.search(r.stdout)
    monkeypatch.setenv("NO_COLOR", "1")
    r = runner.invoke(app, ["status", "--data", data, "--as-of", "2022-06-30"])
    assert not COLOUR.search(r.stdout)  # NO_COLOR: no colour (bold may stay, per no-color.org)


def test_chinese_locale_picks_chinese(make_data, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for var in ("LC_ALL", "LC_MESSAGES", "WORKTARGETS_LANG"):
        monkeypatch.delenv(var, raising=False)
    r = runner.invoke(app, ["status", "--data", str(make_data(LEDGER)), "--as-of", "2022-06-30"])
    assert "序时进度" in r.stdout


def test_show_lists_history_with_running_total(make_data) -> None:
    data = make_data(LEDGER)
    r = runner.invoke(app, ["show", "hogs", "--data", str(data), "--as-of", "2022-06-30", "--lang", "zh"])
    assert r.exit_code == 0, r.output
    assert "生猪出栏52万头以上" in r.stdout and "23万头" in r.stdout and "区农业农村局" in r.stdout
    r = runner.invoke(app, ["show", "hogs", "--data", str(data), "--as-of", "2022-06-30", "-f", "json"])
    doc = json.loads(r.stdout)
    assert [e["running_total"] for e in doc["entries"]] == [20, 23]
    assert doc["target"]["state"] == "behind"


def test_show_suggests_ids(make_data) -> None:
    r = runner.invoke(app, ["show", "hog", "--data", str(make_data(LEDGER))])
    assert r.exit_code == 2 and "hogs" in r.stderr


def test_data_errors_exit_1_with_place(make_data) -> None:
    data = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,farmlnad,1万亩\n"})
    r = runner.invoke(app, ["status", "--data", str(data), "--lang", "zh"])
    assert r.exit_code == 1
    assert "a.csv:2: unknown-target" in r.stderr and "第2行" in r.stderr
    r = runner.invoke(app, ["validate", "--data", str(data)])
    assert r.exit_code == 1 and "a.csv:2: unknown-target" in r.stdout


def test_env_var_names_the_data_folder(make_data, monkeypatch) -> None:
    monkeypatch.setenv("WORKTARGETS_DATA", str(make_data(LEDGER)))
    r = runner.invoke(app, ["status", "--as-of", "2022-06-30", "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["plan"]["title"] == "测试计划"


def test_schema_file_is_current() -> None:
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert "targets" in schema["properties"]
    assert json.loads((ROOT / "schema" / "targets.schema.json").read_text(encoding="utf-8")) == schema
    first = (DATA / "targets.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/targets.schema.json"


def test_every_command_has_help() -> None:
    from worktargets.cli import app as the_app
    import typer.main

    group = typer.main.get_command(the_app)
    assert len(group.commands) >= 5
    for name, command in group.commands.items():
        r = runner.invoke(app, [name, "--help"])
        assert r.exit_code == 0, name
        assert command.help and len(command.help) > 20, name
    assert runner.invoke(app, ["--help"]).exit_code == 0
    assert runner.invoke(app, ["--version"]).exit_code == 0


def test_csv_cells_never_run_as_formulas() -> None:
    from worktargets.cells import safe_cell
    from worktargets.render.common import write_csv

    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("+86 123") == "'+86 123"
    assert safe_cell("-3.5") == "-3.5" and safe_cell("-x") == "'-x"
    text = write_csv(["a", "b"], [["=HYPERLINK(\"http://x\")", 3]])
    assert text.splitlines()[1].startswith("\"'=HYPERLINK")
