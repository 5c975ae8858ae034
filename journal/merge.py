"""Joining two copies of a journal that diverged, record by record (issue 20).

Pure functions on dicts: each side is `{table: {record id: record}}` for the
record tables, `tombstones` and `conflicts`, every record in its on-disk
form (journal.models `to_dict`). journal.sync reads the files, checks the
records and saves the result in one transaction.

The rules, for each record id:
- A version is *under* a tombstone of its id when the deletion is not older
  than the version (`deleted_at >= updated_at`): a record can only be deleted
  after its last change.
- Of the versions not under a tombstone, the latest `updated_at` is kept (ties
  go to the larger serialised form, so that the choice does not depend on
  which side is which). Any other version is set aside in `conflicts`, for
  review: nothing is dropped. No version left: the record stays deleted.
- People made independently on both sides (each on one side only) become one
  when they share an email, or when their folded names are the same and
  their organisations do not differ; the person with the smaller id stays,
  the other is buried with `merged_into`, and references follow it.
  Same name with different organisations: both stay, listed for review.
- References to a person buried with `merged_into` (by a merge here, or by
  merging people in the app) follow to the person they went into, on both
  sides, before versions are compared.
- Tombstones and conflicts are joined (the latest deletion of an id; a
  conflict once); a conflict with a tombstone was resolved and stays so.

So the result does not depend on the order of the sides (commutative),
merging a copy again changes nothing (idempotent), and every version of
both sides is in the result, set aside, or under a newer tombstone
(lossless); tests/test_merge_properties.py checks all three.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

import orjson

from .contacts import email_keys, joined
from .models import RECORD_TABLES, merge_topics
from .names import fold

Tables = dict[str, dict[str, dict]]
SIDE = ("tombstones", "conflicts")
ALL_TABLES = (*RECORD_TABLES, *SIDE)
_CONFLICT_NAMESPACE = uuid.UUID("5f0c2d1e-7a3b-4c61-9a55-3f7c8e0b2d41")
_OLDEST = float("-inf")


def canonical(record: dict) -> bytes:
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)


def moment(stamp) -> float:
    """A stamp as a number for ordering; a stamp that does not parse is the oldest."""
    try:
        value = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return _OLDEST
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    try:
        return value.timestamp()
    except (OverflowError, ValueError):
        return _OLDEST


def _order(record: dict) -> tuple[float, bytes]:
    return (moment(record.get("updated_at")), canonical(record))


def conflict_id(table: str, record: dict) -> str:
    """The same set-aside version always gets the same conflict id."""
    digest = hashlib.sha256(canonical(record)).hexdigest()
    return str(uuid.uuid5(_CONFLICT_NAMESPACE, f"{table}\n{record['id']}\n{digest}"))


@dataclass
class Change:
    action: str  # "added", "updated", "deleted"
    table: str
    id: str


@dataclass
class Join:
    """Two people made independently who are one: `absorbed` went into `kept`."""

    kept: str
    absorbed: str
    by: str  # "email" or "name"


@dataclass
class MergeResult:
    tables: Tables
    changes: list[Change] = field(default_factory=list)  # relative to `mine`
    conflicts: list[dict] = field(default_factory=list)  # the ones this merge set aside
    joins: list[Join] = field(default_factory=list)
    not_joined: list[tuple[str, str]] = field(default_factory=list)  # same name, different organisation

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def empty() -> Tables:
    return {name: {} for name in ALL_TABLES}


# ------------------------------------------------------------------ rules
def _join_tombstones(*sides: dict[str, dict]) -> dict[str, dict]:
    joined_: dict[str, dict] = {}
    for side in sides:
        for tid, tomb in side.items():
            held = joined_.get(tid)
            if held is None or (moment(tomb["deleted_at"]), canonical(tomb)) > (moment(held["deleted_at"]), canonical(held)):
                joined_[tid] = tomb
    return joined_


def _dead_at(tombs: dict[str, dict], table: str, rid: str) -> float:
    tomb = tombs.get(rid)
    return moment(tomb["deleted_at"]) if tomb is not None and tomb["table"] == table else None


def _alive(versions: list[dict], dead_at: float | None) -> list[dict]:
    if dead_at is None:
        return versions
    return [v for v in versions if moment(v.get("updated_at")) > dead_at]


def _people_alive_one_side(mine: dict, theirs: dict, tombs: dict) -> tuple[dict, dict]:
    """People on one side only that no tombstone covers: the candidates for a join."""
    def only(a: dict, b: dict) -> dict:
        return {pid: p for pid, p in a.items() if pid not in b and _alive([p], _dead_at(tombs, "people", pid))}

    return only(mine, theirs), only(theirs, mine)


def _pairs(left: dict, right: dict, keys) -> list[tuple[str, str]]:
    """(left id, right id) for keys held by exactly one person on each side, each person in one pair."""
    def index(people: dict) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for pid, person in people.items():
            for key in keys(person):
                found.setdefault(key, set()).add(pid)
        return found

    li, ri = index(left), index(right)
    pairs = {(next(iter(li[k])), next(iter(ri[k]))) for k in li.keys() & ri.keys() if len(li[k]) == 1 and len(ri[k]) == 1}
    # Someone paired with two different people is ambiguous: no join for them.
    lefts = [a for a, _ in pairs]
    rights = [b for _, b in pairs]
    return sorted((a, b) for a, b in pairs if lefts.count(a) == 1 and rights.count(b) == 1)


def _name_keys(person: dict) -> set[str]:
    key = fold(person["name"])
    return {key} if key else set()


def _compatible(a: dict, b: dict) -> bool:
    """Nothing says two people of one name are different: no two organisations, introducers or cadences."""
    oa, ob = fold(a.get("organisation", "")), fold(b.get("organisation", ""))
    if oa and ob and oa != ob:
        return False
    return all(a.get(k) is None or b.get(k) is None or a.get(k) == b.get(k) for k in ("introduced_by", "keep_in_touch_days"))


def _combine(first: dict, second: dict, now: str) -> dict:
    """One person from two: `first` (the one kept) leads, nothing of `second` is lost."""
    person = dict(first)
    extra_names = [second["name"]] if second["name"].casefold() != first["name"].casefold() else []
    person["aliases"] = [a for a in merge_topics(first.get("aliases", []), extra_names, second.get("aliases", []))
                         if a.casefold() != first["name"].casefold()]
    person["interests"] = merge_topics(first.get("interests", []), second.get("interests", []))
    person["organisation"] = first.get("organisation") or second.get("organisation", "")
    notes = [n for n in (first.get("notes", ""), second.get("notes", "")) if n]
    person["notes"] = "\n\n".join(dict.fromkeys(notes))
    person["keep_in_touch_days"] = first.get("keep_in_touch_days") or second.get("keep_in_touch_days")
    person["introduced_by"] = first.get("introduced_by") or second.get("introduced_by")
    for name in ("emails", "phones", "links"):
        person[name] = joined(name, first.get(name, []), second.get(name, []))
    person["created_at"] = min(first["created_at"], second["created_at"], key=moment)
    # Later than both: merging either side again must keep this version (it
    # subsumes theirs, so they are not set aside either).
    person["updated_at"] = _after(now, first["updated_at"], second["updated_at"])
    return person


def _after(now: str, *stamps: str) -> str:
    """`now`, or a second after the latest of `stamps` if that is not earlier (a clock ahead)."""
    latest = max(moment(s) for s in stamps)
    if moment(now) > latest:
        return now
    try:
        return datetime.fromtimestamp(latest + 1, timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, ValueError, OSError):
        return max(stamps, key=moment)  # the year 9999: nothing later can be written


def _join_people(mine_only: dict, theirs_only: dict, now: str) -> tuple[list[Join], dict, dict, list]:
    """The joins, their combined people, their tombstones, and the pairs left for review."""
    joins: list[Join] = []
    combined: dict[str, dict] = {}
    tombs: dict[str, dict] = {}
    by_email = _pairs(mine_only, theirs_only, lambda p: email_keys(p.get("emails", [])))
    taken = {pid for pair in by_email for pid in pair}
    left = {k: v for k, v in mine_only.items() if k not in taken}
    right = {k: v for k, v in theirs_only.items() if k not in taken}
    by_name, review = [], []
    for a, b in _pairs(left, right, _name_keys):
        (by_name if _compatible(left[a], right[b]) else review).append((a, b))
    for how, pairs in (("email", by_email), ("name", by_name)):
        for a, b in pairs:
            pa, pb = mine_only[a], theirs_only[b]
            first, second = (pa, pb) if a < b else (pb, pa)
            person = _combine(first, second, now)
            combined[first["id"]] = person
            tombs[second["id"]] = {"id": second["id"], "table": "people", "deleted_at": person["updated_at"],
                                   "merged_into": first["id"]}
            joins.append(Join(kept=first["id"], absorbed=second["id"], by=how))
    return joins, combined, tombs, [tuple(sorted(pair)) for pair in review]


def _follower(tombs: dict, alive: set[str]):
    """person id -> the live person it was merged into (itself when alive or merged nowhere live)."""
    def follow(pid):
        if pid is None or pid in alive:
            return pid
        seen, current = set(), pid
        while current not in alive:
            tomb = tombs.get(current)
            if tomb is None or tomb["table"] != "people" or not tomb.get("merged_into") or current in seen:
                return pid
            seen.add(current)
            current = tomb["merged_into"]
        return current

    return follow


def _normalised(table: str, record: dict, follow) -> dict:
    if table == "encounters":
        people = list(dict.fromkeys(follow(pid) for pid in record.get("people", [])))
        introduced = [[follow(a), follow(b)] for a, b in record.get("introduced", [])]
        changed = {}
        if people != record.get("people", []):
            changed["people"] = people
        if introduced != record.get("introduced", []):
            changed["introduced"] = introduced
        if changed:
            return {**record, **changed}
    elif table == "groups":
        members = list(dict.fromkeys(follow(pid) for pid in record.get("members", [])))
        if members != record.get("members", []):
            return {**record, "members": members}
    elif table == "people":
        introducer = follow(record.get("introduced_by"))
        if introducer == record["id"]:
            introducer = None
        if introducer != record.get("introduced_by"):
            return {**record, "introduced_by": introducer}
    return record


def _folded_set(values) -> set[str]:
    return {v.casefold() for v in values}


def person_subsumes(winner: dict, loser: dict) -> bool:
    """Everything `loser` says about a person, `winner` says too: nothing to set aside.

    So a version that only lacks what the other side added (an alias, an
    interest, an email, a note appended; a person joined with another) is no
    conflict. A value changed or removed is.
    """
    names = _folded_set([winner["name"], *winner.get("aliases", [])])
    if not _folded_set([loser["name"], *loser.get("aliases", [])]) <= names:
        return False
    if not _folded_set(loser.get("interests", [])) <= _folded_set(winner.get("interests", [])):
        return False
    for name in ("emails", "phones", "links"):
        if joined(name, winner.get(name, []), loser.get(name, [])) != joined(name, winner.get(name, [])):
            return False
    for name in ("organisation", "keep_in_touch_days", "introduced_by"):
        if loser.get(name) not in (None, "", winner.get(name)):
            return False
    return loser.get("notes", "") in winner.get("notes", "")


def me_subsumes(winner: dict, loser: dict) -> bool:
    return _folded_set(loser.get("qualities", [])) <= _folded_set(winner.get("qualities", []))


_SUBSUMES = {"people": person_subsumes, "me": me_subsumes}


def _join_me(mine: dict, theirs: dict, tombs: dict, now: str) -> tuple[dict, dict]:
    """The journal's owner is one record: made on both sides, the two become one (qualities joined)."""
    alive = {**{k: v for k, v in mine.items() if k not in theirs}, **{k: v for k, v in theirs.items() if k not in mine}}
    alive = {k: v for k, v in alive.items() if _alive([v], _dead_at(tombs, "me", k))}
    if len(alive) < 2:
        return {}, {}
    ids = sorted(alive)
    first = dict(alive[ids[0]])
    first["qualities"] = merge_topics(*(alive[i].get("qualities", []) for i in ids))
    first["created_at"] = min((alive[i]["created_at"] for i in ids), key=moment)
    first["updated_at"] = _after(now, *(alive[i]["updated_at"] for i in ids))
    buried = {i: {"id": i, "table": "me", "deleted_at": first["updated_at"], "merged_into": ids[0]} for i in ids[1:]}
    return {ids[0]: first}, buried


