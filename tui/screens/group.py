"""One group: where and how often it meets, the next dates, who comes, its meetings."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from journal.i18n import N_, _, ngettext
from journal import clock
from journal.cadence import describe_date
from journal.errors import JournalError, NotFoundError
from journal.groups import GroupSummary, attendance_line, cadence_label
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.widgets.encounter_list import EncounterList
from tui.widgets.literal import cell, literal


class GroupScreen(JournalScreen):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="group.back", tooltip=N_("Back")),
        Binding("a", "add_meeting", N_("Add meeting"), id="group.add_meeting",
                tooltip=N_("Note a meeting: the members, the place and the latest date are filled in")),
        Binding("e", "edit", N_("Edit"), id="group.edit", tooltip=N_("Edit the name, kind, cadence, place, members, notes")),
        Binding("m", "add_member", N_("Add member"), id="group.add_member", tooltip=N_("Add someone from the journal to the group")),
        Binding("r", "remove_member", N_("Remove member"), id="group.remove_member", tooltip=N_("Remove the highlighted member (ctrl+z undoes)")),
        Binding("x", "change_date", N_("Cancel/move a date"), id="group.change_date", tooltip=N_("Cancel one meeting of the cadence, or move it")),
        Binding("d", "delete", N_("Delete"), id="group.delete", tooltip=N_("Delete the group; its meetings stay as encounters (ctrl+z undoes)")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.summary: GroupSummary | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="group-title", classes="screen-header")
        with Vertical(id="group-body"):
            yield Static(id="group-facts")
            yield Label(_("Members (enter opens a profile; m adds, r removes)"), classes="section-title")
            yield DataTable(id="group-members", cursor_type="row", zebra_stripes=True)
            yield Label(_("Meetings, newest first (enter opens one; a adds one)"), classes="section-title")
            yield EncounterList(self._page, self.store.names, group_by_day=False, id="group-meetings")
        yield KeysFooter()

    def _page(self, offset: int, limit: int):
        meetings = self.summary.meetings if self.summary else []
        return meetings[offset : offset + limit]

    def on_mount(self) -> None:
        self.query_one("#group-members", DataTable).add_columns(_("Member"), _("Attendance"), _("Organisation"))
        self.sync_data()
        members = self.query_one("#group-members", DataTable)
        (members if members.row_count else self.query_one(EncounterList)).focus()

    def refresh_data(self) -> None:
        try:
            summary = self.summary = self.store.groups.summary(self.group_id)
        except NotFoundError:
            # Deleted here or elsewhere: only leave while on top (see PersonScreen).
            self._seen_version = -1
            if self.app.screen is self:
                self.app.pop_screen()
            return
        group = summary.group
        title = literal(group.name, style="bold")
        if group.kind:
            title.append("  ·  ")
            title.append_text(literal(group.kind))
        self.query_one("#group-title", Static).update(title)
        self.query_one("#group-facts", Static).update(self._facts(summary))

        table = self.query_one("#group-members", DataTable)
        keep = self.highlighted_member()
        table.clear()
        for row in summary.attendance:
            table.add_row(
                cell(row.person.name, 22, "bold"),
                cell(attendance_line(row), 56, "bold yellow" if row.person in summary.missing_lately else ""),
                cell(row.person.organisation, 14, "dim"),
                key=row.person.id,
            )
        table.display = bool(summary.attendance)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self.query_one(EncounterList).reload()

    @staticmethod
    def _facts(summary: GroupSummary) -> Text:
        group = summary.group
        zone = clock.local_zone()
        facts = Text()

        def fact(label: str, value: Text | str) -> None:
            facts.append(f"{label:<16}", style="bold")
            facts.append_text(value if isinstance(value, Text) else literal(value) if value else Text("—", style="dim"))
            facts.append("\n")

        fact(_("Where"), " · ".join(x for x in (group.place, group.setting) if x))
        if summary.cadence_unreadable:
            fact(_("Cadence"), Text(_("unreadable cadence (e sets it again)"), style="bold red"))
        else:
            fact(_("Cadence"), cadence_label(group))
        if summary.schedule is not None and summary.schedule.readable:
            whole = summary.schedule.whole_day
            dates = "  ·  ".join(describe_date(d.astimezone(zone), whole) for d in summary.next_dates)
            fact(_("Next"), dates or Text(_("no date ahead"), style="dim"))
        missing = ", ".join(p.name for p in summary.missing_lately)
        fact(_("Missing lately"), literal(missing, style="bold yellow") if missing else Text(_("nobody"), style="dim"))
        count = len(summary.meetings)
        meetings = ngettext("{n} meeting", "{n} meetings", count).format(n=count) if count else _("none yet: press a to add one")
        fact(_("Meetings"), meetings)
        if group.notes:
            fact(_("Notes"), group.notes)
        return facts

    def highlighted_member(self) -> str | None:
        table = self.query_one("#group-members", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # the cursor is on no row
            return None

    # ----------------------------------------------------------- actions
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_person(event.row_key.value)

    def on_encounter_list_opened(self, event: EncounterList.Opened) -> None:
        self.app.open_encounter(event.encounter_id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_add_meeting(self) -> None:
        self.app.action_quick_add(group_id=self.group_id)

    def action_edit(self) -> None:
        self.app.edit_group(self.group_id)

    def action_add_member(self) -> None:
        from tui.dialogs.pick_person import PickPersonDialog

        group = self.store.groups.get(self.group_id)

        def picked(person_id: str | None) -> None:
            if not person_id:
                return
            if person_id in group.members:
                self.notify(_("{name} is already a member.").format(name=self.store.person(person_id).name))
                return
            try:
                change = self.store.groups.add_member(self.group_id, person_id)
            except JournalError as exc:
                self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
                return
            self.app.record_change(_("adding the member"), lambda: self.store.groups.undo_change(change))
            self.notify(_("{name} joined {group}. ctrl+z undoes it.").format(
                name=self.store.person(person_id).name, group=group.name), title=_("Saved"))

        self.app.push_screen(PickPersonDialog(_("Who joins {group}?").format(group=group.name)), picked)

    def action_remove_member(self) -> None:
        person_id = self.highlighted_member()
        if person_id is None:
            self.notify(_("No member to remove: the group has none yet (m adds one)."), severity="warning")
            return
        group = self.store.groups.get(self.group_id)
        name = self.store.person(person_id).name

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                change = self.store.groups.remove_member(self.group_id, person_id)
            except JournalError as exc:
                self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
                return
            self.app.record_change(_("removing the member"), lambda: self.store.groups.undo_change(change))
            self.notify(_("{name} left {group}. ctrl+z undoes it.").format(name=name, group=group.name), title=_("Saved"))

        question = _("Remove {name} from {group}? Their meetings stay as they are.").format(name=name, group=group.name)
        self.app.push_screen(ConfirmDialog(question, yes=_("Remove"), no=_("Keep")), answered)

    def action_change_date(self) -> None:
        from tui.dialogs.group_date import GroupDateDialog

        summary = self.summary
        if summary is None or summary.schedule is None or not summary.schedule.readable:
            self.notify(_("This group has no cadence to change a date of; press e to set one."), severity="warning")
            return

        def done(change) -> None:
            if change is not None:
                self.app.record_change(_("the date change"), lambda: self.store.groups.undo_change(change))

        self.app.push_screen(GroupDateDialog(self.group_id), done)

    def action_delete(self) -> None:
        group = self.store.groups.get(self.group_id)
        count = len(self.summary.meetings) if self.summary else 0

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                deleted = self.store.groups.delete(self.group_id)
            except JournalError as exc:
                self.notify(str(exc), title=_("Not deleted"), severity="error", markup=False)
                return
            self.app.pop_screen()
            self.app.record_change(_("the group's deletion"), lambda: self.store.groups.restore(deleted))
            meetings = len(deleted.meeting_ids)
            self.notify(
                ngettext(
                    "Group deleted; its {count} meeting(s) stay in the timeline as plain encounters. "
                    "ctrl+z brings the group back.",
                    "Group deleted; its {count} meeting(s) stay in the timeline as plain encounters. "
                    "ctrl+z brings the group back.",
                    meetings,
                ).format(count=meetings),
                title=_("Deleted"),
            )

        question = ngettext(
            "Delete the group {name}? Its {count} meeting(s) stay in the timeline as plain encounters.",
            "Delete the group {name}? Its {count} meeting(s) stay in the timeline as plain encounters.",
            count,
        ).format(name=group.name, count=count)
        self.app.push_screen(ConfirmDialog(question, yes=_("Delete"), no=_("Keep")), answered)
