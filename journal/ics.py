"""The open, dated follow-ups and the groups' meetings as an iCalendar file (RFC 5545).

Each follow-up is an all-day VEVENT on its due date rather than a VTODO:
most calendar apps (Google Calendar among them) ignore VTODO on import, and
an all-day event shows in every one. It is TRANSPARENT, so it never makes
the day look busy. Its UID comes from the encounter's id, so importing a
newer file updates the event instead of adding a second one; DTSTAMP and
LAST-MODIFIED are the encounter's last change, so exporting twice without a
change gives the same bytes. The notes of the conversation are left out:
calendars are often synced to servers, and the summary (the follow-up) and
where it came from are what a reminder needs.

Each group with a readable cadence is one recurring VEVENT (its RRULE, the
dates cancelled as EXDATE, the moved ones as RDATE), from
journal.groups.group_vevent_data, with a UID from the group's id.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from . import clock
from .agenda import long_day
from .dates import LocalDays
from .errors import SaveError, ValidationError
from .i18n import N_, _

PRODID = "-//netjournal//netjournal follow-ups//EN"
CALENDAR_NAME = N_("netjournal follow-ups")  # the name a calendar app shows, in the language of the export
UID_DOMAIN = "netjournal"


def follow_up_uid(encounter_id: str) -> str:
    return f"follow-up-{encounter_id}@{UID_DOMAIN}"


def _stamp(text: str) -> datetime:
    """A record's UTC stamp; now for a record without one (an old or hand-made file)."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return clock.utc_now().replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _description(encounter, store) -> str:
    day = long_day(LocalDays().date_of(encounter.when))
    people = ", ".join(store.names(encounter.people))
    place = encounter.place
    if people and place:
        text = _("A follow-up of your conversation with {people} on {day} at {place}.").format(people=people, day=day, place=place)
    elif people:
        text = _("A follow-up of your conversation with {people} on {day}.").format(people=people, day=day)
    elif place:
        text = _("A follow-up of your note of {day} at {place}.").format(day=day, place=place)
    else:
        text = _("A follow-up of your note of {day}.").format(day=day)
    return text + "\n" + "netjournal encounter {id}".format(id=encounter.id)


def _group_events(store) -> list:
    """A recurring VEVENT per group with a readable cadence, by name."""
    if not store.has_groups():
        return []  # the groups' code is not even imported
    from icalendar import Event, vRecur

    from .groups import group_vevent_data
    from .names import fold

    events = []
    for group in sorted(store.groups.all(), key=lambda g: fold(g.name)):
        data = group_vevent_data(group)
        if data is None:
            continue
        event = Event()
        event.add("uid", data["uid"])
        event.add("dtstamp", data["last_modified"])
        event.add("created", data["created"])
        event.add("last-modified", data["last_modified"])
        event.add("dtstart", data["dtstart"])
        event.add("duration", data["duration"])
        event.add("rrule", vRecur.from_ical(data["rrule"]))
        for moment in data["exdates"]:
            event.add("exdate", moment)
        for moment in data["rdates"]:
            event.add("rdate", moment)
        event.add("summary", data["summary"])
        if data["description"]:
            event.add("description", data["description"])
        if data["location"]:
            event.add("location", data["location"])
        event.add("categories", ["netjournal"])
        events.append(event)
    return events


def build_calendar(store) -> bytes:
    """The calendar of every open follow-up with a due date (by due date), then every group's meetings."""
    return _build(store)[0]


def _build(store) -> tuple[bytes, int, int]:
    """(the calendar, how many follow-ups, how many groups)."""
    from icalendar import Calendar, Event  # imported here: only `export --ics` needs it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _(CALENDAR_NAME))
    follow_ups, _others = store.open_follow_ups()
    for encounter in follow_ups:
        follow = encounter.follow_up
        due: date = follow.due
        event = Event()
        event.add("uid", follow_up_uid(encounter.id))
        event.add("dtstamp", _stamp(encounter.updated_at))
        event.add("created", _stamp(encounter.created_at))
        event.add("last-modified", _stamp(encounter.updated_at))
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", " ".join(follow.text.split()))
        event.add("description", _description(encounter, store))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["netjournal"])
        calendar.add_component(event)
    groups = _group_events(store)
    for event in groups:
        calendar.add_component(event)
    return calendar.to_ical(), len(follow_ups), len(groups)


def export_ics(store, target: str | Path) -> tuple[int, int]:
    """Write the calendar to `target` atomically; (how many follow-ups, how many groups) it holds.

    A folder that does not exist, or a target that is a folder, is bad input
    (ValidationError); a write that fails is a SaveError. Either way no file,
    whole or partial, is left at `target` that was not there before.
    """
    from .durable import atomic_write_bytes

    target = Path(target).expanduser()
    folder = target.parent
    if not folder.is_dir():
        raise ValidationError("path", _("The folder {folder} does not exist; create it first or pick another path.").format(folder=folder))
    if target.is_dir():
        raise ValidationError("path", _("{target} is a folder; give the path of the file to write, e.g. {example}.").format(
            target=target, example=target / "netjournal.ics"))
    payload, follow_ups, groups = _build(store)
    try:
        atomic_write_bytes(target, payload)
    except OSError as exc:
        raise SaveError(_("Could not write {target}: {reason}. Nothing was written.").format(
            target=target, reason=exc.strerror or exc)) from None
    return follow_ups, groups
