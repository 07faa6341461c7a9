"""Rules added after the round-10 material (tests/material/README.md, "Round 10 after"). The sentences are short
ones of our own unless said; the material's texts are scored in tests/test_draft_material.py."""

from __future__ import annotations

from conftest import checked_draft
from worktargets import forms, reasons


def _checked(text: str, year: int = 2026):  # type: ignore[no-untyped-def]
    return checked_draft(text, year)


def test_a_short_numbered_line_with_a_promised_figure_is_an_item_not_a_heading() -> None:
    """一、… of under 60 characters with no 。 inside: a task when it holds a figure promised (天水's items)."""
    draft = _checked("东城区\n一、新建停车位800个，改造供水管网6公里。\n二、建设社区食堂3处。\n")
    assert [(t.no, t.target) for t in draft.targets] == [("一", "800个"), ("一", "6公里"), ("二", "3处")]


def test_a_numbered_sentence_opening_with_a_stage_is_a_deliverable() -> None:
    """三、启动…建设。: a sentence, its 一、 is no part of the work's name."""
    draft = _checked("西城区\n一、启动城北中学新校区建设。\n二、建成滨河路跨河大桥。\n")
    titles = [t.source for t in draft.targets if t.kind == "milestone"]
    assert len(titles) == 2 and not any(s.startswith(("一、", "二、")) for s in titles)


def test_a_numbered_heading_stays_a_heading() -> None:
    """一、主要目标 / 二、2025年工作回顾: no figure, no sentence: headings; the review's figures stay the past."""
    draft = _checked("一、主要目标\n地区生产总值增长6%左右。\n二、2025年工作回顾\n地区生产总值增长5.8%。\n")
    assert [(t.section, t.target) for t in draft.targets] == [("一、主要目标", "6%")]


def test_a_bare_hundred_or_thousand_before_wan_or_yi_is_one_of_it() -> None:
    """百万吨 is 100万吨, 突破百亿元 more than 100亿元, 千万元 1000万元: one reading (forms) for the drafter and for
    coverage, which finds the value in its source words as the drafter read it."""
    draft = _checked("全年粮食产量稳定在百万吨以上。\n地区生产总值突破百亿元。\n争取中央资金千万元。\n")
    assert [(t.target, t.comparator) for t in draft.targets] == [("100万吨", "ge"), ("100亿元", "gt"), ("1000万元", "ge")]
    assert forms.read_number("百万") == 1000000 and forms.read_number("千亿") == 100000000000


def test_a_bare_hundred_or_thousand_alone_is_no_number() -> None:
    """百姓, 千家万户, 百年: no 万 or 亿 after it, no figure."""
    assert forms.find_figures("惠及百姓千家万户，建设百年老校") == []
    assert forms.read_number("百") is None


def test_coverage_finds_a_chinese_numeral_value_in_its_source() -> None:
    """三所 (3所) and 百万吨 (100万吨): the value is in the source as written in Chinese numerals."""
    draft = _checked("新建幼儿园三所。\n蔬菜产量稳定在百万吨以上。\n")
    assert [t.target for t in draft.targets] == ["3所", "100万吨"]


def test_an_earlier_year_opening_the_sentence_tells_the_past() -> None:
    """此前…公布，2025年全市实现…: no review word, but the year before the plan year, before any word of the plan, is
    the sign; the figures are excused, not goals. A later year, or a plan word before the year, keeps the goal."""
    text = ("2026年政府工作报告\n据统计局公布，2025年全市实现生产总值512亿元，同比增长5%。\n"
            "2026年全市生产总值增长6%左右，新建学校6所。\n")
    draft = _checked(text, 2026)
    assert [t.target for t in draft.targets] == ["6%", "6所"]
    assert reasons.tense("2025年主要目标全面完成", 2026) == "review"
    assert reasons.tense("2025年主要目标全面完成") == "plan"  # no plan year given: as before
    assert reasons.tense("确保2025年建成", 2026) == "plan"  # the plan word before the year
    assert reasons.tense("2025年至2027年新建学校6所", 2026) != "review"  # a span of years reaching the plan


def test_a_news_item_of_an_event_held_is_the_past() -> None:
    """近日，…举行…开工仪式 / 本次签约项目… / 启动了…: what was done at the event, its counts and sizes no goals; the
    same words in traditional characters (舉行, 簽約) read the same."""
    text = ("日前，东城区举行重大项目集中签约仪式，签约项目12个，总投资30亿元。\n"
            "据悉，本次签约项目涵盖先进制造等领域。其中，智能装备产业园项目占地150亩。\n"
            "該區還啟動了老舊小區改造，改造小區8個。\n近日，西城區舉行項目簽約活動，簽約項目5個。\n"
            "2026年新建停车位500个。\n")
    draft = _checked(text, 2026)
    assert [t.target for t in draft.targets] == ["500个"]
    assert reasons.tense("力争年内举行项目签约活动，签约项目10个") == "plan"  # a plan word first: a goal


def test_a_choice_told_done_is_the_past() -> None:
    """…票决确定了十大实事 … 共征集意见建议80余条 从15项候选项目中选出10项: how the list was chosen, done (确定了, 选出了,
    征集了, 召开了 as 完成了); its counts are no goals."""
    draft = _checked("区人大代表票决确定了年度民生实事项目，共征集意见建议80余条，从15项候选项目中选出10项。\n"
                     "新建口袋公园4个。\n", 2026)
    assert [t.target for t in draft.targets] == ["4个"]
    assert reasons.tense("会议选出了12项实事") == "review"
