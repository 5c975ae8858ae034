"""Copies from other devices, versions set aside by a merge, and records to review (issue 20).

One list with three parts:
- copies of the journal that a sync engine left beside it: m merges one
  (after saying what it would do), and the copy moves into backups/;
- versions a merge set aside because both sides changed a record: k keeps
  the version in use, u uses the set-aside one, e edits the record;
- records that look like one (two people of one name): enter opens them.
"""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _, pgettext
from journal import dates_out
from journal.copies import find_conflict_copies, set_aside
from journal.errors import JournalError
from journal.sync import keep_current, merge_copy, pending_conflicts, review_groups, store_tables, use_set_aside
from tui.screens.base import JournalScreen
from tui.widgets.literal import literal
from tui.widgets.footer import KeysFooter

_WHAT = {"people": N_("Person"), "encounters": N_("Encounter"), "opinions": N_("Opinion"), "reviews": N_("Reflection"),
         "me": N_("Your qualities"), "groups": N_("Group")}
_HIDDEN = {"id", "created_at", "updated_at"}


def _field_names() -> dict[str, str]:
    """A record's fields (their JSON keys) as the detail names them: the key itself in English, a word in a translation."""
    return {
        "when": pgettext("record field", "when"), "people": pgettext("record field", "people"),
        "place": pgettext("record field", "place"), "setting": pgettext("record field", "setting"),
        "notes": pgettext("record field", "notes"), "topics": pgettext("record field", "topics"),
        "learned": pgettext("record field", "learned"), "gave": pgettext("record field", "gave"),
        "asked": pgettext("record field", "asked"), "follow_up": pgettext("record field", "follow_up"),
        "introduced": pgettext("record field", "introduced"), "told": pgettext("record field", "told"),
        "group_id": pgettext("record field", "group_id"), "gave_to": pgettext("record field", "gave_to"),
        "asked_of": pgettext("record field", "asked_of"), "name": pgettext("record field", "name"),
        "aliases": pgettext("record field", "aliases"), "organisation": pgettext("record field", "organisation"),
        "interests": pgettext("record field", "interests"), "introduced_by": pgettext("record field", "introduced_by"),
        "keep_in_touch_days": pgettext("record field", "keep_in_touch_days"),
        "emails": pgettext("record field", "emails"), "phones": pgettext("record field", "phones"),
        "links": pgettext("record field", "links"), "subject": pgettext("record field", "subject"),
        "stance": pgettext("record field", "stance"), "confidence": pgettext("record field", "confidence"),
        "encounters": pgettext("record field", "encounters"), "history": pgettext("record field", "history"),
        "week": pgettext("record field", "week"), "reflection": pgettext("record field", "reflection"),
        "qualities": pgettext("record field", "qualities"), "kind": pgettext("record field", "kind"),
        "members": pgettext("record field", "members"), "cadence": pgettext("record field", "cadence"),
    }


def _summary(table: str, record, names) -> str:
    if table == "people":
        return record.name
    if table == "encounters":
        who = ", ".join(names(record.people))
        first = record.notes.strip().split("\n", 1)[0]
        return " · ".join(p for p in (dates_out.plain_date_time(record.when), who, first[:50]) if p)
    if table == "opinions":
        return record.subject
    if table == "me":
        return ", ".join(record.qualities)
    if table == "groups":
        return record.name
    return _("week {week}").format(week=record.week)


def _stamp(stamp: str) -> str:
    return stamp.replace("T", " ")[:16] + " UTC"


