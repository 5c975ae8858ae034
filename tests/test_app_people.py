"""People screen, profile, person edit and merge."""
from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from journal import clock
from tests.app_helpers import (
    SIZE,
    add,
    ago,
    disk_people,
    error_text,
    field_value,
    notifications,
    option_texts,
    reopen,
    squash,
    static_text,
    table_rows,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.pick_person import PickPersonDialog
from tui.screens.encounter import EncounterScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen


def seed_people(store) -> None:
    """Last seen: Bruno today, José yesterday, Ana three days ago, Léa ten days ago, Zoé never."""
    add(store, "Ana Souza", "Sourdough starters and #bread prices", when=ago(days=3, hours=2),
        place="Padaria Real", setting="bakery", gave="lent her a proofing basket")
    add(store, "Ana Souza", "First chat about #rye", when=ago(days=20), place="Padaria Real",
        asked="a loaf for Sunday", gave="a jar of starter")
    add(store, "José Martins", "Bike lanes #cycling", when=ago(days=1, hours=1), place="Café Charlot",
        follow_up="send him the cycling map", due=clock.today() + timedelta(days=3))
    add(store, "José Martins", "Met at the repair café #cycling", when=ago(days=15),
        follow_up="lend the chain tool")
    add(store, "Bruno", "Queue chat", when=ago(hours=3))
    add(store, "Léa Dubois", "Talk on #urbanism", when=ago(days=10))
    store.add_person("Zoé Petit", organisation="Mairie du 11e")


async def open_people(pilot) -> PeopleScreen:
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PeopleScreen)
    return pilot.app.screen


def names(screen) -> list[str]:
    return [row[0].strip() for row in table_rows(screen.query_one(DataTable))]


async def test_people_are_sorted_by_last_seen(store, journal_path):
    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        assert names(screen) == ["Bruno", "José Martins", "Ana Souza", "Léa Dubois", "Zoé Petit"]
        rows = {row[0].strip(): [c.strip() for c in row] for row in table_rows(screen.query_one(DataTable))}
        assert rows["Bruno"][2:4] == ["today", "1"]
        assert rows["José Martins"][2:4] == ["yesterday", "2"]
        assert rows["Ana Souza"][2:4] == ["3 days ago", "2"]
        assert rows["Zoé Petit"][1:4] == ["Mairie du 11e", "never", "0"]
        assert static_text(screen, "#people-header") == "5 people   sorted by last seen (s changes it)"
        assert app.focused is screen.query_one(DataTable)


async def test_filter_as_you_type_folds_accents_then_enter_opens_the_profile(store, journal_path):
    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        await pilot.press("f")
        assert app.focused is screen.query_one("#people-filter", Input)
        await type_text(pilot, "j")
        assert names(screen) == ["José Martins"]  # "j": only José
        await type_text(pilot, "o")
        assert names(screen) == ["José Martins"]
        assert static_text(screen, "#people-header") == (
            "5 people   sorted by last seen (s changes it)   1 match the filter"
        )
        # Filters by organisation too; "mairie" finds Zoé's row.
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "MAIRIE")
        assert names(screen) == ["Zoé Petit"]
        await pilot.press("escape")  # clears the filter
        assert names(screen) == ["Bruno", "José Martins", "Ana Souza", "Léa Dubois", "Zoé Petit"]

        await pilot.press("f")
        await type_text(pilot, "jo")
        await pilot.press("down")  # from the filter into the list, on the match
        assert app.focused is screen.query_one(DataTable)
        await pilot.press("f")
        await pilot.press("enter")  # from the filter: opens the highlighted match
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, PersonScreen)
        assert static_text(profile, "#person-title") == "José Martins"
        facts = static_text(profile, "#person-facts")
        assert "First met               12 Nov 2026" in facts
        assert "Last seen               26 Nov 2026 (yesterday)" in facts
        assert "Conversations           2" in facts
        assert "You gave                0 times\nYou asked for           0 times\n" in facts
        assert "Open follow-ups         send him the cycling map (due 30 Nov); lend the chain tool" in facts
        assert "Talked about            #cycling" in facts
        encounters = option_texts(profile.query_one("#person-encounters"))
        assert len(encounters) == 2
        assert squash(encounters[0]).startswith("26 Nov 2026") and "Bike lanes" in encounters[0]

        # Enter on one of their encounters opens it.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)
        assert "Bike lanes #cycling" in static_text(app.screen, "#encounter-fields")


