"""Hostile journals (issue 14): one field of the wrong type, a moment out of
range, a key written twice, a value nested 500 levels deep.

A journal that reads is opened: its damaged records are left out of every
screen and command, listed by `netjournal doctor`, and written back unchanged
by the next save. A journal that cannot be read is refused with exit 2 and a
message, and never written over. Either way: no crash, no traceback.
"""
from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from journal.errors import UnreadableJournalError
from journal.models import EncounterDraft
from journal.review import compute_review, to_json_dict
from journal.store import Store
from tests.adversarial.figures import count
from tests.app_helpers import SIZE, notifications
from tests.loops import spread
from tui.app import NetJournalApp
from tui.cli import main as cli_main

WHEN = "2026-11-25T18:30:00+01:00"


def base_document() -> dict:
    """A small, valid journal: two people, two encounters, an opinion, a reflection."""
    stamp = "2026-11-25T17:00:00+00:00"
    ana = {"id": "p-ana", "name": "Ana Souza", "aliases": [], "organisation": "", "interests": ["bread"],
           "introduced_by": None, "notes": "", "keep_in_touch_days": 14, "created_at": stamp, "updated_at": stamp}
    bruno = dict(ana, id="p-bruno", name="Bruno", interests=[], keep_in_touch_days=None)
    first = {"id": "e-1", "when": WHEN, "people": ["p-ana"], "place": "Padaria Real", "setting": "bakery",
             "notes": "talked about #bread", "topics": ["bread"], "learned": "", "gave": "", "asked": "",
             "follow_up": {"text": "send the recipe", "due": "2026-11-27", "done": False},
             "created_at": stamp, "updated_at": stamp}
    second = dict(first, id="e-2", people=["p-bruno"], notes="bikes", topics=[], follow_up=None)
    opinion = {"id": "o-1", "subject": "Trams", "stance": "good", "confidence": "medium", "encounters": ["e-1"],
               "history": [], "created_at": stamp, "updated_at": stamp}
    review = {"id": "r-1", "week": "2026-W48", "reflection": "a good week", "created_at": stamp, "updated_at": stamp}
    return {"meta": {"1": {"schema_version": 2}}, "people": {"1": ana, "2": bruno},
            "encounters": {"1": first, "2": second}, "opinions": {"1": opinion}, "reviews": {"1": review}}


def with_field(table: str, key: str, field: str, value) -> bytes:
    doc = base_document()
    doc[table][key][field] = value
    return orjson.dumps(doc)


# name -> (bytes of the journal, the damaged (table, key), or None if the file is refused, and its reason)
DAMAGED = {
    "person name null": (with_field("people", "2", "name", None), ("people", "2")),
    "person name 42": (with_field("people", "2", "name", 42), ("people", "2")),
    "person name a list": (with_field("people", "2", "name", ["Bruno"]), ("people", "2")),
    "person name that is a number": (with_field("people", "2", "name", 7), ("people", "2")),
    "interests null": (with_field("people", "1", "interests", None), ("people", "1")),
    "aliases [1, 2]": (with_field("people", "1", "aliases", [1, 2]), ("people", "1")),
    'keep_in_touch_days "7"': (with_field("people", "1", "keep_in_touch_days", "7"), ("people", "1")),
    "keep_in_touch_days true": (with_field("people", "1", "keep_in_touch_days", True), ("people", "1")),
    "encounter notes null": (with_field("encounters", "2", "notes", None), ("encounters", "2")),
    "encounter notes 5": (with_field("encounters", "2", "notes", 5), ("encounters", "2")),
    "when in year 1 at +14:00": (with_field("encounters", "2", "when", "0001-01-01T00:00:00+14:00"), ("encounters", "2")),
    "when in year 9999 at -12:00": (with_field("encounters", "2", "when", "9999-12-31T23:59:59-12:00"), ("encounters", "2")),
    "when without an offset": (with_field("encounters", "1", "when", "2026-11-25T18:30:00"), ("encounters", "1")),
    "follow-up due not a date": (with_field("encounters", "1", "follow_up", {"text": "x", "due": "fri", "done": False}), ("encounters", "1")),
    "opinion subject a number": (with_field("opinions", "1", "subject", 12), ("opinions", "1")),
    "reflection week nonsense": (with_field("reviews", "1", "week", "last week"), ("reviews", "1")),
    "a record that is a list": (orjson.dumps({**base_document(), "encounters": {"1": base_document()["encounters"]["1"], "2": [1]}}), ("encounters", "2")),
}


def refused(payload: bytes, reason: str) -> tuple[bytes, str]:
    return payload, reason


