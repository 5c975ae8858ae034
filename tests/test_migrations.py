"""Opening a v1 (prototype) journal migrates it; a newer one is refused untouched."""
from __future__ import annotations

import json
import shutil
import uuid
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest

from journal.errors import UnreadableJournalError
from journal.models import EncounterDraft
from journal.migrations import CURRENT_SCHEMA, SchemaError, migrate, schema_version
from journal.storage import list_backups
from journal.store import Store

# Every test here runs twice: without any platform special case, and with macOS's (conftest).
pytestmark = pytest.mark.usefixtures("platform_quirks")

FIXTURE = Path(__file__).parent / "fixtures" / "journal-v1.json"
STAMP = "2026-11-27T14:00:00+00:00"  # the frozen clock, in UTC


@pytest.fixture
def v1_path(journal_path):
    journal_path.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURE, journal_path)
    return journal_path


def test_fixture_is_v1():
    assert schema_version(orjson.loads(FIXTURE.read_bytes())) == 1


def test_v1_migrates_every_field(v1_path):
    original = v1_path.read_bytes()
    with Store(v1_path) as store:
        people = {p.name: p for p in store.people()}
        # People from the people table, then the ones only named on encounters;
        # "ana souza" on an encounter is the same person as "Ana Souza".
        assert sorted(people) == ["Ana Souza", "Bruno", "Carla", "Dora", "José"]
        assert people["Ana Souza"].interests == ["baking", "cycling"]
        assert people["Carla"].interests == ["photography"]
        assert people["Dora"].interests == []
        assert people["Bruno"].interests == []
        for person in people.values():
            uuid.UUID(person.id)
            assert person.aliases == [] and person.organisation == "" and person.notes == ""
            assert person.introduced_by is None and person.keep_in_touch_days is None
            assert person.created_at == person.updated_at == STAMP

        by_place = {e.place: e for e in store.encounters()}
        assert len(by_place) == 4
        padaria = by_place["Padaria Real"]
        assert padaria.when == datetime.fromisoformat("2026-11-20T18:30:00+01:00")
        assert store.names(padaria.people) == ["Ana Souza", "Bruno"]
        assert padaria.setting == "bakery"
        assert padaria.notes == "Talked about #sourdough and her move to #Lisbon.\nBruno fixes bikes."
        assert padaria.topics == ["sourdough", "Lisbon"]
        assert padaria.learned == ""
        assert padaria.gave == "The name of my plumber"
        assert padaria.asked == "A table for Saturday"
        assert padaria.follow_up.text == "Send Bruno the recipe"
        assert padaria.follow_up.due == date(2026, 12, 1)
        assert not padaria.follow_up.done

        cafe = by_place["Café do Largo"]
        assert cafe.people == [people["Ana Souza"].id]
        assert cafe.setting == "cafe" and cafe.topics == ["Sourdough"]
        assert cafe.follow_up is None  # an empty v1 follow-up is no follow-up

        meetup = by_place[""]
        assert store.names(meetup.people) == ["José", "Carla"]
        assert meetup.notes == "[red]not markup[/] at the meetup"
        assert meetup.gave == "An introduction to Ana"
        assert meetup.follow_up.text == "Email José the slides"
        assert meetup.follow_up.due is None and meetup.follow_up.done

        bus = by_place["Bus 28"]
        assert bus.people == [] and bus.setting == "transit" and bus.follow_up is None

        for e in store.encounters():
            uuid.UUID(e.id)
            assert e.created_at == e.updated_at == STAMP
        assert store.reviews() == []
        # Reading never writes: the migration is in memory until a save.
        assert v1_path.read_bytes() == original
        assert list_backups(v1_path) == []
        store.save_reflection("2026-W47", "first reflection")

    on_disk = orjson.loads(v1_path.read_bytes())
    assert set(on_disk) == {"meta", "people", "opinions", "reviews", "encounters", "me", "groups", "tombstones", "conflicts"}
    assert list(on_disk["meta"].values()) == [{"schema_version": CURRENT_SCHEMA}]
    assert schema_version(on_disk) == CURRENT_SCHEMA and on_disk["groups"] == {}
    # TinyDB document ids of encounters are kept.
    assert sorted(on_disk["encounters"]) == ["1", "2", "3", "4"]
    assert on_disk["opinions"] == {} and len(on_disk["reviews"]) == 1
    # The v1 file was backed up, byte for byte, before being rewritten.
    (backup,) = list_backups(v1_path)
    assert backup.read_bytes() == original


