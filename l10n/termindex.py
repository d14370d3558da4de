"""Glossary terms found in a text in one pass, however many there are. Pure.

A term is found as a whole word: not preceded or followed by a letter, digit, underscore or
hyphen ("Astana" in "Astana's", not in "pro-Astana" or "Astanaville"). One regular expression per
term per sentence made a 20,000-row glossary cost minutes (issue 29); here terms are indexed by
their first word, so a text costs one dictionary look-up per word of it, plus a comparison for
each term that begins with that word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

_WORD = re.compile(r"\w+")


def _pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def _free_after(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end] == "-" or _WORD.match(text, end))


class TermIndex:
    """Terms by their first word. ``rank``: longest first, then in the order given (the order
    in which overlapping terms win)."""

    def __init__(self, terms: Iterable[str], targets: Mapping[str, str] | None = None) -> None:
        self.targets: Mapping[str, str] = targets or {}
        unique = dict.fromkeys(t for t in terms if t)
        self.terms: tuple[str, ...] = tuple(sorted(unique, key=len, reverse=True))
        self._by_first: dict[str, list[tuple[int, str]]] = {}
        self._others: list[tuple[int, re.Pattern[str]]] = []  # terms that begin with no word character
        for rank, term in enumerate(self.terms):
            first = _WORD.match(term)
            if first:
                self._by_first.setdefault(first.group(0), []).append((rank, term))
            else:
                self._others.append((rank, _pattern(term)))

    @classmethod
    def of_pairs(cls, pairs: Sequence[tuple[str, str]]) -> TermIndex:
        """From (English term, required translation) pairs, as Glossary.for_language gives them."""
        return cls((en for en, _ in pairs), dict(pairs))

    def __len__(self) -> int:
        return len(self.terms)

    def target(self, term: str) -> str:
        """The term's required translation (the term itself when none was given)."""
        return self.targets.get(term, term)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """Every whole-word occurrence of every term: (rank, start, end), overlaps included."""
        found: list[tuple[int, int, int]] = []
        by_first = self._by_first
        for word in _WORD.finditer(text):
            candidates = by_first.get(word.group(0))
            if candidates is None:
                continue
            start = word.start()
            if start and text[start - 1] == "-":
                continue
            for rank, term in candidates:
                end = start + len(term)
                if text.startswith(term, start) and _free_after(text, end):
                    found.append((rank, start, end))
        for rank, pattern in self._others:
            found += [(rank, m.start(), m.end()) for m in pattern.finditer(text)]
        return found

    def present(self, text: str) -> list[str]:
        """The terms that occur in ``text`` (overlapping ones too), longest first."""
        return [self.terms[rank] for rank in sorted({rank for rank, _, _ in self.matches(text)})]

    def find(self, text: str, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
        """The terms in ``text`` as (start, end, term), in text order: a longer term wins over a
        shorter one it overlaps, an earlier one over a later, and none overlaps ``taken``."""
        spans = list(taken)
        chosen: list[tuple[int, int, str]] = []
        for rank, start, end in sorted(self.matches(text)):
            if any(a < end and start < b for a, b in spans):
                continue
            spans.append((start, end))
            chosen.append((start, end, self.terms[rank]))
        return sorted(chosen)


@lru_cache(maxsize=16)
def _cached(terms: tuple[str, ...]) -> TermIndex:
    return TermIndex(terms)


@lru_cache(maxsize=16)
def _cached_pairs(pairs: tuple[tuple[str, str], ...]) -> TermIndex:
    return TermIndex.of_pairs(pairs)


def pairs_index(pairs: Sequence[tuple[str, str]]) -> TermIndex:
    """An index of (term, target) pairs, built once for the same glossary and language: an
    archive's catalogs all ask it."""
    return _cached_pairs(tuple(pairs))


def term_index(terms: Iterable[str] | TermIndex) -> TermIndex:
    """An index of ``terms``, built once for the same terms (a glossary is read once per run and
    asked about every sentence)."""
    if isinstance(terms, TermIndex):
        return terms
    return _cached(tuple(terms))
