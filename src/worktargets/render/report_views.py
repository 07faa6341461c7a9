"""The reports (gaps, overdue, forecast, owners, snails, bulletin), many renderings each.

Each report has three views of its one value: a dict (the JSON), flat rows with stable
English keys (the CSV), and titled sheets of display cells (the table and Markdown).
``render_report`` picks the rendering from ``FORMATS`` by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Callable

from ..model import State
from ..quantity import format_number
from ..reports.bulletin import Bulletin
from ..reports.forecast import ForecastReport, ForecastRow
from ..reports.gaps import GapsReport
from ..reports.overdue import OverdueReport
from ..reports.owners import OwnersReport
from ..reports.snails import SnailsReport
from ..status import STATE_ORDER, SUMMARY_ORDER, TargetStatus
from .common import json_number, json_text, markdown_table, pct, write_csv
from .escape import md_line, md_rows, printable
from .status_views import actual_text, target_text
from .words import STATE_LIGHT, STATE_STYLE, state_label, word

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Sheet", "REPORTS", "render_report", "report_dict", "report_sheets", "gap_text", "pp"]

_TWO = Decimal("0.01")
_FOUR = Decimal("0.0001")


@dataclass
class Sheet:
    """One titled table of display cells; ``states`` colours the rows that have one."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    states: list[State | None] = field(default_factory=list)
    note: str = ""
    wrap: tuple[int, ...] = ()  # columns that may fold in the terminal (the rest never wrap)
    stack: tuple[int, ...] = ()  # columns shown under column ``into`` on a narrow terminal
    into: int = 0
    name: str = ""  # a short name (a spreadsheet tab)
    # per row, the cells' values for a typed medium (XLSX): a number (int, Decimal: percent
    # columns hold percent points), a date, or None where the text is all there is
    values: list[list[Any]] = field(default_factory=list)


