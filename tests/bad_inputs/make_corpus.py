"""Build the corpus of bad inputs for import, add-progress and correct (issue 12).

    python tests/bad_inputs/make_corpus.py      # rewrites tests/bad_inputs/cases/ and MANIFEST.tsv

Every case is a file in ``cases/`` and a line of ``MANIFEST.tsv``:
``file  command  exit  code  line  field``. Commands:

- ``import [ARGS…]``: ``worktargets import cases/FILE [ARGS…] --data DATA``;
- ``ledger``: FILE's bytes become ``DATA/progress/2022-06/区农业农村局.csv``, then
  ``add-progress farmland 2万亩 --date 2022-06-30`` must refuse to append to it;
- ``ledger-dir``: a folder named ``区农业农村局.csv`` stands where the ledger file would;
- ``args``: FILE is a JSON list of arguments (``add-progress …`` or ``correct …``).

- ``read CMD``, ``catalogue CMD``, ``tree``, ``scenario``: see more_cases.py (the second half:
  files validate and status read, hostile names and folders, process scenarios).

``line`` and ``field`` (``-`` for none) are what the message must name besides the file;
``lang`` is the language the case runs in (every third case in zh). Every file is made up for
the corpus (the shapes follow what Chinese Excel/WPS and clerks produce); none is real data.
The output is reproducible: fixed zip timestamps and document properties, no randomness.
The XLSX "bombs" are small on disk and large only when inflated.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
HEAD = ["指标编号", "统计截至日期", "累计完成", "计量单位", "填报人", "进展情况"]
HEAD_CSV = ",".join(HEAD) + "\n"
ROWS: list[tuple[str, str, str, str, str, str]] = []  # file, command, exit, code, line, field


def case(name: str, command: str, exit_code: int, code: str, line: object = "-", field: str = "-") -> Path:
    ROWS.append((name, command, str(exit_code), code, str(line), field))
    return CASES / name


# -- CSV sheets ------------------------------------------------------------------------------


def csv_case(name: str, body: str, code: str, line: object = "-", field: str = "-", encoding: str = "utf-8-sig",
             head: str = HEAD_CSV, exit_code: int = 1, command: str = "import") -> None:
    case(name, command, exit_code, code, line, field).write_bytes((head + body).encode(encoding))


def csv_cases() -> None:
    ok = "farmland,2022-06-30,2,万亩,张三,进展\n"
    csv_case("csv_unknown_target.csv", "nosuch,2022-06-30,2,万亩,张三,\n", "unknown-target", 2, "指标编号")
    csv_case("csv_target_path_traversal.csv", "../../etc/passwd,2022-06-30,2,万亩,张三,\n", "unknown-target", 2, "指标编号")
    csv_case("csv_bad_date.csv", "farmland,2022-13-45,2,万亩,张三,\n", "bad-date", 2, "统计截至日期")
    csv_case("csv_date_as_words.csv", "farmland,六月底,2,万亩,张三,\n", "bad-date", 2, "统计截至日期")
    csv_case("csv_date_feb_30.csv", "farmland,2022-02-30,2,万亩,张三,\n", "bad-date", 2, "统计截至日期")
    csv_case("csv_date_outside_year.csv", "farmland,2021-06-30,2,万亩,张三,\n", "date-outside-year", 2, "统计截至日期")
    csv_case("csv_value_words.csv", "farmland,2022-06-30,两万,万亩,张三,\n", "bad-number", 2, "累计完成")
    csv_case("csv_value_nan.csv", "farmland,2022-06-30,NaN,万亩,张三,\n", "bad-number", 2, "累计完成")
    csv_case("csv_value_exponent.csv", "farmland,2022-06-30,1e5,,张三,\n", "unknown-unit", 2, "累计完成")
    csv_case("csv_value_out_of_range.csv", "farmland,2022-06-30,1234567890123456789012,万亩,张三,\n",
             "number-out-of-range", 2, "累计完成")
    csv_case("csv_value_negative_total.csv", "farmland,2022-06-30,-2,万亩,张三,\n", "bad-value", 2, "累计完成")
    csv_case("csv_value_other_family.csv", "farmland,2022-06-30,3.6万元,,张三,\n", "unit-mismatch", 2, "累计完成")
    csv_case("csv_unit_column_other_family.csv", "farmland,2022-06-30,2,万元,张三,\n", "unit-mismatch", 2, "累计完成")
    csv_case("csv_unknown_unit.csv", "farmland,2022-06-30,2担,,张三,\n", "unknown-unit", 2, "累计完成")
    csv_case("csv_value_too_large.csv", "farmland,2022-06-30,11,万亩,张三,\n", "value-too-large", 2, "累计完成")
    csv_case("csv_milestone_with_value.csv", "reservoir,2022-06-30,2,,张三,\n", "value-for-milestone", 2, "累计完成")
    csv_case("csv_unknown_stage.csv", "reservoir,2022-06-30,开工,张三\n", "unknown-stage", 2, "阶段",
             head="指标编号,统计截至日期,阶段,填报人\n")
    csv_case("csv_stage_for_number.csv", "farmland,2022-06-30,,已验收,张三\n", "stage-for-number", 2, "阶段",
             head="指标编号,统计截至日期,累计完成,阶段,填报人\n")
    csv_case("csv_bad_basis.csv", "farmland,2022-06-30,2,万亩,也许\n", "bad-basis", 2, "填报口径",
             head="指标编号,统计截至日期,累计完成,计量单位,填报口径\n")
    csv_case("csv_duplicate_row.csv", ok + "farmland,2022-06-30,2.1,万亩,李四,\n", "duplicate-row", 3, "指标编号")
    csv_case("csv_other_department.csv", ok + "output,2022-06-30,30,亿元,张三,\n", "other-owner", 3, "指标编号")
    csv_case("csv_other_department_by_title.csv", "hogs,2022-06-30,20,万头,张三,\n", "other-owner", 3, "指标编号",
             head="区经济和信息化局 2022年6月进度填报表\n" + HEAD_CSV)
    csv_case("csv_no_target_column.csv", "2022-06-30,2\n", "missing-column", 1, head="统计截至日期,累计完成\n")
    csv_case("csv_header_after_row_ten.csv", "farmland,2022-06-30,2\n", "missing-column", 1,
             head="说明\n" * 11 + "指标编号,统计截至日期,累计完成\n")
    csv_case("csv_unknown_column.csv", ok, "bad-header", 1, "完成比例", head=HEAD_CSV.rstrip("\n") + ",完成比例\n")
    csv_case("csv_duplicate_column.csv", "farmland,2022-06-30,2,3\n", "bad-header", 1, "value",
             head="指标编号,统计截至日期,累计完成,数值\n")
    csv_case("csv_only_header.csv", "", "no-rows")
    csv_case("csv_only_blank_rows.csv", ",,,,,\n,,,,,\n", "no-rows")
    csv_case("csv_unterminated_quote.csv", 'farmland,2022-06-30,2,万亩,张三,"没有结束\nhogs,2022-06-30,3,万头,张三,\n',
             "unterminated-quote", 2)
    csv_case("csv_text_after_quote.csv", 'farmland,2022-06-30,2,万亩,张三,"进展"顺利\n', "csv-syntax", 2)
    csv_case("csv_escape_in_note.csv", "farmland,2022-06-30,2,万亩,张三,\x1b[31m红字\x1b[0m\n", "control-character", 2, "进展情况")
    csv_case("csv_bell_in_reporter.csv", "farmland,2022-06-30,2,万亩,张\x07三,\n", "control-character", 2, "填报人")
    csv_case("csv_bidi_override.csv", "farmland,2022-06-30,2,万亩,张三,\u202e序时\n", "control-character", 2, "进展情况")
    csv_case("csv_escape_in_target.csv", "farm\x1bland,2022-06-30,2,万亩,张三,\n", "control-character", 2, "指标编号")
    csv_case("csv_huge_cell.csv", "farmland,2022-06-30,2,万亩,张三," + "x" * 33000 + "\n", "cell-too-long", 2)
    csv_case("csv_300k_bad_rows.csv", "@@REPEAT:300000:" + "nosuch,2022-06-30,1,万亩,张三,\n".encode().hex() + "@@",
             "sheet-too-large", 33334)  # six cells a line: line 33334 passes 200,000
    csv_case("csv_empty_file.csv", "", "file-empty", head="", encoding="utf-8")
    csv_case("csv_only_bom.csv", "", "file-empty", head="", encoding="utf-8-sig")
    case("csv_binary_nul.csv", "import", 1, "file-binary").write_bytes(HEAD_CSV.encode() + b"farm\x00land,\x00\x01\x02\n")
    case("csv_utf16.csv", "import", 1, "file-binary").write_bytes((HEAD_CSV + ok).encode("utf-16"))
    good = (HEAD_CSV + "farmland,2022-06-30,2,万亩,张三,新建高标准农田进展顺利\nhogs,2022-06-30,20,万头,张三,生猪出栏进展顺利\n")
    case("csv_utf8_one_bad_byte.csv", "import", 1, "bad-utf8-byte", 3).write_bytes(
        good.encode("utf-8").replace("hogs".encode(), b"ho\xffgs"))
    case("csv_utf8_bom_one_bad_byte.csv", "import", 1, "bad-utf8-byte", 2).write_bytes(
        b"\xef\xbb\xbf" + good.encode("utf-8").replace("张三,新建".encode(), "张三,新".encode() + b"\xc0"))
    case("csv_truncated_utf8_char.csv", "import", 1, "bad-utf8-byte", 3).write_bytes(
        good.encode("utf-8")[:-2])
    csv_case("csv_gbk_unknown_target.csv", "无此指标,2022-06-30,2,万亩,张三,进展顺利\n", "unknown-target", 2, "指标编号",
             encoding="gbk")
    csv_case("csv_gbk_bad_date.csv", "farmland,二〇二二年六月,2,万亩,张三,进展顺利\n", "bad-date", 2, "统计截至日期",
             encoding="gbk")
    csv_case("csv_gbk_crlf_bad_value.csv", "farmland,2022-06-30,约两万,万亩,张三,进展顺利\r\n", "bad-number", 2, "累计完成",
             encoding="gbk", head=HEAD_CSV.replace("\n", "\r\n"))
    csv_case("csv_gb18030_unit_mismatch.csv", "hogs,2022-06-30,20万亩,,张三,𠀀进展\n", "unit-mismatch", 2, "累计完成",
             encoding="gb18030")
    csv_case("csv_fullwidth_garbage.csv", "farmland,2022-06-30,１，２，３,万亩,张三,\n", "unknown-unit", 2, "累计完成")
    csv_case("csv_sheet_named_option.csv", ok, "usage", "-", "--sheet", command="import --sheet 进度", exit_code=2)


# -- XLSX --------------------------------------------------------------------------------------

FIXED = datetime(2022, 1, 1)


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``parts`` with fixed timestamps, so the corpus is byte-for-byte reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def _saved(wb: object) -> bytes:
    """An openpyxl workbook's bytes, its save-time timestamps fixed."""
    buf = io.BytesIO()
    wb.save(buf)  # type: ignore[attr-defined]
    src = zipfile.ZipFile(buf)
    parts = []
    for info in src.infolist():
        b = src.read(info.filename)
        if info.filename == "docProps/core.xml":
            b = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2022-01-01T00:00:00Z", b)
        parts.append((info.filename, b))
    return _zip(parts)


