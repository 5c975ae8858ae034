"""Groups that meet periodically (issue 17): members, meetings, attendance, cadence.

A group (journal.models.Group) has a name, a kind, a usual place and setting,
members (person ids), notes and an optional cadence (journal.cadence). A
meeting is an encounter whose `group_id` is the group's id: everything an
encounter has, plus the link. `store.groups` (a GroupBook) is the one way to
change groups; it works through the store's transactions like OpinionBook.

Rules:

* Group names are unique after folding (case and accents ignored).
* Deleting a group keeps its meetings as plain encounters (their group_id is
  cleared, in the same save); `restore` puts both back (the app's ctrl+z).
* Attendance is counted over meetings, not over the dates of the cadence:
  a member "came to N of the last M meetings" (M at most
  ATTENDANCE_WINDOW), and is "missing lately" when absent from each of the
  last MISSING_AFTER meetings.
* A member id that is no longer a person (a hand edit) is skipped, as is a
  meeting's group_id that names no group: the meeting reads as a plain encounter.

`upcoming_meetings` and `group_vevent_data` are what the Agenda and the
calendar export need; neither imports anything beyond the standard library
and dateutil.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone

from . import clock
from .cadence import CadenceError, Schedule, describe_date, format_local, parse_cadence
from .errors import AmbiguousNameError, NotFoundError, ValidationError
from .models import Encounter, EncounterDraft, Group, Person, Recurrence
from .names import fold
from .text import clean, clean_line
from .tombstones import bury, unbury
from .i18n import _

ATTENDANCE_WINDOW = 10
MISSING_AFTER = 3
NEXT_DATES = 3
UID_DOMAIN = "netjournal"


# ------------------------------------------------------------- results
@dataclass
class GroupChange:
    """What a change to a group did, so that ctrl+z can take it back exactly."""

    group: Group  # as saved
    before: Group | None = None  # None: the change created it
    created_people: list[Person] = field(default_factory=list)


@dataclass
class DeletedGroup:
    group: Group
    meeting_ids: list[str]  # encounters whose group_id was cleared


@dataclass
class Attendance:
    person: Person
    came: int  # to the last `of` meetings
    of: int
    last_seen: datetime | None  # the latest meeting they came to, any time


@dataclass
class GroupSummary:
    group: Group
    members: list[Person]
    meetings: list[Encounter]  # newest first
    attendance: list[Attendance]  # one per member, in the group's order
    missing_lately: list[Person]
    schedule: Schedule | None  # None: no cadence
    next_dates: list[datetime]  # aware, local

    @property
    def cadence_unreadable(self) -> bool:
        return self.schedule is not None and not self.schedule.readable


@dataclass
class MeetingDefaults:
    """What choosing a group fills in a new meeting."""

    who: list[str]  # member names
    place: str
    setting: str
    when: datetime | None  # the latest date of the cadence up to now; None: now
    whole_day: bool = False

    @property
    def when_text(self) -> str:
        """The When field's text: "2026-11-24 19:00", or "2026-11-24" for a whole day."""
        if self.when is None:
            return "now"
        local = self.when.astimezone(clock.local_zone())
        return local.strftime("%Y-%m-%d") if self.whole_day else local.strftime("%Y-%m-%d %H:%M")


@dataclass
class UpcomingMeeting:
    """One date of a group's cadence, for the Agenda."""

    group: Group
    when: datetime  # aware, local
    place: str
    setting: str
    whole_day: bool


# --------------------------------------------------------- pure helpers
def schedule_of(group: Group, zone=None) -> Schedule | None:
    return Schedule.of(group.cadence, zone) if group.cadence is not None else None


def cadence_unreadable(group: Group) -> bool:
    """A cadence is there but cannot be expanded (a hand edit, a hostile rule)."""
    return group.cadence is not None and not Schedule.of(group.cadence).readable


def cadence_label(group: Group) -> str:
    """ "every tuesday 19:00", "unreadable cadence" (translated: test cadence_unreadable, not the label), or "" (none)."""
    if group.cadence is None:
        return ""
    if cadence_unreadable(group):
        return _("unreadable cadence")
    return group.cadence.text or group.cadence.rrule


