"""`netjournal import FILE.vcf` and `netjournal export --format ...` (issue 20)."""
from __future__ import annotations

import base64
import csv
import io
import json
import os
from pathlib import Path

import orjson
import pytest

from journal.migrations import CURRENT_SCHEMA
from journal.store import Store
from journal.vcard import read_vcards
from tui.cli import main
from app_helpers import add

VCARDS = Path(__file__).parent / "fixtures" / "vcards"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def people(path) -> dict:
    with Store(path) as store:
        return {p.name: p for p in store.people()}


# ------------------------------------------------------------------- import
def test_a_google_export_creates_and_updates_people(journal_path):
    with Store(journal_path) as store:
        add(store, "Ana Souza", "bread")
    code, out, err = run("import", str(VCARDS / "google-contacts.vcf"))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Added: José Martins",
        "Added: Léa Dubois",
        "Updated Ana Souza: organisation, email, phone, link, interests, notes",
        "2 added, 1 updated, 0 already up to date.",
    ]
    found = people(journal_path)
    ana = found["Ana Souza"]
    assert ana.emails == ["ana.souza@example.com", "ana@padaria-real.example"]
    assert ana.phones == ["+33 6 12 34 56 78"] and ana.organisation == "Padaria Real"
    assert ana.links == ["https://instagram.example/ana.bakes"]  # Google's escaped colon undone
    assert ana.interests == ["bread"]  # myContacts and starred are Google's groups, not interests
    assert ana.notes == ("Met at the bakery queue. Runs the sourdough course on Saturdays, and knows everyone "
                         "on rue Oberkampf.\nAllergic to cats.")  # a folded line, unfolded
    assert found["José Martins"].organisation == "Vélo Cité"


def test_importing_again_changes_nothing(journal_path):
    for name in ("google-contacts.vcf", "apple-contacts.vcf", "android-2.1.vcf"):
        assert run("import", str(VCARDS / name))[0] == 0
    before = journal_path.read_bytes()
    for name in ("google-contacts.vcf", "apple-contacts.vcf", "android-2.1.vcf"):
        code, out, _ = run("import", str(VCARDS / name))
        assert code == 0 and " 0 added, 0 updated," in " " + out.splitlines()[-1]
    assert journal_path.read_bytes() == before


def test_an_apple_export_skips_the_photo_and_reads_every_email(journal_path):
    code, out, _ = run("import", "--format", "json", str(VCARDS / "apple-contacts.vcf"))
    report = json.loads(out)
    assert report["added"] == ["Carla Dias", "Bruno"] and report["left_out"] == []
    carla = people(journal_path)["Carla Dias"]
    assert carla.emails == ["carla.dias@example.com", "c.dias@mairie11.example"]
    assert carla.phones == ["+33 7 98 76 54 32", "01 40 00 00 00"]
    assert carla.links == ["https://carla.example/", "https://linkedin.example/in/carladias"]
    assert carla.organisation == "Mairie du 11e"
    assert carla.notes.endswith("bread co-op 🥖👩‍🍳")  # the ZWJ sequence intact
    assert "PHOTO" not in journal_path.read_text() and "/9j" not in journal_path.read_text()


def test_a_malformed_card_is_named_and_the_rest_imported(journal_path):
    with Store(journal_path) as store:
        add(store, "Bruno", "bikes")
        store.update_person(store.match_person("Bruno").person_ids[0], emails=["bruno@example.com"])
    code, out, _ = run("import", str(VCARDS / "android-2.1.vcf"))
    assert code == 0
    assert "Left out: Broken Card: it could not be read" in out
    found = people(journal_path)
    zoe = found["Zoé Petit"]  # quoted-printable, UTF-8, a soft line break in the note
    assert zoe.notes == "Café owner, Rue de Charonne. Knows the landlords of half the street.\nLikes jazz."
    # Matched by email, not by name: "Bruno Lima" is the Bruno of the journal.
    assert sorted(found) == ["Bruno", "Zoé Petit"]
    assert found["Bruno"].aliases == ["Bruno Lima"] and found["Bruno"].phones == ["+33 1 22 33 44 55"]


def test_dry_run_reports_the_same_and_writes_nothing(journal_path):
    with Store(journal_path) as store:
        add(store, "Ana Souza", "bread")
    before = journal_path.read_bytes()
    code, out, _ = run("import", "--dry-run", str(VCARDS / "google-contacts.vcf"))
    assert code == 0
    assert "Would add: José Martins" in out and "Would update Ana Souza:" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert journal_path.read_bytes() == before
    assert sorted(people(journal_path)) == ["Ana Souza"]


