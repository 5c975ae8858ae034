"""Hostile text through the app's three forms, driven by a real app under Pilot.

One app runs per test and serves every hypothesis example of it (a new app per
example would be far too slow); the journal therefore grows across examples,
so expectations about names and subjects are computed against what is in it.
Generated text reaches the fields the way text from outside does, as a paste
(a bracketed-paste event through the app; an Input keeps its first line);
test_markup_typed_key_by_key types markup key by key. Shrinking is off for
these tests: each step drives a live app, and a failing example is printed.

For each example: the save either succeeds and the journal holds exactly the
cleaned text (clean for multi-line fields, clean_line for one-line ones), or it
is refused with a message under the field, the form keeping what was typed and
the file untouched. Then the screen that shows the record draws the cleaned
text literally, and nothing drawn holds a control character.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events
from textual.screen import ModalScreen
from textual.widgets import Input, Select, TextArea

from journal.errors import ValidationError
from journal.models import CONFIDENCES, hashtags, merge_topics
from journal.names import fold, visible
from journal.opinions import parse_opinion_field
from journal.store import Store
from journal.text import clean, clean_line, split_list
from tests.adversarial.figures import count
from tests.loops import count as loop_count
from tests.adversarial.hostile import megabyte, hostile_exchange, hostile_line, hostile_text
from tests.app_helpers import SIZE, add, ago, error_text, field_value, option_texts, rendered, static_text, type_text
from tui.app import NetJournalApp
from tui.dialogs.opinion_edit import OpinionDialog
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.encounter import EncounterScreen
from tui.screens.opinion import OpinionScreen
from tui.screens.person import PersonScreen
from tui.screens.timeline import TimelineScreen

UI = settings(
    max_examples=loop_count(6, 20),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def drawn(app) -> str:
    return "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)


def assert_nothing_controls_the_terminal(app, where: str) -> None:
    found = sorted(set(CONTROL.findall(drawn(app))))
    assert not found, f"{where}: control characters reach the terminal: {found!r}"


def multi(text: str) -> str:
    return clean(text).strip("\n")


def disk_bytes(store: Store) -> bytes | None:
    return store.path.read_bytes() if store.path.exists() else None


def first_line_cleaned(text: str) -> str:
    """What an Input holds after `text` is pasted into it (empty before)."""
    cleaned = clean(text)
    return cleaned.splitlines()[0] if cleaned else ""


async def paste(pilot, texts: dict[str, str]) -> dict[str, str]:
    """Empty fields, then focus each and paste its text; returns what they then hold.

    Focus changes and pastes queue on the app in order, so one pause at the end
    lets every paste land in its own field.
    """
    screen = pilot.app.screen
    for field, text in texts.items():
        widget = screen.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            widget.text = ""
        else:
            widget.value = ""
        widget.focus()
        pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    return {field: field_value(screen, field) for field in texts}


async def back_to_timeline(pilot) -> None:
    app = pilot.app
    while len(app.screen_stack) > 1:
        app.pop_screen()
    if app.current_mode != "timeline":
        app.switch_mode("timeline")
    await pilot.pause()


async def close_dialogs(pilot) -> None:
    """Pop any dialog left open (a refused save keeps its form)."""
    app = pilot.app
    while isinstance(app.screen, ModalScreen):
        app.pop_screen()
    await pilot.pause()


async def show(pilot, screen_type, attribute: str, record_id: str):
    """The page of one record. Pushed once, then reused for the next records:
    a new screen per example would double these tests' time."""
    app = pilot.app
    if isinstance(app.screen, screen_type):
        setattr(app.screen, attribute, record_id)
        app.screen.refresh_data()
    else:
        app.push_screen(screen_type(record_id))
    await pilot.pause()
    assert isinstance(app.screen, screen_type)
    return app.screen


@pytest.fixture
async def live(journal_path):
    """One running app on a journal with two Anas, José and a person to edit."""
    store = Store(journal_path)
    add(store, "Ana Souza, Ana Lima", "the two Anas", when=ago(days=2))
    add(store, "José Martins", "bike lanes #cycling", when=ago(days=1))
    add(store, "Target Person", "the one the person form edits", when=ago(hours=5))
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        yield pilot
    store.close()


# ------------------------------------------------------------------ quick-add
LINE_FIELDS = ("who", "place", "setting", "gave", "asked", "learned", "follow_up", "opinion")
opinion_field = st.one_of(
    st.just(""),
    st.just(""),
    st.tuples(hostile_line(4).map(lambda s: s.replace(":", ";")), hostile_text(6)).map(":".join),
    hostile_text(4),
)


