"""SIGKILL the running app while it saves, over and over: no acknowledged save is lost.

tests/test_crash_safety.py kills a bare Store loop. Here each victim is the real
app (NetJournalApp under Pilot, headless) adding encounters through the
quick-add form; it acknowledges a save only once the dialog has closed and the
"Saved" notification is up (tests/adversarial/app_child.py). Children are
forked from a zygote that imported Textual once, so dozens of app starts are
cheap. Kills land during start-up, within 0.1 s of ctrl+s (while the store
writes), or at any moment of the add loop. The journal is a 2,500-encounter demo journal (about 1.5 MB), reused
across kills: a kill that damaged it would show in every later round.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson

from journal.demo import build_document
from journal.store import Store
from tests.loops import count as loop_count
from tests.adversarial.figures import count, detail

CHILD = Path(__file__).parent / "app_child.py"
KILLS = loop_count(7, 30)
EARLY = loop_count(2, 4)  # kills while the app is still starting (opening the journal, mounting)
IN_SAVE = loop_count(4, 14)  # kills within 40 ms of ctrl+s, when the store writes the file
MAX_DELAY = 1.0  # the others: at any moment of the add loop (~1 s per save) after its first save


def wait_for_line(out: Path, line: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if out.exists() and f"{line}\n" in out.read_text(encoding="utf-8"):
            return
        time.sleep(0.005)
    raise AssertionError(f"the app child never wrote {line!r}: {out.read_text() if out.exists() else '(no output)'}")


def wait_for_ack(out: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not acknowledged(out):
        assert time.monotonic() < deadline, "the app child never acknowledged a save"
        time.sleep(0.005)


def acknowledged(out: Path) -> list[str]:
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    lines = text.split("\n")[:-1]  # a line without its newline was not acknowledged
    errors = [line for line in lines if line.startswith("error")]
    assert not errors, errors
    return [line for line in lines if line != "ready" and not line.startswith("saving")]


def test_sigkill_the_app_while_it_saves_never_loses_an_acknowledged_save(tmp_path, frozen_clock):
    journal = tmp_path / "journal" / "journal.json"
    journal.parent.mkdir()
    journal.write_bytes(orjson.dumps(build_document(encounters=2500, seed=11, now=frozen_clock)))
    size = journal.stat().st_size
    with Store(journal) as start:
        base = start.count()

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    plan = ["early"] * EARLY + ["in save"] * IN_SAVE + ["any time"] * (KILLS - EARLY - IN_SAVE)
    rng.shuffle(plan)
    zygote = subprocess.Popen(
        [sys.executable, str(CHILD), "zygote"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(tmp_path / "stderr.txt", "w"), text=True,
    )
    acked: set[str] = set()
    total = base
    landed_unacked = 0
    interrupted: set[str] = set()
    started = time.monotonic()
    try:
        assert zygote.stdout.readline() == "ready\n"
        for round_no, when in enumerate(plan, 1):
            out = tmp_path / f"acks-{round_no}.txt"
            zygote.stdin.write(f"run {journal} {out} r{round_no}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline().split()[1])
            if when == "early":
                time.sleep(rng.uniform(0, 0.4))
            elif when == "in save":
                wait_for_line(out, f"saving {rng.choice([0, 0, 1])}")
                time.sleep(rng.uniform(0, 0.04))
            else:
                wait_for_ack(out)
                time.sleep(rng.uniform(0, MAX_DELAY))
            os.kill(pid, signal.SIGKILL)
            word, exited, status = zygote.stdout.readline().split()
            assert (word, int(exited)) == ("exit", pid)
            status = int(status)
            context = f"round {round_no} (seed {seed})"
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"{context}: ended by itself"

            these = acknowledged(out)
            interrupted |= {p.name for p in journal.parent.glob(".journal.json.*.tmp")}
            with Store(journal) as fresh:  # it loads, or this raises
                ids = {e.id for e in fresh.encounters()}
                people = {p.id for p in fresh.people()}
                assert all(set(e.people) <= people for e in fresh.encounters()), context
            missing = (set(these) | acked) - ids
            assert not missing, f"{context}: acknowledged saves lost: {sorted(missing)}"
            extra = len(ids) - total - len(these)
            assert extra in (0, 1), f"{context}: {len(these)} acknowledged but {len(ids) - total} new"
            landed_unacked += extra
            acked |= set(these)
            total = len(ids)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    elapsed = time.monotonic() - started
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Traceback" not in stderr, stderr[-3000:]
    assert len(acked) >= plan.count("any time"), "every round killed at any time had a save acknowledged"
    assert total == base + len(acked) + landed_unacked
    count("crash loop: SIGKILLs of the running app survived", KILLS)
    count("crash loop: saves acknowledged by the app, all present", len(acked))
    detail("crash loop", {
        "kills": KILLS, "during start-up": EARLY, "within a save": IN_SAVE, "journal MB": round(size / 1e6, 1),
        "acknowledged": len(acked), "unacknowledged that landed": landed_unacked,
        "writes interrupted (temp file left)": len(interrupted), "seconds": round(elapsed, 1), "seed": seed,
    })
