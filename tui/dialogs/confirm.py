"""A yes/no question that returns its answer through dismiss()."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from journal.i18n import N_, _
from tui.widgets.literal import literal


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "answer(False)", N_("No"), id="confirm.no", tooltip=N_("Close without doing it")),
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes", tooltip=N_("Confirm")),
        Binding("n", "answer(False)", N_("No"), id="confirm.no_key", show=False, tooltip=N_("Close without doing it")),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self._question = question
        self._yes = _("Yes") if yes is None else yes
        self._no = _("No") if no is None else no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            # The question may quote user text (a name, a subject): never markup.
            yield Label(literal(self._question), id="question")
            with Horizontal(classes="buttons"):
                yield Button(self._yes, variant="error", id="yes")
                yield Button(self._no, variant="primary", id="no")
            yield Label(_("y: {yes} · n or esc: {no}").format(yes=self._yes, no=self._no), classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
