"""The ledger's kept state (``ledger/state.py``): a re-run after a few files changed
merges only their targets again, and says exactly what the full read says.

Each edit below is made to a generated ledger whose state is kept; after it, status and
validate with the cache must equal them without any cache, and the test notes whether
the state answered (it must for the edits that leave corrections and ids alone, and must
not where only the full read can tell).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest

from conftest import load_bench, status_and_validate
from worktargets.ledger import byfile, state
from worktargets.ledger.state import FORMAT


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_bench()


@pytest.fixture(autouse=True)
def _cache_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(byfile, "CACHE_BYTES", 0)
    # the cache trusts a file's size and times only once they are 2 s old: here at once
    monkeypatch.setattr("worktargets.ledger.cache._RACY_NS", -10**18)


_run = status_and_validate


class Spy:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[bool] = []
        real = state.fast_load

        def spy(*a, **k):  # type: ignore[no-untyped-def]
            got = real(*a, **k)
            self.answers.append(got is not None)
            return got

        monkeypatch.setattr(state, "fast_load", spy)


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def test_edits_answered_by_the_state_equal_the_full_read(bench, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ds = bench.generate(tmp_path / "g", 20, 2000, shape="mixed")
    data, cache = ds.data, str(tmp_path / "cache")
    files = sorted((data / "progress").rglob("*.csv"))
    rows = {f: _rows(f) for f in files}
    with_corr = [f for f in files if any(r[10] for r in rows[f][1:])]
    plain = [f for f in files if f not in with_corr]
    assert with_corr and len(plain) > 6
    spy = Spy(monkeypatch)
    _run(data, cache, monkeypatch)  # cold: every file read, no state written
    _run(data, cache, monkeypatch)  # from the per-file results: the state written
    answered: dict[str, bool] = {}

    def check(name: str) -> None:
        spy.answers.clear()
        got = _run(data, cache, monkeypatch)
        assert got == _run(data, "off", monkeypatch), name
        answered[name] = spy.answers[0]

    check("nothing changed")
    f = plain[0]
    rows[f][-1][8] = "改了备注"
    _write(f, rows[f])
    check("a note")
    f = plain[1]
    rows[f][1][3] = "7.5万"
    _write(f, rows[f])
    check("a value")
    f = plain[2]
    new = list(rows[f][-1])
    new[0] = "new-entry-1"
    _write(f, rows[f] + [new])
    check("a row added")
    dup = list(rows[f][-1])
    dup[0] = rows[plain[3]][1][0]  # an id of another file
    _write(f, rows[f] + [new, dup])
    check("an id of another file")
    _write(f, rows[f] + [new])
    check("that id taken out again")
    month = data / "progress" / "2022-12"
    month.mkdir(exist_ok=True)
    extra = [rows[plain[4]][0], list(rows[plain[4]][1])]
    extra[1][0] = "new-file-entry"
    extra[1][1] = "2022-12-30"
    _write(month / "新增.csv", extra)
    check("a file added")
    plain[5].unlink()
    check("a file removed")
    f = with_corr[0]
    i = next(k for k, r in enumerate(rows[f]) if k and not r[10])
    rows[f][i][8] = "另一条备注"
    _write(f, rows[f])
    check("a file holding a correction, a note")
    f = plain[6]
    victim = next(r for r in rows[f][1:] if r[0] and r[5] == "total")
    fix = list(victim)
    fix[0], fix[10] = "fix-1", victim[0]
    _write(f, rows[f] + [fix])
    check("a correction added")
    check("after the correction, nothing changed")
    t = rows[plain[7]][1][2]
    _write(plain[7], rows[plain[7]] + [["tot-1", "2022-12-31", t, "1", "", "total", "", "", "", "", ""]])
    check("a total of a target")
    assert answered == {
        "nothing changed": True, "a note": True, "a value": True, "a row added": True,
        "an id of another file": False, "that id taken out again": True, "a file added": True,
        "a file removed": True, "a file holding a correction, a note": True, "a correction added": False,
        "after the correction, nothing changed": True, "a total of a target": answered["a total of a target"],
    }
    assert '"duplicate-entry-id"' not in _run(data, cache, monkeypatch)


def test_a_damaged_or_foreign_state_is_not_used(bench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = bench.generate(tmp_path / "g", 20, 1500, shape="increments")
    cache = tmp_path / "cache"
    spy = Spy(monkeypatch)
    _run(ds.data, str(cache), monkeypatch)
    plain = _run(ds.data, str(cache), monkeypatch)
    (kept,) = (cache / "ledger").glob("state-*.bin")
    raw = kept.read_bytes()
    for damage in (raw[:len(raw) // 2], raw.replace(b'"v":%d' % FORMAT, b'"v":9', 1), b"not a state",
                   raw.replace(b'"progress":{', b'"progress":{"x":[1,2],', 1)):
        kept.write_bytes(damage)
        spy.answers.clear()
        assert _run(ds.data, str(cache), monkeypatch) == plain
        assert spy.answers[0] is False
    spy.answers.clear()
    assert _run(ds.data, str(cache), monkeypatch) == plain  # written again by the full read
    assert spy.answers[0] is True
    (keys,) = (cache / "ledger").glob("keys-*.bin")
    whole = keys.read_bytes()
    keys.write_bytes(whole[:-8])  # the sorted id keys cut short: not the keys the state names
    first = sorted((ds.data / "progress").rglob("*.csv"))[0]
    # the same entries (their ids as they were): the keys are not read, and need not be
    first.write_text(first.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    plain = _run(ds.data, "off", monkeypatch)
    spy.answers.clear()
    assert _run(ds.data, str(cache), monkeypatch) == plain
    assert spy.answers[0] is True
    # an entry with a new id: its key is counted against the damaged keys, so the full read
    lines = first.read_text(encoding="utf-8").splitlines(keepends=True)
    first.write_text("".join(lines) + lines[-1].replace(lines[-1].split(",")[0], "brand-new-id", 1), encoding="utf-8")
    plain = _run(ds.data, "off", monkeypatch)
    spy.answers.clear()
    assert _run(ds.data, str(cache), monkeypatch) == plain
    assert spy.answers[0] is False
    # the shared parts cut short, then gone (another process's full read replaced them)
    spy.answers.clear()
    assert _run(ds.data, str(cache), monkeypatch) == plain  # the full read: a new state and parts
    (parts,) = (cache / "ledger").glob("parts-*.bin")
    before = parts.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines(keepends=True)
    first.write_text("".join(lines[:-1]) + lines[-1].replace(lines[-1].split(",")[1], "2022-12-30", 1),
                     encoding="utf-8")  # a date changed: a file's days change, so its targets are merged again
    plain = _run(ds.data, "off", monkeypatch)
    spy.answers.clear()
    assert _run(ds.data, str(cache), monkeypatch) == plain
    assert spy.answers[0] is True and parts.read_bytes() == before  # the change is written in the state alone
    last_file = sorted((ds.data / "progress").rglob("*.csv"))[-1]  # its targets' days are in the shared parts
    for damage in ("cut", "flipped", "gone"):
        last_file.write_text(last_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        if damage == "cut":
            parts.write_bytes(before[:-10])
        elif damage == "flipped":  # the same size, one figure changed in place
            parts.write_bytes(re.sub(rb"\d", lambda m: b"9" if m.group() != b"9" else b"8", before, count=1))
        else:
            parts.unlink()
        spy.answers.clear()
        assert _run(ds.data, str(cache), monkeypatch) == plain
        assert spy.answers[0] is False
        (parts,) = (cache / "ledger").glob("parts-*.bin")
        before = parts.read_bytes()
    # another catalogue (a target's unit changed): another stamp, the full read
    cat = ds.data / "targets.yaml"
    text = cat.read_text(encoding="utf-8")

    changed = re.sub(r"(target: [\d.]+)万元", r"\1亿元", text, count=1)
    assert changed != text
    cat.write_text(changed, encoding="utf-8")
    spy.answers.clear()
    assert _run(ds.data, str(cache), monkeypatch) == _run(ds.data, "off", monkeypatch)
    assert spy.answers[0] is False


def test_an_as_of_date_before_the_last_entry_takes_the_full_read(bench, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ds = bench.generate(tmp_path / "g", 20, 1500, shape="totals")
    cache = str(tmp_path / "cache")
    spy = Spy(monkeypatch)
    _run(ds.data, cache, monkeypatch)
    _run(ds.data, cache, monkeypatch)
    spy.answers.clear()
    got = _run(ds.data, cache, monkeypatch, "--as-of", "2022-06-30")
    assert got == _run(ds.data, "off", monkeypatch, "--as-of", "2022-06-30")
    assert spy.answers[0] is False
    assert json.loads(got.split("\n", 1)[1].split("\n\n")[0])["as_of"] == "2022-06-30"


def test_id_keys_are_the_same_in_every_process() -> None:
    """Python's hash of a str differs from process to process; the kept keys must not."""
    import subprocess

    code = "from worktargets.ledger.rows import id_keys; print(id_keys('e1\\n统计-2022-06-01\\n\\nx'))"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2", "random")}
    assert len(outs) == 1
    from worktargets.ledger.rows import id_keys

    keys = id_keys("e1\ne2\ne1")
    assert keys[0] == keys[2] != keys[1] and all(0 <= k < 1 << 64 for k in keys)
