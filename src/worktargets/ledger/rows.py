"""Ledger rows: each CSV or YAML row checked against the catalogue, then handed to a sink.

The reader judges rows and reports problems; it does not fold (that is ``progress``)
and does not convert units (that is ``quantity``). Every good row becomes one call

    sink.add(tid, day, seq, is_total, value, stage, eid, replaces, (by, note, source, path, line, raw))

with ``seq`` the read order. A withdrawal (``basis: withdraw``) names the entry it takes
out in ``replaces`` and reaches no sink: the corrections step leaves its entry out.
"""

from __future__ import annotations

import csv
import io
from operator import itemgetter
from array import array
from zlib import adler32, crc32
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Protocol

from ..dates import parse_date
from ..errors import Problem
from ..model import Basis, Catalogue, Kind, Target
from ..quantity import QuantityError, ValueReader

__all__ = ["COLUMNS", "REQUIRED", "Sink", "RowReader", "Correction", "canonical_column", "parse_basis", "WITHDRAW",
           "seen_twice", "buckets_of"]

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
WITHDRAW = "withdraw"  # the basis of a row that takes an earlier entry out
_BASIS: dict[str, Basis | str] = {
    "": Basis.TOTAL, "total": Basis.TOTAL, "ytd": Basis.TOTAL, "累计": Basis.TOTAL, "年累计": Basis.TOTAL,
    "add": Basis.ADD, "increment": Basis.ADD, "增量": Basis.ADD, "新增": Basis.ADD, "本期": Basis.ADD,
    WITHDRAW: WITHDRAW, "撤回": WITHDRAW, "撤销": WITHDRAW,
}


# the basis cells as written most often, looked up without stripping or folding case
_BASIS_RAW: dict[Any, Basis | str] = {**_BASIS, **{k.upper(): v for k, v in _BASIS.items()}, None: Basis.TOTAL}


def _text(v: Any) -> str:
    """A cell as stripped text (YAML gives numbers, dates and None too)."""
    return "" if v is None else str(v).strip()


def canonical_column(name: str) -> str | None:
    """The canonical column for a header cell (English or Chinese), or None."""
    key = name.strip().lstrip("\ufeff")
    low = key.lower()
    if low in COLUMNS:
        return low
    return _ALIASES.get(key)


def parse_basis(text: str) -> Basis | None:
    """A basis cell as a Basis (None: not one; a withdrawal is not a basis of a figure)."""
    got = _BASIS.get(text.strip().lower())
    return got if isinstance(got, Basis) else None


class Sink(Protocol):
    def add(
        self, tid: str, day: date, seq: int, is_total: bool, value: Decimal | None, stage: str | None,
        eid: str, replaces: str | None, row: tuple[Any, ...],
    ) -> None: ...


class Correction:
    """A good row that replaces (or withdraws) an earlier entry."""

    __slots__ = ("replaced", "target", "path", "line", "eid", "withdraw")

    def __init__(self, replaced: str, target: str, path: str, line: int, eid: str, withdraw: bool) -> None:
        self.replaced = replaced
        self.target = target
        self.path = path
        self.line = line
        self.eid = eid
        self.withdraw = withdraw


class _Info:
    """What the row checks need of a target."""

    __slots__ = ("target", "milestone", "stages", "negatives", "values")

    def __init__(self, target: Target, values: ValueReader | None) -> None:
        self.target = target
        self.milestone = target.kind is Kind.MILESTONE
        self.stages = frozenset(target.stages or ())
        self.negatives = target.kind is Kind.GROWTH  # growth rates may be negative
        self.values = values


def _infos(catalogue: Catalogue) -> dict[str, _Info]:
    readers: dict[str, ValueReader] = {}
    out = {}
    for t in catalogue.targets:
        values = None
        if t.unit:
            values = readers.get(t.unit)
            if values is None:
                values = readers[t.unit] = ValueReader(t.unit)
        out[t.id] = _Info(t, values)
    return out


_INFOS: list[Any] = [None, None]  # (catalogue, infos) of the last catalogue read


