"""In-memory indexes over the encounters, kept current on every save.

Re-sorting 50,000 encounters after each save would cost more than the save
itself, so the store updates these indexes in place for its own changes and
rebuilds them only when another process changed the file. Times are kept as
float timestamps: comparing aware datetimes in different UTC offsets is slow.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from .models import Encounter
from .names import fold


def _ts(encounter: Encounter) -> float:
    return encounter.when.timestamp()


def _order(encounter: Encounter) -> tuple[float, str]:
    # The id breaks ties, so that in-place updates and a rebuild agree exactly.
    return (encounter.when.timestamp(), encounter.id)


class _Reversed(str):
    """A string that sorts backwards, for descending ties in a bisect key."""

    def __lt__(self, other):
        return str.__gt__(self, other)

    def __gt__(self, other):
        return str.__lt__(self, other)


class EncounterIndex:
    def __init__(self, encounters, person_name: Callable[[str], str | None]):
        self._person_name = person_name
        self.sorted: list[Encounter] = sorted(encounters, key=_order)  # oldest first
        self.timestamps: list[float] = [_ts(e) for e in self.sorted]
        by_person: dict[str, list[Encounter]] = defaultdict(list)
        for encounter in reversed(self.sorted):
            for pid in encounter.people:
                by_person[pid].append(encounter)
        self.by_person: dict[str, list[Encounter]] = dict(by_person)  # newest first
        # Keys are UTF-8 bytes: one emoji would make a str key, and the joined
        # blob, four bytes per character.
        self._search_keys: dict[str, bytes] | None = None
        self._blob: tuple[bytes, list[int], list[Encounter]] | None = None
        self._follow_ups: tuple[list[Encounter], list[date]] | None = None
        # Bumped on every change, so that derived caches can tell they are stale.
        self.version = 0

    # ------------------------------------------------------------ changes
    def add(self, encounter: Encounter) -> None:
        stamp = _ts(encounter)
        lo = bisect.bisect_left(self.timestamps, stamp)
        hi = bisect.bisect_right(self.timestamps, stamp)
        at = bisect.bisect_left(self.sorted, encounter.id, lo, hi, key=lambda e: e.id)
        self.sorted.insert(at, encounter)
        self.timestamps.insert(at, stamp)
        for pid in encounter.people:
            mine = self.by_person.setdefault(pid, [])
            # Newest first: descending (timestamp, id), the rebuild's order reversed.
            key = (-stamp, _Reversed(encounter.id))
            mine.insert(bisect.bisect_left(mine, key, key=lambda e: (-_ts(e), _Reversed(e.id))), encounter)
        if self._search_keys is not None:
            self._search_keys[encounter.id] = self._search_key(encounter)
        self._changed()

    def remove(self, encounter: Encounter) -> None:
        stamp = _ts(encounter)
        at = bisect.bisect_left(self.timestamps, stamp)
        while self.sorted[at].id != encounter.id:
            at += 1
        del self.sorted[at]
        del self.timestamps[at]
        for pid in encounter.people:
            mine = self.by_person.get(pid, [])
            for i, other in enumerate(mine):
                if other.id == encounter.id:
                    del mine[i]
                    break
            if not mine:
                self.by_person.pop(pid, None)
        if self._search_keys is not None:
            self._search_keys.pop(encounter.id, None)
        self._changed()

    def people_renamed(self) -> None:
        self._search_keys = None
        self._blob = None

    def _changed(self) -> None:
        self._follow_ups = None
        self._blob = None
        self.version += 1

    # ------------------------------------------------------------ queries
    def between(self, start: float, end: float) -> list[Encounter]:
        lo = bisect.bisect_left(self.timestamps, start)
        hi = bisect.bisect_left(self.timestamps, end)
        return self.sorted[lo:hi]

    def search_keys(self) -> dict[str, bytes]:
        if self._search_keys is None:
            self._search_keys = {e.id: self._search_key(e) for e in self.sorted}
        return self._search_keys

    def search(self, words: list[str], limit: int | None = None) -> list[Encounter]:
        """Newest first, the encounters whose search key holds every folded word.

        All keys are joined, newest first, into one string (rebuilt after a
        change), so the longest word is found by str.find at C speed instead of
        a Python test per encounter; the other words are checked on the hits.
        """
        if self._blob is None:
            newest = self.sorted[::-1]
            keys = self.search_keys()
            parts = [keys[e.id] for e in newest]
            starts, offset = [], 0
            for part in parts:
                starts.append(offset)
                offset += len(part) + 1
            self._blob = (b"\n".join(parts), starts, newest)
            del parts
        blob, starts, newest = self._blob
        encoded = [w.encode("utf-8") for w in words]
        # UTF-8 is self-synchronising: a word's bytes only match at character boundaries.
        anchor = max(encoded, key=len)
        others = [w for w in encoded if w is not anchor]
        found: list[Encounter] = []
        position = blob.find(anchor)
        while position != -1:
            at = bisect.bisect_right(starts, position) - 1
            end = starts[at + 1] - 1 if at + 1 < len(starts) else len(blob)
            if all(w in blob[starts[at]:end] for w in others):
                found.append(newest[at])
                if limit is not None and len(found) >= limit:
                    break
            position = blob.find(anchor, end + 1)
        return found

    def _search_key(self, e: Encounter) -> bytes:
        names = (self._person_name(pid) for pid in e.people)
        return fold(" ".join([
            e.notes, e.place, e.setting, e.learned, e.gave, e.asked,
            " ".join("#" + t for t in e.topics),
            " ".join(n for n in names if n),
        ])).encode("utf-8")

    def open_follow_ups(self) -> tuple[list[Encounter], list[date]]:
        """Encounters with an open, dated follow-up, by due date, and those dates."""
        if self._follow_ups is None:
            # Position in the oldest-first list breaks ties by time.
            found = sorted(
                (
                    (e.follow_up.due, i, e)
                    for i, e in enumerate(self.sorted)
                    if e.follow_up is not None and e.follow_up.due is not None and e.follow_up.is_open
                ),
                key=lambda row: row[:2],
            )
            self._follow_ups = ([row[2] for row in found], [row[0] for row in found])
        return self._follow_ups
