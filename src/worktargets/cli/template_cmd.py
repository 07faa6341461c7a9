"""``worktargets template --owner DEPT --period YYYY-MM``: the department's fill-in sheet."""

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import (
    DataOpt,
    LangOpt,
    OutputOpt,
    emit,
    format_option,
    load_catalogue_or_exit,
    output_file,
    resolve_data,
    resolve_lang,
    usage_error,
    write_output,
)


@app.command("template")
def template_command(
    owner: Annotated[str, typer.Option("--owner", help="Lead department (part of its name is enough if it is unique)")],
    period: Annotated[str, typer.Option("--period", help="Reporting month: 2022-06, 2022/6 or 2022年6月")],
    fmt: format_option("xlsx", "csv") = "xlsx",
    output: OutputOpt = None,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write a fill-in sheet of one department's targets: id, title, unit, annual target, last
    recorded total, and empty columns for this period's total, progress notes and problems."""
    lang = resolve_lang(lang)
    from ..dates import month_end, parse_period

    ym = parse_period(period)
    if ym is None:
        usage_error(f"--period “{period}”无效（应为 2022-06）", f"--period '{period}' is not a month (use 2022-06)", lang)
    data_dir = resolve_data(data, lang)
    catalogue = load_catalogue_or_exit(data_dir, lang)
    owners = sorted({o for t in catalogue.targets for o in t.leads})  # every lead, co-leads included
    matches = [o for o in owners if o == owner] or [o for o in owners if owner in o]
    if len(matches) != 1:
        listing = "、".join(matches or owners)
        usage_error(f"--owner “{owner}”应当唯一对应一个牵头单位：{listing}",
                    f"--owner '{owner}' must name exactly one lead department: {listing}", lang)
    dept = matches[0]
    end = month_end(*ym)
    if end.year != catalogue.plan.year:
        usage_error(f"--period {period} 不在计划年度 {catalogue.plan.year} 年内",
                    f"--period {period} is outside the plan year {catalogue.plan.year}", lang)
    from ..render.template_views import TemplateLine, template_csv, write_template_xlsx
    from ..writer import read_owner

    targets = [t for t in catalogue.targets if dept in t.leads]
    # a co-led target's entries are in its primary lead's files: read each primary lead's once
    by_file_owner: dict[str, list[str]] = {}
    for t in targets:
        by_file_owner.setdefault(t.owner, []).append(t.id)
    knowns = {o: read_owner(catalogue, data_dir, o, ids)[0] for o, ids in by_file_owner.items()}
    lines = []
    for t in targets:
        tp = knowns[t.owner].progress(t.id, end)
        value = tp.actual() if tp is not None and not t.is_milestone else None
        lines.append(TemplateLine(t, value, tp.last_date if tp is not None else None, tp.stage if tp is not None else None))
    title = f"{catalogue.plan.title}　{dept}　{ym[0]}年{ym[1]}月进度填报表"
    name = f"进度填报-{dept}-{ym[0]:04d}-{ym[1]:02d}.{fmt}"
    if fmt == "csv":
        text = template_csv(lines, end)
        if output == "-":
            write_output(text, output, lang, data_dir, fmt="csv")
            return
        path = Path(output or name)
        write_output(text, str(path), lang, data_dir, fmt="csv", source_file=catalogue.plan.source_file)
    else:
        if output == "-":
            usage_error("xlsx 不能写到标准输出，请用 --output 文件名", "xlsx cannot go to stdout; use --output FILE", lang)
        path = Path(output or name)
        with output_file(str(path), lang, data_dir, catalogue.plan.source_file) as tmp:
            write_template_xlsx(lines, end, tmp, title)
    from ..textio import display_path

    emit((f"已生成填报表 {display_path(path)}（{dept}，{len(lines)} 项指标，统计截至 {end}）\n" if lang == "zh"
          else f"wrote {display_path(path)} ({dept}, {len(lines)} targets, figures as of {end})\n"))
