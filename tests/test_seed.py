"""The repo's own workspace: the seed article, translated and reviewed by hand in ru and kk."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from l10n.dismissals import reasons
from l10n.po.files import load_catalog
from l10n.workspace import load_workspace

from .conftest import REPO, SLUG, run_l10n


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_seed_catalogs_are_valid_reviewed_and_match_the_source(lang: str) -> None:
    path = REPO / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0
    catalog = load_catalog(path)
    template = load_catalog(REPO / "locales" / "templates" / f"{SLUG}.pot")
    assert [e.msgid for e in catalog.entries] == [e.msgid for e in template.entries], (
        "in step with the article"
    )
    assert all(e.msgstr and not e.fuzzy and not e.obsolete for e in catalog.entries), "every entry reviewed"
    assert catalog.header_value("Last-Translator") and "l10n project" in (
        catalog.header_value("Language-Team") or ""
    )


def test_template_is_what_extract_makes_of_the_article(repo_copy: Path) -> None:
    result = json.loads(run_l10n("extract", "--json", cwd=repo_copy).stdout)
    assert {r["action"] for r in result} == {"unchanged"}, "catalogs in git are up to date with the article"


def test_seed_status_and_check(repo_copy: Path) -> None:
    records = json.loads(run_l10n("status", "--json", cwd=repo_copy).stdout)
    assert {
        (r["lang"], r["ready"], r["reviewed_words_ratio"]) for r in records if r["lang"] in ("ru", "kk")
    } == {("ru", True, 1.0), ("kk", True, 1.0)}
    assert json.loads(run_l10n("check", "--json", "--strict", cwd=repo_copy).stdout) == []


def test_silenced_findings_say_why() -> None:
    for lang in ("ru", "kk"):
        for entry in load_catalog(REPO / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po").entries:
            assert not any(f.startswith("ignore-") for f in entry.flags), (
                "dismissals are comments (Poedit drops unknown flags)"
            )
            for check, reason in reasons(entry).items():
                assert reason.strip(), f"{lang}: {entry.msgid!r} dismisses {check} without a reason"


def test_seed_editions(repo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "editions"
    run_l10n("build", "--out", str(out), cwd=repo_copy)
    ru = (out / "ru" / f"{SLUG}.txt").read_text(encoding="utf-8")
    kk = (out / "kk" / f"{SLUG}.txt").read_text(encoding="utf-8")
    latn = (out / "kk_Latn" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert ru.startswith("Казахстан: «Смените политиков, или они сменят вас!»")
    assert kk.startswith("Қазақстан: «Саясаткерлерді ауыстырыңдар")
    assert latn.startswith("Qazaqstan: «Saiasatkerlerdı auystyryñdar") and not re.search(
        "[\u0400-\u04ff]", latn
    )
    for text in (ru, kk, latn):
        assert "Patreon" not in text and "Leave a Reply" not in text, "CMS boilerplate is not published"
        assert "English" not in text


def test_boilerplate_rule_is_configured_and_applied() -> None:
    ws = load_workspace(REPO, explicit=True)
    assert ws.config.ignore
    template = [e.msgid for e in load_catalog(REPO / "locales" / "templates" / f"{SLUG}.pot").entries]
    assert "Leave a Reply" not in template and "Liked this article?" not in template
    assert "A short video can be viewed on:" in template


def test_seed_outputs_are_byte_identical(repo_copy: Path) -> None:
    """The seed's catalogs, MO files and editions as the release before the redesign made them
    (tests/golden/seed-outputs.sha256): a refactoring changes none of their bytes. A deliberate
    change to an output format updates the manifest in the same commit."""
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    run_l10n("extract", cwd=repo_copy, env=env)
    run_l10n("build", cwd=repo_copy, env=env)
    expected = dict(
        line.split("  ")[::-1]
        for line in (REPO / "tests" / "golden" / "seed-outputs.sha256").read_text().splitlines()
    )
    found = {
        str(p.relative_to(repo_copy)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("locales", "editions")
        for p in sorted((repo_copy / folder).rglob("*"))
        if p.is_file()
    }
    assert found == expected
