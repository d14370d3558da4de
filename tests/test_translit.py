"""Kazakh Latin capitals (issue 34, item 2): every Cyrillic capital transliterates to the capital
of its small letter's Latin form, with the dotted/dotless i cased as Kazakh (and Turkish) case it:
i <-> İ, ı <-> I."""

from __future__ import annotations

import pytest

from l10n.language.translit import LOWER, UPPER, transliterate

CAPITALS = sorted(UPPER)


def kk_lower(text: str) -> str:
    """Lower case as Kazakh Latin does it: İ -> i and I -> ı (Python's lower() maps I -> i)."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def kk_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def test_the_tables_cover_the_same_letters() -> None:
    assert {c.lower() for c in UPPER} == set(LOWER)


@pytest.mark.parametrize("capital", CAPITALS)
def test_a_capital_is_the_capital_of_its_small_letter(capital: str) -> None:
    small = capital.lower()
    latin = transliterate(capital)
    assert kk_lower(latin) == transliterate(small), (capital, latin)
    if latin:
        assert latin[0] == kk_upper(transliterate(small))[0], "the first letter is a capital"
        assert latin[1:] == transliterate(small)[1:], "title case: the rest stays small"


@pytest.mark.parametrize("capital", CAPITALS)
def test_capitals_inside_words(capital: str) -> None:
    small = capital.lower()
    for word in (capital + "ала", "Ала" + capital + "а", capital + "АЛА", "АЛА" + capital + "А", capital * 2):
        latin = transliterate(word)
        assert kk_lower(latin) == transliterate(word.lower()), (word, latin)
    # a word all in capitals stays all in capitals
    shouted = transliterate("АЛА" + capital + "А")
    assert shouted == kk_upper(transliterate("ала" + small + "а")), shouted


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Юрий", "İurii"),
        ("Ямайка", "İamaika"),
        ("Ёлка", "İolka"),
        ("ЮРИЙ", "İURİİ"),
        ("ЯМАЙКА", "İAMAİKA"),
        ("юрист Іле", "iurist Ile"),
    ],
)
def test_issue_examples(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin
