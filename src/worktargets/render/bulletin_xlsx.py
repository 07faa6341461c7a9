"""The bulletin as an Excel workbook (openpyxl, imported only here).

A summary sheet (counts by state, with a bar chart), then one sheet per part (进度通报 by
section, 进度滞后, 蜗牛榜, 逾期未报, 逾期未完成). Every cell that holds a number is a number:
counts as integers, percentages as fractions formatted ``0.0%``, amounts with ``#,##0.0``
style formats that carry the comparator and the unit as literals (``"≥"#,##0.0"万亩"``
shows ≥3.6万亩 and sorts and sums as 3.6), dates as dates. Each table has an autofilter,
a frozen header that repeats on every printed page, A4 pages fitted to the width
(landscape where the table is wide) numbered "第 &P 页 共 &N 页", Chinese fonts (宋体
body, 黑体 headings), widths that count a Chinese character as two, and row heights for
the lines a wrapped cell takes. Text is never stored as a formula: a cell whose text
begins with =, +, - or @ is written as a string (data_type "s") whatever it says.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Sequence

from ..model import State
from ..reports.bulletin import Bulletin
from .common import pct
from .escape import printable
from .palette import FILL
from .report_views import Sheet, report_sheets, summary_line
from .words import state_label, word

__all__ = ["write_bulletin_xlsx", "STATE_FILLS", "display_width", "new_workbook", "put", "typed_cell",
           "BODY_FONT", "HEAD_FONT", "print_setup"]

STATE_FILLS: dict[State, str] = FILL
_HEADER_FILL = "DDEBF7"
_SECTION_FILL = "F2F2F2"
BODY_FONT = "宋体"  # in every Chinese Windows, WPS and (as SimSun) LibreOffice's substitutions
HEAD_FONT = "黑体"
_GB2312 = 134  # the font charset Excel and WPS pick Chinese glyphs by
_LINE_PT = 15.0  # points per line of 11-point 宋体
_CAP = 44  # widest column, in Excel's character units; longer text wraps


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def new_workbook() -> Any:
    """An empty workbook whose default font (empty cells, what a clerk types) is 宋体."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    wb = Workbook()
    body = Font(name=BODY_FONT, sz=11, charset=_GB2312)
    wb._fonts = IndexedList([body])  # font 0, which openpyxl would make Calibri
    wb._named_styles["Normal"].font = body
    return wb


def put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write a value; text beginning with =, +, - or @ stays text (never a formula), and
    control characters (which XML cannot hold) are shown as visible escapes."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = printable(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=1+1" a formula
    return cell


# the text of a number as the text views show it: a comparator or other words before, the
# number, a unit after ("≥3.6万亩", "27.8%", "-7.7", "1,200户")
_SHOWN = re.compile(r"^(?P<pre>[^\d-]*)(?P<num>-?\d[\d,]*(?:\.(?P<dec>\d+))?)(?P<suf>[^\d]*)$")
_ROUND = Decimal("0.000001")


def _dec(value: Decimal) -> Decimal:
    """At most six decimals (Excel keeps 15 significant digits anyway)."""
    try:
        return value.quantize(_ROUND) if value.as_tuple().exponent < -6 else value  # type: ignore[operator]
    except InvalidOperation:
        return value


def _literal(text: str) -> str:
    text = text.replace('"', "").replace("\\", "")
    return f'"{text}"' if text else ""


def typed_cell(text: str, value: Any) -> tuple[Any, str | None]:
    """What to store for a cell shown as ``text`` whose value is ``value``: the number (or
    date) and its number format, or the text itself (and None) when it is only text."""
    if isinstance(value, bool) or value is None:
        return text, None
    if isinstance(value, date):
        return value, "yyyy-mm-dd"
    m = _SHOWN.match(text.strip())
    if not isinstance(value, (int, Decimal)) or m is None:
        return text, None
    pre, suf, dec = m.group("pre"), m.group("suf"), len(m.group("dec") or "")
    if suf.rstrip().endswith("%"):
        number = _dec(Decimal(value) / 100)
        return number, f"{_literal(pre)}0.0%{_literal(suf.rstrip()[:-1])}"
    if isinstance(value, int) and not pre and not suf:
        return value, "0"
    body = "#,##0" + ("." + "0" * dec if dec else "")
    return _dec(value) if isinstance(value, Decimal) else value, f"{_literal(pre)}{body}{_literal(suf)}"