def test_v1_who_as_a_string_is_a_comma_separated_list_of_names(journal_path):
    """A hand-written v1 journal with "who": "Ana Souza" made seven one-letter people."""
    journal_path.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURE.with_name("journal-v1-who-string.json"), journal_path)
    with Store(journal_path) as store:
        assert sorted(p.name for p in store.people()) == ["Ana Souza", "Bruno", "Carla"]
        who = {e.notes: store.names(e.people) for e in store.encounters()}
        assert who == {
            "who as one string": ["Ana Souza"],
            "a comma-separated string": ["Ana Souza", "Bruno"],
            "an empty string": [],
            "a list, as usual": ["Carla"],
            "null": [],
        }


def test_migrated_journal_reopens_unchanged_and_accepts_saves(v1_path):
    with Store(v1_path) as store:
        store.save_reflection("2026-W47", "saved once, so the migration is on disk")
    migrated = v1_path.read_bytes()
    with Store(v1_path) as store:
        assert v1_path.read_bytes() == migrated  # opening a current file writes nothing
        result = store.add_encounter(EncounterDraft(when=datetime.fromisoformat("2026-11-27T10:00:00+01:00"), who=["ana"], notes="after"))
        assert store.names(result.encounter.people) == ["Ana Souza"]
        assert result.created_people == []
    with Store(v1_path) as again:
        assert len(again.encounters()) == 5


def test_a_read_only_open_of_a_v1_journal_writes_nothing(v1_path):
    original = v1_path.read_bytes()
    with Store(v1_path) as store:
        store.load_all()
        assert len(store.encounters()) == 4
    assert v1_path.read_bytes() == original
    assert sorted(p.name for p in v1_path.parent.iterdir()) == ["journal.json"]


def test_migrate_is_a_no_op_on_current_data():
    data = {"encounters": {}, "people": {}, "opinions": {}, "reviews": {}, "me": {}, "groups": {}, "tombstones": {},
            "conflicts": {},
            "meta": {"1": {"schema_version": CURRENT_SCHEMA}}}
    assert migrate(data) == (data, False)


def test_v2_gains_introductions_told_and_me_and_keeps_its_meaning(journal_path):
    """Schema 3 (issue 18): a v2 encounter introduced no one and told nothing."""
    v2 = {"meta": {"1": {"schema_version": 2}}, "people": {}, "opinions": {}, "reviews": {},
          "encounters": {"4": {"id": "e", "when": "2026-11-20T10:00:00+01:00", "people": [], "place": "", "setting": "",
                                "notes": "old", "topics": [], "learned": "", "gave": "", "asked": "", "follow_up": None,
                                "created_at": STAMP, "updated_at": STAMP}}}
    migrated, changed = migrate(json.loads(json.dumps(v2)))
    assert changed and schema_version(migrated) == CURRENT_SCHEMA and migrated["me"] == {}
    assert migrated["encounters"] == v2["encounters"]  # no record is rewritten
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(orjson.dumps(v2))
    with Store(journal_path) as store:
        [encounter] = store.encounters()
        assert encounter.notes == "old" and encounter.introduced == [] and encounter.told == []
        assert orjson.loads(journal_path.read_bytes()) == v2  # reading writes nothing
        store.save_reflection("2026-W47", "now it is saved")
    assert schema_version(orjson.loads(journal_path.read_bytes())) == CURRENT_SCHEMA


V2 = {
    "meta": {"1": {"schema_version": 2}},
    "people": {"1": {"id": "p-1", "name": "Ana Souza", "aliases": [], "organisation": "", "interests": [],
                     "introduced_by": None, "notes": "", "keep_in_touch_days": None,
                     "created_at": STAMP, "updated_at": STAMP},
               "2": {"id": "p-2", "name": 7}},  # damaged: kept as it is
    "encounters": {"4": {"id": "e-1", "when": "2026-11-20T10:00:00+01:00", "people": ["p-1"], "place": "",
                         "setting": "", "notes": "hi", "topics": [], "learned": "", "gave": "", "asked": "",
                         "follow_up": None, "created_at": STAMP, "updated_at": STAMP}},
    "opinions": {},
    "reviews": {},
    "somebody_elses": {"1": {"x": 1}},
}
V3 = {**V2, "meta": {"1": {"schema_version": 3}}, "me": {}}
V4 = {**V3, "meta": {"1": {"schema_version": 4}}, "groups": {}}


def test_v4_to_v5_only_adds_the_new_tables_and_the_version():
    from journal.migrations import _v4_to_v5

    migrated = _v4_to_v5(json.loads(json.dumps(V4)))
    assert schema_version(migrated) == 5
    assert migrated["tombstones"] == {} and migrated["conflicts"] == {}
    assert migrated["meta"] == {"1": {"schema_version": 5}}
    # Everything else as it was, byte for byte: records are not rewritten.
    for name in ("people", "encounters", "opinions", "reviews", "me", "groups", "somebody_elses"):
        assert migrated[name] == V4[name]
    assert V4["meta"] == {"1": {"schema_version": 4}}  # the input is not changed


