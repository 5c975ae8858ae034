"""Reading the dates people type, and naming days and weeks for display.

Pure domain code: no Textual imports, so it can be used and tested
without a terminal.

Two entry points read user text:

* `parse_when` for an encounter, which has always already happened.
* `parse_due` for a follow-up, which is usually in the future.

Both read an explicit, small grammar (see their docstrings) instead of
handing the text to dateutil's parser. dateutil guesses hard: with
``fuzzy=True`` it ignores unknown words, and even without it "fri 14h"
becomes *next* Friday and "5" becomes the 5th of this month. A mistyped
date that silently becomes some other date would corrupt the journal, so
anything outside the grammar is a `DateParseError`. dateutil's parser
only sees text that has already been shape-checked (ISO dates, month
names); relativedelta does the calendar work, and the local zone's
offsets come from journal.clock (the C library), not from dateutil's tz module.

Portuguese is always read too, whatever the interface language: `_normalise`
rewrites it into the English phrase it means (journal.dates_pt: "ontem às
18h" is "yesterday at 18h"), so one grammar serves both languages.
"""

from __future__ import annotations

import re
import time as _time
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from . import clock
from . import i18n
from .i18n import N_, _


def _du_parser():
    # Imported on first use: it costs ~30 ms, and most dates ("now",
    # "yesterday 18:30") never reach it; `netjournal add` starts faster.
    from dateutil import parser

    return parser

__all__ = [
    "DateParseError",
    "parse_when",
    "parse_bound",
    "parse_due",
    "week_start",
    "iso_week_label",
    "parse_week",
    "format_day_heading",
]


class DateParseError(ValueError):
    """The text could not be turned into a date.

    ``str(err)`` is short and meant to be shown to the user as is.
    """


MAX_INPUT_LENGTH = 100
# Older "encounters" are typos ("0026-11-20"); near year 1 zone offsets
# also turn into local mean time and UTC conversion overflows.
MIN_YEAR = 1900
# Clocks of the user and of the caller that produced `now` can drift a
# little; "now" typed a few seconds later must not count as the future.
FUTURE_SLACK = timedelta(minutes=1)

# Translated where they are shown: each language gives its own examples.
_WHEN_HINT = N_("Try: now, yesterday 18:30, last friday, 3 days ago, 2026-11-20 14:00")
_DUE_HINT = N_("Try: tomorrow, fri, next week, in 3 days, 2026-12-01")
_WEEK_HINT = N_("Try: 2026-W48")
_WEEK_OF_HINT = N_("Try: 2026-W48, 2026-48, last, -1 (a week back), or a date in the week such as 2026-11-25")
# What _normalise says about an empty or overlong entry, per thing asked for.
_EMPTY = {"a date": N_("Please enter a date. {hint}"), "a due date": N_("Please enter a due date. {hint}"),
          "a week": N_("Please enter a week. {hint}")}
_TOO_LONG = {"a date": N_("That is too long for a date. {hint}"), "a due date": N_("That is too long for a due date. {hint}"),
             "a week": N_("That is too long for a week. {hint}")}
# The weeks a review can show: its history reaches 12 weeks back and its last
# midnight a week ahead, which must stay inside the C library's and
# datetime's years.
FIRST_WEEK_YEAR, LAST_WEEK_YEAR = MIN_YEAR, 9998

_WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}

# Value: (relativedelta keyword, is absolute time). Minutes and hours are
# elapsed time ("2h ago" across a DST change is 2 real hours); days and
# longer are calendar steps that keep the wall-clock time.
_UNITS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), ("minutes", True)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), ("hours", True)),
    **dict.fromkeys(("d", "day", "days"), ("days", False)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), ("weeks", False)),
    **dict.fromkeys(("month", "months"), ("months", False)),
}

# re.ASCII everywhere: otherwise \d accepts Arabic-Indic and other digits,
# which int() happily converts, widening the grammar by accident.
_A = re.ASCII


