"""A vectorised read of big ledgers with polars, giving exactly what ``ledger.load_progress``
gives.

Only the usual files take this path: UTF-8 CSV (a BOM is fine) whose header maps cleanly,
where every line is one row and every row passes conservative checks done a column at a
time: a known target id written exactly, an ISO date in the plan year, a basis word, a
plain number (at most 8 decimals) with a unit spelling whose conversion to the target's
unit is a power of ten, or a known stage for a milestone, an id and a correction without
surrounding blanks. A file with any other row goes, whole, to the row loop in
``ledger`` (which judges and reports it); YAML files always do. If an explicit entry id
appears twice anywhere, the whole ledger is read again by the row loop, so the problems
are exactly the usual ones.

Values are kept as ``number x 10^f`` (a polars Decimal with 8 places times an integer)
plus the exponent the row loop's Decimal would have, so the sums and the final
Decimals (converted per target in Python, ``scaleb`` by the target unit's power of ten)
are the same Decimals, digit for digit and exponent for exponent.

The path is opt-in: it reads a 1M-entry ledger about 1.7x faster than the row loop but
peaks near 420 MB, over the 300 MB budget, so it is off unless ``WORKTARGETS_FAST=auto``
(used when the CSV files add up to ``FAST_BYTES`` or more) or ``=1`` (any size, for the
tests); it needs the ``fast`` extra (polars). See docs/performance.md.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import ledger as L
from .errors import Problem
from .model import Catalogue, Kind
from .quantity import parse_unit
from .textio import MAX_FILE_BYTES, display_path

__all__ = ["FAST_BYTES", "wanted", "load_progress_fast"]

FAST_BYTES = 8 * 1024 * 1024
_BATCH_ROWS = 150_000
_TOTAL, _ADD, _STAGE = 0, 1, 2
_NUM_RE = r"^-?[0-9]{1,12}(?:\.[0-9]{1,8})?$"
_DROP_CONTROL = dict.fromkeys([c for c in range(32) if c not in (9, 10, 13)] + [127])
_BLANK_EDGE = r"^[\s\x1c-\x1f]|[\s\x1c-\x1f]$"
_NEEDED = ("id", "date", "target", "value", "unit", "basis", "stage", "replaces")


def wanted(files: list[Path]) -> bool:
    """Whether ``load_progress`` should try the vectorised path for these files."""
    flag = os.environ.get("WORKTARGETS_FAST", "").strip().lower()
    if flag not in ("1", "auto"):
        return False  # off by default: faster, but over the memory budget
    if flag == "auto":
        try:
            size = sum(f.stat().st_size for f in files if f.suffix.lower() == ".csv")
        except OSError:
            return False
        if size < FAST_BYTES:
            return False
    try:
        import polars  # noqa: F401
    except ImportError:
        return False
    return True


def _pow10(d: Decimal) -> int | None:
    """k when d == 10**k (k >= 0), else None."""
    s = str(int(d)) if d == d.to_integral_value() else ""
    if not s or s.rstrip("0") != "1":
        return None
    return len(s) - 1


class _Plan:
    """Per target unit: how each (suffix, unit column) spelling becomes a value."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str | None, str, str], tuple[int, int] | None] = {}

    def get(self, tunit: str | None, suffix: str, unitcol: str) -> tuple[int, int] | None:
        key = (tunit, suffix, unitcol)
        if key not in self.cache:
            self.cache[key] = self._work_out(tunit, suffix, unitcol)
        return self.cache[key]

    @staticmethod
    def _work_out(tunit: str | None, suffix: str, unitcol: str) -> tuple[int, int] | None:
        """(mode, f): the value is number x 10^f / 10^d (d: the target unit's power of
        ten); mode 0 keeps the written exponent, 1 divides (ideal exponent), 2 is
        ``quantity._exact``. None: not a spelling this path takes."""
        try:
            d = _pow10(parse_unit(tunit).factor) if tunit else 0
            if d is None:
                return None
            if suffix == "" and (not unitcol or unitcol == tunit):
                if not tunit or unitcol:
                    return (0, d)
                u = parse_unit(tunit)
                base_f = _pow10(parse_unit(u.base).factor)
                if base_f is None:
                    return None
                return (0, d) if base_f == d else (1, base_f)
            plan = L._value_plan(suffix, unitcol, tunit)
        except Exception:
            return None
        if plan is None:
            return None
        if plan is True:
            return (0, d)
        num, den = plan
        f, dd = _pow10(num), _pow10(den)
        if f is None or dd != d:
            return None
        return (2, f)


