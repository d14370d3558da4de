"""Corrections: a changed number, URL or name flows into reviewed translations and republished
editions with no human step; anything less certain stays a fuzzy guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10n.model import Catalog, Entry
from l10n.po.corrections import Change, apply_changes, span_changes
from l10n.po.files import load_catalog, save_catalog
from l10n.review_state import entry_state

from .conftest import SLUG, po, run_l10n

MORTGAGE = "her city of Chimkent would be for $100,000 over ten years at 25%."


@pytest.mark.parametrize(
    ("old", "new", "translation", "expected"),
    [
        # the translator's own number style is kept
        (
            "It cost $100,000.",
            "It cost $120,000.",
            "Это стоило 100 000 долларов.",
            "Это стоило 120 000 долларов.",
        ),
        (
            "It cost $100,000.",
            "It cost $120,000.",
            "Бұл 100\u00a0000 доллар тұрды.",
            "Бұл 120\u00a0000 доллар тұрды.",
        ),
        ("It cost $100,000.", "It cost $120,000.", "It cost $100,000.", "It cost $120,000."),
        (
            "Growth was 3.5 percent.",
            "Growth was 4.25 percent.",
            "Рост составил 3,5 процента.",
            "Рост составил 4,25 процента.",
        ),
        (
            "About 300 people came.",
            "About 350 people came.",
            "Пришли около 300 человек.",
            "Пришли около 350 человек.",
        ),
        (
            "See https://a.kz/x.html now.",
            "See https://a.kz/y.html now.",
            "См. https://a.kz/x.html.",
            "См. https://a.kz/y.html.",
        ),
        ("Write to a@b.kz today.", "Write to c@b.kz today.", "Пишите a@b.kz.", "Пишите c@b.kz."),
        (
            "Read it on socialistworld.net.",
            "Read it on socialistworld.org.",
            "Читайте на socialistworld.net.",
            "Читайте на socialistworld.org.",
        ),
    ],
)
def test_spans_change_in_the_translation(old: str, new: str, translation: str, expected: str) -> None:
    changes = span_changes(old, new)
    assert changes is not None
    assert apply_changes(old, translation, changes) == expected


def test_a_glossary_name_changes_to_its_required_translation() -> None:
    changes = span_changes("Nazarbayev met Putin.", "Tokayev met Putin.", ["Nazarbayev", "Tokayev"])
    assert changes == [Change("term", "Nazarbayev", "Tokayev")]
    targets = {"Nazarbayev": "Назарбаев", "Tokayev": "Токаев"}
    assert (
        apply_changes("Nazarbayev met Putin.", "Назарбаев встретился с Путиным.", changes, targets)
        == "Токаев встретился с Путиным."
    )


@pytest.mark.parametrize(
    ("old", "new", "translation"),
    [
        (
            "It cost $100 and $100 more.",
            "It cost $120 and $100 more.",
            "100 и ещё 100",
        ),  # the old value twice in the source
        (
            "About 300 came.",
            "About 350 came.",
            "Пришли 300 человек, из них 300 женщин.",
        ),  # twice in the translation
        ("About 300 came.", "About 350 came.", "Пришли триста человек."),  # not in the translation at all
        ("See https://a.kz/x now.", "See https://a.kz/y now.", "См. сайт."),  # the URL was dropped
    ],
)
def test_uncertain_updates_are_refused(old: str, new: str, translation: str) -> None:
    changes = span_changes(old, new)
    assert changes is not None and apply_changes(old, translation, changes) is None


def test_a_wording_change_is_not_a_span_change() -> None:
    assert span_changes("The police came at 5.", "The army came at 6.") is None
    assert span_changes("The police came.", "The police came.") is None


def _edit_seed(root: Path, *pairs: tuple[str, str]) -> None:
    path = root / "source_texts" / f"{SLUG}.txt"
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


SEED_CHANGES = (
    ("$100,000", "$120,000"),
    ("about 300 people", "about 350 people"),
    ("socialistworld.net", "socialistworld.org"),
)


def test_seed_correction_flows_into_every_edition(repo_copy: Path) -> None:
    run_l10n("build", cwd=repo_copy)
    before = {r["lang"]: r for r in json.loads(run_l10n("status", "--json", cwd=repo_copy).stdout)}
    assert not any(r["stale"] for r in before.values())
    _edit_seed(repo_copy, *SEED_CHANGES)
    records = {r["lang"]: r for r in json.loads(run_l10n("status", "--json", cwd=repo_copy).stdout)}
    assert all(
        records[lang]["stale"] and "source article changed" in records[lang]["stale_reason"]
        for lang in ("ru", "kk", "kk_Latn")
    )
    run_l10n("run", cwd=repo_copy)
    for lang in ("ru", "kk"):
        entries = load_catalog(po(repo_copy, lang)).entries
        auto = [e for e in entries if "l10n-auto:" in e.tcomment]
        assert len(auto) == 3 and all(entry_state(e) == "reviewed" for e in auto)
        assert any('"100,000" -> "120,000"' in e.tcomment for e in auto)
    ru = (repo_copy / "editions" / "ru" / f"{SLUG}.txt").read_text(encoding="utf-8")
    kk = (repo_copy / "editions" / "kk" / f"{SLUG}.txt").read_text(encoding="utf-8")
    latn = (repo_copy / "editions" / "kk_Latn" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert "120 000 долларов" in ru and "около 350 человек" in ru and "socialistworld.org" in ru
    assert "120 000 доллар" in kk and "350 адам" in kk
    assert ru.startswith("Обновлено ") and kk.startswith("Жаңартылды ") and latn.startswith("Jañartyldy ")
    assert "Обновлено" in (repo_copy / "editions" / "ru" / f"{SLUG}.html").read_text(encoding="utf-8")
    corrections = json.loads((repo_copy / "editions" / "corrections.json").read_text(encoding="utf-8"))
    assert {(c["lang"], c["entries"], c["auto"]) for c in corrections} == {
        ("ru", 3, 3),
        ("kk", 3, 3),
        ("kk_Latn", 3, 3),
    }
    assert not any(r["stale"] for r in json.loads(run_l10n("status", "--json", cwd=repo_copy).stdout))
    # A rebuild with nothing changed: no new note, no file rewritten.
    edition = repo_copy / "editions" / "ru" / f"{SLUG}.txt"
    stamp = edition.stat().st_mtime_ns
    run_l10n("build", cwd=repo_copy)
    assert edition.stat().st_mtime_ns == stamp
    assert len(json.loads((repo_copy / "editions" / "corrections.json").read_text(encoding="utf-8"))) == 3


def test_a_wording_change_stays_a_fuzzy_guess_and_the_last_edition_is_kept(repo_copy: Path) -> None:
    run_l10n("build", cwd=repo_copy)
    edition = repo_copy / "editions" / "ru" / f"{SLUG}.txt"
    published = edition.read_bytes()
    _edit_seed(repo_copy, ("$100,000 over ten years", "$120,000 over twelve years"))
    run_l10n("extract", cwd=repo_copy)
    changed = next(e for e in load_catalog(po(repo_copy, "ru")).entries if "twelve years" in e.msgid)
    assert changed.fuzzy and changed.previous_msgid and "l10n-auto" not in changed.tcomment
    said = run_l10n("build", cwd=repo_copy).stdout
    assert "skipped" in said and edition.read_bytes() == published


def test_auto_update_can_be_switched_off(repo_copy: Path) -> None:
    config = repo_copy / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("[extract]", "[extract]\nauto_update = false"),
        encoding="utf-8",
    )
    _edit_seed(repo_copy, ("about 300 people", "about 350 people"))
    run_l10n("extract", cwd=repo_copy)
    changed = next(e for e in load_catalog(po(repo_copy, "ru")).entries if "about 350 people" in e.msgid)
    assert changed.fuzzy and "300" in changed.msgstr


def test_an_ambiguous_catalog_entry_becomes_fuzzy_not_wrong(repo_copy: Path) -> None:
    path = po(repo_copy, "ru")
    catalog = load_catalog(path)
    entries = tuple(
        Entry(msgid=e.msgid, msgstr="Около 300 человек, а потом ещё 300.", comment=e.comment)
        if "about 300 people" in e.msgid
        else e
        for e in catalog.entries
    )
    save_catalog(path, Catalog(catalog.header, entries, catalog.header_comment, catalog.header_flags))
    _edit_seed(repo_copy, ("about 300 people", "about 350 people"))
    run_l10n("extract", cwd=repo_copy)
    changed = next(e for e in load_catalog(path).entries if "about 350 people" in e.msgid)
    assert changed.fuzzy and changed.msgstr == "Около 300 человек, а потом ещё 300."


def test_memory_fills_a_sentence_that_differs_only_in_a_number(workspace: Path) -> None:
    (workspace / "source_texts" / "one.txt").write_text(
        "First report\n\nThe strike cost the company $5,000,000 in May.\n", encoding="utf-8"
    )
    run_l10n("extract", cwd=workspace)
    path = po(workspace, "ru", "one")
    catalog = load_catalog(path)
    done = {
        "The strike cost the company $5,000,000 in May.": (
            "Забастовка обошлась компании в 5 000 000 долларов в мае."
        )
    }
    save_catalog(
        path,
        Catalog(
            catalog.header,
            tuple(
                Entry(msgid=e.msgid, msgstr=done.get(e.msgid, "Первый отчёт"), comment=e.comment)
                for e in catalog.entries
            ),
            catalog.header_comment,
            catalog.header_flags,
        ),
    )
    (workspace / "source_texts" / "two.txt").write_text(
        "Second report\n\nThe strike cost the company $7,500,000 in May.\n", encoding="utf-8"
    )
    run_l10n("extract", cwd=workspace)
    run_l10n("translate", "--lang", "ru", "--engine", "pseudo", cwd=workspace)
    entry = next(e for e in load_catalog(po(workspace, "ru", "two")).entries if "7,500,000" in e.msgid)
    assert entry.fuzzy and entry.msgstr == "Забастовка обошлась компании в 7 500 000 долларов в мае."
    assert "memory 100% with changes" in entry.tcomment
