"""Kazakh case forms, table-driven: a suffix is chosen by the word's vowel harmony (its last
vowel, back or front) and its final sound (vowel; м н ң; л р й у; ж з; voiceless). Run
backwards, the same tables strip case, plural and possessive suffixes to candidate stems (the
glossary check and the spelling check use that). No maintained permissive Kazakh morphology
library exists (kazstem is GPL and needs an FST toolchain), hence this small module.

Reference: the case paradigms of a Kazakh grammar (e.g. Muhamedowa, *Kazakh: A Comprehensive
Grammar*, 2016, ch. 2; Kazakh Wikipedia "Септік"): one table row per case below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

Harmony = Literal["back", "front"]
Final = Literal["vowel", "nasal", "sonorant", "voiced", "voiceless"]

CASES = ("nominative", "genitive", "dative", "accusative", "locative", "ablative", "instrumental")

BACK_VOWELS = frozenset("аоұыяёю")
FRONT_VOWELS = frozenset("әеөүіэи")  # и: "ій" in native words, front in Russian loans (Путинге)
VOWELS = BACK_VOWELS | FRONT_VOWELS | {"у"}

# case -> final sound -> (back form, front form). One row per line of a grammar's table.
_SUFFIXES: dict[str, dict[Final, tuple[str, str]]] = {
    "genitive": {
        "vowel": ("ның", "нің"),
        "nasal": ("ның", "нің"),
        "sonorant": ("дың", "дің"),
        "voiced": ("дың", "дің"),
        "voiceless": ("тың", "тің"),
    },
    "dative": {
        "vowel": ("ға", "ге"),
        "nasal": ("ға", "ге"),
        "sonorant": ("ға", "ге"),
        "voiced": ("ға", "ге"),
        "voiceless": ("қа", "ке"),
    },
    "accusative": {
        "vowel": ("ны", "ні"),
        "nasal": ("ды", "ді"),
        "sonorant": ("ды", "ді"),
        "voiced": ("ды", "ді"),
        "voiceless": ("ты", "ті"),
    },
    "locative": {
        "vowel": ("да", "де"),
        "nasal": ("да", "де"),
        "sonorant": ("да", "де"),
        "voiced": ("да", "де"),
        "voiceless": ("та", "те"),
    },
    "ablative": {
        "vowel": ("дан", "ден"),
        "nasal": ("нан", "нен"),
        "sonorant": ("дан", "ден"),
        "voiced": ("дан", "ден"),
        "voiceless": ("тан", "тен"),
    },
    "instrumental": {  # no harmony: always е
        "vowel": ("мен", "мен"),
        "nasal": ("мен", "мен"),
        "sonorant": ("мен", "мен"),
        "voiced": ("бен", "бен"),
        "voiceless": ("пен", "пен"),
    },
}

# After a third-person possessive (Қазақстан Республикасы, Біріккен Ұлттар Ұйымы, АҚШ Президенті)
# the cases take a pronominal n: Республикасының, -на, -н, -нда, -нан, -мен.
_POSSESSIVE_CASES: dict[str, tuple[str, str]] = {
    "genitive": ("ның", "нің"),
    "dative": ("на", "не"),
    "accusative": ("н", "н"),
    "locative": ("нда", "нде"),
    "ablative": ("нан", "нен"),
    "instrumental": ("мен", "мен"),
}

# How an abbreviation without vowels is read: by its last letter's name (КНБ = ...бе -> КНБ-нің,
# CNN = ...эн -> CNN-нің, ФБР = ...эр -> ФБР-ге).
_LETTER_NAMES = {
    **dict(zip("бвгдкқпстфхһцчшщ", "бе ве ге де ка қа пе эс те эф ха һа це че ша ща".split(), strict=True)),
    **dict(zip("жзлмнңрғй", "же зе эл эм эн ың эр ғы ий".split(), strict=True)),
    **dict(zip("bcdgjkpqtvwz", "би си ди джи джей кей пи кью ти ви дабылью зед".split(), strict=True)),
    **dict(zip("fhlmnrsxy", "эф эйч эл эм эн ар эс экс уай".split(), strict=True)),
    **dict(zip("aeiou", "эй и ай оу ю".split(), strict=True)),
}
# Latin letters read as the Kazakh sounds they stand for (a brand kept in Latin script).
_LATIN_SOUNDS = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абкдефгһижклмнопкрстувусиз")

_FINAL_CLASSES: dict[str, Final] = {
    **dict.fromkeys("мнң", "nasal"),
    # у at the end of a word is [w] (Мәскеудің), и is [ій]/[ый] (Уиллоубидің)
    **dict.fromkeys("лрйуи", "sonorant"),
    **dict.fromkeys("жз", "voiced"),
}


def _sounds(word: str) -> str:
    """The word as letters whose sound the tables know: lower case, Latin read as Cyrillic, an
    abbreviation without vowels spelled out by its last letter's name, soft/hard signs dropped."""
    lowered = word.lower()
    if not any(ch in VOWELS or ch in "aeiouy" for ch in lowered) and lowered[-1:] in _LETTER_NAMES:
        return _LETTER_NAMES[lowered[-1]]
    return lowered.translate(_LATIN_SOUNDS).rstrip("ьъ")


