"""Naming a target on the command line: its id, its 序号 (``no``) or words of its title.

One rule for every command that takes a target (``show``, ``add-progress``, ``correct
--target``), pure: the CLI turns an ambiguous or unknown answer into a usage error.

In order: the exact id; then the exact 序号 as the 分解表 writes it (full-width and
half-width brackets alike: "（二）5" is "(二)5"); then every word (split on spaces) found
in the title or in the report's words. One match is the target; several are candidates
to choose from; none gives the ids that look closest.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from .model import Catalogue, Target

__all__ = ["Lookup", "resolve_target"]


class Lookup(NamedTuple):
    target: Target | None  # the one target named
    candidates: tuple[Target, ...]  # several that match (ambiguous), or the closest ids (none)
    how: str  # "id" | "no" | "words" | "ambiguous" | "none"


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def resolve_target(catalogue: Catalogue, key: str) -> Lookup:
    """The target ``key`` names in ``catalogue`` (see the module's rule)."""
    import difflib

    key = key.strip()
    targets = catalogue.targets
    ids = catalogue.by_id()
    if key in ids:
        return Lookup(ids[key], (), "id")
    no = _norm(key)
    by_no = tuple(t for t in targets if t.no and _norm(t.no) == no)
    if len(by_no) == 1:
        return Lookup(by_no[0], (), "no")
    if by_no:
        return Lookup(None, by_no, "ambiguous")
    words = key.split()
    found = tuple(t for t in targets if words and all(w in t.title or w in t.source for w in words))
    if len(found) == 1:
        return Lookup(found[0], (), "words")
    if found:
        return Lookup(None, found, "ambiguous")
    close = difflib.get_close_matches(key, list(ids), n=3)
    close += [i for i in ids if key and key.lower() in i.lower() and i not in close][:3]
    return Lookup(None, tuple(ids[i] for i in close), "none")
