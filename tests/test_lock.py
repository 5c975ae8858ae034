"""The journal's lock (journal/lock.py): one writer at a time, across processes and threads."""
from __future__ import annotations

import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from journal import clock
from journal.errors import SaveError
from journal.lock import JournalLock, LockTimeout
from journal.models import EncounterDraft
from journal.store import Store

HOLD_LOCK = Path(__file__).parent / "helpers" / "hold_lock.py"


def draft(notes: str) -> EncounterDraft:
    return EncounterDraft(when=clock.now() - timedelta(hours=1), who=["Ana Souza"], notes=notes)


def holder(lock_file: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(HOLD_LOCK), str(lock_file)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "locked\n"
    return process


def test_nested_holds_in_one_thread_are_one_lock_released_by_the_last(tmp_path):
    lock = JournalLock(str(tmp_path / "j.lock"), timeout=0.2)
    other = JournalLock(str(tmp_path / "j.lock"), timeout=0.2)  # another open file: as another process
    with lock:
        with lock:
            pass
        with pytest.raises(LockTimeout):
            other.acquire()
    other.acquire()
    other.release()


def test_another_thread_waits_for_the_holder(tmp_path):
    lock = JournalLock(str(tmp_path / "j.lock"), timeout=0.2)
    outcome = []

    def second() -> None:
        try:
            lock.acquire()
        except LockTimeout:
            outcome.append("timed out")
        else:
            outcome.append("acquired")
            lock.release()

    with lock:
        thread = threading.Thread(target=second)
        thread.start()
        thread.join()
    assert outcome == ["timed out"]  # not let in by the holder's count
    thread = threading.Thread(target=second)
    thread.start()
    thread.join()
    assert outcome == ["timed out", "acquired"]


def test_a_killed_holder_leaves_the_journal_free(journal_path):
    journal_path.parent.mkdir(parents=True)
    process = holder(Path(str(journal_path) + ".lock"))
    process.kill()
    process.wait(timeout=10)
    with Store(journal_path, lock_timeout=1) as store:
        store.add_encounter(draft("after the crash"))
        assert [e.notes for e in store.encounters()] == ["after the crash"]


def test_a_symlink_planted_as_the_lock_file_is_not_followed(journal_path, tmp_path):
    journal_path.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    Path(str(journal_path) + ".lock").symlink_to(elsewhere)
    with Store(journal_path) as store:
        with pytest.raises(SaveError, match="Could not lock the journal"):
            store.add_encounter(draft("one"))
    assert not elsewhere.exists()
    assert not journal_path.exists()
