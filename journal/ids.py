"""Encounter ids typed on the command line: the whole id, or any unique prefix of it.

As git takes the first characters of a commit: `netjournal done 3f2a1b9c`.
An exact id always wins; a prefix of several ids is refused, naming them.
"""
from __future__ import annotations

from .dates import LocalDays
from .errors import NotFoundError, ValidationError
from .i18n import _

SHOWN_CANDIDATES = 5


class AmbiguousIdError(ValidationError):
    """Several encounter ids start with what was typed; `candidates` are their ids, newest first."""

    def __init__(self, field: str, message: str, candidates: list[str]):
        self.candidates = candidates
        super().__init__(field, message)


def resolve_encounter_id(store, text: str, *, field: str = "id") -> str:
    """The id of the one encounter whose id is `text` or starts with it.

    Raises ValidationError (empty), NotFoundError (no match) or
    AmbiguousIdError (several, the message naming them).
    """
    key = text.strip().casefold()
    if not key:
        raise ValidationError(field, _("An encounter id is needed: the id `netjournal add` printed, or its first characters."))
    encounters = store.encounters()
    matches = [e for e in encounters if e.id.casefold().startswith(key)]
    exact = [e for e in matches if e.id.casefold() == key]
    if exact:
        return exact[0].id
    if not matches:
        raise NotFoundError(
            _("No encounter id starts with '{prefix}'. `netjournal agenda` shows the ids of open follow-ups.").format(
                prefix=text.strip()
            )
        )
    if len(matches) == 1:
        return matches[0].id
    matches.sort(key=lambda e: e.when.timestamp(), reverse=True)
    local = LocalDays()
    described = []
    for e in matches[:SHOWN_CANDIDATES]:
        names = ", ".join(store.names(e.people))
        day = local.date_of(e.when).isoformat()
        described.append("{id} ({day}, {names})".format(id=e.id, day=day, names=names) if names else "{id} ({day})".format(id=e.id, day=day))
    listed = "; ".join(described)
    if len(matches) > SHOWN_CANDIDATES:
        message = _("'{prefix}' is the start of {count} encounter ids, among them {listed}. Type more of the id.").format(
            prefix=text.strip(), count=len(matches), listed=listed
        )
    else:
        message = _("'{prefix}' is the start of {count} encounter ids: {listed}. Type more of the id.").format(
            prefix=text.strip(), count=len(matches), listed=listed
        )
    raise AmbiguousIdError(field, message, [e.id for e in matches])
