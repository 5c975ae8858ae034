"""Create or edit a group: name, kind, cadence (its next dates shown as you type), place, members, notes."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from journal import clock
from journal.cadence import CadenceError, Schedule, describe_date, parse_cadence
from journal.groups import GroupChange, cadence_unreadable
from journal.i18n import N_, _
from journal.models import suggested_group_kinds
from journal.text import clean, clean_line, split_list
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FIELD_KEYS, FormMessages
from tui.widgets.suggest import FoldedDropdown, FoldedSuggester

# Placeholders say what goes in a field; they never look like an entry (the
# demo has a Freelancers' circle that meets at Café Lua).
# Marked with N_ here, translated in compose (the language may be chosen after import).
_FIELDS = {
    "name": (N_("Name"), N_("what the group is called")),
    "kind": (N_("Kind"), N_("support group, meetup, club, class, team…")),
    "cadence": (N_("Meets"), N_("every tuesday 19:00, every 2 weeks on thu 18h, monthly on the first monday 19h")),
    "place": (N_("Where"), N_("where it usually meets")),
    "setting": (N_("Setting"), N_("cafe, event, online…")),
    "members": (N_("Members"), N_("names, separated by commas")),
}


class GroupEditDialog(FormMessages, ModalScreen[GroupChange | None]):
    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", N_("Save"), id="group_edit.save", tooltip=N_("Save the group (from any field)")),
        Binding("escape", "cancel", N_("Cancel"), id="group_edit.cancel", tooltip=N_("Close; asks first if anything was typed")),
    ]

    def __init__(self, group_id: str | None = None) -> None:
        super().__init__()
        self.group_id = group_id
        self._initial: dict[str, str] = {}

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        store = self.store
        suggesters = {
            "kind": FoldedSuggester(lambda: list(dict.fromkeys([*suggested_group_kinds(), *(g.kind for g in store.groups.all() if g.kind)]))),
            "place": FoldedSuggester(lambda: sorted(store.places())),
            "setting": FoldedSuggester(store.settings),
            "members": FoldedSuggester(lambda: [p.name for p in store.people()], comma_separated=True),
        }
        with Vertical(id="group-edit", classes="dialog"):
            yield Label(_("Edit group") if self.group_id else _("New group"), classes="dialog-title")
            with VerticalScroll(id="form"):
                for field, (label, placeholder) in _FIELDS.items():
                    with Horizontal(classes="field", id=f"row-{field}"):
                        yield Label(_(label), classes="field-label")
                        yield Input(placeholder=_(placeholder), id=field, compact=True, suggester=suggesters.get(field))
                    if field == "cadence":
                        yield Static("", id="cadence-parsed", classes="cadence-parsed")
                    yield Static("", id=f"{field}-error", classes="error")
                with Horizontal(classes="field", id="row-notes"):
                    yield Label(_("Notes"), classes="field-label")
                    yield TextArea(id="notes", compact=True, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
                yield Static("", id="notes-error", classes="error")
            yield Static("", id="form-error", classes="error")
            yield Label(_("ctrl+s save · tab next field · → or enter takes a suggestion · esc cancel · "
                          "Meets also reads Portuguese: toda terça às 19h"), classes="dialog-help")
        # Every match in a drop-down under the cursor, as in quick-add (tui/widgets/suggest.py).
        yield FoldedDropdown("#members", lambda: [p.name for p in store.people()], mode="comma")
        yield FoldedDropdown("#place", lambda: sorted(store.places()))

    def on_mount(self) -> None:
        if self.group_id is not None:
            store = self.store
            group = store.groups.get(self.group_id)
            values = {
                "name": group.name,
                "kind": group.kind,
                # An unreadable cadence shows its text (or rule) so that it can be typed again.
                "cadence": (group.cadence.text or group.cadence.rrule) if group.cadence else "",
                "place": group.place,
                "setting": group.setting,
                "members": ", ".join(store.names([pid for pid in group.members if pid in {p.id for p in store.people()}])),
            }
            for field, value in values.items():
                # Cleaned: inputs draw their value as is (a hand-edited journal may hold control characters).
                self.query_one(f"#{field}", Input).value = clean_line(value)
            self.query_one("#notes", TextArea).text = clean(group.notes)
            if cadence_unreadable(group):
                self.show_error("cadence", _("The cadence in the journal cannot be read; type it again, or clear it."))
        self._initial = self._values()
        self._show_cadence()
        self.query_one("#name", Input).focus()
        self.query_one("#form").can_focus = False

    def _values(self) -> dict[str, str]:
        values = {inp.id: inp.value for inp in self.query(Input)}
        values["notes"] = self.query_one("#notes", TextArea).text
        return values

    # ------------------------------------------------------ live feedback
    @on(Input.Changed, "#cadence")
    def _show_cadence(self) -> None:
        text = self.query_one("#cadence", Input).value
        shown = self.query_one("#cadence-parsed", Static)
        if not text.strip():
            shown.update(Text(_("no cadence: meetings are added by hand"), style="dim"))
            return
        try:
            cadence = parse_cadence(text, clock.today())
        except CadenceError:
            shown.update(Text(_("? not understood yet (ctrl+s says why)"), style="bold red"))
            return
        schedule = Schedule(cadence.rule.text(), cadence.start_text)
        zone = clock.local_zone()
        dates = [describe_date(d.astimezone(zone), schedule.whole_day, year=True) for d in schedule.next_after(clock.now(), 3)]
        shown.update(Text(_("next: {dates}").format(dates="  ·  ".join(dates)), style="green"))
        self.show_error("cadence", "")

    # --------------------------------------------------------------- save
    def action_save(self) -> None:
        self.clear_errors()
        values = self._values()
        fields = dict(
            name=values["name"], kind=values["kind"], place=values["place"], setting=values["setting"],
            members=split_list(values["members"]), notes=values["notes"], cadence_text=values["cadence"],
        )
        groups = self.store.groups
        if self.group_id is None:
            name = fields.pop("name")
            change = self.save_or_show(lambda: groups.add(name, **fields))
        else:
            change = self.save_or_show(lambda: groups.update(self.group_id, **fields))
        if change is not None:
            self.dismiss(change)

    def action_cancel(self) -> None:
        if self._values() == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = _("Discard your changes?") if self.group_id else _("Discard this group?")
        self.app.push_screen(ConfirmDialog(question, yes=_("Discard"), no=_("Keep editing")), answered)
