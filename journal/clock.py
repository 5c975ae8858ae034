"""The one source of "now", and of the local time zone, for the journal and the app.

Tests, screenshots and the benchmark freeze time through `set_now` or the
NETJOURNAL_NOW environment variable (ISO 8601), so that a subprocess started
by a test sees the same frozen clock as the test itself.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone, tzinfo

_override: Callable[[], datetime] | None = None


class SystemZone(tzinfo):
    """The process's local time zone, as the C library knows it (TZ, else /etc/localtime).

    Every offset comes from the C library's conversion of one instant
    (`datetime.astimezone()`, localtime), which reads the zone's whole table
    of transitions. So a past date in a zone whose rules changed gets the
    offset it had then (São Paulo, December 2018: -02:00), negative DST
    (Dublin's winter, Casablanca's Ramadan) is right, and "now", today's date
    and the review, which use the same C library, always agree with it.
    dateutil's tzlocal guessed from two offsets, standard and DST, and got
    each of those cases wrong.

    Wall times follow PEP 495: `fold` picks the first or second of a repeated
    time; a time skipped by a change gets the offset from before the change,
    so converting it moves it forward by the gap, as the clocks did.
    """

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        # CPython's naive astimezone() finds the instant of a wall time (fold
        # honoured) and returns it with the offset in force at that instant;
        # for a skipped time that is the offset from before the change.
        return dt.replace(tzinfo=None).astimezone().utcoffset()

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None  # the C library says whether, not by how much

    def tzname(self, dt: datetime | None) -> str | None:
        if dt is None:
            return None
        return dt.replace(tzinfo=None).astimezone().tzname()

    def fromutc(self, dt: datetime) -> datetime:
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        local = dt.replace(tzinfo=timezone.utc).astimezone()
        wall = local.replace(tzinfo=self)
        if wall.utcoffset() != local.utcoffset():
            wall = wall.replace(fold=1)  # the second time this wall-clock time came round
        return wall

    def __repr__(self) -> str:
        return "journal.clock.SystemZone()"

    def __reduce__(self):
        return local_zone, ()


_SYSTEM_ZONE = SystemZone()


def local_zone() -> SystemZone:
    """The local time zone, DST and past rule changes included (one object)."""
    return _SYSTEM_ZONE


def _frozen() -> bool:
    return _override is not None or bool(os.environ.get("NETJOURNAL_NOW"))


def now() -> datetime:
    if _override is not None:
        return _override()
    frozen = os.environ.get("NETJOURNAL_NOW")
    if frozen:
        value = datetime.fromisoformat(frozen)
        if value.tzinfo is None:
            return value.replace(tzinfo=_SYSTEM_ZONE)
        # The frozen instant on the local clock: "yesterday 18:30" must get
        # yesterday's offset, which a fixed offset from the text cannot give.
        return value.astimezone(_SYSTEM_ZONE)
    return datetime.now(_SYSTEM_ZONE)


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
