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

from collections.abc import Callable, Iterator

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
# A table is cut into batches from this many documents on (a batch is then
# serialised, or reused, on its own); below, it is serialised whole.
SPLIT_ABOVE = DOCUMENTS_PER_PIECE
# Touched documents are looked for among the keys: with more, every batch of
# the table is serialised again.
_MOST_TOUCHED = 64

Piece = tuple[bytes, int, int]
# (first key, last key, number of documents, offset in the file, length in bytes)
Batch = tuple[str, str, int, int, int]


class Layout:
    """Where the last write put each batch of the large tables, so that the next can reuse their bytes.

    A save serialises a large table DOCUMENTS_PER_PIECE documents at a time,
    and most batches are the same as last time: an added encounter changes the
    last one. Serialising them all again was most of a save at 50,000
    encounters (37 ms of 50). A batch is copied from the journal file instead
    when it holds the same keys in the same order as when it was written there
    (same first key, last key and count: a table only loses documents or gains
    them at its end, so a window of its keys with the same ends and length holds
    the same keys) and none of its documents was touched since (journal.table
    marks every document TinyDB gets, sets or deletes for a write). The storage
    forgets it whenever its data or the file may differ from what was written.
    """

    def __init__(self) -> None:
        self.touched: dict[str, set[str]] = {}
        self.batches: dict[str, list[Batch]] = {}
        self.pending: dict[str, list[Batch]] | None = None

    def touched_in(self, name: str) -> set[str]:
        return self.touched.setdefault(name, set())

    def commit(self) -> None:
        """The write that produced `pending` is on disk."""
        self.batches, self.pending = self.pending or {}, None
        self.touched.clear()

    def forget(self) -> None:
        self.batches.clear()
        self.touched.clear()
        self.pending = None


def dump_in_pieces(
    data: dict,
    *,
    measure: str | None = None,
    layout: Layout | None = None,
    read: Callable[[int, int], bytes] | None = None,
) -> Iterator[Piece]:
    """orjson.dumps(data), as (buffer, start, end) slices of about a megabyte.

    Joined, the slices are byte for byte what orjson.dumps gives (a test
    checks it); a table of more than SPLIT_ABOVE documents is serialised
    DOCUMENTS_PER_PIECE documents at a time, and its pieces lose their own
    braces. With `measure`, data's last table, the TRAILER, is set to
    {"1": {measure: the length of that table's JSON in bytes}} before it is
    written (journal.unread reads it). With `layout` and `read(offset,
    length)`, the bytes of the file the layout describes, batches that did
    not change are read instead of serialised, and layout.pending describes
    the new file once the pieces are all consumed.
    """
    yield b"{", 0, 1
    offset = 1
    size = None
    written: dict[str, list[Batch]] = {}
    for number, (name, table) in enumerate(data.items()):
        head = (b"," if number else b"") + orjson.dumps(name) + b":"
        yield head, 0, len(head)
        offset += len(head)
        if measure is not None and name == TRAILER and size is not None:
            table.clear()
            table["1"] = {measure: size}
        if isinstance(table, UnreadTable) and not table.is_unread:
            table = table.read()  # parsed on the way: written as any table
        if isinstance(table, UnreadTable):
            body = table.pieces()
        elif isinstance(table, dict) and len(table) > max(SPLIT_ABOVE, DOCUMENTS_PER_PIECE):
            batches: list[Batch] = []
            written[name] = batches
            body = _batches(name, table, offset, layout if read is not None else None, read, batches)
        else:
            body = _whole(table)
        start = offset
        for piece in body:
            offset += piece[2] - piece[1]
            yield piece
        if name == measure:
            size = offset - start
    yield b"}", 0, 1
    if layout is not None:
        layout.pending = written


def _whole(table) -> Iterator[Piece]:
    # Each part is serialised inside a {"": ...} wrapper and cut out of it,
    # so that it is as deep as in the whole document: orjson's depth limit
    # then refuses exactly what orjson.dumps(data) would.
    body = orjson.dumps({"": table})
    yield body, 4, len(body) - 1  # {"":TABLE}


def _batches(
    name: str, table: dict, offset: int, layout: Layout | None, read, batches: list[Batch]
) -> Iterator[Piece]:
    keys = list(table)
    before = layout.batches.get(name, []) if layout is not None else []
    stale = _stale(keys, layout.touched.get(name, ())) if before else set()
    yield b"{", 0, 1
    offset += 1
    for index, at in enumerate(range(0, len(keys), DOCUMENTS_PER_PIECE)):
        chunk = keys[at : at + DOCUMENTS_PER_PIECE]
        if index:
            yield b",", 0, 1
            offset += 1
        piece = None
        if stale is not None and index < len(before) and index not in stale:
            first, last, count, there, length = before[index]
            if first == chunk[0] and last == chunk[-1] and count == len(chunk):
                piece = _reread(read, there, length, first)
        if piece is None:
            piece = _batch(table, chunk)
        batches.append((chunk[0], chunk[-1], len(chunk), offset, piece[2] - piece[1]))
        offset += piece[2] - piece[1]
        yield piece
    yield b"}", 0, 1


def _reread(read: Callable[[int, int], bytes], offset: int, length: int, first: str) -> Piece | None:
    """The batch written at offset, as a piece; None if the bytes there do not look like it.

    The storage reads only from the file it wrote; this is a last check that
    the bytes sit between two documents and begin with the batch's first key.
    """
    raw = read(offset - 1, length + 1)
    key = orjson.dumps(first) + b":{"
    if len(raw) != length + 1 or raw[:1] not in (b"{", b",") or not raw.startswith(key, 1) or not raw.endswith(b"}"):
        return None
    return raw, 1, len(raw)


def _batch(table: dict, keys: list[str]) -> Piece:
    body = orjson.dumps({"": {key: table[key] for key in keys}})
    return body, 5, len(body) - 2  # {"":{DOCUMENTS}}


def _stale(keys: list[str], touched) -> set[int] | None:
    """The batches holding a touched document (None: too many to look for)."""
    if len(touched) > _MOST_TOUCHED:
        return None
    stale = set()
    recent = max(0, len(keys) - 2 * DOCUMENTS_PER_PIECE)  # where added documents are
    for key in touched:
        try:
            position = keys.index(key, recent)
        except ValueError:
            try:
                position = keys.index(key)
            except ValueError:
                continue  # removed: the batches after it moved, which their ends show
        stale.add(position // DOCUMENTS_PER_PIECE)
    return stale
