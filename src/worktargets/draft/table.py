"""Reading an office's 分解表 (xlsx, csv, docx table) into a draft catalogue.

The header row is found by its words (序号, 目标任务/工作内容, 量化指标, 责任领导, 牵头单位,
责任单位/配合单位, 完成时限, 季度进度…), in any order, on any of the first rows, over one or
two rows (merged cells read as their range's top-left value). Each data row is written as
one line of a report text — ``3.目标任务。量化指标(责任领导:…;牵头单位:…;责任单位:…)`` —
which ``draft.text`` reads as it reads a published 分解方案; that text is the draft's copy of
the source, so every ``source`` is a substring of it. Rows that cannot be read are reported
with their row number and left out: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import Problem
from . import Draft
from .script import to_simplified
from .text import STAGES, due_from_words, read_report
from .words import ROLE_WORDS

__all__ = ["Table", "find_header", "read_rows_xlsx", "read_rows_csv", "read_rows_docx", "draft_from_table",
           "HEADER_WORDS", "HEADER_SCAN_ROWS"]

HEADER_SCAN_ROWS = 20
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "no": ("序号", "编号", "序"),
    "task": ("目标任务", "工作任务", "工作内容", "重点工作", "任务内容", "目标内容", "主要任务", "工作目标", "任务名称",
             "具体任务", "重点任务", "任务", "工作事项", "事项", "民生实事", "实事项目", "实事", "项目名称", "建设内容",
             "主要内容", "内容"),
    "measure": ("量化指标", "量化目标", "目标值", "年度目标", "预期目标", "指标", "具体指标"),
    **ROLE_WORDS,  # leader, owner, co: the words of brackets and cells too
    "due": ("完成时限", "时限", "完成时间", "时间节点", "完成期限", "时限要求"),
    "quarter": ("季度进度", "季度目标", "形象进度", "进度安排", "季度形象进度", "一季度", "二季度", "三季度", "四季度",
                "第一季度", "第二季度", "第三季度", "第四季度", "上半年", "下半年"),
    "note": ("备注",),
}
_WORD_KEY = sorted(((w, k) for k, ws in HEADER_WORDS.items() for w in ws), key=lambda wk: -len(wk[0]))
_SPACE_RE = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"[、,，;；/／\n]+")


@dataclass(slots=True)
class Table:
    """The cells of one sheet or table, merged cells filled, as strings; rows 1-based."""

    rows: list[list[str]]
    path: str
    title: str = ""  # the sheet's name
    heading: str = ""  # the words above the table (a Word document's title paragraph)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _key_of(cell: str) -> str | None:
    t = to_simplified(_SPACE_RE.sub("", cell).strip("*★:："))  # 序號, 責任單位: the same headers
    if not t or len(t) > 16:
        return None
    for word, key in _WORD_KEY:
        if t == word:
            return key
    for word, key in _WORD_KEY:
        if len(word) >= 2 and word in t:
            return key
    return None


def find_header(rows: list[list[str]]) -> tuple[int, int, dict[int, str]] | None:
    """(first header row, rows it spans, column → key) of the header, or None."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = {c: _key_of(v) for c, v in enumerate(row)}
        found = {c: k for c, k in keys.items() if k}
        if len(set(found.values())) < 2 or not ({"task", "measure"} & set(found.values())):
            continue
        span = 1
        if i + 1 < len(rows):
            sub = {c: _key_of(v) for c, v in enumerate(rows[i + 1])}
            subs = {c: k for c, k in sub.items() if k}
            if subs and all(not _looks_like_data(v) for v in rows[i + 1] if v):
                span = 2
                for c, k in subs.items():
                    found[c] = k
        if "task" not in found.values():
            first = min(c for c, k in found.items() if k == "measure")
            found[first] = "task"
        return i, span, found
    return None


def _looks_like_data(cell: str) -> bool:
    return bool(re.search(r"\d", cell)) and _key_of(cell) is None


def read_rows_xlsx(path: Path, shown: str) -> tuple[list[Table], list[Problem]]:
    """Every sheet of a workbook, merged ranges filled with their top-left value."""
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        return [], [Problem("xlsx-unreadable", shown, params={"detail": str(exc)[:200]})]
    tables = []
    for ws in wb.worksheets:
        cells = [[_cell_text(c.value) for c in row] for row in ws.iter_rows()]
        for rng in ws.merged_cells.ranges:
            top = _cell_text(ws.cell(rng.min_row, rng.min_col).value)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(cells) and c - 1 < len(cells[r - 1]):
                        cells[r - 1][c - 1] = top
        tables.append(Table(cells, shown, title=ws.title))
    return tables, []


