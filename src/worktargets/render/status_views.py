"""One status report, many renderings: table (render/plain.py), json, csv, markdown."""

from __future__ import annotations

from itertools import groupby
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from ..model import Comparator, Kind
from ..quantity import format_number
from ..status import LEAD, SUMMARY_ORDER, TELLING_ORDER, StatusReport, TargetStatus
from .common import bar, markdown_table, num, pct, write_csv
from .escape import md_line, md_rows, printable
from .plain import Styled
from .status_json import row_dict
from .words import STATE_LIGHT, STATE_STYLE, state_label, word

if TYPE_CHECKING:
    from .plain import Mode
    from .status_json import RowPieces

__all__ = ["status_dict", "render_status", "STATUS_FORMATS", "target_text", "actual_text", "owner_text", "role_word"]



def target_text(s: TargetStatus, lang: str) -> str:
    """The target as a bulletin writes it: ≥3.6万亩, ≤4.5%, ≈5%±0.5, +2个百分点, → other-id."""
    t = s.target
    if t.is_milestone:
        return t.stages[-1]
    prefix = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "", "about": "≈"}[t.comparator.value]
    if t.kind is Kind.POINTS and t.target is not None:
        sign = "+" if t.target > 0 else ""
        points = "个百分点" if lang == "zh" else " pp"
        return f"{prefix}{sign}{format_number(t.target)}{points}"
    goal = s.goal
    if goal is None:
        if t.factor is not None:
            label = "较上年翻一番" if t.factor == 2 and lang == "zh" else f"×{format_number(t.factor)}"
            return label
        if t.relation_to is not None:
            return f"{prefix}→{t.relation_to}"
        if t.set_by:
            return f"待{t.set_by}" if lang == "zh" else f"set by {t.set_by}"
        return "—"
    text = f"{prefix}{num(goal, t.unit)}"
    if t.comparator is Comparator.ABOUT and t.tolerance:
        text += f"±{format_number(t.tolerance)}" if t.unit == "%" else f"±{num(t.tolerance, t.unit)}"
    if t.kind is Kind.DECREASE:
        text = ("下降" if lang == "zh" else "↓") + text
    return text


def actual_text(s: TargetStatus) -> str:
    if s.target.is_milestone:
        return s.stage or "—"
    return num(s.actual, s.target.unit) if s.actual is not None else "—"


def role_word(role: str | None, lang: str) -> str:
    """（牵头）/（配合） after a department's name; "" without a role."""
    if role is None:
        return ""
    w = word("role_lead" if role == LEAD else "role_co", lang)
    return f"（{w}）" if lang == "zh" else f" ({w})"


def owner_text(s: TargetStatus, report: StatusReport, lang: str) -> str:
    """The primary lead; under ``--owner`` the department chosen, marked 牵头 or 配合."""
    t = s.target
    role = report.role(s)
    if role is None:
        return t.owner
    words = report.owner or ""
    names = t.leads if role == LEAD else t.co_owners
    name = next((o for o in names if words in o), t.owner)
    return name + role_word(role, lang)


def status_dict(report: StatusReport, rows: bool = True) -> dict[str, Any]:
    """The JSON contract of ``status --format json`` (keep it stable); ``rows=False``: its
    ``targets`` left empty, for ``status_json`` to write."""
    plan = report.catalogue.plan
    counts = report.counts()
    return {
        "as_of": report.as_of.isoformat(),
        "plan": {
            "title": plan.title,
            "region": plan.region,
            "year": plan.year,
            "year_note": plan.year_note,
            "source_file": plan.source_file,
        },
        "summary": {state.value: counts[state] for state in SUMMARY_ORDER},
        "targets": [row_dict(s, report) for s in report.rows] if rows else [],
    }


def _flat_rows(report: StatusReport, lang: str) -> tuple[list[str], list[list[Any]]]:
    keys = ["id", "title", "section", "owner", "target", "actual", "percent", "expected", "gap_pp", "state", "due"]
    header = [word(k, lang) if k != "section" else word("section", lang) for k in keys]
    rows = []
    for s in report.rows:
        rows.append([
            s.target.id, s.target.title, s.target.section, owner_text(s, report, lang), target_text(s, lang), actual_text(s),
            pct(s.percent), pct(s.expected), format_number(s.gap_pp.quantize(Decimal("0.1"))) if s.gap_pp is not None else "",
            state_label(s.state, lang), s.target.due.isoformat(),
        ])
    return header, rows


