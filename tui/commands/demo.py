"""`netjournal demo --journal PATH`: write a realistic demo journal to try the app on."""
from __future__ import annotations

import argparse
import shlex

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("needs at least 1 encounter")
    return value


def register(sub) -> None:
    demo = sub.add_parser(
        "demo",
        help="write a demo journal (a few months of invented encounters)",
        description="Write a realistic demo journal to PATH. The same --seed gives the same journal "
        "for the same day. An existing file is never replaced unless --force.",
    )
    # The global --journal also works here, after the command. SUPPRESS keeps
    # the subparser from resetting a --journal given before the command to None.
    demo.add_argument("--journal", metavar="PATH", default=argparse.SUPPRESS,
                      help="where to write the demo journal (required, before or after `demo`)")
    demo.add_argument("--encounters", type=_positive, default=300, metavar="N", help="how many encounters (default: 300)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    demo.add_argument("--force", action="store_true", help="replace PATH if it exists")
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args, out, err) -> int:
    # Only an explicit path: the default would be the user's real journal.
    if not getattr(args, "journal", None):
        print("netjournal: demo needs --journal PATH, so that it never fills your real journal.", file=err)
        return EXIT_BAD_INPUT
    from journal.demo import build_demo

    summary = build_demo(args.journal_path, encounters=args.encounters, seed=args.seed, force=args.force)
    print(
        f"Wrote {summary.path}: {summary.encounters} encounters, {summary.people} people, "
        f"{summary.opinions} opinions, {summary.reviews} weekly reflections, {summary.groups} groups (seed {args.seed}).",
        file=out,
    )
    print(f"Open it with: netjournal --journal {shlex.quote(str(summary.path))}", file=out)
    return EXIT_OK
