"""The encounter screen: what it shows, edit (e), delete (d) and undo, follow-up (f)."""
from __future__ import annotations

from textual.widgets import OptionList

from tests.app_helpers import (
    SIZE,
    add,
    ago,
    error_text,
    field_value,
    highlighted_text,
    notifications,
    option_texts,
    reopen,
    seed_small,
    static_text,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.encounter import EncounterScreen
from tui.screens.person import PersonScreen
from tui.screens.timeline import TimelineScreen


async def open_row(pilot, downs: int) -> EncounterScreen:
    """From the timeline: move the cursor down `downs` encounters, press enter."""
    for _ in range(downs):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EncounterScreen)
    return pilot.app.screen


def fields(screen) -> str:
    return static_text(screen, "#encounter-fields")


async def test_encounter_screen_shows_every_field(store, journal_path):
    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_row(pilot, 1)  # yesterday: José at Café Charlot
        assert screen.encounter_id == ids["jose"]
        title = static_text(screen, "#encounter-title")
        assert title == "Thursday 26 November 2026, 14:00  ·  Café Charlot · cafe"
        body = fields(screen)
        assert "Talked about\nBike lanes on rue Oberkampf #cycling #urbanism" in body
        assert "Topics\n#cycling #urbanism" in body
        assert "You asked for\nan intro to the mayor's office" in body
        assert "Follow-up (open, due Mon 30 Nov 2026)\nsend him the cycling map" in body
        assert "You gave\n—" in body
        people = screen.query_one("#encounter-people", OptionList)
        assert option_texts(people) == ["José Martins"]

        # Enter on a person opens their profile; escape comes back.
        people.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert static_text(app.screen, "#person-title") == "José Martins"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_edit_from_the_encounter_screen_changes_the_notes_on_disk(store, journal_path):
    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_row(pilot, 3)  # Léa, ten days ago
        assert screen.encounter_id == ids["lea"]
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        assert str(dialog.query_one(".dialog-title").render()) == "Edit encounter"
        assert field_value(dialog, "who") == "Léa Dubois"
        assert field_value(dialog, "place") == "Pavillon de l'Arsenal"
        assert field_value(dialog, "when") == "2026-11-17 15:00"
        assert field_value(dialog, "learned") == "the city budget vote is in March"

        dialog.query_one("#notes").focus()
        await pilot.press("end")
        await type_text(pilot, "; she runs the #bike-kitchen")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        assert "Talked about\nTalk on #urbanism, met after the Q&A; she runs the #bike-kitchen" in fields(screen)
        assert "Topics\n#urbanism #bike-kitchen" in fields(screen)
        assert ("Saved", "Changes saved. ctrl+z undoes them.") in notifications(app)
        with reopen(journal_path) as disk:
            edited = disk.encounter(ids["lea"])
            assert edited.notes == "Talk on #urbanism, met after the Q&A; she runs the #bike-kitchen"
            assert edited.topics == ["urbanism", "bike-kitchen"]
            assert edited.when.isoformat() == "2026-11-17T15:00:00+01:00"  # untouched
            assert edited.learned == "the city budget vote is in March"

        # ctrl+z puts the old notes back, on screen and on disk.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Talked about\nTalk on #urbanism, met after the Q&A\n" in fields(screen)
        with reopen(journal_path) as disk:
            assert disk.encounter(ids["lea"]).notes == "Talk on #urbanism, met after the Q&A"


async def test_edit_with_a_bad_date_keeps_the_dialog_and_the_old_record(store, journal_path):
    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_row(pilot, 0)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#when").focus()
        await pilot.press("ctrl+u")  # erase to the start of the field
        await type_text(pilot, "next tuesday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert error_text(dialog, "when") != ""
        await pilot.press("escape")  # changed: asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert str(app.screen.query_one("#question").render()) == "Discard your changes?"
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)
    with reopen(journal_path) as disk:
        assert disk.encounter(ids["bruno"]).when.isoformat() == "2026-11-27T12:00:00+01:00"


