"""The progress ledger: dated entries in CSV and YAML files under ``data/progress/``.

One streaming pass reads every file, validates every row against the catalogue and hands
each good row to a *sink*. ``Progress`` is the sink behind ``status``: it keeps per target
only what the as-of date needs (the latest year-to-date total, later increments, the
latest stage), so a million entries never become a million objects.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Protocol

from .dates import parse_date
from .errors import Problem
from .model import Basis, Catalogue, Entry, Kind, Target
from .quantity import QuantityError, parse_unit, value_in
from .textio import display_path, read_text

__all__ = [
    "COLUMNS",
    "PROGRESS_DIR",
    "LedgerScan",
    "Progress",
    "History",
    "ledger_files",
    "read_ledger",
    "load_progress",
    "load_history",
    "canonical_column",
    "parse_basis",
]

PROGRESS_DIR = "progress"
COLUMNS = ("id", "date", "target", "value", "unit", "basis", "stage", "by", "note", "source", "replaces")
REQUIRED = ("date", "target")
_ALIASES: dict[str, str] = {
    "编号": "id", "记录编号": "id",
    "日期": "date", "填报日期": "date", "截至日期": "date", "统计截至日期": "date",
    "指标编号": "target", "目标编号": "target", "指标": "target",
    "数值": "value", "完成值": "value", "累计完成": "value", "本期数值": "value",
    "单位": "unit", "计量单位": "unit",
    "口径": "basis", "填报口径": "basis",
    "阶段": "stage", "形象进度": "stage",
    "填报人": "by", "报送人": "by", "填报单位": "by",
    "备注": "note", "进展情况": "note", "说明": "note",
    "来源": "source", "依据": "source", "文号": "source",
    "更正": "replaces", "更正记录": "replaces", "替代记录": "replaces",
}
_BASIS: dict[str, Basis] = {
    "": Basis.TOTAL, "total": Basis.TOTAL, "ytd": Basis.TOTAL, "累计": Basis.TOTAL, "年累计": Basis.TOTAL,
    "add": Basis.ADD, "increment": Basis.ADD, "增量": Basis.ADD, "新增": Basis.ADD, "本期": Basis.ADD,
}
LEDGER_SUFFIXES = (".csv", ".yaml", ".yml")


def canonical_column(name: str) -> str | None:
    """The canonical column for a header cell (English or Chinese), or None."""
    key = name.strip().lstrip("\ufeff")
    low = key.lower()
    if low in COLUMNS:
        return low
    return _ALIASES.get(key)


def parse_basis(text: str) -> Basis | None:
    return _BASIS.get(text.strip().lower())


class Sink(Protocol):
    def add(
        self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
        eid: str, replaces: str | None, row: tuple[Any, ...],
    ) -> None: ...


@dataclass(slots=True)
class _TargetInfo:
    target: Target
    unit: str | None
    milestone: bool
    stages: frozenset[str]
    negatives: bool  # growth rates may be negative
    base_div: Decimal  # one target unit in base units: 万亩 → 10000


@dataclass
class LedgerScan:
    """What one pass over the ledger found."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    rows: int = 0
    corrections: list[tuple[str, str, str, int]] = field(default_factory=list)  # (replaced, target, path, line)


def ledger_files(data_dir: Path) -> list[Path]:
    """Every ledger file under ``data_dir/progress`` in a stable order (folders sort by month)."""
    root = data_dir / PROGRESS_DIR
    if not root.is_dir():
        return []
    out = []
    for p in root.rglob("*"):
        if p.name.startswith(".") or any(part.startswith(".") for part in p.relative_to(root).parts):
            continue
        if p.is_file() and p.suffix.lower() in LEDGER_SUFFIXES and not p.name.endswith(".rejects.csv"):
            out.append(p)
    out.sort(key=lambda p: p.relative_to(root).as_posix())
    return out


