"""``worktargets snails``: the 蜗牛榜, targets behind 序时进度 at K cycle ends in a row."""

from typing import Annotated

import typer

from . import app
from .common import AsOfOpt, BomOpt, DataOpt, FormatOpt, LangOpt, OutputOpt, resolve_as_of, resolve_data, resolve_lang, usage_error
from .reports_common import load_for_reports, print_report

@app.command("snails")
def snails_command(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    cycles: Annotated[int, typer.Option("--cycles", "-k", help="Behind at this many cycle ends in a row (month-ends)")] = 3,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
) -> None:
    """The 蜗牛榜: targets behind 序时进度 at the last K month-ends in a row (default 3), with the months."""
    lang = resolve_lang(lang)
    if cycles < 1:
        usage_error("--cycles 必须是正整数", "--cycles takes a positive number", lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..reports.snails import compute_snails

    catalogue, timelines, _status = load_for_reports(data_dir, when, lang)
    print_report("snails", compute_snails(catalogue, timelines, when, cycles), fmt, lang, output, data_dir, bom, catalogue)
