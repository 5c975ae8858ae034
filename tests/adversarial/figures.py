"""The figures the adversarial suite collects (see conftest.py for where they go)."""
from __future__ import annotations

from collections import Counter

COUNTS: Counter = Counter()
DETAILS: dict[str, object] = {}


def count(key: str, n: int = 1) -> None:
    COUNTS[key] += n


def detail(key: str, value: object) -> None:
    DETAILS[key] = value
