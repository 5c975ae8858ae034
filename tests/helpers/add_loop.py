"""Child process for the crash and concurrency tests: add encounters in a loop.

    python add_loop.py JOURNAL [--count N] [--tag TEXT] [--wait] [--pause SECONDS]

Prints "ready" once the store is open, then, after each add_encounter has
returned (and only then), the new encounter's id on its own line, flushed.
A parent that reads an id therefore knows that save was acknowledged.
With --wait, a line on stdin is awaited before the first add, so that
several children can be started together. With --pause, it sleeps a random
time up to SECONDS between saves, as separate user actions would: the lock
waits by polling, so a writer that re-takes the lock at once would otherwise
keep it for its whole loop while the other one starves.
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from journal import clock  # noqa: E402
from journal.models import EncounterDraft  # noqa: E402
from journal.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("journal")
    parser.add_argument("--count", type=int, default=0, help="0: until killed")
    parser.add_argument("--tag", default="child")
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--pause", type=float, default=0.0)
    args = parser.parse_args()

    store = Store(args.journal, lock_timeout=60)
    print("ready", flush=True)
    if args.wait:
        sys.stdin.readline()
    numbers = range(args.count) if args.count else itertools.count()
    for n in numbers:
        draft = EncounterDraft(
            when=clock.now(),
            who=[f"{args.tag} person {n % 7}"],
            notes=f"{args.tag} save {n} #crash",
            place="Test bench",
            setting="other",
        )
        result = store.add_encounter(draft)
        sys.stdout.write(result.encounter.id + "\n")
        sys.stdout.flush()
        if args.pause:
            time.sleep(random.uniform(0, args.pause))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
