"""The bulletin as one standalone HTML file: inline CSS, inline SVG charts, no network.

Every text is escaped; the file loads nothing (no scripts, fonts, images or links out).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from ..model import State
from ..reports.bulletin import SUMMARY_GROUPS, Bulletin
from ..reports.timeline import ChartData
from .diff_view import bulletin_report_name, signed_pp
from .narrative import narrative
from .palette import FILL, LINE, TEXT
from .report_views import Sheet, bulletin_table_rows, report_sheets, summary_line
from .words import word

__all__ = ["render_bulletin_html", "chart_svg", "STATE_COLOURS"]

STATE_COLOURS: dict[State, tuple[str, str]] = {s: (f"#{FILL[s].lower()}", f"#{TEXT[s].lower()}") for s in FILL}  # (background, text)
_LINE = {s: f"#{c.lower()}" for s, c in LINE.items()}

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-left:4px solid #2f5597;padding-left:8px}
.meta{color:#666;font-size:13px;margin-bottom:14px}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin:10px 0 6px}
.card{border-radius:6px;padding:8px 14px;min-width:84px;text-align:center;background:#f2f2f2}
.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}
th,td{border:1px solid #d0d0d0;padding:4px 6px;vertical-align:middle}
th{background:#ddebf7;position:sticky;top:0}
td.n{text-align:right;white-space:nowrap} td.state{white-space:nowrap;font-weight:bold}
tr.section td{background:#f2f2f2;font-weight:bold}
.note{color:#666;font-size:12px} svg{display:block}
@media print{@page{size:A4 landscape;margin:10mm} body{margin:0} th{position:static}}
"""


def _fmt_day(d: date, start: date, span: int, width: float) -> float:
    return (d - start).days / span * width if span else 0.0


def chart_svg(c: ChartData, state: State, width: int = 160, height: int = 44) -> str:
    """A small SVG: the expected line (dashed), the target (thin), the actual (solid, dots)."""
    span = max(1, (c.due - c.start).days)
    values = [v for _d, v in c.actual] + [v for _d, v in c.expected] + ([c.goal] if c.goal is not None else [])
    top = max([Decimal(0)] + values) * Decimal("1.08") or Decimal(1)
    pad = 3
    w, h = width - 2 * pad, height - 2 * pad

    def xy(d: date, v: Decimal) -> str:
        x = pad + _fmt_day(min(max(d, c.start), c.due), c.start, span, w)
        y = pad + h - float(v / top) * h
        return f"{x:.1f},{y:.1f}"

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    parts.append(f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="#fff" stroke="#e0e0e0"/>')
    if c.goal is not None:
        y = pad + h - float(c.goal / top) * h
        parts.append(f'<line x1="{pad}" y1="{y:.1f}" x2="{pad + w}" y2="{y:.1f}" stroke="#999" stroke-width="0.8"/>')
    if c.expected:
        pts = " ".join(xy(d, v) for d, v in c.expected)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="#2f5597" stroke-width="1" stroke-dasharray="3,2"/>')
    ax = pad + _fmt_day(min(max(c.as_of, c.start), c.due), c.start, span, w)
    parts.append(f'<line x1="{ax:.1f}" y1="{pad}" x2="{ax:.1f}" y2="{pad + h}" stroke="#ccc" stroke-width="0.6"/>')
    if c.actual:
        colour = _LINE[state]
        pts = " ".join(xy(d, v) for d, v in c.actual)
        if len(c.actual) > 1:
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="1.6"/>')
        for d, v in c.actual:
            x, y = xy(d, v).split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="1.8" fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _state_td(state: State, text: str) -> str:
    bg, fg = STATE_COLOURS[state]
    return f'<td class="state" style="background:{bg};color:{fg}">{escape(text)}</td>'


def _cell(text: str) -> str:
    numeric = text[:1].isdigit() or text[:1] in "≥>≤<-—" and len(text) > 1
    return f'<td class="n">{escape(text)}</td>' if numeric else f"<td>{escape(text)}</td>"


def _sheet_html(sh: Sheet, lang: str) -> str:
    out = [f"<h2>{escape(sh.title)}</h2>"]
    if sh.header and sh.rows:
        out.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in sh.header) + "</tr></thead><tbody>")
        states = sh.states + [None] * (len(sh.rows) - len(sh.states))
        for row, st in zip(sh.rows, states):
            cells = [_cell(c) for c in row[:-1]]
            cells.append(_state_td(st, row[-1]) if st is not None else _cell(row[-1]))
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    elif sh.header:
        out.append(f'<p class="note">{escape(word("none_found", lang))}</p>')
    if sh.note:
        out.append(f'<p class="note">{escape(sh.note)}</p>')
    return "\n".join(out)


