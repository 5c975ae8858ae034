"""The last English of the Portuguese command line (issue 19): reach, export, review's settings.

English output stays as it was (other tests pin it); the JSON keeps its machine words.
"""
from __future__ import annotations

import json

import pytest

from tests.test_cli_pt_br import brazilian, run  # noqa: F401  (brazilian is a fixture)


def test_an_encounter_without_setting_is_not_specified_in_portuguese(journal_path, brazilian):
    assert run("add", "--who", "Ana", "--when", "ontem às 18h", "pão")[0] == 0
    code, out, err = run("review", "--format", "markdown")
    assert (code, err) == (0, "")
    assert "- não informado: 1" in out.splitlines() and "unspecified" not in out
    code, out, err = run("review", "--format", "json")
    assert json.loads(out)["by_setting"] == {"unspecified": 1}  # a machine key: English in every language


def test_import_says_what_it_left_out_in_portuguese(journal_path, brazilian, tmp_path):
    vcf = tmp_path / "contacts.vcf"
    vcf.write_bytes((
        "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:sem nome\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nota Enorme\r\nNOTE:{'y' * 250_000}\r\nEND:VCARD\r\n"
    ).encode())
    code, out, err = run("import", str(vcf))
    assert code == 0, err
    assert "Deixado de fora: cartão 1: não tem nome." in out
    assert "Deixado de fora: Nota Enorme: o campo NOTE tem mais de 200.000 caracteres e ficou de fora." in out
    assert "card" not in out and "longer" not in out


def test_an_ambiguous_card_is_left_out_in_portuguese(store):
    from journal import i18n
    from journal.contacts_import import _find
    from journal.vcard import Contact

    i18n.use("pt_BR")
    store.add_person("Ana Souza")
    store.add_person("Ana Lima", aliases=["Ana Souza"])
    person, reason = _find(store, Contact(name="Ana Souza"))
    assert person is None and reason.startswith("várias pessoas têm esse nome (Ana Lima, Ana Souza)")


@pytest.mark.parametrize(("content", "reason"), [
    (b"   ", "o arquivo está vazio"),
    (b'{"meta": {"1": {"schema_version": 99}}}', "foi gravado por um netjournal mais novo (esquema 99; este conhece o "),
    (b"[1, 2]", "é JSON, mas não é um diário do netjournal"),
])
def test_an_unreadable_journal_is_explained_in_portuguese(journal_path, brazilian, content, reason):
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    journal_path.write_bytes(content)
    code, out, err = run("add", "--who", "Ana", "pão")
    assert code != 0 and out == ""
    assert f"Não foi possível ler o diário {journal_path}: {reason}" in err
    assert "Nada foi mudado. Para recuperá-lo, restaure a cópia mais recente de" in err
    assert journal_path.read_bytes() == content  # never written over


def test_the_full_markdown_export_in_portuguese(journal_path, brazilian, tmp_path):
    assert run("add", "--who", "Ana Souza", "--when", "ontem às 18h30", "--learned", "fermentação lenta",
               "--follow-up", "Mandar a receita", "--due", "próxima sexta", "pão")[0] == 0
    target = tmp_path / "tudo.md"
    code, out, err = run("export", "--format", "markdown", str(target))
    assert (code, err) == (0, "")
    lines = target.read_text(encoding="utf-8").splitlines()
    for line in ("## Encontros, do mais recente ao mais antigo", "## Pessoas", "## Opiniões",
                 "## Reflexões semanais, da mais recente à mais antiga", "- Aprendeu: fermentação lenta",
                 "- Pendência (aberta, prazo 2026-12-04): Mandar a receita", "_Nada ainda._"):
        assert line in lines, line
    assert lines[2].startswith("Exportado em ")
    assert not any(word in line for line in lines for word in ("newest", "Follow-up", "Learned", "None yet", "Exported"))


def test_an_export_error_in_portuguese(journal_path, brazilian, tmp_path):
    assert run("add", "--who", "Ana", "pão")[0] == 0
    code, out, err = run("export", "--format", "markdown", str(tmp_path / "nada" / "x.md"))
    assert code != 0
    assert f"Não foi possível exportar para {tmp_path / 'nada' / 'x.md'}: a pasta {tmp_path / 'nada'} não existe. Nada foi gravado." in err


