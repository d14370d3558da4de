"""Review: states from the PO file alone, status against msgfmt, checks on planted faults, report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.checks import CheckContext, check_entry
from l10n.drafts import with_draft
from l10n.model import Catalog, Entry
from l10n.po.files import load_catalog, save_catalog
from l10n.po.read import parse_po
from l10n.review_state import entry_state

from .conftest import REPO, SLUG, run_l10n

REAL = sorted((REPO / "tests" / "data" / "real").glob("*.po"))
HEADER = (("Content-Type", "text/plain; charset=UTF-8"), ("Language", "ru"))


def test_states() -> None:
    draft = with_draft(Entry(msgid="Hello."), "Привет.", "argos m 1", [])
    assert entry_state(Entry(msgid="Hello.")) == "untranslated"
    assert entry_state(draft) == "draft"
    assert entry_state(replace(draft, msgstr="Здравствуйте.")) == "needs_review", "an edited draft"
    assert entry_state(replace(draft, flags=())) == "reviewed", "approved by clearing fuzzy"
    assert (
        entry_state(Entry(msgid="Hi.", msgstr="Привет.", flags=("fuzzy",), previous_msgid="Hi!"))
        == "needs_review"
    )
    assert entry_state(Entry(msgid="Hi.", msgstr="Привет.", flags=("fuzzy",))) == "needs_review"
    assert entry_state(Entry(msgid="Hi.", msgstr="", flags=("fuzzy",))) == "untranslated", (
        "as msgfmt counts it"
    )


def _msgfmt_statistics(path: Path) -> dict[str, int]:
    out = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=True
    ).stderr
    found = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", out):
        found[kind] = int(number)
    return found


def _agrees(record: dict[str, object], path: Path) -> None:
    entries = record["entries"]
    assert isinstance(entries, dict)
    expected = _msgfmt_statistics(path)
    assert entries["reviewed"] == expected["translated"], path
    assert entries["draft"] + entries["needs_review"] == expected["fuzzy"], path
    assert entries["untranslated"] == expected["untranslated"], path


def test_status_agrees_with_msgfmt_on_real_catalogs(tmp_path: Path) -> None:
    paths = [shutil.copy(p, tmp_path / p.name) for p in REAL]
    # a catalog with fuzzy entries made by gettext itself: msgmerge against a changed template
    pot = tmp_path / "changed.pot"
    subprocess.run(["msgcat", "-o", str(pot), str(tmp_path / "django-kk.po")], check=True)
    text = pot.read_text(encoding="utf-8")
    text = re.sub(r'msgid "(Arabic|Danish|Welsh|German|Greek)"', lambda m: f'msgid "{m.group(1)}s"', text)
    pot.write_text(text, encoding="utf-8")
    merged = tmp_path / "merged-kk.po"
    subprocess.run(
        ["msgmerge", "--quiet", "-o", str(merged), str(tmp_path / "django-kk.po"), str(pot)], check=True
    )
    assert _msgfmt_statistics(merged)["fuzzy"] >= 3
    paths.append(merged)
    records = json.loads(run_l10n("status", "--json", *map(str, paths), cwd=tmp_path).stdout)
    assert len(records) == len(paths)
    for record, path in zip(records, paths, strict=True):
        _agrees(record, Path(path))


def test_real_catalogs_survive_our_read_write(tmp_path: Path) -> None:
    for source in REAL:
        path = tmp_path / source.name
        catalog = load_catalog(source)
        save_catalog(path, catalog)
        assert load_catalog(path) == catalog
        diff = subprocess.run(
            ["msgcmp", "--use-untranslated", str(path), str(source)], capture_output=True, text=True
        )
        assert diff.returncode == 0, diff.stderr
        assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)]).returncode == 0


# --- checks on planted faults ------------------------------------------------------------------

GLOSSARY = "en,ru,kk,note\nNazarbayev,Назарбаев,Назарбаев,\nKNB,КНБ,ҰҚК,\nNAN,,,initials: keep\n"

CLEAN_RU = {
    "We spoke to Gulaisha Musiltaeva, who said that a typical mortgage would be"
    " for $100,000 over ten years at 25%.": (
        "Мы поговорили с Гулайшей Мусилтаевой, которая рассказала, что типичная ипотека"
        " составляет 100 000 долларов на десять лет под 25 %."
    ),
    "Police and KNB start turning up": "Начинают прибывать полиция и КНБ",
    "A large placard read, “Change the politicians or they will change you!”": (
        "Большой плакат гласил: «Смените политиков, или они изменят вас!»"
    ),
    "See https://example.org/report.html for details.": "Подробности: https://example.org/report.html.",
    "Nazarbayev’s former son-in-law is in exile.": "Бывший зять Назарбаева находится в изгнании.",
}
FAULTY_RU = {
    "Her neighbour had taken out a $5,000 loan and now has to pay back $25,000!": (
        "numbers",
        "Её соседка взяла кредит в 5000 долларов, а теперь должна вернуть 15 000 долларов!",
    ),
    "Read the full report at https://example.org/kz.html today.": (
        "protected",
        "Полный отчёт можно прочитать сегодня на сайте.",
    ),
    "The venue was great.": ("untranslated", "The venue was great."),
    "Ainur Kurmanov was found not guilty.": ("latin", "Айнур Курманов был признан not guilty."),
    'They called it "the NAN bread".': ("quotes", 'Они называли это "хлеб NAN".'),
    "Nazarbayev has been the leader of the country since 1986.": (
        "glossary",
        "Он руководит этой страной с 1986 года.",
    ),
    "Even freezing rain could not dampen the enthusiasm.": (
        "end-punctuation",
        "Даже ледяной дождь не смог охладить энтузиазм",
    ),
}
CLEAN_KK = {"The police and KNB had turned up in force.": "Полиция мен ҰҚК қызметкерлері көп болып келді."}
FAULTY_KK = {
    "By then the police had turned up in force.": (
        "language",
        "К тому времени в полном составе прибыла вся полиция.",
    )
}


def _write_catalog(path: Path, lang: str, pairs: dict[str, str]) -> None:
    header = (("Content-Type", "text/plain; charset=UTF-8"), ("Language", lang))
    save_catalog(
        path, Catalog(header=header, entries=tuple(Entry(msgid=k, msgstr=v) for k, v in pairs.items()))
    )


@pytest.fixture
def planted(workspace: Path) -> Path:
    (workspace / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    (workspace / "source_texts" / f"{SLUG}.txt").unlink()
    (workspace / "source_texts" / "planted.txt").write_text("Planted\n", encoding="utf-8")
    base = workspace / "locales"
    _write_catalog(
        base / "ru" / "LC_MESSAGES" / "planted.po",
        "ru",
        {**CLEAN_RU, **{k: v for k, (_, v) in FAULTY_RU.items()}},
    )
    _write_catalog(
        base / "kk" / "LC_MESSAGES" / "planted.po",
        "kk",
        {**CLEAN_KK, **{k: v for k, (_, v) in FAULTY_KK.items()}},
    )
    return workspace


def test_check_finds_each_planted_fault_and_nothing_on_clean_entries(planted: Path) -> None:
    result = run_l10n("check", "--json", cwd=planted, check=False)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    by_entry: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        assert set(f) == {"check", "severity", "article", "lang", "msgid", "message"}
        by_entry.setdefault((f["lang"], f["msgid"]), set()).add(f["check"])
    for lang, faulty in (("ru", FAULTY_RU), ("kk", FAULTY_KK)):
        for msgid, (check_id, _) in faulty.items():
            assert check_id in by_entry.get((lang, msgid), set()), (
                f"{lang}: {check_id} not reported on {msgid!r}"
            )
    for lang, clean in (("ru", CLEAN_RU), ("kk", CLEAN_KK)):
        for msgid in clean:
            assert (lang, msgid) not in by_entry, (
                f"false alarm on a clean {lang} entry: {by_entry.get((lang, msgid))}"
            )


def test_ignore_flag_silences_one_check_on_one_entry(planted: Path) -> None:
    path = planted / "locales" / "ru" / "LC_MESSAGES" / "planted.po"
    catalog = load_catalog(path)
    entries = tuple(
        replace(e, flags=("ignore-latin",), tcomment="Ainur keeps the Latin spelling on request")
        if e.msgid.startswith("Ainur")
        else e
        for e in catalog.entries
    )
    save_catalog(path, replace(catalog, entries=entries))
    findings = json.loads(run_l10n("check", "--json", "--lang", "ru", cwd=planted, check=False).stdout)
    assert not any(f["check"] == "latin" for f in findings)
    assert any(f["check"] == "numbers" for f in findings)


def test_check_exit_codes(planted: Path) -> None:
    for path in (planted / "locales").rglob("planted.po"):
        catalog = load_catalog(path)
        clean = CLEAN_RU if "/ru/" in str(path) else CLEAN_KK
        save_catalog(path, replace(catalog, entries=tuple(e for e in catalog.entries if e.msgid in clean)))
    assert run_l10n("check", cwd=planted).returncode == 0
    path = planted / "locales" / "ru" / "LC_MESSAGES" / "planted.po"
    catalog = load_catalog(path)
    save_catalog(
        path,
        replace(
            catalog, entries=catalog.entries + (Entry(msgid="The the end.", msgstr="Конец конец.", flags=()),)
        ),
    )
    assert run_l10n("check", cwd=planted).returncode == 0, "warnings alone pass"
    assert run_l10n("check", "--strict", cwd=planted, check=False).returncode == 1
    assert "repeated-word" in run_l10n("check", "--strict", cwd=planted, check=False).stdout


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("It cost $100,000.", "Это стоило 100 000 долларов.", set()),
        ("It cost $100,000.", "Это стоило 100 000 долларов.", set()),
        ("Rates were 25%.", "Ставки были 25 %.", set()),
        ("Growth was 3.5 percent.", "Рост составил 3,5 процента.", set()),
        ("It cost $4-500.", "Это стоило 4-500 долларов.", set()),
        ("It cost $4-500.", "Это стоило 4-600 долларов.", {"numbers"}),
        ("Shares rose and fell.", "Акции и и росли и падали.", {"repeated-word"}),
        ("Shares rose and fell.", "Акции росли  и падали.", {"whitespace"}),
        ("He said (twice) no.", "Он сказал (дважды нет.", {"brackets"}),
        ("Use `make test` now.", "Запустите `make` сейчас.", {"protected"}),
        ("See [the site](https://x.kz/a).", "Смотрите [сайт](https://x.kz/b).", {"protected"}),
    ],
)
def test_single_checks(source: str, translation: str, expected: set[str]) -> None:
    found = {f.check for f in check_entry(Entry(msgid=source, msgstr=translation), CheckContext(lang="ru"))}
    assert found == expected


# --- report after a review in a PO editor --------------------------------------------------------


def test_status_and_report_after_editing_in_a_po_editor(
    extracted: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    config = extracted / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("beam_size = 4", "beam_size = 1"), encoding="utf-8"
    )
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=extracted, env=argos_env)
    run_l10n("translate", "--lang", "ru", cwd=extracted, env=argos_env)
    path = extracted / "locales" / "ru" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = load_catalog(path)
    entries = list(catalog.entries)
    # the reviewer approves 10 drafts as they are, edits and approves 5 (adding "!!"), edits 3
    # without approving, and leaves the rest as drafts
    for i in range(10):
        entries[i] = replace(entries[i], flags=())
    for i in range(10, 15):
        entries[i] = replace(entries[i], msgstr=entries[i].msgstr + "!!", flags=())
    for i in range(15, 18):
        entries[i] = replace(entries[i], msgstr=entries[i].msgstr + " (?)")
    save_catalog(path, replace(catalog, entries=tuple(entries)))
    # the editor saves with its own line wrapping
    subprocess.run(["msgcat", "--width=40", "-o", str(path), str(path)], check=True)
    assert parse_po(path.read_text(encoding="utf-8")).entries == tuple(entries)

    (record,) = json.loads(run_l10n("status", "--json", "--lang", "ru", cwd=extracted).stdout)
    total = len(entries)
    assert record["entries"] == {"untranslated": 0, "draft": total - 18, "needs_review": 3, "reviewed": 15}
    _agrees(record, path)

    (report,) = json.loads(run_l10n("report", "--json", "--lang", "ru", cwd=extracted).stdout)
    assert report["engine"] == "argos test-en_ru 1.0"
    assert report["reviewed_drafts"] == 15 and report["accepted_unchanged"] == 10
    assert report["accepted_unchanged_share"] == round(10 / 15, 4)
    assert report["edit_distance_mean"] == round(5 * 2 / 15, 2)
    from sacrebleu.metrics.chrf import CHRF  # as l10n.stages.review does (explicit export)

    raws = [e.msgstr for e in catalog.entries[:15]]
    finals = [e.msgstr for e in entries[:15]]
    assert report["chrf"] == round(CHRF().corpus_score(raws, [finals]).score, 2)
    assert 90 < report["chrf"] < 100


def test_real_catalogs_keep_every_comment_and_pass_check(tmp_path: Path) -> None:
    from l10n.glossary import Glossary
    from l10n.stages.review import check_catalog

    for source in REAL:
        ours = tmp_path / source.name
        save_catalog(ours, load_catalog(source))
        normalised = [
            subprocess.run(["msgcat", str(p)], capture_output=True, text=True, check=True).stdout
            for p in (source, ours)
        ]
        assert normalised[0] == normalised[1], f"{source.name}: msgcat sees a difference"
        lang = load_catalog(source).header_value("Language") or "ru"
        check_catalog(source.stem, lang, load_catalog(source), Glossary())  # runs on foreign catalogs
