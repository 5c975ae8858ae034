"""The encounters kept as the bytes they were read as, for a command that only adds one.

`netjournal add` appends one encounter to a journal of thousands. Parsing,
checking and serialising again every encounter it does not touch was most of
its time (at 10,000 encounters: 45 ms parsing, 20 checking and 10 writing, of
about 240 ms). The table is kept here as the span of the file it was read
from; a save copies that span as it is and splices the new documents in before
its closing brace, so the encounters the command did not touch are written
back byte for byte.

Finding the span without parsing it relies on the layout netjournal writes
(SafeJSONStorage.write): every table is present, the encounters come last
but one, and the last is a trailer that records their length in bytes,
`{..."people":{...},"encounters":{...},"layout":{"1":{"encounters":N}}}`.
`split_last_table` parses the trailer from the end and everything before
the span, and takes the span only if it has exactly the recorded length: a
cut that is not between two of the journal's tables leaves brackets unclosed,
so one of the two parses fails, and a file edited since netjournal wrote it
(another table, whitespace, a stray comma, a key spelt with escapes) has
another length. Then, or when anything else is unexpected (no trailer), the
caller reads the whole file instead.

What a command using this gives up is the check of the encounters it did not
read: a span damaged without changing its length would be carried over as it
was, not refused. It is never made worse, and the storage only keeps a table
unread when today's backup has been taken, so the first save of each day
reads and checks everything, and a backup is never a copy of a journal
nobody checked.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, MutableMapping

import orjson

TRAILER = "layout"  # the table after the last one, recording its length

# The last keys of the span are looked for in its last bytes: a few documents.
_TAIL = 1 << 16
_KEY = re.compile(rb'[{,]"(\d+)":\{')
_PROBES = 64


class UnreadTable(MutableMapping):
    """A table's documents as the bytes raw[start:end] (a JSON object), until someone reads them.

    Adding a document and testing whether an id is taken work on the bytes;
    anything else parses the span once (through `parse`, which raises if it
    is not a table) and from then on works on the dict.
    """

    def __init__(self, raw: bytes, start: int, end: int, parse: Callable[[memoryview], dict]):
        self._raw: bytes | None = raw
        self._start, self._end = start, end
        self._parse = parse
        self._added: dict[str, dict] = {}
        self._read: dict | None = None
        self._free: set[str] = set()  # keys found absent: a search costs 5 ms at 10,000

    @property
    def is_unread(self) -> bool:
        return self._read is None

    def read(self) -> dict:
        """The documents, parsed (once)."""
        if self._read is None:
            table = self._parse(memoryview(self._raw)[self._start : self._end])
            table.update(self._added)
            self._read, self._raw, self._added = table, None, {}
        return self._read

    # ------------------------------------------------- on the bytes, unread
    def _mentions(self, key: str) -> bool:
        # A key is a string, and a string's quotes cannot occur unescaped
        # inside another string: "12" anywhere means the key may be taken
        # (or a value spells it), never that a taken key is missed.
        if key in self._free:
            return False
        if self._raw.find(b'"' + key.encode() + b'"', self._start, self._end) >= 0:
            return True
        self._free.add(key)
        return False

    def next_id(self) -> int:
        """While unread: an id above the last document's that no key in the span spells."""
        tail = max(self._start, self._end - _TAIL)
        keys = [int(key) for key in _KEY.findall(self._raw, tail, self._end)]
        candidate = max(keys, default=0) + 1
        for _ in range(_PROBES):
            if not self._mentions(str(candidate)) and str(candidate) not in self._added:
                return candidate
            candidate += 1
        return max(map(int, self.read()), default=0) + 1  # ids that odd: read them

    def __contains__(self, key) -> bool:
        if self._read is not None:
            return key in self._read
        return isinstance(key, str) and (key in self._added or self._mentions(key))

    def __setitem__(self, key: str, document: dict) -> None:
        if self._read is None and key not in self._added and not self._mentions(key):
            self._added[key] = document
        else:
            self.read()[key] = document

    def pieces(self) -> Iterator[tuple[bytes, int, int]]:
        """While unread: the table as JSON, the span as it was read, then the added documents."""
        if not self._added:
            yield self._raw, self._start, self._end
            return
        empty = self._raw.find(b'"', self._start, self._end) < 0  # no key: nothing but braces (and blanks)
        yield (b"{", 0, 1) if empty else (self._raw, self._start, self._end - 1)
        for number, item in enumerate(self._added.items()):
            body = (b"," if number or not empty else b"") + orjson.dumps(dict([item]))[1:-1]
            yield body, 0, len(body)
        yield b"}", 0, 1

    # -------------------------------------------------- anything else reads
    def __getitem__(self, key):
        return self.read()[key]

    def __delitem__(self, key) -> None:
        del self.read()[key]

    def __iter__(self):
        return iter(self.read())

    def __len__(self) -> int:
        return len(self.read())


def split_last_table(raw: bytes, name: str, others: tuple[str, ...]) -> tuple[dict, int, int] | None:
    """(the other tables, parsed; start; end) with raw[start:end] the table `name`.

    None when raw is not laid out as netjournal writes it: every table in
    `others` before `name`, then the TRAILER recording its length.
    """
    trailer = raw.rfind(b',"' + TRAILER.encode() + b'":{')
    if trailer < 0:
        return None
    try:
        tail = orjson.loads(b"{" + raw[trailer + 1 :])
    except orjson.JSONDecodeError:
        return None
    record = tail.get(TRAILER, {}).get("1") if list(tail) == [TRAILER] and isinstance(tail[TRAILER], dict) else None
    size = record.get(name) if isinstance(record, dict) else None
    if type(size) is not int or size < 2:
        return None
    key = b',"' + name.encode() + b'":'
    end = trailer
    start = end - size
    if start <= len(key) or raw[start - len(key) : start] != key or raw[start] != 0x7B or raw[end - 1] != 0x7D:
        return None
    try:
        head = orjson.loads(raw[: start - len(key)] + b"}")
    except orjson.JSONDecodeError:
        return None
    if not isinstance(head, dict) or name in head or TRAILER in head:
        return None
    if not all(isinstance(head.get(t), dict) for t in others) or not all(isinstance(t, dict) for t in head.values()):
        return None
    head[TRAILER] = tail[TRAILER]
    return head, start, end
