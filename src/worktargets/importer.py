"""Clerks' input turned into ledger rows: one entry typed on the command line, or a filled
fill-in sheet (XLSX, or CSV in UTF-8, UTF-8 with BOM, GBK or GB18030).

Everything here is checked before anything is written: the row as it will be written is
read back through the ledger reader itself (``ledger.RowReader``), so a row this module
accepts is a row ``status`` accepts. Nothing here prints or reads the clock.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from .dates import parse_date
from .errors import Problem
from .ledger import COLUMNS, canonical_column, parse_basis
from .model import Basis, Catalogue, Kind, Target
from .quantity import QuantityError, format_number, value_in
from .writer import OwnerEntries, content_entry_id, read_owner, target_file
from .xlsxsheet import MAX_CELL_CHARS, XLSX_MAX_CELLS, NoValue, Refused, pick_sheet, unreadable, xlsx_bounds, xlsx_rows

__all__ = [
    "Draft",
    "parse_value",
    "check_rows",
    "warnings_for",
    "SheetRow",
    "read_sheet",
    "ImportPlan",
    "plan_import",
    "INFO_COLUMNS",
]


@dataclass
class Draft:
    """One entry about to be written: value already in the target's unit."""

    target: Target
    day: date
    basis: Basis = Basis.TOTAL
    value: Decimal | None = None
    stage: str | None = None
    by: str = ""
    note: str = ""
    source: str = ""
    replaces: str = ""
    id: str = ""

    def row(self) -> dict[str, str]:
        """The canonical ledger row: a plain decimal in the target's unit, unit column filled."""
        t = self.target
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "target": t.id,
            "value": format_number(self.value) if self.value is not None else "",
            "unit": (t.unit or "") if self.value is not None else "",
            "basis": self.basis.value,
            "stage": self.stage or "",
            "by": self.by,
            "note": self.note,
            "source": self.source,
            "replaces": self.replaces,
        }

    def call(self, seq: int) -> tuple[Any, ...]:
        """The arguments a ledger sink would receive for this entry."""
        return (self.target.id, self.day, seq, self.basis is Basis.TOTAL, self.value, self.stage, self.id,
                self.replaces or None, (self.by, self.note, self.source, "", 0, ""))

    def content_key(self) -> tuple[str, ...]:
        return (self.target.id, self.day.isoformat(), self.basis.value,
                format_number(self.value) if self.value is not None else "", self.stage or "")


def parse_value(text: str, target: Target, written_unit: str | None = None, column: bool = False) -> Decimal:
    """A clerk's number in the target's unit: "3.6万亩", "36000亩", "2.1万", "３６０００亩", "1,200亩".

    A bare number is in ``written_unit``, else in the base unit (the ledger's rule); every
    input (prompt, VALUE, sheet) passes the target's unit as ``written_unit``."""
    return value_in(str(text), target.unit or "", written_unit or None, column)


def check_rows(catalogue: Catalogue, rows: Sequence[dict[str, str]], path: str, lines: Sequence[int]) -> list[Problem]:
    """Problems the ledger reader would report for these rows (the reader itself is the judge)."""
    from .ledger import RowReader

    class _Null:
        def add(self, *args: Any) -> None:
            pass

    reader = RowReader(catalogue, _Null())
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r.get(c, "") for c in COLUMNS])
    reader.csv_text(buf.getvalue(), path, path)
    # map the reader's line numbers (2, 3, …) back to the caller's
    out = []
    for p in reader.problems:
        if p.line and 2 <= p.line < 2 + len(lines):
            p = Problem(p.code, p.path, lines[p.line - 2], p.field, p.params, p.severity)
        out.append(p)
    return out


def _warn(code: str, path: str, line: int | None, fld: str | None, **params: str) -> Problem:
    return Problem(code, path, line, fld, params, "warning")


