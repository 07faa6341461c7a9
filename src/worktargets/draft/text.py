"""Reading a work report (or a 分解方案 with owners in brackets) into a draft catalogue.

The text is walked line by line: 一、 headings give the section, （一） headings, short
heading lines and a paragraph's lead sentence the subsection, ``3.`` the item number (序号).
Each sentence's figures come from ``forms.find_figures``; each figure that is a
commitment becomes an entry whose ``source`` is the shortest clause holding it (and the
figures that only qualify it: 收入10万元以上村45个). Clauses without a figure that name a
deliverable (建成, 开工, 通过验收, 获批, 创建, 投运…) become milestones. Every other number
of the text goes to ``not_commitments``, with ``reasons.is_not_commitment``'s reason, or marked
for checking when it has none, so that the draft passes ``coverage`` as written.
"""

from __future__ import annotations

import re
from datetime import date

from .. import forms, reasons
from . import UNSET_OWNER, Draft, DraftExcuse, DraftTarget
from .cells import Cells
from .runs import Runs
from .script import restore, to_simplified
from .clauses import _CLAUSE_SEPS, _PIECE_SEPS, _TITLE_LEAD_RE, _spans, _title, _trim
from .deliverable import MS_LEAD_RE as _MS_LEAD_RE, listed_in_past, listed_works
from .words import (_DUE_IN_YEAR_RE, _STRETCH_RE, STAGES, assign_ids, benchmark_margin, detect_year, due_from_words,
                    excuse_names, excuse_numbers, deliverable_tail, later_year, milestone_stage, read_owners, shared_head,
                    trailing_bracket)

__all__ = ["read_report", "DEFAULT_SECTION", "STAGES", "due_from_words", "milestone_stage", "read_owners",
           "assign_ids", "excuse_numbers"]

DEFAULT_SECTION = "（原文未见章节标题）"
# a paragraph of guidance: meetings, strategies and slogans, never a target (总体要求是：坚持以…)
_GUIDANCE_RE = re.compile(r"^[^，,。]{0,12}(?:总体要求|指导思想|总体思路|总的要求)(?:是|为)?[:：，,]")
INDEX_UNIT = "点"  # the unit of a figure written without one (an index), declared in units:

_SECTION_RE = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_SUBSECTION_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_ITEM_RE = re.compile(r"^(\d{1,3})\s*[.．、](?![0-9])")
_BULLET_RE = re.compile(r"^(?:[●■◆▲★☆•·○□◇▪►▶▷➤➢√※◎]|——|-{1,2}(?=\s))\s*")  # ●经济增长6%左右
# a line that only names owners (责任单位:区发展和改革局), for the item above it
_OWNER_LINE_RE = re.compile(r"^[（(\[［【]?\s*(?:责任领导|牵头领导|分管领导|牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位)\s*[:：]")
# a short label and a colon before the figure (固定资产投资：增长8%以上), not a lead-in (目标是：, 工作：)
_LABEL_COLON_RE = re.compile(r"(?:^|(?<=[，,；;。]))(?![^：:，,；;。]*(?:是|为|如下|以下|目标|工作|任务|方面|几点|包括|要求|指出|提出|强调)[：:])"
                             r"[^：:，,；;。\d]{2,12}[：:](?=\s*(?:增长|下降|降低|达到|控制|完成|提高|保持|稳定|约|不低于|不超过|确保|力争|\d))")
