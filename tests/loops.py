"""How long the long loops run: short by default, full with NETJOURNAL_FULL_TESTS=1.

`make test` must finish in minutes on a small machine; the full counts are
for a run before a release (see the README, "Tests").
"""
from __future__ import annotations

import os

FULL = os.environ.get("NETJOURNAL_FULL_TESTS", "") not in ("", "0")


def count(short: int, full: int) -> int:
    return full if FULL else short
