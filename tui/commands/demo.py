"""`netjournal demo --journal PATH`: write a realistic demo journal to try the app on."""
from __future__ import annotations

from journal import i18n
from journal.i18n import _

import argparse
import shlex

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a whole number").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("needs at least 1 encounter"))
    return value


def register(sub) -> None:
    demo = sub.add_parser(
        "demo",
        help=_("write a demo journal (a few months of invented encounters)"),
        description=_("Write a realistic demo journal to PATH. The same --seed gives the same journal "
                      "for the same day. An existing file is never replaced unless --force."),
    )
    # The global --journal also works here, after the command. SUPPRESS keeps
    # the subparser from resetting a --journal given before the command to None.
    demo.add_argument("--journal", metavar="PATH", default=argparse.SUPPRESS,
                      help=_("where to write the demo journal (required, before or after `demo`)"))
    demo.add_argument("--encounters", type=_positive, default=300, metavar="N", help=_("how many encounters (default: 300)"))
    demo.add_argument("--seed", type=int, default=7, help=_("random seed (default: 7)"))
    demo.add_argument("--force", action="store_true", help=_("replace PATH if it exists"))
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args, out, err) -> int:
    # Only an explicit path: the default would be the user's real journal.
    if not getattr(args, "journal", None):
        print(_("netjournal: demo needs --journal PATH, so that it never fills your real journal."), file=err)
        return EXIT_BAD_INPUT
    from journal.demo import build_demo

    # The journal's text is in the interface's language (--lang, LANG...): a Brazilian demo in pt-BR.
    summary = build_demo(args.journal_path, encounters=args.encounters, seed=args.seed, force=args.force,
                         language=i18n.language())
    print(
        _("Wrote {path}: {encounters} encounters, {people} people, {opinions} opinions, "
          "{reviews} weekly reflections, {groups} groups (seed {seed}).").format(
            path=summary.path, encounters=summary.encounters, people=summary.people, opinions=summary.opinions,
            reviews=summary.reviews, groups=summary.groups, seed=args.seed,
        ),
        file=out,
    )
    print(_("Open it with: {command}").format(command=f"netjournal --journal {shlex.quote(str(summary.path))}"), file=out)
    return EXIT_OK
