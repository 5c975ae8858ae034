"""Deletions leave a tombstone, so that a merge does not bring a deleted record back.

A tombstone is the deleted record's id, its table and the moment it went
(journal.models.Tombstone); a person merged into another also names who.
The domain operations that delete (journal.store, journal.opinions) call
`bury`; the ones that undo a delete call `unbury`. journal.merge reads them.

The `tombstones` and `conflicts` tables are small and are read afresh after
another process saved (see `side_table`): Persistence catches up document by
document only for the record tables.
"""
from __future__ import annotations

from . import clock, persistence
from .models import Conflict, Tombstone

SIDE_TABLES = {"tombstones": Tombstone, "conflicts": Conflict}

# Persistence builds a table's models from this mapping (journal/persistence.py).
for _name, _model in SIDE_TABLES.items():
    persistence.MODELS.setdefault(_name, _model)


def side_table(store, name: str) -> dict:
    """The records of `tombstones` or `conflicts` by id, current with the file.

    Persistence._catch_up applies another process's save to the record
    tables only; these two are rebuilt from the data instead whenever the
    store read a new version of the file since they were built (they are
    small: one record per deletion or set-aside version).
    """
    store._sync()
    built = store.__dict__.setdefault("_side_generation", {})
    if built.get(name) != store._seen_generation:
        dict.pop(store._records, name, None)
        dict.pop(store._doc_ids, name, None)
        built[name] = store._seen_generation
    return store._records[name]


def bury(store, table: str, record_id: str, merged_into: str | None = None) -> Tombstone:
    """Record that `record_id` of `table` was deleted now; only inside a transaction."""
    side_table(store, "tombstones")
    tombstone = Tombstone(id=record_id, table=table, deleted_at=clock.utc_stamp(), merged_into=merged_into)
    store._put("tombstones", tombstone)
    return tombstone


def unbury(store, record_id: str) -> None:
    """Forget the deletion of `record_id` (its delete was undone); only inside a transaction."""
    if record_id in side_table(store, "tombstones"):
        store._drop("tombstones", record_id)
