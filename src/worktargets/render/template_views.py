"""The monthly fill-in sheet (填报表) of one department: XLSX, or CSV as UTF-8 with BOM.

Its Chinese headers are the ones ``worktargets import`` reads back; the informational
columns (title, annual target, lead department, last total) are ignored on import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import Kind, Target
from .common import num, write_csv

__all__ = ["TemplateLine", "HEADER", "template_table", "template_csv", "write_template_xlsx"]

HEADER = (
    "指标编号", "目标任务", "计量单位", "年度目标", "牵头单位", "上期累计", "上期日期",
    "统计截至日期", "累计完成", "形象进度", "可选阶段", "进展情况", "存在问题", "填报人", "来源",
)
_FILL_FROM = HEADER.index("累计完成")  # first column the clerk fills (after the date)
_WIDTHS = (20, 30, 8, 13, 14, 10, 11, 12, 12, 14, 20, 34, 26, 8, 14)


@dataclass(frozen=True, slots=True)
class TemplateLine:
    target: Target
    last_value: Decimal | None
    last_date: date | None
    last_stage: str | None


def _goal(t: Target) -> str:
    if t.is_milestone:
        return t.stages[-1] if t.stages else ""
    goal = t.effective_target()
    if goal is None:
        return "—"
    return f"{t.comparator.symbol}{num(goal, t.unit)}" if t.comparator.value != "ge" else num(goal, t.unit)


def template_table(lines: list[TemplateLine], period_end: date) -> list[list[Any]]:
    """Rows under HEADER: the informational cells filled, the clerk's cells empty."""
    rows: list[list[Any]] = []
    for ln in lines:
        t = ln.target
        last: Any = ln.last_stage if t.is_milestone else ln.last_value
        rows.append([
            t.id, t.title, "" if t.is_milestone else (t.unit or ""), _goal(t), t.owner, "" if last is None else last,
            ln.last_date or "", period_end, "", "", "/".join(t.stages) if t.is_milestone else "", "", "", "", "",
        ])
    return rows


