"""`netjournal people`: everyone in the journal, one per line (or JSON, CSV)."""
from __future__ import annotations

import csv
import json

from journal.i18n import _
from tui.commands.records import PERSON_COLUMNS, add_format_option, fit, person_dict, person_line


def register(sub) -> None:
    from journal.people_order import DEFAULT_SORT, SORTS

    parser = sub.add_parser(
        "people",
        help=_("list everyone in the journal"),
        description=_("List everyone in the journal, most recently seen first unless --sort says otherwise."),
    )
    parser.add_argument("--sort", choices=tuple(SORTS), default=DEFAULT_SORT, help=_("the order (default: last_seen)"))
    add_format_option(parser)
    parser.set_defaults(handler=cmd_people)


def cmd_people(args, out, err) -> int:
    from journal import clock
    from journal.people_order import people_rows
    from journal.store import Store

    today = clock.today()
    with Store(args.journal_path) as store:
        rows = people_rows(store, args.sort, today)
        by_person = store.encounters_by_person()
        everyone = {p.id: p for p in store.people()}
        records = [(row.person, list(by_person.get(row.person.id, []))) for row in rows]
        if args.format == "json":
            print(json.dumps([person_dict(p, e, everyone) for p, e in records], ensure_ascii=False, indent=2), file=out)
        elif args.format == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(PERSON_COLUMNS)
            for person, encounters in records:
                d = person_dict(person, encounters, everyone)
                writer.writerow([
                    d["id"], d["name"], "; ".join(d["aliases"]), d["organisation"], "; ".join(d["interests"]),
                    d["introduced_by"] or "", d["keep_in_touch_days"] or "", d["met"], d["first_met"] or "",
                    d["last_seen"] or "", d["notes"],
                ])
        else:
            if not records:
                print(_("Nobody yet. People are added from the names in your encounters."), file=out)
            for person, encounters in records:
                print(fit(person_line(person, encounters, today), out), file=out)
    return 0