class _Lazy:
    """A pattern compiled at its first use.

    Compiling them all took 4 ms of every command's start, and `netjournal
    add` of an encounter happening now parses no date at all.
    """

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args) -> None:
        self._args = args
        self._compiled: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def fullmatch(self, text: str) -> re.Match | None:
        return self.compiled.fullmatch(text)

_TIME = r"""
    (?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)
  | (?P<h24>\d{1,2}):(?P<m24>\d{2})
  | (?P<hfr>\d{1,2})h(?P<mfr>\d{2})?
  | (?P<word>noon|midnight)
"""
_WITH_TIME_RE = _Lazy(
    rf"(?:(?P<day>.+?)\s+)?(?:at\s+)?(?:{_TIME})", re.VERBOSE | _A
)
_NUMBER = r"(?P<n>\d{1,4}|an?)"
_UNIT = r"(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
_AGO_RE = _Lazy(rf"{_NUMBER}\s*{_UNIT}\s+ago", _A)
_IN_RE = _Lazy(rf"in\s+{_NUMBER}\s*{_UNIT}", _A)
_WEEKDAY_RE = _Lazy(
    r"(?:(?P<mod>last|next)\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")", _A
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR_FIRST_RE = _Lazy(r"\d{4}-\d{1,2}-\d{1,2}", _A)
_NUMERIC_RE = _Lazy(
    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<year>\d{2}|\d{4}))?", _A
)
_DAY_MONTH_RE = _Lazy(
    rf"(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?", _A
)
_MONTH_DAY_RE = _Lazy(
    rf"(?P<dm>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+(?P<year>\d{{4}}))?", _A
)
_WEEK_RE = _Lazy(r"(?P<year>\d{4})-?w(?P<week>\d{1,2})", _A)
# "2026-48": a week number after the year (a date has two dashes).
_YEAR_WEEK_RE = _Lazy(r"(?P<year>\d{4})-(?P<week>\d{1,2})", _A)
_WEEKS_BACK_RE = _Lazy(r"(?P<sign>[+-])(?P<n>\d{1,4})", _A)


# Parts of the day people say instead of a time, and the time each stands
# for (shown beside the field, so the user sees what was understood).
_PARTS = {
    "breakfast": (8, 0),
    "morning": (9, 0),
    "lunchtime": (12, 30),
    "lunch": (12, 30),
    "afternoon": (15, 0),
    "evening": (19, 0),
    "dinner": (20, 0),
    "night": (21, 0),
}
_PART_RE = _Lazy(
    r"(?:(?P<day>.+?)\s+)?(?:(?:this|at)\s+)?(?P<part>" + "|".join(_PARTS) + ")", _A
)
# Whole phrases that name a day and a part at once.
_PART_PHRASES = {"tonight": "today night", "last night": "yesterday night"}


class _Day(NamedTuple):
    day: date
    # No year was typed: parse_when may move it back a year.
    yearless: bool = False


class _NotADate(Exception):
    """Internal: the day part is outside the grammar."""


class _OutOfRange(Exception):
    """Internal: a real date, but too far back or ahead for an encounter."""

    def __init__(self, *, past: bool) -> None:
        super().__init__()
        self.past = past


# ---------------------------------------------------------------- helpers


def _shown(text: str) -> str:
    """The user's text, made safe to echo back inside an error message."""
    flat = " ".join(text.split())
    flat = "".join(c if c.isprintable() else "?" for c in flat)
    return flat if len(flat) <= 30 else flat[:29] + "…"


def _normalise(text: object, hint: str, what: str) -> str:
    if not isinstance(text, str):
        raise DateParseError(_(_EMPTY[what]).format(hint=_(hint)))
    # Checked before any other work so pasted megabytes cost nothing.
    if len(text) > MAX_INPUT_LENGTH:
        raise DateParseError(_(_TOO_LONG[what]).format(hint=_(hint)))
    s = " ".join(text.split()).lower()
    if not s:
        raise DateParseError(_(_EMPTY[what]).format(hint=_(hint)))
    # Portuguese is always read too, as the English phrase it means (issue 19).
    from .dates_pt import to_english

    return to_english(s)


def _count(n: str) -> int:
    return 1 if n in ("a", "an") else int(n)


