"""``bulletin --format docx``: the 进度通报 as a government-style document, read back.

Layout (A4, GB/T 9704 margins, fonts, page numbers, repeated header rows), the narrative's
numbers against the annex tables', no English in the Chinese version, golden text of the
demo's 2022-06 bulletin in both languages, and (where LibreOffice is installed) a PDF
with every page numbered.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from worktargets.cli import app

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

runner = CliRunner()
DEMO = str(ROOT / "examples" / "demo")
GOLDEN = ROOT / "tests" / "golden"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARGS = ("--period", "2022-06", "--as-of", "2022-07-31", "--issuer", "巴州区人民政府督查室", "--number", "巴州督〔2022〕6号")


def make(tmp_path: Path, lang: str, *extra: str, name: str = "b.docx") -> Path:
    out = tmp_path / name
    res = runner.invoke(app, ["bulletin", "--data", DEMO, *ARGS, "--format", "docx", "-o", str(out), "--lang", lang,
                              *extra])
    assert res.exit_code == 0, res.output
    assert out.is_file()
    return out


def blocks(path: Path) -> list[str]:
    """The document's text in order: each paragraph, and each table row as cells joined by " | "."""
    d = docx.Document(str(path))
    out = []
    for el in d.element.body.iterchildren():
        if el.tag == f"{W}p":
            out.append("".join(t.text or "" for t in el.iter(f"{W}t")))
        elif el.tag == f"{W}tbl":
            for tr in el.iter(f"{W}tr"):
                cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")]
                out.append(" | ".join(cells))
    return out


def tables_by_annex(path: Path) -> dict[str, list[list[str]]]:
    """Annex title -> the rows of its table (header first)."""
    d = docx.Document(str(path))
    out: dict[str, list[list[str]]] = {}
    title = None
    for el in d.element.body.iterchildren():
        if el.tag == f"{W}p":
            text = "".join(t.text or "" for t in el.iter(f"{W}t"))
            if text and title == "":
                title = text
            if re.fullmatch(r"附件\d+|Annex \d+", text):
                title = ""
        elif el.tag == f"{W}tbl" and title:
            out[title] = [["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")]
                          for tr in el.iter(f"{W}tr")]
    return out


@pytest.fixture(scope="module")
def zh_doc(tmp_path_factory) -> Path:
    return make(tmp_path_factory.mktemp("zh"), "zh")


@pytest.fixture(scope="module")
def en_doc(tmp_path_factory) -> Path:
    return make(tmp_path_factory.mktemp("en"), "en")


@pytest.fixture(scope="module")
def plain_doc(tmp_path_factory) -> Path:
    """The demo's 2022-06 bulletin with no -o, no issuer, number or title: written under its
    default name in the working folder (read by two tests)."""
    where = tmp_path_factory.mktemp("plain")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(where)
        res = runner.invoke(app, ["bulletin", "--data", DEMO, "--period", "2022-06", "--format", "docx", "--lang", "zh"])
    assert res.exit_code == 0, res.output
    return where / "进度通报-2022-06.docx"


# -- layout --------------------------------------------------------------------------------


def test_page_margins_and_fonts(zh_doc):
    d = docx.Document(str(zh_doc))
    sec = d.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == \
        [37, 35, 28, 26]
    paras = d.paragraphs
    issuer = paras[0]
    assert issuer.text == "巴州区人民政府督查室"
    run = issuer.runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert str(run.font.color.rgb) == "C00000"
    title = next(p for p in paras if p.text.startswith("关于"))
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title.runs[0].font.size.pt == 22 and title.alignment == 1
    body = next(p for p in paras if p.text.startswith("截至2022年6月30日"))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32  # two characters
    heading = next(p for p in paras if p.text == "一、总体情况")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert any(p.text == "巴州督〔2022〕6号" for p in paras)
    assert paras[[p.text for p in paras].index("2022年7月31日")].alignment == 2  # 成文日期, right
    # every fallback named in the font table
    font_table = next(r.target_part for r in d.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = font_table.blob.decode("utf-8")
    assert 'w:name="方正小标宋简体"' in xml and 'w:val="宋体"' in xml and 'w:name="仿宋_GB2312"' in xml


def test_page_numbers_in_the_footer(zh_doc):
    d = docx.Document(str(zh_doc))
    for sec in d.sections:
        footer = sec.footer._element
        instr = [e.text for e in footer.iter(qn("w:instrText"))]
        assert [i.strip() for i in instr] == ["PAGE"]
        kinds = [e.get(qn("w:fldCharType")) for e in footer.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
        assert text.startswith("— ") and text.endswith(" —")


def test_tables_repeat_their_header_and_rows_do_not_split(zh_doc):
    d = docx.Document(str(zh_doc))
    assert len(d.tables) >= 4
    for t in d.tables:
        rows = t._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])


