"""A program on a real pseudo-terminal, with pyte as the terminal that draws it.

The latency harness (benchmarks/latency.py) writes key bytes to the program
and waits until the screen shows what the key should bring. A reader thread
drains the pseudo-terminal continuously (a full buffer would block the
program and be measured as slowness) and feeds pyte; each wait is answered
with the moment the bytes that completed the expected screen were read, so
the time the harness's own checks take is not counted.
"""
from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

Check = Callable[["Terminal"], bool]

# Keys as a terminal sends them (xterm). Textual reads an escape followed by
# nothing as the escape key after a short pause, as it does from a person.
KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "tab": b"\t",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "ctrl+s": b"\x13",
    "slash": b"/",
}


class TerminalTimeout(RuntimeError):
    pass


class Terminal:
    """One program on a pty of `rows` x `cols`, drawn by pyte."""

    def __init__(self, cmd: list[str], *, env: dict[str, str], cwd: Path, rows: int = 30, cols: int = 100):
        self.rows, self.cols = rows, cols
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._changed = threading.Condition()  # over an RLock: a check may read the screen again
        self.lock = self._changed  # hold it to read the screen consistently
        self._version = 0  # bumped on every feed
        self._fed_at = 0.0  # perf_counter of the last feed
        self._closed = False
        self._tail = bytearray()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                     start_new_session=True)
        os.close(slave)
        self._master = master
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    # ------------------------------------------------------------ reading
    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:
                data = b""
            now = time.perf_counter()
            with self._changed:
                if not data:
                    self._closed = True
                    self._changed.notify_all()
                    return
                self._tail.extend(data)
                del self._tail[:-4000]
                self.stream.feed(data)
                self._version += 1
                self._fed_at = now
                self._changed.notify_all()

    def lines(self) -> list[str]:
        """The screen's text, one string per row (call with the lock held, or from a check)."""
        return self.screen.display

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def shows(self, needle: str) -> bool:
        return any(needle in line for line in self.screen.display)

    def wait_for(self, check: Check, timeout: float = 30.0) -> float:
        """Block until check(self) holds; the perf_counter moment of the output that made it so."""
        deadline = time.monotonic() + timeout
        with self._changed:
            seen = -1
            while True:
                if self._version != seen:
                    seen = self._version
                    if check(self):
                        return self._fed_at
                if self._closed:
                    raise TerminalTimeout(f"the program ended; its screen:\n{self.text()}\n{self._tail[-400:]!r}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TerminalTimeout(f"timed out after {timeout:g} s; the screen:\n{self.text()}")
                self._changed.wait(left)

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until nothing was drawn for `quiet` seconds (timers and workers done)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while time.monotonic() < deadline:
                version = self._version
                self._changed.wait(quiet)
                if self._version == version:
                    return

    # ------------------------------------------------------------ writing
    def press(self, key: str) -> float:
        """Write one key's bytes; the perf_counter moment they were written."""
        return self.write(KEYS.get(key, key.encode()))

    def write(self, data: bytes) -> float:
        moment = time.perf_counter()
        os.write(self._master, data)
        return moment

    def timed(self, key: str, check: Check, timeout: float = 30.0) -> float:
        """ms from writing `key` to the screen passing `check`."""
        with self._changed:
            if check(self):
                raise RuntimeError(f"the screen already shows what {key!r} should bring:\n{self.text()}")
        sent = self.press(key)
        return (self.wait_for(check, timeout) - sent) * 1000

    # ------------------------------------------------------------ ending
    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # our own child's process group
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self._reader.join(timeout=2)
        os.close(self._master)

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
