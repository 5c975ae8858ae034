"""The domain operations on the journal: encounters, people, search, reviews.

Persistence (the lock, transactions, catching up with other processes) is
journal.persistence, which this class extends; every change here runs in
`self._transaction()` and touches records only through `_put` and `_drop`.
The indexes over the encounters (journal.index) are kept current on every
change through the `_reindex` hook.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from . import clock
from .errors import AmbiguousNameError, NotFoundError, ValidationError, ValidationErrors, raise_all
from .drafts import problems as draft_problems, typed_names
from .credit import ASKED, GAVE, MentionError, credit_fields, spellings
from .i18n import _
from .models import (
    suggested_settings,
    Encounter,
    EncounterDraft,
    FollowUp,
    Me,
    Group,
    Opinion,
    Person,
    WeekReview,
    hashtags,
    merge_topics,
)
from .names import INVISIBLE_ALIAS, INVISIBLE_NAME, NameIndex, fold, visible
from .index import EncounterIndex
from .opinions import OpinionBook
from .persistence import Persistence
from .reach import Graph
from .queries import PersonSummary
from .text import clean, clean_line
from .contacts import email_keys, is_email, joined, phone_key
from .tombstones import bury, unbury


@dataclass
class SaveResult:
    """What a save did, so that it can be undone exactly."""

    encounter: Encounter
    created_people: list[Person] = field(default_factory=list)
    # An opinion noted with the encounter (quick-add's Opinion field): the
    # version before (None if this formed it) and the id of the one saved.
    opinion_before: Opinion | None = None
    opinion_id: str | None = None
    # A meeting whose newcomers joined its group (journal.groups): the group before.
    group_before: Group | None = None


def _groups(store) -> list[tuple[str, list[str]]]:
    """(name, member ids) of every group (issue 17)."""
    return [(g.name, list(g.members)) for g in store.groups.all()]


def _searched_text(person: Person) -> str:
    """What search finds a person's encounters by: any of their names, their organisation, their contacts."""
    return " ".join([person.name, *person.aliases, person.organisation, *person.emails, *person.phones, *person.links])


