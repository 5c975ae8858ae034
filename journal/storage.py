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
  the old or the new version (see write_journal_bytes);
- copies the journal into backups/ before the first save of each day;
- refuses to load, and therefore to ever overwrite, a file it cannot read.

Locking is the store's job (journal.store): this class assumes its caller
holds the journal's lock around every read-modify-write.
"""
from __future__ import annotations

import errno
import gc
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
from tinydb.storages import Storage

from . import clock
from .errors import UnreadableJournalError
from .paths import backups_dir
from .pieces import parse_in_pieces

BACKUPS_KEPT = 10
FILE_MODE = 0o600
DIR_MODE = 0o700


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


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        # mkdir's mode is filtered by the umask; make sure it is really private.
        os.chmod(folder, DIR_MODE)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Durably replace `path` with `payload`, or leave it untouched and raise.

    No temp file survives a failure: a full disk (ENOSPC) or an I/O error
    anywhere in the sequence removes it before the error propagates.
    """
    folder = path.parent
    ensure_private_dir(folder)
    # mkstemp creates the file 0600 whatever the umask.
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    try:
        _fsync_dir(folder)
    except OSError:
        # The new file is already in place and is what every reader sees:
        # reporting a failed save now would be false, and a retry would save
        # the change twice. Only its durability across a power cut is weaker.
        pass


# --------------------------------------------------------- the spare file
# A whole-file rewrite into a new temp file costs, at 50,000 encounters, the
# allocation and flush of 30 MB of new blocks (about 75 ms here, more than the
# serialising). A save changes a few hundred bytes near the end, so the save
# instead rewrites the *spare*: a second file that holds an older version, in
# which only the bytes from the first difference onwards need writing. The
# spare is then swapped with the journal in one atomic rename (RENAME_EXCHANGE),
# so the journal path still only ever names a complete, fsynced version, and
# the previous version becomes the next save's spare.
RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_COMPARE_CHUNK = 1 << 20
# The file system or kernel cannot swap: the temp-file-and-replace path is used.
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EPERM, getattr(errno, "ENOTSUP", errno.EINVAL)}


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only to save: reading a journal does not need it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_UNLOADED = object()
_renameat2 = _UNLOADED  # loaded at the first save (tests set it to None to mimic other systems)


def _swap_function():
    global _renameat2
    if _renameat2 is _UNLOADED:
        _renameat2 = _load_renameat2()
    return _renameat2


class ExchangeUnsupported(Exception):
    """This platform or file system cannot swap two files atomically."""


def exchange_paths(first: Path, second: Path) -> None:
    """Atomically swap what two paths name, or raise (nothing changed)."""
    renameat2 = _swap_function()
    if renameat2 is None:
        raise ExchangeUnsupported()
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) != 0:
        code = _errno_of_last_call()
        if code in _NO_EXCHANGE:
            raise ExchangeUnsupported()
        raise OSError(code, os.strerror(code), str(first))


def _errno_of_last_call() -> int:
    import ctypes

    return ctypes.get_errno()


def spare_path(path: Path) -> Path:
    return path.parent / f".{path.name}.spare"


