"""The one source of "now" for the journal and the app.

Tests, screenshots and the benchmark freeze time through `set_now` or the
NETJOURNAL_NOW environment variable (ISO 8601), so that a subprocess started
by a test sees the same frozen clock as the test itself.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timezone

_override: Callable[[], datetime] | None = None


def local_zone():
    # tzlocal follows DST transitions, unlike datetime.now().astimezone().tzinfo,
    # which is a fixed offset and would be wrong for "yesterday" across a change.
    # Imported here: dateutil.tz costs about 30 ms to import (its zone database
    # support loads importlib.resources), and `netjournal add` of an encounter
    # happening now does not need it (see now_here).
    from dateutil import tz

    return tz.tzlocal()


def _frozen() -> bool:
    return _override is not None or bool(os.environ.get("NETJOURNAL_NOW"))


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


def now_here() -> datetime:
    """Now, in the local UTC offset of this instant (a fixed offset).

    It is now() for anything that records the moment: the same instant, the
    same offset, the same text once saved. Arithmetic across a DST change
    ("yesterday 18:30") needs now(), whose zone follows the change.
    """
    if _frozen():
        return now()
    return datetime.now(timezone.utc).astimezone()


def utc_now() -> datetime:
    if _frozen():
        return now().astimezone(timezone.utc)
    return datetime.now(timezone.utc)


def today() -> date:
    if _frozen():
        return now().date()
    return date.today()  # the local date, as now().date(), from the C library


def set_now(fn: Callable[[], datetime] | None) -> None:
    """Freeze (or with None, unfreeze) the clock for this process."""
    global _override
    _override = fn


def utc_stamp() -> str:
    return utc_now().isoformat(timespec="seconds")
