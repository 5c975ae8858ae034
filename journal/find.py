"""Search beyond encounters: people by anything written about them, and opinions.

The same rule as encounter search (Store.search): every folded word of the
query must appear, in any order, accents and case ignored.
"""
from __future__ import annotations

from .models import Opinion, Person
from .names import fold


def _matches(words: list[str], *texts: str) -> bool:
    haystack = fold(" ".join(texts))
    return all(word in haystack for word in words)


def people_matching(store, query: str) -> list[Person]:
    """People whose name, aliases, organisation, interests or notes hold every word, A to Z."""
    words = fold(query).split()
    if not words:
        return []
    found = [
        p for p in store.people()
        if _matches(words, p.name, *p.aliases, p.organisation, *p.interests, p.notes)
    ]
    return sorted(found, key=lambda p: fold(p.name))


def opinions_matching(store, query: str) -> list[Opinion]:
    """Opinions whose subject or stance holds every word, most recently changed first."""
    words = fold(query).split()
    if not words:
        return []
    return [o for o in store.opinions.all() if _matches(words, o.subject, o.stance)]
