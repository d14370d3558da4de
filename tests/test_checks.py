"""The review checks on professional translations: what they must accept, what they must catch.

Lines marked with a document id are from the development corpus in ../shared/data/parallel
(NTREX-128, CC BY-SA 4.0, Federmann et al. 2022; FLORES-200, CC BY-SA 4.0; United Nations
Parallel Corpus v1.0, © United Nations, Ziemski et al. 2016), as its README lists them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from l10n.checks import CHECKS, CONSISTENCY, CheckContext, catalog_findings, check_entry, check_table
from l10n.drafts import with_draft
from l10n.language.hunspell import speller
from l10n.language.numbers import read_numbers
from l10n.model import Catalog, Entry
from l10n.po.files import save_catalog

from .conftest import REPO, needs_hunspell, run_l10n

SCIS_EN = (
    "With upwards of 30,000 pupils across Scotland, these schools, represented by The Scottish Council of "
    "Independent Schools (SCIS), strive to deliver the best level of service to their pupils and parents."
)
SCIS_KK = (  # ntrex128:scotsman.133744
    "Шотландияның өзіндегі 30 мыңнан астам оқушылармен Шотландияның жекеше мектептер кеңесінің (SCIS) атынан "
    "жұмыс істейтін жекеше мектептер оқушыларға да, олардың ата-аналарына да жоғары деңгейдегі қызмет "
    "көрсетуге ұмтылады."
)

# Professional translations that checks used to flag, and must not.
CLEAN = [
    (  # ntrex128:euronews-en.153835: "380,000" as "380 тысяч"
        "ru",
        "The city of Palu, which has more than 380,000 people, was strewn with debris from collapsed buildings.",
        "Город Палу с населением свыше 380\u00a0тысяч людей был завален обломками обрушившихся домов.",
    ),
    (  # ntrex128:nytimes.184837: a number written as a word
        "ru",
        "More than 1,000 people were killed and tens of thousands dislocated from their homes.",
        "Было убито свыше тысячи людей, и еще десятки тысяч лишились крова.",
    ),
    ("kk", "In Palu, more than 16,000 people were evacuated after the disaster struck.",  # reuters.218865
     "Палуда апаттан кейін 16 мыңнан астам адам эвакуацияланды."),
    (  # flores200 (Montana quake): a 12-hour clock time as 24-hour
        "ru",
        "A moderate earthquake shook western Montana at 10:08 p.m. on Monday.",
        "Умеренное землетрясение произошло в понедельник в западной части штата Монтана в 22:08.",
    ),
    (  # ntrex128:newsweek.51331: pounds converted to kilograms
        "ru",
        "A forensic examination confirmed that the 550 pound hog had mauled the farmer to death, according to the report.",
        "В ходе судебно-медицинской экспертизы было установлено, что свинья весом в 250 килограмм загрызла фермера насмерть.",
    ),
    (  # ntrex128:bbc.381646: a programme's and a broadcaster's names kept in Latin
        "ru",
        "Desert Island Discs is on BBC Radio 4 on Sunday at 11:15 BST.",
        "Desert Island Discs, BBC Radio 4, воскресенье, 11:15 по английскому летнему времени.",
    ),
    ("kk", SCIS_EN, SCIS_KK),  # an acronym kept in parentheses
    ("ru", "He was born in the 17th century.", "Он родился в XVII веке."),  # Roman numerals
    ("ru", "It was their 70th session.", "Это была их семидесятая сессия."),  # an ordinal in words
    ("kk", "It was their 70th session.", "Бұл олардың жетпісінші сессиясы еді."),
    ("ru", "Sales reached 400 thousand units.", "Продажи достигли 400 тыс. единиц."),
    ("ru", "The report (published in 2015) was clear", "Доклад (опубликован в 2015 г.) был ясен"),
    ("ru", "Sainsbury's plans push into UK beauty market", "Сейнсбери выходит на рынок косметики."),  # headline
    (  # a quotation spanning sentences: unbalanced in the English too
        "ru",
        '"They had a six-point lead and now it\'s four.',
        "«У них было преимущество в шесть очков, а теперь четыре.",
    ),
    ("ru", "The city had a budget of 2 million dollars.", "Бюджет города составлял 2 миллиона долларов."),
]


@pytest.mark.parametrize(("lang", "source", "translation"), CLEAN)
def test_professional_translations_are_not_flagged(lang: str, source: str, translation: str) -> None:
    findings = check_entry(Entry(msgid=source, msgstr=translation), CheckContext(lang))
    assert findings == []


FAULTS = [
    ("ru", "It cost 1,200 dollars.", "Это стоило долларов.", "numbers"),
    ("ru", "It cost 1,200 dollars.", "Это стоило 1200 долларов в 2015 году.", "numbers"),  # extra number
    ("kk", SCIS_EN, SCIS_KK.replace(" (SCIS)", ""), "acronym"),
    ("ru", "The UN agency (UNRWA) said so.", "Агентство ООН заявило об этом.", "acronym"),
    ("ru", "He was found not guilty.", "Его признали not guilty.", "latin"),
    ("ru", "He said (twice) no.", "Он сказал (дважды нет.", "brackets"),
    ("ru", "He said no.", "Он сказал «нет.", "brackets"),
    pytest.param("ru", "Knowing languages will equip children with a better chance.",
     "Знание языков даст детям больше шансов на работу в рзавивающихся странах.", "spelling", marks=needs_hunspell("ru")),
    pytest.param("kk", "And above all, will we vote in the midterms for a Congress that will hold Mr. Trump accountable?",
     # ntrex128:nytimes.184830, a professional's own slip
     "Және барлығынан бұрын, аралық сайлауда біз Трампты жауапкершілікке тартатын Конргесс үшін дауыс береміз бе?",
     "spelling", marks=needs_hunspell("kk")),
    ("ru", "The venue was great and the hall was full.", "Зал был полон.", "length"),
    ("ru", "Even freezing rain could not dampen the enthusiasm.", "Даже ледяной дождь не смог", "end-punctuation"),
]


@pytest.mark.parametrize(("lang", "source", "translation", "check"), FAULTS)
def test_defects_are_caught(lang: str, source: str, translation: str, check: str) -> None:
    findings = check_entry(Entry(msgid=source, msgstr=translation), CheckContext(lang))
    assert check in {f.check for f in findings}, findings


@needs_hunspell("ru")
def test_spelling_suggests_the_word_and_spares_names_and_word_lists() -> None:
    entry = Entry(msgid="Beauty sells.", msgstr="Продажи ксометических товаров растут.")
    (finding,) = [f for f in check_entry(entry, CheckContext("ru")) if f.check == "spelling"]
    assert finding.message == "'ксометических' may be a typo (did you mean: косметических?)"
    spared = CheckContext("ru", words=frozenset({"ксометических"}))
    assert not [f for f in check_entry(entry, spared) if f.check == "spelling"]
    name = Entry(msgid="Nicholas Alden, 25, died.", msgstr="Погиб Николас Алден, 25 лет.")  # a name, not Ладен
    assert check_entry(name, CheckContext("ru")) == []


@needs_hunspell("kk")
def test_kazakh_inflected_words_are_words() -> None:
    # Debian's kk_KZ lacks these forms; their stems are in it.
    text = "Компания Қазақстандағы құқықтарын қорғайтынын мәлімдеді."
    entry = Entry(msgid="The company said it would defend its rights in Kazakhstan.", msgstr=text)
    assert [f for f in check_entry(entry, CheckContext("kk")) if f.check == "spelling"] == []


def test_numbers_read_words_scales_and_times() -> None:
    assert read_numbers("сорока восьми", "ru").words >= {"48"}
    assert read_numbers("қырық сегіз", "kk").words >= {"48"}
    assert read_numbers("twenty-fourth", "en").words >= {"24"}
    assert set(read_numbers("£2.8bn and 5.5 million", "en").digits) == {"2800000000", "5500000"}
    assert set(read_numbers("2,8 млрд и 5,5 миллиона", "ru").digits) == {"2800000000", "5500000"}
    assert set(read_numbers("at 4.40 am and 12.00 GMT", "en").digits) == {"4:40", "12:00"}
    assert set(read_numbers("a 100m race", "en").digits) == {"100"}, "m is a metre unless it is money"


def test_a_house_quote_style_is_one_finding_for_the_catalog() -> None:
    entries = [
        Entry(msgid=f'He said "{word}".', msgstr=f"Ол “{word}” деді.") for word in ("yes", "no", "maybe")
    ]
    findings = catalog_findings(entries, CheckContext("kk"))
    quotes = [(msgid, f.message) for msgid, f in findings if f.check == "quotes"]
    assert quotes == [("", "this catalog quotes with “…” in 3 entries: ru and kk use «…» (inner „…“)")]
    mixed = [Entry(msgid=f'He said "{w}".', msgstr=f"Он сказал «{w}».") for w in ("да", "нет")]
    mixed.append(Entry(msgid='He said "maybe".', msgstr='Он сказал "может быть".'))
    findings = catalog_findings(mixed, CheckContext("ru"))
    assert [msgid for msgid, f in findings if f.check == "quotes"] == ['He said "maybe".']


def test_a_lowercased_glossary_name_is_its_own_finding() -> None:
    ctx = CheckContext("ru", terms=(("Nazarbayev", "Назарбаев"),))
    entry = Entry(msgid="Nazarbayev spoke.", msgstr="Выступил назарбаев.")
    assert [f.check for f in check_entry(entry, ctx)] == ["name-case"]


def _catalog(path: Path, lang: str, pairs: list[tuple[str, str]]) -> None:
    header = (("Content-Type", "text/plain; charset=UTF-8"), ("Language", lang))
    save_catalog(path, Catalog(header=header, entries=tuple(Entry(msgid=a, msgstr=b) for a, b in pairs)))


def test_check_po_files_from_any_project(tmp_path: Path) -> None:
    po = tmp_path / "other.po"
    _catalog(po, "ru_RU", [("It cost 1,200 dollars.", "Это стоило долларов."), ("Hello.", "Привет.")])
    result = run_l10n("check", "--json", str(po), cwd=tmp_path, check=False)
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)
    assert finding["check"] == "numbers" and finding["lang"] == "ru" and finding["article"] == "other.po"
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    bad = run_l10n("check", str(broken), cwd=tmp_path, check=False)
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.count("\n") == 1 and "broken.po:" in bad.stderr


def test_one_sentence_reviewed_two_ways_across_the_workspace(workspace: Path) -> None:
    sources = list((workspace / "source_texts").glob("*"))
    assert sources, "the workspace fixture has articles: they are removed so that only two remain"
    for source in sources:
        source.unlink()
    for slug, translation in (("first", "Полиция прибыла."), ("second", "Приехала полиция.")):
        (workspace / "source_texts" / f"{slug}.txt").write_text("The police arrived.\n", encoding="utf-8")
        _catalog(workspace / "locales" / "ru" / "LC_MESSAGES" / f"{slug}.po", "ru", [("The police arrived.", translation)])
    findings = json.loads(run_l10n("check", "--json", "--lang", "ru", cwd=workspace, check=False).stdout)
    assert [(f["check"], f["article"]) for f in findings] == [("consistency", "second")]
    assert "first" in findings[0]["message"] and "Полиция прибыла." in findings[0]["message"]


@needs_hunspell("ru")
def test_workspace_word_list_silences_spelling(workspace: Path) -> None:
    for source in (workspace / "source_texts").glob("*"):
        source.unlink()
    (workspace / "source_texts" / "words.txt").write_text("Beauty sells.\n", encoding="utf-8")
    po = workspace / "locales" / "ru" / "LC_MESSAGES" / "words.po"
    _catalog(po, "ru", [("Beauty sells.", "Продажи ксометических товаров растут.")])
    before = json.loads(run_l10n("check", "--json", "--lang", "ru", cwd=workspace, check=False).stdout)
    assert [f["check"] for f in before] == ["spelling"]
    (workspace / "dictionary").mkdir()
    (workspace / "dictionary" / "ru.txt").write_text("# our words\nКсометических\n", encoding="utf-8")
    assert run_l10n("check", "--json", "--lang", "ru", cwd=workspace).stdout.strip() == "[]"


def test_ci_has_the_hunspell_dictionaries() -> None:
    """Outside CI a missing dictionary skips the spelling tests (with the reason); in CI it must
    not, or the spelling check would go untested without anyone noticing."""
    if os.environ.get("CI") != "true":
        pytest.skip("not in CI (CI=true): without a dictionary the spelling tests skip, saying why")
    missing = [lang for lang in ("ru", "kk") if speller(lang) is None]
    assert missing == [], f"Hunspell dictionaries missing in CI: {missing}; run scripts/setup (hunspell-ru, hunspell-kk, libhunspell)"


# --- each check on its own: a minimal pair (one translation it passes, one it fails) ----------

BY_ID = {check.id: check for check in CHECKS}
NAZARBAYEV = {"terms": (("Nazarbayev", "Назарбаев"),)}


def _findings(check_id: str, source: str | Entry, translation: str = "", lang: str = "ru", **ctx: object) -> list[str]:
    entry = source if isinstance(source, Entry) else Entry(msgid=source, msgstr=translation)
    found = list(BY_ID[check_id](entry, CheckContext(lang, **ctx)))  # type: ignore[arg-type]
    assert all(f.check == check_id for f in found), found
    return [f.severity for f in found]


def passes(check_id: str, source: str | Entry, translation: str = "", lang: str = "ru", **ctx: object) -> bool:
    return _findings(check_id, source, translation, lang, **ctx) == []


def fails(check_id: str, source: str | Entry, translation: str = "", lang: str = "ru", **ctx: object) -> bool:
    return _findings(check_id, source, translation, lang, **ctx) != []


DRAFT = with_draft(Entry(msgid="The police arrived."), "Полиция прибыла.", "argos translate-en_ru 1.9", ())
CONFLICTED = Entry(msgid="The police arrived.", msgstr="Полиция прибыла.", flags=("fuzzy",),
                   tcomment="l10n-conflict: theirs: Приехала полиция.")
RESYNCED = Entry(msgid="The police arrived.", msgstr="Полиция прибыла.", flags=("fuzzy",), previous_msgid="Police came.")

# check id -> (lang, source, a translation it passes, one it fails, context)
PAIRS: dict[str, tuple[str, str | Entry, str | Entry, str | Entry, dict[str, object]]] = {
    "numbers": ("ru", "It cost 1,200 dollars.", "Это стоило 1200 долларов.", "Это стоило 1300 долларов.", {}),
    "protected": ("ru", "See https://example.org now.", "Смотрите https://example.org сейчас.",
                  "Смотрите https://example.com сейчас.", {}),
    "untranslated": ("ru", "The police arrived.", "Полиция прибыла.", "The police arrived.", {}),
    "latin": ("ru", "He was found not guilty.", "Его признали невиновным.", "Его признали not guilty.", {}),
    "language": ("kk", "The police arrived at the scene very quickly today.",
                 "Полиция бүгін оқиға орнына өте тез жетті.",
                 "Полиция прибыла на место происшествия сегодня очень быстро.", {}),
    "acronym": ("ru", "The UN agency (UNRWA) said so.", "Агентство ООН (БАПОР) заявило об этом.",
                "Агентство ООН заявило об этом.", {}),
    "glossary": ("ru", "Nazarbayev spoke.", "Выступил Назарбаев.", "Выступил президент.", NAZARBAYEV),
    "name-case": ("ru", "Nazarbayev spoke.", "Выступил Назарбаев.", "Выступил назарбаев.", NAZARBAYEV),
    "spelling": ("ru", "Beauty sells.", "Продажи косметических товаров растут.",
                 "Продажи ксометических товаров растут.", {}),
    "end-punctuation": ("ru", "The rain could not stop them.", "Дождь их не остановил.", "Дождь их не остановил", {}),
    "brackets": ("ru", "He said (twice) no.", "Он сказал (дважды) нет.", "Он сказал (дважды нет.", {}),
    "markup": ("ru", "Read <a1>the report</a1>.", "Читайте <a1>доклад</a1>.", "Читайте доклад.", {}),
    "quotes": ("ru", 'He said "yes".', "Он сказал «да».", 'Он сказал "да".', {}),
    "length": ("ru", "The venue was great and the hall was full.", "Место было отличным, а зал был полон.",
               "Зал был полон.", {}),
    "whitespace": ("ru", "The police arrived.", "Полиция прибыла.", "Полиция  прибыла.", {}),
    "repeated-word": ("ru", "The police arrived.", "Полиция прибыла.", "Полиция прибыла прибыла.", {}),
    "mt-unknown": ("ru", "It is late.", "Уже поздно.", "Уже \u2047 поздно.", {}),
    "unreviewed-draft": ("ru", "The police arrived.", Entry(msgid="The police arrived.", msgstr="Полиция прибыла."),
                         DRAFT, {}),
    "source-changed": ("ru", "The police arrived.", Entry(msgid="The police arrived.", msgstr="Полиция прибыла."),
                       RESYNCED, {}),
    "merge-conflict": ("ru", "The police arrived.", Entry(msgid="The police arrived.", msgstr="Полиция прибыла."),
                       CONFLICTED, {}),
}


def test_every_check_has_its_minimal_pair() -> None:
    assert sorted(PAIRS) == sorted(BY_ID)


@pytest.mark.parametrize("check_id", [pytest.param(c, marks=needs_hunspell("ru")) if c == "spelling" else c for c in PAIRS])
def test_each_check_passes_and_fails_its_minimal_pair(check_id: str) -> None:
    lang, source, good, bad, ctx = PAIRS[check_id]
    if isinstance(good, Entry):
        assert passes(check_id, good, lang=lang, **ctx)
        assert fails(check_id, bad, lang=lang, **ctx)
    else:
        assert passes(check_id, source, good, lang, **ctx)
        assert fails(check_id, source, bad, lang, **ctx)  # type: ignore[arg-type]


def test_a_check_reports_at_its_declared_severity() -> None:
    assert BY_ID["numbers"].severity == "error" and BY_ID["numbers"].lesser
    assert _findings("numbers", "It cost 1,200 dollars.", "Это стоило 1300 долларов.") == ["error"]
    assert _findings("numbers", "It cost 5 dollars.", "Это стоило 5 долларов в 2015 году.") == ["warning"]
    for check_id, (lang, source, _, bad, ctx) in PAIRS.items():
        if check_id in ("numbers", "spelling"):
            continue
        found = _findings(check_id, bad, lang=lang, **ctx) if isinstance(bad, Entry) else _findings(check_id, source, bad, lang, **ctx)  # type: ignore[arg-type]
        assert set(found) == {BY_ID[check_id].severity}, check_id


def test_a_check_is_declared_once_by_its_name_severity_and_docstring() -> None:
    for check in (*CHECKS, CONSISTENCY):
        assert check.id == check.id.lower() and " " not in check.id
        assert check.title and not check.title[0].islower() and check.title.endswith((".", ")")), check.id
    assert BY_ID["mt-unknown"].find.__name__ == "check_mt_unknown"
    assert BY_ID["end-punctuation"].find.__name__ == "check_end_punctuation"


def test_the_check_table_in_the_docs_is_made_from_the_declarations() -> None:
    doc = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    assert check_table() in doc, "docs/commands.md's check table is out of date: run python scripts/check_table.py"
    assert len(check_table().splitlines()) == len(CHECKS) + 3  # header, rule, the workspace-wide check
