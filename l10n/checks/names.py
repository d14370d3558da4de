"""Typos judged against the English source: a transliterated name, a name with Kazakh endings,
a word kept in Latin. Names are where dictionaries fail and typos hurt most; the source spells
each one correctly (the spelling check, spelling.py, asks here first for a capitalised word).
"""

from __future__ import annotations

import re

from l10n.language.hunspell import endings_follow, implausible, is_known, speller

# No word a typist slips in is longer (the longest Russian and Kazakh dictionary words have about
# 30 letters): a longer run of letters is a code or garbage, and its slips would cost the square of
# its length in memory (a 200,000-letter "word" in a hostile catalog: 40 GB).
LONGEST_WORD = 48


def slips(word: str, lang: str) -> list[tuple[str, int]]:
    """(the word as it would be without a typist's slip, where the change ends): two neighbours
    swapped, or a doubled letter (not in Kazakh, where a suffix doubles a stem's last consonant:
    сайттар). None for a word longer than any real one."""
    if len(word) > LONGEST_WORD:
        return []
    swaps = [(word[:i] + word[i + 1] + word[i] + word[i + 2 :], i + 2) for i in range(len(word) - 1)]
    drops = [(word[:i] + word[i + 1 :], i) for i in range(1, len(word)) if word[i] == word[i - 1]]
    return [(c, end) for c, end in swaps + ([] if lang == "kk" else drops) if c != word]


_LATIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{4,}(?![^\W\d_])")


def latin_typos(
    source: str, text: str, source_words: frozenset[str] = frozenset()
) -> dict[str, tuple[str, ...]]:
    """Latin words of the translation (a brand, a title kept in English) one slip from a word of
    the source or of the catalog's other sources that the translation does not spell so:
    "Busniess" for the source's "Business". A word kept in Latin is the source's word or none."""
    spelt = {w.lower(): w for w in _LATIN_WORD.findall(source)}
    known = spelt.keys() | source_words
    found: dict[str, tuple[str, ...]] = {}
    for word in _LATIN_WORD.findall(text):
        lowered = word.lower()
        if lowered in known:
            continue
        fixes = [spelt.get(c, _cased(c, word)) for c, _ in slips(lowered, "en") if c in known]
        if fixes:
            found[word] = tuple(dict.fromkeys(fixes))[:3]
    return found


def _cased(correction: str, word: str) -> str:
    return correction.capitalize() if word[:1].isupper() else correction


# Cyrillic read roughly as English spells the same sounds, to compare a transliterated name with
# the source's name (Лондон ~ London, Роберт ~ Robert, Эквадор ~ Ecuador).
_AS_ENGLISH = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэәғқөұүһі", "abvgdeziiklmnoprstufyeagkouuhi", strict=True)),
        **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya"},
        **{"ё": "yo", "ң": "ng", "ь": "", "ъ": ""},
    }
)
_SOURCE_NAME = re.compile(r"\b[A-Z][a-z]{2,}")
ANY_WORD = re.compile(r"\b[A-Za-z]{5,}")
NAME_SIMILARITY = 75  # rapidfuzz ratio (0-100) a corrected name must reach against the source's
NAME_GAIN = 10  # and how much closer than the word as written
SAME_NAME = 85  # a word this close to a source name is that name, transliterated


def source_closeness(word: str, source: str, names: re.Pattern[str] | None = None) -> float:
    """How close (0-100) the word, read as English letters, comes to a capitalised word of the
    source: Алден ~ Alden 100, Балкан ~ Balkans 92."""
    from rapidfuzz.fuzz import ratio

    words = {n.lower() for n in (names or _SOURCE_NAME).findall(source)}
    latin = word.lower().replace("дж", "j").translate(_AS_ENGLISH)
    return max((ratio(latin[: len(name) + 1], name) for name in words if len(name) >= 4), default=0.0)


def name_typo(word: str, lang: str, source: str, names: re.Pattern[str] | None = None) -> tuple[str, ...]:
    """A name one slip away from a transliteration of a name in the English source, when the
    word as written is clearly further from it (Лнодонның: London; Рбоерт: Robert)."""
    dictionary = speller(lang)
    if dictionary is None or is_known(word, lang, dictionary):
        return ()
    written = source_closeness(word, source, names)
    found = [
        c.capitalize() if word[:1].isupper() else c
        for c, _ in slips(word.lower(), lang)
        if (score := source_closeness(c, source, names)) >= NAME_SIMILARITY
        and score >= written + NAME_GAIN
        and not implausible(c, "ru")  # names are transliterated the Russian way in kk text too
    ]
    return tuple(dict.fromkeys(found))[:3]


