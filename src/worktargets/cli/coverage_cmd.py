"""``worktargets coverage``: is every number of the report in the catalogue?"""

import typer

from . import app
from .common import (
    DataOpt,
    LangOpt,
    OutputOpt,
    format_option,
    load_catalogue_or_exit,
    out_console,
    print_problems,
    resolve_data,
    resolve_lang,
    said_wrote,
    table_text,
    to_stdout,
    usage_error,
    write_output,
)


@app.command("coverage")
def coverage_command(
    data: DataOpt = None,
    fmt: format_option("table", "json") = "table",
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """List every number in the report text with the target that covers it; exit 1 if any is not covered."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    from ..coverage import compute_coverage

    catalogue = load_catalogue_or_exit(data_dir, lang)
    if not catalogue.plan.source_file:
        usage_error("targets.yaml 的 plan.source_file 未指定报告原文", "plan.source_file in targets.yaml names no report text", lang)
    from ..textio import read_text

    text, _enc, unreadable = read_text(data_dir / catalogue.plan.source_file)  # as the catalogue read it
    if text is None:
        print_problems(unreadable, lang)
        raise typer.Exit(1)
    report = compute_coverage(catalogue, text)
    if fmt == "json":
        import json

        from ..render.escape import json_safe

        out: str | None = json_safe(json.dumps({
            "ok": report.ok,
            "report": report.report_path,
            "mentions": [
                {"text": m.text, "line": m.line, "column": m.column, "covered_by": list(m.covered_by), "excused": m.excused}
                for m in report.mentions
            ],
            "uncovered": [m.text for m in report.uncovered],
            "sources_not_in_report": list(report.unmatched_sources),
            "value_not_in_source": list(report.value_not_in_source),
        }, ensure_ascii=False, indent=2)) + "\n"
    else:
        from ..render.coverage_view import coverage_table

        if to_stdout(output):
            coverage_table(report, lang, out_console())
            out = None
        else:
            out = table_text(lambda console: coverage_table(report, lang, console))
    if out is not None and write_output(out, output, lang, data_dir, fmt=fmt, source_file=catalogue.plan.source_file):
        said_wrote(output or "", lang)
    if not report.ok:
        raise typer.Exit(1)
