"""The one rule for cleaning user text before it is stored or shown.

Terminal control characters in stored text would reach the terminal byte for
byte (window title, OSC 52 clipboard writes), so every C0 and C1 control
character is removed, except newline and tab. Carriage returns are turned into
newlines so that pasted Windows text keeps its lines. Lone surrogates (what
Python makes of bytes that are not UTF-8, e.g. in a command-line argument)
cannot be saved as UTF-8 and become U+FFFD. Nothing else changes:
markup-looking text such as "[red]" is kept exactly and shown literally.
"""
from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CRLF = re.compile(r"\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Anything any of the three rules would change; most text has none of it.
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Strip control characters (keeping \\n and \\t); normalise line ends."""
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
