"""The Textual application: owns the store, the modes, the global keys.

Screens live in tui/screens, dialogs in tui/dialogs; this module only wires
them together and keeps the cross-screen state (undo, the data version).
"""
from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.worker import Worker, WorkerFailed, WorkerState, get_current_worker
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, TextArea

from journal import crashlog
from journal.i18n import N_, _, ngettext, pgettext
from journal.agenda import anything_due
from journal.errors import JournalError, UnreadableJournalError
from journal.settings import Loaded, SettingsError, load_settings, update_settings
from journal.people_order import DEFAULT_SORT, SORTS
from journal.store import SaveResult, Store
from journal.text import clean
from tui.screens.agenda import AgendaScreen
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.opinions import OpinionsScreen
from tui.screens.people import PeopleScreen
from tui.screens.reach import ReachScreen
from tui.screens.review import ReviewScreen
from tui.screens.timeline import TimelineScreen
from tui.screens.visibility import VisibilityScreen

STYLES = Path(__file__).parent / "styles"
POLL_SECONDS = 1.0
COPIES_SECONDS = 5.0  # how often the journal's folder is looked at for copies from other devices
WARMUP_DELAY = 1.0  # seconds after start before the search text is folded in the background

# Actions that change screens or open dialogs; they wait while a dialog is open
# so that a letter typed into a dialog's button row never switches screens.
_NAVIGATION = {"go", "quick_add", "search", "undo", "conflicts"}
_WARMUP = "search warm-up"
_SECTIONS = Binding.Group(N_("Sections"))
# Textual's commands in the palette (App.get_system_commands), marked for the catalog.
_TEXTUAL_COMMANDS = (
    N_("Theme"), N_("Change the current theme"),
    N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)


