"""``worktargets owners``: a scorecard per lead department, worst first."""

from . import app
from .common import AsOfOpt, BomOpt, DataOpt, FormatOpt, LangOpt, OutputOpt, resolve_as_of, resolve_data, resolve_lang
from .reports_common import load_for_reports, print_report

@app.command("owners")
def owners_command(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
) -> None:
    """Score each lead department (牵头单位): targets led, counts by state, average 完成率 against 序时进度, late filings; worst first."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..reports.overdue import compute_overdue
    from ..reports.owners import compute_owners

    catalogue, timelines, status = load_for_reports(data_dir, when, lang)
    overdue = compute_overdue(catalogue, timelines, status)
    print_report("owners", compute_owners(catalogue, timelines, status, overdue), fmt, lang, output, data_dir, bom, catalogue)
