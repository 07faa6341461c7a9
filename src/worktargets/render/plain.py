"""The status table's writer: lines of styled text and one fixed-width table, as text.

worktargets owns this writer; its specification is the golden files in
tests/golden/status_table/ (and tests/test_plain_writer.py for its rules), not another
library's bytes. It writes plain text to a pipe or a file and SGR escape codes to a
terminal. The layout (widths, which columns wrap) is decided by the caller.

Its rules:
* widths are terminal cells (East Asian wide characters count two: ``rich.cells``);
* a wrapping column folds a too-long line at the last space that fits (the space kept at
  the end of the piece, trailing blanks beyond the width dropped), else cuts it at the
  width; a non-wrapping column crops at the width; a wide character never straddles a cut
  (the line is padded instead);
* a tab becomes spaces to the next multiple of 8; other control characters never reach a
  terminal (shown as ␛, \\x07 …, see ``textio.printable`` when there, else ``repr``);
* a table is ``SIMPLE_HEAD``: a header row in bold, a rule of ─ under it, one space
  between columns, each column padded with ``padding`` spaces on its inner sides;
* a style is a few words: bold, dim, italic, underline, a colour name (black … white,
  bright_*), ``on`` a background; ``NO_COLOR`` keeps the attributes and drops the colours;
  a word it does not know is ignored.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Mapping, NamedTuple, Sequence

from rich.cells import cell_len, get_character_cell_size

__all__ = ["ColumnSpec", "Mode", "Styled", "output_mode", "fold", "outer_widths", "sgr", "table_lines",
           "text_lines", "write", "MIN_WIDTH"]

MIN_WIDTH = 20  # narrower terminals are written as if this wide

Run = tuple[str, "str | None"]  # text, style name (None: unstyled)
Line = list[Run]

_CONTROL_NAMES = {"\x1b": "␛"}


def _clean(text: str) -> str:
    """Tabs expanded, other control characters made visible (never written raw)."""
    if "\t" in text:
        text = "\n".join(line.expandtabs(8) for line in text.split("\n"))
    if any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 for c in text):
        text = "".join(
            c if (c == "\n" or 32 <= ord(c) < 0x7F or ord(c) >= 0xA0) else _CONTROL_NAMES.get(c, f"\\x{ord(c):02x}")
            for c in text)
    return text


class ColumnSpec(NamedTuple):
    """One column: its header, width in cells, justification, and whether it wraps."""

    header: Any
    width: int
    justify: str = "left"
    no_wrap: bool = False
    overflow: str = "fold"


class Mode(NamedTuple):
    """How output goes to its stream: width in cells, escape codes or not, colours or not."""

    width: int
    terminal: bool
    no_color: bool


class Styled:
    """A line of text with styles: a base style over the whole text, then pieces appended
    with a style each."""

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
        """(start, end, style) of every styled piece."""
        out = []
        at = 0
        for piece, style in self.pieces:
            if style and piece:
                out.append((at, at + len(piece), style))
            at += len(piece)
        return out


def output_mode(stream: object = None, environ: Mapping[str, str] | None = None) -> Mode:
    """How to write to ``stream`` (``sys.stdout``): escape codes when it is a terminal
    (``FORCE_COLOR`` / ``TTY_COMPATIBLE`` say so too; a dumb terminal gets none), the
    width from ``COLUMNS``, else the terminal's, else 80; ``NO_COLOR`` drops colours."""
    environ = os.environ if environ is None else environ
    stream = sys.stdout if stream is None else stream
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
        except ValueError:  # a closed file
            terminal = False
    if terminal and environ.get("TERM", "").lower() in ("dumb", "unknown"):
        terminal = False
    columns = environ.get("COLUMNS")
    width = None
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        for fd in (1, 0, 2):
            try:
                width = os.get_terminal_size(fd)[0]
            except (AttributeError, ValueError, OSError):
                continue
            break
    return Mode(max(MIN_WIDTH, width or 80), terminal, environ.get("NO_COLOR", "") != "")


_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_ATTRIBUTE_ORDER = ("bold", "dim", "italic", "underline")
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")


