"""The validated-catalogue cache: a warm load gives the same catalogue without validating
again; entries of another format or damaged ones are misses, rewritten in this format."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Callable

import pytest

from worktargets import catalogue as catalogue_mod
from worktargets.cli.switches import cache_dir


def load_catalogue(data_dir: Path) -> tuple:
    """catalogue.load_catalogue with the cache folder the CLI's switch names."""
    return catalogue_mod.load_catalogue(data_dir, cache_dir())


@pytest.fixture
def data(make_data: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKTARGETS_CACHE", str(tmp_path / "cache"))
    return make_data()


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = catalogue_mod._load_catalogue

    def spy(data_dir: Path, *rest):  # type: ignore[no-untyped-def]
        calls.append(data_dir)
        return real(data_dir, *rest)

    monkeypatch.setattr(catalogue_mod, "_load_catalogue", spy)
    return calls


def _entry(tmp_path: Path) -> Path:
    (entry,) = (tmp_path / "cache").glob("*.pickle")
    return entry


def test_a_warm_load_is_the_same_catalogue(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    cold = load_catalogue(data)
    warm = load_catalogue(data)
    assert len(calls) == 1
    assert warm[0] == cold[0] and warm[1] == cold[1] and warm[0] is not None
    assert warm[0].targets[0].kind is cold[0].targets[0].kind  # enum members, not copies


def test_an_entry_of_the_old_format_is_ignored(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = load_catalogue(data)
    entry = _entry(tmp_path)
    fmt, report_name, report_digest, result = pickle.loads(entry.read_bytes())
    assert fmt == catalogue_mod._CACHE_FORMAT
    # format 1 held (report name, report digest, result) and frozen dataclasses
    entry.write_bytes(pickle.dumps((report_name, report_digest, result)))
    calls = _spy(monkeypatch)
    assert load_catalogue(data) == cold
    assert len(calls) == 1  # validated again
    assert pickle.loads(entry.read_bytes())[0] == catalogue_mod._CACHE_FORMAT  # and rewritten
    load_catalogue(data)
    assert len(calls) == 1


@pytest.mark.parametrize("junk", [(1, None, None, ("not", "a catalogue")), (2, None, None, "xy"), "xyz", b"\x80"])
def test_a_damaged_entry_is_a_miss(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, junk: object) -> None:
    cold = load_catalogue(data)
    entry = _entry(tmp_path)
    entry.write_bytes(junk if isinstance(junk, bytes) else pickle.dumps(junk))
    calls = _spy(monkeypatch)
    assert load_catalogue(data) == cold
    assert len(calls) == 1


def test_another_format_number_is_a_miss(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_catalogue(data)
    calls = _spy(monkeypatch)
    monkeypatch.setattr(catalogue_mod, "_CACHE_FORMAT", catalogue_mod._CACHE_FORMAT + 1)
    load_catalogue(data)
    assert len(calls) == 1
