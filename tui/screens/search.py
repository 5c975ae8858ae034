"""Search encounters by words, names, places and #topics (accents and case ignored)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, Static

from tui.screens.base import JournalScreen
from tui.widgets.encounter_list import EncounterList

RESULTS_LIMIT = 500


class SearchScreen(JournalScreen):
    BINDINGS = [Binding("escape", "back", "Back", id="search.back", tooltip="Close the search")]

    def compose(self) -> ComposeResult:
        yield Static(Text("Search", style="bold"), id="search-header", classes="screen-header")
        yield Input(placeholder="words, a name, a place or #topic; enter goes to the results", id="search-input", compact=True)
        yield EncounterList(self._page, self.store.names, group_by_day=False, id="search-results")
        yield Footer()

    def _page(self, offset: int, limit: int):
        query = self.query_one("#search-input", Input).value
        return self.store.search(query, limit=RESULTS_LIMIT)[offset : offset + limit]

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()

    def refresh_data(self) -> None:
        query = self.query_one("#search-input", Input).value
        results = self.query_one(EncounterList)
        results.reload()
        header = Text("Search", style="bold")
        if query.strip():
            count = results.loaded_count
            more = "+" if count >= RESULTS_LIMIT else ""
            header.append(f"   {count}{more} encounter{'s' if count != 1 else ''}", style="dim")
        self.query_one("#search-header", Static).update(header)

    @on(Input.Changed, "#search-input")
    def _changed(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.query_one(EncounterList).focus()

    def on_encounter_list_opened(self, event: EncounterList.Opened) -> None:
        self.app.open_encounter(event.encounter_id)

    def action_back(self) -> None:
        self.app.pop_screen()
