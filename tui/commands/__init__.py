"""Subcommands beyond add/path/backups, one module each; none imports Textual.

Each module has `register(subparsers)`, which adds its parser and sets
`handler=function(args, out, err) -> exit code` on it.
"""
from __future__ import annotations

REGISTRARS: list = []

from . import opinions as _opinions  # noqa: E402

REGISTRARS.append(_opinions.register)

from . import demo as _demo  # noqa: E402

REGISTRARS.append(_demo.register)