def status_csv(report: StatusReport, lang: str) -> str:
    header = ["id", "title", "section", "owner", "kind", "comparator", "target", "unit", "actual", "percent",
              "expected_percent", "gap_pp", "state", "state_label", "due", "source", "owners", "co_owners", "leader",
              "no", "role"]
    rows = []
    for s in report.rows:
        d = row_dict(s, report)
        rows.append([d["id"], d["title"], d["section"], d["owner"], d["kind"], d["comparator"], d["target"],
                     d["unit"] or "", d["actual"] if d["actual"] is not None else (s.stage or ""), d["percent"],
                     d["expected_percent"], d["gap_pp"], d["state"], state_label(s.state, lang), d["due"], d["source"],
                     "、".join(d["owners"]), "、".join(d["co_owners"]), "、".join(d["leader"]), d["no"] or "",
                     d.get("role") or ""])
    return write_csv(header, rows, lang=lang)


def status_markdown(report: StatusReport, lang: str) -> str:
    header, rows = _flat_rows(report, lang)
    plan = report.catalogue.plan
    title = f"# {md_line(plan.title)}\n\n{word('as_of', lang)} {report.as_of.isoformat()}\n\n"
    out = [title]
    keep = [0, 1, 3, 4, 5, 6, 7, 8, 9]
    for section, items in groupby(zip(report.rows, rows), key=lambda pair: pair[0].target.section):
        out.append(f"## {md_line(section)}\n\n")
        out.append(markdown_table([header[i] for i in keep], md_rows([row[i] for i in keep] for _s, row in items)))
        out.append("\n")
    counts = report.counts()
    out.append("，".join(f"{state_label(st, lang)} {n}" for st, n in counts.items() if n) + "\n")
    return "".join(out)


def _grouped(rows: tuple[TargetStatus, ...]) -> list[tuple[str, list[TargetStatus]]]:
    """Rows grouped by section, sections in order of first appearance."""
    groups: dict[str, list[TargetStatus]] = {}
    for s in rows:
        groups.setdefault(s.target.section, []).append(s)
    return list(groups.items())


