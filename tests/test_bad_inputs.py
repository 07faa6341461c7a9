"""Every case of tests/bad_inputs/ (built by make_corpus.py and more_cases.py, listed in
MANIFEST.tsv) through the real CLI: the expected exit and code, a message naming the file,
the row or line and the field, in the case's language (a third run in zh), no traceback, no
internal error, no raw control character, within 10 s, and every file of the data folder
byte-identical afterwards. The ``scenario`` cases run real processes (scenarios.py)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import stat
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bad_inputs.scenarios import run_scenario
from worktargets.cli import app
from worktargets.errors import MESSAGES

HERE = Path(__file__).resolve().parent / "bad_inputs"
CASES = HERE / "cases"
LEDGER = "progress/2022-06/区农业农村局.csv"
HEAD = "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"
SEED = HEAD + "m0,2022-05-31,farmland,1,万亩,total,,张三,,,\n"
BAD_LEDGER = HEAD + "m1,2022-06-10,farmland,x,万亩,total,,张三,,,\n"  # "@ledger" in a tree case: row 2's value
# codes the corpus expects that arrive with the issue-11 branch (catalogue names, negative targets)


def manifest() -> list[dict[str, str]]:
    lines = (HERE / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    keys = lines[0].split("\t")
    return [dict(zip(keys, line.split("\t"))) for line in lines[1:] if line.strip()]


CASES_LIST = manifest()


def snapshot(root: Path) -> dict[str, str]:
    """What every entry of the data folder is (the writer's lock folder aside): a file's hash,
    a link's target, a folder, a special file; never opened when it is not a regular file."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if "/.locks" in f"/{rel}":
            continue
        st = p.lstat()
        if stat.S_ISLNK(st.st_mode):
            out[rel] = "link:" + os.readlink(p)
        elif stat.S_ISDIR(st.st_mode):
            out[rel] = "dir"
        elif stat.S_ISREG(st.st_mode):
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[rel] = f"special:{stat.S_IFMT(st.st_mode)}"
    return out


def materialise(raw: bytes) -> bytes:
    """A case's bytes with its marks expanded (a 20 MB line is 20 bytes in git): ``@@PAD:N@@``
    is N x's, ``@@REPEAT:N:HEX@@`` N times the bytes HEX."""
    raw = re.sub(rb"@@PAD:(\d+)@@", lambda m: b"x" * int(m[1]), raw)
    return re.sub(rb"@@REPEAT:(\d+):([0-9a-f]+)@@", lambda m: bytes.fromhex(m[2].decode()) * int(m[1]), raw)


def _lead(template: str) -> str:
    """The words of a message before its first parameter."""
    return template.split("{", 1)[0].strip()


def assert_language(out: str, code: str, lang: str) -> None:
    """The message is in the case's language: its own words there, the other language's not."""
    if code == "usage":  # ours ("usage error: …") or Click's, translated by cli/i18n ("用法: …" "错误：…")
        assert re.search("用法错误|用法:.*错误：" if lang == "zh" else "usage error|Usage:.*Error:", out, re.S), out
        return
    if f": {code}:" in out:  # the message: what follows the code on its line (not the file name, not the code)
        out = out.split(f": {code}:", 1)[1].split("\n", 1)[0]
    zh, en = MESSAGES[code][:2]
    mine, other = (_lead(zh), _lead(en)) if lang == "zh" else (_lead(en), _lead(zh))
    if len(mine) >= 2:
        assert mine in out, (mine, out)
    if len(other) >= 4:
        assert other not in out, (other, out)


def test_the_corpus_is_big_enough_and_every_file_is_listed() -> None:
    files = sorted(p.name for p in CASES.iterdir())
    assert files == sorted(c["file"] for c in CASES_LIST)
    assert len(CASES_LIST) >= 160
    assert sum(p.stat().st_size for p in CASES.iterdir()) < 2 * 1024 * 1024
    assert sum(c["lang"] == "zh" for c in CASES_LIST) >= len(CASES_LIST) // 4


def _tree(spec: dict[str, object], data: Path, tmp: Path) -> None:
    """Build the oddities a ``tree`` case describes into the data folder (and beside it)."""
    def where(rel: str) -> Path:
        rel = rel.replace("{data}", str(data)).replace("{tmp}", str(tmp))
        return Path(rel) if rel.startswith("/") else data / rel

    for rel in spec.get("unlink", []):  # type: ignore[attr-defined]
        p = where(rel)
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    for rel in spec.get("dirs", []):  # type: ignore[attr-defined]
        where(rel).mkdir(parents=True, exist_ok=True)
    for rel in spec.get("fifos", []):  # type: ignore[attr-defined]
        where(rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(where(rel))
    for rel, (major, minor) in spec.get("devices", {}).items():  # type: ignore[attr-defined]
        try:
            os.mknod(where(rel), stat.S_IFCHR | 0o666, os.makedev(major, minor))
        except (PermissionError, AttributeError):
            pytest.skip("making a device file needs root")
    for rel, text in spec.get("files", {}).items():  # type: ignore[attr-defined]
        where(rel).parent.mkdir(parents=True, exist_ok=True)
        where(rel).write_text(BAD_LEDGER if text == "@ledger" else text, encoding="utf-8")
    for rel, hexed in spec.get("raw", {}).items():  # type: ignore[attr-defined]
        where(rel).write_bytes(bytes.fromhex(hexed))
    for rel, to in spec.get("links", {}).items():  # type: ignore[attr-defined]
        where(rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(str(where(to)), where(rel))


def _argv(words: list[str], data: Path, tmp: Path) -> list[str]:
    out = []
    for w in words:
        w = w.replace("{data}", str(data)).replace("{tmp}", str(tmp))
        out.append(re.sub(r"\{case:([^}]+)\}", lambda m: str(CASES / m[1]), w))
    return out


@pytest.mark.parametrize("c", CASES_LIST, ids=[c["file"] for c in CASES_LIST])
def test_bad_input(c: dict[str, str], make_data, tmp_path: Path) -> None:
    src = CASES / c["file"]
    command = shlex.split(c["command"])
    if command[0] == "scenario":
        run_scenario(json.loads(src.read_text(encoding="utf-8")), make_data(), tmp_path)
        return
    data = make_data({"2022-05/区农业农村局.csv": SEED})
    shown, never, flag = src.name, None, True
    if command[0] == "import":
        raw = src.read_bytes()
        if b"@@PAD:" in raw or b"@@REPEAT:" in raw:  # made big where it runs, under its own name
            (tmp_path / "big").mkdir()
            src = tmp_path / "big" / src.name
            src.write_bytes(materialise(raw))
        args = ["import", str(src), *command[1:]]
    elif command[0] in ("ledger", "ledger-dir"):
        (data / LEDGER).parent.mkdir(parents=True, exist_ok=True)
        if command[0] == "ledger":
            shutil.copyfile(src, data / LEDGER)
        else:
            (data / LEDGER).mkdir()
            shutil.copyfile(src, data / LEDGER / src.name)
        args, shown = ["add-progress", "farmland", "2万亩", "--date", "2022-06-30"], "区农业农村局.csv"
    elif command[0] == "read":
        shown = "区农业农村局" + src.suffix
        (data / LEDGER).parent.mkdir(parents=True, exist_ok=True)
        (data / LEDGER).with_suffix(src.suffix).write_bytes(materialise(src.read_bytes()))
        args = [*command[1:], *(["--as-of", "2022-06-30"] if command[1] == "status" else [])]
    elif command[0] == "catalogue":
        shown = "targets.yaml"
        (data / "targets.yaml").write_bytes(materialise(src.read_bytes()))
        args = [*command[1:], *(["--as-of", "2022-06-30"] if command[1] == "status" else [])]
    elif command[0] == "tree":
        spec = json.loads(src.read_text(encoding="utf-8"))
        _tree(spec, data, tmp_path)
        args, shown, never = _argv(spec["argv"], data, tmp_path), spec.get("shown", ""), spec.get("never")
        flag = not spec.get("lang_from_env")  # a config file is read for its lang only when --lang is not given
    else:
        assert command[0] == "args"
        args, shown = _argv(json.loads(src.read_text(encoding="utf-8")), data, tmp_path), ""
    if "--data" not in args:
        args += ["--data", str(data)]
    lang = c.get("lang", "en") if "--lang" not in args else "en"  # a case about --lang itself: Click's English
    before = snapshot(data)
    t0 = time.monotonic()
    argv = [*args, *(["--lang", lang] if "--lang" not in args and flag else [])]
    r = CliRunner().invoke(app, argv, env={"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": lang})
    took = time.monotonic() - t0
    out = r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == int(c["exit"]), out
    if c["code"] != "usage":
        assert f": {c['code']}:" in out, out
    assert_language(out, c["code"], lang)
    assert "Traceback" not in out and "internal error" not in out and "内部错误" not in out, out
    assert not any(ch in out for ch in "\x00\x07\x1b\u202e"), out  # no terminal escapes passed through
    if never:
        assert never not in out
    if c["code"] != "usage":
        assert shown in out, (shown, out)
    if c["line"] != "-":
        assert re.search(re.escape(shown) + r"[^\s:]*:" + c["line"] + ":", out), (shown, c["line"], out)
    if c["field"] != "-":  # named as the field: field 'x' / 字段“x” / an option's "--x:" / "x" in a header message
        f = c["field"]
        assert any(form in out for form in (f"'{f}'", f"“{f}”", f"{f}:", f"{f}（", f" {f} ")), (f, out)
    assert took < 10, took
    assert len(out.splitlines()) < 40, out  # the problem said once, not once per alias, cell or row
    assert snapshot(data) == before  # nothing created, changed or removed


def test_a_lock_that_cannot_be_made_is_a_located_refusal(make_data, monkeypatch, tmp_path: Path) -> None:
    """The lock's folder or file refused by the disk (read-only, full): a located message, no
    raw OSError (the tmpfs scenarios show it for real where they can mount)."""
    import errno

    import worktargets.writer as writer

    data = make_data({"2022-05/区农业农村局.csv": SEED})

    def no_lock(path: Path) -> object:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(writer, "_lock", no_lock)
    before = snapshot(data)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("指标编号,统计截至日期,累计完成,计量单位\nfarmland,2022-06-30,2,万亩\n", encoding="utf-8-sig")
    for args in (["add-progress", "farmland", "2万亩", "--date", "2022-06-30"], ["import", str(sheet)]):
        r = CliRunner().invoke(app, [*args, "--data", str(data), "--lang", "zh"], env={"WORKTARGETS_INTERACTIVE": "0"})
        assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
        assert r.exit_code == 1
        assert "区农业农村局.csv: unwritable-file:" in r.output and "EROFS" in r.output, r.output
        assert "[Errno" not in r.output
    assert snapshot(data) == before


def test_an_import_stopped_by_a_failed_write_says_what_it_wrote(make_data, monkeypatch, tmp_path: Path) -> None:
    """One file per month is appended at a time: when the second fails (disk full), exit 1
    says the first month's entries were written, and importing again adds only the rest."""
    import errno

    import worktargets.writer as writer

    data = make_data()
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("指标编号,统计截至日期,累计完成,计量单位\nfarmland,2022-05-31,1,万亩\nfarmland,2022-06-30,2,万亩\n",
                     encoding="utf-8-sig")
    real, calls = writer.append_rows, []

    def second_fails(path: Path, rows: object, skip_known_ids: bool = False) -> object:
        calls.append(path)
        if len(calls) == 2:
            raise writer.WriteError("write-failed", detail="ENOSPC: No space left on device")
        return real(path, rows, skip_known_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "append_rows", second_fails)
    env = {"WORKTARGETS_INTERACTIVE": "0"}
    for lang, said in (("en", "1 entry was written before this"), ("zh", "此前已写入 1 条")):
        calls.clear()
        for p in (data / "progress").rglob("*.csv"):
            p.unlink()
        r = CliRunner().invoke(app, ["import", str(sheet), "--data", str(data), "--lang", lang], env=env)
        assert r.exit_code == 1 and "write-failed" in r.output and said in r.output, r.output
        assert "2022-05/区农业农村局.csv" in r.output
    monkeypatch.setattr(writer, "append_rows", real)
    r = CliRunner().invoke(app, ["import", str(sheet), "--data", str(data)], env=env)
    assert r.exit_code == 0 and "imported 1 entry" in r.output and "1 already recorded" in r.output, r.output


def test_a_correction_that_lost_the_race_is_refused_under_the_lock(make_data, monkeypatch) -> None:
    """Another process's correction of the entry lands between our check and our lock: ours
    is refused at that row, not written as a second correction of the same entry."""
    import worktargets.writer as writer

    data = make_data({"2022-06/区农业农村局.csv": HEAD + "m1,2022-06-10,farmland,1,万亩,total,,张三,,,\n"})
    path = data / "progress" / "2022-06" / "区农业农村局.csv"
    real_lock = writer._lock

    def raced(p: Path) -> object:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("c9,2022-06-10,farmland,1.1,万亩,total,,李四,,,m1\n")
        return real_lock(p)

    monkeypatch.setattr(writer, "_lock", raced)
    for args in (["correct", "m1", "1.2万亩"], ["correct", "--withdraw", "m1"]):
        path.write_text(HEAD + "m1,2022-06-10,farmland,1,万亩,total,,张三,,,\n", encoding="utf-8")
        r = CliRunner().invoke(app, [*args, "--data", str(data), "--lang", "zh"], env={"WORKTARGETS_INTERACTIVE": "0"})
        assert r.exit_code == 1, r.output
        assert "区农业农村局.csv:3: entry-already-replaced:" in r.output, r.output
        assert path.read_text(encoding="utf-8").count(",m1\n") == 1  # the other one only


def test_a_report_saved_in_gbk_is_read_like_every_text(make_data) -> None:
    """The report text as Notepad on a Chinese Windows saves it (GBK): read, its sources
    found, covered; it was an internal error (UnicodeDecodeError) in validate and coverage."""
    from conftest import REPORT

    data = make_data()
    (data / "report.txt").write_bytes(REPORT.encode("gbk"))
    for args in (["validate"], ["coverage"], ["status", "--as-of", "2022-06-30"]):
        r = CliRunner().invoke(app, [*args, "--data", str(data)], env={"WORKTARGETS_INTERACTIVE": "0"})
        assert r.exit_code == 0 and r.exception is None, (args, r.output)
