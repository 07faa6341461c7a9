"""Owners in a 分解表 whose cells a web page ran together, with no mark between them:

    序号项目名称主要内容区政府分管领导牵头单位配合单位1增加…学位5000个。何海平教育局经开区高新园(邹区镇)各街道2促进…

The header names the owners' columns in their order (分管领导, 牵头单位, 配合单位); after a row's words
comes a run of names: the leader's (a person: 2–3 characters), then the units, each ending as the
names of real government units end (…局, …委, …办公室, …中心, …公司, …街道, …镇, …管委会; 区 and 园 too:
经开区, 高新园, a bracket after a name being part of it: 高新园(邹区镇)). The lead is the first unit, the
others co-responsible. Where a split is not sure (the leader's name could be 2 or 3 characters and no
known unit word tells), the name is 3 characters, the common length, and the entries are marked unsure;
every entry whose owners come from such a run is marked for review, as the cells were run together.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .words import ROLE_WORDS
from .words import UNIT_ENDS as _UNIT_END  # one list of the ends of unit names

if TYPE_CHECKING:
    from .text import _Reader

__all__ = ["run_header_roles", "unit_names", "owners_run", "Runs"]

_BRACKET_RE = re.compile(r"[（(][^（）()]{1,12}[)）]")
# words that only end a name: no unit begins with them (高新区管委会 is one unit, not 高新区 + 管委会)
_SUFFIX_ONLY_RE = re.compile(r"(?:管委会|委员会|办公室|办事处|政府|分局|公司|集团|中心|街道|部门|单位|支队|大队|分院|分公司)")
# words of a task, never the first of a unit's name (…轨道公司推进大庙弄核心区改造: 推进… is the row's words)
_TASK_WORD_RE = re.compile(r"(?:推进|推动|加快|实施|开展|完成|提升|建设|新建|改造|组织|落实|加强|深化|打造|支持|提供|为|对|在|全面|持续)")
_TASK_INSIDE_RE = re.compile(r"推进|推动|加快|实施|开展|完成|提升|改造|落实|加强|深化|打造|提供")  # never inside a unit's name
# the first words of common departments' names (教育局, 人社局, 民政局, 住建局…): where a leader's name ends
_DEPT_HEAD_RE = re.compile(r"(?:[区县市]|教育|人社|人力|民政|住建|住房|财政|发改|发展|公安|司法|自然|生态|交通|水利|水务|农业|农业农村|商务|应急"
                           r"|市场|医保|卫健|卫生|城管|城市|统计|审计|退役|科技|工信|经信|文旅|文体|文化|体育|林业|气象|税务|数据|信访|残联"
                           r"|团|妇联|总工会|宣传|组织|政法|统战|编办|国资|金融|行政|规划|环保|粮食|供销|交投|城投)")
# characters of places, counts and grammar, in no person's name (全市建成充电站…: no leader 全市建)
_NOT_NAME_RE = re.compile(r"[市县区省镇乡村全各年月日的和与及等个项为对在将把被从以之其]")
_NO_UNIT_RE = re.compile(r"[\d，,。；;：:、\s|“”\"]")
_MAX_UNIT = 14


def run_header_roles(line: str) -> list[str] | None:
    """The owners' roles a run-together header names in order (序号…分管领导牵头单位配合单位1…), or None."""
    found = _header(line)
    return found[0] if found else None


def _header(line: str) -> tuple[list[str], int] | None:
    """The roles of a run-together header and where its last role word ends."""
    m = re.search(r"序号([^，,。；;、\s|:：]{4,80})", line)
    if m is None:
        return None
    words = sorted(((w, k) for k, ws in ROLE_WORDS.items() for w in ws), key=lambda wk: -len(wk[0]))
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for w, k in words:
        for x in re.finditer(re.escape(w), m[1]):
            if not any(a < x.end() and x.start() < b for a, b in taken):
                found.append((x.start(), k))
                taken.append(x.span())
    roles = [k for _at, k in sorted(found)]
    if len(set(roles)) >= 2 and len(roles) == len(set(roles)):
        return roles, m.start(1) + max(b for _a, b in taken)
    return None


def _unit_ends(words: str, at: int) -> list[tuple[int, int]]:
    """Where a unit name starting at ``at`` may end (3..14 characters, or 2 after 各: 各镇; a bracket after it its
    part), each with the length of its end word."""
    if _SUFFIX_ONLY_RE.match(words, at) or _TASK_WORD_RE.match(words, at):
        return []
    ends = []
    for i in range(at + 1, min(len(words), at + _MAX_UNIT) + 1):
        if _NO_UNIT_RE.match(words[i - 1]) or words[i - 1] in "（()）":
            break
        name = words[at:i]
        if _TASK_INSIDE_RE.search(name):
            break
        if name.endswith(_UNIT_END) and (len(name) >= 3 or name[0] == "各" and len(name) == 2):
            b = _BRACKET_RE.match(words, i)
            ends.append((b.end() if b else i, max(len(w) for w in _UNIT_END if name.endswith(w))))
    return ends


def unit_names(words: str, at: int = 0) -> tuple[list[str], int]:
    """The unit names run together from ``at`` (as many as read, each a whole name), and where they end."""
    best: dict[int, tuple[int, int, list[int]]] = {}  # place -> (end words' length, names, ends) from there

    def walk(i: int) -> tuple[int, int, list[int]]:
        # the reading reaching furthest, then of the longest end words (高新区管委会, not 高新区管委 + 会…), then of
        # the most names (各街道 + 市国有公司)
        if i not in best:
            out: tuple[int, int, list[int]] = (0, 0, [])
            for e, w in _unit_ends(words, i):
                ew, n, ends = walk(e)
                cand = (ew + w, n + 1, [e] + ends)
                if (cand[2][-1], cand[0], cand[1]) > ((out[2][-1], out[0], out[1]) if out[2] else (-1, 0, 0)):
                    out = cand
            best[i] = out
        return best[i]

    ends = walk(at)[2]
    names, start = [], at
    for e in ends:
        names.append(words[start:e])
        start = e
    return names, (ends[-1] if ends else at)


