"""Reading the numbers a sentence states, in English, Russian and Kazakh, for the numbers check.

Digits are read with their group and decimal separators ("100,000" = "100 000" = "100000",
"3,5" = "3.5"); a scale word after them multiplies ("400 thousand" = "400 тыс." = "40 мың"
x 10 = 400000); a clock time is one value in 24-hour form ("10:08 p.m." = "22:08", "4.40 am" =
"4:40"); Roman numerals are numbers ("XVII века" for "17th century"); numbers written as words,
cardinal or ordinal and in any case form, are read too ("семидесятой" = 70, "қырық сегіз" = 48,
"twenty-fourth" = 24).

Words and Roman numerals only ever *excuse* a difference: a translator may write "ten" as "10"
or "48" as "сорока восьми", but a number the source gives in digits must be somewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, cached_property

from l10n.patterns import CODE_RE, NUMBER_MARKS, URL_RE, number_value

_DIGITS = re.compile(r"\d+(?:[ \u00a0\u202f,.]\d+)*")
# Time zones a clock time may carry (a translation says "по Гринвичу" or "по времени Нью-Йорка").
_ZONES = (
    "GMT|UTC|BST|CET|CEST|EET|EEST|WET|MSK|ALMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|HST|AEST|AEDT|IST|"
    "JST|HKT|SGT"
)
_TIME = re.compile(
    rf"\b(\d{{1,2}})(?:[.]|:\s?)(\d{{2}})(?:\s*([ap])\.?\s?m\b\.?|\s*({_ZONES})\b)?",
    re.IGNORECASE,
)
_HOUR_AMPM = re.compile(r"\b(\d{1,2})\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
# Four-digit clock times of news wires, with a zone or "hours": "1200 GMT" = 12:00, "0830 hrs".
_WIRE_TIME = re.compile(rf"\b([01]\d|2[0-3])([0-5]\d)\s*(?:{_ZONES}|hrs\b|hours\b)")
# A range of times whose am/pm is written once, after the second: "10:00-11:00 pm", "10-11 p.m.".
_TIME_RANGE = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s*[-–—]\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE
)
# A number glued to one or two letters after a dotted number is a standard's or a model's name
# (802.11n, 802.11ac): compared whole, not read as 802.11. Not an amount (2.8bn, 10.5m) or a time.
_STANDARD_NAME = re.compile(r"\b\d{2,}(?:\.\d+)+(?!(?:k|m|mn|bn|b|am|pm)\b)[a-z]{1,2}\b")
_ROMAN = re.compile(r"\b(?=[MDCLXVI]{2,}\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b")

# Scale words after a number, by the start of the word (тысячи, мыңнан, миллионов, millions),
# and the abbreviations written against the digits (£2.8bn, £125m, 5k).
SCALES = {"thousand": 1000, "тыс": 1000, "мың": 1000, "million": 10**6, "млн": 10**6, "миллион": 10**6}
SCALES |= {"billion": 10**9, "млрд": 10**9, "миллиард": 10**9}
_ATTACHED_SCALES = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9}
_SCALE_AFTER = re.compile(r"^(?:([^\W\d_]+)|[\s\u00a0]+([^\W\d_]+))")

# Imperial units a translator converts (550 pounds -> 250 килограммов): their numbers are not
# required in the translation, and the converted numbers are not extra.
_IMPERIAL = re.compile(
    r"^[\s\u00a0-]*(?:pounds?|lbs?|feet|foot|ft|miles?|mph|inch(?:es)?|yards?|ounces?|oz|gallons?|acres?|"
    r"degrees? fahrenheit|°\s?f\b|fahrenheit)",
    re.IGNORECASE,
)

_EN_WORDS = {
    **{
        w: i
        for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
    },
    **dict(
        zip(
            "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(),
            range(13, 20),
            strict=True,
        )
    ),
    **dict(
        zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True)
    ),
    **dict(
        zip(
            "first second third fourth fifth sixth seventh eighth ninth tenth".split(),
            range(1, 11),
            strict=True,
        )
    ),
    **dict(zip("eleventh twelfth".split(), (11, 12), strict=True)),
    "hundred": 100,
    "dozen": 12,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
for _teen, _value in list(_EN_WORDS.items()):
    if _teen.endswith("teen"):
        _EN_WORDS[_teen + "th"] = _value

# Russian cardinal and ordinal lemmas (pymorphy3 gives the lemma of any case form).
_RU_UNITS = "один два три четыре пять шесть семь восемь девять".split()
_RU_ORDINALS = "первый второй третий четвёртый пятый шестой седьмой восьмой девятый".split()
_RU_TEENS = "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
_RU_TEENS += "восемнадцать девятнадцать"
_RU_TENS = "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто".split()
_RU_TENS_ORD = "двадцатый тридцатый сороковой пятидесятый шестидесятый семидесятый восьмидесятый "
_RU_TENS_ORD += "девяностый"
_RU_HUNDREDS = "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот".split()
_RU_WORDS = {
    **{w: i + 1 for i, w in enumerate(_RU_UNITS)},
    **{w: i + 1 for i, w in enumerate(_RU_ORDINALS)},
    "четвертый": 4,
    "одна": 1,
    "оба": 2,
    **{w: i + 10 for i, w in enumerate(_RU_TEENS.split())},
    **{
        w.replace("надцать", "надцатый").replace("десять", "десятый"): i + 10
        for i, w in enumerate(_RU_TEENS.split())
    },
    **{w: (i + 2) * 10 for i, w in enumerate(_RU_TENS)},
    **{w: (i + 2) * 10 for i, w in enumerate(_RU_TENS_ORD.split())},
    **{w: (i + 1) * 100 for i, w in enumerate(_RU_HUNDREDS)},
    "сотый": 100,
    "тысячный": 1000,
}
# Russian compound adjectives that begin with a numeral: "10-year" = десятилетний.
_RU_COMBINING = {
    **dict(
        zip(
            "одно двух трех трёх четырех пяти шести семи восьми девяти десяти".split(),
            (1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10),
            strict=True,
        )
    ),
    **dict(zip("двадцати тридцати сорока пятидесяти ста".split(), (20, 30, 40, 50, 100), strict=True)),
}
_RU_COMPOUND = re.compile(
    f"^({'|'.join(_RU_COMBINING)})(?:летн|месячн|дневн|часов|минутн|этажн|процентн|кратн|недельн|тысячн|километров)"
)
# Kazakh numeral roots; any word that is a root plus an ordinal, collective or case ending.
_KK_ROOTS: dict[str, int] = dict(
    zip(
        """бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс жетпіс сексен
        тоқсан жүз""".split(),
        (*range(1, 11), *range(20, 100, 10), 100),
        strict=True,
    )
)
_KK_TAIL = re.compile(
    r"(?:ыншы|інші|ншы|нші|еу|ау)?(?:дың|дің|ның|нің|тың|тің|ға|ге|қа|ке|на|не|ды|ді|ны|ні|ты|ті|да|де|"
    r"та|те|дан|ден|нан|нен|тан|тен|мен|бен|пен|дай|дей|тай|тей)?"
)


@cache
def _word_value(word: str, lang: str) -> int | None:
    """The number a word names (cardinal or ordinal, any case form), else None."""
    lowered = word.lower()
    if lang == "en":
        return _EN_WORDS.get(
            lowered, scale_of(lowered) if lowered.startswith(("thousand", "million", "billion")) else None
        )
    if lang in ("ru", "kk") and (scale := scale_of(lowered)) is not None:
        return scale  # тысячи, миллионов, мыңнан
    if lang == "ru":
        if compound := _RU_COMPOUND.match(lowered):  # десятилетний, двухэтажный
            return _RU_COMBINING[compound.group(1)]
        from l10n.language.morphology.ru import analyzer

        for parse in analyzer().parse(lowered)[:3]:
            lemma = str(parse.normal_form).replace("ё", "е")
            if lemma in _RU_WORDS or lemma in SCALES:
                return _RU_WORDS.get(lemma) or SCALES[lemma]
        return None
    if lang == "kk":
        for root, value in _KK_ROOTS.items():
            if lowered.startswith(root) and _KK_TAIL.fullmatch(lowered[len(root) :]):
                return value
    return None


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


class Numbers:
    """What a sentence states: numbers in digits (each must be matched), numbers the words and
    Roman numerals name (they excuse; read only when the digits differ), and digits before
    imperial units (convertible)."""

    def __init__(self, digits: Counter[str], convertible: frozenset[str], text: str, lang: str) -> None:
        self.digits = digits
        self.convertible = convertible
        self._text, self._lang = text, lang

    @cached_property
    def words(self) -> frozenset[str]:
        roman = {str(_roman_value(m.group(0))) for m in _ROMAN.finditer(self._text) if m.group(0)}
        return frozenset(roman | _word_numbers(self._text, self._lang))


def scale_of(word: str) -> int | None:
    """The multiplier a scale word names in any form (тысячи, мыңнан, millions), else None."""
    lowered = word.lower()
    return next((scale for stem, scale in SCALES.items() if lowered.startswith(stem)), None)


def _scaled(value: str, after: str, money: bool) -> str:
    """The value times the scale word after it; "m", "bn", "k" against the digits only for an
    amount of money (£125m; "100m" is a distance)."""
    match = _SCALE_AFTER.match(after)
    if match is None:
        return value
    attached, spaced = match.groups()
    if attached:  # £11million, £2.8bn
        scale = scale_of(attached) or (_ATTACHED_SCALES.get(attached.lower()) if money else None)
    else:
        scale = scale_of(spaced)
    if scale is None:
        return value
    product = float(value) * scale
    return str(int(product)) if product.is_integer() else str(product)


def _clock(hour: int, minute: str | None, half: str) -> str:
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return f"{hour}:{minute}" if minute else str(hour)


def _ranges_and_wire_times(text: str, found: list[str]) -> str:
    """Times of a range with one am/pm ("10:00-11:00 pm" = 22:00 and 23:00; the first takes the
    second's half unless it is later than the second: "11-1 pm") and news-wire times ("1200
    GMT"), recorded in ``found``; the text with them blanked."""

    def read_range(match: re.Match[str]) -> str:
        first, second, half = int(match.group(1)), int(match.group(3)), match.group(5).lower()
        found.append(_clock(first, match.group(2), half if first <= second else "a"))
        found.append(_clock(second, match.group(4), half))
        return " "

    def read_wire(match: re.Match[str]) -> str:
        found.append(f"{int(match.group(1))}:{match.group(2)}")
        return " "

    return _WIRE_TIME.sub(read_wire, _TIME_RANGE.sub(read_range, text))


def _times(text: str) -> tuple[list[str], str]:
    """Clock times as "H:MM" in 24 hours, and the text with them blanked. "26:00" is no time
    (a score)."""
    found: list[str] = []
    text = _ranges_and_wire_times(text, found)

    def read(match: re.Match[str]) -> str:
        hour, minute, half = int(match.group(1)), match.group(2), (match.group(3) or "").lower()
        if hour > 24 or (match.group(0)[len(match.group(1))] == "." and not half and not match.group(4)):
            return match.group(0)  # "7.50" without am/pm is a decimal, "26:00" a score
        found.append(_clock(hour, minute, half))
        return " "

    text = _TIME.sub(read, text)

    def read_hour(match: re.Match[str]) -> str:
        hour = int(match.group(1)) + (12 if match.group(2).lower() == "p" and int(match.group(1)) < 12 else 0)
        found.append(str(hour))
        return " "

    return found, _HOUR_AMPM.sub(read_hour, text)


def read_numbers(text: str, lang: str) -> Numbers:
    """The numbers ``text`` states (``lang``: en, ru, kk; others read digits only)."""
    text = CODE_RE.sub(" ", URL_RE.sub(" ", text))
    digits: Counter[str] = Counter(m.group(0).lower() for m in _STANDARD_NAME.finditer(text))
    text = _STANDARD_NAME.sub(" ", text)
    times, text = _times(text)
    digits.update(times)
    convertible: set[str] = set()
    for match in _DIGITS.finditer(text):
        raw = match.group(0)
        value = number_value(raw)
        if value is not None and value.isdigit():
            value = str(int(value))  # a score's "00" is 0
        values = [value] if value is not None else re.split(f"[{NUMBER_MARKS}]", raw)
        after = text[match.end() : match.end() + 30]
        for item in values:
            scaled = _scaled(item, after, match.start() > 0 and text[match.start() - 1] in "£$€₸¥")
            digits[scaled] += 1
            if _IMPERIAL.match(after):
                convertible.add(scaled)
    return Numbers(digits, frozenset(convertible), text, lang)


@cache
def _candidate_words(lang: str) -> re.Pattern[str]:
    """Words that may name a number, by how they begin: the rest of a sentence is skipped
    without a dictionary lookup (a run of number words is joined again by what lies between)."""
    if lang == "en":
        starts = sorted([*_EN_WORDS, "thousand", "million", "billion"], key=len, reverse=True)
    elif lang == "ru":
        starts = "од дв тр чет пят шест сем вос дев дес сор ст тыс мил перв втор оба".split()
    else:
        starts = [*_KK_ROOTS, "мың", "мил"]
    return re.compile(rf"(?i)(?<![^\W\d_])(?:{'|'.join(starts)})[^\W\d_]*")


def _word_numbers(text: str, lang: str) -> set[str]:
    """Numbers written as words: a run of number words adds up (сорока восьми = 48), a scale
    multiplies what is before it (two hundred thousand)."""
    found: set[str] = set()
    total = current = 0
    in_run = False
    last_end = 0
    for match in _candidate_words(lang).finditer(text):
        value = _word_value(match.group(0), lang)
        joined = not text[last_end : match.start()].strip(" -\u00a0")  # "twenty-four", "сорок восемь"
        last_end = match.end()
        if in_run and not joined:
            found.add(str(total + current))
            total = current = 0
            in_run = False
        if value is None:
            if in_run:
                found.add(str(total + current))
            total = current = 0
            in_run = False
            continue
        in_run = True
        found.add(str(value))
        if value == 100 and current:
            current *= 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    if in_run:
        found.add(str(total + current))
    return found
