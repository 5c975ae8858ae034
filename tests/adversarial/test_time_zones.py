"""A typed local time is stored with the offset it really had, in every zone.

Each zone runs in a child process: TZ must be set before a process computes
any time (the test process itself is in Europe/Paris, see tests/conftest.py).
The zones are the ones dateutil's tzlocal() got wrong: Europe/Dublin (its
"standard" time is summer time, so winter is a negative DST that tzlocal
inverted), Africa/Casablanca (an hour back during Ramadan), America/Sao_Paulo
(DST until 2019: a 2018 summer date was -02:00 although the zone is -03:00
today), and Pacific/Kiritimati (+14:00, the earliest day on Earth).

Two paths are checked: `netjournal add --when` (what lands on disk, and on
which day `netjournal review --format json` counts it) and parse_when with
clock.now() (what the quick-add form calls), including the times a DST change
skips or repeats. The expected offsets are written out, and checked against
zoneinfo too.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.adversarial.figures import count

ROOT = Path(__file__).resolve().parents[2]

# (zone, the frozen "now" of the child or None for the real clock, text typed, offset stored,
# local day, ISO week)
TYPED = [
    # The reproduction, on the real clock (the date is in the past for good).
    ("Europe/Dublin", None, "2020-11-30 00:30", "+00:00", "2020-11-30", "2020-W49"),
    ("Europe/Dublin", "2026-12-01T12:00:00+00:00", "2026-11-30 00:30", "+00:00", "2026-11-30", "2026-W49"),
    ("Europe/Dublin", "2026-12-01T12:00:00+00:00", "2026-07-06 00:30", "+01:00", "2026-07-06", "2026-W28"),
    ("Africa/Casablanca", "2026-12-01T12:00:00+01:00", "2026-03-02 00:30", "+00:00", "2026-03-02", "2026-W10"),
    ("Africa/Casablanca", "2026-12-01T12:00:00+01:00", "2026-04-06 00:30", "+01:00", "2026-04-06", "2026-W15"),
    ("America/Sao_Paulo", "2026-12-01T12:00:00-03:00", "2018-12-15 23:30", "-02:00", "2018-12-15", "2018-W50"),
    ("America/Sao_Paulo", "2026-12-01T12:00:00-03:00", "2018-06-16 23:30", "-03:00", "2018-06-16", "2018-W24"),
    ("Pacific/Kiritimati", "2026-12-01T12:00:00+14:00", "2026-11-30 00:30", "+14:00", "2026-11-30", "2026-W49"),
]

# (zone, frozen now, text typed into parse_when, the ISO result expected)
PARSED = [
    ("Europe/Dublin", "2026-12-01T12:00:00+00:00", "2026-11-30 00:30", "2026-11-30T00:30:00+00:00"),
    ("Europe/Dublin", "2026-12-01T12:00:00+00:00", "6/7 00:30", "2026-07-06T00:30:00+01:00"),
    # 01:30 on 29 March does not exist in Dublin (01:00 -> 02:00): moved forward, as clocks were.
    ("Europe/Dublin", "2026-12-01T12:00:00+00:00", "2026-03-29 01:30", "2026-03-29T02:30:00+01:00"),
    # 01:30 on 25 October happens twice: the first one.
    ("Europe/Dublin", "2026-12-01T12:00:00+00:00", "2026-10-25 01:30", "2026-10-25T01:30:00+01:00"),
    # "yesterday" across the change keeps the wall-clock time with that day's offset.
    ("Europe/Dublin", "2026-10-25T10:00:00+00:00", "yesterday 18:30", "2026-10-24T18:30:00+01:00"),
    ("Europe/Dublin", "2026-10-26T10:00:00+00:00", "yesterday 18:30", "2026-10-25T18:30:00+00:00"),
    ("Europe/Dublin", "2026-12-01T12:00:00+00:00", "now", "2026-12-01T12:00:00+00:00"),
    ("Africa/Casablanca", "2026-12-01T12:00:00+01:00", "2/3/2026 00:30", "2026-03-02T00:30:00+00:00"),
    ("Africa/Casablanca", "2026-03-03T12:00:00+00:00", "yesterday 9am", "2026-03-02T09:00:00+00:00"),
    ("America/Sao_Paulo", "2026-12-01T12:00:00-03:00", "15/12/2018 23:30", "2018-12-15T23:30:00-02:00"),
    ("America/Sao_Paulo", "2026-12-01T12:00:00-03:00", "yesterday 18:30", "2026-11-30T18:30:00-03:00"),
    ("Pacific/Kiritimati", "2026-12-01T12:00:00+14:00", "2026-11-30 00:30", "2026-11-30T00:30:00+14:00"),
    ("Pacific/Kiritimati", "2026-12-01T12:00:00+14:00", "yesterday 00:30", "2026-11-30T00:30:00+14:00"),
]


def run(zone: str, now: str | None, argv: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "TZ": zone}
    env.pop("NETJOURNAL_NOW")
    if now is not None:
        env["NETJOURNAL_NOW"] = now
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(("zone", "now", "typed", "offset", "day", "week"), TYPED)
def test_netjournal_add_stores_the_real_offset_and_the_review_counts_the_right_day(
    tmp_path, zone, now, typed, offset, day, week
):
    wall = datetime.fromisoformat(typed)
    assert wall.replace(tzinfo=ZoneInfo(zone)).isoformat()[-6:] == offset  # the table agrees with zoneinfo
    journal = str(tmp_path / "journal.json")
    added = run(zone, now, ["--journal", journal, "add", "--who", "Ana", "--when", typed, "x"])
    assert added.returncode == 0, added.stderr
    (stored,) = (doc["when"] for doc in json.loads(Path(journal).read_text())["encounters"].values())
    assert stored == f"{wall.isoformat()}{offset}"

    review = run(zone, now, ["--journal", journal, "review", "--week", week, "--format", "json"])
    assert review.returncode == 0, review.stderr
    by_day = json.loads(review.stdout)["by_day"]
    assert {d: n for d, n in by_day.items() if n} == {day: 1}
    assert date.fromisoformat(day).isoweekday() == list(by_day).index(day) + 1
    count("time zones: typed times stored and reviewed in a child process")


def test_parse_when_gives_the_real_offset_in_every_zone():
    """One child per zone runs parse_when with clock.now(), as the quick-add form does."""
    zones = sorted({case[0] for case in PARSED})
    for zone in zones:
        cases = [(now, text) for z, now, text, _ in PARSED if z == zone]
        code = textwrap.dedent(
            f"""
            import json, os
            from journal import clock
            from journal.dates import parse_when
            got = []
            for now, text in {cases!r}:
                os.environ["NETJOURNAL_NOW"] = now
                got.append(parse_when(text, clock.now()).isoformat())
            print(json.dumps(got))
            """
        )
        env = {**os.environ, "TZ": zone}
        env.pop("NETJOURNAL_NOW", None)
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        expected = [iso for z, _, _, iso in PARSED if z == zone]
        assert json.loads(result.stdout) == expected, zone
        for iso in expected:
            moment = datetime.fromisoformat(iso)
            assert moment.utcoffset() == moment.astimezone(ZoneInfo(zone)).utcoffset(), iso
        count("time zones: parse_when results checked in a child process", len(expected))
