"""The latency floor: a bare Textual app with two modes, an Input and a list.

benchmarks/latency.py times it exactly as it times netjournal, in the same
run, so that each netjournal row has the cost of Textual itself beside it:
- start: the first mode's title and its list drawn;
- t / p: switch between the two modes (each a Label and an OptionList);
- enter: push a screen (a title and a few lines), escape pops it;
- /: a screen with an Input; every change refills a list under it;
- a: a notification, as a save shows one.

Run: python benchmarks/floor_app.py
"""
from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList

ITEMS = 200


class ListMode(Screen):
    def __init__(self, name: str) -> None:
        super().__init__()
        self._title = name

    def compose(self) -> ComposeResult:
        yield Label(f"Floor {self._title}", id="title")
        yield OptionList(*(f"{self._title} item {n:03}" for n in range(ITEMS)))
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(Detail(str(event.option.prompt)))


class Detail(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, subject: str) -> None:
        super().__init__()
        self._subject = subject

    def compose(self) -> ComposeResult:
        yield Label(f"Detail of {self._subject}")
        for n in range(10):
            yield Label(f"Line {n} about {self._subject}")
        yield Footer()


class SearchFloor(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Label("Floor search", id="title")
        yield Input(id="query")
        yield OptionList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        results = self.query_one(OptionList)
        results.clear_options()
        if event.value:
            results.add_options([f"Result {n} for {event.value}" for n in range(20)])


class Floor(App):
    CSS = "OptionList { height: 1fr; }"
    MODES = {"one": lambda: ListMode("one"), "two": lambda: ListMode("two")}
    DEFAULT_MODE = "one"
    BINDINGS = [
        Binding("t", "switch_mode('one')", "One"),
        Binding("p", "switch_mode('two')", "Two"),
        Binding("slash", "search", "Search"),
        Binding("a", "saved", "Notify"),
        Binding("q", "quit", "Quit"),
    ]

    def action_search(self) -> None:
        self.push_screen(SearchFloor())

    def action_saved(self) -> None:
        self.notify("Floor saved the encounter.", title="Saved")


if __name__ == "__main__":
    Floor().run()
