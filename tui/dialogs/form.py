"""What the form dialogs share: a message under each field, saving through
them, and asking before unsaved changes are dropped.

Every problem is shown at once, under its own field, and focus goes to the
first field in error; a field's message goes as soon as that field is edited.

Tab and shift+tab move between fields as the key arrives (priority bindings,
FIELD_KEYS): handled by the field instead, the move waited behind the field's
own work (closing a drop-down, a redraw), and the letters typed right after tab
went into the field being left.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.binding import Binding
from textual.widgets import Input, Select, Static, TextArea

from journal.errors import JournalError, ValidationError, ValidationErrors
from journal.i18n import N_, _
from tui.widgets.literal import literal
from tui.widgets.suggest import FoldedDropdown

T = TypeVar("T")

FIELD_KEYS = [
    Binding("tab", "next_field", N_("Next field"), show=False, priority=True),
    Binding("shift+tab", "previous_field", N_("Previous field"), show=False, priority=True),
]


class FormMessages:
    """For a ModalScreen whose fields each have a `#<field>-error` Static, plus `#form-error`.

    Its BINDINGS include FIELD_KEYS (a mixin's own BINDINGS are not read by Textual).
    """

    def _close_drop_downs(self) -> None:
        for dropdown in self.query(FoldedDropdown):
            dropdown.action_hide()

    def action_next_field(self) -> None:
        self._close_drop_downs()  # tab keeps what was typed (tui/widgets/suggest.py)
        self.focus_next()

    def action_previous_field(self) -> None:
        self._close_drop_downs()
        self.focus_previous()

    def show_error(self, field: str, message: str) -> None:
        if not self.query(f"#{field}-error"):
            field = "form"
        target = self.query_one(f"#{field}-error", Static)
        target.update(literal(message))
        target.display = bool(message)
        self._remember_shown(field)

    def _remember_shown(self, field: str) -> None:
        # What the field held when its message was shown: a Changed event with
        # the same value (a form filling itself in on mount) is not an edit.
        widgets = self.query(f"#{field}")
        if not hasattr(self, "_shown_for"):
            self._shown_for: dict[str, str] = {}
        if widgets:
            widget = widgets.first()
            self._shown_for[field] = getattr(widget, "value", getattr(widget, "text", None))

    def show_errors(self, errors: list[ValidationError]) -> None:
        """Show each error under its field, then focus the first field in error."""
        messages: dict[str, list[str]] = {}  # two problems with one field (two ambiguous names): both
        for error in errors:
            field = error.field if self.query(f"#{error.field}-error") else "form"
            messages.setdefault(field, []).append(error.message)
        for field, lines in messages.items():
            target = self.query_one(f"#{field}-error", Static)
            target.update(literal("\n".join(lines)))
            target.display = True
            self._remember_shown(field)
        self.focus_first_error()

    def focus_first_error(self) -> None:
        for error in self.query(".error"):
            if not error.display or not error.id:
                continue
            field = error.id.removesuffix("-error")
            widgets = self.query(f"#{field}")
            if widgets:
                widgets.first().focus()
                return

    def clear_errors(self) -> None:
        for error in self.query(".error"):
            error.update("")
            error.display = False

    def _clear_field_error(self, field: str | None, value: str) -> None:
        if not field or field == "form" or not self.query(f"#{field}-error"):
            return
        if getattr(self, "_shown_for", {}).get(field) == value:
            return  # not edited since the message was shown
        error = self.query_one(f"#{field}-error", Static)
        if error.display:
            error.update("")
            error.display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        self._clear_field_error(event.input.id, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._clear_field_error(event.text_area.id, event.text_area.text)

    def save_or_show(self, save: Callable[[], T]) -> T | None:
        """Run a store call; on failure say why in place and return None.

        A ValidationError goes under the field it names (all of them, for
        ValidationErrors); anything else the journal reports (a full disk, a
        lock held too long) goes on the form's own line. Nothing typed is
        touched either way.
        """
        try:
            return save()
        except ValidationErrors as exc:
            self.show_errors(exc.errors)
        except ValidationError as exc:
            self.show_errors([exc])
        except JournalError as exc:
            self.show_error("form", _("Not saved: {problem}").format(problem=exc))
        return None

    # ------------------------------------------------- unsaved changes
    def form_values(self) -> dict[str, object]:
        """What every field holds now (compared to tell whether anything changed)."""
        values: dict[str, object] = {}
        for widget in self.query("Input, TextArea, Select"):
            if isinstance(widget, TextArea):
                values[widget.id] = widget.text
            elif isinstance(widget, (Input, Select)):
                values[widget.id] = widget.value
        return values

    def remember_values(self) -> None:
        """Call once the fields are filled in: escape then closes at once unless something changed."""
        self._values_at_start = self.form_values()

    def close_asking(self, result: object, what: str) -> None:
        """Close with `result`, asking first when a field changed since remember_values."""
        if self.form_values() == getattr(self, "_values_at_start", None):
            self.dismiss(result)
            return
        from tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(result)

        self.app.push_screen(ConfirmDialog(what, yes=_("Discard"), no=_("Keep editing")), answered)
