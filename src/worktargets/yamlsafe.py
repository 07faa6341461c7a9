"""YAML for data files: plain values only, every mapping and item knows its line.

The document is composed into nodes (linear time, aliases are not expanded), then walked
once: custom tags (``!!python/object``…), anchors/aliases (the "billion laughs" bomb) and
duplicate keys are problems with a line, never exceptions or hangs.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problem

try:  # libyaml is ~10x faster; PyPI wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["YMap", "YList", "load_yaml"]

_ALLOWED = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YMap(dict):  # type: ignore[type-arg]
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class YList(list):  # type: ignore[type-arg]
    """A sequence that remembers its own line and each item's line (1-based)."""

    line: int = 0
    item_lines: list[int]


_constructor = yaml.constructor.SafeConstructor()


def _walk(node: yaml.Node, path: str, seen: set[int], problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        anchor = getattr(node, "anchor", None) or "?"
        problems.append(Problem("yaml-alias", path, line, params={"alias": str(anchor)}))
        return None
    if node.tag not in _ALLOWED:
        problems.append(Problem("yaml-tag", path, line, params={"tag": node.tag.replace("tag:yaml.org,2002:", "!!")}))
        return None
    if isinstance(node, yaml.MappingNode):
        seen.add(id(node))
        out = YMap()
        out.line = line
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _walk(key_node, path, seen, problems)
            if key is None:
                continue
            key = str(key)
            value = _walk(value_node, path, seen, problems)
            kline = key_node.start_mark.line + 1
            if key in out:
                problems.append(Problem("yaml-duplicate-key", path, kline, params={"key": key}))
                continue
            out[key] = value
            out.key_lines[key] = kline
        return out
    if isinstance(node, yaml.SequenceNode):
        seen.add(id(node))
        seq = YList()
        seq.line = line
        seq.item_lines = []
        for item in node.value:
            seq.append(_walk(item, path, seen, problems))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    # scalars may be shared by an alias too; only collections can blow up, but an alias
    # is refused wherever it points.
    seen.add(id(node))
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        problems.append(Problem("yaml-syntax", path, line, params={"detail": str(exc).splitlines()[0]}))
        return None


def load_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """(document, problems). The document is None when it cannot be composed."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        return None, [Problem("yaml-syntax", path, line, params={"detail": detail})]
    except yaml.YAMLError as exc:
        return None, [Problem("yaml-syntax", path, params={"detail": str(exc).splitlines()[0]})]
    if node is None:
        return None, [Problem("file-empty", path)]
    problems: list[Problem] = []
    doc = _walk(node, path, set(), problems)
    return doc, problems
