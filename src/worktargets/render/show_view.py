"""One target in detail: its words, its state, its history with running totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..model import Entry
from ..status import TargetStatus
from .common import json_number, num, pct
from .escape import printable
from .status_views import actual_text, row_dict, target_text
from .words import STATE_STYLE, kind_label, state_label, word

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["show_dict", "show_table", "show_chart"]


def show_dict(status: TargetStatus, entries: list[Entry], running: list[Decimal | None], as_of: date) -> dict[str, Any]:
    replaced = {e.replaces for e in entries if e.replaces}
    t = status.target
    return {
        "as_of": as_of.isoformat(),
        "target": row_dict(status),
        "schedule": [{"by": d.isoformat(), "expected_percent": json_number(p, Decimal("0.01"))} for d, p in t.schedule],
        "baseline": None if t.baseline is None else {"value": json_number(t.baseline.value), "note": t.baseline.note},
        "entries": [
            {
                "id": e.id, "date": e.date.isoformat(), "basis": e.basis.value, "value": json_number(e.value),
                "written": e.raw_value, "stage": e.stage, "by": e.by, "note": e.note, "source": e.source,
                "replaces": e.replaces, "replaced": e.id in replaced, "running_total": json_number(r),
                "file": e.path, "line": e.line,
            }
            for e, r in zip(entries, running)
        ],
    }


def show_table(status: TargetStatus, entries: list[Entry], running: list[Decimal | None], as_of: date, lang: str,
               console: "Console") -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = status.target
    zh = lang == "zh"

    def cell(text: Any) -> Text:  # user text: never markup, controls shown as escapes
        return Text(printable(text))

    head = Text()
    head.append(f"{printable(t.id)}  ", style="bold cyan")
    head.append(printable(t.title), style="bold")
    if t.stretch:
        head.append(f"（{word('stretch', lang)}）")
    console.print(head)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row(word("section", lang), cell(t.section + (f" / {t.subsection}" if t.subsection else "")))
    facts.add_row(word("source", lang), cell(f"“{t.source}”"))
    kind = f"{kind_label(t.kind, lang)} ({t.kind.value}, {t.comparator.value})" if lang == "zh" else \
        f"{t.kind.value}, {t.comparator.value} ({t.comparator.symbol})"
    facts.add_row(word("kind", lang), kind)
    facts.add_row(word("target", lang), cell(target_text(status, lang)))
    if t.baseline is not None:
        facts.add_row(word("baseline", lang), cell(num(t.baseline.value, t.unit) if t.baseline.value is not None
                      else f"{word('missing', lang)}：{t.baseline.note}" if zh else f"missing: {t.baseline.note}"))
    if t.parent:
        facts.add_row(word("parent", lang), cell(t.parent))
    if t.projects:
        facts.add_row(word("projects", lang), cell("、".join(t.projects)))
    facts.add_row(word("owner", lang), cell(t.owner))
    if t.co_owners:
        facts.add_row(word("co_owners", lang), cell("、".join(t.co_owners)))
    facts.add_row(word("due", lang), t.due.isoformat())
    if t.schedule:
        facts.add_row(word("schedule", lang), "；".join(f"{d.isoformat()} {pct(p)}" for d, p in t.schedule))
    if t.stages:
        facts.add_row(word("stage", lang), cell(" → ".join(t.stages)))
    state = Text(state_label(status.state, lang), style=STATE_STYLE[status.state])
    state.append(
        f"  {word('actual', lang)} {printable(actual_text(status))}  {word('percent', lang)} {pct(status.percent)}"
        f"  {word('expected', lang)} {pct(status.expected)}  ({word('as_of', lang)} {as_of.isoformat()})",
        style="",
    )
    facts.add_row(word("state", lang), state)
    if t.note:
        facts.add_row(word("note", lang), cell(t.note))
    console.print(facts)
    console.print()
    if not entries:
        console.print(Text(word("no_entries", lang), style="dim"))
        return
    replaced = {e.replaces for e in entries if e.replaces}
    table = Table(title=word("history", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(word("date", lang), no_wrap=True)
    if t.is_milestone:
        table.add_column(word("stage", lang), overflow="fold")
    else:
        table.add_column(word("basis", lang), no_wrap=True)
        table.add_column(word("value", lang), justify="right", no_wrap=True)
        table.add_column(word("running", lang), justify="right", no_wrap=True)
    table.add_column(f"{word('entry', lang)} / {word('by', lang)} / {word('note', lang)}", overflow="fold", ratio=1)
    for e, r in zip(entries, running):
        gone = e.id in replaced
        details = Text(printable(e.id), style="dim")
        if e.replaces:
            details.append(f" ({word('replaces', lang)} {printable(e.replaces)})", style="yellow")
        if gone:
            details.append(f" ({word('replaced', lang)})", style="yellow")
        words = [w for w in (e.by, e.note) if w]
        if e.source and e.source != e.note:
            words.append(f"{word('source_doc', lang)}: {e.source}")
        if words:
            details.append("\n" + printable(" · ".join(words)))
        cells: list[Any] = [e.date.isoformat()]
        if t.is_milestone:
            cells.append(cell(e.stage or ""))
        else:
            cells += [word(e.basis.value, lang), cell(num(e.value, t.unit)), cell(num(r, t.unit))]
        cells.append(details)
        table.add_row(*cells, style="strike dim" if gone else "")
    console.print(table)


def show_chart(target: Any, entries: list[Entry], as_of: date, catalogue: Any, lang: str, console: "Console") -> None:
    """The target's chart below its history (replaced entries left out, as in status)."""
    from ..progress import Timeline
    from ..reports.timeline import chart_data
    from .chart import chart_text

    replaced = {e.replaces for e in entries if e.replaces}
    live = [e for e in entries if e.id not in replaced]
    data = chart_data(target, Timeline.of_entries(live), as_of, catalogue)
    console.print()
    width = max(24, min(72, console.width - 16))
    console.print(chart_text(data, lang, width=width))
