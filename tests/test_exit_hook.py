"""The benchmark's start hook (NETJOURNAL_EXIT_AFTER_PAINT=1) in a real terminal.

`make bench` times the app's start by running it with the hook until it
exits. Quitting from the Agenda's on_mount crashed the app with a MountError
(the app had not finished composing), so the start rows went unmeasured.
"""
from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from journal import clock
from tests.app_helpers import add, ago
from tests.helpers.pty_app import PtyApp

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("start", ["agenda", "timeline"])
def test_the_app_quits_cleanly_after_its_first_paint(store, journal_path, tmp_path, start):
    if start == "agenda":  # something overdue: the app opens on the Agenda
        add(store, "Ana Souza", "bread", when=ago(days=3), follow_up="send the recipe",
            due=clock.today() - timedelta(days=1))
    else:
        add(store, "Ana Souza", "bread", when=ago(days=3))
    env = {**os.environ, "TERM": "xterm-256color", "NETJOURNAL_EXIT_AFTER_PAINT": "1", "HOME": str(tmp_path)}
    # From this checkout (cwd), whatever the environment has installed.
    argv = [sys.executable, "-m", "tui.cli", "--journal", str(journal_path)]
    with PtyApp(argv, env, cwd=ROOT) as app:
        output = app.read_until_exit(60)
        if app.status is None:
            pytest.fail(f"the app did not quit after its first paint: {output[-500:]!r}")
    assert os.waitstatus_to_exitcode(app.status) == 0, output[-800:]
    assert b"internal error" not in output
