"""Writing a file so that a crash, a full disk or an I/O error leaves either
the old version or the new one, never a mix, and never a temp file behind.

Content is given as *pieces*: (buffer, start, end) slices, written in order.
The journal's serialiser (journal.pieces.dump_in_pieces) yields a megabyte
or so at a time, so a save at 50,000 encounters never holds the whole 30 MB
document in memory.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700

Piece = tuple[bytes, int, int]


def whole(payload: bytes) -> list[Piece]:
    return [(payload, 0, len(payload))]


def fsync_dir(folder: Path) -> None:
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


def _write_all(fd: int, view: memoryview) -> None:
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace_with(path: Path, fill: Callable[[int], None]) -> os.stat_result:
    """Make a temp file beside `path`, let `fill` write it, fsync, rename over `path`, fsync the folder.

    Returns the new file's stat, taken through its descriptor after the rename:
    what `path` names from then on, whatever may be renamed over it next.
    """
    folder = path.parent
    ensure_private_dir(folder)
    # Imported here: 8 ms that a save through the spare (the usual one) does not need.
    import tempfile

    # mkstemp creates the file 0600 whatever the umask.
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            fill(fd)
            os.fsync(fd)
            os.replace(tmp_name, path)
            written = os.fstat(fd)
        finally:
            os.close(fd)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    try:
        fsync_dir(folder)
    except OSError:
        # The new file is already in place and is what every reader sees:
        # reporting a failed save now would be false, and a retry would save
        # the change twice. Only its durability across a power cut is weaker.
        pass
    return written


def atomic_write(path: Path, pieces: Iterable[Piece]) -> os.stat_result:
    """Durably replace `path` with the pieces, or leave it untouched and raise; the new file's stat."""

    def fill(fd: int) -> None:
        for buffer, start, end in pieces:
            _write_all(fd, memoryview(buffer)[start:end])

    return _replace_with(path, fill)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    atomic_write(path, whole(payload))


def atomic_copy(source: Path, target: Path) -> None:
    """Durably make `target` a copy of `source`, in the kernel (no copy of the file in memory)."""
    with open(source, "rb") as src:
        size = os.fstat(src.fileno()).st_size

        def fill(fd: int) -> None:
            offset = 0
            while offset < size:
                sent = os.sendfile(fd, src.fileno(), offset, size - offset)
                if sent == 0:  # the source shrank meanwhile: the caller holds the lock, so it cannot
                    raise OSError(errno.EIO, "the file changed while it was copied", str(source))
                offset += sent

        _replace_with(target, fill)


# --------------------------------------------------------- the spare file
# A whole-file rewrite into a new temp file costs, at 50,000 encounters, the
# allocation and flush of 30 MB of new blocks (about 75 ms here, more than the
# serialising). A save changes a few hundred bytes near the end, so the save
# instead rewrites the *spare*: a second file that holds an older version, in
# which only the pieces from the first difference onwards need writing. The
# spare is then swapped with the journal in one atomic rename (RENAME_EXCHANGE),
# so the journal path still only ever names a complete, fsynced version, and
# the previous version becomes the next save's spare.
RENAME_EXCHANGE = 2
_AT_FDCWD = -100
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
        import ctypes

        code = ctypes.get_errno()
        if code in _NO_EXCHANGE:
            raise ExchangeUnsupported()
        raise OSError(code, os.strerror(code), str(first))


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


_COMPARE = 1 << 20  # bytes of the spare read at a time


def _same_prefix(fd: int, offset: int, buffer: bytes, start: int, end: int) -> int:
    """How many bytes of buffer[start:end] the spare already holds at `offset`."""
    done = 0
    while start + done < end:
        size = min(_COMPARE, end - start - done)
        there = os.pread(fd, size, offset + done)
        # startswith compares in place (memcmp), where a slice would copy.
        if len(there) == size and buffer.startswith(there, start + done):
            done += size
            continue
        low, high = 0, min(len(there), size)  # bisect to the first differing byte
        while low < high:
            middle = (low + high + 1) // 2
            if buffer.startswith(there[:middle], start + done):
                low = middle
            else:
                high = middle - 1
        return done + low
    return done


