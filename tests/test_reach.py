"""Reach and visibility (issue 18): paths on a hand-built journal, the CLI, the review."""
from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta

import orjson
import pytest

from journal.errors import ValidationError
from journal.models import EncounterDraft
from journal.reach import GROUP, INTRODUCED, MET, ORGANISATION, Graph, reach
from journal.review import compute_review, to_json_dict, to_markdown
from journal.store import Store
from journal.visibility import compute_visibility
from tui.cli import main

TODAY = date(2026, 11, 27)


def at(days_ago: int) -> datetime:
    return datetime(2026, 11, 27, 12, 0).astimezone() - timedelta(days=days_ago)


def meet(store: Store, *who: str, days_ago: int = 1, **fields) -> None:
    store.add_encounter(EncounterDraft(when=at(days_ago), who=list(who), notes=f"with {', '.join(who)}", **fields))


@pytest.fixture
def network(store):
    """me — Ana (often, recently) — Bruno (Ana introduced him) — Carla (at ACME with Bruno);
    me — Dora (twice, long ago, I asked favours) — Carla (Dora introduced Carla).
    Eva: nobody I know knows her."""
    for n in range(6):
        meet(store, "Ana Souza", days_ago=2 + n, gave="a tip")
    meet(store, "Dora", days_ago=300, asked="a favour")
    meet(store, "Dora", days_ago=301, asked="another favour")
    ana, dora = (store.match_person(n).person_ids[0] for n in ("Ana", "Dora"))
    store.add_person("Bruno", organisation="ACME", introduced_by=ana)
    carla = store.add_person("Carla Lima", organisation="acme ", introduced_by=dora)
    store.add_person("Eva")
    return store, carla


def names(store, path) -> list[str]:
    people = {p.id: p.name for p in store.people()}
    return [people[h.target] for h in path.hops]


def test_the_best_path_goes_through_the_warm_recent_contact(network):
    store, carla = network
    result = reach(store, TODAY, person="carla")
    assert [p.name for p in result.matched] == ["Carla Lima"]
    paths = result.paths
    assert names(store, paths[0]) == ["Ana Souza", "Bruno", "Carla Lima"]
    assert [h.kind for h in paths[0].hops] == [MET, INTRODUCED, ORGANISATION]
    # Dora introduced Carla, but I met Dora long ago and asked more than I gave: lower.
    assert names(store, paths[1]) == ["Dora", "Carla Lima"]
    assert paths[1].hops[1].kind == INTRODUCED
    assert paths[0].score > paths[1].score
    assert "asked more than you gave" in paths[1].why


def test_every_hop_carries_its_evidence(network):
    store, _ = network
    [first, second] = reach(store, TODAY, person="Carla Lima").paths[:2]
    assert first.hops[0].evidence == "you met 6 times, last on 2026-11-25 (2 days ago); you gave 6, asked 0"
    assert first.hops[1].evidence == "Ana Souza introduced Bruno to you"
    assert first.hops[2].evidence == "both at ACME"
    assert second.hops[1].evidence == "Dora introduced Carla Lima to you"


def test_no_path_within_three_hops_is_said_never_invented(network):
    store, _ = network
    result = reach(store, TODAY, person="Eva")
    assert [p.name for p in result.matched] == ["Eva"] and result.paths == []
    code, out = run_cli(store, "reach", "Eva")
    assert code == 0 and "No path within 3 hops." in out


def test_three_hops_at_most():
    """me - A (met) - B - C - D, each introduced by the one before: D is four hops away."""
    from journal.models import Encounter, Person

    people = [Person(name="A", id="A"), Person(name="B", id="B", introduced_by="A"),
              Person(name="C", id="C", introduced_by="B"), Person(name="D", id="D", introduced_by="C")]
    graph = Graph(people, [Encounter(when=at(1), people=["A"], id="1")])
    found = graph.best_paths({"C", "D"}, TODAY)
    assert [h.target for h in found["C"].hops] == ["A", "B", "C"]
    assert [h.kind for h in found["C"].hops] == [MET, INTRODUCED, INTRODUCED]
    assert "D" not in found
    assert graph.paths_to("D", TODAY, 5) == []


