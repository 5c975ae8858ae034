"""Hostile text through the store and the command line: it is stored exactly as
journal.text.clean (multi-line fields) or clean_line (one-line fields) makes it,
nothing crashes, and nothing the command line prints carries a control character.

Which rule applies to which field is docs/journal-format.md's "Text" section,
as implemented by journal/store.py (_fill, _validated_person, save_reflection)
and journal/opinions.py (note_opinion_outcome, parse_opinion_field).
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journal.errors import ValidationError
from journal.models import CONFIDENCES, hashtags, merge_topics
from journal.names import fold, visible
from journal.store import Store
from journal.text import clean, clean_line, split_list
from tests.adversarial.figures import count
from tests.adversarial.hostile import CLIPBOARD, TITLE, hostile_exchange, hostile_line, hostile_text, megabyte
from tui.cli import main

NETJOURNAL = Path(sys.executable).parent / "netjournal"
# These tests are about text, not durability: journals go to a tmpfs when there
# is one, where fsync costs nothing (the fault tests use real disks).
FAST_TMP = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
DOMAIN = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Control characters that must never be printed (newline and tab are fine).
PRINTED_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(journal: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--journal", str(journal), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def assert_printable(*texts: str) -> None:
    for text in texts:
        assert not PRINTED_CONTROLS.search(text), repr(text)


def multi(text: str) -> str:
    """The documented rule for notes, learned, gave, asked, a person's notes."""
    return clean(text).strip("\n")


# ---------------------------------------------------------------- netjournal add
@DOMAIN
@given(
    who=hostile_line(),
    where=hostile_text(),
    setting=hostile_text(6),
    notes=hostile_text(),
    learned=hostile_text(),
    gave=hostile_exchange(),
    asked=hostile_exchange(),
    follow_up=hostile_text(6),
    topic=hostile_text(4),
)
@example(who=TITLE + "Ana", where="[/]", setting="[red]x", notes="[@click=app.quit]x[/] #tag",
         learned=CLIPBOARD, gave="\r\n", asked="", follow_up="[link=https://e.com]x[/link]", topic="#[/")
@example(who="", where="", setting="", notes="\n\n\x1b\x07", learned="", gave="", asked="", follow_up="", topic="")
def test_cli_add_stores_exactly_the_cleaned_text(who, where, setting, notes, learned, gave, asked, follow_up, topic):
    count("examples: command line `add` (9 fields each)")
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder:
        journal = Path(folder) / "journal.json"
        code, out, err = run(
            journal, "add",
            f"--who={who}", f"--where={where}", f"--setting={setting}", f"--learned={learned}",
            f"--gave={gave}", f"--asked={asked}", f"--follow-up={follow_up}", f"--topic={topic}",
            "--", notes,
        )
        assert_printable(out, err)
        names = split_list(who)
        if not names and not multi(notes).strip():
            assert code == 2 and "--who" in err and out == ""
            assert not journal.exists()
            return
        if not all(map(visible, names)):  # only accents, or nothing to see
            assert code == 2 and "--who: A name in Who has no letters you can see" in err and out == ""
            assert not journal.exists()
            return
        assert code == 0, err
        encounter_id = out.splitlines()[0]
        with Store(journal) as store:  # what is on disk, read back
            e = store.encounter(encounter_id)
            assert store.names(e.people) == [clean_line(who)] if names else e.people == []
            assert e.place == clean_line(where)
            assert e.setting == clean_line(setting).casefold()
            assert e.notes == multi(notes)
            assert e.learned == multi(learned)
            assert e.gave == multi(gave)
            assert e.asked == multi(asked)
            assert (e.follow_up.text if e.follow_up else "") == clean_line(follow_up)
            assert e.topics == merge_topics([clean_line(topic)], hashtags(multi(notes)))


@DOMAIN
@given(who=st.lists(hostile_line(4), min_size=1, max_size=5).map(", ".join), notes=hostile_text())
def test_cli_add_with_several_hostile_names(who, notes):
    """Every name typed becomes (or finds) one person whose name is the cleaned line."""
    count("examples: command line `add` --who lists")
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder:
        journal = Path(folder) / "journal.json"
        code, out, err = run(journal, "add", f"--who={who}", "--", notes)
        assert_printable(out, err)
        parts = split_list(who)
        if not parts and not multi(notes).strip():
            assert code == 2
            return
        if not all(map(visible, parts)):  # only accents, or nothing to see: refused
            assert code == 2 and "--who: A name in Who has no letters you can see" in err
            return
        assert code == 0, err
        with Store(journal) as store:
            e = store.encounter(out.splitlines()[0])
            stored = store.names(e.people)
            assert len(stored) == len(set(e.people)) <= len(parts)
            assert all(name in parts for name in stored)
            assert sorted(p.name for p in store.people()) == sorted(stored)


# ------------------------------------------------------------ netjournal opinion
@DOMAIN
@given(
    subject=hostile_text(6),
    stance=hostile_text(),
    confidence=st.one_of(st.sampled_from([*CONFIDENCES, "HIGH", " Low\t", "\x1b[31mhigh"]), hostile_line(2)),
)
@example(subject="[@click=app.quit]x[/]", stance=TITLE + CLIPBOARD + " ok", confidence="high")
def test_cli_opinion_stores_exactly_the_cleaned_text(subject, stance, confidence):
    count("examples: command line `opinion` (3 fields each)")
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder:
        journal = Path(folder) / "journal.json"
        code, out, err = run(journal, "opinion", f"--confidence={confidence}", "--", subject, stance)
        assert_printable(out, err)
        level = clean_line(confidence).casefold()
        if not fold(clean_line(subject)):  # empty, or only accents: it could never be found again
            assert code == 2 and "SUBJECT" in err
        elif not clean(stance).strip():
            assert code == 2 and "STANCE" in err
        elif level not in CONFIDENCES:
            assert code == 2 and "--confidence" in err
        else:
            assert code == 0, err
            assert out.splitlines()[0] == "formed"
            with Store(journal) as store:
                (opinion,) = store.opinions.all()
                assert opinion.subject == clean_line(subject)
                assert opinion.stance == clean(stance).strip()
                assert opinion.confidence == level
            code, listing, err = run(journal, "opinions")
            assert code == 0 and err == ""
            assert_printable(listing)
            return
        if journal.exists():  # a refused opinion writes nothing
            assert Store(journal).opinions.all() == []


