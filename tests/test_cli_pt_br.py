"""The command line in Portuguese (issue 19): LANG=pt_BR.UTF-8 or --lang pt-BR."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from journal import clock
from journal.store import Store
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def brazilian(monkeypatch):
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")


def test_add_in_portuguese(journal_path, brazilian):
    code, out, err = run(
        "add", "--who", "Ana Souza, Bruno", "--where", "Padaria Real", "--setting", "padaria",
        "--when", "ontem às 18h30", "--follow-up", "Mandar a receita", "--due", "próxima sexta",
        "Falamos de fermentação natural #pão",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[2] == "Novas pessoas: Ana Souza, Bruno"
    with Store(journal_path) as store:
        (encounter,) = store.encounters()
        assert encounter.when == datetime(2026, 11, 26, 18, 30, tzinfo=clock.local_zone())
        assert encounter.follow_up.due.isoformat() == "2026-12-04"
        # Stored text stays as typed.
        assert encounter.place == "Padaria Real" and encounter.notes == "Falamos de fermentação natural #pão"


def test_one_new_person_is_singular(journal_path, brazilian):
    code, out, _ = run("add", "--who", "Ana", "--when", "hoje às 9h", "café")
    assert code == 0
    assert out.splitlines()[2] == "Nova pessoa: Ana"


def test_review_markdown_in_portuguese(journal_path, brazilian):
    assert run("add", "--who", "Ana", "--when", "ontem às 18h", "--gave", "o nome do encanador", "pão")[0] == 0
    code, out, err = run("review", "--format", "markdown")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "# Revisão semanal 2026-W48"
    assert "- **Conversas:** 1" in lines
    assert any(line.startswith("- **Sequência:** 1 dia (até ") for line in lines)  # singular
    for heading in ("## Por dia", "## Pessoas novas", "## Ofereceu", "## Esfriando", "## Reflexão"):
        assert heading in lines
    assert not any(line.startswith("## ") and line[3:] in ("By day", "New people", "Reflection") for line in lines)
    # The user's words are not translated.
    assert any("o nome do encanador" in line for line in lines)
    assert "_Nada ainda._" in lines


def test_an_error_in_portuguese(journal_path, brazilian):
    code, out, err = run("add", "--join", "--who", "Ana", "x")
    assert code == 2 and out == ""
    assert err == "netjournal: --join: use junto com --group NOME (quem veio entra nesse grupo).\n"


def test_lang_wins_over_the_environment_and_may_follow_the_command(journal_path, brazilian):
    code, _, err = run("--lang", "en", "add", "--join", "x")
    assert code == 2 and err.startswith("netjournal: --join: it goes with --group NAME")
    code, _, err = run("add", "--join", "x", "--lang=pt-BR")
    assert code == 2 and "use junto com --group NOME" in err


def test_an_unknown_lang_is_refused_in_english(journal_path, capsys):
    code, out, err = run("--lang", "fr", "path")
    assert code == 2 and out == ""
    assert err == "netjournal: --lang: 'fr' is not a language netjournal speaks; use en or pt-BR.\n"


def _netjournal(*argv: str, env: dict[str, str], journal: Path) -> subprocess.CompletedProcess:
    # python -m from the checkout, so that this tree's code runs (not an installed one).
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    environ.update(env, NETJOURNAL_FILE=str(journal))
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *argv], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )


def test_a_real_process_with_lang_pt_br(journal_path):
    env = {"LANG": "pt_BR.UTF-8"}
    proc = _netjournal("add", "--who", "Ana", "--when", "anteontem às 20h", "jantar na Tasca do Zé", env=env, journal=journal_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[2] == "Nova pessoa: Ana"
    proc = _netjournal("add", "--help", env=env, journal=journal_path)
    assert "Registra um encontro." in proc.stdout
    proc = _netjournal("--lang", "en", "add", "--help", env=env, journal=journal_path)
    assert "Save one encounter." in proc.stdout


def test_argparse_speaks_portuguese_too(journal_path, brazilian, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["add", "--bogus"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: netjournal ")
    assert "netjournal: erro: argumentos não reconhecidos: --bogus" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("add", "--when", "ontemm", "x"),
         "netjournal: --when: Não foi possível ler 'ontemm' como data. "
         "Tente: agora, ontem às 18h30, sexta passada, há 3 dias, 20/11 14:00\n"),
        (("add", "--when", "amanhã", "x"),
         "netjournal: --when: 'amanhã' está no futuro; um encontro já aconteceu\n"),
        (("add", "--due", "32/12", "x"),
         "netjournal: --due: '32/12' não é uma data que existe. "
         "Tente: amanhã, sexta, semana que vem, daqui a 3 dias, 01/12/2026\n"),
        (("group", "show", "Clube"),
         "netjournal: Nenhum grupo chamado 'Clube': ainda não há grupos. Crie um com: netjournal group add NOME\n"),
    ],
)
def test_journal_errors_in_portuguese(journal_path, brazilian, argv, expected):
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err == expected


def test_a_portuguese_add_imports_no_babel(tmp_path):
    """Babel only builds the catalogs: `netjournal add` in Portuguese loads the compiled .mo alone."""
    code = (
        "import sys; from tui.cli import main; "
        f"rc = main(['--lang', 'pt-BR', '--journal', {str(tmp_path / 'j.json')!r}, 'add', '--who', 'Ana', "
        "'--when', 'ontem às 18h', 'oi']); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'babel'], 'babel imported'; sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Nova pessoa: Ana" in done.stdout


def test_the_settings_file_chooses_after_lang_and_before_the_environment(journal_path, monkeypatch, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('lang = "pt-BR"\n')
    monkeypatch.setenv("NETJOURNAL_SETTINGS", str(settings))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "use junto com --group NOME" in run("add", "--join", "x")[2]
    assert "it goes with --group NAME" in run("--lang", "en", "add", "--join", "x")[2]
    settings.write_text('lang = "klingon"\n')  # passed over: the environment decides
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    assert "use junto com --group NOME" in run("add", "--join", "x")[2]


def test_snooze_in_portuguese(journal_path, brazilian):
    run("add", "--who", "Ana", "--when", "ontem", "--follow-up", "mandar a receita", "--due", "hoje", "x")
    with Store(journal_path) as store:
        (encounter,) = store.encounters()
    code, out, err = run("snooze", encounter.id[:8], "ontem")
    assert (code, out) == (2, "")
    assert err.startswith("netjournal: WHEN: 'ontem' é ")
    assert err.endswith(", que já passou: adie para hoje ou um dia depois.\n")
    code, out, err = run("snooze", encounter.id[:8], "semana", "que", "vem")
    assert (code, err) == (0, "")
    assert out.startswith("Adiada para ") and out.endswith(": mandar a receita\n")
    code, out, _ = run("agenda")
    assert out.startswith("Depois, ") and "(com Ana, " in out
