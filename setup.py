"""Builds the optional compiled row scanner (src/worktargets/_rowscan.c).

Everything else is declared in pyproject.toml. ``optional=True``: where no C compiler is
available the install still succeeds and worktargets reads ledgers in pure Python (the
same results, slower).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "worktargets._rowscan",
            ["src/worktargets/_rowscan.c"],
            optional=True,
            extra_compile_args=["-O2"],
        )
    ]
)
