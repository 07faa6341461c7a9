"""Nothing recorded is lost, duplicated or silently misread by ``import`` (issue 12)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from worktargets.cli import app

runner = CliRunner()
ENV = {"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": "en"}
SHEET_HEAD = "指标编号,统计截至日期,累计完成,计量单位,填报人,进展情况\n"


def run(args: list[str]):
    return runner.invoke(app, args, env=ENV)


def ledger(data: Path, rel: str = "2022-06/区农业农村局.csv") -> list[dict[str, str]]:
    p = data / "progress" / rel
    if not p.exists():
        return []
    return list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8"))))


def write_csv(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def xlsx(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None, hidden_first: list[list[object]] | None = None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first is not None:
        ws.title = "旧表"
        for r in hidden_first:
            ws.append(r)
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("填报")
        wb.active = 1
    for r in rows:
        ws.append(r)
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    wb.save(path)
    return path


# -- concurrent imports of one sheet ---------------------------------------------------


def _import_procs(data: Path, sheet: Path, n: int) -> list[subprocess.Popen[str]]:
    env = dict(os.environ, **ENV)
    return [subprocess.Popen([sys.executable, "-m", "worktargets", "import", str(sheet), "--data", str(data)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(n)]


def test_three_processes_importing_one_sheet_write_it_once(make_data, tmp_path: Path) -> None:
    rounds, procs_per_round = 3, 3
    for k in range(rounds):
        data = make_data(name=f"data{k}")
        sheet = write_csv(tmp_path / f"s{k}.csv", SHEET_HEAD + f"farmland,2022-06-30,2.{k},万亩,张三,进展\n")
        procs = _import_procs(data, sheet, procs_per_round)
        outs = [p.communicate(timeout=30) for p in procs]
        assert all(p.returncode == 0 for p in procs), outs
        rows = ledger(data)
        assert len(rows) == 1, rows  # exactly one entry, whoever won
        said = sorted("imported 1 entry" in o for o, _e in outs)
        assert said == [False] * (procs_per_round - 1) + [True], outs
        assert sum("1 already recorded" in o for o, _e in outs) == procs_per_round - 1
        assert run(["validate", "--data", str(data)]).exit_code == 0


def test_already_recorded_is_decided_under_the_lock(make_data, tmp_path: Path, monkeypatch) -> None:
    """The plan said new, but the entry landed meanwhile (another import): not written twice."""
    import worktargets.writer as writer

    data = make_data()
    sheet = write_csv(tmp_path / "s.csv", SHEET_HEAD + "farmland,2022-06-30,2.1,万亩,张三,进展\n")
    real = writer._append_locked
    state = {"done": False}

    def race(path, rows, skip):  # the other process's import landed just before ours took the lock
        if not state["done"]:
            state["done"] = True
            real(path, rows, False)
        return real(path, rows, skip)

    monkeypatch.setattr(writer, "_append_locked", race)
    r = run(["import", str(sheet), "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert "imported 0 entries" in r.stdout and "1 already recorded" in r.stdout
    assert len(ledger(data)) == 1


# -- numbers read as they were meant -----------------------------------------------------


def test_percent_cell_is_read_by_its_number_format(make_data, tmp_path: Path) -> None:
    data = make_data()
    path = xlsx(tmp_path / "g.xlsx", [["指标编号", "统计截至日期", "累计完成", "填报人"],
                                      ["invest-growth", "2022-06-30", 0.092, "王五"]], {"C2": "0.0%"})
    r = run(["import", str(path), "--data", str(data)])
    assert r.exit_code == 0, r.output
    [row] = ledger(data, "2022-06/区经济和信息化局.csv")
    assert (row["value"], row["unit"]) == ("9.2", "%")


def test_percent_cell_against_a_target_not_in_percent_is_located(make_data, tmp_path: Path) -> None:
    data = make_data()
    path = xlsx(tmp_path / "g.xlsx", [["指标编号", "统计截至日期", "累计完成", "填报人"],
                                      ["hogs", "2022-06-30", 0.4, "王五"]], {"C2": "0%"})
    r = run(["import", str(path), "--data", str(data)])
    assert r.exit_code == 1
    assert "unit-mismatch" in r.stderr and "g.xlsx:2" in r.stderr and "累计完成" in r.stderr
    assert not (data / "progress" / "2022-06").exists()


def test_bare_number_in_a_sheet_is_in_the_target_unit(make_data, tmp_path: Path) -> None:
    data = make_data()
    sheet = write_csv(tmp_path / "s.csv", "指标编号,统计截至日期,累计完成\nhogs,2022-06-30,0.78\n")
    r = run(["import", str(sheet), "--data", str(data)])
    assert r.exit_code == 0, r.output
    [row] = ledger(data)
    assert (row["value"], row["unit"]) == ("0.78", "万头")  # the unit written out: the line is unambiguous
    # a unit column says otherwise: that unit
    sheet = write_csv(tmp_path / "t.csv", "指标编号,统计截至日期,累计完成,计量单位\nhogs,2022-06-29,7800,头\n")
    assert run(["import", str(sheet), "--data", str(data)]).exit_code == 0
    assert [(x["value"], x["unit"]) for x in ledger(data)][1] == ("0.78", "万头")


# -- formulas, hidden sheets, bounds ---------------------------------------------------------


def test_formula_without_a_saved_result_is_a_located_error(make_data, tmp_path: Path) -> None:
    data = make_data()
    path = xlsx(tmp_path / "f.xlsx", [["指标编号", "统计截至日期", "累计完成", "填报人"],
                                      ["farmland", "2022-06-30", "=1+1", "王五"]])  # openpyxl saves no result
    r = run(["import", str(path), "--data", str(data)])
    assert r.exit_code == 1
    assert "formula-no-value" in r.stderr and "f.xlsx:2" in r.stderr and "累计完成" in r.stderr
    assert "填报!C2" in r.stderr or "Sheet!C2" in r.stderr
    assert "left empty" not in r.stdout


def test_hidden_first_sheet_is_not_imported(make_data, tmp_path: Path) -> None:
    data = make_data()
    head = ["指标编号", "统计截至日期", "累计完成", "计量单位"]
    path = xlsx(tmp_path / "h.xlsx", [head, ["farmland", "2022-06-30", 2.5, "万亩"]],
                hidden_first=[head, ["farmland", "2022-06-30", 0.1, "万亩"]])
    r = run(["import", str(path), "--data", str(data)])
    assert r.exit_code == 0, r.output
    assert [x["value"] for x in ledger(data)] == ["2.5"]
    # a hidden sheet is read only when named; an unknown name is a located error
    r = run(["import", str(path), "--sheet", "不存在", "--data", str(data)])
    assert r.exit_code == 1 and "sheet-not-found" in r.stderr and "--sheet" in r.stderr
    r = run(["import", str(path), "--sheet", "旧表", "--data", str(data), "--force"])
    assert r.exit_code == 0, r.output
    assert "0.1" in [x["value"] for x in ledger(data)]


def _lying_dimension(path: Path) -> Path:
    """A 2 KB workbook whose sheet says it spans A1:XFD1048576."""
    small = xlsx(path.with_suffix(".tmp.xlsx"), [["指标编号", "统计截至日期", "累计完成"], ["farmland", "2022-06-30", 2]])
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                import re

                data = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', data)
                data = data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
            zout.writestr(info, data)
    small.unlink()
    return path


def test_lying_dimension_is_refused_fast(make_data, tmp_path: Path) -> None:
    data = make_data()
    path = _lying_dimension(tmp_path / "dim.xlsx")
    assert path.stat().st_size < 10_000
    env = dict(os.environ, **ENV)
    t0 = time.monotonic()
    got = subprocess.run([sys.executable, "-m", "worktargets", "import", str(path), "--data", str(data)],
                         capture_output=True, text=True, env=env, timeout=20)
    took = time.monotonic() - t0
    assert got.returncode == 1, got.stderr
    assert "xlsx-too-large" in got.stderr and "dim.xlsx" in got.stderr and "dimension" in got.stderr
    assert took < 10, took


def test_sheet_that_inflates_beyond_the_limit_is_refused_before_parsing(make_data, tmp_path: Path) -> None:
    data = make_data()
    path = tmp_path / "bomb.xlsx"
    xlsx(path, [["指标编号"]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/padding.xml", b" " * (21 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    t0 = time.monotonic()
    r = run(["import", str(path), "--data", str(data)])
    assert r.exit_code == 1 and "xlsx-too-large" in r.stderr and "padding.xml" in r.stderr
    assert time.monotonic() - t0 < 5


def test_real_cell_count_beyond_the_limit_is_refused(make_data, tmp_path: Path, monkeypatch) -> None:
    import worktargets.xlsxsheet as xs

    monkeypatch.setattr(xs, "XLSX_MAX_CELLS", 50)
    data = make_data()
    rows = [["指标编号", "统计截至日期", "累计完成"]] + [["farmland", "2022-06-30", i] for i in range(40)]
    path = xlsx(tmp_path / "many.xlsx", rows)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp_path / "many2.xlsx", "w") as zout:  # dimension says A1:A1
        import re

        for info in zin.infolist():
            b = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                b = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', b)
            zout.writestr(info, b)
    r = run(["import", str(tmp_path / "many2.xlsx"), "--data", str(data)])
    assert r.exit_code == 1 and "xlsx-too-large" in r.stderr and "many2.xlsx:" in r.stderr


# -- whose rows, and resubmissions ------------------------------------------------------------


def test_row_for_another_department_is_refused(make_data, tmp_path: Path) -> None:
    data = make_data()
    text = ("区农业农村局 2022年6月进度填报表\n" + SHEET_HEAD
            + "farmland,2022-06-30,2.1,万亩,张三,进展\noutput,2022-06-30,30,亿元,张三,代报\n")
    sheet = write_csv(tmp_path / "s.csv", text)
    r = run(["import", str(sheet), "--data", str(data)])
    assert r.exit_code == 1
    assert "other-owner" in r.stderr and "s.csv:4" in r.stderr and "指标编号" in r.stderr
    assert not (data / "progress" / "2022-06").exists()
    r = run(["import", str(sheet), "--data", str(data), "--allow-other-owners"])
    assert r.exit_code == 0, r.output
    assert len(ledger(data)) == 1 and len(ledger(data, "2022-06/区经济和信息化局.csv")) == 1


def test_sheet_without_title_takes_the_department_of_most_rows(make_data, tmp_path: Path) -> None:
    data = make_data()
    sheet = write_csv(tmp_path / "s.csv", SHEET_HEAD + "farmland,2022-06-30,2.1,万亩,张三,\nhogs,2022-06-30,20,万头,张三,\n"
                      "output,2022-06-30,30,亿元,张三,\n")
    r = run(["import", str(sheet), "--data", str(data)])
    assert r.exit_code == 1 and "other-owner" in r.stderr and "s.csv:4" in r.stderr


def test_changed_resubmission_is_a_correction_of_the_earlier_entry(make_data, tmp_path: Path) -> None:
    data = make_data()
    first = write_csv(tmp_path / "s.csv", SHEET_HEAD + "farmland,2022-06-30,2.0,万亩,张三,进展\n")
    assert run(["import", str(first), "--data", str(data)]).exit_code == 0
    [old] = ledger(data)
    changed = write_csv(tmp_path / "s2.csv", SHEET_HEAD + "farmland,2022-06-30,1.8,万亩,张三,改正\n")
    r = run(["import", str(changed), "--data", str(data)])
    assert r.exit_code == 0, r.output  # lower than the replaced figure: no total-decreased
    assert "1 correction" in r.stdout and old["id"] in r.stdout
    new = ledger(data)[-1]
    assert (new["replaces"], new["value"]) == (old["id"], "1.8")
    r = run(["import", str(changed), "--data", str(data)])  # unchanged resubmission
    assert r.exit_code == 0 and "1 already recorded" in r.stdout and len(ledger(data)) == 2
    assert run(["import", str(first), "--data", str(data)]).exit_code == 0  # the first sheet again: nothing new
    assert len(ledger(data)) == 2
    r = run(["status", "--as-of", "2022-06-30", "--format", "json", "--data", str(data)])
    assert '"actual": 1.8' in r.stdout


def test_another_reporter_same_day_is_not_a_correction(make_data, tmp_path: Path) -> None:
    data = make_data()
    assert run(["import", str(write_csv(tmp_path / "a.csv", SHEET_HEAD + "farmland,2022-06-30,2.0,万亩,张三,\n")),
                "--data", str(data)]).exit_code == 0
    r = run(["import", str(write_csv(tmp_path / "b.csv", SHEET_HEAD + "farmland,2022-06-30,2.2,万亩,李四,\n")),
             "--data", str(data)])
    assert r.exit_code == 0 and "correction" not in r.stdout
    assert ledger(data)[-1]["replaces"] == ""


def test_a_hostile_file_name_is_shown_escaped(make_data, tmp_path: Path) -> None:
    data = make_data()
    sheet = write_csv(tmp_path / "s\x1b[2J\x07.csv", SHEET_HEAD + "nosuch,2022-06-30,2,万亩,张三,\n")
    r = run(["import", str(sheet), "--data", str(data)])
    assert r.exit_code == 1 and "unknown-target" in r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "s␛[2J␇.csv:2:" in r.stderr  # errors.printable: control pictures


def test_the_original_sheet_again_after_a_correction_says_the_correction_stands(make_data, tmp_path: Path) -> None:
    data = make_data()
    first = write_csv(tmp_path / "s.csv", SHEET_HEAD + "farmland,2022-06-30,2.0,万亩,张三,进展\n")
    assert run(["import", str(first), "--data", str(data)]).exit_code == 0
    [old] = ledger(data)
    changed = write_csv(tmp_path / "s2.csv", SHEET_HEAD + "farmland,2022-06-30,1.8,万亩,张三,改正\n")
    assert run(["import", str(changed), "--data", str(data)]).exit_code == 0
    new = ledger(data)[-1]
    r = run(["import", str(first), "--data", str(data)])  # the figure as first filed, once more
    assert r.exit_code == 0 and "1 already recorded" in r.stdout and len(ledger(data)) == 2
    assert f"row 2 equals entry {old['id']}, which {new['id']} corrects: the correction stands" in r.stdout
    r = run(["import", str(first), "--data", str(data), "--lang", "zh"])
    assert f"第2行与记录 {old['id']} 相同，该记录已被 {new['id']} 更正" in r.stdout
    r = run(["import", str(changed), "--data", str(data)])  # the correction itself again: nothing to say
    assert r.exit_code == 0 and "correction stands" not in r.stdout
