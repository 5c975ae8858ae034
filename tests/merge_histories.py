"""Random histories of a journal as pure dicts, for the merge's property tests.

A history is a list of operations, each acting on the journal the way the
store's operation of that name does (journal/store.py, journal/opinions.py):
records change with a new `updated_at`, deletions leave a tombstone, undoing
a delete removes it and stamps the record as changed, merging two people
moves their references and buries the one merged away with `merged_into`.
Two copies diverge from a common history; each goes on with its own
operations and its own clock (ties between the clocks included).
"""
from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from journal.merge import empty

BASE = datetime(2026, 11, 1, tzinfo=timezone.utc)
NAMES = ["Ana Souza", "ana souza", "Bruno", "Carla Dias", "José", "Jose"]
ORGS = ["", "", "Padaria Real", "Cafe"]
EMAILS = ["ana@example.com", "ANA@example.com", "bruno@example.com", "carla@example.com"]
WORDS = ["bread", "bikes", "rent", "tea"]
OPERATIONS = (
    "add_person", "add_encounter", "add_encounter", "edit_encounter", "edit_person", "delete_encounter",
    "undo_delete", "merge_people", "note_opinion", "delete_opinion", "reflect", "set_qualities",
    "add_group", "join_group", "delete_group",
)


def stamp(second: int) -> str:
    return (BASE + timedelta(seconds=second)).isoformat(timespec="seconds")


