"""Matching names and subjects the way people type them: no case, no accents.

"jose" finds "José"; an ambiguous name is reported with its candidates and
never resolved by a guess.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .text import clean


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "  José  Souza" -> "jose souza".

    Control characters are ignored too (journal.text.clean): a name or subject
    a hand-edited file left with some is shown, and typed back, without them,
    and must still find its record.
    """
    decomposed = unicodedata.normalize("NFKD", clean(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


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
    ambiguous. No match means a new person.
    """
    key = fold(typed)
    exact: list[str] = []
    first_name: list[str] = []
    single_word = " " not in key
    for pid, name, aliases in people:
        names = [fold(name), *(fold(a) for a in aliases)]
        if key in names:
            exact.append(pid)
        elif single_word and any(n.split(" ", 1)[0] == key for n in names if n):
            first_name.append(pid)
    return NameMatch(typed, tuple(exact or first_name))
