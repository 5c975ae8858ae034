"""The demo journal (issue 8): deterministic, readable by the store, and as varied as a real one."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime, timedelta

import orjson
import pytest

from journal import clock
from journal.demo import DemoExistsError, build_demo, build_document
from journal.migrations import CURRENT_SCHEMA
from journal.models import hashtags, merge_topics
from journal.opinions import formed_from, opinion_changes
from journal.store import Store
from journal.durable import atomic_write_bytes

NOW = datetime.fromisoformat("2026-11-27T15:00:00+01:00")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "journal.json"
    build_demo(path, now=NOW)
    return path


@pytest.fixture
def demo(demo_file):
    with Store(demo_file) as store:
        yield store


def test_same_seed_and_now_give_identical_bytes(tmp_path):
    build_demo(tmp_path / "a.json", now=NOW, seed=11)
    build_demo(tmp_path / "b.json", now=NOW, seed=11)
    build_demo(tmp_path / "c.json", now=NOW, seed=12)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (tmp_path / "a.json").read_bytes() != (tmp_path / "c.json").read_bytes()


def test_default_now_is_the_journal_clock(tmp_path):
    # The conftest freezes clock.now() at NOW through NETJOURNAL_NOW.
    build_demo(tmp_path / "a.json")
    build_demo(tmp_path / "b.json", now=NOW)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_file_is_a_current_journal_with_the_expected_counts(demo_file, demo):
    raw = orjson.loads(demo_file.read_bytes())
    assert set(raw) == {"encounters", "people", "opinions", "reviews", "groups", "me", "meta"}
    assert list(raw["meta"].values()) == [{"schema_version": CURRENT_SCHEMA}]
    assert list(raw["encounters"]) == [str(i) for i in range(1, 301)]
    assert demo.count() == 300
    assert len(demo.people()) == 40
    assert len(demo.opinions.all()) >= 8
    assert len(demo.reviews()) >= 8
    # Reach and visibility have something to show (issue 18).
    assert demo.me().qualities and sum(1 for e in demo.encounters() if e.told) >= 10
    assert sum(1 for e in demo.encounters() if e.introduced) >= 2


def test_large_demo_has_a_large_cast():
    doc = build_document(encounters=5000, now=NOW)
    assert len(doc["encounters"]) == 5000
    assert len(doc["people"]) == 500
    names = [p["name"].casefold() for p in doc["people"].values()]
    assert len(set(names)) == len(names)


def test_encounters_span_months_end_at_now_and_keep_the_streak(demo):
    encounters = demo.encounters()
    now = clock.now()
    assert encounters[-1].when <= now
    assert now - encounters[0].when >= timedelta(days=90)
    days = {e.when.date() for e in encounters}
    assert {now.date(), now.date() - timedelta(days=1)} <= days
    assert {e.setting for e in encounters} == {
        "bakery", "restaurant", "cafe", "event", "work", "neighbourhood", "transit", "online"
    }
    assert "Padaria Real" in demo.places()


def test_text_looks_like_what_the_store_would_have_saved(demo):
    encounters = demo.encounters()
    for e in encounters:
        assert 100 <= len(e.notes) <= 400, e.notes
        # The store's save rule: typed topics, then the notes' #hashtags.
        assert set(e.topics) == set(merge_topics(e.topics, hashtags(e.notes)))
        assert set(hashtags(e.notes)) <= set(e.topics)
        assert e.id and e.created_at and e.updated_at >= e.created_at
    assert sum(1 for e in encounters if "#" in e.notes) > 250
    gave = sum(1 for e in encounters if e.gave)
    asked = sum(1 for e in encounters if e.asked)
    learned = sum(1 for e in encounters if e.learned)
    assert gave > 2 * asked > 0
    assert learned > 0


def test_cast_has_accents_emoji_organisations_and_introductions(demo):
    people = demo.people()
    names = {p.name for p in people}
    assert {"José Almeida", "Zoë Martin", "Ngọc Trần"} <= names
    by_name = {p.name: p for p in people}
    luna = by_name["Luna Prado"]
    luna_notes = [e.notes for e in demo.encounters() if luna.id in e.people]
    assert luna_notes and all(any(ord(ch) > 0x2000 for ch in n) for n in luna_notes)
    assert sum(1 for p in people if p.organisation) >= 30
    assert all(p.interests for p in people)
    introduced = [p for p in people if p.introduced_by]
    assert introduced and all(p.introduced_by in {q.id for q in people} for p in introduced)
    assert any(p.keep_in_touch_days for p in people)
    # "jose" finds José, the way users type it.
    assert demo.match_person("jose").person_ids == (by_name["José Almeida"].id,)


def test_follow_ups_are_open_overdue_and_done(demo):
    today = clock.today()
    follow = [e.follow_up for e in demo.encounters() if e.follow_up]
    assert any(f.is_open and f.due and f.due >= today for f in follow)
    assert any(f.is_open and f.due and f.due < today for f in follow)
    assert any(f.done for f in follow)


def test_opinions_change_over_time(demo):
    changed = [o for o in demo.opinions.all() if len(o.history) >= 2]
    assert changed
    for opinion in demo.opinions.all():
        moments = [c.at for c in opinion_changes(opinion)]
        assert moments == sorted(moments)
        assert all(demo.encounter(eid) for eid in opinion.encounters)


def test_opinions_match_what_note_opinion_records(demo_file, tmp_path):
    """Replaying the demo's opinions through store.opinions.note gives the same records."""
    raw = orjson.loads(demo_file.read_bytes())
    expected = {o["subject"]: o for o in raw["opinions"].values()}
    raw["opinions"] = {}
    replay = tmp_path / "replay.json"
    atomic_write_bytes(replay, orjson.dumps(raw))
    with Store(demo_file) as demo, Store(replay) as store:
        for opinion in demo.opinions.all():
            for change in opinion_changes(opinion):
                encounter = change.encounter if change.before else formed_from(opinion)
                clock.set_now(lambda at=change.at: at)
                store.opinions.note(opinion.subject, change.stance, change.confidence, encounter)
        clock.set_now(None)
        for opinion in store.opinions.all():
            got = opinion.to_dict()
            want = expected[opinion.subject]
            got.pop("id"), want.pop("id")
            assert got == want


