"""Shared fixtures: a fresh journal per test and a frozen clock.

The clock is frozen at Friday 2026-11-27 15:00 in Europe/Paris (TZ is set for
the whole test process, so `clock.local_zone()` is Paris, DST rules included).
"""
from __future__ import annotations

import os
import time
from datetime import datetime

import pytest

os.environ["TZ"] = "Europe/Paris"
time.tzset()

from journal import clock  # noqa: E402  (after TZ is set)

FROZEN_NOW = "2026-11-27T15:00:00+01:00"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Every test starts in English whatever the machine's locale, and leaves English behind.

    The language is per process (journal.i18n.use): a command line run in
    Portuguese by one test must not carry over into the next.
    """
    from journal import i18n

    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.use(i18n.ENGLISH)
    yield
    i18n.use(i18n.ENGLISH)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setenv("NETJOURNAL_NOW", FROZEN_NOW)
    clock.set_now(None)
    yield datetime.fromisoformat(FROZEN_NOW).astimezone(clock.local_zone())
    clock.set_now(None)


@pytest.fixture(autouse=True)
def settings_file(tmp_path_factory, monkeypatch):
    """Each test has its own settings file (absent until written): the user's real one is never read or touched."""
    path = tmp_path_factory.mktemp("config") / "netjournal" / "settings.toml"
    monkeypatch.setenv("NETJOURNAL_SETTINGS", str(path))
    return path


@pytest.fixture
def journal_path(tmp_path, monkeypatch):
    path = tmp_path / "journal" / "journal.json"
    monkeypatch.setenv("NETJOURNAL_FILE", str(path))
    return path


@pytest.fixture
def store(journal_path):
    from journal.store import Store

    with Store(journal_path) as s:
        yield s


@pytest.fixture(params=["plain POSIX", "macOS-like"])
def platform_quirks(request, monkeypatch):
    """The save path once without any platform special case, once with macOS's.

    "plain POSIX": no F_FULLFSYNC (Linux has none; on a Mac it is taken away).
    "macOS-like": F_FULLFSYNC exists (and is counted), os.sendfile refuses
    files as macOS does (ENOTSOCK: nothing may call it), and flushing a
    folder fails with EINVAL, as on some file systems.
    Returns the list of descriptors F_FULLFSYNC was asked for.
    """
    import errno
    import fcntl
    import stat

    import journal.durable

    full_syncs: list[int] = []
    if request.param == "plain POSIX":
        monkeypatch.delattr(fcntl, "F_FULLFSYNC", raising=False)
        return full_syncs
    fake_command = 0x7FFF
    real_fcntl, real_fsync = fcntl.fcntl, os.fsync

    def fcntl_with_full_sync(fd, command, *args):
        if command == fake_command:
            full_syncs.append(fd)
            # Through the save path's own os, where tests/test_storage_faults.py injects faults.
            return journal.durable.os.fsync(fd)
        return real_fcntl(fd, command, *args)

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        return real_fsync(fd)

    def sendfile(*args, **kwargs):
        raise OSError(errno.ENOTSOCK, os.strerror(errno.ENOTSOCK))

    monkeypatch.setattr(fcntl, "F_FULLFSYNC", fake_command, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", fcntl_with_full_sync)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sendfile", sendfile, raising=False)
    return full_syncs


# The longest tests, started first: pytest-xdist hands tests out in collection
# order, and one of these drawn last kept a worker busy for half a minute after
# the others had finished (the wall time of `make test` is the last worker's).
_LONG_FIRST = (
    "tests/test_screenshots.py::test_the_script_runs_and_gives_the_committed_pictures[en-]",
    "tests/test_screenshots.py::test_the_script_runs_and_gives_the_committed_pictures[pt-BR-pt-BR]",
    "tests/test_app_sizes.py::test_tiny_terminals_never_crash_and_100x32_works_after",
    "tests/adversarial/test_app_faults.py::test_the_app_and_the_command_line_writing_at_once",
    "tests/adversarial/test_app_crash.py::test_sigkill_the_app_while_it_saves_never_loses_an_acknowledged_save",
    "tests/adversarial/test_terminal_bytes.py::test_real_app_in_a_terminal_never_writes_poison_sequences",
    "tests/test_snapshots.py::test_snapshot_quick_add_filled_in",
    "tests/test_app_contacts.py::test_contacts_are_edited_checked_and_shown",
    "tests/adversarial/test_text_ui.py::test_markup_typed_key_by_key",
)


def pytest_collection_modifyitems(config, items):
    rank = {nodeid: index for index, nodeid in enumerate(_LONG_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid, len(rank)))  # stable: the rest keep their order


# ------------------------------------------------------- one parse of the CSS
# Every Pilot test starts an app, and every app parses the same stylesheets
# again (Textual keeps its parse cache per Stylesheet, and makes a new one at
# each restyle): 60-80 ms of CPU per test, a tenth of the suite on 2 cores.
# The rules parsed from the same text, place and variables are the same, so
# the worker process keeps them. Tests only: the app parses as Textual does.
def _share_parsed_css() -> None:
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    parsed: dict = {}

    def shared(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    Stylesheet._parse_rules = shared


_share_parsed_css()