class ConflictsScreen(JournalScreen):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="conflicts.back", tooltip=N_("Back")),
        Binding("m", "merge", N_("Merge copy"), id="conflicts.merge", tooltip=N_("Merge the highlighted copy into the journal")),
        Binding("k", "keep", N_("Keep in use"), id="conflicts.keep", tooltip=N_("Keep the version in use; drop the set-aside one")),
        Binding("u", "use", N_("Use set-aside"), id="conflicts.use", tooltip=N_("Use the set-aside version instead")),
        Binding("e", "edit", N_("Edit"), id="conflicts.edit", tooltip=N_("Edit the record, then it is settled")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Copies and conflicts"), style="bold"), id="conflicts-header", classes="screen-header")
        yield OptionList(id="conflicts-list")
        with VerticalScroll(id="conflicts-detail-box"):
            yield Static(id="conflicts-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sync_data()
        self.query_one("#conflicts-list").focus()

    # ------------------------------------------------------------ drawing
    def refresh_data(self) -> None:
        options = self.query_one("#conflicts-list", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        rows: list[Option] = []
        self._copies = {str(p): p for p in find_conflict_copies(self.store.path)}
        self._pending = {p.conflict.id: p for p in pending_conflicts(self.store)}
        self._review = review_groups(store_tables(self.store))

        def heading(text: str) -> None:
            rows.append(Option(Text(text, style="bold"), disabled=True))

        if self._copies:
            heading(_("Copies from another device (m merges one)"))
            for key, path in self._copies.items():
                rows.append(Option(literal(path.name), id=f"copy:{key}"))
        if self._pending:
            heading(_("Set aside by a merge (k keeps the version in use, u uses the set-aside one, e edits)"))
            for cid, pending in self._pending.items():
                row = Text(f"{_(_WHAT[pending.conflict.table])}: ")
                row.append_text(literal(_summary(pending.conflict.table, pending.aside, self.store.names)))
                rows.append(Option(row, id=f"conflict:{cid}"))
        if self._review:
            heading(_("To review: these look like one (enter opens them)"))
            for n, group in enumerate(self._review):
                row = literal("; ".join(group["labels"]))
                row.append(f"  ({_(group['why'])})", style="dim")
                rows.append(Option(row, id=f"review:{n}"))
        if not rows:
            rows.append(Option(Text(_("Nothing to merge or review: no copies from other devices, nothing set aside.")),
                               disabled=True))
        options.clear_options()
        options.add_options(rows)
        ids = [o.id for o in rows]
        if keep is not None and keep in ids:
            options.highlighted = ids.index(keep)
        else:
            options.highlighted = next((i for i, o in enumerate(rows) if not o.disabled), None)
        self._show_detail()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def _highlighted(self) -> tuple[str, str] | None:
        option = self.query_one("#conflicts-list", OptionList).highlighted_option
        if option is None or not option.id:
            return None
        kind, _, key = option.id.partition(":")
        return kind, key

    def _show_detail(self) -> None:
        detail = self.query_one("#conflicts-detail", Static)
        chosen = self._highlighted()
        if chosen is None:
            detail.update("")
            return
        kind, key = chosen
        if kind == "copy":
            text = Text(_("A copy of the journal that a sync engine set aside, because two devices saved "
                          "before syncing. Press m to see what merging it would do, then merge it; it then "
                          "moves into backups/.") + "\n\n")
            text.append_text(literal(key, style="dim"))
        elif kind == "conflict":
            text = self._conflict_detail(self._pending[key])
        else:
            text = Text(_("These records look like one. Open a person (enter) and press m to merge two people, "
                          "or rename one; delete an opinion you do not want."))
        detail.update(text)

    def _conflict_detail(self, pending) -> Text:
        table = pending.conflict.table
        aside = pending.aside.to_dict()
        current = pending.current.to_dict() if pending.current is not None else None
        text = Text()
        if current is None:
            text.append(_("The record was deleted since. Press u to bring back the set-aside version.") + "\n\n")
        else:
            text.append(_("In use"), style="bold")
            text.append(" " + _("(changed {stamp})").format(stamp=_stamp(current['updated_at'])) + "   ")
        text.append(_("Set aside"), style="bold")
        text.append(" " + _("(changed {stamp})").format(stamp=_stamp(aside['updated_at'])) + "\n\n")
        field_names = _field_names()
        for field, value in aside.items():
            if field in _HIDDEN or (current is not None and current.get(field) == value):
                continue
            text.append(f"{field_names.get(field, field)}\n", style="bold")
            if current is not None:
                text.append("  " + _("in use:").ljust(11), style="dim")
                text.append_text(literal(self._shown(table, field, current.get(field))))
                text.append("\n")
            text.append("  " + _("set aside:").ljust(11), style="dim")
            text.append_text(literal(self._shown(table, field, value)))
            text.append("\n")
        return text

    def _shown(self, table: str, field: str, value) -> str:
        if table == "encounters" and field == "people":
            return ", ".join(self.store.names(value))
        if table == "groups" and field == "members":
            return ", ".join(self.store.names(value))
        if table == "encounters" and field == "introduced":
            return "; ".join(" > ".join(self.store.names(pair)) for pair in value)
        if table == "encounters" and field == "follow_up" and isinstance(value, dict):
            parts = [str(value.get("text") or "—")]
            if value.get("due"):
                parts.append(_("(due {day})").format(day=value["due"]))
            if value.get("done"):
                parts.append(_("done"))
            return " ".join(parts)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if isinstance(value, dict):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        return "—" if value in (None, "") else str(value)

    # ------------------------------------------------------------ actions
    def _chosen(self, kind: str):
        chosen = self._highlighted()
        if chosen is None or chosen[0] != kind:
            hint = {"copy": _("Highlight a copy from another device first."),
                    "conflict": _("Highlight a set-aside version first.")}[kind]
            self.notify(hint, severity="warning")
            return None
        return chosen[1]

    def action_merge(self) -> None:
        key = self._chosen("copy")
        if key is None:
            return
        self.app.merge_copy(self._copies[key])

    def action_keep(self) -> None:
        cid = self._chosen("conflict")
        if cid is not None:
            self._settle(lambda: keep_current(self.store, cid), _("Kept the version in use."))

    def action_use(self) -> None:
        cid = self._chosen("conflict")
        if cid is not None:
            self._settle(lambda: use_set_aside(self.store, cid), _("The set-aside version is in use now."))

    def _settle(self, do, message: str) -> None:
        try:
            do()
        except JournalError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")
            return
        self.app.data_changed()
        self.notify(message, title=_("Settled"))

    def action_edit(self) -> None:
        cid = self._chosen("conflict")
        if cid is None:
            return
        pending = self._pending[cid]
        table, current = pending.conflict.table, pending.current
        if current is None:
            self.notify(_("The record was deleted since; press u to bring back the set-aside version."), severity="warning")
            return
        before = current.to_dict()

        def settled(result) -> None:
            if result:
                self._settle(lambda: keep_current(self.store, cid, replaced=before), _("Edited and settled."))

        if table == "encounters":
            from tui.dialogs.quick_add import QuickAddDialog

            self.app.push_screen(QuickAddDialog(encounter=current), settled)
        elif table == "people":
            from tui.dialogs.person_edit import PersonEditDialog

            self.app.push_screen(PersonEditDialog(current.id), settled)
        elif table == "opinions":
            from tui.dialogs.opinion_edit import OpinionDialog

            self.app.push_screen(OpinionDialog(opinion=current), settled)
        elif table == "groups":
            self.notify(_("A group is edited on its page (g, then enter, then e); then press k here."), severity="warning")
        elif table == "me":
            self.notify(_("Your qualities are edited on the Visibility screen (v); then press k here."), severity="warning")
        else:
            self.notify(_("A reflection is edited on the weekly review (w, then r); then press k here."), severity="warning")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = self._highlighted()
        if chosen and chosen[0] == "review":
            group = self._review[int(chosen[1])]
            if group["table"] == "people":
                self.app.open_person(group["ids"][0])
            elif group["table"] == "groups":
                self.app.open_group(group["ids"][0])
            elif group["table"] == "opinions":
                from tui.screens.opinion import OpinionScreen

                self.app.push_screen(OpinionScreen(group["ids"][0]))

    def action_back(self) -> None:
        self.app.pop_screen()


def describe_merge(report) -> str:
    """One sentence of counts for the question before a merge and the notification after it."""
    counts = {action: sum(n.values()) for action, n in report.counts().items()}
    return _("{added} added, {updated} updated, {deleted} deleted, {aside} set aside for review, "
             "{joined} people joined").format(added=counts["added"], updated=counts["updated"],
                                             deleted=counts["deleted"], aside=counts["set_aside"],
                                             joined=len(report.joined))


def merge_and_set_aside(store, copy: Path):
    """Merge `copy` in one save, then move it into backups/; (report, where it went)."""
    report = merge_copy(store, copy)
    return report, set_aside(store.path, copy)
