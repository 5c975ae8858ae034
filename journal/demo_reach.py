"""The demo's reach and visibility (issue 18): my qualities, what I told whom, introductions I made.

From random numbers of its own and applied last, like journal.demo_groups, so
that every other record of the demo stays as it was.
"""
from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

from .models import Encounter, Me

QUALITIES = ("UX research", "Python teaching", "Sourdough baking")


def add_reach(rows: list[Encounter], *, seed: int, now: datetime, stamp: str, qualities: tuple[str, ...] = QUALITIES) -> Me:
    """Mark some encounters as telling a quality or making an introduction; return the `me` record.

    `qualities`: three, the first told most (journal.demo_pt has them in Portuguese).
    """
    rng = random.Random(f"reach-{seed}")
    recent = now - timedelta(days=240)
    for encounter in rows:
        if encounter.when < recent or not encounter.people:
            continue
        if len(encounter.people) >= 2 and rng.random() < 0.3:
            encounter.introduced = [[encounter.people[0], encounter.people[1]]]
        elif rng.random() < 0.07:
            # Told mostly the first two qualities; the third is rarely mentioned.
            encounter.told = [qualities[0] if rng.random() < 0.55 else qualities[1] if rng.random() < 0.85 else qualities[2]]
    return Me(qualities=list(qualities), id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), created_at=stamp, updated_at=stamp)
