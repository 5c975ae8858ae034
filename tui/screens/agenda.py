"""The Agenda: open follow-ups by when they are due, and people to reach out to (issue 16).

One OptionList holds every section; headings are disabled options, so the
cursor skips them. A follow-up marked done stays for a moment, struck
through, so the user sees what happened (ctrl+z brings it back, before or
after it goes).
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from journal.i18n import N_, _, ngettext
from journal import clock, dates_out
from journal.agenda import Agenda, ReachOut, compute_agenda, long_day, short_day
from journal.dates import LocalDays
from journal.errors import JournalError, NotFoundError
from journal.models import Encounter
from tui.screens.base import JournalScreen
from tui.widgets.columns import Table
from tui.widgets.footer import KeysFooter
from tui.widgets.paging import PAGE_SIZE, cursor_near_end, first_page, scrolled_near_end

FOLLOW_UP, PERSON, MEETING, HEADING = "follow-up:", "person:", "meeting:", "heading:"
OPEN_MARK, DONE_MARK = "☐", "☑"

# Heading of each section, and what it says when empty.
_HEADINGS = {
    "overdue": (N_("Overdue"), N_("nothing overdue")),
    "today": (N_("Today"), N_("nothing due today")),
    "this_week": (N_("This week"), N_("nothing else this week")),
    "later": (N_("Later"), N_("nothing later")),
    "someday": (N_("Someday (no date)"), N_("no follow-up without a date")),
    "reach_out": (N_("Reach out"), N_("nobody past their keep-in-touch cadence")),
    "meetings": (N_("Meetings, the next 7 days"), N_("no group meets in the next 7 days")),
}


class AgendaList(OptionList):
    def action_last(self) -> None:
        # end goes to the last row there is, not the last one drawn yet.
        self.screen.draw_all_rows()
        super().action_last()


_SHOWN = ("overdue", "today", "this_week", "later", "someday", "reach_out", "meetings")


class AgendaScreen(JournalScreen):
    BINDINGS = [
        Binding("space", "done", N_("Done"), id="agenda.done", tooltip=N_("Mark the highlighted follow-up done (ctrl+z brings it back)")),
        Binding("s", "snooze", N_("Snooze"), id="agenda.snooze", tooltip=N_("Move the highlighted follow-up to another day")),
        Binding("enter", "open", N_("Open"), id="agenda.open", tooltip=N_("Open the encounter (on Reach out: the person; on Meetings: the group)")),
        Binding("a", "add", N_("Add"), id="agenda.add", tooltip=N_("Add an encounter; on a Reach out row, with that person; on a meeting, a meeting of that group")),
    ]

    # How long a row marked done stays, struck through, before it goes.
    FADE_SECONDS = 2.5

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.agenda: Agenda | None = None
        self._fading: set[str] = set()  # encounter ids marked done here a moment ago
        self._drawn_width = 0  # the row width the options were last drawn for
        self._drawn_rows = 0  # and how many rows there were
        # What the rows show, placed in order, and how many of them are options yet.
        self._tables: dict = {}
        self._placed: list[tuple] = []
        self._columns: dict = {}
        self._drawn_upto = 0

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-header", classes="screen-header")
        yield AgendaList(id="agenda-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sync_data()
        options = self.query_one("#agenda-list", OptionList)
        self.watch(options, "scroll_y", self._scrolled, init=False)
        options.focus()

    # ----------------------------------------------------------- drawing
    def refresh_data(self) -> None:
        settings = self.app.settings
        today = clock.today()
        self.agenda = compute_agenda(
            self.store, today,
            first_weekday=settings.first_weekday,
            default_cadence=settings.keep_in_touch_days,
            keep=frozenset(self._fading),
        )
        self._draw_header(self.agenda)
        self._draw_rows()

    def _row_width(self, rows: int) -> int:
        """The width `rows` rows are drawn at: less the scrollbar when they overflow, so that
        its appearing after the draw does not change the width (and redraw them all)."""
        options = self.query_one("#agenda-list", OptionList)
        width = options.content_region.width
        if rows > options.content_region.height:
            width -= options.styles.scrollbar_size_vertical
        return max(40, width - 2)

    def _draw_rows(self) -> None:
        """The rows of a page in one `set_options`: OptionList lays its lines out again on every add."""
        agenda = self.agenda
        today = agenda.as_of
        options = self.query_one("#agenda-list", OptionList)
        if not options.size.width:
            return  # not laid out yet (on mount): the first resize draws the rows, at their real width
        keep_id = self._highlighted_id()
        keep_index = options.highlighted
        shown = [name for name in _SHOWN
                 # no group at all: the meetings section would only say so
                 if name != "meetings" or agenda.section(name) or self.store.has_groups()]
        self._drawn_rows = sum(1 + len(agenda.section(name)) for name in shown)
        width = self._drawn_width = self._row_width(self._drawn_rows)
        # Each kind of row is a table: its columns are sized from all its rows, then drawn.
        tables = {FOLLOW_UP: Table(fitted=2, rest=2), PERSON: Table(fitted=2, rest=3, main=2), MEETING: Table(fitted=2, rest=2)}
        placed: list[tuple] = []  # (kind, heading Text or row index, option id, done)
        for name in shown:
            items = agenda.section(name)
            placed.append((HEADING, self._heading(name, len(items)), HEADING + name, False))
            for item in items:
                if name == "reach_out":
                    index = tables[PERSON].add(self._person_row(item, width, today))
                    placed.append((PERSON, index, PERSON + item.person.id, False))
                elif name == "meetings":
                    # A group may meet twice in the week: its id and the time make the option's id.
                    option_id = "{prefix}{group}@{when}".format(prefix=MEETING, group=item.group.id, when=item.when.isoformat())
                    index = tables[MEETING].add(self._meeting_row(item, width, today))
                    placed.append((MEETING, index, option_id, False))
                else:
                    done = item.follow_up.done
                    # A row marked done says, for the moment it stays, how to bring it back.
                    note = (_("ctrl+z brings it back"), "italic") if done else None
                    index = tables[FOLLOW_UP].add(self._follow_up_row(item, name, width, today), note)
                    placed.append((FOLLOW_UP, index, FOLLOW_UP + item.id, done))
        self._tables, self._placed = tables, placed
        self._columns = {kind: table.columns(width) for kind, table in tables.items()}
        # A page of rows, or down to the highlighted one: OptionList lays out every option it
        # holds, and the rest of a long agenda comes as the cursor or the scroll nears it.
        self._drawn_upto = min(first_page((option_id for _kind, _what, option_id, _done in placed), keep_id), len(placed))
        options.set_options(self._options(0, self._drawn_upto))
        self._select(keep_id, keep_index)

    def _options(self, start: int, stop: int) -> list[Option]:
        rows: list[Option] = []
        for kind, what, option_id, done in self._placed[start:stop]:
            if kind == HEADING:
                rows.append(Option(what, id=option_id, disabled=True))
                continue
            row = self._tables[kind].draw_row(what, self._columns[kind])
            if done:
                row.stylize("dim")
            rows.append(Option(row, id=option_id))
        return rows

    def _draw_more(self, count: int = PAGE_SIZE) -> None:
        """The next page of rows, when the cursor or the scroll comes near the last one drawn."""
        if self._drawn_upto >= len(self._placed):
            return
        start, self._drawn_upto = self._drawn_upto, min(self._drawn_upto + count, len(self._placed))
        self.query_one("#agenda-list", OptionList).add_options(self._options(start, self._drawn_upto))

    def draw_all_rows(self) -> None:
        self._draw_more(len(self._placed))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if cursor_near_end(event.option_index, event.option_list.option_count):
            self._draw_more()

    def _scrolled(self, scroll_y: float) -> None:
        options = self.query_one("#agenda-list", OptionList)
        if scrolled_near_end(options, scroll_y):
            self._draw_more()

    def _heading(self, name: str, count: int) -> Text:
        title, empty = (_(words) for words in _HEADINGS[name])
        if name == "this_week":
            title = _("This week, until {day}").format(day=short_day(self.agenda.week_end, self.agenda.as_of))
        heading = Text(title, style="bold underline")
        if count:
            heading.append(f"  {count}", style="bold")
        else:
            heading.append(f"  {empty}", style="dim")
        return heading

    def _draw_header(self, agenda: Agenda) -> None:
        header = Text(_("Agenda"), style="bold")
        header.append("  " + dates_out.padded_day(agenda.as_of))
        counts = [
            (ngettext("{n} overdue", "{n} overdue", len(agenda.overdue)), len(agenda.overdue), "bold red"),
            (ngettext("{n} today", "{n} today", len(agenda.today)), len(agenda.today), "bold"),
            (ngettext("{n} this week", "{n} this week", len(agenda.this_week)), len(agenda.this_week), ""),
            (ngettext("{n} to reach out", "{n} to reach out", len(agenda.reach_out)), len(agenda.reach_out), ""),
        ]
        for template, n, style in counts:
            header.append("  ")
            header.append(template.format(n=n), style=style if n else "dim")
        self.query_one("#agenda-header", Static).update(header)

    # The rows' columns, (text, style) each; a Table sizes them (tui/widgets/columns.py).
    # The first two are never cut; the extra ones come when the row has room for them.
    def _follow_up_row(self, encounter: Encounter, section: str, width: int, today) -> list[tuple[str, str]]:
        follow = encounter.follow_up
        done = follow.done
        if done:
            when = _("done")
        elif section == "today":
            when = _("today")
        elif follow.due:
            when = dates_out.column_day(follow.due, today)
        else:
            when = ""
        names = ", ".join(self.store.names(encounter.people))
        met = short_day(LocalDays().date_of(encounter.when), today)
        origin = f"{met} · {encounter.place}" if encounter.place else met
        columns = [
            (DONE_MARK if done else OPEN_MARK, ""),
            (when, "bold red" if section == "overdue" and not done else "bold"),
            (follow.text, "strike" if done else ""),
            (names or "—", "bold" if not done else "dim"),
        ]
        if width >= 80:
            columns.append((origin, "italic dim"))
        return columns

    def _person_row(self, reach: ReachOut, width: int, today) -> list[tuple[str, str]]:
        seen = ngettext("last seen {day}, {days} day ago", "last seen {day}, {days} days ago", reach.days_since).format(
            day=short_day(reach.last_seen, today), days=reach.days_since)
        if reach.own_cadence:
            cadence = ngettext("every {n} day", "every {n} days", reach.cadence).format(n=reach.cadence)
        else:
            cadence = ngettext("every {n} day (default)", "every {n} days (default)", reach.cadence).format(n=reach.cadence)
        past = ngettext("{n} day past", "{n} days past", reach.days_past).format(n=reach.days_past)
        columns = [("→", ""), (past, "bold yellow"), (reach.person.name, "bold"), (seen, "")]
        if width >= 80:
            columns.append((cadence, "italic dim"))
        return columns

    def _meeting_row(self, meeting, width: int, today) -> list[tuple[str, str]]:
        day = dates_out.column_day(meeting.when.date(), today)
        when = day if meeting.whole_day else "{day} {time}".format(day=day, time=meeting.when.strftime("%H:%M"))
        where = " · ".join(x for x in (meeting.place, meeting.setting) if x)
        columns = [("◷", ""), (when, "bold"), (meeting.group.name, "bold")]
        if width >= 60:
            columns.append((where, "italic dim"))
        return columns

    def _select(self, keep_id: str | None, keep_index: int | None) -> None:
        options = self.query_one("#agenda-list", OptionList)
        if keep_id is not None:
            try:
                options.highlighted = options.get_option_index(keep_id)
                return
            except OptionDoesNotExist:  # gone (done, snoozed elsewhere): stay near where it was
                pass
        start = min(keep_index or 0, options.option_count - 1)
        for index in list(range(start, options.option_count)) + list(range(start - 1, -1, -1)):
            if not options.get_option_at_index(index).disabled:
                options.highlighted = index
                return
        options.highlighted = None

    def on_resize(self) -> None:
        # The columns follow the width; a resize that keeps it (three of them
        # at start) redraws nothing, and the data need not be computed again.
        if self.agenda is not None and self._row_width(self._drawn_rows) != self._drawn_width:
            self._draw_rows()

    # ----------------------------------------------------------- actions
    def _highlighted_id(self) -> str | None:
        option = self.query_one("#agenda-list", OptionList).highlighted_option
        return option.id if option is not None and not option.disabled else None

    def _highlighted_follow_up(self) -> str | None:
        option_id = self._highlighted_id()
        if option_id and option_id.startswith(FOLLOW_UP):
            return option_id[len(FOLLOW_UP):]
        return None

    def _highlighted_person(self) -> str | None:
        option_id = self._highlighted_id()
        if option_id and option_id.startswith(PERSON):
            return option_id[len(PERSON):]
        return None

    def _highlighted_group(self) -> str | None:
        option_id = self._highlighted_id()
        if option_id and option_id.startswith(MEETING):
            return option_id[len(MEETING):].split("@", 1)[0]
        return None

    def _encounter(self, encounter_id: str) -> Encounter | None:
        try:
            return self.store.encounter(encounter_id)
        except NotFoundError:
            self.refresh_data()
            return None

    def action_done(self) -> None:
        encounter_id = self._highlighted_follow_up()
        if encounter_id is None:
            self.notify(_("Highlight a follow-up to mark it done."), severity="warning")
            return
        encounter = self._encounter(encounter_id)
        if encounter is None or encounter.follow_up is None:
            return
        if encounter.follow_up.done:
            self._reopen(encounter)
            return
        try:
            self.store.set_follow_up_done(encounter_id, True)
        except JournalError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
            return
        self._fading.add(encounter_id)
        store = self.store
        self.app.record_change(_("marking the follow-up done"), lambda: store.set_follow_up_done(encounter_id, False))
        self.notify(_("Follow-up done: {text}. ctrl+z brings it back.").format(text=encounter.follow_up.text), title=_("Done"))
        self.set_timer(self.FADE_SECONDS, lambda: self._fade(encounter_id))

    def _reopen(self, encounter: Encounter) -> None:
        """Space again on a row still fading: the user changed their mind."""
        try:
            self.store.set_follow_up_done(encounter.id, False)
        except JournalError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
            return
        self._fading.discard(encounter.id)
        self.app.data_changed()
        self.notify(_("Follow-up open again."))

    def _fade(self, encounter_id: str) -> None:
        if encounter_id not in self._fading:
            return
        self._fading.discard(encounter_id)
        if self.app.screen is self:
            self.refresh_data()
        else:
            self._seen_version = -1  # redrawn when the user comes back

    def action_snooze(self) -> None:
        from tui.dialogs.snooze import SnoozeDialog

        encounter_id = self._highlighted_follow_up()
        if encounter_id is None:
            self.notify(_("Highlight a follow-up to snooze it."), severity="warning")
            return
        encounter = self._encounter(encounter_id)
        if encounter is None or encounter.follow_up is None:
            return
        if encounter.follow_up.done:
            self.notify(_("This follow-up is done: there is nothing to snooze."), severity="warning")
            return

        def snoozed(before: Encounter | None) -> None:
            if before is None:
                return
            store = self.store
            after = store.encounter(before.id).follow_up.due
            self.app.record_change(_("the snooze"), lambda: store.set_follow_up_due(before.id, before.follow_up.due))
            self.notify(
                _("Snoozed to {day}. ctrl+z undoes it.").format(day=long_day(after)), title=_("Snoozed")
            )

        self.app.push_screen(SnoozeDialog(encounter), snoozed)

    def action_open(self) -> None:
        group_id = self._highlighted_group()
        if group_id is not None:
            self.app.open_group(group_id)
            return
        person_id = self._highlighted_person()
        if person_id is not None:
            self.app.open_person(person_id)
            return
        encounter_id = self._highlighted_follow_up()
        if encounter_id is not None:
            self.app.open_encounter(encounter_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_add(self) -> None:
        group_id = self._highlighted_group()
        if group_id is not None:
            self.app.action_quick_add(group_id=group_id)  # a meeting of the group, filled in
            return
        person_id = self._highlighted_person()
        if person_id is None:
            self.app.action_quick_add()
            return
        try:
            name = self.store.person(person_id).name
        except NotFoundError:
            name = ""
        self.app.action_quick_add(who=name)
