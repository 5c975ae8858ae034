"""The weekly review: what one week of the journal adds up to (issue 4).

Pure computation over a store; the review screen and `netjournal review`
only present a `Review`. Conventions used throughout:

* A week is seven local calendar days starting on `first_weekday`
  (0=Monday .. 6=Sunday). Its boundaries are local midnights built from
  dates, never by adding days to an aware datetime, so a week that contains
  a DST change still ends exactly at the next week's first midnight.
* Its label is the ISO week of its fourth day: the ISO week that holds most
  of its days. For Monday weeks that is simply the ISO week; a Sunday week
  from 22 to 28 November 2026 is "2026-W48". `week_of_label` is the inverse.
* An encounter belongs to the local day of its instant, so one typed in
  another time zone lands where it happened in the user's own calendar.
* "As of" is the week's last day, or today if the week is not over yet:
  going-cold and the streak are judged then, not with hindsight.
* Going cold: someone whose last encounter up to as_of is more than their
  keep_in_touch_days before it ("cadence"); or, cadence or not, someone met
  at least 3 times in the 12 weeks before the last 4 weeks (the 28 days
  ending on as_of) and not at all in those 4 weeks ("pattern").
* Follow-ups are judged by their current state (an old week does not know
  when a follow-up was later ticked off). A follow-up is *overdue* when it
  is open and its due date is before the cutoff, and *due* when it is open
  and due between the cutoff (or the week's start, if later) and the week's
  last day. The cutoff is the week's start for a week that is over, and
  today otherwise; so for the current week everything still open from
  before today is overdue and the rest of the week is due, with no overlap.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter


from . import clock, dates_out
from .dates import LocalDays, iso_week_label, parse_week, week_start
from .credit import ASKED, GAVE, credited, text_of
from .i18n import N_, _, ngettext
from .models import Encounter, Group, Person
from .names import fold
from .queries import streak as streak_of
from .visibility import ACTIVE_DAYS, Breadth, breadth as visibility_breadth, unaware_frequent

HISTORY_WEEKS = 12
TOP_TOPICS = 10
# "Going cold" without a cadence: a regular (this many encounters in the
# earlier window) who has not been seen in the recent window.
COLD_RECENT_DAYS = 28
COLD_EARLIER_DAYS = 84
COLD_MIN_ENCOUNTERS = 3
NO_SETTING = N_("unspecified")  # the key of by_setting (and of the JSON) for no setting; setting_label() shows it
# Nobody is overdue after a century; also keeps date arithmetic in range.
MAX_CADENCE_DAYS = 36500


def setting_label(setting: str) -> str:
    """A key of by_setting as shown: the no-setting key in the interface's language, a typed setting as typed."""
    return _(NO_SETTING) if setting == NO_SETTING else setting


_DAY = timedelta(days=1)
_WHEN = attrgetter("when")


@dataclass
class PersonBalance:
    person: Person
    gave: int = 0
    asked: int = 0


@dataclass
class GoingCold:
    person: Person
    last_seen: date
    days_since: int
    # "cadence": past keep_in_touch_days; "pattern": a regular who went quiet.
    reason: str


@dataclass
class GroupWeek:
    """A group's meetings in the week, who came and which members did not."""

    group: Group
    meetings: list[Encounter]  # the week's, oldest first
    attended: list[Person]  # came to at least one, in order of arrival
    missing: list[Person]  # members who came to none


@dataclass
class WeekCount:
    week: str
    start: date
    conversations: int


