"""The reading commands and the others of the command line in Portuguese (issue 19): LANG=pt_BR.UTF-8.

list, show, search, people, export, import, merge and doctor print their
words in Portuguese, each with an error message; what the user typed and the
JSON keys and values stay as they are.
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from journal.store import Store
from tests.app_helpers import add, ago
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
VCARDS = ROOT / "tests" / "fixtures" / "vcards"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def brazilian(monkeypatch):
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")


@pytest.fixture
def week(journal_path):
    with Store(journal_path) as store:
        ana = add(store, "Ana Souza, Bruno", "Fermentação natural #pão", when=ago(days=1, hours=1),
                  place="Padaria Real", setting="padaria", gave="@Ana o fermento", asked="a receita",
                  follow_up="Mandar a receita").encounter
        store.opinions.note("Pão de fermentação natural", "vale a espera", encounter_id=ana.id)
        add(store, "Ana Souza", "café", when=ago(days=3))
    return {"ana": ana.id}


def test_list_and_its_errors(week, brazilian):
    code, out, err = run("list")
    assert (code, err) == (0, "")
    assert out.splitlines()[1].endswith("2026-11-26 14:00 · Ana Souza, Bruno · Padaria Real (padaria) · Fermentação natural #pão")
    code, out, err = run("list", "--who", "Zé")
    assert (code, out) == (2, "")
    assert err == "netjournal: --who: ninguém no diário se chama Zé.\n"
    code, _out, err = run("list", "--since", "amanhãã")
    assert code == 2 and err.startswith("netjournal: --since: Não foi possível ler 'amanhãã' como data.")


def test_list_n_zero_is_refused_in_portuguese(week, brazilian, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["list", "-n", "0"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith("netjournal list: erro: argumento -n: '0' não é um número inteiro maior que 0\n")


def test_show_labels_in_portuguese_and_the_user_text_as_typed(week, brazilian):
    code, out, err = run("show", week["ana"][:8])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"id: {week['ana']}"
    assert lines[1] == "quando: Quinta-feira, 26 de novembro de 2026 14:00"
    assert lines[2:] == [
        "quem: Ana Souza, Bruno",
        "onde: Padaria Real",
        "ambiente: padaria",
        "conversaram sobre: Fermentação natural #pão",
        "assuntos: #pão",
        "você ofereceu a Ana Souza: @Ana o fermento",
        "você pediu: a receita",
        "pendência (aberta): Mandar a receita",
        "opiniões que ela formou: Pão de fermentação natural",
    ]
    # JSON keeps its keys and values.
    code, out, _err = run("show", week["ana"][:8], "--format", "json")
    assert json.loads(out)["follow_up"] == {"text": "Mandar a receita", "due": None, "done": False}


def test_show_an_unknown_id(week, brazilian):
    code, out, err = run("show", "zzzz")
    assert (code, out) == (2, "")
    assert err == ("netjournal: Nenhum id de encontro começa com 'zzzz'. "
                   "O `netjournal agenda` mostra os ids das pendências abertas.\n")


def test_search_in_portuguese(week, brazilian, capsys):
    code, out, err = run("search", "pao")  # accents ignored
    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and "Fermentação natural #pão" in out
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "Procura os encontros cujas notas, pessoas, lugar" in capsys.readouterr().out


def test_search_without_words_says_so_in_portuguese(week, brazilian, capsys):
    with pytest.raises(SystemExit):
        main(["search"])
    assert "netjournal search: erro: os seguintes argumentos são obrigatórios: TEXT" in capsys.readouterr().err


def test_people_with_real_plurals(week, brazilian):
    code, out, err = run("people")
    assert (code, err) == (0, "")
    ana, bruno = out.splitlines()
    assert ana.endswith("Ana Souza · encontrou 2 vezes, a última em 2026-11-26 (ontem)")
    assert bruno.endswith("Bruno · encontrou uma vez, a última em 2026-11-26 (ontem)")


def test_people_in_an_empty_journal_and_a_bad_sort(journal_path, brazilian, capsys):
    assert run("people") == (0, "Ninguém ainda. As pessoas entram pelos nomes nos seus encontros.\n", "")
    with pytest.raises(SystemExit):
        main(["people", "--sort", "idade"])
    assert "netjournal people: erro: argumento --sort: escolha inválida: 'idade'" in capsys.readouterr().err


def test_export_and_its_errors(week, brazilian, tmp_path):
    code, out, err = run("export")
    assert (code, out) == (2, "")
    assert err == "netjournal: Diga o que gravar e onde: --format json|csv|markdown|vcard|ics PATH (ou --ics PATH).\n"
    code, _out, err = run("export", "--format", "json", "--vcard-version", "4.0", str(tmp_path / "x.json"))
    assert (code, err) == (2, "netjournal: --vcard-version só vale com --format vcard.\n")
    target = tmp_path / "diario.json"
    code, out, err = run("export", "--format", "json", str(target))
    assert (code, err, out) == (0, "", f"{target}\n")
    assert "Fermentação natural #pão" in target.read_text(encoding="utf-8")


def test_export_help_is_portuguese(brazilian, capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "Grava o diário em PATH." in out and "o que gravar" in out


def test_import_in_portuguese(journal_path, brazilian):
    with Store(journal_path) as store:
        add(store, "Ana Souza", "café")
    code, out, err = run("import", "--dry-run", str(VCARDS / "google-contacts.vcf"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "Pessoa a adicionar: José Martins" in lines
    assert any(line.startswith("Pessoa a atualizar: Ana Souza: organização, e-mail") for line in lines)
    assert lines[-1] == "Pessoas a adicionar: 2; a atualizar: 1; já em dia: 0. Simulação: nada foi gravado."
    # The JSON report keeps the English labels.
    code, out, _err = run("import", "--dry-run", "--format", "json", str(VCARDS / "google-contacts.vcf"))
    assert json.loads(out)["updated"][0]["changed"][:2] == ["organisation", "email"]
    code, out, err = run("import", str(journal_path.parent / "nada.vcf"))
    assert (code, out) == (2, "")
    assert err == f"netjournal: Não foi possível importar {journal_path.parent / 'nada.vcf'}: esse arquivo não existe. Nada foi mudado.\n"


def test_merge_and_doctor_in_portuguese(journal_path, brazilian):
    with Store(journal_path) as store:
        add(store, "Ana Souza", "café")
    other = journal_path.parent / "journal.sync-conflict-20261130-101500-ABCDEFG.json"
    shutil.copyfile(journal_path, other)
    with Store(other) as theirs:
        add(theirs, "Eva", "um rosto novo")
    code, out, err = run("merge", "--dry-run", str(other))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Inclusão prevista de pessoa: Eva"
    assert lines[1].startswith("Inclusão prevista de encontro: ") and lines[1].endswith("um rosto novo")
    assert lines[-1] == "Simulação: nada foi gravado."
    code, out, err = run("doctor")
    assert (code, err) == (0, "")
    assert f'Cópia de outro aparelho (um conflito de sincronização): {other}. Junte-a com: netjournal merge "{other}"' in out
    missing = journal_path.parent / "nada.json"
    code, out, err = run("merge", str(missing))
    assert (code, out) == (2, "")
    assert err == f"netjournal: Não foi possível juntar {missing}: esse arquivo não existe. Nada foi mudado.\n"


def test_an_internal_error_is_told_in_portuguese(week, brazilian, monkeypatch):
    from tui.commands import search

    def bug(args, out, err):
        raise RuntimeError("um bug")

    monkeypatch.setattr(search, "cmd_search", bug)
    code, out, err = run("search", "pão")
    assert (code, out) == (1, "")
    assert err.startswith("O netjournal parou por um erro interno (RuntimeError). Tudo o que foi salvo antes está "
                          "no diário. Os detalhes estão em ")
