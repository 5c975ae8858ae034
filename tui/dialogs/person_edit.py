"""Edit a person: name, aliases, organisation, contacts, interests, introduced by, cadence, notes."""
from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from journal.errors import ValidationError
from journal.i18n import N_, _
from journal.text import clean, clean_line, split_list
from tui.dialogs.form import FIELD_KEYS, FormMessages
from tui.widgets.suggest import FoldedDropdown, FoldedSuggester

# Marked with N_ here, translated in compose (the language may be chosen after import).
_FIELDS = {
    "name": (N_("Name"), ""),
    "aliases": (N_("Also known as"), N_("comma-separated")),
    "organisation": (N_("Organisation"), ""),
    "interests": (N_("Interests"), N_("what they care about, comma-separated")),
    "emails": (N_("Emails"), N_("comma-separated: ana@example.com")),
    "phones": (N_("Phones"), N_("comma-separated: +33 6 12 34 56 78")),
    "links": (N_("Links"), N_("profile pages, comma-separated")),
    "introduced_by": (N_("Introduced by"), N_("a name from the journal")),
    "keep_in_touch_days": (N_("Keep in touch"), N_("every N days (empty: no cadence)")),
}


class PersonEditDialog(FormMessages, ModalScreen[bool]):
    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", N_("Save"), id="person_edit.save", tooltip=N_("Save the person")),
        Binding("escape", "cancel", N_("Cancel"), id="person_edit.cancel", tooltip=N_("Close without saving")),
    ]

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id

    def compose(self) -> ComposeResult:
        store = self.app.store
        with Vertical(id="person-edit", classes="dialog"):
            yield Label(_("Edit person"), classes="dialog-title")
            with VerticalScroll(id="form"):
                for field, (label, placeholder) in _FIELDS.items():
                    suggester = None
                    if field == "introduced_by":
                        suggester = FoldedSuggester(lambda: [p.name for p in store.people() if p.id != self.person_id])
                    with Horizontal(classes="field"):
                        yield Label(_(label), classes="field-label")
                        yield Input(placeholder=_(placeholder) if placeholder else "", id=field, compact=True, suggester=suggester)
                    yield Static("", id=f"{field}-error", classes="error")
                with Horizontal(classes="field", id="row-notes"):
                    yield Label(_("Notes"), classes="field-label")
                    yield TextArea(id="notes", compact=True, soft_wrap=True, tab_behavior="focus")
                yield Static("", id="notes-error", classes="error")
            yield Static("", id="form-error", classes="error")
            yield Label(_("ctrl+s save · esc cancel · → or enter takes a suggestion"), classes="dialog-help")
        yield FoldedDropdown("#introduced_by", lambda: [p.name for p in store.people() if p.id != self.person_id])

    def on_mount(self) -> None:
        # The label column fits the longest label of the language ("Quem apresentou"
        # would wrap in the 13 cells that fit "Also known as"); never narrower than the stylesheet's.
        labels = list(self.query(".field-label").results(Label))
        widest = max(cell_len(_(label)) for label, _placeholder in [*_FIELDS.values(), (N_("Notes"), "")]) + 1  # + its padding
        if widest > labels[0].styles.width.value:
            for label in labels:
                label.styles.width = widest
        store = self.app.store
        person = store.person(self.person_id)
        introducer = store.person(person.introduced_by).name if person.introduced_by in {p.id for p in store.people()} else ""
        values = {
            "name": person.name,
            "aliases": ", ".join(person.aliases),
            "organisation": person.organisation,
            "emails": ", ".join(person.emails),
            "phones": ", ".join(person.phones),
            "links": ", ".join(person.links),
            "interests": ", ".join(person.interests),
            "introduced_by": introducer,
            "keep_in_touch_days": str(person.keep_in_touch_days or ""),
        }
        for field, value in values.items():
            # Cleaned: inputs draw their value as is (a hand-edited journal may hold control characters).
            self.query_one(f"#{field}", Input).value = clean_line(value)
        self.query_one("#notes", TextArea).text = clean(person.notes)
        for error in self.query(".error"):
            error.display = False
        self.remember_values()
        self.query_one("#name", Input).focus()
        # On a short terminal the form scrolls; tab should go field to field, not
        # stop on the scrolling container (focusing a field scrolls it into view).
        self.query_one("#form").can_focus = False

    def action_save(self) -> None:
        store = self.app.store
        self.clear_errors()
        value = lambda field: self.query_one(f"#{field}", Input).value  # noqa: E731
        # What the form reads itself (a number, a name to look up); a field it
        # cannot read is left out of the store's check, not dropped silently.
        errors: list[ValidationError] = []
        fields: dict[str, object] = {
            "name": value("name"),
            "aliases": split_list(value("aliases")),
            "organisation": value("organisation"),
            "interests": split_list(value("interests")),
            "emails": split_list(value("emails")),
            "phones": split_list(value("phones")),
            "links": split_list(value("links")),
            "notes": self.query_one("#notes", TextArea).text,
        }
        cadence_text = value("keep_in_touch_days").strip()
        if not cadence_text:
            fields["keep_in_touch_days"] = None
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        elif not cadence_text.isdecimal() or int(cadence_text) <= 0:
            errors.append(ValidationError("keep_in_touch_days", _("Type a number of days above 0, or leave it empty.")))
        else:
            fields["keep_in_touch_days"] = int(cadence_text)
        introducer_name = value("introduced_by").strip()
        if not introducer_name:
            fields["introduced_by"] = None
        else:
            found = store.match_person(introducer_name)
            if found.is_new:
                errors.append(ValidationError(
                    "introduced_by", _("Nobody in the journal has that name; add them first by noting an encounter.")
                ))
            elif found.is_ambiguous:
                names = ", ".join(store.names(list(found.person_ids)))
                errors.append(ValidationError("introduced_by", _("Several people match ({names}); type the full name.").format(names=names)))
            else:
                fields["introduced_by"] = found.person_ids[0]
        if errors:
            # Shown with the store's own objections to the other fields, all at once.
            self.show_errors(store.person_problems(self.person_id, **fields) + errors)
            return
        saved = self.save_or_show(lambda: store.update_person(self.person_id, **fields))
        if saved is not None:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.close_asking(False, _("Discard your changes to this person?"))
