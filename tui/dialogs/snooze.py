"""Snooze a follow-up to a typed day; the day understood is shown before saving.

The dialog saves through the store itself (journal.agenda.snooze), so that a
date it cannot read, or one in the past, is said under the field with the
date it understood, and nothing typed is lost; it dismisses with the
encounter as it was before, for the undo, once the new date is on disk.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from journal import clock
from journal.agenda import long_day, snooze
from journal.dates import DateParseError, parse_due
from journal.i18n import N_, _
from journal.models import Encounter
from tui.dialogs.form import FIELD_KEYS, FormMessages
from tui.widgets.literal import literal


class SnoozeDialog(FormMessages, ModalScreen[Encounter | None]):
    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", N_("Snooze"), id="snooze.save", tooltip=N_("Move the follow-up to that day")),
        Binding("escape", "cancel", N_("Cancel"), id="snooze.cancel", tooltip=N_("Close without changing the date")),
    ]

    def __init__(self, encounter: Encounter) -> None:
        super().__init__()
        self._encounter = encounter

    def compose(self) -> ComposeResult:
        follow = self._encounter.follow_up
        with Vertical(id="snooze", classes="dialog"):
            yield Label(_("Snooze the follow-up"), classes="dialog-title")
            yield Static(literal(follow.text), id="snooze-text")
            if follow.due:
                yield Static(Text(_("Due now: {day}").format(day=long_day(follow.due)), style="dim"), id="snooze-current")
            with Horizontal(classes="field", id="row-due"):
                yield Label(_("Until"), classes="field-label")
                yield Input(placeholder=_("fri, next week, in 3 days, 2026-12-01"), id="due", compact=True)
                yield Static("", id="due-parsed", classes="parsed")
            yield Static("", id="due-error", classes="error")
            yield Static("", id="form-error", classes="error")
            yield Label(_("enter or ctrl+s snoozes · esc cancels"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#due", Input).focus()

    def _understood(self):
        """(the date understood or None, the error message or '')."""
        text = self.query_one("#due", Input).value
        if not text.strip():
            return None, _("Type the day to snooze to: fri, next week, in 3 days, 2026-12-01.")
        try:
            return parse_due(text, clock.today()), ""
        except DateParseError as exc:
            return None, str(exc)

    @on(Input.Changed, "#due")
    def _changed(self) -> None:
        self.show_error("due", "")  # an error clears as soon as the field is edited
        shown = self.query_one("#due-parsed", Static)
        day, _problem = self._understood()
        if day is None:
            text = self.query_one("#due", Input).value
            shown.update(Text("?", style="bold red") if text.strip() else "")
        elif day < clock.today():
            shown.update(Text(_("{day} (in the past)").format(day=long_day(day)), style="bold red"))
        else:
            shown.update(Text(long_day(day), style="green"))

    @on(Input.Submitted, "#due")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.clear_errors()
        day, problem = self._understood()
        if day is None:
            self.show_error("due", problem)
            return
        typed = self.query_one("#due", Input).value
        before = self._encounter
        saved = self.save_or_show(lambda: snooze(self.app.store, before.id, day, clock.today(), typed=typed))
        if saved is not None:
            self.dismiss(before)

    def action_cancel(self) -> None:
        self.dismiss(None)
