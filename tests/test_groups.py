"""Groups in the store: create, edit, delete (and undo), members, meetings, attendance.

The clock is frozen on Friday 27 November 2026, 15:00, Europe/Paris (conftest).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import orjson
import pytest

from journal import clock
from journal.errors import NotFoundError, ValidationError
from journal.groups import (
    ATTENDANCE_WINDOW,
    attendance_line,
    cadence_label,
    group_to_json,
    group_vevent_data,
    upcoming_meetings,
)
from journal.models import EncounterDraft, Group
from journal.store import Store


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def meeting(store, group, who: str, when: str, notes: str = "", **kwargs):
    names = [w.strip() for w in who.split(",") if w.strip()]
    return store.groups.add_meeting(group.id, EncounterDraft(when=at(when), who=names, notes=notes), **kwargs)


@pytest.fixture
def circle(store):
    """A weekly group of four, with six Tuesday meetings (the latest on 24 Nov)."""
    change = store.groups.add(
        "Freelancers' circle", kind="support group", place="Café Lua", setting="Cafe",
        members=["Ana Souza", "Bruno", "Carla", "Dora"], cadence_text="every tuesday 19:00",
    )
    group = change.group
    who = {
        "2026-10-20": "Ana Souza, Bruno, Carla, Dora",
        "2026-10-27": "Ana Souza, Bruno, Carla",
        "2026-11-03": "Ana Souza, Carla, Dora",
        "2026-11-10": "Ana Souza, Bruno",
        "2026-11-17": "Ana Souza, Bruno, Eva",
        "2026-11-24": "Ana Souza, Bruno",
    }
    for day, names in who.items():
        meeting(store, group, names, f"{day}T19:00:00+01:00")
    return store.groups.get(group.id)


# ------------------------------------------------------------- creating
def test_a_group_is_saved_with_its_fields_cleaned_and_its_cadence_as_an_rrule(store, journal_path):
    change = store.groups.add(
        "  Fado\tnight ", kind="club", place="Tasca do Zé", setting="Restaurant",
        members=["Ana Souza", "José"], notes="\nBring a guitar\n", cadence_text="toda terça às 19h",
    )
    group = change.group
    assert (group.name, group.kind, group.place, group.setting, group.notes) == (
        "Fado night", "club", "Tasca do Zé", "restaurant", "Bring a guitar")
    assert [p.name for p in change.created_people] == ["Ana Souza", "José"]
    assert store.names(group.members) == ["Ana Souza", "José"]
    assert group.cadence.rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert group.cadence.start == "2026-11-24T19:00"
    assert group.cadence.text == "toda terça às 19h"
    [doc] = orjson.loads(journal_path.read_bytes())["groups"].values()
    assert doc == group.to_dict()
    assert doc["cadence"] == {"rrule": "FREQ=WEEKLY;BYDAY=TU", "start": "2026-11-24T19:00",
                              "text": "toda terça às 19h", "exdates": [], "rdates": []}
    with Store(journal_path) as again:
        assert again.groups.all() == [group]


@pytest.mark.parametrize(("name", "field", "says"), [
    ("", "name", "needs a name"),
    ("   ", "name", "needs a name"),
    ("\x1b\x07", "name", "needs a name"),
    ("\u0301\u0308", "name", "needs a letter or a digit"),
    ("fado NIGHT", "name", "already a group called 'Fado night'"),
    ("Fadó Night", "name", "already a group called 'Fado night'"),
])
def test_a_name_that_folds_to_another_groups_is_refused(store, journal_path, name, field, says):
    store.groups.add("Fado night")
    before = journal_path.read_bytes()
    with pytest.raises(ValidationError) as info:
        store.groups.add(name)
    assert info.value.field == field and says in info.value.message
    assert journal_path.read_bytes() == before


def test_a_bad_cadence_is_refused_under_its_field_with_examples(store, journal_path):
    with pytest.raises(ValidationError) as info:
        store.groups.add("Fado night", cadence_text="every full moon")
    assert info.value.field == "cadence"
    assert "every tuesday 19:00" in info.value.message
    assert not journal_path.exists()


def test_an_ambiguous_member_name_is_refused_under_members(store):
    store.add_person("Ana Souza")
    store.add_person("Ana Lima")
    with pytest.raises(ValidationError) as info:
        store.groups.add("Fado night", members=["Ana"])
    assert info.value.field == "members" and "Ana Lima, Ana Souza" in info.value.message
    assert store.groups.all() == []


def test_renaming_to_its_own_name_in_other_case_is_fine(store):
    group = store.groups.add("Fado night").group
    assert store.groups.update(group.id, name="FADO Night").group.name == "FADO Night"


# --------------------------------------------------- editing and undoing
def test_an_unchanged_cadence_keeps_its_start_and_exceptions(circle, store):
    store.groups.cancel_date(circle.id, at("2026-12-01T19:00:00+01:00"))
    kept = store.groups.update(circle.id, notes="new notes", cadence_text="Every Tuesday 19:00").group
    assert kept.cadence.exdates == ["2026-12-01T19:00"]
    changed = store.groups.update(circle.id, cadence_text="every wednesday 19:00").group
    assert changed.cadence.rrule == "FREQ=WEEKLY;BYDAY=WE" and changed.cadence.exdates == []
    assert store.groups.update(circle.id, cadence_text="").group.cadence is None


def test_undo_of_an_edit_puts_the_group_back_and_drops_people_it_created(circle, store):
    change = store.groups.update(circle.id, name="Circle", members=["Ana Souza", "Newcomer"])
    assert [p.name for p in change.created_people] == ["Newcomer"]
    store.groups.undo_change(change)
    again = Store(store.path)
    assert again.groups.get(circle.id) == circle
    assert "Newcomer" not in [p.name for p in again.people()]


def test_undo_of_an_add_removes_the_group(store):
    change = store.groups.add("Fado night", members=["Zé"])
    store.groups.undo_change(change)
    assert store.groups.all() == [] and store.people() == []


def test_members_are_added_and_removed(circle, store):
    eva = store.match_person("Eva").person_ids[0]
    added = store.groups.add_member(circle.id, eva)
    assert store.names(added.group.members)[-1] == "Eva"
    removed = store.groups.remove_member(circle.id, eva)
    assert "Eva" not in store.names(removed.group.members)
    store.groups.undo_change(removed)
    assert "Eva" in store.names(store.groups.get(circle.id).members)
    with pytest.raises(NotFoundError):
        store.groups.add_member(circle.id, "no-such-person")


def test_deleting_a_group_keeps_its_meetings_as_plain_encounters_and_undo_brings_it_back(circle, store, journal_path):
    meetings = store.groups.meetings(circle.id)
    assert len(meetings) == 6
    deleted = store.groups.delete(circle.id)
    assert sorted(deleted.meeting_ids) == sorted(m.id for m in meetings)
    with Store(journal_path) as after:
        assert after.groups.all() == []
        assert after.count() == 6 and all(e.group_id is None for e in after.encounters())
    store.groups.restore(deleted)
    with Store(journal_path) as back:
        assert back.groups.all() == [circle]
        assert [e.id for e in back.groups.meetings(circle.id)] == [m.id for m in meetings]


def test_merging_two_people_merges_their_memberships(circle, store):
    eva = store.match_person("Eva").person_ids[0]
    dora = store.match_person("Dora").person_ids[0]
    store.groups.add_member(circle.id, eva)
    store.merge_people(dora, eva)
    members = store.groups.get(circle.id).members
    assert eva not in members and members.count(dora) == 1


# ------------------------------------------------------------- meetings
def test_a_meeting_is_an_encounter_with_the_groups_id(circle, store, journal_path):
    result = meeting(store, circle, "Ana Souza, Carla", "2026-11-26T19:00:00+01:00", "extra session")
    assert result.encounter.group_id == circle.id
    docs = orjson.loads(journal_path.read_bytes())["encounters"].values()
    assert [d["group_id"] for d in docs if d["notes"] == "extra session"] == [circle.id]
    assert store.groups.meetings(circle.id)[0].id == result.encounter.id
    assert result.group_before is None  # nobody joined


def test_newcomers_join_the_group_only_when_asked_and_undo_takes_it_all_back(circle, store, journal_path):
    before = journal_path.read_bytes()
    assert store.groups.newcomers(circle.id, ["Ana", "Eva", "Fred Astaire"]) == ["Eva", "Fred Astaire"]
    result = meeting(store, circle, "Ana Souza, Eva, Fred Astaire", "2026-11-26T19:00:00+01:00", add_newcomers=True)
    members = store.names(store.groups.get(circle.id).members)
    assert members[-2:] == ["Eva", "Fred Astaire"]
    assert [p.name for p in result.created_people] == ["Fred Astaire"]
    store.groups.undo_meeting(result)
    # The very same records (the clock is frozen), and the tombstones of what the undo removed
    # (so that a merge with a copy that saw the meeting does not bring it back).
    after, previous = orjson.loads(journal_path.read_bytes()), orjson.loads(before)
    tombstones = after.pop("tombstones")
    previous.pop("tombstones", None)
    assert after == previous
    assert {t["id"] for t in tombstones.values()} == {result.encounter.id, result.created_people[0].id}
    with Store(journal_path) as again:
        assert again.groups.get(circle.id) == circle
        assert "Fred Astaire" not in [p.name for p in again.people()]
        assert len(again.groups.meetings(circle.id)) == 6


def test_without_asking_nobody_joins(circle, store):
    meeting(store, circle, "Ana Souza, Eva", "2026-11-26T19:00:00+01:00")
    assert "Eva" not in store.names(store.groups.get(circle.id).members)


def test_editing_a_meeting_keeps_or_changes_its_group(circle, store):
    last = store.groups.meetings(circle.id)[0]
    draft = EncounterDraft(when=last.when, who=["Ana Souza"], notes="edited")
    assert store.update_encounter(last.id, draft).encounter.group_id == circle.id  # a plain edit keeps it
    other = store.groups.add("Book club").group
    before = store.encounter(last.id)
    moved = store.groups.update_meeting(last.id, draft, other.id)
    assert moved.encounter.group_id == other.id
    store.groups.undo_meeting(moved, before)
    assert store.encounter(last.id).group_id == circle.id
    cleared = store.groups.update_meeting(last.id, draft, None)
    assert cleared.encounter.group_id is None


def test_meeting_defaults_are_the_members_the_place_and_the_latest_date(circle, store):
    defaults = store.groups.meeting_defaults(circle.id)
    assert defaults.who == ["Ana Souza", "Bruno", "Carla", "Dora"]
    assert (defaults.place, defaults.setting) == ("Café Lua", "cafe")
    assert defaults.when.isoformat() == "2026-11-24T19:00:00+01:00"
    assert defaults.when_text == "2026-11-24 19:00"
    plain = store.groups.add("Book club").group
    assert store.groups.meeting_defaults(plain.id).when is None
    assert store.groups.meeting_defaults(plain.id).when_text == "now"


# ----------------------------------------------------------- attendance
def test_attendance_over_the_last_meetings_and_missing_lately(circle, store):
    summary = store.groups.summary(circle.id)
    rows = {row.person.name: row for row in summary.attendance}
    assert [(name, row.came, row.of) for name, row in rows.items()] == [
        ("Ana Souza", 6, 6), ("Bruno", 5, 6), ("Carla", 3, 6), ("Dora", 2, 6)]
    assert rows["Carla"].last_seen.date() == date(2026, 11, 3)
    # Absent from each of the last three meetings (10, 17 and 24 Nov):
    assert [p.name for p in summary.missing_lately] == ["Carla", "Dora"]
    assert attendance_line(rows["Bruno"]) == "came to 5 of the last 6 meetings, last on Tue 24 Nov"
    assert attendance_line(rows["Dora"]) == "came to 2 of the last 6 meetings, last on Tue 3 Nov"
    assert [d.isoformat() for d in summary.next_dates] == [
        "2026-12-01T19:00:00+01:00", "2026-12-08T19:00:00+01:00", "2026-12-15T19:00:00+01:00"]


def test_attendance_counts_only_the_window(store):
    group = store.groups.add("Daily stand-up", members=["Ana", "Bruno"], cadence_text="every day 9am").group
    start = at("2026-11-01T09:00:00+01:00")
    for day in range(ATTENDANCE_WINDOW + 5):
        who = "Ana, Bruno" if day < 5 else "Ana"
        meeting(store, group, who, (start + timedelta(days=day)).isoformat())
    rows = {row.person.name: (row.came, row.of) for row in store.groups.summary(group.id).attendance}
    assert rows == {"Ana": (ATTENDANCE_WINDOW, ATTENDANCE_WINDOW), "Bruno": (0, ATTENDANCE_WINDOW)}


def test_nobody_is_missing_before_three_meetings(store):
    group = store.groups.add("New group", members=["Ana", "Bruno"]).group
    meeting(store, group, "Ana", "2026-11-20T19:00:00+01:00")
    meeting(store, group, "Ana", "2026-11-21T19:00:00+01:00")
    summary = store.groups.summary(group.id)
    assert summary.missing_lately == []
    bruno = summary.attendance[1]
    assert attendance_line(bruno) == "has not come to a meeting yet"
    meeting(store, group, "Bruno", "2026-11-22T19:00:00+01:00")
    meeting(store, group, "Ana", "2026-11-23T19:00:00+01:00")
    [ana, bruno] = store.groups.summary(group.id).attendance
    assert attendance_line(bruno) == "came to 1 of the last 4 meetings, last on Sun 22 Nov"


def test_a_person_lists_their_groups(circle, store):
    ana = store.match_person("Ana").person_ids[0]
    other = store.groups.add("Book club", members=["Ana Souza"]).group
    assert [g.name for g in store.groups.for_person(ana)] == ["Book club", "Freelancers' circle"]
    assert other in store.groups.for_person(ana)


def test_closest_names_for_a_mistyped_group(store):
    for name in ("Freelancers' circle", "Fado night", "Book club", "Python meetup"):
        store.groups.add(name)
    assert store.groups.closest("fado nite")[0] == "Fado night"
    assert store.groups.closest("python")[0] == "Python meetup"
    assert "Book club" in store.groups.closest("bookclub")


# ------------------------------------------------------- exceptions
def test_cancel_and_move_one_meeting(circle, store):
    store.groups.cancel_date(circle.id, at("2026-12-01T19:00:00+01:00"))
    change = store.groups.move_date(circle.id, at("2026-12-08T19:00:00+01:00"), at("2026-12-09T20:00:00+01:00"))
    assert change.group.cadence.exdates == ["2026-12-01T19:00", "2026-12-08T19:00"]
    assert change.group.cadence.rdates == ["2026-12-09T20:00"]
    summary = store.groups.summary(circle.id)
    assert [d.strftime("%a %d %H:%M") for d in summary.next_dates] == ["Wed 09 20:00", "Tue 15 19:00", "Tue 22 19:00"]
    # Moving the moved meeting again replaces the added date.
    again = store.groups.move_date(circle.id, at("2026-12-09T20:00:00+01:00"), at("2026-12-10T20:00:00+01:00"))
    assert again.group.cadence.rdates == ["2026-12-10T20:00"]
    with pytest.raises(ValidationError, match="does not meet on Wed 2 Dec"):
        store.groups.cancel_date(circle.id, at("2026-12-02T19:00:00+01:00"))
    store.groups.undo_change(again)
    assert store.groups.get(circle.id).cadence.rdates == ["2026-12-09T20:00"]


# ------------------------------------------------------ damaged records
def _write(path, **tables):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 4}}, **tables}))


GOOD = {"id": "g1", "name": "Fado night", "created_at": "2026-11-01T10:00:00+00:00", "updated_at": "2026-11-01T10:00:00+00:00"}


@pytest.mark.parametrize(("doc", "why"), [
    ({**GOOD, "name": ""}, "its name is empty"),
    ({**GOOD, "name": 7}, "its name is not text"),
    ({**GOOD, "members": "Ana"}, "its members is not a list of text"),
    ({**GOOD, "members": [None]}, "its members is not a list of text"),
    ({**GOOD, "kind": ["club"]}, "its kind is not text"),
    ({**GOOD, "cadence": "every tuesday"}, "its cadence is neither an object nor null"),
    ({**GOOD, "cadence": {"rrule": 5, "start": "2026-11-03"}}, "its rrule is not text"),
    ({**GOOD, "cadence": {"rrule": "FREQ=DAILY"}}, "KeyError"),
    ({**GOOD, "cadence": {"rrule": "FREQ=DAILY", "start": "2026-11-03", "exdates": "x"}}, "its exdates is not a list of text"),
    ({k: v for k, v in GOOD.items() if k != "id"}, "KeyError"),
])
def test_a_damaged_group_is_left_out_and_kept_as_it_is(journal_path, doc, why):
    _write(journal_path, groups={"1": doc, "2": {**GOOD, "id": "g2", "name": "Book club"}})
    with Store(journal_path) as store:
        assert [g.name for g in store.groups.all()] == ["Book club"]
        [(table, key, reason)] = store.damaged_records()
        assert (table, key) == ("groups", "1") and why in reason
        store.groups.add("Python meetup")
    assert orjson.loads(journal_path.read_bytes())["groups"]["1"] == doc


@pytest.mark.parametrize("group_id", ["", 7, ["g1"]])
def test_an_encounter_with_a_bad_group_id_is_damaged(journal_path, group_id):
    encounter = {"id": "e1", "when": "2026-11-20T19:00:00+01:00", "notes": "x", "group_id": group_id,
                 "created_at": "2026-11-20T19:00:00+00:00", "updated_at": "2026-11-20T19:00:00+00:00"}
    _write(journal_path, encounters={"1": encounter})
    with Store(journal_path) as store:
        assert store.encounters() == []
        assert "group_id is neither an id nor null" in store.damaged_records()[0][2]


def test_a_meeting_of_an_unknown_group_and_a_member_who_is_not_a_person_are_skipped(journal_path):
    encounter = {"id": "e1", "when": "2026-11-20T19:00:00+01:00", "notes": "x", "group_id": "gone",
                 "created_at": "2026-11-20T19:00:00+00:00", "updated_at": "2026-11-20T19:00:00+00:00"}
    _write(journal_path, encounters={"1": encounter}, groups={"1": {**GOOD, "members": ["nobody"]}})
    with Store(journal_path) as store:
        [group] = store.groups.all()
        summary = store.groups.summary(group.id)
        assert summary.members == [] and summary.meetings == [] and summary.attendance == []
        assert store.encounters()[0].group_id == "gone"


def test_a_hostile_cadence_leaves_the_group_usable_with_an_unreadable_cadence(journal_path):
    hostile = {**GOOD, "cadence": {"rrule": "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "start": "1900-01-01T00:00"}}
    _write(journal_path, groups={"1": hostile})
    with Store(journal_path) as store:
        [group] = store.groups.all()
        assert cadence_label(group) == "unreadable cadence"
        summary = store.groups.summary(group.id)
        assert summary.cadence_unreadable and summary.next_dates == []
        assert store.groups.meeting_defaults(group.id).when is None
        assert upcoming_meetings(store, date(2026, 11, 27), 7) == []
        assert group_vevent_data(group) is None
        assert group_to_json(summary)["cadence"]["readable"] is False
        with pytest.raises(ValidationError, match="no cadence that netjournal can read"):
            store.groups.cancel_date(group.id, clock.now())


# ------------------------------------------------ the Agenda and the calendar
def test_upcoming_meetings_for_the_agenda(circle, store):
    store.groups.add("Python meetup", place="Colmeia", setting="event", cadence_text="every 2 weeks on thu 18:30")
    store.groups.add("No cadence")
    found = upcoming_meetings(store, date(2026, 11, 27), 7)
    assert [(m.group.name, m.when.isoformat(), m.place) for m in found] == [
        ("Freelancers' circle", "2026-12-01T19:00:00+01:00", "Café Lua"),
    ]
    two_weeks = upcoming_meetings(store, date(2026, 11, 27), 14)
    assert [(m.group.name, m.when.strftime("%a %d %H:%M")) for m in two_weeks] == [
        ("Freelancers' circle", "Tue 01 19:00"), ("Freelancers' circle", "Tue 08 19:00"),
        ("Python meetup", "Thu 10 18:30"),
    ]
    assert upcoming_meetings(store, date(2026, 11, 27), 0) == []


def test_group_vevent_data_round_trips_through_icalendar(circle, store):
    icalendar = pytest.importorskip("icalendar")
    from dateutil.rrule import rrulestr

    store.groups.move_date(circle.id, at("2026-12-08T19:00:00+01:00"), at("2026-12-09T20:00:00+01:00"))
    group = store.groups.get(circle.id)
    data = group_vevent_data(group)
    assert data["uid"] == f"group-{group.id}@netjournal"
    assert data == group_vevent_data(store.groups.get(circle.id))  # stable
    event = icalendar.Event()
    event.add("uid", data["uid"])
    event.add("summary", data["summary"])
    event.add("dtstart", data["dtstart"])
    event.add("duration", data["duration"])
    event.add("rrule", icalendar.vRecur.from_ical(data["rrule"]))
    for moment in data["exdates"]:
        event.add("exdate", moment)
    for moment in data["rdates"]:
        event.add("rdate", moment)
    event.add("location", data["location"])
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//netjournal//test//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    [back] = icalendar.Calendar.from_ical(calendar.to_ical()).walk("VEVENT")
    assert str(back["uid"]) == data["uid"] and str(back["location"]) == "Café Lua"
    start = back.decoded("dtstart")
    assert start == datetime(2026, 11, 24, 19, 0) and start.tzinfo is None  # floating local time
    rule = rrulestr(back["rrule"].to_ical().decode(), dtstart=start)
    exdates = {d for prop in [back["exdate"]] for d in (p.dt for p in prop.dts)}
    rdates = {d for prop in [back["rdate"]] for d in (p.dt for p in prop.dts)}
    theirs = sorted((set(rule.between(datetime(2026, 11, 27), datetime(2026, 12, 20))) - exdates) | rdates)
    ours = store.groups.summary(circle.id).schedule.between(datetime(2026, 11, 27), datetime(2026, 12, 20), local=True)
    assert theirs == ours


def test_group_json(circle, store):
    data = group_to_json(store.groups.summary(circle.id))
    assert data["name"] == "Freelancers' circle" and data["meetings"] == 6
    assert data["cadence"]["rrule"] == "FREQ=WEEKLY;BYDAY=TU" and data["cadence"]["readable"] is True
    assert data["missing_lately"] == ["Carla", "Dora"]
    assert data["members"][1] == {"name": "Bruno", "came": 5, "of": 6, "last_seen": "2026-11-24T19:00:00+01:00"}
    assert data["next"][0] == "2026-12-01T19:00:00+01:00"


def test_a_group_model_round_trips():
    group = Group(name="x", members=["a"], kind="club")
    assert Group.from_dict(group.to_dict()) == group


# ---------------------------------------------------------------- review
def test_the_weekly_review_lists_the_weeks_meetings_with_who_came_and_who_did_not(circle, store):
    from journal.review import compute_review, to_json_dict, to_markdown

    book = store.groups.add("Book club", members=["Ana Souza", "Eva"]).group
    meeting(store, book, "Eva", "2026-11-25T20:00:00+01:00")
    review = compute_review(store, date(2026, 11, 27))
    assert [(g.group.name, len(g.meetings)) for g in review.groups] == [("Freelancers' circle", 1), ("Book club", 1)]
    data = to_json_dict(review, store)["groups"]
    last = store.groups.meetings(circle.id)[0]
    assert data[0] == {
        "id": circle.id, "name": "Freelancers' circle",
        "meetings": [{"encounter": last.id, "when": "2026-11-24T19:00:00+01:00", "place": "", "attended": ["Ana Souza", "Bruno"]}],
        "attended": ["Ana Souza", "Bruno"], "missing": ["Carla", "Dora"],
    }
    assert data[1]["attended"] == ["Eva"] and data[1]["missing"] == ["Ana Souza"]
    markdown = to_markdown(review, store)
    assert ("## Group meetings\n\n- Freelancers' circle: Tue 24 Nov; came: Ana Souza, Bruno; missing: Carla, Dora\n"
            "- Book club: Wed 25 Nov; came: Eva; missing: Ana Souza\n") in markdown
    # A week without meetings has an empty list and no section.
    quiet = compute_review(store, date(2026, 9, 1))
    assert quiet.groups == [] and to_json_dict(quiet, store)["groups"] == []
    assert "Group meetings" not in to_markdown(quiet, store)


# ----------------------------------------------------------------- reach
def test_reach_links_the_members_of_a_group_and_follows_its_changes(store):
    """Issue 18's graph counts "same group" once groups exist: Ana can introduce me to Zara."""
    from journal.reach import GROUP, reach

    store.add_encounter(EncounterDraft(when=at("2026-11-25T10:00:00+01:00"), who=["Ana Souza"], notes="coffee"))
    zara = store.add_person("Zara Lopes")
    assert reach(store, date(2026, 11, 27), person="zara").paths == []
    group = store.groups.add("Book club", members=["Ana Souza", "Zara Lopes"]).group
    [path] = reach(store, date(2026, 11, 27), person="zara").paths
    assert [h.target for h in path.hops][-1] == zara.id and path.hops[-1].kind == GROUP
    store.groups.remove_member(group.id, zara.id)
    assert reach(store, date(2026, 11, 27), person="zara").paths == []
