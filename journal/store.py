"""The one object that owns the journal's TinyDB handle.

Every change runs in `_transaction()`: take the file lock, notice whether
another process saved since we last looked (and if so reload), apply the
change to TinyDB, and let the storage write the whole document once,
atomically. In-memory indexes (models by id, encounters sorted by time, per
person) are updated in place on our own saves and rebuilt when the file
changed underneath us, so queries never parse the file again.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

from . import clock
from .errors import NotFoundError, SaveError, UnreadableJournalError, ValidationError, AmbiguousNameError
from .migrations import CURRENT_SCHEMA, FILE_ORDER, TABLES, SchemaError, migrate, schema_version
from .models import (
    DEFAULT_SETTINGS,
    Encounter,
    EncounterDraft,
    FollowUp,
    Opinion,
    Person,
    WeekReview,
    hashtags,
    merge_topics,
)
from .names import NameIndex, fold
from .index import EncounterIndex
from .lock import TIMEOUT, JournalLock, LockTimeout
from .opinions import OpinionsMixin
from .queries import PersonSummary
from .table import InPlaceTable
from .durable import ensure_private_dir
from .storage import SafeJSONStorage, paused_gc
from .text import clean, clean_line
from .unread import UnreadTable

LOCK_TIMEOUT = TIMEOUT
# A minute of slack so that "now" typed a moment ago is not "in the future".
FUTURE_SLACK = timedelta(minutes=1)


@dataclass
class SaveResult:
    """What a save did, so that it can be undone exactly."""

    encounter: Encounter
    created_people: list[Person] = field(default_factory=list)
    # An opinion noted with the encounter (quick-add's Opinion field): the
    # version before (None if this formed it) and the id of the one saved.
    opinion_before: Opinion | None = None
    opinion_id: str | None = None


_MODELS = {"encounters": Encounter, "people": Person, "opinions": Opinion, "reviews": WeekReview}


def _searched_text(person: Person) -> str:
    """What search finds a person's encounters by: any of their names, their organisation."""
    return " ".join([person.name, *person.aliases, person.organisation])


class _Records(dict):
    """table name -> {id: model}, each table built from the raw data on first use."""

    def __init__(self, store: "Store"):
        super().__init__()
        self._store = store

    def __missing__(self, name: str) -> dict:
        records, doc_ids = self._store._materialize(name)
        self[name] = records
        dict.__setitem__(self._store._doc_ids, name, doc_ids)
        return records


class _DocIds(dict):
    """table name -> {id: TinyDB document id}, filled alongside _Records."""

    def __init__(self, store: "Store"):
        super().__init__()
        self._store = store

    def __missing__(self, name: str) -> dict:
        self._store._records[name]
        return dict.__getitem__(self, name)


