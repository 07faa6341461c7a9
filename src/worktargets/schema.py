"""Pydantic models of ``targets.yaml``: what a catalogue file may say.

They validate the YAML (one target at a time, so one bad entry hides no other) and give
the JSON Schema that editors use as one types (``worktargets schema``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import Comparator, Kind, ProgressRule

# any of [0-9A-Za-z一-鿿._-], the first not . _ -, at most 64: CJK and generated ids ("2-3", "t-017")
ID_PATTERN = r"^[0-9A-Za-z一-鿿][0-9A-Za-z一-鿿._-]{0,63}$"

Number = Annotated[
    str | int | float,
    Field(description='a number, with magnitude and unit as the report writes it: "3.6万亩", "150亿元", "10%"'),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PlanModel(_Strict):
    title: str = Field(description="计划名称")
    region: str = Field(description="地区")
    year: int = Field(ge=1990, le=2100, description="计划年度")
    year_note: str = Field("", description="年度的来源或推定依据")
    source_file: str = Field("", description="报告原文文件，相对于数据目录")
    owners_note: str = Field("", description="责任单位的来源，例如“拟定，待确认”")
    start: dt.date | None = Field(None, description="计划起始日（默认1月1日）")


class ThresholdsModel(_Strict):
    ahead_pp: Decimal = Field(Decimal(10), ge=0, description="领先序时进度超过该百分点数：超进度")
    behind_pp: Decimal = Field(Decimal(0), ge=0, description="落后序时进度超过该百分点数：欠进度（黄灯）")
    far_behind_pp: Decimal = Field(Decimal(30), ge=0, description="落后序时进度超过该百分点数：严重滞后（红灯）")


class ReportingModel(_Strict):
    cycle: Literal["monthly", "quarterly"] = Field("monthly", description="报送周期")
    due_day: int = Field(25, ge=1, le=28, description="报送截止日：次月几号前报上月进度（如 25 日前报上月）")


class BulletinModel(BaseModel):
    """The docx bulletin's header (read by the bulletin, not judged here)."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    issuer: str = Field("", description="发文单位")
    number: str = Field("", description="文号")
    title: str = Field("", description="标题")


Tolerance = Annotated[
    str | int | float,
    Field(description="左右/约 的允许偏差：增速等百分比目标按百分点（0.5）；数量目标可写成目标的百分比（\"5%\"）或目标单位的数"),
]


class SettingsModel(_Strict):
    progress_rule: ProgressRule = Field(
        ProgressRule.MONTHS, description="序时进度：months 已过整月÷期限月数；days 按天；quarters 按整季度"
    )
    thresholds: ThresholdsModel = Field(default_factory=ThresholdsModel)
    reporting: ReportingModel = Field(default_factory=ReportingModel)
    about_tolerance: Tolerance | None = Field(None, description="“左右/约”目标默认的允许偏差（目标自己的 tolerance 优先）")
    bulletin: BulletinModel | None = Field(None, description="进度通报（docx）的发文单位、文号、标题")


class UnitModel(_Strict):
    family: str = Field(min_length=1, description="单位族：同族单位可互相换算；新族以其基本单位（factor 1）声明")
    factor: Number = Field(description="一个该单位等于多少个该族基本单位，如 万标箱 为 10000")


class RelationModel(_Strict):
    to: str = Field(pattern=ID_PATTERN, description="对照的另一目标编号（如 与经济增长同步 中的经济增长）")


class ExcuseModel(_Strict):
    text: str = Field(description="报告中出现、但不是目标的数字所在的原文片段")
    reason: str = Field(description="为什么不是目标")


class BaselineModel(_Strict):
    value: Number | None = Field(None, description="上年基数；节选未给出时为 null（不得编造）")
    note: str = Field("", description="基数的来源，或缺失的说明")


Names = Annotated[str | list[str], Field(description="一个名称，或名称列表")]


class TargetModel(_Strict):
    id: str = Field(pattern=ID_PATTERN, description="稳定编号：字母、数字、汉字、. _ -（首字符不能是 . _ -），至多 64 个字符")
    no: str | int | None = Field(None, description="序号，照分解表或报告原样，如 “3”、“(二)5”")
    title: str = Field(min_length=1, description="简称")
    section: str = Field(min_length=1, description="所在章节标题")
    subsection: str = Field("", description="所在段落的小标题")
    source: str = Field(min_length=1, description="报告原文（逐字摘录）")
    kind: Kind = Field(description="amount 全年累计量；level 保持水平；growth 增速；relative 较上年；milestone 里程碑；"
                                   "decrease 下降/减少（填报下降幅度）；points 提高…个百分点（对上年基数）；relation 与另一目标对照")
    comparator: Comparator = Field(Comparator.GE, description="ge 以上/不低于/裸数字；gt 突破/超过；le 以内/不超过（上限）；"
                                                               "lt 低于（上限）；eq 等于；about 左右/约（允许偏差内）")
    tolerance: Tolerance | None = Field(None, description="about 的允许偏差（缺省用 settings.about_tolerance）")
    target: Number | None = Field(None, description="目标值及单位，如“3.6万亩”；里程碑、relation 为空；"
                                                     "省、市下达的任务为空并写 set_by")
    set_by: str | None = Field(None, min_length=1, description="目标值由谁下达，如 “省、市下达”（target 为空时）")
    relation: RelationModel | None = Field(None, description="relation：对照的目标")
    unit: str | None = Field(None, description="目标值是裸数字时的单位")
    stretch: bool = Field(False, description="力争（争取性）目标")
    parent: str | None = Field(None, pattern=ID_PATTERN, description="“其中”子目标所属的上级目标编号")
    projects: list[str] = Field(default_factory=list, description="提到的具体项目")
    owner: Names = Field(description="牵头单位；多个牵头单位写成列表，第一个为主牵头单位")
    co_owners: list[str] = Field(default_factory=list, description="责任/配合单位")
    leader: Names | None = Field(None, description="责任领导")
    due: dt.date | None = Field(None, description="完成时限（默认年底）")
    start: dt.date | None = Field(None, description="起算日（默认计划起始日）")
    baseline: BaselineModel | None = Field(None, description="较上年目标的基数；points 为上年的比率（%）")
    factor: Decimal | None = Field(None, gt=0, description="较上年的倍数：翻一番为 2")
    schedule: dict[dt.date, Number] = Field(
        default_factory=dict,
        description="分期计划：日期 → 应完成百分比（如 50%）；里程碑为日期 → 应到阶段",
    )
    stages: list[str] | None = Field(None, description="里程碑的阶段，按顺序，最后一个为完成")
    note: str = Field("", description="备注")


