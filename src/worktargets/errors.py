"""Problems found in data files: a stable code, a place (file, line, field) and words.

Loaders never raise on bad data: they return problems, all of them in one pass. The CLI
turns them into ``path:line: code: message`` lines in the user's language.
"""

from __future__ import annotations

import re
from typing import Any

from .model import Record

_set = object.__setattr__

__all__ = ["Problem", "DataError", "MESSAGES", "render_message", "printable"]

# C0 controls, DEL, C1 controls, bidi marks/embeddings/overrides/isolates, line and
# paragraph separators, a BOM inside text: never shown as they are
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␛ ␊ ␉ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: Any) -> str:
    """``text`` with every control, bidi and separator character shown as a visible escape
    (ESC as ``␛``, C1 and bidi controls as ``\\x9b`` / ``\\u202e``): the one implementation,
    used by every message and re-exported by ``render.escape``."""
    s = "" if text is None else str(text)
    return _UNSAFE.sub(_visible, s) if _UNSAFE.search(s) else s


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
        path = printable(self.path)
        return f"{path}:{self.line}" if self.line else path

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang, self.line, self.field)

    def hint(self, lang: str = "en") -> str | None:
        entry = MESSAGES.get(self.code)
        if entry is None or len(entry) < 4:
            return None
        text = entry[2] if lang == "zh" else entry[3]
        return _fill(text, _shown(self.params))

    def format(self, lang: str = "en") -> str:
        return f"{self.location()}: {self.code}: {self.message(lang)}"

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": printable(self.path),
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


def _shown(params: dict[str, Any]) -> dict[str, str]:
    """Parameters as a message shows them: control characters visible, never raw."""
    return {k: printable(v) for k, v in params.items()}


