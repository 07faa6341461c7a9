"""Issue 13 / issue 12: one ``-o FILE`` / ``-o -`` on every report command, outputs that
never land on the data folder's own files, never half-written, with located messages for
folders, missing parents and read-only disks; CSV with a BOM in files and Chinese headers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from worktargets.cli import app

runner = CliRunner()
DEMO = ROOT / "examples" / "demo"
AS_OF = ["--as-of", "2022-06-30"]

# every command that writes a report: (arguments before the output option, takes --as-of)
REPORTS = {
    "status": (["status"], True),
    "gaps": (["gaps"], True),
    "overdue": (["overdue"], True),
    "forecast": (["forecast"], True),
    "owners": (["owners"], True),
    "snails": (["snails"], True),
    "bulletin": (["bulletin", "--period", "2022-06", "-f", "markdown"], False),
    "show": (["show", "investment"], True),
    "coverage": (["coverage"], False),
    "validate": (["validate"], False),
    "schema": (["schema"], False),
    "template": (["template", "--owner", "区水利局", "--period", "2022-06", "-f", "csv"], False),
    "diff": (["diff", "--from", "2022-05-31", "--to", "2022-06-30"], False),
}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo data folder (so a bad write could only hurt the copy)."""
    dest = tmp_path / "demo"
    shutil.copytree(DEMO, dest)
    return dest