def _merge_table(table: str, mine: dict, theirs: dict, tombs: dict) -> tuple[dict, list[dict]]:
    """The surviving version of each record id, and the versions set aside."""
    subsumes = _SUBSUMES.get(table, lambda winner, loser: winner == loser)
    result: dict[str, dict] = {}
    aside: list[dict] = []
    for rid in sorted(mine.keys() | theirs.keys()):
        versions = [v for v in (mine.get(rid), theirs.get(rid)) if v is not None]
        alive = _alive(versions, _dead_at(tombs, table, rid))
        if not alive:
            continue
        winner = max(alive, key=_order)
        result[rid] = winner
        for version in alive:
            if version != winner and not subsumes(winner, version):
                aside.append(version)
    return result, aside


# ------------------------------------------------------------------- merge
def merge(mine: Tables, theirs: Tables, now: str) -> MergeResult:
    """Join `theirs` into `mine`; `now` stamps the conflicts found (a UTC stamp)."""
    tombs = _join_tombstones(mine.get("tombstones", {}), theirs.get("tombstones", {}))
    mine_only, theirs_only = _people_alive_one_side(mine.get("people", {}), theirs.get("people", {}), tombs)
    joins, combined, join_tombs, review = _join_people(mine_only, theirs_only, now)
    me_combined, me_tombs = _join_me(mine.get("me", {}), theirs.get("me", {}), tombs, now)
    tombs = _join_tombstones(tombs, join_tombs, me_tombs)

    alive_people = {
        pid for pid in mine.get("people", {}).keys() | theirs.get("people", {}).keys()
        if _alive([v for v in (mine.get("people", {}).get(pid), theirs.get("people", {}).get(pid)) if v],
                  _dead_at(tombs, "people", pid))
    }
    follow = _follower(tombs, alive_people)

    tables: Tables = {}
    new_conflicts: dict[str, dict] = {}
    for table in RECORD_TABLES:
        sides = [{rid: _normalised(table, r, follow) for rid, r in side.get(table, {}).items()} for side in (mine, theirs)]
        result, aside = _merge_table(table, sides[0], sides[1], tombs)
        if table == "people":
            for pid, person in combined.items():
                result[pid] = _normalised("people", person, follow)
        if table == "me":
            result.update(me_combined)
        tables[table] = result
        for version in aside:
            cid = conflict_id(table, version)
            new_conflicts[cid] = {"id": cid, "table": table, "record_id": version["id"], "record": version, "found_at": now}

    conflicts: dict[str, dict] = {}
    for side in (mine, theirs):
        for cid, conflict in side.get("conflicts", {}).items():
            held = conflicts.get(cid)
            if held is None or (moment(conflict["found_at"]), canonical(conflict)) < (moment(held["found_at"]), canonical(held)):
                conflicts[cid] = conflict
    added_conflicts = []
    for cid, conflict in new_conflicts.items():
        if cid not in conflicts:
            conflicts[cid] = conflict
            added_conflicts.append(conflict)
    resolved = {tid for tid, tomb in tombs.items() if tomb["table"] == "conflicts"}
    tables["conflicts"] = {cid: c for cid, c in sorted(conflicts.items()) if cid not in resolved}
    added_conflicts = [c for c in added_conflicts if c["id"] not in resolved]
    tables["tombstones"] = dict(sorted(tombs.items()))

    result = MergeResult(tables=tables, conflicts=added_conflicts, joins=joins, not_joined=review)
    result.changes = diff(mine, tables)
    return result


