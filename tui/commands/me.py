"""`netjournal me`: my qualities, what I want people to know I do well (issue 18)."""
from __future__ import annotations

from journal.i18n import _

import json


def register(sub) -> None:
    parser = sub.add_parser(
        "me",
        help=_("your qualities (what you want people to know you do well), and who knows them"),
        description=_("List your qualities and who knows each; --quality adds one, --remove-quality removes one."),
    )
    parser.add_argument("--quality", action="append", default=[], metavar="Q", help=_('add a quality: "UX research" (repeatable)'))
    parser.add_argument("--remove-quality", action="append", default=[], metavar="Q", help=_("remove a quality (repeatable)"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=cmd_me)


def cmd_me(args, out, err) -> int:
    from journal import clock
    from journal.names import fold
    from journal.store import Store
    from journal.visibility import compute_visibility

    with Store(args.journal_path) as store:
        qualities = list(store.me().qualities)
        if args.quality or args.remove_quality:
            gone = {fold(q) for q in args.remove_quality}
            missing = [q for q in args.remove_quality if fold(q) not in {fold(x) for x in qualities}]
            if missing:
                from tui.commands import UsageError

                raise UsageError(_("--remove-quality: '{quality}' is not one of your qualities.").format(quality=missing[0]))
            store.set_qualities([q for q in qualities if fold(q) not in gone] + args.quality)
        visibility = compute_visibility(store, clock.today())
    if args.format == "json":
        print(json.dumps({
            "qualities": [{"quality": q.quality, "known_by": [{"person": p.name, "since": since.isoformat()} for p, since in q.known_by]}
                          for q in visibility.qualities],
            "unaware_frequent": [p.name for p in visibility.unaware_frequent],
            "active": visibility.active, "aware": visibility.aware,
        }, ensure_ascii=False, indent=2), file=out)
        return 0
    if not visibility.qualities:
        print(_('No qualities yet. Add what you want people to know you do well: netjournal me --quality "UX research"'), file=out)
    for q in visibility.qualities:
        who = ", ".join(
            _("{name} (since {day})").format(name=p.name, day=since.isoformat()) for p, since in q.known_by
        ) or _("nobody yet")
        print(f"{q.quality}: {who}", file=out)
    if visibility.unaware_frequent:
        print(_("They don't know what you do (met 3+ times in 90 days): {names}").format(
            names=", ".join(p.name for p in visibility.unaware_frequent)), file=out)
    return 0
