"""A person's profile: who they are, your history with them, follow-ups."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Label, Static

from journal import clock
from journal.errors import JournalError, NotFoundError
from journal.queries import days_since
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.base import JournalScreen
from tui.screens.people import ago
from tui.widgets.encounter_list import EncounterList
from tui.widgets.literal import literal


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


class PersonScreen(JournalScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="person.back", tooltip="Back"),
        Binding("e", "edit", "Edit", id="person.edit", tooltip="Edit name, organisation, interests, introductions, cadence"),
        Binding("m", "merge", "Merge", id="person.merge", tooltip="Merge another person into this one (they are the same)"),
    ]

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id

    def compose(self) -> ComposeResult:
        yield Static(id="person-title", classes="screen-header")
        with Vertical(id="person-body"):
            yield Static(id="person-facts")
            yield Label("Encounters (enter opens one)", classes="section-title")
            yield EncounterList(self._page, self.store.names, group_by_day=False, id="person-encounters")
        yield Footer()

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
            # Merged away or deleted elsewhere. Only leave while on top (never
            # pop a dialog opened above us); otherwise retry when we come back.
            self._seen_version = -1
            if self.app.screen is self:
                self.app.pop_screen()
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
            facts.append(f"{label:<16}", style="bold")
            facts.append_text(value if isinstance(value, Text) else literal(value) if value else Text("—", style="dim"))
            facts.append("\n")

        fact("Also known as", ", ".join(person.aliases))
        # Contacts only when there are some: most people met in a queue have none.
        for label, values in (("Email", person.emails), ("Phone", person.phones), ("Links", person.links)):
            if values:
                fact(label, ", ".join(values))
        fact("Interests", ", ".join(person.interests))
        fact("Introduced by", summary.introduced_by.name if summary.introduced_by else "")
        fact("Introduced", ", ".join(p.name for p in summary.introduced))
        cadence = f"every {person.keep_in_touch_days} days" if person.keep_in_touch_days else ""
        last = days_since(summary.last_seen, today)
        if cadence and last is not None and last > person.keep_in_touch_days:
            cadence += f"  (overdue by {last - person.keep_in_touch_days} days)"
        fact("Keep in touch", cadence)
        groups = self.store.groups.for_person(person.id)
        if groups:  # a line only for people in a group: most journals have none
            fact("Groups", ", ".join(g.name for g in groups))
        fact("First met", summary.first_met.strftime("%d %b %Y") if summary.first_met else "")
        fact("Last seen", f"{summary.last_seen:%d %b %Y} ({ago(last)})" if summary.last_seen else "")
        fact("Conversations", str(summary.count))
        fact("You gave", f"{_times(summary.gave)}   you asked {_times(summary.asked)}")
        follow = summary.open_follow_ups
        fact("Open follow-ups", "; ".join(
            e.follow_up.text + (f" (due {e.follow_up.due:%d %b})" if e.follow_up.due else "") for e in follow
        ))
        fact("Talked about", " ".join("#" + t for t in summary.top_topics))
        if person.notes:
            fact("Notes", person.notes)
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
                app.notify(str(exc), title="Not merged", severity="error")
                return
            app.data_changed()
            app.notify(f"Merged {other.name} into {keep.name}.", title="Merged")

        question = (
            f"Merge {other.name} into {keep.name}? {other.name}'s encounters and "
            f"introductions move to {keep.name}, and {other.name} becomes an alias."
        )
        app.push_screen(ConfirmDialog(question, yes="Merge", no="Cancel"), confirmed)

    app.push_screen(PickPersonDialog(f"Who else is {keep.name}? (merged into {keep.name})", exclude=keep.id), picked)
