"""Reading text files the way Chinese offices save them: BOM, UTF-8, then GB18030.

Excel and WPS save "CSV" as GBK with no BOM and "CSV UTF-8" as UTF-8 with a BOM; GB18030
is a superset of GBK, so it reads both GBK and the rarer characters.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from .errors import Problem

__all__ = ["decode_bytes", "read_bytes", "read_text", "text_of", "MAX_FILE_BYTES", "MAX_LINE_CHARS", "display_path", "digest",
           "private_file", "make_private_dir", "has_control"]

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_LINE_CHARS = 100_000

_CONTROL = {c for c in range(32) if c not in (9, 10, 13)} | {127}
_DROP_CONTROL = dict.fromkeys(_CONTROL)


def has_control(text: str) -> bool:
    """Whether a name holds a control, format or line/paragraph separator character (Cc,
    Cf, Zl, Zp): the one rule for department names, leaders and titles, applied by the
    catalogue (``validate``) and by the writer (``add-progress``, ``import``) alike."""
    import unicodedata

    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working folder when inside it."""
    import os

    try:  # the folder resolved, not the name: a link is shown as itself, never as its target
        return str((_resolved(str(path.parent), os.getcwd()) / path.name).relative_to(_resolved(".", os.getcwd())))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _resolved(folder: str, cwd: str) -> Path:
    """``folder`` resolved from ``cwd``, remembered while the working folder stays: a ledger's
    240 files share a dozen folders (two resolves a file were a tenth of a warm run)."""
    key = (folder, cwd)
    got = _RESOLVED.get(key)
    if got is None:
        if len(_RESOLVED) > 1024:
            _RESOLVED.clear()
        got = _RESOLVED[key] = Path(cwd, folder).resolve()
    return got


_RESOLVED: dict[tuple[str, str], Path] = {}


def forget_folders() -> None:
    """Resolve every folder afresh from now on (a command's start)."""
    _RESOLVED.clear()


def make_private_dir(folder: Path) -> None:
    """Create a cache folder (and the parents it lacks) that only this user may open or write."""
    if not folder.parent.exists():
        make_private_dir(folder.parent)
    folder.mkdir(mode=0o700, exist_ok=True)


def private_file(fd: int, folder: Path) -> bool:
    """Whether an open cache file and its folder belong to this user and no one else may
    write them: only then may a cache that runs code when loaded (pickle) be trusted."""
    import os
    import stat

    getuid = getattr(os, "getuid", None)
    if getuid is None:  # no POSIX owners (Windows): the folder is in the user's own profile
        return True
    uid = getuid()
    try:
        for st in (os.fstat(fd), os.stat(folder)):
            if st.st_uid != uid or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return False
    except OSError:
        return False
    return True


def _small_sha256() -> Any:
    """CPython's built-in SHA-256, for small inputs: ``hashlib`` first loads OpenSSL
    (≈5 ms of a start here). OpenSSL's is 5-6 times faster per byte where the processor
    has SHA instructions (100 MB: 0.06 s against 0.33 s), so from 64 KB on it is used."""
    global _SHA256
    if _SHA256 is None:
        try:
            from _sha256 import sha256  # Python 3.11
        except ImportError:
            try:
                from _sha2 import sha256  # Python 3.12+
            except ImportError:  # pragma: no cover - another interpreter
                from hashlib import sha256
        _SHA256 = sha256
    return _SHA256


_SHA256: Any = None


def digest(*chunks: bytes) -> str:
    """SHA-256 of the chunks, each prefixed by its length (no two lists collide)."""
    if sum(len(c) for c in chunks) > 1 << 16:
        from hashlib import sha256

        h = sha256()
    else:
        h = _small_sha256()()
    for c in chunks:
        h.update(len(c).to_bytes(8, "little"))
        h.update(c)
    return h.hexdigest()


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name; raises UnicodeDecodeError / ValueError("binary")."""
    if b"\x00" in data:
        raise ValueError("binary")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):  # a UTF-8 file with a bad byte: not a GBK file to garble
            raise exc
        text = data.decode("gb18030")
        return text, "gb18030"


_UTF8_MULTI = None
_ASCII = bytes(range(128))


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not strict UTF-8 are still plausibly UTF-8: their non-ASCII
    bytes are four times more often parts of valid UTF-8 sequences than not. GBK text
    read as UTF-8 is about half invalid; a UTF-8 file with one stray byte is almost all valid."""
    import re

    global _UTF8_MULTI
    if _UTF8_MULTI is None:
        _UTF8_MULTI = re.compile(
            rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
            rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
            rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
    non_ascii = len(data.translate(None, _ASCII))
    valid = sum(len(m) for m in _UTF8_MULTI.findall(data))
    bad = non_ascii - valid
    return valid > 0 and bad * 4 <= valid


def bad_byte_place(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int, str]:
    """(line, column in bytes, the byte as 0xNN) of the first byte that is not UTF-8."""
    pos = exc.start
    line_start = data.rfind(b"\n", 0, pos) + 1
    return data.count(b"\n", 0, pos) + 1, pos - line_start + 1, f"0x{data[pos]:02X}"


_CONTROL_BYTES = bytes(sorted(_CONTROL))


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    # control characters are ASCII, one byte each in UTF-8: bytes.translate counts them
    # in C (str.translate looks up every character of a Chinese text in a dict: 1 ms)
    raw = sample.encode("utf-8", "surrogatepass")
    bad = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    return bad > max(2, len(sample) // 100)


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a data file, or None and the problem (missing, unreadable, too large)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem("file-too-large", shown, params={"size": str(size), "limit": str(MAX_FILE_BYTES)})]
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem("file-missing", shown)]
    except OSError as exc:
        return None, [Problem("file-unreadable", shown, params={"detail": exc.strerror or str(exc)})]


def read_text(path: Path, shown: str | None = None) -> tuple[str | None, str, list[Problem]]:
    """(text, encoding, problems) for a data file; text is None when it cannot be used."""
    shown = shown or display_path(path)
    data, problems = read_bytes(path, shown)
    if data is None:
        return None, "", problems
    return text_of(data, shown)


def text_of(data: bytes, shown: str) -> tuple[str | None, str, list[Problem]]:
    """``read_text`` for bytes already read."""
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        if isinstance(exc, UnicodeDecodeError):
            if exc.encoding.replace("-", "").lower() in ("utf8", "utf8sig"):
                off = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
                line, col, byte = bad_byte_place(data[off:], exc)
                return None, "", [Problem("bad-utf8-byte", shown, line, None, {"byte": byte, "column": str(col)})]
            line, _col, byte = bad_byte_place(data, exc)  # the first byte GB18030 cannot read either
            return None, "", [Problem("bad-encoding", shown, line, None, {"byte": byte})]
        return None, "", [Problem("file-binary", shown)]
    if _looks_binary(text):
        return None, "", [Problem("file-binary", shown)]
    if not text.strip():
        return None, encoding, [Problem("file-empty", shown)]
    return text, encoding, []


def long_line(text: str, limit: int = MAX_LINE_CHARS) -> tuple[int, int] | None:
    """(line number, length) of the first line longer than ``limit``, if any."""
    if len(text) <= limit:
        return None
    start = 0
    lineno = 1
    n = len(text)
    while start < n:
        end = text.find("\n", start)
        if end == -1:
            end = n
        if end - start > limit:
            return lineno, end - start
        start = end + 1
        lineno += 1
    return None