def test_hostile_cards_neither_hang_nor_pass_escape_sequences(journal_path, tmp_path):
    photo = base64.b64encode(os.urandom(3 * 1024 * 1024)).decode()  # 4 MB here; 50 MB in the full run
    from loops import FULL

    if FULL:
        photo = photo * 13
    folded_photo = "\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    deep = "\r\n ".join("x" for _ in range(150_000))  # one value folded 150,000 times
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Photo Person\r\nEMAIL:photo@example.com\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded_photo}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Deep Fold\r\nNOTE:{deep}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\x1b]0;pwned\x07 \x1b[31mRed\x9b\r\n"
        "ORG:[red]Evil[/] Corp\x1b]52;c;Zm9v\x07\r\nNOTE:line\\nnext\x00\x08\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge Note\r\nNOTE:{'y' * 250_000}\r\nEND:VCARD\r\n"
    )
    vcf = tmp_path / "hostile.vcf"
    vcf.write_bytes(cards.encode())
    code, out, _ = run("import", str(vcf))
    assert code == 0 and "\x1b" not in out and "\x9b" not in out
    assert "Left out: Huge Note: its NOTE is longer than 200,000 characters and was left out." in out
    found = people(journal_path)
    assert sorted(found) == ["Deep Fold", "Eve]0;pwned [31mRed", "Huge Note", "Photo Person"]
    eve = found["Eve]0;pwned [31mRed"]
    # ORG is units split at ";": the first is the organisation.
    assert eve.organisation == "[red]Evil[/] Corp]52" and eve.notes == "line\nnext"
    assert found["Deep Fold"].notes == "x" * 150_000 and found["Huge Note"].notes == ""
    assert b"\x1b" not in journal_path.read_bytes()


def test_what_is_not_a_vcard_exits_2(journal_path, tmp_path):
    for content, problem in ((b"hello", "no vCard"), (None, "no such file")):
        target = tmp_path / "x.vcf"
        if content is not None:
            target.write_bytes(content)
        code, _, err = run("import", str(target if content is not None else tmp_path / "missing.vcf"))
        assert code == 2 and problem in err
    assert not journal_path.exists()


# ------------------------------------------------------------------- export
@pytest.fixture
def filled(journal_path):
    with Store(journal_path) as store:
        add(store, "Ana Souza, Bruno", "Sourdough and #bread", place="Padaria Real", setting="bakery",
            follow_up="send the recipe")
        add(store, "José Martins", "Bike lanes =SUM(A1) #cycling", when=__import__("app_helpers").ago(days=2))
        ana = store.match_person("Ana Souza").person_ids[0]
        store.update_person(ana, emails=["ana@example.com"], phones=["+33 6 12 34 56 78"], links=["https://a.example"],
                            organisation="Padaria Real", interests=["bread", "São Paulo"], notes="Knows everyone 👩‍🍳")
        store.opinions.note("Remote work", "good for focus")
        store.save_reflection("2026-W48", "A good week.")
    return journal_path


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_out_then_in_changes_nothing(filled, tmp_path, version):
    out_file = tmp_path / "people.vcf"
    code, out, _ = run("export", "--format", "vcard", "--vcard-version", version, str(out_file))
    assert code == 0 and out.strip() == str(out_file)
    assert f"VERSION:{version}" in out_file.read_text()
    before = filled.read_bytes()
    code, out, _ = run("import", str(out_file))
    assert code == 0 and out.splitlines()[-1] == "0 added, 0 updated, 3 already up to date."
    assert filled.read_bytes() == before
    # Into an empty journal and out again: the same file (ids kept through the UID).
    other = tmp_path / "other" / "journal.json"
    assert run("--journal", str(other), "import", str(out_file))[0] == 0
    again = tmp_path / "again.vcf"
    assert run("--journal", str(other), "export", "--format", "vcard", "--vcard-version", version, str(again))[0] == 0
    assert again.read_bytes() == out_file.read_bytes()
    parsed = read_vcards(out_file.read_bytes())
    ana = next(c for c in parsed.contacts if c.name == "Ana Souza")
    assert ana.notes == "Knows everyone 👩‍🍳" and ana.interests == ["bread", "São Paulo"]


