"""The weekly review on a real screen: it scrolls by keys and by mouse, and
space acts only on the follow-up the user sees (issue 15, bug 4 and friction 1)."""
from __future__ import annotations

from datetime import timedelta

from textual.events import MouseScrollDown, MouseScrollUp

from journal import clock
from tests.app_helpers import add, ago, notifications, reopen
from tui.app import NetJournalApp


def seed_week(store) -> None:
    """A busy week: enough to be taller than the screen, two follow-ups, one of them overdue."""
    for n in range(6):
        add(store, f"Person {n}", f"chat number {n} #topic{n}", when=ago(days=n % 4, hours=1),
            setting=["bakery", "cafe", "work"][n % 3], gave="a tip" if n % 2 else "")
    add(store, "Ana Souza", "bread", when=ago(days=2), follow_up="send the recipe",
        due=clock.today() - timedelta(days=1))
    add(store, "José Martins", "bikes", when=ago(days=1), follow_up="lend the chain tool",
        due=clock.today() + timedelta(days=1))


async def open_review(pilot):
    await pilot.press("w")
    await pilot.pause()
    return pilot.app.screen


async def wheel(pilot, selector: str, event, times: int = 10) -> None:
    for _ in range(times):
        await pilot._post_mouse_events([event], widget=selector, offset=(2, 1))


def follow_ups_on_disk(path) -> dict[str, bool]:
    with reopen(path) as disk:
        return {e.follow_up.text: e.follow_up.done for e in disk.encounters() if e.follow_up}


async def test_the_review_scrolls_by_keys_whatever_has_focus(store, journal_path):
    seed_week(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_review(pilot)
        body = screen.query_one("#review-body")
        assert body.max_scroll_y > 0  # taller than the screen
        await pilot.press("pagedown")
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        # With the follow-ups focused (tab), the same keys still scroll the review.
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is screen.query_one("#review-follow-ups")
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_the_review_scrolls_by_mouse_over_the_follow_ups(store, journal_path):
    seed_week(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_review(pilot)
        body = screen.query_one("#review-body")
        await pilot.press("tab")  # the follow-ups come into view
        await pilot.pause()
        before = body.scroll_y
        await wheel(pilot, "#review-follow-ups", MouseScrollDown)
        assert body.scroll_y > before or body.scroll_y == body.max_scroll_y
        await wheel(pilot, "#review-follow-ups", MouseScrollUp, times=40)
        assert body.scroll_y < before


async def test_space_does_nothing_to_a_follow_up_scrolled_out_of_sight(store, journal_path):
    seed_week(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_review(pilot)
        body = screen.query_one("#review-body")
        await pilot.press("space")  # nothing highlighted in sight: the review has focus
        await pilot.press("tab")
        await pilot.pause()
        await wheel(pilot, "#review-header", MouseScrollUp)  # nowhere to scroll there
        await wheel(pilot, "#review-numbers", MouseScrollUp, times=40)
        assert body.scroll_y == 0  # the follow-ups are below the fold now
        await pilot.press("space")
        await pilot.pause()
        assert follow_ups_on_disk(journal_path) == {"send the recipe": False, "lend the chain tool": False}
        assert not any("marked" in message for _, message in notifications(app))
        # The key brought the highlighted row into view instead; now it acts.
        follow_ups = screen.query_one("#review-follow-ups")
        assert screen.row_in_sight(follow_ups)
        await pilot.press("space")
        await pilot.pause()
        assert follow_ups_on_disk(journal_path) == {"send the recipe": True, "lend the chain tool": False}


async def test_marking_a_follow_up_done_in_the_review_is_undone_by_ctrl_z(store, journal_path):
    seed_week(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("tab", "down", "space")
        await pilot.pause()
        assert follow_ups_on_disk(journal_path) == {"send the recipe": False, "lend the chain tool": True}
        assert ("", "Follow-up marked done. ctrl+z undoes it.") in notifications(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert follow_ups_on_disk(journal_path) == {"send the recipe": False, "lend the chain tool": False}
        assert not any(message.startswith("Cannot undo") for _, message in notifications(app))


async def test_the_review_is_readable_at_80_by_24(store, journal_path):
    seed_week(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        await pilot.press("end")
        await pilot.pause()
        reflection = screen.query_one("#review-reflection")
        assert screen.query_one("#review-body").scroll_y > 0
        assert reflection.region.height >= 5  # on screen, a few lines to write in


async def test_a_follow_up_overdue_since_another_year_shows_its_year(store, journal_path):
    """"overdue Tue 03 Sep" read as weeks ago for a follow-up due in 2024 (a trial)."""
    from datetime import date

    from tests.app_helpers import option_texts

    add(store, "Júlia Campos", "lunch plans", when=ago(days=800), follow_up="book lunch with Júlia",
        due=date(2024, 9, 3))
    add(store, "Ana Souza", "bread", when=ago(days=2), follow_up="send the recipe",
        due=clock.today() - timedelta(days=1))
    app = NetJournalApp(store)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        screen = await open_review(pilot)
        rows = option_texts(screen.query_one("#review-follow-ups"))
        assert any("overdue Tue 03 Sep 2024" in row and "book lunch" in row for row in rows), rows
        assert any("overdue Thu 26 Nov " in row and "send the recipe" in row for row in rows), rows