def _rewrite_spare(fd: int, pieces: Iterable[Piece]) -> None:
    """Make the spare hold the pieces, writing only from the first byte that differs."""
    offset = 0
    rewriting = False
    for buffer, start, end in pieces:
        if not rewriting:
            same = _same_prefix(fd, offset, buffer, start, end)
            offset += same
            if start + same == end:
                continue
            start += same
            rewriting = True
            os.lseek(fd, offset, os.SEEK_SET)
        _write_all(fd, memoryview(buffer)[start:end])
        offset += end - start
    if os.fstat(fd).st_size != offset:
        os.ftruncate(fd, offset)
    os.fsync(fd)


# Devices where swapping or leases turned out unsupported: saves there use a
# temp file from then on, rather than rewriting a spare only to throw it away.
_NO_SPARE_DEVICES: set[int] = set()


class _SpareInUse(Exception):
    """Another process has the spare open: it may still be reading it as the journal."""


def _nobody_else_has_open(fd: int) -> None:
    """Raise _SpareInUse unless this is the only open descriptor of the file.

    The spare is the inode the journal path named two saves ago: a program that
    opened the journal then (a slow upload, a backup tool) may still be reading
    it, and rewriting it would give that program a mix of two versions. A write
    lease is granted only when no one else has the file open; it is taken and
    given back at once, as a question. Its break signal is SIGURG, which is
    ignored by default, so an open racing the question cannot kill us.
    """
    import fcntl
    import signal

    try:
        fcntl.fcntl(fd, fcntl.F_SETSIG, signal.SIGURG)
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EBUSY):
            raise _SpareInUse() from None
        raise ExchangeUnsupported() from None  # no leases here (NFS, some FUSE): cannot know
    fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)


def write_journal(path: Path, make_pieces: Callable[[], Iterable[Piece]]) -> os.stat_result:
    """Durably make `path` hold the pieces, or leave it untouched and raise; the new file's stat.

    The stat is taken through the written file's own descriptor after it got
    the name, so a file renamed over the journal a moment later (by a program
    that ignores our lock) is never mistaken for it.

    Through the spare when the journal exists, the system can swap files and
    nobody else has the spare open; otherwise through a new temp file. On
    failure the spare is deleted: it may hold a half-written version and take
    disk space. make_pieces is called again if the spare cannot be used after all.
    """
    if _swap_function() is None or not path.exists() or _device(path) in _NO_SPARE_DEVICES:
        return atomic_write(path, make_pieces())
    spare = spare_path(path)
    try:
        # The previous save's swap must be on disk before its old journal is
        # rewritten: until then a power cut could bring back the name.
        fsync_dir(path.parent)
        fd = _open_spare(spare)
        try:
            _nobody_else_has_open(fd)
            _rewrite_spare(fd, make_pieces())
            exchange_paths(spare, path)
            written = os.fstat(fd)
        finally:
            os.close(fd)
    except _SpareInUse:
        return atomic_write(path, make_pieces())  # the spare stays as it is, for its reader
    except ExchangeUnsupported:
        _NO_SPARE_DEVICES.add(_device(path))
        _discard(spare)
        return atomic_write(path, make_pieces())
    except BaseException:
        _discard(spare)
        raise
    _make_private(spare)  # the previous journal, if it was readable by others
    try:
        fsync_dir(path.parent)
    except OSError:
        pass  # as in _replace_with: the swap is done; the next save fsyncs the folder first
    return written


def _device(path: Path) -> int:
    return os.stat(path.parent).st_dev


def _make_private(leftover: Path) -> None:
    try:
        info = os.lstat(leftover)
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != FILE_MODE:
            os.chmod(leftover, FILE_MODE)
    except OSError:
        pass  # the save is done; the spare is made private before its next rewrite anyway


def _discard(leftover: Path) -> None:
    try:
        os.unlink(leftover)
    except OSError:
        pass