def test_weekly_reflections_for_past_weeks_only(demo):
    reviews = demo.reviews()
    labels = [r.week for r in reviews]
    year, week, _ = clock.today().isocalendar()
    assert f"{year}-W{week:02d}" not in labels
    assert len(set(labels)) == len(labels)
    assert all(r.reflection for r in reviews)


def test_refuses_to_overwrite_unless_forced(tmp_path):
    path = tmp_path / "journal.json"
    path.write_text("my real journal")
    with pytest.raises(DemoExistsError):
        build_demo(path, now=NOW)
    assert path.read_text() == "my real journal"
    build_demo(path, now=NOW, encounters=20, force=True)
    with Store(path) as store:
        assert store.count() == 20


@pytest.mark.parametrize("order", ["after", "before"])
def test_cli_writes_demo_with_journal_before_or_after_the_command(tmp_path, order):
    from tui.cli import main

    path = tmp_path / "demo.json"
    argv = ["demo", "--journal", str(path), "--encounters", "40"]
    if order == "before":
        argv = ["--journal", str(path), "demo", "--encounters", "40"]
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, out, err) == 0, err.getvalue()
    assert "40 encounters" in out.getvalue()
    with Store(path) as store:
        assert store.count() == 40


def test_cli_refuses_overwrite_and_a_missing_path(tmp_path, journal_path):
    from tui.cli import main

    path = tmp_path / "demo.json"
    path.write_text("{}")
    err = io.StringIO()
    assert main(["demo", "--journal", str(path)], io.StringIO(), err) == 2
    assert "--force" in err.getvalue() and path.read_text() == "{}"
    assert main(["demo", "--journal", str(path), "--force"], io.StringIO(), io.StringIO()) == 0
    # NETJOURNAL_FILE (set by the journal_path fixture) is the real journal: never the demo's target.
    err = io.StringIO()
    assert main(["demo"], io.StringIO(), err) == 2
    assert "--journal" in err.getvalue() and not journal_path.exists()


