"""The app in Portuguese shows its dates in Portuguese and suggests Portuguese settings (issue 19)."""
from __future__ import annotations

import pytest

from journal import i18n
from tests.app_helpers import SIZE, disk_encounters, field_value, option_texts, static_text, type_text
from tests.test_app_quick_add import clear_field, open_quick_add
from tui.app import NetJournalApp
from tui.screens.timeline import TimelineScreen


@pytest.fixture
def portuguese():
    i18n.use("pt_BR")
    yield
    i18n.use(i18n.ENGLISH)


async def test_quick_add_in_portuguese_shows_the_date_and_suggests_the_setting(store, journal_path, portuguese):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        # The Portuguese suggestions: "viz" offers vizinhança, and → takes it.
        await type_text(pilot, "viz")
        await pilot.pause()
        await pilot.press("right")
        assert field_value(dialog, "setting") == "vizinhança"
        await clear_field(pilot, "when")
        await type_text(pilot, "ontem à noite")
        # The clock is frozen at Friday 27 November 2026, 15:00.
        assert static_text(dialog, "#when-parsed") == "qui., 26 de nov. de 2026 21:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert option_texts(app.screen.query_one("#timeline"))[0] == "Ontem"
    saved = disk_encounters(journal_path)[0]
    # Stored as typed: the word, and an ISO instant.
    assert (saved["setting"], saved["when"]) == ("vizinhança", "2026-11-26T21:00:00+01:00")


async def test_english_suggests_the_english_settings(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "neigh")
        await pilot.pause()
        await pilot.press("right")
        assert field_value(dialog, "setting") == "neighbourhood"


def test_the_store_suggests_the_languages_settings_then_the_journals_own(store):
    from datetime import datetime

    from journal import clock
    from journal.models import EncounterDraft

    store.add_encounter(EncounterDraft(when=datetime(2026, 11, 20, 9, tzinfo=clock.local_zone()), who=["Ana"],
                                       setting="bakery", notes="pão"))
    i18n.use("pt_BR")
    try:
        assert store.settings() == ["padaria", "restaurante", "café", "evento", "trabalho", "vizinhança",
                                    "transporte", "online", "outro", "bakery"]
    finally:
        i18n.use(i18n.ENGLISH)
    assert store.settings()[:2] == ["bakery", "restaurant"] and store.settings().count("bakery") == 1
