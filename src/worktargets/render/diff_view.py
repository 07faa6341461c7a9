"""The change between two dates (``diff``) and the bulletin with its 较上期 parts, as the
three views of ``report_views`` (a dict for JSON, flat rows for CSV, titled sheets for the
table and Markdown).

Both are registered in ``report_views.REPORTS`` when this module is imported, under
:func:`diff_report_name` and :func:`bulletin_report_name` (one name per choice of ids),
so ``render_report`` draws them like any other report.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from ..reports.bulletin import Bulletin
from ..reports.diff import CHANGE_KINDS, DiffReport, TargetChange
from ..reports.overdue import LateTarget
from .common import json_number, pct
from .narrative import COUNT_NOTE, owed_text, target_name
from .report_views import REPORTS, Sheet, bulletin_csv, bulletin_dict, bulletin_sheets, pp
from .words import state_label, word

__all__ = ["diff_dict", "diff_csv", "diff_sheets", "bulletin_full_dict", "bulletin_full_csv",
           "bulletin_full_sheets", "diff_report_name", "bulletin_report_name", "signed_pp", "CHANGE_WORDS"]

_TWO = Decimal("0.01")

CHANGE_WORDS: dict[str, tuple[str, str]] = {
    "newly_done": ("新完成", "newly done"),
    "newly_behind": ("新转为滞后", "newly behind"),
    "worse": ("滞后加重", "worse"),
    "recovered": ("恢复正常进度", "recovered"),
    "better": ("滞后减轻", "less behind"),
    "changed": ("状态变化", "changed"),
    "same": ("无变化", "same"),
}


def _change_word(kind: str, lang: str) -> str:
    zh, en = CHANGE_WORDS[kind]
    return zh if lang == "zh" else en


def signed_pp(value: Decimal | None) -> str:
    """"+12.5", "-3", "0": a change in percentage points; "—" when unknown."""
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + pp(value)


def _cycle(c: Any) -> dict[str, str] | None:
    if c is None:
        return None
    return {"label": c.label, "start": c.start.isoformat(), "end": c.end.isoformat(), "deadline": c.deadline.isoformat()}


def _late(lt: LateTarget) -> dict[str, Any]:
    return {"id": lt.target.id, "title": lt.target.title, "owner": lt.target.owner, "cycle": lt.cycle.label}


def _change_row(c: TargetChange) -> dict[str, Any]:
    b, a, t = c.before, c.after, c.target
    return {
        "id": t.id, "title": t.title, "owner": t.owner, "unit": t.unit, "change": c.kind,
        "state_before": b.state.value, "state_after": a.state.value,
        "actual_before": json_number(b.actual), "actual_after": json_number(a.actual),
        "stage_before": b.stage, "stage_after": a.stage,
        "percent_before": json_number(b.percent, _TWO), "percent_after": json_number(a.percent, _TWO),
        "percent_change_pp": json_number(c.percent_change, _TWO),
        "expected_before": json_number(b.expected, _TWO), "expected_after": json_number(a.expected, _TWO),
    }


def diff_dict(r: DiffReport) -> dict[str, Any]:
    return {
        "from": r.from_date.isoformat(),
        "to": r.to_date.isoformat(),
        "counts": r.counts(),
        "targets": [_change_row(c) for c in r.rows],
        "cycle_before": _cycle(r.cycle_before),
        "cycle_after": _cycle(r.cycle_after),
        "late_new": [_late(lt) for lt in r.late_new],
        "late_cleared": [_late(lt) for lt in r.late_cleared],
        "late_still": [_late(lt) for lt in r.late_still],
    }


def diff_csv(r: DiffReport) -> tuple[list[str], list[list[Any]]]:
    keys = ["id", "title", "owner", "change", "state_before", "state_after", "percent_before", "percent_after",
            "percent_change_pp", "late_before", "late_after"]
    before = {lt.target.id for lt in r.late_cleared + r.late_still}
    after = {lt.target.id for lt in r.late_new + r.late_still}
    rows = []
    for c in r.rows:
        d = _change_row(c)
        rows.append([d[k] for k in keys[:-2]] + [c.target.id in before, c.target.id in after])
    return keys, rows


def _counts_note(r: DiffReport, lang: str) -> str:
    counts = r.counts()
    sep = "，" if lang == "zh" else ", "
    parts = [f"{_change_word(k, lang)} {counts[k]}" for k in CHANGE_KINDS if counts[k]]
    late = (f"新增未报 {len(r.late_new)}，已补报 {len(r.late_cleared)}，连续未报 {len(r.late_still)}" if lang == "zh"
            else f"newly late {len(r.late_new)}, cleared {len(r.late_cleared)}, late both times {len(r.late_still)}")
    return sep.join(parts + [late])


def diff_sheets(r: DiffReport, lang: str, ids: bool = False, title: str = "") -> list[Sheet]:
    zh = lang == "zh"
    head = title or (f"较上期变化（{r.from_date.isoformat()} → {r.to_date.isoformat()}）" if zh else
                     f"Change from {r.from_date.isoformat()} to {r.to_date.isoformat()}")
    out = [Sheet(head, [], note=_counts_note(r, lang))]
    keys = ["rank", "title", "owner"]
    header = [word(k, lang) for k in keys] + [word(k, lang) for k in ("diff_before", "diff_after", "diff_pct_before",
                                                                        "diff_pct_after", "diff_pp", "diff_change")]
    sheet = Sheet(word("diff_changed", lang), header, wrap=(1, 2), stack=(2,), into=1, name=word("diff_changed", lang))
    changed = [c for c in r.rows if c.kind != "same"]
    changed.sort(key=lambda c: CHANGE_KINDS.index(c.kind))
    for i, c in enumerate(changed, 1):
        sheet.rows.append([str(i), target_name(c.target, lang, ids or not zh), c.target.owner,
                           state_label(c.before.state, lang), state_label(c.after.state, lang), pct(c.before.percent),
                           pct(c.after.percent), signed_pp(c.percent_change), _change_word(c.kind, lang)])
        sheet.values.append([i, None, None, None, None, c.before.percent, c.after.percent, c.percent_change, None])
        sheet.states.append(c.after.state)
    out.append(sheet)
    lkeys = ["rank", "title", "owner", "diff_late"]
    late = Sheet(word("diff_late_title", lang), [word(k, lang) for k in lkeys], wrap=(1, 2), into=1,
                 name=word("diff_late_title", lang))
    n = 0
    for kind, items in (("diff_late_new", r.late_new), ("diff_late_cleared", r.late_cleared)):
        for lt in items:
            n += 1
            late.rows.append([str(n), target_name(lt.target, lang, ids or not zh), lt.target.owner, word(kind, lang)])
            late.values.append([n, None, None, None])
            late.states.append(None)
    out.append(late)
    return out


# -- the bulletin with its change ----------------------------------------------------------------


def bulletin_full_dict(b: Bulletin) -> dict[str, Any]:
    """``bulletin_dict`` and, added: the day of what was known, the filing cycle's
    finality, the period before and the change against it."""
    out = bulletin_dict(b)
    out["known_as_of"] = (b.known or b.as_of).isoformat()
    out["previous_period"] = b.previous or None
    out["filing"] = {"cycle": _cycle(b.overdue.cycle), "final": b.filing_final, "owed": b.overdue.owed,
                     "late": len(b.overdue.late_targets)}
    out["document"] = {"issuer": b.doc.issuer, "number": b.doc.number, "title": b.doc.title}
    out["change"] = diff_dict(b.change) if b.change is not None else None
    return out


def bulletin_full_csv(b: Bulletin) -> tuple[list[str], list[list[Any]]]:
    """``bulletin_csv`` with three columns added: the state and 完成率 the period before
    and the change in percentage points (较上期)."""
    keys, rows = bulletin_csv(b)
    changes = {c.target.id: c for c in b.change.rows} if b.change is not None else {}
    at = keys.index("id")
    for row in rows:
        c = changes.get(row[at])
        row += ([c.before.state.value, json_number(c.before.percent, _TWO), json_number(c.percent_change, _TWO)]
                if c is not None else [None, None, None])
    return keys + ["state_before", "percent_before", "percent_change_pp"], rows


def _titles_for_ids(b: Bulletin, sheets: list[Sheet], lang: str, ids: bool) -> None:
    """In Chinese, the id columns of the report sheets go (the title is beside them) unless
    ids are asked for, and lists of ids become lists of titles."""
    id_head = word("id", lang)
    by_id = b.status.catalogue.by_id()
    for sh in sheets:
        if id_head not in sh.header:
            continue
        j = sh.header.index(id_head)
        if j == len(sh.header) - 1:  # a list of ids (the late filers by department)
            for row in sh.rows:
                names = [by_id[i] for i in row[j].split("、") if i in by_id]
                if names:
                    row[j] = "、".join(target_name(t, lang, ids) for t in names)
            sh.header[j] = word("title", lang)
            continue
        if ids:
            continue
        sh.header.pop(j)
        for row in sh.rows:
            row.pop(j)
        for vals in sh.values:
            if len(vals) > j:
                vals.pop(j)
        sh.wrap = tuple(k - (k > j) for k in sh.wrap if k != j)
        sh.stack = tuple(k - (k > j) for k in sh.stack if k != j)
        sh.into -= sh.into > j


def bulletin_full_sheets(b: Bulletin, lang: str, ids: bool = False) -> list[Sheet]:
    """``bulletin_sheets`` with titles for ids in Chinese, amounts owed in whole things,
    the summary counted as the rows are, and the change against the period before."""
    sheets = bulletin_sheets(b, lang)
    lag_title = word("laggards", lang)
    owed = word("gap_unit", lang)
    for sh in sheets:
        if sh.title == lag_title and owed in sh.header:
            j = sh.header.index(owed)
            for row, s in zip(sh.rows, b.laggards.rows):  # gaps_sheets has a row per laggard, in order
                row[j] = owed_text(s.gap_to_expected, s.target.unit)
            sh.note = ("；" if lang == "zh" else "; ").join(x for x in (sh.note, COUNT_NOTE[lang != "zh"]) if x)
    if lang == "zh":
        _titles_for_ids(b, sheets, lang, ids)
    if b.change is not None:
        prev = b.previous
        title = f"较上期变化（{prev} → {b.period}）" if lang == "zh" else f"Change since {prev}"
        extra = diff_sheets(b.change, lang, ids, title)
        extra[0].name = word("diff_title", lang)
        at = next((i for i, sh in enumerate(sheets) if sh.title == lag_title), len(sheets))
        sheets[at:at] = extra
    return sheets


def diff_report_name(ids: bool) -> str:
    """The name ``diff`` is registered under in ``REPORTS`` (with or without ids)."""
    return "diff+ids" if ids else "diff"


def bulletin_report_name(ids: bool) -> str:
    return "bulletin+change+ids" if ids else "bulletin+change"


for _ids in (False, True):
    REPORTS[diff_report_name(_ids)] = (diff_dict, diff_csv, partial(diff_sheets, ids=_ids))
    REPORTS[bulletin_report_name(_ids)] = (bulletin_full_dict, bulletin_full_csv,
                                           partial(bulletin_full_sheets, ids=_ids))
