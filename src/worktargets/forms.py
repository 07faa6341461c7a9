"""The number forms of report words: what figure, unit and comparator a clause commits to.

API (stable; the drafter and the catalogue build on it):

    read_figure(text) -> Figure | None: the one figure of a short text ("8%以上", "不低于5000万元", "两成").
    find_figures(clause) -> list[Figure]: every figure of a report clause, in order (commitments or not:
        ask ``is_not_commitment``); "确保增长6%、力争7%" gives two, the floor and the stretch.
    is_not_commitment(clause, span) -> str | None: why the number at ``span`` is no commitment, a key of
        REASONS ("list-number", "year", "date", "code", "name", "parts", "scope", "beneficiary", "spec",
        "threshold": 收入10万元以上村45个 — the 10万元 says which villages count, …), or None.
    tense(text) -> "review" | "plan" | None: words of the year past (去年, 过去一年) or of the plan (今年,
        预期目标, 力争…); None when the words do not say.
    read_number(text) -> Decimal | None: a number as written, Arabic or Chinese ("1.2万", "三万", "二〇二二").
    read_relation(clause) -> (comparator, span) | None: a figure judged against another's (收入增长与经济
        增长基本同步: about; 增速高于全省平均: gt; 不低于经济增长: ge).
    set_elsewhere(clause) -> span | None: 完成省、市下达的…任务, 控制在省定目标内 (set by the level above).
    REASONS: dict[str, tuple[str, str]] — reason → (zh, en) words for not_commitments.

    Figure (immutable record): value (Decimal, as written: 3.6 for "3.6万亩", 2 for "两成", a range's
    lower bound), unit (as written: "万亩", "%", "个百分点", "成", "倍", "" for none), comparator
    (model.Comparator: ge | gt | le | lt | eq | about), kind (hint: amount | growth | decrease | points |
    relative | level, or None), factor (翻一番 → 2, 1.5倍 → 1.5), stretch (力争/争取 before it), approx
    ("under" 近N, "over" N余/N多, "about" 左右/约, "range"), note (why the comparator or value is what it
    is), span and words (its place in the clause), upper (a range's upper bound), noun (what is counted
    when not the unit's default: "20户企业" → 企业); ``catalogue_unit`` is the unit for targets.yaml
    ("户(企业)").
Comparators follow legal usage (DOMAIN.md): 以上/不低于/达到 ≥, 突破/超过/超 >, 以内/不超过/控制在…以内 ≤,
低于/不到 <, 左右/约 about; a bare number is ≥. 近N, N余/N多 keep N (≥, noted: just under, a little over).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .model import Record, _set
from .quantity import _MAGNITUDES, QuantityError, _exact, parse_unit

__all__ = ["Figure", "read_figure", "find_figures", "is_not_commitment", "tense", "read_number", "read_relation", "set_elsewhere", "REASONS"]

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
    "restated": ("复述上文已列的目标", "a target stated above, restated"),
}


class Figure(Record):
    """One figure of a clause: value and unit as written, comparator, kind hint, place."""

    __slots__ = ("value", "unit", "comparator", "kind", "factor", "stretch", "approx", "note",
                 "span", "words", "upper", "noun")
    value: Decimal; unit: str; comparator: str; kind: str | None; factor: Decimal | None  # noqa: E702
    stretch: bool; approx: str | None; note: str | None; span: tuple[int, int]; words: str  # noqa: E702
    upper: Decimal | None; noun: str | None  # noqa: E702

    def __init__(self, value: Decimal, unit: str, comparator: str = "ge", kind: str | None = None,
                 factor: Decimal | None = None, stretch: bool = False, approx: str | None = None,
                 note: str | None = None, span: tuple[int, int] = (0, 0), words: str = "",
                 upper: Decimal | None = None, noun: str | None = None) -> None:
        values = (value, unit, comparator, kind, factor, stretch, approx, note, span, words, upper, noun)
        for name, v in zip(self.__slots__, values):
            _set(self, name, v)

    @property
    def catalogue_unit(self) -> str:
        """The unit for targets.yaml: the unit as written, with the counted noun when it matters."""
        return f"{self.unit}({self.noun})" if self.noun and self.unit else self.unit


# ---------------------------------------------------------------- numbers

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


def _cn_section(s: str) -> int | None:
    """A numeral below 万: 一百二十 → 120, 十五 → 15, 三千零五 → 3005 (None if malformed)."""
    total, digit, last_unit = 0, None, 10**4
    for ch in s:
        if ch in _CN_DIGITS:
            if _CN_DIGITS[ch] == 0:  # 零 says a place was skipped
                if digit is not None:
                    return None
                continue
            if digit is not None:
                return None  # two digits in a row (一二) is not a counted numeral
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_unit or (digit is None and ch != "十"):
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


def _cn_int(s: str) -> int | None:
    """A Chinese whole number: 三万 → 30000, 一亿二千万 → 120000000, 二〇二二 → 2022."""
    if not s:
        return None
    if all(ch in _CN_DIGITS for ch in s):
        if len(s) == 1:
            return _CN_DIGITS[s]
        return int("".join(str(_CN_DIGITS[ch]) for ch in s)) if "两" not in s else None
    total, rest = 0, s
    for big in ("亿", "万"):
        if big in rest:
            head, _, rest = rest.partition(big)
            if big in rest:
                return None
            v = _cn_int(head) if head else None
            if v is None:
                return None
            total += v * _CN_BIG[big]
    if rest:
        v = _cn_section(rest.lstrip("零〇") or "零")
        if v is None:
            return None
        total += v
    return total


def _fold(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, one character for one (offsets kept)."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)  # ①, ⑴, ❶ (list markers) stay as they are
        out.append(n if len(n) == 1 and not ("\u2460" <= ch <= "\u24ff" or "\u2776" <= ch <= "\u2793") else ch)
    return "".join(out).replace("．", ".")


def read_number(text: str) -> Decimal | None:
    """A number as written, Arabic or Chinese, with 万/亿: "1.2万" → 12000, "三万" → 30000."""
    t = _fold(text).strip().replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(十万|百万|千万|万亿|十亿|百亿|千亿|[十百千万亿])?", t)
    if m is not None:
        return _exact(Decimal(m[1]) * (_MAGNITUDES[m[2]] if m[2] else 1))
    whole, dot, frac = t.partition("点")
    if whole and all(ch in _CN_CHARS for ch in whole) and (not dot or frac and all(ch in _CN_DIGITS for ch in frac)):
        v = _cn_int(whole)
        if v is None:
            return None
        return Decimal(f"{v}.{''.join(str(_CN_DIGITS[ch]) for ch in frac)}") if dot else Decimal(v)
    return None


# ---------------------------------------------------------------- figures

_NUM = re.compile(r"(?P<ar>\d+(?:,\d{3}(?!\d))*(?:\.\d+)?)|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+)")
_MAG_WORDS = sorted(_MAGNITUDES, key=len, reverse=True)
_RANGE_SEP = re.compile(r"[—–\-~～至到]{1,2}")
_SEPARATORS = "，,；;。：:、！？\n（）()"
# 成 is a unit only where it cannot begin a word (建成 needs no number: 3成立 would)
_NOT_CHENG = set("立长为功效果本熟交员套片都绩色品型就")
# words before the number: (pattern, comparator, kind or None, approx or None)
_BEFORE: list[tuple[str, str, str | None, str | None]] = [
    (r"不低于|不少于|不小于|至少|确保达到|达到|达|实现", "ge", None, None),
    (r"保持在|稳定在|维持在|保持|稳定", "ge", "level", None),
    (r"提高到|提升到|增加到|增长到|上升到|提高至|提升至|增加至", "ge", "level", None),
    (r"不超过|不高于|不大于|控制在|控制|压减到|压减至|下降到|下降至|降低到|降低至|降到|降至|减少到|减少至",
     "le", "level", None),
    (r"超过|突破|超|高于|大于", "gt", None, None),
    (r"低于|少于|不到|不足", "lt", None, None),
    (r"大约|约", "about", None, "about"),
    (r"接近|将近|近", "ge", None, "under"),
]
_BEFORE_RE = [(re.compile("(?:" + p + r")(?:了)?$"), c, k, a) for p, c, k, a in _BEFORE]
_GROWTH = re.compile(r"(?:同比|年均|平均)?(?:增长|增速|增幅|涨幅|上涨|递增|增加)(?:率)?(?:幅度)?(?:达到|达|为|在|保持在|稳定在|超过|突破|超)?$")
_DECREASE = re.compile(r"(?:下降|减少|降低|压减|削减|减排|降|减)(?:率)?(?:幅度)?(?:达到|为|在|超过)?$")
_RISE = re.compile(r"(?:提高|提升|增加|增长|上升|上涨)$")
_AFTER = [
    (re.compile(r"以上|之上"), "ge", None), (re.compile(r"以下|以内|之内|内"), "le", None),
    (re.compile(r"左右|上下"), "about", "about"),
]
_STRETCH = re.compile(r"力争|争取")
_NOUNS = r"(规模以上工业企业|规上工业企业|规上企业|规模以上企业|工业企业|高新技术企业|企业|市场主体|个体工商户|经营主体)"
_ENTERPRISE = re.compile(_NOUNS)
_ENTERPRISE_BEFORE = re.compile(_NOUNS + r"[^，,；;。]{0,6}$")
_FLOOR = re.compile(r"确保|保证|至少")


def _unit_at(t: str, i: int) -> str:
    """The longest unit spelling that starts at ``t[i]`` (a magnitude alone counts), or ""."""
    for j in range(min(len(t), i + 8), i, -1):
        cand = t[i:j]
        if any(ch.isspace() or ch in _SEPARATORS for ch in cand):
            continue
        try:
            parse_unit(cand)
        except QuantityError:
            continue
        if cand == "成" and j < len(t) and t[j] in _NOT_CHENG:
            continue
        return cand
    for mag in _MAG_WORDS:
        if t.startswith(mag, i):
            return mag
    return ""


class _Scan:
    """The pieces around one number: value, unit, approx, comparator words, end."""

    def __init__(self, t: str, m: re.Match[str]) -> None:
        self.t, self.start, self.end = t, m.start(), m.end()
        self.value: Decimal | None = None
        self.unit = ""
        self.approx: str | None = None
        self.chinese = m["cn"] is not None
        if m["ar"] is not None:
            self.value = Decimal(m["ar"].replace(",", ""))
        else:
            cn = m["cn"]
            mag = ""
            while cn and cn[-1] in "万亿" and len(cn) > 1 and _cn_int(cn[:-1]) is not None:
                mag, cn = cn[-1] + mag, cn[:-1]
            v = _cn_int(cn)
            if v is None or (mag and mag not in _MAGNITUDES):
                return
            self.value = Decimal(v)
            self.end = m.start() + len(cn)
        self._read_unit()

    @classmethod
    def fraction(cls, t: str, m: re.Match[str]) -> "_Scan | None":
        """百分之八 → 8 %, 千分之五 → 5 ‰, 百分之三点五 → 3.5 %."""
        value = read_number(m[2])
        if value is None:
            return None
        sc = cls.__new__(cls)
        sc.t, sc.start, sc.end, sc.value, sc.approx, sc.chinese = t, m.start(), m.end(), value, None, False
        sc.unit = "%" if m[1] == "百分之" else "‰"
        return sc

    def _read_unit(self) -> None:
        t, i = self.t, self.end
        if t.startswith(("余", "多"), i):
            self.approx, i = "over", i + 1
        unit = _unit_at(t, i)
        i += len(unit)
        if unit in _MAGNITUDES:
            if self.approx is None and t.startswith(("余", "多"), i):
                self.approx, i = "over", i + 1
            rest = _unit_at(t, i)
            if rest and rest not in _MAGNITUDES:
                try:
                    parse_unit(unit + rest)
                    unit, i = unit + rest, i + len(rest)
                except QuantityError:
                    pass
        elif unit and self.approx is None and t.startswith(("余", "多"), i) and not t.startswith("多元", i):
            self.approx, i = "over", i + 1
        self.unit, self.end = unit, i


def _floor(t: str, start: int, prev_end: int) -> int:
    """Where the words that belong to a number begin: the last separator or figure before it."""
    k = start
    while k > prev_end and t[k - 1] not in _SEPARATORS:
        k -= 1
    return k


def find_figures(clause: str) -> list[Figure]:
    """Every figure of a report clause, in order of place."""
    t = _fold(clause)
    out: list[Figure] = []
    prev_end, prev_kind = 0, None
    pos = 0
    while True:
        m = _NUM.search(t, pos)
        if m is None:
            break
        pos = m.end()
        if m["cn"] is not None and m.start() > 0 and t[m.start() - 1].isdigit():
            continue
        fraction = _FRACTION.match(t, m.start() - 3) if m.start() >= 3 else None
        if fraction is not None and fraction.start() == m.start() - 3:
            sc = _Scan.fraction(t, fraction)
            if sc is None:
                continue
        else:
            sc = _Scan(t, m)
        if sc.chinese and not sc.unit and sc.value is not None and _cn_range_follows(t, sc.end):
            pass  # 三至五个: the unit comes after the upper bound
        elif sc.value is None or (sc.chinese and not sc.unit) or (sc.chinese and sc.unit in _MAGNITUDES):
            if sc.chinese and sc.value is not None and t.startswith("番", sc.end) and t[m.start() - 1: m.start()] == "翻":
                out.append(_doubling(clause, m.start() - 1, sc.end + 1, sc.value, _stretch(t, m.start())))
                prev_end = pos = sc.end + 1
            continue
        if sc.chinese and sc.value == 1 and t.startswith(("批", "些", "流", "体"), sc.end - len(sc.unit)):
            continue
        fig = _figure(t, sc, prev_end, prev_kind, clause)
        out.append(fig)
        prev_end, pos = fig.span[1], max(pos, fig.span[1])
        prev_kind = fig.kind if fig.kind in ("growth", "decrease") else None
    # 翻番 with no numeral: ×2
    for m in re.finditer(r"翻番|翻一番", t):
        if not any(f.span[0] <= m.start() < f.span[1] for f in out):
            out.append(_doubling(clause, m.start(), m.end(), Decimal(1), _stretch(t, m.start())))
    out.sort(key=lambda f: f.span)
    return out


_FRACTION = re.compile(r"(百分之|千分之)([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)")


def _cn_range_follows(t: str, i: int) -> bool:
    """Whether a Chinese upper bound with a unit follows: 三[至五个]."""
    r = _RANGE_SEP.match(t, i)
    m2 = _NUM.match(t, r.end()) if r is not None else None
    return m2 is not None and m2["cn"] is not None and bool(_Scan(t, m2).unit)


def _stretch(t: str, start: int) -> bool:
    """力争/争取 before ``start`` in the clause, not overridden by a later 确保."""
    head = t[:start]
    s = [m.end() for m in _STRETCH.finditer(head)]
    f = [m.end() for m in _FLOOR.finditer(head)]
    return bool(s) and (not f or s[-1] > f[-1])


def _doubling(t: str, start: int, end: int, times: Decimal, stretch: bool) -> Figure:
    factor = Decimal(2) ** int(times)
    return Figure(value=factor, unit="倍", comparator="ge", kind="relative", factor=factor, stretch=stretch,
                  note=f"翻{'一' if times == 1 else int(times)}番：上年的{factor}倍，需要基数", span=(start, end),
                  words=t[start:end])


def _figure(t: str, sc: _Scan, prev_end: int, prev_kind: str | None, clause: str) -> Figure:
    start, end, value, unit = sc.start, sc.end, sc.value, sc.unit
    assert value is not None
    approx, notes = sc.approx, []
    upper: Decimal | None = None
    # a range: 3—5个, 3-5%, 3至5万亩
    r = _RANGE_SEP.match(t, end)
    if r is not None:
        m2 = _NUM.match(t, r.end())
        if m2 is not None and (m2["ar"] is not None) == (sc.chinese is False):
            sc2 = _Scan(t, m2)
            if sc2.value is not None and (not unit or unit == sc2.unit):
                upper, unit, end = sc2.value, sc2.unit or unit, sc2.end
                approx = "range"
                notes.append(f"范围{_fmt(value)}—{_fmt(upper)}：按下限{_fmt(value)}记为不低于")
    floor = _floor(t, start, prev_end)
    before = t[floor:start]
    comparator, kind = "ge", None
    lead = start  # where the words of the figure begin: its comparator or verb
    for rx, comp, k, a in _BEFORE_RE:
        bm = rx.search(before)
        if bm is not None:
            comparator, kind, lead = comp, k, floor + bm.start()
            if a is not None:
                approx = a
            break
    verb = re.search(r"(?:同比)?(?:增长|提高|提升|增加|下降|减少|降低|压减|削减)$", t[floor:lead])
    if verb is not None:
        lead = floor + verb.start()
    if approx == "under":
        notes.append(f"近{_fmt(value)}{unit}：略低于所写数字，按不低于{_fmt(value)}{unit}记，可酌情调整")
    elif approx == "over":
        notes.append(f"{t[start:sc.end]}：略多于所写数字，按不低于{_fmt(value)}{unit}记")
    for rx, comp, a in _AFTER:
        m = rx.match(t, end)
        if m is not None and not (m.group() == "内" and not before.endswith(("控制在", "控制"))):
            comparator, end = comp, m.end()
            if a is not None:
                approx = a
            break
    factor: Decimal | None = None
    bare = before.rstrip("了")
    if unit in ("个百分点", "百分点"):
        kind = "points"
        if _DECREASE.search(bare):
            notes.append(f"下降{_fmt(value)}个百分点：变化为−{_fmt(value)}，按不高于−{_fmt(value)}记")
            value, comparator = -value, "le"
    elif unit == "倍":
        kind, factor = "relative", value
        if re.search(r"(?:增长|增加|提高)$", bare):
            factor = value + 1
            notes.append(f"增长{_fmt(value)}倍：为基数的{_fmt(factor)}倍")
    elif _DECREASE.search(bare) and kind != "level":
        kind = "decrease"
    elif _GROWTH.search(bare) and kind != "level":
        kind = "growth" if unit in ("%", "成", "‰") else "amount"
    elif _RISE.search(bare) and unit in ("%", "成"):
        kind = "growth"
    elif unit in ("%", "‰", "成"):
        kind = kind or ("level" if re.search(r"率|比重|比例|占比|覆盖|水平|达到|保持", before) else prev_kind)
    elif unit and unit not in _MAGNITUDES:
        stock = re.search(r"总数|人均|总量|规模|保有量|存栏|存量|覆盖|水平|面积", before) and not _DECREASE.search(bare)
        kind = kind or ("level" if stock and re.search(r"达到|达|保持|稳定|为$", before) else "amount")
    if unit == "成":
        notes.append(f"{_fmt(value)}成 = {_fmt(value * 10)}%")
    if comparator in ("le", "lt") and kind not in ("points",):
        notes.append("上限：不超过即达标，年末才算完成，超出为突破")
    if approx == "about":
        notes.append("左右/约：按容差判断（settings.about_tolerance）")
    noun = None
    if unit.endswith("户"):
        nm = _ENTERPRISE.match(t, end) or _ENTERPRISE_BEFORE.search(before)
        if nm is not None:
            noun = "企业" if "企业" in nm[1] else nm[1]
    return Figure(value=value, unit=unit, comparator=comparator, kind=kind, factor=factor,
                  stretch=_stretch(t, start), approx=approx, note="；".join(notes) or None,
                  span=(lead, end), words=clause[lead:end], upper=upper, noun=noun)


def _fmt(d: Decimal) -> str:
    return format(_exact(d), "f")


# ---------------------------------------------------------------- not commitments

_REVIEW = re.compile(r"去年|上年度|过去一年|过去的一年|过去五年|过去的五年|一年来|五年来|回顾|刚刚过去|已经|已(?:完成|实现|建成)"
                     r"|(?:实现|完成|达到|增长|下降|建成|新增|突破|提高|减少)了|较好完成|圆满完成")
_PLAN = re.compile(r"今年|明年|预期目标|主要目标|目标是|力争|争取|确保|计划|拟|将|要|年内|年底前|年末前|全年目标|20[2-3]\d年(?:的)?(?:主要)?目标")
_CODE_BEFORE = re.compile(r"[A-Za-z][A-Za-z]?$|〕$")  # S316, G351; 洋政发〔2024〕8号: a document's number
_PLAN_CODE = re.compile(r"[十]?[一二三四五六七八九十]五")
_NAME_AFTER = re.compile(r"[+＋]|大(?!于)|好|化|核|翼|心|带|区(?!县)|廊|圈|城(?!区)|级|星|A|G|个一|个(?:[一二三四五六七八九十])"
                         r"|过半|不|同|服|网|农|权|先|优|新|创|线|屏|环|群|基地|中心|工程(?=[”\"])")


def tense(text: str) -> str | None:
    """"review" for words about the year past, "plan" for this year's, None when unsaid."""
    t = _fold(text)
    review, plan = _REVIEW.search(t), _PLAN.search(t)
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
    if re.search(r"[\[［]$", before) and re.match(r"[\]］]", after):
        return "footnote"
    if before.endswith("第") or (num["cn"] and re.match(r"是|则|者|方面", after)):
        return "ordinal"
    if re.match(r"A+级|星级", after):
        return "name"  # 4A级景区, 五星级: a rating
    if num["ar"] and re.match(r"国道|省道|县道|高速|线(?![索上下])", after):
        return "code"  # 107国道, 318线
    if _CODE_BEFORE.search(before) or re.match(r"[A-Za-z]", after) and not re.match(r"(?:km2?|kg|m[23]?)(?![A-Za-z])", after):
        return "code"
    if num["cn"] and _PLAN_CODE.fullmatch(token) or re.match(r"[“\"]?[十]?[一二三四五六七八九十]五[”\"]?", t[a:a + 5]) and "五" in token:
        return "code"
    # years: 2022年, 二〇二二年, 2022—2025年, 2022-2025
    year_like = (num["ar"] and re.fullmatch(r"(?:19|20)\d\d", token)) or (num["cn"] and re.fullmatch(r"[〇零一二三四五六七八九]{4}", token))
    if year_like and (after.startswith(("年", "—", "-", "–", "~", "至", "到")) or not after[:1].isdigit()):
        if not re.match(r"\s*(?:万|亿|元|个|户|人|亩|%|吨)", after):
            return "year"
    # dates and months: 6月底, 1—11月, 30日, 第三季度, 上半年
    if re.match(r"(?:[—\-–~～至到]\d{1,2})?个?(?:月|日|号|季度|时|点|周|天|星期|小时|工作日)", after) or re.search(r"\d月$", before) and after.startswith(("日", "号")):
        return "date"
    if re.match(r"(?:[—\-–~～至到]\d{1,2})?年(?!度)", after) and not re.match(r"年(?:均|增长)", after):
        return "date"  # a period: 3年, 近5年, 1—2年
    # slogans and names: 3+1, 五大行动, 双过半, 一核两翼, 六个一
    if re.match(r"\s*[+＋]", after) or re.search(r"[+＋]\s*$", before):
        return "name"
    if re.search(r"[“\"《][^”\"》]{0,6}$", before) and re.match(r"[^“”\"》]{0,8}[”\"》]", after):
        return "name"
    if num["cn"] and _NAME_AFTER.match(after):
        return "name"
    if num["cn"] and re.match(r"[个项大]", after) and re.match(r"[个项大].?[一二三四五六七八九十]", after):
        return "name"
    if num["cn"] and t.count(t[a:nend + 1]) >= 3 and _NUM.fullmatch(t[a:nend]):
        return "name"  # 问题发现一个、解决一个、销号一个: a slogan
    if re.match(r"届(?:人大|政协|党代会|全国|省委|市委|区委|县委|[一二三四五六七八九十]+[中次])|次(?:会议|全会|党代会)", after) or (
            num["cn"] and re.match(r"中(?:全会|[、，,和及][一二三四五六七八九十]+中)", after)):
        return "name"  # 区二十届人大二次会议, 二十届二中、三中全会: the name of a session
    if re.match(r"个?方面|件(?:民生)?实事|件事|项(?:重点工作|重点任务|工作任务|具体任务|民生实事|实事)|个(?:牵头|责任|配合)单位", after) or (
            re.search(r"(?:实事(?:项目)?|(?:工作|任务|实事|清单)[(（])$", before) and re.match(r"[项件条]", after)):
        return "parts"  # 七个方面, 十件民生实事, 明确133项具体任务, 涉及34个牵头单位, 民生实事项目40项, 牵头工作(8项)
    if num["cn"] and re.match(r"[项大个](?:工程|行动|任务|活动|计划)", after) and "、" in re.split(r"[,，；;。]", head)[-1]:
        return "parts"  # 基础教育提升、医疗卫生发展、职业培训创新三项工程: the count of the names just listed
    if re.match(r"\s*(?:千伏|kV|KV|伏)", after):
        return "spec"  # 10千伏线路: a voltage level
    if re.match(r"周?岁(?:及?以上|及?以下)?的?(?:老|儿童|幼儿|婴|妇女|青少年|学生|人|居民|群众|女性|男性)", after):
        return "threshold"  # 80岁以上老人: which people count
    if re.match(r"(?:政务服务)?(?:便民)?(?:服务)?(?:热线|专线)|分钟[^，,；;。]{0,4}?(?:生活圈|服务圈|健身圈|就医圈|通勤圈|经济圈)", after):
        return "name"  # 12345热线, 15分钟便民生活圈
    if re.search(r"在(?:全[县市区])?$", before) and re.match(r"个?(?:乡镇|乡|镇|村|社区|街道|小区|县|区)", after):
        return "scope"  # 在17个乡镇硬化道路10万平方米: where the work is done
    if re.search(r"(?:惠及|受益|惠民|造福|有效(?:改善|提高|提升|缓解))[^，,；;。\d]{0,6}$", before):
        return "beneficiary"  # 惠及17个乡镇, 受益群众5万人: who benefits
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