@dataclass
class Review:
    week: str  # "2026-W48"
    start: date  # first day
    end: date  # last day, inclusive
    first_weekday: int
    as_of: date  # min(end, today)
    encounters: list[Encounter]  # the week's, oldest first
    conversations: int
    people: int  # distinct people met
    new_people: list[Person]  # first ever met this week, in order of meeting
    returning_people: list[Person]
    by_day: dict[date, int]  # 7 entries, in week order
    by_setting: dict[str, int]  # most frequent first
    topics: dict[str, int]  # top topics, most frequent first
    gave: list[Encounter]
    asked: list[Encounter]
    balance: list[PersonBalance]  # people with a give or an ask this week, by name
    asks_outnumber_gives: bool
    follow_ups_due: list[Encounter]  # by due date
    follow_ups_overdue: list[Encounter]
    follow_ups_open_undated: list[Encounter]  # open, without a due date; newest first
    going_cold: list[GoingCold]  # longest silence first
    # journal.opinions.OpinionActivity: .opinion, .kind ("formed"/"changed"),
    # .changes; latest activity first.
    opinions_changed: list
    streak: int = 0
    history: list[WeekCount] = field(default_factory=list)  # oldest first, ends with this week
    reflection: str = ""
    # Visibility (issue 18): encounters where I told a quality; frequent contacts
    # who know none; how many organisations and fields the last 90 days span.
    told: list[Encounter] = field(default_factory=list)
    unaware_frequent: list[Person] = field(default_factory=list)
    breadth: Breadth | None = None
    groups: list[GroupWeek] = field(default_factory=list)  # groups that met, by their first meeting


# ------------------------------------------------------------------ weeks


def week_label(start: date) -> str:
    """The label of the week starting on `start` (ISO week of its 4th day)."""
    return iso_week_label(start + 3 * _DAY)


def week_of_label(label: str, first_weekday: int = 0) -> date:
    """The first day of the week labelled `label`; raises DateParseError."""
    return week_start(parse_week(label) + 3 * _DAY, first_weekday)


def streak_as_of(store, day: date) -> int:
    """Days in a row with a conversation, ending on `day` (or the day before)."""
    return _streak(store.encounters(), day, LocalDays())


def week_bounds(start: date, zone=None) -> tuple[datetime, datetime]:
    """[begin, end) of the week starting on `start`, as aware datetimes."""
    days = LocalDays(zone)
    return days.midnight(start), days.midnight(start + 7 * _DAY)


# ---------------------------------------------------------------- compute


def compute_review(
    store,
    week_start_date: date,
    *,
    first_weekday: int | None = 0,
    today: date | None = None,
    top_topics: int = TOP_TOPICS,
) -> Review:
    """The review of the week containing `week_start_date` (any day of it)."""
    local = LocalDays()
    today = today or clock.today()
    if first_weekday is None:  # the settings leave it to the language
        first_weekday = dates_out.first_weekday()
    start = week_start(week_start_date, first_weekday)
    end = start + 6 * _DAY
    as_of = min(end, today)
    midnights = [local.midnight(start + i * _DAY) for i in range(8)]
    begin_dt, end_dt = midnights[0], midnights[7]
    week = store.between(begin_dt, end_dt)

    cuts = [bisect.bisect_left(week, m, key=_WHEN) for m in midnights]
    by_day = {start + i * _DAY: cuts[i + 1] - cuts[i] for i in range(7)}

    people_by_id = {p.id: p for p in store.people()}
    met: dict[str, None] = {}
    for e in week:
        for pid in e.people:
            met.setdefault(pid)
    by_person = store.encounters_by_person()
    new_people: list[Person] = []
    returning: list[Person] = []
    for pid in met:
        person = people_by_id.get(pid)
        if person is None:
            continue
        first = by_person[pid][-1]
        (new_people if first.when >= begin_dt else returning).append(person)

    settings = Counter(e.setting or NO_SETTING for e in week)
    by_setting = dict(sorted(settings.items(), key=lambda kv: (-kv[1], kv[0])))

    gave = [e for e in week if e.gave.strip()]
    asked = [e for e in week if e.asked.strip()]
    balances: dict[str, PersonBalance] = {}
    for e in week:
        # Each to whom it counts: the people an @Name named, or everyone present.
        for kind, counted in ((GAVE, credited(e, GAVE)), (ASKED, credited(e, ASKED))):
            for pid in counted:
                if pid in people_by_id:
                    b = balances.setdefault(pid, PersonBalance(people_by_id[pid]))
                    if kind == GAVE:
                        b.gave += 1
                    else:
                        b.asked += 1
    balance = sorted(balances.values(), key=lambda b: fold(b.person.name))

    label = week_label(start)
    due, overdue = _follow_ups(store, start, end, today)
    opinions = _opinions_changed(store, begin_dt, end_dt)

    return Review(
        week=label,
        start=start,
        end=end,
        first_weekday=first_weekday,
        as_of=as_of,
        encounters=list(week),
        conversations=len(week),
        people=len(met),
        new_people=new_people,
        returning_people=returning,
        by_day=by_day,
        by_setting=by_setting,
        topics=_top_topics(week, top_topics),
        gave=gave,
        asked=asked,
        balance=balance,
        asks_outnumber_gives=len(asked) > len(gave),
        follow_ups_due=due,
        follow_ups_overdue=overdue,
        follow_ups_open_undated=_undated(store, end_dt),
        going_cold=_going_cold(people_by_id.values(), by_person, as_of, local),
        opinions_changed=opinions,
        streak=_streak(store.encounters(), as_of, local),
        history=_history(store, start, local),
        reflection=store.reflection(label),
        told=[e for e in week if e.told],
        unaware_frequent=unaware_frequent(store, as_of),
        breadth=visibility_breadth(store, as_of),
        groups=_group_weeks(store, week, people_by_id),
    )


