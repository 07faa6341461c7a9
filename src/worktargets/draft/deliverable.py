"""Deliverables without a figure (milestones): how the reports' language says that a work is to be
finished or reached this year, read as one reading rather than a list of sentences.

The reading (drawn from the milestones the drafter missed or invented on unseen text, rounds 6–8 of
tests/material/README.md):

1. **An end word says the deliverable.** The state a work is to reach is said by a small set of words:
   建成 (not 建成区), 竣工, 完工, 封顶, 投用/投运/投产/投入使用/交付使用/启用/开业/开学/对外开放/开通/并网/通水/上线,
   达产(达效),
   通车/通航/贯通, 开工/动工/开建, 通过…验收/评审/认定, 获批/批复, 纳入/入选/挂牌/揭牌, 创成/创建成功, 编制完成,
   (…改造)完成. Wherever it stands, it names the stage: at the start the
   object follows it (建成…产业园, 开工建设…学校), at the end or in the middle the object comes before it
   (…项目达产达效, …铁路纳入国家建设规划, 207国道…等一批在建项目竣工通车). The last end word of the clause wins
   (完成…编制 is 编制, 新建…投入使用 is 投运). Words that urge (加快, 推进, 推动) do not undo an end word:
   加快建成…, 推进…开工建设 still promise the end; 早日/尽快 before it do (no date is promised: …早日开工).
   The object before an end word is the words since the last 、, less words of manner and time (集中, 陆续,
   秋季…): 项目会办、集中开工 names none. 纳入/入选 put a work on a list or a plan (…规划, …名录, …试点, …库):
   纳入帮扶 is a policy, no deliverable.
2. **A start verb with a named object says it too.** 完成 + a work (…改造, …治理, …整治, …搬迁, …工程, …项目, …前期),
   创建/争创 + what is created, 制定/出台/印发/编制 + a plan (规划, 方案, 计划, 清单…).
3. **A make verb with a named work.** Without an end word, a verb of making — build (新建, 改扩建, 扩建, 续建,
   迁建, 重建, 建设), rebuild (改造, 提升改造, 改造提升, 改建, 修缮, 整治, 治理, 对…进行改造), open (开设, 开办) —
   followed by a named work, whose last noun is a kind of work or facility (路, 桥, 航道, 码头, 学校, 医院, 卫生室,
   公园, 绿道, 夜校, 基地, 产业园, 管网, 工程, 项目…), is the work to be done this year. A work named alone as a
   list item, its verb inside the name (城镇污水管网新建和改造工程, …道路项目, …立交工程, 新西门桥拆除重建), is
   the same deliverable. A programme (…防治工程, …浸润工程, …能力提升工程) names no work to build, …等关键项目
   sums up works named before, and an object named only by its kind and where it lies (城乡道路, 农村公路,
   老旧小区) is a class of works, counted when a figure is given, no one deliverable.
4. **What turns a clause into ongoing work.** A word of going on governing the make verb — 加快, 推进, 推动, 加速,
   持续, 继续, 深化, 谋划, 实施, 开展 (加快建设…, 推进…建设, 持续改造提升…) —, a vague object (一批, 若干, 各类; …机制,
   …体系, …水平, …能力, …范围), a nominal use of the verb (…创建, …建设 as the clause's last word), and the past:
   已/已经/目前已 before the end word, or a day's date without 前 (5月31日正式通车 reports an event).
5. **Finding the object across 、, 和 and clauses** is text.py's (A、B建成通车 share the end word, 新建A小学、
   B小学 the verb, 新建城东小学，9月底前投入使用 takes its stage from the next clause).
6. **A list of named works is that many deliverables** (round 9: …项目为：A项目、B项目…; 领域2个，包括A项目、B项目).
   A clause whose 、 parts are each a *name* — ending in 项目, 工程 or a kind of work or facility, a note in
   brackets after it allowed (…项目(一期)) — after a list's lead (为：, 包括, 分别是, 主要有…) states no stage of its
   own: the list itself is the promise, and each name that is a work is a deliverable with its kind's stage. A
   name is a work when it reads so alone (rules 1–3), when a make verb stands inside it (…建设项目, …改扩建项目,
   …改造项目, 加装电梯项目, …修复项目, …硬化项目, …整治项目), or when it is a 工程 (engineering works: …“除盲”工程);
   a 项目 with no make verb and no facility before it is a service or an aim (免费体检项目, 水质提升项目, 创业就业
   提质项目), and a programme (…提升/提质/示范/惠民…工程|项目) names no work to finish. Whether the list is
   promised or reported is said by the sentence, as a rule of the language: the works reported done (已建成,
   均已完成, …全部完成, 建成了) or listed under an earlier year (2025年实施的…) are the past, no deliverable;
   a list heading of this year's works (今年的实事, 2026年…项目为) is the promise (text.py skips the review
   parts and sentences before it asks).
"""

