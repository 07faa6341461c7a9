"""Reading one sheet of an XLSX fill-in sheet, bounded and without silent misreadings.

- Bounded: the zip's declared sizes are checked before anything is parsed (zipfile never
  inflates a part beyond its declared size: a lying header fails its CRC), and cells are
  counted as they stream in; a dimension of A1:XFD1048576 costs nothing (rows are never
  padded to it) and is refused when it declares more cells than the limit.
- A number shown as a percent (``0.0%``: the cell holds 0.092) is read as "9.2%".
- A formula saved without its result is a ``NoValue``, never an empty cell.
- The active visible sheet is read; a hidden one only when named.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from .errors import Problem
from .quantity import format_number

__all__ = ["NoValue", "Refused", "xlsx_bounds", "xlsx_rows", "pick_sheet", "XLSX_MAX_CELLS", "XLSX_MAX_PART_BYTES",
           "MAX_CELL_CHARS"]


# Reading limits for XLSX (a fill-in sheet is a few kilobytes): checked on the zip's own
# sizes before anything is parsed, and on the cells as they stream in (the sheet's
# declared dimension is checked too, but never trusted to be the whole story).
XLSX_MAX_PART_BYTES = 20 * 1024 * 1024
XLSX_MAX_TOTAL_BYTES = 64 * 1024 * 1024
XLSX_MAX_PARTS = 1_000  # a workbook has a dozen or two
XLSX_MAX_CELLS = 200_000
XLSX_MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


class NoValue:
    """A formula cell saved without its result (``cell`` is "Sheet1!C5")."""

    __slots__ = ("cell",)

    def __init__(self, cell: str) -> None:
        self.cell = cell

    def __str__(self) -> str:
        return ""


class Refused(Exception):
    """A sheet refused before or while reading it; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def too_large(shown: str, line: int | None, fld: str | None, what_zh: str, what_en: str, size: int, limit: int) -> Refused:
    """The refusal of a workbook beyond one of the limits, in both languages."""
    return Refused(Problem("xlsx-too-large", shown, line, fld,
                           {"what_zh": what_zh, "what_en": what_en, "size": str(size), "limit": str(limit)}))


def _not_a_zip(path: Path, shown: str, exc: Exception) -> Problem:
    """Why a .xlsx is not a zip: encrypted or an old .xls (an OLE compound file), a text file
    renamed, or damaged."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        head = b""
    if head.startswith(bytes.fromhex("d0cf11e0a1b11ae1")):  # what Excel saves with a password, and .xls
        return Problem("xlsx-encrypted-or-xls", shown)
    if head and b"\x00" not in head and b"\n" in head:
        return Problem("xlsx-is-text", shown)
    return unreadable(shown, exc)


def unreadable(shown: str, exc: Exception) -> Problem:
    """``xlsx-unreadable``: the library's words in English, plain ones in Chinese."""
    return Problem("xlsx-unreadable", shown, params={"detail": f"{type(exc).__name__}: {exc}",
                                                     "detail_zh": f"文件已损坏，或不是 Excel 工作簿（{type(exc).__name__}）"})


def xlsx_bounds(path: Path, shown: str) -> None:
    """Refuse (``Refused``) a zip whose parts would inflate beyond the limits."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise Refused(_not_a_zip(path, shown, exc)) from None
    if len(infos) > XLSX_MAX_PARTS:
        raise too_large(shown, None, None, "部件个数", "parts", len(infos), XLSX_MAX_PARTS)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > XLSX_MAX_PART_BYTES:
            raise too_large(shown, None, None, f"部件 {info.filename} 解压后的字节数", f"bytes of part {info.filename} once inflated",
                            info.file_size, XLSX_MAX_PART_BYTES)
    if total > XLSX_MAX_TOTAL_BYTES:
        raise too_large(shown, None, None, "全部部件解压后的字节数", "bytes of all parts once inflated", total, XLSX_MAX_TOTAL_BYTES)


def _is_percent_format(fmt: str) -> bool:
    import re

    return "%" in re.sub(r'"[^"]*"|\\.', "", fmt or "")


def xlsx_rows(wb: Any, ws: Any, shown: str) -> Iterable[tuple[int, list[Any]]]:
    """(row number, cells) of one read-only sheet, within the limits; a percent-formatted
    number comes as text "9.2%", a formula saved without its result as ``NoValue``."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    title = ws.title

    class _Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = NoValue(f"{title}!{get_column_letter(cell['column'])}{cell['row']}")
            return cell

    def where(row: int, col: int) -> str:
        return f"{title}!{get_column_letter(min(col, 16384))}{row}"

    if ws.max_row and ws.max_column:
        declared = (ws.max_row - (ws.min_row or 1) + 1) * (ws.max_column - (ws.min_column or 1) + 1)
        if declared > XLSX_MAX_CELLS:
            raise too_large(shown, None, "dimension", f"工作表“{title}”声明的单元格数", f"cells sheet '{title}' declares",
                            declared, XLSX_MAX_CELLS)
    count = 0
    percent: dict[int, bool] = {}
    with ws._get_source() as src:  # openpyxl's own streaming parser, one row at a time
        parser = _Parser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                         date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for idx, row in parser.parse():
            count += len(row)
            if count > XLSX_MAX_CELLS:
                raise too_large(shown, idx, None, f"工作表“{title}”到这一行的单元格数", f"cells of sheet '{title}' up to this row",
                                count, XLSX_MAX_CELLS)
            values: dict[int, Any] = {}
            for c in row:
                v = c["value"]
                if v is None or (isinstance(v, str) and not v.strip()):
                    continue
                col = c["column"]
                if col > XLSX_MAX_COLUMNS:
                    raise too_large(shown, idx, None, f"单元格 {where(idx, col)} 的列号", f"column of cell {where(idx, col)}",
                                    col, XLSX_MAX_COLUMNS)
                if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                    raise Refused(Problem("cell-too-long", shown, idx, None, {
                        "cell": where(idx, col), "size": str(len(v)), "limit": str(MAX_CELL_CHARS)}))
                style = c.get("style_id") or 0
                if style and c["data_type"] == "n" and isinstance(v, (int, float)) and not isinstance(v, bool):
                    if style not in percent:
                        percent[style] = _is_percent_format(ReadOnlyCell(ws, idx, col, v, "n", style).number_format)
                    if percent[style]:
                        v = f"{format_number(Decimal(repr(v)) * 100)}%"
                values[col] = v
            yield idx, [values.get(i) for i in range(1, max(values) + 1)] if values else []


def pick_sheet(wb: Any, shown: str, name: str | None) -> Any:
    """The sheet named ``name`` (hidden or not), else the active one if visible, else the
    first visible one: never a hidden sheet unless asked for by name."""
    sheets = list(wb.worksheets)
    if name is not None:
        for ws in sheets:
            if ws.title == name:
                return ws
        raise Refused(Problem("sheet-not-found", shown, None, "--sheet",
                               {"sheet": name, "sheets": ", ".join(ws.title for ws in sheets)}))
    active = wb.active
    if active is not None and getattr(active, "sheet_state", "visible") == "visible" and active in sheets:
        return active
    for ws in sheets:
        if getattr(ws, "sheet_state", "visible") == "visible":
            return ws
    raise Refused(Problem("no-visible-sheet", shown))
