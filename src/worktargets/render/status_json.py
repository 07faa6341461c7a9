"""A status row of the JSON contract: its fields in their order, split into the target's own
(fixed while the catalogue is) and the judged ones (new every run).

``row_dict`` is the row as a dict (``show``, CSV). ``rows_json`` writes the rows of
``status --format json`` from the same two parts: each target's own fields are encoded once
per catalogue, escaped, and kept as the pieces between the judged values (``RowPieces``), so
a re-run writes only the judged values of its 5,000 rows (0.13 s of a warm run went to
building, encoding and escaping every field again). The pieces are the encoder's own
output of each field, so a row is the same text either way.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from ..model import Kind, Target
from ..status import StatusReport, TargetStatus
from .common import json_number

__all__ = ["ROW_KEYS", "row_dict", "rows_json", "RowPieces"]

_TWO = Decimal("0.01")
_FOUR = Decimal("0.0001")
_KEEP = 8  # catalogues whose pieces are kept

# every key of a row, in the order the contract writes them
ROW_KEYS = ("id", "title", "section", "subsection", "owner", "co_owners", "kind", "comparator", "target", "unit",
            "actual", "percent", "expected_percent", "gap_pp", "gap_to_target", "gap_to_expected", "state", "stage",
            "stages", "stretch", "parent", "projects", "due", "entries", "last_date", "baseline_missing", "source",
            # issue 11: owners as offices assign them, the 序号, and the new kinds' figures
            "owners", "leader", "no", "tolerance", "target_change_pp", "baseline", "relation_to", "set_by",
            "cap_used_percent")


def target_fields(t: Target) -> dict[str, Any]:
    """The fields a target gives its row whatever its ledger says."""
    return {
        "id": t.id, "title": t.title, "section": t.section, "subsection": t.subsection, "owner": t.owner,
        "co_owners": list(t.co_owners), "kind": t.kind.value, "comparator": t.comparator.value, "unit": t.unit,
        "stages": list(t.stages) or None, "stretch": t.stretch, "parent": t.parent, "projects": list(t.projects),
        "due": t.due.isoformat(),
        "baseline_missing": bool(t.baseline is not None and t.baseline.value is None),
        "source": t.source, "owners": list(t.leads), "leader": list(t.leader), "no": t.no or None,
        "tolerance": json_number(t.tolerance),
        "target_change_pp": json_number(t.target) if t.kind is Kind.POINTS else None,
        "baseline": json_number(t.baseline.value) if t.baseline is not None else None,
        "relation_to": t.relation_to, "set_by": t.set_by or None,
    }


def judged_values(s: TargetStatus) -> tuple[Any, ...]:
    """The judged fields of a row, in the order of ``JUDGED``."""
    return (json_number(s.goal), json_number(s.actual), json_number(s.percent, _TWO),
            json_number(s.expected, _TWO), json_number(s.gap_pp, _TWO), json_number(s.gap_to_target),
            json_number(s.gap_to_expected, _FOUR), s.state.value, s.stage, s.entries,
            s.last_date.isoformat() if s.last_date else None, json_number(s.cap_used, _TWO))


JUDGED = ("target", "actual", "percent", "expected_percent", "gap_pp", "gap_to_target", "gap_to_expected", "state",
          "stage", "entries", "last_date", "cap_used_percent")
_JUDGED = frozenset(JUDGED)
assert [k for k in ROW_KEYS if k in _JUDGED] == list(JUDGED)


def row_dict(s: TargetStatus, report: StatusReport | None = None) -> dict[str, Any]:
    """A row of ``status --format json`` as a dict (``role`` under ``--owner``)."""
    fixed = target_fields(s.target)
    fixed.update(zip(JUDGED, judged_values(s)))
    d = {k: fixed[k] for k in ROW_KEYS}
    if report is not None and report.owner:
        d["role"] = report.role(s)
    return d


def _form(t: Target, enc: Callable[[Any], str]) -> str:
    """The row's text as a format string, ``{}`` where each judged value goes (without the
    closing brace), written and escaped as ``json_text`` writes a row."""
    from .escape import json_safe

    fixed = target_fields(t)
    pieces, cur = [], "{"
    for i, k in enumerate(ROW_KEYS):
        head = ("" if i == 0 else ", ") + enc(k) + ": "
        if k in _JUDGED:
            pieces.append(cur + head)
            cur = ""
        else:
            cur += head + enc(fixed[k])
    pieces.append(cur)
    return "{}".join(json_safe(p).replace("{", "{{").replace("}", "}}") for p in pieces)


class RowPieces:
    """Each target's pieces, kept beside the catalogue cache and keyed by its entry (the
    catalogue's bytes and what checked them) and this module's code. The file is its SHA-256
    (a damaged file is a miss) and text, only split: per target its id and its row's format
    (``_form``), each ended by NUL (JSON text holds none: the encoder writes ``\\u0000``), so
    nothing in it is run or even parsed."""

    def __init__(self, folder: Path | None, key: str | None) -> None:
        self.file = None if folder is None or key is None else folder / "status-rows" / f"{key}-{_code_stamp()}.txt"
        self.known: dict[str, str] = {}
        self.added = False
        if self.file is not None:
            from ..textio import digest

            try:
                raw = self.file.read_bytes()
                body = raw[65:]
                cells = body.decode("utf-8", "surrogatepass").split("\0") if raw[:64].decode() == digest(body) else []
            except (OSError, ValueError):
                cells = []
            if len(cells) % 2 == 1 and cells[-1] == "":
                self.known = dict(zip(cells[0:-1:2], cells[1::2]))

    def of(self, t: Target, enc: Callable[[Any], str]) -> str:
        form = self.known.get(t.id)
        if form is None:
            form = self.known[t.id] = _form(t, enc)
            self.added = True
        return form

    def save(self) -> None:
        if self.file is None or not self.added:
            return
        import os

        from ..textio import digest, make_private_dir

        try:
            make_private_dir(self.file.parent)
            kept = sorted(self.file.parent.glob("*.txt"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
            for old in kept[_KEEP - 1:]:  # the catalogues used last (an office may keep several)
                old.unlink(missing_ok=True)
            tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
            text = "".join(f"{tid}\0{form}\0" for tid, form in self.known.items())
            body = text.encode("utf-8", "surrogatepass")
            tmp.write_bytes(digest(body).encode() + b"\n" + body)  # its SHA-256 first: damage is a miss
            os.replace(tmp, self.file)
            self.added = False
        except (OSError, ValueError):
            pass  # a cache that cannot be written costs only speed


def _code_stamp() -> str:
    from .. import __version__
    from ..textio import digest

    here = Path(__file__).parent
    parts = [__version__]
    for name in ("status_json.py", "common.py", "escape.py"):
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(name)
    return digest("|".join(parts).encode())[:16]


def rows_json(report: StatusReport, enc: Callable[[Any], str], kept: RowPieces | None = None) -> list[str]:
    """The JSON text of each row of ``report``, escaped."""
    from .escape import json_safe

    kept = kept or RowPieces(None, None)
    role = ", " + json_safe(enc("role")) + ": "
    out = []
    for s in report.rows:
        # each value as the encoder writes it: numbers by their repr (as json does), the rest encoded and escaped
        row = kept.of(s.target, enc).format(*["null" if v is None else repr(v) if type(v) is int or type(v) is float
                                              else json_safe(enc(v)) for v in judged_values(s)])
        if report.owner:
            row += role + json_safe(enc(report.role(s)))
        out.append(row + "}")
    kept.save()
    return out
