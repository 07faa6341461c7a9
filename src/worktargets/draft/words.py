"""The words of reports the drafter reads: owners in brackets, deadlines, deliverables,
the plan year, the words quoted for a number that is no commitment, and generated ids.

(The number forms themselves — figures, units, comparators, stretch, thresholds, why a
number is no commitment — are ``worktargets.forms``'.)
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .. import forms, reasons
from ..dates import month_end
from . import DraftExcuse, DraftTarget

__all__ = ["read_owners", "due_from_words", "later_year", "milestone_stage", "shared_head", "detect_year", "excuse_numbers", "assign_ids",
           "STAGES"]

# owners in brackets after an item: (责任领导:某某;牵头单位:区农业农村局、区自然资源局;责任单位:各乡镇)
_LABELS = {
    "责任领导": "leader", "牵头领导": "leader", "分管领导": "leader", "责任人": "leader",
    "牵头单位": "owner", "牵头部门": "owner", "主责单位": "owner",
    "责任单位": "co", "配合单位": "co", "协办单位": "co", "参与单位": "co", "责任部门": "co", "配合部门": "co",
}
_BRACKET_RE = re.compile(r"[（(]([^（）()]*)[)）]")
_DEPT_RE = re.compile(r"(局|委|办|厅|院|委员会|政府|集团|公司|中心|分局|管委会|乡镇|街道|办事处|单位|部|队|站|所|行|社|镇|馆|署)$")
_NAME_SPLIT = re.compile(r"[、,，/／\n]+")

# due dates from the words
_DUE_MONTH_RE = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份)?前?(?=前|底|末|内|完成|建成|投入|投用|动工|开工|竣工|$)")
_DUE_DAY_RE = re.compile(r"(\d{1,2})月(\d{1,2})日前")
_DUE_QUARTER_RE = re.compile(r"([一二三四1-4])季度(?:末|底)?前?")
_DUE_HALF_RE = re.compile(r"上半年|年中")
_DUE_YEAR_RE = re.compile(r"年内|年底|年末")
# a year written before the deliverable it ends with (利咸高速2026年建成通车, 351国道2027年完工)
_DUE_IN_YEAR_RE = re.compile(r"((?:19|20)\d\d)年(?:底前?|内)?(?=建成|完工|竣工|全面贯通|全线贯通|贯通|通车|投用|投运|投产|开工)")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# deliverables without a figure, and their default stages
_MS_LEAD_RE = re.compile(r"^(?:[（(]\d{1,2}[)）]|[\u2460-\u24ff\u2776-\u2793]|[一二三四五六七八九十]+是|科学|加快|积极|大力|扎实|高质量|高标准|有序|稳步|力争|争取|确保|全面|年内|全年|分批|按期|如期|基本|全力|力促|推动|实现|年底前?|年末前?|上半年|年中"
                         r"|[一二三四1-4]季度(?:末|底)?前?|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末)?前?|于|在)*")
_MS_START = [
    (re.compile(r"^(?:建成投运|建成投用|建成启用|建成并投入使用|建成\S*并投入(?:使用|运营))"), "建成投运"),
    (re.compile(r"^(?:建成通车|实现通车)"), "通车"),
    (re.compile(r"^(?:开工建设|新开工|开工|启动实施|启动建设|启动)"), "开工"),
    (re.compile(r"^(?:完成|通过)\S*(?:验收|验证|认证)"), "验收"),
    (re.compile(r"^(?:完成)\S*(?:编制|修编)"), "编制"),
    (re.compile(r"^(?:完成)\S*(?:批复|审批|报批)"), "批复"),
    (re.compile(r"^(?:建成|竣工|完工|迁建|新建成)"), "建成"),
    # a building or a work to make, named after its verb: 新建界牌中学教学楼, 改扩建…医院, 异地新建…幼儿园
    (re.compile(r"^(?:异地新建|新建|改扩建|扩建|续建|重建)(?!成)"), "建成"),
    # a facility to make: 打造食用菌酵素生产基地 (打造…高地, 打造…课堂 are no facility; 加快建设… is going on)
    (re.compile(r"^打造\S*(?:基地|产业园|工业园|园区|厂房|生产线)$"), "建成"),
    # the work on a thing named first: 对马畅中小…等学校运动场地进行改造
    (re.compile(r"^对\S*进行(?:改造|提升改造|改扩建|维修改造|维修|修缮|整治)$"), "完成"),
    # a trial phase begun: 奈瑞可韦开展Ⅲ期临床试验 (the drug named before the verb)
    (re.compile(r"^(?:\S{0,12}?)(?:开展|启动|进入)\S*临床(?:试验|研究)$"), "开工"),
    (re.compile(r"^(?:成功创建|创建|争创|创成)"), "创建"),
    (re.compile(r"^(?:投运|投入运营|投入运行|投入使用|投产|投用|启用|独立运营)"), "投运"),
    (re.compile(r"^(?:纳入|入选|挂牌)"), "纳入"),
    (re.compile(r"^(?:制定|出台|印发)\S*(?:清单|计划|方案|规划|办法|意见|细则)"), "编制"),
    (re.compile(r"^(?:编制|修编)\S*(?:规划|方案|纲要|计划)"), "编制"),
    (re.compile(r"^完成\S*(?:行动|改造|整治|搬迁|工程|项目|提升|建设)$"), "完成"),
]
_MS_END = [
    (re.compile(r"(?:建成通车|通车|全面贯通|全线贯通)$"), "通车"),  # 242国道忠堡绕镇公路2026年全面贯通
    (re.compile(r"(?:完工|竣工)$"), "建成"),  # 351国道2027年完工: a work named first, its end last
    (re.compile(r"(?:验收)$"), "验收"),
    (re.compile(r"(?:批复|获批)$"), "批复"),
    (re.compile(r"(?:建成投运|投运|投产|投入使用|投入运营|投入运行|建成运行|投用|启用|达产达效|达产)$"), "投运"),

    (re.compile(r"(?:编制完成|(?:规划|方案|纲要)\S{0,4}编制(?:工作)?)$"), "编制"),
]
# a construction work named as a list item, with no verb before it (民生实事: 城镇污水管网新建和改造工程,
# 1958文化园续建工程, 迎丰河排涝站除险加固改造工程, 2024年达标区建设项目, 新西门桥拆除重建): the work
# done is the deliverable. A programme (防治工程, 浸润工程, 能力提升工程) names no work to build, and
# 推进/加快/实施…改造工程 is the work going on, not its end.
_MS_WORK_RE = re.compile(r"(?:新建|改建|扩建|改造|续建|清淤|除险加固|提档升级|升级改造|村村通|管网|管道|道路|公路|桥梁?)\S{0,4}工程$"
                         r"|建设项目$|拆除重建$")
_MS_WORK_VERB_RE = re.compile(r"推进|推动|加快|加速|谋划|持续|继续|实施|开展|深化|争取|力争")
# a named facility to build, rebuild or open, said with a plain verb (as 民生实事 lists say them): 建设和顺新村
# 标准化卫生室, 智慧化改造环阅海湖绿道, 提升改造森林公园、毓秀公园、宝湖公园体育设施, 开设“灯火万家”青年夜校.
# The facility is named by its kind at the end; 加快/推进/持续… before the verb says the work goes on.
_FACILITY = (r"(?:卫生室|卫生院|医院|学校|小学|中学|幼儿园|夜校|食堂|驿站|服务站|服务中心|活动中心|图书馆|文化馆|体育馆"
             r"|养老院|公园|绿道|步道|广场|停车场|菜市场|体育设施|健身设施|场地设施)")
_MS_FACILITY = [
    (re.compile(r"^(?:建设|新建)\S*" + _FACILITY + "$"), "建成"),
    (re.compile(r"^\S{0,4}?(?:提升改造|改造提升|改造|改建|修缮)\S*" + _FACILITY + "$"), "完成"),
    (re.compile(r"^(?:开设|开办)\S*" + _FACILITY + "$"), "投运"),
]
# …如下: the document announcing itself (制定分工方案如下), no deliverable
_MS_VAGUE_RE = re.compile(r"^(?:一批|一些|若干|多个|一系列|各类)|(?:机制|体系|制度|氛围|模式|成果|水平|能力|范围|日程|如下)$")
# a deadline inside the clause, then the deliverable: 力捷迅…微球年内完成产业化工艺验证
_MS_DUE_INSIDE_RE = re.compile(r"(?:年内|年底前?|年末前?|上半年|年中|[一二三四1-4]季度(?:末|底)?前?"
                               r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末)?前)")
STAGES: dict[str, list[str]] = {
    "建成投运": ["未启动", "前期工作", "施工中", "已建成投运"],
    "通车": ["未启动", "施工中", "已建成通车"],
    "开工": ["未启动", "前期工作", "已开工"],
    "建成": ["未启动", "施工中", "已建成"],
    "验收": ["未启动", "验收准备", "已申请验收", "已通过验收"],
    "批复": ["未启动", "编制中", "已报审", "已批复"],
    "创建": ["未启动", "创建中", "已申报", "已命名"],
    "编制": ["未启动", "编制中", "评审中", "编制完成"],
    "投运": ["未启动", "施工中", "已投运"],
    "纳入": ["未申报", "已申报", "已纳入"],
    "完成": ["未启动", "推进中", "已完成"],
}
# 力争/争取 before a deliverable that has no figure (forms reads it for figures)
_STRETCH_RE = re.compile(r"力争|争取(?=实现|完成|建成|年内|全年|开工|获批|纳入|创|通过|启动|投运|达到|突破)")

_YEAR_RE = re.compile(r"((?:19|20)\d\d)年")
_CLAUSE_ENDS = ",，。；;：:、"


_LABEL_RE = re.compile("(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:：]")
_LEAD_CO_RE = re.compile(r"^\s*(.+?)牵头\s*[，,；;]\s*(.+?)(?:配合|参与|协助)\s*$")  # 区发改局牵头，区财政局配合


def read_owners(inner: str) -> dict[str, list[str]] | None:
    """Leader, lead and co-responsible units from a bracket's words, or None if it names none."""
    labels = list(_LABEL_RE.finditer(inner))
    found: dict[str, list[str]] = {}
    if labels and not inner[:labels[0].start()].strip(" ;；,，"):
        for k, m in enumerate(labels):  # 牵头单位：A，配合单位：B、C / 责任领导：张三 牵头单位：…
            value = inner[m.end():labels[k + 1].start() if k + 1 < len(labels) else len(inner)]
            key = _LABELS[m[1]]
            names = [n.strip(" ;；。") for n in _NAME_SPLIT.split(value) if n.strip(" ;；。")]
            found.setdefault(key, []).extend(n for n in names if n not in found.get(key, []))
        return found
    m = _LEAD_CO_RE.match(inner)
    if m and all(_DEPT_RE.search(n.strip()) for part in (m[1], m[2]) for n in _NAME_SPLIT.split(part) if n.strip()):
        return {"owner": [n.strip() for n in _NAME_SPLIT.split(m[1]) if n.strip()],
                "co": [n.strip() for n in _NAME_SPLIT.split(m[2]) if n.strip()]}
    names = [n.strip() for n in _NAME_SPLIT.split(inner) if n.strip()]
    if names and all(len(n) <= 20 and _DEPT_RE.search(n) and not re.search(r"\d", n) for n in names):
        return {"owner": names}
    return None