def stray_files(data_dir: Path) -> list[Path]:
    """Files in the ledger folder that are not ledger files (and not docs or hidden)."""
    root = data_dir / PROGRESS_DIR
    if not root.is_dir():
        return []
    out = []
    for p in root.rglob("*"):
        rel = p.relative_to(root).parts
        if any(part.startswith(".") for part in rel) or not p.is_file():
            continue
        if p.suffix.lower() in LEDGER_SUFFIXES or p.suffix.lower() in (".md", ".txt"):
            continue
        out.append(p)
    return sorted(out)


class _Reader:
    """Validates rows of one pass; shared by the CSV and YAML paths."""

    def __init__(
        self, catalogue: Catalogue, sink: Sink, scan: LedgerScan, only: frozenset[str] | None,
        exclude: frozenset[str], check: bool,
    ) -> None:
        self.year = catalogue.plan.year
        self.sink = sink
        self.scan = scan
        self.only = only
        self.exclude = exclude
        self.check = check
        self.info: dict[str, _TargetInfo] = {}
        for t in catalogue.targets:
            base_div = Decimal(1)
            if t.unit:
                u = parse_unit(t.unit)
                base_div = u.factor / parse_unit(u.base).factor
            self.info[t.id] = _TargetInfo(
                t, t.unit, t.kind is Kind.MILESTONE, frozenset(t.stages), t.kind is Kind.GROWTH, base_div
            )
        self.dates: dict[Any, date | None] = {}
        self.ids: dict[str, str] = {}
        self.seq = 0
        self.problems = scan.problems

    def problem(self, code: str, path: str, line: int, fld: str | None, **params: str) -> None:
        if self.check:
            self.problems.append(Problem(code, path, line, fld, params))

    def row(self, r: list[Any], path: str, rel: str, line: int) -> None:
        """r is in COLUMNS order (strings, or YAML scalars)."""
        eid_raw, date_raw, tid, value_raw, unit_raw, basis_raw, stage_raw, by, note, source, replaces = r
        tid = str(tid).strip() if tid is not None else ""
        if self.only is not None and tid not in self.only:
            return
        self.scan.rows += 1
        self.seq += 1
        ok = True
        eid = str(eid_raw).strip() if eid_raw not in (None, "") else ""
        if not eid:
            eid = f"{rel}:{line}"
        elif self.check:
            first = self.ids.get(eid)
            if first is not None:
                self.problem("duplicate-entry-id", path, line, "id", id=eid, first=first)
                ok = False
            else:
                self.ids[eid] = f"{path}:{line}"
        if self.exclude and eid in self.exclude:
            return
        # date
        day = self.dates.get(date_raw, False)
        if day is False:
            day = parse_date(date_raw) if date_raw not in (None, "") else None
            if day is not None and day.year != self.year:
                day = -day.year  # type: ignore[assignment]
            self.dates[date_raw] = day
        if day is None:
            if date_raw in (None, ""):
                self.problem("missing-field", path, line, "date")
            else:
                self.problem("bad-date", path, line, "date", value=str(date_raw))
            ok = False
        elif type(day) is int:
            self.problem("date-outside-year", path, line, "date", date=str(date_raw), year=str(self.year))
            ok = False
        # target
        info = self.info.get(tid)
        if info is None:
            if tid:
                self.problem("unknown-target", path, line, "target", target=tid)
            else:
                self.problem("missing-field", path, line, "target")
            return
        # basis
        basis_s = str(basis_raw).strip().lower() if basis_raw is not None else ""
        basis = _BASIS.get(basis_s)
        if basis is None:
            self.problem("bad-basis", path, line, "basis", value=str(basis_raw))
            ok = False
        is_total = basis is not Basis.ADD
        stage = str(stage_raw).strip() if stage_raw not in (None, "") else None
        value: Decimal | None = None
        has_value = value_raw not in (None, "")
        if info.milestone:
            if has_value:
                self.problem("value-for-milestone", path, line, "value")
                ok = False
            if stage is None:
                self.problem("missing-stage", path, line, "stage", stages="/".join(info.target.stages))
                ok = False
            elif stage not in info.stages:
                self.problem("unknown-stage", path, line, "stage", stage=stage, stages="/".join(info.target.stages))
                ok = False
        else:
            if stage is not None:
                self.problem("stage-for-number", path, line, "stage")
                ok = False
            if not has_value:
                self.problem("missing-value", path, line, "value")
                ok = False
            else:
                value = self.value(value_raw, unit_raw, info, path, line)
                if value is None:
                    ok = False
                elif value < 0 and is_total and not info.negatives:
                    self.problem("bad-value", path, line, "value", detail=f"negative total {value_raw}",
                                 detail_zh=f"累计值不能为负数（{value_raw}）")
                    ok = False
        rep = str(replaces).strip() if replaces not in (None, "") else None
        if not ok:
            return
        if rep is not None and self.check:
            self.scan.corrections.append((rep, tid, path, line))
        self.sink.add(tid, day, self.seq, is_total, value, stage, eid, rep,
                      (by, note, source, path, line, value_raw))  # type: ignore[arg-type]

    def value(self, raw: Any, unit_raw: Any, info: _TargetInfo, path: str, line: int) -> Decimal | None:
        """The written value in the target's unit; a bare number is in the unit column's
        unit, else in the base unit of the target's unit ("36000" against 万亩 is 亩)."""
        unit = str(unit_raw).strip() if unit_raw not in (None, "") else ""
        if isinstance(raw, bool):
            self.problem("bad-number", path, line, "value", value=str(raw))
            return None
        if isinstance(raw, (int, float)):
            raw = str(raw)
        if not unit or unit == info.unit:
            try:
                d = Decimal(raw)
            except (InvalidOperation, TypeError, ValueError):
                pass
            else:
                if d.is_finite():
                    if unit or info.base_div == 1:
                        return d
                    return d / info.base_div
        try:
            return value_in(str(raw), info.unit or "", unit or None)
        except QuantityError as exc:
            fld = "unit" if (exc.code == "unknown-unit" and unit) else "value"
            params = dict(exc.params)
            if exc.code == "unit-mismatch":
                params["expected"] = info.unit or ""
            self.problem(exc.code, path, line, fld, **params)
            return None

    # -- files -----------------------------------------------------------------------
    def csv_file(self, text: str, path: str, rel: str) -> None:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except csv.Error as exc:
            self.problem("csv-syntax", path, 1, None, detail=str(exc))
            return
        except StopIteration:
            self.problem("file-empty", path, 1, None)
            return
        cols: list[int] = []
        positions: dict[str, int] = {}
        bad_header = False
        for i, cell in enumerate(header):
            name = canonical_column(cell)
            if name is None:
                if cell.strip():
                    self.problem("bad-header", path, 1, cell.strip(),
                                 detail=f"unknown column '{cell.strip()}'; known: {', '.join(COLUMNS)}")
                    bad_header = True
                continue
            if name in positions:
                self.problem("bad-header", path, 1, cell.strip(), detail=f"column '{name}' appears twice")
                bad_header = True
            positions[name] = i
        for need in REQUIRED:
            if need not in positions:
                self.problem("missing-column", path, 1, None, column=need)
                bad_header = True
        if "value" not in positions and "stage" not in positions:
            self.problem("missing-column", path, 1, None, column="value")
            bad_header = True
        if bad_header:
            return
        cols = [positions.get(name, -1) for name in COLUMNS]
        width = len(header)
        prev = 1
        only = self.only
        tpos = positions["target"]
        try:
            for raw in reader:
                line = prev + 1
                prev = reader.line_num
                n = len(raw)
                if n != width:
                    if n == 0 or not any(c.strip() for c in raw):
                        continue
                    if n > width and not any(c.strip() for c in raw[width:]):
                        raw = raw[:width]
                    elif n < width:
                        raw = raw + [""] * (width - n)
                    else:
                        self.problem("bad-row", path, line, None, detail=f"{n} columns, header has {width}")
                        continue
                if only is not None and raw[tpos].strip() not in only:
                    continue
                self.row([raw[c] if c >= 0 else "" for c in cols], path, rel, line)
        except csv.Error as exc:
            msg = str(exc)
            if "field larger than field limit" in msg:
                self.problem("line-too-long", path, reader.line_num, None,
                             size=f">{csv.field_size_limit()}", limit=str(csv.field_size_limit()))
            else:
                self.problem("csv-syntax", path, reader.line_num, None, detail=msg)

    def yaml_file(self, text: str, path: str, rel: str) -> None:
        from .textio import long_line
        from .yamlsafe import YList, YMap, load_yaml

        too_long = long_line(text)
        if too_long:
            self.problem("line-too-long", path, too_long[0], None,
                         size=str(too_long[1]), limit="100000")
            return
        doc, problems = load_yaml(text, path)
        if self.check:
            self.problems.extend(problems)
        if doc is None:
            return
        refused = {p.line for p in problems}
        if isinstance(doc, YMap) and isinstance(doc.get("entries"), YList):
            doc = doc["entries"]
        if not isinstance(doc, YList):
            self.problem("not-a-list", path, getattr(doc, "line", 1) or 1, "entries")
            return
        for i, item in enumerate(doc):
            line = doc.item_lines[i]
            if not isinstance(item, YMap):
                if item is None and line in refused:
                    continue  # already reported (a refused tag or alias)
                self.problem("not-a-mapping", path, line, None)
                continue
            r: list[Any] = [None] * len(COLUMNS)
            unknown = False
            for key, val in item.items():
                name = canonical_column(key)
                if name is None:
                    self.problem("unknown-field", path, item.key_lines.get(key, line), key)
                    unknown = True
                    continue
                r[COLUMNS.index(name)] = val
            if unknown:
                continue
            self.row(r, path, rel, line)


