"""The store's in-place index updates agree with a rebuild from scratch."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import clock
from journal.index import EncounterIndex
from journal.models import EncounterDraft
from journal.names import fold
from journal.store import Store

NAMES = ["Ana Souza", "Bruno", "José", "Zoë Martin"]

operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 6), st.lists(st.sampled_from(NAMES), max_size=2), st.booleans()),
    st.tuples(st.just("edit"), st.integers(0, 50), st.integers(0, 6), st.lists(st.sampled_from(NAMES), max_size=2)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("done"), st.integers(0, 50)),
    st.tuples(st.just("snooze"), st.integers(0, 50), st.integers(0, 3)),
)


def snapshot(index: EncounterIndex) -> dict:
    return {
        "sorted": [e.id for e in index.sorted],
        "timestamps": index.timestamps,
        "by_person": {pid: [e.id for e in es] for pid, es in index.by_person.items() if es},
        "search_text": index.search_text(),
        "follow_ups": [e.id for e in index.open_follow_ups()[0]],
        "undated": [e.id for e in index.open_undated_follow_ups()],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operation, min_size=1, max_size=25))
def test_incremental_index_matches_a_rebuild(tmp_path_factory, operations):
    path = tmp_path_factory.mktemp("index") / "journal.json"
    store = Store(path)
    now = clock.now()
    store.index.search_text()  # build it all first, so that every change below updates it in place
    for op in operations:
        ids = [e.id for e in store.encounters()]
        if op[0] == "add":
            _, hours, who, follow = op
            store.add_encounter(EncounterDraft(
                when=now - timedelta(hours=hours), who=who, notes=f"note #{hours % 5}",
                # Odd hours: a follow-up without a due date (the Agenda's "someday").
                follow_up="call back" if follow else "", due=date(2026, 12, 1) if follow and hours % 2 == 0 else None,
            ))
        elif ids and op[0] == "edit":
            _, pick, hours, who = op
            store.update_encounter(ids[pick % len(ids)], EncounterDraft(when=now - timedelta(hours=hours), who=who, notes="edited"))
        elif ids and op[0] == "delete":
            store.delete_encounter(ids[op[1] % len(ids)])
        elif ids and op[0] == "done":
            target = store.encounter(ids[op[1] % len(ids)])
            if target.follow_up:
                store.set_follow_up_done(target.id, True)
        elif ids and op[0] == "snooze":
            target = store.encounter(ids[op[1] % len(ids)])
            if target.follow_up:
                store.set_follow_up_due(target.id, None if op[2] == 0 else date(2026, 12, op[2]))
    incremental = snapshot(store.index)
    fresh = Store(path)
    assert incremental == snapshot(fresh.index)


def naive_search(store: Store, query: str) -> list[str]:
    words = fold(query).split()
    people = {p.id: p.name for p in store.people()}
    hits = []
    for e in reversed(store.encounters()):
        text = fold(" ".join([e.notes, e.place, e.setting, e.learned, e.gave, e.asked,
                              " ".join("#" + t for t in e.topics), " ".join(people[p] for p in e.people)]))
        if all(w in text for w in words):
            hits.append(e.id)
    return hits


WORDS = ["café", "cafe", "ana", "souza", "#bread", "bread", "zoë", "zoe", "x", "José", "a b", "no-such"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    notes=st.lists(st.lists(st.sampled_from(WORDS + ["and", "the", "Padaria"]), max_size=5), min_size=1, max_size=12),
    query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    limit=st.one_of(st.none(), st.integers(1, 5)),
)
def test_search_matches_a_plain_scan(tmp_path_factory, notes, query, limit):
    store = Store(tmp_path_factory.mktemp("search") / "journal.json")
    now = clock.now()
    for i, words in enumerate(notes):
        who = ["Ana Souza"] if i % 3 == 0 else ["Zoë Martin"] if i % 3 == 1 else []
        store.add_encounter(EncounterDraft(when=now - timedelta(hours=i), who=who, notes=" ".join(words) or "-"))
        store.search("warm the index")  # later adds then update a built blob in place
    expected = naive_search(store, " ".join(query))
    found = [e.id for e in store.search(" ".join(query), limit=limit)]
    assert found == (expected if limit is None else expected[:limit])


# ------------------------------------------------------- background warm-up
def _warm_store(store, n=40):
    from datetime import timedelta

    from journal import clock
    from journal.models import EncounterDraft

    for i in range(n):
        store.add_encounter(EncounterDraft(when=clock.now() - timedelta(hours=i + 1), who=[f"Person {i % 7}"],
                                           notes=f"warm note {i} #t{i % 3}"))


def test_a_search_text_folded_in_the_background_is_the_one_search_builds(journal_path):
    from journal.store import Store

    store = Store(journal_path)
    _warm_store(store)
    expected = {q: [e.id for e in store.search(q)] for q in ("warm", "person 3", "#t1", "note 12")}
    store._rebuilt()  # as after opening
    warmup = store.search_warmup()
    assert warmup is not None and store.index._blob is None
    assert warmup.build() and warmup.install()
    assert store.search_warmup() is None  # installed: nothing left to fold
    assert {q: [e.id for e in store.search(q)] for q in expected} == expected


def test_a_change_while_folding_makes_the_background_result_stale(journal_path):
    from journal.store import Store

    store = Store(journal_path)
    _warm_store(store, 10)
    store._rebuilt()
    warmup = store.search_warmup()
    assert warmup.build()
    _warm_store(store, 1)  # saved while the thread folded
    assert not warmup.install()
    assert store.index._blob is None  # the next search folds again, with the new encounter
    assert [e.id for e in store.search("warm note")] == [e.id for e in Store(journal_path).search("warm note")]
    assert len(store.search("warm note")) == 11


def test_a_cancelled_fold_installs_nothing(journal_path):
    from journal.store import Store

    store = Store(journal_path)
    _warm_store(store, 10)
    store._rebuilt()
    warmup = store.search_warmup()
    assert not warmup.build(stop=lambda: True)
    assert not warmup.install()