def test_demo_command_does_not_import_textual(tmp_path):
    path = tmp_path / "demo.json"
    code = (
        "import sys; from tui.cli import main; "
        f"rc = main(['demo', '--journal', {str(path)!r}, '--encounters', '30']); "
        "assert 'textual' not in sys.modules, 'textual imported'; sys.exit(rc)"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert path.exists()


# ------------------------------------------------------------------ groups
def test_two_groups_with_a_realistic_attendance_history(demo):
    groups = {g.name: g for g in demo.groups.all()}
    assert set(groups) == {"Freelancers' circle", "PyData Lisboa"}
    circle = demo.groups.summary(groups["Freelancers' circle"].id)
    meetup = demo.groups.summary(groups["PyData Lisboa"].id)
    assert circle.group.kind == "support group" and meetup.group.kind == "meetup"
    assert len(circle.meetings) >= 12 and len(meetup.meetings) >= 6
    # Weekly on Tuesdays at 19:00, but one was cancelled and one moved to a Wednesday.
    cadence = circle.group.cadence
    assert cadence.exdates and cadence.rdates
    days = {m.when.strftime("%a %H:%M") for m in circle.meetings}
    assert days == {"Tue 19:00", "Wed 19:00"}
    assert {m.when.strftime("%a %H:%M") for m in meetup.meetings} == {"Thu 18:30"}
    # Attendance varies: a regular, someone missing lately, and guests who are not members.
    counts = sorted(row.came for row in circle.attendance)
    assert counts[0] < counts[-1]
    assert "Beatriz Nunes" in [p.name for p in circle.missing_lately]  # she stopped coming
    guests = {pid for m in circle.meetings + meetup.meetings for pid in m.people} - set(circle.group.members) - set(meetup.group.members)
    assert guests
    assert circle.next_dates and meetup.next_dates
    # A meeting is an ordinary encounter otherwise: notes, hashtags, topics.
    for meeting in circle.meetings + meetup.meetings:
        assert meeting.place in ("Café Lua", "Colmeia co-working") and meeting.people
        assert 100 <= len(meeting.notes) <= 400 and set(hashtags(meeting.notes)) <= set(meeting.topics)
    # Luna's notes always carry an emoji, meetings included.
    luna = next(p for p in demo.people() if p.name == "Luna Prado")
    assert any(luna.id in m.people for m in circle.meetings)


def test_groups_change_nothing_else_in_the_demo(monkeypatch):
    """Meetings replace the invented encounters nearest to them; every other record is as before."""
    import journal.demo
    from journal.models import Me

    monkeypatch.setattr(journal.demo, "add_reach", lambda *args, **kwargs: Me())  # issue 18's marks, tested apart
    with_groups = build_document(now=NOW)
    monkeypatch.setattr(journal.demo, "add_groups", lambda *args, **kwargs: [])
    without = build_document(now=NOW)
    for table in ("people", "opinions", "reviews"):
        assert with_groups[table] == without[table]
    before = {e["id"]: e for e in without["encounters"].values()}
    after = {e["id"]: e for e in with_groups["encounters"].values()}
    assert set(before) == set(after) and len(after) == 300
    replaced = [eid for eid in after if after[eid] != before[eid]]
    assert replaced and all(after[eid]["group_id"] for eid in replaced)
    assert len(replaced) == sum(1 for e in after.values() if e["group_id"]) < 30
    # Nothing that something else points at was replaced.
    cited = {eid for o in without["opinions"].values() for eid in o["encounters"]}
    assert not cited & set(replaced)
    assert all(before[eid]["follow_up"] is None for eid in replaced)


def test_a_small_demo_has_no_groups():
    doc = build_document(encounters=40, now=NOW)
    assert doc["groups"] == {} and len(doc["encounters"]) == 40
