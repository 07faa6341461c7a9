"""Why a number of a report is no commitment, and whether words speak of the year past.

API (also served as ``forms.is_not_commitment``, ``forms.tense``, ``forms.REASONS``):

    is_not_commitment(clause, span) -> str | None: why the number at ``span`` is no commitment, a key of
        REASONS ("list-number", "year", "date", "code", "name", "parts", "scope", "beneficiary", "spec",
        "threshold": 收入10万元以上村45个 — the 10万元 says which villages count, …), or None.
    tense(text) -> "review" | "plan" | None: words of the year past (去年, 过去一年) or of the plan (今年,
        预期目标, 力争…); None when the words do not say.
    REASONS: dict[str, tuple[str, str]] — reason → (zh, en) words for not_commitments.

(Moved out of ``forms``, which reads the figures themselves, when it reached its size limit.)
"""

from __future__ import annotations

import re

from .forms import _CN_CHARS, _NUM, _SEPARATORS, _fold, _unit_at, find_figures, read_number

__all__ = ["is_not_commitment", "tense", "REASONS"]

REASONS: dict[str, tuple[str, str]] = {
    "list-number": ("条目序号", "a list number"), "year": ("年份", "a year"), "date": ("日期或月份", "a date or month"),
    "code": ("道路或规划编号", "a road or plan code"),
    "name": ("口号或名称", "a slogan or name"), "ordinal": ("序数词", "an ordinal word"),
    "review": ("回顾已完成的数字，不是今年的目标", "a figure of the year past, not this year's target"),
    "footnote": ("注释编号", "a footnote number"),
    "threshold": ("计数口径（所计对象的门槛），属于所在的承诺", "a threshold of what is counted, part of the commitment it sits in"),
    "parts": ("报告自身的条目数（N个方面、N件实事）", "a count of the report's own parts"),
    "scope": ("实施地点（在哪里做），不是工作量", "where the work is done, not a quantity of work"),
    "beneficiary": ("受益范围（做成后的效果），不是工作量", "who benefits, not a quantity of work"),
    "spec": ("规格（电压等级等），不是目标", "a specification (a voltage…), not a target"),
    "scale": ("所述项目的规模（总投资等），不是目标", "the size of the work it describes (its total investment), not a target"),
    "restated": ("复述上文已列的目标", "a target stated above, restated"),
}


# ---------------------------------------------------------------- not commitments

_REVIEW = re.compile(r"去年|上年度|过去一年|过去的一年|过去五年|过去的五年|一年来|五年来|回顾|刚刚过去|已经|已(?:完成|实现|建成)"
                     r"|(?:实现|完成|达到|增长|下降|建成|新增|突破|提高|减少|启动|开工|签约|举行|举办|确定|选出|征集|召开)了|较好完成|圆满完成"
                     # a news item of an event held (近日，…举行…集中开工…活动; 本次开工项目…): what was done there
                     r"|(?:近日|日前|昨天|昨日|今天上午|今天下午)[，,]?[^。；;]{0,30}(?:举行|举办|召开)|本次(?:开工|签约|集中|活动)")
_PLAN = re.compile(r"今年|明年|预期目标|主要目标|目标是|力争|争取|确保|计划|拟|将|要|年内|年底前|年末前|全年目标|20[2-3]\d年(?:的)?(?:主要)?目标")
_CODE_BEFORE = re.compile(r"[A-Za-z][A-Za-z]?$|〕$")  # S316, G351; 洋政发〔2024〕8号: a document's number
# 索引号：20230425-095005-528, 索 引 号 | H001/2020-37819: a page's index, each part (a label spaced out by the page)
_INDEX_BEFORE = re.compile(r"索\s*引\s*号\s*[:：|]?\s*[A-Za-z\d\-/]*$")
_PLAN_CODE = re.compile(r"[十]?[一二三四五六七八九十]五")
_NAME_AFTER = re.compile(r"[+＋]|大(?!于)|好|化|核|翼|心|带|区(?!县)|廊|圈|城(?!区)|级|星|A|G|个一|个(?:[一二三四五六七八九十])"
                         r"|过半|不|同|服|网|农|权|先|优|新|创|线|屏|环|群|基地|中心|工程(?=[”\"])")


# a date with its clock time, as a news item's dateline writes it: 2025-01-19 10:47:47, 2024/3/5, 10:47
_DATETIME = re.compile(r"(?:19|20)\d\d([-/.])\d{1,2}\1\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")


def _in_datetime(t: str, a: int, b: int) -> bool:
    lo = max(0, a - 20)
    return any(m.start() + lo <= a and b <= m.end() + lo for m in _DATETIME.finditer(t[lo:b + 20]))


