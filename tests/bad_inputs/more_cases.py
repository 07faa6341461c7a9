"""The corpus's second half (issue 12, "go further"): files that validate and status read
(ledger CSV/YAML, targets.yaml), hostile names and folders, more XLSX oddities, usage errors,
and the process scenarios (SIGKILL, concurrent importers, full and read-only disks).

Called by make_corpus.py, which owns the manifest; ``case`` and the XLSX helpers come from it.
Every file here is made up for the corpus: no real department's data.
"""

from __future__ import annotations

import json
from typing import Any, Callable

HEAD = "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"
ROW = "m1,2022-06-10,farmland,1.5,万亩,total,,张三,进展顺利,,\n"


def build(case: Callable[..., Any], workbook: Callable[..., bytes], edit_parts: Callable[..., bytes],
          zip_parts: Callable[..., bytes], saved: Callable[..., bytes], catalogue: str) -> None:
    """Write every case of this half into cases/ (through ``case``, which lists it)."""
    read_cases(case)
    catalogue_cases(case, catalogue)
    tree_cases(case)
    xlsx_cases(case, workbook, edit_parts, zip_parts, saved)
    usage_cases(case)
    scenario_cases(case)


# -- ledger files read by validate and status ---------------------------------------------


def read_cases(case: Callable[..., Any]) -> None:
    """``read CMD``: the file's bytes become progress/2022-06/区农业农村局.<suffix>; CMD reads it."""
    def c(name: str, body: str | bytes, code: str, line: object = "-", field: str = "-", cmd: str = "validate",
          encoding: str = "utf-8") -> None:
        raw = body if isinstance(body, bytes) else body.encode(encoding)
        case(name, f"read {cmd}", 1, code, line, field).write_bytes(raw)

    c("read_bom_in_the_middle.csv", HEAD + "m1,2022-06-10,farm\ufeffland,1.5,万亩,total,,张三,,,\n", "unknown-target", 2, "target")
    c("read_nul_byte.csv", HEAD + "m1,2022-06-10,farmland,1.5,万亩,total,,张\x00三,,,\n", "file-binary")
    c("read_crlf_mixed.csv", HEAD.replace("\n", "\r\n") + ROW + "m2,2022-06-11,farmland,约两万,万亩,total,,,,,\r\n",
      "bad-number", 3, "value")
    c("read_lone_cr_rows.csv", HEAD + ROW.rstrip("\n") + "\rm2,2022-06-11,farmland,x,万亩,total,,,,,\n", "bad-number", 3, "value")
    c("read_gbk_invalid_byte.csv", (HEAD + "m1,2022-06-10,farmland,1.5,万亩,total,,张三,进展顺利,,\n").encode("gbk")
      + b"m2,2022-06-11,farmland,1.6,\x81\x20,total,,,,,\n", "bad-encoding", 3)
    c("read_header_typo.csv", "id,date,traget,value\nm1,2022-06-10,farmland,1.5万亩\n", "bad-header", 1, "traget")
    c("read_duplicate_column.csv", "id,date,target,value,value\nm1,2022-06-10,farmland,1万亩,2万亩\n", "bad-header", 1, "value")
    c("read_unknown_column.csv", "id,date,target,value,colour\nm1,2022-06-10,farmland,1万亩,red\n", "bad-header", 1, "colour")
    c("read_no_column_names.csv", ",,,\n1,2,3,4\n", "missing-column", 1)
    c("read_feb_30.csv", HEAD + ROW.replace("2022-06-10", "2022-02-30"), "bad-date", 2, "date", cmd="status")
    c("read_date_with_time.csv", HEAD + ROW.replace("2022-06-10", "2022-06-10T10:00"), "bad-date", 2, "date")
    c("read_date_last_year.csv", HEAD + ROW.replace("2022-06-10", "2021-12-31"), "date-outside-year", 2, "date", cmd="status")
    c("read_value_with_two_units.csv", HEAD + ROW.replace("1.5,万亩", "1.5万亩,万头"), "two-units", 2, "value")
    c("read_value_unit_doubled.csv", "id,date,target,value\nm1,2022-06-10,farmland,1万亩亩\n", "unknown-unit", 2, "value")
    c("read_fullwidth_garbage.csv", "id,date,target,value\nm1,2022-06-10,farmland,１，２，３万亩\n", "unknown-unit", 2, "value")
    c("read_fullwidth_too_many_digits.csv", "id,date,target,value\nm1,2022-06-10,farmland," + "１" * 30 + "\n",
      "number-out-of-range", 2, "value", cmd="status")
    c("read_negative_total.csv", HEAD + ROW.replace("1.5,", "-1.5,"), "bad-value", 2, "value")
    c("read_percent_against_mu.csv", HEAD + ROW.replace("1.5,万亩", "50%,"), "unit-mismatch", 2, "value")
    c("read_unknown_target.csv", HEAD + ROW.replace("farmland", "nosuch"), "unknown-target", 2, "target", cmd="status")
    c("read_empty_target.csv", HEAD + ROW.replace("farmland", ""), "missing-field", 2, "target")
    c("read_duplicate_id.csv", HEAD + ROW + ROW.replace("06-10", "06-11"), "duplicate-entry-id", 3, "id")
    c("read_replaces_unknown.csv", HEAD + ROW.rstrip(",\n") + ",,nope\n", "unknown-replaces", 2, "replaces")
    # one entry corrected by two rows: both would stand (an increment counted twice)
    c("read_replaced_twice.csv", HEAD + ROW + "m2,2022-06-11,farmland,1.6,万亩,total,,张三,改,,m1\n"
      "m3,2022-06-12,farmland,1.7,万亩,total,,李四,又改,,m1\n", "replaced-twice", 4, "replaces")
    c("read_replaces_itself.csv", HEAD + ROW.rstrip(",\n") + ",,m1\n", "correction-cycle", 2)
    c("read_wrong_column_count.csv", HEAD + ROW.rstrip("\n") + ",,,extra\n", "bad-row", 2)
    c("read_unterminated_quote.csv", HEAD + ROW.replace("进展顺利", '"进展顺利') + ROW.replace("m1", "m2"), "unterminated-quote", 2)
    c("read_utf8_bad_byte.csv", (HEAD + ROW + ROW.replace("m1", "m2")).encode().replace(b"m2,", b"m2\xc3,"), "bad-utf8-byte", 3,
      cmd="status")
    c("read_20mb_single_line.csv", HEAD + ROW.rstrip(",\n") + "," + "@@PAD:20000000@@" + ",\n", "line-too-long", 2)
    c("read_empty_file.csv", "", "file-empty")
    c("read_milestone_without_stage.csv", HEAD + "m1,2022-06-10,reservoir,,,,,张三,,,\n", "missing-stage", 2, "stage")
    # YAML ledgers
    c("read_yaml_a_mapping.yaml", "date: 2022-06-10\ntarget: farmland\nvalue: 1.5万亩\n", "not-a-list", 1)
    c("read_yaml_item_a_scalar.yaml", "- 2022-06-10\n", "not-a-mapping", 1)
    c("read_yaml_item_a_list.yaml", "- [2022-06-10, farmland, 1.5万亩]\n", "not-a-mapping", 1)
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(f"{k}: &{k} [{', '.join(['*' + p] * 9)}]\n"
                                                  for p, k in zip("abcdefgh", "bcdefghi"))
    c("read_yaml_alias_bomb.yaml", bomb, "yaml-alias", 1)
    c("read_yaml_deep_nesting.yaml", "- " + "[" * 5000 + "]" * 5000 + "\n", "yaml-syntax", 1)
    c("read_yaml_deep_mapping.yaml", "- " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", "yaml-syntax", 1)
    c("read_yaml_20mb_line.yaml", "- {date: 2022-06-10, target: farmland, value: 1.5万亩, note: " + "@@PAD:20000000@@" + "}\n",
      "line-too-long", 1)
    c("read_yaml_duplicate_key.yaml", "- {date: 2022-06-10, target: farmland, target: hogs, value: 1.5万亩}\n",
      "yaml-duplicate-key", 1)
    c("read_yaml_unknown_field.yaml", "- {date: 2022-06-10, target: farmland, value: 1.5万亩, colour: red}\n",
      "unknown-field", 1, "colour")
    c("read_yaml_tab_indent.yaml", "-\tdate: 2022-06-10\n", "yaml-syntax", 1)
    c("read_yaml_python_tag.yaml", "- !!python/object/apply:os.system ['true']\n", "yaml-tag", 1, cmd="status")
    c("read_yaml_value_a_list.yaml", "- {date: 2022-06-10, target: farmland, value: [1, 2]}\n", "bad-number", 1, "value")
    c("read_yaml_value_boolean.yaml", "- {date: 2022-06-10, target: farmland, value: yes}\n", "bad-number", 1, "value")
    c("read_yaml_value_infinite.yaml", "- {date: 2022-06-10, target: farmland, value: .inf}\n", "bad-number", 1, "value")
    c("read_yaml_date_an_integer.yaml", "- {date: 20220610, target: farmland, value: 1.5万亩}\n", "bad-date", 1, "date")
    c("read_yaml_target_null.yaml", "- {date: 2022-06-10, target: null, value: 1.5万亩}\n", "missing-field", 1, "target")
    c("read_yaml_empty.yaml", "", "file-empty")
    c("read_yaml_gbk.yaml", "- {date: 2022-06-10, target: 农田, value: 1.5万亩}\n", "unknown-target", 1, "target",
      encoding="gbk")


# -- targets.yaml ---------------------------------------------------------------------------


def catalogue_cases(case: Callable[..., Any], cat: str) -> None:
    """``catalogue CMD``: the file's bytes become targets.yaml; CMD (validate, status) reads it."""
    def c(name: str, text: str | bytes, code: str, line: object = "-", field: str = "-", cmd: str = "validate") -> None:
        case(name, f"catalogue {cmd}", 1, code, line, field).write_bytes(text if isinstance(text, bytes) else text.encode())

    def sub(old: str, new: str, count: int = 1) -> str:
        assert old in cat, old
        return cat.replace(old, new, count)

    c("cat_duplicate_key.yaml", sub("    owner: 区水利局\n", "    owner: 区水利局\n    owner: 区农业农村局\n"), "yaml-duplicate-key", 43)
    c("cat_tab_indent.yaml", sub("  - id: hogs\n    title", "  - id: hogs\n\ttitle"), "yaml-syntax", 15)
    c("cat_unknown_field.yaml", sub("    owner: 区水利局\n", "    owner: 区水利局\n    colour: red\n"), "unknown-field", 43, "colour")
    c("cat_parent_cycle.yaml", sub("    owner: 区发展和改革局\n", "    owner: 区发展和改革局\n    parent: grants-projects\n"),
      "parent-cycle", 52, "parent", cmd="status")
    c("cat_parent_is_itself.yaml", sub("    kind: milestone\n", "    kind: milestone\n    parent: reservoir\n"),
      "parent-cycle", 36, "parent")
    c("cat_unknown_parent.yaml", sub("    parent: grants\n", "    parent: grnats\n"), "unknown-parent", 60, "parent")
    c("cat_parent_unit_clash.yaml", sub("    target: 16亿元\n", "    target: 16万亩\n"), "unit-mismatch", 60, "parent")
    c("cat_due_outside_year.yaml", sub("    target: 52万头\n", "    target: 52万头\n    due: 2023-03-31\n"),
      "date-outside-year", 20, "due")
    c("cat_due_feb_30.yaml", sub("    target: 52万头\n", "    target: 52万头\n    due: 2022-02-30\n"), "yaml-syntax", 20)
    c("cat_negative_target.yaml", sub("target: 52万头", "target: -52万头"), "negative-target", 19, "target")
    c("cat_growth_in_mu.yaml", sub("    target: 10%\n", "    target: 10万亩\n"), "unit-mismatch", 34, "target")
    c("cat_target_unknown_unit.yaml", sub("target: 52万头", "target: 52万担"), "unknown-unit", 19, "target")
    c("cat_target_two_units.yaml", sub("target: 52万头", "target: 52万头亩"), "unknown-unit", 19, "target")
    c("cat_target_too_large.yaml", sub("target: 52万头", "target: 1" + "0" * 40 + "万头"), "number-out-of-range", 19, "target")
    c("cat_title_with_escape.yaml", sub("title: 生猪出栏", 'title: "生猪\\e[31m出栏"'), "control-characters", 15, "title")
    c("cat_owner_with_bell.yaml", sub("owner: 区水利局", 'owner: "区水利\\a局"'), "control-characters", 42, "owner")
    c("cat_id_with_control.yaml", sub("id: hogs", 'id: "ho\\x07gs"'), "bad-value", 14, "id", cmd="status")
    c("cat_id_path.yaml", sub("id: hogs", "id: ../hogs"), "bad-value", 14, "id")
    c("cat_duplicate_id.yaml", sub("  - id: hogs\n", "  - id: farmland\n"), "duplicate-id", 14, "id")
    c("cat_kind_unknown.yaml", sub("kind: milestone", "kind: 里程碑"), "bad-value", 40, "kind")
    c("cat_stages_repeat.yaml", sub("stages: [未启动, 已申请验收, 已验收]", "stages: [未启动, 未启动]"), "bad-value", 41, "stages")
    c("cat_year_in_words.yaml", sub("year: 2022", "year: 二〇二二"), "bad-value", 4, "plan.year")
    c("cat_targets_a_mapping.yaml", cat.split("targets:")[0] + "targets:\n  farmland: {title: x}\n", "bad-value", 6, "targets")
    c("cat_top_level_list.yaml", "- plan\n- targets\n", "not-a-mapping", 1)
    c("cat_target_item_null.yaml", cat + "  - \n", "not-a-mapping", 69, "targets[8]")
    c("cat_source_not_in_report.yaml", sub("source: 生猪出栏52万头以上", "source: 不在报告里的话"), "source-not-in-report", 14, "source")
    c("cat_empty.yaml", "", "file-empty", cmd="status")
    c("cat_only_comments.yaml", "# 目标任务分解表\n# 待填\n", "file-empty")
    bomb = "".join(f"x{i}: &x{i} [{', '.join(['*x' + str(i - 1)] * 9 if i else ['1'] * 9)}]\n" for i in range(9))
    c("cat_yaml_bomb.yaml", cat + bomb, "yaml-alias", 69)
    c("cat_python_tag.yaml", cat + "extra: !!python/object/apply:os.system ['true']\n", "yaml-tag", 69)
    c("cat_deep_nesting.yaml", cat + "z: " + "[" * 3000 + "]" * 3000 + "\n", "yaml-syntax", 69)
    c("cat_20mb_comment.yaml", cat + "# " + "@@PAD:20000000@@" + "\n", "line-too-long", 69)
    c("cat_nul_byte.yaml", sub("title: 生猪出栏", "title: 生猪\x00出栏"), "file-binary")
    c("cat_utf16.yaml", cat.encode("utf-16"), "file-binary")


# -- hostile names, folders where files belong and files where folders belong ----------------


def tree_cases(case: Callable[..., Any]) -> None:
    """``tree``: a JSON description of a data folder's oddities and the command to run on it.

    ``files`` (path -> text, "@ledger" for a ledger with one bad row), ``dirs``, ``fifos``,
    ``devices`` (path -> [major, minor]: needs root, else the case is skipped), ``raw`` (path ->
    bytes in hex), ``links``
    (path -> where it points, "{data}" and "{tmp}" replaced), ``unlink`` (paths removed
    from the mini data folder), ``argv`` ("{data}", "{tmp}" replaced), ``shown`` (what
    the message must name) and ``lang_from_env`` (no --lang: the language from the environment)."""
    def t(name: str, spec: dict[str, Any], exit_code: int, code: str, line: object = "-", field: str = "-") -> None:
        case(name, "tree", exit_code, code, line, field).write_text(
            json.dumps(spec, ensure_ascii=True, indent=1) + "\n", encoding="utf-8")

    v = ["validate"]
    m = "progress/2022-06/"
    for tag, fname in [("bell", "区农业\x07农村局.csv"), ("escape", "\x1b[31m区农业农村局.csv"), ("newline", "区农业\n农村局.csv"),
                       ("bidi", "\u202e区农业农村局.csv"), ("dash", "-rf.csv"), ("dots", "a..b.csv"),
                       ("255_bytes", "农" * 83 + "x.csv"), ("upper_suffix", "区农业农村局.CSV")]:
        t(f"tree_name_{tag}.json", {"files": {m + fname: "@ledger"}, "argv": v, "shown": "2022-06/"}, 1, "bad-number", 2, "value")
    t("tree_name_300_bytes_data.json", {"argv": ["validate", "--data", "{tmp}/" + "数" * 100]}, 2, "usage")
    t("tree_import_300_byte_name.json", {"argv": ["import", "{tmp}/" + "表" * 100 + ".xlsx"]}, 2, "usage")
    t("tree_import_a_folder.json", {"dirs": ["sheet.xlsx"], "argv": ["import", "{data}/sheet.xlsx"]}, 2, "usage")
    t("tree_import_dev_null.json", {"argv": ["import", "/dev/null"]}, 2, "usage")
    t("tree_data_with_dotdot.json", {"argv": ["validate", "--data", "{tmp}/nowhere/../../x"]}, 2, "usage")
    t("tree_ledger_name_is_a_folder.json", {"dirs": [m + "区水利局.csv"], "argv": v, "shown": "区水利局.csv"}, 1, "ledger-not-a-file")
    t("tree_ledger_is_a_fifo.json", {"fifos": [m + "区水利局.csv"], "argv": v, "shown": "区水利局.csv"}, 1, "ledger-not-a-file")
    t("tree_month_is_a_file.json", {"files": {"progress/2022-06": "x\n"}, "argv": v, "shown": "2022-06"}, 1, "unknown-file-type")
    t("tree_month_is_a_file_add.json", {"files": {"progress/2022-06": "x\n"},
                                         "argv": ["add-progress", "farmland", "2万亩", "--date", "2022-06-30"],
                                         "shown": "区农业农村局.csv"}, 1, "unwritable-file")
    t("tree_progress_is_a_file.json", {"unlink": ["progress"], "files": {"progress": "x\n"}, "argv": v, "shown": "progress"},
      1, "progress-not-a-folder")
    t("tree_progress_is_a_file_add.json", {"unlink": ["progress"], "files": {"progress": "x\n"},
                                            "argv": ["add-progress", "farmland", "2万亩", "--date", "2022-06-30"],
                                            "shown": "区农业农村局.csv"}, 1, "unwritable-file")
    t("tree_targets_is_a_folder.json", {"unlink": ["targets.yaml"], "dirs": ["targets.yaml"], "argv": ["status"],
                                         "shown": "targets.yaml"}, 1, "file-unreadable")
    t("tree_targets_missing.json", {"unlink": ["targets.yaml"], "argv": v, "shown": "targets.yaml"}, 1, "file-missing")
    t("tree_targets_dangling_link.json", {"unlink": ["targets.yaml"], "links": {"targets.yaml": "{data}/gone.yaml"},
                                           "argv": v, "shown": "targets.yaml"}, 1, "file-missing")
    t("tree_report_is_a_folder.json", {"unlink": ["report.txt"], "dirs": ["report.txt"], "argv": v, "shown": "targets.yaml"},
      1, "report-missing", 5, "plan.source_file")
    report = "新建高标准农田3.6万亩，生猪出栏52万头以上。\n".encode()
    for tag, raw, code, line in [("binary", b"\x89PNG\r\n\x1a\n" + bytes(64), "file-binary", "-"), ("empty", b"", "file-empty", "-"),
                                 ("utf8_bad_byte", report + report[:-4] + b"\xff\n", "bad-utf8-byte", 2)]:
        t(f"tree_report_{tag}.json", {"raw": {"report.txt": raw.hex()}, "argv": ["status", "--as-of", "2022-06-30"],
                                      "shown": "report.txt"}, 1, code, line)
    for tag, text, code, line in [("syntax", "lang = \n", "config-syntax", 1), ("unknown_key", "lang = 'zh'\ncolour = 'red'\n",
                                   "config-unknown-key", 2), ("bad_lang", "# CI\nlang = 'fr'\n", "config-bad-lang", 2),
                                  ("data_a_number", "data = 5\n", "config-bad-value", 1), ("nul", "lang = 'zh'\x00\n", "config-syntax", 1)]:
        t(f"tree_config_{tag}.json", {"files": {"worktargets.toml": text}, "argv": ["status", "--as-of", "2022-06-30"],
                                      "shown": "worktargets.toml", "lang_from_env": True}, 1, code, line)
    t("tree_config_gbk.json", {"raw": {"worktargets.toml": "data = '数据'\n".encode("gbk").hex()}, "argv": v,
                               "shown": "worktargets.toml", "lang_from_env": True}, 1, "config-unreadable")
    sheet = "指标编号,统计截至日期,累计完成\nfarmland,2022-06-30,2\nnosuch,2022-06-30,1\n"
    t("tree_rejects_path_is_a_folder.json", {"files": {"{tmp}/s.csv": sheet}, "dirs": ["{tmp}/s.rejects.csv"],
                                             "argv": ["import", "{tmp}/s.csv", "--skip-bad"], "shown": "s.rejects.csv"},
      1, "output-is-directory")
    t("tree_rejects_link_onto_targets.json", {"files": {"{tmp}/s.csv": sheet}, "links": {"{tmp}/s.rejects.csv": "{data}/targets.yaml"},
                                              "argv": ["import", "{tmp}/s.csv", "--skip-bad"], "shown": "s.rejects.csv"},
      1, "output-in-data-folder")
    add = ["add-progress", "farmland", "2万亩", "--date", "2022-06-30"]
    t("tree_ledger_is_a_link_to_targets_add.json", {"links": {m + "区农业农村局.csv": "{data}/targets.yaml"}, "argv": add,
                                                    "shown": "区农业农村局.csv"}, 1, "ledger-is-link")
    t("tree_ledger_is_a_link_to_targets_import.json", {"links": {m + "区农业农村局.csv": "{data}/targets.yaml"},
                                                       "files": {"{tmp}/s.csv": "指标编号,统计截至日期,累计完成\nfarmland,2022-06-30,2\n"},
                                                       "argv": ["import", "{tmp}/s.csv"], "shown": "区农业农村局.csv"}, 1, "ledger-is-link")
    t("tree_month_folder_links_out_add.json", {"dirs": ["{tmp}/out"], "links": {"progress/2022-06": "{tmp}/out"}, "argv": add,
                                               "shown": "2022-06"}, 1, "ledger-is-link")
    t("tree_ledger_link_outside.json", {"files": {"{tmp}/secret.csv": "TOP-SECRET\n"}, "links": {m + "x.csv": "{tmp}/secret.csv"},
                                         "argv": v, "shown": "x.csv", "never": "TOP-SECRET"}, 1, "ledger-link")
    t("tree_ledger_link_loop.json", {"links": {m + "a.csv": "{data}/" + m + "b.csv", m + "b.csv": "{data}/" + m + "a.csv"},
                                      "argv": v, "shown": "a.csv"}, 1, "ledger-link")
    t("tree_linked_month_folder.json", {"dirs": ["{tmp}/elsewhere"], "links": {"progress/2022-07": "{tmp}/elsewhere"},
                                         "argv": v, "shown": "2022-07"}, 1, "ledger-link")
    t("tree_output_onto_the_ledger.json", {"files": {m + "区农业农村局.csv": HEAD + ROW},
                                            "argv": ["bulletin", "--as-of", "2022-06-30", "-o", "{data}/" + m + "区农业农村局.csv"],
                                            "shown": "区农业农村局.csv"}, 1, "output-in-data-folder")
    t("tree_output_onto_targets.json", {"argv": ["template", "--owner", "区农业农村局", "--period", "2022-06", "-o", "{data}/targets.yaml"], "shown": "targets.yaml"},
      1, "output-in-data-folder")
    t("tree_output_300_byte_name.json", {"argv": ["status", "--as-of", "2022-06-30", "-o", "{tmp}/" + "出" * 100 + ".csv"],
                                          "shown": "出出出"}, 1, "output-unwritable")
    full = {"devices": {"{tmp}/full": [1, 7]}, "shown": "full"}  # a copy of /dev/full: every write is ENOSPC
    t("tree_output_onto_a_full_device.json", {**full, "argv": ["status", "--as-of", "2022-06-30", "-f", "csv", "-o", "{tmp}/full"]},
      1, "output-unwritable")
    t("tree_output_xlsx_onto_a_full_device.json", {**full, "argv": ["bulletin", "--period", "2022-06", "-f", "xlsx",
                                                                     "-o", "{tmp}/full"]}, 1, "output-unwritable")
    t("tree_template_onto_a_full_device.json", {**full, "argv": ["template", "--owner", "区农业农村局", "--period", "2022-06",
                                                                  "-o", "{tmp}/full"]}, 1, "output-unwritable")
    t("tree_output_under_a_file.json", {"files": {"{tmp}/afile": "x\n"},
                                         "argv": ["status", "--as-of", "2022-06-30", "-o", "{tmp}/afile/s.csv"],
                                         "shown": "s.csv"}, 1, "output-folder-missing")


# -- more XLSX oddities for import ---------------------------------------------------------------


def xlsx_cases(case: Callable[..., Any], workbook: Callable[..., bytes], edit_parts: Callable[..., bytes],
               zip_parts: Callable[..., bytes], saved: Callable[..., bytes]) -> None:
    def x(name: str, data: bytes, code: str, line: object = "-", field: str = "-", command: str = "import") -> None:
        case(name, command, 1, code, line, field).write_bytes(data)

    head = ["指标编号", "统计截至日期", "累计完成", "计量单位", "填报人"]
    ok = ["farmland", "2022-06-30", 2, "万亩", "张三"]
    base = workbook([head, ok])
    sheet = "xl/worksheets/sheet1.xml"
    # an encrypted workbook is an OLE compound file, not a zip (what Excel saves with a password)
    x("xlsx2_password_protected.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
      + b"\0" * 512, "xlsx-encrypted-or-xls")
    x("xlsx2_old_xls_renamed.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 1016, "xlsx-encrypted-or-xls")
    x("xlsx2_csv_renamed.xlsx", ("指标编号,统计截至日期,累计完成\nfarmland,2022-06-30,2\n").encode("utf-8-sig"), "xlsx-is-text")
    x("xlsx2_docx_renamed.xlsx", zip_parts([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]),
      "xlsx-unreadable")
    x("xlsx2_shared_strings_missing.xlsx",
      edit_parts(base, {sheet: lambda b: b.replace(b'<c r="A2" t="inlineStr"><is><t>farmland</t></is></c>',
                                                   b'<c r="A2" t="s"><v>0</v></c>')}), "xlsx-unreadable")
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = __import__("datetime").datetime(2022, 1, 1)
    ws = wb.active
    ws.append(head)
    ws.append(ok)
    chart_sheet = wb.create_chartsheet("图表")
    bar = BarChart()
    bar.add_data(Reference(ws, min_col=3, min_row=1, max_row=2))
    chart_sheet.add_chart(bar)
    ws.sheet_state = "hidden"  # the data hidden behind its chart: the one visible sheet is a chart
    wb.active = 1
    chart = saved(wb)
    x("xlsx2_chart_sheet_only.xlsx", chart, "no-visible-sheet")
    x("xlsx2_header_only.xlsx", workbook([head]), "no-rows")
    x("xlsx2_two_header_rows_merged.xlsx", workbook([["进度填报", None, None], ["指标编号", "统计截至日期", "累计完成"],
                                                     ["nosuch", "2022-06-30", 2]]), "unknown-target", 3, "指标编号")
    x("xlsx2_date_typed_as_text_slashes.xlsx", workbook([head, ["farmland", "30/06/2022", 2, "万亩", "张三"]]),
      "bad-date", 2, "统计截至日期")
    x("xlsx2_date_cell_in_value.xlsx", workbook([head, ["farmland", "2022-06-30", __import__("datetime").date(2022, 6, 30),
                                                        "万亩", "张三"]]), "unknown-unit", 2, "累计完成")  # read as 2022 and the unit "-06-30"
    x("xlsx2_fullwidth_text_too_large.xlsx", workbook([head, ["farmland", "2022-06-30", "１１", "万亩", "张三"]]),
      "value-too-large", 2, "累计完成")
    x("xlsx2_fullwidth_text_garbage.xlsx", workbook([head, ["farmland", "2022-06-30", "１．２．３", "万亩", "张三"]]),
      "unknown-unit", 2, "累计完成")
    x("xlsx2_value_with_two_units.xlsx", workbook([head, ["farmland", "2022-06-30", "2万亩", "万头", "张三"]]),
      "two-units", 2, "累计完成")
    x("xlsx2_negative_total.xlsx", workbook([head, ["farmland", "2022-06-30", -2, "万亩", "张三"]]), "bad-value", 2, "累计完成")
    x("xlsx2_nul_in_inline_string.xlsx", edit_parts(base, {sheet: lambda b: b.replace(b"<t>farmland</t>", b"<t>farm&#0;land</t>")}),
      "xlsx-unreadable")
    x("xlsx2_cached_error_value.xlsx",
      edit_parts(base, {sheet: lambda b: __import__("re").sub(rb'<c r="C2"[^>]*>.*?</c>',
                                                             b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', b, count=1)}),
      "bad-number", 2, "累计完成")
    x("xlsx2_empty_zip.xlsx", zip_parts([]), "xlsx-unreadable")
    x("xlsx2_bom_in_target.xlsx", workbook([head, ["\ufefffarmland", "2022-06-30", 2, "万亩", "张三"]]),
      "unknown-target", 2, "指标编号")


# -- usage errors (exit 2) -------------------------------------------------------------------------


def usage_cases(case: Callable[..., Any]) -> None:
    def a(name: str, argv: list[str], field: str = "-", code: str = "usage") -> None:
        case(name, "args", 2, code, "-", field).write_text(json.dumps(argv, ensure_ascii=False) + "\n", encoding="utf-8")

    a("usage_status_bad_as_of.json", ["status", "--as-of", "2022-02-30"], "--as-of")
    a("usage_status_bad_format.json", ["status", "--format", "pdf"], "--format")
    a("usage_status_bad_lang.json", ["status", "--lang", "fr"], "--lang")
    a("usage_status_bad_state.json", ["status", "--state", "late"], "--state")
    a("usage_show_unknown_target.json", ["show", "no-such-target"])
    a("usage_add_progress_no_value.json", ["add-progress", "farmland", "--date", "2022-06-30"])
    a("usage_add_progress_bad_date.json", ["add-progress", "farmland", "2万亩", "--date", "明天"], "--date")
    a("usage_add_progress_unknown_target.json", ["add-progress", "farmlnad", "2万亩", "--date", "2022-06-30"])
    a("usage_add_progress_escape_in_by.json", ["add-progress", "farmland", "2万亩", "--date", "2022-06-30", "--by", "张\x1b三"],
      "--by")
    a("usage_unknown_command.json", ["statsu"])
    a("usage_unknown_option.json", ["status", "--colour"])
    a("usage_import_sheet_on_csv.json", ["import", "{case:csv_unknown_target.csv}", "--sheet", "x"])


# -- process scenarios: real processes, real disks --------------------------------------------------------


def scenario_cases(case: Callable[..., Any]) -> None:
    """``scenario``: a JSON naming a scenario of tests/bad_inputs/scenarios.py and its parameters."""
    def s(name: str, function: str = "", **params: Any) -> None:
        spec = {"scenario": function or name, **params}
        case(f"scenario_{name}.json", "scenario", 0, "-").write_text(json.dumps(spec) + "\n", encoding="utf-8")

    s("sigkill_add_progress", rounds=6, seed=12)
    s("sigkill_import", rounds=5, rows=20, seed=7)
    s("concurrent_importers", procs=4, rounds=2, rows=5)
    s("concurrent_mixed", importers=2, writers=2, entries=3)
    s("concurrent_corrections", procs=3, rounds=2)
    s("full_disk_add_progress", size="64k")
    s("full_disk_import", size="256k", rows=40)
    s("full_disk_import_partly", "full_disk_import", size="256k", rows=40, leave=12288)
    s("full_disk_new_month", size="64k")
    s("full_disk_outputs", size="64k")
    s("read_only_add_progress")
    s("read_only_import")
    s("read_only_validate_and_status")
