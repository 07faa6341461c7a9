"""worktargets draft TABLE: a 分解表 (xlsx, docx, csv) in any column order, merged cells, unreadable rows."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from worktargets.cli import app
from worktargets.draft.table import find_header

MATERIAL = Path(__file__).parent / "material"
runner = CliRunner()


def _run(tmp_path: Path, source: Path, *args: str):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    return runner.invoke(app, ["draft", str(source), "-o", str(out), "--lang", "en", *args]), out


def _doc(out: Path) -> dict:
    return yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))


def _checks_pass(out: Path) -> None:
    for command in (["validate"], ["coverage"], ["status", "--as-of", "2023-06-30"]):
        r = runner.invoke(app, [*command, "--data", str(out)])
        assert r.exit_code == 0, (command, r.stdout, r.stderr)


def test_xlsx_with_merged_cells_and_two_header_rows(tmp_path: Path) -> None:
    result, out = _run(tmp_path, MATERIAL / "xianan-2023-fenjiebiao.xlsx")
    assert result.exit_code == 0, result.stderr
    _checks_pass(out)
    doc = _doc(out)
    by_id = {t["id"]: t for t in doc["targets"]}
    assert doc["plan"]["title"] == "2023年区《政府工作报告》确定的重点工作任务责任分解表"
    assert by_id["2"]["leader"] == "杜新国"  # 责任领导 merged down over items 1-2
    assert by_id["6"]["owner"] == ["区财政局", "区税务局"]  # a multi-line cell
    assert by_id["1"]["due"] == date(2023, 12, 31)  # 完成时限 2023年12月底
    assert by_id["1"]["section"] == "一、2023年全区经济社会发展主要预期目标"
    assert by_id["12-1"]["subsection"] == "(一)坚定不移做强增长引擎"
    assert "一季度：完成前期工作" in by_id["12-2"]["note"] and "四季度：建成通车" in by_id["12-2"]["note"]
    assert by_id["12-2"]["co_owners"][0] == "区发改局"


def test_docx_table_first_listed_unit_leads(tmp_path: Path) -> None:
    result, out = _run(tmp_path, MATERIAL / "ningbo-2007-fenjiebiao.docx")
    assert result.exit_code == 0, result.stderr
    _checks_pass(out)
    doc = _doc(out)
    energy = [t for t in doc["targets"] if t["no"] == "3"]
    assert [t["kind"] for t in energy] == ["decrease"] * 3
    assert energy[0]["owner"] == "市经委" and energy[0]["co_owners"] == ["环保局"]
    assert energy[0]["comparator"] == "about"
    assert all(t["due"] == date(2007, 12, 31) for t in doc["targets"])
    assert any(t["target"] == "820万标箱" for t in doc["targets"])


def test_docx_table_with_merged_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年县政府工作报告重点任务分解表")
    table = document.add_table(rows=5, cols=4)
    for cell, word in zip(table.rows[0].cells, ["序号", "工作任务", "牵头单位", "分管领导"]):
        cell.text = word
    section = table.cell(1, 0).merge(table.cell(1, 3))
    section.text = "一、乡村振兴"
    for r, (no, task, owner) in enumerate([("1", "新建高标准农田3.6万亩", "县农业农村局"),
                                           ("2", "生猪出栏52万头以上", "县农业农村局"),
                                           ("3", "建成城东污水处理厂", "县住建局")], start=2):
        for c, word in enumerate([no, task, owner]):
            table.cell(r, c).text = word
    leader = table.cell(2, 3).merge(table.cell(4, 3))
    leader.text = "王某"
    f = tmp_path / "分解表.docx"
    document.save(f)
    result, out = _run(tmp_path, f)
    assert result.exit_code == 0, result.stderr
    doc = _doc(out)
    assert doc["plan"]["year"] == 2024 and doc["plan"]["title"] == "2024年县政府工作报告重点任务分解表"
    assert [t.get("leader") for t in doc["targets"]] == ["王某"] * 3
    assert [t["section"] for t in doc["targets"]] == ["一、乡村振兴"] * 3
    assert doc["targets"][2]["kind"] == "milestone"
    assert runner.invoke(app, ["validate", "--data", str(out)]).exit_code == 0


def _csv(tmp_path: Path, rows: list[list[str]], encoding: str = "gbk") -> Path:
    f = tmp_path / "分解表.csv"
    f.write_bytes("\r\n".join(",".join(f'"{c}"' for c in row) for row in rows).encode(encoding))
    return f


def test_gbk_csv_header_not_on_row_one_any_column_order(tmp_path: Path) -> None:
    rows = [
        ["2024年县政府工作报告目标任务分解表", "", "", "", "", ""],
        ["", "", "", "", "", ""],
        ["完成时限", "牵头单位", "工作内容", "序  号", "配合单位", "分管领导"],
        ["", "", "一、乡村振兴", "", "", ""],
        ["2024年6月底前", "县农业农村局", "新建高标准农田3.6万亩", "1", "各乡镇", "王某"],
        ["年底", "县水利局\n县发改局", "完成天星桥水库蓄水验收", "2", "", "李某"],
    ]
    result, out = _run(tmp_path, _csv(tmp_path, rows))
    assert result.exit_code == 0, result.stderr
    for command in (["validate"], ["coverage"], ["status", "--as-of", "2024-06-30"]):
        assert runner.invoke(app, [*command, "--data", str(out)]).exit_code == 0, command
    by_id = {t["id"]: t for t in _doc(out)["targets"]}
    assert by_id["1"]["target"] == "3.6万亩" and by_id["1"]["owner"] == "县农业农村局"
    assert by_id["1"]["co_owners"] == ["各乡镇"] and by_id["1"]["leader"] == "王某"
    assert by_id["1"]["due"] == date(2024, 6, 30) and by_id["1"]["section"] == "一、乡村振兴"
    assert by_id["2"]["kind"] == "milestone" and by_id["2"]["owner"] == ["县水利局", "县发改局"]
    assert _doc(out)["plan"]["year"] == 2024


def test_utf8_bom_csv(tmp_path: Path) -> None:
    rows = [["序号", "目标任务", "量化指标", "牵头单位"], ["1", "生猪出栏", "52万头以上", "区农业农村局"]]
    f = tmp_path / "t.csv"
    f.write_bytes(b"\xef\xbb\xbf" + "\n".join(",".join(r) for r in rows).encode("utf-8"))
    result, out = _run(tmp_path, f, "--year", "2022")
    assert result.exit_code == 0, result.stderr
    t = _doc(out)["targets"][0]
    assert t["target"] == "52万头" and t["owner"] == "区农业农村局"
    assert t["source"] == "生猪出栏52万头以上" and t["title"] == "生猪出栏"


def test_unreadable_rows_are_reported_with_their_row_number(tmp_path: Path) -> None:
    rows = [
        ["序号", "目标任务", "牵头单位", "完成时限"],
        ["1", "新建高标准农田3.6万亩", "区农业农村局", "年底"],
        ["2", "", "区水利局", "年底"],
        ["3", "生猪出栏52万头以上", "区农业农村局", "十三月"],
        ["4", "肉牛出栏1万头以上", "区农业农村局", ""],
    ]
    result, out = _run(tmp_path, _csv(tmp_path, rows, "utf-8"), "--year", "2022")
    assert result.exit_code == 0, result.stderr
    warned = re.findall(r"warning: [^:]+:(\d+): table-row-unreadable", result.stderr)
    assert warned == ["3", "4"]
    sources = [t["source"] for t in _doc(out)["targets"]]
    assert not any("生猪" in s for s in sources)  # nothing guessed for row 4
    assert any("肉牛" in s for s in sources) and any("高标准农田" in s for s in sources)
    assert "未编目" in (out / "targets.yaml").read_text(encoding="utf-8")
    assert runner.invoke(app, ["validate", "--data", str(out)]).exit_code == 0


def test_no_header_is_refused(tmp_path: Path) -> None:
    rows = [["甲", "乙", "丙"], ["新建高标准农田3.6万亩", "区农业农村局", "年底"]]
    result, out = _run(tmp_path, _csv(tmp_path, rows, "utf-8"))
    assert result.exit_code == 1
    assert re.findall(r"error: [^:]+:1: (table-no-header)", result.stderr) == ["table-no-header"]
    assert not out.exists()


@pytest.mark.parametrize("header, keys", [
    (["序号", "目标任务", "量化指标", "责任领导", "牵头单位", "责任单位", "完成时限"],
     ["no", "task", "measure", "leader", "owner", "co", "due"]),
    (["工作内容", "配合单位", "牵头部门", "时间节点"], ["task", "co", "owner", "due"]),
    (["重点工作", "具体指标", "包抓领导", "备注"], ["task", "measure", "leader", "note"]),
])
def test_header_words(header: list[str], keys: list[str]) -> None:
    found = find_header([["标题"], header, ["1", "x"]])
    assert found is not None and found[0] == 1
    assert [found[2][c] for c in range(len(header))] == keys
