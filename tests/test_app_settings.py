"""Settings in the app: the theme chosen in the palette is remembered; a damaged file is said once and ignored."""
from __future__ import annotations

import tomllib

from textual.command import CommandPalette

from tests.app_helpers import SIZE, notifications, seed_small, type_text
from tui.app import NetJournalApp
from tui.screens.agenda import AgendaScreen
from tui.screens.timeline import TimelineScreen


async def choose_in_palette(pilot, search: str) -> None:
    """ctrl+p, type `search`, enter on the first match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, search)
    await pilot.pause(0.5)  # the palette searches its providers in the background
    await pilot.press("enter")
    await pilot.pause()


async def test_a_theme_chosen_in_the_palette_is_written_and_used_next_time(store, settings_file):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await choose_in_palette(pilot, "theme")
        # Textual's theme list opens in a second palette.
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert tomllib.loads(settings_file.read_text()) == {"theme": "nord"}

    again = NetJournalApp(store)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        assert notifications(again) == []
    assert tomllib.loads(settings_file.read_text()) == {"theme": "nord"}  # applying it did not write again


async def test_a_damaged_settings_file_is_said_once_and_the_app_works(store, settings_file, journal_path):
    seed_small(store)
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('theme = "nord\n')
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        [(title, message)] = notifications(app)
        assert title == "Settings"
        assert message.startswith(f"The settings file {settings_file} could not be read: it is not valid TOML")
        assert message.endswith("The default settings are used until it is fixed or deleted.")
        assert isinstance(app.screen, TimelineScreen)
        # The app works: add an encounter.
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Ana Souza")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        # A theme chosen now applies, but the damaged file is not written over.
        await choose_in_palette(pilot, "theme")
        await type_text(pilot, "nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
        assert any(
            t == "Setting not saved" and "so it was not changed. Fix or delete it." in m for t, m in notifications(app)
        )
    assert settings_file.read_text() == 'theme = "nord\n'
    from journal.store import Store

    with Store(journal_path) as disk:
        assert disk.count() == 5


async def test_bad_values_and_an_unknown_theme_are_said_and_ignored(store, settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('theme = "no-such-theme"\nstart_screen = "sideways"\nkeep_in_touch_days = -3\n')
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        [(title, message)] = notifications(app)
        assert title == "Settings"
        lines = message.splitlines()
        assert len(lines) == 3
        assert "start_screen = 'sideways' was ignored" in lines[0]
        assert "keep_in_touch_days = -3 was ignored" in lines[1]
        assert lines[2].startswith("The theme 'no-such-theme' in the settings file")
        assert app.theme == "textual-dark"
        assert app.settings.keep_in_touch_days == 30


async def test_the_start_screen_is_chosen_in_the_palette(store, settings_file):
    seed_small(store)  # nothing due: the timeline first
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await choose_in_palette(pilot, "always the agenda")
        assert ("Start screen", "netjournal will always open on the Agenda.") in notifications(app)
    assert tomllib.loads(settings_file.read_text()) == {"start_screen": "agenda"}
    again = NetJournalApp(store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, AgendaScreen)
        await choose_in_palette(pilot, "agenda when something is due")
    assert tomllib.loads(settings_file.read_text()) == {"start_screen": "auto"}
