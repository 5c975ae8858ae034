"""Everything out: the journal as JSON, CSV, Markdown or vCard (issue 20).

Every file is written whole through journal.durable (a temp file beside
it, flushed, renamed over it), so an export that fails or is killed never
leaves a partial file; at most an older export stays as it was.

- JSON: one document with every record in its on-disk form (docs/cli.md).
- CSV: one file per table in a folder, UTF-8 with a byte order mark so
  that Excel opens accents intact (LibreOffice, Numbers and Google Sheets
  read it as well), a header row, lists joined with "; ". A cell starting
  with = + @ (or - followed by something other than a space) gets a leading
  apostrophe, so that a spreadsheet shows it instead of running it as a
  formula.
- Markdown: one readable document, encounters newest first.
- vCard: the people, 3.0 or 4.0 (journal.vcard).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import orjson

from . import clock, dates_out
from .dates import LocalDays
from .durable import atomic_write_bytes, ensure_private_dir
from .errors import JournalError
from .i18n import N_, _, ngettext
from .migrations import CURRENT_SCHEMA
from .models import CONFIDENCES
from .names import fold
from .text import clean, clean_line

FORMATS = ("json", "csv", "markdown", "vcard")
CSV_TABLES = ("people", "encounters", "opinions", "opinion_history", "reviews", "qualities")
EXPORT_FORMAT = 1


class ExportError(JournalError):
    def __init__(self, path: Path, reason: str, written: str | None = None):
        written = _("Nothing was written.") if written is None else written
        super().__init__(_("Cannot export to {path}: {reason}. {written}").format(path=path, reason=reason, written=written))


def _people(store):
    return sorted(store.people(), key=lambda p: (fold(p.name), p.id))


def _names(store, ids) -> list[str]:
    return store.names(list(ids))


# -------------------------------------------------------------------- JSON
def to_json(store) -> bytes:
    """The whole journal: every record of every table, in its on-disk form."""
    document = {
        "netjournal_export": EXPORT_FORMAT,
        "schema_version": CURRENT_SCHEMA,
        "exported_at": clock.utc_stamp(),
        "people": [p.to_dict() for p in _people(store)],
        "encounters": [e.to_dict() for e in store.encounters()],
        "opinions": [o.to_dict() for o in sorted(store.opinions.all(), key=lambda o: (fold(o.subject), o.id))],
        "reviews": [r.to_dict() for r in store.reviews()],
        "me": [m.to_dict() for m in store._records["me"].values()],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


# --------------------------------------------------------------------- CSV
def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = "; ".join(value)
    text = clean(str(value))
    if _PHONE_LIKE.fullmatch(text):
        return text  # "+33 6 12 34 56 78" calls no function; an apostrophe would only spoil it
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and text[1:2] not in ("", " ")):
        return "'" + text
    return text


_PHONE_LIKE = re.compile(r"[+\d][\d\s().+/-]*")


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_csv(store) -> dict[str, bytes]:
    """File name -> contents, one file per table."""
    people = {p.id: p for p in store.people()}
    files = {}
    files["people.csv"] = _csv(
        ["id", "name", "aliases", "organisation", "emails", "phones", "links", "interests", "introduced_by",
         "keep_in_touch_days", "notes", "created_at", "updated_at"],
        ([p.id, p.name, p.aliases, p.organisation, p.emails, p.phones, p.links, p.interests,
          people[p.introduced_by].name if p.introduced_by in people else "", p.keep_in_touch_days, p.notes,
          p.created_at, p.updated_at] for p in _people(store)),
    )
    files["encounters.csv"] = _csv(
        ["id", "when", "people", "people_ids", "place", "setting", "notes", "topics", "learned", "gave", "asked",
         "follow_up", "follow_up_due", "follow_up_done", "introduced", "told", "created_at", "updated_at"],
        ([e.id, e.when.isoformat(), _names(store, e.people), e.people, e.place, e.setting, e.notes, e.topics,
          e.learned, e.gave, e.asked, e.follow_up.text if e.follow_up else "",
          e.follow_up.due.isoformat() if e.follow_up and e.follow_up.due else "",
          e.follow_up.done if e.follow_up else "", _introductions(store, e), e.told, e.created_at, e.updated_at]
         for e in reversed(store.encounters())),
    )
    opinions = sorted(store.opinions.all(), key=lambda o: (fold(o.subject), o.id))
    files["opinions.csv"] = _csv(
        ["id", "subject", "stance", "confidence", "encounters", "revisions", "created_at", "updated_at"],
        ([o.id, o.subject, o.stance, o.confidence, o.encounters, len(o.history), o.created_at, o.updated_at]
         for o in opinions),
    )
    files["opinion_history.csv"] = _csv(
        ["opinion_id", "subject", "stance", "confidence", "changed_at", "encounter"],
        ([o.id, o.subject, r.stance, r.confidence, r.changed_at, r.encounter] for o in opinions for r in o.history),
    )
    files["qualities.csv"] = _csv(["quality"], ([q] for q in store.me().qualities))
    files["reviews.csv"] = _csv(
        ["id", "week", "reflection", "created_at", "updated_at"],
        ([r.id, r.week, r.reflection, r.created_at, r.updated_at] for r in store.reviews()),
    )
    return files


def _introductions(store, encounter) -> list[str]:
    return [" > ".join(_names(store, pair)) for pair in encounter.introduced]


# ---------------------------------------------------------------- Markdown
def _when(moment) -> str:
    return moment.strftime("%H:%M")


def _day(day) -> str:
    return dates_out.full_day(day)


def _confidence(confidence: str) -> str:
    """low, medium, high in the interface's language; anything else (a hand edit) as it is."""
    return _(confidence) if confidence in CONFIDENCES else confidence


