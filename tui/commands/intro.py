"""`netjournal intro A B`: record an introduction I made, "I introduced A to B" (issue 18)."""
from __future__ import annotations

from journal.i18n import _, ngettext

from tui.commands import UsageError


def register(sub) -> None:
    parser = sub.add_parser(
        "intro",
        help=_("record that you introduced two people to each other (a give to both)"),
        description=_("Record an introduction you made: an encounter with both people, which counts as a give to both."),
    )
    parser.add_argument("a", metavar="A", help=_("a person (known names match ignoring case and accents)"))
    parser.add_argument("b", metavar="B", help=_("the person you introduced them to"))
    parser.add_argument("--when", default="now", help=_('when: now, "yesterday 18:30", "last friday"'))
    parser.add_argument("--note", default="", help=_("what it was about"))
    parser.set_defaults(handler=cmd_intro)


def cmd_intro(args, out, err) -> int:
    from journal import clock
    from journal.dates import DateParseError, parse_when
    from journal.errors import ValidationError
    from journal.models import EncounterDraft
    from journal.queries import one_line
    from journal.store import Store

    try:
        when = parse_when(args.when, clock.now())
    except DateParseError as exc:
        raise UsageError(_("--when: {problem}").format(problem=exc)) from None
    draft = EncounterDraft(when=when, who=[args.a, args.b], notes=args.note or _("Introduced {a} to {b}.").format(a=args.a, b=args.b),
                           introduced=[(args.a, args.b)])
    with Store(args.journal_path) as store:
        try:
            result = store.add_encounter(draft)
        except ValidationError as exc:
            option = {"who": "A/B", "introduced": "A/B", "when": "--when"}.get(exc.field, exc.field)
            raise UsageError(_("{option}: {message}").format(option=option, message=exc.message)) from None
        names = store.names(result.encounter.people)
    print(result.encounter.id, file=out)
    print(one_line(result.encounter, names), file=out)
    if result.created_people:
        print(ngettext("New: {names}", "New: {names}", len(result.created_people)).format(
            names=", ".join(p.name for p in result.created_people)), file=out)
    return 0
