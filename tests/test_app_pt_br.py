"""The app in Portuguese (issue 19): every main screen, the ? panel, the palette, quick-add.

The language is switched after the app's modules were imported (as here, by
pytest's collection): the key legends must still come out in Portuguese,
since they are translated when shown. The autouse `english` fixture of
conftest.py puts English back after each test.
"""
from __future__ import annotations

import re

from journal import i18n
from tests.app_helpers import (
    SIZE,
    disk_encounters,
    fill_input,
    notifications,
    screen_text,
    seed_group,
    seed_small,
    static_text,
    type_text,
)
from tui.app import NetJournalApp
from tui.screens.timeline import TimelineScreen

# Per key: the screen it opens, what it must show in Portuguese, and the
# English it showed before (titles, headers, column heads, key legends) that
# must not leak, day headings and dates included (journal/dates_out.py).
SCREENS = [
    ("t", "TimelineScreen",
     ["Hoje 1 conversa", "Sequência 2 dias", "8 no total", "Ontem", "Terça-feira", "Ter., 17 de nov.", "e Editar", "a Registrar", "t p w o i v g A Seções", "/ Buscar",
      "? Teclas", "q Sair", "^p comandos"],
     ["conversation", "Streak", "in all", "Yesterday", "Tuesday", "Tue", "Nov", "Edit", "Add", "Sections", "Search", "Keys", "Quit", "palette"]),
    ("p", "PeopleScreen",
     ["4 pessoas", "ordem: visto por último (s muda)", "Nome", "Organização", "Visto por último", "Interesses",
      "f Filtrar", "m Juntar", "d Excluir", "s Ordenar"],
     ["people", "sorted by", "Name", "Organisation", "Last seen", "Interests", "Filter", "Merge", "Delete", "Sort"]),
    ("w", "ReviewScreen",
     ["Semana 48", "dom., 22 de nov. – sáb., 28 de nov. de 2026", "esta semana", "S47 S48", "4 conversas", "3 pessoas", "Por dia", "Por ambiente",
      "Últimas 12 semanas", "[ Anterior", "] Próxima", "x Exportar", "r Refletir"],
     ["Week", "W48", "Mon", "Sun", "this week", "conversations", "Per day", "Per setting", "Last 12 weeks", "Prev week",
      "Next week", "Export", "Reflect"]),
    ("o", "OpinionsScreen",
     ["1 opinião", "das mudadas mais recentemente às mais antigas", "alta", "n Nova opinião", "e Rever"],
     ["opinion", "most recently", "high", "New opinion", "Revise"]),
    ("A", "AgendaScreen",
     ["Agenda", "0 atrasada", "Atrasadas", "nada atrasado", "Esta semana, até", "Depois", "Algum dia (sem data)",
      "Procurar", "Encontros, próximos 7 dias", "space Feito", "s Adiar"],
     ["overdue", "Overdue", "This week", "Later", "Someday", "Reach out", "Meetings", "Done", "Snooze"]),
    ("g", "GroupsScreen",
     ["1 grupo", "Grupo", "Frequência", "Próximo", "Membros", "Encontros", "n Novo grupo"],
     ["group", "Cadence", "Next", "Members", "Meetings", "Last met", "New group"]),
    ("v", "VisibilityScreen",
     ["Visibilidade: o que a sua rede sabe de você", "Nenhuma qualidade ainda", "Não sabem o que você faz",
      "Alcance da rede, últimos 90 dias", "e Editar qualidades"],
     ["Visibility", "No qualities", "They don't know", "Network breadth", "Edit qualities"]),
    ("c", "ConflictsScreen",
     ["Cópias e conflitos", "Nada para juntar ou rever", "esc Voltar", "m Juntar cópia", "k Manter a atual"],
     ["Copies", "Nothing to merge", "Back", "Merge copy", "Keep in use"]),
    # Last: its question box takes the letters typed after it.
    ("i", "ReachScreen",
     ["Alcance: quem poderia apresentar você", "Digite um nome, org:ACME", "/ Buscar"],
     ["Reach", "Type a name", "Search"]),
]


def _seed(store) -> None:
    seed_small(store)
    seed_group(store)
    store.opinions.note_outcome("Bike lanes", "Worth the parking they take", "high")


async def test_every_main_screen_speaks_portuguese(store):
    _seed(store)
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for key, screen_name, portuguese, english in SCREENS:
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == screen_name
            shown = screen_text(app)
            missing = [words for words in portuguese if words not in shown]
            assert not missing, f"{screen_name}: {missing} not shown in\n{shown}"
            # Whole words: "Edit" is in "Editar".
            leaked = [words for words in english if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", shown)]
            assert not leaked, f"{screen_name}: English {leaked} shown in\n{shown}"
            if key == "c":
                await pilot.press("escape")  # the copies screen is pushed over a section
                await pilot.pause()


async def test_the_keys_panel_and_the_palette_speak_portuguese(store):
    _seed(store)
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        panel = static_text(app.screen, "#keys-panel-text")
        for words in ("Nesta tela", "Editar o encontro destacado", "Em qualquer tela", "Como se mover",
                      "Mover o destaque numa lista"):
            assert words in panel
        for words in ("On this screen", "Everywhere", "Moving around", "Edit the highlighted encounter"):
            assert words not in panel
        # Keys stay the same letters in both languages.
        assert " e " in panel and " a " in panel

        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Registrar encontro" in titles and "Revisão semanal" in titles and "Cópias e conflitos" in titles
        # Textual's own commands too, through our catalog.
        assert "Tema" in titles and "Sair" in titles
        assert not {"Add encounter", "Weekly review", "Theme", "Quit"} & set(titles)

        await pilot.press("question_mark")  # the panel goes
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one("CommandInput").placeholder == "Buscar comandos…"


async def test_counts_and_undo_speak_portuguese(store):
    _seed(store)
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("A")
        await pilot.pause()
        header = static_text(app.screen, "#agenda-header")
        # 0 and 1 take the singular in Brazilian Portuguese's gettext rule (nplurals=2; plural=(n > 1)).
        assert "0 atrasada" in header and "0 a procurar" in header
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("", "Nada para desfazer.") in notifications(app)


async def test_quick_add_in_portuguese(store, journal_path):
    """'ontem à noite' in When; the date beside the field; ctrl+s; the saved notification in Portuguese."""
    seed_small(store)
    i18n.use("pt_BR")
    app = NetJournalApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Ana, Zoë Martin")
        when = app.screen.query_one("#when")
        when.value = ""
        await fill_input(pilot, "when", "ontem à noite")
        await pilot.pause()
        assert when.value == "ontem à noite"
        # The date the words mean, beside the field (Thursday 26 November, the evening).
        parsed = static_text(app.screen, "#when-parsed")
        assert "qui" in parsed and "26" in parsed and "nov" in parsed and "Thu" not in parsed, parsed
        assert static_text(app.screen, "#when-error") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, TimelineScreen)
        # One new person: the singular of a real plural (the English has one form for both).
        assert ("Salvo", "Encontro salvo, com uma pessoa nova: Zoë Martin. ctrl+z desfaz.") in notifications(app)
        saved = [e for e in disk_encounters(journal_path) if len(e["people"]) == 2 and e["when"].startswith("2026-11-26T")]
        assert len(saved) == 1 and int(saved[0]["when"][11:13]) >= 17, saved  # the evening, whatever the zone stored
        assert "Hoje 2 conversas" not in static_text(app.screen, "#timeline-header")  # it was yesterday
        assert "5 no total" in static_text(app.screen, "#timeline-header")
