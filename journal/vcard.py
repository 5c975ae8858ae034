"""vCard files in and out, on vobject (issue 20).

Reading is made safe before vobject sees anything:
- the file is cut into cards and logical lines here, in one linear pass
  (vobject's own unfolding of quoted-printable lines copies the line so far
  for every physical line: a value folded a million times would take hours);
- binary properties (PHOTO, LOGO, SOUND, KEY) are dropped unread, so a 50 MB
  photo costs one pass over its lines and is never decoded;
- a property line longer than MAX_LINE is left out and reported;
- each card is parsed on its own: a card vobject cannot read is reported by
  the name it gives, and the others are read;
- every value is cleaned by journal.text (control characters, escape
  sequences) before it goes anywhere.

Writing builds vCard 3.0 (the default: what Google and Apple import) or 4.0.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from .i18n import _, digits
from .text import clean, clean_line

VERSIONS = ("3.0", "4.0")
BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
MAX_LINE = 200_000  # characters of one property: far more than any real note
MAX_BYTES = 256 * 1024 * 1024
# Groups that Google's export puts in CATEGORIES: they are not interests.
SYSTEM_GROUPS = {"mycontacts", "starred"}
_NAME_OF_LINE = re.compile(r"(?:[^.:;]+\.)?([A-Za-z0-9-]+)")


@dataclass
class Contact:
    """What one card says about a person, cleaned."""

    name: str
    organisation: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: str = ""
    interests: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    uid: str | None = None


@dataclass
class Problem:
    """A card, or a part of one, that was left out, and why."""

    card: str  # the name it gives, or "card N"
    reason: str


@dataclass
class ReadResult:
    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# ----------------------------------------------------------------- reading
def _logical_lines(text: str) -> list[str]:
    """Unfold: a line starting with a space or tab continues the last; so does the line after a
    quoted-printable soft break (a value ending in '=' in a property marked quoted-printable)."""
    lines: list[list[str]] = []
    soft_break = False
    for line in re.split(r"\r\n|\r|\n", text):
        if soft_break and lines:
            lines[-1].append(line)
        elif line[:1] in (" ", "\t") and lines:
            lines[-1].append(line[1:])
        elif line.strip():
            lines.append([line])
        else:
            soft_break = False
            continue
        current = lines[-1]
        soft_break = current[-1].endswith("=") and "QUOTED-PRINTABLE" in current[0].upper().split(":", 1)[0]
        if soft_break:
            current[-1] = current[-1][:-1]
    return ["".join(parts) for parts in lines]


def _property(line: str) -> str:
    match = _NAME_OF_LINE.match(line)
    return match.group(1).upper() if match else ""


def _raw_name(lines: list[str], number: int) -> str:
    for prop in ("FN", "N"):
        for line in lines:
            if _property(line) == prop and ":" in line:
                value = clean_line(line.split(":", 1)[1].replace(";", " ").replace("\\,", ","))
                if value:
                    return value[:80]
    return _("card {number}").format(number=number)


# Single text values that exporters leave unescaped (vCard 2.1 has no escaping;
# sloppy 3.0 writers skip it): vobject would keep only the part before the
# first comma (or semicolon), so those are escaped here.
_SINGLE_TEXT = {"NOTE", "FN", "TITLE"}
_UNESCAPED = re.compile(r"(?<!\\)([,;])")


def _value_start(line: str) -> int:
    """Where the value begins: after the first colon outside a quoted parameter."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i + 1
    return -1


def _escaped(line: str) -> str:
    start = _value_start(line)
    if start < 0:
        return line
    return line[:start] + _UNESCAPED.sub(r"\\\1", line[start:])


def _cards(text: str) -> list[tuple[list[str], list[Problem], int]]:
    cards = []
    current: list[str] | None = None
    number = 0
    for line in _logical_lines(text):
        prop = _property(line)
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            number += 1
            current = [line.strip()]
            problems: list[Problem] = []
            continue
        if current is None:
            continue  # outside any card: ignored
        if upper == "END:VCARD":
            current.append(line.strip())
            cards.append((current, problems, number))
            current = None
            continue
        if prop in BINARY:
            continue
        if len(line) > MAX_LINE:
            limit = digits(MAX_LINE)
            reason = (_("its {property} is longer than {limit} characters and was left out") if prop
                      else _("its line is longer than {limit} characters and was left out"))
            problems.append(Problem("", reason.format(property=prop, limit=limit)))
            continue
        current.append(_escaped(line) if prop in _SINGLE_TEXT else line)
    return cards


