"""Machine-translation drafts through real Argos packages (built by the project, run by CTranslate2)."""

from __future__ import annotations

import json
import os
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.drafts import provenance, recorded_raw, with_draft
from l10n.engines.argos import ArgosEngine
from l10n.engines.masking import mask, unmask
from l10n.engines.packages import PackageInfo
from l10n.glossary import parse_glossary
from l10n.model import Catalog, Entry
from l10n.po.files import load_catalog, save_catalog
from l10n.po.write import render_po

from .conftest import msgfmt_check, po, run_l10n, set_beam


def entry_blocks(path: Path) -> dict[str, str]:
    """Each entry's exact text in the file, by msgid."""
    catalog = load_catalog(path)
    blocks = render_po(Catalog(header=(), entries=catalog.entries)).split("\n\n")[1:]
    return {e.msgid: b for e, b in zip(catalog.entries, blocks, strict=True)}


# --- pure stages ------------------------------------------------------------------------------


def test_mask_protects_numbers_urls_code_and_terms() -> None:
    text = (
        "A wage of $4-500 a month, 25% interest, $100,000 loans; "
        "see https://example.org/a.html, write a@b.kz, run `make`, [site](http://x.kz/p)."
    )
    masked = mask(text, [("KNB", "КНБ")])
    assert [s.original for s in masked.slots] == [
        "$4-500",
        "25%",
        "$100,000",
        "https://example.org/a.html",
        "a@b.kz",
        "`make`",
        "http://x.kz/p",
    ]
    assert not re.search(r"\d{2}|http|@|`", re.sub(r"ZXQ\d+", "", masked.text))
    assert "_" not in masked.text
    restored, problems = unmask(masked.text, masked)
    assert restored == text and problems == ()


def test_dropped_placeholder_is_reported_and_draft_kept() -> None:
    masked = mask("The KNB detained 20 people.", [("KNB", "КНБ")])
    output = masked.text.replace("ZXQ2", "")  # the engine lost the number
    draft, problems = unmask(output, masked)
    assert "КНБ" in draft
    assert problems == ("MT dropped the number '20'",)


def test_draft_entry_carries_provenance_and_keeps_people_comments() -> None:
    entry = Entry(msgid="Hello.", tcomment="ask Ainur about tone")
    drafted = with_draft(entry, "Привет.", "argos test-en_ru 1.0", ["check the name"])
    assert drafted.fuzzy and drafted.msgstr == "Привет."
    assert drafted.tcomment.split("\n") == [
        "ask Ainur about tone",
        "l10n-mt: argos test-en_ru 1.0",
        "l10n-mt-raw: Привет.",
        "l10n-mt-problem: check the name",
    ]
    assert provenance(drafted) == "argos test-en_ru 1.0" and recorded_raw(drafted) == "Привет."


def test_glossary_errors_name_the_line(tmp_path: Path) -> None:
    from l10n.errors import SourceError

    glossary = parse_glossary(
        "en,ru,kk,note\nKNB,КНБ,ҰҚК,security service\nCWI,,,do not translate\n", "g.csv"
    )
    assert glossary.for_language("kk") == [("KNB", "ҰҚК"), ("CWI", "CWI")]
    with pytest.raises(SourceError, match=r"g\.csv:3: expected 4 columns, found 2"):
        parse_glossary("en,ru,kk,note\nKNB,КНБ,ҰҚК,x\nbad,row\n", "g.csv")


# --- the engine on a real package -----------------------------------------------------------


def _unpacked(test_models: Path, name: str, tmp_path: Path) -> PackageInfo:
    with zipfile.ZipFile(test_models / f"{name}.argosmodel") as archive:
        archive.extractall(tmp_path)
    meta = json.loads((tmp_path / name / "metadata.json").read_text(encoding="utf-8"))
    return PackageInfo(
        path=tmp_path / name,
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        version=meta["package_version"],
        name=name,
        source_prefix=tuple(meta.get("source_prefix", ())),
        target_prefix=(meta["target_prefix"],) if meta.get("target_prefix") else (),
    )