from __future__ import annotations

import re

__all__ = ["milestone_stage", "deliverable_tail", "shared_head", "listed_works", "listed_in_past", "STAGES",
           "MS_LEAD_RE", "FACILITY"]

# what stands before the words of the deliverable: numbering, and words of manner, commitment and time
MS_LEAD_RE = re.compile(r"^(?:[（(]\d{1,2}[)）]|[\u2460-\u24ff\u2776-\u2793]|[一二三四五六七八九十]+是|科学|加快|积极|大力|扎实|高质量|高标准|有序|稳步|力争|争取|确保|全面|年内|全年|分批|按期|如期|基本|全力|力促|推动|实现|年底前?|年末前?|上半年|年中"
                        r"|[一二三四1-4]季度(?:末|底)?前?|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末)?前?|于|在)*")

# 1. the end words, by the stage they name (longest first where one holds another)
_END_WORDS: list[tuple[str, str]] = [
    ("建成投运", r"建成投运|建成投用|建成启用|建成并投入(?:使用|运营)"),
    ("通车", r"建成通车|竣工通车|实现通车|通车(?!里程)|通航|全面贯通|全线贯通|贯通"),
    ("开工", r"开工建设|新开工|开工(?!率)|动工|开建|进场施工"),
    ("验收", r"通过\S{0,8}?(?:验收|评审|认定|审查)|验收(?=$|并)|(?:验证|认证)(?=$|并)"),
    ("批复", r"获批|批复(?=$)"),
    ("投运", r"投入使用|投入运营|投入运行|建成运行|交付使用|投运|投产|投用|启用|达产达效|达产|独立运营|开业(?=$)|开学(?=$)|对外开放(?=$)"
             r"|开通(?:运营|运行)?(?=$)|并网(?:发电)?|通水(?=$)|(?<!线)上线(?:运行)?(?=$)"),
    ("建成", r"新建成|建成(?!区|率)|竣工|完工|(?:主体)?封顶"),
    ("纳入", r"纳入|入选|挂牌|揭牌"),
    ("创建", r"创建成功|创成"),
    ("编制", r"编制完成|(?<=规划|方案|纲要)\S{0,4}编制(?:工作)?(?=$)"),
    ("完成", r"(?<=改造|建设|搬迁|整治|治理|提升|修缮)\S{0,2}完成(?=$)|完成(?:改造|建设|搬迁|整治|治理|修缮)(?=$)"),
]
_END_RE = re.compile("|".join(f"(?P<e{i}>{words})" for i, (_k, words) in enumerate(_END_WORDS)))
# 2. start verbs whose object says what is reached
_START = [
    (re.compile(r"^(?:启动实施|启动建设|启动)(?=\S{2})"), "开工"),
    (re.compile(r"^(?:成功创建|创建|争创)(?=\S{2})"), "创建"),
    # a body set up: 成立区国有资本投资运营公司, 组建…集团 (an office, a company, a centre)
    (re.compile(r"^(?:挂牌成立|成立|组建)\S{2,}(?:公司|集团|中心|协会|联盟|基金|研究院)$"), "完成"),
    (re.compile(r"^(?:制定|出台|印发|编制|修编)\S*(?:清单|计划|方案|规划|办法|意见|细则|纲要)"), "编制"),
    (re.compile(r"^完成\S*(?:改造|治理|整治|搬迁|工程|项目|提升|建设|行动|前期(?:工作)?)$"), "完成"),
    # a trial phase entered: 奈瑞可韦开展Ⅲ期临床试验 (the drug named before the verb)
    (re.compile(r"^\S{0,12}?(?:开展|启动|进入)\S*临床(?:试验|研究)$"), "开工"),
]
# 3. the kinds of work and facility that end a named work's name
FACILITY = (r"(?:卫生室|卫生院|医院|学校|小学|中学|校区|幼儿园|教学楼|夜校|食堂|驿站|服务站|服务中心|活动中心|图书馆|文化馆"
            r"|体育馆|养老院|敬老院|公园|绿道|步道|广场|停车场|菜市场|农贸市场|体育设施|健身设施|场地设施)")
