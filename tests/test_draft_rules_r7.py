"""Rules of report language added after the round-7 material (tests/material/README.md): datelines,
item numbers written 01, dates naming events, versions, counts of a list, slogans counting their
parts, names of sessions, 市级, works ending 贯通/完工, facilities named with a plain verb, 种 and 万
before a noun of persons. The sentences are the material's own unless said."""

from __future__ import annotations

from decimal import Decimal

from conftest import checked_draft
from worktargets import forms
from worktargets.draft.source import normalise_text
from worktargets.draft.text import milestone_stage, read_report
from worktargets.quantity import parse_unit


def _checked(text: str, year: int = 2025):  # type: ignore[no-untyped-def]
    return checked_draft(text, year)


def _excused(draft, words: str, reason: str | None = None) -> bool:  # type: ignore[no-untyped-def]
    return any(words in e.text and not e.unsure and (reason is None or e.reason == forms.REASONS[reason][0])
               for e in draft.excuses)


def test_a_dateline_is_a_date_and_its_clock_time_no_clause_break() -> None:
    """重庆 (华龙网): the news item's dateline, then the count of the list it gives (15件重点民生实事)."""
    text = ("2025年重庆将接续办好15件重点民生实事\n2025-01-19 10:47:47 来源: 第1眼TV-华龙网\n"
            "今年,重庆将突出“民呼我为”,聚焦“急难愁盼”,接续办好15件重点民生实事。具体包括:\n"
            "加装农村公路安全护栏4000公里。\n")
    draft = _checked(text)
    assert [t.target for t in draft.targets] == ["4000公里"]
    for words in ("01", "19", "10", "47"):  # every number of 2025-01-19 10:47:47
        assert _excused(draft, words, "date"), words
    assert _excused(draft, "15件", "parts")
    assert forms.is_not_commitment("2025-01-19 10:47:47 来源", (14, 16)) == "date"
    assert forms.is_not_commitment("会议于10:30开始", (5, 7)) == "date"
    assert forms.is_not_commitment("规划16大项、36小项民生实事", (7, 9)) == "parts"  # 环翠 (folded)


def test_item_numbers_written_with_a_zero_on_their_own_line() -> None:
    """金凤 (▶ lines under 01, 02 …): the numbers are the items', the ▶ is a bullet, not the title's."""
    text = "01\n交通畅行 “顺心”实事\n▶新增公共停车位800个。\n02\n幸福宜居 “舒心”实事\n▶改造老旧小区20个。\n"
    draft = _checked(text)
    assert [(t.target, t.title) for t in draft.targets] == [("800个", "新增公共停车位"), ("20个", "改造老旧小区")]
    assert _excused(draft, "01", "list-number") and _excused(draft, "02", "list-number")
    assert forms.is_not_commitment("新增公共停车位800个", (7, 10)) is None
    assert forms.is_not_commitment("2024\n", (0, 4)) != "list-number"  # a year alone on its line is a year


def test_a_month_and_day_naming_an_event_and_a_version_are_no_figures() -> None:
    """环翠: 组织开展5·23歌咏会; 安徽: 实施零基预算改革2.0版 (营商环境7.0版 the same)."""
    draft = _checked("采购流通图书、报刊杂志200种以上,组织开展5·23歌咏会、沙滩音乐节、百姓春晚等文化活动。"
                     "实施零基预算改革2.0版,推动改革纵向向市县延伸。\n")
    assert [(t.target, t.comparator) for t in draft.targets] == [("200种", "ge")]
    assert _excused(draft, "23歌咏会", "date") and _excused(draft, "2.0版", "name")
    assert forms.is_not_commitment("组织开展5·23歌咏会", (4, 5)) == "date"
    assert forms.is_not_commitment("城镇新增就业6.9万人以上", (6, 9)) is None  # a decimal before 万人 stays a figure
    assert parse_unit("种").family == "种"


def test_a_work_counted_after_huimin_is_the_work_not_who_benefits() -> None:
    """金凤: 惠民演出300场 counts performances; 涉县's 惠及17个乡镇 still says who benefits."""
    draft = _checked("开展“文化金凤·四季欢歌”惠民演出300场。\n")
    assert [(t.target, t.kind) for t in draft.targets] == [("300场", "amount")]
    assert forms.is_not_commitment("惠及17个乡镇", (2, 4)) == "beneficiary"
    assert forms.is_not_commitment("惠民群众5万人", (4, 5)) == "beneficiary"


