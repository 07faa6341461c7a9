"""The progress ledger: dated entries in CSV and YAML files under ``data/progress/``.

One streaming pass reads every file, validates every row against the catalogue and hands
each good row to a *sink*. ``Progress`` is the sink behind ``status``: it keeps per target
only what the as-of date needs (the latest year-to-date total, later increments, the
latest stage), so a million entries never become a million objects.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import os
import re
from bisect import bisect_left, bisect_right
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Protocol

from .dates import parse_date
from .errors import Problem
from .model import Basis, Catalogue, Entry, Kind, Target
from .quantity import (
    _BASE_UNITS, _MAGNITUDES, QuantityError, _exact, base_unit, exact_context, in_range, parse_quantity, parse_unit, value_in,
)
from .textio import _looks_binary, decode_bytes, display_path, read_bytes, text_of

__all__ = [
    "COLUMNS",
    "PROGRESS_DIR",
    "LedgerScan",
    "Progress",
    "History",
    "DayBook",
    "Timeline",
    "ledger_files",
    "read_ledger",
    "load_progress",
    "load_history",
    "load_timelines",
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


_BASIS_RAW: dict[str, Basis] = {**_BASIS, **{k.upper(): v for k, v in _BASIS.items()}, **{k.title(): v for k, v in _BASIS.items()}}
_ZERO = Decimal(0)
_DIGITS = frozenset("0123456789")
_PLAIN_NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d+)?|\.\d+))([^\d\s.,+-]*)", re.ASCII).fullmatch
# every unit text that can follow a plain number: a magnitude alone, a base unit, or both
_SUFFIXES = frozenset(
    [m for m in _MAGNITUDES] + [m + b for m in ("", *_MAGNITUDES) for b in _BASE_UNITS]
)
_PLANS: dict[tuple[str, str, str | None], Any] = {}


def _value_plan(suffix: str, unit: str, target_unit: str | None) -> Any:
    """How ``value_in(number + suffix, target_unit, unit or None)`` turns the number into
    its result, worked out once with ``value_in``'s own functions: True (the number
    itself), (numerator, denominator) for ``_exact(number * numerator / denominator)``, or
    None (not a usual spelling: the careful path decides and reports)."""
    if not target_unit or (suffix and suffix not in _SUFFIXES) or unit != unit.strip():
        return None
    try:
        q = parse_quantity("1" + suffix, unit or base_unit(target_unit))
        if q.value != 1:
            return None
        if q.unit == target_unit:
            return True
        src, dst = parse_unit(q.unit), parse_unit(target_unit)
    except QuantityError:
        return None
    if src.family != dst.family:
        return None
    return (src.factor, dst.factor)


def _scannable(data: bytes) -> bytes | None:
    """The bytes after any BOM, when the compiled scanner can read them as they are: strict
    UTF-8 with no NUL, not binary-looking, not blank, a plain header line. Else None, and
    the file is decoded and judged the usual way (``text_of``), which reports problems."""
    from . import _rowscan  # type: ignore[attr-defined]

    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    nl = body.find(b"\n")
    if nl < 0 or not _rowscan.utf8_check(body):
        return None
    head = body[:nl].rstrip(b"\r")
    if b'"' in head or b"\r" in head or _looks_binary(body[:32768].decode("utf-8", "ignore")):
        return None
    if not body[:4096].strip() and not body.decode().strip():
        return None
    return body


def _plain_header(text: str) -> bool:
    """A header line the compiled scanner can step over: no quotes, no bare carriage return."""
    nl = text.find("\n")
    if nl < 0:
        return False
    head = text[:nl]
    if head.endswith("\r"):
        head = head[:-1]
    return '"' not in head and "\r" not in head


def _compiled_plan(suffix: str, unit: str, target_unit: str) -> tuple[int, int, int] | None:
    """``_value_plan`` for the compiled scanner: (1, 0, 0) for the number itself,
    (2, shift, digits) for ``_exact(number * 10**shift)`` where the numerator Decimal has
    ``digits`` digits, or None (the row goes to Python)."""
    key = (suffix, unit, target_unit)
    plan = _PLANS.get(key, False)
    if plan is False:
        plan = _PLANS[key] = _value_plan(suffix, unit, target_unit)
    if plan is None:
        return None
    if plan is True:
        return (1, 0, 0)
    num, den = plan
    ratio = (num / den).normalize()
    sign, digits, exp = ratio.as_tuple()
    if sign or digits != (1,) or not isinstance(exp, int) or ratio * den != num:
        return None  # not a power of ten: Python converts these
    return (2, exp, len(num.as_tuple().digits))


def _compiled() -> Any:
    """The compiled module ``_rowscan``, or None: not built here (no C compiler at install
    time), or turned off with ``WORKTARGETS_PURE=1`` (the tests compare both paths)."""
    if os.environ.get("WORKTARGETS_PURE") == "1":
        return None
    try:
        from . import _rowscan  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _rowscan


def _make_scanner(reader: "_Reader", catalogue: Catalogue) -> Any:
    """The compiled row scanner for ``reader``, or None (see ``_compiled``)."""
    _rowscan = _compiled()
    if _rowscan is None:
        return None
    tids, infos = reader.tables.scanner_infos()
    only = reader.only
    if only is not None:  # the scanner skips the other targets' rows
        infos = [(m, n, tid in only, *rest) for tid, (m, n, _ok, *rest) in zip(tids, infos)]
    reader.ids = _rowscan.IdTable()  # the same mapping, shared with the scanner
    basis = [(text, b is Basis.ADD) for text, b in _BASIS_RAW.items()]
    kind = type(reader.sink)
    # _rowscan's MODE_*: aggregate for Progress, filter for a read of a few targets, days
    # for DayBook, else emit (sink.add for each usual row)
    mode = 1 if kind is Progress else 0 if reader.only is not None else 3 if kind is DayBook else 2
    # rows after the as-of date: Progress and History drop them, so the scanner need not pass them
    as_of = reader.sink.as_of if kind in (Progress, History, DayBook) else None  # type: ignore[attr-defined]
    return _rowscan.Scanner(
        reader, tids, infos, basis, reader.year, as_of.toordinal() if as_of is not None else 0,
        reader.ids if reader.check else None, reader.exclude or None, reader.excluded, _compiled_plan, mode,
        reader.sink.add if mode == 2 else None, Decimal,
    )


def _scanner_infos(info: dict[str, _TargetInfo]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The target ids and what the scanner needs of each (every target wanted)."""
    tids, infos = [], []
    powers: dict[str | None, tuple[int, int]] = {}  # unit -> (k, exponent of base_div): a few units
    for tid, ti in info.items():
        power = powers.get(ti.unit)
        if power is None:
            bd = ti.base_div
            k, de = -1, 0
            sign, digits, exp = bd.normalize().as_tuple()
            if not sign and digits == (1,) and isinstance(exp, int) and exp >= 0:
                k, de = exp, int(bd.as_tuple().exponent)
            power = powers[ti.unit] = (k, de)
        tids.append(tid)
        infos.append((ti.milestone, ti.negatives, True, *power, ti.unit or "", tuple(ti.target.stages)))
    return tids, infos


