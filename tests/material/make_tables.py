"""Build the two 分解表 test files from the real 分解方案 items kept here (run from the repo root).

    .venv/bin/python tests/material/make_tables.py

- xianan-2023-fenjiebiao.xlsx: the twelve items of xianan-2023.txt (湖北省咸宁市咸安区, real words,
  real 责任领导/牵头单位/责任单位) laid out as offices lay out a 分解表: a title row, a blank row,
  two header rows with merged cells (季度进度 over 一季度…四季度), section rows merged across, the
  same 责任领导 merged down over consecutive items, two lead units in one multi-line cell. The
  layout, the 完成时限 and the 季度进度 cells are made up (the published 方案 has no table).
- dazhu-2016-minsheng.csv: the 分解表 of dazhu-2016-minsheng.txt (四川省达州市大竹县, real words,
  units and deadlines) as Chinese Excel saves it: GBK, several units in one multi-line cell, and
  the merged 序号/责任单位 of item 5's second line exported empty, as Excel does.
- ningbo-2007-fenjiebiao.docx: the nine items of ningbo-2007.txt (浙江省宁波市, real words) as a
  Word table: 序号, 工作任务 (the headline goal), 量化指标 (the detail), 责任单位 (the bracket:
  the first listed unit leads), 完成时限 (made up: 年底).
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent


def _items(name: str) -> list[str]:
    body = (HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    return body.split("\n")


def build_xlsx() -> Path:
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分解表"
    ws.append(["2023年区《政府工作报告》确定的重点工作任务责任分解表"] + [None] * 9)
    ws.merge_cells("A1:J1")
    ws.append([None] * 10)
    ws.append(["序号", "目标任务", "责任领导", "牵头单位", "责任单位", "完成时限", "季度进度", None, None, None])
    ws.append([None, None, None, None, None, None, "一季度", "二季度", "三季度", "四季度"])
    for col in "ABCDEF":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("G3:J3")
    rows: list[list[object]] = []
    for line in _items("xianan-2023"):
        m = re.match(r"^(\d+)\.(.*?)。?\((.*)\)$", line)
        if not m:
            if re.match(r"^[一二三四五六七八九十]+、|^\([一二三四五六七八九十]+\)", line):
                rows.append([line])
            continue
        fields = dict(part.split(":", 1) for part in m[3].split(";"))
        rows.append([int(m[1]), m[2], fields.get("责任领导", ""), fields.get("牵头单位", "").replace("、", "\n"),
                     fields.get("责任单位", ""), "2023年12月底"])
    for row in rows:
        if len(row) == 1:
            ws.append([row[0]] + [None] * 9)
            r = ws.max_row
            ws.merge_cells(f"A{r}:J{r}")
        else:
            ws.append(row + [None] * 4)
    # 季度进度 of item 12 (made up), and 责任领导 merged over items 1-2 (both 杜新国)
    last = ws.max_row
    ws.cell(last, 7).value = "完成前期工作"
    ws.cell(last, 10).value = "建成通车"
    first_item = next(r for r in range(5, last + 1) if ws.cell(r, 1).value == 1)
    ws.cell(first_item + 1, 3).value = None
    ws.merge_cells(f"C{first_item}:C{first_item + 1}")
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="center")
    out = HERE / "xianan-2023-fenjiebiao.xlsx"
    wb.save(out)
    return out


def build_docx() -> Path:
    import docx

    lines = _items("ningbo-2007")
    items: list[list[str]] = []
    for line in lines:
        m = re.match(r"^(\d+)\.(.*?)。?$", line)
        if m:
            items.append([m[1], m[2], "", ""])
        elif items and line and not line.startswith(("一、", "2007")):
            owner = re.search(r"\(([^()]*)\)$", line)
            detail = line[:owner.start()] if owner else line
            items[-1][2] = (items[-1][2] + "\n" if items[-1][2] else "") + detail.rstrip("。")
            if owner:
                items[-1][3] = owner[1]
        if items and not items[-1][3]:
            owner = re.search(r"\(([^()]*)\)$", line)
            if owner and m:
                items[-1][1] = items[-1][1][:items[-1][1].rfind("(")].rstrip("。") if "(" in items[-1][1] else items[-1][1]
                items[-1][3] = owner[1]
    document = docx.Document()
    document.add_paragraph("2007年市政府工作主要任务责任分解")
    table = document.add_table(rows=1, cols=5)
    for cell, word in zip(table.rows[0].cells, ["序号", "工作任务", "量化指标", "责任单位", "完成时限"]):
        cell.text = word
    for no, task, detail, owner in items:
        cells = table.add_row().cells
        for cell, word in zip(cells, [no, task, detail, owner, "年底"]):
            cell.text = word
    out = HERE / "ningbo-2007-fenjiebiao.docx"
    document.save(out)
    return out


DAZHU_ROWS = [
    ["序号", "民生实事", "责任单位", "完成时限"],
    ["1", "启动建设东柳河城区段综合治理工程和东湖湿地公园。", "县水务局\n县住建局\n县护城河指挥部", "12月底前"],
    ["2", "新建2座人行天桥。", "县住建局", "9月投入使用"],
    ["3", "启动县图书馆新馆建设。", "县文体广新局\n县代建中心", "12月底前"],
    ["4", "建成县残疾人综合服务中心。", "县残联", "5月底前动工"],
    ["5", "开工建设县老年养护楼。", "县民政局", "5月底前动工"],
    ["", "开工建设老年大学。", "", "12月底前"],
    ["6", "迁建县政务服务中心。", "县政务服务中心\n县代建中心", "12月底前"],
    ["7", "加快推进土地滩水库建设。", "县水务局", "12月底前"],
    ["8", "启动大竹县第十二小学建设,新建中心幼儿园2所。", "县教科局\n县代建中心", "12月底前"],
    ["9", "完成棚户区改造2836户。", "县住建局", "12月底前"],
    ["10", "城区再新建1个农贸市场。", "县商务局", "12月底前"],
]


def build_csv() -> Path:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["2016年民生实事目标任务分解表", "", "", ""])
    writer.writerows(DAZHU_ROWS)
    out = HERE / "dazhu-2016-minsheng.csv"
    out.write_bytes(buf.getvalue().encode("gbk"))
    return out


if __name__ == "__main__":
    print(build_csv())
    print(build_xlsx())
    print(build_docx())
