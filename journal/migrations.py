"""Schema versions of the journal file and the steps between them.

Version 1 is the prototype's format (no `meta` table, no UUIDs, people named
inline on each encounter). Version 2 gave every record a UUID. Version 3 added
reach and visibility (issue 18); version 4 added groups (issue 17); version 5,
the current one described in docs/journal-format.md, adds the `tombstones` and
`conflicts` tables and the contact fields of people (issue 20). Each step takes
the raw TinyDB dict and returns a new one; `migrate` runs every step needed, in
order.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable

from . import clock
from .i18n import _
from .models import FollowUp, hashtags, merge_topics
from .text import clean, clean_line, split_list

CURRENT_SCHEMA = 5
TABLES = ("encounters", "people", "opinions", "reviews", "me", "groups", "tombstones", "conflicts", "meta")


class SchemaError(Exception):
    pass


def schema_version(data: dict | None) -> int:
    if not data:
        return CURRENT_SCHEMA  # a new, empty journal is born current
    meta = data.get("meta") or {}
    for doc in meta.values():
        if isinstance(doc, dict) and "schema_version" in doc:
            version = doc["schema_version"]
            if not isinstance(version, int) or version < 1:
                raise SchemaError(_("its schema_version {version} is not a version number").format(version=repr(version)))
            return version
    return 1


def _who(value) -> list:
    """The names of a v1 encounter's `who`: a list, or (hand-written) one comma-separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        # Iterating the string would make one person per letter.
        return split_list(value)
    return value


def _v1_to_v2(data: dict) -> dict:
    # The same UTC stamp as every other record, and the frozen clock in tests.
    stamp = clock.utc_stamp()
    people_by_name: dict[str, dict] = {}
    people: dict[str, dict] = {}

    def person_id(name: str) -> str:
        # The prototype stored text as typed; apply today's cleaning rule.
        name = clean_line(name)
        key = name.casefold()
        if key not in people_by_name:
            doc = {
                "id": str(uuid.uuid4()), "name": name, "aliases": [], "organisation": "",
                "interests": [], "introduced_by": None, "notes": "", "keep_in_touch_days": None,
                "created_at": stamp, "updated_at": stamp,
            }
            people_by_name[key] = doc
            people[str(len(people) + 1)] = doc
        return people_by_name[key]["id"]

    for old in (data.get("people") or {}).values():
        person_id(old["name"])
        people_by_name[clean_line(old["name"]).casefold()]["interests"] = [
            clean_line(i) for i in old.get("interests", []) if clean_line(i)
        ]

    encounters = {}
    for doc_id, old in (data.get("encounters") or {}).items():
        notes = clean(old.get("notes", ""))
        follow = None
        if clean_line(old.get("followup") or ""):
            follow = FollowUp(text=clean_line(old["followup"]), due=None, done=bool(old.get("followup_done"))).to_dict()
            follow["due"] = old.get("followup_due") or None
        encounters[doc_id] = {
            "id": str(uuid.uuid4()),
            "when": old["date"],
            # One person once, and no nameless one from an empty item.
            "people": list(dict.fromkeys(person_id(name) for name in _who(old.get("who")) if clean_line(name))),
            "place": clean_line(old.get("place", "")),
            "setting": clean_line(old.get("kind", "")).casefold(),
            "notes": notes,
            "topics": merge_topics(hashtags(notes)),
            "learned": "",
            "gave": clean(old.get("gave", "")),
            "asked": clean(old.get("asked", "")),
            "follow_up": follow,
            "created_at": stamp,
            "updated_at": stamp,
        }
    return {
        "encounters": encounters,
        "people": people,
        "opinions": {},
        "reviews": {},
        "meta": {"1": {"schema_version": 2}},
    }


def _set_version(data: dict, version: int) -> None:
    meta = data.setdefault("meta", {})
    for doc in meta.values():
        if isinstance(doc, dict) and "schema_version" in doc:
            doc["schema_version"] = version
            return
    meta[str(len(meta) + 1)] = {"schema_version": version}


def _v2_to_v3(data: dict) -> dict:
    """Reach and visibility (issue 18): the `me` table (my qualities), and per encounter
    the introductions I made and the qualities I told. A v2 encounter means what it
    meant (nothing introduced, nothing told): the fields default to empty when read,
    so no record is rewritten (a damaged one stays exactly as it was)."""
    data = dict(data)
    data.setdefault("me", {})
    _set_version(data, 3)
    return data


def _v3_to_v4(data: dict) -> dict:
    """Groups (issue 17): an empty `groups` table, and nothing else.

    Encounters gain `group_id`, but an encounter without it is read as null,
    so no record is rewritten: a damaged one stays exactly as it was, and the
    step only adds what is missing (running it twice changes nothing more).
    """
    upgraded = dict(data)
    upgraded.setdefault("groups", {})
    meta = {key: dict(doc) if isinstance(doc, dict) else doc for key, doc in (data.get("meta") or {}).items()}
    for doc in meta.values():
        if isinstance(doc, dict) and "schema_version" in doc:
            doc["schema_version"] = 4
            break
    else:  # not reached from a real v3 file, whose meta holds its version
        meta[str(max((int(k) for k in meta if k.isdigit()), default=0) + 1)] = {"schema_version": 4}
    upgraded["meta"] = meta
    return upgraded


def _v4_to_v5(data: dict) -> dict:
    """Add the tables of deletions and of versions set aside by a merge (journal.merge, issue 20).

    Only adds: every other table and record is kept as it is (the contact
    fields of people read as empty when absent), and a table already there
    is left alone, so the step can run on data that has it.
    """
    upgraded = dict(data)
    for name in ("tombstones", "conflicts"):
        if not isinstance(upgraded.get(name), dict):
            upgraded[name] = {}
    meta = dict(upgraded.get("meta") or {})
    for key, doc in meta.items():
        if isinstance(doc, dict) and "schema_version" in doc:
            meta[key] = {**doc, "schema_version": 5}
            break
    else:  # unreachable for version 4 data, which has its version; kept for safety
        key = 1
        while str(key) in meta:
            key += 1
        meta[str(key)] = {"schema_version": 5}
    upgraded["meta"] = meta
    return upgraded


STEPS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def migrate(data: dict) -> tuple[dict, bool]:
    """Return (data at CURRENT_SCHEMA, whether anything changed)."""
    version = schema_version(data)
    if version > CURRENT_SCHEMA:
        raise SchemaError(
            _("it was written by a newer netjournal (schema {version}; this one knows {known}); upgrade netjournal").format(
                version=version, known=CURRENT_SCHEMA)
        )
    changed = False
    while version < CURRENT_SCHEMA:
        data = STEPS[version](data)
        version += 1
        changed = True
    return data, changed
