"""``worktargets add-progress TARGET VALUE``: record one figure (or a milestone's stage).

Reads only the target owner's files (``progress/*/<owner>.csv|yaml|yml``), never the
whole ledger, and appends one line to ``progress/YYYY-MM/<owner>.csv``.

Questions are asked only on a terminal (``sys.stdin.isatty()``); set
``WORKTARGETS_INTERACTIVE=1`` to force the interactive flow (tests drive it through
CliRunner with typed input), ``WORKTARGETS_INTERACTIVE=0`` to force it off.
"""

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from . import app
from .common import DataOpt, LangOpt, emit, load_catalogue_or_exit, print_problems, resolve_data, resolve_lang, usage_error

if TYPE_CHECKING:
    from ..importer import Draft
    from ..model import Catalogue, Target
    from ..writer import OwnerEntries


def interactive() -> bool:
    """Whether to ask questions: a terminal on stdin, or WORKTARGETS_INTERACTIVE=1."""
    forced = os.environ.get("WORKTARGETS_INTERACTIVE")
    if forced is not None and forced != "":
        return forced == "1"
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _say(zh: str, en: str, lang: str, err: bool = True) -> None:
    (sys.stderr if err else sys.stdout).write((zh if lang == "zh" else en) + "\n")
    (sys.stderr if err else sys.stdout).flush()


def _refuse(problems: list[Any], lang: str, code: int = 1) -> NoReturn:
    print_problems(problems, lang)
    _say("worktargets: 未写入任何内容", "worktargets: nothing written", lang)
    raise typer.Exit(code)


def choose(n: int, text: str) -> int:
    """A number from 1 to n, asked until it is one."""
    while True:
        got = typer.prompt(text, type=int)
        if 1 <= got <= n:
            return got


def target_label(t: "Target") -> str:
    return f"{t.id}  {t.title}"


def find_target(catalogue: "Catalogue", key: str | None, lang: str, ask: bool) -> "Target":
    """An id, a 序号 or words of the title (``lookup.resolve_target``): a numbered choice
    on a terminal, a usage error otherwise."""
    from ..lookup import resolve_target
    from .show_cmd import candidate_list, find_target_or_exit

    while True:
        if key is None or not key.strip():
            if not ask:
                usage_error("缺少参数 TARGET（指标编号、序号或标题中的字词）",
                            "missing argument TARGET (a target id, its 序号 or words of its title)", lang)
            key = typer.prompt("指标编号、序号或标题字词" if lang == "zh" else "Target id, 序号 or words of its title")
            continue
        found = resolve_target(catalogue, key)
        if found.target is not None:
            if found.how == "words":
                _say(f"→ {target_label(found.target)}", f"→ {target_label(found.target)}", lang)
            return found.target
        if not ask:
            find_target_or_exit(catalogue, key, lang, "TARGET")  # the usage error, candidates listed
        if found.how == "none":
            listing = candidate_list(found.candidates)
            hint = (("；是不是：\n" if lang == "zh" else "; did you mean:\n") + listing) if listing else ""
            _say(f"没有与“{key}”相符的指标{hint}", f"no target matches '{key}'{hint}", lang)
            key = None
            continue
        listing = "\n".join(f"  {i}. {target_label(t)}" for i, t in enumerate(found.candidates, 1))
        _say(f"“{key}”对应多个指标：\n{listing}", f"'{key}' matches several targets:\n{listing}", lang)
        return found.candidates[choose(len(found.candidates), "选择编号" if lang == "zh" else "Choose a number") - 1]


def describe(t: "Target", known: "OwnerEntries", lang: str) -> str:
    """Title, unit, target and the last recorded value and date, for the clerk."""
    from ..render.common import num

    last = known.entries(t.id)
    tail = last[-1] if last else None
    if t.is_milestone:
        goal = " → ".join(t.stages)
        last_txt = f"{tail.stage}（{tail.date}）" if tail else ("暂无" if lang == "zh" else "none")
        if lang == "zh":
            return f"{t.title}（{t.id}）\n  牵头单位 {t.owner}；阶段 {goal}\n  上次记录：{last_txt}"
        return f"{t.title} ({t.id})\n  owner {t.owner}; stages {goal}\n  last recorded: {last_txt}"
    tp = known.progress(t.id, None)
    actual = tp.actual() if tp is not None else None
    last_txt = (f"{num(actual, t.unit)}（{tp.last_date}）" if actual is not None and tp is not None
                else ("暂无" if lang == "zh" else "none"))
    goal = t.effective_target()
    sym = t.comparator.symbol
    goal_txt = f"{sym}{num(goal, t.unit)}" if goal is not None else "—"
    if lang == "zh":
        return f"{t.title}（{t.id}）\n  牵头单位 {t.owner}；单位 {t.unit}；年度目标 {goal_txt}\n  上次记录：{last_txt}"
    return f"{t.title} ({t.id})\n  owner {t.owner}; unit {t.unit}; target {goal_txt}\n  last recorded: {last_txt}"