def _open_spare(spare: Path) -> int:
    """The spare, opened for rewriting; replaced by a new file if it is not a plain private file of ours."""
    flags = os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        fd = os.open(spare, flags)
    except FileNotFoundError:
        return os.open(spare, flags | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except OSError as exc:
        if exc.errno != errno.ELOOP:  # ELOOP: a symlink planted where the spare goes
            raise
        os.unlink(spare)
        return os.open(spare, flags | os.O_CREAT | os.O_EXCL, FILE_MODE)
    info = os.fstat(fd)
    # A hard link would make the rewrite show through another name.
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_uid != os.geteuid():
        os.close(fd)
        os.unlink(spare)
        return os.open(spare, flags | os.O_CREAT | os.O_EXCL, FILE_MODE)
    if stat.S_IMODE(info.st_mode) != FILE_MODE:
        os.fchmod(fd, FILE_MODE)
    return fd


def _first_difference(fd: int, payload: bytes) -> int:
    """Where the file's content stops being a copy of payload (len(payload) if it never does)."""
    offset, size = 0, len(payload)
    while offset < size:
        chunk = os.pread(fd, _COMPARE_CHUNK, offset)
        if not chunk:
            return offset
        same = payload[offset : offset + len(chunk)]
        if chunk != same:
            low, high = 0, min(len(chunk), len(same))
            while high - low > 64:  # bisect to a few bytes, then step
                middle = (low + high) // 2
                if chunk[low:middle] == same[low:middle]:
                    low = middle
                else:
                    high = middle
            while low < high and chunk[low] == same[low]:
                low += 1
            return offset + low
        offset += len(chunk)
    return size


def _write_spare(fd: int, payload: bytes) -> None:
    start = _first_difference(fd, payload)
    os.lseek(fd, start, os.SEEK_SET)
    view = memoryview(payload)[start:]
    while view:
        written = os.write(fd, view)
        view = view[written:]
    if os.fstat(fd).st_size != len(payload):
        os.ftruncate(fd, len(payload))
    os.fsync(fd)


def write_journal_bytes(path: Path, payload: bytes) -> None:
    """Durably make `path` hold `payload`, or leave it untouched and raise.

    Through the spare when the journal exists and the system can swap files,
    otherwise through a new temp file (atomic_write_bytes). On failure the
    spare is deleted: it may hold a half-written version and take disk space.
    """
    if _swap_function() is None or not path.exists():
        atomic_write_bytes(path, payload)
        return
    spare = spare_path(path)
    try:
        fd = _open_spare(spare)
        try:
            _write_spare(fd, payload)
        finally:
            os.close(fd)
        exchange_paths(spare, path)
    except ExchangeUnsupported:
        _discard(spare)
        atomic_write_bytes(path, payload)
        return
    except BaseException:
        _discard(spare)
        raise
    try:
        _fsync_dir(path.parent)
    except OSError:
        pass  # as in atomic_write_bytes: the swap is done and is what readers see


def _discard(leftover: Path) -> None:
    try:
        os.unlink(leftover)
    except OSError:
        pass


def _signature(info: os.stat_result) -> tuple:
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


_READ_ATTEMPTS = 5


def _read_stable(path: Path) -> tuple[bytes, tuple]:
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


def read_journal_bytes(path: Path) -> tuple[dict, tuple | None]:
    """Parse a journal file, or raise UnreadableJournalError saying why.

    Returns the data and the file signature it was read at.
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


class SafeJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike, **_ignored):
        self.path = Path(path)
        self._data: dict | None = None
        self._signature: tuple | None = None
        # Bumped each time data is (re)loaded from disk, so the store can tell
        # that someone else saved and rebuild its indexes.
        self.generation = 0
        self._batch_depth = 0
        self._pending: dict | None = None

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
        self._data, self._signature = read_journal_bytes(self.path)
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
            self._data = data
            return
        try:
            self._backup_once_a_day()
            write_journal_bytes(self.path, orjson.dumps(data))
        except BaseException:
            # TinyDB mutated our cached dict before calling write(); forget it so
            # the next read comes from the (intact) file on disk.
            self.invalidate()
            raise
        self._data = data
        self._signature = self._stat_signature()

    def invalidate(self) -> None:
        self._data = None
        self._signature = None
        self.generation += 1

    def _backup_once_a_day(self) -> None:
        if not self.path.exists():
            return
        folder = backups_dir(self.path)
        stem = self.path.stem
        target = folder / f"{stem}-{clock.today().isoformat()}.json"
        if target.exists():
            return
        ensure_private_dir(folder)
        atomic_write_bytes(target, self.path.read_bytes())
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
