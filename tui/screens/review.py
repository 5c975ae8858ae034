"""The weekly review (issue 4 fills it in)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from tui.screens.base import JournalScreen


class ReviewScreen(JournalScreen):
    def compose(self) -> ComposeResult:
        yield Static("Weekly review", classes="screen-header")
        yield Footer()
