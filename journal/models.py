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
from functools import lru_cache
from datetime import date, datetime

from . import clock

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
CONFIDENCES = ("low", "medium", "high")

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


class _PlainRecord:
    """to_dict/from_dict for records whose fields map one to one onto the file.

    Keys a newer netjournal may add are ignored rather than refused.
    """

    __slots__ = ()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict):
        known = _field_names(cls)
        # Lists are copied: a record changed in place must not change the stored
        # document behind TinyDB's back (a save would not see it; pieces.Layout).
        return cls(**{k: list(v) if type(v) is list else v for k, v in data.items() if k in known})


@lru_cache(maxsize=None)
def _field_names(cls) -> frozenset[str]:
    # Computed once per class: fields() is slow, and a journal has many records.
    return frozenset(f.name for f in fields(cls))


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
        due = data.get("due")
        return cls(
            text=data.get("text", ""),
            due=date.fromisoformat(due) if due else None,
            done=bool(data.get("done", False)),
        )


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
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)

    @property
    def has_open_follow_up(self) -> bool:
        return self.follow_up is not None and self.follow_up.is_open

    def to_dict(self) -> dict:
        return {
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
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Encounter":
        return cls(
            id=data["id"],
            when=datetime.fromisoformat(data["when"]),
            people=list(data.get("people", [])),
            place=data.get("place", ""),
            setting=data.get("setting", ""),
            notes=data.get("notes", ""),
            topics=list(data.get("topics", [])),
            learned=data.get("learned", ""),
            gave=data.get("gave", ""),
            asked=data.get("asked", ""),
            follow_up=FollowUp.from_dict(data.get("follow_up")),
            created_at=data.get("created_at", ""),
            updated_at=data.get("updated_at", ""),
        )


@dataclass(slots=True)
class Person(_PlainRecord):
    name: str
    aliases: list[str] = field(default_factory=list)
    organisation: str = ""
    interests: list[str] = field(default_factory=list)
    introduced_by: str | None = None
    notes: str = ""
    keep_in_touch_days: int | None = None
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)



@dataclass(slots=True)
class OpinionRevision:
    """A past version of an opinion, kept when the stance or confidence changed."""

    stance: str
    confidence: str
    changed_at: str
    encounter: str | None = None


@dataclass(slots=True)
class Opinion(_PlainRecord):
    subject: str
    stance: str
    confidence: str = "medium"
    encounters: list[str] = field(default_factory=list)
    history: list[OpinionRevision] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)

    @classmethod
    def from_dict(cls, data: dict) -> "Opinion":
        data = dict(data)
        data["history"] = [OpinionRevision(**h) for h in data.get("history", [])]
        return super(Opinion, cls).from_dict(data)


@dataclass(slots=True)
class WeekReview(_PlainRecord):
    week: str  # ISO week label, "2026-W48"
    reflection: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=_stamp)
    updated_at: str = field(default_factory=_stamp)



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


__all__ = [
    "DEFAULT_SETTINGS",
    "CONFIDENCES",
    "Encounter",
    "EncounterDraft",
    "FollowUp",
    "Opinion",
    "OpinionRevision",
    "Person",
    "WeekReview",
    "hashtags",
    "merge_topics",
    "new_id",
    "replace",
]
