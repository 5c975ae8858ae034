from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import clock
from journal.dates import (
    DateParseError,
    format_day_heading,
    iso_week_label,
    parse_due,
    parse_week,
    parse_when,
    week_start,
)

PARIS = ZoneInfo("Europe/Paris")
# A Friday, so that bare weekdays can be checked against "today included".
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=PARIS)
TODAY = NOW.date()


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


# ---------------------------------------------------------------- parse_when


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("today", NOW),
        ("today 9am", paris(2026, 11, 27, 9, 0)),
        ("today 18:30", None),  # future: see test_future_is_rejected
        ("today 14:30", paris(2026, 11, 27, 14, 30)),
        ("yesterday", paris(2026, 11, 26, 12, 0)),
        ("yesterday 18:30", paris(2026, 11, 26, 18, 30)),
        ("yesterday 9pm", paris(2026, 11, 26, 21, 0)),
        ("yesterday at 9:15 pm", paris(2026, 11, 26, 21, 15)),
        ("yesterday noon", paris(2026, 11, 26, 12, 0)),
        ("last friday", paris(2026, 11, 20, 12, 0)),
        ("last fri 19h", paris(2026, 11, 20, 19, 0)),
        ("fri", NOW),
        ("friday", NOW),
        ("fri 14h", paris(2026, 11, 27, 14, 0)),
        ("fri 14h30", paris(2026, 11, 27, 14, 30)),
        ("mon", paris(2026, 11, 23, 12, 0)),
        ("sat 10am", paris(2026, 11, 21, 10, 0)),
        ("3 days ago", paris(2026, 11, 24, 12, 0)),  # a day without a time: noon, like "last fri"
        ("3 days ago 10:00", paris(2026, 11, 24, 10, 0)),
        ("2h ago", paris(2026, 11, 27, 13, 0)),
        ("2 hours ago", paris(2026, 11, 27, 13, 0)),
        ("an hour ago", paris(2026, 11, 27, 14, 0)),
        ("30 min ago", paris(2026, 11, 27, 14, 30)),
        ("1 week ago", paris(2026, 11, 20, 12, 0)),
        ("a month ago", paris(2026, 10, 27, 12, 0)),
        ("2026-11-20 14:00", paris(2026, 11, 20, 14, 0)),
        ("2026-11-20T14:00", paris(2026, 11, 20, 14, 0)),
        ("2026-11-20", paris(2026, 11, 20, 12, 0)),
        ("2026-11-27", NOW),  # today's date keeps now's time
        ("2026-01-02", paris(2026, 1, 2, 12, 0)),  # never year-day-month
        ("20/11 14:00", paris(2026, 11, 20, 14, 0)),
        ("20/11", paris(2026, 11, 20, 12, 0)),
        ("20/11/2026", paris(2026, 11, 20, 12, 0)),
        ("20.11.26", paris(2026, 11, 20, 12, 0)),
        ("03/04", paris(2026, 4, 3, 12, 0)),
        ("1 nov", paris(2026, 11, 1, 12, 0)),
        ("nov 1st, 2025 9am", paris(2025, 11, 1, 9, 0)),
        # Year-less and in the future: last year's.
        ("1 dec", paris(2025, 12, 1, 12, 0)),
        ("20/12 10:00", paris(2025, 12, 20, 10, 0)),
        ("9am", paris(2026, 11, 27, 9, 0)),
        ("14:00", paris(2026, 11, 27, 14, 0)),
        ("at 14h", paris(2026, 11, 27, 14, 0)),
        ("12am", paris(2026, 11, 27, 0, 0)),
        ("12pm", paris(2026, 11, 27, 12, 0)),
        ("  YESTERDAY   18:30 ", paris(2026, 11, 26, 18, 30)),
        ("Last Friday", paris(2026, 11, 20, 12, 0)),
    ],
)
def test_parse_when_forms(text, expected):
    if expected is None:
        with pytest.raises(DateParseError):
            parse_when(text, NOW)
        return
    got = parse_when(text, NOW)
    assert got == expected
    assert got.tzinfo is PARIS
    # Same wall time and same offset, not merely the same instant.
    assert got.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert got.utcoffset() == expected.utcoffset()


