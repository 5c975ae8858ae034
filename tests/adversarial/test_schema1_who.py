"""A hand-written schema-1 journal whose `who` is one string ("Ana Souza, Bruno").

The migration iterated the string and made one person per letter; now it reads
a comma-separated list of names (tests/fixtures/journal-v1-who-string.json).
Every command works on it.
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from journal.store import Store
from tests.adversarial.figures import count
from tui.cli import main as cli_main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "journal-v1-who-string.json"


@pytest.mark.parametrize(
    "argv",
    [["review", "--week", "2026-W47", "--format", "json"], ["opinions"], ["backups"], ["path"],
     ["add", "--who", "ana souza", "after the migration"]],
)
def test_every_command_reads_a_v1_who_string_as_names(journal_path, argv):
    journal_path.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURE, journal_path)
    out, err = io.StringIO(), io.StringIO()
    assert cli_main(["--journal", str(journal_path), *argv], out=out, err=err) == 0, err.getvalue()
    if argv[0] == "review":
        review = json.loads(out.getvalue())
        assert review["new_people"] == ["Ana Souza", "Bruno"] and review["conversations"] == 3
    with Store(journal_path) as store:
        assert sorted(p.name for p in store.people()) == ["Ana Souza", "Bruno", "Carla"]
    count("schema 1: commands run on a who string")