def _quoted_counts(t: str, a: int) -> bool:
    """Whether position ``a`` sits inside a short quoted name holding two Chinese numerals or more
    (“一轴两圈四横四纵六支六联”, “两横三纵”): the numerals count the parts of a plan, not a target."""
    q = max(t.rfind("“", 0, a), t.rfind('"', 0, a))
    if q == -1 or any(c in t[q + 1:a] for c in '”"'):
        return False
    ends = [e for e in (t.find("”", a), t.find('"', a)) if e != -1]
    if not ends or min(ends) - q > 17:
        return False
    return sum(ch in "一二两三四五六七八九十" for ch in t[q + 1:min(ends)]) >= 2


_YEAR = re.compile(r"(?:^|(?<=[，,：:；;]))\s*(20\d\d)年(?![底末前内中])")  # opening a clause (丹阳市2024年… does not)


def tense(text: str, year: int | None = None) -> str | None:
    """"review" for words about the year past, "plan" for this year's, None when unsaid. Given the plan year, a
    sentence whose first year opening a clause is an earlier one, before any word of the plan, tells the past with no review word
    (此前…公布，2025年全区实现生产总值…; 2025年主要目标的完成): its goals are done."""
    t = _fold(text)
    review, plan = _REVIEW.search(t), _PLAN.search(t)
    first = _YEAR.search(t) if year is not None else None
    if first and int(first[1]) < year and (plan is None or plan.start() >= first.start()) \
            and not re.match(r"(?:年?(?:至|到|—|-|～|~)\s*20\d\d年)", t[first.end() - 1:]):
        return "review"
    if review and not plan:
        return "review"
    if plan and not review:
        return "plan"
    if review and plan:
        return "plan" if plan.start() < review.start() else "review"
    return None


