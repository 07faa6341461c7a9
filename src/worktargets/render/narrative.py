"""The bulletin in words: a few paragraphs that say what its tables say, in Chinese or English.

Every number in the text is taken from the same values the tables show (the states of
``status``, the laggards of ``gaps``, the snails, the period's late filers, the change
against the period before), so they cannot disagree. Amounts of things that are counted
(个, 家, 户, 人…) are whole numbers: what is owed is rounded up, a projection down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ..model import State, Target
from ..quantity import QuantityError, format_number, parse_unit
from ..reports.bulletin import Bulletin
from ..reports.diff import DiffReport
from ..status import TELLING_ORDER, TargetStatus
from .common import num, pct
from .escape import printable
from .words import state_label

__all__ = ["Para", "narrative", "counts_things", "whole_owed", "whole_projection", "owed_text",
           "projection_text", "cn_date", "en_date", "period_words", "target_name", "NARRATIVE_STATES", "COUNT_NOTE"]

# the states in the order the text names them
NARRATIVE_STATES: tuple[State, ...] = TELLING_ORDER

COUNT_NOTE = ("以个、家、户、人等计数的指标，欠序时量向上取整、预计数向下取整，按整数列示。",
              "Targets counted in whole things (个, 家, 户, 人…) show what is owed rounded up and projections "
              "rounded down, as whole numbers.")


def _unit_factor(unit: str) -> Decimal | None:
    """How many of the counted things one ``unit`` is (万户: 10000); None: not a count."""
    try:
        u = parse_unit(unit)
    except QuantityError:
        return None  # not a unit in force: no rounding
    return u.factor if u.counts else None


def counts_things(unit: str | None) -> bool:
    """Whether ``unit`` counts whole things (个, 家, 户, 座, 人, 万头…)."""
    return bool(unit) and _unit_factor(unit or "") is not None


def _whole(value: Decimal, unit: str | None, rounding: str) -> Decimal:
    factor = _unit_factor(unit or "") if unit else None
    if factor is None:
        return value
    return (value * factor).to_integral_value(rounding) / factor


def whole_owed(value: Decimal, unit: str | None) -> Decimal:
    """What is owed, rounded up to whole things when the unit counts things."""
    return _whole(value, unit, ROUND_CEILING)


def whole_projection(value: Decimal, unit: str | None) -> Decimal:
    """A projection, rounded down to whole things when the unit counts things."""
    return _whole(value, unit, ROUND_FLOOR)


def owed_text(value: Decimal | None, unit: str | None) -> str:
    """"6家" for 5.5 companies owed; other units as ``num`` shows them."""
    return "—" if value is None else num(whole_owed(value, unit), unit)


def projection_text(value: Decimal | None, unit: str | None) -> str:
    return "—" if value is None else num(whole_projection(value, unit), unit)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def en_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def target_name(t: Target, lang: str, ids: bool = False) -> str:
    """A target as the text names it: its title, with its id when asked for."""
    if ids:
        return f"{t.title}（{t.id}）" if lang == "zh" else f"{t.title} ({t.id})"
    return t.title


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: ``kind`` is "h1" (a heading), "p" (body) or "note"."""

    kind: str
    text: str


def _join(items: list[str], lang: str) -> str:
    if lang == "zh":  # a title with 、 in it would read as two: then ； between them
        return ("；" if any("、" in i for i in items) else "、").join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return "; ".join(items[:-1]) + "; and " + items[-1]


def _n(n: int, lang: str) -> str:
    return f"{n}项" if lang == "zh" else f"{n}"


def _gap_words(s: TargetStatus, lang: str) -> str:
    gap = s.gap_pp
    if lang == "zh":
        bits = [s.target.owner, f"完成率{pct(s.percent)}"]
        if gap is not None:
            bits.append(f"低于序时进度{format_number(gap.quantize(Decimal('0.1')))}个百分点")
        return "，".join(bits)
    bits = [s.target.owner, f"{pct(s.percent)} done"]
    if gap is not None:
        bits.append(f"{format_number(gap.quantize(Decimal('0.1')))} points behind 序时进度")
    return ", ".join(bits)


