"""Shared helpers for the full-screen app tests (tests/test_app_*.py, snapshots).

They drive the app the way a user does: keys pressed one at a time, and read
back what the user sees (the rendered text of widgets, notifications) and what
landed on disk (a second Store opened on the same file, or the raw JSON).
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable, OptionList, Static, TextArea

from journal import clock
from journal.models import EncounterDraft
from journal.store import Store

SIZE = (100, 32)


# ----------------------------------------------------------------- typing
async def type_text(pilot, text: str) -> None:
    """Press one key per character, as a user typing does ("\\n" is enter)."""
    # One press() for all of them: each key is still handled before the next is sent
    # (Textual's _press_keys waits for the app to be idle between keys); press() per key
    # also waited for every widget of the screen, a third of a form test's time.
    await pilot.press(*("enter" if char == "\n" else char for char in text))


async def type_as_a_terminal(pilot, text: str) -> None:
    """Send one key per character the way Textual's terminal parser makes them.

    pilot.press() builds a key's character back from its name, which fails for
    some emoji (the skin tones, the black flag, the joiner): they would arrive
    with no character at all, which no real terminal does.
    """
    from textual import events
    from textual.keys import KEY_NAME_REPLACEMENTS, _character_to_key

    for char in text:
        name = char if char.isalnum() else _character_to_key(char)
        event = events.Key(KEY_NAME_REPLACEMENTS.get(name, name), char)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
        await pilot.pause()


async def fill_input(pilot, widget_id: str, text: str) -> None:
    """Click nothing: focus the field by id and type into it key by key."""
    pilot.app.screen.query_one(f"#{widget_id}").focus()
    await pilot.pause()
    await type_text(pilot, text)


# --------------------------------------------------------------- reading
def rendered(widget) -> str:
    """The plain text a Static/Label currently shows (no styles)."""
    visual = widget.render()
    if isinstance(visual, Text):
        return visual.plain
    plain = getattr(visual, "plain", None)
    if plain is not None:
        return plain
    return str(visual)


def static_text(screen, selector: str) -> str:
    return rendered(screen.query_one(selector, Static))


def prompt_text(prompt) -> str:
    return prompt.plain if hasattr(prompt, "plain") else str(prompt)


def squash(text: str) -> str:
    """Runs of spaces to one: row asserts do not depend on column gaps."""
    return " ".join(text.split())


def option_texts(option_list: OptionList) -> list[str]:
    """Every option's visible text, headings included, in order."""
    return [prompt_text(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def highlighted_text(option_list: OptionList) -> str | None:
    option = option_list.highlighted_option
    return None if option is None else prompt_text(option.prompt)


def table_rows(table: DataTable) -> list[list[str]]:
    rows = []
    for index in range(table.row_count):
        rows.append([cell.plain if hasattr(cell, "plain") else str(cell) for cell in table.get_row_at(index)])
    return rows


def notifications(app) -> list[tuple[str, str]]:
    """(title, message) of every notification currently shown."""
    return [(n.title, n.message) for n in app._notifications]


def field_value(screen, field: str) -> str:
    widget = screen.query_one(f"#{field}")
    return widget.text if isinstance(widget, TextArea) else widget.value


def error_text(screen, field: str) -> str:
    """The message under a form field ('' when hidden)."""
    error = screen.query_one(f"#{field}-error", Static)
    return rendered(error) if error.display else ""


# ------------------------------------------------------------------ disk
def reopen(path: Path) -> Store:
    """A second, independent Store on the same file: what is really on disk."""
    return Store(path)


def on_disk(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def disk_encounters(path: Path) -> list[dict]:
    return list((on_disk(path).get("encounters") or {}).values())


def disk_people(path: Path) -> list[dict]:
    return list((on_disk(path).get("people") or {}).values())


# ---------------------------------------------------------------- seeding
def ago(**delta) -> datetime:
    return clock.now() - timedelta(**delta)


def add(store: Store, who: str = "", notes: str = "", *, when: datetime | None = None, **fields):
    """Save one encounter through the Store (names become people)."""
    who_list = [w.strip() for w in who.split(",") if w.strip()]
    draft = EncounterDraft(when=when or clock.now(), who=who_list, notes=notes, **fields)
    return store.add_encounter(draft)


def seed_small(store: Store) -> dict[str, str]:
    """A small journal used by several tests; returns encounter ids by label."""
    ids = {}
    ids["ana"] = add(
        store, "Ana Souza", "Sourdough starters and #bread prices", when=ago(days=3, hours=2),
        place="Padaria Real", setting="bakery", gave="lent her a proofing basket",
    ).encounter.id
    ids["jose"] = add(
        store, "José Martins", "Bike lanes on rue Oberkampf #cycling #urbanism", when=ago(days=1, hours=1),
        place="Café Charlot", setting="cafe", asked="an intro to the mayor's office",
        follow_up="send him the cycling map", due=clock.today() + timedelta(days=3),
    ).encounter.id
    ids["bruno"] = add(
        store, "Bruno, Ana Souza", "Queue chat about #bread and rent", when=ago(hours=3),
        place="Padaria Real", setting="bakery",
    ).encounter.id
    ids["lea"] = add(
        store, "Léa Dubois", "Talk on #urbanism, met after the Q&A", when=ago(days=10),
        place="Pavillon de l'Arsenal", setting="event", learned="the city budget vote is in March",
    ).encounter.id
    return ids


# ----------------------------------------------------------- the terminal
def screen_lines(app) -> list[str]:
    """What the terminal shows for the current screen, one string per row.

    Built from the same strips the driver writes to the terminal, so a control
    character that would reach the terminal shows up here too.
    """
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def seed_group(store: Store):
    """A weekly group over seed_small's people, with four Tuesday meetings; returns the group.

    Ana came to all four, Bruno to three, José to the first (missing
    lately), Léa to none (missing lately).
    """
    group = store.groups.add(
        "Freelancers' circle", kind="support group", place="Café Lua", setting="cafe",
        members=["Ana Souza", "Bruno", "José Martins", "Léa Dubois"], cadence_text="every tuesday 19:00",
        notes="Fears, rates and clients; what each of us tries next.",
    ).group
    meetings = [
        ("2026-11-03", "Ana Souza, Bruno, José Martins", "First meeting: how we each find clients #clients"),
        ("2026-11-10", "Ana Souza", "Raising rates without losing clients #pricing"),
        ("2026-11-17", "Ana Souza, Bruno", "Saying no to scope creep #clients"),
        ("2026-11-24", "Ana Souza, Bruno", "Quiet months and the fear of them #money"),
    ]
    for day, who, notes in meetings:
        draft = EncounterDraft(when=datetime.fromisoformat(f"{day}T19:00:00+01:00"),
                               who=[w.strip() for w in who.split(",")], notes=notes)
        store.groups.add_meeting(group.id, draft)
    return store.groups.get(group.id)
