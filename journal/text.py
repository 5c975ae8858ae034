"""The one rule for cleaning user text before it is stored or shown.

Terminal control characters in stored text would reach the terminal byte for
byte (window title, OSC 52 clipboard writes), so every C0 and C1 control
character is removed, except newline and tab; with ESC and the C1 CSI/OSC
introducers gone, no escape sequence survives. Carriage returns are turned
into newlines so that pasted Windows text keeps its lines.

The bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) are
removed too: they are not terminal controls, but they reorder what is shown,
so "\u202eevil" displays as "live" and a name could pass for another one
(a known spoofing trick). Nobody types them; right-to-left text is written
without them, and the marks U+200E/U+200F are kept.

Everything else is kept, in particular the zero-width joiner U+200D and the
variation selectors and tags that make emoji sequences (👩‍👩‍👧 is three
emoji joined by two U+200D; without them it becomes three pictures), and
U+200C, which Persian needs. Lone surrogates (what Python makes of bytes
that are not UTF-8, e.g. in a command-line argument) cannot be saved as
UTF-8 and become U+FFFD. Markup-looking text such as "[red]" is kept exactly
and shown literally.
"""
from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CRLF = re.compile(r"\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Anything any of the three rules would change; most text has none of it.
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: str) -> str:
    """Strip control characters (keeping \\n and \\t) and bidi overrides; normalise line ends."""
    if not text:
        return ""
    if not _ANY.search(text):
        return text
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", _CRLF.sub("\n", text)))


def clean_line(text: str) -> str:
    """A single-line field: cleaned, newlines and tabs become spaces, trimmed."""
    return " ".join(clean(text).replace("\t", " ").split("\n")).strip()


def first_line(text: str, limit: int = 80) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def split_list(text: str) -> list[str]:
    """Comma-separated input ("Ana Souza, Bruno") to a list of clean items."""
    return [item for item in (clean_line(part) for part in text.split(",")) if item]
