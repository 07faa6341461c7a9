"""template writes the fill-in sheet; import reads it back (XLSX, GBK, UTF-8-BOM CSV)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.cli import app

runner = CliRunner()
ENV = {"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": "en"}


def run(args: list[str]):
    return runner.invoke(app, args, env=ENV)


def ledger_rows(data: Path, rel: str = "2022-06/区农业农村局.csv") -> list[dict[str, str]]:
    p = data / "progress" / rel
    if not p.exists():
        return []
    return list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8"))))


def actual(data: Path, tid: str) -> object:
    import json

    r = run(["status", "--as-of", "2022-06-30", "--format", "json", "--data", str(data)])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    rows = doc["targets"] if isinstance(doc, dict) and "targets" in doc else doc["rows"]
    return next(x["actual"] for x in rows if x["id"] == tid)


def test_template_csv_has_bom_and_the_owner_targets(make_data, tmp_path: Path) -> None:
    data = make_data({"2022-05/区农业农村局.csv": "id,date,target,value,unit\nm1,2022-05-31,farmland,1.5,万亩\n"})
    out = tmp_path / "t.csv"
    r = run(["template", "--owner", "区农业农村局", "--period", "2022-06", "--format", "csv", "-o", str(out), "--data", str(data)])
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["指标编号"] for r in rows] == ["farmland", "hogs", "village-income"]
    farm = rows[0]
    assert (farm["计量单位"], farm["年度目标"], farm["上期累计"], farm["上期日期"], farm["统计截至日期"]) == (
        "万亩", "3.6万亩", "1.5", "2022-05-31", "2022-06-30")
    assert farm["累计完成"] == "" and "进展情况" in farm and "存在问题" in farm


def test_template_xlsx_roundtrip_import(make_data, tmp_path: Path) -> None:
    import openpyxl

    data = make_data()
    out = tmp_path / "t.xlsx"
    r = run(["template", "--owner", "农业农村", "--period", "2022/6", "-o", str(out), "--data", str(data)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    ws = wb["填报表"]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    for row in ws.iter_rows(min_row=2):
        tid = row[col["指标编号"]].value
        if tid == "farmland":
            row[col["累计完成"]].value = 2.1  # a number in 万亩, the unit column's unit
            row[col["进展情况"]].value = "已完工验收"
            row[col["存在问题"]].value = "资金到位慢"
        if tid == "hogs":
            row[col["累计完成"]].value = "２６０，０００头"
            row[col["统计截至日期"]].value = datetime(2022, 6, 30)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    r = run(["import", str(filled), "--by", "李四", "--data", str(data)])
    assert r.exit_code == 0, r.output
    got = {x["target"]: x for x in ledger_rows(data)}
    assert got["farmland"]["value"] == "2.1" and got["farmland"]["unit"] == "万亩"
    assert got["farmland"]["note"] == "已完工验收；存在问题：资金到位慢"
    assert got["farmland"]["by"] == "李四"
    assert got["hogs"]["value"] == "26" and got["hogs"]["unit"] == "万头"
    assert actual(data, "farmland") == 2.1
    # the same file twice: nothing new
    r = run(["import", str(filled), "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert "imported 0" in r.stdout and "2 already" in r.stdout
    assert len(ledger_rows(data)) == 2


GBK_SHEET = (
    "指标编号,目标任务,计量单位,统计截至日期,累计完成,进展情况,填报人\r\n"
    "farmland,新建高标准农田,万亩,2022年6月30日,\"21,000亩\",推进中,王五\r\n"
    "hogs,生猪出栏,万头,44742,1.2万,出栏,王五\r\n"
    "village-income,村集体经济总收入,万元,2022/6/30,,,\r\n"
)


@pytest.mark.parametrize("encoding,bom", [("gbk", b""), ("gb18030", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")])
def test_csv_imports_in_every_encoding(make_data, tmp_path: Path, encoding: str, bom: bytes) -> None:
    data = make_data()
    f = tmp_path / "sheet.csv"
    f.write_bytes(bom + GBK_SHEET.encode(encoding))
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 0, r.output
    got = {x["target"]: x for x in ledger_rows(data)}
    assert got["farmland"]["value"] == "2.1"
    assert got["hogs"]["value"] == "1.2" and got["hogs"]["date"] == "2022-06-30"  # Excel serial 44742
    assert "village-income" not in got  # left empty: skipped
    assert "1 row(s) left empty" in r.stdout


def test_a_bad_row_rejects_the_whole_file(make_data, tmp_path: Path) -> None:
    data = make_data()
    f = tmp_path / "bad.csv"
    f.write_text(
        "指标编号,统计截至日期,累计完成,计量单位\n"
        "farmland,2022-06-30,2.1,万亩\n"
        "hogs,2022-06-30,3万元,万头\n"
        "nope,2022-06-30,1,个\n"
        "farmland,2023-06-30,2,万亩\n", encoding="utf-8")
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 1
    assert ledger_rows(data) == []
    err = r.stderr
    assert "bad.csv:3: unit-mismatch" in err and "累计完成" in err
    assert "bad.csv:4: unknown-target" in err
    assert "bad.csv:5: date-outside-year" in err
    # --skip-bad: the good row is written, the bad ones go to a rejects file
    r = run(["import", str(f), "--skip-bad", "--data", str(data)])
    assert r.exit_code == 1
    assert [x["target"] for x in ledger_rows(data)] == ["farmland"]
    rej = tmp_path / "bad.rejects.csv"
    assert rej.read_bytes().startswith(b"\xef\xbb\xbf")
    rejected = list(csv.reader(io.StringIO(rej.read_text(encoding="utf-8-sig"))))
    assert [r[-2] for r in rejected[1:]] == ["3", "4", "5"]
    assert "unit-mismatch" in rejected[1][-1]
    # fixed and imported again: only the fixed rows are added
    f.write_text("指标编号,统计截至日期,累计完成,计量单位\nfarmland,2022-06-30,2.1,万亩\nhogs,2022-06-30,3万,万头\n",
                 encoding="utf-8")
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert [x["target"] for x in ledger_rows(data)] == ["farmland", "hogs"]


def test_unit_confusion_is_caught(make_data, tmp_path: Path) -> None:
    data = make_data()
    f = tmp_path / "s.csv"
    f.write_text("指标编号,统计截至日期,累计完成,计量单位\nfarmland,2022-06-30,21000,万亩\n", encoding="utf-8")
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 1 and "value-too-large" in r.stderr
    assert ledger_rows(data) == []


def test_unknown_column_and_duplicate_rows(make_data, tmp_path: Path) -> None:
    data = make_data()
    f = tmp_path / "s.csv"
    f.write_text("指标编号,统计截至日期,累计完成数\nfarmland,2022-06-30,2\n", encoding="utf-8")
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 1 and "bad-header" in r.stderr
    f.write_text("指标编号,统计截至日期,累计完成\nfarmland,2022-06-30,2万\nfarmland,2022-06-30,2.2万\n", encoding="utf-8")
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 1 and "s.csv:3: duplicate-row" in r.stderr


def test_milestone_stage_import_and_title_row(make_data, tmp_path: Path) -> None:
    import openpyxl

    data = make_data()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区水利局 2022年6月进度"])  # a title row above the header
    ws.append(["指标编号", "统计截至日期", "形象进度", "来源"])
    ws.append(["reservoir", 44742, "已申请验收", "巴水函〔2022〕9号"])
    f = tmp_path / "w.xlsx"
    wb.save(f)
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 0, r.output
    [row] = ledger_rows(data, "2022-06/区水利局.csv")
    assert (row["stage"], row["date"], row["source"]) == ("已申请验收", "2022-06-30", "巴水函〔2022〕9号")


def test_damaged_xlsx(make_data, tmp_path: Path) -> None:
    data = make_data()
    f = tmp_path / "x.xlsx"
    f.write_bytes(b"PK\x03\x04 not really a zip")
    r = run(["import", str(f), "--data", str(data)])
    assert r.exit_code == 1 and "xlsx-unreadable" in r.stderr
