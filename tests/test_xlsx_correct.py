"""Spreadsheets Excel- and WPS-correct on every sheet (issue 13, part 4): numbers stored as
numbers with number formats, autofilters, frozen and repeated headers, A4 pages numbered
in the footer, Chinese fonts, wrapped rows tall enough, a summary chart; the fill-in
template validated (numbers, dates, stages) with its fixed columns locked."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_CATALOGUE, ROOT
from worktargets.cli import app
from worktargets.render.bulletin_xlsx import display_width, typed_cell

openpyxl = pytest.importorskip("openpyxl")
runner = CliRunner()
DEMO = ROOT / "examples" / "demo"

# a number kept as text: "50", "33.3%", "-7.7", "1,200", "≥3.6万亩", "7家" (a unit of at most 4 characters)
NUMBER_AS_TEXT = re.compile(r"^[≥>≤<]?\s*-?\d[\d,]*(\.\d+)?\s*(%|[^\d\s()（）、，,.:：;；]{1,4})?$")
LEDGER = {
    "2022-03/a.csv": "date,target,value,stage,note\n2022-03-31,farmland,0.5万亩,,\n2022-03-31,hogs,13万头,,\n"
                     "2022-03-31,reservoir,,已申请验收,\n2022-03-31,grants,2亿元,,\n",
    "2022-04/a.csv": "date,target,value,stage,note\n2022-04-30,farmland,0.6万亩,,\n2022-04-30,grants,3亿元,,\n",
    "2022-05/a.csv": "date,target,value,stage,note\n2022-05-31,farmland,0.7万亩,,\n2022-05-31,grants,4亿元,,\n",
    "2022-06/a.csv": "date,target,value,stage,note\n2022-06-30,farmland,1万亩,,\n2022-06-30,output,61亿元,,\n"
                     "2022-06-30,invest-growth,-2.5%,,\n2022-06-30,grants,5亿元,,\n",
}


def run(*args: str):
    return runner.invoke(app, list(args))


def bulletin(data: Path, out: Path, lang: str = "zh", period: str = "2022-06") -> "openpyxl.Workbook":
    res = run("bulletin", "--data", str(data), "--period", period, "--format", "xlsx", "-o", str(out), "--lang", lang)
    assert res.exit_code == 0, res.output
    return openpyxl.load_workbook(out)


def tables(wb):
    """Each sheet with a header in row 3: (sheet, header, data rows below it)."""
    for ws in wb:
        header = [c.value for c in ws[3]]
        rows = [row for row in ws.iter_rows(min_row=4) if any(c.value is not None for c in row)]
        yield ws, header, rows


def number_as_text(wb) -> list[tuple[str, str, str]]:
    return [(ws.title, c.coordinate, c.value) for ws in wb for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and NUMBER_AS_TEXT.match(c.value.strip())]


@pytest.fixture
def data(make_data):
    return make_data(LEDGER)


# -- what is stored ------------------------------------------------------------------------


def test_typed_cell_keeps_the_shown_text_as_the_format():
    assert typed_cell("≥3.6万亩", Decimal("3.6")) == (Decimal("3.6"), '"≥"#,##0.0"万亩"')
    assert typed_cell("27.8%", Decimal("27.77777777")) == (Decimal("0.277778"), "0.0%")
    assert typed_cell("≥10%", Decimal("10")) == (Decimal("0.1"), '"≥"0.0%')
    assert typed_cell("-7.7", Decimal("-7.6666")) == (Decimal("-7.6666"), "#,##0.0")
    assert typed_cell("7", 7) == (7, "0")
    assert typed_cell("—", None) == ("—", None)
    assert typed_cell("已验收", Decimal(1)) == ("已验收", None)  # text that shows no number stays text
    assert typed_cell("2022-06-30", date(2022, 6, 30)) == (date(2022, 6, 30), "yyyy-mm-dd")
    assert typed_cell('1"个', Decimal(1)) == (Decimal(1), '#,##0"个"')  # a quote never breaks the format


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_number_is_stored_as_text_on_any_sheet(data, tmp_path, lang):
    wb = bulletin(data, tmp_path / "b.xlsx", lang)
    assert number_as_text(wb) == []
    numeric = {ws.title: sum(isinstance(c.value, (int, float)) for row in ws.iter_rows() for c in row) for ws in wb}
    laggards, snails = ("进度滞后", "蜗牛榜") if lang == "zh" else ("Laggards", "Snails")
    assert numeric[laggards] > 0 and numeric[snails] > 0, numeric


def test_the_demo_bulletin_has_no_number_as_text(tmp_path):
    wb = bulletin(DEMO, tmp_path / "demo.xlsx", "zh", "2022-09")
    assert number_as_text(wb) == []
    assert {"汇总", "进度通报", "进度滞后", "蜗牛榜", "逾期未报"} <= set(wb.sheetnames)
    checked = set()
    for ws, header, rows in tables(wb):
        for name in ("完成率", "序时进度"):
            if name in header:
                j = header.index(name)
                cells = [r[j] for r in rows if r[j].value not in (None, "—")]
                checked |= {ws.title} if cells else set()
                assert all(isinstance(c.value, (int, float)) and "%" in c.number_format
                                     for c in cells), ws.title
    assert {"进度通报", "进度滞后", "蜗牛榜"} <= checked
    late = wb["逾期未报"]
    header = [c.value for c in late[3]]
    owed = [r[header.index("应报")] for r in late.iter_rows(min_row=4) if r[0].value]
    assert owed and all(isinstance(c.value, int) and c.number_format == "0" for c in owed)


def test_amounts_percentages_and_counts_read_back_as_numbers(data, tmp_path):
    wb = bulletin(data, tmp_path / "b.xlsx")
    ws = wb["进度通报"]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, int)}
    grants = rows["争取无偿补助资金（力争）"]
    assert grants[3].value == 30 and grants[3].number_format == '"≥"#,##0"亿元"'
    assert grants[4].value == 5 and grants[5].value == pytest.approx(5 / 30, abs=1e-6)
    growth = rows["工业和技改投资增长"]
    assert growth[4].value == pytest.approx(-0.025) and growth[4].number_format.endswith("%")
    lag = wb["进度滞后"]
    ranks = [r[0].value for r in lag.iter_rows(min_row=4) if r[0].value is not None]
    assert ranks and all(isinstance(v, int) for v in ranks)
    snails = wb["蜗牛榜"]
    header = [c.value for c in snails[3]]
    runs = [r[header.index("连续滞后")].value for r in snails.iter_rows(min_row=4) if r[0].value is not None]
    assert runs and all(isinstance(v, int) and v >= 3 for v in runs)
    summary = wb["汇总"]
    counts = [r[1].value for r in summary.iter_rows(min_row=4) if r[0].value]
    assert all(isinstance(n, int) for n in counts) and sum(counts) == 8


# -- how it looks and prints -------------------------------------------------------------------


def test_every_table_filters_freezes_repeats_and_numbers_its_pages(data, tmp_path):
    wb = bulletin(data, tmp_path / "b.xlsx")
    for ws, header, rows in tables(wb):
        assert ws.freeze_panes == "A4", ws.title
        assert ws.print_title_rows == "$3:$3", (ws.title, ws.print_title_rows)
        assert str(ws.page_setup.paperSize) == "9" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        if rows:
            last = openpyxl.utils.get_column_letter(len([h for h in header if h is not None]))
            assert ws.auto_filter.ref == f"A3:{last}{rows[-1][0].row}", ws.title
    assert wb["进度通报"].page_setup.orientation == "landscape"
    assert not wb["进度通报"].merged_cells.ranges  # section bands are not merged: sorting works


def test_chinese_fonts_not_calibri(data, tmp_path):
    out = tmp_path / "b.xlsx"
    wb = bulletin(data, out)
    names = {c.font.name for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}
    assert names <= {"宋体", "黑体"}, names
    assert wb["进度通报"]["A3"].font.name == "黑体" and wb["进度通报"]["B5"].font.name == "宋体"
    styles = zipfile.ZipFile(out).read("xl/styles.xml").decode()
    assert "Calibri" not in styles  # not even the default font of empty cells


def test_wrapped_cells_get_rows_tall_enough_and_columns_count_cjk_twice(make_data, tmp_path):
    long_title = "实施农村生活污水治理项目并同步推进农村厕所革命整村推进示范村建设及配套管网改造提升工程"
    data = make_data(LEDGER, catalogue=MINI_CATALOGUE.replace("    title: 新建高标准农田\n",
                                                              f"    title: {long_title}\n", 1))
    wb = bulletin(data, tmp_path / "b.xlsx")
    for name in ("进度通报", "进度滞后", "蜗牛榜"):
        ws = wb[name]
        header = [c.value for c in ws[3]]
        j = header.index("目标任务")
        letter = openpyxl.utils.get_column_letter(j + 1)
        width = ws.column_dimensions[letter].width
        assert width >= 2 * 10  # ten Chinese characters at least
        for row in ws.iter_rows(min_row=4):
            cell = row[j]
            if cell.value == long_title:
                assert cell.alignment.wrap_text
                lines = -(-display_width(long_title) // int(width - 1.5))
                assert lines >= 2 and ws.row_dimensions[cell.row].height >= 15 * lines, name
                break
        else:
            pytest.fail(f"{name}: the long title is missing")
    assert display_width("农田ab") == 6


def test_summary_sheet_has_a_bar_chart_of_the_states(data, tmp_path):
    out = tmp_path / "b.xlsx"
    wb = bulletin(data, out)
    assert wb.sheetnames[0] == "汇总"
    names = zipfile.ZipFile(out).namelist()
    charts = [n for n in names if n.startswith("xl/charts/chart")]
    assert len(charts) == 1
    xml = zipfile.ZipFile(out).read(charts[0]).decode()
    assert "barChart" in xml and re.search(r"'?汇总'?!\$B\$4:\$B\$\d+", xml), xml[:300]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_numbered_pages_in_chinese(tmp_path):
    pytest.importorskip("openpyxl")
    out = tmp_path / "demo.xlsx"
    bulletin(DEMO, out, "zh", "2022-09")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "demo.pdf"
    assert pdf.is_file()
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.count("\f") or 1
    assert re.search(r"第\s*1\s*页\s*共\s*\d+\s*页", text)
    assert len(re.findall(r"第\s*\d+\s*页", text)) >= pages - 1
    assert "蜗牛榜" in text and "序时进度" in text


# -- the fill-in template ----------------------------------------------------------------------


def template(data: Path, out: Path, owner: str = "区农业农村局") -> "openpyxl.Workbook":
    res = run("template", "--owner", owner, "--period", "2022-06", "-o", str(out), "--data", str(data))
    assert res.exit_code == 0, res.output
    return openpyxl.load_workbook(out)


def cells_of(dv) -> set[str]:
    from openpyxl.utils import get_column_letter, range_boundaries

    out = set()
    for rng in dv.sqref.ranges:
        c1, r1, c2, r2 = range_boundaries(rng.coord)
        out |= {f"{get_column_letter(c)}{r}" for c in range(c1, c2 + 1) for r in range(r1, r2 + 1)}
    return out


def test_template_validates_numbers_dates_and_stages(data, tmp_path):
    wb = template(data, tmp_path / "t.xlsx")
    ws = wb["填报表"]
    header = [c.value for c in ws[1]]
    col = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(header)}
    row = {ws[f"A{r}"].value: r for r in range(2, ws.max_row + 1)}
    dvs = ws.data_validations.dataValidation
    by_cell = {cell: dv for dv in dvs for cell in cells_of(dv)}
    farm = by_cell[f"{col['累计完成']}{row['farmland']}"]
    assert farm.type == "decimal" and farm.operator == "greaterThanOrEqual" and farm.formula1 == "0"
    when = by_cell[f"{col['统计截至日期']}{row['farmland']}"]
    serial = lambda d: (d - date(1899, 12, 30)).days  # noqa: E731
    assert when.type == "date" and when.operator == "between" and when.errorStyle == "stop"
    assert (int(when.formula1), int(when.formula2)) == (serial(date(2022, 1, 1)), serial(date(2022, 12, 31)))
    assert all(f"{col['统计截至日期']}{r}" in cells_of(when) for r in row.values())


def test_template_growth_rate_may_be_negative_and_stages_are_listed(make_data, tmp_path):
    data = make_data()
    wb = template(data, tmp_path / "t1.xlsx", owner="区经济和信息化局")
    ws = wb["填报表"]
    header = [c.value for c in ws[1]]
    col = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(header)}
    row = {ws[f"A{r}"].value: r for r in range(2, ws.max_row + 1)}
    by_cell = {cell: dv for dv in ws.data_validations.dataValidation for cell in cells_of(dv)}
    growth = by_cell[f"{col['累计完成']}{row['invest-growth']}"]
    assert growth.type == "decimal" and growth.operator == "between" and float(growth.formula1) < 0
    assert by_cell[f"{col['累计完成']}{row['output']}"].operator == "greaterThanOrEqual"
    wb = template(data, tmp_path / "t2.xlsx", owner="区水利局")
    ws = wb["填报表"]
    by_cell = {cell: dv for dv in ws.data_validations.dataValidation for cell in cells_of(dv)}
    stage = by_cell[f"{col['形象进度']}2"]
    assert stage.type == "list"
    sheet, ref = stage.formula1.split("!")
    listed = [c.value for row in wb[sheet.strip("'")][ref.replace("$", "")] for c in row]
    assert listed == ["未启动", "已申请验收", "已验收"]
    assert wb[sheet.strip("'")].sheet_state == "hidden" and wb.sheetnames[0] == "填报表"


def test_template_locks_the_fixed_columns_without_a_password(data, tmp_path):
    out = tmp_path / "t.xlsx"
    wb = template(data, out)
    ws = wb["填报表"]
    assert ws.protection.sheet and not ws.protection.password
    assert "password" not in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode().lower()
    header = [c.value for c in ws[1]]
    assert header[:5] == ["指标编号", "目标任务", "计量单位", "年度目标", "牵头单位"]
    for r in range(2, ws.max_row + 1):
        cells = dict(zip(header, ws[r]))
        for name in ("指标编号", "目标任务", "计量单位", "年度目标", "牵头单位", "上期累计", "上期日期", "可选阶段"):
            assert cells[name].protection.locked, (name, r)
        for name in ("统计截至日期", "累计完成", "形象进度", "进展情况", "存在问题", "填报人", "来源"):
            assert not cells[name].protection.locked, (name, r)
    farm = dict(zip(header, ws[2]))
    assert farm["牵头单位"].value == "区农业农村局"
    assert farm["年度目标"].value == pytest.approx(3.6) and "万亩" in farm["年度目标"].number_format
    assert {c.font.name for c in ws[1]} == {"黑体"} and farm["目标任务"].font.name == "宋体"


def test_filled_template_with_a_stage_imports(make_data, tmp_path):
    data = make_data()
    out = tmp_path / "t.xlsx"
    wb = template(data, out, owner="区水利局")
    ws = wb["填报表"]
    header = [c.value for c in ws[1]]
    cells = dict(zip(header, ws[2]))
    assert cells["指标编号"].value == "reservoir"
    cells["形象进度"].value = "已申请验收"
    cells["统计截至日期"].value = datetime(2022, 6, 30)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    res = run("import", str(filled), "--by", "张三", "--data", str(data))
    assert res.exit_code == 0, res.output
    res = run("status", "--data", str(data), "--as-of", "2022-06-30", "--format", "json")
    got = {t["id"]: t for t in __import__("json").loads(res.stdout)["targets"]}
    assert got["reservoir"]["stage"] == "已申请验收"
