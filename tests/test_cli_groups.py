"""The command line for groups: `group add`, `group show`, `groups`, `add --group`."""
from __future__ import annotations

import io
import json
import uuid

import pytest

from journal.store import Store
from tui.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def circle(journal_path):
    code, out, err = run(
        "group", "add", "Freelancers' circle", "--kind", "support group", "--every", "every tuesday 19:00",
        "--where", "Café Lua", "--setting", "cafe", "--members", "Ana Souza, Bruno, Carla",
    )
    assert code == 0, err
    return out


def test_group_add_prints_what_it_understood(circle, journal_path):
    lines = circle.splitlines()
    uuid.UUID(lines[0])
    assert lines[1:] == [
        "Freelancers' circle (support group)",
        "Where: Café Lua · cafe",
        "Cadence: every tuesday 19:00 (FREQ=WEEKLY;BYDAY=TU)",
        "Next: Tue 1 Dec 19:00, Tue 8 Dec 19:00, Tue 15 Dec 19:00",
        "Members: Ana Souza, Bruno, Carla",
        "New: Ana Souza, Bruno, Carla",
    ]
    with Store(journal_path) as store:
        [group] = store.groups.all()
        assert group.id == lines[0] and group.cadence.rrule == "FREQ=WEEKLY;BYDAY=TU"


def test_group_add_in_portuguese_and_without_a_cadence(journal_path):
    code, out, _ = run("group", "add", "Roda de fado", "--every", "toda primeira segunda do mês às 21h")
    assert code == 0
    assert "Cadence: toda primeira segunda do mês às 21h (FREQ=MONTHLY;BYDAY=1MO)" in out
    assert "Next: Mon 7 Dec 21:00, Mon 4 Jan 21:00, Mon 1 Feb 21:00" in out
    code, out, _ = run("group", "add", "Book club")
    assert code == 0 and "Cadence: none" in out


@pytest.mark.parametrize(("argv", "says"), [
    (["--every", "every full moon"], "--every: 'full' is not a word netjournal knows for a cadence. Try: \"every tuesday 19:00\""),
    (["--every", "weekly"], "--every: Say which day: 'weekly on tuesday'."),
    (["--every", "every tuesday 19:00 starting 30/02"], "--every: The first date: '30/02' is not a real date"),
])
def test_a_bad_cadence_exits_2_with_examples_and_saves_nothing(journal_path, argv, says):
    code, out, err = run("group", "add", "Fado night", *argv)
    assert code == 2 and out == ""
    assert err.startswith("netjournal: " + says)
    assert not journal_path.exists()


def test_a_group_name_taken_after_folding_exits_2(circle, journal_path):
    before = journal_path.read_bytes()
    code, _, err = run("group", "add", "FREELANCERS' CÍRCLE")
    assert code == 2 and "NAME: There is already a group called 'Freelancers' circle'." in err
    assert journal_path.read_bytes() == before


def test_groups_lists_them_in_text_and_json(circle):
    assert run("group", "add", "Python meetup", "--kind", "meetup", "--every", "every 2 weeks on thu 18:30")[0] == 0
    assert run("add", "--group", "python meetup", "--who", "Kenji", "talks")[0] == 0
    code, out, _ = run("groups")
    assert code == 0
    assert out.splitlines() == [
        "Freelancers' circle · support group · every tuesday 19:00 · next Tue 1 Dec 19:00 · 3 members · no meetings yet",
        "Python meetup · meetup · every 2 weeks on thu 18:30 · next Thu 10 Dec 18:30 · 0 members · 1 meeting, last Thu 26 Nov",
    ]
    code, out, _ = run("groups", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [g["name"] for g in data] == ["Freelancers' circle", "Python meetup"]
    assert set(data[0]) == {"id", "name", "kind", "place", "setting", "notes", "cadence", "next", "members",
                            "meetings", "last_meeting", "missing_lately"}
    assert data[0]["cadence"] == {"text": "every tuesday 19:00", "rrule": "FREQ=WEEKLY;BYDAY=TU", "start": "2026-11-24T19:00",
                                  "exdates": [], "rdates": [], "readable": True}
    assert data[0]["next"] == ["2026-12-01T19:00:00+01:00", "2026-12-08T19:00:00+01:00", "2026-12-15T19:00:00+01:00"]
    assert [m["name"] for m in data[0]["members"]] == ["Ana Souza", "Bruno", "Carla"]
    assert data[1]["meetings"] == 1 and data[1]["last_meeting"] == "2026-11-26T18:30:00+01:00"


def test_groups_when_there_are_none(journal_path):
    assert run("groups") == (0, 'No groups yet. Create one: netjournal group add NAME --every "every tuesday 19:00"\n', "")
    assert run("groups", "--format", "json") == (0, "[]\n", "")


def test_add_group_fills_who_where_setting_and_the_latest_date(circle, journal_path):
    code, out, err = run("add", "--group", "freelancers' CIRCLE", "talked about #pricing")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1] == "Tue 24 Nov 2026 19:00 · Ana Souza, Bruno, Carla · Café Lua (cafe) · talked about #pricing"
    assert lines[2] == "A meeting of Freelancers' circle."
    assert len(lines) == 3
    with Store(journal_path) as store:
        encounter = store.encounter(lines[0])
        [group] = store.groups.all()
        assert encounter.group_id == group.id
        assert encounter.when.isoformat() == "2026-11-24T19:00:00+01:00"


