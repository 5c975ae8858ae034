"""Subcommands beyond add/path/backups, one module each; none imports Textual.

records.py holds what the reading commands (list, show, people, search) print.

Each module has `register(subparsers)`, which adds its parser and sets
`handler=function(args, out, err) -> exit code` on it.
"""
from __future__ import annotations

REGISTRARS: list = []


class UsageError(Exception):
    """Bad input on the command line: the message says what to fix.

    Defined here rather than in tui.cli so that subcommands can import it at
    the top: tui.cli imports this package, and `python -m tui.cli` would
    otherwise load a second tui.cli with a different UsageError class.
    """


def reported_settings(err):
    """The user's settings; a damaged file or value is said on `err` and ignored, never fatal."""
    from journal.settings import load_settings

    loaded = load_settings()
    for problem in loaded.problems:
        print(f"netjournal: {problem}", file=err)
    return loaded.settings


from . import opinions as _opinions  # noqa: E402

REGISTRARS.append(_opinions.register)

from . import review as _review  # noqa: E402

REGISTRARS.append(_review.register)

from . import demo as _demo  # noqa: E402

REGISTRARS.append(_demo.register)

from . import doctor as _doctor  # noqa: E402

REGISTRARS.append(_doctor.register)

from . import reach as _reach, intro as _intro, me as _me  # noqa: E402

REGISTRARS.extend([_reach.register, _intro.register, _me.register])

from . import group as _group  # noqa: E402

REGISTRARS.append(_group.register)

from . import groups as _groups  # noqa: E402

REGISTRARS.append(_groups.register)

from . import agenda as _agenda  # noqa: E402

REGISTRARS.append(_agenda.register)
from . import listing as _listing, people as _people, search as _search, show as _show  # noqa: E402

REGISTRARS.extend([_listing.register, _show.register, _people.register, _search.register])

from . import merge as _merge  # noqa: E402

REGISTRARS.append(_merge.register)

from . import contacts as _contacts  # noqa: E402

REGISTRARS.append(_contacts.register)

from . import export as _export  # noqa: E402

REGISTRARS.append(_export.register)
