"""The last English of the Portuguese command line (issue 19): reach, export, review's settings.

English output stays as it was (other tests pin it); the JSON keeps its machine words.
"""
from __future__ import annotations

import io
import json

import pytest

from tui.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def brazilian(monkeypatch):
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")


def test_an_encounter_without_setting_is_not_specified_in_portuguese(journal_path, brazilian):
    assert run("add", "--who", "Ana", "--when", "ontem às 18h", "pão")[0] == 0
    code, out, err = run("review", "--format", "markdown")
    assert (code, err) == (0, "")
    assert "- não informado: 1" in out.splitlines() and "unspecified" not in out
    code, out, err = run("review", "--format", "json")
    assert json.loads(out)["by_setting"] == {"unspecified": 1}  # a machine key: English in every language
