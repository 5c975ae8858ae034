"""A group's cadence: words in, an RFC 5545 recurrence rule out, its dates by dateutil.

Three jobs, each small:

* **Reading words.** `parse_cadence("every 2 weeks on thu 18h", today)` reads
  a strict grammar (below) and returns a `Cadence`: the rule, its start, and
  the words. The grammar is table-driven: `VOCABULARY` holds, per language,
  the words for "every", weekdays, ordinals, numbers, units and so on; both
  languages are always accepted, folded for case and accents ("Terça" is
  "terca"). Adding a language, or a word, is adding entries. Anything outside
  the grammar is a `CadenceError` whose message gives examples.
* **Writing and reading RRULE text.** `Rule.text()` gives
  "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"; `parse_rrule` reads it back, and only the
  shapes netjournal writes (see `parse_rrule` for the list), so that a
  hand-edited rule cannot make dateutil search for centuries.
* **Expanding, bounded.** `Schedule` gives the dates of a stored cadence
  (journal.models.Recurrence): the next ones, the latest one before a moment,
  those between two moments. dateutil.rrule does the calendar; every question
  starts it from the last whole period before the dates asked about (so a
  daily rule from 1900 costs the same as one from last week) and takes at most
  `MAX_OCCURRENCES` dates. A rule that cannot be read, or that fails while
  expanding, makes the schedule unreadable: its group shows "unreadable
  cadence", and nothing hangs or crashes.

Times are local wall-clock times ("floating" in RFC 5545): a cadence at 19:00
stays at 19:00 on the clock across a DST change. The zone is attached to each
date as it comes out (a time skipped by a spring-forward change moves forward,
as journal.dates does). A cadence typed without a time has whole days.

The grammar (words in either language; "on", "the", "at", "of", "às", "do"...
may go anywhere):

    every tuesday [and thursday]           toda terça
    every other tuesday                    every 2nd tuesday (every other one)
    every 2 weeks on thu                   every week on friday, weekly on fri
    fortnightly on wed                     a cada 2 semanas na quinta
    monthly on the first monday            every first monday of the month
    every month on the last friday         toda primeira segunda do mês
    monthly on the 15th                    todo dia 15
    every day, daily, every 3 days         todo dia, diariamente
    every weekday

optionally with a time ("19:00", "19h", "18h30", "7pm", "at 7:30 pm", "às 19h",
"noon") and a first date ("starting 3 dec", "from 2026-12-03", "a partir de
2026-12-03"). "every 2nd tuesday" means every other Tuesday; the 2nd Tuesday
of each month is "every 2nd tuesday of the month". The form shows the next
dates it understood, so a reading the user did not mean is seen at once.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import cache
from datetime import date, datetime, time, timedelta, timezone
from itertools import islice

from .dates import DateParseError, parse_due
from .i18n import _
from .names import fold

# ------------------------------------------------------------------ bounds
MAX_TEXT = 200  # characters of a typed cadence
MAX_RRULE = 300  # characters of a stored RRULE
MAX_INTERVAL_TYPED = 99
MAX_INTERVAL = 1000  # in a hand-edited rule
MAX_COUNT = 1000
MAX_EXCEPTIONS = 500  # EXDATEs, and RDATEs
MAX_OCCURRENCES = 1000  # dates dateutil is asked for, per question
EARLIEST_YEAR, LATEST_YEAR = 1900, 2300

EXAMPLES = (
    '"every tuesday 19:00", "every 2 weeks on thu 18h", "monthly on the first monday 19h", '
    '"every 2nd tuesday", "toda terça às 19h", "toda primeira segunda do mês"'
)

DAILY, WEEKLY, MONTHLY = "DAILY", "WEEKLY", "MONTHLY"
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class CadenceError(ValueError):
    """Words outside the grammar, or a rule with no date ahead; str() is shown to the user."""


# -------------------------------------------------------------- vocabulary
def _weekdays(names: dict[int, tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    return {word: (day,) for day, words in names.items() for word in words}


# Folded words (lower case, no accents). Weekdays map to a tuple of weekday
# numbers (0 = Monday), so that "weekday" can be five of them; ordinals to
# 1..5 or -1 (the last); units to (FREQ, how many of it one unit is).
VOCABULARY: dict[str, dict[str, dict]] = {
    "en": {
        "every": dict.fromkeys(("every", "each")),
        "other": dict.fromkeys(("other", "alternate")),
        "weekdays": {
            **_weekdays({
                0: ("monday", "mondays", "mon"), 1: ("tuesday", "tuesdays", "tue", "tues"),
                2: ("wednesday", "wednesdays", "wed"), 3: ("thursday", "thursdays", "thu", "thur", "thurs"),
                4: ("friday", "fridays", "fri"), 5: ("saturday", "saturdays", "sat"),
                6: ("sunday", "sundays", "sun"),
            }),
            "weekday": (0, 1, 2, 3, 4), "weekdays": (0, 1, 2, 3, 4),
        },
        "ordinals": {
            "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
        },
        "numbers": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6},
        "units": {
            "day": (DAILY, 1), "days": (DAILY, 1), "week": (WEEKLY, 1), "weeks": (WEEKLY, 1),
            "fortnight": (WEEKLY, 2), "fortnights": (WEEKLY, 2), "month": (MONTHLY, 1), "months": (MONTHLY, 1),
        },
        "adverbs": {
            "daily": (DAILY, 1), "weekly": (WEEKLY, 1), "fortnightly": (WEEKLY, 2),
            "biweekly": (WEEKLY, 2), "monthly": (MONTHLY, 1),
        },
        "fillers": dict.fromkeys(("on", "the", "at", "of", "in", "and")),
        "starting": ("starting on", "starting", "from", "beginning"),
    },
    "pt": {
        "every": dict.fromkeys(("toda", "todo", "todas", "todos", "cada")),
        "other": {},
        "weekdays": _weekdays({
            0: ("segunda", "segundas", "seg"), 1: ("terca", "tercas", "ter"),
            2: ("quarta", "quartas", "qua"), 3: ("quinta", "quintas", "qui"),
            4: ("sexta", "sextas", "sex"), 5: ("sabado", "sabados", "sab"),
            6: ("domingo", "domingos", "dom"),
        }),
        # "segunda", "quarta" and "quinta" are weekdays and ordinals both: an
        # ordinal is one followed by a weekday ("toda segunda terça").
        "ordinals": {
            "primeira": 1, "primeiro": 1, "1a": 1, "1o": 1, "segunda": 2, "segundo": 2, "2a": 2, "2o": 2,
            "terceira": 3, "terceiro": 3, "3a": 3, "3o": 3, "quarta": 4, "quarto": 4, "4a": 4, "4o": 4,
            "quinta": 5, "quinto": 5, "5a": 5, "5o": 5, "ultima": -1, "ultimo": -1,
        },
        "numbers": {"um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6},
        "units": {
            "dia": (DAILY, 1), "dias": (DAILY, 1), "semana": (WEEKLY, 1), "semanas": (WEEKLY, 1),
            "quinzena": (WEEKLY, 2), "quinzenas": (WEEKLY, 2), "mes": (MONTHLY, 1), "meses": (MONTHLY, 1),
        },
        "adverbs": {
            "diariamente": (DAILY, 1), "semanalmente": (WEEKLY, 1),
            "quinzenalmente": (WEEKLY, 2), "mensalmente": (MONTHLY, 1),
        },
        "fillers": dict.fromkeys(("as", "a", "de", "do", "da", "dos", "das", "no", "na", "nos", "nas", "em", "e", "o", "os")),
        "starting": ("a partir de", "a partir do", "a partir da", "comecando em", "desde"),
    },
}


def _merged(kind: str) -> dict:
    merged: dict = {}
    for words in VOCABULARY.values():
        merged.update(words[kind])
    return merged


# --------------------------------------------------------------- the rule
@dataclass(frozen=True)
class Rule:
    """The part of RFC 5545's RRULE that netjournal writes and reads."""

    freq: str
    interval: int = 1
    # (ordinal or None, weekday 0-6): ("1MO" is (1, 0), "TU" is (None, 1)).
    byday: tuple[tuple[int | None, int], ...] = ()
    bymonthday: tuple[int, ...] = ()
    count: int | None = None
    until: datetime | None = None  # floating, like the start
    wkst: int | None = None

    def text(self) -> str:
        """The RRULE value: "FREQ=MONTHLY;BYDAY=1MO"."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(f"{n or ''}{_DAY_CODES[d]}" for n, d in self.byday))
        if self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(str(d) for d in self.bymonthday))
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append("UNTIL=" + self.until.strftime("%Y%m%dT%H%M%S"))
        if self.wkst is not None:
            parts.append(f"WKST={_DAY_CODES[self.wkst]}")
        return ";".join(parts)

    def dateutil(self, start: datetime):
        """A dateutil rrule from `start` (naive, floating)."""
        from dateutil import rrule as du

        weekdays = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
        freq = {DAILY: du.DAILY, WEEKLY: du.WEEKLY, MONTHLY: du.MONTHLY}[self.freq]
        byday = [weekdays[d](n) if n else weekdays[d] for n, d in self.byday] or None
        return du.rrule(
            freq, dtstart=start, interval=self.interval, byweekday=byday,
            bymonthday=list(self.bymonthday) or None, count=self.count, until=self.until,
            wkst=self.wkst, cache=False,
        )


_RRULE_PART = r"([A-Z]+)=([A-Z0-9,+\-]+)"
_BYDAY_ITEM = r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)"
_UNTIL = r"(\d{8})(?:T(\d{6})Z?)?"


def parse_rrule(text: str) -> Rule:
    """Read an RRULE value netjournal could have written; ValueError says why not.

    Accepted: FREQ DAILY, WEEKLY or MONTHLY; INTERVAL 1 to 1000; BYDAY
    (weekdays, with an ordinal 1 to 5 or -1 to -5 in a monthly rule);
    BYMONTHDAY (1 to 31 or -1 to -31, monthly rules only, and not with BYDAY,
    which together can match no day for centuries); COUNT up to 1000; UNTIL;
    WKST; at most 300 characters. Anything else (HOURLY, BYSETPOS, BYYEARDAY...)
    is refused, so the expansion stays bounded whatever a hand edit wrote.
    """
    if type(text) is not str or not text.strip():
        raise ValueError(_("it is empty"))
    if len(text) > MAX_RRULE:
        raise ValueError(_("it is longer than {most} characters").format(most=MAX_RRULE))
    body = text.strip().upper()
    if body.startswith("RRULE:"):
        body = body[6:]
    values: dict[str, str] = {}
    for part in body.split(";"):
        m = re.fullmatch(_RRULE_PART, part.strip(), re.ASCII)
        if m is None:
            raise ValueError(_("{part} is not a NAME=VALUE part").format(part=repr(part[:30])))
        if m[1] in values:
            raise ValueError(_("{name} is given twice").format(name=m[1]))
        values[m[1]] = m[2]
    unknown = set(values) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST"}
    if unknown:
        raise ValueError(_("netjournal does not read {names}").format(names=", ".join(sorted(unknown))))
    freq = values.get("FREQ")
    if freq not in (DAILY, WEEKLY, MONTHLY):
        raise ValueError(_("FREQ={freq} is not DAILY, WEEKLY or MONTHLY").format(freq=freq))

    def number(name: str, low: int, high: int) -> int | None:
        raw = values.get(name)
        if raw is None:
            return None
        if not re.fullmatch(r"[+-]?\d{1,5}", raw, re.ASCII) or not low <= int(raw) <= high:
            raise ValueError(_("{name}={value} is not between {low} and {high}").format(name=name, value=raw[:10], low=low, high=high))
        return int(raw)

    interval = number("INTERVAL", 1, MAX_INTERVAL) or 1
    count = number("COUNT", 1, MAX_COUNT)
    byday: list[tuple[int | None, int]] = []
    for item in filter(None, values.get("BYDAY", "").split(",")):
        m = re.fullmatch(_BYDAY_ITEM, item, re.ASCII)
        if m is None:
            raise ValueError(_("BYDAY {item} is not a weekday").format(item=item[:10]))
        n = int(m[1]) if m[1] else None
        if n is not None and (freq != MONTHLY or n == 0 or not -5 <= n <= 5):
            raise ValueError(_("BYDAY {item} has an ordinal that does not fit FREQ={freq}").format(item=item, freq=freq))
        byday.append((n, _DAY_CODES.index(m[2])))
    monthdays: list[int] = []
    for item in filter(None, values.get("BYMONTHDAY", "").split(",")):
        if not re.fullmatch(r"[+-]?\d{1,2}", item, re.ASCII) or not 1 <= abs(int(item)) <= 31:
            raise ValueError(_("BYMONTHDAY {item} is not a day of the month").format(item=item[:10]))
        monthdays.append(int(item))
    if monthdays and (freq != MONTHLY or byday):
        raise ValueError(_("BYMONTHDAY goes only in a monthly rule without BYDAY"))
    if "BYDAY" in values and not byday or "BYMONTHDAY" in values and not monthdays:
        raise ValueError(_("a BY part is empty"))
    until = None
    if "UNTIL" in values:
        m = re.fullmatch(_UNTIL, values["UNTIL"], re.ASCII)
        if m is None:
            raise ValueError(_("UNTIL={value} is not a date").format(value=values['UNTIL'][:20]))
        # A UTC UNTIL is taken as the floating time it names: off by the zone's
        # offset at most, on a rule's last day.
        until = datetime.strptime(m[1] + (m[2] or "235959"), "%Y%m%d%H%M%S")
    wkst = None
    if "WKST" in values:
        if values["WKST"] not in _DAY_CODES:
            raise ValueError(_("WKST={value} is not a weekday").format(value=values['WKST'][:10]))
        wkst = _DAY_CODES.index(values["WKST"])
    return Rule(freq, interval, tuple(byday), tuple(monthdays), count, until, wkst)


# ------------------------------------------------------------ local times
def parse_local(text: str) -> tuple[datetime, bool]:
    """A stored floating time, "2026-11-03T19:00" (or a date): (naive datetime, whole day)."""
    if type(text) is not str or len(text) > 40:
        raise ValueError(_("it is not a date"))
    try:
        if len(text.strip()) == 10:
            moment, whole_day = datetime.combine(date.fromisoformat(text.strip()), time()), True
        else:
            moment, whole_day = datetime.fromisoformat(text.strip()), False
    except ValueError:
        raise ValueError(_("{text} is not a date and time").format(text=repr(text[:40]))) from None
    if moment.tzinfo is not None:
        raise ValueError(_("{text} has a UTC offset; cadences are in local time").format(text=repr(text[:40])))
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(_("{text} is outside the years {first}-{last}").format(text=repr(text[:40]), first=EARLIEST_YEAR, last=LATEST_YEAR))
    return moment, whole_day


def format_local(moment: datetime, whole_day: bool) -> str:
    return moment.date().isoformat() if whole_day else moment.strftime("%Y-%m-%dT%H:%M")


# ---------------------------------------------------------- reading words
@dataclass(frozen=True)
class Cadence:
    """What the words meant: the rule, its first local date (and time), the words."""

    rule: Rule
    start: datetime  # naive local wall-clock time
    whole_day: bool  # no time was typed
    text: str

    @property
    def start_text(self) -> str:
        return format_local(self.start, self.whole_day)


# Compiled at first use (see journal.dates._Lazy): `netjournal add` reads no cadence.
@cache
def _time_pattern() -> re.Pattern:
    return re.compile(_TIME, re.VERBOSE | re.ASCII)


@cache
def _starting_pattern() -> re.Pattern:
    words = [w for lang in VOCABULARY.values() for w in lang["starting"]]
    return re.compile(r"\s(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?P<date>.+)$", re.ASCII)


_TIME = (
    r"""(?:\b(?:at|as|a)\s+)?(?:
        \b(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)(?!\w)
      | \b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b
      | \b(?P<hfr>\d{1,2})h(?P<mfr>\d{2})?\b
      | \b(?P<word>noon|midday|meio-dia|meio\ dia)\b
    )"""
)


def _time_of(m: re.Match) -> time | None:
    if m["word"]:
        return time(12)
    if m["ampm"]:
        hour, minute = int(m["h12"]), int(m["m12"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"].startswith("p") else 0)
    elif m["h24"] is not None:
        hour, minute = int(m["h24"]), int(m["m24"])
    else:
        hour, minute = int(m["hfr"]), int(m["mfr"] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _error(message: str) -> CadenceError:
    return CadenceError(_("{message} Try: {examples}.").format(message=message, examples=EXAMPLES))


@dataclass
class _Token:
    kind: str  # every, other, weekday, ordinal, number, unit, adverb
    value: object
    word: str


def _classify(words: list[str]) -> list[_Token]:
    every, other = _merged("every"), _merged("other")
    weekdays, ordinals, numbers = _merged("weekdays"), _merged("ordinals"), _merged("numbers")
    units, adverbs, fillers = _merged("units"), _merged("adverbs"), _merged("fillers")
    tokens: list[_Token] = []
    meaningful = [w for w in words if w not in fillers]
    for i, word in enumerate(meaningful):
        following = meaningful[i + 1] if i + 1 < len(meaningful) else ""
        if word in ordinals and (word not in weekdays or following in weekdays):
            tokens.append(_Token("ordinal", ordinals[word], word))
        elif word in weekdays:
            tokens.append(_Token("weekday", weekdays[word], word))
        elif word in every:
            tokens.append(_Token("every", None, word))
        elif word in other:
            tokens.append(_Token("other", 2, word))
        elif word in units:
            tokens.append(_Token("unit", units[word], word))
        elif word in adverbs:
            tokens.append(_Token("adverb", adverbs[word], word))
        elif word in numbers:
            tokens.append(_Token("number", numbers[word], word))
        elif re.fullmatch(r"\d{1,3}", word, re.ASCII):
            tokens.append(_Token("number", int(word), word))
        elif m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", word, re.ASCII):
            tokens.append(_Token("ordinal", int(m[1]), word))
        else:
            raise _error(_("'{word}' is not a word netjournal knows for a cadence.").format(word=word))
    return tokens


def _weekdays_only(tokens: list[_Token]) -> tuple[tuple[None, int], ...] | None:
    """ "tuesday [and] thursday": every token a weekday; None otherwise."""
    if not tokens or any(t.kind != "weekday" for t in tokens):
        return None
    found: list[int] = []
    for t in tokens:
        found += [d for d in t.value if d not in found]
    return tuple((None, d) for d in found)


def _nth_weekdays(tokens: list[_Token]) -> tuple[tuple[int, int], ...] | None:
    """ "first [and third] monday": ordinals, then one weekday; None otherwise."""
    if len(tokens) < 2 or tokens[-1].kind != "weekday" or len(tokens[-1].value) != 1:
        return None
    if any(t.kind != "ordinal" or not (t.value == -1 or 1 <= t.value <= 5) for t in tokens[:-1]):
        return None
    return tuple((t.value, tokens[-1].value[0]) for t in tokens[:-1])


def _is_unit(token: _Token, freq: str) -> bool:
    return token.kind == "unit" and token.value[0] == freq


def _interval(n: int) -> int:
    if not 1 <= n <= MAX_INTERVAL_TYPED:
        raise _error(_("Every {n}: the interval must be between 1 and {most}.").format(n=n, most=MAX_INTERVAL_TYPED))
    return n


def _not_understood() -> CadenceError:
    return _error(_("That cadence is not one netjournal can read."))


def _monthly(tokens: list[_Token], interval: int) -> Rule:
    """The day of a monthly rule: "the first monday", "the 15th", "dia 15"."""
    if tokens and _is_unit(tokens[0], DAILY):  # "todo mês no dia 15"
        tokens = tokens[1:]
    byday = _nth_weekdays(tokens)
    if byday:
        return Rule(MONTHLY, interval, byday)
    if len(tokens) == 1 and tokens[0].kind in ("ordinal", "number") and 1 <= tokens[0].value <= 31:
        return Rule(MONTHLY, interval, bymonthday=(tokens[0].value,))
    raise _error(_("Say which day of the month: 'monthly on the first monday' or 'monthly on the 15th'."))


def _rule_from(tokens: list[_Token]) -> Rule:
    """The rule the classified words describe; CadenceError if they fit no pattern."""
    if not tokens:
        raise _error(_("Say how often the group meets."))
    head, rest = tokens[0], tokens[1:]
    # "daily", "weekly on fri", "fortnightly on wed", "monthly on the first monday"
    if head.kind == "adverb":
        freq, interval = head.value
        if freq == DAILY and not rest:
            return Rule(DAILY, interval)
        if freq == WEEKLY:
            byday = _weekdays_only(rest)
            if byday:
                return Rule(WEEKLY, interval, byday)
            raise _error(_("Say which day: '{word} on tuesday'.").format(word=head.word))
        if freq == MONTHLY:
            return _monthly(rest, interval)
        raise _not_understood()
    if head.kind != "every":
        rest = tokens
    # "[every] first monday of [every] the month", "toda primeira segunda do mês"
    if len(rest) >= 3 and _is_unit(rest[-1], MONTHLY) and rest[-1].value[1] == 1:
        body = rest[:-2] if rest[-2].kind == "every" else rest[:-1]
        byday = _nth_weekdays(body)
        if byday:
            return Rule(MONTHLY, 1, byday)
    if head.kind != "every":
        raise _error(_("Start with 'every' (or 'toda'), or a word like 'weekly'."))
    if not rest:
        raise _error(_("'{word}' what? Say which day: 'every tuesday'.").format(word=head.word))
    first = rest[0]
    # "every tuesday [and thursday]", "every weekday"
    byday = _weekdays_only(rest)
    if byday:
        return Rule(WEEKLY, 1, byday)
    # "every other tuesday", "every other week on tuesday", "every other day"
    if first.kind == "other":
        if len(rest) == 2 and _is_unit(rest[1], DAILY):
            return Rule(DAILY, 2)
        days = rest[2:] if len(rest) > 1 and _is_unit(rest[1], WEEKLY) else rest[1:]
        byday = _weekdays_only(days)
        if byday:
            return Rule(WEEKLY, 2, byday)
        raise _not_understood()
    # "every 2nd tuesday" (every other one); "every first monday", "every last friday" (monthly)
    if first.kind == "ordinal" and len(rest) == 2 and rest[1].kind == "weekday":
        if first.value in (1, -1):
            byday = _nth_weekdays(rest)
            if byday:
                return Rule(MONTHLY, 1, byday)
            raise _not_understood()
        return Rule(WEEKLY, _interval(first.value), _weekdays_only(rest[1:]))
    # "every [N] days / weeks on thu / months on the first monday"
    count, at = (first.value, 1) if first.kind == "number" else (1, 0)
    if at >= len(rest) or rest[at].kind != "unit":
        raise _not_understood()
    freq, per_unit = rest[at].value
    after = rest[at + 1:]
    interval = _interval(count * per_unit)
    if freq == DAILY:
        if not after:
            return Rule(DAILY, interval)
        # "todo dia 15": the 15th of every month.
        if count == 1 and len(after) == 1 and after[0].kind in ("number", "ordinal") and 1 <= after[0].value <= 31:
            return Rule(MONTHLY, 1, bymonthday=(after[0].value,))
        raise _not_understood()
    if freq == WEEKLY:
        byday = _weekdays_only(after)
        if byday:
            return Rule(WEEKLY, interval, byday)
        example = f"{head.word} {first.word} {rest[at].word}" if at else f"{head.word} {rest[at].word}"
        raise _error(_("Say which day: '{words} on thursday'.").format(words=example))
    return _monthly(after, interval)


def parse_cadence(text: str, today: date) -> Cadence:
    """Read a typed cadence; CadenceError (with examples) if it is outside the grammar.

    The start is the date typed after "starting" / "from" / "a partir de", or
    else the latest date the rule would have had (today included), so that
    the meeting that just happened is an occurrence, and "every 2 weeks" keeps
    the weeks of the last one. A rule with no date ahead is an error.
    """
    if type(text) is not str or not text.strip():
        raise _error(_("Say how often the group meets."))
    if len(text) > MAX_TEXT:
        raise _error(_("That is longer than {most} characters.").format(most=MAX_TEXT))
    typed = " ".join(text.split())
    s = fold(typed).replace(",", " ")
    s = " " + " ".join(s.split())
    times = list(_time_pattern().finditer(s))
    if len(times) > 1:
        raise _error(_("Give one time only."))
    at: time | None = None
    if times:
        at = _time_of(times[0])
        if at is None:
            raise _error(_("'{time}' is not a time of day.").format(time=times[0].group().strip()))
        s = s[: times[0].start()] + " " + s[times[0].end():]
    s = " " + " ".join(s.split())
    first_day: date | None = None
    m = _starting_pattern().search(s)
    if m:
        try:
            first_day = parse_due(m["date"], today)
        except DateParseError as exc:
            raise CadenceError(_("The first date: {problem}").format(problem=exc)) from None
        s = s[: m.start()]
    # "terça-feira", "segunda-feira": the weekday.
    words = [w.removesuffix("-feiras").removesuffix("-feira") for w in s.split()]
    words = [w for w in words if w not in ("feira", "feiras")]
    rule = _rule_from(_classify(words))
    whole_day = at is None
    clock_time = at or time()
    if first_day is not None:
        start = datetime.combine(first_day, clock_time)
    else:
        # The latest date of the rule at one interval, today included.
        probe = Rule(rule.freq, 1, rule.byday, rule.bymonthday)
        lookback = {DAILY: 1, WEEKLY: 7, MONTHLY: 62}[rule.freq] * 2
        since = datetime.combine(today - timedelta(days=lookback), clock_time)
        latest = probe.dateutil(since).before(datetime.combine(today, time.max), inc=True)
        start = datetime.combine(latest.date() if latest else today, clock_time)
    cadence = Cadence(rule, start, whole_day, typed)
    schedule = Schedule(cadence.rule.text(), cadence.start_text)
    if not schedule.next_after(datetime.combine(today, time()), 1, local=True):
        raise CadenceError(_("That cadence has no date from today on; check the first date."))
    return cadence


# ------------------------------------------------------------- expansion
def _shift_months(moment: datetime, months: int) -> datetime:
    total = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=total // 12, month=total % 12 + 1, day=1)


class Schedule:
    """The dates of a stored cadence, bounded. `readable` is False, with `problem`, if it cannot be read.

    Every method takes and returns naive local wall-clock datetimes when
    `local=True`, and aware ones otherwise (the local zone attached to each).
    """

    def __init__(self, rrule: str, start: str, exdates=(), rdates=(), zone=None) -> None:
        self.problem = ""
        self.rule: Rule | None = None
        self.start = datetime(2000, 1, 1)
        self.whole_day = False
        self._zone = zone
        self._exdates: set[datetime] = set()
        self._exdays: set[date] = set()
        self._rdates: list[datetime] = []
        try:
            self.rule = parse_rrule(rrule)
            self.start, self.whole_day = parse_local(start)
            exdates, rdates = list(exdates), list(rdates)
            if len(exdates) > MAX_EXCEPTIONS or len(rdates) > MAX_EXCEPTIONS:
                raise ValueError(_("it has more than {most} cancelled or added dates").format(most=MAX_EXCEPTIONS))
            for text in exdates:
                moment, whole = parse_local(text)
                # A cancelled day (no time) cancels whatever meeting that day.
                (self._exdays.add(moment.date()) if whole and not self.whole_day else self._exdates.add(moment))
            self._rdates = sorted({parse_local(text)[0] for text in rdates})
            self._dateutil = self.rule.dateutil(self.start)
        except (ValueError, TypeError, OverflowError) as exc:
            self.problem = str(exc)
            self.rule = None

    @classmethod
    def of(cls, recurrence, zone=None) -> "Schedule":
        """The schedule of a journal.models.Recurrence."""
        return cls(recurrence.rrule, recurrence.start, recurrence.exdates, recurrence.rdates, zone)

    @property
    def readable(self) -> bool:
        return self.rule is not None

    @property
    def exdates(self) -> list[datetime]:
        """The cancelled dates (a cancelled day of a timed cadence at its time)."""
        days = {datetime.combine(d, self.start.time()) for d in self._exdays}
        return sorted(self._exdates | days)

    @property
    def rdates(self) -> list[datetime]:
        return list(self._rdates)

    # ---------------------------------------------------------- internals
    def _rebased(self, moment: datetime):
        """The rule started at the last whole period before `moment`: the same dates from there on."""
        rule = self.rule
        if rule.count is not None or moment <= self.start:
            return self._dateutil  # a count runs from the real start (at most MAX_COUNT dates)
        if rule.freq == DAILY:
            periods = (moment.date() - self.start.date()).days // rule.interval - 1
            if periods <= 0:
                return self._dateutil
            return self._dateutil.replace(dtstart=self.start + timedelta(days=periods * rule.interval))
        if rule.freq == WEEKLY:
            wkst = 0 if rule.wkst is None else rule.wkst
            week = lambda d: d - timedelta(days=(d.weekday() - wkst) % 7)  # noqa: E731
            periods = ((week(moment.date()) - week(self.start.date())).days // 7) // rule.interval - 1
            if periods <= 0:
                return self._dateutil
            # Whole weeks: the weekday, and the weeks an interval skips, stay.
            return self._dateutil.replace(dtstart=self.start + timedelta(weeks=periods * rule.interval))
        months = (moment.year - self.start.year) * 12 + moment.month - self.start.month
        periods = months // rule.interval - 1
        if periods <= 0:
            return self._dateutil
        # From the 1st of a month, so the day must be in the rule itself.
        extra = {} if rule.byday or rule.bymonthday else {"bymonthday": [self.start.day]}
        return self._dateutil.replace(dtstart=_shift_months(self.start, periods * rule.interval), **extra)

    def _iter_from(self, moment: datetime):
        """Dates at or after `moment` (naive), rule and added dates merged, cancelled ones left out."""
        try:
            rule_dates = islice(self._rebased(moment).xafter(moment, inc=True), MAX_OCCURRENCES)
        except (ValueError, OverflowError):
            rule_dates = iter(())
        added = (d for d in self._rdates if d >= moment)
        previous = None
        for when in heapq.merge(rule_dates, added):
            if when == previous or when in self._exdates or when.date() in self._exdays:
                continue
            previous = when
            yield when

    def _guarded(self, compute):
        if self.rule is None:
            return []
        try:
            return compute()
        except (ValueError, OverflowError, TypeError) as exc:
            # A rule that reads but fails to expand (dateutil's own limits).
            self.problem = str(exc) or type(exc).__name__
            self.rule = None
            return []

    def _out(self, dates: list[datetime], local: bool) -> list[datetime]:
        if local:
            return dates
        from . import clock

        zone = self._zone or clock.local_zone()
        # With the fixed offset of each instant, like encounters' `when`:
        # aware datetimes that share one zone object compare and subtract as
        # wall times. Through UTC and back, a wall time that a DST change
        # skipped moves forward by the gap, as the clocks did.
        out = []
        for d in dates:
            d = d.replace(tzinfo=zone).astimezone(timezone.utc).astimezone(zone)
            out.append(d.replace(tzinfo=timezone(d.utcoffset())))
        return out

    def local(self, moment: datetime) -> datetime:
        """`moment` as a naive local wall-clock time (as it is, if already naive)."""
        if moment.tzinfo is None:
            return moment
        from . import clock

        return moment.astimezone(self._zone or clock.local_zone()).replace(tzinfo=None)

    # ------------------------------------------------------------- public
    def next_after(self, moment: datetime, count: int = 3, *, local: bool = False) -> list[datetime]:
        """The first `count` dates at or after `moment` (or on its day, for whole days)."""
        at = self.local(moment)
        if self.whole_day:
            at = datetime.combine(at.date(), time())
        return self._out(self._guarded(lambda: list(islice(self._iter_from(at), min(count, MAX_OCCURRENCES)))), local)

    def between(self, begin: datetime, end: datetime, *, local: bool = False) -> list[datetime]:
        """Dates with begin <= date < end (at most MAX_OCCURRENCES of them)."""
        a, b = self.local(begin), self.local(end)

        def compute():
            found = []
            for when in self._iter_from(a):
                if when >= b:
                    break
                found.append(when)
            return found

        return self._out(self._guarded(compute), local)

    def last_before(self, moment: datetime, *, local: bool = False) -> datetime | None:
        """The latest date at or before `moment`, or None (looking back at most 5 years)."""
        at = self.local(moment)

        def compute():
            rule = self.rule
            span = {DAILY: 1, WEEKLY: 7, MONTHLY: 31}[rule.freq] * rule.interval * 2 + 7
            while span <= 5 * 366 + 7:
                dates = [d for d in self._window(at - timedelta(days=span), at)]
                if dates:
                    return [dates[-1]]
                span *= 4
            earlier = [d for d in self._rdates if d <= at and d not in self._exdates]
            return earlier[-1:]

        found = self._guarded(compute)
        return self._out(found, local)[0] if found else None

    def _window(self, begin: datetime, end: datetime) -> list[datetime]:
        found = []
        for when in self._iter_from(begin):
            if when > end:
                break
            found.append(when)
        return found

    def upcoming(self, start: date, days: int) -> list[datetime]:
        """Aware dates on the local days start .. start + days - 1."""
        begin = datetime.combine(start, time())
        return self.between(begin, begin + timedelta(days=days), local=False) if days > 0 else []


# ------------------------------------------------------- one date ahead
def parse_day_and_time(text: str, today: date) -> tuple[date, time | None]:
    """A day and an optional time typed for one meeting: "wed 20:00", "2026-12-02", "tomorrow 19h".

    The day is read as a due date is (journal.dates.parse_due: "fri" is the
    next Friday); the time as in a cadence. DateParseError if either is not
    understood.
    """
    s = " " + " ".join(fold(text or "").split())
    times = list(_time_pattern().finditer(s))
    if len(times) > 1:
        raise DateParseError(_("Give one time only, like 'wed 20:00'."))
    at = None
    if times:
        at = _time_of(times[0])
        if at is None:
            raise DateParseError(_("'{time}' is not a time of day.").format(time=times[0].group().strip()))
        s = s[: times[0].start()] + " " + s[times[0].end():]
    day_text = " ".join(s.split())
    return (parse_due(day_text, today) if day_text else today), at


# ------------------------------------------------------------ showing it
def describe_date(moment: datetime, whole_day: bool, *, year: bool = False) -> str:
    """ "Tue 1 Dec 19:00" (local wall clock), "Tue 1 Dec" for whole days; in the interface's language."""
    from . import dates_out

    if not dates_out.english():
        day = moment.date()
        text = dates_out.day_with_year(day) if year else dates_out.short_day(day, day)
        return text if whole_day else f"{text} {moment:%H:%M}"
    text = f"{_DAY_SHORT[moment.weekday()]} {moment.day} {_MONTH_SHORT[moment.month - 1]}"
    if year:
        text += f" {moment.year}"
    return text if whole_day else f"{text} {moment:%H:%M}"


__all__ = [
    "Cadence",
    "CadenceError",
    "EXAMPLES",
    "MAX_OCCURRENCES",
    "Rule",
    "Schedule",
    "VOCABULARY",
    "describe_date",
    "format_local",
    "parse_cadence",
    "parse_day_and_time",
    "parse_local",
    "parse_rrule",
]
