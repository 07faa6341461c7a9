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


def find_target_or_exit(catalogue: Any, key: str, lang: str) -> Any:
    import difflib

    ids = catalogue.by_id()
    if key in ids:
        return ids[key]
    matches = [t.id for t in catalogue.targets if key in t.title or key in t.source]
    matches += difflib.get_close_matches(key, list(ids), n=3)
    matches = list(dict.fromkeys(matches))[:6]
    hint_zh = f"；是不是：{'、'.join(matches)}" if matches else ""
    hint_en = f"; did you mean: {', '.join(matches)}" if matches else ""
    usage_error(f"没有编号为“{key}”的目标{hint_zh}", f"no target with id '{key}'{hint_en}", lang)


@app.command("show")
def show_command(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="Target id (or words of its title)")],
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
    status = judge_target(target, progress.targets.get(target.id), when, catalogue)
    history, _ = load_history(catalogue, data_dir, when, only=[target.id], keep_replaced=True)
    entries = history.entries.get(target.id, [])
    if fmt == "json":
        import json

        text = json.dumps(show_dict(status, entries, running_totals(entries), when), ensure_ascii=False, indent=2) + "\n"
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
