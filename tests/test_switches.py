"""The environment switches are read in the CLI only (cli/switches.py) and passed down."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from worktargets.cli import app
from worktargets.cli.switches import cache_dir, jobs, read_options

SRC = ROOT / "src" / "worktargets"
# terminal and platform questions, not switches of the core: the language of messages,
# colour and width of the terminal, where the system's fonts are
ALLOWED = {"langs.py", "render/plain.py", "render/chart_png.py"}


def _reads_environ(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv")
                and isinstance(node.value, ast.Name) and node.value.id == "os")]


def test_only_the_cli_reads_the_environment() -> None:
    offenders = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("cli/") or rel in ALLOWED:
            continue
        lines = _reads_environ(path)
        if lines:
            offenders[rel] = lines
    assert offenders == {}


def test_the_cache_folder_switch() -> None:
    assert cache_dir({"WORKTARGETS_CACHE": "/x/c"}) == Path("/x/c")
    for off in ("off", "OFF", "0", "no", ""):
        assert cache_dir({"WORKTARGETS_CACHE": off, "XDG_CACHE_HOME": "/x"}) is None
    assert cache_dir({"XDG_CACHE_HOME": "/x"}) == Path("/x/worktargets")
    assert cache_dir({"HOME": "/h"}) is not None


def test_the_jobs_switch() -> None:
    assert jobs({}) is None and jobs({"WORKTARGETS_JOBS": "auto"}) is None
    assert jobs({"WORKTARGETS_JOBS": "1"}) == 1 and jobs({"WORKTARGETS_JOBS": "2"}) == 2
    assert jobs({"WORKTARGETS_JOBS": "9"}) == 2 and jobs({"WORKTARGETS_JOBS": "0"}) == 1
    assert jobs({"WORKTARGETS_JOBS": "many"}) is None


def test_an_unreadable_jobs_value_is_said(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    assert jobs({"WORKTARGETS_JOBS": "many\x1b"}) is None
    err = capsys.readouterr().err
    assert "WORKTARGETS_JOBS=many\\x1b" in err and "auto" in err and "\x1b" not in err
    opts = read_options({"WORKTARGETS_JOBS": "1", "WORKTARGETS_CACHE": "/c"})
    assert opts.jobs == 1 and opts.cache == Path("/c")


def test_cache_off_writes_no_cache(make_data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data({"2022-06/b.yaml": "- {date: 2022-06-30, target: hogs, value: 20万头}\n"})
    monkeypatch.setenv("WORKTARGETS_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    out = CliRunner().invoke(app, ["status", "--data", str(data), "--as-of", "2022-06-30", "-f", "json"])
    assert out.exit_code == 0, out.output
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_the_cache_folder_is_the_switch(make_data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data({"2022-06/b.yaml": "- {date: 2022-06-30, target: hogs, value: 20万头}\n"})
    monkeypatch.setenv("WORKTARGETS_CACHE", str(tmp_path / "mine"))
    out = CliRunner().invoke(app, ["status", "--data", str(data), "--as-of", "2022-06-30", "-f", "json"])
    assert out.exit_code == 0, out.output
    assert list((tmp_path / "mine" / "yaml").glob("*.pickle"))  # the YAML ledger file's parse
    assert list((tmp_path / "mine").glob("*.pickle"))  # the catalogue


def test_a_pickle_others_could_write_is_not_loaded(make_data, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from worktargets import catalogue as catalogue_mod

    data = make_data()
    cache = tmp_path / "own"
    cold = catalogue_mod.load_catalogue(data, cache)
    (entry,) = cache.glob("*.pickle")
    assert cache.stat().st_mode & 0o077 == 0  # made for this user only
    calls: list[Path] = []
    real = catalogue_mod._load_catalogue
    monkeypatch.setattr(catalogue_mod, "_load_catalogue", lambda d, *rest: calls.append(d) or real(d, *rest))
    assert catalogue_mod.load_catalogue(data, cache) == cold and calls == []  # trusted: its own
    entry.chmod(0o666)
    assert catalogue_mod.load_catalogue(data, cache) == cold and len(calls) == 1  # writable by others: not loaded
    entry.chmod(0o600)
    cache.chmod(0o777)
    assert catalogue_mod.load_catalogue(data, cache) == cold and len(calls) == 2
