"""The form dialogs in Portuguese (issue 19): quick-add and the person editor, driven by keys.

The language is switched with i18n.use("pt_BR") before the app starts (the
autouse fixture puts English back). Stored text stays as typed.

Two checks depend on code translated on other branches, and are expected to
fail until those are merged, then run for real (strict xfail on a condition
that turns false by itself): the date beside When is formatted by
journal/dates_out.py, and the saved notification is tui/app.py's.
"""
from __future__ import annotations

import importlib.util
from datetime import datetime

import pytest
from textual.widgets import Label

from journal import clock, i18n
from tests.app_helpers import (
    SIZE,
    disk_encounters,
    error_text,
    field_value,
    notifications,
    rendered,
    reopen,
    seed_small,
    static_text,
    type_text,
)
from tui.app import NetJournalApp
from tui.dialogs.person_edit import PersonEditDialog
from tui.dialogs.quick_add import QuickAddDialog


def _catalog_has(msgid: str) -> bool:
    i18n.use("pt_BR")
    try:
        return i18n._(msgid) != msgid
    finally:
        i18n.use(i18n.ENGLISH)


WITHOUT_DATES_OUT = importlib.util.find_spec("journal.dates_out") is None
APP_NOT_TRANSLATED = not _catalog_has("Encounter saved. ctrl+z undoes it.")


@pytest.fixture
def portuguese():
    i18n.use("pt_BR")


def labels(dialog) -> list[str]:
    return [rendered(label) for label in dialog.query(".field-label").results(Label)]


async def open_quick_add(pilot) -> QuickAddDialog:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuickAddDialog)
    return pilot.app.screen


async def type_into(pilot, field: str, text: str) -> None:
    """Focus a field, erase what it holds with backspace, type `text` key by key."""
    widget = pilot.app.screen.query_one(f"#{field}")
    widget.focus()
    await pilot.pause()
    await pilot.press("end")
    for _ in range(len(widget.value)):
        await pilot.press("backspace")
    await type_text(pilot, text)
    await pilot.pause()


async def test_quick_add_speaks_portuguese_and_saves_ontem_a_noite(store, journal_path, portuguese):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_quick_add(pilot)
        assert rendered(dialog.query_one(".dialog-title", Label)) == "Novo encontro"
        shown = labels(dialog)
        for label in ("Quem", "Onde", "Ambiente", "Sobre o quê", "Quando", "Você ofereceu", "Você pediu",
                      "Pendência", "Prazo", "Apresentou", "Você contou", "Conheceu por meio de"):
            assert label in shown
        assert not {"Who", "Where", "When", "You gave", "Met through"} & set(shown)
        assert dialog.query_one("#who").placeholder == "nomes, separados por vírgulas"
        assert "ctrl+s salva" in rendered(dialog.query_one(".dialog-help", Label))

        # Nothing typed: the form's own check (journal/drafts.py) says why, in Portuguese, under Who.
        await type_into(pilot, "when", "amanhã")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert error_text(dialog, "who") == (
            "Diga com quem você conversou, ou sobre o quê: preencha Quem ou as notas.")
        # A time in the future is refused where it was typed.
        assert error_text(dialog, "when") == "'amanhã' está no futuro; um encontro já aconteceu"
        assert static_text(dialog, "#when-parsed") == "?"

        await type_into(pilot, "who", "Ana Souza")
        await type_into(pilot, "when", "ontem à noite")
        assert error_text(dialog, "when") == ""  # edited: the message goes
        assert field_value(dialog, "when") == "ontem à noite"
        dialog.query_one("#notes").focus()
        await type_text(pilot, "Pão de fermentação natural #pão")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddDialog)
    (saved,) = [e for e in disk_encounters(journal_path) if e["notes"].startswith("Pão")]
    assert datetime.fromisoformat(saved["when"]) == datetime(2026, 11, 26, 21, 0, tzinfo=clock.local_zone())
    assert saved["notes"] == "Pão de fermentação natural #pão"  # as typed


@pytest.mark.xfail(WITHOUT_DATES_OUT, strict=True,
                   reason="the date beside When comes from journal/dates_out.py (branch ptbr-demo)")
async def test_the_date_understood_beside_when_is_in_portuguese(store, portuguese):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_quick_add(pilot)
        await type_into(pilot, "when", "ontem à noite")
        hint = static_text(dialog, "#when-parsed")
        # Thursday 26 November 2026, 21:00, in CLDR's Portuguese words.
        assert "qui" in hint and "26" in hint and "nov" in hint and "21:00" in hint
        assert "Thu" not in hint and "Nov" not in hint


