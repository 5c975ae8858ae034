"""Changes made by another process show up in the running app (1 s poll)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from tests.app_helpers import SIZE, add, notifications, option_texts, reopen, seed_small, squash, static_text
from tui.app import NetJournalApp
from tui.cli import main as cli_main
from tui.screens.people import PeopleScreen
from tui.screens.timeline import TimelineScreen

ROOT = Path(__file__).resolve().parent.parent


async def wait_until(pilot, condition, seconds: float = 5.0) -> bool:
    """Short pauses until `condition()` holds, for at most `seconds`."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


def timeline_rows(app) -> list[str]:
    return option_texts(app.screen.query_one("#timeline"))


async def test_cli_add_while_the_app_runs_appears_in_the_timeline(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert not any("Zoë" in row for row in timeline_rows(app))
        out = io.StringIO()
        assert cli_main(["add", "--who", "Zoë", "hello"], out=out, err=io.StringIO()) == 0
        assert await wait_until(pilot, lambda: any("Zoë" in row for row in timeline_rows(app)))
        rows = timeline_rows(app)
        assert rows[0] == "Today" and squash(rows[1]).startswith("15:00 Zoë hello") and "hello" in rows[1]
        assert "5 in all" in static_text(app.screen, "#timeline-header")

        # The app's own next save builds on the other process's save.
        await pilot.press("a")
        for key in "Ana":
            await pilot.press(key)
        await pilot.press("ctrl+s")
        await pilot.pause()
    with reopen(journal_path) as disk:
        assert disk.count() == 6
        assert "Zoë" in {p.name for p in disk.people()}


async def test_subprocess_save_appears_on_the_people_screen(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "add", "--who", "Ximena Ortiz", "--where", "Gare de Lyon", "late train chat"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 0, done.stderr
        table = app.screen.query_one("#people-table")
        assert await wait_until(pilot, lambda: table.row_count == 5)
        first = table.get_row_at(0)[0].plain.strip()
        assert first == "Ximena Ortiz"  # seen most recently
        assert not any(title == "Journal unreadable" for title, _ in notifications(app))


async def test_a_broken_file_is_reported_once_and_the_app_keeps_running(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        good = journal_path.read_bytes()
        journal_path.write_text("{ not json")
        assert await wait_until(pilot, lambda: any(t == "Journal unreadable" for t, _ in notifications(app)))
        await pilot.pause(1.5)
        assert sum(1 for t, _ in notifications(app) if t == "Journal unreadable") == 1
        assert app.is_running
        # What was on screen stays on screen.
        assert any("Queue chat" in row for row in timeline_rows(app))
        journal_path.write_bytes(good)
        await pilot.pause(1.5)
        assert app.is_running


async def test_a_save_landing_while_a_screen_is_still_being_built_does_not_crash(store, journal_path):
    """A change (here signalled right after the key) can arrive before the new screen's widgets exist."""
    add(store, "Ana Souza", "first")
    app = NetJournalApp(store)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        for mode in ("review", "opinions", "people", "timeline"):
            # What the key does, then a change before the new screen has had a
            # chance to mount (as the 1 s poll or a save can).
            app.action_go(mode)
            app.data_changed()
            await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, TimelineScreen)
