"""Portuguese dates (issue 19): each form, beside the English one it means, at a fixed now.

Both languages are read whatever the interface language, folded for case and
accents; the English grammar's rules (no guessing, ambiguity is an error)
hold for Portuguese too, since Portuguese is read as the English it means.
"""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from journal import i18n
from journal.dates import DateParseError, parse_due, parse_when

PARIS = ZoneInfo("Europe/Paris")
# Friday 27 November 2026, 15:00, as tests/conftest.py freezes the app's clock.
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=PARIS)
TODAY = NOW.date()


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


# (Portuguese, the English it means, the moment both are). Each row is
# checked in both languages, so a row is a test of each grammar.
WHEN = [
    ("hoje", "today", NOW),
    ("Hoje", "TODAY", NOW),
    ("agora", "now", NOW),
    ("ontem", "yesterday", paris(2026, 11, 26, 12, 0)),
    ("ontem às 18h", "yesterday at 18h", paris(2026, 11, 26, 18, 0)),
    ("ontem as 18h30", "yesterday 18h30", paris(2026, 11, 26, 18, 30)),
    ("ontem 18:30", "yesterday 18:30", paris(2026, 11, 26, 18, 30)),
    ("ontem às 18 horas", "yesterday 6pm", paris(2026, 11, 26, 18, 0)),
    ("ontem ao meio-dia", "yesterday noon", paris(2026, 11, 26, 12, 0)),
    ("anteontem 10h", "2 days ago 10:00", paris(2026, 11, 25, 10, 0)),
    ("às 14h", "at 14h", paris(2026, 11, 27, 14, 0)),
    ("14h30", "2:30 pm", paris(2026, 11, 27, 14, 30)),
    ("14:30", "14:30", paris(2026, 11, 27, 14, 30)),
    ("seg", "mon", paris(2026, 11, 23, 12, 0)),
    ("segunda", "monday", paris(2026, 11, 23, 12, 0)),
    ("Segunda-feira", "Monday", paris(2026, 11, 23, 12, 0)),
    ("terça-feira 19h", "tue 19:00", paris(2026, 11, 24, 19, 0)),
    ("qua", "wed", paris(2026, 11, 25, 12, 0)),
    ("quinta feira", "thursday", paris(2026, 11, 26, 12, 0)),
    ("sexta", "friday", NOW),  # today included, as in English
    ("sáb 10h", "sat 10am", paris(2026, 11, 21, 10, 0)),
    ("SABADO", "saturday", paris(2026, 11, 21, 12, 0)),
    ("domingo", "sunday", paris(2026, 11, 22, 12, 0)),
    ("no domingo", "sun", paris(2026, 11, 22, 12, 0)),
    ("sexta passada", "last friday", paris(2026, 11, 20, 12, 0)),
    ("última sexta", "last fri", paris(2026, 11, 20, 12, 0)),
    ("na última sexta às 19h", "last fri 19h", paris(2026, 11, 20, 19, 0)),
    ("há 2 horas", "2 hours ago", paris(2026, 11, 27, 13, 0)),
    ("há uma hora", "an hour ago", paris(2026, 11, 27, 14, 0)),
    ("há 30 minutos", "30 min ago", paris(2026, 11, 27, 14, 30)),
    ("2 horas atrás", "2h ago", paris(2026, 11, 27, 13, 0)),
    ("há 3 dias às 10h", "3 days ago 10:00", paris(2026, 11, 24, 10, 0)),
    ("20/11", "20/11", paris(2026, 11, 20, 12, 0)),
    ("20/11/2026", "20/11/2026", paris(2026, 11, 20, 12, 0)),
    ("20/11 às 14h", "20/11 14:00", paris(2026, 11, 20, 14, 0)),
    ("20 de novembro", "20 november", paris(2026, 11, 20, 12, 0)),
    ("20 nov", "20 nov", paris(2026, 11, 20, 12, 0)),
    ("20 de novembro de 2025", "20 nov 2025", paris(2025, 11, 20, 12, 0)),
    ("1º de março", "1 march", paris(2026, 3, 1, 12, 0)),
    ("5 de agosto", "5 aug", paris(2026, 8, 5, 12, 0)),
    ("5 ago", "5 aug", paris(2026, 8, 5, 12, 0)),
    ("3 set", "3 sep", paris(2026, 9, 3, 12, 0)),
    ("10 de outubro 18h", "10 oct 18h", paris(2026, 10, 10, 18, 0)),
    ("20 de dezembro", "20 dec", paris(2025, 12, 20, 12, 0)),  # no year, in the future: last year's
]

