"""``worktargets bulletin``: the month's 进度通报 as a table, Markdown, HTML, XLSX, JSON or CSV."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import AsOfOpt, DataOpt, LangOpt, check_format, emit, resolve_as_of, resolve_data, resolve_lang, usage_error
from .reports_common import load_for_reports, print_report

FORMATS = ("table", "json", "csv", "markdown", "html", "xlsx")


@app.command("bulletin")
def bulletin_command(
    period: Annotated[Optional[str], typer.Option("--period", help="The month of the bulletin, 2022-06 (judged as of its last day) [default: the month of --as-of]")] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: table, json, csv, markdown, html or xlsx")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (xlsx: default 进度通报-PERIOD.xlsx)")] = None,
    top: Annotated[int, typer.Option("--top", help="How many laggards to name")] = 10,
    cycles: Annotated[int, typer.Option("--cycles", "-k", help="Snails: behind at this many month-ends in a row")] = 3,
    lang: LangOpt = None,
) -> None:
    """The month's progress bulletin (进度通报): summary counts, every target by section, laggards, snails, late filers."""
    lang = resolve_lang(lang)
    check_format(fmt, FORMATS, lang)
    if top < 1 or cycles < 1:
        usage_error("--top 和 --cycles 必须是正整数", "--top and --cycles take positive numbers", lang)
    from ..dates import month_end, parse_period

    if period is not None:
        ym = parse_period(period)
        if ym is None:
            usage_error(f"--period 的月份“{period}”无效（应为 2022-06）", f"--period '{period}' is not a month (use 2022-06)", lang)
        label = f"{ym[0]}-{ym[1]:02d}"
        when = resolve_as_of(as_of, lang) if as_of is not None else month_end(*ym)
    else:
        when = resolve_as_of(as_of, lang)
        label = f"{when.year}-{when.month:02d}"
    data_dir = resolve_data(data, lang)
    from ..reports.bulletin import compute_bulletin

    catalogue, timelines, _status = load_for_reports(data_dir, when, lang)
    bulletin = compute_bulletin(catalogue, timelines, label, when, snail_k=cycles, top=top)
    if fmt == "xlsx":
        from ..render.bulletin_xlsx import write_bulletin_xlsx

        path = output or Path(f"{'进度通报' if lang == 'zh' else 'bulletin'}-{label}.xlsx")
        write_bulletin_xlsx(bulletin, path, lang)
        _wrote(path, lang)
        return
    if fmt == "html":
        from ..render.bulletin_html import render_bulletin_html

        text = render_bulletin_html(bulletin, lang)
    elif output is not None and fmt != "table":
        from ..render.report_views import render_report

        text = render_report("bulletin", bulletin, fmt, lang, None)  # type: ignore[arg-type]
    else:
        if output is not None:
            usage_error("表格格式只能输出到终端；写文件请用 --format markdown、html 或 xlsx",
                        "the table format prints to the terminal; to write a file use --format markdown, html or xlsx", lang)
        print_report("bulletin", bulletin, fmt, lang)
        return
    if output is None:
        emit(text)
        return
    output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
    _wrote(output, lang)


def _wrote(path: Path, lang: str) -> None:
    sys.stderr.write(f"{'已写入' if lang == 'zh' else 'wrote'} {path}\n")
