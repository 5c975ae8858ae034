"""Groups in the app, driven as a user does: the Groups list, a group's page, a meeting from it.

seed_small + seed_group (tests/app_helpers.py): a weekly group, "Freelancers'
circle", meeting on Tuesdays at 19:00, with four meetings in November.
"""
from __future__ import annotations

import orjson

from tests.app_helpers import (
    SIZE,
    error_text,
    field_value,
    notifications,
    option_texts,
    reopen,
    screen_text,
    seed_group,
    seed_small,
    squash,
    static_text,
    table_rows,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.group_date import GroupDateDialog
from tui.dialogs.group_edit import GroupEditDialog
from tui.dialogs.pick_person import PickPersonDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.group import GroupScreen
from tui.screens.groups import GroupsScreen


async def open_group_page(pilot):
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GroupsScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GroupScreen)


def saved_messages(app) -> list[str]:
    return [message for _, message in notifications(app)]


# ------------------------------------------------------------ the page
async def test_the_group_page_shows_attendance_next_dates_missing_lately_and_meetings(store):
    seed_small(store)
    seed_group(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("g")
        await pilot.pause()
        rows = table_rows(app.screen.query_one("#groups-table"))
        assert [squash(" ".join(r)) for r in rows] == [
            "Freelancers' circle every tuesday 19:00 Tue 1 Dec 19:00 4 4 Tue 24 Nov"]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert squash(static_text(screen, "#group-title")) == "Freelancers' circle · support group"
        facts = static_text(screen, "#group-facts")
        assert "Where           Café Lua · cafe" in facts
        assert "Cadence         every tuesday 19:00" in facts
        assert "Next            Tue 1 Dec 19:00  ·  Tue 8 Dec 19:00  ·  Tue 15 Dec 19:00" in facts
        assert "Missing lately  José Martins, Léa Dubois" in facts
        assert "Meetings        4 meetings" in facts
        members = [[squash(c) for c in row] for row in table_rows(screen.query_one("#group-members"))]
        assert [row[:2] for row in members] == [
            ["Ana Souza", "came to 4 of the last 4 meetings, last on Tue 24 Nov"],
            ["Bruno", "came to 3 of the last 4 meetings, last on Tue 24 Nov"],
            ["José Martins", "came to 1 of the last 4 meetings, last on Tue 3 Nov"],
            ["Léa Dubois", "has not come to a meeting yet"],
        ]
        meetings = [squash(t) for t in option_texts(screen.query_one("#group-meetings"))]
        assert [m.split(" #")[0][:11] for m in meetings] == ["24 Nov 2026", "17 Nov 2026", "10 Nov 2026", "03 Nov 2026"]
        # enter on a member opens their profile, which lists the group.
        await pilot.press("enter")
        await pilot.pause()
        assert "Groups                  Freelancers' circle" in static_text(app.screen, "#person-facts")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)


async def test_an_empty_groups_list_says_what_a_group_is_and_n_creates_one(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert "No groups yet" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GroupEditDialog)
        await type_text(pilot, "Fado night")
        await pilot.press("tab")
        await type_text(pilot, "club")
        await pilot.press("tab")
        await type_text(pilot, "toda terça às 21h")
        await pilot.pause()
        # The next dates it understood, before saving.
        assert static_text(dialog, "#cadence-parsed") == "next: Tue 1 Dec 2026 21:00  ·  Tue 8 Dec 2026 21:00  ·  Tue 15 Dec 2026 21:00"
        await pilot.press("tab")
        await type_text(pilot, "Tasca do Zé")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Zé, Marta")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GroupsScreen)
        assert "Group Fado night created. New people: Zé, Marta. ctrl+z undoes it." in saved_messages(app)
        assert "Fado night" in screen_text(app)
    with reopen(journal_path) as disk:
        [group] = disk.groups.all()
        assert (group.name, group.kind, group.place, group.cadence.rrule) == ("Fado night", "club", "Tasca do Zé", "FREQ=WEEKLY;BYDAY=TU")
        assert disk.names(group.members) == ["Zé", "Marta"]


