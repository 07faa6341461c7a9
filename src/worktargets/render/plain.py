"""Plain text the way Rich prints it to a pipe or a file, without importing Rich's console.

When standard output is not a terminal, Rich writes no escape codes: a table is spaces,
text and the rule under its header. Importing ``rich.console`` (and the text, style, colour
and theme modules it pulls in) is a good part of what a short command costs on a slow
machine, so the status table is written here as a string when Rich would write nothing but
text. The layout rules are Rich's, for the one shape the status table uses:

* :func:`stdout_width` answers whether Rich's ``Console`` would write plain text to
  ``sys.stdout`` and at what width: it follows ``Console.is_terminal`` (``TTY_COMPATIBLE``,
  ``FORCE_COLOR``, ``isatty``) and ``Console.size`` (``COLUMNS``, else the size of the
  first of stdin/stdout/stderr that is a terminal, else 80). Anything it does not follow
  (Windows, Jupyter, an encoding other than UTF-8, which makes Rich draw ASCII boxes)
  answers None: Rich prints.
* :func:`fold` cuts a line that is too long where ``Text.wrap`` cuts it (Rich's own
  ``divide_line``, with ``rstrip_end``), or answers None where Rich would crop.
* :func:`table_lines` lays out a ``Table(box=SIMPLE_HEAD, pad_edge=False,
  show_edge=False)`` of fixed-width columns as ``render/fast_table.py`` does.

Every function answers None for what it does not know how to write exactly (tabs, control
characters Rich strips, a cell it would crop, columns that do not fit): the caller then
prints through Rich. tests/test_plain_output.py holds the bytes equal to Rich's.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import Mapping, NamedTuple, Sequence

from rich.cells import cell_len

__all__ = ["ColumnSpec", "fits", "fold", "outer_widths", "stdout_width", "table_lines", "text_lines"]

#: below this width the status table's layout is Rich's business
MIN_WIDTH = 20

# C0 controls (Text strips BEL BS VT FF CR, a tab is expanded) and DEL: Rich's business
_CONTROLS = frozenset(map(chr, [*range(0, 10), *range(11, 32), 127]))
_has_control = _CONTROLS.isdisjoint


class ColumnSpec(NamedTuple):
    """One column, as ``Table.add_column(header, width=, justify=, no_wrap=, overflow=)`` takes it."""

    header: object
    width: int
    justify: str = "left"
    no_wrap: bool = False
    overflow: str = "fold"


def _std_filenos() -> tuple[int, int, int]:
    """Rich's ``_STD_STREAMS``: the file numbers of the interpreter's own std streams."""
    out = []
    for stream, default in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            out.append(stream.fileno())  # type: ignore[union-attr]
        except Exception:
            out.append(default)
    return out[0], out[1], out[2]


def stdout_width(stream: object = None, environ: Mapping[str, str] | None = None) -> int | None:
    """The width Rich's ``Console()`` would lay text out at on ``stream`` (``sys.stdout``)
    when it would write no escape codes there; None when it would (a terminal, forced
    colour), or when this cannot tell exactly. ``WORKTARGETS_PLAIN=0`` answers None."""
    environ = os.environ if environ is None else environ
    stream = sys.stdout if stream is None else stream
    if (
        stream is None
        or environ.get("WORKTARGETS_PLAIN") == "0"
        or sys.platform == "win32"
        or hasattr(builtins, "get_ipython")  # IPython or Jupyter: Rich decides
    ):
        return None
    tty_compatible = environ.get("TTY_COMPATIBLE", "")
    if tty_compatible == "1":
        return None
    if tty_compatible != "0":
        force_color = environ.get("FORCE_COLOR")
        if force_color is not None:
            if force_color != "":
                return None
        else:
            isatty = getattr(stream, "isatty", None)
            try:
                if isatty is not None and isatty():
                    return None
            except ValueError:  # a closed file: Rich takes it for no terminal
                pass
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if not encoding.startswith("utf"):
        return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        width = None
        for fd in _std_filenos():
            try:
                width = os.get_terminal_size(fd)[0]
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width if width >= MIN_WIDTH else None


def fold(line: str, width: int) -> list[tuple[int, str, int]] | None:
    """``line`` (no line break in it) cut to ``width`` cells as ``Text.wrap`` cuts it with
    overflow "fold": (offset in ``line``, piece, cells) of each piece. A piece still too wide
    is cropped as ``Text.truncate`` crops it; None when that would cut a wide character."""
    size = cell_len(line)
    if size <= width:
        return [(0, line, size)]
    from rich._wrap import divide_line
    from rich.cells import set_cell_size

    pieces = []
    cuts = [0, *divide_line(line, width, fold=True), len(line)]
    for a, b in zip(cuts, cuts[1:]):
        piece = line[a:b]
        if len(piece) > width:  # Text.rstrip_end: drop trailing blanks over the width
            excess = len(piece) - width
            piece = piece[: len(piece) - min(excess, len(piece) - len(piece.rstrip()))]
        n = cell_len(piece)
        if n > width:  # Text.truncate crops it (a blank after a full line, say)
            cropped = set_cell_size(piece, width)
            if cell_len(cropped) != width or not piece.startswith(cropped):
                return None  # a wide character cut in two
            piece, n = cropped, width
        pieces.append((a, piece, n))
    return pieces


def text_lines(text: str, width: int) -> list[str] | None:
    """What ``console.print(Text(text))`` writes at ``width`` on a console without colour,
    as lines without their line breaks; None for what Rich's business."""
    if not _has_control(text.replace("\n", " ")):
        return None
    out = []
    for line in text.split("\n"):
        pieces = fold(line, width)
        if pieces is None:
            return None
        out.extend(piece for _at, piece, _n in pieces)
    return out


