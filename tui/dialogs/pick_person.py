"""Pick one person from a filtered list; dismisses with their id or None."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from journal.i18n import N_, _
from journal.names import fold
from tui.widgets.literal import literal


class PickPersonDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="pick_person.cancel", tooltip=N_("Close without choosing"))]

    def __init__(self, title: str, exclude: str | None = None) -> None:
        super().__init__()
        self._title = title
        self._exclude = exclude

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-person", classes="dialog"):
            yield Label(literal(self._title), classes="dialog-title")
            yield Input(placeholder=_("type a name"), id="pick-filter", compact=True)
            yield OptionList(id="pick-list")
            yield Label(_("enter picks · esc cancels"), classes="dialog-help")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#pick-filter", Input).focus()

    def _fill(self, typed: str) -> None:
        key = fold(typed)
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        people = sorted(self.app.store.people(), key=lambda p: fold(p.name))
        options.add_options(
            Option(literal(p.name + (f"  ({p.organisation})" if p.organisation else "")), id=p.id)
            for p in people
            if p.id != self._exclude and key in fold(" ".join([p.name, *p.aliases]))
        )
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#pick-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_key(self, event) -> None:
        # Up/down move the list while typing in the filter.
        options = self.query_one("#pick-list", OptionList)
        if event.key in ("down", "up") and self.focused is self.query_one("#pick-filter"):
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
