"""``worktargets status``: every target judged against the calendar."""

from typing import Any, Annotated, NoReturn, Optional

import typer

from . import app
from .common import (
    AsOfOpt,
    BomOpt,
    DataOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    OwnerOpt,
    fail,
    load_catalogue_or_exit,
    parse_states,
    resolve_as_of,
    resolve_data,
    resolve_lang,
    said_wrote,
    to_stdout,
    write_output,
)

STATES_HELP = "done,ahead,on_track,behind,far_behind,overdue,breached,no_data,needs_baseline,needs_target"


@app.command("status")
def status_command(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    owner: OwnerOpt = None,
    section: Annotated[Optional[str], typer.Option("--section", help="Only targets whose section contains these words")] = None,
    state: Annotated[Optional[str], typer.Option("--state", help=f"Only these states, comma-separated: {STATES_HELP}")] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", metavar="STATES", help="Exit 1 when any target shown is in one of these states, comma-separated (for CI): behind,far_behind,overdue,breached")] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
) -> None:
    """Show every target's progress against 序时进度 (time-elapsed progress), grouped by section."""
    lang = resolve_lang(lang)
    states = parse_states(state, "--state", lang)
    failing = parse_states(fail_on, "--fail-on", lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..ledger import load_progress
    from ..render.status_views import render_status
    from ..status import StatusReport, compute_status, owner_role

    catalogue = load_catalogue_or_exit(data_dir, lang)
    from .switches import read_options

    progress, scan = load_progress(catalogue, data_dir, when, read_options())
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
    if fmt == "table" and not to_stdout(output):
        from ..render.plain import Mode, output_mode

        mode = output_mode()
        text = render_status(report, fmt, lang, Mode(mode.width, False, mode.no_color))  # a file: no escape codes
    else:
        kept = None
        if fmt == "json":  # each target's own part of its row, kept beside the catalogue cache
            from ..catalogue import cache_key
            from ..render.status_json import RowPieces
            from .switches import cache_dir

            folder = cache_dir()
            kept = RowPieces(folder, cache_key(data_dir) if folder is not None else None)
        text = render_status(report, fmt, lang, kept=kept)
    if text is not None and write_output(text, output, lang, data_dir, fmt=fmt, bom=bom,
                                         source_file=catalogue.plan.source_file):
        said_wrote(output or "", lang)
    if failing:
        bad = [r for r in rows if r.state in failing]
        if bad:
            _fail_on(bad, lang)


def _fail_on(bad: list[Any], lang: str) -> NoReturn:
    """--fail-on: name the targets in the failing states on stderr and exit 1."""
    import sys

    from ..render.words import state_label

    shown = ("、".join(f"{r.target.id}（{state_label(r.state, lang)}）" for r in bad[:10]) if lang == "zh"
             else ", ".join(f"{r.target.id} ({state_label(r.state, lang)})" for r in bad[:10]))
    more = f" …(+{len(bad) - 10})" if len(bad) > 10 else ""
    sys.stderr.write(f"worktargets: --fail-on：{len(bad)} 项目标处于所列状态：{shown}{more}\n" if lang == "zh"
                     else f"worktargets: --fail-on: {len(bad)} target(s) in the listed states: {shown}{more}\n")
    sys.stderr.flush()
    raise typer.Exit(1)