def test_charts_are_images(zh_doc):
    d = docx.Document(str(zh_doc))
    # the state bars and one chart per laggard named (--top 10)
    assert len(d.inline_shapes) == 11
    blobs = [r.target_part.blob for r in d.part.rels.values() if r.reltype.endswith("/image")]
    assert blobs and all(b[:8] == b"\x89PNG\r\n\x1a\n" for b in blobs)


# -- content ------------------------------------------------------------------------------


def _n(pattern: str, text: str) -> int:
    m = re.search(pattern, text)
    assert m, (pattern, text[:200])
    return int(m.group(1))


def test_narrative_numbers_equal_the_tables(zh_doc):
    text = "\n".join(blocks(zh_doc))
    annex = tables_by_annex(zh_doc)
    every = annex["目标任务进度表"]
    head = every[0]
    state_col = head.index("状态")
    rows = [r for r in every[1:] if len(set(r)) > 1]  # section rows are one merged cell
    states = [r[state_col] for r in rows]
    overview = next(b for b in blocks(zh_doc) if b.startswith("截至2022年6月30日"))
    assert _n(r"共(\d+)项目标任务", overview) == len(rows) == 51
    for label in ("已完成", "超进度", "达进度", "欠进度", "严重滞后", "未报进度", "缺上年基数"):
        assert _n(rf"{label}(\d+)项", overview) == states.count(label), label
    assert "逾期未完成" not in overview and states.count("逾期未完成") == 0
    lag = annex["进度滞后目标"][1:]
    assert len(lag) == states.count("欠进度") + states.count("严重滞后")
    assert _n(r"严重滞后的(\d+)项", text) == sum(1 for r in lag if r[-1] == "严重滞后")
    assert _n(r"欠进度的(\d+)项", text) == sum(1 for r in lag if r[-1] == "欠进度")
    snails = annex["蜗牛项目"][1:]
    assert _n(r"“蜗牛”项目(\d+)项", text) == len(snails) == 5
    late_title = next(k for k in annex if "逾期未报" in k)
    late = annex[late_title][1:]
    assert _n(r"逾期未报(\d+)项", text) == sum(int(r[3]) for r in late)
    assert _n(r"涉及(\d+)个单位", text) == len(late)
    assert _n(r"应报(\d+)项", text) == _json_owed()
    change = annex[next(k for k in annex if k.startswith("较上期"))][1:]
    changes = next(b for b in blocks(zh_doc) if b.startswith("与上期"))
    assert _n(r"新完成(\d+)项", changes) == sum(1 for r in change if r[4] == "已完成" and r[3] != "已完成")
    # the titles of the late filers are named in the text
    for r in late:
        for t in re.split("[、；]", r[4]):
            assert t in text


def _json_owed() -> int:
    import json

    res = runner.invoke(app, ["bulletin", "--data", DEMO, *ARGS[:4], "--format", "json"])
    return json.loads(res.stdout)["overdue"]["owed"]


