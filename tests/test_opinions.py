"""Opinion notes (issue 5): the store mixin, the quick-add field and the command line."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal import clock
from journal.errors import NotFoundError, ValidationError
from journal.models import EncounterDraft, OpinionRevision
from journal.opinions import FORMED, REVISED, UNCHANGED, opinion_line, parse_opinion_field
from journal.store import Store

ROOT = Path(__file__).resolve().parents[1]
MARKUP = ["[/]", "[red]x", "[@click=app.quit]x[/]"]


def at(frozen, **delta):
    """Freeze the clock `delta` after the fixture's now."""
    moment = frozen + timedelta(**delta)
    clock.set_now(lambda: moment)
    return moment


def utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


@pytest.fixture
def meeting(store, frozen_clock):
    def add(notes="coffee", hours_ago=1):
        draft = EncounterDraft(when=frozen_clock - timedelta(hours=hours_ago), who=["Ana"], notes=notes)
        return store.add_encounter(draft).encounter.id

    return add


# ------------------------------------------------------------ forming, revising
def test_form_an_opinion(store, frozen_clock, meeting):
    enc = meeting()
    opinion, outcome = store.opinions.note_outcome("Remote work", "Good for focus", "high", enc)
    assert outcome == FORMED
    assert (opinion.subject, opinion.stance, opinion.confidence) == ("Remote work", "Good for focus", "high")
    assert opinion.encounters == [enc]
    assert opinion.history == []
    assert opinion.created_at == opinion.updated_at == "2026-11-27T14:00:00+00:00"
    assert store.opinions.get(opinion.id) is opinion
    assert store.opinions.all() == [opinion]


def test_default_confidence_is_medium_and_case_is_forgiven(store):
    assert store.opinions.note("Tea", "Better than coffee").confidence == "medium"
    assert store.opinions.note("Tea", "Better than coffee", " HIGH ").confidence == "high"


def test_revising_twice_keeps_both_previous_versions_in_order(store, frozen_clock, meeting):
    first, second = meeting("one", 3), meeting("two", 2)
    original = store.opinions.note("Remote work", "Isolating", "low")
    t1 = at(frozen_clock, days=1)
    revised, outcome = store.opinions.note_outcome("remote work", "Fine with rituals", "medium", first)
    assert outcome == REVISED
    t2 = at(frozen_clock, days=2)
    latest = store.opinions.note("REMOTE WORK", "Good for focus", "high", second)

    assert latest.id == revised.id == original.id
    assert (latest.stance, latest.confidence) == ("Good for focus", "high")
    assert latest.history == [
        OpinionRevision("Isolating", "low", utc(t1), first),
        OpinionRevision("Fine with rituals", "medium", utc(t2), second),
    ]
    assert latest.encounters == [first, second]
    assert latest.updated_at == utc(t2)
    assert latest.created_at == original.created_at
    # The object handed out before the revision is not changed under the caller.
    assert original.history == [] and original.stance == "Isolating"


def test_a_confidence_change_alone_is_a_revision(store):
    store.opinions.note("Tea", "Good", "low")
    opinion, outcome = store.opinions.note_outcome("Tea", "Good", "high")
    assert outcome == REVISED
    assert opinion.history[0].stance == "Good" and opinion.history[0].confidence == "low"
    assert opinion.history[0].encounter is None


def test_same_stance_and_confidence_only_links_the_encounter(store, frozen_clock, meeting):
    enc = meeting()
    store.opinions.note("Tea", "Good", "high")
    at(frozen_clock, hours=1)
    opinion, outcome = store.opinions.note_outcome("tea", "  Good  ", "high", enc)
    assert outcome == UNCHANGED
    assert opinion.history == []
    assert opinion.encounters == [enc]
    assert opinion.updated_at == utc(frozen_clock + timedelta(hours=1))

    again, outcome = store.opinions.note_outcome("Tea", "Good", "high", enc)
    assert outcome == UNCHANGED
    assert again.encounters == [enc]  # no duplicate
    assert again is opinion  # nothing changed, nothing saved


def test_an_unchanged_note_writes_nothing(store, journal_path):
    store.opinions.note("Tea", "Good")
    before = journal_path.read_bytes()
    stat = journal_path.stat()
    store.opinions.note("tea", "Good")
    assert journal_path.read_bytes() == before
    assert journal_path.stat().st_mtime_ns == stat.st_mtime_ns


def test_revision_and_link_do_not_duplicate_an_already_linked_encounter(store, meeting):
    enc = meeting()
    store.opinions.note("Tea", "Good", encounter_id=enc)
    opinion = store.opinions.note("Tea", "Bad", encounter_id=enc)
    assert opinion.encounters == [enc]
    assert opinion.history[0].encounter == enc


