"""What the form dialogs share: a message line under each field, and saving through them."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.widgets import Static

from journal.errors import JournalError, ValidationError
from tui.widgets.literal import literal

T = TypeVar("T")


class FormMessages:
    """For a ModalScreen whose fields each have a `#<field>-error` Static, plus `#form-error`."""

    def show_error(self, field: str, message: str) -> None:
        if not self.query(f"#{field}-error"):
            field = "form"
        target = self.query_one(f"#{field}-error", Static)
        target.update(literal(message))
        target.display = bool(message)

    def clear_errors(self) -> None:
        for error in self.query(".error"):
            error.update("")
            error.display = False

    def save_or_show(self, save: Callable[[], T]) -> T | None:
        """Run a store call; on failure say why in place and return None.

        A ValidationError goes under the field it names; anything else the
        journal reports (a full disk, a lock held too long) goes on the form's
        own line. Nothing typed is touched either way.
        """
        try:
            return save()
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
        except JournalError as exc:
            self.show_error("form", f"Not saved: {exc}")
        return None
