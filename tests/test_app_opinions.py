"""The opinions section: an opinion's own page, deleting it, undo."""
from __future__ import annotations

from tests.app_helpers import SIZE, notifications, on_disk, reopen
from tui.app import NetJournalApp
from tui.screens.opinion import OpinionScreen
from tui.screens.opinions import OpinionsScreen


async def test_delete_from_the_opinion_page_goes_back_to_the_list_and_ctrl_z_brings_it_back(store, journal_path):
    store.opinions.note("remote work", "good for focus, bad for mentoring")
    store.opinions.note("the new metro line", "worth the wait")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpinionScreen)
        subject = store.opinions.get(app.screen.opinion_id).subject
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OpinionsScreen)
        assert ("Deleted", "Opinion deleted. ctrl+z brings it back.") in notifications(app)
        assert subject not in [o.subject for o in reopen(journal_path).opinions.all()]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert subject in [o.subject for o in reopen(journal_path).opinions.all()]
        assert isinstance(app.screen, OpinionsScreen)