def test_engine_translates_with_ctranslate2(test_models: Path, tmp_path: Path) -> None:
    engine = ArgosEngine(_unpacked(test_models, "test-en_ru", tmp_path), beam_size=4, threads=1)
    sentence = "My friend lives in the old city."
    long = " ".join(["The police came to the conference."] * 12)  # ~100 pieces: no silent truncation
    assert engine.translate([sentence, long]) == [
        "My друг lives in the старый город.",
        " ".join(["The полиция came to the конференция."] * 12),
    ]
    assert engine.translate([sentence]) == ["My друг lives in the старый город."], "deterministic"


def test_engine_strips_target_prefix_at_token_level(test_models: Path, tmp_path: Path) -> None:
    engine = ArgosEngine(_unpacked(test_models, "test-en_kk", tmp_path), beam_size=2, threads=1)
    assert engine.translate(["My friend lives in the old city."]) == ["My дос lives in the ескі қала."]


# --- the CLI end to end -----------------------------------------------------------------------


def test_translate_ru_fills_only_empty_entries(
    extracted: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=extracted, env=argos_env)
    listed = json.loads(run_l10n("models", "list", "--json", cwd=extracted, env=argos_env).stdout)
    assert [(p["name"], p["serves"]) for p in listed] == [("test-en_ru", ["ru"])]

    path = po(extracted, "ru")
    catalog = load_catalog(path)
    human, guess = catalog.entries[2], catalog.entries[3]
    entries = list(catalog.entries)
    entries[2] = replace(
        human, msgstr="Мы ехали по дороге, не зная, куда едем.", tcomment="translated by hand"
    )
    entries[3] = replace(
        guess, msgstr="Старый перевод.", flags=("fuzzy",), previous_msgid="An older version of the sentence."
    )
    save_catalog(path, replace(catalog, entries=tuple(entries)))
    before = entry_blocks(path)
    kk_before = po(extracted, "kk").read_bytes()

    result = json.loads(run_l10n("translate", "--lang", "ru", "--json", cwd=extracted, env=argos_env).stdout)
    assert result["translated"] == len(catalog.entries) - 2 and result["notices"] == []
    after = entry_blocks(path)
    assert after[human.msgid] == before[human.msgid] and after[guess.msgid] == before[guess.msgid]
    assert msgfmt_check(path).returncode == 0

    drafts = [e for e in load_catalog(path).entries if e.msgid not in (human.msgid, guess.msgid)]
    assert all(
        e.fuzzy and e.msgstr and provenance(e) == "argos test-en_ru 1.0" and recorded_raw(e) == e.msgstr
        for e in drafts
    )
    by_id = {e.msgid: e.msgstr for e in drafts}
    assert (
        by_id["By the time we got there, some police had already turned up."]
        == "By the time we got there, some полиция had already turned up."
    )
    assert "$4-500" in by_id["A typical wage would be about $4-500 a month!"]
    assert "$100,000" in next(v for k, v in by_id.items() if "$100,000" in k) and "25%" in next(
        v for k, v in by_id.items() if "25%" in k
    )
    assert po(extracted, "kk").read_bytes() == kk_before  # kk untouched: --lang ru
    assert all(not e.msgstr for e in load_catalog(po(extracted, "kk")).entries)

    stamp = path.stat().st_mtime_ns
    again = json.loads(run_l10n("translate", "--lang", "ru", "--json", cwd=extracted, env=argos_env).stdout)
    assert again["translated"] == 0 and again["segments"] == 0
    assert path.stat().st_mtime_ns == stamp


