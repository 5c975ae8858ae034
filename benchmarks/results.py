"""benchmarks/RESULTS.md holds one section per harness, each rewritten on its own.

`python -m benchmarks.run` owns the storage section, `python -m benchmarks.latency`
the latency one; running either leaves the other sections as they were. The
summary section is written by hand (what the profiles show) and kept as is.
"""
from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
ORDER = ("summary", "storage", "latency")
HEAD = ("# Benchmark results\n\n`make bench` writes this file: the storage section (benchmarks/run.py), then the "
        "latency section (benchmarks/latency.py). The summary is written by hand from a run's tables and profiles.\n")


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def _sections(text: str) -> dict[str, str]:
    found = {}
    for name in ORDER:
        begin, end = _markers(name)
        if begin in text and end in text:
            found[name] = text.split(begin, 1)[1].split(end, 1)[0].strip("\n")
    return found


def write_section(path: Path, name: str, body: str) -> None:
    """Replace section `name` of the results file, keeping the others."""
    sections = _sections(path.read_text(encoding="utf-8")) if path.exists() else {}
    sections[name] = body.strip("\n")
    parts = [HEAD]
    for section in ORDER:
        if section in sections:
            begin, end = _markers(section)
            parts.append(f"{begin}\n{sections[section]}\n{end}\n")
    path.write_text("\n".join(parts), encoding="utf-8")


def machine(packages: tuple[str, ...] = ("tinydb", "textual", "orjson", "python-dateutil")) -> list[str]:
    versions = []
    for name in packages:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- CPUs: {os.cpu_count()}; load average at the start: {load}",
        f"- Python {platform.python_version()} on {platform.platform()}",
        f"- {', '.join(versions)}",
        f"- commit {commit} (with whatever was uncommitted in the working tree)",
    ]


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())
