"""Which case a name needs where MT left a placeholder for it, read from the placeholder's
context in the draft.

Kazakh marks case with a suffix, and an engine attaches one to the placeholder as to any noun
("ZXQ1-дің", "ZXQ1ге"): its case is kept and re-harmonised onto the term. Russian marks case on
the name itself, so the governing word before the placeholder decides: a preposition's case
(с + instrumental, без/для/из/от/у + genitive, к/по + dative, о/при + prepositional), an
adjective's or a title noun's own case (бывшего президента Назарбаева), genitive after any
other noun (режим Назарбаева); an ending the engine stuck on the placeholder ("ZXQ1ым") wins.
"""

from __future__ import annotations

import re

from l10n.language.morphology import kk, ru

# Preposition -> the case of the noun it governs, for the reading that is most common in news.
_PREPOSITIONS = {
    **dict.fromkeys(("с", "со", "над", "под", "перед", "между", "за"), "instrumental"),
    **dict.fromkeys(
        """без для до из от у после против около вокруг среди кроме возле вместо ради из-за
        из-под напротив мимо вдоль внутри вне позади посреди""".split(),
        "genitive",
    ),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно", "вопреки", "навстречу"), "dative"),
    **dict.fromkeys(("о", "об", "обо", "при", "в", "во", "на"), "prepositional"),
    **dict.fromkeys(("через", "про", "сквозь"), "accusative"),
}
# Nouns that a name follows in apposition, in their own case (город Жанаозен, компания Apple).
_GENERIC_NOUNS = frozenset(
    """город поселок посёлок село деревня область район регион остров река озеро компания партия
    движение газета журнал агентство банк фонд станция аэропорт улица проспект площадь""".split()
)
# Verbs of saying: in news the name after them is the (inverted) subject: "заявил Назарбаев".
_SPEECH_VERBS = frozenset(
    """сказать заявить говорить отметить добавить сообщить пояснить подчеркнуть написать ответить
    считать признать рассказать объявить уточнить указать заметить напомнить передать""".split()
)
_RU_ENDINGS = {
    "а": "genitive",
    "я": "genitive",
    "у": "dative",
    "ю": "dative",
    "ым": "instrumental",
    "им": "instrumental",
    "ом": "instrumental",
    "ем": "instrumental",
    "ой": "instrumental",
    "е": "prepositional",
}
_FROM_GRAMMEME = {grammeme: case for case, grammeme in ru.GRAMMEMES.items()}


def _ru_word_case(word: str, person: bool) -> str | None:
    """The case a word before the name passes on: a preposition's; an agreeing adjective's, a
    given name's or (for a person) a title's own case; accusative after a transitive verb;
    genitive after another noun; None when it governs nothing."""
    lowered = word.lower()
    if lowered in _PREPOSITIONS:
        return _PREPOSITIONS[lowered]
    if lowered in _GENERIC_NOUNS:
        return "nominative"
    parse = ru.analyzer().parse(word)[0]
    tag, grammemes = parse.tag, parse.tag.grammemes
    if tag.POS in ("ADJF", "PRTF") and tag.case:
        return _FROM_GRAMMEME.get(tag.case)
    if tag.POS in ("VERB", "INFN", "GRND") and "tran" in grammemes:
        return "nominative" if parse.normal_form in _SPEECH_VERBS else "accusative"
    if tag.POS == "NOUN" and tag.case:
        if "Name" in grammemes or (person and tag.animacy == "anim"):
            return _FROM_GRAMMEME.get(tag.case)  # президента Нурсултана Назарбаева: agreement
        if parse.normal_form in _GENERIC_NOUNS:
            return "nominative"
        return "genitive"  # режим Назарбаева, президент Казахстана
    return None


def russian_case(before: str, attached: str = "", person: bool = False) -> str:
    """The case for a name after the text ``before`` (the draft up to the placeholder); a
    person's name agrees with a title before it, a place is its genitive."""
    if attached and attached.lower() in _RU_ENDINGS:
        return _RU_ENDINGS[attached.lower()]
    words = _WORDS.findall(before.split("«")[-1])[-4:]
    if not words or before.rstrip()[-1:] in '.!?:;—–(«"':
        return "nominative"
    if before.rstrip().endswith(",") or words[-1].lower() in _CONJUNCTIONS:
        return _coordinated_case(words[:-1] if words[-1].lower() in _CONJUNCTIONS else words)
    for word in reversed(words[:-1]):  # в Центральной Африке: the preposition before adjectives
        if word.lower() in _PREPOSITIONS and _all_adjectives(words[words.index(word) + 1 :]):
            return _PREPOSITIONS[word.lower()]
    return _ru_word_case(words[-1], person) or "nominative"


_WORDS = re.compile(r"[\w-]+")
_CONJUNCTIONS = frozenset(("и", "или", "либо"))


def _all_adjectives(words: list[str]) -> bool:
    return all(ru.analyzer().parse(w)[0].tag.POS in ("ADJF", "PRTF", "NUMR") for w in words)


def _coordinated_case(words: list[str]) -> str:
    """A name joined by "и" or a comma to a noun before it takes that noun's case (Дании и
    Швеции; между Кимом и Трампом)."""
    if not words:
        return "nominative"
    for parse in ru.analyzer().parse(words[-1]):
        if parse.tag.POS == "NOUN" and parse.tag.case:
            return _FROM_GRAMMEME.get(parse.tag.case, "nominative")
    return "nominative"


_ATTRIBUTIVE = frozenset("дағы дегі тағы тегі ндағы ндегі".split())


def kazakh_form(term: str, attached: str) -> str:
    """The term with the case an engine's suffix marks, in the term's own harmony; a suffix that
    marks no case is kept as the engine wrote it."""
    ending = attached.lstrip("-")
    if not ending:
        return term
    case = kk.case_of_suffix(ending)
    if case is not None:
        return kk.inflect(term, case)
    if ending.lower() in _ATTRIBUTIVE:  # -дағы/-тегі "in ...": locative + -ғы/-гі in the term's harmony
        located = kk.inflect(term, "locative")
        return located + ("ғы" if kk.harmony(term) == "back" else "гі")
    return term + attached


def restore(term: str, lang: str, before: str, attached: str) -> str:
    """The form of ``term`` that goes where the placeholder was."""
    if lang == "kk":
        return kazakh_form(term, attached)
    if lang == "ru":
        person = any(ru.is_person(word) for word in term.split())
        return ru.inflect(term, russian_case(before, attached, person))
    return term + attached
