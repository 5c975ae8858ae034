"""The real `netjournal` in a pseudo-terminal, on the poison journal: of all the
bytes it writes to the terminal, none is a poison escape sequence.

The app runs exactly as a user starts it (`.venv/bin/netjournal --journal
POISON`, TERM=xterm-256color, 100x32, frozen clock); we press keys by writing
their bytes, visit every section, open records and forms, and quit. The
journal's window-title (OSC 0/2), clipboard (OSC 52), hyperlink (OSC 8),
cursor-report (CSI 6n), DCS and C1 sequences must never come back out; the
app's own sequences (cursor moves, colours, modes) are of course fine.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.adversarial.figures import count, detail
from tests.adversarial.make_poison import FIXTURE
from tests.helpers.pty_app import PtyApp

NETJOURNAL = Path(sys.executable).parent / "netjournal"
ROWS, COLS = 32, 100
OSC = re.compile(rb"\x1b\](.*?)(?:\x07|\x1b\\)", re.S)
# Bytes that only the poison journal holds; the app never writes any of them.
POISON = [
    b"\x1b]0;pwned", b"\x1b]52;", b"\x1b]2;title two", b"\x1b]8;;https://e.com",
    b"\x1b[6n", b"\x1bP+q", b"\x1b[2J\x1b[H\x1b[31m",
    b"\xc2\x9b", b"\xc2\x9c", b"\xc2\x9d", b"\xc2\x85",  # C1 controls in UTF-8
    b"pwned\x07", b"\x00",
]
PAYLOADS = [b"pwned", b"cHduZWQ", b"title two", b"e.com", b"c1 title"]


def violations(output: bytes) -> list[str]:
    """Every way `output` lets the poison through to the terminal."""
    found = [f"raw {seq!r}" for seq in POISON if seq in output]
    for match in OSC.finditer(output):
        if any(p in match.group(1) for p in PAYLOADS):
            found.append(f"OSC carrying poison: {match.group(0)[:60]!r}")
    return found


def test_the_detector_catches_each_poison_sequence():
    raw = FIXTURE.read_text(encoding="utf-8").encode("utf-8").decode("unicode_escape", "ignore")
    assert violations(b"title \x1b]0;pwned\x07 here")
    assert violations(b"\x1b]52;c;cHduZWQ=\x07") and violations(b"\x1b]2;x pwned\x1b\\")
    assert violations("\x9b31m".encode())
    assert not violations(b"\x1b[?1049h\x1b[1;1H\x1b[38;2;1;2;3mtext\x1b[0m\x1b]0;netjournal\x07")
    assert "\x1b]0;pwned\x07" in raw  # the journal really holds what we look for


# (bytes to write, what it does); each waits for the screen to settle.
KEYS = [
    (b"", "start: the Agenda (the poison journal has follow-ups due)"),
    (b"t", "the timeline"),
    (b"\r", "open the newest encounter"),
    (b"e", "edit it in the quick-add form"),
    (b"\x1b", "close the form"),
    (b"p", "people"),
    (b"\r", "a profile"),
    (b"e", "edit the person"),
    (b"\x1b", "close"),
    (b"/", "search"),
    (b"pwned", "type a query"),
    (b"\x1b", "close the search"),
    (b"w", "weekly review"),
    (b"r", "the reflection"),
    (b"\x1b", "leave the reflection"),
    (b"o", "opinions"),
    (b"\r", "an opinion's page"),
    (b"e", "its revise form"),
    (b"\x1b", "close"),
    (b"t", "back to the timeline"),
    (b"q", "quit"),
]


@pytest.mark.skipif(not NETJOURNAL.exists(), reason="the netjournal script is not installed in this environment")
def test_real_app_in_a_terminal_never_writes_poison_sequences(tmp_path):
    journal = tmp_path / "journal.json"
    shutil.copyfile(FIXTURE, journal)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "TZ": "Europe/Paris",
        "NETJOURNAL_NOW": "2026-11-27T15:00:00+01:00",
    }
    with PtyApp([str(NETJOURNAL), "--journal", str(journal)], env, size=(COLS, ROWS)) as app:
        output = bytearray()
        steps = []
        output += app.read(30, quiet=1.5)  # start-up, until the first screen is drawn
        assert b"Agenda" in output, f"the app did not draw the Agenda: {bytes(output[-500:])!r}"
        for keys, what in KEYS[1:]:
            app.write(keys)
            got = app.read(15)
            output += got
            steps.append((what, len(got)))
        output += app.read(10, quiet=1.0)
        status = app.wait(30)
        assert status is not None, f"the app did not quit on q: {bytes(output[-2000:])!r}"
    output = bytes(output)
    assert os.waitstatus_to_exitcode(status) == 0, output[-2000:]
    assert b"Traceback" not in output, output[-3000:]
    assert b"Streak" in output  # the timeline was drawn too
    # It really drew the poisoned records (cleaned text, markup literal)...
    assert b"pwnedAna [red]S" in output
    assert b"[@click=app.quit]" in output
    assert b"Notes of" in output  # a profile
    assert b"stance 0" in output or b"stance 1" in output or b"stance 2" in output  # an opinion
    # ...and none of their escape sequences.
    assert violations(output) == [], violations(output)
    # Every BEL it wrote ends one of its own OSC sequences.
    assert output.count(b"\x07") == sum(1 for m in OSC.finditer(output) if m.group(0).endswith(b"\x07"))
    count("terminal: bytes checked from the real app", len(output))
    count("terminal: key presses sent to the real app", sum(len(k) for k, _ in KEYS))
    detail("terminal: steps (what, bytes written)", steps)
