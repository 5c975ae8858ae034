"""`netjournal merge OTHER`: join another copy of the journal into this one (issue 20)."""
from __future__ import annotations

from journal.i18n import _
from tui.commands.report import add_report_format, print_report


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "merge",
        help=_("join another copy of the journal (a sync conflict copy) into this one"),
        description=_("Join OTHER, a copy of the journal from another device, into the journal, record by record, "
                      "in one save. A record changed on both sides keeps the later change; the other version is set aside "
                      "for review (the app's Conflicts screen, key c). Deletions on either side are kept. OTHER is only read. "
                      "Exit status 0 when merged (or nothing to merge), 2 when OTHER cannot be merged (nothing changed), "
                      "1 when the save failed (the journal is unchanged)."),
    )
    parser.add_argument("other", metavar="OTHER", help=_("the other copy, e.g. journal.sync-conflict-20261130-101500-ABCDEFG.json"))
    parser.add_argument("--dry-run", action="store_true", help=_("say what would be added, updated, deleted and set aside; write nothing"))
    add_report_format(parser)
    parser.set_defaults(handler=cmd_merge)


def cmd_merge(args, out, err) -> int:
    from pathlib import Path

    from journal.sync import merge_copy

    return print_report(args, out, lambda store: merge_copy(store, Path(args.other).expanduser(), dry_run=args.dry_run))
