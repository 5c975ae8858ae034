"""`netjournal add` on a journal it does not parse whole (journal.unread).

What the user must get: exactly the journal a full read would have written
(every encounter kept byte for byte, the new one added under an id nobody
else has), the first add of a day still refusing a damaged journal, and any
file not laid out as netjournal writes it simply read whole.
"""
from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
from types import SimpleNamespace

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journal.unread
from journal import clock
from journal.errors import JournalError, UnreadableJournalError
from journal.migrations import CURRENT_SCHEMA
from journal.models import EncounterDraft
from journal.pieces import dump_in_pieces
from journal.storage import SafeJSONStorage
from journal.store import Store
from tui.cli import main

HOSTILE = ['},"12":{', '"13"', "{[}]", "\\", '\\"', "\\u0031", "Zoë 🍞 中文", "[/]", "\x1b[31m", "}}}", '"encounters":{']


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def draft(notes: str, who=("Ana Souza",)) -> EncounterDraft:
    return EncounterDraft(when=clock.now() - timedelta(hours=1), who=list(who), notes=notes)


def strict_load(raw: bytes) -> dict:
    """json.loads that refuses a duplicated key (orjson would keep the last one silently)."""

    def pairs(items):
        keys = [key for key, _ in items]
        assert len(keys) == len(set(keys)), f"duplicated key in {keys}"
        return dict(items)

    return json.loads(raw, object_pairs_hook=pairs)


@pytest.fixture
def counted_uuids(monkeypatch):
    """Ids from a counter, so that two runs of the same add write the same bytes."""

    def restart():
        counter = itertools.count(1)
        monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(counter)))

    restart()
    return restart


@pytest.fixture
def reads(monkeypatch):
    """How many encounter tables were kept unread (.kept) and how many of those were parsed after all."""
    calls = SimpleNamespace(kept=0, parsed=0)
    original_init, original_read = journal.unread.UnreadTable.__init__, journal.unread.UnreadTable.read

    def init(self, *args, **kwargs):
        calls.kept += 1
        original_init(self, *args, **kwargs)

    def read(self):
        if self.is_unread:
            calls.parsed += 1
        return original_read(self)

    monkeypatch.setattr(journal.unread.UnreadTable, "__init__", init)
    monkeypatch.setattr(journal.unread.UnreadTable, "read", read)
    return calls


def backed_up_today(path) -> bool:
    return any(p.name.endswith(f"{clock.today().isoformat()}.json") for p in (path.parent / "backups").glob("*"))


def journal_with(journal_path, notes: list[str]) -> bytes:
    with Store(journal_path) as store:
        for n, text in enumerate(notes):
            store.add_encounter(draft(text, ["Ana Souza", f"Person {n % 3}"]))
    assert backed_up_today(journal_path)  # the second save took today's backup
    return journal_path.read_bytes()


def test_add_copies_the_encounters_it_did_not_read_byte_for_byte(journal_path, reads):
    before = journal_with(journal_path, [f"note {n} {h}" for n, h in enumerate(HOSTILE)])
    data = orjson.loads(before)
    assert list(data) == ["meta", "people", "opinions", "reviews", "encounters", "layout"]  # what it relies on
    assert data["layout"] == {"1": {"encounters": len(orjson.dumps(data["encounters"]))}}
    old_span = span_without_its_brace(before)

    code, out, err = run("add", "--who", "Ana Souza, Zed Newcomer", "--where", "Padaria Real", "the #new one")

    assert (code, err) == (0, ""), err
    assert (reads.kept, reads.parsed) == (1, 0)  # kept as bytes, never parsed
    after = journal_path.read_bytes()
    assert old_span in after  # every old encounter, as it was written
    written = strict_load(after)
    new_key = str(len(HOSTILE) + 1)
    assert list(written["encounters"]) == [*data["encounters"], new_key]
    assert written["encounters"][new_key]["id"] == out.splitlines()[0]
    assert written["encounters"][new_key]["notes"] == "the #new one"
    assert [p["name"] for p in written["people"].values()][-1] == "Zed Newcomer"
    with Store(journal_path) as fresh:  # and it reads back whole
        assert [e.notes for e in fresh.encounters()][-1] == "the #new one"
        assert len(fresh.encounters()) == len(HOSTILE) + 1


