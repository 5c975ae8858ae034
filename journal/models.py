"""The journal's records as dataclasses, with their on-disk dict form.

Every record carries a UUID `id` (stable across copies and merges; TinyDB's
document ids are an implementation detail of one file and never leave the
store) and `created_at` / `updated_at` stamps. The dict form is exactly what
docs/journal-format.md describes.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime

from . import clock
from .i18n import _

DEFAULT_SETTINGS = (
    "bakery",
    "restaurant",
    "cafe",
    "event",
    "work",
    "neighbourhood",
    "transit",
    "online",
    "other",
)
# The settings suggested in a Portuguese interface (issue 19). Only suggestions:
# the journal keeps whatever word was typed, and switching language rewrites nothing.
DEFAULT_SETTINGS_PT_BR = (
    "padaria",
    "restaurante",
    "café",
    "evento",
    "trabalho",
    "vizinhança",
    "transporte",
    "online",
    "outro",
)


def suggested_settings() -> tuple[str, ...]:
    """The settings to suggest, in the interface's language."""
    from .i18n import language

    return DEFAULT_SETTINGS_PT_BR if language() == "pt_BR" else DEFAULT_SETTINGS


def suggested_group_kinds() -> tuple[str, ...]:
    """The kinds of group to suggest, in the interface's language."""
    from .i18n import language

    return GROUP_KINDS_PT_BR if language() == "pt_BR" else GROUP_KINDS
CONFIDENCES = ("low", "medium", "high")
# Suggested kinds of group; any other word of the user's is kept as typed.
GROUP_KINDS = ("support group", "meetup", "club", "class", "team")
# The same suggestions in a Portuguese interface (issue 19); the kind typed is stored as typed.
GROUP_KINDS_PT_BR = ("grupo de apoio", "meetup", "clube", "turma", "equipe")

# A hashtag is a word after '#': letters of any script, digits, '-' and '_'.
_HASHTAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")


def new_id() -> str:
    return str(uuid.uuid4())


def hashtags(text: str) -> list[str]:
    return _HASHTAG.findall(text or "")


def merge_topics(*groups: list[str]) -> list[str]:
    """Union of topic lists, first spelling kept, compared without case."""
    seen: dict[str, str] = {}
    for group in groups:
        for topic in group:
            topic = topic.strip().lstrip("#").strip()
            if topic and topic.casefold() not in seen:
                seen[topic.casefold()] = topic
    return list(seen.values())


def _stamp() -> str:
    return clock.utc_stamp()


class DamagedRecord(ValueError):
    """A record of the file that is not what its table holds: kept as it is, and left out."""


def _text(data: dict, key: str, default: str | None = "") -> str:
    value = data.get(key, default) if default is not None else data[key]
    if type(value) is not str:
        raise DamagedRecord(_("its {field} is not text ({type})").format(field=key, type=type(value).__name__))
    return value


def _name(data: dict, key: str) -> str:
    value = _text(data, key, None)
    if not value.strip():
        raise DamagedRecord(_("its {field} is empty").format(field=key))
    return value


