"""worktargets: track a government work report's commitments in plain files."""

__version__ = "0.1.0"