def _no_tags(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "kaz_Cyrl" not in text and "kaz Cyrl" not in text and "eng_Latn" not in text


def test_kk_with_target_prefix_package(extracted: Path, test_models: Path, argos_env: dict[str, str]) -> None:
    set_beam(extracted, 1)
    run_l10n("models", "add", str(test_models / "test-en_kk.argosmodel"), cwd=extracted, env=argos_env)
    run_l10n("translate", "--lang", "kk", "--engine", "argos", cwd=extracted, env=argos_env)
    _no_tags(po(extracted, "kk"))
    drafts = {e.msgid: e.msgstr for e in load_catalog(po(extracted, "kk")).entries}
    assert (
        drafts["By the time we got there, some police had already turned up."]
        == "By the time we got there, some полиция had already turned up."
    )
    assert "адамдар" in next(v for k, v in drafts.items() if "about 300 people" in k)


def test_kk_through_import_opus_mt(extracted: Path, test_models: Path, argos_env: dict[str, str]) -> None:
    set_beam(extracted, 1)
    run_l10n(
        "models",
        "import-opus-mt",
        str(test_models / "opus-mt-en-kk"),
        "--from",
        "en",
        "--to",
        "kk",
        "--source-prefix",
        ">>kaz_Cyrl<<",
        cwd=extracted,
        env=argos_env,
    )
    listed = json.loads(run_l10n("models", "list", "--json", cwd=extracted, env=argos_env).stdout)
    assert listed[0]["source_prefix"] == [">>kaz_Cyrl<<"] and listed[0]["serves"] == ["kk"]
    run_l10n("translate", "--lang", "kk", cwd=extracted, env=argos_env)
    _no_tags(po(extracted, "kk"))
    assert ">>" not in po(extracted, "kk").read_text(encoding="utf-8")
    drafts = {e.msgid: e.msgstr for e in load_catalog(po(extracted, "kk")).entries}
    assert "адамдар" in next(v for k, v in drafts.items() if "about 300 people" in k)


def test_kk_through_a_ru_pivot(extracted: Path, test_models: Path, argos_env: dict[str, str]) -> None:
    set_beam(extracted, 1)
    config = extracted / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[mt.kk]\npivot = "ru"\n', encoding="utf-8")
    for name in ("test-en_ru", "test-ru_kk"):
        run_l10n("models", "add", str(test_models / f"{name}.argosmodel"), cwd=extracted, env=argos_env)
    run_l10n("translate", "--lang", "kk", "--engine", "argos", cwd=extracted, env=argos_env)
    entries = load_catalog(po(extracted, "kk")).entries
    people = next(e for e in entries if "about 300 people" in e.msgid)
    assert "адамдар" in people.msgstr and "люди" not in people.msgstr
    assert provenance(people) == "pivot test-en_ru+test-ru_kk 1.0+1.0"


def test_glossary_applied_at_mt_time(extracted: Path, test_models: Path, argos_env: dict[str, str]) -> None:
    set_beam(extracted, 1)
    (extracted / "glossary.csv").write_text(
        "en,ru,kk,note\nNazarbayev,Назарбаев,Назарбаев,president\nKNB,КНБ,ҰҚК,\nCWI,,,do not translate\n",
        encoding="utf-8",
    )
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=extracted, env=argos_env)
    result = run_l10n("translate", "--lang", "ru,kk", "--json", cwd=extracted, env=argos_env)  # kk: pseudo
    assert json.loads(result.stdout)["device"] == "cpu", "this machine has no CUDA device"
    ru = {e.msgid: e.msgstr for e in load_catalog(po(extracted, "ru")).entries}
    kk = {e.msgid: e.msgstr for e in load_catalog(po(extracted, "kk")).entries}
    knb = (
        "By the time the conference started, the police and KNB had turned up in force"
        " but as we were in a private yard they could not touch us."
    )
    assert "КНБ" in ru[knb] and "KNB" not in ru[knb]
    assert "ҰҚК" in kk[knb]
    naz = next(k for k in ru if "Nazarbayev has been the leader" in k)
    assert "Назарбаев" in ru[naz]


