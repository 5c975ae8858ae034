"""Quick-add: the form for a new encounter, also used to edit one.

The dialog validates and saves through the app's store itself, so that a bad
date or a failed save is shown under the field while everything typed stays
in place; it dismisses with the SaveResult only once the encounter is on disk.

When the journal has groups, a Group field comes first (above Who, which
keeps the focus): choosing a group fills Who with its members, Where,
Setting and When with its latest date, in the fields still empty or still
holding what an earlier choice filled (so nothing typed is overwritten).
Who then says who came; anyone there who is not a member can join the group
with the checkbox under Who.
"""
from __future__ import annotations


from rich.text import Text
from textual import on
from textual.content import Content
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from journal import clock, dates_out
from journal.dates import DateParseError, parse_due, parse_when
from journal.drafts import parse_introductions, problems as draft_problems
from journal.errors import JournalError, ValidationError
from journal.i18n import N_, _, pgettext
from journal.models import Encounter, EncounterDraft
from journal.names import fold
from journal.models import Group
from journal.opinions import parse_opinion_field
from journal.store import SaveResult
from journal.text import clean, clean_line, split_list
from tui.dialogs.form import FIELD_KEYS, FormMessages
from tui.widgets.suggest import FoldedDropdown, FoldedSuggester

# (field id, label, placeholder) for the one-line fields, in tab order. Placeholders
# say what goes in a field; they never look like an entry (a demo name would).
# Marked with N_ here, translated in compose (the language may be chosen after import).
_LINE_FIELDS = {
    "who": (N_("Who"), N_("names, separated by commas")),
    "place": (N_("Where"), N_("the place: a café, a street, a website")),
    "setting": (N_("Setting"), N_("bakery, restaurant, cafe, event, work, online…")),
}
_EXTRA_FIELDS = {
    "when": (N_("When"), N_("now, this morning, yesterday 18:30, last fri")),
    "gave": (N_("You gave"), N_("help, information, an introduction; @Name: to whom")),
    "asked": (N_("You asked for"), N_("a favour, advice; @Name: of whom")),
    "learned": (N_("Learned"), N_("information you received")),
    "follow_up": (N_("Follow-up"), N_("something to do next")),
    "due": (N_("Due"), N_("fri, next week, 2026-12-01")),
    "opinion": (N_("Opinion"), N_("subject: what you think now (links this conversation)")),
    "introduced": (N_("Introduced"), N_("whom you introduced to whom: Rosa > Tomás")),
    "told": (N_("You told"), N_("which of your qualities they heard about")),
    "met_through": (N_("Met through"), N_("for someone new here: who introduced you")),
}


