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
from typer.core import TyperGroup

from .. import __version__


class _Group(TyperGroup):
    """The root group: the user's language is set before Click parses the line (so its own
    errors and ``--help`` are Chinese under a Chinese locale or ``--lang zh``), and a
    closed pipe (``worktargets gaps | head -1``) ends the command quietly with status 0."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = startup_lang(argv)
        if lang == "zh" or f"{__name__}.i18n" in sys.modules:  # English needs it only to undo an earlier zh
            from .i18n import translate_help, use_language

            use_language(lang)
            translate_help(self, lang == "zh")
        if os.environ.get(complete_var or f"_{(prog_name or 'worktargets').replace('-', '_').upper()}_COMPLETE"):
            from .complete import attach

            attach(self)  # the shell asks: target ids and departments from the catalogue
        return super().main(args, prog_name, complete_var, standalone_mode, **extra)  # None: Click reads argv (and expands globs on Windows)

    def invoke(self, ctx: Any) -> Any:
        from ..textio import forget_folders

        forget_folders()  # a command sees the folders as they are now (one process may run several)
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(0) from None


def _quiet_stdout() -> None:
    """After the reader closed the pipe: what is still buffered goes nowhere, no message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (CliRunner): nothing buffered there
        pass


def option_value(argv: list[str], name: str) -> str | None:
    """The value of option ``name`` on the command line, before Click parses it (None if absent)."""
    for i, a in enumerate(argv):
        if a == "--":
            break
        if a == name and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return None


def startup_lang(argv: list[str]) -> str:
    """The language of this command line, before it is parsed: --lang, the config file, the locale."""
    from ..langs import detect_lang

    lang = option_value(argv, "--lang")
    if lang is None:
        from .config import ConfigError, load_config

        try:
            lang = load_config(option_value(argv, "--data")).lang
        except ConfigError:  # the command reports it, with its place
            lang = None
    return detect_lang(lang)


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
    add_completion=True,
    cls=_Group,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app._pending = list(COMMAND_MODULES)


def scanner_path() -> str:
    """``compiled`` when setup.py's mypyc build of the ledger's hot modules is what runs,
    ``pure`` when the same source runs interpreted."""
    from .. import progress
    from ..ledger import rows

    return "compiled" if not (progress.__file__ or "").endswith(".py") and not (rows.__file__ or "").endswith(".py") \
        else "pure"


def stale_compiled(names: tuple[str, ...] = ("worktargets.progress", "worktargets.ledger.rows",
                                              "worktargets.quantity")) -> list[str]:
    """The compiled modules (of those already imported) older than their source beside
    them: an editable install after a ``git pull`` without building again runs the old
    code. Two ``stat`` calls a module; nothing is imported here."""
    out = []
    for name in names:
        module = sys.modules.get(name)
        built = getattr(module, "__file__", None) or ""
        if built.endswith(".py") or not built:
            continue
        folder, file = os.path.split(built)
        source = os.path.join(folder, file.split(".", 1)[0] + ".py")
        try:
            if os.stat(source).st_mtime > os.stat(built).st_mtime + 1:
                out.append(name)
        except OSError:
            continue
    return out


def _version(value: bool) -> None:
    if value:
        scanner_path()
        stale = stale_compiled()
        note = f", older than its source: {', '.join(stale)}; run the README's install again" if stale else ""
        print(f"worktargets {__version__} ({scanner_path()}{note})")
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


def _safe_streams() -> None:
    """Text the terminal's encoding cannot show (a GBK console and a block character) is
    replaced, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main() -> None:
    """Console entry point: no traceback for the user unless --debug."""
    _safe_streams()
    try:
        _load_only_invoked_command(sys.argv[1:])
        app(prog_name="worktargets")
    except KeyboardInterrupt:
        sys.stderr.write("worktargets: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # output piped into head & co.: stop quietly
        _quiet_stdout()
        sys.exit(0)
    except Exception as exc:  # the last edge: never a traceback unless asked
        if os.environ.get("WORKTARGETS_DEBUG") or "--debug" in sys.argv:
            raise
        sys.stderr.write(
            f"worktargets: internal error: {type(exc).__name__}: {exc}\n"
            "  run again with --debug for the traceback, and report it\n"
        )
        stale = stale_compiled()
        if stale:
            sys.stderr.write(f"  the compiled {', '.join(stale)} is older than its source: run the README's "
                             "install command again (pip install -e .) to build it anew\n")
        sys.exit(1)
