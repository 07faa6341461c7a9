"""The reading of deliverables (draft/deliverable.py) that replaced the phrase rules of rounds 6 and 7,
after the round-8 material (tests/material/README.md): an end word names the stage wherever it stands, a
start verb or a make verb with a named work, what makes a clause ongoing, vague or past; and the numbers
of round 8 that are no commitment (a count right after the names it counts, 件大事, 索引号, 总投资…的).
The sentences are the material's own unless said."""

from __future__ import annotations

import pytest

from conftest import checked_draft
from worktargets import forms
from worktargets.draft.deliverable import deliverable_tail, milestone_stage


def _checked(text: str, year: int = 2025):  # type: ignore[no-untyped-def]
    return checked_draft(text, year)


@pytest.mark.parametrize("clause, stage", [
    ("力争兴永郴赣铁路纳入国家建设规划", "纳入"),  # 永州: the object before the end word, the list after it
    ("207国道双牌至道县段等一批在建项目竣工通车", "通车"),  # 永州: the end words last
    ("推进东安至冷水滩快速通道等一批项目开工建设", "开工"),  # 永州: 推进 aims at the start, it does not undo it
    ("加快建成土桥子脊兽产业园", "建成"),  # 甘谷: 加快 urges the end word, which stands
    ("开工新建西环路", "开工"),  # 甘谷: the end word first, the work after it
    ("推动天欣纸业环保包装等项目达产达效", "投运"),  # 沁县 (round 6's 达产达效 rule, now an end word)
    ("独立运营丹阳市急救指挥中心", "投运"),  # 丹阳 (round 6's 独立运营 rule, now an end word)
    ("力捷迅亮丙瑞林微球年内完成产业化工艺验证并进入人体生物等效性试验", "验收"),  # 柘荣: an end word, then 并 a next step
])
def test_an_end_word_names_the_stage_wherever_it_stands(clause: str, stage: str) -> None:
    assert milestone_stage(clause) == stage


@pytest.mark.parametrize("clause", [
    "积极推动湘桂线电气化改造、洛湛铁路扩能改造工程早日开工",  # 永州: 早日, no date promised
    "目前已全面完工", "已全面完工",  # 九江's 进展 cell: done, the past
    "5月31日正式通车",  # 九江: a day's date without 前 reports an event
    "常态化开展项目会办、集中开工",  # 昆明: the words since the last 、 (集中) name no object
    "争取更多项目纳入国家和省规划",  # 昆明: 更多, no one work
    "及时识别纳入帮扶",  # a policy: 纳入 puts a work on a list or a plan
    "深化全国文明城市创建",  # 创建 as a noun: the work goes on
])
def test_no_deliverable_undated_past_objectless_or_ongoing(clause: str) -> None:
    assert milestone_stage(clause) is None


def test_a_day_with_qian_is_a_deadline_not_the_past() -> None:
    assert milestone_stage("6月30日前建成通车") == "通车"


@pytest.mark.parametrize("clause, stage", [
    ("完成柳湖片区黑臭水体治理", "完成"),  # 甘谷: 完成 and a work (…治理)
    ("完成湘江永州千吨级航道改造和祁阳、冷水滩、零陵3个千吨级码头项目前期", "完成"),  # 永州: …前期, two works of one verb
    ("改造提升新城路、像山路、渭川路、康庄东路", "完成"),  # 甘谷: a make verb, named roads
    ("将207国道双牌至零陵段作为一级公路进行改造", "完成"),  # 永州: 将…进行改造, the thing named first
    ("浔阳区武装部南侧道路项目", "建成"), ("九江市站前路延伸段立交工程", "建成"),  # 九江: a work named alone
])
def test_a_start_or_make_verb_with_a_named_work(clause: str, stage: str) -> None:
    assert milestone_stage(clause) == stage


@pytest.mark.parametrize("clause", [
    "更新改造城乡道路",  # 环翠: a class of works by kind and place, no one work
    "聚焦利咸高速、351国道、242国道忠堡绕镇公路等关键项目",  # 咸丰: …等 sums up the works named before
    "加快建设县医院迁建项目",  # 甘谷: a make verb governed by 加快, the work goes on
])
def test_no_named_work_or_work_going_on(clause: str) -> None:
    assert milestone_stage(clause) is None