async def test_profile_counts_gave_and_asked(store, journal_path):
    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        await pilot.press("down", "down", "enter")  # Ana Souza
        await pilot.pause()
        assert static_text(app.screen, "#person-title") == "Ana Souza"
        facts = static_text(app.screen, "#person-facts")
        assert "First met               07 Nov 2026" in facts
        assert "Last seen               24 Nov 2026 (3 days ago)" in facts
        assert "You gave                2 times\nYou asked for           once\n" in facts
        assert "Open follow-ups         —" in facts
        assert "Talked about            #bread #rye" in facts or "Talked about            #rye #bread" in facts
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_edit_a_person_from_the_people_screen(store, journal_path):
    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        await pilot.press("down")  # José
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonEditDialog)
        assert field_value(dialog, "name") == "José Martins"
        assert app.focused is dialog.query_one("#name")
        await pilot.press("tab", "tab")
        assert app.focused is dialog.query_one("#organisation")
        await type_text(pilot, "Vélo Cité")
        await pilot.press("tab")
        await type_text(pilot, "cycling, repair")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        jose = [row for row in table_rows(screen.query_one(DataTable)) if row[0].startswith("José")][0]
        assert jose[1].strip() == "Vélo Cité"
        assert jose[4].strip() == "cycling, repair"
    with reopen(journal_path) as disk:
        [jose] = [p for p in disk.people() if p.name == "José Martins"]
        assert jose.organisation == "Vélo Cité"
        assert jose.interests == ["cycling", "repair"]


async def test_edit_a_person_from_the_profile_with_mistakes_first(store, journal_path):
    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_people(pilot)
        await pilot.press("enter")  # Bruno
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, PersonScreen)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        # Renaming him to someone who exists is refused under Name.
        await pilot.press("ctrl+u")
        await type_text(pilot, "ana souza")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "already in the journal" in error_text(dialog, "name")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Bruno Lima")
        # A cadence must be a number of days.
        dialog.query_one("#keep_in_touch_days").focus()
        await type_text(pilot, "soon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "number of days" in error_text(dialog, "keep_in_touch_days")
        await pilot.press("ctrl+u")
        await type_text(pilot, "30")
        # Introduced by someone in the journal, typed without the accent.
        dialog.query_one("#introduced_by").focus()
        await type_text(pilot, "Jose Martins")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is profile
        assert static_text(profile, "#person-title") == "Bruno Lima"
        facts = static_text(profile, "#person-facts")
        assert "Introduced by           José Martins" in facts
        assert "Keep in touch           every 30 days" in facts
    with reopen(journal_path) as disk:
        [bruno] = [p for p in disk.people() if p.name == "Bruno Lima"]
        [jose] = [p for p in disk.people() if p.name == "José Martins"]
        assert bruno.keep_in_touch_days == 30
        assert bruno.introduced_by == jose.id


async def test_merge_two_people(store, journal_path):
    seed_people(store)
    add(store, "A. Souza", "Olive oil tasting #olives", when=ago(days=5), place="Padaria Real")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        assert "A. Souza" in names(screen)
        await pilot.press("f")
        await type_text(pilot, "ana")
        await pilot.press("enter")  # opens the match
        await pilot.pause()
        profile = app.screen
        assert static_text(profile, "#person-title") == "Ana Souza"

        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickPersonDialog)
        await type_text(pilot, "souza")
        picks = option_texts(app.screen.query_one("#pick-list"))
        assert picks == ["A. Souza"]  # Ana herself is not offered
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one("#question").render())
        assert question.startswith("Merge A. Souza into Ana Souza?")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is profile
        assert ("Merged", "Merged A. Souza into Ana Souza.") in notifications(app)
        facts = static_text(profile, "#person-facts")
        assert "Also known as           A. Souza" in facts
        assert "Conversations           3" in facts
        assert len(option_texts(profile.query_one("#person-encounters"))) == 3

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # clear the filter
        assert "A. Souza" not in names(screen)
        assert len(names(screen)) == 5

    with reopen(journal_path) as disk:
        people = {p.name: p for p in disk.people()}
        assert "A. Souza" not in people
        ana = people["Ana Souza"]
        olive = [e for e in disk.encounters() if e.notes.startswith("Olive")][0]
        assert olive.people == [ana.id]
        assert len(disk.encounters_by_person()[ana.id]) == 3
    assert len(disk_people(journal_path)) == 5