@UI
@given(
    who=hostile_line(6), place=hostile_text(6), setting=hostile_text(3), notes=hostile_text(12),
    gave=hostile_exchange(6), asked=hostile_exchange(6), learned=hostile_text(6), follow_up=hostile_text(4),
    opinion=opinion_field,
)
async def test_quick_add_form_with_hostile_text(live, who, place, setting, notes, gave, asked, learned, follow_up, opinion):
    pilot, app = live, live.app
    store = app.store
    count("examples: quick-add form (10 fields each)")
    await close_dialogs(pilot)
    await pilot.press("a")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, QuickAddDialog)
    pasted = dict(who=who, place=place, setting=setting, gave=gave, asked=asked, learned=learned,
                  follow_up=follow_up, opinion=opinion)
    held = await paste(pilot, {**pasted, "notes": notes})
    # A known place brings its usual setting when none was given, as designed.
    expected = {f: first_line_cleaned(v) for f, v in pasted.items()} | {"notes": clean(notes)}
    if not expected["setting"]:
        expected["setting"] = held["setting"]
    assert held == expected
    notes = held.pop("notes")
    typed = held
    assert_nothing_controls_the_terminal(app, "quick-add form")

    # What the journal must end up holding, per the documented rules.
    who, place, gave, asked, learned, follow_up, opinion = (
        typed[f] for f in ("who", "place", "gave", "asked", "learned", "follow_up", "opinion"))
    names = split_list(who)
    match = store.match_person(names[0]) if names else None
    try:
        parsed_opinion = parse_opinion_field(opinion)
        opinion_error = None
    except ValidationError as exc:
        parsed_opinion, opinion_error = None, exc.message
    before_ids = {e.id for e in store.encounters()}
    before = disk_bytes(store)

    await pilot.press("ctrl+s")
    await pilot.pause()

    refused = None
    if opinion_error:
        refused = ("opinion", opinion_error)
    elif not names and not multi(notes).strip():
        refused = ("who", "Who or the notes must be filled")
    elif not all(map(visible, names)):
        refused = ("who", "A name in Who has no letters you can see")
    elif match is not None and match.is_ambiguous:
        refused = ("who", "matches several people")
    if refused:
        field, message = refused
        assert app.screen is dialog, "a refused save must keep the form open"
        assert message in error_text(dialog, field)
        assert {f: field_value(dialog, f) for f in typed} == typed  # nothing typed is lost
        assert field_value(dialog, "notes") == notes
        assert disk_bytes(store) == before and {e.id for e in store.encounters()} == before_ids
        assert_nothing_controls_the_terminal(app, "refused quick-add")
        count("quick-add: refused with a message")
        return

    assert not isinstance(app.screen, ModalScreen), error_text(dialog, "form")
    (new_id,) = {e.id for e in store.encounters()} - before_ids
    e = store.encounter(new_id)
    if names:
        expected_person = store.person(match.person_ids[0]).name if not match.is_new else clean_line(who)
        assert store.names(e.people) == [expected_person]
    else:
        assert e.people == []
    assert e.place == clean_line(place)
    assert e.setting == clean_line(typed["setting"]).casefold()
    assert e.notes == multi(notes)
    assert (e.gave, e.asked, e.learned) == (multi(gave), multi(asked), multi(learned))
    assert (e.follow_up.text if e.follow_up else "") == clean_line(follow_up)
    assert e.topics == merge_topics([], hashtags(multi(notes)))
    if parsed_opinion:
        subject, stance = parsed_opinion
        held = store.opinions.find(subject)
        assert held is not None and held.stance == clean(stance).strip() and new_id in held.encounters
    with Store(store.path) as disk:  # and that is what is on disk
        assert disk.encounter(new_id).to_dict() == e.to_dict()
    assert_nothing_controls_the_terminal(app, "the screen under the form, after the save")
    count("quick-add: saved and read back")

    await show(pilot, EncounterScreen, "encounter_id", new_id)
    body = static_text(app.screen, "#encounter-fields")
    for label, value in (("Talked about", e.notes), ("Learned", e.learned), ("You gave", e.gave), ("You asked for", e.asked)):
        if value:
            assert f"{label}\n{value}\n\n" in body, label
    if e.follow_up:
        assert f"{e.follow_up.text}\n\n" in body
    if e.place:
        assert e.place in static_text(app.screen, "#encounter-title")
    prompts = option_texts(app.screen.query_one("#encounter-people"))
    assert prompts == [clean(n) for n in store.names(e.people)]
    assert_nothing_controls_the_terminal(app, "encounter screen")


# ------------------------------------------------------------ the person form
def mostly(common: st.SearchStrategy, rare: st.SearchStrategy) -> st.SearchStrategy:
    """`common` four times in five: enough hostile values still get saved."""
    return st.integers(0, 4).flatmap(lambda n: rare if n == 0 else common)


