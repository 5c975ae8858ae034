"""`netjournal import FILE.vcf`: people from a vCard file (issue 20)."""
from __future__ import annotations

import json

from journal.i18n import _


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
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_("output format of the report (default: text)"))
    parser.set_defaults(handler=cmd_import)


def cmd_import(args, out, err) -> int:
    from pathlib import Path

    from journal.contacts_import import import_contacts
    from journal.store import Store

    with Store(args.journal_path) as store:
        report = import_contacts(store, Path(args.file).expanduser(), dry_run=args.dry_run)
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2), file=out)
    else:
        for line in report.lines():
            print(line, file=out)
    return 0