_BRACKET_OPEN, _BRACKET_CLOSE = "（(“‘《【[", "）)”’》】]"


def trailing_bracket(body: str) -> tuple[int, str] | None:
    """(start, inner words) of the bracket that ends the line (（…）, (…), […], 【…】, nested ones
    included: [牵头单位:区卫健局;责任单位:各街办(新区)]), or None."""
    end = len(body.rstrip(" 。.;；"))
    if end == 0 or body[end - 1] not in _BRACKET_CLOSE:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        if body[i] in _BRACKET_CLOSE:
            depth += 1
        elif body[i] in _BRACKET_OPEN:
            depth -= 1
            if depth == 0:
                return (i, body[i + 1:end - 1]) if body[i] not in "“‘《" else None
    return None


def _cn_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if len(text) == 2 and text[0] == "十":
        return 10 + _CN_DIGITS.get(text[1], 0)
    return _CN_DIGITS.get(text)


def due_from_words(words: str, year: int) -> date | None:
    """The deadline the words set (6月底前 → 06-30, 三季度 → 09-30, 年内/年底 → 12-31), or None."""
    m = _DUE_DAY_RE.search(words)
    if m:
        try:
            return date(year, int(m[1]), int(m[2]))
        except ValueError:
            return None
    m = _DUE_MONTH_RE.search(words)
    if m:
        month = _cn_int(m[1])
        if month is not None and 1 <= month <= 12:
            return month_end(year, month)
    m = _DUE_QUARTER_RE.search(words)
    if m:
        q = _cn_int(m[1])
        if q is not None and 1 <= q <= 4:
            return month_end(year, q * 3)
    if _DUE_HALF_RE.search(words):
        return date(year, 6, 30)
    if _DUE_YEAR_RE.search(words):
        return date(year, 12, 31)
    m = _DUE_IN_YEAR_RE.search(words)
    if m and int(m[1]) == year:
        return date(year, 12, 31)  # 利咸高速2026年建成通车: the year the work ends, at its end
    return None


