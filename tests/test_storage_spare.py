"""Saving through the spare: the journal's previous version, rewritten from its
first difference and swapped in atomically (journal.durable.write_journal).

What matters to the user: after every save the journal is exactly the new
version, whatever the spare held before (nothing, a torn write, a longer or
shorter file, a link to something else), and nothing outside the journal's
own two files is ever written.
"""
from __future__ import annotations

import os
import stat
from datetime import timedelta
from types import SimpleNamespace

import orjson
import pytest

import journal.durable
import journal.storage
from journal import clock
from journal.models import EncounterDraft
from journal.durable import spare_path
from journal.storage import SafeJSONStorage
from journal.store import Store


def draft(notes: str, who=("Ana Souza",)) -> EncounterDraft:
    return EncounterDraft(when=clock.now() - timedelta(hours=1), who=list(who), notes=notes)


def notes_on_disk(path) -> list[str]:
    with Store(path) as fresh:
        return sorted(e.notes for e in fresh.encounters())


def test_each_save_swaps_in_the_new_version_and_keeps_the_previous_as_spare(store):
    store.add_encounter(draft("first"))  # a new journal: written through a temp file
    assert not spare_path(store.path).exists()
    for n in range(2, 6):
        before = store.path.read_bytes()
        inode = store.path.stat().st_ino
        store.add_encounter(draft(f"note {n}"))
        spare = spare_path(store.path)
        assert spare.read_bytes() == before
        assert spare.stat().st_ino == inode  # swapped, not copied
        assert stat.S_IMODE(spare.stat().st_mode) == 0o600
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert notes_on_disk(store.path) == ["first", "note 2", "note 3", "note 4", "note 5"]


@pytest.mark.parametrize(
    "spare_content",
    [
        b"",
        b'{"encounters": {"1": ',  # a torn write
        b"\x00" * 100_000,  # longer than the journal
        b"{",  # shorter
        None,  # the journal's current bytes, with its last byte changed
    ],
    ids=["empty", "torn", "longer", "shorter", "almost-the-same"],
)
def test_whatever_the_spare_holds_the_journal_ends_up_exact(store, spare_content):
    for n in range(3):
        store.add_encounter(draft(f"note {n}"))
    spare = spare_path(store.path)
    if spare_content is None:
        current = store.path.read_bytes()
        spare_content = current[:-1] + b" "
    spare.write_bytes(spare_content)
    store.add_encounter(draft("after", ["Zed Newcomer"]))
    on_disk = store.path.read_bytes()
    assert on_disk == orjson.dumps(store._storage.read())
    assert notes_on_disk(store.path) == ["after", "note 0", "note 1", "note 2"]


def test_a_spare_that_is_a_symlink_or_a_hard_link_is_replaced_not_followed(store, tmp_path):
    store.add_encounter(draft("first"))
    store.add_encounter(draft("second"))
    spare = spare_path(store.path)
    outside = tmp_path / "someone-elses-file.txt"
    outside.write_bytes(b"do not touch")
    spare.unlink()
    spare.symlink_to(outside)
    store.add_encounter(draft("third"))
    assert outside.read_bytes() == b"do not touch"

    spare.unlink()
    os.link(outside, spare)
    store.add_encounter(draft("fourth"))
    assert outside.read_bytes() == b"do not touch"
    assert not spare.is_symlink() and spare.stat().st_nlink == 1
    assert notes_on_disk(store.path) == ["first", "fourth", "second", "third"]


def test_a_spare_readable_by_others_is_made_private_again(store):
    store.add_encounter(draft("first"))
    store.add_encounter(draft("second"))
    spare = spare_path(store.path)
    os.chmod(spare, 0o644)
    store.add_encounter(draft("third"))
    # The old spare is now the journal: both files are private.
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(spare.stat().st_mode) == 0o600


def test_a_system_that_cannot_swap_files_saves_through_a_temp_file(store, monkeypatch):
    def unsupported(first, second):
        raise journal.durable.ExchangeUnsupported()

    store.add_encounter(draft("first"))
    monkeypatch.setattr(journal.durable, "exchange_paths", unsupported)
    store.add_encounter(draft("second"))
    store.add_encounter(draft("third"))
    assert not spare_path(store.path).exists()  # the rewritten spare is not left behind
    assert notes_on_disk(store.path) == ["first", "second", "third"]


def test_without_renameat2_no_spare_is_ever_made(store, monkeypatch):
    monkeypatch.setattr(journal.durable, "_renameat2", None)
    for n in range(3):
        store.add_encounter(draft(f"note {n}"))
    assert sorted(p.name for p in store.path.parent.iterdir() if p.is_file()) == ["journal.json", "journal.json.lock"]


def test_a_read_that_overlaps_a_save_is_read_again(store, monkeypatch):
    """A reader whose file changes while it reads does not keep what it read."""
    store.add_encounter(draft("first"))
    real_fstat = os.fstat
    calls = 0

    def changing_fstat(fd):
        nonlocal calls
        calls += 1
        info = real_fstat(fd)
        if calls == 2:  # the check after the first read: as if a save had landed meanwhile
            return SimpleNamespace(st_mtime_ns=info.st_mtime_ns + 1, st_ctime_ns=info.st_ctime_ns,
                                   st_size=info.st_size, st_ino=info.st_ino)
        return info

    fake_os = type(os)("os")
    fake_os.__dict__.update(vars(os))
    fake_os.fstat = changing_fstat
    monkeypatch.setattr(journal.storage, "os", fake_os)
    storage = SafeJSONStorage(store.path)
    data = storage.read()
    assert calls == 4  # two reads, each between two fstats
    assert storage._signature == journal.storage._signature(os.stat(store.path))
    assert [e["notes"] for e in data["encounters"].values()] == ["first"]


def test_a_program_still_reading_an_old_journal_never_sees_it_rewritten(store):
    """A slow reader (an upload, a backup) keeps the version it opened, whole."""
    store.add_encounter(draft("first"))
    store.add_encounter(draft("second"))
    with open(store.path, "rb") as reader:  # opened as the journal...
        opened = reader.read(10)
        store.add_encounter(draft("third"))  # ...now the spare
        store.add_encounter(draft("fourth"))  # would rewrite it: someone has it open
        rest = reader.read()
    whole = orjson.loads(opened + rest)
    assert sorted(e["notes"] for e in whole["encounters"].values()) == ["first", "second"]
    assert notes_on_disk(store.path) == ["first", "fourth", "second", "third"]
    store.add_encounter(draft("fifth"))  # nobody holds the spare now: it is used again
    assert notes_on_disk(store.path) == ["fifth", "first", "fourth", "second", "third"]


def test_a_device_that_cannot_swap_is_remembered(store, monkeypatch):
    calls = []

    def unsupported(first, second):
        calls.append(first)
        raise journal.durable.ExchangeUnsupported()

    store.add_encounter(draft("first"))
    monkeypatch.setattr(journal.durable, "exchange_paths", unsupported)
    for n in range(3):
        store.add_encounter(draft(f"note {n}"))
    assert len(calls) == 1  # the spare was not rewritten only to be thrown away again
    assert notes_on_disk(store.path) == ["first", "note 0", "note 1", "note 2"]
