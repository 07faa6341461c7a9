"""The progress ledger: dated entries in CSV and YAML files under ``data/progress/``.

``files`` finds the files, ``rows`` judges each row and hands the good ones to a sink,
``corrections`` leaves out what corrections and withdrawals replace. ``byfile`` reads the
ledger for status file by file, each file's result kept by ``cache`` (JSON, keyed by the
file's content). What the rows add up to is ``worktargets.progress`` (the one fold), not
the reader's business.
"""

from __future__ import annotations

from ..progress import DayBook, History, Progress, TargetProgress, Timeline
from .files import LEDGER_SUFFIXES, PROGRESS_DIR, ledger_files, read_file_text, scan_folder, stray_files
from .read import LedgerScan, ReadOptions, load_history, load_progress, load_timelines, read_ledger, replaced_ids
from .rows import COLUMNS, REQUIRED, WITHDRAW, Correction, RowReader, Sink, canonical_column, parse_basis

__all__ = [
    "COLUMNS", "REQUIRED", "WITHDRAW", "PROGRESS_DIR", "LEDGER_SUFFIXES",
    "LedgerScan", "ReadOptions", "RowReader", "Correction", "Sink",
    "Progress", "History", "DayBook", "Timeline", "TargetProgress",
    "ledger_files", "stray_files", "scan_folder", "read_file_text",
    "read_ledger", "load_progress", "load_history", "load_timelines", "replaced_ids",
    "canonical_column", "parse_basis",
]
