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
# is_not_commitment, tense and REASONS are the rules of numbers that are no commitment: they live in
# ``worktargets.reasons`` (which reads figures with this module) and are served from here by __getattr__.
_MOVED = frozenset(("is_not_commitment", "tense", "REASONS"))



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


def _one_before_big(s: str) -> str:
    """百万, 千万, 百亿, 千亿: a bare 百 or 千 before 万 or 亿 is one of it (百万吨 is 一百万吨, 突破百亿元 is 一百亿元);
    alone (百姓, 千家万户) it is no number."""
    return "一" + s if len(s) > 1 and s[0] in "百千" and s[1] in "万亿" else s


def _cn_int(s: str) -> int | None:
    """A Chinese whole number: 三万 → 30000, 一亿二千万 → 120000000, 二〇二二 → 2022, 百万 → 1000000."""
    s = _one_before_big(s)
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


_PERSONS = re.compile(r"(?:中小学生|学生|群众|居民|农民|人口|儿童|老人|老年人|职工|游客|妇女|青少年|患者|劳动力)")


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
            cn = _one_before_big(m["cn"])
            bare = len(cn) - len(m["cn"])  # 百万吨: 100 万吨, the 一 not written
            mag = ""
            while cn and cn[-1] in "万亿" and len(cn) > 1 and _cn_int(cn[:-1]) is not None:
                mag, cn = cn[-1] + mag, cn[:-1]
            v = _cn_int(cn)
            if v is None or (mag and mag not in _MAGNITUDES):
                return
            self.value = Decimal(v)
            self.end = m.start() + len(cn) - bare
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
            elif not rest and _PERSONS.match(t, i):
                unit = unit + "人"  # 为200万中小学生, 10万群众: after 万/亿 a noun of persons counts persons (人 unsaid)
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


def read_figure(text: str) -> Figure | None:
    """The first figure of a short text ("8%以上", "不低于5000万元", "两成"), or None."""
    figures = find_figures(text)
    return figures[0] if figures else None


_RELATION = [
    (re.compile(r"与[^，,；;。]{1,16}?(?:基本)?(?:同步|相适应|保持一致)|和[^，,；;。和]{1,12}?(?:增长|增速)(?:基本)?同步"), "about"),
    (re.compile(r"(?:高于|快于|超过|跑赢)(?:全国|全省|全市|全区|全县|省|市)?[^，,；;。\d]{0,8}?(?:平均|水平|增速|增长)"), "gt"),
    (re.compile(r"不低于(?:全国|全省|全市|全区|全县|经济)[^，,；;。\d]{0,8}?(?:平均|水平|增速|增长)"), "ge"),
]
# the level may be said with 级 (完成市级下达目标任务: the city's level)
_SET_ELSEWHERE = re.compile(r"(?:完成|确保完成|全面完成)(?:国家|中央|省|市|州|上级|省、市|省市|市、区|上级部门)级?(?:、[省市区县]级?)?"
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


def __getattr__(name: str) -> object:
    """``forms.is_not_commitment``, ``forms.tense``, ``forms.REASONS``: kept in ``reasons``."""
    if name in _MOVED:
        from . import reasons
        return getattr(reasons, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
