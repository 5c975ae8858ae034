"""`netjournal review`: the weekly review as Markdown or JSON (issue 4)."""
from __future__ import annotations

import json

from journal.i18n import _
from tui.commands import UsageError, reported_settings


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review",
        help=_("the weekly review: conversations, people, follow-ups, going cold"),
        description=_("Print the review of one week (Monday to Sunday)."),
    )
    parser.add_argument(
        "--week", default="", metavar="WEEK",
        help=_("2026-W48 or 2026-48 (ISO week), last, -1 (weeks back), or a date in the week (default: this week)"),
    )
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown", help=_("output format (default: markdown)"))
    parser.set_defaults(handler=cmd_review)


def cmd_review(args, out, err) -> int:
    # Imported here so that other subcommands do not pay for them at start-up.
    from journal import clock
    from journal.dates import DateParseError, parse_week_of
    from journal.review import compute_review, to_json_dict, to_markdown
    from journal.store import Store

    first_weekday = reported_settings(err).first_weekday
    start = clock.today()
    if args.week.strip():
        try:
            start = parse_week_of(args.week, start)  # a day of the week; the review finds its start
        except DateParseError as exc:
            raise UsageError(_("--week: {problem}").format(problem=exc)) from None
    with Store(args.journal_path) as store:
        review = compute_review(store, start, first_weekday=first_weekday)
        if args.format == "json":
            print(json.dumps(to_json_dict(review, store), ensure_ascii=False, indent=2), file=out)
        else:
            print(to_markdown(review, store), end="", file=out)
    return 0
