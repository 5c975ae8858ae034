"""The footer of every screen: Textual's, with `?` and `q` pinned at the right.

Textual's footer lists the focused widget's keys, then the screen's, then
the app's, and cuts what does not fit: on an 80-column terminal the app's
`? Keys` and `q Quit` went first, though `?` is the way to every other key.
Here they sit at the right with the command palette's `^p`, never cut; the
app's bindings for them are hidden from the flow on the left (show=False).
"""
from __future__ import annotations

from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PINNED = ("question_mark", "q")


class KeysFooter(Footer):
    DEFAULT_CSS = """
    KeysFooter #footer-pinned {
        dock: right;
        width: auto;
        border-left: vkey $foreground 20%;
    }
    """

    def __init__(self) -> None:
        # The palette's ^p goes into the pinned group instead of its own dock.
        super().__init__(show_command_palette=False)

    def compose(self):
        yield from super().compose()
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        keys = [*PINNED, self.app.COMMAND_PALETTE_BINDING] if self.app.ENABLE_COMMAND_PALETTE else list(PINNED)
        with HorizontalGroup(id="footer-pinned"):
            for key in keys:
                found = active.get(key)
                if found is None:
                    continue
                _, binding, enabled, tooltip = found
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip or binding.description,
                ).data_bind(compact=Footer.compact)