def test_the_same_add_read_whole_writes_the_same_file(journal_path, tmp_path, counted_uuids, reads):
    journal_with(journal_path, HOSTILE)
    other = tmp_path / "whole" / "journal.json"
    other.parent.mkdir()
    other.write_bytes(journal_path.read_bytes())

    counted_uuids()
    with Store(journal_path, adding_only=True) as quick:
        quick.add_encounter(draft("added", ["Ana Souza", "Zed Newcomer"]))
        assert quick._storage.read()["encounters"].is_unread
    counted_uuids()
    with Store(other) as whole:
        whole.add_encounter(draft("added", ["Ana Souza", "Zed Newcomer"]))

    assert (reads.kept, reads.parsed) == (1, 0)
    assert journal_path.read_bytes() == other.read_bytes()


def damage_the_first_date(journal_path, damage: bytes = b"not a date") -> bytes:
    stamp = (clock.now() - timedelta(hours=1)).isoformat().encode()
    raw = journal_path.read_bytes().replace(b'"when":"' + stamp + b'"', b'"when":"' + damage + b'"', 1)
    assert raw != journal_path.read_bytes()
    journal_path.write_bytes(raw)
    return raw


def span_without_its_brace(raw: bytes) -> bytes:
    return raw[raw.index(b',"encounters":{') + 14 : raw.rindex(b',"layout":{') - 1]


def test_the_first_add_of_the_day_reads_and_checks_everything(journal_path, reads):
    journal_with(journal_path, ["one", "two"])
    raw = damage_the_first_date(journal_path)
    for backup in (journal_path.parent / "backups").glob("*"):
        backup.unlink()

    code, out, err = run("add", "--who", "Ana Souza", "three")

    assert reads.kept == 0
    assert code == 2
    assert "malformed" in err
    assert journal_path.read_bytes() == raw
    assert not list((journal_path.parent / "backups").glob("*"))  # no backup of a damaged journal


def test_later_the_same_day_a_damage_that_changes_the_length_is_refused_too(journal_path, reads):
    journal_with(journal_path, ["one", "two"])
    raw = damage_the_first_date(journal_path)

    code, _, err = run("add", "--who", "Ana Souza", "three")

    assert (code, reads.kept) == (2, 0)
    assert "malformed" in err
    assert journal_path.read_bytes() == raw


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda raw: raw.replace(b'}},"layout"', b'},},"layout"', 1), id="a-stray-comma"),
        pytest.param(lambda raw: raw.replace(b'}},"layout"', b'}}},"layout"', 1), id="a-stray-brace"),
        pytest.param(lambda raw: raw.replace(b'},"layout"', b',"extra":{}},"layout"', 1), id="an-empty-table-after-it"),
    ],
)
def test_later_the_same_day_a_file_that_does_not_parse_is_refused(journal_path, reads, edit):
    journal_with(journal_path, ["one", "two"])
    raw = edit(journal_path.read_bytes())
    journal_path.write_bytes(raw)

    code, _, err = run("add", "--who", "Ana Souza", "three")

    assert (code, reads.kept) == (2, 0)
    assert "netjournal: " in err and "journal" in err
    assert journal_path.read_bytes() == raw


def test_later_the_same_day_a_damaged_encounter_of_the_same_length_is_carried_over(journal_path, reads):
    """The trade made for speed (journal.unread): not refused, never made worse, found at the next full read."""
    journal_with(journal_path, ["one", "two"])
    raw = damage_the_first_date(journal_path, b"xxxx-xx-xxTxx:xx:xx+xx:xx")

    code, _, err = run("add", "--who", "Ana Souza", "three")

    assert (code, err) == (0, "")
    assert (reads.kept, reads.parsed) == (1, 0)
    assert span_without_its_brace(raw) in journal_path.read_bytes()
    with pytest.raises(UnreadableJournalError, match="record 1 of table 'encounters' is malformed"):
        Store(journal_path)  # the next full read (the app, or tomorrow's first add) reports it


def test_a_key_that_is_not_a_plain_number_is_refused(journal_path):
    """TinyDB reads keys with int(): "05" would be a second record 5, and a save could overwrite either."""
    journal_with(journal_path, ["one", "two"])
    journal_path.write_bytes(journal_path.read_bytes().replace(b',"2":{', b',"02":{', 1))
    with pytest.raises(UnreadableJournalError, match="'02' is not a plain document number"):
        Store(journal_path)


def rewrite(journal_path, transform) -> None:
    journal_path.write_bytes(transform(orjson.loads(journal_path.read_bytes())))


