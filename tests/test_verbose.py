"""What a run says: silent by default, --verbose's account on stderr (what was read, chosen,
skipped and why), and a check that cannot run says so once."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_l10n


def test_silent_by_default(workspace: Path) -> None:
    first = run_l10n("extract", cwd=workspace)
    again = run_l10n("extract", cwd=workspace)
    assert first.stderr == "" and again.stderr == ""


def test_verbose_says_what_was_read_chosen_and_skipped(
    workspace: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=workspace, env=argos_env)
    read = run_l10n("--verbose", "extract", cwd=workspace).stderr
    assert "kazakhstan-2012-conference.txt: read and parsed (" in read
    assert "l10n: cli: workspace " in read
    skipped = run_l10n("extract", "--verbose", cwd=workspace).stderr  # after the command too
    assert (
        "kazakhstan-2012-conference.txt: unchanged since the last extract (source and catalogs); skipped"
        in skipped
    )
    chosen = run_l10n("translate", "--verbose", cwd=workspace, env=argos_env).stderr
    assert "l10n: engines.select: ru: package test-en_ru" in chosen
    assert "l10n: engines.select: kk: no package for en->kk in " in chosen
    assert "0 of 114 texts from the MT cache" in chosen
    assert "notice: kk: no Argos package" in chosen  # the notice, as before
    run_l10n("translate", "--lang", "ru", "--engine", "pseudo", cwd=workspace, env=argos_env)
    built = run_l10n("build", "--verbose", cwd=workspace).stderr
    assert "kazakhstan-2012-conference/ru: skipped: 0% of words reviewed, 100% needed" in built


def test_verbose_errors_show_their_cause(workspace: Path) -> None:
    (workspace / "l10n.toml").write_text("not toml\n", encoding="utf-8")
    plain = run_l10n("status", cwd=workspace, check=False)
    assert plain.returncode == 2 and plain.stderr.count("\n") == 1
    verbose = run_l10n("status", "--verbose", cwd=workspace, check=False)
    assert verbose.returncode == 2 and "Traceback" in verbose.stderr and "TOMLDecodeError" in verbose.stderr
    assert verbose.stderr.strip().splitlines()[-1] == plain.stderr.strip()


def test_a_missing_dictionary_is_said_once(workspace: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-dictionaries"
    empty.mkdir()
    env = {"L10N_HUNSPELL_DIRS": str(empty), "L10N_HUNSPELL_PATH": ""}
    run_l10n("extract", cwd=workspace)
    run_l10n("translate", "--engine", "pseudo", cwd=workspace)
    text = run_l10n("check", cwd=workspace, env=env, check=False)
    notices = [line for line in text.stderr.splitlines() if line.startswith("notice:")]
    assert notices == [
        "notice: spelling: no ru dictionary (install hunspell-ru); skipped",
        "notice: spelling: no kk dictionary (install hunspell-kk); skipped",
    ]
    records = json.loads(run_l10n("check", "--json", cwd=workspace, env=env, check=False).stdout)
    said = [r for r in records if r["severity"] == "notice"]
    assert [(r["check"], r["lang"], r["message"]) for r in said] == [
        ("spelling", "ru", "spelling: no ru dictionary (install hunspell-ru); skipped"),
        ("spelling", "kk", "spelling: no kk dictionary (install hunspell-kk); skipped"),
    ]
    assert not any(r["check"] == "spelling" and r["severity"] != "notice" for r in records)
    with_dictionaries = run_l10n("check", "--json", cwd=workspace, check=False)
    assert not [r for r in json.loads(with_dictionaries.stdout) if r["severity"] == "notice"]
