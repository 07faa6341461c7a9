"""Nothing recorded is lost or garbled by the writer (issue 12): disk full, no hard links,
one encoding per file, one stray byte in a UTF-8 file."""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets.cli import app

runner = CliRunner()
OFF = {"WORKTARGETS_INTERACTIVE": "0", "WORKTARGETS_LANG": "en"}
HEADER = "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"
FIRST = "m1,2022-05-31,farmland,1.5,万亩,total,,,,,\n"


def run(args: list[str]):
    return runner.invoke(app, args, env=OFF)


def add(data: Path, value: str = "2万亩", day: str = "2022-06-30", *extra: str):
    return run(["add-progress", "farmland", value, "--date", day, "--data", str(data), *extra])


def test_enospc_mid_write_leaves_no_partial_bytes(make_data, monkeypatch) -> None:
    """The first os.write lands 30 bytes, the next one finds the disk full: the 30 bytes go."""
    data = make_data({"2022-06/区农业农村局.csv": HEADER + FIRST.replace("05-31", "06-01")})
    path = data / "progress" / "2022-06" / "区农业农村局.csv"
    before = path.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def full_disk(fd: int, payload: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(payload[:30]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("worktargets.writer.os.write", full_disk)
    r = add(data)
    monkeypatch.setattr("worktargets.writer.os.write", real_write)
    assert r.exit_code == 1, r.output
    assert "write-failed" in r.stderr and "ENOSPC" in r.stderr
    assert "区农业农村局.csv" in r.stderr  # located: the file it was about
    assert path.read_bytes() == before  # cut back to the byte
    assert run(["validate", "--data", str(data)]).exit_code == 0


def test_enospc_on_a_new_file_leaves_no_file_and_no_folder(make_data, monkeypatch) -> None:
    data = make_data()

    def full_disk(fd: int, payload: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("worktargets.writer.os.write", full_disk)
    r = add(data)
    assert r.exit_code == 1 and "write-failed" in r.stderr
    month = data / "progress" / "2022-06"
    assert not month.exists()  # the month folder this write made is taken back too


def _can_mount() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root to mount a small tmpfs"
    if shutil.which("mount") is None:
        return "no mount command"
    return None


@pytest.mark.skipif(_can_mount() is not None, reason=_can_mount() or "")
def test_real_full_disk_on_a_64k_tmpfs(make_data, tmp_path: Path) -> None:
    """A real disk full (a 64 KiB tmpfs filled up): the ledger keeps its bytes, validate passes."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    got = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if got.returncode != 0:
        pytest.skip(f"mount refused: {got.stderr.strip()}")
    try:
        src = make_data({"2022-06/区农业农村局.csv": HEADER + FIRST.replace("05-31", "06-01")})
        data = mnt / "data"
        shutil.copytree(src, data)
        path = data / "progress" / "2022-06" / "区农业农村局.csv"
        assert add(data, "1.6万亩", "2022-06-02").exit_code == 0  # lock files exist before the disk fills
        before = path.read_bytes()
        fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT)  # fill every last block
        try:
            while os.write(fd, b"\0" * 512) > 0:
                pass
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        r = add(data, "2万亩", "2022-06-30", "--note", "进展" * 2000)  # a row bigger than any free block
        assert r.exit_code == 1, r.output
        assert "write-failed" in r.stderr or "unwritable-file" in r.stderr
        assert path.read_bytes() == before
        (mnt / "filler").unlink()
        assert run(["validate", "--data", str(data)]).exit_code == 0
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


@pytest.mark.parametrize("err", [errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK])
def test_new_file_without_hard_links_is_renamed_into_place(make_data, monkeypatch, err: int) -> None:
    data = make_data()

    def no_links(src: object, dst: object) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr("worktargets.writer.os.link", no_links)
    r = add(data)
    assert r.exit_code == 0, r.output
    month = data / "progress" / "2022-06"
    path = month / "区农业农村局.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [(x["target"], x["value"], x["unit"]) for x in rows] == [("farmland", "2", "万亩")]
    assert sorted(p.name for p in month.iterdir()) == ["区农业农村局.csv"]  # no temporary file left


def test_rename_fallback_never_overwrites_a_file_that_appeared(make_data, monkeypatch) -> None:
    """A clerk's file lands under the name between our look and our link: it is kept and appended to."""
    data = make_data()
    month = data / "progress" / "2022-06"
    path = month / "区农业农村局.csv"

    def no_links_and_a_file_appears(src: object, dst: object) -> None:
        Path(str(dst)).write_text(HEADER + FIRST.replace("05-31", "06-01"), encoding="utf-8")
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("worktargets.writer.os.link", no_links_and_a_file_appears)
    r = add(data)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [x["id"] for x in rows][0] == "m1" and len(rows) == 2  # the clerk's line is still there


def test_gbk_file_gets_a_gbk_line_and_utf8_a_utf8_line(make_data) -> None:
    gbk = (HEADER + "m1,2022-06-01,farmland,1.5,万亩,total,,张三,进展顺利,,\n").encode("gbk")
    data = make_data({"2022-06/区农业农村局.csv": gbk})
    path = data / "progress" / "2022-06" / "区农业农村局.csv"
    assert add(data, "2万亩", "2022-06-30", "--by", "李四", "--note", "新建高标准农田").exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(gbk)
    assert raw[len(gbk):].decode("gbk").split(",")[7:9] == ["李四", "新建高标准农田"]
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # still one encoding: GBK throughout
    utf = data / "progress" / "2022-07" / "区农业农村局.csv"
    utf.parent.mkdir()
    utf.write_text(HEADER + "m2,2022-07-01,farmland,2.1,万亩,total,,张三,进展顺利,,\n", encoding="utf-8")
    assert add(data, "2.2万亩", "2022-07-30", "--by", "李四").exit_code == 0
    assert utf.read_bytes().decode("utf-8").splitlines()[-1].split(",")[7] == "李四"


def test_one_bad_byte_in_a_utf8_file_is_located_not_read_as_gbk(make_data) -> None:
    good = (HEADER + "m1,2022-06-01,farmland,1.5,万亩,total,,张三,进展顺利，完成过半,,\n"
            + "m2,2022-06-02,farmland,1.6,万亩,total,,张三,新建高标准农田进展顺利,,\n").encode("utf-8")
    bad = good.replace("m2,".encode(), b"m2\xff,")
    data = make_data({"2022-06/区农业农村局.csv": bad})
    path = data / "progress" / "2022-06" / "区农业农村局.csv"
    r = run(["validate", "--data", str(data)])
    assert r.exit_code == 1
    assert "bad-utf8-byte" in r.output and "区农业农村局.csv:3" in r.output  # file and line of the byte
    r = add(data)
    assert r.exit_code == 1 and "bad-utf8-byte" in r.stderr
    assert path.read_bytes() == bad  # no GB18030 line appended to a UTF-8 file


def test_gbk_file_is_still_read_as_gbk() -> None:
    from worktargets.textio import decode_bytes

    text = "id,date,target,note\n1,2022-06-30,farmland,区农业农村局新建高标准农田进展顺利\n"
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030")
    with_bad = text.encode("utf-8").replace(b"farmland", b"farm\xfeland")
    with pytest.raises(UnicodeDecodeError):
        decode_bytes(with_bad)


def test_ledger_stays_valid_after_each_refused_write(make_data, monkeypatch) -> None:
    """A run of failures and successes: every acknowledged entry is there, nothing else."""
    data = make_data()
    real_write = os.write
    ok = []
    for i in range(6):
        fail = i % 2 == 1
        if fail:
            monkeypatch.setattr("worktargets.writer.os.write",
                                lambda fd, p: (real_write(fd, bytes(p[:7])), (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))[1])
        else:
            monkeypatch.setattr("worktargets.writer.os.write", real_write)
        r = add(data, f"{2 + i / 10}万亩", f"2022-06-{10 + i:02d}")
        assert r.exit_code == (1 if fail else 0), r.output
        if not fail:
            ok.append(r.stdout.split()[1])
    monkeypatch.setattr("worktargets.writer.os.write", real_write)
    path = data / "progress" / "2022-06" / "区农业农村局.csv"
    assert [x["id"] for x in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))] == ok
    assert run(["validate", "--data", str(data)]).exit_code == 0


def test_subprocess_sees_no_traceback_on_enospc(make_data, tmp_path: Path) -> None:
    """Through the real console entry point: a message, exit 1, no traceback."""
    data = make_data({"2022-06/区农业农村局.csv": HEADER + FIRST.replace("05-31", "06-01")})
    boot = tmp_path / "boot.py"
    boot.write_text(
        "import errno, os, sys\n"
        "import worktargets.writer as w\n"
        "def full(fd, p):\n    raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "w.os = type(sys)('os'); w.os.__dict__.update(os.__dict__); w.os.write = full\n"
        "from worktargets.console import main\n"
        "sys.argv = ['worktargets'] + sys.argv[1:]\nmain()\n", encoding="utf-8")
    env = dict(os.environ, **OFF)
    got = subprocess.run([sys.executable, str(boot), "add-progress", "farmland", "2万亩", "--date", "2022-06-30",
                          "--data", str(data)], capture_output=True, text=True, env=env, timeout=30)
    assert got.returncode == 1, got.stderr
    assert "write-failed" in got.stderr and "Traceback" not in got.stderr


def test_a_write_that_cannot_be_undone_says_how_to_mend_it(make_data, monkeypatch) -> None:
    """Disk full and the cut-back fails too (an I/O error): the message names the size to cut to."""
    data = make_data({"2022-06/区农业农村局.csv": HEADER + FIRST.replace("05-31", "06-01")})
    size = (data / "progress" / "2022-06" / "区农业农村局.csv").stat().st_size
    real_write = os.write
    calls = {"n": 0}

    def full_disk(fd: int, payload: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(payload[:5]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def broken_truncate(fd: int, length: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("worktargets.writer.os.write", full_disk)
    monkeypatch.setattr("worktargets.writer.os.ftruncate", broken_truncate)
    r = add(data)
    assert r.exit_code == 1
    assert "write-not-undone" in r.stderr and str(size) in r.stderr and "区农业农村局.csv" in r.stderr
