"""What a number does in its sentence, so a correction changes the right one (issue 29): "the
20th anniversary" (an ordinal) is not "20 человек" (a count), and "Twenty people" states 20 as
much as "20" does. Pure.

A number's role is read from what is attached to it: a percent sign or word, a currency, a
clock time, a month (a date), an ordinal ending (20th, 20-й, 20-шы), a compound (20-летие), or
nothing (a plain count). The words are those of English, Russian and Kazakh.
"""

from __future__ import annotations

import re

from l10n.language.numbers import read_numbers

_LETTERS = r"[^\W\d_]"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр"
    r"|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша"
    r"|желтоқсан)"
)
_PERCENT = re.compile(r"\s?(?:%|per\s?cent|percent|процент|пайыз)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:[$£€₸¥₽]|\b(?:USD|EUR|GBP|KZT|RUB))\s?$")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:[$£€₸¥₽]|dollar|pound|euro|tenge|roubl|rubl|доллар|долл|фунт|евро|тенге|теңге|рубл|руб)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d[:.]$")
_CLOCK_AFTER = re.compile(r"[:.]\d\d(?!\d)")
_DATE_AFTER = re.compile(rf"(?:st|nd|rd|th|-{_LETTERS}{{1,3}})?\s+(?:of\s+)?{_MONTH}", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"\b{_MONTH}{_LETTERS}*\.?,?\s+$", re.IGNORECASE)
_ENGLISH_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_SUFFIX = re.compile(rf"-({_LETTERS}+)")


def number_role(text: str, start: int, end: int) -> str:
    """The role of the number at text[start:end]: percent, money, time, date, ordinal,
    compound or plain."""
    before, after = text[max(0, start - 20) : start], text[end : end + 24]
    if _PERCENT.match(after):
        return "percent"
    if _CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(after):
        return "money"
    if _CLOCK.search(before) or _CLOCK_AFTER.match(after):
        return "time"
    if _DATE_AFTER.match(after) or _DATE_BEFORE.search(before):
        return "date"
    if _ENGLISH_ORDINAL.match(after):
        return "ordinal"
    suffix = _SUFFIX.match(after)
    if suffix:  # 20-й, 20-го, 20-шы: an ordinal ending; 20-летие, 20-процентный: a compound
        return "ordinal" if len(suffix.group(1)) <= 3 else "compound"
    return "plain"


def states_value_in_words(text: str, value: str, lang: str) -> bool:
    """Whether ``text`` also states ``value`` in words or Roman numerals (Twenty, двадцатую,
    XX): then its digits are not the only place that value is."""
    base = lang.split("_")[0]
    if base not in ("en", "ru", "kk"):
        return False
    return value in read_numbers(text, base).words
