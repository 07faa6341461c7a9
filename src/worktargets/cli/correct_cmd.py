"""``worktargets correct ENTRY_ID VALUE``: a new entry that replaces an old one (nothing is deleted).

``worktargets correct --withdraw ID [--reason TEXT]`` takes an entry out: it appends a row
with ``basis`` = ``withdraw`` and ``replaces`` = ID (no value, no stage; the reason as its
note) to the ledger file of that entry's department and month.
"""

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import app
from .common import DataOpt, LangOpt, load_catalogue_or_exit, resolve_data, resolve_lang, usage_error


@app.command("correct")
def correct_command(
    entry_id: Annotated[Optional[str], typer.Argument(metavar="ENTRY_ID", help="Id of the entry to correct (see worktargets show TARGET)")] = None,
    value: Annotated[Optional[str], typer.Argument(metavar="VALUE", help="The right figure (for a milestone: the right stage)")] = None,
    day: Annotated[Optional[str], typer.Option("--date", help="Date of the corrected figure [default: the replaced entry's date]")] = None,
    stage: Annotated[Optional[str], typer.Option("--stage", help="For a milestone: the right stage")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who corrects")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why (更正原因)")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Document number, URL or file")] = None,
    target_id: Annotated[Optional[str], typer.Option("--target", help="The entry's target (id, 序号 or title words): reads only its owner's files instead of the whole ledger")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ask nothing (for scripts)")] = False,
    force: Annotated[bool, typer.Option("--force", help="Record despite warnings; at a prompt, answer 'record anyway'")] = False,
    withdraw: Annotated[Optional[str], typer.Option("--withdraw", metavar="ID", help="Take the entry ID out (appends a withdrawal row; nothing is deleted)")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="With --withdraw: why (the withdrawal row's note)")] = None,
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

    from .add_progress_cmd import conversion_text

    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    ask = interactive() and not yes
    if withdraw is not None:
        if entry_id is not None or value is not None or stage is not None or day is not None or note is not None:
            usage_error("--withdraw 只与 --reason、--by、--source、--target 一起使用",
                        "--withdraw takes only --reason, --by, --source and --target", lang)
        entry_id, field = withdraw.strip(), "--withdraw"
    else:
        if reason is not None:
            usage_error("--reason 只与 --withdraw 一起使用", "--reason goes with --withdraw", lang)
        if entry_id is None or not entry_id.strip():
            usage_error("缺少参数 ENTRY_ID（或用 --withdraw ID 撤销一条记录）",
                        "missing argument ENTRY_ID (or --withdraw ID to take an entry out)", lang)
        entry_id, field = entry_id.strip(), "ENTRY_ID"
    by_t, note_t, source_t = clean_text(by, "--by", lang), clean_text(note, "--note", lang), clean_text(source, "--source", lang)
    reason_t = clean_text(reason, "--reason", lang)
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
        _refuse([Problem("unknown-entry", field, None, None, {"id": entry_id})], lang)
    target = targets[found[0]]
    known, _ = read_owner(catalogue, data_dir, target.owner, [target.id])
    later = next((c[6] for c in known.calls if c[7] == entry_id), None)
    if later is not None:
        _refuse([Problem("entry-already-replaced", field, None, None, {"id": entry_id, "by": later})], lang)
    if withdraw is not None:
        withdraw_entry(data_dir, target, found, by_t, reason_t, source_t, lang, ask)
        return
    if ask:
        _say(describe(target, known, lang), describe(target, known, lang), lang)
    when = parse_day(day, catalogue, lang) if day else found[1]
    check_day(when, catalogue, lang, force)
    typed: list[str] = []
    qty, stage_v = parse_value_or_ask(target, value, stage, lang, ask, typed)
    basis = Basis.TOTAL if found[3] else Basis.ADD
    draft = Draft(target, when, basis, qty, stage_v, by_t or str(found[8][0] or ""), note_t, source_t, entry_id)
    preview = conversion_text(typed[0], qty, target) if typed and qty is not None else ""
    record(catalogue, data_dir, target, known, draft, lang, ask, yes, force, preview)


WITHDRAW = "withdraw"


def withdraw_entry(data_dir: Path, target: Any, found: tuple[Any, ...], by: str, reason: str, source: str,
                   lang: str, ask: bool) -> None:
    """Append the withdrawal row of entry ``found`` to its department's file of its month."""
    from ..errors import Problem
    from ..quantity import format_number
    from ..textio import display_path
    from ..writer import WriteError, append_rows, new_entry_id, target_file
    from .add_progress_cmd import _refuse, _say, write_problem
    from .common import emit

    day, eid = found[1], found[6]
    what = found[5] if found[5] is not None else (f"{format_number(found[4])}{target.unit or ''}" if found[4] is not None else "")
    row = {"id": new_entry_id(day), "date": day.isoformat(), "target": target.id, "value": "", "unit": "",
           "basis": WITHDRAW, "stage": "", "by": by, "note": reason, "source": source, "replaces": eid}
    try:
        path = target_file(data_dir, target.owner, day, row)
    except WriteError as exc:
        _refuse([write_problem(exc, "owner")], lang)
    if ask:
        _say(f"将撤销：{eid}（{target.id}，{day}，{what}）", f"will withdraw: {eid} ({target.id}, {day}, {what})", lang)
        if not typer.confirm("撤销？" if lang == "zh" else "Withdraw it?", default=False, err=True):
            _say("worktargets: 未写入任何内容", "worktargets: nothing written", lang)
            raise typer.Exit(1)
    try:
        append_rows(path, [row], only_unreplaced=True)
    except WriteError as exc:
        _refuse([write_problem(exc, display_path(path))], lang)
    except OSError as exc:
        _refuse([Problem("unwritable-file", display_path(path), None, None, {"detail": str(exc)})], lang)
    shown = display_path(path)
    emit(f"已撤销 {eid}（{target.id}，{day}，{what}）：撤销记录 {row['id']} → {shown}\n" if lang == "zh"
         else f"withdrew {eid} ({target.id}, {day}, {what}): withdrawal {row['id']} in {shown}\n")
