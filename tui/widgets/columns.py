"""Rows of text laid out in columns sized from what they hold (the Agenda's rows).

One rule at every width. The first `fitted` columns (a mark, a date) are as
wide as their longest text: they are never cut, so a date keeps its year in
any language. The other columns share the room left, the `main` column
(what the row is about: the task, the person) taking two shares and the
others one: each gets its longest text if that fits in its share, and what
it does not need goes to the others; those still too wide split the rest by
their shares and are cut with "…". Room left over once every column fits
goes to the `rest` column, so the columns after it line up further right.

The widths are measured over all the rows of a table, so its columns line up.
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from tui.widgets.literal import cell, one_line

GAP = 2


def widths(rows: list[list[str]], fitted: int, rest: int, width: int, main: int | None = None) -> list[int]:
    """The width of each column of `rows` (all with the same columns) in a row `width` cells wide."""
    if not rows:
        return []
    count = len(rows[0])
    longest = [max(cell_len(one_line(row[i])) for row in rows) for i in range(count)]
    result = longest[:]
    room = width - sum(longest[:fitted]) - GAP * (count - 1)
    main = rest if main is None else main
    weight = [2 if i == main else 1 for i in range(count)]
    sharing = list(range(fitted, count))
    while sharing:
        units = sum(weight[i] for i in sharing)
        fit = [i for i in sharing if longest[i] * units <= room * weight[i]]
        if not fit:
            break
        for i in fit:
            room -= longest[i]
            sharing.remove(i)
    units = sum(weight[i] for i in sharing)
    for i in sharing:
        result[i] = max(0, room * weight[i] // units)
    # What is left (all the room once every column fits, else what rounding leaves) goes to one column.
    result[sharing[0] if sharing else rest] += max(0, room - sum(result[i] for i in sharing))
    return result


class Table:
    """Rows added one by one, drawn together once their columns are known."""

    def __init__(self, fitted: int, rest: int, main: int | None = None) -> None:
        self.fitted, self.rest, self.main = fitted, rest, main
        self.rows: list[list[tuple[str, str]]] = []  # (text, style) per column
        self.notes: list[tuple[str, str] | None] = []

    def add(self, cells: list[tuple[str, str]], note: tuple[str, str] | None = None) -> int:
        """Add a row; its index, to take its drawn Text from `draw`. A `note` (text, style)
        follows the `rest` column's whole text when its column has room for both: it sizes no column."""
        self.rows.append(cells)
        self.notes.append(note)
        return len(self.rows) - 1

    def draw(self, width: int) -> list[Text]:
        columns = self.columns(width)
        return [self.draw_row(index, columns) for index in range(len(self.rows))]

    def columns(self, width: int) -> list[int]:
        """The width of each column, from all the rows: rows drawn later, a page at a time, line up."""
        return widths([[text for text, _ in row] for row in self.rows], self.fitted, self.rest, width, self.main)

    def draw_row(self, index: int, columns: list[int]) -> Text:
        row = Text(no_wrap=True, overflow="crop")
        for column, ((text, style), column_width) in enumerate(zip(self.rows[index], columns)):
            if column:
                row.append(" " * GAP)
            if column == self.rest and self.notes[index] is not None:
                row.append(_with_note(text, style, self.notes[index], column_width))
            else:
                row.append(cell(text, column_width, style))
        return row


def _with_note(text: str, style: str, note: tuple[str, str], width: int) -> Text:
    note_text, note_style = note
    length = cell_len(one_line(text))
    if length + GAP + cell_len(note_text) > width:
        return cell(text, width, style)  # the text comes first: no room, no note
    piece = cell(text, length, style)
    piece.append(" " * GAP)
    piece.append(note_text, note_style)
    piece.truncate(width, pad=True)
    return piece
