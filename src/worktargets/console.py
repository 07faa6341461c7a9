"""The ``worktargets`` console script (and ``python -m worktargets``).

It runs :func:`worktargets.cli.main` with two changes to Python's cyclic garbage collector
that are about start-up, not work (callgrind, ``worktargets status`` on the shipped data,
368 M instructions before them):

* While Typer, Click and the command's modules are imported, the collector would walk
  thousands of new objects, every one of them alive (≈19 M instructions): it is off while
  they load, and what they built is frozen out of its way (``gc.freeze``), so the
  collections a long command still needs do not walk them again.
* At exit, Python collects again over every object while it tears the modules down
  (≈29 M): what is alive when the command returns is frozen too. Nothing else changes:
  exit handlers run and the standard streams are flushed and closed as usual; the files a
  command writes are closed (and synced) before it returns.

A library user importing :mod:`worktargets` gets none of this: only the console script does.
"""

import gc

gc.disable()
try:
    from .cli import main as _main
finally:
    gc.freeze()
    gc.enable()


def main() -> None:
    try:
        _main()
    finally:
        gc.freeze()
