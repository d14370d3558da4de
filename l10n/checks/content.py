"""Checks on what a translation says, against its source: numbers, protected spans, copies of the
English, the wrong language or script, acronyms, glossary terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from l10n.checks.base import (
    KAZAKH,
    PLACEHOLDER_RE,
    WORD_RE,
    CheckContext,
    Minor,
    check,
    is_cyrillic_language,
    masked_for_words,
)
from l10n.language import acronyms
from l10n.language.languages import CYRILLIC_LOWER, CYRILLIC_UPPER
from l10n.language.morphology import contains_term
from l10n.language.numbers import read_numbers
from l10n.model import Entry
from l10n.patterns import CODE_RE, EMAIL_RE, LINK_TARGET_RE, URL_RE


@check("error", lesser="warning for an extra number")
def check_numbers(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A number the source gives in digits is missing or changed.

    Values are normalised ("100,000" = "100 000", "3.5" = "3,5"); a scale word multiplies ("£2.8bn" =
    "2,8 млрд", "400 thousand" = "400 тыс." = "400 мың"); clock times compare in 24 hours ("10:08
    p.m." = "22:08", "1200 GMT" = "12:00", "10:00-11:00 pm" = "с 22:00 до 23:00"; a score "26 - 00"
    = "26:0"); a standard's name is one token ("802.11n"); numbers in words and ordinals, in any
    case form, and Roman numerals count ("48" = "сорока восьми" = "қырық сегіз", "70th" =
    "семидесятой" = "жетпісінші", "17th century" = "XVII век"); numbers before imperial units may
    be converted (550 pounds = 250 кг). An extra number not in the source is a warning.

    A number the source gives in digits must be in the translation, in digits or words
    (48 = "сорока восьми", 70th = "семидесятой", 3,000 = "3 тыс.", 10:08 p.m. = 22:08, 17th
    century = XVII век); a number in the translation that the source does not state is a
    warning. Numbers before imperial units may be converted (550 pounds = 250 кг).
    """
    source = read_numbers(entry.msgid, "en")
    target = read_numbers(entry.msgstr, ctx.base)
    if source.digits == target.digits:
        return
    missing = sorted(
        n
        for n, count in source.digits.items()
        if n not in source.convertible and target.digits[n] < count and n not in target.words
    )
    if missing:
        yield f"number {', '.join(missing)} of the source is missing or changed"
        return
    extra = sorted(
        n
        for n, count in target.digits.items()
        if count > source.digits[n] and n.strip("0.") and not source.convertible and n not in source.words
    )
    if extra:
        yield Minor(f"number {', '.join(extra)} is not in the source")


