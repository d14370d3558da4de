"""The language table: one home for what the tool knows about its languages. Pure.

- derived languages (kk_Latn is made from kk by transliteration, never translated or reviewed);
- each language's own name and its way of writing a date (Babel's CLDR data);
- English names where Babel's differ from what a newsroom expects;
- the language IDs multilingual OPUS-MT / Tatoeba-Challenge models expect as a ``>>id<<`` token.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from datetime import datetime

from l10n.language.translit import transliterate


def language_code(code: str) -> str:
    """A TMX/BCP 47 or PO-header language as our code: ru-RU and ru_RU -> ru, kk-KZ / kk-Cyrl -> kk,
    kk-Latn and kk_Latn -> kk_Latn, en-GB -> en."""
    parts = re.split(r"[-_]", code.strip())
    base = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if base == "kk" and script == "Latn":
        return "kk_Latn"
    return base


# The language every article is written in (l10n.toml's source_language can only be this).
SOURCE_LANGUAGE = "en"

# Kazakh's letters beyond the Russian alphabet, and both alphabets as regex classes.
KAZAKH_LETTERS = "әғқңөұүһі"
CYRILLIC_LOWER = "а-яё" + KAZAKH_LETTERS
CYRILLIC_UPPER = "А-ЯЁ" + KAZAKH_LETTERS.upper()


# Languages built from another language's catalog by a pure function, never translated.
DERIVED_LANGUAGES: dict[str, str] = {"kk_Latn": "kk"}
_CONVERTERS: dict[str, Callable[[str], str]] = {"kk_Latn": transliterate}
LANGUAGE_NAMES = {"kk_Latn": "Kazakh (Latin)"}

# Multilingual OPUS-MT models pick their target language from a first source token ">>id<<".
# The IDs are ISO 639-3, with a script where the model has several (Tatoeba-Challenge), or
# ISO 639-1 in the older opus-mt-en-ROMANCE style. In order of preference: the most specific
# form that says the script our catalogs are written in comes first.
OPUS_MT_IDS: dict[str, tuple[str, ...]] = {
    "kk": ("kaz_Cyrl", "kaz", "kk"),
    "ru": ("rus", "rus_Cyrl", "ru"),
    "kk_Latn": ("kaz_Latn",),
    "en": ("eng", "en"),
}
OPUS_TOKEN = re.compile(r">>([A-Za-z][A-Za-z0-9_-]*)<<")


@functools.cache
def text_direction(locale: str) -> str:
    """ "ltr" or "rtl" for an HTML dir attribute, from CLDR's character order."""
    from babel import Locale

    return "rtl" if Locale.parse(locale).character_order == "right-to-left" else "ltr"


@functools.cache
def language_label(code: str, locale: str) -> str:
    """The language's own name for the switcher: Русский, Қазақ тілі, Qazaq tılı."""
    from babel import Locale

    name = Locale.parse(locale).get_display_name(locale) or code
    name = name[:1].upper() + name[1:]
    return derive_text(code, name) if derived_base(code) else name


@functools.cache
def language_name(code: str, page_locale: str) -> str:
    """A language's name in the page's language (CLDR): "Russian", "Kazakh (Latin)" on an
    English page."""
    from babel import Locale

    page = Locale.parse(page_locale)
    base, _, script = code.partition("_")
    name = page.languages.get(base) or code
    return f"{name} ({page.scripts.get(script, script)})" if script else name


@functools.cache
def dateline(moment: datetime, code: str, locale: str) -> str:
    """A date as the language writes it in a dateline ("29 ноября 2026 г.")."""
    from babel.dates import format_date

    text = format_date(moment.date(), format="long", locale=locale)
    return derive_text(code, text) if derived_base(code) else text


def derived_base(code: str) -> str | None:
    """The language a derived language is made from (kk for kk_Latn), else None."""
    return DERIVED_LANGUAGES.get(code)


def derive_text(code: str, text: str) -> str:
    """A base language's text in the derived language (kk -> kk_Latn: transliterated)."""
    return _CONVERTERS[code](text)


def opus_ids(code: str) -> tuple[str, ...]:
    """The OPUS-MT IDs that mean this target language, most preferred first. A language not in
    the table is matched by its own code, alone or with a script (``xx``, ``xx_Latn``)."""
    return OPUS_MT_IDS.get(code, (code,))


def choose_opus_token(found: Iterable[str], code: str) -> str | None:
    """The ``>>id<<`` token for target ``code`` among the tokens a model knows, or None.

    Several matching tokens (a model with both >>kaz<< and >>kaz_Cyrl<<) give the one the table
    prefers; a language outside the table takes ``>>code<<`` or ``>>code_Script<<`` when exactly
    one such token exists.
    """
    tokens = set(found)
    for wanted in opus_ids(code):
        if f">>{wanted}<<" in tokens:
            return f">>{wanted}<<"
    if code not in OPUS_MT_IDS:
        scripted = sorted(t for t in tokens if re.fullmatch(rf">>{re.escape(code)}_[A-Z][a-z]{{3}}<<", t))
        if len(scripted) == 1:
            return scripted[0]
    return None
