"""worktargets draft REPORT: the draft validates, passes coverage, says what to check; bad input is refused."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from worktargets.cli import app
from worktargets.draft.source import normalise_text
from worktargets.draft.text import due_from_words, milestone_stage, read_owners, read_report

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(__file__).parent / "material"
runner = CliRunner()


def _material(tmp_path: Path, name: str) -> Path:
    body = (MATERIAL / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    f = tmp_path / f"{name}.txt"
    f.write_text(body, encoding="utf-8")
    return f


def _draft(tmp_path: Path, source: Path, *args: str):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    return runner.invoke(app, ["draft", str(source), "-o", str(out), "--lang", "en", *args]), out


def _codes(stderr: str) -> list[str]:
    return re.findall(r"worktargets: error: [^:]+(?::\d+)?: ([a-z-]+):", stderr)


@pytest.mark.parametrize("name", ["xianan-2023", "hainan-county-2024", "ningbo-2007"])
def test_draft_validates_passes_coverage_and_status_runs(tmp_path: Path, name: str) -> None:
    result, out = _draft(tmp_path, _material(tmp_path, name), "--year", "2023")
    assert result.exit_code == 0, result.stderr
    assert (out / "targets.yaml").is_file() and (out / "report" / f"{name}.txt").is_file()
    for command in (["validate"], ["coverage"], ["status", "--as-of", "2023-06-30"]):
        r = runner.invoke(app, [*command, "--data", str(out), "--lang", "en"])
        assert r.exit_code == 0, (command, r.stdout, r.stderr)
    doc = yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))
    text = (out / doc["plan"]["source_file"]).read_text(encoding="utf-8")
    assert all(t["source"] in text for t in doc["targets"])
    assert all(e["text"] in text for e in doc["not_commitments"])
    assert (out / "schema" / "targets.schema.json").is_file()
    assert (out / "targets.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schema/targets.schema.json")


def test_owners_leaders_and_ids_from_the_brackets(tmp_path: Path) -> None:
    result, out = _draft(tmp_path, _material(tmp_path, "xianan-2023"))
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))
    by_id = {t["id"]: t for t in doc["targets"]}
    assert doc["plan"]["year"] == 2023  # from the text, not --year
    assert by_id["6"]["owner"] == ["区财政局", "区税务局"] and by_id["6"]["leader"] == "杜新国"
    assert by_id["6"]["no"] == "6"
    assert by_id["7"]["kind"] == "relation" and by_id["7"]["relation"] == {"to": "1"}
    assert by_id["8"]["comparator"] == "le" and by_id["8"]["target"] == "4.5%"
    assert by_id["9"]["target"] == "23万吨"
    assert by_id["10"]["target"] is None and by_id["10"]["set_by"] == "省、市下达"
    road = by_id["12-2"]
    assert road["kind"] == "milestone" and road["stages"][-1] == "已建成通车"
    assert road["co_owners"] == ["区发改局", "区自然资源和规划局", "区林业局", "区经发集团", "相关乡镇办"]
    excuses = {e["text"]: e["reason"] for e in doc["not_commitments"]}
    assert excuses["s319咸赵线"] == "道路或规划编号"
    assert any(t.startswith("1.") and r == "条目序号" for t, r in excuses.items())


def test_unsure_entries_are_marked_in_the_file_and_on_stderr(tmp_path: Path) -> None:
    result, out = _draft(tmp_path, _material(tmp_path, "hainan-county-2024"))
    assert result.exit_code == 0
    yaml_text = (out / "targets.yaml").read_text(encoding="utf-8")
    lines = yaml_text.split("\n")
    marked = [lines[i + 1] for i, ln in enumerate(lines) if ln.startswith("  # 待核实") and lines[i + 1].startswith("  - id:")]
    assert marked, "a two-figure clause (分别增长8%左右和8.5%左右) must be marked"
    assert "to check:" in result.stderr
    ids = [re.search(r'"(.+)"', m)[1] for m in marked]
    assert all(i in result.stderr for i in ids)
    # every unsure entry is still valid YAML and holds a figure of the text
    doc = yaml.safe_load(yaml_text)
    assert {t["id"] for t in doc["targets"]} >= set(ids)


def test_shipped_report_stretch_parent_relative_and_milestones() -> None:
    text = normalise_text((ROOT / "data/report/000_c85690718b8d28de.txt").read_text(encoding="utf-8"))
    draft = read_report(text, 2022)
    by_source = {t.source: t for t in draft.targets}
    grants = by_source["力争全年争取各类无偿补助资金30亿元以上"]
    sub = by_source["其中项目资金16亿元以上"]
    assert grants.stretch and sub.stretch and sub.parent == grants.id
    assert by_source["规上工业总产值突破60亿元"].comparator == "gt"
    doubling = by_source["村集体经济总收入较上年翻一番"]
    assert doubling.kind == "relative" and doubling.factor == "2"
    assert by_source["小微企业20家以上"].stretch  # 力争 governs the whole sentence
    assert by_source["新开工莲山湖大道、新能源新材料基础设施建设(一期)等项目50个以上"].projects == [
        "莲山湖大道", "新能源新材料基础设施建设(一期)"]
    reservoir = next(t for t in draft.targets if "天星桥水库蓄水验收" in t.source)
    assert reservoir.kind == "milestone" and reservoir.stretch and reservoir.stages[-1] == "已通过验收"
    assert by_source["争创省级全域旅游示范区"].stages[-1] == "已命名"
    assert all(t.owner == ["待定"] for t in draft.targets)


@pytest.mark.parametrize("words, expected", [
    ("6月底前完成验收", date(2023, 6, 30)),
    ("三季度建成投运", date(2023, 9, 30)),
    ("年内开工", date(2023, 12, 31)),
    ("年底前建成", date(2023, 12, 31)),
    ("上半年完成", date(2023, 6, 30)),
    ("9月30日前通过验收", date(2023, 9, 30)),
    ("全年实施项目135个", None),
])
def test_due_from_words(words: str, expected: date | None) -> None:
    assert due_from_words(words, 2023) == expected


def test_due_dates_reach_the_entries(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("二、项目建设\n6月底前完成天星桥水库蓄水验收。三季度建成投运城东污水处理厂。年内新建5G基站100个以上。\n",
                 encoding="utf-8")
    result, out = _draft(tmp_path, f, "--year", "2024")
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))
    dues = {t["source"]: t.get("due") for t in doc["targets"]}
    assert dues["6月底前完成天星桥水库蓄水验收"] == date(2024, 6, 30)
    assert dues["三季度建成投运城东污水处理厂"] == date(2024, 9, 30)
    assert dues["年内新建5G基站100个以上"] == date(2024, 12, 31)
    assert all(t["section"] == "二、项目建设" for t in doc["targets"])


def test_read_owners() -> None:
    got = read_owners("责任领导:某某;牵头单位:区农业农村局、区自然资源局;责任单位:各乡镇")
    assert got == {"leader": ["某某"], "owner": ["区农业农村局", "区自然资源局"], "co": ["各乡镇"]}
    assert read_owners("市经委、环保局") == {"owner": ["市经委", "环保局"]}
    assert read_owners("一期") is None and read_owners("小麦") is None


@pytest.mark.parametrize("clause, stage", [
    ("力争完成天星桥水库蓄水验收", "验收"), ("青龙嘴水库可研批复", "批复"), ("建成天星湖—苏山坪城郊旅游道路", "建成"),
    ("开工建设循环经济企业孵化园(二期)标准化厂房", "开工"), ("创建天马山省级旅游度假区", "创建"),
    ("建成投运“义乌好货”批零中心", "建成投运"), ("创建一批示范聚居点", None), ("加强聚居点综合治理", None),
])
def test_milestone_stage(clause: str, stage: str | None) -> None:
    assert milestone_stage(clause) == stage


def test_docx_report_is_read_as_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("三、培育壮大主导产业")
    document.add_paragraph("提质发展绿色工业。新培育规上工业企业5家,工业和技改投资增长10%以上。")
    f = tmp_path / "报告.docx"
    document.save(f)
    result, out = _draft(tmp_path, f, "--year", "2024")
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))
    assert [t["target"] for t in doc["targets"]] == ["5家", "10%"]
    assert doc["targets"][0]["subsection"] == "提质发展绿色工业"
    assert runner.invoke(app, ["validate", "--data", str(out)]).exit_code == 0


def test_the_review_of_the_year_past_is_no_commitment(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("一、2023年工作回顾\n过去的一年，全县地区生产总值完成107.2亿元，建设高标准农田1万亩。\n"
                 "二、2024年工作安排\n新建高标准农田2万亩，生猪出栏52万头以上。\n", encoding="utf-8")
    result, out = _draft(tmp_path, f)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))
    assert [t["target"] for t in doc["targets"]] == ["2万亩", "52万头"]
    assert doc["plan"]["year"] == 2024  # the plan part's year, not the review's
    reasons = {e["text"]: e["reason"] for e in doc["not_commitments"]}
    assert reasons["全县地区生产总值完成107.2亿元"].startswith("回顾")
    review_only = tmp_path / "review.txt"
    review_only.write_text("一、2023年工作回顾\n过去的一年，全县地区生产总值完成107.2亿元。\n", encoding="utf-8")
    refused, out2 = runner.invoke(app, ["draft", str(review_only), "-o", str(tmp_path / "o2")]), tmp_path / "o2"
    assert refused.exit_code == 1 and _codes(refused.stderr) == ["draft-no-commitments"]
    assert not out2.exists()


# -- refused input: a located message, exit 1, nothing written -------------------------------

@pytest.mark.parametrize("name, content, code", [
    ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "draft-pdf"),
    ("report.txt", b"%PDF-1.7 saved with the wrong name", "draft-pdf"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "draft-image"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "draft-image"),
    ("empty.txt", b"", "file-empty"),
    ("blank.txt", b"  \n\n ", "file-empty"),
    ("blob.txt", bytes(range(256)) * 4, "file-binary"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "draft-unsupported-type"),
    ("words.txt", "加强组织领导，压实工作责任，确保各项任务落到实处。\n".encode(), "draft-no-numbers"),
    ("dates.txt", "2023年1月5日在区第十届人民代表大会第二次会议上\n".encode(), "draft-no-commitments"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "docx-unreadable"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "xlsx-unreadable"),
])
def test_bad_input_is_refused(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    result, out = _draft(tmp_path, f)
    assert result.exit_code == 1, result.stderr
    assert _codes(result.stderr) == [code]
    assert str(f.name) in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_file_and_existing_draft(tmp_path: Path) -> None:
    result, out = _draft(tmp_path, tmp_path / "nope.txt")
    assert result.exit_code == 1 and _codes(result.stderr) == ["file-missing"]
    f = _material(tmp_path, "yanjin-2024")
    assert _draft(tmp_path, f)[0].exit_code == 0
    before = (out / "targets.yaml").read_bytes()
    again, _ = _draft(tmp_path, f)
    assert again.exit_code == 1 and _codes(again.stderr) == ["draft-exists"]
    assert (out / "targets.yaml").read_bytes() == before
    forced, _ = _draft(tmp_path, f, "--force")
    assert forced.exit_code == 0


def test_output_names_targets_yaml_or_a_folder(tmp_path: Path) -> None:
    f = _material(tmp_path, "yanjin-2024")
    ok = runner.invoke(app, ["draft", str(f), "-o", str(tmp_path / "x" / "targets.yaml")])
    assert ok.exit_code == 0 and (tmp_path / "x" / "targets.yaml").is_file()
    bad = runner.invoke(app, ["draft", str(f), "-o", str(tmp_path / "x" / "other.yaml")])
    assert bad.exit_code == 2
    # --data, as every other command names the data folder, writes there too
    data = runner.invoke(app, ["draft", str(f), "--data", str(tmp_path / "office")])
    assert data.exit_code == 0 and (tmp_path / "office" / "targets.yaml").is_file()
    assert runner.invoke(app, ["validate", "--data", str(tmp_path / "office")]).exit_code == 0


def test_self_check_failure_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import worktargets.cli.draft_cmd as draft_cmd

    monkeypatch.setattr(draft_cmd, "_render", lambda draft, rel, made_by: ("plan: [broken\n", {}))
    result, out = _draft(tmp_path, _material(tmp_path, "yanjin-2024"))
    assert result.exit_code == 1 and _codes(result.stderr) == ["draft-self-check"]
    assert not out.exists()


def test_messages_in_chinese(tmp_path: Path) -> None:
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["draft", str(f), "-o", str(tmp_path / "o"), "--lang", "zh"])
    assert result.exit_code == 1 and "错误" in result.stderr and "draft-pdf" in result.stderr


def test_help_and_json_schema_line(tmp_path: Path) -> None:
    assert "分解表" in runner.invoke(app, ["draft", "--help"]).stdout
    result, out = _draft(tmp_path, _material(tmp_path, "yanjin-2024"))
    schema = json.loads((out / "schema" / "targets.schema.json").read_text(encoding="utf-8"))
    assert "properties" in schema


def test_bullets_relations_and_targets_set_above_in_a_list() -> None:
    """A bullet list (●/■): no bullet in titles, the relation and the 考核目标 line are entries."""
    text = ("■ 2024年主要预期目标\n●地区生产总值增长5.5%左右\n●粮食产量继续稳定在80万吨以上\n"
            "●居民收入增长和经济增长基本同步\n●单位地区生产总值能耗完成省考核目标\n")
    draft = read_report(text, 2024)
    by_source = {t.source: t for t in draft.targets}
    assert by_source["粮食产量继续稳定在80万吨以上"].title == "粮食产量"
    assert all(not t.title.startswith(("●", "■")) for t in draft.targets)
    relation = by_source["居民收入增长和经济增长基本同步"]
    assert relation.kind == "relation" and relation.relation_to == by_source["地区生产总值增长5.5%左右"].id
    assert by_source["单位地区生产总值能耗完成省考核目标"].set_by == "省考核"
    assert draft.targets[0].subsection == "2024年主要预期目标"


def test_structure_sessions_caps_set_above_and_deliverables() -> None:
    text = ("二、2024年工作安排\n今年政府工作的思路是：稳中求进。县政府工作的总体要求是：深入贯彻党的二十届二中、三中全会精神。"
            "主要目标是：地区生产总值增长7%，主要污染物排放控制在市定目标以内。我们将重点做好8个方面工作：\n"
            "推动物流园一期、冷链中心年底前投用；县医院新院区6月底前完成竣工验收。\n")
    draft = read_report(text, 2024)
    kinds = {t.source: t for t in draft.targets}
    assert [t.target for t in draft.targets if t.target] == ["7%"]  # not 二十届, not 二中, not 8个
    cap = kinds["主要污染物排放控制在市定目标以内"]
    assert cap.set_by == "市下达" and cap.comparator == "le" and cap.target is None
    milestones = [t for t in draft.targets if t.kind == "milestone"]
    assert {t.source for t in milestones} >= {"推动物流园一期、冷链中心年底前投用", "冷链中心年底前投用",
                                              "县医院新院区6月底前完成竣工验收"}
    assert "物流园一期投用" in {t.title for t in milestones}  # A、B投用: A takes the verb it shares
    assert all(t.due is not None for t in milestones)
    reasons = {e.text: e.reason for e in draft.excuses}
    assert any("8个" in w and "条目数" in r for w, r in reasons.items())


def test_goal_headings_owner_lines_and_square_brackets() -> None:
    """(一)GOAL as a heading with 责任单位 on the next line; [牵头单位…;责任单位…(新区)] after an item."""
    text = ("一、主要预期目标\n(一)地区生产总值增长6%以上\n责任单位:区发展和改革局\n(二)社会消费品零售总额增长8%\n"
            "责任单位:区商务局、区统计局\n二、重点工作\n1、新建幼儿园3所。[牵头单位:区教育局;责任单位:区财政局、各街办(新区)]\n")
    draft = read_report(text, 2024)
    owners = {t.source: (t.owner, t.co_owners) for t in draft.targets}
    assert owners["地区生产总值增长6%以上"] == (["区发展和改革局"], [])
    assert owners["社会消费品零售总额增长8%"] == (["区商务局", "区统计局"], [])
    assert owners["新建幼儿园3所"] == (["区教育局"], ["区财政局", "各街办(新区)"])


def test_a_benchmark_outside_the_text_is_a_target_set_later() -> None:
    draft = read_report("主要目标是：规模以上工业增加值增幅高于全省平均水平。", 2024)
    (t,) = draft.targets
    assert t.kind == "growth" and t.comparator == "gt" and t.target is None and "全省" in t.set_by


def test_restated_goals_long_term_years_and_more_deliverables() -> None:
    text = ("今年主要预期目标是：城镇新增就业80万人以上；粮食产量500亿斤左右。\n"
            "提出这些目标，考虑了2035年远景目标。城镇新增就业80万人以上，体现了就业优先。\n"
            "加快创建国家生态县，制定新一轮全域旅游行动计划，高质量完成第二轮农村改厕行动。\n")
    draft = read_report(text, 2021)
    assert draft.year == 2021  # 2035年远景 is no plan year
    reasons = {e.text: e.reason for e in draft.excuses}
    assert reasons["城镇新增就业80万人以上，体现了就业优先"] == "复述上文已列的目标"
    assert [t.target for t in draft.targets if t.target] == ["80万人", "500亿斤"]
    stages = {t.source: t.stages[-1] for t in draft.targets if t.kind == "milestone"}
    assert stages == {"加快创建国家生态县": "已命名", "制定新一轮全域旅游行动计划": "编制完成",
                      "高质量完成第二轮农村改厕行动": "已完成"}


def test_an_about_amount_keeps_its_entry_with_a_tolerance(tmp_path: Path) -> None:
    """粮食产量1.4万亿斤左右: settings.about_tolerance is for rates, so the entry carries its own."""
    src = tmp_path / "r.txt"
    src.write_text("今年主要目标：粮食产量1.4万亿斤左右，新建道路约12公里，经济增长5%左右。\n", encoding="utf-8")
    result, out = _draft(tmp_path, src, "--year", "2026")
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))
    got = {t["target"]: t.get("tolerance") for t in doc["targets"]}
    assert got == {"1.4万亿斤": "5%", "12公里": "5%", "5%": None}
    r = runner.invoke(app, ["validate", "--data", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.stdout


@pytest.mark.parametrize(("inner", "expected"), [
    ("牵头单位：区发改局，配合单位：区财政局、区统计局", {"owner": ["区发改局"], "co": ["区财政局", "区统计局"]}),
    ("责任领导：张三 牵头单位：区教育局 责任单位：各镇", {"leader": ["张三"], "owner": ["区教育局"], "co": ["各镇"]}),
    ("区发改局牵头，区财政局配合", {"owner": ["区发改局"], "co": ["区财政局"]}),
    ("2024年底前", None),
])
def test_read_owners_in_other_spellings(inner: str, expected: dict | None) -> None:
    assert read_owners(inner) == expected


def test_put_into_operation_with_a_quarter() -> None:
    draft = read_report("西城污水处理厂三季度投入运行。", 2024)
    (t,) = draft.targets
    assert t.kind == "milestone" and t.due == date(2024, 9, 30)


def test_names_coverage_does_not_count_are_excused_too() -> None:
    """二十届三中全会, “十五五”, “三个信心”: no number to coverage, but said in not_commitments."""
    text = "今年工作的总体要求是：全面贯彻党的二十届三中全会精神，坚定“三个信心”。谋划“十五五”规划，地区生产总值增长6%。\n"
    draft = read_report(text, 2025)
    words = " ".join(e.text for e in draft.excuses if not e.unsure)
    assert "二十届" in words and "“三个信心”" in words and "“十五五”" in words
    assert [t.target for t in draft.targets] == ["6%"]


def test_sub_item_markers_and_a_verb_after_its_object() -> None:
    text = "1.教育提质。（1）新建城东小学，9月底前投入使用；（2）改扩建幼儿园3所。②为65岁以上老年人免费体检2万人次。\n"
    draft = read_report(text, 2024)
    got = [(t.kind, t.target, t.source) for t in draft.targets]
    assert got == [("milestone", None, "新建城东小学，9月底前投入使用"), ("amount", "3所", "改扩建幼儿园3所"),
                   ("amount", "2万人次", "为65岁以上老年人免费体检2万人次")]
    assert draft.targets[0].due == date(2024, 9, 30)
    assert {e.text for e in draft.excuses} >= {"（1）", "（2）"}


def test_label_colon_figure_lines() -> None:
    """——固定资产投资：增长8%以上: the label before the colon is the title, not a lost piece."""
    text = "二、主要预期目标\n——固定资产投资：增长8%以上；\n——城镇新增就业：1.5万人；\n——单位GDP能耗：完成省下达任务。\n"
    draft = read_report(text, 2025)
    assert [(t.title, t.target) for t in draft.targets] == [("固定资产投资", "8%"), ("城镇新增就业", "1.5万人"),
                                                           ("单位GDP能耗", None)]
    assert draft.targets[2].set_by == "省下达"


def test_two_subjects_with_fen_bie_get_a_title_each() -> None:
    for text, titles in (("城乡居民人均可支配收入分别增长5.5%左右和6.5%左右。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
                         ("粮油、蔬菜种植面积分别稳定在100万亩以上、28万亩以上。", ["粮油种植面积", "蔬菜种植面积"])):
        draft = read_report(text, 2025)
        assert [t.title for t in draft.targets] == titles
        assert not any(t.unsure for t in draft.targets)