def test_v4_to_v5_is_idempotent_on_tables_already_there():
    from journal.migrations import _v4_to_v5

    data = json.loads(json.dumps(V4))
    data["tombstones"] = {"1": {"id": "e-9", "table": "encounters", "deleted_at": STAMP}}
    once = _v4_to_v5(data)
    assert once["tombstones"] == data["tombstones"]
    assert _v4_to_v5(once) == once


@pytest.mark.parametrize("older", [V2, V3, V4], ids=["v2", "v3", "v4"])
def test_an_older_journal_opens_with_empty_contact_fields_and_saves_as_current(journal_path, older):
    journal_path.parent.mkdir(parents=True)
    data = json.loads(json.dumps(older))
    del data["people"]["2"]
    journal_path.write_text(json.dumps(data))
    original = journal_path.read_bytes()
    with Store(journal_path) as store:
        [ana] = store.people()
        assert ana.emails == [] and ana.phones == [] and ana.links == []
        assert journal_path.read_bytes() == original  # reading never writes
        store.delete_encounter("e-1")
    on_disk = orjson.loads(journal_path.read_bytes())
    assert schema_version(on_disk) == CURRENT_SCHEMA
    assert on_disk["people"]["1"] == older["people"]["1"]  # not rewritten: nothing changed it
    assert on_disk["somebody_elses"] == older["somebody_elses"]
    assert [t["id"] for t in on_disk["tombstones"].values()] == ["e-1"]


def test_an_older_journal_with_a_damaged_record_still_opens_after_the_upgrade(journal_path):
    """The steps after 1 rewrite no record: a damaged one is left out and kept, as in a current file."""
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text(json.dumps(V2))
    with Store(journal_path) as store:
        assert [key for table, key, _ in store.damaged_records()] == ["2"]
        store.save_reflection("2026-W48", "saved")
    on_disk = orjson.loads(journal_path.read_bytes())
    assert schema_version(on_disk) == CURRENT_SCHEMA and on_disk["people"]["2"] == {"id": "p-2", "name": 7}


def test_migrate_v1_reports_a_change():
    migrated, changed = migrate(orjson.loads(FIXTURE.read_bytes()))
    assert changed and schema_version(migrated) == CURRENT_SCHEMA


@pytest.mark.parametrize("version", [0, -1, "2", None, 1.5])
def test_nonsense_schema_version(version):
    with pytest.raises(SchemaError):
        schema_version({"meta": {"1": {"schema_version": version}}})


def test_newer_schema_is_refused_and_left_byte_identical(journal_path):
    journal_path.parent.mkdir(parents=True)
    payload = b'{"encounters": {"1": {"future": true}}, "meta": {"1": {"schema_version": 99}}}\n'
    journal_path.write_bytes(payload)
    with pytest.raises(UnreadableJournalError) as info:
        Store(journal_path)
    message = str(info.value)
    assert str(journal_path) in message
    assert "newer netjournal" in message and "99" in message
    assert journal_path.read_bytes() == payload
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.json"]


def test_bad_schema_version_is_refused_and_left_byte_identical(journal_path):
    journal_path.parent.mkdir(parents=True)
    payload = b'{"meta": {"1": {"schema_version": "two"}}}'
    journal_path.write_bytes(payload)
    with pytest.raises(UnreadableJournalError, match="not a version number"):
        Store(journal_path)
    assert journal_path.read_bytes() == payload


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        # v2-shaped records but no meta table: read as v1, which it is not.
        (b'{"encounters": {"1": {"id": "x", "when": "2026-11-20T10:00:00+01:00"}}}', "KeyError('date')"),
        # A v1 date that the current format cannot hold: the migration would
        # otherwise write a file that the next read refuses.
        (b'{"encounters": {"1": {"date": "20/11/2026", "who": ["Ana"]}}}', "is not a date and time"),
        (b'{"people": {"1": {"interests": []}}}', "KeyError('name')"),
        (b'{"encounters": {"1": {"date": "2026-11-20T10:00:00+01:00", "who": [7]}}}', "TypeError"),
    ],
)
def test_a_broken_v1_file_is_refused_untouched(journal_path, payload, problem):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(payload)
    with pytest.raises(UnreadableJournalError) as info:
        Store(journal_path)
    assert "could not be upgraded" in info.value.reason
    assert problem in info.value.reason
    assert journal_path.read_bytes() == payload
    assert list_backups(journal_path) == []
    assert not list(journal_path.parent.glob("*.tmp"))


