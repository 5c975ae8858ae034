"""Pure computations over encounters, shared by the store, the app and the review."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import dates_out
from .credit import ASKED, GAVE, credited
from .models import Encounter, Person


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with a conversation, ending today.

    A streak that ended yesterday is still alive (today is not over yet), so
    it counts back from yesterday when today has nothing yet.
    """
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count


@dataclass
class PersonSummary:
    person: Person
    encounters: list[Encounter] = field(default_factory=list)  # newest first
    introduced_by: Person | None = None
    introduced: list[Person] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.encounters)

    @property
    def first_met(self) -> datetime | None:
        return self.encounters[-1].when if self.encounters else None

    @property
    def last_seen(self) -> datetime | None:
        return self.encounters[0].when if self.encounters else None

    @property
    def gave(self) -> int:
        """Gives that count for this person: to them, or to everyone present (journal.credit)."""
        return sum(1 for e in self.encounters if self.person.id in credited(e, GAVE))

    @property
    def asked(self) -> int:
        return sum(1 for e in self.encounters if self.person.id in credited(e, ASKED))

    @property
    def open_follow_ups(self) -> list[Encounter]:
        return [e for e in self.encounters if e.has_open_follow_up]

    @property
    def top_topics(self) -> list[str]:
        counts = Counter(t for e in self.encounters for t in e.topics)
        return [t for t, _ in counts.most_common(8)]


def days_since(moment: datetime | None, today: date) -> int | None:
    return None if moment is None else (today - moment.date()).days


def one_line(encounter: Encounter, names: list[str]) -> str:
    """A plain-text summary: when, who, where (setting), first line of the notes."""
    parts = [dates_out.summary_day_time(encounter.when)]
    if names:
        parts.append(", ".join(names))
    if encounter.place or encounter.setting:
        where = encounter.place
        if encounter.setting:
            where = f"{where} ({encounter.setting})" if where else encounter.setting
        parts.append(where)
    first = encounter.notes.strip().split("\n", 1)[0]
    if first:
        parts.append(first if len(first) <= 60 else first[:59] + "…")
    return " · ".join(parts)
