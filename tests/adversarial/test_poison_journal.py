"""The poison journal (tests/fixtures/poison-journal.json, see make_poison.py):
every text field of every record holds escape sequences, C0/C1 controls,
markup, emoji, RTL and combining text, as a hand-edited file would. It opens,
every screen and dialog draws it (markup literally, controls gone), edits of
poisoned records save cleaned text, and the app is still running at the end.

"No control character reaches the terminal" is checked on what the driver
would write: the segments of the screen's compositor, toasts included.
"""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from journal.store import Store
from journal.text import clean, clean_line
from tests.adversarial.figures import count
from tests.adversarial.make_poison import FIXTURE, MARKERS, build, eid
from tests.app_helpers import SIZE, field_value, notifications, screen_text, static_text, type_text
from tui.app import NetJournalApp
from tui.cli import main as cli_main
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.opinion_edit import OpinionDialog
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.pick_person import PickPersonDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.dialogs.snooze import SnoozeDialog
from tui.screens.agenda import AgendaScreen
from tui.screens.encounter import EncounterScreen
from tui.screens.opinion import OpinionScreen
from tui.screens.opinions import OpinionsScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.review import ReviewScreen
from tui.screens.search import SearchScreen
from tui.screens.timeline import TimelineScreen

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def drawn(app) -> str:
    """Every character the driver would send for the current screen (toasts too)."""
    return "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)


def check(app, where: str, screen_type=None) -> str:
    if screen_type is not None:
        assert isinstance(app.screen, screen_type), f"{where}: on {type(app.screen).__name__}"
    text = drawn(app)
    found = sorted(set(CONTROL.findall(text)))
    assert not found, f"{where}: control characters reach the terminal: {found!r}"
    assert app.is_running, where
    count("poison journal: screens and dialogs drawn")
    return screen_text(app)


@pytest.fixture
def poison_path(journal_path) -> Path:
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURE, journal_path)
    return journal_path


def test_fixture_is_current_and_really_poisoned():
    """The file on disk is what make_poison builds, with the controls in it."""
    assert json.loads(FIXTURE.read_text(encoding="utf-8")) == build()
    raw = FIXTURE.read_bytes()
    assert b"\\u001b]0;pwned\\u0007" in raw  # C0 as a JSON escape
    assert "\x9b".encode() in raw and b"\x7f" in raw  # C1 and DEL raw


