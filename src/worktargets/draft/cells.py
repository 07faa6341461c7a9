"""A table copied from a web page one cell a line, each cell ending in ``" |"`` and each row
opened by a line of bars (``|``): how many public pages of 民生实事清单 and 分解表 are stored (a line
holding several cells, ``序号 | 重点任务 |``, is those cells one after another).

    |
    序號 |
    項目名稱 |
    …
    年度投資金額 (萬元) |
    責任單位 |
    |
    2 |
    城北小學門前道路建設項目 |
    …
    建成唐塔北路延伸段(城北小學門前)道路。 |
    300 |
    住建局 |

The rules of such a table, as an office reads it: the row of headers (the one naming 序号) says
what each cell below it is; the first cell of a row, a bare number under 序号, is the row's 序号;
a cell under a header that names a thing (项目名称, 建设地点, 建设时间, 责任单位…) is no
commitment of its own (the name is the row's title, the unit the row's owner), unless a 时间 cell is a
sentence of what is due (…11月底前具备通车条件；); a 进展情况 cell reports what is done (the past); a bare number
under a header with its unit in brackets (年度投资金额 (万元)) is a figure in that unit; every
other cell (建设内容) is read as the words of a report.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import DraftExcuse, DraftTarget

if TYPE_CHECKING:
    from .text import _Reader

__all__ = ["Cells"]

_ROW_RE = re.compile(r"^\|+$")
_CELL_RE = re.compile(r"^(.*?)\s*\|$")
_CELLS_RE = re.compile(r"\s*([^|\s](?:[^|]*[^|\s])?)\s*\|")  # each cell of a line holding several
_HEADER_UNIT_RE = re.compile(r"[（(]\s*([^()（）\s]{1,4})\s*[)）]\s*$")  # 年度投资金额 (万元)
_NO_RE = re.compile(r"^序号?$|^编号$")
_NAME_RE = re.compile(r"名称|项目$")
_NOT_READ_RE = re.compile(r"名称|地点|时间|时限|年限|单位|部门|领导|责任人|备注|序号|编号")
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")
_DUE_HEAD_RE = re.compile(r"时间|时限")
_PROGRESS_HEAD_RE = re.compile(r"进展|进度|完成情况|落实情况")
_SENTENCE_RE = re.compile(r"[；;。]")  # 三亚路…11月底前具备通车条件；…12月底前建设完成。: what is due, said


class Cells:
    """The state of a one-cell-a-line table while the reader walks it."""

    def __init__(self) -> None:
        self.header: list[str] | None = None
        self.heading: list[tuple[str, int]] = []  # the cells (and places) of a row before the header is known
        self.col = -1  # the column of the next cell of the row, -1 outside a table
        self.counted = False  # rows without bar lines: a row is as many cells as the header
        self.title = ""
        self.made: list[int] = []
        self.owners: dict[str, list[str]] = {}
        self.excuses: list[DraftExcuse] = []

    def line(self, reader: "_Reader", body: str, base: int) -> bool:
        """Read ``body`` if it belongs to such a table (True), else leave it to the reader."""
        cells = list(_CELLS_RE.finditer(body)) if body.endswith("|") and not _ROW_RE.match(body) else []
        if len(cells) > 1:  # 序号 | 重点任务 |: several cells on one line are cells one after another
            if self.col < 0 and not _NO_RE.match(cells[0][1]):
                return False  # 索 引 号 | H001/… |: a page's labels, no table
            for c in cells:
                self.line(reader, c[1] + " |", base + c.start(1))
            return True
        if _ROW_RE.match(body):
            self.end_heading(reader)
            self.heading, self.col, self.title, self.made, self.counted, self.owners = [], 0, "", [], False, {}
            reader.end_item()
            return True
        m = _CELL_RE.match(body)
        if m is not None and self.col < 0 and _NO_RE.match(m[1].strip()):
            self.header, self.heading, self.col, self.counted = None, [], 0, True  # 序号 | with no bar lines
        if self.col < 0 or m is None:
            self.end_heading(reader)
            self.col = -1
            return False
        words, col = m[1].strip(), self.col
        if self.counted and self.header is None and _NUMBER_RE.match(words) and len(self.heading) >= 3:
            self.end_heading(reader)  # the first 序号 under the headers: the rows begin
            col = 0
        if self.counted and self.header is not None:
            col %= len(self.header)
            if col == 0:
                self.title, self.made, self.owners = "", [], {}
                reader.end_item()
        self.col = col + 1
        if self.header is None:
            self.heading.append((words, base))
            return True
        head = self.header[col] if col < len(self.header) else ""
        if _NO_RE.match(head) and _NUMBER_RE.match(words):
            reader.item_no = words  # the row's 序号
            self.excuses.append(DraftExcuse(body, "条目序号（表格的序号列）"))
            return True
        if _NAME_RE.search(head):
            self.title = words
            return True
        unit = _HEADER_UNIT_RE.search(head)
        if unit is not None and _NUMBER_RE.match(words):
            self.figure(reader, words, unit[1], _HEADER_UNIT_RE.sub("", head).strip(), base)
            return True
        from .words import role_of

        key = role_of(head)
        if key is not None:
            from .text import _give_owners
            from .words import _NAME_SPLIT, person_names

            names = [n.strip() for n in _NAME_SPLIT.split(words) if n.strip()]
            if key == "leader":
                names = [p for n in names for p in person_names(n)]
            self.owners[key] = names  # 责任领导, 牵头单位, 责任单位 cells of one row: one set of owners
            for i in dict.fromkeys(self.made + reader.item_targets):
                reader.targets[i].owner = []
                _give_owners(reader.targets[i], self.owners)
            return True
        if _PROGRESS_HEAD_RE.search(head):
            reader.review_spans.append((base, base + len(words)))  # 进展情况: what is done so far, its figures the past
            return True
        if not words or _NOT_READ_RE.search(head) and not (_DUE_HEAD_RE.search(head) and _SENTENCE_RE.search(words)):
            return True  # 建设地点, 建设时间: not a commitment of their own (a 完成时间 cell that is a sentence is read)
        self.made += reader.scan(words, base)
        return True

    def end_heading(self, reader: "_Reader") -> None:
        """The row before the headers ends: the headers if it names 序号, else words of the report."""
        cells = [w for w, _b in self.heading]
        if self.header is None and len([c for c in cells if c]) >= 3 and any(_NO_RE.match(c) for c in cells):
            self.header = cells
        elif len(cells) > 1:
            for w, b in self.heading:
                reader.scan(w, b)  # cells of no table this reader knows: read as they stand
        elif cells:
            reader.subsection = cells[0]  # a table's title
        self.heading = []

    def figure(self, reader: "_Reader", number: str, unit: str, what: str, base: int) -> None:
        """A bare number under a header that names its unit: 300 under 年度投资金额 (万元)."""
        from ..quantity import QuantityError, parse_unit

        try:
            parse_unit(unit)
        except QuantityError:
            return
        source, text = number, reader.text
        if text.count(number) > 1 and base > 0:  # 300 in two rows: the cell before it says which
            start = text.rfind("\n", 0, base - 1) + 1
            source, base = text[start:base + len(number)], start
        t = DraftTarget(id="", no=reader.item_no, title=(self.title + what)[:40] or what, section=reader.section,
                        subsection=reader.subsection, source=source, kind="amount", target=number + unit,
                        offset=base, unsure=[f"表格中的数字，单位取自表头“{what}（{unit}）”，请核对"])
        reader.targets.append(t)
        self.made.append(len(reader.targets) - 1)
        reader.item_targets.append(len(reader.targets) - 1)
