"""Dates shown to the user, in the interface's language (issue 19).

English keeps the formats netjournal always had ("Tue 24 Nov", "Friday 27
November 2026"), written by hand or by strftime (whose names follow no
LC_TIME, since netjournal never calls setlocale), so English output is byte
for byte what it was. Any other language takes its day and month names,
their order and punctuation from Babel's CLDR data: "seg., 23 de nov.",
"segunda-feira, 23 de novembro de 2026". Babel is imported on the first
non-English date only: babel.dates costs about 20 ms of imports plus its
locale data, which an English start, or `netjournal add`, never pays.

Week labels stay ISO ("2026-W48") wherever they are data (JSON, the journal
file, `--week`); `week_name` is the label as a person reads it.
"""
from __future__ import annotations

from datetime import date, datetime

from . import i18n

# English formats, as they were before other languages existed.
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def english() -> bool:
    return i18n.language() == i18n.ENGLISH


def _locale():
    """The Babel Locale of the interface language (imported and loaded on first use)."""
    from babel import Locale

    return Locale.parse(i18n.language())


def _skeleton(skeleton: str, d: date) -> str:
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, d, locale=_locale())


def _with_time(day_text: str, moment: datetime) -> str:
    """A date and its HH:mm, joined as the locale's CLDR dateTimeFormat says ("{1} {0}")."""
    pattern = _locale().datetime_formats["medium"]
    return str(pattern).replace("{1}", day_text).replace("{0}", f"{moment:%H:%M}")


def _upper_first(text: str) -> str:
    # A heading starts with a capital, as a sentence does; CLDR's names are lower case in Portuguese.
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------ days


def short_day(d: date, today: date) -> str:
    """ "Tue 24 Nov", with the year when it is not today's ("seg., 23 de nov.")."""
    if english():
        text = f"{_EN_DAYS[d.weekday()]} {d.day} {_EN_MONTHS[d.month - 1]}"
        return text if d.year == today.year else f"{text} {d.year}"
    return _skeleton("MMMEd" if d.year == today.year else "yMMMEd", d)


def column_day(d: date, today: date) -> str:
    """short_day for a narrow column: "Tue 24 Nov" in English, "ter., 24/11" in Portuguese
    (with the year when it is not today's), where "ter., 24 de nov." would be cut."""
    if english():
        return short_day(d, today)
    return _skeleton("MEd" if d.year == today.year else "yMEd", d)


def day_with_year(d: date) -> str:
    """ "Tue 24 Nov 2026" ("ter., 24 de nov. de 2026")."""
    if english():
        return f"{_EN_DAYS[d.weekday()]} {d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
    return _skeleton("yMMMEd", d)


def weekday_and_day(d: date) -> str:
    """ "Fri 27" ("sex., 27"): a day of a week already named."""
    if english():
        return d.strftime("%a %d")
    return _skeleton("Ed", d)


def padded_day(d: date, *, year: bool = True) -> str:
    """ "Fri 27 Nov 2026", the day zero-padded ("sex., 27 de nov. de 2026"); "Fri 27 Nov" without the year."""
    if english():
        return d.strftime("%a %d %b %Y" if year else "%a %d %b")
    return _skeleton("yMMMEd" if year else "MMMEd", d)


def padded_day_time(moment: datetime) -> str:
    """ "Fri 27 Nov 2026 15:00" ("sex., 27 de nov. de 2026 15:00")."""
    if english():
        return moment.strftime("%a %d %b %Y %H:%M")
    return _with_time(_skeleton("yMMMEd", moment), moment)


# Numeric dates that need no Babel, for the command line's one-line echo of
# what `netjournal add` saved: that command must start fast in any language
# (tests/test_cli_pt_br.py). tests/test_dates_out.py checks each pattern
# against CLDR's own (the yMd skeleton), so this is no hand-made table of names.
NUMERIC_DATES = {"pt_BR": "%d/%m/%Y"}


def summary_day_time(moment: datetime) -> str:
    """ "Fri 27 Nov 2026 15:00" in English; "27/11/2026 15:00" in Portuguese (Babel-free, see NUMERIC_DATES)."""
    if english():
        return moment.strftime("%a %d %b %Y %H:%M")
    return moment.strftime(NUMERIC_DATES.get(i18n.language(), "%Y-%m-%d") + " %H:%M")


