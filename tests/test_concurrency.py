"""Two writers on one journal: the lock and the reload-on-change keep every save."""
from __future__ import annotations

import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from journal.models import EncounterDraft
from journal.store import Store
from tests.loops import count as loop_count

HELPER = Path(__file__).parent / "helpers" / "add_loop.py"
PER_CHILD = loop_count(40, 200)


@pytest.mark.slow
def test_two_processes_adding_at_once_lose_nothing(journal_path, tmp_path):
    children = [
        subprocess.Popen(
            [sys.executable, str(HELPER), str(journal_path), "--count", str(PER_CHILD), "--tag", tag, "--wait", "--pause", "0.02"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for tag in ("alpha", "beta")
    ]
    watchdogs = [threading.Timer(120, c.kill) for c in children]
    for w in watchdogs:
        w.start()
    try:
        for child in children:
            assert child.stdout.readline() == "ready\n"
        # Both are open before either saves, so each must notice the other's saves.
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [child.communicate() for child in children]
    finally:
        for w in watchdogs:
            w.cancel()
    for child, (_, err) in zip(children, results):
        assert child.returncode == 0, err
    acked = [out.split() for out, _ in results]
    assert [len(ids) for ids in acked] == [PER_CHILD, PER_CHILD]

    data = orjson.loads(journal_path.read_bytes())  # valid JSON, or this raises
    assert len(data["encounters"]) == 2 * PER_CHILD
    # Saves in file order (TinyDB doc ids): the two writers really took turns.
    order = [data["encounters"][k]["notes"].split()[0] for k in sorted(data["encounters"], key=int)]
    switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
    print(f"concurrency: writers alternated {switches} times over {len(order)} saves")
    assert switches >= 10, "the writers barely overlapped: the test exercised little"
    with Store(journal_path) as store:
        ids = {e.id for e in store.encounters()}
        assert ids == set(acked[0]) | set(acked[1])
        notes = {e.notes for e in store.encounters()}
        assert notes == {f"{tag} save {n} #crash" for tag in ("alpha", "beta") for n in range(PER_CHILD)}
        # Each child names 7 people; neither created a duplicate of the other's.
        assert sorted(p.name for p in store.people()) == sorted(
            f"{tag} person {n}" for tag in ("alpha", "beta") for n in range(7)
        )
        people = {p.id for p in store.people()}
        assert all(set(e.people) <= people for e in store.encounters())


def test_second_store_sees_the_first_ones_saves(journal_path, frozen_clock):
    first = Store(journal_path)
    first.add_encounter(EncounterDraft(when=frozen_clock, who=["Ana Souza"], notes="one"))
    second = Store(journal_path)
    assert [e.notes for e in second.encounters()] == ["one"]
    assert second.refresh() is False  # nothing new yet

    added = first.add_encounter(EncounterDraft(when=frozen_clock - timedelta(hours=1), who=["Bruno"], notes="two"))
    assert second.refresh() is True
    assert second.encounter(added.encounter.id).to_dict() == added.encounter.to_dict()
    assert sorted(p.name for p in second.people()) == ["Ana Souza", "Bruno"]
    assert second.refresh() is False

    # The second store writes on top of the first's save instead of over it,
    # and reuses the person the first one created.
    third = second.add_encounter(EncounterDraft(when=frozen_clock, who=["bruno"], notes="three"))
    assert third.created_people == []
    assert first.refresh() is True
    assert sorted(e.notes for e in first.encounters()) == ["one", "three", "two"]
    assert [e.notes for e in first.search("three")] == ["three"]

    # Changes made by one store after the other saved are not lost either.
    first.update_person(first.match_person("Ana").person_ids[0], organisation="Padaria")
    second.delete_encounter(added.encounter.id)
    with Store(journal_path) as check:
        assert sorted(e.notes for e in check.encounters()) == ["one", "three"]
        assert [p.organisation for p in check.people() if p.name == "Ana Souza"] == ["Padaria"]
    data = orjson.loads(journal_path.read_bytes())
    assert len(data["encounters"]) == 2