def _csv_cell(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return num(v)
    return v


def template_csv(lines: list[TemplateLine], period_end: date) -> str:
    """CSV text, UTF-8 with BOM and CRLF, so Excel and WPS open it directly."""
    rows = [[_csv_cell(c) for c in r] for r in template_table(lines, period_end)]
    return write_csv(HEADER, rows, bom=True)


def _serial(d: date) -> int:
    """The spreadsheet day number of ``d`` (1900 date system)."""
    return (d - date(1899, 12, 30)).days


def write_template_xlsx(lines: list[TemplateLine], period_end: date, path: Path, title: str) -> None:
    """An .xlsx workbook: the sheet to fill, its instructions, and a hidden list of stages.

    The informational columns are locked (sheet protection without a password: a clerk
    who must can still unprotect it); the cells to fill are unlocked and validated: 累计完成
    a number (not below 0 unless the target is a growth rate; a number with its unit,
    "21000亩", is still accepted after a warning), 统计截至日期 a date in the plan year
    (the year of ``period_end``), 形象进度 one of the target's stages.
    """
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .bulletin_xlsx import BODY_FONT, HEAD_FONT, new_workbook, print_setup, put, typed_cell

    wb = new_workbook()
    ws = wb.active
    ws.title = "填报表"
    head = Font(name=HEAD_FONT, sz=11, charset=134)
    body = Font(name=BODY_FONT, sz=11, charset=134)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    fill = PatternFill("solid", fgColor="FFF2CC")
    fixed = PatternFill("solid", fgColor="F2F2F2")
    unlocked = Protection(locked=False)
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i, (name, width) in enumerate(zip(HEADER, _WIDTHS), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
        c = put(ws, 1, i, name)
        c.font, c.fill, c.border = head, head_fill, border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    col = {name: i for i, name in enumerate(HEADER, 1)}
    year = period_end.year
    amount = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            errorStyle="warning", errorTitle="累计完成",
                            error="请填写数字（按“计量单位”一栏的单位计），不小于 0。写带单位的数（如“21000亩”）时点“是”继续。",
                            promptTitle="累计完成", prompt="年初至统计截至日期的累计数，按“计量单位”一栏的单位计")
    rate = DataValidation(type="decimal", operator="between", formula1="-1000000000", formula2="1000000000",
                          allow_blank=True, errorStyle="warning", errorTitle="累计完成",
                          error="请填写数字（增长率，单位 %，可为负数）。", promptTitle="累计完成",
                          prompt="同比增长率（%），可为负数")
    when = DataValidation(type="date", operator="between", formula1=str(_serial(date(year, 1, 1))),
                          formula2=str(_serial(date(year, 12, 31))), allow_blank=True, errorStyle="stop",
                          errorTitle="统计截至日期", error=f"请填写 {year} 年内的日期，如 {period_end.isoformat()}。",
                          promptTitle="统计截至日期", prompt=f"{year} 年内的日期")
    for dv in (amount, rate, when):
        dv.showErrorMessage = dv.showInputMessage = True
        ws.add_data_validation(dv)
    stages_ws = None
    k = 0  # rows of the stages sheet
    fill_cols = {col[name] for name in HEADER[_FILL_FROM - 1:] if name != "可选阶段"}
    for r, row in enumerate(template_table(lines, period_end), start=2):
        t = lines[r - 2].target
        for c, value in enumerate(row, start=1):
            if c == col["年度目标"] and not t.is_milestone and t.effective_target() is not None:
                value, fmt = typed_cell(str(value), t.effective_target())
            else:
                fmt = "yyyy-mm-dd" if isinstance(value, date) else "General" if isinstance(value, Decimal) else None
            cell = put(ws, r, c, value)
            cell.font, cell.border = body, border
            if fmt is not None:
                cell.number_format = fmt
            if c in fill_cols:
                cell.fill = fill
                cell.protection = unlocked
            else:
                cell.fill = fixed
            cell.alignment = Alignment(vertical="top", wrap_text=c in (2, col["进展情况"], col["存在问题"]))
        when.add(ws.cell(row=r, column=col["统计截至日期"]))
        if t.is_milestone and t.stages:
            if stages_ws is None:
                stages_ws = wb.create_sheet("阶段")
                stages_ws.sheet_state = "hidden"
            k += 1
            put(stages_ws, k, 1, t.id)
            for j, stage in enumerate(t.stages, 2):
                put(stages_ws, k, j, stage)
            last = get_column_letter(len(t.stages) + 1)
            dv = DataValidation(type="list", formula1=f"'阶段'!$B${k}:${last}${k}", allow_blank=True,
                                errorStyle="stop", errorTitle="形象进度", error="请从下拉列表中选一个阶段。")
            ws.add_data_validation(dv)
            dv.add(ws.cell(row=r, column=col["形象进度"]))
        elif not t.is_milestone:
            (rate if t.kind is Kind.GROWTH else amount).add(ws.cell(row=r, column=col["累计完成"]))
    ws.freeze_panes = "C2"
    ws.protection.sheet = True  # no password
    ws.protection.formatColumns = ws.protection.formatRows = False  # widths and heights stay adjustable
    print_setup(ws, 1, sum(_WIDTHS), "zh")
    ws.print_title_rows = "1:1"
    notes = wb.create_sheet("填报说明", 1)
    for n, line in enumerate((
        title,
        "“累计完成”填年初至统计截至日期的累计数；只写数字时按“计量单位”一栏的单位计（如单位为万亩，填 2.1 即 2.1万亩），也可写“21000亩”“2.1万亩”（表格提示时点“是”）。",
        "里程碑类指标不填“累计完成”，在“形象进度”中选一个阶段（见“可选阶段”）。",
        "“统计截至日期”须是本计划年度内的日期。",
        "“进展情况”“存在问题”填文字；“填报人”“来源”（文号、报表名）可选。",
        "灰底各列（指标编号、目标任务、计量单位、年度目标、牵头单位、上期累计、上期日期、可选阶段）已锁定；"
        "确需修改可在“审阅—撤消工作表保护”中解除（无密码）。",
        "不要改动“指标编号”和表头；未填写的行在导入时跳过。",
        "导入：worktargets import 本文件",
    ), 1):
        c = put(notes, n, 1, line)
        c.font = head if n == 1 else body
        c.alignment = Alignment(wrap_text=True, vertical="top")
    notes.column_dimensions["A"].width = 100
    print_setup(notes, 1, 100, "zh")
    import io

    buf = io.BytesIO()  # zipped in memory: a full disk fails one plain write, not a half-closed zip
    wb.save(buf)
    Path(path).write_bytes(buf.getvalue())
