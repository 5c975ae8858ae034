"""Completion from known names, places and settings, ignoring case and accents."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.suggester import Suggester

from journal.names import fold
from journal.text import clean_line


class FoldedSuggester(Suggester):
    """Suggest a known value that starts like the typed text ("jo" -> "José").

    With `comma_separated`, only the part after the last comma is completed, so
    "Ana Souza, br" suggests "Ana Souza, Bruno".
    """

    def __init__(self, choices: Callable[[], Iterable[str]], *, comma_separated: bool = False) -> None:
        # We fold ourselves and keep the typed text's own spelling before the cursor.
        super().__init__(use_cache=False, case_sensitive=True)
        self._choices = choices
        self._comma = comma_separated

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",") if self._comma else ("", "", value)
        typed = last.lstrip()
        if not typed:
            return None
        key = fold(typed)
        for choice in self._choices():
            choice = clean_line(choice)  # shown in the input as is: no control characters
            if fold(choice).startswith(key) and len(choice) > len(typed):
                return value + choice[len(typed):]
        return None
