"""Whom a give or an ask counts for.

An encounter records what you gave and what you asked as text. With several
people present, "an intro to the mayor's office" was usually given to one of
them, not to everyone. Writing `@Name` in the text names them ("@Conceição an
intro to the mayor's office"); the encounter then keeps their ids in
`gave_to` / `asked_of`. Without an `@Name` the field is absent and the give or
ask counts for everyone present, which is also what every encounter written
before these fields existed means.

`@Name` matches a person present (in Who) by full name, alias or first name,
ignoring case and accents; the longest match wins ("@Ana Souza" over "@Ana").
An `@` that does not start a word (in an e-mail address) is not a mention.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .i18n import _
from .models import Encounter
from .names import fold

GAVE, ASKED = "gave", "asked"
FIELDS = {GAVE: "gave_to", ASKED: "asked_of"}

# An @ that starts a word (after a space or a parenthesis, or first): not inside
# an e-mail address, nor markup-like text such as "[@click=...]".
_MENTION = re.compile(r"(?:^|(?<=[\s(]))@(?=\w)")
_WORD = re.compile(r"\w[\w'’.-]*")


class MentionError(ValueError):
    """An @Name that names nobody present, or several people; the message says what to do."""


def text_of(encounter: Encounter, kind: str) -> str:
    return encounter.gave if kind == GAVE else encounter.asked


def credited(encounter: Encounter, kind: str) -> list[str]:
    """The ids of the people a give (kind GAVE) or an ask (ASKED) counts for."""
    if not text_of(encounter, kind).strip():
        return []
    named = getattr(encounter, FIELDS[kind])
    if named is None:
        return list(encounter.people)
    return [pid for pid in named if pid in encounter.people]


def mentioned(text: str, present: Iterable[tuple[str, Iterable[str]]]) -> list[str] | None:
    """The keys of the people present that `text` names with @Name, in order; None if it names nobody.

    `present`: (key, [name, alias, ...]) for each person in Who. Raises
    MentionError for an @Name that matches nobody present, or two people equally.
    """
    starts = [m.end() for m in _MENTION.finditer(text)]
    if not starts:
        return None
    spellings: list[tuple[str, str]] = []  # (folded spelling, key)
    for key, names in present:
        for name in names:
            folded = fold(name)
            if folded:
                spellings.append((folded, key))
                spellings.append((folded.split(" ", 1)[0], key))
    found: list[str] = []
    for start in starts:
        rest = fold(text[start:])
        best: dict[str, int] = {}
        for spelling, key in spellings:
            if rest.startswith(spelling) and not rest[len(spelling):len(spelling) + 1].isalnum():
                best[key] = max(best.get(key, 0), len(spelling))
        word = _WORD.match(text, start).group()
        if not best:
            raise MentionError(
                _("@{word}: nobody in Who has that name. Add them to Who, or write the name without @.").format(word=word)
            )
        longest = max(best.values())
        keys = [key for key, length in best.items() if length == longest]
        if len(keys) > 1:
            raise MentionError(_("@{word} could be several people in Who; type more of the name.").format(word=word))
        if keys[0] not in found:
            found.append(keys[0])
    return found


def spellings(person) -> list[str]:
    """The names an @mention may use for a person: name and aliases (first names follow)."""
    return [person.name, *person.aliases]


def credit_fields(text_by_kind: dict[str, str], present: list[tuple[str, list[str]]]) -> dict[str, list[str] | None]:
    """{"gave_to": ids or None, "asked_of": ...} for the texts; raises MentionError with `.field` set."""
    result: dict[str, list[str] | None] = {}
    for kind, text in text_by_kind.items():
        try:
            result[FIELDS[kind]] = mentioned(text, present) if text.strip() else None
        except MentionError as exc:
            exc.field = kind
            raise
    return result