class NetJournalApp(App):
    TITLE = "netjournal"
    CSS_PATH = sorted(STYLES.glob("*.tcss"))
    MODES = {
        "agenda": AgendaScreen,
        "timeline": TimelineScreen,
        "people": PeopleScreen,
        "review": ReviewScreen,
        "opinions": OpinionsScreen,
        "reach": ReachScreen,
        "visibility": VisibilityScreen,
        # Made when first shown: importing the groups and the cadence grammar
        # is not worth it at start-up for a section most journals do not use.
        "groups": lambda: _groups_screen(),
    }
    DEFAULT_MODE = "timeline"
    BINDINGS = [
        Binding("a", "quick_add", N_("Add"), id="app.quick_add", tooltip=N_("Add an encounter: who, where, what you talked about")),
        # One footer entry for the sections ("t p w o i v g A Sections"): with a
        # word each they pushed ? and q off an 80-column footer.
        Binding("t", "go('timeline')", N_("Timeline"), id="app.timeline", tooltip=N_("Timeline: your encounters, newest first"), group=_SECTIONS),
        Binding("p", "go('people')", N_("People"), id="app.people", tooltip=N_("People: everyone you have met"), group=_SECTIONS),
        Binding("w", "go('review')", N_("Review"), id="app.review", tooltip=N_("Weekly review: this week's conversations at a glance"), group=_SECTIONS),
        Binding("o", "go('opinions')", N_("Opinions"), id="app.opinions", tooltip=N_("Opinions: what you think, and what shaped it"), group=_SECTIONS),
        Binding("i", "go('reach')", N_("Reach"), id="app.reach", tooltip=N_("Reach: who could introduce you to someone"), group=_SECTIONS),
        Binding("v", "go('visibility')", N_("Visibility"), id="app.visibility", tooltip=N_("Visibility: what your network knows of what you do well"), group=_SECTIONS),
        Binding("g", "go('groups')", N_("Groups"), id="app.groups", tooltip=N_("Groups: those that meet periodically, who comes, when next"), group=_SECTIONS),
        Binding("A", "go('agenda')", N_("Agenda"), id="app.agenda", tooltip=N_("Agenda: follow-ups due, and people to reach out to"), group=_SECTIONS),
        Binding("slash", "search", N_("Search"), id="app.search", tooltip=N_("Search notes, people, places and #topics")),
        # Not in the footer (it is full): the announcement of a copy names the key, and ? lists it.
        Binding("c", "conflicts", N_("Copies"), id="app.conflicts", show=False,
                tooltip=N_("Copies of the journal from other devices, and versions a merge set aside")),
        Binding("question_mark", "keys", N_("Keys"), id="app.keys", show=False, tooltip=N_("Show or hide every key of this screen")),
        # ? and q are pinned at the right of every footer (tui/widgets/footer.py).
        Binding("ctrl+z", "undo", N_("Undo"), id="app.undo", show=False, tooltip=N_("Undo the last save, edit or delete")),
        Binding("q", "quit", N_("Quit"), id="app.quit", show=False, tooltip=N_("Leave netjournal (everything is already saved)")),
    ]

    def __init__(self, store: Store, *, settings: Loaded | None = None, **kwargs) -> None:
        self.store = store
        loaded = settings or load_settings()
        self.settings = loaded.settings
        self.settings_path = loaded.path
        self._settings_problems = loaded.problems
        # Read by App.__init__: the first screen is the Agenda when something
        # is due, unless the settings fix it.
        self.DEFAULT_MODE = self._start_mode()
        super().__init__(**kwargs)
        self.data_version = 0
        # The last change that can be undone, with the data version right after
        # it: any later change (a merge, a reflection, another process's save)
        # moves the version on, and then ctrl+z refuses rather than undo
        # something older than what the user just did.
        self._undo: tuple[str, Callable[[], None], int] | None = None
        self.last_saved_id: str | None = None
        self.styles_new_screens = False  # True once mounted: see JournalScreen.__init__
        self._unreadable_reported = False
        self.crash_report: str | None = None  # set by an uncaught exception
        # How the people list is sorted (a key of journal.people_order.SORTS),
        # from the settings; `s` changes it and it is remembered (set_people_sort).
        self.people_sort = self.settings.people_sort if self.settings.people_sort in SORTS else DEFAULT_SORT
        self._announced_copies: set[str] = set()

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own handler draws a rich traceback with the values of the
        # local variables (the journal's names and notes), and on a deep stack
        # takes seconds to. Instead the traceback, without locals, goes to a
        # private crash log, and `crash_report` says where in one line, which
        # `netjournal` prints once the terminal is restored (as plain text: a
        # rich renderable would be wrapped or cropped, path included). The
        # rest is what Textual's does: exit code 1, the app closes, and
        # run_test raises the first error again.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
            original = error.error if isinstance(error, WorkerFailed) else error
            log, reason = crashlog.write(original, self.store.path, "the app")
            self.crash_report = crashlog.summary(original, log, reason)
        self._close_messages_no_wait()

    def _start_mode(self) -> str:
        choice = self.settings.start_screen
        if choice in ("agenda", "timeline"):
            return choice
        try:
            return "agenda" if anything_due(self.store) else "timeline"
        except JournalError:
            return "timeline"  # an unreadable journal is reported by the timeline's own reads

    def on_mount(self) -> None:
        self.styles_new_screens = True
        self._apply_settings()
        self.set_interval(POLL_SECONDS, self.check_external_changes)
        self.set_interval(COPIES_SECONDS, self.check_conflict_copies)
        self.report_damaged_records()
        self.check_conflict_copies()
        # Not before the first screens are drawn: the fold would compete with them.
        self.set_timer(WARMUP_DELAY, self.warm_search)

    def on_ready(self) -> None:
        # Textual's Ready: the first screen, with its data, is on the terminal. The
        # benchmark's hook quits here, in the app: from the screen's on_mount it could
        # quit before the app had finished composing (MountError).
        if exit_after_first_paint():
            self.call_after_refresh(self.exit)

    def report_damaged_records(self) -> None:
        """Say once, at start, that some records were left out (journal/persistence.py)."""
        damaged = self.store.damaged_records()
        if damaged:
            self.notify(
                ngettext(
                    "{count} damaged record(s) in the journal are left out of every screen and kept "
                    "as they are in the file. `netjournal doctor` lists them with the reason.",
                    "{count} damaged record(s) in the journal are left out of every screen and kept "
                    "as they are in the file. `netjournal doctor` lists them with the reason.",
                    len(damaged),
                ).format(count=len(damaged)),
                title=_("Damaged records"), severity="warning", timeout=20, markup=False,
            )

    # ---------------------------------------------------------- settings
    def _apply_settings(self) -> None:
        problems = list(self._settings_problems)
        theme = self.settings.theme
        if theme is not None:
            if theme in self.available_themes:
                self.theme = theme
            else:
                problems.append(
                    _("The theme '{theme}' in the settings file {path} is not one netjournal knows; "
                      "the default theme is used. Pick one with ctrl+p, Theme.").format(theme=theme, path=self.settings_path)
                )
        if problems:
            # Said once, and never fatal: the defaults stand in for what could not be read.
            self.notify("\n".join(problems), title=pgettext("the settings file", "Settings"), severity="warning", timeout=20)
        # Only after the stored theme is applied: from now on a change is the user's choice.
        self.watch(self, "theme", self._theme_chosen, init=False)

    def _theme_chosen(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.remember(theme=theme)

    def remember(self, **changes) -> bool:
        """Apply settings now and write them to the settings file; False (and a message) if not written."""
        from journal.settings import with_changes

        try:
            self.settings = with_changes(self.settings, changes)
            self.settings = update_settings(changes, self.settings_path)
        except (SettingsError, ValueError) as exc:
            self.notify(str(exc), title=_("Setting not saved"), severity="error", timeout=15)
            return False
        return True

    def set_start_screen(self, choice: str) -> None:
        if self.remember(start_screen=choice):
            message = {
                "auto": _("netjournal will open on the Agenda when something is due today or overdue, else on the timeline."),
                "agenda": _("netjournal will always open on the Agenda."),
                "timeline": _("netjournal will always open on the timeline."),
            }[choice]
            self.notify(message, title=_("Start screen"))
    def check_conflict_copies(self) -> None:
        """Announce, once per copy, a copy of the journal a sync engine left beside it."""
        from journal.copies import find_conflict_copies

        for copy in find_conflict_copies(self.store.path):
            if str(copy) in self._announced_copies:
                continue
            self._announced_copies.add(str(copy))
            self.notify(
                _("A copy from another device was found: {name}. Press c to merge it.").format(name=copy.name),
                title=_("Copy from another device"), severity="warning", timeout=30,
            )

    def merge_copy(self, copy: Path) -> None:
        """Say what merging `copy` would do, and on yes merge it in one save and move it into backups/."""
        from journal.sync import merge_copy
        from tui.screens.conflicts import describe_merge, merge_and_set_aside

        try:
            preview = merge_copy(self.store, copy, dry_run=True)
        except JournalError as exc:
            self.notify(str(exc), title=_("Cannot merge"), severity="error", timeout=20)
            return
        if preview.changed or preview.joined:
            question = _("Merge {name} into the journal? It would make: {changes}. The copy then moves into backups/.").format(
                name=copy.name, changes=describe_merge(preview))
        else:
            question = _("{name} holds nothing the journal does not have. Move it into backups/?").format(name=copy.name)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                report, moved = merge_and_set_aside(self.store, copy)
            except (JournalError, OSError) as exc:
                self.notify(str(exc), title=_("Not merged"), severity="error", timeout=20)
                return
            self.data_changed()
            self.notify(_("Merged {name}: {changes}. The copy is now {moved}.").format(
                name=copy.name, changes=describe_merge(report), moved=moved), title=_("Merged"), timeout=15)

        self.push_screen(ConfirmDialog(question, yes=_("Merge"), no=_("Not now")), answered)

    def action_conflicts(self) -> None:
        from tui.screens.conflicts import ConflictsScreen

        if not isinstance(self.screen, ConflictsScreen):
            self.push_screen(ConflictsScreen())

    # ------------------------------------------------------- warm search
    def warm_search(self) -> None:
        """Fold the search text in a thread, so that the first search does not wait for it."""
        try:
            warmup = self.store.search_warmup()
        except JournalError:
            return  # an unreadable file is reported by the poll; search will say so too
        if warmup is None:
            return

        def fold() -> object:
            worker = get_current_worker()

            def stop() -> bool:
                # Called between batches: sleep(0) hands the GIL to the UI thread
                # if it is waiting, so keys and quitting never wait for the fold.
                time.sleep(0)
                return worker.is_cancelled

            return warmup if warmup.build(stop) else None

        self.run_worker(fold, name=_WARMUP, group=_WARMUP, thread=True, exclusive=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Delivered on the main thread: the one place the result may be installed.
        worker = event.worker
        if worker.name == _WARMUP and event.state == WorkerState.SUCCESS and worker.result is not None:
            worker.result.install()

    async def on_event(self, event: events.Event) -> None:
        # A paste is the one way text from outside reaches a field without
        # being typed key by key; inputs draw their value as is, so a pasted
        # escape sequence would go straight back to the terminal.
        if isinstance(event, events.Paste):
            event.text = clean(event.text)
        elif isinstance(event, events.Key) and _is_invisible_letter(event.character):
            # Textual takes a format character (the zero-width joiner of 👩‍👩‍👧,
            # the tags of a flag) for an unprintable key, and fields drop it,
            # breaking the emoji into pieces. Typed into a field, it is text,
            # inserted by the field itself after the keys already queued for it
            # (inserted here, it went ahead of the emoji typed just before it).
            focused = self.focused
            character = event.character
            if isinstance(focused, Input):
                focused.call_later(focused.insert_text_at_cursor, character)
                return
            if isinstance(focused, TextArea) and not focused.read_only:
                focused.call_later(lambda: focused.replace(character, *focused.selection, maintain_selection_offset=False))
                return
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        # A quick typist starts on the name right after `a`. The keys queued
        # behind it were handed to the timeline before the dialog opened (or to
        # the dialog before its first field had focus); nothing there takes
        # them, so they come back here. They belong to the dialog's Who field.
        screen = self.screen
        if event.is_printable and event.character and getattr(screen, "takes_early_keys", False):
            event.stop()
            screen.take_early_key(event.character)

    def notify(self, message: str, *, title: str = "", **kwargs) -> None:
        # Every notification (screens' and widgets' too) passes here. They may
        # quote journal text (a name, a subject) that a hand-edited file left
        # with escape sequences: toasts draw their text as is, so clean it.
        # And never markup: a name like "[/]" would crash the toast.
        kwargs.setdefault("markup", False)
        super().notify(clean(str(message)), title=clean(str(title)), **kwargs)

    def set_people_sort(self, sort: str) -> None:
        """The people list's order changed (s): used now, and remembered in the
        settings file (`people_sort`) for the next start. A file that cannot be
        written is said once (remember); the order still holds for the session."""
        self.people_sort = sort
        self.remember(people_sort=sort)

    # ------------------------------------------------------------- data
    def data_changed(self) -> None:
        """Something was saved: the screen on top redraws after the next frame, others on return."""
        self.data_version += 1
        screen = self.screen
        # Only the screen on top redraws, and after the next frame, so that the
        # notification posted with the change shows first (a redraw of the
        # timeline's rows takes longer than the save). A screen under a dialog
        # or in another mode redraws when it comes back (JournalScreen's
        # on_screen_resume), once per data version. A screen still being
        # mounted draws itself from its own on_mount.
        if hasattr(screen, "sync_data") and screen.is_mounted:
            screen.sync_after_next_frame()
        self.warm_search()  # a rename, or another process's large change, drops the search text

    def check_external_changes(self) -> None:
        try:
            changed = self.store.refresh()
        except UnreadableJournalError as exc:
            if not self._unreadable_reported:
                self._unreadable_reported = True
                self.notify(str(exc), title=_("Journal unreadable"), severity="error", timeout=30, markup=False)
            return
        self._unreadable_reported = False
        if changed:
            self.data_changed()

    # ---------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NAVIGATION and isinstance(self.screen, ModalScreen):
            return False
        return True

    def action_go(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)
        # A key for a section always lands on that section's first page.
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_quick_add(self, group_id: str | None = None, who: str = "") -> None:
        """Open quick-add; with a group, a meeting of it (members, place and date filled in);
        `who` fills in Who (the Agenda's Reach out rows, `a` on a profile)."""
        from tui.dialogs.quick_add import QuickAddDialog

        self.push_screen(QuickAddDialog(group_id=group_id, who=who), self._after_add)

    def edit_encounter(self, encounter_id: str) -> None:
        from tui.dialogs.quick_add import QuickAddDialog

        before = self.store.encounter(encounter_id)
        self.push_screen(QuickAddDialog(encounter=before), lambda result: self._after_edit(before, result))

    def _after_add(self, result: SaveResult | None) -> None:
        if result is None:
            return
        self.last_saved_id = result.encounter.id
        new = ", ".join(p.name for p in result.created_people)
        message = _("Encounter saved. ctrl+z undoes it.")
        if new:
            # Say who was created, so a name typed differently from a known one shows now.
            message = ngettext(
                "Encounter saved, with new people: {names}. ctrl+z undoes it.",
                "Encounter saved, with new people: {names}. ctrl+z undoes it.",
                len(result.created_people),
            ).format(names=new)
        if result.group_before is not None:
            message += " " + self._joined(result)
        self.notify(message, title=_("Saved"))
        # After the notification: it is what the user waits for.
        # undo_meeting is undo_save, plus the group as it was if newcomers joined it.
        self.record_change(_("the new encounter"), lambda: self.store.groups.undo_meeting(result))

    def _joined(self, result: SaveResult) -> str:
        group = result.group_before
        joined = [pid for pid in result.encounter.people if pid not in group.members]
        return _("{names} joined {group}.").format(names=", ".join(self.store.names(joined)), group=group.name)

    def _after_edit(self, before, result: SaveResult | None) -> None:
        if result is None:
            return
        self.last_saved_id = result.encounter.id
        new = ", ".join(p.name for p in result.created_people)
        message = ngettext(
            "Changes saved, with new people: {names}.",
            "Changes saved, with new people: {names}.",
            len(result.created_people),
        ).format(names=new) if new else _("Changes saved.")
        if result.group_before is not None:
            message += " " + self._joined(result)
        self.notify(message + " " + _("ctrl+z undoes them."), title=_("Saved"))
        self.record_change(_("the edit"), lambda: self.store.groups.undo_meeting(result, before))

    def record_change(self, what: str, undo: Callable[[], None]) -> None:
        """A change was saved that ctrl+z can take back: redraw, remember how."""
        self.data_changed()
        self._undo = (what, undo, self.data_version)

    def action_undo(self) -> None:
        if self._undo is None:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        what, undo, version = self._undo
        if version != self.data_version:
            self._undo = None
            self.notify(
                _("Cannot undo {what}: the journal changed since (only the last change can be undone).").format(what=what),
                severity="warning",
            )
            return
        try:
            undo()
        except JournalError as exc:
            self.notify(str(exc), title=_("Undo failed"), severity="error", markup=False)
            return
        self._undo = None
        self.data_changed()
        self.notify(_("Undid {what}.").format(what=what), title=_("Undo"))

    def note_opinion(self, opinion=None, encounter_id: str | None = None) -> None:
        """Open the opinion form: new, a revision, or linked to an encounter."""
        from tui.dialogs.opinion_edit import OpinionDialog

        def saved(result) -> None:
            if result is None:
                return
            opinion, outcome = result
            self.data_changed()
            said = {
                "formed": _("Opinion formed: {subject}"),
                "revised": _("Opinion revised: {subject}"),
                "unchanged": _("Opinion unchanged: {subject}"),
            }.get(outcome, "Opinion {outcome}: {subject}")
            self.notify(said.format(outcome=outcome, subject=opinion.subject), title=_("Saved"), markup=False)

        self.push_screen(OpinionDialog(opinion=opinion, encounter_id=encounter_id), saved)

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_keys(self) -> None:
        """Show or hide this screen's keys, in plain words (tui/widgets/keys_panel.py)."""
        from tui.widgets.keys_panel import KeysPanel

        screen = self.screen
        shown = screen.query(KeysPanel)
        if shown:
            shown.remove()
            return
        # The screen's own keys, from its classes in this package (not Textual's
        # generic focus keys), then the app's.
        own = [
            binding
            for cls in type(screen).__mro__
            if cls.__module__.startswith("tui.")
            for binding in cls.__dict__.get("BINDINGS", [])
            if isinstance(binding, Binding)
        ]
        screen.mount(KeysPanel(own, [b for b in self.BINDINGS if isinstance(b, Binding)]))

    def open_encounter(self, encounter_id: str) -> None:
        from tui.screens.encounter import EncounterScreen

        self.push_screen(EncounterScreen(encounter_id))

    def open_person(self, person_id: str) -> None:
        from tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def open_group(self, group_id: str) -> None:
        from tui.screens.group import GroupScreen

        self.push_screen(GroupScreen(group_id))

    def edit_group(self, group_id: str | None) -> None:
        """The group form: a new group (None) or an edit; the change is undoable."""
        from tui.dialogs.group_edit import GroupEditDialog

        def saved(change) -> None:
            if change is None:
                return
            self.record_change(_("the group's change") if group_id else _("the new group"),
                               lambda: self.store.groups.undo_change(change))
            new = ", ".join(p.name for p in change.created_people)
            if group_id is None:
                message = _("Group {name} created.").format(name=change.group.name)
            else:
                message = _("Group {name} saved.").format(name=change.group.name)
            if new:
                message += " " + ngettext("New people: {names}.", "New people: {names}.", len(change.created_people)).format(names=new)
            self.notify(message + " " + _("ctrl+z undoes it."), title=_("Saved"))

        self.push_screen(GroupEditDialog(group_id), saved)

    # ------------------------------------------------------ command palette
    def action_command_palette(self) -> None:
        """Textual's, with its placeholder in the language of the run."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(_("Add encounter"), _("Note a conversation: who, where, what about"), self.action_quick_add)
        yield SystemCommand(_("Agenda"), _("Follow-ups due, and people to reach out to"), lambda: self.action_go("agenda"))
        yield SystemCommand(_("Timeline"), _("Your encounters, newest first"), lambda: self.action_go("timeline"))
        yield SystemCommand(_("People"), _("Everyone you have met"), lambda: self.action_go("people"))
        yield SystemCommand(_("Weekly review"), _("This week's conversations at a glance"), lambda: self.action_go("review"))
        yield SystemCommand(_("Opinions"), _("What you think, and what shaped it"), lambda: self.action_go("opinions"))
        yield SystemCommand(_("Reach"), _("Who could introduce you to a person, an organisation, a topic"), lambda: self.action_go("reach"))
        yield SystemCommand(_("Visibility"), _("What your network knows of what you do well"), lambda: self.action_go("visibility"))
        yield SystemCommand(_("Groups"), _("Groups that meet periodically: who comes, when next"), lambda: self.action_go("groups"))
        yield SystemCommand(_("New group"), _("A support group, a meetup, a club that meets periodically"), lambda: self.edit_group(None))
        yield SystemCommand(_("Search"), _("Search notes, people, places and #topics"), self.action_search)
        yield SystemCommand(_("Undo"), _("Undo the last save, edit or delete"), self.action_undo)
        yield SystemCommand(
            _("Start screen: Agenda when something is due"),
            _("Open on the Agenda when a follow-up is due today or overdue, else on the timeline (the default)"),
            lambda: self.set_start_screen("auto"),
        )
        yield SystemCommand(_("Start screen: always the Agenda"), _("Always open on the Agenda"), lambda: self.set_start_screen("agenda"))
        yield SystemCommand(_("Start screen: always the timeline"), _("Always open on the timeline"), lambda: self.set_start_screen("timeline"))
        yield SystemCommand(_("Copies and conflicts"), _("Merge a copy from another device; review what a merge set aside"),
                            self.action_conflicts)
        yield SystemCommand(_("Keys"), _("Show or hide this screen's keys"), self.action_keys)
        for command in super().get_system_commands(screen):
            if command.title != "Keys":  # Textual's generic panel: ours replaces it
                # Textual's own commands, in our catalog through _TEXTUAL_COMMANDS.
                yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)


def _groups_screen() -> Screen:
    from tui.screens.groups import GroupsScreen

    return GroupsScreen()


def _is_invisible_letter(character: str | None) -> bool:
    """A format character (Unicode Cf) that the cleaning rule keeps: U+200D, U+200C, tags..."""
    return (
        character is not None
        and len(character) == 1
        and unicodedata.category(character) == "Cf"
        and clean(character) == character
    )


def exit_after_first_paint() -> bool:
    """Benchmark hook: NETJOURNAL_EXIT_AFTER_PAINT=1 quits once the timeline is painted."""
    return os.environ.get("NETJOURNAL_EXIT_AFTER_PAINT") == "1"
