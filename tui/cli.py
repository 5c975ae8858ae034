"""The `netjournal` command line.

Only running the full-screen app imports Textual; every other subcommand
works from the journal package alone, so `netjournal add` starts fast.
Exit codes: 0 success, 1 a save that failed (the journal is intact) or an
internal error (one line, and a crash log in the backups folder: never a
raw traceback), 2 bad input or a journal that cannot be read.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from journal import clock, i18n
from journal.dates import DateParseError, parse_due, parse_when
from journal.errors import JournalError, SaveError, ValidationError
from journal.i18n import _, ngettext
from journal.models import EncounterDraft
from journal.paths import resolve_journal_path
from journal.queries import one_line
from journal.storage import list_backups
from journal.text import clean, split_list
from tui.commands import REGISTRARS, UsageError

EXIT_OK, EXIT_SAVE_FAILED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERNAL_ERROR = 1  # a bug; the crash log says where
EXIT_INTERRUPTED = 130  # ctrl+c, as shells report SIGINT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netjournal",
        description=_("A terminal journal for informal networking. With no command, opens the app."),
    )
    parser.add_argument("--journal", metavar="PATH", help=_("journal file (default: $NETJOURNAL_FILE, then the user data folder)"))
    # Read before the parser is built (see _language), and declared here for the help and for argparse.
    parser.add_argument("--lang", metavar="LANG", help=_("language: en or pt-BR (default: $LC_ALL, $LC_MESSAGES, $LANG, then English)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("path", help=_("print the journal file in use"))
    sub.add_parser("backups", help=_("list the daily backups, newest first"))

    add = sub.add_parser("add", help=_("save one encounter"), description=_("Save one encounter. At least --who or NOTES is required."))
    add.add_argument("--who", default="", help=_('comma-separated names: "Rosa Lima, Tomás"'))
    add.add_argument("--where", default="", help=_("the place: the corner bakery"))
    add.add_argument("--setting", default="", help=_("bakery, restaurant, cafe, event, work, neighbourhood, transit, online, other, or your own"))
    add.add_argument("--when", default=None, help=_('when it happened: now (the default), "yesterday 18:30", "yesterday evening", "last friday", "2h ago", "20/11 14:00" (a day without a time is noon)'))
    add.add_argument("--gave", default="", help=_("what you offered: help, information, an introduction"))
    add.add_argument("--asked", default="", help=_("favours you asked"))
    add.add_argument("--learned", default="", help=_("information you received"))
    add.add_argument("--follow-up", default="", dest="follow_up", help=_("something to do next"))
    add.add_argument("--due", default="", help=_('when the follow-up is due: "fri", "next week", "2026-12-01"'))
    add.add_argument("--topic", action="append", default=[], help=_("a topic (repeatable); #hashtags in the notes count too"))
    add.add_argument("--month-first", action="store_true", help=_("read 11/20 as 20 November (default: day first)"))
    add.add_argument("--group", default="", metavar="NAME",
                     help=_("a meeting of this group: --who, --where, --setting and --when default to its members, "
                            "place, setting and latest date; --who says who came this time"))
    add.add_argument("--join", action="store_true",
                     help=_("with --group: people who came and are not members join the group"))
    add.add_argument("notes", nargs="*", help=_('what you talked about; quote it ("... #topic"): in a shell, # starts a comment'))

    for register in REGISTRARS:
        register(sub)
    return parser


def _open_store(path):
    from journal.store import Store

    return Store(path)


def _when_and_due(args, when_text: str, now):
    """--when and --due as dates, or a UsageError naming the option."""
    try:
        when = parse_when(when_text, now, dayfirst=not args.month_first)
    except DateParseError as exc:
        raise UsageError(_("--when: {problem}").format(problem=exc)) from None
    due = None
    if args.due.strip():
        try:
            due = parse_due(args.due, now.date(), dayfirst=not args.month_first)
        except DateParseError as exc:
            raise UsageError(_("--due: {problem}").format(problem=exc)) from None
    return when, due


def cmd_add(args, out, err) -> int:
    if args.group.strip():
        return _add_meeting(args, out)
    if args.join:
        raise UsageError(_("--join: it goes with --group NAME (people who came join that group)."))
    when_text = "now" if args.when is None else args.when
    # An encounter happening now needs no time zone rules (see clock.now_here).
    now = clock.now_here() if when_text.strip().casefold() == "now" else clock.now()
    when, due = _when_and_due(args, when_text, now)
    draft = EncounterDraft(
        when=when,
        who=split_list(args.who),
        place=args.where,
        setting=args.setting,
        notes=" ".join(args.notes),
        topics=args.topic,
        learned=args.learned,
        gave=args.gave,
        asked=args.asked,
        follow_up=args.follow_up,
        due=due,
    )
    store = _open_store(args.journal_path)
    try:
        result = store.add_encounter(draft)
    except ValidationError as exc:
        raise _field_error(exc) from None
    encounter = result.encounter
    print(encounter.id, file=out)
    print(one_line(encounter, store.names(encounter.people)), file=out)
    if result.created_people:
        print(_new_people(result.created_people), file=out)
    return EXIT_OK


def _new_people(people) -> str:
    # One English form for both numbers; Portuguese has two ("Nova pessoa", "Novas pessoas").
    return ngettext("New: {names}", "New: {names}", len(people)).format(
        names=", ".join(p.name for p in people)
    )


def _field_error(exc: ValidationError) -> UsageError:
    option = {"who": "--who", "when": "--when", "follow_up": "--follow-up"}.get(exc.field, exc.field)
    return UsageError(_("{option}: {message}").format(option=option, message=exc.message))


def _add_meeting(args, out) -> int:
    """`add --group NAME`: the group's defaults, then whatever was typed."""
    from tui.commands.group import find_group

    store = _open_store(args.journal_path)
    group = find_group(store, args.group)
    now = clock.now()
    defaults = store.groups.meeting_defaults(group.id, now)
    when_text = defaults.when_text if args.when is None else args.when
    when, due = _when_and_due(args, when_text, now)
    draft = EncounterDraft(
        when=when,
        who=split_list(args.who) if args.who.strip() else defaults.who,
        place=args.where or defaults.place,
        setting=args.setting or defaults.setting,
        notes=" ".join(args.notes),
        topics=args.topic,
        learned=args.learned,
        gave=args.gave,
        asked=args.asked,
        follow_up=args.follow_up,
        due=due,
    )
    members_before = set(group.members)
    try:
        result = store.groups.add_meeting(group.id, draft, add_newcomers=args.join)
    except ValidationError as exc:
        raise _field_error(exc) from None
    encounter = result.encounter
    print(encounter.id, file=out)
    print(one_line(encounter, store.names(encounter.people)), file=out)
    print(_("A meeting of {group}.").format(group=group.name), file=out)
    if result.created_people:
        print(_new_people(result.created_people), file=out)
    joined = [pid for pid in encounter.people if pid not in members_before]
    if joined and args.join:
        print(_("Joined {group}: {names}").format(group=group.name, names=", ".join(store.names(joined))), file=out)
    elif joined:
        print(_("Not members of {group}: {names} (--join adds them)").format(group=group.name, names=", ".join(store.names(joined))), file=out)
    return EXIT_OK


