"""Shared pieces of the adversarial suite: the figures of what really ran.

Every test adds to figures.COUNTS what it exercised (hypothesis examples tried
per field family, SIGKILLs survived, concurrent saves, faults injected). At
the end of the session the figures are printed and written as JSON to
$NETJOURNAL_ADVERSARIAL_REPORT, or else .pytest_cache/adversarial-last-run.json
(so a normal `make test` leaves the working tree clean). The README's
"Reliability" section quotes tests/adversarial/last-run.json, written by
    NETJOURNAL_ADVERSARIAL_REPORT=tests/adversarial/last-run.json \\
        .venv/bin/python -m pytest -q tests/adversarial
"""
from __future__ import annotations

import json
import os
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

from tests.adversarial.figures import COUNTS, DETAILS

ROOT = Path(__file__).resolve().parents[2]
_STARTED = time.monotonic()
_WRITTEN: list[Path] = []


def pytest_sessionfinish(session, exitstatus):
    if not COUNTS and not DETAILS:
        return
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - _STARTED, 1),
        "exit_status": int(exitstatus),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "counts": dict(sorted(COUNTS.items())),
        "details": DETAILS,
    }
    target = os.environ.get("NETJOURNAL_ADVERSARIAL_REPORT")
    path = Path(target) if target else ROOT / ".pytest_cache" / "adversarial-last-run.json"
    if not path.is_absolute():
        path = ROOT / path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _WRITTEN.append(path)


def pytest_terminal_summary(terminalreporter):
    if not COUNTS:
        return
    terminalreporter.section("adversarial figures")
    for key, value in sorted(COUNTS.items()):
        terminalreporter.write_line(f"{key}: {value}")
    for key, value in DETAILS.items():
        terminalreporter.write_line(f"{key}: {value}")
    if _WRITTEN:
        terminalreporter.write_line(f"written to {_WRITTEN[-1]}")