def _group_weeks(store, week: list[Encounter], people_by_id: dict[str, Person]) -> list[GroupWeek]:
    """The week's meetings per group; members are those of today (membership has no history)."""
    found: dict[str, GroupWeek] = {}
    groups = {g.id: g for g in store.groups.all()}
    for encounter in week:
        group = groups.get(encounter.group_id)
        if group is not None:
            found.setdefault(group.id, GroupWeek(group, [], [], [])).meetings.append(encounter)
    for entry in found.values():
        came = list(dict.fromkeys(pid for m in entry.meetings for pid in m.people))
        entry.attended = [people_by_id[pid] for pid in came if pid in people_by_id]
        entry.missing = [people_by_id[pid] for pid in entry.group.members if pid in people_by_id and pid not in came]
    return list(found.values())


def _top_topics(week: list[Encounter], limit: int) -> dict[str, int]:
    # "AI" and "ai" are one topic; it is shown as first spelt this week.
    counts: Counter = Counter()
    spelling: dict[str, str] = {}
    for e in week:
        for topic in e.topics:
            key = topic.casefold()
            spelling.setdefault(key, topic)
            counts[key] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return {spelling[key]: n for key, n in ranked}


def _follow_ups(store, start: date, end: date, today: date) -> tuple[list[Encounter], list[Encounter]]:
    """(due, overdue): see the module docstring for the cutoff."""
    follow_ups, dues = store.open_follow_ups()
    cutoff = start if today > end else today
    overdue_to = bisect.bisect_left(dues, cutoff)
    due_from = bisect.bisect_left(dues, max(cutoff, start))
    due_to = bisect.bisect_right(dues, end)
    return follow_ups[due_from:due_to], follow_ups[:overdue_to]


def _undated(store, end: datetime) -> list[Encounter]:
    """Open follow-ups without a due date, of encounters before `end`, newest first."""
    undated = store.open_undated_follow_ups()  # oldest first
    hi = bisect.bisect_left(undated, end.timestamp(), key=lambda e: e.when.timestamp())
    return undated[:hi][::-1]


def _going_cold(people, by_person, as_of: date, local: LocalDays) -> list[GoingCold]:
    # Float timestamps: one datetime operation per person, then cheap
    # comparisons (aware datetimes in different zones compare slowly).
    cut = local.midnight(as_of + _DAY).timestamp()
    recent_from = local.midnight(as_of - (COLD_RECENT_DAYS - 1) * _DAY).timestamp()
    earlier_from = local.midnight(as_of - (COLD_RECENT_DAYS + COLD_EARLIER_DAYS - 1) * _DAY).timestamp()
    cadence_from: dict[int, float] = {}  # cadence -> first instant that is not past it
    cold: list[GoingCold] = []
    for person in people:
        seen = by_person.get(person.id)
        if not seen:
            continue
        i, last = 0, seen[0].when.timestamp()
        if last >= cut:
            # Reviewing a past week: skip what happened after as_of. Newest
            # first, so the key is False for those, then True.
            i = bisect.bisect_left(seen, True, key=lambda e: e.when.timestamp() < cut)
            if i == len(seen):
                continue
            last = seen[i].when.timestamp()
        cadence = person.keep_in_touch_days
        if cadence and cadence < MAX_CADENCE_DAYS:
            if cadence not in cadence_from:
                cadence_from[cadence] = local.midnight(as_of - cadence * _DAY).timestamp()
            if last < cadence_from[cadence]:
                day = local.date_of(seen[i].when)
                cold.append(GoingCold(person, day, (as_of - day).days, "cadence"))
                continue
        if last >= recent_from:
            continue
        # Newest first: the earlier window holds enough of them exactly when
        # the last of the first few falls inside it.
        nth = i + COLD_MIN_ENCOUNTERS - 1
        if nth < len(seen) and seen[nth].when.timestamp() >= earlier_from:
            day = local.date_of(seen[i].when)
            cold.append(GoingCold(person, day, (as_of - day).days, "pattern"))
    cold.sort(key=lambda c: (-c.days_since, fold(c.person.name)))
    return cold


