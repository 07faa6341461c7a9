"""Charts as PNG images for documents, drawn with Pillow (imported lazily).

Two pictures: the state counts as bars, and one target's progress (the actual against the
expected line and the target, as the HTML's small SVG draws it). Labels are written in a
CJK font when the machine has one; without one the pictures carry numbers only and the
document's caption says what they show.
"""

from __future__ import annotations

import io
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from ..model import State
from ..reports.timeline import ChartData
from .palette import BAR, LINE, rgb

__all__ = ["state_bars_png", "progress_png", "cjk_font_path", "STATE_RGB"]

STATE_RGB: dict[State, tuple[int, int, int]] = {s: rgb(c) for s, c in BAR.items()}
_LINE = {s: rgb(LINE[s]) for s in (State.BEHIND, State.FAR_BEHIND, State.OVERDUE, State.BREACHED)}

# where common systems keep a font with Chinese glyphs
_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


def cjk_font_path(candidates: Sequence[str] = _CJK_FONTS) -> str | None:
    """The first font file among ``candidates`` that exists (None: none does)."""
    windir = os.environ.get("WINDIR")
    extra = [str(Path(windir) / "Fonts" / n) for n in ("simhei.ttf", "msyh.ttc")] if windir else []
    for p in list(candidates) + extra:
        if Path(p).is_file():
            return p
    return None


def _font(size: int, path: str | None) -> Any:
    from PIL import ImageFont

    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow before 10.1: a fixed bitmap font
        return ImageFont.load_default()


def _png(img: Any) -> bytes:
    buf = io.BytesIO()
    # zlib's default level: the 11 charts of a bulletin in 0.31 s and 170 KB; optimize=True
    # took 0.52 s for 166 KB
    img.save(buf, format="PNG")
    return buf.getvalue()


def state_bars_png(counts: Sequence[tuple[State, str, int]], font_path: str | None = None,
                   scale: int = 2) -> bytes:
    """Horizontal bars, one per (state, label, count); labels drawn only with a CJK font."""
    from PIL import Image, ImageDraw

    rows = [c for c in counts if c[2]]
    bar_h, gap, label_w = 34 * scale, 12 * scale, (190 if font_path else 20) * scale
    width = 900 * scale
    height = gap + len(rows) * (bar_h + gap) + 4 * scale
    img = Image.new("RGB", (width, max(height, 40 * scale)), "white")
    d = ImageDraw.Draw(img)
    font = _font(24 * scale, font_path)
    top = max([n for _s, _l, n in rows] or [1])
    room = width - label_w - 80 * scale
    y = gap
    for state, label, n in rows:
        if font_path:
            d.text((10 * scale, y + bar_h // 2), label, fill=(40, 40, 40), font=font, anchor="lm")
        w = max(2, int(room * n / top))
        d.rectangle([label_w, y, label_w + w, y + bar_h], fill=STATE_RGB[state])
        d.text((label_w + w + 8 * scale, y + bar_h // 2), str(n), fill=(40, 40, 40), font=font, anchor="lm")
        y += bar_h + gap
    return _png(img)


def _months(start: date, due: date) -> list[date]:
    out = []
    y, m = start.year, start.month
    while date(y, m, 1) <= due:
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def progress_png(c: ChartData, state: State, scale: int = 2) -> bytes:
    """One target: actual (solid, dots), 序时进度 (dashed), target (grey), as-of (thin)."""
    from PIL import Image, ImageDraw

    width, height = 900 * scale, 230 * scale
    left, right, top_pad, bottom = 70 * scale, 20 * scale, 14 * scale, 34 * scale
    img = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(img)
    font = _font(18 * scale, None)
    w, h = width - left - right, height - top_pad - bottom
    span = max(1, (c.due - c.start).days)
    values = [v for _d, v in c.actual] + [v for _d, v in c.expected] + ([c.goal] if c.goal is not None else [])
    top = max([Decimal(0)] + values) * Decimal("1.1") or Decimal(1)

    def xy(day: date, v: Decimal) -> tuple[float, float]:
        day = min(max(day, c.start), c.due)
        return left + (day - c.start).days / span * w, top_pad + h - float(v / top) * h

    grey = (200, 200, 200)
    d.rectangle([left, top_pad, left + w, top_pad + h], outline=grey, width=scale)
    for m in _months(c.start, c.due):
        x, _ = xy(m, Decimal(0))
        d.line([(x, top_pad + h), (x, top_pad + h + 4 * scale)], fill=grey, width=scale)
        d.text((x + 2 * scale, top_pad + h + 6 * scale), str(m.month), fill=(90, 90, 90), font=font)
    for frac in (Decimal(0), Decimal("0.5"), Decimal(1)):
        v = top / Decimal("1.1") * frac
        _, y = xy(c.start, v)
        d.text((left - 6 * scale, y), _short(v, c.unit), fill=(90, 90, 90), font=font, anchor="rm")
    if c.goal is not None:
        _, y = xy(c.start, c.goal)
        d.line([(left, y), (left + w, y)], fill=(150, 150, 150), width=2 * scale)
    if c.expected:
        pts = [xy(day, v) for day, v in c.expected]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            _dashed(d, x0, y0, x1, y1, (47, 85, 151), 2 * scale, 8 * scale)
    ax, _ = xy(c.as_of, Decimal(0))
    d.line([(ax, top_pad), (ax, top_pad + h)], fill=(170, 170, 170), width=scale)
    colour = _LINE.get(state, (46, 125, 50))
    if c.actual:
        pts = [xy(day, v) for day, v in c.actual]
        if len(pts) > 1:
            d.line(pts, fill=colour, width=3 * scale, joint="curve")
        r = 4 * scale
        for x, y in pts:
            d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    return _png(img)


def _short(v: Decimal, unit: str) -> str:
    from .common import num

    text = num(v.quantize(Decimal("0.01")) if v != v.to_integral_value() else v)
    return text + ("%" if unit == "%" else "")


def _dashed(d: Any, x0: float, y0: float, x1: float, y1: float, fill: tuple[int, int, int], width: int,
            dash: int) -> None:
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if length == 0:
        return
    n = max(1, int(length // dash))
    for i in range(0, n, 2):
        a, b = i / n, min(1.0, (i + 1) / n)
        d.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)],
               fill=fill, width=width)
