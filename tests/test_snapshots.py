"""Pictures of each screen, compared with the accepted ones in tests/__snapshots__.

The clock is frozen (Fri 27 Nov 2026 15:00, Europe/Paris) by the autouse
fixture in conftest.py, which sets NETJOURNAL_NOW; snap_compare runs the app in
this process, so day headings, "today"/"yesterday" and "3 days ago" are stable.
After an intended change of the look, review the new pictures and run
`pytest tests/test_snapshots.py --snapshot-update`.
"""
from __future__ import annotations

import pytest

from tests.app_helpers import SIZE, seed_group, seed_small, type_text
from tui.app import NetJournalApp


@pytest.fixture
def snap(snap_compare):
    """snap_compare, with every text cursor made steady before the picture: a blinking
    one was caught on or off depending on how long the typing took (a loaded machine)."""

    def compare(app, run_before=None, **kwargs):
        async def before(pilot):
            if run_before is not None:
                await run_before(pilot)
            await pilot.pause()
            for widget in pilot.app.screen.query("Input, TextArea"):
                widget.cursor_blink = False
            await pilot.pause()

        return snap_compare(app, run_before=before, **kwargs)

    return compare


def make_app(store) -> NetJournalApp:
    seed_small(store)
    return NetJournalApp(store)


def test_snapshot_timeline(snap, store):
    """The timeline: header "Today 1 conversation  Streak 2 days  4 in all" with the
    gave/asked/follow-up legend; day headings Today, Yesterday, Tuesday, Tue 17 Nov;
    one row per encounter (time, who, place · setting, notes, #topics, marks ↗ ↙ ⚑),
    the newest (12:00 Bruno, Ana Souza) highlighted; the footer lists a/t/p/w/o keys."""
    assert snap(make_app(store), terminal_size=SIZE)


def test_snapshot_welcome(snap, store):
    """An empty journal: the welcome text ("Welcome to netjournal.", press a to add
    your first encounter, the shell example) instead of a timeline; header counts 0."""
    assert snap(NetJournalApp(store), terminal_size=SIZE)


async def fill_quick_add(pilot, notes: str, when: str) -> None:
    """a, then Who "Ana, Zoë Martin", Where "Café Charlot" (its setting comes with it), the notes and When."""
    await pilot.press("a")
    await pilot.pause()
    await type_text(pilot, "Ana, Zoë Martin")
    await pilot.press("tab")
    await type_text(pilot, "Café Charlot")
    await pilot.press("tab", "tab")
    await type_text(pilot, notes)
    await pilot.press("tab", "ctrl+u")
    await type_text(pilot, when)


def test_snapshot_quick_add_filled_in(snap, store):
    """The quick-add dialog over the dimmed timeline, titled "Add an encounter": Who
    "Ana, Zoë Martin", Where "Café Charlot", Setting "cafe" (filled in from the known
    place), two lines of notes with #markets, When "yesterday 18:30" with the green
    reading "Thu 26 Nov 2026 18:30" beside it, Follow-up "send the olive list", Due
    "fri" read as "Fri 04 Dec 2026"; the help line at the bottom."""

    async def fill(pilot):
        await fill_quick_add(pilot, "Olive stall prices at the #markets\nand where to buy good oil", "yesterday 18:30")
        await pilot.press("tab", "tab", "tab", "tab")
        await type_text(pilot, "send the olive list")
        await pilot.press("tab")
        await type_text(pilot, "fri")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=fill)


def test_snapshot_encounter(snap, store):
    """José's encounter: title "Thursday 26 November 2026, 14:00 · Café Charlot · cafe";
    the people list with José Martins highlighted; sections Talked about (bike lanes
    #cycling #urbanism), Topics, Learned —, Gave —, Asked (an intro to the mayor's
    office), "Follow-up (open, due Mon 30 Nov 2026)" send him the cycling map, and
    "Opinions it shaped" —; the footer lists esc/e/d/n/f."""

    async def open_jose(pilot):
        await pilot.press("down", "enter")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=open_jose)


def test_snapshot_people(snap, store):
    """The people table, "4 people", most recently seen first: Ana Souza then Bruno
    (both today, same conversation: A to Z), José Martins (yesterday), Léa Dubois
    (10 days ago), with the number of conversations; the filter line above it and
    the first row highlighted."""

    async def people(pilot):
        await pilot.press("p")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=people)