def _colour_number(name: str) -> int | None:
    """The standard colour number (0-15) of a named colour."""
    if name in _COLOURS:
        return _COLOURS.index(name)
    if name.startswith("bright_") and name[7:] in _COLOURS:
        return 8 + _COLOURS.index(name[7:])
    return None


def sgr(style: str, no_color: bool = False) -> str:
    """The SGR parameters of ``style`` ("bold green", "bold white on red", "dim"…),
    colours dropped under ``NO_COLOR``; words it does not know are ignored."""
    words = style.lower().split()
    background = None
    if "on" in words:
        at = words.index("on")
        background = _colour_number(words[at + 1]) if at + 1 < len(words) else None
        words = words[:at]
    attributes = set()
    foreground = None
    for w in words:
        if w in _ATTRIBUTES:
            attributes.add(w)
        elif foreground is None and _colour_number(w) is not None:
            foreground = _colour_number(w)
    codes = [_ATTRIBUTES[a] for a in _ATTRIBUTE_ORDER if a in attributes]
    if not no_color:
        if foreground is not None:
            codes.append(str(30 + foreground) if foreground < 8 else str(90 + foreground - 8))
        if background is not None:
            codes.append(str(40 + background) if background < 8 else str(100 + background - 8))
    return ";".join(codes)


def write(lines: Sequence[Line], mode: Mode) -> str:
    """The text of these lines: each styled run in its own escape codes on a terminal,
    bare text elsewhere."""
    if not mode.terminal:
        return "".join("".join(text for text, _style in line) + "\n" for line in lines)
    codes: dict[str, str] = {}
    out = []
    for line in lines:
        for text, style in line:
            if style and text:
                code = codes.get(style)
                if code is None:
                    code = codes[style] = sgr(style, mode.no_color)
                out.append(f"\x1b[{code}m{text}\x1b[0m" if code else text)
            else:
                out.append(text)
        out.append("\n")
    return "".join(out)


def _crop(text: str, width: int) -> tuple[str, int]:
    """The longest start of ``text`` within ``width`` cells, and its cells."""
    n = 0
    for i, c in enumerate(text):
        size = get_character_cell_size(c)
        if n + size > width:
            return text[:i], n
        n += size
    return text, n


_WORD = None


def _cuts(line: str, width: int) -> list[int]:
    """Where a wrapping column breaks ``line``: greedy by words (a word keeps the blanks
    after it), a word wider than the column cut into pieces of the width."""
    global _WORD
    if _WORD is None:
        import re

        _WORD = re.compile(r"\s*\S+\s*")
    cuts: list[int] = []
    position = 0
    for m in _WORD.finditer(line):
        start, word = m.start(), m.group()
        size = cell_len(word.rstrip())
        if position + size <= width:
            position += cell_len(word)
            continue
        if size > width:  # cut the word itself
            chunks = []
            rest = word
            while rest:
                head, _n = _crop(rest, width)
                head = head or rest[:1]
                chunks.append(head)
                rest = rest[len(head):]
            for k, chunk in enumerate(chunks):
                if start:
                    cuts.append(start)
                if k == len(chunks) - 1:
                    position = cell_len(chunk)
                else:
                    start += len(chunk)
        elif position and start:
            cuts.append(start)
            position = cell_len(word)
    return cuts


def fold(line: str, width: int) -> list[tuple[int, str, int]]:
    """``line`` (no line break in it) cut into pieces of at most ``width`` cells (blanks
    past the width dropped): (offset in ``line``, piece, cells) of each."""
    size = cell_len(line)
    if size <= width:
        return [(0, line, size)]
    pieces = []
    cuts = [0, *_cuts(line, width), len(line)]
    for a, b in zip(cuts, cuts[1:]):
        piece = line[a:b]
        if cell_len(piece) > width:
            piece = piece.rstrip(" ") if cell_len(piece.rstrip(" ")) <= width else piece
            if cell_len(piece) > width:
                piece = _crop(piece, width)[0]
        pieces.append((a, piece, cell_len(piece)))
    return pieces