_WORK = (r"(?:" + FACILITY[3:-1] + r"|大道|公路|道路|路|街|桥|大桥|隧道|航道|码头|铁路|管网|管道|泵站|水库|堤防|渠|闸|基地"
         r"|产业园|工业园|园区|厂房|厂|生产线|楼|馆|站|院|仓|(?:服务|活动|指挥|医疗|文化|体育|养老|数据|物流|会展|调度|检测"
         r"|救助|培训|党群服务)中心|运动场|体育场|操场|屠宰场|工程|项目)")
_MAKE = [  # verb, stage, what its object must end with
    (r"异地新建|新建|改扩建|扩建|续建|迁建|重建", "建成", r"\S{2,}"),
    (r"建设", "建成", r"\S*" + _WORK),
    (r"打造", "建成", r"\S*(?:基地|产业园|工业园|园区|厂房|生产线)"),  # 打造…高地, 打造…课堂 are no work
    (r"\S{0,4}?(?:提升改造|改造提升|升级改造|改造|改建|修缮|整治|治理)", "完成", r"\S*" + _WORK),
    (r"开设|开办", "投运", r"\S*" + FACILITY),
]
_MAKE_RE = [(re.compile(f"^(?:{verb})(?!成)({obj})$"), key) for verb, key, obj in _MAKE]
_FOR_WORK_RE = re.compile(r"^[对将]\S+进行(?:改造|提升改造|改扩建|维修改造|维修|修缮|整治)$")  # 对…进行改造, 将207国道…进行改造
# a work named alone, its verb or its kind inside the name: 城镇污水管网新建和改造工程, 浔阳区武装部南侧道路项目
_NAMED_WORK_RE = re.compile(r"(?:新建|改建|扩建|改造|续建|清淤|除险加固|提档升级|升级改造|村村通|管网|管道|道路|公路|桥梁?|立交"
                            r"|大道|隧道|医院|学校|小学|中学|幼儿园|楼|馆|水厂|处理厂|电站|水库)\S{0,4}(?:工程|项目)$"
                            r"|建设项目$|拆除重建$")
# 4. what makes a clause ongoing, vague or past
_GOING_ON_RE = re.compile(r"推进|推动|加快|加速|谋划|持续|继续|实施|开展|深化")
_VAGUE_RE = re.compile(r"^(?:一批|一些|若干|多个|一系列|各类|更多)|(?:机制|体系|制度|氛围|模式|成果|水平|能力|范围|日程|如下)$")
_MANNER_RE = re.compile(r"(?:集中|统一|陆续|同步|全部|顺利|正式|如期|按期|基本|全面|秋季|春季|年内|年底前?)+$")
_LIST_RE = re.compile(r"规划|名录|名单|试点|计划|库|目录|序列|清单|项目")
# a make verb's object named by its kind and where it lies, no one work: 更新改造城乡道路, 改造老旧小区
_KIND_ONLY_RE = re.compile(r"(?:城乡|城镇|农村|乡村|城区|全[县市区省]|各[类级地]?|老旧|背街)")
_UNDATED_RE = re.compile(r"(?:早日|尽快|及早)$")  # …早日开工: no date promised
_PAST_RE = re.compile(r"(?:已经?|业已|均已)\S{0,4}$|(?:\d{1,2}月)?\d{1,2}日(?!前)\S{0,3}$")

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