def diff(before: Tables, after: Tables) -> list[Change]:
    """What changed in the record tables, from `before` to `after`."""
    changes: list[Change] = []
    for table in RECORD_TABLES:
        old, new = before.get(table, {}), after.get(table, {})
        for rid in sorted(new.keys() - old.keys()):
            changes.append(Change("added", table, rid))
        for rid in sorted(new.keys() & old.keys()):
            if new[rid] != old[rid]:
                changes.append(Change("updated", table, rid))
        for rid in sorted(old.keys() - new.keys()):
            changes.append(Change("deleted", table, rid))
    return changes


def duplicates(tables: Tables) -> list[tuple[str, list[str]]]:
    """Groups of records that should be one: (table, ids), for review.

    People with the same folded name or a shared email, opinions on the same
    folded subject, two reflections on one week. A merge can leave them (two
    people of one name at different organisations); so can a hand edit.
    """
    groups: list[tuple[str, list[str]]] = []

    def grouped(table: str, keys) -> None:
        found: dict[str, list[str]] = {}
        for rid, record in tables.get(table, {}).items():
            for key in keys(record):
                found.setdefault(key, []).append(rid)
        seen: set[tuple[str, ...]] = set()
        for ids in found.values():
            ids = tuple(sorted(set(ids)))
            if len(ids) > 1 and ids not in seen:
                seen.add(ids)
                groups.append((table, list(ids)))

    grouped("people", lambda p: {"name:" + k for k in _name_keys(p)} | {"email:" + k for k in email_keys(p.get("emails", []))})
    grouped("opinions", lambda o: {fold(o["subject"])} - {""})
    grouped("reviews", lambda r: {r["week"]})
    grouped("groups", lambda g: {fold(g["name"])} - {""})
    return groups
