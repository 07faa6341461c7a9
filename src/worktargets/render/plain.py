"""The status table written the way Rich writes it, without importing Rich's console.

Importing ``rich.console`` (and the text, style, colour and theme modules it pulls in) and
running its render pipeline is a good part of what a short command costs on a slow
machine. For the one shape the status table prints (lines of text, a ``SIMPLE_HEAD`` table
of fixed-width columns, a few named styles) this module writes the bytes Rich would write:
plain text to a pipe or a file, text with SGR escape codes to a terminal.

* :func:`console_mode` answers how Rich's ``Console()`` would write to ``sys.stdout``: the
  width (``COLUMNS``, else the size of the first of stdin/stdout/stderr that is a
  terminal, else 80), whether it writes escape codes (``TTY_COMPATIBLE``, ``FORCE_COLOR``,
  ``isatty``) and whether ``NO_COLOR`` takes the colours out. What it does not follow
  (Windows, Jupyter, a dumb terminal, an encoding other than UTF-8, which makes Rich draw
  ASCII boxes) answers None: Rich prints.
* :class:`Styled` is a line of text built as a Rich ``Text`` is built (a base style, pieces
  appended with a style each); ``Styled.text()`` makes that very ``Text`` for Rich.
* :func:`fold` cuts a line that is too long where ``Text.wrap`` cuts it (Rich's own
  ``divide_line``, then ``rstrip_end`` and ``truncate``).
* :func:`text_lines` and :func:`table_lines` lay text and tables out as lines of *runs*,
  (text, style name or None): exactly the styled Segments Rich writes (each styled
  Segment gets its own escape codes; unstyled neighbours are written as they are).
  :func:`write` turns the runs into the bytes, with :func:`sgr` giving Rich's SGR codes
  for the style names it knows (attributes, the 16 named colours, ``on`` a background).

Every function answers None for what it does not know how to write exactly (tabs, control
characters Rich strips, a wide character to crop, columns Rich would shrink, a style it
does not know): the caller then prints through Rich. tests/test_plain_output.py holds the
bytes equal to Rich's, plain and in colour.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import Any, Mapping, NamedTuple, Sequence

from rich.cells import cell_len

__all__ = ["ColumnSpec", "Mode", "Styled", "console_mode", "fits", "fold", "outer_widths", "sgr", "table_lines",
           "text_lines", "write"]

#: below this width the status table's layout is Rich's business
MIN_WIDTH = 20

# C0 controls (Text strips BEL BS VT FF CR, a tab is expanded) and DEL: Rich's business
_CONTROLS = frozenset(map(chr, [*range(0, 10), *range(11, 32), 127]))
_has_control = _CONTROLS.isdisjoint

Run = tuple[str, "str | None"]  # text, style name (None: unstyled)
Line = list[Run]


class ColumnSpec(NamedTuple):
    """One column, as ``Table.add_column(header, width=, justify=, no_wrap=, overflow=)`` takes it."""

    header: Any
    width: int
    justify: str = "left"
    no_wrap: bool = False
    overflow: str = "fold"


class Mode(NamedTuple):
    """How Rich's ``Console()`` writes to a stream: its width, whether it writes escape
    codes, and whether ``NO_COLOR`` takes the colours out of them."""

    width: int
    terminal: bool
    no_color: bool


class Styled:
    """A line of text with styles, built as a Rich ``Text`` is built: a base style over the
    whole text, then pieces appended with a style each (a span)."""

    __slots__ = ("style", "pieces")

    def __init__(self, text: str, style: str = "") -> None:
        self.style = style
        self.pieces: list[tuple[str, str | None]] = [(text, None)]

    def append(self, text: str, style: str | None = None) -> "Styled":
        self.pieces.append((text, style))
        return self

    @property
    def plain(self) -> str:
        return "".join(piece for piece, _style in self.pieces)

    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, style) of every styled piece, as ``Text.append`` records them."""
        out = []
        at = 0
        for piece, style in self.pieces:
            if style and piece:
                out.append((at, at + len(piece), style))
            at += len(piece)
        return out

    def text(self) -> Any:
        """The Rich ``Text`` this describes."""
        from rich.text import Text

        (first, _none), *rest = self.pieces
        text = Text(first, style=self.style)
        for piece, style in rest:
            text.append(piece, style=style)
        return text


