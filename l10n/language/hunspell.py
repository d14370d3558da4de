"""Spelling: Hunspell dictionaries (Debian's hunspell-ru, hunspell-kk) through libhunspell's C
API, and what "not a word" means in Kazakh, whose dictionary is thin.

Why libhunspell through ctypes: the same engine LibreOffice and Firefox use, maintained, and
already on every Debian/Ubuntu machine that has the dictionaries; measured on the development
corpus (9,590 distinct Russian words): ~3 µs a lookup, against ~130 µs for spylls (pure Python,
1.3 s to load ru_RU) and ~2.5 ms through the `hunspell -a` pipe (it computes suggestions for every
unknown word). The Python bindings on PyPI (hunspell, cyhunspell) need a C compiler and the
library's headers at install time; ctypes needs neither.

Kazakh: Debian's kk_KZ does not know a quarter of the tokens of professional news
("мәлімдеді", "компаниясы", "Қазақстандағы"), because Kazakh is agglutinative. A word counts as
known when it, or a stem the suffix tables strip it to (l10n.language.morphology.kk.stems), is in the
dictionary.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import sys
from functools import cache, lru_cache
from pathlib import Path

from l10n.language.morphology import kk

# Where the dictionaries live: $L10N_HUNSPELL_PATH first, then the distributions' folders
# ($L10N_HUNSPELL_DIRS, when set, instead of these: e.g. none at all, to run without them).
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell")
DICTIONARIES = {"ru": "ru_RU", "kk": "kk_KZ"}
_LIBRARY_NAMES = ("hunspell-1.7", "hunspell")


@cache
def _library() -> ctypes.CDLL | None:
    for name in _LIBRARY_NAMES:
        found = ctypes.util.find_library(name)
        for candidate in (found, f"lib{name}.so.0") if found else (f"lib{name}.so.0",):
            try:
                lib = ctypes.CDLL(candidate)
            except OSError:
                continue
            lib.Hunspell_create.restype = ctypes.c_void_p
            lib.Hunspell_create.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
            lib.Hunspell_spell.argtypes = (ctypes.c_void_p, ctypes.c_char_p)
            return lib
    return None


def dictionary_path(lang: str) -> Path | None:
    """The .dic file for a language (the .aff beside it), or None when it is not installed."""
    name = DICTIONARIES.get(lang)
    if name is None:
        return None
    extra = os.environ.get("L10N_HUNSPELL_PATH", "")
    system = os.environ.get("L10N_HUNSPELL_DIRS")
    defaults = DICTIONARY_DIRS if system is None else tuple(filter(None, system.split(os.pathsep)))
    for folder in [*filter(None, extra.split(os.pathsep)), *defaults]:
        dic = Path(folder) / f"{name}.dic"
        if dic.exists() and dic.with_suffix(".aff").exists():
            return dic
    return None


class Hunspell:
    """One dictionary, loaded once per process, with a per-word cache of answers."""

    def __init__(self, lib: ctypes.CDLL, dic: Path) -> None:
        self._lib = lib
        self._handle = lib.Hunspell_create(bytes(dic.with_suffix(".aff")), bytes(dic))
        self._known: dict[str, bool] = {}

    def spell(self, word: str) -> bool:
        answer = self._known.get(word)
        if answer is None:
            answer = bool(self._lib.Hunspell_spell(self._handle, word.encode("utf-8")))
            self._known[word] = answer
        return answer


@cache
def speller(lang: str) -> Hunspell | None:
    """The language's dictionary, or None when libhunspell or the dictionary is missing."""
    lib, dic = _library(), dictionary_path(lang)
    if lib is None or dic is None:
        return None
    return Hunspell(lib, dic)


def missing_dictionary(lang: str) -> str | None:
    """Why spelling is skipped (or runs with less) for a language, in one line for the user;
    None when it runs in full, or when l10n knows no dictionary for the language."""
    base = lang.split("_")[0]
    if "Latn" in lang or base not in DICTIONARIES:
        return None
    if speller(base) is None:
        if _library() is None:
            return "spelling: libhunspell is not installed (install libhunspell-1.7-0); skipped"
        return f"spelling: no {base} dictionary (install hunspell-{base}); skipped"
    if base in WORD_LISTS and word_list_path(base) is None:
        return f"spelling: no {base} word list ({WORD_LISTS[base]}: run scripts/setup); fewer typos caught"
    return None