def _parse_time(m: re.Match[str]) -> tuple[int, int] | None:
    """(hour, minute) from a `_TIME` match, or None if out of range."""
    if m["word"]:
        return (12, 0) if m["word"] == "noon" else (0, 0)
    if m["ampm"]:
        hour, minute = int(m["h12"]), int(m["m12"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour %= 12
        if m["ampm"].startswith("p"):
            hour += 12
    elif m["h24"] is not None:
        hour, minute = int(m["h24"]), int(m["m24"])
    else:
        hour, minute = int(m["hfr"]), int(m["mfr"] or 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _split_time(s: str) -> tuple[str, tuple[int, int] | None, bool]:
    """Split "yesterday 18:30" into ("yesterday", (18, 30), True).

    The last item says whether a time was typed at all, so that an
    out-of-range time ("25:00") is reported instead of being ignored.
    """
    # "2026-11-20t14:00" is what ISO-minded users paste.
    s = re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", r"\1 ", s, flags=_A)
    m = _WITH_TIME_RE.fullmatch(s)
    if m is None:
        return s, None, False
    day = m["day"] or ""
    # For "at 14h" the optional day group matches "at" before the
    # optional "at" gets a chance.
    if day == "at":
        day = ""
    return day, _parse_time(m), True


def _part_of_day(s: str) -> tuple[str, tuple[int, int], bool] | None:
    """Split "yesterday evening" into ("yesterday", (19, 0), True), like _split_time; None if no part."""
    m = _PART_RE.fullmatch(_PART_PHRASES.get(s, s))
    if m is None:
        return None
    day = m["day"] or ""
    # As in _split_time: the optional day group takes "this" or "at" first.
    if day in ("this", "at"):
        day = ""
    return day, _PARTS[m["part"]], True


def _yesterday_hint(s: str, day_text: str) -> str | None:
    """What the user probably meant by a time later than now today: "yesterday 18:30"."""
    if s == "tonight":
        return "last night"
    if day_text == "":
        return "yesterday " + re.sub(r"^(?:this|at)\s+", "", s)
    if day_text == "today":
        return "yesterday" + s[len("today"):]
    wd = _WEEKDAY_RE.fullmatch(day_text)
    if wd and wd["mod"] is None:
        # A bare weekday only lands in the future when it means today.
        return "last " + s
    return None


def _hint_as_typed(hint: str, shown: str) -> str:
    """The yesterday hint in Portuguese, from what was typed: "hoje às 23h" -> "ontem às 23h".

    The grammar reads Portuguese by rewriting it in English, so _yesterday_hint's
    words are English; a Portuguese message must not quote them.
    """
    typed = shown.strip()
    if hint == "last night":
        return "ontem à noite"
    if hint.startswith("last "):  # a bare weekday: "sexta 18h" -> "sexta passada 18h"
        day, _space, rest = typed.partition(" ")
        return f"{day} passada {rest}".strip()
    folded = typed.casefold()
    if folded.startswith("hoje"):
        return "ontem" + typed[len("hoje"):]
    return "ontem " + typed


def _explicit_date(s: str, year: int, dayfirst: bool) -> _Day:
    """A typed calendar date, using `year` when none is given.

    Raises _NotADate for text that is not date-shaped, ValueError for a
    date-shaped one that does not exist ("31/02").
    """
    if _YEAR_FIRST_RE.fullmatch(s):
        # dateutil honours dayfirst even after a 4-digit year, reading
        # "2026-01-02" as 1 February, so year-first text never gets it.
        d = _du_parser().parse(s, yearfirst=True, dayfirst=False)
        return _Day(d.date())
    m = (
        _NUMERIC_RE.fullmatch(s)
        or _DAY_MONTH_RE.fullmatch(s)
        or _MONTH_DAY_RE.fullmatch(s)
    )
    if m is None:
        raise _NotADate
    if m.re is _NUMERIC_RE.compiled:
        # Not dateutil: it reads "20.11" as 20 January, and it swaps the
        # order of "11/20" under dayfirst but not of "20/11" without it.
        # The user's configured order is applied strictly instead.
        a, b = int(m["a"]), int(m["b"])
        day, month = (a, b) if dayfirst else (b, a)
        if m["year"] is None:
            return _Day(date(year, month, day), yearless=True)
        y = int(m["year"])
        if len(m["year"]) == 2:
            # The century that puts the year nearest `year`.
            y += year - year % 100
            if y > year + 50:
                y -= 100
            elif y < year - 50:
                y += 100
        return _Day(date(y, month, day))
    # The year goes in through `default`: dateutil turns "0001" into 2001.
    default = datetime(year if m["year"] is None else int(m["year"]), 1, 1)
    d = _du_parser().parse(m["dm"], default=default)
    return _Day(d.date(), yearless=m["year"] is None)


def _calendar_day(
    s: str, today: date, *, future_weekdays: bool, year: int, dayfirst: bool
) -> _Day:
    """The day named by `s` (no time part).

    `future_weekdays` picks what a bare weekday means: the next one
    strictly after today (due dates) or the latest one, today included
    (encounters).
    """
    if s == "today":
        return _Day(today)
    if s == "yesterday":
        return _Day(today - timedelta(days=1))
    if s == "tomorrow":
        return _Day(today + timedelta(days=1))
    if s in ("last week", "next week"):
        return _Day(today + timedelta(days=-7 if s == "last week" else 7))
    if s in ("last month", "next month"):
        return _Day(today + relativedelta(months=-1 if s == "last month" else 1))

    m = _AGO_RE.fullmatch(s) or _IN_RE.fullmatch(s)
    if m:
        keyword, absolute = _UNITS[m["unit"]]
        if absolute:
            # Hours are not a day; callers that allow them handle them.
            raise _NotADate
        n = _count(m["n"])
        sign = -1 if s.endswith("ago") else 1
        # relativedelta clamps "1 month ago" on 31 March to 28/29 Feb
        # instead of failing.
        return _Day(today + relativedelta(**{keyword: sign * n}))

    m = _WEEKDAY_RE.fullmatch(s)
    if m:
        wd = _WEEKDAYS[m["wd"]]
        mod = m["mod"]
        if mod == "last" or (mod != "next" and not future_weekdays):
            back = (today.weekday() - wd) % 7
            if mod == "last" and back == 0:
                back = 7
            return _Day(today - timedelta(days=back))
        ahead = (wd - today.weekday()) % 7 or 7
        return _Day(today + timedelta(days=ahead))

    return _explicit_date(s, year, dayfirst)


def _attach(wall: datetime, zone) -> datetime:
    """Give a naive wall-clock time the zone of `now`, with the offset of its own date.

    Attaching (not converting) is what makes "yesterday 18:30" mean 18:30
    on the clock even across a DST change; a time that the change skipped
    (02:30 on a spring-forward night) is moved forward to one that exists,
    and a repeated one is the first: through UTC and back, a skipped time
    (PEP 495 gives it the offset from before the change) comes out as the
    time the clocks showed. The local zone (journal.clock.SystemZone) takes
    its offsets from the C library, other zones from their own rules.
    """
    return wall.replace(tzinfo=zone).astimezone(timezone.utc).astimezone(zone)


def _is_future(dt: datetime, now: datetime) -> bool:
    # Aware datetimes sharing a tzinfo object compare as naive wall times,
    # which is wrong in the repeated hour of an autumn DST change: compare
    # instants instead.
    return dt.astimezone(timezone.utc) > now.astimezone(timezone.utc) + FUTURE_SLACK


# ---------------------------------------------------------------- parsing


def parse_when(text: str, now: datetime, *, dayfirst: bool = True) -> datetime:
    """When an encounter happened, as an aware datetime in ``now``'s zone.

    Accepted (case-insensitive, extra whitespace ignored), optionally
    followed by a time such as ``18:30``, ``9am``, ``9:15 pm``, ``14h``,
    ``14h30``, ``noon`` (an ``at`` before the time is allowed):

    * ``now``; a time alone (``9am``, ``14:00``) means today;
    * ``today``, ``yesterday``, ``last week``, ``last month``;
    * a weekday (``fri``, ``friday``): the most recent one, *today
      included*; ``last fri`` is the most recent one strictly before today;
    * ``3 days ago``, ``1 week ago``, ``a month ago`` (calendar days);
      ``2h ago``, ``2 hours ago``, ``30 min ago``
      are elapsed time, taken from ``now`` exactly (these take no time);
    * ``2026-11-20``; ``20/11``, ``20/11/2026``, ``20.11.26`` (day first
      unless ``dayfirst=False``; the order is applied strictly, so
      ``20/11`` is an error with ``dayfirst=False``); ``1 dec``, ``dec 1``, ``1 dec 2025``.

    Instead of a time, a part of the day: ``this morning`` (09:00),
    ``lunch`` (12:30), ``afternoon`` (15:00), ``yesterday evening``
    (19:00), ``dinner`` (20:00), ``tonight``, ``last night``, ``sunday
    night`` (21:00), ``breakfast`` (08:00); ``this`` or ``at`` may come
    before it.

    A day given without a time, however it is typed (``last fri``,
    ``3 days ago``, ``20/11``), is set to 12:00, a neutral mid-day guess
    that cannot slip to a neighbouring day when shown in another zone;
    today without a time is ``now``.

    A date typed without a year that would fall in the future is taken
    from the previous year ("20/12" typed in January is last December).

    Raises `DateParseError` for anything else, and for results more than
    a minute after ``now``: an encounter has already happened. A time later
    than now today says what was probably meant ("did you mean yesterday
    18:30?").
    """
    if now.tzinfo is None:
        raise ValueError("parse_when needs an aware `now`")
    s = _normalise(text, _WHEN_HINT, "a date")
    shown = _shown(text)
    unreadable = DateParseError(_("Could not read '{text}' as a date. {hint}").format(text=shown, hint=_(_WHEN_HINT)))

    if s == "now":
        return now

    m = _AGO_RE.fullmatch(s)
    if m and _UNITS[m["unit"]][1]:
        keyword = _UNITS[m["unit"]][0]
        delta = timedelta(**{keyword: _count(m["n"])})
        return (now.astimezone(timezone.utc) - delta).astimezone(now.tzinfo)

    in_future = DateParseError(
        _("'{text}' is in the future; an encounter has already happened").format(text=shown)
    )
    if _IN_RE.fullmatch(s):
        raise in_future

    day_text, hm, has_time = _part_of_day(s) or _split_time(s)
    if has_time and hm is None:
        raise DateParseError(_("'{text}' has a time that does not exist. {hint}").format(text=shown, hint=_(_WHEN_HINT)))

    today = now.date()
    wall_now = now.replace(tzinfo=None)

    def build(year: int) -> datetime:
        day = (
            _Day(today)
            if day_text == ""
            else _calendar_day(
                day_text, today, future_weekdays=False, year=year, dayfirst=dayfirst
            )
        )
        # Settled on the date, before a zone is attached: near years 1 and
        # 9999 converting to UTC overflows.
        if day.day.year < MIN_YEAR:
            raise _OutOfRange(past=True)
        if day.day.year > today.year + 1:
            raise _OutOfRange(past=False)
        if hm is not None:
            wall = datetime.combine(day.day, datetime.min.time()).replace(
                hour=hm[0], minute=hm[1]
            )
        elif day.day == today:
            wall = datetime.combine(day.day, wall_now.time())
        else:
            wall = datetime.combine(day.day, datetime.min.time()).replace(hour=12)
        result = _attach(wall, now.tzinfo)
        if day.yearless and _is_future(result, now) and year == today.year:
            return build(year - 1)
        return result

    try:
        result = build(today.year)
    except _NotADate:
        raise unreadable from None
    except _OutOfRange as err:
        if err.past:
            raise DateParseError(_("'{text}' is too long ago. {hint}").format(text=shown, hint=_(_WHEN_HINT))) from None
        raise in_future from None
    except (ValueError, OverflowError):
        # Date-shaped but impossible: "31/02", "32/13", "2026-02-30".
        raise DateParseError(_("'{text}' is not a real date. {hint}").format(text=shown, hint=_(_WHEN_HINT))) from None

    if _is_future(result, now):
        hint = _yesterday_hint(s, day_text) if has_time else None
        if hint and i18n.language() != i18n.ENGLISH:
            hint = _hint_as_typed(hint, shown)
        if hint:
            # "18:30" typed at 09:52 is almost always last night's.
            raise DateParseError(_("'{text}' is later than now; did you mean {hint}?").format(text=shown, hint=hint))
        raise in_future
    return result


def parse_bound(text: str, now: datetime, *, end: bool = False, dayfirst: bool = True) -> datetime:
    """One end of a range of encounters (`netjournal list --since/--until`).

    The grammar of `parse_when`. A time, a part of the day or an elapsed time
    ("2h ago") is taken exactly; a day without a time is the whole day: its
    first instant, or with `end` the first instant of the next day (the range
    is [since, until)).
    """
    moment = parse_when(text, now, dayfirst=dayfirst)
    s = _normalise(text, _WHEN_HINT, "a date")
    ago = _AGO_RE.fullmatch(s)
    exact = s == "now" or (ago is not None and _UNITS[ago["unit"]][1])
    if exact or (_part_of_day(s) or _split_time(s))[2]:
        return moment
    day = moment.astimezone(now.tzinfo).date()
    return local_midnight(day + timedelta(days=1) if end else day)


def parse_due(text: str, today: date, *, dayfirst: bool = True) -> date:
    """The due date of a follow-up.

    Accepted (case-insensitive, extra whitespace ignored): ``today``,
    ``tomorrow``, ``yesterday``; a weekday (``fri``, ``next fri``): the
    next one strictly after today (``last fri`` goes back instead);
    ``next week`` (today + 7 days), ``next month``; ``in 3 days``,
    ``in 2 weeks``, ``in a month``; ``2026-12-01``; ``01/12``,
    ``01/12/2026`` (day first unless ``dayfirst=False``); ``1 dec``,
    ``dec 1``.

    A date without a year is in ``today``'s year, and past dates are
    returned as they are: overdue follow-ups are legitimate, so unlike
    `parse_when` there is no rule to guess a year from.
    """
    s = _normalise(text, _DUE_HINT, "a due date")
    shown = _shown(text)
    try:
        return _calendar_day(
            s, today, future_weekdays=True, year=today.year, dayfirst=dayfirst
        ).day
    except _NotADate:
        raise DateParseError(
            _("Could not read '{text}' as a due date. {hint}").format(text=shown, hint=_(_DUE_HINT))
        ) from None
    except (ValueError, OverflowError):
        raise DateParseError(_("'{text}' is not a real date. {hint}").format(text=shown, hint=_(_DUE_HINT))) from None


# ---------------------------------------------------------------- weeks & headings


def week_start(d: date, first_weekday: int = 0) -> date:
    """The first day of the week containing `d` (0=Monday .. 6=Sunday)."""
    if not 0 <= first_weekday <= 6:
        raise ValueError(f"first_weekday must be 0..6, not {first_weekday!r}")
    return d - timedelta(days=(d.weekday() - first_weekday) % 7)


def iso_week_label(d: date) -> str:
    """ "2026-W48". The ISO year, which differs from d.year near 1 January."""
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def parse_week(label: str) -> date:
    """The Monday of the ISO week named like "2026-W48" (inverse of iso_week_label)."""
    s = _normalise(label, _WEEK_HINT, "a week")
    m = _WEEK_RE.fullmatch(s)
    error = DateParseError(_("Could not read '{text}' as a week. {hint}").format(text=_shown(label), hint=_(_WEEK_HINT)))
    if m is None:
        raise error
    try:
        # Also rejects W53 in years that only have 52 weeks.
        return date.fromisocalendar(int(m["year"]), int(m["week"]), 1)
    except ValueError:
        raise error from None


def parse_week_of(text: str, today: date, *, dayfirst: bool = True) -> date:
    """A day inside the week that `text` names (the review's --week).

    Accepted: an ISO week (``2026-W48``, ``2026w48``) or a year and a week
    number (``2026-48``); ``this``, ``last``, ``next``; ``-1``, ``+2`` (weeks
    back or ahead of this one); or any day `parse_due` reads (``2026-11-25``,
    ``25/11``, ``yesterday``, ``last week``, ``fri``), whose week it is. Weeks
    outside FIRST_WEEK_YEAR..LAST_WEEK_YEAR are refused. For a numbered week
    the day is its Thursday, which is in it whatever day a week starts on
    (the label is the ISO week of a week's fourth day).
    """
    s = _normalise(text, _WEEK_OF_HINT, "a week")
    shown = _shown(text)
    unreadable = DateParseError(_("Could not read '{text}' as a week. {hint}").format(text=shown, hint=_(_WEEK_OF_HINT)))
    m = _WEEK_RE.fullmatch(s) or _YEAR_WEEK_RE.fullmatch(s)
    try:
        if m:
            day = date.fromisocalendar(int(m["year"]), int(m["week"]), 4)
        elif s in ("this", "this week"):
            day = today
        elif s in ("last", "next"):
            day = today + timedelta(weeks=-1 if s == "last" else 1)
        elif _WEEKS_BACK_RE.fullmatch(s):
            back = _WEEKS_BACK_RE.fullmatch(s)
            day = today + timedelta(weeks=int(back["n"]) * (-1 if back["sign"] == "-" else 1))
        else:
            try:
                day = parse_due(s, today, dayfirst=dayfirst)
            except DateParseError:
                raise unreadable from None
    except (ValueError, OverflowError):
        # W53 of a 52-week year, week 0, or a thousand years from today.
        raise unreadable from None
    if not FIRST_WEEK_YEAR <= day.year <= LAST_WEEK_YEAR:
        raise DateParseError(
            _("'{text}' is out of range: weeks from {first} to {last} can be reviewed.").format(
                text=shown, first=FIRST_WEEK_YEAR, last=LAST_WEEK_YEAR)
        )
    return day


def format_day_heading(d: date, today: date) -> str:
    """ "Today", "Yesterday", a weekday name within the last 6 days, else
    "Fri 14 Nov" ("Fri 14 Nov 2025" when not in today's year); in the
    interface's language (journal.dates_out: "Hoje", "Sex., 14 de nov.")."""
    from .dates_out import day_heading

    return day_heading(d, today)


# ------------------------------------------------------------ local days


class LocalDays:
    """Local midnights and local dates of instants, in `zone`.

    Midnights come back with the fixed UTC offset in force at that moment.
    Encounters are stored with such offsets, and aware datetimes compare
    fastest when their offsets are equal; comparing with (or converting to)
    a tzinfo written in Python costs microseconds per call instead, which a
    review of a large journal cannot afford per encounter or per day. For the
    process's own zone (the default), the C library answers directly.
    """

    def __init__(self, zone=None) -> None:
        self.zone = zone or clock.local_zone()
        self._system = self.zone is clock.local_zone()

    def midnight(self, day: date) -> datetime:
        """The instant at which local `day` begins, with a fixed offset."""
        if self._system:
            # isdst=-1 lets the C library settle DST; a midnight skipped by a
            # change becomes the first instant of the day, as below.
            local = _time.localtime(_time.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, -1)))
            return datetime(*local[:6], tzinfo=_fixed_offset(local.tm_gmtoff))
        wall = _attach(datetime.combine(day, time()), self.zone)
        return wall.replace(tzinfo=_fixed_offset(int(wall.utcoffset().total_seconds())))

    def date_of(self, moment: datetime) -> date:
        if self._system:
            return date(*_time.localtime(moment.timestamp())[:3])
        return moment.astimezone(self.zone).date()


@lru_cache(maxsize=64)
def _fixed_offset(seconds: int) -> timezone:
    return timezone(timedelta(seconds=seconds))


def local_midnight(day: date, zone=None) -> datetime:
    """The instant at which local `day` begins (aware, with a fixed offset)."""
    return LocalDays(zone).midnight(day)