# --------------------------------------------------- the store: people, reviews
@DOMAIN
@given(
    name=hostile_text(6),
    aliases=st.lists(hostile_text(3), max_size=4),
    organisation=hostile_text(),
    interests=st.lists(hostile_text(3), max_size=4),
    notes=hostile_text(),
)
def test_person_fields_store_exactly_the_cleaned_text(name, aliases, organisation, interests, notes):
    count("examples: person fields (5 fields each)")
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder, Store(Path(folder) / "journal.json") as store:
        person = store.add_person("Placeholder Person")
        other = store.add_person("Ana Souza")
        fields = dict(name=name, aliases=aliases, organisation=organisation, interests=interests, notes=notes)
        try:
            saved = store.update_person(person.id, **fields)
        except ValidationError as exc:
            typed = clean_line(name)
            if exc.field == "aliases":  # one with nothing to see
                assert not all(visible(clean_line(a)) for a in aliases if clean_line(a))
            else:
                assert exc.field == "name"
                # Empty, nothing to see, a comma (Who separates names with commas), or Ana Souza again.
                assert not typed or not visible(typed) or "," in typed or fold(typed) == fold(other.name)
            assert store.person(person.id).name == "Placeholder Person"
            return
        with Store(store.path) as disk:
            p = disk.person(saved.id)
            assert p.name == clean_line(name)
            assert p.aliases == [clean_line(a) for a in aliases if clean_line(a)]
            assert p.organisation == clean_line(organisation)
            assert p.interests == [clean_line(i) for i in interests if clean_line(i)]
            assert p.notes == multi(notes)


@DOMAIN
@given(text=hostile_text(16))
def test_reflection_is_stored_as_cleaned(text):
    count("examples: weekly reflection")
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder, Store(Path(folder) / "journal.json") as store:
        store.save_reflection("2026-W48", text)
        with Store(store.path) as disk:
            assert disk.reflection("2026-W48") == clean(text)


# ----------------------------------------------------------------- 1 MB texts
def test_a_megabyte_of_hostile_text_in_every_multiline_field(tmp_path):
    journal = tmp_path / "journal.json"
    big = megabyte("[/]")
    assert len(big.encode()) >= 1_000_000
    code, out, err = run(journal, "add", "--who=Ana", f"--gave={big}", f"--learned={big}", "--", big)
    assert code == 0, err
    assert_printable(out, err)
    code, out2, err = run(journal, "opinion", "--", "big", big)
    assert code == 0, err
    with Store(journal) as store:
        e = store.encounter(out.splitlines()[0])
        assert e.notes == e.gave == e.learned == multi(big)
        assert "\x1b" not in e.notes and "[red]x[/]" in e.notes
        assert store.opinions.all()[0].stance == clean(big).strip()
        pid = e.people[0]
        store.update_person(pid, notes=big, organisation=big)
        store.save_reflection("2026-W48", big)
    with Store(journal) as disk:
        assert disk.person(pid).notes == multi(big)
        assert disk.person(pid).organisation == clean_line(big)
        assert disk.reflection("2026-W48") == clean(big)
    count("megabyte texts stored (command line and store)", 7)


# ------------------------------------------- the real command, with raw bytes
RAW_ARGS = [
    (b"\xff\xfeAna", "\ufffd\ufffdAna"),  # not UTF-8: Python hands us lone surrogates
    (b"Jos\xc3\xa9 \x1b]0;pwned\x07", "José ]0;pwned"),
    (b"\x1b]52;c;cHduZWQ=\x07Bia", "]52;c;cHduZWQ=Bia"),
    (b"\xc2\x9b31mCarla", "31mCarla"),  # C1 CSI
]


def test_real_command_with_raw_bytes_in_arguments(tmp_path):
    journal = tmp_path / "journal.json"
    env = dict(os.environ, NETJOURNAL_FILE=str(journal))
    for raw, expected in RAW_ARGS:
        proc = subprocess.run(
            [os.fsencode(NETJOURNAL), b"add", b"--who", raw, b"--where", raw, b"--", raw + b" notes"],
            capture_output=True, env=env, timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        assert b"\x1b" not in proc.stdout and b"\xc2\x9b" not in proc.stdout
        assert b"Traceback" not in proc.stderr
        encounter_id = proc.stdout.decode().splitlines()[0]
        with Store(journal) as store:
            e = store.encounter(encounter_id)
            assert store.names(e.people) == [expected]
            assert e.place == expected
            assert e.notes == expected + " notes"
        count("real `netjournal add` runs with raw bytes")
    proc = subprocess.run([os.fsencode(NETJOURNAL), b"opinion", b"\xff" + TITLE.encode(), b"\xfe stance"],
                          capture_output=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"\x1b" not in proc.stdout
    with Store(journal) as store:
        assert store.opinions.all()[0].subject == "\ufffd]0;pwned"
        assert store.opinions.all()[0].stance == "\ufffd stance"