def _values(card, name: str) -> list:
    return [line.value for line in card.contents.get(name, [])]


def _texts(values) -> list[str]:
    found = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and clean_line(item):
                found.append(clean_line(item))
    return found


def _contact(card) -> Contact | None:
    import vobject.vcard

    name = next(iter(_texts(_values(card, "fn"))), "")
    parts = _values(card, "n")
    if parts and isinstance(parts[0], vobject.vcard.Name):
        n = parts[0]
        given = " ".join(_texts([n.prefix, n.given, n.additional, n.family, n.suffix]))
        if not name or ("," in name and given):
            name = given  # Outlook's "Family, Given": a comma separates names in Who
    name = clean_line(name.replace(",", " "))
    if not name:
        return None
    organisation = ""
    for org in _values(card, "org"):
        units = _texts(org if isinstance(org, list) else [org])
        if units:
            organisation = units[0]
            break
    # Google escapes the colon of a URL ("https\\://"), which a URI value does not take.
    links = [re.sub(r"\\([:,;])", r"\1", link) for link in _texts(_values(card, "url")) + _texts(_values(card, "x-socialprofile"))]
    uids = _texts(_values(card, "uid"))
    return Contact(
        name=name,
        organisation=organisation,
        emails=_texts(_values(card, "email")),
        phones=_texts(_values(card, "tel")),
        links=links,
        notes="\n\n".join(clean(n).strip() for n in _values(card, "note") if isinstance(n, str) and clean(n).strip()),
        interests=[c for c in _texts(_values(card, "categories")) if c.casefold() not in SYSTEM_GROUPS],
        aliases=[a for a in _texts(_values(card, "nickname")) if a.casefold() != name.casefold()],
        uid=uids[0] if uids else None,
    )


def read_vcards(data: bytes) -> ReadResult:
    """Every contact of a vCard file; problems say which cards (or parts) were left out and why."""
    import vobject

    text = data.decode("utf-8-sig", errors="replace")
    result = ReadResult()
    for lines, problems, number in _cards(text):
        label = _raw_name(lines, number)
        for problem in problems:
            result.problems.append(Problem(label, problem.reason))
        try:
            card = vobject.readOne("\r\n".join(lines) + "\r\n", allowQP=False)
            contact = _contact(card)
        except Exception as exc:  # vobject raises many kinds (ParseError, binascii.Error, ValueError...)
            reason = clean_line(str(exc))[:120] or type(exc).__name__
            result.problems.append(Problem(label, _("it could not be read ({reason})").format(reason=reason)))
            continue
        if contact is None:
            result.problems.append(Problem(label, _("it has no name")))
            continue
        result.contacts.append(contact)
    return result


def uid_as_id(uid: str | None) -> str | None:
    """A card's UID that can be a record id (ours are UUIDs; a round trip keeps them)."""
    if not uid:
        return None
    try:
        return str(uuid.UUID(uid.removeprefix("urn:uuid:")))
    except ValueError:
        return None


# ----------------------------------------------------------------- writing
def write_vcards(people, version: str = "3.0") -> bytes:
    """vCards of `people` (journal.models.Person), A to Z as given, CRLF line ends."""
    import vobject

    if version not in VERSIONS:
        raise ValueError(f"vCard version {version} is not one of {', '.join(VERSIONS)}")
    chunks = []
    for person in people:
        card = vobject.vCard()
        if version != "3.0":
            card.add("version").value = version
        card.add("uid").value = f"urn:uuid:{person.id}" if version == "4.0" else person.id
        card.add("fn").value = clean_line(person.name)
        # The whole name as the given name: splitting names into family and
        # given parts is a guess that fails for many cultures.
        card.add("n").value = vobject.vcard.Name(given=clean_line(person.name))
        if person.aliases:
            card.add("nickname").value = ",".join(clean_line(a) for a in person.aliases)
        if person.organisation:
            card.add("org").value = [clean_line(person.organisation)]
        for email in person.emails:
            line = card.add("email")
            line.value = clean_line(email)
            if version == "3.0":
                line.type_param = "INTERNET"
        for phone in person.phones:
            card.add("tel").value = clean_line(phone)
        for link in person.links:
            card.add("url").value = clean_line(link)
        if person.interests:
            card.add("categories").value = [clean_line(i) for i in person.interests]
        if person.notes:
            card.add("note").value = clean(person.notes)
        chunks.append(card.serialize())
    return "".join(chunks).encode("utf-8")
