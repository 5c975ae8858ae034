"""One subject: the current stance, how it changed and after which conversations."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from journal.i18n import N_, _
from journal import clock, dates_out
from journal.errors import JournalError, NotFoundError
from journal.opinions import opinion_changes
from journal.queries import one_line
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.encounter_list import EncounterList
from tui.widgets.literal import literal


# The stored confidence words (journal.opinions.CONFIDENCES), as the interface shows them.
_CONFIDENCES = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}


def _confidence(word: str) -> str:
    return _(_CONFIDENCES[word]) if word in _CONFIDENCES else word


class OpinionScreen(JournalScreen):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="opinion.back", tooltip=N_("Back to the opinions")),
        Binding("e", "revise", N_("Revise"), id="opinion.revise", tooltip=N_("Change the stance or confidence (the old one is kept in the history)")),
        Binding("d", "delete", N_("Delete"), id="opinion.delete", tooltip=N_("Delete this opinion (asks first; ctrl+z undoes)")),
    ]

    def __init__(self, opinion_id: str) -> None:
        super().__init__()
        self.opinion_id = opinion_id

    def compose(self) -> ComposeResult:
        yield Static(id="opinion-title", classes="screen-header")
        with VerticalScroll(id="opinion-body"):
            yield Static(id="opinion-current")
            yield Label(_("How it changed"), classes="section-title")
            yield Static(id="opinion-history")
            yield Label(_("Conversations behind it (enter opens one)"), classes="section-title")
            yield EncounterList(self._page, self.store.names, group_by_day=False, id="opinion-encounters")
        yield KeysFooter()

    def _page(self, offset: int, limit: int):
        linked = self.store.opinions.encounters_of(self.opinion_id)[::-1]  # newest first
        return linked[offset : offset + limit]

    def on_mount(self) -> None:
        self.sync_data()
        self.query_one(EncounterList).focus()

    def refresh_data(self) -> None:
        store = self.store
        try:
            opinion = store.opinions.get(self.opinion_id)
        except NotFoundError:
            # Deleted here (our delete already popped us; the resume event
            # that was on its way then found nothing to pop and crashed the
            # app), or by another process.
            self.record_gone()
            return
        self.query_one("#opinion-title", Static).update(literal(opinion.subject, style="bold"))
        current = Text()
        current.append(_("Now ({confidence} confidence)").format(confidence=_confidence(opinion.confidence)) + "\n", style="bold")
        current.append_text(literal(opinion.stance))
        self.query_one("#opinion-current", Static).update(current)

        zone = clock.local_zone()
        history = Text()
        for change in reversed(opinion_changes(opinion)):
            history.append(dates_out.plain_date_time(change.at.astimezone(zone)) + "  ", style="bold")
            history.append(_("formed") if change.kind == "formed" else _("changed"), style="italic")
            history.append(f" ({_confidence(change.confidence)})\n")
            history.append("  ")
            history.append_text(literal(change.stance))
            history.append("\n")
            if change.before is not None:
                history.append("  " + _("was:") + " ", style="dim")
                history.append_text(literal(f"{change.before.stance} ({_confidence(change.before.confidence)})", style="dim"))
                history.append("\n")
            if change.encounter:
                try:
                    encounter = store.encounter(change.encounter)
                    history.append("  " + _("after:") + " ", style="dim")
                    history.append_text(literal(one_line(encounter, store.names(encounter.people)), style="dim"))
                except NotFoundError:
                    history.append("  " + _("after: a conversation since deleted"), style="dim")
                history.append("\n")
            history.append("\n")
        self.query_one("#opinion-history", Static).update(history)
        self.query_one(EncounterList).reload()

    def on_encounter_list_opened(self, event: EncounterList.Opened) -> None:
        self.app.open_encounter(event.encounter_id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_revise(self) -> None:
        self.app.note_opinion(opinion=self.store.opinions.get(self.opinion_id))

    def action_delete(self) -> None:
        opinion = self.store.opinions.get(self.opinion_id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                deleted = self.store.opinions.delete(self.opinion_id)
            except JournalError as exc:
                self.notify(str(exc), title=_("Not deleted"), severity="error", markup=False)
                return
            self.app.pop_screen()
            self.app.record_change(_("the opinion's deletion"), lambda: self.store.opinions.restore(deleted))
            self.notify(_("Opinion deleted. ctrl+z brings it back."), title=_("Deleted"))

        question = _("Delete the opinion on {subject}?").format(subject=opinion.subject)
        self.app.push_screen(ConfirmDialog(question, yes=_("Delete"), no=_("Keep")), answered)
