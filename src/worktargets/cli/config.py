"""``worktargets.toml`` (or ``[tool.worktargets]`` in ``pyproject.toml``): the data folder,
the language and a fixed as-of date for a data repository, so that CI output does not
depend on the day it runs.

Looked for in the working folder, and, when ``--data`` names a folder, in that folder and
its parent. Read once per command line by the CLI and passed down; an option or an
environment variable beats the file, the file beats the defaults. ``tomllib`` is imported
only when such a file exists.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["Config", "ConfigError", "find_config", "load_config"]

KEYS = ("data", "lang", "as_of")


class Config:
    """What a ``worktargets.toml`` says; paths are already relative to the working folder.
    (A plain class: a dataclass would cost start-up its import.)"""

    __slots__ = ("path", "data", "lang", "as_of")

    def __init__(self, path: Path | None = None, data: Path | None = None, lang: str | None = None,
                 as_of: str | None = None) -> None:
        self.path = path  # the file it came from
        self.data = data
        self.lang = lang
        self.as_of = as_of

    def __repr__(self) -> str:
        return f"Config(path={self.path!r}, data={self.data!r}, lang={self.lang!r}, as_of={self.as_of!r})"


class ConfigError(Exception):
    """A config file that cannot be used: ``code`` and ``params`` as for a Problem."""

    def __init__(self, path: Path, code: str, line: int | None, params: dict[str, str]) -> None:
        super().__init__(f"{path}: {code}")
        self.path, self.code, self.line, self.params = path, code, line, params


def _candidates(data: str | os.PathLike[str] | None) -> list[Path]:
    folders = [Path(".")]
    if data is not None:
        d = Path(data)
        folders = [d, d.parent, *folders]
    out: list[Path] = []
    for folder in folders:
        for name in ("worktargets.toml", "pyproject.toml"):
            p = folder / name
            if p not in out:
                out.append(p)
    return out


def find_config(data: str | os.PathLike[str] | None = None) -> Path | None:
    """The first ``worktargets.toml``, or ``pyproject.toml`` with ``[tool.worktargets]``."""
    for p in _candidates(data):
        if not os.path.isfile(p):
            continue
        if p.name == "worktargets.toml":
            return p
        try:
            if b"[tool.worktargets]" in p.read_bytes():
                return p
        except OSError:
            continue
    return None


def _key_line(text: str, key: str, in_tool_table: bool) -> int | None:
    """The line of ``key = …`` (in ``[tool.worktargets]`` for pyproject.toml), for the message."""
    import re

    pattern = re.compile(rf"""\s*["']?{re.escape(key)}["']?\s*=""")
    inside = not in_tool_table
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith("["):
            inside = not in_tool_table or line.strip() == "[tool.worktargets]"
        elif inside and pattern.match(line):
            return n
    return None


def load_config(data: str | os.PathLike[str] | None = None) -> Config:
    """The config in force for this command line (an empty one when there is no file)."""
    path = find_config(data)
    if path is None:
        return Config()
    import tomllib

    try:
        text = path.read_bytes().decode("utf-8-sig")
        doc = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        zh = "不是 UTF-8 编码，请另存为 UTF-8" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
        raise ConfigError(path, "config-unreadable", None, {"detail": str(exc), "detail_zh": zh}) from None
    except tomllib.TOMLDecodeError as exc:
        import re

        at = re.search(r"at line (\d+)", str(exc))  # Python < 3.14 has no exc.lineno: its words say
        line = getattr(exc, "lineno", None) or (int(at[1]) if at else None)
        raise ConfigError(path, "config-syntax", line, {"detail": str(exc).split(" (at ")[0]}) from None
    table = doc.get("tool", {}).get("worktargets", {}) if path.name == "pyproject.toml" else doc
    if not isinstance(table, dict):
        raise ConfigError(path, "config-unknown-key", None, {"key": "tool.worktargets", "keys": ", ".join(KEYS)})
    for key, value in table.items():
        line = _key_line(text, key, path.name == "pyproject.toml")
        if key not in KEYS:
            raise ConfigError(path, "config-unknown-key", line, {"key": key, "keys": ", ".join(KEYS)})
        if not isinstance(value, str) and not (key == "as_of" and hasattr(value, "isoformat")):
            raise ConfigError(path, "config-bad-value", line, {"key": key, "value": repr(value)})
        if key == "lang" and value not in ("zh", "en"):  # it was ignored without a word
            raise ConfigError(path, "config-bad-lang", line, {"value": value})
    data_v = table.get("data")
    as_of = table.get("as_of")
    return Config(
        path=path,
        data=(path.parent / data_v) if isinstance(data_v, str) else None,
        lang=table.get("lang"),
        as_of=as_of.isoformat() if hasattr(as_of, "isoformat") else as_of,
    )
