"""The journal file as a TinyDB Storage: read it safely, write it whole and atomically.

TinyDB's JSONStorage rewrites the file in place (a crash mid-write corrupts
it) and parses it again for every query. This storage
- keeps the data it last read or wrote and reads the file again only when
  its stat signature changed, i.e. when another process saved;
- writes the whole document with orjson into a temp file and renames it over
  the journal (journal.durable), so the file on disk is always a complete
  version;
- copies the journal into backups/ before the first save of each day;
- refuses to load, and therefore to ever overwrite, a file it cannot read,
  one with a key written twice included (JSON parsers keep the last, and the
  next save would drop the others).

Locking is the caller's job (journal.persistence): this class assumes a lock
is held around every read-modify-write.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
from tinydb.storages import Storage

from . import clock
from .durable import atomic_copy, atomic_write, ensure_private_dir, real_target, remove_temp_files
from .errors import UnreadableJournalError
from .i18n import _
from .paths import backups_dir

BACKUPS_KEPT = 10
# Left by the previous version of this module (a spare file swapped with the
# journal, and a trailer table after the encounters); the next save removes both.
_OLD_TRAILER = "layout"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Load without the cyclic GC, then freeze what was loaded.

    Parsing a large journal allocates hundreds of thousands of objects and no
    cycles; the collector would walk the growing heap again and again.
    Freezing moves the loaded objects out of later collections' way.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _signature(info: os.stat_result) -> tuple:
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(_("the key {key} is written twice in one object").format(key=repr(key)))
        seen[key] = value
    return seen


def parse_journal(path: Path, raw: bytes) -> dict:
    """The journal's data, or UnreadableJournalError saying why.

    A file netjournal wrote is exactly orjson's compact form of its data, so
    serialising the parse again and comparing proves that no key was written
    twice, for the price of a dump. Anything else (a hand edit) is parsed a
    second time, slowly, with every object's keys checked.
    """
    if not raw.strip():
        raise UnreadableJournalError(path, _("the file is empty"))
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableJournalError(path, _("it is not valid JSON ({problem})").format(problem=exc)) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise UnreadableJournalError(path, _("it is JSON but not a netjournal journal"))
    try:
        canonical = orjson.dumps(data) == raw
    except orjson.JSONEncodeError:
        raise UnreadableJournalError(path, _("a value in it is nested too deeply to be saved again")) from None
    if not canonical:
        import json

        try:
            json.loads(raw, object_pairs_hook=_refuse_duplicates)
        except (ValueError, RecursionError) as exc:
            raise UnreadableJournalError(path, str(exc)) from None
    data.pop(_OLD_TRAILER, None)
    return data


class SafeJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike, **_ignored):
        self.path = Path(path)
        self._data: dict | None = None
        self._signature: tuple | None = None
        # Bumped each time data is (re)loaded from disk, so the store can tell
        # that someone else saved and catch up.
        self.generation = 0
        self._batch_depth = 0
        self._pending: dict | None = None
        self._swept = False

    def _stat_signature(self) -> tuple | None:
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise UnreadableJournalError(self.path, exc.strerror or str(exc)) from None

    def changed_on_disk(self) -> bool:
        return self._stat_signature() != self._signature

    def last_good(self) -> dict | None:
        """What was last read or written; a later read that fails leaves it as it was."""
        return self._pending if self._pending is not None else self._data

    def read(self) -> dict | None:
        if self._pending is not None:
            return self._pending
        signature = self._stat_signature()
        if signature is not None and signature == self._signature and self._data is not None:
            return self._data
        if signature is None:
            if self._signature is not None:
                self.generation += 1
            self._data, self._signature = None, None
            return None
        try:
            with self.path.open("rb") as handle:
                # One descriptor: a rename over the journal meanwhile cannot mix two versions.
                signature = _signature(os.fstat(handle.fileno()))
                raw = handle.read()
        except PermissionError:
            raise UnreadableJournalError(self.path, _("permission denied")) from None
        except IsADirectoryError:
            raise UnreadableJournalError(self.path, _("it is a folder, not a file")) from None
        except OSError as exc:
            raise UnreadableJournalError(self.path, exc.strerror or str(exc)) from None
        with paused_gc():
            self._data = parse_journal(self.path, raw)
        self._signature = signature
        self.generation += 1
        return self._data

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Gather every write() inside into one file write at the end.

        A change that touches several tables (an encounter and the people it
        creates) is thereby saved all or nothing. If the block raises, nothing
        is written and the cache is dropped, so the next read is the file.
        """
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._pending is not None:
                self._pending = None
                self.invalidate()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._pending is not None:
            pending, self._pending = self._pending, None
            self.write(pending)

    def write(self, data: dict) -> None:
        if self._batch_depth:
            self._pending = data
            return
        try:
            payload = orjson.dumps(data)
            if not self._swept:
                self._sweep()
            if not self._backed_up_today():
                self._backup()
            written = atomic_write(self.path, payload)
        except BaseException:
            # TinyDB changed our cached dict before calling write(); forget it
            # so that the next read comes from the (intact) file on disk.
            self.invalidate()
            raise
        self._data = data
        self._signature = _signature(written)  # of our file, not whatever the path names by now

    def adopt(self, data: dict) -> None:
        """Hold `data` (a migration of what was read) as the file's data; the next write saves it."""
        self._data = data

    def invalidate(self) -> None:
        self._data = None
        self._signature = None
        self.generation += 1

    def _sweep(self) -> None:
        """Remove what killed writers left: temp files, and the old version's spare."""
        target = real_target(self.path)
        remove_temp_files(target.parent, target.name)
        folder = backups_dir(self.path)
        if folder.is_dir():
            for journal_backup in folder.glob(".*.tmp"):
                journal_backup.unlink(missing_ok=True)
        (target.parent / f".{target.name}.spare").unlink(missing_ok=True)
        self._swept = True

    def _todays_backup(self) -> Path:
        return backup_path(self.path, clock.today().isoformat())

    def _backed_up_today(self) -> bool:
        return not self.path.exists() or self._todays_backup().exists()

    def _backup(self) -> None:
        """Copy the journal into backups/ (the first save of each day does), keeping the last ten."""
        target = self._todays_backup()
        ensure_private_dir(target.parent)
        atomic_copy(self.path, target)
        for old in list_backups(self.path)[BACKUPS_KEPT:]:
            old.unlink(missing_ok=True)

    def close(self) -> None:
        pass  # nothing is buffered: every write() is already durable


_DATE_GLOB = "????-??-??"


def backup_path(journal: Path, day: str) -> Path:
    """backups/<the journal's whole file name>-<day>.json: two journals in one folder never share one."""
    return backups_dir(journal) / f"{journal.name}-{day}.json"


def list_backups(journal: Path) -> list[Path]:
    """The journal's backups, newest first."""
    folder = backups_dir(journal)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{_glob_escape(journal.name)}-{_DATE_GLOB}.json"), reverse=True)


def _glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)