def read_ledger(
    catalogue: Catalogue,
    data_dir: Path,
    sink: Sink,
    *,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    check: bool = True,
    files: list[Path] | None = None,
) -> LedgerScan:
    """Validate every ledger row and feed the good ones to ``sink``; collect all problems."""
    scan = LedgerScan()
    reader = _Reader(catalogue, sink, scan, frozenset(only) if only is not None else None, frozenset(exclude), check)
    root = data_dir / PROGRESS_DIR
    for file in files if files is not None else ledger_files(data_dir):
        scan.files += 1
        path = display_path(file)
        rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.name
        text, _enc, problems = read_text(file, path)
        if text is None:
            if check:
                scan.problems.extend(problems)
            continue
        if file.suffix.lower() == ".csv":
            reader.csv_file(text, path, rel)
        else:
            reader.yaml_file(text, path, rel)
    if check:
        for stray in stray_files(data_dir):
            scan.problems.append(Problem("unknown-file-type", display_path(stray), params={"suffix": stray.suffix or stray.name}))
    return scan


# -- sinks -------------------------------------------------------------------------------


class TargetProgress:
    """What status needs of one target's entries up to the as-of date."""

    __slots__ = ("total", "total_key", "incs", "stage", "stage_key", "count", "last_date")

    def __init__(self) -> None:
        self.total: Decimal | None = None
        self.total_key: tuple[date, int] | None = None
        self.incs: dict[date, Decimal] = {}
        self.stage: str | None = None
        self.stage_key: tuple[date, int] | None = None
        self.count = 0
        self.last_date: date | None = None

    def actual(self) -> Decimal | None:
        """Latest year-to-date total plus the increments dated after it."""
        if self.total is None and not self.incs:
            return None
        base = self.total if self.total is not None else Decimal(0)
        return base + sum(self.incs.values(), Decimal(0))


