"""What every command shares: options, data loading, and the one edge where problems
become messages and exit codes (0 ok, 1 data errors, 2 usage errors)."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..errors import Problem
    from ..model import Catalogue

__all__ = [
    "DataOpt",
    "AsOfOpt",
    "FormatOpt",
    "LangOpt",
    "OwnerOpt",
    "resolve_lang",
    "resolve_data",
    "resolve_as_of",
    "load_catalogue_or_exit",
    "units_for_command",
    "fail",
    "usage_error",
    "out_console",
    "err_console",
    "emit",
    "print_problems",
]

DataOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        help="Data folder holding targets.yaml and progress/ [default: ./data, or $WORKTARGETS_DATA]",
        envvar="WORKTARGETS_DATA",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", help="Judge as of this date (2022-06-30, 2022/6/30, 2022年6月30日) [default: today]"),
]
FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="Output format: table, json, csv or markdown"),
]
OwnerOpt = Annotated[
    Optional[str],
    typer.Option("--owner", help="Only targets this department leads (牵头) or is co-responsible for (配合); part of its name is enough"),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", help="Language of messages and headers: zh or en [default: from the locale]"),
]


def resolve_lang(lang: str | None) -> str:
    from ..render.words import detect_lang

    if lang is not None and lang.lower() not in ("zh", "en", "zh-cn", "zh_cn"):
        usage_error(f"--lang 只能是 zh 或 en，而不是“{lang}”", f"--lang takes zh or en, not '{lang}'", "en")
    return detect_lang(lang)


def _stderr_write(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def usage_error(zh: str, en: str, lang: str) -> NoReturn:
    """A mistake in how the command was called: message and exit status 2."""
    _stderr_write(f"worktargets: {'用法错误' if lang == 'zh' else 'usage error'}: {zh if lang == 'zh' else en}\n")
    raise typer.Exit(2)


def resolve_data(data: Path | None, lang: str) -> Path:
    path = data if data is not None else Path("data")
    if not path.is_dir():
        usage_error(
            f"数据目录“{path}”不存在（用 --data 指定，或设置 WORKTARGETS_DATA）",
            f"data folder '{path}' does not exist (pass --data DIR or set WORKTARGETS_DATA)",
            lang,
        )
    return path


def resolve_as_of(as_of: str | None, lang: str) -> date:
    """The as-of date: parsed from the option, or today (the CLI is the only clock reader)."""
    from ..dates import parse_date

    if as_of is None:
        return date.today()
    parsed = parse_date(as_of)
    if parsed is None:
        usage_error(
            f"--as-of 的日期“{as_of}”无效（应为 2022-06-30、2022/6/30 或 2022年6月30日）",
            f"--as-of '{as_of}' is not a date (use 2022-06-30, 2022/6/30 or 2022年6月30日)",
            lang,
        )
    return parsed


def check_format(fmt: str, allowed: tuple[str, ...], lang: str) -> str:
    if fmt not in allowed:
        usage_error(f"--format 只能是 {'、'.join(allowed)}", f"--format takes one of: {', '.join(allowed)}", lang)
    return fmt


def print_problems(problems: list[Problem], lang: str, label: str | None = None, hints: bool = True) -> None:
    """Each problem as ``worktargets: error: path:line: code: message`` plus a hint line
    (none with ``hints=False``: warnings already accepted need no "add --force")."""
    seen_hints: set[str] = set()
    for p in problems:
        kind = label or p.severity
        word = {"error": "错误", "warning": "警告"}.get(kind, kind) if lang == "zh" else kind
        _stderr_write(f"worktargets: {word}: {p.format(lang)}\n")
        hint = p.hint(lang) if hints else None
        if hint and hint not in seen_hints:
            seen_hints.add(hint)
            _stderr_write(f"  {'提示' if lang == 'zh' else 'hint'}: {hint}\n")


def fail(problems: list[Problem], lang: str) -> NoReturn:
    """Reject the input: print every problem and exit 1 (nothing has been written)."""
    errors = [p for p in problems if p.severity == "error"]
    print_problems(sorted(problems, key=lambda p: (p.path, p.line or 0)), lang)
    n = len(errors)
    _stderr_write(
        f"worktargets: 共 {n} 处错误；用 worktargets validate 查看全部\n" if lang == "zh"
        else f"worktargets: {n} error(s); run worktargets validate to list them all\n"
    )
    raise typer.Exit(1)


def load_catalogue_or_exit(data: Path, lang: str) -> "Catalogue":
    from ..catalogue import load_catalogue

    catalogue, problems = load_catalogue(data)
    errors = [p for p in problems if p.severity == "error"]
    if catalogue is None or errors:
        fail(problems, lang)
    units_for_command(catalogue)
    return catalogue


def units_for_command(catalogue: "Catalogue | None") -> None:
    """Put the catalogue's declared ``units:`` in force until the command ends (the ledger,
    the writer and the renderers then read 万标箱 as the office declared it)."""
    if catalogue is None or catalogue.units is None:
        return
    import click

    from ..quantity import use_units

    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.with_resource(use_units(catalogue.units))


def _no_color() -> bool:
    return "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""


def out_console() -> "Console":
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, no_color=_no_color() or None)


def err_console() -> "Console":
    from rich.console import Console

    return Console(stderr=True, highlight=False, no_color=_no_color() or None)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
