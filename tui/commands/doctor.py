"""`netjournal doctor`: does the journal read cleanly, and what lies beside it."""
from __future__ import annotations

from journal.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help=_("check the journal: damaged records, copies from other devices, leftover temp files, backups"),
        description=_("Read the whole journal and report what is wrong with it, and what lies beside it. "
                      "Exit status 0 when it reads (damaged records are listed, and kept as they are), 2 when it cannot be read."),
    )
    parser.set_defaults(handler=cmd_doctor)


def cmd_doctor(args, out, err) -> int:
    from journal.copies import find_conflict_copies
    from journal.durable import real_target
    from journal.storage import list_backups
    from journal.store import Store
    from journal.sync import conflicts_count, review_groups, review_line, store_tables

    path = args.journal_path
    print(_("Journal: {path}").format(path=path), file=out)
    if path.is_symlink():
        print(_("It is a link to {target}; saves write through it.").format(target=real_target(path)), file=out)
    with Store(path) as store:  # an unreadable file raises: the caller prints it and exits 2
        damaged = store.damaged_records()
        counts = {name: len(store._records[name]) for name in ("encounters", "people", "opinions", "reviews", "groups")}
        set_aside = conflicts_count(store)
        review = review_groups(store_tables(store))
    exists = path.exists()
    # Table names are the file's own words (docs/journal-format.md): not translated.
    tables = ", ".join(f"{n} {name}" for name, n in counts.items())
    if not exists:
        print(_("Reads cleanly: {tables} (no file yet)").format(tables=tables), file=out)
    elif damaged:
        print(_("Reads, with damaged records: {tables}").format(tables=tables), file=out)
    else:
        print(_("Reads cleanly: {tables}").format(tables=tables), file=out)
    for table, key, why in damaged:
        print(_("Damaged: record {key} of table '{table}': {why}. It is left out and kept as it is in the file.").format(
            key=key, table=table, why=why), file=out)
    folder = real_target(path).parent
    leftovers = sorted(folder.glob(f".{real_target(path).name}.*.tmp")) if folder.is_dir() else []
    for leftover in leftovers:
        print(_("Leftover temp file (from a save that was interrupted; the next save removes it): {path}").format(
            path=leftover), file=out)
    for copy in find_conflict_copies(path):
        print(_("Copy from another device (a sync conflict): {path}. Merge it with: netjournal merge \"{path}\"").format(
            path=copy), file=out)
    if set_aside:
        # English says "version(s)" whatever the count (tests and scripts read it); the plural is for translations.
        print(ngettext("Set aside by a merge, to review in the app (key c): {count} version(s).",
                       "Set aside by a merge, to review in the app (key c): {count} version(s).", set_aside).format(
            count=set_aside), file=out)
    for group in review:
        print(review_line(group), file=out)
    backups = list_backups(path)
    if backups:
        print(_("Backups: {count}, newest {path}").format(count=len(backups), path=backups[0]), file=out)
    else:
        print(_("Backups: none yet (the first save of each day makes one)"), file=out)
    return 0
