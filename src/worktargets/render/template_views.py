"""The monthly fill-in sheet (填报表) of one department: XLSX, or CSV as UTF-8 with BOM.

Its Chinese headers are the ones ``worktargets import`` reads back; the informational
columns (title, annual target, last total) are ignored on import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import Target
from .common import num, safe_cell, write_csv

__all__ = ["TemplateLine", "HEADER", "template_table", "template_csv", "write_template_xlsx"]

HEADER = (
    "指标编号", "目标任务", "计量单位", "年度目标", "上期累计", "上期日期",
    "统计截至日期", "累计完成", "形象进度", "可选阶段", "进展情况", "存在问题", "填报人", "来源",
)
_FILL_FROM = HEADER.index("累计完成")  # first column the clerk fills (after the date)
_WIDTHS = (22, 34, 9, 12, 12, 12, 13, 12, 14, 30, 36, 30, 10, 18)


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
            t.id, t.title, "" if t.is_milestone else (t.unit or ""), _goal(t), "" if last is None else last,
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


def write_template_xlsx(lines: list[TemplateLine], period_end: date, path: Path, title: str) -> None:
    """An .xlsx workbook: the sheet to fill, and a sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "填报表"
    ws.append(list(HEADER))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for i, width in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
        ws.cell(row=1, column=i).font = bold
    for r, row in enumerate(template_table(lines, period_end), start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=safe_cell(value) if isinstance(value, str) else value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            if isinstance(value, Decimal):
                cell.number_format = "General"
            if c - 1 >= _FILL_FROM - 1:
                cell.fill = fill
            cell.alignment = Alignment(vertical="top", wrap_text=c in (2, 11, 12))
        t = lines[r - 2].target
        if t.is_milestone and t.stages:
            listing = ",".join(t.stages)
            if len(listing) < 250:
                dv = DataValidation(type="list", formula1=f'"{listing}"', allow_blank=True)
                ws.add_data_validation(dv)
                dv.add(ws.cell(row=r, column=HEADER.index("形象进度") + 1))
    ws.freeze_panes = "C2"
    notes = wb.create_sheet("填报说明")
    for line in (
        title,
        "“累计完成”填年初至统计截至日期的累计数；只写数字时按“计量单位”一栏的单位计（如单位为万亩，填 2.1 即 2.1万亩），也可写“21000亩”“2.1万亩”。",
        "里程碑类指标不填“累计完成”，在“形象进度”中选一个阶段（见“可选阶段”）。",
        "“进展情况”“存在问题”填文字；“填报人”“来源”（文号、报表名）可选。",
        "不要改动“指标编号”和表头；未填写的行在导入时跳过。",
        "导入：worktargets import 本文件",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    wb.save(path)
