"""The demo journal's groups (issue 17): two groups and a realistic attendance history.

Kept apart from journal.demo so that the rest of the demo stays what it was:
the meetings *replace* some of the invented encounters (the one nearest in
time to each meeting, keeping its id), so the journal has as many encounters
as asked for, and every other record is byte for byte what it was before
groups existed. Encounters that anything else points at are never replaced:
yesterday's and today's (the streak), those with a follow-up (the follow-up
mix) and those an opinion cites.

Everything random comes from its own generator, derived from the seed, so
the demo's main sequence of random numbers is untouched.
"""
from __future__ import annotations

import bisect
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from .cadence import Schedule, parse_cadence
from .models import Encounter, Group, Opinion, Person, Recurrence, hashtags, merge_topics

MIN_ENCOUNTERS = 100  # a smaller demo has no groups: meetings would crowd it
SPAN_DAYS = 119  # the groups started about four months before "now"


@dataclass(frozen=True)
class _Plan:
    name: str
    kind: str
    cadence: str
    place: str
    setting: str
    members: tuple[tuple[str, float], ...]  # (name, how often they come)
    notes: str
    lapsed: tuple[str, ...] = ()  # stopped coming for the last four meetings
    guests: tuple[str, ...] = ()  # come now and then, not members
    cancelled: tuple[int, ...] = ()  # occurrences (by index) cancelled in the cadence
    moved: tuple[tuple[int, int, int], ...] = ()  # (occurrence, days later, hour)
    unlogged: tuple[int, ...] = ()  # meetings that happened but were never noted
    topics: tuple[str, ...] = ()


PLANS = (
    _Plan(
        name="Freelancers' circle", kind="support group", cadence="every tuesday 19:00",
        place="Café Lua", setting="cafe",
        members=(("Sofia Rossi", 0.9), ("Luna Prado", 0.8), ("Marta Kowalska", 0.75),
                 ("Leila Haddad", 0.6), ("Beatriz Nunes", 0.85), ("Júlia Campos", 0.5)),
        notes="People working on their own: clients, rates, quiet months and the fear of them. "
              "Each of us says what we try next, and reports back.",
        lapsed=("Beatriz Nunes",), guests=("Olivia Brown", "Tomás Ferreira"),
        cancelled=(1,), moved=((8, 1, 19),), unlogged=(11,),
        topics=("clients", "pricing", "burnout", "contracts", "portfolio", "money"),
    ),
    _Plan(
        name="PyData Lisboa", kind="meetup", cadence="every 2 weeks on thu 18:30",
        place="Colmeia co-working", setting="event",
        members=(("Kenji Watanabe", 0.95), ("Bruno Costa", 0.7), ("Aisha Bello", 0.8),
                 ("Chidi Okafor", 0.45), ("Zoë Martin", 0.6), ("Yuki Tanaka", 0.55)),
        notes="Two talks, then the hallway track. Kenji runs it; Aisha keeps the room.",
        guests=("Ravi Shah", "Søren Nielsen", "Júlia Campos"),
        topics=("python", "opendata", "talks", "community", "hiring"),
    ),
)

OPENINGS = {
    "support group": [
        "{count} of us round the big table tonight; {first} opened.",
        "A small circle at {place}, {count} people and a pot of tea.",
        "{first} brought pastéis; {count} of us stayed until ten.",
    ],
    "meetup": [
        "Two talks and {count} regulars in the room.",
        "{first} took questions after the second talk.",
        "Pizza, slides and {count} familiar faces at {place}.",
    ],
}
LINES = [
    "{first} shared how the month went with #{tag} and we compared notes.",
    "The round was mostly about #{tag}; everyone had a story.",
    "{first} asked for advice on #{tag} and got three different answers.",
    "We agreed to try one thing each on #{tag} before next time.",
    "Good to hear I am not the only one worried about #{tag}.",
]
CLOSINGS = [
    "Left lighter than I came in.",
    "Short meeting, but a useful one.",
    "We stayed late talking outside.",
    "Next time I bring numbers, not impressions.",
]
EMOJI = ["🎨", "☕", "✨"]
GAVE = "Shared my rate card with the group."
# The names under which journal.demo's world() offers these (journal.demo_pt has its own).
GROUP_PLANS, GROUP_OPENINGS, GROUP_LINES, GROUP_CLOSINGS, GROUP_GAVE = PLANS, OPENINGS, LINES, CLOSINGS, GAVE


def _first(name: str) -> str:
    return name.split(" ", 1)[0]


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _meeting_notes(rng: random.Random, plan: _Plan, names: list[str], emoji: bool, world) -> str:
    first = _first(names[0]) if names else world.SOMEONE
    opening = rng.choice(world.GROUP_OPENINGS[plan.kind]).format(count=len(names), group=plan.name, place=plan.place, first=first)
    tags = rng.sample(plan.topics, 2)
    parts = [opening, rng.choice(world.GROUP_LINES).format(first=_first(rng.choice(names)), tag=tags[0])]
    parts.append(rng.choice(world.GROUP_LINES).format(first=first, tag=tags[1]))
    parts.append(rng.choice(world.GROUP_CLOSINGS))
    if emoji:
        parts.append(rng.choice(EMOJI))
    text = " ".join(parts)
    return text if len(text) <= 400 else text[:399].rstrip() + "…"


