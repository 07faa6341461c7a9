"""``worktargets validate``: check the catalogue and every ledger file, all problems at once."""

from . import app
from .common import DataOpt, FormatOpt, LangOpt, check_format, emit, resolve_data, resolve_lang, units_for_command

import typer


@app.command("validate")
def validate_command(data: DataOpt = None, fmt: FormatOpt = "text", lang: LangOpt = None) -> None:
    """Check targets.yaml and every ledger file; list every problem as path:line: code: message (exit 1 if any)."""
    lang = resolve_lang(lang)
    check_format(fmt, ("text", "json"), lang)
    data_dir = resolve_data(data, lang)
    from ..catalogue import load_catalogue
    from ..ledger import load_progress

    catalogue, problems = load_catalogue(data_dir)
    units_for_command(catalogue)
    entries = files = 0
    if catalogue is not None:
        _progress, scan = load_progress(catalogue, data_dir, None)
        problems = problems + scan.problems
        entries, files = scan.rows, scan.files
    problems.sort(key=lambda p: (p.path, p.line or 0))
    errors = [p for p in problems if p.severity == "error"]
    if fmt == "json":
        import json

        emit(json.dumps({
            "ok": not errors,
            "targets": len(catalogue.targets) if catalogue else 0,
            "entries": entries,
            "files": files,
            "problems": [p.as_dict(lang) for p in problems],
        }, ensure_ascii=False, indent=2) + "\n")
    else:
        for p in problems:
            emit(p.format(lang) + "\n")
            hint = p.hint(lang)
            if hint:
                emit(("  提示：" if lang == "zh" else "  hint: ") + hint + "\n")
        n_targets = len(catalogue.targets) if catalogue else 0
        if lang == "zh":
            verdict = "数据有效" if not errors else f"发现 {len(errors)} 处错误"
            emit(f"{verdict}：{n_targets} 个目标，{entries} 条进度记录，{files} 个台账文件\n")
        else:
            verdict = "ok" if not errors else f"{len(errors)} error(s)"
            emit(f"{verdict}: {n_targets} targets, {entries} entries in {files} ledger files\n")
    if errors:
        raise typer.Exit(1)