async def test_bad_input_in_the_group_form_stays_under_its_field(store, journal_path):
    seed_small(store)
    seed_group(store)
    before = journal_path.read_bytes()
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("g", "n")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "FREELANCERS' CIRCLE")
        await pilot.press("tab", "tab")
        await type_text(pilot, "every full moon")
        await pilot.pause()
        assert static_text(dialog, "#cadence-parsed").startswith("? not understood yet")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        # One error at a time, the cadence first (it is read before the name is checked).
        assert error_text(dialog, "cadence").startswith("'full' is not a word netjournal knows for a cadence. Try: \"every tuesday 19:00\"")
        dialog.query_one("#cadence").value = "every monday 18:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(dialog, "name") == "There is already a group called 'Freelancers' circle'."
        assert field_value(dialog, "name") == "FREELANCERS' CIRCLE"  # nothing typed is lost
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert journal_path.read_bytes() == before


# ------------------------------------------------------- a meeting from the group
async def test_a_meeting_from_the_group_page_fills_the_defaults_and_records_who_came(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_group_page(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        assert dialog.query_one(".dialog-title").render().plain == "Add a meeting"
        # The group's defaults: the members, its place and setting, its latest date.
        assert field_value(dialog, "group") == "Freelancers' circle"
        assert field_value(dialog, "who") == "Ana Souza, Bruno, José Martins, Léa Dubois"
        assert field_value(dialog, "place") == "Café Lua"
        assert field_value(dialog, "setting") == "cafe"
        assert field_value(dialog, "when") == "2026-11-24 19:00"
        assert static_text(dialog, "#when-parsed") == "Tue 24 Nov 2026 19:00"
        assert not dialog.query_one("#row-join").display  # everyone there is a member
        # Who came this time: Léa did not; Marta, new, did. The cursor is at the end of Who.
        await pilot.press("ctrl+w")
        await pilot.press("ctrl+w")
        await type_text(pilot, "Marta Lima")
        await pilot.pause()
        assert field_value(dialog, "who") == "Ana Souza, Bruno, José Martins, Marta Lima"
        join = dialog.query_one("#row-join")
        assert join.display and "Add Marta Lima to Freelancers' circle" in str(dialog.query_one("#join").label)
        await pilot.press("tab")  # to the checkbox
        await pilot.press("space")
        await pilot.pause()
        # Space ticks the box, and is not taken for a key typed early into Who.
        assert dialog.query_one("#join").value is True
        assert dialog.focused.id == "join"
        assert field_value(dialog, "who") == "Ana Souza, Bruno, José Martins, Marta Lima"
        await pilot.press("tab", "tab", "tab")  # Where, Setting, Talked about
        await type_text(pilot, "Marta's first time #clients")
        await pilot.pause()
        assert field_value(dialog, "notes") == "Marta's first time #clients"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert ("Encounter saved, with new people: Marta Lima. ctrl+z undoes it. "
                "Marta Lima joined Freelancers' circle.") in saved_messages(app)
        assert "Meetings        5 meetings" in static_text(app.screen, "#group-facts")
        assert "Marta Lima" in [squash(r[0]) for r in table_rows(app.screen.query_one("#group-members"))]
    with reopen(journal_path) as disk:
        [meeting] = [e for e in disk.encounters() if "first time" in e.notes]
        assert meeting.group_id == group.id
        assert meeting.when.isoformat() == "2026-11-24T19:00:00+01:00"
        assert (meeting.place, meeting.setting) == ("Café Lua", "cafe")
        assert disk.names(meeting.people) == ["Ana Souza", "Bruno", "José Martins", "Marta Lima"]
        assert disk.names(disk.groups.get(group.id).members)[-1] == "Marta Lima"


async def test_ctrl_z_takes_back_the_meeting_and_the_new_member(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    before = orjson.loads(journal_path.read_bytes())
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_group_page(pilot)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, ", Eva")
        await pilot.press("tab", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(store.groups.get(group.id).members) == 5
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undid the new encounter." in saved_messages(app)
        assert "Meetings        4 meetings" in static_text(app.screen, "#group-facts")
    after = orjson.loads(journal_path.read_bytes())
    assert after["groups"] == before["groups"] and after["people"] == before["people"]
    assert after["encounters"] == before["encounters"]


async def test_choosing_a_group_in_quick_add_fills_only_what_was_not_typed(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    before = store.groups.meetings(group.id)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#row-group").display  # the journal has a group
        await type_text(pilot, "Ana, Bruno")
        await pilot.press("shift+tab")  # from Who up to Group
        await type_text(pilot, "freel")
        await pilot.press("right")  # accept the suggestion
        await pilot.pause()
        assert field_value(dialog, "group") == "Freelancers' circle"
        assert field_value(dialog, "who") == "Ana, Bruno"  # typed: kept
        assert field_value(dialog, "place") == "Café Lua"
        assert field_value(dialog, "when") == "2026-11-24 19:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddDialog)
    with reopen(journal_path) as disk:
        [new] = [m for m in disk.groups.meetings(group.id) if m.id not in {e.id for e in before}]
        assert disk.names(new.people) == ["Ana Souza", "Bruno"]
        assert new.when.isoformat() == "2026-11-24T19:00:00+01:00" and new.place == "Café Lua"


async def test_an_unknown_group_in_quick_add_is_an_error_under_the_field(store, journal_path):
    seed_small(store)
    seed_group(store)
    before = journal_path.read_bytes()
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "Ana")
        await pilot.press("shift+tab")
        await type_text(pilot, "Freelancer circle")
        await pilot.pause()
        assert static_text(dialog, "#group-parsed") == "?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert error_text(dialog, "group") == "No group called 'Freelancer circle'. Closest: Freelancers' circle."
    assert journal_path.read_bytes() == before


async def test_quick_add_has_no_group_field_in_a_journal_without_groups(store):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert not app.screen.query_one("#row-group").display


async def test_editing_a_meeting_shows_its_group_and_can_clear_it(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    latest = store.groups.meetings(group.id)[0]
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.edit_encounter(latest.id)
        await pilot.pause()
        dialog = app.screen
        assert field_value(dialog, "group") == "Freelancers' circle"
        assert field_value(dialog, "who") == "Ana Souza, Bruno"  # who came, not the members
        dialog.query_one("#group").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
    with reopen(journal_path) as disk:
        assert disk.encounter(latest.id).group_id == group.id  # undone


# --------------------------------------------------- members, dates, deletion
async def test_members_are_added_and_removed_from_the_page_and_ctrl_z_undoes(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    store.add_person("Marta Lima")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_group_page(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickPersonDialog)
        await type_text(pilot, "marta")
        await pilot.press("enter")
        await pilot.pause()
        assert "Marta Lima joined Freelancers' circle. ctrl+z undoes it." in saved_messages(app)
        assert store.names(store.groups.get(group.id).members)[-1] == "Marta Lima"
        table = app.screen.query_one("#group-members")
        table.focus()
        table.move_cursor(row=3)  # Léa Dubois
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert "Léa Dubois left Freelancers' circle. ctrl+z undoes it." in saved_messages(app)
        with reopen(journal_path) as disk:
            assert "Léa Dubois" not in disk.names(disk.groups.get(group.id).members)
        await pilot.press("ctrl+z")
        await pilot.pause()
    with reopen(journal_path) as disk:
        assert disk.names(disk.groups.get(group.id).members) == [
            "Ana Souza", "Bruno", "José Martins", "Léa Dubois", "Marta Lima"]


async def test_a_date_is_cancelled_from_the_page(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_group_page(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GroupDateDialog)
        assert field_value(dialog, "date") == "2026-12-01"  # the next meeting
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The meeting of Tue 1 Dec 19:00 is cancelled. ctrl+z undoes it." in saved_messages(app)
        assert "Next            Tue 8 Dec 19:00  ·  Tue 15 Dec 19:00  ·  Tue 22 Dec 19:00" in static_text(app.screen, "#group-facts")
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#date").value = "wed"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(dialog, "date") == "The group does not meet on Wed 2 Dec 2026."
        dialog.query_one("#date").value = "2026-12-08"
        dialog.query_one("#to").value = "2026-12-09 20:30"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The meeting of Tue 8 Dec 19:00 moves to Wed 9 Dec 20:30. ctrl+z undoes it." in saved_messages(app)
    with reopen(journal_path) as disk:
        cadence = disk.groups.get(group.id).cadence
        assert cadence.exdates == ["2026-12-01T19:00", "2026-12-08T19:00"] and cadence.rdates == ["2026-12-09T20:30"]


async def test_deleting_the_group_keeps_its_meetings_says_so_and_ctrl_z_brings_it_back(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_group_page(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert "Its 4 meeting(s) stay in the timeline as plain encounters." in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, GroupsScreen)
        assert ("Group deleted; its 4 meeting(s) stay in the timeline as plain encounters. "
                "ctrl+z brings the group back.") in saved_messages(app)
        with reopen(journal_path) as disk:
            assert disk.groups.all() == [] and disk.count() == 8
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Freelancers' circle" in screen_text(app)
    with reopen(journal_path) as disk:
        assert len(disk.groups.meetings(group.id)) == 4


async def test_editing_the_group_from_its_page(store, journal_path):
    seed_small(store)
    group = seed_group(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_group_page(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert field_value(dialog, "cadence") == "every tuesday 19:00"
        assert field_value(dialog, "members") == "Ana Souza, Bruno, José Martins, Léa Dubois"
        dialog.query_one("#cadence").value = "every 2 weeks on wed 18:30"
        await pilot.pause()
        assert static_text(dialog, "#cadence-parsed").startswith("next: Wed 9 Dec 2026 18:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert "Cadence         every 2 weeks on wed 18:30" in static_text(app.screen, "#group-facts")
    with reopen(journal_path) as disk:
        assert disk.groups.get(group.id).cadence.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"


async def test_an_unreadable_cadence_is_shown_as_such_and_nothing_breaks(journal_path):
    journal_path.parent.mkdir(parents=True)
    hostile = {"id": "g1", "name": "[red]Hostile[/]", "members": [],
               "cadence": {"rrule": "FREQ=SECONDLY;" + "X" * 5000, "start": "0001-01-01T00:00", "text": "\x1b]0;pwned\x07"}}
    journal_path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 4}}, "groups": {"1": hostile}}))
    from journal.store import Store

    with Store(journal_path) as store:
        app = NetJournalApp(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("g")
            await pilot.pause()
            assert "[red]Hostile[/]" in screen_text(app) and "unreadable cadence" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert "unreadable cadence (e sets it again)" in static_text(app.screen, "#group-facts")
            await pilot.press("a")
            await pilot.pause()
            assert field_value(app.screen, "when") == "now"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert error_text(app.screen, "cadence") == "The cadence in the journal cannot be read; type it again, or clear it."
            assert "\x1b" not in screen_text(app)


async def test_the_weekly_review_shows_the_weeks_meetings_and_who_was_missing(store):
    seed_small(store)
    seed_group(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")  # this week: Monday 23 to Sunday 29 November
        await pilot.pause()
        text = static_text(app.screen, "#review-groups")
        assert text == "Freelancers' circle  Tue 24\n  came: Ana Souza, Bruno   missing: José Martins, Léa Dubois\n"


async def test_the_palette_and_the_key_reach_the_groups(store):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Groups" in commands and "New group" in commands
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GroupsScreen)