def test_snapshot_profile(snap, store):
    """Ana Souza's profile: facts (First met 24 Nov 2026, Last seen 27 Nov 2026 (today),
    Conversations 2, You gave once, You asked for 0 times, Talked about #bread), then her
    two encounters, newest first, each with its date."""

    async def profile(pilot):
        await pilot.press("p", "f")
        await type_text(pilot, "ana")
        await pilot.press("enter", "enter")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=profile)


def test_snapshot_search(snap, store):
    """Search for "#bread": the search box holding "#bread", the header "Search  2
    encounters", and the two matching encounters (today's queue chat, Tuesday's
    sourdough talk), each row starting with its date."""

    async def search(pilot):
        await pilot.press("slash")
        await type_text(pilot, "#bread")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=search)


def test_snapshot_group_page(snap, store):
    """The group page of "Freelancers' circle · support group": facts (Where Café Lua · cafe,
    Cadence every tuesday 19:00, Next Tue 1 Dec 19:00 · Tue 8 Dec 19:00 · Tue 15 Dec 19:00,
    Missing lately José Martins, Léa Dubois in yellow, Meetings 4 meetings, the notes); the
    members with their attendance (Ana 4 of 4, Bruno 3 of 4, José 1 of 4 and Léa "has not come
    to a meeting yet", both in yellow), Ana highlighted; the four meetings newest first (24, 17,
    10 and 3 Nov); the footer lists esc/a/e/m/r/x/d."""
    seed_small(store)
    seed_group(store)

    async def open_group(pilot):
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap(NetJournalApp(store), terminal_size=SIZE, run_before=open_group)


def test_snapshot_agenda(snap, store):
    """The Agenda, which the app opens on because a follow-up is overdue: the header
    "Agenda  Fri 27 Nov 2026  1 overdue  1 today  1 this week  1 to reach out"; the
    sections Overdue (☐ Wed 25 Nov, send the recipe, Ana Souza, Fri 20 Nov · Padaria
    Real, highlighted), Today (book the table, Bruno), This week until Sun 29 Nov (send
    the slides, Léa Dubois), Later (send him the cycling map, José Martins, Mon 30 Nov),
    Someday (ask about the course, Zoë Martin) and Reach out (→ 10 days past, Kim Park, last
    seen Sun 18 Oct, 40 days ago, every 30 days (default)); the footer starts with
    space Done, s Snooze, a Add, then the sections."""
    from datetime import timedelta

    from journal import clock
    from tests.app_helpers import add, ago

    seed_small(store)
    today = clock.today()
    add(store, "Ana Souza", "rye", when=ago(days=7), place="Padaria Real", follow_up="send the recipe",
        due=today - timedelta(days=2))
    add(store, "Bruno", "dinner", when=ago(days=1, hours=2), place="Café Lua", follow_up="book the table", due=today)
    add(store, "Léa Dubois", "talk", when=ago(days=2), follow_up="send the slides", due=today + timedelta(days=2))
    add(store, "Zoë Martin", "a course", when=ago(days=4), follow_up="ask about the course")
    add(store, "Kim Park", "first chat", when=ago(days=60))
    add(store, "Kim Park", "second chat", when=ago(days=40))
    assert snap(NetJournalApp(store), terminal_size=SIZE)

def test_snapshot_conflicts(snap, store):
    """Copies and conflicts (key c) after a merge: "Set aside by a merge (k keeps the
    version in use, u uses the set-aside one, e edits)" heading, one encounter row
    "Encounter: 27 Nov 2026 15:00 · Ana Souza · sourdough, from the desktop" highlighted
    (both saved in the frozen second: the tie goes to the larger version, the laptop's);
    below, "In use (changed …) Set aside (changed …)" and the notes of both versions."""
    import shutil

    from journal.copies import set_aside
    from journal.models import EncounterDraft
    from journal.store import Store
    from journal.sync import merge_copy
    from tests.app_helpers import add

    shared = add(store, "Ana Souza", "sourdough").encounter
    copy = store.path.parent / "journal.sync-conflict-20261130-101500-ABCDEFG.json"
    shutil.copyfile(store.path, copy)
    with Store(copy) as theirs:
        theirs.update_encounter(shared.id, EncounterDraft(when=shared.when, who=["Ana Souza"], notes="sourdough, from the laptop"))
    store.update_encounter(shared.id, EncounterDraft(when=shared.when, who=["Ana Souza"], notes="sourdough, from the desktop"))
    merge_copy(store, copy)
    set_aside(store.path, copy)

    async def open_conflicts(pilot):
        await pilot.press("c")
        await pilot.pause()

    assert snap(NetJournalApp(store), terminal_size=SIZE, run_before=open_conflicts)