def _styled_lines(item: Styled, width: int, justify: str | None, wraps: bool) -> list[Line]:
    """``item`` laid out ``width`` cells wide: at the top level (``justify`` None: lines as
    they are) or in a table cell (``"left"``/``"right"``: each line padded to the width).
    A base style covers the whole padded line; a span covers its characters (over a base
    style, the two combine)."""
    item = _cleaned(item)
    plain = item.plain
    base = item.style or None
    spans = item.spans()
    right = justify == "right"
    out: list[Line] = []
    at = 0
    for line in plain.split("\n"):
        size = cell_len(line)
        if size <= width:
            pieces = [(0, line, size)]
        elif wraps and not right:
            pieces = fold(line, width)
        else:
            piece, n = _crop(line, width)
            pieces = [(0, piece, n)]
        for offset, piece, n in pieces:
            pad = " " * (width - n) if justify is not None else ""
            if not spans:
                out.append([(pad + piece if right else piece + pad, base)])
                continue
            start = at + offset
            end = start + len(piece)
            runs: Line = [(pad, base)] if right and pad else []
            pos = start
            for a, b, style in spans:
                lo, hi = max(a, start), min(b, end)
                if hi <= lo:
                    continue
                if lo > pos:
                    runs.append((plain[pos:lo], base))
                runs.append((plain[lo:hi], f"{base} {style}" if base else style))
                pos = hi
            if end > pos or (pad and not right):
                runs.append((plain[pos:end] + ("" if right else pad), base))
            out.append(runs)
        at += len(line) + 1
    return out


def _cleaned(item: Styled) -> Styled:
    plain = item.plain
    if "\t" not in plain and all(32 <= ord(c) < 0x7F or ord(c) >= 0xA0 or c == "\n" for c in plain):
        return item
    out = Styled("", item.style)
    out.pieces = [(_clean(piece), style) for piece, style in item.pieces]
    return out


def text_lines(item: Styled, width: int) -> list[Line]:
    """A line of text at ``width`` cells, folded where too long."""
    return _styled_lines(item, width, None, True)


def outer_widths(columns: Sequence[ColumnSpec], padding: int) -> list[int]:
    """Each column's width with its inner padding (none at the table's outer edges)."""
    last = len(columns) - 1
    return [c.width + (padding if i else 0) + (padding if i < last else 0) for i, c in enumerate(columns)]


HEADER_STYLE = "bold"


def table_lines(columns: Sequence[ColumnSpec], rows: Sequence[Sequence[Styled]], *, padding: int,
                show_header: bool) -> list[Line]:
    """The lines of a ``SIMPLE_HEAD`` table of columns of fixed width."""
    n = len(columns)
    widths = outer_widths(columns, padding)
    lefts = [" " * (padding if i else 0) for i in range(n)]
    rights = [" " * (padding if i < n - 1 else 0) for i in range(n)]
    out: list[Line] = []

    def add_row(cells: Sequence[Styled], wraps: Sequence[bool], style: str | None, bottom: bool) -> None:
        laid = []
        for j in range(n):
            item = cells[j] if j < len(cells) else Styled("")
            lines = _styled_lines(item, columns[j].width, columns[j].justify, wraps[j])
            if style is not None:  # the header: its style on every run, the padding's too
                lines = [[(text, style) for text, _none in line] for line in lines]
            left = [(lefts[j], style)] if lefts[j] else []
            right = [(rights[j], style)] if rights[j] else []
            laid.append([left + line + right for line in lines])
        height = max(len(lines) for lines in laid)
        for j, lines in enumerate(laid):
            blank = [[(" " * widths[j], None)]] * (height - len(lines))
            laid[j] = blank + lines if bottom else lines + blank  # header to the bottom, cells to the top
        for parts in zip(*laid):
            line: Line = []
            for j, part in enumerate(parts):
                if j:
                    line.append((" ", None))
                line.extend(part)
            out.append(line)

    if show_header:
        add_row([Styled(str(c.header)) for c in columns], [True] * n, HEADER_STYLE, True)
        out.append([("─" * (sum(widths) + n - 1), None)])
    wraps = [not c.no_wrap for c in columns]
    for row in rows:
        add_row(row, wraps, None, False)
    return out
