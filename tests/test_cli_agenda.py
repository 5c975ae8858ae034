"""The command line of issue 16: `agenda`, `done`, `snooze`, id prefixes, `export --ics`.

Clock frozen on Friday 2026-11-27 15:00, Europe/Paris (conftest).
"""
from __future__ import annotations

import io
import itertools
import json
import os
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from journal import clock
from journal.agenda import SECTIONS
from journal.models import EncounterDraft
from journal.store import Store
from tui.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=clock.local_zone())


def add(store, when: str, who: str = "", *, due: str | None = None, **fields):
    draft = EncounterDraft(
        when=at(when), who=[n.strip() for n in who.split(",") if n.strip()], notes=fields.pop("notes", "chat"),
        due=date.fromisoformat(due) if due else None, **fields,
    )
    return store.add_encounter(draft).encounter


@pytest.fixture
def journal(store):
    ids = {
        "overdue": add(store, "2026-11-20 10:00", "Ana Souza", place="Padaria Real", setting="bakery",
                       follow_up="send the recipe", due="2026-11-25").id,
        "today": add(store, "2026-11-26 18:30", "Bruno, Zoë Martin", place="Café Lua", follow_up="book the table",
                     due="2026-11-27").id,
        "later": add(store, "2026-11-24 09:00", "Léa", follow_up="lend the book", due="2026-12-14").id,
        "someday": add(store, "2026-11-25 12:00", "Léa", follow_up="ask about the course").id,
        "plain": add(store, "2026-11-26 12:00", "Ana Souza").id,
    }
    store.ids = ids
    return store


def disk(journal_path) -> Store:
    return Store(journal_path)


