"""What every form does with errors and unsaved changes (issue 15, bugs 5 and 6):
all of them shown at once, focus on the first, each cleared as its field is edited;
escape asks before dropping changes."""
from __future__ import annotations

from tests.app_helpers import SIZE, add, ago, disk_people, error_text, fill_input, reopen, type_text
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.opinion_edit import OpinionDialog
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.quick_add import QuickAddDialog


def two_anas(store) -> None:
    add(store, "Ana Souza", "bread", when=ago(days=2))
    add(store, "Ana Lima", "rye", when=ago(days=1))


async def test_quick_add_shows_a_bad_date_and_an_ambiguous_name_together(store, journal_path):
    two_anas(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "ana")
        await fill_input(pilot, "when", "blursday")
        await fill_input(pilot, "notes", "talked about bread")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "several people (Ana Lima, Ana Souza)" in error_text(dialog, "who")
        assert error_text(dialog, "when")
        # Focus went to the first field with an error, Who.
        assert app.focused is dialog.query_one("#who")
        # Editing Who clears its error at once; the date's error stays.
        await type_text(pilot, " lima")
        assert error_text(dialog, "who") == ""
        assert error_text(dialog, "when")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is dialog.query_one("#when")
        await pilot.press("ctrl+u")
        await type_text(pilot, "yesterday 18:30")
        assert error_text(dialog, "when") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddDialog)
    with reopen(journal_path) as disk:
        assert len(disk.encounters()) == 3


async def test_quick_add_focus_goes_to_a_later_field_in_error(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "Bruno")
        await fill_input(pilot, "due", "fri")  # a due date without a follow-up
        dialog.query_one("#who").focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a follow-up" in error_text(dialog, "follow_up")
        assert app.focused is dialog.query_one("#follow_up")
        await type_text(pilot, "s")
        assert error_text(dialog, "follow_up") == ""


async def test_person_form_shows_every_error_at_once_and_focuses_the_first(store, journal_path):
    two_anas(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("e")  # Ana Lima, seen last
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonEditDialog)
        await pilot.press("ctrl+u")
        await type_text(pilot, "ana souza")  # taken
        await fill_input(pilot, "introduced_by", "Nobody Known")
        await fill_input(pilot, "keep_in_touch_days", "soon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "already in the journal" in error_text(dialog, "name")
        assert "Nobody in the journal" in error_text(dialog, "introduced_by")
        assert "number of days" in error_text(dialog, "keep_in_touch_days")
        assert app.focused is dialog.query_one("#name")
        await type_text(pilot, " 2")
        assert error_text(dialog, "name") == ""
        assert "number of days" in error_text(dialog, "keep_in_touch_days")
    assert sorted(p["name"] for p in disk_people(journal_path)) == ["Ana Lima", "Ana Souza"]


async def test_opinion_form_focuses_its_error_and_clears_it_when_edited(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OpinionDialog)
        await type_text(pilot, "remote work")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a stance" in error_text(dialog, "stance")
        assert app.focused is dialog.query_one("#stance")
        await type_text(pilot, "g")
        assert error_text(dialog, "stance") == ""


async def test_escape_in_the_person_form_asks_before_dropping_changes(store, journal_path):
    add(store, "Ana Souza", "bread", when=ago(days=1))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        await fill_input(pilot, "organisation", "Padaria Real")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#organisation").value == "Padaria Real"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert not isinstance(app.screen, (PersonEditDialog, ConfirmDialog))
        # Unchanged, escape closes at once.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (PersonEditDialog, ConfirmDialog))
    with reopen(journal_path) as disk:
        assert disk.people()[0].organisation == ""


async def test_escape_in_the_opinion_form_asks_before_dropping_a_typed_stance(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "remote work")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (OpinionDialog, ConfirmDialog))