def test_auto_without_models_uses_pseudo_then_a_real_model_replaces_untouched_drafts(
    extracted: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    set_beam(extracted, 1)
    result = run_l10n("translate", "--lang", "ru", cwd=extracted, env=argos_env)
    assert "no Argos package for en->ru; drafting with the pseudo engine" in result.stderr
    assert "l10n models add" in result.stderr
    path = po(extracted, "ru")
    catalog = load_catalog(path)
    assert all(
        e.fuzzy and e.msgstr.startswith("[ru: ") and provenance(e) == "pseudo pseudo 1"
        for e in catalog.entries
    )
    edited = replace(catalog.entries[0], msgstr="Казахстан: отредактировано человеком")
    save_catalog(path, replace(catalog, entries=(edited,) + catalog.entries[1:]))

    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=extracted, env=argos_env)
    run_l10n("translate", "--lang", "ru", cwd=extracted, env=argos_env)
    after = load_catalog(path).entries
    assert after[0].msgstr == "Казахстан: отредактировано человеком", (
        "a person's edit of a pseudo draft is kept"
    )
    assert all(provenance(e) == "argos test-en_ru 1.0" for e in after[1:])


def test_missing_package_with_argos_engine_is_one_line_exit_2(
    extracted: Path, argos_env: dict[str, str]
) -> None:
    result = run_l10n(
        "translate", "--engine", "argos", "--lang", "kk", cwd=extracted, env=argos_env, check=False
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: no installed Argos package for en->kk "
        "(run 'l10n models install en kk' online, or 'l10n models add FILE.argosmodel')"
    ]


def test_translate_before_extract_is_a_clear_error(workspace: Path, argos_env: dict[str, str]) -> None:
    result = run_l10n("translate", "--engine", "pseudo", cwd=workspace, env=argos_env, check=False)
    assert result.returncode == 2 and "no catalog yet (run 'l10n extract' first)" in result.stderr


# --- package archives are untrusted ----------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return path


GOOD = {
    "pkg/metadata.json": json.dumps({"from_code": "en", "to_code": "ru", "package_version": "1"}).encode(),
    "pkg/sentencepiece.model": b"x",
}


