"""Owners as offices assign them, where a page ran a 分解表's cells together or spaced names out (issue 11;
tests/material/README.md, "Round 11, owners"). The examples are short ones of our own."""

from __future__ import annotations

from worktargets.draft.runs import owners_run, run_header_roles, unit_names
from worktargets.draft.source import normalise_text
from worktargets.draft.text import read_report
from worktargets.draft.words import person_names

ROLES = ["leader", "owner", "co"]


def test_units_split_at_the_ends_of_unit_names() -> None:
    """A run of unit names splits where names of real units end; a bracket after a name is its part."""
    assert unit_names("财政局开发区工业园(东区)各乡镇城投公司5新建")[0] == ["财政局", "开发区", "工业园(东区)", "各乡镇", "城投公司"]
    assert unit_names("西湖街道东湖街道")[0] == ["西湖街道", "东湖街道"]


def test_a_unit_word_that_only_ends_a_name_begins_none() -> None:
    """高新区管委会 is one unit (管委会 ends it), 县政府办公室 one (办公室 no name of its own)."""
    assert unit_names("高新区管委会县政府办公室区委宣传部")[0] == ["高新区管委会", "县政府办公室", "区委宣传部"]


def test_a_task_is_no_unit() -> None:
    """…城投公司推进老城区改造: the row's words after the units are no unit (推进…区)."""
    assert unit_names("交通局城投公司推进老城区改造")[0] == ["交通局", "城投公司"]


def test_leader_then_lead_then_co() -> None:
    """A person's name (3 characters, the common length), the lead (first unit), then the co-responsible."""
    owners, end, sure = owners_run("王建国交通局各乡镇城投公司2新建", ROLES)  # type: ignore[misc]
    assert owners == {"leader": ["王建国"], "owner": ["交通局"], "co": ["各乡镇", "城投公司"]} and end == 13
    assert sure


def test_a_known_unit_word_says_where_a_short_name_ends() -> None:
    """李明民政局…: 民政局 is a unit of its own, so the name is 李明 (not 李明民 + 政局)."""
    owners, _end, sure = owners_run("李明民政局各街道", ROLES)  # type: ignore[misc]
    assert owners["leader"] == ["李明"] and owners["owner"] == ["民政局"] and sure


def test_an_unsure_name_length_is_marked() -> None:
    """赵海林水务局 (水务 known: 赵海林) is sure; 周文华晋兴局 could be 周文 + 华晋兴局: 3 characters, not sure."""
    assert owners_run("周文华晋兴局各镇", ROLES)[2] is False  # type: ignore[index]
    assert owners_run("赵海林水务局各镇", ROLES)[0]["leader"] == ["赵海林"]  # type: ignore[index]


def test_words_of_a_task_open_no_run() -> None:
    """提升康复服务水平 or a unit's name opens no run of a leader's name."""
    assert owners_run("提升康复辅具社区租赁服务水平", ROLES) is None
    assert owners_run("教育局各街道", ROLES) is None


def test_run_together_header() -> None:
    assert run_header_roles("分解表序号项目名称主要内容分管领导牵头单位配合单位1新建") == ["leader", "owner", "co"]
    assert run_header_roles("序号 | 项目名称 |") is None


def test_run_together_table_gives_each_row_its_owners() -> None:
    """Each row's entries take the run of names after them; the row's words after its last run take that run;
    a page's mark inside a run (工业园(东\\n2、区)) is no part of it; every such entry is marked for review."""
    text = ("2025年民生实事责任分解表序号项目名称主要内容分管领导牵头单位配合单位1新增学位新增学位800个。"
            "王建国教育局各乡镇城投公司2就业新增就业3000人。李明人社局工业园(东\n2、区)各乡镇3养老"
            "为2000名老人提供助餐服务。张丽华民政局各街道改造4家养老服务中心。\n")
    draft = read_report(normalise_text(text), 2025)
    by = {t.target: (t.leader, t.owner, t.co_owners) for t in draft.targets}
    assert by["800个"] == (["王建国"], ["教育局"], ["各乡镇", "城投公司"])
    assert by["3000人"] == (["李明"], ["人社局"], ["工业园(东区)", "各乡镇"])
    assert by["2000名"] == by["4家"] == (["张丽华"], ["民政局"], ["各街道"])
    assert all(any("连写" in u for u in t.unsure) for t in draft.targets)
    assert [t.title for t in draft.targets if t.target == "3000人"] == ["就业新增就业"]  # not 王建国教育局…2就业…
    assert [t.title for t in draft.targets if t.target == "800个"] == ["新增学位新增学位"]  # not the header's words
    assert not [t.title for t in draft.targets if t.target == "2000名"][0].startswith("区)")  # the run's end, no title


def test_two_names_of_two_spaced_out() -> None:
    """陆 明俞 悦: each two-character name spaced out to align, run together: 陆明 and 俞悦; 俞 悦 is one."""
    assert person_names("陆 明俞 悦") == ["陆明", "俞悦"]
    assert person_names("俞 悦") == ["俞悦"] and person_names("王 小 明") == ["王小明"]
    assert person_names("王广部 王鹏伟") == ["王广部", "王鹏伟"]


def test_a_co_line_after_a_lead_line() -> None:
    """牵头单位:A on one line, 责任单位:B, C on the next: A leads, B and C are co-responsible (not dropped)."""
    text = "一、主要目标\n1.新增就业1200人。\n牵头单位:县人社局\n责任单位:各乡镇,县财政局\n"
    t = read_report(normalise_text(text), 2025).targets[0]
    assert (t.owner, t.co_owners) == (["县人社局"], ["各乡镇", "县财政局"])


def test_places_and_grammar_are_no_name() -> None:
    """全市建成充电站…: 全市建 is no person (全, 市 are in no name), so no run of owners opens there."""
    assert owners_run("全市建成充电站500个", ROLES) is None


def test_one_unit_without_a_leader_column() -> None:
    """With no leader's column, one unit is a run only where the row ends after it (教育局2新建…)."""
    assert owners_run("教育局2新建", ["owner", "co"]) == ({"owner": ["教育局"]}, 3, True)
    assert owners_run("教育局组织开展培训", ["owner", "co"]) is None
