"""`netjournal import FILE.vcf`: people from a vCard file (issue 20)."""
from __future__ import annotations

from journal.i18n import _
from tui.commands.report import add_report_format, print_report


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help=_("add or update people from a vCard file (a phone's or a mail app's contacts)"),
        description=_("Add or update people from FILE, a vCard file (.vcf: Google Contacts, Apple Contacts, a phone). "
                      "Each card finds its person by email, then by name; otherwise it adds one. Name, organisation, emails, "
                      "phones, links, notes and categories (as interests) are read; photos are skipped. Importing the same file "
                      "again changes nothing. A card that cannot be read is named and left out; the others are imported."),
    )
    parser.add_argument("file", metavar="FILE", help=_("the .vcf file"))
    parser.add_argument("--dry-run", action="store_true", help=_("say what would be added and updated; write nothing"))
    add_report_format(parser)
    parser.set_defaults(handler=cmd_import)


def cmd_import(args, out, err) -> int:
    from pathlib import Path

    from journal.contacts_import import import_contacts

    return print_report(args, out, lambda store: import_contacts(store, Path(args.file).expanduser(), dry_run=args.dry_run))
