"""``worktargets show ID``: one target's words, owner, schedule, state and whole history."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import app
from .common import (
    AsOfOpt,
    DataOpt,
    LangOpt,
    OutputOpt,
    fail,
    format_option,
    load_catalogue_or_exit,
    out_console,
    resolve_as_of,
    resolve_data,
    resolve_lang,
    said_wrote,
    table_text,
    to_stdout,
    usage_error,
    write_output,
)

if TYPE_CHECKING:
    from decimal import Decimal


def running_totals(entries: list[Any]) -> "list[Decimal | None]":
    """The actual after each entry: a total resets it, an increment adds to it; an entry
    that a correction replaces changes nothing (it is shown struck through)."""
    from decimal import Decimal

    replaced = {e.replaces for e in entries if e.replaces}
    out: list[Decimal | None] = []
    running: Decimal | None = None
    for e in entries:
        if e.value is not None and e.id not in replaced:
            if e.basis.value == "total":
                running = e.value
            else:
                running = (running or Decimal(0)) + e.value
        out.append(running)
    return out


def candidate_list(targets: Any) -> str:
    """One line per candidate target: its 序号 (if any), id and title."""
    return "\n".join(f"  {t.no + '  ' if t.no else ''}{t.id}  {t.title}" for t in targets)


def find_target_or_exit(catalogue: Any, key: str, lang: str, what: str = "ID") -> Any:
    """The target an id, a 序号 or title words name (``lookup.resolve_target``); a usage
    error (exit 2) listing the candidates when the words fit several, or none."""
    from ..lookup import resolve_target

    found = resolve_target(catalogue, key)
    if found.target is not None:
        return found.target
    listing = candidate_list(found.candidates)
    if found.how == "ambiguous":
        usage_error(f"{what}“{key}”对应多个目标，请写编号或序号：\n{listing}",
                    f"{what} '{key}' matches several targets; give the id or the 序号:\n{listing}", lang)
    hint_zh = f"；是不是：\n{listing}" if listing else ""
    hint_en = f"; did you mean:\n{listing}" if listing else ""
    usage_error(f"没有与{what}“{key}”相符的目标（编号、序号或标题字词）{hint_zh}",
                f"no target matches {what} '{key}' (an id, a 序号 or words of the title){hint_en}", lang)


@app.command("show")
def show_command(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="Target id, its 序号 (no) or words of its title")],
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: format_option("table", "json") = "table",
    chart: Annotated[bool, typer.Option("--chart", help="Draw the cumulative progress against the expected line and the target")] = False,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show one target: the report's words, owner, schedule, state and every entry with the running total."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    when = resolve_as_of(as_of, lang)
    from ..ledger import load_history, load_progress
    from ..render.show_view import show_dict, show_table
    from ..status import judge_target

    catalogue = load_catalogue_or_exit(data_dir, lang)
    target = find_target_or_exit(catalogue, target_id, lang)
    from .switches import read_options

    progress, scan = load_progress(catalogue, data_dir, when, read_options())
    if scan.problems:
        fail(scan.problems, lang)
    related = progress.targets.get(target.relation_to) if target.relation_to else None
    status = judge_target(target, progress.targets.get(target.id), when, catalogue, related)
    history, _ = load_history(catalogue, data_dir, when, only=[target.id], keep_replaced=True)
    entries = history.entries.get(target.id, [])
    if fmt == "json":
        import json

        from ..render.escape import json_safe

        text = json_safe(json.dumps(show_dict(status, entries, running_totals(entries), when), ensure_ascii=False,
                                    indent=2)) + "\n"
    else:
        def draw(console: Any) -> None:
            show_table(status, entries, running_totals(entries), when, lang, console)
            if chart:
                from ..render.show_view import show_chart

                show_chart(target, entries, when, catalogue, lang, console)

        if to_stdout(output):
            draw(out_console())
            return
        text = table_text(draw)
    if write_output(text, output, lang, data_dir, fmt=fmt, source_file=catalogue.plan.source_file):
        said_wrote(output or "", lang)
