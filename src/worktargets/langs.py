"""The user's language, from the environment or the operating system: "zh" or "en".

Kept apart from render/words (which loads the model) so the CLI can tell the language
before it parses the line, for nothing more than an environment look-up.
"""

from __future__ import annotations

import os

__all__ = ["detect_lang", "os_language"]


def detect_lang(explicit: str | None = None) -> str:
    """"zh" or "en": an explicit choice, else the locale (WORKTARGETS_LANG, LC_ALL,
    LC_MESSAGES, LANG, LANGUAGE), else the operating system's language (Windows sets no
    locale variable; macOS terminals usually set LANG)."""
    if explicit:
        return "zh" if explicit.lower().startswith("zh") else "en"
    for var in ("WORKTARGETS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "zh" if os_language().lower().startswith("zh") else "en"


def os_language() -> str:
    """The user's language as the system says it ("zh_CN", "en_US", or "" when unknown)."""
    import sys

    if sys.platform == "win32":
        try:
            import ctypes
            import locale

            langid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            return locale.windows_locale.get(langid, "zh" if langid & 0x3FF == 0x04 else "")
        except Exception:  # no ctypes, no kernel32: fall back to the C library's locale
            pass
    try:
        import locale

        return locale.getlocale()[0] or ""
    except (ValueError, AttributeError):
        return ""
