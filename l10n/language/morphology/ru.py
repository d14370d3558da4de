"""Russian case forms of names and terms, from pymorphy3's OpenCorpora dictionary where it knows
the word as a name, and from the declension rules of Russian names where it guesses: pymorphy3
reads an unknown "Жанаозен" as a short adjective and "Курманов" as a plural, so a guess is
never trusted for a capitalised word.

Rules (Rosenthal, *Справочник по правописанию и литературной правке*, §§ on names):
- surnames in -ов/-ев/-ёв/-ин/-ын decline as possessive adjectives (Назарбаева, -у, -ым, -е),
  feminine -ова/-ина as -ой/-у;
- names ending in -о, -е, -и, -у, -ю, -ы, -э and abbreviations (КНБ) do not decline;
- a consonant-final name declines as a masculine noun (Жанаозена), -а/-я as a feminine one;
- the accusative of a person is the genitive, of a place the nominative;
- surnames in -ский/-цкий/-ской (-ская) decline as adjectives (Зеленского, Ковалевской);
- a woman's name or surname ending in a consonant does not decline (Анны Шмидт, Кристин Лагард);
- lower-case particles stay (Людвига ван Бетховена, Усамы бен Ладена); in a hyphenated name the
  parts that are surnames decline (Римского-Корсакова) and a first part that is not stays
  (Жан-Клода, Касым-Жомарта); in Korean and Vietnamese names of one-syllable parts only the last
  declines (Ким Чен Ына, Хо Ши Мина); a patronymic (-ович, -овна, -улы, -кызы) marks a person;
- in a term that is a common noun with words around it, adjectives agree with the head noun and
  the words after it stay (Верховного суда, Министерства иностранных дел, Республики Казахстан).
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
_ADJ_SURNAME = re.compile(r"(?:ск|цк)(?:ий|ой|ая)$")
# Patronymics, Russian and Kazakh (Абишевич, Ивановна; Момышулы, Нұрланқызы): a person's name.
_MASC_PATRONYMIC = re.compile(r"(?:ович|евич|ич|улы|ұлы|оглы)$")
_FEM_PATRONYMIC = re.compile(r"(?:овна|евна|ична|инична|кызы|қызы)$")
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
    """A person's gender from the surname (its ending or the dictionary), a patronymic, or else
    the first name as the dictionary knows it (Анна Шмидт is a woman), else None."""
    last = words[-1] if words else ""
    if not last[:1].isupper():
        return None
    if _FEM_SURNAME.search(last) or last.endswith(("ская", "цкая")):
        return "femn"
    if _MASC_SURNAME.search(last) or last.endswith(("ский", "цкий")):
        return "masc"
    for word in words[1:]:
        if _FEM_PATRONYMIC.search(word.lower()):
            return "femn"
        if _MASC_PATRONYMIC.search(word.lower()):
            return "masc"
    first = _first_name_gender(words[0], last) if len(words) > 1 else None
    if first is not None:
        return first
    parse = _name_parse(last)
    if parse is not None and "Surn" in parse.tag.grammemes and parse.tag.gender in ("masc", "femn"):
        return str(parse.tag.gender)
    return None


def _first_name_gender(word: str, surname: str) -> str | None:
    """The gender of a first name the dictionary knows. A woman's name that does not decline
    (Кристин, Эммануэль: the dictionary lists only the woman's) is trusted only where the
    surname may be a woman's too: unknown (Кристин Лагард) or listed as both (Анна Шмидт), not
    Эммануэль Макрон."""
    for parse in analyzer().parse(word):
        tag = parse.tag
        if not (parse.is_known and "Name" in tag.grammemes and tag.case == "nomn"):
            continue
        if tag.gender == "femn" and "Fixd" in tag.grammemes and not _may_be_womans(surname):
            return None
        return str(tag.gender) if tag.gender in ("masc", "femn") else None
    return None


def _may_be_womans(surname: str) -> bool:
    parses = [p for p in analyzer().parse(surname) if p.is_known]
    return not parses or any(p.tag.gender == "femn" and "Surn" in p.tag.grammemes for p in parses)


def is_person(word: str) -> bool:
    parse = _name_parse(word)
    if parse is not None:
        return bool({"Name", "Surn", "Patr"} & parse.tag.grammemes)
    lowered = word.lower()
    surname = _MASC_SURNAME.search(word) or _FEM_SURNAME.search(word) or _ADJ_SURNAME.search(lowered)
    patronymic = _MASC_PATRONYMIC.search(lowered) or _FEM_PATRONYMIC.search(lowered)
    return bool(surname or patronymic) and word[:1].isupper()


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
    parts, forms = original.split("-"), inflected.split("-")
    if len(parts) > 1 and len(parts) == len(forms):  # Южно-Африканской, each part as written
        return "-".join(_match_case(p, f) for p, f in zip(parts, forms, strict=True))
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def _inflect_word(word: str, case: str, animate: bool, gender: str | None = None) -> str:
    if case == "nominative" or not re.search("[а-яё]", word) or word.isupper():
        return word  # abbreviations (КНБ) and Latin-script names stay as they are
    if "-" in word.strip("-"):
        return _inflect_hyphenated(word, case, animate, gender)
    parse = _name_parse(word, gender)
    if parse is not None:
        if "Fixd" in parse.tag.grammemes:
            return word
        wanted = {GRAMMEMES[case]}
        if case == "accusative" and parse.tag.gender == "masc" and animate != (parse.tag.animacy == "anim"):
            wanted = {"gent"} if animate else {"nomn"}
        form = parse.inflect(wanted)
        return _match_case(word, form.word) if form is not None else word
    adjective = _adjective(word)
    if adjective is not None or (word[:1].isupper() and _ADJ_SURNAME.search(word)):
        return _match_case(word, _adjective_form(word, adjective, case, animate))
    if gender == "femn" and word[-1:].lower() not in "ая":
        return word  # Анны Шмидт, Кристин Лагард: a woman's name in a consonant stays
    if word[:1].isupper() and _FEM_SURNAME.search(word):
        return _surname(word, case, feminine=True)
    if word[:1].isupper() and _MASC_SURNAME.search(word):
        return _surname(word, case, feminine=False)
    return noun_by_rule(word, case, animate)


def _inflect_hyphenated(word: str, case: str, animate: bool, gender: str | None) -> str:
    """Римский-Корсаков -> Римского-Корсакова, Анна-Мария -> Анны-Марии (every part a surname
    or a name in -а/-я declines); Жан-Клод -> Жан-Клода, Касым-Жомарт -> Касым-Жомарта (a first
    part that is neither stays); Комсомольск-на-Амуре -> Комсомольска-на-Амуре (before a
    lower-case link only the first part declines)."""
    first, *rest = word.split("-")
    if any(part[:1].islower() for part in rest):
        return "-".join([_inflect_word(first, case, animate, gender), *rest])
    *head, last = word.split("-")
    parts = [_inflect_word(p, case, animate, gender) if _part_declines(p) else p for p in head]
    return "-".join([*parts, _inflect_word(last, case, animate, gender)])


def _part_declines(word: str) -> bool:
    if _surname_like(word):
        return True
    parse = _name_parse(word)
    return parse is not None and "Name" in parse.tag.grammemes and word[-1:] in ("а", "я")


def _surname_like(word: str) -> bool:
    lowered = word.lower()
    if _MASC_SURNAME.search(word) or _FEM_SURNAME.search(word) or _ADJ_SURNAME.search(lowered):
        return True
    if _MASC_PATRONYMIC.search(lowered) and len(word) > 4:  # Немирович-Данченко
        return True
    parse = _name_parse(word)
    return parse is not None and "Surn" in parse.tag.grammemes


def _adjective(word: str) -> Any | None:
    """The dictionary's reading of the word as a nominative adjective (Саудовская, Верховный)."""
    for parse in analyzer().parse(word.lower()):
        if parse.is_known and parse.tag.POS in ("ADJF", "PRTF") and parse.tag.case == "nomn":
            return parse
    return None


# Endings of an adjective-like surname by rule: nominative ending -> the five oblique cases
# (gen, dat, acc of a person, ins, prep). Зеленский, Трубецкой, Ковалевская.
_ADJ_ENDINGS = {
    "кий": ("кого", "кому", "кого", "ким", "ком"),
    "кой": ("кого", "кому", "кого", "ким", "ком"),
    "кая": ("кой", "кой", "кую", "кой", "кой"),
}


def _adjective_form(word: str, parse: Any | None, case: str, animate: bool) -> str:
    lowered = word.lower()
    if parse is None:
        ending = lowered[-3:]
        if ending not in _ADJ_ENDINGS:
            return lowered
        if case == "accusative" and not animate and ending != "кая":
            return lowered
        return lowered[:-3] + _ADJ_ENDINGS[ending][CASES.index(case) - 1]
    wanted = {GRAMMEMES[case]}
    if case == "accusative" and (parse.tag.gender == "masc" or parse.tag.number == "plur"):
        wanted.add("anim" if animate else "inan")
    form = parse.inflect(wanted)
    return str(form.word) if form is not None else lowered


def _one_syllable(word: str) -> bool:
    """One vowel or one run of vowels (Ким, Чен, Куан)."""
    return len(re.findall("[аеёиоуыэюя]+", word.lower())) == 1


def _declining(words: list[str]) -> list[bool]:
    """Which words of a name decline: not a lower-case particle inside it (ван, бен, де), and in
    a name of three or more parts of one syllable each (Ким Чен Ын, Хо Ши Мин) only the last."""
    if len(words) >= 3 and all(_one_syllable(w) for w in words[:-1]):
        return [False] * (len(words) - 1) + [True]
    capitalised = any(w[:1].isupper() for w in words)
    return [not (capitalised and w[:1].islower() and i < len(words) - 1) for i, w in enumerate(words)]


_QUOTES = "«„\"'“"


def inflect(text: str, case: str, person: bool = False) -> str:
    """The name or term in a case; every word of a multi-word name declines (Нурсултана
    Назарбаева); a quoted name («Нур Отан») stays as it is. ``person``: the context says the
    name is a person's (its accusative is then the genitive)."""
    if case not in CASES:
        raise ValueError(f"unknown Russian case {case!r}")
    stripped = text.strip()
    if not stripped or stripped[0] in _QUOTES:
        return text
    words = stripped.split(" ")
    quoted = next((i for i, w in enumerate(words) if w[:1] in _QUOTES), None)
    if quoted is not None:  # партия «Нур Отан» -> партии «Нур Отан»: the name in quotes stays
        return " ".join([inflect(" ".join(words[:quoted]), case, person), *words[quoted:]])
    animate = person or any(is_person(w) for w in words) or _unknown_full_name(words)
    head = _phrase_head(words) if len(words) > 1 else None
    if head is not None:
        return " ".join(_phrase(words, head, case))
    gender = name_gender(words) if len(words) > 1 else None
    return " ".join(
        _inflect_word(w, case, animate, gender) if declines else w
        for w, declines in zip(words, _declining(words), strict=True)
    )


def _unknown_full_name(words: list[str]) -> bool:
    """Two or more capitalised words the dictionary knows as no place, organisation or common
    word (Кими Райкконен, Мутиара Сис is an airport but has an adjective's reading): a person."""
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    return not any(
        p.is_known
        for w in words
        for p in analyzer().parse(w)
        if p.tag.POS != "NOUN" or "Name" not in p.tag.grammemes
    )


def _common_noun(word: str) -> Any | None:
    """The dictionary's reading of the word as a nominative common noun, None where it also
    reads it as a name (Сахара: not сахар's plural; Трамп)."""
    parses = [p for p in analyzer().parse(word.lower()) if p.is_known and p.tag.POS == "NOUN"]
    if any(NAME_TAGS & p.tag.grammemes and p.tag.case == "nomn" for p in parses):
        return None
    return next((p for p in parses if p.tag.case == "nomn"), None)


def _phrase_head(words: list[str]) -> int | None:
    """The head of a term that is a common noun with words around it (Верховный суд,
    Министерство иностранных дел, Республика Казахстан), where the words after it are
    complements that stay (no nominative but a place's: Казахстан in apposition); None for a
    name (Род Розенштейн: Род is also a common noun, but a person follows)."""
    for i, word in enumerate(words):
        if _common_noun(word) is None:
            continue
        adjectives_before = all(_adjective(w) is not None for w in words[:i])
        return i if adjectives_before and all(_stays_after_head(w) for w in words[i + 1 :]) else None
    return None


def _stays_after_head(word: str) -> bool:
    parses = [p for p in analyzer().parse(word) if p.is_known]
    if not parses or is_person(word):
        return False
    return all(p.tag.case != "nomn" or "Geox" in p.tag.grammemes for p in parses)


def _phrase(words: list[str], head: int, case: str) -> list[str]:
    """Adjectives before the head agree with it, the head declines, the rest stays."""
    noun: Any = _common_noun(words[head])
    animate = noun.tag.animacy == "anim"  # главного редактора, Белый дом
    wanted = {GRAMMEMES[case]}
    if case == "accusative" and (noun.tag.gender == "masc" or noun.tag.number == "plur"):
        wanted = {"gent"} if animate else {"nomn"}
    form = noun.inflect(wanted)
    declined = _match_case(words[head], form.word) if form is not None else words[head]
    before = [_match_case(w, _adjective_form(w, _adjective(w), case, animate)) for w in words[:head]]
    return [*before, declined, *words[head + 1 :]]


def forms(text: str) -> dict[str, str]:
    return {case: inflect(text, case) for case in CASES}
