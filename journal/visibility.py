"""Visibility: what my network knows of what I do well (issue 18).

"Besides what you know, what others know of you is essential." My qualities
are a short list (the `me` record); an encounter records which of them I told
(`told`), and everyone present heard it. Nothing records bragging.

Everything here is a pure computation over the store's encounters, as of a day.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import LocalDays
from .models import Encounter, Person
from .names import fold

ACTIVE_DAYS = 90  # "my active network": people met in the last 90 days
FREQUENT = 3  # met at least this often in ACTIVE_DAYS: a frequent contact
TREND_WEEKS = 12


@dataclass
class QualityReach:
    quality: str
    known_by: list[tuple[Person, date]] = field(default_factory=list)  # since when, earliest first


@dataclass
class Breadth:
    organisations: Counter  # organisation -> conversations in the window
    interests: Counter  # interest -> conversations in the window

    @property
    def organisations_once(self) -> list[str]:
        return sorted((o for o, n in self.organisations.items() if n == 1), key=fold)

    @property
    def interests_once(self) -> list[str]:
        return sorted((i for i, n in self.interests.items() if n == 1), key=fold)


@dataclass
class Visibility:
    qualities: list[QualityReach]
    unaware_frequent: list[Person]  # met >= FREQUENT times in ACTIVE_DAYS, told nothing
    active: int  # people met in ACTIVE_DAYS
    aware: int  # of them, told at least one quality
    trend: list[tuple[date, float | None]]  # (week's last day, share aware), oldest first
    breadth: Breadth

    @property
    def share(self) -> float | None:
        return self.aware / self.active if self.active else None


def known_since(encounters: list[Encounter], qualities: list[str]) -> dict[str, dict[str, date]]:
    """quality -> {person id: the day they first heard it}."""
    wanted = {fold(q): q for q in qualities}
    known: dict[str, dict[str, date]] = {q: {} for q in qualities}
    for encounter in encounters:  # oldest first: the first day wins
        for told in encounter.told:
            quality = wanted.get(fold(told))
            if quality is None:
                continue
            for pid in encounter.people:
                known[quality].setdefault(pid, encounter.when.date())
    return known


def _window(store, day: date, days: int = ACTIVE_DAYS) -> list[Encounter]:
    """The encounters of the `days` days ending with `day` (local days)."""
    local = LocalDays()
    return store.between(local.midnight(day - timedelta(days=days - 1)), local.midnight(day + timedelta(days=1)))


def _active(store, day: date) -> Counter:
    return Counter(pid for e in _window(store, day) for pid in dict.fromkeys(e.people))


def unaware_frequent(store, day: date) -> list[Person]:
    """People met at least FREQUENT times in the ACTIVE_DAYS ending with `day` who were never told a quality."""
    people = {p.id: p for p in store.people()}
    aware = {pid for e in store.encounters() if e.told and e.when.date() <= day for pid in e.people}
    met = _active(store, day)
    return sorted(
        (people[pid] for pid, n in met.items() if n >= FREQUENT and pid not in aware and pid in people),
        key=lambda p: (-met[p.id], fold(p.name)),
    )


def compute_visibility(store, today: date) -> Visibility:
    people = {p.id: p for p in store.people()}
    encounters = store.encounters()
    qualities = store.me().qualities
    known = known_since([e for e in encounters if e.told], qualities)
    aware_ids = {pid for found in known.values() for pid in found}
    met = _active(store, today)
    trend = []
    for week in range(TREND_WEEKS - 1, -1, -1):
        day = today - timedelta(weeks=week)
        active = _active(store, day)
        if not active:
            trend.append((day, None))
            continue
        told_by_then = {pid for found in known.values() for pid, since in found.items() if since <= day}
        trend.append((day, len(set(active) & told_by_then) / len(active)))
    return Visibility(
        qualities=[
            QualityReach(q, sorted(((people[pid], since) for pid, since in known[q].items() if pid in people),
                                   key=lambda item: (item[1], fold(item[0].name))))
            for q in qualities
        ],
        unaware_frequent=unaware_frequent(store, today),
        active=len(met),
        aware=len(set(met) & aware_ids),
        trend=trend,
        breadth=breadth(store, today),
    )


def breadth(store, today: date, days: int = ACTIVE_DAYS) -> Breadth:
    """How many organisations and fields the last `days` days' conversations span."""
    people = {p.id: p for p in store.people()}
    organisations: Counter = Counter()
    interests: Counter = Counter()
    for encounter in _window(store, today, days):
        present = [people[pid] for pid in dict.fromkeys(encounter.people) if pid in people]
        organisations.update({p.organisation.strip() for p in present if p.organisation.strip()})
        interests.update({i.strip() for p in present for i in p.interests if i.strip()})
    return Breadth(organisations, interests)


def told_between(encounters: list[Encounter], start: date, end: date) -> list[Encounter]:
    """Encounters with start <= day < end where I told a quality."""
    return [e for e in encounters if e.told and start <= e.when.date() < end]
