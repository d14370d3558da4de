"""What every check shares: a finding, the context a check reads, the patterns checks mask."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from l10n.languages import KAZAKH_LETTERS
from l10n.model import Entry, Severity
from l10n.patterns import CODE_RE, DOMAIN, EMAIL_RE, LINK_TARGET_RE, URL_RE


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class CheckContext:
    lang: str
    terms: tuple[tuple[str, str], ...] = ()  # (English term, required translation)
    keep: frozenset[str] = frozenset()  # do-not-translate terms (kept in English)
    words: frozenset[str] = frozenset()  # the workspace's word list (dictionary/<lang>.txt), lower case
    vocabulary: Mapping[str, int] = field(default_factory=dict)  # the catalog's words and their counts
    stems: Mapping[str, int] = field(default_factory=dict)  # kk: stems of the catalog's words, counted
    source_words: frozenset[str] = frozenset()  # Latin words of the catalog's sources, lower case
    spelled_out: frozenset[str] = frozenset()  # acronyms a source of the catalog writes out in words

    @property
    def base(self) -> str:
        """The language without its script: kk for kk_Latn."""
        return self.lang.split("_")[0]


Check = Callable[[Entry, CheckContext], Iterable[Finding]]

KAZAKH = frozenset(KAZAKH_LETTERS + KAZAKH_LETTERS.upper())
CYRILLIC_LANGS = frozenset({"ru", "kk", "uk", "be", "bg", "sr", "mk", "ky", "tg", "mn"})
PLACEHOLDER_RE = re.compile(r"ZXQ\d+|%(?:\d+\$)?[sdif]|\{\w*\}")
WORD_RE = re.compile(r"\w+")
_DOMAIN_RE = re.compile(DOMAIN)


@lru_cache(maxsize=256)  # several checks read the same translation
def masked_for_words(text: str) -> str:
    """The text with URLs, addresses, domains, code, link targets and placeholders blanked: what
    is left are the words a reader reads."""
    for pattern in (URL_RE, EMAIL_RE, _DOMAIN_RE, CODE_RE, LINK_TARGET_RE, PLACEHOLDER_RE):
        text = pattern.sub(" ", text)
    return text


def is_cyrillic_language(lang: str) -> bool:
    return lang.split("_")[0] in CYRILLIC_LANGS and "Latn" not in lang
