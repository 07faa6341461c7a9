"""``worktargets diff``: what changed between two dates (环比, 较上期)."""

from typing import Annotated, Optional

import typer

from . import app
from .common import (
    BomOpt,
    DataOpt,
    LangOpt,
    OutputOpt,
    format_option,
    resolve_as_of,
    resolve_data,
    resolve_lang,
    usage_error,
)
from .reports_common import load_for_reports, print_report

FORMATS = ("table", "json", "csv", "markdown")


@app.command("diff")
def diff_command(
    from_: Annotated[Optional[str], typer.Option("--from", help="The earlier date (2022-05-31) [default: the month-end before --to]")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="The later date (2022-06-30) [default: today]")] = None,
    data: DataOpt = None,
    fmt: format_option(*FORMATS) = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    ids: Annotated[bool, typer.Option("--ids", help="Show target ids beside their titles (Chinese output shows titles only)")] = False,
    lang: LangOpt = None,
) -> None:
    """What changed between two dates: state changes, newly behind, recovered, newly done, late filers new and cleared, 完成率 change in percentage points."""
    lang = resolve_lang(lang)
    end = resolve_as_of(to, lang)
    if from_ is None:
        from ..dates import add_months, month_end

        y, m = add_months(end.year, end.month, -1)
        start = month_end(y, m)
    else:
        start = resolve_as_of(from_, lang)
    if start > end:
        usage_error(f"--from {start.isoformat()} 晚于 --to {end.isoformat()}",
                    f"--from {start.isoformat()} is after --to {end.isoformat()}", lang)
    data_dir = resolve_data(data, lang)
    from ..render.diff_view import diff_report_name
    from ..reports.diff import compute_diff

    catalogue, timelines, _status = load_for_reports(data_dir, end, lang)
    report = compute_diff(catalogue, timelines, start, end)
    print_report(diff_report_name(ids), report, fmt, lang, output, data_dir, bom, catalogue)
