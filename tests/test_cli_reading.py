"""The reading commands (issue 15, friction 8): list, show, people, search, and
opinions; one record per line when piped, JSON with the keys docs/cli.md lists."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.store import Store
from tests.app_helpers import add, ago
from tui.cli import main

ENCOUNTER_KEYS = [
    "id", "when", "people", "people_ids", "place", "setting", "notes", "topics", "learned",
    "gave", "gave_to", "asked", "asked_of", "follow_up", "created_at", "updated_at",
]
PERSON_KEYS = [
    "id", "name", "aliases", "organisation", "interests", "introduced_by", "introduced_by_id",
    "keep_in_touch_days", "met", "first_met", "last_seen", "notes", "created_at", "updated_at",
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*argv: str, out=None) -> tuple[int, str, str]:
    out, err = out or io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def week(store):
    ids = {}
    ids["ana"] = add(store, "Ana Souza", "Sourdough starters\nand #bread prices", when=ago(days=3, hours=2),
                     place="Padaria Real", setting="bakery", gave="lent her a proofing basket").encounter.id
    ids["jose"] = add(store, "José Martins, Conceição", "Bike lanes #cycling", when=ago(days=1, hours=1),
                      place="Café Charlot", setting="cafe", gave="@Conceição the map",
                      follow_up="send him the cycling map").encounter.id
    ids["bruno"] = add(store, "Bruno, Ana Souza", "Queue chat about #bread", when=ago(hours=3),
                       place="Padaria Real", setting="bakery").encounter.id
    ids["old"] = add(store, "Léa Dubois", "Talk on #urbanism", when=ago(days=40), setting="event").encounter.id
    return ids


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_list_prints_one_line_per_encounter_oldest_first_whole_when_piped(week):
    code, out, err = run("list")
    assert code == 0 and err == ""
    rows = lines(out)
    assert [row[:8] for row in rows] == [week[k][:8] for k in ("old", "ana", "jose", "bruno")]
    # Newlines inside a record become spaces: one line each, never cut.
    assert rows[1] == (
        f"{week['ana'][:8]}  2026-11-24 13:00 · Ana Souza · Padaria Real (bakery) · "
        "Sourdough starters and #bread prices"
    )


def test_list_filters(week):
    def listed(*argv):
        code, out, err = run("list", *argv)
        assert code == 0, err
        return [row[:8] for row in lines(out)]

    assert listed("--who", "ana") == [week["ana"][:8], week["bruno"][:8]]
    assert listed("--who", "jose martins") == [week["jose"][:8]]
    assert listed("--topic", "#bread") == [week["ana"][:8], week["bruno"][:8]]
    assert listed("--topic", "BREAD", "--who", "bruno") == [week["bruno"][:8]]
    assert listed("--setting", "Bakery") == [week["ana"][:8], week["bruno"][:8]]
    assert listed("--since", "last month") == [week[k][:8] for k in ("ana", "jose", "bruno")]
    assert listed("--since", "3 days ago", "--until", "yesterday") == [week["ana"][:8], week["jose"][:8]]
    assert listed("-n", "2") == [week["jose"][:8], week["bruno"][:8]]  # the newest two, in order


@pytest.mark.parametrize(("argv", "message"), [
    (("--who", "Nobody Known"), "--who: nobody in the journal is called Nobody Known."),
    (("--since", "blursday"), "--since: Could not read 'blursday' as a date."),
    (("--until", "tomorrow"), "--until: 'tomorrow' is in the future"),
])
def test_list_bad_input_says_what_to_fix(week, argv, message):
    code, out, err = run("list", *argv)
    assert code == 2 and out == ""
    assert err.startswith("netjournal: " + message)


def test_list_json_has_the_documented_keys(week):
    code, out, err = run("list", "--who", "conceição", "--format", "json")
    [record] = json.loads(out)
    assert list(record) == ENCOUNTER_KEYS
    assert record["people"] == ["José Martins", "Conceição"]
    assert record["gave_to"] == ["Conceição"]  # the @Name
    assert record["asked_of"] == []
    assert record["follow_up"] == {"text": "send him the cycling map", "due": None, "done": False}
    assert record["when"] == "2026-11-26T14:00:00+01:00"


def test_list_csv_has_a_header_and_keeps_newlines_quoted(week):
    code, out, err = run("list", "--format", "csv", "--who", "ana souza")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:6] == ["id", "when", "people", "place", "setting", "notes"]
    assert rows[1][5] == "Sourdough starters\nand #bread prices"
    assert rows[2][2] == "Bruno; Ana Souza"


def test_on_a_terminal_lines_are_cut_to_its_width(week, monkeypatch):
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a, **k: os.terminal_size((40, 20)))
    code, out, err = run("list", out=Terminal())
    assert all(len(row) <= 40 for row in lines(out))
    assert lines(out)[1].endswith("…")


def test_show_by_id_prefix_in_text_and_json(week):
    code, out, err = run("show", week["jose"][:6])
    assert code == 0, err
    assert out.splitlines() == [
        f"id: {week['jose']}",
        "when: Thursday 26 November 2026, 14:00",
        "who: José Martins, Conceição",
        "where: Café Charlot",
        "setting: cafe",
        "talked about: Bike lanes #cycling",
        "topics: #cycling",
        "you gave to Conceição: @Conceição the map",
        "follow-up (open): send him the cycling map",
    ]
    code, out, err = run("show", week["ana"], "--format", "json")
    assert json.loads(out)["notes"] == "Sourdough starters\nand #bread prices"


@pytest.mark.parametrize(("typed", "message"), [
    ("ffffffff", "No encounter id starts with 'ffffffff'."),
    ("", "An encounter id is needed"),
])
def test_show_unknown_or_too_short_id(week, typed, message):
    code, out, err = run("show", typed)
    assert code == 2 and message in err


def test_people_in_text_json_and_csv(week):
    code, out, err = run("people")
    assert lines(out)[0].endswith("Ana Souza · met 2 times, last 2026-11-27 (today)")
    assert lines(out)[1].endswith("Bruno · met once, last 2026-11-27 (today)")  # the same moment: A to Z
    assert "Léa Dubois · met once, last 2026-10-18 (40 days ago)" in out
    code, out, err = run("people", "--sort", "name", "--format", "json")
    people = json.loads(out)
    assert [p["name"] for p in people] == ["Ana Souza", "Bruno", "Conceição", "José Martins", "Léa Dubois"]
    assert list(people[0]) == PERSON_KEYS
    assert people[0]["met"] == 2 and people[0]["last_seen"] == "2026-11-27T12:00:00+01:00"
    code, out, err = run("people", "--format", "csv")
    assert out.splitlines()[0] == "id,name,aliases,organisation,interests,introduced_by,keep_in_touch_days,met,first_met,last_seen,notes"


def test_search_finds_every_word_oldest_first(week):
    code, out, err = run("search", "padaria", "BREAD")
    assert [row[:8] for row in lines(out)] == [week["ana"][:8], week["bruno"][:8]]
    code, out, err = run("search", "conceicao", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [week["jose"]]


def test_opinions_are_never_cut_when_piped(store):
    stance = "Good for focus and for the commute, bad for mentoring juniors,\nwho learn by overhearing; hybrid weeks help."
    store.opinions.note("Remote work", stance, "medium")
    code, out, err = run("opinions")
    assert out == (
        "Remote work: Good for focus and for the commute, bad for mentoring juniors, "
        "who learn by overhearing; hybrid weeks help. (medium)\n"
    )


def test_the_installed_command_pipes_whole_lines(week, journal_path):
    # The command of this checkout (the installed script may be another one's).
    result = subprocess.run([sys.executable, "-m", "tui.cli", "list", "--who", "ana souza"], capture_output=True,
                            text=True, env={**os.environ, "COLUMNS": "30"}, cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert "Sourdough starters and #bread prices" in result.stdout  # not cut to 30 columns
