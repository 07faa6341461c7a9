"""Rules of report language added after the round-6 material (tests/material/README.md): traditional
characters, tables copied one cell a line, deliverables named without a figure, numbers of a notice,
figures compared with a benchmark, concentrations. The sentences are the material's own unless said."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from worktargets import forms
from worktargets.cli.draft_cmd import checked_files
from worktargets.draft.script import to_simplified
from worktargets.draft.source import normalise_text
from worktargets.draft.text import milestone_stage, read_report
from worktargets.quantity import parse_quantity, parse_unit

MATERIAL = Path(__file__).parent / "material"


def _checked(text: str, year: int = 2024):  # type: ignore[no-untyped-def]
    """The draft as ``draft`` writes it: every entry passes validate and coverage on ``text``."""
    draft = read_report(text, year)
    _files, failed = checked_files(draft, text, "report/r.txt", "test")
    assert failed is None, failed
    return draft


def test_a_simplified_text_is_never_changed_by_the_fold() -> None:
    """Only characters outside GB2312 are folded: every simplified text of the material stays as it is."""
    for f in sorted(MATERIAL.glob("*.txt")):
        body = f.read_text(encoding="utf-8")
        if f.stem not in ("yangxian-2024-shishi", "huancui-2025-shishi", "chengzhong-2026-shishi",
                          "yongqing-undated-kaigong"):  # in traditional characters
            assert to_simplified(body) == body, f.name
    assert to_simplified("實施田塊整治500畝,田間監測3萬畝,布設耕地質量監測點30處") == "实施田块整治500亩,田间監測3万亩,布设耕地质量監測点30处"


def test_traditional_characters_read_as_their_simplified_forms_sources_kept_as_written() -> None:
    text = "實施田塊整治500畝,修復堰塘1座;實施土壤培肥、田間監測3萬畝,布設耕地質量監測點30處。\n"
    draft = _checked(text)
    assert [(t.target, t.source) for t in draft.targets] == [
        ("500亩", "實施田塊整治500畝"), ("1座", "修復堰塘1座"), ("3万亩", "實施土壤培肥、田間監測3萬畝"),
        ("30处", "布設耕地質量監測點30處")]


ROW = ("|\n序號 |\n項目名稱 |\n建設地點 |\n建設時間 |\n2024年建設內容 |\n年度投資金額 (萬元) |\n責任單位 |\n"
       "|\n2 |\n城北小學門前道路建設項目 |\n紙坊街道 |\n2024 |\n建成唐塔北路延伸段(城北小學門前)道路。 |\n300 |\n住建局 |\n")


def test_a_table_copied_one_cell_a_line() -> None:
    """洋县's 民生实事清单: the 序号 cell numbers the row, the name and the place are no entries, the
    investment takes the header's unit, the 责任单位 cell owns the row."""
    draft = _checked("洋縣2024年十大民生實事項目清單 |\n" + ROW)
    got = [(t.kind, t.target, t.source, t.no, t.owner) for t in draft.targets]
    assert got == [("milestone", None, "建成唐塔北路延伸段(城北小學門前)道路", "2", ["住建局"]),
                   ("amount", "300万元", "300", "2", ["住建局"])]
    assert draft.targets[1].title.startswith("城北小學門前道路建設項目")
    assert any(e.text == "2 |" for e in draft.excuses)


@pytest.mark.parametrize("clause, stage", [
    ("新建丹阳市实验小学眼镜城校区", "建成"), ("改扩建丹阳市精神病院", "建成"), ("异地新建河阳幼儿园", "建成"),
    ("城镇污水管网新建和改造工程", "建成"), ("1958文化园续建工程", "建成"), ("迎丰河排涝站除险加固改造工程", "建成"),
    ("简渎河清淤工程(香草河—南二环段)", "建成"), ("2024年达标区建设项目", "建成"), ("新西门桥拆除重建", "建成"),
    ("独立运营丹阳市急救指挥中心", "投运"), ("打造食用菌酵素生产基地", "建成"),
    ("推动天欣纸业环保包装等项目达产达效", "投运"), ("对马畅中小、湑水中小、茅坪学校等学校运动场地进行改造", "完成"),
    ("乙肝治疗创新药奈瑞可韦开展Ⅲ期临床试验", "开工"),
    # no deliverable: a programme, work going on, an aim
    ("实施出生缺陷综合防治工程", None), ("气象灾害防治能力提升工程", None), ("文艺拾光浸润工程", None),
    ("四是加快推进全县中小学薄弱学校改造工程", None), ("打造区域优质教育高地", None), ("加快建设东西部协作中医药产业园", None),
    ("制定分工方案如下", None), ("完善学校周边道路建设", None),
])
def test_deliverables_named_without_a_figure(clause: str, stage: str | None) -> None:
    assert milestone_stage(clause) == stage


def test_a_deliverable_after_a_figure_and_a_stage_said_next() -> None:
    draft = _checked("跟踪服务广生堂2个仿制药获批、乙肝治疗创新药奈瑞可韦开展Ⅲ期临床试验;新建城东小学,9月底前投入使用。\n")
    assert [(t.kind, t.target, t.source) for t in draft.targets] == [
        ("amount", "2个", "跟踪服务广生堂2个仿制药获批"), ("milestone", None, "乙肝治疗创新药奈瑞可韦开展Ⅲ期临床试验"),
        ("milestone", None, "新建城东小学,9月底前投入使用")]