class _StatusLayout:
    """What the status table prints, laid out for a console ``width`` cells wide: the
    heading, each section's name and rows, the closing lines. The same for both writers."""

    __slots__ = ("heading", "columns", "right", "padding", "sections", "closing")

    def __init__(self, report: StatusReport, lang: str, width: int) -> None:
        from rich.cells import cell_len

        from .plain import ColumnSpec

        plan = report.catalogue.plan
        # printed as console.print(title, as_of): two Texts joined by a space
        self.heading = (Styled(printable(plan.title), "bold"), Styled(f"  {word('as_of', lang)} {report.as_of.isoformat()}", "dim"))
        wide = width >= 110
        stretch = (f"（{word('stretch', lang)}）" if lang == "zh" else f" ({word('stretch', lang)})")
        cells = []
        for s in report.rows:
            title = Styled(printable(s.target.title) + (stretch if s.target.stretch else ""))
            title.append("\n" + printable(s.target.id), style="cyan")
            owner = printable(owner_text(s, report, lang))
            if not wide:
                title.append(" · " + owner, style="dim")
            style = STATE_STYLE[s.state]
            pct_cell = Styled(bar(s.percent, 3), style=style).append(" " + pct(s.percent))
            row = [title, Styled(owner), Styled(printable(target_text(s, lang))),
                   Styled(printable(actual_text(s))), pct_cell,
                   Styled(pct(s.expected)), Styled(f"{STATE_LIGHT[s.state]} {state_label(s.state, lang)}", style=style)]
            cells.append((s, row if wide else row[:1] + row[2:]))
        keys = ["title", "owner", "target", "actual", "percent", "expected", "state"]
        if not wide:
            keys.remove("owner")
        headers = [word(k, lang) for k in keys]
        n_flex = 2 if wide else 1
        widths = [cell_len(h) for h in headers]
        for _s, row in cells:
            for i in range(n_flex, len(headers)):
                widths[i] = max(widths[i], cell_len(row[i].plain))
        gap = 1 if not wide else 3  # a narrow terminal gets one space between columns
        rest = width - sum(widths[n_flex:]) - gap * (len(headers) - 1)
        if wide:
            widths[1] = max(cell_len(headers[1]), max(cell_len(row[1].plain) for _s, row in cells) if cells else 0)
            rest -= widths[1]
        need = max([cell_len(headers[0])] + [max(cell_len(line) for line in row[0].plain.split("\n"))
                                             for _s, row in cells])
        widths[0] = max(10, min(rest, need) if wide else rest)
        self.right = [k in ("target", "actual", "expected") for k in keys]
        self.padding = 0 if not wide else 1
        no_wrap = [i >= n_flex for i in range(len(headers))]
        # too wide for the terminal (a narrow one): the widest columns give a cell at a
        # time, down to 4 cells, and wrap
        excess = sum(widths) + gap * (len(headers) - 1) - width
        while excess > 0:
            i = max(range(len(widths)), key=lambda k: widths[k])
            if widths[i] <= 4:
                break
            widths[i] -= 1
            no_wrap[i] = False
            excess -= 1
        self.columns = [ColumnSpec(h, widths[i], "right" if self.right[i] else "left", no_wrap[i], "fold")
                        for i, h in enumerate(headers)]
        by_id = {id(s): row for s, row in cells}
        self.sections = [(Styled(printable(section), "bold"), [by_id[id(s)] for s in rows])
                         for section, rows in _grouped(report.rows)]
        counts = report.counts()
        summary = Styled(f"{len(report.rows)} {word('targets', lang)}: ")
        first = True
        for state in TELLING_ORDER:
            if counts[state]:
                if not first:
                    summary.append("，" if lang == "zh" else ", ")
                summary.append(f"{state_label(state, lang)} {counts[state]}", style=STATE_STYLE[state])
                first = False
        self.closing = [summary]
        if plan.year_note:
            self.closing.append(Styled(
                f"注：计划年度 {plan.year} 为推定，依据见 targets.yaml 的 plan.year_note" if lang == "zh"
                else f"note: the plan year {plan.year} is inferred; see plan.year_note in targets.yaml", "dim"))
        if report.as_of > plan.year_end:
            self.closing.append(Styled(
                f"计划年度 {plan.year} 已结束，未完成的目标均为逾期；用 --as-of {plan.year}-06-30 之类的日期查看当时的进度"
                if lang == "zh" else
                f"the plan year {plan.year} has ended, so every unmet target is overdue; "
                f"pass --as-of {plan.year}-06-30 (say) to see progress as it stood then",
                "italic",
            ))


def status_table(report: StatusReport, lang: str, mode: Mode) -> str:
    """The status table as text for its stream (``render/plain.py`` writes it)."""
    from .plain import table_lines, text_lines, write

    width = mode.width
    layout = _StatusLayout(report, lang, width)
    title, as_of = layout.heading
    heading = Styled("").append(title.plain, title.style).append(" ").append(as_of.plain, as_of.style)
    lines = text_lines(heading, width)
    for i, (section, rows) in enumerate(layout.sections):
        lines.append([])
        lines.extend(text_lines(section, width))
        lines.extend(table_lines(layout.columns, rows, padding=layout.padding, show_header=i == 0))
    for item in layout.closing:
        lines.extend(text_lines(item, width))
    return write(lines, mode)


def status_json(report: StatusReport, lang: str, kept: "RowPieces | None" = None) -> str:
    """``status_dict`` as ``json_text`` writes it, its rows written by ``rows_json`` (``kept``:
    the targets' pieces kept from an earlier run)."""
    from .common import json_encoder, json_text  # json is imported there, only for this format
    from .status_json import rows_json

    doc = status_dict(report, rows=False)
    return json_text(doc, {"targets": rows_json(report, json_encoder(), kept)})


STATUS_FORMATS: dict[str, Callable[[StatusReport, str], str]] = {
    "json": status_json,
    "csv": status_csv,
    "markdown": status_markdown,
}


def render_status(report: StatusReport, fmt: str, lang: str, mode: "Mode | None" = None,
                  kept: "RowPieces | None" = None) -> str:
    """The report in a format: ``table`` (for a stream written as ``mode`` says), json, csv,
    markdown; ``kept``: the JSON rows' pieces kept from an earlier run."""
    if fmt == "table":
        from .plain import output_mode

        return status_table(report, lang, mode or output_mode())
    if fmt == "json":
        return status_json(report, lang, kept)
    return STATUS_FORMATS[fmt](report, lang)
