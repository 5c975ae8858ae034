"""What the app does not do again (issue 21): counted, never timed.

Each test counts the work a user would wait for (rows laid out, data
computed, a screen redrawn) around the keys a user presses, and checks what
the screen shows as well.
"""
from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import OptionList

from tests.app_helpers import SIZE, add, ago, option_texts, squash
from tui.app import NetJournalApp
from tui.screens.agenda import AgendaScreen

TODAY = date(2026, 11, 27)


def seed_due(store) -> None:
    add(store, "Ana Souza", "bread", when=ago(days=7), place="Padaria Real",
        follow_up="send the recipe", due=TODAY - timedelta(days=2))
    add(store, "Bruno", "dinner plans", when=ago(days=1), place="Café Lua",
        follow_up="book the table", due=TODAY)


def seed_overdue(store, count: int) -> None:
    """`count` follow-ups past due, "task 000" due yesterday, the others each a day earlier."""
    for n in range(count):
        add(store, f"Person {n:03}", "met", when=ago(days=200 + n), follow_up=f"task {n:03}",
            due=TODAY - timedelta(days=1 + n))


def count_calls(monkeypatch, owner, name: str, calls: list) -> None:
    """Record (self, args) of every call of owner.name, then call it."""
    original = getattr(owner, name)

    def counted(self, *args, **kwargs):
        calls.append((self, args))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


async def test_the_agenda_draws_its_rows_once_at_start_and_again_only_when_the_width_changes(store, monkeypatch):
    seed_due(store)
    import tui.screens.agenda as agenda_module

    computed = []
    original = agenda_module.compute_agenda
    monkeypatch.setattr(agenda_module, "compute_agenda", lambda *a, **k: computed.append(1) or original(*a, **k))
    added, set_ = [], []
    count_calls(monkeypatch, OptionList, "add_option", added)
    count_calls(monkeypatch, OptionList, "set_options", set_)

    def agenda_sets():
        return [args for widget, args in set_ if widget.id == "agenda-list"]

    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        options = app.screen.query_one("#agenda-list", OptionList)
        assert "send the recipe" in squash(" ".join(option_texts(options)))
        # One computation, one layout: not one per option, nor one per resize event.
        assert len(computed) == 1
        assert [w for w, _ in added if w.id == "agenda-list"] == []
        drawn_at_start = len(agenda_sets())
        assert drawn_at_start <= 2  # on mount, and once more if the first width was not the final one
        await pilot.press("down", "down", "down")
        highlighted = options.highlighted_option.id

        # A narrower terminal: the rows follow (no room for where they met), the cursor stays.
        await pilot.resize_terminal(70, SIZE[1])
        await pilot.pause()
        assert len(agenda_sets()) == drawn_at_start + 1
        assert len(computed) == 1
        assert options.highlighted_option.id == highlighted
        assert not any("Padaria Real" in row for row in option_texts(options))

        # The same width again: nothing is redrawn.
        await pilot.resize_terminal(70, SIZE[1] + 4)
        await pilot.pause()
        assert len(agenda_sets()) == drawn_at_start + 1


async def test_the_timeline_builds_its_rows_once_at_start_and_on_a_width_change(store, monkeypatch):
    for n in range(5):
        add(store, f"Person {n}", f"talk {n}", when=ago(days=n, hours=1), place="Padaria Real")
    built = []
    count_calls(monkeypatch, OptionList, "set_options", built)
    added = []
    count_calls(monkeypatch, OptionList, "add_option", added)

    def timeline_builds():
        return [args for widget, args in built if widget.id == "timeline"]

    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one("#timeline", OptionList)
        assert "Person 0" in option_texts(timeline)[1]
        assert len(timeline_builds()) == 1
        assert [w for w, _ in added if w.id == "timeline"] == []
        await pilot.resize_terminal(56, SIZE[1])
        await pilot.pause()
        assert len(timeline_builds()) == 2
        assert "Padaria Real" not in option_texts(timeline)[1]  # below 60 columns of row, no Where
        await pilot.resize_terminal(56, SIZE[1] + 4)
        await pilot.pause()
        assert len(timeline_builds()) == 2


async def test_quick_add_says_saved_before_the_timeline_redraws_its_rows(store, journal_path, monkeypatch):
    from tests.app_helpers import notifications, seed_small, type_text
    from tui.screens.timeline import TimelineScreen

    seed_small(store)
    events: list[str] = []
    original_notify = NetJournalApp.notify
    original_refresh = TimelineScreen.refresh_data

    def notify(self, message, **kwargs):
        events.append("notified")
        return original_notify(self, message, **kwargs)

    def refresh_data(self):
        events.append("redrawn")
        return original_refresh(self)

    monkeypatch.setattr(NetJournalApp, "notify", notify)
    monkeypatch.setattr(TimelineScreen, "refresh_data", refresh_data)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Zoë Martin")
        events.clear()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        # The notification first; then the timeline's one redraw for the new data.
        assert events == ["notified", "redrawn"]
        assert any("Encounter saved" in message for _, message in notifications(app))
        assert "Zoë Martin" in option_texts(app.screen.query_one("#timeline", OptionList))[1]


