"""The spelling check: a word the language does not know that is one slip (two letters swapped,
a letter doubled) away from a word it does, or from a word the same catalog spells otherwise
("Асасмблея" where other entries have "Ассамблея").

Why only slips, not every unknown word with a Hunspell suggestion: measured on professional
news (scripts/eval_checks.py), Hunspell's suggestions flagged 7% of Russian and 20% of Kazakh
entries, nearly all of them words the dictionaries lack (аутлеты, фейковых, гендерного, омикрон)
and names; a word one swap away from a known word is nearly always a typo.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from l10n.checks.base import LETTER_WORD_RE, CheckContext, check, masked_for_words
from l10n.checks.names import (
    ANY_WORD,
    NAME_SIMILARITY,
    SAME_NAME,
    ending_typo,
    latin_typos,
    name_typo,
    skeleton_typo,
    slips,
    source_closeness,
)
from l10n.language.hunspell import (
    Hunspell,
    endings_follow,
    implausible,
    is_known,
    is_loanword,
    known_prefix,
    speller,
    word_list,
)
from l10n.language.languages import CYRILLIC_LOWER
from l10n.language.morphology import kk
from l10n.model import Entry

WORD_RE = LETTER_WORD_RE
_CYRILLIC = re.compile(rf"^[{CYRILLIC_LOWER}-]+$", re.IGNORECASE)
MIN_LENGTH = 4  # shorter words: too many real words one slip apart to call a slip a typo
MAX_LENGTH = 40  # longer "words" are not language (and each letter would cost a lookup)
# A Kazakh correction's dictionary stem may be a 3-letter verb root (біл-, жет-, шық-): its
# endings must agree with the sounds before them (hunspell.kazakh_stems), which a slip rarely keeps.
MIN_KAZAKH_STEM = 3


# What may stand between a sentence's start and its first word: quotes, brackets, dashes.
_OPENERS = frozenset(" \t\n\u00a0«\"“„'(—–-")


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of a sentence (read backwards, so a long
    text costs no more than a short one)."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or (text[i - 1] in ".!?…" and i < start)


def _candidates(entry: Entry, ctx: CheckContext) -> Iterable[tuple[str, bool]]:
    """Words worth looking up, and whether each starts a sentence: Cyrillic, 4+ letters, not
    an abbreviation, not in the source or the glossary's translations, not in the workspace's
    word list."""
    text = masked_for_words(entry.msgstr)
    in_source = {w.lower() for w in WORD_RE.findall(entry.msgid)}
    glossary = ctx.target_words
    for match in WORD_RE.finditer(text):
        for word, start in _parts(match.group(0), match.start(), ctx.base):
            if (
                not MIN_LENGTH <= len(word) <= MAX_LENGTH
                or not _CYRILLIC.match(word)
                or not word[1:].islower()
            ):
                continue
            lowered = word.lower()
            if lowered in in_source or lowered in glossary or _in_word_list(lowered, ctx.base, ctx.words):
                continue
            yield word, _starts_sentence(text, start)


def _parts(word: str, start: int, lang: str) -> list[tuple[str, int]]:
    """The word, or in Kazakh each part of a hyphenated word: Kazakh joins whole words (сондай-ақ,
    қарама-қарсы, Нью-Йорктегі), where Russian's first parts are combining forms (каштаново-)."""
    if lang != "kk" or "-" not in word:
        return [(word, start)]
    parts, at = [], start
    for part in word.split("-"):
        parts.append((part, at))
        at += len(part) + 1
    return parts


def _in_word_list(lowered: str, lang: str, words: frozenset[str]) -> bool:
    if not words:
        return False
    return lowered in words or (lang == "kk" and any(stem in words for stem in kk.stems(lowered)))


@cache
def dictionary_typo(word: str, lang: str) -> tuple[str, ...]:
    """Up to three corrections when the dictionary says the word is a slip; () when it is a word
    or not close to one. A capitalised word (a name as often as a sentence's first word) needs a
    correction whose dictionary stem covers the slip."""
    dictionary = speller(lang)
    if dictionary is None:
        return ()
    last = word.rsplit("-", 1)[-1]  # a compound's first parts are combining forms (каштаново-)
    if dictionary.spell(word) or dictionary.spell(word.lower()):
        return ()
    if last != word:
        return (
            () if len(last) < MIN_LENGTH or is_known(last, lang, dictionary) else dictionary_typo(last, lang)
        )
    if lang == "kk":
        return _kazakh_typo(word, dictionary)
    if word[:1].isupper():  # a name as often as a sentence's first word: swaps into a plain word
        found = [
            c.capitalize()
            for c, end in slips(word.lower(), lang)
            if end <= len(word) - 1
            and (dictionary.spell(c) or dictionary.spell(c.capitalize()))
            and not _is_doubling(word, c)
        ]
        return tuple(dict.fromkeys(found))[:3]
    # A lower-case word: a slip whose correction a dictionary stem explains further than it
    # explains the word, the stem covering the slip.
    explained = known_prefix(word, lang, dictionary)
    found = [
        c
        for c, end in slips(word, lang)
        if (stem := known_prefix(c, lang, dictionary)) >= max(end, MIN_LENGTH) and stem >= explained + 2
    ]
    return tuple(dict.fromkeys(found))[:3]


