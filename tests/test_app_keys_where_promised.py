"""Keys work where the README and the headings say they do (found in a new user's trial)."""
from __future__ import annotations

from datetime import timedelta

from journal import clock
from tests.app_helpers import SIZE, add, ago, notifications, option_texts, reopen, seed_small, type_text
from tui.app import NetJournalApp
from tui.dialogs.opinion_edit import OpinionDialog
from tui.dialogs.pick_person import PickPersonDialog
from tui.screens.people import PeopleScreen


async def test_m_on_the_people_list_merges_into_the_highlighted_person(store, journal_path):
    seed_small(store)
    add(store, "A. Souza", "a second record of Ana")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        table = app.screen.query_one("#people-table")
        keep = next(key.value for key in table.rows if store.person(key.value).name == "Ana Souza")
        table.move_cursor(row=table.get_row_index(keep))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickPersonDialog)
        await type_text(pilot, "a. souza")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert any(message == "Merged A. Souza into Ana Souza." for _, message in notifications(app))
    with reopen(journal_path) as disk:
        ana = next(p for p in disk.people() if p.name == "Ana Souza")
        assert ana.aliases == ["A. Souza"]
        assert "A. Souza" not in [p.name for p in disk.people()]


async def test_e_on_the_opinions_list_revises_the_highlighted_opinion(store, journal_path):
    store.opinions.note("Remote work", "good for focus", "medium")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("end")
        await type_text(pilot, ", bad for mentoring")
        await pilot.press("ctrl+s")
        await pilot.pause()
    with reopen(journal_path) as disk:
        [opinion] = disk.opinions.all()
        assert opinion.stance == "good for focus, bad for mentoring"
        assert [h.stance for h in opinion.history] == ["good for focus"]


async def test_space_in_the_review_marks_the_first_follow_up_done_without_moving_first(store, journal_path):
    add(store, "Ana Souza", "bread", when=ago(days=1), follow_up="send the recipe", due=clock.today() + timedelta(days=1))
    app = NetJournalApp(store)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#review-follow-ups").focus()
        await pilot.press("space")
        await pilot.pause()
        assert any(message == "Follow-up marked done. ctrl+z undoes it." for _, message in notifications(app))
    with reopen(journal_path) as disk:
        assert disk.recent(0, 1)[0].follow_up.done is True


async def test_search_finds_people_by_alias_and_organisation(store, journal_path):
    result = add(store, "José Almeida", "walk in the park")
    store.update_person(result.created_people[0].id, aliases=["Zé"], organisation="Bike Lisboa")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for query in ("zé", "bike lisboa"):
            await pilot.press("slash")
            await pilot.pause()
            await type_text(pilot, query)
            await pilot.pause()
            rows = option_texts(app.screen.query_one("#search-results"))
            assert any("walk in the park" in row for row in rows), query
            await pilot.press("escape")
            await pilot.pause()