def later_year(words: str, year: int) -> str | None:
    """The note for a deliverable whose own year is after the plan's (351国道2027年完工): it is tracked to
    the plan year's end, the office to check; None when the words name no later year."""
    m = _DUE_IN_YEAR_RE.search(words)
    if m is None or int(m[1]) <= year:
        return None
    return f"原文写明{m[1]}年完成，晚于计划年度：草稿按本年年底跟踪，请核对"


def deliverable_tail(clause: str) -> str:
    """The closing deliverable words of a clause (建成通车, 投用…), or "": what the earlier
    items of "A、B建成通车" share."""
    body = clause.strip()
    for regex, _key in _MS_END:
        m = regex.search(body)
        if m:
            return body[m.start():]
    return ""


_BUILD_HEAD_RE = re.compile(r"^(?:异地新建|新建|改扩建|扩建|续建|重建|建设)")


def shared_head(clause: str, parts: list[tuple[int, int]]) -> str:
    """The build verb that a clause's first facility shares with the facilities named after it, or "":
    新建金凤区第二十三小学、二十八小学 builds two schools (each later name short, ending in a facility's
    kind, with no verb of its own)."""
    if len(parts) < 2:
        return ""
    first = _MS_LEAD_RE.sub("", clause[parts[0][0]:parts[0][1]].strip())
    m = _BUILD_HEAD_RE.match(first)
    if m is None or milestone_stage(first) is None or not re.search(_FACILITY + "$", first):
        return ""
    for x, y in parts[1:]:
        name = clause[x:y].strip()
        if len(name) > 16 or milestone_stage(name) or not re.search(_FACILITY + "$", name):
            return ""
    return m.group()


