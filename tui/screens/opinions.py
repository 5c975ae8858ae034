"""Opinions: subjects you hold a view on, most recently changed first, filtered as you type."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _, ngettext
from journal.names import fold
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.literal import cell


class OpinionsScreen(JournalScreen):
    BINDINGS = [
        Binding("n", "new", N_("New opinion"), id="opinions.new", tooltip=N_("Note what you think about a subject")),
        Binding("e", "revise", N_("Revise"), id="opinions.revise", tooltip=N_("Revise the highlighted opinion (the old stance stays in its history)")),
        Binding("f", "filter", N_("Filter"), id="opinions.filter", tooltip=N_("Type to filter subjects and stances")),
        Binding("escape", "clear_filter", N_("Clear filter"), id="opinions.clear", show=False, tooltip=N_("Clear the filter")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="opinions-header", classes="screen-header")
        yield Input(placeholder=_("filter subjects and stances (f)"), id="opinions-filter", compact=True)
        yield OptionList(id="opinions-list")
        yield Static(
            _("No opinions yet. Press n to note what you think about a subject, or n on an "
              "encounter to link the opinion to the conversation that shaped it."),
            id="opinions-empty",
            markup=False,
        )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sync_data()
        self.query_one("#opinions-list").focus()

    def refresh_data(self) -> None:
        options = self.query_one("#opinions-list", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        key = fold(self.query_one("#opinions-filter", Input).value)
        opinions = self.store.opinions.all()
        width = max(30, options.scrollable_content_region.width - 2)
        subject_w = min(30, width // 3)
        rows = []
        for opinion in opinions:
            if key and key not in fold(opinion.subject + " " + opinion.stance):
                continue
            row = Text(no_wrap=True)
            row.append(cell(opinion.subject, subject_w, "bold"))
            row.append("  ")
            row.append(cell(_(opinion.confidence), 6, "italic"))
            row.append("  ")
            row.append(cell(opinion.stance.split("\n", 1)[0], max(5, width - subject_w - 10)))
            rows.append(Option(row, id=opinion.id))
        options.clear_options()
        options.add_options(rows)
        if keep and any(o.id == keep for o in rows):
            options.highlighted = options.get_option_index(keep)
        elif rows:
            options.highlighted = 0
        header = Text(ngettext("{count} opinion", "{count} opinions", len(opinions)).format(count=len(opinions)), style="bold")
        header.append("   " + _("most recently changed first"), style="dim")
        self.query_one("#opinions-header", Static).update(header)
        self.query_one("#opinions-empty").display = not opinions
        options.display = bool(opinions)

    def on_resize(self) -> None:
        self.refresh_data()

    @on(Input.Changed, "#opinions-filter")
    def _filter_changed(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#opinions-filter")
    def _filter_done(self) -> None:
        self.query_one("#opinions-list").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tui.screens.opinion import OpinionScreen

        self.app.push_screen(OpinionScreen(event.option.id))

    def action_filter(self) -> None:
        self.query_one("#opinions-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#opinions-filter", Input).value = ""
        self.query_one("#opinions-list").focus()

    def action_revise(self) -> None:
        option = self.query_one("#opinions-list", OptionList).highlighted_option
        if option is not None and option.id:
            self.app.note_opinion(opinion=self.store.opinions.get(option.id))

    def action_new(self) -> None:
        self.app.note_opinion()
