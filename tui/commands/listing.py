"""`netjournal list`: encounters, filtered, one per line (or JSON, CSV)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from journal.i18n import _
from tui.commands import UsageError
from tui.commands.records import add_format_option, print_encounters


_FIRST = datetime(1900, 1, 1, tzinfo=timezone.utc)


def _count(text: str) -> int:
    import argparse

    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("{text!r} is not a whole number above 0").format(text=text))
    return int(text)


def register(sub) -> None:
    parser = sub.add_parser(
        "list",
        help=_("list encounters, oldest first (filters: when, who, topic, setting)"),
        description=_("List encounters in the order they happened. With -n, the newest N that pass the filters."),
    )
    parser.add_argument("--since", metavar="WHEN", help=_('from this moment; a day means from its start: "last fri", "2026-11-01"'))
    parser.add_argument("--until", metavar="WHEN", help=_('up to this moment; a day means up to its end: "yesterday"'))
    parser.add_argument("--who", metavar="NAME", help=_("only encounters with this person (matched like Who: no case, no accents)"))
    parser.add_argument("--topic", metavar="T", help=_("only encounters with this topic (#bread or bread)"))
    parser.add_argument("--setting", metavar="S", help=_("only encounters in this setting: bakery, cafe…"))
    parser.add_argument("-n", type=_count, metavar="N", help=_("only the newest N"))
    add_format_option(parser)
    parser.set_defaults(handler=cmd_list)


def cmd_list(args, out, err) -> int:
    # Imported here so that other subcommands do not pay for the store.
    from journal import clock
    from journal.dates import DateParseError, parse_bound
    from journal.names import fold
    from journal.store import Store

    now = clock.now()
    try:
        since = parse_bound(args.since, now) if args.since else None
    except DateParseError as exc:
        raise UsageError(_("--since: {problem}").format(problem=exc)) from None
    try:
        until = parse_bound(args.until, now, end=True) if args.until else None
    except DateParseError as exc:
        raise UsageError(_("--until: {problem}").format(problem=exc)) from None
    with Store(args.journal_path) as store:
        if since is not None or until is not None:
            # Encounters are never later than now (a minute of slack), nor before 1900.
            encounters = store.between(since or _FIRST, until or now + timedelta(days=1))
        else:
            encounters = store.encounters()
        if args.who:
            found = store.match_person(args.who)
            if found.is_new:
                raise UsageError(_("--who: nobody in the journal is called {name}.").format(name=args.who))
            if found.is_ambiguous:
                names = ", ".join(sorted(store.names(list(found.person_ids))))
                raise UsageError(_("--who: {name} could be several people ({names}); type the full name.").format(
                    name=args.who, names=names))
            person = found.person_ids[0]
            encounters = [e for e in encounters if person in e.people]
        if args.topic:
            topic = fold(args.topic.lstrip("#"))
            encounters = [e for e in encounters if any(fold(t) == topic for t in e.topics)]
        if args.setting:
            setting = fold(args.setting)
            encounters = [e for e in encounters if fold(e.setting) == setting]
        if args.n:
            encounters = encounters[-args.n:]
        print_encounters(list(encounters), store.names, args.format, out)
    return 0
