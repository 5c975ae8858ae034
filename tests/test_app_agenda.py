"""The Agenda screen (issue 16): sections, done and undo, snooze, open, reach-out pre-fill, the start screen.

Clock frozen on Friday 2026-11-27 15:00, Europe/Paris (conftest): the week runs
to Sunday 29 November.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import OptionList

from tests.app_helpers import (
    SIZE,
    add,
    ago,
    error_text,
    field_value,
    notifications,
    option_texts,
    reopen,
    screen_lines,
    screen_text,
    seed_small,
    squash,
    static_text,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.quick_add import QuickAddDialog
from tui.dialogs.snooze import SnoozeDialog
from tui.screens.agenda import AgendaScreen
from tui.screens.encounter import EncounterScreen
from tui.screens.person import PersonScreen
from tui.screens.timeline import TimelineScreen

TODAY = date(2026, 11, 27)


def seed_agenda(store) -> dict[str, str]:
    """One follow-up per section, and Kim (met twice, 40 days ago) to reach out to."""
    ids = {
        "overdue": add(store, "Ana Souza", "bread", when=ago(days=7), place="Padaria Real",
                       follow_up="send the recipe", due=TODAY - timedelta(days=2)).encounter.id,
        "today": add(store, "Bruno", "dinner plans", when=ago(days=1), place="Café Lua",
                     follow_up="book the table", due=TODAY).encounter.id,
        "this_week": add(store, "Léa Dubois", "jobs", when=ago(days=3), follow_up="send my CV",
                         due=TODAY + timedelta(days=2)).encounter.id,
        "later": add(store, "Léa Dubois", "books", when=ago(days=2), follow_up="lend the book",
                     due=TODAY + timedelta(days=17)).encounter.id,
        "someday": add(store, "Zoë Martin", "a course", when=ago(days=4), follow_up="ask about the course").encounter.id,
    }
    add(store, "Kim Park", "first chat", when=ago(days=60))
    add(store, "Kim Park", "second chat", when=ago(days=40))
    return ids


def agenda_list(app) -> OptionList:
    assert isinstance(app.screen, AgendaScreen), app.screen
    return app.screen.query_one("#agenda-list", OptionList)


def rows(app) -> list[str]:
    return [squash(text) for text in option_texts(agenda_list(app))]


async def highlight(pilot, option_id: str) -> None:
    """Move the cursor with the arrow keys, as a user does, until `option_id` is highlighted."""
    options = agenda_list(pilot.app)
    target = options.get_option_index(option_id)
    await pilot.press("home")
    for _ in range(target):
        if options.highlighted == target:
            break
        await pilot.press("down")
    assert options.highlighted == target


# ------------------------------------------------------------ start screen
async def test_opens_on_the_agenda_when_something_is_overdue(store):
    seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert rows(app) == [
            "Overdue 1",
            "☐ Wed 25 Nov send the recipe Ana Souza Fri 20 Nov · Padaria Real",
            "Today 1",
            "☐ today book the table Bruno Thu 26 Nov · Café Lua",
            "This week, until Sun 29 Nov 1",
            "☐ Sun 29 Nov send my CV Léa Dubois Tue 24 Nov",
            "Later 1",
            "☐ Mon 14 Dec lend the book Léa Dubois Wed 25 Nov",
            "Someday (no date) 1",
            "☐ ask about the course Zoë Martin Mon 23 Nov",
            "Reach out 1",
            "→ 10 days past Kim Park last seen Sun 18 Oct, 40 days ago every 30 days (default)",
        ]
        header = static_text(app.screen, "#agenda-header")
        assert squash(header) == "Agenda Fri 27 Nov 2026 1 overdue 1 today 1 this week 1 to reach out"
        # The first item is highlighted, ready for space or s.
        assert agenda_list(app).highlighted == 1


async def test_opens_on_the_timeline_when_nothing_is_due(store):
    seed_small(store)  # one follow-up, due in three days
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


@pytest.mark.parametrize("setting, seed, expected", [
    ("timeline", seed_agenda, TimelineScreen),
    ("agenda", seed_small, AgendaScreen),
])
async def test_the_start_screen_setting_wins(store, settings_file, setting, seed, expected):
    seed(store)
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(f'start_screen = "{setting}"\n')
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, expected)


async def test_empty_sections_say_so(store):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert rows(app) == [
            "Overdue nothing overdue",
            "Today nothing due today",
            "This week, until Sun 29 Nov nothing else this week",
            "Later nothing later",
            "Someday (no date) no follow-up without a date",
            "Reach out nobody past their keep-in-touch cadence",
        ]
        await pilot.press("space", "s", "enter")  # nothing highlighted: nothing happens, nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


@pytest.mark.parametrize("keys", [("t",), ("p",), ("w",), ("o",), ("t", "enter"), ("p", "enter"), ("slash", "escape")])
async def test_the_agenda_key_works_from_every_screen(store, keys):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert "☐ Mon 30 Nov send him the cycling map José Martins" in "\n".join(rows(app))


async def test_the_palette_opens_the_agenda(store):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "agenda")
        await pilot.pause(0.5)  # the palette searches its providers in the background
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


# -------------------------------------------------------------- done, undo
async def test_done_shows_a_moment_then_goes_and_ctrl_z_brings_it_back(store, journal_path, monkeypatch):
    ids = seed_agenda(store)
    monkeypatch.setattr(AgendaScreen, "FADE_SECONDS", 0.3)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await highlight(pilot, "follow-up:" + ids["today"])
        await pilot.press("space")
        await pilot.pause()
        # Still there, struck through, saying how to undo: on the terminal, not past its right edge.
        assert "☑ done book the table ctrl+z brings it back Bruno Thu 26 Nov · Café Lua" in rows(app)
        assert any("☑" in line and "ctrl+z brings it back" in line for line in screen_lines(app))
        assert ("Done", "Follow-up done: book the table. ctrl+z brings it back.") in notifications(app)
        with reopen(journal_path) as disk:
            assert disk.encounter(ids["today"]).follow_up.done
        for _ in range(20):
            await pilot.pause(0.1)
            if "Today nothing due today" in rows(app):
                break
        assert "Today nothing due today" in rows(app)
        assert not any("book the table" in row for row in rows(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "☐ today book the table Bruno Thu 26 Nov · Café Lua" in rows(app)
        assert ("Undo", "Undid marking the follow-up done.") in notifications(app)
    with reopen(journal_path) as disk:
        assert not disk.encounter(ids["today"]).follow_up.done


async def test_ctrl_z_before_the_row_goes(store, journal_path):
    ids = seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await highlight(pilot, "follow-up:" + ids["overdue"])
        await pilot.press("space")
        await pilot.pause()
        assert rows(app)[1].startswith("☑ done send the recipe")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert rows(app)[1] == "☐ Wed 25 Nov send the recipe Ana Souza Fri 20 Nov · Padaria Real"
        assert agenda_list(app).highlighted == 1  # the cursor stays on it
    with reopen(journal_path) as disk:
        assert not disk.encounter(ids["overdue"]).follow_up.done


async def test_space_on_a_reach_out_row_marks_nothing(store, journal_path):
    seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("end", "space")
        await pilot.pause()
        assert ("", "Highlight a follow-up to mark it done.") in notifications(app)
    with reopen(journal_path) as disk:
        assert not any(e.follow_up and e.follow_up.done for e in disk.encounters())


# ------------------------------------------------------------------ snooze
async def test_snooze_shows_the_date_understood_and_refuses_the_past(store, journal_path):
    ids = seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await highlight(pilot, "follow-up:" + ids["overdue"])
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SnoozeDialog)
        assert static_text(dialog, "#snooze-text") == "send the recipe"
        assert static_text(dialog, "#snooze-current") == "Due now: Wed 25 Nov 2026"
        await type_text(pilot, "yesterday")
        await pilot.pause()
        assert static_text(dialog, "#due-parsed") == "Thu 26 Nov 2026 (in the past)"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert error_text(dialog, "due") == "'yesterday' is Thu 26 Nov 2026, which is in the past: snooze to today or a later day."
        with reopen(journal_path) as disk:
            assert disk.encounter(ids["overdue"]).follow_up.due == date(2026, 11, 25)

        await pilot.press("ctrl+u")
        assert error_text(dialog, "due") == ""  # editing the field clears its error
        await type_text(pilot, "next week")
        await pilot.pause()
        assert static_text(dialog, "#due-parsed") == "Fri 4 Dec 2026"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert ("Snoozed", "Snoozed to Fri 4 Dec 2026. ctrl+z undoes it.") in notifications(app)
        assert rows(app)[:2] == ["Overdue nothing overdue", "Today 1"]
        assert "☐ Fri 4 Dec send the recipe Ana Souza Fri 20 Nov · Padaria Real" in rows(app)
        with reopen(journal_path) as disk:
            assert disk.encounter(ids["overdue"]).follow_up.due == date(2026, 12, 4)

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert rows(app)[1] == "☐ Wed 25 Nov send the recipe Ana Souza Fri 20 Nov · Padaria Real"
    with reopen(journal_path) as disk:
        assert disk.encounter(ids["overdue"]).follow_up.due == date(2026, 11, 25)


async def test_snooze_says_what_it_cannot_read_and_esc_changes_nothing(store, journal_path):
    ids = seed_agenda(store)
    before = journal_path.read_bytes()
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await highlight(pilot, "follow-up:" + ids["someday"])
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("enter")
        await pilot.pause()
        assert error_text(dialog, "due") == "Type the day to snooze to: fri, next week, in 3 days, 2026-12-01."
        await type_text(pilot, "[red]soon[/]")
        await pilot.pause()
        assert static_text(dialog, "#due-parsed") == "?"
        await pilot.press("enter")
        await pilot.pause()
        assert error_text(dialog, "due").startswith("Could not read '[red]soon[/]' as a due date.")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
    assert journal_path.read_bytes() == before


# -------------------------------------------------------------------- open
async def test_enter_opens_the_encounter_and_esc_comes_back(store):
    ids = seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(pilot, "follow-up:" + ids["later"])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)
        assert app.screen.encounter_id == ids["later"]
        assert "lend the book" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert agenda_list(app).highlighted_option.id == "follow-up:" + ids["later"]


async def test_enter_on_reach_out_opens_the_person(store):
    seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert "Kim Park" in screen_text(app)


# -------------------------------------------------------- reach-out pre-fill
async def test_a_on_reach_out_starts_quick_add_with_who_filled_in(store, journal_path):
    seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("end")
        assert agenda_list(app).highlighted_option.id.startswith("person:")
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        assert field_value(dialog, "who") == "Kim Park"
        await type_text(pilot, ", Bruno")  # the name is not selected: typing adds to it
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "coffee at last")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        # Kim was just seen: off the Reach out list.
        assert rows(app)[-1] == "Reach out nobody past their keep-in-touch cadence"
    with reopen(journal_path) as disk:
        latest = disk.recent(0, 1)[0]
        assert disk.names(latest.people) == ["Kim Park", "Bruno"]
        assert latest.notes == "coffee at last"


async def test_a_on_a_follow_up_row_is_a_plain_quick_add_and_esc_does_not_ask(store):
    seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        assert field_value(app.screen, "who") == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


# ------------------------------------------------------------- more cases
async def test_user_text_is_shown_literally(store):
    add(store, "[bold]Ana[/]", "x", when=ago(days=1), place="[@click=app.quit]",
        follow_up="[red]call[/red] 👩‍👩‍👧 back", due=TODAY)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert rows(app)[2].startswith("☐ today [red]call[/red] 👩‍👩‍👧 back [bold]Ana[/] Thu 26 Nov · [@click=app.")
        await pilot.press("space")  # the done row and its notification quote the text too
        await pilot.pause()
        assert rows(app)[2].startswith("☑ done [red]call[/red] 👩‍👩‍👧 back")


async def test_another_process_marking_done_updates_the_agenda(store, journal_path):
    ids = seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with reopen(journal_path) as other:
            other.set_follow_up_done(ids["overdue"])
        app.check_external_changes()
        await pilot.pause()
        assert rows(app)[0] == "Overdue nothing overdue"


async def test_the_review_lists_undated_follow_ups_under_their_own_heading(store):
    seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        texts = [squash(t) for t in option_texts(app.screen.query_one("#review-follow-ups", OptionList))]
        assert texts[-2:] == ["Open, without a date", "☐ ask about the course — Zoë Martin"]


# --------------------------------------------------------------- meetings
async def test_meetings_show_once_there_are_groups_and_open_or_add_to_the_group(store, journal_path):
    from tui.screens.group import GroupScreen

    seed_agenda(store)
    group = store.groups.add("Freelancers' circle", kind="support group", place="Café Lua", setting="cafe",
                             members=["Ana Souza", "Bruno"], cadence_text="every tuesday 19:00").group
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert rows(app)[-2:] == [
            "Meetings, the next 7 days 1",
            "◷ Tue 1 Dec 19:00 Freelancers' circle Café Lua · cafe",
        ]
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("end", "a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        assert field_value(dialog, "group") == "Freelancers' circle"
        assert field_value(dialog, "who") == "Ana Souza, Bruno"
        await pilot.press("escape")
        await pilot.pause()
    store.groups.delete(group.id)


async def test_without_groups_there_is_no_meetings_heading(store):
    seed_agenda(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not any(row.startswith("Meetings") for row in rows(app))
