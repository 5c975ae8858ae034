"""The weekly review: the week's conversations at a glance, and a reflection you keep."""
from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static, TextArea
from textual.geometry import Region
from textual.widgets.option_list import Option

from journal.i18n import N_, _, ngettext
from journal import clock, dates_out
from journal.errors import JournalError
from journal.review import Review, compute_review, setting_label, to_markdown
from journal.durable import atomic_write_bytes
from journal.text import clean
from tui.screens.base import JournalScreen
from tui.widgets.footer import KeysFooter
from tui.screens.encounter import toggle_follow_up
from tui.widgets.charts import bars, columns
from tui.widgets.literal import literal

NUDGE = N_(
    "You asked more than you gave this week. Networking is not asking favours: "
    "who could you help, introduce or tell something useful next week?"
)


def _bold_count(text: Text, template: str, count: int) -> None:
    """Append a translated "{count} ..." with the number in bold, wherever the language puts it."""
    before, _field, after = template.partition("{count}")
    text.append(before)
    if _field:
        text.append(str(count), style="bold")
    text.append(after)


class FollowUpList(OptionList):
    """The week's follow-ups. Page keys, Home and End scroll the whole review,
    not this list: a list that eats them leaves the review stuck mid-way, with
    its reflection below the fold. Up and down still move the highlight."""

    BINDINGS = [
        Binding("pageup", "screen.scroll_body('page_up')", show=False),
        Binding("pagedown", "screen.scroll_body('page_down')", show=False),
        Binding("home", "screen.scroll_body('scroll_home')", show=False),
        Binding("end", "screen.scroll_body('scroll_end')", show=False),
    ]


