"""Deleting a person, and undoing it.

A person is often left behind by an encounter deleted since (or by a name
typed wrong), and stays in the people list as "never, 0" for good unless it
can be deleted. Encounters are the journal's substance, so deleting a person
never deletes one: the person is taken out of the encounters that mention
them (Who, whom a give or an ask was credited to, introductions I made) and
out of the groups they belong to, after the interface has said how many there are. An encounter that would be
left with nobody and no notes (an empty record) makes the delete refuse
instead: the user deletes or edits that encounter first. People they
introduced keep their record, without the introduction.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import clock
from .errors import ValidationError
from .i18n import _
from .models import Encounter, Person


@dataclass
class DeletedPerson:
    """What a delete changed, as it was before, so that undo puts it back exactly."""

    person: Person
    encounters: list[Encounter] = field(default_factory=list)
    introduced: list[Person] = field(default_factory=list)
    groups: list = field(default_factory=list)  # journal.models.Group, as they were


def _mentions(encounter: Encounter, person_id: str) -> bool:
    return person_id in encounter.people or any(person_id in pair for pair in encounter.introduced)


def mentions(store, person_id: str) -> list[Encounter]:
    """The encounters that mention the person (in Who, or in an introduction I made), oldest first."""
    return [e for e in store.encounters() if _mentions(e, person_id)]


def _without(encounter: Encounter, person_id: str) -> Encounter:
    changed = replace(
        encounter,
        people=[pid for pid in encounter.people if pid != person_id],
        # "I introduced A to B" means nothing without one of them.
        introduced=[list(pair) for pair in encounter.introduced if person_id not in pair],
    )
    for credited in ("gave_to", "asked_of"):
        ids = getattr(encounter, credited, None)
        if ids is not None and person_id in ids:
            setattr(changed, credited, [pid for pid in ids if pid != person_id])
    changed.updated_at = clock.utc_stamp()
    return changed


def refusal(store, person, encounters: list[Encounter]) -> str | None:
    """Why deleting the person would be refused (it would empty an encounter), or None."""
    empty = [e for e in encounters if e.people == [person.id] and not e.notes.strip()]
    if not empty:
        return None
    message = (
        _("{name} is the only one in an encounter with no notes; deleting them would leave it empty. "
          "Delete or edit that encounter first.")
        if len(empty) == 1
        else _("{name} is the only one in {count} encounters with no notes; deleting them would leave "
               "those empty. Delete or edit those encounters first.")
    )
    return message.format(name=person.name, count=len(empty))


def groups_of(store, person_id: str) -> list:
    """The groups the person is a member of."""
    return [g for g in store.groups.all() if person_id in g.members]


def delete_person(store, person_id: str) -> DeletedPerson:
    """Delete the person and take them out of every encounter that mentions them.

    Raises ValidationError (nothing changed) when that would leave an
    encounter with nobody and nothing written (see `refusal`).
    """
    with store._transaction():
        person = store.person(person_id)
        before = [e for e in store._records["encounters"].values() if _mentions(e, person_id)]
        problem = refusal(store, person, before)
        if problem:
            raise ValidationError("person", problem)
        for encounter in before:
            store._put("encounters", _without(encounter, person_id))
        introduced = [p for p in store._records["people"].values() if p.introduced_by == person_id]
        for other in introduced:
            store._put("people", replace(other, introduced_by=None, updated_at=clock.utc_stamp()))
        groups = [g for g in store._records["groups"].values() if person_id in g.members]
        for group in groups:
            members = [pid for pid in group.members if pid != person_id]
            store._put("groups", replace(group, members=members, updated_at=clock.utc_stamp()))
        store._drop("people", person_id)
    return DeletedPerson(person, before, introduced, groups)


def restore_person(store, deleted: DeletedPerson) -> None:
    """Undo delete_person: the person, their place in the encounters, their introductions.

    The app offers it only right after the delete (see NetJournalApp.action_undo),
    so the encounters are put back as they were.
    """
    with store._transaction():
        store._put("people", deleted.person)
        encounters = store._records["encounters"]
        for encounter in deleted.encounters:
            if encounter.id in encounters:  # deleted since: nothing to put them back into
                store._put("encounters", encounter)
        people = store._records["people"]
        for other in deleted.introduced:
            if other.id in people:
                store._put("people", replace(people[other.id], introduced_by=deleted.person.id))
        groups = store._records["groups"]
        for group in deleted.groups:
            if group.id in groups:
                store._put("groups", group)