class QuickAddDialog(FormMessages, ModalScreen[SaveResult | None]):
    # ctrl+s is not a priority binding, in any form: a priority binding runs as
    # the key arrives, before the focused field has handled the keys typed just
    # ahead of it, and a fast typist's save read a stale field. Unhandled by the
    # fields, it reaches the dialog after them, in order.
    BINDINGS = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", N_("Save"), id="quick_add.save", tooltip=N_("Save the encounter (from any field)")),
        Binding("escape", "cancel", N_("Cancel"), id="quick_add.cancel", tooltip=N_("Close; asks first if anything was typed")),
    ]

    def __init__(self, encounter: Encounter | None = None, group_id: str | None = None, *, who: str = "") -> None:
        super().__init__()
        self._editing = encounter
        self._group_id = group_id if encounter is None else encounter.group_id
        self._who = who  # a new encounter with these people (the Agenda's Reach out, `a` on a profile)
        self._early: list[str] = []  # keys typed before Who existed: see take_early_key
        # What the last chosen group filled in, field by field: a later choice
        # may replace these, never what the user typed.
        self._filled: dict[str, str] = {}

    @property
    def takes_early_keys(self) -> bool:
        # Adding only: an edit starts from a filled form, where a stray key
        # would change a name. And not while a field that types nothing has
        # the focus: space on the newcomers checkbox reaches the app too, and
        # is that checkbox's, not an early key.
        focused = self.focused if self.is_mounted else None
        return self._editing is None and not (focused is not None and focused.id == "join")

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
            yield Label(_(label), classes="field-label")
            yield Input(placeholder=_(placeholder), id=field, compact=True, suggester=suggester)
            if field in ("when", "due", "group"):
                yield Static("", id=f"{field}-parsed", classes="parsed")
        yield Static("", id=f"{field}-error", classes="error")

    def compose(self) -> ComposeResult:
        store = self.store
        title = _("Edit encounter") if self._editing else _("Add a meeting") if self._group_id else _("Add an encounter")
        with Vertical(id="quick-add", classes="dialog"):
            yield Label(title, classes="dialog-title")
            with VerticalScroll(id="form"):
                people = lambda: [p.name for p in store.people()]  # noqa: E731
                suggesters = {
                    "who": FoldedSuggester(people, comma_separated=True),
                    "place": FoldedSuggester(lambda: sorted(store.places())),
                    "setting": FoldedSuggester(store.settings),
                }
                groups = lambda: [g.name for g in store.groups.all()]  # noqa: E731
                yield from self._row("group", N_("Group"), N_("a group that meets (fills Who, Where, When)"), FoldedSuggester(groups))
                for field, (label, placeholder) in _LINE_FIELDS.items():
                    yield from self._row(field, label, placeholder, suggesters[field])
                    if field == "who":
                        with Horizontal(classes="field", id="row-join"):
                            yield Label("", classes="field-label")
                            yield Checkbox("", id="join", compact=True)
                with Horizontal(classes="field", id="row-notes"):
                    # Its own context: the label column here is 13 wide, the profile's is not.
                    yield Label(pgettext("quick-add field", "Talked about"), classes="field-label")
                    yield TextArea(id="notes", compact=True, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
                yield Static("", id="notes-error", classes="error")
                for field, (label, placeholder) in _EXTRA_FIELDS.items():
                    yield from self._row(field, label, placeholder)
            yield Static("", id="form-error", classes="error")
            yield Label(_("ctrl+s save · tab next field · → or enter takes a suggestion · esc cancel · #hashtags become topics"), classes="dialog-help")
        # The drop-downs of matches under the cursor (tui/widgets/suggest.py).
        yield FoldedDropdown("#group", groups)
        yield FoldedDropdown("#who", people, mode="comma")
        yield FoldedDropdown("#place", lambda: sorted(store.places()))
        yield FoldedDropdown("#setting", store.settings)
        yield FoldedDropdown("#gave", self._present_names, mode="mention")
        yield FoldedDropdown("#asked", self._present_names, mode="mention")
        yield FoldedDropdown("#told", lambda: list(store.me().qualities), mode="comma")
        yield FoldedDropdown("#met_through", people)

    def _present_names(self) -> list[str]:
        """The people in Who, spelled as stored: what an @Name in You gave / You asked for offers."""
        names = []
        for typed in split_list(self.query_one("#who", Input).value):
            found = self.store.match_person(typed)
            names.append(self.store.names([found.person_ids[0]])[0] if len(found.person_ids) == 1 else typed)
        return names

    def on_mount(self) -> None:
        # "agora" in Portuguese: the date grammar reads both languages whatever the interface's.
        values = {"when": _("now"), "who": self._who}
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
                "introduced": ", ".join(" > ".join(self.store.names(pair)) for pair in encounter.introduced),
                "told": ", ".join(encounter.told),
            }
        for field, value in values.items():
            self._set(field, value)
        group = self._chosen_group_by_id()
        # The Group row shows once the journal has groups (or the encounter is a meeting).
        self.query_one("#row-group").display = bool(group or self.store.groups.all())
        if group is not None:
            self._set("group", group.name)
            if encounter is None:
                self._fill_from(group)
                # Who holds the members: the user edits who came, so typing
                # must not replace them all (an input selects all on focus).
                who = self.query_one("#who", Input)
                who.select_on_focus = False
                who.cursor_position = len(who.value)
        self._update_join()
        self.remember_values()
        self._show_parsed("when")
        self._show_parsed("due")
        who = self.query_one("#who", Input)
        if self._who:
            # Filled in for the user: the next key adds to the names (", Bruno")
            # rather than replacing them, as a selection would.
            who.select_on_focus = False
            who.cursor_position = len(who.value)
        who.focus()
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

    # ------------------------------------------------------------ groups
    def _chosen_group_by_id(self) -> Group | None:
        if not self._group_id:
            return None
        try:
            return self.store.groups.get(self._group_id)
        except JournalError:  # a meeting of a group since deleted, or a hand edit
            return None

    def _chosen_group(self) -> Group | None:
        """The group the Group field names (case and accents ignored), or None."""
        text = self.query_one("#group", Input).value
        return self.store.groups.find(text) if text.strip() else None

    def _fill_from(self, group: Group) -> None:
        """Fill Who, Where, Setting and When from the group, where nothing was typed."""
        defaults = self.store.groups.meeting_defaults(group.id, clock.now())
        proposed = {
            "who": ", ".join(defaults.who),
            "place": defaults.place,
            "setting": defaults.setting,
            "when": defaults.when_text,
        }
        initial_when = _("now") if self._editing is None else None
        for field, value in proposed.items():
            current = self.query_one(f"#{field}", Input).value
            untouched = not current.strip() or current == self._filled.get(field) or (field == "when" and current == initial_when)
            if untouched and value:
                self._set(field, value)
                self._filled[field] = self.query_one(f"#{field}", Input).value

    @on(Input.Changed, "#group")
    def _group_changed(self, event: Input.Changed) -> None:
        group = self._chosen_group()
        shown = self.query_one("#group-parsed", Static)
        if group is None:
            shown.update(Text("?", style="bold red") if event.value.strip() else "")
        else:
            if event.value != group.name:
                # As the journal spells it ("freel" + → gives "freelancers' circle").
                event.input.value = clean_line(group.name)
            shown.update(Text("✓", style="green"))
            self.show_error("group", "")
            if self._editing is None and group.id != self._group_id:
                self._fill_from(group)
            self._group_id = group.id
        self._update_join()

    @on(Input.Changed, "#who")
    def _who_changed(self) -> None:
        self._update_join()

    def _update_join(self) -> None:
        """Offer to add the people who came and are not members to the group."""
        row = self.query_one("#row-join")
        group = self._chosen_group()
        newcomers = self.store.groups.newcomers(group.id, split_list(self.query_one("#who", Input).value)) if group else []
        row.display = bool(newcomers)
        if newcomers:
            label = _("Add {names} to {group}").format(names=", ".join(newcomers), group=group.name)
            self.query_one("#join", Checkbox).label = Content(clean_line(label))

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
                shown.update(Text(dates_out.padded_day_time(value), style="green"))
            else:
                value = parse_due(text, clock.today())
                shown.update(Text(dates_out.padded_day(value), style="green"))
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
    def _draft(self) -> tuple[EncounterDraft, list[ValidationError]]:
        """The draft, and what the form itself could not read (dates); when is None if unread."""
        values = self._values()
        errors: list[ValidationError] = []
        when = None
        try:
            when = parse_when(values["when"] or "now", clock.now())
        except DateParseError as exc:
            errors.append(ValidationError("when", str(exc)))
        due = None
        if values["due"].strip():
            try:
                due = parse_due(values["due"], clock.today())
            except DateParseError as exc:
                errors.append(ValidationError("due", str(exc)))
        introduced = []
        try:
            introduced = parse_introductions(values["introduced"])
        except ValidationError as exc:
            errors.append(exc)
        draft = EncounterDraft(
            when=when,
            who=split_list(values["who"]),
            introduced=introduced,
            told=split_list(values["told"]),
            met_through=values["met_through"],
            place=values["place"],
            setting=values["setting"],
            notes=values["notes"],
            learned=values["learned"],
            gave=values["gave"],
            asked=values["asked"],
            follow_up=values["follow_up"],
            due=due,
        )
        return draft, errors

    def action_save(self) -> None:
        self.clear_errors()
        draft, errors = self._draft()
        opinion = None
        try:
            opinion = parse_opinion_field(self.query_one("#opinion", Input).value)
        except ValidationError as exc:
            errors.append(exc)
        group_text = self.query_one("#group", Input).value
        group = self._chosen_group()
        if group_text.strip() and group is None:
            closest = self.store.groups.closest(group_text)
            if closest:
                message = _("No group called '{name}'. Closest: {names}.").format(
                    name=clean_line(group_text), names=", ".join(closest))
            else:
                message = _("No group called '{name}'.").format(name=clean_line(group_text))
            errors.append(ValidationError("group", message))
        # Everything wrong is shown at once: a bad date and an ambiguous name together.
        errors += draft_problems(self.store, draft, when_read=draft.when is not None)
        if errors:
            self.show_errors(errors)
            return
        join = self.query_one("#row-join").display and self.query_one("#join", Checkbox).value
        groups = self.store.groups
        if self._editing is not None:
            if group is None and self._editing.group_id is None:
                result = self.save_or_show(lambda: self.store.update_encounter(self._editing.id, draft))
            else:
                group_id = group.id if group else None
                result = self.save_or_show(lambda: groups.update_meeting(self._editing.id, draft, group_id, add_newcomers=join))
        elif group is not None:
            result = self.save_or_show(lambda: groups.add_meeting(group.id, draft, add_newcomers=join))
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
                self.app.notify(_("Encounter saved, but the opinion was not: {problem}").format(problem=exc),
                                severity="error", markup=False)
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.close_asking(None, _("Discard your changes?") if self._editing else _("Discard this encounter?"))
