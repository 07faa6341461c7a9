"""``worktargets bulletin``: the month's 进度通报 as a table, Markdown, HTML, XLSX, a Word document, JSON or CSV."""

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

FORMATS = ("table", "json", "csv", "markdown", "html", "xlsx", "docx")
# formats written by a function that takes a path: format -> (module under render/, function)
FILE_WRITERS = {"xlsx": ("bulletin_xlsx", "write_bulletin_xlsx"), "docx": ("bulletin_docx", "write_bulletin_docx")}


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
    ids: Annotated[bool, typer.Option("--ids", help="Show target ids beside their titles (Chinese output shows titles only)")] = False,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="docx: the issuing body (发文机关) [default: settings.bulletin.issuer]")] = None,
    number: Annotated[Optional[str], typer.Option("--number", help="docx: the document number (文号), e.g. 巴州督〔2022〕6号 [default: settings.bulletin.number]")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="docx: the document's title [default: settings.bulletin.title, else made from the plan and period]")] = None,
) -> None:
    """The month's progress bulletin (进度通报): summary counts, every target by section, laggards, snails, late filers."""
    lang = resolve_lang(lang)
    if top < 1 or cycles < 1:
        usage_error("--top 和 --cycles 必须是正整数", "--top and --cycles take positive numbers", lang)
    from ..dates import month_end, parse_period

    # the bulletin stands at the period's last day (its 截至 date); --as-of only decides
    # which entries were known (and whether the period's filing deadline had passed)
    known = resolve_as_of(as_of, lang)
    if period is not None:
        ym = parse_period(period)
        if ym is None:
            usage_error(f"--period 的月份“{period}”无效（应为 2022-06）", f"--period '{period}' is not a month (use 2022-06)", lang)
        label = f"{ym[0]}-{ym[1]:02d}"
        when = month_end(*ym)
    else:
        when = known
        label = f"{when.year}-{when.month:02d}"
    data_dir = resolve_data(data, lang)
    from ..reports.bulletin import compute_bulletin, doc_info

    catalogue, timelines, _status = load_for_reports(data_dir, known, lang)
    bulletin = compute_bulletin(catalogue, timelines, label, when, snail_k=cycles, top=top, known=known,
                                doc=doc_info(catalogue, issuer=issuer, number=number, title=title))
    if fmt == "docx":
        _need_packages(("docx", "python-docx"), ("PIL", "Pillow"), fmt=fmt, lang=lang)
    if fmt in FILE_WRITERS:
        import importlib

        module, function = FILE_WRITERS[fmt]
        writer = getattr(importlib.import_module(f"..render.{module}", __package__), function)
        if output == "-":
            usage_error(f"{fmt} 不能写到标准输出，请用 --output 文件名", f"{fmt} cannot go to stdout; use --output FILE", lang)
        path = output or f"{'进度通报' if lang == 'zh' else 'bulletin'}-{label}.{fmt}"
        with output_file(path, lang, data_dir, catalogue.plan.source_file) as tmp:
            writer(bulletin, tmp, lang, **({"ids": ids} if fmt == "docx" else {}))
        said_wrote(path, lang)
        return
    if fmt == "html":
        from ..render.bulletin_html import render_bulletin_html

        text = render_bulletin_html(bulletin, lang, ids)
        if write_output(text, output, lang, data_dir, fmt=fmt, source_file=catalogue.plan.source_file):
            said_wrote(output or "", lang)
        return
    from ..render.diff_view import bulletin_report_name

    print_report(bulletin_report_name(ids), bulletin, fmt, lang, output, data_dir, bom, catalogue)


def _need_packages(*packages: tuple[str, str], fmt: str, lang: str) -> None:
    """Exit 1 with ``missing-package`` when a module a format needs cannot be imported."""
    import importlib.util

    from ..errors import Problem
    from .common import fail

    missing = [Problem("missing-package", "worktargets", params={"package": dist, "format": fmt})
               for module, dist in packages if importlib.util.find_spec(module) is None]
    if missing:
        fail(missing, lang, summary=False)
