"""Matching names and subjects the way people type them: no case, no accents.

"jose" finds "José", "soren" finds "Søren"; an ambiguous name is reported with its candidates and
never resolved by a guess.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .i18n import N_
from .text import clean


# The combining diacritical mark blocks, removed at C speed; any other
# combining character is caught by the per-character check below.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# Invisible characters (soft hyphen, zero-width space and joiners, marks, word
# joiner, BOM, variation selectors, tags): kept in stored text (they make emoji
# sequences), ignored when matching, so "An\u200ba" cannot pass for a second Ana.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff\U000e0000-\U000e007f]")


# Latin letters that no decomposition reduces to ASCII (ø, ł, æ, đ, ß, þ...):
# someone typing on an ASCII keyboard writes "Soren" for Søren. They are
# transliterated with anyascii (ISC licence), only them: other scripts stay as
# they are, since "王" transliterated to "wang" would find every "Wangen", and
# an emoji would turn into ":woman:". The blocks: Latin-1 Supplement, Latin
# Extended-A and -B, IPA, Latin Extended Additional, -C, -D, -E.
_LATIN = re.compile("[\u00c0-\u02af\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f]")
# The common ones, by hand, so that folding a name with them does not import
# anyascii (17 ms, most of it importlib.resources: a fifth of `netjournal
# add`). A test checks each against anyascii.
_LATIN_BY_HAND = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ẞ": "Ss",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng", "ŧ": "t", "Ŧ": "T", "ƒ": "f",
}
_latin_cache = dict(_LATIN_BY_HAND)


def _transliterate(match: re.Match) -> str:
    letter = match.group()
    ascii_ = _latin_cache.get(letter)
    if ascii_ is None:
        from anyascii import anyascii  # only for the rarer letters: see _LATIN_BY_HAND

        ascii_ = _latin_cache[letter] = anyascii(letter)
    return ascii_


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "  José  Søren" -> "jose soren".

    Accents go (NFKD, then the combining marks), Latin letters that do not
    decompose are transliterated (ø -> o, æ -> ae, ł -> l); other scripts,
    emoji included, are kept. Control characters are ignored too
    (journal.text.clean): a name or subject a hand-edited file left with some
    is shown, and typed back, without them, and must still find its record.
    """
    text = clean(text)
    if not text.isascii():
        # Search folds every encounter's text, so the common cases run at C
        # speed: only characters still outside ASCII are looked at one by one.
        text = _INVISIBLE.sub("", _MARKS.sub("", unicodedata.normalize("NFKD", text)))
        if not text.isascii():
            text = _NON_ASCII.sub(_drop_combining, _LATIN.sub(_transliterate, text))
    return " ".join(text.casefold().split())


# NameIndex folds every person's names each time it is rebuilt (after people
# change); most names are the same as last time. Names are short and few, so
# the cache stays small.
_folded_name = lru_cache(maxsize=8192)(fold)


@dataclass(frozen=True)
class NameMatch:
    """The outcome of looking a typed name up among known people."""

    name: str
    person_ids: tuple[str, ...]

    @property
    def is_new(self) -> bool:
        return not self.person_ids

    @property
    def is_ambiguous(self) -> bool:
        return len(self.person_ids) > 1


def match_name(typed: str, people: Iterable[tuple[str, str, Iterable[str]]]) -> NameMatch:
    """Find who `typed` means among (id, name, aliases) triples.

    A full name or alias matching after folding wins. Failing that, a single
    word matches people whose first name it is ("Ana" finds "Ana Souza"), since
    that is how encounters are typed in a hurry; two such people make it
    ambiguous. No match means a new person. (The store keeps a NameIndex
    rather than calling this for every save.)
    """
    return NameIndex(people).match(typed)


class NameIndex:
    """People's folded names and first names, for match_name's rules by dictionary lookups.

    A save resolves every typed name against every person; with the folded
    names indexed once (the store rebuilds this when people change), that is
    a lookup instead of a pass over everyone (2 ms of a save at 500 people).
    Matches come in the order the people were added (a test checks the rules
    against a plain pass over everyone).
    """

    def __init__(self, people: Iterable[tuple[str, str, Iterable[str]]] = ()):
        self._exact: dict[str, list[str]] = {}
        self._first: dict[str, list[str]] = {}
        for pid, name, aliases in people:
            self.add(pid, name, aliases)

    def add(self, pid: str, name: str, aliases: Iterable[str]) -> None:
        names = dict.fromkeys([_folded_name(name), *(_folded_name(a) for a in aliases)])
        for folded in names:
            self._exact.setdefault(folded, []).append(pid)
        for first in dict.fromkeys(n.split(" ", 1)[0] for n in names if n):
            self._first.setdefault(first, []).append(pid)

    def copy(self) -> "NameIndex":
        other = NameIndex()
        other._exact = {key: list(pids) for key, pids in self._exact.items()}
        other._first = {key: list(pids) for key, pids in self._first.items()}
        return other

    def match(self, typed: str) -> NameMatch:
        key = fold(typed)
        exact = self._exact.get(key)
        if exact:
            return NameMatch(typed, tuple(exact))
        if " " in key:
            return NameMatch(typed, ())
        return NameMatch(typed, tuple(self._first.get(key, ())))


# Characters that draw nothing by themselves: controls, format characters
# (zero-width space and joiners, bidi marks, the BOM, tags), combining marks,
# separators; and the few letters fonts draw blank.
_DRAW_NOTHING = frozenset({"Cc", "Cf", "Cs", "Mn", "Me", "Zs", "Zl", "Zp"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")

# The store's messages for such names, under the field they were typed in.
# Marked here, translated where raised (journal.store).
INVISIBLE_WHO = N_("A name in Who has no letters you can see (only accents or invisible characters); type the name.")
INVISIBLE_NAME = N_("The name has no letters you can see (only accents or invisible characters); type the name.")
INVISIBLE_ALIAS = N_("An alias has no letters you can see (only accents or invisible characters); retype or remove it.")


def visible(name: str) -> bool:
    """Whether `name` has something to see and something to match.

    A name of only accents folds to nothing, one of only zero-width
    characters draws nothing: either makes a person nobody can see, find or
    tell apart. Unassigned and private-use characters count as visible (a
    newer emoji than this Python knows is still a name).
    """
    if not fold(name):
        return False
    return any(unicodedata.category(c) not in _DRAW_NOTHING and c not in _BLANK_LETTERS for c in name)