# ------------------------------------------------------------------- subjects
@pytest.mark.parametrize(
    "first, second",
    [("Remote work", "remote WORK"), ("cafe", "café"), ("Café  culture", "CAFE culture"), ("José", "jose")],
)
def test_subjects_match_ignoring_case_and_accents(store, first, second):
    formed = store.opinions.note(first, "Yes")
    assert store.opinions.find(second) is formed
    revised = store.opinions.note(second, "No")
    assert revised.id == formed.id
    assert revised.subject == first  # the first spelling stays
    assert len(store.opinions.all()) == 1


def test_find_opinion_without_a_match(store):
    store.opinions.note("Tea", "Good")
    assert store.opinions.find("Coffee") is None
    assert store.opinions.find("") is None
    assert store.opinions.find("   ") is None


def test_different_subjects_are_different_opinions(store):
    store.opinions.note("Tea", "Good")
    store.opinions.note("Teas", "Many")
    assert sorted(o.subject for o in store.opinions.all()) == ["Tea", "Teas"]


# ----------------------------------------------------------------- validation
@pytest.mark.parametrize(
    "subject, stance, confidence, field",
    [
        ("", "Good", "medium", "subject"),
        ("  \t ", "Good", "medium", "subject"),
        ("\x1b\x07", "Good", "medium", "subject"),
        ("Tea", "", "medium", "stance"),
        ("Tea", " \n ", "medium", "stance"),
        ("Tea", "Good", "certain", "confidence"),
        ("Tea", "Good", "", "confidence"),
    ],
)
def test_bad_input_is_refused_by_field(store, subject, stance, confidence, field):
    with pytest.raises(ValidationError) as info:
        store.opinions.note(subject, stance, confidence)
    assert info.value.field == field
    assert info.value.message
    assert store.opinions.all() == []


def test_an_unknown_encounter_is_refused_and_nothing_changes(store):
    store.opinions.note("Tea", "Good")
    with pytest.raises(ValidationError) as info:
        store.opinions.note("Tea", "Bad", encounter_id="no-such-id")
    assert info.value.field == "encounter"
    with pytest.raises(ValidationError):
        store.opinions.note("Coffee", "Bad", encounter_id="no-such-id")
    [tea] = store.opinions.all()
    assert tea.stance == "Good" and tea.history == []


def test_unknown_opinion_ids(store):
    for call in (store.opinions.get, store.opinions.delete):
        with pytest.raises(NotFoundError):
            call("nope")
    with pytest.raises(NotFoundError):
        store.opinions.link("nope", "x")


def test_control_characters_are_removed(store):
    opinion = store.opinions.note("Te\x1b]0;pwned\x07a", "Line one\r\nLine\x9b two")
    assert opinion.subject == "Te]0;pwneda"
    assert opinion.stance == "Line one\nLine two"


# ---------------------------------------------------------------- persistence
def test_opinions_survive_reopening(journal_path, frozen_clock):
    with Store(journal_path) as store:
        enc = store.add_encounter(EncounterDraft(when=frozen_clock, who=["Ana"], notes="x")).encounter.id
        store.opinions.note("Remote work", "Isolating", "low")
        at(frozen_clock, days=1)
        saved = store.opinions.note("remote work", "Good for focus", "high", enc)
        store.opinions.note("Tea", "Good")
    with Store(journal_path) as store:
        loaded = store.opinions.find("Remote Work")
        assert loaded == saved
        assert isinstance(loaded.history[0], OpinionRevision)
        assert [o.subject for o in store.opinions.all()] == ["Remote work", "Tea"]


def test_another_process_sees_the_change(journal_path):
    with Store(journal_path) as one, Store(journal_path) as two:
        one.opinions.note("Tea", "Good")
        assert two.opinions.find("tea").stance == "Good"
        two.opinions.note("tea", "Bad")
        revised = one.opinions.note("TEA", "Fine")
        assert [r.stance for r in revised.history] == ["Good", "Bad"]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_like_text_is_kept_exactly(journal_path, text):
    with Store(journal_path) as store:
        store.opinions.note(text, text + " " + text)
    with Store(journal_path) as store:
        [opinion] = store.opinions.all()
        assert opinion.subject == text
        assert opinion.stance == text + " " + text
        assert opinion_line(opinion) == f"{text}: {text} {text} (medium)"


# ------------------------------------------------------------ listing, links
def test_opinions_are_listed_most_recently_changed_first(store, frozen_clock, meeting):
    enc = meeting()
    store.opinions.note("Tea", "Good")
    at(frozen_clock, minutes=1)
    store.opinions.note("Coffee", "Good")
    at(frozen_clock, minutes=2)
    store.opinions.note("Bread", "Good")
    assert [o.subject for o in store.opinions.all()] == ["Bread", "Coffee", "Tea"]
    at(frozen_clock, minutes=3)
    store.opinions.link(store.opinions.find("tea").id, enc)
    assert [o.subject for o in store.opinions.all()] == ["Tea", "Bread", "Coffee"]


