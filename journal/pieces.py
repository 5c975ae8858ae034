"""Parsing and writing a large journal a piece at a time, to bound the memory peak.

orjson parses a document into its own tree first and then builds the Python
objects, so parsing a 30 MB journal at once peaks at about 55 MB above the
objects it returns (the file, its tree, the objects: 183 MB at 50,000
encounters). Parsed a megabyte at a time, the tree never holds more than a
megabyte's worth.

The journal is a TinyDB document that netjournal writes compactly:
{"table":{"1":{...},"2":{...}},"other":{...}}. A table's body is cut after
a document's closing brace, where the next key starts with a digit ("},"7"),
and each piece is parsed as an object of its own. A cut can only be taken for
a boundary between documents when it is one: a piece that starts between two
documents and parses as a whole object also ends between two documents, so a
cut in the wrong place (inside a document that happens to hold such bytes)
makes its piece fail to parse. Whenever anything is not exactly as expected,
`parse_in_pieces` returns None and the caller parses the whole file at once,
which gives the same result or the same error as before.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import orjson

from .unread import TRAILER, UnreadTable

PIECE = 1 << 20  # bytes per piece: the tree of a megabyte is about 2 MB
_DIGITS = b"0123456789"


def _parse_object_body(raw: bytes, start: int, end: int) -> dict | None:
    # Wrapped as deep as a table's documents are in the journal, so that a
    # document too deeply nested for orjson is refused here as it is whole.
    # The outer level is a list that must hold exactly that one object: a
    # piece that closed the object early could otherwise go on as members of
    # an outer object (as {"":{...}} allowed) or as more list items.
    try:
        value = orjson.loads(b"[{" + raw[start:end] + b"}]")
    except orjson.JSONDecodeError:
        return None
    return value[0] if len(value) == 1 else None


def _next_cut(raw: bytes, search: int, last: int) -> int:
    """The next "},"<digit> at or after search: the position of its comma, or -1."""
    while True:
        found = raw.find(b'},"', search, last)
        if found < 0:
            return -1
        following = raw[found + 3 : found + 4]
        if following and following in _DIGITS:
            return found + 1
        search = found + 1


def _table_close(raw: bytes, start: int, stop: int, last: int) -> int:
    """The table's closing brace, somewhere in [start, stop), or -1.

    After a table come either the next table ("}},"name") or the end of the
    file. Inside a table, "}}," is followed by a digit if it occurs at all:
    no netjournal record ends with an object.
    """
    search = start
    while True:
        found = raw.find(b'}},"', search, stop)
        if found < 0:
            # The file ends with the table's brace and then the journal's.
            return last - 2 if stop >= last and raw[last - 2 : last] == b"}}" else -1
        following = raw[found + 4 : found + 5]
        if following and following not in _DIGITS:
            return found + 1
        search = found + 1


def _parse_table(raw: bytes, body: int, last: int) -> tuple[dict, int] | None:
    """The documents of the table whose body starts at `body`, and the position of its closing brace.

    Pieces end at the first cut a megabyte on. A piece that fails to parse
    ran past the table's end (or was cut inside a document): the end is then
    looked for before that cut, and the rest parsed as the last piece.
    """
    table: dict = {}
    start = body
    while True:
        cut = _next_cut(raw, start + PIECE, last)
        if cut >= 0:
            piece = _parse_object_body(raw, start, cut)
            if piece is not None:
                table.update(piece)
                start = cut + 1  # the next document's key, after the comma
                continue
        close = _table_close(raw, start, last if cut < 0 else cut, last)
        if close < 0:
            return None
        # After a cut, start is a key's quote, never the closing brace.
        piece = _parse_object_body(raw, start, close) if close > start else None
        if piece is None:
            return None
        table.update(piece)
        return table, close


def parse_in_pieces(raw: bytes) -> dict | None:
    """The journal's data, parsed a piece at a time; None when raw is not laid out as netjournal writes it."""
    last = len(raw)
    while last and raw[last - 1 : last] in b" \t\r\n":
        last -= 1
    if raw[:2] != b'{"' or last < 2:
        return None
    data: dict = {}
    pos = 1  # the opening quote of a table's name
    while True:
        colon = raw.find(b'":{', pos, last)
        if colon < 0:
            return None
        try:
            name = orjson.loads(raw[pos : colon + 1])
        except orjson.JSONDecodeError:
            return None
        if not isinstance(name, str) or name in data:
            return None
        body = colon + 3
        if raw[body : body + 1] == b"}":  # an empty table
            table, close = {}, body
        else:
            parsed = _parse_table(raw, body, last)
            if parsed is None:
                return None
            table, close = parsed
        data[name] = table
        after = raw[close + 1 : close + 3]
        if after == b',"':
            pos = close + 2
            continue
        if close + 2 == last and raw[close + 1 : last] == b"}":
            return data
        return None


# ------------------------------------------------------------------ writing
DOCUMENTS_PER_PIECE = 2000  # about a megabyte of encounters
# Cutting a table costs a dict per piece (8 ms at 50,000 encounters); below this
# many documents a table is serialised whole (about 10 MB at most).
SPLIT_ABOVE = 16_000


def dump_in_pieces(data: dict, *, measure: str | None = None) -> Iterator[tuple[bytes, int, int]]:
    """orjson.dumps(data), as (buffer, start, end) slices of about a megabyte.

    Joined, the slices are byte for byte what orjson.dumps gives (a test
    checks it); a table of more than SPLIT_ABOVE documents is serialised
    DOCUMENTS_PER_PIECE documents at a time, and its pieces lose their own
    braces. With `measure`, data's last table, the TRAILER, is set to
    {"1": {measure: the length of that table's JSON in bytes}} before it is
    written (journal.unread reads it).
    """
    yield b"{", 0, 1
    size = None
    for number, (name, table) in enumerate(data.items()):
        head = (b"," if number else b"") + orjson.dumps(name) + b":"
        yield head, 0, len(head)
        if measure is not None and name == TRAILER and size is not None:
            table.clear()
            table["1"] = {measure: size}
        body = table.pieces() if isinstance(table, UnreadTable) else _table_pieces(table)
        if name != measure:
            yield from body
            continue
        size = 0
        for piece in body:
            size += piece[2] - piece[1]
            yield piece
    yield b"}", 0, 1


def _table_pieces(table) -> Iterator[tuple[bytes, int, int]]:
    # Each part is serialised inside a {"": ...} wrapper and cut out of it,
    # so that it is as deep as in the whole document: orjson's depth limit
    # then refuses exactly what orjson.dumps(data) would.
    if not isinstance(table, dict) or len(table) <= max(SPLIT_ABOVE, DOCUMENTS_PER_PIECE):
        body = orjson.dumps({"": table})
        yield body, 4, len(body) - 1  # {"":TABLE}
        return
    yield b"{", 0, 1
    documents = iter(table.items())
    first = True
    while batch := dict(islice(documents, DOCUMENTS_PER_PIECE)):
        if not first:
            yield b",", 0, 1
        body = orjson.dumps({"": batch})
        yield body, 5, len(body) - 2  # {"":{DOCUMENTS}}
        first = False
    yield b"}", 0, 1
