"""The command line: `add`, `path`, `backups` and their exit codes."""
from __future__ import annotations

import io
import subprocess
import sys
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest

from journal import clock
from journal.store import Store
from tui.cli import main

NETJOURNAL = Path(sys.executable).parent / "netjournal"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------------ add
def test_add_with_every_option(journal_path):
    code, out, err = run(
        "add",
        "--who", "Ana Souza, Bruno",
        "--where", "Padaria Real",
        "--setting", "Bakery",
        "--when", "yesterday 18:30",
        "--gave", "The name of my plumber",
        "--asked", "A table for Saturday",
        "--learned", "The oven is 40 years old",
        "--follow-up", "Send Bruno the recipe",
        "--due", "2026-12-01",
        "--topic", "bread",
        "--topic", "#Lisbon",
        "Talked", "about", "#sourdough",
    )
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == 3
    encounter_id = lines[0]
    uuid.UUID(encounter_id)
    assert lines[1] == "Thu 26 Nov 2026 18:30 · Ana Souza, Bruno · Padaria Real (bakery) · Talked about #sourdough"
    assert lines[2] == "New: Ana Souza, Bruno"

    with Store(journal_path) as store:
        e = store.encounter(encounter_id)
        assert e.when == datetime(2026, 11, 26, 18, 30, tzinfo=clock.local_zone())
        assert store.names(e.people) == ["Ana Souza", "Bruno"]
        assert e.place == "Padaria Real"
        assert e.setting == "bakery"
        assert e.notes == "Talked about #sourdough"
        assert e.topics == ["bread", "Lisbon", "sourdough"]
        assert e.gave == "The name of my plumber"
        assert e.asked == "A table for Saturday"
        assert e.learned == "The oven is 40 years old"
        assert e.follow_up.text == "Send Bruno the recipe"
        assert e.follow_up.due == date(2026, 12, 1)
        assert not e.follow_up.done


def test_add_minimal_uses_now_and_known_people(journal_path):
    assert run("add", "--who", "Ana Souza", "first")[0] == 0
    code, out, _ = run("add", "--who", "ana", "coffee")
    assert code == 0
    assert "New:" not in out  # "ana" is Ana Souza, not a new person
    assert out.splitlines()[1] == "Fri 27 Nov 2026 15:00 · Ana Souza · coffee"
    with Store(journal_path) as store:
        assert len(store.people()) == 1
        assert [e.when for e in store.encounters()] == [clock.now(), clock.now()]


def test_add_notes_only_and_who_only(journal_path):
    assert run("add", "overheard", "at", "the", "bus", "stop")[0] == 0
    assert run("add", "--who", "Bruno")[0] == 0
    assert len(Store(journal_path).encounters()) == 2


def test_add_month_first(journal_path):
    code, out, _ = run("add", "--month-first", "--when", "11/20 14:00", "x")
    assert code == 0
    assert out.splitlines()[1].startswith("Fri 20 Nov 2026 14:00")
    # Day first by default, so the same text is not a date at all.
    code, _, err = run("add", "--when", "11/20 14:00", "x")
    assert code == 2 and "--when:" in err


def test_add_keeps_markup_like_text_and_strips_controls(journal_path):
    code, out, _ = run("add", "--who", "[red]x", "--where", "[@click=app.quit]x[/]", "hi\x1b]0;title\x07 [/]")
    assert code == 0
    with Store(journal_path) as store:
        e = store.encounter(out.splitlines()[0])
        assert store.names(e.people) == ["[red]x"]
        assert e.place == "[@click=app.quit]x[/]"
        assert e.notes == "hi]0;title [/]"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--when", "blah"], "--when: Could not read 'blah'"),
        (["--when", "tomorrow"], "--when: 'tomorrow' is in the future"),
        (["--when", "2026-13-45"], "--when: '2026-13-45' is not a real date"),
        (["--follow-up", "call", "--due", "someday"], "--due: Could not read 'someday'"),
        (["--follow-up", "call", "--due", "2026-02-30"], "--due: '2026-02-30' is not a real date"),
        (["--due", "2026-12-01"], "--follow-up: A due date needs a follow-up"),
    ],
)
def test_add_bad_dates_exit_2(journal_path, args, expected):
    code, out, err = run("add", *args, "notes")
    assert code == 2
    assert err.startswith("netjournal: ")
    assert expected in err
    assert out == ""
    assert not journal_path.exists()


@pytest.mark.parametrize("args", [[], ["--who", " , "], ["--who", ""], ["  "], ["--where", "Padaria", "--gave", "x"]])
def test_add_needs_who_or_notes(journal_path, args):
    code, out, err = run("add", *args)
    assert code == 2
    assert "--who:" in err and "Who or the notes must be filled" in err
    assert out == ""
    assert not journal_path.exists()


