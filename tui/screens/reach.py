"""Reach: who could introduce me to a person, an organisation, a topic or an interest (issue 18)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _, ngettext
from journal import clock
from journal.reach import ME, kind_label, reach
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.literal import literal

HINT = N_("Type a name, org:ACME, #topic or interest:cycling, then enter. Enter on a path opens the person.")
# What the question asked for, in the sentence that says nothing matched.
_NO_MATCH = {
    "person": N_("No one in the journal matches person '{target}'."),
    "organisation": N_("No one in the journal matches organisation '{target}'."),
    "topic": N_("No one in the journal matches topic '{target}'."),
    "interest": N_("No one in the journal matches interest '{target}'."),
}


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
        Binding("f", "ask", N_("Ask"), id="reach.ask", tooltip=N_("Type whom you want to reach")),
        Binding("escape", "clear", N_("Clear"), id="reach.clear", tooltip=N_("Clear the question and leave the box: the screen keys work again")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Reach: who could introduce you"), style="bold"), id="reach-header", classes="screen-header")
        yield Input(placeholder=_("a name, org:ACME, #topic or interest:cycling"), id="reach-input", compact=True)
        yield Static(_(HINT), id="reach-summary", markup=False)
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
            summary.update(_(HINT))
            return
        result = reach(self.store, clock.today(), **target)
        names = {p.id: p.name for p in self.store.people()}
        if result.kind == "person" and not result.matched and result.suggestions:
            line = _("No one called '{target}'. Closest names: {names}.").format(
                target=result.target, names=", ".join(result.suggestions))
        elif not result.matched:
            template = _NO_MATCH.get(result.kind)
            line = (_(template) if template else "No one in the journal matches {kind} '{target}'.").format(
                kind=result.kind, target=result.target)
        elif not result.paths:
            line = _("No path within 3 hops.")
        else:
            count = len(result.paths)
            line = ngettext("{count} path, best first (at most 3 hops).", "{count} paths, best first (at most 3 hops).",
                            count).format(count=count)
        summary.update(literal(line))
        for rank, path in enumerate(result.paths, 1):
            prompt = Text()
            you = _("you")
            chain = " → ".join([you, *(names.get(h.target, "?") for h in path.hops)])
            prompt.append(f"{rank}. ", style="bold")
            prompt.append_text(literal(chain, "bold"))
            prompt.append("  · " + _("score {score}").format(score=f"{path.score:.2f}") + "\n", style="dim")
            prompt.append_text(literal(_("why: {why}").format(why=path.why) + "\n", "italic"))
            for hop in path.hops:
                source = you if hop.source == ME else names.get(hop.source, "?")
                prompt.append_text(literal(f"· {source} → {names.get(hop.target, '?')}: {kind_label(hop.kind)}; {hop.evidence}\n", "dim"))
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