async def test_delete_asks_then_removes_on_disk_and_ctrl_z_brings_it_back(store, journal_path):
    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_row(pilot, 2)  # Ana, Tuesday
        assert screen.encounter_id == ids["ana"]

        # "Keep" has the focus: enter changes nothing.
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert str(app.screen.query_one("#question").render()) == "Delete this encounter?"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        with reopen(journal_path) as disk:
            assert disk.count() == 4

        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert ("Deleted", "Encounter deleted. ctrl+z brings it back.") in notifications(app)
        rows = option_texts(app.screen.query_one("#timeline"))
        assert not any("Sourdough" in row for row in rows)
        with reopen(journal_path) as disk:
            assert disk.count() == 3
            assert ids["ana"] not in {e.id for e in disk.encounters()}

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("Undo", "Undid the delete.") in notifications(app)
        rows = option_texts(app.screen.query_one("#timeline"))
        assert any("Sourdough" in row for row in rows)
        with reopen(journal_path) as disk:
            back = disk.encounter(ids["ana"])
            assert back.notes == "Sourdough starters and #bread prices"
            assert back.gave == "lent her a proofing basket"
            assert disk.names(back.people) == ["Ana Souza"]


async def test_follow_up_toggle(store, journal_path):
    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        timeline = app.screen.query_one("#timeline")
        screen = await open_row(pilot, 1)
        assert screen.encounter_id == ids["jose"]
        await pilot.press("f")
        await pilot.pause()
        assert "Follow-up (done, due Mon 30 Nov 2026)\nsend him the cycling map" in fields(screen)
        with reopen(journal_path) as disk:
            assert disk.encounter(ids["jose"]).follow_up.done is True

        # Back on the timeline the open follow-up mark is gone from the row.
        await pilot.press("escape")
        await pilot.pause()
        assert not highlighted_text(timeline).rstrip().endswith("⚑")

        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert "Follow-up (open, due Mon 30 Nov 2026)" in fields(app.screen)
        with reopen(journal_path) as disk:
            assert disk.encounter(ids["jose"]).follow_up.done is False


async def test_follow_up_key_without_a_follow_up_says_so(store, journal_path):
    add(store, "Ana Souza", "just bread", when=ago(hours=1))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_row(pilot, 0)
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is screen
        assert any("no follow-up" in message for _, message in notifications(app))
        assert "Follow-up\n—" in fields(screen)
    with reopen(journal_path) as disk:
        assert disk.encounters()[0].follow_up is None


async def test_encounter_deleted_by_another_process_closes_its_screen(store, journal_path):
    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_row(pilot, 0)
        with reopen(journal_path) as other:
            other.delete_encounter(ids["bruno"])
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, TimelineScreen):
                break
        assert isinstance(app.screen, TimelineScreen)
        await pilot.pause()  # the pop makes it the screen at once; it redraws as its resume event is handled
        assert not any("Queue chat" in row for row in option_texts(app.screen.query_one("#timeline")))


async def test_external_delete_while_editing_keeps_the_form_until_it_is_closed(store, journal_path):
    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        encounter_screen = await open_row(pilot, 0)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        dialog.query_one("#notes").focus()
        await pilot.press("end")
        await type_text(pilot, " and more")
        with reopen(journal_path) as other:
            other.delete_encounter(ids["bruno"])
        await pilot.pause(1.5)  # the app polls the file every second
        assert app.screen is dialog, "the poll must not close the form the user is typing in"
        assert field_value(dialog, "notes").endswith(" and more")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert error_text(dialog, "form").startswith("Not saved")

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        # The encounter is gone: its screen closes too.
        assert encounter_screen not in app.screen_stack
        assert isinstance(app.screen, TimelineScreen)


async def test_undo_of_an_edit_that_added_a_person_removes_that_person(store, journal_path):
    ids = seed_small(store)
    people_before = sorted(p.name for p in store.people())
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_row(pilot, 3)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#who").focus()
        await pilot.press("end")
        await type_text(pilot, ", Newcomer Person")
        await pilot.press("ctrl+s")
        await pilot.pause()
        with reopen(journal_path) as disk:
            assert "Newcomer Person" in [p.name for p in disk.people()]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("Undo", "Undid the edit.") in notifications(app)
        with reopen(journal_path) as disk:
            assert sorted(p.name for p in disk.people()) == people_before
            assert disk.names(disk.encounter(ids["lea"]).people) == ["Léa Dubois"]
