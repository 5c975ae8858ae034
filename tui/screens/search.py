"""Search encounters by words, names, places and #topics (accents and case ignored)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, Static

from tui.screens.base import JournalScreen
from tui.widgets.encounter_list import EncounterList

# The search stops counting here (a word in every encounter of a large
# journal would otherwise list them all); the header then says "500+".
RESULTS_LIMIT = 500


class SearchScreen(JournalScreen):
    BINDINGS = [Binding("escape", "back", "Back", id="search.back", tooltip="Close the search")]

    def compose(self) -> ComposeResult:
        yield Static(Text("Search", style="bold"), id="search-header", classes="screen-header")
        yield Input(placeholder="words, a name, a place or #topic; enter goes to the results", id="search-input", compact=True)
        yield EncounterList(self._page, self.store.names, group_by_day=False, id="search-results")
        yield Footer()

    _results: list = []  # this query's matches, one past the limit: see refresh_data

    def _page(self, offset: int, limit: int):
        return self._results[: RESULTS_LIMIT][offset : offset + limit]

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()

    def refresh_data(self) -> None:
        query = self.query_one("#search-input", Input).value
        # One search per query, the list's pages are slices of it. The count is
        # of the matches, not of the rows the list has loaded (a page of 200).
        self._results = self.store.search(query, limit=RESULTS_LIMIT + 1)
        self.query_one(EncounterList).reload()
        header = Text("Search", style="bold")
        if query.strip():
            count = len(self._results)
            if count > RESULTS_LIMIT:
                shown = "{limit}+ encounters (the newest {limit} are listed)".format(limit=RESULTS_LIMIT)
            elif count == 1:
                shown = "1 encounter"
            else:
                shown = "{count} encounters".format(count=count)
            header.append("   " + shown, style="dim")
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
