"""A fast printer for one table shape, byte for byte what Rich's ``Table`` prints.

The status table prints, per section, ``Table(box=box.SIMPLE_HEAD, padding=(0, P),
pad_edge=False, show_header=..., show_edge=False)`` with fixed-width columns. Rich spends
about a millisecond a row on it (``Table._render``, ``render_lines`` of a ``Padding`` around
every cell, ``split_and_crop_lines`` twice, ``adjust_line_length``, ``set_shape``...).
``print_simple_table`` prints the same bytes for that shape:

* The column widths are Rich's only when the columns fit the console (Rich measures a
  fixed-width column as its width plus padding and shrinks them all when they do not fit):
  when they do not fit, or a row has more cells than there are columns, or a width is not a
  positive int, the whole table is printed by Rich's own ``Table``.
* A cell that is a ``Text`` (or the status table's ``_FitCell`` around one, recognised by
  its class when render/status_views.py is loaded) whose every line fits its column is
  turned into Segments directly, the Segments ``_FitCell`` yields (tests/test_fit_cell.py
  holds them equal to Text's): one per line, cut at tidy spans, padded to the column. Any other cell (too wide, tabs, overlapping or empty spans, a base
  style under spans, right-justified spans, centred columns, strings with markup, any other
  renderable) is rendered by ``console.render_lines`` exactly as ``Table`` renders it, and
  only the padding around it is added here.
* The header row is rendered through Rich's own calls (a ``Padding`` in ``render_lines``,
  style ``table.header``, aligned to the bottom), the rule under it is the box's ``head``
  row, and the column dividers are the box's verticals (head/mid/foot row by row), with the
  box substituted for legacy Windows / ASCII-only consoles as ``Table`` substitutes it.
* The Segments are yielded from a renderable printed with ``console.print(..., crop=False)``:
  Rich still writes them and applies colour, ``NO_COLOR`` and the console's style; every line
  is exactly the table's width, which is at most the console's, so cropping would change
  nothing. Neighbouring unstyled Segments are joined: an unstyled Segment is written as its
  bare text, so this does not change a byte, and there are fewer Segments to write.

The equality with ``console.print(Table(...))`` is held by tests/test_fast_table.py (random
tables, coloured, ``no_color`` and non-terminal consoles, widths 50-130, the real status
tables of examples/demo).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from .plain import ColumnSpec
from .plain import fits as fits_fast
from .plain import outer_widths as _outer_widths

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.table import Table

__all__ = ["ColumnSpec", "print_simple_table", "simple_table", "fits_fast"]

_TIDY_OVERFLOW = (None, "fold", "crop", "ellipsis")


def simple_table(columns: Sequence[ColumnSpec], rows: Iterable[Sequence[Any]], *, padding: int,
                 show_header: bool) -> "Table":
    """The Rich ``Table`` that ``print_simple_table`` prints the bytes of."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, padding=(0, padding), pad_edge=False, show_header=show_header,
                  show_edge=False)
    for c in columns:
        table.add_column(c.header, width=c.width, overflow=c.overflow, no_wrap=c.no_wrap, justify=c.justify)
    for row in rows:
        table.add_row(*row)
    return table


def print_simple_table(console: "Console", columns: Sequence[ColumnSpec], rows: Sequence[Sequence[Any]], *,
                       padding: int, show_header: bool) -> None:
    """Print what ``console.print(simple_table(columns, rows, ...))`` prints, faster."""
    columns = list(columns)
    rows = rows if isinstance(rows, list) else list(rows)
    if fits_fast(columns, rows, padding, console.width):
        console.print(_SimpleTable(columns, rows, padding, show_header), crop=False)
    else:
        console.print(simple_table(columns, rows, padding=padding, show_header=show_header))


def _fit_cell_type() -> Any:
    views = sys.modules.get("worktargets.render.status_views")
    return getattr(views, "_FitCell", None) if views is not None else None


