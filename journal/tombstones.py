"""Deletions leave a tombstone, so that a merge does not bring a deleted record back.

A tombstone is the deleted record's id, its table and the moment it went
(journal.models.Tombstone); a person merged into another also names who.
The domain operations that delete (journal.store, journal.opinions) call
`bury`; the ones that undo a delete call `unbury`. journal.merge reads them.

Both tables are record tables of journal.persistence like the others (kept
current on our saves, caught up after another process's).
"""
from __future__ import annotations

from . import clock
from .models import Tombstone


def side_table(store, name: str) -> dict:
    """The records of `tombstones` or `conflicts` by id, current with the file."""
    store._sync()
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