def render_message(
    code: str, params: dict[str, str], lang: str, line: int | None, fld: str | None
) -> str:
    """The sentence for ``code``, prefixed with the row and field where there are ones."""
    entry = MESSAGES.get(code, ("{detail}", "{detail}"))
    if lang == "zh" and "detail_zh" in params:  # a library's English detail has a Chinese twin (Pydantic's)
        params = {**params, "detail": params["detail_zh"]}
    text = _fill(entry[0] if lang == "zh" else entry[1], _shown(params))
    if fld:
        fld = printable(fld)
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
        "裸数字按指标的单位（或“计量单位”列）理解；确需如此请加 --force",
        "a bare number is in the target's unit (or the unit column's); add --force if this is right",
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
    # the ledger reader (issue 10/12): files, links, quotes, corrections and withdrawals
    "ledger-not-a-file": (
        "“{kind}”不是普通文件，却以台账文件的扩展名命名，未读取",
        "named like a ledger file but not a regular file ({kind}); not read",
    ),
    "ledger-link": (
        "符号链接未读取（{kind}：失效、循环、指向数据目录以外，或是文件夹链接）",
        "symbolic link not read ({kind}: dangling, a loop, pointing outside the data folder, or a linked folder)",
        "把文件本身放进 progress/ 目录",
        "put the file itself in progress/",
    ),
    "unterminated-quote": (
        "从这一行开始的引号没有闭合，后面的行都会被读成一个单元格",
        "a quote opened on this line is never closed; the rows after it would be read as one cell",
        "补上右引号，或删去多余的引号",
        "close the quote, or remove the stray one",
    ),
    "correction-cycle": (
        "更正记录“{entry}”与“{id}”互相更正（或更正自身），成环，均未生效",
        "correction '{entry}' replaces '{id}' in a ring of corrections (or itself); none of them applies",
    ),
    "withdraw-without-id": ("撤回（withdraw）需要在“更正”（replaces）列写明所撤回的记录编号", "a withdrawal needs the id of the entry it withdraws in 'replaces'"),
    "withdraw-with-figure": ("撤回（withdraw）不能同时填写数值或阶段", "a withdrawal carries no value or stage"),
    # nothing lost or misread: writer, importer, add-progress, correct (issue 12)
    "write-failed": (
        "写入失败（{detail}）；文件已恢复原样，未写入任何内容",
        "the write failed ({detail}); the file is as it was, nothing written",
        "腾出磁盘空间或检查权限后重试",
        "free some disk space or check permissions, then try again",
    ),
    "write-not-undone": (
        "写入失败（{detail}），且无法恢复（{undo}）：请把文件截回到 {size} 字节",
        "the write failed ({detail}) and could not be undone ({undo}): cut the file back to {size} bytes",
    ),
    "bad-utf8-byte": (
        "该行第 {column} 个字节 {byte} 不是有效的 UTF-8（文件其余部分是 UTF-8，未按 GBK 读取）",
        "byte {column} of the line ({byte}) is not valid UTF-8 (the rest of the file is UTF-8; not read as GBK)",
        "用编辑器找到并改正这个字节后重新保存为 UTF-8",
        "fix that byte in an editor and save the file as UTF-8 again",
    ),
    "entry-already-replaced": ("记录“{id}”已被“{by}”更正或撤销", "the entry '{id}' is already corrected or withdrawn by '{by}'"),
    "formula-no-value": (
        "单元格 {cell} 是公式但没有保存计算结果",
        "cell {cell} holds a formula with no saved result",
        "在 Excel/WPS 中打开并保存一次（让公式算出结果），或把公式换成数值",
        "open and save the file in Excel/WPS once (so formulas get their results), or type the values",
    ),
    "xlsx-too-large": (
        "Excel 文件超出读取上限：{what_zh} {size}，上限 {limit}",
        "the Excel file is beyond the reading limits: {what_en} {size}, limit {limit}",
        "填报表只需几 KB：请另存为只含填报表的新文件",
        "a fill-in sheet takes a few KB: save the sheet alone as a new file",
    ),
    "cell-too-long": ("单元格 {cell} 过长（{size} 字符，上限 {limit}）", "cell {cell} is too long ({size} characters, limit {limit})"),
    "sheet-not-found": ("工作簿中没有工作表“{sheet}”（有：{sheets}）", "the workbook has no sheet '{sheet}' (it has: {sheets})"),
    "no-visible-sheet": ("工作簿中没有可见的工作表（隐藏的工作表需用 --sheet 指名）", "the workbook has no visible sheet (name a hidden one with --sheet)"),
    "control-character": ("含有控制字符 {char}", "contains the control character {char}"),
    "other-owner": (
        "指标“{target}”由“{owner}”牵头，不属于本表的“{sheet_owner}”",
        "target '{target}' is led by '{owner}', not by this sheet's '{sheet_owner}'",
        "由牵头单位自己报送；确需代报请加 --allow-other-owners",
        "let the lead department file it, or add --allow-other-owners",
    ),
    # output files, the config file (issue 12 output safety, issue 13 CLI conventions)
    "output-in-data-folder": (
        "不能把输出写到数据目录“{data}”自身的文件上（目录、台账、报告原文、配置或缓存）",
        "will not write output onto a file of the data folder '{data}' (catalogue, ledger, report text, config or cache)",
        "用 -o 指定数据目录以外的文件名",
        "pass -o a file outside the data folder",
    ),
    "output-is-directory": ("输出路径是一个文件夹", "the output path is a folder", "用 -o 指定一个文件名", "pass -o a file name"),
    "output-folder-missing": ("无法创建输出文件夹“{folder}”：{reason_zh}", "cannot create the output folder '{folder}': {reason_en}"),
    "output-unwritable": ("无法写入输出文件：{reason_zh}", "cannot write the output file: {reason_en}"),
    "config-unreadable": ("无法读取配置文件：{detail}", "cannot read the config file: {detail}"),
    "config-syntax": ("配置文件不是有效的 TOML：{detail}", "the config file is not valid TOML: {detail}"),
    "config-unknown-key": ("配置文件中有未知的键“{key}”（可用：{keys}）", "unknown key '{key}' in the config file (known: {keys})"),
    "config-bad-value": ("配置项“{key}”的值 {value} 应当是文本", "the value {value} of '{key}' should be a string"),
    # the bulletin as a document (issue 13: bulletin/diff helper)
    "missing-package": ("缺少 Python 包 {package}，无法输出 {format} 格式", "the Python package {package} is missing: "
                        "cannot write {format}", "安装：pip install {package}", "install it: pip install {package}"),
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
    # the bad-input corpus (issue 12, wt-12c): rules it found missing
    "two-units": (
        "数值写的单位“{unit}”与单位列的“{written}”不一致",
        "the value says '{unit}' but the unit column says '{written}'",
        "只保留一个单位：删去数值后的单位，或改正单位列",
        "keep one unit: drop the unit after the number, or correct the unit column",
    ),
    "parent-cycle": ("上级指标“{parent}”又以本指标为上级（循环）", "the parent '{parent}' leads back to this target (a cycle)"),
    "xlsx-encrypted-or-xls": (
        "这是加密（设了打开密码）的 Excel 文件或旧版 .xls 文件，不是 .xlsx",
        "an encrypted (password-protected) workbook or an old .xls file, not an .xlsx",
        "在 Excel/WPS 中去掉打开密码，或另存为 .xlsx 后再导入",
        "remove the password in Excel/WPS, or save it as .xlsx, then import it",
    ),
    "xlsx-is-text": ("扩展名是 .xlsx，内容却是文本（CSV？）", "named .xlsx but it is a text file (a CSV?)",
                     "把扩展名改为 .csv 再导入", "rename it to .csv and import it"),
    "config-bad-lang": ("配置文件中 lang 的值“{value}”无效（应为 zh 或 en）", "lang '{value}' in the config file is neither zh nor en"),
    "sheet-too-large": ("填报表超出读取上限：到这一行已有 {size} 个单元格，上限 {limit}", "the sheet is beyond the reading limit: "
                        "{size} cells up to this row, limit {limit}", "填报表只需几 KB：请只保留本部门的填报行", "a fill-in sheet takes a few KB: keep your department's rows only"),
    "ledger-is-link": ("台账文件或其月份文件夹是符号链接，不写入", "the ledger file or its month folder is a symbolic link: not written to",
                       "把文件本身放进 progress/ 目录", "put the file itself in progress/"),
    "progress-not-a-folder": ("progress 应是存放台账的文件夹，这里却是一个文件", "progress must be the ledger's folder, not a file"),
    # corrections (issue 10 session 4): one entry corrected by two rows counts one of them twice
    "replaced-twice": (
        "记录“{id}”已被 {first} 的更正替换，这里又一次更正它；两条更正不能同时生效",
        "entry '{id}' is already replaced by the correction at {first}; a second correction of it cannot also apply",
        "要再改，请更正上一条更正（replaces 写它的编号），或删去其中一条",
        "to change it again, correct the correction (its id in replaces), or remove one of the two",
    ),
}
