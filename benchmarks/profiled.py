"""Run a module under cProfile switched by signals, for the latency harness's profiles.

    python benchmarks/profiled.py OUT.prof [--from-start] -m tui.cli --journal X

SIGUSR1 starts profiling the main thread (Textual's UI thread), SIGUSR2 stops
and writes the stats to OUT.prof; --from-start profiles from the first line.
The harness sends SIGUSR1 just before a key and SIGUSR2 once the screen showed
what the key brings, so the profile holds that one interaction.
"""
from __future__ import annotations

import cProfile
import runpy
import signal
import sys


def main() -> None:
    out, args = sys.argv[1], sys.argv[2:]
    profiler = cProfile.Profile()
    if args and args[0] == "--from-start":
        args = args[1:]
        profiler.enable()

    def start(_signum, _frame) -> None:
        profiler.enable()

    def stop(_signum, _frame) -> None:
        profiler.disable()
        profiler.dump_stats(out)

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    if len(args) < 2 or args[0] != "-m":
        raise SystemExit("usage: profiled.py OUT.prof [--from-start] -m MODULE [ARGS...]")
    sys.argv = [args[1], *args[2:]]
    runpy.run_module(args[1], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