def test_five_schools_share_one_end_word() -> None:
    """甘谷 (7): 确保…、…、…第六幼儿园秋季投入使用: each school its own deliverable, all opening this autumn."""
    assert deliverable_tail("第六幼儿园秋季投入使用") == "投入使用"
    draft = _checked("(7)确保六中新校区、三中初中部、新兴小学、第五幼儿园、第六幼儿园秋季投入使用。\n", 2020)
    ms = [t for t in draft.targets if t.kind == "milestone"]
    assert len(ms) == 5 and all(t.stages[-1] == "已投运" for t in ms)
    assert ms[0].title.startswith("六中新校区") and ms[0].title.endswith("投入使用")


def test_a_progress_cell_reports_the_past() -> None:
    """九江's 进展 cell: what is done is no target; the 项目内容 before it is."""
    draft = _checked("①浔阳区武装部南侧道路项目：东起天马小学。\n①浔阳区武装部南侧道路项目：已全面完工，5月31日正式通车。\n")
    assert [t.source for t in draft.targets if t.kind == "milestone"] == ["浔阳区武装部南侧道路项目"]


def test_a_count_right_after_the_names_it_counts() -> None:
    """永州: 祁阳、冷水滩、零陵3个千吨级码头: three names, then 3个: the count of the names, no target; the
    clause is the deliverable (完成…码头项目前期). A count that differs from the names' is a figure."""
    clause = "完成湘江永州千吨级航道改造和祁阳、冷水滩、零陵3个千吨级码头项目前期"
    assert forms.is_not_commitment(clause, (clause.index("3"), clause.index("3") + 1)) == "parts"
    other = "在祁阳、冷水滩新建5个码头"
    assert forms.is_not_commitment(other, (other.index("5"), other.index("5") + 1)) is None
    draft = _checked(clause + "。\n", 2018)
    assert [t.kind for t in draft.targets] == ["milestone"]


def test_numbers_of_a_news_item_and_a_page() -> None:
    """甘谷: 15件大事 counts the list, 总投资7.58亿元的… is the size of the work named after it, the page's
    索引号 is an index, each of its parts."""
    text = ("重点抓好15件大事和民生实事。\n(1)加快建设总投资7.58亿元的县医院迁建项目。\n"
            "(8)新建行政村公共厕所120座。\n索引号：20230425-095005-528\n")
    draft = _checked(text, 2020)
    assert [t.target for t in draft.targets] == ["120座"]
    reasons = {e.text: e.reason for e in draft.excuses if not e.unsure}
    assert any("15件" in k and v == forms.REASONS["parts"][0] for k, v in reasons.items())
    assert any("7.58亿元" in k and v == forms.REASONS["scale"][0] for k, v in reasons.items())
    assert sum(1 for k, v in reasons.items() if v == forms.REASONS["code"][0]) >= 1


@pytest.mark.parametrize("clause, stage", [  # the lexicon of end words and kinds of work, beyond the material (made up)
    ("县人民医院门诊楼主体封顶", "建成"), ("地铁3号线开通运营", "投运"), ("渔光互补光伏电站并网发电", "投运"),
    ("城区第二水厂通水", "投运"), ("政务服务平台上线运行", "投运"), ("安置小区交付使用", "投运"),
    ("县城污水处理厂提标改造项目", "建成"), ("建设城南污水处理站", "建成"), ("成立区国有资本投资运营公司", "完成"),
    ("综合管廊通过竣工验收", "验收"), ("河西片区棚户区改造全面完成", "完成"),
])
def test_more_end_words_and_kinds_of_work(clause: str, stage: str) -> None:
    assert milestone_stage(clause) == stage


@pytest.mark.parametrize("clause", ["开展线上线下招聘活动", "建设全国统一大市场", "打造区域消费中心城市"])
def test_words_that_only_look_like_end_words_or_works(clause: str) -> None:
    assert milestone_stage(clause) is None  # 上线 inside 线上线下; a market or a centre that is an aim


def test_the_size_or_capacity_in_a_works_name_is_no_figure() -> None:
    """投资N亿元的…, 年产N万吨…项目: the work's size in its name; the work is the deliverable (made up)."""
    for clause in ("投资5亿元的县人民医院门诊楼建成投用", "推动年产3万吨电池级碳酸锂项目建成投产"):
        at = clause.index("5") if "5" in clause else clause.index("3")
        assert forms.is_not_commitment(clause, (at, at + 1)) == "scale", clause
        assert [t.kind for t in _checked(clause + "。\n").targets] == ["milestone"], clause
    assert forms.is_not_commitment("全年新增产能年产3万吨", (9, 10)) is None  # a capacity to add is a figure