def _std_filenos() -> tuple[int, int, int]:
    """Rich's ``_STD_STREAMS``: the file numbers of the interpreter's own std streams."""
    out = []
    for stream, default in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            out.append(stream.fileno())  # type: ignore[union-attr]
        except Exception:
            out.append(default)
    return out[0], out[1], out[2]


def console_mode(stream: object = None, environ: Mapping[str, str] | None = None) -> Mode | None:
    """How ``Console(highlight=False, soft_wrap=False)`` would write to ``stream``
    (``sys.stdout``); None when this cannot tell exactly. ``WORKTARGETS_PLAIN=0`` answers
    None (Rich writes everything)."""
    environ = os.environ if environ is None else environ
    stream = sys.stdout if stream is None else stream
    if (
        stream is None
        or environ.get("WORKTARGETS_PLAIN") == "0"
        or sys.platform == "win32"
        or hasattr(builtins, "get_ipython")  # IPython or Jupyter: Rich decides
    ):
        return None
    # Console.is_terminal
    tty_compatible = environ.get("TTY_COMPATIBLE", "")
    force_color = environ.get("FORCE_COLOR")
    if tty_compatible == "0":
        terminal = False
    elif tty_compatible == "1":
        terminal = True
    elif force_color is not None:
        terminal = force_color != ""
    else:
        isatty = getattr(stream, "isatty", None)
        try:
            terminal = bool(isatty is not None and isatty())
        except ValueError:  # a closed file: Rich takes it for no terminal
            terminal = False
    if terminal and environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return None  # a dumb terminal: 80 columns whatever COLUMNS says, no colour
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if not encoding.startswith("utf"):
        return None
    # Console.size
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
    if width < MIN_WIDTH:
        return None
    return Mode(width, terminal, environ.get("NO_COLOR", "") != "")


_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_ATTRIBUTE_ORDER = ("bold", "dim", "italic", "underline")  # Style._make_ansi_codes' order
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")


def _colour_number(name: str) -> int | None:
    """Rich's standard colour number (0-15) of a named colour."""
    if name in _COLOURS:
        return _COLOURS.index(name)
    if name.startswith("bright_") and name[7:] in _COLOURS:
        return 8 + _COLOURS.index(name[7:])
    return None


def sgr(style: str, no_color: bool = False) -> str | None:
    """The SGR parameters Rich writes for the style ``style`` ("bold green", "bold white
    on red", "dim"...) on a non-Windows terminal, colours removed under ``NO_COLOR``;
    None for a style this does not know (Rich writes it)."""
    words = style.lower().split()
    if "on" in words:
        at = words.index("on")
        if at != len(words) - 2:
            return None
        background = _colour_number(words[-1])
        if background is None:
            return None
        words = words[:at]
    else:
        background = None
    attributes = set()
    foreground = None
    for w in words:
        if w in _ATTRIBUTES:
            attributes.add(w)
        elif foreground is None and _colour_number(w) is not None:
            foreground = _colour_number(w)
        else:
            return None  # not, link, #rrggbb, color(n), a theme name...: Rich's business
    codes = [_ATTRIBUTES[a] for a in _ATTRIBUTE_ORDER if a in attributes]
    if not no_color:
        if foreground is not None:
            codes.append(str(30 + foreground) if foreground < 8 else str(90 + foreground - 8))
        if background is not None:
            codes.append(str(40 + background) if background < 8 else str(100 + background - 8))
    return ";".join(codes)


def write(lines: Sequence[Line], mode: Mode) -> str | None:
    """The bytes Rich writes for these lines: each styled run in its own escape codes on a
    terminal, bare text elsewhere; None when a style is not one :func:`sgr` knows."""
    if not mode.terminal:
        return "".join("".join(text for text, _style in line) + "\n" for line in lines)
    codes: dict[str, str | None] = {}
    out = []
    for line in lines:
        for text, style in line:
            if style and text:
                if style not in codes:
                    codes[style] = sgr(style, mode.no_color)
                code = codes[style]
                if code is None:
                    return None
                out.append(f"\x1b[{code}m{text}\x1b[0m" if code else text)
            else:
                out.append(text)
        out.append("\n")
    return "".join(out)


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