# Forms whose time of day is the English grammar's to settle ("3 days ago"
# without a time, "last week"): the Portuguese must mean exactly the English.
WHEN_SAME_AS = [
    ("anteontem", "2 days ago", date(2026, 11, 25)),
    ("há 3 dias", "3 days ago", date(2026, 11, 24)),
    ("3 dias atrás", "3 days ago", date(2026, 11, 24)),
    ("há uma semana", "a week ago", date(2026, 11, 20)),
    ("há 2 meses", "2 months ago", date(2026, 9, 27)),
    ("semana passada", "last week", date(2026, 11, 20)),
    ("mês passado", "last month", date(2026, 10, 27)),
]

# Parts of the day (journal.dates' parts: morning 09:00, afternoon 15:00, night 21:00).
PARTS = [
    ("de manhã", "this morning", paris(2026, 11, 27, 9, 0)),
    ("hoje de manhã", "today morning", paris(2026, 11, 27, 9, 0)),
    ("hoje pela manhã", "this morning", paris(2026, 11, 27, 9, 0)),
    ("ontem à tarde", "yesterday afternoon", paris(2026, 11, 26, 15, 0)),
    ("ontem à noite", "last night", paris(2026, 11, 26, 21, 0)),
    ("ontem de noite", "yesterday night", paris(2026, 11, 26, 21, 0)),
    ("quarta à noite", "wed night", paris(2026, 11, 25, 21, 0)),
    ("ontem no almoço", "yesterday lunch", paris(2026, 11, 26, 12, 30)),
]

DUE = [
    ("hoje", "today", date(2026, 11, 27)),
    ("amanhã", "tomorrow", date(2026, 11, 28)),
    ("AMANHA", "tomorrow", date(2026, 11, 28)),
    ("depois de amanhã", "in 2 days", date(2026, 11, 29)),
    ("ontem", "yesterday", date(2026, 11, 26)),
    ("sexta", "fri", date(2026, 12, 4)),  # strictly after today, as in English
    ("sexta-feira", "friday", date(2026, 12, 4)),
    ("seg", "mon", date(2026, 11, 30)),
    ("sexta que vem", "next fri", date(2026, 12, 4)),
    ("próxima sexta", "next friday", date(2026, 12, 4)),
    ("próxima segunda-feira", "next monday", date(2026, 11, 30)),
    ("sexta passada", "last fri", date(2026, 11, 20)),
    ("daqui a 2 dias", "in 2 days", date(2026, 11, 29)),
    ("daqui a uma semana", "in a week", date(2026, 12, 4)),
    ("em 3 dias", "in 3 days", date(2026, 11, 30)),
    ("em 2 semanas", "in 2 weeks", date(2026, 12, 11)),
    ("daqui a 1 mês", "in 1 month", date(2026, 12, 27)),
    ("semana que vem", "next week", date(2026, 12, 4)),
    ("próxima semana", "next week", date(2026, 12, 4)),
    ("mês que vem", "next month", date(2026, 12, 27)),
    ("1/12", "1/12", date(2026, 12, 1)),
    ("01/12/2026", "01/12/2026", date(2026, 12, 1)),
    ("1º de dezembro", "1 dec", date(2026, 12, 1)),
    ("15 de janeiro de 2027", "15 jan 2027", date(2027, 1, 15)),
    ("3 fev", "3 feb", date(2026, 2, 3)),
]


@pytest.mark.parametrize(("pt", "en", "expected"), WHEN)
def test_parse_when_reads_both_languages(pt, en, expected):
    assert parse_when(pt, NOW) == expected
    assert parse_when(en, NOW) == expected


@pytest.mark.parametrize(("pt", "en", "day"), WHEN_SAME_AS)
def test_parse_when_relative_days_mean_the_english(pt, en, day):
    assert parse_when(pt, NOW) == parse_when(en, NOW)
    assert parse_when(pt, NOW).date() == day


