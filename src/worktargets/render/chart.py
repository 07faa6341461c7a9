"""A target's progress drawn in the terminal: actual against the expected line and the target.

Drawn with Rich text on a character grid (no plotting library): ``●`` the filings joined
by ``•``, ``·`` the expected line (序时进度), ``─`` the target, ``│`` the as-of date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..reports.timeline import ChartData
from .common import num
from .escape import printable
from .words import word

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["chart_text", "chart_grid"]


def chart_grid(c: ChartData, width: int = 48, height: int = 10) -> tuple[list[list[str]], Decimal]:
    """The plot area as rows of characters (top row first) and the value of the top row."""
    span = max(1, (c.due - c.start).days)
    values = [v for _d, v in c.actual] + [v for _d, v in c.expected] + ([c.goal] if c.goal is not None else [])
    top = max([Decimal(0)] + values) or Decimal(1)
    grid = [[" "] * width for _ in range(height)]

    def col(d: date) -> int:
        d = min(max(d, c.start), c.due)
        return min(width - 1, round((d - c.start).days / span * (width - 1)))

    def row(v: Decimal) -> int:
        r = round(float(v / top) * (height - 1))
        return max(0, min(height - 1, height - 1 - r))

    if c.goal is not None:
        gr = row(c.goal)
        for x in range(width):
            grid[gr][x] = "─"
    x_as_of = col(c.as_of)
    for y in range(height):
        if grid[y][x_as_of] == " ":
            grid[y][x_as_of] = "│"
    exp = list(c.expected)
    for x in range(width):  # the expected line, linear between its points
        day = c.start.toordinal() + x / max(1, width - 1) * span
        for (d0, v0), (d1, v1) in zip(exp, exp[1:]):
            if d0.toordinal() <= day <= d1.toordinal():
                f = Decimal(str((day - d0.toordinal()) / max(1, (d1 - d0).days)))
                grid[row(v0 + (v1 - v0) * f)][x] = "·"
                break
    pts = [(col(d), row(v)) for d, v in c.actual]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        for x in range(x0 + 1, x1):
            y = round(y0 + (y1 - y0) * (x - x0) / max(1, x1 - x0))
            grid[y][x] = "•"
    for x, y in pts:
        grid[y][x] = "●"
    return grid, top


def chart_text(c: ChartData, lang: str, width: int = 48, height: int = 10) -> "Text":
    """The chart with a value axis on the left, months below and a legend."""
    from rich.cells import cell_len
    from rich.text import Text

    grid, top = chart_grid(c, width, height)
    unit = printable(c.unit)  # the catalogue's text: never a control sequence to the terminal
    labels = {0: num(top, unit), height - 1: num(Decimal(0), unit)}
    if c.goal is not None:
        goal_row = next((y for y, r in enumerate(grid) if "─" in r), None)
        if goal_row is not None:
            labels[goal_row] = num(c.goal, unit)
    lw = max(cell_len(s) for s in labels.values()) + 1
    style = {"●": "bold green", "•": "green", "·": "cyan", "─": "yellow", "│": "dim"}
    out = Text()
    for y, r in enumerate(grid):
        label = labels.get(y, "")
        out.append(" " * (lw - cell_len(label)) + label + "┤", style="dim")
        for ch in r:
            out.append(ch, style=style.get(ch, ""))
        out.append("\n")
    axis = [" "] * width
    span = max(1, (c.due - c.start).days)
    y, m = c.start.year, c.start.month
    while True:
        d = date(y, m, 1)
        if d > c.due:
            break
        if d >= c.start:
            x = round((d - c.start).days / span * (width - 1))
            mark = str(m)
            if x + len(mark) <= width and all(a == " " for a in axis[x:x + len(mark) + 1]):
                axis[x:x + len(mark)] = list(mark)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    out.append(" " * lw + "└" + "".join(axis) + ("月" if lang == "zh" else " (month)"), style="dim")
    out.append("\n")
    out.append(" " * (lw + 1))
    out.append("●", style="bold green")
    out.append(f" {word('chart_actual', lang)}  ")
    out.append("·", style="cyan")
    out.append(f" {word('chart_expected', lang)}  ")
    if c.goal is not None:
        out.append("─", style="yellow")
        out.append(f" {word('chart_target', lang)}  ")
    out.append("│", style="dim")
    out.append(f" {word('as_of', lang)} {c.as_of.isoformat()}")
    return out
