"""``worktargets bulletin``: the month's 进度通报 as a table, Markdown, HTML, XLSX, JSON or CSV."""

from typing import Annotated, Optional

import typer

from . import app
from .common import (
    AsOfOpt,
    BomOpt,
    DataOpt,
    LangOpt,
    OutputOpt,
    format_option,
    output_file,
    resolve_as_of,
    resolve_data,
    resolve_lang,
    said_wrote,
    usage_error,
    write_output,
)
from .reports_common import load_for_reports, print_report

FORMATS = ("table", "json", "csv", "markdown", "html", "xlsx")
# formats written by a function that takes a path: format -> (module under render/, function)
FILE_WRITERS = {"xlsx": ("bulletin_xlsx", "write_bulletin_xlsx")}


@app.command("bulletin")
def bulletin_command(
    period: Annotated[Optional[str], typer.Option("--period", help="The month of the bulletin, 2022-06 (judged as of its last day) [default: the month of --as-of]")] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: format_option(*FORMATS) = "table",
    output: OutputOpt = None,
    bom: BomOpt = False,
    top: Annotated[int, typer.Option("--top", help="How many laggards to name")] = 10,
    cycles: Annotated[int, typer.Option("--cycles", "-k", help="Snails: behind at this many month-ends in a row")] = 3,
    lang: LangOpt = None,
) -> None:
    """The month's progress bulletin (进度通报): summary counts, every target by section, laggards, snails, late filers."""
    lang = resolve_lang(lang)
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
    if fmt in FILE_WRITERS:
        import importlib

        module, function = FILE_WRITERS[fmt]
        writer = getattr(importlib.import_module(f"..render.{module}", __package__), function)
        if output == "-":
            usage_error(f"{fmt} 不能写到标准输出，请用 --output 文件名", f"{fmt} cannot go to stdout; use --output FILE", lang)
        path = output or f"{'进度通报' if lang == 'zh' else 'bulletin'}-{label}.{fmt}"
        with output_file(path, lang, data_dir, catalogue.plan.source_file) as tmp:
            writer(bulletin, tmp, lang)
        said_wrote(path, lang)
        return
    if fmt == "html":
        from ..render.bulletin_html import render_bulletin_html

        text = render_bulletin_html(bulletin, lang)
        if write_output(text, output, lang, data_dir, fmt=fmt, source_file=catalogue.plan.source_file):
            said_wrote(output or "", lang)
        return
    print_report("bulletin", bulletin, fmt, lang, output, data_dir, bom, catalogue)