def is_not_commitment(clause: str, span: tuple[int, int]) -> str | None:
    """Why the number at ``span`` is not a commitment (a REASONS key), or None."""
    t = _fold(clause)
    a, b = span
    if t[a:a + 1] == "双" or t.startswith("两个", a) and not t[a + 2:a + 3].isdigit():
        return "name"  # 双过半, 两个确保
    while a < b and not (t[a].isdigit() or t[a] in _CN_CHARS):
        a += 1  # the span may begin with its comparator (近, 超过…)
    num = _NUM.match(t, a)
    if num is None:
        return None
    nend = num.end()
    token = num.group()
    before, after = t[max(0, a - 12):a], t[nend:nend + 12]
    head = t[:a]
    # list numbers: at the start of the clause or a line, followed by 、 . ) or inside （）
    line_start = head.rstrip(" \t\u3000").endswith("\n") or not head.strip(" \t\u3000")
    if (line_start and re.match(r"\s*[、.)）:：]", after) or re.search(r"[(（]\s*$", before) and re.match(r"\s*[)）]", after)
            or re.search(r"附件\s*[:：]?$", before)):  # 附件:1.…, 附件1: an attachment's number
        return "list-number"
    if (num["ar"] and re.fullmatch(r"\d{1,2}", token) and re.search(r"(?:单位|局|委|办|公司|集团|街道|镇|乡|政府|中心)$", before)
            and re.match(r"[\u4e00-\u9fff]", after) and not _unit_at(after, 0) and not re.match(r"[年月日号]", after)):
        return "list-number"  # …配合单位1增加教育资源供给, …市国有公司2促进就业: a row's number between the cells of a table run together
    if line_start and re.fullmatch(r"0\d", token) and not after.strip(" \t\u3000")[:1].strip():
        return "list-number"  # 01 on a line of its own, the heading after it: an item's number written with a zero
    if _DATETIME.search(t[max(0, a - 11):nend + 9]) and _in_datetime(t, a, nend):
        return "date"  # a dateline: 2025-01-19 10:47:47
    if num["ar"] and (re.match(r"[·・]\d{1,2}(?!\d)", after) or re.search(r"(?<!\d)\d{1,2}[·・]$", before)):
        return "date"  # 5·23歌咏会, “4·27”重要讲话: a month and day naming an event
    if num["ar"] and "." in token and re.match(r"版(?!图)", after):
        return "name"  # 零基预算改革2.0版, 营商环境7.0版: a version of a reform, no figure
    if re.search(r"[\[［]$", before) and re.match(r"[\]］]", after):
        return "footnote"
    if before.endswith("第") or (num["cn"] and re.match(r"是|则|者|方面", after)):
        return "ordinal"
    if re.match(r"A+级|星级", after):
        return "name"  # 4A级景区, 五星级: a rating
    if num["ar"] and re.match(r"[#＃]\S?(?:楼|栋|号|幢|宿舍|教学|综合|住宅|厂房|车间)", after):
        return "name"  # 3#宿舍楼, 2#厂房: a building's number, part of its name
    if num["ar"] and re.match(r"国道|省道|县道|高速|线(?![索上下])", after):
        return "code"  # 107国道, 318线
    if _CODE_BEFORE.search(before) or _INDEX_BEFORE.search(head) or re.match(r"[A-Za-z]", after) and not re.match(r"(?:km2?|kg|m[23]?)(?![A-Za-z])", after):
        return "code"
    if num["cn"] and _PLAN_CODE.fullmatch(token) or re.match(r"[“\"]?[十]?[一二三四五六七八九十]五[”\"]?", t[a:a + 5]) and "五" in token:
        return "code"
    # years: 2022年, 二〇二二年, 2022—2025年, 2022-2025
    year_like = (num["ar"] and re.fullmatch(r"(?:19|20)\d\d", token)) or (num["cn"] and re.fullmatch(r"[〇零一二三四五六七八九]{4}", token))
    if year_like and (after.startswith(("年", "—", "-", "–", "~", "至", "到")) or not after[:1].isdigit()):
        unit = _unit_at(after.lstrip(), 0)
        if not unit or unit.startswith("年"):  # 更新公共自行车2000辆: a count in a unit, no year
            return "year"
    # dates and months: 6月底, 1—11月, 30日, 第三季度, 上半年
    if re.match(r"(?:[—\-–~～至到]\d{1,2})?(?:个?(?:月|季度|周|星期|小时|工作日)|日|号|时|点|天)", after) or re.search(r"\d月$", before) and after.startswith(("日", "号")):
        return "date"
    if re.match(r"(?:[—\-–~～至到]\d{1,2})?年(?!度)", after) and not re.match(r"年(?:均|增长)", after):
        return "date"  # a period: 3年, 近5年, 1—2年
    # slogans and names: 3+1, 五大行动, 双过半, 一核两翼, 六个一
    if re.match(r"\s*[+＋]", after) or re.search(r"[+＋]\s*$", before):
        return "name"
    if re.search(r"[“\"《][^”\"》]{0,6}$", before) and re.match(r"[^“”\"》]{0,8}[”\"》]", after):
        return "name"
    if num["cn"] and _quoted_counts(t, a):
        return "name"  # “一轴两圈四横四纵六支六联”: a quoted slogan counting its parts
    if num["cn"] and _NAME_AFTER.match(after):
        return "name"
    if num["cn"] and re.match(r"[个项大]", after) and re.match(r"[个项大].?[一二三四五六七八九十]", after):
        return "name"
    if num["cn"] and t.count(t[a:nend + 1]) >= 3 and _NUM.fullmatch(t[a:nend]):
        return "name"  # 问题发现一个、解决一个、销号一个: a slogan
    if num["cn"] and re.match(r"[业链]融合", after):
        return "name"  # 两业融合 (制造业和服务业), “四链”融合: the sectors or chains merged, named by their count
    if token == "两" and re.match(r"会(?!议|员)", after):
        return "name"  # 全国两会, 省两会: the two sessions (人大 and 政协) meeting together
    if re.match(r"届(?:人大|政协|党代会|全国|省委|市委|区委|县委|历次|[一二三四五六七八九十]+[中次])|次(?:会议|全会|党代会)", after) or (
            num["cn"] and re.match(r"中(?:全会|[、，,和及][一二三四五六七八九十]+中)", after)):
        return "name"  # 区二十届人大二次会议, 二十届二中、三中全会, 市委十二届历次全会: the name of a session
    if re.match(r"个?方面|件[^，,；;。\d]{0,4}?实事|页(?!岩)|件大?事|项(?:重点工作|重点任务|工作任务|具体任务|重点民生实事|民生实事|实事)"
                r"|个(?:牵头|责任|配合)单位|[大小]项(?:[、，,]\d+[大小]项)?(?:民生)?(?:实事|工作|任务)", after) or (
            re.search(r"(?:实事(?:项目)?|(?:工作|任务|实事|清单)[(（])$", before) and re.match(r"[项件条]", after)):
        return "parts"  # 七个方面, 十件民生实事, 明确133项具体任务, 涉及34个牵头单位, 民生实事项目40项, 牵头工作(8项), 15件重点民生实事,
        # 规划16大项、36小项民生实事
    if num["cn"] and re.match(r"[项大个](?:工程|行动|任务|活动|计划)", after) and "、" in re.split(r"[,，；;。]", head)[-1]:
        return "parts"  # 基础教育提升、医疗卫生发展、职业培训创新三项工程: the count of the names just listed
    listed = re.split(r"[,，；;。：:\n]", head)[-1].split("、")
    if (len(listed) >= 2 and 1 <= len(listed[-1].strip()) <= 6 and not re.search(r"\d", "".join(listed))
            and read_number(token) == len(listed) and re.match(r"[个项座处所条家]", after)):
        return "parts"  # 祁阳、冷水滩、零陵3个千吨级码头: a count written right after the names it counts, as many as they are
    follow = re.match(r"[个项件座所处条家]\s*[，,:：]?\s*(?:包括|分别是|分别为|主要有|为|即)[:：]?([^；;。\n]+)", t[nend:])
    if follow and read_number(token) == len(follow[1].split("、")):
        return "parts"  # 教育惠民领域2个，包括A项目、B项目: a count said right before the names it counts, as many as they are
    if re.search(r"投资(?:约|近|超)?$", before) and re.match(r"[万亿]?元的", after):
        return "scale"  # 总投资7.58亿元的县医院迁建项目: the size of the work named after it, no target of its own
    if re.search(r"年产(?:能)?(?:约|近)?$", before) and re.match(r"[^，,；;。]*?(?:项目|生产线|工厂|基地)", t[nend:]):
        return "scale"  # 年产3万吨电池级碳酸锂项目: the capacity in the name of the work, no target of its own
    if re.match(r"\s*(?:千伏|kV|KV|伏)", after):
        return "spec"  # 10千伏线路: a voltage level
    if re.match(r"周?岁(?:及?以上|及?以下)?的?(?:老|儿童|幼儿|婴|妇女|青少年|学生|人|居民|群众|女性|男性)", after):
        return "threshold"  # 80岁以上老人: which people count
    if re.match(r"(?:政务服务)?(?:便民)?(?:服务)?(?:热线|专线)|分钟[^，,；;。]{0,4}?(?:生活圈|服务圈|健身圈|就医圈|通勤圈|经济圈)", after):
        return "name"  # 12345热线, 15分钟便民生活圈
    if re.search(r"在(?:全[县市区])?$", before) and re.match(r"个?(?:乡镇|乡|镇|村|社区|街道|小区|县|区)", after):
        return "scope"  # 在17个乡镇硬化道路10万平方米: where the work is done
    if re.search(r"(?:惠及|受益|惠民(?=群众|居民|人口|家庭)|造福|有效(?:改善|提高|提升|缓解))[^，,；;。\d]{0,6}$", before):
        return "beneficiary"  # 惠及17个乡镇, 受益群众5万人: who benefits (惠民演出300场: 惠民 names the work counted)
    if _is_threshold(clause, a):
        return "threshold"
    if _tense_at(t, a) == "review":
        return "review"
    return None


