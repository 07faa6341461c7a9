"""The command line: one module per command, registered on one Typer app.

Heavy modules (Pydantic, Rich tables, openpyxl) are imported inside the commands that
need them, so ``--help`` and simple commands start fast.

The command modules do not use ``from __future__ import annotations``: Typer reads each
command's signature twice (``inspect.signature(eval_str=True)`` and ``get_type_hints``),
and string annotations are compiled and evaluated again each time (≈20 ms for ``--help``
on a slow machine). Annotations written as objects are evaluated once, at import.

Command modules are imported when Typer first asks the app for its commands (see
``_App``): ``main`` loads only the invoked command's module, found by its name.
"""

import importlib
import os
import sys
from typing import Annotated, Any, Optional

import typer

from .. import __version__


class _App(typer.Typer):
    """The Typer app, whose command modules are imported when Typer first asks for its
    commands: importing this package stays cheap, and :func:`main` imports only the
    module of the command named on the line (Typer would inspect every registered
    command's signature before running one; ``--help`` and an unknown name load all)."""

    _pending: list[str]  # command modules not imported yet

    @property
    def registered_commands(self) -> list[Any]:  # type: ignore[override]
        pending = self.__dict__.get("_pending")
        if pending:
            self._pending = []
            for name in pending:
                importlib.import_module(f"{__name__}.{name}")  # each registers its command on ``app``
        return self.__dict__["_commands"]

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self.__dict__["_commands"] = value


# the command modules: a listing of the package folder, not pkgutil (whose import costs more than the scan)
COMMAND_MODULES = sorted(f[:-3] for f in os.listdir(os.path.dirname(__file__)) if f.endswith("_cmd.py"))

app = _App(
    name="worktargets",
    help="Track the quantified commitments of a government work report (政府工作报告) against the calendar.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app._pending = list(COMMAND_MODULES)


def _version(value: bool) -> None:
    if value:
        print(f"worktargets {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    """worktargets: what was promised, who owns it, how far it has got, who is behind."""
    if debug:
        os.environ["WORKTARGETS_DEBUG"] = "1"


def command_module(name: str) -> str:
    """The module that registers command ``name``: ``add-progress`` → ``add_progress_cmd``."""
    return name.replace("-", "_") + "_cmd"


def _load_only_invoked_command(argv: list[str]) -> None:
    """Start-up: when the command is named on the line and its module exists, register
    just that command (``--help`` keeps all)."""
    words = [a for a in argv if not a.startswith("-")]
    if words and command_module(words[0]) in app._pending:
        app._pending = [command_module(words[0])]


def main() -> None:
    """Console entry point: no traceback for the user unless --debug."""
    try:
        _load_only_invoked_command(sys.argv[1:])
        app(prog_name="worktargets")
    except KeyboardInterrupt:
        sys.stderr.write("worktargets: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # output piped into head & co.: stop quietly
        try:
            sys.stdout = open(os.devnull, "w")
        finally:
            sys.exit(0)
    except Exception as exc:  # the last edge: never a traceback unless asked
        if os.environ.get("WORKTARGETS_DEBUG") or "--debug" in sys.argv:
            raise
        sys.stderr.write(
            f"worktargets: internal error: {type(exc).__name__}: {exc}\n"
            "  run again with --debug for the traceback, and report it\n"
        )
        sys.exit(1)
