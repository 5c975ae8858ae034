"""Reach: who could introduce me to a person, an organisation, a topic or an interest (issue 18)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from journal import clock
from journal.reach import ME, reach
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.literal import literal

HINT = "Type a name, org:ACME, #topic or interest:cycling, then enter. Enter on a path opens the person."


def parse_target(text: str) -> dict[str, str]:
    """What the box asks for: a person by default; `org:`, `#` and `interest:` say otherwise."""
    text = text.strip()
    lowered = text.casefold()
    for prefix, key in (("org:", "org"), ("interest:", "interest"), ("topic:", "topic")):
        if lowered.startswith(prefix):
            return {key: text[len(prefix):].strip()}
    if text.startswith("#"):
        return {"topic": text[1:].strip()}
    return {"person": text}


class ReachScreen(JournalScreen):
    BINDINGS = [
        Binding("f", "ask", "Ask", id="reach.ask", tooltip="Type whom you want to reach"),
        Binding("escape", "clear", "Clear", id="reach.clear", tooltip="Clear the question and leave the box: the screen keys work again"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text("Reach: who could introduce you", style="bold"), id="reach-header", classes="screen-header")
        yield Input(placeholder="a name, org:ACME, #topic or interest:cycling", id="reach-input", compact=True)
        yield Static(HINT, id="reach-summary", markup=False)
        yield OptionList(id="reach-paths")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#reach-input", Input).focus()

    def refresh_data(self) -> None:
        self._ask()

    @on(Input.Submitted, "#reach-input")
    def _submitted(self) -> None:
        self._ask()
        paths = self.query_one("#reach-paths", OptionList)
        if paths.option_count:
            paths.highlighted = 0
            paths.focus()

    def _ask(self) -> None:
        question = self.query_one("#reach-input", Input).value
        summary = self.query_one("#reach-summary", Static)
        paths = self.query_one("#reach-paths", OptionList)
        paths.clear_options()
        target = parse_target(question)
        if not any(target.values()):
            summary.update(HINT)
            return
        result = reach(self.store, clock.today(), **target)
        names = {p.id: p.name for p in self.store.people()}
        if result.kind == "person" and not result.matched and result.suggestions:
            line = f"No one called '{result.target}'. Closest names: {', '.join(result.suggestions)}."
        elif not result.matched:
            line = f"No one in the journal matches {result.kind} '{result.target}'."
        elif not result.paths:
            line = "No path within 3 hops."
        else:
            count = len(result.paths)
            line = f"{count} path{'s' if count != 1 else ''}, best first (at most 3 hops)."
        summary.update(literal(line))
        for rank, path in enumerate(result.paths, 1):
            prompt = Text()
            chain = " → ".join(["you", *(names.get(h.target, "?") for h in path.hops)])
            prompt.append(f"{rank}. ", style="bold")
            prompt.append_text(literal(chain, "bold"))
            prompt.append(f"  · score {path.score:.2f}\n", style="dim")
            prompt.append_text(literal(f"why: {path.why}\n", "italic"))
            for hop in path.hops:
                source = "you" if hop.source == ME else names.get(hop.source, "?")
                prompt.append_text(literal(f"· {source} → {names.get(hop.target, '?')}: {hop.kind}; {hop.evidence}\n", "dim"))
            paths.add_option(Option(prompt, id=path.target + f"#{rank}"))

    @on(OptionList.OptionSelected, "#reach-paths")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.app.open_person(event.option.id.rsplit("#", 1)[0])

    def action_ask(self) -> None:
        self.query_one("#reach-input", Input).focus()

    def action_clear(self) -> None:
        # Out of the box as well: in it, every letter (t, p, q, /) types, and
        # escape was the way out a user tries first.
        self.query_one("#reach-input", Input).value = ""
        self._ask()
        self.query_one("#reach-paths", OptionList).focus()
