"""Golden CLI cases: every command in every format it offers, over the shipped demo and a
small catalogue of the new kinds, in zh and en where the output differs.

Each case runs ``worktargets`` through CliRunner in tmp_path, on a fresh copy of its data
folder named by a relative path (``data``), with a fixed COLUMNS and NO_COLOR, and writes
one text file under tests/golden_cli/: the command line, the exit code, stdout, stderr and
every file the command wrote or changed (a CSV as text, an XLSX as its cells' values, a
DOCX as its text). An absolute tmp path is shown as ``<TMP>``, the checkout as ``<ROOT>``,
the random part of a new entry id as ``<random>``, a CR as ``␍``. These files are the specification of the outputs:
regenerate them deliberately with ``pytest --update-goldens`` (or ``UPDATE_GOLDENS=1``) and
read the diff before committing.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, write_tree
from worktargets.cli import app

GOLDEN = Path(__file__).resolve().parent / "golden_cli"
DEMO = ROOT / "examples" / "demo"
MATERIAL = ROOT / "tests" / "material"
COLUMNS = 100
DRAFTED_ON = re.compile(r"(worktargets draft [^\n（]*（)\d{4}-\d{2}-\d{2}(）)")
ENTRY_ID = re.compile(r"\b(\d{8})-[0-9a-f]{12}\b")  # the id add-progress/correct/import give a new entry

KINDS_REPORT = (
    "地区生产总值增长6%左右。单位GDP能耗下降3%。城镇化率提高2个百分点。城镇登记失业率控制在4.5%以内。"
    "城乡居民收入增长与经济增长基本同步。完成省、市下达的节能任务。新建高标准农田2万亩。"
    "完成天星桥水库蓄水验收。\n"
)

KINDS = """\
plan:
  title: 新类型测试计划
  region: 测试区
  year: 2022
  source_file: report.txt
settings:
  about_tolerance: 0.5
targets:
  - id: gdp
    no: "1"
    title: 地区生产总值增长
    section: 一、总体
    source: 地区生产总值增长6%左右
    kind: growth
    comparator: about
    target: 6%
    owner: 区发展和改革局
  - id: energy
    no: "2"
    title: 单位GDP能耗下降
    section: 一、总体
    source: 单位GDP能耗下降3%
    kind: decrease
    target: 3%
    owner: 区发展和改革局
  - id: urban
    no: "3"
    title: 城镇化率提高
    section: 二、民生
    source: 城镇化率提高2个百分点
    kind: points
    target: 2个百分点
    baseline: {value: 45%, note: 上年统计公报}
    owner: 区发展和改革局
  - id: jobless
    no: "4"
    title: 城镇登记失业率
    section: 二、民生
    source: 城镇登记失业率控制在4.5%以内
    kind: level
    comparator: le
    target: 4.5%
    owner: 区人力资源和社会保障局
  - id: income
    no: "5"
    title: 城乡居民收入增长与经济增长同步
    section: 二、民生
    source: 城乡居民收入增长与经济增长基本同步
    kind: relation
    relation: {to: gdp}
    comparator: about
    unit: "%"
    owner: 区统计局
  - id: energy-quota
    no: "6"
    title: 完成省、市下达的节能任务
    section: 一、总体
    source: 完成省、市下达的节能任务
    kind: amount
    target: null
    set_by: 省、市下达
    unit: 吨
    owner: 区发展和改革局
  - id: farmland
    no: "7"
    title: 新建高标准农田
    section: 三、农业
    source: 新建高标准农田2万亩
    kind: amount
    target: 2万亩
    owner: [区农业农村局, 区自然资源局]
    co_owners: [各乡镇]
    leader: 张三
  - id: reservoir
    no: "8"
    title: 天星桥水库蓄水验收
    section: 三、农业
    source: 完成天星桥水库蓄水验收
    kind: milestone
    stages: [未启动, 已申请验收, 已验收]
    due: 2022-06-30
    owner: [区水利局, 区农业农村局]
