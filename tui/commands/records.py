"""What the reading commands (list, show, people, search) print, in one place.

Text is one record per line: on a terminal, cut to its width; piped, whole
(a record's newlines become spaces, so that `grep`, `wc -l` and `head` see one
line per record). JSON and CSV keep every field as stored; their keys and
columns are documented in docs/cli.md and do not change without a note there.
Nothing here imports Textual, and the heavier modules (csv, json, shutil) are
imported where used: every command, `add` included, imports this module.
"""
from __future__ import annotations

from journal.credit import ASKED, GAVE, credited
from journal.i18n import _, ngettext
from journal.models import Encounter, Person
from journal.queries import days_since

FORMATS = ("text", "json", "csv")

ENCOUNTER_COLUMNS = (
    "id", "when", "people", "place", "setting", "notes", "topics", "learned",
    "gave", "gave_to", "asked", "asked_of", "follow_up", "follow_up_due", "follow_up_done",
)
PERSON_COLUMNS = (
    "id", "name", "aliases", "organisation", "interests", "introduced_by", "keep_in_touch_days",
    "met", "first_met", "last_seen", "notes",
)


def add_format_option(parser, *, choices=FORMATS) -> None:
    parser.add_argument(
        "--format", choices=choices, default="text",
        help=_("text: one record per line (whole when piped); json and csv: every field (see docs/cli.md)"),
    )


def flat(text: str) -> str:
    """One line: newlines and tabs become spaces."""
    return " ".join(text.split())


def fit(line: str, out) -> str:
    """Cut a line to the terminal's width, only when printing to a terminal."""
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        return line
    import shutil  # here: every command imports this module, few print to a terminal

    width = shutil.get_terminal_size().columns
    return line if len(line) <= width else line[: max(1, width - 1)] + "…"


# ------------------------------------------------------------- encounters
def encounter_dict(e: Encounter, names) -> dict:
    follow = e.follow_up
    return {
        "id": e.id,
        "when": e.when.isoformat(),
        "people": names(e.people),
        "people_ids": list(e.people),
        "place": e.place,
        "setting": e.setting,
        "notes": e.notes,
        "topics": list(e.topics),
        "learned": e.learned,
        "gave": e.gave,
        "gave_to": names(credited(e, GAVE)),
        "asked": e.asked,
        "asked_of": names(credited(e, ASKED)),
        "follow_up": None if follow is None else {
            "text": follow.text,
            "due": follow.due.isoformat() if follow.due else None,
            "done": follow.done,
        },
        "created_at": e.created_at,
        "updated_at": e.updated_at,
    }


def encounter_line(e: Encounter, names) -> str:
    """`74775e35  2026-11-26 18:30 · Ana Souza, Bruno · Padaria Real (bakery) · notes #topic`."""
    parts = [e.when.strftime("%Y-%m-%d %H:%M")]
    who = ", ".join(names(e.people))
    if who:
        parts.append(who)
    if e.place or e.setting:
        parts.append(f"{e.place} ({e.setting})" if e.place and e.setting else e.place or e.setting)
    if e.notes.strip():
        parts.append(flat(e.notes))
    missing = [t for t in e.topics if f"#{t}".casefold() not in e.notes.casefold()]
    if missing:
        parts.append(" ".join("#" + t for t in missing))
    return f"{e.id[:8]}  " + " · ".join(parts)


def print_encounters(encounters: list[Encounter], names, fmt: str, out) -> None:
    import csv
    import json

    if fmt == "json":
        print(json.dumps([encounter_dict(e, names) for e in encounters], ensure_ascii=False, indent=2), file=out)
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ENCOUNTER_COLUMNS)
        for e in encounters:
            d = encounter_dict(e, names)
            follow = d["follow_up"] or {}
            writer.writerow([
                d["id"], d["when"], "; ".join(d["people"]), d["place"], d["setting"], d["notes"],
                " ".join(d["topics"]), d["learned"], d["gave"], "; ".join(d["gave_to"]), d["asked"],
                "; ".join(d["asked_of"]), follow.get("text", ""), follow.get("due") or "",
                "" if not follow else ("yes" if follow["done"] else "no"),
            ])
    else:
        for e in encounters:
            print(fit(encounter_line(e, names), out), file=out)


# ----------------------------------------------------------------- people
def person_dict(p: Person, encounters: list[Encounter], people: dict[str, Person]) -> dict:
    """`encounters`: theirs, newest first."""
    introducer = people.get(p.introduced_by) if p.introduced_by else None
    return {
        "id": p.id,
        "name": p.name,
        "aliases": list(p.aliases),
        "organisation": p.organisation,
        "interests": list(p.interests),
        "introduced_by": introducer.name if introducer else None,
        "introduced_by_id": p.introduced_by,
        "keep_in_touch_days": p.keep_in_touch_days,
        "met": len(encounters),
        "first_met": encounters[-1].when.isoformat() if encounters else None,
        "last_seen": encounters[0].when.isoformat() if encounters else None,
        "notes": p.notes,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
    }


def person_line(p: Person, encounters: list[Encounter], today) -> str:
    """`a4a07a87  Ana Souza · Padaria Real · met 3 times, last 2026-11-24 (3 days ago)`."""
    parts = [p.name]
    if p.organisation:
        parts.append(p.organisation)
    if encounters:
        last = encounters[0].when
        count = len(encounters)
        # "once" has no number in English; other languages' singular may cover other counts.
        met = _("met once") if count == 1 else ngettext("met {count} time", "met {count} times", count).format(count=count)
        ago = days_since(last, today)
        if ago <= 0:
            when = _("today")
        elif ago == 1:
            when = _("yesterday")
        else:
            when = ngettext("{days} day ago", "{days} days ago", ago).format(days=ago)
        parts.append(_("{met}, last {day} ({when})").format(met=met, day=last.strftime("%Y-%m-%d"), when=when))
    else:
        parts.append(_("never met"))
    if p.interests:
        parts.append(", ".join(p.interests))
    return f"{p.id[:8]}  " + " · ".join(flat(part) for part in parts)
