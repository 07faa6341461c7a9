"""Chinese ``--help`` and Chinese usage errors (issue 13).

Click and Typer pass every word they print through ``gettext`` (``from gettext import
gettext as _`` in each module). Under Chinese, :func:`use_language` points those module
names at a lookup in :data:`CLICK_ZH` (and back under English), and :func:`translate_help`
swaps each command's and option's help for its Chinese in :data:`HELP_ZH`, keyed by the
English text the command module wrote. A text missing here stays English: tests list them.
"""

from __future__ import annotations

import gettext as _gettext
import sys
from typing import Any

__all__ = ["CLICK_ZH", "HELP_ZH", "use_language", "translate_help"]

# Click's and Typer's own words (their msgids, exactly as in their sources)
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "No such option {name!r}.": "没有这个选项：{name!r}。",
    "No such command {name!r}.": "没有这个命令：{name!r}。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的布尔值，可用：{states}",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "Aborted!": "已中止。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Error: invalid input": "错误：输入无效",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 版本，不支持补全。",
}
# the same words as older Click releases (8.2.x, the floor) write them
CLICK_ZH_OLDER: dict[str, str] = {
    "No such option: {name}": "没有这个选项：{name}",
    "(Possible options: {possibilities})": "（可用的选项：{possibilities}）",
    "{value!r} is not a valid boolean.": "{value!r} 不是有效的布尔值。",
    "Error: The value you entered was invalid.": "错误：输入的值无效。",
}
CLICK_ZH.update(CLICK_ZH_OLDER)
# words only some Click releases have: 8.5's forms of the ones above, and those (8.2's)
CLICK_VARIANTS = frozenset(CLICK_ZH_OLDER) | {
    "No such option {name!r}.", "(Did you mean one of: {possibilities}?)", "Positional arguments",
    "{value!r} is not a valid boolean. Recognized values: {states}",
}

