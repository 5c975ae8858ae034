"""Whom a give or an ask counts for (issue 15, bug 7): @Name in the text names
them; without it, everyone present, as every older encounter means."""
from __future__ import annotations

import json

import pytest

from journal.errors import ValidationError
from journal.review import compute_review, to_json_dict, to_markdown
from journal.store import Store
from tests.app_helpers import SIZE, add, ago, error_text, fill_input, on_disk, reopen, type_text
from tui.app import NetJournalApp
from tui.dialogs.quick_add import QuickAddDialog
from journal import clock


def person_id(store, name: str) -> str:
    return store.match_person(name).person_ids[0]


def test_a_give_named_with_at_counts_only_for_that_person(store):
    add(store, "José Almeida, Conceição Ramos", "lunch", when=ago(hours=2),
        gave="@Conceição an intro to the mayor's office", asked="a table for Saturday")
    jose, conceicao = person_id(store, "José Almeida"), person_id(store, "Conceição Ramos")
    assert (store.summary(jose).gave, store.summary(conceicao).gave) == (0, 1)
    # The ask named nobody: it counts for both, as before.
    assert (store.summary(jose).asked, store.summary(conceicao).asked) == (1, 1)
    review = compute_review(store, clock.today())
    assert [(b.person.name, b.gave, b.asked) for b in review.balance] == [
        ("Conceição Ramos", 1, 1), ("José Almeida", 0, 1),
    ]
    assert len(review.gave) == 1  # one give this week, whoever it was to
    [gave] = to_json_dict(review, store)["gave"]
    assert gave["counted_for"] == ["Conceição Ramos"]
    assert gave["people"] == ["José Almeida", "Conceição Ramos"]
    assert "- Conceição Ramos, Fri 27 Nov: @Conceição an intro" in to_markdown(review, store)


def test_at_matches_first_names_aliases_and_accents_and_the_longest_name_wins(store):
    add(store, "Ana Souza, Ana Lima, Bruno", "queue", when=ago(hours=3))
    store.update_person(person_id(store, "Bruno"), aliases=["Bruninho"])
    result = add(store, "Ana Souza, Ana Lima, Bruno", "again", when=ago(hours=1),
                 gave="@ana lima the recipe, and @BRUNINHO a loaf", asked="mail me at bruno@example.com")
    e = result.encounter
    assert e.gave_to == [person_id(store, "Ana Lima"), person_id(store, "Bruno")]
    assert e.asked_of is None  # an e-mail address is not a mention


@pytest.mark.parametrize(("gave", "message"), [
    ("@Carla the recipe", "@Carla: nobody in Who has that name"),
    ("@Ana the recipe", "@Ana could be several people in Who"),
])
def test_an_at_that_names_nobody_present_or_two_people_is_refused(store, gave, message):
    add(store, "Carla Dias", "older", when=ago(days=3))  # known, but not present
    with pytest.raises(ValidationError) as refused:
        add(store, "Ana Souza, Ana Lima", "lunch", when=ago(hours=1), gave=gave)
    assert refused.value.field == "gave"
    assert message in refused.value.message
    assert len(store.encounters()) == 1


def test_older_encounters_keep_their_meaning_and_their_bytes(store, journal_path):
    add(store, "José Almeida, Conceição Ramos", "lunch", when=ago(days=1), gave="an intro")
    [raw] = on_disk(journal_path)["encounters"].values()
    assert "gave_to" not in raw and "asked_of" not in raw  # nothing new in the file
    jose, conceicao = person_id(store, "José Almeida"), person_id(store, "Conceição Ramos")
    assert (store.summary(jose).gave, store.summary(conceicao).gave) == (1, 1)


def test_merging_and_deleting_people_follow_the_credit(store):
    add(store, "José Almeida, Conceição Ramos, C. Ramos", "lunch", when=ago(hours=1), gave="@C. Ramos a book")
    keep, other = person_id(store, "Conceição Ramos"), person_id(store, "C. Ramos")
    store.merge_people(keep, other)
    [e] = store.encounters()
    assert e.gave_to == [keep]
    from journal.forget import delete_person

    delete_person(store, keep)
    [e] = store.encounters()
    assert e.gave_to == []  # given to someone no longer in the journal: nobody else
    assert store.summary(person_id(store, "José Almeida")).gave == 0


async def test_quick_add_credits_the_named_person_and_explains_a_wrong_at(store, journal_path):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, "José Almeida, Conceição Ramos")
        await fill_input(pilot, "notes", "lunch at the tasca")
        await fill_input(pilot, "gave", "@Carla an intro to the mayor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        assert "@Carla: nobody in Who has that name" in error_text(dialog, "gave")
        assert app.focused is dialog.query_one("#gave")
        await pilot.press("home", "delete", "delete", "delete", "delete", "delete", "delete")
        await type_text(pilot, "@conceicao")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddDialog)
    with reopen(journal_path) as disk:
        [e] = disk.encounters()
        assert e.gave == "@conceicao an intro to the mayor"
        assert disk.names(e.gave_to) == ["Conceição Ramos"]
        assert disk.summary(person_id(disk, "José Almeida")).gave == 0


async def test_the_encounter_page_says_to_whom(store, journal_path):
    add(store, "José Almeida, Conceição Ramos", "lunch", when=ago(hours=1),
        gave="@Conceição an intro", asked="a lift home")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        body = str(app.screen.query_one("#encounter-fields").render())
        assert "You gave to Conceição Ramos\n@Conceição an intro" in body
        assert "You asked for\na lift home" in body  # everyone present: no names


def test_the_reach_graph_counts_a_give_only_for_the_person_named(store):
    add(store, "José Almeida, Conceição Ramos", "lunch", when=ago(hours=2), gave="@Conceição an intro")
    graph = store.reach_graph()
    jose, conceicao = person_id(store, "José Almeida"), person_id(store, "Conceição Ramos")
    assert graph.balance[jose][0] == 0 and graph.balance[conceicao][0] == 1
