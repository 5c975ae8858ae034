"""Copies from other devices in the app: the announcement, the merge, the review of what it set aside (issue 20)."""
from __future__ import annotations

import shutil
from datetime import timedelta

from textual.widgets import OptionList

from journal import clock
from journal.models import EncounterDraft
from journal.store import Store
from journal.sync import pending_conflicts
from tests.app_helpers import (SIZE, add, notifications, option_texts, rendered, reopen, screen_text, squash,
                               static_text, type_text)
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.conflicts import ConflictsScreen

COPY = "journal.sync-conflict-20261130-101500-ABCDEFG.json"
DROPBOX = "journal (Ana's conflicted copy 2026-11-30).json"


def later(minutes: int) -> None:
    moment = clock.now() + timedelta(minutes=minutes)
    clock.set_now(lambda: moment)


def edit_notes(store, encounter_id: str, notes: str) -> None:
    e = store.encounter(encounter_id)
    store.update_encounter(encounter_id, EncounterDraft(when=e.when, who=store.names(e.people), notes=notes))


def diverge(journal_path, name: str = COPY):
    """The journal and a copy beside it that both changed one encounter; the copy also added one."""
    with Store(journal_path) as store:
        shared = add(store, "Ana Souza", "sourdough").encounter
    copy = journal_path.parent / name
    shutil.copyfile(journal_path, copy)
    later(1)
    with Store(copy) as theirs:
        edit_notes(theirs, shared.id, "sourdough, from the laptop")
        add(theirs, "Carla Dias", "tea at the market")
    later(1)
    with Store(journal_path) as mine:
        edit_notes(mine, shared.id, "sourdough, from the desktop")  # later: it wins
    return copy, shared.id


def messages(app) -> list[str]:
    return [message for _, message in notifications(app)]


async def test_a_copy_is_announced_once(journal_path):
    copy, _ = diverge(journal_path)
    app = NetJournalApp(Store(journal_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        announced = [m for m in messages(app) if "A copy from another device was found" in m]
        assert announced == [f"A copy from another device was found: {COPY}. Press c to merge it."]
        app.check_conflict_copies()  # the next look at the folder says nothing new
        await pilot.pause()
        assert len([m for m in messages(app) if "copy from another device" in m]) == 1
        # A second copy, from Dropbox, is announced when it appears.
        shutil.copyfile(copy, journal_path.parent / DROPBOX)
        app.check_conflict_copies()
        await pilot.pause()
        assert f"A copy from another device was found: {DROPBOX}. Press c to merge it." in messages(app)


async def test_merging_a_copy_in_the_app(journal_path):
    copy, shared = diverge(journal_path)
    copy_bytes = copy.read_bytes()
    app = NetJournalApp(Store(journal_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        assert option_texts(screen.query_one(OptionList))[:2] == ["Copies from another device (m merges one)", COPY]
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = squash(rendered(dialog.query_one("#question")))
        assert question == (f"Merge {COPY} into the journal? It would make: 2 added, 0 updated, 0 deleted, "
                            "1 set aside for review, 0 people joined. The copy then moves into backups/.")
        # Nothing is written before the answer.
        assert "tea at the market" not in journal_path.read_text()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert any(m.startswith(f"Merged {COPY}: 2 added") for m in messages(app))
        # The list now shows the version set aside, and no copy.
        texts = option_texts(screen.query_one(OptionList))
        assert COPY not in texts
        assert texts[0].startswith("Set aside by a merge")
        assert "sourdough, from the laptop" in texts[1]
    # On disk: the merge, one save; the copy moved, byte for byte, into backups/.
    assert not copy.exists()
    assert (journal_path.parent / "backups" / COPY).read_bytes() == copy_bytes
    with reopen(journal_path) as disk:
        assert sorted(e.notes for e in disk.encounters()) == ["sourdough, from the desktop", "tea at the market"]
        assert [p.aside.notes for p in pending_conflicts(disk)] == ["sourdough, from the laptop"]


async def merged_app(journal_path):
    copy, shared = diverge(journal_path)
    with Store(journal_path) as store:
        from journal.copies import set_aside
        from journal.sync import merge_copy

        merge_copy(store, copy)
        set_aside(journal_path, copy)
    return NetJournalApp(Store(journal_path)), shared


async def test_review_keep_the_version_in_use(journal_path):
    app, shared = await merged_app(journal_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        detail = static_text(screen, "#conflicts-detail")
        assert "notes\n  in use:    sourdough, from the desktop\n  set aside: sourdough, from the laptop" in detail
        await pilot.press("k")
        await pilot.pause()
        assert "Kept the version in use." in messages(app)
        assert "Nothing to merge or review" in option_texts(screen.query_one(OptionList))[0]
    with reopen(journal_path) as disk:
        assert pending_conflicts(disk) == []
        assert disk.encounter(shared).notes == "sourdough, from the desktop"


async def test_review_use_the_set_aside_version(journal_path):
    app, shared = await merged_app(journal_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert "The set-aside version is in use now." in messages(app)
        await pilot.press("t")  # the timeline shows it
        await pilot.pause()
        assert "sourdough, from the lap" in screen_text(app)  # cut to the column
    with reopen(journal_path) as disk:
        assert disk.encounter(shared).notes == "sourdough, from the laptop"
        assert pending_conflicts(disk) == []


async def test_review_edit_the_record(journal_path):
    app, shared = await merged_app(journal_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        dialog.query_one("#notes").focus()
        await pilot.press("end")
        await type_text(pilot, "; the laptop's too")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Edited and settled." in messages(app)
        assert isinstance(app.screen, ConflictsScreen)
    with reopen(journal_path) as disk:
        assert disk.encounter(shared).notes == "sourdough, from the desktop; the laptop's too"
        assert pending_conflicts(disk) == []


async def test_c_is_typed_in_a_dialog_not_taken_as_the_key(journal_path):
    app = NetJournalApp(Store(journal_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Carla")
        assert isinstance(app.screen, QuickAddDialog)
        assert app.screen.query_one("#who").value == "Carla"