def test_slogans_counting_their_parts_and_names_of_sessions() -> None:
    """咸丰: “一二三四六”, “一轴两圈四横四纵六支六联”; 霞山: 全国两会, “百千万工程”; 红桥: 市委十二届历次全会;
    安徽: 总数均居全国第一方阵."""
    text = ("推动“一二三四六”对外交通体系与“一轴两圈四横四纵六支六联”内联交通体系落地。\n"
            "认真贯彻全国两会精神,以及省两会精神。加力提速实施“百千万工程”。按照市委十二届历次全会部署。"
            "总数均居全国第一方阵。加快“四链”融合、实数融合、两业融合。\n")
    draft = read_report(normalise_text(text), 2025)
    assert draft.targets == []
    for words in ("一二三四六", "六支六联", "两会精神", "百千万", "十二届历次", "一方阵", "两业融合"):  # (两会精神: both places)
        assert _excused(draft, words), words
    assert forms.is_not_commitment("推动“一轴两圈四横四纵六支六联”内联交通体系", (13, 15)) == "name"
    assert forms.is_not_commitment("新建“口袋公园”5个", (9, 10)) is None  # an Arabic count after a quoted name stays


def test_the_level_above_said_with_ji() -> None:
    """红桥: 节能减排降碳完成市级下达目标任务 (the figure is the city's)."""
    assert forms.set_elsewhere("节能减排降碳完成市级下达目标任务") == (6, 16)
    draft = _checked("居民收入增长与经济增长基本同步,节能减排降碳完成市级下达目标任务。\n")
    assert [t.set_by for t in draft.targets if t.set_by] != []


def test_a_road_named_first_its_year_and_its_end_last() -> None:
    """咸丰: 力争利咸高速2026年建成通车,242国道忠堡绕镇公路2026年全面贯通,351国道2027年完工."""
    draft = _checked("聚焦利咸高速、351国道、242国道忠堡绕镇公路等关键项目,实行倒排工期、挂图作战,力争利咸高速2026年建成通车,"
                     "242国道忠堡绕镇公路2026年全面贯通,351国道2027年完工。\n", 2026)
    ms = [t for t in draft.targets if t.kind == "milestone"]
    assert [t.source for t in ms] == ["力争利咸高速2026年建成通车", "242国道忠堡绕镇公路2026年全面贯通", "351国道2027年完工"]
    from datetime import date
    assert [t.due for t in ms] == [date(2026, 12, 31), date(2026, 12, 31), None]  # each its own year
    assert ms[2].unsure and "2027" in ms[2].unsure[0]  # a later year: tracked to the plan year's end, to check
    assert milestone_stage("351国道2027年完工") == "建成"
    assert milestone_stage("242国道忠堡绕镇公路2026年全面贯通") == "通车"


def test_a_facility_named_with_a_plain_verb_is_a_deliverable() -> None:
    """金凤's 实事: 建设…卫生室, 提升改造…体育设施, 智慧化改造…绿道, 开设…夜校; 加快/推进… before the verb
    is the work going on (no milestone), as before."""
    for clause, stage in (("建设和顺新村标准化卫生室", "建成"), ("提升改造森林公园、毓秀公园、宝湖公园体育设施", "完成"),
                          ("智慧化改造环阅海湖绿道", "完成"), ("开设“灯火万家”青年夜校", "投运")):
        assert milestone_stage(clause) == stage, clause
    for clause in ("推进县域医共体审方中心建设", "加快建设城市公园", "持续改造提升农贸市场", "开设绿色通道"):
        assert milestone_stage(clause) is None, clause
    draft = _checked("▶新建金凤区第二十三小学、二十八小学,投用金凤区第二十五小学。\n▶建设和顺新村标准化卫生室。\n")
    assert [(t.kind, t.title) for t in draft.targets] == [
        ("milestone", "新建金凤区第二十三小学"), ("milestone", "新建二十八小学"),  # one build verb, two schools
        ("milestone", "投用金凤区第二十五小学"), ("milestone", "建设和顺新村标准化卫生室")]
    (one,) = _checked("新建界牌中学教学楼、操场。\n").targets  # 操场 names no facility of its own: one entry
    assert one.kind == "milestone"


def test_wan_before_a_noun_of_persons_counts_persons() -> None:
    """重庆: 为200万中小学生开展心理健康测评 (人 unsaid after 万); 5万人次 keeps its own unit."""
    (f,) = forms.find_figures("为200万中小学生开展心理健康测评")
    assert (f.value, f.unit) == (Decimal(200), "万人")
    assert forms.find_figures("提供托管服务12万人次以上")[0].unit == "万人次"
    assert forms.find_figures("总投资3万元")[0].unit == "万元"
    (t,) = _checked("为200万中小学生开展心理健康测评。\n").targets
    assert (t.target, t.comparator) == ("200万人", "ge")
