"""`netjournal import contacts.vcf`: people from a phone's or a mail app's contacts (issue 20).

Each card finds its person by email first, then by folded name (or alias);
failing both, it makes a new person. What the card adds is joined in:
emails, phones, links, aliases and interests (its categories) are added, an
empty organisation is filled, and its note is appended unless the notes
already hold it. A name is never changed (a different one becomes an alias).
So importing the same file again changes nothing, and a journal's own
vCard export imports back into it unchanged.

The whole import is one save. A dry run makes the same changes in the same
transaction and then abandons it, so it reports exactly what a real run
would do.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import clock
from .contacts import email_keys, joined
from .errors import JournalError, ValidationError
from .i18n import N_, _
from .models import Person, merge_topics
from .names import fold
from .tombstones import side_table
from .vcard import MAX_BYTES, Contact, Problem, read_vcards, uid_as_id


class ImportFileError(JournalError):
    def __init__(self, path: Path, reason: str):
        super().__init__(_("Cannot import {path}: {reason}. Nothing was changed.").format(path=path, reason=reason))


@dataclass
class ImportReport:
    path: Path
    dry_run: bool
    added: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)  # name, what changed
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "file": str(self.path),
            "dry_run": self.dry_run,
            "added": self.added,
            "updated": [{"name": name, "changed": what} for name, what in self.updated],
            "unchanged": self.unchanged,
            "left_out": [{"card": p.card, "reason": p.reason} for p in self.problems],
        }

    def lines(self) -> list[str]:
        would = self.dry_run
        lines = []
        for name in self.added:
            lines.append((_("Would add: {name}") if would else _("Added: {name}")).format(name=name))
        for name, what in self.updated:
            template = _("Would update {name}: {fields}") if would else _("Updated {name}: {fields}")
            # The labels stay English in the JSON report; translated here.
            lines.append(template.format(name=name, fields=", ".join(_(label) for label in what)))
        for problem in self.problems:
            lines.append(_("Left out: {card}: {reason}.").format(card=problem.card, reason=problem.reason))
        # Three counts in one sentence: no plural form fits them all, so translations
        # say them as "label: number".
        lines.append(
            (_("{added} to add, {updated} to update, {unchanged} already up to date. Dry run: nothing was written.")
             if would else _("{added} added, {updated} updated, {unchanged} already up to date."))
            .format(added=len(self.added), updated=len(self.updated), unchanged=len(self.unchanged))
        )
        return lines


class _DryRun(Exception):
    pass


def read_file(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImportFileError(path, _("there is no such file")) from None
    except IsADirectoryError:
        raise ImportFileError(path, _("it is a folder, not a file")) from None
    except OSError as exc:
        raise ImportFileError(path, exc.strerror or str(exc)) from None
    if len(data) > MAX_BYTES:
        raise ImportFileError(path, _("it is larger than {size} MB").format(size=MAX_BYTES // (1024 * 1024)))
    if b"BEGIN:VCARD" not in data.upper():
        raise ImportFileError(path, _("it holds no vCard (no BEGIN:VCARD line)"))
    return data


def import_contacts(store, path: Path, *, dry_run: bool = False) -> ImportReport:
    path = Path(path)
    parsed = read_vcards(read_file(path))
    report = ImportReport(path=path, dry_run=dry_run, problems=list(parsed.problems))
    try:
        with store._transaction():
            for contact in parsed.contacts:
                _import_one(store, contact, report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _find(store, contact: Contact) -> tuple[Person | None, str | None]:
    """The person a card is about, or None; or a reason it cannot be told."""
    people = store._records["people"]
    keys = email_keys(contact.emails)
    by_email = [p for p in people.values() if keys & email_keys(p.emails)]
    if len(by_email) > 1:
        names = ", ".join(sorted(p.name for p in by_email))
        return None, _("its emails belong to several people ({names}); merge them first").format(names=names)
    if by_email:
        return by_email[0], None
    key = fold(contact.name)
    by_name = [p for p in people.values() if key in {fold(p.name), *(fold(a) for a in p.aliases)}]
    if len(by_name) > 1:
        names = ", ".join(sorted(p.name for p in by_name))
        return None, _("several people are called that ({names}); add an email to one of them").format(names=names)
    return (by_name[0] if by_name else None), None


def _import_one(store, contact: Contact, report: ImportReport) -> None:
    person, problem = _find(store, contact)
    if problem:
        report.problems.append(Problem(contact.name, problem))
        return
    if person is None:
        fields = {
            "organisation": contact.organisation, "emails": contact.emails, "phones": contact.phones,
            "links": contact.links, "interests": contact.interests, "aliases": contact.aliases, "notes": contact.notes,
        }
        new = Person(name=contact.name)
        wanted = uid_as_id(contact.uid)
        if wanted and wanted not in store._records["people"] and wanted not in side_table(store, "tombstones"):
            new.id = wanted  # a round trip through vCard keeps the person's id
        try:
            new = store._validated_person(new, fields)
        except ValidationError as exc:
            report.problems.append(Problem(contact.name, exc.message))
            return
        store._put("people", new)
        report.added.append(new.name)
        return
    changes: dict = {}
    what: list[str] = []

    def change(key: str, value, label: str) -> None:
        changes[key] = value
        what.append(label)

    aliases = merge_topics(person.aliases, [contact.name] if fold(contact.name) != fold(person.name) else [], contact.aliases)
    aliases = [a for a in aliases if fold(a) != fold(person.name)]
    if aliases != person.aliases:
        change("aliases", aliases, N_("also known as"))
    if contact.organisation and not person.organisation:
        change("organisation", contact.organisation, N_("organisation"))
    for key, label in (("emails", N_("email")), ("phones", N_("phone")), ("links", N_("link"))):
        merged = joined(key, getattr(person, key), getattr(contact, key))
        if merged != getattr(person, key):
            change(key, merged, label)
    interests = merge_topics(person.interests, contact.interests)
    if interests != person.interests:
        change("interests", interests, N_("interests"))
    if contact.notes and contact.notes not in person.notes:
        change("notes", "\n\n".join(n for n in (person.notes, contact.notes) if n), N_("notes"))
    if not changes:
        report.unchanged.append(person.name)
        return
    try:
        updated = store._validated_person(replace(person), changes)
    except ValidationError as exc:
        report.problems.append(Problem(contact.name, exc.message))
        return
    updated.updated_at = clock.utc_stamp()
    store._put("people", updated)
    report.updated.append((person.name, what))