# Kazakh word forms attested in web text, beyond what kk_KZ and the suffix tables explain: the
# word list of Tesseract's Kazakh model (Debian's tesseract-ocr-kaz, Apache-2.0; 437,170 forms,
# 241,123 of them lower-case Kazakh-letter words once lowered). scripts/setup extracts it with
# Tesseract's own tools (combine_tessdata, dawg2wordlist) into .venv/share/l10n/. Web text holds
# misspellings too (бойныша, туарлы for бойынша, туралы), so a listed form is never taken as
# proof that a word is right, only as a correction a slip undoes (measured, docs/benchmarks.md).
WORD_LISTS = {"kk": "kk.words"}
# Where the list lives: the environment l10n runs in, then the system's folders
# ($L10N_WORD_LIST_DIRS, when set, instead of these: e.g. none at all, to run without it).
WORD_LIST_DIRS = (f"{sys.prefix}/share/l10n", "/usr/local/share/l10n", "/usr/share/l10n")


def word_list_path(lang: str) -> Path | None:
    """The language's word list file, or None when it is not installed."""
    name = WORD_LISTS.get(lang)
    dirs = os.environ.get("L10N_WORD_LIST_DIRS")
    folders = WORD_LIST_DIRS if dirs is None else tuple(filter(None, dirs.split(os.pathsep)))
    found = (Path(folder) / name for folder in folders) if name else ()
    return next((path for path in found if path.is_file()), None)


@cache
def word_list(lang: str) -> frozenset[str]:
    """The word list's forms in lower case; empty when it is not installed. Read once, on first
    use (~0.1 s, ~35 MB): only a Kazakh word that looks like a slip asks. Its Latin words and
    numbers stay in: a slip of a Kazakh word never matches them, and filtering them out would
    cost more than the load."""
    path = word_list_path(lang)
    return frozenset(path.read_text(encoding="utf-8").lower().split()) if path else frozenset()


def is_known(word: str, lang: str, dictionary: Hunspell) -> bool:
    """A word of the language: in the dictionary (as written or in lower case), or (Kazakh) a
    known stem with suffixes the tables know."""
    lowered = word.lower()
    if dictionary.spell(word) or dictionary.spell(lowered):
        return True
    if lang == "kk":
        return any(dictionary.spell(stem) for stem in kazakh_stems(lowered))
    return False


# Kazakh news writes Russian loanwords as Russian does (тренер, депортация, модель) and gives
# them Kazakh endings; kk_KZ lacks most of them. Only a long stem counts: Russian's own endings
# would otherwise explain half the Kazakh alphabet.
MIN_LOAN_STEM = 6


def is_loanword(word: str) -> bool:
    """A Kazakh word form whose stem (6+ letters) is a Russian dictionary word."""
    russian = speller("ru")
    lowered = word.lower()
    return russian is not None and any(
        russian.spell(stem) for stem in [lowered, *kazakh_stems(lowered)] if len(stem) >= MIN_LOAN_STEM
    )


def known_prefix(word: str, lang: str, dictionary: Hunspell) -> int:
    """How many letters of the word a dictionary word covers: all of it when it is known, the
    longest known stem's length for a Kazakh word form, 0 when nothing is known."""
    lowered = word.lower()
    if dictionary.spell(word) or dictionary.spell(lowered):
        return len(word)
    if lang == "kk":
        return max((len(stem) for stem in kazakh_stems(lowered) if dictionary.spell(stem)), default=0)
    return 0


@cache
def attested_trigrams(lang: str) -> frozenset[str]:
    """Every three-letter sequence ("^" and "$" mark the word's edges) of the dictionary's words
    and, for Kazakh, of its stems' last letters joined to the suffix tables and of the suffixes
    chained: what the language's spelling allows. A slip of two letters breaks one in two words
    (measured: 48% of swapped Kazakh words against 0.7% of the words of professional text)."""
    dic = dictionary_path(lang)
    if dic is None:
        return frozenset()
    words = [
        line.split("/", 1)[0].strip().lower() for line in dic.read_text(encoding="utf-8").splitlines()[1:]
    ]
    found = {marked[i : i + 3] for w in words if w for marked in [f"^{w}$"] for i in range(len(marked) - 2)}
    if lang == "kk":
        endings = kk.all_endings()
        joints = {
            end + e for end in {w[-2:] for w in words if len(w) >= 2} for e in endings if kk.fits(end, e)
        }
        chains = {a + b + "$" for a in endings for b in endings} | {e + "$" for e in endings}
        found |= {x[i : i + 3] for x in joints | chains for i in range(len(x) - 2)}
    return frozenset(found)


