"""The status table written without Rich's console (render/plain.py) is byte for byte what
Rich writes, to a pipe or a file and to a terminal, in colour and under NO_COLOR: random
tables and texts, the real status tables, the console's mode, and real processes with
their output piped or on a pseudo-terminal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from conftest import ROOT
from worktargets.render import plain
from worktargets.render.fast_table import simple_table
from worktargets.render.plain import ColumnSpec, Mode, Styled, console_mode, sgr, table_lines, text_lines, write
from worktargets.render.status_views import status_table, status_table_fast
from worktargets.render.words import STATE_STYLE

CHARS = "ab-_.%0123 ·█▎—≥区水利局报告（）农田"
ODD = ["\t", "\r", "\x07", "\x1b", "  ", "\n", ""]
STYLES = ["", "bold", "dim", "italic", "cyan", "green", "bold green", "yellow", "bold red", "bold white on red",
          "magenta", "bright_blue", "underline bold", "on blue"]
# (terminal, colour system, NO_COLOR)
KINDS = {"plain": (False, None, False), "standard": (True, "standard", False), "256": (True, "256", False),
         "truecolor": (True, "truecolor", False), "no_color": (True, "256", True)}


def rich_console(kind: str, width: int) -> Console:
    terminal, system, no_color = KINDS[kind]
    return Console(file=io.StringIO(), width=width, force_terminal=terminal, color_system=system or "auto",
                   no_color=no_color, highlight=False, soft_wrap=False, legacy_windows=False)


def mode(kind: str, width: int) -> Mode:
    terminal, _system, no_color = KINDS[kind]
    return Mode(width, terminal, no_color)


@st.composite
def strings(draw: st.DrawFn, max_lines: int = 3, max_size: int = 30) -> str:
    lines = draw(st.lists(st.text(CHARS, max_size=max_size), min_size=1, max_size=max_lines))
    if draw(st.integers(0, 39)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] += draw(st.sampled_from(ODD))
    return "\n".join(lines)


@st.composite
def styleds(draw: st.DrawFn, max_lines: int = 3, max_size: int = 30, spans: bool = True) -> Styled:
    """Text built as the status table builds it: a base style, or pieces with styles (now
    and then both, which is left to Rich)."""
    item = Styled(draw(strings(max_lines, max_size)), draw(st.sampled_from(STYLES)))
    if (item.style and draw(st.integers(0, 4))) or not spans:
        return item
    for _ in range(draw(st.integers(0, 3))):
        item.append(draw(strings(2, max_size // 2 + 1)), draw(st.sampled_from(STYLES)) or None)
    return item


@st.composite
def tables(draw: st.DrawFn) -> tuple:
    width = draw(st.integers(20, 130))
    padding = draw(st.sampled_from([0, 1]))
    n = draw(st.integers(1, 7))
    roomy = draw(st.integers(0, 4)) > 0  # most tables fit
    budget = max(1, (width - (n - 1) - 2 * padding * n) // n) if roomy else 40
    columns = []
    for _ in range(n):
        column_width = draw(st.integers(1, max(1, min(40, budget))))
        header = draw(st.text(CHARS, min_size=1, max_size=max(1, column_width // 2) if draw(st.integers(0, 4)) else 10))
        if draw(st.integers(0, 19)) == 0:
            header += "\n" + header
        columns.append(ColumnSpec(header, column_width, draw(st.sampled_from(["left", "right"])),
                                  draw(st.booleans()), "fold"))
    # mostly cells that fit their column (a status table's), some that wrap or do not fit
    rows = [[draw(styleds(max_lines=1 if c.justify == "right" else 3,
                          max_size=max(1, c.width // 2) if draw(st.integers(0, 9)) else 30,
                          spans=c.justify == "left" or not draw(st.integers(0, 9)))) for c in columns]
            for _ in range(draw(st.integers(0, 6)))]
    return width, columns, rows, padding, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from(sorted(KINDS)))
def test_table_lines_are_rich_tables_bytes(table: tuple, kind: str) -> None:
    width, columns, rows, padding, show_header = table
    lines = table_lines(columns, rows, padding=padding, show_header=show_header, max_width=width)
    text = write(lines, mode(kind, width)) if lines is not None else None
    event("written here" if text is not None else "left to Rich")
    if text is None:
        return
    c = rich_console(kind, width)
    c.print(simple_table([col._replace(header=Text(col.header)) for col in columns],
                         [[cell.text() for cell in row] for row in rows], padding=padding, show_header=show_header))
    assert text == c.file.getvalue()


@settings(max_examples=300, deadline=None)
@given(styleds(max_lines=4), st.integers(20, 100), st.sampled_from(sorted(KINDS)))
def test_text_lines_are_rich_texts_bytes(item: Styled, width: int, kind: str) -> None:
    lines = text_lines(item, width)
    text = write(lines, mode(kind, width)) if lines is not None else None
    event("written here" if text is not None else "left to Rich")
    if text is None:
        return
    c = rich_console(kind, width)
    c.print(item.text())
    assert text == c.file.getvalue()


def test_long_words_and_lines_fold_as_rich_folds_them() -> None:
    for text, width in [("一二三四五六七八九十" * 5, 21), ("word " * 30, 20), ("x" * 50 + " y", 20),
                        ("区水利局 " * 12 + "\n" + "ab" * 40, 33)]:
        for kind in KINDS:
            item = Styled(text[:10]).append(text[10:20], "bold").append(text[20:], "cyan")
            lines = text_lines(item, width)
            assert lines is not None and len(lines) > 1
            c = rich_console(kind, width)
            c.print(item.text())
            assert write(lines, mode(kind, width)) == c.file.getvalue()


@pytest.mark.parametrize("no_color", [False, True])
@pytest.mark.parametrize("style", sorted({*STYLES, *STATE_STYLE.values(), "bold bright_white on bright_black",
                                          "dim italic underline cyan", "not bold", "#ff0000", "color(9)",
                                          "red on", "on", "link https://x", "bold green on red on blue",
                                          "green red", "table.header", "repr.number"}))
def test_sgr_codes_are_richs(style: str, no_color: bool) -> None:
    code = sgr(style, no_color)
    if code is None:  # left to Rich
        return
    for system in ("standard", "256", "truecolor"):
        c = Console(file=io.StringIO(), force_terminal=True, color_system=system, no_color=no_color, width=40,
                    legacy_windows=False)
        c.print(Text("x", style=style))
        assert (f"\x1b[{code}mx\x1b[0m\n" if code else "x\n") == c.file.getvalue(), system


def test_the_header_style_is_the_themes_table_header() -> None:
    c = Console(file=io.StringIO(), force_terminal=True, color_system="standard", legacy_windows=False)
    c.print(Text("x", style="table.header"))
    assert c.file.getvalue() == f"\x1b[{sgr(plain.HEADER_STYLE)}mx\x1b[0m\n"


def _report(which: str, as_of: date):
    from worktargets.catalogue import load_catalogue
    from worktargets.ledger import load_progress
    from worktargets.status import compute_status

    data = ROOT / ("examples/demo" if which == "demo" else "data")
    catalogue, _problems = load_catalogue(data)
    progress, _scan = load_progress(catalogue, data, as_of)
    return compute_status(catalogue, progress, as_of)


@pytest.mark.parametrize("which", ["demo", "data"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_status_table_written_here_is_rich_bytes(which: str, lang: str, kind: str) -> None:
    for as_of in (date(2022, 6, 30), date(2023, 3, 1)):
        report = _report(which, as_of)
        for width in (20, 30, 40, 50, 60, 79, 80, 81, 100, 109, 110, 111, 130, 200):
            c = rich_console(kind, width)
            with c:
                status_table(report, lang, c)
            text = status_table_fast(report, lang, mode(kind, width))
            if width >= 70:  # the real tables are written here (narrower, Rich shrinks the columns)
                assert text is not None, width
            if text is not None:
                assert text == c.file.getvalue(), width
            assert ("\x1b[" in c.file.getvalue()) == (kind != "plain")


class _Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str | None) -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str | None:  # type: ignore[override]
        return self._encoding


ENVIRONMENTS = [
    {}, {"COLUMNS": "100"}, {"COLUMNS": "132"}, {"COLUMNS": "abc"}, {"COLUMNS": "12"}, {"COLUMNS": ""},
    {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"FORCE_COLOR": "0"}, {"TTY_COMPATIBLE": "0"},
    {"TTY_COMPATIBLE": "1"}, {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1", "COLUMNS": "90"},
    {"TTY_COMPATIBLE": "2", "FORCE_COLOR": ""}, {"NO_COLOR": "1"}, {"NO_COLOR": ""}, {"TERM": "dumb"},
    {"TERM": "unknown", "COLUMNS": "120"}, {"TERM": "xterm-256color"}, {"COLORTERM": "truecolor", "NO_COLOR": "x"},
    {"TERM": "xterm-kitty", "FORCE_COLOR": "1", "COLUMNS": "70"},
]


@pytest.mark.parametrize("environ", ENVIRONMENTS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()) or "-")
@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "ascii", None])
def test_console_mode_is_how_a_console_writes(environ: dict, tty: bool, encoding: str | None) -> None:
    stream = _Stream(tty, encoding)
    m = console_mode(stream, environ)
    c = Console(file=stream, highlight=False, soft_wrap=False, _environ=environ)
    if m is not None:
        assert m.width == c.width
        assert m.terminal == c.is_terminal == (c.color_system is not None)
        assert m.no_color == c.no_color
        assert c.options.encoding.startswith("utf") and not c.legacy_windows
    else:  # left to Rich only for a dumb terminal, ASCII boxes or a very narrow console
        assert c.is_dumb_terminal or not c.options.encoding.startswith("utf") or c.width < plain.MIN_WIDTH
    assert console_mode(stream, {**environ, "WORKTARGETS_PLAIN": "0"}) is None


def _run_status(env: dict, stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "worktargets", "status", "--data", str(ROOT / "examples/demo"),
                           "--as-of", "2022-06-30", "--lang", "zh"],
                          stdin=stdin, capture_output=True, env=env, check=True)


def _clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "WORKTARGETS_PLAIN", "TERM",
                        "COLORTERM")}
    return {**env, **extra}


@pytest.mark.parametrize("columns", ["80", "120", "60"])
def test_piped_status_is_the_same_with_and_without_rich(columns: str) -> None:
    written_here = _run_status(_clean_env(COLUMNS=columns))
    by_rich = _run_status(_clean_env(COLUMNS=columns, WORKTARGETS_PLAIN="0"))
    assert written_here.stdout == by_rich.stdout
    assert max(len(line.decode()) for line in written_here.stdout.splitlines()) <= int(columns)
    assert b"\x1b[" not in written_here.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")
def test_piped_status_takes_the_width_of_the_terminal_on_stdin() -> None:
    """``worktargets status | less`` in a 120-column terminal: Rich lays the table out at the
    width of the terminal on stdin, and so does the plain writer (the wide layout)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        written_here = _run_status(_clean_env(), stdin=slave)
        by_rich = _run_status(_clean_env(WORKTARGETS_PLAIN="0"), stdin=slave)
    finally:
        os.close(master)
        os.close(slave)
    assert written_here.stdout == by_rich.stdout
    widths = [len(line.decode()) for line in written_here.stdout.splitlines()]
    assert 110 < max(widths) <= 120  # the wide layout, with its owner column


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")
@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}, {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
                                 {"COLUMNS": "130"}])
def test_status_on_a_terminal_is_the_same_with_and_without_rich(env: dict) -> None:
    """stdout a pseudo-terminal of 100 columns: colours (or NO_COLOR's attributes only)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    def on_terminal(extra: dict) -> bytes:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        process = subprocess.Popen([sys.executable, "-m", "worktargets", "status", "--data",
                                    str(ROOT / "examples/demo"), "--as-of", "2022-06-30", "--lang", "zh"],
                                   stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE,
                                   env=_clean_env(**{"TERM": "xterm", **env, **extra}))
        os.close(slave)
        out = b""
        try:
            while select.select([master], [], [], 30)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other end closed
                    break
                if not chunk:
                    break
                out += chunk
        finally:
            os.close(master)
        assert process.wait(30) == 0, process.stderr.read()
        return out

    written_here = on_terminal({})
    assert written_here == on_terminal({"WORKTARGETS_PLAIN": "0"})
    assert b"\x1b[1m" in written_here
    assert (b"\x1b[32m" in written_here) == ("NO_COLOR" not in env)
