"""Note an opinion, or revise one: subject, stance, confidence, and the encounter behind it."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from journal.i18n import N_, _
from journal.models import CONFIDENCES, Opinion
from journal.queries import one_line
from journal.text import clean, clean_line
from tui.dialogs.form import FIELD_KEYS, FormMessages
from tui.widgets.literal import literal
from tui.widgets.suggest import FoldedDropdown, FoldedSuggester

# The stored value stays the English word (docs/journal-format.md); only the label shown is translated.
_CONFIDENCE_LABELS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}


class OpinionDialog(FormMessages, ModalScreen[tuple[Opinion, str] | None]):
    """Dismisses with (opinion, "formed" | "revised" | "unchanged") once saved."""

    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", N_("Save"), id="opinion_edit.save", tooltip=N_("Save the opinion")),
        Binding("escape", "cancel", N_("Cancel"), id="opinion_edit.cancel", tooltip=N_("Close without saving")),
    ]

    def __init__(self, opinion: Opinion | None = None, encounter_id: str | None = None) -> None:
        super().__init__()
        self._opinion = opinion
        self._encounter_id = encounter_id

    def compose(self) -> ComposeResult:
        store = self.app.store
        title = _("Revise opinion") if self._opinion else _("Note an opinion")
        with Vertical(id="opinion-edit", classes="dialog"):
            yield Label(title, classes="dialog-title")
            if self._encounter_id:
                encounter = store.encounter(self._encounter_id)
                yield Label(literal(_("From: {encounter}").format(encounter=one_line(encounter, store.names(encounter.people)))), classes="dialog-help")
            with Horizontal(classes="field"):
                yield Label(_("Subject"), classes="field-label")
                yield Input(
                    placeholder=_("what it is about: a place, an idea, a way of working"),
                    id="subject",
                    compact=True,
                    suggester=FoldedSuggester(lambda: [o.subject for o in store.opinions.all()]),
                    disabled=self._opinion is not None,
                )
            yield Static("", id="subject-error", classes="error")
            with Horizontal(classes="field", id="row-stance"):
                yield Label(_("Stance"), classes="field-label")
                yield TextArea(id="stance", compact=True, soft_wrap=True, tab_behavior="focus")
            yield Static("", id="stance-error", classes="error")
            with Horizontal(classes="field"):
                yield Label(_("Confidence"), classes="field-label")
                yield Select([(_(_CONFIDENCE_LABELS.get(c, c)), c) for c in CONFIDENCES], value="medium", allow_blank=False, id="confidence", compact=True)
            yield Static("", id="confidence-error", classes="error")
            yield Static("", id="form-error", classes="error")
            yield Label(_("ctrl+s save · esc cancel · a revision keeps the previous stance in the history"), classes="dialog-help")
        if self._opinion is None:
            yield FoldedDropdown("#subject", lambda: [o.subject for o in store.opinions.all()])

    def on_mount(self) -> None:
        if self._opinion is not None:
            # Cleaned: inputs draw their value as is (a hand-edited journal may hold control characters).
            self.query_one("#subject", Input).value = clean_line(self._opinion.subject)
            self.query_one("#stance", TextArea).text = clean(self._opinion.stance)
            self.query_one("#confidence", Select).value = self._opinion.confidence
            self.query_one("#stance", TextArea).focus()
        else:
            self.query_one("#subject", Input).focus()
        self.remember_values()

    def action_save(self) -> None:
        self.clear_errors()
        result = self.save_or_show(
            lambda: self.app.store.opinions.note_outcome(
                self.query_one("#subject", Input).value,
                self.query_one("#stance", TextArea).text,
                self.query_one("#confidence", Select).value,
                encounter_id=self._encounter_id,
            )
        )
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.close_asking(None, _("Discard your changes to this opinion?") if self._opinion else _("Discard this opinion?"))
