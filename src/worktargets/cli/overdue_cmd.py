"""``worktargets overdue``: deadlines passed and unmet, and 逾期未报 (late filings)."""

from . import app
from .common import AsOfOpt, BomOpt, DataOpt, FormatOpt, LangOpt, OutputOpt, resolve_as_of, resolve_data, resolve_lang
from .reports_common import load_for_reports, print_report

@app.command("overdue")
def overdue_command(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
) -> None:
    """List targets past their due date and unmet (milestones included), and the targets and departments with no filing in the current reporting cycle (逾期未报)."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..reports.overdue import compute_overdue

    catalogue, timelines, status = load_for_reports(data_dir, when, lang)
    print_report("overdue", compute_overdue(catalogue, timelines, status), fmt, lang, output, data_dir, bom, catalogue)