def without_layout(d: dict) -> dict:
    d.pop("layout")
    return d


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(lambda d: orjson.dumps({"encounters": d.pop("encounters"), **d}), id="encounters-first"),
        pytest.param(lambda d: orjson.dumps(without_layout(d)), id="no-trailer"),  # as before this version
        pytest.param(lambda d: orjson.dumps(d, option=orjson.OPT_INDENT_2), id="pretty-printed"),
        pytest.param(lambda d: (d.pop("reviews"), orjson.dumps(d))[1], id="a-table-missing"),
        pytest.param(lambda d: orjson.dumps({**without_layout(dict(d)), "extra": {"x": {"id": "x"}}, "layout": d["layout"]}), id="a-table-after-it"),
        pytest.param(lambda d: orjson.dumps(d).replace(b'"encounters":{"1":{', b'"encounters":{ "1":{', 1), id="a-blank-in-it"),
        pytest.param(lambda d: orjson.dumps(d).replace(b'"encounters":{"1":{', b'"encounters":{"\\u0031":{', 1), id="an-escaped-key"),
    ],
)
def test_a_journal_laid_out_otherwise_is_read_whole_and_comes_out_right(journal_path, reads, layout):
    journal_with(journal_path, ["one", "two", "three"])
    rewrite(journal_path, layout)

    with Store(journal_path, adding_only=True) as store:
        assert isinstance(store._storage.read()["encounters"], dict)  # read whole
        store.add_encounter(draft("four"))

    written = strict_load(journal_path.read_bytes())
    assert list(written)[-2:] == ["encounters", "layout"]  # now laid out as netjournal writes it
    assert written.get("extra", {"x": {"id": "x"}}) == {"x": {"id": "x"}}  # an unknown table is kept
    assert [doc["notes"] for doc in written["encounters"].values()] == ["one", "two", "three", "four"]
    with Store(journal_path, adding_only=True) as store:
        assert store._storage.read()["encounters"].is_unread  # so the next add need not read it
        store.add_encounter(draft("five"))
    assert [doc["notes"] for doc in strict_load(journal_path.read_bytes())["encounters"].values()][-1] == "five"


def write_journal(path, encounters: dict) -> None:
    """A journal written as netjournal lays it out, with today's backup already taken."""
    document = {
        "meta": {"1": {"schema_version": CURRENT_SCHEMA}},
        "people": {},
        "opinions": {},
        "reviews": {},
        "encounters": encounters,
        "layout": {},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(bytes(memoryview(b)[s:e]) for b, s, e in dump_in_pieces(document, measure="encounters")))
    backups = path.parent / "backups"
    backups.mkdir(exist_ok=True)
    (backups / f"{path.stem}-{clock.today().isoformat()}.json").write_bytes(b"{}")


def encounter_doc(n: int, notes: str = "") -> dict:
    return {"id": f"e{n}", "when": "2026-11-20T10:00:00+01:00", "people": [], "notes": notes or f"n{n}"}


@pytest.mark.parametrize(
    "keys, values, expected",
    [
        ([], [], "1"),
        (["1"], [], "2"),
        (["900", "3", "4"], [], "901"),  # out of order (edited by hand): above the last ones, and free
        (["1", "2"], ['"3"', "3"], "4"),  # a value spells the next key (the second; the first is written \"3\"): skip it
        (["7", "2"], [], "8"),
    ],
)
def test_the_new_id_is_one_no_key_has(journal_path, reads, keys, values, expected):
    docs = {key: encounter_doc(n, notes) for n, (key, notes) in enumerate(itertools.zip_longest(keys, values, fillvalue=""))}
    write_journal(journal_path, docs)

    with Store(journal_path, adding_only=True) as store:
        store.add_encounter(draft("new"))

    written = strict_load(journal_path.read_bytes())["encounters"]
    assert list(written) == [*keys, expected]
    assert (reads.kept, reads.parsed) == (1, 0)


keys = st.lists(st.integers(1, 3000).map(str), unique=True, max_size=30)
texts = st.lists(st.sampled_from([*HOSTILE, "1", "2", "3", '"', "{", "}", ",", ":", "a", " ", "é", "\\"]), max_size=8).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=keys, notes=st.lists(texts, min_size=30, max_size=30), how_many=st.integers(1, 3))
def test_any_table_gets_its_new_documents_and_keeps_every_old_one(journal_path, keys, notes, how_many):
    docs = {key: encounter_doc(n, notes[n]) for n, key in enumerate(keys)}
    write_journal(journal_path, docs)

    with Store(journal_path, adding_only=True) as store:
        for n in range(how_many):
            store.add_encounter(draft(f"added {n}"))
        assert store._storage.read()["encounters"].is_unread

    written = strict_load(journal_path.read_bytes())["encounters"]
    assert {key: written[key] for key in docs} == docs
    added = [key for key in written if key not in docs]
    assert [written[key]["notes"] for key in added] == [f"added {n}" for n in range(how_many)]


