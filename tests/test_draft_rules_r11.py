"""Rules added after the round-11 material (tests/material/README.md, "Round 11"). The sentences are short
ones of our own unless said; the material's texts are scored in tests/test_draft_material.py."""

from __future__ import annotations

from conftest import checked_draft
from worktargets import reasons


def _checked(text: str, year: int = 2025):  # type: ignore[no-untyped-def]
    return checked_draft(text, year)


def _why(clause: str, number: str, nth: int = 0) -> str | None:
    at = -1
    for _ in range(nth + 1):
        at = clause.index(number, at + 1)
    return reasons.is_not_commitment(clause, (at, at + len(number)))


def test_zhuang_counts_buildings() -> None:
    """幢 (a building, as 栋): 完成465幢23.25万平方米房屋改造 is 465 buildings and their 23.25万平方米 (萧山)."""
    draft = _checked("一、住房\n完成465幢23.25万平方米房屋改造。\n")
    assert [t.target for t in draft.targets] == ["465幢", "23.25万平方米"]


def test_n_ge_dian_after_a_facility_counts_sites_not_hours() -> None:
    """新建公共自行车10个点: 10 sites (个, 点 the noun); 10点 alone is still an hour (萧山)."""
    draft = _checked("一、交通\n新建公共自行车10个点、扩容15个点。\n")
    assert [t.target for t in draft.targets] == ["10个", "15个"]
    assert _why("会议于上午10点召开", "10") == "date"
    assert _why("完成时间3个月", "3") == "date"


def test_a_four_digit_count_in_a_unit_is_no_year() -> None:
    """更新公共自行车2000辆: 2000 is a count of bicycles, not the year 2000; 2025年 stays a year (萧山)."""
    draft = _checked("一、交通\n更新公共自行车2000辆。\n")
    assert [t.target for t in draft.targets] == ["2000辆"]
    assert _why("2025年鲤城区实事", "2025") == "year"
    assert _why("2022—2025年", "2022") == "year"


def test_a_spaced_out_index_label_names_an_index() -> None:
    """索 引 号 | H001/2020-37819 |: a page's label spaced out, its index's parts are codes (萧山)."""
    line = "索 引 号 | H001/2020-37819 | 成文日期"
    assert _why(line, "37819") == "code"
    assert _why("索引号：20230425-095005-528", "528") == "code"


def test_a_page_count_is_the_documents_own_part() -> None:
    """(4页珍藏版): the pages of the document a site shares, no figure (钟楼)."""
    assert _why("分解表.docx(4页珍藏版)》请在网站上搜索", "4") == "parts"


def test_a_row_number_between_cells_run_together_is_a_list_number() -> None:
    """…配合单位1增加教育资源供给, …市国有公司2促进就业: a table copied with its cells run together puts each row's
    number right after the last owner of the row before it (钟楼); a count or a period there is not one."""
    assert _why("牵头单位配合单位1增加教育资源供给", "1") == "list-number"
    assert _why("教育局经开区各街道市国有公司2促进就业稳定增长", "2") == "list-number"
    assert _why("涉及责任单位2个", "2") != "list-number"
    assert _why("各乡镇3年内完成", "3") != "list-number"


def test_opening_to_the_public_and_a_schools_first_term_are_stages() -> None:
    """…工程对外开放, 保障…学院秋季开学: the work is open and in use (钟楼, 南陵)."""
    draft = _checked("一、文体\n完成纪念馆整体提升工程对外开放。\n二、教育\n保障城东职业学院秋季开学。\n", 2024)
    assert [(t.kind, t.section) for t in draft.targets] == [("milestone", "一、文体"), ("milestone", "二、教育")]


def test_the_count_of_a_list_of_shishi_with_words_between() -> None:
    """鲤城区公布2025年34件为民办实事项目清单: 34件 counts the list (件…实事, a few words between), no target."""
    assert _why("鲤城区公布2025年34件为民办实事项目清单", "34") == "parts"
    assert _why("办好十件民生实事", "十") == "parts"


_ROW_ON_LINES = """承诺事项进展情况
序号 | 重点任务 |
完成时间 | 责任人 | 责任部门 | 进展情况 |
7 |
开工建设凤凰路。 |
凤凰路一期工程11月底前具备通车条件;污水处理厂二期工程12月底前建设完成。 |
王广部 王鹏伟 |
国土住建局 |
1、凤凰路一期已建成通车。 2、管道已建设完成60%,水稳铺设330米。 |
"""


def test_several_cells_on_one_line_are_cells_of_the_table() -> None:
    """序号 | 重点任务 | on one line, then a cell a line (高新区): one table; 责任人 names the leaders (apart by a
    space), 责任部门 alone the lead; a 完成时间 cell that is a sentence says what is due and is read; the
    进展情况 cell reports what is done, its figures the past."""
    draft = _checked(_ROW_ON_LINES, 2022)
    assert [t.kind for t in draft.targets] == ["milestone"] * 3
    assert all(t.leader == ["王广部", "王鹏伟"] and t.owner == ["国土住建局"] and t.no == "7" for t in draft.targets)
    assert not any("60" in (t.target or "") for t in draft.targets)


def test_a_leaders_name_spaced_out_is_one_name() -> None:
    """俞 悦 (a two-character name spaced to align with longer ones) is one person; 王广部 王鹏伟 two."""
    from worktargets.draft.words import person_names

    assert person_names("俞 悦") == ["俞悦"]
    assert person_names("王广部 王鹏伟") == ["王广部", "王鹏伟"]
    assert person_names("张菁") == ["张菁"]
