"""Translation memory: reviewed sentences reused across articles; TMX in and out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from l10n.drafts import provenance
from l10n.memory import Memory, Unit, normalise
from l10n.po.files import load_catalog, save_catalog

from .conftest import SLUG, po, run_l10n

SHARED = [
    "By the time we got there, some police had already turned up.",
    "Not enough, however, to block the venue.",
    "They stood under umbrellas, making sure everyone was protected.",
]
NEAR = "By the time we arrived there, some police had already turned up."
NEW = ["A second article about the floods in the north.", "Nobody from the regime came to the meeting."]


def review_all(path: Path, prefix: str) -> None:
    catalog = load_catalog(path)
    save_catalog(
        path,
        replace(
            catalog, entries=tuple(replace(e, msgstr=f"{prefix}{e.msgid}", flags=()) for e in catalog.entries)
        ),
    )


def second_article(ws: Path) -> None:
    text = (
        "Floods in the north\n\n"
        + " ".join(NEW[:1] + SHARED[:2])
        + "\n\n"
        + " ".join([SHARED[2], NEAR, NEW[1]])
        + "\n"
    )
    (ws / "source_texts" / "floods.txt").write_text(text, encoding="utf-8")


def test_second_article_reuses_reviewed_sentences(extracted: Path, argos_env: dict[str, str]) -> None:
    review_all(po(extracted, "ru", SLUG), "RU: ")
    second_article(extracted)
    run_l10n("extract", cwd=extracted, env=argos_env)
    result = json.loads(
        run_l10n(
            "translate",
            "floods",
            "--lang",
            "ru",
            "--engine",
            "pseudo",
            "--json",
            cwd=extracted,
            env=argos_env,
        ).stdout
    )
    assert result["from_memory"] == len(SHARED)
    assert result["translated"] == 1 + len(NEW) + 1  # the title, the new sentences and the near match
    entries = {e.msgid: e for e in load_catalog(po(extracted, "ru", "floods")).entries}
    for sentence in SHARED:
        assert entries[sentence].msgstr == f"RU: {sentence}" and entries[sentence].fuzzy
        assert provenance(entries[sentence]) == f"memory 100% from {SLUG}"
    near = entries[NEAR]
    assert provenance(near) == "pseudo pseudo 1", "a fuzzy match is never used as the translation"
    assert f"l10n-tm: memory 92%: {SHARED[0]} → RU: {SHARED[0]} ({SLUG})" in near.tcomment.split("\n"), repr(
        near.tcomment
    )
    status = json.loads(run_l10n("status", "floods", "--json", "--lang", "ru", cwd=extracted).stdout)[0]
    assert status["entries"]["draft"] == len(entries)


def test_conflicting_reviews_prefer_the_most_recent(extracted: Path, argos_env: dict[str, str]) -> None:
    second_article(extracted)
    (extracted / "source_texts" / "third.txt").write_text(f"Third\n\n{SHARED[1]}\n", encoding="utf-8")
    run_l10n("extract", "--lang", "ru", cwd=extracted)
    review_all(po(extracted, "ru", SLUG), "OLD: ")
    os.utime(po(extracted, "ru", SLUG), (time.time() - 3600, time.time() - 3600))
    review_all(po(extracted, "ru", "third"), "NEW: ")
    run_l10n("translate", "floods", "--lang", "ru", "--engine", "pseudo", cwd=extracted, env=argos_env)
    entry = next(e for e in load_catalog(po(extracted, "ru", "floods")).entries if e.msgid == SHARED[1])
    assert entry.msgstr == f"NEW: {SHARED[1]}"
    assert (
        provenance(entry) == "memory 100% from third; 2 reviewed translations differ, the most recent is used"
    )


def test_po2tmx_import_and_our_export_round_trip(
    extracted: Path, tmp_path: Path, argos_env: dict[str, str]
) -> None:
    # A TMX written by another tool: Translate Toolkit's po2tmx, from a reviewed catalog.
    outside = tmp_path / "outside.po"
    review_all(po(extracted, "ru", SLUG), "ВНЕШНИЙ: ")
    outside.write_bytes(po(extracted, "ru", SLUG).read_bytes())
    review_all(po(extracted, "ru", SLUG), "")  # ours: back to English-as-translation, not used below
    tmx = tmp_path / "outside.tmx"
    subprocess.run(
        [str(Path(sys.executable).parent / "po2tmx"), "-l", "ru-RU", str(outside), str(tmx)],
        check=True,
        capture_output=True,
    )
    assert b'xml:lang="ru-RU"' in tmx.read_bytes() or b"xml:lang='ru-RU'" in tmx.read_bytes()

    (extracted / ".l10n").mkdir(exist_ok=True)
    run_l10n("tm", "import", str(tmx), "--trusted", cwd=extracted)
    stats = json.loads(run_l10n("tm", "stats", "--json", cwd=extracted).stdout)
    tmx_source = next(s for s in stats["sources"] if s["source"] == "tmx:outside.tmx")
    assert tmx_source["lang"] == "ru" and tmx_source["units"] == len(load_catalog(outside).entries)

    second_article(extracted)
    (extracted / "source_texts" / f"{SLUG}.txt").unlink()
    run_l10n("extract", "floods", "--lang", "ru", cwd=extracted)
    run_l10n("translate", "floods", "--lang", "ru", "--engine", "pseudo", cwd=extracted, env=argos_env)
    entry = next(e for e in load_catalog(po(extracted, "ru", "floods")).entries if e.msgid == SHARED[0])
    assert entry.msgstr == f"ВНЕШНИЙ: {SHARED[0]}" and provenance(entry) == "memory 100% from tmx:outside.tmx"

    # our export re-imports into an empty memory with the same units
    exported = tmp_path / "ours.tmx"
    run_l10n("tm", "export", str(exported), "--lang", "ru", cwd=extracted)
    with Memory(extracted / ".l10n" / "tm.sqlite") as memory:
        before = sorted((u.source, u.lang, u.target) for u in memory.units("ru", trusted_only=True))
    fresh = tmp_path / "fresh"
    run_l10n("init", str(fresh), cwd=tmp_path)
    run_l10n("tm", "import", str(exported), "--trusted", cwd=fresh)
    with Memory(fresh / ".l10n" / "tm.sqlite") as memory:
        after = sorted((u.source, u.lang, u.target) for u in memory.units("ru"))
    assert after == before and len(after) > 100


def test_untrusted_import_only_suggests(extracted: Path, tmp_path: Path, argos_env: dict[str, str]) -> None:
    tmx = tmp_path / "freelancer.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
        '<header srclang="en-GB" segtype="sentence" datatype="plaintext" adminlang="en"'
        ' creationtool="x" creationtoolversion="1" o-tmf="x"/>'
        f'<body><tu><tuv xml:lang="en-GB"><seg>{SHARED[0]}</seg></tuv>'
        '<tuv xml:lang="kk-Cyrl-KZ"><seg>Біз барғанда полиция келіп қойған еді.</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    run_l10n("tm", "import", str(tmx), cwd=extracted)
    run_l10n("translate", "--lang", "kk", "--engine", "pseudo", cwd=extracted, env=argos_env)
    entry = next(e for e in load_catalog(po(extracted, "kk", SLUG)).entries if e.msgid == SHARED[0])
    assert provenance(entry) == "pseudo pseudo 1"
    assert (
        "l10n-tm: memory 100% (imported, not trusted): "
        "Біз барғанда полиция келіп қойған еді. (tmx:freelancer.tmx)" in entry.tcomment
    )


def test_rebuild_restores_the_memory_from_catalogs(extracted: Path) -> None:
    review_all(po(extracted, "ru", SLUG), "RU: ")
    state = extracted / ".l10n"
    if state.exists():
        import shutil

        shutil.rmtree(state)
    run_l10n("tm", "rebuild", cwd=extracted)
    stats = json.loads(run_l10n("tm", "stats", "--json", cwd=extracted).stdout)
    assert stats["languages"][0]["pair"] == "en-ru" and stats["languages"][0]["units"] == len(
        load_catalog(po(extracted, "ru", SLUG)).entries
    )


def test_exact_match_ignores_spacing_and_typographic_quotes(tmp_path: Path) -> None:
    with Memory(tmp_path / "tm.sqlite") as memory:
        memory.add([Unit("He said “no”  twice.", "ru", "Он дважды сказал «нет».", "a", True, 1.0)])
        assert [u.target for u in memory.exact('He said "no" twice.', "ru")] == ["Он дважды сказал «нет»."]
        assert memory.exact('He said "no" twice.', "kk") == []
        assert normalise(" a \n b ") == "a b"
        (match,) = memory.fuzzy("He said no three times.", "ru", threshold=50)
        assert 50 <= match.score < 100