class _SimpleTable:
    """The table as a renderable: yields the Segments ``Table._render`` would yield."""

    __slots__ = ("columns", "rows", "padding", "show_header")

    def __init__(self, columns: list[ColumnSpec], rows: Sequence[Sequence[Any]], padding: int,
                 show_header: bool) -> None:
        self.columns = columns
        self.rows = rows
        self.padding = padding
        self.show_header = show_header

    def __rich_console__(self, console: "Console", options: "ConsoleOptions") -> Iterator[Any]:
        columns, rows, padding, show_header = self.columns, self.rows, self.padding, self.show_header
        if not fits_fast(columns, rows, padding, options.max_width):
            yield simple_table(columns, rows, padding=padding, show_header=show_header)
            return
        from rich import box
        from rich.padding import Padding

        n = len(columns)
        last_col = n - 1
        widths = _outer_widths(columns, padding)
        table_width = sum(widths) + (n - 1)
        table_options = options.update(width=table_width, highlight=False, height=None)
        get_style = console.get_style
        border_style = get_style("none") + get_style("")
        _box = box.SIMPLE_HEAD.substitute(table_options, safe=console.safe_box)
        if not show_header:
            _box = _box.get_plain_headed_box()
        null = Style.null()
        dividers = []
        for vertical in (_box.head_vertical, _box.mid_vertical, _box.foot_vertical):
            seg = Segment(vertical, border_style)
            dividers.append(seg if vertical.strip() else Segment(vertical, null.background_style + border_style))
        lefts = [" " * (padding if i else 0) for i in range(n)]
        rights = [" " * (padding if i < last_col else 0) for i in range(n)]
        cell_options = [
            table_options.update(width=c.width, justify=c.justify, no_wrap=c.no_wrap, overflow=c.overflow,
                                 height=None, highlight=False)
            for c in columns
        ]
        # per column: None (every cell through render_lines) or whether it is right-justified
        fast_kind = [(c.justify == "right") if c.justify in ("left", "right") and c.overflow in _TIDY_OVERFLOW
                     else None for c in columns]
        fit_cell = _fit_cell_type()
        styles: dict[Any, Style] = {}

        def cached_style(name: Any) -> Style:
            """console.get_style, looked up once a print (a link gets a fresh id each time: not kept)."""
            style = styles.get(name)
            if style is None:
                style = get_style(name)
                if not style.link:
                    styles[name] = style
            return style

        blanks = [Segment(" " * w) for w in widths]
        render_lines = console.render_lines
        n_lines = len(rows) + (1 if show_header else 0)

        def emit(cells: list[list[list[Segment]]], height: int, divider: Segment) -> Iterator[Segment]:
            """The row's lines, unstyled neighbours joined into one Segment."""
            div_plain = not divider.style and not divider.control
            for line_no in range(height):
                plain: list[str] = []
                for j, cell in enumerate(cells):
                    if j:
                        if div_plain:
                            plain.append(divider.text)
                        else:
                            if plain:
                                yield Segment("".join(plain))
                                plain = []
                            yield divider
                    for seg in cell[line_no]:
                        if seg.style or seg.control:
                            if plain:
                                yield Segment("".join(plain))
                                plain = []
                            yield seg
                        else:
                            plain.append(seg.text)
                plain.append("\n")
                yield Segment("".join(plain))

        line_index = 0
        if show_header:
            # Rich's own calls: the header is rendered once per table
            header_style = get_style("table.header") + get_style("")
            header_cells = []
            for i, c in enumerate(columns):
                opts = table_options.update(width=widths[i], justify=c.justify, no_wrap=c.no_wrap,
                                            overflow=c.overflow, height=None, highlight=False)
                renderable = c.header
                if padding:
                    renderable = Padding(renderable, (0, len(rights[i]), 0, len(lefts[i])))
                header_cells.append(render_lines(renderable, opts, style=header_style))
            row_height = max(len(cell) for cell in header_cells)
            header_cells = [
                Segment.set_shape(Segment.align_bottom(cell, widths[i], row_height, header_style), widths[i],
                                  max(1, row_height))
                for i, cell in enumerate(header_cells)
            ]
            yield from emit(header_cells, max(1, row_height), dividers[0])
            yield Segment(_box.get_row(widths, "head", edge=False), border_style)
            yield Segment("\n")
            line_index = 1

        column_info = list(zip(range(n), fast_kind, [c.width for c in columns], lefts, rights, cell_options))
        for row in rows:
            if len(row) < n:
                row = [*row, *[None] * (n - len(row))]  # Table.add_row fills a short row with ""
            cells: list[list[list[Segment]]] = []
            verticals: list[str] | None = None
            for cell, (j, kind, width, left, right, cell_opts) in zip(row, column_info):
                if cell is None:
                    cell = ""
                lines = None
                if kind is not None:
                    if type(cell) is Text:
                        lines = _text_lines(cached_style, cell, kind, width, left, right)
                    elif fit_cell is not None and type(cell) is fit_cell and cell.right == kind:
                        lines = _text_lines(cached_style, cell.text, kind, width, left, right)
                if lines is None:
                    lines = render_lines(cell, cell_opts)
                    if left or right:
                        lines = [[Segment(left), *line, Segment(right)] for line in lines]
                    # Table aligns by the cell's own ``vertical`` (when not wrapped in a Padding)
                    vertical = None if padding else getattr(cell, "vertical", None)
                    if vertical and vertical != "top":
                        verticals = verticals or ["top"] * n
                        verticals[j] = vertical
                cells.append(lines)
            heights = [len(lines) for lines in cells]
            row_height = max(heights)
            height = max(1, row_height)
            if verticals or min(heights) < height:
                for j, lines in enumerate(cells):
                    vertical = verticals[j] if verticals else "top"
                    if vertical == "top":
                        if len(lines) < height:
                            # Segment.align_top + set_shape: every line is the column's width
                            # already (ours by construction, render_lines' padded/cropped), so
                            # only the blank lines
                            cells[j] = lines + [[blanks[j]]] * (height - len(lines))
                    else:
                        if vertical == "middle":
                            lines = Segment.align_middle(lines, widths[j], row_height, null)
                        else:
                            lines = Segment.align_bottom(lines, widths[j], row_height, null)
                        cells[j] = Segment.set_shape(lines, widths[j], height)
            divider = dividers[0 if line_index == 0 else (2 if line_index == n_lines - 1 else 1)]
            yield from emit(cells, height, divider)
            line_index += 1


