"""Loading ``targets.yaml``: YAML → Pydantic validation → core ``Catalogue``.

Returns every problem in one pass, each with the file and line it concerns.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .catalogue_targets import convert_targets, locate, not_in_report, pydantic_problems
from .errors import Problem
from .model import Catalogue, Excuse, Plan, ProgressRule, Reporting, Settings, Thresholds
from .textio import digest as _digest
from .textio import display_path, long_line, read_text

__all__ = ["load_catalogue", "cache_key", "CATALOGUE_FILE"]

CATALOGUE_FILE = "targets.yaml"

# 2: the model's values are records pickled as their constructor's arguments (1 held
# frozen dataclasses); a cache written in another format is never read
_CACHE_FORMAT = 2


def _code_stamp() -> str:
    """The package version and the size and mtime of every module that judges a
    catalogue, so an upgraded or edited validator never trusts an old verdict."""
    from . import __version__

    here = Path(__file__).parent
    parts = [__version__, str(_CACHE_FORMAT)]
    for name in ("catalogue.py", "catalogue_targets.py", "schema.py", "model.py", "quantity.py", "units_declared.py",
                 "yamlsafe.py", "textio.py", "errors.py", "dates.py"):
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(name)
    return "|".join(parts)


def _file_digest(file: Path) -> str | None:
    try:
        return _digest(file.read_bytes())
    except OSError:
        return None


def cache_key(data_dir: Path) -> str | None:
    """The key of ``data_dir``'s catalogue in the cache (None: the file cannot be read): the
    SHA-256 of its bytes, the path shown in messages, the folder, the validating code and
    the Python version. What is kept of a catalogue elsewhere is keyed by it too."""
    import sys

    file = data_dir / CATALOGUE_FILE
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    return _digest(raw, display_path(file).encode(), str(data_dir.resolve()).encode(), _code_stamp().encode(),
                   sys.version.encode())


def load_catalogue(data_dir: Path, cache_dir: Path | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Read and validate ``data_dir/targets.yaml``; (None, problems) when unusable.

    A validated catalogue is kept in a cache keyed by the SHA-256 of the file's bytes,
    the report text it is checked against, the paths shown in messages, the Python
    version and the validating code, so a warm start skips YAML and Pydantic; any
    change to any of them is a miss and the file is validated again. ``cache_dir``: the
    cache folder (None: no cache); an entry is unpickled only from this user's own files."""
    import pickle

    from .textio import make_private_dir, private_file

    cache = cache_dir
    key = cache_key(data_dir) if cache is not None else None
    if key is not None:
        try:
            with open(cache / f"{key}.pickle", "rb") as fh:  # type: ignore[operator]
                if not private_file(fh.fileno(), cache):  # type: ignore[arg-type]
                    raise OSError("not this user's own cache")
                fmt, report_name, report_digest, result = pickle.load(fh)
            if fmt == _CACHE_FORMAT and isinstance(result[0], (Catalogue, type(None))) and (
                    report_name is None or _file_digest(data_dir / report_name) == report_digest):
                return result
        except Exception:  # a missing, old or damaged entry is only a miss
            pass
    result = _without_collections(_load_catalogue, data_dir, cache)
    if key is not None:
        catalogue = result[0]
        report_name = catalogue.plan.source_file if catalogue is not None and catalogue.plan.source_file else None
        try:
            make_private_dir(cache)  # type: ignore[arg-type]
            entry = (_CACHE_FORMAT, report_name, _file_digest(data_dir / report_name) if report_name else None, result)
            tmp = cache / f".{key}.{os.getpid()}.tmp"  # type: ignore[operator]
            tmp.write_bytes(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, cache / f"{key}.pickle")  # type: ignore[operator]
            _prune(cache)  # type: ignore[arg-type]
        except Exception:  # a read-only home or full disk costs only speed
            pass
    return result


def _without_collections(fn: Any, *args: Any) -> Any:
    """``fn(*args)`` with the cyclic garbage collector paused: a load allocates some fifty
    objects per target and frees almost none until it ends, so each collection it would
    trigger walks every live object (the imported libraries' too) and finds nothing;
    a third of the cold load went there. Cycles made meanwhile are collected afterwards."""
    import gc

    if not gc.isenabled():
        return fn(*args)
    gc.disable()
    try:
        return fn(*args)
    finally:
        gc.enable()


