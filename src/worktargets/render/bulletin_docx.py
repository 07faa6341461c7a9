"""The bulletin as a Word document laid out as a government document (GB/T 9704 habits).

A4, margins 37/35/28/26 mm (top, bottom, left, right); the issuing body (发文机关) over a
red rule with the document number (文号); the title in a 小标宋-style font; the body in
仿宋 at 16 pt (三号) on a 28 pt line, headings in 黑体; the issuing body and the date
(成文日期) at the end; page numbers "— 1 —" in the footer (a PAGE field); then the tables
as annexes (附件1 …, their header rows repeated on every page) and the charts as images.

python-docx and Pillow are imported here only, when a document is written.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..model import State
from ..reports.bulletin import Bulletin
from ..status import TELLING_ORDER, TargetStatus
from .common import pct
from .escape import printable
from .palette import FILL
from .narrative import COUNT_NOTE, Para, cn_date, en_date, narrative, owed_text, period_words, target_name
from .report_views import pp
from .status_views import actual_text, target_text
from .words import state_label, word

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["write_bulletin_docx", "bulletin_docx_bytes", "FONTS", "doc_title"]

# role -> (East Asian font, its fallback); Latin text and digits are in Times New Roman
FONTS: dict[str, tuple[str, str]] = {
    "title": ("方正小标宋简体", "宋体"),
    "body": ("仿宋_GB2312", "仿宋"),
    "heading": ("黑体", "黑体"),
    "heading2": ("楷体_GB2312", "楷体"),
    "page": ("宋体", "宋体"),
}
LATIN = "Times New Roman"
RED = "C00000"
_STATE_FILL = FILL
_TEXT_MM = 156  # 210 − 28 − 26


def doc_title(b: Bulletin, lang: str) -> str:
    """The document's title: ``settings.bulletin.title``, else made from the plan and period."""
    if b.doc.title:
        return b.doc.title
    y, m = b.period.split("-")[:2]
    if lang == "zh":
        return f"关于{b.plan.title}{y}年{int(m)}月进度情况的通报"
    return f"{b.plan.title}: progress bulletin for {date(int(y), int(m), 1).strftime('%B %Y')}"


# -- low-level helpers -----------------------------------------------------------------------


def _fonts(run: Any, role: str) -> None:
    from docx.oxml.ns import qn

    east, _fallback = FONTS[role]
    run.font.name = LATIN
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east)


def _run(par: Any, text: str, role: str = "body", size: float = 16, bold: bool = False,
         colour: str | None = None) -> Any:
    from docx.shared import Pt, RGBColor

    run = par.add_run(printable(text))  # no control character reaches the XML
    _fonts(run, role)
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run