def test_reach_in_portuguese_keeps_the_json_kinds(store, brazilian):
    from tests.test_app_reach import seed

    seed(store)
    code, out, err = run("reach", "--org", "acme")
    assert (code, err) == (0, "")
    assert "   - Ana Souza → Bruno Costa: apresentou; Ana Souza apresentou Bruno Costa a você" in out
    assert "por quê: Ana Souza: vocês se encontraram 4x, a última há 2 dias" in out
    assert "introduced" not in out and "you met" not in out
    code, out, err = run("reach", "--org", "acme", "--format", "json")
    hops = json.loads(out)["paths"][0]["hops"]
    assert [h["kind"] for h in hops] == ["met together", "introduced"]  # machine words, in every language
    assert hops[1]["evidence"] == "Ana Souza apresentou Bruno Costa a você"
    assert hops[0]["from"] == "me"


def test_the_calendar_export_in_portuguese(journal_path, brazilian, tmp_path):
    assert run("add", "--who", "Ana", "--where", "Padaria Real", "--when", "ontem às 18h",
               "--follow-up", "Mandar a receita", "--due", "amanhã", "pão")[0] == 0
    code, out, err = run("export", "--ics", str(tmp_path))
    assert code != 0 and f"{tmp_path} é uma pasta; dê o caminho do arquivo a gravar" in err
    target = tmp_path / "pendencias.ics"
    code, out, err = run("export", "--ics", str(target))
    assert (code, err) == (0, "")
    text = target.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Uma pendência da sua conversa com Ana em " in text and ", em Padaria Real." in text
    assert "A follow-up of" not in text and "X-WR-CALNAME:pendências do netjournal" in text


def test_a_bad_setting_is_reported_in_portuguese(journal_path, brazilian, settings_file):
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text('first_weekday = "someday"\npeople_sort = "age"\n', encoding="utf-8")
    code, out, err = run("review")
    assert code == 0
    assert (f"netjournal: No arquivo de configurações {settings_file}, first_weekday = 'someday' foi ignorado: "
            'deve ser um dia da semana: 0 (segunda) a 6 (domingo), ou o nome em inglês, como "sunday".') in err
    assert f"people_sort = 'age' foi ignorado: deve ser um destes: " in err


def test_doctor_says_why_a_record_is_damaged_in_portuguese(journal_path, brazilian):
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    journal_path.write_bytes(b'{"meta":{"1":{"schema_version":4}},"people":{"1":{"id":"p1","name":7},'
                             b'"2":{"id":"p2","name":"Ana","keep_in_touch_days":-3}}}')
    code, out, err = run("doctor")
    assert (code, err) == (0, "")
    assert "registro 1 da tabela 'people': o campo name não é texto (int)." in out
    assert "registro 2 da tabela 'people': o campo keep_in_touch_days não é um número inteiro acima de 0." in out
    assert "its " not in out


def test_an_unreadable_cadence_says_why_in_portuguese(journal_path, brazilian):
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    group = {"id": "g1", "name": "Fado", "members": [], "cadence": {"rrule": "FREQ=HOURLY", "start": "2026-11-03T19:00"}}
    journal_path.write_bytes(json.dumps({"meta": {"1": {"schema_version": 4}}, "groups": {"1": group}}).encode())
    code, out, err = run("group", "show", "Fado")
    assert (code, err) == (0, "")
    assert "FREQ=HOURLY não é DAILY, WEEKLY nem MONTHLY" in out and "is not" not in out
    code, out, err = run("groups")
    assert "frequência ilegível" in out and "unreadable" not in out


def test_the_opinions_list_in_portuguese(journal_path, brazilian):
    assert run("opinion", "Pão da esquina", "o melhor do bairro", "--confidence", "high")[0] == 0
    assert run("opinion", "Pão da esquina", "caro demais agora", "--confidence", "low")[0] == 0
    code, out, err = run("opinions")
    assert (code, err) == (0, "")
    assert out.strip() == "Pão da esquina: caro demais agora (baixa)  [revista 1 vez]"