def attendance_of(group: Group, meetings: list[Encounter], people: dict[str, Person],
                  window: int = ATTENDANCE_WINDOW) -> tuple[list[Attendance], list[Person]]:
    """(attendance per member, members missing lately); `meetings` newest first."""
    recent = meetings[:window]
    rows: list[Attendance] = []
    missing: list[Person] = []
    latest = meetings[:MISSING_AFTER]
    for pid in group.members:
        person = people.get(pid)
        if person is None:
            continue
        came = sum(pid in m.people for m in recent)
        last = next((m.when for m in meetings if pid in m.people), None)
        rows.append(Attendance(person, came, len(recent), last))
        if len(latest) == MISSING_AFTER and all(pid not in m.people for m in latest):
            missing.append(person)
    return rows, missing


def attendance_line(row: Attendance) -> str:
    """ "came to 7 of the last 10 meetings, last on Tue 24 Nov"."""
    if row.of == 0:
        return _("no meetings yet")
    if row.last_seen is None:
        return _("has not come to a meeting yet")
    last = describe_date(row.last_seen.astimezone(clock.local_zone()), True)
    if row.of == 1:
        if row.came:
            return _("came to the only meeting, on {day}").format(day=last)
        return _("missed the only meeting")
    return _("came to {came} of the last {of} meetings, last on {day}").format(came=row.came, of=row.of, day=last)


def group_to_json(summary: GroupSummary) -> dict:
    group = summary.group
    cadence = None
    if group.cadence is not None:
        cadence = {
            "text": group.cadence.text, "rrule": group.cadence.rrule, "start": group.cadence.start,
            "exdates": list(group.cadence.exdates), "rdates": list(group.cadence.rdates),
            "readable": not summary.cadence_unreadable,
        }
    return {
        "id": group.id,
        "name": group.name,
        "kind": group.kind,
        "place": group.place,
        "setting": group.setting,
        "notes": group.notes,
        "cadence": cadence,
        "next": [d.isoformat() for d in summary.next_dates],
        "members": [
            {"name": row.person.name, "came": row.came, "of": row.of,
             "last_seen": row.last_seen.isoformat() if row.last_seen else None}
            for row in summary.attendance
        ],
        "meetings": len(summary.meetings),
        "last_meeting": summary.meetings[0].when.isoformat() if summary.meetings else None,
        "missing_lately": [p.name for p in summary.missing_lately],
    }


