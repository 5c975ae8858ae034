"""A save reuses the bytes of the batches it did not change (journal.pieces.Layout).

conftest cuts tables into batches of two documents and checks every save of
these tests byte for byte against its data; here, every kind of change runs
through a store whose earlier saves left batches to reuse.
"""
from __future__ import annotations

import os
from datetime import timedelta

import orjson
import pytest

import journal.durable
import journal.pieces
from journal import clock
from journal.errors import SaveError
from journal.migrations import FILE_ORDER
from journal.storage import SafeJSONStorage
from journal.models import EncounterDraft
from journal.store import Store


def draft(notes: str, who=("Ana Souza",), hours: int = 1) -> EncounterDraft:
    return EncounterDraft(when=clock.now() - timedelta(hours=hours), who=list(who), notes=notes)


def notes_on_disk(path) -> list[str]:
    return [doc["notes"] for doc in orjson.loads(path.read_bytes())["encounters"].values()]


@pytest.fixture
def serialised(monkeypatch):
    """The batches serialised (not reused) by the saves since the last clear()."""
    made = []
    batch = journal.pieces._batch

    def counting(table, keys):
        made.append(list(keys))
        return batch(table, keys)

    monkeypatch.setattr(journal.pieces, "_batch", counting)
    return made


def test_an_added_encounter_serialises_only_the_last_batch(store, serialised):
    for n in range(20):
        store.add_encounter(draft(f"note {n}"))
    serialised.clear()
    store.add_encounter(draft("the new one"))
    assert serialised == [["21"]]  # ten full batches of two reused, the new last one made
    assert notes_on_disk(store.path)[-1] == "the new one"


def test_every_kind_of_change_is_written_whatever_was_reused(store, journal_path, monkeypatch):
    ids = [store.add_encounter(draft(f"note {n}", ["Ana Souza", f"P{n}"], hours=n + 1)).encounter.id for n in range(9)]

    store.update_encounter(ids[2], draft("edited in the middle", ["Ana Souza"], hours=3))
    assert notes_on_disk(journal_path)[2] == "edited in the middle"

    deleted = store.delete_encounter(ids[4])
    assert "note 4" not in notes_on_disk(journal_path)
    store.restore_encounter(deleted)  # undo: back at the end
    assert notes_on_disk(journal_path)[-1] == "note 4"

    person = store.people()[0]
    store.update_person(person.id, name="Ana Renamed")
    assert "Ana Renamed" in journal_path.read_text()

    with Store(journal_path) as other:  # another process saves: ours must not reuse its view of the file
        other.update_encounter(ids[0], draft("edited elsewhere", ["Ana Renamed"], hours=1))
    store.add_encounter(draft("after the other one"))
    on_disk = notes_on_disk(journal_path)
    assert on_disk[0] == "edited elsewhere" and on_disk[-1] == "after the other one"

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:  # a failed save: the next one starts from the file
        patch.setattr(journal.durable, "write_journal", broken)
        patch.setattr(journal.storage, "write_journal", broken)
        with pytest.raises(SaveError):
            store.update_encounter(ids[3], draft("never saved", ["Ana Renamed"], hours=4))
    store.update_encounter(ids[5], draft("saved after the failure", ["Ana Renamed"], hours=6))
    on_disk = notes_on_disk(journal_path)
    assert "never saved" not in on_disk and "saved after the failure" in on_disk
    with Store(journal_path) as fresh:
        assert sorted(e.notes for e in fresh.encounters()) == sorted(on_disk)


def test_a_journal_changed_behind_the_stores_back_is_not_reused(store, journal_path, serialised):
    for n in range(6):
        store.add_encounter(draft(f"note {n}"))
    raw = journal_path.read_bytes()
    journal_path.write_bytes(raw.replace(b'"note 1"', b'"NOTE 1"'))  # same length, other bytes
    serialised.clear()
    store.add_encounter(draft("after"))
    assert notes_on_disk(journal_path) == ["note 0", "NOTE 1", "note 2", "note 3", "note 4", "note 5", "after"]
    assert len(serialised) == 4  # read again, so every batch made anew: [1, 2] [3, 4] [5, 6] [7]


def documents(text: str) -> dict:
    return {
        "meta": {"1": {"schema_version": 2}},
        "encounters": {str(n): {"id": f"e{n}", "notes": f"{text} {n}"} for n in range(1, 9)},
    }


@pytest.mark.parametrize("when", ["after-the-save", "during-the-save"])
def test_a_file_renamed_over_the_journal_is_never_read_as_ours(journal_path, tmp_path, monkeypatch, serialised, when):
    """A program that ignores the lock puts its own version in place, laid out as ours, with other values."""
    journal_path.parent.mkdir(parents=True)
    foreign = tmp_path / "foreign.json"
    SafeJSONStorage(foreign, tables=FILE_ORDER).write(documents("NOTE"))
    storage = SafeJSONStorage(journal_path, tables=FILE_ORDER)
    data = documents("note")
    storage.write(data)

    def replace_it(*args) -> None:
        os.replace(foreign, journal_path)

    if when == "during-the-save":  # between our swap and anything we look at afterwards
        with monkeypatch.context() as patch:
            patch.setattr(journal.durable, "_make_private", replace_it)
            SafeJSONStorage.write.unchecked(storage, data)  # the path is the other file's by design
    else:
        storage.write(data)
        replace_it()
    assert b"NOTE" in journal_path.read_bytes()

    serialised.clear()
    data["encounters"]["9"] = {"id": "e9", "notes": "note 9"}
    storage.write(data)  # straight away, without reading first: only the file's identity tells

    assert journal_path.read_bytes() == orjson.dumps(data)
    assert len(serialised) == 5  # nothing was read back from the other file


def test_a_record_changed_in_place_does_not_change_the_stored_document(store, journal_path):
    """Records are copies: only a save through the store changes what is stored (and marks it)."""
    store.add_encounter(draft("one", ["Ana Souza", "Bruno", "Carla"]))
    with Store(journal_path) as fresh:  # records built from the file, as the app has them
        person = fresh.people()[0]
        person.aliases.append("changed in place")
        fresh.add_encounter(draft("two"))
        assert b"changed in place" not in journal_path.read_bytes()
        fresh.update_person(person.id, aliases=["saved"])
    assert b'"aliases":["saved"]' in journal_path.read_bytes()
