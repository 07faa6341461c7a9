"""Writing a ``Draft`` as ``targets.yaml``: plain YAML, comments in Chinese, the doubts marked.

Written by hand rather than by ``yaml.dump`` so that the file reads as the hand-written
catalogue does: a header comment, the settings with their explanations, a section comment
where the section changes, and ``# 待核实：…`` above each entry the drafter was unsure of.
Every string is written plain when YAML would read it back unchanged, else double-quoted
(JSON escapes are valid YAML).
"""

from __future__ import annotations

import json
import re

from . import Draft, DraftTarget

__all__ = ["render_yaml", "scalar", "SETTINGS_BLOCK", "UNSURE_MARK"]

UNSURE_MARK = "待核实"

_PLAIN_RE = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffefA-Za-z（）《》“”、，。；：—·]"
                       r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\w（）()《》“”、，。；：—·.+%/-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}

SETTINGS_BLOCK = """\
settings:
  # 序时进度的算法：
  #   months   已过整月数 ÷ 期限月数（默认；6月30日为 6/12 = 50%，1—11月为 91.7%）
  #   days     已过天数 ÷ 期限天数
  #   quarters 已过整季度数 ÷ 季度数（“双过半”式按季考核的单位用它）
  # 目标自带 schedule 时，以 schedule 为准。增速（growth）和保持水平（level）不按时间折算。
  progress_rule: months
  thresholds:
    # 超进度：完成率高于序时进度超过 ahead_pp 个百分点。
    ahead_pp: 10
    # 欠进度（黄灯）：完成率低于序时进度超过 behind_pp 个百分点（0 即低于序时进度就算欠进度）。
    behind_pp: 0
    # 严重滞后（红灯）：完成率低于序时进度超过 far_behind_pp 个百分点。
    far_behind_pp: 30
  reporting:
    # 报送周期：monthly 按月，quarterly 按季。
    cycle: monthly
    # 每期报送截止日：次月几号前报上月进度（常见 25 日或 28 日），逾期未报单列通报。
    due_day: 25
  # “左右”“约”类目标允许的偏差：增速、比率按百分点计（0.5 即 ±0.5 个百分点）；
  # 数量可写成比例，如 "5%" 即目标值的 ±5%。目标自带 tolerance 时以目标为准。
  about_tolerance: 0.5
"""


