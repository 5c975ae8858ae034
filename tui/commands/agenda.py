"""`netjournal agenda`, `done`, `snooze` and `export --ics`: the follow-ups from the shell (issue 16)."""
from __future__ import annotations

import json

from journal.i18n import _, ngettext
from tui.commands import UsageError, reported_settings

EXIT_OK = 0


def register(sub) -> None:
    agenda = sub.add_parser(
        "agenda",
        help=_("what to do: follow-ups overdue, today, this week, later, someday, and people to reach out to"),
        description=_("Print the agenda, one line per item (the id in brackets is what `done` and `snooze` take). "
                      "Exit status 0 whatever it holds."),
    )
    agenda.add_argument("--format", choices=("text", "json"), default="text", help=_("output format (default: text)"))
    agenda.add_argument(
        "--due-now", action="store_true",
        help=_("only what is overdue or due today; prints nothing when nothing is (for a reminder from cron)"),
    )
    agenda.set_defaults(handler=cmd_agenda)

    done = sub.add_parser("done", help=_("mark a follow-up done"), description=_("Mark the follow-up of an encounter done."))
    done.add_argument("id", metavar="ID", help=_("the encounter's id, or its first characters (as `netjournal agenda` shows)"))
    done.set_defaults(handler=cmd_done)

    snooze = sub.add_parser(
        "snooze", help=_("move a follow-up to a later day"),
        description=_("Give the follow-up of an encounter a new due date, today or later."),
    )
    snooze.add_argument("id", metavar="ID", help=_("the encounter's id, or its first characters"))
    snooze.add_argument("when", metavar="WHEN", nargs="+", help=_('the new due date: fri, "next week", "in 3 days", 2026-12-01'))
    snooze.add_argument("--month-first", action="store_true", help=_("read 11/20 as 20 November (default: day first)"))
    snooze.set_defaults(handler=cmd_snooze)



def _store(args):
    # Imported here so that other subcommands do not pay for the store.
    from journal.store import Store

    return Store(args.journal_path)


def _resolve(store, text: str) -> str:
    from journal.errors import NotFoundError, ValidationError
    from journal.ids import resolve_encounter_id

    try:
        return resolve_encounter_id(store, text)
    except (NotFoundError, ValidationError) as exc:
        raise UsageError(_("ID: {problem}").format(problem=exc)) from None


def cmd_agenda(args, out, err) -> int:
    from journal.agenda import SECTIONS, compute_agenda, to_json_dict, to_lines

    settings = reported_settings(err)
    sections = ("overdue", "today") if args.due_now else SECTIONS
    with _store(args) as store:
        agenda = compute_agenda(
            store, first_weekday=settings.first_weekday, default_cadence=settings.keep_in_touch_days
        )
        if args.format == "json":
            print(json.dumps(to_json_dict(agenda, store, sections), ensure_ascii=False, indent=2), file=out)
            return EXIT_OK
        lines = to_lines(agenda, store, sections)
    if not lines and not args.due_now:
        print(_("Nothing on the agenda: no open follow-ups, and nobody past their keep-in-touch cadence."), file=out)
    for line in lines:
        print(line, file=out)
    return EXIT_OK


def cmd_done(args, out, err) -> int:
    from journal.agenda import origin
    from journal import clock

    with _store(args) as store:
        encounter_id = _resolve(store, args.id)
        encounter = store.encounter(encounter_id)
        follow = encounter.follow_up
        if follow is None or not follow.text:
            raise UsageError(_("ID: this encounter has no follow-up."))
        where = origin(encounter, store, clock.today())
        if follow.done:
            print(_("Already done: {text} ({origin})").format(text=follow.text, origin=where), file=out)
            return EXIT_OK
        store.set_follow_up_done(encounter_id)
    print(_("Done: {text} ({origin})").format(text=follow.text, origin=where), file=out)
    return EXIT_OK


def cmd_snooze(args, out, err) -> int:
    from journal import clock
    from journal.agenda import long_day, snooze
    from journal.dates import DateParseError, parse_due
    from journal.errors import ValidationError

    typed = " ".join(args.when)
    today = clock.today()
    try:
        due = parse_due(typed, today, dayfirst=not args.month_first)
    except DateParseError as exc:
        raise UsageError(_("WHEN: {problem}").format(problem=exc)) from None
    with _store(args) as store:
        encounter_id = _resolve(store, args.id)
        try:
            encounter = snooze(store, encounter_id, due, today, typed=typed)
        except ValidationError as exc:
            option = "WHEN" if exc.field == "due" else "ID"
            raise UsageError(_("{option}: {message}").format(option=option, message=exc.message)) from None
    print(_("Snoozed to {day}: {text}").format(day=long_day(due), text=encounter.follow_up.text), file=out)
    return EXIT_OK


def cmd_export(args, out, err) -> int:
    """`export --ics PATH` (or `export --format ics PATH`); the parser is tui/commands/export.py's."""
    from journal.errors import ValidationError
    from journal.ics import export_ics

    with _store(args) as store:
        try:
            follow_ups, groups = export_ics(store, args.ics)
        except ValidationError as exc:
            raise UsageError(_("--ics: {problem}").format(problem=exc.message)) from None
    # Whole sentences, the plural chosen by the follow-ups; the groups' count picks the sentence.
    if groups == 0:
        template = ngettext("Wrote {n} follow-up to {path}.", "Wrote {n} follow-ups to {path}.", follow_ups)
    elif groups == 1:
        template = ngettext(
            "Wrote {n} follow-up and the meetings of 1 group to {path}.",
            "Wrote {n} follow-ups and the meetings of 1 group to {path}.", follow_ups,
        )
    else:
        template = ngettext(
            "Wrote {n} follow-up and the meetings of {g} groups to {path}.",
            "Wrote {n} follow-ups and the meetings of {g} groups to {path}.", follow_ups,
        )
    print(template.format(n=follow_ups, g=groups, path=args.ics), file=out)
    return EXIT_OK
