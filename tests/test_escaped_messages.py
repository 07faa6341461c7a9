"""Messages never print control characters raw (issue 12): ESC, C1 and bidi controls in a
problem's path or params are shown as ␛, \\x9b, \\u202e by errors.printable."""

from __future__ import annotations

from typer.testing import CliRunner

from conftest import MINI_CATALOGUE
from worktargets.cli import app
from worktargets.errors import Problem, printable


def test_printable_shows_esc_c1_and_bidi_visibly() -> None:
    assert printable("a\x1b[2Jb\x9b\u202ec") == "a␛[2Jb\\x9b\\u202ec"
    assert printable(printable("\x1b")) == "␛"  # idempotent


def test_problem_escapes_path_field_and_params() -> None:
    p = Problem("unknown-target", "x\x1b.csv", 3, "tar\x9bget", {"target": "t\u202e1"})
    for lang in ("en", "zh"):
        out = p.format(lang) + (p.hint(lang) or "")
        assert not any(ch in out for ch in "\x1b\x9b\u202e"), out
        assert "x␛.csv:3:" in out and "t\\u202e1" in out and "tar\\x9bget" in out


def test_validate_on_a_target_id_with_esc(make_data) -> None:
    data = make_data(catalogue=MINI_CATALOGUE.replace("id: hogs", "id: \"ho\\e[31mgs\""))
    for lang in ("en", "zh"):
        r = CliRunner().invoke(app, ["validate", "--data", str(data), "--lang", lang])
        assert r.exit_code == 1, r.output
        assert "\x1b" not in r.output and "targets.yaml:" in r.output, r.output
