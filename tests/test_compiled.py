"""The compiled (mypyc) and interpreted runs of the same source give the same output.

setup.py compiles progress.py, ledger/rows.py and quantity.py where it can; this runs each command
over the demo and over a generated ledger once as installed and once from a copy of the
source without the compiled modules, and compares the bytes.
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, load_bench

SRC = ROOT / "src"
COMPILED = sorted(SRC.rglob("*.so")) + sorted(SRC.rglob("*.pyd"))

pytestmark = pytest.mark.skipif(not COMPILED, reason="this install is interpreted: nothing to compare")


def _run(args: list[str], pythonpath: str | None) -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "WORKTARGETS_LANG"))}
    env.update(NO_COLOR="1", COLUMNS="100", LANG="C.UTF-8")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
        env["PYTHONNOUSERSITE"] = "1"
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)) if sys.argv[1] else sys.argv.pop(1);"
            "from worktargets.cli import main; main()")
    out = subprocess.run([sys.executable, "-c", code, pythonpath or "", *args], capture_output=True, env=env,
                         timeout=120)
    assert out.returncode in (0, 1), out.stderr.decode()
    return out.stdout + b"\n--stderr--\n" + out.stderr


@pytest.fixture(scope="module")
def interpreted(tmp_path_factory: pytest.TempPathFactory) -> str:
    copy = tmp_path_factory.mktemp("interpreted") / "src"
    shutil.copytree(SRC / "worktargets", copy / "worktargets",
                    ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"))
    # its bytecode once, here: where PYTHONDONTWRITEBYTECODE is set each run compiled it again
    assert compileall.compile_dir(str(copy), quiet=1)
    probe = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                            "import worktargets.progress as p; print(p.__file__)", str(copy)],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip().endswith(".py")
    return str(copy)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated ledger, only read by the commands below."""
    return load_bench().generate(tmp_path_factory.mktemp("generated"), 60, 6000, shape="mixed").data


@pytest.mark.parametrize("command", [
    ["status", "--format", "json", "--as-of", "2022-06-30"],
    ["status", "--as-of", "2022-09-30"],
    ["validate"],
    ["gaps", "--format", "json", "--as-of", "2022-06-30"],
    ["forecast", "--format", "json", "--as-of", "2022-06-30"],
    ["bulletin", "--period", "2022-06", "--format", "json"],
])
def test_demo_same_output(command: list[str], interpreted: str) -> None:
    args = [*command, "--data", str(ROOT / "examples" / "demo")]
    assert _run(args, None) == _run(args, interpreted)


@pytest.mark.parametrize("command", [["status", "--format", "json", "--as-of", "2022-12-31"], ["validate"],
                                     ["owners", "--format", "json", "--as-of", "2022-08-31"]])
def test_generated_ledger_same_output(command: list[str], interpreted: str, generated: Path) -> None:
    args = [*command, "--data", str(generated)]
    assert _run(args, None) == _run(args, interpreted)


def test_version_says_when_a_compiled_module_is_older_than_its_source(tmp_path, monkeypatch):
    """An editable install pulled without building again runs old code: --version (and an
    internal error) say so."""
    import sys
    import types

    from worktargets.cli import stale_compiled

    built = tmp_path / "rows.cpython-311-x86_64-linux-gnu.so"
    source = tmp_path / "rows.py"
    built.write_bytes(b"")
    source.write_text("")
    import os

    os.utime(built, (1_000_000, 1_000_000))
    monkeypatch.setitem(sys.modules, "fake_rows", types.SimpleNamespace(__file__=str(built)))
    assert stale_compiled(("fake_rows",)) == ["fake_rows"]
    os.utime(built, None)
    os.utime(source, (1_000_000, 1_000_000))
    assert stale_compiled(("fake_rows",)) == []