"""

KINDS_LEDGER = {
    "progress/2022-05/区发展和改革局.csv": (
        "id,date,target,value,basis,unit\n"
        "k1,2022-05-31,gdp,5.8,total,%\n"
        "k2,2022-05-31,energy,1.2,total,%\n"
    ),
    "progress/2022-06/区发展和改革局.csv": (
        "id,date,target,value,basis,unit\n"
        "k3,2022-06-30,gdp,6.2,total,%\n"
        "k4,2022-06-30,energy,2.5,total,%\n"
        "k5,2022-06-30,urban,46,total,%\n"
    ),
    "progress/2022-06/区人力资源和社会保障局.csv": "id,date,target,value,unit\nk6,2022-06-30,jobless,4.8,%\n",
    "progress/2022-06/区统计局.csv": "id,date,target,value,unit\nk7,2022-06-30,income,6.0,%\n",
    "progress/2022-06/区农业农村局.csv": (
        "id,date,target,value,basis,unit\n"
        "k8,2022-04-30,farmland,0.3,total,万亩\n"
        "k9,2022-06-30,farmland,0.2,add,万亩\n"
    ),
    "progress/2022-06/区水利局.yaml": "- {id: k10, date: 2022-06-20, target: reservoir, stage: 已申请验收}\n",
}

# one file with a problem of each sort a department makes
BAD_LEDGER = (
    "id,date,target,value,unit\n"
    "b1,2022-07-32,gdp,6.1,%\n"
    "b2,2022-07-31,gpd,6.1,%\n"
    "b3,2022-07-31,farmland,3,万头\n"
    "k3,2022-07-31,urban,47,%\n"
    "b5,2022-07-31,reservoir,1,\n"
)

# a filled sheet for the demo: a figure and a stage
IMPORT_CSV = (
    "指标编号,目标任务,计量单位,统计截至日期,累计完成,形象进度,进展情况,填报人\n"
    "farmland-new,新建高标准农田,万亩,2022-07-31,2.9,,,赵六\n"
    "tcm-park-national-reserve,中药材园区,,2022-07-31,,已申报,已报省农业农村厅,赵六\n"
)


@dataclass
class Case:
    """One command line over one data folder; ``files`` are extra inputs written beside it."""

    args: list[str]
    data: str = "demo"  # demo | kinds | none
    files: dict[str, str] = field(default_factory=dict)
    exit_code: int = 0


def _with(args: list[str], *, langs: tuple[str, ...] = ("zh", "en")) -> dict[str, list[str]]:
    return {lang: [*args, "--lang", lang] for lang in langs}


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}

    def add(name: str, args: list[str], langs: tuple[str, ...] = ("zh", "en"), **kw: object) -> None:
        if "json" in args and kw.get("exit_code", 0) == 0 and len(langs) > 1:
            langs = ("en",)  # JSON is the same in both languages (its messages aside)
        for lang, full in _with(args, langs=langs).items():
            cases[f"{name}.{lang}"] = Case(full, **kw)  # type: ignore[arg-type]

    report_formats = ("table", "json", "csv", "markdown")
    dated = {
        "status": ["--as-of", "2022-06-30"],
        "gaps": ["--as-of", "2022-06-30"],
        "overdue": ["--as-of", "2023-01-31"],
        "forecast": ["--as-of", "2022-06-30"],
        "owners": ["--as-of", "2022-06-30"],
        "snails": ["--as-of", "2022-09-30", "-k", "2"],
        "diff": ["--from", "2022-05-31", "--to", "2022-06-30"],
    }
    for command, extra in dated.items():
        for fmt in report_formats:
            add(f"{command}-{fmt}", [command, "--data", "{data}", *extra, "-f", fmt])
            add(f"kinds-{command}-{fmt}", [command, "--data", "{data}", *extra, "-f", fmt], langs=("zh",),
                data="kinds")
        add(f"kinds-{command}-table", [command, "--data", "{data}", *extra], langs=("en",), data="kinds")
    for fmt in (*report_formats, "html", "xlsx", "docx"):
        out = [] if fmt in report_formats or fmt == "html" else ["-o", "{tmp}/bulletin." + fmt]
        args = ["bulletin", "--data", "{data}", "--period", "2022-06", "--as-of", "2022-07-31", "-f", fmt, *out]
        add(f"bulletin-{fmt}", args)
        add(f"kinds-bulletin-{fmt}", args, langs=("zh",), data="kinds")
    for fmt in ("text", "json", "github"):
        add(f"validate-{fmt}", ["validate", "--data", "{data}", "-f", fmt])
        add(f"kinds-validate-{fmt}", ["validate", "--data", "{data}", "-f", fmt], langs=("zh",), data="kinds")
        add(f"kinds-validate-bad-{fmt}", ["validate", "--data", "{data}", "-f", fmt], data="kinds",
            files={"data/progress/2022-07/bad.csv": BAD_LEDGER}, exit_code=1)
    add("kinds-status-bad", ["status", "--data", "{data}", "--as-of", "2022-07-31"], data="kinds",
        files={"data/progress/2022-07/bad.csv": BAD_LEDGER}, exit_code=1)
    for fmt in ("table", "json"):
        add(f"show-{fmt}", ["show", "--data", "{data}", "--as-of", "2022-06-30", "-f", fmt, "farmland-new"])
        add(f"show-milestone-{fmt}", ["show", "--data", "{data}", "--as-of", "2022-06-30", "-f", fmt, "tianxingqiao-reservoir"])
        for tid in ("urban", "jobless", "income"):
            add(f"kinds-show-{tid}-{fmt}", ["show", "--data", "{data}", "--as-of", "2022-06-30", "-f", fmt, tid],
                langs=("zh",), data="kinds")
        add(f"coverage-{fmt}", ["coverage", "--data", "{data}", "-f", fmt])
        add(f"kinds-coverage-{fmt}", ["coverage", "--data", "{data}", "-f", fmt], langs=("zh",), data="kinds")
    add("show-unknown", ["show", "--data", "{data}", "farmland"], exit_code=2)  # candidates one a line
    add("show-chart", ["show", "--data", "{data}", "--as-of", "2022-06-30", "--chart", "farmland-new"])
    add("schema-json", ["schema", "-f", "json"], data="none")
    # writing commands: into the tmp copy; the golden shows the files they wrote
    add("add-progress", ["add-progress", "--data", "{data}", "-y", "--date", "2022-07-31", "--by", "赵六",
                         "farmland-new", "2.8万亩"])
    add("add-progress-stage", ["add-progress", "--data", "{data}", "-y", "--date", "2022-07-31",
                               "--stage", "已验收", "reservoir"], langs=("zh",), data="kinds")
    add("add-progress-add", ["add-progress", "--data", "{data}", "-y", "--date", "2022-07-31", "--add",
                             "farmland", "0.1万亩"], langs=("en",), data="kinds")
    add("correct", ["correct", "--data", "{data}", "-y", "--by", "赵六", "--note", "统计口径", "k9", "0.25万亩"],
        data="kinds")
    add("correct-withdraw", ["correct", "--data", "{data}", "-y", "--withdraw", "k6", "--reason", "重复报送"],
        langs=("zh",), data="kinds")
    for fmt in ("csv", "xlsx"):
        add(f"template-{fmt}", ["template", "--data", "{data}", "--owner", "区农业农村局", "--period", "2022-07",
                                "-f", fmt, "-o", "{tmp}/sheet." + fmt])
        add(f"kinds-template-{fmt}", ["template", "--data", "{data}", "--owner", "区发展和改革局", "--period",
                                      "2022-07", "-f", fmt, "-o", "{tmp}/sheet." + fmt], langs=("zh",), data="kinds")
    add("import-dry-run", ["import", "--data", "{data}", "--dry-run", "{tmp}/in.csv"],
        files={"in.csv": IMPORT_CSV})
    add("import", ["import", "--data", "{data}", "{tmp}/in.csv"], files={"in.csv": IMPORT_CSV}, langs=("zh",))
    add("init", ["init", "--year", "2022", "--title", "测试计划", "--region", "测试区", "{tmp}/new"], data="none")
    add("draft-text", ["draft", "--year", "2023", "-o", "{tmp}/drafted", "{tmp}/xianan-2023.txt"], data="none",
        files={"xianan-2023.txt": _material_body("xianan-2023.txt")})
    add("draft-table", ["draft", "--year", "2023", "-o", "{tmp}/drafted",
                        str(MATERIAL / "xianan-2023-fenjiebiao.xlsx")], data="none")
    return cases


def _material_body(name: str) -> str:
    """A real report as its office wrote it: the material without its ``# source:`` line."""
    return (MATERIAL / name).read_text(encoding="utf-8").split("\n", 1)[1]


