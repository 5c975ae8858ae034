"""Hostile text: markup-looking, wide, right-to-left, combining, huge, control characters.

User text must appear literally everywhere, never restyle or crash a widget,
never run an action ("[@click=app.quit]"), and never send a control character
to the terminal, even from a journal file edited by hand.
"""
from __future__ import annotations

import pytest

import json
import re

from textual.widgets import DataTable

from tests.app_helpers import (
    SIZE,
    add,
    ago,
    disk_encounters,
    field_value,
    option_texts,
    reopen,
    screen_lines,
    screen_text,
    squash,
    static_text,
    table_rows,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.encounter import EncounterScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.search import SearchScreen
from tui.screens.timeline import TimelineScreen

MARKUP = ["[/]", "[/", "[red]x", "[@click=app.quit]x[/]", "[link=https://x]y[/link]"]
EMOJI = "🥖🚲 👩🏽‍🍳"
CJK = "王小明"
RTL = "مريم الحسن"
COMBINING = "Zoe\u0301 Nun\u0303ez"  # e + combining acute, n + combining tilde
HUGE = ("Long talk about [bold]bread[/bold] and #sourdough. " * 200)[:10_000]
# Any C0/C1 control character except newline: none may reach the terminal.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def terminal_output(app) -> str:
    return "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)


def assert_no_control_characters(app, where: str) -> None:
    found = CONTROL.findall(terminal_output(app))
    assert not found, f"{where}: control characters reach the terminal: {found!r}"


def seed_hostile(store) -> dict[str, str]:
    ids = {}
    ids["markup"] = add(
        store, "[/], [red]x, [@click=app.quit]x[/]",
        "We said [/] and [/ and [red]x and [@click=app.quit]x[/] and [link=https://x]y[/link] #markup",
        when=ago(hours=1), place="[link=https://x]y[/link]", setting="[@click=app.quit]x[/]",
        gave="[bold]nothing[/]", asked="[/", learned="[red]x", follow_up="[@click=app.quit]x[/]",
    ).encounter.id
    ids["wide"] = add(
        store, f"{CJK}, {RTL}, {COMBINING}", f"{EMOJI} {CJK}について話した {RTL} #日本語 #café",
        when=ago(hours=2), place="東京 · קפה", setting="cafe",
    ).encounter.id
    ids["huge"] = add(store, "[link=https://x]y[/link]", HUGE, when=ago(days=1)).encounter.id
    return ids


async def test_markup_like_text_is_shown_literally_and_runs_nothing(store, journal_path):
    ids = seed_hostile(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        rows = option_texts(app.screen.query_one("#timeline"))
        # Cut to the columns, but literally: "[/], [red]x, [@cli…".
        assert squash(rows[1]).startswith("14:00 [/], [red]x, [@cli… [link=https://x]y[… We said [/] and [/ and")

        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EncounterScreen) and screen.encounter_id == ids["markup"]
        assert static_text(screen, "#encounter-title").endswith("[link=https://x]y[/link] · [@click=app.quit]x[/]")
        body = static_text(screen, "#encounter-fields")
        assert ("We said [/] and [/ and [red]x and [@click=app.quit]x[/] and [link=https://x]y[/link] #markup") in body
        assert "You gave\n[bold]nothing[/]" in body
        assert "You asked for\n[/" in body
        assert "Learned\n[red]x" in body
        assert "Follow-up (open)\n[@click=app.quit]x[/]" in body
        assert option_texts(screen.query_one("#encounter-people")) == ["[/]", "[red]x", "[@click=app.quit]x[/]"]
        assert "[@click=app.quit]x[/]" in screen_text(app)

        # Click right on every "[@click=app.quit]" the terminal shows: nothing runs.
        clicked = 0
        for y, line in enumerate(screen_lines(app)):
            x = line.find("[@click=app.quit]x")
            if x >= 0:
                await pilot.click(offset=(x + 17, y))
                await pilot.pause()
                clicked += 1
                assert app.is_running
                assert isinstance(app.screen, (EncounterScreen, PersonScreen))
                if isinstance(app.screen, PersonScreen):
                    await pilot.press("escape")
                    await pilot.pause()
        assert clicked >= 2
        assert app.is_running

        # The person called "[@click=app.quit]x[/]": profile, edit dialog, merge question.
        people = screen.query_one("#encounter-people")
        people.focus()
        await pilot.press("home", "down", "down", "enter")
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, PersonScreen)
        assert static_text(profile, "#person-title") == "[@click=app.quit]x[/]"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PersonEditDialog)
        assert field_value(app.screen, "name") == "[@click=app.quit]x[/]"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "[red")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert str(app.screen.query_one("#question").render()).startswith("Merge [red]x into [@click=app.quit]x[/]?")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is profile
        assert "Also known as           [red]x" in static_text(profile, "#person-facts")
        assert app.is_running
    with reopen(journal_path) as disk:
        assert sorted(p.name for p in disk.people() if p.name.startswith("[")) == [
            "[/]", "[@click=app.quit]x[/]", "[link=https://x]y[/link]",
        ]


