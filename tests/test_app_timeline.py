"""Timeline, welcome panel, search, screen keys from anywhere, command palette."""
from __future__ import annotations

import pytest

from textual.command import CommandPalette
from textual.widgets import Input

from tests.app_helpers import (
    SIZE,
    add,
    ago,
    highlighted_text,
    option_texts,
    reopen,
    screen_text,
    seed_small,
    squash,
    static_text,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.encounter import EncounterScreen
from tui.screens.opinions import OpinionsScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.review import ReviewScreen
from tui.screens.search import SearchScreen
from tui.screens.timeline import TimelineScreen


async def test_welcome_panel_on_an_empty_journal(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        welcome = screen.query_one("#welcome")
        assert welcome.display
        assert not screen.query_one("#timeline").display
        text = screen_text(app)
        assert "Welcome to netjournal." in text
        assert "Press  a  to add your first encounter" in text
        assert "Today 0 conversations   Streak 0 days   0 in all" in static_text(screen, "#timeline-header")
        assert "e Edit" not in text.splitlines()[-1]  # nothing to edit yet

        # The first encounter replaces the welcome with the timeline.
        await pilot.press("a")
        await type_text(pilot, "Ana Souza")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not welcome.display
        assert screen.query_one("#timeline").display
        assert "Welcome to netjournal." not in screen_text(app)
        assert "Today 1 conversation   Streak 1 day   1 in all" in static_text(screen, "#timeline-header")
        await pilot.pause()
        assert "e Edit" in screen_text(app).splitlines()[-1]


async def test_timeline_groups_by_day_newest_first(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one("#timeline")
        rows = option_texts(timeline)
        headings = [row for row in rows if not row[:2].isdigit()]
        assert headings == ["Today", "Yesterday", "Tuesday", "Tue 17 Nov"]
        assert squash(rows[1]).startswith("12:00 Bruno, Ana Souza Padaria Real")
        assert "↙⚑" in rows[3]  # José: asked, open follow-up
        assert rows[5].rstrip().endswith("↗")  # Ana: gave
        # The cursor starts on the newest encounter and skips day headings.
        assert highlighted_text(timeline) == rows[1]
        await pilot.press("down")
        assert highlighted_text(timeline) == rows[3]
        header = static_text(app.screen, "#timeline-header")
        assert header.startswith("Today 1 conversation   Streak 2 days   4 in all")

        # e edits the highlighted encounter from the timeline.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        assert app.screen.query_one("#who", Input).value == "José Martins"


async def test_search_by_topic_and_by_name(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one("#search-results")
        assert app.focused is screen.query_one("#search-input")

        await type_text(pilot, "#bread")
        rows = option_texts(results)
        assert len(rows) == 2
        assert "Queue chat" in rows[0] and "Sourdough" in rows[1]  # newest first
        assert static_text(screen, "#search-header") == "Search   2 encounters"

        await pilot.press("ctrl+u")
        await type_text(pilot, "jose")  # a name, without its accent
        rows = option_texts(results)
        assert len(rows) == 1 and squash(rows[0]).startswith("26 Nov 2026 José Martins")
        assert static_text(screen, "#search-header") == "Search   1 encounter · 1 person"

        await pilot.press("ctrl+u")
        await type_text(pilot, "padaria BREAD")  # every word, anywhere, any case
        assert len(option_texts(results)) == 2

        await pilot.press("ctrl+u")
        await type_text(pilot, "nothing-like-this")
        assert option_texts(results) == []
        assert static_text(screen, "#search-header") == "Search   0 encounters"

        # Enter goes to the results, enter again opens one.
        await pilot.press("ctrl+u")
        await type_text(pilot, "urbanism")
        await pilot.press("enter")
        assert app.focused is results
        await pilot.press("down", "enter")  # Léa's (the older of the two)
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)
        assert "Talk on #urbanism" in static_text(app.screen, "#encounter-fields")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_search_sees_a_new_encounter(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Chloé")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "#compost bins")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("slash")
        await type_text(pilot, "chloe")
        rows = option_texts(app.screen.query_one("#search-results"))
        assert len(rows) == 1 and "Chloé" in rows[0]


async def test_screen_keys_switch_from_anywhere(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        expected = {"t": TimelineScreen, "p": PeopleScreen, "w": ReviewScreen, "o": OpinionsScreen}
        for first in "tpwo":
            for key in "tpwo":
                await pilot.press(first)
                await pilot.pause()
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, expected[key]), (first, key)

        # From the encounter detail (a screen above the timeline).
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("t")
        await pilot.pause()
        # Back on the timeline's first page, not on the encounter left open.
        assert isinstance(app.screen, TimelineScreen)
        assert len(app.screen_stack) == 1

        for key in "wo":
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EncounterScreen)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, expected[key])
            await pilot.press("t")
            await pilot.pause()

        # From a profile opened from an encounter, and from search.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the encounter's first person
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen) and len(app.screen_stack) == 1
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")  # leave the search box first: letters type there
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)


async def test_screen_letters_type_into_fields(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "two")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "two"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p", "f")
        await type_text(pilot, "top")
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#people-filter", Input).value == "top"


async def test_command_palette_add_encounter_opens_quick_add(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "add encounter")
        await pilot.pause(0.5)  # the palette searches its providers in the background
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        await type_text(pilot, "Ana Souza")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
    with reopen(journal_path) as disk:
        assert disk.count() == 1


async def test_command_palette_goes_to_people(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "people")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)


async def test_keys_panel_toggles(store, journal_path):
    add(store, "Ana Souza", "bread", when=ago(hours=1))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query("#keys-panel")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query("#keys-panel")
        assert app.is_running


async def test_the_keys_panel_lists_this_screens_keys_in_plain_words_grouped(store, journal_path):
    """Issue 15, friction 3: not the table's generic cursor keys."""
    add(store, "Ana Souza", "bread", when=ago(hours=1))
    app = NetJournalApp(store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        shown = static_text(app.screen, "#keys-panel-text")
        on_screen, everywhere, moving = (shown.index(title) for title in ("On this screen", "Everywhere", "Moving around"))
        assert on_screen < everywhere < moving
        flat = [" ".join(part.split()) for part in (shown[on_screen:everywhere], shown[everywhere:moving])]
        assert "d Delete the highlighted person (asks first; their encounters stay; ctrl+z undoes)" in flat[0]
        assert "f Type to filter people by name, organisation, interest, email or phone" in flat[0]
        assert "? Show or hide every key of this screen" in flat[1]
        assert "q Leave netjournal (everything is already saved)" in flat[1]
        assert "cursor" not in shown.casefold()  # Textual's table keys
        # On the review, its own keys replace the people's.
        await pilot.press("question_mark", "w", "question_mark")
        await pilot.pause()
        shown = static_text(app.screen, "#keys-panel-text")
        assert "[ The week before" in " ".join(shown.split())
        assert "Delete the highlighted person" not in shown
