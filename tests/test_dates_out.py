"""Dates shown in the user's language (issue 19): CLDR's names in Portuguese, English as it always was."""
from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest

from journal import dates_out, i18n
from journal.dates import format_day_heading
from journal.store import Store
from tui.cli import main

TODAY = date(2026, 11, 27)  # a Friday; the conftest's frozen clock is the same day
MOMENT = datetime(2026, 11, 23, 18, 30)


@pytest.fixture
def portuguese():
    i18n.use("pt_BR")
    yield
    i18n.use(i18n.ENGLISH)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("show", "english", "portuguese_text"),
    [
        (lambda: dates_out.short_day(date(2026, 11, 23), TODAY), "Mon 23 Nov", "seg., 23 de nov."),
        (lambda: dates_out.short_day(date(2025, 11, 24), TODAY), "Mon 24 Nov 2025", "seg., 24 de nov. de 2025"),
        (lambda: dates_out.column_day(date(2026, 11, 23), TODAY), "Mon 23 Nov", "seg., 23/11"),
        (lambda: dates_out.day_with_year(date(2026, 12, 1)), "Tue 1 Dec 2026", "ter., 1 de dez. de 2026"),
        (lambda: dates_out.weekday_and_day(date(2026, 11, 3)), "Tue 03", "ter., 3"),
        (lambda: dates_out.padded_day(date(2026, 11, 3)), "Tue 03 Nov 2026", "ter., 3 de nov. de 2026"),
        (lambda: dates_out.padded_day(date(2026, 11, 3), year=False), "Tue 03 Nov", "ter., 3 de nov."),
        (lambda: dates_out.padded_day_time(MOMENT), "Mon 23 Nov 2026 18:30", "seg., 23 de nov. de 2026 18:30"),
        (lambda: dates_out.day_month(date(2026, 11, 3)), "03 Nov", "3 de nov."),
        (lambda: dates_out.plain_date(date(2026, 11, 3)), "03 Nov 2026", "3 de nov. de 2026"),
        (lambda: dates_out.compact_date(date(2026, 11, 3)), "03 Nov 2026", "03/11/2026"),
        (lambda: dates_out.plain_date_time(MOMENT), "23 Nov 2026 18:30", "23 de nov. de 2026 18:30"),
        (lambda: dates_out.full_day(date(2026, 11, 23)), "Monday 23 November 2026", "segunda-feira, 23 de novembro de 2026"),
        (lambda: dates_out.full_day_time(MOMENT), "Monday 23 November 2026, 18:30",
         "Segunda-feira, 23 de novembro de 2026 18:30"),
        (lambda: dates_out.long_date_time(MOMENT), "23 November 2026 18:30", "23 de novembro de 2026 18:30"),
        (lambda: dates_out.summary_day_time(MOMENT), "Mon 23 Nov 2026 18:30", "23/11/2026 18:30"),
        (lambda: dates_out.week_name("2026-W48", TODAY), "2026-W48", "48"),
        (lambda: dates_out.week_name("2025-W52", TODAY), "2025-W52", "52 de 2025"),
        (lambda: dates_out.first_weekday(), 0, 6),  # CLDR: Sunday in Brazil
    ],
)
def test_each_format_in_both_languages(show, english, portuguese_text):
    assert show() == english
    i18n.use("pt_BR")
    try:
        assert show() == portuguese_text
    finally:
        i18n.use(i18n.ENGLISH)


@pytest.mark.parametrize(
    ("day", "english", "portuguese_text"),
    [
        (date(2026, 11, 27), "Today", "Hoje"),
        (date(2026, 11, 26), "Yesterday", "Ontem"),
        (date(2026, 11, 22), "Sunday", "Domingo"),
        (date(2026, 11, 14), "Sat 14 Nov", "Sáb., 14 de nov."),
        (date(2025, 11, 14), "Fri 14 Nov 2025", "Sex., 14 de nov. de 2025"),
    ],
)
def test_timeline_day_headings(day, english, portuguese_text):
    assert format_day_heading(day, TODAY) == english
    i18n.use("pt_BR")
    try:
        assert format_day_heading(day, TODAY) == portuguese_text
    finally:
        i18n.use(i18n.ENGLISH)


def test_numeric_dates_are_cldrs_own():
    """The Babel-free numeric dates of the command line's echo agree with CLDR's yMd pattern."""
    from babel.dates import format_skeleton

    for language, pattern in dates_out.NUMERIC_DATES.items():
        for day in (date(2026, 1, 7), date(2026, 11, 23)):
            assert day.strftime(pattern) == format_skeleton("yMMdd", day, locale=language)
    assert set(dates_out.NUMERIC_DATES) == set(i18n.LANGUAGES) - {i18n.ENGLISH}


def test_the_review_week_starts_on_sunday_in_portuguese_unless_the_settings_fix_it(journal_path, monkeypatch, settings_file):
    assert run("add", "--who", "Ana", "--when", "yesterday 18:00", "bread")[0] == 0
    week = json.loads(run("review", "--format", "json")[1])
    assert (week["week"], week["start"]) == ("2026-W48", "2026-11-23")  # English: Monday, as always
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    week = json.loads(run("review", "--format", "json")[1])
    # The ISO label stays in the JSON: the week of its fourth day.
    assert (week["week"], week["start"], week["end"]) == ("2026-W48", "2026-11-22", "2026-11-28")
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text('first_weekday = "monday"\n')
    assert json.loads(run("review", "--format", "json")[1])["start"] == "2026-11-23"


def test_the_agenda_week_follows_the_language_too(journal_path, monkeypatch):
    from journal.agenda import compute_agenda

    with Store(journal_path) as store:
        assert compute_agenda(store, TODAY, first_weekday=None).week_end == date(2026, 11, 29)
        i18n.use("pt_BR")
        try:
            assert compute_agenda(store, TODAY, first_weekday=None).week_end == date(2026, 11, 28)
        finally:
            i18n.use(i18n.ENGLISH)


def test_markdown_review_dates_in_portuguese(journal_path, monkeypatch):
    assert run("add", "--who", "Ana", "--when", "monday 18:00", "--follow-up", "send it", "--due", "2026-11-28", "bread")[0] == 0
    english = run("review", "--format", "markdown")[1].splitlines()
    assert english[2] == "Mon 23 Nov – Sun 29 Nov 2026"
    assert "- Mon 23: 1" not in english and "- Mon 23 Nov: 1" in english
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    lines = run("review", "--format", "markdown")[1].splitlines()
    assert lines[2] == "dom., 22 de nov. – sáb., 28 de nov. de 2026"
    assert "- seg., 23 de nov.: 1" in lines
    assert any(line.endswith("; vence sáb., 28 de nov.)") or "sáb., 28 de nov.)" in line for line in lines)  # the follow-up's due day


def test_an_english_add_imports_no_babel(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from tui.cli import main; "
        f"rc = main(['--lang', 'en', '--journal', {str(tmp_path / 'j.json')!r}, 'review']); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'babel'], 'babel imported'; sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
