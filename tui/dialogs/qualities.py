"""Edit my qualities: what I want people to know I do well, one per line (issue 18)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from journal.i18n import N_, _
from journal.text import clean_line
from tui.dialogs.form import FIELD_KEYS, FormMessages


class QualitiesDialog(FormMessages, ModalScreen[bool]):
    """Dismisses with True once saved, False when cancelled."""

    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", N_("Save"), id="qualities.save", tooltip=N_("Save your qualities")),
        Binding("escape", "cancel", N_("Cancel"), id="qualities.cancel", tooltip=N_("Close without saving")),
    ]

    def __init__(self, qualities: list[str]) -> None:
        super().__init__()
        self._qualities = list(qualities)

    def compose(self) -> ComposeResult:
        with Vertical(id="qualities-edit", classes="dialog"):
            yield Label(_("Your qualities"), classes="dialog-title")
            yield Label(_("What you want people to know you do well, one per line. Telling it is not bragging."),
                        classes="dialog-help")
            yield TextArea(id="qualities", compact=True, soft_wrap=True)
            yield Static("", id="qualities-error", classes="error")
            yield Static("", id="form-error", classes="error")
            yield Label(_("ctrl+s save · esc cancel"), classes="dialog-help")

    def on_mount(self) -> None:
        area = self.query_one("#qualities", TextArea)
        area.text = "\n".join(clean_line(q) for q in self._qualities)
        area.focus()

    def _typed(self) -> list[str]:
        return [line for line in self.query_one("#qualities", TextArea).text.split("\n") if line.strip()]

    def action_save(self) -> None:
        self.clear_errors()
        if self.save_or_show(lambda: self.app.store.set_qualities(self._typed())) is not None:
            self.dismiss(True)

    def action_cancel(self) -> None:
        if self._typed() != [clean_line(q) for q in self._qualities]:
            from tui.dialogs.confirm import ConfirmDialog

            self.app.push_screen(ConfirmDialog(_("Discard the changes to your qualities?")),
                                 lambda discard: self.dismiss(False) if discard else None)
            return
        self.dismiss(False)
