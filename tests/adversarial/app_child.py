"""Child processes that drive the REAL app (headless, through Pilot) to save.

    python app_child.py loop JOURNAL OUT --tag T [--count N]
        Runs NetJournalApp on JOURNAL and adds encounters through the quick-add
        form: `a`, the name typed key by key, the notes, ctrl+s. Only once the
        dialog has closed and the "Saved" notification is up, it appends the
        new encounter's id as a line to OUT (line-buffered, so a line is in
        the file the moment it is written). Other lines: "ready" once the app
        is on screen, "saving N" just before ctrl+s. N = 0: until killed.

    python app_child.py zygote
        Imports Textual and the app once, prints "ready", then for every
        "run JOURNAL OUT TAG" line on stdin forks a child running `loop`,
        prints "pid P", waits for it and prints "exit P STATUS". Forking an
        already-imported interpreter makes a crash loop of dozens of app
        starts take seconds instead of minutes.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual.widgets import TextArea  # noqa: E402

from journal.store import Store  # noqa: E402
from tui.app import NetJournalApp  # noqa: E402
from tui.dialogs.quick_add import QuickAddDialog  # noqa: E402


async def save_loop(journal: str, out_path: str, tag: str, count: int = 0) -> int:
    out = open(out_path, "a", buffering=1, encoding="utf-8")
    store = Store(journal, lock_timeout=60)
    app = NetJournalApp(store)
    saved = 0
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        out.write("ready\n")
        numbers = range(count) if count else itertools.count()
        for n in numbers:
            notes = f"{tag} save {n} #crash"
            await pilot.press("a")  # press() waits until the form is on screen
            dialog = app.screen
            if not isinstance(dialog, QuickAddDialog):
                out.write(f"error: no form ({type(dialog).__name__})\n")
                continue
            await pilot.press(*f"{tag}-{n % 5}")  # the name, key by key
            dialog.query_one("#notes", TextArea).text = notes
            shown = {note.identity for note in app._notifications}
            out.write(f"saving {n}\n")
            await pilot.press("ctrl+s")
            if app.screen is dialog:
                error = dialog.query_one("#form-error").render()
                out.write(f"error: not saved: {error}\n")
                dialog.dismiss(None)
                await pilot.pause()
                continue
            if not any(note.title == "Saved" and note.identity not in shown for note in app._notifications):
                out.write("error: no notification\n")
                continue
            (new,) = [e.id for e in store.encounters() if e.notes == notes]
            out.write(new + "\n")  # the acknowledgement
            saved += 1
    store.close()
    out.close()
    return saved


def zygote() -> int:
    print("ready", flush=True)
    for line in sys.stdin:
        command, journal, out, tag = line.split()
        assert command == "run"
        pid = os.fork()
        if pid == 0:
            try:
                asyncio.run(save_loop(journal, out, tag))
            finally:
                os._exit(0)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {pid} {status}", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("loop", "zygote"))
    parser.add_argument("journal", nargs="?")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--tag", default="app")
    parser.add_argument("--count", type=int, default=0)
    args = parser.parse_args()
    if args.mode == "zygote":
        return zygote()
    saved = asyncio.run(save_loop(args.journal, args.out, args.tag, args.count))
    return 0 if saved == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
