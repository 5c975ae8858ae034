"""A name that folds to nothing or draws nothing is refused under its field.

Only combining marks ("\u0301"), only zero-width or format characters
("\u200b\u200d"), or a filler drawn blank ("\u3164") made a person nobody can
see, find or tell apart. The store refuses them wherever a name comes in:
Who (quick-add, `netjournal add --who`, an edit), a person's name and
aliases; the forms and the command line show its message under the field
(tests/adversarial/test_bad_input.py).
"""
from __future__ import annotations

import orjson
import pytest

from journal.errors import ValidationError
from journal.models import EncounterDraft
from journal.names import fold, visible
from journal.store import Store
from tests.adversarial.figures import count
from tests.adversarial.hostile import INVISIBLE_NAMES
from tests.app_helpers import add, ago


def unchanged(store, before: bytes) -> None:
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("name", INVISIBLE_NAMES)
def test_the_store_refuses_an_invisible_name_everywhere(store, name):
    add(store, "Ana Souza", "first", when=ago(days=1))
    ana = store.match_person("Ana Souza").person_ids[0]
    before = store.path.read_bytes()
    people = len(store.people())
    attempts = [
        ("who", lambda: store.add_encounter(EncounterDraft(when=ago(hours=1), who=[name], notes="x"))),
        ("who", lambda: store.add_encounter(EncounterDraft(when=ago(hours=1), who=["Bruno", name], notes="x"))),
        ("name", lambda: store.add_person(name)),
        ("name", lambda: store.update_person(ana, name=name)),
        ("aliases", lambda: store.update_person(ana, aliases=["Aninha", name])),
    ]
    for field, attempt in attempts:
        with pytest.raises(ValidationError) as info:
            attempt()
        assert info.value.field == field
        assert "no letters you can see" in info.value.message
        unchanged(store, before)
        count("invisible names: refused by the store")
    assert len(store.people()) == people and store.person(ana).name == "Ana Souza"


@pytest.mark.parametrize("name", ["Zoë", "李", "👩‍👩‍👧", "e\u0301", "Ø", "\u0915\u093f", "ℵ"])
def test_names_with_something_to_see_are_kept(store, name):
    person = store.add_person(name)
    assert store.person(person.id).name == name and visible(name) and fold(name)


def test_a_person_already_named_invisibly_can_still_be_renamed(journal_path):
    """A hand-edited journal may hold one: an edit says why, and a real name fixes it."""
    with Store(journal_path) as store:
        person = store.add_person("Placeholder")
    data = orjson.loads(journal_path.read_bytes())
    for doc in data["people"].values():
        doc["name"] = "\u200b"
    journal_path.write_bytes(orjson.dumps(data))
    with Store(journal_path) as store:
        with pytest.raises(ValidationError) as info:
            store.update_person(person.id, notes="met at the bakery")
        assert info.value.field == "name"
        assert store.update_person(person.id, name="Dora", notes="met at the bakery").name == "Dora"
