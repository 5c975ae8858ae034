"""Quick-add (issue 3): a, type, ctrl+s; bad dates, empty forms, escape, undo."""
from __future__ import annotations

from textual import events
from textual.widgets import Button

from tests.app_helpers import (
    SIZE,
    add,
    ago,
    disk_encounters,
    disk_people,
    error_text,
    field_value,
    fill_input,
    highlighted_text,
    notifications,
    option_texts,
    reopen,
    seed_small,
    squash,
    static_text,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.timeline import TimelineScreen


async def open_quick_add(pilot) -> QuickAddDialog:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuickAddDialog)
    return pilot.app.screen


async def clear_field(pilot, field: str) -> None:
    """Focus a field and erase it with backspace, as a user does."""
    widget = pilot.app.screen.query_one(f"#{field}")
    widget.focus()
    await pilot.pause()
    await pilot.press("end")
    for _ in range(len(widget.value)):
        await pilot.press("backspace")
    assert widget.value == ""


async def test_quick_add_happy_path(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        assert app.focused is dialog.query_one("#who")
        # "Ana" is Ana Souza already (first name); Zoë Martin is new.
        await type_text(pilot, "Ana, Zoë Martin")
        await pilot.press("tab")
        await type_text(pilot, "Marché d'Aligre")
        await pilot.press("tab")
        # The place is new, so no usual setting is filled in for us.
        await type_text(pilot, "neighbourhood")
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#notes")
        await type_text(pilot, "Olive stall prices, #markets and #Bread")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, TimelineScreen)
        timeline = app.screen.query_one("#timeline")
        rows = option_texts(timeline)
        assert rows[0] == "Today"
        # The row is cut to its columns' widths.
        assert squash(rows[1]).startswith("15:00 Ana Souza, Zoë Mar") and "Marché d'Aligre" in rows[1]
        assert "#markets" in rows[1]
        assert timeline.highlighted == 1
        assert highlighted_text(timeline) == rows[1]
        # Zoë Martin is new: the notification says so, so a mistyped name shows at once.
        assert ("Saved", "Encounter saved, with new people: Zoë Martin. ctrl+z undoes it.") in notifications(app)
        assert "5 in all" in static_text(app.screen, "#timeline-header")

    with reopen(journal_path) as disk:
        people = {p.name: p for p in disk.people()}
        assert set(people) == {"Ana Souza", "José Martins", "Bruno", "Léa Dubois", "Zoë Martin"}
        newest = disk.recent(0, 1)[0]
        assert newest.people == [people["Ana Souza"].id, people["Zoë Martin"].id]
        assert newest.place == "Marché d'Aligre"
        assert newest.setting == "neighbourhood"
        assert newest.notes == "Olive stall prices, #markets and #Bread"
        assert newest.topics == ["markets", "Bread"]
        assert newest.when.isoformat() == "2026-11-27T15:00:00+01:00"


async def test_known_place_brings_its_usual_setting(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Bruno")
        await pilot.press("tab")
        await type_text(pilot, "padaria real")  # case and accents ignored
        assert field_value(dialog, "setting") == "bakery"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddDialog)
    with reopen(journal_path) as disk:
        assert disk.recent(0, 1)[0].setting == "bakery"


