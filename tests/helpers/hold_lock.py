"""Child process that holds a journal's lock file until its stdin closes.

    python hold_lock.py JOURNAL.lock

Prints "locked" once the lock is held, so the parent knows when to try.
"""
from __future__ import annotations

import sys

from filelock import FileLock


def main() -> int:
    lock = FileLock(sys.argv[1])
    with lock:
        print("locked", flush=True)
        sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main())
