"""One encounter in full: every field, its people (Enter opens a profile), edit, delete."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _
from journal import clock, dates_out
from journal.credit import ASKED, GAVE, credited
from journal.errors import JournalError, NotFoundError
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.literal import literal


class EncounterScreen(JournalScreen):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="encounter.back", tooltip=N_("Back to the list")),
        Binding("e", "edit", N_("Edit"), id="encounter.edit", tooltip=N_("Edit this encounter in the quick-add form")),
        Binding("d", "delete", N_("Delete"), id="encounter.delete", tooltip=N_("Delete this encounter (asks first; ctrl+z undoes)")),
        Binding("n", "note_opinion", N_("Opinion"), id="encounter.opinion", tooltip=N_("Note an opinion this conversation shaped (linked to it)")),
        Binding("f", "toggle_follow_up", N_("Follow-up done/open"), id="encounter.follow_up", tooltip=N_("Mark the follow-up done or open again")),
    ]

    def __init__(self, encounter_id: str) -> None:
        super().__init__()
        self.encounter_id = encounter_id

    def compose(self) -> ComposeResult:
        yield Static(id="encounter-title", classes="screen-header")
        with VerticalScroll(id="encounter-body"):
            yield Label(_("People (enter opens a profile)"), classes="section-title")
            yield OptionList(id="encounter-people")
            yield Static(id="encounter-fields")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sync_data()
        people = self.query_one("#encounter-people", OptionList)
        if people.option_count:
            people.focus()  # "enter opens a profile" works at once

    def refresh_data(self) -> None:
        try:
            encounter = self.store.encounter(self.encounter_id)
        except NotFoundError:
            self.record_gone()
            return
        when = encounter.when.astimezone(clock.local_zone())
        title = Text(dates_out.full_day_time(when), style="bold")
        if encounter.place or encounter.setting:
            title.append("  ·  ")
            title.append_text(literal(" · ".join(x for x in (encounter.place, encounter.setting) if x)))
        self.query_one("#encounter-title", Static).update(title)

        people = self.query_one("#encounter-people", OptionList)
        people.clear_options()
        known = {p.id for p in self.store.people()}
        people.add_options(
            Option(literal(name), id=pid)
            for pid, name in zip(encounter.people, self.store.names(encounter.people))
            if pid in known
        )
        people.display = bool(encounter.people)
        if people.option_count:
            people.highlighted = 0

        body = Text()

        def section(label: str, value: str) -> None:
            body.append(f"{label}\n", style="bold")
            body.append_text(literal(value) if value else Text("—", style="dim"))
            body.append("\n\n")

        section(_("Talked about"), encounter.notes)
        section(_("Topics"), " ".join("#" + t for t in encounter.topics))
        section(_("Learned"), encounter.learned)
        # Whom a give or an ask counts for, when an @Name named fewer than everyone present.
        gave_to, asked_of = credited(encounter, GAVE), credited(encounter, ASKED)
        if not gave_to or set(gave_to) == set(encounter.people):
            section(_("You gave"), encounter.gave)
        else:
            section(_("You gave to {names}").format(names=", ".join(self.store.names(gave_to))), encounter.gave)
        if not asked_of or set(asked_of) == set(encounter.people):
            section(_("You asked for"), encounter.asked)
        else:
            section(_("You asked {names} for").format(names=", ".join(self.store.names(asked_of))), encounter.asked)
        follow = encounter.follow_up
        if follow:
            day = dates_out.padded_day(follow.due) if follow.due else ""
            if follow.done:
                label = _("Follow-up (done, due {day})") if day else _("Follow-up (done)")
            else:
                label = _("Follow-up (open, due {day})") if day else _("Follow-up (open)")
            section(label.format(day=day), follow.text)
        else:
            section(_("Follow-up"), "")
        opinions = self.store.opinions.for_encounter(self.encounter_id)
        section(_("Opinions it shaped (n notes one)"), "\n".join(f"{o.subject}: {o.stance} ({o.confidence})" for o in opinions))
        self.query_one("#encounter-fields", Static).update(body)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_person(event.option.id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        self.app.edit_encounter(self.encounter_id)

    def action_note_opinion(self) -> None:
        self.app.note_opinion(encounter_id=self.encounter_id)

    def action_toggle_follow_up(self) -> None:
        encounter = self.store.encounter(self.encounter_id)
        if encounter.follow_up is None:
            self.notify(_("This encounter has no follow-up; press e to add one."), severity="warning")
            return
        toggle_follow_up(self.app, self.encounter_id)

    def action_delete(self) -> None:
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                deleted = self.store.delete_encounter(self.encounter_id)
            except JournalError as exc:
                self.notify(str(exc), title=_("Not deleted"), severity="error", markup=False)
                return
            self.app.pop_screen()
            self.app.record_change(_("the delete"), lambda: self.store.restore_encounter(deleted))
            self.notify(_("Encounter deleted. ctrl+z brings it back."), title=_("Deleted"))

        self.app.push_screen(ConfirmDialog(_("Delete this encounter?"), yes=_("Delete"), no=_("Keep")), answered)


def toggle_follow_up(app, encounter_id: str) -> None:
    """Mark an encounter's follow-up done, or open again; ctrl+z takes it back."""
    store = app.store
    was_done = store.encounter(encounter_id).follow_up.done
    try:
        store.set_follow_up_done(encounter_id, not was_done)
    except JournalError as exc:
        app.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
        return
    app.record_change(_("the follow-up's change"), lambda: store.set_follow_up_done(encounter_id, was_done))
    if was_done:
        app.notify(_("Follow-up open again. ctrl+z undoes it."))
    else:
        app.notify(_("Follow-up marked done. ctrl+z undoes it."))
