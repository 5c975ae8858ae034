"""Matching names and subjects the way people type them: no case, no accents.

"jose" finds "José"; an ambiguous name is reported with its candidates and
never resolved by a guess.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .text import clean


# The combining diacritical mark blocks, removed at C speed; any other
# combining character is caught by the per-character check below.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "  José  Souza" -> "jose souza".

    Control characters are ignored too (journal.text.clean): a name or subject
    a hand-edited file left with some is shown, and typed back, without them,
    and must still find its record.
    """
    text = clean(text)
    if not text.isascii():
        # Search folds every encounter's text, so the common cases run at C
        # speed: only characters still outside ASCII are looked at one by one.
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = _NON_ASCII.sub(_drop_combining, text)
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
INVISIBLE_WHO = "A name in Who has no letters you can see (only accents or invisible characters); type the name."
INVISIBLE_NAME = "The name has no letters you can see (only accents or invisible characters); type the name."
INVISIBLE_ALIAS = "An alias has no letters you can see (only accents or invisible characters); retype or remove it."


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
