"""Every bad input: a clear problem with file, line and field; exit 1; never a traceback or hang."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINI_CATALOGUE
from worktargets.cli import app

runner = CliRunner()


def validate(data: Path) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    doc = json.loads(result.stdout)
    return result.exit_code, doc["problems"]


def places(problems: list[dict[str, object]]) -> list[tuple[str, object, object]]:
    return [(p["code"], Path(str(p["path"])).name, p["line"]) for p in problems]


def test_clean_data_validates(make_data) -> None:
    code, problems = validate(make_data({"2022-06/a.csv": "date,target,value\n2022-06-30,farmland,2.1万亩\n"}))
    assert (code, problems) == (0, [])


def test_all_ledger_problems_in_one_pass(make_data) -> None:
    data = make_data({
        "2022-06/区农业农村局.csv": (
            "id,date,target,value,basis\n"
            "a1,2022-06-30,farmland,2.1万亩,total\n"
            "a2,2022-06-31,farmland,2.2万亩,total\n"      # bad date
            "a3,2021-12-31,farmland,1万亩,total\n"        # outside plan year
            "a4,2022-06-30,farmlnad,1万亩,total\n"        # unknown target
            "a5,2022-06-30,farmland,3万头,total\n"        # wrong unit family
            "a6,2022-06-30,farmland,3万担,total\n"        # unknown unit
            "a1,2022-06-30,hogs,3万头,total\n"            # duplicate entry id
            "a8,2022-06-30,hogs,3万头,sometimes\n"        # bad basis
            "a9,2022-06-30,hogs,,total\n"                 # missing value
            "b1,2022-06-30,reservoir,,\n"                 # milestone without stage
        ),
        "2022-06/b.yaml": "- {date: 2022-06-30, target: reservoir, stage: 竣工}\n",
    })
    code, problems = validate(data)
    assert code == 1
    assert places(problems) == [
        ("unknown-stage", "b.yaml", 1),
        ("bad-date", "区农业农村局.csv", 3),
        ("date-outside-year", "区农业农村局.csv", 4),
        ("unknown-target", "区农业农村局.csv", 5),
        ("unit-mismatch", "区农业农村局.csv", 6),
        ("unknown-unit", "区农业农村局.csv", 7),
        ("duplicate-entry-id", "区农业农村局.csv", 8),
        ("bad-basis", "区农业农村局.csv", 9),
        ("missing-value", "区农业农村局.csv", 10),
        ("missing-stage", "区农业农村局.csv", 11),
    ]
    fields = [p["field"] for p in problems]
    assert fields[:4] == ["stage", "date", "date", "target"]


def test_catalogue_problems_all_reported(make_data) -> None:
    bad = MINI_CATALOGUE.replace("target: 3.6万亩", "target: 3.6万担").replace(
        "  - id: hogs\n", "  - id: farmland\n"
    ).replace("    kind: growth\n", "    kind: speed\n")
    code, problems = validate(make_data(catalogue=bad))
    assert code == 1
    codes = {(p["code"], p["field"]) for p in problems}
    assert ("unknown-unit", "target") in codes
    assert ("duplicate-id", "id") in codes
    assert ("bad-value", "kind") in codes
    for p in problems:
        assert p["line"] is not None and p["path"].endswith("targets.yaml")


def test_wrong_types_and_missing_fields(make_data) -> None:
    bad = MINI_CATALOGUE.replace("    owner: 区水利局\n", "    stretch: maybe\n").replace("  year: 2022\n", "  year: 2022\n  colour: red\n")
    code, problems = validate(make_data(catalogue=bad))
    assert code == 1
    assert ("unknown-field", "plan.colour") in {(p["code"], p["field"]) for p in problems}


def test_malformed_yaml_has_a_line(make_data) -> None:
    code, problems = validate(make_data(catalogue="plan:\n  title: x\n  year: [2022\ntargets: []\n"))
    assert code == 1
    assert problems[0]["code"] == "yaml-syntax" and problems[0]["line"] >= 3


def test_empty_files(make_data) -> None:
    code, problems = validate(make_data(catalogue=""))
    assert (code, places(problems)) == (1, [("file-empty", "targets.yaml", None)])
    code, problems = validate(make_data({"2022-06/a.csv": ""}, name="d2"))
    assert (code, places(problems)) == (1, [("file-empty", "a.csv", None)])


def test_python_tags_are_refused(make_data, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = MINI_CATALOGUE + f"extra: !!python/object/apply:os.system ['touch {marker}']\n"
    code, problems = validate(make_data(catalogue=evil))
    assert code == 1 and problems[0]["code"] == "yaml-tag"
    assert not marker.exists()
    ledger = "- !!python/object/apply:os.system ['true']\n"
    code, problems = validate(make_data({"2022-06/a.yaml": ledger}, name="d2"))
    assert code == 1 and places(problems) == [("yaml-tag", "a.yaml", 1)]


def test_alias_bomb_is_refused_quickly(make_data) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i-1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    bomb = MINI_CATALOGUE + "\n".join(lines) + "\n"
    start = time.perf_counter()
    code, problems = validate(make_data(catalogue=bomb))
    assert time.perf_counter() - start < 5
    assert code == 1 and "yaml-alias" in {p["code"] for p in problems}


def test_ten_megabyte_line(make_data) -> None:
    huge = "date,target,value,note\n2022-06-30,farmland,1万亩," + "x" * 10_000_000 + "\n"
    code, problems = validate(make_data({"2022-06/a.csv": huge}))
    assert code == 1 and places(problems) == [("line-too-long", "a.csv", 2)]
    code, problems = validate(make_data(catalogue=MINI_CATALOGUE + "# " + "y" * 10_000_000 + "\n", name="d2"))
    assert code == 1 and problems[0]["code"] == "line-too-long"


def test_binary_garbage(make_data) -> None:
    garbage = bytes(range(256)) * 64
    code, problems = validate(make_data({"2022-06/a.csv": garbage}))
    assert (code, places(problems)) == (1, [("file-binary", "a.csv", None)])
    code, problems = validate(make_data({"2022-06/b.yaml": b"\x89PNG\r\n\x1a\n" + bytes(200)}, name="d2"))
    assert problems[0]["code"] == "file-binary"


def test_gbk_and_bom_csv_are_valid(make_data) -> None:
    gbk = "日期,指标编号,数值,口径,填报人\n2022-06-30,farmland,2.1万亩,累计,张三\n".encode("gbk")
    bom = "\ufeffdate,target,value\n2022-06-30,hogs,26万头\n".encode("utf-8")
    data = make_data({"2022-06/a.csv": gbk, "2022-06/b.csv": bom})
    assert validate(data) == (0, [])
    result = runner.invoke(app, ["status", "--data", str(data), "--as-of", "2022-06-30", "--format", "json"])
    rows = {t["id"]: t for t in json.loads(result.stdout)["targets"]}
    assert rows["farmland"]["actual"] == 2.1 and rows["hogs"]["actual"] == 26


def test_stray_files_in_the_ledger(make_data) -> None:
    data = make_data({"2022-06/a.xlsx": b"PK\x03\x04", "README.md": "docs are fine\n"})
    code, problems = validate(data)
    assert (code, places(problems)) == (1, [("unknown-file-type", "a.xlsx", None)])


def test_no_traceback_from_a_real_process(make_data) -> None:
    data = make_data({"2022-06/a.csv": bytes(range(256))})
    proc = subprocess.run(
        [sys.executable, "-m", "worktargets", "status", "--data", str(data), "--lang", "zh"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "a.csv" in proc.stderr and "file-binary" in proc.stderr


@pytest.mark.parametrize("args", [["status", "--as-of", "yesterday"], ["status", "--format", "pdf"], ["status", "--lang", "fr"],
                                  ["status", "--state", "late"], ["show", "no-such-target"]])
def test_usage_errors_exit_2(make_data, args: list[str]) -> None:
    data = make_data()
    result = runner.invoke(app, args + ["--data", str(data)])
    assert result.exit_code == 2, result.output
    assert "usage error" in result.stderr or "Usage" in result.stderr


def test_missing_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_corrections_must_name_an_entry_of_the_same_target(make_data) -> None:
    data = make_data({"2022-06/a.csv": (
        "id,date,target,value,replaces\n"
        "e1,2022-06-30,farmland,1万亩,\n"
        "e2,2022-06-30,hogs,20万头,\n"
        "e3,2022-06-30,hogs,21万头,e1\n"      # e1 is farmland's
        "e4,2022-06-30,hogs,22万头,e9\n"      # no such entry
    )})
    code, problems = validate(data)
    assert code == 1
    assert places(problems) == [("replaces-other-target", "a.csv", 4), ("unknown-replaces", "a.csv", 5)]
    assert "farmland" in problems[0]["message"]
