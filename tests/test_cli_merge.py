"""`netjournal merge OTHER`: a sync conflict copy joined into the journal (issue 20)."""
from __future__ import annotations

import io
import json
import shutil
from datetime import timedelta

import orjson
import pytest

from journal import clock
from journal.store import Store
from journal.sync import conflicts_count, pending_conflicts
from tui.cli import main
from app_helpers import add

COPY = "journal.sync-conflict-20261130-101500-ABCDEFG.json"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def later(minutes: int) -> None:
    moment = clock.now() + timedelta(minutes=minutes)
    clock.set_now(lambda: moment)


@pytest.fixture
def diverged(journal_path):
    """The journal and a conflict copy beside it: both went on from the same day."""
    with Store(journal_path) as store:
        ana = add(store, "Ana Souza", "sourdough #bread").encounter
        bruno = add(store, "Bruno", "bikes").encounter
        gone = add(store, "Dora", "to delete").encounter
    other = journal_path.parent / COPY
    shutil.copyfile(journal_path, other)
    later(5)
    with Store(journal_path) as mine:  # this computer
        add(mine, "Carla Dias", "tea at the market")
        mine.update_encounter(ana.id, _draft(mine, ana.id, notes="sourdough, mine"))
        mine.delete_encounter(gone.id)
    later(5)
    with Store(other) as theirs:  # the other computer, later
        add(theirs, "Eva", "a new face")
        theirs.update_encounter(ana.id, _draft(theirs, ana.id, notes="sourdough, theirs"))
        theirs.update_encounter(bruno.id, _draft(theirs, bruno.id, notes="bikes and rent"))
    return journal_path, other, {"ana": ana.id, "bruno": bruno.id, "gone": gone.id}


def _draft(store, encounter_id, **changes):
    from journal.models import EncounterDraft

    e = store.encounter(encounter_id)
    fields = dict(when=e.when, who=store.names(e.people), notes=e.notes, place=e.place, setting=e.setting)
    fields.update(changes)
    return EncounterDraft(**fields)


def test_merge_reports_in_json_and_saves_once(diverged):
    journal, other, ids = diverged
    other_bytes = other.read_bytes()
    code, out, err = run("merge", str(other), "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["dry_run"] is False and report["changed"] is True
    assert report["other"] == str(other) and report["journal"] == str(journal)
    actions = {(i["action"], i["table"], i["label"].split(" · ")[-1]) for i in report["items"]}
    assert actions == {
        ("added", "people", "Eva"),
        ("added", "encounters", "a new face"),
        ("updated", "encounters", "bikes and rent"),
        ("updated", "encounters", "sourdough, theirs"),  # the later change wins
        ("set_aside", "encounters", "sourdough, mine"),  # and mine is kept for review
        # Changed on the other side only; but nothing says which version each side
        # started from, so the older one is set aside too (nothing is ever dropped).
        ("set_aside", "encounters", "bikes"),
    }
    assert report["counts"]["added"] == {"people": 1, "encounters": 1, "opinions": 0, "reviews": 0, "me": 0, "groups": 0}
    assert report["counts"]["set_aside"]["encounters"] == 2
    assert report["joined"] == [] and report["review"] == [] and report["damaged_in_other"] == 0
    assert other.read_bytes() == other_bytes  # the other copy is only read

    with Store(journal) as store:
        notes = sorted(e.notes for e in store.encounters())
        # Dora's encounter stays deleted: the other side's version is older than the deletion.
        assert notes == ["a new face", "bikes and rent", "sourdough, theirs", "tea at the market"]
        pending = {p.aside.notes: p.current.notes for p in pending_conflicts(store)}
        assert pending == {"sourdough, mine": "sourdough, theirs", "bikes": "bikes and rent"}

    # Merging the same copy again changes nothing.
    before = journal.read_bytes()
    code, out, _ = run("merge", str(other), "--format", "json")
    assert code == 0 and json.loads(out)["changed"] is False and json.loads(out)["items"] == []
    assert journal.read_bytes() == before


def test_dry_run_says_what_and_writes_nothing(diverged):
    journal, other, _ = diverged
    before = journal.read_bytes()
    code, out, err = run("merge", "--dry-run", str(other))
    assert code == 0 and err == ""
    assert "Would add person: Eva" in out
    assert "Would update encounter:" in out and "bikes and rent" in out
    assert "Would set aside for review (both sides changed it): encounter" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert journal.read_bytes() == before
    code, out, _ = run("merge", "--dry-run", "--format", "json", str(other))
    assert json.loads(out)["dry_run"] is True


def test_a_delete_on_the_other_side_is_kept(journal_path):
    with Store(journal_path) as store:
        doomed = add(store, "Ana", "x").encounter
    other = journal_path.parent / COPY
    shutil.copyfile(journal_path, other)
    later(1)
    with Store(other) as theirs:
        theirs.delete_encounter(doomed.id)
    code, out, _ = run("merge", str(other))
    assert code == 0 and "Deleted encounter (deleted on the other side):" in out
    with Store(journal_path) as store:
        assert store.encounters() == []


def test_people_made_on_both_sides_are_joined(journal_path):
    with Store(journal_path) as store:
        add(store, "Bruno", "start")
    other = journal_path.parent / COPY
    shutil.copyfile(journal_path, other)
    with Store(journal_path) as mine:
        mine_ana = add(mine, "Ana Souza", "mine").created_people[0]
        add(mine, "Léa", "a")
        mine.update_person(mine.match_person("Léa").person_ids[0], organisation="Arsenal")
    with Store(other) as theirs:
        add(theirs, "ana souza", "theirs")
        add(theirs, "Lea", "b")
        theirs.update_person(theirs.match_person("Lea").person_ids[0], organisation="Padaria Real")
    code, out, _ = run("merge", "--format", "json", str(other))
    report = json.loads(out)
    assert [(j["by"], sorted([j["kept"]["name"], j["joined"]["name"]])) for j in report["joined"]] == [
        ("name", ["Ana Souza", "ana souza"])
    ]
    # Same name, different organisations: both stay, listed for review.
    assert [(g["table"], sorted(g["labels"]), g["why"]) for g in report["review"]] == [
        ("people", ["Lea (Padaria Real)", "Léa (Arsenal)"], "the same name")
    ]
    with Store(journal_path) as store:
        [ana] = [p for p in store.people() if p.name.casefold() == "ana souza"]
        assert sorted(e.notes for e in store.encounters_by_person()[ana.id]) == ["mine", "theirs"]
        assert ana.id == min(mine_ana.id, ana.id)
        assert len([p for p in store.people() if p.name in ("Léa", "Lea")]) == 2


def test_the_same_email_is_the_same_person(journal_path):
    with Store(journal_path) as store:
        add(store, "Bruno", "start")
    other = journal_path.parent / COPY
    shutil.copyfile(journal_path, other)
    with Store(journal_path) as mine:
        person = add(mine, "Ana Souza", "mine").created_people[0]
        mine.update_person(person.id, emails=["ana@example.com"])
    with Store(other) as theirs:
        person = add(theirs, "Ana S.", "theirs").created_people[0]
        theirs.update_person(person.id, emails=["ANA@example.com"], organisation="Padaria Real")
    code, out, _ = run("merge", str(other))
    assert code == 0 and "(the same email)" in out
    with Store(journal_path) as store:
        [ana] = [p for p in store.people() if p.name != "Bruno"]
        assert ana.organisation == "Padaria Real" and [e.casefold() for e in ana.emails] == ["ana@example.com"]
        assert {ana.name, *ana.aliases} == {"Ana Souza", "Ana S."}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not json", "not valid JSON"),
        (b"", "the file is empty"),
        (b'{"name": "x"}', "not a netjournal journal"),
        (b'{"compilerOptions": {"strict": true}}', "holds none of a journal's tables"),
        (b'{"meta": {"1": {"schema_version": 99}}, "people": {}}', "written by a newer netjournal"),
    ],
)
def test_what_cannot_be_merged_exits_2_and_changes_nothing(diverged, content, problem):
    journal, _, _ = diverged
    bad = journal.parent / "bad.json"
    bad.write_bytes(content)
    before = journal.read_bytes()
    code, out, err = run("merge", str(bad))
    assert code == 2 and out == ""
    assert problem in err and "Nothing was changed" in err
    assert journal.read_bytes() == before and bad.read_bytes() == content