def _kazakh_typo(word: str, dictionary: Hunspell) -> tuple[str, ...]:
    """Kazakh, whose dictionary is too thin to call every unknown form a typo. A slip's
    correction must have no letter sequence Kazakh spelling lacks, and one of:
    - the word has one (алаңдағнаын: "ғна", "наы") and the correction is a known form;
    - the word is no known form, and a dictionary stem of 4+ letters, two longer than any in
      the word, explains the correction (шақрыды: шақ-?; шақырды: шақыр-ды);
    - the word is no known form, not even as a Russian loanword, and the correction is a
      loanword with Kazakh endings (тренреі; тренер-і);
    - the word is in neither kk_KZ nor the Kazakh word list, and the correction is in the list
      (_attested_slips)."""
    lowered = word.lower()
    odd = implausible(lowered, "kk")
    # A capitalised word is often a foreign name: only its odd letters make it a typo.
    unknown = not is_known(lowered, "kk", dictionary) and not word[:1].isupper()
    explained = known_prefix(lowered, "kk", dictionary)
    unknown_loan = unknown and not is_loanword(lowered)
    listed = _attested_slips(word, dictionary)
    found = []
    for candidate, _ in slips(lowered, "kk"):
        if implausible(candidate, "kk"):
            continue
        if candidate in listed:
            found.append(candidate.capitalize() if word[:1].isupper() else candidate)
            continue
        known = is_known(candidate, "kk", dictionary)
        stem = known_prefix(candidate, "kk", dictionary) if known else 0
        if (known and (odd or (unknown and stem >= max(MIN_KAZAKH_STEM, explained + 2)))) or (
            unknown_loan and is_loanword(candidate)
        ):
            found.append(candidate.capitalize() if word[:1].isupper() else candidate)
    if not found and unknown_loan and odd:
        found = _broken_endings(lowered)
    return tuple(dict.fromkeys(found))[:3]


def _attested_slips(word: str, dictionary: Hunspell) -> frozenset[str]:
    """The Kazakh word list, as corrections: a lower-case word that neither kk_KZ nor the list
    has, even when the suffix tables explain it, is a typo when a slip undone gives a listed form
    (ақтаратыны: атқаратыны; біренше: бірнеше). Empty for a listed or dictionary word, and for a
    capitalised one (a foreign name as often as not)."""
    lowered = word.lower()
    if word[:1].isupper() or dictionary.spell(lowered):
        return frozenset()
    listed = word_list("kk")
    return frozenset() if lowered in listed else listed


def _broken_endings(word: str) -> list[str]:
    """Corrections of an odd word the dictionary cannot explain (its stem is not there) whose
    slip is in its endings: undone, the letters before the slip take the rest as endings; as
    written, they take none (жатқызылыд: жатқызыл-ды; ұйыдмастырылу stays: its slip is in the
    stem)."""

    def takes_endings(text: str, before_slip: int, shortest: int) -> bool:
        return any(
            endings_follow(text[k:], text[:k])
            for k in range(MIN_KAZAKH_STEM, before_slip + 1)
            if len(text) - k >= shortest
        )

    return [
        c
        for c, end in slips(word, "kk")
        if not implausible(c, "kk") and takes_endings(c, end - 2, 2) and not takes_endings(word, end - 2, 1)
    ]


def _is_doubling(word: str, candidate: str) -> bool:
    """Whether the candidate only drops a doubled letter (Ларри -> Лари): names double freely."""
    return len(candidate) < len(word)


def vocabulary_typo(
    word: str, lang: str, vocabulary: Mapping[str, int], stems: Mapping[str, int]
) -> tuple[str, ...]:
    """Corrections the catalog itself spells: a word seen once whose slip-free form other
    entries use (names are where dictionaries fail and typos hurt most). In Kazakh the other
    entries may have the name in another case: a stem of 5+ letters that covers the slip and
    that other words of the catalog have (Шотландиняы; Шотландия-да elsewhere)."""
    dictionary = speller(lang)
    if dictionary is None or dictionary.spell(word) or dictionary.spell(word.lower()):
        return ()
    lowered = word.lower()
    undone = slips(lowered, lang)
    found = [c for c, _ in undone if vocabulary.get(c, 0) or vocabulary.get(c.capitalize(), 0)]
    if is_known(word, lang, dictionary):  # a Kazakh form the tables explain: only an exact twin
        found = [c for c in found if is_known(c, lang, dictionary)]
    elif lang == "kk" and not found:
        own = set(_name_stems(lowered))
        if not any(stems.get(s, 0) > 1 for s in own):  # the word's own stem is nowhere else
            found = [
                c
                for c, end in undone
                if any(len(s) >= end and stems.get(s, 0) > (s in own) for s in _name_stems(c))
            ]
    return tuple(c.capitalize() if word[:1].isupper() else c for c in dict.fromkeys(found))[:3]


