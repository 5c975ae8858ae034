"""The app folds the search text in a background thread once it has started,
so that the first search of a large journal does not freeze the screen; a
save meanwhile makes that result stale, and the search stays exact."""
from __future__ import annotations

from journal.store import Store
from tests.app_helpers import SIZE, add, ago, option_texts, type_text
from tui.app import WARMUP_DELAY, NetJournalApp


async def test_the_search_text_is_ready_before_the_first_search(journal_path):
    store = Store(journal_path)
    for n in range(60):
        add(store, f"Person {n % 9}", f"note number {n} about #bread", when=ago(hours=n + 1))
    store._rebuilt()  # as a freshly opened journal: nothing folded yet
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert store.index._blob is None  # not while the first screen is drawn
        await pilot.pause(WARMUP_DELAY + 0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.index._blob is not None  # folded in the background and installed
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, "number 42")
        await pilot.pause()
        shown = option_texts(app.screen.query_one("#search-results"))
        assert len(shown) == 1 and "note number 42" in shown[0]


async def test_a_save_while_folding_is_found_by_the_search(journal_path):
    store = Store(journal_path)
    for n in range(30):
        add(store, "Ana Souza", f"older note {n}", when=ago(hours=n + 2))
    store._rebuilt()
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # Another save lands before the fold is installed: its result is stale.
        warmup = store.search_warmup()
        assert warmup is not None and warmup.build()
        add(store, "Zoë Martin", "the newest note, about kites", when=ago(hours=1))
        assert not warmup.install()
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, "kites")
        await pilot.pause()
        shown = option_texts(app.screen.query_one("#search-results"))
        assert len(shown) == 1 and "kites" in shown[0]
