"""The ledger cache (ledger/cache.py, ledger/byfile.py): each file's read result kept as
JSON by content. Output is byte-identical with and without it, after any change to the
ledger; a damaged or foreign entry is read again, never trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_bench, status_and_validate
from worktargets.ledger import byfile
from worktargets.ledger.cache import FORMAT

HEADER = "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_bench()


@pytest.fixture(autouse=True)
def _cache_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache is used from the first byte here (by default only for ledgers of 1 MB on)."""
    monkeypatch.setattr(byfile, "CACHE_BYTES", 0)


_run = status_and_validate


def _same(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> str:
    """status and validate with the cache (twice: cold or partly warm, then warm) equal them without it."""
    plain = _run(data, "off", monkeypatch, *extra)
    first = _run(data, str(tmp_path / "cache"), monkeypatch, *extra)
    again = _run(data, str(tmp_path / "cache"), monkeypatch, *extra)
    assert first == plain and again == plain
    return plain


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = byfile._read_one

    def spy(reader, file, *rest):  # type: ignore[no-untyped-def]
        seen.append(file.name)
        return real(reader, file, *rest)

    monkeypatch.setattr(byfile, "_read_one", spy)
    return seen


@pytest.mark.parametrize("shape", ["mixed", "totals", "increments"])
def test_cold_warm_and_changed_are_byte_identical(bench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  shape: str) -> None:
    ds = bench.generate(tmp_path / "g", 20, 2000, shape=shape)
    _same(ds.data, tmp_path, monkeypatch)
    _same(ds.data, tmp_path, monkeypatch, "--as-of", "2022-06-15")  # files on both sides of the date
    files = sorted((ds.data / "progress").rglob("*.csv"))
    # one month's file changed: only that file is read again
    lines = files[3].read_text(encoding="utf-8").splitlines(keepends=True)
    files[3].write_text("".join(lines[:-5]), encoding="utf-8")
    real = byfile._read_one
    reads = _count_reads(monkeypatch)
    _run(ds.data, str(tmp_path / "cache"), monkeypatch)
    assert reads == [files[3].name]
    monkeypatch.setattr(byfile, "_read_one", real)
    _same(ds.data, tmp_path, monkeypatch)
    files[5].unlink()  # a file removed
    _same(ds.data, tmp_path, monkeypatch)


def test_a_correction_in_another_file_and_a_duplicate_id(make_data, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data({"2022-05/a.csv": HEADER + "a1,2022-05-10,farmland,1万亩,,total,,,,,\n"
                                                "a2,2022-05-20,hogs,3万头,,add,,,,,\n"
                                                ",2022-05-21,hogs,2万头,,add,,,,,\n",
                      "2022-06/b.csv": HEADER + "b1,2022-06-10,farmland,2万亩,,total,,,,,\n"})
    before = _same(data, tmp_path, monkeypatch)
    b = data / "progress" / "2022-06" / "b.csv"
    b.write_text(b.read_text(encoding="utf-8") + "b2,2022-06-11,hogs,5万头,,add,,,,,a2\n"
                 "b3,2022-06-12,hogs,,,withdraw,,,,,2022-05/a.csv:4\n", encoding="utf-8")
    after = _same(data, tmp_path, monkeypatch)
    assert after != before
    hogs = {t["id"]: t for t in json.loads(after.split("\n", 1)[1].split("\n\n")[0])["targets"]}["hogs"]
    assert hogs["actual"] == 5  # a2 replaced by b2, the unnamed row of a.csv withdrawn
    # an id of the cached a.csv used again in a new file
    (data / "progress" / "2022-07").mkdir()
    (data / "progress" / "2022-07" / "c.csv").write_text(HEADER + "a1,2022-07-01,farmland,3万亩,,total,,,,,\n",
                                                         encoding="utf-8")
    out = _same(data, tmp_path, monkeypatch)
    assert '"duplicate-entry-id"' in out and "2022-07/c.csv" in out


def test_a_total_inside_another_files_run_of_increments(make_data, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data({"2022-06/a.csv": HEADER + "a1,2022-06-01,hogs,1万头,,add,,,,,\n"
                                                "a2,2022-06-20,hogs,2万头,,add,,,,,\n",
                      "2022-06/b.csv": HEADER + "b1,2022-06-10,hogs,10万头,,total,,,,,\n"})
    out = _same(data, tmp_path, monkeypatch)
    hogs = {t["id"]: t for t in json.loads(out.split("\n", 1)[1].split("\n\n")[0])["targets"]}["hogs"]
    assert hogs["actual"] == 12  # the total of the 10th plus the increment of the 20th


def _entries(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "cache" / "ledger").glob("*.json") if not p.name.startswith(("index", "folder-"))]


@pytest.mark.parametrize("damage", ["bad json", "wrong key", "wrong version", "wrong shape", "wrong days"])
def test_a_tampered_entry_is_ignored(make_data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     damage: str) -> None:
    data = make_data({"2022-05/a.csv": HEADER + "a1,2022-05-10,farmland,1万亩,,total,,,,,\n"
                                                "a2,2022-05-20,hogs,3万头,,add,,,,,\n"
                                                "a3,2022-05-21,hogs,2万头,,add,,,,,\n"})
    plain = _same(data, tmp_path, monkeypatch)
    (entry,) = _entries(tmp_path)
    doc = json.loads(entry.read_text(encoding="utf-8"))
    if damage == "bad json":
        entry.write_text('{"v": 1, "key": ', encoding="utf-8")
    else:
        if damage == "wrong key":
            doc["key"] = "0" * 64
        elif damage == "wrong version":
            doc["v"] = 999
        elif damage == "wrong shape":
            doc["data"]["problems"] = [["x"]]
        else:
            tid = next(iter(doc["data"]["days"]))
            doc["data"]["days"][tid][0][1] = "many"  # a count that is not a number
        entry.write_text(json.dumps(doc), encoding="utf-8")
    assert _run(data, str(tmp_path / "cache"), monkeypatch) == plain
    assert _run(data, str(tmp_path / "cache"), monkeypatch) == plain
    fresh = [json.loads(p.read_text(encoding="utf-8")) for p in _entries(tmp_path)]
    assert any(d.get("v") == FORMAT and d["data"]["rows"] == 3 for d in fresh)  # rebuilt


def test_a_small_ledger_is_not_cached(make_data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data({"2022-05/a.csv": HEADER + "a1,2022-05-10,farmland,1万亩,,total,,,,,\n"})
    monkeypatch.setattr(byfile, "CACHE_BYTES", 1 << 20)
    _run(data, str(tmp_path / "cache"), monkeypatch)
    assert not (tmp_path / "cache" / "ledger").exists()


def test_cache_off_writes_no_ledger_entries(make_data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data({"2022-05/a.csv": HEADER + "a1,2022-05-10,farmland,1万亩,,total,,,,,\n"})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _run(data, "off", monkeypatch)
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "cache").exists()
    _run(data, str(tmp_path / "cache"), monkeypatch)
    assert len(_entries(tmp_path)) == 1


def test_corrections_are_left_out_in_the_first_read(make_data, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The ids that later files replace are guessed before reading (prescan), so a cold
    read reads each file once; the result equals the one-pass read's."""
    data = make_data({"2022-05/a.csv": HEADER + "a1,2022-05-10,hogs,3万头,,add,,,,,\n"
                                                "a2,2022-05-20,hogs,2万头,,add,,,,,\n"
                                                ",2022-05-21,hogs,4万头,,add,,,,,\n",
                      "2022-06/b.csv": HEADER + "b1,2022-06-11,hogs,5万头,,add,,,,,a2\n"
                                                "b2,2022-06-12,hogs,,,withdraw,,,,,2022-05/a.csv:4\n"})
    out = _same(data, tmp_path, monkeypatch)
    hogs = {t["id"]: t for t in json.loads(out.split("\n", 1)[1].split("\n\n")[0])["targets"]}["hogs"]
    assert hogs["actual"] == 8  # a1 3 + b1 5: a2 replaced, the unnamed row withdrawn
    seen = _count_reads(monkeypatch)
    assert _run(data, str(tmp_path / "cold"), monkeypatch) == out
    assert seen == ["a.csv", "b.csv"]  # status, cold: each file once; validate, warm: none


def test_a_wrong_guess_is_read_again(make_data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad correction row names an id in ``replaces`` (the guess leaves it out); the pass
    finds the row bad, so the file is read again with the entry kept."""
    data = make_data({"2022-05/a.csv": HEADER + "a1,2022-05-10,hogs,3万头,,add,,,,,\n"
                                                "a2,2022-05-20,hogs,2万头,,add,,,,,\n",
                      "2022-06/b.csv": HEADER + "b1,2022-06-11,hogs,abc,,add,,,,,a2\n"})
    out = _same(data, tmp_path, monkeypatch)
    assert "b.csv" in out and "a2" not in out.split('"problems"')[0]
    seen = _count_reads(monkeypatch)
    assert _run(data, str(tmp_path / "cold"), monkeypatch) == out
    assert seen == ["a.csv", "b.csv", "a.csv"]  # once with the guess, once again with a2 kept
    from worktargets.ledger.read import load_progress
    from worktargets.catalogue import load_catalogue

    monkeypatch.setenv("WORKTARGETS_CACHE", "off")
    catalogue, _problems = load_catalogue(data)
    progress, _scan = load_progress(catalogue, data, None)
    tp = progress.targets["hogs"]
    assert (tp.value, tp.count) == (5, 2)  # a1 and a2 both count (万头), the bad row not at all
