"""print_simple_table prints exactly the bytes console.print(Table(...)) prints for the
status table's shape: random tables, coloured / no_color / non-terminal / ASCII-only
consoles, and the real status tables of examples/demo and data/."""

from __future__ import annotations

import io
import random
from datetime import date

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Span, Text

from conftest import ROOT
from worktargets.render import fast_table
from worktargets.render.fast_table import ColumnSpec, fits_fast, print_simple_table, simple_table
from worktargets.render.status_views import _FitCell, status_table

STYLES = ["", "cyan", "dim", "bold", "green", "yellow bold", "red", "bold red on white", "none"]
CHARS = "ab-_.%0123 ·█▎—≥区水利局报告（）农田"
HEADER_CHARS = "abcXYZ 0123·区水利局目标状态（）"


class _AsciiIO(io.StringIO):
    encoding = "ascii"  # makes Rich's console ascii_only: the box becomes ASCII


CONSOLES = {
    "colour": dict(force_terminal=True, color_system="256"),
    "truecolor": dict(force_terminal=True, color_system="truecolor"),
    "no_color": dict(force_terminal=True, color_system="256", no_color=True),
    "plain": dict(force_terminal=False),
    "legacy-windows": dict(force_terminal=True, color_system="windows", legacy_windows=True),
    "ascii": dict(force_terminal=True, color_system="256", file=_AsciiIO),
}


def console(kind: str, width: int) -> Console:
    kw = dict(CONSOLES[kind])
    file = kw.pop("file", io.StringIO)()
    kw.setdefault("legacy_windows", False)
    return Console(file=file, width=width, highlight=False, soft_wrap=False, **kw)


