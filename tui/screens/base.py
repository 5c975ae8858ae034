"""What every main screen shares: access to the app's store and a refresh hook."""
from __future__ import annotations

from textual._context import active_app
from textual.screen import ModalScreen, Screen

from tui.legends import translated_active


class JournalScreen(Screen):
    """A screen that shows journal data and redraws when the data changed.

    The app bumps `data_version` on every save and on every change another
    process made; a screen that was hidden meanwhile refreshes when it returns.
    """

    _seen_version = -1
    _under_dialog = False  # suspended by a dialog, which left this screen in view under it

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Textual restyles the whole app (every stylesheet parsed again, applied
        # again to every widget of every screen) when a mode's screen is first
        # shown, twice, and again at its second visit, because a new screen's
        # CSS count starts at -1. Once the app is mounted, a new screen is styled
        # as it mounts, with the theme of the moment, so it starts current (the
        # first screen is made before the app's stylesheet is applied, and needs
        # the restyle). A private attribute of Textual 8: tests/test_app_latency.py
        # fails if it stops working; a theme change bumps the app's count, so it
        # still restyles every screen.
        app = active_app.get(None)
        if getattr(app, "styles_new_screens", False):  # a NetJournalApp, mounted
            self._css_update_count = app._css_update_count

    @property
    def store(self):
        return self.app.store

    @property
    def active_bindings(self):
        # What the footer shows: the key legends in the language of the run (tui/legends.py).
        return translated_active(super().active_bindings)

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the store."""

    def sync_data(self) -> None:
        if self._seen_version != self.app.data_version:
            self._seen_version = self.app.data_version
            self.refresh_data()

    def on_screen_suspend(self) -> None:
        self._under_dialog = isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if self._under_dialog:
            # Back from a dialog: its result (a save's notification) is what the
            # user waits for, and this screen was in view all along; it redraws
            # for the new data after the next frame. Coming back from another
            # mode or a pushed screen, it redraws before it shows.
            self._under_dialog = False
            self.sync_after_next_frame()
        else:
            self.sync_data()

    def sync_after_next_frame(self) -> None:
        """sync_data once what is on its way (a notification) is on screen."""
        self.call_after_refresh(self.sync_data)

    def record_gone(self) -> None:
        """What this screen shows was deleted (here or by another process): leave.

        Only while on top: a dialog above us must not be popped, and after our
        own delete popped us, a resume event already on its way finds us here
        with nothing left to pop. Otherwise it retries when we come back.
        """
        self._seen_version = -1
        if self.app.screen is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
