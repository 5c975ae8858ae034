"""Completion from known names, places and settings, ignoring case and accents.

Two ways, on the same fields: a grey suggestion inside the field (the best
match; → accepts it), and a drop-down under the cursor listing every match
(↓ ↑ move in it, enter takes one, esc closes it). The drop-down is
textual-autocomplete's (MIT, by a Textual maintainer; checked with Textual
8.2.8), fed with our folded matching. Either way an accepted suggestion takes
the stored spelling: "jose" becomes "José Almeida", so the name matches the
person and reads as it was first written.

Tab never takes a suggestion: it moves to the next field with what was typed.
A new person whose name starts like a known one ("Jo" beside José) must stay
new; taking the suggestion on tab would file the encounter under José.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from textual import events
from textual.suggester import Suggester
from textual_autocomplete import AutoComplete, DropdownItem, TargetState

from journal.names import fold
from journal.text import clean_line

DROPDOWN_LIMIT = 8
# An @ that starts a word (journal.credit's rule): what follows is a name.
_MENTION = re.compile(r"(?:^|(?<=[\s(]))@(?=[^\s@]*$)")


def split_typed(text: str, mode: str) -> tuple[str, str]:
    """(what stays, the part being completed) of the text before the cursor.

    mode "whole": all of it; "comma": after the last comma ("Ana Souza, br");
    "mention": after an @ that starts a word ("to @jo"), else nothing.
    """
    if mode == "comma":
        head, sep, last = text.rpartition(",")
        typed = last.lstrip()
        return text[: len(text) - len(typed)], typed
    if mode == "mention":
        found = list(_MENTION.finditer(text))
        if not found:
            return text, ""
        at = found[-1].end()
        return text[:at], text[at:]
    return "", text


def everyone(choices: Iterable[str], limit: int = DROPDOWN_LIMIT) -> list[str]:
    """Every choice, cleaned, without repeats, in order (at most `limit`)."""
    found: list[str] = []
    seen: set[str] = set()
    for choice in choices:
        choice = clean_line(choice)
        folded = fold(choice)
        if choice and folded not in seen:
            seen.add(folded)
            found.append(choice)
    return found[:limit]


def matches(typed: str, choices: Iterable[str], limit: int = DROPDOWN_LIMIT) -> list[str]:
    """Known values for what is typed: those that start like it first, then
    those with a word that does ("sou" finds "Ana Souza"); cleaned, no repeats."""
    key = fold(typed)
    if not key:
        return []
    first: list[str] = []
    inner: list[str] = []
    seen: set[str] = set()
    for choice in choices:
        choice = clean_line(choice)  # shown in the input as is: no control characters
        folded = fold(choice)
        if not choice or folded in seen:
            continue
        if folded.startswith(key):
            first.append(choice)
        elif any(word.startswith(key) for word in folded.split()[1:]):
            inner.append(choice)
        else:
            continue
        seen.add(folded)
    return (first + inner)[:limit]


class FoldedSuggester(Suggester):
    """The grey suggestion: the best known value for the part being typed.

    With `comma_separated`, only the part after the last comma is completed, so
    "Ana Souza, br" suggests "Ana Souza, Bruno".
    """

    def __init__(self, choices: Callable[[], Iterable[str]], *, comma_separated: bool = False) -> None:
        # We fold ourselves; the suggestion replaces the typed part with the stored spelling.
        super().__init__(use_cache=False, case_sensitive=True)
        self._choices = choices
        self._mode = "comma" if comma_separated else "whole"

    async def get_suggestion(self, value: str) -> str | None:
        head, typed = split_typed(value, self._mode)
        for choice in matches(typed, self._choices(), limit=1):
            # Only one that starts like the typed text: the grey part follows the cursor.
            if fold(choice).startswith(fold(typed)) and len(choice) > len(typed):
                return head + choice
        return None


class FoldedDropdown(AutoComplete):
    """Every known value matching the part being typed, in a drop-down under the cursor."""

    def __init__(self, target: str, choices: Callable[[], Iterable[str]], *, mode: str = "whole") -> None:
        super().__init__(target, candidates=None, prevent_default_enter=True, prevent_default_tab=False)
        self._choices = choices
        self._mode = mode

    def get_search_string(self, target_state: TargetState) -> str:
        return split_typed(target_state.text[: target_state.cursor_position], self._mode)[1]

    def get_candidates(self, target_state: TargetState) -> list[DropdownItem]:
        return []  # get_matches asks the choices itself, folded

    def get_matches(self, target_state: TargetState, candidates, search_string: str) -> list[DropdownItem]:
        if self._mode == "mention" and not search_string:
            head, _typed = split_typed(target_state.text[: target_state.cursor_position], self._mode)
            # A bare @: everyone it can name (the people in Who), before a letter narrows them.
            found = everyone(self._choices()) if head.endswith("@") else []
            return [DropdownItem(choice) for choice in found]
        found = matches(search_string, self._choices())
        if len(found) == 1 and found[0] == search_string:
            return []  # typed exactly: nothing to offer
        return [DropdownItem(choice) for choice in found]

    def should_show_dropdown(self, search_string: str) -> bool:
        if self._mode == "mention" and not search_string:
            return self.option_list.option_count > 0  # a bare @ (get_matches)
        return super().should_show_dropdown(search_string)

    def apply_completion(self, value: str, state: TargetState) -> None:
        head, _ = split_typed(state.text[: state.cursor_position], self._mode)
        before = head + value
        target = self.target
        target.value = before + state.text[state.cursor_position:]
        target.cursor_position = len(before)
        self._rebuild_options(self._get_target_state(), "")

    def _listen_to_messages(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event.key == "tab":
            self.action_hide()  # see the module's docstring: tab keeps what was typed
            return
        super()._listen_to_messages(event)
