"""One writer at a time: an exclusive flock(2) on the file beside the journal.

The lock file (`journal.json.lock`, 0600) is kept, never deleted: a process
that deleted it on release could let the next two lock two different files.
The kernel drops a flock when its process dies, so a crash never leaves the
journal locked. flock exists on Linux, macOS and the BSDs; Windows has no
fcntl, and netjournal does not support it (README, "Platforms").

filelock would do the same call for 30-40 ms more of imports on every
`netjournal add`; this module is the part of it we use.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time

TIMEOUT = 10.0  # seconds a save waits for another process's save
POLL = 0.02  # seconds between attempts while another process holds the lock


class LockTimeout(Exception):
    pass


class JournalLock:
    """Re-entrant in the thread that holds it; other threads wait, as other processes do.

    The lock file is opened without following a symlink: one planted there
    could otherwise have us create a file elsewhere (the save then fails
    with the reason, ELOOP).
    """

    def __init__(self, lock_file: str, timeout: float):
        self.lock_file = lock_file
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0
        self._thread = threading.RLock()

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        if not self._thread.acquire(timeout=max(self.timeout, 0)):
            raise LockTimeout(self.lock_file)
        try:
            if not self._depth:
                self._fd = self._flock(deadline)
            self._depth += 1
        except BaseException:
            self._thread.release()
            raise

    def _flock(self, deadline: float) -> int:
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return fd
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(self.lock_file) from None
                    time.sleep(POLL)
        except BaseException:
            os.close(fd)
            raise

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if not self._depth:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor releases the flock
        self._thread.release()

    def __enter__(self) -> "JournalLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
