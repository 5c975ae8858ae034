"""Store round-trips: every change is on disk and reads back the same in a new Store."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import orjson
import pytest

from journal import clock
from journal.errors import AmbiguousNameError, NotFoundError, ValidationError
from journal.models import EncounterDraft
from journal.migrations import CURRENT_SCHEMA
from journal.store import Store

# Every test here runs twice: without any platform special case, and with macOS's (conftest).
pytestmark = pytest.mark.usefixtures("platform_quirks")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=clock.local_zone())


def draft(**kw) -> EncounterDraft:
    kw.setdefault("when", at(2026, 11, 26, 18, 30))
    return EncounterDraft(**kw)


def snapshot(store: Store) -> dict:
    """Everything a store holds, as plain dicts keyed by id."""
    return {
        "encounters": {e.id: e.to_dict() for e in store.encounters()},
        "people": {p.id: p.to_dict() for p in store.people()},
        "reviews": {r.id: r.to_dict() for r in store.reviews()},
    }


def assert_reopens_same(store: Store) -> Store:
    """A second Store on the same file sees exactly what the first one holds."""
    with Store(store.path) as other:
        assert snapshot(other) == snapshot(store)
    return other


def person_named(store: Store, name: str):
    (person,) = [p for p in store.people() if p.name == name]
    return person


# ------------------------------------------------------------------ encounters
def test_add_round_trips_every_field(store):
    result = store.add_encounter(
        draft(
            who=["Ana Souza", "Bruno"],
            place="Padaria Real",
            setting="Bakery",
            notes="Talked about #sourdough\nand her move to #Lisbon",
            topics=["bread", "#Sourdough"],
            learned="The oven is 40 years old",
            gave="The name of my plumber",
            asked="A table for Saturday",
            follow_up="Send Bruno the recipe",
            due=date(2026, 12, 1),
        )
    )
    e = result.encounter
    assert [p.name for p in result.created_people] == ["Ana Souza", "Bruno"]
    assert store.names(e.people) == ["Ana Souza", "Bruno"]
    assert e.when == at(2026, 11, 26, 18, 30)
    assert e.place == "Padaria Real"
    assert e.setting == "bakery"  # settings are compared and stored folded
    assert e.topics == ["bread", "Sourdough", "Lisbon"]  # hashtags join, first spelling kept
    assert e.follow_up.text == "Send Bruno the recipe"
    assert e.follow_up.due == date(2026, 12, 1)
    assert not e.follow_up.done
    assert e.created_at == e.updated_at == "2026-11-27T14:00:00+00:00"

    other = Store(store.path)
    assert other.encounter(e.id).to_dict() == e.to_dict()
    assert other.encounter(e.id).when == e.when
    assert_reopens_same(store)


def test_people_are_created_once_from_names(store):
    first = store.add_encounter(draft(who=["Ana Souza"], notes="one"))
    second = store.add_encounter(draft(who=["ana souza", "Bruno"], notes="two"))
    assert [p.name for p in second.created_people] == ["Bruno"]
    assert second.encounter.people[0] == first.encounter.people[0]
    assert sorted(p.name for p in store.people()) == ["Ana Souza", "Bruno"]
    # The same person typed twice in one encounter counts once.
    third = store.add_encounter(draft(who=["Bruno", "bruno"], notes="three"))
    assert len(third.encounter.people) == 1
    assert_reopens_same(store)


def test_first_name_finds_the_one_person(store):
    ana = store.add_encounter(draft(who=["Ana Souza"], notes="x")).encounter.people[0]
    result = store.add_encounter(draft(who=["Ana"], notes="y"))
    assert result.encounter.people == [ana]
    assert result.created_people == []


def test_accentless_name_finds_the_accented_person(store):
    jose = store.add_encounter(draft(who=["José"], notes="x")).encounter.people[0]
    result = store.add_encounter(draft(who=["jose"], notes="y"))
    assert result.encounter.people == [jose]
    assert result.created_people == []
    assert store.match_person("JOSE").person_ids == (jose,)


def test_ambiguous_first_name_raises_and_saves_nothing(store):
    store.add_encounter(draft(who=["Ana Souza", "Ana Lima"], notes="both"))
    before = store.path.read_bytes()
    with pytest.raises(AmbiguousNameError) as info:
        store.add_encounter(draft(who=["Ana"], notes="which one?"))
    err = info.value
    assert err.field == "who"
    assert err.name == "Ana"
    assert err.candidates == ["Ana Lima", "Ana Souza"]
    assert "Ana Lima" in str(err) and "Ana Souza" in str(err)
    assert store.path.read_bytes() == before
    assert len(store.encounters()) == 1
    assert store.match_person("Ana").is_ambiguous


def test_update_encounter(store):
    added = store.add_encounter(draft(who=["Ana Souza"], notes="first", follow_up="call", due=date(2026, 12, 1)))
    store.set_follow_up_done(added.encounter.id)
    clock.set_now(lambda: at(2026, 11, 27, 16, 0))
    result = store.update_encounter(
        added.encounter.id,
        draft(when=at(2026, 11, 25, 9, 0), who=["Ana Souza", "Carla"], notes="edited #coffee", place="Café", follow_up="call back"),
    )
    e = result.encounter
    assert [p.name for p in result.created_people] == ["Carla"]
    assert e.id == added.encounter.id
    assert e.when == at(2026, 11, 25, 9, 0)
    assert e.notes == "edited #coffee" and e.topics == ["coffee"] and e.place == "Café"
    # Editing the text of a follow-up keeps it done; a removed due date stays removed.
    assert e.follow_up.text == "call back" and e.follow_up.done and e.follow_up.due is None
    assert e.created_at == "2026-11-27T14:00:00+00:00"
    assert e.updated_at == "2026-11-27T15:00:00+00:00"
    assert len(store.encounters()) == 1
    assert_reopens_same(store)


def test_update_missing_encounter(store):
    with pytest.raises(NotFoundError):
        store.update_encounter("no-such-id", draft(notes="x"))


def test_delete_and_restore(store):
    kept = store.add_encounter(draft(who=["Bruno"], notes="kept")).encounter
    gone = store.add_encounter(draft(who=["Ana Souza"], notes="to delete", follow_up="x")).encounter
    deleted = store.delete_encounter(gone.id)
    assert deleted.to_dict() == gone.to_dict()
    assert [e.id for e in store.encounters()] == [kept.id]
    # Deleting an encounter keeps its people.
    assert sorted(p.name for p in store.people()) == ["Ana Souza", "Bruno"]
    with pytest.raises(NotFoundError):
        Store(store.path).encounter(gone.id)

    store.restore_encounter(deleted)
    assert store.encounter(gone.id).to_dict() == gone.to_dict()
    assert_reopens_same(store)
    with Store(store.path) as fresh:
        assert fresh.encounter(gone.id).to_dict() == gone.to_dict()


def test_restore_puts_back_people_deleted_alongside(store):
    result = store.add_encounter(draft(who=["Dora"], notes="x"))
    store.undo_save(result)
    assert store.people() == []
    store.restore_encounter(result.encounter, result.created_people)
    assert [p.to_dict() for p in store.people()] == [p.to_dict() for p in result.created_people]
    assert store.names(store.encounter(result.encounter.id).people) == ["Dora"]
    assert_reopens_same(store)


def test_undo_save_removes_the_encounter_and_the_people_it_created(store):
    store.add_encounter(draft(who=["Ana Souza"], notes="earlier"))
    result = store.add_encounter(draft(who=["Ana Souza", "Bruno"], notes="oops"))
    store.undo_save(result)
    assert [e.notes for e in store.encounters()] == ["earlier"]
    assert [p.name for p in store.people()] == ["Ana Souza"]
    assert_reopens_same(store)
    # Undo twice is harmless.
    store.undo_save(result)
    assert len(store.encounters()) == 1


def test_undo_save_keeps_people_used_since(store):
    first = store.add_encounter(draft(who=["Bruno"], notes="one"))
    store.add_encounter(draft(who=["Bruno"], notes="two"))
    store.undo_save(first)
    assert [p.name for p in store.people()] == ["Bruno"]
    assert [e.notes for e in store.encounters()] == ["two"]
    assert_reopens_same(store)


def test_set_follow_up_done(store):
    e = store.add_encounter(draft(who=["Ana"], notes="x", follow_up="send link", due=date(2026, 11, 30))).encounter
    assert e.has_open_follow_up
    done = store.set_follow_up_done(e.id)
    assert done.follow_up.done and not done.has_open_follow_up
    assert done.follow_up.due == date(2026, 11, 30)
    assert Store(store.path).encounter(e.id).follow_up.done
    store.set_follow_up_done(e.id, False)
    assert Store(store.path).encounter(e.id).has_open_follow_up
    assert_reopens_same(store)


def test_set_follow_up_done_without_follow_up(store):
    e = store.add_encounter(draft(who=["Ana"], notes="x")).encounter
    with pytest.raises(ValidationError) as info:
        store.set_follow_up_done(e.id)
    assert info.value.field == "follow_up"


# ---------------------------------------------------------------------- people
def test_update_person(store):
    store.add_encounter(draft(who=["Ana Souza", "Bruno"], notes="x"))
    ana, bruno = person_named(store, "Ana Souza"), person_named(store, "Bruno")
    updated = store.update_person(
        bruno.id,
        name="Bruno Costa",
        aliases=["Zé", " ", "B."],
        organisation="Padaria\tReal",
        interests=["cycling", "bread"],
        introduced_by=ana.id,
        notes="Owner.\r\nEarly riser.",
        keep_in_touch_days=14,
    )
    assert updated.name == "Bruno Costa"
    assert updated.aliases == ["Zé", "B."]
    assert updated.organisation == "Padaria Real"
    assert updated.notes == "Owner.\nEarly riser."
    assert updated.introduced_by == ana.id
    assert updated.keep_in_touch_days == 14
    with Store(store.path) as other:
        assert other.person(bruno.id).to_dict() == updated.to_dict()
        assert other.summary(ana.id).introduced == [other.person(bruno.id)]
    # Aliases are found when typing names.
    assert store.match_person("ze").person_ids == (bruno.id,)
    assert_reopens_same(store)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "ana SOUZA"}, "name"),
        ({"keep_in_touch_days": 0}, "keep_in_touch_days"),
        ({"keep_in_touch_days": "7"}, "keep_in_touch_days"),
        ({"introduced_by": "nobody"}, "introduced_by"),
    ],
)
def test_update_person_validation(store, fields, field):
    store.add_encounter(draft(who=["Ana Souza", "Bruno"], notes="x"))
    bruno = person_named(store, "Bruno")
    before = store.path.read_bytes()
    with pytest.raises(ValidationError) as info:
        store.update_person(bruno.id, **fields)
    assert info.value.field == field
    assert store.path.read_bytes() == before
    assert store.person(bruno.id).name == "Bruno"


def test_person_cannot_introduce_themselves(store):
    store.add_encounter(draft(who=["Bruno"], notes="x"))
    bruno = person_named(store, "Bruno")
    with pytest.raises(ValidationError) as info:
        store.update_person(bruno.id, introduced_by=bruno.id)
    assert info.value.field == "introduced_by"


def test_merge_people(store):
    store.add_encounter(draft(who=["Ana Souza"], notes="one"))
    store.add_encounter(draft(who=["Ana S.", "Bruno"], notes="two"))
    store.add_encounter(draft(who=["Ana Souza", "Ana S."], notes="both"))
    store.add_encounter(draft(who=["Carla"], notes="three"))
    keep, other = person_named(store, "Ana Souza"), person_named(store, "Ana S.")
    bruno, carla = person_named(store, "Bruno"), person_named(store, "Carla")
    store.update_person(other.id, interests=["bread"], organisation="Padaria", aliases=["Aninha"], notes="met at the bakery")
    store.update_person(keep.id, interests=["Bread", "cycling"], notes="neighbour")
    store.update_person(carla.id, introduced_by=other.id)

    merged = store.merge_people(keep.id, other.id)
    assert merged.id == keep.id and merged.name == "Ana Souza"
    assert merged.aliases == ["Ana S.", "Aninha"]
    assert merged.interests == ["Bread", "cycling"]
    assert merged.organisation == "Padaria"
    assert merged.notes == "neighbour\n\nmet at the bakery"
    with pytest.raises(NotFoundError):
        store.person(other.id)
    by_notes = {e.notes: e for e in store.encounters()}
    assert by_notes["two"].people == [keep.id, bruno.id]
    assert by_notes["both"].people == [keep.id]  # no duplicate after the merge
    assert store.person(carla.id).introduced_by == keep.id
    assert len(store.encounters_by_person()[keep.id]) == 3
    # The old name now finds the merged person.
    assert store.match_person("ana s.").person_ids == (keep.id,)
    assert_reopens_same(store)


def test_merge_a_person_with_themselves(store):
    store.add_encounter(draft(who=["Bruno"], notes="x"))
    bruno = person_named(store, "Bruno")
    with pytest.raises(ValidationError) as info:
        store.merge_people(bruno.id, bruno.id)
    assert info.value.field == "merge"


# --------------------------------------------------------------------- reviews
def test_save_reflection(store):
    first = store.save_reflection("2026-W48", "Talked to more strangers.\x1b[2J")
    assert store.reflection("2026-W48") == "Talked to more strangers.[2J"
    second = store.save_reflection("2026-W48", "Rewritten")
    assert second.id == first.id
    assert [r.reflection for r in store.reviews()] == ["Rewritten"]
    store.save_reflection("2026-W47", "Earlier week")
    with Store(store.path) as other:
        assert other.reflection("2026-W48") == "Rewritten"
        assert [r.week for r in other.reviews()] == ["2026-W47", "2026-W48"]
    assert store.reflection("2026-W01") == ""
    assert_reopens_same(store)


# ------------------------------------------------------------------ validation
@pytest.mark.parametrize("who", [[], [""], ["  ", "\x1b"]])
@pytest.mark.parametrize("notes", ["", "  \n\t", "\x07"])
def test_who_or_notes_required(store, who, notes):
    with pytest.raises(ValidationError) as info:
        store.add_encounter(draft(who=who, notes=notes))
    assert info.value.field == "who"
    assert not store.path.exists()


def test_notes_alone_or_who_alone_is_enough(store):
    store.add_encounter(draft(notes="overheard at the bus stop"))
    store.add_encounter(draft(who=["Bruno"]))
    assert len(Store(store.path).encounters()) == 2


def test_future_date_is_refused(store, frozen_clock):
    with pytest.raises(ValidationError) as info:
        store.add_encounter(draft(when=frozen_clock + timedelta(hours=1), notes="not yet"))
    assert info.value.field == "when"
    # Within the minute of slack, "now" typed a moment ago is fine.
    store.add_encounter(draft(when=frozen_clock + timedelta(seconds=30), notes="just now"))


def test_naive_date_is_refused(store):
    with pytest.raises(ValidationError) as info:
        store.add_encounter(draft(when=datetime(2026, 11, 26, 12, 0), notes="x"))
    assert info.value.field == "when"


def test_due_date_needs_a_follow_up(store):
    with pytest.raises(ValidationError) as info:
        store.add_encounter(draft(notes="x", due=date(2026, 12, 1)))
    assert info.value.field == "follow_up"


def test_a_failed_validation_leaves_the_store_usable(store):
    store.add_encounter(draft(who=["Ana Souza", "Ana Lima"], notes="x"))
    with pytest.raises(AmbiguousNameError):
        store.add_encounter(draft(who=["Newcomer", "Ana"], notes="y"))
    # The person the failed draft would have created does not linger.
    assert sorted(p.name for p in store.people()) == ["Ana Lima", "Ana Souza"]
    store.add_encounter(draft(who=["Newcomer"], notes="z"))
    assert_reopens_same(store)


# ---------------------------------------------------------------------- text
def test_control_characters_are_removed(store):
    e = store.add_encounter(
        draft(
            who=["Ana\x1b]0;pwned\x07 Souza"],
            place="Padaria\x1b[31m Real\r\n",
            notes="line one\r\nline two\rline three\x00\x9b\x1b]52;c;aGk=\x07\tend",
            gave="a\x08b",
        )
    ).encounter
    assert store.names(e.people) == ["Ana]0;pwned Souza"]
    assert e.place == "Padaria[31m Real"
    assert e.notes == "line one\nline two\nline three]52;c;aGk=\tend"
    assert e.gave == "ab"
    raw = store.path.read_text(encoding="utf-8")
    for control in ("\\u001b", "\\u0007", "\\u0000", "\\u009b", "\\r", "\\b"):
        assert control not in raw


MARKUP = ["[/]", "[red]x", "[@click=app.quit]x[/]", "[bold red on blue]Ana[/bold red on blue]", "\\[escaped]"]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_like_text_is_kept_exactly(store, text):
    e = store.add_encounter(draft(who=[text], place=text, notes=text, learned=text, topics=[text], follow_up=text)).encounter
    with Store(store.path) as other:
        again = other.encounter(e.id)
        assert other.names(again.people) == [text]
        assert again.place == again.notes == again.learned == again.follow_up.text == text
        assert again.topics == [text]
    store.save_reflection("2026-W48", text)
    assert Store(store.path).reflection("2026-W48") == text


# ------------------------------------------------------------------ queries
def test_queries_see_saved_encounters(store):
    store.add_encounter(draft(when=at(2026, 11, 20, 9, 0), who=["José"], notes="Café com #pão", place="Padaria Real", setting="bakery"))
    store.add_encounter(draft(when=at(2026, 11, 26, 9, 0), who=["Bruno"], notes="bike talk", place="Padaria Real", setting="bakery"))
    assert [e.notes for e in store.search("PAO jose")] == ["Café com #pão"]
    assert [e.notes for e in store.search("padaria")] == ["bike talk", "Café com #pão"]
    assert store.places() == {"Padaria Real": "bakery"}
    assert [e.notes for e in store.between(at(2026, 11, 21), at(2026, 11, 27))] == ["bike talk"]
    assert [e.notes for e in store.recent(limit=1)] == ["bike talk"]
    assert store.count() == 2


def test_file_on_disk_is_a_tinydb_document(store):
    e = store.add_encounter(draft(who=["Ana"], notes="x")).encounter
    data = orjson.loads(store.path.read_bytes())
    assert set(data) >= {"encounters", "people", "meta"}
    assert list(data["meta"].values()) == [{"schema_version": CURRENT_SCHEMA}]
    (doc,) = data["encounters"].values()
    assert doc == e.to_dict()


def test_undo_save_of_an_edit_restores_it_and_drops_people_it_created(store, frozen_clock):
    first = store.add_encounter(EncounterDraft(when=frozen_clock, who=["Ana Souza"], notes="before"))
    edited = store.update_encounter(first.encounter.id, EncounterDraft(when=frozen_clock, who=["Ana Souza", "Newcomer"], notes="after"))
    assert [p.name for p in edited.created_people] == ["Newcomer"]
    store.undo_save(edited, before=first.encounter)
    again = Store(store.path)
    assert again.encounter(first.encounter.id).notes == "before"
    assert sorted(p.name for p in again.people()) == ["Ana Souza"]


def test_undo_save_takes_back_an_opinion_noted_with_the_encounter(store, frozen_clock):
    store.opinions.note("Bread", "too dear", "low")
    before = store.opinions.find("bread")
    first = store.add_encounter(EncounterDraft(when=frozen_clock, who=["Ana"], notes="x"))
    first.opinion_before = before
    first.opinion_id = store.opinions.note("bread", "worth it", encounter_id=first.encounter.id).id
    second = store.add_encounter(EncounterDraft(when=frozen_clock, who=["Ana"], notes="y"))
    second.opinion_id = store.opinions.note("Metro", "late", encounter_id=second.encounter.id).id
    store.undo_save(second)
    store.undo_save(first)
    again = Store(store.path)
    assert [(o.subject, o.stance, o.confidence, o.history) for o in again.opinions.all()] == [("Bread", "too dear", "low", [])]


def test_a_refused_change_is_not_reported_as_a_change_by_refresh(store):
    from datetime import timedelta

    from journal import clock
    from journal.errors import ValidationError
    from journal.models import EncounterDraft

    store.add_encounter(EncounterDraft(when=clock.now() - timedelta(hours=1), who=["Ana Souza"], notes="hello"))
    ana = store.match_person("Ana Souza").person_ids[0]
    store.add_person("Bruno Lima")
    with pytest.raises(ValidationError):
        store.update_person(ana, name="Bruno Lima")  # taken
    assert store.refresh() is False  # nothing on disk or in memory changed: no redraw
    assert store.person(ana).name == "Ana Souza"


def test_another_process_save_caught_up_by_a_refused_change_is_still_reported(store):
    from datetime import timedelta

    from journal import clock
    from journal.errors import ValidationError
    from journal.models import EncounterDraft
    from journal.store import Store

    store.add_encounter(EncounterDraft(when=clock.now() - timedelta(hours=2), who=["Ana Souza"], notes="hello"))
    store.add_person("Bruno Lima")
    assert store.refresh() is False
    ana = store.match_person("Ana Souza").person_ids[0]
    Store(store.path).add_encounter(EncounterDraft(when=clock.now() - timedelta(hours=1), who=["Zoë"], notes="elsewhere"))
    with pytest.raises(ValidationError):
        store.update_person(ana, name="Bruno Lima")  # reads the other save, then is refused
    assert store.refresh() is True  # the screens have not shown "elsewhere" yet
    assert store.refresh() is False
