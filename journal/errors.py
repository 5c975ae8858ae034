"""Errors the interface shows to the user; each message says what to do."""
from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base for everything the store reports to the user."""


class UnreadableJournalError(JournalError):
    """The file exists but cannot be read; it is never written over."""

    def __init__(self, path: Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"Cannot read the journal {self.path}: {reason}. Nothing was changed. "
            f"To recover, restore the latest copy from {self.path.parent / 'backups'} "
            f"(see `netjournal backups`), or point --journal at another file."
        )


class SaveError(JournalError):
    """A save failed (disk full, I/O error, lock timeout); the old file is intact."""


class ValidationError(JournalError):
    """Bad input; `field` names the form field it belongs to."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


class AmbiguousNameError(ValidationError):
    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        shown = ", ".join(candidates)
        super().__init__(
            "who",
            f"'{name}' matches several people ({shown}); type the full name.",
        )


class NotFoundError(JournalError):
    pass