def read_rows_csv(text: str, shown: str) -> tuple[list[Table], list[Problem]]:
    """A CSV already decoded (BOM, UTF-8 or GB18030 by ``textio``)."""
    import csv
    import io

    try:
        rows = [[_cell_text(c) for c in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        return [], [Problem("csv-syntax", shown, params={"detail": str(exc)})]
    return [Table(rows, shown)], []


def read_rows_docx(document: Any, shown: str) -> list[Table]:
    """Every table of a python-docx document (merged cells repeat their text)."""
    heading = next((p.text.strip() for p in document.paragraphs if p.text.strip()), "")
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            rows.append([_cell_text(cell.text) for cell in row.cells])
        tables.append(Table(rows, shown, heading=heading[:80]))
    return tables


def _names(cell: str) -> list[str]:
    return [n.strip() for n in _NAME_SPLIT.split(cell) if n.strip()]


def _line_for(no: str, task: str, measure: str, leader: list[str], owner: list[str], co: list[str]) -> str:
    body = task.replace("\n", "；").strip("；。 ")
    if measure and measure not in body:
        m = measure.replace("\n", "；").strip("；。 ")
        short = len(m) <= 12 and re.match(r"[0-9０-９]|不低于|不少于|达到|超过|突破|控制在|增长|下降|减少|提高|保持|稳定在|力争", m)
        body += ("" if short else "。") + m  # 生猪出栏 + 52万头以上: one clause
    labels = []
    if leader:
        labels.append("责任领导:" + "、".join(leader))
    if owner:
        labels.append("牵头单位:" + "、".join(owner))
    if co:
        labels.append("责任单位:" + "、".join(co))
    bracket = f"({';'.join(labels)})" if labels else ""
    return (f"{no}." if no else "") + body + "。" + bracket


def draft_from_table(tables: list[Table], shown: str, default_year: int) -> tuple[Draft | None, str, list[Problem]]:
    """(draft, the text written as its report copy, problems) of the first table with a header."""
    problems: list[Problem] = []
    chosen = None
    for table in tables:
        head = find_header(table.rows)
        if head is not None:
            chosen = (table, head)
            break
    if chosen is None:
        scanned = max((min(len(t.rows), HEADER_SCAN_ROWS) for t in tables), default=0)
        return None, "", [Problem("table-no-header", shown, 1, params={"rows": str(scanned)})]
    table, (h0, span, cols) = chosen
    col = {k: c for c, k in sorted(cols.items(), reverse=True)}  # the first column of each key
    quarter_cols = [c for c, k in sorted(cols.items()) if k == "quarter"]
    above = [v for row in table.rows[:h0] for v in dict.fromkeys(row) if v] or ([table.heading] if table.heading else [])
    title = above[0] if above else Path(shown).stem + "（分解表）"
    year = _year_of(" ".join(above) or title, default_year)
    lines = [title]
    row_of_line: dict[int, int] = {}
    due_of_row: dict[int, date] = {}
    note_of_row: dict[int, str] = {}
    section_leader: list[str] = []
    skipped: list[str] = []

    def get(row: list[str], key: str) -> str:
        c = col.get(key)
        return row[c].strip() if c is not None and c < len(row) else ""

    for r in range(h0 + span, len(table.rows)):
        row = table.rows[r]
        number = r + 1
        if not any(v.strip() for v in row):
            continue
        distinct = {v for v in row if v.strip()}
        task, no = get(row, "task"), get(row, "no")
        if len(distinct) == 1 or (not no and not get(row, "owner") and not get(row, "measure") and task
                                  and re.match(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[)）]", task)):
            words = next(iter(distinct)) if len(distinct) == 1 else task
            m = re.search(r"[（(]([^（）()]*领导[^（）()]*)[)）]", words)
            if m:
                from .text import read_owners

                found = read_owners(m[1]) or {}
                section_leader = found.get("leader", [])
                words = words[:m.start()] + words[m.end():]
            lines.append(words.replace("\n", ""))
            continue
        if not task:
            problems.append(Problem("table-row-unreadable", shown, number, "目标任务",
                                    {"detail_zh": "目标任务为空", "detail": "the task cell is empty"}, severity="warning"))
            skipped.append(f"第{number}行：目标任务为空，未编目")
            continue
        due_cell = get(row, "due")
        due = None
        if due_cell:
            from ..dates import parse_date

            due = parse_date(due_cell) or due_from_words(due_cell, year)
            if due is None and not re.search(r"年底|年内|全年|长期|持续|待定|常态", due_cell):
                problems.append(Problem("table-row-unreadable", shown, number, "完成时限",
                                        {"detail_zh": f"完成时限“{due_cell}”不是日期",
                                         "detail": f"the deadline '{due_cell}' is not a date"}, severity="warning"))
                skipped.append(f"第{number}行：完成时限“{due_cell}”无法识别，未编目")
                continue
        if due is not None and due.year != year:
            due = None
        leader = _names(get(row, "leader")) or section_leader
        owner, co = _names(get(row, "owner")), _names(get(row, "co"))
        if "owner" not in col and co:
            owner, co = co[:1], co[1:]  # no 牵头单位 column: the first-listed 责任单位 leads
        no_clean = re.sub(r"[^0-9A-Za-z一-鿿.-]", "", no).strip(".")
        lines.append(_line_for(no_clean if re.fullmatch(r"\d{1,3}", no_clean) else "", task, get(row, "measure"),
                               leader, owner, co))
        row_of_line[len(lines) - 1] = number
        if due is not None:
            due_of_row[number] = due
        quarters = [f"{table.rows[h0 + span - 1][c] or table.rows[h0][c]}：{row[c]}" for c in quarter_cols
                    if c < len(row) and row[c].strip()]
        if quarters:
            note_of_row[number] = "季度进度：" + "；".join(q.replace("\n", " ") for q in quarters)
    text = "\n".join(lines) + "\n"
    draft = read_report(text, year)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    made_rows: set[int] = set()
    for t in draft.targets:
        li = max(i for i, s in enumerate(starts) if s <= t.offset)
        t.row = row_of_line.get(li)
        if t.row is None:
            continue
        made_rows.add(t.row)
        if t.row in due_of_row:
            t.due = due_of_row[t.row]
        if t.row in note_of_row:
            t.note = (t.note + "；" if t.note else "") + note_of_row[t.row]
    for li, number in row_of_line.items():
        if number not in made_rows:
            _milestone_for_row(draft, lines[li], text, starts[li], number, due_of_row.get(number))
    draft.skipped += skipped
    draft.title = title[:60]
    return draft, text, problems


def _milestone_for_row(draft: Draft, line: str, text: str, offset: int, number: int, due: date | None) -> None:
    """A row with neither a figure nor a named deliverable: a task judged by stage, to check."""
    from . import DraftTarget
    from .text import excuse_numbers

    body = re.sub(r"^\d{1,3}\.", "", line)
    body = re.sub(r"[（(][^（）()]*[)）]$", "", body).rstrip("。")
    first = re.split(r"[。；]", body)[0]
    if not first or first not in text:
        return
    owners = re.search(r"牵头单位:([^;)]*)", line)
    lead = re.search(r"责任领导:([^;)]*)", line)
    co = re.search(r"责任单位:([^;)]*)", line)
    t = DraftTarget(id="", title=first[:40], section=draft.targets[-1].section if draft.targets else "（分解表）",
                    source=first, kind="milestone", stages=list(STAGES["建成"][:1]) + ["推进中", "已完成"],
                    owner=owners[1].split("、") if owners else ["待定"], leader=lead[1].split("、") if lead else [],
                    co_owners=co[1].split("、") if co else [], due=due, row=number, offset=offset,
                    no=(re.match(r"^(\d{1,3})\.", line) or [None, ""])[1] or "",
                    unsure=[f"分解表第{number}行没有数字，也没有可判断的交付物：暂按阶段考核"])
    used = {x.id for x in draft.targets}
    t.id = t.no if t.no and t.no not in used else f"r{number}"
    draft.targets.append(t)
    draft.targets.sort(key=lambda x: x.offset)
    draft.excuses = [e for e in draft.excuses if e.text not in first]
    excuse_numbers(text, draft.targets, draft.excuses)


def _year_of(words: str, default: int) -> int:
    m = re.search(r"((?:19|20)\d\d)年", words)
    return int(m[1]) if m else default
