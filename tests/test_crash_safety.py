"""SIGKILL a process that is saving, over and over: no acknowledged save is ever lost.

A child (tests/helpers/add_loop.py) adds encounters to a large journal in a
loop and prints each id only once add_encounter has returned. We kill it at
a random moment, then open the file with a fresh Store: it must load, and
every id the child printed must be in it. The same journal is reused across
kills, so a kill that damaged the file would show up in a later round too.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from journal.store import Store
from tests.loops import count as loop_count

HELPER = Path(__file__).parent / "helpers" / "add_loop.py"
BASE_ENCOUNTERS = 9000
KILLS = loop_count(12, 60)
# Most kills land in the add loop; a few during start-up, while the child
# opens (and parses) the journal, which must not hurt it either.
EARLY_KILLS = loop_count(2, 8)
MAX_DELAY = 0.3
STAMP = "2026-01-01T00:00:00+00:00"


def build_big_journal(path: Path) -> int:
    """Write a realistic v2 journal of ~6 MB in one go (much faster than Store)."""
    rng = random.Random(1)
    people, person_ids = {}, []
    for n in range(300):
        pid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        person_ids.append(pid)
        people[str(n + 1)] = {
            "id": pid, "name": f"Person {n}", "aliases": [], "organisation": "", "interests": [],
            "introduced_by": None, "notes": "", "keep_in_touch_days": None,
            "created_at": STAMP, "updated_at": STAMP,
        }
    start = datetime.fromisoformat("2024-01-01T09:00:00+01:00")
    notes = "We talked about bread, the weather and the new tram line through the square. " * 5
    encounters = {}
    for n in range(BASE_ENCOUNTERS):
        encounters[str(n + 1)] = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "when": (start + timedelta(hours=2 * n)).isoformat(),
            "people": [person_ids[n % len(person_ids)]],
            "place": "Padaria Real", "setting": "bakery", "notes": f"{n}: {notes}", "topics": ["bread"],
            "learned": "", "gave": "", "asked": "",
            "follow_up": {"text": "call back", "due": "2026-12-01", "done": False} if n % 10 == 0 else None,
            "created_at": STAMP, "updated_at": STAMP,
        }
    data = {"encounters": encounters, "people": people, "opinions": {}, "reviews": {},
            "meta": {"1": {"schema_version": 2}}}
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = orjson.dumps(data)
    path.write_bytes(payload)
    return len(payload)


def run_and_kill(journal: Path, delay: float, early: bool, stderr_file) -> list[str]:
    """Start the child, kill it after `delay`, return the ids it acknowledged."""
    child = subprocess.Popen(
        [sys.executable, str(HELPER), str(journal)],
        stdout=subprocess.PIPE, stderr=stderr_file, text=True,
    )
    # A hung child must fail the test, not hang it.
    watchdog = threading.Timer(30, child.kill)
    watchdog.start()
    try:
        if early:
            time.sleep(delay)
        else:
            assert child.stdout.readline() == "ready\n", "the child could not open the journal"
            time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
    finally:
        watchdog.cancel()
    assert child.returncode == -signal.SIGKILL, "the child ended before it was killed"
    # Only complete lines are acknowledgements; "ready" is not an id.
    return [line for line in out.split("\n")[:-1] if line != "ready"]


@pytest.mark.slow
def test_sigkill_while_saving_never_loses_an_acknowledged_save(tmp_path, capsys):
    journal = tmp_path / "journal" / "journal.json"
    size = build_big_journal(journal)
    assert size >= 5_000_000

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    plan = [True] * EARLY_KILLS + [False] * (KILLS - EARLY_KILLS)
    rng.shuffle(plan)

    acknowledged: set[str] = set()
    count = BASE_ENCOUNTERS
    unacknowledged_landed = 0
    interrupted_writes = 0
    started = time.monotonic()
    stderr_path = tmp_path / "child-stderr.txt"
    with open(stderr_path, "w") as stderr_file:
        for round_no, early in enumerate(plan, 1):
            delay = rng.uniform(0, 0.25 if early else MAX_DELAY)
            acked = run_and_kill(journal, delay, early, stderr_file)
            context = f"round {round_no}, delay {delay:.3f}s, seed {seed}"

            # A temp file left behind means the kill landed in the middle of a write.
            leftovers = list(journal.parent.glob(".journal.json.*.tmp"))
            interrupted_writes += len(leftovers)
            for tmp in leftovers:
                tmp.unlink()  # ~6 MB each; they would only fill the test's disk

            with Store(journal) as fresh:
                ids = {e.id for e in fresh.encounters()}
                people = {p.id for p in fresh.people()}
                dangling = [e.id for e in fresh.encounters() if not set(e.people) <= people]
            missing = set(acked) - ids
            assert not missing, f"{context}: acknowledged saves lost: {sorted(missing)}"
            assert not (acknowledged - ids), f"{context}: an earlier save disappeared"
            assert not dangling, f"{context}: encounters point at people who are not saved"
            # At most the one save in flight when the kill came can have landed unacknowledged.
            extra = len(ids) - count - len(acked)
            assert extra in (0, 1), f"{context}: {len(acked)} acknowledged but {len(ids) - count} new"
            unacknowledged_landed += extra
            acknowledged.update(acked)
            count = len(ids)
    elapsed = time.monotonic() - started

    errors = stderr_path.read_text()
    assert "Traceback" not in errors, errors
    assert len(acknowledged) > KILLS, "too few saves were acknowledged for the kills to mean much"
    assert count == BASE_ENCOUNTERS + len(acknowledged) + unacknowledged_landed
    with capsys.disabled():
        print(
            f"\ncrash safety: {KILLS} SIGKILLs ({EARLY_KILLS} during start-up) on a "
            f"{size / 1e6:.1f} MB journal in {elapsed:.1f} s; {len(acknowledged)} acknowledged saves, "
            f"all present; {unacknowledged_landed} unacknowledged saves landed; "
            f"{interrupted_writes} kills interrupted a write (a temp file left); seed {seed}"
        )
