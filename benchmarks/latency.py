"""Interaction latency (issue 21): `python -m benchmarks.latency [--sizes 1000,10000]`.

netjournal runs in a real pseudo-terminal with pyte as the terminal
(benchmarks/terminal.py). The harness writes a key's bytes and times until
the screen shows what the key brings: the target screen's title and its
first row, the first result, the "Saved" notification. A bare Textual app
(benchmarks/floor_app.py: two modes, an Input and a list) is timed the same
way, in sessions alternating with netjournal's, as the floor.

One session is one process: start to first paint, the first visit of each
main screen, then rounds of repeat visits, opening an encounter and a
profile, a search typed at a fast typist's pace, and a quick-add saved with
ctrl+s. Before each timed key the harness waits until the program is idle
(no CPU used for a moment: the background fold of the search text included),
as a person reading the screen would.

The screens are recognised by texts that are part of their design (a title's
pattern, a name from the data); MAIN_SCREENS lists them, one line per screen,
so a new screen is one more line.

The results go into the latency section of benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import cProfile  # noqa: F401  (the profiled child uses it; imported here so a missing module fails early)
import os
import pstats
import re
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from benchmarks.common import NOW, ROOT, TTY_SIZE, child_env, copy_journal, demo_journal, parse_sizes, size_label
from benchmarks.results import RESULTS, load_average, machine, write_section
from benchmarks.terminal import Terminal, TerminalTimeout

DEFAULT_SIZES = (1000, 10000, 50000)
# Its last key must change what the screen shows: search matches substrings, so
# "luna lu" finds every encounter with Luna (her name holds "lu"), "luna lua"
# only those at Café Lua. Expected.of checks this at each size.
SEARCH_QUERY = "luna lua"
TYPING_INTERVAL = 0.1  # seconds between typed keys: a fast typist
ROUNDS = 3  # rounds of repeat visits per session (the first is a screen's second visit: see the notes)
FLOOR_SCRIPT = Path(__file__).resolve().parent / "floor_app.py"
PROFILED = Path(__file__).resolve().parent / "profiled.py"


# --------------------------------------------------------------- screens
def top_rows(term: Terminal, rows: int = 3) -> list[str]:
    return term.screen.display[:rows]


def title(pattern: str, *needles: Callable[[], str]) -> Callable[[Terminal], bool]:
    """The screen whose top rows match `pattern`, with every needle (text from the data) shown."""
    regex = re.compile(pattern)

    def check(term: Terminal) -> bool:
        if not any(regex.search(row) for row in top_rows(term)):
            return False
        return all(term.shows(needle()) for needle in needles)

    return check


@dataclass
class Expected:
    """What the demo journal puts on screen, read from it with the store (the app's own rules)."""

    newest_place: str = ""  # the timeline's first row, and the title of the encounter it opens
    newest_person: str = ""
    first_person: str = ""  # the people list's first row, and the profile it opens
    search_count: int = 0

    @classmethod
    def of(cls, journal: Path) -> "Expected":
        from journal import clock
        from journal.store import Store

        frozen = datetime.fromisoformat(NOW)
        clock.set_now(lambda: frozen)
        try:
            with Store(journal) as store:
                newest = store.recent(0, 1)[0]
                names = store.names(newest.people)
                people = store.people_by_last_seen()
                from tui.screens.search import RESULTS_LIMIT
                from tui.widgets.paging import PAGE_SIZE

                count = len(store.search(SEARCH_QUERY, limit=RESULTS_LIMIT))
                before = len(store.search(SEARCH_QUERY[:-1], limit=RESULTS_LIMIT))
                if not 0 < count < PAGE_SIZE or before == count:
                    raise RuntimeError(f"the search query {SEARCH_QUERY!r} finds {count} encounters and without its last "
                                       f"key {before}: its last key must change a count below {PAGE_SIZE}")
                if not (newest.place and names and people):
                    raise RuntimeError("the demo journal's newest encounter has no place or person: the harness keys on them")
                return cls(newest.place, names[0], people[0][0].name, count)
        finally:
            clock.set_now(None)


# (name, key, check) of netjournal's main screens; `EXPECTED` is filled per size.
# The app opens on one of them (with the default settings, the Agenda when
# something is due, as in the demo journals; else the timeline).
EXPECTED = Expected()
MAIN_SCREENS: list[tuple[str, str, Callable[[Terminal], bool]]] = [
    ("agenda", "A", title(r"^\s*Agenda\b")),
    ("timeline", "t", title(r"\d+ in all", lambda: EXPECTED.newest_person)),
    ("people", "p", title(r"^\s*\d+ (people|person)\b", lambda: EXPECTED.first_person)),
    ("review", "w", title(r"^\s*Week \d{4}-W\d\d")),
    ("opinions", "o", title(r"^\s*\d+ opinions?\b")),
    ("visibility", "v", title(r"^\s*Visibility\b")),
    ("groups", "g", title(r"^\s*\d+ groups?\b")),
    # Last: Reach opens with its question box focused (issue 18), where the
    # section keys are text; LEAVE gives the focus to its list first.
    ("reach", "i", title(r"^\s*Reach\b")),
]
# A key that takes the focus out of a screen's text field, so that the next
# section key is a key and not text.
LEAVE = {"reach": "tab"}


def any_main_screen(term: Terminal) -> bool:
    return any(check(term) for _, _, check in MAIN_SCREENS)


def shown_screen(term: Terminal) -> str:
    with term.lock:
        return next(name for name, _, check in MAIN_SCREENS if check(term))


def _first_row(text: Callable[[], str]) -> Callable[[Terminal], bool]:
    """A pushed screen whose title (first row) names `text`."""
    return lambda term: text() in term.screen.display[0] and not re.search(r"\d+ (in all|people)", term.screen.display[0])


ENCOUNTER_OPENED = _first_row(lambda: EXPECTED.newest_place)
PROFILE_OPENED = _first_row(lambda: EXPECTED.first_person)
SEARCH_SCREEN = title(r"^\s*Search")
QUICK_ADD = lambda term: term.shows("Add an encounter")  # noqa: E731
SAVED = lambda term: term.shows("Encounter saved")  # noqa: E731


def search_results(query: str) -> Callable[[Terminal], bool]:
    """The search screen with the whole query typed and its results counted in the title."""
    def check(term: Terminal) -> bool:
        count = EXPECTED.search_count  # below the list's page and the screen's limit: shown exactly
        counted = re.compile(rf"\b{count} encounters?\b")
        return term.shows(query) and any(counted.search(row) for row in top_rows(term))

    return check


# The floor's screens (benchmarks/floor_app.py).
FLOOR_ONE = title(r"^Floor one", lambda: "one item 000")
FLOOR_TWO = title(r"^Floor two", lambda: "two item 000")
FLOOR_DETAIL = lambda term: term.screen.display[0].startswith("Detail of one item 000")  # noqa: E731
FLOOR_SEARCH = title(r"^Floor search")
FLOOR_SAVED = lambda term: term.shows("Floor saved the encounter")  # noqa: E731


def floor_results(query: str) -> Callable[[Terminal], bool]:
    return lambda term: term.shows(f"Result 0 for {query}")


# ------------------------------------------------------------------ rows
@dataclass
class Row:
    key: str
    label: str
    floor: str | None = None  # the floor row this one is compared with
    ratio_targets: dict[int, float] = field(default_factory=dict)  # size -> most ratio to the floor
    beyond_targets: dict[int, float] = field(default_factory=dict)  # size -> most ms beyond the floor
    ms_targets: dict[int, float] = field(default_factory=dict)  # size -> most ms


SWITCH = {10000: 1.5, 50000: 2}
REPEAT = {10000: 1.2, 50000: 2}


def _rows() -> list[Row]:
    rows = [
        Row("floor_start", "floor: bare Textual app, start to first paint"),
        Row("floor_first", "floor: mode switch, first visit"),
        Row("floor_repeat", "floor: mode switch, repeat visit"),
        Row("floor_open", "floor: push a screen (enter on the list)"),
        Row("floor_open_again", "floor: push a screen, again"),
        Row("floor_burst", "floor: worst switch in 1.2 s of switching"),
        Row("floor_typing", "floor: last typed key to the list refilled"),
        Row("floor_notify", "floor: key to a notification"),
        Row("start", "netjournal: start to first paint (its start screen)", "floor_start", {10000: 1.3, 50000: 2}),
    ]
    for name, key, _check in MAIN_SCREENS:
        rows.append(Row(f"first_{name}", f"`{key}` {name}, first visit", "floor_first", SWITCH))
    for name, key, _check in MAIN_SCREENS:
        rows.append(Row(f"repeat_{name}", f"`{key}` {name}, repeat visit", "floor_repeat", REPEAT))
    rows += [
        Row("open_encounter", "open an encounter (enter on the timeline), first", "floor_open", SWITCH),
        Row("open_encounter_again", "open an encounter, again", "floor_open_again", REPEAT),
        Row("open_profile", "open a profile (enter on people), first", "floor_open", SWITCH),
        Row("open_profile_again", "open a profile, again", "floor_open_again", REPEAT),
        Row("catch_up", "worst switch in the 1.2 s after another process saved", "floor_burst", {10000: 1.5}),
        Row("search", f'search "{SEARCH_QUERY}": last key to results', "floor_typing", beyond_targets={10000: 100}),
        Row("quick_add", "quick-add: ctrl+s to the Saved notification", "floor_notify", ms_targets={10000: 100}),
    ]
    return rows


def profile_text(stats: pstats.Stats, count: int = 14) -> str:
    """netjournal's own functions by cumulative time, then everything by own time.

    The event loop's frames (asyncio, Textual's message pump) top any
    cumulative list, so they are left to the own-time list.
    """
    rows = []
    for (filename, line, func), (_cc, calls, own, cumulative, _callers) in stats.stats.items():
        rows.append((cumulative, own, calls, filename, f"{_short(filename)}:{line}({func})" if filename != "~" else func))
    total = max((r[0] for r in rows), default=0)
    out = [f"total {total * 1000:.1f} ms (idle waiting included: select/epoll below)",
           "cumulative ms  own ms     calls  function (netjournal's code: tui/, journal/)"]
    ours = [r for r in rows if "/tui/" in r[3] or "/journal/" in r[3]]
    for cumulative, own, calls, _file, where in sorted(ours, reverse=True)[:count]:
        out.append(f"{cumulative * 1000:13.1f} {own * 1000:7.1f} {calls:9}  {where}")
    out.append("-- everything, by own time")
    for cumulative, own, calls, _file, where in sorted(rows, key=lambda r: r[1], reverse=True)[:count]:
        out.append(f"{cumulative * 1000:13.1f} {own * 1000:7.1f} {calls:9}  {where}")
    return "\n".join(out)


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# --------------------------------------------------------------- running
def wait_idle(term: Terminal, quiet: float = 0.25, timeout: float = 20.0) -> None:
    """Until the program uses no CPU for `quiet` seconds and draws nothing (where the OS tells CPU time).

    Without /proc (macOS), a fixed pause after the screen went quiet.
    """
    stat = Path(f"/proc/{term.proc.pid}/stat")
    if not stat.exists():
        term.settle(quiet)
        time.sleep(1.0)
        return

    def cpu() -> int:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks

    deadline = time.monotonic() + timeout
    last, since = cpu(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = cpu()
        if now - last > 1:  # more than one tick: still working
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            term.settle(0.1)
            return


def type_text(term: Terminal, text: str, check: Callable[[Terminal], bool]) -> float:
    """Type `text` at TYPING_INTERVAL; ms from its last key to `check` holding."""
    for char in text[:-1]:
        term.write(char.encode())
        time.sleep(TYPING_INTERVAL)
    sent = term.write(text[-1].encode())
    return (term.wait_for(check) - sent) * 1000


class Latency:
    def __init__(self, sizes: list[int], sessions: int, workdir: Path, profile: bool):
        self.sizes = sizes
        self.sessions = sessions
        self.workdir = workdir
        self.profile = profile
        self.pycache = workdir / "pycache"
        self.rows = _rows()
        self.samples: dict[str, dict[int, list[float]]] = {row.key: {} for row in self.rows}
        self.notes: list[str] = []
        self.failures: list[tuple[str, str]] = []
        self.profiles: list[tuple[str, str]] = []
        self.left: set[str] = set()  # screens left with their LEAVE key in this session

    def add(self, key: str, size: int, ms: float) -> None:
        self.samples[key].setdefault(size, []).append(ms)

    def median(self, key: str, size: int) -> float | None:
        values = self.samples[key].get(size)
        return statistics.median(values) if values else None

    def sessions_for(self, size: int) -> int:
        """All the sessions at 10k, where most targets are; 2 elsewhere (time: make bench stays within ~15 minutes)."""
        return self.sessions if size == 10000 else min(2, self.sessions)

    # ............................................................ a size
    def run_size(self, size: int) -> None:
        global EXPECTED
        journal = demo_journal(self.workdir, size)
        EXPECTED = Expected.of(journal)
        print(f"\n== latency at {size:,} encounters (load {load_average()})", flush=True)
        # Warm-up: fills the .pyc cache and the OS's file cache; not counted.
        self.app_session(size, journal, record=False)
        self.floor_session(size, None, record=False)
        for n in range(self.sessions_for(size)):
            for session in (self.app_session, self.floor_session):
                try:
                    session(size, journal)
                except TerminalTimeout as exc:
                    # Kept in the results: a screen the harness no longer recognises is worth reading.
                    self.failures.append((f"{session.__name__} @{size_label(size)}", str(exc)))
                    print(f"  ! {session.__name__} stopped: {exc}", file=sys.stderr, flush=True)
            print(f"  session {n + 1}: " + ", ".join(
                f"{key} {self.samples[key][size][-1]:.0f}" for key in ("start", "first_people", "repeat_people", "search", "quick_add")
                if self.samples[key].get(size)), flush=True)
        for row in self.rows:
            value = self.median(row.key, size)
            if value is not None:
                print(f"  {size_label(size):>4}  {row.label}: {self.cell(row, size)}", flush=True)

    def app_cmd(self, journal: Path, profiled: Path | None = None, from_start: bool = False) -> list[str]:
        if profiled is not None:
            flags = ["--from-start"] if from_start else []
            return [sys.executable, str(PROFILED), str(profiled), *flags, "-m", "tui.cli", "--journal", str(journal)]
        return [sys.executable, "-m", "tui.cli", "--journal", str(journal)]

    def spawn(self, cmd: list[str]) -> Terminal:
        rows, cols = TTY_SIZE
        return Terminal(cmd, env=child_env(self.pycache), cwd=ROOT, rows=rows, cols=cols)

    def app_session(self, size: int, journal: Path, record: bool = True) -> None:
        path = copy_journal(journal, self.workdir / f"latency-{size}")
        self.left = set()
        with self.spawn(self.app_cmd(path)) as term:
            first_paint = term.wait_for(any_main_screen, timeout=120)
            if not record:
                return
            self.add("start", size, (first_paint - term.started) * 1000)
            started_on = shown_screen(term)
            note = f"@{size_label(size)}: the app opened on its {started_on} screen (the first-visit row of that screen has no samples)."
            if note not in self.notes:
                self.notes.append(note)
            wait_idle(term)
            for name, key, check in MAIN_SCREENS:
                if name != started_on:
                    self.add(f"first_{name}", size, term.timed(key, check))
                    self.leave(term, name)
            for _ in range(ROUNDS):
                for name, key, check in MAIN_SCREENS:
                    self.add(f"repeat_{name}", size, term.timed(key, check))
                    self.leave(term, name)
            for suffix in ("", "_again"):
                self.go(term, "timeline")
                self.add(f"open_encounter{suffix}", size, term.timed("enter", ENCOUNTER_OPENED))
                wait_idle(term)
                self.go(term, "people")
                self.add(f"open_profile{suffix}", size, term.timed("enter", PROFILE_OPENED))
                wait_idle(term)
            self.go(term, "timeline")
            term.press("slash")
            term.wait_for(SEARCH_SCREEN)
            wait_idle(term)
            self.add("search", size, type_text(term, SEARCH_QUERY, search_results(SEARCH_QUERY)))
            wait_idle(term)
            # After the rows that open the newest encounter and the first person: this save makes new ones.
            self.go(term, "timeline")
            self.add("catch_up", size, self.switches_during_catch_up(term, path))
            self.go(term, "timeline")
            term.press("a")
            term.wait_for(QUICK_ADD)
            wait_idle(term)
            for char in "Latency Harness":
                term.write(char.encode())
                time.sleep(TYPING_INTERVAL / 2)
            wait_idle(term)
            self.add("quick_add", size, term.timed("ctrl+s", SAVED))

    def switches_during_catch_up(self, term: Terminal, journal: Path) -> float:
        """Another process (this harness) saves one encounter; the app catches up at its next poll
        (within a second). Switch screens every ~0.1 s for 1.2 s; the worst switch is the sample."""
        from journal import clock
        from journal.models import EncounterDraft
        from journal.store import Store

        frozen = datetime.fromisoformat(NOW)
        clock.set_now(lambda: frozen)
        try:
            with Store(journal) as other:
                other.add_encounter(EncounterDraft(when=frozen, who=["Catch Up"], notes="Saved by another process."))
        finally:
            clock.set_now(None)
        return self.burst(term, [(key, check) for name, key, check in MAIN_SCREENS if name not in LEAVE])

    def leave(self, term: Terminal, name: str) -> None:
        """Untimed, after a visit: the LEAVE key of a screen that opens in a text field, at its first
        visit of the session (it keeps its focus afterwards, and tab would go back to the field); then idle."""
        if name in LEAVE and name not in self.left:
            self.left.add(name)
            wait_idle(term)
            term.press(LEAVE[name])
        wait_idle(term)

    @staticmethod
    def burst(term: Terminal, cycle: list[tuple[str, Callable[[Terminal], bool]]]) -> float:
        """Switch screens in turn, 0.1 s apart, for 1.2 s; the worst switch in ms.

        Screens that open in a text field (LEAVE) are left out: the burst does not wait for idle."""
        began = time.monotonic()
        worst = 0.0
        turn = 0
        while time.monotonic() - began < 1.2:
            key, check = cycle[turn % len(cycle)]
            turn += 1
            with term.lock:
                if check(term):
                    continue
            worst = max(worst, term.timed(key, check))
            time.sleep(0.1)
        wait_idle(term)
        return worst

    def go(self, term: Terminal, name: str) -> None:
        """Back to a main screen, untimed: escape out of a pushed screen first."""
        key, check = next((key, check) for n, key, check in MAIN_SCREENS if n == name)
        with term.lock:
            if check(term):
                return
            searching = SEARCH_SCREEN(term)
        if searching:  # its Input would take the key as text
            term.press("escape")
            term.wait_for(lambda t: not SEARCH_SCREEN(t), timeout=10)
        term.press(key)
        term.wait_for(check, timeout=30)
        self.leave(term, name)

    def floor_session(self, size: int, _journal: Path | None = None, record: bool = True) -> None:
        with self.spawn([sys.executable, str(FLOOR_SCRIPT)]) as term:
            first_paint = term.wait_for(FLOOR_ONE, timeout=60)
            if not record:
                return
            self.add("floor_start", size, (first_paint - term.started) * 1000)
            wait_idle(term)
            self.add("floor_first", size, term.timed("p", FLOOR_TWO))
            wait_idle(term)
            for _ in range(ROUNDS):
                for key, check in (("t", FLOOR_ONE), ("p", FLOOR_TWO)):
                    self.add("floor_repeat", size, term.timed(key, check))
                    wait_idle(term)
            self.add("floor_burst", size, self.burst(term, [("t", FLOOR_ONE), ("p", FLOOR_TWO)]))
            for suffix in ("", "_again"):
                term.press("t")
                term.wait_for(FLOOR_ONE)
                wait_idle(term)
                self.add(f"floor_open{suffix}", size, term.timed("enter", FLOOR_DETAIL))
                wait_idle(term)
                term.press("escape")
                term.wait_for(FLOOR_ONE)
                wait_idle(term)
            term.press("slash")
            term.wait_for(FLOOR_SEARCH)
            wait_idle(term)
            self.add("floor_typing", size, type_text(term, SEARCH_QUERY, floor_results(SEARCH_QUERY)))
            wait_idle(term)
            term.press("escape")
            term.wait_for(FLOOR_ONE)
            wait_idle(term)
            self.add("floor_notify", size, term.timed("a", FLOOR_SAVED))

    # ......................................................... profiles
    def verdicts(self, row: Row, size: int) -> list[tuple[str, bool]]:
        """(target text, met) for each target of the row at this size."""
        value = self.median(row.key, size)
        floor = self.median(row.floor, size) if row.floor else None
        out = []
        if value is None:
            return out
        if size in row.ratio_targets and floor:
            out.append((f"≤ {row.ratio_targets[size]:g}x", value / floor <= row.ratio_targets[size]))
        if size in row.beyond_targets and floor is not None:
            out.append((f"≤ {row.beyond_targets[size]:g} ms beyond the floor", value - floor <= row.beyond_targets[size]))
        if size in row.ms_targets:
            out.append((f"≤ {row.ms_targets[size]:g} ms", value <= row.ms_targets[size]))
        return out

    def profile_missed(self, size: int, limit: int = 4) -> None:
        """cProfile of the UI thread during the worst missed rows (all rows with --profile)."""
        missed = []
        for row in self.rows:
            value, floor = self.median(row.key, size), self.median(row.floor, size) if row.floor else None
            if value is None or not row.floor:
                continue
            failing = any(not ok for _, ok in self.verdicts(row, size))
            if self.profile or failing:
                missed.append((value / floor if floor else 0, row))
        missed.sort(key=lambda pair: pair[0], reverse=True)
        global EXPECTED
        EXPECTED = Expected.of(demo_journal(self.workdir, size))
        for _, row in missed[:limit]:
            try:
                text = self.profile_row(row, size)
            except (TerminalTimeout, OSError, RuntimeError) as exc:
                text = f"profile failed: {exc}"
            self.profiles.append((f"{row.label} @{size_label(size)}", text))

    def profile_row(self, row: Row, size: int) -> str:
        """Run a session under benchmarks/profiled.py and profile only the row's key."""
        journal = demo_journal(self.workdir, size)
        path = copy_journal(journal, self.workdir / f"profile-{size}")
        out = self.workdir / f"profile-{row.key}-{size}.prof"
        out.unlink(missing_ok=True)
        screens = {name: (key, check) for name, key, check in MAIN_SCREENS}
        self.left = set()
        with self.spawn(self.app_cmd(path, profiled=out, from_start=row.key == "start")) as term:
            profiling = row.key == "start"
            if profiling:
                # The child profiles from its first line: stop once the first paint shows.
                term.wait_for(any_main_screen, timeout=120)
                return self._stop_profile(term, out)
            term.wait_for(any_main_screen, timeout=120)
            wait_idle(term)
            started_on = shown_screen(term)
            name = row.key.split("_", 1)[1] if row.key.startswith(("first_", "repeat_")) else None
            other = "people" if name == "timeline" else "timeline"
            if row.key.startswith("repeat_"):
                # Past its second visit, which still parses the stylesheet (see the notes).
                for _ in range(2):
                    self.go(term, other)
                    self.go(term, name)
                self.go(term, other)
            elif name == started_on:
                self.go(term, other)
            if name is not None:
                key, check = next((key, check) for n, key, check in MAIN_SCREENS if n == name)
                os.kill(term.proc.pid, signal.SIGUSR1)
                time.sleep(0.05)
                term.timed(key, check)
            elif row.key.startswith("open_"):
                target = "timeline" if "encounter" in row.key else "people"
                check = ENCOUNTER_OPENED if target == "timeline" else PROFILE_OPENED
                if row.key.endswith("_again"):
                    self.go(term, target)
                    term.timed("enter", check)
                self.go(term, target)
                os.kill(term.proc.pid, signal.SIGUSR1)
                time.sleep(0.05)
                term.timed("enter", check)
            elif row.key == "search":
                term.press("slash")
                term.wait_for(SEARCH_SCREEN)
                wait_idle(term)
                for char in SEARCH_QUERY[:-1]:
                    term.write(char.encode())
                    time.sleep(TYPING_INTERVAL)
                os.kill(term.proc.pid, signal.SIGUSR1)
                time.sleep(0.05)
                term.write(SEARCH_QUERY[-1].encode())
                term.wait_for(search_results(SEARCH_QUERY))
            elif row.key == "catch_up":
                os.kill(term.proc.pid, signal.SIGUSR1)
                time.sleep(0.05)
                self.switches_during_catch_up(term, path)
            elif row.key == "quick_add":
                self.go(term, "timeline")  # as in the sessions: the screen under the dialog redraws after a save
                term.press("a")
                term.wait_for(QUICK_ADD)
                term.write(b"Latency Harness")
                wait_idle(term)
                os.kill(term.proc.pid, signal.SIGUSR1)
                time.sleep(0.05)
                term.timed("ctrl+s", SAVED)
            else:
                return "no profile for this row"
            return self._stop_profile(term, out)

    def _stop_profile(self, term: Terminal, out: Path) -> str:
        time.sleep(0.2)  # what the key started after the screen showed (a second frame, a worker's result)
        os.kill(term.proc.pid, signal.SIGUSR2)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not out.exists():
            time.sleep(0.05)
        time.sleep(0.2)
        if not out.exists():
            return "the profiled child wrote no profile"
        return profile_text(pstats.Stats(str(out)))

    # ............................................................ report
    def cell(self, row: Row, size: int) -> str:
        value = self.median(row.key, size)
        if value is None:
            return ""
        text = f"{value:.0f}" if value >= 10 else f"{value:.1f}"
        floor = self.median(row.floor, size) if row.floor else None
        if floor:
            text += f" · {value / floor:.2f}x" if not row.beyond_targets else f" · +{value - floor:.0f}"
        return text

    def table(self) -> str:
        head = "| row (median ms · ratio to its floor) | " + " | ".join(f"{n:,}" for n in self.sizes) + " | target | status |"
        lines = [head, "|---|" + "---:|" * len(self.sizes) + "---|---|"]
        for row in self.rows:
            targets, statuses = [], []
            for size in sorted({*row.ratio_targets, *row.beyond_targets, *row.ms_targets}):
                if size in row.ratio_targets:
                    targets.append(f"≤ {row.ratio_targets[size]:g}x @{size_label(size)}")
                if size in row.beyond_targets:
                    targets.append(f"≤ floor + {row.beyond_targets[size]:g} ms @{size_label(size)}")
                if size in row.ms_targets:
                    targets.append(f"≤ {row.ms_targets[size]:g} ms @{size_label(size)}")
                verdicts = self.verdicts(row, size)
                if size in self.sizes and not self.samples[row.key].get(size):
                    statuses.append(f"no samples @{size_label(size)}")
                elif size not in self.sizes or not verdicts:
                    statuses.append(f"not run @{size_label(size)}")
                else:
                    statuses.append(("met" if all(ok for _, ok in verdicts) else "**missed**") + f" @{size_label(size)}")
            cells = [self.cell(row, size) for size in self.sizes]
            lines.append(f"| {row.label} | " + " | ".join(cells) + f" | {', '.join(targets)} | {', '.join(statuses)} |")
        return "\n".join(lines)

    def section(self, elapsed: float, started: str) -> str:
        counts = ", ".join(f"{self.sessions_for(size)} @{size_label(size)}" for size in self.sizes)
        lines = [
            "## Interaction latency (issue 21)",
            "",
            f"Written by `python -m benchmarks.latency --sizes {','.join(map(str, self.sizes))}` on {started}, in "
            f"{elapsed:.0f} s; sessions per size (one process each, netjournal and the floor in turns): {counts}; "
            f"{ROUNDS} repeat visits per screen and session. Medians; each netjournal row shows its ratio to the floor "
            "row it is compared with (search: ms beyond the floor's typing).",
            "",
            self.table(),
            "",
            "### How it is measured",
            "",
            f"- A real pseudo-terminal of {TTY_SIZE[1]}x{TTY_SIZE[0]}, with pyte as the terminal "
            "(benchmarks/terminal.py). A row times from the moment the key's bytes are written to the moment the "
            "output that completes the expected screen is read: a screen's title pattern and its first row (the "
            "newest encounter's person on the timeline, the first person on People), the opened encounter's place "
            "or person's name in the title, the search's result count in its title with the whole query shown, "
            "the \"Encounter saved\" notification.",
            "- Before each timed key the harness waits until the program is idle (no CPU time for 0.25 s, read "
            "from /proc; the background fold of the search text included), as a person reading the screen would.",
            "- start: from spawning `python -m tui.cli --journal X` (a fresh copy of the demo journal) to the "
            "timeline's first row on screen; the floor: benchmarks/floor_app.py to its list.",
            "- first visit: the first press of the screen's key in the session; repeat: the later ones (the "
            "screen then exists and only catches up with the data version). Textual 8.2.8 parses the whole "
            "stylesheet again (App.refresh_css) when a mode's screen is first shown, twice, and once more at its "
            "second visit (the screen was not mounted yet when its CSS count was last set), so the second visit is "
            "usually the slowest repeat; the floor pays the same, on a much smaller stylesheet.",
            "- catch-up: this harness (another process) saves one encounter to the app's journal; the app notices "
            "it at its next poll (within a second) and catches up; meanwhile the harness switches screens every "
            "0.1 s for 1.2 s, each switch timed; the worst one is the sample. The floor row is the same burst "
            "on the floor app, with nothing to catch up.",
            f"- search: \"{SEARCH_QUERY}\" typed one key every {TYPING_INTERVAL * 1000:.0f} ms into the search "
            "screen; the row times the last key to the final result count; the floor refills an OptionList on "
            "every change of its Input.",
            "- quick-add: `a`, \"Latency Harness\" typed into Who (a new person), then ctrl+s timed to the "
            "notification. The floor row times a key that only calls notify().",
            "- The demo journals are those of benchmarks/run.py (seed 7, the clock frozen at " + NOW + ").",
            "",
        ]
        if self.notes:
            lines += ["### Notes", "", *[f"- {note}" for note in self.notes], ""]
        if self.failures:
            lines += ["### Sessions that stopped", "",
                      "A session stops when the expected screen does not show within its timeout; its rows keep the "
                      "samples taken before. What the screen showed:", ""]
            for heading, text in self.failures:
                lines += [f"#### {heading}", "", "```", text, "```", ""]
        lines += ["### Machine", "", *machine(("textual", "pyte", "orjson", "tinydb")), ""]
        if self.profiles:
            lines += ["### Profiles", "",
                      "cProfile of the UI thread from the key to the expected screen (+0.2 s), in a separate "
                      "session (benchmarks/profiled.py), for the rows with the largest ratios among those missed.", ""]
            for heading, text in self.profiles:
                lines += [f"#### {heading}", "", "```", text, "```", ""]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated journal sizes in encounters (default: 1000,10000,50000)")
    parser.add_argument("--sessions", type=int, default=3, help="sessions at 10k, at most 2 at other sizes (default 3)")
    parser.add_argument("--profile", action="store_true", help="profile every compared row, not only missed targets")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the results file (its latency section is replaced)")
    args = parser.parse_args(argv)
    try:
        sizes = parse_sizes(args.sizes)
    except ValueError:
        parser.error("--sizes: comma-separated whole numbers, like 1000,10000")
    if args.sessions < 1:
        parser.error("--sessions must be positive")
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="netjournal-latency-") as folder:
        bench = Latency(sizes, args.sessions, Path(folder), args.profile)
        for size in sizes:
            bench.run_size(size)
        profile_size = 10000 if 10000 in sizes else max(sizes)
        bench.profile_missed(profile_size)
        elapsed = time.perf_counter() - began
        write_section(args.out, "latency", bench.section(elapsed, started))
    print()
    print(bench.table())
    print(f"\n{elapsed:.0f} s; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
