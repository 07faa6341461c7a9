"""The parse cache of yamlsafe.load_yaml: keyed by content, path and code; never trusted
when damaged; an edited file is always parsed again."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worktargets import yamlsafe
from worktargets.cli import app
from worktargets.cli.switches import cache_dir
from worktargets.yamlsafe import YList, YMap


def load_yaml(text: str, path: str) -> tuple[object, list]:
    """yamlsafe.load_yaml with the cache folder the CLI's switch names."""
    return yamlsafe.load_yaml(text, path, cache_dir())

TEXT = "- {id: b1, date: 2022-06-20, target: reservoir, stage: 已申请验收}\n- {date: 2022-06-30, target: hogs, value: 3万头}\n"
BAD = "a: 1\na: 2\nb: &x [1]\nc: *x\nd: !!python/object:os.system x\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKTARGETS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "yaml"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.pickle")) if cache.exists() else []


def no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, path: str) -> None:
        raise AssertionError("parsed although the cache holds this text")

    monkeypatch.setattr(yamlsafe, "_parse", refuse)


def same(a: object, b: object) -> bool:
    """Equal values, and equal lines on every mapping and list."""
    if isinstance(a, YMap):
        return (isinstance(b, YMap) and a.line == b.line and a.key_lines == b.key_lines and a.keys() == b.keys()
                and all(same(a[k], b[k]) for k in a))
    if isinstance(a, YList):
        return (isinstance(b, YList) and a.line == b.line and a.item_lines == b.item_lines and len(a) == len(b)
                and all(same(x, y) for x, y in zip(a, b)))
    return type(a) is type(b) and a == b


def test_a_second_parse_of_the_same_text_comes_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_yaml(TEXT, "progress/a.yaml")
    assert len(entries(cache)) == 1
    no_parse(monkeypatch)
    again = load_yaml(TEXT, "progress/a.yaml")
    assert same(again[0], first[0]) and again[1] == first[1] == []
    assert again[0] is not first[0]  # a fresh copy each time: callers may keep or change it


def test_problems_and_lines_survive_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_yaml(BAD, "x.yaml")
    assert {p.code for p in first[1]} == {"yaml-duplicate-key", "yaml-alias", "yaml-tag"}
    empty = load_yaml("# only a comment\n", "empty.yaml")
    broken = load_yaml("a: [1, 2\n", "broken.yaml")
    assert [p.code for p in empty[1]] == ["file-empty"] and [p.code for p in broken[1]] == ["yaml-syntax"]
    no_parse(monkeypatch)
    again = load_yaml(BAD, "x.yaml")
    assert same(again[0], first[0]) and again[1] == first[1]
    assert load_yaml("# only a comment\n", "empty.yaml") == empty
    assert load_yaml("a: [1, 2\n", "broken.yaml") == broken


def test_an_edited_file_is_parsed_again(cache: Path) -> None:
    doc, _ = load_yaml(TEXT, "a.yaml")
    changed, _ = load_yaml(TEXT.replace("3万头", "4万头"), "a.yaml")
    assert doc[1]["value"] == "3万头" and changed[1]["value"] == "4万头"
    assert len(entries(cache)) == 2


def test_the_path_is_part_of_the_key(cache: Path) -> None:
    _doc, here = load_yaml(BAD, "one.yaml")
    _doc, there = load_yaml(BAD, "two.yaml")
    assert {p.path for p in here} == {"one.yaml"} and {p.path for p in there} == {"two.yaml"}


def test_a_changed_validator_is_a_miss(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_yaml(TEXT, "a.yaml")
    monkeypatch.setattr(yamlsafe, "_stamp", "another version of yamlsafe.py")
    calls = []
    real = yamlsafe._parse
    monkeypatch.setattr(yamlsafe, "_parse", lambda text, path: calls.append(path) or real(text, path))
    load_yaml(TEXT, "a.yaml")
    assert calls == ["a.yaml"]


@pytest.mark.parametrize("damage", [
    b"",
    b"not a pickle at all",
    pickle.dumps("a string, not a (document, problems) pair"),
    pickle.dumps((None, ["not a problem"])),
    pickle.dumps((1, 2, 3)),
])
def test_a_damaged_entry_is_ignored_and_replaced(cache: Path, damage: bytes) -> None:
    first = load_yaml(TEXT, "a.yaml")
    [entry] = entries(cache)
    entry.write_bytes(damage)
    again = load_yaml(TEXT, "a.yaml")
    assert same(again[0], first[0]) and again[1] == []
    assert pickle.loads(entry.read_bytes())[1] == []  # rewritten with the real result


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKTARGETS_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    doc, problems = load_yaml(TEXT, "a.yaml")
    assert doc[0]["id"] == "b1" and not problems
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_costs_only_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("WORKTARGETS_CACHE", str(blocker))
    doc, problems = load_yaml(TEXT, "a.yaml")
    assert doc[1]["target"] == "hogs" and not problems


def test_status_sees_an_edited_yaml_ledger(make_data, cache: Path) -> None:
    data = make_data({"2022-06/b.yaml": "- {date: 2022-06-30, target: hogs, value: 20万头}\n"})
    run = lambda: json.loads(CliRunner().invoke(  # noqa: E731
        app, ["status", "--data", str(data), "--as-of", "2022-06-30", "-f", "json"]).stdout)
    assert {t["id"]: t["actual"] for t in run()["targets"]}["hogs"] == 20
    assert {t["id"]: t["actual"] for t in run()["targets"]}["hogs"] == 20  # warm
    (data / "progress" / "2022-06" / "b.yaml").write_text(
        "- {date: 2022-06-30, target: hogs, value: 26万头}\n", encoding="utf-8")
    assert {t["id"]: t["actual"] for t in run()["targets"]}["hogs"] == 26


def test_a_warm_status_does_not_import_pyyaml(make_data, tmp_path: Path) -> None:
    data = make_data({"2022-06/b.yaml": "- {date: 2022-06-30, target: hogs, value: 20万头}\n"})
    code = (
        "import sys\nfrom worktargets.cli import main\n"
        f"sys.argv = ['worktargets', 'status', '--data', {str(data)!r}, '--as-of', '2022-06-30']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('yaml loaded: %s\\n' % ('yaml' in sys.modules))\n"
    )
    env = dict(os.environ, WORKTARGETS_CACHE=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env) for _ in range(2)]
    assert "hogs" in runs[1].stdout or "生猪" in runs[1].stdout
    assert runs[0].stderr.splitlines()[-1] == "yaml loaded: True"  # cold: parsed
    assert runs[1].stderr.splitlines()[-1] == "yaml loaded: False"  # warm: catalogue and ledger cached
