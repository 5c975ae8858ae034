"""The Agenda: what to do today, from the open follow-ups and the people going cold.

Pure computation over the store's indexes; the Agenda screen and
`netjournal agenda` only present an `Agenda`. Sections:

* overdue: open follow-ups due before today, oldest due first;
* today: due today;
* this_week: due after today up to the last day of this week (weeks start on
  the first weekday of the settings), so on a week's last day it is empty;
* later: due after this week;
* someday: open follow-ups without a due date, newest encounter first;
* reach_out: people past their keep-in-touch cadence, furthest past first.
  A person's own cadence counts; someone without one gets the default
  cadence (a setting) once met at least twice: a single chat in a queue is
  not yet a relationship to keep up, and every such stranger would bury the
  people who matter;
* meetings: the dates of every group's cadence on today and the 6 days after
  (journal.groups.upcoming_meetings), by time; empty without groups.

Dated sections are ordered by due date, then by the encounter's time.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import clock
from . import dates_out
from .dates import LocalDays, week_start
from .errors import NotFoundError, ValidationError
from .i18n import N_, _, ngettext
from .models import Encounter, Person
from .names import fold
from .settings import MAX_CADENCE_DAYS, Settings

DEFAULT_CADENCE_DAYS = Settings.keep_in_touch_days  # the settings' default

SECTIONS = ("overdue", "today", "this_week", "later", "someday", "reach_out", "meetings")
FOLLOW_UP_SECTIONS = ("overdue", "today", "this_week", "later", "someday")
MEETING_DAYS = 7
DEFAULT_CADENCE_MIN_ENCOUNTERS = 2



@dataclass
class ReachOut:
    person: Person
    last: Encounter  # their latest encounter
    last_seen: date
    days_since: int
    cadence: int
    own_cadence: bool  # False: the default cadence

    @property
    def days_past(self) -> int:
        return self.days_since - self.cadence


@dataclass
class Agenda:
    as_of: date
    week_end: date  # the last day of this week
    overdue: list[Encounter] = field(default_factory=list)
    today: list[Encounter] = field(default_factory=list)
    this_week: list[Encounter] = field(default_factory=list)
    later: list[Encounter] = field(default_factory=list)
    someday: list[Encounter] = field(default_factory=list)
    reach_out: list[ReachOut] = field(default_factory=list)
    meetings: list = field(default_factory=list)  # journal.groups.UpcomingMeeting, by time

    def section(self, name: str) -> list:
        return getattr(self, name)

    @property
    def due_now(self) -> bool:
        """Something is overdue or due today."""
        return bool(self.overdue or self.today)

    @property
    def is_empty(self) -> bool:
        return not any(self.section(name) for name in SECTIONS)


def anything_due(store, today: date | None = None) -> bool:
    """An open follow-up is overdue or due today (cheap: a bisect in the index)."""
    today = today or clock.today()
    _, dues = store.open_follow_ups()
    return bisect.bisect_right(dues, today) > 0


def _due_key(encounter: Encounter) -> tuple:
    return (encounter.follow_up.due, encounter.when.timestamp(), encounter.id)


def compute_agenda(
    store,
    today: date | None = None,
    *,
    first_weekday: int | None = 0,
    default_cadence: int = DEFAULT_CADENCE_DAYS,
    keep: frozenset[str] | set[str] = frozenset(),
) -> Agenda:
    """The agenda as of `today`.

    `keep`: encounter ids whose follow-ups stay in their section although
    they are done (the screen shows a row just marked done for a moment).
    """
    today = today or clock.today()
    if first_weekday is None:  # the settings leave it to the language
        first_weekday = dates_out.first_weekday()
    week_end = week_start(today, first_weekday) + timedelta(days=6)
    agenda = Agenda(as_of=today, week_end=week_end)

    follow_ups, dues = store.open_follow_ups()
    dated = list(follow_ups)
    undated = store.open_undated_follow_ups()[::-1]  # newest first
    for encounter_id in keep:
        try:
            encounter = store.encounter(encounter_id)
        except NotFoundError:  # deleted meanwhile: nothing to keep
            continue
        follow = encounter.follow_up
        if follow is None or follow.is_open or not follow.text:
            continue  # open ones are already in their section
        if follow.due is None:
            undated.append(encounter)
        else:
            dated.append(encounter)
    if len(dated) != len(follow_ups):
        dated.sort(key=_due_key)
        dues = [e.follow_up.due for e in dated]
        undated.sort(key=lambda e: (e.when.timestamp(), e.id), reverse=True)

    cuts = [
        bisect.bisect_left(dues, today),
        bisect.bisect_right(dues, today),
        bisect.bisect_right(dues, week_end),
    ]
    agenda.overdue = dated[: cuts[0]]
    agenda.today = dated[cuts[0] : cuts[1]]
    agenda.this_week = dated[cuts[1] : cuts[2]]
    agenda.later = dated[cuts[2] :]
    agenda.someday = undated
    agenda.reach_out = _reach_out(store, today, default_cadence)
    agenda.meetings = _meetings(store, today)
    return agenda


def _meetings(store, today: date) -> list:
    # Most journals have no group: then the groups' code (and the cadence
    # grammar) is not even imported, so the app's start does not pay for it.
    has_groups = getattr(store, "has_groups", None)
    if has_groups is None or not has_groups():
        return []
    from .groups import upcoming_meetings

    return upcoming_meetings(store, today, MEETING_DAYS)


def _reach_out(store, today: date, default_cadence: int) -> list[ReachOut]:
    local = LocalDays()
    by_person = store.encounters_by_person()  # newest first
    found: list[ReachOut] = []
    for person in store.people():
        seen = by_person.get(person.id)
        if not seen:
            continue
        own = person.keep_in_touch_days
        if own and 0 < own < MAX_CADENCE_DAYS:
            cadence, is_own = own, True
        elif len(seen) >= DEFAULT_CADENCE_MIN_ENCOUNTERS and default_cadence:
            cadence, is_own = default_cadence, False
        else:
            continue
        last_seen = local.date_of(seen[0].when)
        days_since = (today - last_seen).days
        if days_since > cadence:
            found.append(ReachOut(person, seen[0], last_seen, days_since, cadence, is_own))
    found.sort(key=lambda r: (-r.days_past, fold(r.person.name)))
    return found


# -------------------------------------------------------------- changes


def long_day(day: date) -> str:
    """ "Tue 24 Nov 2026", in the interface's language (journal.dates_out)."""
    return dates_out.day_with_year(day)