def test_link_and_unlink(store, meeting):
    one, two = meeting("one"), meeting("two")
    tea = store.opinions.note("Tea", "Good")
    assert store.opinions.link(tea.id, one).encounters == [one]
    assert store.opinions.link(tea.id, one).encounters == [one]
    assert store.opinions.link(tea.id, two).encounters == [one, two]
    assert store.opinions.find("tea").history == []
    with pytest.raises(ValidationError) as info:
        store.opinions.link(tea.id, "no-such-id")
    assert info.value.field == "encounter"
    assert store.opinions.unlink(tea.id, one).encounters == [two]
    assert store.opinions.unlink(tea.id, one).encounters == [two]


def test_opinions_for_an_encounter_tolerate_a_deleted_encounter(store, meeting):
    one, two = meeting("one", 2), meeting("two", 1)
    tea = store.opinions.note("Tea", "Good", encounter_id=one)
    store.opinions.link(tea.id, two)
    coffee = store.opinions.note("Coffee", "Bad", encounter_id=two)
    assert {o.id for o in store.opinions.for_encounter(two)} == {tea.id, coffee.id}
    assert [e.id for e in store.opinions.encounters_of(tea.id)] == [one, two]

    deleted = store.delete_encounter(one)
    assert store.opinions.get(tea.id).encounters == [one, two]  # the link dangles
    assert [e.id for e in store.opinions.encounters_of(tea.id)] == [two]
    assert [o.id for o in store.opinions.for_encounter(one)] == [tea.id]

    store.restore_encounter(deleted)  # undo brings the link back to life
    assert [e.id for e in store.opinions.encounters_of(tea.id)] == [one, two]

    store.delete_encounter(one)
    assert store.opinions.unlink(tea.id, one).encounters == [two]
    assert store.opinions.for_encounter(one) == []


def test_delete_and_restore(store):
    tea = store.opinions.note("Tea", "Good")
    store.opinions.note("Tea", "Bad")
    deleted = store.opinions.delete(tea.id)
    assert store.opinions.all() == [] and store.opinions.find("tea") is None
    store.opinions.restore(deleted)
    assert store.opinions.get(tea.id).history[0].stance == "Good"

    store.opinions.delete(tea.id)
    store.opinions.note("TEA", "New")
    with pytest.raises(ValidationError) as info:
        store.opinions.restore(deleted)
    assert info.value.field == "subject"


# ------------------------------------------------------- changes in a period
def test_opinions_changed_between(store, frozen_clock, meeting):
    week = frozen_clock - timedelta(days=4)  # Monday 23 November, 15:00
    start, end = week.replace(hour=0), week.replace(hour=0) + timedelta(days=7)
    early, late = meeting("early", 24 * 10), meeting("late", 2)

    at(frozen_clock, days=-10)
    old = store.opinions.note("Old", "Formed long ago", encounter_id=early)
    store.opinions.note("Quiet", "Never touched again")
    at(frozen_clock, days=-2)
    store.opinions.note("Old", "Changed this week", "high", late)
    new_at = at(frozen_clock, days=-1)
    new = store.opinions.note("New", "Formed this week", "low", late)
    at(frozen_clock, hours=-1)
    store.opinions.note("New", "Changed the same week", "medium")
    at(frozen_clock, days=8)
    store.opinions.note("Old", "Changed next week")

    found = store.opinions.changed_between(start, end)
    assert [a.opinion.id for a in found] == [new.id, old.id]  # latest activity first

    formed, changed = found
    assert formed.kind == FORMED
    assert [c.kind for c in formed.changes] == ["formed", "changed"]
    first, second = formed.changes
    assert (first.stance, first.confidence, first.before, first.encounter) == ("Formed this week", "low", None, late)
    assert first.at == new_at
    assert (second.stance, second.before.stance, second.encounter) == ("Changed the same week", "Formed this week", None)
    assert formed.encounters == [late]

    assert changed.kind == "changed"
    [change] = changed.changes
    assert (change.stance, change.confidence) == ("Changed this week", "high")
    assert (change.before.stance, change.before.confidence) == ("Formed long ago", "medium")
    assert changed.encounters == [late]

    # The end is excluded, the start included.
    assert store.opinions.changed_between(new_at, new_at) == []
    assert [a.opinion.id for a in store.opinions.changed_between(new_at, new_at + timedelta(seconds=1))] == [new.id]