# the help of worktargets' commands and options, keyed by the English the modules wrote
HELP_ZH: dict[str, str] = {
    # issue 12: writer, importer, correct
    "Record despite warnings (lower total, over 3x target, same value twice, future date); at a prompt, answer 'record anyway'":
        "有警告也照样记录（累计数下降、超过目标三倍、同日重复、日期在将来）；交互时回答“仍然记录”",
    "Record despite warnings; at a prompt, answer 'record anyway'": "有警告也照样记录；交互时回答“仍然记录”",
    "Take the entry ID out (appends a withdrawal row; nothing is deleted)": "撤回记录 ID（追加一条撤回记录，不删除任何内容）",
    "With --withdraw: why (the withdrawal row's note)": "与 --withdraw 同用：撤回原因（写入撤回记录的备注）",
    "Accept rows for targets another department leads": "接受其他单位牵头指标的行（代报）",
    "XLSX: the sheet to read [default: the active visible one]; a hidden sheet is read only when named":
        "XLSX：要读取的工作表［默认：当前可见的活动工作表］；隐藏的工作表只有指名才读取",
    # the app
    "Track the quantified commitments of a government work report (政府工作报告) against the calendar.":
        "按日历跟踪政府工作报告中可量化的目标任务：承诺了什么、谁牵头、进度如何、谁滞后。",
    "Show the version and exit.": "显示版本（以及运行的是编译版还是纯 Python 版）并退出。",
    "Show a traceback on internal errors.": "内部错误时显示调用栈。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的补全脚本，便于复制或自行安装。",
    # shared options
    "Data folder holding targets.yaml and progress/ [default: ./data, or $WORKTARGETS_DATA]":
        "数据目录，含 targets.yaml 和 progress/［默认：./data，或 $WORKTARGETS_DATA、worktargets.toml］",
    "Language of messages and headers: zh or en [default: from the locale]": "消息和表头的语言：zh 或 en［默认：随系统语言］",
    "Judge as of this date (2022-06-30, 2022/6/30, 2022年6月30日) [default: today]":
        "按此日期评判（2022-06-30、2022/6/30、2022年6月30日）［默认：今天，或 worktargets.toml 的 as_of］",
    "Output format": "输出格式",
    "Write to FILE instead of the terminal ('-' for standard output)": "写入文件 FILE 而不是终端（“-”表示标准输出）",
    "CSV on standard output: start with a UTF-8 BOM (files always get one, for Excel)":
        "CSV 输出到标准输出时也加 UTF-8 BOM（写入文件时总会加，便于 Excel 打开）",
    "Only targets led by this department (part of its name is enough)": "只看该单位牵头的目标（写出单位名称的一部分即可）",
    # add-progress, correct
    "Record a figure (or a milestone's stage) for one target; prints its new status.":
        "为一项目标记录进度数字（里程碑则记录阶段），并显示其最新状态。",
    "Date of the figure (2022-06-30, 2022/6/30, 2022年6月30日) [default: today]": "数字所属日期（2022-06-30、2022/6/30、2022年6月30日）［默认：今天］",
    "VALUE is a year-to-date total (the default)": "VALUE 是年初至今的累计数（默认）",
    "VALUE is an increment since the last report": "VALUE 是自上次报送以来的增量",
    "For a milestone: the stage reached (one of the target's stages)": "里程碑：已达到的阶段（须是该目标的阶段之一）",
    "Who reports (填报人)": "填报人",
    "Progress notes (进展情况)": "进展情况",
    "Document number, URL or file (来源/文号)": "来源：文号、网址或文件",
    "Id of the entry this one corrects": "本条所更正的记录编号",
    "Ask nothing (for scripts)": "不询问（供脚本使用）",
    "Record despite warnings (lower total, over 3x target, same value twice, future date)":
        "有警告也照样记录（累计数下降、超过目标三倍、重复数值、未来日期）",
    "Correct an entry: append a new one that names it in `replaces`; status uses the correction, show displays both.":
        "更正一条记录：追加一条在 replaces 中指明原记录的新记录；状态按更正后计算，show 两条都显示。",
    "Date of the corrected figure [default: the replaced entry's date]": "更正后数字的日期［默认：原记录的日期］",
    "For a milestone: the right stage": "里程碑：正确的阶段",
    "Who corrects": "更正人",
    "Why (更正原因)": "更正原因",
    "Document number, URL or file": "来源：文号、网址或文件",
    "The entry's target id: reads only its owner's files instead of the whole ledger": "该记录所属的目标编号：只读其牵头单位的台账，不读全部",
    "Record despite warnings": "有警告也照样记录",
    # bulletin
    "The month's progress bulletin (进度通报): summary counts, every target by section, laggards, snails, late filers.":
        "本月进度通报：汇总、分章节的全部目标、进度滞后、蜗牛榜、逾期未报。",
    "The month of the bulletin, 2022-06 (judged as of its last day) [default: the month of --as-of]":
        "通报月份，如 2022-06（按该月最后一天评判）［默认：--as-of 所在月份］",
    "How many laggards to name": "列出多少个进度滞后的目标",
    "Snails: behind at this many month-ends in a row": "蜗牛榜：连续这么多个月末滞后",
    # coverage, forecast, gaps, import, overdue, owners, schema, show, snails, status, template, validate
    "List every number in the report text with the target that covers it; exit 1 if any is not covered.":
        "列出报告原文中的每一个数字及对应的目标；有未覆盖的数字时退出码为 1。",
    "Project each target to its due date at the year's pace and at the pace of the last three filings; flag those at risk.":
        "按全年速度和近三期速度预计每项目标到期时的完成情况，标出有风险的目标。",
    "Only the targets at risk": "只看有风险的目标",
    "List the targets behind 序时进度, worst first: the gap in percentage points and in the target's unit, and the owner.":
        "列出滞后于序时进度的目标，最差的在前：进度差（百分点和目标单位）及牵头单位。",
    "Only the N worst": "只列最差的 N 项",
    "Import a filled sheet (XLSX or CSV, Chinese headers): all rows checked first, nothing written if any is bad.":
        "导入填好的填报表（XLSX 或 CSV，中文表头）：先检查全部行，有错则不写入。",
    "Reporter for rows that name none (填报人)": "未写填报人的行所用的填报人",
    "Write the good rows and put the bad ones in FILE.rejects.csv": "写入正确的行，错误的行另存为 FILE.rejects.csv",
    "Accept rows with warnings (lower total, over 3x target)": "有警告的行也导入（累计数下降、超过目标三倍）",
    "Check and report, write nothing": "只检查和报告，不写入",
    "List targets past their due date and unmet (milestones included), and the targets and departments with no filing in the current reporting cycle (逾期未报).":
        "列出已过完成时限仍未完成的目标（含里程碑），以及本报送期逾期未报的目标和单位。",
    "Score each lead department (牵头单位): targets led, counts by state, average 完成率 against 序时进度, late filings; worst first.":
        "按牵头单位评分：牵头目标数、各状态数量、平均完成率与序时进度、逾期未报次数；最差的在前。",
    "Print the JSON Schema of targets.yaml (editors use it to check the file as you type).":
        "输出 targets.yaml 的 JSON Schema（编辑器据此在输入时检查文件）。",
    "Show one target: the report's words, owner, schedule, state and every entry with the running total.":
        "显示一项目标：报告原文、牵头单位、分期计划、状态，以及每条填报记录和累计数。",
    "Draw the cumulative progress against the expected line and the target": "画出累计进度、序时进度线和年度目标",
    "The 蜗牛榜: targets behind 序时进度 at the last K month-ends in a row (default 3), with the months.":
        "蜗牛榜：最近连续 K 个月末（默认 3）滞后于序时进度的目标，及其月份。",
    "Behind at this many cycle ends in a row (month-ends)": "连续这么多个报送期末（月末）滞后",
    "Show every target's progress against 序时进度 (time-elapsed progress), grouped by section.":
        "按章节显示每项目标的进度与序时进度的对比。",
    "Only targets whose section contains these words": "只看章节名含这些字的目标",
    "Only these states, comma-separated: done,ahead,on_track,behind,far_behind,overdue,breached,no_data,"
    "needs_baseline,needs_target":
        "只看这些状态（逗号分隔）：done,ahead,on_track,behind,far_behind,overdue,breached,no_data,needs_baseline,"
        "needs_target",
    "Exit 1 when any target shown is in one of these states, comma-separated (for CI): "
    "behind,far_behind,overdue,breached":
        "所显示的目标中有处于这些状态（逗号分隔）的，退出码为 1（供 CI 使用）：behind,far_behind,overdue,breached",
    # kinds, owners, init and draft (issue 11)
    "Only targets this department leads (牵头) or is co-responsible for (配合); part of its name is enough":
        "只看该单位牵头的目标和配合的目标（写出单位名称的一部分即可）",
    "The entry's target (id, 序号 or title words): reads only its owner's files instead of the whole ledger":
        "该记录所属的目标（编号、序号或标题中的字）：只读其牵头单位的台账，不读全部",
    "Draft targets.yaml from a work report or a 分解表: one entry per commitment, owners where named\n"
    "(else 待定), every other number in not_commitments; the draft validates and passes coverage,\n"
    "and the entries to check are marked '# 待核实' and listed on stderr.":
        "由政府工作报告或分解表起草 targets.yaml：每项承诺一条，写明的责任单位照录（否则为“待定”），"
        "其余数字列入 not_commitments；草稿可直接通过校验和覆盖检查，需要核实的条目标注“# 待核实”并在标准错误中列出。",
    "Data folder (or its targets.yaml) to write (--data, as the other commands name it) [default: draft-NAME]": "写入的数据目录（或其 targets.yaml；也可写 --data，与其他命令一致）［默认：draft-文件名］",
    "Plan year [default: the year the text names most, else the folder's targets.yaml, else this year]":
        "计划年度［默认：文中出现最多的年份，其次为目录中 targets.yaml 的年度，再次为今年］",
    "Replace an existing targets.yaml and report copy (no other file is ever overwritten)":
        "覆盖已有的 targets.yaml 和报告副本（不会覆盖其他任何文件）",
    "Create a data folder: targets.yaml with its plan header and commented settings, an empty\n"
    "ledger progress/ with its README, report/, the JSON schema, .gitignore, a pre-commit config\n"
    "and a CI workflow. Never overwrites a file.":
        "新建数据目录：含计划表头和带注释设置的 targets.yaml、空台账 progress/ 及其说明、report/、JSON 模式、"
        ".gitignore、pre-commit 配置和 CI 工作流。不会覆盖任何文件。",
    "Plan title [default: 政府工作报告目标任务]": "计划标题［默认：政府工作报告目标任务］",
    "Region, e.g. 四川省巴中市巴州区": "地区，例如 四川省巴中市巴州区",
    "Plan year [default: this year]": "计划年度［默认：今年］",
    "In a folder that is not empty, add only the missing files": "目录不为空时，只补上缺少的文件",
    "Write a fill-in sheet of one department's targets: id, title, unit, annual target, last\n"
    "recorded total, and empty columns for this period's total, progress notes and problems.":
        "生成一个单位的进度填报表：编号、目标任务、单位、年度目标、上次累计，以及本期累计、进展情况、存在问题的空白列。",
    "Lead department (part of its name is enough if it is unique)": "牵头单位（名称的一部分即可，须唯一）",
    "Reporting month: 2022-06, 2022/6 or 2022年6月": "报送月份：2022-06、2022/6 或 2022年6月",
    "Check targets.yaml and every ledger file; list every problem as path:line: code: message (exit 1 if any); --format github prints GitHub Actions annotations.":
        "检查 targets.yaml 和全部台账文件，逐条列出问题（文件:行: 代码: 说明；有错误时退出码为 1）；--format github 输出 GitHub Actions 注释。",
    # arguments (Typer shows their help in some releases)
    "Target id, or words of its title (a choice is offered on a terminal)": "目标编号，或目标名称中的字词（在终端上会列出供选择）",
    "The figure: 3.6万亩, 36000 (a bare number is in the base unit, 亩), 2.1万, ３６０００, 1,200":
        "数字：3.6万亩、36000（裸数字按基本单位“亩”计）、2.1万、３６０００、1,200",
    "Id of the entry to correct (see worktargets show TARGET)": "要更正的记录编号（见 worktargets show 目标编号）",
    "The right figure (for a milestone: the right stage)": "正确的数字（里程碑则为正确的阶段）",
    "A filled sheet: .xlsx, or .csv in UTF-8, UTF-8 with BOM, GBK or GB18030": "填好的填报表：.xlsx，或 UTF-8、带 BOM 的 UTF-8、GBK、GB18030 编码的 .csv",
    "Target id (or words of its title)": "目标编号（或目标名称中的字词）",
    # bulletin --format docx and diff (the bulletin helper's options; keep in step with theirs)
    "Show target ids beside their titles (Chinese output shows titles only)": "在目标任务旁同时显示编号（中文输出默认只显示名称）",
    "docx: the issuing body (发文机关) [default: settings.bulletin.issuer]": "docx：发文机关［默认：settings.bulletin.issuer］",
    "docx: the document number (文号), e.g. 巴州督〔2022〕6号 [default: settings.bulletin.number]":
        "docx：文号，如 巴州督〔2022〕6号［默认：settings.bulletin.number］",
    "docx: the document's title [default: settings.bulletin.title, else made from the plan and period]":
        "docx：文件标题［默认：settings.bulletin.title，否则由计划名称和通报期生成］",
    "What changed between two dates: state changes, newly behind, recovered, newly done, late filers new and cleared, 完成率 change in percentage points.":
        "两个日期之间的变化（环比）：状态变化、新增滞后、恢复进度、新近完成、新增和消除的逾期未报、完成率变化（百分点）。",
    "The earlier date (2022-05-31) [default: the month-end before --to]": "较早的日期（如 2022-05-31）［默认：--to 之前的月末］",
    "The later date (2022-06-30) [default: today]": "较晚的日期（如 2022-06-30）［默认：今天］",
}