def _first_at_or_after(encounters: list[Encounter], moment: datetime, hi: int) -> int:
    """The index of the first of encounters[:hi] at or after `moment`.

    Gallops back from `hi`, so finding the start of a day costs in
    proportion to that day's encounters, not to the whole journal.
    """
    right, step = hi, 1
    while True:
        probe = hi - step
        if probe < 0:
            left = 0
            break
        if encounters[probe].when < moment:
            left = probe + 1
            break
        right, step = probe, step * 2
    return bisect.bisect_left(encounters, moment, lo=left, hi=right, key=_WHEN)


def _streak(encounters: list[Encounter], as_of: date, local: LocalDays) -> int:
    # Only the run of days that can reach as_of is collected, walking back a
    # day at a time, instead of the local date of every encounter.
    days: set[date] = set()
    hi = _first_at_or_after(encounters, local.midnight(as_of + _DAY), len(encounters))
    day = as_of
    while hi > 0 and day > date.min:
        lo = _first_at_or_after(encounters, local.midnight(day), hi)
        if lo < hi:
            days.add(day)
        elif day < as_of:
            break  # as_of itself may be empty: the streak can end yesterday
        hi = lo
        day -= _DAY
    return streak_of(days, as_of)


def _history(store, start: date, local: LocalDays) -> list[WeekCount]:
    firsts = [start - 7 * back * _DAY for back in range(HISTORY_WEEKS - 1, -1, -1)]
    bounds = [local.midnight(first) for first in firsts] + [local.midnight(start + 7 * _DAY)]
    span = store.between(bounds[0], bounds[-1])
    cuts = [bisect.bisect_left(span, moment, key=_WHEN) for moment in bounds]
    return [WeekCount(week_label(first), first, cuts[i + 1] - cuts[i]) for i, first in enumerate(firsts)]


def _opinions_changed(store, begin: datetime, end: datetime) -> list:
    """Opinions formed or changed in [begin, end), from the store's opinion notes."""
    return list(store.opinions.changed_between(begin, end))


# ---------------------------------------------------------------- output


def _day(d: date, year: bool = False) -> str:
    """ "Tue 24 Nov" (with its year: "Tue 24 Nov 2026"), in the interface's language."""
    return dates_out.day_with_year(d) if year else dates_out.short_day(d, d)


def _follow_up_json(e: Encounter, store) -> dict:
    return {
        "text": e.follow_up.text,
        "due": e.follow_up.due.isoformat() if e.follow_up.due else None,
        "people": store.names(e.people),
        "encounter": e.id,
        "when": e.when.isoformat(),
    }


def _exchange_json(e: Encounter, kind: str, store) -> dict:
    return {
        "when": e.when.isoformat(),
        "people": store.names(e.people),
        "counted_for": store.names(credited(e, kind)),
        "text": text_of(e, kind),
        "encounter": e.id,
    }


