"""Kazakh Cyrillic -> Kazakh Latin, the 2021 official alphabet. Pure and deterministic.

Source: the alphabet approved by Decree of the President of the Republic of Kazakhstan No. 637
of 26 October 2017, as amended by Decree No. 569 of 19 February 2018, and the revised Latin
alphabet presented by the Government in January 2021 (31 letters):

    A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z

We follow that alphabet as Wikipedia's "Kazakh alphabets" article (section "Latin script", the
January 2021 table and its sample transliteration of the 1902 text) gives it; its letters and
sample are the ones tested in tests/test_build.py and tests/test_translit.py.

Letter for letter (Cyrillic -> Latin), native Kazakh letters:

    а a   ә ä   б b   д d   е e   ф f   г g   ғ ğ   һ h   х h   і ı   и i   й i   ж j
    к k   л l   м m   н n   ң ñ   о o   ө ö   п p   қ q   р r   с s   ш ş   т t
    у u   ұ ū   ү ü   в v   ы y   з z

The 2021 alphabet has two i's: dotless ı (capital I) for і, and dotted i (capital İ) for и and й,
as in the Wikipedia sample "бір данышпан кісі" -> "bır danyşpan kısı", "үйіне" -> "üiıne". Both
capitals are given explicitly below: Python's "i".upper() is "I", which would be wrong here.

Letters used only in Russian loans (the 2021 alphabet has no letter for them) — our choices:

    ё -> io     (ёлка -> iolka, Ёлка -> İolka; the 2021 guidance writes the sound, й + o)
    ц -> ts     (цирк -> tsirk)
    ч -> ch     (чемпион -> chempion; the guidance keeps "ch" for loans)
    щ -> şş     (щётка -> şşiotka; a long ш)
    ъ -> (dropped)   (объект -> obekt)
    ь -> (dropped)   (секретарь -> sekretar)
    э -> e      (этаж -> etaj)
    ю -> iu     (юрист -> iurist, Юрий -> İurii)
    я -> ia     (Ямайка -> İamaika)

ё, ю and я are й + a vowel, so their i is the dotted one of и and й, small and capital alike
(İurii, not Iurii: a capital I is the capital of ı, the letter of і).

Case: every letter has an explicit capital. A capital Cyrillic letter that becomes two Latin letters
(Ч -> Ch, Ю -> İu) is title-cased, and fully upper-cased when the next or previous letter is a
capital too (ЧЕМПИОН -> CHEMPİON, ЮРИЙ -> İURİİ), so acronyms and headlines stay in capitals.
"""

from __future__ import annotations

LOWER: dict[str, str] = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "ş",
    "щ": "şş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

# Explicit capitals: Python's "i".upper() is "I", but и/й take the dotted İ of the 2021 alphabet.
UPPER: dict[str, str] = {
    "А": "A",
    "Ә": "Ä",
    "Б": "B",
    "В": "V",
    "Г": "G",
    "Ғ": "Ğ",
    "Д": "D",
    "Е": "E",
    "Ё": "İo",
    "Ж": "J",
    "З": "Z",
    "И": "İ",
    "Й": "İ",
    "К": "K",
    "Қ": "Q",
    "Л": "L",
    "М": "M",
    "Н": "N",
    "Ң": "Ñ",
    "О": "O",
    "Ө": "Ö",
    "П": "P",
    "Р": "R",
    "С": "S",
    "Т": "T",
    "У": "U",
    "Ұ": "Ū",
    "Ү": "Ü",
    "Ф": "F",
    "Х": "H",
    "Һ": "H",
    "Ц": "Ts",
    "Ч": "Ch",
    "Ш": "Ş",
    "Щ": "Şş",
    "Ъ": "",
    "Ы": "Y",
    "І": "I",
    "Ь": "",
    "Э": "E",
    "Ю": "İu",
    "Я": "İa",
}

# Typographic details that differ between the scripts are left alone: «» stay «».


def _is_upper(ch: str) -> bool:
    return ch in UPPER or (ch.isalpha() and ch.isupper())


def transliterate(text: str) -> str:
    """Kazakh Cyrillic text in the 2021 Latin alphabet; anything else passes through."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in LOWER:
            out.append(LOWER[ch])
        elif ch in UPPER:
            latin = UPPER[ch]
            if len(latin) > 1:
                neighbours = text[i - 1 : i] + text[i + 1 : i + 2]
                if any(_is_upper(n) for n in neighbours):
                    latin = latin.upper()
            out.append(latin)
        else:
            out.append(ch)
    return "".join(out)