def test_merging_the_journal_itself_or_nothing_exits_2(diverged, tmp_path):
    journal, _, _ = diverged
    before = journal.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(journal)
    for target, problem in ((journal, "the journal itself"), (link, "the journal itself"),
                            (tmp_path / "missing.json", "no such file"), (tmp_path, "a folder")):
        code, _, err = run("merge", str(target))
        assert code == 2 and problem in err, err
    assert journal.read_bytes() == before


def test_an_older_copy_is_upgraded_in_memory(journal_path):
    fixture = journal_path.parent.parent / "v1.json"
    journal_path.parent.mkdir(parents=True)
    shutil.copyfile(__import__("pathlib").Path(__file__).parent / "fixtures" / "journal-v1.json", fixture)
    before = fixture.read_bytes()
    code, out, _ = run("merge", str(fixture), "--format", "json")
    assert code == 0 and json.loads(out)["counts"]["added"]["encounters"] == 4
    assert fixture.read_bytes() == before
    with Store(journal_path) as store:
        assert len(store.encounters()) == 4 and conflicts_count(store) == 0
    assert orjson.loads(journal_path.read_bytes())["meta"]


def test_doctor_lists_copies_what_was_set_aside_and_what_to_review(diverged):
    journal, other, _ = diverged
    dropbox = journal.parent / "journal (Ana's conflicted copy 2026-11-30 (1)).json"
    nextcloud = journal.parent / "journal (conflicted copy 2026-11-30 101500).json"
    for copy in (dropbox, nextcloud):
        shutil.copyfile(other, copy)
    (journal.parent / "journal-notes.json").write_text("{}")  # not a copy of this journal
    run("merge", str(other))
    code, out, _ = run("doctor")
    assert code == 0
    copies = [line for line in out.splitlines() if line.startswith("Copy from another device")]
    assert copies == [
        f'Copy from another device (a sync conflict): {path}. Merge it with: netjournal merge "{path}"'
        for path in sorted((dropbox, nextcloud, other), key=lambda p: p.name)
    ]
    assert "Set aside by a merge, to review in the app (key c): 2 version(s)." in out