def _progress_from_scanner(got: dict[str, tuple[Any, ...]]) -> dict[str, "TargetProgress"]:
    """TargetProgress objects from the compiled scanner's export."""
    out: dict[str, TargetProgress] = {}
    day = date.fromordinal
    for tid, (count, last, stage, stage_day, stage_seq, total, total_day, total_seq, incs) in got.items():
        tp = TargetProgress()
        tp.count = count
        tp.last_date = day(last) if last else None
        if stage is not None:
            tp.stage, tp.stage_key = stage, (day(stage_day), stage_seq)
        if total is not None:
            tp.total, tp.total_key = _dec(*total), (day(total_day), total_seq)
        tp.incs = {day(d): _dec(c, e) for d, c, e in incs}
        out[tid] = tp
    return out


def _dec(coef: int, exp: int) -> Decimal:
    return Decimal(f"{coef}E{exp}")


class Sink(Protocol):
    def add(
        self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
        eid: str, replaces: str | None, row: tuple[Any, ...],
    ) -> None: ...


class _TargetInfo:
    """What the row checks need of a target (plain slots: a dataclass costs ~2 ms of start-up)."""

    __slots__ = ("target", "unit", "milestone", "stages", "negatives", "base_div")

    def __init__(self, target: Target, unit: str | None, milestone: bool, stages: frozenset[str], negatives: bool,
                 base_div: Decimal) -> None:
        self.target = target
        self.unit = unit
        self.milestone = milestone
        self.stages = stages
        self.negatives = negatives  # growth rates may be negative
        self.base_div = base_div  # one target unit in base units: 万亩 → 10000


class _Tables:
    """What reads need of a catalogue's targets, worked out once per catalogue (a command
    may read several times: add-progress checks its row, then reads its owner's files):
    the row checks' ``info``, and the compiled scanner's ids and infos when it is used."""

    __slots__ = ("catalogue", "info", "_scanner")

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.info = _target_infos(catalogue)
        self._scanner: tuple[list[str], list[tuple[Any, ...]]] | None = None

    def scanner_infos(self) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The target ids and what the scanner needs of each (every target wanted)."""
        if self._scanner is None:
            self._scanner = _scanner_infos(self.info)
        return self._scanner


_LAST_TABLES: list[_Tables] = []  # those of the last catalogue read


def _tables(catalogue: Catalogue) -> _Tables:
    if not _LAST_TABLES or _LAST_TABLES[0].catalogue is not catalogue:
        _LAST_TABLES[:] = [_Tables(catalogue)]
    return _LAST_TABLES[0]


def _target_infos(catalogue: Catalogue) -> dict[str, _TargetInfo]:
    """What the row checks need of every target. A catalogue of thousands of targets has a
    handful of units: each unit's figures are worked out once."""
    base_divs: dict[str | None, Decimal] = {None: Decimal(1), "": Decimal(1)}
    no_stages: frozenset[str] = frozenset()
    out: dict[str, _TargetInfo] = {}
    milestone, growth = Kind.MILESTONE, Kind.GROWTH
    for t in catalogue.targets:
        unit = t.unit
        base_div = base_divs.get(unit)
        if base_div is None:
            u = parse_unit(unit)  # type: ignore[arg-type]
            base_div = base_divs[unit] = u.factor / parse_unit(u.base).factor
        out[t.id] = _TargetInfo(t, unit, t.kind is milestone, frozenset(t.stages) if t.stages else no_stages,
                                t.kind is growth, base_div)
    return out