def pp(value: Decimal | None) -> str:
    """Percentage points with one decimal: "12.5"; "—" when unknown."""
    if value is None:
        return "—"
    return format_number(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


def gap_text(s: TargetStatus) -> str:
    """How far behind 序时进度 in the target's own unit ("0.3万头"; 5.5 companies owed are
    "6家", as the bulletin says it); "—" for milestones."""
    from .narrative import owed_text

    return owed_text(s.gap_to_expected, s.target.unit)


def _state(s: TargetStatus, lang: str) -> str:
    return f"{STATE_LIGHT[s.state]} {state_label(s.state, lang)}"


def _as_of_note(d: Any, lang: str) -> str:
    return f"（截至 {d.isoformat()}）" if lang == "zh" else f" (as of {d.isoformat()})"


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def _target_brief(s: TargetStatus) -> dict[str, Any]:
    t = s.target
    return {
        "id": t.id, "title": t.title, "section": t.section, "owner": t.owner, "kind": t.kind.value,
        "comparator": t.comparator.value, "target": json_number(s.goal), "unit": t.unit,
        "actual": json_number(s.actual), "stage": s.stage, "percent": json_number(s.percent, _TWO),
        "expected_percent": json_number(s.expected, _TWO), "gap_pp": json_number(s.gap_pp, _TWO),
        "gap_to_expected": json_number(s.gap_to_expected, _FOUR), "state": s.state.value, "due": t.due.isoformat(),
    }


# -- gaps ----------------------------------------------------------------------------------


def gaps_dict(r: GapsReport) -> dict[str, Any]:
    return {"as_of": r.as_of.isoformat(), "behind_total": r.total_behind,
            "targets": [_target_brief(s) for s in r.rows]}


def gaps_csv(r: GapsReport) -> tuple[list[str], list[list[Any]]]:
    keys = ["id", "title", "owner", "target", "unit", "actual", "stage", "percent", "expected_percent", "gap_pp",
            "gap_to_expected", "state", "due"]
    return keys, [[_target_brief(s)[k] for k in keys] for s in r.rows]


def gaps_sheets(r: GapsReport, lang: str) -> list[Sheet]:
    keys = ["rank", "id", "title", "owner", "target", "actual", "percent", "expected", "gap_pp", "gap_unit", "state"]
    sheet = Sheet(f"{word('gaps_title', lang)}{_as_of_note(r.as_of, lang)}",
                  [word(k, lang) for k in keys], wrap=(2, 3), stack=(1, 3, 4, 5), into=2)
    for i, s in enumerate(r.rows, 1):
        sheet.rows.append([str(i), s.target.id, s.target.title, s.target.owner, target_text(s, lang), actual_text(s),
                           pct(s.percent), pct(s.expected), pp(s.gap_pp), gap_text(s), _state(s, lang)])
        sheet.values.append([i, None, None, None, s.goal, s.actual, s.percent, s.expected, s.gap_pp,
                             s.gap_to_expected, None])
        sheet.states.append(s.state)
    if len(r.rows) < r.total_behind:
        sheet.note = (f"共 {r.total_behind} 项滞后，显示 {len(r.rows)} 项" if lang == "zh"
                      else f"{r.total_behind} behind in all, {len(r.rows)} shown")
    return [sheet]


# -- overdue -------------------------------------------------------------------------------


def overdue_dict(r: OverdueReport) -> dict[str, Any]:
    c = r.cycle
    return {
        "as_of": r.as_of.isoformat(),
        "deadlines": [dict(_target_brief(s), days_overdue=r.days_overdue(s)) for s in r.deadlines],
        "cycle": None if c is None else {"label": c.label, "start": c.start.isoformat(), "end": c.end.isoformat(),
                                         "deadline": c.deadline.isoformat()},
        "owed": r.owed,
        "late_targets": [{"id": lt.target.id, "title": lt.target.title, "owner": lt.target.owner,
                          "cycle": lt.cycle.label, "last_date": _iso(lt.last_date)} for lt in r.late_targets],
        "late_departments": [{"owner": d.owner, "owed": d.owed, "missing": list(d.missing),
                              "filed_nothing": d.filed_nothing} for d in r.late_departments],
    }


def overdue_csv(r: OverdueReport) -> tuple[list[str], list[list[Any]]]:
    keys = ["finding", "id", "title", "owner", "due", "days_overdue", "state", "cycle", "filing_deadline", "last_date"]
    rows: list[list[Any]] = []
    for s in r.deadlines:
        rows.append(["overdue", s.target.id, s.target.title, s.target.owner, s.target.due.isoformat(),
                     r.days_overdue(s), s.state.value, "", "", _iso(s.last_date)])
    for lt in r.late_targets:
        rows.append(["late_filing", lt.target.id, lt.target.title, lt.target.owner, lt.target.due.isoformat(), "",
                     "", lt.cycle.label, lt.cycle.deadline.isoformat(), _iso(lt.last_date)])
    return keys, rows


def overdue_sheets(r: OverdueReport, lang: str) -> list[Sheet]:
    zh = lang == "zh"
    keys = ["id", "title", "owner", "due", "days_overdue", "actual", "percent", "state"]
    first = Sheet(f"{word('deadlines_passed', lang)}{_as_of_note(r.as_of, lang)}",
                  [word(k, lang) for k in keys], wrap=(1, 2), stack=(0, 2), into=1)
    for s in r.deadlines:
        first.rows.append([s.target.id, s.target.title, s.target.owner, s.target.due.isoformat(),
                           str(r.days_overdue(s)), actual_text(s), pct(s.percent), _state(s, lang)])
        first.values.append([None, None, None, s.target.due, r.days_overdue(s), s.actual, s.percent, None])
        first.states.append(s.state)
    out = [first]
    c = r.cycle
    if c is None:
        out.append(Sheet(word("late_filers", lang), [], note=word("no_cycle_yet", lang)))
        return out
    title = (f"{word('late_filers', lang)}：{c.label} 期（{c.start.isoformat()}—{c.end.isoformat()}，"
             f"{c.deadline.isoformat()} 前报送）" if zh else
             f"{word('late_filers', lang)}: cycle {c.label} ({c.start.isoformat()}..{c.end.isoformat()}, "
             f"due {c.deadline.isoformat()})")
    dkeys = ["department", "owed", "not_filed", "filed_nothing", "id"]
    depts = Sheet(title, [word(k, lang) for k in dkeys], wrap=(0, 4), into=4)
    for d in r.late_departments:
        depts.rows.append([d.owner, str(d.owed), str(len(d.missing)), word("yes" if d.filed_nothing else "no", lang),
                           "、".join(d.missing) if zh else ", ".join(d.missing)])
        depts.values.append([None, d.owed, len(d.missing), None, None])
        depts.states.append(None)
    depts.note = (f"应报 {r.owed} 项，未报 {len(r.late_targets)} 项" if zh
                  else f"{r.owed} targets owed a filing, {len(r.late_targets)} have none")
    out.append(depts)
    tkeys = ["id", "title", "owner", "last_filed"]
    targets = Sheet(word("late_filers", lang) + ("（目标）" if zh else " (targets)"), [word(k, lang) for k in tkeys],
                    wrap=(1, 2), stack=(0, 2), into=1)
    for lt in r.late_targets:
        targets.rows.append([lt.target.id, lt.target.title, lt.target.owner, _iso(lt.last_date) or "—"])
        targets.values.append([None, None, None, lt.last_date])
        targets.states.append(None)
    out.append(targets)
    return out


# -- forecast ------------------------------------------------------------------------------


def _risk(v: bool | None, lang: str) -> str:
    return "—" if v is None else word("yes" if v else "no", lang)


def _fc_num(r: ForecastRow, v: Decimal | None) -> str:
    """A projection: a milestone's stage share, or a figure (whole things rounded down, as the
    bulletin says it)."""
    if r.method == "milestone":
        return pct(v)
    from .narrative import projection_text

    return projection_text(v, r.status.target.unit)


def forecast_dict(r: ForecastReport) -> dict[str, Any]:
    rows = []
    for f in r.rows:
        rows.append(dict(_target_brief(f.status), method=f.method, current=json_number(f.current, _FOUR),
                         last_date=_iso(f.last_date), year_projection=json_number(f.year_projection, _FOUR),
                         recent_projection=json_number(f.recent_projection, _FOUR),
                         recent_points=[d.isoformat() for d in f.recent_points], reached_on=_iso(f.reached_on),
                         at_risk=f.at_risk))
    return {"as_of": r.as_of.isoformat(), "at_risk": r.at_risk_count(), "targets": rows}


def forecast_csv(r: ForecastReport) -> tuple[list[str], list[list[Any]]]:
    keys = ["id", "title", "owner", "method", "target", "unit", "current", "last_date", "year_projection",
            "recent_projection", "reached_on", "due", "at_risk", "state"]
    d = forecast_dict(r)["targets"]
    return keys, [[row[k] for k in keys] for row in d]


def forecast_sheets(r: ForecastReport, lang: str) -> list[Sheet]:
    keys = ["id", "title", "owner", "target", "actual", "year_projection", "recent_projection", "reached_on", "due",
            "at_risk"]
    sheet = Sheet(f"{word('forecast_title', lang)}{_as_of_note(r.as_of, lang)}",
                  [word(k, lang) for k in keys], wrap=(1, 2), stack=(0, 2, 3, 4, 8), into=1)
    for f in r.rows:
        s = f.status
        sheet.rows.append([s.target.id, s.target.title, s.target.owner, target_text(s, lang),
                           _fc_num(f, f.current) if f.method == "milestone" else actual_text(s),
                           _fc_num(f, f.year_projection), _fc_num(f, f.recent_projection),
                           _iso(f.reached_on) or "—", s.target.due.isoformat(), _risk(f.at_risk, lang)])
        sheet.values.append([None, None, None, s.goal, f.current if f.method == "milestone" else s.actual,
                             f.year_projection, f.recent_projection, f.reached_on, s.target.due, None])
        sheet.states.append(State.FAR_BEHIND if f.at_risk else None)
    sheet.note = (f"有风险 {r.at_risk_count()} 项" if lang == "zh" else f"{r.at_risk_count()} at risk")
    return [sheet]


# -- owners --------------------------------------------------------------------------------


def owners_dict(r: OwnersReport) -> dict[str, Any]:
    return {"as_of": r.as_of.isoformat(), "owners": [
        {"owner": o.owner, "targets": len(o.targets), "target_ids": list(o.targets),
         "counts": {st.value: o.counts[st] for st in SUMMARY_ORDER},
         "average_percent": json_number(o.average_percent, _TWO),
         "average_expected": json_number(o.average_expected, _TWO),
         "average_gap_pp": json_number(o.average_gap, _TWO),
         "late_filings": o.late_filings, "late_now": o.late_now,
         # co-responsible (配合), counted apart from the targets led
         "co_targets": len(o.co_targets), "co_target_ids": list(o.co_targets),
         "co_counts": {st.value: (o.co_counts or {}).get(st, 0) for st in SUMMARY_ORDER}} for o in r.rows]}


def owners_csv(r: OwnersReport) -> tuple[list[str], list[list[Any]]]:
    states = [s.value for s in SUMMARY_ORDER]
    keys = ["owner", "targets"] + states + ["average_percent", "average_expected", "average_gap_pp", "late_filings",
                                             "late_now", "co_targets"]
    rows = []
    for o in owners_dict(r)["owners"]:
        rows.append([o["owner"], o["targets"]] + [o["counts"][s] for s in states] +
                    [o["average_percent"], o["average_expected"], o["average_gap_pp"], o["late_filings"], o["late_now"],
                     o["co_targets"]])
    return keys, rows


def state_counts_text(counts: dict[State, int], lang: str) -> str:
    """"严重滞后1 欠进度3 达进度2": the non-zero states, worst first."""
    return " ".join(f"{state_label(st, lang)}{'' if lang == 'zh' else ' '}{counts[st]}" for st in STATE_ORDER
                    if counts.get(st))


def owners_sheets(r: OwnersReport, lang: str) -> list[Sheet]:
    keys = ["rank", "department", "targets_led", "states", "avg_percent", "avg_expected", "avg_gap", "late_filings",
            "late_now", "co_targets"]
    sheet = Sheet(f"{word('owners_title', lang)}{_as_of_note(r.as_of, lang)}",
                  [word(k, lang) for k in keys], wrap=(1, 3), into=3)
    for i, o in enumerate(r.rows, 1):
        sheet.rows.append([str(i), o.owner, str(len(o.targets)), state_counts_text(o.counts, lang),
                           pct(o.average_percent), pct(o.average_expected), pp(o.average_gap), str(o.late_filings),
                           str(o.late_now), str(len(o.co_targets))])
        sheet.values.append([i, None, len(o.targets), None, o.average_percent, o.average_expected, o.average_gap,
                             o.late_filings, o.late_now, len(o.co_targets)])
        sheet.states.append(next((s for s in STATE_ORDER[:4] if o.counts[s]), None))  # the reds, then behind
    return [sheet]


# -- snails --------------------------------------------------------------------------------


def snails_dict(r: SnailsReport) -> dict[str, Any]:
    return {"as_of": r.as_of.isoformat(), "k": r.k, "cycle_ends": [d.isoformat() for d in r.ends], "snails": [
        dict(_target_brief(sn.latest), run=len(sn.run), behind_total=sn.behind_total,
             cycles=[{"date": d.isoformat(), "state": s.state.value, "percent": json_number(s.percent, _TWO),
                      "expected_percent": json_number(s.expected, _TWO), "gap_pp": json_number(s.gap_pp, _TWO)}
                     for d, s in sn.run]) for sn in r.rows]}


def snails_csv(r: SnailsReport) -> tuple[list[str], list[list[Any]]]:
    keys = ["id", "title", "owner", "run", "behind_total", "cycles", "gap_pp", "state"]
    rows = [[sn.latest.target.id, sn.latest.target.title, sn.latest.target.owner, len(sn.run), sn.behind_total,
             " ".join(d.isoformat() for d in sn.cycles), json_number(sn.latest.gap_pp, _TWO), sn.latest.state.value]
            for sn in r.rows]
    return keys, rows


def _cycle_words(sn: Any, lang: str) -> str:
    months = [f"{d.month}月" if lang == "zh" else d.strftime("%b") for d in sn.cycles]
    gaps = [pp(s.gap_pp) for _d, s in sn.run]
    return ("、" if lang == "zh" else ", ").join(f"{m}({g})" for m, g in zip(months, gaps))


def snails_sheets(r: SnailsReport, lang: str) -> list[Sheet]:
    keys = ["rank", "id", "title", "owner", "run", "behind_at", "percent", "expected", "gap_pp", "state"]
    zh = lang == "zh"
    rule = (f"规则：在最近连续 {r.k} 个及以上报送期末均滞后于序时进度（欠进度、严重滞后或逾期）"
            if zh else f"rule: behind 序时进度 at the last {r.k} or more cycle ends in a row")
    sheet = Sheet(f"{word('snails_title', lang)}{_as_of_note(r.as_of, lang)}",
                  [word(k, lang) for k in keys], note=rule, wrap=(2, 3, 5), stack=(1, 3), into=2)
    for i, sn in enumerate(r.rows, 1):
        s = sn.latest
        sheet.rows.append([str(i), s.target.id, s.target.title, s.target.owner, str(len(sn.run)),
                           _cycle_words(sn, lang), pct(s.percent), pct(s.expected), pp(s.gap_pp), _state(s, lang)])
        sheet.values.append([i, None, None, None, len(sn.run), None, s.percent, s.expected, s.gap_pp, None])
        sheet.states.append(s.state)
    return [sheet]


# -- bulletin ------------------------------------------------------------------------------


def bulletin_dict(b: Bulletin) -> dict[str, Any]:
    return {
        "period": b.period,
        "as_of": b.as_of.isoformat(),
        "plan": {"title": b.plan.title, "region": b.plan.region, "year": b.plan.year, "year_note": b.plan.year_note},
        "summary": b.summary(),
        "sections": [{"section": sec, "targets": [_target_brief(s) for s in rows]} for sec, rows in b.sections],
        "laggards": gaps_dict(b.laggards)["targets"],
        "snails": snails_dict(b.snails)["snails"],
        "overdue": overdue_dict(b.overdue),
    }


def bulletin_csv(b: Bulletin) -> tuple[list[str], list[list[Any]]]:
    keys = ["section", "id", "title", "owner", "target", "unit", "actual", "stage", "percent", "expected_percent",
            "gap_pp", "state", "due"]
    rows = []
    for sec, items in b.sections:
        for s in items:
            d = _target_brief(s)
            rows.append([sec] + [d[k] for k in keys[1:]])
    return keys, rows


def bulletin_table_rows(b: Bulletin, lang: str) -> tuple[list[str], list[tuple[str, list[tuple[TargetStatus, list[str]]]]]]:
    """The by-section table of the bulletin: header, then per section its rows of cells."""
    keys = ["rank", "title", "owner", "target", "actual", "percent", "expected", "gap_pp", "state"]
    header = [word(k, lang) for k in keys]
    out = []
    n = 0
    for sec, items in b.sections:
        rows = []
        for s in items:
            n += 1
            title = printable(s.target.title) + (f"（{word('stretch', lang)}）" if s.target.stretch else "")
            rows.append((s, [str(n), title, printable(s.target.owner), target_text(s, lang), actual_text(s), pct(s.percent),
                             pct(s.expected), pp(s.gap_pp), state_label(s.state, lang)]))
        out.append((sec, rows))
    return header, out


def bulletin_row_values(n: int, s: TargetStatus) -> list[Any]:
    """The typed values of a row of ``bulletin_table_rows`` (see ``Sheet.values``)."""
    return [n, None, None, s.goal, s.actual, s.percent, s.expected, s.gap_pp, None]


def summary_line(b: Bulletin, lang: str) -> str:
    sm = b.summary()
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{word('sum_' + k, lang)} {v}" for k, v in sm.items() if v or k != "needs_baseline")


def bulletin_sheets(b: Bulletin, lang: str) -> list[Sheet]:
    zh = lang == "zh"
    header, sections = bulletin_table_rows(b, lang)
    title = (f"{b.plan.title} {word('bulletin', lang)}（{b.period}，截至 {b.as_of.isoformat()}）" if lang == "zh"
             else f"{b.plan.title}: {word('bulletin', lang)} {b.period} (as of {b.as_of.isoformat()})")
    out = [Sheet(title, [], note=summary_line(b, lang))]
    for sec, rows in sections:
        sh = Sheet(sec, header, wrap=(1, 2), stack=(2,), into=1)
        for s, cells in rows:
            sh.rows.append(cells)
            sh.values.append(bulletin_row_values(int(cells[0]), s))
            sh.states.append(s.state)
        out.append(sh)
    lag = gaps_sheets(b.laggards, lang)[0]
    lag.title = lag.name = word("laggards", lang)
    out.append(lag)
    sn = snails_sheets(b.snails, lang)[0]
    sn.title = sn.name = word("snails", lang)
    out.append(sn)
    od = overdue_sheets(b.overdue, lang)
    od[0].title = od[0].name = word("deadlines_passed", lang)
    od[1].name = word("late_filers", lang)
    out.extend(od[1:2] + od[:1])
    if zh:
        out.append(Sheet("说明", [], note=b.plan.year_note))
    return out


# -- rendering -----------------------------------------------------------------------------

# name -> (dict view, csv view, sheets view)
REPORTS: dict[str, tuple[Callable[[Any], dict[str, Any]], Callable[[Any], tuple[list[str], list[list[Any]]]],
                         Callable[[Any, str], list[Sheet]]]] = {
    "gaps": (gaps_dict, gaps_csv, gaps_sheets),
    "overdue": (overdue_dict, overdue_csv, overdue_sheets),
    "forecast": (forecast_dict, forecast_csv, forecast_sheets),
    "owners": (owners_dict, owners_csv, owners_sheets),
    "snails": (snails_dict, snails_csv, snails_sheets),
    "bulletin": (bulletin_dict, bulletin_csv, bulletin_sheets),
}


def report_dict(name: str, report: Any) -> dict[str, Any]:
    return REPORTS[name][0](report)


def report_sheets(name: str, report: Any, lang: str) -> list[Sheet]:
    """The report's titled sheets of display cells, every text made ``printable``."""
    sheets = REPORTS[name][2](report, lang)
    for sh in sheets:
        sh.title, sh.note, sh.name = printable(sh.title), printable(sh.note), printable(sh.name)
        sh.rows = [[printable(c) for c in row] for row in sh.rows]
    return sheets


def _json(name: str, report: Any, lang: str) -> str:
    return json_text(report_dict(name, report))


def _csv(name: str, report: Any, lang: str) -> str:
    keys, rows = REPORTS[name][1](report)
    return write_csv(keys, [["" if c is None else c for c in row] for row in rows], lang=lang)


def _markdown(name: str, report: Any, lang: str) -> str:
    out = []
    for i, sh in enumerate(report_sheets(name, report, lang)):
        out.append(f"{'#' if i == 0 else '##'} {md_line(sh.title)}\n\n")
        if sh.header and sh.rows:
            out.append(markdown_table(sh.header, md_rows(sh.rows)))
            out.append("\n")
        elif sh.header:
            out.append(f"{word('none_found', lang)}\n\n")
        if sh.note:
            out.append(f"{md_line(sh.note)}\n\n")
    return "".join(out).rstrip("\n") + "\n"


_NUMERIC_START = tuple("0123456789≥>≤<-—")


def _numeric(rows: list[list[str]], j: int) -> bool:
    """Whether a column holds numbers (right-aligned in the terminal)."""
    return all(row[j].startswith(_NUMERIC_START) for row in rows)


def _table(name: str, report: Any, lang: str, console: "Console") -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    wide = console.width >= 110
    for i, sh in enumerate(report_sheets(name, report, lang)):
        if i:
            console.print()
        console.print(Text(sh.title, style="bold"))
        if sh.header and sh.rows:
            stack = () if wide else sh.stack
            keep = [j for j in range(len(sh.header)) if j not in stack or j == sh.into]
            table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False)
            widths = {}
            for j in keep:
                longest = max(cell_len(line) for row in sh.rows for line in row[j].split("\n"))
                head = min(cell_len(sh.header[j]), 6)
                widths[j] = max(head, longest) if j not in sh.wrap else max(4, min(longest, 10))
            if sh.into in keep:
                rest = console.width - sum(w for j, w in widths.items() if j != sh.into) - 2 * (len(keep) - 1)
                need = max(cell_len(line) for row in sh.rows for line in row[sh.into].split("\n"))
                if stack:
                    need = max(need, 16)
                widths[sh.into] = max(10, min(rest, need))
            for j in keep:
                table.add_column(sh.header[j], overflow="fold", width=widths[j],
                                 justify="right" if j != sh.into and _numeric(sh.rows, j) else "left")
            for row, state in zip(sh.rows, sh.states + [None] * (len(sh.rows) - len(sh.states))):
                cells = []
                for j in keep:
                    cell = Text(row[j])
                    if j == sh.into and stack:
                        extra = [row[k] for k in stack if k != sh.into and row[k] not in ("", "—")]
                        if extra:
                            cell.append("\n" + " · ".join(extra), style="dim")
                    cells.append(cell)
                if state is not None:
                    cells[-1].stylize(STATE_STYLE[state])
                table.add_row(*cells)
            console.print(table)
        elif sh.header:
            console.print(Text(word("none_found", lang), style="dim"))
        if sh.note:
            console.print(Text(sh.note, style="dim"))


FORMATS: dict[str, Callable[[str, Any, str], str]] = {"json": _json, "csv": _csv, "markdown": _markdown}


def render_report(name: str, report: Any, fmt: str, lang: str, console: "Console") -> str | None:
    """Text for a text format, or None after printing the table to ``console``."""
    if fmt == "table":
        _table(name, report, lang, console)
        return None
    return FORMATS[fmt](name, report, lang)
