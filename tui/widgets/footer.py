"""The footer of every screen: its keys on one line, with `?` and `q` pinned at the right.

Textual's Footer is a container of one widget per key, composed again each
time the bindings change (every focus change) and styled twice per key as it
mounts; it was the largest single cost of a screen switch and of the test
suite (a sixth of its time in a profile). This footer is one widget drawing
one line: when the bindings change it compares what it would show and
repaints only if that differs.

Textual's footer also cut whatever did not fit, so on an 80-column terminal
the app's `? Keys` and `q Quit` went first, though `?` is the way to every
other key. Here they sit at the right with the command palette's `^p`, never
cut; the app's bindings for them are hidden from the flow (show=False).
A click on a key presses it, and hovering shows its tooltip, as in Textual's.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.widget import Widget

PINNED = ("question_mark", "q")
_RULE = "▏"


@dataclass(frozen=True)
class _Key:
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-key--rule"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--rule {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._left: tuple[tuple[_Key, ...], ...] = ()  # runs of keys; a run of several is a group
        self._labels: tuple[str, ...] = ()  # a group's description, "" for a single key
        self._pinned: tuple[_Key, ...] = ()
        self._spans: list[tuple[int, int, _Key]] = []  # cells [start, end) -> key, from the last render

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._read_bindings()

    def _bindings_changed(self, screen) -> None:
        if screen is self.screen:
            # As Textual's footer: the screen's bindings settle after this refresh.
            self.call_after_refresh(self._read_bindings)

    def _read_bindings(self) -> None:
        if not self.is_attached:  # the screen went away before this callback ran
            return
        active = self.screen.active_bindings
        runs: list[list[_Key]] = []
        labels: list[str] = []
        last_group = None
        seen_actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            key = _Key(binding.key, self.app.get_key_display(binding), binding.description, enabled,
                       tooltip or binding.tooltip or binding.description)
            group = binding.group
            if group is not None and group is last_group:
                runs[-1].append(key)
            else:
                runs.append([key])
                labels.append(group.description if group is not None else "")
            last_group = group
        pinned_keys = [*PINNED, self.app.COMMAND_PALETTE_BINDING] if self.app.ENABLE_COMMAND_PALETTE else list(PINNED)
        pinned = []
        for name in pinned_keys:
            found = active.get(name)
            if found is not None:
                _node, binding, enabled, tooltip = found
                pinned.append(_Key(binding.key, self.app.get_key_display(binding), binding.description, enabled,
                                   tooltip or binding.tooltip or binding.description))
        left = tuple(tuple(run) for run in runs)
        shown = (left, tuple(labels), tuple(pinned))
        if shown != (self._left, self._labels, self._pinned):
            self._left, self._labels, self._pinned = shown
            self.refresh()

    # ------------------------------------------------------------ drawing
    def _piece(self, key: _Key, with_description: bool) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        piece = Text()
        piece.append(f" {key.display} ", style=key_style)
        if with_description and key.description:
            piece.append(f"{key.description} ", style=description_style)
        if not key.enabled:
            piece.stylize("dim")
        return piece

    def _line(self, runs, labels, spans: list, start: int) -> Text:
        """The keys of `runs` as one line, recording each key's cells in `spans` from `start`."""
        line = Text()
        description_style = self.get_component_rich_style("footer-key--description")
        for run, label in zip(runs, labels):
            if len(run) == 1 and not label:
                piece = self._piece(run[0], True)
                spans.append((start + line.cell_len, start + line.cell_len + piece.cell_len, run[0]))
                line.append_text(piece)
                continue
            for key in run:
                piece = self._piece(key, False)
                # Keys of a group sit one space apart: " t p w o ".
                piece.right_crop(1)
                spans.append((start + line.cell_len, start + line.cell_len + piece.cell_len, key))
                line.append_text(piece)
            line.append(f" {label} ", style=description_style)
        return line

    def render(self) -> Text:
        width = self.size.width
        spans: list[tuple[int, int, _Key]] = []
        pinned_spans: list[tuple[int, int, _Key]] = []
        pinned = self._line([[k] for k in self._pinned], [""] * len(self._pinned), pinned_spans, 0)
        room = max(0, width - pinned.cell_len - 1)
        left = self._line(self._left, self._labels, spans, 0)
        if left.cell_len > room:
            # Whole keys only: a key cut in half ("x Expo") reads as a different word.
            self._spans = [s for s in spans if s[1] <= room]
            left.truncate(self._spans[-1][1] if self._spans else 0)
        else:
            self._spans = spans
        left.truncate(room, pad=True)
        offset = room + 1
        self._spans += [(a + offset, b + offset, key) for a, b, key in pinned_spans]
        line = Text()
        line.append_text(left)
        line.append(_RULE, style=self.get_component_rich_style("footer-key--rule"))
        line.append_text(pinned)
        return line

    # ------------------------------------------------------------ mouse
    def _key_at(self, x: int) -> _Key | None:
        for start, end, key in self._spans:
            if start <= x < end:
                return key
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        self.tooltip = key.tooltip if key is not None else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if not key.enabled:
            self.app.bell()
        else:
            self.app.simulate_key(key.key)