def status_line(s: Any, when: date, lang: str) -> str:
    """The target's one-line status: actual / target, percent, 序时进度, state."""
    from ..render.common import pct
    from ..render.status_views import actual_text, target_text
    from ..render.words import state_label

    t = s.target
    state = state_label(s.state, lang)
    if lang == "zh":
        return (f"{t.id} {t.title}：{actual_text(s)} / {target_text(s, lang)}，完成 {pct(s.percent)}，"
                f"序时进度 {pct(s.expected)}，{state}（截至 {when}）")
    return (f"{t.id} {t.title}: {actual_text(s)} / {target_text(s, lang)}, {pct(s.percent)} done, "
            f"expected {pct(s.expected)}, {state} (as of {when})")


def parse_day(text: str | None, catalogue: "Catalogue", lang: str) -> date:
    from ..dates import parse_date

    if text is None or not text.strip():
        return date.today()
    day = parse_date(text)
    if day is None:
        usage_error(f"--date 的日期“{text}”无效（应为 2022-06-30、2022/6/30 或 2022年6月30日）",
                    f"--date '{text}' is not a date (use 2022-06-30, 2022/6/30 or 2022年6月30日)", lang)
    return day


def check_day(day: date, catalogue: "Catalogue", lang: str, force: bool) -> None:
    """Refuse a date outside the plan year (always: the ledger would reject the line) or in the
    future (unless --force)."""
    from ..errors import Problem

    year = catalogue.plan.year
    if day.year != year:
        _refuse([Problem("date-outside-year", "--date", None, None, {"date": day.isoformat(), "year": str(year)})], lang, 2)
    if day > date.today() and not force:
        _refuse([Problem("date-in-future", "--date", None, None, {"date": day.isoformat()})], lang, 2)


def record(
    catalogue: "Catalogue", data_dir: Path, target: "Target", known: "OwnerEntries", draft: "Draft",
    lang: str, ask: bool, yes: bool, force: bool, preview: str = "",
) -> None:
    """Check, preview, confirm, append, and print the new status line. A warning (a lower
    total…) stops the entry unless ``force``, or, on a terminal, the answer "record anyway"."""
    from ..errors import Problem
    from ..importer import check_rows, warnings_for
    from ..status import judge_target
    from ..writer import WriteError, append_rows, new_entry_id, target_file

    draft.id = new_entry_id(draft.day)
    while draft.id in known.ids():  # pragma: no cover - 48 random bits
        draft.id = new_entry_id(draft.day)
    try:
        path = target_file(data_dir, target.owner, draft.day, draft.row())
    except WriteError as exc:
        _refuse([write_problem(exc, "owner")], lang)
    problems = check_rows(catalogue, [draft.row()], "add-progress", [0])
    if problems:
        _refuse(problems, lang)
    warnings = warnings_for(draft, known, catalogue, "add-progress")
    after = known.progress(target.id, draft.day, extra=[draft.call(known.next_seq())])
    related = None
    other = catalogue.by_id().get(target.relation_to) if target.relation_to else None
    if other is not None:  # a relation's preview is judged against the other target's figure
        from ..writer import read_owner

        related = read_owner(catalogue, data_dir, other.owner, [other.id])[0].progress(other.id, draft.day)
    status = judge_target(target, after, draft.day, catalogue, related)
    from ..textio import display_path

    if warnings and not force and not (ask and not yes):
        print_problems(warnings, lang)
        _say("worktargets: 未写入任何内容（确认无误请加 --force）", "worktargets: nothing written (add --force if this is right)", lang)
        raise typer.Exit(1)
    if warnings and (force or not ask):  # accepted with --force: no "add --force" hint
        print_problems(warnings, lang, hints=False)
    if ask and not yes:
        if preview:
            _say(f"数值：{preview}", f"value: {preview}", lang)
        _say(f"将写入：{status_line(status, draft.day, lang)}", f"will record: {status_line(status, draft.day, lang)}", lang)
        if warnings and not force:
            print_problems(warnings, lang, hints=False)
            if not record_anyway(lang):
                _say("worktargets: 未写入任何内容", "worktargets: nothing written", lang)
                raise typer.Exit(1)
        elif not typer.confirm("写入？" if lang == "zh" else "Write it?", default=True, err=True):
            _say("worktargets: 未写入任何内容", "worktargets: nothing written", lang)
            raise typer.Exit(1)
    try:
        append_rows(path, [draft.row()], only_unreplaced=bool(draft.replaces))
    except WriteError as exc:
        _refuse([write_problem(exc, display_path(path))], lang)
    except OSError as exc:
        _refuse([Problem("unwritable-file", display_path(path), None, None, {"detail": str(exc)})], lang)

    shown = display_path(path)
    emit((f"已记录 {draft.id} → {shown}\n" if lang == "zh" else f"recorded {draft.id} in {shown}\n")
         + status_line(status, draft.day, lang) + "\n")


