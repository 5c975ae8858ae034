"""`netjournal show ID`: one encounter, every field."""
from __future__ import annotations

import json

from tui.commands.records import encounter_dict


def register(sub) -> None:
    parser = sub.add_parser(
        "show",
        help="show one encounter in full",
        description="Show one encounter, every field. ID is the id `add` prints, or its first characters (at least 4).",
    )
    parser.add_argument("id", metavar="ID")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json (see docs/cli.md)")
    parser.set_defaults(handler=cmd_show)


def cmd_show(args, out, err) -> int:
    from journal import clock
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
    lines = [f"id: {record['id']}", f"when: {when:%A %d %B %Y, %H:%M}"]

    def field(label: str, value: str) -> None:
        if value:
            # Later lines of a multi-line value are indented under it.
            lines.append(f"{label}: " + value.replace("\n", "\n  "))

    field("who", ", ".join(record["people"]))
    field("where", record["place"])
    field("setting", record["setting"])
    field("talked about", record["notes"])
    field("topics", " ".join("#" + t for t in record["topics"]))
    field("learned", record["learned"])
    # Named only when an @Name gave it to fewer than everyone present.
    if record["gave_to"] and record["gave_to"] != record["people"]:
        field("you gave to {names}".format(names=", ".join(record["gave_to"])), record["gave"])
    else:
        field("you gave", record["gave"])
    if record["asked_of"] and record["asked_of"] != record["people"]:
        field("you asked {names} for".format(names=", ".join(record["asked_of"])), record["asked"])
    else:
        field("you asked for", record["asked"])
    follow = record["follow_up"]
    if follow:
        state = "done" if follow["done"] else "open"
        due = f", due {follow['due']}" if follow["due"] else ""
        field(f"follow-up ({state}{due})", follow["text"])
    field("opinions it shaped", "; ".join(opinions))
    print("\n".join(lines), file=out)
    return 0
