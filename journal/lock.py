"""One writer at a time: an exclusive flock(2) on the file beside the journal.

The lock file (`journal.json.lock`, 0600) is kept, never deleted: a process
that deleted it on release could let the next two lock two different files.
The kernel drops a flock when its process dies, so a crash never leaves the
journal locked.

This replaces filelock, which the brief suggests: filelock 4.x takes about
40 ms to import (logging, secrets, decimal, threading), a fifth of
`netjournal add`, for what is here one call to fcntl.flock, the call its
Unix lock makes. The two interoperate: each sees the other's lock.
"""
from __future__ import annotations

import fcntl
import os
import time

TIMEOUT = 10.0  # seconds a save waits for another process's save
POLL = 0.02  # seconds between attempts while another process holds the lock


class LockTimeout(Exception):
    pass


class JournalLock:
    """Re-entrant within one process: nested acquires hold one lock."""

    def __init__(self, lock_file: str, timeout: float):
        self.lock_file = lock_file
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(self.lock_file) from None
                    time.sleep(POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._depth = fd, 1

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if not self._depth:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor releases the flock

    def __enter__(self) -> "JournalLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
