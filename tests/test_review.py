"""The weekly review (issue 4): every figure against fixed data.

The clock is frozen on Friday 2026-11-27 15:00 in Europe/Paris (conftest),
so "this week" is 2026-W48, Monday 23 to Sunday 29 November.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from journal import clock
from journal.dates import DateParseError, week_start
from journal.models import EncounterDraft
from journal.review import compute_review, to_json_dict, to_markdown, week_bounds, week_label, week_of_label

MARKUP = "**bold** [red]x[/red] <b>y</b> `z` _u_ # h"
MULTILINE_GAVE = "coffee\n# not a heading\n- not an item"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=clock.local_zone())


def add(store, when: str, who: str = "", *, due: str | None = None, **fields):
    draft = EncounterDraft(
        when=at(when),
        who=[n.strip() for n in who.split(",") if n.strip()],
        notes=fields.pop("notes", "") or ("" if who else "alone"),
        due=date.fromisoformat(due) if due else None,
        **fields,
    )
    return store.add_encounter(draft).encounter


def names(people) -> list[str]:
    return [p.name for p in people]


@pytest.fixture
def journal(store):
    """Two months of encounters around the week under review."""
    # Eva met regularly, then went quiet; Farid only twice; Gabi recently.
    for when in ("2026-09-10 10:00", "2026-09-24 10:00", "2026-10-08 10:00"):
        add(store, when, "Eva")
    for when in ("2026-09-15 10:00", "2026-10-01 10:00"):
        add(store, when, "Farid")
    add(store, "2026-10-20 10:00", "Gabi")
    add(store, "2026-10-22 10:00", "Gabi")
    add(store, "2026-11-10 10:00", "Gabi", follow_up="ping Gabi", due="2026-12-05")
    old = add(store, "2026-11-02 10:00", "Ana", setting="cafe", follow_up="old thing", due="2026-11-03")
    store.set_follow_up_done(old.id)
    dev = add(store, "2026-11-05 12:00", "Dev", setting="work", follow_up="call Dev", due="2026-11-20")
    store.update_person(dev.people[0], keep_in_touch_days=14)
    # Last minute of the previous week.
    add(store, "2026-11-22 23:59", "Ana")
    # The week itself; the first one at the very first instant.
    add(store, "2026-11-23 00:00", "Ana, Bruno", setting="cafe", topics=["AI"], notes="#climate", gave="intro to Lina")
    add(store, "2026-11-24 19:00", "Bruno", setting="restaurant", topics=["ai"],
        asked="a loan of the projector", follow_up="return projector", due="2026-11-25")
    add(store, "2026-11-24 21:00", "Chloé", setting="cafe", asked="feedback on my CV",
        follow_up="send CV", due="2026-11-28")
    add(store, "2026-11-26 08:00", "Ana", topics=["climate"], asked=MARKUP)
    add(store, "2026-11-27 09:00", "Chloé, Ana", setting="cafe", topics=["climate"], gave=MULTILINE_GAVE,
        follow_up="book table", due="2026-11-27")
    store.save_reflection("2026-W48", "A good week. [bold]Really[/bold].")
    return store


# ------------------------------------------------------------------ weeks


def test_week_labels_round_trip_for_every_first_weekday():
    day = date(2025, 12, 1)
    for _ in range(800):
        for first_weekday in range(7):
            start = week_start(day, first_weekday)
            assert week_of_label(week_label(start), first_weekday) == start
        day += timedelta(days=1)


def test_week_label_is_the_iso_week_holding_most_days():
    assert week_label(date(2026, 11, 23)) == "2026-W48"
    assert week_label(date(2026, 11, 22)) == "2026-W48"  # Sunday week: 6 of its days are in W48
    assert week_label(date(2026, 12, 28)) == "2026-W53"
    assert week_of_label("2026-W48", first_weekday=6) == date(2026, 11, 22)
    assert week_of_label("2027-W01") == date(2027, 1, 4)
    with pytest.raises(DateParseError):
        week_of_label("2025-W53")  # 2025 has 52 ISO weeks


def test_week_bounds_span_the_extra_hour_of_the_autumn_change():
    begin, end = week_bounds(date(2026, 10, 19))
    zone = clock.local_zone()
    assert begin.astimezone(zone).isoformat() == "2026-10-19T00:00:00+02:00"
    assert end.astimezone(zone).isoformat() == "2026-10-26T00:00:00+01:00"
    assert end.timestamp() - begin.timestamp() == 7 * 86400 + 3600


# ---------------------------------------------------------------- figures


def test_counts_people_days_settings_topics(journal):
    r = compute_review(journal, date(2026, 11, 23))
    assert (r.week, r.start, r.end, r.as_of) == ("2026-W48", date(2026, 11, 23), date(2026, 11, 29), date(2026, 11, 27))
    assert r.conversations == 5
    assert r.people == 3
    assert names(r.new_people) == ["Bruno", "Chloé"]
    assert names(r.returning_people) == ["Ana"]
    assert list(r.by_day.items()) == [
        (date(2026, 11, 23), 1), (date(2026, 11, 24), 2), (date(2026, 11, 25), 0), (date(2026, 11, 26), 1),
        (date(2026, 11, 27), 1), (date(2026, 11, 28), 0), (date(2026, 11, 29), 0),
    ]
    assert list(r.by_setting.items()) == [("cafe", 3), ("restaurant", 1), ("unspecified", 1)]
    # "AI" and "ai" are one topic, spelt as first seen.
    assert list(r.topics.items()) == [("climate", 3), ("AI", 2)]
    assert r.reflection == "A good week. [bold]Really[/bold]."


def test_any_day_of_the_week_gives_the_same_review(journal):
    r = compute_review(journal, date(2026, 11, 29))
    assert (r.start, r.conversations) == (date(2026, 11, 23), 5)


def test_gives_asks_and_balance(journal):
    r = compute_review(journal, date(2026, 11, 23))
    assert [e.gave for e in r.gave] == ["intro to Lina", MULTILINE_GAVE]
    assert [e.asked for e in r.asked] == ["a loan of the projector", "feedback on my CV", MARKUP]
    assert r.asks_outnumber_gives is True
    assert [(b.person.name, b.gave, b.asked) for b in r.balance] == [
        ("Ana", 2, 1), ("Bruno", 1, 1), ("Chloé", 1, 1),
    ]


def test_asks_do_not_outnumber_gives_when_equal(store):
    add(store, "2026-11-24 10:00", "Ana", gave="a book")
    add(store, "2026-11-25 10:00", "Ana", asked="a lift")
    r = compute_review(store, date(2026, 11, 23))
    assert (len(r.gave), len(r.asked), r.asks_outnumber_gives) == (1, 1, False)


def test_follow_ups_in_the_current_week_split_at_today(journal):
    r = compute_review(journal, date(2026, 11, 23))
    assert [e.follow_up.text for e in r.follow_ups_due] == ["book table", "send CV"]
    assert [e.follow_up.text for e in r.follow_ups_overdue] == ["call Dev", "return projector"]


def test_follow_ups_of_a_past_week_split_at_its_start(journal):
    r = compute_review(journal, date(2026, 11, 23), today=date(2026, 12, 10))
    assert r.as_of == date(2026, 11, 29)
    assert [e.follow_up.text for e in r.follow_ups_due] == ["return projector", "book table", "send CV"]
    assert [e.follow_up.text for e in r.follow_ups_overdue] == ["call Dev"]


def test_done_follow_ups_are_neither_due_nor_overdue(journal):
    send_cv = next(e for e in journal.encounters() if e.follow_up and e.follow_up.text == "send CV")
    journal.set_follow_up_done(send_cv.id)
    r = compute_review(journal, date(2026, 11, 23))
    assert [e.follow_up.text for e in r.follow_ups_due] == ["book table"]


def test_follow_ups_follow_changes_made_after_a_review(journal):
    before = compute_review(journal, date(2026, 11, 23))
    assert len(before.follow_ups_due) == 2
    book = before.follow_ups_due[0]
    journal.set_follow_up_done(book.id)
    add(journal, "2026-11-27 14:00", "Bruno", follow_up="lend the book", due="2026-11-29")
    after = compute_review(journal, date(2026, 11, 23))
    assert [e.follow_up.text for e in after.follow_ups_due] == ["send CV", "lend the book"]
    journal.set_follow_up_done(book.id, done=False)
    again = compute_review(journal, date(2026, 11, 23))
    assert [e.follow_up.text for e in again.follow_ups_due] == ["book table", "send CV", "lend the book"]


def test_going_cold_by_cadence_and_by_pattern(journal):
    r = compute_review(journal, date(2026, 11, 23))
    assert [(c.person.name, c.last_seen, c.days_since, c.reason) for c in r.going_cold] == [
        ("Eva", date(2026, 10, 8), 50, "pattern"),
        ("Dev", date(2026, 11, 5), 22, "cadence"),
    ]


def test_going_cold_is_judged_at_the_end_of_a_past_week(journal):
    r = compute_review(journal, date(2026, 11, 23), today=date(2026, 12, 10))
    assert [(c.person.name, c.days_since) for c in r.going_cold] == [("Eva", 52), ("Dev", 24)]
    # In mid-October Eva was still a regular, and Dev not met yet.
    r = compute_review(journal, date(2026, 10, 12))
    assert r.going_cold == []


def test_going_cold_ignores_what_came_after_a_past_week(store):
    for when in ("2026-08-20 10:00", "2026-09-03 10:00", "2026-09-17 10:00", "2026-11-20 10:00"):
        add(store, when, "Iris")
    add(store, "2026-10-01 10:00", "Jo")
    add(store, "2026-11-25 10:00", "Jo")
    store.update_person(store.match_person("Jo").person_ids[0], keep_in_touch_days=10)
    r = compute_review(store, date(2026, 10, 26))  # W44, as of Sunday 1 November
    assert [(c.person.name, c.last_seen, c.days_since, c.reason) for c in r.going_cold] == [
        ("Iris", date(2026, 9, 17), 45, "pattern"),
        ("Jo", date(2026, 10, 1), 31, "cadence"),
    ]
    assert compute_review(store, date(2026, 11, 23)).going_cold == []


def test_cadence_is_not_past_on_its_last_day(store):
    add(store, "2026-11-13 10:00", "Hana")
    store.update_person(store.match_person("Hana").person_ids[0], keep_in_touch_days=14)
    assert compute_review(store, date(2026, 11, 23)).going_cold == []
    r = compute_review(store, date(2026, 11, 23), today=date(2026, 11, 28))
    assert [(c.person.name, c.days_since) for c in r.going_cold] == [("Hana", 15)]


def test_streak_and_history(journal):
    r = compute_review(journal, date(2026, 11, 23))
    # 26 and 27 November; nothing on the 25th.
    assert r.streak == 2
    assert [(h.week, h.conversations) for h in r.history] == [
        ("2026-W37", 1), ("2026-W38", 1), ("2026-W39", 1), ("2026-W40", 1), ("2026-W41", 1), ("2026-W42", 0),
        ("2026-W43", 2), ("2026-W44", 0), ("2026-W45", 2), ("2026-W46", 1), ("2026-W47", 1), ("2026-W48", 5),
    ]
    assert r.history[0].start == date(2026, 9, 7)
    # A past week's streak is as of its last day: nothing on the 28th or 29th.
    assert compute_review(journal, date(2026, 11, 23), today=date(2026, 12, 10)).streak == 0


def test_streak_runs_back_across_weeks(store):
    for day in range(16, 28):  # every day from Mon 16 to Fri 27 November
        add(store, f"2026-11-{day} 08:00", "Ana")
    add(store, "2026-11-14 08:00", "Ana")  # after a gap on the 15th
    assert compute_review(store, date(2026, 11, 23)).streak == 12
    # As of Sunday 22, the last day of W47.
    assert compute_review(store, date(2026, 11, 16)).streak == 7


def test_empty_week(store):
    r = compute_review(store, date(2026, 11, 23))
    assert (r.conversations, r.people, r.streak, r.asks_outnumber_gives) == (0, 0, 0, False)
    assert list(r.by_day.values()) == [0] * 7
    assert (r.by_setting, r.topics, r.going_cold, r.opinions_changed, r.reflection) == ({}, {}, [], [], "")
    assert [h.conversations for h in r.history] == [0] * 12


def test_first_weekday_sunday(journal):
    r = compute_review(journal, date(2026, 11, 25), first_weekday=6)
    assert (r.week, r.start, r.end) == ("2026-W48", date(2026, 11, 22), date(2026, 11, 28))
    assert list(r.by_day.values()) == [1, 1, 2, 0, 1, 1, 0]
    assert r.conversations == 6
    # Ana was first met on 2 November: returning in any week layout.
    assert names(r.new_people) == ["Bruno", "Chloé"]
    assert names(r.returning_people) == ["Ana"]
    assert r.history[-1].week == "2026-W48" and r.history[-2].start == date(2026, 11, 15)


def test_year_end_weeks(store, monkeypatch):
    monkeypatch.setenv("NETJOURNAL_NOW", "2027-01-10T12:00:00+01:00")
    add(store, "2026-12-27 23:30", "Ana")  # Sunday of 2026-W52
    add(store, "2026-12-28 00:30", "Ana")
    add(store, "2027-01-01 12:00", "Bruno")
    add(store, "2027-01-03 23:30", "Ana")  # Sunday of 2026-W53
    add(store, "2027-01-04 00:30", "Chloé")  # Monday of 2027-W01

    w53 = compute_review(store, week_of_label("2026-W53"))
    assert (w53.week, w53.start, w53.end) == ("2026-W53", date(2026, 12, 28), date(2027, 1, 3))
    assert w53.conversations == 3
    assert list(w53.by_day.values()) == [1, 0, 0, 0, 1, 0, 1]
    assert names(w53.new_people) == ["Bruno"]
    assert compute_review(store, date(2027, 1, 1)).start == date(2026, 12, 28)

    w01 = compute_review(store, date(2027, 1, 4))
    assert (w01.week, w01.conversations, names(w01.new_people)) == ("2027-W01", 1, ["Chloé"])
    assert [(h.week, h.conversations) for h in w01.history[-3:]] == [("2026-W52", 1), ("2026-W53", 3), ("2027-W01", 1)]
    assert w01.streak == 0  # as of Sunday 10 January: nothing since the 4th
    # 3 and 4 January, across the week boundary.
    assert compute_review(store, date(2027, 1, 4), today=date(2027, 1, 4)).streak == 2


def test_dst_change_week_boundaries(store, monkeypatch):
    add(store, "2026-10-19 00:00", "Ana")
    add(store, "2026-10-25 12:00", "Ana")
    add(store, "2026-10-25 23:30", "Bruno")  # Sunday, after clocks went back at 03:00
    add(store, "2026-10-26 00:30", "Chloé")  # Monday: the next week
    w43 = compute_review(store, date(2026, 10, 19))
    assert w43.week == "2026-W43"
    assert w43.conversations == 3
    assert w43.by_day[date(2026, 10, 25)] == 2
    assert names(w43.new_people) == ["Ana", "Bruno"]
    w44 = compute_review(store, date(2026, 10, 26))
    assert (w44.conversations, names(w44.new_people)) == (1, ["Chloé"])
    assert w44.by_day[date(2026, 10, 26)] == 1


def test_encounter_typed_in_another_zone_lands_on_its_local_day(store):
    # 23:30 in New York on Sunday 22 is 05:30 on Monday 23 in Paris.
    from zoneinfo import ZoneInfo

    draft = EncounterDraft(when=datetime(2026, 11, 22, 23, 30, tzinfo=ZoneInfo("America/New_York")), who=["Ana"])
    store.add_encounter(draft)
    r = compute_review(store, date(2026, 11, 23))
    assert r.conversations == 1 and r.by_day[date(2026, 11, 23)] == 1


def test_opinions_formed_or_changed_that_week(store):
    if not hasattr(store, "opinions"):
        pytest.skip("opinion notes are not in this store yet")
    clock.set_now(lambda: at("2026-11-18 10:00"))
    store.opinions.note("Remote work", "helps focus", "medium")
    store.opinions.note("Cities", "too loud")
    clock.set_now(None)  # back to Friday 27 November
    store.opinions.note("Remote work", "helps focus, hurts serendipity", "high")
    store.opinions.note("Bakeries", "best place to meet neighbours")

    r = compute_review(store, date(2026, 11, 23))
    assert sorted((a.opinion.subject, a.kind) for a in r.opinions_changed) == [
        ("Bakeries", "formed"), ("Remote work", "changed"),
    ]
    w47 = compute_review(store, date(2026, 11, 16))
    assert sorted((a.opinion.subject, a.kind) for a in w47.opinions_changed) == [
        ("Cities", "formed"), ("Remote work", "formed"),
    ]
    data = to_json_dict(r, store)
    assert {"subject": "Bakeries", "stance": "best place to meet neighbours", "confidence": "medium",
            "kind": "formed"} in data["opinions_changed"]


def test_json_dict(journal):
    data = to_json_dict(compute_review(journal, date(2026, 11, 23)), journal)
    json.dumps(data)
    assert data["week"] == "2026-W48"
    assert (data["conversations"], data["people"]) == (5, 3)
    assert data["new_people"] == ["Bruno", "Chloé"]
    assert data["returning_people"] == ["Ana"]
    assert data["by_day"]["2026-11-24"] == 2 and len(data["by_day"]) == 7
    assert data["by_setting"] == {"cafe": 3, "restaurant": 1, "unspecified": 1}
    assert data["topics"] == {"climate": 3, "AI": 2}
    assert [g["people"] for g in data["gave"]] == [["Ana", "Bruno"], ["Chloé", "Ana"]]
    assert data["asked"][2]["text"] == MARKUP
    assert data["follow_ups_due"][1] == {
        "text": "send CV", "due": "2026-11-28", "people": ["Chloé"],
        "encounter": data["follow_ups_due"][1]["encounter"], "when": "2026-11-24T21:00:00+01:00",
    }
    assert [f["text"] for f in data["follow_ups_overdue"]] == ["call Dev", "return projector"]
    assert data["going_cold"][1] == {
        "person": "Dev", "last_seen": "2026-11-05", "days_since": 22, "reason": "cadence", "keep_in_touch_days": 14,
    }
    assert data["streak"] == 2
    assert data["asks_outnumber_gives"] is True
    assert data["balance"][0] == {"person": "Ana", "gave": 2, "asked": 1}
    assert data["history"][-1] == {"week": "2026-W48", "start": "2026-11-23", "conversations": 5}
    assert data["reflection"] == "A good week. [bold]Really[/bold]."


def test_markdown_report(journal):
    text = to_markdown(compute_review(journal, date(2026, 11, 23)), journal)
    assert text.startswith("# Weekly review 2026-W48\n")
    assert "Mon 23 Nov – Sun 29 Nov 2026" in text
    assert "- **Conversations:** 5" in text
    assert "- **People:** 3 (2 new, 1 returning)" in text
    assert "- **Streak:** 2 days" in text
    assert "- Tue 24 Nov: 2" in text
    assert "## New people\n\n- Bruno\n- Chloé\n" in text
    assert "- Dev: last seen Thu 5 Nov 2026, 22 days ago (every 14 days)" in text
    assert "- send CV (Chloé, Tue 24 Nov; due Sat 28 Nov)" in text
    # User text verbatim: markup-like text is not escaped or interpreted...
    assert f"- Ana, Thu 26 Nov: {MARKUP}\n" in text
    assert "A good week. [bold]Really[/bold]." in text
    # ...and a multi-line entry stays inside its list item.
    assert "- Chloé, Ana, Fri 27 Nov: coffee\n  # not a heading\n  - not an item\n" in text


# -------------------------------------------------------------------- CLI


def run_cli(*argv: str) -> tuple[int, str, str]:
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_json_for_a_given_week(journal):
    code, out, err = run_cli("review", "--week", "2026-W48", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    for key in ("week", "conversations", "people", "new_people", "returning_people", "by_day", "by_setting",
                "topics", "gave", "asked", "follow_ups_due", "follow_ups_overdue", "going_cold", "streak",
                "history", "opinions_changed", "reflection"):
        assert key in data
    assert data["week"] == "2026-W48"
    assert data["new_people"] == ["Bruno", "Chloé"]
    assert [c["person"] for c in data["going_cold"]] == ["Eva", "Dev"]


def test_cli_defaults_to_markdown_for_this_week(journal):
    code, out, _ = run_cli("review")
    assert code == 0
    assert out.startswith("# Weekly review 2026-W48\n")
    assert MARKUP in out


def test_cli_other_week(journal):
    code, out, _ = run_cli("review", "--week", "2026-w45", "--format", "json")
    data = json.loads(out)
    assert (code, data["week"], data["conversations"]) == (0, "2026-W45", 2)
    assert data["new_people"] == ["Ana", "Dev"]


# Today is Friday 27 November 2026, in 2026-W48.
@pytest.mark.parametrize(
    ("week", "label"),
    [
        ("2026-W48", "2026-W48"), ("2026w47", "2026-W47"), ("2026-48", "2026-W48"), ("2026-1", "2026-W01"),
        ("this", "2026-W48"), ("last", "2026-W47"), ("next", "2026-W49"), ("-1", "2026-W47"), ("-3", "2026-W45"),
        ("+1", "2026-W49"), ("last week", "2026-W47"), ("next week", "2026-W49"),
        ("2026-11-23", "2026-W48"), ("2026-11-29", "2026-W48"), ("2026-11-30", "2026-W49"),
        ("25/11/2026", "2026-W48"), ("25/11", "2026-W48"), ("1 nov", "2026-W44"), ("yesterday", "2026-W48"),
        ("mon", "2026-W49"), ("last mon", "2026-W48"), ("2027-01-01", "2026-W53"), ("2026-12-31", "2026-W53"),
        ("1900-W01", "1900-W01"), ("9998-W52", "9998-W52"),
    ],
)
def test_cli_week_forms(journal, week, label):
    code, out, err = run_cli("review", "--week", week, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["week"] == label


def test_cli_week_minus_one_after_the_option(journal):
    """argparse takes "-1" as the value of --week, not as an option."""
    code, out, err = run_cli("review", "--format", "json", "--week", "-1")
    assert (code, err, json.loads(out)["week"]) == (0, "", "2026-W47")


@pytest.mark.parametrize(
    "week",
    ["2026-W60", "2025-W53", "2026-0", "blorp", "48", "-", "--1", "- 1", "9999-W52", "0001-W01", "1899-W52",
     "9999-12-31", "1899-12-31", "-99999", "-9999", "+99999", "2026-W48x", "31/02/2026"],
)
def test_cli_bad_week_is_a_usage_error(journal, week):
    code, out, err = run_cli("review", f"--week={week}")
    assert code == 2
    assert out == ""
    assert err.startswith("netjournal: --week: ") and "\n" not in err.rstrip("\n"), err


def test_cli_review_does_not_import_textual(journal):
    root = Path(__file__).resolve().parents[1]
    script = (
        "import sys; from tui.cli import main; code = main(['review', '--format', 'json']); "
        "assert 'textual' not in sys.modules, 'textual imported'; sys.exit(code)"
    )
    env = dict(os.environ, PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["conversations"] == 5
