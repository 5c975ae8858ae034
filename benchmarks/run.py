"""The storage benchmark (issues 7 and 13): `python -m benchmarks.run [--sizes 1000,10000]`.

Builds deterministic demo journals (journal.demo) of each size in a temp
folder, measures the medians of repeated runs of what a user waits for, prints
one markdown table with the targets, and writes it with the machine's details
into the storage section of benchmarks/RESULTS.md (benchmarks/latency.py
writes the latency section).

The machine is shared and noisy: compare ratios measured in the same run, not
absolute times. That is why each process is timed in alternation with its
floor (`netjournal add` with a bare `import tinydb, dateutil` and with jrnl
adding an entry, the app with a bare Textual app), so that all see the same
load, and why the real alternatives to the journal's write path (plain TinyDB,
an orjson rewrite without a cache, one SQLite insert, one appended line) are
timed in the same run as the Store's save.

Every measurement uses copies of the demo journal, so that saves never change
the journal the next measurement reads. The clock is frozen at the demo's
"now" (NETJOURNAL_NOW for children), so every run sees the same week.
"""
from __future__ import annotations

import argparse
import cProfile
import fcntl
import gc
import os
import pstats
import pty
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from datetime import datetime, timedelta
from pathlib import Path

import orjson
from tinydb import TinyDB

from benchmarks import results as results_file
from benchmarks.common import NOW, ROOT, SEED, TTY_SIZE, parse_sizes
from benchmarks.common import child_env as common_child_env
from benchmarks.jrnl import Jrnl
from benchmarks.jrnl import find as find_jrnl
from journal import clock
from journal.demo import build_demo
from journal.models import Encounter, EncounterDraft, FollowUp
from journal.reach import reach
from journal.store import Store

RESULTS = results_file.RESULTS
DEFAULT_SIZES = (1000, 10000, 50000)
# The search screen asks the store for at most this many results (tui/screens/search.py).
SEARCH_LIMIT = 500
# Queries that match few encounters, so that search scans the whole journal.
NAME_QUERY = "luna prado"
TOPIC_QUERY = "#typography"
REACH_TARGET = "Luna Prado"  # `netjournal reach "Luna Prado"`: who could introduce me to her (issue 18)
PROCESS_TIMEOUT = 120.0
JRNL_MAX_SIZE = 10000

BARE_TEXTUAL = """\
from textual.app import App
from textual.widgets import Label


class Bare(App):
    def compose(self):
        yield Label("netjournal")

    def on_mount(self):
        self.call_after_refresh(self.exit)


Bare().run()
"""

# Peak RSS from VmHWM: ru_maxrss would include the pages the child shared
# with this (large) harness process between fork and exec.
MEMORY_CHILD = """\
import resource, sys
from journal import clock
from journal.store import Store
store = Store(sys.argv[1])
store.encounters()
try:
    from journal.review import compute_review
except ImportError:
    compute_review = None
if compute_review is not None:
    compute_review(store, clock.today())
store.people_by_last_seen()
store.search(sys.argv[2], limit=int(sys.argv[3]))


def peak():
    try:
        with open("/proc/self/status") as status:
            return next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


print(peak())
# Then three saves (the first of the day copies the journal into backups/).
from datetime import timedelta
from journal.models import EncounterDraft
for n in range(3):
    store.add_encounter(EncounterDraft(when=clock.now() - timedelta(hours=1), who=["Memory Test"], notes=f"memory {n}"))
print(peak())
"""

# Runs a command as its only child, then records that child's peak RSS (KiB).
# The wrapper is small, so what the app shares with it before exec is noise.
# The app in use, headless (Pilot): first paint, the background fold of the
# search text, then a search typed into the search screen; prints VmHWM (KiB).
MEMORY_APP_IN_USE = """\
import asyncio, sys
from journal.store import Store
from tui.app import NetJournalApp, WARMUP_DELAY


async def main():
    app = NetJournalApp(Store(sys.argv[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(WARMUP_DELAY + 0.2)
        await app.workers.wait_for_complete()
        await pilot.press("slash", *sys.argv[2])
        await pilot.pause()
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))


asyncio.run(main())
"""

MEMORY_WRAPPER = """\
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
"""


# ------------------------------------------------------------------- rows
@dataclass
class Row:
    key: str
    label: str
    unit: str = "ms"  # ms, MB, x (ratio), s
    targets: dict[int, float] | None = None  # size -> upper bound (lower bound if at_least), in `unit`
    at_least: bool = False

    def target_text(self) -> str:
        if not self.targets:
            return ""
        unit = "x" if self.unit == "x" else f" {self.unit}"
        sign = "≥" if self.at_least else "≤"
        return ", ".join(f"{sign} {limit:g}{unit} @{_size(size)}" for size, limit in self.targets.items())

    def meets(self, size: int, value: float) -> bool:
        limit = (self.targets or {})[size]
        return value >= limit if self.at_least else value <= limit


MEMORY = {50000: 250}  # MB (issue 13)

