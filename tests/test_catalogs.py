"""The translation catalogs are complete and compiled (issue 19).

Fails when the code has a msgid the pt_BR catalog lacks, leaves empty or
marks fuzzy (`make catalogs`, then translate), when a translation loses or
invents a {field}, and when the committed .mo is not the compiled .po (run
`make catalogs` again).
"""
from __future__ import annotations

import gettext
from pathlib import Path
from string import Formatter

import pytest

babel = pytest.importorskip("babel")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from journal import i18n  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.ENGLISH]


def _code_msgids() -> dict[tuple[str | None, str | tuple[str, str]], str]:
    """Every (context, msgid) of the code (a (singular, plural) pair for ngettext; the
    context of pgettext, else None), with where it is."""
    found = {}
    for package in ("journal", "tui"):
        for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")]
        ):
            key = message if isinstance(message, str) else tuple(message)
            found.setdefault((context, key), f"{package}/{filename}:{lineno}")
    return found


def _catalog(language: str):
    with open(i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po", "rb") as fh:
        return read_po(fh)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def code_msgids():
    return _code_msgids()


def test_the_code_has_msgids(code_msgids):
    # A broken extraction (a wrong babel.cfg) would make every other check pass vacuously.
    assert (None, "save one encounter") in code_msgids
    assert (None, ("New: {names}", "New: {names}")) in code_msgids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_is_translated_and_none_is_fuzzy(language, code_msgids):
    catalog = _catalog(language)
    problems = []
    for (context, key), where in code_msgids.items():
        singular = key if isinstance(key, str) else key[0]
        message = catalog.get(singular, context=context)
        if message is None:
            problems.append(f"missing: {key!r} ({where})")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {key!r} ({where})")
        if isinstance(key, tuple) != message.pluralizable or (isinstance(key, tuple) and message.id != key):
            problems.append(f"plural forms differ from the code: {key!r} ({where})")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {key!r} ({where})")
        wanted = _fields(singular)
        for text in strings:
            if text and _fields(text) != wanted:
                problems.append(f"fields differ: {key!r} -> {text!r} ({where})")
    assert not problems, "run `make catalogs` and translate:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_is_the_compiled_po(language):
    catalog = _catalog(language)
    with open(i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    assert compiled.info().get("plural-forms") == catalog.plural_forms
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            singular, plural = message.id
            for n, text in zip((1, 2), message.string):
                assert compiled.ngettext(singular, plural, n) == text, message.id
        elif message.context:
            assert compiled.pgettext(message.context, message.id) == message.string, message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id
    # A pgettext message is stored under "context\x04msgid" (GNU gettext's form).
    ids = {
        (f"{m.context}\x04" if m.context else "") + (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog if m.id and not m.fuzzy
    }
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in compiled._catalog if key}
    assert compiled_ids == ids, "the .mo is stale: run `make catalogs`"


def test_brazilian_plurals_are_the_traditional_two():
    # CLDR gives pt three forms (the "1 milhão de" one), which gettext tools do not
    # expect; Brazilian catalogs use two, with 0 and 1 singular.
    assert _catalog("pt_BR").plural_forms == "nplurals=2; plural=(n > 1);"
