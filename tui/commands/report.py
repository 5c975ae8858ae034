"""What `import` and `merge` share: a report of what changed, as text or JSON."""
from __future__ import annotations

import json
from collections.abc import Callable

from journal.i18n import _


def add_report_format(parser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_("output format of the report (default: text)"))


def print_report(args, out, make: Callable) -> int:
    """Open the journal, let `make(store)` change it and return its report, and print the report."""
    from journal.store import Store

    with Store(args.journal_path) as store:
        report = make(store)
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2), file=out)
    else:
        for line in report.lines():
            print(line, file=out)
    return 0
