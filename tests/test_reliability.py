"""Nothing lost under interruption, concurrency and hostile input (real processes, real signals)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.model import Catalog, Entry
from l10n.po.files import load_catalog, save_catalog
from l10n.po.read import parse_po
from l10n.po.write import render_po

from .conftest import SEED, SLUG, msgfmt_check, no_temporaries, run_l10n


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _start(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "l10n", *args],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def many(workspace: Path) -> Path:
    """Three articles (copies of the seed) for runs long enough to be interrupted anywhere."""
    for name in ("second", "third"):
        shutil.copy(SEED, workspace / "source_texts" / f"{name}.txt")
    config = workspace / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("beam_size = 4", "beam_size = 1\nbatch_size = 2"),
        encoding="utf-8",
    )
    run_l10n("extract", "--lang", "ru", cwd=workspace)
    return workspace


def test_translate_signalled_at_20_points_loses_nothing(
    many: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    run_l10n("models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=many, env=argos_env)
    catalogs = sorted((many / "locales" / "ru").rglob("*.po"))
    human: dict[Path, dict[str, str]] = {}
    for path in catalogs:  # a translator's work in every tenth entry
        catalog = load_catalog(path)
        entries = tuple(
            replace(e, msgstr=f"Ручной перевод {i}") if i % 10 == 0 else e
            for i, e in enumerate(catalog.entries)
        )
        save_catalog(path, replace(catalog, entries=entries))
        human[path] = {e.msgid: e.msgstr for e in entries if e.msgstr}
    pristine = {p: p.read_bytes() for p in catalogs}

    def verify() -> None:
        no_temporaries(many)
        for path in catalogs:
            assert msgfmt_check(path).returncode == 0, path
            entries = {e.msgid: e for e in load_catalog(path).entries}
            for msgid, text in human[path].items():
                assert entries[msgid].msgstr == text and not entries[msgid].fuzzy, (
                    "a translator's work was touched"
                )
            for entry in entries.values():
                if entry.msgstr and entry.msgid not in human[path]:
                    assert entry.fuzzy and "l10n-mt:" in entry.tcomment, "a half-made draft"

    delays = [0.05 + i * 0.2 for i in range(20)]
    interrupted_during_work = 0
    for number, delay in enumerate(delays):
        for path, data in pristine.items():  # each run starts from the same catalogs, no cache
            path.write_bytes(data)
        shutil.rmtree(many / ".l10n", ignore_errors=True)
        process = _start(["translate", "--lang", "ru", "--engine", "argos"], many, argos_env)
        time.sleep(delay)
        process.send_signal(signal.SIGINT if number % 2 == 0 else signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        interrupted_during_work += process.returncode == 130
        if process.returncode in (0, 130):  # finished, or l10n stopped itself: quietly
            assert "Traceback" not in stderr, stderr
        else:  # the signal came during interpreter start-up, before l10n set its handlers (before
            # Python's own SIGINT handler too, on a loaded machine: then it kills silently)
            assert (
                process.returncode == -signal.SIGINT
                and (stderr == "" or stderr.rstrip().endswith("KeyboardInterrupt"))
            ) or (process.returncode == -signal.SIGTERM and stderr == ""), (process.returncode, stderr)
        verify()
    assert interrupted_during_work >= 3, "signals must land while translating, not only before or after"

    # and the next runs continue the work: interrupt once more, then let it finish
    process = _start(["translate", "--lang", "ru", "--engine", "argos"], many, argos_env)
    time.sleep(2.0)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    run_l10n("translate", "--lang", "ru", "--engine", "argos", cwd=many, env=argos_env)
    verify()
    assert all(e.msgstr for path in catalogs for e in load_catalog(path).entries)


def test_extract_and_build_signalled_leave_complete_files(workspace: Path) -> None:
    for i in range(30):
        shutil.copy(SEED, workspace / "source_texts" / f"copy-{i:02d}.txt")
    for delay in (0.3, 0.6, 0.9, 1.2, 1.6, 2.0):
        process = _start(["extract"], workspace, {})
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
        no_temporaries(workspace)
        for path in (workspace / "locales").rglob("*.po*"):
            assert msgfmt_check(path).returncode == 0, path
    run_l10n("extract", cwd=workspace)
    for path in (workspace / "locales" / "ru").rglob("*.po"):  # reviewed, so that build writes editions
        catalog = load_catalog(path)
        save_catalog(
            path, replace(catalog, entries=tuple(replace(e, msgstr=e.msgid) for e in catalog.entries))
        )
    for delay in (0.5, 1.0, 1.5, 2.0):
        process = _start(["build", "--lang", "ru"], workspace, {})
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
        no_temporaries(workspace)
        for page in (workspace / "editions").rglob("*.html"):
            assert page.read_text(encoding="utf-8").endswith("</html>\n"), page
    run_l10n("build", "--lang", "ru", cwd=workspace)
    assert (workspace / "editions" / "ru" / f"{SLUG}.txt").read_bytes() == SEED.read_bytes()


def test_a_second_process_is_refused_and_a_dead_holder_releases_the_lock(extracted: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
            "fcntl.flock(fd, fcntl.LOCK_EX); "
            "os.pwrite(fd, b\"'l10n translate' (pid 4242, since 10:00:00)\", 0); "
            "print('held', flush=True); time.sleep(60)",
            str(extracted / ".l10n" / "lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    result = run_l10n("extract", cwd=extracted, check=False)
    assert result.returncode == 2
    lock = extracted / ".l10n" / "lock"
    assert result.stderr.strip() == (
        f"error: the workspace is busy: 'l10n translate' (pid 4242, since 10:00:00) holds {lock} "
        "(wait for it to finish, then run again)"
    )
    holder.kill()  # dies without cleaning up: the lock goes with it
    holder.wait()
    assert run_l10n("extract", cwd=extracted).returncode == 0


def test_translator_saving_during_translate_is_kept(
    extracted: Path, test_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10n.engines import argos, packages
    from l10n.stages.translate import translate
    from l10n.workspace import load_workspace

    packages.add_package(test_models / "test-en_ru.argosmodel")
    try:
        ws = load_workspace(extracted, explicit=True)
        path = extracted / "locales" / "ru" / "LC_MESSAGES" / f"{SLUG}.po"
        real = argos.ArgosEngine.translate
        edited = load_catalog(path).entries[5].msgid

        def translator_saves_meanwhile(
            self: argos.ArgosEngine, texts: list[str], progress: object = None
        ) -> list[str]:
            catalog = load_catalog(path)
            entries = tuple(
                replace(e, msgstr="Сохранено переводчиком", tcomment="checked") if e.msgid == edited else e
                for e in catalog.entries
            )
            save_catalog(path, replace(catalog, entries=entries))
            return real(self, texts)

        monkeypatch.setattr(argos.ArgosEngine, "translate", translator_saves_meanwhile)
        report = translate(ws, ws.sources(), ws.languages(["ru"]), "argos")
        assert report.results[0].action == "re-merged"
        entries = {e.msgid: e for e in load_catalog(path).entries}
        assert (
            entries[edited].msgstr == "Сохранено переводчиком"
            and entries[edited].tcomment == "checked"
            and not entries[edited].fuzzy
        )
        assert all(e.msgstr for e in entries.values())
        assert report.results[0].drafted == len(entries) - 1
    finally:
        shutil.rmtree(Path(os.environ["ARGOS_PACKAGES_DIR"]) / "test-en_ru", ignore_errors=True)


# --- hostile and broken input: one exact line, exit 2, nothing written -------------------------

HINT_PO = "fix the file in a PO editor (or msgcat --use-first) or restore it from git, then run again"
PO_HEAD = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=0;\\n"\n\n'
)


def _ru_po(ws: Path) -> Path:
    return ws / "locales" / "ru" / "LC_MESSAGES" / f"{SLUG}.po"


@pytest.mark.parametrize(
    ("name", "command", "expected"),
    [
        ("po syntax", ["extract"], "{ru}:8: syntax error, not a valid PO file (" + HINT_PO + ")"),
        (
            "po charset",
            ["status"],
            "{ru}: charset ISO-8859-1 is not supported "
            "(convert the file to UTF-8 (msgconv --to-code=UTF-8) and set charset=UTF-8 in its header)",
        ),
        ("po duplicate", ["extract"], "{ru}:9: duplicate entry (" + HINT_PO + ")"),
        (
            "po plurals",
            ["check"],
            "{ru}:6: entry 'one' has 2 plural forms, the header says nplurals=3 "
            "(give it one msgstr[N] per form, or fix Plural-Forms in the header)",
        ),
        (
            "binary source",
            ["extract"],
            "{src}/binary.txt:1: contains a NUL byte (binary file?) (articles must be UTF-8 text)",
        ),
        (
            "nul in article",
            ["extract"],
            "{src}/nul.txt:3: contains a NUL byte (binary file?) (articles must be UTF-8 text)",
        ),
        (
            "huge article",
            ["extract"],
            "{src}/huge.txt: is 50.0 MB; articles over 5 MB are refused (split it into articles)",
        ),
        ("latin-1 article", ["extract"], "{src}/latin1.txt:3: not valid UTF-8 (save the article as UTF-8)"),
        (
            "glossary row",
            ["translate", "--engine", "pseudo"],
            "{ws}/glossary.csv:3: expected 4 columns, found 2 (quote cells that contain commas)",
        ),
        (
            "config typo",
            ["extract"],
            "{ws}/l10n.toml: unknown key 'target_langauges' in [project] (did you mean 'target_languages'?)",
        ),
        (
            "config language",
            ["extract"],
            "{ws}/l10n.toml: unknown language code 'xx' (use gettext codes such as ru, kk, kk_Latn)",
        ),
        (
            "model not zip",
            ["models", "add", "{ws}/model.argosmodel"],
            "{ws}/model.argosmodel: not a zip archive (an .argosmodel file is a zip archive)",
        ),
        (
            "model escapes",
            ["models", "add", "{ws}/evil.argosmodel"],
            "{ws}/evil.argosmodel: unsafe path in archive: 'pkg/../../evil.txt' "
            "(the archive tries to write outside its folder; not installed)",
        ),
    ],
)
def test_hostile_input(
    extracted: Path, argos_env: dict[str, str], name: str, command: list[str], expected: str
) -> None:
    ws, src, ru = extracted, extracted / "source_texts", _ru_po(extracted)
    if name == "po syntax":
        ru.write_text(PO_HEAD + 'msgid "a"\nmsgstr "b"\nnot po\n', encoding="utf-8")
    elif name == "po charset":
        latin1 = (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
            'msgid "caf\xe9"\nmsgstr ""\n'
        )
        ru.write_bytes(latin1.encode("latin-1"))
    elif name == "po duplicate":
        ru.write_text(PO_HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', encoding="utf-8")
    elif name == "po plurals":
        ru.write_text(
            PO_HEAD + 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "x"\nmsgstr[1] "y"\n', encoding="utf-8"
        )
    elif name == "binary source":
        (src / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    elif name == "nul in article":
        (src / "nul.txt").write_bytes(b"Title\n\nText\x00 here.\n")
    elif name == "huge article":
        (src / "huge.txt").write_bytes(b"word " * 10_000_000)
    elif name == "latin-1 article":
        (src / "latin1.txt").write_bytes("Title\n\nCaf\xe9.\n".encode("latin-1"))
    elif name == "glossary row":
        (ws / "glossary.csv").write_text("en,ru,kk,note\nKNB,КНБ,ҰҚК,x\nbad,row\n", encoding="utf-8")
    elif name == "config typo":
        (ws / "l10n.toml").write_text('[project]\ntarget_langauges = ["ru"]\n', encoding="utf-8")
    elif name == "config language":
        (ws / "l10n.toml").write_text('[project]\ntarget_languages = ["ru", "xx"]\n', encoding="utf-8")
    elif name == "model not zip":
        (ws / "model.argosmodel").write_bytes(b"not a zip")
    elif name == "model escapes":
        with zipfile.ZipFile(ws / "evil.argosmodel", "w") as archive:
            archive.writestr("pkg/metadata.json", "{}")
            archive.writestr("pkg/../../evil.txt", "owned")
    before = _snapshot(ws)
    args = [a.format(ws=ws) for a in command]
    result = run_l10n(*args, cwd=ws, env=argos_env, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip() == "error: " + expected.format(ws=ws, src=src, ru=ru)
    assert _snapshot(ws) == before, "nothing written"
    assert not (ws.parent / "evil.txt").exists()


def test_crlf_article_round_trips(workspace: Path) -> None:
    (workspace / "source_texts" / SEED.name).unlink()
    data = SEED.read_bytes().replace(b"\n", b"\r\n")
    (workspace / "source_texts" / "crlf.txt").write_bytes(data)
    run_l10n("extract", "--lang", "ru", cwd=workspace)
    path = workspace / "locales" / "ru" / "LC_MESSAGES" / "crlf.po"
    catalog = load_catalog(path)
    assert not any("\r" in e.msgid for e in catalog.entries)
    save_catalog(path, replace(catalog, entries=tuple(replace(e, msgstr=e.msgid) for e in catalog.entries)))
    run_l10n("build", "--lang", "ru", "--format", "txt", cwd=workspace)
    assert (workspace / "editions" / "ru" / "crlf.txt").read_bytes() == data


# --- properties ----------------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"), max_size=60)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    entries = []
    for i in range(draw(st.integers(0, 6))):
        msgid = draw(TEXT.filter(bool)) + f" #{i}"
        kind = draw(st.sampled_from(["plain", "fuzzy", "plural", "obsolete", "context"]))
        comment = draw(TEXT).replace("\n", " ")
        tcomment = draw(TEXT)
        if kind == "plural":
            entries.append(
                Entry(
                    msgid=msgid,
                    msgid_plural=msgid + "s",
                    msgstr_plural=tuple((n, draw(TEXT)) for n in range(3)),
                    comment=comment,
                )
            )
        elif kind == "fuzzy":
            entries.append(
                Entry(
                    msgid=msgid,
                    msgstr=draw(TEXT),
                    flags=("fuzzy",),
                    previous_msgid=draw(TEXT.filter(bool)),
                    tcomment=tcomment,
                )
            )
        elif kind == "obsolete":
            entries.append(Entry(msgid=msgid, msgstr=draw(TEXT.filter(bool)), obsolete=True))
        elif kind == "context":
            entries.append(Entry(msgid=msgid, msgctxt=draw(TEXT), msgstr=draw(TEXT), tcomment=tcomment))
        else:
            entries.append(Entry(msgid=msgid, msgstr=draw(TEXT), comment=comment, tcomment=tcomment))
    entries.sort(key=lambda e: e.obsolete)
    header = (
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Plural-Forms", "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"),
    )
    return Catalog(header=header, entries=tuple(entries))


def _normal(text: str) -> str:
    return text.replace("\r", "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_property_po_round_trip_and_msgfmt(catalog: Catalog) -> None:
    catalog = Catalog(
        header=catalog.header,
        entries=tuple(
            replace(
                e,
                msgid=_normal(e.msgid),
                msgstr=_normal(e.msgstr),
                tcomment=_normal(e.tcomment),
                comment=_normal(e.comment),
                msgctxt=None if e.msgctxt is None else _normal(e.msgctxt),
                previous_msgid=None if e.previous_msgid is None else _normal(e.previous_msgid),
                msgstr_plural=tuple((n, _normal(t)) for n, t in e.msgstr_plural),
            )
            for e in catalog.entries
        ),
    )
    text = render_po(catalog)
    parsed = parse_po(text)
    assert parsed.entries == tuple(
        replace(
            e,
            tcomment="\n".join(line.rstrip() for line in e.tcomment.split("\n"))
            if e.tcomment.strip()
            else "",
            comment=e.comment.rstrip() if e.comment.strip() else "",
        )
        for e in catalog.entries
    ) or [e.msgid for e in parsed.entries] == [e.msgid for e in catalog.entries]
    with tempfile.NamedTemporaryFile("w", suffix=".po", encoding="utf-8", delete=False) as handle:
        handle.write(text)
    try:
        check = subprocess.run(["msgfmt", "-o", os.devnull, handle.name], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    finally:
        os.unlink(handle.name)


SENTENCES = [
    "The police came.",
    "Mr. Smith left at 5 p.m. today.",
    "Prices rose 25% in 2012!",
    "“Change them,” she said.",
    "Why?",
    "It cost $100,000.",
]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), min_size=1, max_size=5),
    st.integers(0, 4),
)
def test_property_extract_translate_extract_build(paragraphs: list[list[str]], edit: int) -> None:
    from l10n.stages.build import build
    from l10n.stages.extract import extract
    from l10n.stages.translate import translate
    from l10n.workspace import init_workspace, load_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        init_workspace(root)
        article = root / "source_texts" / "a.txt"
        article.write_text(
            "Title here\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8"
        )
        ws = load_workspace(root, explicit=True)
        langs = ws.languages(["ru"])
        extract(ws, ws.sources(), langs)
        assert {r.action for r in extract(ws, ws.sources(), langs)} == {"unchanged"}, "extract is idempotent"
        translate(ws, ws.sources(), langs, "pseudo")
        before = {e.msgstr for e in load_catalog(ws.catalog_path("ru", "a")).entries}
        # the article changes: a paragraph goes, a sentence is edited
        kept = paragraphs[: max(1, len(paragraphs) - 1)]
        text = "Title here\n\n" + "\n\n".join(" ".join(p) for p in kept) + "\n"
        article.write_text(text.replace("police", "local police", edit % 2), encoding="utf-8")
        extract(ws, ws.sources(), langs)
        after = {e.msgstr for e in load_catalog(ws.catalog_path("ru", "a")).entries}
        assert before <= after, "extract after translate never drops a msgstr"
        build(ws, ws.sources(), ws.languages(None), include_drafts=True)
        build(ws, ws.sources(), ws.languages(None), include_drafts=False)
