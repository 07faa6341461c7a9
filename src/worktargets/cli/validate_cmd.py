"""``worktargets validate``: check the catalogue and every ledger file, all problems at once."""

from typing import TYPE_CHECKING, Any

import typer

from . import app
from .common import DataOpt, LangOpt, OutputOpt, format_option, resolve_data, resolve_lang, said_wrote, units_for_command, write_output

if TYPE_CHECKING:
    from ..errors import Problem


def _gh_escape(text: str, prop: bool = False) -> str:
    """A value for a GitHub Actions workflow command (``%``, CR, LF; in properties also ``:`` and ``,``)."""
    out = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return out.replace(":", "%3A").replace(",", "%2C") if prop else out


def github_line(p: "Problem", lang: str) -> str:
    """``::error file=PATH,line=N,title=CODE::message``: an annotation on the file in a pull request."""
    props = [f"file={_gh_escape(p.path, True)}"]
    if p.line:
        props.append(f"line={p.line}")
    props.append(f"title={_gh_escape(p.code, True)}")
    message = p.message(lang)
    hint = p.hint(lang)
    if hint:
        message += ("\n提示：" if lang == "zh" else "\nhint: ") + hint
    return f"::{'warning' if p.severity == 'warning' else 'error'} {','.join(props)}::{_gh_escape(message)}\n"


@app.command("validate")
def validate_command(
    data: DataOpt = None,
    fmt: format_option("text", "json", "github") = "text",
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Check targets.yaml and every ledger file; list every problem as path:line: code: message (exit 1 if any); --format github prints GitHub Actions annotations."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    from ..catalogue import load_catalogue
    from ..ledger import load_progress
    from .switches import cache_dir, read_options

    catalogue, problems = load_catalogue(data_dir, cache_dir())
    units_for_command(catalogue)
    entries = files = 0
    if catalogue is not None:
        _progress, scan = load_progress(catalogue, data_dir, None, read_options())
        problems = problems + scan.problems
        entries, files = scan.rows, scan.files
    problems.sort(key=lambda p: (p.path, p.line or 0))
    errors = [p for p in problems if p.severity == "error"]
    out: list[str] = []
    if fmt == "json":
        import json

        from ..render.escape import json_safe

        out.append(json_safe(json.dumps({
            "ok": not errors,
            "targets": len(catalogue.targets) if catalogue else 0,
            "entries": entries,
            "files": files,
            "problems": [p.as_dict(lang) for p in problems],
        }, ensure_ascii=False, indent=2)) + "\n")
    else:
        for p in problems:
            if fmt == "github":
                out.append(github_line(p, lang))
                continue
            out.append(p.format(lang) + "\n")
            hint = p.hint(lang)
            if hint:
                out.append(("  提示：" if lang == "zh" else "  hint: ") + hint + "\n")
        n_targets = len(catalogue.targets) if catalogue else 0
        if lang == "zh":
            verdict = "数据有效" if not errors else f"发现 {len(errors)} 处错误"
            out.append(f"{verdict}：{n_targets} 个目标，{entries} 条进度记录，{files} 个台账文件\n")
        else:
            verdict = "ok" if not errors else f"{len(errors)} error(s)"
            out.append(f"{verdict}: {n_targets} targets, {entries} entries in {files} ledger files\n")
    source: Any = catalogue.plan.source_file if catalogue is not None else None
    if write_output("".join(out), output, lang, data_dir, fmt=fmt, source_file=source):
        said_wrote(output or "", lang)
    if errors:
        raise typer.Exit(1)
