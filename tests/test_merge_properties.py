"""The merge of two diverged copies is commutative, idempotent and lossless (issue 20).

Pure functions on dicts (tests/merge_histories.py): no files, so the default
run affords 500 examples per property in a few seconds; NETJOURNAL_FULL_TESTS=1
runs 5,000.
"""
from __future__ import annotations

from hypothesis import given, settings

from journal.merge import me_subsumes, merge, moment, person_subsumes
from journal.models import RECORD_TABLES, Conflict, Tombstone, record_model
from loops import count
from merge_histories import diverged

NOW = "2026-12-01T10:00:00+00:00"  # after every history's last stamp
EXAMPLES = settings(max_examples=count(500, 5000), deadline=None)


def records(tables: dict) -> dict:
    return {name: tables[name] for name in (*RECORD_TABLES, "tombstones", "conflicts")}


@EXAMPLES
@given(diverged())
def test_merge_properties(pair):
    """Each example is checked for every property: drawing histories is most of the cost."""
    a, b = pair
    commutative(a, b)
    idempotent(a, b)
    lossless(a, b)
    valid(a, b)


def commutative(a, b):
    assert records(merge(a, b, NOW).tables) == records(merge(b, a, NOW).tables), "not commutative"


def idempotent(a, b):
    once = merge(a, b, NOW).tables
    for again in (merge(once, b, NOW), merge(once, a, NOW), merge(once, once, NOW)):
        assert again.tables == once, "not idempotent"
        assert not again.changes and not again.conflicts and not again.joins


def _follow(result: dict):
    """References as the result has them: a person merged away is the one they went into."""
    people, tombs = result["people"], result["tombstones"]

    def follow(pid):
        seen = set()
        while pid not in people and pid in tombs and tombs[pid].get("merged_into") and pid not in seen:
            seen.add(pid)
            pid = tombs[pid]["merged_into"]
        return pid

    return follow


def _as_in(result: dict, table: str, version: dict) -> dict:
    follow = _follow(result)
    if table == "encounters":
        def live(p):
            return follow(p) if follow(p) in result["people"] else p

        return {**version, "people": list(dict.fromkeys(live(p) for p in version["people"])),
                "introduced": [[live(a), live(b)] for a, b in version.get("introduced", [])]}
    if table == "groups":
        def live(p):
            return follow(p) if follow(p) in result["people"] else p

        return {**version, "members": list(dict.fromkeys(live(p) for p in version["members"]))}
    return version


def lossless(a, b):
    merged = merge(a, b, NOW)
    result = merged.tables
    follow = _follow(result)
    aside: dict[tuple[str, str], list[dict]] = {}
    for c in result["conflicts"].values():
        aside.setdefault((c["table"], c["record_id"]), []).append(c["record"])
    for side in (a, b):
        for table in RECORD_TABLES:
            for rid, version in side[table].items():
                version = _as_in(result, table, version)
                kept = result[table].get(rid)
                if kept == version or version in aside.get((table, rid), []):
                    continue
                if table == "people" and kept is not None and person_subsumes(kept, version):
                    continue
                if table == "me" and kept is not None and me_subsumes(kept, version):
                    continue
                tomb = result["tombstones"].get(rid)
                if tomb is not None and tomb["table"] == table and moment(tomb["deleted_at"]) >= moment(version["updated_at"]):
                    if tomb.get("merged_into") and table == "me":
                        assert me_subsumes(result["me"][tomb["merged_into"]], version), "a join lost a quality"
                    continue
                raise AssertionError(f"lost: {table} {version}")
        for tid, tomb in side["tombstones"].items():
            assert moment(result["tombstones"][tid]["deleted_at"]) >= moment(tomb["deleted_at"]), "a deletion was lost"
    # A person joined with another by this merge: everything they held is in that one.
    for join in merged.joins:
        for side in (a, b):
            absorbed = side["people"].get(join.absorbed)
            if absorbed is not None:
                kept = result["people"][follow(join.kept)]
                introducer = follow(absorbed["introduced_by"]) if absorbed["introduced_by"] else None
                as_kept = {**absorbed, "id": kept["id"], "introduced_by": None if introducer == kept["id"] else introducer}
                assert person_subsumes(kept, as_kept), f"a join lost something of {absorbed}"


def valid(a, b):
    """The result is a journal every record of which reads, and references follow merged people."""
    result = merge(a, b, NOW).tables
    for table in RECORD_TABLES:
        for rid, record in result[table].items():
            assert record_model(table).from_dict(record).id == rid
    for tomb in result["tombstones"].values():
        Tombstone.from_dict(tomb)
    for conflict in result["conflicts"].values():
        Conflict.from_dict(conflict)
    assert len(result["me"]) <= 1, "the journal's owner is one record"
    # References follow a person merged into another who is still there.
    tombs = result["tombstones"]
    for encounter in result["encounters"].values():
        for pid in encounter["people"]:
            tomb = tombs.get(pid)
            assert pid in result["people"] or tomb is None or tomb.get("merged_into") not in result["people"]
