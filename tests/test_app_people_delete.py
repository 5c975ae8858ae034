"""Deleting a person (issue 15, bug 3): asks first naming the encounters, never
deletes an encounter, and ctrl+z puts everything back."""
from __future__ import annotations

from textual.widgets import DataTable

from tests.app_helpers import SIZE, add, ago, notifications, reopen, table_rows, type_text
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen


def names(screen) -> list[str]:
    return [row[0].strip() for row in table_rows(screen.query_one(DataTable))]


def question(app) -> str:
    assert isinstance(app.screen, ConfirmDialog)
    return str(app.screen.query_one("#question").render())


async def test_a_person_left_by_a_deleted_encounter_can_be_deleted_and_undone(store, journal_path):
    add(store, "Ana Souza", "bread", when=ago(hours=2))
    typo = add(store, "Brunno", "a name typed wrong", when=ago(hours=1))
    store.delete_encounter(typo.encounter.id)  # Brunno stays, met "never"
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert names(screen) == ["Ana Souza", "Brunno"]
        await pilot.press("down", "d")
        await pilot.pause()
        assert question(app) == "Delete Brunno? No encounter mentions them."
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert names(screen) == ["Ana Souza"]
        assert ("Deleted", "Brunno deleted. ctrl+z brings them back.") in notifications(app)
        assert [p.name for p in reopen(journal_path).people()] == ["Ana Souza"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert names(screen) == ["Ana Souza", "Brunno"]
    assert sorted(p.name for p in reopen(journal_path).people()) == ["Ana Souza", "Brunno"]


async def test_deleting_someone_from_their_profile_says_how_many_encounters_and_keeps_them(store, journal_path):
    add(store, "Ana Souza, José Martins", "bread and bikes", when=ago(hours=3), gave="the recipe")
    add(store, "José Martins", "bike lanes", when=ago(hours=2))
    add(store, "Ana Souza", "rye", when=ago(hours=1))
    store.add_person("Léa", introduced_by=store.match_person("José Martins").person_ids[0])
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("f")
        await type_text(pilot, "jose")
        await pilot.press("enter")  # opens the match
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("d")
        await pilot.pause()
        assert question(app) == (
            "Delete José Martins? 2 encounters mention them: they will be taken out of those "
            "encounters, which stay in the journal."
        )
        await pilot.press("n")  # kept
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)  # the profile closed
        assert (
            "Deleted",
            "José Martins deleted and taken out of 2 encounters. ctrl+z brings them back.",
        ) in notifications(app)
        with reopen(journal_path) as disk:
            assert sorted(p.name for p in disk.people()) == ["Ana Souza", "Léa"]
            assert len(disk.encounters()) == 3
            assert sorted(e.notes for e in disk.encounters() if not e.people) == ["bike lanes"]
            [lea] = [p for p in disk.people() if p.name == "Léa"]
            assert lea.introduced_by is None
        await pilot.press("ctrl+z")
        await pilot.pause()
    with reopen(journal_path) as disk:
        [jose] = [p for p in disk.people() if p.name == "José Martins"]
        assert len(disk.encounters_by_person()[jose.id]) == 2
        [lea] = [p for p in disk.people() if p.name == "Léa"]
        assert lea.introduced_by == jose.id


async def test_delete_is_refused_when_it_would_empty_an_encounter(store, journal_path):
    add(store, "Bruno", "", when=ago(hours=1), place="Padaria Real")  # only Bruno, no notes
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("d")  # refused at once, nothing to confirm
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        [(title, message)] = [n for n in notifications(app) if n[0] == "Not deleted"]
        assert "only one in an encounter with no notes" in message
    with reopen(journal_path) as disk:
        assert [p.name for p in disk.people()] == ["Bruno"]
        assert len(disk.encounters()) == 1


def test_deleting_someone_takes_them_out_of_introductions_too(store):
    """An introduction I made names two people who may not be in Who; one deleted, it goes."""
    from journal.forget import delete_person, mentions, restore_person

    kept = add(store, "Ana Souza", "lunch", when=ago(hours=2), introduced=[("Bruno", "Carla")]).encounter
    bruno = store.match_person("Bruno").person_ids[0]
    assert [e.id for e in mentions(store, bruno)] == [kept.id]  # not in Who, but mentioned
    deleted = delete_person(store, bruno)
    [e] = store.encounters()
    assert e.introduced == [] and e.people == kept.people
    restore_person(store, deleted)
    [e] = store.encounters()
    assert e.introduced == kept.introduced


async def test_deleting_a_member_of_a_group_says_so_and_undo_puts_them_back(store, journal_path):
    add(store, "Eva", "pricing talk", when=ago(hours=1))
    store.groups.add("Freelancers' circle", members=["Eva", "Bruno"])
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("f")
        await type_text(pilot, "eva")
        await pilot.press("down", "d")
        await pilot.pause()
        assert question(app) == (
            "Delete Eva? 1 encounter mentions them: they will be taken out of it, and it stays in "
            "the journal. They also leave the group they belong to."
        )
        await pilot.press("y")
        await pilot.pause()
        with reopen(journal_path) as disk:
            [group] = disk.groups.all()
            assert disk.names(group.members) == ["Bruno"]
        await pilot.press("ctrl+z")
        await pilot.pause()
    with reopen(journal_path) as disk:
        [group] = disk.groups.all()
        assert disk.names(group.members) == ["Eva", "Bruno"]
