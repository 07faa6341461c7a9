"""The bulletin as an Excel workbook (openpyxl, imported only here).

One sheet per part (进度通报 by section, 进度滞后, 蜗牛榜, 逾期未报, 逾期未完成): coloured
fills by state, a frozen header, columns wide enough for Chinese, A4 landscape printing
fitted to the page width. Text is never stored as a formula: a cell whose text begins
with =, +, - or @ is written as a string (data_type "s") whatever it says.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import State
from ..reports.bulletin import Bulletin
from .report_views import bulletin_table_rows, report_sheets, summary_line
from .words import word

__all__ = ["write_bulletin_xlsx", "STATE_FILLS", "display_width"]

# background colours by state (Excel's own good/neutral/bad palette where it has one)
STATE_FILLS: dict[State, str] = {
    State.DONE: "C6EFCE",
    State.AHEAD: "C6EFCE",
    State.ON_TRACK: "E2EFDA",
    State.BEHIND: "FFEB9C",
    State.FAR_BEHIND: "FFC7CE",
    State.OVERDUE: "FF7C80",
    State.NO_DATA: "EDEDED",
    State.NEEDS_BASELINE: "E4DFEC",
}
_HEADER_FILL = "DDEBF7"
_SECTION_FILL = "F2F2F2"


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write a value; text beginning with =, +, - or @ stays text (never a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal):
        value = float(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=1+1" a formula
    return cell


def _fit_columns(ws: Any, widths: dict[int, int], cap: int = 48) -> None:
    from openpyxl.utils import get_column_letter

    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(cap, max(6, w + 2))


def _print_setup(ws: Any, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def _sheet(wb: Any, name: str, title: str, header: list[str], rows: list[tuple[State | None, list[Any]]],
           note: str = "", bands: dict[int, str] | None = None) -> Any:
    """A sheet with a title line, a frozen coloured header, rows filled by state.

    ``bands``: section names to insert before the row with that index.
    """
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    ws = wb.create_sheet(name)
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    _put(ws, 1, 1, title).font = Font(bold=True, size=14)
    if note:
        _put(ws, 2, 1, note).font = Font(color="595959")
    header_row = 3
    widths: dict[int, int] = {}
    for j, h in enumerate(header, 1):
        c = _put(ws, header_row, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
        widths[j] = display_width(h)
    r = header_row + 1
    for i, (state, cells) in enumerate(rows):
        if bands and i in bands:
            c = _put(ws, r, 1, bands[i])
            c.font = Font(bold=True)
            for j in range(1, len(header) + 1):
                ws.cell(row=r, column=j).fill = PatternFill("solid", fgColor=_SECTION_FILL)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
            r += 1
        for j, v in enumerate(cells, 1):
            c = _put(ws, r, j, v)
            c.border = border
            c.alignment = Alignment(vertical="center", wrap_text=True)
            if isinstance(v, str):
                widths[j] = max(widths.get(j, 0), display_width(v))
            elif isinstance(v, (int, float)):
                widths[j] = max(widths.get(j, 0), 8)
        if state is not None:
            c = ws.cell(row=r, column=len(cells))
            c.fill = PatternFill("solid", fgColor=STATE_FILLS[state])
            if state is State.OVERDUE:
                c.font = Font(bold=True, color="9C0006")
        r += 1
    _fit_columns(ws, widths)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    _print_setup(ws, header_row)
    return ws


def _pct_value(v: Decimal | None) -> float | None:
    return None if v is None else float(v.quantize(Decimal("0.1")))


def write_bulletin_xlsx(b: Bulletin, path: Path, lang: str) -> None:
    """Write the bulletin to ``path`` as an .xlsx workbook."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    header, sections = bulletin_table_rows(b, lang)
    rows: list[tuple[State | None, list[Any]]] = []
    bands: dict[int, str] = {}
    for sec, items in sections:
        bands[len(rows)] = sec
        for s, cells in items:
            n, title, owner, target, actual, _p, _e, _g, state = cells
            rows.append((s.state, [int(n), title, owner, target, actual, _pct_value(s.percent), _pct_value(s.expected),
                                   _pct_value(s.gap_pp), state]))
    title = f"{b.plan.title} {word('bulletin', lang)}（{b.period}）"
    note = f"{word('as_of', lang)} {b.as_of.isoformat()}  " + summary_line(b, lang)
    pct_header = [h + ("（%）" if k in (5, 6) else ("（百分点）" if lang == "zh" else " (pp)") if k == 7 else "")
                  for k, h in enumerate(header)]
    ws = _sheet(wb, word("bulletin", lang), title, pct_header, rows, note, bands)
    for row in ws.iter_rows(min_row=4, min_col=6, max_col=8):
        for c in row:
            if isinstance(c.value, float):
                c.number_format = "0.0"
    for sh in report_sheets("bulletin", b, lang)[1 + len(sections):]:
        if not sh.header:
            continue
        srows = [(st, cells) for st, cells in zip(sh.states + [None] * (len(sh.rows) - len(sh.states)), sh.rows)]
        _sheet(wb, _sheet_name(sh.name or sh.title), sh.title, sh.header, srows, sh.note)
    wb.save(path)


def _sheet_name(title: str) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\."""
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)
    return name[:31]