def _end_word(body: str) -> tuple[str, int, int] | None:
    """The last end word of the clause whose object is there (rule 1): (stage, start, end), or None."""
    found = None
    for m in _END_RE.finditer(body):
        key = _END_WORDS[int(next(g for g, v in m.groupdict().items() if v is not None)[1:])][0]
        before, after = body[:m.start()], body[m.end():]
        if _UNDATED_RE.search(before) or _PAST_RE.search(before):
            found = None  # …早日开工, 目前已全面完工: no deliverable of this year
            continue
        if _VAGUE_RE.search(after) or _VAGUE_RE.search(before):
            continue
        own = _MANNER_RE.sub("", MS_LEAD_RE.sub("", before.split("、")[-1]))  # 项目会办、集中开工: 集中 is no object
        if m.group().startswith(("纳入", "入选")) and not _LIST_RE.search(after):
            continue  # 纳入帮扶 is a policy; a work is put on a list or a plan (纳入国家建设规划)
        if (m.start() == 0 and (len(after) >= 2 or not after)) or (len(own) >= 2 and (len(after) <= 8 or after[:1] in "并和")):
            # (the end word alone, 9月底前投入使用, takes its object from the clause before: text.py)
            found = (key, m.start(), m.end())
    return found


def milestone_stage(clause: str) -> str | None:
    """The kind of deliverable a clause without a figure names (a key of ``STAGES``), or None."""
    body = MS_LEAD_RE.sub("", clause.strip())
    body = re.sub(r"(?<=\S)[（(][^（）()]{1,16}[)）]$", "", body)  # 简渎河清淤工程(香草河—南二环段): a note on the thing
    if len(body) < 4 or _VAGUE_RE.search(body):
        return None
    end = _end_word(body)
    if end is not None:
        return end[0]
    for regex, key in _START:
        m = regex.match(body)
        if m and not _VAGUE_RE.search(body[m.end():]):
            return key
    going_on = _GOING_ON_RE.search(clause)
    if going_on is not None:
        return None  # 加快建设…, 推进…改造工程, 持续改造提升…: the work goes on
    if _FOR_WORK_RE.match(body):
        return "完成"
    if _NAMED_WORK_RE.search(body) and not re.search("[等、]", body):  # …等关键项目 sums up works named before
        return "建成"
    for regex, key in _MAKE_RE:
        made = regex.match(body)
        if made and not _KIND_ONLY_RE.match(made[1]) and not _VAGUE_RE.search(made[1]):
            return key
    return None


def deliverable_tail(clause: str) -> str:
    """The closing end words of a clause (建成通车, 投用…), or "": what the earlier items of "A、B建成通车" share."""
    body = clause.strip()
    end = _end_word(MS_LEAD_RE.sub("", body))
    if end is None or end[1] == 0:
        return ""
    tail = body[len(body) - len(MS_LEAD_RE.sub("", body)) + end[1]:]
    return tail


_BUILD_HEAD_RE = re.compile(r"^(?:异地新建|新建|改扩建|扩建|续建|重建|建设)")


def shared_head(clause: str, parts: list[tuple[int, int]]) -> str:
    """The build verb that a clause's first facility shares with the facilities named after it, or "":
    新建金凤区第二十三小学、二十八小学 builds two schools (each later name short, ending in a facility's
    kind, with no verb of its own)."""
    if len(parts) < 2:
        return ""
    first = MS_LEAD_RE.sub("", clause[parts[0][0]:parts[0][1]].strip())
    m = _BUILD_HEAD_RE.match(first)
    if m is None or milestone_stage(first) is None or not re.search(FACILITY + "$", first):
        return ""
    for x, y in parts[1:]:
        name = clause[x:y].strip()
        if len(name) > 16 or milestone_stage(name) or not re.search(FACILITY + "$", name):
            return ""
    return m.group()


