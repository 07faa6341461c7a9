"""Which files make up the ledger, and their text.

The ledger is ``progress/**/*.csv|yaml|yml`` under the data folder. A link is followed
only when it stays inside the data folder; a dangling link, a loop, a link out of the
folder or a folder named like a ledger file is a problem with its path, never skipped
without a word and never read (its first line must not reach a message).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from ..textio import display_path, read_bytes, text_of

__all__ = ["PROGRESS_DIR", "LEDGER_SUFFIXES", "scan_folder", "ledger_files", "stray_files", "read_file_text"]

PROGRESS_DIR = "progress"
LEDGER_SUFFIXES = (".csv", ".yaml", ".yml")
_DOC_SUFFIXES = (".md", ".txt")


def scan_folder(data_dir: Path) -> tuple[list[Path], list[Path], list[Problem]]:
    """(ledger files in a stable order, stray files, problems) under ``data_dir/progress``."""
    root = data_dir / PROGRESS_DIR
    if not root.is_dir():
        gone = not os.path.lexists(root)  # missing is an empty ledger; a file there is not
        return [], [], [] if gone else [Problem("progress-not-a-folder", display_path(root))]
    try:
        top = data_dir.resolve()
    except OSError:
        top = data_dir
    files: list[Path] = []
    strays: list[Path] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames.sort()
        for name in list(dirnames):
            p = here / name
            if name.startswith("."):  # a hidden folder is not walked, so only the name can be hidden
                dirnames.remove(name)
                continue
            if p.suffix.lower() in LEDGER_SUFFIXES:
                problems.append(Problem("ledger-not-a-file", display_path(p), params={"kind": "folder"}))
                dirnames.remove(name)
                continue
            if p.is_symlink():
                dirnames.remove(name)  # a linked folder is not walked: it could lead anywhere
                problems.append(Problem("ledger-link", display_path(p), params={"kind": "folder"}))
        for name in filenames:
            p = here / name
            if name.startswith("."):
                continue
            suffix = p.suffix.lower()
            is_ledger = suffix in LEDGER_SUFFIXES and not name.endswith(".rejects.csv")
            if p.is_symlink():
                problem = _link_problem(p, top)
                if problem is not None:
                    if is_ledger or suffix not in _DOC_SUFFIXES:
                        problems.append(problem)
                    continue
            if is_ledger:
                if p.is_file():
                    files.append(p)
                else:
                    problems.append(Problem("ledger-not-a-file", display_path(p), params={"kind": "special"}))
            elif suffix not in _DOC_SUFFIXES and not name.endswith(".rejects.csv"):
                strays.append(p)
    files.sort(key=lambda p: place(p, root))
    strays.sort()
    return files, strays, problems


def _link_problem(p: Path, top: Path) -> Problem | None:
    """Why a symbolic link in the ledger folder is not read, or None (it stays inside)."""
    shown = display_path(p)
    try:
        target = p.resolve(strict=True)
    except FileNotFoundError:
        return Problem("ledger-link", shown, params={"kind": "dangling"})
    except (OSError, RuntimeError):  # a loop
        return Problem("ledger-link", shown, params={"kind": "loop"})
    if not target.is_relative_to(top):
        return Problem("ledger-link", shown, params={"kind": "outside"})
    return None


def place(file: Path, root: Path) -> str:
    """A ledger file's place under ``progress/`` ("2022-06/a.csv"), as rows without an id
    are named (``place:line``) and cache entries keyed."""
    f, r = str(file), str(root)
    if f.startswith(r) and f[len(r):len(r) + 1] == os.sep:  # as below, without pathlib's cost
        return f[len(r) + 1:].replace(os.sep, "/")
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.name


def ledger_files(data_dir: Path) -> list[Path]:
    """Every ledger file under ``data_dir/progress`` in a stable order (folders sort by month)."""
    return scan_folder(data_dir)[0]


def stray_files(data_dir: Path) -> list[Path]:
    """Files in the ledger folder that are not ledger files (and not docs or hidden)."""
    return scan_folder(data_dir)[1]


def read_file_text(file: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """A ledger file's text (BOM, UTF-8, GB18030), or None and why not."""
    raw, problems = read_bytes(file, shown)
    if raw is None:
        return None, problems
    text, _enc, problems = text_of(raw, shown)
    return text, problems