def _optional_text(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is not None and type(value) is not str:
        raise DamagedRecord(_("its {field} is neither text nor null ({type})").format(field=key, type=type(value).__name__))
    return value


def _optional_id(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is not None and (type(value) is not str or not value.strip()):
        raise DamagedRecord(_("its {field} is neither an id nor null").format(field=key))
    return value


def _texts(data: dict, key: str) -> list[str]:
    value = data.get(key, [])
    # A copy: a record changed in place must not change the stored document.
    if type(value) is not list or any(type(item) is not str for item in value):
        raise DamagedRecord(_("its {field} is not a list of text").format(field=key))
    return list(value)


def _pairs(data: dict, key: str) -> list[list[str]]:
    value = data.get(key, [])
    if type(value) is not list or any(
        type(pair) is not list or len(pair) != 2 or any(type(x) is not str for x in pair) for pair in value
    ):
        raise DamagedRecord(_("its {field} is not a list of pairs of ids").format(field=key))
    return [list(pair) for pair in value]


# Moments a journal can hold: outside them, converting between zones overflows.
_EARLIEST, _LATEST = 1800, 2300


def parse_moment(value, key: str = "when") -> datetime:
    """An aware datetime from its ISO form, or DamagedRecord saying what is wrong."""
    if type(value) is not str:
        raise DamagedRecord(_("its {field} is not text ({type})").format(field=key, type=type(value).__name__))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise DamagedRecord(_("its {field} {value} is not a date and time").format(field=key, value=repr(value[:40]))) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DamagedRecord(_("its {field} {value} has no UTC offset").format(field=key, value=repr(value[:40])))
    if not _EARLIEST <= moment.year <= _LATEST:
        raise DamagedRecord(_("its {field} {value} is outside the years {first}-{last}").format(
            field=key, value=repr(value[:40]), first=_EARLIEST, last=_LATEST))
    return moment


def _stamps(data: dict) -> dict:
    return {"created_at": _text(data, "created_at"), "updated_at": _text(data, "updated_at")}


@dataclass(slots=True)
class FollowUp:
    text: str = ""
    due: date | None = None
    done: bool = False

    @property
    def is_open(self) -> bool:
        return bool(self.text) and not self.done

    def to_dict(self) -> dict:
        return {"text": self.text, "due": self.due.isoformat() if self.due else None, "done": self.done}

    @classmethod
    def from_dict(cls, data: dict | None) -> "FollowUp | None":
        if not data:
            return None
        if type(data) is not dict:
            raise DamagedRecord(_("its follow_up is not an object"))
        due = _optional_text(data, "due")
        try:
            due = date.fromisoformat(due) if due else None
        except ValueError:
            raise DamagedRecord(_("its follow-up's due date {due} is not a date").format(due=repr(due[:40]))) from None
        if due is not None and not _EARLIEST <= due.year <= _LATEST:
            raise DamagedRecord(_("its follow-up's due date {due} is outside the years {first}-{last}").format(
                due=due, first=_EARLIEST, last=_LATEST))
        done = data.get("done", False)
        if type(done) is not bool:
            raise DamagedRecord(_("its follow-up's done is neither true nor false"))
        return cls(text=_text(data, "text"), due=due, done=done)


@dataclass(slots=True)
class Encounter:
    when: datetime
    people: list[str] = field(default_factory=list)
    place: str = ""
    setting: str = ""
    notes: str = ""
    topics: list[str] = field(default_factory=list)
    learned: str = ""
    gave: str = ""
    asked: str = ""
    follow_up: FollowUp | None = None
    # Introductions I made here: pairs of person ids, "I introduced A to B".
    introduced: list[list[str]] = field(default_factory=list)
    # Which of my qualities (Me.qualities) I told the people present.
    told: list[str] = field(default_factory=list)
    # The group this encounter is a meeting of (journal.groups); None for most.
    group_id: str | None = None
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)
    # Whom the give / the ask counts for (person ids, named by @Name in the
    # text); None, and absent from the file: everyone present (journal.credit).
    gave_to: list[str] | None = None
    asked_of: list[str] | None = None

    @property
    def has_open_follow_up(self) -> bool:
        return self.follow_up is not None and self.follow_up.is_open

    def to_dict(self) -> dict:
        data = {
            "id": self.id,
            "when": self.when.isoformat(),
            "people": list(self.people),
            "place": self.place,
            "setting": self.setting,
            "notes": self.notes,
            "topics": list(self.topics),
            "learned": self.learned,
            "gave": self.gave,
            "asked": self.asked,
            "follow_up": self.follow_up.to_dict() if self.follow_up else None,
            "introduced": [list(pair) for pair in self.introduced],
            "told": list(self.told),
            "group_id": self.group_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        # Optional: written only when the text named someone, so an encounter
        # without is byte for byte what earlier versions wrote.
        if self.gave_to is not None:
            data["gave_to"] = list(self.gave_to)
        if self.asked_of is not None:
            data["asked_of"] = list(self.asked_of)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Encounter":
        """The encounter a document holds, or DamagedRecord (a ValueError) saying what is wrong."""
        return cls(
            id=_name(data, "id"),
            when=parse_moment(data.get("when")),
            people=_texts(data, "people"),
            place=_text(data, "place"),
            setting=_text(data, "setting"),
            notes=_text(data, "notes"),
            topics=_texts(data, "topics"),
            learned=_text(data, "learned"),
            gave=_text(data, "gave"),
            asked=_text(data, "asked"),
            follow_up=FollowUp.from_dict(data.get("follow_up")),
            introduced=_pairs(data, "introduced"),
            told=_texts(data, "told"),
            # Absent in records written before schema 4: null.
            group_id=_optional_id(data, "group_id"),
            **_stamps(data),
            gave_to=_ids(data, "gave_to"),
            asked_of=_ids(data, "asked_of"),
        )


def _ids(data: dict, key: str) -> list[str] | None:
    """An optional list of ids: absent or null is None (gave_to, asked_of: everyone present)."""
    if data.get(key) is None:
        return None
    return _texts(data, key)


@dataclass(slots=True)
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    organisation: str = ""
    interests: list[str] = field(default_factory=list)
    introduced_by: str | None = None
    notes: str = ""
    keep_in_touch_days: int | None = None
    # Contact fields (schema 3); absent in older records, which read as empty.
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Person":
        days = data.get("keep_in_touch_days")
        if days is not None and (type(days) is not int or days <= 0):
            raise DamagedRecord(_("its keep_in_touch_days is not a whole number above 0"))
        return cls(
            id=_name(data, "id"),
            name=_name(data, "name"),
            aliases=_texts(data, "aliases"),
            organisation=_text(data, "organisation"),
            interests=_texts(data, "interests"),
            introduced_by=_optional_text(data, "introduced_by"),
            notes=_text(data, "notes"),
            keep_in_touch_days=days,
            emails=_texts(data, "emails"),
            phones=_texts(data, "phones"),
            links=_texts(data, "links"),
            **_stamps(data),
        )


@dataclass(slots=True)
class OpinionRevision:
    """A past version of an opinion, kept when the stance or confidence changed."""

    stance: str
    confidence: str
    changed_at: str
    encounter: str | None = None


@dataclass(slots=True)
class Opinion:
    subject: str
    stance: str
    confidence: str = "medium"
    encounters: list[str] = field(default_factory=list)
    history: list[OpinionRevision] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Opinion":
        history = data.get("history", [])
        if type(history) is not list or any(type(h) is not dict for h in history):
            raise DamagedRecord(_("its history is not a list of objects"))
        return cls(
            id=_name(data, "id"),
            subject=_name(data, "subject"),
            stance=_text(data, "stance", None),
            confidence=_text(data, "confidence", "medium"),
            encounters=_texts(data, "encounters"),
            history=[
                OpinionRevision(_text(h, "stance", None), _text(h, "confidence", None), _text(h, "changed_at", None),
                                _optional_text(h, "encounter"))
                for h in history
            ],
            **_stamps(data),
        )


@dataclass(slots=True)
class WeekReview:
    week: str  # ISO week label, "2026-W48"
    reflection: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "WeekReview":
        week = _name(data, "week")
        if not re.fullmatch(r"\d{4}-W\d{2}", week):
            raise DamagedRecord(_("its week {week} is not an ISO week like 2026-W48").format(week=repr(week[:20])))
        return cls(id=_name(data, "id"), week=week, reflection=_text(data, "reflection"), **_stamps(data))


@dataclass(slots=True)
class Recurrence:
    """A group's cadence as stored: an RFC 5545 RRULE from a local wall-clock start.

    `start` is floating local time, "2026-11-03T19:00" (or a date, "2026-11-03",
    for meetings without a time): 19:00 stays 19:00 on the clock across DST
    changes. `exdates` cancel one meeting, `rdates` add one (a meeting moved is
    both). `text` is what the user typed. Only the types are checked here: the
    rule itself is read by journal.cadence, and one it cannot read (a hostile or
    huge rule from a hand edit) leaves the group with an "unreadable cadence"
    instead of leaving the group out.
    """

    rrule: str
    start: str
    text: str = ""
    exdates: list[str] = field(default_factory=list)
    rdates: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"rrule": self.rrule, "start": self.start, "text": self.text,
                "exdates": list(self.exdates), "rdates": list(self.rdates)}

    @classmethod
    def from_dict(cls, data) -> "Recurrence | None":
        if data is None:
            return None
        if type(data) is not dict:
            raise DamagedRecord(_("its cadence is neither an object nor null"))
        return cls(
            rrule=_text(data, "rrule", None),
            start=_text(data, "start", None),
            text=_text(data, "text"),
            exdates=_texts(data, "exdates"),
            rdates=_texts(data, "rdates"),
        )


@dataclass(slots=True)
class Group:
    """People who meet periodically: a support group, a meetup, a club (issue 17)."""

    name: str
    kind: str = ""
    place: str = ""
    setting: str = ""
    members: list[str] = field(default_factory=list)  # person ids, in the order they joined
    notes: str = ""
    cadence: Recurrence | None = None
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "place": self.place,
            "setting": self.setting,
            "members": list(self.members),
            "notes": self.notes,
            "cadence": self.cadence.to_dict() if self.cadence else None,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Group":
        return cls(
            id=_name(data, "id"),
            name=_name(data, "name"),
            kind=_text(data, "kind"),
            place=_text(data, "place"),
            setting=_text(data, "setting"),
            members=_texts(data, "members"),
            notes=_text(data, "notes"),
            cadence=Recurrence.from_dict(data.get("cadence")),
            **_stamps(data),
        )


# The tables whose records sync between copies of a journal (journal.merge).
RECORD_TABLES = ("people", "encounters", "opinions", "reviews", "me", "groups")


@dataclass(slots=True)
class Tombstone:
    """A deleted record: its id, its table and when it went (schema 3).

    A merge with another copy of the journal must not bring the record back
    (journal.merge). `merged_into` is the person a deleted person was merged
    into, so that the other copy's references to them follow.
    """

    id: str  # the deleted record's id
    table: str
    deleted_at: str = field(default_factory=_stamp)
    merged_into: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Tombstone":
        table = _name(data, "table")
        if table not in (*RECORD_TABLES, "conflicts"):
            raise DamagedRecord(_("its table {table} is not one that holds records").format(table=repr(table[:40])))
        deleted_at = _text(data, "deleted_at", None)
        parse_moment(deleted_at, "deleted_at")
        return cls(id=_name(data, "id"), table=table, deleted_at=deleted_at,
                   merged_into=_optional_text(data, "merged_into"))


@dataclass(slots=True)
class Conflict:
    """A version of a record that lost a merge to a later one, kept for review (schema 3).

    `record` is the set-aside version, whole, as its table stores it; the
    version in use is the record in its table. `id` is derived from the
    record's id and the set-aside content, so that merging the same copy
    twice sets it aside once.
    """

    id: str
    table: str
    record_id: str
    record: dict
    found_at: str = field(default_factory=_stamp)

    def to_dict(self) -> dict:
        return {"id": self.id, "table": self.table, "record_id": self.record_id,
                "record": dict(self.record), "found_at": self.found_at}

    def version(self):
        """The set-aside version as its model (Encounter, Person...)."""
        return record_model(self.table).from_dict(self.record)

    @classmethod
    def from_dict(cls, data: dict) -> "Conflict":
        table = _name(data, "table")
        if table not in RECORD_TABLES:
            raise DamagedRecord(_("its table {table} is not one that holds records").format(table=repr(table[:40])))
        record = data.get("record")
        if type(record) is not dict:
            raise DamagedRecord(_("its record is not an object"))
        record_id = _name(data, "record_id")
        try:
            version = record_model(table).from_dict(record)
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise DamagedRecord(_("its set-aside record is damaged ({problem})").format(problem=exc)) from None
        if version.id != record_id:
            raise DamagedRecord(_("its record's id is not its record_id"))
        found_at = _text(data, "found_at", None)
        parse_moment(found_at, "found_at")
        return cls(id=_name(data, "id"), table=table, record_id=record_id, record=dict(record), found_at=found_at)


def record_model(table: str):
    """The model class of a record table."""
    return {"people": Person, "encounters": Encounter, "opinions": Opinion, "reviews": WeekReview, "me": Me,
            "groups": Group}[table]


@dataclass(slots=True)
class Me:
    """The one record about the journal's owner: what I want people to know I do well."""

    qualities: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Me":
        return cls(id=_name(data, "id"), qualities=_texts(data, "qualities"), **_stamps(data))


@dataclass
class EncounterDraft:
    """What a form or the command line typed, before names become people."""

    when: datetime
    who: list[str] = field(default_factory=list)
    place: str = ""
    setting: str = ""
    notes: str = ""
    topics: list[str] = field(default_factory=list)
    learned: str = ""
    gave: str = ""
    asked: str = ""
    follow_up: str = ""
    due: date | None = None
    introduced: list[tuple[str, str]] = field(default_factory=list)  # pairs of names
    told: list[str] = field(default_factory=list)
    met_through: str = ""  # who introduced the people this encounter makes


__all__ = [
    "DEFAULT_SETTINGS",
    "DEFAULT_SETTINGS_PT_BR",
    "suggested_group_kinds",
    "suggested_settings",
    "CONFIDENCES",
    "GROUP_KINDS",
    "GROUP_KINDS_PT_BR",
    "Encounter",
    "EncounterDraft",
    "FollowUp",
    "Me",
    "Group",
    "Opinion",
    "OpinionRevision",
    "Person",
    "Recurrence",
    "RECORD_TABLES",
    "Conflict",
    "Tombstone",
    "WeekReview",
    "record_model",
    "hashtags",
    "merge_topics",
    "new_id",
    "replace",
]
