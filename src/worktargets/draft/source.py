"""What ``draft`` reads: a report (.txt, .docx) or a 分解表 (.xlsx, .csv, .docx with a table).

Returns the draft and the text to keep as its report copy, or the problems that reject
the input (a PDF, an image, an empty or binary file, a text with no commitment).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from . import Draft

__all__ = ["read_input", "normalise_text", "TABLE_SUFFIXES"]

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv")
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic")
_OLD_SUFFIXES = (".doc", ".xls", ".wps", ".et", ".rtf", ".odt", ".ods", ".pptx", ".ppt")
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


def normalise_text(text: str) -> str:
    """Line ends as ``\\n``, no BOM, no trailing spaces: the copy every ``source`` is cut from."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


def _docx_text(document: object) -> str:
    return "\n".join(p.text for p in document.paragraphs)  # type: ignore[attr-defined]


def read_input(path: Path, shown: str, default_year: int) -> tuple[Draft | None, str, list[Problem]]:
    """(draft, report copy text, problems); the draft is None when the input is rejected."""
    from ..textio import read_bytes, text_of

    suffix = path.suffix.lower()
    data, problems = read_bytes(path, shown)
    if data is None:
        return None, "", problems
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return None, "", [Problem("draft-pdf", shown)]
    if suffix in _IMAGE_SUFFIXES or (suffix not in (".txt", ".csv", ".md") and data.startswith(_IMAGE_MAGIC)):
        return None, "", [Problem("draft-image", shown)]
    if suffix in _OLD_SUFFIXES:
        return None, "", [Problem("draft-unsupported-type", shown, params={"suffix": suffix})]
    if not data.strip():
        return None, "", [Problem("file-empty", shown)]
    if suffix in (".xlsx", ".xlsm"):
        from .table import draft_from_table, read_rows_xlsx

        tables, problems = read_rows_xlsx(path, shown)
        if problems:
            return None, "", problems
        return _checked(*draft_from_table(tables, shown, default_year), shown)
    if suffix == ".docx":
        try:
            import io

            import docx

            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises many kinds on a damaged file
            return None, "", [Problem("docx-unreadable", shown, params={"detail": str(exc)[:200]})]
        from .table import draft_from_table, find_header, read_rows_docx

        tables = [t for t in read_rows_docx(document, shown) if find_header(t.rows) is not None]
        if tables:
            return _checked(*draft_from_table(tables, shown, default_year), shown)
        text = normalise_text(_docx_text(document))
        if not text.strip():
            return None, "", [Problem("file-empty", shown)]
        return _from_text(text, shown, default_year)
    text, _encoding, problems = text_of(data, shown)
    if text is None:
        return None, "", problems
    text = normalise_text(text)
    if suffix == ".csv":
        from .table import draft_from_table, read_rows_csv

        tables, problems = read_rows_csv(text, shown)
        if problems:
            return None, "", problems
        return _checked(*draft_from_table(tables, shown, default_year), shown)
    return _from_text(text, shown, default_year)


def _from_text(text: str, shown: str, default_year: int) -> tuple[Draft | None, str, list[Problem]]:
    from .text import read_report

    return _checked(read_report(text, default_year), text, [], shown)


def _checked(draft: Draft | None, text: str, problems: list[Problem], shown: str) -> tuple[Draft | None, str, list[Problem]]:
    """Reject a draft that found nothing: no number at all, or no commitment among them."""
    if draft is None:
        return None, "", problems
    if not draft.targets:
        from ..coverage import find_numbers

        numbers = len(find_numbers(text))
        if numbers == 0:
            return None, "", problems + [Problem("draft-no-numbers", shown)]
        return None, "", problems + [Problem("draft-no-commitments", shown, params={"numbers": str(numbers)})]
    return draft, text, problems