class ReviewScreen(JournalScreen):
    BINDINGS = [
        Binding("left_square_bracket", "week(-1)", N_("Prev week"), id="review.previous", tooltip=N_("The week before")),
        Binding("right_square_bracket", "week(1)", N_("Next week"), id="review.next", tooltip=N_("The week after")),
        Binding("full_stop", "this_week", N_("This week"), id="review.this_week", tooltip=N_("Back to the current week")),
        Binding("x", "export", N_("Export"), id="review.export", tooltip=N_("Write this week's review as a Markdown file")),
        Binding("r", "reflect", N_("Reflect"), id="review.reflect", tooltip=N_("Write your reflection on the week")),
        Binding("ctrl+s", "save_reflection", N_("Save reflection"), id="review.save", tooltip=N_("Save the reflection")),
        Binding("escape", "leave_reflection", N_("Leave text"), id="review.leave", show=False, tooltip=N_("Stop editing the reflection (it is kept)")),
        Binding("space", "toggle_follow_up", N_("Done"), id="review.follow_up", show=False, tooltip=N_("Mark the highlighted follow-up done (or open again)")),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.week_start = clock.today()
        self.review: Review | None = None
        self._loaded_reflection = ""

    def compose(self) -> ComposeResult:
        yield Static(id="review-header", classes="screen-header")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-numbers")
            yield Static(id="review-nudge")
            with Horizontal(id="review-charts"):
                with Vertical(classes="review-column"):
                    yield Label(_("Per day"), classes="section-title")
                    yield Static(id="review-days")
                with Vertical(classes="review-column"):
                    yield Label(_("Per setting"), classes="section-title")
                    yield Static(id="review-settings")
            yield Label(_("Last 12 weeks"), classes="section-title")
            yield Static(id="review-history")
            with Horizontal(id="review-lists"):
                with Vertical(classes="review-column"):
                    yield Label(_("New people"), classes="section-title")
                    yield Static(id="review-new")
                    yield Label(_("Going cold"), classes="section-title")
                    yield Static(id="review-cold")
                with Vertical(classes="review-column"):
                    yield Label(_("Top topics"), classes="section-title")
                    yield Static(id="review-topics")
                    yield Label(_("Opinions formed or changed"), classes="section-title")
                    yield Static(id="review-opinions")
            yield Label(_("Group meetings"), classes="section-title", id="review-groups-title")
            yield Static(id="review-groups")
            yield Label(_("Follow-ups (space marks done)"), classes="section-title")
            yield FollowUpList(id="review-follow-ups")
            yield Label(_("Reflection: what went well, who to follow up, what to try next week (ctrl+s saves)"), classes="section-title")
            yield TextArea(id="review-reflection", soft_wrap=True, tab_behavior="focus")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sync_data()

    # ----------------------------------------------------------- drawing
    def refresh_data(self) -> None:
        store = self.store
        review = self.review = compute_review(store, self.week_start, first_weekday=self.app.settings.first_weekday)
        self._draw_header(review)
        numbers = Text()
        _bold_count(numbers, ngettext("{count} conversation", "{count} conversations", review.conversations), review.conversations)
        numbers.append(" ")
        _bold_count(numbers, ngettext("{count} person", "{count} people", review.people), review.people)
        numbers.append(" " + _("({new} new, {returning} returning)").format(
            new=len(review.new_people), returning=len(review.returning_people)) + "  ")
        numbers.append(_("you gave {count}").format(count=len(review.gave)), style="bold green")
        numbers.append(" · ")
        numbers.append(_("you asked for {count}").format(count=len(review.asked)), style="bold yellow")
        numbers.append("  " + ngettext("streak {count} day", "streak {count} days", review.streak).format(count=review.streak))
        self.query_one("#review-numbers", Static).update(numbers)
        nudge = self.query_one("#review-nudge", Static)
        nudge.update(Text(_(NUDGE), style="italic") if review.asks_outnumber_gives else "")
        nudge.display = review.asks_outnumber_gives

        days = [(dates_out.weekday_and_day(d), n) for d, n in review.by_day.items()]
        self.query_one("#review-days", Static).update(
            bars(days, label_width=max([7] + [len(label) for label, _ in days]), bar_width=16)
        )
        settings = [(setting_label(s), n) for s, n in list(review.by_setting.items())[:8]]
        self.query_one("#review-settings", Static).update(
            bars(settings, label_width=13, bar_width=14) if settings else Text(_("no conversations"), style="dim")
        )
        # "W48": a week's number under its column ("S48" in Portuguese, semana).
        history = columns([(_("W{number}").format(number=w.week[-2:]), w.conversations) for w in review.history])
        self.query_one("#review-history", Static).update(history)

        self.query_one("#review-new", Static).update(self._names(p.name for p in review.new_people))
        cold = [
            (ngettext("{name} ({count} day, cadence)", "{name} ({count} days, cadence)", c.days_since)
             if c.reason == "cadence" else ngettext("{name} ({count} day)", "{name} ({count} days)", c.days_since)
             ).format(name=c.person.name, count=c.days_since)
            for c in review.going_cold
        ]
        self.query_one("#review-cold", Static).update(self._names(cold[:10]))
        self.query_one("#review-topics", Static).update(self._names(f"#{t} ({n})" for t, n in review.topics.items()))
        kinds = {"formed": _("formed"), "changed": _("changed")}
        opinions = [f"{a.opinion.subject} ({kinds.get(a.kind, a.kind)}): {a.opinion.stance}" for a in review.opinions_changed]
        self.query_one("#review-opinions", Static).update(self._names(opinions))

        self._draw_groups(review)

        follow_ups = self.query_one("#review-follow-ups", OptionList)
        keep = follow_ups.highlighted
        follow_ups.clear_options()
        rows = [(e, "overdue") for e in review.follow_ups_overdue] + [(e, "due") for e in review.follow_ups_due]
        for encounter, state in rows:
            follow = encounter.follow_up
            # The year only when it is not this one: "overdue Tue 03 Sep" from 2024 read as weeks ago.
            line = Text("☐ " if not follow.done else "☑ ")
            said = _("overdue") if state == "overdue" else _("due")
            line.append(f"{said} {dates_out.padded_day(follow.due, year=follow.due.year != clock.today().year)}  " if follow.due else f"{said}  ", style="bold red" if state == "overdue" else "bold")
            line.append_text(literal(follow.text))
            names = store.names(encounter.people)
            if names:
                line.append_text(literal(" — " + ", ".join(names), style="dim"))
            follow_ups.add_option(Option(line, id=encounter.id))
        undated = review.follow_ups_open_undated
        if undated:
            # Never due, so never overdue: without their own heading they would be seen nowhere.
            follow_ups.add_option(Option(Text(_("Open, without a date"), style="bold"), id="heading-undated", disabled=True))
        for encounter in undated:
            line = Text("☐ ")
            line.append_text(literal(encounter.follow_up.text))
            names = store.names(encounter.people)
            if names:
                line.append_text(literal(" — " + ", ".join(names), style="dim"))
            follow_ups.add_option(Option(line, id=encounter.id))
        rows += [(e, "undated") for e in undated]
        if not rows:
            follow_ups.add_option(Option(Text(_("nothing due"), style="dim"), disabled=True))
        else:
            # Highlighted from the start, so that space works as the heading says.
            follow_ups.highlighted = min(keep or 0, follow_ups.option_count - 1)
            if follow_ups.highlighted_option is not None and follow_ups.highlighted_option.disabled:
                follow_ups.action_cursor_down()  # never on the heading

        reflection = self.query_one("#review-reflection", TextArea)
        # Cleaned: a text area draws its text as is, and a hand-edited journal
        # may hold escape sequences. Compared cleaned too, so that merely
        # showing such a reflection never counts as an edit to save.
        stored = clean(review.reflection)
        if reflection.text == self._loaded_reflection:
            # Only replace text the user has not edited since it was loaded.
            reflection.text = stored
        self._loaded_reflection = stored

    def _draw_groups(self, review: Review) -> None:
        """The week's group meetings: shown once the journal has groups."""
        has_groups = bool(review.groups) or bool(self.store.groups.all())
        self.query_one("#review-groups-title").display = has_groups
        shown = self.query_one("#review-groups", Static)
        shown.display = has_groups
        if not review.groups:
            shown.update(Text(_("no group met this week"), style="dim"))
            return
        zone = clock.local_zone()
        text = Text()
        for entry in review.groups:
            text.append_text(literal(entry.group.name, style="bold"))
            days = ", ".join(dates_out.weekday_and_day(m.when.astimezone(zone)) for m in entry.meetings)
            text.append(f"  {days}\n")
            text.append("  " + _("came:") + " ", style="dim")
            text.append_text(literal(", ".join(p.name for p in entry.attended) or _("nobody")))
            if entry.missing:
                text.append("   " + _("missing:") + " ", style="dim")
                text.append_text(literal(", ".join(p.name for p in entry.missing), style="yellow"))
            text.append("\n")
        shown.update(text)

    def _draw_header(self, review: Review) -> None:
        header = Text(_("Week {week}").format(week=dates_out.week_name(review.week, clock.today())), style="bold")
        header.append("   {start} – {end}".format(start=dates_out.padded_day(review.start, year=False), end=dates_out.padded_day(review.end)))
        if review.start <= clock.today() <= review.end:
            header.append("   " + _("this week"), style="italic")
        self.query_one("#review-header", Static).update(header)

    @staticmethod
    def _names(items) -> Text:
        items = list(items)
        if not items:
            return Text("—", style="dim")
        return literal("\n".join(items))

    # ----------------------------------------------------------- actions
    def _leave_week(self) -> bool:
        """Save an edited reflection before showing another week; False if that failed."""
        return self.action_save_reflection(quiet=True)

    def action_week(self, step: int) -> None:
        if self._leave_week():
            self.week_start = self.review.start + timedelta(days=7 * step)
            self._loaded_reflection = self.query_one("#review-reflection", TextArea).text
            self.refresh_data()
            self.query_one("#review-body").scroll_home(animate=False)

    def action_this_week(self) -> None:
        if self._leave_week():
            self.week_start = clock.today()
            self._loaded_reflection = self.query_one("#review-reflection", TextArea).text
            self.refresh_data()
            self.query_one("#review-body").scroll_home(animate=False)

    def action_reflect(self) -> None:
        area = self.query_one("#review-reflection", TextArea)
        area.focus()
        area.scroll_visible()

    def action_leave_reflection(self) -> None:
        if self.focused is self.query_one("#review-reflection", TextArea):
            self.query_one("#review-follow-ups", OptionList).focus()

    def action_save_reflection(self, quiet: bool = False) -> bool:
        if self.review is None:
            return True
        text = self.query_one("#review-reflection", TextArea).text
        if text == self._loaded_reflection:
            if not quiet:
                self.notify(_("The reflection is already saved."))
            return True
        try:
            self.store.save_reflection(self.review.week, text)
        except JournalError as exc:
            self.notify(_("Reflection not saved: {problem}").format(problem=exc), title=_("Not saved"), severity="error", markup=False)
            return False
        self._loaded_reflection = text
        self.app.data_version += 1
        self._seen_version = self.app.data_version
        self.notify(_("Reflection for {week} saved.").format(week=self.review.week), title=_("Saved"))
        return True

    def on_screen_suspend(self) -> None:
        # Leaving the screen keeps what was written.
        self.action_save_reflection(quiet=True)

    def action_scroll_body(self, how: str) -> None:
        getattr(self.query_one("#review-body", VerticalScroll), f"action_{how}")()

    def row_in_sight(self, options: OptionList) -> bool:
        """Whether the highlighted row of `options` is wholly on screen now."""
        index = options.highlighted
        if index is None:
            return False
        try:
            line = options._index_to_line[index]
            height = options._heights[index]
        except KeyError:
            return False
        seen = self._compositor.visible_widgets.get(options)
        if seen is None:
            return False
        region, clip = seen
        top = region.y + options.styles.gutter.top + line - round(options.scroll_y)
        row = Region(region.x, top, region.width, height)
        return clip.intersection(region).contains_region(row)

    def action_toggle_follow_up(self) -> None:
        options = self.query_one("#review-follow-ups", OptionList)
        if self.focused is not options or options.highlighted_option is None or options.highlighted_option.disabled:
            return
        if not self.row_in_sight(options):
            # A key acts only on a row the user can see: the list may have been
            # scrolled out of sight (the mouse wheel, Home) while it kept focus.
            # Bring the row into view instead; the next space acts on it.
            options.scroll_visible(animate=False)
            options.scroll_to_highlight()
            return
        toggle_follow_up(self.app, options.highlighted_option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_encounter(event.option.id)

    def action_export(self) -> None:
        if self.review is None:
            return
        self.action_save_reflection(quiet=True)
        review = compute_review(self.store, self.review.start, first_weekday=self.review.first_weekday)
        folder = self.store.path.parent / "exports"
        target = folder / f"review-{review.week}.md"
        try:
            atomic_write_bytes(target, to_markdown(review, self.store).encode("utf-8"))
        except OSError as exc:
            self.notify(_("Export failed: {problem}").format(problem=exc.strerror or exc), severity="error", markup=False)
            return
        self.notify(_("Exported to {path}").format(path=target), title=_("Exported"), markup=False, timeout=10)