ROWS = [
    Row("file_mb", "journal file (MB)", "MB"),
    Row("build", "build the demo journal (journal.demo)", "s"),
    Row("save_store", "save: Store.add_encounter, durable (the one write path)", targets={10000: 20, 50000: 100}),
    Row("save_first", "save: first of the day (adds the daily backup copy)"),
    Row("save_tinydb", "alternative: plain TinyDB JSONStorage insert, same file (in place, fsync)"),
    Row("save_orjson", "alternative: orjson rewrite, no cache (dumps, temp file, fsync, replace, folder fsync)"),
    Row("save_sqlite", "alternative: one SQLite insert, WAL, synchronous=FULL (same documents as JSON text)"),
    Row("save_floor", "alternative: the physical floor, one JSONL line appended + fsync"),
    Row("ratio_save_orjson", "ratio Store save / orjson rewrite", "x"),
    Row("ratio_save_tinydb", "ratio Store save / TinyDB insert", "x"),
    Row("ratio_save_sqlite", "ratio Store save / SQLite insert", "x"),
    Row("ratio_save_floor", "ratio Store save / JSONL floor", "x"),
    Row("add_process", "process: `netjournal add`, whole"),
    Row("bare_import", 'process: `python -c "import tinydb, dateutil"`'),
    Row("jrnl_add", "process: `jrnl <text>` (jrnl 4.6, plain-text journal of the same encounters), whole"),
    Row("jrnl_plain", "process: the same, with only @ as jrnl's tag symbol (the notes' #topics are then not tags)"),
    Row("bare_python", "process: `python -c pass`"),
    Row("ratio_add", "ratio `netjournal add` / bare import", "x", {10000: 3.5}),
    Row("ratio_jrnl", "ratio jrnl add / `netjournal add` (at least)", "x", {10000: 3}, at_least=True),
    Row("ratio_jrnl_plain", "ratio jrnl add without tags / `netjournal add`", "x"),
    Row("load", "load: Store open + encounters()"),
    Row("refresh", "refresh: another process saved one encounter (read the file, catch up)"),
    Row("review_warm", "review one week (indexes built)", targets={50000: 20}),
    Row("review_saved", "review one week, right after a save", targets={50000: 20}),
    Row("review_elsewhere", "review one week, after another process saved one encounter", targets={50000: 20}),
    Row("review_cold", "review one week, indexes dropped (as after opening)", targets={50000: 20}),
    Row("people_warm", "people list by last seen (indexes built)"),
    Row("people_saved", "people list, right after a save"),
    Row("people_elsewhere", "people list, after another process saved"),
    Row("people_cold", "people list, indexes dropped"),
    Row("search_name_warm", f'search by name "{NAME_QUERY}" (indexes built)', targets={50000: 30}),
    Row("search_name_saved", "search by name, right after a save", targets={50000: 30}),
    Row("search_name_elsewhere", "search by name, after another process saved", targets={50000: 30}),
    Row("search_name_cold", "search by name, indexes dropped", targets={50000: 30}),
    Row("search_topic_warm", f'search by topic "{TOPIC_QUERY}" (indexes built)', targets={50000: 30}),
    Row("search_topic_saved", "search by topic, right after a save", targets={50000: 30}),
    Row("search_topic_elsewhere", "search by topic, after another process saved", targets={50000: 30}),
    Row("search_topic_cold", "search by topic, indexes dropped", targets={50000: 30}),
    Row("reach_warm", f'reach "{REACH_TARGET}": ranked paths, at most 3 hops (indexes built)', targets={10000: 50}),
    Row("reach_saved", "reach, right after a save", targets={10000: 50}),
    Row("reach_elsewhere", "reach, after another process saved", targets={10000: 50}),
    Row("reach_cold", "reach, indexes dropped", targets={10000: 50}),
    Row("mem_domain", "peak memory: open + review + people + search (MB)", "MB", MEMORY),
    Row("mem_saves", "peak memory: the same, then three saves (MB)", "MB", MEMORY),
    Row("mem_app", "peak memory: app to first paint (MB)", "MB", MEMORY),
    Row("mem_app_search", "peak memory: app in use, headless: first paint, then a search (MB)", "MB", MEMORY),
    Row("start_app", "start: `python -m tui.cli --journal X` to first paint"),
    Row("start_bare", "start: bare Textual app, one Label (floor)"),
    Row("ratio_start", "ratio app start / bare Textual", "x", {10000: 1.3, 50000: 2}),
]
ROW_BY_KEY = {row.key: row for row in ROWS}