def test_opinions_changed_between_accepts_naive_local_times(store):
    store.opinions.note("Tea", "Good")  # 27 Nov 15:00 in Paris
    assert store.opinions.changed_between(datetime(2026, 11, 27, 15), datetime(2026, 11, 27, 16))
    assert not store.opinions.changed_between(datetime(2026, 11, 27, 15, 1), datetime(2026, 11, 27, 16))


# ----------------------------------------------------------- the quick-add field
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Remote work: good for focus", ("Remote work", "good for focus")),
        ("  tea :  better at 16:00  ", ("tea", "better at 16:00")),
        ("[red]x: [@click=app.quit]x[/]", ("[red]x", "[@click=app.quit]x[/]")),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_opinion_field(text, expected):
    assert parse_opinion_field(text) == expected


@pytest.mark.parametrize("text", ["remote work is good", ": good", "remote work:", " : ", "tea:   "])
def test_parse_opinion_field_refuses_half_an_opinion(text):
    with pytest.raises(ValidationError) as info:
        parse_opinion_field(text)
    assert info.value.field == "opinion"
    assert info.value.message == "Write it as subject: stance"


# ----------------------------------------------------------------- command line
def run(*argv):
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_round_trip(journal_path, frozen_clock):
    with Store(journal_path) as store:
        enc = store.add_encounter(EncounterDraft(when=frozen_clock, who=["Ana"], notes="x")).encounter.id

    assert run("opinion", "Remote work", "Isolating", "--confidence", "low") == (
        0, "formed\nRemote work: Isolating (low)\n", "")
    assert run("opinion", "remote WORK", "Good", "for", "focus", "--confidence", "high", "--from", enc) == (
        0, "revised\nRemote work: Good for focus (high)\n", "")
    assert run("opinion", "Remote work", "Good for focus", "--confidence", "high")[1].startswith("unchanged\n")

    code, out, err = run("opinions", "--format", "json")
    assert (code, err) == (0, "")
    [opinion] = json.loads(out)
    assert {k: opinion[k] for k in ("subject", "stance", "confidence", "encounters", "history")} == {
        "subject": "Remote work",
        "stance": "Good for focus",
        "confidence": "high",
        "encounters": [enc],
        "history": [
            {"stance": "Isolating", "confidence": "low", "changed_at": "2026-11-27T14:00:00+00:00", "encounter": enc}
        ],
    }

    code, out, _ = run("opinions")
    assert (code, out) == (0, "Remote work: Good for focus (high)  [revised 1 time]\n")


def test_cli_lists_nothing_yet(journal_path):
    assert run("opinions", "--format", "json") == (0, "[]\n", "")
    code, out, _ = run("opinions")
    assert code == 0 and out.startswith("No opinions yet.")


@pytest.mark.parametrize("text", MARKUP)
def test_cli_keeps_markup_like_text(journal_path, text):
    assert run("opinion", text, text)[0] == 0
    [opinion] = json.loads(run("opinions", "--format", "json")[1])
    assert (opinion["subject"], opinion["stance"]) == (text, text)


@pytest.mark.parametrize(
    "argv, option",
    [
        (["opinion", "Tea", "Good", "--confidence", "certain"], "--confidence"),
        (["opinion", "Tea", "Good", "--from", "no-such-id"], "--from"),
        (["opinion", "  ", "Good"], "SUBJECT"),
        (["opinion", "Tea", " "], "STANCE"),
    ],
)
def test_cli_bad_input_exits_2(journal_path, argv, option):
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"netjournal: {option}: ")
    assert run("opinions", "--format", "json")[1] == "[]\n"


def test_cli_opinions_do_not_import_textual(journal_path):
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        "assert main(['opinion', 'Tea', 'Good']) == 0\n"
        "assert main(['opinions', '--format', 'json']) == 0\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual was imported'\n"
    )
    env = dict(os.environ, NETJOURNAL_FILE=str(journal_path))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.split("\n", 2)[2])[0]["subject"] == "Tea"


def test_a_subject_of_only_accents_is_refused_it_could_never_be_found_again(store):
    from journal.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        store.opinions.note("\u0301\u0300", "a stance")
    assert info.value.field == "subject"
    assert store.opinions.all() == []


def test_the_quick_add_field_refuses_a_subject_that_folds_to_nothing():
    """The field accepted what saving the opinion refuses: the encounter was saved and the opinion lost."""
    from journal.errors import ValidationError
    from journal.opinions import parse_opinion_field

    for text in ("\ufeff\x8c\x13: a stance", "\u0301\u0308: a stance"):
        with pytest.raises(ValidationError) as refused:
            parse_opinion_field(text)
        assert refused.value.field == "opinion" and "not only accents" in str(refused.value)