def args_for(name: str, data: Path) -> list[str]:
    base, as_of = REPORTS[name]
    extra = [] if name == "schema" else ["--data", str(data)]
    return [*base, *extra, *(AS_OF if as_of else []), "--lang", "en"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_command_writes_o_file_and_o_dash_is_stdout(name: str, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / f"{name}.txt"  # the folder does not exist yet: it is created
    r = runner.invoke(app, [*args_for(name, demo), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.is_file() and out.stat().st_size > 0
    written = out.read_bytes()
    r2 = runner.invoke(app, [*args_for(name, demo), "-o", "-"])
    assert r2.exit_code == 0, r2.output
    body = written[3:] if written.startswith(b"\xef\xbb\xbf") else written
    if name == "template":  # the same sheet; the CSV in the file has Excel's BOM and CRLF
        assert r2.stdout_bytes.lstrip(b"\xef\xbb\xbf") == body
    else:
        assert r2.stdout_bytes == body
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]  # no temp file left


@pytest.mark.parametrize("name", ["status", "gaps", "bulletin", "validate", "template"])
@pytest.mark.parametrize("victim", ["targets.yaml", "progress/2022-06/区农业农村局.csv", "progress/2022-09/new.csv",
                                    "report/000_c85690718b8d28de.txt"])
def test_outputs_never_overwrite_the_data_folder(name: str, victim: str, demo: Path) -> None:
    before = snapshot(demo)
    r = runner.invoke(app, [*args_for(name, demo), "-o", str(demo / victim)])
    assert r.exit_code == 1, r.output
    assert "output-in-data-folder" in r.stderr and str(Path(victim).name) in r.stderr
    assert "Traceback" not in r.output and "internal error" not in r.stderr
    assert snapshot(demo) == before


def test_symlinks_and_dotdot_into_the_data_folder_are_refused(demo: Path, tmp_path: Path) -> None:
    before = snapshot(demo)
    link = tmp_path / "innocent.csv"
    link.symlink_to(demo / "targets.yaml")
    dirlink = tmp_path / "ledger"
    dirlink.symlink_to(demo / "progress")
    spellings = [str(link), str(dirlink / "2022-06" / "区水利局.yaml"),
                 str(demo / "progress" / ".." / "targets.yaml"), str(tmp_path / "x" / ".." / "demo" / "targets.yaml")]
    for path in spellings:
        r = runner.invoke(app, ["status", "--data", str(demo), *AS_OF, "-f", "csv", "-o", path])
        assert r.exit_code == 1, (path, r.output)
        assert "output-in-data-folder" in r.stderr
    assert snapshot(demo) == before
    assert link.is_symlink()


def test_the_catalogue_cache_is_refused(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("WORKTARGETS_CACHE", str(cache))
    assert runner.invoke(app, ["status", "--data", str(demo), *AS_OF]).exit_code == 0
    (entry,) = list(cache.glob("*.pickle"))
    r = runner.invoke(app, ["status", "--data", str(demo), *AS_OF, "-f", "json", "-o", str(entry)])
    assert r.exit_code == 1 and "output-in-data-folder" in r.stderr


def test_a_new_file_beside_the_catalogue_is_allowed(demo: Path) -> None:
    # a data repository keeps its reports too: only the files worktargets reads are refused
    r = runner.invoke(app, ["status", "--data", str(demo), *AS_OF, "-f", "markdown", "-o", str(demo / "status.md")])
    assert r.exit_code == 0, r.output
    assert (demo / "status.md").read_text(encoding="utf-8").startswith("#")


def test_a_folder_as_output_is_a_message(demo: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["gaps", "--data", str(demo), *AS_OF, "-o", str(tmp_path)])
    assert r.exit_code == 1 and "output-is-directory" in r.stderr and str(tmp_path.name) in r.stderr


def test_a_parent_that_cannot_be_created_is_a_message(demo: Path, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    r = runner.invoke(app, ["gaps", "--data", str(demo), *AS_OF, "-o", str(tmp_path / "afile" / "sub" / "g.csv")])
    assert r.exit_code == 1, r.output
    assert "output-folder-missing" in r.stderr and "afile" in r.stderr
    assert "internal error" not in r.stderr


def test_messages_are_in_the_users_language(demo: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["status", "--data", str(demo), *AS_OF, "--lang", "zh", "-o", str(tmp_path)])
    assert r.exit_code == 1 and "输出路径是一个文件夹" in r.stderr and "错误" in r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file; the read-only tmpfs test covers root")
def test_an_unwritable_file_is_a_message(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ro.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o444)
    r = runner.invoke(app, ["gaps", "--data", str(demo), *AS_OF, "-f", "csv", "-o", str(out)])
    assert r.exit_code == 1 and "output-unwritable" in r.stderr
    assert out.read_text(encoding="utf-8") == "old"


@pytest.fixture
def readonly_dir(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A read-only tmpfs holding one file (root only: mount needs it)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a read-only tmpfs needs root and mount(8)")
    mnt = tmp_path / "ro"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("this machine does not allow mounting a tmpfs here")
    try:
        (mnt / "old.csv").write_text("old\n", encoding="utf-8")
        (mnt / "sub").mkdir()
        if subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True).returncode:
            pytest.skip("cannot remount the tmpfs read-only")
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_read_only_file_system_is_a_message_not_a_crash(readonly_dir: Path, demo: Path, fmt: str) -> None:
    cmd = ["bulletin", "--period", "2022-06", "-f", fmt] if fmt == "xlsx" else ["gaps", "-f", "csv"]
    for target in (readonly_dir / "old.csv", readonly_dir / "new.out", readonly_dir / "sub" / "deeper" / "x.out"):
        r = runner.invoke(app, [*cmd, "--data", str(demo), *AS_OF, "--lang", "en", "-o", str(target)])
        assert r.exit_code == 1, (target, r.output)
        assert "output-unwritable" in r.stderr or "output-folder-missing" in r.stderr
        assert "read-only file system" in r.stderr
        assert "internal error" not in r.stderr and "Traceback" not in r.output
    assert (readonly_dir / "old.csv").read_text(encoding="utf-8") == "old\n"
    # the real process too: exit 1 and a message, never a traceback
    run = subprocess.run([sys.executable, "-m", "worktargets", "gaps", "--data", str(demo), *AS_OF, "--lang", "zh",
                          "-o", str(readonly_dir / "p.txt")], capture_output=True, text=True)
    assert run.returncode == 1 and "只读文件系统" in run.stderr and "Traceback" not in run.stderr


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(demo: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import worktargets.render.bulletin_xlsx as bx

    out = tmp_path / "b.xlsx"
    out.write_bytes(b"the old bulletin")

    def half_then_fail(bulletin, path, lang):  # type: ignore[no-untyped-def]
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bx, "write_bulletin_xlsx", half_then_fail)
    r = runner.invoke(app, ["bulletin", "--data", str(demo), "--period", "2022-06", "-f", "xlsx", "-o", str(out)])
    assert r.exit_code == 1 and "output-unwritable" in r.stderr and "no space left" in r.stderr
    assert out.read_bytes() == b"the old bulletin"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["b.xlsx"]


def test_an_existing_file_keeps_its_permissions(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o640)
    assert runner.invoke(app, ["gaps", "--data", str(demo), *AS_OF, "-f", "json", "-o", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640 and out.read_text(encoding="utf-8").startswith("{")


# ---------------------------------------------------------------- CSV for Excel

CSV_COMMANDS = ["status", "gaps", "overdue", "forecast", "owners", "snails", "bulletin", "diff"]


def csv_args(name: str, data: Path, lang: str) -> list[str]:
    if name == "bulletin":
        return ["bulletin", "--period", "2022-06", "--data", str(data), "-f", "csv", "--lang", lang]
    if name == "diff":
        return ["diff", "--from", "2022-05-31", "--to", "2022-06-30", "--data", str(data), "-f", "csv", "--lang", lang]
    return [name, "--data", str(data), *AS_OF, "-f", "csv", "--lang", lang]


@pytest.mark.parametrize("name", CSV_COMMANDS)
def test_csv_has_a_bom_in_files_and_on_stdout_only_with_bom(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.csv"
    assert runner.invoke(app, [*csv_args(name, DEMO, "en"), "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and not out.read_bytes().startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    plain = runner.invoke(app, csv_args(name, DEMO, "en"))
    assert plain.exit_code == 0 and not plain.stdout_bytes.startswith(b"\xef\xbb\xbf")
    bom = runner.invoke(app, [*csv_args(name, DEMO, "en"), "--bom"])
    assert bom.stdout_bytes == b"\xef\xbb\xbf" + plain.stdout_bytes


@pytest.mark.parametrize("name", CSV_COMMANDS)
def test_csv_headers_are_chinese_under_zh(name: str) -> None:
    import csv
    import io
    import re

    zh = runner.invoke(app, csv_args(name, DEMO, "zh"))
    en = runner.invoke(app, csv_args(name, DEMO, "en"))
    assert zh.exit_code == 0 and en.exit_code == 0
    zh_head = next(csv.reader(io.StringIO(zh.stdout)))
    en_head = next(csv.reader(io.StringIO(en.stdout)))
    assert len(zh_head) == len(en_head)
    english = [h for h in zh_head if not re.search(r"[\u4e00-\u9fff]", h)]
    assert not english, f"{name}: English columns under --lang zh: {english}"
    assert zh.stdout.split("\n", 1)[1] != "" and len(zh.stdout.splitlines()) == len(en.stdout.splitlines())


def test_csv_opens_in_chinese_excel_as_utf8(tmp_path: Path) -> None:
    out = tmp_path / "进度.csv"
    assert runner.invoke(app, [*csv_args("status", DEMO, "zh"), "-o", str(out)]).exit_code == 0
    text = out.read_bytes().decode("utf-8-sig")  # Excel: a BOM means UTF-8
    assert text.startswith("编号,目标任务") and "区农业农村局" in text


def test_the_config_file_is_refused(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "worktargets.toml").write_text('data = "demo"\nas_of = "2022-06-30"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["status", "-f", "json", "-o", "worktargets.toml"])
    assert r.exit_code == 1 and "output-in-data-folder" in r.stderr
    assert (tmp_path / "worktargets.toml").read_text(encoding="utf-8").startswith("data =")
