"""Contact fields on people: edited in the person form, shown on the profile, found by search (issue 20)."""
from __future__ import annotations

import pytest

from journal.errors import ValidationError
from tests.app_helpers import SIZE, add, error_text, reopen, static_text, type_text
from tui.app import NetJournalApp
from tui.dialogs.person_edit import PersonEditDialog
from tui.screens.person import PersonScreen


async def test_contacts_are_edited_checked_and_shown(store, journal_path):
    add(store, "Ana Souza", "bread")
    bruno = add(store, "Bruno", "bikes").created_people[0]
    store.update_person(bruno.id, emails=["bruno@example.com"])
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # Ana: both seen at the same moment, so A to Z
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, PersonScreen) and static_text(profile, "#person-title") == "Ana Souza"
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonEditDialog)
        dialog.query_one("#emails").focus()
        await type_text(pilot, "ana at example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "'ana at example' is not an email address" in error_text(dialog, "emails")
        await pilot.press("ctrl+u")
        await type_text(pilot, "ana@example.com, BRUNO@example.com")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "bruno@example.com is already Bruno's email" in error_text(dialog, "emails")
        await pilot.press("ctrl+u")
        await type_text(pilot, "ana@example.com, ANA@example.com")  # the same email twice: kept once
        await pilot.press("tab")
        await type_text(pilot, "no digits")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "has no digits" in error_text(dialog, "phones")
        await pilot.press("ctrl+u")
        await type_text(pilot, "+33 6 12 34 56 78")
        await pilot.press("tab")
        await type_text(pilot, "https://example.com/ana, [red]x[/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is profile
        facts = static_text(profile, "#person-facts")
        assert "Email                   ana@example.com\n" in facts
        assert "Phone                   +33 6 12 34 56 78\n" in facts
        assert "Links                   https://example.com/ana, [red]x[/]\n" in facts  # literal, never markup
    with reopen(journal_path) as disk:
        [ana] = [p for p in disk.people() if p.name == "Ana Souza"]
        assert (ana.emails, ana.phones, ana.links) == (["ana@example.com"], ["+33 6 12 34 56 78"],
                                                       ["https://example.com/ana", "[red]x[/]"])
        # Search and Who know the email.
        assert [e.notes for e in disk.search("ana@example.com")] == ["bread"]
        assert disk.match_person("ANA@example.com").person_ids == (ana.id,)


def test_the_store_refuses_an_email_someone_else_has(store):
    ana = add(store, "Ana", "x").created_people[0]
    bruno = add(store, "Bruno", "y").created_people[0]
    store.update_person(ana.id, emails=["a@example.com"])
    with pytest.raises(ValidationError) as info:
        store.update_person(bruno.id, emails=["A@EXAMPLE.COM"])
    assert info.value.field == "emails"
    store.merge_people(ana.id, bruno.id)
    store.update_person(ana.id, phones=["06 12", "0612"])  # the same digits: one phone
    assert store.person(ana.id).phones == ["06 12"]
