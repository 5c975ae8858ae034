"""A person's profile: who they are, your history with them, follow-ups."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from journal.i18n import N_, _, ngettext
from journal import clock, dates_out
from journal.errors import JournalError, NotFoundError
from journal.queries import days_since
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.screens.people import ago
from tui.widgets.encounter_list import EncounterList
from tui.widgets.literal import literal

# The facts' labels in one column: the longest, "You introduced them to", and a gap.
LABEL_WIDTH = 24


def _times(count: int) -> str:
    return _("once") if count == 1 else ngettext("{count} time", "{count} times", count).format(count=count)


class PersonScreen(JournalScreen):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="person.back", tooltip=N_("Back")),
        Binding("e", "edit", N_("Edit"), id="person.edit", tooltip=N_("Edit name, organisation, interests, introductions, cadence")),
        Binding("m", "merge", N_("Merge"), id="person.merge", tooltip=N_("Merge another person into this one (they are the same)")),
        Binding("a", "add_with", N_("Add with them"), id="person.add", tooltip=N_("Add an encounter with this person (Who filled in)")),
        Binding("d", "delete", N_("Delete"), id="person.delete", tooltip=N_("Delete this person (asks first; their encounters stay; ctrl+z undoes)")),
    ]

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id

    def compose(self) -> ComposeResult:
        yield Static(id="person-title", classes="screen-header")
        with Vertical(id="person-body"):
            yield Static(id="person-facts")
            yield Label(_("Encounters (enter opens one)"), classes="section-title")
            yield EncounterList(self._page, self.store.names, group_by_day=False, id="person-encounters")
        yield KeysFooter()

    def _page(self, offset: int, limit: int):
        encounters = self.store.encounters_by_person().get(self.person_id, [])
        return encounters[offset : offset + limit]

    def on_mount(self) -> None:
        self.sync_data()
        self.query_one(EncounterList).focus()

    def refresh_data(self) -> None:
        try:
            summary = self.store.summary(self.person_id)
        except NotFoundError:
            self.record_gone()  # merged away, or deleted
            return
        person = summary.person
        today = clock.today()
        title = literal(person.name, style="bold")
        if person.organisation:
            title.append("  ·  ")
            title.append_text(literal(person.organisation))
        self.query_one("#person-title", Static).update(title)

        facts = Text()

        def fact(label: str, value: Text | str) -> None:
            facts.append(f"{label:<{LABEL_WIDTH}}", style="bold")
            facts.append_text(value if isinstance(value, Text) else literal(value) if value else Text("—", style="dim"))
            facts.append("\n")

        fact(_("Also known as"), ", ".join(person.aliases))
        # Contacts only when there are some: most people met in a queue have none.
        for label, values in ((_("Email"), person.emails), (_("Phone"), person.phones), (_("Links"), person.links)):
            if values:
                fact(label, ", ".join(values))
        fact(_("Interests"), ", ".join(person.interests))
        fact(_("Introduced by"), summary.introduced_by.name if summary.introduced_by else "")
        fact(_("Introduced to you"), ", ".join(p.name for p in summary.introduced))
        by_me = self.store.introductions(person.id)[1]
        fact(_("You introduced them to"), ", ".join(dict.fromkeys(p.name for p, _to in by_me)))
        fact(_("Seen most with"), ", ".join(f"{p.name} ({n})" for p, n in self.store.seen_with(person.id)))
        cadence = ""
        if person.keep_in_touch_days:
            cadence = ngettext("every {count} day", "every {count} days", person.keep_in_touch_days).format(
                count=person.keep_in_touch_days)
        last = days_since(summary.last_seen, today)
        if cadence and last is not None and last > person.keep_in_touch_days:
            late = last - person.keep_in_touch_days
            cadence += "  " + ngettext("(overdue by {count} day)", "(overdue by {count} days)", late).format(count=late)
        fact(_("Keep in touch"), cadence)
        groups = self.store.groups.for_person(person.id)
        if groups:  # a line only for people in a group: most journals have none
            fact(_("Groups"), ", ".join(g.name for g in groups))
        fact(_("First met"), dates_out.plain_date(summary.first_met) if summary.first_met else "")
        fact(_("Last seen"), f"{dates_out.plain_date(summary.last_seen)} ({ago(last)})" if summary.last_seen else "")
        fact(_("Conversations"), str(summary.count))
        fact(_("You gave"), _times(summary.gave))
        fact(_("You asked for"), _times(summary.asked))
        follow = summary.open_follow_ups
        fact(_("Open follow-ups"), "; ".join(
            e.follow_up.text + (" " + _("(due {day})").format(day=dates_out.day_month(e.follow_up.due)) if e.follow_up.due else "")
            for e in follow
        ))
        fact(_("Talked about"), " ".join("#" + t for t in summary.top_topics))
        if person.notes:
            fact(_("Notes"), person.notes)
        self.query_one("#person-facts", Static).update(facts)
        self.query_one(EncounterList).reload()

    def on_encounter_list_opened(self, event: EncounterList.Opened) -> None:
        self.app.open_encounter(event.encounter_id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        from tui.dialogs.person_edit import PersonEditDialog

        self.app.push_screen(PersonEditDialog(self.person_id), lambda saved: saved and self.app.data_changed())

    def action_merge(self) -> None:
        start_merge(self.app, self.person_id)

    def action_delete(self) -> None:
        start_delete(self.app, self.person_id)

    def action_add_with(self) -> None:
        self.app.action_quick_add(who=self.store.person(self.person_id).name)


def start_delete(app, person_id: str) -> None:
    """Ask, naming how many encounters mention the person; delete; ctrl+z undoes.

    Refused at once, without asking, when it would leave an encounter empty.
    A profile showing the person closes itself when it redraws (record_gone).
    """
    from journal.forget import delete_person, groups_of, mentions, refusal, restore_person

    store = app.store
    person = store.person(person_id)
    encounters = mentions(store, person_id)
    problem = refusal(store, person, encounters)
    if problem:
        app.notify(problem, title=_("Not deleted"), severity="warning")
        return
    count = len(encounters)
    if count == 0:
        question = _("Delete {name}? No encounter mentions them.")
    else:
        question = ngettext(
            "Delete {name}? {count} encounter mentions them: they will be taken out of it, and it stays in the journal.",
            "Delete {name}? {count} encounters mention them: they will be taken out of those "
            "encounters, which stay in the journal.",
            count,
        )
    question = question.format(name=person.name, count=count)
    groups = len(groups_of(store, person_id))
    if groups == 1:
        question += " " + _("They also leave the group they belong to.")
    elif groups > 1:
        # Only ever more than one here, but Portuguese may still want its plural rule.
        question += " " + ngettext(
            "They also leave the {count} group they belong to.", "They also leave the {count} groups they belong to.", groups
        ).format(count=groups)

    def confirmed(yes: bool | None) -> None:
        if not yes:
            return
        try:
            deleted = delete_person(store, person_id)
        except JournalError as exc:
            app.notify(str(exc), title=_("Not deleted"), severity="error")
            return
        app.record_change(_("the person's deletion"), lambda: restore_person(store, deleted))
        taken = len(deleted.encounters)
        if taken == 0:
            message = _("{name} deleted. ctrl+z brings them back.")
        else:
            message = ngettext(
                "{name} deleted and taken out of {count} encounter. ctrl+z brings them back.",
                "{name} deleted and taken out of {count} encounters. ctrl+z brings them back.",
                taken,
            )
        app.notify(message.format(name=person.name, count=taken), title=_("Deleted"))

    app.push_screen(ConfirmDialog(question, yes=_("Delete"), no=_("Keep")), confirmed)


def start_merge(app, keep_id: str) -> None:
    """Pick who else is really `keep`, confirm, and fold them into `keep`."""
    from tui.dialogs.pick_person import PickPersonDialog

    store = app.store
    keep = store.person(keep_id)

    def picked(other_id: str | None) -> None:
        if not other_id:
            return
        other = store.person(other_id)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                store.merge_people(keep.id, other.id)
            except JournalError as exc:
                app.notify(str(exc), title=_("Not merged"), severity="error")
                return
            app.data_changed()
            app.notify(_("Merged {other} into {keep}.").format(other=other.name, keep=keep.name), title=_("Merged"))

        question = _(
            "Merge {other} into {keep}? {other}'s encounters and "
            "introductions move to {keep}, and {other} becomes an alias."
        ).format(other=other.name, keep=keep.name)
        app.push_screen(ConfirmDialog(question, yes=_("Merge"), no=_("Cancel")), confirmed)

    app.push_screen(PickPersonDialog(_("Who else is {name}? (merged into {name})").format(name=keep.name), exclude=keep.id), picked)