def _text_lines(get_style: Callable[[Any], Style], text: Any, right: bool, width: int, left_pad: str,
                right_pad: str) -> list[list[Segment]] | None:
    """The padded lines of a ``Text`` in a left/right column of ``width`` when every line fits
    and the cell is one ``_FitCell`` renders as Segments (the Segments it yields); None
    for anything else."""
    plain = text.plain
    if (
        not plain
        or text.end != "\n"
        or "\t" in plain
        or plain[-1] == "\n"
        or text.justify not in (None, "right" if right else "left")
        or text.overflow not in _TIDY_OVERFLOW
    ):
        return None
    spans = text.spans
    if "\n" in plain:
        if right:
            return None
        parts = plain.split("\n")
        sizes = [cell_len(part) for part in parts]
        if max(sizes) > width:
            return None
    else:
        if right and plain[-1].isspace():
            return None
        size = cell_len(plain)
        if size > width:
            return None
        if not spans:  # the common cell: one line, one Segment
            pad = " " * (width - size)
            style = text.style
            if not style:
                return [[Segment(left_pad + pad + plain + right_pad if right else left_pad + plain + pad + right_pad)]]
            try:
                base = get_style(style)
            except Exception:  # Text renders an unknown style as none, _FitCell raises: let them
                return None
            line = [Segment(pad + plain if right else plain + pad, base)]
            if left_pad:
                line.insert(0, Segment(left_pad))
            if right_pad:
                line.append(Segment(right_pad))
            return [line]
        parts = [plain]
        sizes = [size]
    try:
        if spans:
            if right or text.style:
                return None
            at = 0
            for sp in spans:
                if sp.start < at or sp.end <= sp.start:
                    return None
                at = sp.end
            if at > len(plain):
                return None
            styles = [get_style(sp.style) for sp in spans]
        base = get_style(text.style) if text.style else None
    except Exception:
        return None
    lines: list[list[Segment]] = []
    if not spans:
        for part, size in zip(parts, sizes):
            pad = " " * (width - size)
            if base:
                line = [Segment(pad + part if right else part + pad, base)]
                if left_pad:
                    line.insert(0, Segment(left_pad))
                if right_pad:
                    line.append(Segment(right_pad))
            else:
                line = [Segment(left_pad + pad + part + right_pad if right else left_pad + part + pad + right_pad)]
            lines.append(line)
        return lines
    at = 0
    for part, size in zip(parts, sizes):
        end = at + len(part)
        pos = at
        line = [Segment(left_pad)] if left_pad else []
        for sp, style in zip(spans, styles):
            start, stop = max(sp.start, at), min(sp.end, end)
            if stop <= start:
                continue
            if start > pos:
                line.append(Segment(plain[pos:start]))
            line.append(Segment(plain[start:stop], style))
            pos = stop
        pad = " " * (width - size)
        if end > pos or pad:
            line.append(Segment(plain[pos:end] + pad))
        if right_pad:
            line.append(Segment(right_pad))
        lines.append(line)
        at = end + 1
    return lines