class CatalogueModel(_Strict):
    """The whole ``targets.yaml``."""

    model_config = ConfigDict(extra="forbid", title="worktargets catalogue (targets.yaml)")
    plan: PlanModel
    settings: SettingsModel = Field(default_factory=SettingsModel)
    units: dict[str, UnitModel] = Field(default_factory=dict, description="本地单位：单位 → {family, factor}")
    not_commitments: list[ExcuseModel] = Field(default_factory=list, description="报告中不是目标的数字")
    targets: list[TargetModel]


class HeaderModel(_Strict):
    """``targets.yaml`` with the targets left for one-by-one validation."""

    plan: PlanModel
    settings: SettingsModel = Field(default_factory=SettingsModel)
    units: Any = None  # checked by quantity.declare_units, with its lines
    not_commitments: list[ExcuseModel] = Field(default_factory=list)
    targets: list[Any]


# Pydantic's error types → (zh, en) in the project's own words: no Pydantic English ever
# reaches a Chinese message (the code stays ``bad-value``; the detail is ours).
_TYPES: dict[str, tuple[str, str]] = {
    "string_type": ("应为文字", "should be text"),
    "string_too_short": ("不能为空", "must not be empty"),
    "string_too_long": ("过长", "is too long"),
    "string_pattern_mismatch": ("格式不符（编号只能用字母、数字、汉字和 . _ -，首字符不能是 . _ -，至多64个字符）",
                                "does not match the pattern (ids use letters, digits, CJK characters and . _ -, "
                                "not first, at most 64 characters)"),
    "int_parsing": ("应为整数", "should be a whole number"),
    "int_type": ("应为整数", "should be a whole number"),
    "int_from_float": ("应为整数", "should be a whole number"),
    "bool_parsing": ("应为 true 或 false", "should be true or false"),
    "bool_type": ("应为 true 或 false", "should be true or false"),
    "date_parsing": ("应为日期（如 2022-12-31）", "should be a date (e.g. 2022-12-31)"),
    "date_type": ("应为日期（如 2022-12-31）", "should be a date (e.g. 2022-12-31)"),
    "date_from_datetime_parsing": ("应为日期（如 2022-12-31）", "should be a date (e.g. 2022-12-31)"),
    "date_from_datetime_inexact": ("应为日期（如 2022-12-31）", "should be a date (e.g. 2022-12-31)"),
    "decimal_parsing": ("应为数字", "should be a number"),
    "decimal_type": ("应为数字", "should be a number"),
    "decimal_max_digits": ("数字位数过多", "has too many digits"),
    "decimal_max_places": ("小数位数过多", "has too many decimal places"),
    "float_parsing": ("应为数字", "should be a number"),
    "float_type": ("应为数字", "should be a number"),
    "finite_number": ("应为有限的数字", "should be a finite number"),
    "list_type": ("应为列表", "should be a list"),
    "dict_type": ("应为映射（键: 值）", "should be a mapping (key: value)"),
    "model_type": ("应为映射（键: 值）", "should be a mapping (key: value)"),
    "model_attributes_type": ("应为映射（键: 值）", "should be a mapping (key: value)"),
    "greater_than_equal": ("不能小于 {limit}", "should be at least {limit}"),
    "greater_than": ("应大于 {limit}", "should be greater than {limit}"),
    "less_than_equal": ("不能大于 {limit}", "should be at most {limit}"),
    "less_than": ("应小于 {limit}", "should be less than {limit}"),
    "enum": ("应为以下之一：{expected}", "should be one of: {expected}"),
    "literal_error": ("应为以下之一：{expected}", "should be one of: {expected}"),
    "none_required": ("应为空", "should be empty"),
}
_UNKNOWN_TYPE = ("取值的类型或格式不对", "has the wrong type or form")
# the names Pydantic puts in an error's location for the member of a union that failed
_UNION_MEMBERS = {"str", "int", "float", "bool", "list[str]", "decimal", "date", "none"}


def describe_error(err: Any) -> tuple[tuple[Any, ...], str, dict[str, str]]:
    """One Pydantic error as (location without union members, code, params with ``detail``
    and ``detail_zh`` in the project's own words)."""
    loc = tuple(k for k in err["loc"] if not (isinstance(k, str) and (
        k in _UNION_MEMBERS or k.startswith(("function-", "constrained-", "json-or-python")))))
    kind = err["type"]
    if kind == "missing":
        return loc, "missing-field", {}
    if kind == "extra_forbidden":
        return loc, "unknown-field", {}
    zh, en = _TYPES.get(kind, _UNKNOWN_TYPE)
    ctx = err.get("ctx") or {}
    fill = {"expected": str(ctx.get("expected", "")),
            "limit": str(ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", "")))))}
    return loc, "bad-value", {"detail": en.format(**fill), "detail_zh": zh.format(**fill)}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the catalogue file."""
    schema = CatalogueModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