async def test_merge_cancelled_changes_nothing(store, journal_path):
    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_people(pilot)
        await pilot.press("enter")  # Bruno
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down")  # moves the list while typing in the filter
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
    assert len(disk_people(journal_path)) == 5


async def test_people_seen_together_are_listed_a_to_z(store, journal_path):
    add(store, "Zacharie, Ana Souza, Marc", "one table at the bakery", when=ago(hours=1))
    add(store, "Yves", "earlier", when=ago(days=2))
    store.add_person("Bérénice")
    store.add_person("Aurélie")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        assert names(screen) == ["Ana Souza", "Marc", "Zacharie", "Yves", "Aurélie", "Bérénice"]


async def test_a_name_with_a_comma_is_refused(store, journal_path):
    # Who is a comma-separated list: "Souza, Ana" would come back from the edit
    # form as two new people, "Souza" and "Ana".
    ids = add(store, "Ana Souza", "bread", when=ago(hours=1)).encounter.people
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_people(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("ctrl+u")
        await type_text(pilot, "Souza, Ana")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "comma" in error_text(dialog, "name")
        await pilot.press("escape")
        await pilot.pause()
        # Editing the encounter and saving it unchanged keeps the same person.
        await pilot.press("t", "e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    with reopen(journal_path) as disk:
        assert [p.name for p in disk.people()] == ["Ana Souza"]
        assert disk.encounters()[0].people == ids


async def test_a_name_typed_without_its_special_letters_finds_the_person(store, journal_path):
    """Issue 15, bug 8: "Soren" is Søren (ø does not decompose), in quick-add and in search."""
    add(store, "Søren Kierkegaard", "walk by the lake", when=ago(days=2))
    add(store, "Łukasz", "pierogi in Łódź", when=ago(days=1))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Soren")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "coffee again")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ("Saved", "Encounter saved. ctrl+z undoes it.") in notifications(app)  # nobody new
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, "lodz")
        await pilot.pause()
        assert any("pierogi" in row for row in option_texts(app.screen.query_one("#search-results")))
    with reopen(journal_path) as disk:
        assert sorted(p.name for p in disk.people()) == ["Søren Kierkegaard", "Łukasz"]


async def test_people_sort_by_name_most_met_and_most_overdue_and_the_choice_stays(store, journal_path):
    """Issue 15, friction 5."""
    seed_people(store)
    store.update_person(store.match_person("Léa Dubois").person_ids[0], keep_in_touch_days=7)  # 3 days overdue
    store.update_person(store.match_person("Bruno").person_ids[0], keep_in_touch_days=30)  # not due
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        await pilot.press("s")
        assert names(screen) == ["Ana Souza", "Bruno", "José Martins", "Léa Dubois", "Zoé Petit"]
        assert "sorted by name" in static_text(screen, "#people-header")
        await pilot.press("s")
        assert names(screen)[:2] == ["Ana Souza", "José Martins"]  # met twice each
        assert names(screen)[-1] == "Zoé Petit"
        assert "sorted by most met" in static_text(screen, "#people-header")
        await pilot.press("s")
        # Cadences first, the most overdue on top; then the longest unseen.
        assert names(screen) == ["Léa Dubois", "Bruno", "Zoé Petit", "Ana Souza", "José Martins"]
        assert "sorted by most overdue" in static_text(screen, "#people-header")
        # The choice stays when the list is left and come back to.
        await pilot.press("t", "p")
        await pilot.pause()
        assert names(app.screen) == ["Léa Dubois", "Bruno", "Zoé Petit", "Ana Souza", "José Martins"]
        await pilot.press("s")
        assert "sorted by last seen" in static_text(app.screen, "#people-header")


async def test_a_on_a_profile_opens_quick_add_with_who_filled_in(store, journal_path):
    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_people(pilot)
        await pilot.press("down", "enter")  # José
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert field_value(dialog, "who") == "José Martins"
        await pilot.press("tab")
        await type_text(pilot, "Café Charlot")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert "Conversations           3" in static_text(app.screen, "#person-facts")
    with reopen(journal_path) as disk:
        jose = disk.match_person("José Martins").person_ids[0]
        assert len(disk.encounters_by_person()[jose]) == 3


async def test_search_finds_people_by_their_notes_interests_and_organisation_and_finds_opinions(store, journal_path):
    """Issue 15, friction 5: / finds more than encounters."""
    seed_people(store)
    store.update_person(store.match_person("Zoé Petit").person_ids[0], interests=["kites"],
                        notes="Runs the repair workshop on Saturdays")
    store.opinions.note("Repair cafés", "worth a Saturday morning")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        await type_text(pilot, "repair")
        other = [squash(row) for row in option_texts(screen.query_one("#search-other"))]
        assert other == ["person Zoé Petit Mairie du 11e", "opinion Repair cafés: worth a Saturday morning"]
        assert static_text(screen, "#search-header") == "Search   1 encounter · 1 person · 1 opinion"
        await pilot.press("ctrl+u")
        await type_text(pilot, "kites")  # an interest; no encounter says it
        await pilot.press("enter")  # to the list that has something
        assert app.focused is screen.query_one("#search-other")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert static_text(app.screen, "#person-title").startswith("Zoé Petit")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "mairie 11e")  # an organisation
        assert [squash(r) for r in option_texts(screen.query_one("#search-other"))] == ["person Zoé Petit Mairie du 11e"]