def test_bare_weekday_includes_today_but_last_does_not():
    assert parse_when("fri", NOW).date() == date(2026, 11, 27)
    assert parse_when("last fri", NOW).date() == date(2026, 11, 20)
    # Thursday is yesterday either way.
    assert parse_when("thu", NOW).date() == date(2026, 11, 26)
    assert parse_when("last thursday", NOW).date() == date(2026, 11, 26)
    # Saturday is six days back, never tomorrow.
    assert parse_when("saturday", NOW).date() == date(2026, 11, 21)


def test_bare_weekday_later_today_is_future_and_hints_last():
    with pytest.raises(DateParseError) as info:
        parse_when("fri 16h", NOW)
    assert str(info.value) == "'fri 16h' is later than now; did you mean last fri 16h?"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("16:00", "yesterday 16:00"),
        ("today 18:30", "yesterday 18:30"),
        ("at 9pm", "yesterday 9pm"),
        ("tonight", "last night"),
        ("this evening", "yesterday evening"),
        ("evening", "yesterday evening"),
        ("today at dinner", "yesterday at dinner"),
    ],
)
def test_a_time_later_than_now_today_hints_yesterday(text, hint):
    with pytest.raises(DateParseError) as info:
        parse_when(text, NOW)
    assert str(info.value) == f"'{text}' is later than now; did you mean {hint}?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this morning", paris(2026, 11, 27, 9, 0)),
        ("morning", paris(2026, 11, 27, 9, 0)),
        ("lunch", paris(2026, 11, 27, 12, 30)),
        ("at lunch", paris(2026, 11, 27, 12, 30)),
        ("this afternoon", paris(2026, 11, 27, 15, 0)),
        ("yesterday evening", paris(2026, 11, 26, 19, 0)),
        ("yesterday at lunch", paris(2026, 11, 26, 12, 30)),
        ("last night", paris(2026, 11, 26, 21, 0)),
        ("sunday night", paris(2026, 11, 22, 21, 0)),
        ("last fri evening", paris(2026, 11, 20, 19, 0)),
        ("tue breakfast", paris(2026, 11, 24, 8, 0)),
        ("20/11 dinner", paris(2026, 11, 20, 20, 0)),
        ("3 days ago in the morning", None),  # not in the grammar: refused, never guessed
    ],
)
def test_parts_of_the_day(text, expected):
    if expected is None:
        with pytest.raises(DateParseError):
            parse_when(text, NOW)
    else:
        assert parse_when(text, NOW) == expected


def test_tonight_is_today_at_night_once_it_is_night():
    assert parse_when("tonight", paris(2026, 11, 27, 22, 15)) == paris(2026, 11, 27, 21, 0)


def test_a_day_without_a_time_is_noon_whatever_way_it_is_typed():
    """One rule for every form: "last fri" and "3 days ago" used to disagree."""
    for text in ("last fri", "7 days ago", "1 week ago", "2026-11-20", "20/11", "20 nov"):
        assert parse_when(text, NOW) == paris(2026, 11, 20, 12, 0), text
    assert parse_when("today", NOW) == NOW  # today: now


@pytest.mark.parametrize(
    "text",
    ["tomorrow 9am", "tomorrow", "next fri", "in 2 hours",
     "in 3 days", "next week", "2026-11-28", "2027-01-01 09:00"],
)
def test_future_is_rejected(text):
    with pytest.raises(DateParseError) as info:
        parse_when(text, NOW)
    assert str(info.value) == (
        f"'{text}' is in the future; an encounter has already happened"
    )


def test_one_minute_of_slack():
    now = paris(2026, 11, 27, 15, 0, 30)
    assert parse_when("15:01", now) == paris(2026, 11, 27, 15, 1)
    with pytest.raises(DateParseError):
        parse_when("15:02", now)


