"""A list of encounters grouped by day, newest first, loaded a page at a time.

One OptionList holds only the pages the user has scrolled to: a widget per
encounter (or a table measuring every row) would make a large journal slow to
open. Day headings are disabled options, so the cursor skips them.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal import clock, dates_out
from journal.dates import format_day_heading
from journal.models import Encounter
from tui.widgets.literal import cell
from tui.widgets.paging import PAGE_SIZE, cursor_near_end, scrolled_near_end

# Marks at the end of a row: you gave, you asked, a follow-up is open.
GAVE, ASKED, FOLLOW = "↗", "↙", "⚑"


def encounter_row(encounter: Encounter, names: list[str], width: int, *, show_time: bool = True) -> Text:
    """One line: time, who, where/setting, notes, topics, marks; exactly `width` cells."""
    width = max(width, 20)
    marks = (GAVE if encounter.gave.strip() else " ") + (ASKED if encounter.asked.strip() else " ") + (
        FOLLOW if encounter.has_open_follow_up else " "
    )
    where = encounter.place
    if encounter.setting:
        where = f"{where} · {encounter.setting}" if where else encounter.setting
    notes = encounter.notes.strip().split("\n", 1)[0]
    topics = " ".join("#" + t for t in encounter.topics)
    # (text, width, style); the notes column takes whatever the others leave.
    # Who, Where and the topics grow with the terminal too, up to a cap (a
    # 220-column terminal used to give all its extra width to the notes and
    # cut names at 22); below 90 columns the topics go.
    columns: list[tuple[str, int, str]] = []
    if show_time:
        columns.append((encounter.when.strftime("%H:%M"), 5, "bold"))
    columns.append((", ".join(names) or "—", max(6, min(40, width // 5)), "bold"))
    if width >= 60:
        columns.append((where, min(36, width // 5), "italic"))
    notes_at = len(columns)
    columns.append((notes, 0, ""))
    if width >= 90:
        columns.append((topics, min(28, width // 8), "dim"))
    columns.append((marks, 3, ""))
    gap = 2
    used = sum(w for _, w, _ in columns) + gap * (len(columns) - 1)
    text, _, style = columns[notes_at]
    columns[notes_at] = (text, max(0, width - used), style)
    row = Text(no_wrap=True, overflow="crop")
    for index, (text, column_width, style) in enumerate(columns):
        if column_width <= 0:
            continue
        if index:
            row.append(" " * gap)
        row.append(cell(text, column_width, style))
    return row


class EncounterList(OptionList):
    """Encounters from `source(offset, limit)` (newest first), grouped by day."""

    class Opened(Message):
        def __init__(self, encounter_id: str) -> None:
            self.encounter_id = encounter_id
            super().__init__()

    def __init__(
        self,
        source: Callable[[int, int], list[Encounter]],
        names: Callable[[list[str]], list[str]],
        *,
        group_by_day: bool = True,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self._source = source
        self._names = names
        self._group = group_by_day
        self._loaded: list[Encounter] = []
        self._exhausted = False
        self._width = 0  # the width the rows were last built for
        self._pending_select: str | None = None  # asked for before the list had a size
        # Rows already built, by what they show: a rebuild after a save builds only the new row.
        self._rows: dict[tuple, Text] = {}

    # ------------------------------------------------------------ public
    def reload(self, select_id: str | None = None) -> None:
        """Re-read from the source (keeping as many rows as were loaded)."""
        keep = self.highlighted_encounter_id() if select_id is None else select_id
        wanted = max(PAGE_SIZE, len(self._loaded))
        self._loaded = list(self._source(0, wanted))
        self._exhausted = len(self._loaded) < wanted
        self._rebuild(keep)

    def highlighted_encounter_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None

    @property
    def loaded_count(self) -> int:
        return len(self._loaded)

    # ---------------------------------------------------------- internals
    def _render_width(self) -> int:
        """The width rows are built at: less the scrollbar when they overflow, so that its
        appearing after the build changes nothing (and the next rebuild finds its rows built)."""
        region = self.content_region
        width = region.width
        if self._row_count() > region.height:
            width -= self.styles.scrollbar_size_vertical
        return max(20, width - 2)

    def _row_count(self) -> int:
        """The options the loaded encounters make: one each, and a heading per day when grouped."""
        if not self._group:
            return len(self._loaded)
        zone = clock.local_zone()
        return len(self._loaded) + len({encounter.when.astimezone(zone).date() for encounter in self._loaded})

    def _build_options(self, encounters: list[Encounter], previous_day: date | None) -> list[Option]:
        today = clock.today()
        width = self._render_width()
        options: list[Option] = []
        day = previous_day
        for encounter in encounters:
            when = encounter.when.astimezone(clock.local_zone())
            if self._group and when.date() != day:
                day = when.date()
                heading = Text(format_day_heading(day, today), style="bold underline")
                options.append(Option(heading, id=f"day-{day.isoformat()}-{len(options)}", disabled=True))
            # Ungrouped rows carry their date (12 cells) instead of a day heading.
            row_width = width if self._group else width - 12
            names = self._names(encounter.people)
            # Everything the row shows (not updated_at: edits within a second, or by hand, keep it).
            key = (row_width, self._group, encounter.id, when, tuple(names), encounter.place, encounter.setting,
                   encounter.notes, tuple(encounter.topics), encounter.gave, encounter.asked,
                   encounter.has_open_follow_up)
            row = self._rows.get(key)
            if row is None:
                row = encounter_row(encounter, names, row_width, show_time=self._group)
                if not self._group:
                    row = Text(dates_out.compact_date(when) + " ", style="bold") + row
                self._rows[key] = row
            options.append(Option(row, id=encounter.id))
        return options

    def _rebuild(self, select_id: str | None) -> None:
        if not self.size.width:
            # Not laid out yet (on mount): the first resize builds the rows at
            # their real width, instead of building them twice.
            self._pending_select = select_id
            self._width = 0  # so that the resize rebuilds, whatever width it brings
            return
        self._width = self._render_width()
        if len(self._rows) > 4 * max(PAGE_SIZE, len(self._loaded)):
            self._rows.clear()  # rows of other widths and of what changed since
        self.set_options(self._build_options(self._loaded, None))
        self._select(select_id)

    def _select(self, select_id: str | None) -> None:
        if not self.option_count:
            return
        if select_id is not None:
            try:
                self.highlighted = self.get_option_index(select_id)
                return
            except Exception:
                pass
        for index in range(self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return

    def _load_more(self) -> None:
        if self._exhausted:
            return
        page = list(self._source(len(self._loaded), PAGE_SIZE))
        self._exhausted = len(page) < PAGE_SIZE
        if not page:
            return
        last_day = self._loaded[-1].when.astimezone(clock.local_zone()).date() if self._loaded else None
        self._loaded.extend(page)
        self.add_options(self._build_options(page, last_day))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if scrolled_near_end(self, new_value):
            self._load_more()

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if cursor_near_end(self.highlighted, self.option_count):
            self._load_more()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.disabled:
            self.post_message(self.Opened(event.option.id))

    def on_resize(self) -> None:
        width = self._render_width()
        if width != self._width:
            keep = self.highlighted_encounter_id() or self._pending_select
            self._pending_select = None
            self._rebuild(keep)
