"""Command modules are imported on demand: the invoked one only, all for --help; each
registers the one command its file name says."""

from __future__ import annotations

import subprocess
import sys

from worktargets.cli import COMMAND_MODULES, app, command_module


def test_each_module_registers_the_command_its_name_says() -> None:
    names = {c.name: c.callback.__module__ for c in app.registered_commands}  # type: ignore[union-attr]
    assert len(names) == len(app.registered_commands)  # no name twice
    assert sorted(m.rsplit(".", 1)[1] for m in names.values()) == COMMAND_MODULES
    for name, module in names.items():
        assert module == f"worktargets.cli.{command_module(name)}"


def _loaded_commands(*argv: str) -> tuple[list[str], str]:
    code = (
        "import sys\nfrom worktargets import cli\n"
        f"sys.argv = ['worktargets', *{list(argv)!r}]\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nLOADED ' + ' '.join(sorted(m for m in sys.modules if m.endswith('_cmd'))) + '\\n')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = run.stderr.rsplit("LOADED ", 1)[1].split()
    return [m.rsplit(".", 1)[1] for m in loaded], run.stdout + run.stderr


def test_only_the_invoked_command_is_imported() -> None:
    loaded, out = _loaded_commands("--debug", "schema")
    assert loaded == ["schema_cmd"] and '"$schema"' in out
    loaded, out = _loaded_commands("add-progress", "--help")
    assert loaded == ["add_progress_cmd"] and "Usage: worktargets add-progress" in out


def test_help_and_unknown_names_load_every_command() -> None:
    loaded, out = _loaded_commands("--help")
    assert loaded == COMMAND_MODULES and "add-progress" in out and "validate" in out
    loaded, out = _loaded_commands("stauts")
    assert loaded == COMMAND_MODULES and "No such command 'stauts'" in out
