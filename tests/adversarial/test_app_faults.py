"""Faults under the running app: a really full disk, injected ENOSPC and EIO, a
lock held by someone else, the app and the command line writing at once, and
journals that cannot be read (at start-up and while the app runs).

Each failed save must show its reason in place, keep what was typed, leave
the journal byte for byte as it was with no temp file, and work once the fault
is gone. tests/test_storage_faults.py tests the same at the store level; its
Faults helper (errors injected into journal.durable's own `os`) is reused.
"""
from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import TextArea

from journal.errors import UnreadableJournalError
from journal.store import Store
from tests import loops
from tests.adversarial.figures import count
from tests.app_helpers import SIZE, add, ago, error_text, field_value, notifications
from tests.test_storage_faults import Faults
from tui.app import NetJournalApp
from tui.cli import main as cli_main
from tui.dialogs.opinion_edit import OpinionDialog
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.quick_add import QuickAddDialog
from tui.screens.encounter import EncounterScreen
from tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).parent / "app_child.py"
HOLD_LOCK = ROOT / "tests" / "helpers" / "hold_lock.py"
NETJOURNAL = Path(sys.executable).parent / "netjournal"
TYPED = {"who": "Ana Souza, Zed Newcomer", "place": "Padaria Real", "gave": "a recipe", "follow_up": "call back"}
NOTES = "rye flour #bread"


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


def seed(store: Store) -> None:
    add(store, "Ana Souza", "first", when=ago(days=1))
    add(store, "Bruno", "second", when=ago(hours=2))  # today's backup exists from here on


async def open_filled_form(pilot) -> QuickAddDialog:
    await pilot.press("a")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, QuickAddDialog)
    for field, value in TYPED.items():
        dialog.query_one(f"#{field}").value = value
    dialog.query_one("#notes", TextArea).text = NOTES
    await pilot.pause()
    return dialog


def assert_form_kept(dialog) -> None:
    assert {f: field_value(dialog, f) for f in TYPED} == TYPED
    assert field_value(dialog, "notes") == NOTES


