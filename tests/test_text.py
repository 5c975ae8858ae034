"""journal.text.clean: the one rule for user text (issue 15, bug 9: emoji
sequences intact, bidi overrides out, terminal controls out)."""
from __future__ import annotations

import pytest

from journal.names import fold
from journal.text import clean, clean_line
from tests.app_helpers import SIZE, reopen, type_as_a_terminal
from tui.app import NetJournalApp

FAMILY = "👩\u200d👩\u200d👧"  # woman, ZWJ, woman, ZWJ, girl: one picture
COOK = "🧑🏽\u200d🍳"
HEART = "❤\ufe0f"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # tag sequence


@pytest.mark.parametrize("text", [FAMILY, COOK, HEART, SCOTLAND, "می\u200cخواهم", "שלום \u200fעולם"])
def test_emoji_sequences_and_joiners_are_kept(text):
    assert clean(text) == text
    assert clean_line(f"  {text}  ") == text


@pytest.mark.parametrize("override", [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)])
def test_bidi_overrides_and_isolates_are_removed(override):
    # "\u202eevil" shows as "live": a name could pass for another one.
    assert clean(f"José {override}evil") == "José evil"


def test_terminal_controls_are_still_removed():
    assert clean("a\x1b]0;title\x07b\x9bc\x00d") == "a]0;titlebcd"
    assert clean("one\r\ntwo\tthree") == "one\ntwo\tthree"


def test_invisible_characters_do_not_make_two_names():
    assert fold("An\u200ba") == fold("Ana") == fold("\ufeffAna")
    assert fold(FAMILY) == fold("👩👩👧")


async def test_an_emoji_sequence_typed_key_by_key_is_stored_whole(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_as_a_terminal(pilot, f"Ana {FAMILY}")
        await pilot.press("tab", "tab", "tab")
        await type_as_a_terminal(pilot, f"family day {COOK} {SCOTLAND}")
        await pilot.press("ctrl+s")
        await pilot.pause()
    with reopen(journal_path) as disk:
        [e] = disk.encounters()
        assert e.notes == f"family day {COOK} {SCOTLAND}"
        assert [p.name for p in disk.people()] == [f"Ana {FAMILY}"]