ANYWAY = ("record anyway", "仍然记录")


def record_anyway(lang: str) -> bool:
    """The one answer that passes a warning at the prompt: "record anyway" (or 仍然记录)."""
    text = typer.prompt(
        "以上警告会阻止写入。输入“仍然记录”照样写入（等同于 --force），其他任何回答取消" if lang == "zh"
        else "The warning above stops this entry. Type 'record anyway' to record it all the same "
             "(the same as --force); any other answer cancels",
        default="", show_default=False, err=True)
    return " ".join(text.split()).lower() in ANYWAY


def conversion_text(typed: str, value: Any, target: "Target") -> str:
    """"0.78 → 0.78万头 = 7800头": what a typed figure becomes, in the target's unit and its base unit."""
    from ..quantity import Quantity, base_unit, format_number

    unit = target.unit or ""
    out = f"{typed.strip()} → {format_number(value)}{unit}"
    if unit:
        base = base_unit(unit)
        if base != unit:
            out += f" = {format_number(Quantity(value, unit).to(base).value)}{base}"
    return out


def parse_value_or_ask(target: "Target", value: str | None, stage: str | None, lang: str, ask: bool,
                       typed: list[str] | None = None) -> tuple[Any, str | None]:
    """(value in the target's unit, stage): asks on a terminal, usage error otherwise.

    A bare number, typed at the prompt or given as VALUE, is in the target's unit (what the
    prompt shows, and what a sheet means); ``typed`` receives the text as typed, for the preview."""
    from ..errors import Problem, printable
    from ..importer import parse_value
    from ..quantity import QuantityError

    if target.is_milestone:
        if stage is None and value is not None and value.strip() in target.stages:
            stage, value = value.strip(), None
        if value is not None:
            usage_error(f"“{target.id}”是里程碑，请用 --stage 记录阶段：{'/'.join(target.stages)}",
                        f"'{target.id}' is a milestone: record a stage with --stage ({'/'.join(target.stages)})", lang)
        while stage is None or stage not in target.stages:
            if stage is not None:
                msg = Problem("unknown-stage", "--stage", None, None, {"stage": stage, "stages": "/".join(target.stages)})
                if not ask:
                    _refuse([msg], lang, 2)
                print_problems([msg], lang)
            if not ask:
                usage_error(f"缺少 --stage（{'/'.join(target.stages)}）", f"missing --stage ({'/'.join(target.stages)})", lang)
            listing = "\n".join(f"  {i}. {s}" for i, s in enumerate(target.stages, 1))
            _say(listing, listing, lang)
            stage = target.stages[choose(len(target.stages), "阶段编号" if lang == "zh" else "Stage number") - 1]
        return None, stage
    if stage is not None:
        usage_error(f"“{target.id}”是数值指标，不记录阶段", f"'{target.id}' is a numeric target: give a VALUE, not --stage", lang)
    while True:
        if value is None or not value.strip():
            if not ask:
                usage_error("缺少参数 VALUE（如 3.6万亩、36000、2.1万）", "missing argument VALUE (e.g. 3.6万亩, 36000, 2.1万)", lang)
            unit = target.unit or ""
            value = typer.prompt(f"累计完成（单位：{unit}；裸数字按“{unit}”计）" if lang == "zh"
                                 else f"Year-to-date total (in {unit}; a bare number is in {unit})")
        try:
            got = parse_value(value, target, target.unit)
            if typed is not None:
                typed.append(value)
            return got, None
        except QuantityError as exc:
            params = {k: printable(v) for k, v in exc.params.items()}  # the text echoed back, escapes made visible
            params.setdefault("expected", target.unit or "")
            p = Problem(exc.code, "VALUE", None, None, params)
            if not ask:
                _refuse([p], lang, 2)
            print_problems([p], lang)
            value = None


def resolve_basis(total: bool, add: bool, lang: str) -> Any:
    from ..model import Basis

    if total and add:
        usage_error("--total 和 --add 只能选一个", "--total and --add exclude each other", lang)
    return Basis.ADD if add else Basis.TOTAL


def clean_text(text: str | None, name: str, lang: str, one_line: bool = False) -> str:
    """Free text for a ledger cell: no control characters (line breaks become spaces in notes)."""
    import unicodedata

    if text is None:
        return ""
    t = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ") if not one_line else text
    if any(unicodedata.category(ch) == "Cc" for ch in t):
        usage_error(f"{name} 含有控制字符", f"{name} contains control characters", lang)
    return t.strip()


