"""Terminal sizes and themes: small terminals stay usable, tiny ones never crash."""
from __future__ import annotations

import pytest
from textual.geometry import Region

from tests.loops import spread
from tests.app_helpers import (
    SIZE,
    disk_encounters,
    disk_people,
    field_value,
    option_texts,
    screen_text,
    seed_small,
    static_text,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.encounter import EncounterScreen
from tui.screens.opinions import OpinionsScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.review import ReviewScreen
from tui.screens.search import SearchScreen
from tui.screens.timeline import TimelineScreen

TINY = [(10, 5), (1, 1), (3, 2), (20, 3), (40, 10)]
FIELDS = ["who", "place", "setting", "notes", "when", "gave", "asked", "learned", "follow_up", "due", "opinion",
          "introduced", "told", "met_through"]


def visible(app, widget) -> bool:
    """The widget has at least one cell on the terminal, inside its dialog."""
    region = widget.region
    screen = Region(0, 0, *app.size)
    return bool(region.area) and bool(region.intersection(screen).area)


async def test_quick_add_is_usable_at_80x24(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        text = screen_text(app)
        assert "Add an encounter" in text and "ctrl+s save" in text
        values = {"who": "Ana", "place": "Padaria Real", "notes": "tiny screen #bread", "gave": "a tip",
                  "follow_up": "call back", "due": "fri", "opinion": "small screens: still fine"}
        for index, field in enumerate(FIELDS):
            widget = dialog.query_one(f"#{field}")
            assert app.focused is widget, f"tab {index} should reach {field}"
            await pilot.pause()
            assert visible(app, widget), f"{field} is focused but off screen"
            if field in values:
                await type_text(pilot, values[field])
            await pilot.press("tab")
        # tab wraps around to the first field
        assert app.focused is dialog.query_one("#who")
        assert field_value(dialog, "setting") == "bakery"  # the known place brought it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert "tiny screen" in option_texts(app.screen.query_one("#timeline"))[1]
    saved = [e for e in disk_encounters(journal_path) if e["notes"] == "tiny screen #bread"]
    assert len(saved) == 1
    assert saved[0]["gave"] == "a tip" and saved[0]["follow_up"]["text"] == "call back"


async def test_person_edit_is_usable_at_80x24(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("p", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonEditDialog)
        for field in ["name", "aliases", "organisation", "interests", "emails", "phones", "links", "introduced_by",
                      "keep_in_touch_days", "notes"]:
            widget = dialog.query_one(f"#{field}")
            assert app.focused is widget, field
            await pilot.pause()
            assert visible(app, widget), f"{field} is focused but off screen"
            await pilot.press("tab")
        assert app.focused is dialog.query_one("#name")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Boulangerie")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
    assert any(p["organisation"] == "Boulangerie" for p in disk_people(journal_path))


async def test_error_messages_are_reachable_at_80x24(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#due").focus()
        await type_text(pilot, "someday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        error = dialog.query_one("#due-error")
        assert error.display
        assert "Try: tomorrow" in static_text(dialog, "#due-error")


async def walk_screens(pilot, sizes) -> None:
    """Visit every main screen and dialog, resizing through `sizes` on each."""
    app = pilot.app

    async def shrink(where: str) -> None:
        for size in sizes:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running, where
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.is_running, where

    await shrink("timeline")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EncounterScreen)
    await shrink("encounter")
    await pilot.press("enter")  # its first person
    await pilot.pause()
    assert isinstance(app.screen, PersonScreen)
    await shrink("profile")
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, PersonEditDialog)
    await shrink("person edit")
    await pilot.press("escape")
    await pilot.pause()
    for key, screen_type in (("p", PeopleScreen), ("w", ReviewScreen), ("o", OpinionsScreen)):
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        await shrink(screen_type.__name__)
    await pilot.press("t", "slash")
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    await type_text(pilot, "bread")
    await shrink("search")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, QuickAddDialog)
    await type_text(pilot, "Ana")
    await shrink("quick-add")
    await pilot.press("escape")  # closes the drop-down of matches for "Ana" (Ana Souza)
    await pilot.pause()
    assert isinstance(app.screen, QuickAddDialog)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog)
    await shrink("confirm")
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, QuickAddDialog)


async def test_tiny_terminals_never_crash_and_100x32_works_after(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await walk_screens(pilot, spread(TINY, 3))  # 10x5, (3, 2) and 40x10 by default; all five in a full run
        # Still fully usable: finish the quick-add that was open through it all.
        dialog = app.screen
        assert field_value(dialog, "who") == "Ana"
        await pilot.press("tab")
        await type_text(pilot, "Padaria Real")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        rows = option_texts(app.screen.query_one("#timeline"))
        assert any("Padaria Real" in row and row.startswith("15:00") for row in rows)
        assert "Today 2 conversations" in static_text(app.screen, "#timeline-header")
    assert len(disk_encounters(journal_path)) == 5


async def test_tiny_terminal_from_the_start(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(1, 1), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await type_text(pilot, "Ana")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert "Today 2 conversations" in static_text(app.screen, "#timeline-header")
        assert "Today" in screen_text(app)


async def test_tiny_terminal_on_an_empty_journal(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=(3, 2), notifications=True) as pilot:
        await pilot.pause()
        for key in ("p", "w", "o", "t"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert "Welcome to netjournal." in screen_text(app)


@pytest.mark.parametrize("theme", ["textual-light", "nord", "gruvbox", "solarized-light", "textual-dark"])
async def test_themes_render_every_screen(store, journal_path, theme):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.theme = theme
        await pilot.pause()
        assert app.theme == theme
        shots = {}
        for keys, screen_type in (((), TimelineScreen), (("enter",), EncounterScreen), (("p",), PeopleScreen),
                                  (("w",), ReviewScreen), (("o",), OpinionsScreen), (("t", "a"), QuickAddDialog)):
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            shots[screen_type.__name__] = app.export_screenshot()
        assert "Add an encounter" in screen_text(app)
        assert all(shot.startswith("<svg") for shot in shots.values())
        assert app.is_running


LONG_NAME = "Maria Conceição Albuquerque de Souza"  # 36 characters
LONG_PLACE = "Pavilhão do Conhecimento, Parque das Nações"  # 43


async def test_a_wide_terminal_gives_who_and_where_room_too(store, journal_path):
    """Issue 15, friction 4: at 220 columns the extra width is not all the notes'."""
    from tests.app_helpers import add, ago, screen_lines

    add(store, LONG_NAME, "a talk on science museums #museums", when=ago(hours=1), place=LONG_PLACE)
    app = NetJournalApp(store)
    async with app.run_test(size=(220, 30), notifications=True) as pilot:
        await pilot.pause()
        [row] = [line for line in screen_lines(app) if "science museums" in line]
        assert LONG_NAME in row  # whole
        assert "Pavilhão do Conhecimento, Parque" in row  # most of it
        assert "#museums" in row


@pytest.mark.parametrize("keys", [(), ("p",), ("w",), ("o",), ("enter",)])
async def test_at_80_columns_every_footer_still_shows_keys_and_quit(store, journal_path, keys):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        for _ in range(20):  # the footer is recomposed after the screen's first refresh
            footer = screen_text(app).splitlines()[-1]
            if footer.strip():
                break
            await pilot.pause()
        assert "? Keys" in footer and "q Quit" in footer, footer
