"""Newcomer traps: OPUS-MT language tokens chosen from the model, derived languages with their
base's review state, a status table that fits 80 columns, unknown-piece marks reported."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.drafts import with_draft
from l10n.engines.masking import Masked, unmask
from l10n.language.languages import choose_opus_token
from l10n.po.files import load_catalog, save_catalog
from tests.conftest import SLUG, po, run_l10n


@pytest.mark.parametrize(
    ("tokens", "lang", "expected"),
    [
        ([">>kaz_Cyrl<<", ">>rus<<", ">>tat<<"], "kk", ">>kaz_Cyrl<<"),
        ([">>kaz<<", ">>rus<<"], "kk", ">>kaz<<"),
        ([">>kaz<<", ">>kaz_Cyrl<<"], "kk", ">>kaz_Cyrl<<"),  # the script our catalogs use wins
        ([">>kaz_Cyrl<<", ">>rus<<"], "ru", ">>rus<<"),
        ([">>fr<<", ">>es<<"], "ru", None),
        ([">>uzb_Latn<<", ">>uzb_Cyrl<<"], "uz", None),  # two scripts, neither in the table: ambiguous
        ([">>tat_Cyrl<<"], "tat", ">>tat_Cyrl<<"),
    ],
)
def test_opus_token_for_a_language(tokens: list[str], lang: str, expected: str | None) -> None:
    assert choose_opus_token(tokens, lang) == expected


def test_import_opus_mt_finds_the_target_token_itself(
    extracted: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    (extracted / "l10n.toml").write_text(
        (extracted / "l10n.toml").read_text(encoding="utf-8").replace("beam_size = 4", "beam_size = 1"),
        encoding="utf-8",
    )
    said = run_l10n(
        "models",
        "import-opus-mt",
        str(test_models / "opus-mt-en-kk"),
        "--from",
        "en",
        "--to",
        "kk",
        cwd=extracted,
        env=argos_env,
    ).stdout
    assert ">>kaz_Cyrl<<" in said
    listed = json.loads(run_l10n("models", "list", "--json", cwd=extracted, env=argos_env).stdout)
    assert listed[0]["source_prefix"] == [">>kaz_Cyrl<<"]
    assert "source >>kaz_Cyrl<<" in run_l10n("models", "list", cwd=extracted, env=argos_env).stdout
    run_l10n("translate", "--lang", "kk", cwd=extracted, env=argos_env)
    drafts = {e.msgid: e.msgstr for e in load_catalog(po(extracted, "kk")).entries}
    # Without the token the model ate the first piece: "Kazakhstan:" came out as ":".
    title = next(k for k in drafts if k.startswith("Kazakhstan: "))
    assert drafts[title].startswith("Kazakhstan:")
    assert "адамдар" in next(v for k, v in drafts.items() if "about 300 people" in k)


def test_import_opus_mt_refuses_a_model_without_the_target_token(
    extracted: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    result = run_l10n(
        "models",
        "import-opus-mt",
        str(test_models / "opus-mt-en-kk"),
        "--from",
        "en",
        "--to",
        "ru",
        cwd=extracted,
        env=argos_env,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no target-language token for 'ru'" in lines[0] and ">>kaz_Cyrl<<" in lines[0]
    assert not (Path(argos_env["ARGOS_PACKAGES_DIR"]) / "opus-mt-en_ru").exists()
    # An explicit prefix still wins over what the model lists.
    run_l10n(
        "models",
        "import-opus-mt",
        str(test_models / "opus-mt-en-kk"),
        "--to",
        "ru",
        "--source-prefix",
        ">>kaz_Cyrl<<",
        cwd=extracted,
        env=argos_env,
    )


def test_derived_language_takes_the_state_of_its_base(
    extracted: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    for name in ("test-en_ru", "test-en_kk"):
        run_l10n("models", "add", str(test_models / f"{name}.argosmodel"), cwd=extracted, env=argos_env)
    # A translator approves one kk draft: kk_Latn follows.
    run_l10n("run", cwd=extracted, env=argos_env)
    kk = load_catalog(po(extracted, "kk"))
    first = kk.entries[0]
    save_catalog(
        po(extracted, "kk"),
        replace(
            kk,
            entries=(replace(first, flags=tuple(f for f in first.flags if f != "fuzzy")),) + kk.entries[1:],
        ),
    )
    said = run_l10n("run", cwd=extracted, env=argos_env).stdout
    assert "kk_Latn" not in "".join(line for line in said.splitlines() if "to review" in line)
    records = {r["lang"]: r for r in json.loads(run_l10n("status", "--json", cwd=extracted).stdout)}
    assert (
        records["kk_Latn"]["entries"] == records["kk"]["entries"]
        and records["kk_Latn"]["words"] == records["kk"]["words"]
    )
    assert records["kk"]["entries"]["reviewed"] == 1 and records["kk"]["entries"]["draft"] > 0
    assert records["kk_Latn"]["derived_from"] == "kk" and records["kk"]["derived_from"] is None
    # The generated kk_Latn file read on its own gives the same states (its raw MT lines are
    # transliterated like its text).
    latn = po(extracted, "kk_Latn")
    alone = json.loads(run_l10n("status", "--json", str(latn), cwd=extracted).stdout)[0]
    assert alone["entries"] == records["kk"]["entries"]
    table = run_l10n("status", cwd=extracted).stdout
    assert "from kk" in table


def test_status_fits_80_columns(extracted: Path) -> None:
    slugs = [
        "zhanaozen-report-on-the-oil-workers-strike-and-its-aftermath",
        "regional-elections-in-the-south-and-the-west-of-the-country",
    ]
    for slug in slugs:
        shutil.copy(extracted / "source_texts" / f"{SLUG}.txt", extracted / "source_texts" / f"{slug}.txt")
    run_l10n("extract", cwd=extracted)
    run_l10n("build", "--include-drafts", cwd=extracted)
    lines = run_l10n("status", cwd=extracted, env={"COLUMNS": "80"}).stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    text = "\n".join(lines)
    for name in [SLUG, *slugs]:
        assert name in text  # whole, on one line
    for line in lines:
        words = line.split()
        assert not words or not any(w in ("kk_Lat", "kk_La", "kk_L") for w in words)
        assert not any(w != s and len(w) > 4 and s.startswith(w) for w in words for s in slugs)
    assert sum(line.split()[0] == "kk_Latn" for line in lines if line.split()) == 3


def test_unknown_piece_marks_are_recorded_and_reported(extracted: Path) -> None:
    draft, problems = unmask("Жаңаөзен ⁇ s main square", Masked("Zhanaozen's main square", ()))
    assert draft == "Жаңаөзен ⁇ s main square" and any("⁇" in p for p in problems)
    path = po(extracted, "kk")
    catalog = load_catalog(path)
    entry = with_draft(catalog.entries[3], "Жаңаөзен ⁇ s main square", "argos test 1.0", problems)
    save_catalog(path, replace(catalog, entries=catalog.entries[:3] + (entry,) + catalog.entries[4:]))
    assert "l10n-mt-problem: MT met pieces its vocabulary lacks" in path.read_text(encoding="utf-8")
    result = run_l10n("check", "--json", "--lang", "kk", cwd=extracted, check=False)
    findings = json.loads(result.stdout)
    assert [f["check"] for f in findings if f["msgid"] == entry.msgid and f["severity"] == "error"] == [
        "mt-unknown"
    ]
    assert result.returncode == 1
