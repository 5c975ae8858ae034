"""`netjournal search TEXT`: encounters holding every word, one per line (or JSON, CSV)."""
from __future__ import annotations

from journal.i18n import _
from tui.commands.records import add_format_option, print_encounters


def register(sub) -> None:
    parser = sub.add_parser(
        "search",
        help=_("find encounters by words, names, places and #topics"),
        description=_("Find the encounters whose notes, people, place, setting, topics, learned, gave or asked "
                      "hold every word of TEXT (case and accents ignored), oldest first."),
    )
    parser.add_argument("text", metavar="TEXT", nargs="+")
    add_format_option(parser)
    parser.set_defaults(handler=cmd_search)


def cmd_search(args, out, err) -> int:
    from journal.store import Store

    with Store(args.journal_path) as store:
        found = store.search(" ".join(args.text))[::-1]  # the store answers newest first
        print_encounters(found, store.names, args.format, out)
    return 0