# ---------------------------------------------------------- the book
class GroupBook:
    """The groups table of a store (store.groups)."""

    def __init__(self, store) -> None:
        self._store = store

    # ------------------------------------------------------------ reading
    def _records(self) -> dict[str, Group]:
        self._store._sync()
        return self._store._records["groups"]

    def all(self) -> list[Group]:
        """Every group, by name (case and accents ignored)."""
        return sorted(self._records().values(), key=lambda g: fold(g.name))

    def get(self, group_id: str) -> Group:
        try:
            return self._records()[group_id]
        except KeyError:
            raise NotFoundError(_("No group with id {id}").format(id=group_id)) from None

    def find(self, name: str) -> Group | None:
        key = fold(name)
        return next((g for g in self._records().values() if fold(g.name) == key), None) if key else None

    def closest(self, name: str, limit: int = 3) -> list[str]:
        """The names of the groups nearest to a mistyped `name`, best first."""
        names = {fold(g.name): g.name for g in self.all()}
        key = fold(name)
        starts = [names[k] for k in names if key and (k.startswith(key) or key in k)]
        close = [names[k] for k in difflib.get_close_matches(key, list(names), n=limit, cutoff=0.4)]
        return list(dict.fromkeys(starts + close))[:limit]

    def by_group(self) -> dict[str, list[Encounter]]:
        """group id -> its meetings, newest first (one pass over the encounters)."""
        groups = self._records()
        found: dict[str, list[Encounter]] = {gid: [] for gid in groups}
        for encounter in reversed(self._store.encounters()):
            if encounter.group_id in found:
                found[encounter.group_id].append(encounter)
        return found

    def meetings(self, group_id: str) -> list[Encounter]:
        """The group's meetings, newest first."""
        return [e for e in reversed(self._store.encounters()) if e.group_id == group_id]

    def for_person(self, person_id: str) -> list[Group]:
        return [g for g in self.all() if person_id in g.members]

    def summary(self, group_id: str, meetings: list[Encounter] | None = None, now: datetime | None = None) -> GroupSummary:
        group = self.get(group_id)
        people = self._store._records["people"]
        meetings = self.meetings(group_id) if meetings is None else meetings
        rows, missing = attendance_of(group, meetings, people)
        schedule = schedule_of(group)
        upcoming = schedule.next_after(now or clock.now(), NEXT_DATES) if schedule else []
        return GroupSummary(
            group=group, members=[people[pid] for pid in group.members if pid in people], meetings=meetings,
            attendance=rows, missing_lately=missing, schedule=schedule, next_dates=upcoming,
        )

    def meeting_defaults(self, group_id: str, now: datetime | None = None) -> MeetingDefaults:
        """Who, where, setting and when for a new meeting of the group."""
        group = self.get(group_id)
        people = self._store._records["people"]
        schedule = schedule_of(group)
        when = schedule.last_before(now or clock.now()) if schedule else None
        return MeetingDefaults(
            who=[people[pid].name for pid in group.members if pid in people],
            place=group.place, setting=group.setting, when=when,
            whole_day=bool(schedule and schedule.whole_day),
        )

    def newcomers(self, group_id: str, names: list[str]) -> list[str]:
        """The names among `names` that are not members (known people or new ones)."""
        members = set(self.get(group_id).members)
        found = []
        for name in names:
            match = self._store.match_person(name)
            if match.is_new or (not match.is_ambiguous and match.person_ids[0] not in members):
                found.append(clean_line(name))
        return [n for n in dict.fromkeys(found) if n]

    # ------------------------------------------------------------ changes
    def add(self, name: str, *, kind: str = "", place: str = "", setting: str = "", members: list[str] = (),
            notes: str = "", cadence_text: str = "") -> GroupChange:
        with self._store._transaction():
            group = Group(name=clean_line(name))
            created = self._fill(group, dict(name=name, kind=kind, place=place, setting=setting,
                                             members=list(members), notes=notes, cadence_text=cadence_text))
            self._store._put("groups", group)
        return GroupChange(group, None, created)

    def update(self, group_id: str, **fields) -> GroupChange:
        """Change some of name, kind, place, setting, members (names), notes, cadence_text."""
        with self._store._transaction():
            before = self.get(group_id)
            group = replace(before, members=list(before.members))
            created = self._fill(group, fields)
            group.updated_at = clock.utc_stamp()
            self._store._put("groups", group)
        return GroupChange(group, before, created)

    def add_member(self, group_id: str, person_id: str) -> GroupChange:
        with self._store._transaction():
            before = self.get(group_id)
            self._store.person(person_id)  # NotFoundError for a stale id
            if person_id in before.members:
                return GroupChange(before, before)
            group = replace(before, members=[*before.members, person_id], updated_at=clock.utc_stamp())
            self._store._put("groups", group)
        return GroupChange(group, before)

    def remove_member(self, group_id: str, person_id: str) -> GroupChange:
        with self._store._transaction():
            before = self.get(group_id)
            group = replace(before, members=[p for p in before.members if p != person_id], updated_at=clock.utc_stamp())
            self._store._put("groups", group)
        return GroupChange(group, before)

    def undo_change(self, change: GroupChange) -> None:
        """Take back an add, update or membership change (ctrl+z)."""
        store = self._store
        with store._transaction():
            if change.before is None:
                if change.group.id in store._records["groups"]:
                    store._drop("groups", change.group.id)
                    bury(store, "groups", change.group.id)  # so that a merge does not bring it back
            else:
                # Stamped now: the undo is a change, and must win a merge over the undone version.
                store._put("groups", replace(change.before, updated_at=clock.utc_stamp()))
            self._drop_unused(change.created_people)

    def delete(self, group_id: str) -> DeletedGroup:
        """Delete a group; its meetings stay, as plain encounters."""
        store = self._store
        with store._transaction():
            group = self.get(group_id)
            meeting_ids = []
            for encounter in self.meetings(group_id):
                store._put("encounters", replace(encounter, group_id=None))
                meeting_ids.append(encounter.id)
            store._drop("groups", group_id)
            bury(store, "groups", group_id)  # so that a merge does not bring it back
        return DeletedGroup(group, meeting_ids)

    def restore(self, deleted: DeletedGroup) -> None:
        """Undo a delete: the group, and the link of the meetings still there."""
        store = self._store
        with store._transaction():
            # Stamped now, its tombstone gone: a copy that saw the delete must not win a merge.
            store._put("groups", replace(deleted.group, updated_at=clock.utc_stamp()))
            unbury(store, deleted.group.id)
            encounters = store._records["encounters"]
            for encounter_id in deleted.meeting_ids:
                encounter = encounters.get(encounter_id)
                if encounter is not None and encounter.group_id is None:
                    store._put("encounters", replace(encounter, group_id=deleted.group.id))

    def cancel_date(self, group_id: str, when: datetime) -> GroupChange:
        """Cancel the meeting of one date of the cadence (an EXDATE)."""
        return self._exception(group_id, when, None)

    def move_date(self, group_id: str, when: datetime, to: datetime) -> GroupChange:
        """Move one meeting to another date and time (an EXDATE and an RDATE)."""
        return self._exception(group_id, when, to)

    def _exception(self, group_id: str, when: datetime, to: datetime | None) -> GroupChange:
        with self._store._transaction():
            before = self.get(group_id)
            schedule = schedule_of(before)
            if schedule is None or not schedule.readable:
                raise ValidationError("date", _("This group has no cadence that netjournal can read; there is no date to change."))
            local = schedule.local(when)
            day_start = datetime.combine(local.date(), time())
            dates = schedule.between(day_start, day_start + timedelta(days=1), local=True)
            if not dates:
                raise ValidationError("date", _("The group does not meet on {day}.").format(day=describe_date(local, True)))
            cadence = replace(before.cadence, exdates=list(before.cadence.exdates), rdates=list(before.cadence.rdates))
            text = format_local(dates[0], schedule.whole_day)
            if text in cadence.rdates:
                cadence.rdates.remove(text)  # a moved meeting moved again
            else:
                cadence.exdates.append(text)
            if to is not None:
                target = schedule.local(to)
                cadence.rdates.append(format_local(target, schedule.whole_day))
            group = replace(before, cadence=cadence, updated_at=clock.utc_stamp())
            if not Schedule.of(cadence).readable:
                raise ValidationError("date", _("Too many dates were changed; edit the cadence instead."))
            self._store._put("groups", group)
        return GroupChange(group, before)

    # ----------------------------------------------------------- meetings
    def add_meeting(self, group_id: str, draft: EncounterDraft, *, add_newcomers: bool = False):
        """Save a meeting: an encounter linked to the group; newcomers may join the group."""
        store = self._store
        with store._transaction():
            before = self.get(group_id)
            result = store.add_encounter(draft)
            self._link(result, before, add_newcomers)
        return result

    def update_meeting(self, encounter_id: str, draft: EncounterDraft, group_id: str | None, *, add_newcomers: bool = False):
        """Edit an encounter and set (or clear, with None) the group it is a meeting of."""
        store = self._store
        with store._transaction():
            before = self.get(group_id) if group_id else None
            result = store.update_encounter(encounter_id, draft)
            if before is None:
                if result.encounter.group_id is not None:
                    result.encounter = replace(result.encounter, group_id=None)
                    store._put("encounters", result.encounter)
                result.group_before = None
            else:
                self._link(result, before, add_newcomers)
        return result

    def undo_meeting(self, result, before: Encounter | None = None) -> None:
        """Take back add_meeting (before=None) or update_meeting (before = the encounter as it was)."""
        store = self._store
        with store._transaction():
            store.undo_save(result, before)
            group_before = getattr(result, "group_before", None)
            if group_before is not None:
                store._put("groups", replace(group_before, updated_at=clock.utc_stamp()))
                # People the save created and put in the group: unused again now.
                self._drop_unused(result.created_people)

    def _link(self, result, group: Group, add_newcomers: bool) -> None:
        store = self._store
        encounter = replace(result.encounter, group_id=group.id)
        store._put("encounters", encounter)
        result.encounter = encounter
        result.group_before = None
        if add_newcomers:
            joining = [pid for pid in encounter.people if pid not in group.members]
            if joining:
                store._put("groups", replace(group, members=[*group.members, *joining], updated_at=clock.utc_stamp()))
                result.group_before = group

    # ------------------------------------------------------------ helpers
    def _fill(self, group: Group, fields: dict) -> list[Person]:
        created: list[Person] = []
        for key, value in fields.items():
            if key in ("name", "kind", "place"):
                setattr(group, key, clean_line(value))
            elif key == "setting":
                group.setting = clean_line(value).casefold()
            elif key == "notes":
                group.notes = clean(value).strip("\n")
            elif key == "members":
                group.members, created = self._resolve(value)
            elif key == "cadence_text":
                group.cadence = self._cadence(value, group.cadence)
            else:
                raise TypeError(f"unknown group field {key}")
        if not group.name:
            raise ValidationError("name", _("A group needs a name."))
        key = fold(group.name)
        if not key:
            raise ValidationError("name", _("A group's name needs a letter or a digit."))
        for other in self._store._records["groups"].values():
            if other.id != group.id and fold(other.name) == key:
                raise ValidationError("name", _("There is already a group called '{name}'.").format(name=other.name))
        for person in created:
            self._store._put("people", person)
        return created

    def _resolve(self, names: list[str]) -> tuple[list[str], list[Person]]:
        names = [clean_line(n) for n in names if clean_line(n)]
        try:
            return self._store._resolve_people(names)
        except AmbiguousNameError as exc:
            raise ValidationError("members", exc.message) from None

    @staticmethod
    def _cadence(text: str, current: Recurrence | None) -> Recurrence | None:
        text = clean_line(text or "")
        if not text:
            return None
        if current is not None and fold(current.text) == fold(text) and Schedule.of(current).readable:
            return current  # unchanged: its start and its cancelled and moved dates stay
        try:
            cadence = parse_cadence(text, clock.today())
        except CadenceError as exc:
            raise ValidationError("cadence", str(exc)) from None
        return Recurrence(rrule=cadence.rule.text(), start=cadence.start_text, text=cadence.text)

    def _drop_unused(self, people: list[Person]) -> None:
        store = self._store
        in_use = {pid for e in store.index.sorted for pid in e.people}
        in_use.update(pid for g in store._records["groups"].values() for pid in g.members)
        for person in people:
            if person.id in store._records["people"] and person.id not in in_use:
                store._drop("people", person.id)
                bury(store, "people", person.id)

    def merged(self, keep_id: str, other_id: str) -> None:
        """Inside a merge of people: `other` becomes `keep` in every group."""
        for group in list(self._store._records["groups"].values()):
            if other_id in group.members:
                members = list(dict.fromkeys(keep_id if pid == other_id else pid for pid in group.members))
                self._store._put("groups", replace(group, members=members, updated_at=clock.utc_stamp()))


