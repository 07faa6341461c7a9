"""The command line: one module per command, registered on one Typer app.

Heavy modules (Pydantic, Rich tables, openpyxl) are imported inside the commands that
need them, so ``--help`` and simple commands start fast.

The command modules do not use ``from __future__ import annotations``: Typer reads each
command's signature twice (``inspect.signature(eval_str=True)`` and ``get_type_hints``),
and string annotations are compiled and evaluated again each time (≈20 ms for ``--help``
on a slow machine). Annotations written as objects are evaluated once, at import.
"""

import os
import sys
from typing import Annotated, Optional

import typer

from .. import __version__

app = typer.Typer(
    name="worktargets",
    help="Track the quantified commitments of a government work report (政府工作报告) against the calendar.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


def _register_commands() -> list[str]:
    """Import every ``*_cmd`` module of this package; each registers its command on ``app``."""
    import importlib

    # a listing of the package folder, not pkgutil (whose import costs more than the scan)
    names = sorted(f[:-3] for f in os.listdir(__path__[0]) if f.endswith("_cmd.py"))
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    return names


COMMAND_MODULES = _register_commands()


def _keep_only_invoked_command(argv: list[str]) -> None:
    """Start-up: Typer inspects every registered command's signature before it runs one;
    when the command is named on the line, keep just that one (``--help`` keeps all)."""
    words = [a for a in argv if not a.startswith("-")]
    if not words:
        return
    keep = [c for c in app.registered_commands if c.name == words[0]]
    if keep:
        app.registered_commands[:] = keep


def main() -> None:
    """Console entry point: no traceback for the user unless --debug."""
    try:
        _keep_only_invoked_command(sys.argv[1:])
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