def day_month(d: date) -> str:
    """ "27 Nov", the day zero-padded ("27 de nov.")."""
    if english():
        return d.strftime("%d %b")
    return _skeleton("MMMd", d)


def plain_date(d: date) -> str:
    """ "27 Nov 2026" ("27 de nov. de 2026")."""
    if english():
        return d.strftime("%d %b %Y")
    return _skeleton("yMMMd", d)


def compact_date(d: date) -> str:
    """ "27 Nov 2026" in English, the locale's numeric date elsewhere ("27/11/2026"):
    for a column of dates, where "27 de nov. de 2026" would not fit."""
    if english():
        return d.strftime("%d %b %Y")
    return _skeleton("yMd", d)


def plain_date_time(moment: datetime) -> str:
    """ "27 Nov 2026 15:00" ("27 de nov. de 2026 15:00")."""
    if english():
        return moment.strftime("%d %b %Y %H:%M")
    return _with_time(_skeleton("yMMMd", moment), moment)


def full_day(d: date) -> str:
    """ "Friday 27 November 2026" ("sexta-feira, 27 de novembro de 2026")."""
    if english():
        return d.strftime("%A %d %B %Y")
    from babel.dates import format_date

    return format_date(d, "full", locale=_locale())


def full_day_time(moment: datetime) -> str:
    """ "Friday 27 November 2026, 15:00" ("Sexta-feira, 27 de novembro de 2026 15:00"): a title."""
    if english():
        return moment.strftime("%A %d %B %Y, %H:%M")
    return _upper_first(_with_time(full_day(moment), moment))


def long_date_time(moment: datetime) -> str:
    """ "27 November 2026 15:00" ("27 de novembro de 2026 15:00")."""
    if english():
        return moment.strftime("%d %B %Y %H:%M")
    return _with_time(_skeleton("yMMMMd", moment), moment)


def day_heading(d: date, today: date) -> str:
    """The timeline's heading of a day: "Today", "Yesterday", a weekday name
    within the last 6 days, else "Fri 14 Nov" ("Fri 14 Nov 2025" when not in
    today's year). In Portuguese: "Hoje", "Ontem", "Sexta-feira", "Sex., 14 de nov."."""
    ago = (today - d).days
    if english():
        if ago == 0:
            return "Today"
        if ago == 1:
            return "Yesterday"
        if 2 <= ago <= 6:
            return _EN_DAY_NAMES[d.weekday()]
        label = f"{_EN_DAY_NAMES[d.weekday()][:3]} {d.day} {_EN_MONTHS[d.month - 1]}"
        return label if d.year == today.year else f"{label} {d.year}"
    locale = _locale()
    if ago in (0, 1):
        # CLDR's own words for today and yesterday ("hoje", "ontem").
        return _upper_first(str(locale._data["date_fields"]["day"]["relative"][-ago]))
    if 2 <= ago <= 6:
        return _upper_first(str(locale.days["format"]["wide"][d.weekday()]))
    return _upper_first(short_day(d, today))


# ------------------------------------------------------------ weeks


def week_name(label: str, today: date | None = None) -> str:
    """An ISO week label ("2026-W48") as a person reads it after the word "Week".

    English keeps the label; Portuguese says the number, with the year when
    it is not today's: "48", "52 de 2025" (so "Semana 48").
    """
    if english():
        return label
    year, week = int(label[:4]), int(label[6:])
    if today is not None and year == today.year:
        return str(week)
    # CLDR's year-month joining word ("novembro de 2026" → "de").
    return f"{week} {_year_joiner()} {year}".replace("  ", " ")


def _year_joiner() -> str:
    pattern = str(_locale().datetime_skeletons.get("yMMMM") or "")
    # "MMMM 'de' y" → "de"; nothing for languages that just put the year after.
    import re

    m = re.search(r"MMMM\s+'([^']+)'\s+y", pattern)
    return m[1] if m else ""


def first_weekday() -> int:
    """The first day of the week when the settings do not fix it (0 = Monday .. 6 = Sunday).

    Monday in English, as always; otherwise the language's CLDR territory
    data (Sunday in Brazil).
    """
    if english():
        return 0
    return _locale().first_week_day
