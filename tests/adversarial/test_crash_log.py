"""A crash never shows personal data and never exits 0.

Every uncaught exception, in the app or in a command, ends with one short line
on the terminal, a crash log (0600, in the journal's backups folder, folders
0700) holding Python's plain traceback (no values of local variables: those
are the journal's names and notes), and exit status 1. Each test plants a bug
that holds personal data in a local variable and in the exception's message:
the terminal shows neither, the log shows the message but no locals.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from journal.store import Store
from tests.adversarial.figures import count
from tests.app_helpers import SIZE, add
from tui.app import NetJournalApp

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Ana Souza's divorce papers"  # in the journal, and in the buggy code's locals
NAME = "Ana Souza"


def only_log(journal: Path) -> Path:
    logs = sorted((journal.parent / "backups").glob("crash-*.log"))
    assert len(logs) == 1, logs
    log = logs[0]
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    return log


def check_terminal(text: str, log: Path) -> None:
    """One line, naming the log, with neither the journal's text nor a traceback."""
    lines = text.strip().splitlines()
    assert len(" ".join(lines)) < 400 and str(log) in "".join(lines), text
    assert "internal error (RuntimeError)" in text
    for leak in (SECRET, NAME, "Traceback", "locals", "secret_notes"):
        assert leak not in text, (leak, text)


def check_log(log: Path) -> str:
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError" in text
    assert SECRET not in text, "a local variable's value reached the crash log"
    return text


@pytest.fixture
def journal(store, journal_path) -> Path:
    add(store, NAME, SECRET)
    return journal_path


async def test_an_action_that_raises_exits_1_with_a_crash_log_and_no_locals(journal, monkeypatch):
    def broken_search(self) -> None:
        secret_notes = [e.notes for e in self.store.encounters()]  # personal data in a local
        raise RuntimeError(f"search broke near {self.store.people()[0].name} ({len(secret_notes)})")

    monkeypatch.setattr(NetJournalApp, "action_search", broken_search)
    app = NetJournalApp(Store(journal))
    with pytest.raises(RuntimeError):  # run_test raises the app's error again, for test frameworks
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash")
            await pilot.pause()
    assert app.return_code == 1
    log = only_log(journal)
    assert "broken_search" in check_log(log)
    check_terminal(app.crash_report, log)
    count("crash: app errors logged without locals")


async def test_a_screen_that_fails_to_draw_is_a_crash_too(journal, monkeypatch):
    from tui.screens.people import PeopleScreen

    def broken(self, *args, **kwargs):
        secret_notes = SECRET  # noqa: F841 (a local the old traceback would have shown)
        raise RuntimeError(f"no people for {NAME}")

    monkeypatch.setattr(PeopleScreen, "on_mount", broken)
    app = NetJournalApp(Store(journal))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("p")
            await pilot.pause()
    assert app.return_code == 1
    check_log(only_log(journal))
    check_terminal(app.crash_report, only_log(journal))


def child(code: str, journal: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NETJOURNAL_FILE": str(journal)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_command_that_crashes_exits_1_with_one_line(journal):
    """The command line's path, in a real process: its stderr and exit status."""
    result = child(
        f"""
        import sys
        import journal.review

        def compute_review(store, *args, **kwargs):
            secret_notes = [e.notes for e in store.encounters()]
            raise RuntimeError("review broke on " + store.people()[0].name)

        journal.review.compute_review = compute_review
        from tui.cli import main
        sys.exit(main(["review"]))
        """,
        journal,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    log = only_log(journal)
    text = check_log(log)
    assert "review broke on" in text and "netjournal review" in text
    check_terminal(result.stderr, log)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    count("crash: command errors logged, exit 1")


def test_the_app_that_crashes_exits_1_through_the_command_line(journal):
    """`netjournal` (no command) returned 0 after the app crashed."""
    result = child(
        f"""
        import sys
        from textual.app import App
        from tui.app import NetJournalApp

        def run(self, **kwargs):
            return App.run(self, headless=True, size=(100, 32))

        def on_mount(self):
            secret_notes = [e.notes for e in self.store.encounters()]
            raise RuntimeError("mount broke on " + self.store.people()[0].name)

        NetJournalApp.run = run
        NetJournalApp.on_mount = on_mount
        from tui.cli import main
        sys.exit(main([]))
        """,
        journal,
    )
    assert result.returncode == 1, result.stderr
    log = only_log(journal)
    assert "mount broke on" in check_log(log) and "the app" in log.read_text()
    check_terminal(result.stderr, log)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # not wrapped: the path can be copied
    count("crash: app errors logged, exit 1 through the command line")


def test_the_log_goes_to_the_temporary_folder_when_backups_cannot_be_written(journal, tmp_path, monkeypatch):
    import tempfile

    from journal import crashlog

    (journal.parent / "backups").write_text("not a folder")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    try:
        raise RuntimeError(NAME)
    except RuntimeError as exc:
        log, reason = crashlog.write(exc, journal, "a test")
    assert log is not None and log.parent == tmp_path / "tmp" and log.name.startswith("netjournal-crash-")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and reason == ""
    assert "a test" in log.read_text()


def test_no_log_at_all_is_said_in_the_one_line():
    from journal import crashlog

    line = crashlog.summary(RuntimeError(SECRET), None, "Read-only file system")
    assert SECRET not in line and "could not be written (Read-only file system)" in line
