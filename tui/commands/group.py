"""`netjournal group add NAME ...` and `netjournal group show NAME` (issue 17).

Also what `netjournal add --group NAME` needs: finding a group by a typed
name, or saying which names are closest.
"""
from __future__ import annotations

from journal.i18n import _, ngettext

import json

from tui.commands import UsageError

EXIT_OK = 0

# Domain field -> the option the user typed, so a message points at it.
_OPTIONS = {"name": "NAME", "cadence": "--every", "members": "--members", "kind": "--kind"}


def register(sub) -> None:
    group = sub.add_parser(
        "group",
        help=_("create a group that meets periodically, or show one"),
        description=_("Groups that meet periodically: a support group, a meetup, a club. "
                      "`group add` creates one, `group show` prints one with its members' attendance."),
    )
    actions = group.add_subparsers(dest="group_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help=_("create a group"),
        description=_("Create a group. Its cadence is written in words, in English or Portuguese: "
                      '"every tuesday 19:00", "every 2 weeks on thu 18h", "monthly on the first monday 19h", '
                      '"every 2nd tuesday" (every other one), "toda terça às 19h", "toda primeira segunda do mês".'),
    )
    add.add_argument("name", metavar="NAME", help=_('the group\'s name: "Freelancers\' circle"'))
    add.add_argument("--kind", default="", help=_("support group, meetup, club, class, team, or your own word"))
    add.add_argument("--every", default="", metavar="CADENCE", help=_('how often it meets: "every tuesday 19:00"'))
    add.add_argument("--where", default="", help=_("where it usually meets: Café Lua"))
    add.add_argument("--setting", default="", help=_("the kind of place: cafe, event, online..."))
    add.add_argument("--members", default="", help=_('comma-separated names: "Rosa Lima, Tomás"'))
    add.add_argument("--notes", default="", help=_("anything to remember about it"))
    add.set_defaults(handler=cmd_group_add)

    show = actions.add_parser("show", help=_("show a group: cadence, next dates, members' attendance, meetings"))
    show.add_argument("name", metavar="NAME", help=_("the group's name (case and accents ignored)"))
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=cmd_group_show)


def _open(args):
    from journal.store import Store

    return Store(args.journal_path)


def find_group(store, name: str):
    """The group called `name` (folded), or a UsageError naming the closest ones."""
    group = store.groups.find(name)
    if group is not None:
        return group
    closest = store.groups.closest(name)
    if closest:
        raise UsageError(_("No group called '{name}'. Closest: {names}.").format(name=name, names=", ".join(closest)))
    names = [g.name for g in store.groups.all()]
    if names:
        raise UsageError(_("No group called '{name}'. The groups are: {names}.").format(name=name, names=", ".join(names[:10])))
    raise UsageError(_("No group called '{name}': there are no groups yet. Create one with: netjournal group add NAME").format(name=name))


def summary_lines(summary) -> list[str]:
    """The group in a few lines of text, for `group add` and `group show`."""
    from journal import clock
    from journal.cadence import describe_date
    from journal.groups import cadence_label

    group = summary.group
    lines = [group.name + (f" ({group.kind})" if group.kind else "")]
    where = " · ".join(x for x in (group.place, group.setting) if x)
    if where:
        lines.append(_("Where: {where}").format(where=where))
    label = cadence_label(group)
    if summary.cadence_unreadable:
        lines.append(_("Cadence: unreadable cadence ({problem}); edit the group to set it again.").format(
            problem=summary.schedule.problem))
    elif label:
        lines.append(_("Cadence: {label} ({rrule})").format(label=label, rrule=group.cadence.rrule))
        whole = summary.schedule.whole_day
        dates = ", ".join(describe_date(d.astimezone(clock.local_zone()), whole) for d in summary.next_dates)
        lines.append(_("Next: {dates}").format(dates=dates) if dates else _("Next: no date ahead"))
    else:
        lines.append(_("Cadence: none"))
    return lines


def cmd_group_add(args, out, err) -> int:
    from journal.errors import ValidationError
    from journal.text import split_list

    with _open(args) as store:
        try:
            change = store.groups.add(
                args.name, kind=args.kind, place=args.where, setting=args.setting,
                members=split_list(args.members), notes=args.notes, cadence_text=args.every,
            )
        except ValidationError as exc:
            raise UsageError(_("{option}: {message}").format(option=_OPTIONS.get(exc.field, exc.field), message=exc.message)) from None
        summary = store.groups.summary(change.group.id)
        print(change.group.id, file=out)
        for line in summary_lines(summary):
            print(line, file=out)
        if summary.members:
            print(_("Members: {names}").format(names=", ".join(p.name for p in summary.members)), file=out)
        if change.created_people:
            print(ngettext("New: {names}", "New: {names}", len(change.created_people)).format(
                names=", ".join(p.name for p in change.created_people)), file=out)
    return EXIT_OK


def cmd_group_show(args, out, err) -> int:
    from journal.groups import attendance_line, group_to_json
    from journal.queries import one_line

    with _open(args) as store:
        group = find_group(store, args.name)
        summary = store.groups.summary(group.id)
        if args.format == "json":
            print(json.dumps(group_to_json(summary), ensure_ascii=False, indent=2), file=out)
            return EXIT_OK
        for line in summary_lines(summary):
            print(line, file=out)
        if summary.missing_lately:
            print(_("Missing lately: {names}").format(names=", ".join(p.name for p in summary.missing_lately)), file=out)
        print(_("Members:") if summary.attendance else _("Members: none yet"), file=out)
        for row in summary.attendance:
            print("  {name}: {line}".format(name=row.person.name, line=attendance_line(row)), file=out)
        meetings = summary.meetings
        if meetings:
            print(_("Meetings ({count}, newest first):").format(count=len(meetings)), file=out)
            for encounter in meetings[:10]:
                print("  " + one_line(encounter, store.names(encounter.people)), file=out)
            if len(meetings) > 10:
                print("  " + _("… and {more} earlier").format(more=len(meetings) - 10), file=out)
        else:
            print(_("Meetings: none yet. Add one: netjournal add --group {name!r}").format(name=group.name), file=out)
        if group.notes:
            print(_("Notes: {notes}").format(notes=group.notes), file=out)
    return EXIT_OK