def implausible(word: str, lang: str) -> bool:
    """Whether the word has a letter sequence the language's spelling never has."""
    grams = attested_trigrams(lang)
    marked = f"^{word.lower()}$"
    return bool(grams) and any(marked[i : i + 3] not in grams for i in range(len(marked) - 2))


# --- Kazakh: which ending may follow which sound ---------------------------------------------
# The suffix tables (l10n.language.morphology.kk) strip endings by vowel harmony only; Kazakh
# spelling also changes an ending's first consonant with the sound before it (a grammar's
# tables, e.g. Muhamedowa 2016, ch. 2): бала-ның, адам-ның, ел-дің, кітап-тың; бала-лар,
# ел-дер, кітап-тар; бала-ны, адам-ды, кітап-ты. A slip often makes a stem and an ending that
# cannot meet (пікір-ні, екен-ні, уақыт-а → уақты-та), which the harmony tables accepted.
_VOICELESS = frozenset("пкқтсшфхцчщ")
_SOUNDING_VOWELS = frozenset("аәеоөұүыіэяюё")  # у and и end a word as [w] and [ij]: consonants here
# After these the written ending varies (loanwords' б в г д, a soft sign, a hyphen before it).
_EITHER = frozenset("бвгдьъһ-")
# Ending families by their first letters, and the sounds they follow.
_AFTER_VOWEL_OR_NASAL = ("ның", "нің", "нан", "нен")
_AFTER_L_NASAL_Z = ("дар", "дер")  # ел-дер, адам-дар, қыз-дар
_AFTER_L_R_Y_Z = ("дың", "дің")  # ел-дің, қар-дың, ұй-дың, қыз-дың
_NOT_AFTER_NASAL = ("дан", "ден")  # адам-нан, not адам-дан


def joins(before: str, ending: str) -> bool:
    """Whether an ending's first letter agrees with the sound before it."""
    if not before.isalpha() or before in _EITHER or not ending:
        return True
    first, vowel = ending[0], before in _SOUNDING_VOWELS
    if ending in ("сы", "сі"):
        return vowel  # the possessive: бала-сы, кітаб-ы
    if before in _VOICELESS:
        return first in "тқкпсшу" or first in _SOUNDING_VOWELS
    if ending == "п":
        return vowel  # the gerund: оқы-п, жазда-п
    if first in "тқкп":
        return False
    if ending.startswith(_AFTER_VOWEL_OR_NASAL):
        return vowel or before in "мнң"
    if first in "нйңр":
        return vowel
    if first == "л":
        return vowel or before in "рйуи"
    if first == "б":
        return before in "мнңзж"
    if first == "м":
        return before not in "зж"  # қыз-бен, жаз-ба
    if ending.startswith(_AFTER_L_NASAL_Z):
        return before in "лмнңзж"
    if ending.startswith(_AFTER_L_R_Y_Z):
        return before in "лрйуизж"
    return not (ending.startswith(_NOT_AFTER_NASAL) and before in "мнң")


_ENDINGS = tuple(sorted(kk.all_endings(), key=len, reverse=True))
_VOICED = {"к": "г", "қ": "ғ", "п": "б"}  # құқық -> құқығы, кітап -> кітабы


@lru_cache(maxsize=65536)
def _chain(rest: str, before: str) -> bool:
    """Whether ``rest`` is endings one after another, each agreeing with what precedes it
    (``before``: the stem with the endings so far)."""
    if not rest or rest[0] == "-":
        return True  # after a hyphen (a number, an acronym) the endings follow the reading
    return any(
        rest.startswith(e)
        and kk.fits(before, e)
        and joins(before[-1], e)
        and _chain(rest[len(e) :], before + e)
        for e in _ENDINGS
    )


_SONORANTS = frozenset("лрмнңйуи")