def harmony(word: str) -> Harmony:
    """Back or front, from the last vowel (у says nothing: it is a vowel or [w]). A Russian
    surname in -ев takes the harmony of its stem: Назарбаев -> Назарбаевтың (back), Медведевке."""
    sounds = _sounds(word)
    if sounds.endswith("ев") and len(sounds) > 3:
        sounds = sounds[:-2]
    for ch in reversed(sounds):
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
    return "back"


def final_sound(word: str) -> Final:
    last = _sounds(word)[-1:]
    if last in _FINAL_CLASSES:
        return _FINAL_CLASSES[last]
    if last in VOWELS:
        return "vowel"
    return "voiceless"  # б в г д at the end of a loanword sound voiceless: Назарбаевқа


def _needs_hyphen(word: str) -> bool:
    """Abbreviations and Latin-script words take the suffix after a hyphen: АҚШ-тың, CNN-ге."""
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and (all(ch.isupper() for ch in letters) and len(letters) > 1 or word.isascii())


def suffix(word: str, case: str, possessive: bool = False) -> str:
    """The case suffix the word takes ("" for the nominative); ``possessive``: the word ends in
    a third-person possessive (Республикасы -> Республикасына)."""
    if case == "nominative":
        return ""
    back, front = _POSSESSIVE_CASES[case] if possessive else _SUFFIXES[case][final_sound(word)]
    return back if harmony(word) == "back" else front


def ends_in_possessive(text: str) -> bool:
    """A name of several words whose last ends in -ы/-і is an izafet compound whose head carries
    the third-person possessive (Қазақстан Республикасы, Ұлттар Ұйымы, АҚШ Президенті); a single
    word in -ы/-і is a stem (Алматы)."""
    words = text.split()
    return len(words) > 1 and words[-1][-1:].lower() in ("ы", "і") and not _needs_hyphen(words[-1])


def _inflect_word(word: str, case: str, possessive: bool = False) -> str:
    ending = suffix(word, case, possessive)
    if not ending:
        return word
    return f"{word}-{ending}" if _needs_hyphen(word) else word + ending


def inflect(text: str, case: str, possessive: bool | None = None) -> str:
    """The text in a case: the suffix goes on the last word (Нұрсұлтан Назарбаевтың). A quoted
    name stays as it is (its generic noun before or after it takes the case). ``possessive``:
    whether the last word carries the third-person possessive, where the caller knows; else a
    name of several words ending in -ы/-і does (ends_in_possessive)."""
    if case not in CASES:
        raise ValueError(f"unknown Kazakh case {case!r}")
    stripped = text.strip()
    if not stripped or stripped[-1] in "»”\"'":
        return text
    head, _, last = stripped.rpartition(" ")
    if possessive is None:
        possessive = ends_in_possessive(stripped)
    inflected = _inflect_word(last, case, possessive)
    return f"{head} {inflected}" if head else inflected


def forms(text: str) -> dict[str, str]:
    """Every singular case form, keyed by case name in grammar order."""
    return {case: inflect(text, case) for case in CASES}


# --- backwards: a word form to candidate stems --------------------------------------------