# ------------------------------------------------- for the Agenda and ICS
def upcoming_meetings(store, start: date, days: int) -> list[UpcomingMeeting]:
    """Every group's dates on the local days start .. start + days - 1, by time.

    Groups without a cadence, or with one that cannot be read, have none.
    """
    found: list[UpcomingMeeting] = []
    for group in store.groups.all():
        schedule = schedule_of(group)
        if schedule is None or not schedule.readable:
            continue
        for when in schedule.upcoming(start, days):
            found.append(UpcomingMeeting(group, when, group.place, group.setting, schedule.whole_day))
    found.sort(key=lambda m: (m.when.timestamp(), fold(m.group.name)))
    return found


def _utc(stamp: str) -> datetime:
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return clock.utc_now().replace(microsecond=0)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def group_uid(group_id: str) -> str:
    return f"group-{group_id}@{UID_DOMAIN}"


def group_vevent_data(group: Group) -> dict | None:
    """What a recurring VEVENT of the group needs, or None without a readable cadence.

    Times are floating (naive datetimes, RFC 5545 local time without a
    TZID): 19:00 is 19:00 wherever the calendar is, as in the journal. A
    cadence without a time has dates (all-day events). The keys map to
    iCalendar properties; with the icalendar library:

        event.add("uid", d["uid"]); event.add("summary", d["summary"])
        event.add("dtstart", d["dtstart"]); event.add("duration", d["duration"])
        event.add("rrule", icalendar.vRecur.from_ical(d["rrule"]))
        for x in d["exdates"]: event.add("exdate", x)
        for r in d["rdates"]: event.add("rdate", r)
        event.add("location", d["location"]) (when not empty), and the stamps.

    `duration` is a guess (2 hours; a day for all-day events): the journal
    does not know how long a meeting lasts. Members and notes are left out:
    calendars are often synced to servers.
    """
    if group.cadence is None:
        return None
    schedule = Schedule.of(group.cadence)
    if not schedule.readable:
        return None
    whole = schedule.whole_day

    def value(moment: datetime):
        return moment.date() if whole else moment

    return {
        "uid": group_uid(group.id),
        "summary": group.name,
        "description": group.kind,
        "dtstart": value(schedule.start),
        "duration": timedelta(days=1) if whole else timedelta(hours=2),
        "rrule": schedule.rule.text(),
        "exdates": [value(d) for d in schedule.exdates],
        "rdates": [value(d) for d in schedule.rdates],
        "location": group.place,
        "created": _utc(group.created_at),
        "last_modified": _utc(group.updated_at),
    }


__all__ = [
    "ATTENDANCE_WINDOW",
    "MISSING_AFTER",
    "Attendance",
    "DeletedGroup",
    "GroupBook",
    "GroupChange",
    "GroupSummary",
    "MeetingDefaults",
    "UpcomingMeeting",
    "attendance_line",
    "attendance_of",
    "cadence_label",
    "cadence_unreadable",
    "group_to_json",
    "group_uid",
    "group_vevent_data",
    "schedule_of",
    "upcoming_meetings",
]
