"""Deletions leave a tombstone (id, table, deleted_at); undoing a delete removes it."""
from __future__ import annotations

from datetime import datetime, timedelta

import orjson
import pytest

from journal import clock
from journal.models import EncounterDraft
from journal.store import Store
from journal.tombstones import side_table

STAMP = "2026-11-27T14:00:00+00:00"  # the frozen clock, in UTC


def draft(**fields) -> EncounterDraft:
    fields.setdefault("when", datetime.fromisoformat("2026-11-26T18:30:00+01:00"))
    return EncounterDraft(**fields)


def tombstones_on_disk(path) -> dict[str, dict]:
    data = orjson.loads(path.read_bytes())
    return {t["id"]: t for t in (data.get("tombstones") or {}).values()}


def test_deleting_an_encounter_leaves_a_tombstone_and_undo_removes_it(store):
    gone = store.add_encounter(draft(who=["Ana"], notes="x")).encounter
    store.delete_encounter(gone.id)
    assert tombstones_on_disk(store.path) == {
        gone.id: {"id": gone.id, "table": "encounters", "deleted_at": STAMP, "merged_into": None}
    }
    later = clock.now() + timedelta(minutes=5)
    clock.set_now(lambda: later)
    store.restore_encounter(gone)
    assert tombstones_on_disk(store.path) == {}
    # Restored as a change made now: it must win a merge against the copy that saw the delete.
    assert store.encounter(gone.id).updated_at == "2026-11-27T14:05:00+00:00"
    assert store.encounter(gone.id).notes == "x"


def test_undoing_an_add_buries_what_it_created(store):
    result = store.add_encounter(draft(who=["Dora"], notes="oops"))
    store.undo_save(result)
    assert set(tombstones_on_disk(store.path)) == {result.encounter.id, result.created_people[0].id}
    store.restore_encounter(result.encounter, result.created_people)
    assert tombstones_on_disk(store.path) == {}


def test_undoing_an_edit_stamps_the_old_version_as_new(store):
    result = store.add_encounter(draft(who=["Ana"], notes="first"))
    before = result.encounter
    later = clock.now() + timedelta(minutes=1)
    clock.set_now(lambda: later)
    edited = store.update_encounter(before.id, draft(who=["Ana"], notes="second"))
    clock.set_now(lambda: later + timedelta(minutes=1))
    store.undo_save(edited, before)
    back = store.encounter(before.id)
    assert back.notes == "first" and back.updated_at == "2026-11-27T14:02:00+00:00"


def test_merging_people_buries_the_one_merged_away_with_where_they_went(store):
    store.add_encounter(draft(who=["Ana Souza"], notes="x"))
    store.add_encounter(draft(who=["Ana S"], notes="y"))
    keep = store.match_person("Ana Souza").person_ids[0]
    other = store.match_person("Ana S").person_ids[0]
    store.merge_people(keep, other)
    assert tombstones_on_disk(store.path)[other] == {
        "id": other, "table": "people", "deleted_at": STAMP, "merged_into": keep,
    }


def test_opinion_delete_and_restore(store):
    tea = store.opinions.note("Tea", "Good")
    deleted = store.opinions.delete(tea.id)
    assert tombstones_on_disk(store.path)[tea.id]["table"] == "opinions"
    store.opinions.restore(deleted)
    assert tombstones_on_disk(store.path) == {}


def test_a_tombstone_saved_by_another_process_is_seen(store):
    """Persistence catches up the record tables only; the tombstones are read afresh."""
    one = store.add_encounter(draft(who=["Ana"], notes="one")).encounter
    two = store.add_encounter(draft(who=["Ana"], notes="two")).encounter
    store.delete_encounter(one.id)
    assert set(side_table(store, "tombstones")) == {one.id}
    with Store(store.path) as other:
        other.delete_encounter(two.id)
    assert set(side_table(store, "tombstones")) == {one.id, two.id}
    store.restore_encounter(two)  # removes the tombstone the other process wrote
    assert set(tombstones_on_disk(store.path)) == {one.id}


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ({"id": "x", "table": "encounters", "deleted_at": "yesterday"}, "is not a date"),
        ({"id": "x", "table": "meta", "deleted_at": STAMP}, "not one that holds records"),
        ({"id": "", "table": "people", "deleted_at": STAMP}, "its id is empty"),
        ({"id": "x", "table": "people", "deleted_at": STAMP, "merged_into": 3}, "merged_into"),
    ],
)
def test_a_damaged_tombstone_is_left_out_and_kept(journal_path, doc, reason):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 3}}, "tombstones": {"1": doc}}))
    with Store(journal_path) as store:
        [(table, key, why)] = store.damaged_records()
        assert (table, key) == ("tombstones", "1") and reason in why
        store.add_encounter(draft(notes="a save keeps it"))
    assert orjson.loads(journal_path.read_bytes())["tombstones"]["1"] == doc


def test_deleting_a_group_leaves_a_tombstone_and_undo_removes_it(store):
    group = store.groups.add("Fado night", members=["Ana"]).group
    deleted = store.groups.delete(group.id)
    assert tombstones_on_disk(store.path)[group.id]["table"] == "groups"
    store.groups.restore(deleted)
    assert tombstones_on_disk(store.path) == {}
    change = store.groups.add("Runners")
    store.groups.undo_change(change)  # an add undone: buried like a delete
    assert tombstones_on_disk(store.path)[change.group.id]["table"] == "groups"