@pytest.mark.parametrize(
    "text",
    ["blorp", "", "   ", "32/13", "31/02", "2026-02-30", "yesterdayy", "25:00",
     "13pm", "0am", "14h60", "5", "2026", "may", "fri fri", "today yesterday",
     "yesterday 18:30 extra", "2h ago 14:00", "this friday", "[/]", "😀",
     "\x00\x1b[2J", "now now", "a", "ago", "-3 days ago", "3 days", "fri14h",
     "x" * 101, "1" * 1_000_000, "١٢:٣٠", "0026-11-20", "1899-12-31 10:00"],
)
def test_garbage_is_rejected(text):
    with pytest.raises(DateParseError) as info:
        parse_when(text, NOW)
    message = str(info.value)
    assert message and len(message) < 200
    assert message.isprintable()


def test_unreadable_message_says_what_to_do():
    with pytest.raises(DateParseError) as info:
        parse_when("blorp", NOW)
    assert str(info.value) == (
        "Could not read 'blorp' as a date. "
        "Try: now, yesterday 18:30, last friday, 3 days ago, 2026-11-20 14:00"
    )


def test_non_string_is_a_parse_error():
    with pytest.raises(DateParseError):
        parse_when(None, NOW)  # type: ignore[arg-type]


def test_dayfirst_false():
    assert parse_when("11/20 14:00", NOW, dayfirst=False) == paris(2026, 11, 20, 14, 0)
    assert parse_when("03/04", NOW, dayfirst=False) == paris(2026, 3, 4, 12, 0)
    assert parse_when("11/20/2026", NOW, dayfirst=False) == paris(2026, 11, 20, 12, 0)
    # ISO dates do not depend on it.
    assert parse_when("2026-11-20", NOW, dayfirst=False) == paris(2026, 11, 20, 12, 0)
    # The configured order is applied strictly, never swapped.
    with pytest.raises(DateParseError):
        parse_when("20/11", NOW, dayfirst=False)
    with pytest.raises(DateParseError):
        parse_when("11/20", NOW)


def test_local_zone_now():
    now = datetime(2026, 11, 27, 15, 0, tzinfo=clock.local_zone())
    got = parse_when("yesterday 18:30", now)
    assert got.tzinfo is now.tzinfo
    assert got.replace(tzinfo=None) == datetime(2026, 11, 26, 18, 30)
    assert got.isoformat() == "2026-11-26T18:30:00+01:00"


def test_naive_now_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_when("now", datetime(2026, 11, 27, 15, 0))


# ---------------------------------------------------------------- DST


# The tests run in Europe/Paris (tests/conftest.py), so the local zone must
# give what zoneinfo gives.
BOTH = pytest.mark.parametrize("zone", [PARIS, clock.local_zone()], ids=["zoneinfo", "local"])


@BOTH
def test_yesterday_across_spring_forward_keeps_wall_time(zone):
    # Europe/Paris went from +01:00 to +02:00 at 02:00 on 2026-03-29.
    def paris(*args):
        return datetime(*args, tzinfo=zone)

    on_change_day = parse_when("yesterday 18:30", paris(2026, 3, 29, 20, 0))
    assert on_change_day.replace(tzinfo=None) == datetime(2026, 3, 28, 18, 30)
    assert on_change_day.utcoffset() == timedelta(hours=1)

    day_after = parse_when("yesterday 18:30", paris(2026, 3, 30, 10, 0))
    assert day_after.replace(tzinfo=None) == datetime(2026, 3, 29, 18, 30)
    assert day_after.utcoffset() == timedelta(hours=2)


