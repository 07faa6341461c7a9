"""The status table's fast cell gives the same bytes as Rich's own Text, in any table."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Span, Text

from worktargets.render.status_views import _FitCell

STYLES = ["", "cyan", "dim", "bold", "green", "yellow bold", "red"]
CHARS = "ab-_.%0123 ·█▎—≥区水利局报告（）"


@st.composite
def cases(draw: st.DrawFn) -> tuple[tuple, int, bool, int, bool]:
    """Mostly cells the fast path takes (fitting, plain or with tidy spans), some it must
    hand back to Text (too wide, overlapping or empty spans, a base style under spans…)."""
    right = draw(st.booleans())
    lines = draw(st.lists(st.text(CHARS, max_size=14), min_size=1, max_size=1 if right else 3))
    plain = "\n".join(lines)
    spans: list[tuple[int, int, str]] = []
    if not right and draw(st.booleans()):
        cuts = sorted(set(draw(st.lists(st.integers(0, len(plain)), min_size=2, max_size=6))))
        spans = [(a, b, draw(st.sampled_from(STYLES[1:]))) for a, b in zip(cuts[::2], cuts[1::2])]
    style = "" if spans else draw(st.sampled_from(STYLES))
    justify = None
    width = max(cell_len(line) for line in lines) + draw(st.integers(0, 4))
    if draw(st.integers(0, 3)) == 0:  # the awkward ones
        spans = draw(st.permutations(spans + [(0, len(plain), "bold"), (len(plain) // 2, len(plain) // 2, "red")][: draw(st.integers(0, 2))]))
        style = draw(st.sampled_from(STYLES))
        justify = draw(st.sampled_from([None, "left", "right", "center"]))
        width = draw(st.integers(1, 40))
    return (plain, style, spans, justify), max(width, 1), right, draw(st.sampled_from([0, 1])), draw(st.booleans())


@st.composite
def wrapping_cases(draw: st.DrawFn) -> tuple[tuple, int, bool, int, bool]:
    """Left-aligned cells too long for their column, which Rich wraps at word breaks and
    folds: titles with "id · owner" lines, runs of blanks, words longer than the column."""
    words = st.text("ab-_.%0123·█区水利局报告（）", min_size=1, max_size=12)
    blanks = st.sampled_from([" ", " ", "  ", "   ", " · "])
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        parts = draw(st.lists(st.tuples(words, blanks), min_size=1, max_size=5))
        line = "".join(w + b for w, b in parts)
        lines.append(line if draw(st.booleans()) else line.rstrip())
    plain = "\n".join(lines)
    spans: list[tuple[int, int, str]] = []
    if draw(st.booleans()):
        cuts = sorted(set(draw(st.lists(st.integers(0, len(plain)), min_size=2, max_size=6))))
        spans = [(a, b, draw(st.sampled_from(STYLES[1:]))) for a, b in zip(cuts[::2], cuts[1::2])]
    style = "" if spans else draw(st.sampled_from(STYLES))
    width = draw(st.integers(1, max(cell_len(line) for line in lines) + 1))
    return (plain, style, spans, None), width, False, draw(st.sampled_from([0, 1])), draw(st.booleans())


def render(cell_text: tuple, width: int, right: bool, fast: bool, padding: int, header: bool) -> str:
    plain, style, spans, justify = cell_text
    out = io.StringIO()
    console = Console(file=out, width=90, force_terminal=True, color_system="256", highlight=False,
                      soft_wrap=False, legacy_windows=False)
    table = Table(box=box.SIMPLE_HEAD, padding=(0, padding), pad_edge=False, show_header=header, show_edge=False)
    table.add_column("x", width=width, overflow="fold", no_wrap=right, justify="right" if right else "left")
    table.add_column("y", width=3)
    for _ in range(2):
        text = Text(plain, style=style, justify=justify)
        text.spans = [Span(a, b, s) for a, b, s in spans]
        table.add_row(_FitCell(text, right) if fast else text, "z")
    console.print(table)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(cases())
def test_fit_cell_renders_like_text(case: tuple) -> None:
    cell_text, width, right, padding, header = case
    assert render(cell_text, width, right, True, padding, header) == render(cell_text, width, right, False, padding, header)


@settings(max_examples=400, deadline=None)
@given(wrapping_cases())
def test_wrapped_cells_render_like_text(case: tuple) -> None:
    cell_text, width, right, padding, header = case
    assert render(cell_text, width, right, True, padding, header) == render(cell_text, width, right, False, padding, header)


def test_wrapped_titles_take_the_fast_path() -> None:
    console = Console(file=io.StringIO(), width=40)
    title = Text("培育职业经理")
    title.append("\nprofessional-managers", style="cyan")
    title.append(" · 区农业农村局", style="dim")
    out = list(_FitCell(title, False).__rich_console__(console, console.options.update(width=21, justify="left")))
    assert all(not isinstance(x, Text) for x in out)
    # the blank after the id is over the width: dropped, as Text.rstrip_end drops it
    assert "".join(seg.text for seg in out).split("\n") == [
        "培育职业经理" + " " * 9, "professional-managers", "· 区农业农村局" + " " * 7, ""]


def test_the_fast_path_is_taken_for_fitting_cells() -> None:
    console = Console(file=io.StringIO(), width=40)
    title = Text("新建高标准农田")
    title.append("\nfarmland · ", style="cyan")
    title.append("区农业农村局", style="dim")
    out = list(_FitCell(title, False).__rich_console__(console, console.options.update(width=30, justify="left")))
    assert all(not isinstance(x, Text) for x in out)  # Segments, not the Text handed back
    assert "".join(seg.text for seg in out) == "新建高标准农田" + " " * 16 + "\nfarmland · 区农业农村局" + " " * 7 + "\n"
