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
