"""The poison journal with a poisoned group: its name, kind, place, notes and cadence
text hold escape sequences, controls and markup, a member is a person who no longer
exists, and meetings of it are poisoned encounters. Every group screen and dialog draws
it with no control character reaching the terminal, a meeting saved from it is cleaned,
and the group commands print nothing hostile.
"""
from __future__ import annotations

import io
import json

import orjson
import pytest

from journal.store import Store
from journal.text import clean_line
from tests.adversarial.figures import count
from tests.adversarial.make_poison import C1, CLIPBOARD, CSI, TITLE, build, eid, pid
from tests.adversarial.test_poison_journal import CONTROL, check
from tests.app_helpers import SIZE, field_value, static_text
from tui.app import NetJournalApp
from tui.cli import main as cli_main
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.group_date import GroupDateDialog
from tui.dialogs.group_edit import GroupEditDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.group import GroupScreen
from tui.screens.groups import GroupsScreen
from tui.screens.person import PersonScreen

GROUP_ID = "00000000-0000-4000-c000-000000000001"
NAME = TITLE + "[@click=app.quit]Circle[/] " + C1


def poisoned() -> dict:
    data = build()
    data["meta"] = {"1": {"schema_version": 4}}
    data["groups"] = {"1": {
        "id": GROUP_ID, "name": NAME, "kind": "[red]support" + CSI,
        "place": "Café " + CLIPBOARD + "[/]", "setting": "cafe\x1b[0m",
        "members": [pid(0), pid(1), pid(2), "gone-person"],
        "notes": f"notes {TITLE}[@click=app.quit]x[/]\r\n{C1}",
        "cadence": {"rrule": "FREQ=WEEKLY;BYDAY=TU", "start": "2026-11-03T19:00",
                    "text": "every tuesday 19:00 " + TITLE, "exdates": [], "rdates": []},
        "created_at": "2026-11-01T10:00:00+00:00", "updated_at": "2026-11-01T10:00:00+00:00",
    }}
    for key in ("4", "5"):  # two poisoned encounters are meetings of it
        data["encounters"][key]["group_id"] = GROUP_ID
    data["encounters"]["6"]["group_id"] = "a-group-that-is-gone"
    return data


@pytest.fixture
def poison_groups(journal_path):
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    journal_path.write_bytes(orjson.dumps(poisoned()))
    return journal_path


async def test_every_group_screen_draws_the_poisoned_group(poison_groups):
    store = Store(poison_groups)
    assert store.damaged_records() == []
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("g")
        await pilot.pause()
        text = check(app, "groups list", GroupsScreen)
        assert "]0;pwned[@click=app.qui…" in text  # cut to the column, markup shown as typed
        await pilot.press("enter")
        await pilot.pause()
        text = check(app, "group page", GroupScreen)
        assert "[@click=app.quit]x[/]" in static_text(app.screen, "#group-facts")
        assert "Meetings        2 meetings" in static_text(app.screen, "#group-facts")

        await pilot.press("a")
        await pilot.pause()
        check(app, "meeting from the group", QuickAddDialog)
        assert field_value(app.screen, "group") == clean_line(NAME)
        assert field_value(app.screen, "place") == clean_line("Café " + CLIPBOARD + "[/]")
        await pilot.press("ctrl+s")  # Who holds the (cleaned) members: it saves
        await pilot.pause()
        check(app, "after saving a meeting", GroupScreen)
        assert "Meetings        3 meetings" in static_text(app.screen, "#group-facts")
        with Store(poison_groups) as disk:
            [meeting] = [e for e in disk.groups.meetings(GROUP_ID) if e.id not in (eid(3), eid(4))]
            assert meeting.place == clean_line("Café " + CLIPBOARD + "[/]")
            assert meeting.people == [pid(0), pid(1), pid(2)]  # the same, poisoned, people; none created
            assert len(disk.people()) == len(store.people())

        await pilot.press("e")
        await pilot.pause()
        check(app, "group form", GroupEditDialog)
        assert field_value(app.screen, "name") == clean_line(NAME)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        check(app, "date dialog", GroupDateDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        check(app, "remove member question", ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = check(app, "a member's profile", PersonScreen)
        assert "[@click=app.quit]Circle[/]" in static_text(app.screen, "#person-facts")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        check(app, "delete question", ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        check(app, "after the delete", GroupsScreen)
        await pilot.press("w")
        await pilot.pause()
        check(app, "review")
        assert app.is_running
    store.close()


@pytest.mark.parametrize("argv", [
    ["groups"], ["groups", "--format", "json"], ["group", "show", clean_line(NAME)],
    ["group", "show", clean_line(NAME), "--format", "json"], ["add", "--group", clean_line(NAME), "hi"],
    ["review", "--format", "json"],
])
def test_group_commands_print_no_control_characters(poison_groups, argv):
    out, err = io.StringIO(), io.StringIO()
    assert cli_main(["--journal", str(poison_groups), *argv], out=out, err=err) == 0, err.getvalue()
    for text in (out.getvalue(), err.getvalue()):
        assert not CONTROL.search(text.replace("\t", " ")), repr(CONTROL.findall(text))
    if "json" in argv:
        json.loads(out.getvalue())
    if argv == ["groups"]:
        assert "[@click=app.quit]Circle[/]" in out.getvalue()
    count("poison journal: commands run")
