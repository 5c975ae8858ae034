"""The one source of "now" for the journal and the app.

Tests, screenshots and the benchmark freeze time through `set_now` or the
NETJOURNAL_NOW environment variable (ISO 8601), so that a subprocess started
by a test sees the same frozen clock as the test itself.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

from dateutil import tz

_override: Callable[[], datetime] | None = None


def local_zone():
    # tzlocal follows DST transitions, unlike datetime.now().astimezone().tzinfo,
    # which is a fixed offset and would be wrong for "yesterday" across a change.
    return tz.tzlocal()


def now() -> datetime:
    if _override is not None:
        return _override()
    frozen = os.environ.get("NETJOURNAL_NOW")
    if frozen:
        value = datetime.fromisoformat(frozen)
        if value.tzinfo is None:
            value = value.replace(tzinfo=local_zone())
        return value
    return datetime.now(local_zone())


def today() -> date:
    return now().date()


def set_now(fn: Callable[[], datetime] | None) -> None:
    """Freeze (or with None, unfreeze) the clock for this process."""
    global _override
    _override = fn


def utc_stamp() -> str:
    return now().astimezone(tz.UTC).isoformat(timespec="seconds")
