"""``worktargets correct ENTRY_ID VALUE``: a new entry that replaces an old one (nothing is deleted)."""

from typing import Annotated, Optional

import typer

from . import app
from .common import DataOpt, LangOpt, load_catalogue_or_exit, resolve_data, resolve_lang, usage_error


@app.command("correct")
def correct_command(
    entry_id: Annotated[str, typer.Argument(metavar="ENTRY_ID", help="Id of the entry to correct (see worktargets show TARGET)")],
    value: Annotated[Optional[str], typer.Argument(metavar="VALUE", help="The right figure (for a milestone: the right stage)")] = None,
    day: Annotated[Optional[str], typer.Option("--date", help="Date of the corrected figure [default: the replaced entry's date]")] = None,
    stage: Annotated[Optional[str], typer.Option("--stage", help="For a milestone: the right stage")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who corrects")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why (更正原因)")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Document number, URL or file")] = None,
    target_id: Annotated[Optional[str], typer.Option("--target", help="The entry's target (id, 序号 or title words): reads only its owner's files instead of the whole ledger")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ask nothing (for scripts)")] = False,
    force: Annotated[bool, typer.Option("--force", help="Record despite warnings")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> None:
    """Correct an entry: append a new one that names it in `replaces`; status uses the correction, show displays both."""
    from ..errors import Problem
    from ..importer import Draft
    from ..model import Basis
    from ..writer import read_owner
    from .add_progress_cmd import (
        _refuse, check_day, clean_text, describe, find_entry, interactive, parse_day, parse_value_or_ask, record, _say,
    )

    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    ask = interactive() and not yes
    by_t, note_t, source_t = clean_text(by, "--by", lang), clean_text(note, "--note", lang), clean_text(source, "--source", lang)
    catalogue = load_catalogue_or_exit(data_dir, lang)
    targets = catalogue.by_id()
    found = None
    if target_id is not None:
        from .show_cmd import find_target_or_exit

        target_id = find_target_or_exit(catalogue, target_id, lang, "--target").id
        known, _ = read_owner(catalogue, data_dir, targets[target_id].owner, [target_id])
        found = next((c for c in known.calls if c[6] == entry_id), None)
    else:
        found = find_entry(catalogue, data_dir, entry_id)
    if found is None:
        _refuse([Problem("unknown-entry", "ENTRY_ID", None, None, {"id": entry_id})], lang)
    target = targets[found[0]]
    known, _ = read_owner(catalogue, data_dir, target.owner, [target.id])
    if ask:
        _say(describe(target, known, lang), describe(target, known, lang), lang)
    when = parse_day(day, catalogue, lang) if day else found[1]
    check_day(when, catalogue, lang, force)
    qty, stage_v = parse_value_or_ask(target, value, stage, lang, ask)
    basis = Basis.TOTAL if found[3] else Basis.ADD
    draft = Draft(target, when, basis, qty, stage_v, by_t or str(found[8][0] or ""), note_t, source_t, entry_id)
    record(catalogue, data_dir, target, known, draft, lang, ask, yes, force)
