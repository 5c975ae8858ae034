"""The search screen on a large journal: the count it shows is the true one."""
from __future__ import annotations

from journal.demo import build_demo
from journal.store import Store
from tests.app_helpers import SIZE, static_text, type_text
from tui.app import NetJournalApp
from tui.screens.search import RESULTS_LIMIT


async def search_header(path, query: str) -> str:
    app = NetJournalApp(Store(path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, query)
        await pilot.pause()
        return static_text(app.screen, "#search-header")


async def test_the_count_past_a_page_of_results_is_the_true_total(journal_path):
    build_demo(journal_path, encounters=3000, seed=7)
    found = len(Store(journal_path).search("sourdough"))
    assert 200 < found < RESULTS_LIMIT  # more than one page of the list, fewer than the limit
    assert (await search_header(journal_path, "sourdough")).startswith(f"Search   {found} encounters")


async def test_plus_only_where_the_search_stops_counting(journal_path):
    build_demo(journal_path, encounters=1500, seed=7)
    assert len(Store(journal_path).search("the")) > RESULTS_LIMIT
    header = await search_header(journal_path, "the")
    assert header.startswith(f"Search   {RESULTS_LIMIT}+ encounters")