# ----------------------------------------------------------------- agenda
def test_agenda_json_has_every_section(journal):
    code, out, err = run("agenda", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    for key in ("overdue", "today", "this_week", "later", "someday", "reach_out", "meetings"):
        assert isinstance(data[key], list), key
    assert list(data) == ["as_of", "week_end", *SECTIONS]
    assert [item["text"] for item in data["overdue"]] == ["send the recipe"]
    assert data["today"][0] == {
        "encounter": journal.ids["today"], "text": "book the table", "due": "2026-11-27",
        "people": ["Bruno", "Zoë Martin"], "when": "2026-11-26T18:30:00+01:00", "place": "Café Lua", "setting": "",
    }
    assert data["this_week"] == []
    assert [item["text"] for item in data["later"]] == ["lend the book"]
    assert data["someday"] == [{
        "encounter": journal.ids["someday"], "text": "ask about the course", "due": None, "people": ["Léa"],
        "when": "2026-11-25T12:00:00+01:00", "place": "", "setting": "",
    }]
    assert data["meetings"] == []


def test_agenda_text_is_one_line_per_item(journal):
    code, out, err = run("agenda")
    assert (code, err) == (0, "")
    ids = journal.ids
    assert out.splitlines() == [
        f"Overdue, due Wed 25 Nov: send the recipe (with Ana Souza, Fri 20 Nov at Padaria Real) [{ids['overdue'][:8]}]",
        f"Today: book the table (with Bruno, Zoë Martin, Thu 26 Nov at Café Lua) [{ids['today'][:8]}]",
        f"Later, Mon 14 Dec: lend the book (with Léa, Tue 24 Nov) [{ids['later'][:8]}]",
        f"Someday: ask about the course (with Léa, Wed 25 Nov) [{ids['someday'][:8]}]",
    ]


def test_agenda_reach_out_uses_the_default_cadence_from_the_settings(journal, settings_file):
    add(journal, "2026-10-01 10:00", "Kim")
    add(journal, "2026-10-20 10:00", "Kim")
    assert "Reach out: Kim, last seen Tue 20 Oct (38 days ago)" in run("agenda")[1].splitlines()
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("keep_in_touch_days = 60\n")
    assert "Reach out" not in run("agenda")[1]


def test_a_damaged_settings_file_is_reported_on_stderr_and_ignored(journal, settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("keep_in_touch_days = [")
    code, out, err = run("agenda", "--due-now")
    assert code == 0
    assert err.startswith(f"netjournal: The settings file {settings_file} could not be read: it is not valid TOML")
    assert len(out.splitlines()) == 2


def test_due_now_prints_only_what_is_due(journal):
    code, out, err = run("agenda", "--due-now")
    assert (code, err) == (0, "")
    assert [line.split(":")[0] for line in out.splitlines()] == ["Overdue, due Wed 25 Nov", "Today"]


def test_due_now_prints_nothing_when_nothing_is_due(journal):
    run("done", journal.ids["overdue"])
    run("done", journal.ids["today"])
    assert run("agenda", "--due-now") == (0, "", "")
    data = json.loads(run("agenda", "--due-now", "--format", "json")[1])
    assert all(data[key] == [] for key in SECTIONS)


def test_an_empty_agenda_says_so(journal_path):
    code, out, _ = run("agenda")
    assert code == 0
    assert out == "Nothing on the agenda: no open follow-ups, and nobody past their keep-in-touch cadence.\n"


# ------------------------------------------------------------- done, snooze
def test_done_by_prefix(journal, journal_path):
    code, out, err = run("done", journal.ids["today"][:6])
    assert (code, err) == (0, "")
    assert out == "Done: book the table (with Bruno, Zoë Martin, Thu 26 Nov at Café Lua)\n"
    assert disk(journal_path).encounter(journal.ids["today"]).follow_up.done
    code, out, _ = run("done", journal.ids["today"])
    assert (code, out) == (0, "Already done: book the table (with Bruno, Zoë Martin, Thu 26 Nov at Café Lua)\n")


def test_done_without_a_follow_up_exits_2(journal, journal_path):
    before = journal_path.read_bytes()
    code, out, err = run("done", journal.ids["plain"])
    assert (code, out) == (2, "")
    assert err == "netjournal: ID: this encounter has no follow-up.\n"
    assert journal_path.read_bytes() == before


def test_snooze_to_a_typed_day(journal, journal_path):
    code, out, err = run("snooze", journal.ids["overdue"][:8], "next", "week")
    assert (code, err) == (0, "")
    assert out == "Snoozed to Fri 4 Dec 2026: send the recipe\n"
    assert disk(journal_path).encounter(journal.ids["overdue"]).follow_up.due == date(2026, 12, 4)
    assert run("snooze", journal.ids["someday"], "in 3 days")[0] == 0
    assert disk(journal_path).encounter(journal.ids["someday"]).follow_up.due == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("when", "due"),
    [("semana que vem", date(2026, 12, 4)), ("daqui a 3 dias", date(2026, 11, 30)), ("sexta", date(2026, 12, 4)),
     ("próxima segunda-feira", date(2026, 11, 30)), ("amanhã", date(2026, 11, 28)), ("1º de dezembro", date(2026, 12, 1))],
)
def test_snooze_reads_portuguese_whatever_the_language(journal, journal_path, when, due):
    # Issue 19: the snooze grammar is the due dates' one, so both languages are read.
    assert run("snooze", journal.ids["overdue"], when)[0] == 0
    assert disk(journal_path).encounter(journal.ids["overdue"]).follow_up.due == due


@pytest.mark.parametrize(
    "when, message",
    [
        ("yesterday", "netjournal: WHEN: 'yesterday' is Thu 26 Nov 2026, which is in the past: snooze to today or a later day.\n"),
        ("2026-01-05", "netjournal: WHEN: '2026-01-05' is Mon 5 Jan 2026, which is in the past: snooze to today or a later day.\n"),
        ("someday", "netjournal: WHEN: Could not read 'someday' as a due date."),
    ],
)
def test_snooze_refuses_a_past_or_unreadable_date(journal, journal_path, when, message):
    before = journal_path.read_bytes()
    code, out, err = run("snooze", journal.ids["overdue"], when)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert journal_path.read_bytes() == before


def test_snooze_refuses_a_done_follow_up(journal):
    run("done", journal.ids["today"])
    code, _, err = run("snooze", journal.ids["today"], "fri")
    assert code == 2
    assert err == "netjournal: ID: This follow-up is already done: there is nothing to snooze.\n"


# ------------------------------------------------------------- id prefixes
@pytest.fixture
def lookalikes(store, monkeypatch):
    """Three encounters whose ids all start with "abcd"."""
    counter = itertools.count(1)
    with monkeypatch.context() as patched:
        patched.setattr(uuid, "uuid4", lambda: uuid.UUID(f"abcd{next(counter):028x}"))
        return [
            add(store, f"2026-11-2{day} 10:00", "Ana", follow_up=f"thing {day}", due="2026-12-01") for day in (1, 2, 3)
        ]


@pytest.mark.parametrize("argv", [("done",), ("snooze",), ("opinion", "--from")])
def test_an_ambiguous_prefix_exits_2_naming_the_candidates(lookalikes, journal_path, argv):
    before = journal_path.read_bytes()
    tail = {"done": [], "snooze": ["fri"], "opinion": ["tea", "good"]}[argv[0]]
    code, out, err = run(*argv, "ABCD", *tail)
    assert (code, out) == (2, "")
    option = "--from" if argv[0] == "opinion" else "ID"
    assert err.startswith(f"netjournal: {option}: 'ABCD' is the start of 3 encounter ids: ")
    for encounter in lookalikes:
        assert f"{encounter.id} (2026-11-2" in err
    assert journal_path.read_bytes() == before


@pytest.mark.parametrize("argv", [("done",), ("snooze",), ("opinion", "--from")])
def test_an_id_that_matches_nothing_exits_2(journal, journal_path, argv):
    before = journal_path.read_bytes()
    tail = {"done": [], "snooze": ["fri"], "opinion": ["tea", "good"]}[argv[0]]
    code, out, err = run(*argv, "fffff-nothing", *tail)
    assert (code, out) == (2, "")
    assert "No encounter id starts with 'fffff-nothing'" in err
    assert journal_path.read_bytes() == before


def test_opinion_from_takes_a_prefix(journal, journal_path):
    code, out, err = run("opinion", "Bread", "worth the queue", "--from", journal.ids["overdue"][:7])
    assert (code, err) == (0, "")
    [opinion] = disk(journal_path).opinions.all()
    assert opinion.encounters == [journal.ids["overdue"]]


# ------------------------------------------------------------------- ics
def test_export_ics_round_trip(journal, tmp_path):
    target = tmp_path / "follow-ups.ics"
    code, out, err = run("export", "--ics", str(target))
    assert (code, err) == (0, "")
    assert out == f"Wrote 3 follow-ups to {target}.\n"
    calendar = Calendar.from_ical(target.read_bytes())
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//netjournal//netjournal follow-ups//EN"
    assert str(calendar["calscale"]) == "GREGORIAN"
    assert str(calendar["x-wr-calname"]) == "netjournal follow-ups"
    events = calendar.walk("VEVENT")
    assert calendar.walk("VTODO") == []
    expected = [("overdue", date(2026, 11, 25)), ("today", date(2026, 11, 27)), ("later", date(2026, 12, 14))]
    assert len(events) == len(expected)
    for event, (label, due) in zip(events, expected):
        encounter = journal.encounter(journal.ids[label])
        stamp = datetime.fromisoformat(encounter.updated_at).astimezone(timezone.utc)
        assert str(event["uid"]) == f"follow-up-{encounter.id}@netjournal"
        assert event.decoded("dtstart") == due and type(event.decoded("dtstart")) is date  # all day
        assert event.decoded("dtend") == due + timedelta(days=1)
        assert str(event["summary"]) == encounter.follow_up.text
        assert event.decoded("dtstamp") == stamp
        assert event.decoded("last-modified") == stamp
        assert event.decoded("created") == datetime.fromisoformat(encounter.created_at).astimezone(timezone.utc)
        assert str(event["transp"]) == "TRANSPARENT"
        assert [str(c) for c in event["categories"].cats] == ["netjournal"]
        assert str(event["description"]).endswith(f"\nnetjournal encounter {encounter.id}")
        assert set(event) == {
            "UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP",
            "CATEGORIES",
        }
    assert str(events[1]["description"]) == (
        "A follow-up of your conversation with Bruno, Zoë Martin on Thu 26 Nov 2026 at Café Lua.\n"
        f"netjournal encounter {journal.ids['today']}"
    )


def test_export_is_stable_and_a_snooze_updates_the_same_event(journal, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run("export", "--ics", str(first))
    run("export", "--ics", str(second))
    assert first.read_bytes() == second.read_bytes()
    run("snooze", journal.ids["overdue"], "2026-12-20")
    run("export", "--ics", str(second))
    events = {str(e["uid"]): e for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT")}
    moved = events[f"follow-up-{journal.ids['overdue']}@netjournal"]
    assert moved.decoded("dtstart") == date(2026, 12, 20)


def test_export_text_is_escaped_not_broken(store, tmp_path):
    text = "call back; bring the list, the map\\ and [red]x[/red] 👩‍👩‍👧"
    encounter = add(store, "2026-11-26 10:00", "Ana", follow_up=text, due="2026-11-30")
    target = tmp_path / "x.ics"
    assert run("export", "--ics", str(target))[0] == 0
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == text
    assert str(event["uid"]) == f"follow-up-{encounter.id}@netjournal"


def test_export_into_a_missing_folder_exits_2_and_writes_nothing(journal, tmp_path):
    target = tmp_path / "no-such-folder" / "x.ics"
    code, out, err = run("export", "--ics", str(target))
    assert (code, out) == (2, "")
    assert err == f"netjournal: --ics: The folder {target.parent} does not exist; create it first or pick another path.\n"
    assert not target.parent.exists()


def test_export_onto_a_folder_exits_2(journal, tmp_path):
    code, _, err = run("export", "--ics", str(tmp_path))
    assert code == 2
    assert "is a folder" in err


def test_a_failed_export_exits_1_and_leaves_no_partial_file(journal, tmp_path, monkeypatch):
    folder = tmp_path / "cal"
    folder.mkdir()
    target = folder / "x.ics"
    target.write_bytes(b"the previous export")

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", failing_fsync)
        code, out, err = run("export", "--ics", str(target))
    assert (code, out) == (1, "")
    assert err == f"netjournal: Could not write {target}: No space left on device. Nothing was written.\n"
    assert [p.name for p in folder.iterdir()] == ["x.ics"]
    assert target.read_bytes() == b"the previous export"


# ----------------------------------------------------------------- review
def test_review_json_lists_the_undated_open_follow_ups(journal):
    data = json.loads(run("review", "--format", "json")[1])
    assert [f["text"] for f in data["follow_ups_open_undated"]] == ["ask about the course"]
    assert data["follow_ups_open_undated"][0]["due"] is None
    # The dated ones keep their meaning.
    assert [f["text"] for f in data["follow_ups_overdue"]] == ["send the recipe"]
    assert [f["text"] for f in data["follow_ups_due"]] == ["book the table"]
    markdown = run("review")[1]
    assert "## Open follow-ups without a date\n\n- ask about the course (Léa, Wed 25 Nov)\n" in markdown


def test_export_ics_holds_each_groups_meetings_as_a_recurring_event(journal, tmp_path):
    circle = journal.groups.add("Freelancers' circle", kind="support group", place="Café Lua",
                                members=["Ana Souza"], cadence_text="every tuesday 19:00").group
    journal.groups.add("No cadence")
    target = tmp_path / "all.ics"
    code, out, err = run("export", "--ics", str(target))
    assert (code, err) == (0, "")
    assert out == f"Wrote 3 follow-ups and the meetings of 1 group to {target}.\n"
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 4
    group = events[-1]
    assert str(group["uid"]) == f"group-{circle.id}@netjournal"
    assert str(group["summary"]) == "Freelancers' circle"
    assert str(group["description"]) == "support group"
    assert str(group["location"]) == "Café Lua"
    assert group.decoded("dtstart").strftime("%a %H:%M") == "Tue 19:00"
    assert group.decoded("duration") == timedelta(hours=2)
    assert group["rrule"]["FREQ"] == ["WEEKLY"]
    data = json.loads(run("agenda", "--format", "json")[1])
    assert [(m["group"], m["when"]) for m in data["meetings"]] == [("Freelancers' circle", "2026-12-01T19:00:00+01:00")]
    assert "Meeting: Freelancers' circle, Tue 1 Dec 19:00 at Café Lua" in run("agenda")[1].splitlines()