def short_day(day: date, today: date) -> str:
    """ "Tue 24 Nov"; with the year when it is not today's. In the interface's language."""
    return dates_out.short_day(day, today)


def check_snooze_date(due: date, today: date, typed: str | None = None) -> None:
    """A snooze goes to today or later; the message names the date understood."""
    if due >= today:
        return
    if typed:
        message = _("'{typed}' is {day}, which is in the past: snooze to today or a later day.").format(
            typed=typed.strip(), day=long_day(due)
        )
    else:
        message = _("{day} is in the past: snooze to today or a later day.").format(day=long_day(due))
    raise ValidationError("due", message)


def snooze(store, encounter_id: str, due: date, today: date | None = None, typed: str | None = None) -> Encounter:
    """Move an open follow-up's due date to `due` (today or later)."""
    today = today or clock.today()
    check_snooze_date(due, today, typed)
    encounter = store.encounter(encounter_id)
    follow = encounter.follow_up
    if follow is None or not follow.text:
        raise ValidationError("follow_up", _("This encounter has no follow-up to snooze."))
    if follow.done:
        raise ValidationError("follow_up", _("This follow-up is already done: there is nothing to snooze."))
    return store.set_follow_up_due(encounter_id, due)


# --------------------------------------------------------------- output


def origin(encounter: Encounter, store, today: date) -> str:
    """Where a follow-up came from: who, the day and the place of its encounter."""
    day = short_day(LocalDays().date_of(encounter.when), today)
    people = ", ".join(store.names(encounter.people))
    place = encounter.place
    if people and place:
        return _("with {people}, {day} at {place}").format(people=people, day=day, place=place)
    if people:
        return _("with {people}, {day}").format(people=people, day=day)
    if place:
        return _("{day} at {place}").format(day=day, place=place)
    return "{day}".format(day=day)


