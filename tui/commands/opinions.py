"""`netjournal opinion` (form or revise one) and `netjournal opinions` (list them)."""
from __future__ import annotations

from journal.i18n import _, ngettext

import json

from journal.errors import ValidationError
from journal.models import CONFIDENCES
from journal.opinions import opinion_line
from tui.commands.records import fit, flat

EXIT_OK = 0

# Domain field -> the option the user typed, so the message points at it.
_OPTIONS = {"confidence": "--confidence", "encounter": "--from", "subject": "SUBJECT", "stance": "STANCE"}


def register(sub) -> None:
    note = sub.add_parser(
        "opinion",
        help=_("form or revise your opinion on a subject"),
        description=_("Form an opinion on SUBJECT, or revise the one you have "
                      "(the previous version is kept in its history)."),
    )
    note.add_argument("subject", metavar="SUBJECT", help=_('what it is about: "remote work"'))
    note.add_argument("stance", metavar="STANCE", nargs="+", help=_("what you think"))
    note.add_argument("--confidence", default="medium", metavar="|".join(CONFIDENCES),
                      help=_("how sure you are (default: medium)"))
    note.add_argument("--from", dest="encounter", default=None, metavar="ENCOUNTER_ID",
                      help=_("the encounter that formed or changed it (the id `netjournal add` prints)"))
    note.set_defaults(handler=cmd_opinion)

    listing = sub.add_parser("opinions", help=_("list your opinions, most recently changed first"))
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(handler=cmd_opinions)


def _open(args):
    # Imported here so that other subcommands do not pay for the store. Not via
    # tui.cli: that module imports this package, and under `python -m tui.cli`
    # importing it again would load a second copy.
    from journal.store import Store

    return Store(args.journal_path)


def cmd_opinion(args, out, err) -> int:
    with _open(args) as store:
        try:
            encounter = None
            if args.encounter is not None:
                # Any unique prefix of the id, as `done` and `snooze` take.
                encounter = _encounter_id(store, args.encounter)
            opinion, outcome = store.opinions.note_outcome(
                args.subject, " ".join(args.stance), args.confidence, encounter
            )
        except ValidationError as exc:
            # tui.cli.main reports any JournalError on stderr with exit 2.
            raise ValidationError(exc.field, _("{option}: {message}").format(
                option=_OPTIONS.get(exc.field, exc.field), message=exc.message)) from None
    print(outcome, file=out)
    print(opinion_line(opinion), file=out)
    return EXIT_OK


def _encounter_id(store, text: str) -> str:
    from journal.errors import NotFoundError
    from journal.ids import resolve_encounter_id

    try:
        return resolve_encounter_id(store, text, field="encounter")
    except NotFoundError as exc:
        raise ValidationError("encounter", str(exc)) from None


def opinion_to_json(opinion) -> dict:
    return {
        "id": opinion.id,
        "subject": opinion.subject,
        "stance": opinion.stance,
        "confidence": opinion.confidence,
        "encounters": list(opinion.encounters),
        "history": [
            {"stance": r.stance, "confidence": r.confidence, "changed_at": r.changed_at, "encounter": r.encounter}
            for r in opinion.history
        ],
        "created_at": opinion.created_at,
        "updated_at": opinion.updated_at,
    }


def cmd_opinions(args, out, err) -> int:
    with _open(args) as store:
        opinions = store.opinions.all()
    if args.format == "json":
        print(json.dumps([opinion_to_json(o) for o in opinions], ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    if not opinions:
        print(_("No opinions yet. Add one: netjournal opinion SUBJECT STANCE"), file=out)
    for opinion in opinions:
        revisions = len(opinion.history)
        suffix = ("  " + ngettext("[revised {count} time]", "[revised {count} times]", revisions).format(count=revisions)
                  if revisions else "")
        # low, medium, high are the journal's words (and the JSON's); shown in the language.
        confidence = _(opinion.confidence) if opinion.confidence in CONFIDENCES else opinion.confidence
        # The whole stance on one line; cut to the width only on a terminal,
        # never when piped (a script reads every word).
        line = f"{flat(opinion.subject)}: {flat(opinion.stance)} ({confidence})" + suffix
        print(fit(line, out), file=out)
    return EXIT_OK
