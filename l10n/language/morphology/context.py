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
from typing import Any

from l10n.language.morphology import kk, ru

# Preposition -> the case of the noun it governs, for the reading that is most common in news.
_PREPOSITIONS = {
    **dict.fromkeys(("с", "со", "над", "под", "перед", "между", "за"), "instrumental"),
    **dict.fromkeys(
        """без для до из от у после против около вокруг среди кроме возле вместо ради из-за
        из-под напротив мимо вдоль внутри вне позади посреди помимо относительно вблизи накануне
        вследствие ввиду касательно южнее севернее западнее восточнее""".split(),
        "genitive",
    ),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно", "вопреки", "навстречу"), "dative"),
    **dict.fromkeys(("о", "об", "обо", "при", "в", "во", "на"), "prepositional"),
    **dict.fromkeys(("через", "про", "сквозь"), "accusative"),
}
# Nouns that a name follows in apposition, in their own case (город Жанаозен, в штате Огайо,
# фрегаты класса Бремен, Республики Корея) ...
_PLACE_NOUNS = frozenset(
    """город поселок посёлок село деревня область район регион остров река озеро штат класс
    провинция округ графство префектура республика королевство княжество эмират""".split()
)
# ... and nouns that take a name in apposition unless it is a place, whose genitive it is then
# (компания Apple, газета Guardian; аэропорт Белграда, банк Казахстана).
_ORG_NOUNS = frozenset(
    """компания партия движение газета журнал агентство банк фонд станция аэропорт улица проспект
    площадь""".split()
)
_GENERIC_NOUNS = _PLACE_NOUNS | _ORG_NOUNS
# Person nouns that take the person whose they are in the genitive, not in apposition
# (пресс-секретарь Трампа, жена Назарбаева, лауреат Оскара).
_RELATIONAL = frozenset(
    """пресс-секретарь секретарь представитель помощник советник сторонник противник соратник
    преемник предшественник жена муж сын дочь мать отец брат сестра друг окружение администрация
    лауреат обладатель победитель участник член житель гражданин уроженец посол мэр""".split()
)
# Verbs whose object is dative or instrumental, not accusative (Rosenthal's tables of government):
# доверять Вашингтону, помогать Казахстану, предоставить Афганистану; управлять Шотландией.
_DATIVE_VERBS = frozenset(
    """доверять доверить помогать помочь угрожать противостоять предоставлять предоставить
    передавать передать звонить позвонить писать написать отвечать ответить сообщать сообщить
    обещать пообещать мешать помешать принадлежать сопротивляться верить поверить служить
    уступать уступить продавать продать давать дать выделять выделить направлять оказывать
    оказать платить заплатить посвятить посвящать противоречить грозить пригрозить сказать
    говорить объяснить объяснять позволять позволить разрешать разрешить запрещать запретить
    предлагать предложить советовать посоветовать рекомендовать напоминать""".split()
)
_GENITIVE_VERBS = frozenset(
    """касаться коснуться достигать достичь добиваться добиться избегать избежать лишать лишить
    бояться опасаться требовать потребовать заслуживать""".split()
)
_INSTRUMENTAL_VERBS = frozenset(
    """управлять руководить командовать владеть обладать заниматься интересоваться гордиться
    восхищаться пользоваться воспользоваться стать становиться являться считаться торговать
    делиться поделиться""".split()
)
# Nouns whose complement is dative: помощь Афганистану, содействие Ираку, памятник Абаю.
_DATIVE_NOUNS = frozenset("помощь содействие угроза ущерб памятник письмо послание ультиматум".split())
# Nouns made from verbs that govern the instrumental keep it: управление Шотландией, владение
# Крымом (not руководство, командование: more often "the leadership of", руководство Ирана).
_INSTRUMENTAL_NOUNS = frozenset("управление владение обладание".split())
# Verbs and nouns of motion and of acting on: в/на after them is a direction and takes the
# accusative (иммигрировать в Америку, поездка в Ливан, вступить в НАТО, влияние на Ливан);
# otherwise a place (в Америке).
_MOTION = frozenset(
    """идти пойти ехать поехать приехать уехать въехать переехать лететь полететь прилететь
    вылететь улететь прибыть прибывать отправиться отправляться отправить отправлять направиться
    направляться вернуться возвращаться вернуть иммигрировать эмигрировать переселиться бежать
    сбежать следовать вторгнуться войти вступить вступать перевезти доставить доставлять ввезти
    ввозить экспортировать депортировать сослать выслать отвезти привезти эвакуировать
    пригласить приглашать поездка визит рейс путь дорога переезд поставка экспорт вторжение
    возвращение полёт полет путешествие маршрут вступление въезд эмиграция иммиграция депортация
    отправка командировка турне влияние воздействие нападение атака давление вложение инвестиция
    инвестировать вложить вкладывать поступать поступить перечислить импорт""".split()
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


def _ru_word_case(
    word: str, person: bool, speech: bool = True, place: bool = False, given: bool = False
) -> str | None:
    """The case a word before the name passes on: a preposition's; an agreeing adjective's, a
    given name's or (for a person) a title's own case; a verb's (the dative, genitive or
    instrumental of those that govern them, accusative after another transitive verb); genitive
    after another noun; None when it governs nothing. ``speech``: a verb of saying here opens an
    inverted clause ("», — сказал Назарбаев"), so the name is its subject, not its addressee;
    ``place``: the name is a place (аэропорт Белграда, not apposition)."""
    lowered = word.lower()
    if lowered in _PREPOSITIONS:
        return _PREPOSITIONS[lowered]
    parse = ru.analyzer().parse(word)[0]
    tag = parse.tag
    governed = _verb_case(parse, speech) if tag.POS in ("VERB", "INFN", "GRND", "PRTS", "PRTF") else None
    if governed is not None:
        return governed
    if tag.POS in ("ADJF", "PRTF") and tag.case:
        return _FROM_GRAMMEME.get(tag.case)
    if tag.POS == "NOUN" and tag.case:
        return _noun_case(parse, person, place, given)
    return None


def _verb_case(parse: Any, speech: bool) -> str | None:
    """The case a verb (or its participle or gerund) gives its object, None for an intransitive."""
    verb = parse.normal_form
    if verb in _INSTRUMENTAL_VERBS:
        return "instrumental"
    if verb in _GENITIVE_VERBS:
        return "genitive"  # касающейся Йемена
    if verb in _DATIVE_VERBS and not (speech and verb in _SPEECH_VERBS):
        return "dative"
    if parse.tag.POS != "PRTF" and "tran" in parse.tag.grammemes:
        return "nominative" if verb in _SPEECH_VERBS else "accusative"
    return None


def _noun_case(parse: Any, person: bool, place: bool, given: bool = False) -> str | None:
    noun, grammemes = parse.normal_form, parse.tag.grammemes
    if noun in _RELATIONAL and not given:
        return "genitive"  # пресс-секретарь Трампа
    if "Name" in grammemes or ((person or given) and parse.tag.animacy == "anim"):
        return _FROM_GRAMMEME.get(parse.tag.case)  # президента Нурсултана Назарбаева: agreement
    if noun in _GENERIC_NOUNS and parse.tag.number != "plur" and not (place and noun in _ORG_NOUNS):
        return "nominative"  # город Алматы; but районы Китая, аэропорт Белграда
    if noun in _DATIVE_NOUNS:
        return "dative"  # помощь Афганистану, памятник Абаю
    if noun in _INSTRUMENTAL_NOUNS:
        return "instrumental"
    return "genitive"  # режим Назарбаева, президент Казахстана


def russian_case(
    before: str, attached: str = "", person: bool = False, place: bool = False, given: bool = False
) -> str:
    """The case for a name after the text ``before`` (the draft up to the placeholder); a
    person's name agrees with a title before it, a place is its genitive; ``given``: the name is
    a first name (с другом Майклом: apposition, not друг Трампа)."""
    if attached and attached.lower() in _RU_ENDINGS:
        return _RU_ENDINGS[attached.lower()]
    before = _PARENTHESIS.sub("", before)  # Тиндуфа (Алжир), ZXQ1: the bracket is no governor
    clause = before.split("«")[-1]
    words = _WORDS.findall(clause)[-4:]
    if not words or before.rstrip()[-1:] in '.!?:;—–(«"':
        return "nominative"
    if before.rstrip().endswith(",") or words[-1].lower() in _CONJUNCTIONS:
        if "между" in (w.lower() for w in _WORDS.findall(clause)[-8:]):
            return "instrumental"  # между помощниками Трампа и Россией
        return _coordinated_case(words[:-1] if words[-1].lower() in _CONJUNCTIONS else words)
    for i in range(len(words) - 1, -1, -1):  # в Центральной Африке: the preposition before adjectives
        word = words[i].lower()
        if word in _PREPOSITIONS and (i == len(words) - 1 or _all_adjectives(words[i + 1 :])):
            if word in _DIRECTIONAL and _after_motion(_WORDS.findall(clause)[: -(len(words) - i)]):
                return "accusative"
            return _PREPOSITIONS[word]
    earlier = before.rstrip()[: -len(words[-1])]
    if _given_name(words[-1], earlier):  # Родом Розенштейном, Бечарой Бутросом, Ари Флейшера
        return _name_ending(words[-1]) or russian_case(earlier, "", True, place)
    shared = _adjective_cases(words[-1])
    if (
        len(shared) > 1 and words[-2:-1] != [] and words[-2].lower() not in _CONJUNCTIONS
    ):  # Западной: genitive, dative... as the word before it governs
        governed = russian_case(earlier, "", person, place, given)
        if governed in shared:
            return governed
    case = _ru_word_case(words[-1], person, _inverted(clause, len(words[-1])), place, given)
    return case or "nominative"


_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_PLACE_TAGS = frozenset(("Geox", "Orgn"))
_NAME_SHAPE = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")  # Бечара, Жан-Поль; not ЛГБТ-сообщество


def _given_name(word: str, earlier: str) -> bool:
    """Whether a capitalised word mid-sentence is a person's first name the dictionary lists
    as one (Ари, Кристин) or does not know at all (Бечара): no place, organisation or title."""
    if not _NAME_SHAPE.fullmatch(word):
        return False
    if not earlier.strip() or earlier.rstrip()[-1:] in '.!?:;—–(«"':
        return False
    known = [p for p in ru.analyzer().parse(word) if p.is_known]
    if any(_PLACE_TAGS & p.tag.grammemes for p in known):
        return False
    return not known or all(p.tag.POS == "NOUN" and "Name" in p.tag.grammemes for p in known)


def _adjective_cases(word: str) -> set[str]:
    """The oblique cases an adjective form may be in (Западной: genitive, dative, instrumental,
    prepositional); empty for a word that is no adjective, a participle (which governs: касающийся
    Ливии) or may be a nominative."""
    parses = [p for p in ru.analyzer().parse(word) if p.is_known]
    if not parses or parses[0].tag.POS != "ADJF":
        return set()
    cases = {
        _FROM_GRAMMEME[p.tag.case] for p in parses if p.tag.POS == "ADJF" and p.tag.case in _FROM_GRAMMEME
    }
    return set() if "nominative" in cases else cases


_DIRECTIONAL = frozenset(("в", "во", "на"))


def _after_motion(words: list[str]) -> bool:
    """Whether one of the three words before в/на is a verb or noun of motion (in any form)."""
    for word in words[-3:]:
        if any(p.normal_form in _MOTION for p in ru.analyzer().parse(word.lower())[:2]):
            return True
    return False


def _inverted(clause: str, verb_length: int) -> bool:
    """Whether the verb at the end of ``clause`` opens it after a dash or a quote: "», — сказал"."""
    head = clause.rstrip()[:-verb_length].rstrip()
    return not head or head[-1] in '—–-,»"“”'


_WORDS = re.compile(r"[\w-]+")
_CONJUNCTIONS = frozenset(("и", "или", "либо"))


def _all_adjectives(words: list[str]) -> bool:
    return all(ru.analyzer().parse(w)[0].tag.POS in ("ADJF", "PRTF", "NUMR") for w in words)


def _coordinated_case(words: list[str]) -> str:
    """A name joined by "и" or a comma to a noun before it takes that noun's case (Дании и
    Швеции; между Кимом и Трампом); a name the dictionary does not know tells its case by its
    ending (Спита и Джастина); an indeclinable one (Луи) is passed over for the one before."""
    for word in reversed(words[-3:]):
        if word.lower() in _CONJUNCTIONS:
            continue
        if word.lower() in _PREPOSITIONS:  # в Найроби, Момбасе: the preposition's case
            return _PREPOSITIONS[word.lower()]
        for parse in ru.analyzer().parse(word):
            if parse.tag.POS == "NOUN" and parse.tag.case and parse.is_known:
                if "Fixd" in parse.tag.grammemes:
                    break
                return _FROM_GRAMMEME.get(parse.tag.case, "nominative")
        else:
            ending = _name_ending(word)
            if ending:
                return ending
            if word[:1].isupper() and word[-1:].lower() in "оиуюэе":
                continue  # an indeclinable foreign name: look further back
            return "nominative"
    return "nominative"


def _name_ending(word: str) -> str | None:
    """The case an unknown capitalised name's ending shows (Спита: genitive), if any."""
    if not word[:1].isupper():
        return None
    lowered = word.lower()
    for ending in sorted(_RU_ENDINGS, key=len, reverse=True):
        if lowered.endswith(ending) and len(lowered) > len(ending) + 2 and ending != "е":
            return _RU_ENDINGS[ending]
    return None


_PRONOMINAL_N = frozenset(("на", "не", "нда", "нде", "н"))
_ATTRIBUTIVE = frozenset("дағы дегі тағы тегі ндағы ндегі".split())


def kazakh_form(term: str, attached: str) -> str:
    """The term with the case an engine's suffix marks, in the term's own harmony; a suffix that
    marks no case is kept as the engine wrote it."""
    ending = attached.lstrip("-")
    if not ending:
        return term
    case = kk.case_of_suffix(ending)
    if case is not None:
        # -на/-не, -нда/-нде, -н follow only a possessive: the engine's "ZXQ1-не" says a one-word
        # term in -ы/-і carries one (Президенті -> Президентіне, Ұйымы -> Ұйымында), which the
        # word alone cannot show (Алматы, a stem, takes -ға where the engine writes -ға).
        possessive = ending.lower() in _PRONOMINAL_N and term.rstrip()[-1:].lower() in ("ы", "і")
        return kk.inflect(term, case, possessive or None)
    if ending.lower() in _ATTRIBUTIVE:  # -дағы/-тегі "in ...": locative + -ғы/-гі in the term's harmony
        located = kk.inflect(term, "locative")
        return located + ("ғы" if kk.harmony(term) == "back" else "гі")
    return term + attached


def _is_place(term: str) -> bool:
    """Whether the dictionary knows a word of the term as a place name (Белград, Казахстан)."""
    return any(
        "Geox" in parse.tag.grammemes and parse.is_known
        for word in term.split()
        for parse in ru.analyzer().parse(word)[:2]
    )


def restore(term: str, lang: str, before: str, attached: str) -> str:
    """The form of ``term`` that goes where the placeholder was."""
    if lang == "kk":
        return kazakh_form(term, attached)
    if lang == "ru":
        return _russian_restore(term, before, attached)
    return term + attached


def _russian_restore(term: str, before: str, attached: str) -> str:
    """A person's name is animate: one the dictionary lists (Назарбаев), one after a first name
    (Кими Райкконена) and one it does not know at all, unless a preposition or a verb of taking
    or visiting places governs it (в Ломбок, захватили Тамбалок): unknown foreign names in news
    are mostly people's (the places are in the dictionary), so "допросила Сэнфорда",
    "профессору Чейслеру"."""
    known_person = any(ru.is_person(word) for word in term.split())
    place = _is_place(term)
    after_name = bool(_WORDS.findall(before)) and _given_name(
        _WORDS.findall(before)[-1], before.rstrip()[: -len(_WORDS.findall(before)[-1])]
    )
    unknown = not place and _unknown(term)
    given = _is_given_name(term)
    case = russian_case(before, attached, known_person or after_name or unknown, place, given)
    animate = known_person or after_name or given or (unknown and not _place_context(before))
    return ru.inflect(term, case, person=animate)


def _unknown(term: str) -> bool:
    """Every word capitalised Cyrillic the dictionary has no reading of."""
    return all(
        w[:1].isupper() and re.search("[а-яё]", w) and not any(p.is_known for p in ru.analyzer().parse(w))
        for w in term.split()
    )


def _is_given_name(term: str) -> bool:
    parses = (
        [p for p in ru.analyzer().parse(term) if p.is_known and p.tag.case == "nomn"]
        if " " not in term
        else []
    )
    return bool(parses) and all("Name" in p.tag.grammemes for p in parses)


# Verbs whose object is a place far more often than a person: their unknown object is inanimate
# (захватили Тамбалок, посетил Жанаозен).
_PLACE_VERBS = frozenset(
    """захватить захватывать посетить посещать покинуть покидать оккупировать бомбить
    бомбардировать обстрелять обстреливать аннексировать штурмовать пересечь пересекать затопить""".split()
)


def _place_context(before: str) -> bool:
    """Whether a preposition (в Ломбок) or a verb of taking or visiting places governs the name."""
    words = _WORDS.findall(before)[-3:]
    if any(w.lower() in _PREPOSITIONS for w in words):
        return True
    return bool(words) and any(
        p.normal_form in _PLACE_VERBS for p in ru.analyzer().parse(words[-1].lower())[:2]
    )