def _overview(b: Bulletin, lang: str) -> str:
    counts = b.status.counts()
    total = len(b.status.rows)
    parts = [(st, counts[st]) for st in NARRATIVE_STATES if counts.get(st)]
    if lang == "zh":
        body = "，".join(f"{state_label(st, lang)}{n}项" for st, n in parts)
        return f"截至{cn_date(b.as_of)}，{b.plan.title}共{total}项目标任务：{body}。"
    body = ", ".join(f"{n} {state_label(st, lang)}" for st, n in parts)
    return f"As of {en_date(b.as_of)}, {b.plan.title} has {total} targets: {body}."


def _state_list(b: Bulletin, state: State, lang: str, ids: bool, detail: bool) -> str | None:
    rows = b.rows_in(state)
    if not rows:
        return None
    if detail:
        names = [f"{target_name(s.target, lang, ids)}（{_gap_words(s, lang)}）" if lang == "zh" else
                 f"{target_name(s.target, lang, ids)} ({_gap_words(s, lang)})" for s in rows]
    else:
        names = [f"{target_name(s.target, lang, ids)}（{s.target.owner}）" if lang == "zh" else
                 f"{target_name(s.target, lang, ids)} ({s.target.owner})" for s in rows]
    label = state_label(state, lang)
    if lang == "zh":
        return f"{label}的{len(rows)}项：{_join(names, lang)}。"
    return f"The {len(rows)} {label}: {_join(names, lang)}."


def _snails(b: Bulletin, lang: str, ids: bool) -> str:
    sn = b.snails
    if not sn.rows:
        return (f"本期没有连续{sn.k}个月及以上滞后于序时进度的“蜗牛”项目。" if lang == "zh" else
                f"No target has been behind 序时进度 at {sn.k} or more month-ends in a row (no snails, 蜗牛).")
    if lang == "zh":
        names = [f"{target_name(r.latest.target, lang, ids)}（{r.latest.target.owner}，连续{len(r.run)}个月）"
                 for r in sn.rows]
        return f"连续{sn.k}个月及以上滞后于序时进度的“蜗牛”项目{len(sn.rows)}项：{_join(names, lang)}。"
    names = [f"{target_name(r.latest.target, lang, ids)} ({r.latest.target.owner}, {len(r.run)} months running)"
             for r in sn.rows]
    return f"{len(sn.rows)} snails (蜗牛), behind 序时进度 at {sn.k} or more month-ends in a row: {_join(names, lang)}."


def period_words(label: str, lang: str) -> str:
    """"2022年6月" / "June 2022" for a period label "2022-06" ("2022-Q2": a quarter)."""
    if "-Q" in label:
        y, q = label.split("-Q")
        return f"{y}年第{q}季度" if lang == "zh" else f"Q{q} {y}"
    y, m = label.split("-")
    return f"{y}年{int(m)}月" if lang == "zh" else date(int(y), int(m), 1).strftime("%B %Y")


def _filings(b: Bulletin, lang: str, ids: bool) -> str:
    od = b.overdue
    c = od.cycle
    if c is None:
        return "本期尚无应报送的进度。" if lang == "zh" else "No filing was due yet."
    late = len(od.late_targets)
    final = b.filing_final
    if lang == "zh":
        head = f"{period_words(c.label, lang)}进度应报{od.owed}项，报送截止日为{cn_date(c.deadline)}。"
        if not late:
            return head + "各单位均已按时报送。"
        what = "逾期未报" if final else f"截至{cn_date(b.known or b.as_of)}尚未报送"
        depts = []
        for d in od.late_departments:
            titles = [target_name(b.target(i), lang, ids) for i in d.missing]
            depts.append(f"{d.owner}{len(d.missing)}项（{_join(titles, lang)}）" + ("，全部未报" if d.filed_nothing else ""))
        return head + f"{what}{late}项，涉及{len(od.late_departments)}个单位：{'；'.join(depts)}。"
    head = f"{od.owed} targets owed a filing for {period_words(c.label, lang)}, due on {en_date(c.deadline)}. "
    if not late:
        return head + "Every department filed on time."
    what = "filed late (逾期未报)" if final else f"had not filed by {en_date(b.known or b.as_of)}"
    depts = []
    for d in od.late_departments:
        titles = [target_name(b.target(i), lang, ids) for i in d.missing]
        depts.append(f"{d.owner}: {len(d.missing)} ({', '.join(titles)})" + (", nothing filed" if d.filed_nothing else ""))
    return head + f"{late} {what}, from {len(od.late_departments)} departments: {'; '.join(depts)}."


