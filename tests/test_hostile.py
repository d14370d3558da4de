"""Reliability, round two: each hostile input found by testing, reproduced exactly. None may lose
data, corrupt a file, hang or print a traceback (one line on stderr, exit 2)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from l10n.checks import CheckContext, check_entry
from l10n.drafts import recorded_raw, with_draft, with_suggestions
from l10n.errors import CatalogError
from l10n.fileio import cache_load, cache_store
from l10n.formats.markdown import parse_markdown
from l10n.model import Catalog, Entry
from l10n.po.files import load_catalog, save_catalog
from l10n.po.read import parse_po
from l10n.po.write import render_po
from l10n.segment import rebuild

from .conftest import LINEAR_GROWTH, SEED, SLUG, growth, msgfmt_check, no_temporaries, po, run_l10n, set_beam

if TYPE_CHECKING:
    from playwright.sync_api import Dialog
    from selectolax.lexbor import LexborHTMLParser, LexborNode

BOUND = 60  # seconds: generous, so that only a hang (or minutes of backtracking) fails


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in result.stderr, (
        result.stderr
    )
    for word in words:
        assert word in lines[0]


# --- 1. Markdown that markdown-it rewrites -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "msgid"),
    [
        ("- item and\n\tcontinued.\n", "item and continued."),  # a tab-indented continuation
        (
            "| Party | Seats |\n| --- | --- |\n| Nur Otan \\| Ak Zhol | 83 |\n",
            "Nur Otan | Ak Zhol",
        ),  # escaped pipe
        ("Para one.\fStill para.\n", "Still para."),  # form feed
        ("Line one\u2028line two.\n", "Line one\u2028line two."),  # U+2028 line separator
    ],
)
def test_markdown_that_markdown_it_rewrites_is_mapped(text: str, msgid: str) -> None:
    document = parse_markdown("a", text)
    assert rebuild(document) == text
    assert msgid in [s.msgid for b in document.blocks for s in b.segments]


@pytest.mark.parametrize(
    "text",
    [  # shapes a fuzzer found where markdown-it rewrites more than the aligner follows
        "\x0c\nSent. Next- \u2028\x85Sent. Next word.\n\x0b",
        "  \x1c\\|\n\n\u2028\t\n*em*| a | b |\n| --- | --- |\n| Word\x0b",
        "# \x0c\n\x0c\u2028\x0c\r\nSent. Next\\|  \x0c\\*\\|",
        "\r\nSent. Next\r\n-   > \u2028\n\x1c\r\n\\*\r\n  ",
        "\n\n\x1c# \n word.\n\n\u2028\n\x1c\r\n\u2028 word.\n",
    ],
)
def test_markdown_never_stops_a_run(text: str) -> None:
    document = parse_markdown("a", text)
    assert rebuild(document) == text  # the block it cannot split is one entry, never an error


def test_markdown_article_with_a_tab_continuation_extracts_and_builds(workspace: Path) -> None:
    (workspace / "source_texts" / "list.md").write_text(
        "# Demands\n\n- higher wages and\n\tshorter hours.\n", encoding="utf-8"
    )
    run_l10n("extract", cwd=workspace)
    run_l10n("build", "--include-drafts", cwd=workspace)
    assert (
        (workspace / "editions" / "ru" / "list.md").read_text(encoding="utf-8").endswith("\tshorter hours.\n")
    )


# --- 2, 3. Patterns and the PO writer grow linearly ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shape", "n"),
    [
        (lambda n: "Introduction" + "." * n + "3", 3000),
        (lambda n: "Sincerely yours." + "_" * n, 20_000),
        (lambda n: "x" * n + "@", 200_000),
        (lambda n: "a" + "@b" * n, 50_000),
    ],
    ids=["dot-leaders", "underscores", "token-then-at", "at-signs"],
)
def test_checks_grow_linearly_on_hostile_text(shape: Callable[[int], str], n: int) -> None:
    def run(size: int, i: int) -> None:  # a new text each run: no cache answers
        for lang in ("ru", "kk"):  # each language's own checks too (kk's language check was quadratic)
            check_entry(
                Entry(msgid="Sincerely yours.", msgstr=f"{i} " + shape(size)), CheckContext(lang=lang)
            )

    assert growth(run, n) < LINEAR_GROWTH


@pytest.mark.slow
def test_po_writer_grows_linearly_on_a_huge_string() -> None:
    def run(size: int, i: int) -> None:
        words = f"{i} " + " ".join(f"слово{k}" for k in range(size))
        render_po(
            Catalog(
                header=(("Content-Type", "text/plain; charset=UTF-8"),),
                entries=(Entry(msgid="long", msgstr=words),),
            )
        )

    assert growth(run, 20_000) < LINEAR_GROWTH


def test_po_writer_writes_a_huge_string_msgfmt_accepts(tmp_path: Path) -> None:
    words = " ".join(f"слово{i}" for i in range(150_000))  # ~1.6 MB of words on one line
    catalog = Catalog(
        header=(("Content-Type", "text/plain; charset=UTF-8"),), entries=(Entry(msgid="long", msgstr=words),)
    )
    text = render_po(catalog)
    assert parse_po(text).entries[0].msgstr == words
    path = tmp_path / "big.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0


# --- 4, 17. Sources: links out of the workspace, two files for one article ----------------------


def test_a_link_out_of_the_workspace_is_refused(workspace: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes. Not for publication.\n", encoding="utf-8")
    (workspace / "source_texts" / "leak.txt").symlink_to(secret)
    _one_line_error(run_l10n("extract", cwd=workspace, check=False), "leak.txt", "outside the workspace")
    assert not (workspace / "locales" / "templates" / "leak.pot").exists()


def test_two_sources_with_one_slug_are_one_clear_error(workspace: Path) -> None:
    shutil.copy(SEED, workspace / "source_texts" / f"{SLUG}.md")
    _one_line_error(run_l10n("extract", cwd=workspace, check=False), "same name")
    assert not (workspace / "locales" / "templates" / f"{SLUG}.pot").exists()


# --- 5. A sentence longer than the model's positions ---------------------------------------------


def test_a_sentence_too_long_for_the_model_is_translated_in_parts(
    workspace: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    set_beam(workspace, 1)
    long = " ".join(["The police came to the square and the people waited there for the leaders"] * 20) + "."
    (workspace / "source_texts" / "long.txt").write_text(
        f"A headline here\n\n{long}\n\nThe police came.\n", encoding="utf-8"
    )
    run_l10n("extract", cwd=workspace)
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=workspace, env=argos_env)
    result = run_l10n("translate", "--lang", "ru", cwd=workspace, env=argos_env, check=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    entries = {e.msgid: e for e in load_catalog(po(workspace, "ru", "long")).entries}
    assert entries["The police came."].msgstr  # the rest went on
    assert entries[long].msgstr and "l10n-mt-problem:" in entries[long].tcomment


# --- 6, 7, 10. Packages: wrong types, a killed install, a zip bomb --------------------------------


def _package(tmp_path: Path, meta: dict[str, object], name: str = "bad") -> Path:
    archive = tmp_path / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"{name}/metadata.json", json.dumps(meta))
        z.writestr(f"{name}/model/model.bin", b"\0" * 16)
        z.writestr(f"{name}/sentencepiece.model", b"\0" * 16)
    return archive


@pytest.mark.parametrize(
    "meta",
    [
        {"from_code": "en", "to_code": "ru", "source_languages": "en"},
        {"from_code": 1, "to_code": "ru"},
        {"from_code": ["en"], "to_code": "ru"},
        {"from_code": "en", "to_code": "ru", "target_prefix": 5},
    ],
)
def test_a_package_with_wrong_types_is_refused(
    workspace: Path, tmp_path: Path, argos_env: dict[str, str], meta: dict[str, object]
) -> None:
    _one_line_error(
        run_l10n("models", "add", str(_package(tmp_path, meta)), cwd=workspace, env=argos_env, check=False),
        "metadata.json",
    )
    assert not (Path(argos_env["ARGOS_PACKAGES_DIR"]) / "bad").exists()
    run_l10n("models", "list", cwd=workspace, env=argos_env)


def test_a_broken_package_already_installed_breaks_nothing(
    workspace: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    packages = Path(argos_env["ARGOS_PACKAGES_DIR"])
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=workspace, env=argos_env)
    broken = packages / "broken"
    broken.mkdir()
    (broken / "metadata.json").write_text('{"from_code": 1, "to_code": "kk"}', encoding="utf-8")
    (packages / ".l10n-install-abc123").mkdir()  # left by an install killed with SIGKILL
    listed = run_l10n("models", "list", cwd=workspace, env=argos_env)
    assert "test-en_ru" in listed.stdout and "broken" in listed.stderr
    run_l10n("extract", cwd=workspace)
    run_l10n("translate", "--lang", "ru", cwd=workspace, env=argos_env)
    run_l10n("models", "remove", "broken", cwd=workspace, env=argos_env)
    assert not broken.exists()


def test_a_killed_install_leaves_nothing_in_the_packages_folder(
    workspace: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    """SIGKILL in the middle of `models add`: the half-unpacked package is not in the folder
    argostranslate reads, and the next command works."""
    env = {**os.environ, **argos_env}
    packages = Path(argos_env["ARGOS_PACKAGES_DIR"])
    script = (
        "import sys, zipfile; from l10n.engines import packages\n"
        "real = zipfile.ZipFile.extractall\n"
        "def slow(self, path=None, *a, **k):\n"
        "    real(self, path, *a, **k); print(path, flush=True); import time; time.sleep(60)\n"
        "zipfile.ZipFile.extractall = slow\n"
        f"packages.add_package(__import__('pathlib').Path({str(test_models / 'test-en_ru.argosmodel')!r}))\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None  # stdout=PIPE
    staged = Path(process.stdout.readline().strip())
    process.kill()
    process.wait()
    assert staged.exists() and packages not in staged.parents
    assert not [p for p in packages.iterdir() if p.name.startswith(".")] if packages.exists() else True
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=workspace, env=argos_env)
    assert "test-en_ru" in run_l10n("models", "list", cwd=workspace, env=argos_env).stdout
    assert not staged.exists()  # the leftover of the killed install was cleaned


def test_a_zip_bomb_is_refused(workspace: Path, tmp_path: Path, argos_env: dict[str, str]) -> None:
    archive = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb/metadata.json", json.dumps({"from_code": "en", "to_code": "ru"}))
        z.writestr("bomb/model/model.bin", b"\0" * (200 * 1024**2))  # 200 MB of zeros, ~200 KB packed
        z.writestr("bomb/sentencepiece.model", b"\0")
    _one_line_error(
        run_l10n("models", "add", str(archive), cwd=workspace, env=argos_env, check=False), "expands to"
    )
    assert not (Path(argos_env["ARGOS_PACKAGES_DIR"]) / "bomb").exists()


# --- 8. A parent killed with SIGKILL --------------------------------------------------------------


def test_workers_die_with_a_killed_parent_and_leftovers_are_cleaned(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    run_l10n("init", str(root), cwd=tmp_path)
    text = SEED.read_text(encoding="utf-8")
    for i in range(40):
        (root / "source_texts" / f"a{i:02}.txt").write_text(
            text.replace("Kazakhstan", f"Kazakhstan {i}"), encoding="utf-8"
        )
    env = {**os.environ, "L10N_JOBS": "2"}
    process = subprocess.Popen(
        [sys.executable, "-m", "l10n", "extract"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    process.kill()
    process.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        time.sleep(0.1)
    assert not any(
        Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
        for pid in children
    )
    result = run_l10n("extract", cwd=root)  # the lock is free, the run completes
    assert "busy" not in result.stderr
    no_temporaries(root)
    assert ".*.tmp" in (root / ".gitignore").read_text(encoding="utf-8")


# --- 9. Write failures ----------------------------------------------------------------------------


def _limited(command: list[str], cwd: Path, limit: int) -> subprocess.CompletedProcess[str]:
    """The CLI with a file-size limit (ulimit -f): writes past it fail as on a full disk."""
    script = (
        f"import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
        f"from l10n.cli import main; sys.argv = ['l10n', *{command!r}]; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_write_failures_are_one_line_and_damage_nothing(extracted: Path) -> None:
    before = {p: p.read_bytes() for p in (extracted / "locales").rglob("*.po")}
    (extracted / "source_texts" / f"{SLUG}.txt").write_text(
        SEED.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8"
    )
    _one_line_error(_limited(["extract"], extracted, 2000))
    assert {p: p.read_bytes() for p in before} == before
    no_temporaries(extracted / "locales")


def test_build_out_naming_a_file_or_nothing(extracted: Path) -> None:
    (extracted / "afile").write_text("x", encoding="utf-8")
    _one_line_error(run_l10n("build", "--out", "afile", cwd=extracted, check=False), "is a file")
    _one_line_error(run_l10n("build", "--out", "", cwd=extracted, check=False), "mix")


def test_file_size_limit_in_build_is_one_line(extracted: Path) -> None:
    _one_line_error(_limited(["build", "--include-drafts"], extracted, 2000))


def test_a_broken_database_is_one_line(extracted: Path) -> None:
    state = extracted / ".l10n"
    state.mkdir(exist_ok=True)
    (state / "tm.sqlite").write_bytes(b"this is not a database" * 100)
    _one_line_error(run_l10n("tm", "rebuild", cwd=extracted, check=False), "database")


# --- 11. Line breaks in our comments --------------------------------------------------------------


def test_carriage_returns_in_recorded_text_keep_the_file_valid(tmp_path: Path) -> None:
    entry = with_suggestions(
        with_draft(Entry(msgid="a"), "line\rbreak\u2028here", "argos x 1", ("a\rb",)), ["memory 90%: x\ry"]
    )
    path = tmp_path / "cr.po"
    save_catalog(
        path,
        Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"), ("Language", "ru")), entries=(entry,)),
    )
    assert msgfmt_check(path).returncode == 0
    import polib

    polib.pofile(str(path))  # polib rejected the raw CR
    back = load_catalog(path).entries[0]
    assert recorded_raw(back) == "line\rbreak\u2028here"


# --- 12, 13, TMX: nesting, counts, the round trip -------------------------------------------------


def test_deeply_nested_tmx_is_read(workspace: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "deep.tmx"
    deep = "<hi>" * 3000 + "word" + "</hi>" * 3000
    tmx.write_text(
        f'<tmx version="1.4"><header srclang="en"/><body><tu>'
        f'<tuv xml:lang="en"><seg>A {deep}</seg></tuv><tuv xml:lang="ru"><seg>Б</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    said = run_l10n("tm", "import", str(tmx), cwd=workspace).stdout
    assert "1 unit" in said


def test_tmx_round_trip_keeps_units_and_trust(repo_copy: Path, tmp_path: Path) -> None:
    run_l10n("tm", "rebuild", cwd=repo_copy)
    foreign = tmp_path / "foreign.tmx"
    foreign.write_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>Only a suggestion.</seg></tuv>'
        '<tuv xml:lang="ru-RU"><seg>Только подсказка.</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    assert "Imported 1 unit" in run_l10n("tm", "import", str(foreign), cwd=repo_copy).stdout
    first = tmp_path / "ru.tmx"
    said = run_l10n("tm", "export", str(first), "--lang", "ru", cwd=repo_copy).stdout
    count = int(said.split()[1])
    assert count == 108  # 107 reviewed sentences of the seed and the imported suggestion
    elsewhere = tmp_path / "elsewhere"
    run_l10n("init", str(elsewhere), cwd=tmp_path)
    assert f"Imported {count} unit(s)" in run_l10n("tm", "import", str(first), cwd=elsewhere).stdout
    stats = json.loads(run_l10n("tm", "stats", "--json", cwd=elsewhere).stdout)
    assert stats["languages"][0]["units"] == count and stats["languages"][0]["trusted"] == count - 1
    second = tmp_path / "again.tmx"
    run_l10n("tm", "export", str(second), "--lang", "ru", cwd=elsewhere)

    def units(path: Path) -> set[tuple[str, str, str]]:
        from l10n.tmx import parse_tmx

        return {(u.source, u.target, str(u.trusted)) for u in parse_tmx(path.read_bytes(), path)}

    assert units(first) == units(second) and len(units(first)) == count
    _one_line_error(
        run_l10n("tm", "export", str(tmp_path / "x.tmx"), "--lang", "xx", cwd=repo_copy, check=False), "xx"
    )


# --- 14. Settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "word"),
    [
        ('[project]\ntarget_languages = ["ru", ["kk"]]\n', "target_languages"),
        ('[extract]\nignore = ["a{99999999999}"]\n', "ignore"),
        ('[extract]\nignore = ["(a+)+$"]\n', "repeats a repetition"),
        ("[mt]\nbeam_size = 9223372036854775807\n", "beam_size"),
        ("[mt]\nbatch_size = 9223372036854775807\n", "batch_size"),
        ("[mt]\nbeam_size = 100000\n", "beam_size"),
    ],
)
def test_bad_settings_are_one_line(workspace: Path, setting: str, word: str) -> None:
    (workspace / "l10n.toml").write_text(setting, encoding="utf-8")
    _one_line_error(run_l10n("extract", cwd=workspace, check=False), word)


def test_bad_source_date_epoch_and_config_folder(workspace: Path, tmp_path: Path) -> None:
    _one_line_error(
        run_l10n("build", cwd=workspace, env={"SOURCE_DATE_EPOCH": "99999999999999"}, check=False),
        "SOURCE_DATE_EPOCH",
    )
    folder = tmp_path / "odd"
    (folder / "l10n.toml").mkdir(parents=True)
    _one_line_error(run_l10n("init", str(folder), cwd=tmp_path, check=False), "not a file")


# --- 15. PO escapes as msgfmt reads them ----------------------------------------------------------


def test_po_escapes_follow_msgfmt(tmp_path: Path) -> None:
    head = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    catalog = parse_po(head + 'msgid "a"\nmsgstr "\\x41\\102"\n')
    assert catalog.entries[-1].msgstr == "AB"
    assert 'msgstr "AB"' in render_po(catalog)
    for bad in ("\\'", "\\?"):
        with pytest.raises(CatalogError):
            parse_po(head + f'msgid "a"\nmsgstr "x{bad}"\n')
        path = tmp_path / "bad.po"
        path.write_text(head + f'msgid "a"\nmsgstr "x{bad}"\n', encoding="utf-8")
        assert msgfmt_check(path).returncode != 0  # msgfmt refuses it too


def test_header_flags_and_duplicate_fields_survive() -> None:
    text = '#, no-wrap\nmsgid ""\nmsgstr ""\n"Language: ru\\n"\n"X-Note: one\\n"\n"X-Note: two\\n"\n'
    catalog = parse_po(text)
    assert catalog.header_flags == ("no-wrap",)
    assert [v for k, v in catalog.header if k == "X-Note"] == ["one", "two"]
    assert render_po(catalog).startswith("#, no-wrap\n")


def test_a_linked_catalog_stays_a_link(extracted: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.po"
    path = po(extracted, "ru")
    shutil.move(path, real)
    path.symlink_to(real)
    (extracted / "source_texts" / f"{SLUG}.txt").write_text(
        SEED.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8"
    )
    run_l10n("extract", cwd=extracted)
    assert path.is_symlink() and "A new sentence." in real.read_text(encoding="utf-8")


# --- 16. Draft notice below the front matter ------------------------------------------------------


def test_draft_notice_goes_below_front_matter(workspace: Path) -> None:
    (workspace / "source_texts" / "fm.md").write_text(
        "---\ntitle: A day\ndate: 2011-09-14\n---\n\nThe police came.\n", encoding="utf-8"
    )
    run_l10n("extract", cwd=workspace)
    run_l10n("translate", "--engine", "pseudo", cwd=workspace)
    run_l10n("build", "--include-drafts", cwd=workspace)
    edition = (workspace / "editions" / "ru" / "fm.md").read_text(encoding="utf-8")
    assert edition.startswith("---\n") and "> **" in edition.split("---\n", 2)[2]


# --- 18. Caches are never unpickled unless this user's l10n wrote them -----------------------------


def test_a_planted_cache_never_runs(tmp_path: Path) -> None:
    slot = tmp_path / "slot.pickle"
    cache_store(slot, b"key", {"parsed": True})
    assert cache_load(slot, b"key") == {"parsed": True}

    class Boom:
        def __reduce__(self) -> tuple[Callable[[str], int], tuple[str]]:
            return (os.system, (f"touch {tmp_path / 'pwned'}",))

    import pickle

    slot.write_bytes(b"\0" * 32 + pickle.dumps((b"", Boom())))
    assert cache_load(slot, b"key") is None and not (tmp_path / "pwned").exists()


# --- extras: one unreadable article does not stop another's build ----------------------------------


def test_one_unreadable_article_does_not_stop_another(extracted: Path) -> None:
    bad = extracted / "source_texts" / "broken.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    run_l10n("build", SLUG, "--include-drafts", cwd=extracted)
    assert "cannot read the article" in (extracted / "editions" / "index.html").read_text(encoding="utf-8")


# --- interrupts -----------------------------------------------------------------------------------


def test_ctrl_c_answers_at_once_and_keeps_finished_drafts(
    workspace: Path, tmp_path: Path, argos_env: dict[str, str]
) -> None:
    """The full-size test model never emits </s>: every sentence decodes to its cap. Ctrl-C in
    the middle must answer within seconds, keep what finished, and a re-run completes."""
    models = tmp_path / "models"
    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).parent.parent / "scripts" / "make_test_model.py"),
            str(models),
            "--full",
        ],
        check=True,
        capture_output=True,
    )
    config = workspace / "l10n.toml"
    # Beam 1 and small chunks (8 x batch_size sentences): the cache fills as the run goes.
    config.write_text(
        config.read_text(encoding="utf-8").replace("beam_size = 4", "beam_size = 1\nbatch_size = 2"),
        encoding="utf-8",
    )
    text = SEED.read_text(encoding="utf-8")
    for i in range(3):
        copy = " ".join(f"{word}{i}" if word.isalpha() else word for word in text.split(" "))
        (workspace / "source_texts" / f"copy{i}.txt").write_text(copy, encoding="utf-8")
    run_l10n("extract", cwd=workspace)
    run_l10n("models", "add", str(models / "full-en_ru.argosmodel"), cwd=workspace, env=argos_env)
    env = {**os.environ, **argos_env, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "l10n", "translate", "--lang", "ru"],
        cwd=workspace,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    cache = workspace / ".l10n" / "mt-cache.sqlite"
    deadline = time.monotonic() + 120
    cached = 0
    while time.monotonic() < deadline and cached == 0 and process.poll() is None:
        time.sleep(0.5)
        try:
            cached = sqlite3.connect(cache).execute("SELECT count(*) FROM mt").fetchone()[0]
        except sqlite3.Error:
            cached = 0
    assert process.poll() is None, "translate finished before it could be interrupted"
    signalled = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=BOUND)
    assert time.monotonic() - signalled < 15, "Ctrl-C must answer within seconds"
    assert process.returncode == 130 and "Traceback" not in err, err
    kept = sum(
        1 for p in (workspace / "locales" / "ru").rglob("*.po") for e in load_catalog(p).entries if e.msgstr
    )
    assert kept >= cached > 0  # every sentence finished before the signal is in the catalogs
    for path in (workspace / "locales" / "ru").rglob("*.po"):
        assert msgfmt_check(path).returncode == 0
    no_temporaries(workspace)
    config.write_text(
        config.read_text(encoding="utf-8").replace("beam_size = 1", "beam_size = 1\nmax_decoding_length = 4"),
        encoding="utf-8",
    )
    run_l10n("translate", "--lang", "ru", cwd=workspace, env=argos_env)  # the rest, quickly
    assert all(
        e.msgstr
        for p in (workspace / "locales" / "ru").rglob("*.po")
        for e in load_catalog(p).entries
        if e.msgid
    )


# --- Round three (issue 29): script through SVG and MathML in HTML editions ----------------------

# Each is inert in the source page; written naively, the edition turns it into a live <img onerror>
# (mutation XSS: raw-text elements inside foreign content) or a javascript: link (SVG animation).
MUTATION_XSS = [
    "<svg><style>&lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;</style></svg>",
    "<svg><noembed>&lt;/noembed&gt;&lt;img src=x onerror=alert(2)&gt;</noembed></svg>",
    "<svg><STYLE>&lt;/STYLE&gt;&lt;img src=x onerror=alert(3)&gt;</STYLE></svg>",
    "<math><style>&lt;/style&gt;&lt;img src=x onerror=alert(4)&gt;</style></math>",
    "<svg><xmp>&lt;/xmp&gt;&lt;img src=x onerror=alert(5)&gt;</xmp></svg>",
    "<math><mtext><table><mglyph><style>&lt;/style&gt;&lt;img src=x onerror=alert(6)&gt;</style></mglyph>"
    "</table></mtext></math>",
    # HTML again inside desc:
    "<svg><desc><style>&lt;/style&gt;&lt;img src=x onerror=alert(7)&gt;</style></desc></svg>",
    "<noembed>&lt;/noembed&gt;&lt;img src=x onerror=alert(8)&gt;</noembed>",
]
SVG_ANIMATION = [
    '<svg><a><set attributeName="href" to="javascript:alert(11)"/><text y="20">one</text></a></svg>',
    '<svg><a href="#"><animate attributeName="href" values="javascript:alert(12);#" dur="1s"/>'
    '<text y="20">two</text></a></svg>',
    '<svg><a xlink:href="#"><animate attributeName="xlink:href" from="javascript:alert(13)" to="#"/>'
    '<text y="20">three</text></a></svg>',
    '<SVG><A><SET ATTRIBUTENAME="HREF" TO=" JaVaScRiPt:alert(14)"></SET><TEXT y="20">four</TEXT></A></SVG>',
    '<svg><a><animateMotion/><animateTransform/><set attributeName="href" to="&#106;avascript:alert(15)"/>'
    '<text y="20">five</text></a></svg>',
]


def _hostile_page(body: str) -> str:
    return (
        "<html><head><title>Hostile</title></head><body><article><h1>Hostile page</h1>"
        f"<p>Text to translate.</p>{body}</article></body></html>"
    )


def _built_hostile(tmp_path: Path, bodies: list[str]) -> list[tuple[str, Path]]:
    """Each hostile body as an HTML article, built in ru with identity translations."""
    root = tmp_path / "ws"
    run_l10n("init", str(root), cwd=tmp_path)
    for n, body in enumerate(bodies):
        (root / "source_texts" / f"h{n}.html").write_text(_hostile_page(body), encoding="utf-8")
    run_l10n("extract", cwd=root)
    for n in range(len(bodies)):
        path = po(root, "ru", f"h{n}")
        catalog = load_catalog(path)
        entries = tuple(replace(e, msgstr=e.msgid) if e.msgid else e for e in catalog.entries)
        save_catalog(path, replace(catalog, entries=entries))
    run_l10n("build", "--lang", "ru", cwd=root)
    return [(body, root / "editions" / "ru" / f"h{n}.html") for n, body in enumerate(bodies)]


def _tree(node: LexborNode | None) -> list[object]:
    assert node is not None, "no such element in the page"
    out: list[object] = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            out.append(child.text(deep=False))
        elif child.tag != "-comment" and "l10n-languages" not in (child.attributes.get("class") or ""):
            out.append((child.tag, sorted(child.attributes.items()), _tree(child)))
        child = child.next
    return out


def _no_code(tree: LexborHTMLParser) -> None:
    import re

    for element in tree.css("*"):
        code = ("script", "set", "animate", "animatemotion", "animatetransform")
        assert element.tag is not None and element.tag.lower() not in code, element.tag
        for name, value in element.attributes.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            squeezed = re.sub(r"[\x00-\x20]+", "", value or "")
            assert not re.search(r"script:", squeezed, re.IGNORECASE), (element.tag, name, value)


def test_raw_text_in_svg_and_math_parses_back_to_the_same_tree(tmp_path: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    for body, edition in _built_hostile(tmp_path, MUTATION_XSS):
        built = LexborHTMLParser(edition.read_text(encoding="utf-8"))
        source = LexborHTMLParser(_hostile_page(body))
        assert _tree(built.css_first("article")) == _tree(source.css_first("article")), body
        assert built.css("img") == [], body  # the text that looks like an <img> stays text
        _no_code(built)


def test_svg_animation_cannot_set_a_javascript_link(tmp_path: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    for body, edition in _built_hostile(tmp_path, SVG_ANIMATION):
        built = LexborHTMLParser(edition.read_text(encoding="utf-8"))
        _no_code(built)
        assert "javascript" not in edition.read_text(encoding="utf-8").lower(), body
        assert built.css_first("svg text") is not None, body  # the drawing's own text is kept


def test_hostile_svg_editions_in_chromium_open_no_dialog_and_make_no_request(tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is missing: scripts/setup installs it (Debian package chromium)")
    editions = _built_hostile(tmp_path, MUTATION_XSS + SVG_ANIMATION)
    with playwright.sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--no-first-run"]
        browser = p.chromium.launch(executable_path=chromium, args=args)
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            requests: list[str] = []

            def on_dialog(dialog: Dialog) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", on_dialog)
            page.on("request", lambda request: requests.append(request.url))
            for body, edition in editions:
                requests.clear()
                page.goto(edition.as_uri())
                page.wait_for_timeout(1200)  # animations (dur 1s) run; an onerror fires
                for link in page.query_selector_all("svg a"):
                    link.click(force=True)
                    page.wait_for_timeout(100)
                    if page.url != edition.as_uri():
                        page.goto(edition.as_uri())
                assert dialogs == [], (body, dialogs)
                assert [u for u in requests if not u.startswith(edition.as_uri())] == [], (body, requests)
        finally:
            browser.close()