@pytest.mark.xfail(APP_NOT_TRANSLATED, strict=True,
                   reason="the saved notification is tui/app.py's (branch ptbr-ui)")
async def test_the_saved_notification_is_in_portuguese(store, journal_path, portuguese):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_quick_add(pilot)
        await type_text(pilot, "Ana Souza")
        await type_into(pilot, "when", "ontem à noite")
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = i18n._("Encounter saved. ctrl+z undoes it.")
        assert message != "Encounter saved. ctrl+z undoes it."
        assert (i18n._("Saved"), message) in notifications(app)
        assert i18n._("Saved") == "Salvo"
    assert len(disk_encounters(journal_path)) == 5


async def test_the_person_editor_speaks_portuguese(store, journal_path, portuguese):
    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        (ana,) = [p for p in store.people() if p.name == "Ana Souza"]
        app.push_screen(PersonEditDialog(ana.id))
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonEditDialog)
        assert rendered(dialog.query_one(".dialog-title", Label)) == "Editar pessoa"
        assert labels(dialog) == [
            "Nome", "Outros nomes", "Organização", "Interesses", "E-mails", "Telefones", "Links",
            "Quem apresentou", "Manter contato", "Notas",
        ]
        assert dialog.query_one("#interests").placeholder == "o que importa para a pessoa, separado por vírgulas"
        # Bad input gets its message in Portuguese, under the field, and nothing typed is lost.
        await type_into(pilot, "keep_in_touch_days", "duas")
        await type_into(pilot, "introduced_by", "Ninguém Conhecido")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert error_text(dialog, "keep_in_touch_days") == "Digite um número de dias maior que 0, ou deixe vazio."
        assert error_text(dialog, "introduced_by") == (
            "Ninguém no diário tem esse nome; adicione a pessoa antes, registrando um encontro.")
        assert field_value(dialog, "keep_in_touch_days") == "duas"
        await type_into(pilot, "keep_in_touch_days", "14")
        await type_into(pilot, "introduced_by", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PersonEditDialog)
    with reopen(journal_path) as disk:
        (ana,) = [p for p in disk.people() if p.name == "Ana Souza"]
        assert ana.keep_in_touch_days == 14


async def test_escape_asks_in_portuguese_before_dropping_a_typed_form(store, portuguese):
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_quick_add(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("escape")
        await pilot.pause()
        confirm = app.screen
        assert rendered(confirm.query_one("#question", Label)) == "Descartar este encontro?"
        assert [str(b.label) for b in confirm.query("Button")] == ["Descartar", "Continuar editando"]
        assert "n ou esc: Continuar editando" in rendered(confirm.query_one(".dialog-help", Label))


async def test_the_opinion_and_snooze_dialogs_speak_portuguese(store, journal_path, portuguese):
    from datetime import timedelta

    from textual.widgets import Select

    from tui.dialogs.opinion_edit import OpinionDialog
    from tui.dialogs.snooze import SnoozeDialog

    ids = seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(OpinionDialog())
        await pilot.pause()
        dialog = app.screen
        assert rendered(dialog.query_one(".dialog-title", Label)) == "Anotar uma opinião"
        assert labels(dialog) == ["Assunto", "Posição", "Confiança"]
        confidence = dialog.query_one("#confidence", Select)
        assert confidence.value == "medium"  # stored as the English word
        assert [str(label) for label, _value in confidence._options] == ["baixa", "média", "alta"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(dialog, "subject") == "Uma opinião precisa de um assunto: sobre o que ela é?"
        await pilot.press("escape")
        await pilot.pause()

        app.push_screen(SnoozeDialog(store.encounter(ids["jose"])))
        await pilot.pause()
        dialog = app.screen
        assert rendered(dialog.query_one(".dialog-title", Label)) == "Adiar a pendência"
        await type_text(pilot, "ontem")
        await pilot.pause()
        assert static_text(dialog, "#due-parsed").endswith("(já passou)")
        await pilot.press("enter")
        await pilot.pause()
        assert error_text(dialog, "due").startswith("'ontem' é ")
        assert error_text(dialog, "due").endswith(", que já passou: adie para hoje ou um dia depois.")
    with reopen(journal_path) as disk:
        assert disk.encounter(ids["jose"]).follow_up.due == clock.today() + timedelta(days=3)  # unchanged
