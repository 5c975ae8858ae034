"""The `?` panel: this screen's keys in plain words, grouped.

Textual's own help panel lists the focused widget's bindings too, so on a
list it shows the table's generic cursor keys ("Cursor up", "Select") before
anything the user came for. This one lists what the screen does (each
binding's tooltip, a full sentence), then the keys that work everywhere,
then how to move around.
"""
from __future__ import annotations

import textwrap

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import key_to_character
from textual.widgets import Static

from journal.i18n import N_, _
from tui.legends import translated

# Key names as a user reads them on the keyboard.
_NAMES = {
    "escape": "esc", "space": "space", "enter": "enter", "tab": "tab",
    "pageup": "pgup", "pagedown": "pgdn", "slash": "/",
}
# The panel's text width (its CSS width, less border, padding, scroll bar): the
# explanations wrap under themselves, not under the keys.
WIDTH = 40

MOVING = [
    ("↑ ↓", N_("Move the highlight in a list")),
    ("enter", N_("Open the highlighted row, or go from a filter to its list")),
    ("tab", N_("Next field or list (shift+tab goes back)")),
    ("esc", N_("Back, or close a form (it asks first if you typed something)")),
]


def key_name(key: str) -> str:
    """"left_square_bracket" -> "[", "ctrl+s" -> "ctrl+s", "escape" -> "esc"."""
    names = []
    for one in key.split(","):
        one = one.strip()
        if one in _NAMES:
            names.append(_NAMES[one])
            continue
        character = key_to_character(one) if "+" not in one else None
        names.append(character if character and character.isprintable() else one)
    return " ".join(names)


def _rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for binding in map(translated, bindings):
        words = binding.tooltip or binding.description
        if not words or binding.action in seen:
            continue
        seen.add(binding.action)
        rows.append((key_name(binding.key), words))
    return rows


def keys_text(screen_bindings: list[Binding], app_bindings: list[Binding]) -> Text:
    text = Text()

    def group(title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        if text:
            text.append("\n")
        text.append(title + "\n", style="bold underline")
        width = max(len(key) for key, _ in rows)
        for key, words in rows:
            lines = textwrap.wrap(words, max(12, WIDTH - width - 3)) or [""]
            text.append(f" {key:<{width}}  ", style="bold")
            text.append(lines[0] + "\n")
            for line in lines[1:]:
                text.append(" " * (width + 3) + line + "\n")

    # Translated here, when ? is pressed: the language is chosen by then (tui/legends.py).
    group(_("On this screen"), _rows(screen_bindings))
    group(_("Everywhere"), _rows(app_bindings) + [("ctrl+p", _("Commands: the sections, add, search, undo, keys, themes"))])
    group(_("Moving around"), [(key, _(words)) for key, words in MOVING])
    return text


class KeysPanel(VerticalScroll):
    """Docked at the right of the screen it is mounted on; `?` again removes it."""

    def __init__(self, screen_bindings: list[Binding], app_bindings: list[Binding]) -> None:
        super().__init__(id="keys-panel")
        self._text = keys_text(screen_bindings, app_bindings)
        self.can_focus = False

    def compose(self):
        yield Static(self._text, id="keys-panel-text")