def test_add_group_who_overrides_the_attendees_and_join_adds_newcomers(circle, journal_path):
    code, out, _ = run("add", "--group", "Freelancers' circle", "--who", "Ana, Eva", "--when", "yesterday 19:30", "extra")
    assert code == 0
    assert out.splitlines()[1] == "Thu 26 Nov 2026 19:30 · Ana Souza, Eva · Café Lua (cafe) · extra"
    assert "Not members of Freelancers' circle: Eva (--join adds them)" in out
    code, out, _ = run("add", "--group", "Freelancers' circle", "--who", "Ana, Eva, Dora", "--where", "Online",
                       "--setting", "online", "--join", "moved online")
    assert code == 0
    assert out.splitlines()[1] == "Tue 24 Nov 2026 19:00 · Ana Souza, Eva, Dora · Online (online) · moved online"
    assert "New: Dora" in out and "Joined Freelancers' circle: Eva, Dora" in out
    with Store(journal_path) as store:
        [group] = store.groups.all()
        assert store.names(group.members) == ["Ana Souza", "Bruno", "Carla", "Eva", "Dora"]
        assert len(store.groups.meetings(group.id)) == 2


def test_an_unknown_group_exits_2_naming_the_closest(circle, journal_path):
    assert run("group", "add", "Fado night")[0] == 0
    before = journal_path.read_bytes()
    code, out, err = run("add", "--group", "freelancer circle", "--who", "Ana", "x")
    assert (code, out) == (2, "")
    assert err == "netjournal: No group called 'freelancer circle'. Closest: Freelancers' circle.\n"
    code, _, err = run("add", "--group", "zzz", "x")
    assert code == 2 and err == "netjournal: No group called 'zzz'. The groups are: Fado night, Freelancers' circle.\n"
    code, _, err = run("group", "show", "fado nite")
    assert code == 2 and "Closest: Fado night" in err
    assert journal_path.read_bytes() == before


def test_an_unknown_group_in_an_empty_journal_says_how_to_create_one(journal_path):
    code, _, err = run("add", "--group", "Fado", "x")
    assert code == 2 and "there are no groups yet. Create one with: netjournal group add NAME" in err
    assert not journal_path.exists()


def test_join_without_group_is_refused(journal_path):
    code, _, err = run("add", "--join", "--who", "Ana", "x")
    assert code == 2 and "--join: it goes with --group NAME" in err


def test_group_show(circle):
    run("add", "--group", "Freelancers' circle", "--who", "Ana, Bruno", "--when", "2026-11-17 19:00", "one")
    run("add", "--group", "Freelancers' circle", "--who", "Ana", "two")
    code, out, _ = run("group", "show", "freelancers' circle")
    assert code == 0
    assert out.splitlines() == [
        "Freelancers' circle (support group)",
        "Where: Café Lua · cafe",
        "Cadence: every tuesday 19:00 (FREQ=WEEKLY;BYDAY=TU)",
        "Next: Tue 1 Dec 19:00, Tue 8 Dec 19:00, Tue 15 Dec 19:00",
        "Members:",
        "  Ana Souza: came to 2 of the last 2 meetings, last on Tue 24 Nov",
        "  Bruno: came to 1 of the last 2 meetings, last on Tue 17 Nov",
        "  Carla: has not come to a meeting yet",
        "Meetings (2, newest first):",
        "  Tue 24 Nov 2026 19:00 · Ana Souza · Café Lua (cafe) · two",
        "  Tue 17 Nov 2026 19:00 · Ana Souza, Bruno · Café Lua (cafe) · one",
    ]
    code, out, _ = run("group", "show", "Freelancers' circle", "--format", "json")
    assert code == 0 and json.loads(out)["meetings"] == 2


def test_a_plain_add_does_not_import_the_groups(tmp_path):
    """`netjournal add` starts fast: groups and the cadence grammar load only with --group."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from tui.cli import main; "
        f"rc = main(['--journal', {str(tmp_path / 'j.json')!r}, 'add', '--who', 'Ana', 'hi']); "
        "assert 'journal.groups' not in sys.modules and 'journal.cadence' not in sys.modules, 'imported'; sys.exit(rc)"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
