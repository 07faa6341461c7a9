"""The colours of the states, one table for every medium (HTML, XLSX, Word, PNG charts).

Excel's own good / neutral / bad cell styles where it has one, so a sheet or a document
looks like one an office coloured by hand; the reds are the states that need a decision
(overdue, a cap breached, far behind).
"""

from __future__ import annotations

from ..model import State

__all__ = ["FILL", "TEXT", "LINE", "BAR", "rgb"]

# state: (cell background, text on it, line in a chart, bar in a chart), as RRGGBB
_PALETTE: dict[State, tuple[str, str, str, str]] = {
    State.DONE: ("C6EFCE", "006100", "2E7D32", "2E7D32"),
    State.AHEAD: ("C6EFCE", "006100", "2E7D32", "66BB6A"),
    State.ON_TRACK: ("E2EFDA", "375623", "2E7D32", "A5D6A7"),
    State.BEHIND: ("FFEB9C", "7F6000", "B8860B", "F0B900"),
    State.FAR_BEHIND: ("FFC7CE", "9C0006", "C62828", "C62828"),
    State.OVERDUE: ("FF7C80", "5C0000", "8B0000", "6E0000"),
    State.BREACHED: ("FF7C80", "5C0000", "8B0000", "AD1457"),
    State.NO_DATA: ("EDEDED", "595959", "777777", "AAAAAA"),
    State.NEEDS_BASELINE: ("E4DFEC", "5B3B8C", "5B3B8C", "7E57C2"),
    State.NEEDS_TARGET: ("DDEBF7", "1F3864", "2F5597", "5B9BD5"),
}
FILL = {s: c[0] for s, c in _PALETTE.items()}
TEXT = {s: c[1] for s, c in _PALETTE.items()}
LINE = {s: c[2] for s, c in _PALETTE.items()}
BAR = {s: c[3] for s, c in _PALETTE.items()}


def rgb(hex6: str) -> tuple[int, int, int]:
    """``"2E7D32"`` as ``(46, 125, 50)``, for Pillow."""
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)
