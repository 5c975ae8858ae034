"""Errors the interface shows to the user; each message says what to do."""
from __future__ import annotations

from pathlib import Path

from .i18n import _


class JournalError(Exception):
    """Base for everything the store reports to the user."""


class UnreadableJournalError(JournalError):
    """The file exists but cannot be read; it is never written over."""

    def __init__(self, path: Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            _("Cannot read the journal {path}: {reason}. Nothing was changed. "
              "To recover, restore the latest copy from {backups} "
              "(see `netjournal backups`), or point --journal at another file.").format(
                path=self.path, reason=reason, backups=self.path.parent / "backups")
        )


class SaveError(JournalError):
    """A save failed (disk full, I/O error, lock timeout); the old file is intact."""


class ValidationError(JournalError):
    """Bad input; `field` names the form field it belongs to."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


class ValidationErrors(ValidationError):
    """Several fields are wrong at once: a form shows every one of them.

    Behaves as the first error for code that shows only one (the command line).
    """

    def __init__(self, errors: list[ValidationError]):
        self.errors = list(errors)
        super().__init__(self.errors[0].field, self.errors[0].message)


def raise_all(errors: list[ValidationError]) -> None:
    """Raise nothing, the one error, or all of them as ValidationErrors."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)


class AmbiguousNameError(ValidationError):
    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        shown = ", ".join(candidates)
        super().__init__(
            "who",
            _("'{name}' matches several people ({names}); type the full name.").format(name=name, names=shown),
        )


class NotFoundError(JournalError):
    pass
