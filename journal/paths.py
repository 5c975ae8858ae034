"""Where the journal lives: --journal, then NETJOURNAL_FILE, then the platform's data folder."""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "NETJOURNAL_FILE"


def default_journal_path() -> Path:
    # Imported only when no journal was named: it is a fifth of the command line's imports.
    import platformdirs

    return platformdirs.user_data_path("netjournal") / "journal.json"


def resolve_journal_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_journal_path()


def backups_dir(journal: Path) -> Path:
    return journal.parent / "backups"
