"""The cadence grammar (words -> RRULE), its expansion across DST changes, and its bounds.

The process runs in Europe/Paris (conftest), where summer time ended on
Sunday 25 October 2026 and starts again on Sunday 28 March 2027. "Today" in
the grammar table is Friday 27 November 2026, the frozen clock's day.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from journal.cadence import (
    EXAMPLES,
    MAX_OCCURRENCES,
    VOCABULARY,
    CadenceError,
    Rule,
    Schedule,
    describe_date,
    parse_cadence,
    parse_rrule,
)

TODAY = date(2026, 11, 27)  # a Friday
NOW = datetime(2026, 11, 27, 15, 0)  # naive local


def _next(text: str, count: int = 3) -> list[str]:
    cadence = parse_cadence(text, TODAY)
    schedule = Schedule(cadence.rule.text(), cadence.start_text)
    return [describe_date(d, schedule.whole_day) for d in schedule.next_after(NOW, count, local=True)]


# (typed, RRULE, start, the next three dates from Fri 27 Nov 2026 15:00)
GRAMMAR = [
    # The examples.
    ("every tuesday 19:00", "FREQ=WEEKLY;BYDAY=TU", "2026-11-24T19:00", ["Tue 1 Dec 19:00", "Tue 8 Dec 19:00", "Tue 15 Dec 19:00"]),
    ("every 2 weeks on thu 18h", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "2026-11-26T18:00", ["Thu 10 Dec 18:00", "Thu 24 Dec 18:00", "Thu 7 Jan 18:00"]),
    ("monthly on the first monday 19h", "FREQ=MONTHLY;BYDAY=1MO", "2026-11-02T19:00", ["Mon 7 Dec 19:00", "Mon 4 Jan 19:00", "Mon 1 Feb 19:00"]),
    ("every 2nd tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-11-24", ["Tue 8 Dec", "Tue 22 Dec", "Tue 5 Jan"]),
    ("toda terça às 19h", "FREQ=WEEKLY;BYDAY=TU", "2026-11-24T19:00", ["Tue 1 Dec 19:00", "Tue 8 Dec 19:00", "Tue 15 Dec 19:00"]),
    ("toda primeira segunda do mês", "FREQ=MONTHLY;BYDAY=1MO", "2026-11-02", ["Mon 7 Dec", "Mon 4 Jan", "Mon 1 Feb"]),
    # Case, accents and spacing do not matter.
    ("  TODA  TERÇA ÀS 19H ", "FREQ=WEEKLY;BYDAY=TU", "2026-11-24T19:00", ["Tue 1 Dec 19:00", "Tue 8 Dec 19:00", "Tue 15 Dec 19:00"]),
    ("Toda Terca as 19h", "FREQ=WEEKLY;BYDAY=TU", "2026-11-24T19:00", ["Tue 1 Dec 19:00", "Tue 8 Dec 19:00", "Tue 15 Dec 19:00"]),
    ("Every Tuesday, 7pm", "FREQ=WEEKLY;BYDAY=TU", "2026-11-24T19:00", ["Tue 1 Dec 19:00", "Tue 8 Dec 19:00", "Tue 15 Dec 19:00"]),
    # Weekly forms.
    ("every tuesday and thursday at 7:30 pm", "FREQ=WEEKLY;BYDAY=TU,TH", "2026-11-26T19:30", ["Tue 1 Dec 19:30", "Thu 3 Dec 19:30", "Tue 8 Dec 19:30"]),
    ("weekly on fri", "FREQ=WEEKLY;BYDAY=FR", "2026-11-27", ["Fri 27 Nov", "Fri 4 Dec", "Fri 11 Dec"]),
    ("every week on sunday 10h", "FREQ=WEEKLY;BYDAY=SU", "2026-11-22T10:00", ["Sun 29 Nov 10:00", "Sun 6 Dec 10:00", "Sun 13 Dec 10:00"]),
    ("every other tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-11-24", ["Tue 8 Dec", "Tue 22 Dec", "Tue 5 Jan"]),
    ("every other week on wed noon", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "2026-11-25T12:00", ["Wed 9 Dec 12:00", "Wed 23 Dec 12:00", "Wed 6 Jan 12:00"]),
    ("fortnightly on wed", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "2026-11-25", ["Wed 9 Dec", "Wed 23 Dec", "Wed 6 Jan"]),
    ("every second tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-11-24", ["Tue 8 Dec", "Tue 22 Dec", "Tue 5 Jan"]),
    ("every weekday 9am", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27T09:00", ["Mon 30 Nov 09:00", "Tue 1 Dec 09:00", "Wed 2 Dec 09:00"]),
    ("every three weeks on monday", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO", "2026-11-23", ["Mon 14 Dec", "Mon 4 Jan", "Mon 25 Jan"]),
    ("a cada 2 semanas na quinta às 18h", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "2026-11-26T18:00", ["Thu 10 Dec 18:00", "Thu 24 Dec 18:00", "Thu 7 Jan 18:00"]),
    ("toda quarta-feira 20h30", "FREQ=WEEKLY;BYDAY=WE", "2026-11-25T20:30", ["Wed 2 Dec 20:30", "Wed 9 Dec 20:30", "Wed 16 Dec 20:30"]),
    ("todas as sextas", "FREQ=WEEKLY;BYDAY=FR", "2026-11-27", ["Fri 27 Nov", "Fri 4 Dec", "Fri 11 Dec"]),
    ("semanalmente no sábado", "FREQ=WEEKLY;BYDAY=SA", "2026-11-21", ["Sat 28 Nov", "Sat 5 Dec", "Sat 12 Dec"]),
    # Monthly forms.
    ("every first monday of the month", "FREQ=MONTHLY;BYDAY=1MO", "2026-11-02", ["Mon 7 Dec", "Mon 4 Jan", "Mon 1 Feb"]),
    ("the last friday of every month 18:00", "FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27T18:00", ["Fri 27 Nov 18:00", "Fri 25 Dec 18:00", "Fri 29 Jan 18:00"]),
    ("every 2nd tuesday of the month", "FREQ=MONTHLY;BYDAY=2TU", "2026-11-10", ["Tue 8 Dec", "Tue 12 Jan", "Tue 9 Feb"]),
    ("every first and third thursday of the month", "FREQ=MONTHLY;BYDAY=1TH,3TH", "2026-11-19", ["Thu 3 Dec", "Thu 17 Dec", "Thu 7 Jan"]),
    ("every month on the last friday", "FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27", ["Fri 27 Nov", "Fri 25 Dec", "Fri 29 Jan"]),
    ("monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-11-15", ["Tue 15 Dec", "Fri 15 Jan", "Mon 15 Feb"]),
    ("every 2 months on the first monday", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "2026-11-02", ["Mon 4 Jan", "Mon 1 Mar", "Mon 3 May"]),
    ("toda segunda segunda do mês 19h30", "FREQ=MONTHLY;BYDAY=2MO", "2026-11-09T19:30", ["Mon 14 Dec 19:30", "Mon 11 Jan 19:30", "Mon 8 Feb 19:30"]),
    ("toda última sexta do mês", "FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27", ["Fri 27 Nov", "Fri 25 Dec", "Fri 29 Jan"]),
    ("mensalmente na 1ª quinta", "FREQ=MONTHLY;BYDAY=1TH", "2026-11-05", ["Thu 3 Dec", "Thu 7 Jan", "Thu 4 Feb"]),
    ("todo dia 15", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-11-15", ["Tue 15 Dec", "Fri 15 Jan", "Mon 15 Feb"]),
    ("todo mês no dia 15", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-11-15", ["Tue 15 Dec", "Fri 15 Jan", "Mon 15 Feb"]),
    # Daily forms.
    ("every day", "FREQ=DAILY", "2026-11-27", ["Fri 27 Nov", "Sat 28 Nov", "Sun 29 Nov"]),
    ("daily at 8am", "FREQ=DAILY", "2026-11-27T08:00", ["Sat 28 Nov 08:00", "Sun 29 Nov 08:00", "Mon 30 Nov 08:00"]),
    ("every 3 days", "FREQ=DAILY;INTERVAL=3", "2026-11-27", ["Fri 27 Nov", "Mon 30 Nov", "Thu 3 Dec"]),
    ("todo dia às 7h", "FREQ=DAILY", "2026-11-27T07:00", ["Sat 28 Nov 07:00", "Sun 29 Nov 07:00", "Mon 30 Nov 07:00"]),
    # A first date fixes which weeks an interval takes.
    ("every 2 weeks on thu 18h starting 3 dec", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "2026-12-03T18:00", ["Thu 3 Dec 18:00", "Thu 17 Dec 18:00", "Thu 31 Dec 18:00"]),
    ("every tuesday from 2026-12-08 at 19:00", "FREQ=WEEKLY;BYDAY=TU", "2026-12-08T19:00", ["Tue 8 Dec 19:00", "Tue 15 Dec 19:00", "Tue 22 Dec 19:00"]),
    ("toda terça às 19h a partir de 2026-12-08", "FREQ=WEEKLY;BYDAY=TU", "2026-12-08T19:00", ["Tue 8 Dec 19:00", "Tue 15 Dec 19:00", "Tue 22 Dec 19:00"]),
]


@pytest.mark.parametrize(("typed", "rrule", "start", "upcoming"), GRAMMAR, ids=[row[0] for row in GRAMMAR])
def test_the_grammar(typed, rrule, start, upcoming):
    cadence = parse_cadence(typed, TODAY)
    assert cadence.rule.text() == rrule
    assert cadence.start_text == start
    assert cadence.text == " ".join(typed.split())
    assert _next(typed) == upcoming


@pytest.mark.parametrize(("typed", "says"), [
    ("", "Say how often"),
    ("   ", "Say how often"),
    ("weekly", "Say which day"),
    ("every week", "Say which day: 'every week on thursday'"),
    ("every 2 weeks", "Say which day"),
    ("every", "'every' what?"),
    ("monthly on tuesday", "Say which day of the month"),
    ("monthly", "Say which day of the month"),
    ("tuesday", "Start with 'every'"),
    ("tomorrow 19h", "'tomorrow' is not a word"),
    ("every blue moon", "'blue' is not a word"),
    ("every tuesday 25:00", "'25:00' is not a time of day"),
    ("every tuesday 13pm", "is not a time of day"),
    ("every tuesday 7 and 8pm", "not one netjournal can read"),
    ("every tuesday 19:00 and 20:00", "Give one time only"),
    ("every 200 days", "between 1 and 99"),
    ("every 0 weeks on mon", "between 1 and 99"),
    ("every 6th tuesday of the month", "not one netjournal can read"),
    ("every tuesday starting someday", "The first date"),
    ("every " * 60, "longer than 200"),
    ("every monday [red]", "not a word"),
])
def test_outside_the_grammar_is_an_error_with_examples(typed, says):
    with pytest.raises(CadenceError) as info:
        parse_cadence(typed, TODAY)
    message = str(info.value)
    assert says in message
    if "first date" not in message:
        assert EXAMPLES in message


def test_a_rule_with_no_date_ahead_is_an_error():
    # The 31st, every 12 months from February: there is never one.
    with pytest.raises(CadenceError, match="no date from today on"):
        parse_cadence("every 12 months on the 31st starting 2027-02-01", TODAY)


def test_the_vocabulary_is_one_table_per_language_and_both_are_always_read():
    assert set(VOCABULARY) == {"en", "pt"}
    for words in VOCABULARY.values():
        assert {"every", "weekdays", "ordinals", "numbers", "units", "adverbs", "fillers", "starting"} <= set(words)
        # Folded words only: the input is folded before it is looked up.
        for kind in ("every", "weekdays", "ordinals", "numbers", "units", "adverbs", "fillers"):
            assert all(word == word.casefold() and word.isascii() for word in words[kind]), kind
    # A language is words: a new weekday word is read as soon as it is in the table.
    VOCABULARY["en"]["weekdays"]["tuesdy"] = (1,)
    try:
        assert parse_cadence("every tuesdy", TODAY).rule.text() == "FREQ=WEEKLY;BYDAY=TU"
    finally:
        del VOCABULARY["en"]["weekdays"]["tuesdy"]


# ------------------------------------------------------------------- DST
def test_a_weekly_cadence_stays_at_19_local_when_summer_time_ends():
    schedule = Schedule("FREQ=WEEKLY;BYDAY=TU", "2026-10-06T19:00")
    dates = schedule.between(datetime(2026, 10, 13), datetime(2026, 11, 4))
    assert [(d.date().isoformat(), d.strftime("%H:%M"), d.utcoffset()) for d in dates] == [
        ("2026-10-13", "19:00", timedelta(hours=2)),
        ("2026-10-20", "19:00", timedelta(hours=2)),
        ("2026-10-27", "19:00", timedelta(hours=1)),  # after Sunday 25 October
        ("2026-11-03", "19:00", timedelta(hours=1)),
    ]
    # So the instants are a week apart on the clock, and a week and an hour apart in time.
    assert dates[2] - dates[1] == timedelta(days=7, hours=1)


def test_a_weekly_cadence_stays_at_19_local_when_summer_time_starts():
    schedule = Schedule("FREQ=WEEKLY;BYDAY=TU", "2027-03-02T19:00")
    dates = schedule.between(datetime(2027, 3, 20), datetime(2027, 4, 7))
    assert [(d.day, d.hour, d.utcoffset()) for d in dates] == [
        (23, 19, timedelta(hours=1)), (30, 19, timedelta(hours=2)), (6, 19, timedelta(hours=2)),
    ]


def test_a_time_the_spring_change_skips_moves_forward_and_the_repeated_hour_is_taken_once():
    daily = Schedule("FREQ=DAILY", "2027-03-26T02:30")
    spring = daily.between(datetime(2027, 3, 27), datetime(2027, 3, 30))
    assert [d.isoformat() for d in spring] == [
        "2027-03-27T02:30:00+01:00", "2027-03-28T03:30:00+02:00", "2027-03-29T02:30:00+02:00",
    ]
    autumn = Schedule("FREQ=DAILY", "2026-10-23T02:30").between(datetime(2026, 10, 25), datetime(2026, 10, 26))
    assert [d.isoformat() for d in autumn] == ["2026-10-25T02:30:00+02:00"]


def test_a_monthly_cadence_across_both_changes_keeps_its_wall_clock_time():
    schedule = Schedule("FREQ=MONTHLY;BYDAY=1MO", "2026-09-07T19:00")
    dates = schedule.between(datetime(2026, 9, 1), datetime(2027, 5, 1))
    assert {d.strftime("%H:%M") for d in dates} == {"19:00"}
    assert {d.utcoffset() for d in dates} == {timedelta(hours=1), timedelta(hours=2)}
    assert all(d.weekday() == 0 and d.day <= 7 for d in dates)


def test_the_grammar_typed_in_summer_keeps_19_in_winter():
    cadence = parse_cadence("toda terça às 19h", date(2026, 9, 10))
    schedule = Schedule(cadence.rule.text(), cadence.start_text)
    winter = schedule.next_after(datetime(2026, 12, 1, 0, 0), 1)[0]
    assert (winter.hour, winter.utcoffset()) == (19, timedelta(hours=1))


# ------------------------------------------------- the latest date, exceptions
def test_last_before_finds_the_latest_date_up_to_a_moment():
    schedule = Schedule("FREQ=WEEKLY;BYDAY=TU", "2026-01-06T19:00")
    assert schedule.last_before(datetime(2026, 11, 27, 15), local=True) == datetime(2026, 11, 24, 19)
    assert schedule.last_before(datetime(2026, 11, 24, 19), local=True) == datetime(2026, 11, 24, 19)
    assert schedule.last_before(datetime(2026, 11, 24, 18, 59), local=True) == datetime(2026, 11, 17, 19)
    assert schedule.last_before(datetime(2025, 1, 1), local=True) is None  # before it started
    aware = schedule.last_before(datetime.fromisoformat("2026-11-27T15:00:00+01:00"))
    assert aware.isoformat() == "2026-11-24T19:00:00+01:00"


def test_a_cancelled_date_is_left_out_and_a_moved_one_comes_in():
    schedule = Schedule(
        "FREQ=WEEKLY;BYDAY=TU", "2026-11-03T19:00",
        exdates=["2026-12-01T19:00", "2026-12-08T19:00"], rdates=["2026-12-09T20:00"],
    )
    got = [d.strftime("%a %d %H:%M") for d in schedule.next_after(datetime(2026, 11, 27), 4, local=True)]
    assert got == ["Wed 09 20:00", "Tue 15 19:00", "Tue 22 19:00", "Tue 29 19:00"]
    assert schedule.last_before(datetime(2026, 12, 8, 23), local=True) == datetime(2026, 11, 24, 19)
    # A cancelled day without a time cancels that day's meeting.
    whole_day = Schedule("FREQ=WEEKLY;BYDAY=TU", "2026-11-03T19:00", exdates=["2026-12-01"])
    assert whole_day.next_after(datetime(2026, 11, 27), 1, local=True) == [datetime(2026, 12, 8, 19)]
    assert whole_day.exdates == [datetime(2026, 12, 1, 19)]


# ----------------------------------------------------------- RRULE text
@pytest.mark.parametrize("text", [
    "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=MONTHLY;BYDAY=1MO",
    "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;BYDAY=MO;COUNT=10", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101T000000;WKST=SU",
])
def test_rrule_text_reads_back_and_means_what_dateutil_reads(text):
    from dateutil.rrule import rrulestr

    rule = parse_rrule(text)
    assert rule.text() == text
    start = datetime(2026, 11, 3, 19)
    ours = list(rule.dateutil(start)[:40])
    theirs = list(rrulestr(text, dtstart=start)[:40])
    assert ours == theirs


def test_the_grammar_writes_rules_icalendar_reads():
    icalendar = pytest.importorskip("icalendar")
    for typed, rrule, _, _ in GRAMMAR:
        assert icalendar.vRecur.from_ical(rrule).to_ical().decode() == rrule, typed


# ------------------------------------------------ hostile rules, bounded
HOSTILE = [
    ("FREQ=SECONDLY", "is not DAILY, WEEKLY or MONTHLY"),
    ("FREQ=HOURLY;INTERVAL=1", "is not DAILY, WEEKLY or MONTHLY"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "does not read BYMONTH"),
    ("FREQ=DAILY;BYMONTHDAY=30", "only in a monthly rule"),
    ("FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1", "only in a monthly rule without BYDAY"),
    ("FREQ=DAILY;INTERVAL=99999999", "not between 1 and 1000"),
    ("FREQ=WEEKLY;COUNT=100000000", "not between 1 and 1000"),
    ("FREQ=WEEKLY;BYDAY=TU;BYSETPOS=-1", "does not read BYSETPOS"),
    ("FREQ=WEEKLY;BYDAY=" + ",".join(["TU"] * 200), "longer than 300"),
    ("X" * 100_000, "longer than 300"),
    ("FREQ=WEEKLY;FREQ=DAILY", "given twice"),
    ("FREQ=WEEKLY;BYDAY=2TU", "ordinal that does not fit"),
    ("FREQ=MONTHLY;BYDAY=9TU", "ordinal that does not fit"),
    ("FREQ=WEEKLY;BYDAY=XX", "is not a weekday"),
    ("FREQ=MONTHLY;BYMONTHDAY=32", "not a day of the month"),
    ("FREQ=WEEKLY;UNTIL=tomorrow", "is not a date"),
    ("", "empty"),
    ("FREQ=WEEKLY\nBYDAY=TU", "NAME=VALUE"),
]


@pytest.mark.parametrize(("rrule", "why"), HOSTILE, ids=[h[1] + str(i) for i, h in enumerate(HOSTILE)])
def test_a_hostile_rule_is_unreadable_not_a_hang(rrule, why):
    schedule = Schedule(rrule, "2026-11-03T19:00")
    assert not schedule.readable and why in schedule.problem
    assert schedule.next_after(datetime(2026, 11, 27), 3) == []
    assert schedule.between(datetime(2000, 1, 1), datetime(2100, 1, 1)) == []
    assert schedule.last_before(datetime(2026, 11, 27)) is None


@pytest.mark.parametrize(("start", "exdates", "why"), [
    ("0001-01-01T00:00", [], "outside the years"),
    ("9999-12-31T23:59", [], "outside the years"),
    ("2026-11-03T19:00+01:00", [], "has a UTC offset"),
    ("tuesday", [], "is not a date"),
    ("2026-11-03T19:00", ["2026-12-01T19:00"] * 501, "more than 500"),
    ("2026-11-03T19:00", ["soon"], "is not a date"),
])
def test_a_hostile_start_or_exception_is_unreadable(start, exdates, why):
    schedule = Schedule("FREQ=WEEKLY;BYDAY=TU", start, exdates=exdates)
    assert not schedule.readable and why in schedule.problem


def test_rules_that_read_but_rarely_match_stay_bounded():
    # Every 12 months from February on the 31st: never. dateutil walks the
    # months to year 9999 (about 8,000 of them), once, and finds nothing.
    never = Schedule("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", "2026-02-01T19:00")
    assert never.readable and never.next_after(datetime(2026, 11, 27), 3) == []
    # A daily rule from 1900 answers from the last period before the question.
    old = Schedule("FREQ=DAILY", "1900-01-01T08:00")
    assert old.next_after(datetime(2026, 11, 27, 9), 2, local=True) == [datetime(2026, 11, 28, 8), datetime(2026, 11, 29, 8)]
    assert old.last_before(datetime(2026, 11, 27, 9), local=True) == datetime(2026, 11, 27, 8)
    # No question returns more than MAX_OCCURRENCES dates.
    assert len(old.between(datetime(1900, 1, 1), datetime(2300, 1, 1))) == MAX_OCCURRENCES
    assert len(old.next_after(datetime(2026, 1, 1), 10**9)) == MAX_OCCURRENCES


def test_a_hand_edited_journal_full_of_hostile_rules_lists_its_groups_promptly(tmp_path):
    """`netjournal groups` on such a journal finishes (a generous timeout guards against a hang) and says so."""
    import orjson

    groups = {
        str(i): {"id": f"g{i}", "name": f"Group {i}", "members": [], "cadence": {"rrule": rrule, "start": "1900-01-01T19:00"}}
        for i, (rrule, _) in enumerate(HOSTILE + [("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", "")], 1)
    }
    path = tmp_path / "journal.json"
    path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 4}}, "groups": groups}))
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--journal", str(path), "groups"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("unreadable cadence") == len(HOSTILE)


# ----------------------------------------- starting from the last period
_WEEKDAY_SETS = st.lists(st.integers(0, 6), min_size=1, max_size=3, unique=True)


@st.composite
def _rules(draw) -> Rule:
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]))
    interval = draw(st.integers(1, 6))
    if freq == "DAILY":
        return Rule("DAILY", interval)
    if freq == "WEEKLY":
        days = draw(st.one_of(st.just([]), _WEEKDAY_SETS))
        return Rule("WEEKLY", interval, tuple((None, d) for d in days), wkst=draw(st.sampled_from([None, 6])))
    if draw(st.booleans()):
        return Rule("MONTHLY", interval, ((draw(st.sampled_from([1, 2, 3, 4, -1])), draw(st.integers(0, 6))),))
    return Rule("MONTHLY", interval, bymonthday=(draw(st.sampled_from([1, 15, 28, 31, -1])),)) if draw(st.booleans()) \
        else Rule("MONTHLY", interval)


@settings(max_examples=150, deadline=None)
@given(
    rule=_rules(),
    start=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)).map(lambda d: d.replace(second=0, microsecond=0)),
    offset=st.integers(0, 4000),
)
def test_starting_from_the_last_period_gives_the_same_dates_as_from_the_start(rule, start, offset):
    """The bound that keeps old rules cheap must not change a single date."""
    begin = start + timedelta(days=offset, hours=offset % 24)
    end = begin + timedelta(days=120)
    expected = rule.dateutil(start).between(begin, end, inc=True)
    expected = [d for d in expected if d < end]
    schedule = Schedule(rule.text(), start.strftime("%Y-%m-%dT%H:%M"))
    assert schedule.between(begin, end, local=True) == expected[:MAX_OCCURRENCES]
    before = rule.dateutil(start).before(begin, inc=True)
    assert schedule.last_before(begin, local=True) == before


def test_dates_are_shown_in_plain_english():
    assert describe_date(datetime(2026, 12, 1, 19, 0), False) == "Tue 1 Dec 19:00"
    assert describe_date(datetime(2026, 12, 1, 19, 0), True, year=True) == "Tue 1 Dec 2026"


def test_start_defaults_to_today_when_the_rule_had_no_date_lately():
    cadence = parse_cadence("every 5th monday of the month", date(2026, 12, 1))
    assert cadence.rule.text() == "FREQ=MONTHLY;BYDAY=5MO"
    assert cadence.start.date() <= date(2026, 12, 1)
    assert cadence.start.time() == time()
