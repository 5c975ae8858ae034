"""A program run in a pseudo-terminal, as a user starts it (tests/test_exit_hook.py,
tests/adversarial/test_terminal_bytes.py).

Nothing here blocks: every read and every wait has a deadline, so a hung app
fails its test instead of hanging the suite, and `close` (or leaving the
`with` block) kills a child still running and closes the terminal.
"""
from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from pathlib import Path


class PtyApp:
    def __init__(self, argv: list[str], env: dict[str, str], *, cwd: Path | None = None,
                 size: tuple[int, int] | None = None) -> None:
        """Start `argv` with `env` in a new terminal; `size` is (columns, rows)."""
        self.status: int | None = None  # the child's wait status once it has ended
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the terminal is its stdin/stdout/stderr
            try:
                if size is not None:
                    columns, rows = size
                    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                if cwd is not None:
                    os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def read(self, seconds: float, quiet: float = 0.4) -> bytes:
        """What the app writes until it has been quiet for `quiet` s (at most `seconds`), or closes the terminal."""
        chunks = []
        deadline = time.monotonic() + seconds
        last = time.monotonic()
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
                last = time.monotonic()
            elif chunks and time.monotonic() - last > quiet:
                break
        return b"".join(chunks)

    def read_until_exit(self, seconds: float) -> bytes:
        """Everything the app writes until it ends (its status in `self.status`), or until `seconds` pass (status None)."""
        chunks = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunks.append(os.read(self.fd, 65536))
                except OSError:  # the child closed the terminal
                    pass
            if self._reaped():
                break
        return b"".join(chunks)

    def wait(self, seconds: float) -> int | None:
        """The child's wait status, or None if it is still running after `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self._reaped():
            time.sleep(0.05)
        return self.status

    def _reaped(self) -> bool:
        if self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
        return self.status is not None

    def close(self) -> None:
        """Kill the child if it still runs (never a pid already reaped, which could be another process's now)."""
        try:
            if self.status is None:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        finally:
            os.close(self.fd)
