"""YAML for data files: plain values only, every mapping and item knows its line.

The document is built from the parser's events in one pass (linear time, aliases are
not expanded): custom tags (``!!python/object``…), anchors/aliases (the "billion laughs"
bomb) and duplicate keys are problems with a line, never exceptions or hangs.

PyYAML is imported only when a document is actually parsed: a parsed document and its
problems are kept in the cache folder the caller passes (under ``yaml/``), keyed by
the SHA-256 of the text, the path shown in problems, this module's and errors.py's size
and mtime, the installed PyYAML and the Python version, so an unchanged ledger file
costs an unpickle instead of an import of PyYAML and a parse. An entry is unpickled
only from a folder and file that this user owns and no one else may write
(``textio.private_file``): a cache another user could write is never loaded.
"""

from __future__ import annotations

from datetime import date
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


def _yaml() -> Any:
    global yaml, _Loader
    if yaml is None:
        import yaml as module

        try:  # libyaml is ~10x faster; PyPI wheels ship it
            from yaml import CSafeLoader as base
        except ImportError:  # pragma: no cover
            from yaml import SafeLoader as base  # type: ignore[assignment]

        _Loader = base
        yaml = module
    return yaml


# a scalar's constructed value depends only on its tag and text; these kinds are immutable,
# so one value serves every scalar that says the same
_SHAREABLE = (str, int, float, bool, type(None), date)  # (datetime is a date)


class _Anchored(Exception):
    """The document has an anchor: build it again keeping the events of anchored nodes."""