MIN_NAME_STEM = 5
MIN_TITLE_STEM = 5  # a capitalised common word's stem (президент-і, палата-сында)


def _stem_length(word: str) -> int:
    dictionary = speller("kk")
    return 0 if dictionary is None else known_prefix(word, "kk", dictionary)


def _spelt_elsewhere(word: str, ctx: CheckContext) -> int:
    """In how many of the catalog's words a correction is spelt: as it is, or (Kazakh) by its
    name's stem in other forms."""
    lowered = word.lower()
    forms = ctx.vocabulary.get(word, 0) + ctx.vocabulary.get(lowered, 0)
    return max([forms, *(ctx.stems.get(s, 0) for s in _name_stems(lowered))]) if ctx.base == "kk" else forms


def _name_stems(word: str) -> list[str]:
    return [s for s in kk.stems(word) if len(s) >= MIN_NAME_STEM]


class StemCounts(Mapping[str, int]):
    """In how many of a catalog's distinct words each Kazakh stem of 5+ letters occurs, counted
    the first time a suspect word asks (most catalogs have none)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = words
        self._counts: Counter[str] | None = None

    def _get(self) -> Counter[str]:
        if self._counts is None:
            self._counts = Counter(s for w in {w.lower() for w in self._words} for s in set(_name_stems(w)))
        return self._counts

    def __getitem__(self, stem: str) -> int:
        return self._get()[stem]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


@check("warning")
def check_spelling(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A likely typo in ru or kk, with up to three suggestions.

    A word Hunspell does not know that is one slip (two letters swapped, a letter doubled) from one
    it knows, or from a word the same catalog spells otherwise, or from a name of the English source
    (by its letters, by the order of its consonants, or with its Kazakh endings: Колорадоадн); a word
    kept in Latin one slip from a word of the sources (Gaurdian). Kazakh forms count by their stems
    when their endings agree with the sounds before them (the dictionary lacks a quarter of Kazakh
    news words; пікір-ні is no form, пікір-ді is), with letter statistics and Russian loanwords to
    tell a typo from a rare word; a Kazakh word no dictionary knows is a typo when one slip turns
    it into a form of Tesseract's Kazakh word list (installed by scripts/setup). Never reported:
    words of the source, glossary terms, and the words of `dictionary/<lang>.txt` in the workspace
    (one per line, `#` comments; commit it with the workspace).

    Likely typos in ru and kk (Hunspell; Kazakh words by their stems, l10n.language.hunspell); words
    of the source, glossary terms and the workspace's dictionary/<lang>.txt are never reported.
    """
    if "Latn" in ctx.lang or entry.msgstr == entry.msgid or speller(ctx.base) is None:
        return
    typos: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    for word, initial in _candidates(entry, ctx):
        if word in seen or ctx.vocabulary.get(word, 0) > 1:
            continue  # looked at already, or spelt so twice in one catalog: meant
        seen.add(word)
        corrections = typo_corrections(word, initial, entry.msgid, ctx)
        if corrections:
            typos[word] = corrections
    typos.update(latin_typos(entry.msgid, masked_for_words(entry.msgstr), ctx.source_words))
    for word, corrections in typos.items():
        yield f"'{word}' may be a typo (did you mean: {', '.join(corrections)}?)"


def typo_corrections(word: str, initial: bool, source: str, ctx: CheckContext) -> tuple[str, ...]:
    """Corrections when the word looks like a slip, by the strongest evidence first: the
    source's names, the catalog's own words, the dictionary."""
    if word[:1].isupper():
        if corrections := (
            name_typo(word, ctx.base, source)
            or skeleton_typo(word, ctx.base, source)
            or (ending_typo(word, source) if ctx.base == "kk" else ())
        ):
            return corrections
        if source_closeness(word, source) >= SAME_NAME:
            # The source's own name, transliterated (Алден: Alden), unless the catalog spells it
            # otherwise in two other places (Аклифорнияда; Калифорния, Калифорнияда): once each,
            # either could be the slip.
            corrections = vocabulary_typo(word, ctx.base, ctx.vocabulary, ctx.stems)
            return tuple(c for c in corrections if _spelt_elsewhere(c, ctx) >= 2)
    corrections = vocabulary_typo(word, ctx.base, ctx.vocabulary, ctx.stems)
    if not corrections and word[:1].isupper() and ctx.base == "kk":
        # The first word of a sentence is as often a common word as a name; so is a title's
        # (АҚШ Президенті) when it is far from every name of the source and one slip from a
        # common word of a long stem.
        common = dictionary_typo(word.lower(), ctx.base)
        if not initial:
            far = source_closeness(word, source) < NAME_SIMILARITY
            common = tuple(c for c in common if far and _stem_length(c) >= MIN_TITLE_STEM)
        corrections = tuple(c.capitalize() for c in common)
    # A loanword the dictionary lacks may still be the source's word transliterated (логистика).
    return corrections or dictionary_typo(word, ctx.base) or name_typo(word, ctx.base, source, ANY_WORD)


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """How often a catalog's translations use each word: the catalog's own spelling of its names
    and terms."""
    return Counter(word for text in texts for word in WORD_RE.findall(text))