def milestone_stage(clause: str) -> str | None:
    """The kind of deliverable a clause without a figure names (a key of ``STAGES``), or None."""
    body = _MS_LEAD_RE.sub("", clause.strip())
    body = re.sub(r"(?<=\S)[（(][^（）()]{1,16}[)）]$", "", body)  # 简渎河清淤工程(香草河—南二环段): a note on the thing
    if len(body) < 4 or _MS_VAGUE_RE.search(body):
        return None
    for regex, key in _MS_START:
        m = regex.match(body)
        if m and (m.end() < len(body) - 1 or "\\S*" in regex.pattern):
            if _MS_VAGUE_RE.search(body[m.end():]):
                return None
            return key
    for regex, key in _MS_END:
        if regex.search(body):
            return key
    if _MS_WORK_RE.search(body) and not _MS_WORK_VERB_RE.search(clause):
        return "建成"
    for regex, key in _MS_FACILITY:
        if regex.match(body) and not _MS_WORK_VERB_RE.search(clause):
            return key
    inside = _MS_DUE_INSIDE_RE.search(body)
    if inside is not None and inside.start() >= 2:
        rest = body[inside.end():]
        for regex, key in _MS_START:
            m = regex.match(rest)
            if m and (m.end() < len(rest) - 1 or "\\S*" in regex.pattern) and not _MS_VAGUE_RE.search(rest[m.end():]):
                return key
    return None