def _infos_of(catalogue: Catalogue) -> dict[str, _Info]:
    if _INFOS[0] is not catalogue:
        _INFOS[:] = [catalogue, _infos(catalogue)]
    return _INFOS[1]


def seen_twice(buckets: list[array[int]]) -> set[int]:
    """The hashes found more than once in their bucket (each bucket a few thousand)."""
    out: set[int] = set()
    for bucket in buckets:
        if len(set(bucket)) != len(bucket):
            seen: set[int] = set()
            for h in bucket:
                if h in seen:
                    out.add(h)
                seen.add(h)
    return out


def id_keys(ids: str) -> list[int]:
    """A 64-bit key of each id of a list joined by line breaks, the same in every process
    and run (``hash`` of a str is not): its UTF-8 bytes' CRC-32 and Adler-32, both computed
    in C by zlib. The ledger's kept state compares ids by these keys, and exactly (by the
    full read) wherever two agree."""
    if not ids:
        return []
    raw = ids.encode("utf-8", "surrogatepass").split(b"\n")
    return [c << 32 | a for c, a in zip(map(crc32, raw), map(adler32, raw))]


def buckets_of(raws: list[bytes]) -> list[array[int]]:
    """Hash buckets sent as bytes (``bucket.tobytes()``) made arrays again."""
    out = []
    for raw in raws:
        bucket = array("q")
        bucket.frombytes(raw)
        out.append(bucket)
    return out


