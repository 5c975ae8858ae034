"""`netjournal reach`: who could introduce me to a person, or to someone at an organisation,
on a topic or with an interest (issue 18)."""
from __future__ import annotations

import json

from tui.commands import UsageError


def register(sub) -> None:
    parser = sub.add_parser(
        "reach",
        help="who could introduce you: ranked paths to a person, an organisation, a topic or an interest",
        description="Ranked paths from you, at most 3 hops, through people met together, introductions, "
        "groups and organisations. Each hop shows its evidence; each path says why it ranks where it does.",
    )
    parser.add_argument("person", nargs="?", default="", metavar="PERSON", help="a person's name")
    parser.add_argument("--org", default="", metavar="NAME", help="anyone at this organisation")
    parser.add_argument("--topic", default="", metavar="T", help="anyone you talked with about this #topic")
    parser.add_argument("--interest", default="", metavar="I", help="anyone with this interest")
    parser.add_argument("-n", type=int, default=10, metavar="N", help="at most N paths (default: 10)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=cmd_reach)


def cmd_reach(args, out, err) -> int:
    from journal import clock
    from journal.reach import reach, to_json
    from journal.store import Store

    given = [bool(args.person.strip()), bool(args.org.strip()), bool(args.topic.strip()), bool(args.interest.strip())]
    if sum(given) != 1:
        raise UsageError("reach: name one target: a PERSON, or --org, --topic or --interest.")
    if args.n < 1:
        raise UsageError("-n: at least 1.")
    with Store(args.journal_path) as store:
        result = reach(store, clock.today(), person=args.person.strip(), org=args.org.strip(),
                       topic=args.topic.strip(), interest=args.interest.strip(), limit=args.n)
        if args.format == "json":
            print(json.dumps(to_json(result, store), ensure_ascii=False, indent=2), file=out)
            return 0
        names = {p.id: p.name for p in store.people()}
    if result.kind == "person" and not result.matched:
        if result.suggestions and not result.paths:
            print(f"No one called '{result.target}' in the journal. Closest names: {', '.join(result.suggestions)}.", file=out)
        elif not result.suggestions:
            print(f"No one called '{result.target}' in the journal.", file=out)
    elif result.kind == "organisation" and not result.matched:
        hint = f" Closest: {', '.join(result.suggestions)}." if result.suggestions else ""
        print(f"No one at '{result.target}' in the journal.{hint}", file=out)
    elif not result.matched:
        print(f"No one in the journal matches {result.kind} '{result.target}'.", file=out)
    if result.matched and not result.paths:
        print("No path within 3 hops.", file=out)
    for rank, path in enumerate(result.paths, 1):
        chain = " → ".join(["you", *(names[h.target] for h in path.hops)])
        print(f"{rank}. {chain}  (score {path.score:.2f})", file=out)
        print(f"   why: {path.why}", file=out)
        for hop in path.hops:
            source = "you" if not hop.source else names[hop.source]
            print(f"   - {source} → {names[hop.target]}: {hop.kind}; {hop.evidence}", file=out)
    return 0
