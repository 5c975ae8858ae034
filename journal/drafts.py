"""Checking an encounter draft: every problem at once, each naming its field.

The store refuses a draft with these problems (Store._fill raises them); a
form calls `problems` first, so that a bad date and an ambiguous name are
shown together instead of one per ctrl+s.
"""
from __future__ import annotations

from . import clock
from .dates import FUTURE_SLACK
from .credit import ASKED, GAVE, MentionError, credit_fields, spellings
from .errors import AmbiguousNameError, ValidationError
from .i18n import _
from .models import EncounterDraft
from .names import INVISIBLE_WHO, fold, visible
from .text import clean, clean_line


def typed_names(draft: EncounterDraft) -> list[str]:
    return [name for name in (clean_line(n) for n in draft.who) if name]


def problems(store, draft: EncounterDraft, *, when_read: bool = True) -> list[ValidationError]:
    """What is wrong with the draft, in form order (empty: it can be saved).

    `when_read=False`: the form could not read the date and says so itself;
    the other fields are still checked.
    """
    found: list[ValidationError] = []
    names = typed_names(draft)
    if not names and not clean(draft.notes).strip():
        found.append(ValidationError("who", _("Say who you talked with, or what about: Who or the notes must be filled.")))
    if not all(map(visible, names)):
        found.append(ValidationError("who", _(INVISIBLE_WHO)))
    present: list[tuple[str, list[str]]] = []  # (id, or the typed name of someone new; spellings)
    for name in names:
        match = store.match_person(name)
        if match.is_ambiguous:
            found.append(AmbiguousNameError(name, sorted(store.names(list(match.person_ids)))))
        elif match.is_new:
            present.append((name, [name]))
        else:
            present.append((match.person_ids[0], spellings(store.person(match.person_ids[0]))))
    if when_read:
        if draft.when is None or draft.when.tzinfo is None:
            found.append(ValidationError("when", _("The date needs a time zone.")))
        elif draft.when > clock.utc_now() + FUTURE_SLACK:
            found.append(ValidationError("when", _("That date is in the future; an encounter has already happened.")))
    for kind, text in ((GAVE, draft.gave), (ASKED, draft.asked)):
        try:
            credit_fields({kind: clean(text)}, present)
        except MentionError as exc:
            found.append(ValidationError(kind, str(exc)))
    if draft.due is not None and not clean_line(draft.follow_up):
        found.append(ValidationError("follow_up", _("A due date needs a follow-up: say what to do.")))
    mine = {fold(q) for q in store.me().qualities}
    unknown = [t for t in (clean_line(t) for t in draft.told) if t and fold(t) not in mine]
    if unknown:
        found.append(ValidationError(
            "told", _("'{quality}' is not one of your qualities; add it first (Visibility, e, or netjournal me --quality).").format(
                quality=unknown[0])))
    if clean_line(draft.met_through):
        match = store.match_person(clean_line(draft.met_through))
        if match.is_new or match.is_ambiguous:
            found.append(ValidationError("met_through", _("Met through: that person is not in the journal (or the name could be two).")))
    return found


def parse_introductions(text: str) -> list[tuple[str, str]]:
    """ "Rosa > Tomás, Carla > Dora" (or "Ana to Bruno") as pairs of names; ValidationError under its field."""
    pairs = []
    for part in text.split(","):
        part = clean_line(part)
        if not part:
            continue
        for separator in (">", " to ", " para ", " a "):
            if separator in part:
                a, _sep, b = part.partition(separator)
                if clean_line(a) and clean_line(b):
                    pairs.append((clean_line(a), clean_line(b)))
                    break
        else:
            raise ValidationError("introduced", _("Write whom you introduced to whom as 'Rosa > Tomás' ('{part}' has no '>').").format(part=part))
    return pairs
