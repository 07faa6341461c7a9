"""Words the user reads: state names, column headers, in Chinese or English."""

from __future__ import annotations

from ..langs import detect_lang, os_language
from ..model import Kind, State

__all__ = ["detect_lang", "os_language", "state_label", "STATE_STYLE", "word", "kind_label", "csv_header"]


_STATES = {
    State.DONE: ("已完成", "done"),
    State.AHEAD: ("超进度", "ahead"),
    State.ON_TRACK: ("达进度", "on track"),
    State.BEHIND: ("欠进度", "behind"),
    State.FAR_BEHIND: ("严重滞后", "far behind"),
    State.OVERDUE: ("逾期未完成", "overdue"),
    State.NO_DATA: ("未报进度", "no data"),
    State.NEEDS_BASELINE: ("缺上年基数", "needs baseline"),
    State.NEEDS_TARGET: ("待下达目标", "needs target"),
    State.BREACHED: ("突破上限", "breached"),
}

STATE_STYLE = {
    State.DONE: "bold green",
    State.AHEAD: "green",
    State.ON_TRACK: "green",
    State.BEHIND: "yellow",
    State.FAR_BEHIND: "bold red",
    State.OVERDUE: "bold white on red",
    State.NO_DATA: "dim",
    State.NEEDS_BASELINE: "magenta",
    State.NEEDS_TARGET: "magenta",
    State.BREACHED: "bold red",
}

# traffic light words for plain text (survive without colour)
STATE_LIGHT = {
    State.DONE: "●",
    State.AHEAD: "●",
    State.ON_TRACK: "●",
    State.BEHIND: "▲",
    State.FAR_BEHIND: "■",
    State.OVERDUE: "■",
    State.NO_DATA: "○",
    State.NEEDS_BASELINE: "○",
    State.NEEDS_TARGET: "○",
    State.BREACHED: "■",
}


def state_label(state: State, lang: str) -> str:
    zh, en = _STATES[state]
    return zh if lang == "zh" else en


_KINDS = {
    Kind.AMOUNT: ("累计量", "amount"),
    Kind.LEVEL: ("保持水平", "level"),
    Kind.GROWTH: ("增速", "growth"),
    Kind.RELATIVE: ("较上年", "relative"),
    Kind.MILESTONE: ("里程碑", "milestone"),
    Kind.DECREASE: ("下降/减少", "decrease"),
    Kind.POINTS: ("百分点变化", "change in points"),
    Kind.RELATION: ("对照另一目标", "relation"),
}


def kind_label(kind: Kind, lang: str) -> str:
    zh, en = _KINDS[kind]
    return zh if lang == "zh" else en