async def test_every_screen_draws_the_poison_journal(poison_path):
    store = Store(poison_path)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        # Follow-ups are overdue: the app opens on the Agenda.
        text = check(app, "agenda", AgendaScreen)
        assert "follow ]0;pwned[red]up" in text
        await pilot.press("s")  # the snooze dialog quotes the follow-up
        await pilot.pause()
        check(app, "snooze", SnoozeDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        text = check(app, "timeline", TimelineScreen)
        assert "]0;pwnedAna [red]S" in text and "[@click=app.quit]C" in text  # cut to the column

        # The newest encounter, in full.
        await pilot.press("enter")
        await pilot.pause()
        check(app, "encounter", EncounterScreen)
        body = static_text(app.screen, "#encounter-fields")
        encounter = store.encounter(eid(0))
        assert clean(encounter.notes) in body
        assert "[@click=app.quit]quit[/]" in body

        # Note an opinion from it: the dialog quotes the encounter.
        await pilot.press("n")
        await pilot.pause()
        check(app, "opinion from an encounter", OpinionDialog)
        await pilot.press("escape")
        await pilot.pause()

        # Edit the poisoned encounter in the quick-add form and save it: cleaned on disk.
        await pilot.press("e")
        await pilot.pause()
        check(app, "quick-add edit", QuickAddDialog)
        assert field_value(app.screen, "place") == clean_line(encounter.place)
        assert field_value(app.screen, "notes") == clean(encounter.notes)
        assert field_value(app.screen, "follow_up") == clean_line(encounter.follow_up.text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        check(app, "after saving the edit", EncounterScreen)
        with Store(poison_path) as disk:
            saved = disk.encounter(eid(0))
            assert saved.place == clean_line(encounter.place)
            assert saved.notes == clean(encounter.notes).strip("\n")
            assert saved.setting == clean_line(encounter.setting).casefold()
            assert saved.follow_up.text == clean_line(encounter.follow_up.text)
            # The names shown cleaned still find the same (poisoned) people: none is duplicated.
            assert saved.people == encounter.people
            assert len(disk.people()) == len(store.people())
        await pilot.press("escape")
        await pilot.pause()

        # People, a profile, its edit form, the merge picker and question.
        await pilot.press("p")
        await pilot.pause()
        text = check(app, "people", PeopleScreen)
        assert "[@click=app.quit]Carla[/]" in text
        await pilot.press("enter")
        await pilot.pause()
        check(app, "profile", PersonScreen)
        person = store.person(app.screen.person_id)
        assert clean(person.notes) in static_text(app.screen, "#person-facts")
        await pilot.press("e")
        await pilot.pause()
        check(app, "person edit", PersonEditDialog)
        assert field_value(app.screen, "name") == clean_line(person.name)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        check(app, "merge picker", PickPersonDialog)
        await pilot.press("enter")
        await pilot.pause()
        check(app, "merge question", ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        check(app, "after the merge (notification)", PersonScreen)
        assert any(title == "Merged" for title, _ in notifications(app))
        await pilot.press("escape")
        await pilot.pause()

        # Search for a word that is in every poisoned note.
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, "pwned")
        await pilot.pause()
        check(app, "search", SearchScreen)
        assert app.screen.query_one("#search-results").option_count >= 5
        await pilot.press("escape")
        await pilot.pause()

        # The weekly review with its poisoned reflection, follow-ups and lists.
        await pilot.press("w")
        await pilot.pause()
        check(app, "review", ReviewScreen)
        await pilot.press("r")
        await pilot.pause()
        check(app, "review reflection", ReviewScreen)
        assert "[@click=app.quit]x[/]" in field_value(app.screen, "review-reflection")
        await pilot.press("escape")  # leave the text area, so that keys are keys again
        await pilot.pause()

        # Opinions, one opinion's page and its revise form; save the revision.
        await pilot.press("o")
        await pilot.pause()
        check(app, "opinions", OpinionsScreen)
        # Showing the reflection cleaned is not an edit: leaving the review saved nothing.
        with Store(poison_path) as disk:
            assert disk.reflection("2026-W48") == build()["reviews"]["1"]["reflection"]
        await pilot.press("enter")
        await pilot.pause()
        check(app, "opinion page", OpinionScreen)
        opinion = store.opinions.get(app.screen.opinion_id)
        assert clean(opinion.stance) in static_text(app.screen, "#opinion-current")
        await pilot.press("e")
        await pilot.pause()
        check(app, "opinion revise form", OpinionDialog)
        before = len(store.opinions.all())
        await pilot.press("ctrl+s")
        await pilot.pause()
        check(app, "after the revision (notification)", OpinionScreen)
        # A revision of that opinion (its stance, now cleaned), not a second opinion.
        assert len(store.opinions.all()) == before
        revised = store.opinions.get(opinion.id)
        assert revised.stance == clean(opinion.stance).strip()
        assert revised.history[-1].stance == opinion.stance
        assert ("Saved", f"Opinion revised: {clean(opinion.subject)}") in notifications(app)
        await pilot.press("d")
        await pilot.pause()
        check(app, "delete opinion question", ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()

        await pilot.press("question_mark")
        await pilot.pause()
        check(app, "keys panel", OpinionScreen)
        await pilot.press("t")
        await pilot.pause()
        check(app, "back on the timeline", TimelineScreen)
        assert app.is_running
    store.close()


@pytest.mark.parametrize("argv", [
    ["opinions"], ["opinions", "--format", "json"], ["review"], ["review", "--format", "json"],
    ["add", "--who", "Ana", "hi"], ["backups"], ["agenda"], ["agenda", "--format", "json"],
])
def test_commands_print_no_control_characters_from_the_poison_journal(poison_path, argv):
    out, err = io.StringIO(), io.StringIO()
    assert cli_main(["--journal", str(poison_path), *argv], out=out, err=err) == 0, err.getvalue()
    for text in (out.getvalue(), err.getvalue()):
        assert not CONTROL.search(text.replace("\t", " ")), repr(CONTROL.findall(text))
    if "json" in argv:
        json.loads(out.getvalue())  # still valid JSON
    if argv == ["opinions"]:
        assert "[@click=app.quit]Trams[/]" in out.getvalue()
    count("poison journal: commands run")