def read_figure(text: str) -> Figure | None:
    """The first figure of a short text ("8%以上", "不低于5000万元", "两成"), or None."""
    figures = find_figures(text)
    return figures[0] if figures else None


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


_RELATION = [
    (re.compile(r"与[^，,；;。]{1,16}?(?:基本)?(?:同步|相适应|保持一致)|和[^，,；;。和]{1,12}?(?:增长|增速)(?:基本)?同步"), "about"),
    (re.compile(r"(?:高于|快于|超过|跑赢)(?:全国|全省|全市|全区|全县|省|市)?[^，,；;。\d]{0,8}?(?:平均|水平|增速|增长)"), "gt"),
    (re.compile(r"不低于(?:全国|全省|全市|全区|全县|经济)[^，,；;。\d]{0,8}?(?:平均|水平|增速|增长)"), "ge"),
]
_SET_ELSEWHERE = re.compile(r"(?:完成|确保完成|全面完成)(?:国家|中央|省|市|州|上级|省、市|省市|市、区|上级部门)(?:、[省市区县])?"
                            r"(?:下达|分解|下派)(?:的)?[^，,；;。]{0,16}?(?:任务|目标|指标)(?:任务)?")


def read_relation(clause: str) -> tuple[str, tuple[int, int]] | None:
    """(comparator, span) of words that judge a figure against another target's, or None."""
    t = _fold(clause)
    for rx, comparator in _RELATION:
        m = rx.search(t)
        if m is not None:
            return comparator, m.span()
    return None


_SET_LEVEL = r"(?:国家|中央|省|市|州|上级|省、市|省市|市、区)"
_SET_ELSEWHERE_2 = re.compile(r"(?:控制在|完成|达到|实现|符合)(?:“[^”]{1,8}”)?" + _SET_LEVEL + r"(?:、[省市区县])?"
                              r"(?:定|确定|核定|规定|考核|下达)(?:的)?[^，,；;。]{0,8}?(?:目标|指标|任务|要求)(?:任务)?(?:以?内)?")


def set_elsewhere(clause: str) -> tuple[int, int] | None:
    """The span of 完成省、市下达的…任务, 控制在省定目标内, 完成“十四五”国家考核目标 (the figure
    comes from the level above), or None."""
    t = _fold(clause)
    m = _SET_ELSEWHERE.search(t) or _SET_ELSEWHERE_2.search(t)
    return m.span() if m is not None else None
