"""``worktargets status``: every target judged against the calendar."""

from typing import Annotated, Optional

import typer

from . import app
from .common import (
    OwnerOpt,
    AsOfOpt,
    DataOpt,
    FormatOpt,
    LangOpt,
    check_format,
    emit,
    fail,
    load_catalogue_or_exit,
    out_console,
    resolve_as_of,
    resolve_data,
    resolve_lang,
    usage_error,
)

FORMATS = ("table", "json", "csv", "markdown")


@app.command("status")
def status_command(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    owner: OwnerOpt = None,
    section: Annotated[Optional[str], typer.Option("--section", help="Only targets whose section contains these words")] = None,
    state: Annotated[Optional[str], typer.Option("--state", help="Only these states, comma-separated: done,ahead,on_track,behind,far_behind,overdue,breached,no_data,needs_baseline,needs_target")] = None,
    fmt: FormatOpt = "table",
    lang: LangOpt = None,
) -> None:
    """Show every target's progress against 序时进度 (time-elapsed progress), grouped by section."""
    lang = resolve_lang(lang)
    check_format(fmt, FORMATS, lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..ledger import load_progress
    from ..model import State
    from ..render.status_views import render_status
    from ..status import StatusReport, compute_status, owner_role

    states = None
    if state:
        try:
            states = {State(s.strip()) for s in state.split(",") if s.strip()}
        except ValueError:
            usage_error(
                f"--state 只能是 {', '.join(s.value for s in State)} 中的一个或几个",
                f"--state takes one or more of: {', '.join(s.value for s in State)}",
                lang,
            )
    catalogue = load_catalogue_or_exit(data_dir, lang)
    progress, scan = load_progress(catalogue, data_dir, when)
    if scan.problems:
        fail(scan.problems, lang)
    report = compute_status(catalogue, progress, when)
    rows = report.rows
    if owner:  # leads and co-responsible departments alike, each row marked 牵头/配合
        rows = tuple(r for r in rows if owner_role(r.target, owner) is not None)
    if section:
        rows = tuple(r for r in rows if section in r.target.section or section in r.target.subsection)
    if states is not None:
        rows = tuple(r for r in rows if r.state in states)
    report = StatusReport(report.as_of, report.catalogue, rows, owner or None)
    if fmt == "table":
        from ..render.plain import console_mode
        from ..render.status_views import status_table_fast

        # the bytes Rich would write, without importing Rich's console (render/plain.py)
        text = status_table_fast(report, lang, console_mode())
        if text is None:
            render_status(report, fmt, lang, out_console())
            return
    else:
        text = render_status(report, fmt, lang, None)
    emit(text)