def owners_run(words: str, roles: list[str]) -> tuple[dict[str, list[str]], int, bool] | None:
    """The owners a run at the start of ``words`` names in the header's order (leader, lead, co-responsible),
    where the run ends, and whether the split is sure; None if ``words`` opens with no such run."""
    lead_at = 0
    sure = True
    leader: list[str] = []
    if roles and roles[0] == "leader":
        if _TASK_WORD_RE.match(words) or _DEPT_HEAD_RE.match(words) and unit_names(words)[0]:
            return None  # 提升康复辅具…, 教育局…: the row's words or a unit, no person's name
        options = [n for n in (3, 2) if len(words) > n and not _NO_UNIT_RE.search(words[:n])
                   and not _NOT_NAME_RE.search(words[:n]) and unit_names(words, n)[0]]
        if not options:
            return None
        known = [n for n in options if _DEPT_HEAD_RE.match(words, n)]
        n = known[0] if len(known) == 1 else options[0]
        sure = len(options) == 1 or len(known) == 1
        leader, lead_at = [words[:n]], n
    units, end = unit_names(words, lead_at)
    if not units or (not leader and len(units) < 2 and not re.match(r"\d|\n|$", words[end:])):
        return None  # one unit and no leader: only where the row ends after it (教育局2新建…)
    found: dict[str, list[str]] = {}
    if leader:
        found["leader"] = leader
    unit_roles = [r for r in roles if r != "leader"]
    if unit_roles[:1] == ["owner"]:
        found["owner"] = units[:1]
        if len(unit_roles) > 1 and units[1:]:
            found["co"] = units[1:]
    else:
        found[unit_roles[0] if unit_roles else "co"] = units
    return found, end, sure


class Runs:
    """The state of a run-together 分解表 while the reader walks it: an entry takes the run of owners that follows
    it in its row; the row's words after its last run (…服务。张菁民政局…各街道提升改造8家…) take that run."""

    def __init__(self) -> None:
        self.roles: list[str] | None = None  # the owners' columns in the header's order
        self.pending: list[int] = []  # the entries since the last run of owners
        self.last: tuple[dict[str, list[str]], bool] | None = None  # the run of the row still open
        self.run = ""  # the run that opened the sentence being read
        self.run_at = 0  # where it is in the text
        self.carry = ""  # the end of a run a page's mark cut, opening the next line

    def header(self, line: str) -> None:
        found = _header(line) if self.roles is None else None
        if found is not None:
            self.roles, end = found
            self.carry = line[:end]  # the header and the words before it: no title of the first row's entries

    def sentence(self, reader: "_Reader", at: int) -> None:
        """A run of owners opening the sentence at ``at``: the owners of the row's entries before it. A page's
        mark inside it (…高新园(邹区镇\\n2、)各街道) is no part of it."""
        if self.roles is None:
            return
        raw = reader.text[at:at + 200]
        view = re.sub(r"\n\d{1,3}、", "", raw).lstrip()
        carry, self.carry = self.carry, ""
        n = next((k for k in range(len(carry), 2, -1) if view.startswith(carry[-k:])), 0)
        if n:  # 2、)各街道3老城厢…: the run's end after the page's mark, read with the line before (or the header)
            self.run, self.run_at = carry[-n:], at + raw.find(carry[-n:])
            return
        found = owners_run(view, self.roles)
        if found is None:
            return
        line = len(raw.split("\n", 1)[0].lstrip())
        owners, end, sure = found
        self.give(reader, owners, sure)
        rest = view[end:end + 1]
        self.last = (owners, sure) if rest and not rest.isdigit() and rest != "\n" else None
        self.run, self.run_at = view[:end], at + len(raw) - len(raw.lstrip())
        self.carry = view[line:end] if line < end else ""

    def retitle(self, reader: "_Reader", made: list[int]) -> None:
        """The titles of entries drawn from a sentence a run (or the header) opened: the row's words after the run
        and its number, up to the figure (a title cut at 40 characters is read on from the text)."""
        for i in made if self.run else ():
            t = reader.targets[i]
            at = t.title.find(self.run[:4])
            n = next((k for k in range(min(len(t.title) - at, len(self.run)), 0, -1)
                      if at >= 0 and self.run.startswith(t.title[at:at + k])), 0)
            if n < 3:
                continue
            rest = re.sub(r"^\d{1,3}(?!\d)", "", t.title[at + n:]).lstrip()
            if len(t.title) >= 40:  # cut: the words go on in the text after the run
                after = re.sub(r"^\d{1,3}(?!\d)", "", reader.text[self.run_at + len(self.run):self.run_at + len(self.run) + 80])
                more = re.match(r"[^，,。；;、\d%\n]{2,40}", after)
                rest = more[0] if more and len(more[0]) > len(rest) else rest
            t.title = rest[:40] or t.title
        self.run = ""

    def end(self, reader: "_Reader") -> None:
        if self.last is not None:
            self.give(reader, *self.last)

    def give(self, reader: "_Reader", owners: dict[str, list[str]], sure: bool) -> None:
        from .text import _give_owners

        for i in self.pending:
            t = reader.targets[i]
            if not t.owner:
                _give_owners(t, owners)
                t.unsure.append("负责人取自连写的表格单元（领导、牵头单位、配合单位之间无分隔）"
                                + ("" if sure else "，领导姓名的长度不确定") + "，请核对")
        self.pending, self.last = [], None