def test_the_people_orders_are_the_settings_choices():
    from journal.people_order import SORTS
    from journal.settings import PEOPLE_SORTS

    assert set(SORTS) == set(PEOPLE_SORTS)


async def test_the_people_order_is_remembered_in_the_settings_file(store, journal_path, settings_file):
    import tomllib

    seed_people(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_people(pilot)
        await pilot.press("s")  # by name
        await pilot.pause()
    assert tomllib.loads(settings_file.read_text()) == {"people_sort": "name"}
    again = NetJournalApp(store)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        assert "sorted by name" in static_text(screen, "#people-header")
        assert names(screen) == ["Ana Souza", "Bruno", "José Martins", "Léa Dubois", "Zoé Petit"]


# ---------------------------------------------------------- a long list
def _highlighted_name(table: DataTable) -> str:
    return table_rows(table)[table.cursor_row][0].strip()


def _many_people(store, count: int) -> None:
    """Person 000 seen yesterday, Person 001 the day before, and so on: the list's order by last seen."""
    for n in range(count):
        add(store, f"Person {n:03}", "met", when=ago(days=n + 1))


async def test_a_long_people_list_shows_its_first_page_then_the_rest_as_the_cursor_goes_down(store):
    _many_people(store, 150)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert "150 people" in static_text(app.screen, "#people-header")
        # DataTable measures every row it holds: only the first page is laid out.
        assert table.row_count == 100
        assert _highlighted_name(table) == "Person 000"
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert table.cursor_row > 80
        assert table.row_count == 150
        assert _highlighted_name(table) == f"Person {table.cursor_row:03}"
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert _highlighted_name(table) == "Person 000"


async def test_ctrl_end_reaches_the_last_person_and_a_refresh_keeps_them_highlighted(store, journal_path):
    _many_people(store, 250)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 250
        assert _highlighted_name(table) == "Person 249"
        # Another save redraws the list: the highlighted person, far down, stays highlighted.
        add(reopen(journal_path), "Somebody New", "later")
        app.check_external_changes()
        await pilot.pause()
        await pilot.pause()
        assert "251 people" in static_text(app.screen, "#people-header")
        assert _highlighted_name(table) == "Person 249"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert "Person 249" in static_text(app.screen, "#person-title")


async def test_the_filter_finds_a_person_beyond_the_first_page(store):
    _many_people(store, 150)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("f")
        await type_text(pilot, "person 142")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [row[0].strip() for row in table_rows(table)] == ["Person 142"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert "Person 142" in static_text(app.screen, "#person-title")


async def test_scrolling_to_the_end_of_the_people_list_adds_the_next_page(store):
    _many_people(store, 150)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 100
        table.scroll_end(animate=False)  # as the mouse wheel does, the cursor left where it was
        await pilot.pause()
        await pilot.pause()
        assert table.row_count == 150
        assert _highlighted_name(table) == "Person 000"