_meta = b'{"meta":{"1":{"schema_version":2}},'
UNREADABLE = {
    "a value nested 500 levels": (_meta + b'"people":{"1":{"id":"p","name":"x","notes":' + b"[" * 500 + b"]" * 500 + b"}}}", "nested too deeply"),
    "a 5,000-digit key": (_meta + b'"people":{"' + b"9" * 5000 + b'":{}}}', "not a plain document number"),
    "a record key written twice": (orjson.dumps(base_document()).replace(b'"2":{"id":"e-2"', b'"1":{"id":"e-2"'), "written twice"),
    "the encounters table written twice": (orjson.dumps(base_document())[:-1] + b',"encounters":{}}', "'encounters' is written twice"),
}


def write(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_damaged_record_is_left_out_and_the_rest_works(journal_path, case):
    payload, (table, key) = DAMAGED[case]
    write(journal_path, payload)
    with Store(journal_path) as store:
        [(damaged_table, damaged_key, why)] = store.damaged_records()
        assert (damaged_table, damaged_key) == (table, key) and why
        # Every computation runs on the rest.
        review = compute_review(store, datetime.fromisoformat(WHEN).date())
        to_json_dict(review, store)
        store.people_by_last_seen()
        store.search("bread")
        store.opinions.all()
        for person in store.people():
            store.summary(person.id)
        # A save keeps the damaged record as it is.
        store.add_encounter(EncounterDraft(when=datetime.fromisoformat(WHEN), who=["Carla"], notes="after"))
    before = orjson.loads(payload)[table][key]
    assert orjson.loads(journal_path.read_bytes())[table][key] == before
    count("hostile journals: damaged records left out and kept")


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_a_journal_that_cannot_be_saved_again_is_refused_untouched(journal_path, case):
    payload, reason = UNREADABLE[case]
    write(journal_path, payload)
    with pytest.raises(UnreadableJournalError, match=reason):
        Store(journal_path)
    assert journal_path.read_bytes() == payload
    count("hostile journals: refused untouched")


COMMANDS = [
    ["review"], ["review", "--format", "json"], ["opinions"], ["opinions", "--format", "json"],
    ["doctor"], ["backups"], ["path"], ["add", "--who", "Dora", "hostile day"],
    ["groups"], ["groups", "--format", "json"],
]


@pytest.mark.parametrize("case", list(DAMAGED) + list(UNREADABLE))
def test_every_command_answers_0_or_2_with_a_message(journal_path, case):
    payload = (DAMAGED.get(case) or UNREADABLE[case])[0]
    for command in COMMANDS:
        write(journal_path, payload)
        out, err = io.StringIO(), io.StringIO()
        code = cli_main(["--journal", str(journal_path), *command], out=out, err=err)
        assert code in (0, 2), (command, code, err.getvalue())
        if code == 2:
            assert case in UNREADABLE and "Cannot read the journal" in err.getvalue(), (command, err.getvalue())
            assert journal_path.read_bytes() == payload
        assert "Traceback" not in out.getvalue() + err.getvalue()
    count("hostile journals: commands answered 0 or 2", len(COMMANDS))


def test_doctor_names_the_damaged_record(journal_path):
    write(journal_path, DAMAGED['keep_in_touch_days "7"'][0])
    out = io.StringIO()
    assert cli_main(["--journal", str(journal_path), "doctor"], out=out, err=io.StringIO()) == 0
    text = out.getvalue()
    assert "Damaged: record 1 of table 'people': its keep_in_touch_days is not a whole number above 0" in text
    assert "1 people" in text  # Bruno is still there


# One case per table and kind of damage: each app run costs seconds (the store-level
# tests above take every case).
APP_CASES = ["person name 42", "interests null", "encounter notes null", "when in year 1 at +14:00",
             "when without an offset", "opinion subject a number", "reflection week nonsense"]


@pytest.mark.parametrize("case", spread(APP_CASES, 3))
async def test_the_app_starts_and_every_screen_draws_without_the_damaged_record(journal_path, case):
    payload, _ = DAMAGED[case]
    write(journal_path, payload)
    store = Store(journal_path)
    store.load_all()
    app = NetJournalApp(store)
    # Every notification given, not only those still shown: on a loaded machine the
    # key presses below can outlast the toast's 20 seconds.
    titles: list[str] = []
    notify = app.notify

    def noted(message, *, title="", **kwargs):
        titles.append(title)
        notify(message, title=title, **kwargs)

    app.notify = noted
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert [t for t, _ in notifications(app)].count("Damaged records") == 1
        for key in ("t", "enter", "escape", "p", "enter", "escape", "w", "o", "enter", "escape", "slash"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert titles.count("Damaged records") == 1  # said once
    assert app.return_code in (None, 0)
    count("hostile journals: app started and every screen drawn")
