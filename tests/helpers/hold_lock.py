"""Child process that holds a journal's lock file until its stdin closes.

    python hold_lock.py JOURNAL.lock

Prints "locked" once the lock is held, so the parent knows when to try.
"""
from __future__ import annotations

import fcntl
import os
import sys


def main() -> int:
    # flock itself, not journal.lock: the lock must hold against any flock holder.
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("locked", flush=True)
    sys.stdin.read()
    os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
