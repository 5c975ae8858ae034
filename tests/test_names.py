"""fold() and match_name(): how typed names find people."""
from __future__ import annotations

import pytest

from journal.names import NameMatch, fold, match_name


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("José", "jose"),
        ("  José  Souza ", "jose souza"),
        ("ÉCOLE", "ecole"),
        ("Ana\tLima\n", "ana lima"),
        ("Straße", "strasse"),  # casefold, not lower: ß folds to ss
        ("ﬁona", "fiona"),  # NFKD splits the ligature
        ("Zoë Ångström", "zoe angstrom"),
        ("François-Xavier", "francois-xavier"),
        ("", ""),
        ("   ", ""),
        ("李 雷", "李 雷"),  # scripts without accents are left alone
        # Latin letters that do not decompose are transliterated (anyascii).
        ("Søren", "soren"),
        ("Łukasz Łódź", "lukasz lodz"),
        ("Æsa", "aesa"),
        ("Đorđe", "dorde"),
        ("Œuvre", "oeuvre"),
        ("Þóra", "thora"),
        ("STRASSE", "strasse"),
        ("ẞ", "ss"),
        ("👩\u200d👩\u200d👧 Søren", "👩👩👧 soren"),  # emoji stay (no ":woman:"); the invisible joiner is ignored
    ],
)
def test_fold(text, key):
    assert fold(text) == key


def test_the_letters_folded_without_loading_anyascii_are_what_anyascii_gives():
    from anyascii import anyascii

    from journal.names import _LATIN_BY_HAND

    for letter, ascii_ in _LATIN_BY_HAND.items():
        assert anyascii(letter) == ascii_, letter


def test_soren_finds_soren_and_the_others_too():
    people = [("p1", "Søren Kierkegaard", []), ("p2", "Łukasz", []), ("p3", "Ægir", []), ("p4", "Đorđe", [])]
    assert match_name("Soren", people).person_ids == ("p1",)
    assert match_name("soren kierkegaard", people).person_ids == ("p1",)
    assert match_name("Lukasz", people).person_ids == ("p2",)
    assert match_name("aegir", people).person_ids == ("p3",)
    assert match_name("Dorde", people).person_ids == ("p4",)


def test_fold_is_idempotent():
    for text in ("José Souza", "  ÉCOLE ", "Straße"):
        assert fold(fold(text)) == fold(text)


PEOPLE = [
    ("p-ana-souza", "Ana Souza", []),
    ("p-ana-lima", "Ana Lima", ["Nana"]),
    ("p-jose", "José", []),
    ("p-bruno", "Bruno Costa", ["Zé Bruno"]),
    ("p-ana", "Ana", []),
]


def ids(match: NameMatch) -> set[str]:
    return set(match.person_ids)


def test_full_name_ignores_case_and_accents():
    assert ids(match_name("ana souza", PEOPLE)) == {"p-ana-souza"}
    assert ids(match_name("  ANA   SOUZA ", PEOPLE)) == {"p-ana-souza"}
    assert ids(match_name("jose", PEOPLE)) == {"p-jose"}
    assert ids(match_name("JOSÉ", PEOPLE)) == {"p-jose"}


def test_alias_matches_like_a_name():
    assert ids(match_name("nana", PEOPLE)) == {"p-ana-lima"}
    assert ids(match_name("ze bruno", PEOPLE)) == {"p-bruno"}


def test_exact_name_wins_over_first_names():
    # "Ana" is someone's full name, so "Ana Souza" and "Ana Lima" are not candidates.
    found = match_name("Ana", PEOPLE)
    assert ids(found) == {"p-ana"}
    assert not found.is_ambiguous and not found.is_new


def test_single_word_matches_a_first_name():
    assert ids(match_name("bruno", PEOPLE)) == {"p-bruno"}
    # An alias's first word counts too.
    assert ids(match_name("ze", PEOPLE)) == {"p-bruno"}


def test_two_people_with_that_first_name_is_ambiguous():
    people = [p for p in PEOPLE if p[0] != "p-ana"]
    found = match_name("Ana", people)
    assert found.is_ambiguous
    assert ids(found) == {"p-ana-souza", "p-ana-lima"}
    assert found.name == "Ana"


def test_unknown_names_are_new():
    for typed in ("Carla", "Souza", "Ana Maria", "An"):
        found = match_name(typed, PEOPLE)
        assert found.is_new, typed
        assert not found.is_ambiguous
        assert found.person_ids == ()


def test_several_words_never_match_by_first_name():
    # "Ana Maria" must not quietly become "Ana Souza".
    assert match_name("Ana Souza Maria", PEOPLE).is_new


def test_no_people_means_new():
    assert match_name("Ana", []).is_new


def test_typed_spelling_is_kept():
    assert match_name("  jose ", PEOPLE).name == "  jose "


# ------------------------------------------------------------- NameIndex
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from journal.names import NameIndex  # noqa: E402

_WORDS = st.sampled_from(["Ana", "ana", "ANA", "Ána", "Souza", "Bruno", "José", "jose", "Zoë", "", " ", "Ana Souza", "Dr. Ana", "Li"])
_NAME = st.lists(_WORDS, min_size=1, max_size=3).map(" ".join)


def one_by_one(typed: str, people) -> NameMatch:
    """The rules of match_name as a plain pass over everyone: the index must agree."""
    key = fold(typed)
    exact, first_name = [], []
    for pid, name, aliases in people:
        names = [fold(name), *(fold(a) for a in aliases)]
        if key in names:
            exact.append(pid)
        elif " " not in key and any(n.split(" ", 1)[0] == key for n in names if n):
            first_name.append(pid)
    return NameMatch(typed, tuple(exact or first_name))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NAME, st.lists(_NAME, max_size=2)), max_size=8), st.lists(_NAME, min_size=1, max_size=5))
def test_the_name_index_follows_the_rules_one_by_one(people, typed):
    triples = [(f"p{i}", name, aliases) for i, (name, aliases) in enumerate(people)]
    index = NameIndex(triples)
    for name in typed:
        assert index.match(name) == one_by_one(name, triples) == match_name(name, triples)
    # Adding to a copy leaves the original as it was.
    extra = index.copy()
    extra.add("new", typed[0], [])
    for name in typed:
        assert index.match(name) == one_by_one(name, triples)
        assert extra.match(name) == one_by_one(name, triples + [("new", typed[0], [])])