def _par(doc: Any, text: str = "", role: str = "body", size: float = 16, align: str = "left",
         indent_chars: float = 0, bold: bool = False, colour: str | None = None, line: float = 28,
         space_after: float = 0) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.alignment = {"left": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "right": WD_ALIGN_PARAGRAPH.RIGHT, "flush": WD_ALIGN_PARAGRAPH.LEFT}[align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    if indent_chars:
        fmt.first_line_indent = Pt(size * indent_chars)
    if text:
        _run(par, text, role, size, bold, colour)
    return par


def _border_bottom(par: Any, colour: str, size_eighths: int = 16) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", colour)):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


def _page_field(par: Any) -> None:
    """A PAGE field between dashes: "— 1 —"."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _run(par, "— ", "page", 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        run = _run(par, "", "page", 14)
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
            run._element.append(el)
        else:
            run.text = text or ""
    _run(par, " —", "page", 14)


def _setup(doc: Any, b: Bulletin, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.header_distance, sec.footer_distance = Mm(15), Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONTS["body"][0])
    lang_el = OxmlElement("w:lang")
    # w:val is the language of Latin-script text: zh-CN there lets a line break inside "2022"
    lang_el.set(qn("w:val"), "en-US" if lang == "zh" else "en-GB")
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang_el)
    footer = sec.footer
    par = footer.paragraphs[0]
    par.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(par)
    props = doc.core_properties
    props.title = doc_title(b, lang)
    props.author = b.doc.issuer or "worktargets"
    props.language = "zh-CN" if lang == "zh" else "en"
    props.created = props.modified = _midnight(b.known or b.as_of)
    props.last_modified_by = props.author
    props.revision = 1
    _font_table(doc)


def _midnight(d: date) -> Any:
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


def _font_table(doc: Any) -> None:
    """Name each East Asian font in the font table with its fallback (``w:altName``), so a
    machine without 方正小标宋简体 or 仿宋_GB2312 shows 宋体 or 仿宋 rather than any font."""
    from lxml import etree

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    have = {f.get(f"{{{w}}}name") for f in root.findall(f"{{{w}}}font")}
    for name, fallback in FONTS.values():
        if name in have:
            continue
        have.add(name)
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        if fallback != name:
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": fallback})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "roman" if "黑" not in name else "modern"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # a plain Part


# -- tables --------------------------------------------------------------------------------


def _cell_text(cell: Any, text: str, size: float, bold: bool = False, align: str = "flush") -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    par = cell.paragraphs[0]
    par.paragraph_format.alignment = {"flush": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                                      "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    par.paragraph_format.space_after = Pt(0)
    par.paragraph_format.line_spacing = 1.0
    _run(par, text, "heading" if bold else "body", size)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _cell_margins(table: Any, twips: int) -> None:
    """Narrow left and right cell margins (Word's default is 108 twips, 1.9 mm)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    table._tbl.tblPr.append(mar)


def _row_flags(row: Any, header: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    if header:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trpr.append(el)


def _table(doc: Any, header: Sequence[str], widths_mm: Sequence[float],
           rows: Sequence[tuple[list[str], State | None] | str], numeric: Sequence[int] = (), size: float = 10) -> Any:
    """A table whose header row repeats on every page; a ``str`` row is a section title
    across the table; the last cell of a row with a state is shaded in its colour."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    scale = min(1.0, _TEXT_MM / sum(widths_mm))
    widths = [Mm(w * scale) for w in widths_mm]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    _cell_margins(table, 22)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, w in zip(table.columns, widths):
        col.width = w
    head = table.rows[0]
    _row_flags(head, header=True)
    for cell, text, w in zip(head.cells, header, widths):
        cell.width = w
        _cell_text(cell, text, size, bold=True, align="center")
        _shade(cell, "D9E2F3")
    for item in rows:
        row = table.add_row()
        _row_flags(row, header=False)
        cells = row.cells
        for cell, w in zip(cells, widths):
            cell.width = w
        if isinstance(item, str):
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, item, size, bold=True)
            _shade(merged, "F2F2F2")
            continue
        texts, state = item
        for j, (cell, text) in enumerate(zip(cells, texts)):
            _cell_text(cell, text, size, align="right" if j in numeric else ("center" if j == 0 else "flush"))
        if state is not None:
            _shade(cells[len(texts) - 1 if len(texts) < len(cells) else -1], _STATE_FILL[state])
    return table


# -- the document ----------------------------------------------------------------------------


def _body(doc: Any, paras: list[Para], align: str) -> None:
    for p in paras:
        if p.kind == "h1":
            _par(doc, p.text, "heading", 16, align=align, indent_chars=2)
        else:
            _par(doc, p.text, "body", 16, align=align, indent_chars=2)


def _annex_head(doc: Any, n: int, title: str, lang: str) -> None:
    head = _par(doc, f"附件{n}" if lang == "zh" else f"Annex {n}", "heading", 16, align="flush")
    head.paragraph_format.page_break_before = True
    _par(doc, title, "title", 18, align="center", line=32, space_after=8)


def _change_text(changes: dict[str, Any], s: TargetStatus) -> str:
    c = changes.get(s.target.id)
    if c is None or c.percent_change is None:
        return "—"
    sign = "+" if c.percent_change > 0 else ""
    return f"{sign}{pp(c.percent_change)}"


def _annexes(b: Bulletin, lang: str, ids: bool) -> list[tuple[str, Any]]:
    """(title, function that writes the annex) for each annex with content."""
    zh = lang == "zh"
    out: list[tuple[str, Any]] = []

    def targets(doc: Any) -> None:
        keys = ["rank", "title", "owner", "target", "actual", "percent", "expected", "gap_pp", "state"]
        header = [word(k, lang) for k in keys] + ["较上期" if zh else "change (pp)"]
        rows: list[tuple[list[str], State | None] | str] = []
        changes = {c.target.id: c for c in b.change.rows} if b.change is not None else {}
        n = 0
        for sec, items in b.sections:
            rows.append(sec)
            for s in items:
                n += 1
                title = target_name(s.target, lang, ids) + (f"（{word('stretch', lang)}）" if s.target.stretch else "")
                rows.append(([str(n), title, s.target.owner, target_text(s, lang), actual_text(s), pct(s.percent),
                              pct(s.expected), pp(s.gap_pp), state_label(s.state, lang), _change_text(changes, s)],
                             None))
        table = _table(doc, header, [9, 40, 26, 19, 19, 14, 14, 12, 16, 14], rows, numeric=(5, 6, 7, 9), size=9)
        _shade_states(table, b, 8)

    out.append(("目标任务进度表" if zh else "Every target", targets))
    lag = [s for st in (State.OVERDUE, State.FAR_BEHIND, State.BEHIND) for s in b.rows_in(st)]
    if lag:
        def laggards(doc: Any) -> None:
            keys = ["rank", "title", "owner", "target", "actual", "percent", "expected", "gap_pp", "gap_unit", "state"]
            rows = [([str(i), target_name(s.target, lang, ids), s.target.owner, target_text(s, lang), actual_text(s),
                      pct(s.percent), pct(s.expected), pp(s.gap_pp), owed_text(s.gap_to_expected, s.target.unit),
                      state_label(s.state, lang)], s.state) for i, s in enumerate(lag, 1)]
            _table(doc, [word(k, lang) for k in keys], [9, 40, 26, 19, 19, 14, 14, 12, 18, 16], rows,
                   numeric=(5, 6, 7, 8), size=9)
            _par(doc, COUNT_NOTE[0 if zh else 1], "body", 12, indent_chars=2, line=20)

        out.append(("进度滞后目标" if zh else "Targets behind 序时进度", laggards))
    if b.snails.rows:
        def snails(doc: Any) -> None:
            keys = ["rank", "title", "owner", "run", "behind_at", "percent", "expected", "gap_pp", "state"]
            rows = []
            for i, sn in enumerate(b.snails.rows, 1):
                s = sn.latest
                at = ("、" if zh else ", ").join((f"{d.month}月" if zh else d.strftime("%b")) for d in sn.cycles)
                rows.append(([str(i), target_name(s.target, lang, ids), s.target.owner, str(len(sn.run)), at,
                              pct(s.percent), pct(s.expected), pp(s.gap_pp), state_label(s.state, lang)], s.state))
            _table(doc, [word(k, lang) for k in keys], [9, 40, 26, 14, 30, 14, 14, 12, 16], rows,
                   numeric=(3, 5, 6, 7), size=9)

        out.append(("蜗牛项目" if zh else "Snails (蜗牛)", snails))
    od = b.overdue
    if od.cycle is not None and od.late_targets:
        def late(doc: Any) -> None:
            header = ["序号", "单位", "应报", "未报", "未报目标"] if zh else ["no.", "department", "owed", "not filed",
                                                                            "targets not filed"]
            sep = "、" if zh else "; "
            rows = [([str(i), d.owner, str(d.owed), str(len(d.missing)),
                      sep.join(target_name(b.target(t), lang, ids) for t in d.missing)], None)
                    for i, d in enumerate(od.late_departments, 1)]
            _table(doc, header, [9, 34, 12, 12, 89], rows, numeric=(2, 3), size=10)

        c = od.cycle
        title = (f"{period_words(c.label, lang)}进度{'逾期未报' if b.filing_final else '尚未报送'}情况" if zh else
                 f"{'Late filers' if b.filing_final else 'Not yet filed'}: {period_words(c.label, lang)}")
        out.append((title, late))
    ch = b.change
    if ch is not None and any(c.kind != "same" for c in ch.rows):
        def change(doc: Any) -> None:
            header = [word(k, lang) for k in ("rank", "title", "owner")] + (
                ["上期状态", "本期状态", "上期完成率", "本期完成率", "变化（百分点）"] if zh else
                ["before", "now", "done % before", "done % now", "change (pp)"])
            rows = []
            for i, c in enumerate((c for c in ch.rows if c.kind != "same"), 1):
                d = c.percent_change
                rows.append(([str(i), target_name(c.target, lang, ids), c.target.owner,
                              state_label(c.before.state, lang), state_label(c.after.state, lang),
                              pct(c.before.percent), pct(c.after.percent),
                              "—" if d is None else ("+" if d > 0 else "") + pp(d)], c.after.state))
            _table(doc, header, [9, 40, 26, 18, 18, 16, 16, 16], rows, numeric=(5, 6, 7), size=9)

        prev = period_words(b.previous, lang)
        out.append((f"较上期（{prev}末）变化的目标" if zh else f"Targets that changed since the end of {prev}", change))
    out.append(("进度图" if zh else "Charts", lambda doc: _charts(doc, b, lang, ids, list(b.laggards.rows))))
    return out


def _shade_states(table: Any, b: Bulletin, col: int) -> None:
    states = [s.state for _sec, items in b.sections for s in items]
    i = 0
    for row in table.rows[1:]:
        cells = row.cells
        if cells[0]._tc is cells[-1]._tc:  # a merged section row
            continue
        _shade(cells[col], _STATE_FILL[states[i]])
        i += 1


def _charts(doc: Any, b: Bulletin, lang: str, ids: bool, lag: list[TargetStatus]) -> None:
    from docx.shared import Mm

    from .chart_png import cjk_font_path, progress_png, state_bars_png

    zh = lang == "zh"
    counts = b.status.counts()
    order = TELLING_ORDER
    font = cjk_font_path()
    bars = [(st, state_label(st, lang), counts[st]) for st in order]
    doc.add_picture(BytesIO(state_bars_png(bars, font)), width=Mm(150))
    legend = "、".join(f"{label}{n}项" for _st, label, n in bars if n) if zh else \
        ", ".join(f"{n} {label}" for _st, label, n in bars if n)
    _par(doc, ("图1 目标任务状态分布（自上而下）：" if zh else "Figure 1. Targets by state (top to bottom): ") + legend,
         "body", 12, align="center", line=20, space_after=10)
    for i, s in enumerate(lag, 2):
        chart = b.charts.get(s.target.id)
        if chart is None:
            continue
        doc.add_picture(BytesIO(progress_png(chart, s.state)), width=Mm(150))
        unit = "%" if chart.unit == "%" else chart.unit
        if zh:
            cap = (f"图{i} {target_name(s.target, lang, ids)}（{s.target.owner}）：实线为累计完成，虚线为序时进度，"
                   f"灰色横线为年度目标，竖线为截至日期；纵轴单位{unit or '—'}，横轴为月份")
        else:
            cap = (f"Figure {i}. {target_name(s.target, lang, ids)} ({s.target.owner}): solid = actual, dashed = "
                   f"序时进度, grey = the target, vertical = as of; values in {unit or '—'}, months across")
        _par(doc, cap, "body", 12, align="center", line=20, space_after=10)


def build_document(b: Bulletin, lang: str, ids: bool = False) -> "Document":
    """The bulletin as a python-docx Document."""
    import docx

    zh = lang == "zh"
    doc = docx.Document()
    _setup(doc, b, lang)
    if b.doc.issuer or b.doc.number:  # 版头: the issuing body in red over a red rule
        if b.doc.issuer:
            _par(doc, b.doc.issuer, "title", 26, align="center", colour=RED, line=40)
            _par(doc, "", line=16)
        number = _par(doc, b.doc.number, "body", 16, align="center")
        _border_bottom(number, RED if b.doc.issuer else "000000")
        _par(doc, "", line=28)
    _par(doc, doc_title(b, lang), "title", 22, align="center", line=34)
    _par(doc, "", line=28)
    _par(doc, "各有关单位：" if zh else "To the departments concerned:", "body", 16, align="flush")
    opening = (f"现将{b.plan.title}截至{cn_date(b.as_of)}的推进情况通报如下。" if zh else
               f"This bulletin reports progress on {b.plan.title} as of {en_date(b.as_of)}.")
    align = "left" if zh else "flush"  # justified English stretches the gaps around Chinese words
    _par(doc, opening, "body", 16, align=align, indent_chars=2)
    _body(doc, narrative(b, lang, ids), align)
    annexes = _annexes(b, lang, ids)
    _par(doc, "", line=28)
    for i, (title, _fn) in enumerate(annexes, 1):
        if zh:
            _par(doc, (f"附件：{i}．" if i == 1 else f"　　　{i}．") + title, "body", 16, indent_chars=2 if i == 1 else 2)
        else:
            _par(doc, (f"Annexes: {i}. " if i == 1 else f"{' ' * 16}{i}. ") + title, "body", 16, indent_chars=2)
    _par(doc, "", line=28)
    _par(doc, "", line=28)
    issuer = b.doc.issuer
    if issuer:
        sig = _par(doc, issuer, "body", 16, align="right")
        sig.paragraph_format.right_indent = _pt(16 * 4)
    day = _par(doc, cn_date(b.known or b.as_of) if zh else en_date(b.known or b.as_of), "body", 16, align="right")
    day.paragraph_format.right_indent = _pt(16 * 4)
    if b.plan.year_note:
        _par(doc, "", line=28)
        _par(doc, ("（" + b.plan.year_note + "）") if zh else f"(Plan year: {b.plan.year_note})", "body", 12,
             indent_chars=2, line=20)
    for i, (title, fn) in enumerate(annexes, 1):
        _annex_head(doc, i, title, lang)
        fn(doc)
    return doc


def _pt(v: float) -> Any:
    from docx.shared import Pt

    return Pt(v)


def bulletin_docx_bytes(b: Bulletin, lang: str, ids: bool = False) -> bytes:
    """The document's bytes."""
    buf = BytesIO()
    build_document(b, lang, ids).save(buf)
    return buf.getvalue()


def write_bulletin_docx(b: Bulletin, path: Path | str, lang: str, ids: bool = False) -> None:
    """Write the bulletin as a .docx file at ``path``."""
    Path(path).write_bytes(bulletin_docx_bytes(b, lang, ids))