def _abbreviation(stem: str) -> bool:
    """A short dictionary "stem" no Kazakh word ends like (обл, елд, апн, етт): a native word
    never ends in б в г д, nor in two consonants other than a sonorant and an obstruent (айт,
    ұлт, өрт) or ст, кт (үст, акт)."""
    if len(stem) > 3 or stem[-1] in kk.VOWELS:
        return False
    if stem[-1] in "бвгд":
        return True
    last_two = stem[-2:]
    if last_two[0] in kk.VOWELS or last_two in ("ст", "кт"):
        return False
    return last_two[0] == last_two[1] or last_two[0] not in _SONORANTS or last_two[1] in _SONORANTS


def endings_follow(rest: str, stem: str) -> bool:
    """Whether ``rest`` is Kazakh endings that may follow the stem (a name: Лондон-ның), in the
    spellings that merge two sounds too (Коммунист-ік)."""
    word = stem + rest
    return any(
        w.startswith(stem) and _chain(w[len(stem) :], stem)
        for w in {word, _ST.sub("стт", word), _IY.sub("ый", word), _IY.sub("ій", word)}
    )


def _well_formed(word: str, stem: str) -> bool:
    """Whether the word is the stem (a vowel in it: "обл" is an abbreviation, not a stem) and
    endings that can follow it."""
    if not any(ch in kk.VOWELS for ch in stem) or _abbreviation(stem):
        return False
    if not word.startswith(stem):
        stem = stem[:-1] + _VOICED.get(stem[-1], stem[-1])
        if not word.startswith(stem):
            return False
    return _chain(word[len(stem) :], stem)


# Stems that drop their last vowel before a vowel-initial ending (ауыз -> аузы, қауіп -> қаупі):
# a closed list in the grammars (Muhamedowa 2016, 1.2; Kazakh Wikipedia "Ықшамдау"), not a rule
# for every stem in -ын/-ық (алатын-ы, халық-тың are never elided that way).
ELIDING_STEMS = frozenset(
    "ауыз мұрын ерін орын халық қауіп дауыс ерік көрік қарын ғұрып бөрік құлық әріп".split()
)


def _elided(word: str) -> list[str]:
    """The eliding stems a word form is made of: қаупі = қауіп-і, орнына = орын-ы-на."""
    found = []
    for stem in ELIDING_STEMS:
        short = stem[:-2] + stem[-1]
        rest = word[len(short) :]
        if word.startswith(short) and rest[:1] in ("ы", "і", "а", "е") and _chain(rest, stem):
            found.append(stem)
    return found


# Endings the suffix tables lack, stripped once before them: the negative participle (кет-пес,
# бол-мас), the conditional's first person plural (қала-сақ, біл-сек).
_EXTRA_ENDINGS = ("мас", "мес", "бас", "бес", "пас", "пес", "сақ", "сек")


def _extra_stems(word: str) -> list[str]:
    found = []
    for ending in _EXTRA_ENDINGS:
        at = word.find(ending, 2)
        if at > 0 and _chain(word[at + len(ending) :], word[: at + len(ending)]):
            stem = word[:at]
            if kk.fits(stem, ending) and joins(stem[-1], ending) and _well_formed(stem, stem):
                found += [stem, *(s for s in kk.stems(stem)[1:] if _well_formed(stem, s))]
    return found


_ST = re.compile(r"ст(?=[іы][кқ])")
# ы, і and the й of an ending are written и: оқы-йтын = оқитын, таны-йды = таниды.
_IY = re.compile(r"и(?=т[ыі]н|д[ыі])")


@lru_cache(maxsize=65536)
def kazakh_stems(word: str) -> tuple[str, ...]:
    """The stems a Kazakh word form (lower case) may have: the suffix tables' candidates whose
    endings agree with the sounds before them, with the endings the tables lack, the stems that
    elide a vowel and the spellings that merge two sounds. The word itself is not among them."""
    # Loanwords in -ист take -ік, -ық for -тік, -тық: журналистік, социалистік.
    spellings = {word, _ST.sub("стт", word), _IY.sub("ый", word), _IY.sub("ій", word)}
    found = [s for w in spellings for s in kk.stems(w)[1:] if _well_formed(w, s)]
    return tuple(dict.fromkeys(found + _extra_stems(word) + _elided(word)))
