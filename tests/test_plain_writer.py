"""The rules of the status table's own writer (render/plain.py), case by case."""

from __future__ import annotations

from worktargets.render.plain import ColumnSpec, Mode, Styled, fold, output_mode, sgr, table_lines, text_lines, write

PLAIN = Mode(80, False, False)
TTY = Mode(80, True, False)


def _text(lines) -> list[str]:
    return write(lines, PLAIN).split("\n")[:-1]


def test_fold_at_spaces_else_at_the_width() -> None:
    assert [p for _a, p, _n in fold("alpha beta gamma", 11)] == ["alpha beta ", "gamma"]
    assert [p for _a, p, _n in fold("abcdefghij", 4)] == ["abcd", "efgh", "ij"]
    assert [(p, n) for _a, p, n in fold("新建高标准农田", 5)] == [("新建", 4), ("高标", 4), ("准农", 4), ("田", 2)]


def test_a_wide_character_never_straddles_a_cut_in_a_cell() -> None:
    lines = table_lines([ColumnSpec("h", 3, no_wrap=True)], [[Styled("农田")]], padding=0, show_header=False)
    assert _text(lines) == ["农 "]


def test_tabs_and_control_characters_never_reach_the_stream() -> None:
    out = write(text_lines(Styled("a\tb\x1b[31mred\x07"), 40), TTY)
    assert "\t" not in out and "\x07" not in out
    assert out.count("\x1b") == 0
    assert "␛[31mred\\x07" in out and "a       b" in out


def test_right_justified_and_header_bottom_aligned() -> None:
    cols = [ColumnSpec("long header", 5), ColumnSpec("n", 4, "right")]
    lines = table_lines(cols, [[Styled("x"), Styled("12")]], padding=0, show_header=True)
    assert _text(lines) == ["long      ", "heade     ", "r        n", "──────────", "x       12"]


def test_styles_codes_and_no_color() -> None:
    assert sgr("bold white on red") == "1;37;41"
    assert sgr("bold white on red", no_color=True) == "1"
    assert sgr("sparkly green") == "32"  # an unknown word is ignored
    assert write([[("ok", "green")]], TTY) == "\x1b[32mok\x1b[0m\n"
    assert write([[("ok", "green")]], PLAIN) == "ok\n"


def test_output_mode_reads_the_environment_given() -> None:
    class Pipe:
        def isatty(self) -> bool:
            return False

    assert output_mode(Pipe(), {"COLUMNS": "100"}) == Mode(100, False, False)
    assert output_mode(Pipe(), {"COLUMNS": "5", "FORCE_COLOR": "1", "NO_COLOR": "1"}) == Mode(20, True, True)
    assert output_mode(Pipe(), {"FORCE_COLOR": "1", "TERM": "dumb", "COLUMNS": "80"}).terminal is False