def test_days_ago_is_wall_time_but_hours_ago_is_elapsed_time():
    now = paris(2026, 3, 29, 20, 0)  # +02:00
    day = parse_when("1 day ago 20:00", now)
    assert day.replace(tzinfo=None) == datetime(2026, 3, 28, 20, 0)
    assert day.utcoffset() == timedelta(hours=1)
    # 23 real hours, not 24.
    assert now.astimezone(timezone.utc) - day.astimezone(timezone.utc) == timedelta(hours=23)

    early = paris(2026, 3, 29, 3, 30)  # 01:30 UTC, just after the change
    two_hours = parse_when("2h ago", early)
    assert two_hours.astimezone(timezone.utc) == datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc)
    assert two_hours.replace(tzinfo=None) == datetime(2026, 3, 29, 0, 30)
    assert two_hours.utcoffset() == timedelta(hours=1)


@BOTH
def test_time_skipped_by_spring_forward_moves_forward(zone):
    got = parse_when("today 02:30", datetime(2026, 3, 29, 20, 0, tzinfo=zone))
    assert got.replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)
    assert got.utcoffset() == timedelta(hours=2)


@BOTH
def test_future_check_uses_instants_in_repeated_autumn_hour(zone):
    # 02:10 the second time round (+01:00): 02:30 (first time, +02:00)
    # was 40 minutes earlier, although its wall time is later.
    now = datetime(2026, 10, 25, 2, 10, tzinfo=zone, fold=1)
    got = parse_when("02:30", now)
    assert got.utcoffset() == timedelta(hours=2)
    assert got.astimezone(timezone.utc) < now.astimezone(timezone.utc)

    ago = parse_when("30 min ago", now)
    assert ago.astimezone(timezone.utc) == datetime(2026, 10, 25, 0, 40, tzinfo=timezone.utc)


# ---------------------------------------------------------------- parse_due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 27)),
        ("tomorrow", date(2026, 11, 28)),
        ("yesterday", date(2026, 11, 26)),
        ("next week", date(2026, 12, 4)),
        ("in 3 days", date(2026, 11, 30)),
        ("in 2 weeks", date(2026, 12, 11)),
        ("in a month", date(2026, 12, 27)),
        ("2026-12-01", date(2026, 12, 1)),
        ("01/12", date(2026, 12, 1)),
        ("1 dec", date(2026, 12, 1)),
        ("Dec 1", date(2026, 12, 1)),
        ("01/12/2027", date(2027, 12, 1)),
        # In the past: allowed, and no guessing of another year.
        ("2026-01-15", date(2026, 1, 15)),
        ("15/01", date(2026, 1, 15)),
        ("3 days ago", date(2026, 11, 24)),
        # Weekdays: strictly after today, so "fri" on a Friday is next week.
        ("fri", date(2026, 12, 4)),
        ("friday", date(2026, 12, 4)),
        ("next fri", date(2026, 12, 4)),
        ("sat", date(2026, 11, 28)),
        ("mon", date(2026, 11, 30)),
        ("thursday", date(2026, 12, 3)),
        ("last fri", date(2026, 11, 20)),
    ],
)
def test_parse_due_forms(text, expected):
    assert parse_due(text, TODAY) == expected


def test_parse_due_dayfirst_false():
    assert parse_due("12/01", TODAY, dayfirst=False) == date(2026, 12, 1)


@pytest.mark.parametrize(
    "text", ["blorp", "", "fri 14h", "tomorrow 9am", "in 2 hours", "32/13", "x" * 101, "[/]"]
)
def test_parse_due_rejects(text):
    with pytest.raises(DateParseError):
        parse_due(text, TODAY)


def test_parse_due_message():
    with pytest.raises(DateParseError) as info:
        parse_due("blorp", TODAY)
    assert str(info.value).startswith("Could not read 'blorp' as a due date. Try: ")


# ---------------------------------------------------------------- weeks