def _prune(cache: Path, keep: int = 64) -> None:
    """Keep the cache small: only the ``keep`` most recently written catalogues."""
    entries = list(cache.glob("*.pickle"))
    if len(entries) <= keep:
        return
    entries.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def _load_catalogue(data_dir: Path, cache_dir: Path | None = None) -> tuple[Catalogue | None, list[Problem]]:
    from pydantic import ValidationError

    from .schema import HeaderModel
    from .yamlsafe import YList, YMap, load_yaml

    file = data_dir / CATALOGUE_FILE
    path = display_path(file)
    text, _enc, problems = read_text(file, path)
    if text is None:
        return None, problems
    too_long = long_line(text)
    if too_long:
        return None, [Problem("line-too-long", path, too_long[0], params={"size": str(too_long[1]), "limit": "100000"})]
    doc, problems = load_yaml(text, path, cache_dir)
    if doc is None:
        return None, problems
    if not isinstance(doc, YMap):
        return None, problems + [Problem("not-a-mapping", path, getattr(doc, "line", 1))]
    try:
        header = HeaderModel.model_validate(doc)
    except ValidationError as exc:
        only_targets = all(e["loc"][:1] == ("targets",) and len(e["loc"]) > 1 for e in exc.errors())
        if not only_targets:
            return None, problems + pydantic_problems(exc, doc, path, doc.line)
        header = None
    if header is None or not isinstance(doc.get("targets"), YList):
        return None, problems + [Problem("not-a-list", path, doc.key_lines.get("targets", 1), "targets")]

    plan = Plan(
        title=header.plan.title,
        region=header.plan.region,
        year=header.plan.year,
        year_note=header.plan.year_note,
        source_file=header.plan.source_file,
        owners_note=header.plan.owners_note,
        start=header.plan.start,
    )
    th = header.settings.thresholds
    tol = header.settings.about_tolerance
    settings = Settings(
        progress_rule=ProgressRule(header.settings.progress_rule),
        thresholds=Thresholds(th.ahead_pp, th.behind_pp, th.far_behind_pp),
        reporting=Reporting(header.settings.reporting.cycle, header.settings.reporting.due_day),
        about_tolerance=None if tol is None else str(tol),
    )
    if th.far_behind_pp < th.behind_pp:
        line = locate(doc, ("settings", "thresholds", "far_behind_pp"), doc.line)
        problems.append(Problem("bad-value", path, line, "settings.thresholds.far_behind_pp",
                                {"detail": "far_behind_pp must be at least behind_pp", "detail_zh": "far_behind_pp 不能小于 behind_pp"}))

    from .quantity import BUILTIN_UNITS, use_units
    from .units_declared import declare_units

    # the office's own units (``units:``), in force while its targets are read
    registry, unit_problems = declare_units(doc.get("units"), path, doc.key_lines.get("units", doc.line))
    problems.extend(unit_problems)
    with use_units(registry):
        targets, first_line = convert_targets(doc["targets"], plan, settings, path, problems)
    report_path = ""
    if plan.source_file:
        report_file = data_dir / plan.source_file
        report_path = display_path(report_file)
        report, _enc, unreadable = read_text(report_file, report_path)  # UTF-8, BOM or GBK, as every text
        if report is None and not os.path.isfile(report_file):
            problems.append(Problem("report-missing", path, locate(doc, ("plan", "source_file"), doc.line),
                                    "plan.source_file", {"file": plan.source_file}))
        elif report is None:
            problems.extend(unreadable)  # binary, empty, a stray byte in UTF-8 (at its line)
        else:
            for t in not_in_report(targets, report):
                problems.append(Problem("source-not-in-report", path, t.line, "source"))
    excuses = tuple(Excuse(e.text, e.reason) for e in header.not_commitments)
    catalogue = Catalogue(plan, settings, tuple(targets), excuses, path, report_path,
                          None if registry is BUILTIN_UNITS else registry)
    return catalogue, problems