def warnings_for(draft: Draft, known: OwnerEntries, catalogue: Catalogue, path: str = "", line: int | None = None,
                 extra: Iterable[tuple[Any, ...]] = ()) -> list[Problem]:
    """What needs a confirmation or ``--force``: a lower year-to-date total, over three times
    the target, the same value for the same day again, a stage going backwards."""
    t = draft.target
    out: list[Problem] = []
    exclude = {draft.replaces} if draft.replaces else set()
    before = known.progress(t.id, draft.day, extra=extra, exclude=exclude)
    unit = t.unit or ""
    for e in known.entries(t.id):
        if e.id in exclude or e.date != draft.day:
            continue
        if t.is_milestone:
            if e.stage == draft.stage:
                out.append(_warn("same-entry-exists", path, line, "stage", id=e.id))
                break
        elif e.value == draft.value and e.basis is draft.basis:
            out.append(_warn("same-entry-exists", path, line, "value", id=e.id))
            break
    if t.is_milestone:
        if before is not None and before.stage is not None and draft.stage in t.stages \
                and t.stages.index(draft.stage) < t.stages.index(before.stage):
            out.append(_warn("stage-backwards", path, line, "stage", stage=draft.stage or "", last=before.stage))
        return out
    if draft.value is None:
        return out
    last = before.actual() if before is not None else None
    if draft.basis is Basis.TOTAL and last is not None and draft.value < last and t.kind in (Kind.AMOUNT, Kind.RELATIVE):
        last_date = before.last_date.isoformat() if before.last_date else ""
        out.append(_warn("total-decreased", path, line, "value", value=f"{format_number(draft.value)}{unit}",
                         last=f"{format_number(last)}{unit}", last_date=last_date))
    goal = t.effective_target()
    result = draft.value if draft.basis is Basis.TOTAL else (last or Decimal(0)) + draft.value
    if goal is not None and goal > 0 and result > 3 * goal:
        out.append(_warn("value-too-large", path, line, "value", value=f"{format_number(result)}{unit}",
                         target=f"{format_number(goal)}{unit}"))
    return out


# -- fill-in sheets ----------------------------------------------------------------------

# Columns of the fill-in sheet that are there for the reader, not for the ledger.
INFO_COLUMNS: dict[str, str] = {
    "序号": "", "目标任务": "", "任务": "", "title": "", "年度目标": "", "annual target": "",
    "上期累计": "", "last total": "", "上期日期": "", "last date": "", "牵头单位": "", "owner": "",
    "可选阶段": "", "stages": "",
}
PROBLEMS_COLUMNS = ("存在问题", "problems")


@dataclass
class SheetRow:
    """One data row of a sheet: canonical column → raw cell (str, number, date or None)."""

    line: int
    cells: dict[str, Any]


@dataclass
class Sheet:
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header_line: int = 1
    header: list[str] = field(default_factory=list)
    raw: dict[int, list[Any]] = field(default_factory=dict)  # line → original cells, for rejects
    encoding: str = ""
    title_text: str = ""  # the rows above the header (the template's title names the department)


def _header_map(cells: Sequence[Any]) -> tuple[dict[int, str], list[str]]:
    """Column index → canonical name ("" for informational, "problems"), and unknown names."""
    out: dict[int, str] = {}
    unknown: list[str] = []
    for i, cell in enumerate(cells):
        name = "" if cell is None else str(cell).strip().lstrip("\ufeff")
        if not name:
            continue
        canon = canonical_column(name)
        if canon is not None:
            out[i] = canon
        elif name in PROBLEMS_COLUMNS or name.lower() in PROBLEMS_COLUMNS:
            out[i] = "problems"
        elif name in INFO_COLUMNS or name.lower() in INFO_COLUMNS:
            out[i] = ""
        else:
            unknown.append(name)
    return out, unknown


def _rows_to_sheet(rows: Iterable[tuple[int, Sequence[Any]]], path: str) -> Sheet:
    """The sheet from (row number, cells) pairs: header in the first ten rows, then data."""
    sheet = Sheet()
    it = iter(rows)
    header: dict[int, str] | None = None
    for line, cells in it:
        mapping, unknown = _header_map(cells)
        if "target" in mapping.values():
            header = mapping
            sheet.header_line = line
            sheet.header = ["" if c is None else str(c).strip().lstrip("\ufeff") for c in cells]
            sheet.title_text = " ".join(sheet.title_text.split())
            for name in unknown:
                sheet.problems.append(Problem("bad-header", path, line, name,
                                              {"detail": f"unknown column '{name}'"}))
            break
        sheet.title_text += " " + " ".join(str(c) for c in cells if c not in (None, ""))
        if line >= 10:
            break
    if header is None:
        sheet.problems.append(Problem("missing-column", path, 1, None, {"column": "target (指标编号)"}))
        return sheet
    seen: dict[str, int] = {}
    for i, name in header.items():
        if name and name in seen:
            sheet.problems.append(Problem("bad-header", path, sheet.header_line, name,
                                          {"detail": f"column '{name}' appears twice"}))
        seen[name] = i
    for line, cells in it:
        cells = list(cells)
        if not any(c not in (None, "") and (isinstance(c, NoValue) or str(c).strip()) for c in cells):
            continue
        row = {name: (cells[i] if i < len(cells) else None) for i, name in header.items() if name}
        sheet.rows.append(SheetRow(line, row))
        sheet.raw[line] = cells
    return sheet


