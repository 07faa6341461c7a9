"""Compiles the ledger's hot modules with mypyc where it can (the same source runs
interpreted where it cannot: no C compiler, no mypy, or ``WORKTARGETS_COMPILE=0``).

Everything else is declared in pyproject.toml. ``worktargets --version`` says which
path runs. The compiled and interpreted runs of the same source give the same results
(tests/test_compiled.py compares them).
"""

import os
import sys

from setuptools import setup

COMPILED = ["src/worktargets/progress.py", "src/worktargets/ledger/rows.py", "src/worktargets/quantity.py"]


def ext_modules() -> list:
    if os.environ.get("WORKTARGETS_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify

        # the other modules are imported as they are: their types are not mypyc's business
        modules = mypycify(["--follow-imports=silent", "--ignore-missing-imports", *COMPILED],
                           opt_level="3", debug_level="0")
    except (Exception, SystemExit) as exc:  # no mypy, or a mypy that refuses the source: interpreted
        print(f"worktargets: not compiled ({exc}); the modules run interpreted", file=sys.stderr)
        return []
    for ext in modules:
        ext.optional = True  # no C compiler: the install still succeeds, interpreted
    return modules


setup(ext_modules=ext_modules())
