"""Merging another copy of the journal into the store, and reviewing what a merge set aside.

journal.merge decides (pure functions on dicts); this module reads the
other copy (journal.copies), hands both sides to it, writes the result in
one transaction (one atomic save), and reports what happened. It also
serves the Conflicts screen: the versions set aside and what to do with
each (keep the version in use, use the set-aside one).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import clock
from .copies import read_copy
from .errors import NotFoundError
from .i18n import N_, _, ngettext
from .merge import SIDE, Tables, conflict_id, duplicates, empty, merge
from .models import RECORD_TABLES, Conflict, Encounter, Tombstone, record_model
from .names import fold
from .queries import one_line
from .text import clean_line, first_line
from .tombstones import bury, side_table, unbury

_BAD_RECORD = (KeyError, TypeError, ValueError, AttributeError, OverflowError)
_MODELS = {**{t: record_model(t) for t in RECORD_TABLES}, "tombstones": Tombstone, "conflicts": Conflict}
ACTIONS = ("added", "updated", "deleted", "set_aside")


def tables_of(data: dict) -> tuple[Tables, int]:
    """The valid records of a journal's data, by table and id, and how many were damaged (left out)."""
    tables = empty()
    damaged = 0
    for name, model in _MODELS.items():
        for raw in (data.get(name) or {}).values():
            try:
                if type(raw) is not dict:
                    raise ValueError("not an object")
                record = model.from_dict(raw)
            except _BAD_RECORD:
                damaged += 1
                continue
            if record.id in tables[name]:
                damaged += 1
                continue
            tables[name][record.id] = record.to_dict()
    return tables, damaged


def store_tables(store) -> Tables:
    """What the store holds now, in the same form (damaged records are not in it, and stay untouched)."""
    store._sync()
    tables = {name: {rid: r.to_dict() for rid, r in store._records[name].items()} for name in RECORD_TABLES}
    for name in SIDE:
        tables[name] = {rid: r.to_dict() for rid, r in side_table(store, name).items()}
    return tables


# ------------------------------------------------------------------ report
@dataclass
class Item:
    action: str  # one of ACTIONS
    table: str
    id: str
    label: str


@dataclass
class MergeReport:
    journal: Path
    other: Path
    dry_run: bool
    items: list[Item] = field(default_factory=list)
    joined: list[dict] = field(default_factory=list)
    review: list[dict] = field(default_factory=list)
    damaged_in_other: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.items)

    def counts(self) -> dict[str, dict[str, int]]:
        counts = {action: {table: 0 for table in RECORD_TABLES} for action in ACTIONS}
        for item in self.items:
            counts[item.action][item.table] += 1
        return counts

    def to_json(self) -> dict:
        """The report's JSON form (docs/cli.md)."""
        return {
            "journal": str(self.journal),
            "other": str(self.other),
            "dry_run": self.dry_run,
            "changed": self.changed,
            "counts": self.counts(),
            "items": [{"action": i.action, "table": i.table, "id": i.id, "label": i.label} for i in self.items],
            "joined": self.joined,
            "review": self.review,
            "damaged_in_other": self.damaged_in_other,
        }

    def lines(self) -> list[str]:
        """The report as text, one line each."""
        lines = []
        would = self.dry_run
        if not self.items and not self.joined:
            lines.append(_("Nothing to merge: this journal already holds everything in {other}.").format(other=self.other))
        for item in self.items:
            lines.append(_(_LINES[(item.action, would)]).format(what=_(_WHAT[item.table]), label=item.label))
        for join in self.joined:
            if join["by"] == "email":
                template = _("Would join {joined} into {kept} (the same email).") if would else _(
                    "Joined {joined} into {kept} (the same email).")
            else:
                template = _("Would join {joined} into {kept} (the same name).") if would else _(
                    "Joined {joined} into {kept} (the same name).")
            lines.append(template.format(joined=join["joined"]["name"], kept=join["kept"]["name"]))
        for group in self.review:
            lines.append(review_line(group))
        if self.damaged_in_other:
            # English keeps its "record(s)" whatever the count; the plural is for translations.
            lines.append(ngettext(
                "{count} damaged record(s) in {other} were left out (`netjournal doctor --journal` on it lists them).",
                "{count} damaged record(s) in {other} were left out (`netjournal doctor --journal` on it lists them).",
                self.damaged_in_other,
            ).format(count=self.damaged_in_other, other=self.other))
        if would:
            lines.append(_("Dry run: nothing was written."))
        elif self.items:
            lines.append(_("Merged {other} into {journal} in one save; {other} itself was not changed.")
                         .format(other=self.other, journal=self.journal))
        return lines


