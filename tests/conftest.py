"""Shared fixtures: a fresh journal per test and a frozen clock.

The clock is frozen at Friday 2026-11-27 15:00 in Europe/Paris (TZ is set for
the whole test process, so `tzlocal()` is Paris, DST rules included).
"""
from __future__ import annotations

import os
import time
from datetime import datetime

import pytest

os.environ["TZ"] = "Europe/Paris"
time.tzset()

from journal import clock  # noqa: E402  (after TZ is set)

FROZEN_NOW = "2026-11-27T15:00:00+01:00"


@pytest.fixture(autouse=True)
def fresh_write_path_memory(monkeypatch):
    """What journal.durable learnt about a device (no swap, no leases) stays with its test."""
    import journal.durable

    monkeypatch.setattr(journal.durable, "_NO_SPARE_DEVICES", set())


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setenv("NETJOURNAL_NOW", FROZEN_NOW)
    clock.set_now(None)
    yield datetime.fromisoformat(FROZEN_NOW).astimezone(clock.local_zone())
    clock.set_now(None)


@pytest.fixture
def journal_path(tmp_path, monkeypatch):
    path = tmp_path / "journal" / "journal.json"
    monkeypatch.setenv("NETJOURNAL_FILE", str(path))
    return path


@pytest.fixture
def store(journal_path):
    from journal.store import Store

    with Store(journal_path) as s:
        yield s


@pytest.fixture(autouse=True)
def every_save_checked_byte_for_byte(monkeypatch):
    """Every save of the test's own process, cut into batches of two, is checked against its data.

    A save reuses the bytes of the batches it did not change (journal.pieces.Layout);
    a change it failed to notice would be lost without a trace. With batches of two
    documents, every test that saves a few records exercises the reuse, and any save
    that writes other bytes than orjson.dumps of its data fails the test.
    """
    import orjson

    import journal.pieces
    import journal.storage

    monkeypatch.setattr(journal.pieces, "DOCUMENTS_PER_PIECE", 2)
    monkeypatch.setattr(journal.pieces, "SPLIT_ABOVE", 2)
    write = journal.storage.SafeJSONStorage.write

    def checked(self, data):
        write(self, data)
        if self._batch_depth or not all(type(table) is dict for table in data.values()):
            return  # not written yet, or a table left unread (tests/test_unread.py checks those)
        assert self.path.read_bytes() == orjson.dumps(data), f"a save wrote other bytes than its data: {self.path}"

    checked.unchecked = write  # for a test where another program replaces the file on purpose
    monkeypatch.setattr(journal.storage.SafeJSONStorage, "write", checked)