def test_add_ambiguous_name_exit_2(journal_path):
    assert run("add", "--who", "Ana Souza, Ana Lima", "x")[0] == 0
    before = journal_path.read_bytes()
    code, out, err = run("add", "--who", "Ana", "y")
    assert code == 2
    assert "--who: 'Ana' matches several people (Ana Lima, Ana Souza)" in err
    assert journal_path.read_bytes() == before


def test_add_unknown_option_is_a_usage_error(journal_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["add", "--colour", "red"])
    assert info.value.code == 2
    assert "--colour" in capsys.readouterr().err


# ----------------------------------------------------------------------- path
def test_path_follows_netjournal_file(journal_path):
    assert run("path") == (0, f"{journal_path}\n", "")


def test_path_journal_option_wins_over_the_environment(journal_path, tmp_path):
    other = tmp_path / "elsewhere" / "mine.json"
    assert run("--journal", str(other), "path") == (0, f"{other}\n", "")
    assert not other.exists()  # printing the path creates nothing


def test_path_expands_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert run("--journal", "~/j.json", "path")[1] == f"{tmp_path / 'j.json'}\n"
    monkeypatch.setenv("NETJOURNAL_FILE", "~/env.json")
    assert run("path")[1] == f"{tmp_path / 'env.json'}\n"


def test_path_default_is_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("NETJOURNAL_FILE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    if sys.platform != "linux":
        pytest.skip("XDG_DATA_HOME only applies on Linux")
    assert run("path")[1] == f"{tmp_path / 'data' / 'netjournal' / 'journal.json'}\n"


def test_add_honours_journal_option(journal_path, tmp_path):
    other = tmp_path / "other" / "journal.json"
    code, out, _ = run("--journal", str(other), "add", "elsewhere")
    assert code == 0
    assert not journal_path.exists()
    assert [e.id for e in Store(other).encounters()] == [out.splitlines()[0]]


# -------------------------------------------------------------------- backups
def test_backups_none_yet(journal_path):
    code, out, _ = run("backups")
    assert code == 0
    assert out == f"No backups yet beside {journal_path}.\n"


def test_backups_lists_newest_first(journal_path, monkeypatch):
    run("add", "day one")
    run("add", "day one again")  # backs up the first version
    monkeypatch.setenv("NETJOURNAL_NOW", "2026-11-28T09:00:00+01:00")
    run("add", "day two")
    code, out, _ = run("backups")
    assert code == 0
    folder = journal_path.parent / "backups"
    assert out.splitlines() == [str(folder / "journal.json-2026-11-28.json"), str(folder / "journal.json-2026-11-27.json")]


# ------------------------------------------------------ the installed script
@pytest.mark.skipif(not NETJOURNAL.exists(), reason="the netjournal script is not installed in this environment")
def test_installed_script_adds_and_prints_path(journal_path):
    proc = subprocess.run([str(NETJOURNAL), "add", "--who", "Ana", "from the script"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    encounter_id = proc.stdout.splitlines()[0]
    assert Store(journal_path).encounter(encounter_id).notes == "from the script"
    proc = subprocess.run([str(NETJOURNAL), "path"], capture_output=True, text=True, timeout=60)
    assert proc.stdout == f"{journal_path}\n"
    proc = subprocess.run([str(NETJOURNAL), "add", "--when", "blah", "x"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--when:" in proc.stderr and "Traceback" not in proc.stderr


def test_two_journals_in_one_folder_never_share_a_backup(tmp_path):
    """notes.json and notes: each lists and restores only its own backups (issue 14)."""
    folder = tmp_path / "j"
    for name in ("notes.json", "notes"):
        for text in ("first", "second"):
            assert main(["--journal", str(folder / name), "add", f"{name} {text}"], out=io.StringIO(), err=io.StringIO()) == 0
    for name in ("notes.json", "notes"):
        out = io.StringIO()
        main(["--journal", str(folder / name), "backups"], out=out, err=io.StringIO())
        [backup] = out.getvalue().splitlines()
        assert Path(backup).name == f"{name}-2026-11-27.json"
        assert f"{name} first".encode() in Path(backup).read_bytes()


# ------------------------------------------------------------------- the app
def test_a_crash_inside_the_app_exits_non_zero(journal_path, monkeypatch):
    """Textual reports a crash and returns from run(); the command must not exit 0."""
    from tui.app import NetJournalApp

    run_app = NetJournalApp.run

    def crash(self) -> None:
        raise RuntimeError("a bug on the screen")

    monkeypatch.setattr(NetJournalApp, "on_mount", crash)
    monkeypatch.setattr(NetJournalApp, "run", lambda self, **kwargs: run_app(self, headless=True, **kwargs))
    code, out, err = run()
    assert code == 1