# ------------------------------------------------------------ a full tmpfs
@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs mounted for the test (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the disk says ENOSPC; returns it."""
    filler = folder / "filler.bin"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    # A last small write is refused too: the disk is really full.
    with pytest.raises(OSError) as info, open(folder / "probe", "wb") as probe:
        probe.write(b"x" * 8192)
        probe.flush()
        os.fsync(probe.fileno())
    assert info.value.errno == errno.ENOSPC
    (folder / "probe").unlink()
    return filler


@pytest.mark.parametrize("backup_exists", [True, False], ids=["journal write fails", "daily backup fails"])
async def test_quick_add_on_a_really_full_disk(small_disk, monkeypatch, backup_exists):
    journal = small_disk / "journal" / "journal.json"
    monkeypatch.setenv("NETJOURNAL_FILE", str(journal))
    store = Store(journal)
    for n in range(40):  # ~40 KB of journal: larger than what a full disk has left
        add(store, "Ana Souza", f"note {n} " + "x" * 800, when=ago(hours=n + 1))
    backups = journal.parent / "backups"
    if not backup_exists:
        shutil.rmtree(backups)
    filler = fill_disk(small_disk)
    before = journal.read_bytes()
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_filled_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        message = error_text(dialog, "form")
        assert "Not saved" in message and "No space left on device" in message and "unchanged" in message
        assert_form_kept(dialog)
        assert journal.read_bytes() == before
        assert leftovers(small_disk) == []
        assert app.is_running
        # Space comes back: the same form saves.
        filler.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddDialog), error_text(dialog, "form")
    with Store(journal) as disk:
        assert disk.count() == 41
        assert {"Ana Souza", "Zed Newcomer"} <= {p.name for p in disk.people()}
    assert leftovers(small_disk) == []
    count("faults: really full tmpfs, save refused then done")
    store.close()


# ------------------------------------------------- injected ENOSPC and EIO
INJECTED = [("write", errno.ENOSPC), ("fsync", errno.EIO), ("replace", errno.EIO), ("mkstemp", errno.ENOSPC)]


@pytest.mark.parametrize(("call", "code"), INJECTED, ids=[f"{c}-{errno.errorcode[e]}" for c, e in INJECTED])
async def test_every_form_reports_an_injected_fault_and_keeps_the_journal(store, journal_path, monkeypatch, call, code):
    seed(store)
    target = add(store, "Ana Souza", "the one to edit", when=ago(hours=1)).encounter.id
    faults = Faults(monkeypatch)
    if call == "mkstemp":  # creating the temp file itself fails

        def no_space(*args, **kwargs):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(tempfile, "mkstemp", no_space)
    else:
        faults.fail(call, code)
    reason = os.strerror(code)
    before = journal_path.read_bytes()
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # Quick-add.
        dialog = await open_filled_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and reason in error_text(dialog, "form")
        assert_form_kept(dialog)
        dialog.dismiss(None)
        await pilot.pause()
        # Editing an encounter, its follow-up, deleting it.
        app.open_encounter(target)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        edit = app.screen
        edit.query_one("#notes", TextArea).text = "changed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is edit and reason in error_text(edit, "form")
        assert field_value(edit, "notes") == "changed"
        edit.dismiss(None)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen), "a failed delete stays on the encounter"
        assert any(title == "Not deleted" and reason in message for title, message in notifications(app))
        # The person form.
        ana = store.match_person("Ana Souza").person_ids[0]
        app.push_screen(PersonEditDialog(ana))
        await pilot.pause()
        person_form = app.screen
        person_form.query_one("#organisation").value = "Padaria"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is person_form and reason in error_text(person_form, "form")
        assert field_value(person_form, "organisation") == "Padaria"
        person_form.dismiss(False)
        await pilot.pause()
        # The opinion form.
        app.note_opinion()
        await pilot.pause()
        opinion_form = app.screen
        assert isinstance(opinion_form, OpinionDialog)
        opinion_form.query_one("#subject").value = "Trams"
        opinion_form.query_one("#stance", TextArea).text = "good"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is opinion_form and reason in error_text(opinion_form, "form")
        opinion_form.dismiss(None)
        await pilot.pause()
        # The weekly reflection.
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        app.screen.query_one("#review-reflection", TextArea).text = "a good week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(title == "Not saved" and reason in message for title, message in notifications(app))
        assert app.screen.query_one("#review-reflection", TextArea).text == "a good week"

        assert journal_path.read_bytes() == before
        assert leftovers(journal_path.parent) == []
        # The fault goes away: the same reflection saves.
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
    with Store(journal_path) as disk:
        assert disk.reflection("2026-W48") == "a good week"
        assert disk.encounter(target).notes == "the one to edit"
    count("faults: injected at the app level (6 kinds of save each)", 1)
    count(f"faults: injected {errno.errorcode[code]}")


async def test_lock_held_by_another_process_is_reported_in_the_form(store, journal_path):
    seed(store)
    before = journal_path.read_bytes()
    holder = subprocess.Popen([sys.executable, str(HOLD_LOCK), str(journal_path) + ".lock"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        store._lock.timeout = 0.3
        app = NetJournalApp(store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            dialog = await open_filled_form(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is dialog
            message = error_text(dialog, "form")
            assert "busy" in message and "Nothing was saved" in message
            assert_form_kept(dialog)
            assert journal_path.read_bytes() == before
            holder.stdin.close()
            holder.wait(timeout=10)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, QuickAddDialog), error_text(dialog, "form")
    finally:
        if holder.poll() is None:
            holder.stdin.close()
            holder.wait(timeout=10)
    assert Store(journal_path).count() == 3
    count("faults: lock timeout shown in the form")


# ------------------------------------------------- app and command line at once
APP_SAVES = loops.count(6, 12)
CLI_SAVES = loops.count(6, 12)


def test_the_app_and_the_command_line_writing_at_once(journal_path, tmp_path):
    journal_path.parent.mkdir(parents=True)
    acks = tmp_path / "app-acks.txt"
    env = dict(os.environ)
    app_proc = subprocess.Popen(
        [sys.executable, str(CHILD), "loop", str(journal_path), str(acks), "--tag", "app", "--count", str(APP_SAVES)],
        stderr=subprocess.PIPE, text=True, env=env,
    )
    watchdog = threading.Timer(180, app_proc.kill)
    watchdog.start()
    cli_ids = []
    try:
        # Start writing from the command line once the app is up, while it saves.
        while not (acks.exists() and acks.read_text().startswith("ready")):
            assert app_proc.poll() is None, app_proc.stderr.read()
            time.sleep(0.02)  # not a busy loop: it took a core from the other test workers
        for n in range(CLI_SAVES):
            done = subprocess.run(
                [str(NETJOURNAL), "--journal", str(journal_path), "add", "--who", f"cli-{n % 3}", f"cli save {n}"],
                capture_output=True, text=True, timeout=60, env=env,
            )
            assert done.returncode == 0, done.stderr
            cli_ids.append(done.stdout.split()[0])
        assert app_proc.wait(timeout=180) == 0, app_proc.stderr.read()
    finally:
        watchdog.cancel()
        if app_proc.poll() is None:
            app_proc.kill()
    app_ids = [line for line in acks.read_text().split("\n")[:-1]
               if line != "ready" and not line.startswith("saving")]
    assert not [line for line in app_ids if line.startswith("error")], app_ids
    assert len(app_ids) == APP_SAVES and len(cli_ids) == CLI_SAVES
    import orjson

    data = orjson.loads(journal_path.read_bytes())  # valid JSON
    assert len(data["encounters"]) == APP_SAVES + CLI_SAVES
    with Store(journal_path) as disk:
        assert {e.id for e in disk.encounters()} == set(app_ids) | set(cli_ids)
        names = sorted(p.name for p in disk.people())
        assert names == sorted({f"app-{n % 5}" for n in range(APP_SAVES)} | {f"cli-{n % 3}" for n in range(CLI_SAVES)})
    count("concurrency: saves by the app while the command line saved", APP_SAVES)
    count("concurrency: saves by the command line while the app saved", CLI_SAVES)


# ----------------------------------------------------- unreadable journals
def truncated(path: Path) -> bytes:
    add(Store(path), "Ana Souza", "a real journal, then cut", when=ago(hours=1))
    return path.read_bytes()[:-25]


UNREADABLE = {
    "truncated": (truncated, "not valid JSON"),
    "empty": (lambda p: b"", "the file is empty"),
    "not JSON": (lambda p: b"netjournal? \x00\x1b]0;pwned\x07", "not valid JSON"),
    # A version this netjournal does not know yet (not a fixed number: it goes stale at each bump).
    "a newer schema version": (lambda p: b'{"meta": {"1": {"schema_version": 99}}}', "newer netjournal"),
    "schema version 'two'": (lambda p: b'{"meta": {"1": {"schema_version": "two"}}}', "not a version number"),
    "a folder": (None, "it is a folder"),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_the_app_command_refuses_an_unreadable_journal(journal_path, case):
    make, reason = UNREADABLE[case]
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    if make is None:
        journal_path.mkdir()
        before = None
    else:
        payload = make(journal_path)
        journal_path.write_bytes(payload)
        before = journal_path.read_bytes()
    done = subprocess.run([str(NETJOURNAL), "--journal", str(journal_path)], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, TERM="xterm-256color"))
    assert done.returncode == 2, (done.stdout[-500:], done.stderr)
    assert str(journal_path) in done.stderr and reason in done.stderr
    assert str(journal_path.parent / "backups") in done.stderr and "netjournal backups" in done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert done.stdout == ""  # the full-screen app never started
    if before is not None:
        assert journal_path.read_bytes() == before
    else:
        assert list(journal_path.iterdir()) == []
    assert leftovers(journal_path.parent) == []
    count("unreadable journals refused by `netjournal` (exit 2)")


def test_the_app_command_refuses_a_journal_it_may_not_read(journal_path, tmp_path):
    """Permission denied for real: the app runs as `nobody` on a root-owned 0600 file."""
    if os.geteuid() != 0:
        pytest.skip("needs root to start the app as another user")
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o777)
    journal = folder / "journal.json"
    journal.write_bytes(b'{"meta": {"1": {"schema_version": 2}}}')
    journal.chmod(0o600)
    before = journal.read_bytes()

    def as_nobody():
        os.setgid(65534)
        os.setuid(65534)

    try:
        probe = subprocess.run([str(NETJOURNAL), "path"], preexec_fn=as_nobody, capture_output=True)
    except OSError as exc:
        pytest.skip(f"the user nobody cannot run netjournal here ({exc.strerror})")
    if probe.returncode != 0:
        pytest.skip("the user nobody cannot run netjournal here")
    for parent in list(journal.parents)[:-1]:
        if not os.stat(parent).st_mode & 0o001:
            pytest.skip(f"{parent} is not searchable by other users")
    done = subprocess.run([str(NETJOURNAL), "--journal", str(journal)], capture_output=True, text=True,
                          timeout=60, preexec_fn=as_nobody, env=dict(os.environ, HOME=str(folder)))
    assert done.returncode == 2, done.stderr
    assert str(journal) in done.stderr and "permission denied" in done.stderr
    assert journal.read_bytes() == before
    count("unreadable journals refused by `netjournal` (exit 2)")


def test_the_app_command_refuses_an_unreadable_journal_in_process(journal_path, monkeypatch):
    """The same through main(), with EACCES and EIO injected (works as any user)."""
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(b'{"meta": {"1": {"schema_version": 2}}}')
    real = Path.open
    for code, reason in ((errno.EACCES, "permission denied"), (errno.EIO, os.strerror(errno.EIO))):
        exc_type = PermissionError if code == errno.EACCES else OSError

        def broken(self, *args, exc_type=exc_type, code=code, **kwargs):
            if self == journal_path:
                raise exc_type(code, os.strerror(code), str(self))
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", broken)
        err = io.StringIO()
        assert cli_main(["--journal", str(journal_path)], out=io.StringIO(), err=err) == 2
        assert str(journal_path) in err.getvalue() and reason in err.getvalue()
        assert "backups" in err.getvalue()
        monkeypatch.undo()
        count("unreadable journals refused by `netjournal` (exit 2)")
    assert journal_path.read_bytes() == b'{"meta": {"1": {"schema_version": 2}}}'


@pytest.mark.parametrize("how", ["not JSON any more", "permission denied"])
async def test_journal_becomes_unreadable_while_the_app_runs(store, journal_path, monkeypatch, how):
    seed(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        if how == "not JSON any more":
            journal_path.write_bytes(b'{"encounters": {"1": ')
            reason = "not valid JSON"
        else:
            real = Path.open

            def denied(self, *args, **kwargs):
                if self == journal_path:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
                return real(self, *args, **kwargs)

            monkeypatch.setattr(Path, "open", denied)
            os.utime(journal_path, ns=(1, 1))  # its stat changes, so the app reads it again
            reason = "permission denied"
        broken = journal_path.read_bytes() if how != "permission denied" else None
        app.check_external_changes()  # what the 1 s poll does
        await pilot.pause()
        shown = [message for title, message in notifications(app) if title == "Journal unreadable"]
        assert len(shown) == 1 and reason in shown[0] and str(journal_path) in shown[0]
        # Every section still shows what was read last; nothing crashes.
        for key in ("p", "enter", "escape", "w", "o", "t", "enter", "escape", "slash"):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, key
        await pilot.press(*"first")
        await pilot.pause()
        assert app.screen.query_one("#search-results").option_count == 1
        await pilot.press("escape")
        await pilot.pause()
        # A save now fails in the form instead of writing over the file.
        dialog = await open_filled_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        message = error_text(dialog, "form")
        assert "Not saved" in message and reason in message
        assert_form_kept(dialog)
        assert app.is_running
    monkeypatch.undo()
    if broken is not None:
        assert journal_path.read_bytes() == broken
    assert leftovers(journal_path.parent) == []
    count("faults: journal unreadable while the app runs, save refused")


def test_store_reads_keep_the_last_data_when_the_file_goes_bad(store, journal_path):
    """The mechanism behind the test above, at the store level."""
    seed(store)
    store.opinions.note("Trams", "good", "high")
    with Store(journal_path) as other:  # its opinions table is built lazily, later
        assert other.count() == 2
        journal_path.write_bytes(b'{"encounters": ')
        broken = journal_path.read_bytes()
        for reader in (store, other):
            assert reader.count() == 2 and {p.name for p in reader.people()} == {"Ana Souza", "Bruno"}
            assert [o.subject for o in reader.opinions.all()] == ["Trams"]
            assert [e.notes for e in reader.search("first")] == ["first"]
            with pytest.raises(UnreadableJournalError):
                reader.refresh()
            with pytest.raises(UnreadableJournalError):
                add(reader, "Zed", "lost")
            with pytest.raises(UnreadableJournalError):
                reader.opinions.note("Bikes", "yes")
        assert journal_path.read_bytes() == broken
    with pytest.raises(UnreadableJournalError):
        Store(journal_path)
    assert leftovers(journal_path.parent) == []
