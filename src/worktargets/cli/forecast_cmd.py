"""``worktargets forecast``: each target's projection at its due date at the current pace."""

from typing import Annotated

import typer

from . import app
from .common import AsOfOpt, BomOpt, DataOpt, FormatOpt, LangOpt, OutputOpt, OwnerOpt, resolve_as_of, resolve_data, resolve_lang
from .reports_common import load_for_reports, print_report

@app.command("forecast")
def forecast_command(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    at_risk: Annotated[bool, typer.Option("--at-risk", help="Only the targets at risk")] = False,
    owner: OwnerOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
) -> None:
    """Project each target to its due date at the year's pace and at the pace of the last three filings; flag those at risk."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..reports.forecast import ForecastReport, compute_forecast
    from ..status import owner_role

    catalogue, timelines, status = load_for_reports(data_dir, when, lang)
    report = compute_forecast(status, timelines)
    rows = tuple(r for r in report.rows if (not at_risk or r.at_risk) and (not owner or owner_role(r.target, owner) is not None))
    print_report("forecast", ForecastReport(report.as_of, rows), fmt, lang, output, data_dir, bom, catalogue)
