"""`netjournal groups`: every group, one line each (or JSON), with its next date."""
from __future__ import annotations

from journal.i18n import _, ngettext

import json

EXIT_OK = 0


def register(sub) -> None:
    listing = sub.add_parser(
        "groups",
        help=_("list the groups that meet periodically"),
        description=_("List every group: kind, cadence, next date, members, meetings."),
    )
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(handler=cmd_groups)


def group_line(summary) -> str:
    from journal import clock
    from journal.cadence import describe_date
    from journal.groups import cadence_label

    group = summary.group
    parts = [group.name]
    if group.kind:
        parts.append(group.kind)
    label = cadence_label(group)
    if label:
        parts.append(label)
    if summary.next_dates:
        when = describe_date(summary.next_dates[0].astimezone(clock.local_zone()), summary.schedule.whole_day)
        parts.append(_("next {when}").format(when=when))
    members = len(summary.members)
    parts.append(ngettext("{n} member", "{n} members", members).format(n=members))
    meetings = len(summary.meetings)
    if meetings:
        last = describe_date(summary.meetings[0].when.astimezone(clock.local_zone()), True)
        parts.append(ngettext("{n} meeting, last {last}", "{n} meetings, last {last}", meetings).format(n=meetings, last=last))
    else:
        parts.append(_("no meetings yet"))
    return " · ".join(parts)


def cmd_groups(args, out, err) -> int:
    from journal.groups import group_to_json
    from journal.store import Store

    with Store(args.journal_path) as store:
        meetings = store.groups.by_group()
        summaries = [store.groups.summary(g.id, meetings[g.id]) for g in store.groups.all()]
        if args.format == "json":
            print(json.dumps([group_to_json(s) for s in summaries], ensure_ascii=False, indent=2), file=out)
            return EXIT_OK
        if not summaries:
            print(_('No groups yet. Create one: netjournal group add NAME --every "every tuesday 19:00"'), file=out)
        for summary in summaries:
            print(group_line(summary), file=out)
    return EXIT_OK
