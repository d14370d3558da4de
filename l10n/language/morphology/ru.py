"""Russian case forms of names and terms, from pymorphy3's OpenCorpora dictionary where it knows
the word as a name, and from the declension rules of Russian names where it guesses: pymorphy3
reads an unknown "Жанаозен" as a short adjective and "Курманов" as a plural, so a guess is
never trusted for a capitalised word.

Rules (Rosenthal, *Справочник по правописанию и литературной правке*, §§ on names):
- surnames in -ов/-ев/-ёв/-ин/-ын decline as possessive adjectives (Назарбаева, -у, -ым, -е),
  feminine -ова/-ина as -ой/-у;
- names ending in -о, -е, -и, -у, -ю, -ы, -э and abbreviations (КНБ) do not decline;
- a consonant-final name declines as a masculine noun (Жанаозена), -а/-я as a feminine one;
- the accusative of a person is the genitive, of a place the nominative.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")
GRAMMEMES = {
    "nominative": "nomn",
    "genitive": "gent",
    "dative": "datv",
    "accusative": "accs",
    "instrumental": "ablt",
    "prepositional": "loct",
}
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_MASC_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)$")
_FEM_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына)$")
_SIBILANT_OR_VELAR = "гкхжшщч"
_HUSHING = "жшщчц"


@cache
def analyzer() -> Any:
    """The pymorphy3 analyser, loaded once per process (~0.1 s)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _name_parse(word: str, gender: str | None = None) -> Any | None:
    """pymorphy3's reading of the word as a singular nominative name or noun it knows (not a
    guess from its ending), of the gender the full name has where that is known (Айнур
    Курманов is a man, though the dictionary knows Айнур as a woman's name)."""
    for parse in analyzer().parse(word):
        tag = parse.tag
        nominative = tag.POS == "NOUN" and tag.case == "nomn" and tag.number != "plur" and parse.is_known
        fits = gender is None or tag.gender is None or tag.gender == gender or "ms-f" in tag.grammemes
        if nominative and fits and (NAME_TAGS & tag.grammemes or not word[:1].isupper()):
            return parse
    return None


def name_gender(words: list[str]) -> str | None:
    """A person's gender from the surname (its ending or the dictionary), else None."""
    last = words[-1] if words else ""
    if not last[:1].isupper():
        return None
    if _FEM_SURNAME.search(last):
        return "femn"
    if _MASC_SURNAME.search(last):
        return "masc"
    parse = _name_parse(last)
    if parse is not None and "Surn" in parse.tag.grammemes and parse.tag.gender in ("masc", "femn"):
        return str(parse.tag.gender)
    return None


def is_person(word: str) -> bool:
    parse = _name_parse(word)
    if parse is not None:
        return bool({"Name", "Surn", "Patr"} & parse.tag.grammemes)
    return bool(_MASC_SURNAME.search(word) or _FEM_SURNAME.search(word)) and word[:1].isupper()


def _surname(word: str, case: str, feminine: bool) -> str:
    if feminine:
        stem = word[:-1]
        ending = {"nominative": "а", "accusative": "у"}.get(case, "ой")
        return stem + ending
    ending = {
        "nominative": "",
        "genitive": "а",
        "dative": "у",
        "accusative": "а",
        "instrumental": "ым",
        "prepositional": "е",
    }[case]
    return word + ending


def noun_by_rule(word: str, case: str, animate: bool) -> str:
    """A name pymorphy3 does not know, declined by its ending."""
    last = word[-1].lower()
    if case == "nominative" or last in "оеиуюыэё":  # foreign names in a vowel do not decline
        return word
    if last in "ая":
        soft = last == "я" or word[-2:-1].lower() in _SIBILANT_OR_VELAR
        stem = word[:-1]
        endings = {
            "genitive": "и" if soft else "ы",
            "dative": "е",
            "accusative": "ю" if last == "я" else "у",
            "instrumental": "ей" if last == "я" or word[-2:-1].lower() in _HUSHING else "ой",
            "prepositional": "е",
        }
        return stem + endings[case]
    if case == "accusative" and not animate:
        return word
    if last in "йь":
        stem = word[:-1]
        endings = {
            "genitive": "я",
            "dative": "ю",
            "accusative": "я",
            "instrumental": "ем",
            "prepositional": "е",
        }
        return stem + endings[case]
    instrumental = "ем" if last in _HUSHING else "ом"
    endings = {
        "genitive": "а",
        "dative": "у",
        "accusative": "а",
        "instrumental": instrumental,
        "prepositional": "е",
    }
    return word + endings[case]


def _match_case(original: str, inflected: str) -> str:
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def _inflect_word(word: str, case: str, animate: bool, gender: str | None = None) -> str:
    if case == "nominative" or not re.search("[а-яё]", word) or word.isupper():
        return word  # abbreviations (КНБ) and Latin-script names stay as they are
    parse = _name_parse(word, gender)
    if parse is not None:
        if "Fixd" in parse.tag.grammemes:
            return word
        wanted = {GRAMMEMES[case]}
        if case == "accusative" and parse.tag.gender == "masc" and animate != (parse.tag.animacy == "anim"):
            wanted = {"gent"} if animate else {"nomn"}
        form = parse.inflect(wanted)
        return _match_case(word, form.word) if form is not None else word
    if word[:1].isupper() and _FEM_SURNAME.search(word):
        return _surname(word, case, feminine=True)
    if word[:1].isupper() and _MASC_SURNAME.search(word):
        return _surname(word, case, feminine=False)
    return noun_by_rule(word, case, animate)


def inflect(text: str, case: str) -> str:
    """The name or term in a case; every word of a multi-word name declines (Нурсултана
    Назарбаева); a quoted name («Нур Отан») stays as it is."""
    if case not in CASES:
        raise ValueError(f"unknown Russian case {case!r}")
    stripped = text.strip()
    if not stripped or stripped[0] in "«„\"'":
        return text
    words = stripped.split(" ")
    animate = any(is_person(w) for w in words)
    gender = name_gender(words) if len(words) > 1 else None
    return " ".join(_inflect_word(w, case, animate, gender) for w in words)


def forms(text: str) -> dict[str, str]:
    return {case: inflect(text, case) for case in CASES}
