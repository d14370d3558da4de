"""The CLI end to end on a fresh workspace: what the foundation issue must show."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.formats.plaintext import parse_text
from l10n.model import Catalog
from l10n.po.files import load_catalog, save_catalog
from l10n.segment import rebuild

from .conftest import REPO, SEED, SLUG, msgfmt_check, po, run_l10n


def fill(path: Path, translate: Callable[[str], str]) -> Catalog:
    from dataclasses import replace

    catalog = load_catalog(path)
    catalog = replace(catalog, entries=tuple(replace(e, msgstr=translate(e.msgid)) for e in catalog.entries))
    save_catalog(path, catalog)
    return catalog


def test_init_extract_makes_valid_catalogs(extracted: Path) -> None:
    pot = extracted / "locales" / "templates" / f"{SLUG}.pot"
    assert pot.is_file()
    for path in (pot, po(extracted, "ru"), po(extracted, "kk")):
        check = msgfmt_check(path)
        assert check.returncode == 0, check.stderr
    ru, kk = po(extracted, "ru").read_text(encoding="utf-8"), po(extracted, "kk").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=3;' in ru and '"Language: ru\\n"' in ru
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in kk and '"Language: kk\\n"' in kk
    assert "#: " not in ru and "msgctxt" not in ru, "no positions in catalogs"
    # msgfmt with no -c warnings on the PO files (dates, team and translator are filled)
    assert msgfmt_check(po(extracted, "ru")).stderr == ""


def test_identity_translation_rebuilds_the_source(extracted: Path) -> None:
    catalog = fill(po(extracted, "ru"), lambda msgid: msgid)
    table = {e.msgid: e.msgstr for e in catalog.entries}
    text = SEED.read_text(encoding="utf-8")
    assert rebuild(parse_text(SLUG, text), lambda s: table[s.msgid]) == text


def test_second_extract_writes_nothing(extracted: Path) -> None:
    files = sorted((extracted / "locales").rglob("*.po*"))
    stamps = {p: p.stat().st_mtime_ns for p in files}
    result = run_l10n("extract", "--json", cwd=extracted, env={"SOURCE_DATE_EPOCH": "2000000000"})
    assert {r["action"] for r in json.loads(result.stdout)} == {"unchanged"}
    assert {p: p.stat().st_mtime_ns for p in files} == stamps


def test_insert_paragraph_changes_only_its_entries(extracted: Path) -> None:
    fill(po(extracted, "ru"), lambda msgid: "RU " + msgid)
    before = po(extracted, "ru").read_text(encoding="utf-8")
    source = extracted / "source_texts" / SEED.name
    text = source.read_text(encoding="utf-8")
    source.write_text(
        "A brand new opening paragraph. It comes before everything.\n\n" + text, encoding="utf-8"
    )
    run_l10n("extract", cwd=extracted)
    after = po(extracted, "ru").read_text(encoding="utf-8")
    added = (
        '#. paragraph, sentence 1 of 2\nmsgid "A brand new opening paragraph."\nmsgstr ""\n\n'
        '#. paragraph, sentence 2 of 2\nmsgid "It comes before everything."\nmsgstr ""\n\n'
    )
    header_end = before.index("\n\n") + 2

    def strip_date(s: str) -> str:
        return re.sub(r'"POT-Creation-Date: [^"]*"', "", s)

    assert strip_date(after) == strip_date(before[:header_end] + added + before[header_end:])


def test_edit_sentence_gives_fuzzy_with_previous_msgid(extracted: Path) -> None:
    fill(po(extracted, "ru"), lambda msgid: "RU " + msgid)
    source = extracted / "source_texts" / SEED.name
    old = "They stood under umbrellas, making sure everyone was protected."
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            old, "They stood under big umbrellas, making sure everyone was protected."
        ),
        encoding="utf-8",
    )
    removed = "Leave a Reply"
    source.write_text(source.read_text(encoding="utf-8").replace(removed + "\n", ""), encoding="utf-8")
    run_l10n("extract", cwd=extracted)
    catalog = load_catalog(po(extracted, "ru"))
    by_id = {e.msgid: e for e in catalog.entries}
    changed = by_id["They stood under big umbrellas, making sure everyone was protected."]
    assert changed.fuzzy and changed.previous_msgid == old and changed.msgstr == "RU " + old
    assert by_id[removed].obsolete and by_id[removed].msgstr == "RU " + removed
    translated = [e for e in catalog.entries if e.msgstr]
    assert len(translated) == len(by_id), "every translation is still there"
    assert msgfmt_check(po(extracted, "ru")).returncode == 0
    assert '#| msgid "They stood under umbrellas' in po(extracted, "ru").read_text(encoding="utf-8")


def test_status_json_counts(extracted: Path) -> None:
    catalog = load_catalog(po(extracted, "ru"))
    fill(po(extracted, "ru"), lambda msgid: "RU" if msgid == catalog.entries[0].msgid else "")
    records = json.loads(run_l10n("status", "--json", cwd=extracted).stdout)
    ru = next(r for r in records if r["lang"] == "ru")
    total = len(catalog.entries)
    assert ru["entries"] == {"untranslated": total - 1, "draft": 0, "needs_review": 0, "reviewed": 1}
    assert ru["words"]["reviewed"] == len(catalog.entries[0].msgid.split())
    assert ru["ready"] is False and 0 < ru["reviewed_words_ratio"] < 0.01
    table = run_l10n("status", cwd=extracted).stdout
    assert "ru" in table and "kk" in table and str(total - 1) in table


def test_status_of_a_po_path(extracted: Path) -> None:
    records = json.loads(run_l10n("status", "--json", str(po(extracted, "kk")), cwd=extracted.parent).stdout)
    assert records[0]["lang"] == "kk" and records[0]["entries"]["reviewed"] == 0


def test_workspace_found_upwards_and_by_option(extracted: Path) -> None:
    deeper = extracted / "locales" / "ru"
    assert "ru" in run_l10n("status", cwd=deeper).stdout
    assert "ru" in run_l10n("status", "--workspace", str(extracted), cwd=extracted.parent).stdout


def _error(ws: Path, *args: str) -> str:
    result = run_l10n(*args, cwd=ws, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_errors_are_one_line_exit_2(workspace: Path) -> None:
    sources = workspace / "source_texts"
    (sources / "latin1.txt").write_bytes("Title\n\nCaf\xe9 society.\n".encode("latin-1"))
    assert re.fullmatch(
        r"error: .*latin1\.txt:3: not valid UTF-8 \(save the article as UTF-8\)", _error(workspace, "extract")
    )
    (sources / "latin1.txt").unlink()

    (sources / "binary.txt").write_bytes(b"Title\n\x00\x01")
    assert "binary.txt:2: contains a NUL byte" in _error(workspace, "extract")
    (sources / "binary.txt").unlink()

    assert "missing.txt: no such article" in _error(workspace, "extract", "missing.txt")

    run_l10n("extract", cwd=workspace)
    po(workspace, "ru").write_text('msgid "a"\nmsgstr "b"\nthis is not PO\n', encoding="utf-8")
    assert f"{SLUG}.po:3: syntax error" in _error(workspace, "extract")
    assert f"{SLUG}.po:3: syntax error" in _error(workspace, "status")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[project]\ntarget_languages = ["ru", "kk"\n', r"l10n\.toml:\d+: invalid TOML"),
        (
            '[project]\ntarget_langauges = ["ru"]\n',
            r"unknown key 'target_langauges' in \[project\] \(did you mean 'target_languages'\?\)",
        ),
        ('[project]\ntarget_languages = ["ru", "xx"]\n', r"unknown language code 'xx'"),
        ('[extract]\nignore = ["(unclosed"]\n', r"\[extract\] ignore: bad regular expression '\(unclosed'"),
        (
            '[project]\ntarget_languages = ["ru", "kk_Latn"]\n',
            r"kk_Latn is made from kk, which is not a target",
        ),
    ],
)
def test_config_errors(workspace: Path, config: str, message: str) -> None:
    (workspace / "l10n.toml").write_text(config, encoding="utf-8")
    assert re.search(message, _error(workspace, "extract"))


def test_no_workspace(tmp_path: Path) -> None:
    assert "no l10n.toml" in _error(tmp_path, "status")


def test_init_keeps_an_existing_config(workspace: Path) -> None:
    config = workspace / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"kk"]', '"kk", "kk_Latn"]'), encoding="utf-8"
    )
    run_l10n("init", str(workspace), cwd=workspace.parent)
    assert "kk_Latn" in config.read_text(encoding="utf-8")


def test_markdown_article_extracts(workspace: Path) -> None:
    shutil.copy(REPO / "tests" / "data" / "sample.md", workspace / "source_texts" / "sample.md")
    run_l10n("extract", "sample", cwd=workspace)
    path = workspace / "locales" / "ru" / "LC_MESSAGES" / "sample.po"
    assert msgfmt_check(path).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert 'msgid "Heading one"' in text and "Not translated" not in text


def test_python_m_and_version(tmp_path: Path) -> None:
    assert run_l10n("--version", cwd=tmp_path).stdout.startswith("l10n ")
    assert "extract" in run_l10n("--help", cwd=tmp_path).stdout


def test_no_change_extract_skips_parsing_but_notices_any_change(extracted: Path) -> None:
    state = extracted / ".l10n" / "extract-state.json"
    assert state.is_file()
    # a catalog broken after the last run is noticed (its size and time changed)
    po(extracted, "kk").write_text('msgid "a"\nmsgstr "b"\nbroken\n', encoding="utf-8")
    result = run_l10n("extract", cwd=extracted, check=False)
    assert result.returncode == 2 and "syntax error" in result.stderr
    # and with the state gone, everything is parsed again
    state.unlink()
    assert run_l10n("extract", cwd=extracted, check=False).returncode == 2
