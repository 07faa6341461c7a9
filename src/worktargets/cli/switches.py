"""The environment switches the core obeys, read here once and passed down as arguments.

The core never reads ``os.environ``: the commands call these and hand the result on
(``ReadOptions`` for the ledger, a cache folder for the catalogue).

- ``WORKTARGETS_CACHE``: the cache folder; ``off`` (or ``0``, ``no``, empty) turns every
  cache off. Default: ``$XDG_CACHE_HOME/worktargets``, else ``~/.cache/worktargets``.
- ``WORKTARGETS_JOBS``: processes that read a big ledger, ``1`` or ``2`` (default
  ``auto``: two where that measures faster, see ``ledger.read.PARALLEL_BYTES``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from ..ledger.read import ReadOptions

__all__ = ["cache_dir", "jobs", "read_options"]

_OFF = ("", "0", "off", "no", "false")


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where parsed and validated files are kept (None: caching is off)."""
    env = os.environ if environ is None else environ
    value = env.get("WORKTARGETS_CACHE")
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value)
    xdg = env.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "worktargets"
    try:
        return Path.home() / ".cache" / "worktargets"
    except RuntimeError:  # no home folder
        return None


def jobs(environ: Mapping[str, str] | None = None) -> int | None:
    """The processes asked for by ``WORKTARGETS_JOBS`` (None: the reader decides)."""
    env = os.environ if environ is None else environ
    value = (env.get("WORKTARGETS_JOBS") or "").strip().lower()
    if value in ("", "auto"):
        return None
    try:
        return max(1, min(2, int(value)))
    except ValueError:  # a switch, not data: the default, said once on stderr
        import sys

        from ..langs import detect_lang

        shown = value.encode("unicode_escape").decode("ascii")
        sys.stderr.write(f"worktargets: 提醒：WORKTARGETS_JOBS={shown} 不是 1、2 或 auto，按 auto 处理\n"
                         if detect_lang() == "zh" else
                         f"worktargets: warning: WORKTARGETS_JOBS={shown} is not 1, 2 or auto; using auto\n")
        return None


def read_options(environ: Mapping[str, str] | None = None) -> "ReadOptions":
    """How the ledger is read, from the switches."""
    from ..ledger.read import ReadOptions

    return ReadOptions(jobs=jobs(environ), cache=cache_dir(environ))
