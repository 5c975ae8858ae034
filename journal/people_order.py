"""The orders the people list can be sorted in.

`SORTS` maps each order's key (the settings file's `people_sort`, whose
choices are journal.settings.PEOPLE_SORTS: a test keeps the two equal) to the
words the interface shows. Every order ends alphabetically, so people who
tie keep a stable, readable place.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .i18n import N_

from .models import Encounter, Person
from .names import fold
from .queries import days_since

# The words are marked for the catalog; the interface translates them where it shows them.
SORTS = {
    "last_seen": N_("last seen"),
    "name": N_("name"),
    "most_met": N_("most met"),
    "overdue": N_("most overdue"),
}
DEFAULT_SORT = "last_seen"


@dataclass(frozen=True)
class PersonRow:
    person: Person
    last: Encounter | None  # their latest encounter
    met: int  # how many encounters

    def overdue(self, today: date) -> float | None:
        """Days past their keep-in-touch cadence (negative: not due yet); None without a cadence."""
        cadence = self.person.keep_in_touch_days
        if not cadence:
            return None
        since = days_since(self.last.when if self.last else None, today)
        return float("inf") if since is None else since - cadence


def next_sort(current: str) -> str:
    keys = list(SORTS)
    return keys[(keys.index(current) + 1) % len(keys)] if current in SORTS else DEFAULT_SORT


def people_rows(store, by: str, today: date) -> list[PersonRow]:
    """Everyone, in the order `by` (one of SORTS; anything else: DEFAULT_SORT)."""
    index = store.encounters_by_person()
    rows = [PersonRow(p, (index.get(p.id) or [None])[0], len(index.get(p.id, []))) for p in store.people()]
    # Stable sorts: names A to Z first, then the order asked for on top.
    rows.sort(key=lambda row: fold(row.person.name))
    if by == "name":
        return rows
    if by == "most_met":
        rows.sort(key=lambda row: row.met, reverse=True)
        return rows
    # Timestamps, not datetime.min in the local zone: comparing two of those
    # overflows (dateutil's DST check).
    def seen(row: PersonRow) -> float:
        return row.last.when.timestamp() if row.last else float("-inf")

    if by == "overdue":
        # With a cadence, the most overdue first (never met: first of all);
        # then everyone else, the longest unseen first.
        rows.sort(key=seen)
        rows.sort(key=lambda row: (row.overdue(today) is None, -(row.overdue(today) or 0)))
        return rows
    rows.sort(key=seen, reverse=True)
    return rows
