"""``worktargets init DIR``: a new data folder that validates at once."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import LangOpt, emit, fail, resolve_lang, usage_error


@app.command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(help="The data folder to create (must be empty or missing)", show_default=False)],
    title: Annotated[Optional[str], typer.Option("--title", help="Plan title [default: 政府工作报告目标任务]")] = None,
    region: Annotated[str, typer.Option("--region", help="Region, e.g. 四川省巴中市巴州区")] = "待定",
    year: Annotated[Optional[int], typer.Option("--year", help="Plan year [default: this year]")] = None,
    force: Annotated[bool, typer.Option("--force", help="In a folder that is not empty, add only the missing files")] = False,
    lang: LangOpt = None,
) -> None:
    """Create a data folder: targets.yaml with its plan header and commented settings, an empty
    ledger progress/ with its README, report/, the JSON schema, .gitignore, a pre-commit config
    and a CI workflow. Never overwrites a file."""
    import json
    from datetime import date

    from ..draft.scaffold import skeleton
    from ..errors import Problem
    from ..schema import json_schema
    from ..textio import display_path

    lang = resolve_lang(lang)
    year = year or date.today().year
    if not 1990 <= year <= 2100:
        usage_error(f"--year {year} 不是有效年份", f"--year {year} is not a plausible year", lang)
    if folder.exists() and not folder.is_dir():
        usage_error(f"“{folder}”已存在且不是目录", f"'{folder}' exists and is not a folder", lang)
    if folder.is_dir():
        entries = list(folder.iterdir())
        if entries and not force:
            fail([Problem("init-not-empty", display_path(folder), params={"count": str(len(entries))})], lang)
    files = skeleton(title or f"{year}年政府工作报告目标任务", region, year,
                     json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    written, kept = [], []
    for rel, text in files.items():
        f = folder / rel
        if f.exists():
            kept.append(rel)
            continue
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
        written.append(rel)
    where = display_path(folder)
    if lang == "zh":
        emit(f"已建立数据目录 {where}：写入 {len(written)} 个文件" + (f"，保留已有的 {len(kept)} 个" if kept else "") + "\n")
        emit(f"下一步：把报告原文放入 {where}/report/，然后 worktargets draft {where}/report/报告.txt -o {where} --force，"
             f"或手工编目；worktargets validate --data {where} 检查\n")
    else:
        emit(f"created data folder {where}: {len(written)} files written" + (f", {len(kept)} kept" if kept else "") + "\n")
        emit(f"next: put the report text in {where}/report/, then worktargets draft {where}/report/REPORT.txt -o {where} "
             f"--force, or catalogue by hand; check with worktargets validate --data {where}\n")
