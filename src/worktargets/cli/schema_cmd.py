"""``worktargets schema``: the JSON Schema of targets.yaml, from the Pydantic models."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import emit


@app.command("schema")
def schema_command(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of printing")] = None,
) -> None:
    """Print the JSON Schema of targets.yaml (editors use it to check the file as you type)."""
    import json

    from ..schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2, default=str) + "\n"
    if output is None:
        emit(text)
    else:
        output.write_text(text, encoding="utf-8")