@check("error")
def check_protected(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A URL, e-mail address, placeholder, inline code or Markdown link target is missing or changed."""
    for kind, pattern in (
        ("URL", URL_RE),
        ("e-mail address", EMAIL_RE),
        ("placeholder", PLACEHOLDER_RE),
        ("inline code", CODE_RE),
    ):
        for item in sorted({m.group(0) for m in pattern.finditer(entry.msgid)}):
            if item not in entry.msgstr:
                yield f"{kind} {item} is missing or changed"
    for target in sorted(set(LINK_TARGET_RE.findall(entry.msgid))):
        if target not in LINK_TARGET_RE.findall(entry.msgstr) and not LINK_TARGET_RE.search(entry.msgstr):
            yield f"link target {target} is missing"


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@check("error")
def check_untranslated(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """The translation is the English source.

    msgstr identical to msgid; not for do-not-translate terms, one-word names or numbers.
    """
    copied = entry.msgstr == entry.msgid and _has_letters(entry.msgid) and entry.msgid not in ctx.keep
    # One capitalised word (a name) may stay as it is.
    if copied and (len(WORD_RE.findall(entry.msgid)) > 1 or not entry.msgid[:1].isupper()):
        yield "the translation is the English source"


_LATIN_WORD = re.compile(r"(?<![\w@/.-])[A-Za-z][A-Za-z'’-]*[A-Za-z](?![\w@/])")
_ROMAN = re.compile(r"^[MDCLXVI]+$")
# Units and symbols Russian and Kazakh texts write in Latin letters.
_UNITS = frozenset(
    "km kg mg cm mm ml kW kWh MW MWh GW GB MB KB TB Gbit Mbit Mbps Hz kHz MHz GHz dB pH ppm CO2 CO".split()
)


@check("warning")
def check_latin(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """Latin-script words left in a Cyrillic translation.

    Names and titles the article's English has (in this sentence or another), kept with their
    capitals, are fine ("Apple", "BBC Radio 4", "Marks and Spencer"), as are Roman numerals, units
    (km, MW) and do-not-translate terms; an English word left in lower case ("признан not guilty") is
    not.

    Latin-script words left in a Cyrillic translation. Fine: names and titles the article's
    source has too, kept with their capitals (Apple, BBC, The Telegraph: in this sentence or
    another), Roman numerals, units and do-not-translate terms. An English word left in lower
    case ("признан not guilty") is reported even though the source has it.
    """
    if (
        not is_cyrillic_language(ctx.lang)
        or entry.msgstr == entry.msgid
        or not _ANY_LATIN.search(entry.msgstr)
    ):
        return
    names = _Names({w.lower() for w in re.findall(r"[A-Za-z]+", entry.msgid)}, ctx.source_words)
    keep = _keep_words(ctx.keep)
    words = []
    for run in _LATIN_RUN.findall(masked_for_words(entry.msgstr)):
        found = _LATIN_WORD.findall(run)
        kept = {w for w in found if _kept(w, names, keep)}
        in_title = any(not w.islower() for w in kept)
        words += [
            w
            for w in found
            if w not in kept
            and not _ROMAN.match(w)
            and w not in _UNITS
            and not (in_title and w.lower() in names)  # "Marks and Spencer", "Tower of London"
        ]
    if words:
        listed = ", ".join(dict.fromkeys(words))
        yield f"Latin-script word(s) left in the translation: {listed}"


_ANY_LATIN = re.compile(r"[A-Za-z]{2}")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’&.-]*(?:\s+[A-Za-z][A-Za-z'’&.-]*)*")


_JOINERS = frozenset("'’-")


@dataclass(frozen=True)
class _Names:
    """The Latin words of a sentence's source and of its catalog's sources (not copied into one
    set per entry: the catalog's can be large)."""

    sentence: set[str]
    catalog: frozenset[str]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        # the source's plural or possessive of a name: "iPods" keeps "iPod"
        return any(form in self.sentence or form in self.catalog for form in (word, word + "s"))


@lru_cache(maxsize=16)
def _keep_words(terms: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower() for term in terms for w in re.findall(r"[A-Za-z]+", term))


def _kept(word: str, names: _Names, keep: frozenset[str]) -> bool:
    """A Latin word a translation may keep: a do-not-translate term's, or a name of the source
    written with a capital (every part of "Sainsbury's", "Wi-Fi"; "Wi-Fi" for the source's "WiFi")."""
    if not _JOINERS & set(word):
        lowered = word.lower()
        return lowered in keep or (lowered != word and lowered in names)
    parts = [p.lower() for p in re.split(r"['’-]", word) if p]
    if all(p in keep for p in parts):
        return True
    return not word.islower() and (all(p in names or len(p) == 1 for p in parts) or "".join(parts) in names)


_LATIN_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]?[A-Z]{1,3}(?![\w-])")


_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


@check("warning")
def check_romanised_acronym(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A Russian or Kazakh acronym left in its English romanisation (KNB, KGB, MVD, FSB).

    Russian and Kazakh write it in Cyrillic (КНБ; Kazakh ҰҚК): known from the table of such acronyms
    (l10n/language/acronyms.py) or because another entry of the catalog writes its Cyrillic reading.
    An English acronym kept in Latin (BBC, CNN, NATO) is the house's choice, not this finding.
    """
    if not is_cyrillic_language(ctx.lang) or entry.msgstr == entry.msgid:
        return
    for latin in dict.fromkeys(_LATIN_ACRONYM.findall(masked_for_words(entry.msgstr))):
        if latin in acronyms.EQUIVALENTS or _ROMAN_NUMERAL.fullmatch(latin):  # XX век: a numeral
            continue
        reading = acronyms.cyrillic_reading(latin, ctx.base)
        if latin in acronyms.ROMANISED or ctx.vocabulary.get(reading, 0):
            yield f"{latin} is written {reading} in Cyrillic text"


# From a word's start only: "\w*[Cyrillic]" tried at every position of a long Latin run is
# quadratic (a 40,000-letter code took 6 s).
_CYRILLIC_WORD = re.compile(r"(?<!\w)\w*?[\u0400-\u04ff]\w*")


@check("error")
def check_language(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """The translation is in the wrong language: Russian for Kazakh, or Kazakh for Russian.

    A kk translation of 6+ Cyrillic words with no Kazakh letter (ә ғ қ ң ө ұ ү һ і) is probably
    Russian; an ru one with them is probably Kazakh.

    kk text needs Kazakh letters (ә ғ қ ң ө ұ ү һ і) over a long sentence; ru text has none.
    """
    letters = set(entry.msgstr)
    if ctx.lang == "kk" and not letters & KAZAKH and len(_CYRILLIC_WORD.findall(entry.msgstr)) >= 6:
        yield "no Kazakh letters (ә ғ қ ң ө ұ ү һ і): this looks like Russian, not Kazakh"
    if ctx.lang == "ru" and letters & KAZAKH:
        yield f"Kazakh letters ({''.join(sorted(letters & KAZAKH))}) in a Russian translation"


# An acronym or code; a hyphenated one is one code (COVID-19, KSWB-TV, F-16 is not: one letter).
# An acronym or code, hyphenated codes whole (KSWB-TV, COVID-19), and one that leads an English
# compound (PNG-registered, BBC-funded: the translation still names it).
ACRONYM_RE = re.compile(
    r"(?<![\w-])(?=[A-Z0-9]*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)?(?!\w|-[A-Z0-9]))"
    r"[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]+)?(?!\w|-[A-Z0-9])"
)
_CYRILLIC_ACRONYM = re.compile(rf"(?<![\w-])[{CYRILLIC_UPPER}]{{2,}}(?![{CYRILLIC_LOWER}])")
_BRACKETED_ACRONYM = re.compile(r"\([^()]*(?<![\w-])[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,}")
_SPELLED_LETTERS = re.compile(r"(?i)\b[а-яё]{1,3}(?:-[а-яё]{1,3}){1,4}\b")  # Би-би-си
# Acronyms that Russian and Kazakh translate into words (UK -> Великобритания, TV -> теле-,
# PM -> премьер-министр) or drop as redundant (time zones): never required in a translation.
USUALLY_TRANSLATED = frozenset(
    """UK US USA EU UN TV PM AM PM MP MPs AMs HQ BST GMT EST PST CET UTC AI CEO CFO GOP NY LA DC
    HIV AIDS LED STEM PR IT ID OK DJ DIY FAQ VIP IQ GP NHS""".split()
)


@check("warning")
def check_acronym(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """An acronym or code of the source (AVRS, A320, PNG in PNG-registered) is not in the translation.

    Neither kept, nor its Russian or Kazakh equivalent (GDP = ВВП, ЖІӨ: l10n/language/acronyms.py),
    nor another Cyrillic acronym (ООН, ҰҚК; not one of words such as США, АЭС) or one spelled out
    (Би-би-си); one the source gives in parentheses needs one in the translation's. Fine without
    it: acronyms translations render as words (UK, TV, PM, time zones), and one the source writes
    out in words, in this sentence or another of the article ("National Security Agency (NSA)").
    """
    if not is_cyrillic_language(ctx.lang):
        return
    source = [a for a in ACRONYM_RE.findall(entry.msgid) if a not in USUALLY_TRANSLATED and not a.isdigit()]
    if not source or entry.msgstr == entry.msgid:
        return
    target = entry.msgstr
    missing = [
        a
        for a in dict.fromkeys(source)
        if not any(re.search(rf"(?<![\w-]){re.escape(part)}", target) for part in _code_parts(a))
        and not acronyms.has_equivalent(a, target)
        and a not in ctx.spelled_out
        and not acronyms.spelled_out(a, entry.msgid)
    ]
    # One the source introduces in parentheses, "(UNRWA)", needs one in the translation's.
    bracketed = [a for a in missing if f"({a})" in entry.msgid and not _BRACKETED_ACRONYM.search(target)]
    if bracketed:
        yield f"acronym {', '.join(bracketed)} of the source is not in the translation"
        return
    # A Cyrillic acronym may stand in for one of the source's, unless it is a common abbreviation
    # of words (АЭС for "nuclear power plant", США for "United States").
    cyrillic = [a for a in _CYRILLIC_ACRONYM.findall(target) if a not in acronyms.WORD_ABBREVIATIONS]
    stand_ins = len(cyrillic) + len(_SPELLED_LETTERS.findall(target))
    kept = len(set(source)) - len(missing)
    if missing and kept + stand_ins < len(set(source)):
        yield f"acronym {', '.join(missing)} of the source is not in the translation"


def _code_parts(code: str) -> list[str]:
    """What of a code a translation keeps: all of it, or a hyphenated code's letters (KSWB for
    KSWB-TV, COVID for COVID-19)."""
    parts = [code]
    if "-" in code:
        parts += [p for p in code.split("-") if len(p) > 1 and not p.isdigit()]
    return parts


def spelled_out_acronyms(sources: Iterable[str]) -> frozenset[str]:
    """The acronyms these sources write out in words somewhere ("Ministry of Economy, Trade and
    Industry (METI)"): a later sentence's bare "METI" may be translated by the words too."""
    return frozenset(
        a for source in sources for a in set(ACRONYM_RE.findall(source)) if acronyms.spelled_out(a, source)
    )


def _missed_terms(entry: Entry, ctx: CheckContext) -> Iterator[tuple[str, str, bool]]:
    """(English term, required translation, found but in lower case) for each glossary term of the
    source whose translation is not in the translation as the glossary writes it. The source's
    terms come from the glossary's index: one pass over the sentence, however many rows."""
    for english in ctx.term_index.present(entry.msgid):
        target = ctx.term_targets[english]
        if contains_term(entry.msgstr, target, ctx.lang, match_case=target[:1].isupper()):
            continue
        yield english, target, contains_term(entry.msgstr, target, ctx.lang)


@check("warning")
def check_glossary(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A glossary term of the source whose translation is not used, in any case form.

    "с Назарбаевым", "режим Назарбаева", "Назарбаевпен", "Алматыда" count; another name in its place
    does not (see `l10n glossary forms`).
    """
    for english, target, lower_case in _missed_terms(entry, ctx):
        if not lower_case:
            yield f"'{english}' should be translated as '{target}'"


@check("warning")
def check_name_case(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A glossary name written in lower case ("назарбаев")."""
    for _, target, lower_case in _missed_terms(entry, ctx):
        if lower_case:
            yield f"'{target}' is a name: write it with a capital letter"
