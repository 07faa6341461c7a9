"""The docs tell the truth: every command is in the README, the README's commands exist."""

from __future__ import annotations

import re

import typer.main

from conftest import ROOT
from worktargets.cli import app


def command_names() -> list[str]:
    return sorted(typer.main.get_command(app).commands)


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in command_names() if f"worktargets {name}" not in readme]
    assert not missing, f"commands without a README mention: {missing}"


def test_readme_mentions_only_real_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"(?:`|bin/|\$ )worktargets ([a-z][a-z-]+)", readme))
    mentioned -= {"validate", "status"}  # always there
    unknown = sorted(m for m in mentioned if m not in command_names())
    assert not unknown, f"README mentions commands that do not exist: {unknown}"


def test_readme_has_the_two_ci_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- setup-and-run -->" in readme and "<!-- test -->" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "setup-and-run" in ci and "pytest" in ci