def workbook(rows: list[list[object]], formats: dict[str, str] | None = None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "填报"
    for r in rows:
        ws.append(r)
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    return _saved(wb)


def edit_parts(data: bytes, edit: dict[str, object], add: dict[str, bytes] | None = None) -> bytes:
    """The zip with some parts edited (a function of the bytes, or new bytes) and some added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = []
    for info in src.infolist():
        b = src.read(info.filename)
        if info.filename in edit and edit[info.filename] is None:
            continue  # dropped
        e = edit.get(info.filename)
        if callable(e):
            b = e(b)
        elif isinstance(e, bytes):
            b = e
        parts.append((info.filename, b))
    return _zip(parts + list((add or {}).items()))


SHEET = "xl/worksheets/sheet1.xml"


def xlsx_case(name: str, data: bytes, code: str, line: object = "-", field: str = "-", command: str = "import") -> None:
    case(name, command, 1, code, line, field).write_bytes(data)


def sub(pattern: bytes, repl: bytes):
    return lambda b: re.sub(pattern, repl, b, count=1)


def xlsx_cases() -> None:
    head = ["指标编号", "统计截至日期", "累计完成", "计量单位", "填报人"]
    ok = ["farmland", "2022-06-30", 2, "万亩", "张三"]
    base = workbook([head, ok])
    xlsx_case("xlsx_unknown_target.xlsx", workbook([head, ["nosuch", "2022-06-30", 2, "万亩", "张三"]]),
              "unknown-target", 2, "指标编号")
    xlsx_case("xlsx_date_as_text.xlsx", workbook([head, ["farmland", "2022年13月1日", 2, "万亩", "张三"]]),
              "bad-date", 2, "统计截至日期")
    xlsx_case("xlsx_percent_against_mu.xlsx", workbook([head[:3], ["farmland", "2022-06-30", 0.25]], {"C2": "0.0%"}),
              "unit-mismatch", 2, "累计完成")
    xlsx_case("xlsx_percent_custom_format_hogs.xlsx", workbook([head[:3], ["hogs", "2022-06-30", 0.4]], {"C2": '0.00"";0.00%'}),
              "unit-mismatch", 2, "累计完成")
    xlsx_case("xlsx_formula_no_value.xlsx", workbook([head, ["farmland", "2022-06-30", "=1+1", "万亩", "张三"]]),
              "formula-no-value", 2, "累计完成")
    xlsx_case("xlsx_formula_no_value_in_date.xlsx", workbook([head, ["farmland", "=TODAY()", 2, "万亩", "张三"]]),
              "formula-no-value", 2, "统计截至日期")
    xlsx_case("xlsx_formula_no_value_in_target.xlsx", workbook([head, ['=CONCAT("farm","land")', "2022-06-30", 2, "万亩", "张三"]]),
              "formula-no-value", 2, "指标编号")
    xlsx_case("xlsx_error_cell.xlsx", edit_parts(base, {SHEET: sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2" t="e"><v>#DIV/0!</v></c>')}),
              "bad-number", 2, "累计完成")
    xlsx_case("xlsx_boolean_value.xlsx", edit_parts(base, {SHEET: sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2" t="b"><v>1</v></c>')}),
              "bad-number", 2, "累计完成")
    xlsx_case("xlsx_bad_date_serial.xlsx", workbook([head, ["farmland", 99999999, 2, "万亩", "张三"]], {"B2": "yyyy-mm-dd"}),
              "bad-date", 2, "统计截至日期")
    xlsx_case("xlsx_huge_string.xlsx", edit_parts(workbook([head + ["进展情况"], ok + ["HUGE"]]),
              {SHEET: lambda b: b.replace(b"HUGE", "进".encode() * 40000)}), "cell-too-long", 2)  # openpyxl would cut it
    xlsx_case("xlsx_control_chars.xlsx", workbook([head + ["进展情况"], ok + ["正常\u202e反转"]]),
              "control-character", 2, "进展情况")
    xlsx_case("xlsx_other_department.xlsx", workbook([head, ok, ["output", "2022-06-30", 30, "亿元", "张三"]]),
              "other-owner", 3, "指标编号")
    xlsx_case("xlsx_duplicate_row.xlsx", workbook([head, ok, ["farmland", "2022-06-30", 2.5, "万亩", "李四"]]),
              "duplicate-row", 3, "指标编号")
    xlsx_case("xlsx_value_too_large.xlsx", workbook([head, ["farmland", "2022-06-30", 110000, "亩", "张三"]]),
              "value-too-large", 2, "累计完成")
    xlsx_case("xlsx_stray_row_at_the_bottom.xlsx",
              edit_parts(base, {SHEET: lambda b: b.replace(b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr">'
                                                            b'<is><t>junk</t></is></c><c r="C1048576"><v>1</v></c></row></sheetData>')}),
              "unknown-target", 1048576, "指标编号")
    # merged header: 累计完成 spans C1:D1 and the clerk typed in D2; the row has no value
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.append(["指标编号", "统计截至日期", "累计完成", None])
    ws.append(["farmland", "2022-06-30", None, 2])
    ws.merge_cells("C1:D1")
    xlsx_case("xlsx_merged_header_value_beside.xlsx", _saved(wb), "no-rows")
    xlsx_case("xlsx_no_header.xlsx", workbook([["2022年6月进度"], ["farmland", "2022-06-30", 2]]), "missing-column", 1)
    # hidden sheets
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    hid = wb.active
    hid.title = "旧表"
    hid.append(head)
    hid.append(ok)
    hid.sheet_state = "hidden"
    vis = wb.create_sheet("填报")
    vis.append(head)
    vis.append(["nosuch", "2022-06-30", 2, "万亩", "张三"])
    wb.active = 1
    xlsx_case("xlsx_hidden_first_sheet_visible_bad.xlsx", _saved(wb), "unknown-target", 2, "指标编号")
    xlsx_case("xlsx_only_sheet_hidden.xlsx",
              edit_parts(base, {"xl/workbook.xml": lambda b: b.replace(b'state="visible"', b'state="veryHidden"')}), "no-visible-sheet")
    xlsx_case("xlsx_named_sheet_missing.xlsx", base, "sheet-not-found", "-", "--sheet", command="import --sheet 不存在")
    # bounds
    xlsx_case("xlsx_lying_dimension.xlsx",
              edit_parts(base, {SHEET: sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>')}),
              "xlsx-too-large", "-", "dimension")
    xlsx_case("xlsx_lying_dimension_far_cell.xlsx",
              edit_parts(base, {SHEET: lambda b: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', b).replace(
                  b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')}),
              "xlsx-too-large", "-", "dimension")
    xlsx_case("xlsx_far_column_honest_dimension.xlsx",
              edit_parts(base, {SHEET: lambda b: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', b).replace(
                  b'</row></sheetData>', b'<c r="XFD2"><v>1</v></c></row></sheetData>')}),
              "xlsx-too-large", 2)
    rows = b"".join(b'<row r="%d">' % i + b"<c/>" * 1000 + b"</row>" for i in range(3, 250))  # empty cells count too
    xlsx_case("xlsx_too_many_cells.xlsx",
              edit_parts(base, {SHEET: lambda b: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', b).replace(
                  b"</sheetData>", rows + b"</sheetData>")}), "xlsx-too-large", 202)
    xlsx_case("xlsx_sheet_inflates_21mb.xlsx",
              edit_parts(base, {SHEET: lambda b: b.replace(b"<sheetData>", b"<sheetData>" + b" " * (21 * 1024 * 1024))}),
              "xlsx-too-large")
    xlsx_case("xlsx_shared_strings_inflate.xlsx", edit_parts(base, {}, {"xl/sharedStrings2.xml": b"\0" * (30 * 1024 * 1024)}),
              "xlsx-too-large")
    xlsx_case("xlsx_parts_inflate_70mb_in_all.xlsx",
              edit_parts(base, {}, {f"xl/media/pad{i}.bin": b"\0" * (18 * 1024 * 1024) for i in range(4)}), "xlsx-too-large")
    xlsx_case("xlsx_too_many_parts.xlsx", edit_parts(base, {}, {f"p/{i}": b"" for i in range(1001)}),
              "xlsx-too-large")
    # damaged files
    xlsx_case("xlsx_not_a_zip.xlsx", b"this is text saved with an .xlsx name\n", "xlsx-is-text")
    xlsx_case("xlsx_truncated.xlsx", base[: len(base) // 2], "xlsx-unreadable")
    xlsx_case("xlsx_empty_file.xlsx", b"", "xlsx-unreadable")
    xlsx_case("xlsx_no_workbook_part.xlsx", edit_parts(base, {"xl/workbook.xml": None}), "xlsx-unreadable")
    xlsx_case("xlsx_broken_sheet_xml.xlsx", edit_parts(base, {SHEET: lambda b: b[: len(b) // 2]}), "xlsx-unreadable")
    xlsx_case("xlsx_shared_string_out_of_range.xlsx",
              edit_parts(base, {SHEET: sub(rb'<c r="A2"[^>]*>.*?</c>', b'<c r="A2" t="s"><v>9999</v></c>')}), "xlsx-unreadable")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
              + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              + b"<si><t>&lol9;</t></si></sst>")
    def with_shared(sst: bytes) -> bytes:  # A2 taken from a shared-strings part holding ``sst``
        return edit_parts(base, {
            SHEET: sub(rb'<c r="A2"[^>]*>.*?</c>', b'<c r="A2" t="s"><v>0</v></c>'),
            "[Content_Types].xml": lambda b: b.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                                       b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
        }, {"xl/sharedStrings.xml": sst})

    xlsx_case("xlsx_billion_laughs.xlsx", with_shared(laughs), "xlsx-unreadable")
    xlsx_case("xlsx_external_entity.xlsx", with_shared(
              b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'),
              "xlsx-unreadable")
    xlsx_case("xlsx_shared_string_unknown_target.xlsx", with_shared(
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>nosuch</t></si></sst>'),
              "unknown-target", 2, "指标编号")


# -- the ledger file add-progress would append to -----------------------------------------------


def ledger_cases() -> None:
    h = "id,date,target,value,unit,basis,stage,by,note,source,replaces\n"
    body = h + "m1,2022-06-01,farmland,1.5,万亩,total,,张三,新建高标准农田进展顺利,,\n" \
             + "m2,2022-06-02,farmland,1.6,万亩,total,,张三,新建高标准农田进展顺利,,\n"
    case("ledger_utf8_one_bad_byte.csv", "ledger", 1, "bad-utf8-byte", 3).write_bytes(
        body.encode().replace(b"m2,", b"m2\xfe,"))
    case("ledger_binary.csv", "ledger", 1, "unwritable-file").write_bytes(h.encode() + b"\x00\x01\x02" * 10)
    case("ledger_not_utf8_nor_gbk.csv", "ledger", 1, "bad-encoding", 2).write_bytes(h.encode() + b"m1,\xff\xff\xff\xff\n")
    case("ledger_dir_in_place.txt", "ledger-dir", 1, "unwritable-file").write_text("a folder stands where the file would\n")


# -- arguments -----------------------------------------------------------------------------------------


def args_cases() -> None:
    def a(name: str, argv: list[str], exit_code: int, code: str, field: str) -> None:
        case(name, "args", exit_code, code, "-", field).write_text(json.dumps(argv, ensure_ascii=False) + "\n", encoding="utf-8")

    d = ["--date", "2022-06-30"]
    a("args_value_escape.json", ["add-progress", "farmland", "2\x1b[31m万亩", *d], 2, "unknown-unit", "VALUE")
    a("args_value_words.json", ["add-progress", "farmland", "两万亩", *d], 2, "bad-number", "VALUE")
    a("args_value_other_family.json", ["add-progress", "farmland", "5万元", *d], 2, "unit-mismatch", "VALUE")
    a("args_value_out_of_range.json", ["add-progress", "farmland", "1" * 30, *d], 2, "number-out-of-range", "VALUE")
    a("args_date_outside_year.json", ["add-progress", "farmland", "2万亩", "--date", "2021-06-30"], 2, "date-outside-year", "--date")
    a("args_unknown_stage.json", ["add-progress", "reservoir", "--stage", "开工", *d], 2, "unknown-stage", "--stage")
    a("args_replaces_unknown.json", ["add-progress", "farmland", "2万亩", "--replaces", "nope", *d], 1, "unknown-entry", "--replaces")
    a("args_withdraw_unknown.json", ["correct", "--withdraw", "nope"], 1, "unknown-entry", "--withdraw")
    a("args_correct_unknown.json", ["correct", "nope", "2万亩"], 1, "unknown-entry", "ENTRY_ID")


def main() -> None:
    if CASES.exists():
        shutil.rmtree(CASES)
    CASES.mkdir(parents=True)
    csv_cases()
    xlsx_cases()
    ledger_cases()
    args_cases()
    sys.path.insert(0, str(HERE.parent))
    from bad_inputs import more_cases
    from conftest import MINI_CATALOGUE

    more_cases.build(case, workbook, edit_parts, _zip, _saved, MINI_CATALOGUE)
    langs = ["zh" if i % 3 == 1 else "en" for i in range(len(ROWS))]
    lines = ["file\tcommand\texit\tcode\tline\tfield\tlang"] + ["\t".join((*r, g)) for r, g in zip(ROWS, langs)]
    (HERE / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in CASES.iterdir())
    print(f"{len(ROWS)} cases, {size} bytes in {CASES}", file=sys.stderr)


if __name__ == "__main__":
    main()
