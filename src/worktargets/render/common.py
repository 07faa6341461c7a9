"""Shared output helpers: numbers for people and JSON, spreadsheet-safe CSV cells."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable, Sequence

from ..cells import safe_cell
from ..quantity import format_number

__all__ = ["pct", "num", "json_number", "safe_cell", "write_csv", "with_bom", "markdown_table", "bar"]

_ONE_DP = Decimal("0.1")
_TWO_DP = Decimal("0.01")


def pct(value: Decimal | None) -> str:
    """"48.3%"; "—" when there is no value."""
    if value is None:
        return "—"
    return f"{format_number(value.quantize(_ONE_DP, ROUND_HALF_UP))}%"


def num(value: Decimal | None, unit: str | None = "") -> str:
    """An amount for people: at most 4 decimals, no exponent."""
    if value is None:
        return "—"
    if value != value.to_integral_value():
        value = value.quantize(Decimal("0.0001"), ROUND_HALF_UP)
    return f"{format_number(value)}{unit or ''}"


def json_number(value: Decimal | None, places: Decimal | None = None) -> int | float | None:
    """A Decimal as a JSON number (integers stay integers); ``places`` rounds first."""
    if value is None:
        return None
    if places is not None:
        value = value.quantize(places, ROUND_HALF_UP)
    whole = int(value)  # one conversion, and the test of wholeness (a third of a row's cost)
    if whole == value:
        return whole
    return float(value)  # Decimal's float is its exact text read as a float, rounded once


def json_text(doc: dict[str, Any], written: dict[str, list[str]] | None = None) -> str:
    """``doc`` as JSON, one top-level key a line and one list item a line: still easy to
    read and to diff, and written by json's C encoder (``indent`` would switch to the
    pure-Python one: 1 s for 5,000 targets instead of 0.1 s). ``written``: lists whose items
    are already JSON text, escaped (``status_json.rows_json``), under their keys."""
    from .escape import json_safe

    enc = json_encoder()
    parts = []
    for key, value in doc.items():
        if written is not None and key in written:
            items = ",\n    ".join(written[key])
            parts.append(f"  {enc(key)}: [\n    {items}\n  ]" if items else f"  {enc(key)}: []")
        elif isinstance(value, list) and value:
            items = ",\n    ".join(map(enc, value))
            parts.append(json_safe(f"  {enc(key)}: [\n    {items}\n  ]"))
        else:
            parts.append(json_safe(f"  {enc(key)}: {enc(value)}"))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def json_encoder() -> Any:
    """The encoder of every JSON output: json's default separators, non-ASCII characters as they are."""
    import json

    return json.JSONEncoder(ensure_ascii=False).encode


BOM = "\ufeff"


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], bom: bool = False, lang: str = "en") -> str:
    """CSV text with every cell made safe; ``bom`` for files Excel opens directly; under
    ``lang="zh"`` the header's keys become Chinese column names (words.csv_header)."""
    if lang == "zh":
        from .words import csv_header

        header = [csv_header(h, lang) for h in header]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if bom else "\n")
    w.writerow([safe_cell(h) for h in header])
    for row in rows:
        w.writerow([safe_cell(c) for c in row])
    return (BOM if bom else "") + buf.getvalue()


def with_bom(text: str) -> str:
    """CSV text that starts with one UTF-8 BOM (Chinese Excel then reads it as UTF-8)."""
    return text if text.startswith(BOM) else BOM + text


def _md_cell(value: Any) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(percent: Decimal | None, width: int = 6) -> str:
    """A bar of ``width`` cells for 0–100% (capped), eighth-cell resolution."""
    if percent is None:
        return " " * width
    p = max(Decimal(0), min(Decimal(100), percent))
    eighths = int((p * width * 8 / 100).to_integral_value(ROUND_HALF_UP))
    full, part = divmod(eighths, 8)
    out = "█" * full + (_BLOCKS[part] if part else "")
    return out.ljust(width)