async def test_wide_rtl_combining_and_huge_text_render_on_every_screen(store, journal_path):
    ids = seed_hostile(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        rows = option_texts(app.screen.query_one("#timeline"))
        wide = [row for row in rows if CJK in row][0]
        assert RTL[:3] in wide or CJK in wide
        huge_row = [row for row in rows if "Long talk about [bold]b" in row][0]
        assert len(huge_row) < 200  # cut to the row, not 10,000 characters

        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.encounter_id == ids["wide"]
        body = static_text(app.screen, "#encounter-fields")
        assert f"{EMOJI} {CJK}について話した {RTL} #日本語 #café" in body
        assert "Topics\n#日本語 #café" in body
        assert option_texts(app.screen.query_one("#encounter-people")) == [CJK, RTL, COMBINING]
        assert "東京 · קפה" in static_text(app.screen, "#encounter-title")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.encounter_id == ids["huge"]
        assert HUGE.strip() in static_text(app.screen, "#encounter-fields")
        app.screen.query_one("#encounter-body").focus()
        await pilot.press("end")
        await pilot.pause()
        assert app.screen.query_one("#encounter-body").scroll_y > 0
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        assert field_value(app.screen, "notes") == HUGE.strip()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        names = [row[0].strip() for row in table_rows(app.screen.query_one(DataTable))]
        assert set(names) == {"[/]", "[red]x", "[@click=app.quit]x[/]", CJK, RTL, COMBINING, "[link=https://x]y[/link]"}
        await pilot.press("f")
        await type_text(pilot, "zoe nunez")  # combining accents fold away too
        assert [row[0].strip() for row in table_rows(app.screen.query_one(DataTable))] == [COMBINING]
        await pilot.press("enter")  # opens the match
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert static_text(app.screen, "#person-title") == COMBINING

        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, "[/]")
        results = option_texts(app.screen.query_one("#search-results"))
        assert len(results) == 1 and "[/]" in results[0]
        await pilot.press("ctrl+u")
        await type_text(pilot, "#日本語")
        assert len(option_texts(app.screen.query_one("#search-results"))) == 1
        await pilot.press("ctrl+u")
        await type_text(pilot, "[bold]bread[/bold]")
        assert len(option_texts(app.screen.query_one("#search-results"))) == 1
        assert app.is_running


def write_raw_journal(path) -> None:
    """A journal written by hand, bypassing the store's cleaning."""
    path.parent.mkdir(parents=True, exist_ok=True)
    people = {
        "1": {"id": "p-evil", "name": "Evil\x1b]0;pwned\x07 [red]x", "aliases": ["\x1b[5mblink"],
              "organisation": "[/\x1b[2J", "interests": ["\x1b[31mred", "\x9b2J"], "introduced_by": None,
              "notes": "\x1bP tmux;\x1b\x1b]52;c;SGVsbG8=\x07\x1b\\ notes", "keep_in_touch_days": None,
              "created_at": "", "updated_at": ""},
        "2": {"id": "p-bell", "name": "Bell\x07 Ringer\x08\x08", "aliases": [], "organisation": "",
              "interests": [], "introduced_by": "p-evil", "notes": "", "keep_in_touch_days": 7,
              "created_at": "", "updated_at": ""},
    }
    encounters = {
        "1": {"id": "e-evil", "when": "2026-11-27T10:00:00+01:00", "people": ["p-evil", "p-bell"],
              "place": "\x1b[2JPlace\r\n[/]", "setting": "[@click=app.quit]x[/]\x1b[0m",
              "notes": "note \x1b]52;c;SGVsbG8=\x07 [link=https://x]y[/link]\r\nline2\x00\x7f #tag",
              "topics": ["[/]", "\x1b[1mbold"], "learned": "\x1b[?1049h", "gave": "\x85\x9d", "asked": "",
              "follow_up": {"text": "\x1bP fu", "due": "2026-11-30", "done": False},
              "created_at": "", "updated_at": ""},
        "2": {"id": "e-plain", "when": "2026-11-26T09:00:00+01:00", "people": ["p-bell", "p-gone"],
              "place": "Padaria", "setting": "bakery", "notes": "plain", "topics": [], "learned": "",
              "gave": "", "asked": "", "follow_up": None, "created_at": "", "updated_at": ""},
    }
    data = {"meta": {"1": {"schema_version": 2}}, "people": people, "encounters": encounters,
            "opinions": {}, "reviews": {}}
    path.write_text(json.dumps(data), encoding="utf-8")


