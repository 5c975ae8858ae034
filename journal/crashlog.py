"""Crash logs: what an unexpected error leaves for a bug report, and nothing more.

An uncaught exception ends the app or a command with one short line on the
terminal; the traceback goes to a private file (0600) in the journal's
backups folder, `crash-YYYYMMDD-HHMMSS.log`. The traceback is Python's plain
one: file names, line numbers, code and the exception's message, never the
values of local variables (Textual's rich traceback shows those, and there
they are the journal's names and notes). The folders it creates are 0700.

If that folder cannot be written (a read-only disk, no journal yet), the log
goes to the system's temporary folder instead, still 0600; if nothing can be
written, the caller says so and the error is still reported in one line.
"""
from __future__ import annotations

import os
import platform
import time
import traceback
from pathlib import Path

from .i18n import _
from .paths import backups_dir

# A traceback is a few kilobytes; an exception message quoting a whole
# document could be megabytes. The log keeps both ends of anything longer.
MAX_CHARS = 200_000


def write(error: BaseException, journal: Path | None, where: str) -> tuple[Path | None, str]:
    """Write the crash log of `error` in `where` ("the app", "netjournal add").

    Returns the log's path, or None and why it could not be written.
    """
    text = _report(error, where)
    reasons = []
    for folder, prefix in _candidates(journal):
        try:
            return _write_in(folder, prefix, text), ""
        except OSError as exc:
            reasons.append(exc.strerror or type(exc).__name__)
    return None, reasons[0] if reasons else _("no folder to write it in")


def _candidates(journal: Path | None) -> list[tuple[Path, str]]:
    folders = []
    if journal is not None:
        folders.append((backups_dir(Path(journal)), "crash-"))
    import tempfile  # only on a crash

    folders.append((Path(tempfile.gettempdir()), "netjournal-crash-"))
    return folders


def _report(error: BaseException, where: str) -> str:
    lines = "".join(traceback.format_exception(error))
    if len(lines) > MAX_CHARS:
        half = MAX_CHARS // 2
        lines = f"{lines[:half]}\n[... {len(lines) - MAX_CHARS} characters left out ...]\n{lines[-half:]}"
    try:
        from importlib.metadata import version

        release = version("netjournal")
    except Exception:  # not installed (run from a checkout): the log is still worth having
        release = "(version unknown)"
    return (
        f"netjournal {release}, {where}, crashed at {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n"
        f"{lines}"
    )


def _write_in(folder: Path, prefix: str, text: str) -> Path:
    from .durable import ensure_private_dir

    ensure_private_dir(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 100):
        path = folder / (f"{prefix}{stamp}.log" if n == 1 else f"{prefix}{stamp}-{n}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # two crashes in one second
        with open(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(text)
        return path
    raise FileExistsError(f"too many crash logs in {folder}")


def summary(error: BaseException, log: Path | None, reason: str = "") -> str:
    """The one line shown on the terminal: the kind of error and where the log is, no data.

    In the language of the run; the log itself stays English (it is for a bug report).
    """
    if log is not None:
        return _(
            "netjournal stopped on an internal error ({error}). Everything saved before it is in "
            "the journal. The details are in {log}."
        ).format(error=type(error).__name__, log=log)
    return _(
        "netjournal stopped on an internal error ({error}). Everything saved before it is in "
        "the journal. The details could not be written ({reason})."
    ).format(error=type(error).__name__, reason=reason)