def mostly_filled(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Hostile text, usually with a visible word added so that it is not blank."""
    return mostly(text.map(lambda s: f"{s} Word"), text)


cadence = mostly(
    st.one_of(st.just(""), st.integers(1, 400).map(str), st.sampled_from(["١٢", " 7 "])),
    st.one_of(st.text(alphabet="0123456789²³¹١٢٣ -+.", max_size=4), hostile_line(2)),
)


@UI
@given(
    name=mostly(mostly_filled(hostile_line(5)), st.sampled_from(["ana lima", "JOSE MARTINS", "  ", "Ana", "Souza, Ana"])),
    aliases=hostile_text(5), organisation=hostile_text(5), interests=hostile_text(5), notes=hostile_text(10),
    introduced_by=mostly(st.sampled_from(["", "", "Ana Lima", "josé martins"]), st.one_of(st.just("Ana"), hostile_line(3))),
    keep=cadence,
)
async def test_person_form_with_hostile_text(live, name, aliases, organisation, interests, notes, introduced_by, keep):
    pilot, app = live, live.app
    store = app.store
    count("examples: person form (7 fields each)")
    await close_dialogs(pilot)
    target = next(p.id for p in store.people() if p.id not in _the_others(store))
    # The form opens over the person's profile, which redraws after each save.
    await show(pilot, PersonScreen, "person_id", target)
    app.push_screen(PersonEditDialog(target), lambda saved: saved and app.data_changed())
    await pilot.pause()
    dialog = app.screen
    pasted = dict(name=name, aliases=aliases, organisation=organisation, interests=interests,
                  introduced_by=introduced_by, keep_in_touch_days=keep)
    held = await paste(pilot, {**pasted, "notes": notes})
    assert held == {f: first_line_cleaned(v) for f, v in pasted.items()} | {"notes": clean(notes)}
    notes = held.pop("notes")
    typed = held
    name, aliases, organisation, interests, keep = (
        typed[f] for f in ("name", "aliases", "organisation", "interests", "keep_in_touch_days"))
    assert_nothing_controls_the_terminal(app, "person form")
    before = disk_bytes(store)
    old = store.person(target)

    await pilot.press("ctrl+s")
    await pilot.pause()

    refused = _person_refusal(store, target, typed)
    if refused:
        field, message = refused
        assert app.screen is dialog, f"expected a refusal under {field}"
        assert message in error_text(dialog, field), (field, error_text(dialog, field), error_text(dialog, "form"))
        assert {f: field_value(dialog, f) for f in typed} == typed
        assert field_value(dialog, "notes") == notes
        assert disk_bytes(store) == before and store.person(target) == old
        count(f"person form: refused with a message under {field}")
        return
    assert app.screen is not dialog, error_text(dialog, "form")
    p = store.person(target)
    assert p.name == clean_line(name)
    assert p.aliases == split_list(aliases)
    assert p.organisation == clean_line(organisation)
    assert p.interests == split_list(interests)
    assert p.notes == multi(notes)
    assert p.keep_in_touch_days == (int(keep) if keep.strip() else None)
    with Store(store.path) as disk:
        assert disk.person(target).to_dict() == p.to_dict()
    count("person form: saved and read back")

    assert isinstance(app.screen, PersonScreen)
    assert static_text(app.screen, "#person-title").startswith(p.name)
    facts = static_text(app.screen, "#person-facts")
    if p.aliases:
        assert ", ".join(p.aliases) in facts
    if p.interests:
        assert ", ".join(p.interests) in facts
    if p.notes:
        assert p.notes in facts
    assert_nothing_controls_the_terminal(app, "profile")


def _the_others(store: Store) -> set[str]:
    keep = {"ana souza", "ana lima", "jose martins"}
    return {p.id for p in store.people() if fold(p.name) in keep}


def _person_refusal(store: Store, target: str, typed: dict) -> tuple[str, str] | None:
    """The dialog's documented checks, in its order: cadence, introducer, then the store's."""
    keep = typed["keep_in_touch_days"].strip()
    if keep and not (keep.isdecimal() and int(keep) > 0):
        return "keep_in_touch_days", "Type a number of days above 0"
    introducer = typed["introduced_by"].strip()
    if introducer:
        found = store.match_person(introducer)
        if found.is_new:
            return "introduced_by", "Nobody in the journal has that name"
        if found.is_ambiguous:
            return "introduced_by", "Several people match"
        if found.person_ids[0] == target:
            return "introduced_by", "cannot introduce themselves"
    if not all(map(visible, split_list(typed["aliases"]))):
        return "aliases", "An alias has no letters you can see"
    name = clean_line(typed["name"])
    if not name:
        return "name", "A person needs a name"
    if not visible(name):
        return "name", "The name has no letters you can see"
    if "," in name:
        return "name", "cannot contain a comma"
    if any(p.id != target and fold(p.name) == fold(name) for p in store.people()):
        return "name", "is already in the journal"
    return None


# ----------------------------------------------------------- the opinion form
@UI
@given(subject=mostly_filled(hostile_text(5)), stance=mostly_filled(hostile_text(10)),
       confidence=st.sampled_from(CONFIDENCES))
async def test_opinion_form_with_hostile_text(live, subject, stance, confidence):
    pilot, app = live, live.app
    store = app.store
    count("examples: opinion form (3 fields each)")
    await close_dialogs(pilot)
    app.note_opinion()
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, OpinionDialog)
    pasted_subject, pasted_stance = subject, stance
    held = await paste(pilot, {"subject": subject, "stance": stance})
    subject, stance = held["subject"], held["stance"]
    assert (subject, stance) == (first_line_cleaned(pasted_subject), clean(pasted_stance))
    dialog.query_one("#confidence", Select).value = confidence
    await pilot.pause()
    assert_nothing_controls_the_terminal(app, "opinion form")
    before = disk_bytes(store)
    count_before = len(store.opinions.all())

    await pilot.press("ctrl+s")
    await pilot.pause()

    if not fold(clean_line(subject)) or not clean(stance).strip():
        # A subject that folds to nothing (only accents) could never be found again.
        field = "subject" if not fold(clean_line(subject)) else "stance"
        assert app.screen is dialog
        assert error_text(dialog, field)
        assert (field_value(dialog, "subject"), field_value(dialog, "stance")) == (subject, stance)
        assert disk_bytes(store) == before
        count("opinion form: refused with a message")
        return
    assert app.screen is not dialog, error_text(dialog, "form")
    held = store.opinions.find(subject)
    assert held is not None
    assert fold(held.subject) == fold(clean_line(subject))
    assert (held.stance, held.confidence) == (clean(stance).strip(), confidence)
    assert len(store.opinions.all()) in (count_before, count_before + 1)
    with Store(store.path) as disk:
        assert disk.opinions.get(held.id).to_dict() == held.to_dict()
    count("opinion form: saved and read back")

    await show(pilot, OpinionScreen, "opinion_id", held.id)
    assert static_text(app.screen, "#opinion-title") == held.subject
    assert static_text(app.screen, "#opinion-current").endswith(held.stance)
    assert_nothing_controls_the_terminal(app, "opinion page")


# ------------------------------------------------------- typed key by key
MARKUP_TYPED = "[@click=app.quit]x[/] [red]y [/ [link=https://e.com]z[/link]"


async def type_keys(pilot, text: str) -> None:
    """One key event per character, as typing does ("\n" is enter)."""
    await pilot.press(*("enter" if char == "\n" else char for char in text))


async def test_markup_typed_key_by_key(live):
    pilot, app = live, live.app
    store = app.store
    await back_to_timeline(pilot)
    await pilot.press("a")
    await pilot.pause()
    dialog = app.screen
    typed = {
        "who": "[red]Rosa [/]",
        "notes": MARKUP_TYPED + "\n#tag [/]",
        "opinion": "[red]trams[/]: " + MARKUP_TYPED,
    }
    for field, text in typed.items():
        dialog.query_one(f"#{field}").focus()
        await pilot.pause()
        await type_keys(pilot, text)
    await pilot.pause()
    assert {f: field_value(dialog, f) for f in typed} == typed
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.is_running, "[@click=app.quit] must never run"
    assert isinstance(app.screen, TimelineScreen), error_text(dialog, "form")
    e = store.recent(0, 1)[0]
    assert store.names(e.people) == ["[red]Rosa [/]"]
    assert e.notes == MARKUP_TYPED + "\n#tag [/]"
    assert store.opinions.find("[red]trams[/]").stance == MARKUP_TYPED
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EncounterScreen)
    body = static_text(app.screen, "#encounter-fields")
    assert f"Talked about\n{e.notes}\n\n" in body
    assert "[red]trams[/]: " + MARKUP_TYPED in body
    assert app.is_running
    count("quick-add: markup characters typed key by key", sum(len(t) for t in typed.values()))


async def test_a_megabyte_note_through_the_form(live):
    pilot, app = live, live.app
    store = app.store
    await back_to_timeline(pilot)
    await pilot.press("a")
    await pilot.pause()
    big = megabyte("[@click=app.quit]x[/]")
    held = await paste(pilot, {"who": "Mega Byte", "notes": big})  # a 1 MB paste
    assert held["notes"] == clean(big)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, TimelineScreen)
    e = store.recent(0, 1)[0]
    assert e.notes == multi(big) and len(e.notes.encode()) > 900_000
    assert_nothing_controls_the_terminal(app, "timeline with a 1 MB note")
    app.open_encounter(e.id)
    await pilot.pause()
    assert rendered(app.screen.query_one("#encounter-fields")).startswith(f"Talked about\n{e.notes}\n")
    assert_nothing_controls_the_terminal(app, "encounter with a 1 MB note")
    count("megabyte texts through the quick-add form")
