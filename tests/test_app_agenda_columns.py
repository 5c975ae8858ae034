"""The Agenda's columns at the terminal sizes people use, in both languages.

A fresh-clone trial found the due column cut at every width (a follow-up due
next year lost its year) and, at 220 columns, a long name cut while the task
got all the extra width. Each column is now as wide as its longest text when
the row has room: these tests read the terminal, as the user does.

Clock frozen on Friday 2026-11-27 15:00, Europe/Paris (conftest).
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from rich.cells import cell_len

from journal import i18n
from tests.app_helpers import add, ago, option_texts, screen_lines
from tui.app import NetJournalApp
from tui.screens.agenda import AgendaScreen

TODAY = date(2026, 11, 27)
LONG_NAME = "Maria Aparecida Figueiredo"  # 26 cells: longer than the Who column's old cap of 24
GROUP = "Freelancers' circle of the 11th"
# The due date, next year, exactly as each language writes it in the Agenda (journal/dates_out.column_day).
NEXT_YEAR = {"en": "Thu 14 Jan 2027", "pt_BR": "qui., 14/01/2027"}
MEETING = {"en": "Tue 1 Dec 19:00", "pt_BR": "ter., 01/12 19:00"}
SIZES = [(80, 24), (120, 36), (220, 50)]


def seed(store) -> None:
    add(store, "Ana Souza", "bread", when=ago(days=7), place="Padaria Real",
        follow_up="send the recipe", due=TODAY - timedelta(days=2))
    add(store, LONG_NAME, "first chat", when=ago(days=60))
    add(store, LONG_NAME, "second chat", when=ago(days=40), place="Café Charlot",
        follow_up="send her the budget report", due=date(2027, 1, 14))
    store.groups.add(GROUP, place="Café Lua", setting="cafe", members=["Ana Souza"],
                     cadence_text="every tuesday 19:00")


def line_with(lines: list[str], words: str) -> str:
    found = [line for line in lines if words in line]
    assert len(found) == 1, f"{words!r} in {len(found)} lines of\n" + "\n".join(lines)
    return found[0]


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: "{}x{}".format(*size))
async def test_dates_and_names_are_shown_whole_at_every_size(store, language, size):
    seed(store)
    i18n.use(language)
    app = NetJournalApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        lines = screen_lines(app)
        # The follow-up due next year: its date with the year, and the whole name, on the terminal.
        row = line_with(lines, NEXT_YEAR[language])
        assert LONG_NAME in row and "send her the budget report" in row
        # Reach out: the whole name again.
        assert LONG_NAME in line_with(lines, "→ ")
        # The meeting: its day and time, and the group's whole name.
        assert GROUP in line_with(lines, MEETING[language])
        options = app.screen.query_one("#agenda-list")
        texts = option_texts(options)
        assert any(NEXT_YEAR[language] in text and LONG_NAME in text for text in texts)
        if size[0] >= 120:
            # Room for every column: nothing is cut, not even where they met or the cadence.
            cut = [text for text in texts if "…" in text]
            assert not cut, cut
            assert any("Café Charlot" in text for text in texts)
        # No row is wider than the list: the terminal shows each one whole, up to its last column.
        assert max(cell_len(text.rstrip()) for text in texts) <= options.content_region.width


async def test_who_takes_its_longest_name_and_the_task_the_rest_at_220_columns(store):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(220, 50)) as pilot:
        await pilot.pause()
        row = line_with(screen_lines(app), "send her the budget report")
        # The extra width goes to the task: the name ends one gap before where they met.
        assert f"{LONG_NAME}  Sun 18 Oct · Café Charlot" in row