class _Fast:
    def __init__(self, catalogue: Catalogue, data_dir: Path, as_of: date | None, files: list[Path]) -> None:
        import polars as pl

        self.pl = pl
        self.catalogue = catalogue
        self.data_dir = data_dir
        self.root = data_dir / L.PROGRESS_DIR
        self.as_of = as_of
        self.files = files
        self.year = catalogue.plan.year
        targets = catalogue.targets
        self.tids = [t.id for t in targets]
        self.tid_index = {t: i for i, t in enumerate(self.tids)}
        self.tunits = [t.unit or None for t in targets]
        self.dexp: list[int | None] = []
        for t in targets:
            try:
                self.dexp.append(_pow10(parse_unit(t.unit).factor) if t.unit else 0)
            except Exception:
                self.dexp.append(None)
        stage_names = sorted({s for t in targets for s in t.stages})
        self.stage_index = {s: i for i, s in enumerate(stage_names)}
        self.stage_names = stage_names
        valid_pairs = [
            (i << 16) | self.stage_index[s] for i, t in enumerate(targets) if t.kind is Kind.MILESTONE for s in t.stages
        ]
        self.tinfo = pl.LazyFrame({
            "tidx": pl.Series(range(len(targets)), dtype=pl.UInt32),
            "ms": [t.kind is Kind.MILESTONE for t in targets],
            "neg": [t.kind is Kind.GROWTH for t in targets],
            "tunit": [t.unit or "" for t in targets],
            "dexp": pl.Series([d if d is not None else 0 for d in self.dexp], dtype=pl.Int32),
        })
        self.valid_pairs = valid_pairs
        self.basis_words = list(L._BASIS_RAW)
        self.add_words = [k for k, v in L._BASIS_RAW.items() if v is L.Basis.ADD]
        self.plans = _Plan()
        self.compact: list[Any] = []  # good rows of fast files, a frame per batch
        self.fast_rows = 0
        self.rels: list[str] = []
        self.paths: dict[int, str] = {}
        self.tid_frame = pl.DataFrame({"target": self.tids, "tidx": pl.Series(range(len(self.tids)), dtype=pl.UInt32)}).lazy()
        self.stage_frame = pl.DataFrame({"stage": stage_names, "sidx": pl.Series(range(len(stage_names)), dtype=pl.UInt32)}).lazy()

    # -- reading ------------------------------------------------------------------------
    def _raw_frame(self, file: Path) -> Any:
        """The needed columns of one file as strings, or None when the file must go slow."""
        pl = self.pl
        if file.suffix.lower() != ".csv":
            return None
        try:
            if file.stat().st_size > MAX_FILE_BYTES:
                return None
            data = file.read_bytes()
        except OSError:
            return None
        if data.startswith(codecs.BOM_UTF8):
            data = data[3:]
        if not data or b"\x00" in data:
            return None
        try:
            prefix = codecs.utf_8_decode(data[:32768], "strict", False)[0][:8192]
        except UnicodeDecodeError:
            return None
        if not prefix.strip():
            return None
        bad = len(prefix) - len(prefix.translate(_DROP_CONTROL))  # textio._looks_binary
        if bad > max(2, len(prefix) // 100):
            return None
        if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
            return None
        parts = data.split(b"\n")
        if max(map(len, parts)) > csv.field_size_limit():
            return None  # the row loop reports line-too-long
        lines = len(parts) - (1 if data.endswith(b"\n") else 0)
        del parts
        end = data.find(b"\n")
        head = data if end < 0 else data[:end]
        try:
            header = next(csv.reader(io.StringIO(head.decode("utf-8").rstrip("\r"), newline="")))
        except (UnicodeDecodeError, csv.Error, StopIteration):
            return None
        positions: dict[str, int] = {}
        for i, cell in enumerate(header):
            name = L.canonical_column(cell)
            if name is None:
                if cell.strip():
                    return None
                continue
            if name in positions:
                return None
            positions[name] = i
        if any(need not in positions for need in L.REQUIRED) or ("value" not in positions and "stage" not in positions):
            return None
        if lines < 2:
            return None  # a header alone: the row loop says the same (no rows)
        names = {i: n for n, i in positions.items() if n in _NEEDED}
        schema = {names.get(i, f"_c{i}"): pl.String for i in range(len(header))}
        try:
            df = pl.read_csv(data, has_header=False, skip_rows=1, schema=schema, columns=sorted(names))
        except Exception:
            return None
        if df.height != lines - 1:
            return None  # a quoted line break or a blank line: the row loop
        return df

    def _check(self, raw: Any) -> tuple[Any, list[int]]:
        """(good rows in compact form, numbers of the files with a row that is not usual)."""
        pl = self.pl
        col = pl.col
        lf = raw.lazy().with_columns(
            *[col(n).fill_null("") if n in raw.columns else pl.lit("").alias(n) for n in _NEEDED]
        ).with_columns(
            suffix=col("value").str.strip_chars_start("-.0123456789"),
        ).with_columns(
            num=col("value").str.head(col("value").str.len_chars() - col("suffix").str.len_chars()),
        ).join(self.tid_frame, on="target", how="left").join(self.tinfo, on="tidx", how="left")
        first = lf.select("tunit", "suffix", "unit", "ms").filter(~col("ms").fill_null(True)).unique().collect()
        rows = []
        for tunit, suffix, unitcol, _ms in first.iter_rows():
            plan = self.plans.get(tunit or None, suffix, unitcol)
            if plan is not None:
                rows.append((tunit, suffix, unitcol, plan[0], plan[1], 10 ** plan[1]))
        plan_df = pl.DataFrame(
            rows, schema={"tunit": pl.String, "suffix": pl.String, "unit": pl.String, "mode": pl.Int8, "f": pl.Int32,
                          "F": pl.Int64},
            orient="row",
        ).lazy()
        lf = lf.join(plan_df, on=["tunit", "suffix", "unit"], how="left", nulls_equal=True).join(
            self.stage_frame, on="stage", how="left")
        is_ms = col("ms")
        neg = col("num").str.starts_with("-")
        digits = col("num").str.replace_all(r"[-.]", "", literal=False)
        zero = digits.str.strip_chars("0") == ""
        is_add = col("basis").is_in(self.add_words)
        good_ms = (col("value") == "") & ((col("tidx").cast(pl.UInt64) * 65536 + col("sidx").cast(pl.UInt64))
                                         .is_in(self.valid_pairs).fill_null(False))
        good_num = (
            (col("stage") == "") & col("mode").is_not_null() & col("num").str.contains(_NUM_RE)
            & ~(neg & zero) & (~neg | is_add | col("neg"))
        )
        day = col("date").str.to_date("%Y-%m-%d", strict=False)
        ok = (
            col("tidx").is_not_null()
            & col("date").str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
            & (day.dt.year() == self.year)
            & col("basis").is_in(self.basis_words)
            & ~col("id").str.contains(_BLANK_EDGE)
            & ~col("replaces").str.contains(_BLANK_EDGE)
            & pl.when(is_ms).then(good_ms).otherwise(good_num)
        ).fill_null(False)
        lf = lf.with_columns(ok=ok, day=day)
        bad_files = lf.filter(~col("ok")).select(col("fno").unique()).collect().get_column("fno").to_list()
        ndec = (col("num").str.len_bytes() - col("num").str.find(".", literal=True)
                .fill_null(col("num").str.len_bytes() - 1) - 1).cast(pl.Int32)
        tz = digits.str.len_bytes().cast(pl.Int32) - digits.str.strip_chars_end("0").str.len_bytes().cast(pl.Int32)
        # the exponent of the value in the target's unit, normalised (zero: none)
        e_norm = pl.when(zero).then(pl.lit(99, pl.Int32)).otherwise(tz - ndec + col("f") - col("dexp"))
        exp = pl.when(col("mode") == 2).then(pl.min_horizontal(pl.lit(0, pl.Int32), e_norm)).otherwise(
            pl.min_horizontal(-ndec, e_norm))
        if bad_files:
            lf = lf.filter(~col("fno").is_in(bad_files))
        out = lf.select(
            "tidx", "day",
            seq=(col("fno").cast(pl.UInt64) * (1 << 32) + col("ln").cast(pl.UInt64)),
            kind=pl.when(is_ms).then(pl.lit(_STAGE, pl.Int8)).when(is_add).then(pl.lit(_ADD, pl.Int8))
            .otherwise(pl.lit(_TOTAL, pl.Int8)),
            sidx=pl.when(is_ms).then(col("sidx")),
            v=pl.when(~is_ms).then(col("num").str.to_decimal(scale=8) * col("F")),
            e=pl.when(~is_ms).then(exp),
            eid="id", rep="replaces", fno="fno", ln="ln",
        ).collect()
        return out, bad_files

    def _flush(self, pending: list[tuple[int, Any]], slow: set[int]) -> None:
        if not pending:
            return
        pl = self.pl
        heights = pl.Series([df.height for _f, df in pending], dtype=pl.UInt32)
        fnos = pl.Series([f for f, _df in pending], dtype=pl.UInt32)
        raw = pl.concat([df for _f, df in pending], how="diagonal")
        pending.clear()
        extra = pl.select(
            fno=fnos.repeat_by(heights).explode(),
            ln=pl.int_ranges(pl.lit(2, pl.UInt32), heights + 2, dtype=pl.UInt32).explode(),
        )
        raw = pl.concat([raw, extra], how="horizontal")
        out, bad = self._check(raw)
        slow.update(bad)
        if out.height:
            self.compact.append(out)

    def path(self, fno: int) -> str:
        p = self.paths.get(fno)
        if p is None:
            p = self.paths[fno] = display_path(self.files[fno])
        return p

    def run(self) -> tuple[L.Progress, L.LedgerScan] | None:
        pl = self.pl
        col = pl.col
        slow: set[int] = set()
        pending: list[Any] = []
        n_pending = 0
        for fno, file in enumerate(self.files):
            self.rels.append(file.relative_to(self.root).as_posix() if file.is_relative_to(self.root) else file.name)
            frame = self._raw_frame(file)
            if frame is None:
                slow.add(fno)
                continue
            pending.append((fno, frame))
            n_pending += frame.height
            if n_pending >= _BATCH_ROWS:
                self._flush(pending, slow)
                n_pending = 0
        self._flush(pending, slow)
        compact = pl.concat(self.compact, how="vertical") if self.compact else None
        self.compact = []
        if compact is not None and slow:
            compact = compact.filter(~col("fno").is_in(sorted(slow)))  # a file judged slow in a later batch: none
        # the files that need the row loop, in reading order, with one reader (its
        # problems come out in file order, as always)
        scan = L.LedgerScan()
        slow_sink = L.Progress(self.as_of)
        reader = L._Reader(self.catalogue, slow_sink, scan, None, frozenset(), True)
        slow_corr: list[tuple[int, list[tuple[str, str, str, int]]]] = []
        slow_list = sorted(slow)
        for fno in slow_list:
            before = len(scan.corrections)
            reader.seq = fno << 32
            L._read_files(reader, self.data_dir, [self.files[fno]])
            if len(scan.corrections) > before:
                slow_corr.append((fno, scan.corrections[before:]))
        if any(p.code == "duplicate-entry-id" for p in scan.problems):
            return None
        # explicit ids: one appearance each, across both paths, or the row loop does it all
        if compact is not None:
            ids = compact.get_column("eid").filter(compact.get_column("eid") != "")
            if ids.is_duplicated().any():
                return None
            if reader.ids and ids.is_in(list(reader.ids)).any():
                return None
        n_fast = len(self.files) - len(slow_list)
        scan.files += n_fast
        scan.rows += compact.height if compact is not None else 0
        for stray in L.stray_files(self.data_dir):
            scan.problems.append(Problem("unknown-file-type", display_path(stray),
                                         params={"suffix": stray.suffix or stray.name}))
        # corrections in reading order
        fast_corr: list[tuple[int, list[tuple[str, str, str, int]]]] = []
        if compact is not None:
            reps = compact.filter(col("rep") != "").select("fno", "ln", "tidx", "rep").sort("fno", "ln")
            by_file: dict[int, list[tuple[str, str, str, int]]] = {}
            for fno, ln, tidx, rep in reps.iter_rows():
                by_file.setdefault(fno, []).append((rep, self.tids[tidx], self.path(fno), ln))
            fast_corr = list(by_file.items())
        scan.corrections = [c for _f, cs in sorted(fast_corr + slow_corr, key=lambda x: x[0]) for c in cs]
        sink = L.Progress(self.as_of)
        if compact is not None:
            sink.targets = self._aggregate(compact)
        sink.merge_later(slow_sink.targets)
        if scan.corrections:
            if scan.problems or compact is None:
                L._apply_corrections(self.catalogue, self.data_dir, scan, lambda: L.Progress(self.as_of), sink,
                                     self.files)
            else:
                self._corrections(scan, sink, compact, slow_list)
        return sink, scan

    def _aggregate(self, c: Any) -> dict[str, L.TargetProgress]:
        """What ``Progress`` holds per target after these rows (in any order: the keys
        (date, read order) decide, as ``Progress.merge_later`` does)."""
        pl = self.pl
        col = pl.col
        if self.as_of is not None:
            c = c.filter(col("day") <= self.as_of)
        start = date(self.year, 1, 1)
        key = (col("day") - pl.lit(start)).dt.total_days().cast(pl.UInt64) * pl.lit(1 << 54, pl.UInt64) + col("seq")
        c = c.with_columns(key=key)
        base = c.group_by("tidx").agg(n=pl.len(), last=col("day").max())
        latest = [col(x).get(col("key").arg_max()) for x in ("day", "seq")]
        stages = c.filter(col("kind") == _STAGE).group_by("tidx").agg(
            col("sidx").get(col("key").arg_max()), *latest)
        totals = c.filter(col("kind") == _TOTAL).group_by("tidx").agg(
            col("v").get(col("key").arg_max()), col("e").get(col("key").arg_max()), *latest)
        incs = (
            c.filter(col("kind") == _ADD)
            .join(totals.select("tidx", tday="day"), on="tidx", how="left")
            .filter(col("tday").is_null() | (col("day") > col("tday")))
            .group_by("tidx", "day").agg(col("v").sum(), col("e").min())
            .sort("tidx", "day")
        )
        tids, dexp = self.tids, self.dexp
        out: dict[str, L.TargetProgress] = {}
        for tidx, n, last in base.iter_rows():
            tp = out[tids[tidx]] = L.TargetProgress()
            tp.count, tp.last_date = n, last
        names = self.stage_names
        for tidx, sidx, day, seq in stages.iter_rows():
            tp = out[tids[tidx]]
            tp.stage, tp.stage_key = names[sidx], (day, seq)
        conv = _decimal
        for tidx, v, e, day, seq in totals.iter_rows():
            tp = out[tids[tidx]]
            tp.total, tp.total_key = conv(v, dexp[tidx], e), (day, seq)
        for tidx, day, v, e in incs.iter_rows():
            out[tids[tidx]].incs[day] = conv(v, dexp[tidx], e)
        return out

    def _corrections(self, scan: L.LedgerScan, sink: L.Progress, compact: Any, slow_list: list[int]) -> None:
        """``ledger._apply_corrections`` on a clean ledger: the corrected targets again,
        without the entries their corrections replace (explicit or ``path:line`` ids)."""
        pl = self.pl
        col = pl.col
        replaced = {r for r, _t, _p, _l in scan.corrections}
        affected = {t for _r, t, _p, _l in scan.corrections}
        aff_idx = [self.tid_index[t] for t in affected if t in self.tid_index]
        rel_fno = {rel: fno for fno, rel in enumerate(self.rels)}
        auto = []
        for r in replaced:
            rel, sep, line = r.rpartition(":")
            if sep and line.isdigit() and str(int(line)) == line and rel in rel_fno and int(line) < (1 << 32):
                auto.append((rel_fno[rel] << 32) | int(line))
        c = compact.filter(col("tidx").is_in(aff_idx))
        hit = col("eid").is_in(sorted(replaced)) | ((col("eid") == "") & col("seq").is_in(auto))
        excluded = {
            (eid or f"{self.rels[fno]}:{ln}", self.tids[tidx])
            for eid, fno, ln, tidx in c.filter(hit).select("eid", "fno", "ln", "tidx").iter_rows()
        }
        fresh = L.Progress(self.as_of)
        fresh.targets = self._aggregate(c.filter(~hit))
        if slow_list:
            part = L.Progress(self.as_of)
            reader = L._Reader(self.catalogue, part, L.LedgerScan(), frozenset(affected), frozenset(replaced), False)
            for fno in slow_list:
                reader.seq = fno << 32
                L._read_files(reader, self.data_dir, [self.files[fno]])
            excluded |= reader.excluded
            fresh.merge_later(part.targets)
        missing = [c for c in scan.corrections if (c[0], c[1]) not in excluded]
        L._report_missing_replaced(self.catalogue, self.data_dir, scan, missing, self.files)
        sink.replace_targets(fresh, affected)


_QUANTUM = {e: Decimal(1).scaleb(e) for e in range(-40, 1)}
_WIDE = None


def _decimal(v: Decimal, d: int | None, e: int) -> Decimal:
    """number x 10^f (summed) in the target's unit, with the exponent the row loop's
    Decimal arithmetic gives."""
    global _WIDE
    if _WIDE is None:
        import decimal

        _WIDE = decimal.Context(prec=80)
    return v.scaleb(-(d or 0), _WIDE).quantize(_QUANTUM[e], context=_WIDE)


def load_progress_fast(
    catalogue: Catalogue, data_dir: Path, as_of: date | None, files: list[Path],
) -> tuple[L.Progress, L.LedgerScan] | None:
    """``ledger.load_progress`` through polars; None when the row loop must do it all
    (an entry id that appears twice)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Fast(catalogue, data_dir, as_of, files).run()
    finally:
        if enabled:
            gc.enable()
