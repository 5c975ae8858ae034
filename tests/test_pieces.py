"""Reading a journal a piece at a time must give exactly what reading it whole gives.

journal.pieces cuts a table between documents and parses each piece alone;
anything unexpected makes it answer None, and the storage then parses the
whole file. These tests cut as often as possible (a piece size of 1 byte) and
feed it what netjournal writes, documents built to look like cuts, and broken
or foreign files.
"""
from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import pieces
from journal.pieces import parse_in_pieces
from journal.storage import SafeJSONStorage


@pytest.fixture(params=[1, 7, 1 << 20], ids=["cut-everywhere", "small-pieces", "default"])
def piece_size(request, monkeypatch):
    monkeypatch.setattr(pieces, "PIECE", request.param)
    return request.param


def same_as_whole(raw: bytes) -> dict | None:
    """parse_in_pieces(raw), checked against orjson: equal, in the same order, or None."""
    got = parse_in_pieces(raw)
    try:
        whole = orjson.loads(raw)
    except orjson.JSONDecodeError:
        assert got is None, "pieces parsed something that is not JSON"
        return None
    if got is not None:
        assert got == whole
        assert list(got) == list(whole)
        for name in got:
            assert list(got[name]) == list(whole[name])
    return got


def journal(**tables) -> bytes:
    return orjson.dumps(tables)


def test_the_demo_journal_is_read_in_pieces(tmp_path, piece_size):
    from datetime import datetime

    from journal.demo import build_demo

    path = tmp_path / "demo.json"
    build_demo(path, encounters=300, now=datetime.fromisoformat("2026-11-27T15:00:00+01:00"))
    assert same_as_whole(path.read_bytes()) is not None


def test_a_netjournal_file_is_read_in_pieces(piece_size):
    raw = journal(
        encounters={str(i): {"id": f"e{i}", "notes": f"note {i}", "follow_up": {"text": "x", "done": False}, "when": "w"} for i in range(1, 40)},
        people={str(i): {"name": f"P{i}", "aliases": [], "id": f"p{i}"} for i in range(1, 9)},
        opinions={},
        reviews={"1": {"week": "2026-W48", "text": "}},\"1\":{"}},
        meta={"1": {"schema_version": 2}},
    )
    assert same_as_whole(raw) is not None


# Text that looks like the places pieces cuts at, inside strings and as nested keys.
TRAPS = ['},"1":{', '}},"people":{', '"}}', '\\', '\\"', '}}', '},"', '{"', '":{', "\n", "é😀", "[/]", '\x00']


TEXT = st.lists(st.sampled_from(list('ab},"{:1\\') + TRAPS), max_size=6).map("".join)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | TEXT,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["1", "2", "10", "x", "people"]) | TEXT, children, max_size=3),
    max_leaves=6,
)
DOCUMENTS = st.dictionaries(st.sampled_from(["id", "notes", "when", "7", "x"]) | TEXT, VALUES, max_size=4)


@st.composite
def journals(draw):
    names = draw(st.lists(st.sampled_from(["encounters", "people", "opinions", "reviews", "meta", "1", "}},", 'a"b', "é"]), unique=True, max_size=5))
    tables = {}
    for name in names:
        keys = draw(st.lists(st.sampled_from([str(n) for n in range(1, 30)] + ["x", "", "}"]), unique=True, max_size=6))
        tables[name] = {key: draw(DOCUMENTS) for key in keys}
    return tables


@settings(max_examples=300, deadline=None)
@given(journals(), st.sampled_from([1, 5, 40, 1 << 20]))
def test_pieces_agree_with_the_whole_parse_on_any_journal_shaped_data(data, size):
    pieces.PIECE = size
    try:
        same_as_whole(orjson.dumps(data))
    finally:
        pieces.PIECE = 1 << 20