_WORDS: dict[str, tuple[str, str]] = {
    "id": ("编号", "id"),
    "title": ("目标任务", "title"),
    "owner": ("牵头单位", "owner"),
    "co_owners": ("责任单位", "co-owners"),
    "target": ("年度目标", "target"),
    "actual": ("累计完成", "actual"),
    "percent": ("完成率", "done %"),
    "expected": ("序时进度", "expected"),
    "gap_pp": ("进度差", "gap (pp)"),
    "state": ("状态", "state"),
    "due": ("完成时限", "due"),
    "section": ("章节", "section"),
    "source": ("报告原文", "report text"),
    "kind": ("类型", "kind"),
    "stage": ("阶段", "stage"),
    "schedule": ("分期计划", "schedule"),
    "date": ("日期", "date"),
    "value": ("数值", "value"),
    "basis": ("口径", "basis"),
    "running": ("累计", "running total"),
    "by": ("填报人", "by"),
    "note": ("备注", "note"),
    "entry": ("记录", "entry"),
    "projects": ("具体项目", "projects"),
    "stretch": ("力争", "stretch"),
    "parent": ("上级目标", "parent"),
    "baseline": ("上年基数", "baseline"),
    "missing": ("缺失", "missing"),
    "as_of": ("截至", "as of"),
    "summary": ("合计", "summary"),
    "targets": ("项目标", "targets"),
    "history": ("填报记录", "history"),
    "no_entries": ("暂无填报记录", "no entries yet"),
    "replaced": ("已被更正", "replaced"),
    "replaces": ("更正", "replaces"),
    "total": ("累计", "total"),
    "add": ("增量", "add"),
    "source_doc": ("来源", "source"),
    "mention": ("数字", "number"),
    "line": ("行", "line"),
    "covered_by": ("对应目标", "covered by"),
    "excused": ("非目标", "not a commitment"),
    "uncovered": ("未覆盖", "NOT COVERED"),
    "file": ("文件", "file"),
    "code": ("代码", "code"),
    "message": ("说明", "message"),
    "year_inferred": ("年度为推定", "year inferred"),
    # reports and the bulletin (issue 4)
    "gap_unit": ("欠序时量", "short of pace by"),
    "days_overdue": ("逾期天数", "days overdue"),
    "last_filed": ("最近填报", "last filed"),
    "cycle": ("报送期", "cycle"),
    "filing_deadline": ("报送截止", "filing deadline"),
    "owed": ("应报", "owed"),
    "not_filed": ("未报", "not filed"),
    "filed_nothing": ("全部未报", "filed nothing"),
    "year_projection": ("全年速度预计", "proj. (year pace)"),
    "recent_projection": ("近三期预计", "proj. (last 3)"),
    "reached_on": ("预计达成", "reached on"),
    "at_risk": ("有风险", "at risk"),
    "targets_led": ("牵头目标", "targets"),
    "avg_percent": ("平均完成率", "avg done %"),
    "avg_expected": ("平均序时进度", "avg expected"),
    "avg_gap": ("平均进度差", "avg gap (pp)"),
    "late_filings": ("逾期未报次数", "late filings"),
    "late_now": ("本期未报", "late now"),
    "behind_at": ("滞后期次", "behind at"),
    "run": ("连续滞后", "in a row"),
    "rank": ("序号", "no."),
    "laggards": ("进度滞后", "Laggards"),
    "snails": ("蜗牛榜", "Snails"),
    "late_filers": ("逾期未报", "Late filers"),
    "deadlines_passed": ("逾期未完成", "Deadlines passed, unmet"),
    "bulletin": ("进度通报", "Progress bulletin"),
    "department": ("单位", "department"),
    "gaps_title": ("滞后于序时进度的目标", "Targets behind 序时进度"),
    "forecast_title": ("按当前进度预计年末完成情况", "Forecast at the due date at the current pace"),
    "owners_title": ("牵头单位目标进度评分", "Scorecard by lead department"),
    "snails_title": ("蜗牛榜", "Snails (蜗牛榜)"),
    "overdue_title": ("逾期未完成与逾期未报", "Overdue targets and late filings"),
    "sum_total": ("目标总数", "targets"),
    "sum_done": ("已完成", "done"),
    "sum_on_pace": ("达进度", "on pace"),
    "sum_behind": ("欠进度", "behind"),
    "sum_overdue": ("逾期", "overdue"),
    "sum_no_data": ("未报进度", "no data"),
    "sum_needs_baseline": ("缺上年基数", "needs baseline"),
    "sum_breached": ("突破上限", "cap breached"),
    "sum_needs_target": ("待下达目标", "target not yet set"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "none_found": ("无", "none"),
    "period": ("通报期", "period"),
    "method": ("算法", "method"),
    "no_cycle_yet": ("尚无到期的报送期", "no reporting cycle due yet"),
    "chart_expected": ("序时进度线", "expected"),
    "chart_actual": ("累计完成", "actual"),
    "chart_target": ("年度目标", "target"),
    "states": ("状态分布", "states"),
    # the bulletin as a document, diff (issue 13: bulletin/diff helper)
    "sum_far_behind": ("严重滞后", "far behind"),
    "diff_title": ("较上期", "Change"),
    "diff_changed": ("状态有变化的目标", "Targets whose state changed"),
    "diff_before": ("上期状态", "before"),
    "diff_after": ("本期状态", "now"),
    "diff_pct_before": ("上期完成率", "done % before"),
    "diff_pct_after": ("本期完成率", "done % now"),
    "diff_pp": ("变化（百分点）", "change (pp)"),
    "diff_change": ("变化", "change"),
    "diff_late": ("报送变化", "filing"),
    "diff_late_title": ("报送情况变化", "Filings: new and cleared"),
    "diff_late_new": ("新增未报", "newly late"),
    "diff_late_cleared": ("已补报", "cleared"),
    # kinds, owners and ids of real reports (issue 11, wt-11 kinds)
    "co_targets": ("配合目标", "co-owned"),
    "role_lead": ("牵头", "lead"),
    "role_co": ("配合", "co"),
    "leader": ("责任领导", "leader"),
    "owners_all": ("牵头单位", "lead departments"),
    "no_col": ("序号", "no."),
    "set_by": ("目标下达", "set by"),
    "relation_to": ("对照目标", "judged against"),
    "tolerance": ("允许偏差", "tolerance"),
    "cap_used": ("已用上限", "of the cap"),
}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return zh if lang == "zh" else en


# CSV column names under --lang zh (issue 13): the keys of the JSON and CSV contracts
_CSV_HEADERS: dict[str, str] = {
    "id": "编号", "title": "目标任务", "section": "章节", "owner": "牵头单位", "kind": "类型",
    "comparator": "比较方式", "target": "年度目标", "unit": "计量单位", "actual": "累计完成", "stage": "阶段",
    "percent": "完成率(%)", "expected_percent": "序时进度(%)", "gap_pp": "进度差(百分点)", "state": "状态代码",
    "state_label": "状态", "due": "完成时限", "source": "报告原文", "gap_to_expected": "欠序时量",
    "finding": "类别", "days_overdue": "逾期天数", "cycle": "报送期", "filing_deadline": "报送截止",
    "last_date": "最近填报", "method": "算法", "current": "当前累计", "year_projection": "全年速度预计",
    "recent_projection": "近三期预计", "reached_on": "预计达成日期", "at_risk": "有风险", "targets": "牵头目标数",
    "average_percent": "平均完成率(%)", "average_expected": "平均序时进度(%)", "average_gap_pp": "平均进度差(百分点)",
    "late_filings": "逾期未报次数", "late_now": "本期未报", "run": "连续滞后期数", "behind_total": "累计滞后期数",
    "cycles": "滞后期次", "co_owners": "责任单位", "date": "日期", "value": "数值", "basis": "口径",
    "by": "填报人", "note": "备注", "entry": "记录编号", "replaces": "更正", "line": "行", "code": "代码",
    "message": "说明", "file": "文件", "period": "通报期", "previous": "上期", "change": "变化",
    "from_state": "上期状态", "to_state": "本期状态", "percent_change": "完成率变化(百分点)",
    # diff and the bulletin's 较上期 columns (issue 13: bulletin/diff helper)
    "state_before": "上期状态代码", "state_after": "本期状态代码", "percent_before": "上期完成率(%)",
    "percent_after": "本期完成率(%)", "percent_change_pp": "完成率变化(百分点)", "late_before": "上期未报",
    "late_after": "本期未报",
    # owners as offices assign them (issue 11)
    "owners": "牵头单位（全部）", "leader": "责任领导", "no": "序号", "role": "本单位职责", "co_targets": "配合目标数",
}


def csv_header(key: str, lang: str) -> str:
    """A CSV column's name: the key in English, its Chinese name under zh (a state key
    becomes the state's word; an unknown key stays as it is)."""
    if lang != "zh":
        return key
    if key in _CSV_HEADERS:
        return _CSV_HEADERS[key]
    try:
        return state_label(State(key), lang)
    except ValueError:
        return key
