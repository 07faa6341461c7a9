"""``worktargets import FILE``: read a filled fill-in sheet back into the ledger.

Every row is checked first; if any is bad nothing is written (``--skip-bad`` writes the good
rows and a rejects file beside the input). Entry ids come from each row's content, and rows
already in the ledger are skipped (checked again under the file's lock), so importing the
same file twice, even at the same moment, adds nothing. A changed figure for a day the
same reporter already filed is written as a correction of that entry. Rows for another
department's targets are refused unless ``--allow-other-owners``.
"""

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import DataOpt, LangOpt, emit, load_catalogue_or_exit, print_problems, resolve_data, resolve_lang, usage_error


def _say_partly_written(n: int, written: list[str], lang: str) -> None:
    """After a failed write: the files of this sheet already written (one file per month is
    appended at a time), so exit 1 is never read as "nothing of it landed"."""
    if not n:
        return
    files = "; ".join(w.strip() for w in written)
    emit_err(f"worktargets: 此前已写入 {n} 条（{files}），其余未写入；问题解决后重新导入即可，已写入的行会跳过" if lang == "zh"
             else f"worktargets: {n} {'entry was' if n == 1 else 'entries were'} written before this ({files}), the rest were not; "
                  "import the sheet again once it is fixed: rows already recorded are skipped")


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A filled sheet: .xlsx, or .csv in UTF-8, UTF-8 with BOM, GBK or GB18030")],
    by: Annotated[Optional[str], typer.Option("--by", help="Reporter for rows that name none (填报人)")] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Write the good rows and put the bad ones in FILE.rejects.csv")] = False,
    force: Annotated[bool, typer.Option("--force", help="Accept rows with warnings (lower total, over 3x target)")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and report, write nothing")] = False,
    allow_other_owners: Annotated[bool, typer.Option("--allow-other-owners", help="Accept rows for targets another department leads")] = False,
    sheet_name: Annotated[Optional[str], typer.Option("--sheet", help="XLSX: the sheet to read [default: the active visible one]; a hidden sheet is read only when named")] = None,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> None:
    """Import a filled sheet (XLSX or CSV, Chinese headers): all rows checked first, nothing written if any is bad."""
    lang = resolve_lang(lang)
    data_dir = resolve_data(data, lang)
    if not os.path.isfile(file):  # os.path: a name too long is "not found", not an OSError
        usage_error(f"找不到文件“{file}”", f"file '{file}' not found", lang)
    if sheet_name is not None and file.suffix.lower() not in (".xlsx", ".xlsm"):
        usage_error("--sheet 只用于 Excel 文件（.xlsx）", "--sheet goes with an Excel file (.xlsx) only", lang)
    from ..importer import plan_import, read_sheet, rejects_rows
    from ..render.common import write_csv
    from ..textio import display_path
    from ..writer import WriteError, append_rows
    from ..errors import printable
    from .add_progress_cmd import clean_text

    by_t = clean_text(by, "--by", lang)
    catalogue = load_catalogue_or_exit(data_dir, lang)
    shown = printable(display_path(file))  # a file name never sends escapes to the terminal
    sheet = read_sheet(file, shown, sheet_name)
    plan = plan_import(sheet, catalogue, data_dir, shown, by_t, force, allow_other_owners=allow_other_owners)
    if plan.problems:
        print_problems(plan.problems, lang)
        emit_err("worktargets: 未写入任何内容" if lang == "zh" else "worktargets: nothing written")
        raise typer.Exit(1)
    # name the sheet's own column in each problem (累计完成, not value)
    names = {}
    for h in sheet.header:
        from ..importer import _header_map

        m, _ = _header_map([h])
        if m:
            names[m[0]] = h
    bad = []
    for line in sorted(plan.bad_lines):
        for p in plan.bad_lines[line]:
            bad.append(type(p)(p.code, p.path, p.line, names.get(p.field or "", p.field), p.params, "error"))
    if bad:
        print_problems(bad, lang)
        if not skip_bad:
            emit_err(f"worktargets: {len(plan.bad_lines)} 行有错，未写入任何内容（改正后重新导入，或用 --skip-bad 只导入正确的行）"
                     if lang == "zh" else
                     f"worktargets: {len(plan.bad_lines)} bad row(s); nothing written (fix them and import again, or --skip-bad)")
            raise typer.Exit(1)
    written: list[str] = []
    n = len(plan.new)
    corrected = [p for p in plan.new if p.line in plan.corrections]
    if not dry_run:
        from .add_progress_cmd import write_problem
        from .common import write_output

        if bad and skip_bad:  # first: a rejects file that cannot be written (a folder there, the data
            rej = file.with_name(file.stem + ".rejects.csv")  # folder's own file) stops the import whole
            header, rows = rejects_rows(sheet, plan, lang)
            write_output(write_csv(header, rows), str(rej), lang, data_dir, fmt="csv",
                         source_file=catalogue.plan.source_file)
            emit_err(f"worktargets: 错误的行已写入 {display_path(rej)}" if lang == "zh"
                     else f"worktargets: bad rows written to {display_path(rej)}")
        n = 0
        late: set[int] = set()
        for path, planned in plan.by_file().items():
            try:
                # ids checked again under the file's lock: a sheet imported twice at once lands once
                done = {r["id"] for r in append_rows(path, [p.draft.row() for p in planned], skip_known_ids=True)}
            except WriteError as exc:
                print_problems([write_problem(exc, display_path(path))], lang)
                _say_partly_written(n, written, lang)
                raise typer.Exit(1)
            except OSError as exc:
                from ..errors import Problem

                print_problems([Problem("unwritable-file", display_path(path), None, None, {"detail": str(exc)})], lang)
                _say_partly_written(n, written, lang)
                raise typer.Exit(1)
            late |= {p.line for p in planned if p.draft.id not in done}
            n += len(done)
            if done:
                written.append(f"  {display_path(path)}: {len(done)}")
        plan.already += [p for p in plan.new if p.line in late]
        corrected = [p for p in corrected if p.line not in late]
    already, empty = len(plan.already), plan.empty
    for line, (old, by) in sorted(plan.superseded.items()):  # skipped: the correction stands
        written.append(f"  第{line}行与记录 {old} 相同，该记录已被 {by} 更正，以更正后的为准（跳过）" if lang == "zh"
                       else f"  row {line} equals entry {old}, which {by} corrects: the correction stands (skipped)")
    for p in corrected:  # said so: a changed figure replaces what the same reporter filed
        written.append(f"  {'第' + str(p.line) + '行更正' if lang == 'zh' else 'row ' + str(p.line) + ' corrects'} "
                       f"{plan.corrections[p.line]} → {p.draft.id}")
    verb = ("将导入" if dry_run else "已导入") if lang == "zh" else ("would import" if dry_run else "imported")
    if lang == "zh":
        fixes = f"（其中更正 {len(corrected)} 条）" if corrected else ""
        head = f"{verb} {n} 条{fixes}；已有记录 {already} 条（跳过）；未填写 {empty} 行；有错 {len(plan.bad_lines)} 行"
    else:
        fixes = f" ({len(corrected)} correction{'' if len(corrected) == 1 else 's'})" if corrected else ""
        head = (f"{verb} {n} entr{'y' if n == 1 else 'ies'}{fixes}; {already} already recorded (skipped); "
                f"{empty} row(s) left empty; {len(plan.bad_lines)} bad row(s)")
    emit("\n".join([head, *written]) + "\n")
    if bad:
        raise typer.Exit(1)


def emit_err(text: str) -> None:
    import sys

    sys.stderr.write(text + "\n")
    sys.stderr.flush()
