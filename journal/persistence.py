"""Transactions over the journal file, and catching up with other processes' saves.

Every change runs in `_transaction()`: take the file lock, notice whether
another process saved since we last looked (and if so catch up), apply the
change through TinyDB's public Table API, and let the storage write the whole
document once, atomically (journal.storage). The records built from the file
(models by id, per table) are updated in place on our own saves, and caught up
document by document when another process saved.

The domain operations live in journal.store, which subclasses this; they
change records only through `_put` and `_drop`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Table

from .durable import ensure_private_dir, real_target
from .errors import SaveError, UnreadableJournalError
from .i18n import _
from .lock import JournalLock, LockTimeout
from .migrations import CURRENT_SCHEMA, TABLES, SchemaError, migrate, schema_version
from .models import Conflict, Encounter, Group, Me, Opinion, Person, Tombstone, WeekReview
from .storage import SafeJSONStorage, paused_gc

MODELS = {
    "encounters": Encounter, "people": Person, "opinions": Opinion, "reviews": WeekReview, "me": Me,
    "groups": Group, "tombstones": Tombstone, "conflicts": Conflict,
}
_BAD_RECORD = (KeyError, TypeError, ValueError, AttributeError, OverflowError)


class _Records(dict):
    """table name -> {id: model}, each table built from the raw data on first use."""

    def __init__(self, owner: "Persistence"):
        super().__init__()
        self._owner = owner

    def __missing__(self, name: str) -> dict:
        records, doc_ids = self._owner._materialize(name)
        self[name] = records
        dict.__setitem__(self._owner._doc_ids, name, doc_ids)
        return records


class _DocIds(dict):
    """table name -> {id: TinyDB document id}, filled alongside _Records."""

    def __init__(self, owner: "Persistence"):
        super().__init__()
        self._owner = owner

    def __missing__(self, name: str) -> dict:
        self._owner._records[name]
        return dict.__getitem__(self, name)


def check_keys(path: Path, name: str, table: dict) -> None:
    """TinyDB reads document keys with int(): "05" or " 5" would be a second 5, "x" a crash."""
    for key in table:
        if not (key.isascii() and key.isdigit() and (key[0] != "0" or key == "0") and len(key) < 19):
            raise UnreadableJournalError(path, _("record {key} of table '{table}' has a key that is not a plain document number").format(
                key=repr(key[:40]), table=name))


class Persistence:
    """The journal at `path`: its records, kept current, and the one way to change them.

    `lock_timeout`: seconds a save waits for another process's save.
    `catch_up_limit`: a share of a table that may change under us before
    catching up gives way to rebuilding the table (a tuning value).
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = 10.0, catch_up_share: float = 0.1):
        self.path = Path(path)
        self._lock_timeout = lock_timeout
        self._catch_up_share = catch_up_share
        self._lock: JournalLock | None = None  # made at the first save: reading creates no file
        self._db = TinyDB(self.path, storage=SafeJSONStorage)
        self._storage: SafeJSONStorage = self._db.storage
        self._tables: dict[str, Table] = {}
        self._seen_generation = -1
        self._records = _Records(self)
        self._doc_ids = _DocIds(self)
        # table -> {document key: why it was left out}, filled as tables are built.
        self._damaged: dict[str, dict[str, str]] = {}
        # Bumped on every change to the records, ours or another process's:
        # what is computed from them (the reach graph, say) is kept per version.
        self.version = 0
        self._derived: dict[object, tuple[int, object]] = {}
        # The data the records were built from (the storage's own dict, which
        # our saves change in place); None forces a rebuild.
        self._raw: dict | None = None
        self._sync(strict=True)
        self._reported_generation = self._seen_generation  # see refresh

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lock is None:
            target = real_target(self.path)
            self._lock = JournalLock(str(target) + ".lock", timeout=self._lock_timeout)
            ensure_private_dir(target.parent)
        try:
            self._lock.acquire()
        except LockTimeout:
            # :g, not :.0f, so that a short timeout does not read "over 0 s".
            raise SaveError(
                _("The journal is busy: another netjournal has held {lock} for over {seconds} s. "
                  "Nothing was saved; try again.").format(lock=self._lock.lock_file, seconds=f"{self._lock.timeout:g}")
            ) from None
        except OSError as exc:
            raise SaveError(
                _("Could not lock the journal ({problem}: {lock}). Nothing was saved.").format(
                    problem=exc.strerror or exc, lock=self._lock.lock_file)
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Lock, catch up with other processes, change, write once."""
        with self._locked():
            self._sync(strict=True)
            try:
                with self._storage.batch():
                    meta = self._tables["meta"]
                    if not any("schema_version" in doc for doc in meta.all()):
                        meta.insert({"schema_version": CURRENT_SCHEMA})
                    yield
                # The first save of a new journal made the storage a new dict.
                self._raw = self._storage.last_good()
            except OSError as exc:
                # The storage left the file intact and forgot its data; the
                # records may hold the failed change, so rebuild them from disk.
                self._forget()
                raise SaveError(
                    _("Could not save the journal ({problem}). The file on disk is unchanged; "
                      "what you typed is kept.").format(problem=exc.strerror or exc)
                ) from exc
            except BaseException:
                self._forget()
                raise

    def _forget(self) -> None:
        self._seen_generation = -1
        self._raw = None
        self.version += 1

    # --------------------------------------------------- reading, catching up
    def _sync(self, *, strict: bool = False) -> None:
        if not self._storage.changed_on_disk() and self._storage.generation == self._seen_generation:
            return
        try:
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
        data = self._upgraded(data)
        # TinyDB remembers each table's next document id; another process's
        # inserts make it stale, so the tables start afresh.
        self._tables = {name: Table(self._storage, name, cache_size=0) for name in TABLES}
        for name, table in data.items():
            check_keys(self.path, name, table)
        with paused_gc():
            if previous is None or not self._catch_up(previous, data):
                self._records.clear()
                self._doc_ids.clear()
                self._damaged.clear()
                self._rebuilt()
        self.version += 1
        self._raw = data
        self._seen_generation = self._storage.generation

    def _upgraded(self, data: dict | None) -> dict:
        """The data at the current schema; an older file is migrated in memory only.

        Reading never writes: the migrated data is what the next save writes,
        and until then the file stays as it was.
        """
        try:
            version = schema_version(data)
            if version == CURRENT_SCHEMA:
                return data if data is not None else {}
            migrated, _changed = migrate(data)
            if version == 1:
                # The prototype's records are rewritten field by field: one that does
                # not convert would be kept as a damaged v2 record that no longer
                # holds what the user wrote. Later steps only add, and a damaged
                # record stays as it was.
                for name, model in MODELS.items():
                    for raw in (migrated.get(name) or {}).values():
                        model.from_dict(raw)
        except SchemaError as exc:
            raise UnreadableJournalError(self.path, str(exc)) from None
        except _BAD_RECORD as exc:
            raise UnreadableJournalError(
                self.path, _("it looks like a schema {version} journal but could not be upgraded ({problem})").format(
                    version=version, problem=repr(exc))
            ) from None
        self._storage.adopt(migrated)
        return migrated

    def _catch_up(self, previous: dict, data: dict) -> bool:
        """Apply another process's save to the records, document by document.

        Rebuilding everything after someone else saved one encounter would
        cost every model again; comparing the documents finds the few that
        changed. False (nothing applied) when too much changed or a changed
        document is malformed: the caller then rebuilds.
        """
        plan = []
        # People first: an encounter's search text holds its people's names.
        for name in ("people", "encounters", "opinions", "reviews", "me", "groups", "tombstones", "conflicts"):
            old, new = previous.get(name) or {}, data.get(name) or {}
            changed = [key for key, doc in new.items() if old.get(key) != doc]
            removed = [key for key in old if key not in new]
            if len(changed) + len(removed) > max(50, len(new) * self._catch_up_share):
                return False
            if not dict.__contains__(self._records, name):
                continue  # not built yet: it will be, from the new data
            if any(key in self._damaged.get(name, ()) for key in (*changed, *removed)):
                return False  # a damaged record changed: the rebuild notes it afresh
            built = []
            for key in changed:
                try:
                    built.append((key, MODELS[name].from_dict(new[key])))
                except _BAD_RECORD:
                    return False
            # What the changed and removed keys held before, by record id.
            before = [(key, old[key].get("id")) for key in (*removed, *changed) if type(old.get(key)) is dict]
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

    def _materialize(self, name: str) -> tuple[dict[str, object], dict[str, int]]:
        """Build a table's models. A damaged document is left out and noted, never dropped:
        nothing but _put and _drop writes a document, so the next save keeps it as it is."""
        model = MODELS[name]
        records: dict[str, object] = {}
        doc_ids: dict[str, int] = {}
        damaged = self._damaged[name] = {}
        try:
            data = self._storage.read()
        except UnreadableJournalError:
            # Only reached by reads after the file went bad (see _sync): build
            # the table from what was read last, like the others.
            data = self._raw
            if data is None:
                raise
        with paused_gc():
            for doc_id, raw in ((data or {}).get(name) or {}).items():
                try:
                    if type(raw) is not dict:
                        raise ValueError(_("it is not an object"))
                    record = model.from_dict(raw)
                    if record.id in records:
                        raise ValueError(_("its id is also record {other}'s").format(other=doc_ids[record.id]))
                except _BAD_RECORD as exc:
                    damaged[doc_id] = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
                    continue
                records[record.id] = record
                doc_ids[record.id] = int(doc_id)
        return records, doc_ids

    def damaged_records(self) -> list[tuple[str, str, str]]:
        """(table, document key, reason) of every record left out, once every table is built."""
        self.load_all()
        return [(name, key, why) for name, found in self._damaged.items() for key, why in found.items()]

    def derived(self, key, build):
        """`build()`, computed once per data version: a screen or query's data kept until a change."""
        self._sync()
        entry = self._derived.get(key)
        if entry is None or entry[0] != self.version:
            entry = self._derived[key] = (self.version, build())
        return entry[1]

    def load_all(self) -> None:
        """Build every table now (the app does, so that a bad record shows before it starts)."""
        for name in MODELS:
            self._records[name]

    def refresh(self) -> bool:
        """Catch up if another process saved; True when what is held changed since the last refresh.

        Compared with the data last reported, not with the moment before: a
        save of ours may have caught up with another process's meanwhile (the
        screens still show the older data).
        """
        self._sync(strict=True)
        changed = self._seen_generation != self._reported_generation
        self._reported_generation = self._seen_generation
        return changed

    # --------------------------------------------------------------- writing
    def _put(self, table: str, record, *, new: bool = False) -> None:
        """Insert or update one record; only inside _transaction().

        `new`: the record was just made (a fresh id). In a table nobody has
        read yet, it is then only inserted: the models are built from the
        data, which holds it, when the table is first used (so `netjournal
        add` never builds the encounters).
        """
        doc = record.to_dict()
        if new and not dict.__contains__(self._records, table):
            self._tables[table].insert(doc)
            self.version += 1
            return
        doc_ids = self._doc_ids[table]
        doc_id = doc_ids.get(record.id)
        if doc_id is None:
            doc_ids[record.id] = self._tables[table].insert(doc)
        else:
            self._tables[table].update(doc, doc_ids=[doc_id])
        previous = self._records[table].get(record.id)
        self._records[table][record.id] = record
        self.version += 1
        self._reindex(table, previous, record)

    def _drop(self, table: str, record_id: str) -> None:
        """Remove one record; only inside _transaction()."""
        doc_id = self._doc_ids[table].pop(record_id)
        self._tables[table].remove(doc_ids=[doc_id])
        previous = self._records[table].pop(record_id)
        self.version += 1
        self._reindex(table, previous, None)

    # ------------------------------------------------- hooks for the domain
    def _reindex(self, table: str, previous, current) -> None:
        """A record changed (None: absent before, or removed); derived indexes follow."""

    def _rebuilt(self) -> None:
        """Every record is rebuilt from the file; derived indexes must be too."""
