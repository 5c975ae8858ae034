"""The Reach and Visibility screens (issue 18), driven with the keys a user presses."""
from __future__ import annotations

from journal.store import Store
from tests.app_helpers import SIZE, add, ago, notifications, option_texts, screen_text, type_text
from tui.app import NetJournalApp
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.reach import ReachScreen, parse_target
from tui.screens.visibility import VisibilityScreen


def seed(store: Store) -> None:
    for n in range(4):
        add(store, "Ana Souza", f"coffee {n}", when=ago(days=2 + n), gave="a tip")
    ana = store.match_person("Ana").person_ids[0]
    store.add_person("Bruno Costa", organisation="ACME", introduced_by=ana)
    add(store, "Carla", "once", when=ago(days=40), told=[])


def test_the_box_reads_what_is_asked():
    assert parse_target("Ana") == {"person": "Ana"}
    assert parse_target("org: ACME") == {"org": "ACME"}
    assert parse_target("#bread") == {"topic": "bread"}
    assert parse_target("Interest:cycling") == {"interest": "cycling"}


async def test_reach_shows_ranked_paths_with_evidence_and_opens_the_person(store):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReachScreen)
        await type_text(pilot, "org:acme\n")
        await pilot.pause()
        [path] = option_texts(app.screen.query_one("#reach-paths"))
        assert "1. you → Ana Souza → Bruno Costa" in path
        assert "Ana Souza → Bruno Costa: introduced; Ana Souza introduced Bruno Costa to you" in path
        assert "you met 4 times" in path
        assert "1 path, best first" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert "Bruno Costa" in screen_text(app)


async def test_reach_says_when_nobody_matches_and_suggests_names(store):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "Bruna Costa\n")
        await pilot.pause()
        assert "No one called 'Bruna Costa'. Closest names: Bruno Costa" in screen_text(app)
        await pilot.press("escape", "f")
        await type_text(pilot, "[red]x[/]\n")  # markup-like text is a name like any other
        await pilot.pause()
        assert "No one called '[red]x[/]'." in screen_text(app) or "matches person '[red]x[/]'" in screen_text(app)


async def test_escape_leaves_the_question_box_so_screen_keys_work_again(store):
    """In the box every letter types: escape only emptied it, and p, q or / could never leave
    Reach (a new user's trial)."""
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "Bru")
        assert "esc Clear" in screen_text(app).splitlines()[-1]  # the way out is on the footer
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#reach-input").value == ""
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("i", "f")
        await type_text(pilot, "Bruno Costa\n")
        await pilot.pause()
        assert "path" in screen_text(app)


async def test_visibility_edits_qualities_and_lists_who_does_not_know(store, journal_path):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VisibilityScreen)
        assert "No qualities yet" in screen_text(app)
        assert option_texts(app.screen.query_one("#visibility-unaware")) == ["Ana Souza"]
        await pilot.press("e")
        await pilot.pause()
        await type_text(pilot, "UX research\nPython teaching")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ("", "Qualities saved.") in notifications(app)
        text = screen_text(app)
        assert "UX research  nobody knows it yet" in text and "Python teaching" in text
        assert "0 of the 2 people you met in the last 90 days" in text
    assert Store(journal_path).me().qualities == ["UX research", "Python teaching"]


async def test_qualities_form_refuses_an_empty_quality_in_place(store):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await type_text(pilot, "UX research\n")
        app.screen.query_one("#qualities").insert("\u0301\u0301")  # pasted: only combining accents, folds to nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a letter or a digit" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard the changes" in screen_text(app)


async def test_quick_add_records_an_introduction_what_i_told_and_who_introduced_someone_new(store, journal_path):
    seed(store)
    store.set_qualities(["UX research"])
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Ana Souza, Rita Nova")
        form = app.screen
        for field, text in (("introduced", "Ana > Bruno"), ("told", "ux research"), ("met_through", "Ana")):
            form.query_one(f"#{field}").focus()
            await pilot.pause()
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form, screen_text(app)
    disk = Store(journal_path)
    [encounter] = [e for e in disk.encounters() if e.told]
    ana, bruno, rita = (disk.match_person(n).person_ids[0] for n in ("Ana", "Bruno", "Rita"))
    assert encounter.introduced == [[ana, bruno]] and encounter.told == ["UX research"]
    assert disk.person(rita).introduced_by == ana


async def test_quick_add_says_every_reach_problem_under_its_field(store):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Ana")
        form = app.screen
        for field, text in (("introduced", "Ana and Bruno"), ("told", "bragging"), ("met_through", "Nobody Known")):
            form.query_one(f"#{field}").focus()
            await pilot.pause()
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        text = screen_text(app)
        assert "'Rosa > Tomás'" in text and "not one of your qualities" in text and "Met through: that person" in text


async def test_a_profile_shows_introductions_both_ways_and_who_they_are_seen_with(store):
    seed(store)
    add(store, "Ana Souza, Carla", "the three of us", when=ago(days=1), introduced=[("Ana Souza", "Carla")])
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.open_person(store.match_person("Ana").person_ids[0])
        await pilot.pause()
        text = screen_text(app)
        assert "Introduced to you" in text and "Bruno Costa" in text
        assert "You introduced them to" in text and "Carla" in text
        assert "Seen most with" in text and "Carla (1)" in text
