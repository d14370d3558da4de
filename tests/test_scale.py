"""Scale: parallel work across articles gives exactly the serial result, errors and interrupts in
the pool leave nothing behind, caches are keyed by content and never trusted over the files.
(Speed itself is measured by scripts/bench_pipeline.py, never asserted here.)"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from l10n import parallel
from l10n.po.files import load_catalog, save_catalog
from l10n.po.read import parse_po
from l10n.stages import extract as extract_stage
from l10n.workspace import load_workspace

from .conftest import REPO, SEED, no_temporaries, run_l10n

ARTICLES = 24  # enough for two workers (parallel.MIN_ITEMS_PER_WORKER per worker)


def _archive(root: Path) -> Path:
    """A workspace of ARTICLES variants of the seed (each a little different), .txt and .md."""
    run_l10n("init", str(root), cwd=root.parent)
    text = SEED.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    for i in range(ARTICLES):
        body = "\n\n".join(paragraphs[: 6 + i % 9]) + f"\n\nThis is report number {i} of the archive.\n"
        name = f"report-{i:02d}.md" if i % 4 == 0 else f"report-{i:02d}.txt"
        (root / "source_texts" / name).write_text(body, encoding="utf-8")
    return root


def _files(root: Path, folder: str) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted((root / folder).rglob("*")) if p.is_file()
    }


@pytest.fixture
def archives(tmp_path: Path) -> tuple[Path, Path]:
    serial, pooled = _archive(tmp_path / "serial"), tmp_path / "pooled"
    shutil.copytree(serial, pooled)
    return serial, pooled


def test_two_workers_give_the_serial_result_byte_for_byte(archives: tuple[Path, Path]) -> None:
    serial, pooled = archives
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    for root, jobs_ in ((serial, "1"), (pooled, "2")):
        run_l10n("extract", "--jobs", jobs_, cwd=root, env=env)
        run_l10n("translate", "--engine", "pseudo", cwd=root, env=env)
        run_l10n("build", "--include-drafts", "--jobs", jobs_, cwd=root, env=env)
    assert _files(serial, "locales") == _files(pooled, "locales")
    assert _files(serial, "editions") == _files(pooled, "editions")
    for command in (["status", "--json"], ["check", "--json"]):
        one = run_l10n(*command, "--jobs", "1", cwd=serial, check=False).stdout.replace(str(serial), "WS")
        two = run_l10n(*command, "--jobs", "2", cwd=pooled, check=False).stdout.replace(str(pooled), "WS")
        assert json.loads(one) == json.loads(two) and json.loads(one), command
    # the editions name every article, in order, in the index
    index = (pooled / "editions" / "index.html").read_text(encoding="utf-8")
    assert all(f"report-{i:02d}" in index for i in range(ARTICLES))
    # an archive-sized run lists only what it wrote
    again = run_l10n("extract", cwd=pooled).stdout.strip().splitlines()
    assert again == [f"{ARTICLES} article(s), 0 file(s) written, {3 * ARTICLES} unchanged."]


def test_check_json_streams_a_valid_array(archives: tuple[Path, Path]) -> None:
    _, pooled = archives
    run_l10n("extract", cwd=pooled)
    assert (
        json.loads(run_l10n("check", "--json", cwd=pooled, check=False).stdout) == []
    )  # nothing translated yet
    run_l10n("translate", "--engine", "pseudo", cwd=pooled)
    findings = json.loads(run_l10n("check", "--json", cwd=pooled, check=False).stdout)
    assert findings and all(
        set(f) == {"check", "severity", "article", "lang", "msgid", "message"} for f in findings
    )
    assert "unreviewed-draft" in {f["check"] for f in findings}
    assert [f["article"] for f in findings] == sorted(f["article"] for f in findings), (
        "article order, as a serial run"
    )


def test_a_bad_catalog_in_the_pool_is_one_line_and_nothing_is_written(archives: tuple[Path, Path]) -> None:
    _, pooled = archives
    run_l10n("extract", cwd=pooled)
    bad = pooled / "locales" / "ru" / "LC_MESSAGES" / "report-17.po"
    bad.write_text(bad.read_text(encoding="utf-8") + '\nmsgid "x"\n', encoding="utf-8")
    for i in range(ARTICLES):  # every article changed: every one of them would be rewritten
        path = next((pooled / "source_texts").glob(f"report-{i:02d}.*"))
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    before = _files(pooled, "locales")
    result = run_l10n("extract", "--jobs", "2", cwd=pooled, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    last_line = len(bad.read_text(encoding="utf-8").splitlines())
    assert lines == [
        f"error: {bad}:{last_line}: syntax error (missing msgstr), not a valid PO file "
        "(fix the file in a PO editor (or msgcat --use-first) or restore it from git, then run again)"
    ]
    assert _files(pooled, "locales") == before, "nothing written"
    no_temporaries(pooled)


@pytest.mark.parametrize(("delay", "target"), [(0.4, "group"), (0.8, "main"), (1.2, "group"), (1.6, "main")])
def test_interrupted_pooled_extract_leaves_complete_files_only(
    archives: tuple[Path, Path], delay: float, target: str
) -> None:
    """Ctrl-C reaches the whole process group (workers included); a kill reaches the main process."""
    _, pooled = archives
    run_l10n("extract", cwd=pooled)
    for path in (pooled / "source_texts").iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace("Kazakhstan", "Qazaqstan"), encoding="utf-8")
    before = {path: path.read_bytes() for path in (pooled / "locales").rglob("*.po")}
    process = subprocess.Popen(
        [sys.executable, "-m", "l10n", "extract", "--jobs", "2"],
        cwd=pooled,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(delay)
    if target == "group":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    # 130: interrupted and cleaned up; 0: finished first; -2 (Ctrl-C) or -15 (a kill): the signal
    # came while Python was still starting (on a busy machine that takes over a second), before
    # l10n handles signals, which ends it the way it ends any program: then nothing was written.
    started = process.returncode in (0, 130)
    sent = -signal.SIGINT if target == "group" else -signal.SIGTERM
    assert started or process.returncode == sent, stderr.decode()
    if not started:
        assert {path: path.read_bytes() for path in (pooled / "locales").rglob("*.po")} == before
    no_temporaries(pooled)
    for path in (pooled / "locales").rglob("*.po"):
        load_catalog(path)  # every catalog complete and valid
    run_l10n("extract", cwd=pooled)
    for path in (pooled / "locales").rglob("*.po"):
        assert "Qazaqstan" in path.read_text(encoding="utf-8")


def test_a_translator_saving_during_extract_wins(
    archives: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between staging and commit a translator saves the ru catalog: extract leaves it as saved
    and says so; the next extract merges it."""
    _, pooled = archives
    run_l10n("extract", cwd=pooled)
    source = pooled / "source_texts" / "report-01.txt"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nA brand new closing sentence.\n", encoding="utf-8"
    )
    ru = pooled / "locales" / "ru" / "LC_MESSAGES" / "report-01.po"
    staged = extract_stage.stage_article

    def translator_saves(path: Path) -> list[extract_stage._Staged]:
        result = staged(path)
        catalog = load_catalog(ru)
        save_catalog(
            ru,
            replace(
                catalog,
                entries=(replace(catalog.entries[0], msgstr="Сохранено", tcomment="mine"),)
                + catalog.entries[1:],
            ),
        )
        return result

    monkeypatch.setattr(extract_stage, "stage_article", translator_saves)
    ws = load_workspace(pooled, explicit=True)
    results = extract_stage.extract(ws, [source], ws.languages(None), jobs=1)
    assert {(r.lang, r.action) for r in results} >= {("ru", "skipped"), ("pot", "updated")}
    assert load_catalog(ru).entries[0].msgstr == "Сохранено"
    monkeypatch.setattr(extract_stage, "stage_article", staged)
    results = extract_stage.extract(ws, [source], ws.languages(None), jobs=1)
    entries = load_catalog(ru).entries
    assert entries[0].msgstr == "Сохранено" and any(
        e.msgid == "A brand new closing sentence." for e in entries
    )
    no_temporaries(pooled)


