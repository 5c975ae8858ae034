"""A TinyDB Storage that never loses the journal.

TinyDB's JSONStorage rewrites the file in place and re-reads it for every
query: a crash mid-write leaves a corrupt file, and every operation costs a
full parse. This storage instead
- keeps the last data it read or wrote in memory and re-reads the file only
  when its (mtime, ctime, size, inode) signature changed, i.e. when another
  process saved;
- never writes into the journal file itself: the new version is written into
  another file in the same folder (0600), fsynced, and swapped or renamed over
  the journal, then the folder is fsynced, so the file on disk is always either
  the old or the new version (see journal.durable);
- copies the journal into backups/ before the first save of each day;
- refuses to load, and therefore to ever overwrite, a file it cannot read.

Locking is the store's job (journal.store): this class assumes its caller
holds the journal's lock around every read-modify-write.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
from tinydb.storages import Storage

from . import clock
from .errors import UnreadableJournalError
from .durable import atomic_copy, ensure_private_dir, write_journal
from .paths import backups_dir
from .pieces import Layout, dump_in_pieces, parse_in_pieces
from .unread import TRAILER, UnreadTable, split_last_table

BACKUPS_KEPT = 10


@contextmanager
def paused_gc() -> Iterator[None]:
    """Load without the cyclic GC, then freeze what was loaded.

    Parsing a large journal allocates hundreds of thousands of objects and no
    cycles; the collector would walk the growing heap again and again (a third
    of the load time at 50,000 encounters). Freezing moves the loaded objects
    out of later collections' way.
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


_READ_ATTEMPTS = 5


def _read_stable(path: Path) -> tuple[bytes, tuple | None]:
    """The file's bytes and the signature of exactly those bytes.

    A writer rewrites a spare that was the journal two saves ago, so a reader
    slow enough to span two saves could read a mix; one that sees the file's
    signature change while it reads simply reads again.
    """
    for _ in range(_READ_ATTEMPTS):
        with path.open("rb") as handle:
            before = _signature(os.fstat(handle.fileno()))
            raw = handle.read()
            after = _signature(os.fstat(handle.fileno()))
        if before == after:
            return raw, after
    return raw, None  # still changing: use it, and read again next time


