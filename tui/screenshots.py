"""Write the README's screenshots from the real app on a demo journal.

Run with `make screenshots` (python -m tui.screenshots [--out DIR]). The clock
is frozen and the demo journal is built from a fixed seed, so running it
twice gives identical files.

Each language has its pictures, of its own demo journal: English in DIR,
Brazilian Portuguese in DIR/pt-BR (README.pt-BR.md). Each is taken in a
process of its own, since the interface's strings are translated when its
modules are imported (python -m tui.screenshots --lang pt-BR --out DIR
takes one language's).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FROZEN_NOW = "2026-11-27T17:30:00+01:00"
SIZE = (110, 34)
SHOTS = ("agenda", "timeline", "quick-add", "encounter", "people", "profile", "review", "opinion", "group",
         "reach", "visibility")
# Where each language's pictures go, under --out.
FOLDERS = {"en": "", "pt_BR": "pt-BR"}
# What the quick-add and reach pictures type, in each language.
TYPED = {
    "en": {
        "who": "Marta Lima, Bruno", "where": "Padaria Real",
        "notes": "Queue chat about the #sourdough course and the #metro works",
        "told": "Told her about the neighbourhood map project", "follow_up": "Send the course link", "due": "mon",
        "reach": "org:Atlas Robotics",
    },
    "pt_BR": {
        "who": "Marta Lima, Bruno", "where": "Padaria Real",
        "notes": "Conversa na fila sobre o curso de #fermentação e as obras do #metrô",
        "told": "Contei a ela do projeto do mapa do bairro", "follow_up": "Mandar o link do curso", "due": "seg",
        "reach": "org:Atlas Robótica",
    },
}


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


async def take(out: Path, journal: Path, language: str = "en") -> list[Path]:
    from journal.store import Store
    from tui.app import NetJournalApp

    typed = TYPED[language]
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
        await _type(pilot, typed["who"])
        await pilot.press("tab")
        await _type(pilot, typed["where"])
        await pilot.press("tab", "tab")
        await _type(pilot, typed["notes"])
        await pilot.press("tab", "tab")
        await _type(pilot, typed["told"])
        await pilot.press("tab", "tab", "tab")
        await _type(pilot, typed["follow_up"])
        await pilot.press("tab")
        await _type(pilot, typed["due"])
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
        await _type(pilot, typed["reach"])
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
    parser.add_argument("--lang", help="take this language's pictures only, into --out itself (en or pt-BR)")
    args = parser.parse_args(argv)
    if args.lang is None:
        # Every language, each in a process of its own, into its folder.
        for language, folder in FOLDERS.items():
            command = [sys.executable, "-m", "tui.screenshots", "--lang", language, "--out", str(Path(args.out) / folder)]
            if subprocess.run(command).returncode != 0:
                return 1
        return 0
    from journal import i18n

    language = i18n.normalise(args.lang)
    if language not in FOLDERS:
        parser.error(f"--lang: no screenshots in {args.lang!r}")
    # Before any tui module is imported: their strings are translated then.
    i18n.use(language)
    _freeze()
    from journal.demo import build_demo

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal.json"
        # The default settings, whatever the user's own (a theme, a start screen).
        os.environ["NETJOURNAL_SETTINGS"] = str(Path(folder) / "settings.toml")
        build_demo(journal, encounters=300, seed=7, language=language)
        written = asyncio.run(take(out, journal, language))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