async def test_raw_journal_with_control_characters_never_reaches_the_terminal(journal_path):
    write_raw_journal(journal_path)
    store = reopen(journal_path)
    app = NetJournalApp(store)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert_no_control_characters(app, "timeline")
            assert "Evil]0;pwned [red]" in screen_text(app)  # the ESC and BEL are gone

            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EncounterScreen)
            assert_no_control_characters(app, "encounter")
            body = static_text(app.screen, "#encounter-fields")
            assert "note ]52;c;SGVsbG8= [link=https://x]y[/link]\nline2 #tag" in body
            assert "[2JPlace" in static_text(app.screen, "#encounter-title")

            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, QuickAddDialog)
            assert_no_control_characters(app, "edit dialog")
            assert field_value(app.screen, "place") == "[2JPlace [/]"
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("p")
            await pilot.pause()
            assert_no_control_characters(app, "people")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PersonScreen)
            assert_no_control_characters(app, "profile")
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, PersonEditDialog)
            assert_no_control_characters(app, "person edit")
            await pilot.press("escape")
            await pilot.pause()

            # The suggester completes from stored names and places.
            await pilot.press("a")
            await type_text(pilot, "Ev")
            await pilot.pause()
            assert_no_control_characters(app, "quick-add suggestion")
            await pilot.press("tab")
            await type_text(pilot, "[2")
            await pilot.pause()
            assert_no_control_characters(app, "quick-add place suggestion")
            await pilot.press("escape")  # closes the drop-down of places matching "[2"
            await pilot.pause()
            assert isinstance(app.screen, QuickAddDialog)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()

            await pilot.press("slash")
            await type_text(pilot, "line2")
            await pilot.pause()
            assert len(option_texts(app.screen.query_one("#search-results"))) == 1
            assert_no_control_characters(app, "search")
            assert app.is_running
    finally:
        store.close()


async def test_quick_add_saves_markup_typed_in_every_field_literally(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        order = ["who", "place", "setting", "notes", "when", "gave", "asked", "learned", "follow_up", "due", "opinion"]
        for field in order:
            assert app.focused is dialog.query_one(f"#{field}"), field
            if field == "opinion":
                await type_text(pilot, "[/]: [red]x")
            elif field not in ("when", "due"):
                await type_text(pilot, "[/]")
            await pilot.press("tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        row = option_texts(app.screen.query_one("#timeline"))[1]
        assert squash(row).startswith("15:00 [/] [/] · [/] [/]")

        await pilot.press("enter")
        await pilot.pause()
        body = static_text(app.screen, "#encounter-fields")
        for label in ("Talked about", "You gave", "You asked for", "Learned", "Follow-up (open)"):
            assert f"{label}\n[/]\n" in body, label
        assert "[/]: [red]x (medium)" in body
        assert static_text(app.screen, "#encounter-title").endswith("[/] · [/]")
    [saved] = disk_encounters(journal_path)
    for key in ("place", "setting", "notes", "gave", "asked", "learned"):
        assert saved[key] == "[/]", key
    assert saved["follow_up"]["text"] == "[/]"
    with reopen(journal_path) as disk:
        assert [p.name for p in disk.people()] == ["[/]"]
        [opinion] = disk.opinions.all()
        assert (opinion.subject, opinion.stance) == ("[/]", "[red]x")