async def test_a_screen_under_a_dialog_redraws_when_it_comes_back_once(store, journal_path, monkeypatch):
    """Another process saves twice while quick-add is open: the timeline under it waits, then redraws once."""
    from tests.app_helpers import reopen, seed_small
    from tui.dialogs.quick_add import QuickAddDialog
    from tui.screens.timeline import TimelineScreen

    seed_small(store)
    redraws = []
    count_calls(monkeypatch, TimelineScreen, "refresh_data", redraws)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        drawn = len(redraws)
        for who in ("Kim Park", "Léa Dubois"):
            with reopen(journal_path) as other:
                add(other, who, "saved elsewhere")
            app.check_external_changes()  # the poll, without waiting for it
            await pilot.pause()
        assert len(redraws) == drawn
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert len(redraws) == drawn + 1
        rows = option_texts(app.screen.query_one("#timeline", OptionList))
        assert any("Léa Dubois" in row for row in rows) and any("Kim Park" in row for row in rows)


async def test_after_a_save_the_timeline_builds_only_the_new_row_and_an_edit_shows(store, journal_path, monkeypatch):
    from tests.app_helpers import seed_small, type_text
    import tui.widgets.encounter_list as encounter_list

    seed_small(store)
    built: list[str] = []
    original = encounter_list.encounter_row
    monkeypatch.setattr(encounter_list, "encounter_row",
                        lambda encounter, *a, **k: built.append(encounter.notes) or original(encounter, *a, **k))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        built.clear()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Zoë Martin")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "a brand new row")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        timeline = app.screen.query_one("#timeline", OptionList)
        assert "a brand new row" in option_texts(timeline)[1]
        assert built == ["a brand new row"]
        # An edit changes what the row shows: it is built again, not taken from before.
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#notes").text = ""
        await pilot.pause()
        await type_text(pilot, "an edited row")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert "an edited row" in option_texts(timeline)[1]


async def test_a_timeline_longer_than_the_screen_builds_its_rows_once_for_its_scrollbar(store, monkeypatch):
    """The rows were built as if there were no scrollbar, then rebuilt, all 100, at the next save."""
    from tests.app_helpers import type_text
    import tui.widgets.encounter_list as encounter_list

    for day in range(40):
        add(store, f"Person {day}", f"row {day}", when=ago(days=day + 1), place="Padaria Real")
    built: list[str] = []
    original = encounter_list.encounter_row
    monkeypatch.setattr(encounter_list, "encounter_row",
                        lambda encounter, *a, **k: built.append(encounter.notes) or original(encounter, *a, **k))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one("#timeline", OptionList)
        assert timeline.max_scroll_y > 0  # the scrollbar is there
        assert len(built) == 40
        # Every row fits beside the scrollbar, none cut or wrapped.
        assert all(len(text) <= timeline.scrollable_content_region.width for text in option_texts(timeline))
        built.clear()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Zoë Martin")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "a brand new row")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert "a brand new row" in option_texts(timeline)[1]
        assert built == ["a brand new row"]


async def test_a_sections_first_visits_do_not_restyle_the_whole_app(store, monkeypatch):
    """Textual parsed every stylesheet again, and restyled every screen, at a mode's first two visits."""
    from textual.css.stylesheet import Stylesheet

    seed_due(store)
    reparses: list = []
    count_calls(monkeypatch, Stylesheet, "reparse", reparses)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        reparses.clear()
        for key in "tpwotpwo":
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "OpinionsScreen"
        assert reparses == []


async def test_a_theme_change_still_restyles_a_section_shown_before(store):
    seed_due(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        dark = app.screen.styles.background
        await pilot.press("t")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "PeopleScreen"
        assert app.screen.styles.background.brightness > dark.brightness  # the light theme's


async def test_a_long_agenda_draws_a_page_of_rows_and_the_rest_as_the_cursor_nears_them(store):
    """OptionList lays out every option it holds: the 881 rows of a 10k journal's Agenda were a fifth of the start."""
    seed_overdue(store, 150)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        options = app.screen.query_one("#agenda-list", OptionList)
        assert "150 overdue" in squash(str(app.screen.query_one("#agenda-header").render()))
        assert options.option_count == 100
        assert "task 149" in option_texts(options)[1]  # the most overdue first
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert options.highlighted > 80
        assert options.option_count > 100
        # end reaches the last row there is; its columns line up with the first page's.
        await pilot.press("end")
        await pilot.pause()
        texts = option_texts(options)
        assert "task 000" in texts[options.highlighted]
        assert texts[1].index("task 149") == texts[options.highlighted].index("task 000")


async def test_an_agenda_redraw_keeps_a_row_far_down_highlighted(store, journal_path):
    from tests.app_helpers import reopen

    seed_overdue(store, 150)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#agenda-list", OptionList)
        await pilot.press("end", "up")
        await pilot.pause()
        highlighted = option_texts(options)[options.highlighted]
        assert "task 001" in highlighted
        add(reopen(journal_path), "Somebody New", "later", follow_up="a new task", due=TODAY)
        app.check_external_changes()
        await pilot.pause()
        await pilot.pause()
        assert "a new task" in " ".join(option_texts(options))
        assert "task 001" in option_texts(options)[options.highlighted]


async def test_scrolling_to_the_end_of_a_long_agenda_draws_the_next_page(store):
    seed_overdue(store, 150)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#agenda-list", OptionList)
        assert options.option_count == 100
        options.scroll_end(animate=False)  # the mouse wheel: the cursor stays where it was
        await pilot.pause()
        await pilot.pause()
        assert options.option_count > 100
        assert "task 149" in option_texts(options)[options.highlighted]