def test_an_empty_object_is_a_new_current_journal(journal_path):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(b"{}")
    with Store(journal_path) as store:
        assert store.encounters() == [] and store.people() == []
        assert journal_path.read_bytes() == b"{}"  # opening writes nothing
        store.add_encounter(EncounterDraft(when=datetime.fromisoformat("2026-11-27T10:00:00+01:00"), notes="first"))
    assert schema_version(orjson.loads(journal_path.read_bytes())) == CURRENT_SCHEMA


def test_v1_text_is_cleaned_of_control_characters_but_markup_is_kept(journal_path):
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    journal_path.write_text(json.dumps({
        "encounters": {"1": {
            "date": "2026-11-20T10:00:00+01:00", "who": ["Ana\x1b]0;pwned\x07 Souza"],
            "place": "Padaria\x9b Real", "kind": "Bakery", "notes": "[red]x[/] \x1b[31mred\x1b[0m #bread",
            "gave": "tip\x00", "asked": "", "followup": "call\x07 back", "followup_due": "2026-11-30",
        }},
        "people": {"1": {"name": "Ana\x1b]0;pwned\x07 Souza", "interests": ["bread\x1b"]}},
    }))
    store = Store(journal_path)
    [encounter] = store.encounters()
    [person] = store.people()
    assert person.name == "Ana]0;pwned Souza"
    assert person.interests == ["bread"]
    assert encounter.place == "Padaria Real" and encounter.setting == "bakery"
    assert encounter.notes == "[red]x[/] [31mred[0m #bread"
    assert encounter.gave == "tip" and encounter.follow_up.text == "call back"


# ---------------------------------------------------------------- 3 -> 4
V3_ENCOUNTER = {
    "id": "0b0c0d0e-0000-4000-8000-000000000001", "when": "2026-11-20T19:00:00+01:00",
    "people": [], "place": "Café Lua", "setting": "cafe", "notes": "before groups", "topics": [],
    "learned": "", "gave": "", "asked": "", "follow_up": None, "introduced": [], "told": [],
    "created_at": STAMP, "updated_at": STAMP,
}


def _v3(**tables) -> dict:
    return {"meta": {"1": {"schema_version": 3}}, "me": {}, "encounters": {"1": dict(V3_ENCOUNTER)}, **tables}


def test_v3_to_v4_adds_the_groups_table_and_nothing_else():
    from journal.migrations import STEPS

    data = _v3(people={}, damaged={"1": [1, 2]})
    migrated = STEPS[3](data)
    assert schema_version(migrated) == 4
    assert migrated["groups"] == {}
    # No record is rewritten: an encounter without group_id reads as null.
    assert migrated["encounters"] == data["encounters"] and "group_id" not in migrated["encounters"]["1"]
    assert migrated["damaged"] == {"1": [1, 2]} and migrated["me"] == {}
    assert data["meta"] == {"1": {"schema_version": 3}}  # the input is not changed in place


def test_v3_to_v4_is_idempotent_and_keeps_a_groups_table_already_there():
    from journal.migrations import STEPS

    group = {"id": "g1", "name": "Fado night"}
    once = STEPS[3](_v3(groups={"1": group}))
    twice = STEPS[3](once)
    assert once == twice
    assert once["groups"] == {"1": group} and schema_version(once) == 4


def test_a_v2_journal_goes_through_3_to_4(journal_path):
    v2 = {"meta": {"1": {"schema_version": 2}}, "encounters": {"1": {k: v for k, v in V3_ENCOUNTER.items() if k not in ("introduced", "told")}}}
    migrated, changed = migrate(json.loads(json.dumps(v2)))
    assert changed and schema_version(migrated) == CURRENT_SCHEMA
    assert migrated["me"] == {} and migrated["groups"] == {}
    assert migrated["encounters"] == v2["encounters"]


def test_a_v3_journal_opens_and_its_encounters_have_no_group(journal_path):
    journal_path.parent.mkdir(parents=True)
    payload = orjson.dumps(_v3())
    journal_path.write_bytes(payload)
    with Store(journal_path) as store:
        [encounter] = store.encounters()
        assert encounter.group_id is None and encounter.notes == "before groups"
        assert store.groups.all() == []
        assert journal_path.read_bytes() == payload  # reading never writes
        store.groups.add("Fado night", cadence_text="every tuesday 19:00")
    on_disk = orjson.loads(journal_path.read_bytes())
    assert schema_version(on_disk) == CURRENT_SCHEMA
    assert [g["name"] for g in on_disk["groups"].values()] == ["Fado night"]
    # The old encounter is written back as it was (no group_id added to it).
    assert on_disk["encounters"]["1"] == V3_ENCOUNTER
    (backup,) = list_backups(journal_path)
    assert backup.read_bytes() == payload
