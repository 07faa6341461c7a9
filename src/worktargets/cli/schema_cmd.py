"""``worktargets schema``: the JSON Schema of targets.yaml, from the Pydantic models."""

from . import app
from .common import LangOpt, OutputOpt, default_data, format_option, resolve_lang, said_wrote, write_output


@app.command("schema")
def schema_command(
    fmt: format_option("json") = "json",
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Print the JSON Schema of targets.yaml (editors use it to check the file as you type)."""
    import json

    from ..schema import json_schema

    lang = resolve_lang(lang)
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2, default=str) + "\n"
    data = default_data()
    if write_output(text, output, lang, data if data.is_dir() else None, fmt=fmt):
        said_wrote(output or "", lang)
