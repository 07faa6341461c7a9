"""``worktargets draft REPORT|TABLE [-o DIR]``: a draft targets.yaml from a report or a 分解表."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import app
from .common import LangOpt, emit, fail, resolve_lang, usage_error

if TYPE_CHECKING:
    from ..draft import Draft
    from ..errors import Problem

_MAX_REPAIRS = 3


def _out_dir(output: Optional[Path], source: Path, lang: str) -> Path:
    if output is None:
        return Path(f"draft-{source.stem}")
    if output.suffix.lower() in (".yaml", ".yml"):
        if output.name != "targets.yaml":
            usage_error(f"-o 只能是目录或 targets.yaml，而不是“{output.name}”",
                        f"-o takes a folder or targets.yaml, not '{output.name}'", lang)
        return output.parent
    return output


def _existing_plan(file: Path) -> dict[str, Any]:
    """The plan header of a targets.yaml already there (``init`` wrote it): its year and region."""
    import yaml

    try:
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    plan = doc.get("plan") if isinstance(doc, dict) else None
    return plan if isinstance(plan, dict) else {}


def _self_check(files: dict[str, str]) -> "tuple[list[Problem], list[str]]":
    """Write the files into a scratch folder and judge them as validate and coverage would:
    (problems of the catalogue, ids of entries the coverage check refuses)."""
    import tempfile

    from ..catalogue import load_catalogue
    from ..coverage import compute_coverage

    with tempfile.TemporaryDirectory(prefix="wt-draft-") as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            f = root / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(text, encoding="utf-8")
        catalogue, problems = load_catalogue(root)
        refused: list[str] = []
        if catalogue is not None and not [p for p in problems if p.severity == "error"]:
            report = compute_coverage(catalogue, files[catalogue.plan.source_file])
            refused = list(report.unmatched_sources) + list(report.value_not_in_source)
            if report.uncovered:
                refused.append("")  # a number no entry or excuse holds: a drafter's bug
        return [p for p in problems if p.severity == "error"], refused


def _render(draft: "Draft", report_rel: str, made_by: str) -> tuple[str, dict[str, int]]:
    from ..draft.scaffold import SCHEMA_PATH
    from ..draft.write import render_yaml

    return render_yaml(draft, report_rel, made_by, SCHEMA_PATH)


def _repair(draft: "Draft", problems: "list[Problem]", refused: list[str], at: dict[str, int]) -> bool:
    """Take the entries the check refused out of the draft (their words become excuses to
    check); False when a problem lies outside every entry (nothing to take out)."""
    from ..draft import DraftExcuse
    from ..draft.write import UNSURE_MARK

    lines = sorted((line, tid) for tid, line in at.items())
    bad: dict[str, list[str]] = {}
    for p in problems:
        owner = None
        for line, tid in lines:
            if p.line is not None and line <= p.line:
                owner = tid
        if owner is None or p.line is None:
            return False
        bad.setdefault(owner, []).append(p.code)
    for tid in refused:
        if not tid:
            return False
        bad.setdefault(tid, []).append("coverage")
    if not bad:
        return False
    keep = []
    for t in draft.targets:
        if t.id in bad:
            codes = "、".join(dict.fromkeys(bad[t.id]))
            draft.skipped.append(f"“{t.source}”：草稿条目未通过校验（{codes}），请手工编目")
            draft.excuses.append(DraftExcuse(t.source, f"{UNSURE_MARK}：草稿条目“{t.title}”未通过校验，请手工编目", True))
        else:
            keep.append(t)
    ids = {t.id for t in keep}
    for t in keep:
        if t.parent is not None and t.parent not in ids:
            t.parent = None
    draft.targets = keep
    return True


def checked_files(draft: "Draft", text: str, report_rel: str, made_by: str, lang: str = "en") -> "tuple[dict[str, str], str | None]":
    """The data folder's files for ``draft``, after the self-check (as validate and coverage judge)
    has taken out the entries that fail; the detail of a failure that cannot be repaired, or None."""
    import json

    from ..draft.scaffold import skeleton
    from ..schema import json_schema

    files = skeleton(draft.title, draft.region, draft.year, json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    files[report_rel] = text
    for _round in range(_MAX_REPAIRS + 1):
        yaml_text, at = _render(draft, report_rel, made_by)
        files["targets.yaml"] = yaml_text
        bad, refused = _self_check(files)
        if not bad and not refused:
            return files, (None if draft.targets else "no entry passed")
        if _round == _MAX_REPAIRS or not _repair(draft, bad, refused, at):
            break
    return files, "; ".join(p.format(lang) for p in bad[:3]) or ", ".join(refused[:5]) or "coverage"


def _summary(draft: "Draft", out: Path, lang: str) -> str:
    from ..textio import display_path

    n = len(draft.targets)
    ms = sum(1 for t in draft.targets if t.kind == "milestone")
    unsure = draft.unsure
    doubtful_excuses = [e for e in draft.excuses if e.unsure]
    lines = []
    if lang == "zh":
        lines.append(f"worktargets: 已起草 {display_path(out / 'targets.yaml')}：{n} 个目标（数值 {n - ms}，里程碑 {ms}），"
                     f"{len(draft.excuses)} 处非目标数字")
        lines.append(f"worktargets: 待核实 {len(unsure)} 个目标、{len(doubtful_excuses)} 处数字（文件中标有“# 待核实”）：")
    else:
        lines.append(f"worktargets: drafted {display_path(out / 'targets.yaml')}: {n} targets ({n - ms} numeric, "
                     f"{ms} milestones), {len(draft.excuses)} numbers excused")
        lines.append(f"worktargets: to check: {len(unsure)} targets, {len(doubtful_excuses)} numbers "
                     "(marked '# 待核实' in the file):")
    for t in unsure:
        lines.append(f"  {t.id}  {t.title}：{'；'.join(t.unsure)}")
    for e in doubtful_excuses:
        lines.append(f"  not_commitments  {e.text}")
    for s in draft.skipped:
        lines.append(f"  {'未编目' if lang == 'zh' else 'not catalogued'}：{s}")
    return "\n".join(lines) + "\n"


@app.command("draft")
def draft_command(
    source: Annotated[Path, typer.Argument(help="The report (.txt, .docx) or the office's 分解表 (.xlsx, .csv, .docx)",
                                            show_default=False)],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", "--data", help="Data folder (or its targets.yaml) to write (--data, as the other commands name it) [default: draft-NAME]")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Plan year [default: the year the text names most, else the folder's targets.yaml, else this year]")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing targets.yaml and report copy (no other file is ever overwritten)")] = False,
    lang: LangOpt = None,
) -> None:
    """Draft targets.yaml from a work report or a 分解表: one entry per commitment, owners where named
    (else 待定), every other number in not_commitments; the draft validates and passes coverage,
    and the entries to check are marked '# 待核实' and listed on stderr."""
    import sys
    from datetime import date

    from ..errors import Problem
    from ..textio import display_path

    lang = resolve_lang(lang)
    if year is not None and not 1990 <= year <= 2100:
        usage_error(f"--year {year} 不是有效年份", f"--year {year} is not a plausible year", lang)
    shown = display_path(source)
    if not source.is_file():
        fail([Problem("file-missing", shown)], lang, summary=False)
    out = _out_dir(output, source, lang)
    target_file = out / "targets.yaml"
    if target_file.exists() and not force:
        fail([Problem("draft-exists", display_path(target_file), params={"file": display_path(target_file)})], lang, summary=False)
    today = date.today()
    from ..draft.source import read_input

    plan = _existing_plan(target_file)
    default_year = year or (plan.get("year") if isinstance(plan.get("year"), int) else None) or today.year
    draft, text, problems = read_input(source, shown, default_year)
    if draft is None:
        fail(problems, lang, summary=False)
    if year is not None:
        draft.year = year
        draft.year_note = f"按 --year {year}"
    if isinstance(plan.get("region"), str) and plan["region"].strip():
        draft.region = plan["region"].strip()
    stem = source.stem if source.suffix.lower() in (".txt", ".docx", ".md", "") else source.stem + "（分解表）"
    report_rel = f"report/{stem}.txt"
    made_by = f"worktargets draft {source.name}（{today.isoformat()}）"
    files, detail = checked_files(draft, text, report_rel, made_by, lang)
    if detail is not None:
        fail([Problem("draft-self-check", shown, params={"detail": detail})], lang, summary=False)
    existing_report = out / report_rel
    if existing_report.exists() and existing_report.read_text(encoding="utf-8", errors="replace") != text and not force:
        fail([Problem("draft-exists", display_path(existing_report), params={"file": display_path(existing_report)})], lang, summary=False)
    for rel, content in files.items():
        f = out / rel
        if f.exists() and rel not in ("targets.yaml", report_rel):
            continue  # never overwrite an office's own files
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(content, encoding="utf-8")
    for p in problems:
        sys.stderr.write(f"worktargets: {'警告' if lang == 'zh' else 'warning'}: {p.format(lang)}\n")
    sys.stderr.write(_summary(draft, out, lang))
    emit((f"已写入 {display_path(target_file)} 和 {display_path(out / report_rel)}；核对后用 "
          f"worktargets validate --data {display_path(out)} 检查\n") if lang == "zh" else
         (f"wrote {display_path(target_file)} and {display_path(out / report_rel)}; check it, then run "
          f"worktargets validate --data {display_path(out)}\n"))