def test_ties_are_broken_by_id_and_cycles_end():
    """Two equal routes to Zed (both colleagues of his); a hand-edited introduction
    cycle (Ana introduced Bea, Bea introduced Ana) and a self-introduction."""
    from journal.models import Encounter, Person

    people = [Person(name="Ana", id="a", introduced_by="b", organisation="Globex"),
              Person(name="Bea", id="b", introduced_by="a", organisation="Globex"),
              Person(name="Cid", id="c", introduced_by="c"), Person(name="Zed", id="z", organisation="globex")]
    when = at(1)
    graph = Graph(people, [Encounter(when=when, people=["a"], id="1"), Encounter(when=when, people=["b"], id="2")])
    paths = graph.paths_to("z", TODAY, 5)
    assert [[h.target for h in p.hops] for p in paths] == [["a", "z"], ["b", "z"]]
    assert paths[0].score == paths[1].score
    assert "c" not in graph.best_paths({"c"}, TODAY)  # linked only to itself: unreachable, no loop


def test_same_group_links_members():
    from journal.models import Encounter, Person

    people = [Person(name="Ana", id="a"), Person(name="Rui", id="r")]
    graph = Graph(people, [Encounter(when=at(1), people=["a"], id="1")], groups=[("Fado nights", ["a", "r", "gone"])])
    [path] = graph.paths_to("r", TODAY, 3)
    assert path.hops[1].kind == GROUP and path.hops[1].evidence == "both in Fado nights"


def test_organisation_topic_and_interest_targets(network):
    store, _ = network
    result = reach(store, TODAY, org="acme")
    assert sorted(p.name for p in result.matched) == ["Bruno", "Carla Lima"]
    assert [names(store, p)[-1] for p in result.paths] == ["Bruno", "Carla Lima"]
    assert reach(store, TODAY, org="Globex").suggestions == []
    meet(store, "Bruno", days_ago=1, topics=["sourdough"])
    assert [p.name for p in reach(store, TODAY, topic="#Sourdough").matched] == ["Bruno"]
    ana = store.match_person("Ana").person_ids[0]
    store.update_person(ana, interests=["Cycling"])
    assert [p.name for p in reach(store, TODAY, interest="cycling").matched] == ["Ana Souza"]


def test_an_unknown_person_is_said_with_the_closest_names(network):
    store, _ = network
    result = reach(store, TODAY, person="Carlo Lima")
    assert result.matched == [] and result.suggestions == ["Carla Lima"]
    code, out = run_cli(store, "reach", "Carlo Lima")
    assert code == 0 and "No one called 'Carlo Lima' in the journal. Closest names: Carla Lima." in out


def test_the_graph_follows_saves_and_deletes(network):
    store, _ = network
    before = reach(store, TODAY, person="Eva").paths
    assert before == []
    graph = store.reach_graph()
    meet(store, "Ana Souza", "Eva", days_ago=1)
    assert store.reach_graph() is graph  # kept current in place, not rebuilt
    [added] = [e for e in store.encounters() if "Eva" in store.names(e.people)]
    assert [names(store, p) for p in reach(store, TODAY, person="Eva").paths] == [["Eva"], ["Ana Souza", "Eva"]]
    store.delete_encounter(added.id)
    assert reach(store, TODAY, person="Eva").paths == []
    fresh = Store(store.path)
    assert reach(fresh, TODAY, person="Carla").paths[0].score == pytest.approx(reach(store, TODAY, person="Carla").paths[0].score)


# ------------------------------------------------------------------ intro
def test_intro_records_a_give_to_both_and_shows_on_profiles(network):
    store, carla = network
    code, out = run_cli(store, "intro", "Ana", "Carla", "--note", "both bake")
    assert code == 0 and "Ana Souza, Carla Lima" in out
    [encounter] = [e for e in Store(store.path).encounters() if e.introduced]
    ana = store.match_person("Ana").person_ids[0]
    assert encounter.introduced == [[ana, carla.id]] and encounter.notes == "both bake"
    fresh = Store(store.path)
    to_me, by_me = fresh.introductions(carla.id)
    assert to_me == [] and [p.name for p, _ in by_me] == ["Ana Souza"]
    # It counts as a give to both: Ana's first hop says so.
    graph = fresh.reach_graph()
    assert graph.balance[carla.id][0] == 1
    path = reach(fresh, TODAY, person="Carla").paths
    assert any(h.kind == INTRODUCED and "you introduced Ana Souza to Carla Lima" in h.evidence for p in path for h in p.hops)


