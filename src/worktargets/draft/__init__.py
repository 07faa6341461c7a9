"""Drafting a catalogue: from a work report's text or an office's 分解表 to ``targets.yaml``.

- ``draft.text``: reads a report (or a 分解方案 with owners in brackets) into a ``Draft``;
- ``draft.table``: reads a 分解表 (xlsx, csv, docx) into the same ``Draft``;
- ``draft.write``: writes a ``Draft`` as YAML, with ``# 待核实`` on the entries it was unsure of;
- ``draft.scaffold``: the files of a new data folder (``worktargets init``).

The number forms (figure, unit, comparator, stretch, why a number is no commitment) are
read by ``worktargets.forms``; this package decides what is an entry, its words and place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["DraftTarget", "DraftExcuse", "Draft", "UNSET_OWNER"]

UNSET_OWNER = "待定"


@dataclass(slots=True)
class DraftTarget:
    """One entry of the draft, with the doubts the drafter has about it."""

    id: str
    title: str
    section: str
    source: str
    kind: str
    subsection: str = ""
    no: str = ""
    comparator: str = "ge"
    target: str | None = None  # value and unit as written ("3.6万亩"); None for milestones
    unit: str | None = None  # only where ``target`` is None: relations, targets set by the level above
    stretch: bool = False
    parent: str | None = None
    projects: list[str] = field(default_factory=list)
    owner: list[str] = field(default_factory=list)
    co_owners: list[str] = field(default_factory=list)
    leader: list[str] = field(default_factory=list)
    due: date | None = None
    stages: list[str] | None = None
    factor: str | None = None
    relation_to: str | None = None
    set_by: str = ""
    tolerance: str | None = None  # an about amount's own tolerance ("5%" of the target)
    note: str = ""
    unsure: list[str] = field(default_factory=list)  # why to check it (# 待核实)
    offset: int = 0  # where its source starts in the text
    row: int | None = None  # the 分解表 row it came from


@dataclass(slots=True)
class DraftExcuse:
    """A number of the text that is not a commitment, and why (``unsure``: no reason found)."""

    text: str
    reason: str
    unsure: bool = False


@dataclass(slots=True)
class Draft:
    """What the drafter read: the plan header, the entries, the excuses, and its doubts."""

    title: str
    year: int
    year_note: str
    region: str = UNSET_OWNER
    targets: list[DraftTarget] = field(default_factory=list)
    excuses: list[DraftExcuse] = field(default_factory=list)
    units: dict[str, tuple[str, str]] = field(default_factory=dict)  # unit -> (family, factor)
    skipped: list[str] = field(default_factory=list)  # what it read but could not catalogue

    @property
    def unsure(self) -> list[DraftTarget]:
        return [t for t in self.targets if t.unsure]