def _build(loader: Any, path: str, problems: list[Problem], anchored: bool) -> tuple[bool, Any]:
    """(whether the stream holds a document, the document as YMap/YList/plain values with
    lines), read from the parser's events in one pass; problems in document order.

    This is PyYAML's composer and a walk of its nodes in one: the composer's rules (an
    alias names an anchor defined before it, an anchor is defined once, one document per
    stream) raise its own ``ComposerError``; each node's tag is the loader's resolver's
    and its value the loader's constructor's. Custom tags are refused, each anchored node
    is walked once and any further alias of it is a problem (the billion laughs), a
    duplicate key is a problem. A value that is not walked (under a refused tag or a null
    key) is still read, for the anchors it defines. Without ``anchored`` an anchor raises
    ``_Anchored``: only then are the events of each anchored node kept, for an alias of
    it whose node was not walked where it stands."""
    events = yaml.events
    scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
    mapping_start, mapping_end = events.MappingStartEvent, events.MappingEndEvent
    sequence_start, sequence_end = events.SequenceStartEvent, events.SequenceEndEvent
    composer_error = yaml.composer.ComposerError
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    resolve, construct = loader.resolve, loader.construct_object
    # the loader's own constructor of each plain scalar kind, called as construct_object
    # would call it, without its bookkeeping for collections (a map or seq tag on a
    # scalar goes through construct_object, which refuses it)
    constructors = {tag: loader.yaml_constructors[tag] for tag in _ALLOWED if not tag.endswith((":map", ":seq"))}
    allowed = _ALLOWED
    values: dict[tuple[str, str], Any] = {}  # (tag, text) → value of a tagged scalar, of the immutable kinds
    plain: dict[tuple[str, Any], Any] = {}  # (text, implicit flags) → value of an untagged one
    miss = object()
    anchors: dict[str, list[Any]] = {}  # name → the events of its node, its start first
    seen: set[str] = set()  # anchored nodes walked
    told: set[str] = set()  # anchored nodes whose alias is a problem already
    recording: list[list[Any]] = []  # the anchored nodes being read
    replays: list[Any] = []  # the recorded events an alias is walking now, innermost last
    get_event = loader.get_event

    def next_event() -> Any:
        if replays:
            return next(replays[-1])
        event = get_event()
        for events_of in recording:
            events_of.append(event)
        return event

    nxt = next_event if anchored else get_event

    def node(event: Any, walk: bool) -> Any:
        """The value of the node that starts with ``event`` (None when ``walk`` is false:
        its events are only read). One frame per level of nesting."""
        cls = type(event)
        if cls is alias_event:
            name = event.anchor
            if name not in anchors:
                raise composer_error(None, None, "found undefined alias", event.start_mark)
            if not walk:
                return None
            if name in seen:
                if name not in told:  # once per anchored node, not at each of its (maybe thousands of) uses
                    told.add(name)
                    problems.append(Problem("yaml-alias", path, anchors[name][0].start_mark.line + 1,
                                            params={"alias": "?"}))
                return None
            replays.append(iter(anchors[name][1:]))  # its node was not walked where it stands: walk it here
            value = node(anchors[name][0], True)
            replays.pop()
            return value
        name = event.anchor
        defines = name is not None and not replays
        if defines:
            if not anchored:
                raise _Anchored
            if name in anchors:
                raise composer_error("found duplicate anchor; first occurrence", anchors[name][0].start_mark,
                                     "second occurrence", event.start_mark)
            anchors[name] = events_of = [event]
            recording.append(events_of)
        if walk and name is not None and name in seen:  # an anchored node met again, inside another
            if name not in told:
                told.add(name)
                problems.append(Problem("yaml-alias", path, event.start_mark.line + 1, params={"alias": "?"}))
            walk = False
        if walk:
            tag = event.tag
            if cls is scalar_event:
                if tag is None or tag == "!":
                    tag = resolve(scalar_node, event.value, event.implicit)
            elif tag is None or tag == "!":
                tag = resolve(mapping_node if cls is mapping_start else sequence_node, None, event.implicit)
            if tag not in allowed:
                problems.append(Problem("yaml-tag", path, event.start_mark.line + 1,
                                        params={"tag": tag.replace("tag:yaml.org,2002:", "!!")}))
                walk = False
            elif name is not None:
                seen.add(name)
        if cls is mapping_start:
            out = YMap()  # (filled only when walked)
            out.line = event.start_mark.line + 1
            out.key_lines = key_lines = {}
            while True:
                key_event = nxt()
                cls = type(key_event)
                if cls is mapping_end:
                    break
                # (a plain scalar met before, the most of a document: its value, with no call)
                key = plain.get((key_event.value, key_event.implicit), miss) if (
                    walk and cls is scalar_event and key_event.tag is None and key_event.anchor is None) else miss
                if key is miss:
                    key = node(key_event, walk)
                if key is None:
                    node(nxt(), False)
                    continue
                key = str(key)
                value_event = nxt()
                item = plain.get((value_event.value, value_event.implicit), miss) if (
                    type(value_event) is scalar_event and value_event.tag is None
                    and value_event.anchor is None) else miss
                if item is miss:
                    item = node(value_event, True)
                kline = (anchors[key_event.anchor][0] if cls is alias_event else key_event).start_mark.line + 1
                if key in out:
                    problems.append(Problem("yaml-duplicate-key", path, kline, params={"key": key}))
                    continue
                out[key] = item
                key_lines[key] = kline
            value = out if walk else None
        elif cls is sequence_start:
            seq = YList()
            seq.line = event.start_mark.line + 1
            seq.item_lines = item_lines = []
            while True:
                item_event = nxt()
                cls = type(item_event)
                if cls is sequence_end:
                    break
                item = plain.get((item_event.value, item_event.implicit), miss) if (
                    walk and cls is scalar_event and item_event.tag is None and item_event.anchor is None) else miss
                if item is miss:
                    item = node(item_event, walk)
                if walk:
                    seq.append(item)
                    item_lines.append((anchors[item_event.anchor][0] if cls is alias_event
                                       else item_event).start_mark.line + 1)
            value = seq if walk else None
        elif not walk:
            value = None
        else:
            untagged = event.tag is None and name is None  # (its value is kept in plain below)
            memo = (tag, event.value)
            value = miss if untagged else values.get(memo, miss)
            if value is miss:
                scalar = scalar_node(tag, event.value, event.start_mark, event.end_mark, event.style)
                try:
                    own = constructors.get(tag)
                    value = own(loader, scalar) if own is not None else construct(scalar, deep=True)
                except (yaml.YAMLError, ValueError, OverflowError) as exc:
                    problems.append(Problem("yaml-syntax", path, event.start_mark.line + 1,
                                            params={"detail": str(exc).splitlines()[0]}))
                    value = miss
                else:
                    if isinstance(value, _SHAREABLE):
                        if untagged:
                            plain[(event.value, event.implicit)] = value
                        else:
                            values[memo] = value
            if value is miss:
                value = None
        if defines:
            recording.pop()
        return value

    nxt()  # the stream's start
    event = nxt()
    if type(event) is events.StreamEndEvent:
        return False, None
    root_event = nxt()  # (after the document's start)
    doc = node(root_event, True)
    nxt()  # the document's end
    event = nxt()
    if type(event) is not events.StreamEndEvent:
        raise composer_error("expected a single document in the stream", root_event.start_mark,
                             "but found another document", event.start_mark)
    return True, doc


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
    try:
        return _read(text, path, anchored=False)
    except _Anchored:  # (rare: an anchor in a data file is refused where it is used)
        return _read(text, path, anchored=True)


def _read(text: str, path: str, anchored: bool) -> tuple[Any, list[Problem]]:
    import sys

    yaml = _yaml()
    loader = _Loader(text)
    problems: list[Problem] = []
    limit = sys.getrecursionlimit()
    try:
        # libyaml refuses nesting deeper than 1,000 levels ("exceeded maximum nesting
        # depth", a located yaml-syntax problem); the build takes one frame per level
        sys.setrecursionlimit(max(limit, 2500))
        found, doc = _build(loader, path, problems, anchored)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        return None, [Problem("yaml-syntax", path, line, params={"detail": detail})]
    except yaml.YAMLError as exc:
        return None, [Problem("yaml-syntax", path, params={"detail": str(exc).splitlines()[0]})]
    finally:
        sys.setrecursionlimit(limit)
        loader.dispose()
    if not found:
        return None, [Problem("file-empty", path)]
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
