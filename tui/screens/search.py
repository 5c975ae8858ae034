"""Search encounters by words, names, places and #topics (accents and case ignored),
and, above them, the people and opinions the words find."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _, ngettext
from journal.find import opinions_matching, people_matching
from journal.text import first_line
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.encounter_list import EncounterList
from tui.widgets.literal import literal

# The search stops counting here (a word in every encounter of a large
# journal would otherwise list them all); the header then says "500+".
RESULTS_LIMIT = 500


class SearchScreen(JournalScreen):
    BINDINGS = [Binding("escape", "back", N_("Back"), id="search.back", tooltip=N_("Close the search"))]

    _results: list = []  # this query's matches, one past the limit: see refresh_data

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Search"), style="bold"), id="search-header", classes="screen-header")
        yield Input(placeholder=_("words, a name, a place or #topic; enter goes to the results"), id="search-input", compact=True)
        # People (by anything written about them) and opinions the words find.
        yield OptionList(id="search-other")
        yield EncounterList(self._page, self.store.names, group_by_day=False, id="search-results")
        yield KeysFooter()

    def _page(self, offset: int, limit: int):
        return self._results[:RESULTS_LIMIT][offset : offset + limit]

    def on_mount(self) -> None:
        self.query_one("#search-other").display = False
        self.query_one("#search-input", Input).focus()

    def refresh_data(self) -> None:
        query = self.query_one("#search-input", Input).value
        # One search per query, the list's pages are slices of it. The count is
        # of the matches, not of the rows the list has loaded (a page of 200).
        self._results = self.store.search(query, limit=RESULTS_LIMIT + 1)
        self.query_one(EncounterList).reload()
        people = people_matching(self.store, query)
        opinions = opinions_matching(self.store, query)
        self._fill_other(people, opinions)
        header = Text(_("Search"), style="bold")
        if query.strip():
            count = len(self._results)
            if count > RESULTS_LIMIT:
                parts = [_("{limit}+ encounters (the newest {limit} are listed)").format(limit=RESULTS_LIMIT)]
            else:
                parts = [ngettext("{count} encounter", "{count} encounters", count).format(count=count)]
            if people:
                parts.append(ngettext("{count} person", "{count} people", len(people)).format(count=len(people)))
            if opinions:
                parts.append(ngettext("{count} opinion", "{count} opinions", len(opinions)).format(count=len(opinions)))
            header.append("   " + " · ".join(parts), style="dim")
        self.query_one("#search-header", Static).update(header)

    def _fill_other(self, people, opinions) -> None:
        other = self.query_one("#search-other", OptionList)
        other.clear_options()
        for person in people:
            row = Text(_("person").ljust(9), style="dim")
            row.append_text(literal(person.name, style="bold"))
            if person.organisation:
                row.append_text(literal("  " + person.organisation, style="italic"))
            other.add_option(Option(row, id=f"person:{person.id}"))
        for opinion in opinions:
            row = Text(_("opinion").ljust(9), style="dim")
            row.append_text(literal(opinion.subject, style="bold"))
            row.append_text(literal(": " + first_line(opinion.stance)))
            other.add_option(Option(row, id=f"opinion:{opinion.id}"))
        other.display = bool(people or opinions)
        if other.option_count:
            other.highlighted = 0

    @on(Input.Changed, "#search-input")
    def _changed(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one(EncounterList)
        other = self.query_one("#search-other", OptionList)
        (results if results.option_count or not other.option_count else other).focus()

    @on(OptionList.OptionSelected, "#search-other")
    def _open_other(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, record_id = (event.option.id or "").partition(":")
        if kind == "person":
            self.app.open_person(record_id)
        elif kind == "opinion":
            from tui.screens.opinion import OpinionScreen

            self.app.push_screen(OpinionScreen(record_id))

    def on_encounter_list_opened(self, event: EncounterList.Opened) -> None:
        self.app.open_encounter(event.encounter_id)

    def action_back(self) -> None:
        self.app.pop_screen()
