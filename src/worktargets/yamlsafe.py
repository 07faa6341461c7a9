"""YAML for data files: plain values only, every mapping and item knows its line.

The document is composed into nodes (linear time, aliases are not expanded), then walked
once: custom tags (``!!python/object``…), anchors/aliases (the "billion laughs" bomb) and
duplicate keys are problems with a line, never exceptions or hangs.

PyYAML is imported only when a document is actually parsed: a parsed document and its
problems are kept in the cache folder the caller passes (under ``yaml/``), keyed by
the SHA-256 of the text, the path shown in problems, this module's and errors.py's size
and mtime, the installed PyYAML and the Python version, so an unchanged ledger file
costs an unpickle instead of an import of PyYAML and a parse. An entry is unpickled
only from a folder and file that this user owns and no one else may write
(``textio.private_file``): a cache another user could write is never loaded.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem

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


yaml: Any = None  # PyYAML, imported by _yaml() on the first parse
_Loader: Any = None
_constructor: Any = None


def _yaml() -> Any:
    global yaml, _Loader, _constructor
    if yaml is None:
        import yaml as module

        try:  # libyaml is ~10x faster; PyPI wheels ship it
            from yaml import CSafeLoader as loader
        except ImportError:  # pragma: no cover
            from yaml import SafeLoader as loader  # type: ignore[assignment]
        _Loader, _constructor = loader, module.constructor.SafeConstructor()
        yaml = module
    return yaml


def _walk(node: Any, path: str, seen: set[int], problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        if -id(node) not in seen:  # once per anchored node, not at each of its (maybe thousands of) uses
            seen.add(-id(node))
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


def load_yaml(text: str, path: str, cache_dir: Any = None) -> tuple[Any, list[Problem]]:
    """(document, problems). The document is None when it cannot be composed.
    ``cache_dir``: the cache folder (None: no cache)."""
    key = None
    cache = None if cache_dir is None else cache_dir / "yaml"
    if cache is not None:
        import pickle

        from .textio import digest, private_file

        key = digest(text.encode("utf-8", "surrogatepass"), path.encode("utf-8", "surrogatepass"),
                     _code_stamp().encode("utf-8", "surrogatepass"))
        try:
            with open(cache / f"{key}.pickle", "rb") as fh:
                if not private_file(fh.fileno(), cache):
                    raise OSError("not this user's own cache")
                doc, problems = pickle.load(fh)
            if isinstance(problems, list) and all(isinstance(p, Problem) for p in problems):
                return doc, problems
        except Exception:  # a missing, old or damaged entry is only a miss
            pass
    result = _parse(text, path)
    if key is not None:
        _store(cache, key, result)  # type: ignore[arg-type]
    return result


def _parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    yaml = _yaml()
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
    if any(p.code == "yaml-alias" for p in problems):
        problems = _place_aliases(text, problems)
    return doc, problems


def _place_aliases(text: str, problems: list[Problem]) -> list[Problem]:
    """Each alias problem at its alias's first use, with its name: a composed node knows only
    its anchor's place. The walk reports each anchored node once, at its first alias in
    document order, as the parser meets them."""
    yaml = _yaml()
    try:
        marks = [(e.anchor, e.start_mark.line + 1) for e in yaml.parse(text, Loader=_Loader)
                 if isinstance(e, yaml.AliasEvent)]
    except yaml.YAMLError:  # pragma: no cover - the text was composed once already
        return problems
    firsts: dict[Any, int] = {}
    for name, line in marks:
        firsts.setdefault(name, line)
    if len(firsts) != sum(p.code == "yaml-alias" for p in problems):
        return problems  # an alias under a refused tag is never walked: keep the anchor's place
    found = iter(firsts.items())
    out = []
    for p in problems:
        if p.code == "yaml-alias":
            name, line = next(found)
            p = Problem("yaml-alias", p.path, line, p.field, {"alias": str(name)}, p.severity)
        out.append(p)
    return out


_CACHE_FORMAT = 1
_CACHE_KEEP = 1024  # entries; the oldest are removed once per process beyond this
_stamp: str | None = None
_pruned = False


def _code_stamp() -> str:
    """What besides the text decides the result: this module, the problem type, the
    installed PyYAML (found, not imported) and the Python version."""
    global _stamp
    if _stamp is None:
        import os
        import sys
        from importlib.machinery import PathFinder

        from . import __version__

        here = os.path.dirname(__file__)
        files = [os.path.join(here, "yamlsafe.py"), os.path.join(here, "errors.py")]
        spec = PathFinder.find_spec("yaml")
        files.append(spec.origin if spec is not None and spec.origin else "no-yaml")
        parts = [__version__, str(_CACHE_FORMAT), sys.version]
        for name in files:
            try:
                st = os.stat(name)
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(name)
        _stamp = "|".join(parts)
    return _stamp


def _store(cache: Any, key: str, result: tuple[Any, list[Problem]]) -> None:
    """Write one entry atomically; a read-only home or a full disk costs only speed."""
    global _pruned
    import os
    import pickle

    try:
        from .textio import make_private_dir

        make_private_dir(cache)
        tmp = cache / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cache / f"{key}.pickle")
        if not _pruned:
            _pruned = True
            entries = list(cache.glob("*.pickle"))
            if len(entries) > _CACHE_KEEP:
                entries.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
                for old in entries[_CACHE_KEEP:]:
                    old.unlink(missing_ok=True)
    except Exception:
        pass