def _widths(ws: Any, widths: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(_CAP, max(6, w + 2))


def _lines(text: str, width: float) -> int:
    usable = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def print_setup(ws: Any, header_row: int, total_width: float, lang: str) -> None:
    """A4, landscape when wider than a portrait page, fitted to the width, the header rows
    repeated on every page, page numbers in the footer."""
    ws.page_setup.orientation = "landscape" if total_width > 95 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    footer = ws.oddFooter.center
    footer.text = "第 &P 页 共 &N 页" if lang == "zh" else "Page &P of &N"
    footer.font = BODY_FONT
    footer.size = 9
    ws.evenFooter.center.text = footer.text


def _sheet(wb: Any, name: str, title: str, header: Sequence[str], rows: list[tuple[State | None, list[str], list[Any]]],
           lang: str, note: str = "", bands: dict[int, str] | None = None) -> Any:
    """A sheet with a title line, a frozen coloured header, rows filled by state.

    ``rows``: (state, texts, values) — see ``Sheet.values``; ``bands``: section names to
    insert before the row with that index.
    """
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=BODY_FONT, size=11, charset=_GB2312)
    put(ws, 1, 1, title).font = Font(name=HEAD_FONT, size=15, charset=_GB2312)
    ws.row_dimensions[1].height = 24
    if note:
        put(ws, 2, 1, note).font = Font(name=BODY_FONT, size=10, color="595959", charset=_GB2312)
    header_row = 3
    ncol = len(header)
    widths: dict[int, int] = {}
    for j, h in enumerate(header, 1):
        c = put(ws, header_row, j, h)
        c.font = Font(name=HEAD_FONT, size=11, charset=_GB2312)
        c.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
        widths[j] = min(display_width(h), 12)
    for _state, texts, values in rows:
        for j, v in enumerate(texts, 1):
            # a number may show wider than its text (thousands separators, "100.0%"); a
            # column too narrow for a number shows "###"
            extra = 3 if j - 1 < len(values) and isinstance(values[j - 1], (int, Decimal)) else 0
            widths[j] = max(widths.get(j, 0), max(display_width(p) for p in v.split("\n")) + extra)
    _widths(ws, widths)
    col_width = {j: ws.column_dimensions[get_column_letter(j)].width for j in range(1, ncol + 1)}
    ws.row_dimensions[header_row].height = _LINE_PT * max(_lines(h, col_width[j]) for j, h in enumerate(header, 1)) + 4
    r = header_row + 1
    band_font = Font(name=HEAD_FONT, size=11, charset=_GB2312)
    for i, (state, texts, values) in enumerate(rows):
        if bands and i in bands:  # not merged: the autofilter and sorting stay usable
            c = put(ws, r, 1, bands[i])
            c.font = band_font
            c.alignment = Alignment(vertical="center", wrap_text=False)
            for j in range(1, ncol + 1):
                ws.cell(row=r, column=j).fill = PatternFill("solid", fgColor=_SECTION_FILL)
            ws.row_dimensions[r].height = _LINE_PT + 4
            r += 1
        lines = 1
        for j, text in enumerate(texts, 1):
            value, fmt = typed_cell(text, values[j - 1] if j - 1 < len(values) else None)
            c = put(ws, r, j, value)
            c.font = body
            c.border = border
            if fmt is not None:
                c.number_format = fmt
                c.alignment = Alignment(horizontal="right", vertical="center")
            elif text in ("—", "-", ""):  # no value: centred, like the numbers' column
                c.alignment = Alignment(horizontal="center", vertical="center")
            else:
                c.alignment = Alignment(vertical="center", wrap_text=True)
                lines = max(lines, _lines(text, col_width.get(j, 8)))
        ws.row_dimensions[r].height = _LINE_PT * lines + 3
        if state is not None:
            c = ws.cell(row=r, column=len(texts))
            c.fill = PatternFill("solid", fgColor=STATE_FILLS[state])
            if state is State.OVERDUE:
                c.font = Font(name=BODY_FONT, size=11, bold=True, color="9C0006", charset=_GB2312)
        r += 1
    if rows:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(ncol)}{r - 1}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    print_setup(ws, header_row, sum(col_width.values()), lang)
    return ws


