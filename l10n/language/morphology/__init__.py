"""Case forms of names and terms in Russian and Kazakh: ``forms`` for translators, ``inflect``
for drafts, ``is_form_of`` for the glossary check. One entry point per question, one module per
language (ru: pymorphy3; kk: suffix tables)."""

from __future__ import annotations

import re
from functools import cache

from l10n.language.morphology import kk, ru

LANGUAGES = ("ru", "kk")
CASES = {"ru": ru.CASES, "kk": kk.CASES}


def supported(lang: str) -> bool:
    return lang in CASES


def forms(text: str, lang: str) -> dict[str, str]:
    """The singular case forms of a name or term, keyed by case name in grammar order."""
    return {case: inflect(text, lang, case) for case in CASES[lang]}


def inflect(text: str, lang: str, case: str) -> str:
    return ru.inflect(text, case) if lang == "ru" else kk.inflect(text, case)


_TERM_WORD = re.compile(r"[\w-]+")


@cache
def _ru_forms(word: str) -> frozenset[str]:
    """Every form of one word of a Russian term: its case forms by our rules, and for a word the
    dictionary knows, its whole paradigm (plural included)."""
    found = {ru.inflect(word, case).lower() for case in ru.CASES}
    if word[:1].isupper():  # a name of either gender: Айнур (a man) -> Айнура
        found |= {ru.noun_by_rule(word, case, animate=True).lower() for case in ru.CASES}
    for parse in ru.analyzer().parse(word):
        if parse.is_known and parse.tag.case in ("nomn", None):  # Социалистическое -> -ого
            found |= {form.word for form in parse.lexeme}
    return frozenset(found)


def _word_matches(word: str, term_word: str, lang: str, last: bool, match_case: bool = False) -> bool:
    if match_case and word[:1].isupper() != term_word[:1].isupper():
        return False
    if word.lower() == term_word.lower():
        return True
    if lang == "ru":
        return word.lower() in _ru_forms(term_word)
    if lang == "kk":
        return last and kk.is_form_of(word, term_word)
    return word.lower().startswith(_crude_stem(term_word.lower()))


def _crude_stem(word: str) -> str:
    """Without rules for a language: the word less its likely ending."""
    return word[:-2] if len(word) > 5 else word[:-1] if len(word) > 3 else word


def contains_term(text: str, term: str, lang: str, match_case: bool = False) -> bool:
    """Whether ``text`` has ``term`` in any of its forms: "с Назарбаевым", "Назарбаевпен",
    "Алматыда" have Назарбаев and Алматы. Every word of a multi-word term, in order; quotes
    around a name do not matter (the translator's quote style is the quotes check's business).
    ``match_case``: each word's first letter in the same case as the term's (Назарбаев, not
    назарбаев)."""
    term_words = _TERM_WORD.findall(term)
    words = _TERM_WORD.findall(text)
    if not term_words:
        return True
    size = len(term_words)
    for start in range(len(words) - size + 1):
        if all(
            _word_matches(words[start + i], tw, lang, i == size - 1, match_case)
            for i, tw in enumerate(term_words)
        ):
            return True
    return False
