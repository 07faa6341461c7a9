"""Shell completion of target ids and departments, from the data folder on the line.

:func:`attach` hooks them onto the ``--owner`` options and ``show``'s ID only when the shell
asks (``_WORKTARGETS_COMPLETE=complete_bash`` & co.): declared with Typer's
``autocompletion=``, every normal run would pay for Typer inspecting the functions. A
catalogue that cannot be read completes nothing, silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["target_ids", "owners", "attach"]


def _catalogue(ctx: Any) -> Any:
    from ..catalogue import load_catalogue
    from .common import default_data

    data = None
    c = ctx
    while c is not None and data is None:
        data = c.params.get("data")
        c = c.parent
    try:
        folder = Path(data) if data is not None else default_data()
        from .switches import cache_dir

        catalogue, _problems = load_catalogue(folder, cache_dir())
    except Exception:  # completion must never print a traceback into the shell
        return None
    return catalogue


def target_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """(id, title) of every target whose id starts with ``incomplete``."""
    catalogue = _catalogue(ctx)
    if catalogue is None:
        return []
    return [(t.id, t.title) for t in catalogue.targets if t.id.startswith(incomplete)]


def owners(ctx: Any, incomplete: str) -> list[str]:
    """The lead departments that start with (or contain) ``incomplete``."""
    catalogue = _catalogue(ctx)
    if catalogue is None:
        return []
    names = sorted({t.owner for t in catalogue.targets})
    return [n for n in names if n.startswith(incomplete)] or [n for n in names if incomplete in n]


def _items(found: list[Any]) -> list[Any]:
    from click.shell_completion import CompletionItem

    return [CompletionItem(f[0], help=f[1]) if isinstance(f, tuple) else CompletionItem(f) for f in found]


def attach(group: Any) -> None:
    """Complete ``--owner`` (every command) and ``show ID`` from the catalogue."""
    for name, command in getattr(group, "commands", {}).items():
        for param in command.params:
            if param.name == "owner":
                param._custom_shell_complete = lambda ctx, p, incomplete: _items(owners(ctx, incomplete))
            elif name == "show" and param.name == "target_id":
                param._custom_shell_complete = lambda ctx, p, incomplete: _items(target_ids(ctx, incomplete))