CASES = _cases()


# -- the golden mechanism (also honours the older WORKTARGETS_WRITE_GOLDEN=1) -------------------


def updating(config: pytest.Config) -> bool:
    """True when goldens are to be rewritten rather than compared."""
    return bool(config.getoption("--update-goldens", default=False)) or any(
        os.environ.get(v) == "1" for v in ("UPDATE_GOLDENS", "WORKTARGETS_WRITE_GOLDEN"))


def check_golden(config: pytest.Config, path: Path, got: str) -> None:
    """Compare ``got`` with the golden file at ``path`` (or rewrite it); fail with a unified diff."""
    if updating(config):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.name}: run pytest --update-goldens and read the result")
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = difflib.unified_diff(want.splitlines(keepends=True), got.splitlines(keepends=True),
                                    f"golden/{path.name}", "got")
        pytest.fail("output differs from the golden file:\n" + "".join(diff), pytrace=False)


# -- reading what a command wrote -----------------------------------------------------------


def xlsx_text(path: Path) -> str:
    """Every sheet's non-empty cells as ``A1 = value`` lines (values, never bytes)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        out.append(f"[sheet {ws.title}{' (hidden)' if ws.sheet_state != 'visible' else ''}]")
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    out.append(f"{cell.coordinate} = {cell.value!r}")
    return "\n".join(out) + "\n"


def docx_text(path: Path) -> str:
    """The document's paragraphs and table rows in order (the docx bulletin test's reader)."""
    from test_bulletin_docx import blocks

    return "\n".join(blocks(path)) + "\n"


def file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        return xlsx_text(path)
    if path.suffix == ".docx":
        return docx_text(path)
    if path.name.endswith(".schema.json"):
        data = path.read_bytes()
        return f"({len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]})\n"
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"({len(raw)} bytes of binary)\n"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _data(case: Case, tmp: Path) -> Path | None:
    if case.data == "demo":
        shutil.copytree(DEMO, tmp / "data")
    elif case.data == "kinds":
        write_tree(tmp / "data", {"targets.yaml": KINDS, "report.txt": KINDS_REPORT, **KINDS_LEDGER})
    else:
        return None
    return tmp / "data"


def run_case(case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The golden text of one case: command, exit code, stdout, stderr, files written."""
    for var in ("FORCE_COLOR", "COLORTERM", "LINES", "WORKTARGETS_LANG", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.chdir(tmp)  # paths relative to the tmp folder: tables never wrap a tmp path
    _data(case, tmp)
    write_tree(tmp, case.files)
    before = snapshot(tmp)
    args = [a.replace("{data}", "data").replace("{tmp}/", "") for a in case.args]
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    after = snapshot(tmp)
    shown = [a.replace(str(ROOT), "<ROOT>") for a in args]
    parts = [f"$ worktargets {' '.join(shown)}", f"exit {result.exit_code}",
             "--- stdout", result.stdout, "--- stderr", result.stderr]
    for rel in sorted(after):
        if before.get(rel) != after[rel]:
            parts += [f"--- {'changed' if rel in before else 'wrote'} {rel}", file_text(tmp / rel)]
    text = "\n".join(p.rstrip("\n") for p in parts) + "\n"
    for real, shown_as in ((str(tmp), "<TMP>"), (str(ROOT), "<ROOT>")):
        text = text.replace(real, shown_as)
    text = ENTRY_ID.sub(r"\1-<random>", text.replace("\r", "␍"))  # CRLF kept visible; ids written are random
    text = DRAFTED_ON.sub(r"\1<today>\2", text)  # draft signs its file with the day it ran
    assert result.exit_code == case.exit_code, text
    return text


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    got = run_case(CASES[name], tmp_path, monkeypatch)
    assert "Traceback" not in got
    check_golden(request.config, GOLDEN / f"{name}.txt", got)


def test_no_stray_goldens(request: pytest.FixtureRequest) -> None:
    """Every golden file belongs to a case (a renamed case leaves no orphan behind)."""
    names = {f"{n}.txt" for n in CASES}
    stray = sorted(p.name for p in GOLDEN.glob("*.txt") if p.name not in names)
    if updating(request.config):
        for name in stray:
            (GOLDEN / name).unlink()
        return
    assert not stray, f"golden files without a case: {stray}"


def test_every_command_has_a_case() -> None:
    """A new command gets a golden case (the list comes from the CLI itself)."""
    import typer.main

    group = typer.main.get_command(app)
    commands = set(group.list_commands(None))  # type: ignore[arg-type]
    covered = {case.args[0] for case in CASES.values()}
    assert commands <= covered, sorted(commands - covered)
