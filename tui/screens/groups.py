"""Groups that meet periodically: one row each, with the cadence and the next date."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from journal.i18n import N_, _, ngettext
from journal import clock
from journal.cadence import describe_date
from journal.groups import cadence_label
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.literal import cell

EMPTY = N_(
    "No groups yet. A group is people who meet periodically: a support group, a meetup, "
    "a club, a class. Press n to create one; its page then adds each meeting with the "
    "members filled in, and shows who came and who has been missing lately."
)


class GroupsScreen(JournalScreen):
    BINDINGS = [
        Binding("n", "new", N_("New group"), id="groups.new", tooltip=N_("Create a group that meets periodically")),
        Binding("e", "edit", N_("Edit"), id="groups.edit", tooltip=N_("Edit the highlighted group")),
        Binding("enter", "open", N_("Open"), id="groups.open", show=False, tooltip=N_("Open the highlighted group's page")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="groups-header", classes="screen-header")
        yield DataTable(id="groups-table", cursor_type="row", zebra_stripes=True)
        yield Static(_(EMPTY), id="groups-empty", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Group"), _("Cadence"), _("Next"), _("Members"), _("Meetings"), _("Last met"))
        self.sync_data()
        table.focus()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        keep = self.highlighted_id()
        groups = self.store.groups
        meetings = groups.by_group()
        zone = clock.local_zone()
        table.clear()
        rows = groups.all()
        for group in rows:
            summary = groups.summary(group.id, meetings[group.id])
            label = cadence_label(group)
            next_date = ""
            if summary.next_dates:
                next_date = describe_date(summary.next_dates[0].astimezone(zone), summary.schedule.whole_day)
            last = summary.meetings[0].when.astimezone(zone) if summary.meetings else None
            table.add_row(
                cell(group.name, 24, "bold"),
                cell(label, 22, "bold red" if summary.cadence_unreadable else ""),
                Text(next_date),
                Text(str(len(summary.members))),
                Text(str(len(summary.meetings))),
                Text(describe_date(last, True) if last else _("never"), style="" if last else "dim"),
                key=group.id,
            )
        count = len(rows)
        self.query_one("#groups-header", Static).update(
            Text(ngettext("{n} group", "{n} groups", count).format(n=count), style="bold")
        )
        self.query_one("#groups-empty").display = not rows
        table.display = bool(rows)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))

    def highlighted_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # the cursor is on no row
            return None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_group(event.row_key.value)

    def action_open(self) -> None:
        group_id = self.highlighted_id()
        if group_id:
            self.app.open_group(group_id)

    def action_new(self) -> None:
        self.app.edit_group(None)

    def action_edit(self) -> None:
        group_id = self.highlighted_id()
        if group_id:
            self.app.edit_group(group_id)
