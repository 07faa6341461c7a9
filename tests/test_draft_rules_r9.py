"""The list of named works (draft/deliverable.py rule 6), after the round-9 material (tests/material/README.md):
a clause whose 、 parts are each a named work is that many deliverables, even with no stage of its own; a list
reported done is the past. The sentences are the material's own unless said."""

from __future__ import annotations

import pytest

from conftest import checked_draft
from worktargets import forms
from worktargets.draft.deliverable import listed_in_past, listed_works
from worktargets.draft.source import normalise_text
from worktargets.draft.text import read_report

RUOQIANG = ("2026年若羌县十大民生实事项目为：高速公路通信信号“除盲”工程、农村污水处理厂提升改造项目、免费教育阶段住校生"
            "免费体检项目、农村农田水利渠系维护项目、自来水水质提升项目、城区道路改扩建项目、楼兰美食街建设项目、县城屠宰场"
            "建设项目、巴州若羌县中学(高中部)3#宿舍楼建设项目、若羌火车站加装电梯项目。\n")


def _checked(text: str, year: int = 2026):  # type: ignore[no-untyped-def]
    return checked_draft(text, year)


def test_a_list_after_wei_is_one_deliverable_a_work() -> None:
    """若羌: ten names after 为：, seven of them works (a make verb inside, or a 工程); the check-ups, the canals'
    upkeep and the water quality are services or aims, no deliverable; 3#宿舍楼's 3 is the building's name."""
    draft = _checked(RUOQIANG)
    ms = [t.source for t in draft.targets if t.kind == "milestone"]
    assert ms == ["高速公路通信信号“除盲”工程", "农村污水处理厂提升改造项目", "城区道路改扩建项目", "楼兰美食街建设项目",
                  "县城屠宰场建设项目", "巴州若羌县中学(高中部)3#宿舍楼建设项目", "若羌火车站加装电梯项目"]
    assert [t.kind for t in draft.targets] == ["milestone"] * 7  # no figure drafted from 3#
    clause = "巴州若羌县中学(高中部)3#宿舍楼建设项目"
    assert forms.is_not_commitment(clause, (clause.index("3"), clause.index("3") + 1)) == "name"


def test_a_list_after_baokuo_each_name_its_kinds_stage() -> None:
    """城中区 (folded to simplified): 领域2个，包括A、B; a building is 建成, a retrofit or repair 完成, a
    programme (提升, 提质, 示范) none."""
    found = {"包括春晖小学建设项目、观门街小学改扩建项目": ["建成", "建成"],
             "包括低氮锅炉改造项目、南川河支流莫家沟南侧甘家新村段生态修复项目": ["完成", "完成"],
             "包括老旧管网更新改造项目(一期)、社区基础设施提升项目、农村道路硬化项目": ["完成", "完成"],
             "包括创业就业提质项目、社区老年日间照料中心建设项目、公立基层医疗机构改革与高质量发展示范项目": ["建成"]}
    for clause, stages in found.items():
        assert [k for _x, _y, k in listed_works(clause)] == stages, clause
    draft = _checked("其中，教育惠民領域2個，包括春暉小學建設項目、觀門街小學改擴建項目。\n")
    assert [t.source for t in draft.targets if t.kind == "milestone"] == ["春暉小學建設項目", "觀門街小學改擴建項目"]
    assert all(t.stages[-1] == "已建成" for t in draft.targets if t.kind == "milestone")


@pytest.mark.parametrize("clause", [
    "包括教育、医疗、养老",  # fields, no names of works
    "春晖小学建设项目",  # one name: rules 1–3 read it alone
    "包括A小区、B小区等项目",  # …等 sums up
    "免费体检项目、创业就业提质项目",  # names, but none a work
    "加快春晖小学建设、观门街小学改扩建",  # parts that are no names (a verb of going on, no kind at the end)
])
def test_no_list_of_works(clause: str) -> None:
    assert listed_works(clause) == []


@pytest.mark.parametrize("lead, tail, year, past", [
    ("2026年若羌县十大民生实事项目为：", "", 2026, False),  # the list of this year's works
    ("今年计划建设的重点项目包括", "", 2026, False),
    ("", "均已建成投用", 2026, True),  # reported done (made up)
    ("2025年已建成的项目有", "", 2026, True),
    ("2025年实施的民生项目包括", "", 2026, True),  # an earlier year before the list (made up)
    ("去年启动了", "", 2026, True),
])
def test_a_list_promised_or_reported(lead: str, tail: str, year: int, past: bool) -> None:
    assert listed_in_past(lead, tail, year) is past


def test_a_list_reported_done_is_no_deliverable() -> None:
    """A sentence of the year past that names its works (made up, after 城中区's review sentence)."""
    for text in ("2025年实施的民生实事项目包括春晖小学建设项目、观门街小学改扩建项目，均已建成投用。\n",
                 "2026年的民生实事项目包括：春晖小学建设项目、观门街小学改扩建项目。2025年实施的项目包括：城区道路改扩建"
                 "项目、楼兰美食街建设项目。2026年的项目由县政府负责。\n"):
        draft = read_report(normalise_text(text), 2026)
        assert [t.source for t in draft.targets if t.kind == "milestone"] == (
            [] if text.startswith("2025") else ["春晖小学建设项目", "观门街小学改扩建项目"])


def test_a_count_said_right_before_the_names_it_counts() -> None:
    """城中区: 领域2个，包括A、B: the count of the names after it, as many as they are, no target; a count that
    differs from the names' is a figure (made up)."""
    clause = "教育惠民领域2个，包括春晖小学建设项目、观门街小学改扩建项目"
    assert forms.is_not_commitment(clause, (clause.index("2"), clause.index("2") + 1)) == "parts"
    other = "新建学校3所，包括春晖小学、观门街小学"
    assert forms.is_not_commitment(other, (other.index("3"), other.index("3") + 1)) is None
    draft = _checked("其中，教育惠民领域2个，包括春晖小学建设项目、观门街小学改扩建项目。\n")
    assert [t.kind for t in draft.targets] == ["milestone", "milestone"]
