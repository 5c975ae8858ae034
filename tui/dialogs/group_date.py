"""Cancel one meeting of a group's cadence, or move it (an EXDATE, and an RDATE)."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from journal import clock
from journal.cadence import describe_date, parse_day_and_time
from journal.dates import DateParseError
from journal.groups import GroupChange, schedule_of
from journal.i18n import N_, _
from tui.dialogs.form import FIELD_KEYS, FormMessages
from tui.widgets.literal import literal


class GroupDateDialog(FormMessages, ModalScreen[GroupChange | None]):
    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", N_("Save"), id="group_date.save", tooltip=N_("Cancel or move the meeting")),
        Binding("escape", "cancel", N_("Close"), id="group_date.cancel", tooltip=N_("Close without changing anything")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        group = self.app.store.groups.get(self.group_id)
        with Vertical(id="group-date", classes="dialog"):
            yield Label(literal(_("Cancel or move one meeting of {group}").format(group=group.name)), classes="dialog-title")
            for field, label, placeholder in (
                ("date", _("Meeting of"), _("the date it was due: tue, 2026-12-01")),
                ("to", _("Move to"), _("empty cancels it; or a day and time: wed 20:00")),
            ):
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(placeholder=placeholder, id=field, compact=True)
                    yield Static("", id=f"{field}-parsed", classes="parsed")
                yield Static("", id=f"{field}-error", classes="error")
            yield Static("", id="form-error", classes="error")
            yield Label(_("ctrl+s save · esc close"), classes="dialog-help")

    def on_mount(self) -> None:
        schedule = schedule_of(self.app.store.groups.get(self.group_id))
        upcoming = schedule.next_after(clock.now(), 1) if schedule else []
        if upcoming:
            self.query_one("#date", Input).value = upcoming[0].strftime("%Y-%m-%d")
        self.query_one("#date", Input).focus()

    # -------------------------------------------------------------- reading
    def _occurrence(self) -> datetime | None:
        """The meeting on the typed day (aware), or None with a message under Meeting of."""
        schedule = schedule_of(self.app.store.groups.get(self.group_id))
        text = self.query_one("#date", Input).value
        try:
            day, _at = parse_day_and_time(text, clock.today())
        except DateParseError as exc:
            self.show_error("date", str(exc))
            return None
        start = datetime.combine(day, time())
        found = schedule.between(start, start + timedelta(days=1))
        if not found:
            self.show_error("date", _("The group does not meet on {day}.").format(day=describe_date(start, True, year=True)))
            return None
        return found[0]

    def _target(self, meeting: datetime) -> datetime | None:
        text = self.query_one("#to", Input).value
        try:
            day, at = parse_day_and_time(text, clock.today())
        except DateParseError as exc:
            self.show_error("to", str(exc))
            return None
        local = meeting.astimezone(clock.local_zone())
        return datetime.combine(day, at or local.time())

    @on(Input.Changed)
    def _live(self, event: Input.Changed) -> None:
        field = event.input.id
        shown = self.query_one(f"#{field}-parsed", Static)
        if not event.value.strip():
            shown.update(Text(_("cancel it"), style="dim") if field == "to" else "")
            return
        try:
            day, at = parse_day_and_time(event.value, clock.today())
        except DateParseError:
            shown.update(Text("?", style="bold red"))
            return
        shown.update(Text(describe_date(datetime.combine(day, at or time()), at is None, year=True), style="green"))
        self.show_error(field, "")

    # ---------------------------------------------------------------- save
    def action_save(self) -> None:
        self.clear_errors()
        meeting = self._occurrence()
        if meeting is None:
            return
        groups = self.app.store.groups
        whole = schedule_of(groups.get(self.group_id)).whole_day
        day = describe_date(meeting.astimezone(clock.local_zone()), whole)
        if self.query_one("#to", Input).value.strip():
            target = self._target(meeting)
            if target is None:
                return
            change = self.save_or_show(lambda: groups.move_date(self.group_id, meeting, target))
            message = _("The meeting of {day} moves to {to}. ctrl+z undoes it.").format(day=day, to=describe_date(target, whole))
        else:
            change = self.save_or_show(lambda: groups.cancel_date(self.group_id, meeting))
            message = _("The meeting of {day} is cancelled. ctrl+z undoes it.").format(day=day)
        if change is not None:
            self.app.notify(message, title=_("Saved"))
            self.dismiss(change)

    def action_cancel(self) -> None:
        self.dismiss(None)