def render_bulletin_html(b: Bulletin, lang: str, ids: bool = False) -> str:
    """The whole bulletin as one HTML document."""
    zh = lang == "zh"
    title = f"{b.plan.title} {word('bulletin', lang)}（{b.period}）"
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{escape(title)}</h1>",
           f'<div class="meta">{escape(b.plan.region)} · {escape(word("as_of", lang))} {b.as_of.isoformat()}</div>']
    sm = b.summary()
    colour = {key: states[-1] for key, states in SUMMARY_GROUPS.items()}  # on pace: on track's colour
    out.append('<div class="cards">')
    for key, n in sm.items():
        bg, fg = STATE_COLOURS[colour[key]] if key in colour else ("#ddebf7", "#1f3864")
        out.append(f'<div class="card" style="background:{bg};color:{fg}"><b>{n}</b>'
                   f'{escape(word("sum_" + key, lang))}</div>')
    out.append("</div>")
    for p in narrative(b, lang, ids):
        if p.kind == "h1":
            out.append(f"<h2>{escape(p.text)}</h2>")
        else:
            cls = ' class="note"' if p.kind == "note" else ""
            out.append(f"<p{cls}>{escape(p.text)}</p>")
    header, sections = bulletin_table_rows(b, lang)
    changes = {c.target.id: c for c in b.change.rows} if b.change is not None else {}
    change_head = [word("diff_title", lang)] if b.change is not None else []
    chart_head = "进度曲线" if zh else "progress"
    out.append(f"<h2>{escape('分项进度' if zh else 'Targets by section')}</h2>")
    out.append('<table class="bulletin"><thead><tr>' + "".join(f"<th>{escape(h)}</th>" for h in header + change_head) +
               f"<th>{escape(chart_head)}</th></tr></thead><tbody>")
    for sec, rows in sections:
        out.append(f'<tr class="section"><td colspan="{len(header) + len(change_head) + 1}">{escape(sec)}</td></tr>')
        for s, cells in rows:
            if ids:
                cells[1] = f"{cells[1]} ({s.target.id})"
            tds = [_cell(c) for c in cells[:-1]] + [_state_td(s.state, cells[-1])]
            if change_head:
                c = changes.get(s.target.id)
                tds.append(_cell(signed_pp(c.percent_change) if c is not None else "—"))
            chart = b.charts.get(s.target.id)
            tds.append(f"<td>{chart_svg(chart, s.state) if chart is not None else ''}</td>")
            out.append(f'<tr data-id="{escape(s.target.id)}">' + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    legend = ("图例：实线为累计完成，虚线为序时进度线，灰色横线为年度目标，竖线为截至日期。" if zh else
              "Chart: solid = actual, dashed = 序时进度 (expected), grey = the target, vertical = as-of date.")
    out.append(f'<p class="note">{escape(legend)}</p>')
    for sh in report_sheets(bulletin_report_name(ids), b, lang)[1 + len(sections):]:
        out.append(_sheet_html(sh, lang))
    out.append(f'<p class="note">{escape(summary_line(b, lang))}</p>')
    out.append("</body></html>\n")
    return "\n".join(out)