def to_json_dict(review: Review, store) -> dict:
    """A JSON-ready dict; people appear by name, dates as ISO strings."""
    return {
        "week": review.week,
        "start": review.start.isoformat(),
        "end": review.end.isoformat(),
        "as_of": review.as_of.isoformat(),
        "conversations": review.conversations,
        "people": review.people,
        "new_people": [p.name for p in review.new_people],
        "returning_people": [p.name for p in review.returning_people],
        "by_day": {d.isoformat(): n for d, n in review.by_day.items()},
        "by_setting": dict(review.by_setting),
        "topics": dict(review.topics),
        "gave": [_exchange_json(e, GAVE, store) for e in review.gave],
        "asked": [_exchange_json(e, ASKED, store) for e in review.asked],
        "balance": [{"person": b.person.name, "gave": b.gave, "asked": b.asked} for b in review.balance],
        "asks_outnumber_gives": review.asks_outnumber_gives,
        "follow_ups_due": [_follow_up_json(e, store) for e in review.follow_ups_due],
        "follow_ups_overdue": [_follow_up_json(e, store) for e in review.follow_ups_overdue],
        "follow_ups_open_undated": [_follow_up_json(e, store) for e in review.follow_ups_open_undated],
        "going_cold": [
            {
                "person": c.person.name,
                "last_seen": c.last_seen.isoformat(),
                "days_since": c.days_since,
                "reason": c.reason,
                "keep_in_touch_days": c.person.keep_in_touch_days,
            }
            for c in review.going_cold
        ],
        "streak": review.streak,
        "history": [
            {"week": h.week, "start": h.start.isoformat(), "conversations": h.conversations}
            for h in review.history
        ],
        "opinions_changed": [
            {
                "subject": a.opinion.subject,
                "stance": a.opinion.stance,
                "confidence": a.opinion.confidence,
                "kind": a.kind,
            }
            for a in review.opinions_changed
        ],
        "reflection": review.reflection,
        "told": [{"when": e.when.isoformat(), "people": store.names(e.people), "qualities": list(e.told), "encounter": e.id}
                 for e in review.told],
        "unaware_frequent": {"count": len(review.unaware_frequent), "people": [p.name for p in review.unaware_frequent]},
        "breadth": _breadth_json(review.breadth),
        "groups": [
            {
                "id": g.group.id,
                "name": g.group.name,
                "meetings": [
                    {"encounter": m.id, "when": m.when.isoformat(), "place": m.place, "attended": store.names(m.people)}
                    for m in g.meetings
                ],
                "attended": [p.name for p in g.attended],
                "missing": [p.name for p in g.missing],
            }
            for g in review.groups
        ],
    }


def _breadth_json(breadth: Breadth | None) -> dict:
    if breadth is None:
        return {}
    return {
        "days": ACTIVE_DAYS,
        "organisations": len(breadth.organisations),
        "interests": len(breadth.interests),
        "organisations_once": breadth.organisations_once,
        "interests_once": breadth.interests_once,
    }


# The Markdown sections' titles, marked for the catalogs: to_markdown passes
# them to section() as they are, and section() translates them.
_SECTION_TITLES = (
    N_("By day"), N_("New people"), N_("Returning people"), N_("Settings"), N_("Topics"), N_("Gave"),
    N_("Asked"), N_("Give and ask, per person"), N_("Follow-ups due"), N_("Overdue follow-ups"),
    N_("Open follow-ups without a date"), N_("Going cold"), N_("Opinions changed"), N_("Told this week"),
    N_("They don't know what you do"), N_("Group meetings"),
)


def _item(text: str) -> str:
    """A list item holding user text verbatim; later lines stay inside it."""
    return "- " + text.replace("\n", "\n  ")