@app.command("add-progress")
def add_progress_command(
    target_key: Annotated[Optional[str], typer.Argument(metavar="TARGET", help="Target id, its 序号 (no), or words of its title (a choice is offered on a terminal)")] = None,
    value: Annotated[Optional[str], typer.Argument(metavar="VALUE", help="The figure: 3.6万亩, 36000亩, 2.1万, ３６０００亩, 1,200亩; a bare number is in the target's unit (3.6 against 万亩 is 3.6万亩)")] = None,
    day: Annotated[Optional[str], typer.Option("--date", help="Date of the figure (2022-06-30, 2022/6/30, 2022年6月30日) [default: today]")] = None,
    total: Annotated[bool, typer.Option("--total", help="VALUE is a year-to-date total (the default)")] = False,
    add: Annotated[bool, typer.Option("--add", help="VALUE is an increment since the last report")] = False,
    stage: Annotated[Optional[str], typer.Option("--stage", help="For a milestone: the stage reached (one of the target's stages)")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who reports (填报人)")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Progress notes (进展情况)")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Document number, URL or file (来源/文号)")] = None,
    replaces: Annotated[Optional[str], typer.Option("--replaces", help="Id of the entry this one corrects")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ask nothing (for scripts)")] = False,
    force: Annotated[bool, typer.Option("--force", help="Record despite warnings (lower total, over 3x target, same value twice, future date); at a prompt, answer 'record anyway'")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record a figure (or a milestone's stage) for one target; prints its new status."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    ask = interactive() and not yes
    basis = resolve_basis(total, add, lang)
    by_t = clean_text(by, "--by", lang)
    note_t = clean_text(note, "--note", lang)
    source_t = clean_text(source, "--source", lang)
    from ..importer import Draft
    from ..writer import read_owner

    catalogue = load_catalogue_or_exit(data_dir, lang)
    target = find_target(catalogue, target_key, lang, ask)
    known, _files = read_owner(catalogue, data_dir, target.owner, [target.id])
    if ask:
        _say(describe(target, known, lang), describe(target, known, lang), lang)
    when = parse_day(day, catalogue, lang)
    if ask and day is None:
        from ..dates import parse_date

        while True:
            text = typer.prompt("日期" if lang == "zh" else "Date", default=when.isoformat())
            parsed = parse_date(text)
            if parsed is not None:
                when = parsed
                break
            _say("日期无效（应为 2022-06-30、2022/6/30 或 2022年6月30日）", "not a date (use 2022-06-30, 2022/6/30 or 2022年6月30日)", lang)
    typed: list[str] = []
    qty, stage_v = parse_value_or_ask(target, value, stage, lang, ask, typed)
    check_day(when, catalogue, lang, force)
    rep = (replaces or "").strip()
    if rep:
        ensure_replaceable(catalogue, data_dir, known, rep, target, lang)
    draft = Draft(target, when, basis, qty, stage_v, by_t, note_t, source_t, rep)
    preview = conversion_text(typed[0], qty, target) if typed and qty is not None else ""
    record(catalogue, data_dir, target, known, draft, lang, ask, yes, force, preview)


def write_problem(exc: Any, shown: str) -> Any:
    """A ``WriteError`` as a problem located in the file it was about."""
    from ..errors import Problem

    from ..textio import display_path

    params = {k: v for k, v in exc.params.items() if k not in ("line", "file")}
    line = exc.params.get("line")
    if exc.params.get("file"):
        shown = display_path(Path(exc.params["file"]))
    return Problem(exc.code, shown, int(line) if line else None, None, params)


def ensure_replaceable(catalogue: "Catalogue", data_dir: Path, known: "OwnerEntries", rep: str, target: "Target", lang: str) -> None:
    """The replaced entry must exist for the same target: the owner's files first, then the ledger."""
    from ..errors import Problem

    if any(c[6] == rep and c[0] == target.id for c in known.calls):
        return
    entry = find_entry(catalogue, data_dir, rep)
    if entry is None:
        _refuse([Problem("unknown-entry", "--replaces", None, None, {"id": rep})], lang)
    if entry[0] != target.id:
        _refuse([Problem("replaces-other-target", "--replaces", None, None, {"id": rep})], lang)


def find_entry(catalogue: "Catalogue", data_dir: Path, eid: str) -> tuple[Any, ...] | None:
    """The sink call of the entry with id ``eid`` anywhere in the ledger (one full pass)."""
    from ..ledger import read_ledger

    class _Find:
        found: tuple[Any, ...] | None = None

        def add(self, *args: Any) -> None:
            if args[6] == eid:
                self.found = args

    sink = _Find()
    read_ledger(catalogue, data_dir, sink, check=False)
    return sink.found
