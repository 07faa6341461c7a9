"""What the report commands share: one read of the ledger as every target's timeline up
to the as-of date, and the status judged from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import fail, load_catalogue_or_exit, out_console, said_wrote, table_text, to_stdout, write_output

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
    from .switches import read_options

    timelines, scan = load_timelines(catalogue, data_dir, when, options=read_options())
    if scan.problems:
        fail(scan.problems, lang)
    return catalogue, timelines, status_at(catalogue, timelines, when)


def print_report(name: str, report: Any, fmt: str, lang: str, output: str | None = None,
                 data_dir: Path | None = None, bom: bool = False, catalogue: "Catalogue | None" = None) -> None:
    """The report in ``fmt`` on the terminal, or in ``-o FILE`` (a table as plain text)."""
    from ..render.report_views import render_report

    if fmt == "table":
        if to_stdout(output):
            render_report(name, report, fmt, lang, out_console())
            return
        text = table_text(lambda console: render_report(name, report, fmt, lang, console))
    else:
        text = render_report(name, report, fmt, lang, None)  # type: ignore[arg-type]
        assert text is not None
    source = catalogue.plan.source_file if catalogue is not None else None
    if write_output(text, output, lang, data_dir, fmt=fmt, bom=bom, source_file=source):
        said_wrote(output or "", lang)