# A name's consonants in order, as English and Russian/Kazakh transliteration write them alike:
# vowels, h, w, y and й dropped, doubles merged, ch/ч, sh/ш, j/дж one letter (Johnson and Джонсон
# are both "Dnsn"). A slip that swaps a consonant with its neighbour changes the order, where
# the vowels that transliteration spells freely do not matter.
_ENGLISH_SOUNDS = (
    ("sch", "S"),
    ("sh", "S"),
    ("tch", "C"),
    ("ch", "C"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("c(?=[eiy])", "s"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("j", "D"),
    ("[hwy]", ""),
    ("[aeiou]", ""),
)
_CYRILLIC_SOUNDS = str.maketrans(
    {
        **dict(zip("бвгдзклмнпрстфқғңжшчцщ", "bvgdzklmnprstfkgnDSCCS", strict=True)),
        **dict.fromkeys("аәеёиоөуұүыіэюяйһьъх", ""),
    }
)


def _english_consonants(name: str) -> str:
    name = name.lower()
    for pattern, sound in _ENGLISH_SOUNDS:
        name = re.sub(pattern, sound, name)
    return re.sub(r"(.)\1+", r"\1", name)


def _cyrillic_consonants(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word.lower().replace("дж", "ж").translate(_CYRILLIC_SOUNDS))


def skeleton_typo(word: str, lang: str, source: str) -> tuple[str, ...]:
    """A name one slip from the source's name by the order of its consonants, where the word as
    written is further from it (Джоснон: Johnson, Dsnn against Dnsn; Лоднонға: London)."""
    from rapidfuzz.distance import Indel

    names = {s for n in _SOURCE_NAME.findall(source) if len(s := _english_consonants(n)) >= 3}
    dictionary = speller(lang)
    if not names or dictionary is None or is_known(word, lang, dictionary):
        return ()

    def distance(text: str) -> tuple[int, str]:
        own = _cyrillic_consonants(text)
        return min((min(Indel.distance(own[: len(n) + k], n) for k in (0, 1)), n) for n in names)

    written, _ = distance(word)
    found = []
    for candidate, _ in slips(word.lower(), lang):
        near, name = distance(candidate)
        if near == 0 < written:
            found.append(candidate.capitalize())
    return tuple(dict.fromkeys(found))[:3]


MIN_NAME = 3
NAME_STEM = (
    70  # how close a stem comes to a source name to be that name with Kazakh endings (Остин ~ Austin 73)
)


def ending_typo(word: str, source: str) -> tuple[str, ...]:
    """A Kazakh form of a source's name whose endings a slip broke (Колорадоадн: Колорадо-дан;
    Иранад: Иран-да): with the slip undone, a stem before it close to a name of the source takes
    the rest as endings, and no stem of the word as written that takes endings comes as close. A
    word that is the name itself, whole, is no typo."""
    names = {n.lower() for n in _SOURCE_NAME.findall(source) if len(n) >= 4}
    lowered = word.lower()
    if not names or _stem_closeness(lowered, names) >= SAME_NAME:
        return ()

    def closest_stem(text: str, longest: int) -> float:
        return max(
            (
                closeness
                for k in range(longest, MIN_NAME - 1, -1)
                if (closeness := _stem_closeness(text[:k], names)) >= NAME_STEM
                and endings_follow(text[k:], text[:k])
            ),
            default=0.0,
        )

    written = closest_stem(lowered, len(lowered) - 1)
    found = [c.capitalize() for c, end in slips(lowered, "kk") if closest_stem(c, end - 2) > written]
    return tuple(dict.fromkeys(found))[:3]


def _stem_closeness(stem: str, names: set[str]) -> float:
    """How close (0-100) a whole stem, read as English letters, comes to one of the names."""
    from rapidfuzz.fuzz import ratio

    latin = stem.replace("дж", "j").translate(_AS_ENGLISH)
    return max(ratio(latin, name) for name in names)