async def test_when_field_understands_yesterday(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana")
        await clear_field(pilot, "when")
        await type_text(pilot, "yesterday 18:30")
        assert static_text(dialog, "#when-parsed") == "Thu 26 Nov 2026 18:30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert option_texts(app.screen.query_one("#timeline"))[0] == "Yesterday"
    assert disk_encounters(journal_path)[0]["when"] == "2026-11-26T18:30:00+01:00"


async def test_when_takes_parts_of_the_day_and_hints_yesterday_for_a_later_time(store, journal_path):
    """Issue 15, friction 2 (the clock is frozen at Friday 15:00)."""
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana")
        await clear_field(pilot, "when")
        await type_text(pilot, "sunday night")
        assert static_text(dialog, "#when-parsed") == "Sun 22 Nov 2026 21:00"
        await clear_field(pilot, "when")
        await type_text(pilot, "last fri")
        assert static_text(dialog, "#when-parsed") == "Fri 20 Nov 2026 12:00"
        await clear_field(pilot, "when")
        await type_text(pilot, "18:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert error_text(dialog, "when") == "'18:30' is later than now; did you mean yesterday 18:30?"
        await clear_field(pilot, "when")
        await type_text(pilot, "yesterday evening")
        assert static_text(dialog, "#when-parsed") == "Thu 26 Nov 2026 19:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
    assert disk_encounters(journal_path)[0]["when"] == "2026-11-26T19:00:00+01:00"


async def test_unreadable_date_is_explained_under_when_and_nothing_is_lost(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        await pilot.press("tab")
        await type_text(pilot, "Padaria Real")
        await fill_input(pilot, "notes", "rye flour #bread")
        await clear_field(pilot, "when")
        await type_text(pilot, "blorp")
        assert static_text(dialog, "#when-parsed") == "?"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is dialog
        message = error_text(dialog, "when")
        assert "blorp" in message or "Try:" in message
        assert "Try: now, yesterday 18:30" in message
        assert error_text(dialog, "who") == ""
        assert field_value(dialog, "who") == "Ana Souza"
        assert field_value(dialog, "place") == "Padaria Real"
        assert field_value(dialog, "notes") == "rye flour #bread"
        assert field_value(dialog, "when") == "blorp"
        assert not any(title == "Saved" for title, _ in notifications(app))
    assert not journal_path.exists() or disk_encounters(journal_path) == []


async def test_future_date_is_refused_under_when(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        await clear_field(pilot, "when")
        await type_text(pilot, "tomorrow")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "future" in error_text(dialog, "when")
        assert field_value(dialog, "who") == "Ana Souza"
        assert field_value(dialog, "when") == "tomorrow"

        # Fixing the date and saving again works, and the message goes away.
        await clear_field(pilot, "when")
        await type_text(pilot, "2h ago")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
    assert [e["when"] for e in disk_encounters(journal_path)] == ["2026-11-27T13:00:00+01:00"]


async def test_empty_who_and_notes_is_refused(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Padaria Real")  # a place alone is not an encounter
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "Who or the notes must be filled" in error_text(dialog, "who")
        assert field_value(dialog, "place") == "Padaria Real"
    assert not journal_path.exists() or disk_encounters(journal_path) == []
    assert not journal_path.exists() or disk_people(journal_path) == []


async def test_notes_alone_are_enough(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_quick_add(pilot)
        await fill_input(pilot, "notes", "overheard a talk on #composting")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
    [saved] = disk_encounters(journal_path)
    assert saved["people"] == [] and saved["topics"] == ["composting"]


async def test_escape_with_nothing_typed_closes_without_asking(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_quick_add(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert not app.screen.query("ConfirmDialog")
    assert not journal_path.exists() or disk_encounters(journal_path) == []


async def test_escape_after_typing_asks_keep_editing_then_discard(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        await pilot.press("tab")
        await type_text(pilot, "Padaria Real")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert str(app.screen.query_one("#question").render()) == "Discard this encounter?"
        # The safe answer has the focus: enter keeps editing.
        assert app.focused is app.screen.query_one("#no", Button)
        assert str(app.focused.label) == "Keep editing"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert field_value(dialog, "who") == "Ana Souza"
        assert field_value(dialog, "place") == "Padaria Real"

        # Typing goes on where it was, then escape again and Discard.
        await type_text(pilot, " bakery")
        assert field_value(dialog, "place") == "Padaria Real bakery"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert not any(title == "Saved" for title, _ in notifications(app))
    assert not journal_path.exists() or disk_encounters(journal_path) == []
    assert not journal_path.exists() or disk_people(journal_path) == []


async def test_letters_in_the_discard_question_do_not_switch_screens(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("escape")
        await pilot.pause()
        for key in ("p", "t", "w", "o", "a", "slash"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog), key
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog
        assert field_value(dialog, "who") == "Ana"


async def test_ctrl_z_after_quick_add_removes_the_encounter_and_new_people(store, journal_path):
    add(store, "Ana Souza", "earlier chat", when=ago(days=2))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza, Bruno Lima, Chloé")
        await fill_input(pilot, "notes", "bread talk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        with reopen(journal_path) as disk:
            assert disk.count() == 2
            assert sorted(p.name for p in disk.people()) == ["Ana Souza", "Bruno Lima", "Chloé"]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("Undo", "Undid the new encounter.") in notifications(app)
        rows = option_texts(app.screen.query_one("#timeline"))
        assert not any("bread talk" in row for row in rows)
        assert any("earlier chat" in row for row in rows)

        # Nothing left to undo: says so, changes nothing.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(message == "Nothing to undo." for _, message in notifications(app))
    with reopen(journal_path) as disk:
        assert [e.notes for e in disk.encounters()] == ["earlier chat"]
        assert [p.name for p in disk.people()] == ["Ana Souza"]


async def test_ctrl_s_saves_from_the_last_field(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        await fill_input(pilot, "follow_up", "send the rye recipe")
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#due")
        await type_text(pilot, "next week")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert option_texts(app.screen.query_one("#timeline"))[1].rstrip().endswith("⚑")
    [saved] = disk_encounters(journal_path)
    assert saved["follow_up"]["text"] == "send the rye recipe"
    assert saved["follow_up"]["done"] is False
    assert saved["follow_up"]["due"] is not None and saved["follow_up"]["due"] > "2026-11-27"


async def test_ctrl_z_refuses_once_something_else_changed_the_journal(store, journal_path):
    """Undo never reaches past a change it cannot take back (here a person's edit)."""
    add(store, "Ana Souza", "older chat", when=ago(days=2), follow_up="call back")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_quick_add(pilot)
        await type_text(pilot, "Bruno Lima")
        await fill_input(pilot, "notes", "bread talk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Edit Bruno (seen last, so highlighted in People): a change with no undo.
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await fill_input(pilot, "organisation", "Padaria Real")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(message.startswith("Cannot undo the new encounter") for _, message in notifications(app))
    with reopen(journal_path) as disk:
        assert sorted(e.notes for e in disk.encounters()) == ["bread talk", "older chat"]
        assert "Bruno Lima" in [p.name for p in disk.people()]


async def test_ctrl_z_after_quick_add_with_an_opinion_takes_the_opinion_back(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        await fill_input(pilot, "notes", "metro talk")
        await fill_input(pilot, "opinion", "the new metro line: late but worth it")
        await pilot.press("ctrl+s")
        await pilot.pause()
        with reopen(journal_path) as disk:
            assert [o.subject for o in disk.opinions.all()] == ["the new metro line"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("Undo", "Undid the new encounter.") in notifications(app)
    with reopen(journal_path) as disk:
        assert disk.opinions.all() == [] and disk.count() == 0


def burst(app, keys: str) -> None:
    """Keys typed faster than the app handles them: all queued before the first is handled."""
    for key in keys:
        app.post_message(events.Key(key, key))


async def test_a_name_typed_right_after_a_lands_in_who(store, journal_path):
    """The keys queued behind `a` reach the timeline, or the dialog before Who has focus; none is lost."""
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        burst(app, "aYolanda Q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        await type_text(pilot, "uintana")  # and typing goes on where it was
        assert field_value(dialog, "who") == "Yolanda Quintana"
        assert len(app.screen_stack) == 2  # the a inside the name opened nothing more
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Yolanda Quintana" in [p["name"] for p in disk_people(journal_path)]


async def test_keys_right_after_e_do_not_change_the_encounter_being_edited(store, journal_path):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        burst(app, "exyz")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuickAddDialog)
        assert "xyz" not in field_value(dialog, "who")


def burst(app, keys: list[str]) -> None:
    """Keys as a terminal delivers a fast typist's burst: all queued before the first is handled.

    (Pilot's press waits for each key to be handled; a terminal does not.)
    """
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_ctrl_s_in_a_burst_saves_what_was_typed_before_it(store, journal_path):
    """A fast typist's ctrl+s saved the form as it was before the keys typed just ahead of it:
    the When field was still empty, so the encounter was saved "now" and 18:30 later than now
    was never refused (seen in a real terminal, 3 times in 8)."""
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        await clear_field(pilot, "when")
        burst(app, [*"18:30", "ctrl+s"])  # 15:00 now: 18:30 today is later than now
        await pilot.pause()
        await pilot.pause()
        assert app.screen is dialog, "saved without reading the When typed just before ctrl+s"
        assert field_value(dialog, "when") == "18:30"
        assert "later than now" in error_text(dialog, "when")

        await clear_field(pilot, "when")
        burst(app, [*"yesterday evening", "ctrl+s"])
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
    assert [e["when"] for e in disk_encounters(journal_path)] == ["2026-11-26T19:00:00+01:00"]


async def test_tab_in_a_burst_moves_on_before_the_next_keys_even_with_the_drop_down_open(store, journal_path):
    """Tab, then the next field's letters 100 ms later, while Who's drop-down listed several
    names: the letters landed in Who and saving created a person "WeißmannBar1" (real terminal,
    2 times in 4). Tab moves focus as it arrives, before the keys behind it are handed out."""
    add(store, "Ana Souza", "bread")
    add(store, "Ana Lima", "rent")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana")
        await pilot.pause()
        burst(app, ["tab", *"Padaria"])
        await pilot.pause()
        await pilot.pause()
        assert field_value(dialog, "who") == "Ana"
        assert field_value(dialog, "place") == "Padaria"
        burst(app, ["tab", *"bakery", "shift+tab", "shift+tab", "ctrl+e", *" Souza"])
        await pilot.pause()
        await pilot.pause()
        assert field_value(dialog, "setting") == "bakery"
        assert field_value(dialog, "place") == "Padaria"
        assert field_value(dialog, "who").endswith("Souza")  # back in Who, whatever its select-on-focus did


async def test_an_emoji_sequence_typed_key_by_key_keeps_its_joiners_in_place(store, journal_path):
    """A terminal without bracketed paste sends 👩‍👩‍👧 as five keys, the joiners among them.
    The joiners were inserted as they arrived, ahead of the emoji still queued for the field:
    the notes were saved as "‍‍ab 👩👩👧 cd" (a new user's trial)."""
    family = "👩\u200d👩\u200d👧"
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        dialog.query_one("#learned").focus()
        await pilot.pause()
        burst(app, [*f"x {family} y"])
        await pilot.pause()
        assert field_value(dialog, "learned") == f"x {family} y"
        dialog.query_one("#notes").focus()
        await pilot.pause()
        burst(app, [*f"ab {family} cd", "ctrl+s"])
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
    [saved] = disk_encounters(journal_path)
    assert saved["notes"] == f"ab {family} cd"
    assert saved["learned"] == f"x {family} y"
