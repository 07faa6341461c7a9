"""The coverage table: every number of the report and what covers it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..coverage import CoverageReport
from .words import word

if TYPE_CHECKING:
    from rich.console import Console


def coverage_table(report: CoverageReport, lang: str, console: "Console") -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=report.report_path, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(word("line", lang), justify="right")
    table.add_column(word("mention", lang), no_wrap=True)
    table.add_column(word("covered_by", lang), overflow="fold")
    for m in report.mentions:
        if m.covered_by:
            cell = Text(", ".join(m.covered_by), style="green")
        elif m.excused is not None:
            cell = Text(f"{word('excused', lang)}：{m.excused}" if lang == "zh" else f"not a commitment: {m.excused}", style="dim")
        else:
            cell = Text(word("uncovered", lang), style="bold red")
        table.add_row(f"{m.line}:{m.column}", m.text, cell)
    console.print(table)
    n_cov = sum(1 for m in report.mentions if m.covered_by)
    n_exc = sum(1 for m in report.mentions if m.excused is not None and not m.covered_by)
    n_bad = len(report.uncovered)
    if lang == "zh":
        console.print(f"共 {len(report.mentions)} 个数字：{n_cov} 个有目标覆盖，{n_exc} 个注明非目标，{n_bad} 个未覆盖")
    else:
        console.print(f"{len(report.mentions)} numbers: {n_cov} covered by targets, {n_exc} excused, {n_bad} not covered")
    for tid in report.unmatched_sources:
        console.print(Text(f"{tid}: source not found in the report text", style="bold red"))
    for tid in report.value_not_in_source:
        console.print(Text(f"{tid}: target value does not appear in its own source words", style="bold red"))