# 增速高于全市1个百分点: a figure judged against another's (the benchmark's, published later) plus a
# margin in points; 低于全省平均水平N个百分点 the same, below
_MARGIN_RE = re.compile(r"(高于|快于|超过|超出|高出|低于|慢于)((?:全国|全省|全市|全区|全县|全州|省|市|区|县)[^，,；;。\d]{0,8}?)$")


def benchmark_margin(before: str) -> tuple[str, str, str] | None:
    """(comparator, benchmark, the words) when the words before a figure in points compare it with a
    benchmark (高于全市 → ge, 全市), or None."""
    m = _MARGIN_RE.search(before)
    if m is None:
        return None
    return ("le" if m[1] in ("低于", "慢于") else "ge"), m[2].strip("的"), m[0]


def detect_year(text: str, default: int) -> tuple[int, str]:
    """The plan year the text names most often, and a note on how it was found."""
    years = Counter(int(m[1]) for m in _YEAR_RE.finditer(text)
                    if not re.match(r"远景|前|以前|以后|末", text[m.end():m.end() + 2])
                    and not re.search(r"(?:到|至|同|—|-|~)$", text[max(0, m.start() - 1):m.start()]))
    if not years:
        return default, f"原文未写年份，草稿暂按 {default} 年，待核实"
    best = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return best, f"草稿按原文中出现最多的年份推定为 {best} 年，待核实"


def _excuse_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The words to quote for a number that is no commitment: its quoted name, [n], 1., 107国道."""
    left = text.rfind("“", max(0, start - 40), start)
    right = text.find("”", end, end + 40)
    if left != -1 and right != -1 and not re.search(r"[。”\n]", text[left + 1:start] + text[end:right]):
        return left, right + 1
    if start > 0 and text[start - 1] in "[【（(" and end < len(text) and text[end] in "]】）)":
        return start - 1, end + 1  # [3], （2）
    a, b = start, end
    while a > 0 and re.match(r"[A-Za-z]", text[a - 1]):
        a -= 1
    if b < len(text) and text[b] in ".．、":
        b += 1
    n = 0
    while b < len(text) and n < 3 and re.match(r"[\u4e00-\u9fff]", text[b]):
        b += 1
        n += 1
    return a, b


def excuse_numbers(text: str, targets: list[DraftTarget], excuses: list[DraftExcuse],
                   review: list[tuple[int, int]] | None = None,
                   guidance: list[tuple[int, int]] | None = None) -> None:
    """Add an excuse for every number of ``text`` no entry's source holds (for ``coverage``);
    in the ``review`` spans (paragraphs about the year past) the whole clause is quoted, in the
    ``guidance`` spans (总体要求: meetings, strategies, slogans) a number without a reason is a name."""
    from ..coverage import find_numbers

    covered: list[tuple[int, int]] = []

    def cover(words: str) -> None:
        i = text.find(words)
        while i != -1:
            covered.append((i, i + len(words)))
            i = text.find(words, i + 1)

    for words in {t.source for t in targets} | {e.text for e in excuses}:
        cover(words)
    known = {e.text for e in excuses}
    for t in targets:  # a goal restated further on (城镇调查失业率5.5%左右，体现了…): said so, once
        core = re.split(r"[:：]", t.source)[-1]
        j = text.find(core) if t.target is not None and len(core) >= 4 else -1
        while j != -1:
            if not t.offset <= j < t.offset + len(t.source):
                k = j + len(core)
                k += k < len(text) and text[k] in _CLAUSE_ENDS
                while k < len(text) and k < j + len(core) + 20 and text[k] not in _CLAUSE_ENDS + "\n":
                    k += 1
                words = text[j:k]
                if words != core and text.count(words) == 1 and words not in known:
                    known.add(words)
                    excuses.append(DraftExcuse(words, reasons.REASONS["restated"][0]))
            j = text.find(core, j + 1)
    for start, end, _token in find_numbers(text):
        if any(a <= start and end <= b for a, b in covered):
            continue
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le == -1 else le
        reason = reasons.is_not_commitment(text[ls:le], (start - ls, end - ls))
        in_review = any(a <= start < b for a, b in review or ())
        if in_review:
            a = max(text.rfind(ch, ls, start) for ch in _CLAUSE_ENDS) + 1
            a = max(a, ls)
            b = min([j for j in (text.find(ch, end, le) for ch in _CLAUSE_ENDS) if j != -1] or [le])
            if reason not in ("year", "date", "list-number", "footnote"):
                reason = "review"
        else:
            a, b = _excuse_span(text, start, end)
            if reason is None and any(x <= start < y for x, y in guidance or ()):
                reason = "name"
        words = text[a:b]
        if words in known:
            continue
        known.add(words)
        if reason is None:
            excuses.append(DraftExcuse(words, "待核实：草稿未能判断这个数字是否为目标", unsure=True))
        else:
            excuses.append(DraftExcuse(words, reasons.REASONS.get(reason, (reason, reason))[0]))
        cover(words)


def assign_ids(targets: list[DraftTarget], all_targets: list[DraftTarget] | None = None) -> None:
    """Ids from the 序号 ("3", "3-2" when an item holds several entries), else t-001…; resolve
    the ``#index`` references of parents and relations to those ids."""
    by_no: Counter[str] = Counter(t.no for t in targets if t.no)
    used: set[str] = set()
    count: Counter[str] = Counter()
    serial = 0
    for t in targets:
        if t.no:
            count[t.no] += 1
            cand = t.no if by_no[t.no] == 1 else f"{t.no}-{count[t.no]}"
        else:
            serial += 1
            cand = f"t-{serial:03d}"
        while cand in used:
            cand += "x"
        used.add(cand)
        t.id = cand
    pool = all_targets if all_targets is not None else targets
    ids = {f"#{i}": t.id for i, t in enumerate(pool) if t.id}
    for t in targets:
        if t.parent is not None:
            t.parent = ids.get(t.parent)
        if t.relation_to is not None:
            t.relation_to = ids.get(t.relation_to)


