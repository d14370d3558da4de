"""Acronyms across English, Russian and Kazakh: the equivalents a translation may use for a
common English acronym (GDP = ВВП = ЖІӨ), the Cyrillic reading of a romanised Russian or Kazakh
acronym (KNB = КНБ), and whether a source spells an acronym out ("National Security Agency (NSA)").
Pure data and functions; the acronym and Latin checks read them.

The equivalents are the abbreviations the organisations and terms go by in Russian and Kazakh, as
the Russian and Kazakh Wikipedia articles on each give them in their first line (ru.wikipedia.org,
kk.wikipedia.org; e.g. "Валовой внутренний продукт (ВВП)", "Жалпы ішкі өнім (ЖІӨ)"), with the
stems of the words a translator writes instead of the abbreviation.
"""

from __future__ import annotations

import re

# English acronym -> what a Russian or Kazakh translation may write instead: abbreviations and the
# starts of the words that spell them out (lower case; matched at the start of a word).
EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "GDP": ("ВВП", "ЖІӨ", "валов", "жалпы ішкі"),
    "GNP": ("ВНП", "ЖҰӨ", "валов"),
    "NATO": ("НАТО", "североатлант", "солтүстік атлант"),
    "WHO": ("ВОЗ", "ДДСҰ", "всемирн", "дүниежүзілік денсаулық"),
    "IMF": ("МВФ", "ХВҚ", "международн валютн", "халықаралық валюта"),
    "WTO": ("ВТО", "ДСҰ", "всемирн торгов", "дүниежүзілік сауда"),
    "EU": ("ЕС", "ЕО", "евросоюз", "европейск", "еуропалық одақ"),
    "UN": ("ООН", "БҰҰ", "организаци объединенных наций", "біріккен ұлттар"),
    "UNICEF": ("ЮНИСЕФ",),
    "UNESCO": ("ЮНЕСКО",),
    "UNHCR": ("УВКБ", "БҰҰ БЖКБ"),
    "IAEA": ("МАГАТЭ",),
    "OSCE": ("ОБСЕ", "ЕҚЫҰ"),
    "OPEC": ("ОПЕК",),
    "CIS": ("СНГ", "ТМД"),
    "SCO": ("ШОС", "ШЫҰ"),
    "CSTO": ("ОДКБ", "ҰҚШҰ"),
    "EAEU": ("ЕАЭС", "ЕАЭО"),
    "USSR": ("СССР", "КСРО", "советск", "кеңес"),
    "UAE": ("ОАЭ", "БАӘ", "эмират", "әмірлік"),
    "FBI": ("ФБР",),
    "CIA": ("ЦРУ",),
    "NSA": ("АНБ",),
    "NASA": ("НАСА",),
    "HIV": ("ВИЧ", "АИТВ"),
    "AIDS": ("СПИД", "ЖИТС"),
    "NGO": ("НКО", "НПО", "ҮЕҰ", "неправительствен", "некоммерческ", "үкіметтік емес"),
    "ICC": ("МУС", "ХҚС", "международн уголовн", "халықаралық қылмыстық"),
    "ISIS": ("ИГИЛ", "ДАИШ", "исламск государств", "ислам мемлекеті"),
    "EBRD": ("ЕБРР", "ЕҚДБ"),
    "ADB": ("АБР", "АДБ"),
    "OECD": ("ОЭСР", "ЭЫДҰ"),
    "BBC": ("Би-би-си", "БиБиСи", "ВВС"),
    "CNN": ("Си-эн-эн",),
    "COVID": ("ковид", "коронавирус"),
    "COVID-19": ("ковид", "коронавирус", "COVID"),
}
# Cyrillic abbreviations of ordinary words and of countries: in a translation they stand for those
# words, never for an acronym of the source that went missing.
WORD_ABBREVIATIONS = frozenset(
    "США АҚШ РФ РК ҚР ЕС ЕО ООН БҰҰ АЭС ТВ ВВП ЖІӨ СССР КСРО СМИ БАҚ ТОО ЖШС ОАО АО ООО ЗАО ЧП ДТП".split()
)

# Russian and Kazakh acronyms that English texts write romanised; the Cyrillic is what Russian and
# Kazakh text writes (Kazakh: its own acronym where it has one).
ROMANISED: dict[str, dict[str, str]] = {
    "KNB": {"ru": "КНБ", "kk": "ҰҚК"},
    "KGB": {"ru": "КГБ", "kk": "КГБ"},
    "MVD": {"ru": "МВД", "kk": "ІІМ"},
    "FSB": {"ru": "ФСБ", "kk": "ФСБ"},
    "GRU": {"ru": "ГРУ", "kk": "ГРУ"},
    "SVR": {"ru": "СВР", "kk": "СВР"},
    "NKVD": {"ru": "НКВД", "kk": "НКВД"},
    "MID": {"ru": "МИД", "kk": "СІМ"},
    "MChS": {"ru": "МЧС", "kk": "ТЖМ"},
}
# Latin capitals read as the Cyrillic letters they romanise (KNB -> КНБ), for acronyms of the
# workspace not in the table.
_ROMAN_TO_CYRILLIC = str.maketrans("ABVGDEZIKLMNOPRSTUFHC", "АБВГДЕЗИКЛМНОПРСТУФХЦ")


def equivalents(acronym: str) -> tuple[str, ...]:
    return EQUIVALENTS.get(acronym, ())


def has_equivalent(acronym: str, text: str) -> bool:
    """Whether ``text`` has a known Russian or Kazakh rendering of ``acronym``: an abbreviation
    as a word, or the start of the words that spell it out, in any case form."""
    lowered = text.lower()
    for form in equivalents(acronym):
        if form.isupper() or "-" in form:
            if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w])", text, re.IGNORECASE if "-" in form else 0):
                return True
        elif _words_start(form.lower(), lowered):
            return True
    return False


def _words_start(form: str, lowered: str) -> bool:
    """Each word of ``form`` starts a word of the text, in order and adjacent (валов внутрен ->
    "валового внутреннего")."""
    pattern = r"\s+".join(rf"(?<![\w-]){re.escape(w)}\w*" for w in form.split())
    return re.search(pattern, lowered) is not None


def cyrillic_reading(acronym: str, lang: str) -> str:
    """The Cyrillic a romanised Russian or Kazakh acronym stands for: the table's, else its
    letters read one by one (KNB -> КНБ)."""
    if acronym in ROMANISED:
        return ROMANISED[acronym].get(lang, ROMANISED[acronym]["ru"])
    return acronym.upper().translate(_ROMAN_TO_CYRILLIC)


_SMALL_WORDS = frozenset("of the and for on in to at a an de du des la le".split())
_NAME_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def spelled_out(acronym: str, source: str) -> bool:
    """Whether the source writes the acronym's words out: consecutive words whose initials, small
    words skipped, are its letters ("the National Security Agency (NSA)", "Gross Domestic
    Product"). The translation may then give the words and leave the letters out."""
    letters = [ch for ch in acronym.upper() if ch.isalpha()]
    if len(letters) < 2:
        return False
    initials = [(w[0].upper(), w.lower() in _SMALL_WORDS) for w in _NAME_WORD.findall(source)]
    for start in range(len(initials)):
        i, k = start, 0
        while i < len(initials) and k < len(letters):
            initial, small = initials[i]
            if initial == letters[k] and not (small and k == 0):
                k += 1
            elif not small:
                break
            i += 1
        if k == len(letters):
            return True
    return False
