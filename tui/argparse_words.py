"""argparse's own words (usage:, options, its errors), in the language of the run.

argparse looks its words up with gettext's global domain and the process
locale, which knows neither netjournal's catalog nor --lang. Its module
globals `_` and `ngettext` are looked up at each call, so pointing them at
journal.i18n translates them; the words are listed here, with N_(), so
that the catalogs carry them and the completeness test covers them.
"""
from __future__ import annotations

import argparse

from journal import i18n
from journal.i18n import N_

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)


def install() -> None:
    """Translate argparse's words from now on (per process, like journal.i18n.use)."""
    argparse._ = i18n._
    argparse.ngettext = i18n.ngettext
