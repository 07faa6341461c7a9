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
from .deliverable import STAGES, deliverable_tail, milestone_stage, shared_head  # noqa: F401 (served here as before)

__all__ = ["read_owners", "due_from_words", "later_year", "milestone_stage", "shared_head", "detect_year", "excuse_numbers", "assign_ids",
           "STAGES"]

# owners in brackets after an item: (责任领导:某某;牵头单位:区农业农村局、区自然资源局;责任单位:各乡镇)
# who answers for an item, by the word that labels them: in brackets after an item, in a
# 分解表's header and in a table stored one cell a line alike (the longest word found wins:
# 牵头责任单位 is a lead, 责任单位 co-responsible; any other 领导 is a leader)
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "leader": ("责任领导", "牵头领导", "分管领导", "责任人", "县级领导", "区级领导", "市级领导", "包抓领导", "领导"),
    "owner": ("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头责任单位"),
    "co": ("责任单位", "配合单位", "协办单位", "参与单位", "责任部门", "配合部门", "协作单位", "实施单位", "实施部门"),
}
_LABELS = {w: k for k, ws in ROLE_WORDS.items() for w in ws}
_ROLES_LONGEST_FIRST = sorted(_LABELS.items(), key=lambda wk: -len(wk[0]))


def person_names(cell: str) -> list[str]:
    """The persons a leader's cell names: names apart by spaces (王广部 王鹏伟); a name spaced out to align
    with longer ones (俞 悦) is one name, its parts being single characters; names of two characters each spaced
    out and run together (陆 明俞 悦: a space in the middle of every pair) are those names (陆明, 俞悦)."""
    parts = cell.split()
    if len(parts) > 1 and all(len(p) >= 2 for p in parts):
        return parts
    joined, gaps, at = "".join(parts), set(), 0
    for p in parts[:-1]:
        at += len(p)
        gaps.add(at)
    if len(joined) >= 4 and len(joined) % 2 == 0 and gaps == set(range(1, len(joined), 2)):
        return [joined[i:i + 2] for i in range(0, len(joined), 2)]  # 陆 明俞 悦: two names of two, each spaced out
    return ["".join(parts)] if parts else []


def role_of(head: str) -> str | None:
    """The role a header or label names ("leader", "owner", "co"), or None."""
    for word, key in _ROLES_LONGEST_FIRST:
        if word in head:
            return key
    return None
_BRACKET_RE = re.compile(r"[（(]([^（）()]*)[)）]")
# the ends of real unit names (one-character ends only those rare inside a name: not 社 of 社会,
# 会, 联); a bracket's names are units by them, or by 社 (…合作社): one list, read by draft/runs too
UNIT_ENDS = ("办公室", "委员会", "管委会", "办事处", "联合会", "红十字会", "供销社", "政府", "街道", "中心", "公司", "集团",
             "部门", "单位", "协会", "工会", "商会", "乡镇", "镇街", "局", "委", "办", "院", "镇", "乡", "部", "队", "站", "所", "厅", "处",
             "室", "行", "园", "区", "馆", "署", "校")
_DEPT_RE = re.compile("(" + "|".join(sorted({*UNIT_ENDS, "社"}, key=len, reverse=True)) + ")$")
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
