"""Lists that lay out a page of rows at a time (the timeline, People, the Agenda).

Textual's OptionList and DataTable lay out every row they hold, so a long list
holds a page, and the next page comes as the cursor or the scroll nears its
end. One rule for all three: how many rows, and when more.
"""
from __future__ import annotations

from collections.abc import Iterable

# More than the tallest terminal shows; every row held is laid out again on each redraw, so not more.
PAGE_SIZE = 100
NEAR_END = 20  # rows left below the cursor when the next page comes


def first_page(keys: Iterable[str], keep: str | None) -> int:
    """How many rows to lay out first: a page, or down past the row `keep` (a redraw keeps it highlighted)."""
    if keep is not None:
        for index, key in enumerate(keys):
            if key == keep:
                return max(PAGE_SIZE, index + 1 + NEAR_END)
    return PAGE_SIZE


def cursor_near_end(index: int | None, count: int) -> bool:
    return index is not None and index >= count - NEAR_END


def scrolled_near_end(widget, scroll_y: float) -> bool:
    """The scroll shows the last screenful of what `widget` holds (a list that fits never scrolls)."""
    return 0 < widget.max_scroll_y <= scroll_y + widget.size.height
