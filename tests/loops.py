"""How long the long loops run: short by default, full with NETJOURNAL_FULL_TESTS=1.

`make test` must finish in minutes on a small machine; the full counts are
for a run before a release (see the README, "Tests").
"""
from __future__ import annotations

import os

FULL = os.environ.get("NETJOURNAL_FULL_TESTS", "") not in ("", "0")


def count(short: int, full: int) -> int:
    return full if FULL else short


def spread(items: list, short: int) -> list:
    """All of `items` in a full run; by default `short` of them, spread evenly, the first and last included.

    For tables of cases driven through the app one at a time (a second each):
    the default run still crosses every part of the table, the full run all of it.
    """
    items = list(items)
    if FULL or short >= len(items):
        return items
    if short <= 1:
        return items[:1]
    step = (len(items) - 1) / (short - 1)
    return [items[round(i * step)] for i in range(short)]
