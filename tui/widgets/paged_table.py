"""A DataTable given all its rows at once, that adds them a page at a time.

DataTable measures every cell of every row it is given (for its column widths)
and lays them all out: the 500 people of a large journal were most of the
People screen's first visit. The rows below the first page are added when the
cursor or the scroll comes near the end, as the timeline does.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from tui.widgets.paging import PAGE_SIZE, cursor_near_end, first_page, scrolled_near_end

Item = TypeVar("Item")



class PagedTable(DataTable, Generic[Item]):
    def __init__(self, cells: Callable[[Item], Sequence], key: Callable[[Item], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self._cells = cells
        self._key = key
        self._waiting: list[Item] = []
        self._adding = False  # adding the first row moves the cursor, which must not add the next page

    def show(self, items: Sequence[Item], keep: str | None = None) -> None:
        """Replace the rows; the first page is added now, and further if `keep`'s row is further."""
        self._waiting = []  # clearing moves the cursor: nothing of the old rows may be added
        self.clear()
        self._waiting = list(items)
        self._add(first_page(map(self._key, items), keep))

    def _add(self, count: int) -> None:
        page, self._waiting = self._waiting[:count], self._waiting[count:]
        self._adding = True
        try:
            for item in page:
                self.add_row(*self._cells(item), key=self._key(item))
        finally:
            self._adding = False

    def _near_end(self) -> None:
        if self._waiting and not self._adding and cursor_near_end(self.cursor_row, self.row_count):
            self._add(PAGE_SIZE)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._near_end()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._waiting and not self._adding and scrolled_near_end(self, new):
            self._add(PAGE_SIZE)

    def action_scroll_bottom(self) -> None:
        # ctrl+end goes to the last row there is, not the last one added.
        self._add(len(self._waiting))
        super().action_scroll_bottom()