# Marked here, translated where a line is made (the language is chosen after import).
_WHAT = {"people": N_("person"), "encounters": N_("encounter"), "opinions": N_("opinion"), "reviews": N_("reflection"),
         "me": N_("list of your qualities"), "groups": N_("group")}
_LINES = {
    ("added", False): N_("Added {what}: {label}"),
    ("added", True): N_("Would add {what}: {label}"),
    ("updated", False): N_("Updated {what}: {label}"),
    ("updated", True): N_("Would update {what}: {label}"),
    ("deleted", False): N_("Deleted {what} (deleted on the other side): {label}"),
    ("deleted", True): N_("Would delete {what} (deleted on the other side): {label}"),
    ("set_aside", False): N_("Set aside for review (both sides changed it; the later change is in use): {what} {label}"),
    ("set_aside", True): N_("Would set aside for review (both sides changed it): {what} {label}"),
}


def review_line(group: dict) -> str:
    """ "To review: Ana; Ana Souza (the same name)." The JSON keeps `why` in English; it is translated here."""
    return _("To review: {labels} ({why}).").format(labels="; ".join(group["labels"]), why=_(group["why"]))


def label(table: str, record: dict, people: dict) -> str:
    """One line that tells a user which record this is."""
    try:
        if table == "people":
            org = record.get("organisation")
            return clean_line(record["name"]) + (f" ({clean_line(org)})" if org else "")
        if table == "encounters":
            encounter = Encounter.from_dict(record)
            names = [people[p]["name"] if p in people else _("(unknown)") for p in encounter.people]
            return clean_line(one_line(encounter, names))
        if table == "opinions":
            return clean_line(f"{record['subject']}: {first_line(record['stance'])}")
        if table == "me":
            return clean_line(", ".join(record["qualities"])) or _("(none)")
        if table == "groups":
            return clean_line(record["name"])
        return _("week {week}").format(week=clean_line(record["week"]))
    except _BAD_RECORD:
        return record.get("id", "?")


def _why(table: str, records: list[dict]) -> str:
    if table == "people":
        names = {fold(r["name"]) for r in records}
        return N_("the same name") if len(names) == 1 else N_("the same email")
    # English in the JSON report (docs/cli.md); translated where shown (review_line).
    return {"opinions": N_("opinions on the same subject"), "reviews": N_("reflections on the same week"),
            "groups": N_("groups of the same name")}[table]


def review_groups(tables: Tables) -> list[dict]:
    """Records that look like one and were not joined: for the user to decide."""
    people = tables.get("people", {})
    groups = []
    for table, ids in duplicates(tables):
        records = [tables[table][i] for i in ids]
        groups.append({"table": table, "ids": ids, "labels": [label(table, r, people) for r in records],
                       "why": _why(table, records)})
    return groups


def _report(journal: Path, other: Path, dry_run: bool, mine: Tables, theirs: Tables, result, damaged: int) -> MergeReport:
    after = result.tables
    report = MergeReport(journal=journal, other=other, dry_run=dry_run, damaged_in_other=damaged)
    for change in result.changes:
        source = mine if change.action == "deleted" else after
        people = source["people"]
        report.items.append(Item(change.action, change.table, change.id,
                                 label(change.table, source[change.table][change.id], people)))
    for conflict in result.conflicts:
        report.items.append(Item("set_aside", conflict["table"], conflict["record_id"],
                                 label(conflict["table"], conflict["record"], after["people"])))
    everyone = {**theirs["people"], **mine["people"], **after["people"]}
    for join in result.joins:
        report.joined.append({
            "kept": {"id": join.kept, "name": clean_line(everyone[join.kept]["name"])},
            "joined": {"id": join.absorbed, "name": clean_line(everyone[join.absorbed]["name"])},
            "by": join.by,
        })
    report.review = review_groups(after)
    return report


