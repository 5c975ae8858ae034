"""Everyone you have met, most recently seen first, filtered as you type."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from journal.i18n import N_, _, ngettext
from journal import clock
from journal.names import fold
from journal.people_order import SORTS, next_sort, people_rows
from journal.queries import days_since
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.literal import cell
from tui.widgets.paged_table import PagedTable


def ago(days: int | None) -> str:
    if days is None:
        return _("never")
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if days < 60:
        return ngettext("{count} day ago", "{count} days ago", days).format(count=days)
    return ngettext("{count} month ago", "{count} months ago", days // 30).format(count=days // 30)


class PeopleScreen(JournalScreen):
    BINDINGS = [
        Binding("f", "filter", N_("Filter"), id="people.filter", tooltip=N_("Type to filter people by name, organisation, interest, email or phone")),
        Binding("escape", "clear_filter", N_("Clear filter"), id="people.clear", show=False, tooltip=N_("Clear the filter and go back to the list")),
        Binding("e", "edit", N_("Edit"), id="people.edit", tooltip=N_("Edit the highlighted person")),
        Binding("m", "merge", N_("Merge"), id="people.merge", tooltip=N_("Merge another person into the highlighted one")),
        Binding("d", "delete", N_("Delete"), id="people.delete", tooltip=N_("Delete the highlighted person (asks first; their encounters stay; ctrl+z undoes)")),
        Binding("s", "sort", N_("Sort"), id="people.sort", tooltip=N_("Sort by last seen, name, most met or most overdue (remembered for next time)")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="people-header", classes="screen-header")
        yield Input(placeholder=_("filter: name, organisation, interest, email (f)"), id="people-filter", compact=True)
        yield PagedTable(self._cells, lambda row: row.person.id, id="people-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Name"), _("Organisation"), _("Last seen"), _("Met"), _("Interests"))
        self.sync_data()
        table.focus()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        keep = self._highlighted_id()
        key = fold(self.query_one("#people-filter", Input).value)
        today = clock.today()
        sort = self.app.people_sort
        rows = people_rows(self.store, sort, today)
        if key:
            matches = [row for row in rows if key in fold(" ".join([
                row.person.name, *row.person.aliases, row.person.organisation, *row.person.interests,
                *row.person.emails, *row.person.phones]))]
        else:
            matches = rows
        shown = len(matches)
        self._today = today
        table.show(matches, keep)
        header = Text(ngettext("{count} person", "{count} people", len(rows)).format(count=len(rows)), style="bold")
        header.append("   " + _("sorted by {order} (s changes it)").format(order=_(SORTS.get(sort, sort))), style="dim")
        if key:
            header.append("   " + ngettext("{count} match the filter", "{count} match the filter", shown).format(count=shown), style="dim")
        self.query_one("#people-header", Static).update(header)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        elif key and table.row_count:
            table.move_cursor(row=0)  # the best match, for enter in the filter

    def _cells(self, row) -> tuple:
        person = row.person
        return (
            cell(person.name, 28, "bold"),
            cell(person.organisation, 20),
            Text(ago(days_since(row.last.when if row.last else None, self._today))),
            Text(str(row.met)),
            cell(", ".join(person.interests), 30, "dim"),
        )

    def _highlighted_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    @on(Input.Changed, "#people-filter")
    def _filter_changed(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#people-filter")
    def _filter_done(self) -> None:
        # Enter opens the highlighted match: typing "jo" and enter reaches José.
        person_id = self._highlighted_id()
        if person_id:
            self.app.open_person(person_id)
        else:
            self.query_one(DataTable).focus()

    def on_key(self, event) -> None:
        # Down from the filter goes into the list, onto the highlighted match.
        if event.key == "down" and self.focused is self.query_one("#people-filter", Input):
            event.stop()
            self.query_one(DataTable).focus()

    def action_sort(self) -> None:
        self.app.set_people_sort(next_sort(self.app.people_sort))
        self.refresh_data()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_person(event.row_key.value)

    def action_filter(self) -> None:
        self.query_one("#people-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#people-filter", Input).value = ""
        self.query_one(DataTable).focus()

    def action_merge(self) -> None:
        person_id = self._highlighted_id()
        if person_id:
            from tui.screens.person import start_merge

            start_merge(self.app, person_id)

    def action_delete(self) -> None:
        person_id = self._highlighted_id()
        if person_id:
            from tui.screens.person import start_delete

            start_delete(self.app, person_id)

    def action_edit(self) -> None:
        person_id = self._highlighted_id()
        if person_id:
            from tui.dialogs.person_edit import PersonEditDialog

            self.app.push_screen(PersonEditDialog(person_id), lambda saved: saved and self.app.data_changed())