def _styled_lines(item: Styled, width: int, justify: str | None, wraps: bool) -> list[Line] | None:
    """``item`` laid out ``width`` cells wide as Rich renders a ``Text``: at the top level
    (``justify`` None: lines as they are) or in a table cell (``"left"``/``"right"``:
    every line padded to the width). The runs are the styled Segments Rich writes: a base
    style covers the whole padded line; spans cover their characters only."""
    plain = item.plain
    if not _has_control(plain.replace("\n", " ")):
        return None
    base = item.style or None
    spans = item.spans()
    right = justify == "right"
    if base and spans:
        return None  # a span over a base style combines the two: Rich's business
    if justify is not None:
        if not plain:
            return None if base else [[(" " * width, None)]]  # an empty Text is one blank line
        if plain[-1] == "\n" or (right and (spans or "\n" in plain or plain[-1].isspace())):
            return None  # what _FitCell leaves to Text too
    out: list[Line] = []
    at = 0
    for line in plain.split("\n"):
        size = cell_len(line)
        if size <= width:
            pieces: list[tuple[int, str, int]] | None = [(0, line, size)]
        elif right or not wraps:
            return None
        else:
            pieces = fold(line, width)
            if pieces is None:
                return None
        for offset, piece, n in pieces:
            pad = " " * (width - n) if justify is not None else ""
            if not spans:
                out.append([(pad + piece if right else piece + pad, base)])
                continue
            start = at + offset
            end = start + len(piece)
            runs: Line = []
            pos = start
            for a, b, style in spans:
                lo, hi = max(a, start), min(b, end)
                if hi <= lo:
                    continue
                if lo > pos:
                    runs.append((plain[pos:lo], None))
                runs.append((plain[lo:hi], style))
                pos = hi
            if end > pos or pad:
                runs.append((plain[pos:end] + pad, None))
            out.append(runs)
        at += len(line) + 1
    return out


def text_lines(item: Styled, width: int) -> list[Line] | None:
    """What ``console.print(item.text())`` writes at ``width``, as lines of runs; None for
    what is Rich's business."""
    return _styled_lines(item, width, None, True)


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


HEADER_STYLE = "bold"  # the default theme's "table.header"


def table_lines(columns: Sequence[ColumnSpec], rows: Sequence[Sequence[Styled]], *, padding: int,
                show_header: bool, max_width: int) -> list[Line] | None:
    """The lines of runs ``console.print(Table(box=box.SIMPLE_HEAD, padding=(0, padding),
    pad_edge=False, show_header=show_header, show_edge=False))`` writes for columns of
    fixed width whose headers are strings and whose cells are :class:`Styled` (Rich
    ``Text``); None for a table Rich lays out otherwise (columns too wide, centred or
    cropping columns, cells to crop, tabs)."""
    if not fits(columns, rows, padding, max_width):
        return None
    n = len(columns)
    widths = outer_widths(columns, padding)
    for c in columns:
        if c.justify not in ("left", "right") or c.overflow != "fold":
            return None
    lefts = [" " * (padding if i else 0) for i in range(n)]
    rights = [" " * (padding if i < n - 1 else 0) for i in range(n)]
    divider: Line = [(" ", None)]  # SIMPLE_HEAD's verticals, unstyled
    out: list[Line] = []

    def add_row(cells: Sequence[Styled], wraps: Sequence[bool], style: str | None) -> bool:
        laid = []
        for j in range(n):
            item = cells[j] if j < len(cells) else Styled("")
            lines = _styled_lines(item, columns[j].width, columns[j].justify, wraps[j])
            if lines is None:
                return False
            if style is not None:  # the header: its style on every Segment, the padding's too
                lines = [[(text, style) for text, _none in line] for line in lines]
            left = [(lefts[j], style)] if lefts[j] else []
            right = [(rights[j], style)] if rights[j] else []
            laid.append([left + line + right for line in lines])
        height = max(len(lines) for lines in laid)
        for j, lines in enumerate(laid):
            if len(lines) < height:  # aligned to the top
                lines.extend([[(" " * widths[j], None)]] * (height - len(lines)))
        for parts in zip(*laid):
            line: Line = []
            for j, part in enumerate(parts):
                if j:
                    line.extend(divider)
                line.extend(part)
            out.append(line)
        return True

    if show_header:
        headers = [c.header for c in columns]
        # a header of several lines is aligned to the bottom, a too wide one wrapped: Rich's
        if not all(type(h) is str and h and "\n" not in h for h in headers):
            return None
        if not add_row([Styled(h) for h in headers], [False] * n, HEADER_STYLE):
            return None
        out.append([("─" * (sum(widths) + n - 1), None)])
    wraps = [not c.no_wrap for c in columns]
    for row in rows:
        if not add_row(row, wraps, None):
            return None
    return out