class LedgerScan:
    """What one pass over the ledger found."""

    __slots__ = ("problems", "files", "rows", "corrections", "file_targets", "excluded")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.files = 0
        self.rows = 0
        self.corrections: list[tuple[str, str, str, int]] = []  # (replaced, target, path, line)
        # for re-reading only what corrections touch: the targets seen in each file, and
        # the (id, target) pairs that ``exclude`` left out
        self.file_targets: dict[Path, set[str]] = {}
        self.excluded: set[tuple[str, str]] = set()

    def __repr__(self) -> str:
        return f"LedgerScan(files={self.files}, rows={self.rows}, problems={len(self.problems)})"


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
        self.tables = _tables(catalogue)
        self.info = self.tables.info
        self.dates: dict[Any, date | None] = {}
        # explicit entry id -> where it first appeared: file number << 32 | line
        self.ids: Any = {}  # a dict, or the scanner's IdTable (the same mapping)
        self.paths: list[str] = []  # display path of each file number
        self.file_no = 0
        self.seq = 0
        self.problems = scan.problems
        self.file_targets: set[str] = set()  # targets with rows in the file being read
        self.targets_by_file: list[set[str]] = []  # file_targets of every file read
        self.excluded: set[tuple[str, str]] = set()  # (id, target) of the rows left out by ``exclude``
        # the compiled scanner: it aggregates for Progress; in a read of a few targets
        # (``only``) it skips the other targets' rows and hands these to ``row``; for any
        # other sink it calls ``sink.add`` for the usual rows as ``_csv_rows`` does
        self.scanner = _make_scanner(self, catalogue)

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
                self.problem("duplicate-entry-id", path, line, "id", id=eid, first=self._where(eid, first))
                ok = False
            else:
                self.ids[eid] = (self.file_no << 32) | line
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
        self.file_targets.add(tid)
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
        if self.exclude and eid in self.exclude:  # judged like every row, then left out
            self.excluded.add((eid, tid))
            return
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
                    if not in_range(d):
                        self.problem("number-out-of-range", path, line, "value", value=str(raw))
                        return None
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
    def _where(self, eid: str, first: int) -> str:
        """``path:line`` of an id's first appearance."""
        return f"{self.paths[first >> 32]}:{first & 0xFFFFFFFF}"

    def _start_file(self, path: str) -> None:
        self.file_no = len(self.paths)
        self.paths.append(path)
        self.file_targets = set()
        self.targets_by_file.append(self.file_targets)

    def csv_file(self, text: str, path: str, rel: str, data: bytes | None = None) -> None:
        """One CSV file: its text, or (``data``, from ``_scannable``) its UTF-8 bytes for the
        compiled scanner, with ``text`` only the header line."""
        self._start_file(path)
        if not self.check and self.only is not None and not any(
                (t in text) if data is None else (t.encode() in data) for t in self.only):
            return  # a read for a few targets skips the files that never name them
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
        base = 0
        if data is not None or (self.scanner is not None and _plain_header(text)):
            # the compiled scanner takes the rows it can; the rest of the file, from the
            # first row whose syntax it leaves to the csv module, is read below
            rest, rest_line = self._scan_compiled(text if data is None else data, cols, width, path, rel)
            if rest is None:
                return
            reader = csv.reader(io.StringIO(rest, newline=""))
            base = rest_line - 1
        try:
            self._csv_rows(reader, cols, width, path, rel, base)
        except csv.Error as exc:
            msg = str(exc)
            if "field larger than field limit" in msg:
                self.problem("line-too-long", path, reader.line_num + base, None,
                             size=f">{csv.field_size_limit()}", limit=str(csv.field_size_limit()))
            else:
                self.problem("csv-syntax", path, reader.line_num + base, None, detail=msg)

    def _scan_compiled(self, text: str | bytes, cols: list[int], width: int, path: str, rel: str,
                       ) -> tuple[str | None, int]:
        """Rows through ``_rowscan``: it accepts the usual rows (the same ones, with the same
        values, as ``_csv_rows``) and hands every other row to ``_odd_row``."""
        slow_row = self.row

        def odd(raw: list[str], line: int) -> None:
            if len(raw) != width:
                fitted = self._fit_width(raw, width, path, line)
                if fitted is None:
                    return
                raw = fitted
            slow_row([raw[c] if c >= 0 else "" for c in cols], path, rel, line)

        rows, rest, rest_line, seen = self.scanner.scan(  # type: ignore[union-attr]
            text, tuple(cols), width, self.file_no << 32, rel, odd, csv.field_size_limit(), path)
        self.scan.rows += rows
        self.file_targets.update(seen)
        return rest, rest_line

    def _fit_width(self, raw: list[str], width: int, path: str, line: int) -> list[str] | None:
        """A row of another width than the header: blank ones are skipped (None), empty
        cells past the header are dropped, missing cells are empty; more cells than the
        header with text in them is a bad row (reported; None)."""
        n = len(raw)
        if n == 0 or not any(c.strip() for c in raw):
            return None
        if n > width and not any(c.strip() for c in raw[width:]):
            return raw[:width]
        if n < width:
            return raw + [""] * (width - n)
        self.problem("bad-row", path, line, None, detail=f"{n} columns, header has {width}")
        return None

    def finish(self) -> None:
        """Fold the compiled scanner's aggregates into the sink (after the last file), and let
        the scanner go: it holds this reader, and the cycle would never be collected."""
        scanner, self.scanner = self.scanner, None
        if scanner is None:
            return
        if type(self.sink) is DayBook:
            self.sink.take_days(scanner)
        else:
            got = scanner.export()
            if got:
                self.sink.merge_later(_progress_from_scanner(got))  # type: ignore[attr-defined]

    def _csv_rows(self, reader: Any, cols: list[int], width: int, path: str, rel: str, base: int = 0) -> None:
        """The rows of one CSV file. The usual row (a known target id, a cached in-year
        date, a plain basis, a number or a known stage, no correction) is checked and
        aggregated right here; any other row goes through ``row``, which judges and
        reports it. Both paths accept exactly the same rows with the same values.
        ``base``: lines before the reader's first line (the rest of a file after the
        compiled scanner)."""
        prev = reader.line_num + base
        only = self.only
        exclude = self.exclude
        check = self.check
        scan = self.scan
        info_get = self.info.get
        dates_get = self.dates.get
        ids = self.ids
        basis_get = _BASIS_RAW.get
        slow_row = self.row
        fast_value = self._fast_value
        sink = self.sink
        progress = sink if type(sink) is Progress else None
        as_of = progress.as_of if progress is not None else None
        targets = progress.targets if progress is not None else None
        add = sink.add
        where = self.file_no << 32
        zero = _ZERO
        date_t = date
        tpos, ipos, dpos, vpos, upos, bpos, spos, bypos, npos, srcpos, rpos = (
            cols[2], cols[0], cols[1], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8], cols[9], cols[10])
        for raw in reader:
            line = prev + 1
            prev = reader.line_num + base
            if len(raw) != width:
                raw = self._fit_width(raw, width, path, line)
                if raw is None:
                    continue
            tid = raw[tpos]
            info = info_get(tid)
            if info is None:  # unknown, blank or padded id: the careful path
                if only is not None and tid.strip() not in only:
                    continue
                slow_row([raw[c] if c >= 0 else "" for c in cols], path, rel, line)
                continue
            if only is not None and tid not in only:
                continue
            self.file_targets.add(tid)
            day = dates_get(raw[dpos]) if dpos >= 0 else None
            basis = basis_get(raw[bpos]) if bpos >= 0 else Basis.TOTAL
            eid = raw[ipos].strip() if ipos >= 0 else ""
            if day.__class__ is not date_t or basis is None or (rpos >= 0 and raw[rpos]) or (eid and eid in ids):
                slow_row([raw[c] if c >= 0 else "" for c in cols], path, rel, line)
                continue
            stage = raw[spos] if spos >= 0 else ""
            if info.milestone:
                if not stage or stage not in info.stages or (vpos >= 0 and raw[vpos]):
                    slow_row([raw[c] if c >= 0 else "" for c in cols], path, rel, line)
                    continue
                value = None
            else:
                if stage or vpos < 0:
                    slow_row([raw[c] if c >= 0 else "" for c in cols], path, rel, line)
                    continue
                value = fast_value(raw[vpos], raw[upos] if upos >= 0 else "", info)
                if value is None or (value < zero and basis is not Basis.ADD and not info.negatives):
                    slow_row([raw[c] if c >= 0 else "" for c in cols], path, rel, line)
                    continue
                stage = None
            # the row is good: the same bookkeeping as ``row``
            scan.rows += 1
            self.seq += 1
            if not eid:
                eid = f"{rel}:{line}"
            elif check:
                ids[eid] = where | line
            if exclude and eid in exclude:
                self.excluded.add((eid, tid))
                continue
            if targets is None:
                add(tid, day, self.seq, basis is not Basis.ADD, value, stage, eid, None,
                    (raw[bypos] if bypos >= 0 else "", raw[npos] if npos >= 0 else "",
                     raw[srcpos] if srcpos >= 0 else "", path, line, raw[vpos] if vpos >= 0 else ""))
                continue
            # Progress.add, inlined
            if as_of is not None and day > as_of:
                continue
            tp = targets.get(tid)
            if tp is None:
                tp = targets[tid] = TargetProgress()
            tp.count += 1
            if tp.last_date is None or day > tp.last_date:
                tp.last_date = day
            if stage is not None:
                key = (day, self.seq)
                if tp.stage_key is None or key > tp.stage_key:
                    tp.stage, tp.stage_key = stage, key
                continue
            if basis is not Basis.ADD:
                key = (day, self.seq)
                if tp.total_key is None or key > tp.total_key:
                    tp.total, tp.total_key = value, key
                    if tp.incs:
                        tp.incs = {d: v for d, v in tp.incs.items() if d > day}
            else:
                if tp.total_key is not None and day <= tp.total_key[0]:
                    continue
                incs = tp.incs
                incs[day] = incs.get(day, zero) + value

    def _fast_value(self, raw: str, unit: str, info: _TargetInfo) -> Decimal | None:
        """``value`` for the usual spellings, or None to let ``value`` judge (and report) it."""
        if not raw:
            return None
        if (not unit or unit == info.unit) and raw[-1] in _DIGITS:
            if len(raw) > 20:
                return None  # ``value`` judges the size
            try:
                d = Decimal(raw)
            except (InvalidOperation, ValueError):
                return None
            if not d.is_finite() or not in_range(d):
                return None
            if unit or info.base_div == 1:
                return d
            return d / info.base_div
        m = _PLAIN_NUMBER(raw)
        if m is None:
            return None
        key = (m[2], unit, info.unit)
        plan = _PLANS.get(key, False)
        if plan is False:
            plan = _PLANS[key] = _value_plan(m[2], unit, info.unit)
        if plan is None or len(m[1]) > 20:
            return None
        d = Decimal(m[1])
        if not in_range(d) or (not d and d.is_signed()):
            return None  # -0 with a unit: ``value`` reads the sign apart, and -Decimal(0) is 0
        if plan is True:
            return d
        return _exact(d * plan[0] / plan[1])

    def yaml_file(self, text: str, path: str, rel: str) -> None:
        from .textio import long_line
        from .yamlsafe import YList, YMap, load_yaml

        self._start_file(path)
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
    only_set = frozenset(only) if only is not None else None
    exclude_set = frozenset(exclude)
    file_list = files if files is not None else ledger_files(data_dir)
    # Reading makes millions of short-lived lists and no reference cycles; the cyclic
    # collector would walk every live row list again and again (it doubled the time of
    # a 1M-entry read), so it rests until the pass is done.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with exact_context():
            scan = _read(catalogue, data_dir, sink, only_set, exclude_set, check, file_list)
    finally:
        if enabled:
            gc.enable()
    if check:
        for stray in stray_files(data_dir):
            scan.problems.append(Problem("unknown-file-type", display_path(stray), params={"suffix": stray.suffix or stray.name}))
    return scan


