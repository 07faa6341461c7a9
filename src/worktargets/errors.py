"""Problems found in data files: a stable code, a place (file, line, field) and words.

Loaders never raise on bad data: they return problems, all of them in one pass. The CLI
turns them into ``path:line: code: message`` lines in the user's language.
"""

from __future__ import annotations

from .model import Record

_set = object.__setattr__

__all__ = ["Problem", "DataError", "MESSAGES", "render_message"]


class Problem(Record):
    """One thing wrong (or worth a warning) in one place of one file."""

    __slots__ = ("code", "path", "line", "field", "params", "severity")
    code: str
    path: str
    line: int | None
    field: str | None
    params: dict[str, str]
    severity: str  # "error" | "warning"

    def __init__(self, code: str, path: str, line: int | None = None, field: str | None = None,
                 params: dict[str, str] | None = None, severity: str = "error") -> None:
        _set(self, "code", code)
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "field", field)
        _set(self, "params", {} if params is None else params)
        _set(self, "severity", severity)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang, self.line, self.field)

    def hint(self, lang: str = "en") -> str | None:
        entry = MESSAGES.get(self.code)
        if entry is None or len(entry) < 4:
            return None
        text = entry[2] if lang == "zh" else entry[3]
        return _fill(text, self.params)

    def format(self, lang: str = "en") -> str:
        return f"{self.location()}: {self.code}: {self.message(lang)}"

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message(lang),
        }