_CHANGE_ZH = {"newly_done": "新完成", "newly_behind": "新转为滞后", "worse": "滞后加重", "recovered": "恢复正常进度",
              "better": "滞后减轻"}
_CHANGE_EN = {"newly_done": "newly done", "newly_behind": "newly behind", "worse": "worse", "recovered": "recovered",
              "better": "less behind"}


def _changes(b: Bulletin, ch: DiffReport, lang: str, ids: bool) -> str:
    prev = period_words(b.previous, lang)
    parts = []
    for kind, label in (_CHANGE_ZH if lang == "zh" else _CHANGE_EN).items():
        rows = ch.of_kind(kind)
        if rows:
            names = _join([target_name(c.target, lang, ids) for c in rows], lang)
            parts.append(f"{label}{len(rows)}项（{names}）" if lang == "zh" else f"{len(rows)} {label} ({names})")
    late = []
    if ch.late_new:
        late.append(f"新增未报{len(ch.late_new)}项" if lang == "zh" else f"{len(ch.late_new)} newly without a filing")
    if ch.late_cleared:
        late.append(f"上期未报、本期已报{len(ch.late_cleared)}项" if lang == "zh" else
                    f"{len(ch.late_cleared)} that missed the last filing filed this time")
    if lang == "zh":
        text = f"与上期（{prev}末）相比：" + ("；".join(parts) if parts else "各项目标状态没有变化")
        return text + ("；" + "，".join(late) if late else "") + "。"
    text = f"Against the last period (end of {prev}): " + ("; ".join(parts) if parts else "no target changed state")
    return text + ("; " + ", ".join(late) if late else "") + "."


def _rules(b: Bulletin, lang: str) -> str:
    th = b.status.catalogue.settings.thresholds
    behind, far = format_number(th.behind_pp), format_number(th.far_behind_pp)
    if lang == "zh":
        lower = "完成率低于序时进度" + (f"超过{behind}个百分点" if th.behind_pp else "")
        return (f"说明：{lower}、差距不超过{far}个百分点的为欠进度（黄灯），差距超过{far}个百分点的为严重滞后（红灯）。"
                f"{COUNT_NOTE[0]}")
    lower = f"more than {behind} percentage points below 序时进度" if th.behind_pp else "below 序时进度"
    return (f"Note: {lower} by at most {far} points is behind (yellow); more than {far} points below is far "
            f"behind (red). {COUNT_NOTE[1]}")


def narrative(b: Bulletin, lang: str, ids: bool = False) -> list[Para]:
    """The bulletin's paragraphs, headings included, in ``lang``."""
    zh = lang == "zh"
    out = [Para("h1", "一、总体情况" if zh else "1. Overview"), Para("p", _overview(b, lang))]
    for state, detail in ((State.FAR_BEHIND, True), (State.BEHIND, False), (State.OVERDUE, True)):
        text = _state_list(b, state, lang, ids, detail)
        if text:
            out.append(Para("p", text))
    out.append(Para("h1", "二、蜗牛项目" if zh else "2. Snails (蜗牛)"))
    out.append(Para("p", _snails(b, lang, ids)))
    out.append(Para("h1", "三、进度报送情况" if zh else "3. Filings"))
    out.append(Para("p", _filings(b, lang, ids)))
    if b.change is not None:
        out.append(Para("h1", "四、较上期变化" if zh else "4. Change since the last period"))
        out.append(Para("p", _changes(b, b.change, lang, ids)))
    out.append(Para("note", _rules(b, lang)))
    return [Para(p.kind, printable(p.text)) for p in out]
