"""User text, shown exactly as typed and never interpreted.

Rich/Textual markup in user text ("[/]", "[red]", "[@click=app.quit]") would
crash a widget, restyle it or even run an action, and escape() does not cover
every case. So user text only ever reaches widgets as rich Text or Content
objects built here, after journal.text.clean has removed control characters
(a journal edited by hand may still hold them).
"""
from __future__ import annotations

from rich.text import Text
from textual.content import Content

from journal.text import clean


def literal(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style, no_wrap=False)


def content(text: str) -> Content:
    return Content(clean(text))


def one_line(text: str) -> str:
    """User text as a table cell shows it: cleaned, on one line."""
    return clean(text).replace("\n", " ").replace("\t", " ")


def cell(text: str, width: int, style: str = "") -> Text:
    """One table cell: a single line, cut to `width` terminal cells, padded."""
    line = one_line(text)
    piece = Text(line, style=style, no_wrap=True, overflow="ellipsis")
    piece.truncate(width, overflow="ellipsis", pad=True)
    return piece
