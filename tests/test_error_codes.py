"""One case per error code: every code in ``errors.MESSAGES`` is triggered through the CLI
by a small input and asserted, with its place, here, or named with the test file that
already triggers it and asserts it. A code added to MESSAGES with neither fails
``test_every_code_has_a_case``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from conftest import MINI_CATALOGUE, REPORT, ROOT, write_tree
from test_golden_cli import KINDS, KINDS_REPORT
from worktargets.cli import app
from worktargets.errors import MESSAGES

LEDGER = "2022-06/区农业农村局.csv"
GOOD = "id,date,target,value,basis\na1,2022-06-30,farmland,2.1万亩,total\n"
REACH = "id,date,target,stage\nr1,2022-06-20,reservoir,已申请验收\n"


def _cat(old: str, new: str, base: str = MINI_CATALOGUE) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


def _xlsx(path: Path, rows: list[list[object]], *, hidden: bool = False) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    if hidden:  # openpyxl refuses to hide the only sheet: hide it in workbook.xml
        import zipfile

        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'state="visible"', b'state="hidden"')
        with zipfile.ZipFile(path, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)


SHEET_HEAD = ["指标编号", "统计截至日期", "累计完成", "形象进度", "填报人"]


@dataclass
class Case:
    """``args`` ({data}, {tmp} filled in) over a data folder (catalogue + report + progress/
    ``ledger``), with ``files`` written in tmp; the code must be reported, on a line that
    holds ``where``, with exit status ``exit``."""

    args: list[str]
    ledger: dict[str, str | bytes] = field(default_factory=dict)
    catalogue: str | None = MINI_CATALOGUE
    report: str = REPORT
    files: dict[str, str | bytes] = field(default_factory=dict)
    where: str = ""
    exit: int = 1
    setup: Callable[[Path, pytest.MonkeyPatch], None] | None = None


def validate(where: str = "", **kw: object) -> Case:
    return Case(["validate", "--data", "{data}"], where=where, **kw)  # type: ignore[arg-type]


def ledger(text: str | bytes, where: str = "", name: str = LEDGER, **kw: object) -> Case:
    return validate(where or f"{Path(name).name}", ledger={name: text}, **kw)


def catalogue(old: str, new: str, where: str = "targets.yaml", base: str = MINI_CATALOGUE, **kw: object) -> Case:
    return validate(where, catalogue=_cat(old, new, base), **kw)


def add(*args: str, where: str = "", exit: int = 1, **kw: object) -> Case:
    return Case(["add-progress", "--data", "{data}", "-y", *args], where=where, exit=exit, **kw)  # type: ignore[arg-type]


def sheet(content: str | bytes, *extra: str, name: str = "in.csv", where: str = "", **kw: object) -> Case:
    return Case(["import", "--data", "{data}", "--dry-run", *extra, f"{{tmp}}/{name}"], files={name: content},
                where=where or name, **kw)  # type: ignore[arg-type]


def draft(name: str, content: str | bytes, where: str = "", **kw: object) -> Case:
    return Case(["draft", "--year", "2022", "-o", "{tmp}/out", f"{{tmp}}/{name}"], catalogue=None,
                files={name: content}, where=where or name, **kw)  # type: ignore[arg-type]


def units(block: str, where: str = "targets.yaml") -> Case:
    return validate(where, catalogue=_cat("targets:\n", block + "targets:\n"))


def _dir(at: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def make(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        path = tmp / at
        if path.exists():
            path.unlink()
        path.mkdir(parents=True)
    return make


def _link(at: str, to: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def make(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        (tmp / at).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(to, tmp / at)
    return make


def _patch(target: str, value: object) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def make(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        mp.setattr(target, value)
    return make


def _sheet_file(name: str, rows: list[list[object]], hidden: bool = False) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def make(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        _xlsx(tmp / name, rows, hidden=hidden)
    return make


def _config(text: str | bytes) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def make(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        (tmp / "worktargets.toml").write_bytes(text.encode() if isinstance(text, str) else text)
    return make


@dataclass
class Api:
    """A call below the CLI that must raise the code (where the CLI itself works around it)."""

    call: Callable[[Path], object]


def _append_by(path: Path) -> object:
    from worktargets.writer import append_rows

    path.write_text("date,target,value\n2022-06-30,hogs,20万头\n", encoding="utf-8")
    return append_rows(path, [{"date": "2022-06-30", "target": "farmland", "value": "1万亩", "by": "张三"}])


def _full_disk(fd: int, data: object) -> int:
    raise OSError(28, "No space left on device")


def _without(package: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def make(tmp: Path, mp: pytest.MonkeyPatch) -> None:
        import importlib.util

        real = importlib.util.find_spec
        mp.setattr(importlib.util, "find_spec", lambda name, *a: None if name == package else real(name, *a))
    return make


RELATION = "kind: relation\n    relation: {to: gdp}"
STATUS = ["status", "--data", "{data}", "--as-of", "2022-06-30"]
CONFIGURED = ["status"]  # no --data: the config file is read

# code -> the case that triggers it, or the test file that triggers and asserts it
CASES: dict[str, Case | Api | str] = {
    # files
    "file-missing": Case(["validate", "--data", "{data}"], catalogue=None, where="targets.yaml"),
    "file-unreadable": validate("targets.yaml", catalogue=None, setup=_dir("data/targets.yaml")),
    "file-empty": ledger(""),
    "file-binary": ledger(b"\x00\x01\x02\x03binary\x00\x00\x00\x00" * 20),
    "file-too-large": ledger(GOOD, "targets.yaml", setup=_patch("worktargets.textio.MAX_FILE_BYTES", 40)),
    "line-too-long": ledger("date,target,value,note\n2022-06-30,farmland,1万亩," + "x" * 200_000 + "\n",
                            "区农业农村局.csv:2"),
    "bad-encoding": ledger(b"date,target,value\n\x80\x80\xff\xfe\x80\n"),
    "unknown-file-type": ledger(GOOD, name="2022-06/a.xls"),
    # yaml
    "yaml-syntax": ledger("- {date: [2022-06-30\n", name="2022-06/a.yaml"),
    "yaml-tag": ledger("- !!python/object {}\n", "a.yaml:1", name="2022-06/a.yaml"),
    "yaml-alias": ledger("- &a {date: 2022-06-30, target: farmland, value: 1万亩}\n- *a\n",
                         "a.yaml:2",
                         name="2022-06/a.yaml"),
    "yaml-duplicate-key": ledger("- {date: 2022-06-30, date: 2022-06-30, target: farmland, value: 1万亩}\n",
                                 "a.yaml:1", name="2022-06/a.yaml"),
    "not-a-mapping": ledger("- just words\n", "a.yaml:1", name="2022-06/a.yaml"),
    "not-a-list": ledger("entries: 5\n", "a.yaml:1", name="2022-06/a.yaml"),
    # catalogue
    "missing-field": catalogue("    title: 新建高标准农田\n", "", "targets.yaml:7"),
    "unknown-field": catalogue("    title: 新建高标准农田\n", "    title: 新建高标准农田\n    colour: red\n",
                               "targets.yaml:9"),
    "bad-value": catalogue("    kind: growth\n", "    kind: speed\n"),
    "duplicate-id": catalogue("  - id: hogs\n", "  - id: farmland\n", "targets.yaml:14"),
    "unknown-parent": catalogue("    parent: grants\n", "    parent: nothing\n"),
    "source-not-in-report": catalogue("source: 新建高标准农田3.6万亩", "source: 新建高标准农田9万亩",
                                      "targets.yaml:7"),
    "report-missing": catalogue("source_file: report.txt", "source_file: nothere.txt", "targets.yaml:5"),
    "bad-schedule": catalogue("    owner: 区农业农村局\n", "    owner: 区农业农村局\n    schedule: {2022-03-31: 150%}\n",
                              "targets.yaml:14"),
    # quantities
    "bad-number": ledger("date,target,value\n2022-06-30,farmland,约三万亩\n", "区农业农村局.csv:2"),
    "number-out-of-range": ledger("date,target,value\n2022-06-30,farmland,1234567890123456万亩\n",
                                  "区农业农村局.csv:2"),
    "unknown-unit": ledger("date,target,value\n2022-06-30,farmland,3万担\n", "区农业农村局.csv:2"),
    "unit-mismatch": ledger("date,target,value\n2022-06-30,farmland,3万头\n", "区农业农村局.csv:2"),
    "missing-unit": catalogue("    target: 3.6万亩\n", "    target: 3.6\n"),
    # ledger
    "missing-column": ledger("date,value\n2022-06-30,1万亩\n", "区农业农村局.csv:1"),
    "bad-header": ledger("date,target,value,value\n2022-06-30,farmland,1万亩,2万亩\n", "区农业农村局.csv:1"),
    "unknown-target": ledger("date,target,value\n2022-06-30,farmlnad,1万亩\n", "区农业农村局.csv:2"),
    "bad-date": ledger("date,target,value\n2022-06-31,farmland,1万亩\n", "区农业农村局.csv:2"),
    "date-outside-year": ledger("date,target,value\n2021-12-31,farmland,1万亩\n", "区农业农村局.csv:2"),
    "bad-basis": ledger("date,target,value,basis\n2022-06-30,farmland,1万亩,sometimes\n", "区农业农村局.csv:2"),
    "missing-value": ledger("date,target,value\n2022-06-30,farmland,\n", "区农业农村局.csv:2"),
    "missing-stage": ledger("date,target,value,stage\n2022-06-30,reservoir,,\n", "区农业农村局.csv:2"),
    "unknown-stage": ledger("date,target,stage\n2022-06-30,reservoir,竣工\n", "区农业农村局.csv:2"),
    "value-for-milestone": ledger("date,target,value,stage\n2022-06-30,reservoir,1,已验收\n", "区农业农村局.csv:2"),
    "stage-for-number": ledger("date,target,value,stage\n2022-06-30,farmland,1万亩,已验收\n", "区农业农村局.csv:2"),
    "duplicate-entry-id": ledger(GOOD + "a1,2022-06-30,hogs,3万头,total\n", "区农业农村局.csv:3"),
    "replaced-twice": ledger("id,date,target,value,replaces\na1,2022-06-30,farmland,1万亩,\n"
                             "a2,2022-06-30,farmland,2万亩,a1\na3,2022-06-30,farmland,3万亩,a1\n",
                             "区农业农村局.csv:4"),
    "unknown-replaces": ledger("id,date,target,value,replaces\na2,2022-06-30,farmland,1万亩,a9\n",
                               "区农业农村局.csv:2"),
    "replaces-other-target": ledger("id,date,target,value,replaces\na1,2022-06-30,farmland,2万亩,\n"
                                    "a2,2022-06-30,hogs,3万头,a1\n", "区农业农村局.csv:3"),
    "bad-row": ledger("date,target,value\n2022-06-30,farmland,1万亩,extra,more\n", "区农业农村局.csv:2"),
    "csv-syntax": sheet("指标编号,统计截至日期,累计完成\nfarmland,2022-06-30,\"2.1\"x万亩\n"),
    # recording progress
    "unsafe-name": add("--date", "2022-06-30", "farmland", "1万亩", exit=1,
                       catalogue=_cat("    owner: 区农业农村局\n", "    owner: \"..\"\n")),
    # the CLI writes to <owner>.2.csv instead; the writer itself refuses to append the column
    "header-lacks-column": Api(lambda tmp: _append_by(tmp / "a.csv")),
    "unwritable-file": add("--date", "2022-06-30", "farmland", "2.2万亩", where="区农业农村局.csv",
                           setup=_dir("data/progress/2022-06/区农业农村局.csv")),
    "short-write": add("--date", "2022-06-30", "farmland", "2.2万亩",
                       setup=_patch("worktargets.writer.os.write", lambda fd, data: 0)),
    "date-in-future": add("--date", "2099-06-30", "hogs", "20万头", exit=2,
                          catalogue=_cat("year: 2022", "year: 2099")),
    "total-decreased": add("--date", "2022-06-30", "farmland", "1万亩", ledger={LEDGER: GOOD}),
    "value-too-large": add("--date", "2022-06-30", "farmland", "20万亩"),
    "same-entry-exists": add("--date", "2022-06-30", "farmland", "2.1万亩", ledger={LEDGER: GOOD}),
    "stage-backwards": add("--date", "2022-06-30", "--stage", "未启动", "reservoir",
                           ledger={"2022-06/区水利局.csv": REACH}),
    "unknown-entry": Case(["correct", "--data", "{data}", "-y", "a9", "1万亩"], ledger={LEDGER: GOOD}),
    "duplicate-row": sheet("指标编号,统计截至日期,累计完成\nfarmland,2022-06-30,2.1\nfarmland,2022-06-30,2.2\n",
                           where="in.csv:3"),
    "no-rows": sheet("指标编号,统计截至日期,累计完成\n"),
    "xlsx-unreadable": sheet(b"PK\x03\x04 not a workbook", name="in.xlsx"),
    # the ledger reader
    "ledger-not-a-file": validate("a.csv", setup=_dir("data/progress/2022-06/a.csv")),
    "ledger-link": validate("a.csv", setup=_link("data/progress/2022-06/a.csv", "nowhere.csv")),
    "unterminated-quote": ledger("date,target,value,note\n2022-06-30,farmland,1万亩,\"open\n2022-06-30,hogs,2万头,x\n",
                                 "区农业农村局.csv:2"),
    "correction-cycle": ledger("id,date,target,value,replaces\nc1,2022-06-30,farmland,1万亩,c2\n"
                               "c2,2022-06-30,farmland,2万亩,c1\n", "区农业农村局.csv"),
    "withdraw-without-id": ledger("id,date,target,value,basis,replaces\nw1,2022-06-30,farmland,,withdraw,\n",
                                  "区农业农村局.csv:2"),
    "withdraw-with-figure": ledger("id,date,target,value,basis,replaces\na1,2022-06-30,farmland,1万亩,total,\n"
                                   "w1,2022-06-30,farmland,1万亩,withdraw,a1\n", "区农业农村局.csv:3"),
    # nothing lost or misread
    "write-failed": add("--date", "2022-06-30", "farmland", "2.2万亩", ledger={LEDGER: GOOD},
                        setup=_patch("worktargets.writer.os.write", _full_disk)),
    "write-not-undone": "test_noloss_writer.py",
    # the bad-input corpus's own cases (tests/test_bad_inputs.py runs them; the manifest names the code)
    **{code: "bad_inputs/MANIFEST.tsv" for code in (
        "config-bad-lang", "ledger-is-link", "parent-cycle", "progress-not-a-folder", "sheet-too-large",
        "two-units", "xlsx-encrypted-or-xls", "xlsx-is-text")},
    "bad-utf8-byte": ledger("date,target,value,note\n2022-06-30,farmland,1万亩,好\n".encode() + b"2022-06-30,hogs,2\xff\n",
                            "区农业农村局.csv:3"),
    "entry-already-replaced": Case(["correct", "--data", "{data}", "-y", "a1", "2.5万亩"], ledger={
        LEDGER: GOOD.replace("basis\n", "basis,replaces\n").replace("total\n", "total,\n") + "a2,2022-06-30,farmland,2.2万亩,total,a1\n"}),
    "formula-no-value": Case(["import", "--data", "{data}", "--dry-run", "{tmp}/in.xlsx"], where="in.xlsx",
                             setup=_sheet_file("in.xlsx", [SHEET_HEAD, ["farmland", "2022-06-30", "=1+1", None, "张三"]])),
    "xlsx-too-large": Case(["import", "--data", "{data}", "--dry-run", "{tmp}/in.xlsx"], where="in.xlsx",
                           setup=lambda tmp, mp: (_sheet_file("in.xlsx", [SHEET_HEAD] * 20)(tmp, mp),
                                                  mp.setattr("worktargets.xlsxsheet.XLSX_MAX_CELLS", 10))),
    "cell-too-long": sheet("指标编号,统计截至日期,累计完成,进展情况\nfarmland,2022-06-30,2.1," + "长" * 40_000 + "\n",
                           where="in.csv:2"),
    "sheet-not-found": Case(["import", "--data", "{data}", "--dry-run", "--sheet", "无此表", "{tmp}/in.xlsx"],
                            where="in.xlsx", setup=_sheet_file("in.xlsx", [SHEET_HEAD])),
    "no-visible-sheet": Case(["import", "--data", "{data}", "--dry-run", "{tmp}/in.xlsx"], where="in.xlsx",
                             setup=_sheet_file("in.xlsx", [SHEET_HEAD], hidden=True)),
    "control-character": sheet("指标编号,统计截至日期,累计完成,填报人\nfarmland,2022-06-30,2.1,张\x07三\n", where="in.csv:2"),
    "other-owner": sheet("指标编号,统计截至日期,累计完成\nfarmland,2022-06-30,2.1\nhogs,2022-06-30,20\n"
                         "output,2022-06-30,30\n", where="in.csv:4"),
    # output files and the config file
    "output-in-data-folder": Case([*STATUS, "-o", "{data}/targets.yaml"]),
    "output-is-directory": Case([*STATUS, "-o", "{tmp}"]),
    "output-folder-missing": Case([*STATUS, "-o", "{tmp}/afile/out.csv"], files={"afile": "x"}),
    "output-unwritable": "test_cli_conventions_output.py",
    "config-unreadable": Case(CONFIGURED, setup=_config(b"data = \"\xff\xfe\"\n"), where="worktargets.toml"),
    "config-syntax": Case(CONFIGURED, setup=_config("data = [\n"), where="worktargets.toml"),
    "config-unknown-key": Case(CONFIGURED, setup=_config('colour = "red"\n'), where="worktargets.toml"),
    "config-bad-value": Case(CONFIGURED, setup=_config("as_of = [1]\n"), where="worktargets.toml"),
    "missing-package": Case(["bulletin", "--data", "{data}", "--period", "2022-06", "-f", "docx", "-o", "{tmp}/b.docx"],
                            setup=_without("docx")),
    # kinds, owners and ids
    "control-characters": catalogue("    owner: 区水利局\n", "    owner: \"区水\\u202e利局\"\n"),
    "negative-target": catalogue("    target: 3.6万亩\n", "    target: -3.6万亩\n"),
    "unknown-relation": catalogue(RELATION, "kind: relation\n    relation: {to: nothing}", base=KINDS,
                                  report=KINDS_REPORT),
    "bad-relation": catalogue(RELATION, "kind: relation\n    relation: {to: income}", base=KINDS,
                              report=KINDS_REPORT),
    "missing-tolerance": catalogue("settings:\n  about_tolerance: 0.5\n", "", base=KINDS, report=KINDS_REPORT),
    "bad-tolerance": catalogue("  about_tolerance: 0.5\n", "  about_tolerance: abc\n", base=KINDS,
                               report=KINDS_REPORT),
    # units
    "inexact-conversion": ledger("date,target,value\n2022-06-30,farmland,1亩\n", "区农业农村局.csv:2",
                                 catalogue=_cat("target: 3.6万亩", "target: 2400公顷")),
    "unknown-family": units("units:\n  担: {family: 石, factor: 100}\n", "targets.yaml:7"),
    "bad-factor": units("units:\n  筐: {family: 斤, factor: -3}\n", "targets.yaml:7"),
    "unit-clash": units("units:\n  亩: {family: 平方米, factor: 666.67}\n", "targets.yaml:7"),
    "bad-unit-name": units("units:\n  3号箱: {family: 箱, factor: 1}\n", "targets.yaml:7"),
    # draft and init
    "draft-pdf": draft("a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    "draft-image": draft("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
    "draft-unsupported-type": draft("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32),
    "docx-unreadable": draft("a.docx", b"PK\x03\x04 not a document"),
    "draft-no-numbers": draft("a.txt", "加强团结，推动发展，建设美好家园。\n"),
    "draft-no-commitments": draft("a.txt", "2021年是不平凡的一年，全区上下团结一心。\n"),
    "draft-exists": Case(["draft", "--year", "2022", "-o", "{tmp}/out", "{tmp}/a.txt"], catalogue=None,
                         files={"a.txt": REPORT, "out/targets.yaml": "plan: {}\n"}, where="targets.yaml"),
    "draft-self-check": draft("a.txt", REPORT, setup=_patch("worktargets.cli.draft_cmd._render",
                                                          lambda draft, rel, made_by: ("plan: [broken\n", {}))),
    "init-not-empty": Case(["init", "--year", "2022", "{tmp}/full"], catalogue=None, files={"full/x.txt": "x"},
                           where="full"),
    "table-no-header": draft("a.csv", "甲,乙,丙\n1,2,3\n"),
    "table-row-unreadable": draft("a.csv", "序号,目标任务,牵头单位,完成时限\n1,新建高标准农田3.6万亩,区农业农村局,某月\n"
                                  "2,生猪出栏52万头,区农业农村局,2022年底\n", where="a.csv:2", exit=0),
}


def test_every_code_has_a_case() -> None:
    """The table is the check: a code added to MESSAGES without a case fails here."""
    assert sorted(set(MESSAGES) - set(CASES)) == []
    assert sorted(set(CASES) - set(MESSAGES)) == []  # a code removed from MESSAGES leaves the table


@pytest.mark.parametrize("code", sorted(c for c, case in CASES.items() if isinstance(case, str)))
def test_code_is_asserted_in_the_named_file(code: str) -> None:
    """A code covered elsewhere: that test file asserts it (the code appears there as a string)."""
    text = (ROOT / "tests" / str(CASES[code])).read_text(encoding="utf-8")
    assert re.search(rf"[\"'\t]{re.escape(code)}[\"'\t]", text), f"{CASES[code]} does not assert {code}"


@pytest.mark.parametrize("code", sorted(c for c, case in CASES.items() if isinstance(case, Case)))
def test_code_is_triggered(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[code]
    assert isinstance(case, Case)
    data = tmp_path / "data"
    (data / "progress").mkdir(parents=True)
    if case.catalogue is not None:
        write_tree(data, {"targets.yaml": case.catalogue, "report.txt": case.report})
    write_tree(data / "progress", case.ledger)
    write_tree(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)
    for var in ("WORKTARGETS_LANG", "WORKTARGETS_DATA", "WORKTARGETS_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    if case.setup is not None:
        case.setup(tmp_path, monkeypatch)
    args = [a.replace("{data}", str(data)).replace("{tmp}", str(tmp_path)) for a in case.args]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    out = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), out
    assert "Traceback" not in out
    lines = [ln for ln in out.splitlines() if re.search(rf"(: |\"code\": \"){re.escape(code)}(:|\")", ln)]
    assert lines, f"{code} not reported:\n{out}"
    assert any(case.where in ln for ln in lines), f"{code} not at {case.where!r}:\n{out}"
    assert result.exit_code == case.exit, out


@pytest.mark.parametrize("code", sorted(c for c, case in CASES.items() if isinstance(case, Api)))
def test_code_is_raised(code: str, tmp_path: Path) -> None:
    case = CASES[code]
    assert isinstance(case, Api)
    with pytest.raises(Exception) as caught:
        case.call(tmp_path)
    assert getattr(caught.value, "code", None) == code


def test_an_alias_is_placed_at_itself_with_its_name() -> None:
    """An alias is reported where it is first written and by its name, not at its anchor as
    "*?"; once per anchor (a bomb's thousands of uses are one problem each)."""
    from worktargets.yamlsafe import load_yaml

    text = "a: &x [1]\nb: &y [*x, *x]\nc: [*y]\n"
    _doc, problems = load_yaml(text, "a.yaml")
    assert [(p.code, p.line, p.params["alias"]) for p in problems] == [
        ("yaml-alias", 2, "x"), ("yaml-alias", 3, "y")]