def _size(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _num(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _cell(row: Row, value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return _num(value) + ("x" if row.unit == "x" else "")


# ------------------------------------------------------------- measuring
def median_ms(fn: Callable[[], object], repeat: int, *, setup: Callable[[], object] | None = None, warmup: int = 1) -> float:
    """Median wall time of fn() in ms; setup() runs before each call, untimed."""
    for _ in range(warmup):
        if setup:
            setup()
        fn()
    times = []
    gc.collect()
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


PYCACHE: Path | None = None  # set by main(), inside the run's temp folder


def child_env(**extra: str) -> dict[str, str]:
    return common_child_env(PYCACHE, **extra)


def run_process(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, timeout=PROCESS_TIMEOUT)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"{cmd[:4]}... exited {result.returncode}: {result.stderr.decode(errors='replace')[-800:]}")
    return elapsed


def run_in_tty(cmd: list[str], env: dict[str, str], timeout: float = PROCESS_TIMEOUT) -> float | None:
    """Run a full-screen program on a pseudo-terminal; ms until it exits, None on timeout or failure.

    The terminal's output is drained continuously: a full pty buffer would
    block the program and be measured as slowness.
    """
    master, slave = pty.openpty()
    rows, cols = TTY_SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    tail = bytearray()

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            tail.extend(data)
            del tail[:-4000]

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        code = proc.wait(timeout=timeout)
        elapsed = (time.perf_counter() - start) * 1000
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # our own child's process group
        proc.wait()
        code, elapsed = None, None
    reader.join(timeout=2)
    os.close(master)
    if code != 0:
        shown = tail.decode(errors="replace")[-400:]
        print(f"  ! {' '.join(cmd[:4])}... {'timed out' if code is None else f'exited {code}'}: {shown!r}", file=sys.stderr)
        return None
    return elapsed


def alternate(a: Callable[[], float | None], b: Callable[[], float | None], repeat: int) -> tuple[float | None, float | None]:
    """Medians of a() and b() run in turns (after one warm-up each), so both see the same load."""
    a(), b()
    first, second = [], []
    for _ in range(repeat):
        first.append(a())
        second.append(b())
    if any(t is None for t in first) or any(t is None for t in second):
        return (None if any(t is None for t in first) else statistics.median(first),
                None if any(t is None for t in second) else statistics.median(second))
    return statistics.median(first), statistics.median(second)


def alternate_all(runs: dict[str, Callable[[], float]], repeat: int, warm: set[str] = frozenset()) -> dict[str, float]:
    """Medians of each run, called in turns (after one warm-up each, but for those already `warm`),
    so that all see the same load."""
    for key, run in runs.items():
        if key not in warm:
            run()
    times: dict[str, list[float]] = {key: [] for key in runs}
    for _ in range(repeat):
        for key, run in runs.items():
            times[key].append(run())
    return {key: statistics.median(values) for key, values in times.items()}


def _copy(journal: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "journal.json"
    shutil.copyfile(journal, target)
    return target


def _draft(i: int) -> EncounterDraft:
    now = clock.now()
    return EncounterDraft(
        when=now - timedelta(minutes=1),
        who=["Ana Souza", "Zoë Martin"],
        place="Padaria Real",
        setting="bakery",
        notes=f"Benchmark encounter {i}: talked about the new #sourdough starter and the open data night. "
        "Ana wants to meet people who run small bakeries in other neighbourhoods; Zoë knows two.",
        topics=["small-business"],
        gave="Promised to send the list of bakeries",
        follow_up="Send Ana the list",
        due=now.date() + timedelta(days=3),
    )


def _doc(i: int) -> dict:
    now = clock.now()
    return Encounter(
        when=now - timedelta(minutes=1), people=[], place="Padaria Real", setting="bakery",
        notes=_draft(i).notes, topics=["sourdough", "small-business"], gave="Promised the list",
        follow_up=FollowUp("Send Ana the list", now.date() + timedelta(days=3)),
    ).to_dict()


def orjson_rewriter(path: Path, counter) -> Callable[[], None]:
    """The plain atomic rewrite with no cache and no TinyDB: what a save costs at the least with this format.

    The document is held parsed, as the Store holds it; each call adds one
    encounter, serialises everything, and replaces the file durably.
    """
    data = orjson.loads(path.read_bytes())
    encounters = data.setdefault("encounters", {})
    next_key = max((int(k) for k in encounters), default=0) + 1

    def save() -> None:
        nonlocal next_key
        encounters[str(next_key)] = _doc(next(counter))
        next_key += 1
        payload = orjson.dumps(data)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".orjson.", suffix=".tmp")
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

    return save


def sqlite_inserter(journal: Path, folder: Path, counter) -> Callable[[], None]:
    """One INSERT committed in SQLite (WAL, synchronous=FULL): the floor of a real database.

    The table holds the same encounter documents as JSON text, one row each.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "journal.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE encounters (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)")
    encounters = orjson.loads(journal.read_bytes()).get("encounters", {})
    db.execute("BEGIN")
    db.executemany("INSERT INTO encounters (id, doc) VALUES (?, ?)",
                   ((int(key), orjson.dumps(doc).decode()) for key, doc in encounters.items()))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def insert() -> None:
        db.execute("BEGIN")
        db.execute("INSERT INTO encounters (doc) VALUES (?)", (orjson.dumps(_doc(next(counter))).decode(),))
        db.execute("COMMIT")

    return insert


def app_hook_available() -> bool:
    """True once the app quits by itself after its first paint (NETJOURNAL_EXIT_AFTER_PAINT=1)."""
    app = ROOT / "tui" / "app.py"
    return app.exists() and "NETJOURNAL_EXIT_AFTER_PAINT" in app.read_text(encoding="utf-8")


def netjournal_cmd() -> list[str]:
    script = Path(sys.executable).parent / "netjournal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def compute_review_or_none():
    try:
        from journal.review import compute_review
    except ImportError:
        return None
    return compute_review


# ------------------------------------------------------------ one size
class Bench:
    def __init__(self, sizes: list[int], repeat: int, workdir: Path, profile: bool):
        self.sizes = sizes
        self.repeat = repeat
        self.workdir = workdir
        self.profile = profile
        self.values: dict[str, dict[int, object]] = {row.key: {} for row in ROWS}
        self.notes: list[str] = []
        self.journals: dict[int, Path] = {}
        self.profiles: list[tuple[str, str]] = []
        self.jrnl_problem = ""

    def put(self, key: str, size: int, value) -> None:
        self.values[key][size] = value
        row = ROW_BY_KEY[key]
        shown = _cell(row, value) if not isinstance(value, str) else value
        print(f"  {_size(size):>4}  {row.label}: {shown}{'' if row.unit in ('x',) or isinstance(value, str) else ' ' + row.unit}", flush=True)

    def reps(self, size: int, heavy: bool = False) -> int:
        """Fewer repetitions for operations that take a second or more at 50k."""
        if heavy and size >= 50000:
            return max(3, self.repeat // 3)
        if heavy and size >= 10000:
            return max(3, self.repeat // 2)
        return self.repeat

    def run(self) -> None:
        for size in self.sizes:
            print(f"\n== {size:,} encounters", flush=True)
            for phase in (self.build, self.saves, self.queries, self.processes, self.memory, self.start):
                began = time.perf_counter()
                phase(size)
                print(f"  ({phase.__name__} took {time.perf_counter() - began:.0f} s)", flush=True)

    # ................................................................ build
    def build(self, size: int) -> None:
        path = self.workdir / f"demo-{size}" / "journal.json"
        start = time.perf_counter()
        build_demo(path, encounters=size, seed=SEED, now=datetime.fromisoformat(NOW), force=True, verify=False)
        self.put("build", size, time.perf_counter() - start)
        self.put("file_mb", size, path.stat().st_size / 1e6)
        self.journals[size] = path

    # ................................................................ saves
    def saves(self, size: int) -> None:
        journal = self.journals[size]
        counter = iter(range(10**9))

        store = Store(_copy(journal, self.workdir / f"save-{size}"))
        save = lambda: store.add_encounter(_draft(next(counter)))  # noqa: E731
        store_ms = median_ms(save, self.repeat)  # the warm-up pays for the daily backup
        self.put("save_store", size, store_ms)
        store.close()

        def first_setup():
            nonlocal fresh
            folder = self.workdir / f"first-{size}"
            shutil.rmtree(folder, ignore_errors=True)
            fresh = Store(_copy(journal, folder))

        fresh = None
        self.put("save_first", size, median_ms(lambda: fresh.add_encounter(_draft(next(counter))), 3, setup=first_setup, warmup=0))
        fresh.close()

        db = TinyDB(_copy(journal, self.workdir / f"tinydb-{size}"))  # default JSONStorage, as in TinyDB's docs
        table = db.table("encounters")
        tinydb_ms = median_ms(lambda: table.insert(_doc(next(counter))), self.reps(size, heavy=True))
        db.close()
        self.put("save_tinydb", size, tinydb_ms)

        orjson_ms = median_ms(orjson_rewriter(_copy(journal, self.workdir / f"orjson-{size}"), counter), self.repeat)
        self.put("save_orjson", size, orjson_ms)

        sqlite_ms = median_ms(sqlite_inserter(journal, self.workdir / f"sqlite-{size}", counter), self.repeat)
        self.put("save_sqlite", size, sqlite_ms)

        floor_path = self.workdir / f"floor-{size}.jsonl"
        line = orjson.dumps(_doc(0)) + b"\n"

        def append_line():
            with open(floor_path, "ab") as out:
                out.write(line)
                out.flush()
                os.fsync(out.fileno())

        floor_ms = median_ms(append_line, self.repeat)
        self.put("save_floor", size, floor_ms)
        self.put("ratio_save_orjson", size, store_ms / orjson_ms)
        self.put("ratio_save_tinydb", size, store_ms / tinydb_ms)
        self.put("ratio_save_sqlite", size, store_ms / sqlite_ms)
        self.put("ratio_save_floor", size, store_ms / floor_ms)
        if self.profile or self._misses("save_store", size, store_ms):
            store = Store(self.workdir / f"save-{size}" / "journal.json")
            store.add_encounter(_draft(next(counter)))  # as measured: the name index is built, the day's backup taken
            self.profile_call(f"Store.add_encounter @{_size(size)}", lambda: store.add_encounter(_draft(next(counter))))
            store.close()

    # .............................................................. queries
    def queries(self, size: int) -> None:
        journal = self.journals[size]

        def load():
            with Store(journal) as opened:
                opened.encounters()

        self.put("load", size, median_ms(load, self.reps(size, heavy=True)))
        if self.profile or size == max(self.sizes):
            self.profile_call(f"load (Store open + encounters()) @{_size(size)}", load)

        store = Store(_copy(journal, self.workdir / f"queries-{size}"))
        store.encounters()
        counter = iter(range(10**9))

        def saved():
            store.add_encounter(_draft(next(counter)))

        # The store drops its indexes when it (re)reads the file: on open, and
        # when another process saved. Dropping them by hand measures the
        # rebuild a query pays then, without the reload of the file itself.
        dropped = store._rebuilt
        # Another process (the command line) saves one encounter; the store
        # reads the file at its next refresh and catches up document by document.
        other = Store(store.path)

        def save_elsewhere():
            other.add_encounter(_draft(next(counter)))

        def saved_elsewhere():
            save_elsewhere()
            store.refresh()

        self.put("refresh", size, median_ms(store.refresh, self.reps(size, heavy=True), setup=save_elsewhere))
        today = clock.today()
        review = compute_review_or_none()
        jobs = [
            ("people", store.people_by_last_seen),
            ("search_name", lambda: store.search(NAME_QUERY, limit=SEARCH_LIMIT)),
            ("search_topic", lambda: store.search(TOPIC_QUERY, limit=SEARCH_LIMIT)),
            # What `netjournal reach NAME` and the Reach screen compute (the process's start is the add row's).
            ("reach", lambda: reach(store, today, person=REACH_TARGET)),
        ]
        if review is not None:
            jobs.insert(0, ("review", lambda: review(store, today)))
        else:
            for variant in ("warm", "saved", "elsewhere", "cold"):
                self.put(f"review_{variant}", size, "n/a (no journal/review.py)")
        for name, job in jobs:
            times = {
                "warm": median_ms(job, self.repeat),
                "saved": median_ms(job, self.reps(size, heavy=True), setup=saved),
                "elsewhere": median_ms(job, self.reps(size, heavy=True), setup=saved_elsewhere),
                "cold": median_ms(job, self.reps(size, heavy=True), setup=dropped),
            }
            for variant, value in times.items():
                self.put(f"{name}_{variant}", size, value)
            for variant, setup in (("warm", None), ("saved", saved), ("elsewhere", saved_elsewhere), ("cold", dropped)):
                if self.profile or self._misses(f"{name}_{variant}", size, times[variant]):
                    self.profile_call(f"{name} ({ROW_BY_KEY[f'{name}_{variant}'].label}) @{_size(size)}", job, setup=setup)
        found = (len(store.search(NAME_QUERY, limit=SEARCH_LIMIT)), len(store.search(TOPIC_QUERY, limit=SEARCH_LIMIT)))
        self.notes.append(f"@{_size(size)}: the name search finds {found[0]} encounters, the topic search {found[1]}.")
        other.close()
        store.close()

    # ............................................................ processes
    def processes(self, size: int) -> None:
        path = _copy(self.journals[size], self.workdir / f"add-{size}")
        env = child_env()
        notes = "Talked about the new #sourdough starter and who runs bakeries in other neighbourhoods."
        add_cmd = netjournal_cmd() + [
            "--journal", str(path), "add", "--who", "Ana Souza, Zoë Martin", "--where", "Padaria Real",
            "--setting", "bakery", "--follow-up", "Send Ana the list", "--due", "next week", notes,
        ]
        bare = [sys.executable, "-c", "import tinydb, dateutil"]
        runs = {"add_process": lambda: run_process(add_cmd, env), "bare_import": lambda: run_process(bare, env)}
        jrnls = self.jrnls_for(size)
        entry = f"Talked with Ana Souza and Zoë Martin at Padaria Real. {notes}"
        for key, jrnl in jrnls.items():
            runs[key] = partial(run_process, jrnl.command(entry), jrnl.env(env))
        # In turns, so that all see the same load; jrnl's first entry (jrnls_for) was its warm-up.
        medians = alternate_all(runs, self.reps(size, heavy=True), warm=set(jrnls))
        for key, value in medians.items():
            self.put(key, size, value)
        add_ms, bare_ms = medians["add_process"], medians["bare_import"]
        self.put("bare_python", size, median_ms(lambda: run_process([sys.executable, "-c", "pass"], env), self.reps(size, heavy=True)))
        ratio = add_ms / bare_ms
        self.put("ratio_add", size, ratio)
        if not jrnls:
            self.notes.append(f"@{_size(size)}: jrnl not measured: {self.jrnl_problem}.")
        for key, ratio_key in (("jrnl_add", "ratio_jrnl"), ("jrnl_plain", "ratio_jrnl_plain")):
            if key in medians:
                self.put(ratio_key, size, medians[key] / add_ms)
            else:
                self.put(key, size, "not measured")
                self.put(ratio_key, size, "not measured")
        jrnl_missed = "jrnl_add" in medians and self._misses("ratio_jrnl", size, medians["jrnl_add"] / add_ms)
        if self.profile or self._misses("ratio_add", size, ratio) or jrnl_missed:
            self.profile_child(f"`netjournal add` process @{_size(size)}", [sys.executable, "-m", "cProfile", "-o", "{prof}", "-m", "tui.cli", *add_cmd[len(netjournal_cmd()):]], env)
            self.importtime_child(f"`netjournal add` imports @{_size(size)}", [sys.executable, "-X", "importtime", "-m", "tui.cli", *add_cmd[len(netjournal_cmd()):]], env)

    def jrnls_for(self, size: int) -> dict[str, Jrnl]:
        """jrnl on plain-text journals of this size's demo encounters, with and without tags by row key;
        none when it is missing or fails (self.jrnl_problem says why)."""
        if size > JRNL_MAX_SIZE:
            self.jrnl_problem = (f"not run above {JRNL_MAX_SIZE:,} encounters: jrnl counts tags in quadratic time, "
                                 "and one add at 50,000 took over two minutes here")
            return {}
        executable, version = find_jrnl()
        if executable is None:
            self.jrnl_problem = version
            return {}
        jrnls = {"jrnl_add": Jrnl(executable, self.workdir / f"jrnl-{size}"),
                 "jrnl_plain": Jrnl(executable, self.workdir / f"jrnl-plain-{size}", tagsymbols="@")}
        with Store(self.journals[size]) as store:
            encounters = store.encounters()
            for jrnl in jrnls.values():
                size_bytes = jrnl.build(encounters, store.names)
        self.notes.append(f"@{_size(size)}: jrnl {version}'s journal of the same encounters is {size_bytes / 1e6:.2f} MB of plain text.")
        for jrnl in jrnls.values():
            try:
                run_process(jrnl.command("A first entry, so that jrnl settles its config file."), jrnl.env(child_env()))
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                self.jrnl_problem = f"jrnl failed: {exc}"
                return {}
        return jrnls

    # ............................................................... memory
    def memory(self, size: int) -> None:
        env = child_env()
        result = subprocess.run(
            [sys.executable, "-c", MEMORY_CHILD, str(_copy(self.journals[size], self.workdir / f"memory-{size}")),
             NAME_QUERY, str(SEARCH_LIMIT)],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=PROCESS_TIMEOUT,
        )
        if result.returncode != 0:
            raise RuntimeError(f"memory child failed: {result.stderr[-800:]}")
        queries_kib, saves_kib = result.stdout.split()[-2:]
        self.put("mem_domain", size, int(queries_kib) / 1024)
        self.put("mem_saves", size, int(saves_kib) / 1024)
        if not app_hook_available():
            self.put("mem_app", size, "n/a (app not built yet)")
            return
        out = self.workdir / f"maxrss-{size}.txt"
        path = _copy(self.journals[size], self.workdir / f"app-{size}")
        cmd = [sys.executable, "-c", MEMORY_WRAPPER, str(out), sys.executable, "-m", "tui.cli", "--journal", str(path)]
        if run_in_tty(cmd, child_env(NETJOURNAL_EXIT_AFTER_PAINT="1")) is None:
            self.put("mem_app", size, "n/a (app did not exit after first paint)")
        else:
            self.put("mem_app", size, int(out.read_text()) / 1024)
        result = subprocess.run(
            [sys.executable, "-c", MEMORY_APP_IN_USE, str(_copy(self.journals[size], self.workdir / f"app-search-{size}")),
             NAME_QUERY],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=PROCESS_TIMEOUT,
        )
        if result.returncode != 0:
            raise RuntimeError(f"app memory child failed: {result.stderr[-800:]}")
        self.put("mem_app_search", size, int(result.stdout.split()[-1]) / 1024)

    # ................................................................ start
    def start(self, size: int) -> None:
        bare_script = self.workdir / "bare_textual.py"
        bare_script.write_text(BARE_TEXTUAL)
        bare = lambda: run_in_tty([sys.executable, str(bare_script)], child_env())  # noqa: E731
        repeat = self.reps(size, heavy=True)
        start_ms = start_app_row(self, size, bare, repeat)
        if isinstance(start_ms, str):
            self.put("start_app", size, start_ms)
            self.put("start_bare", size, median_ms(bare, repeat))
            self.put("ratio_start", size, start_ms)

    # ............................................................. profiles
    def _misses(self, key: str, size: int, value: float) -> bool:
        row = ROW_BY_KEY[key]
        return size in (row.targets or {}) and not row.meets(size, value)

    def profile_call(self, title: str, fn: Callable[[], object], setup: Callable[[], object] | None = None) -> None:
        if setup:
            setup()
        profiler = cProfile.Profile()
        profiler.enable()
        fn()
        profiler.disable()
        self.profiles.append((title, _top(pstats.Stats(profiler))))

    def profile_child(self, title: str, cmd: list[str], env: dict[str, str], tty: bool = False) -> None:
        prof = self.workdir / f"child-{len(self.profiles)}.prof"
        cmd = [str(prof) if part == "{prof}" else part for part in cmd]
        if tty:
            run_in_tty(cmd, env)
        else:
            subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, timeout=PROCESS_TIMEOUT)
        if prof.exists():
            self.profiles.append((title, _top(pstats.Stats(str(prof)))))

    def importtime_child(self, title: str, cmd: list[str], env: dict[str, str]) -> None:
        result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=PROCESS_TIMEOUT)
        rows = []
        for line in result.stderr.splitlines():
            if line.startswith("import time:") and "|" in line:
                parts = [p.strip() for p in line[len("import time:"):].split("|")]
                if parts[1].isdigit():
                    rows.append((int(parts[1]), int(parts[0]), parts[2]))
        rows.sort(reverse=True)
        text = "cumulative µs   self µs  module\n" + "\n".join(f"{c:>14,} {s:>9,}  {m}" for c, s, m in rows[:15])
        self.profiles.append((title, text))


def start_app_row(bench: Bench, size: int, bare: Callable[[], float | None], repeat: int) -> float | str:
    """The `start` row: the real app to its first paint, in alternation with the bare Textual floor.

    Runs only when the app has its benchmark hook (NETJOURNAL_EXIT_AFTER_PAINT=1
    makes it exit after the first paint of the timeline); until then the row
    reads "n/a (app not built yet)" and only the floor is measured.
    Returns the app's median in ms, or the n/a text.
    """
    if not app_hook_available():
        return "n/a (app not built yet)"
    path = _copy(bench.journals[size], bench.workdir / f"start-{size}")
    cmd = [sys.executable, "-m", "tui.cli", "--journal", str(path)]
    env = child_env(NETJOURNAL_EXIT_AFTER_PAINT="1")
    app_ms, bare_ms = alternate(lambda: run_in_tty(cmd, env), bare, repeat)
    if app_ms is None:
        return "n/a (app did not exit after first paint)"
    bench.put("start_app", size, app_ms)
    bench.put("start_bare", size, bare_ms)
    ratio = app_ms / bare_ms
    bench.put("ratio_start", size, ratio)
    if bench.profile or bench._misses("ratio_start", size, ratio):
        bench.profile_child(f"app start to first paint @{_size(size)}", [sys.executable, "-m", "cProfile", "-o", "{prof}", *cmd[1:]], env, tty=True)
    return app_ms


def _top(stats: pstats.Stats, count: int = 14) -> str:
    """The functions with the most cumulative time, then the most own time."""
    rows = []
    for (filename, line, func), (_cc, calls, own, cumulative, _callers) in stats.stats.items():
        where = func if filename == "~" else f"{_short(filename)}:{line}({func})"
        rows.append((cumulative, own, calls, where))
    total = max((r[0] for r in rows), default=0)
    out = [f"total {total * 1000:.1f} ms", "cumulative ms  own ms     calls  function"]
    for cumulative, own, calls, where in sorted(rows, reverse=True)[:count]:
        out.append(f"{cumulative * 1000:13.1f} {own * 1000:7.1f} {calls:9}  {where}")
    out.append("-- by own time")
    for cumulative, own, calls, where in sorted(rows, key=lambda r: r[1], reverse=True)[:8]:
        out.append(f"{cumulative * 1000:13.1f} {own * 1000:7.1f} {calls:9}  {where}")
    return "\n".join(out)


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/work/main/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# ---------------------------------------------------------------- report
def status(row: Row, values: dict[int, object]) -> str:
    if not row.targets:
        return ""
    verdicts = []
    for size, limit in row.targets.items():
        value = values.get(size)
        if value is None:
            verdicts.append(f"not run @{_size(size)}")
        elif isinstance(value, str):
            verdicts.append(f"n/a @{_size(size)}")
        else:
            verdicts.append(f"{'met' if row.meets(size, value) else '**missed**'} @{_size(size)}")
    return ", ".join(verdicts)


def table(bench: Bench) -> str:
    sizes = bench.sizes
    head = "| operation (ms unless noted) | " + " | ".join(f"{n:,}" for n in sizes) + " | target | status |"
    lines = [head, "|---|" + "---:|" * len(sizes) + "---|---|"]
    for row in ROWS:
        values = bench.values[row.key]
        cells = [_cell(row, values.get(size)) for size in sizes]
        label = row.label if row.unit in ("ms", "MB", "x") else f"{row.label} ({row.unit})"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {row.target_text()} | {status(row, values)} |")
    return "\n".join(lines)


def write_results(bench: Bench, elapsed: float, args, started: str) -> str:
    lines = [
        "## Storage (issues 7 and 13)",
        "",
        f"Written by `python -m benchmarks.run --sizes {','.join(map(str, bench.sizes))}` on {started}, "
        f"in {elapsed:.0f} s. Medians of {bench.repeat} runs (3-{max(3, bench.repeat // 2)} for the slow ones "
        "at 10k and 50k); processes are timed in turns with their floors.",
        "The machine is shared and noisy: compare the ratios, which come from one run, rather than absolute times.",
        "",
        table(bench),
        "",
        "### How each row is measured",
        "",
        "- Journals: `journal.demo.build_demo(seed=7, now=" + NOW + ")`, cached in a temp folder for the run; "
        "every save works on a copy.",
        "- save: `Store.add_encounter` returns once the new version is on disk: the lock, a stat to notice "
        "another process's save, the change through TinyDB's Table API, then the one write path of "
        "journal/durable.py (the whole document serialised with orjson into a temp file, fsynced, `os.replace`d "
        "over the journal, the folder fsynced). The first save of a day also copies the journal into backups/ "
        "(the warm-up pays it; the 'first of the day' row measures it on fresh copies).",
        "- the alternatives, on the same data: TinyDB's default JSONStorage (json.dumps, rewritten in place and "
        "fsynced, the file read again before each insert); the orjson rewrite keeps the parsed document in "
        "memory like the Store, adds the encounter and writes the whole file by the same steps as the Store "
        "(temp file, fsync, replace, folder fsync) with no TinyDB, lock or records; SQLite: a table of the "
        "same documents as JSON text, one INSERT in its own transaction (journal_mode=WAL, synchronous=FULL); "
        "the floor: one JSON line appended to a file and fsynced.",
        "- process rows: wall time of the whole process, including Python start and imports, with .pyc files "
        "cached as an installed app has them (a private PYTHONPYCACHEPREFIX filled by the warm-up runs). "
        "`netjournal add`, the bare import and jrnl run in turns, each adding to its own copy every time. "
        "jrnl 4.6 runs from its own virtualenv (benchmarks/jrnl.py says why) on a plain-text journal built "
        "from the same demo encounters (one entry each: date, a title naming who and where, the notes and "
        "the other fields); it reads and parses the whole journal and rewrites it to a temp file renamed over "
        "it, without fsync. It also counts the journal's tags with a list.count per tag (`Journal.tags`), "
        "quadratic in the tagged entries (6.5 s of its 9 s at 10k in one profile here, every demo entry having "
        "#topics); the second jrnl row makes only @ a tag symbol, so that what is left is its parse, its start "
        "and the rewrite. jrnl runs up to 10k: at 50k one add took more than two minutes.",
        "- load: a new Store on the file, then `encounters()` (parse, build records, sort).",
        "- 'right after a save': the query follows a real `Store.add_encounter` on the same store (untimed), "
        "which updates the indexes in place. 'after another process saved': a second Store on the same file "
        "saves one encounter and this one refreshes (both untimed); the refresh row times that refresh: reading "
        "the file and catching up document by document. 'indexes dropped': the store's indexes are dropped "
        "(`Store._rebuilt`), as when it has just opened the file (or another process changed more "
        "than a tenth of it), so the query pays for rebuilding what it uses (sort, per-person index, search "
        "keys), not for the reading. 'indexes built': repeated calls.",
        f"- search: `Store.search(query, limit={SEARCH_LIMIT})` as the search screen calls it, with queries "
        "that match few encounters, so that the whole journal is scanned.",
        "- review: `journal.review.compute_review(store, today)`, the current week (Friday: five days of it).",
        f"- reach: `journal.reach.reach(store, today, person={REACH_TARGET!r})`, what `netjournal reach` and the "
        "Reach screen compute: the ranked paths from me, at most 3 hops (issue 18's target: 50 ms at 10k).",
        "- peak memory: VmHWM of a child process (the domain child: open, encounters, review, people, search; "
        "then three saves on a copy, the first of the day included; "
        "the app: a wrapper process that runs only the app, until its first paint; the app in use: the app "
        "headless under Pilot, after its background fold of the search text and a search typed in).",
        "- start: the app with NETJOURNAL_EXIT_AFTER_PAINT=1 on an 100x30 pseudo-terminal, until it exits; the "
        "floor is a Textual app that shows one Label and exits after its first refresh. The target is issue "
        "21's; the latency section measures start against a floor with two modes as well.",
        "",
        "### Notes",
        "",
        *[f"- {note}" for note in bench.notes],
        "",
        "### Machine",
        "",
        *results_file.machine(),
        "",
    ]
    if bench.profiles:
        lines += ["### Profiles", "", "cProfile of one call, for targets missed (or every operation with --profile).", ""]
        for title, text in bench.profiles:
            lines += [f"#### {title}", "", "```", text, "```", ""]
    text = "\n".join(lines)
    results_file.write_section(args.out, "storage", text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated journal sizes in encounters (default: 1000,10000,50000)")
    parser.add_argument("--repeat", type=int, default=9, help="runs per measurement; the median is kept (default: 9)")
    parser.add_argument("--profile", action="store_true", help="profile every operation, not only missed targets")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"where to write the results (default: {RESULTS.relative_to(ROOT)})")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder with the journals")
    args = parser.parse_args(argv)
    try:
        sizes = parse_sizes(args.sizes)
    except ValueError:
        parser.error("--sizes: comma-separated positive whole numbers, like 1000,10000")
    if args.repeat < 1:
        parser.error("--repeat must be positive")

    started = datetime.now().astimezone().isoformat(timespec="seconds")
    frozen = datetime.fromisoformat(NOW)
    clock.set_now(lambda: frozen)
    workdir = Path(tempfile.mkdtemp(prefix="netjournal-bench-"))
    global PYCACHE
    PYCACHE = workdir / "pycache"
    began = time.perf_counter()
    bench = Bench(sizes, args.repeat, workdir, args.profile)
    try:
        bench.run()
    finally:
        clock.set_now(None)
        if args.keep:
            print(f"\nJournals kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.perf_counter() - began
    write_results(bench, elapsed, args, started)
    print()
    print(table(bench))
    print(f"\n{elapsed:.0f} s; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