@st.composite
def texts(draw: st.DrawFn, right: bool) -> Text:
    """Mostly cells a status table has (fitting, tidy spans or one base style), some not:
    too wide, several lines in a right column, overlapping/empty spans, a base style under
    spans, a justify of their own, trailing blanks, tabs."""
    lines = draw(st.lists(st.text(CHARS, max_size=16), min_size=1, max_size=3 if not right or draw(st.booleans()) else 1))
    if draw(st.integers(0, 9)) == 0:
        lines[0] += draw(st.sampled_from(["\t", "  ", "\n"]))
    plain = "\n".join(lines)
    text = Text(plain, style=draw(st.sampled_from(STYLES)))
    if draw(st.booleans()):
        cuts = sorted(set(draw(st.lists(st.integers(0, len(plain)), min_size=2, max_size=6))))
        spans = [Span(a, b, draw(st.sampled_from(STYLES[1:]))) for a, b in zip(cuts[::2], cuts[1::2])]
        if draw(st.integers(0, 4)) == 0:
            spans = draw(st.permutations(spans + [Span(0, len(plain), "bold"), Span(len(plain) // 2, len(plain) // 2, "red")]))
        elif draw(st.booleans()):
            text.style = ""
        text.spans = spans
    if draw(st.integers(0, 9)) == 0:
        text.justify = draw(st.sampled_from(["left", "right", "center"]))
    return text


@st.composite
def cells(draw: st.DrawFn, right: bool) -> object:
    kind = draw(st.sampled_from(["fit", "fit", "fit", "text", "text", "str", "none", "fit-other"]))
    if kind == "str":
        return draw(st.text(CHARS, max_size=20))
    if kind == "none":
        return None
    text = draw(texts(right))
    if kind == "fit":
        return _FitCell(text, right)
    if kind == "fit-other":  # a _FitCell that disagrees with its column's justify
        return _FitCell(text, not right)
    return text


@st.composite
def tables(draw: st.DrawFn) -> tuple:
    width = draw(st.integers(50, 130))
    padding = draw(st.sampled_from([0, 1]))
    n = draw(st.integers(1, 7))
    roomy = draw(st.integers(0, 4)) > 0  # most tables fit the console (the fast path)
    budget = max(1, (width - (n - 1) - 2 * padding * n) // n) if roomy else 40
    columns = []
    for _ in range(n):
        right = draw(st.booleans())
        columns.append(ColumnSpec(
            draw(st.text(HEADER_CHARS, max_size=12)),
            draw(st.integers(1, max(1, min(40, budget)))),
            "right" if right else "left",
            draw(st.booleans()),
            "fold",
        ))
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        row = [draw(cells(c.justify == "right")) for c in columns]
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, n))]  # short rows: Table fills in ""
        rows.append(row)
    return width, columns, rows, padding, draw(st.booleans())


def both(kind: str, width: int, columns: list, rows: list, padding: int, show_header: bool) -> tuple[str, str]:
    rich_console = console(kind, width)
    rich_console.print(simple_table(columns, rows, padding=padding, show_header=show_header))
    fast_console = console(kind, width)
    print_simple_table(fast_console, columns, rows, padding=padding, show_header=show_header)
    return rich_console.file.getvalue(), fast_console.file.getvalue()


@settings(max_examples=250, deadline=None)
@given(tables(), st.sampled_from(sorted(CONSOLES)))
def test_same_bytes_as_rich_table(table: tuple, kind: str) -> None:
    width, columns, rows, padding, show_header = table
    event("fast path" if fits_fast(columns, rows, padding, width) else "Rich's Table")
    expected, got = both(kind, width, columns, rows, padding, show_header)
    assert got.encode() == expected.encode()


@settings(max_examples=100, deadline=None)
@given(tables())
def test_same_bytes_in_colour_and_without(table: tuple) -> None:
    """The same table through a coloured, a NO_COLOR and a non-terminal console."""
    width, columns, rows, padding, show_header = table
    for kind in ("colour", "no_color", "plain"):
        expected, got = both(kind, width, columns, rows, padding, show_header)
        assert got == expected, kind


@pytest.mark.parametrize("seed", [1, 2])
def test_many_rows(seed: int) -> None:
    """Tables of a couple of hundred rows, as the status table of a large catalogue prints them."""
    rng = random.Random(seed)
    columns = [ColumnSpec("标题", rng.randint(10, 30)), ColumnSpec("owner", rng.randint(4, 12), "left", True),
               ColumnSpec("目标", rng.randint(4, 10), "right", True), ColumnSpec("进度", 8, "left", True),
               ColumnSpec("状态", rng.randint(4, 10), "left", True)]

    def word(k: int) -> str:
        return "".join(rng.choice(CHARS) for _ in range(rng.randint(0, k))).strip() or "x"

    rows = []
    for _ in range(200):
        title = Text(word(28))
        title.append("\n" + word(10), style="cyan")
        if rng.random() < 0.5:
            title.append(" · " + word(8), style="dim")
        bar = Text("█▎", style=rng.choice(STYLES))
        bar.append(" 45%")
        rows.append([_FitCell(title, False), _FitCell(Text(word(12)), False), _FitCell(Text(word(9)), True),
                     _FitCell(bar, False), _FitCell(Text("● " + word(6), style=rng.choice(STYLES)), False)])
    for kind, width in (("colour", 80), ("no_color", 100), ("plain", 120), ("truecolor", 130)):
        for padding, show_header in ((0, True), (1, False)):
            expected, got = both(kind, width, columns, rows, padding, show_header)
            assert got == expected, (kind, width, padding, show_header)


def test_no_color_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    title = Text("新建高标准农田")
    title.append("\nfarmland", style="cyan")
    rows = [[_FitCell(title, False), _FitCell(Text("2万亩"), True), _FitCell(Text("● 落后", style="red bold"), False)]]
    columns = [ColumnSpec("目标", 20), ColumnSpec("值", 8, "right", True), ColumnSpec("状态", 8, "left", True)]
    outs = []
    for fast in (False, True):
        c = Console(file=io.StringIO(), width=80, highlight=False, soft_wrap=False)
        assert c.no_color
        if fast:
            print_simple_table(c, columns, rows, padding=1, show_header=True)
        else:
            c.print(simple_table(columns, rows, padding=1, show_header=True))
        outs.append(c.file.getvalue())
    assert outs[0] == outs[1]
    assert "\x1b[1m" in outs[0] and "\x1b[31" not in outs[0]  # bold stays, colour goes


def test_fitting_cells_skip_rich_render_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fitting Text/_FitCell cells are not rendered by Rich: render_lines only for headers."""
    calls = []
    real = Console.render_lines

    def counting(self, renderable, *args, **kwargs):
        calls.append(renderable)
        return real(self, renderable, *args, **kwargs)

    monkeypatch.setattr(Console, "render_lines", counting)
    title = Text("新建高标准农田")
    title.append("\nfarmland", style="cyan")
    title.append(" · 区农业农村局", style="dim")
    pct = Text("███", style="green")
    pct.append(" 45%")
    rows = [[_FitCell(title, False), _FitCell(Text("≥2万亩"), True), _FitCell(pct, False)]] * 50
    columns = [ColumnSpec("目标", 30), ColumnSpec("值", 8, "right", True), ColumnSpec("进度", 8, "left", True)]
    c = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="256", highlight=False)
    print_simple_table(c, columns, rows, padding=1, show_header=True)
    assert calls and all(isinstance(r, str) or type(r).__name__ == "Padding" for r in calls)  # headers only
    calls.clear()
    print_simple_table(c, columns, rows, padding=1, show_header=False)
    assert calls == []


def test_too_wide_falls_back_to_rich_table(monkeypatch: pytest.MonkeyPatch) -> None:
    columns = [ColumnSpec("a", 30), ColumnSpec("b", 30, "right", True)]
    rows = [[Text("x" * 40), Text("1")]]
    assert not fits_fast(columns, rows, 1, 60)
    seen = []
    real = Console.print

    def spy(self, *objects, **kwargs):
        seen.extend(type(o).__name__ for o in objects)
        return real(self, *objects, **kwargs)

    monkeypatch.setattr(Console, "print", spy)
    expected, got = both("colour", 60, columns, rows, 1, True)
    assert got == expected
    assert seen == ["Table", "Table"]


# -- the real status table ---------------------------------------------------------------

def _as_specs(table: Table) -> tuple[list[ColumnSpec], list[list[object]], int]:
    columns = [ColumnSpec(c.header, c.width, c.justify, c.no_wrap, c.overflow) for c in table.columns]
    rows = [list(r) for r in zip(*(c._cells for c in table.columns))]
    return columns, rows, table.padding[1]


def _status_output(data, as_of: date, lang: str, width: int, kind: str, fast: bool,
                   monkeypatch: pytest.MonkeyPatch) -> str:
    """status_table's output, its tables printed by Rich's Table or by print_simple_table,
    whichever of the two status_table calls (before or after it calls print_simple_table)."""
    from worktargets.catalogue import load_catalogue
    from worktargets.ledger import load_progress
    from worktargets.status import compute_status

    catalogue, _problems = load_catalogue(data)
    progress, _scan = load_progress(catalogue, data, as_of)
    report = compute_status(catalogue, progress, as_of)
    c = console(kind, width)
    real_print = Console.print
    real_simple = fast_table.print_simple_table
    routing = []

    def routed(self, *objects, **kwargs):
        if len(objects) == 1 and isinstance(objects[0], Table) and not kwargs and not routing:
            columns, rows, padding = _as_specs(objects[0])
            routing.append(True)  # print_simple_table's own fallback is a Table: print it
            try:
                return real_simple(self, columns, rows, padding=padding, show_header=objects[0].show_header)
            finally:
                routing.pop()
        return real_print(self, *objects, **kwargs)

    def by_rich(console, columns, rows, *, padding, show_header):
        console.print(simple_table(columns, rows, padding=padding, show_header=show_header))

    with monkeypatch.context() as m:
        if fast:
            m.setattr(Console, "print", routed)
        else:
            m.setattr(fast_table, "print_simple_table", by_rich)
        with c:
            status_table(report, lang, c)
    return c.file.getvalue()


@pytest.mark.parametrize("which", ["demo", "data"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width,kind", [(50, "plain"), (60, "colour"), (80, "colour"), (80, "no_color"),
                                        (100, "plain"), (110, "colour"), (130, "truecolor"), (130, "ascii")])
def test_status_tables_through_both_paths(which: str, lang: str, width: int, kind: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = ROOT / ("examples/demo" if which == "demo" else "data")
    for as_of in (date(2022, 6, 30), date(2023, 3, 1)):
        rich_out = _status_output(data, as_of, lang, width, kind, False, monkeypatch)
        fast_out = _status_output(data, as_of, lang, width, kind, True, monkeypatch)
        assert fast_out.encode() == rich_out.encode()
        assert fast_out.count("\n") > 10


def test_status_tables_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's tables fit at 80 and 130 columns: no Rich Table is printed."""
    tables_printed = []
    real_simple_table = fast_table.simple_table

    def spy(*args, **kwargs):
        tables_printed.append(args)
        return real_simple_table(*args, **kwargs)

    monkeypatch.setattr(fast_table, "simple_table", spy)
    for width in (80, 130):
        out = _status_output(ROOT / "examples/demo", date(2022, 6, 30), "zh", width, "colour", True, monkeypatch)
        assert "\x1b[" in out
    assert tables_printed == []
