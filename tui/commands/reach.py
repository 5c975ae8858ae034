"""`netjournal reach`: who could introduce me to a person, or to someone at an organisation,
on a topic or with an interest (issue 18)."""
from __future__ import annotations

from journal.i18n import _

import json

from tui.commands import UsageError


def register(sub) -> None:
    parser = sub.add_parser(
        "reach",
        help=_("who could introduce you: ranked paths to a person, an organisation, a topic or an interest"),
        description=_("Ranked paths from you, at most 3 hops, through people met together, introductions, "
                      "groups and organisations. Each hop shows its evidence; each path says why it ranks where it does."),
    )
    parser.add_argument("person", nargs="?", default="", metavar="PERSON", help=_("a person's name"))
    parser.add_argument("--org", default="", metavar="NAME", help=_("anyone at this organisation"))
    parser.add_argument("--topic", default="", metavar="T", help=_("anyone you talked with about this #topic"))
    parser.add_argument("--interest", default="", metavar="I", help=_("anyone with this interest"))
    parser.add_argument("-n", type=int, default=10, metavar="N", help=_("at most N paths (default: 10)"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=cmd_reach)


def cmd_reach(args, out, err) -> int:
    from journal import clock
    from journal.reach import kind_label, reach, to_json
    from journal.store import Store

    given = [bool(args.person.strip()), bool(args.org.strip()), bool(args.topic.strip()), bool(args.interest.strip())]
    if sum(given) != 1:
        raise UsageError(_("reach: name one target: a PERSON, or --org, --topic or --interest."))
    if args.n < 1:
        raise UsageError(_("-n: at least 1."))
    with Store(args.journal_path) as store:
        result = reach(store, clock.today(), person=args.person.strip(), org=args.org.strip(),
                       topic=args.topic.strip(), interest=args.interest.strip(), limit=args.n)
        if args.format == "json":
            print(json.dumps(to_json(result, store), ensure_ascii=False, indent=2), file=out)
            return 0
        names = {p.id: p.name for p in store.people()}
    if result.kind == "person" and not result.matched:
        if result.suggestions and not result.paths:
            print(_("No one called '{name}' in the journal. Closest names: {names}.").format(
                name=result.target, names=", ".join(result.suggestions)), file=out)
        elif not result.suggestions:
            print(_("No one called '{name}' in the journal.").format(name=result.target), file=out)
    elif result.kind == "organisation" and not result.matched:
        if result.suggestions:
            print(_("No one at '{org}' in the journal. Closest: {names}.").format(
                org=result.target, names=", ".join(result.suggestions)), file=out)
        else:
            print(_("No one at '{org}' in the journal.").format(org=result.target), file=out)
    elif not result.matched:
        # result.kind is a word of the JSON output ("topic", "interest"): kept as is.
        print(_("No one in the journal matches {kind} '{target}'.").format(kind=result.kind, target=result.target), file=out)
    if result.matched and not result.paths:
        print(_("No path within 3 hops."), file=out)
    for rank, path in enumerate(result.paths, 1):
        chain = " → ".join([_("you"), *(names[h.target] for h in path.hops)])
        print(_("{rank}. {chain}  (score {score:.2f})").format(rank=rank, chain=chain, score=path.score), file=out)
        print(_("   why: {why}").format(why=path.why), file=out)
        for hop in path.hops:
            source = _("you") if not hop.source else names[hop.source]
            print(f"   - {source} → {names[hop.target]}: {kind_label(hop.kind)}; {hop.evidence}", file=out)
    return 0
