"""The Brazilian demo journal (issue 19): `netjournal demo --lang pt-BR`, deterministic, in Portuguese, and it opens."""
from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from journal import demo_pt, i18n
from journal.demo import build_demo, build_document
from journal.models import DEFAULT_SETTINGS, DEFAULT_SETTINGS_PT_BR
from journal.names import fold
from journal.store import Store
from tests.app_helpers import SIZE, option_texts
from tui.cli import main

NOW = datetime.fromisoformat("2026-11-27T15:00:00+01:00")
ROOT = Path(__file__).resolve().parent.parent
# Words of the English demo that must not show up in the Brazilian one.
ENGLISH_WORDS = {"the", "and", "with", "about", "coffee", "lunch", "bakery", "neighbourhood", "someone"}


@pytest.fixture(scope="module")
def document():
    return build_document(now=NOW, language="pt_BR")


def test_same_seed_gives_identical_bytes_and_the_english_demo_is_untouched():
    a = orjson.dumps(build_document(now=NOW, seed=11, language="pt_BR"))
    assert a == orjson.dumps(build_document(now=NOW, seed=11, language="pt_BR"))
    assert a != orjson.dumps(build_document(now=NOW, seed=12, language="pt_BR"))
    english = orjson.dumps(build_document(now=NOW, seed=11))
    assert english != a
    # The English demo of seed 7 as it was before the Brazilian one existed (its sha256,
    # in the conftest's time zone, Europe/Paris).
    assert hashlib.sha256(orjson.dumps(build_document(now=NOW))).hexdigest() == (
        "2c736ac74927d121fbe944875c959800356a7c6c6ac842ac9e8a582438450039"
    )


def test_names_places_and_settings_are_brazilian(document):
    people = [p["name"] for p in document["people"].values()]
    assert people == [row[0] for row in demo_pt.CAST]
    assert {"José Almeida", "Fátima Benício", "Cauã Ribeiro", "Olívia Brandão", "Júlia Campos"} <= set(people)
    assert sum(1 for name in people if fold(name) != name.casefold()) >= 12  # accents kept
    encounters = list(document["encounters"].values())
    settings = {e["setting"] for e in encounters}
    assert settings == set(DEFAULT_SETTINGS_PT_BR) - {"outro"}
    assert settings & set(DEFAULT_SETTINGS) == {"online"}  # the one word both languages share
    assert {"Padaria Real", "Tasca do Zé", "Café Lua"} <= {e["place"] for e in encounters}
    # The groups meet on Portuguese cadences, which the cadence grammar reads.
    assert sorted(g["cadence"]["text"] for g in document["groups"].values()) == [
        "a cada 2 semanas na quinta às 18h30", "toda terça às 19h"]


def test_notes_topics_follow_ups_and_reflections_are_in_portuguese(document):
    encounters = list(document["encounters"].values())
    texts = [e["notes"] for e in encounters] + [e["learned"] for e in encounters] + [e["gave"] for e in encounters]
    texts += [e["follow_up"]["text"] for e in encounters if e["follow_up"]]
    texts += [r["reflection"] for r in document["reviews"].values()]
    texts += [o["subject"] for o in document["opinions"].values()] + [o["stance"] for o in document["opinions"].values()]
    words = {w.strip(".,;:()#").casefold() for text in texts for w in text.split()}
    assert not words & ENGLISH_WORDS
    assert {"conversas", "com", "sobre", "semana"} <= words
    topics = {t for e in encounters for t in e["topics"]}
    assert {"fermentação", "bairro", "comunidade"} <= topics
    assert list(document["me"].values())[0]["qualities"] == list(demo_pt.QUALITIES)


def test_the_cli_builds_it_with_lang_and_the_store_opens_it(tmp_path):
    path = tmp_path / "demo.json"
    out, err = io.StringIO(), io.StringIO()
    assert main(["--lang", "pt-BR", "demo", "--journal", str(path)], out, err) == 0, err.getvalue()
    assert orjson.loads(path.read_bytes()) == orjson.loads(orjson.dumps(build_document(now=NOW, language="pt_BR")))
    with Store(path) as store:
        assert store.count() == 300
        assert store.match_person("jose").person_ids  # "jose" finds José Almeida
        assert store.settings()[:1] == ["padaria"]  # in pt-BR (the command set it)


def test_lang_pt_br_in_the_environment_gives_the_brazilian_demo(tmp_path):
    path = tmp_path / "demo.json"
    environ = {k: v for k, v in __import__("os").environ.items() if not k.startswith("LC_")}
    environ["LANG"] = "pt_BR.UTF-8"
    done = subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--journal", str(path), "--encounters", "40"],
                          cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    names = {p["name"] for p in orjson.loads(path.read_bytes())["people"].values()}
    assert "Cauã Ribeiro" in names and "Zoë Martin" not in names


async def test_the_app_opens_the_brazilian_demo(tmp_path):
    from tui.app import NetJournalApp

    path = tmp_path / "demo.json"
    build_demo(path, now=NOW, language="pt_BR")
    i18n.use("pt_BR")
    try:
        with Store(path) as store:
            app = NetJournalApp(store)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("t")  # the timeline
                await pilot.pause()
                rows = option_texts(app.screen.query_one("#timeline"))
                assert rows[0] == "Hoje"
                assert "Ontem" in rows
                assert any("Padaria Real" in row for row in rows)
    finally:
        i18n.use(i18n.ENGLISH)