def _zh_gettext(message: str) -> str:
    return CLICK_ZH.get(message, message)


def _zh_ngettext(singular: str, plural: str, n: int) -> str:
    return CLICK_ZH.get(singular if n == 1 else plural, singular if n == 1 else plural)


_MODULES = ("click.core", "click.exceptions", "click.formatting", "click.types", "click.parser",
            "click.decorators", "click.termui", "click.utils", "click.shell_completion", "typer.core", "typer.main")


def use_language(lang: str) -> None:
    """Click's and Typer's own words in ``lang`` from now on (zh, or back to English)."""
    zh = lang == "zh"
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _zh_gettext if zh else _gettext.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _zh_ngettext if zh else _gettext.ngettext  # type: ignore[attr-defined]


def translate_help(command: Any, zh: bool = True) -> None:
    """Swap the help of ``command``, its options and its subcommands for the Chinese
    (``zh=False``: back to the English, for a command tree used again in one process)."""
    for item in (command, *getattr(command, "params", ())):
        for attr in ("help", "short_help"):
            text = getattr(item, attr, None)
            if not text:
                continue
            english = getattr(item, f"_wt_{attr}_en", None)
            if english is None:
                english = text
                setattr(item, f"_wt_{attr}_en", text)
            setattr(item, attr, HELP_ZH.get(english, english) if zh else english)
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None  # Click keeps the --help it made, worded in that run's language
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub, zh)
