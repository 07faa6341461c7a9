"""``worktargets gaps``: the targets behind 序时进度, worst first."""

from typing import Annotated, Optional

import typer

from . import app
from .common import AsOfOpt, BomOpt, DataOpt, FormatOpt, LangOpt, OutputOpt, OwnerOpt, resolve_as_of, resolve_data, resolve_lang, usage_error
from .reports_common import load_for_reports, print_report

@app.command("gaps")
def gaps_command(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    top: Annotated[Optional[int], typer.Option("--top", help="Only the N worst")] = None,
    owner: OwnerOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
) -> None:
    """List the targets behind 序时进度, worst first: the gap in percentage points and in the target's unit, and the owner."""
    lang = resolve_lang(lang)
    if top is not None and top < 1:
        usage_error("--top 必须是正整数", "--top takes a positive number", lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..reports.gaps import compute_gaps

    catalogue, _timelines, status = load_for_reports(data_dir, when, lang)
    print_report("gaps", compute_gaps(status, top=top, owner=owner), fmt, lang, output, data_dir, bom, catalogue)
