"""`netjournal show ID`: one encounter, every field."""
from __future__ import annotations

import json

from journal.i18n import _
from tui.commands.records import encounter_dict


def register(sub) -> None:
    parser = sub.add_parser(
        "show",
        help=_("show one encounter in full"),
        description=_("Show one encounter, every field. ID is the id `add` prints, or its first characters (at least 4)."),
    )
    parser.add_argument("id", metavar="ID")
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_("text (default) or json (see docs/cli.md)"))
    parser.set_defaults(handler=cmd_show)


def cmd_show(args, out, err) -> int:
    from journal import clock, dates_out
    from journal.ids import resolve_encounter_id
    from journal.store import Store

    with Store(args.journal_path) as store:
        # The one rule for typed ids (journal.ids); its errors exit 2 with their message.
        encounter = store.encounter(resolve_encounter_id(store, args.id))
        record = encounter_dict(encounter, store.names)
        opinions = [o.subject for o in store.opinions.for_encounter(encounter.id)]
    if args.format == "json":
        print(json.dumps(record, ensure_ascii=False, indent=2), file=out)
        return 0
    when = encounter.when.astimezone(clock.local_zone())
    lines = [_("id: {id}").format(id=record["id"]), _("when: {when}").format(when=dates_out.full_day_time(when))]

    def field(label: str, value: str) -> None:
        if value:
            # Later lines of a multi-line value are indented under it.
            lines.append(_("{label}: {value}").format(label=label, value=value.replace("\n", "\n  ")))

    field(_("who"), ", ".join(record["people"]))
    field(_("where"), record["place"])
    field(_("setting"), record["setting"])
    field(_("talked about"), record["notes"])
    field(_("topics"), " ".join("#" + t for t in record["topics"]))
    field(_("learned"), record["learned"])
    # Named only when an @Name gave it to fewer than everyone present.
    if record["gave_to"] and record["gave_to"] != record["people"]:
        field(_("you gave to {names}").format(names=", ".join(record["gave_to"])), record["gave"])
    else:
        field(_("you gave"), record["gave"])
    if record["asked_of"] and record["asked_of"] != record["people"]:
        field(_("you asked {names} for").format(names=", ".join(record["asked_of"])), record["asked"])
    else:
        field(_("you asked for"), record["asked"])
    follow = record["follow_up"]
    if follow:
        if follow["due"]:
            label = (_("follow-up (done, due {due})") if follow["done"] else _("follow-up (open, due {due})")).format(
                due=follow["due"])
        else:
            label = _("follow-up (done)") if follow["done"] else _("follow-up (open)")
        field(label, follow["text"])
    field(_("opinions it shaped"), "; ".join(opinions))
    print("\n".join(lines), file=out)
    return 0