class Store(Persistence):
    """The journal at `path` (see Persistence for the keyword arguments)."""

    def __init__(self, path: str | Path, **tuning):
        self._index: EncounterIndex | None = None  # built on first use
        self._name_index: NameIndex | None = None  # see _names
        self._graph: Graph | None = None  # see reach_graph
        self.opinions = OpinionBook(self)
        self._group_book = None  # see groups
        super().__init__(path, **tuning)

    @property
    def groups(self):
        """The GroupBook (journal.groups), made at first use: a plain `netjournal add`
        never imports the groups and the cadence grammar (a dozen dataclasses, the tables)."""
        if self._group_book is None:
            from .groups import GroupBook

            self._group_book = GroupBook(self)
        return self._group_book

    # ------------------------------------------------------------- indexes
    def _rebuilt(self) -> None:
        self._index = None
        self._name_index = None
        self._graph = None

    def _reindex(self, table: str, previous, current) -> None:
        # A failed write rebuilds everything from disk (see _transaction), so
        # updating in place before the write is safe.
        if table == "people":
            self._name_index = None
            self._graph = None
        if table == "encounters" and previous is not None and previous.introduced:
            self._graph = None
        if table == "groups":
            self._graph = None  # members of one group are linked in it
        if self._index is None:
            self._graph = None  # it follows the index's per-person lists
            return
        if table == "encounters":
            if previous is not None:
                self._index.remove(previous)
                if self._graph is not None:
                    self._graph.remove(previous, self._index.by_person)
            if current is not None:
                self._index.add(current)
                if self._graph is not None:
                    self._graph.add(current)
        elif table == "people" and previous is not None:
            # Names are part of what search looks at; a new person is in no
            # encounter's text yet, and most edits leave the names alone.
            if current is None or _searched_text(previous) != _searched_text(current):
                self._index.people_renamed()

    @property
    def index(self) -> EncounterIndex:
        self._sync()
        if self._index is None:
            people = self._records["people"]
            self._index = EncounterIndex(
                self._records["encounters"].values(),
                lambda pid: _searched_text(people[pid]) if pid in people else None,
            )
        return self._index

    # ------------------------------------------------------------ encounters
    def encounters(self) -> list[Encounter]:
        """All encounters, oldest first (a shared list: do not modify)."""
        return self.index.sorted

    def recent(self, offset: int = 0, limit: int | None = None) -> list[Encounter]:
        """Newest first, a page at a time, for the timeline."""
        ordered = self.encounters()
        end = len(ordered) - offset
        start = 0 if limit is None else max(0, end - limit)
        return ordered[start:end][::-1] if end > 0 else []

    def count(self) -> int:
        self._sync()
        return len(self._records["encounters"])

    def between(self, start: datetime, end: datetime) -> list[Encounter]:
        """Encounters with start <= when < end, oldest first."""
        return self.index.between(start.timestamp(), end.timestamp())

    def open_follow_ups(self):
        """(encounters with an open dated follow-up by due date, their due dates)."""
        return self.index.open_follow_ups()

    def encounter(self, encounter_id: str) -> Encounter:
        self._sync()
        try:
            return self._records["encounters"][encounter_id]
        except KeyError:
            raise NotFoundError(_("No encounter with id {id}").format(id=encounter_id)) from None

    def add_encounter(self, draft: EncounterDraft) -> SaveResult:
        with self._transaction():
            encounter = Encounter(when=draft.when)
            created = self._fill(encounter, draft)
            self._put("encounters", encounter, new=True)
        return SaveResult(encounter, created)

    def update_encounter(self, encounter_id: str, draft: EncounterDraft) -> SaveResult:
        with self._transaction():
            current = self.encounter(encounter_id)
            encounter = replace(current, follow_up=None)
            follow_done = current.follow_up.done if current.follow_up else False
            created = self._fill(encounter, draft, follow_done=follow_done)
            encounter.updated_at = clock.utc_stamp()
            self._put("encounters", encounter)
        return SaveResult(encounter, created)

    def delete_encounter(self, encounter_id: str) -> Encounter:
        with self._transaction():
            encounter = self.encounter(encounter_id)
            self._drop("encounters", encounter_id)
            bury(self, "encounters", encounter_id)
        return encounter

    def restore_encounter(self, encounter: Encounter, people: list[Person] = ()) -> None:
        """Put back a deleted encounter (undo), with people deleted alongside it.

        Its tombstone goes, and it is stamped as changed now: a copy of the
        journal that saw the deletion must not delete it again in a merge.
        """
        stamp = clock.utc_stamp()
        with self._transaction():
            for person in people:
                if person.id not in self._records["people"]:
                    self._put("people", replace(person, updated_at=stamp))
                    unbury(self, person.id)
            self._put("encounters", replace(encounter, updated_at=stamp))
            unbury(self, encounter.id)

    def undo_save(self, result: SaveResult, before: Encounter | None = None) -> None:
        """Undo an add (before=None) or an edit (before = the encounter as it was).

        The people the save created go too, unless an encounter uses them since.
        What it removes leaves a tombstone (a copy that synced the add in
        between must drop it too in a merge), and what it puts back is
        stamped as changed now, so that it wins a merge over the undone version.
        """
        stamp = clock.utc_stamp()
        with self._transaction():
            if before is not None:
                self._put("encounters", replace(before, updated_at=stamp))
            elif result.encounter.id in self._records["encounters"]:
                self._drop("encounters", result.encounter.id)
                bury(self, "encounters", result.encounter.id)
            in_use = {pid for e in self.index.sorted for pid in e.people}
            for person in result.created_people:
                if person.id in self._records["people"] and person.id not in in_use:
                    self._drop("people", person.id)
                    bury(self, "people", person.id)
            if result.opinion_id is not None:
                if result.opinion_before is not None:
                    self._put("opinions", replace(result.opinion_before, updated_at=stamp))
                elif result.opinion_id in self._records["opinions"]:
                    self._drop("opinions", result.opinion_id)
                    bury(self, "opinions", result.opinion_id)

    def set_follow_up_done(self, encounter_id: str, done: bool = True) -> Encounter:
        with self._transaction():
            current = self.encounter(encounter_id)
            if current.follow_up is None:
                raise ValidationError("follow_up", _("This encounter has no follow-up."))
            encounter = replace(current, follow_up=replace(current.follow_up, done=done))
            encounter.updated_at = clock.utc_stamp()
            self._put("encounters", encounter)
        return encounter

    def _fill(self, encounter: Encounter, draft: EncounterDraft, follow_done: bool = False) -> list[Person]:
        """Validate a draft and copy it into `encounter`; returns people it creates."""
        raise_all(draft_problems(self, draft))
        names = typed_names(draft)
        notes = clean(draft.notes).strip("\n")
        due = draft.due
        people_ids, created = self._resolve_people(names)
        encounter.when = draft.when
        encounter.people = people_ids
        encounter.place = clean_line(draft.place)
        encounter.setting = clean_line(draft.setting).casefold()
        encounter.notes = notes
        encounter.topics = merge_topics([clean_line(t) for t in draft.topics], hashtags(notes))
        encounter.learned = clean(draft.learned).strip("\n")
        encounter.gave = clean(draft.gave).strip("\n")
        encounter.asked = clean(draft.asked).strip("\n")
        # Whom they count for: the people present that an @Name names (journal.credit).
        known, new = self._records["people"], {p.id: p for p in created}
        present = [(pid, spellings(known.get(pid) or new[pid])) for pid in people_ids]
        try:
            credit = credit_fields({GAVE: encounter.gave, ASKED: encounter.asked}, present)
        except MentionError as exc:
            raise ValidationError(exc.field, str(exc)) from None
        encounter.gave_to, encounter.asked_of = credit["gave_to"], credit["asked_of"]
        follow = clean_line(draft.follow_up)
        encounter.follow_up = FollowUp(follow, due, follow_done) if follow else None
        encounter.told = self._known_qualities(draft.told)
        encounter.introduced = []
        for a, b in draft.introduced:
            try:
                pair_ids, pair_created = self._resolve_people([clean_line(a), clean_line(b)], also=created)
            except AmbiguousNameError as exc:
                raise ValidationError("introduced", exc.message) from None
            if len(pair_ids) != 2:
                raise ValidationError("introduced", _("An introduction is between two different people: 'Rosa > Tomás'."))
            created.extend(pair_created)
            encounter.introduced.append(pair_ids)
        if clean_line(draft.met_through):
            # Who introduced the people this encounter makes: someone already known.
            found = self._names().match(clean_line(draft.met_through))
            if found.is_ambiguous or found.is_new:
                raise ValidationError("met_through", _("Met through: that person is not in the journal (or the name could be two)."))
            for person in created:
                if person.id != found.person_ids[0]:
                    person.introduced_by = found.person_ids[0]
        for person in created:
            self._put("people", person)
        return created

    def _known_qualities(self, told: list[str]) -> list[str]:
        """The qualities as I spelled them in `me`; one I never listed is refused under its field."""
        mine = {fold(q): q for q in self.me().qualities}
        found: list[str] = []
        for text in told:
            text = clean_line(text)
            if not text:
                continue
            quality = mine.get(fold(text))
            if quality is None:
                raise ValidationError(
                    "told", _("'{text}' is not one of your qualities; add it first (Visibility, e, or netjournal me --quality).").format(text=text)
                )
            if quality not in found:
                found.append(quality)
        return found

    def _names(self) -> NameIndex:
        """People's folded names, indexed; rebuilt after people change."""
        if self._name_index is None:
            # An email typed in Who finds its person like a name does (the same email is the same person).
            self._name_index = NameIndex((p.id, p.name, [*p.aliases, *p.emails]) for p in self._records["people"].values())
        return self._name_index

    def _resolve_people(self, names: list[str], also: list[Person] = ()) -> tuple[list[str], list[Person]]:
        """Names to person ids, making new people; `also`: people this save already makes."""
        index = self._names()
        if also:
            index = index.copy()
            for person in also:
                index.add(person.id, person.name, [])
        ids: list[str] = []
        created: list[Person] = []
        for name in names:
            found = index.match(name)
            if found.is_ambiguous:
                people = self._records["people"]
                raise AmbiguousNameError(name, sorted(people[pid].name for pid in found.person_ids))
            if found.is_new:
                person = Person(name=name)
                created.append(person)
                if index is self._name_index:  # the same name typed twice must find this one
                    index = index.copy()
                index.add(person.id, person.name, [])
                pid = person.id
            else:
                pid = found.person_ids[0]
            if pid not in ids:
                ids.append(pid)
        return ids, created

    def match_person(self, name: str):
        """How `name` would resolve: a NameMatch (new, one person, or ambiguous)."""
        self._sync()
        return self._names().match(name)

    # ---------------------------------------------------------------- people
    def people(self) -> list[Person]:
        self._sync()
        return list(self._records["people"].values())

    def person(self, person_id: str) -> Person:
        self._sync()
        try:
            return self._records["people"][person_id]
        except KeyError:
            raise NotFoundError(_("No person with id {id}").format(id=person_id)) from None

    def names(self, ids: list[str]) -> list[str]:
        people = self._records["people"]
        return [people[pid].name if pid in people else "(unknown)" for pid in ids]

    def encounters_by_person(self) -> dict[str, list[Encounter]]:
        """person id -> their encounters, newest first."""
        return self.index.by_person

    def people_by_last_seen(self) -> list[tuple[Person, Encounter | None]]:
        """Everyone with their latest encounter, most recently seen first."""
        index = self.encounters_by_person()
        rows = [(p, (index.get(p.id) or [None])[0]) for p in self.people()]
        # Names A to Z, then by last seen: the stable sort keeps A to Z among people
        # seen at the same moment. Timestamps, not datetime.min in the local zone:
        # comparing two of those overflows (dateutil's DST check) and crashed the
        # people screen as soon as two people had no encounter.
        rows.sort(key=lambda row: fold(row[0].name))
        rows.sort(key=lambda row: row[1].when.timestamp() if row[1] else float("-inf"), reverse=True)
        return rows

    def summary(self, person_id: str) -> PersonSummary:
        person = self.person(person_id)
        people = self._records["people"]
        return PersonSummary(
            person=person,
            encounters=list(self.encounters_by_person().get(person_id, [])),
            introduced_by=people.get(person.introduced_by) if person.introduced_by else None,
            introduced=sorted((p for p in people.values() if p.introduced_by == person_id), key=lambda p: fold(p.name)),
        )

    def add_person(self, name: str, **fields) -> Person:
        with self._transaction():
            person = Person(name=clean_line(name))
            person = self._validated_person(person, fields)
            self._put("people", person)
        return person

    def update_person(self, person_id: str, **fields) -> Person:
        with self._transaction():
            person = self._validated_person(replace(self.person(person_id)), fields)
            person.updated_at = clock.utc_stamp()
            self._put("people", person)
        return person

    def _validated_person(self, person: Person, fields: dict) -> Person:
        """Copy the cleaned fields into `person`; every problem is raised at once (ValidationErrors)."""
        errors: list[ValidationError] = []
        for key, value in fields.items():
            if key in ("name", "organisation"):
                value = clean_line(value)
            elif key == "notes":
                value = clean(value).strip("\n")
            elif key in ("aliases", "interests"):
                value = [clean_line(v) for v in value if clean_line(v)]
                if key == "aliases" and not all(map(visible, value)):
                    errors.append(ValidationError("aliases", _(INVISIBLE_ALIAS)))
                    continue
            elif key in ("emails", "phones", "links"):
                value = self._validated_contacts(person, key, value)
            elif key == "keep_in_touch_days" and value is not None:
                if not isinstance(value, int) or value <= 0:
                    errors.append(ValidationError("keep_in_touch_days", _("Keep in touch every N days: a whole number above 0, or empty.")))
                    continue
            elif key == "introduced_by" and value is not None:
                if value == person.id:
                    errors.append(ValidationError("introduced_by", _("Someone cannot introduce themselves.")))
                    continue
                if value not in self._records["people"]:
                    errors.append(ValidationError("introduced_by", _("Introduced by: that person is not in the journal.")))
                    continue
            elif key not in ("introduced_by", "keep_in_touch_days"):
                raise TypeError(f"unknown person field {key}")
            setattr(person, key, value)
        errors[:0] = self._name_problems(person)  # the name comes first in every form
        raise_all(errors)
        return person

    def _name_problems(self, person: Person) -> list[ValidationError]:
        if not person.name:
            return [ValidationError("name", _("A person needs a name."))]
        if not visible(person.name):
            return [ValidationError("name", _(INVISIBLE_NAME))]
        if "," in person.name:
            # Who lists names with commas: editing an encounter would split them.
            return [ValidationError("name", _("A name cannot contain a comma: commas separate the names in Who."))]
        key = fold(person.name)
        for other in self._records["people"].values():
            if other.id != person.id and fold(other.name) == key:
                return [ValidationError("name", _("'{name}' is already in the journal; merge the two instead.").format(name=other.name))]
        return []

    def _validated_contacts(self, person: Person, key: str, values: list[str]) -> list[str]:
        values = [clean_line(v) for v in values if clean_line(v)]
        for value in values:
            if key == "emails" and not is_email(value):
                raise ValidationError("emails", _("'{value}' is not an email address (like name@example.com).").format(value=value))
            if key == "phones" and not phone_key(value):
                raise ValidationError("phones", _("'{value}' is not a phone number: it has no digits.").format(value=value))
        values = joined(key, values)
        if key == "emails":
            mine = email_keys(values)
            for other in self._records["people"].values():
                shared = mine & email_keys(other.emails)
                if other.id != person.id and shared:
                    raise ValidationError(
                        "emails", _("{email} is already {name}'s email; merge the two instead.").format(email=sorted(shared)[0], name=other.name)
                    )
        return values

    def merge_people(self, keep_id: str, other_id: str) -> Person:
        """Fold `other` into `keep`: encounters, introductions, aliases, interests."""
        if keep_id == other_id:
            raise ValidationError("merge", _("Pick two different people to merge."))
        with self._transaction():
            keep = replace(self.person(keep_id))
            other = self.person(other_id)
            keep.aliases = merge_topics(keep.aliases, [other.name], other.aliases)
            keep.interests = merge_topics(keep.interests, other.interests)
            keep.organisation = keep.organisation or other.organisation
            keep.notes = "\n\n".join(n for n in (keep.notes, other.notes) if n)
            keep.keep_in_touch_days = keep.keep_in_touch_days or other.keep_in_touch_days
            for key in ("emails", "phones", "links"):
                setattr(keep, key, joined(key, getattr(keep, key), getattr(other, key)))
            if keep.introduced_by in (None, other_id):
                keep.introduced_by = other.introduced_by if other.introduced_by != keep_id else None
            keep.updated_at = clock.utc_stamp()

            def merged(ids: list[str] | None) -> list[str] | None:
                if ids is None:
                    return None
                return list(dict.fromkeys(keep_id if pid == other_id else pid for pid in ids))

            for encounter in list(self._records["encounters"].values()):
                in_pairs = any(other_id in pair for pair in encounter.introduced)
                if other_id in encounter.people or in_pairs:
                    self._put("encounters", replace(
                        encounter,
                        people=merged(encounter.people),
                        gave_to=merged(encounter.gave_to),  # whom a give or ask counts for follows too
                        asked_of=merged(encounter.asked_of),
                        # An introduction of the two to each other says nothing once they are one.
                        introduced=[p for p in (merged(pair) for pair in encounter.introduced) if len(p) == 2],
                    ))
            for person in list(self._records["people"].values()):
                if person.introduced_by == other_id and person.id != keep_id:
                    self._put("people", replace(person, introduced_by=keep_id))
            self.groups.merged(keep_id, other_id)
            self._put("people", keep)
            self._drop("people", other_id)
            # A copy of the journal that still has `other` follows them here in a merge.
            bury(self, "people", other_id, merged_into=keep_id)
        return keep

    # ------------------------------------------------------- places, settings
    def places(self) -> dict[str, str]:
        """Known places -> the setting used most often there."""
        settings: dict[str, Counter] = defaultdict(Counter)
        for encounter in self.encounters():
            if encounter.place:
                settings[encounter.place][encounter.setting] += 1
        return {place: counts.most_common(1)[0][0] for place, counts in settings.items()}

    def settings(self) -> list[str]:
        """The suggested settings of the interface's language, then the others the journal uses."""
        suggested = suggested_settings()
        used = {e.setting for e in self.encounters() if e.setting}
        return list(suggested) + sorted(used - set(suggested))

    # ---------------------------------------------------------------- search
    def search_warmup(self):
        """A SearchWarmup for folding the search text in a background thread, or None if it is ready."""
        return self.index.search_warmup()

    def search(self, query: str, limit: int | None = None) -> list[Encounter]:
        """Encounters whose text, place, topics or people match, newest first.

        Every word of the query must appear (accents and case ignored).
        """
        words = fold(query).split()
        if not words:
            return []
        return self.index.search(words, limit)

    # --------------------------------------------------------------- reviews
    def reflection(self, week: str) -> str:
        self._sync()
        for review in self._records["reviews"].values():
            if review.week == week:
                return review.reflection
        return ""

    def save_reflection(self, week: str, text: str) -> WeekReview:
        with self._transaction():
            existing = next((r for r in self._records["reviews"].values() if r.week == week), None)
            review = replace(existing) if existing else WeekReview(week=week)
            review.reflection = clean(text)
            review.updated_at = clock.utc_stamp()
            self._put("reviews", review)
        return review

    def reviews(self) -> list[WeekReview]:
        self._sync()
        return sorted(self._records["reviews"].values(), key=lambda r: r.week)

    # ------------------------------------------------ me, introductions (issue 18)
    def reach_graph(self) -> Graph:
        """The people graph (journal.reach), built once and kept current like the indexes."""
        index = self.index  # syncs; the graph is dropped with it
        if self._graph is None:
            self._graph = Graph(self.people(), index.sorted, _groups(self))
        return self._graph

    def me(self) -> Me:
        """The journal owner's record (an empty one until something is saved in it)."""
        self._sync()
        mine = self._records["me"]
        return next(iter(mine.values())) if mine else Me(qualities=[])

    def set_qualities(self, qualities: list[str]) -> Me:
        """What I want people to know I do well; the same quality twice (folded) is kept once."""
        cleaned: dict[str, str] = {}
        for quality in qualities:
            quality = clean_line(quality)
            if not fold(quality):
                raise ValidationError("qualities", _("A quality needs a letter or a digit: 'UX research', 'Python teaching'."))
            if len(quality) > 80:
                raise ValidationError("qualities", _("A quality is a few words (80 characters at most)."))
            cleaned.setdefault(fold(quality), quality)
        with self._transaction():
            me = replace(self.me(), qualities=list(cleaned.values()), updated_at=clock.utc_stamp())
            self._put("me", me)
        return me

    def introductions(self, person_id: str) -> tuple[list[Person], list[tuple[Person, Encounter]]]:
        """(whom they introduced to me, [(whom I introduced them to, where)]), by name."""
        people = self._records["people"]
        to_me = sorted((p for p in people.values() if p.introduced_by == person_id), key=lambda p: fold(p.name))
        by_me: list[tuple[Person, Encounter]] = []
        for encounter in self.index.sorted:
            for a, b in encounter.introduced:
                other = b if a == person_id else a if b == person_id else None
                if other is not None and other in people:
                    by_me.append((people[other], encounter))
        return to_me, by_me

    def seen_with(self, person_id: str, count: int = 5) -> list[tuple[Person, int]]:
        """The people most often at the same encounters as this person."""
        people = self._records["people"]
        together: Counter = Counter()
        for encounter in self.encounters_by_person().get(person_id, []):
            together.update(pid for pid in dict.fromkeys(encounter.people) if pid != person_id and pid in people)
        return [(people[pid], n) for pid, n in sorted(together.items(), key=lambda i: (-i[1], fold(people[i[0]].name)))[:count]]

    # ====================================================== agenda (issue 16)
    # Domain queries and changes the Agenda needs; kept apart from the persistence above.
    def has_groups(self) -> bool:
        """Whether the journal has any group, without importing the groups' code."""
        self._sync()
        return bool(self._records["groups"])

    def open_undated_follow_ups(self) -> list[Encounter]:
        """Encounters with an open follow-up without a due date, oldest first (a shared list: do not modify)."""
        return self.index.open_undated_follow_ups()

    def set_follow_up_due(self, encounter_id: str, due) -> Encounter:
        """Give a follow-up another due date (a snooze; None leaves it undated)."""
        with self._transaction():
            current = self.encounter(encounter_id)
            if current.follow_up is None:
                raise ValidationError("follow_up", _("This encounter has no follow-up."))
            encounter = replace(current, follow_up=replace(current.follow_up, due=due))
            encounter.updated_at = clock.utc_stamp()
            self._put("encounters", encounter)
        return encounter

    # ------------------------------------------- checks without saving (issue 15)
    # For forms that show every problem at once: the same rules as the saves,
    # run on a copy, nothing written.
    def person_problems(self, person_id: str, **fields) -> list[ValidationError]:
        """What update_person would refuse in these fields (empty: nothing)."""
        self._sync()
        try:
            self._validated_person(replace(self.person(person_id)), fields)
        except ValidationErrors as exc:
            return exc.errors
        except ValidationError as exc:
            return [exc]
        return []