def test_a_table_read_on_the_way_is_written_from_what_was_read(journal_path, reads):
    """Anything that reads the encounters (here, the list) parses them, once, and the save writes that."""
    journal_with(journal_path, ["one", "two"])
    with Store(journal_path, adding_only=True) as store:
        store.add_encounter(draft("three"))
        assert sorted(e.notes for e in store.encounters()) == ["one", "three", "two"]
        store.add_encounter(draft("four"))
    assert reads.parsed == 1
    written = strict_load(journal_path.read_bytes())["encounters"]
    assert [doc["notes"] for doc in written.values()] == ["one", "two", "three", "four"]


def test_an_add_at_now_uses_the_local_offset_without_loading_time_zone_rules(tmp_path):
    """`netjournal add` at "now" stores the local offset of the moment (the user's clock), and stays light."""
    path = tmp_path / "journal.json"
    env = {k: v for k, v in os.environ.items() if k != "NETJOURNAL_NOW"}
    env["TZ"] = "America/New_York"
    code = (
        "import sys, io\n"
        "from tui.cli import main\n"
        f"assert main(['--journal', {str(path)!r}, 'add', '--who', 'Ana', 'now'], out=io.StringIO()) == 0\n"
        "print(sorted(m for m in ('dateutil.tz', 'filelock', 'textual') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    when = datetime.fromisoformat(next(iter(orjson.loads(path.read_bytes())["encounters"].values()))["when"])
    assert when.utcoffset() == when.astimezone(ZoneInfo("America/New_York")).utcoffset()  # the user's clock, not UTC
    assert abs(when - datetime.now(timezone.utc)) < timedelta(minutes=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_whatever_a_hand_edit_did_an_add_refuses_or_keeps_every_encounter(journal_path, data):
    docs = {str(n): encounter_doc(n, f"note {n}") for n in range(1, 6)}
    write_journal(journal_path, docs)
    raw = journal_path.read_bytes()
    at = data.draw(st.integers(0, len(raw) - 1), label="at")
    byte = bytes([data.draw(st.sampled_from(list(b'{}[],:" \\0a1')), label="byte")])
    edited = data.draw(st.sampled_from([raw[:at] + byte + raw[at:], raw[:at] + raw[at + 1 :], raw[:at] + byte + raw[at + 1 :]]))
    journal_path.write_bytes(edited)
    try:
        before = strict_load(edited)
    except (ValueError, AssertionError):
        before = None

    try:
        with Store(journal_path, adding_only=True) as store:
            store.add_encounter(draft("added"))
    except JournalError:
        assert journal_path.read_bytes() == edited  # refused, and untouched
        return

    after = journal_path.read_bytes()
    if before is None:
        # Accepted although it does not parse: only a damage of the same length
        # inside the encounters, which is carried over as it was.
        assert len(span_without_its_brace(edited)) == len(span_without_its_brace(raw))
        assert span_without_its_brace(edited) in after
        return
    written = strict_load(after)
    old = before.get("encounters", {})  # an edit may rename the table: it is then an unknown one, kept
    assert {name: table for name, table in written.items() if name not in ("encounters", "people", "layout")} == {
        name: table for name, table in before.items() if name not in ("encounters", "people", "layout")
    } | {name: {} for name in ("meta", "opinions", "reviews") if name not in before}
    assert {key: doc for key, doc in written["encounters"].items() if key in old} == old
    added = [doc for key, doc in written["encounters"].items() if key not in old]
    assert [doc["notes"] for doc in added] == ["added"]


def test_a_day_that_ends_between_the_read_and_the_save_checks_before_the_backup(journal_path, reads):
    journal_with(journal_path, ["one", "two"])
    raw = damage_the_first_date(journal_path, b"xxxx-xx-xxTxx:xx:xx+xx:xx")
    with Store(journal_path, adding_only=True) as store:
        assert store._storage.read()["encounters"].is_unread
        for backup in (journal_path.parent / "backups").glob("*"):
            backup.unlink()  # as if midnight had passed
        with pytest.raises(UnreadableJournalError, match="record 1 of table 'encounters' is malformed"):
            store.add_encounter(draft("three"))
    assert journal_path.read_bytes() == raw
    assert not list((journal_path.parent / "backups").glob("*"))