def to_markdown(review: Review, store) -> str:
    """A readable Markdown report; user text is inserted as typed."""
    r = review
    lines = [
        _("# Weekly review {week}").format(week=r.week),
        "",
        f"{_day(r.start)} – {_day(r.end, year=True)}",
        "",
        _("- **Conversations:** {count}").format(count=r.conversations),
        _("- **People:** {count} ({new} new, {returning} returning)").format(
            count=r.people, new=len(r.new_people), returning=len(r.returning_people)
        ),
        ngettext("- **Streak:** {count} day (as of {day})", "- **Streak:** {count} days (as of {day})", r.streak).format(
            count=r.streak, day=_day(r.as_of)
        ),
        _("- **Gave / asked:** {gave} / {asked}").format(gave=len(r.gave), asked=len(r.asked)),
    ]
    if r.asks_outnumber_gives:
        lines.append(_("- Asks outnumber gives this week."))

    def section(title: str, items: list[str]) -> None:
        # Titles are msgids (see _SECTION_TITLES); user text in items is never translated.
        lines.extend(["", "## " + _(title), ""])
        lines.extend(items or [_("_None._")])

    local = LocalDays()

    def who(e: Encounter, people: list[str] | None = None) -> str:
        day = _day(local.date_of(e.when))
        names = ", ".join(store.names(e.people if people is None else people))
        return f"{names}, {day}" if names else day

    section("By day", [f"- {_day(d)}: {n}" for d, n in r.by_day.items()])
    section("New people", [_item(p.name) for p in r.new_people])
    section("Returning people", [_item(p.name) for p in r.returning_people])
    section("Settings", [_item(f"{setting_label(s)}: {n}") for s, n in r.by_setting.items()])
    section("Topics", [_item(f"{t}: {n}") for t, n in r.topics.items()])
    section("Gave", [_item(f"{who(e, credited(e, GAVE))}: {e.gave}") for e in r.gave])
    section("Asked", [_item(f"{who(e, credited(e, ASKED))}: {e.asked}") for e in r.asked])
    section("Give and ask, per person", [_item(_("{name}: gave {gave}, asked {asked}").format(name=b.person.name, gave=b.gave, asked=b.asked)) for b in r.balance])
    section(
        "Follow-ups due",
        [_item(_("{text} ({who}; due {day})").format(text=e.follow_up.text, who=who(e), day=_day(e.follow_up.due)))
         for e in r.follow_ups_due],
    )
    section(
        "Overdue follow-ups",
        [_item(_("{text} ({who}; due {day})").format(text=e.follow_up.text, who=who(e), day=_day(e.follow_up.due, year=True)))
         for e in r.follow_ups_overdue],
    )
    section(
        "Open follow-ups without a date",
        [_item(f"{e.follow_up.text} ({who(e)})") for e in r.follow_ups_open_undated],
    )
    cold = []
    for c in r.going_cold:
        why = (
            ngettext("every {count} day", "every {count} days", c.person.keep_in_touch_days).format(
                count=c.person.keep_in_touch_days)
            if c.reason == "cadence"
            else _("used to meet often")
        )
        cold.append(_item(ngettext(
            "{name}: last seen {day}, {count} day ago ({why})", "{name}: last seen {day}, {count} days ago ({why})",
            c.days_since,
        ).format(name=c.person.name, day=_day(c.last_seen, year=True), count=c.days_since, why=why)))
    section("Going cold", cold)
    section(
        "Opinions changed",
        [
            _item(f"{a.opinion.subject}: {a.opinion.stance} ({a.opinion.confidence}; {a.kind})")
            for a in r.opinions_changed
        ],
    )
    section("Told this week", [_item(f"{who(e)}: {', '.join(e.told)}") for e in r.told])
    unaware = [p.name for p in r.unaware_frequent]
    section("They don't know what you do", [_item(ngettext(
        "{count} frequent contact (3+ times in 90 days): {names}", "{count} frequent contacts (3+ times in 90 days): {names}",
        len(unaware)).format(count=len(unaware), names=", ".join(unaware)))] if unaware else [])
    if r.breadth is not None:
        b = r.breadth
        section(_("Network breadth, last {days} days").format(days=ACTIVE_DAYS), [
            # Two counts, two plurals: each half is its own message.
            _item(_("{organisations}, {fields}").format(
                organisations=ngettext("{count} organisation", "{count} organisations", len(b.organisations)).format(
                    count=len(b.organisations)),
                fields=ngettext("{count} field", "{count} fields", len(b.interests)).format(count=len(b.interests)),
            )),
            *([_item(_("Seen once: {names}").format(names=", ".join(b.organisations_once + b.interests_once)))] if b.organisations_once or b.interests_once else []),
        ])
    if r.groups:
        meetings = []
        for g in r.groups:
            days = ", ".join(_day(local.date_of(m.when)) for m in g.meetings)
            came = ", ".join(p.name for p in g.attended) or _("nobody")
            line = _("{group}: {days}; came: {came}").format(group=g.group.name, days=days, came=came)
            if g.missing:
                line += "; " + _("missing: {names}").format(names=", ".join(p.name for p in g.missing))
            meetings.append(_item(line))
        section("Group meetings", meetings)
    section(ngettext("Last {count} week", "Last {count} weeks", len(r.history)).format(count=len(r.history)), [f"- {h.week}: {h.conversations}" for h in r.history])
    lines.extend(["", "## " + _("Reflection"), "", r.reflection if r.reflection.strip() else _("_None yet._")])
    return "\n".join(lines) + "\n"