def test_snapshot_reach(snap, store):
    """Reach, asked "org:acme": "1 path, best first", the path "you → Ana Souza → Bruno
    Costa" with its score, the why line, and one evidence line per hop (you met Ana 4
    times; Ana Souza introduced Bruno Costa to you)."""
    from tests.test_app_reach import seed as seed_reach

    seed_reach(store)

    async def ask(pilot):
        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "org:acme\n")
        await pilot.pause()

    assert snap(NetJournalApp(store), terminal_size=SIZE, run_before=ask)


def test_snapshot_visibility(snap, store):
    """Visibility with two qualities: "UX research  known by 1 person: Carla (since …)",
    "Python teaching  nobody knows it yet", the share of the 2 people met in 90 days
    with its 12-week sparkline, Ana Souza under "They don't know what you do", and the
    network breadth line."""
    from tests.test_app_reach import seed as seed_reach
    from tests.app_helpers import add, ago

    seed_reach(store)
    store.set_qualities(["UX research", "Python teaching"])
    add(store, "Carla", "coffee", when=ago(days=3), told=["UX research"])

    async def show(pilot):
        await pilot.press("v")
        await pilot.pause()

    assert snap(NetJournalApp(store), terminal_size=SIZE, run_before=show)


def test_snapshot_timeline_pt_br(snap, store):
    """The timeline in Portuguese (issue 19): header "Hoje 1 conversa   Sequência 2 dias
    4 no total" with the legend "↗ você ofereceu ↙ você pediu ⚑ pendência"; the footer
    "e Editar  a Registrar  t p w o i v g A Seções  / Buscar", "? Teclas  q Sair  ^p comandos";
    the day headings Hoje, Ontem, Terça-feira, "Ter., 17 de nov." (journal/dates_out.py)."""
    from journal import i18n

    i18n.use("pt_BR")  # the autouse fixture of conftest.py puts English back
    assert snap(make_app(store), terminal_size=SIZE)


def test_snapshot_review_pt_br(snap, store):
    """The weekly review in Portuguese: "Semana 48   dom., 22 de nov. – sáb., 28 de nov. de 2026
    esta semana" (the week starts on Sunday in Brazil), "3 conversas 3 pessoas (3 novas, 0 que
    voltaram)", "você ofereceu 1 · você pediu 1", days "dom., 22" ..., the sections Por dia, Por ambiente,
    Últimas 12 semanas, Pessoas novas, Esfriando, Assuntos mais falados; the footer
    "[ Anterior  ] Próxima  . Esta semana  x Exportar  r Refletir"."""
    from journal import i18n

    i18n.use("pt_BR")

    async def review(pilot):
        await pilot.press("w")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=review)


def test_snapshot_quick_add_pt_br(snap, store):
    """Quick-add in Portuguese (issue 19): titled "Novo encontro", Quem "Ana, Zoë Martin",
    Onde "Café Charlot", Quando "ontem à noite" with "qui., 26 de nov. de 2026 21:00" beside it,
    the labels and the help line in Portuguese; keys and stored values stay as typed."""
    from journal import i18n

    i18n.use("pt_BR")

    async def fill(pilot):
        await fill_quick_add(pilot, "Preço das azeitonas na #feira", "ontem à noite")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=fill)


def test_snapshot_person_edit_pt_br(snap, store):
    """Ana Souza's editor in Portuguese: the label column widens to fit "Quem apresentou" and
    "Manter contato" on one line each (English keeps its 14 cells)."""
    from journal import i18n

    i18n.use("pt_BR")

    async def edit(pilot):
        await pilot.press("p", "f")
        await type_text(pilot, "ana")
        await pilot.press("enter", "e")
        await pilot.pause()

    assert snap(make_app(store), terminal_size=SIZE, run_before=edit)