class Progress:
    """Sink for ``status``: per-target aggregates as of a date."""

    def __init__(self, as_of: date | None) -> None:
        self.as_of = as_of
        self.targets: dict[str, TargetProgress] = {}

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        if self.as_of is not None and day > self.as_of:
            return
        tp = self.targets.get(tid)
        if tp is None:
            tp = self.targets[tid] = TargetProgress()
        tp.count += 1
        if tp.last_date is None or day > tp.last_date:
            tp.last_date = day
        if stage is not None:
            key = (day, seq)
            if tp.stage_key is None or key > tp.stage_key:
                tp.stage, tp.stage_key = stage, key
            return
        if value is None:
            return
        if is_total:
            key = (day, seq)
            if tp.total_key is None or key > tp.total_key:
                tp.total, tp.total_key = value, key
                if tp.incs:
                    tp.incs = {d: v for d, v in tp.incs.items() if d > day}
        else:
            if tp.total_key is not None and day <= tp.total_key[0]:
                return  # a year-to-date total dated later already includes it
            incs = tp.incs
            incs[day] = incs.get(day, Decimal(0)) + value

    def replace_targets(self, fresh: "Progress", tids: set[str]) -> None:
        for tid in tids:
            self.targets.pop(tid, None)
        self.targets.update(fresh.targets)


