"""Opinion notes (issue 5 fills it in)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from tui.screens.base import JournalScreen


class OpinionsScreen(JournalScreen):
    def compose(self) -> ComposeResult:
        yield Static("Opinions", classes="screen-header")
        yield Footer()