def test_the_numbers_of_a_notice_are_its_own_parts() -> None:
    text = ("《2025年县<政府工作报告>任务分解》明确133项具体任务,涉及34个牵头单位;《2025年十五件民盼实事任务分解》细化15项具体任务。"
            "各责任单位需严格对照任务清单,逐项细化职责,制定实施方案,明确责任人与工作标准。\n"
            "附件:1.2025年县《政府工作报告》任务清单\n洋政發〔2024〕8號\n丹阳市2024年政府民生实事项目40项。\n"
            "一、县示范区管委会牵头工作(8项)\n3.建设3个劳动密集型产业园。\n")
    draft = _checked(text, 2025)
    assert [(t.target, t.owner) for t in draft.targets] == [("3个", ["县示范区管委会"])]  # no 制定实施方案
    assert not any(e.unsure for e in draft.excuses), [e.text for e in draft.excuses if e.unsure]
    for words in ("133项", "34个", "40项", "8项"):
        assert any(words in e.text and e.reason == forms.REASONS["parts"][0] for e in draft.excuses), words
    assert forms.is_not_commitment("附件:1.2025年县", (3, 4)) == "list-number"
    assert forms.is_not_commitment("洋政发〔2024〕8号", (9, 10)) == "code"


def test_names_of_sessions_and_counts_of_names() -> None:
    text = ("深入贯彻中央、省市工作会议精神和市委十三届五次全会精神。北京市第十六届人民代表大会第三次会议开幕。"
            "推动\"新两翼\"建设取得更大突破,深入开展基础教育提升、医疗卫生发展、职业培训创新三项工程。"
            "站在新福建宏伟蓝图十周年的历史坐标上,聚焦辽宁省全面振兴新突破三年行动。新建界牌中学教学楼。\n")
    draft = _checked(text, 2025)
    assert [t.source for t in draft.targets] == ["新建界牌中学教学楼"]
    assert not any(e.unsure for e in draft.excuses), [e.text for e in draft.excuses if e.unsure]
    quoted = " ".join(e.text for e in draft.excuses)
    for words in ("十三届五次", "三次会议", "两翼", "三项工程", "十周年", "三年行动"):
        assert words in quoted, words


def test_a_figure_against_a_benchmark_with_a_margin_in_points() -> None:
    """高于全市1个百分点 (a form the issue names): the benchmark's figure plus the points, known later;
    after a figure of its own it is said of that target. 提高1.5个百分点 (新乡 2022) stays a change in points."""
    _checked("城乡居民人均可支配收入增速高于全市1个百分点;一般公共预算收入增长8%,高于全市1个百分点。\n")
    draft = read_report("城乡居民人均可支配收入增速高于全市1个百分点;一般公共预算收入增长8%,高于全市1个百分点;"
                        "常住人口城镇化率提高1.5个百分点以上。\n", 2024)  # (a points target waits for its baseline)
    a, b, c = draft.targets
    assert (a.kind, a.comparator, a.target, a.set_by, a.unit) == ("growth", "ge", None, "全市", "%")
    assert "1个百分点" in a.note
    assert (b.target, b.source) == ("8%", "一般公共预算收入增长8%,高于全市1个百分点") and "全市" in b.note
    assert (c.kind, c.target) == ("points", "1.5个百分点")
    lower = read_report("城镇登记失业率低于全省平均水平0.5个百分点。\n", 2024).targets[0]
    assert (lower.comparator, lower.set_by) == ("le", "全省平均水平")


def test_concentration_is_a_built_in_family() -> None:
    """北京市细颗粒物年均浓度控制在60微克/立方米左右 (大气污染防治行动计划, 2013)."""
    assert parse_unit("微克/立方米").family == parse_unit("μg/m³").family == "微克/立方米"
    assert parse_quantity("0.035毫克/立方米").to("微克/立方米").value == Decimal(35)
    (f, ) = [g for g in forms.find_figures("PM2.5平均浓度控制在35微克/立方米以内")
             if forms.is_not_commitment("PM2.5平均浓度控制在35微克/立方米以内", g.span) is None]
    assert (f.value, f.unit, f.comparator) == (Decimal(35), "微克/立方米", "le")
    draft = _checked(normalise_text("北京市细颗粒物年均浓度控制在60微克/立方米左右。\n"), 2013)
    (t,) = draft.targets
    assert (t.target, t.comparator) == ("60微克/立方米", "about")


def test_the_same_number_in_two_rows_is_two_entries() -> None:
    second = "|\n3 |\n洋縣2024年老舊小區改造項目 |\n洋州街道 |\n2024 |\n實施周邊配套基礎設施改造。 |\n300 |\n住建局 |\n"
    draft = _checked("洋縣2024年十大民生實事項目清單 |\n" + ROW + second)
    money = [t for t in draft.targets if t.target == "300万元"]
    assert [t.no for t in money] == ["2", "3"]
    assert money[0].source == "建成唐塔北路延伸段(城北小學門前)道路。 |\n300"


def test_a_table_with_traditional_headers() -> None:
    from worktargets.draft.table import find_header

    rows = [["洋縣2024年十大民生實事項目清單"], ["序號", "項目名稱", "2024年建設內容", "年度投資金額 (萬元)", "責任單位"]]
    header = find_header(rows)
    assert header is not None and header[0] == 1
    assert header[2][0] == "no" and header[2][4] == "co"


def test_a_one_cell_a_line_table_without_bar_lines() -> None:
    """霍山 开发区's 清单 as stored (序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限 |, no bar lines): a row is
    as many cells as the headers; the leader and the unit cells of a row are one set of owners."""
    body = normalise_text((MATERIAL / "huoshan-2025-kaifaqu.txt").read_text(encoding="utf-8").split("\n", 1)[1])
    draft = _checked(body, 2025)
    assert [(t.no, t.target, t.stretch, t.leader, t.owner) for t in draft.targets] == [
        ("2", "10家", True, ["马振明"], ["改革办"]), ("2", "400亩", True, ["马振明"], ["改革办"])]
    assert {"1 |", "2 |", "3 |"} <= {e.text for e in draft.excuses}