_LEAD_HEADING_RE = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*([^，,。；;（(]{2,30}?)牵头(?:的)?(?:工作|任务|事项)")
# a notice's instruction to the units it is sent to (各责任单位要/需…), not a task of the plan
_INSTRUCTION_RE = re.compile(r"各[^，,；;。]{0,10}(?:单位|部门)[^，,；;。]{0,4}(?:要|需|须|应|必须)")
_BENCHMARK_RE = re.compile(r"全国|全省|全市|全区|全县|全州|同级|平均")
_SENTENCE_ENDS = "。；;！!？?"

_PROJECTS_RE = re.compile(r"(?:新开工|开工建设|开工|竣工|建成|实施|推进|启动|新建|续建)(.+?)等(?:\d+个)?(?:重点)?项目")


class _Reader:
    """One pass over the text; collects entries and the places they cover."""

    def __init__(self, text: str, year: int) -> None:
        self.text = text
        self.year = year
        self.targets: list[DraftTarget] = []
        self.parents: dict[int, int] = {}  # index of a target -> index of its parent
        self.relations: list[tuple[int, str]] = []  # index -> words of the other figure
        self.section = DEFAULT_SECTION
        self.subsection = ""
        self.item_no = ""
        self.item_targets: list[int] = []
        self.skipped: list[str] = []
        self.sentence_first = 0  # the first entry of the sentence being read
        self.review = False  # in a section about the year past (工作回顾)
        self.index_unit = False  # a figure was written without a unit
        self.review_spans: list[tuple[int, int]] = []  # paragraphs about the year past
        self.guidance_spans: list[tuple[int, int]] = []  # paragraphs of guidance (总体要求, 指导思想)
        self.last_made: list[int] = []  # the entries of the last item, for an owner line under it
        self.cells = Cells()  # a table copied one cell a line (序號 |)
        self.section_owner: list[str] = []  # the lead a heading names for the items under it
        self.runs = Runs()  # a 分解表 run together (何海平教育局经开区…)
        self.owner_lined: set[int] = set()  # entries an owner line (牵头单位:…) gave owners

    # -- lines ---------------------------------------------------------------------------
    def run(self) -> None:
        offset = 0
        for line in self.text.split("\n"):
            self.line(line, offset)
            offset += len(line) + 1
        self.runs.end(self)

    def line(self, raw: str, offset: int) -> None:
        stripped = raw.strip()
        if not stripped:
            return
        lead = len(raw) - len(raw.lstrip())
        body, base = stripped, offset + lead
        self.runs.header(body)
        if self.cells.line(self, body, base):
            return
        bullet = _BULLET_RE.match(body)
        if bullet and bullet.end() < len(body):
            body, base = body[bullet.end():], base + bullet.end()  # ●经济增长6%左右: the bullet is no title
            if (len(body) <= 40 and "。" not in body and re.search(r"(?:主要|预期|发展|重点)(?:目标|任务|工作)(?:任务)?$"
                                                                  r"|成绩单$|实事$", body)
                    and forms.set_elsewhere(body) is None and not self._holds_commitment(body)):
                self.subsection = body  # ■ 2025年经济社会发展的主要预期目标: a heading
                self.end_item()
                return
        if _OWNER_LINE_RE.match(body):
            owners = read_owners(body.strip("（()）[]［］【】 。"))
            if owners is not None:
                for i in self.last_made:  # 牵头单位:A then 责任单位:B on the next line: B co-responsible with A
                    (_add_owners if i in self.owner_lined else _give_owners)(self.targets[i], owners)
                    self.owner_lined.add(i)
                return
        section = _SECTION_RE.match(body)
        if section and self._reads_as_task(body[section.end():]):
            self.end_item()  # 一、新增学位1800个。 / 三、启动…建设。: an item numbered as a section, not its heading
            self.item_no = section[0].rstrip("、.．")
            body, base = body[section.end():], base + section.end()
        elif section and len(body) <= 60 and "。" not in body.rstrip("。"):
            self.section, self.subsection = body.rstrip("。"), ""
            lead = _LEAD_HEADING_RE.match(body)  # 一、县示范区管委会牵头工作(8项): the lead of the items below
            self.section_owner = [n for n in re.split(r"[、,，]", lead[1]) if n] if lead else []
            self.review = reasons.tense(body) == "review"  # 一、2022年工作回顾: the year past
            self.end_item()
            return
        m = _SUBSECTION_RE.match(body)
        if m:
            head_end = body.find("。")
            if head_end == -1 and self._holds_commitment(body[m.end():]):
                self.end_item()  # (一)地区生产总值增长7%以上: a goal written as a heading
                self.last_made = self.scan(body[m.end():], base + m.end())
                return
            if head_end == -1:
                self.subsection = body
                self.end_item()
                return
            self.subsection = body[:head_end]
            self.end_item()
            body, base = body[head_end + 1:], base + head_end + 1
            if not body.strip():
                return
        m = _ITEM_RE.match(body)
        if m:
            self.end_item()
            self.item_no = m[1]
            body, base = body[m.end():], base + m.end()
        elif (not self.item_no and not bullet and len(body) <= 24 and not re.search(r"[0-9。，,；;、]", body)
              and forms.read_relation(body) is None and forms.set_elsewhere(body) is None):
            self.subsection = body  # a heading line: 加强基础设施建设
            return
        owners = None
        bm = trailing_bracket(body)
        if bm is not None:
            owners = read_owners(bm[1])
            if owners is not None:
                body = body[:bm[0]]
        if not self.item_no:
            first = body.find("。")
            if 0 < first <= 16 and not re.search(r"[0-9、，,]", body[:first]) and first < len(body.strip()) - 1:
                self.subsection = body[:first]
        first = body[:next((i for i, ch in enumerate(body) if ch in _SENTENCE_ENDS), len(body))]
        said = reasons.tense(first, self.year)
        if (self.review and said != "plan") or said == "review":
            self.review_spans.append((base, base + len(body)))  # 过去的一年，…: figures of the year past
            return
        made = self.scan(body, base)
        self.last_made = list(self.item_targets if self.item_no else made)
        for who in (owners, {"owner": self.section_owner} if self.section_owner else None):
            for i in self.last_made if who is not None else ():
                _give_owners(self.targets[i], who)

    def _reads_as_task(self, words: str) -> bool:
        """A numbered line is a task, not a heading, when it holds a figure promised or is a sentence opening with a
        stage (三、启动…建设。)."""
        return self._holds_commitment(words) or (words.rstrip().endswith("。") and reasons.tense(words) != "review"
                                                 and bool(milestone_stage(re.split(r"[，,；;。]", words, 1)[0])))

    def _holds_commitment(self, words: str) -> bool:
        return reasons.tense(words) != "review" and any(
            reasons.is_not_commitment(words, f.span) is None for f in forms.find_figures(words))

    def end_item(self) -> None:
        self.item_no = ""
        self.item_targets = []
        self.last_made = []

    # -- sentences -----------------------------------------------------------------------
    def scan(self, body: str, base: int) -> list[int]:
        made: list[int] = []
        for a, b in _spans(body, _SENTENCE_ENDS):
            self.runs.sentence(self, base + a)
            got = self.sentence(body[a:b], base + a)
            made += got
            if self.runs.roles is not None:
                self.runs.pending += got
                self.runs.retitle(self, got)
        self.item_targets += made
        return made

    def sentence(self, s: str, base: int) -> list[int]:
        self.sentence_first = len(self.targets)
        if reasons.tense(s, self.year) == "review":
            return []
        if _GUIDANCE_RE.search(s.lstrip()):
            self.guidance_spans.append((base, base + len(s)))  # …的总体要求是：坚持…二十届二中、三中全会…
            return []
        figures = [f for f in forms.find_figures(s) if reasons.is_not_commitment(s, f.span) is None]
        split = _LABEL_COLON_RE.sub(lambda m: m[0][:-1] + "\u2236", s)  # 固定资产投资：增长8%: one piece
        pieces = _spans(split, _PIECE_SEPS)
        clauses = _spans(split, _CLAUSE_SEPS)
        due = due_from_words(s, self.year)
        made: list[int] = []
        by_piece: dict[int, list[forms.Figure]] = {}
        for f in figures:
            p = next((i for i, (a, b) in enumerate(pieces) if a <= f.span[0] < b), None)
            if p is not None:
                by_piece.setdefault(p, []).append(f)
        taken: set[int] = set()  # clauses that became milestones or figure-less entries
        for ci, (ca, cb) in enumerate(clauses):
            in_clause = [f for f in figures if ca <= f.span[0] < cb]
            if not in_clause:
                a, b = _trim(s, ca, cb)
                idx = self.without_figure(s[a:b], base + a, due) if b > a else None
                if (idx is None and ci > 0 and len(_MS_LEAD_RE.sub("", s[a:b])) <= 4 and milestone_stage(s[a:b])
                        and not any(clauses[ci - 1][0] <= f.span[0] < clauses[ci - 1][1] for f in figures)):
                    if ci - 1 in taken and made and made[-1] == len(self.targets) - 1 \
                            and self.targets[-1].kind == "milestone" and self.targets[-1].offset == base + _trim(s, *clauses[ci - 1])[0]:
                        made.pop()  # 新建城东小学，9月底前投入使用: one deliverable, its stage said last
                        self.targets.pop()
                        taken.discard(ci - 1)
                    if ci - 1 not in taken:
                        ca = clauses[ci - 1][0]  # 新建城东小学，9月底前投入使用: the verb's object is before it
                found = [idx] if idx is not None else self.milestones(s, ca, cb, base, due)
            elif milestone_stage(s[ca:cb]) == "开工" and in_clause[-1].span[1] < cb - 2:
                found = self.milestones(s, ca, cb, base, due)  # 启动实施3万亩…示范区建设
            else:  # 广生堂2个仿制药获批、奈瑞可韦开展Ⅲ期临床试验: a deliverable of its own after the figure
                found = [i for x, y in _spans(s[ca:cb], "、") if ca + x >= in_clause[0].span[1]
                         and not any(ca + x <= f.span[0] < ca + y for f in figures)
                         for i in self.milestones(s, ca + x, ca + y, base, due)]
                made += found
                found = []
            if found:
                taken.add(ci)
                made += found
        for p, figs in sorted(by_piece.items()):
            if any(ca <= pieces[p][0] < cb for ci, (ca, cb) in enumerate(clauses) if ci in taken):
                continue
            made += self.figures(s, base, pieces, p, figs, by_piece, due, figures)
        return made

    def figures(self, s: str, base: int, pieces: list[tuple[int, int]], p: int, figs: list[forms.Figure],
                by_piece: dict[int, list[forms.Figure]], due: date | None, every: list[forms.Figure]) -> list[int]:
        """Entries for the figures of one piece; a figure qualifying the next is no entry."""
        pa, pb = pieces[p]
        keep = figs  # thresholds (收入10万元以上村45个) are forms' "threshold", already left out
        made = []
        prev_end = None
        for k, f in enumerate(keep):
            start = pa if k == 0 else prev_end
            end = pb if k == len(keep) - 1 else f.span[1]
            if k == 0:
                q = p
                while q > 0 and q - 1 not in by_piece and s[pieces[q - 1][1]:pieces[q - 1][1] + 1] == "、":
                    q -= 1  # 竣工A、B等项目14个: the names share the figure
                start = pieces[q][0]
            prev_end = f.span[1]
            a, b = _trim(s, start, end)
            wider = [pieces[p][0]] + [pieces[q][0] for q in range(p - 1, -1, -1)]
            while self.text.count(s[a:b]) > 1 and wider:
                a = min(a, _trim(s, wider.pop(0), end)[0])
            idx = self.numeric(f, s, a, b, base, due, second=k > 0, others=every)
            if idx >= 0:
                made.append(idx)
        return made

    def numeric(self, f: forms.Figure, s: str, a: int, b: int, base: int, due: date | None, second: bool,
                others: list[forms.Figure]) -> int:
        source = s[a:b]
        cut = sorted((g.span[0] - a, g.span[1] - a) for g in others if a <= g.span[0] and g.span[1] <= b)
        words, at = "", 0
        for x, y in cut:
            words += source[at:x]
            at = max(at, y)
        title = _title(words + source[at:])
        margin = benchmark_margin(s[a:f.span[0]]) if f.unit in ("个百分点", "百分点") else None
        if margin is not None:
            return self.margin(f, s, a, b, base, due, margin)
        if len(title) <= 2 and f.kind == "growth" and title + "增长" in source:
            title += "增长"  # 经济增长6%左右: "经济" alone is no title
        unsure = []
        prev = self.targets[-1] if len(self.targets) > self.sentence_first else None
        pair = re.search(r"城乡(?:常住)?居民|城镇和农村(?:常住)?居民|城镇、农村(?:常住)?居民", prev.title) if prev else None
        if len(title) < 2 and prev is not None and pair is not None and "分别" in s:
            # 城乡居民人均可支配收入分别增长5.5%和6.5%: the town's, then the country's
            town = "城镇常住居民" if "常住" in pair[0] else "城镇居民"
            title = prev.title.replace(pair[0], town.replace("城镇", "农村"))
            prev.title = prev.title.replace(pair[0], town)
        elif (len(title) < 2 and prev is not None and "分别" in s
              and (two := re.match(r"^([\u4e00-\u9fff]{2,4})、", prev.title)) is not None
              and len(prev.title) > 2 * len(two[1]) + 1):
            n = len(two[1])  # 粮油、蔬菜种植面积分别稳定在100万亩以上、28万亩以上: 粮油…, 蔬菜…
            second, tail = prev.title[n + 1:2 * n + 1], prev.title[2 * n + 1:]
            title, prev.title = second + tail, two[1] + tail
        elif len(title) < 2:
            base_title = prev.title if prev is not None else _title(s[:f.span[0]])
            title = (base_title or "（待命名）") + "（续）"
            unsure.append("一句中有几个目标，请写明本项的对象")
        elif second and prev is not None and title == prev.title:
            unsure.append("一句中有几个目标，请写明本项的对象")
        note = f.note or ""
        if f.approx in ("under", "over", "range") and f.note:
            unsure.append(f.note)
            note = ""
        unit = f.catalogue_unit
        kind = "relative" if f.factor is not None else (f.kind or "amount")
        if not unit and kind != "relative":
            unit = INDEX_UNIT  # 居民消费价格指数控制在103.5以内: an index, no unit written
            unsure.append(f"原文未写单位（指数？），暂记为“{INDEX_UNIT}”（在 units: 中声明）")
            self.index_unit = True
        target: str | None
        factor = None
        if kind == "relative":
            target, factor = None, str(f.factor)
            unsure.append("较上年倍数目标：须补上年基数，单位请核对")
        else:
            from ..quantity import format_number

            target = format_number(f.value) + unit
        tolerance = None
        if f.comparator == "about" and target is not None and not target.endswith("%") and kind != "points":
            tolerance = "5%"  # settings.about_tolerance is for rates: an amount needs its own
            unsure.append("左右/约的数量目标：允许偏差暂定为目标值的±5%（tolerance），请核对")
        t = DraftTarget(
            id="", no=self.item_no, title=title[:40], section=self.section, subsection=self.subsection,
            source=source, kind=kind, comparator=f.comparator, target=target, stretch=f.stretch, due=due,
            factor=factor, unsure=unsure, offset=base + a, note=note, tolerance=tolerance,
        )
        m = _PROJECTS_RE.search(source)
        if m:
            t.projects = [n.strip() for n in m[1].split("、") if n.strip()]
        self.targets.append(t)
        idx = len(self.targets) - 1
        if source.startswith("其中"):
            before = [i for i in self.item_targets + list(range(len(self.targets) - 1)) if i < idx]
            if before:
                self.parents[idx] = max(before)
        return idx

    def margin(self, f: forms.Figure, s: str, a: int, b: int, base: int, due: date | None,
               margin: tuple[str, str, str]) -> int:
        """增速高于全市1个百分点: the figure is the benchmark's plus the points, known when it is published;
        after a figure of its own (增长8%，高于全市1个百分点) it is said of that target, no new entry."""
        comparator, bench, words = margin
        points = f"{'高于' if comparator == 'ge' else '低于'}{bench}{s[f.span[0]:f.span[1]]}"
        head = s[a:a + s[a:b].rfind(words)]
        cut = max(head.rfind(c) for c in _CLAUSE_SEPS) + 1  # the margin's own clause (its source may be wider)
        subject = _title(head[cut:])
        prev = self.targets[-1] if len(self.targets) > self.sentence_first else None
        if len(subject) < 2 and prev is not None and prev.offset + len(prev.source) <= base + a + cut:
            prev.source = self.text[prev.offset:base + b]
            prev.note = (prev.note + "；" if prev.note else "") + f"并{points}（对照{bench}，其数值公布后核对）"
            return -1
        kind = "growth" if re.search(r"增速|增幅|增长|涨幅", s[a:b]) else "level"
        self.targets.append(DraftTarget(
            id="", no=self.item_no, title=(subject or s[a:b])[:40], section=self.section, subsection=self.subsection,
            source=s[a:b], kind=kind, comparator=comparator, set_by=bench, unit="%", due=due, offset=base + a,
            stretch=f.stretch, note=f"{points}：目标值为{bench}的数值{'加' if comparator == 'ge' else '减'}"
            f"{s[f.span[0]:f.span[1]]}", unsure=[f"对照“{bench}”：其数值公布后算出 target；单位暂填“%”，请核对"]))
        return len(self.targets) - 1

    def milestones(self, s: str, ca: int, cb: int, base: int, due: date | None) -> list[int]:
        if _INSTRUCTION_RE.match(s.lstrip()):
            return []  # 各责任单位需…制定实施方案: the notice tells its units how to work, no deliverable
        a, b = _trim(s, ca, cb)
        clause = s[a:b]
        stage = milestone_stage(clause)
        listed = listed_works(clause) if stage is None else []
        if stage is None and (not listed or listed_in_past(s[:a], s[b:], self.year)):
            return []  # no deliverable, or a list of works reported done (deliverable.py rule 6)
        parts = _spans(clause, "、")
        spans = [(a, b)]
        own_stage = {(a + x, a + y): key for x, y, key in listed}  # …项目为：A项目、B项目: each name its kind's stage
        if listed:
            spans, parts = list(own_stage), []
        shared = ""  # A、B建成通车: A's title takes the verb it shares with B, its source the clause
        if len(parts) > 1 and all(milestone_stage(clause[x:y]) for x, y in parts):
            spans = [(a + x, a + y) for x, y in parts]
        elif (len(parts) > 1 and "等" not in clause and milestone_stage(clause[parts[-1][0]:parts[-1][1]])
              and all(y - x <= 20 and not milestone_stage(clause[x:y]) for x, y in parts[:-1])):
            spans = [(a + x, a + y) for x, y in parts]  # 推动A、B上半年投用: two deliverables, one verb
            shared = deliverable_tail(clause[parts[-1][0]:parts[-1][1]])
        head = shared_head(clause, parts)
        if head:
            spans = [(a + x, a + y) for x, y in parts]  # 新建A小学、B小学: one build verb, two facilities
        made = []
        for x, y in spans:
            words = s[x:y]
            key = own_stage.get((x, y)) or milestone_stage(words) or stage
            stretch = bool(_STRETCH_RE.search(s[:y]))
            title = _TITLE_LEAD_RE.sub("", _MS_LEAD_RE.sub("", words)) or words
            source = words
            if shared and not milestone_stage(words):
                title, source, x = title + shared, clause, a
            elif head and not milestone_stage(words):
                title, source, x = head + title, clause, a
            own = _DUE_IN_YEAR_RE.search(words)  # A2026年建成, B2027年完工: each its own year
            t = DraftTarget(id="", no=self.item_no, title=title[:40], section=self.section, subsection=self.subsection,
                            source=source, kind="milestone", stretch=stretch,
                            due=due_from_words(words, self.year) if own else due, stages=list(STAGES[key]),
                            offset=base + x)
            m = _PROJECTS_RE.search(words)
            if m:
                t.projects = [n.strip() for n in m[1].split("、") if n.strip()]
            if self.text.count(words) > 1:
                t.unsure.append("这段文字在原文中出现不止一次")
            if later_year(words, self.year):
                t.unsure.append(later_year(words, self.year) or "")
            self.targets.append(t)
            made.append(len(self.targets) - 1)
        return made

    def without_figure(self, clause: str, offset: int, due: date | None) -> int | None:
        """完成省、市下达的任务 (figure set above) and 与经济增长同步 (a relation), as forms reads them."""
        span = forms.set_elsewhere(clause)
        if span is not None:
            words = clause[span[0]:span[1]]
            who = re.search(r"(?:完成|控制在|达到|实现|符合)?(?:“[^”]*”)?(.{1,8}?)(下达|分解|下派|定|确定|核定|规定|考核)", words)
            head = _title(clause[:span[0]])
            title = head or _title(re.split(r"下达的?|分解的?|下派的?", words, maxsplit=1)[-1])
            by = (re.sub(r"完成|全面|确保", "", who[1]) + ("下达" if who[2] in ("分解", "下派", "定") else who[2])
                  if who else "上级下达")
            t = DraftTarget(id="", no=self.item_no, title=(title or clause)[:40], section=self.section,
                            subsection=self.subsection, source=clause, kind="amount",
                            comparator="le" if words.startswith("控制") else "ge",
                            set_by=by, due=due, offset=offset, unit="%",
                            unsure=["目标值由上级下达：下达后填入 target；单位暂填“%”，请核对"])
            self.targets.append(t)
            return len(self.targets) - 1
        relation = forms.read_relation(clause)
        if relation is not None:
            comparator, (x, y) = relation
            other = re.sub(r"^(?:与|和|同|高于|快于|超过|跑赢|不低于)|(?:基本)?(?:同步|相适应|保持一致)$", "", clause[x:y])
            title = _title(re.sub(r"增长$|增速$", "", clause[:x])) or clause[:x]
            t = DraftTarget(id="", no=self.item_no, title=title[:40] or clause[:40], section=self.section,
                            subsection=self.subsection, source=clause, kind="relation", comparator=comparator, due=due,
                            offset=offset, unsure=[f"与“{other}”对照：请核对所比的目标"])
            self.targets.append(t)
            self.relations.append((len(self.targets) - 1, other))
            return len(self.targets) - 1
        return None

    # -- the end -------------------------------------------------------------------------
    def finish(self) -> list[DraftTarget]:
        """Resolve relations and parents, drop exact repeats, name the entries."""
        from ..quantity import QuantityError, parse_quantity

        def family(t: DraftTarget) -> str | None:
            if t.target is None:
                return None
            try:
                q = parse_quantity(t.target)
                from ..quantity import parse_unit

                return parse_unit(q.unit).family if q.unit and q.unit != "%" else None
            except (QuantityError, ValueError):
                return None

        drop: set[int] = set()
        seen: dict[tuple[str, str | None, str, str], int] = {}
        for i, t in enumerate(self.targets):  # works sharing one clause's end word (A、B投用) are entries each
            key = (t.source, t.target, t.comparator, t.title if t.kind == "milestone" else "")
            if key in seen or (t.target is not None and any(  # the goal restated further on: no new entry
                    u.target == t.target and u.comparator == t.comparator and t.source in u.source
                    and u.offset < t.offset for u in self.targets[:i])):
                drop.add(i)
            else:
                seen[key] = i
        for i, words in self.relations:
            other = _relation_partner(self.targets, words, i)
            if other is None and _BENCHMARK_RE.search(words):
                t = self.targets[i]  # 增幅高于全市平均水平: the figure is the benchmark's, known later
                t.kind = "growth" if re.search(r"增幅|增速|增长", t.source) else "amount"
                t.unit, t.set_by = "%", words
                t.unsure = [f"对照“{words}”：其数值公布后填入 target；单位暂填“%”，请核对"]
            elif other is None:
                drop.add(i)
                self.skipped.append(f"“{self.targets[i].source}”：找不到所比的目标（{words}），未编目")
            else:
                self.parents.pop(i, None)
                self.targets[i].relation_to = f"#{other}"
                partner = self.targets[other].target or ""
                self.targets[i].unit = "%" if partner.endswith("%") else None
        for child, parent in self.parents.items():
            c, p = self.targets[child], self.targets[parent]
            fc, fp = family(c), family(p)
            if fc is not None and fc == fp and parent not in drop:
                c.parent = f"#{parent}"
            else:
                c.note = (c.note + "；" if c.note else "") + f"“其中”：属于“{p.title}”的一部分"
        kept = [t for i, t in enumerate(self.targets) if i not in drop]
        repeats: dict[tuple[str, str | None, str], str] = {}
        for t in kept:
            key = (t.title, t.target, t.comparator)
            if key in repeats and t.target is not None:
                t.unsure.append(f"可能与“{repeats[key]}”重复（同一目标写了两遍？）")
            repeats.setdefault(key, t.source)
        return kept


def _relation_partner(targets: list[DraftTarget], words: str, me: int) -> int | None:
    """The entry whose figure a relation names: 经济增长 is the growth of 地区生产总值."""
    wanted = ["生产总值", "GDP"] if "经济" in words else [words.replace("增长", "").strip()]
    growth = [(i, t) for i, t in enumerate(targets) if i != me and t.kind == "growth"]
    for i, t in growth:
        if any(w and w in t.title for w in wanted):
            return i
    if "经济" in words:  # 经济增长6%左右: the economy's growth is the GDP's
        return next((i for i, t in growth if t.title in ("经济", "经济增长", "经济总量", "经济增速")), None)
    return None


def _give_owners(t: DraftTarget, owners: dict[str, list[str]]) -> None:
    """The owners a bracket or an owner line names; 责任单位 alone (no 牵头单位) names the leads."""
    if t.owner:
        return
    leads = owners.get("owner") or owners.get("co", [])
    t.owner = list(leads)
    t.co_owners = list(owners.get("co", [])) if owners.get("owner") else []
    t.leader = list(owners.get("leader", []))


def _add_owners(t: DraftTarget, owners: dict[str, list[str]]) -> None:
    """An owner line after another for the same entries: its units are co-responsible (its leader the leader)."""
    t.co_owners += [n for n in owners.get("owner", []) + owners.get("co", []) if n not in t.owner + t.co_owners]
    t.leader = t.leader or list(owners.get("leader", []))


def _plan_title(text: str) -> str:
    first = next((_BULLET_RE.sub("", ln.strip()) for ln in text.split("\n") if ln.strip()), "")
    if len(first) <= 40 and "。" not in first and re.search(r"报告|方案|分解|任务|目标", first):
        return first.strip("：:")
    return "政府工作报告目标任务（草稿）"


def read_report(text: str, default_year: int) -> Draft:
    """The draft catalogue of a report's text (normalised: ``\\n`` line ends, no BOM)."""
    written, text = text, to_simplified(text)  # 實施田塊整治500畝: read as 实施田块整治500亩
    year, year_note = detect_year(text, default_year)
    reader = _Reader(text, year)
    reader.run()
    if reader.review_spans:  # the plan year is the one the plan part names, not the review's
        kept_text = "".join(ch if not any(a <= i < b for a, b in reader.review_spans) else " "
                            for i, ch in enumerate(text))
        plan_year, plan_note = detect_year(kept_text, default_year)
        if plan_year != year:
            year, year_note = plan_year, plan_note
            reader = _Reader(text, year)
            reader.run()
    pool = reader.targets
    kept = sorted(reader.finish(), key=lambda t: t.offset)  # in the order of the text
    for t in kept:
        if not t.owner:
            t.owner = [UNSET_OWNER]
    assign_ids(kept, pool)
    for t in kept:
        if t.kind == "relation" and t.relation_to is None:
            t.kind = "milestone"  # its partner was dropped: keep the words, judged by stage
            t.stages = list(STAGES["纳入"])
    excuses: list[DraftExcuse] = list(reader.cells.excuses)
    excuse_numbers(text, kept, excuses, reader.review_spans, reader.guidance_spans)
    excuse_names(text, kept, excuses)
    draft = Draft(title=_plan_title(text), year=year, year_note=year_note, targets=kept, excuses=excuses,
                  skipped=reader.skipped)
    restore(draft, text, written)
    if reader.index_unit:
        from ..quantity import QuantityError, parse_unit

        try:
            parse_unit(INDEX_UNIT)
        except QuantityError:
            draft.units[INDEX_UNIT] = (INDEX_UNIT, "1")  # a family of its own
    return draft