def outer_widths(columns: Sequence[ColumnSpec], padding: int) -> list[int]:
    """Each column's width with the padding ``pad_edge=False`` gives it."""
    last = len(columns) - 1
    return [c.width + (padding if i else 0) + (padding if i < last else 0) for i, c in enumerate(columns)]


def fits(columns: Sequence[ColumnSpec], rows: Sequence[Sequence[object]], padding: int, max_width: int) -> bool:
    """Whether Rich would lay this table out with exactly the given widths (no shrinking)."""
    if not columns or type(padding) is not int or padding < 0:
        return False
    for c in columns:
        if type(c.width) is not int or c.width < 1:
            return False
    n = len(columns)
    if any(len(row) > n for row in rows):
        return False
    return sum(outer_widths(columns, padding)) <= max_width - (n - 1)


def _cell_lines(text: str, width: int, right: bool, wraps: bool) -> list[str] | None:
    """A cell's lines padded to ``width`` (justify left or right, overflow fold), as the
    table renders it; None for what this does not know exactly."""
    if not text:
        return [" " * width]  # an empty Text is one blank line
    if text[-1] == "\n" or not _has_control(text.replace("\n", " ")):
        return None
    lines = []
    for line in text.split("\n"):
        size = cell_len(line)
        if size <= width:
            pieces = [(0, line, size)]
        elif right or not wraps:
            return None
        else:
            pieces = fold(line, width)
            if pieces is None:
                return None
        for _at, piece, n in pieces:
            pad = " " * (width - n)
            lines.append(pad + piece if right else piece + pad)
    if right and (len(lines) > 1 or text[-1].isspace()):
        return None
    return lines


def table_lines(columns: Sequence[ColumnSpec], rows: Sequence[Sequence[str]], *, padding: int,
                show_header: bool, max_width: int) -> list[str] | None:
    """The lines (without breaks) ``console.print(Table(box=box.SIMPLE_HEAD,
    padding=(0, padding), pad_edge=False, show_header=show_header, show_edge=False))``
    writes on a console without colour, for columns of fixed width whose headers and cells
    are plain strings (Rich ``Text`` without styles); None for a table Rich lays out
    otherwise (columns too wide, centred or cropping columns, cells to crop, tabs)."""
    if not fits(columns, rows, padding, max_width):
        return None
    n = len(columns)
    widths = outer_widths(columns, padding)
    kinds = []
    for c in columns:
        if c.justify not in ("left", "right") or c.overflow != "fold":
            return None
        kinds.append(c.justify == "right")
    lefts = [" " * (padding if i else 0) for i in range(n)]
    rights = [" " * (padding if i < n - 1 else 0) for i in range(n)]
    out: list[str] = []

    def add_row(cells: Sequence[str], wraps: Sequence[bool]) -> bool:
        laid = []
        for j in range(n):
            text = cells[j] if j < len(cells) else ""
            lines = _cell_lines(text, columns[j].width, kinds[j], wraps[j])
            if lines is None:
                return False
            laid.append([lefts[j] + line + rights[j] for line in lines])
        height = max(len(lines) for lines in laid)
        for j, lines in enumerate(laid):
            if len(lines) < height:  # aligned to the top
                lines.extend([" " * widths[j]] * (height - len(lines)))
        out.extend(" ".join(parts) for parts in zip(*laid))
        return True

    if show_header:
        headers = [c.header for c in columns]
        if not all(type(h) is str and "\n" not in h for h in headers):
            return None  # (Rich aligns a header of several lines to the bottom)
        # a header is never wrapped here: a header too wide for its column is Rich's business
        if not add_row(headers, [False] * n):
            return None
        out.append("─" * (sum(widths) + n - 1))
    wraps = [not c.no_wrap for c in columns]
    for row in rows:
        if not add_row(row, wraps):
            return None
    return out