def _header(header: list[str], lang: str) -> list[str]:
    """Percentage points say so in the header (the cells are bare numbers)."""
    gap = word("gap_pp", lang)
    return [h + "（百分点）" if h == gap and lang == "zh" else h for h in header]


def _typed_rows(sh: Sheet) -> list[tuple[State | None, list[str], list[Any]]]:
    states = sh.states + [None] * (len(sh.rows) - len(sh.states))
    values = sh.values + [[]] * (len(sh.rows) - len(sh.values))
    return list(zip(states, sh.rows, values))


def _summary_sheet(wb: Any, b: Bulletin, lang: str, title: str, note: str) -> None:
    """Counts by state (as the rows show them) and their share, with a bar chart."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.marker import DataPoint
    from openpyxl.styles import Font, PatternFill

    zh = lang == "zh"
    counts = [(st, n) for st, n in b.status.counts().items() if n]
    total = sum(n for _st, n in counts) or 1
    header = [word("state", lang), "项数" if zh else "targets", "占比" if zh else "share"]
    rows: list[tuple[State | None, list[str], list[Any]]] = []
    for st, n in counts:
        share = Decimal(n) * 100 / total
        rows.append((None, [state_label(st, lang), str(n), pct(share)], [None, n, share]))
    ws = _sheet(wb, "汇总" if zh else "Summary", title, header, rows, lang, note)
    for r, (st, _n) in enumerate(counts, 4):  # the state's colour on its name
        ws.cell(row=r, column=1).fill = PatternFill("solid", fgColor=STATE_FILLS[st])
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width, 14)
    if b.plan.year_note:  # below the table and the chart, across both
        from openpyxl.styles import Alignment

        at = max(4 + len(rows) + 1, 22)
        text = ("注：" if zh else "Note: ") + b.plan.year_note
        c = put(ws, at, 1, text)
        c.font = Font(name=BODY_FONT, size=10, color="595959", charset=_GB2312)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=12)
        ws.row_dimensions[at].height = _LINE_PT * _lines(text, 100) + 4
    if not rows:
        return
    chart = BarChart()
    chart.type = "col"
    chart.title = "各状态目标数" if zh else "Targets by state"
    chart.y_axis.title = "项" if zh else "targets"
    chart.legend = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.add_data(Reference(ws, min_col=2, min_row=3, max_row=3 + len(rows)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=3 + len(rows)))
    series = chart.series[0]
    for i, (st, _n) in enumerate(counts):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = STATE_FILLS[st]
        point.graphicalProperties.line.solidFill = "7F7F7F"
        series.dPt.append(point)
    chart.width, chart.height = 16, 8.5
    ws.add_chart(chart, "E3")
    ws.page_setup.orientation = "landscape"


def write_bulletin_xlsx(b: Bulletin, path: Path, lang: str) -> None:
    """Write the bulletin to ``path`` as an .xlsx workbook."""
    wb = new_workbook()
    wb.remove(wb.active)
    sheets = report_sheets("bulletin", b, lang)
    nsec = len(b.sections)
    title = f"{b.plan.title} {word('bulletin', lang)}（{b.period}）"
    note = f"{word('as_of', lang)} {b.as_of.isoformat()}  " + summary_line(b, lang)
    _summary_sheet(wb, b, lang, title, note)
    rows: list[tuple[State | None, list[str], list[Any]]] = []
    bands: dict[int, str] = {}
    header: list[str] = []
    for sh in sheets[1:1 + nsec]:
        bands[len(rows)] = sh.title
        header = sh.header
        rows.extend(_typed_rows(sh))
    _sheet(wb, word("bulletin", lang), title, _header(header, lang), rows, lang, note, bands)
    for sh in sheets[1 + nsec:]:
        if sh.header:
            _sheet(wb, _sheet_name(sh.name or sh.title), sh.title, _header(sh.header, lang), _typed_rows(sh), lang,
                   sh.note)
    import io

    buf = io.BytesIO()  # zipped in memory: a full disk fails one plain write, not a half-closed zip
    wb.save(buf)
    Path(path).write_bytes(buf.getvalue())


def _sheet_name(title: str) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\."""
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)
    return name[:31]