class Copy:
    """One device's journal and clock."""

    def __init__(self, tag: str, tables=None, clock: int = 0):
        self.tag = tag
        self.t = tables if tables is not None else empty()
        self.clock = clock
        self.serial = 0
        self.last_deleted: tuple[str, dict] | None = None

    def fork(self, tag: str) -> "Copy":
        return Copy(tag, copy.deepcopy(self.t), self.clock)

    def new_id(self) -> str:
        self.serial += 1
        return f"{self.tag}{self.serial:03d}"

    def tick(self, step: int) -> str:
        self.clock += step
        return stamp(self.clock)

    def pick(self, table: str, n: int) -> dict | None:
        records = sorted(self.t[table])
        return self.t[table][records[n % len(records)]] if records else None

    def bury(self, table: str, rid: str, now: str, merged_into: str | None = None) -> None:
        self.t["tombstones"][rid] = {"id": rid, "table": table, "deleted_at": now, "merged_into": merged_into}

    # ------------------------------------------------------- operations
    def apply(self, op: str, a: int, b: int, step: int) -> None:
        now = self.tick(step)
        getattr(self, op)(a, b, now)

    def add_person(self, a, b, now):
        pid = self.new_id()
        self.t["people"][pid] = {
            "id": pid, "name": NAMES[a % len(NAMES)], "aliases": [], "organisation": ORGS[b % len(ORGS)],
            "interests": [], "introduced_by": None, "notes": "", "keep_in_touch_days": None,
            "emails": [EMAILS[b % len(EMAILS)]] if b % 3 == 0 else [], "phones": [], "links": [],
            "created_at": now, "updated_at": now,
        }

    def add_encounter(self, a, b, now):
        people = sorted(self.t["people"])
        chosen = [people[i % len(people)] for i in (a, a + b)][: 1 + b % 2] if people else []
        eid = self.new_id()
        self.t["encounters"][eid] = {
            "id": eid, "when": now, "people": list(dict.fromkeys(chosen)), "place": "", "setting": "",
            "notes": f"about {WORDS[a % len(WORDS)]}", "topics": [], "learned": "", "gave": "", "asked": "",
            "follow_up": None, "introduced": [list(pair) for pair in [chosen[:2]] if len(set(pair)) == 2],
            "told": [], "created_at": now, "updated_at": now,
        }

    def edit_encounter(self, a, b, now):
        encounter = self.pick("encounters", a)
        if encounter:
            self.t["encounters"][encounter["id"]] = {**encounter, "notes": f"{encounter['notes']} {WORDS[b % len(WORDS)]}",
                                                     "updated_at": now}

    def edit_person(self, a, b, now):
        person = self.pick("people", a)
        if not person:
            return
        change = b % 4
        if change == 0:
            edited = {**person, "interests": sorted({*person["interests"], WORDS[b % len(WORDS)]})}
        elif change == 1:
            edited = {**person, "organisation": ORGS[b % len(ORGS)]}
        elif change == 2:
            edited = {**person, "emails": sorted({*person["emails"], EMAILS[b % len(EMAILS)]})}
        else:
            edited = {**person, "interests": person["interests"][1:]}
        self.t["people"][person["id"]] = {**edited, "updated_at": now}

    def delete_encounter(self, a, b, now):
        encounter = self.pick("encounters", a)
        if encounter:
            del self.t["encounters"][encounter["id"]]
            self.bury("encounters", encounter["id"], now)
            self.last_deleted = ("encounters", encounter)

    def delete_opinion(self, a, b, now):
        opinion = self.pick("opinions", a)
        if opinion:
            del self.t["opinions"][opinion["id"]]
            self.bury("opinions", opinion["id"], now)
            self.last_deleted = ("opinions", opinion)

    def undo_delete(self, a, b, now):
        if self.last_deleted is None:
            return
        table, record = self.last_deleted
        self.last_deleted = None
        self.t[table][record["id"]] = {**record, "updated_at": now}
        self.t["tombstones"].pop(record["id"], None)

    def merge_people(self, a, b, now):
        keep, other = self.pick("people", a), self.pick("people", b)
        if not keep or not other or keep["id"] == other["id"]:
            return
        merged = {**keep, "aliases": sorted({*keep["aliases"], other["name"], *other["aliases"]} - {keep["name"]}),
                  "interests": sorted({*keep["interests"], *other["interests"]}),
                  "emails": sorted({*keep["emails"], *other["emails"]}), "updated_at": now}
        self.t["people"][keep["id"]] = merged
        for eid, encounter in list(self.t["encounters"].items()):
            if other["id"] in encounter["people"]:
                people = list(dict.fromkeys(keep["id"] if p == other["id"] else p for p in encounter["people"]))
                self.t["encounters"][eid] = {**encounter, "people": people}
        for gid, group in list(self.t["groups"].items()):
            if other["id"] in group["members"]:
                members = list(dict.fromkeys(keep["id"] if p == other["id"] else p for p in group["members"]))
                self.t["groups"][gid] = {**group, "members": members, "updated_at": now}
        del self.t["people"][other["id"]]
        self.bury("people", other["id"], now, merged_into=keep["id"])

    def note_opinion(self, a, b, now):
        subject = WORDS[a % len(WORDS)]
        existing = next((o for o in self.t["opinions"].values() if o["subject"] == subject), None)
        if existing is None:
            oid = self.new_id()
            self.t["opinions"][oid] = {"id": oid, "subject": subject, "stance": f"stance {b}", "confidence": "medium",
                                       "encounters": [], "history": [], "created_at": now, "updated_at": now}
        else:
            history = [*existing["history"], {"stance": existing["stance"], "confidence": existing["confidence"],
                                              "changed_at": now, "encounter": None}]
            self.t["opinions"][existing["id"]] = {**existing, "stance": f"stance {b}", "history": history, "updated_at": now}

    def set_qualities(self, a, b, now):
        qualities = sorted({WORDS[a % len(WORDS)], WORDS[b % len(WORDS)]})
        existing = next(iter(self.t["me"].values()), None)
        if existing is None:
            mid = self.new_id()
            self.t["me"][mid] = {"id": mid, "qualities": qualities, "created_at": now, "updated_at": now}
        else:
            self.t["me"][existing["id"]] = {**existing, "qualities": qualities, "updated_at": now}

    def add_group(self, a, b, now):
        gid = self.new_id()
        people = sorted(self.t["people"])
        members = [people[a % len(people)]] if people else []
        self.t["groups"][gid] = {"id": gid, "name": ("Fado night", "fado Night", "Runners")[a % 3], "kind": "", "place": "",
                                 "setting": "", "members": members, "notes": "", "cadence": None,
                                 "created_at": now, "updated_at": now}

    def join_group(self, a, b, now):
        group, person = self.pick("groups", a), self.pick("people", b)
        if group and person and person["id"] not in group["members"]:
            self.t["groups"][group["id"]] = {**group, "members": [*group["members"], person["id"]], "updated_at": now}

    def delete_group(self, a, b, now):
        group = self.pick("groups", a)
        if group:
            del self.t["groups"][group["id"]]
            self.bury("groups", group["id"], now)
            self.last_deleted = ("groups", group)

    def reflect(self, a, b, now):
        week = ("2026-W45", "2026-W46")[a % 2]
        existing = next((r for r in self.t["reviews"].values() if r["week"] == week), None)
        if existing is None:
            rid = self.new_id()
            self.t["reviews"][rid] = {"id": rid, "week": week, "reflection": f"thought {b}", "created_at": now, "updated_at": now}
        else:
            self.t["reviews"][existing["id"]] = {**existing, "reflection": f"thought {b}", "updated_at": now}


operation = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 30), st.integers(0, 30), st.integers(0, 3))


@st.composite
def diverged(draw) -> tuple[dict, dict]:
    """Two copies of one journal after each went its own way."""
    base = Copy("base")
    for op in draw(st.lists(operation, max_size=8)):
        base.apply(*op)
    sides = []
    for tag in ("A", "B"):
        side = base.fork(tag)
        for op in draw(st.lists(operation, max_size=10)):
            side.apply(*op)
        sides.append(side.t)
    return sides[0], sides[1]