class RowReader:
    """Judges the rows of one pass over some ledger files and feeds the good ones to ``sink``.

    ``only``: read only these targets' rows; ``exclude``: entry ids judged like every
    row, then left out (the entries corrections replace); ``check``: collect problems
    and ids (a re-read for corrections does not)."""

    def __init__(self, catalogue: Catalogue, sink: Sink, *, only: Iterable[str] | None = None,
                 exclude: Iterable[str] = (), check: bool = True, cache_dir: Any = None) -> None:
        self.year = catalogue.plan.year
        self.cache_dir = cache_dir  # for YAML files' parse cache
        self.sink = sink
        self.only = frozenset(only) if only is not None else None
        self.exclude = frozenset(exclude)
        self.check = check
        self.info = _infos_of(catalogue)
        self.dates: dict[Any, Any] = {}
        # the hash of every explicit entry id, in 256 buckets by its low byte: 8 bytes an
        # entry; duplicates are found bucket by bucket after the pass (``duplicate_hashes``)
        self.id_hashes: list[array[int]] = [array("q") for _ in range(256)] if check else []
        self.paths: list[str] = []
        self.file_no = -1
        self.seq = 0
        self.rows = 0
        self.problems: list[Problem] = []
        self.corrections: list[Correction] = []
        self.excluded: set[tuple[str, str]] = set()  # (id, target) of the rows ``exclude`` left out
        self.file_targets: list[set[str]] = []  # the targets named in each file read
        self.file_ids: list[str] | None = None  # when a list: the explicit entry ids, as read

    def problem(self, code: str, path: str, line: int | None, fld: str | None, **params: str) -> None:
        if self.check:
            self.problems.append(Problem(code, path, line, fld, params))

    def start_file(self, path: str) -> set[str]:
        self.file_no += 1
        self.paths.append(path)
        seen: set[str] = set()
        self.file_targets.append(seen)
        return seen

    def duplicate_hashes(self, more: list[array[int]] | None = None) -> set[int]:
        """The id hashes seen more than once (with ``more``: another reader's buckets too)."""
        if more is None:
            return seen_twice(self.id_hashes)
        return seen_twice([bucket + more[i] for i, bucket in enumerate(self.id_hashes)])

    # -- one row ---------------------------------------------------------------------
    def row(self, r: Any, path: str, rel: str, line: int, seen: set[str]) -> None:
        """One row, its cells in COLUMNS order (strings, or YAML scalars)."""
        eid_raw, date_raw, tid, value_raw, unit_raw, basis_raw, stage_raw, by, note, source, replaces = r
        info = self.info.get(tid)  # the usual cell: an id as it is
        if info is None:
            tid = _text(tid)
            info = self.info.get(tid)
        if self.only is not None and tid not in self.only:
            return
        self.rows += 1
        self.seq += 1
        ok = True
        eid = eid_raw.strip() if eid_raw.__class__ is str else _text(eid_raw)
        if not eid:
            eid = f"{rel}:{line}"
        elif self.check:
            h = hash(eid)
            self.id_hashes[h & 255].append(h)
            if self.file_ids is not None:
                self.file_ids.append(eid)
        day = self.dates.get(date_raw, False)
        if day is False:
            day = parse_date(date_raw) if date_raw not in (None, "") else None
            if day is not None and day.year != self.year:
                day = -day.year
            self.dates[date_raw] = day
        if day.__class__ is not date:
            if day is None:
                if date_raw in (None, ""):
                    self.problem("missing-field", path, line, "date")
                else:
                    self.problem("bad-date", path, line, "date", value=str(date_raw))
            else:
                self.problem("date-outside-year", path, line, "date", date=str(date_raw), year=str(self.year))
            ok = False
        if info is None:
            if tid:
                self.problem("unknown-target", path, line, "target", target=tid)
            else:
                self.problem("missing-field", path, line, "target")
            return
        seen.add(tid)
        basis = _BASIS_RAW.get(basis_raw)
        if basis is None:
            basis = _BASIS.get(_text(basis_raw).lower())
        rep = (replaces.strip() or None) if replaces.__class__ is str else (_text(replaces) or None)
        stage = (stage_raw.strip() or None) if stage_raw.__class__ is str else (_text(stage_raw) or None)
        has_value = value_raw not in (None, "")
        value: Decimal | None = None
        if basis is None:
            self.problem("bad-basis", path, line, "basis", value=str(basis_raw))
            ok = False
        elif basis == WITHDRAW:
            if rep is None:
                self.problem("withdraw-without-id", path, line, "replaces")
                ok = False
            if has_value or stage is not None:
                self.problem("withdraw-with-figure", path, line, "value" if has_value else "stage")
                ok = False
            if ok and self.check:
                self.corrections.append(Correction(rep, tid, path, line, eid, True))  # type: ignore[arg-type]
            return
        is_total = basis is not Basis.ADD
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
                values = info.values
                if values is not None and value_raw.__class__ is str and unit_raw.__class__ is str:
                    try:  # the usual cell: a string against a target with a unit
                        value = values.read(value_raw, unit_raw.strip() if unit_raw else "")
                    except QuantityError:
                        value = self.value(value_raw, unit_raw, info, path, line)
                else:
                    value = self.value(value_raw, unit_raw, info, path, line)
                if value is None:
                    ok = False
                elif value < 0 and is_total and not info.negatives:
                    self.problem("bad-value", path, line, "value", detail=f"negative total {value_raw}",
                                 detail_zh=f"累计值不能为负数（{value_raw}）")
                    ok = False
        if not ok:
            return
        if rep is not None and self.check:
            self.corrections.append(Correction(rep, tid, path, line, eid, False))
        if eid in self.exclude:  # judged like every row, then left out
            self.excluded.add((eid, tid))
            return
        self.sink.add(tid, day, self.seq, is_total, value, stage, eid, rep,  # type: ignore[arg-type]
                      (by, note, source, path, line, value_raw))

    def value(self, raw: Any, unit_raw: Any, info: _Info, path: str, line: int) -> Decimal | None:
        """The written value in the target's unit (``quantity`` converts): a bare number is
        in the unit column's unit, else in the base unit of the target's ("36000" against 万亩 is 亩)."""
        if isinstance(raw, bool):
            self.problem("bad-number", path, line, "value", value=str(raw))
            return None
        unit = str(unit_raw).strip() if unit_raw not in (None, "") else ""
        try:
            if info.values is None:  # a target without a unit: the number itself
                from ..quantity import value_in

                return value_in(str(raw), "", unit or None) if unit else _unitless(str(raw))
            return info.values.read(str(raw), unit)
        except QuantityError as exc:
            fld = "unit" if (exc.code == "unknown-unit" and unit) else "value"
            params = dict(exc.params)
            if exc.code == "unit-mismatch":
                params["expected"] = info.target.unit or ""
            self.problem(exc.code, path, line, fld, **params)
            return None

    # -- files -----------------------------------------------------------------------
    def file_text(self, text: str | None, path: str, rel: str, suffix: str) -> set[str]:
        """One file's text by its type (None: unreadable, counted as a file with no rows);
        the targets its rows name."""
        if text is None:
            self.start_file(path)
        elif suffix.lower() == ".csv":
            self.csv_text(text, path, rel)
        else:
            self.yaml_text(text, path, rel)
        return self.file_targets[-1]

    def csv_text(self, text: str, path: str, rel: str) -> None:
        """The rows of one CSV file's text."""
        seen = self.start_file(path)
        if not self.check and self.only is not None and not any(t in text for t in self.only):
            return  # a re-read for a few targets skips the files that never name them
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader)
        except csv.Error as exc:
            self.problem("csv-syntax", path, 1, None, detail=str(exc))
            return
        except StopIteration:
            self.problem("file-empty", path, 1, None)
            return
        cols = self._columns(header, path)
        if cols is None:
            return
        width = len(header)
        row = self.row
        fit = self._fit_width
        prev = reader.line_num
        # a missing column reads the empty cell appended after the row's own
        pick = itemgetter(*[c if c >= 0 else width for c in cols])
        only = self.only
        tpos = cols[2]
        try:
            for raw in reader:
                line = prev + 1
                prev = reader.line_num
                if len(raw) != width:
                    fitted = fit(raw, width, path, line)
                    if fitted is None:
                        continue
                    raw = fitted
                if only is not None and raw[tpos].strip() not in only:
                    continue
                raw.append("")
                row(pick(raw), path, rel, line, seen)
        except csv.Error as exc:
            msg = str(exc)
            line = prev + 1
            if "field larger than field limit" in msg:
                self.problem("line-too-long", path, line, None,
                             size=f">{csv.field_size_limit()}", limit=str(csv.field_size_limit()))
            elif "unexpected end of data" in msg:  # a quote opened and never closed
                self.problem("unterminated-quote", path, line, None)
            else:
                self.problem("csv-syntax", path, line, None, detail=msg)

    def _columns(self, header: list[str], path: str) -> list[int] | None:
        positions: dict[str, int] = {}
        bad = False
        for i, cell in enumerate(header):
            name = canonical_column(cell)
            if name is None:
                if cell.strip():
                    self.problem("bad-header", path, 1, cell.strip(),
                                 detail=f"unknown column '{cell.strip()}'; known: {', '.join(COLUMNS)}")
                    bad = True
                continue
            if name in positions:
                self.problem("bad-header", path, 1, cell.strip(), detail=f"column '{name}' appears twice")
                bad = True
            positions[name] = i
        for need in REQUIRED:
            if need not in positions:
                self.problem("missing-column", path, 1, None, column=need)
                bad = True
        if "value" not in positions and "stage" not in positions:
            self.problem("missing-column", path, 1, None, column="value")
            bad = True
        return None if bad else [positions.get(name, -1) for name in COLUMNS]

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

    def yaml_text(self, text: str, path: str, rel: str) -> None:
        """The entries of one YAML ledger file's text."""
        from ..textio import long_line
        from ..yamlsafe import YList, YMap, load_yaml

        seen = self.start_file(path)
        too_long = long_line(text)
        if too_long:
            self.problem("line-too-long", path, too_long[0], None, size=str(too_long[1]), limit="100000")
            return
        doc, problems = load_yaml(text, path, self.cache_dir)
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
            if isinstance(r[3], (int, float)) and not isinstance(r[3], bool):
                r[3] = str(r[3])
            self.row(r, path, rel, line, seen)


def _unitless(text: str) -> Decimal:
    """A figure of a target without a unit: a number, perhaps with a magnitude ("2万")."""
    from ..quantity import parse_quantity

    q = parse_quantity(text, None)
    if q.unit:
        raise QuantityError("unit-mismatch", f"{text!r} has a unit", unit=q.unit, expected="")
    return q.value