def test_json_export_is_the_whole_journal(filled, tmp_path):
    target = tmp_path / "journal-export.json"
    assert run("export", "--format", "json", str(target))[0] == 0
    document = orjson.loads(target.read_bytes())
    assert document["netjournal_export"] == 1 and document["schema_version"] == CURRENT_SCHEMA
    assert [p["name"] for p in document["people"]] == ["Ana Souza", "Bruno", "José Martins"]
    assert len(document["encounters"]) == 2 and document["opinions"][0]["subject"] == "Remote work"
    assert document["reviews"][0]["reflection"] == "A good week."
    with Store(filled) as store:
        assert document["encounters"] == [e.to_dict() for e in store.encounters()]


def test_csv_export_is_one_file_per_table_that_a_spreadsheet_reads(filled, tmp_path):
    folder = tmp_path / "csv"
    code, out, _ = run("export", "--format", "csv", str(folder))
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "encounters.csv", "opinion_history.csv", "opinions.csv", "people.csv", "qualities.csv", "reviews.csv"]
    raw = (folder / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    ana = rows[0]
    assert ana["name"] == "Ana Souza" and ana["interests"] == "bread; São Paulo"
    assert ana["phones"] == "+33 6 12 34 56 78" and ana["notes"] == "Knows everyone 👩‍🍳"
    encounters = list(csv.DictReader(io.StringIO((folder / "encounters.csv").read_text("utf-8-sig"))))
    assert encounters[0]["people"] == "Ana Souza; Bruno"  # newest first
    assert encounters[1]["notes"] == "Bike lanes =SUM(A1) #cycling"
    assert encounters[0]["follow_up"] == "send the recipe" and encounters[0]["follow_up_done"] == "no"


def test_a_formula_is_not_run_by_a_spreadsheet(journal_path, tmp_path):
    with Store(journal_path) as store:
        add(store, "Mallory", '=HYPERLINK("http://evil.example","click")')
    run("export", "--format", "csv", str(tmp_path / "csv"))
    [row] = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "encounters.csv").read_text("utf-8-sig"))))
    assert row["notes"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"


def test_markdown_export_is_readable_newest_first(filled, tmp_path):
    target = tmp_path / "journal.md"
    assert run("export", "--format", "markdown", str(target))[0] == 0
    text = target.read_text()
    assert text.index("Sourdough and #bread") < text.index("Bike lanes")
    assert "- Follow-up (open): send the recipe" in text
    assert "### Ana Souza" in text and "- Email: ana@example.com" in text
    assert "### Remote work (medium)" in text and "### 2026-W48" in text


def test_an_export_that_fails_leaves_no_partial_file(filled, tmp_path, monkeypatch):
    import journal.durable

    target = tmp_path / "journal.md"
    target.write_text("the previous export")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal.durable.os, "write", full_disk)
    code, _, err = run("export", "--format", "markdown", str(target))
    assert code == 2 and "No space left on device" in err and "Nothing was written" in err
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal", "journal.md"]  # no temp file


def test_export_paths_that_do_not_fit(filled, tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    code, _, err = run("export", "--format", "csv", str(a_file))
    assert code == 2 and "PATH must be a folder" in err
    code, _, err = run("export", "--format", "json", str(tmp_path))
    assert code == 2 and "it is a folder" in err
    code, _, err = run("export", "--format", "json", str(tmp_path / "missing" / "x.json"))
    assert code == 2 and "does not exist" in err
    code, _, err = run("export", "--format", "json", "--vcard-version", "4.0", str(tmp_path / "x.json"))
    assert code == 2 and "--vcard-version only applies" in err


def test_the_calendar_is_one_more_export_format(filled, tmp_path):
    """`export --format ics PATH` is `export --ics PATH` (the Agenda's calendar, issue 16)."""
    long_form, short_form = tmp_path / "a.ics", tmp_path / "b.ics"
    code, out, _ = run("export", "--format", "ics", str(long_form))
    assert code == 0 and out.startswith("Wrote 0 follow-ups to ")  # its follow-up has no due date
    assert run("export", "--ics", str(short_form))[0] == 0
    assert long_form.read_bytes() == short_form.read_bytes()
    code, _, err = run("export")
    assert code == 2 and "--format json|csv|markdown|vcard|ics PATH" in err
    code, _, err = run("export", "--ics", str(short_form), "--format", "json")
    assert code == 2 and "either --ics PATH or --format F PATH" in err
