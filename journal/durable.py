"""Writing a file so that a crash, a full disk or an I/O error leaves either
the old version or the new one, never a mix.

One path on every platform: the new bytes go to a temp file (0600) in the
target's own folder, the temp file is flushed to the disk, renamed over the
target with os.replace, and the folder is flushed so that the rename itself
survives a power cut. A target that is a symlink is written through: its
final target is replaced in its own folder, and the link stays a link.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no fcntl, and os.fsync is FlushFileBuffers there
    fcntl = None

FILE_MODE = 0o600
DIR_MODE = 0o700


def fsync_file(fd: int) -> None:
    """Flush a file to the disk itself.

    On macOS fsync only reaches the drive's cache; F_FULLFSYNC asks the drive
    to write it out, as SQLite does. A file system that refuses it gets fsync.
    """
    full = getattr(fcntl, "F_FULLFSYNC", None)
    if full is not None:
        try:
            fcntl.fcntl(fd, full)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable, where the platform lets a folder be flushed.

    Never raises: it runs after the new file took the journal's name, so the
    save has happened and is what every reader sees; reporting a failure now
    would be false, and a retry would save the change twice. Some file
    systems refuse it (EINVAL), and Windows cannot open a folder at all; the
    rename is then as durable as that system makes it.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        fsync_file(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parent, each 0700 whatever the umask."""
    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # another process made it meanwhile: it is theirs to set
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask


def real_target(path: Path) -> Path:
    """The file a save must replace: a symlinked journal is written through its link."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


def temp_beside(target: Path) -> tuple[int, str]:
    """An open temp file (0600 whatever the umask) in the target's folder, named for cleanup."""
    ensure_private_dir(target.parent)
    return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")


def _replace(target: Path, fd: int, tmp_name: str) -> os.stat_result:
    """Flush the filled temp file, rename it over `target`, flush the folder; the new file's stat."""
    try:
        try:
            fsync_file(fd)
            os.replace(tmp_name, target)
            # Through the descriptor: what `target` names now, whatever is renamed over it next.
            written = os.fstat(fd)
        finally:
            os.close(fd)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(target.parent)
    return written


def atomic_write(path: Path, payload: bytes) -> os.stat_result:
    """Durably replace `path` with `payload`, or leave it untouched and raise; the new file's stat."""
    target = real_target(Path(path))
    fd, tmp_name = temp_beside(target)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        os.unlink(tmp_name)
        raise
    return _replace(target, fd, tmp_name)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    atomic_write(path, payload)


def atomic_copy(source: Path, target: Path) -> None:
    """Durably make `target` a copy of `source` (read through a link), or leave it untouched and raise."""
    target = real_target(Path(target))
    fd, tmp_name = temp_beside(target)
    try:
        with open(source, "rb") as src, open(fd, "wb", closefd=False) as dst:
            shutil.copyfileobj(src, dst)
    except BaseException:
        os.close(fd)
        os.unlink(tmp_name)
        raise
    _replace(target, fd, tmp_name)


def remove_temp_files(folder: Path, name: str) -> int:
    """Delete temp files of `name` left in `folder` by a writer killed mid-save.

    Only safe under the journal's lock: no other writer is midway then.
    """
    removed = 0
    for leftover in Path(folder).glob(f".{name}.*.tmp"):
        try:
            leftover.unlink()
            removed += 1
        except OSError:
            pass
    return removed
