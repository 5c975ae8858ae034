"""`netjournal export`: everything out (issue 20), and the calendar (issue 16).

`--format json|csv|markdown|vcard PATH` writes the journal (journal.export);
`--format ics PATH`, or its shorthand `--ics PATH`, writes the open
follow-ups and the groups' meetings as a calendar (journal.ics, through
tui.commands.agenda.cmd_export).
"""
from __future__ import annotations

from journal.i18n import _
from tui.commands import UsageError

FORMATS = ("json", "csv", "markdown", "vcard", "ics")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help=_("write the whole journal (JSON, CSV, Markdown), the people (vCard) or the follow-ups (calendar)"),
        description=_("Write the journal to PATH. json: every record, one document. csv: one file per table "
                      "(PATH is a folder, created if needed), UTF-8 with a byte order mark so that spreadsheets show accents. "
                      "markdown: one readable document, newest first. vcard: the people, for a phone or a mail app. "
                      "ics (or --ics PATH): the open follow-ups with a due date as all-day events and each group's meetings "
                      "as a recurring event, for a calendar app; importing a newer file updates the events instead of "
                      "doubling them. Each file is written whole or not at all."),
    )
    parser.add_argument("--format", choices=FORMATS, help=_("what to write"))
    parser.add_argument("--vcard-version", choices=("3.0", "4.0"), default="3.0",
                        help=_("vCard version (default: 3.0, which Google and Apple import)"))
    parser.add_argument("--ics", metavar="PATH", help=_("the calendar file to write: the same as --format ics PATH"))
    parser.add_argument("path", metavar="PATH", nargs="?", help=_("the file to write (for csv: the folder)"))
    parser.set_defaults(handler=cmd_export)


def cmd_export(args, out, err) -> int:
    from pathlib import Path

    if args.ics is not None:
        if args.path is not None or args.format not in (None, "ics"):
            raise UsageError(_("--ics PATH writes the calendar; give either --ics PATH or --format F PATH."))
        return _calendar(args, out, err)
    if args.format is None or args.path is None:
        raise UsageError(_("Say what to write and where: --format json|csv|markdown|vcard|ics PATH (or --ics PATH)."))
    if args.vcard_version != "3.0" and args.format != "vcard":
        raise UsageError(_("--vcard-version only applies to --format vcard."))
    if args.format == "ics":
        args.ics = args.path
        return _calendar(args, out, err)

    from journal.export import export
    from journal.store import Store

    with Store(args.journal_path) as store:
        written = export(store, args.format, Path(args.path).expanduser(), vcard_version=args.vcard_version)
    for path in written:
        print(path, file=out)
    return 0


def _calendar(args, out, err) -> int:
    from tui.commands.agenda import cmd_export as calendar

    return calendar(args, out, err)
