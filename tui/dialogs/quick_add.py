"""Quick-add: the form for a new encounter, also used to edit one.

The dialog validates and saves through the app's store itself, so that a bad
date or a failed save is shown under the field while everything typed stays
in place; it dismisses with the SaveResult only once the encounter is on disk.
"""
from __future__ import annotations


from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from journal import clock
from journal.dates import DateParseError, parse_due, parse_when
from journal.errors import JournalError, ValidationError
from journal.models import Encounter, EncounterDraft
from journal.names import fold
from journal.opinions import parse_opinion_field
from journal.store import SaveResult
from journal.text import clean, clean_line, split_list
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormMessages
from tui.widgets.suggest import FoldedSuggester

# (field id, label, placeholder) for the one-line fields, in tab order.
_LINE_FIELDS = {
    "who": ("Who", "Ana Souza, Bruno"),
    "place": ("Where", "Padaria Real"),
    "setting": ("Setting", "bakery, restaurant, cafe, event, work, online…"),
}
_EXTRA_FIELDS = {
    "when": ("When", "now, yesterday 18:30, last fri, 2h ago"),
    "gave": ("Gave", "what you offered: help, information, an introduction"),
    "asked": ("Asked", "favours you asked"),
    "learned": ("Learned", "information you received"),
    "follow_up": ("Follow-up", "something to do next"),
    "due": ("Due", "fri, next week, 2026-12-01"),
    "opinion": ("Opinion", "subject: what you think now (links this conversation)"),
}