class Store(OpinionsMixin):
    """The journal at `path`.

    `adding_only`: for a process that adds an encounter and exits (`netjournal
    add`): the encounters are then kept as the bytes read, not parsed, when
    the file allows (see journal.unread for what that gives up, and why it
    is safe). Everything still works; what reads the encounters parses them.
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = LOCK_TIMEOUT, adding_only: bool = False):
        self.path = Path(path)
        self._lock_timeout = lock_timeout
        self._lock = None  # made at the first save: see _locked
        self._db = TinyDB(
            self.path, storage=SafeJSONStorage, tables=FILE_ORDER, unread=adding_only, check=self._check_table
        )
        self._db.table_class = InPlaceTable
        self._storage: SafeJSONStorage = self._db.storage
        # cache_size=0: TinyDB's query cache cannot see other processes' saves.
        self._tables = {name: self._db.table(name, cache_size=0) for name in TABLES}
        self._seen_generation = -1
        self._swept = False  # stale temp files are removed at our first save
        self._records = _Records(self)
        self._doc_ids = _DocIds(self)
        self._index: EncounterIndex | None = None  # built on first use
        # The data the records and indexes were built from (the storage's own
        # dict, which our saves change in place); None forces a full rebuild.
        self._raw: dict | None = None
        self._name_index: NameIndex | None = None  # see _names
        self._open()
        self._reported_generation = self._seen_generation  # see refresh

    # ----------------------------------------------------------- lifecycle
    def _open(self) -> None:
        data = self._storage.read()
        try:
            version = schema_version(data)
            if version > CURRENT_SCHEMA:
                migrate(data)  # raises with the "newer netjournal" message
        except SchemaError as exc:
            raise UnreadableJournalError(self.path, str(exc)) from None
        if version < CURRENT_SCHEMA:
            with self._locked():
                # Migrate and check every record before writing: a file that is
                # not the old format it seems to be must stay untouched.
                try:
                    migrated, _ = migrate(self._storage.read())
                    for name, model in _MODELS.items():
                        for raw in (migrated.get(name) or {}).values():
                            model.from_dict(raw)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    raise UnreadableJournalError(
                        self.path, f"it looks like a schema {version} journal but could not be upgraded ({exc!r})"
                    ) from None
                self._storage.write(migrated)
                self._after_external_change()
        self._sync(strict=True)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lock is None:
            self._lock = JournalLock(str(self.path) + ".lock", timeout=self._lock_timeout)
        ensure_private_dir(self.path.parent)
        try:
            self._lock.acquire()
        except LockTimeout:
            # :g, not :.0f, so that a short timeout does not read "over 0 s".
            raise SaveError(
                f"The journal is busy: another netjournal has held {self._lock.lock_file} "
                f"for over {self._lock.timeout:g} s. Nothing was saved; try again."
            ) from None
        except OSError as exc:
            raise SaveError(
                f"Could not lock the journal ({exc.strerror or exc}: {self._lock.lock_file}). Nothing was saved."
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Lock, catch up with other processes, change, write once."""
        with self._locked():
            if not self._swept:
                self._storage.remove_stale_temp_files()
                self._swept = True
            self._sync(strict=True)
            try:
                with self._storage.batch():
                    if not self._tables["meta"].all():
                        self._tables["meta"].insert({"schema_version": CURRENT_SCHEMA})
                    yield
                # The first save of a new journal made the storage a new dict.
                self._raw = self._storage.last_good()
            except OSError as exc:
                # The storage left the old file intact and forgot its cache; our
                # indexes may hold the failed change, so rebuild them from disk.
                self._seen_generation = -1
                self._raw = None
                reason = exc.strerror or str(exc)
                raise SaveError(
                    f"Could not save the journal ({reason}). The file on disk is unchanged; "
                    "what you typed is kept."
                ) from exc
            except BaseException:
                self._seen_generation = -1
                self._raw = None
                raise

    def _sync(self, *, strict: bool = False) -> None:
        if not self._storage.changed_on_disk() and self._storage.generation == self._seen_generation:
            return
        try:
            with paused_gc():
                self._reload()
        except UnreadableJournalError:
            # The file went bad under a running app (edited by hand, a disk
            # error): reads keep what was read last rather than fail every
            # screen. Opening, refresh() and every save read strictly, so the
            # problem is reported and the file is never written over.
            if strict or self._seen_generation < 0:
                raise

    def _reload(self) -> None:
        previous = self._raw
        data = self._storage.read()
        if self._storage.generation == self._seen_generation:
            return
        self._after_external_change()
        self._name_index = None
        data = data or {}
        self._check_table("meta", data.get("meta", {}))  # TinyDB reads it at every save
        if previous is None or not self._catch_up(previous, data):
            for name in _MODELS:
                self._check_table(name, data.get(name, {}))
            self._records.clear()
            self._doc_ids.clear()
            self._encounters_changed()
        self._raw = data
        self._seen_generation = self._storage.generation

    def _catch_up(self, previous: dict, data: dict) -> bool:
        """Apply another process's save to the records and indexes, document by document.

        Rebuilding everything after someone else saved one encounter would
        cost, at 50,000 encounters, every model again, the sorted index and
        the search text (over a second); comparing the documents finds the
        few that changed. False (nothing applied) when too much changed, or a
        changed document is malformed: the caller then rebuilds, and reports.
        """
        if any(isinstance(table, UnreadTable) for tables in (previous, data) for table in tables.values()):
            return False  # comparing would parse them: rebuild, which leaves them unread
        plan = []
        # People first: an encounter's search text holds its people's names.
        for name in ("people", "encounters", "opinions", "reviews"):
            old, new = previous.get(name) or {}, data.get(name) or {}
            changed = [key for key, doc in new.items() if old.get(key) != doc]
            removed = [key for key in old if key not in new]
            if len(changed) + len(removed) > max(50, len(new) // 10):
                return False
            try:
                self._check_table(name, {key: new[key] for key in changed})
            except UnreadableJournalError:
                return False
            if not dict.__contains__(self._records, name):
                continue  # not built yet: it will be, from the new data
            built = []
            for key in changed:
                try:
                    built.append((key, _MODELS[name].from_dict(new[key])))
                except (KeyError, TypeError, ValueError, AttributeError):
                    return False
            # What the changed and removed keys held before, by record id.
            before = [(key, old[key]["id"]) for key in (*removed, *changed) if key in old]
            plan.append((name, before, built))
        for name, before, built in plan:
            records, doc_ids = self._records[name], self._doc_ids[name]
            # Removals first: another writer may have moved a record to a key
            # that comes earlier, and its new place must not be undone.
            new_ids = {record.id for _, record in built}
            for key, record_id in before:
                if record_id not in new_ids and doc_ids.get(record_id) == int(key):
                    del doc_ids[record_id]
                    self._reindex(name, records.pop(record_id), None)
            for key, record in built:
                previous_record = records.get(record.id)
                # Assigned in place, an edited record keeps its position, as a rebuild would.
                records[record.id] = record
                doc_ids[record.id] = int(key)
                self._reindex(name, previous_record, record)
        return True

    def _check_table(self, name: str, raw_table: dict) -> None:
        """Refuse a file with a malformed record now, before anything is saved.

        Building every record costs more than `netjournal add` needs (it only
        uses the people), so this checks what every record must have, and the
        models are built when a table is first used. A table still unread
        (journal.unread) is checked when it is parsed. Of `meta`, only the
        keys are checked.
        """
        if isinstance(raw_table, UnreadTable) and raw_table.is_unread:
            return
        for doc_id, raw in raw_table.items():
            try:
                # TinyDB reads keys with int(): "05" or " 5" would be a second 5.
                if not (doc_id.isascii() and doc_id.isdigit() and (doc_id[0] != "0" or doc_id == "0")):
                    raise ValueError(f"its key {doc_id!r} is not a plain document number")
                if name not in _MODELS:
                    continue
                if not isinstance(raw, dict) or not isinstance(raw["id"], str):
                    raise TypeError("a record is an object with a string id")
                if name == "encounters":
                    datetime.fromisoformat(raw["when"])
            except (KeyError, TypeError, ValueError) as exc:
                raise UnreadableJournalError(
                    self.path, f"record {doc_id} of table '{name}' is malformed ({exc!r})"
                ) from None

    def _materialize(self, name: str) -> tuple[dict[str, object], dict[str, int]]:
        model = _MODELS[name]
        records: dict[str, object] = {}
        doc_ids: dict[str, int] = {}
        try:
            data = self._storage.read()
        except UnreadableJournalError:
            # Only reached by reads after the file went bad (see _sync): build
            # the table from what was read last, like the others.
            data = self._storage.last_good()
            if data is None or self._seen_generation < 0:
                raise
        with paused_gc():
            for doc_id, raw in ((data or {}).get(name) or {}).items():
                try:
                    record = model.from_dict(raw)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    raise UnreadableJournalError(
                        self.path, f"record {doc_id} of table '{name}' is malformed ({exc!r})"
                    ) from None
                records[record.id] = record
                doc_ids[record.id] = int(doc_id)
        return records, doc_ids

    def load_all(self) -> None:
        """Build every table now (the app does, so that a bad record shows before it starts)."""
        for name in _MODELS:
            self._records[name]

    def _after_external_change(self) -> None:
        # TinyDB remembers the next document id per table; another process's
        # inserts make it stale ("Document with ID n already exists").
        for table in self._tables.values():
            table._next_id = None

    def refresh(self) -> bool:
        """Reload if another process saved; True when what is held changed since the last refresh.

        Compared with the data last reported, not with the moment before: a
        save of ours may have caught up with another process's meanwhile (the
        screens still show the older data), and a refused change (a form's
        validation error) reloads without changing anything to redraw.
        """
        self._sync(strict=True)
        changed = self._seen_generation != self._reported_generation
        self._reported_generation = self._seen_generation
        return changed

    def _encounters_changed(self) -> None:
        """Forget the indexes; the next query rebuilds them from the records."""
        self._index = None

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

    # ------------------------------------------------------ raw persistence
    def _put(self, table: str, record, *, new: bool = False) -> None:
        if table == "people":
            self._name_index = None
        doc = record.to_dict()
        if new and table not in self._records:
            # A table nobody has read yet: its models are built from the raw
            # data, which then holds this record, when it is first used.
            self._tables[table].insert(doc)
            return
        doc_id = self._doc_ids[table].get(record.id)
        if doc_id is None:
            self._doc_ids[table][record.id] = self._tables[table].insert(doc)
        else:
            self._tables[table].update(doc, doc_ids=[doc_id])
        previous = self._records[table].get(record.id)
        self._records[table][record.id] = record
        self._reindex(table, previous, record)

    def _drop(self, table: str, record_id: str) -> None:
        if table == "people":
            self._name_index = None
        doc_id = self._doc_ids[table].pop(record_id)
        self._tables[table].remove(doc_ids=[doc_id])
        previous = self._records[table].pop(record_id)
        self._reindex(table, previous, None)

    def _reindex(self, table: str, previous, current) -> None:
        # A failed write rebuilds everything from disk (see _transaction), so
        # updating in place before the write is safe.
        if self._index is None:
            return
        if table == "encounters":
            if previous is not None:
                self._index.remove(previous)
            if current is not None:
                self._index.add(current)
        elif table == "people" and previous is not None:
            # Names are part of what search looks at; a new person is in no
            # encounter's text yet, and most edits leave the names alone.
            if current is None or _searched_text(previous) != _searched_text(current):
                self._index.people_renamed()

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
            raise NotFoundError(f"No encounter with id {encounter_id}") from None

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
        return encounter

    def restore_encounter(self, encounter: Encounter, people: list[Person] = ()) -> None:
        """Put back a deleted encounter (undo), with people deleted alongside it."""
        with self._transaction():
            for person in people:
                if person.id not in self._records["people"]:
                    self._put("people", person)
            self._put("encounters", encounter)

    def undo_save(self, result: SaveResult, before: Encounter | None = None) -> None:
        """Undo an add (before=None) or an edit (before = the encounter as it was).

        The people the save created go too, unless an encounter uses them since.
        """
        with self._transaction():
            if before is not None:
                self._put("encounters", before)
            elif result.encounter.id in self._records["encounters"]:
                self._drop("encounters", result.encounter.id)
            in_use = {pid for e in self.index.sorted for pid in e.people}
            for person in result.created_people:
                if person.id in self._records["people"] and person.id not in in_use:
                    self._drop("people", person.id)
            if result.opinion_id is not None:
                if result.opinion_before is not None:
                    self._put("opinions", result.opinion_before)
                elif result.opinion_id in self._records["opinions"]:
                    self._drop("opinions", result.opinion_id)

    def set_follow_up_done(self, encounter_id: str, done: bool = True) -> Encounter:
        with self._transaction():
            current = self.encounter(encounter_id)
            if current.follow_up is None:
                raise ValidationError("follow_up", "This encounter has no follow-up.")
            encounter = replace(current, follow_up=replace(current.follow_up, done=done))
            encounter.updated_at = clock.utc_stamp()
            self._put("encounters", encounter)
        return encounter

    def _fill(self, encounter: Encounter, draft: EncounterDraft, follow_done: bool = False) -> list[Person]:
        """Validate a draft and copy it into `encounter`; returns people it creates."""
        names = [clean_line(n) for n in draft.who if clean_line(n)]
        notes = clean(draft.notes).strip("\n")
        if not names and not notes.strip():
            raise ValidationError("who", "Say who you talked with, or what about: Who or the notes must be filled.")
        if draft.when is None or draft.when.tzinfo is None:
            raise ValidationError("when", "The date needs a time zone.")
        if draft.when > clock.utc_now() + FUTURE_SLACK:
            raise ValidationError("when", "That date is in the future; an encounter has already happened.")
        due = draft.due
        if due is not None and not clean_line(draft.follow_up):
            raise ValidationError("follow_up", "A due date needs a follow-up: say what to do.")
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
        follow = clean_line(draft.follow_up)
        encounter.follow_up = FollowUp(follow, due, follow_done) if follow else None
        for person in created:
            self._put("people", person)
        return created

    def _names(self) -> NameIndex:
        """People's folded names, indexed; rebuilt after people change."""
        if self._name_index is None:
            self._name_index = NameIndex((p.id, p.name, p.aliases) for p in self._records["people"].values())
        return self._name_index

    def _resolve_people(self, names: list[str]) -> tuple[list[str], list[Person]]:
        index = self._names()
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
            raise NotFoundError(f"No person with id {person_id}") from None

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
        for key, value in fields.items():
            if key in ("name", "organisation"):
                value = clean_line(value)
            elif key == "notes":
                value = clean(value).strip("\n")
            elif key in ("aliases", "interests"):
                value = [clean_line(v) for v in value if clean_line(v)]
            elif key == "keep_in_touch_days" and value is not None:
                if not isinstance(value, int) or value <= 0:
                    raise ValidationError("keep_in_touch_days", "Keep in touch every N days: a whole number above 0, or empty.")
            elif key == "introduced_by" and value is not None:
                if value == person.id:
                    raise ValidationError("introduced_by", "Someone cannot introduce themselves.")
                if value not in self._records["people"]:
                    raise ValidationError("introduced_by", "Introduced by: that person is not in the journal.")
            elif key not in ("introduced_by", "keep_in_touch_days"):
                raise TypeError(f"unknown person field {key}")
            setattr(person, key, value)
        if not person.name:
            raise ValidationError("name", "A person needs a name.")
        if "," in person.name:
            # Who lists names with commas: editing an encounter would split them.
            raise ValidationError("name", "A name cannot contain a comma: commas separate the names in Who.")
        key = fold(person.name)
        for other in self._records["people"].values():
            if other.id != person.id and fold(other.name) == key:
                raise ValidationError("name", f"'{other.name}' is already in the journal; merge the two instead.")
        return person

    def merge_people(self, keep_id: str, other_id: str) -> Person:
        """Fold `other` into `keep`: encounters, introductions, aliases, interests."""
        if keep_id == other_id:
            raise ValidationError("merge", "Pick two different people to merge.")
        with self._transaction():
            keep = replace(self.person(keep_id))
            other = self.person(other_id)
            keep.aliases = merge_topics(keep.aliases, [other.name], other.aliases)
            keep.interests = merge_topics(keep.interests, other.interests)
            keep.organisation = keep.organisation or other.organisation
            keep.notes = "\n\n".join(n for n in (keep.notes, other.notes) if n)
            keep.keep_in_touch_days = keep.keep_in_touch_days or other.keep_in_touch_days
            if keep.introduced_by in (None, other_id):
                keep.introduced_by = other.introduced_by if other.introduced_by != keep_id else None
            keep.updated_at = clock.utc_stamp()
            for encounter in list(self._records["encounters"].values()):
                if other_id in encounter.people:
                    people = []
                    for pid in encounter.people:
                        pid = keep_id if pid == other_id else pid
                        if pid not in people:
                            people.append(pid)
                    self._put("encounters", replace(encounter, people=people))
            for person in list(self._records["people"].values()):
                if person.introduced_by == other_id and person.id != keep_id:
                    self._put("people", replace(person, introduced_by=keep_id))
            self._put("people", keep)
            self._drop("people", other_id)
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
        used = {e.setting for e in self.encounters() if e.setting}
        return list(DEFAULT_SETTINGS) + sorted(used - set(DEFAULT_SETTINGS))

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