def read_journal_bytes(
    path: Path, *, unread: str | None = None, others: tuple[str, ...] = (), check: Callable[[str, dict], None] | None = None
) -> tuple[dict, tuple | None]:
    """Parse a journal file, or raise UnreadableJournalError saying why.

    Returns the data and the file signature it was read at. With `unread`,
    that table is left unparsed (journal.unread) if the file is laid out as
    netjournal writes it, with the tables `others` before it; `check` is given
    it once it is parsed, to refuse it as a full read would.
    """
    try:
        raw, signature = _read_stable(path)
    except PermissionError:
        raise UnreadableJournalError(path, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableJournalError(path, "it is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableJournalError(path, exc.strerror or str(exc)) from None
    if not raw.strip():
        raise UnreadableJournalError(path, "the file is empty")
    if unread is not None and (split := split_last_table(raw, unread, others)) is not None:
        data, start, end = split
        data[unread] = UnreadTable(raw, start, end, lambda body: _parse_table(path, unread, body, check))
        return data, signature
    data = parse_in_pieces(raw)
    if data is None:  # not laid out as netjournal writes it: parse it whole
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise UnreadableJournalError(path, f"it is not valid JSON ({exc})") from None
    del raw
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise UnreadableJournalError(path, "it is JSON but not a netjournal journal")
    return data, signature


def _parse_table(path: Path, name: str, body: memoryview, check: Callable[[str, dict], None] | None) -> dict:
    try:
        table = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise UnreadableJournalError(path, f"it is not valid JSON (in table '{name}': {exc})") from None
    if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
        raise UnreadableJournalError(path, "it is JSON but not a netjournal journal")
    if check is not None:
        check(name, table)
    return table


class SafeJSONStorage(Storage):
    """
    `tables`: the tables every save writes, in this order, after any other
    and followed by journal.unread's TRAILER, which records the length of the
    last of them. `unread`: keep that last table unparsed when the file allows
    (journal.unread), for a process that only adds to it; `check(name, table)`
    refuses it, once something parses it, as a full read would.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        tables: tuple[str, ...] = (),
        unread: bool = False,
        check: Callable[[str, dict], None] | None = None,
        **_ignored,
    ):
        self.path = Path(path)
        self._tables = tables
        self._unread = unread
        self._check = check
        self._data: dict | None = None
        self._signature: tuple | None = None
        # Bumped each time data is (re)loaded from disk, so the store can tell
        # that someone else saved and rebuild its indexes.
        self.generation = 0
        self._batch_depth = 0
        self._pending: dict | None = None
        self._layout = Layout()  # where our last write put each batch: see pieces.Layout

    def _stat_signature(self) -> tuple | None:
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None

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
        unread = self._tables[-1] if self._unread and self._tables and self._backed_up_today() else None
        self._layout.forget()  # what it describes was our data, not the file's
        self._data, self._signature = read_journal_bytes(
            self.path, unread=unread, others=self._tables[:-1], check=self._check
        )
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

    def touched(self, name: str) -> set[str]:
        """Where journal.table marks the documents it hands to TinyDB for a write (see pieces.Layout)."""
        return self._layout.touched_in(name)

    def write(self, data: dict) -> None:
        if data is not self._data:
            self._layout.forget()  # another document (a migration): nothing of the last write holds
        if self._batch_depth:
            self._pending = data
            self._data = data
            return
        for name in self._tables:  # every table, in this order, after any other
            data[name] = data.pop(name, {})
        if self._tables:
            data.pop(TRAILER, None)
            data[TRAILER] = {}  # filled in as the last table is written
        try:
            if not self._backed_up_today():
                # A backup is a copy of a journal that was read whole and checked.
                for table in data.values():
                    if isinstance(table, UnreadTable):
                        table.read()
                self._backup()
            measure = self._tables[-1] if self._tables else None
            with self._last_written() as read:
                written = write_journal(
                    self.path, lambda: dump_in_pieces(data, measure=measure, layout=self._layout, read=read)
                )
        except BaseException:
            # TinyDB mutated our cached dict before calling write(); forget it so
            # the next read comes from the (intact) file on disk.
            self.invalidate()
            raise
        self._layout.commit()
        self._data = data
        self._signature = _signature(written)  # of our file, not of whatever the path names now

    @contextmanager
    def _last_written(self) -> Iterator[Callable[[int, int], bytes] | None]:
        """pread on the journal, if it is still the file this storage last wrote or read."""
        fd = None
        if self._layout.batches and self._signature is not None:
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
                if _signature(os.fstat(fd)) != self._signature:
                    os.close(fd)
                    fd = None
            except OSError:
                fd = None
        try:
            yield None if fd is None else (lambda offset, length: os.pread(fd, length, offset))
        finally:
            if fd is not None:
                os.close(fd)

    def invalidate(self) -> None:
        self._layout.forget()
        self._data = None
        self._signature = None
        self.generation += 1

    def _todays_backup(self) -> Path:
        return backups_dir(self.path) / f"{self.path.stem}-{clock.today().isoformat()}.json"

    def _backed_up_today(self) -> bool:
        return not self.path.exists() or self._todays_backup().exists()

    def _backup(self) -> None:
        """Copy the journal into backups/ (the first save of each day does)."""
        target = self._todays_backup()
        folder, stem = target.parent, self.path.stem
        ensure_private_dir(folder)
        atomic_copy(self.path, target)
        backups = sorted(folder.glob(f"{stem}-????-??-??.json"))
        for old in backups[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)

    def remove_stale_temp_files(self) -> int:
        """Delete temp files left by a writer that was killed mid-save.

        Only safe under the journal's lock: no other writer can be midway then.
        """
        removed = 0
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                leftover.unlink()
                removed += 1
            except OSError:
                pass
        return removed

    def close(self) -> None:
        # Nothing is buffered: every write() is already durable.
        pass


def list_backups(journal: Path) -> list[Path]:
    folder = backups_dir(journal)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{journal.stem}-????-??-??.json"), reverse=True)
