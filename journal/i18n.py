"""Translations (issue 19): gettext catalogs shipped in journal/locale, one language per process.

journal/ raises messages the user reads, so the gettext calls live here, with
no Textual. The language is chosen once, before anything builds its strings:
`--lang`, then the settings file, then LC_ALL, LC_MESSAGES and LANG
(`pt_BR.UTF-8` means pt-BR; `C` and `POSIX` mean English), then English.

Catalogs are the Python convention: `.po` sources extracted and compiled with
Babel (`make catalogs`), the compiled `.mo` committed beside them so that a
fresh install needs no build step; a test checks that they agree and that no
msgid is missing or fuzzy.
"""
from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "netjournal"
LOCALE_DIR = Path(__file__).parent / "locale"
ENGLISH = "en"
LANGUAGES = (ENGLISH, "pt_BR")  # what --lang accepts; the first is the source language
_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH


def normalise(code: str | None) -> str | None:
    """A locale or language tag as one of LANGUAGES, English for C/POSIX, None if unknown.

    "pt_BR.UTF-8", "pt-br", "pt_BR@euro" and plain "pt" are pt-BR (the only
    Portuguese there is); "en_GB.UTF-8", "C", "POSIX" are English.
    """
    if not code:
        return None
    base = code.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not base:
        return None
    if base in ("C", "POSIX"):
        return ENGLISH
    language = base.split("_")[0].lower()
    if language == "pt":
        return "pt_BR"
    if language == "en":
        return ENGLISH
    return None


def choose(explicit: str | None = None, setting: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language to use, in the order of the module's docstring.

    An explicit --lang that is not supported is an error (the caller says so);
    an unknown setting or environment variable is passed over, as a locale
    netjournal has no catalog for.
    """
    if explicit:
        code = normalise(explicit)
        if code is None:
            raise ValueError(explicit)
        return code
    if normalise(setting) is not None:
        return normalise(setting)
    for name in _ENV:
        if environ.get(name):
            # The first one set decides, as in POSIX: LC_ALL=de_DE.UTF-8 over LANG=pt_BR is not Portuguese.
            return normalise(environ[name]) or ENGLISH
    return ENGLISH


def use(language: str) -> None:
    """Switch every later _() and ngettext() to `language` (one of LANGUAGES)."""
    global _translation, _language
    _language = language
    if language == ENGLISH:
        _translation = gettext.NullTranslations()
    else:
        # The file itself, not gettext.translation(): its search through the
        # locale's variants imports `locale` and globs; 8 ms of each start.
        try:
            with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as fh:
                _translation = gettext.GNUTranslations(fh)
        except OSError:
            _translation = gettext.NullTranslations()  # a catalog missing from an install: English


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """_() for a word whose translation depends on where it is shown ("Settings": the
    settings file, or the places where encounters happen)."""
    return _translation.pgettext(context, message)


def digits(number: int) -> str:
    """An integer with the language's separator of thousands: 200,000 in English, 200.000 in pt-BR."""
    text = f"{number:,}"
    return text.replace(",", ".") if _language == "pt_BR" else text


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it with _() where it is shown."""
    return message
