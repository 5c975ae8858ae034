"""Copies of the journal from another device: finding them, reading them, setting them aside.

When two devices save the journal before their sync engine has carried the
other's save across, the engine keeps one version under the journal's name
and renames the other beside it:

- Syncthing: `journal.sync-conflict-20261130-101500-ABCDEFG.json` (the
  stem, `.sync-conflict-`, date, time, the first 7 characters of the
  device id that made the change, then the extension; versions before
  1.0 had no device part);
- Dropbox: `journal (Ana's conflicted copy 2026-11-30).json`, sometimes
  with a counter: `journal (Ana's conflicted copy 2026-11-30 (1)).json`;
- Nextcloud and ownCloud: `journal (conflicted copy 2026-11-30 101500).json`;
  older clients `journal_conflict-20261130-101500.json`.

`netjournal merge` (journal.sync) joins such a copy into the journal.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .durable import ensure_private_dir, real_target
from .errors import JournalError
from .i18n import _
from .migrations import CURRENT_SCHEMA, TABLES, SchemaError, migrate, schema_version
from .paths import backups_dir


class CopyError(JournalError):
    """The other file cannot be merged; nothing was changed."""

    def __init__(self, path: Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(_("Cannot merge {path}: {reason}. Nothing was changed.").format(path=self.path, reason=reason))


def _patterns(name: str) -> list[re.Pattern]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    ext = re.escape("." + ext) if ext else ""
    stem = re.escape(stem)
    return [
        re.compile(rf"{stem}\.sync-conflict-\d{{8}}-\d{{6}}(-[A-Za-z0-9]{{7}})?{ext}"),
        re.compile(rf"{stem} \((?:[^()]*?)conflicted copy(?:[^()]|\(\d+\))*\){ext}", re.IGNORECASE),
        re.compile(rf"{stem}_conflict-\d{{8}}-\d{{6}}{ext}"),
    ]


def is_conflict_copy(journal: Path, candidate: Path) -> bool:
    names = {Path(journal).name, real_target(Path(journal)).name}
    return any(p.fullmatch(candidate.name) for name in names for p in _patterns(name))


def find_conflict_copies(journal: Path) -> list[Path]:
    """Conflict copies of the journal beside it (and beside the file a symlinked journal points to), oldest name first."""
    journal = Path(journal)
    found: dict[str, Path] = {}
    for path in (journal, real_target(journal)):
        folder = path.parent
        patterns = _patterns(path.name)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if any(p.fullmatch(entry.name) for p in patterns):
                try:
                    if not entry.is_file():
                        continue
                    key = os.path.realpath(entry.path)
                except OSError:
                    continue
                found.setdefault(key, Path(entry.path))
    return sorted(found.values(), key=lambda p: p.name)


# A conflict copy is a journal: the same size limits apply. This bounds what
# a stray huge file next to the journal can make us read.
MAX_COPY_BYTES = 512 * 1024 * 1024


def read_copy(path: Path, journal: Path) -> dict:
    """The data of another copy of the journal, at the current schema, or CopyError saying why not.

    Refused: a file that does not exist or cannot be read, the journal itself
    (or a link to it), anything that is not a netjournal journal, and a
    journal written by a newer netjournal.
    """
    from .storage import parse_journal
    from .errors import UnreadableJournalError

    path = Path(path)
    try:
        if path.exists() and Path(journal).exists() and os.path.samefile(path, journal):
            raise CopyError(path, _("it is the journal itself; name the other copy"))
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_COPY_BYTES:
                raise CopyError(path, _("it is {size} MB, larger than any journal").format(size=size // (1024 * 1024)))
            raw = handle.read()
    except FileNotFoundError:
        raise CopyError(path, _("there is no such file")) from None
    except IsADirectoryError:
        raise CopyError(path, _("it is a folder, not a file")) from None
    except PermissionError:
        raise CopyError(path, _("permission denied")) from None
    except OSError as exc:
        raise CopyError(path, exc.strerror or str(exc)) from None
    try:
        data = parse_journal(path, raw)
    except UnreadableJournalError as exc:
        raise CopyError(path, exc.reason) from None
    if not data or not any(name in data for name in TABLES):
        raise CopyError(path, _("it holds none of a journal's tables, so it is not a netjournal journal"))
    try:
        version = schema_version(data)
        if version > CURRENT_SCHEMA:
            raise CopyError(path, _("it was written by a newer netjournal (schema {version}; this one knows "
                                    "{known}); upgrade netjournal on this computer first").format(
                version=version, known=CURRENT_SCHEMA))
        data, _steps = migrate(data)
    except SchemaError as exc:
        raise CopyError(path, str(exc)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CopyError(path, _("it looks like a schema {version} journal but could not be upgraded ({problem})").format(
            version=version, problem=repr(exc))) from None
    return data


def set_aside(journal: Path, copy: Path) -> Path:
    """Move a merged copy into the journal's backups/ folder (never over another file); its new path."""
    folder = backups_dir(Path(journal))
    ensure_private_dir(folder)
    target = folder / copy.name
    stem, dot, ext = copy.name.rpartition(".")
    n = 2
    while target.exists():
        target = folder / (f"{stem}-{n}.{ext}" if dot else f"{copy.name}-{n}")
        n += 1
    try:
        os.replace(copy, target)
    except OSError as exc:
        import errno
        import shutil

        if exc.errno != errno.EXDEV:
            raise
        shutil.move(copy, target)  # a journal linked into a synced folder on another disk
    return target
