"""The Agenda (issue 16), computed: sections, reach-out, snooze, id prefixes, the lines and JSON.

The clock is frozen on Friday 2026-11-27 15:00 in Europe/Paris (conftest); the
week is Monday 23 to Sunday 29 November unless first_weekday says otherwise.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest

from journal import clock
from journal.agenda import SECTIONS, anything_due, compute_agenda, snooze, to_json_dict, to_lines
from journal.errors import NotFoundError, ValidationError
from journal.ids import AmbiguousIdError, resolve_encounter_id
from journal.models import EncounterDraft


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=clock.local_zone())


def add(store, when: str, who: str = "", *, due: str | None = None, **fields):
    draft = EncounterDraft(
        when=at(when),
        who=[n.strip() for n in who.split(",") if n.strip()],
        notes=fields.pop("notes", "") or "chat",
        due=date.fromisoformat(due) if due else None,
        **fields,
    )
    return store.add_encounter(draft).encounter


@pytest.fixture
def journal(store):
    ids = {}
    ids["dev"] = add(store, "2026-11-05 12:00", "Dev", place="Cobalto", follow_up="call Dev", due="2026-11-20").id
    ids["projector"] = add(store, "2026-11-25 09:00", "Eva", follow_up="return projector", due="2026-11-26").id
    ids["table"] = add(store, "2026-11-26 19:00", "Farid, Gabi", place="Tasca", follow_up="book table", due="2026-11-27").id
    ids["cv"] = add(store, "2026-11-24 10:00", "Gabi", follow_up="send CV", due="2026-11-29").id
    ids["book"] = add(store, "2026-11-20 10:00", "Hana", follow_up="lend the book", due="2026-11-30").id
    ids["far"] = add(store, "2026-11-21 10:00", "Hana", follow_up="plan the trip", due="2027-01-10").id
    ids["recipe"] = add(store, "2026-11-10 10:00", "Ines", follow_up="send the recipe").id
    ids["map"] = add(store, "2026-11-23 10:00", "", place="Market", follow_up="print the map").id
    done = add(store, "2026-11-02 10:00", "Ana", follow_up="old thing", due="2026-11-03")
    store.set_follow_up_done(done.id)
    ids["done"] = done.id
    undated_done = add(store, "2026-11-03 10:00", "Ana", follow_up="old undated thing")
    store.set_follow_up_done(undated_done.id)
    # Reach out: Dev has a cadence of 14 days and was last seen 22 days ago;
    # Jo (no cadence) met twice, last 40 days ago; Kim met once, long ago.
    store.update_person(store.encounter(ids["dev"]).people[0], keep_in_touch_days=14)
    add(store, "2026-10-01 10:00", "Jo")
    add(store, "2026-10-18 10:00", "Jo")
    add(store, "2026-08-01 10:00", "Kim")
    store.ids = ids
    return store


def texts(encounters) -> list[str]:
    return [e.follow_up.text for e in encounters]


def test_every_section(journal):
    agenda = compute_agenda(journal)
    assert agenda.as_of == date(2026, 11, 27)
    assert agenda.week_end == date(2026, 11, 29)
    assert texts(agenda.overdue) == ["call Dev", "return projector"]
    assert texts(agenda.today) == ["book table"]
    assert texts(agenda.this_week) == ["send CV"]
    assert texts(agenda.later) == ["lend the book", "plan the trip"]
    assert texts(agenda.someday) == ["print the map", "send the recipe"]  # newest encounter first
    # Furthest past their cadence first.
    assert [(r.person.name, r.days_since, r.cadence, r.own_cadence, r.days_past) for r in agenda.reach_out] == [
        ("Jo", 40, 30, False, 10),
        ("Dev", 22, 14, True, 8),
    ]
    assert agenda.meetings == []
    assert agenda.due_now


def test_the_week_follows_the_first_weekday(journal):
    # Weeks from Sunday: 22 to 28 November, so Sunday the 29th is later.
    agenda = compute_agenda(journal, first_weekday=6)
    assert agenda.week_end == date(2026, 11, 28)
    assert texts(agenda.this_week) == []
    assert texts(agenda.later) == ["send CV", "lend the book", "plan the trip"]


def test_on_the_weeks_last_day_this_week_is_empty(journal):
    agenda = compute_agenda(journal, today=date(2026, 11, 29))
    assert texts(agenda.today) == ["send CV"]
    assert agenda.this_week == []


def test_the_default_cadence_is_a_setting(journal):
    agenda = compute_agenda(journal, default_cadence=60)
    assert [r.person.name for r in agenda.reach_out] == ["Dev"]
    agenda = compute_agenda(journal, default_cadence=7)
    # Ana (met twice, last on 3 November) joins; Gabi and Hana were seen within the week.
    assert [(r.person.name, r.days_past) for r in agenda.reach_out] == [("Jo", 33), ("Ana", 17), ("Dev", 8)]


def test_a_person_met_once_is_not_held_to_the_default_cadence(journal):
    agenda = compute_agenda(journal, default_cadence=1)
    names = [r.person.name for r in agenda.reach_out]
    assert "Kim" not in names and "Eva" not in names  # each met once
    assert "Hana" in names  # met twice, last six days ago


def test_done_follow_ups_are_left_out_unless_kept(journal):
    agenda = compute_agenda(journal)
    assert "old thing" not in texts(agenda.overdue)
    journal.set_follow_up_done(journal.ids["table"])
    journal.set_follow_up_done(journal.ids["recipe"])
    agenda = compute_agenda(journal)
    assert agenda.today == [] and texts(agenda.someday) == ["print the map"]
    kept = compute_agenda(journal, keep={journal.ids["table"], journal.ids["recipe"], "no-such-id"})
    assert texts(kept.today) == ["book table"]
    assert texts(kept.someday) == ["print the map", "send the recipe"]
    assert kept.today[0].follow_up.done


def test_anything_due(journal, store):
    assert anything_due(journal)
    assert not anything_due(journal, date(2026, 11, 1))


def test_an_empty_journal_has_an_empty_agenda(store):
    agenda = compute_agenda(store)
    assert agenda.is_empty and not agenda.due_now
    assert not anything_due(store)
    assert to_lines(agenda, store) == []


# ----------------------------------------------------------------- snooze
def test_snooze_moves_the_due_date(journal):
    snooze(journal, journal.ids["dev"], date(2026, 12, 4))
    agenda = compute_agenda(journal)
    assert texts(agenda.overdue) == ["return projector"]
    assert texts(agenda.later) == ["lend the book", "call Dev", "plan the trip"]


def test_snooze_gives_an_undated_follow_up_a_date(journal):
    snooze(journal, journal.ids["recipe"], date(2026, 11, 27))
    # Same day: the older encounter first.
    assert texts(compute_agenda(journal).today) == ["send the recipe", "book table"]


def test_a_snooze_into_the_past_is_refused_naming_the_date(journal):
    with pytest.raises(ValidationError) as caught:
        snooze(journal, journal.ids["dev"], date(2026, 11, 26), typed="yesterday")
    assert caught.value.field == "due"
    assert caught.value.message == "'yesterday' is Thu 26 Nov 2026, which is in the past: snooze to today or a later day."
    assert journal.encounter(journal.ids["dev"]).follow_up.due == date(2026, 11, 20)


def test_a_done_follow_up_or_none_cannot_be_snoozed(journal):
    with pytest.raises(ValidationError, match="already done"):
        snooze(journal, journal.ids["done"], date(2026, 12, 1))
    plain = add(journal, "2026-11-26 10:00", "Ana")
    with pytest.raises(ValidationError, match="no follow-up"):
        snooze(journal, plain.id, date(2026, 12, 1))


# -------------------------------------------------------------------- ids
def test_an_id_resolves_whole_or_by_prefix(journal):
    target = journal.ids["cv"]
    assert resolve_encounter_id(journal, target) == target
    assert resolve_encounter_id(journal, target.upper()) == target
    assert resolve_encounter_id(journal, f"  {target[:13]} ") == target


def test_an_ambiguous_prefix_names_the_candidates(store, monkeypatch):
    import itertools
    import uuid

    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(f"aaaa{next(counter):028x}"))
    made = [add(store, f"2026-11-{day:02d} 10:00", "Ana" if day % 2 else "") for day in range(1, 9)]
    with pytest.raises(AmbiguousIdError) as caught:
        resolve_encounter_id(store, "AAAA")
    error = caught.value
    assert error.candidates == [e.id for e in reversed(made)]  # newest first
    # The five newest are named, with their day and people.
    assert error.message.startswith("'AAAA' is the start of 8 encounter ids, among them ")
    assert f"{made[-1].id} (2026-11-08)" in error.message
    assert f"{made[-2].id} (2026-11-07, Ana)" in error.message
    assert made[2].id not in error.message
    assert error.message.endswith("Type more of the id.")
    # The whole id is never ambiguous.
    assert resolve_encounter_id(store, made[0].id) == made[0].id


def test_an_unknown_or_empty_id_is_refused(journal):
    with pytest.raises(NotFoundError, match="No encounter id starts with 'zzz'"):
        resolve_encounter_id(journal, "zzz")
    with pytest.raises(ValidationError, match="An encounter id is needed"):
        resolve_encounter_id(journal, "  ")


# ---------------------------------------------------------------- output
def test_one_line_per_item_with_its_short_id(journal):
    lines = to_lines(compute_agenda(journal), journal)
    ids = journal.ids
    assert lines == [
        f"Overdue, due Fri 20 Nov: call Dev (with Dev, Thu 5 Nov at Cobalto) [{ids['dev'][:8]}]",
        f"Overdue, due Thu 26 Nov: return projector (with Eva, Wed 25 Nov) [{ids['projector'][:8]}]",
        f"Today: book table (with Farid, Gabi, Thu 26 Nov at Tasca) [{ids['table'][:8]}]",
        f"This week, Sun 29 Nov: send CV (with Gabi, Tue 24 Nov) [{ids['cv'][:8]}]",
        f"Later, Mon 30 Nov: lend the book (with Hana, Fri 20 Nov) [{ids['book'][:8]}]",
        f"Later, Sun 10 Jan 2027: plan the trip (with Hana, Sat 21 Nov) [{ids['far'][:8]}]",
        f"Someday: print the map (Mon 23 Nov at Market) [{ids['map'][:8]}]",
        f"Someday: send the recipe (with Ines, Tue 10 Nov) [{ids['recipe'][:8]}]",
        "Reach out: Jo, last seen Sun 18 Oct (40 days ago)",
        "Reach out: Dev, last seen Thu 5 Nov (22 days ago; every 14 days)",
    ]


def test_json_has_every_section(journal):
    data = to_json_dict(compute_agenda(journal), journal)
    assert list(data) == ["as_of", "week_end", *SECTIONS]
    assert data["as_of"] == "2026-11-27"
    assert data["today"] == [{
        "encounter": journal.ids["table"], "text": "book table", "due": "2026-11-27", "people": ["Farid", "Gabi"],
        "when": "2026-11-26T19:00:00+01:00", "place": "Tasca", "setting": "",
    }]
    assert data["someday"][0]["due"] is None
    assert data["reach_out"][1] == {
        "person": "Dev", "person_id": journal.encounter(journal.ids["dev"]).people[0], "last_seen": "2026-11-05",
        "days_since": 22, "keep_in_touch_days": 14, "cadence": "person", "days_past": 8,
        "encounter": journal.ids["dev"],
    }
    assert data["meetings"] == []
    only_due = to_json_dict(compute_agenda(journal), journal, ("overdue", "today"))
    assert [len(only_due[name]) for name in SECTIONS] == [2, 1, 0, 0, 0, 0, 0]


# --------------------------------------------------------------- meetings
def test_meetings_are_the_groups_dates_in_the_next_7_days(journal):
    assert compute_agenda(journal).meetings == []  # no group yet
    journal.groups.add("Freelancers' circle", kind="support group", place="Café Lua", setting="cafe",
                       members=["Ana"], cadence_text="every tuesday 19:00")
    journal.groups.add("Book club", cadence_text="every saturday")
    journal.groups.add("No cadence")
    agenda = compute_agenda(journal)
    assert [(m.group.name, m.when.strftime("%a %d %b %H:%M"), m.whole_day) for m in agenda.meetings] == [
        ("Book club", "Sat 28 Nov 00:00", True),
        ("Freelancers' circle", "Tue 01 Dec 19:00", False),
    ]
    lines = to_lines(agenda, journal, ("meetings",))
    assert lines == ["Meeting: Book club, Sat 28 Nov", "Meeting: Freelancers' circle, Tue 1 Dec 19:00 at Café Lua"]
    data = to_json_dict(agenda, journal)["meetings"]
    assert data[1] == {
        "group": "Freelancers' circle", "group_id": agenda.meetings[1].group.id, "when": "2026-12-01T19:00:00+01:00",
        "whole_day": False, "place": "Café Lua", "setting": "cafe",
    }
    assert data[0]["when"] == "2026-11-28" and data[0]["whole_day"] is True


def test_an_agenda_without_groups_imports_no_group_code(journal_path):
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from journal.store import Store\n"
        "from journal.agenda import compute_agenda\n"
        f"store = Store({str(journal_path)!r})\n"
        "compute_agenda(store)\n"
        "assert 'journal.groups' not in sys.modules and 'journal.cadence' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
