"""What happens when saving goes wrong, or the file cannot be read.

Full disk and I/O errors are injected into journal.durable's own `os`
(a copy of the module, so pytest and the lock keep the real one); the lock is
held by a real second process. Every failure must leave the journal file byte
for byte as it was, no temp file behind, and a Store that still works.
"""
from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import subprocess
import sys
import types
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

import journal.durable
import journal.storage
from journal import clock
from journal.errors import SaveError, UnreadableJournalError
from journal.models import EncounterDraft
from journal.storage import BACKUPS_KEPT, list_backups
from journal.store import Store
from tui.cli import main

# Every test here runs twice: without any platform special case, and with macOS's (conftest).
pytestmark = pytest.mark.usefixtures("platform_quirks")

HELPERS = Path(__file__).parent / "helpers"
NETJOURNAL = Path(sys.executable).parent / "netjournal"


def draft(notes: str, who: list[str] = ()) -> EncounterDraft:
    return EncounterDraft(when=clock.now() - timedelta(hours=1), who=list(who), notes=notes)


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class Faults:
    """Makes one os function, or the backup's copy, fail inside journal.durable only."""

    def __init__(self, monkeypatch):
        self._monkeypatch = monkeypatch
        self.fake = types.ModuleType("os")
        self.fake.__dict__.update(vars(os))
        monkeypatch.setattr(journal.durable, "os", self.fake)
        self.fake_shutil = types.ModuleType("shutil")
        self.fake_shutil.__dict__.update(vars(shutil))
        monkeypatch.setattr(journal.durable, "shutil", self.fake_shutil)

    def fail(self, name: str, code: int, after: int = 0) -> None:
        """Let `after` calls of os.<name> (or "copy", the backup's copy) through, then raise OSError(code)."""
        real = shutil.copyfileobj if name == "copy" else getattr(os, name)
        calls = 0

        def broken(*args, **kwargs):
            nonlocal calls
            calls += 1
            if calls > after:
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        setattr(self.fake_shutil if name == "copy" else self.fake, "copyfileobj" if name == "copy" else name, broken)

    def short_writes_then(self, code: int) -> None:
        """os.write writes part of its buffer once, then the disk is full."""
        real = os.write
        calls = 0

        def partial(fd, data):
            nonlocal calls
            calls += 1
            if calls == 1:
                return real(fd, bytes(data[: max(1, len(data) // 3)]))
            raise OSError(code, os.strerror(code))

        self.fake.write = partial

    def heal(self) -> None:
        self.fake.__dict__.update(vars(os))
        self.fake_shutil.__dict__.update(vars(shutil))


@pytest.fixture
def faults(monkeypatch):
    return Faults(monkeypatch)


# Every write is a temp file, fsynced and renamed over its target: the
# journal's, and the daily backup's (a copy of the file).
INJECTIONS = [
    ("write", errno.ENOSPC),
    ("write", errno.EIO),
    ("fsync", errno.ENOSPC),
    ("fsync", errno.EIO),
    ("replace", errno.ENOSPC),
    ("replace", errno.EIO),
]
BACKUP_INJECTIONS = [("copy", errno.ENOSPC), ("copy", errno.EIO)] + INJECTIONS[2:]


def assert_failed_cleanly(store: Store, before: bytes, info, code: int) -> None:
    message = str(info.value)
    assert os.strerror(code) in message
    assert "unchanged" in message
    assert store.path.read_bytes() == before
    assert temp_files(store.path.parent) == []


# ----------------------------------------------------------- full disk, EIO
@pytest.mark.parametrize(("name", "code"), INJECTIONS)
def test_fault_while_writing_the_journal(store, faults, name, code):
    store.add_encounter(draft("first", ["Ana Souza"]))
    store.add_encounter(draft("second"))  # today's backup now exists, so the next write is the journal's
    assert len(list_backups(store.path)) == 1
    before = store.path.read_bytes()

    faults.fail(name, code)
    with pytest.raises(SaveError) as info:
        store.add_encounter(draft("lost", ["Zed Newcomer", "Ana"]))
    assert_failed_cleanly(store, before, info, code)
    # The store forgot the failed change, including the person it would have created.
    assert sorted(e.notes for e in store.encounters()) == ["first", "second"]
    assert [p.name for p in store.people()] == ["Ana Souza"]
    assert store.match_person("Zed Newcomer").is_new

    faults.heal()
    later = store.add_encounter(draft("later", ["Zed Newcomer"]))
    assert [p.name for p in later.created_people] == ["Zed Newcomer"]
    with Store(store.path) as fresh:
        assert sorted(e.notes for e in fresh.encounters()) == ["first", "later", "second"]
        assert sorted(p.name for p in fresh.people()) == ["Ana Souza", "Zed Newcomer"]


@pytest.mark.parametrize(("name", "code"), BACKUP_INJECTIONS)
def test_fault_while_writing_the_daily_backup(store, faults, name, code):
    store.add_encounter(draft("first"))  # a new file: nothing to back up yet
    assert list_backups(store.path) == []
    before = store.path.read_bytes()

    faults.fail(name, code)  # the next save starts by backing the file up
    with pytest.raises(SaveError) as info:
        store.add_encounter(draft("lost"))
    assert_failed_cleanly(store, before, info, code)
    assert list_backups(store.path) == []
    assert [e.notes for e in store.encounters()] == ["first"]

    faults.heal()
    store.add_encounter(draft("later"))
    (backup,) = list_backups(store.path)
    assert backup.read_bytes() == before
    assert sorted(e.notes for e in Store(store.path).encounters()) == ["first", "later"]


def test_folder_fsync_failing_after_the_replace_is_not_a_failed_save(store, faults):
    store.add_encounter(draft("first"))
    store.add_encounter(draft("second"))
    # The fsyncs of a save: the temp file, then the folder after the rename.
    # By then the new file is in place, so "nothing was saved" would be a lie
    # and retrying would save the encounter twice.
    faults.fail("fsync", errno.EIO, after=1)
    added = store.add_encounter(draft("third")).encounter
    faults.heal()
    assert [e.notes for e in Store(store.path).encounters()].count("third") == 1
    assert store.encounter(added.id).notes == "third"
    assert temp_files(store.path.parent) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_short_write_then_full_disk(store, faults, code):
    for n in range(30):  # large enough that the write is split
        store.add_encounter(draft(f"note {n} " + "x" * 200))
    before = store.path.read_bytes()
    faults.short_writes_then(code)
    with pytest.raises(SaveError) as info:
        store.add_encounter(draft("lost"))
    assert_failed_cleanly(store, before, info, code)
    faults.heal()
    store.add_encounter(draft("later"))
    assert len(Store(store.path).encounters()) == 31


def test_failed_delete_and_update_keep_the_record(store, faults):
    kept = store.add_encounter(draft("keep me", ["Ana Souza"])).encounter
    store.add_encounter(draft("second"))
    before = store.path.read_bytes()
    faults.fail("replace", errno.EIO)
    with pytest.raises(SaveError):
        store.delete_encounter(kept.id)
    assert store.encounter(kept.id).to_dict() == kept.to_dict()
    with pytest.raises(SaveError):
        store.update_encounter(kept.id, draft("changed"))
    assert store.encounter(kept.id).notes == "keep me"
    ana = store.match_person("Ana").person_ids[0]
    with pytest.raises(SaveError):
        store.update_person(ana, organisation="Padaria")
    assert store.person(ana).organisation == ""
    with pytest.raises(SaveError):
        store.save_reflection("2026-W48", "lost")
    assert store.reflection("2026-W48") == ""
    assert store.path.read_bytes() == before
    assert temp_files(store.path.parent) == []


def test_first_save_failing_leaves_no_file(journal_path, faults):
    store = Store(journal_path)
    faults.fail("fsync", errno.ENOSPC)
    with pytest.raises(SaveError):
        store.add_encounter(draft("lost"))
    assert not journal_path.exists()
    assert temp_files(journal_path.parent) == []
    faults.heal()
    store.add_encounter(draft("later"))
    assert [e.notes for e in Store(journal_path).encounters()] == ["later"]


def test_cli_reports_a_failed_save_with_exit_1(journal_path, faults):
    assert main(["add", "first"], out=io.StringIO(), err=io.StringIO()) == 0
    main(["add", "second"], out=io.StringIO(), err=io.StringIO())
    before = journal_path.read_bytes()
    faults.fail("write", errno.ENOSPC)
    out, err = io.StringIO(), io.StringIO()
    assert main(["add", "lost"], out=out, err=err) == 1
    assert "No space left on device" in err.getvalue()
    assert out.getvalue() == ""
    assert journal_path.read_bytes() == before


# ---------------------------------------------------------------- the lock
@pytest.fixture
def hold_lock(journal_path):
    """Start a process that holds the journal's lock; returns it once it does."""
    holders = []

    def start() -> subprocess.Popen:
        journal_path.parent.mkdir(parents=True, exist_ok=True)
        holder = subprocess.Popen(
            [sys.executable, str(HELPERS / "hold_lock.py"), str(journal_path) + ".lock"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        holders.append(holder)
        assert holder.stdout.readline() == "locked\n"
        return holder

    yield start
    for holder in holders:
        if not holder.stdin.closed:
            holder.stdin.close()
        holder.wait(timeout=10)


def release(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    holder.wait(timeout=10)


def test_lock_held_by_another_process(journal_path, hold_lock):
    holder = hold_lock()
    with Store(journal_path) as first:
        store = Store(journal_path, lock_timeout=0.3)
        with pytest.raises(SaveError) as info:
            store.add_encounter(draft("blocked", ["Ana"]))
        message = str(info.value)
        assert "busy" in message
        assert str(journal_path) + ".lock" in message
        assert "0.3 s" in message
        assert "Nothing was saved" in message
        assert not journal_path.exists()
        assert store.people() == []

        release(holder)
        result = store.add_encounter(draft("after", ["Ana"]))
        assert first.refresh()
        assert [e.id for e in first.encounters()] == [result.encounter.id]


def test_lock_held_does_not_touch_an_existing_journal(store, hold_lock):
    store.add_encounter(draft("first"))
    before = store.path.read_bytes()
    holder = hold_lock()
    slow = Store(store.path, lock_timeout=0.2)
    with pytest.raises(SaveError):
        slow.add_encounter(draft("blocked"))
    assert store.path.read_bytes() == before
    assert [e.notes for e in slow.encounters()] == ["first"]
    release(holder)
    slow.add_encounter(draft("unblocked"))
    assert sorted(e.notes for e in store.encounters()) == ["first", "unblocked"]


# ------------------------------------------------------- unreadable files
UNREADABLE = {
    "bad JSON": (b'{"encounters": {"1": {"when": ', "not valid JSON"),
    "whitespace only": (b"  \n\t\n", "the file is empty"),
    "0 bytes": (b"", "the file is empty"),
    "JSON list": (b'[{"when": "2026-11-20"}]', "not a netjournal journal"),
    "JSON string": (b'"journal"', "not a netjournal journal"),
    "table not an object": (b'{"encounters": [1, 2]}', "not a netjournal journal"),
    "not UTF-8": (b"\xff\xfe\x00j\x00", "not valid JSON"),
    "schema 99": (b'{"meta": {"1": {"schema_version": 99}}}', "newer netjournal"),
    "a key written twice": (
        b'{"encounters": {"1": {"id": "a"}, "1": {"id": "b"}}, "meta": {"1": {"schema_version": 2}}}',
        "the key '1' is written twice",
    ),
    "a table written twice": (
        b'{"encounters": {}, "meta": {"1": {"schema_version": 2}}, "encounters": {}}',
        "the key 'encounters' is written twice",
    ),
    "nested 500 levels": (
        b'{"meta": {"1": {"schema_version": 2}}, "people": {"1": {"notes": ' + b"[" * 500 + b"]" * 500 + b"}}}",
        "nested too deeply",
    ),
    "a 5,000-digit key": (
        b'{"meta": {"1": {"schema_version": 2}}, "people": {"' + b"9" * 5000 + b'": {}}}',
        "not a plain document number",
    ),
    "a key that is not a number": (
        b'{"meta": {"x": {"schema_version": 2}}}',
        "not a plain document number",
    ),
    "a key with a leading zero": (
        b'{"meta": {"1": {"schema_version": 2}}, "people": {"05": {}, "5": {}}}',
        "not a plain document number",
    ),
}


def test_a_damaged_record_is_left_out_and_kept_as_it_is(journal_path):
    damaged = {"id": "x", "when": "yesterday-ish", "mine": [1, {"a": None}]}
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 2}}, "encounters": {"7": damaged}}))
    with Store(journal_path) as store:
        assert store.encounters() == []
        assert store.damaged_records() == [("encounters", "7", "its when 'yesterday-ish' is not a date and time")]
        added = store.add_encounter(draft("after", ["Ana"])).encounter
    on_disk = orjson.loads(journal_path.read_bytes())["encounters"]
    assert on_disk["7"] == damaged
    assert [doc["id"] for key, doc in on_disk.items() if key != "7"] == [added.id]


def write_unreadable(journal_path: Path, payload: bytes) -> None:
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    journal_path.write_bytes(payload)


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_store_refuses_an_unreadable_file(journal_path, case):
    payload, reason = UNREADABLE[case]
    write_unreadable(journal_path, payload)
    with pytest.raises(UnreadableJournalError) as info:
        Store(journal_path)
    assert info.value.path == journal_path
    assert reason in info.value.reason
    assert "backups" in str(info.value)  # says how to recover
    assert journal_path.read_bytes() == payload


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_cli_add_refuses_an_unreadable_file(journal_path, case):
    payload, reason = UNREADABLE[case]
    write_unreadable(journal_path, payload)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--journal", str(journal_path), "add", "--who", "Ana", "x"], out=out, err=err)
    assert code == 2
    assert str(journal_path) in err.getvalue()
    assert reason in err.getvalue()
    assert out.getvalue() == ""
    assert journal_path.read_bytes() == payload
    # Not even a backup, lock or temp file: nothing was attempted.
    assert [p.name for p in journal_path.parent.iterdir()] == ["journal.json"]


@pytest.mark.skipif(not NETJOURNAL.exists(), reason="the netjournal script is not installed in this environment")
def test_real_netjournal_command_refuses_an_unreadable_file(journal_path):
    payload = b'{"encounters": {'
    write_unreadable(journal_path, payload)
    proc = subprocess.run(
        [str(NETJOURNAL), "add", "--who", "Ana", "hello"],
        capture_output=True, text=True, timeout=60, env=dict(os.environ),
    )
    assert proc.returncode == 2, proc.stderr
    assert str(journal_path) in proc.stderr
    assert "not valid JSON" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert journal_path.read_bytes() == payload


def test_unreadable_without_read_permission(journal_path):
    payload = b'{"meta": {"1": {"schema_version": 2}}}'
    write_unreadable(journal_path, payload)
    journal_path.chmod(0)
    try:
        try:
            journal_path.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("this user can read a file with mode 000 (root): permission bits cannot be tested")
        err = io.StringIO()
        assert main(["--journal", str(journal_path), "add", "x"], out=io.StringIO(), err=err) == 2
        assert str(journal_path) in err.getvalue()
        assert "permission denied" in err.getvalue()
    finally:
        journal_path.chmod(0o600)
    assert journal_path.read_bytes() == payload


def test_unreadable_permission_error_simulated(journal_path, monkeypatch):
    # Runs even as root, where the test above is skipped.
    payload = b'{"meta": {"1": {"schema_version": 2}}}'
    write_unreadable(journal_path, payload)
    real = Path.open

    def denied(self, *args, **kwargs):
        if self == journal_path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    err = io.StringIO()
    assert main(["--journal", str(journal_path), "add", "x"], out=io.StringIO(), err=err) == 2
    assert str(journal_path) in err.getvalue()
    assert "permission denied" in err.getvalue()
    monkeypatch.undo()
    assert journal_path.read_bytes() == payload


def test_a_folder_where_the_journal_should_be(journal_path):
    journal_path.mkdir(parents=True)
    err = io.StringIO()
    assert main(["--journal", str(journal_path), "add", "x"], out=io.StringIO(), err=err) == 2
    assert "folder" in err.getvalue()
    assert list(journal_path.iterdir()) == []


# ------------------------------------------------------------- permissions
@pytest.fixture
def open_umask():
    # The most permissive umask: private modes must come from the code, not the umask.
    old = os.umask(0)
    yield
    os.umask(old)


def test_files_and_folders_are_private(journal_path, open_umask):
    assert not journal_path.parent.exists()
    store = Store(journal_path)
    store.add_encounter(draft("first"))
    store.add_encounter(draft("second"))  # backs up the first version
    assert mode(journal_path.parent) == 0o700
    assert mode(journal_path) == 0o600
    assert mode(Path(str(journal_path) + ".lock")) == 0o600
    backups = journal_path.parent / "backups"
    assert mode(backups) == 0o700
    (backup,) = list_backups(journal_path)
    assert mode(backup) == 0o600
    assert temp_files(journal_path.parent) == []


def test_an_existing_readable_journal_becomes_private(journal_path, open_umask):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(b'{"meta": {"1": {"schema_version": 2}}}')
    journal_path.chmod(0o644)
    Store(journal_path).add_encounter(draft("x"))
    assert mode(journal_path) == 0o600
    assert mode(list_backups(journal_path)[0]) == 0o600


# ------------------------------------------------------------ daily backups
def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=clock.local_zone())


def test_one_backup_per_day_of_the_file_before_that_days_first_save(journal_path):
    store = Store(journal_path)
    store.add_encounter(draft("day 1, first"))
    assert list_backups(journal_path) == []  # nothing existed to back up
    after_first = journal_path.read_bytes()
    store.add_encounter(draft("day 1, second"))
    store.add_encounter(draft("day 1, third"))
    end_of_day_1 = journal_path.read_bytes()
    assert [b.name for b in list_backups(journal_path)] == ["journal.json-2026-11-27.json"]

    clock.set_now(lambda: paris(2026, 11, 28, 10, 0))
    store.add_encounter(draft("day 2"))
    backups = list_backups(journal_path)
    assert [b.name for b in backups] == ["journal.json-2026-11-28.json", "journal.json-2026-11-27.json"]
    assert backups[0].read_bytes() == end_of_day_1
    assert backups[1].read_bytes() == after_first
    for backup in backups:
        assert mode(backup) == 0o600
    assert mode(journal_path.parent / "backups") == 0o700


def test_backups_keep_the_last_ten_days(journal_path):
    store = Store(journal_path)
    store.add_encounter(draft("creates the file"))
    first_day = paris(2026, 11, 27, 12, 0)
    for n in range(14):
        day = first_day + timedelta(days=n)
        clock.set_now(lambda day=day: day)
        store.add_encounter(draft(f"day {n}"))
    names = [b.name for b in list_backups(journal_path)]
    assert len(names) == BACKUPS_KEPT == 10
    expected = [f"journal.json-{(first_day + timedelta(days=n)).date().isoformat()}.json" for n in range(13, 3, -1)]
    assert names == expected
    assert names[0] == "journal.json-2026-12-10.json" and names[-1] == "journal.json-2026-12-01.json"
    # A file in backups/ that is not a daily backup is left alone.
    keep = journal_path.parent / "backups" / "before-the-move.json"
    keep.write_text("{}")
    clock.set_now(lambda: first_day + timedelta(days=20))
    store.add_encounter(draft("later"))
    assert keep.exists()
    assert len(list_backups(journal_path)) == 10


def test_temp_file_left_by_a_killed_writer_is_removed_at_the_next_save(store, journal_path):
    store.add_encounter(draft("first"))
    # What a writer killed between mkstemp and os.replace leaves behind.
    leftover = journal_path.parent / f".{journal_path.name}.abc123.tmp"
    leftover.write_bytes(b'{"half": ')
    with Store(journal_path) as other:
        other.add_encounter(draft("second"))
    assert temp_files(journal_path.parent) == []
    assert {e.notes for e in Store(journal_path).encounters()} == {"first", "second"}


def test_a_save_asks_for_a_full_sync_where_the_system_has_one(store, platform_quirks, request):
    store.add_encounter(draft("first"))
    store.add_encounter(draft("second"))  # a backup copy and a journal write
    if request.node.callspec.params["platform_quirks"] == "macOS-like":
        assert len(platform_quirks) >= 3  # the backup, the journal, and the folders after their renames
    else:
        assert platform_quirks == []
    assert sorted(e.notes for e in Store(store.path).encounters()) == ["first", "second"]


def test_a_symlinked_journal_is_written_through_its_link(tmp_path):
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "journal.json"
    link = tmp_path / "journal.json"
    link.symlink_to(target)
    with Store(link) as store:
        store.add_encounter(draft("first"))
        store.add_encounter(draft("second"))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert sorted(e.notes for e in Store(target).encounters()) == ["first", "second"]
    assert temp_files(tmp_path) == []


def test_what_the_previous_version_left_is_cleaned_by_the_next_save(journal_path):
    """A journal written by the last version opens; its next save drops the trailer and the spare."""
    journal_path.parent.mkdir(parents=True)
    old = {"meta": {"1": {"schema_version": 2}}, "people": {}, "opinions": {}, "reviews": {}, "encounters": {}, "layout": {}}
    journal_path.write_bytes(orjson.dumps(old))
    spare = journal_path.parent / ".journal.json.spare"
    spare.write_bytes(orjson.dumps(old))
    backup_tmp = journal_path.parent / "backups" / ".journal-2026-11-26.json.x1y2.tmp"
    backup_tmp.parent.mkdir()
    backup_tmp.write_bytes(b"{")
    with Store(journal_path) as store:
        assert store.encounters() == []
        store.add_encounter(draft("first"))
    assert "layout" not in orjson.loads(journal_path.read_bytes())
    assert not spare.exists() and not backup_tmp.exists()