@settings(max_examples=300, deadline=None)
@given(journals(), st.data())
def test_pieces_never_accept_a_damaged_file(data, draw):
    raw = bytearray(orjson.dumps(data))
    for _ in range(draw.draw(st.integers(1, 3))):
        if not raw:
            break
        at = draw.draw(st.integers(0, len(raw) - 1))
        how = draw.draw(st.sampled_from(["drop", "insert", "replace"]))
        byte = draw.draw(st.sampled_from(list(b'{}[],":1a \\\n')))
        if how == "drop":
            del raw[at]
        elif how == "insert":
            raw.insert(at, byte)
        else:
            raw[at] = byte
    pieces.PIECE = draw.draw(st.sampled_from([1, 3, 1 << 20]))
    try:
        same_as_whole(bytes(raw))
    finally:
        pieces.PIECE = 1 << 20


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{}",
        b"[]",
        b'{"a":1}',
        b'{"a":{}}',
        b'{"a":{},"b":{}}',
        b'{"a":{"1":{}},}',
        b'{"a":{"1":{},}}',
        b'{"a":{"1":{}}} ',
        b'{"a":{"1":{}}}}',
        b'{"a":{"1":{}}}x',
        b'{"a":{"1":{}},"a":{"2":{}}}',  # the same table twice: parsed whole
        b'{"a":{"1":{}}, "b":{}}',  # written by someone else: parsed whole
        b'{\n  "a": {\n    "1": {}\n  }\n}',
        b'{"a":{"1":{"x":{"2":{}},"3":{}},"4":{}}}',  # nested numeric keys
        b'{"a":{"1":{"y":{}}},"b":{"2":{}}}',  # a document that ends with an object
        b'{"a":{"1":{"t":"}},\\"b\\":{"}}}',
        b'{"a":{"1":{}},"b":{"2":{}}',  # truncated
        b'{"a\\":{":{"1":{}}}',
        b'{"a":{"1":{}}, "b":{}}',  # a piece that closes its table early must not go on as something else
        b'{"a":{"1":{}},{"q":1}}',
        b'{"a":{"1":{}}],[{"q":1}}',
    ],
)
def test_odd_files(raw, piece_size):
    same_as_whole(raw)


def test_the_storage_reads_a_large_journal_in_pieces_and_a_foreign_layout_whole(tmp_path, monkeypatch):
    data = {"encounters": {str(i): {"id": f"e{i}", "notes": "n" * 50} for i in range(1, 500)}, "meta": {"1": {"schema_version": 2}}}
    path = tmp_path / "journal.json"
    calls = []
    real = pieces.parse_in_pieces

    def spy(raw):
        result = real(raw)
        calls.append(result is not None)
        return result

    monkeypatch.setattr("journal.storage.parse_in_pieces", spy)
    monkeypatch.setattr(pieces, "PIECE", 1000)
    path.write_bytes(orjson.dumps(data))
    assert SafeJSONStorage(path).read() == data
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    assert SafeJSONStorage(path).read() == data
    assert calls == [True, False]


# ------------------------------------------------------------------ writing
def joined(data: dict) -> bytes:
    return b"".join(bytes(memoryview(buffer)[start:end]) for buffer, start, end in pieces.dump_in_pieces(data))


@pytest.mark.parametrize("per_piece", [1, 2, 3, 2000])
def test_written_in_pieces_is_byte_for_byte_orjson(tmp_path, monkeypatch, per_piece):
    from datetime import datetime

    from journal.demo import build_demo

    monkeypatch.setattr(pieces, "DOCUMENTS_PER_PIECE", per_piece)
    monkeypatch.setattr(pieces, "SPLIT_ABOVE", 0)
    path = tmp_path / "demo.json"
    build_demo(path, encounters=120, now=datetime.fromisoformat("2026-11-27T15:00:00+01:00"))
    data = orjson.loads(path.read_bytes())
    assert joined(data) == orjson.dumps(data)
    assert joined({}) == b"{}"
    assert joined({"a": {}, "b": {"1": {}}}) == b'{"a":{},"b":{"1":{}}}'


@settings(max_examples=200, deadline=None)
@given(journals(), st.sampled_from([1, 2, 5]))
def test_any_journal_shaped_data_is_written_as_orjson_writes_it(data, per_piece):
    pieces.DOCUMENTS_PER_PIECE, pieces.SPLIT_ABOVE = per_piece, 0
    try:
        assert joined(data) == orjson.dumps(data)
    finally:
        pieces.DOCUMENTS_PER_PIECE, pieces.SPLIT_ABOVE = 2000, 16_000