class DataError(Exception):
    """Raised by commands when input is rejected; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.format() for p in problems[:3]))
        self.problems = problems


class _Default(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, params: dict[str, str]) -> str:
    return text.format_map(_Default(params))


def render_message(
    code: str, params: dict[str, str], lang: str, line: int | None, fld: str | None
) -> str:
    """The sentence for ``code``, prefixed with the row and field where there are ones."""
    entry = MESSAGES.get(code, ("{detail}", "{detail}"))
    if lang == "zh" and "detail_zh" in params:  # a library's English detail has a Chinese twin (Pydantic's)
        params = {**params, "detail": params["detail_zh"]}
    text = _fill(entry[0] if lang == "zh" else entry[1], params)
    if fld:
        if lang == "zh":
            text = (f"第{line}行 " if line else "") + f"字段“{fld}”：" + text
        else:
            text = (f"row {line}, " if line else "") + f"field '{fld}': " + text
    return text


# code -> (zh, en[, hint_zh, hint_en]). Tests assert codes and places, not wording.
MESSAGES: dict[str, tuple[str, ...]] = {
    # files
    "file-missing": ("找不到文件", "file not found"),
    "file-unreadable": ("无法读取文件：{detail}", "cannot read file: {detail}"),
    "file-empty": ("文件是空的", "the file is empty"),
    "file-binary": (
        "不是文本文件（含有二进制内容）",
        "not a text file (binary content)",
        "请另存为 CSV（UTF-8 或 GBK）或 YAML 再提交",
        "save it as CSV (UTF-8 or GBK) or YAML",
    ),
    "file-too-large": ("文件过大（{size} 字节，上限 {limit}）", "file too large ({size} bytes, limit {limit})"),
    "line-too-long": ("这一行过长（{size} 字符，上限 {limit}）", "this line is too long ({size} characters, limit {limit})"),
    "bad-encoding": ("文件编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）", "unknown text encoding (neither UTF-8 nor GBK/GB18030)"),
    "unknown-file-type": ("不认识的文件类型“{suffix}”，进度台账只接受 .csv、.yaml、.yml", "unknown file type '{suffix}': the ledger takes .csv, .yaml, .yml"),
    # yaml
    "yaml-syntax": ("YAML 格式错误：{detail}", "YAML syntax error: {detail}"),
    "yaml-tag": (
        "不允许的 YAML 标签 {tag}",
        "YAML tag {tag} is not allowed",
        "数据文件只能包含普通的文字、数字、列表和映射",
        "data files hold plain text, numbers, lists and mappings only",
    ),
    "yaml-alias": ("不允许使用 YAML 锚点/别名（*{alias}）", "YAML anchors and aliases are not allowed (*{alias})"),
    "yaml-duplicate-key": ("键“{key}”重复出现", "key '{key}' appears twice"),
    "not-a-mapping": ("这里应当是一个映射（键: 值）", "expected a mapping (key: value) here"),
    "not-a-list": ("这里应当是一个列表", "expected a list here"),
    # catalogue
    "missing-field": ("缺少必填字段", "required field is missing"),
    "unknown-field": ("未知字段（拼写错误？）", "unknown field (a typo?)"),
    "bad-value": ("取值无效：{detail}", "invalid value: {detail}"),
    "duplicate-id": ("编号“{id}”重复，首次出现在第{first}行", "id '{id}' is used twice; first at line {first}"),
    "unknown-parent": ("上级指标“{parent}”不存在", "parent target '{parent}' does not exist"),
    "source-not-in-report": (
        "source 文字在报告原文中找不到",
        "the source words are not found in the report text",
        "source 必须逐字摘自报告原文",
        "copy the source words verbatim from the report",
    ),
    "report-missing": ("报告原文文件 {file} 不存在", "report text file {file} does not exist"),
    "bad-schedule": ("进度计划无效：{detail}", "invalid schedule: {detail}"),
    # quantities
    "bad-number": ("“{value}”不是数字", "'{value}' is not a number"),
    "number-out-of-range": (
        "“{value}”超出可精确计算的范围：整数部分最多15位，小数部分最多20位，有效数字最多20位",
        "'{value}' is out of range for exact arithmetic: at most 15 digits before the point, 20 after, 20 in all",
    ),
    "unknown-unit": (
        "不认识的单位“{unit}”",
        "unknown unit '{unit}'",
        "可用单位：元/万元/亿元、亩/万亩、头/万头、平方米/万平方米、公里/千米/米、个、户、家、人、座、%",
        "known units: 元/万元/亿元, 亩/万亩, 头/万头, 平方米/万平方米, 公里/千米/米, 个, 户, 家, 人, 座, %",
    ),
    "unit-mismatch": (
        "单位“{unit}”与指标的单位“{expected}”不是同一类，无法换算",
        "unit '{unit}' cannot be converted to the target's unit '{expected}'",
    ),
    "missing-unit": ("缺少单位", "the unit is missing"),
    # ledger
    "missing-column": ("缺少列“{column}”", "column '{column}' is missing"),
    "bad-header": ("表头无效：{detail}", "invalid header: {detail}"),
    "unknown-target": (
        "未知的指标编号“{target}”",
        "unknown target id '{target}'",
        "用 worktargets status 查看所有指标编号",
        "run worktargets status to list the target ids",
    ),
    "bad-date": ("“{value}”不是有效日期（应为 2022-06-30、2022/6/30 或 2022年6月30日）", "'{value}' is not a valid date (use 2022-06-30, 2022/6/30 or 2022年6月30日)"),
    "date-outside-year": ("日期 {date} 不在计划年度 {year} 年内", "date {date} is outside the plan year {year}"),
    "bad-basis": ("“{value}”不是有效的填报口径（total/累计 或 add/增量）", "'{value}' is not a valid basis (total/累计 or add/增量)"),
    "missing-value": ("缺少数值", "the value is missing"),
    "missing-stage": ("里程碑指标需要填写阶段（stage），可选：{stages}", "a milestone entry needs a stage; one of: {stages}"),
    "unknown-stage": ("阶段“{stage}”不在该指标的阶段列表中：{stages}", "stage '{stage}' is not one of the target's stages: {stages}"),
    "value-for-milestone": ("里程碑指标只记录阶段，不记录数值", "a milestone records a stage, not a value"),
    "stage-for-number": ("数值指标不记录阶段", "a numeric target records a value, not a stage"),
    "duplicate-entry-id": ("记录编号“{id}”重复，首次出现在 {first}", "entry id '{id}' is used twice; first at {first}"),
    "unknown-replaces": ("更正所指的记录“{id}”不存在", "the corrected entry '{id}' does not exist"),
    "replaces-other-target": ("更正所指的记录“{id}”属于另一指标“{other}”，不能用来更正“{target}”", "the corrected entry '{id}' belongs to target '{other}', not to '{target}'"),
    "bad-row": ("这一行的列数不对（{detail}）", "this row has the wrong number of columns ({detail})"),
    "csv-syntax": ("CSV 格式错误：{detail}", "CSV syntax error: {detail}"),
    # generic
    "internal": ("{detail}", "{detail}"),
    # recording progress: add-progress, correct, import (issue 3)
    "unsafe-name": ("名称“{name}”不能用作文件名（含控制字符或路径）", "the name '{name}' cannot be a file name (control characters or a path)"),
    "header-lacks-column": (
        "{path} 的表头缺少列：{columns}，无法追加",
        "the header of {path} lacks the column(s) {columns}; cannot append",
        "在该文件表头加上这些列，或另存为新文件",
        "add these columns to the file's header",
    ),
    "unwritable-file": ("无法写入：{detail}", "cannot write: {detail}"),
    "short-write": ("写入不完整：{detail}", "incomplete write: {detail}"),
    "date-in-future": ("日期 {date} 晚于今天", "the date {date} is in the future", "确需如此请加 --force", "add --force if this is right"),
    "total-decreased": (
        "累计数 {value} 低于上次报送的 {last}（{last_date}）",
        "the year-to-date total {value} is lower than the last one, {last} ({last_date})",
        "累计数是年初至今的总数；如是更正请用 worktargets correct；确需如此请加 --force",
        "a total is year-to-date; to fix an entry use worktargets correct; add --force if this is right",
    ),
    "value-too-large": (
        "数值 {value} 超过年度目标 {target} 的三倍（单位换错了？）",
        "the value {value} is over three times the target {target} (a wrong unit?)",
        "裸数字按“计量单位”理解；确需如此请加 --force",
        "a bare number is in the unit column's unit; add --force if this is right",
    ),
    "same-entry-exists": (
        "同一天已记录过相同的数值（{id}）",
        "the same value is already recorded for that day ({id})",
        "确需再记一次请加 --force",
        "add --force to record it again",
    ),
    "stage-backwards": ("阶段“{stage}”早于上次记录的“{last}”", "stage '{stage}' comes before the last recorded '{last}'", "确需如此请加 --force", "add --force if this is right"),
    "unknown-entry": ("找不到记录编号“{id}”", "no entry with id '{id}'", "记录编号见 worktargets show 指标编号", "see the entry ids with worktargets show TARGET"),
    "duplicate-row": ("同一指标、同一日期在表中出现两次（另见第{other}行）", "the same target and date appear twice in the sheet (see also row {other})"),
    "no-rows": ("表中没有填写任何进度", "the sheet holds no filled-in progress"),
    "xlsx-unreadable": ("无法读取 Excel 文件：{detail}", "cannot read the Excel file: {detail}"),
    # catalogue: kinds, owners and ids of real reports (issue 11, wt-11 kinds) and names (issue 12)
    "control-characters": (
        "含有控制字符或不可见的格式字符（{text}）",
        "contains control or invisible format characters ({text})",
        "删去这些字符：部门名、责任领导和标题会写进文件名、表格和终端",
        "remove them: department names, leaders and titles end up in file names, sheets and terminals",
    ),
    "negative-target": (
        "{kind} 目标不能为负数（{value}）；下降/减少请用 kind: decrease 并填正数",
        "a {kind} target cannot be negative ({value}); for a decrease use kind: decrease with a positive figure",
    ),
    "unknown-relation": ("对照的目标“{to}”不存在", "the target '{to}' it is judged against does not exist"),
    "bad-relation": ("不能对照目标“{to}”：{detail}", "cannot be judged against '{to}': {detail}"),
    "missing-tolerance": (
        "“左右/约”（about）需要允许偏差：在目标上写 tolerance，或在 settings 写 about_tolerance",
        "about (左右/约) needs a tolerance: give the target a tolerance or settings an about_tolerance",
    ),
    "bad-tolerance": ("允许偏差“{value}”无效：{detail}", "tolerance '{value}' is invalid: {detail}"),
    # units (issue 11, quantity.py): exact conversions and an office's declared units
    "inexact-conversion": (
        "{value}换算成“{expected}”不是有限小数，不能精确换算",
        "{value} is not an exact decimal number of {expected}",
        "按指标的单位“{expected}”填报，或填写可整除的数",
        "file the figure in the target's unit '{expected}'",
    ),
    "unknown-family": (
        "单位“{unit}”的 family“{family}”既不是已知单位，也未在 units 中声明",
        "the family '{family}' of unit '{unit}' is neither a known unit nor declared in units",
        "新的一类单位写成 {unit}: {{family: {unit}, factor: 1}}",
        "start a new family with {unit}: {{family: {unit}, factor: 1}}",
    ),
    "bad-factor": (
        "单位“{unit}”的 factor“{factor}”应为正的有限小数（新一类单位的 factor 为 1）",
        "the factor '{factor}' of unit '{unit}' must be a positive exact decimal (1 for a new family)",
    ),
    "unit-clash": (
        "单位“{unit}”是内置单位（{factor} {family}），不能另作定义",
        "'{unit}' is a built-in unit ({factor} {family}) and cannot be redefined",
    ),
    "bad-unit-name": ("“{unit}”不能用作单位名（不能含数字、括号或标点，不能只是“万”“亿”）", "'{unit}' cannot be a unit name (no digits, brackets or punctuation; not a bare 万/亿)"),
    # draft and init (issue 11, helper "draft")
    "draft-pdf": (
        "PDF 文件无法读取（扫描件或版式文件）",
        "a PDF cannot be read (a scan or a print layout)",
        "请另存为 .docx 或 .txt 再起草；扫描件须先识别成文字",
        "save it as .docx or .txt first; a scan must be turned into text first",
    ),
    "draft-image": (
        "这是图片，不是文字",
        "this is an image, not text",
        "请先把图片识别成文字，另存为 .txt 或 .docx",
        "turn the image into text first and save it as .txt or .docx",
    ),
    "draft-unsupported-type": (
        "不支持的文件类型“{suffix}”：draft 读取 .txt、.docx、.xlsx、.csv",
        "unsupported file type '{suffix}': draft reads .txt, .docx, .xlsx, .csv",
        "旧版 .doc、.xls 请用 Word/WPS、Excel 另存为 .docx、.xlsx",
        "save an old .doc or .xls as .docx or .xlsx",
    ),
    "docx-unreadable": ("无法读取 Word 文件：{detail}", "cannot read the Word file: {detail}"),
    "draft-no-numbers": ("文中没有任何数字，也没有可编目的目标任务", "the text holds no number and no commitment to catalogue"),
    "draft-no-commitments": (
        "文中没有找到目标任务（{numbers} 个数字都不是目标）",
        "no commitment found in the text (none of its {numbers} numbers is a target)",
    ),
    "draft-exists": (
        "{file} 已存在，未作改动",
        "{file} already exists; nothing was changed",
        "换一个 -o 目录，或加 --force 覆盖已有的草稿",
        "choose another -o folder, or add --force to replace the draft",
    ),
    "draft-self-check": ("草稿未通过自检（{detail}），未写入", "the draft failed its own check ({detail}); nothing written"),
    "init-not-empty": (
        "目录不是空的（已有 {count} 个文件或目录）",
        "the folder is not empty ({count} entries)",
        "加 --force 只补上缺少的文件（已有文件一律不覆盖）",
        "add --force to add only the missing files (existing files are never overwritten)",
    ),
    "table-no-header": (
        "找不到表头：前 {rows} 行中没有“序号、目标任务（工作内容）、牵头单位……”这样的列名",
        "no header found: none of the first {rows} rows names columns such as 序号, 目标任务 (工作内容), 牵头单位",
        "表头须有目标任务（或工作内容、重点工作）一列",
        "the header needs a 目标任务 (or 工作内容, 重点工作) column",
    ),
    "table-row-unreadable": ("这一行无法读取：{detail_zh}", "this row cannot be read: {detail}"),
}