def short_id(encounter_id: str) -> str:
    return encounter_id[:8]


# Marked with N_() here, translated with _() where a line is made.
_FOLLOW_UP_LINES = {
    "overdue": N_("Overdue, due {due}: {text} ({origin}) [{id}]"),
    "today": N_("Today: {text} ({origin}) [{id}]"),
    "this_week": N_("This week, {due}: {text} ({origin}) [{id}]"),
    "later": N_("Later, {due}: {text} ({origin}) [{id}]"),
    "someday": N_("Someday: {text} ({origin}) [{id}]"),
}
# (whole day, with a place) -> the line of a group's meeting.
_MEETING_LINES = {
    (False, True): N_("Meeting: {group}, {day} {time} at {place}"),
    (False, False): N_("Meeting: {group}, {day} {time}"),
    (True, True): N_("Meeting: {group}, {day} at {place}"),
    (True, False): N_("Meeting: {group}, {day}"),
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_lines(agenda: Agenda, store, sections=SECTIONS) -> list[str]:
    """One line per item, for a shell: what, from where, and the id `done` and `snooze` take."""
    lines: list[str] = []
    today = agenda.as_of
    for name in sections:
        if name in _FOLLOW_UP_LINES:
            for e in agenda.section(name):
                lines.append(
                    _(_FOLLOW_UP_LINES[name]).format(
                        due=short_day(e.follow_up.due, today) if e.follow_up.due else "",
                        text=_one_line(e.follow_up.text),
                        origin=_one_line(origin(e, store, today)),
                        id=short_id(e.id),
                    )
                )
        elif name == "reach_out":
            for r in agenda.reach_out:
                ago = ngettext("{days} day ago", "{days} days ago", r.days_since).format(days=r.days_since)
                if r.own_cadence:
                    line = _("Reach out: {name}, last seen {day} ({ago}; every {cadence} days)").format(
                        name=r.person.name, day=short_day(r.last_seen, today), ago=ago, cadence=r.cadence)
                else:
                    line = _("Reach out: {name}, last seen {day} ({ago})").format(
                        name=r.person.name, day=short_day(r.last_seen, today), ago=ago)
                lines.append(line)
        elif name == "meetings":
            for m in agenda.meetings:
                template = _(_MEETING_LINES[(m.whole_day, bool(m.place))])
                lines.append(template.format(
                    group=m.group.name, day=short_day(m.when.date(), today), time=m.when.strftime("%H:%M"), place=m.place,
                ))
    return lines


def _follow_up_json(e: Encounter, store) -> dict:
    return {
        "encounter": e.id,
        "text": e.follow_up.text,
        "due": e.follow_up.due.isoformat() if e.follow_up.due else None,
        "people": store.names(e.people),
        "when": e.when.isoformat(),
        "place": e.place,
        "setting": e.setting,
    }


def to_json_dict(agenda: Agenda, store, sections=SECTIONS) -> dict:
    """Every section's key is always there (an empty list when it has nothing, or was not asked for)."""
    data: dict = {"as_of": agenda.as_of.isoformat(), "week_end": agenda.week_end.isoformat()}
    for name in SECTIONS:
        wanted = name in sections
        if name in FOLLOW_UP_SECTIONS:
            data[name] = [_follow_up_json(e, store) for e in agenda.section(name)] if wanted else []
        elif name == "reach_out":
            data[name] = [
                {
                    "person": r.person.name,
                    "person_id": r.person.id,
                    "last_seen": r.last_seen.isoformat(),
                    "days_since": r.days_since,
                    "keep_in_touch_days": r.cadence,
                    "cadence": "person" if r.own_cadence else "default",
                    "days_past": r.days_past,
                    "encounter": r.last.id,
                }
                for r in agenda.reach_out
            ] if wanted else []
        elif name == "meetings":
            data[name] = [
                {
                    "group": m.group.name,
                    "group_id": m.group.id,
                    "when": m.when.date().isoformat() if m.whole_day else m.when.isoformat(),
                    "whole_day": m.whole_day,
                    "place": m.place,
                    "setting": m.setting,
                }
                for m in agenda.meetings
            ] if wanted else []
    return data