def _follow_up_state(follow_up) -> str:
    """ "Follow-up (open, due 2026-12-04)": whole sentences for translators."""
    due = follow_up.due.isoformat() if follow_up.due else None
    if follow_up.done:
        return _("Follow-up (done, due {day})").format(day=due) if due else _("Follow-up (done)")
    return _("Follow-up (open, due {day})").format(day=due) if due else _("Follow-up (open)")


def to_markdown(store) -> bytes:
    """One readable document: encounters newest first, then people, opinions and reflections."""
    local = LocalDays()
    none_yet = _("_None yet._")
    lines = ["# netjournal", "", _("Exported {moment}.").format(moment=dates_out.long_date_time(clock.now())), ""]
    lines += ["## " + _("Encounters, newest first"), ""]
    current_day = None
    encounters = list(reversed(store.encounters()))
    if not encounters:
        lines += [none_yet, ""]
    for e in encounters:
        day = local.date_of(e.when)
        if day != current_day:
            lines += [f"### {_day(day)}", ""]
            current_day = day
        head = [_when(e.when)]
        names = ", ".join(_names(store, e.people))
        if names:
            head.append(clean_line(names))
        where = clean_line(e.place)
        if e.setting:
            where = f"{where} ({clean_line(e.setting)})" if where else clean_line(e.setting)
        if where:
            head.append(where)
        lines += ["**" + " · ".join(head) + "**", ""]
        if e.notes:
            lines += [clean(e.notes), ""]
        facts = []
        for label, text in ((N_("Learned"), e.learned), (N_("Gave"), e.gave), (N_("Asked"), e.asked),
                            (N_("Introduced"), "; ".join(_introductions(store, e))), (N_("Told"), ", ".join(e.told))):
            if text:
                facts.append(f"- {_(label)}: {clean(text)}")
        if e.follow_up is not None:
            facts.append(f"- {_follow_up_state(e.follow_up)}: {clean_line(e.follow_up.text)}")
        if facts:
            lines += facts + [""]
    lines += ["## " + _("People"), ""]
    people = _people(store)
    if not people:
        lines += [none_yet, ""]
    for p in people:
        lines += [f"### {clean_line(p.name)}", ""]
        every = ""
        if p.keep_in_touch_days:
            # English says "days" whatever the count, as it always did; the plural is for translations.
            every = ngettext("every {count} days", "every {count} days", p.keep_in_touch_days).format(count=p.keep_in_touch_days)
        for label, value in ((N_("Also known as"), ", ".join(p.aliases)), (N_("Organisation"), p.organisation),
                             (N_("Email"), ", ".join(p.emails)), (N_("Phone"), ", ".join(p.phones)),
                             (N_("Links"), ", ".join(p.links)), (N_("Interests"), ", ".join(p.interests)),
                             (N_("Keep in touch"), every)):
            if value:
                lines.append(f"- {_(label)}: {clean_line(value)}")
        if p.notes:
            lines += ["", clean(p.notes)]
        lines.append("")
    lines += ["## " + _("Opinions"), ""]
    opinions = store.opinions.all()
    if not opinions:
        lines += [none_yet, ""]
    for o in opinions:
        lines += [f"### {clean_line(o.subject)} ({_confidence(o.confidence)})", "", clean(o.stance), ""]
        for r in reversed(o.history):
            lines.append(_("- Until {day}: {stance} ({confidence})").format(
                day=r.changed_at[:10], stance=clean_line(r.stance), confidence=_confidence(r.confidence)))
        if o.history:
            lines.append("")
    qualities = store.me().qualities
    if qualities:
        lines += ["## " + _("What I do well"), "", *(f"- {clean_line(q)}" for q in qualities), ""]
    lines += ["## " + _("Weekly reflections, newest first"), ""]
    reviews = [r for r in reversed(store.reviews()) if r.reflection.strip()]
    if not reviews:
        lines += [none_yet, ""]
    for r in reviews:
        lines += [f"### {r.week}", "", clean(r.reflection), ""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


# ----------------------------------------------------------------- writing
def export(store, fmt: str, path: Path, *, vcard_version: str = "3.0") -> list[Path]:
    """Write the export; the files written. CSV makes `path` a folder of files."""
    from .vcard import write_vcards

    path = Path(path)
    if fmt == "csv":
        if path.exists() and not path.is_dir():
            raise ExportError(path, _("CSV export writes one file per table, so PATH must be a folder, and this is a file"))
        files = to_csv(store)
        written = []
        try:
            ensure_private_dir(path)
            for name, payload in files.items():
                atomic_write_bytes(path / name, payload)
                written.append(path / name)
        except OSError as exc:
            done = (_("Each file is whole: the ones written before ({names}) are this export, "
                      "the others are as they were.").format(names=", ".join(p.name for p in written))
                    if written else None)
            raise ExportError(path, exc.strerror or str(exc), done) from None
        return written
    if path.is_dir():
        raise ExportError(path, _("it is a folder; name the file to write"))
    if not path.parent.is_dir():
        raise ExportError(path, _("the folder {folder} does not exist").format(folder=path.parent))
    if fmt == "json":
        payload = to_json(store)
    elif fmt == "markdown":
        payload = to_markdown(store)
    elif fmt == "vcard":
        payload = write_vcards(_people(store), vcard_version)
    else:
        raise ExportError(path, _("{format} is not one of {formats}").format(format=fmt, formats=", ".join(FORMATS)))
    try:
        atomic_write_bytes(path, payload)
    except OSError as exc:
        raise ExportError(path, exc.strerror or str(exc)) from None
    return [path]