def test_no_english_in_the_chinese_version(zh_doc, tmp_path):
    text = "\n".join(blocks(zh_doc))
    words = re.findall(r"[A-Za-z]{2,}", text)
    assert not words, words[:10]
    assert "cattle-slaughtered" not in text
    with_ids = "\n".join(blocks(make(tmp_path, "zh", "--ids", name="ids.docx")))
    assert "肉牛出栏（cattle-slaughtered）" in with_ids
    assert set(re.findall(r"[A-Za-z]{2,}", with_ids)) <= set(re.findall(r"[a-z0-9]+", _ids_text()))


def _ids_text() -> str:
    return " ".join(re.findall(r"^  - id: (\S+)", (ROOT / "examples/demo/targets.yaml").read_text(encoding="utf-8"), re.M))


def test_english_version(en_doc):
    text = "\n".join(blocks(en_doc))
    assert "As of 30 June 2022" in text and "1. Overview" in text and "Annex 1" in text
    d = docx.Document(str(en_doc))
    assert d.core_properties.language == "en"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_text(lang, zh_doc, en_doc):
    got = "\n".join(blocks(zh_doc if lang == "zh" else en_doc)) + "\n"
    path = GOLDEN / f"bulletin-2022-06.{lang}.docx.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


# -- the command --------------------------------------------------------------------------


def test_default_file_name(plain_doc):
    assert plain_doc.is_file()
    assert sorted(p.name for p in plain_doc.parent.iterdir()) == [plain_doc.name]


def test_docx_to_stdout_is_a_usage_error(tmp_path):
    res = runner.invoke(app, ["bulletin", "--data", DEMO, "--period", "2022-06", "--format", "docx", "-o", "-"])
    assert res.exit_code == 2


def test_missing_package_is_a_located_error(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a))
    out = tmp_path / "b.docx"
    res = runner.invoke(app, ["bulletin", "--data", DEMO, "--period", "2022-06", "--format", "docx", "-o", str(out),
                              "--lang", "en"])
    assert res.exit_code == 1
    assert "missing-package" in res.stderr and "python-docx" in res.stderr
    assert not out.exists()


def test_settings_bulletin_is_read_when_the_catalogue_has_it():
    from worktargets.reports.bulletin import DocInfo, doc_info

    as_mapping = SimpleNamespace(settings=SimpleNamespace(bulletin={"issuer": "某督查室", "number": "某督〔2022〕1号"}))
    assert doc_info(as_mapping) == DocInfo("某督查室", "某督〔2022〕1号", "")  # type: ignore[arg-type]
    as_record = SimpleNamespace(settings=SimpleNamespace(bulletin=SimpleNamespace(issuer="甲", number="", title="题")))
    assert doc_info(as_record, number="乙") == DocInfo("甲", "乙", "题")  # type: ignore[arg-type]
    without = SimpleNamespace(settings=SimpleNamespace())
    assert doc_info(without) == DocInfo()  # type: ignore[arg-type]


def test_title_option_and_default_title(tmp_path, plain_doc):
    text = blocks(make(tmp_path, "zh", "--title", "关于6月份目标任务推进情况的通报", name="t.docx"))
    assert "关于6月份目标任务推进情况的通报" in text
    got = blocks(plain_doc)
    assert got[0] == "关于巴州区2022年政府工作报告目标任务（节选）2022年6月进度情况的通报"  # no 版头 without issuer or number


# -- LibreOffice --------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_converts_to_pdf_with_every_page_numbered(zh_doc, tmp_path):
    profile = tmp_path / "lo-profile"
    res = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(zh_doc)], capture_output=True, text=True, timeout=300)
    pdf = tmp_path / (zh_doc.stem + ".pdf")
    assert pdf.is_file(), res.stderr
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 8
    for i, page in enumerate(pages, 1):
        assert re.search(rf"—\s*{i}\s*—\s*$", page), (i, page[-200:])
    assert re.search(r"附件\s*1", text) and "目标任务进度表" in text


def test_number_and_title_take_the_period(tmp_path):
    text = blocks(make(tmp_path, "zh", "--number", "巴州督〔{year}〕{month}号", "--title", "{year}年{month}月通报",
                       name="p.docx"))
    assert "巴州督〔2022〕6号" in text and "2022年6月通报" in text