def test_intro_refuses_one_person_twice(network):
    store, _ = network
    code, err = run_cli(store, "intro", "Ana", "ana souza", stream="err")
    assert code == 2 and "two different people" in err


# ------------------------------------------------------------- visibility
def test_told_qualities_and_who_does_not_know(network):
    store, _ = network
    code, out = run_cli(store, "me", "--quality", "UX research", "--quality", "Python teaching", "--quality", "ux RESEARCH")
    assert code == 0
    assert store.me().qualities == ["UX research", "Python teaching"]
    with pytest.raises(ValidationError) as info:
        store.add_encounter(EncounterDraft(when=at(1), who=["Bruno"], told=["Bragging"]))
    assert info.value.field == "told"
    meet(store, "Bruno", days_ago=1, told=["ux research"])
    vis = compute_visibility(store, TODAY)
    [ux, python] = vis.qualities
    assert [(p.name, since) for p, since in ux.known_by] == [("Bruno", date(2026, 11, 26))]
    assert python.known_by == []
    assert [p.name for p in vis.unaware_frequent] == ["Ana Souza"]  # 6 meetings, told nothing
    assert vis.active == 2 and vis.aware == 1 and vis.share == 0.5
    assert vis.trend[-1] == (TODAY, 0.5) and len(vis.trend) == 12
    data = to_json_dict(compute_review(store, TODAY), store)
    assert data["told"][0]["qualities"] == ["UX research"] and data["told"][0]["people"] == ["Bruno"]
    assert data["unaware_frequent"] == {"count": 1, "people": ["Ana Souza"]}
    assert data["breadth"]["organisations"] == 1  # ACME, through Bruno
    markdown = to_markdown(compute_review(store, TODAY), store)
    assert "## Told this week" in markdown and "Bruno, Thu 26 Nov: UX research" in markdown
    code, out = run_cli(store, "me", "--format", "json")
    assert json.loads(out)["qualities"][0] == {"quality": "UX research", "known_by": [{"person": "Bruno", "since": "2026-11-26"}]}


def test_reach_json_has_the_documented_keys(network):
    store, _ = network
    code, out = run_cli(store, "reach", "Carla", "--format", "json")
    data = json.loads(out)
    assert code == 0 and set(data) >= {"target", "paths"}
    path = data["paths"][0]
    assert set(path) == {"hops", "score", "why"}
    assert [set(h) for h in path["hops"]] == [{"from", "to", "kind", "evidence"}] * 3
    assert path["hops"][0]["from"] == "me" and path["hops"][-1]["to"] == "Carla Lima"


@pytest.mark.parametrize("args", [[], ["Ana", "--org", "ACME"], ["--topic", " "]])
def test_reach_needs_exactly_one_target(network, args):
    store, _ = network
    code, err = run_cli(store, "reach", *args, stream="err")
    assert code == 2 and "name one target" in err


def test_schema_3_fields_on_disk(network):
    store, _ = network
    meet(store, "Bruno", days_ago=1, introduced=[("Bruno", "Ana")])
    raw = orjson.loads(store.path.read_bytes())
    assert any(doc.get("introduced") for doc in raw["encounters"].values())


def run_cli(store, *args, stream="out"):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--journal", str(store.path), *args], out=out, err=err)
    store.refresh()
    return code, (out if stream == "out" else err).getvalue()


def test_merging_two_people_carries_the_introductions_i_made(network):
    """A merge of two people rewrites the introduced pairs that named the one merged away."""
    store, carla = network
    meet(store, "Ana Souza", "Carla Lima", days_ago=1, introduced=[("Ana Souza", "Carla Lima")])
    twin = store.add_person("Carla L.")
    meet(store, "Dora", "Carla L.", days_ago=1, introduced=[("Dora", "Carla L."), ("Carla L.", "Carla Lima")])
    store.merge_people(carla.id, twin.id)
    fresh = Store(store.path)
    pairs = [pair for e in fresh.encounters() for pair in e.introduced]
    assert twin.id not in {pid for pair in pairs for pid in pair}
    dora, ana = (fresh.match_person(n).person_ids[0] for n in ("Dora", "Ana"))
    assert sorted(pairs) == sorted([[ana, carla.id], [dora, carla.id]])
