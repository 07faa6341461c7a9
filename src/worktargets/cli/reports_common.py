"""What the report commands share: one read of the ledger as every target's timeline up
to the as-of date, and the status judged from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import emit, fail, load_catalogue_or_exit, out_console

if TYPE_CHECKING:
    from ..progress import Timeline
    from ..model import Catalogue
    from ..status import StatusReport

__all__ = ["load_for_reports", "print_report"]


def load_for_reports(data_dir: Path, when: date, lang: str) -> tuple["Catalogue", dict[str, "Timeline"], "StatusReport"]:
    """Catalogue, timelines (entries dated up to ``when``, corrections applied) and status; exit 1 on data errors."""
    from ..ledger import load_timelines
    from ..reports.timeline import status_at

    catalogue = load_catalogue_or_exit(data_dir, lang)
    timelines, scan = load_timelines(catalogue, data_dir, when)
    if scan.problems:
        fail(scan.problems, lang)
    return catalogue, timelines, status_at(catalogue, timelines, when)


def print_report(name: str, report: Any, fmt: str, lang: str) -> None:
    from ..render.report_views import render_report

    text = render_report(name, report, fmt, lang, out_console())
    if text is not None:
        emit(text)
