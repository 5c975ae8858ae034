"""The column rule behind the Agenda's rows (tui/widgets/columns.py), on plain strings."""
from __future__ import annotations

from tui.widgets.columns import GAP, widths

ROWS = [["☐", "Thu 14 Jan 2027", "send the recipe", "Maria Aparecida Figueiredo", "Fri 20 Nov · Padaria Real"],
        ["☐", "today", "book the table and ask about the course", "Bruno", "Thu 26 Nov"]]


def test_room_for_everything_gives_each_column_its_longest_text_and_the_rest_the_extra():
    assert widths(ROWS, fitted=2, rest=2, width=200) == [1, 15, 200 - 1 - 15 - 26 - 25 - 4 * GAP, 26, 25]


def test_without_room_the_dates_stay_whole_and_the_others_share_the_cut():
    # 60 cells: 16 for the mark and the date, 8 of gaps, 36 shared: the task takes two shares, the others one.
    assert widths(ROWS, fitted=2, rest=2, width=60) == [1, 15, 18, 9, 9]
    assert widths(ROWS, fitted=2, rest=2, width=60, main=3) == [1, 15, 9, 18, 9]


def test_a_short_column_leaves_its_share_to_the_others():
    rows = [["→", "10 days past", "Kim", "last seen Sun 18 Oct, 40 days ago"]]
    assert widths(rows, fitted=2, rest=3, main=2, width=40) == [1, 12, 3, 40 - 1 - 12 - 3 - 3 * GAP]


def test_a_terminal_too_narrow_gives_no_negative_width():
    assert min(widths(ROWS, fitted=2, rest=2, width=10)) >= 0
    assert widths([], fitted=2, rest=2, width=80) == []


def test_a_note_follows_the_whole_text_when_there_is_room_and_never_cuts_it():
    from tui.widgets.columns import Table

    table = Table(fitted=1, rest=1)
    table.add([("☑", ""), ("book the table", "strike")], note=("ctrl+z brings it back", "italic"))
    table.add([("☐", ""), ("send the recipe", "")])
    wide, _ = table.draw(60)
    assert wide.plain.rstrip() == "☑  book the table  ctrl+z brings it back"
    narrow, other = table.draw(30)
    assert narrow.plain.rstrip() == "☑  book the table"
    assert other.plain.rstrip() == "☐  send the recipe"  # the note sizes no column