# names and periods with a Chinese count: 二十届二中、三中全会, 第三次会议, “十四五”, "新两翼" (a numeral inside a
# short quoted name), 十周年 (an anniversary), 三年行动 (a plan's period), 两会 (the congress and the conference
# meeting together), 第一方阵 (a rank)
_CN_NAME_RE = re.compile(r"[一二三四五六七八九十]+(?=届|中全会|中[、，,和及]|次(?:全会|会议)|五[”\"]|五规划|周年|年(?:行动|计划|规划))"
                         r"|(?<=[“\"])[一二三四五六七八九十两百千万]+(?=[^“”\"\n]{0,16}[”\"])"  # “百千万工程”, “一轴两圈…”
                         r"|(?<![一二三四五六七八九十])两(?=会)|(?<=第)[一二三四五六七八九十]+(?=方阵|梯队)"  # 全国两会; 第一方阵 (a rank)
                         r"|(?<![一二三四五六七八九十])[两三四五六七八九十](?=业融合|链融合)"  # 两业融合: two sectors merged
                         r"|(?<=[“\"][\u4e00-\u9fff])[一二三四五六七八九十两]+(?=[^“”\"\n]{0,5}[”\"])")


def excuse_names(text: str, targets: list[DraftTarget], excuses: list[DraftExcuse]) -> None:
    """Excuse the Chinese numerals of names that ``coverage`` does not count as numbers (二十届二中、
    三中全会, “十四五”, “八八战略”, “三个信心”), so that the not_commitments say what they are too."""
    covered = [(i, i + len(w)) for w in {t.source for t in targets} | {e.text for e in excuses}
               for i in _find_all(text, w)]
    known = {e.text for e in excuses}
    for m in _CN_NAME_RE.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in covered):
            continue
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        le = len(text) if le == -1 else le
        reason = reasons.is_not_commitment(text[ls:le], (m.start() - ls, m.end() - ls))
        if reason not in ("name", "code", "ordinal", "date"):
            continue
        a, b = _excuse_span(text, m.start(), m.end())
        words = text[a:b]
        if words not in known:
            known.add(words)
            excuses.append(DraftExcuse(words, reasons.REASONS[reason][0]))
            covered += [(i, i + len(words)) for i in _find_all(text, words)]


def _find_all(text: str, words: str) -> list[int]:
    out, i = [], text.find(words) if words else -1
    while i != -1:
        out.append(i)
        i = text.find(words, i + 1)
    return out
