"""Corrections and withdrawals: which entries are left out, and what is wrong with them.

A correction is a row whose ``replaces`` names an earlier entry of the same target; a
withdrawal (``basis: withdraw``) names one and adds nothing. The entries they name are
left out of the fold. A correction that names itself, or a ring of corrections that name
each other, takes nothing out and is an error at each of its rows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import Problem
from ..textio import decode_bytes
from .rows import Correction, canonical_column

__all__ = ["prescan_replaced", "cycles", "check_corrections"]

_YAML_REPLACES = tuple(w.encode() for w in ("replaces", "更正", "替代记录")) + tuple(
    w.encode("gb18030") for w in ("更正", "替代记录"))


def prescan_replaced(files: list[Path]) -> set[str] | None:
    """The ids that rows name in ``replaces``, found cheaply before the real pass (a
    superset: bad rows count too), or None when that cannot be told cheaply. A CSV file
    whose header has no ``replaces`` column is cleared by its first line; one whose last
    column it is (as every file worktargets writes) by counting the lines that do not end
    with a comma."""
    out: set[str] = set()
    for file in files:
        try:
            if file.suffix.lower() != ".csv":
                if any(w in file.read_bytes() for w in _YAML_REPLACES):
                    return None
                continue
            with open(file, "rb") as fh:
                head = fh.readline()
        except OSError:
            return None
        try:
            header = next(csv.reader([decode_bytes(head.rstrip(b"\r\n"))[0]]), [])
        except (ValueError, csv.Error):
            return None
        names = [canonical_column(c) for c in header]
        if "replaces" not in names:
            continue
        try:
            data = file.read_bytes()
        except OSError:
            return None
        col = names.index("replaces")
        if col == len(names) - 1:
            # the last cell of every line that does not end with a comma: a superset of
            # the ids named (a line inside a quoted note may end so too, and a quoted id
            # keeps its quotes); the pass checks what it left out against what it found
            start = len(head)
            lines = data.count(b"\n", start) + (0 if data.endswith(b"\n") or len(data) == start else 1)
            ends = data.count(b",\n", start) + (1 if data.endswith(b",") else 0)
            if b"\r" in data:  # (a search for one byte costs little beside a count of two)
                ends += data.count(b",\r\n", start)
            if lines == ends:
                continue  # every line ends with a comma: the fast case, in C
            for line in data[len(head):].split(b"\n"):
                line = line.rstrip(b"\r")
                if line and not line.endswith(b","):
                    try:
                        out.add(line[line.rfind(b",") + 1:].decode("utf-8").strip())
                    except UnicodeDecodeError:
                        return None
            continue
        try:
            rows = csv.reader(io.StringIO(decode_bytes(data)[0], newline=""))
            next(rows, None)
            for row in rows:
                if len(row) > col and row[col].strip():
                    out.add(row[col].strip())
        except (ValueError, csv.Error):
            return None
    return out


def cycles(corrections: list[Correction]) -> set[str]:
    """The ids of the correction rows that, following ``replaces``, come back to themselves."""
    edges = {c.eid: c.replaced for c in corrections}
    out: set[str] = set()
    for start in edges:
        seen = [start]
        node = edges[start]
        while node in edges and node not in seen:
            seen.append(node)
            node = edges[node]
        if node == start:
            out.update(seen)
    return out


def check_corrections(corrections: list[Correction], id_targets: dict[str, str], ring: set[str]) -> list[Problem]:
    """Problems of the good correction rows: a ring, an unknown entry, another target's
    entry, an entry that an earlier correction (in read order) already replaces: both would
    stand, an increment counted twice."""
    out = []
    first: dict[str, Correction] = {}
    for c in corrections:
        if c.eid in ring:
            out.append(Problem("correction-cycle", c.path, c.line, "replaces", {"id": c.replaced, "entry": c.eid}))
            continue
        other = id_targets.get(c.replaced)
        if other is None:
            out.append(Problem("unknown-replaces", c.path, c.line, "replaces",
                               {"id": c.replaced, "target": c.target, "other": ""}))
        elif other != c.target:
            out.append(Problem("replaces-other-target", c.path, c.line, "replaces",
                               {"id": c.replaced, "target": c.target, "other": other}))
        else:
            was = first.setdefault(c.replaced, c)
            if was is not c:
                out.append(Problem("replaced-twice", c.path, c.line, "replaces",
                                   {"id": c.replaced, "first": f"{was.path}:{was.line}"}))
    return out