class History:
    """Sink that keeps whole entries (for ``show``, reports, and checks)."""

    def __init__(self, as_of: date | None = None) -> None:
        self.as_of = as_of
        self.entries: dict[str, list[Entry]] = {}

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        if self.as_of is not None and day > self.as_of:
            return
        by, note, source, path, line, raw = row
        entry = Entry(
            id=eid, date=day, target=tid, basis=Basis.TOTAL if is_total else Basis.ADD, value=value, stage=stage,
            by=_s(by), note=_s(note), source=_s(source), replaces=replaces, path=path, line=line, raw_value=_s(raw),
        )
        self.entries.setdefault(tid, []).append(entry)

    def replace_targets(self, fresh: "History", tids: set[str]) -> None:
        for tid in tids:
            self.entries.pop(tid, None)
        self.entries.update(fresh.entries)


def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _apply_corrections(
    catalogue: Catalogue, data_dir: Path, scan: LedgerScan, make_sink: Any, sink: Any, files: list[Path] | None,
) -> None:
    """Re-read the corrected targets without the entries their corrections replace."""
    if not scan.corrections:
        return
    replaced = {r for r, _t, _p, _l in scan.corrections}
    affected = {t for _r, t, _p, _l in scan.corrections}
    # which replaced ids exist for the same target?
    seen = _SeenIds()
    read_ledger(catalogue, data_dir, seen, only=affected, check=False, files=files)
    for rep, tid, path, line in scan.corrections:
        if (rep, tid) not in seen.pairs:
            scan.problems.append(Problem("unknown-replaces", path, line, "replaces", {"id": rep, "target": tid}))
    fresh = make_sink()
    read_ledger(catalogue, data_dir, fresh, only=affected, exclude=replaced, check=False, files=files)
    sink.replace_targets(fresh, affected)


class _SeenIds:
    def __init__(self) -> None:
        self.pairs: set[tuple[str, str]] = set()

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        self.pairs.add((eid, tid))


def load_progress(catalogue: Catalogue, data_dir: Path, as_of: date | None) -> tuple[Progress, LedgerScan]:
    """Aggregates for status, corrections applied, with every ledger problem."""
    files = ledger_files(data_dir)
    sink = Progress(as_of)
    scan = read_ledger(catalogue, data_dir, sink, files=files)
    _apply_corrections(catalogue, data_dir, scan, lambda: Progress(as_of), sink, files)
    return sink, scan


def load_history(
    catalogue: Catalogue, data_dir: Path, as_of: date | None = None, only: Iterable[str] | None = None,
    keep_replaced: bool = False,
) -> tuple[History, LedgerScan]:
    """Whole entries per target (sorted by date), corrections applied unless ``keep_replaced``."""
    files = ledger_files(data_dir)
    sink = History(as_of)
    scan = read_ledger(catalogue, data_dir, sink, only=only, files=files)
    if not keep_replaced:
        _apply_corrections(catalogue, data_dir, scan, lambda: History(as_of), sink, files)
    for entries in sink.entries.values():
        entries.sort(key=lambda e: e.date)
    return sink, scan


def replaced_ids(history: History) -> set[str]:
    """Ids that some entry in ``history`` replaces."""
    return {e.replaces for es in history.entries.values() for e in es if e.replaces}