def _read_xlsx(openpyxl: Any, path: Path, shown: str, sheet_name: str | None) -> Sheet:
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        return Sheet(problems=[unreadable(shown, exc)])
    try:
        return _rows_to_sheet(xlsx_rows(wb, pick_sheet(wb, shown, sheet_name), shown), shown)
    except Refused:
        raise
    except Exception as exc:  # a damaged sheet part
        return Sheet(problems=[unreadable(shown, exc)])
    finally:
        wb.close()


def read_sheet(path: Path, shown: str, sheet_name: str | None = None) -> Sheet:
    """Rows of an XLSX or CSV fill-in sheet (header found in its first ten rows)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl
        except ImportError:  # pragma: no cover
            return Sheet(problems=[Problem("xlsx-unreadable", shown, params={"detail": "pip install openpyxl"})])
        import warnings

        try:
            xlsx_bounds(path, shown)
            with warnings.catch_warnings():  # openpyxl's warnings are not for clerks; its errors are
                warnings.simplefilter("ignore")
                sheet = _read_xlsx(openpyxl, path, shown, sheet_name)
        except Refused as r:
            return Sheet(problems=[r.problem])
        sheet.encoding = "xlsx"
        return sheet
    from .textio import read_text

    text, enc, problems = read_text(path, shown)
    if text is None:
        return Sheet(problems=problems)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # an unterminated quote is an error
    start = [1]
    count = [0]

    def records() -> Iterable[tuple[int, list[str]]]:  # (the line a record starts on, its cells)
        for cells in reader:
            n, start[0] = start[0], reader.line_num + 1
            count[0] += len(cells)
            if count[0] > XLSX_MAX_CELLS:  # the XLSX bound: a sheet is a sheet, whatever its format
                raise Refused(Problem("sheet-too-large", shown, n, None, {"size": str(count[0]), "limit": str(XLSX_MAX_CELLS)}))
            for i, cell in enumerate(cells):
                if len(cell) > MAX_CELL_CHARS:
                    raise Refused(Problem("cell-too-long", shown, n, None, {
                        "cell": f"{n}:{i + 1}", "size": str(len(cell)), "limit": str(MAX_CELL_CHARS)}))
            yield n, cells

    try:
        sheet = _rows_to_sheet(records(), shown)
    except csv.Error as exc:  # the line where the broken record starts
        if "unexpected end of data" in str(exc):
            return Sheet(problems=[Problem("unterminated-quote", shown, start[0])])
        return Sheet(problems=[Problem("csv-syntax", shown, start[0], None, {"detail": str(exc)})])
    except Refused as r:
        return Sheet(problems=[r.problem])
    sheet.encoding = enc
    return sheet


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return repr(v)
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return str(v).strip()


def _cell_date(v: Any) -> date | None:
    if isinstance(v, str):
        s = v.strip()
        if s.isdigit() and len(s) == 5:  # an Excel serial date saved as text in a CSV
            return parse_date(int(s))
        try:
            if "." in s and s.replace(".", "", 1).isdigit() and len(s.split(".")[0]) == 5:
                return parse_date(float(s))
        except ValueError:
            pass
        return parse_date(s)
    return parse_date(v)


@dataclass
class Planned:
    line: int
    draft: Draft
    path: Path


@dataclass
class ImportPlan:
    """What an import would do: new entries per file, rows already recorded, problems per row."""

    new: list[Planned] = field(default_factory=list)
    already: list[Planned] = field(default_factory=list)
    superseded: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (entry, its correction)
    empty: int = 0
    bad_lines: dict[int, list[Problem]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # file-level
    corrections: dict[int, str] = field(default_factory=dict)  # line → the id it replaces

    def by_file(self) -> dict[Path, list[Planned]]:
        out: dict[Path, list[Planned]] = {}
        for p in self.new:
            out.setdefault(p.path, []).append(p)
        return out

    def all_problems(self) -> list[Problem]:
        return self.problems + [p for ps in self.bad_lines.values() for p in ps]


def sheet_owner(sheet: Sheet, catalogue: Catalogue, owner: str | None = None) -> str | None:
    """The department a sheet is from: ``owner`` if given, else the one its title rows name
    (the template's title does), else the one leading most of its rows (the first on a tie)."""
    if owner:
        return owner
    owners = sorted({t.owner for t in catalogue.targets}, key=len, reverse=True)
    for o in owners:
        if o and o in sheet.title_text:
            return o
    targets = catalogue.by_id()
    counts: dict[str, int] = {}
    for r in sheet.rows:
        t = targets.get(_text(r.cells.get("target")))
        if t is not None:
            counts[t.owner] = counts.get(t.owner, 0) + 1
    return max(counts, key=lambda o: counts[o]) if counts else None


def _bare(text: str) -> bool:
    """Whether a value cell is a number with no unit (then it is in the target's unit)."""
    from .quantity import parse_number

    try:
        return parse_number(text)[1] == ""
    except QuantityError:
        return False


def _control_char(text: str) -> str | None:
    """The first control character of a cell (line breaks and tabs aside), if any."""
    import unicodedata

    for ch in text:
        if ch not in "\t\r\n" and unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200b\u200c\u200d\ufeff":
            return ch
    return None


def plan_import(sheet: Sheet, catalogue: Catalogue, data_dir: Path, shown: str, by: str = "",
                force: bool = False, owner: str | None = None, allow_other_owners: bool = False) -> ImportPlan:
    """Validate every row of ``sheet`` and decide what to write; writes nothing.

    A bare number is in the unit column's unit, else in the target's own unit (what the
    template shows). A row for another department's target is refused unless
    ``allow_other_owners``. A changed figure for a day the same reporter (and source)
    already filed becomes a correction of that entry (``replaces``)."""
    plan = ImportPlan(problems=list(sheet.problems))
    if plan.problems:
        return plan
    targets = catalogue.by_id()
    home = sheet_owner(sheet, catalogue, owner)
    drafts: list[tuple[int, Draft]] = []
    seen: dict[tuple[str, date], int] = {}
    for r in sheet.rows:
        c = r.cells
        unsaved = [Problem("formula-no-value", shown, r.line, name, {"cell": v.cell})
                   for name, v in c.items() if isinstance(v, NoValue)]
        unsaved += [Problem("control-character", shown, r.line, name, {"char": f"U+{ord(ch):04X}"})
                    for name, v in c.items() if isinstance(v, str) and (ch := _control_char(v))]
        if unsaved:
            plan.bad_lines[r.line] = unsaved
            continue
        value_raw, stage_raw = _text(c.get("value")), _text(c.get("stage"))
        tid = _text(c.get("target"))
        if not value_raw and not stage_raw:
            plan.empty += 1  # a template row nobody filled in
            continue
        problems: list[Problem] = []
        t = targets.get(tid)
        if t is not None and home is not None and t.owner != home and not allow_other_owners:
            plan.bad_lines[r.line] = [Problem("other-owner", shown, r.line, "target",
                                              {"target": t.id, "owner": t.owner, "sheet_owner": home})]
            continue
        day = _cell_date(c.get("date")) if c.get("date") not in (None, "") else None
        note = _text(c.get("note"))
        extra = _text(c.get("problems"))
        if extra:
            note = f"{note}；存在问题：{extra}" if note else f"存在问题：{extra}"
        row = {
            "id": _text(c.get("id")), "date": day.isoformat() if day else _text(c.get("date")), "target": tid,
            "value": value_raw, "unit": _text(c.get("unit")) or (t.unit or "" if t is not None and not t.is_milestone
                                                                   and _bare(value_raw) else ""),
            "basis": _text(c.get("basis")), "stage": stage_raw,
            "by": _text(c.get("by")) or by, "note": note.replace("\r", " ").replace("\n", " "),
            "source": _text(c.get("source")), "replaces": _text(c.get("replaces")),
        }
        value: Decimal | None = None
        if t is not None and not t.is_milestone and value_raw:  # a figure that cannot be read: said at its cell
            try:
                value = parse_value(value_raw, t, row["unit"] or None, column=bool(_text(c.get("unit"))))
            except QuantityError as exc:
                problems = [Problem(exc.code, shown, r.line, "value", {"expected": t.unit or "", **exc.params})]
        problems = problems or check_rows(catalogue, [row], shown, [r.line])
        if t is not None and day is not None and not problems:
            draft = Draft(t, day, parse_basis(row["basis"]) or Basis.TOTAL, value, stage=row["stage"] or None,
                          by=row["by"], note=row["note"], source=row["source"], replaces=row["replaces"])
            key = (t.id, day)
            if key in seen:
                problems.append(Problem("duplicate-row", shown, r.line, "target", {"other": str(seen[key])}))
            else:
                seen[key] = r.line
                draft.id = row["id"] or content_entry_id(day, (*draft.content_key(), t.owner))
                drafts.append((r.line, draft))
        if problems:
            plan.bad_lines[r.line] = problems
    # what is already in the files: by owner, reading only that owner's files
    owners: dict[str, set[str]] = {}
    for _line, d in drafts:
        owners.setdefault(d.target.owner, set()).add(d.target.id)
    known: dict[str, OwnerEntries] = {o: read_owner(catalogue, data_dir, o, tids)[0] for o, tids in owners.items()}
    seq = 10**9
    pending: dict[str, list[tuple[Any, ...]]] = {}
    for line, d in drafts:
        k = known[d.target.owner]
        present = k.ids()
        match = next((e for e in k.entries(d.target.id, keep_replaced=True)
                      if e.id == d.id or (e.date == d.day and _same_content(e, d))), None)
        same = match is not None or d.id in present
        try:
            path = target_file(data_dir, d.target.owner, d.day, d.row())
        except Exception as exc:  # WriteError: an owner name that cannot be a file name, a damaged file
            params = dict(getattr(exc, "params", {}))
            if params.get("file"):  # the ledger file it would go to is damaged: say where
                from .textio import display_path

                at = params.pop("line", None)
                where = Problem(getattr(exc, "code", "unwritable-file"), display_path(Path(params.pop("file"))),
                                int(at) if at else None, None, params)
                if where not in plan.problems:
                    plan.problems.append(where)
                continue
            plan.bad_lines.setdefault(line, []).append(
                Problem(getattr(exc, "code", "unsafe-name"), shown, line, "target", params))
            continue
        if same:
            plan.already.append(Planned(line, d, path))
            by = k.replaced_by(match.id) if match is not None else None
            if by is not None:  # the row is what was filed before a correction: said, not refiled
                plan.superseded[line] = (match.id, by)  # type: ignore[union-attr]
            continue
        if not d.replaces:  # the same reporter's figure for that day, changed: a correction
            earlier = [e for e in k.entries(d.target.id) if e.date == d.day and e.by == d.by and e.source == d.source]
            if earlier:
                d.replaces = earlier[-1].id
                plan.corrections[line] = d.replaces
        warns = warnings_for(d, k, catalogue, shown, line, extra=pending.get(d.target.id, ()))
        if warns and not force:
            plan.bad_lines.setdefault(line, []).extend(warns)
            continue
        seq += 1
        pending.setdefault(d.target.id, []).append(d.call(seq))
        plan.new.append(Planned(line, d, path))
    if not sheet.rows or (not drafts and not plan.bad_lines):
        if not plan.bad_lines:
            plan.problems.append(Problem("no-rows", shown))
    return plan


def _same_content(e: Any, d: Draft) -> bool:
    if d.target.is_milestone:
        return e.stage == d.stage
    return e.value == d.value and e.basis is d.basis


def rejects_rows(sheet: Sheet, plan: ImportPlan, lang: str) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the rejects file: the original cells plus row number and problems."""
    header = list(sheet.header) + (["行号", "问题"] if lang == "zh" else ["row", "problems"])
    rows = []
    for line in sorted(plan.bad_lines):
        cells = ["" if c is None else _text(c) for c in sheet.raw.get(line, [])]
        cells += [""] * (len(sheet.header) - len(cells))
        msg = "；".join(f"{p.code}: {p.message(lang)}" for p in plan.bad_lines[line])
        rows.append(cells[: len(sheet.header)] + [line, msg])
    return header, rows

