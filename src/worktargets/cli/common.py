"""What every command shares: options, the config file, data loading, output files, and
the one edge where problems become messages and exit codes (0 ok, 1 data errors, 2 usage
errors)."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import click
import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..errors import Problem
    from ..model import Catalogue, State
    from .config import Config

__all__ = [
    "DataOpt",
    "AsOfOpt",
    "FormatOpt",
    "LangOpt",
    "OwnerOpt",
    "OutputOpt",
    "BomOpt",
    "format_option",
    "resolve_lang",
    "resolve_data",
    "resolve_as_of",
    "parse_states",
    "load_catalogue_or_exit",
    "units_for_command",
    "fail",
    "usage_error",
    "out_console",
    "err_console",
    "emit",
    "print_problems",
    "write_output",
    "output_file",
    "to_stdout",
    "config",
]


DataOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        help="Data folder holding targets.yaml and progress/ [default: ./data, or $WORKTARGETS_DATA]",
        envvar="WORKTARGETS_DATA",
        show_default=False,
        show_envvar=False,
    ),
]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", help="Judge as of this date (2022-06-30, 2022/6/30, 2022年6月30日) [default: today]"),
]
OwnerOpt = Annotated[
    Optional[str],
    typer.Option("--owner", help="Only targets this department leads (牵头) or is co-responsible for (配合); part of its name is enough"),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", help="Language of messages and headers: zh or en [default: from the locale]",
                 click_type=click.Choice(["zh", "en"], case_sensitive=False)),
]
OutputOpt = Annotated[
    Optional[str],
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of the terminal ('-' for standard output)"),
]
BomOpt = Annotated[
    bool,
    typer.Option("--bom", help="CSV on standard output: start with a UTF-8 BOM (files always get one, for Excel)"),
]

FORMAT_HELP = "Output format"


def format_option(*names: str) -> Any:
    """The ``--format/-f`` option of a command that writes ``names`` (a Choice, so the shell
    completes it and a wrong name is a usage error)."""
    return Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP, click_type=click.Choice(list(names)))]


REPORT_FORMATS = ("table", "json", "csv", "markdown")
FormatOpt = format_option(*REPORT_FORMATS)


# ---------------------------------------------------------------- config, language, data, date

_CONFIGS: dict[tuple[str, str | None], "Config"] = {}


def _data_param() -> Any:
    ctx = click.get_current_context(silent=True)
    return ctx.params.get("data") if ctx is not None else None


def config(data: Any = None, lang: str | None = None) -> "Config":
    """The ``worktargets.toml`` in force (read once per working folder and --data)."""
    from .config import ConfigError, load_config

    data = data if data is not None else _data_param()
    key = (os.getcwd(), None if data is None else str(data))
    if key not in _CONFIGS:
        try:
            _CONFIGS[key] = load_config(data)
        except ConfigError as exc:
            from ..errors import Problem
            from ..render.words import detect_lang

            fail([Problem(exc.code, str(exc.path), exc.line, None, exc.params)], detect_lang(lang), summary=False)
    return _CONFIGS[key]


def resolve_lang(lang: str | None) -> str:
    """"zh" or "en": --lang, else the config file's ``lang``, else the locale."""
    from ..render.words import detect_lang

    if lang is not None and lang.lower() not in ("zh", "en", "zh-cn", "zh_cn"):
        usage_error(f"--lang 只能是 zh 或 en，而不是“{lang}”", f"--lang takes zh or en, not '{lang}'", "en")
    if lang is None:
        lang = config().lang
    return detect_lang(lang)


