"""What every main screen shares: access to the app's store and a refresh hook."""
from __future__ import annotations

from textual.screen import Screen

from tui.legends import translated_active


class JournalScreen(Screen):
    """A screen that shows journal data and redraws when the data changed.

    The app bumps `data_version` on every save and on every change another
    process made; a screen that was hidden meanwhile refreshes when it returns.
    """

    _seen_version = -1

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

    def on_screen_resume(self) -> None:
        self.sync_data()

    def record_gone(self) -> None:
        """What this screen shows was deleted (here or by another process): leave.

        Only while on top: a dialog above us must not be popped, and after our
        own delete popped us, a resume event already on its way finds us here
        with nothing left to pop. Otherwise it retries when we come back.
        """
        self._seen_version = -1
        if self.app.screen is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
