"""The status table written without Rich's console (render/plain.py) is byte for byte what
Rich writes to a pipe or a file: random tables and texts, the real status tables, the
width Rich would choose, and real processes with their output piped."""

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
from worktargets.render.plain import ColumnSpec, stdout_width, table_lines, text_lines
from worktargets.render.status_views import status_table, status_table_plain

CHARS = "ab-_.%0123 ·█▎—≥区水利局报告（）农田"
ODD = ["\t", "\r", "\x07", "\x1b", "  ", "\n", ""]


def plain_console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=False, highlight=False, soft_wrap=False,
                   legacy_windows=False)


@st.composite
def strings(draw: st.DrawFn, max_lines: int = 3, max_size: int = 30) -> str:
    lines = draw(st.lists(st.text(CHARS, max_size=max_size), min_size=1, max_size=max_lines))
    if draw(st.integers(0, 39)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] += draw(st.sampled_from(ODD))
    return "\n".join(lines)


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
        header = draw(st.text(CHARS, max_size=max(1, column_width // 2) if draw(st.integers(0, 4)) else 10))
        if draw(st.integers(0, 19)) == 0:
            header += "\n" + header
        columns.append(ColumnSpec(header, column_width, draw(st.sampled_from(["left", "right"])),
                                  draw(st.booleans()), "fold"))
    # mostly cells that fit their column (a status table's), some that wrap or do not fit
    rows = [[draw(strings(max_lines=1 if c.justify == "right" else 3,
                          max_size=max(1, c.width // 2) if draw(st.integers(0, 9)) else 30)) for c in columns]
            for _ in range(draw(st.integers(0, 6)))]
    return width, columns, rows, padding, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(tables())
def test_table_lines_are_rich_tables_bytes(table: tuple) -> None:
    width, columns, rows, padding, show_header = table
    lines = table_lines(columns, rows, padding=padding, show_header=show_header, max_width=width)
    event("written here" if lines is not None else "left to Rich")
    if lines is None:
        return
    c = plain_console(width)
    c.print(simple_table([col._replace(header=Text(col.header)) for col in columns],
                         [[Text(cell) for cell in row] for row in rows], padding=padding, show_header=show_header))
    assert "".join(line + "\n" for line in lines) == c.file.getvalue()


@settings(max_examples=300, deadline=None)
@given(strings(max_lines=4), st.integers(20, 100))
def test_text_lines_are_rich_texts_bytes(text: str, width: int) -> None:
    lines = text_lines(text, width)
    event("written here" if lines is not None else "left to Rich")
    if lines is None:
        return
    c = plain_console(width)
    c.print(Text(text))
    assert "".join(line + "\n" for line in lines) == c.file.getvalue()


def test_long_words_and_lines_fold_as_rich_folds_them() -> None:
    for text, width in [("一二三四五六七八九十" * 5, 21), ("word " * 30, 20), ("x" * 50 + " y", 20),
                        ("区水利局 " * 12 + "\n" + "ab" * 40, 33)]:
        lines = text_lines(text, width)
        assert lines is not None and len(lines) > 1
        c = plain_console(width)
        c.print(Text(text))
        assert "".join(line + "\n" for line in lines) == c.file.getvalue()


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
def test_status_table_written_here_is_rich_bytes(which: str, lang: str) -> None:
    for as_of in (date(2022, 6, 30), date(2023, 3, 1)):
        report = _report(which, as_of)
        for width in (20, 30, 40, 50, 60, 79, 80, 81, 100, 109, 110, 111, 130, 200):
            c = plain_console(width)
            with c:
                status_table(report, lang, c)
            text = status_table_plain(report, lang, width)
            if width >= 70:  # the real tables are written here (narrower, Rich shrinks the columns)
                assert text is not None, width
            if text is not None:
                assert text == c.file.getvalue(), width


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
    {"TTY_COMPATIBLE": "2", "FORCE_COLOR": ""}, {"NO_COLOR": "1"}, {"TERM": "dumb"},
]


@pytest.mark.parametrize("environ", ENVIRONMENTS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()) or "-")
@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "ascii", None])
def test_stdout_width_is_the_width_of_a_console_writing_plain_text(environ: dict, tty: bool,
                                                                    encoding: str | None) -> None:
    stream = _Stream(tty, encoding)
    width = stdout_width(stream, environ)
    c = Console(file=stream, highlight=False, soft_wrap=False, _environ=environ)
    if width is not None:
        assert not c.is_terminal and c.color_system is None
        assert c.options.encoding.startswith("utf")
        assert width == c.width
    else:  # left to Rich only when Rich would write escape codes, draw ASCII, or is very narrow
        assert c.is_terminal or not c.options.encoding.startswith("utf") or c.width < plain.MIN_WIDTH
    assert stdout_width(stream, {**environ, "WORKTARGETS_PLAIN": "0"}) is None


def _run_status(env: dict, stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "worktargets", "status", "--data", str(ROOT / "examples/demo"),
                           "--as-of", "2022-06-30", "--lang", "zh"],
                          stdin=stdin, capture_output=True, env=env, check=True)


def _clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "WORKTARGETS_PLAIN")}
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
    assert "责任单位".encode() in written_here.stdout or "区水利局".encode() in written_here.stdout
