"""Hostile text: the strings and hypothesis strategies every adversarial test feeds in.

Markup-like strings (Rich/Textual would interpret them), terminal escape
sequences (OSC 0 sets the window title, OSC 52 writes the clipboard, CSI moves
the cursor or clears the screen), every C0 and C1 control character, emoji,
combining marks, right-to-left and bidi-override text, and very long text.
"""
from __future__ import annotations

from hypothesis import strategies as st

MARKUP = [
    "[/]",
    "[/",
    "[@click=app.quit]x[/]",
    "[link=https://e.com]x[/link]",
    "[red]x",
    "[b]bold[/b]",
    "[/red]",
    "[on red]",
    "[@click=app.bell]",
    "[$accent]x",
    "\\[red]",
    "[",
    "]",
    "[[",
    "[not a tag",
    "$text",
    "%s %d {0}",
]

# What a hostile file or paste would carry to the terminal.
TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
ESCAPES = [
    TITLE,
    CLIPBOARD,
    "\x1b]2;title two\x1b\\",
    "\x1b]8;;https://e.com\x1b\\link\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1b[31mred\x1b[0m",
    "\x1b[?1049l",
    "\x1b[6n",
    "\x1bP+q544e\x1b\\",
    "\x9b31m",  # C1 CSI
    "\x9d0;c1 title\x9c",  # C1 OSC ... ST
    "\x07",
    "\x08\x08",
    "\x00",
    "\r",
    "\r\n",
    "\x7f",
    "\x85",
    "\x0b\x0c",
]
EMOJI = ["😀", "👩‍👩‍👧", "🇧🇷", "👍🏽", "🧑🏿‍🚒"]
COMBINING = ["e\u0301", "Z\u0351\u0352\u0353\u0354", "a\u0300\u0301\u0302\u0303\u0304", "\u0301"]
RTL = ["שלום", "مرحبا بك", "\u202eevil\u202c", "\u200f", "\u2066x\u2069", "\u200b", "\ufeff"]
WORDS = ["Ana", "José", "#bread", "#São-Paulo", "a#b", ",", ":", "\t", "\n", " ", "  ", "Ω", "日本語", "x" * 40]

# Names that draw nothing: only combining marks (they fold to nothing), only
# zero-width or other format characters, fillers that fonts draw blank.
INVISIBLE_NAMES = [
    "\u0301",
    "\u0301\u0308\u0327",
    "\u20dd",  # combining enclosing circle (Me)
    "\u200b",
    "\u200b\u200c\u200d",
    "\u2060\ufeff",
    "\u200e\u200f",  # bidi marks
    "\u00ad",  # soft hyphen
    "\u034f\ufe0f",  # grapheme joiner, variation selector
    "\U000e0041\U000e007f",  # tag characters
    "\u3164",  # Hangul filler, a "letter" drawn blank
    "\u2800",  # blank Braille pattern
    "\u0301 \u200b \u3000",
]

PIECES = MARKUP + ESCAPES + EMOJI + COMBINING + RTL + WORDS

# Every C0 and C1 control character, DEL, and a few lone code points.
CONTROLS = [chr(c) for c in range(0x20)] + [chr(0x7F)] + [chr(c) for c in range(0x80, 0xA0)]


def hostile_text(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """Text built from hostile pieces, controls and arbitrary characters."""
    piece = st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(CONTROLS),
        st.text(max_size=8),  # any code point hypothesis likes (no surrogates)
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


def hostile_line(max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Hostile text without commas (a `who` value that names one person)."""
    return hostile_text(max_pieces).map(lambda s: s.replace(",", ";"))


def hostile_exchange(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """Hostile text for gave/asked, without "@": an @Name there names whom it
    counts for and is refused when it names nobody present (tests/test_credit.py)."""
    return hostile_text(max_pieces).map(lambda s: s.replace("@", "＠"))


def megabyte(seed_piece: str) -> str:
    """About 1 MB of text built from one hostile piece and some words."""
    unit = f"{seed_piece} word [red]x[/] 😀 שלום \x1b]0;pwned\x07 #tag\n"
    return unit * (1_000_000 // len(unit.encode()) + 1)


# Sequences that must never appear in the bytes written to the terminal.
FORBIDDEN_BYTES = [
    b"\x1b]0;pwned",
    b"\x1b]52;",
    b"\x1b]2;title two",
    b"pwned\x07",
    b"\x1b]8;;https://e.com",
    b"\x1b[6n",
    b"\x1bP+q",
    b"\xc2\x9b",  # C1 CSI as UTF-8
    b"\xc2\x9d",
    b"\x1b[?1049l\x1b[2J\x1b[H",
]
