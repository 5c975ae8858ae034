"""Suggestions show several matches (issue 15, friction 6): a drop-down under
the cursor; an accepted suggestion takes the stored spelling; tab never takes one."""
from __future__ import annotations

from tests.app_helpers import SIZE, add, ago, field_value, fill_input, option_texts, reopen, type_text
from tui.app import NetJournalApp
from tui.dialogs.quick_add import QuickAddDialog
from tui.widgets.suggest import matches, split_typed


def seed(store) -> None:
    add(store, "José Almeida", "bikes", when=ago(days=3), place="Padaria Real", setting="bakery")
    add(store, "Joana Reis", "books", when=ago(days=2), place="Padaria Estrela", setting="bakery")
    add(store, "Ana Souza, Conceição Ramos", "bread", when=ago(days=1), place="Café Lua", setting="cafe")


def dropdown(dialog, field: str) -> list[str]:
    found = [d for d in dialog.query("FoldedDropdown") if d.target.id == field]
    assert found, field
    return option_texts(found[0].option_list) if found[0].display else []


def test_matching_folds_and_puts_the_start_of_a_name_first():
    names = ["Ana Souza", "José Almeida", "Joana Reis", "Søren Jorgensen", "[/]"]
    assert matches("jo", names) == ["José Almeida", "Joana Reis", "Søren Jorgensen"]
    assert matches("sou", names) == ["Ana Souza"]
    assert matches("soren", names) == ["Søren Jorgensen"]
    assert split_typed("Ana Souza, br", "comma") == ("Ana Souza, ", "br")
    assert split_typed("the map to @jo", "mention") == ("the map to @", "jo")
    assert split_typed("mail ana@example", "mention") == ("mail ana@example", "")


async def test_who_lists_every_match_and_enter_takes_the_stored_spelling(store, journal_path):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "Ana Souza, jo")
        await pilot.pause()
        assert dropdown(dialog, "who") == ["José Almeida", "Joana Reis"]
        await pilot.press("down", "enter")  # the second one
        await pilot.pause()
        assert field_value(dialog, "who") == "Ana Souza, Joana Reis"
        assert dropdown(dialog, "who") == []
        assert app.screen is dialog  # enter took the suggestion, it did not save


async def test_right_arrow_takes_the_stored_spelling_too(store, journal_path):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "jose")
        await pilot.pause()
        await pilot.press("right")
        assert field_value(dialog, "who") == "José Almeida"


async def test_tab_keeps_what_was_typed_and_esc_only_closes_the_list(store, journal_path):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "Jo")  # a new person, whose name starts like José's
        await pilot.pause()
        assert dropdown(dialog, "who") == ["José Almeida", "Joana Reis"]
        await pilot.press("escape")
        assert dropdown(dialog, "who") == []
        assert app.screen is dialog  # esc closed the list, not the form
        await pilot.press("tab")
        assert field_value(dialog, "who") == "Jo"
        assert app.focused is dialog.query_one("#place")
        await type_text(pilot, "padaria")
        await pilot.pause()
        assert dropdown(dialog, "place") == ["Padaria Estrela", "Padaria Real"]


async def test_at_in_you_gave_offers_the_people_in_who(store, journal_path):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "ana, conceicao")
        await fill_input(pilot, "gave", "an intro to the mayor for @")
        await pilot.pause()
        # A bare @ lists everyone in Who (a trial found it offered nothing), a letter narrows it.
        assert dropdown(dialog, "gave") == ["Ana Souza", "Conceição Ramos"]
        await type_text(pilot, "c")
        await pilot.pause()
        assert dropdown(dialog, "gave") == ["Conceição Ramos"]
        await pilot.press("enter")
        assert field_value(dialog, "gave") == "an intro to the mayor for @Conceição Ramos"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddDialog)
    with reopen(journal_path) as disk:
        newest = disk.recent(0, 1)[0]
        assert disk.names(newest.gave_to) == ["Conceição Ramos"]
