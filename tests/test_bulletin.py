"""The bulletin and the report commands end to end: XLSX read back, HTML parsed, --as-of
independent of later entries and of today's date, show --chart, docs."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_CATALOGUE, ROOT
from worktargets.cli import app

runner = CliRunner()
REPORTS = ("gaps", "overdue", "forecast", "owners", "snails", "bulletin")

# farmland's owner and a note are formula-looking text
CATALOGUE = MINI_CATALOGUE.replace("    owner: 区农业农村局\n  - id: hogs", '    owner: "=1+1"\n  - id: hogs')
EARLY = {
    "2022-03/a.csv": "date,target,value,stage,note\n2022-03-31,farmland,0.5万亩,,=1+1\n2022-03-31,hogs,13万头,,\n"
                     "2022-03-31,reservoir,,已申请验收,\n",
    "2022-06/a.csv": "date,target,value,stage,note\n2022-06-30,farmland,1万亩,,@SUM(A1)\n2022-06-30,output,61亿元,,\n"
                     "2022-05-31,grants,-0,,\n",
}
LATER = {"2022-07/a.csv": "date,target,value,stage,note\n2022-07-31,farmland,3.6万亩,,\n2022-07-31,hogs,40万头,,\n"
                          "2022-09-30,reservoir,,已验收,\n"}


@pytest.fixture
def data(make_data):
    return make_data(EARLY, catalogue=CATALOGUE)


def run(*args: str):
    res = runner.invoke(app, list(args))
    return res


# -- XLSX ------------------------------------------------------------------------------------


def test_xlsx_values_fills_frozen_header_and_no_formulas(data, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "b.xlsx"
    res = run("bulletin", "--data", str(data), "--period", "2022-06", "--format", "xlsx", "-o", str(out), "--lang", "zh")
    assert res.exit_code == 0, res.output
    assert str(out) in res.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["汇总", "进度通报"] and "蜗牛榜" in wb.sheetnames and "逾期未报" in wb.sheetnames
    ws = wb["进度通报"]
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"  # A4
    header = [c.value for c in ws[3]]
    assert header[:3] == ["序号", "目标任务", "牵头单位"] and header[-1] == "状态"
    cells = {}
    for row in ws.iter_rows(min_row=4):
        if isinstance(row[0].value, int):
            cells[row[1].value] = row
    farm = cells["新建高标准农田"]
    assert farm[2].value == "=1+1" and farm[2].data_type == "s"
    # numbers are numbers; the comparator and the unit are in the number format
    assert farm[3].value == pytest.approx(3.6) and farm[3].number_format == '"≥"#,##0.0"万亩"'
    assert farm[4].value == 1 and farm[4].number_format == '#,##0"万亩"'
    assert farm[5].value == pytest.approx(0.277778) and farm[5].number_format == "0.0%"
    assert farm[6].value == pytest.approx(0.5) and farm[7].value == pytest.approx(22.2222, abs=0.001)
    assert farm[8].value == "欠进度" and farm[8].fill.fgColor.rgb.endswith("FFEB9C")
    output = cells["规上工业总产值"]
    assert output[8].value == "已完成" and output[8].fill.fgColor.rgb.endswith("C6EFCE")
    # column widths fit Chinese: the title column is at least twice its longest title in characters
    assert ws.column_dimensions["B"].width >= 2 * len("天星桥水库蓄水验收")
    for sheet in wb:
        assert sheet.freeze_panes == "A4"
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)
    texts = [c.value for sheet in wb for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "=1+1" in texts


def test_xlsx_default_file_name(data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("bulletin", "--data", str(data), "--period", "2022-06", "--format", "xlsx", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "bulletin-2022-06.xlsx").is_file() and "bulletin-2022-06.xlsx" in res.stderr


# -- HTML ------------------------------------------------------------------------------------


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None
        self.svgs = 0
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-id" in a:
            self.current = a["data-id"]
            self.rows[self.current] = []
        elif tag == "td" and self.current:
            self.cell = []
        elif tag == "svg":
            self.svgs += 1
        for k in ("src", "href"):
            if k in a:
                self.external.append(a[k])
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None and self.current:
            self.rows[self.current].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr":
            self.current = None

    def handle_data(self, d):
        if self.cell is not None:
            self.cell.append(d)


def test_html_standalone_table_and_charts(data, tmp_path):
    out = tmp_path / "b.html"
    res = run("bulletin", "--data", str(data), "--period", "2022-06", "--format", "html", "-o", str(out), "--lang", "zh")
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    p = _Tables()
    p.feed(text)
    assert p.external == [] and "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert len(p.rows) == 8  # every target of the catalogue, once
    farm = p.rows["farmland"]
    assert farm[1] == "新建高标准农田" and farm[2] == "=1+1" and farm[3] == "≥3.6万亩" and farm[5] == "27.8%"
    assert farm[6] == "50%" and farm[8] == "欠进度"
    assert p.rows["output"][8] == "已完成" and p.rows["hogs"][8] == "欠进度" and p.rows["grants"][8] == "严重滞后"
    assert p.svgs == 8
    assert "<polyline" in text and "stroke-dasharray" in text


def test_html_escapes_text(make_data, tmp_path):
    cat = MINI_CATALOGUE.replace("    title: 新建高标准农田\n", "    title: <script>alert(1)</script>\n")
    d = make_data({}, catalogue=cat)
    res = run("bulletin", "--data", str(d), "--period", "2022-06", "--format", "html")
    assert res.exit_code == 0, res.output
    assert "<script>" not in res.stdout and "&lt;script&gt;" in res.stdout


# -- every report: formats, --as-of ----------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_report_every_format(data, name, fmt):
    res = run(name, "--data", str(data), "--as-of", "2022-06-30", "--format", fmt, "--lang", "zh")
    assert res.exit_code == 0, res.output
    assert res.stdout.strip()
    if fmt == "json":
        assert json.loads(res.stdout)["as_of"] == "2022-06-30"
    if fmt == "csv":
        assert "\n=" not in res.stdout and ",=" not in res.stdout and ",@" not in res.stdout


@pytest.mark.parametrize("name", REPORTS)
def test_as_of_ignores_later_entries_and_today(make_data, name, monkeypatch):
    """The answer for a date is what was known on that date, whatever was filed since and whatever today is."""
    early = make_data(EARLY, catalogue=CATALOGUE, name="early")
    later = make_data({**EARLY, **LATER}, catalogue=CATALOGUE, name="later")
    args = ["--as-of", "2022-06-30", "--format", "json", "--lang", "en"]
    a = run(name, "--data", str(early), *args)
    b = run(name, "--data", str(later), *args)
    assert a.exit_code == b.exit_code == 0, a.output + b.output
    assert json.loads(a.stdout) == json.loads(b.stdout)

    import worktargets.cli.common as common

    class FakeDate(date):
        @classmethod
        def today(cls):
            return date(2031, 1, 1)

    monkeypatch.setattr(common, "date", FakeDate)
    c = run(name, "--data", str(later), *args)
    assert json.loads(c.stdout) == json.loads(a.stdout)


def test_bulletin_period_means_month_end(data):
    a = run("bulletin", "--data", str(data), "--period", "2022-06", "--format", "json")
    b = run("bulletin", "--data", str(data), "--period", "2022年6月", "--as-of", "2022-06-30", "--format", "json")
    # the same bulletin; only the day of what was known differs (today against 2022-06-30)
    da, db = json.loads(a.stdout), json.loads(b.stdout)
    for d in (da, db):
        d.pop("known_as_of"), d["filing"].pop("final")
    assert da == db
    d = json.loads(a.stdout)
    assert d["period"] == "2022-06" and d["as_of"] == "2022-06-30"
    assert d["summary"] == {"total": 8, "done": 1, "on_pace": 1, "behind": 2, "far_behind": 1, "overdue": 0,
                            "no_data": 2, "needs_baseline": 1, "breached": 0, "needs_target": 0}


def test_usage_errors(data):
    assert run("bulletin", "--data", str(data), "--period", "2022-13").exit_code == 2
    assert run("bulletin", "--data", str(data), "--format", "pdf").exit_code == 2
    assert run("gaps", "--data", str(data), "--top", "0").exit_code == 2
    assert run("snails", "--data", str(data), "--cycles", "0").exit_code == 2
    assert run("overdue", "--data", str(data), "--as-of", "yesterday").exit_code == 2


def test_data_errors_exit_1(make_data):
    d = make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,nope,1\n"})
    res = run("gaps", "--data", str(d), "--as-of", "2022-06-30")
    assert res.exit_code == 1 and "unknown-target" in res.stderr


# -- show --chart ----------------------------------------------------------------------------


def test_show_chart(data):
    res = run("show", "farmland", "--data", str(data), "--as-of", "2022-06-30", "--chart", "--lang", "zh")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    plot = [line for line in lines if "┤" in line]
    assert len(plot) == 10
    assert "●" in res.stdout and "·" in res.stdout and "─" in res.stdout
    assert any(line.lstrip().startswith("3.6万亩┤") for line in plot)  # the target line is labelled
    assert "序时进度线" in res.stdout


def test_chart_grid_points():
    from decimal import Decimal

    from worktargets.reports.timeline import ChartData
    from worktargets.render.chart import chart_grid

    c = ChartData("万亩", date(2022, 1, 1), date(2022, 12, 31), Decimal(10),
                  ((date(2022, 1, 1), Decimal(0)), (date(2022, 12, 31), Decimal(10))),
                  ((date(2022, 1, 1), Decimal(0)), (date(2022, 12, 31), Decimal(10))), date(2022, 12, 31))
    grid, top = chart_grid(c, width=11, height=6)
    assert top == 10 and grid[5][0] == "●" and grid[0][10] == "●"


# -- docs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_commands_have_help_and_readme_rows(name):
    res = run(name, "--help")
    assert res.exit_code == 0 and "--as-of" in res.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `worktargets {name}", readme, re.M)
    assert "## The monthly bulletin (进度通报)" in readme


def test_show_running_total_skips_replaced_increments(make_data):
    d = make_data({"2022-06/a.csv": "id,date,target,value,basis,replaces\n"
                                    "a1,2022-04-30,hogs,10万头,total,\n"
                                    "a2,2022-05-31,hogs,50万头,add,\n"
                                    "a3,2022-05-31,hogs,5万头,add,a2\n"
                                    "a4,2022-06-30,hogs,2万头,add,\n"})
    res = run("show", "hogs", "--data", str(d), "--as-of", "2022-06-30", "--format", "json")
    assert res.exit_code == 0, res.output
    entries = json.loads(res.stdout)["entries"]
    assert [e["running_total"] for e in entries] == [10, 10, 15, 17]
    assert json.loads(res.stdout)["target"]["actual"] == 17