@pytest.mark.parametrize(
    ("d", "first_weekday", "expected"),
    [
        (date(2026, 11, 27), 0, date(2026, 11, 23)),  # Fri -> Mon
        (date(2026, 11, 23), 0, date(2026, 11, 23)),  # Mon is its own start
        (date(2026, 11, 29), 0, date(2026, 11, 23)),  # Sun is the last day
        (date(2026, 11, 27), 6, date(2026, 11, 22)),  # Fri -> Sun before
        (date(2026, 11, 29), 6, date(2026, 11, 29)),  # Sun is its own start
        (date(2026, 11, 28), 6, date(2026, 11, 22)),  # Sat is the last day
        (date(2027, 1, 1), 0, date(2026, 12, 28)),  # across a year end
    ],
)
def test_week_start(d, first_weekday, expected):
    assert week_start(d, first_weekday) == expected


def test_week_start_rejects_bad_first_weekday():
    with pytest.raises(ValueError):
        week_start(TODAY, 7)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 11, 27), "2026-W48"),
        (date(2026, 12, 31), "2026-W53"),
        (date(2027, 1, 1), "2026-W53"),
        (date(2025, 12, 29), "2026-W01"),
        (date(2026, 1, 5), "2026-W02"),
    ],
)
def test_iso_week_label(d, expected):
    assert iso_week_label(d) == expected
    year, week, _ = d.isocalendar()
    assert expected == f"{year}-W{week:02d}"


def test_parse_week():
    assert parse_week("2026-W48") == date(2026, 11, 23)
    assert parse_week("2026-W01") == date(2025, 12, 29)
    assert parse_week(" 2026-w53 ") == date(2026, 12, 28)
    assert parse_week("2026W48") == date(2026, 11, 23)


@pytest.mark.parametrize("label", ["", "2026", "2026-W00", "2025-W53", "2026-W54", "W48", "blorp", "2026-W4８"])
def test_parse_week_rejects(label):
    with pytest.raises(DateParseError):
        parse_week(label)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_week_label_round_trip(d):
    monday = parse_week(iso_week_label(d))
    assert monday == week_start(d, 0)
    assert iso_week_label(monday) == iso_week_label(d)


# ---------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 11, 27), "Today"),
        (date(2026, 11, 26), "Yesterday"),
        (date(2026, 11, 25), "Wednesday"),
        (date(2026, 11, 21), "Saturday"),  # 6 days ago: still a name
        (date(2026, 11, 20), "Fri 20 Nov"),  # 7 days ago: a date
        (date(2026, 1, 4), "Sun 4 Jan"),
        (date(2025, 11, 14), "Fri 14 Nov 2025"),
        (date(2026, 11, 30), "Mon 30 Nov"),  # future
    ],
)
def test_format_day_heading(d, expected):
    assert format_day_heading(d, TODAY) == expected


# ---------------------------------------------------------------- properties

ZONES = [PARIS, ZoneInfo("America/Los_Angeles"), ZoneInfo("Pacific/Kiritimati"),
         ZoneInfo("UTC"), clock.local_zone()]
TOKENS = ["now", "today", "yesterday", "tomorrow", "last", "next", "fri", "sunday",
          "ago", "in", "3", "a", "days", "h", "min", "week", "month", "9am", "12pm",
          "14h", "14h30", "18:30", "noon", "at", "20/11", "11/20", "29/02",
          "2026-11-20", "1", "dec", "2025", "0001-01-01", "9999-12-31", "9999"]
TEXTS = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(TOKENS), max_size=4).map(" ".join),
)
NOWS = st.datetimes(
    min_value=datetime(1950, 1, 1),
    max_value=datetime(2200, 1, 1),
    timezones=st.sampled_from(ZONES),
    allow_imaginary=False,
)


@settings(max_examples=500)
@given(text=TEXTS, now=NOWS, dayfirst=st.booleans())
def test_parse_when_never_future_and_only_raises_parse_errors(text, now, dayfirst):
    try:
        got = parse_when(text, now, dayfirst=dayfirst)
    except DateParseError as err:
        assert str(err)
        return
    assert got.tzinfo is now.tzinfo
    assert got.utcoffset() is not None
    assert got.astimezone(timezone.utc) <= now.astimezone(timezone.utc) + timedelta(minutes=1)