def _tense_at(t: str, i: int) -> str | None:
    """The tense of the words about position ``i``: the nearest marker before it in its
    sentence (已建成…，今年将新增5个: the 5 is planned), else the sentence's."""
    stops = "。；;！？!?\n"
    a = max(t.rfind(s, 0, i) for s in stops) + 1
    ends = [e for e in (t.find(s, i) for s in stops) if e != -1]
    head = t[a:i]
    review = [m.start() for m in _REVIEW.finditer(head)]
    plan = [m.start() for m in _PLAN.finditer(head)]
    if review or plan:
        return "review" if (review[-1] if review else -1) > (plan[-1] if plan else -1) else "plan"
    return tense(t[a:min(ends) if ends else len(t)])


_COUNTS = frozenset("个 户 家 村 所 座 处 项 人 名 条 辆 台 套 张 件".split())


def _is_threshold(clause: str, a: int) -> bool:
    """收入10万元以上村45个, 年收入超50万元的经济强村5个, 20%的村集体年收入超30万元."""
    figs = find_figures(clause)
    for k, f in enumerate(figs):
        if not f.span[0] <= a < f.span[1] or f.unit in _COUNTS:
            continue
        nxt = figs[k + 1] if k + 1 < len(figs) else None
        if nxt is not None and nxt.unit in _COUNTS:
            gap = clause[f.span[1]:nxt.span[0]]
            if len(gap) <= 10 and not any(ch in _SEPARATORS for ch in gap):
                return True
        prev = figs[k - 1] if k else None
        if prev is not None and prev.unit in ("%", "成") and clause.startswith("的", prev.span[1]):
            gap = clause[prev.span[1]:f.span[0]]
            return len(gap) <= 12 and not any(ch in _SEPARATORS for ch in gap)
    return False