def _read(
    catalogue: Catalogue, data_dir: Path, sink: Sink, only_set: frozenset[str] | None, exclude_set: frozenset[str],
    check: bool, file_list: list[Path],
) -> LedgerScan:
    """One pass: in two processes on a big ledger, else here."""
    if type(sink) is Progress and _jobs(file_list) > 1:
        scan = _read_parallel(catalogue, data_dir, sink, only_set, exclude_set, check, file_list)
        if scan is not None:
            return scan
    scan = LedgerScan()
    reader = _Reader(catalogue, sink, scan, only_set, exclude_set, check)
    _read_files(reader, data_dir, file_list)
    return scan


def _read_files(reader: _Reader, data_dir: Path, files: list[Path]) -> None:
    scan = reader.scan
    root = data_dir / PROGRESS_DIR
    if reader.scanner is not None and reader.check and hasattr(reader.ids, "reserve"):
        try:  # room for about one id per 80 bytes, so the id table does not grow row by row
            reader.ids.reserve(sum(f.stat().st_size for f in files) // 80)
        except OSError:
            pass
    for file in files:
        scan.files += 1
        path = display_path(file)
        rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.name
        is_csv = file.suffix.lower() == ".csv"
        raw, problems = read_bytes(file, path)
        text = None
        if raw is not None:
            body = _scannable(raw) if is_csv and reader.scanner is not None else None
            if body is not None:  # UTF-8 as it is: the scanner reads the bytes
                reader.csv_file(body[:body.index(b"\n") + 1].decode(), path, rel, data=body)
                scan.file_targets[file] = reader.file_targets
                continue
            text, _enc, problems = text_of(raw, path)
        if text is None:
            if reader.check:
                scan.problems.extend(problems)
            continue
        if is_csv:
            reader.csv_file(text, path, rel)
        else:
            reader.yaml_file(text, path, rel)
        scan.file_targets[file] = reader.file_targets
    reader.finish()
    scan.excluded = reader.excluded


_PARALLEL_BYTES = 8 * 1024 * 1024  # below this a second process costs more than it saves


def _jobs(files: list[Path]) -> int:
    """How many processes read the ledger: 2 on a big ledger where fork exists (the bench
    machine has 2 cores), else 1; ``WORKTARGETS_JOBS=1`` turns it off."""
    want = os.environ.get("WORKTARGETS_JOBS", "")
    if want == "1" or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return 1
    if not want:
        try:
            if sum(f.stat().st_size for f in files) < _PARALLEL_BYTES:
                return 1
        except OSError:
            return 1
    return 2


def _read_parallel(
    catalogue: Catalogue, data_dir: Path, sink: "Progress", only: frozenset[str] | None, exclude: frozenset[str],
    check: bool, files: list[Path],
) -> LedgerScan | None:
    """Read the ledger in two processes: this one reads the first half of the files (by
    size), a forked child the second, then the child's aggregates are merged in. The
    result is the one a single pass gives; when an entry id appears in both halves the
    pass is redone in one process, so that duplicates are reported exactly as always."""
    sizes = [f.stat().st_size for f in files]
    half, acc, cut = sum(sizes) / 2, 0, len(files)
    for i, size in enumerate(sizes):
        acc += size
        if acc >= half:
            cut = i + 1
            break
    first, second = files[:cut], files[cut:]
    if not second:
        return None
    import pickle
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read the second half, send the result, leave at once
        code = 0
        try:
            os.close(rfd)
            child_sink = Progress(sink.as_of)
            child_scan = LedgerScan()
            reader = _Reader(catalogue, child_sink, child_scan, only, exclude, check)
            reader.seq = 1 << 40  # after every row of the first half
            _read_files(reader, data_dir, second)
            ids = reader.ids.dump() if hasattr(reader.ids, "dump") else set(reader.ids)
            payload = pickle.dumps((child_sink.targets, child_scan, ids), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(wfd, "wb") as out:
                out.write(payload)
        except BaseException:  # pragma: no cover - the parent falls back to one process
            code = 1
        finally:
            os._exit(code)
    os.close(wfd)
    scan = LedgerScan()
    reader = _Reader(catalogue, sink, scan, only, exclude, check)
    try:
        _read_files(reader, data_dir, first)
    finally:
        with os.fdopen(rfd, "rb") as inp:
            payload = inp.read()
        _pid, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        sink.targets.clear()
        return None
    targets, child_scan, child_ids = pickle.loads(payload)
    if isinstance(child_ids, bytes):
        shared = reader.ids.any_of(child_ids) if hasattr(reader.ids, "any_of") else True
    else:
        shared = any(map(reader.ids.__contains__, child_ids))
    if check and shared:
        sink.targets.clear()  # an id in both halves: judge it in one pass
        return None
    scan.files += child_scan.files
    scan.rows += child_scan.rows
    scan.problems.extend(child_scan.problems)
    scan.corrections.extend(child_scan.corrections)
    scan.file_targets.update(child_scan.file_targets)
    scan.excluded |= child_scan.excluded
    sink.merge_later(targets)
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
        with exact_context():
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

    def merge_later(self, later: dict[str, TargetProgress]) -> None:
        """Fold in the aggregates of entries read after all of this sink's (the second
        half of a parallel read): the same state as if they had been added one by one."""
        mine = self.targets
        for tid, b in later.items():
            a = mine.get(tid)
            if a is None:
                mine[tid] = b
                continue
            a.count += b.count
            if b.last_date is not None and (a.last_date is None or b.last_date > a.last_date):
                a.last_date = b.last_date
            if b.stage_key is not None and (a.stage_key is None or b.stage_key > a.stage_key):
                a.stage, a.stage_key = b.stage, b.stage_key
            if b.total_key is not None and (a.total_key is None or b.total_key > a.total_key):
                a.total, a.total_key = b.total, b.total_key
            incs = a.incs
            for day, v in b.incs.items():
                incs[day] = incs.get(day, _ZERO) + v
            if a.total_key is not None and incs:
                last = a.total_key[0]
                a.incs = {d: v for d, v in incs.items() if d > last}


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


# -- whole histories, folded per day: the reports ---------------------------------------------


class DayBook:
    """Sink for the reports: each target's entries folded per day, as :class:`Progress`
    folds them (the day's entries counted, its last year-to-date total, the sum of its
    increments, its last stage), then into one :class:`Timeline` per target. What the
    reports ask of a history (the state at any past date, the actual after each filing
    day, whether a cycle was filed) needs no more, and a million entries need no
    ``Entry`` object each."""

    def __init__(self, as_of: date | None = None) -> None:
        self.as_of = as_of
        # the rows read here: tid -> day -> [count, total, total_seq, add, stage, stage_seq]
        self.targets: dict[str, dict[date, list[Any]]] = {}
        self.folded: dict[str, Timeline] = {}  # the targets whose days the compiled scanner had

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        if self.as_of is not None and day > self.as_of:
            return
        by_day = self.targets.get(tid)
        if by_day is None:
            by_day = self.targets[tid] = {}
        d = by_day.get(day)
        if d is None:
            d = by_day[day] = [0, None, -1, None, None, -1]
        d[0] += 1
        if stage is not None:
            if seq > d[5]:
                d[4], d[5] = stage, seq
        elif value is not None:
            if is_total:
                if seq > d[2]:
                    d[1], d[2] = value, seq
            else:  # as Progress sums a day's increments: from Decimal(0)
                d[3] = (_ZERO if d[3] is None else d[3]) + value

    def take_days(self, scanner: Any) -> None:
        """The compiled scanner's days (after the last file of a read), one target at a time:
        its timeline, folded in C, or its days, merged with the rows of that target read
        here (and folded here)."""
        fold = Timeline.of_sorted
        mine = self.targets
        with exact_context():
            while (got := scanner.take_days(mine)) is not None:
                if len(got) == 5:  # folded in C: no row of it read here, every sum within 64 bits
                    self.folded[got[0]] = Timeline(*got[1:])
                    continue
                tid, days = got
                by_day = mine.pop(tid, None)
                if by_day is None:
                    self.folded[tid] = fold(days)
                    continue
                for day, count, total, total_seq, add, stage, stage_seq in days:
                    d = by_day.get(day)
                    if d is None:
                        by_day[day] = [count, total, total_seq, None if add is None else _ZERO + add, stage, stage_seq]
                        continue
                    d[0] += count
                    if stage_seq > d[5]:
                        d[4], d[5] = stage, stage_seq
                    if total_seq > d[2]:
                        d[1], d[2] = total, total_seq
                    if add is not None:
                        d[3] = (_ZERO if d[3] is None else d[3]) + add
                self.folded[tid] = _fold_days(by_day)

    def replace_targets(self, fresh: "DayBook", tids: set[str]) -> None:
        for tid in tids:
            self.targets.pop(tid, None)
            self.folded.pop(tid, None)
        self.targets.update(fresh.targets)
        self.folded.update(fresh.folded)

    def timelines(self) -> dict[str, "Timeline"]:
        """Every target's timeline (the folded days are let go as each is made)."""
        out = dict(self.folded)
        targets = self.targets
        with exact_context():
            for tid in list(targets):
                out[tid] = _fold_days(targets.pop(tid))
        return out


def _fold_days(by_day: dict[date, list[Any]]) -> "Timeline":
    """A target's timeline from ``DayBook``'s records of its days (under exact_context)."""
    return Timeline.of_sorted([(day, *by_day[day]) for day in sorted(by_day)])


class _Snapshot(TargetProgress):
    """A timeline's aggregate at a day: ``total`` holds the actual itself, already summed
    (exactly as ``TargetProgress.actual`` sums it), so it is not summed again."""

    __slots__ = ()

    def actual(self) -> Decimal | None:
        return self.total


class Timeline:
    """One target's ledger after each day that has entries, oldest first: the entries
    counted so far, the actual (the latest year-to-date total plus the increments dated
    after it; None before any figure) and the stage reached. At each such day it is what
    ``load_progress(as_of=day)`` gives the target, so any past state is a lookup."""

    __slots__ = ("dates", "counts", "actuals", "stages")

    def __init__(self, dates: list[date] | None = None, counts: list[int] | None = None,
                 actuals: list[Decimal | None] | None = None, stages: list[str | None] | None = None) -> None:
        self.dates = dates if dates is not None else []
        self.counts = counts if counts is not None else []
        self.actuals = actuals if actuals is not None else []
        self.stages = stages if stages is not None else []

    @classmethod
    def of_sorted(cls, days: Iterable[tuple[Any, ...]]) -> "Timeline":
        """Fold a target's days, in date order: ``(date, count, total, total_seq, add,
        stage, stage_seq)`` each (``DayBook``'s records), with Progress's rule and its very
        additions (``base + (0 + add₁ + add₂ …)``). Call it under ``exact_context``."""
        dates: list[date] = []
        counts: list[int] = []
        actuals: list[Decimal | None] = []
        stages: list[str | None] = []
        count = 0
        base: Decimal | None = None
        incs: Decimal | None = None  # the increments dated after the latest total, summed
        stage = None
        zero = _ZERO
        for day, n, total, _total_seq, add, day_stage, _stage_seq in days:
            count += n
            if day_stage is not None:
                stage = day_stage
            if total is not None:  # it includes the day's increments
                base, incs = total, None
            elif add is not None:
                incs = (zero if incs is None else incs) + add
            dates.append(day)
            counts.append(count)
            if incs is None:
                actuals.append(None if base is None else base + zero)
            else:
                actuals.append((zero if base is None else base) + incs)
            stages.append(stage)
        return cls(dates, counts, actuals, stages)

    @classmethod
    def of_entries(cls, entries: Iterable[Entry]) -> "Timeline":
        """The timeline of one target's whole entries, in the order they were read (ties on a
        day go to the later one, as in a read)."""
        book = DayBook()
        for seq, e in enumerate(entries):
            book.add(e.target, e.date, seq, e.basis is Basis.TOTAL, e.value, e.stage, e.id, e.replaces, ())
        return next(iter(book.timelines().values()), cls())

    def __len__(self) -> int:
        return len(self.dates)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return (self.dates, self.counts, self.actuals, self.stages) == (
            other.dates, other.counts, other.actuals, other.stages)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        points = ", ".join(f"{d.isoformat()}: {n} {a!r} {s!r}"
                           for d, n, a, s in zip(self.dates, self.counts, self.actuals, self.stages))
        return f"Timeline({points})"

    def upto(self, day: date) -> int:
        """How many of its days are on or before ``day``."""
        return bisect_right(self.dates, day)

    def at(self, day: date) -> TargetProgress | None:
        """The target's aggregate as of ``day`` (None: no entry yet), as ``Progress`` has it."""
        i = bisect_right(self.dates, day)
        if not i:
            return None
        tp = _Snapshot()
        tp.count = self.counts[i - 1]
        tp.last_date = self.dates[i - 1]
        tp.total = self.actuals[i - 1]
        tp.stage = self.stages[i - 1]
        return tp

    def until(self, day: date) -> "Timeline":
        """The timeline as it stood on ``day`` (its days after it left out)."""
        i = bisect_right(self.dates, day)
        if i == len(self.dates):
            return self
        return Timeline(self.dates[:i], self.counts[:i], self.actuals[:i], self.stages[:i])

    def filed(self, start: date, end: date) -> bool:
        """Whether any entry is dated ``start``..``end`` (both included)."""
        i = bisect_left(self.dates, start)
        return i < len(self.dates) and self.dates[i] <= end

    def last_date(self, day: date) -> date | None:
        """The date of the latest entry on or before ``day``."""
        i = bisect_right(self.dates, day)
        return self.dates[i - 1] if i else None


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
    if not scan.problems and scan.file_targets:
        # A clean ledger: every row is good, so the rows that ``exclude`` leaves out are
        # exactly the replaced entries that exist; one pass over the files that hold a
        # corrected target does both jobs.
        some = [f for f, tids in scan.file_targets.items() if not tids.isdisjoint(affected)]
        fresh = make_sink()
        again = read_ledger(catalogue, data_dir, fresh, only=affected, exclude=replaced, check=False, files=some)
        missing = [c for c in scan.corrections if (c[0], c[1]) not in again.excluded]
        _report_missing_replaced(catalogue, data_dir, scan, missing, files)
        sink.replace_targets(fresh, affected)
        return
    # which replaced ids exist for the same target?
    seen = _SeenIds()
    read_ledger(catalogue, data_dir, seen, only=affected, check=False, files=files)
    missing = [c for c in scan.corrections if (c[0], c[1]) not in seen.pairs]
    _report_missing_replaced(catalogue, data_dir, scan, missing, files)
    fresh = make_sink()
    read_ledger(catalogue, data_dir, fresh, only=affected, exclude=replaced, check=False, files=files)
    sink.replace_targets(fresh, affected)


def _report_missing_replaced(
    catalogue: Catalogue, data_dir: Path, scan: LedgerScan, missing: list[tuple[str, str, str, int]],
    files: list[Path] | None,
) -> None:
    """Corrections whose replaced id is not an entry of their target: another target's
    entry (replaces-other-target) or none at all (unknown-replaces). Only on error, so
    the extra pass over every file costs nothing on a good ledger."""
    if not missing:
        return
    finder = _SeenIds({m[0] for m in missing})
    read_ledger(catalogue, data_dir, finder, check=False, files=files)
    owners = dict(finder.pairs)
    for rep, tid, path, line in missing:
        other = owners.get(rep)
        code = "replaces-other-target" if other is not None and other != tid else "unknown-replaces"
        scan.problems.append(Problem(code, path, line, "replaces", {"id": rep, "target": tid, "other": other or ""}))


class _SeenIds:
    """Sink that notes (entry id, target) pairs, of every entry or only of ``want``."""

    def __init__(self, want: set[str] | None = None) -> None:
        self.pairs: set[tuple[str, str]] = set()
        self.want = want

    def add(self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
            eid: str, replaces: str | None, row: tuple[Any, ...]) -> None:
        if self.want is None or eid in self.want:
            self.pairs.add((eid, tid))


def load_progress(catalogue: Catalogue, data_dir: Path, as_of: date | None) -> tuple[Progress, LedgerScan]:
    """Aggregates for status, corrections applied, with every ledger problem."""
    files = ledger_files(data_dir)
    if os.environ.get("WORKTARGETS_FAST", "").strip().lower() in ("1", "auto"):  # the opt-in polars reader
        from . import fastledger

        if fastledger.wanted(files):
            got = fastledger.load_progress_fast(catalogue, data_dir, as_of, files)
            if got is not None:
                return got
    sink = Progress(as_of)
    replaced = prescan_replaced(files)
    if replaced is None:  # cannot tell cheaply: read, then re-read what corrections touch
        scan = read_ledger(catalogue, data_dir, sink, files=files)
        _apply_corrections(catalogue, data_dir, scan, lambda: Progress(as_of), sink, files)
        return sink, scan
    return _read_without_replaced(catalogue, data_dir, lambda: Progress(as_of), replaced, files, None)


def _read_without_replaced(
    catalogue: Catalogue, data_dir: Path, make_sink: Any, replaced: set[str], files: list[Path],
    only: Iterable[str] | None,
) -> tuple[Any, LedgerScan]:
    """One pass that leaves out the entries the pre-scan found replaced (after judging them
    like any row). What is left out must be what the pass's good corrections replace: the
    pre-scan also sees bad rows, and misses a correction whose row has an empty column
    after ``replaces``. If the pass found a correction the pre-scan missed, or left out an
    entry no good correction replaces, one more pass with the corrections it found."""
    sink = make_sink()
    scan = read_ledger(catalogue, data_dir, sink, only=only, exclude=replaced, files=files)
    found = {c[0] for c in scan.corrections}
    if not found <= replaced or any(eid not in found for eid, _tid in scan.excluded):
        sink = make_sink()
        scan = read_ledger(catalogue, data_dir, sink, only=only, exclude=found, files=files)
    missing = [c for c in scan.corrections if (c[0], c[1]) not in scan.excluded]
    _report_missing_replaced(catalogue, data_dir, scan, missing, files)
    return sink, scan


_YAML_REPLACES = tuple(w.encode() for w in ("replaces", "更正", "替代记录")) + tuple(
    w.encode("gb18030") for w in ("更正", "替代记录"))


def prescan_replaced(files: list[Path]) -> set[str] | None:
    """The ids that corrections replace, found before the real pass, or None when that
    cannot be told cheaply. In a CSV file whose header ends with the ``replaces`` column
    (as every file worktargets writes), a line names a replaced entry only if it does not
    end with a comma: two byte counts clear a file; only files with corrections (few)
    are parsed, and only for that column. YAML files that mention corrections give None."""
    out: set[str] = set()
    rowscan = _compiled()
    for file in files:
        try:
            if file.suffix.lower() != ".csv":
                if any(w in file.read_bytes() for w in _YAML_REPLACES):
                    return None
                continue
            with open(file, "rb") as fh:
                head = fh.readline()
        except OSError:
            return None
        try:
            header = next(csv.reader([decode_bytes(head.rstrip(b"\r\n"))[0]]), [])
        except (ValueError, csv.Error):
            return None
        names = [canonical_column(c) for c in header]
        if "replaces" not in names:
            continue  # no correction can be in this file: its body is not read here
        try:
            data = file.read_bytes()
        except OSError:
            return None
        nl = data.find(b"\n")
        col = names.index("replaces")
        if rowscan is not None and b'"' not in head and b"\x00" not in head:
            got = rowscan.replaces_scan(data, col, col == len(names) - 1)
            if got is not None and all(c.isascii() for c in got):
                out.update(c.decode("ascii") for c in got)
                continue  # else the careful way below
        if col == len(names) - 1 and nl >= 0:
            start = nl + 1  # counted in place, without copying the body
            lines = data.count(b"\n", start) + (1 if len(data) > start and not data.endswith(b"\n") else 0)
            plain = data.count(b",\n", start) + data.count(b",\r\n", start) + (1 if data.endswith(b",") else 0)
            if lines == plain:
                continue
        try:
            text = decode_bytes(data)[0]
            lines = text.split("\n")[1:]
            if col == len(names) - 1 and not any(line.count('"') % 2 for line in lines):
                # every row is one line: parse only the lines that end in a replaced id
                lines = [line for line in lines if line.rstrip("\r") and not line.rstrip("\r").endswith(",")]
                rows = csv.reader(lines)
            else:  # quoted line breaks, or replaces not last: parse the whole file
                rows = csv.reader(io.StringIO(text, newline=""))
                next(rows, None)
            for row in rows:
                if len(row) > col and row[col].strip():
                    out.add(row[col].strip())
        except (ValueError, csv.Error):
            return None
    return out


def load_history(
    catalogue: Catalogue, data_dir: Path, as_of: date | None = None, only: Iterable[str] | None = None,
    keep_replaced: bool = False,
) -> tuple[History, LedgerScan]:
    """Whole entries per target (sorted by date), corrections applied unless ``keep_replaced``."""
    files = ledger_files(data_dir)
    sink = History(as_of)
    replaced = None if keep_replaced else prescan_replaced(files)
    if replaced is None:  # corrections kept, or not to be told cheaply: read, then re-read what they touch
        scan = read_ledger(catalogue, data_dir, sink, only=only, files=files)
        if not keep_replaced:
            _apply_corrections(catalogue, data_dir, scan, lambda: History(as_of), sink, files)
    else:
        sink, scan = _read_without_replaced(catalogue, data_dir, lambda: History(as_of), replaced, files, only)
    for entries in sink.entries.values():
        entries.sort(key=lambda e: e.date)
    return sink, scan


def load_timelines(
    catalogue: Catalogue, data_dir: Path, as_of: date | None = None, only: Iterable[str] | None = None,
) -> tuple[dict[str, Timeline], LedgerScan]:
    """Each target's :class:`Timeline` from the entries dated up to ``as_of``, corrections
    applied: what the reports read (the same as ``Timeline.of_entries`` over
    ``load_history``'s entries, without an object per entry)."""
    files = ledger_files(data_dir)
    replaced = prescan_replaced(files)
    if replaced is None:  # cannot tell cheaply: read, then re-read what corrections touch
        sink = DayBook(as_of)
        scan = read_ledger(catalogue, data_dir, sink, only=only, files=files)
        _apply_corrections(catalogue, data_dir, scan, lambda: DayBook(as_of), sink, files)
    else:
        sink, scan = _read_without_replaced(catalogue, data_dir, lambda: DayBook(as_of), replaced, files, only)
    return sink.timelines(), scan


def replaced_ids(history: History) -> set[str]:
    """Ids that some entry in ``history`` replaces."""
    return {e.replaces for es in history.entries.values() for e in es if e.replaces}
