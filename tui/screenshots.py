"""Write the README's screenshots from the real app on a demo journal.

Run with `make screenshots` (python -m tui.screenshots [--out DIR]). The clock
is frozen and the demo journal is built from a fixed seed, so running it
twice gives identical files.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

FROZEN_NOW = "2026-11-27T17:30:00+01:00"
SIZE = (110, 34)
SHOTS = ("agenda", "timeline", "quick-add", "encounter", "people", "profile", "review", "opinion", "group",
         "reach", "visibility")


def _freeze() -> None:
    # Before journal.clock is used: local zone and "now" fixed for every shot.
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    os.environ["NETJOURNAL_NOW"] = FROZEN_NOW


async def _type(pilot, text: str) -> None:
    for char in text:
        await pilot.press({" ": "space", ",": "comma", "#": "number_sign", ":": "colon"}.get(char, char))


async def _shoot(app, pilot, out: Path, name: str) -> None:
    # A blinking cursor would make the picture depend on timing.
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()
    app.save_screenshot(str(out / f"{name}.svg"))


async def take(out: Path, journal: Path) -> list[Path]:
    from journal.store import Store
    from tui.app import NetJournalApp

    app = NetJournalApp(Store(journal))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The demo has overdue follow-ups, so the app opens on the Agenda.
        await _shoot(app, pilot, out, "agenda")
        await pilot.press("t")
        await pilot.pause()
        await _shoot(app, pilot, out, "timeline")

        await pilot.press("a")
        await pilot.pause()
        await _type(pilot, "Marta Lima, Bruno")
        await pilot.press("tab")
        await _type(pilot, "Padaria Real")
        await pilot.press("tab", "tab")
        await _type(pilot, "Queue chat about the #sourdough course and the #metro works")
        await pilot.press("tab", "tab")
        await _type(pilot, "Told her about the neighbourhood map project")
        await pilot.press("tab", "tab", "tab")
        await _type(pilot, "Send the course link")
        await pilot.press("tab")
        await _type(pilot, "mon")
        await _shoot(app, pilot, out, "quick-add")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

        await pilot.press("enter")
        await pilot.pause()
        await _shoot(app, pilot, out, "encounter")

        await pilot.press("p")
        await pilot.pause()
        await _shoot(app, pilot, out, "people")
        await pilot.press("enter")
        await pilot.pause()
        await _shoot(app, pilot, out, "profile")

        await pilot.press("w")
        await pilot.pause()
        await _shoot(app, pilot, out, "review")

        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await _shoot(app, pilot, out, "opinion")

        # The first group, Freelancers' circle: its members' attendance and meetings.
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await _shoot(app, pilot, out, "group")

        # Reach: who could introduce you to someone at one of the demo's organisations.
        await pilot.press("i")
        await pilot.pause()
        await _type(pilot, "org:Atlas Robotics")
        await pilot.press("enter")
        await pilot.pause()
        await _shoot(app, pilot, out, "reach")

        # Visibility: the demo's qualities, who knows them, who does not.
        await pilot.press("v")
        await pilot.pause()
        await _shoot(app, pilot, out, "visibility")
    return [out / f"{name}.svg" for name in SHOTS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "screenshots"))
    args = parser.parse_args(argv)
    _freeze()
    from journal.demo import build_demo

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal.json"
        # The default settings, whatever the user's own (a theme, a start screen).
        os.environ["NETJOURNAL_SETTINGS"] = str(Path(folder) / "settings.toml")
        build_demo(journal, encounters=300, seed=7)
        written = asyncio.run(take(out, journal))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
