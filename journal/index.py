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
        # Search text: every encounter's folded text plus b"\n", in the order
        # of self.sorted, in one buffer; _starts[i] is where encounter i begins.
        # UTF-8 bytes, because one emoji would make a str four bytes a character.
        self._blob: bytearray | None = None
        self._starts: list[int] = []
        self._follow_ups: tuple[list[Encounter], list[date]] | None = None
        self._undated: list[Encounter] | None = None
        # Bumped on every change, so that derived caches can tell they are stale.
        self.version = 0
        # Bumped on every change to what the search text holds (names included),
        # so that a search text folded off the main thread is not installed stale.
        self._text_token = 0

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
        if self._blob is not None:
            # Splice rather than rebuild: folding the whole journal again would
            # cost a second at 50,000 encounters. A new encounter is usually the
            # newest, an append with nothing to shift.
            key = self._search_key(encounter)
            position = self._starts[at] if at < len(self._starts) else len(self._blob)
            self._blob[position:position] = key
            self._starts.insert(at, position)
            self._shift_starts(at + 1, len(key))
        self._changed()

    def _shift_starts(self, first: int, delta: int) -> None:
        starts = self._starts
        if first < len(starts):
            starts[first:] = [start + delta for start in starts[first:]]

    def remove(self, encounter: Encounter) -> None:
        stamp = _ts(encounter)
        at = bisect.bisect_left(self.timestamps, stamp)
        while self.sorted[at].id != encounter.id:
            at += 1
        del self.sorted[at]
        del self.timestamps[at]
        if self._blob is not None:
            start, end = self._span(at)
            del self._blob[start:end]
            del self._starts[at]
            self._shift_starts(at, start - end)
        for pid in encounter.people:
            mine = self.by_person.get(pid, [])
            for i, other in enumerate(mine):
                if other.id == encounter.id:
                    del mine[i]
                    break
            if not mine:
                self.by_person.pop(pid, None)
        self._changed()

    def people_renamed(self) -> None:
        self._blob = None  # names are in the search text
        self._text_token += 1

    def _changed(self) -> None:
        self._follow_ups = None
        self._undated = None
        self.version += 1
        self._text_token += 1

    # ------------------------------------------------------------ queries
    def between(self, start: float, end: float) -> list[Encounter]:
        lo = bisect.bisect_left(self.timestamps, start)
        hi = bisect.bisect_left(self.timestamps, end)
        return self.sorted[lo:hi]

    def search_text(self) -> tuple[bytes, list[int]]:
        """The joined search text and where each encounter's part starts (oldest first)."""
        self._ensure_text()
        return bytes(self._blob), list(self._starts)

    def _ensure_text(self) -> None:
        if self._blob is None:
            self._blob, self._starts = self._fold_all(self.sorted)

    def _fold_all(self, encounters: list[Encounter], stop: Callable[[], bool] = lambda: False):
        # Appended one part at a time: a list of parts and their join would
        # hold the text three times over at the peak.
        blob, starts = bytearray(), []
        for n, encounter in enumerate(encounters):
            if n % 200 == 0 and stop():
                return None
            starts.append(len(blob))
            blob += self._search_key(encounter)
        return blob, starts

    def search_warmup(self) -> "SearchWarmup | None":
        """What a background thread needs to fold the search text; None if it is built."""
        if self._blob is not None:
            return None
        return SearchWarmup(self, list(self.sorted), self._text_token)

    def _install(self, token: int, folded) -> bool:
        if folded is None or token != self._text_token or self._blob is not None:
            return False
        self._blob, self._starts = folded
        return True

    def _span(self, at: int) -> tuple[int, int]:
        end = self._starts[at + 1] if at + 1 < len(self._starts) else len(self._blob)
        return self._starts[at], end

    def search(self, words: list[str], limit: int | None = None) -> list[Encounter]:
        """Newest first, the encounters whose search text holds every folded word.

        The longest word is found by bytearray.rfind, from the newest end, at C
        speed instead of a Python test per encounter; the other words are
        checked on the hits only. UTF-8 is self-synchronising, so a word's bytes
        only match at character boundaries, and no word holds the b"\n" that
        ends each part, so no match spans two encounters.
        """
        self._ensure_text()  # not search_text(): its copies would double the text at the peak
        blob, starts = self._blob, self._starts
        encoded = [w.encode("utf-8") for w in words]
        anchor = max(encoded, key=len)
        others = [w for w in encoded if w is not anchor]
        found: list[Encounter] = []
        end = len(blob)
        while True:
            hit = blob.rfind(anchor, 0, end)
            if hit == -1:
                break
            at = bisect.bisect_right(starts, hit) - 1
            start, stop = self._span(at)
            if not others or all(blob.find(w, start, stop) != -1 for w in others):
                found.append(self.sorted[at])
                if limit is not None and len(found) >= limit:
                    break
            end = start
        return found

    def _search_key(self, e: Encounter) -> bytes:
        names = (self._person_name(pid) for pid in e.people)
        return fold(" ".join([
            e.notes, e.place, e.setting, e.learned, e.gave, e.asked,
            " ".join("#" + t for t in e.topics),
            " ".join(n for n in names if n),
        ])).encode("utf-8") + b"\n"

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


    def open_undated_follow_ups(self) -> list[Encounter]:
        """Encounters with an open follow-up that has no due date, oldest first."""
        if self._undated is None:
            self._undated = [
                e for e in self.sorted
                if e.follow_up is not None and e.follow_up.due is None and e.follow_up.is_open
            ]
        return self._undated


class SearchWarmup:
    """The search text, folded off the main thread and installed on it.

    Folding every encounter's text is the one slow step of the first search
    (a second at 50,000 encounters), so the app does it in a thread after it
    starts. `build` only reads: a snapshot of the sorted list, and people's
    names through the index's lookup (dict reads, safe beside the main thread).
    `install`, on the main thread, keeps the result only if nothing that the
    search text holds changed meanwhile; otherwise the next search folds again.
    """

    def __init__(self, index: EncounterIndex, encounters: list[Encounter], token: int):
        self._index = index
        self._encounters = encounters
        self._token = token
        self._folded = None

    def build(self, stop: Callable[[], bool] = lambda: False) -> bool:
        """Fold everything (in any thread); False if `stop` said to give up."""
        self._folded = self._index._fold_all(self._encounters, stop)
        self._encounters = []
        return self._folded is not None

    def install(self) -> bool:
        """Make the search use what build folded (main thread); False if it is stale."""
        installed = self._index._install(self._token, self._folded)
        self._folded = None
        return installed
