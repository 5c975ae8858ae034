"""Home: encounters newest first, grouped by day, with today's count and streak."""
from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from journal.i18n import N_, _, ngettext
from journal import clock
from journal.dates import local_midnight
from journal.review import streak_as_of
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.encounter_list import ASKED, FOLLOW, GAVE, EncounterList

WELCOME = N_("""Welcome to netjournal.

Networking is mostly everyday conversation: the bakery, the queue at the
restaurant, the neighbour at a talk. Note each one here in a few seconds.

Press  a  to add your first encounter: who you talked with, where, and what
about (#hashtags become topics). Press  ?  for every key, ctrl+p for commands.

From a shell:  netjournal add --who "Rosa Lima" --where "the corner bakery" "talked about #bread\"""")


class TimelineScreen(JournalScreen):
    BINDINGS = [
        Binding("e", "edit", N_("Edit"), id="timeline.edit", tooltip=N_("Edit the highlighted encounter")),
        Binding("enter", "open", N_("Open"), id="timeline.open", show=False, tooltip=N_("Open the highlighted encounter")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-header", classes="screen-header")
        yield Static(_(WELCOME), id="welcome", markup=False)
        yield EncounterList(self.store.recent, self.store.names, id="timeline")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sync_data()

    def refresh_data(self) -> None:
        store = self.store
        empty = store.count() == 0
        self.query_one("#welcome").display = empty
        timeline = self.query_one(EncounterList)
        timeline.display = not empty
        timeline.reload(select_id=self.app.last_saved_id)
        self.app.last_saved_id = None
        self._update_header()
        self.refresh_bindings()  # e and enter come and go with the first encounter
        if not empty:
            timeline.focus()

    def _update_header(self) -> None:
        encounters = self.store.encounters()
        today = clock.today()
        todays = len(self.store.between(local_midnight(today), local_midnight(today + timedelta(days=1))))
        days = streak_as_of(self.store, today)
        header = Text()
        header.append(_("Today") + " ", style="bold")
        header.append(ngettext("{count} conversation", "{count} conversations", todays).format(count=todays))
        header.append("   " + _("Streak") + " ", style="bold")
        header.append(ngettext("{count} day", "{count} days", days).format(count=days))
        header.append("   " + _("{count} in all").format(count=len(encounters)), style="dim")
        if self.size.width >= 96:
            header.append("     " + _("{gave} you gave  {asked} you asked  {follow} follow-up").format(
                gave=GAVE, asked=ASKED, follow=FOLLOW), style="dim")
        self.query_one("#timeline-header", Static).update(header)

    def on_resize(self) -> None:
        self._update_header()  # the key legend shows only when it fits

    def on_encounter_list_opened(self, event: EncounterList.Opened) -> None:
        self.app.open_encounter(event.encounter_id)

    def action_open(self) -> None:
        encounter_id = self.query_one(EncounterList).highlighted_encounter_id()
        if encounter_id:
            self.app.open_encounter(encounter_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An empty journal has nothing to edit or open: the footer does not offer it.
        if action in ("edit", "open"):
            return self.store.count() > 0
        return True

    def action_edit(self) -> None:
        encounter_id = self.query_one(EncounterList).highlighted_encounter_id()
        if encounter_id:
            self.app.edit_encounter(encounter_id)