# 6. a list of named works: each part a name ending in a kind of work or facility (or 项目, 工程)
_LIST_LEAD_RE = re.compile(r"^(?:主要包括|具体包括|分别包括|包括|包含|分别是|分别为|主要有|具体为|依次为|即)")
_NOTE = r"(?:[（(][^（）()]{1,10}[)）])?"
_NAME_END_RE = re.compile(r"(?:项目|工程|" + _WORK[3:-1] + r")" + _NOTE + "$")
_PROJECT_END_RE = re.compile(r"(?:项目|工程)" + _NOTE + "$")
_LISTED_MAKE = [(re.compile(r"新改建|新建|改扩建|扩建|迁建|续建|重建|建设"), "建成"),
                (re.compile(r"改造|改建|加装|修复|整治|治理|硬化|清淤|除险加固|修缮|拆除"), "完成")]
_PROGRAMME_RE = re.compile(r"(?:提升|提质|示范|惠民|关爱|帮扶|服务|保障|防治|浸润|行动|计划|发展)(?:工程|项目)" + _NOTE + "$")
_FACILITY_BEFORE_RE = re.compile(_WORK + r"\S{0,2}(?:项目|工程)" + _NOTE + "$")


def _listed_stage(name: str) -> str | None:
    """The stage of one name of a list of works (rule 6), or None when it names a service, an aim or a programme.
    The make verb inside a project's name says its kind (…改造项目 is finished, 完成; …建设项目 built, 建成)."""
    project = _PROJECT_END_RE.search(name) is not None
    if project and not _PROGRAMME_RE.search(name):
        for verb, key in _LISTED_MAKE:
            if verb.search(name):
                return key
    alone = milestone_stage(name)
    if alone is not None:
        return alone
    if _VAGUE_RE.search(name) or _GOING_ON_RE.search(name):
        return None
    if not project:  # a facility named alone: 城南小学, 县人民医院
        return "建成" if len(name) >= 5 else None
    if _PROGRAMME_RE.search(name):
        return None
    if re.search("工程" + _NOTE + "$", name) or _FACILITY_BEFORE_RE.search(name):
        return "完成" if "工程" in name[-6:] else "建成"
    return None


def listed_works(clause: str) -> list[tuple[int, int, str]]:
    """The deliverables of a clause that is a list of named works (rule 6): (start, end, stage) of each name that is
    a work; [] when the clause is no such list (fewer than two names, or a part that is no name)."""
    lead = _LIST_LEAD_RE.match(clause)
    start = lead.end() if lead else 0
    parts, at = [], start
    depth = 0
    for i, ch in enumerate(clause[start:] + "、", start):
        depth += 1 if ch in "（(“" else -1 if ch in "）)”" else 0
        if ch == "、" and depth <= 0:
            parts.append((at, i))
            at = i + 1
    if len(parts) < 2:
        return []
    out = []
    for x, y in parts:
        name = clause[x:y].strip()
        if len(name) < 4 or not _NAME_END_RE.search(name) or "等" in name:
            return []  # …等项目 sums up; a part that is no name: no list of works
        key = _listed_stage(name)
        if key is not None:
            out.append((x, y, key))
    return out


_LIST_PAST_RE = re.compile(r"(?:已经?|均已|业已)\S{0,4}(?:建成|完成|完工|竣工|开工|投用|投入使用|启动|实施)"
                           r"|(?:建成|完成|完工|竣工|开工|启动|投用|实施)了|全部\S{0,4}完成|顺利完成|落地见效")


def listed_in_past(lead: str, tail: str, year: int) -> bool:
    """Whether a list of named works is reported done rather than promised (rule 6): the completion words of the
    sentence around it (已建成, …全部完成, 实施了), or an earlier year before the list (2025年实施的…项目包括)."""
    if _LIST_PAST_RE.search(lead) or _LIST_PAST_RE.search(tail):
        return True
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)年", lead)]
    return bool(years) and max(years) < year
