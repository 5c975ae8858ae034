"""The last English of the Portuguese app (issue 19): text built in journal/ and shown by the screens.

Each test switches the language to pt-BR (conftest.py puts English back) and
looks at what a Brazilian user sees: no English word of journal/ leaks.
"""
from __future__ import annotations

import orjson

from journal import i18n
from tests.app_helpers import SIZE, add, ago, error_text, field_value, screen_text, static_text, type_text
from tui.app import NetJournalApp


def _hostile_group_journal(journal_path) -> None:
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    hostile = {"id": "g1", "name": "Fado", "members": [],
               "cadence": {"rrule": "FREQ=SECONDLY;" + "X" * 5000, "start": "0001-01-01T00:00"}}
    journal_path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 4}}, "groups": {"1": hostile}}))


async def test_an_unreadable_cadence_is_said_in_portuguese_and_the_editor_still_knows_it(journal_path):
    _hostile_group_journal(journal_path)
    from journal.store import Store

    i18n.use("pt_BR")
    with Store(journal_path) as store:
        app = NetJournalApp(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("g")
            await pilot.pause()
            shown = screen_text(app)
            assert "frequência ilegível" in shown and "unreadable" not in shown
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            # The editor tests the cadence, not its (now translated) label.
            assert error_text(app.screen, "cadence") == "A frequência no diário não pode ser lida; digite-a de novo, ou apague-a."


async def test_the_group_editor_suggests_kinds_in_portuguese(store):
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#kind").focus()
        await type_text(pilot, "clu")
        await pilot.press("right")  # accept the suggestion
        await pilot.pause()
        assert field_value(app.screen, "kind") == "clube"
        app.screen.query_one("#kind").value = ""
        await type_text(pilot, "grupo")
        await pilot.press("right")
        await pilot.pause()
        assert field_value(app.screen, "kind") == "grupo de apoio"


async def test_the_review_says_unspecified_settings_in_portuguese(store):
    add(store, "Ana", "pão", when=ago(hours=2))
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        settings = static_text(app.screen, "#review-settings")
        assert "não informado" in settings and "unspecified" not in settings


async def test_the_conflicts_detail_names_fields_in_portuguese(journal_path):
    from tests.test_app_sync import merged_app

    app, _ = await merged_app(journal_path)
    i18n.use("pt_BR")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        detail = static_text(app.screen, "#conflicts-detail")
        assert "notas\n  em uso:" in detail and "notes" not in detail


def test_sync_labels_speak_portuguese():
    from journal.sync import label

    i18n.use("pt_BR")
    assert label("me", {"qualities": []}, {}) == "(nenhuma)"
    assert label("reviews", {"week": "2026-W48"}, {}) == "semana 2026-W48"
    encounter = {"id": "e1", "when": "2026-11-27T10:00:00+00:00", "people": ["gone"], "notes": "pão"}
    assert "(desconhecido)" in label("encounters", encounter, {})


async def test_reach_paths_speak_portuguese_even_from_a_graph_built_in_english(store):
    from journal import clock
    from journal.reach import reach
    from tests.test_app_reach import seed
    from tests.app_helpers import option_texts

    seed(store)
    store.add_person("Dora", organisation="ACME")
    reach(store, clock.today(), org="acme")  # the store's graph is built now, in English
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "org:acme\n")
        await pilot.pause()
        path = option_texts(app.screen.query_one("#reach-paths"))[0]
        assert "Ana Souza → Bruno Costa: apresentou; Ana Souza apresentou Bruno Costa a você" in path
        assert "vocês se encontraram 4 vezes, a última em " in path and "(há 2 dias); você ofereceu 4, pediu 0" in path
        assert "por quê: Ana Souza: vocês se encontraram 4x, a última há 2 dias" in path
        for english in ("introduced", "you met", "days ago", "you gave"):
            assert english not in path


async def _open_person_editor(pilot, app):
    from tests.app_helpers import type_text as _type

    await pilot.press("p")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()


def _label_rows(dialog) -> dict[str, int]:
    return {str(label.render()): label.region.height for label in dialog.query(".field-label")}


async def test_the_person_editor_labels_fit_in_portuguese_and_english_keeps_its_column(store):
    from tests.app_helpers import seed_small
    from tui.dialogs.person_edit import PersonEditDialog

    seed_small(store)
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_person_editor(pilot, app)
        assert isinstance(app.screen, PersonEditDialog)
        english = app.screen.query_one(".field-label")
        assert english.region.width == 14  # the stylesheet's column, as before
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_person_editor(pilot, app)
        assert isinstance(app.screen, PersonEditDialog)
        rows = _label_rows(app.screen)
        assert rows["Quem apresentou"] == 1 and rows["Manter contato"] == 1, rows
        assert set(rows.values()) == {1}


async def test_the_person_editor_refuses_in_portuguese(store):
    from tests.app_helpers import seed_small

    seed_small(store)
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_person_editor(pilot, app)
        app.screen.query_one("#name").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(app.screen, "name") == "Uma pessoa precisa de um nome."
        app.screen.query_one("#name").value = "\u0301\u200b"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(app.screen, "name").startswith("O nome não tem letras")
        app.screen.query_one("#name").value = "Ana Souza"
        app.screen.query_one("#emails").value = "not-an-email"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(app.screen, "emails") == "'not-an-email' não é um endereço de e-mail (como nome@exemplo.com)."