def cmd_path(args, out, err) -> int:
    print(args.journal_path, file=out)
    return EXIT_OK


def cmd_backups(args, out, err) -> int:
    backups = list_backups(args.journal_path)
    if not backups:
        print(_("No backups yet beside {path}.").format(path=args.journal_path), file=out)
    for path in backups:
        print(path, file=out)
    return EXIT_OK


def cmd_app(args, out, err) -> int:
    # Open the store before importing Textual, so an unreadable journal is
    # reported on a normal terminal with exit 2 instead of inside the app.
    store = _open_store(args.journal_path)
    store.load_all()
    from tui.app import NetJournalApp

    app = NetJournalApp(store)
    app.run()
    if app.crash_report:
        print(app.crash_report, file=err)  # the terminal is restored by now
    return app.return_code or EXIT_OK


class _Cleaned:
    """A stream that drops control characters from everything written to it.

    Commands print journal text (names, subjects, notes); a journal edited by
    hand may hold escape sequences that would retitle the terminal or write
    the clipboard. Newline and tab pass; see journal.text.clean.
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(clean(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _language(argv: Sequence[str]) -> tuple[str, list[str]]:
    """The language of this run, and the arguments without --lang.

    --lang is read before argparse runs, because the parser's help texts are
    translated as it is built; taken out, it may stand anywhere, before or
    after the command. Without it, the settings file's lang, then the
    environment decide (journal.i18n.choose).
    Raises ValueError for a language netjournal has no catalog for.
    """
    explicit, rest, args = None, [], list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang" and i + 1 < len(args):
            explicit = args[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
        else:
            rest.append(arg)
        i += 1
    return i18n.choose(explicit, None if explicit else _setting_lang()), rest


def _setting_lang() -> str | None:
    """The settings file's lang, if any; its problems are said by the commands that use it."""
    from journal.settings import load_settings

    return load_settings().settings.lang


def main(argv: Sequence[str] | None = None, out=None, err=None) -> int:
    out = _Cleaned(out or sys.stdout)
    err = _Cleaned(err or sys.stderr)
    try:
        language, argv = _language(sys.argv[1:] if argv is None else argv)
    except ValueError as exc:
        # Said in English: the language asked for is the one that is missing.
        i18n.use(i18n.ENGLISH)
        print("netjournal: --lang: '{code}' is not a language netjournal speaks; use en or pt-BR.".format(code=exc), file=err)
        return EXIT_BAD_INPUT
    i18n.use(language)
    from tui import argparse_words

    argparse_words.install()
    parser = _parser()
    args = parser.parse_args(argv)
    args.journal_path = None
    handler = getattr(args, "handler", None) or {
        None: cmd_app,
        "add": cmd_add,
        "path": cmd_path,
        "backups": cmd_backups,
    }[args.command]
    try:
        args.journal_path = resolve_journal_path(args.journal)
        return handler(args, out, err)
    except BrokenPipeError:
        # The reader went away (`netjournal review | head`): not a failure.
        # Point stdout at /dev/null so that Python's exit flush stays quiet.
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (UsageError, JournalError) as exc:
        # A failed save left the journal intact (1); anything else is input
        # to fix or a journal that cannot be read (2).
        print(_("netjournal: {problem}").format(problem=clean(str(exc))), file=err)
        return EXIT_SAVE_FAILED if isinstance(exc, SaveError) else EXIT_BAD_INPUT
    except KeyboardInterrupt:
        # ctrl+c: every save is atomic, so the journal is as it was or saved.
        print(_("netjournal: interrupted."), file=err)
        return EXIT_INTERRUPTED
    except Exception as exc:
        return _internal_error(exc, args, err)


def _internal_error(exc: Exception, args, err) -> int:
    """A bug: one line on the terminal, the traceback (no locals) in a private crash log, exit 1.

    Python's own traceback would print the values in the error's message, and
    a raw traceback is no message for someone who only wanted to add a note.
    """
    from journal import crashlog

    where = f"netjournal {args.command}" if args.command else "the app"
    log, reason = crashlog.write(exc, args.journal_path, where)
    try:
        print(crashlog.summary(exc, log, reason), file=err)
    except OSError:
        pass  # no terminal to say it on; the exit status still says it
    return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