def test_caches_are_keyed_by_content_and_survive_garbage(archives: tuple[Path, Path]) -> None:
    _, pooled = archives
    run_l10n("extract", cwd=pooled)
    run_l10n("status", "--json", cwd=pooled)
    cache = pooled / ".l10n" / "cache"
    assert list((cache / "catalogs").rglob("*.pickle")) and list((cache / "documents").rglob("*.pickle"))
    # An edit that keeps the file's size and its date: still seen (the key is the content).
    run_l10n("translate", "--engine", "pseudo", cwd=pooled)
    run_l10n("status", "--json", cwd=pooled)
    ru = pooled / "locales" / "ru" / "LC_MESSAGES" / "report-03.po"
    before = ru.stat()
    ru.write_bytes(ru.read_bytes().replace(b"#, fuzzy", b"#, fuzzz", 1))  # one draft is now a reviewed entry
    os.utime(ru, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert ru.stat().st_size == before.st_size
    stats = {
        (r["article"], r["lang"]): r for r in json.loads(run_l10n("status", "--json", cwd=pooled).stdout)
    }
    assert stats[("report-03", "ru")]["entries"]["reviewed"] == 1
    # Garbage in every cache file: ignored, parsed again, same answers.
    for path in cache.rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    again = {
        (r["article"], r["lang"]): r for r in json.loads(run_l10n("status", "--json", cwd=pooled).stdout)
    }
    assert again == stats
    shutil.rmtree(cache)
    assert run_l10n("build", "--include-drafts", cwd=pooled).returncode == 0


def test_errors_cross_the_process_boundary_intact() -> None:
    import pickle

    from l10n.errors import CatalogError

    error = CatalogError("/x/ru.po", "syntax error", line=7, hint="fix it")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is CatalogError and copy.one_line() == error.one_line() and copy.line == 7


def test_pool_is_used_only_when_it_pays() -> None:
    calls: list[int] = []
    assert list(parallel.map_ordered(calls.append, range(5), None, jobs=4)) == [None] * 5
    assert calls == list(range(5)), "a few items run in this process"
    assert list(parallel.map_ordered(_square, range(40), None, jobs=2)) == [i * i for i in range(40)]


def _square(i: int) -> int:
    assert os.getpid() != _PARENT, "ran in a worker"
    return i * i


_PARENT = os.getpid()


def test_parser_reads_the_seed_like_the_cache(tmp_path: Path) -> None:
    path = REPO / "locales" / "kk" / "LC_MESSAGES" / f"{SEED.stem}.po"
    cached = load_catalog(path, tmp_path / "cache")
    assert load_catalog(path, tmp_path / "cache") == cached == parse_po(path.read_text(encoding="utf-8"))
