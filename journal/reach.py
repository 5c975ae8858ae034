"""Reach: who could introduce me to someone (issue 18).

The journal already holds a graph of people. Its edges, each with evidence:
- *met together*: two people at one encounter (and me with everyone I met);
- *introduced*: a person's `introduced_by`, and the introductions I made
  (an encounter's `introduced` pairs);
- *same group*: members of one group, once the journal has groups;
- *same organisation*: the same folded organisation.

A path starts at me and has at most three hops. Its score is the product of
its hops' strengths, each below 1: a first hop is strong when I met the person
recently, often, and without asking more favours than I gave; a later hop by
its kind and evidence. Since every strength is below 1, a longer or repeating
path never scores higher, so the best path to each person is found by keeping
the best score per person and depth, without listing every path.

The graph is built once (journal.store keeps it) and follows every change of
an encounter in place; a change to people rebuilds it.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .credit import ASKED, GAVE, credited
from .i18n import N_, _, ngettext
from .models import Encounter, Person
from .names import fold

ME = ""  # the journal's owner, as a node
MAX_HOPS = 3
INTRODUCED, MET, GROUP, ORGANISATION = "introduced", "met together", "same group", "same organisation"
_KIND_STRENGTH = {INTRODUCED: 0.9, GROUP: 0.6, ORGANISATION: 0.4}
# The kinds stay these English words in Hop.kind and the JSON output (docs/cli.md); shown, they are translated.
_KIND_LABELS = {INTRODUCED: N_("introduced"), MET: N_("met together"), GROUP: N_("same group"),
                ORGANISATION: N_("same organisation")}


def kind_label(kind: str) -> str:
    """A hop's kind in the interface's language."""
    return _(_KIND_LABELS[kind]) if kind in _KIND_LABELS else kind


@dataclass(frozen=True)
class Hop:
    source: str  # a person id, or ME
    target: str
    kind: str
    evidence: str
    strength: float


@dataclass
class Path:
    hops: list[Hop]
    score: float
    why: str = ""

    @property
    def target(self) -> str:
        return self.hops[-1].target


@dataclass
class ReachResult:
    target: str  # what was asked, as typed
    kind: str  # "person", "organisation", "topic", "interest"
    matched: list[Person] = field(default_factory=list)  # the people the target stands for
    paths: list[Path] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # closest names, when nothing matched


def _day(encounter: Encounter) -> str:
    when = encounter.when.strftime("%Y-%m-%d")
    return _("{day} at {place}").format(day=when, place=encounter.place) if encounter.place else when


def _ago(days: int) -> str:
    # English says "days" whatever the count, as it always did; the plural is for translations.
    return ngettext("{days} days ago", "{days} days ago", days).format(days=days)


def _said(evidence: tuple[str, dict]) -> str:
    """A label's evidence (a msgid and its fields, an encounter standing for its day) in the interface's language.

    Kept untranslated in the graph, which lives as long as the store: the text is made when a path is.
    """
    template, fields = evidence
    return _(template).format(**{k: _day(v) if isinstance(v, Encounter) else v for k, v in fields.items()})


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class Graph:
    """The people graph: who is linked to whom, and by what.

    `met[(a, b)]` holds [times, the latest encounter] for two people seen
    together, and for me (ME) with each person I met; `labels[(a, b)]` the
    introductions, groups and organisations linking two people.
    """

    def __init__(self, people: list[Person], encounters: list[Encounter], groups: list[tuple[str, list[str]]] = ()):
        self.people: dict[str, Person] = {p.id: p for p in people}
        self.neighbours: dict[str, set[str]] = defaultdict(set)
        self.met: dict[tuple[str, str], list] = {}
        self.balance: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # pid -> [gave, asked]
        self.intros: dict[tuple[str, str], str] = {}
        self.labels: dict[tuple[str, str], dict[str, tuple[str, dict]]] = defaultdict(dict)  # kind -> evidence
        # Strengths computed for one day, forgotten for whatever a change touches.
        self._day: date | None = None
        self._strengths: dict[tuple[str, str], tuple[float, str]] = {}
        for encounter in encounters:  # oldest first
            self.add(encounter)
        for person in self.people.values():
            introducer = person.introduced_by
            if introducer and introducer != person.id and introducer in self.people:
                self._label(introducer, person.id, INTRODUCED, (N_("{introducer} introduced {person} to you"),
                                                                {"introducer": self.people[introducer].name, "person": person.name}))
        by_org: dict[str, list[str]] = defaultdict(list)
        names: dict[str, str] = {}
        for person in self.people.values():
            if fold(person.organisation):
                by_org[fold(person.organisation)].append(person.id)
                names.setdefault(fold(person.organisation), person.organisation)
        for key, members in by_org.items():
            self._link_all(members, ORGANISATION, (N_("both at {organisation}"), {"organisation": names[key]}))
        for name, members in groups:
            self._link_all(members, GROUP, (N_("both in {group}"), {"group": name}))

    def _link_all(self, member_ids: list[str], kind: str, evidence: tuple[str, dict]) -> None:
        members = [m for m in dict.fromkeys(member_ids) if m in self.people]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                self._label(a, b, kind, evidence)

    def _label(self, a: str, b: str, kind: str, evidence: tuple[str, dict]) -> None:
        self.labels[_pair(a, b)].setdefault(kind, evidence)
        self._strengths.pop(_pair(a, b), None)
        self.neighbours[a].add(b)
        self.neighbours[b].add(a)

    # --------------------------------------------- following the encounters
    def _present(self, encounter: Encounter) -> list[str]:
        return [pid for pid in dict.fromkeys(encounter.people) if pid in self.people]

    def _together(self, present: list[str]):
        """(a, b, key) for every two at an encounter, me included; their cached strength is forgotten."""
        for i, a in enumerate([ME, *present]):
            for b in present[i:]:
                key = _pair(a, b)
                self._strengths.pop(key, None)
                yield a, b, key

    def _count_exchanges(self, encounter: Encounter, present: list[str], sign: int) -> None:
        """What I gave and asked, per person present; an introduction I made is a give to both."""
        introduced = {pid for pair in encounter.introduced for pid in pair}
        # A give or an ask counts for whom an @Name named, else everyone present (journal.credit).
        gave, asked = set(credited(encounter, GAVE)), set(credited(encounter, ASKED))
        for pid in present:
            self.balance[pid][0] += sign * (pid in gave or pid in introduced)
            self.balance[pid][1] += sign * (pid in asked)

    def add(self, encounter: Encounter) -> None:
        present = self._present(encounter)
        for a, b, key in self._together(present):
            entry = self.met.get(key)
            if entry is None:
                self.met[key] = [1, encounter]
                self.neighbours[a].add(b)
                self.neighbours[b].add(a)
            else:
                entry[0] += 1
                if (encounter.when, encounter.id) > (entry[1].when, entry[1].id):
                    entry[1] = encounter
        self._count_exchanges(encounter, present, 1)
        for a, b in encounter.introduced:
            if a in self.people and b in self.people and a != b:
                self._label(a, b, INTRODUCED, (N_("you introduced {first} to {second} on {day}"),
                                               {"first": self.people[a].name, "second": self.people[b].name, "day": encounter}))

    def remove(self, encounter: Encounter, by_person: dict[str, list[Encounter]]) -> None:
        """Undo add(); `by_person` (the index, newest first, without this encounter) finds the new latest."""
        present = self._present(encounter)
        for a, b, key in self._together(present):
            entry = self.met.get(key)
            if entry is None:
                continue
            entry[0] -= 1
            if entry[0] <= 0:
                del self.met[key]
                if key not in self.labels:
                    self.neighbours[a].discard(b)
                    self.neighbours[b].discard(a)
            elif entry[1].id == encounter.id:
                entry[1] = next((e for e in by_person.get(b, []) if a == ME or a in e.people), entry[1])
        self._count_exchanges(encounter, present, -1)
        # The labels of introductions it made stay: the store rebuilds the graph
        # when such an encounter goes, rather than track which label came from where.

    # ------------------------------------------------------------ strengths
    def _recency(self, encounter: Encounter, today: date) -> float:
        return math.exp(-max(0, (today - encounter.when.date()).days) / 180)

    def _cached(self, key: tuple[str, str], today: date, compute) -> tuple[float, str]:
        if today != self._day:
            self._day, self._strengths = today, {}
        found = self._strengths.get(key)
        if found is None:
            found = self._strengths[key] = compute()
        return found

    def first_strength(self, pid: str, today: date) -> float:
        """Me to someone I met: recent, repeated and warm is strong."""
        return self._cached((ME, pid), today, lambda: (self._first_strength(pid, today), MET))[0]

    def _first_strength(self, pid: str, today: date) -> float:
        times, last = self.met[_pair(ME, pid)]
        gave, asked = self.balance[pid]
        strength = (0.3 + 0.6 * self._recency(last, today)) * (0.4 + 0.6 * min(1.0, times / 5))
        strength /= 1 + 0.5 * max(0, asked - gave)  # someone I keep asking favours of ranks lower
        return min(strength, 0.99)

    def strength(self, a: str, b: str, today: date) -> tuple[float, str]:
        """A person to another: the strongest of what links them, and its kind."""
        key = _pair(a, b)
        return self._cached(key, today, lambda: self._strength(key, today))

    def _strength(self, key: tuple[str, str], today: date) -> tuple[float, str]:
        best = (0.0, "")
        for kind in self.labels.get(key, ()):
            best = max(best, (_KIND_STRENGTH[kind], kind))
        entry = self.met.get(key)
        if entry is not None:
            times, last = entry
            met = (0.35 + 0.35 * min(1.0, times / 3)) * (0.5 + 0.5 * self._recency(last, today))
            best = max(best, (met, MET))
        return best

    def _evidence(self, a: str, b: str, kind: str, today: date) -> str:
        if a == ME:
            times, last = self.met[_pair(ME, b)]
            gave, asked = self.balance[b]
            # Once, or more (a count is at least 1): two sentences, not a plural form.
            template = (_("you met once, last on {day} ({ago}); you gave {gave}, asked {asked}") if times == 1
                        else _("you met {times} times, last on {day} ({ago}); you gave {gave}, asked {asked}"))
            return template.format(times=times, day=_day(last), ago=_ago((today - last.when.date()).days), gave=gave, asked=asked)
        if kind == MET:
            times, last = self.met[_pair(a, b)]
            template = _("seen together once, last on {day}") if times == 1 else _("seen together {times} times, last on {day}")
            return template.format(times=times, day=_day(last))
        return _said(self.labels[_pair(a, b)][kind])

    # ------------------------------------------------------------ searching
    def best_paths(self, targets: set[str], today: date) -> dict[str, Path]:
        """The best path of at most MAX_HOPS hops from me to each reachable target."""
        mine = [pid for pid in self.neighbours.get(ME, ()) if pid in self.people]
        frontier: dict[str, tuple[float, tuple[str, ...]]] = {pid: (self.first_strength(pid, today), (pid,)) for pid in mine}
        best: dict[str, tuple[float, tuple[str, ...]]] = {}
        for depth in range(1, MAX_HOPS + 1):
            for node, entry in frontier.items():
                if entry[0] > best.get(node, (0.0,))[0]:
                    best[node] = entry
            if depth == MAX_HOPS:
                break
            following: dict[str, tuple[float, tuple[str, ...]]] = {}
            for node, (score, route) in frontier.items():
                if node in targets:
                    continue  # a path goes through a target only to end there
                for other in self.neighbours.get(node, ()):
                    if other == ME or other in route:
                        continue
                    candidate = score * self.strength(node, other, today)[0]
                    if candidate > following.get(other, (0.0,))[0] and candidate > best.get(other, (0.0,))[0]:
                        following[other] = (candidate, (*route, other))
            frontier = following
        return {pid: self.path(best[pid][1], today) for pid in targets if pid in best}

    def paths_to(self, target: str, today: date, limit: int) -> list[Path]:
        """Several ways to one person: the best path through each person I met."""
        found: list[tuple[float, tuple[str, ...]]] = []
        into_target = self.neighbours.get(target, set())
        for first in self.neighbours.get(ME, ()):
            if first not in self.people:
                continue
            start = self.first_strength(first, today)
            if first == target:
                found.append((start, (first,)))
                continue
            best: tuple[float, tuple[str, ...]] | None = None
            if first in into_target:
                best = (start * self.strength(first, target, today)[0], (first, target))
            for second in self.neighbours.get(first, set()) & into_target:
                if second in (ME, first):
                    continue
                score = start * self.strength(first, second, today)[0] * self.strength(second, target, today)[0]
                if best is None or score > best[0]:
                    best = (score, (first, second, target))
            if best is not None:
                found.append(best)
        found.sort(key=lambda item: (-item[0], item[1]))
        return [self.path(route, today) for _, route in found[:limit]]

    def path(self, route: tuple[str, ...], today: date) -> Path:
        """A route of person ids from me, with the evidence of every hop and the one-line why."""
        hops = []
        score = 1.0
        previous = ME
        for pid in route:
            if previous == ME:
                strength, kind = self.first_strength(pid, today), MET
            else:
                strength, kind = self.strength(previous, pid, today)
            score *= strength
            hops.append(Hop(previous, pid, kind, self._evidence(previous, pid, kind, today), strength))
            previous = pid
        return Path(hops, score, self._why(hops, today))

    def _why(self, hops: list[Hop], today: date) -> str:
        first = hops[0].target
        times, last = self.met[_pair(ME, first)]
        gave, asked = self.balance[first]
        fields = {"name": self.people[first].name, "times": times, "ago": _ago((today - last.when.date()).days),
                  "asked": asked, "gave": gave}
        if asked > gave:
            line = _("{name}: you met {times}x, last {ago}, and you asked more than you gave ({asked} to {gave})").format(**fields)
        else:
            line = _("{name}: you met {times}x, last {ago}").format(**fields)
        for hop in hops[1:]:
            line += " → " + _("{name} ({kind})").format(name=self.people[hop.target].name, kind=kind_label(hop.kind))
        return line


# ----------------------------------------------------------------- queries
def reach(store, today: date, *, person: str = "", org: str = "", topic: str = "", interest: str = "",
          limit: int = 10) -> ReachResult:
    """Ranked paths from me to a person, or to the people of an organisation, topic or interest.

    A name that matches no one is said, with the closest names, and the people
    whose organisation, interests or topics match it are reached instead.
    """
    g = store.reach_graph()
    if person:
        result = ReachResult(person, "person")
        found = store.match_person(person)
        if found.is_ambiguous:
            result.suggestions = sorted(g.people[pid].name for pid in found.person_ids)
            return result
        if not found.is_new:
            target = found.person_ids[0]
            result.matched = [g.people[target]]
            result.paths = g.paths_to(target, today, limit)
            return result
        result.suggestions = closest_names(store, person)
        matched = _by_text(store, g, person)
    elif org:
        result = ReachResult(org, "organisation")
        key = fold(org)
        matched = [p for p in g.people.values() if key and key in fold(p.organisation)]
        if not matched:
            result.suggestions = _closest(key, {fold(p.organisation): p.organisation for p in g.people.values() if p.organisation})
    elif topic:
        result = ReachResult(topic, "topic")
        matched = [g.people[pid] for pid in _topic_people(store, fold(topic.lstrip("#"))) if pid in g.people]
    elif interest:
        result = ReachResult(interest, "interest")
        key = fold(interest)
        matched = [p for p in g.people.values() if any(key and key in fold(i) for i in p.interests)]
    else:
        raise ValueError("reach needs a person, an organisation, a topic or an interest")
    result.matched = sorted(matched, key=lambda p: fold(p.name))
    best = g.best_paths({p.id for p in matched}, today)
    result.paths = sorted(best.values(), key=lambda p: (-p.score, fold(g.people[p.target].name)))[:limit]
    return result


def _topic_people(store, key: str) -> list[str]:
    seen: dict[str, None] = {}
    if key:
        for encounter in store.encounters():
            if any(fold(t) == key for t in encounter.topics):
                seen.update(dict.fromkeys(encounter.people))
    return list(seen)


def _by_text(store, g: Graph, text: str) -> list[Person]:
    """People whose organisation, interests or topics match a name nobody has."""
    key = fold(text)
    if not key:
        return []
    ids = set(_topic_people(store, key))
    ids |= {p.id for p in g.people.values() if key in fold(p.organisation) or any(key in fold(i) for i in p.interests)}
    return [g.people[pid] for pid in ids if pid in g.people]


def closest_names(store, name: str, count: int = 3) -> list[str]:
    return _closest(fold(name), {fold(p.name): p.name for p in store.people()}, count)


def _closest(key: str, options: dict[str, str], count: int = 3) -> list[str]:
    import difflib

    return [options[k] for k in difflib.get_close_matches(key, list(options), n=count, cutoff=0.5)]


def to_json(result: ReachResult, store) -> dict:
    """The JSON form (docs/cli.md): target, paths[{hops[{from, to, kind, evidence}], score, why}]."""
    names = {p.id: p.name for p in store.people()}
    return {
        "target": result.target,
        "kind": result.kind,
        "matched": [p.name for p in result.matched],
        "suggestions": result.suggestions,
        "paths": [
            {
                "hops": [{"from": "me" if h.source == ME else names[h.source], "to": names[h.target],
                          "kind": h.kind, "evidence": h.evidence} for h in path.hops],
                "score": round(path.score, 4),
                "why": path.why,
            }
            for path in result.paths
        ],
    }
