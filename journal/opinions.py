"""Opinion notes: what you think about a subject, and how it changed (issue 5).

One opinion per subject; subjects match the way names do (no case, no
accents), so "Remote work" and "remote WORK" are the same opinion. Changing
the stance or the confidence keeps the version it replaces in `history`,
stamped with when it was replaced and the encounter that prompted the change.

Links to encounters are ids. Deleting an encounter does not touch the
opinions that cite it: undoing the delete restores the encounter under the
same id, and the links come back with it for free. So an opinion may hold ids
of encounters that no longer exist; `opinion_encounters` skips them and
`opinions_for_encounter` works with any id. `unlink_opinion` removes one.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from . import clock
from .errors import NotFoundError, ValidationError
from .models import CONFIDENCES, Encounter, Opinion, OpinionRevision
from .names import fold
from .text import clean, clean_line, first_line
from .i18n import N_, _

FORMED, REVISED, UNCHANGED = "formed", "revised", "unchanged"
_FIELD_HINT = N_("Write it as subject: stance")

_UNSEEN_SUBJECT = N_("A subject needs a letter, a digit or a sign, not only accents.")

def parse_opinion_field(text: str) -> tuple[str, str] | None:
    """The quick-add "subject: stance" field; None when it is left empty.

    Splits at the first colon, so a stance may itself hold colons (a time,
    a link) but a subject cannot.
    """
    if not clean_line(text or ""):
        return None
    subject, colon, stance = clean(text).partition(":")
    subject, stance = clean_line(subject), clean(stance).strip()
    if not colon or not subject or not stance:
        raise ValidationError("opinion", _(_FIELD_HINT))
    if not fold(subject):
        # Refused here, under the field, as saving it would be: accepted, the
        # encounter was saved and the opinion lost with a passing notification.
        raise ValidationError("opinion", _(_UNSEEN_SUBJECT))
    return subject, stance


def opinion_line(opinion: Opinion) -> str:
    """One line for lists and the command line: "Remote work: helps focus (high)"."""
    return f"{opinion.subject}: {first_line(opinion.stance)} ({opinion.confidence})"


@dataclass(frozen=True)
class OpinionChange:
    """One moment an opinion took a new version.

    `stance`/`confidence` are the version from that moment on; `before` is the
    version it replaced (None when the opinion was formed). `encounter` is the
    encounter that prompted it, when one was given (see `formed_from`).
    """

    kind: str  # FORMED or "changed"
    at: datetime  # aware, UTC
    stance: str
    confidence: str
    before: OpinionRevision | None = None
    encounter: str | None = None


CHANGED = "changed"


@dataclass(frozen=True)
class OpinionActivity:
    """An opinion formed or changed within a period, for the weekly review."""

    opinion: Opinion
    changes: tuple[OpinionChange, ...]  # within the period, oldest first

    @property
    def kind(self) -> str:
        """FORMED if it was formed in the period (even if also changed), else CHANGED."""
        return FORMED if any(c.kind == FORMED for c in self.changes) else CHANGED

    @property
    def encounters(self) -> list[str]:
        """Ids of the encounters behind these changes, in order, without repeats."""
        ids: list[str] = []
        for change in self.changes:
            if change.encounter and change.encounter not in ids:
                ids.append(change.encounter)
        return ids

    @property
    def last(self) -> OpinionChange:
        return self.changes[-1]


def formed_from(opinion: Opinion) -> str | None:
    """The encounter an opinion was formed from, as far as the record tells.

    The model has no field for it: an opinion noted with an encounter starts
    with that id first in `encounters`. If that first id is also the prompt of
    a revision, it was most likely linked by that revision, so it is not
    claimed for the formation. An opinion noted bare and linked later by
    `link_opinion` is indistinguishable and reports that first link.
    """
    if not opinion.encounters:
        return None
    first = opinion.encounters[0]
    if any(r.encounter == first for r in opinion.history):
        return None
    return first


def _parse_stamp(stamp: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=clock.local_zone())


def opinion_changes(opinion: Opinion) -> list[OpinionChange]:
    """Every version the opinion took, oldest first: formed, then each change."""
    # history[i] was replaced at history[i].changed_at by history[i + 1],
    # or by the current version for the last entry.
    versions = [(r.stance, r.confidence) for r in opinion.history] + [(opinion.stance, opinion.confidence)]
    changes: list[OpinionChange] = []
    formed_at = _parse_stamp(opinion.created_at)
    if formed_at is not None:
        stance, confidence = versions[0]
        changes.append(OpinionChange(FORMED, formed_at, stance, confidence, None, formed_from(opinion)))
    for i, revision in enumerate(opinion.history):
        at = _parse_stamp(revision.changed_at)
        if at is None:
            continue
        stance, confidence = versions[i + 1]
        changes.append(OpinionChange(CHANGED, at, stance, confidence, revision, revision.encounter))
    return changes


class OpinionBook:
    """The `opinions` table: reading opinions and every change to them.

    It holds the store (composition) and uses only what `_OpinionStore`
    declares. Returned opinions are the store's own objects: read them, do
    not modify them; every change goes through these methods.
    """

    def __init__(self, store: "_OpinionStore"):
        self._store = store

    def _table(self) -> dict[str, Opinion]:
        self._store._sync()
        return self._store._records["opinions"]

    # -------------------------------------------------------------- reading
    def all(self) -> list[Opinion]:
        """All opinions, most recently changed first (ties by subject)."""
        ordered = sorted(self._table().values(), key=lambda o: fold(o.subject))
        ordered.sort(key=lambda o: o.updated_at, reverse=True)
        return ordered

    def get(self, opinion_id: str) -> Opinion:
        try:
            return self._table()[opinion_id]
        except KeyError:
            raise NotFoundError(_("No opinion with id {id}").format(id=opinion_id)) from None

    def find(self, subject: str) -> Opinion | None:
        """The opinion on `subject`, ignoring case and accents."""
        return self._find(subject)

    def _find(self, subject: str) -> Opinion | None:
        key = fold(clean_line(subject or ""))
        if not key:
            return None
        return next((o for o in self._table().values() if fold(o.subject) == key), None)

    def for_encounter(self, encounter_id: str) -> list[Opinion]:
        """Opinions linked to an encounter (deleted or not), most recently changed first."""
        return [o for o in self.all() if encounter_id in o.encounters]

    def encounters_of(self, opinion_id: str) -> list[Encounter]:
        """The encounters behind an opinion that still exist, oldest first."""
        opinion = self.get(opinion_id)
        known = self._store._records["encounters"]
        return sorted((known[e] for e in opinion.encounters if e in known), key=lambda e: e.when)

    def changed_between(self, start: datetime, end: datetime) -> list[OpinionActivity]:
        """Opinions formed or changed with start <= moment < end, latest activity first.

        Naive datetimes are read as local time.
        """
        start, end = (d if d.tzinfo else d.replace(tzinfo=clock.local_zone()) for d in (start, end))
        found: list[OpinionActivity] = []
        for opinion in self.all():
            changes = tuple(c for c in opinion_changes(opinion) if start <= c.at < end)
            if changes:
                found.append(OpinionActivity(opinion, changes))
        found.sort(key=lambda a: a.last.at, reverse=True)
        return found

    # -------------------------------------------------------------- writing
    def note(
        self,
        subject: str,
        stance: str,
        confidence: str = "medium",
        encounter_id: str | None = None,
    ) -> Opinion:
        """Form an opinion on `subject`, or revise the one already there."""
        return self.note_outcome(subject, stance, confidence, encounter_id)[0]

    def note_outcome(
        self,
        subject: str,
        stance: str,
        confidence: str = "medium",
        encounter_id: str | None = None,
    ) -> tuple[Opinion, str]:
        """Like `note_opinion`, also saying what happened: FORMED, REVISED or UNCHANGED.

        UNCHANGED still links `encounter_id` when it is new to the opinion.
        """
        subject = clean_line(subject or "")
        stance = clean(stance or "").strip()
        confidence = clean_line(confidence or "").casefold()
        if not subject:
            raise ValidationError("subject", _("An opinion needs a subject: what is it about?"))
        if not fold(subject):
            # Opinions are found by their folded subject; one that folds to
            # nothing (only accents) could never be found or revised again.
            raise ValidationError("subject", _(_UNSEEN_SUBJECT))
        if not stance:
            raise ValidationError("stance", _("An opinion needs a stance: what do you think?"))
        if confidence not in CONFIDENCES:
            raise ValidationError("confidence", _("Confidence is one of: {choices}.").format(choices=", ".join(CONFIDENCES)))
        with self._store._transaction():
            self._check_encounter(encounter_id)
            existing = self._find(subject)
            stamp = clock.utc_stamp()
            if existing is None:
                opinion = Opinion(subject=subject, stance=stance, confidence=confidence,
                                  created_at=stamp, updated_at=stamp)
                if encounter_id:
                    opinion.encounters.append(encounter_id)
                self._store._put("opinions", opinion)
                return opinion, FORMED
            # A copy, so that a failed save leaves the indexed object untouched.
            opinion = replace(existing, encounters=list(existing.encounters), history=list(existing.history))
            outcome = UNCHANGED
            if (stance, confidence) != (existing.stance, existing.confidence):
                opinion.history.append(OpinionRevision(existing.stance, existing.confidence, stamp, encounter_id or None))
                opinion.stance, opinion.confidence = stance, confidence
                outcome = REVISED
            if encounter_id and encounter_id not in opinion.encounters:
                opinion.encounters.append(encounter_id)
            if opinion == existing:
                return existing, UNCHANGED
            opinion.updated_at = stamp
            self._store._put("opinions", opinion)
        return opinion, outcome

    def link(self, opinion_id: str, encounter_id: str) -> Opinion:
        """Cite an encounter as informing the opinion (no revision, no repeat)."""
        with self._store._transaction():
            current = self.get(opinion_id)
            self._check_encounter(encounter_id)
            if not encounter_id or encounter_id in current.encounters:
                return current
            opinion = replace(current, encounters=[*current.encounters, encounter_id], updated_at=clock.utc_stamp())
            self._store._put("opinions", opinion)
        return opinion

    def unlink(self, opinion_id: str, encounter_id: str) -> Opinion:
        """Stop citing an encounter; works for ids of deleted encounters too.

        Revisions that name the encounter keep it: they record what happened.
        """
        with self._store._transaction():
            current = self.get(opinion_id)
            if encounter_id not in current.encounters:
                return current
            encounters = [e for e in current.encounters if e != encounter_id]
            opinion = replace(current, encounters=encounters, updated_at=clock.utc_stamp())
            self._store._put("opinions", opinion)
        return opinion

    def delete(self, opinion_id: str) -> Opinion:
        """Remove an opinion and its history; returns it so that it can be restored."""
        from .tombstones import bury

        with self._store._transaction():
            opinion = self.get(opinion_id)
            self._store._drop("opinions", opinion_id)
            bury(self._store, "opinions", opinion_id)  # so that a merge does not bring it back
        return opinion

    def restore(self, opinion: Opinion) -> None:
        """Put back a deleted opinion (undo), unless its subject was taken since.

        Its tombstone goes, and it is stamped as changed now (see Store.restore_encounter).
        """
        from .tombstones import unbury

        with self._store._transaction():
            other = self._find(opinion.subject)
            if other is not None and other.id != opinion.id:
                raise ValidationError(
                    "subject", _("There is a new opinion on '{subject}' since; edit that one instead.").format(subject=other.subject)
                )
            self._store._put("opinions", replace(opinion, updated_at=clock.utc_stamp()))
            unbury(self._store, opinion.id)

    def _check_encounter(self, encounter_id: str | None) -> None:
        if encounter_id and encounter_id not in self._store._records["encounters"]:
            raise ValidationError("encounter", _("No encounter with id {id}.").format(id=encounter_id))


class _OpinionStore(Protocol):
    """What OpinionBook uses of the store (journal.store.Store)."""

    _records: dict[str, dict]

    def _sync(self) -> None: ...
    def _transaction(self) -> AbstractContextManager[None]: ...
    def _put(self, table: str, record) -> None: ...
    def _drop(self, table: str, record_id: str) -> None: ...
