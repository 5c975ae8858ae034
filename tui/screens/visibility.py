"""Visibility: what my network knows of what I do well (issue 18)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _, ngettext
from journal import clock, dates_out
from journal.visibility import ACTIVE_DAYS, FREQUENT, compute_visibility
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.literal import literal

_BARS = "▁▂▃▄▅▆▇█"


def sparkline(points: list[float | None]) -> str:
    return "".join(" " if p is None else _BARS[min(len(_BARS) - 1, int(p * len(_BARS)))] for p in points)


class VisibilityScreen(JournalScreen):
    BINDINGS = [
        Binding("e", "edit_qualities", N_("Edit qualities"), id="visibility.edit",
                tooltip=N_("Edit what you want people to know you do well")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Visibility: what your network knows of you"), style="bold"), id="visibility-header",
                     classes="screen-header")
        with VerticalScroll(id="visibility-body"):
            yield Static(id="visibility-qualities")
            yield Static(id="visibility-share")
            yield Static(Text(_("They don't know what you do"), style="bold"), id="visibility-unaware-title")
            yield OptionList(id="visibility-unaware")
            yield Static(id="visibility-breadth")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sync_data()
        self.query_one("#visibility-unaware").focus()

    def refresh_data(self) -> None:
        vis = compute_visibility(self.store, clock.today())
        text = Text()
        if not vis.qualities:
            text.append(_("No qualities yet. Press e to write what you want people to know you do well "
                          "(\"UX research\", \"Python teaching\"); then note in quick-add's You told whom you told."))
        for quality in vis.qualities:
            text.append_text(literal(quality.quality, "bold"))
            if quality.known_by:
                count = len(quality.known_by)
                text.append("  " + ngettext("known by {count} person:", "known by {count} people:", count).format(count=count) + " ",
                            style="dim")
                text.append_text(literal(", ".join(
                    _("{name} (since {day})").format(name=p.name, day=dates_out.plain_date(since)) for p, since in quality.known_by)))
            else:
                text.append("  " + _("nobody knows it yet"), style="dim")
            text.append("\n")
        self.query_one("#visibility-qualities", Static).update(text)
        share = Text()
        if vis.active:
            share.append(ngettext(
                "{aware} of the {active} people you met in the last {days} days know at least one of your qualities ({share}).",
                "{aware} of the {active} people you met in the last {days} days know at least one of your qualities ({share}).",
                vis.active,
            ).format(aware=vis.aware, active=vis.active, days=ACTIVE_DAYS, share=f"{vis.share:.0%}") + "\n")
        else:
            share.append(_("You met nobody in the last {days} days.").format(days=ACTIVE_DAYS) + "\n")
        share.append(_("Last {count} weeks:").format(count=len(vis.trend)) + " ", style="dim")
        share.append(sparkline([p for _, p in vis.trend]), style="bold")
        self.query_one("#visibility-share", Static).update(share)
        unaware = self.query_one("#visibility-unaware", OptionList)
        unaware.clear_options()
        unaware.add_options([Option(literal(p.name), id=p.id) for p in vis.unaware_frequent])
        if not vis.unaware_frequent:
            unaware.add_option(Option(Text(_("Everyone you met {count}+ times lately has heard what you do.").format(count=FREQUENT),
                                           style="dim"), disabled=True))
        b = vis.breadth
        breadth = Text(_("Network breadth, last {days} days:").format(days=ACTIVE_DAYS) + " ", style="bold")
        breadth.append(_("{organisations} organisations, {fields} fields.").format(
            organisations=len(b.organisations), fields=len(b.interests)))
        once = b.organisations_once + b.interests_once
        if once:
            breadth.append("\n" + _("Seen once only:") + " ", style="dim")
            breadth.append_text(literal(", ".join(once)))
        self.query_one("#visibility-breadth", Static).update(breadth)

    @on(OptionList.OptionSelected, "#visibility-unaware")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_person(event.option.id)

    def action_edit_qualities(self) -> None:
        from tui.dialogs.qualities import QualitiesDialog

        self.app.push_screen(QualitiesDialog(self.store.me().qualities), self._saved)

    def _saved(self, saved: bool | None) -> None:
        if saved:
            self.app.data_changed()
            self.notify(_("Qualities saved."))