@pytest.mark.parametrize(("pt", "en", "expected"), PARTS)
def test_parse_when_parts_of_the_day(pt, en, expected):
    assert parse_when(pt, NOW) == expected
    assert parse_when(en, NOW) == expected


@pytest.mark.parametrize(("pt", "en", "expected"), DUE)
def test_parse_due_reads_both_languages(pt, en, expected):
    assert parse_due(pt, TODAY) == expected
    assert parse_due(en, TODAY) == expected


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_interface_language_does_not_matter(language):
    i18n.use(language)
    try:
        assert parse_when("ontem às 18h", NOW) == parse_when("yesterday 18:00", NOW)
        assert parse_due("próxima sexta", TODAY) == parse_due("next fri", TODAY)
    finally:
        i18n.use(i18n.ENGLISH)


@pytest.mark.parametrize(
    "text",
    [
        "ontemm",
        "sexta-feira passada passada",
        "há dias",  # no count
        "há 3",  # no unit
        "em 3 horas",  # an encounter is in the past; and hours are no day
        "daqui a 2 dias",  # the future
        "amanhã",  # the future
        "32 de novembro",
        "20 de novembrr",
        "hoje às 25h",
        "20 de",
        "semana",
        "feira",
        "dia 20",
    ],
)
def test_parse_when_refuses_what_is_outside_the_grammar(text):
    with pytest.raises(DateParseError):
        parse_when(text, NOW)


def test_ambiguity_stays_an_error_in_portuguese():
    # Month-first order is applied strictly: 20/11 has no 20th month.
    with pytest.raises(DateParseError):
        parse_when("20/11", NOW, dayfirst=False)
    with pytest.raises(DateParseError):
        parse_due("20/11 que vem", TODAY)


def test_errors_echo_what_was_typed_not_the_english():
    with pytest.raises(DateParseError, match="'ontem às 99h'"):
        parse_when("ontem às 99h", NOW)
    with pytest.raises(DateParseError, match="'sexta que vem'"):
        parse_when("sexta que vem", NOW)


@pytest.mark.parametrize(
    "text",
    ["amanhã à tarde", "em 2 horas", "20 de novembrr", "há 2 horas", "segunda que"],
)
def test_parse_due_refuses_what_is_outside_the_grammar(text):
    with pytest.raises(DateParseError):
        parse_due(text, TODAY)


def test_english_words_that_are_portuguese_too_keep_their_english_meaning():
    # "ago" is August in Portuguese, "a" is "à", "mar" is March in both.
    assert parse_when("2 days ago", NOW) == parse_when("anteontem", NOW)
    assert parse_when("a week ago", NOW).date() == date(2026, 11, 20)
    assert parse_when("20 mar", NOW) == paris(2026, 3, 20, 12, 0)


def test_group_cadences_read_portuguese_first_dates():
    # journal.cadence has its own Portuguese words; its first date is a due date, so Portuguese too.
    from journal.cadence import parse_cadence

    weekly = parse_cadence("toda terça às 19h a partir de 8 de dezembro", TODAY)
    assert weekly.rule.text() == "FREQ=WEEKLY;BYDAY=TU"
    assert weekly.start == datetime(2026, 12, 8, 19, 0)
    monthly = parse_cadence("toda primeira segunda do mês", TODAY)
    assert monthly.rule.text() == "FREQ=MONTHLY;BYDAY=1MO"
    later = parse_cadence("toda sexta às 19h a partir de sexta que vem", TODAY)
    assert later.start == datetime(2026, 12, 4, 19, 0)


@pytest.mark.parametrize(("typed", "hint"), [
    ("hoje às 23h", "ontem às 23h"),
    ("23h", "ontem 23h"),
    ("hoje à noite", "ontem à noite"),
    ("sexta 18h", "sexta passada 18h"),
])
def test_a_later_time_is_refused_with_a_portuguese_hint(typed, hint):
    """The hint quoted the grammar's English: "você quis dizer yesterday at 23h?"."""
    from journal import i18n

    i18n.use("pt_BR")
    now = datetime.fromisoformat("2026-11-27T15:00:00+01:00")  # a Friday
    with pytest.raises(DateParseError) as refused:
        parse_when(typed, now)
    assert f"{hint}?" in str(refused.value), str(refused.value)
    assert "yesterday" not in str(refused.value) and "last" not in str(refused.value)