@pytest.mark.parametrize(
    ("members", "symlink", "message"),
    [
        ({**GOOD, "pkg/../../evil.txt": b"owned"}, None, "unsafe path in archive"),
        ({**GOOD, "/tmp/evil-abs.txt": b"owned"}, None, "unsafe path in archive"),
        (GOOD, "pkg/link", "symbolic link"),
        ({"a/metadata.json": b"{}", "b/x": b"y"}, None, "exactly one top-level folder"),
        (
            {"pkg/metadata.json": b"not json", "pkg/model/model.bin": b"", "pkg/sentencepiece.model": b""},
            None,
            "invalid JSON",
        ),
        (GOOD, None, "no model/model.bin"),
    ],
)
def test_bad_archives_are_refused_and_leave_nothing(
    tmp_path: Path, argos_env: dict[str, str], members: dict[str, bytes], symlink: str | None, message: str
) -> None:
    archive = _zip(tmp_path / "bad.argosmodel", members, symlink)
    result = run_l10n("models", "add", str(archive), cwd=tmp_path, env=argos_env, check=False)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    packages = Path(argos_env["ARGOS_PACKAGES_DIR"])
    assert not packages.exists() or list(packages.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil-abs.txt").exists()


def test_not_a_zip(tmp_path: Path, argos_env: dict[str, str]) -> None:
    (tmp_path / "x.argosmodel").write_bytes(b"hello")
    result = run_l10n(
        "models", "add", str(tmp_path / "x.argosmodel"), cwd=tmp_path, env=argos_env, check=False
    )
    assert result.returncode == 2 and "not a zip archive" in result.stderr


def test_install_offline_says_so_in_one_line(tmp_path: Path, argos_env: dict[str, str]) -> None:
    env = {**argos_env, "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}  # nothing listens there
    result = run_l10n("models", "install", "en", "ru", cwd=tmp_path, env=env, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: cannot reach the Argos package index (offline?) "
        "(download the en->ru .argosmodel on a connected machine and run 'l10n models add FILE.argosmodel')"
    ]


# --- interruption -------------------------------------------------------------------------------


def test_interrupted_run_saves_finished_drafts_and_resumes(
    extracted: Path, test_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10n.engines import argos
    from l10n.engines import packages as argos_packages
    from l10n.stages.translate import TranslationInterrupted, translate
    from l10n.workspace import load_workspace

    packages = Path(os.environ["ARGOS_PACKAGES_DIR"])
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    config = extracted / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("beam_size = 4", "beam_size = 1\nbatch_size = 2"),
        encoding="utf-8",
    )
    argos_packages.add_package(test_models / "test-en_ru.argosmodel")
    try:
        ws = load_workspace(extracted, explicit=True)
        calls = {"n": 0}
        real = argos.ArgosEngine.translate

        def stop_on_third(self: argos.ArgosEngine, texts: list[str], progress: object = None) -> list[str]:
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt  # as a Ctrl-C in the middle of the run would
            return real(self, texts)

        monkeypatch.setattr(argos.ArgosEngine, "translate", stop_on_third)
        sources = ws.sources()
        with pytest.raises(TranslationInterrupted) as info:
            translate(ws, sources, ws.languages(["ru"]), "argos")
        saved = sum(r.drafted for r in info.value.report.results)
        assert saved == 32, "two chunks of 16 were finished and saved"
        assert msgfmt_check(po(extracted, "ru")).returncode == 0
        assert sum(bool(e.msgstr) for e in load_catalog(po(extracted, "ru")).entries) == saved

        monkeypatch.setattr(argos.ArgosEngine, "translate", real)
        report = translate(ws, sources, ws.languages(["ru"]), "argos")
        assert report.translated == report.segments - report.from_cache
        assert all(e.msgstr for e in load_catalog(po(extracted, "ru")).entries)
    finally:
        for leftover in packages.glob("test-en_ru"):
            import shutil

            shutil.rmtree(leftover)


def test_batches_of_catalogs_give_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive is translated a batch of catalogs at a time (flat memory): the files are the
    same as from one batch, byte for byte."""
    import shutil

    from l10n.stages import translate as stage
    from l10n.workspace import load_workspace

    results = {}
    for batch in (1, stage.BATCH_CATALOGS):
        root = tmp_path / f"batch-{batch}" / "newsroom"  # the folder's name is in the headers
        root.parent.mkdir()
        run_l10n("init", str(root), cwd=tmp_path)
        seed = next((Path(__file__).parent.parent / "source_texts").glob("*.txt"))
        for number in range(3):
            text = seed.read_text(encoding="utf-8").replace("Almaty", f"Almaty {number}")
            (root / "source_texts" / f"article-{number}.txt").write_text(text, encoding="utf-8")
        run_l10n("extract", cwd=root)
        monkeypatch.setattr(stage, "BATCH_CATALOGS", batch)
        ws = load_workspace(root, explicit=True)
        report = stage.translate(ws, ws.sources(), ws.languages(["ru", "kk"]), "pseudo")
        assert sum(r.drafted for r in report.results) > 0 and len(report.results) == 6
        # The same bytes but for the dates extract stamps (the two workspaces may straddle a minute).
        results[batch] = {
            p.relative_to(root): re.sub(rb'"(POT-Creation|PO-Revision)-Date: [^"]*"', b"", p.read_bytes())
            for p in sorted((root / "locales").rglob("*.po"))
        }
        shutil.rmtree(root / ".l10n", ignore_errors=True)
    assert results[1] == results[stage.BATCH_CATALOGS]


def test_device_choice() -> None:
    from l10n.engines.device import Device, choose_device
    from l10n.errors import EngineUnavailable

    assert choose_device("auto", 0) == Device("cpu", "default")
    assert choose_device("auto", 2) == Device("cuda", "int8_float16")
    assert choose_device("cpu", 2) == Device("cpu", "default")
    assert choose_device("cuda", 1).describe() == "cuda (int8_float16)"
    with pytest.raises(EngineUnavailable, match="sees no CUDA device"):
        choose_device("cuda", 0)


def test_device_setting_is_checked(workspace: Path) -> None:
    config = workspace / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("[mt]", '[mt]\ndevice = "gpu"'), encoding="utf-8"
    )
    result = run_l10n("translate", "--engine", "pseudo", cwd=workspace, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "[mt] device 'gpu' is unknown (use one of auto, cpu, cuda)" in result.stderr