_CASE_ENDINGS = sorted(
    {form for table in _SUFFIXES.values() for pair in table.values() for form in pair}
    # after a possessive: -на/-не, -нда/-нде, -нан/-нен, -н (компаниясына, құқықтарын)
    | {"на", "не", "нда", "нде", "н", "ымен", "імен"}
    # locative-attributive (Қазақстандағы) and the equative (-ша/-ше)
    | {"дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "ша", "ше"},
    key=len,
    reverse=True,
)
_POSSESSIVE_ENDINGS = sorted(
    "ы і сы сі ым ім м ың ің ң ымыз іміз мыз міз ыңыз іңіз ңыз ңіз".split(), key=len, reverse=True
)
_PLURAL_ENDINGS = ("лар", "лер", "дар", "дер", "тар", "тер")
# Common verb endings: past, participles, gerunds, present, verbal noun, negation.
_VERB_ENDINGS = sorted(
    """ды ді ты ті ған ген қан кен атын етін йтын йтін ып іп п а е й ады еді йды йді у уда уде
    мақ мек бақ бек пақ пек са се ғанын генін ушы уші ушылар ушілер уы уі уға уге мады меді бады
    беді пады педі майды мейді байды бейді пайды пейді ма ме ба бе па пе ылған ілген ған-ды
    мыз міз сыз сіз ғы гі қы кі лық лік дық дік тық тік шы ші рақ рек ырақ ірек ыш іш""".split(),
    key=len,
    reverse=True,
)
# Before a vowel-initial suffix a final к қ п voice to г ғ б (құқық -> құқығы, кітап -> кітабы).
_VOICING = {"г": "к", "ғ": "қ", "б": "п"}
MIN_STEM = 2


_FULL_VOWELS = frozenset("аәеоөұүыі")


def fits(stem: str, ending: str) -> bool:
    """Whether an ending can follow a stem: its vowels in the stem's harmony (a stem whose last
    vowel is и, у or none accepts both), and a bare consonant (-м, -ң, -н) only after a vowel."""
    vowels = [ch for ch in ending if ch in BACK_VOWELS or ch in FRONT_VOWELS]
    if not vowels:
        return stem[-1:] in VOWELS
    if ending[0] in _FULL_VOWELS and stem[-1:] in _FULL_VOWELS:
        return False  # no two vowels meet: бала-ға, бала-сы, not бала-а
    stem_vowels = [ch for ch in stem if ch in BACK_VOWELS or ch in FRONT_VOWELS]
    if not stem_vowels or stem_vowels[-1] in "иэ":
        return True
    back_ending = vowels[-1] in BACK_VOWELS
    return back_ending == (stem_vowels[-1] in BACK_VOWELS) or "е" in vowels and vowels == ["е"]


# Case endings in -н- follow a 3rd-person possessive only (компаниясына, құқықтарын).
_AFTER_POSSESSIVE = frozenset({"на", "не", "нда", "нде", "н", "нан", "нен", "ндағы", "ндегі"})


def _strip(word: str, endings: tuple[str, ...] | list[str]) -> Iterator[str]:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)].rstrip("-")
            if not fits(stem, ending) or not _n_case_fits(stem, ending):
                continue
            yield stem
            if stem[-1:] in _VOICING and ending[0] in VOWELS:
                yield stem[:-1] + _VOICING[stem[-1]]


def _n_case_fits(stem: str, ending: str) -> bool:
    """-на, -нда, -н... follow a 3rd-person possessive; -нан/-нен also any м н ң (ойыннан)."""
    if ending not in _AFTER_POSSESSIVE:
        return True
    return stem[-1:] in ("ыімнң" if ending in ("нан", "нен") else "ыі")


_PERSONAL_ENDINGS = sorted(
    "мын мін пын пін бын бін сың сің мыз міз пыз піз быз біз сыз сіз сыңдар сіңдер м ң".split(),
    key=len,
    reverse=True,
)
_NEGATION_ENDINGS = ("ма", "ме", "ба", "бе", "па", "пе")
# Layers of endings from the end of a word inwards. Nouns: case, possessive, plural. Verbs:
# person, tense or participle, negation (білмейтінін = біл-ме-йтін-і-н).
_ALL_LAYERS = (
    _CASE_ENDINGS,
    _POSSESSIVE_ENDINGS,
    _PLURAL_ENDINGS,
    _PERSONAL_ENDINGS,
    _VERB_ENDINGS,
    _NEGATION_ENDINGS,
)


def all_endings() -> frozenset[str]:
    """Every ending the layers know (for the spelling check's letter statistics)."""
    return frozenset(e for layer in _ALL_LAYERS for e in layer)


def stems(word: str) -> list[str]:
    """Candidate stems of a word form, the word itself first: every way the layers of endings
    can be removed. Over-generates on purpose: a caller keeps the candidates a dictionary
    knows."""
    word = word.lower()
    found = [word]
    frontier = [word]
    for endings in _ALL_LAYERS:
        frontier = frontier + [stem for form in frontier for stem in _strip(form, endings)]
        found.extend(frontier)
    return list(dict.fromkeys(found))


def _alternatives(endings: Iterable[str]) -> str:
    return "|".join(sorted(endings, key=len, reverse=True))


# What may follow a name: plural, possessive, then a case or -дағы/-ша (any variant: a
# translator's "Хэллоуинға" is a form of the term even where the tables say "Хэллоуинге").
_NAME_TAIL = re.compile(
    f"-?(?:{_alternatives(_PLURAL_ENDINGS)})?(?:{_alternatives(_POSSESSIVE_ENDINGS)})?"
    f"(?:{_alternatives(_CASE_ENDINGS)})?"
)


def is_form_of(word: str, lemma: str) -> bool:
    """Whether ``word`` is ``lemma`` with case, plural or possessive endings: Назарбаевпен,
    Алматыда, АҚШ-тың, Қазақстандағы."""
    lowered, base = word.lower(), lemma.lower()
    return lowered.startswith(base) and _NAME_TAIL.fullmatch(lowered[len(base) :]) is not None


def case_of_suffix(ending: str) -> str | None:
    """The case a suffix (any harmony or final-sound variant) marks: "дің" -> genitive."""
    cleaned = ending.lower().lstrip("-")
    for case, table in _SUFFIXES.items():
        if any(cleaned in pair for pair in table.values()):
            return case
    for case, pair in _POSSESSIVE_CASES.items():  # -на/-не, -нда/-нде, -н: after a possessive
        if cleaned in pair:
            return case
    return None