@settings(max_examples=300)
@given(text=TEXTS, today=st.dates(), dayfirst=st.booleans())
def test_parse_due_only_raises_parse_errors(text, today, dayfirst):
    try:
        got = parse_due(text, today, dayfirst=dayfirst)
    except DateParseError:
        return
    assert isinstance(got, date)


# ------------------------------------------------------ the local zone


@settings(max_examples=500)
@given(moment=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1), timezones=st.just(timezone.utc)))
def test_local_zone_converts_instants_as_zoneinfo_does(moment):
    """journal.clock.SystemZone (the C library) against zoneinfo, for the zone of the tests."""
    here, there = moment.astimezone(clock.local_zone()), moment.astimezone(PARIS)
    assert here.replace(tzinfo=None) == there.replace(tzinfo=None)
    assert (here.fold, here.utcoffset(), here.tzname()) == (there.fold, there.utcoffset(), there.tzname())
    assert here.astimezone(timezone.utc) == moment


@settings(max_examples=500)
@given(wall=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1)), fold=st.sampled_from([0, 1]))
def test_local_zone_reads_wall_times_as_zoneinfo_does(wall, fold):
    """Skipped and repeated times included (PEP 495: fold picks the side of the change)."""
    wall = wall.replace(fold=fold)
    assert wall.replace(tzinfo=clock.local_zone()).utcoffset() == wall.replace(tzinfo=PARIS).utcoffset()


def test_local_zone_around_the_changes():
    local = clock.local_zone()
    # Skipped (02:30 on 29 March 2026): the offset from before the change, which moves it forward.
    skipped = datetime(2026, 3, 29, 2, 30, tzinfo=local)
    assert skipped.utcoffset() == timedelta(hours=1)
    assert skipped.astimezone(timezone.utc).astimezone(local).isoformat() == "2026-03-29T03:30:00+02:00"
    # Repeated (02:30 on 25 October 2026): fold picks the first or the second.
    assert datetime(2026, 10, 25, 2, 30, tzinfo=local).isoformat() == "2026-10-25T02:30:00+02:00"
    assert datetime(2026, 10, 25, 2, 30, tzinfo=local, fold=1).isoformat() == "2026-10-25T02:30:00+01:00"
    second = datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc).astimezone(local)
    assert (second.fold, second.isoformat()) == (1, "2026-10-25T02:30:00+01:00")
    assert second.tzname() == "CET" and datetime(2026, 7, 1, tzinfo=local).tzname() == "CEST"
    assert clock.now().tzinfo is local


def test_nothing_uses_dateutil_tzlocal():
    """Local time comes from one place, journal.clock (the brief of issue 14)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    uses = re.compile(r"tzlocal\(|gettz\(|from dateutil import tz\b|dateutil\.tz\b")
    for package in ("journal", "tui"):
        for path in (root / package).rglob("*.py"):
            assert not uses.search(path.read_text(encoding="utf-8")), path


def test_a_range_bound_is_a_whole_day_unless_a_time_is_given():
    from journal.dates import parse_bound

    now = datetime(2026, 11, 27, 15, 0, tzinfo=clock.local_zone())
    assert parse_bound("last fri", now) == datetime(2026, 11, 20, 0, 0, tzinfo=PARIS)
    assert parse_bound("last fri", now, end=True) == datetime(2026, 11, 21, 0, 0, tzinfo=PARIS)
    assert parse_bound("today", now, end=True) == datetime(2026, 11, 28, 0, 0, tzinfo=PARIS)
    assert parse_bound("yesterday 18:30", now) == datetime(2026, 11, 26, 18, 30, tzinfo=PARIS)
    assert parse_bound("yesterday evening", now, end=True) == datetime(2026, 11, 26, 19, 0, tzinfo=PARIS)
    assert parse_bound("2h ago", now) == datetime(2026, 11, 27, 13, 0, tzinfo=PARIS)
    assert parse_bound("now", now, end=True) == now