def add_groups(
    rows: list[Encounter], people: list[Person], opinions: list[Opinion], *, seed: int, now: datetime, local, world,
) -> list[Group]:
    """Make two groups, turn some of `rows` into their meetings (in place), and keep `rows` in time order.

    `world` is journal.demo's world(): its GROUP_PLANS and the sentences of their meetings.
    """
    if len(rows) < MIN_ENCOUNTERS:
        return []
    rng = random.Random(seed * 7919 + 17)
    by_name = {p.name: p for p in people}
    today = now.date()
    start_day = today - timedelta(days=SPAN_DAYS)
    protected = {oid for o in opinions for oid in o.encounters}
    protected |= {e.id for e in rows if e.follow_up is not None or (today - e.when.date()).days <= 1}
    stamps = [e.when.timestamp() for e in rows]
    used: set[int] = set()
    groups: list[Group] = []
    for plan in world.GROUP_PLANS:
        if any(name not in by_name for name, _ in plan.members):
            continue
        cadence = parse_cadence(plan.cadence, start_day)
        rule, at = cadence.rule, cadence.start.time()
        # The group's first meeting: the first date of its cadence from start_day on.
        begin = Schedule(rule.text(), cadence.start_text).next_after(datetime.combine(start_day, time()), 1, local=True)[0]
        schedule = Schedule(rule.text(), begin.strftime("%Y-%m-%dT%H:%M"))
        dates = schedule.between(begin, datetime.combine(today, time()), local=True)
        exdates = [dates[i] for i in plan.cancelled + tuple(m[0] for m in plan.moved) if i < len(dates)]
        rdates = [datetime.combine(dates[i].date() + timedelta(days=later), time(hour, at.minute))
                  for i, later, hour in plan.moved if i < len(dates)]
        held = sorted(set(dates) - set(exdates) | set(rdates))
        created = _utc(local.at(begin.date() - timedelta(days=rng.randint(3, 10)), 20))
        group = Group(
            name=plan.name, kind=plan.kind, place=plan.place, setting=plan.setting,
            members=[by_name[name].id for name, _ in plan.members], notes=plan.notes,
            cadence=Recurrence(rule.text(), begin.strftime("%Y-%m-%dT%H:%M"), plan.cadence,
                               [d.strftime("%Y-%m-%dT%H:%M") for d in exdates],
                               [d.strftime("%Y-%m-%dT%H:%M") for d in rdates]),
            id=_uuid4(rng), created_at=created, updated_at=created,
        )
        groups.append(group)
        logged = [d for i, d in enumerate(held) if i not in plan.unlogged]
        for n, wall in enumerate(logged):
            when = local.at(wall.date(), wall.hour, wall.minute)
            if when >= now:
                continue
            lapsed_now = n >= len(logged) - 4
            came = [name for name, p in plan.members
                    if rng.random() < p and not (lapsed_now and name in plan.lapsed)]
            if len(came) < 2:
                came = [name for name, _ in plan.members if name not in plan.lapsed][:2]
            if rng.random() < 0.2:
                came.append(rng.choice(plan.guests))
            came = list(dict.fromkeys(came))
            ids = [by_name[name].id for name in came if name in by_name]
            notes = _meeting_notes(rng, plan, came, world.EMOJI_PERSON in came, world)
            # The invented encounter nearest in time gives way to the meeting.
            slot = _nearest(stamps, when.timestamp(), used, lambda i: rows[i].id not in protected)
            if slot is None:
                continue
            used.add(slot)
            stamp = _utc(min(when + timedelta(minutes=30 + rng.randint(0, 120)), now))
            gave = world.GROUP_GAVE if rng.random() < 0.25 else ""
            rows[slot] = Encounter(
                when=when, people=ids, place=plan.place, setting=plan.setting, notes=notes,
                topics=merge_topics(hashtags(notes)), learned="", gave=gave, asked="", follow_up=None,
                group_id=group.id, id=rows[slot].id, created_at=stamp, updated_at=stamp,
            )
    rows.sort(key=lambda e: e.when.timestamp())
    return groups


def _uuid4(rng: random.Random) -> str:
    """A UUID 4 from the groups' own generator, like every id of the demo."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _nearest(stamps: list[float], target: float, used: set[int], allowed) -> int | None:
    """The index of the stamp nearest `target` that is not used and is allowed."""
    right = bisect.bisect_left(stamps, target)
    left = right - 1
    while left >= 0 or right < len(stamps):
        pick_left = right >= len(stamps) or (left >= 0 and target - stamps[left] <= stamps[right] - target)
        index = left if pick_left else right
        if pick_left:
            left -= 1
        else:
            right += 1
        if index not in used and allowed(index):
            return index
    return None
