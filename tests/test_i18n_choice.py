"""Which language netjournal speaks (issue 19): --lang, the setting, LC_ALL, LC_MESSAGES, LANG, English."""
from __future__ import annotations

import pytest

from journal.i18n import choose, normalise


@pytest.mark.parametrize(("code", "expected"), [
    ("pt_BR.UTF-8", "pt_BR"), ("pt-BR", "pt_BR"), ("pt_br", "pt_BR"), ("pt", "pt_BR"), ("pt_BR@euro", "pt_BR"),
    ("en_GB.UTF-8", "en"), ("en", "en"), ("C", "en"), ("POSIX", "en"), ("C.UTF-8", "en"),
    ("de_DE.UTF-8", None), ("", None), (None, None),
])
def test_locale_names(code, expected):
    assert normalise(code) == expected


def test_the_order_of_the_sources():
    env = {"LC_ALL": "", "LC_MESSAGES": "pt_BR.UTF-8", "LANG": "en_US.UTF-8"}
    assert choose(environ=env) == "pt_BR"
    assert choose(setting="en", environ=env) == "en"
    assert choose(explicit="pt-BR", setting="en", environ=env) == "pt_BR"
    assert choose(environ={"LANG": "pt_BR.UTF-8"}) == "pt_BR"
    assert choose(environ={"LC_ALL": "de_DE.UTF-8", "LANG": "pt_BR.UTF-8"}) == "en"  # LC_ALL decides
    assert choose(setting="klingon", environ={"LANG": "pt_BR.UTF-8"}) == "pt_BR"  # a bad setting is passed over
    assert choose(environ={}) == "en"
    with pytest.raises(ValueError):
        choose(explicit="fr")