def scalar(value: object) -> str:
    """One YAML scalar: plain when it reads back as the same string, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (_PLAIN_RE.match(text) and text.lower() not in _RESERVED and ": " not in text and " #" not in text
            and not text[0].isdigit()):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _one_or_list(items: list[str]) -> str:
    return scalar(items[0]) if len(items) == 1 else _flow(items)


def _comment(text: str) -> str:
    return text.replace("\n", " ")


def _target_lines(t: DraftTarget) -> list[str]:
    out = []
    for doubt in t.unsure:
        out.append(f"  # {UNSURE_MARK}：{_comment(doubt)}")
    out.append(f"  - id: {json.dumps(t.id, ensure_ascii=False)}")
    if t.no:
        out.append(f'    "no": {json.dumps(t.no, ensure_ascii=False)}')  # a bare no is YAML 1.1's false
    out.append(f"    title: {scalar(t.title)}")
    out.append(f"    section: {scalar(t.section)}")
    if t.subsection:
        out.append(f"    subsection: {scalar(t.subsection)}")
    out.append(f"    source: {scalar(t.source)}")
    out.append(f"    kind: {t.kind}")
    if t.kind != "milestone":
        out.append(f"    comparator: {t.comparator}")
        if t.kind == "relative":
            out.append(f"    factor: {t.factor}")
            unit = _relative_unit(t)
            out.append(f"    unit: {scalar(unit)}")
            out.append("    baseline:")
            out.append("      value: null")
            out.append(f"      note: {scalar('上年基数原文未给出，须补上')}")
        elif t.kind == "relation":
            out.append(f"    unit: {scalar(t.unit or '%')}")
            out.append("    relation:")
            out.append(f"      to: {json.dumps(t.relation_to, ensure_ascii=False)}")
        elif t.set_by:
            out.append("    target: null")
            out.append(f"    unit: {scalar(t.unit or '%')}")
            out.append(f"    set_by: {scalar(t.set_by)}")
        else:
            out.append(f"    target: {json.dumps(t.target, ensure_ascii=False)}")
        if t.tolerance is not None and t.comparator == "about":
            out.append(f"    tolerance: {json.dumps(t.tolerance, ensure_ascii=False)}")
    if t.stretch:
        out.append("    stretch: true")
    if t.parent:
        out.append(f"    parent: {json.dumps(t.parent, ensure_ascii=False)}")
    if t.projects:
        out.append(f"    projects: {_flow(t.projects)}")
    out.append(f"    owner: {_one_or_list(t.owner)}")
    if t.co_owners:
        out.append(f"    co_owners: {_flow(t.co_owners)}")
    if t.leader:
        out.append(f"    leader: {_one_or_list(t.leader)}")
    if t.due is not None:
        out.append(f"    due: {t.due.isoformat()}")
    if t.kind == "milestone" and t.stages:
        out.append(f"    stages: {_flow(t.stages)}")
    if t.note:
        out.append(f"    note: {scalar(t.note)}")
    return out


def _relative_unit(t: DraftTarget) -> str:
    """翻一番 names no unit: money words give 万元, else 个 (marked for checking)."""
    return "万元" if re.search(r"收入|资金|产值|投资|总额|利润|税", t.source) else "个"


def render_yaml(draft: Draft, source_file: str, made_by: str, schema_ref: str | None) -> tuple[str, dict[str, int]]:
    """The text of ``targets.yaml`` and the line of each entry's ``- id:`` (1-based)."""
    lines: list[str] = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
        lines.append("#")
    lines += [
        f"# 草稿：{made_by}",
        "# 请逐条核对原文后再用于督查、通报和考核：",
        f"#   - 标有“# {UNSURE_MARK}”的条目和 not_commitments 中“{UNSURE_MARK}”的数字，程序没有把握；",
        "#   - 牵头单位写“待定”的，须由督查室（目标绩效办）在分解表中确认；",
        "#   - source 逐字摘自 report/ 下的原文，改动原文前先改 source。",
        "",
        "plan:",
        f"  title: {scalar(draft.title)}",
        f"  region: {scalar(draft.region)}",
        f"  year: {draft.year}",
        f"  year_note: {scalar(draft.year_note)}",
        f"  source_file: {scalar(source_file)}",
        f"  owners_note: {scalar('草稿：原文点名的单位照录，其余为“待定”，须经督查室确认')}",
        "",
    ]
    lines += SETTINGS_BLOCK.rstrip("\n").split("\n")
    lines.append("")
    if draft.units:
        lines.append("# 本单位自定的计量单位：family 为单位类别，factor 为折合该类基本单位的倍数。")
        lines.append("units:")
        for name, (fam, factor) in draft.units.items():
            lines.append(f"  {scalar(name)}: {{family: {scalar(fam)}, factor: {factor}}}")
        lines.append("")
    lines.append("# 原文中出现、但不是目标任务的数字（序号、年份、日期、编号、名称等）。")
    lines.append("# text 是原文子串并包住那个数字；reason 为“待核实”的，程序没有把握。")
    if draft.excuses:
        lines.append("not_commitments:")
        for e in draft.excuses:
            lines.append(f"  - text: {scalar(e.text)}")
            lines.append(f"    reason: {scalar(e.reason)}")
    else:
        lines.append("not_commitments: []")
    lines.append("")
    if draft.skipped:
        lines.append(f"# 读到但未编目（{UNSURE_MARK}）：")
        for s in draft.skipped:
            lines.append(f"#   - {_comment(s)}")
        lines.append("")
    lines.append("targets:")
    at: dict[str, int] = {}
    section = None
    for t in draft.targets:
        if t.section != section:
            section = t.section
            lines.append(f"  # ---- {_comment(section)}")
        block = _target_lines(t)
        at[t.id] = len(lines) + next(i for i, ln in enumerate(block) if ln.startswith("  - id:")) + 1
        lines += block
        lines.append("")
    if not draft.targets:
        lines[-1] = "targets: []"
    return "\n".join(lines).rstrip("\n") + "\n", at
