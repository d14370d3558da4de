"""What every check shares: a finding, the context a check reads, how a check is declared, the
patterns checks mask.

A check is declared once, as Translate Toolkit's are: ``@check("warning")`` over a function
``check_<id>`` (``_`` in the name is ``-`` in the id) that yields one message per finding; the
docstring's first line is its title and the docstring its documentation, from which the table in
docs/commands.md is generated (``scripts/check_table.py``)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from l10n.language.languages import KAZAKH_LETTERS
from l10n.model import Entry, Severity
from l10n.patterns import CODE_RE, DOMAIN, EMAIL_RE, LINK_TARGET_RE, URL_RE
from l10n.termindex import TermIndex, term_index


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str


# A word of letters, hyphenated parts included (Алма-Ата): what the spelling check looks up.
LETTER_WORD_RE = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")


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

    @cached_property
    def term_index(self) -> TermIndex:
        """The English terms, indexed once per catalog: a sentence costs one pass, not one
        search per glossary row."""
        return term_index(en for en, _ in self.terms)

    @cached_property
    def target_words(self) -> frozenset[str]:
        """Every word of the glossary's translations, lower case (known words to the spelling
        check): read once per catalog, not once per sentence."""
        return frozenset(w.lower() for _, target in self.terms for w in LETTER_WORD_RE.findall(target))

    @cached_property
    def term_targets(self) -> dict[str, str]:
        return dict(self.terms)

    @property
    def base(self) -> str:
        """The language without its script: kk for kk_Latn."""
        return self.lang.split("_")[0]


@dataclass(frozen=True)
class Declared:
    """What a check is, declared once: its id (``ignore-<id>`` silences it), its severity, and its
    documentation (title: the first line; details: the paragraph after it)."""

    id: str
    severity: Severity
    doc: str
    lesser: str = ""  # an error check some of whose findings are warnings: which ones

    @property
    def title(self) -> str:
        return self.doc.split("\n", 1)[0]

    @property
    def details(self) -> str:
        paragraphs = self.doc.split("\n\n")
        return " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else ""

    def finding(self, message: str) -> Finding:
        return Finding(self.id, self.severity, message)


class Minor(str):
    """A message of an error check that is a warning (the check declares ``lesser``)."""

    __slots__ = ()


Finder = Callable[[Entry, CheckContext], Iterable[str]]


@dataclass(frozen=True)
class Check(Declared):
    """A declared check on one entry: called as (entry, context), it yields Findings."""

    find: Finder = field(kw_only=True, repr=False)

    def __call__(self, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        for message in self.find(entry, ctx):
            severity: Severity = "warning" if isinstance(message, Minor) else self.severity
            yield Finding(self.id, severity, message)


def check(severity: Severity, lesser: str = "") -> Callable[[Finder], Check]:
    """Declare ``check_<id>``: its severity here, its title and documentation in its docstring."""

    def declare(find: Finder) -> Check:
        name = find.__name__.removeprefix("check_").replace("_", "-")
        return Check(name, severity, inspect.cleandoc(find.__doc__ or ""), lesser, find=find)

    return declare


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
