"""Writes tests/fixtures/poison-journal.json: a valid schema-2 journal whose every
text field holds hostile text, as a hand-edited file would (never cleaned).

    .venv/bin/python -m tests.adversarial.make_poison    # rewrites the fixture

C0 controls are written as JSON escapes ("\\u001b", as JSON requires), C1
controls and DEL as raw UTF-8, the way an editor would save them. The dates
sit in the week of the frozen test clock (Friday 2026-11-27 15:00, Paris), so
the weekly review shows them, with follow-ups overdue and people going cold.
"""
from __future__ import annotations

import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "poison-journal.json"

TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
TITLE_ST = "\x1b]2;title two\x1b\\"
LINK = "\x1b]8;;https://e.com\x1b\\link\x1b]8;;\x1b\\"
C1 = "\x9b31m\x9d0;c1 title\x9c\x85"
CSI = "\x1b[2J\x1b[H\x1b[31m\x1b[6n\x1bP+q544e\x1b\\"
C0 = "".join(chr(c) for c in range(0x20) if c not in (0x0A,)) + "\x7f"
STAMP = "2026-11-20T10:00:00+00:00"

# Each name folds to a different key; the visible part is what the tests look for.
NAMES = [
    TITLE + "Ana [red]Souza",
    "Bruno [/] " + CLIPBOARD,
    "[@click=app.quit]Carla[/]",
    "José \u202eevil\u202c 👩‍👩‍👧",
    "שלום Dana" + C1,
    "Eve\x00\x08\x7f [link=https://e.com]x[/link]",
    "Zoe\r\nNewline " + CSI,
]
# Markup that must show literally wherever these records are drawn.
MARKERS = ["[red]Souza", "[@click=app.quit]Carla[/]", "[link=https://e.com]x[/link]", "[@click=app.quit]quit[/]"]


def pid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def eid(n: int) -> str:
    return f"00000000-0000-4000-9000-{n:012d}"


def oid(n: int) -> str:
    return f"00000000-0000-4000-a000-{n:012d}"


def build() -> dict:
    people = {}
    for n, name in enumerate(NAMES):
        people[str(n + 1)] = {
            "id": pid(n), "name": name,
            "aliases": [TITLE_ST + "alias", "[/", "al" + C1],
            "organisation": CSI + "Corp [b]" + TITLE,
            "interests": ["[red]x", "\x07bell", "🇧🇷" + CLIPBOARD],
            "introduced_by": pid(n - 1) if n else None,
            "notes": f"Notes of {n}\n{TITLE}[@click=app.quit]x[/]\r\n{LINK}\n{C0}",
            "keep_in_touch_days": 1 if n % 2 else None,
            "created_at": STAMP, "updated_at": STAMP,
        }
    encounters = {}
    whens = [
        "2026-11-27T13:30:00+01:00", "2026-11-26T18:30:00+01:00", "2026-11-25T09:15:00+01:00",
        "2026-11-24T12:00:00+01:00", "2026-11-23T20:00:00+01:00", "2026-11-10T08:00:00+01:00",
        "2026-10-01T19:00:00+02:00",
    ]
    for n, when in enumerate(whens):
        encounters[str(n + 1)] = {
            "id": eid(n), "when": when,
            "people": [pid(n), pid((n + 1) % len(NAMES))],
            "place": f"Padaria {TITLE}[red]Real[/] {n}",
            "setting": "[red]bakery" + CSI if n % 2 else "café\x1b[0m",
            "notes": f"poison note {n} {TITLE}[@click=app.quit]quit[/] {CLIPBOARD} #pwned #São-Paulo\n"
                     f"second line [/] {LINK} שלום 👍🏽 e\u0301 {C1}\r\nthird {C0}",
            "topics": ["pwned", "São-Paulo", TITLE + "topic", "[/]"],
            "learned": f"learned {CSI} [link=https://e.com]x[/link]",
            "gave": f"gave {TITLE_ST} [b]bold",
            "asked": f"asked {CLIPBOARD} [/" if n % 3 == 0 else "",
            "follow_up": {"text": f"follow {TITLE}[red]up {n}", "due": "2026-11-26" if n % 2 else "2026-11-28",
                          "done": False} if n < 4 else None,
            "created_at": STAMP, "updated_at": STAMP,
        }
    opinions = {}
    subjects = [TITLE + "Remote [red]work", "[@click=app.quit]Trams[/]", "Bread " + CLIPBOARD + C1]
    for n, subject in enumerate(subjects):
        opinions[str(n + 1)] = {
            "id": oid(n), "subject": subject,
            "stance": f"stance {n} {TITLE}[/] {LINK}\nline two {CSI}",
            "confidence": "high",
            "encounters": [eid(n), eid(n + 1), "missing-encounter"],
            "history": [
                {"stance": f"old {CLIPBOARD} [red]was", "confidence": "low",
                 "changed_at": "2026-11-25T10:00:00+00:00", "encounter": eid(n)},
                {"stance": f"older {TITLE_ST} [/]", "confidence": "medium",
                 "changed_at": "2026-11-26T10:00:00+00:00", "encounter": "gone-encounter"},
            ],
            "created_at": "2026-11-24T10:00:00+00:00", "updated_at": "2026-11-26T10:00:00+00:00",
        }
    reviews = {
        "1": {"id": "00000000-0000-4000-b000-000000000001", "week": "2026-W48",
              "reflection": f"reflection {TITLE}[@click=app.quit]x[/] {CLIPBOARD}\n{C1}{CSI}",
              "created_at": STAMP, "updated_at": STAMP},
    }
    return {
        "meta": {"1": {"schema_version": 2}},
        "people": people,
        "encounters": encounters,
        "opinions": opinions,
        "reviews": reviews,
    }


def write(path: Path = FIXTURE) -> Path:
    # ensure_ascii=False: C0 controls still become \u00XX (JSON requires it),
    # C1 controls and DEL are written raw, as an editor would.
    path.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write())