def _stderr_write(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def usage_error(zh: str, en: str, lang: str) -> NoReturn:
    """A mistake in how the command was called: message and exit status 2."""
    from ..errors import printable  # the message may echo what was typed

    shown = "\n".join(printable(line) for line in (zh if lang == "zh" else en).split("\n"))  # its own line breaks stay
    _stderr_write(f"worktargets: {'用法错误' if lang == 'zh' else 'usage error'}: {shown}\n")
    raise typer.Exit(2)


def default_data() -> Path:
    """Where the data is when --data and $WORKTARGETS_DATA are not given: the config file's
    ``data``, else ./data, else the working folder when it holds targets.yaml."""
    cfg = config()
    if cfg.data is not None:
        return cfg.data
    if not os.path.isdir("data") and os.path.isfile("targets.yaml"):
        return Path(".")
    return Path("data")


def resolve_data(data: Path | None, lang: str) -> Path:
    path = data if data is not None else default_data()
    if not os.path.isdir(path):  # os.path: a name too long is "not there", not an OSError
        usage_error(
            f"数据目录“{path}”不存在（用 --data 指定，或设置 WORKTARGETS_DATA，或写入 worktargets.toml）",
            f"data folder '{path}' does not exist (pass --data DIR, set WORKTARGETS_DATA or write worktargets.toml)",
            lang,
        )
    return path


def resolve_as_of(as_of: str | None, lang: str) -> date:
    """The as-of date: the option, else the config file's ``as_of``, else today (the CLI is
    the only clock reader)."""
    from ..dates import parse_date

    where = "--as-of"
    if as_of is None:
        cfg = config()
        if cfg.as_of is None:
            return date.today()
        as_of, where = cfg.as_of, f"{cfg.path}: as_of"
    parsed = parse_date(as_of)
    if parsed is None:
        usage_error(
            f"{where} 的日期“{as_of}”无效（应为 2022-06-30、2022/6/30 或 2022年6月30日）",
            f"{where} '{as_of}' is not a date (use 2022-06-30, 2022/6/30 or 2022年6月30日)",
            lang,
        )
    return parsed


def parse_states(text: str | None, option: str, lang: str) -> "set[State] | None":
    """``done,behind`` → the states; None when not given; usage error for an unknown name."""
    from ..model import State

    if not text:
        return None
    try:
        return {State(s.strip()) for s in text.split(",") if s.strip()}
    except ValueError:
        names = ", ".join(s.value for s in State)
        usage_error(f"{option} 只能是 {names} 中的一个或几个", f"{option} takes one or more of: {names}", lang)


def check_format(fmt: str, allowed: tuple[str, ...], lang: str) -> str:
    if fmt not in allowed:
        usage_error(f"--format 只能是 {'、'.join(allowed)}", f"--format takes one of: {', '.join(allowed)}", lang)
    return fmt


# ---------------------------------------------------------------- problems

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


def fail(problems: list[Problem], lang: str, summary: bool = True) -> NoReturn:
    """Reject the input: print every problem and exit 1 (nothing has been written)."""
    errors = [p for p in problems if p.severity == "error"]
    print_problems(sorted(problems, key=lambda p: (p.path, p.line or 0)), lang)
    n = len(errors)
    if summary:
        _stderr_write(
            f"worktargets: 共 {n} 处错误；用 worktargets validate 查看全部\n" if lang == "zh"
            else f"worktargets: {n} error(s); run worktargets validate to list them all\n"
        )
    raise typer.Exit(1)


def load_catalogue_or_exit(data: Path, lang: str) -> "Catalogue":
    from ..catalogue import load_catalogue
    from .switches import cache_dir

    catalogue, problems = load_catalogue(data, cache_dir())
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

# ---------------------------------------------------------------- terminal output

def _no_color() -> bool:
    return "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""


_CONSOLE: Any = None


def _console_class() -> Any:
    """Rich's Console, except that a closed pipe is a BrokenPipeError for the root group to
    end with status 0 (Rich itself exits 1)."""
    global _CONSOLE
    if _CONSOLE is None:
        from rich.console import Console

        class _Console(Console):
            def on_broken_pipe(self) -> None:
                self.quiet = True
                raise BrokenPipeError(32, "Broken pipe")

        _CONSOLE = _Console
    return _CONSOLE


def out_console(file: Any = None) -> "Console":
    """Rich's console on stdout, or on ``file`` (no colour there: it is for a file)."""
    console = _console_class()
    if file is not None:
        return console(file=file, highlight=False, soft_wrap=False, no_color=True, width=80,
                       force_terminal=False, color_system=None)
    return console(highlight=False, soft_wrap=False, no_color=_no_color() or None)  # type: ignore[no-any-return]


def err_console() -> "Console":
    return _console_class()(stderr=True, highlight=False, no_color=_no_color() or None)  # type: ignore[no-any-return]


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


# ---------------------------------------------------------------- output files (issue 12, 13)

def to_stdout(output: str | None) -> bool:
    """Whether ``-o`` means the terminal / standard output (not given, or ``-``)."""
    return output is None or output == "-"


def _protected(data_dir: Path | None, source_file: str | None) -> tuple[list[Path], list[Path]]:
    """(files, folders) of the data folder that no output may replace: the catalogue, the
    config, the report text, everything under progress/ and report/, the cache."""
    from .switches import cache_dir

    files: list[Path] = []
    folders: list[Path] = []
    if data_dir is not None:
        d = data_dir.resolve()
        files += [d / "targets.yaml", d / "targets.yml", d / "worktargets.toml"]
        folders += [d / "progress", d / "report"]
        if source_file:
            files.append((d / source_file).resolve())
    cfg = config()
    if cfg.path is not None:
        files.append(cfg.path.resolve())
    cache = cache_dir()
    if cache is not None:
        folders.append(cache.resolve())
    return files, folders


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_output(code: str, path: str, lang: str, **params: str) -> NoReturn:
    from ..errors import Problem

    print_problems([Problem(code, path, None, None, dict(params))], lang)
    raise typer.Exit(1)


_ERRNO_WORDS = {
    "EROFS": ("只读文件系统", "read-only file system"),
    "EACCES": ("没有写入权限", "permission denied"),
    "EPERM": ("没有写入权限", "permission denied"),
    "ENOSPC": ("磁盘空间已满", "no space left on the device"),
    "EDQUOT": ("超出磁盘配额", "disk quota exceeded"),
    "ENOTDIR": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "EISDIR": ("这是一个文件夹", "it is a folder"),
    "ENAMETOOLONG": ("文件名太长", "the file name is too long"),
    "EEXIST": ("同名的文件已存在", "a file of that name is in the way"),
    "ENOENT": ("路径不存在", "no such file or folder"),
}


def _reason(exc: OSError) -> dict[str, str]:
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    zh, en = _ERRNO_WORDS.get(name, (exc.strerror or type(exc).__name__,) * 2)
    return {"reason_zh": zh, "reason_en": en}


def check_output(output: str, lang: str, data_dir: Path | None, source_file: str | None = None) -> Path:
    """The path to write ``output`` to, after refusing the data folder's own files, a
    folder, and an unwritable file; its missing parent folders are created."""
    from ..textio import display_path

    path = Path(output)
    shown = display_path(path)
    target = path.resolve()  # symlinks and .. resolved: a link into the data folder is refused too
    files, folders = _protected(data_dir, source_file)
    if any(target == f or _same_file(path, f) for f in files) or any(target.is_relative_to(d) for d in folders):
        _refuse_output("output-in-data-folder", shown, lang, data=display_path(data_dir) if data_dir else "")
    if os.path.isdir(path) or os.path.isdir(target):  # os.path: a name too long is no OSError
        _refuse_output("output-is-directory", shown, lang)
    parent = target.parent
    if not os.path.isdir(parent):
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _refuse_output("output-folder-missing", shown, lang, folder=display_path(path.parent), **_reason(exc))
    if os.path.exists(target):
        try:  # opened for appending and closed: nothing changes, but a read-only file or disk says so
            with open(target, "ab"):
                pass
        except OSError as exc:
            _refuse_output("output-unwritable", shown, lang, **_reason(exc))
    return target


class output_file:
    """``with output_file(output, lang, data_dir) as tmp:`` write ``tmp``; on success it
    replaces the output in one step (``os.replace``), so no half-written file is left."""

    def __init__(self, output: str, lang: str, data_dir: Path | None, source_file: str | None = None) -> None:
        self.output, self.lang = output, lang
        self.path = check_output(output, lang, data_dir, source_file)
        # a device or a pipe (-o /dev/null) is written as it is: renaming a file over it would replace it
        self.direct = os.path.exists(self.path) and not os.path.isfile(self.path)
        self.tmp = self.path if self.direct else self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")

    def __enter__(self) -> Path:
        if self.direct:
            return self.tmp
        try:
            with open(self.tmp, "xb"):
                pass
        except OSError as exc:
            self._fail(exc)
        return self.tmp

    def _fail(self, exc: OSError) -> NoReturn:
        from ..textio import display_path

        self._cleanup()
        _refuse_output("output-unwritable", display_path(Path(self.output)), self.lang, **_reason(exc))

    def _cleanup(self) -> None:
        if self.direct:
            return
        try:
            self.tmp.unlink()
        except OSError:
            pass

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if kind is not None:
            self._cleanup()
            if isinstance(exc, OSError):
                self._fail(exc)
            return
        if self.direct:
            return
        try:
            if self.path.exists():
                os.chmod(self.tmp, self.path.stat().st_mode & 0o7777)
            os.replace(self.tmp, self.path)
        except OSError as exc2:
            self._fail(exc2)


def write_output(content: str | bytes, output: str | None, lang: str, data_dir: Path | None,
                 fmt: str | None = None, bom: bool = False, source_file: str | None = None) -> bool:
    """Write a report to ``-o FILE`` (atomically, after the checks of :func:`check_output`)
    or to stdout; CSV gets a UTF-8 BOM in a file, and on stdout with ``--bom``. True if a
    file was written."""
    if fmt == "csv" and isinstance(content, str) and (bom or not to_stdout(output)):
        from ..render.common import with_bom

        content = with_bom(content)
    if to_stdout(output):
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            emit(content)
        return False
    data = content.encode("utf-8") if isinstance(content, str) else content
    with output_file(output, lang, data_dir, source_file) as tmp:  # type: ignore[arg-type]
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            if os.path.isfile(tmp):  # a device (-o /dev/null) has nothing to sync
                os.fsync(fh.fileno())
    return True


def said_wrote(path: str, lang: str) -> None:
    """``wrote FILE`` on stderr (stdout may be the report)."""
    from ..textio import display_path

    _stderr_write(f"{'已写入' if lang == 'zh' else 'wrote'} {display_path(Path(path))}\n")


def table_text(draw: Any) -> str:
    """What ``draw(console)`` prints, as plain text for a file."""
    import io

    buf = io.StringIO()
    draw(out_console(buf))
    return buf.getvalue()