# ------------------------------------------------------------------- merge
def merge_copy(store, other: Path, *, dry_run: bool = False) -> MergeReport:
    """Join the copy at `other` into the store's journal in one save (or, dry, say what that would do).

    The other file is only read. CopyError (nothing changed) when it cannot be merged.
    """
    other = Path(other)
    theirs, damaged = tables_of(read_copy(other, store.path))
    now = clock.utc_stamp()
    if dry_run:
        mine = store_tables(store)
        return _report(store.path, other, True, mine, theirs, merge(mine, theirs, now), damaged)
    with store._transaction():
        mine = store_tables(store)
        result = merge(mine, theirs, now)
        _apply(store, mine, result.tables)
    return _report(store.path, other, False, mine, theirs, result, damaged)


def _apply(store, mine: Tables, after: Tables) -> None:
    """Write the differences; only inside a transaction. People first: encounters name them."""
    for table in ("people", "groups", "encounters", "opinions", "reviews", "me", *SIDE):
        model = _MODELS[table]
        before, now = mine[table], after[table]
        for rid, record in now.items():
            if before.get(rid) != record:
                store._put(table, model.from_dict(record))
        for rid in before.keys() - now.keys():
            store._drop(table, rid)


# --------------------------------------------------------------- conflicts
@dataclass
class Pending:
    """A version set aside by a merge, beside the version in use (None if it was deleted since)."""

    conflict: Conflict
    current: object | None
    aside: object


def pending_conflicts(store) -> list[Pending]:
    """The versions set aside, latest found first."""
    found = []
    for conflict in side_table(store, "conflicts").values():
        current = store._records[conflict.table].get(conflict.record_id)
        found.append(Pending(conflict, current, conflict.version()))
    found.sort(key=lambda p: (p.conflict.found_at, p.conflict.id), reverse=True)
    return found


def _conflict(store, cid: str) -> Conflict:
    try:
        return side_table(store, "conflicts")[cid]
    except KeyError:
        raise NotFoundError(_("That set-aside version is gone (resolved elsewhere).")) from None


def _resolve(store, conflict: Conflict, replaced: dict | None = None) -> None:
    """The conflict goes, with a tombstone so that no merge brings it back.

    `replaced`: the version in use that the user set aside now; a merge with a
    copy that still has it must not offer it again either.
    """
    store._drop("conflicts", conflict.id)
    bury(store, "conflicts", conflict.id)
    if replaced is not None:
        other = conflict_id(conflict.table, replaced)
        if other in side_table(store, "conflicts"):
            store._drop("conflicts", other)
        bury(store, "conflicts", other)


def keep_current(store, cid: str, replaced: dict | None = None) -> None:
    """Keep the version in use; the set-aside one is dismissed.

    `replaced`: the version that was in use before the user edited the record
    to settle the conflict (the Conflicts screen's edit), dismissed too.
    """
    with store._transaction():
        _resolve(store, _conflict(store, cid), replaced)


def use_set_aside(store, cid: str) -> object:
    """Put the set-aside version in use again, as a change made now; returns it."""
    with store._transaction():
        conflict = _conflict(store, cid)
        current = store._records[conflict.table].get(conflict.record_id)
        version = replace(conflict.version(), updated_at=clock.utc_stamp())
        store._put(conflict.table, version)
        unbury(store, conflict.record_id)
        _resolve(store, conflict, current.to_dict() if current is not None else None)
    return version


def conflicts_count(store) -> int:
    return len(side_table(store, "conflicts"))
