"""The Textual application: owns the store, the modes, the global keys.

Screens live in tui/screens, dialogs in tui/dialogs; this module only wires
them together and keeps the cross-screen state (undo, the data version).
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.worker import Worker, WorkerFailed, WorkerState, get_current_worker
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from journal import crashlog
from journal.errors import JournalError, UnreadableJournalError
from journal.store import SaveResult, Store
from journal.text import clean
from tui.screens.opinions import OpinionsScreen
from tui.screens.people import PeopleScreen
from tui.screens.review import ReviewScreen
from tui.screens.timeline import TimelineScreen

STYLES = Path(__file__).parent / "styles"
POLL_SECONDS = 1.0
WARMUP_DELAY = 1.0  # seconds after start before the search text is folded in the background

# Actions that change screens or open dialogs; they wait while a dialog is open
# so that a letter typed into a dialog's button row never switches screens.
_NAVIGATION = {"go", "quick_add", "search", "undo"}
_WARMUP = "search warm-up"


class NetJournalApp(App):
    TITLE = "netjournal"
    CSS_PATH = sorted(STYLES.glob("*.tcss"))
    MODES = {
        "timeline": TimelineScreen,
        "people": PeopleScreen,
        "review": ReviewScreen,
        "opinions": OpinionsScreen,
    }
    DEFAULT_MODE = "timeline"
    BINDINGS = [
        Binding("a", "quick_add", "Add", id="app.quick_add", tooltip="Add an encounter: who, where, what you talked about"),
        Binding("t", "go('timeline')", "Timeline", id="app.timeline", tooltip="Your encounters, newest first"),
        Binding("p", "go('people')", "People", id="app.people", tooltip="Everyone you have met, by last seen"),
        Binding("w", "go('review')", "Review", id="app.review", tooltip="This week's conversations at a glance"),
        Binding("o", "go('opinions')", "Opinions", id="app.opinions", tooltip="What you think, and what shaped it"),
        Binding("slash", "search", "Search", id="app.search", tooltip="Search notes, people, places and #topics"),
        Binding("question_mark", "keys", "Keys", id="app.keys", tooltip="Show or hide every key of this screen"),
        Binding("ctrl+z", "undo", "Undo", id="app.undo", show=False, tooltip="Undo the last save, edit or delete"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave netjournal (everything is already saved)"),
    ]

    def __init__(self, store: Store, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.data_version = 0
        # The last change that can be undone, with the data version right after
        # it: any later change (a merge, a reflection, another process's save)
        # moves the version on, and then ctrl+z refuses rather than undo
        # something older than what the user just did.
        self._undo: tuple[str, Callable[[], None], int] | None = None
        self.last_saved_id: str | None = None
        self._unreadable_reported = False
        self.crash_report: str | None = None  # set by an uncaught exception

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

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_external_changes)
        self.report_damaged_records()
        # Not before the first screens are drawn: the fold would compete with them.
        self.set_timer(WARMUP_DELAY, self.warm_search)

    def report_damaged_records(self) -> None:
        """Say once, at start, that some records were left out (journal/persistence.py)."""
        damaged = self.store.damaged_records()
        if damaged:
            self.notify(
                f"{len(damaged)} damaged record(s) in the journal are left out of every screen and kept "
                "as they are in the file. `netjournal doctor` lists them with the reason.",
                title="Damaged records", severity="warning", timeout=20, markup=False,
            )

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

    # ------------------------------------------------------------- data
    def data_changed(self) -> None:
        """Something was saved: the current screen redraws now, others on return."""
        self.data_version += 1
        screen = self.screen
        for candidate in reversed(self.screen_stack):
            if hasattr(candidate, "sync_data"):
                screen = candidate
                break
        # A screen still being mounted draws itself from its own on_mount; its
        # widgets may not exist yet.
        if hasattr(screen, "sync_data") and screen.is_mounted:
            screen.sync_data()
        self.warm_search()  # a rename, or another process's large change, drops the search text

    def check_external_changes(self) -> None:
        try:
            changed = self.store.refresh()
        except UnreadableJournalError as exc:
            if not self._unreadable_reported:
                self._unreadable_reported = True
                self.notify(str(exc), title="Journal unreadable", severity="error", timeout=30, markup=False)
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

    def action_quick_add(self) -> None:
        from tui.dialogs.quick_add import QuickAddDialog

        self.push_screen(QuickAddDialog(), self._after_add)

    def edit_encounter(self, encounter_id: str) -> None:
        from tui.dialogs.quick_add import QuickAddDialog

        before = self.store.encounter(encounter_id)
        self.push_screen(QuickAddDialog(encounter=before), lambda result: self._after_edit(before, result))

    def _after_add(self, result: SaveResult | None) -> None:
        if result is None:
            return
        self.last_saved_id = result.encounter.id
        self.record_change("the new encounter", lambda: self.store.undo_save(result))
        new = ", ".join(p.name for p in result.created_people)
        message = "Encounter saved. ctrl+z undoes it."
        if new:
            # Say who was created, so a name typed differently from a known one shows now.
            message = f"Encounter saved, with new people: {new}. ctrl+z undoes it."
        self.notify(message, title="Saved")

    def _after_edit(self, before, result: SaveResult | None) -> None:
        if result is None:
            return
        self.last_saved_id = result.encounter.id
        self.record_change("the edit", lambda: self.store.undo_save(result, before))
        new = ", ".join(p.name for p in result.created_people)
        message = f"Changes saved, with new people: {new}." if new else "Changes saved."
        self.notify(message + " ctrl+z undoes them.", title="Saved")

    def record_change(self, what: str, undo: Callable[[], None]) -> None:
        """A change was saved that ctrl+z can take back: redraw, remember how."""
        self.data_changed()
        self._undo = (what, undo, self.data_version)

    def action_undo(self) -> None:
        if self._undo is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        what, undo, version = self._undo
        if version != self.data_version:
            self._undo = None
            self.notify(
                f"Cannot undo {what}: the journal changed since (only the last change can be undone).",
                severity="warning",
            )
            return
        try:
            undo()
        except JournalError as exc:
            self.notify(str(exc), title="Undo failed", severity="error", markup=False)
            return
        self._undo = None
        self.data_changed()
        self.notify(f"Undid {what}.", title="Undo")

    def note_opinion(self, opinion=None, encounter_id: str | None = None) -> None:
        """Open the opinion form: new, a revision, or linked to an encounter."""
        from tui.dialogs.opinion_edit import OpinionDialog

        def saved(result) -> None:
            if result is None:
                return
            opinion, outcome = result
            self.data_changed()
            self.notify(f"Opinion {outcome}: {opinion.subject}", title="Saved", markup=False)

        self.push_screen(OpinionDialog(opinion=opinion, encounter_id=encounter_id), saved)

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def open_encounter(self, encounter_id: str) -> None:
        from tui.screens.encounter import EncounterScreen

        self.push_screen(EncounterScreen(encounter_id))

    def open_person(self, person_id: str) -> None:
        from tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    # ------------------------------------------------------ command palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Add encounter", "Note a conversation: who, where, what about", self.action_quick_add)
        yield SystemCommand("Timeline", "Your encounters, newest first", lambda: self.action_go("timeline"))
        yield SystemCommand("People", "Everyone you have met", lambda: self.action_go("people"))
        yield SystemCommand("Weekly review", "This week's conversations at a glance", lambda: self.action_go("review"))
        yield SystemCommand("Opinions", "What you think, and what shaped it", lambda: self.action_go("opinions"))
        yield SystemCommand("Search", "Search notes, people, places and #topics", self.action_search)
        yield SystemCommand("Undo", "Undo the last save, edit or delete", self.action_undo)
        yield from super().get_system_commands(screen)


def exit_after_first_paint() -> bool:
    """Benchmark hook: NETJOURNAL_EXIT_AFTER_PAINT=1 quits once the timeline is painted."""
    return os.environ.get("NETJOURNAL_EXIT_AFTER_PAINT") == "1"