class QuickAddDialog(FormMessages, ModalScreen[SaveResult | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="quick_add.save", priority=True, tooltip="Save the encounter (from any field)"),
        Binding("escape", "cancel", "Cancel", id="quick_add.cancel", tooltip="Close; asks first if anything was typed"),
    ]

    def __init__(self, encounter: Encounter | None = None) -> None:
        super().__init__()
        self._editing = encounter
        self._initial: dict[str, str] = {}
        self._early: list[str] = []  # keys typed before Who existed: see take_early_key

    @property
    def takes_early_keys(self) -> bool:
        # Adding only: an edit starts from a filled form, where a stray key
        # would change a name.
        return self._editing is None

    def take_early_key(self, character: str) -> None:
        """A key typed right after the hotkey that reached the app instead of a field: it goes to Who."""
        if not self.is_mounted:
            self._early.append(character)
            return
        self._type_into_who(character)

    def _type_into_who(self, text: str) -> None:
        who = self.query_one("#who", Input)
        # Its focus may land after this text: selecting everything then, as an
        # input does on focus, would let the next key replace the name.
        who.select_on_focus = False
        who.insert_text_at_cursor(text)
        who.focus()

    @property
    def store(self):
        return self.app.store

    # ------------------------------------------------------------ layout
    def _row(self, field: str, label: str, placeholder: str, suggester=None) -> ComposeResult:
        with Horizontal(classes="field", id=f"row-{field}"):
            yield Label(label, classes="field-label")
            yield Input(placeholder=placeholder, id=field, compact=True, suggester=suggester)
            if field in ("when", "due"):
                yield Static("", id=f"{field}-parsed", classes="parsed")
        yield Static("", id=f"{field}-error", classes="error")

    def compose(self) -> ComposeResult:
        store = self.store
        title = "Edit encounter" if self._editing else "Add an encounter"
        with Vertical(id="quick-add", classes="dialog"):
            yield Label(title, classes="dialog-title")
            with VerticalScroll(id="form"):
                people = lambda: [p.name for p in store.people()]  # noqa: E731
                suggesters = {
                    "who": FoldedSuggester(people, comma_separated=True),
                    "place": FoldedSuggester(lambda: sorted(store.places())),
                    "setting": FoldedSuggester(store.settings),
                }
                for field, (label, placeholder) in _LINE_FIELDS.items():
                    yield from self._row(field, label, placeholder, suggesters[field])
                with Horizontal(classes="field", id="row-notes"):
                    yield Label("Talked about", classes="field-label")
                    yield TextArea(id="notes", compact=True, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
                yield Static("", id="notes-error", classes="error")
                for field, (label, placeholder) in _EXTRA_FIELDS.items():
                    yield from self._row(field, label, placeholder)
            yield Static("", id="form-error", classes="error")
            yield Label("ctrl+s save · tab next field · → accepts a suggestion · esc cancel · #hashtags become topics", classes="dialog-help")

    def on_mount(self) -> None:
        values = {"when": "now"}
        encounter = self._editing
        if encounter is not None:
            follow = encounter.follow_up
            values = {
                "who": ", ".join(self.store.names(encounter.people)),
                "place": encounter.place,
                "setting": encounter.setting,
                "notes": encounter.notes,
                "when": encounter.when.astimezone(clock.local_zone()).strftime("%Y-%m-%d %H:%M"),
                "gave": encounter.gave,
                "asked": encounter.asked,
                "learned": encounter.learned,
                "follow_up": follow.text if follow else "",
                "due": follow.due.isoformat() if follow and follow.due else "",
            }
        for field, value in values.items():
            self._set(field, value)
        self._initial = self._values()
        self._show_parsed("when")
        self._show_parsed("due")
        self.query_one("#who", Input).focus()
        if self._early:
            self._type_into_who("".join(self._early))
            self._early.clear()
        # On a short terminal the form scrolls; tab should go field to field, not
        # stop on the scrolling container (focusing a field scrolls it into view).
        self.query_one("#form").can_focus = False

    # ------------------------------------------------------------ values
    def _set(self, field: str, value: str) -> None:
        # A journal edited by hand may hold control characters; inputs draw
        # their value as is, so clean it before it can reach the terminal.
        if field == "notes":
            self.query_one("#notes", TextArea).text = clean(value)
        else:
            self.query_one(f"#{field}", Input).value = clean_line(value)

    def _values(self) -> dict[str, str]:
        values = {inp.id: inp.value for inp in self.query(Input)}
        values["notes"] = self.query_one("#notes", TextArea).text
        return values

    # ------------------------------------------------------ live feedback
    def _show_parsed(self, field: str) -> None:
        text = self.query_one(f"#{field}", Input).value
        shown = self.query_one(f"#{field}-parsed", Static)
        if not text.strip():
            shown.update("")
            return
        try:
            if field == "when":
                value = parse_when(text, clock.now())
                shown.update(Text(value.strftime("%a %d %b %Y %H:%M"), style="green"))
            else:
                value = parse_due(text, clock.today())
                shown.update(Text(value.strftime("%a %d %b %Y"), style="green"))
            self.show_error(field, "")
        except DateParseError:
            shown.update(Text("?", style="bold red"))

    @on(Input.Changed, "#when")
    @on(Input.Changed, "#due")
    def _date_changed(self, event: Input.Changed) -> None:
        self._show_parsed(event.input.id)

    @on(Input.Changed, "#place")
    def _place_changed(self, event: Input.Changed) -> None:
        # A known place brings its usual setting, unless one was typed already.
        setting = self.query_one("#setting", Input)
        if setting.value.strip():
            return
        key = fold(event.value)
        for place, usual in self.store.places().items():
            if fold(place) == key and usual:
                setting.value = usual
                return

    # ------------------------------------------------------------- save
    def _draft(self) -> EncounterDraft | None:
        values = self._values()
        ok = True
        try:
            when = parse_when(values["when"] or "now", clock.now())
        except DateParseError as exc:
            self.show_error("when", str(exc))
            ok = False
        due = None
        if values["due"].strip():
            try:
                due = parse_due(values["due"], clock.today())
            except DateParseError as exc:
                self.show_error("due", str(exc))
                ok = False
        if not ok:
            return None
        return EncounterDraft(
            when=when,
            who=split_list(values["who"]),
            place=values["place"],
            setting=values["setting"],
            notes=values["notes"],
            learned=values["learned"],
            gave=values["gave"],
            asked=values["asked"],
            follow_up=values["follow_up"],
            due=due,
        )

    def action_save(self) -> None:
        self.clear_errors()
        draft = self._draft()
        if draft is None:
            return
        try:
            opinion = parse_opinion_field(self.query_one("#opinion", Input).value)
        except ValidationError as exc:
            self.show_error("opinion", exc.message)
            return
        if self._editing is not None:
            result = self.save_or_show(lambda: self.store.update_encounter(self._editing.id, draft))
        else:
            result = self.save_or_show(lambda: self.store.add_encounter(draft))
        if result is None:
            return
        if opinion is not None:
            subject, stance = opinion
            try:
                # Kept on the result, so that ctrl+z takes the opinion back too.
                result.opinion_before = self.store.opinions.find(subject)
                result.opinion_id = self.store.opinions.note(subject, stance, encounter_id=result.encounter.id).id
            except JournalError as exc:
                # The encounter is saved; say so rather than lose the opinion silently.
                self.app.notify(f"Encounter saved, but the opinion was not: {exc}", severity="error", markup=False)
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self._values() == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        what = "your changes" if self._editing else "this encounter"
        self.app.push_screen(ConfirmDialog(f"Discard {what}?", yes="Discard", no="Keep editing"), answered)
