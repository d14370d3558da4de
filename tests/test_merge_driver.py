"""The git merge driver for PO files (l10n merge-po): a case corpus, real git merges, rebases,
cherry-picks and stash pops, and a property over random edits on two branches."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.checks import CheckContext, check_entry
from l10n.model import Catalog, Entry
from l10n.po.files import load_catalog, save_catalog
from l10n.po.merge3 import conflict_notes, merge_catalogs, recorded_theirs
from l10n.po.read import parse_po
from l10n.po.write import render_po

from .conftest import SLUG, msgfmt_check, po, run_l10n

CASES = Path(__file__).parent / "data" / "merge"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def load_case(name: str) -> tuple[Catalog, Catalog, Catalog, str]:
    folder = CASES / name
    base, ours, theirs = (load_catalog(folder / f"{side}.po") for side in ("base", "ours", "theirs"))
    return base, ours, theirs, (folder / "expected.po").read_text(encoding="utf-8")


def conflicted(catalog: Catalog) -> list[Entry]:
    return [e for e in catalog.entries if conflict_notes(e)]


# --- the corpus ------------------------------------------------------------------------------


def test_corpus_has_every_case_the_issue_names() -> None:
    wanted = {
        "fuzzy-cleared-next-to-edit",  # a fuzzy flag removed next to a line changed on the other side
        "header-dates",  # PO-Revision-Date edited on both sides
        "added-both-same",  # the same new entry added twice (duplicate msgids after a line merge)
        "both-changed-conflict",  # msgcat would write #-#-#-#-# markers
        "fuzzy-and-reference-churn",
        "plural-conflict",
        "obsolete-vs-change",
        "msgctxt",
        "signoff-newer-wins",
        "dismissal-union",
        "deleted-vs-change",
        "added-both-different",
    }
    assert wanted <= set(CASE_NAMES)
    for name in CASE_NAMES:
        assert {p.name for p in (CASES / name).iterdir()} == {
            "base.po",
            "ours.po",
            "theirs.po",
            "expected.po",
        }


@pytest.mark.parametrize("name", CASE_NAMES)
def test_corpus_case(name: str, tmp_path: Path) -> None:
    base, ours, theirs, expected = load_case(name)
    result = merge_catalogs(base, ours, theirs)
    text = render_po(result.catalog)
    assert text == expected
    assert "#-#-#-#-#" not in text
    keys = [e.key for e in result.catalog.entries]
    assert len(keys) == len(set(keys))
    assert len(result.conflicts) == len(conflicted(result.catalog))
    out = tmp_path / "expected.po"
    out.write_text(text, encoding="utf-8")
    assert msgfmt_check(out).returncode == 0, msgfmt_check(out).stderr
    # Idempotent: the result merged again with the same other side changes nothing.
    again = merge_catalogs(base, parse_po(text), theirs)
    assert render_po(again.catalog) == text


@pytest.mark.parametrize("name", CASE_NAMES)
def test_corpus_case_through_the_driver(name: str, tmp_path: Path) -> None:
    folder = CASES / name
    ours = tmp_path / "ours.po"
    shutil.copy(folder / "ours.po", ours)
    done = run_l10n(
        "merge-po",
        str(folder / "base.po"),
        str(ours),
        str(folder / "theirs.po"),
        "locales/x.po",
        cwd=tmp_path,
    )
    assert ours.read_text(encoding="utf-8") == (folder / "expected.po").read_text(encoding="utf-8")
    conflicts = len(conflicted(load_catalog(ours)))
    lines = [line for line in done.stderr.splitlines() if line]
    assert len(lines) == conflicts
    assert all(line.startswith("locales/x.po: conflict") for line in lines)


def test_conflict_keeps_ours_marks_fuzzy_and_records_theirs() -> None:
    base, ours, theirs, _ = load_case("both-changed-conflict")
    result = merge_catalogs(base, ours, theirs)
    (entry,) = conflicted(result.catalog)
    assert entry.msgstr == "Два (наш вариант)." and entry.fuzzy
    assert conflict_notes(entry) == ["theirs: Два (их вариант)."]
    (conflict,) = result.conflicts
    assert conflict.msgid == "Two." and "both branches changed" in conflict.what


def test_plural_conflict_records_every_form_and_check_reports_it() -> None:
    base, ours, theirs, _ = load_case("plural-conflict")
    (entry,) = conflicted(merge_catalogs(base, ours, theirs).catalog)
    assert conflict_notes(entry) == ["theirs[0]: %d папка", "theirs[1]: %d папки", "theirs[2]: %d папок"]
    (finding,) = [f for f in check_entry(entry, CheckContext(lang="ru")) if f.check == "merge-conflict"]
    assert finding.severity == "error" and "%d папок" in finding.message


def test_unparseable_input_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    folder = CASES / "both-changed-conflict"
    ours = tmp_path / "ours.po"
    shutil.copy(folder / "ours.po", ours)
    before = ours.read_bytes()
    bad = tmp_path / "theirs.po"
    bad.write_text(
        (folder / "theirs.po").read_text(encoding="utf-8") + '\nmsgid "Two."\nmsgstr "x"\n', encoding="utf-8"
    )
    done = run_l10n(
        "merge-po", str(folder / "base.po"), str(ours), str(bad), "locales/ru/x.po", cwd=tmp_path, check=False
    )
    assert done.returncode == 1
    assert ours.read_bytes() == before
    assert "locales/ru/x.po (theirs)" in done.stderr and "duplicate entry" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_ours_is_not_rewritten_when_the_result_is_ours(tmp_path: Path) -> None:
    folder = CASES / "one-side-each"
    ours = tmp_path / "ours.po"
    # Laid out differently from our writer (as another editor might save it): kept byte for byte.
    ours.write_text(
        (folder / "ours.po").read_text(encoding="utf-8").replace('msgstr "Один!"', 'msgstr ""\n"Один!"'),
        encoding="utf-8",
    )
    os.utime(ours, (1_000_000, 1_000_000))
    before = ours.read_bytes()
    run_l10n("merge-po", str(folder / "base.po"), str(ours), str(folder / "base.po"), cwd=tmp_path)
    assert ours.read_bytes() == before and ours.stat().st_mtime == 1_000_000


# --- git ----------------------------------------------------------------------------------------


def git_env(tmp_path: Path) -> dict[str, str]:
    """Git with no user or system config, a fixed identity, and PATH without this venv: git runs
    the registered command itself."""
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ainur",
        "GIT_AUTHOR_EMAIL": "ainur@example.org",
        "GIT_COMMITTER_NAME": "Ainur",
        "GIT_COMMITTER_EMAIL": "ainur@example.org",
        "GIT_EDITOR": "true",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
    }


def git(root: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture
def team_repo(repo_copy: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The seed workspace (reviewed ru and kk catalogs) in a git repository with the driver
    registered by `l10n git-setup`, everything committed on main."""
    env = git_env(tmp_path)
    git(repo_copy, env, "init", "-q", "-b", "main")
    run_l10n("git-setup", cwd=repo_copy, env=env)
    git(repo_copy, env, "add", "-A")
    git(repo_copy, env, "commit", "-qm", "seed")
    return repo_copy, env


def edit(root: Path, index: int, text: str) -> str:
    """Change the translation of the ru catalog's index-th entry; returns its msgid."""
    path = po(root, "ru")
    catalog = load_catalog(path)
    entries = list(catalog.entries)
    entries[index] = replace(entries[index], msgstr=text)
    save_catalog(path, replace(catalog, entries=tuple(entries)))
    return entries[index].msgid


def commit_edit(
    root: Path, env: dict[str, str], branch: str, index: int, text: str, start: str = "main"
) -> str:
    git(root, env, "checkout", "-q", "-b", branch, start)
    msgid = edit(root, index, text)
    git(root, env, "commit", "-qam", f"{branch}: entry {index}")
    return msgid


def entry(root: Path, msgid: str) -> Entry:
    return next(e for e in load_catalog(po(root, "ru")).entries if e.msgid == msgid)


def test_git_setup_registers_the_driver_once_and_names_it_in_gitattributes(
    team_repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = team_repo
    command = git(root, env, "config", "--get", "merge.l10n-po.driver").stdout.strip()
    assert command.endswith("-m l10n merge-po %O %A %B %P") and Path(command.split()[0]).is_file()
    attributes = (root / ".gitattributes").read_text(encoding="utf-8")
    again = run_l10n("git-setup", cwd=root, env=env)
    assert "already registered" in again.stdout and "already names it" in again.stdout
    assert (root / ".gitattributes").read_text(encoding="utf-8") == attributes
    assert git(root, env, "config", "--get-all", "merge.l10n-po.driver").stdout.count("\n") == 1
    checked = git(
        root, env, "check-attr", "merge", "--", f"locales/ru/LC_MESSAGES/{SLUG}.po", "locales/templates/x.pot"
    ).stdout
    assert checked.count("merge: l10n-po") == 2


def test_init_writes_gitattributes_and_status_says_when_git_has_no_driver(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    root = tmp_path / "newsroom"
    run_l10n("init", str(root), cwd=tmp_path)
    assert (root / ".gitattributes").read_text(encoding="utf-8").splitlines()[1:] == [
        "*.po merge=l10n-po",
        "*.pot merge=l10n-po",
    ]
    assert "git:" not in run_l10n("status", cwd=root, env=env).stdout  # not in git: nothing to say
    git(root, env, "init", "-q")
    assert "no PO merge driver registered" in run_l10n("status", cwd=root, env=env).stdout
    run_l10n("git-setup", cwd=root, env=env)
    assert "git:" not in run_l10n("status", cwd=root, env=env).stdout
    git(root, env, "config", "merge.l10n-po.driver", "/gone/python -m l10n merge-po %O %A %B %P")
    assert "/gone/python, which no longer exists" in run_l10n("status", cwd=root, env=env).stdout


def test_git_setup_outside_git_is_a_one_line_error(tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    run_l10n("init", str(root), cwd=tmp_path)
    done = run_l10n("git-setup", cwd=root, env=git_env(tmp_path), check=False)
    assert (
        done.returncode == 2 and "not in a git repository" in done.stderr and "Traceback" not in done.stderr
    )


def test_merge_of_different_entries_is_clean_with_both_edits(team_repo: tuple[Path, dict[str, str]]) -> None:
    root, env = team_repo
    first = commit_edit(
        root, env, "aigerim", 1, "Историческая конференция «Казахстан-2012» против режима Назарбаева"
    )
    second = commit_edit(
        root, env, "daniyar", 2, "Мы ехали по дороге на окраине Алматы — на конференцию «Казахстан 2012»."
    )
    git(root, env, "checkout", "-q", "main")
    git(root, env, "merge", "-q", "aigerim")
    # Run from a subfolder: git runs the driver at the top of the work tree, by its full path.
    git(root / "locales", env, "merge", "--no-edit", "daniyar")
    assert git(root, env, "status", "--porcelain").stdout == ""
    assert entry(root, first).msgstr.startswith("Историческая конференция «Казахстан-2012»")
    assert entry(root, second).msgstr.startswith("Мы ехали по дороге на окраине Алматы —")
    assert not entry(root, first).fuzzy and not entry(root, second).fuzzy
    assert msgfmt_check(po(root, "ru")).returncode == 0


def assert_recorded_conflict(root: Path, msgid: str, kept: str, other: str) -> None:
    found = entry(root, msgid)
    assert found.msgstr == kept and found.fuzzy
    assert conflict_notes(found) == [f"theirs: {other}"]
    assert msgfmt_check(po(root, "ru")).returncode == 0
    assert "<<<<<<<" not in po(root, "ru").read_text(encoding="utf-8")


def test_merge_of_the_same_entry_records_the_conflict_for_status_and_check(
    team_repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = team_repo
    msgid = commit_edit(root, env, "aigerim", 3, "Вариант Айгерим.")
    commit_edit(root, env, "daniyar", 3, "Вариант Данияра.", start="main")
    git(root, env, "checkout", "-q", "aigerim")
    done = git(root, env, "merge", "--no-edit", "daniyar")
    assert "conflict" in done.stderr and "both branches changed the translation" in done.stderr
    assert git(root, env, "status", "--porcelain").stdout == ""  # merged and committed
    assert_recorded_conflict(root, msgid, "Вариант Айгерим.", "Вариант Данияра.")
    status = run_l10n("status", cwd=root, env=env)
    assert f"conflicts: {SLUG} · ru: 1 entry merged with a conflict" in status.stdout
    assert "git:" not in status.stdout
    as_json = run_l10n("status", "--json", cwd=root, env=env).stdout
    assert '"merge_conflicts": 1' in as_json
    check = run_l10n("check", "--lang", "ru", "--json", cwd=root, env=env, check=False)
    assert check.returncode == 1
    found = [f for f in json.loads(check.stdout) if f["check"] == "merge-conflict"]
    assert [(f["severity"], f["msgid"]) for f in found] == [("error", msgid)]
    assert "Вариант Данияра." in found[0]["message"]


def test_rebase_and_cherry_pick_merge_entry_by_entry(team_repo: tuple[Path, dict[str, str]]) -> None:
    root, env = team_repo
    msgid = commit_edit(root, env, "aigerim", 3, "Вариант Айгерим.")
    commit_edit(root, env, "daniyar", 3, "Вариант Данияра.", start="main")
    other = commit_edit(root, env, "marat", 5, "Правка Марата.", start="main")
    git(root, env, "branch", "daniyar-before-rebase", "daniyar")
    # Rebase daniyar onto aigerim: git's "ours" is the upstream being rebased onto.
    git(root, env, "checkout", "-q", "daniyar")
    git(root, env, "rebase", "aigerim")
    assert git(root, env, "status", "--porcelain").stdout == ""
    assert_recorded_conflict(root, msgid, "Вариант Айгерим.", "Вариант Данияра.")
    # Cherry-pick marat's edit (another entry), then aigerim's (the same entry), onto daniyar's work.
    git(root, env, "checkout", "-q", "-b", "picks", "daniyar-before-rebase")
    git(root, env, "cherry-pick", "marat")
    assert entry(root, other).msgstr == "Правка Марата." and not entry(root, other).fuzzy
    git(root, env, "cherry-pick", "aigerim")
    assert git(root, env, "status", "--porcelain").stdout == ""
    assert_recorded_conflict(root, msgid, "Вариант Данияра.", "Вариант Айгерим.")


def test_stash_pop_merges_entry_by_entry(team_repo: tuple[Path, dict[str, str]]) -> None:
    root, env = team_repo
    edit(root, 3, "Незакоммиченная правка.")
    git(root, env, "stash")
    msgid = commit_edit(root, env, "aigerim", 3, "Вариант Айгерим.", start="main")
    mine = edit(root, 6, "Ещё одна правка.")
    git(root, env, "commit", "-qam", "another entry")
    git(root, env, "stash", "pop")
    assert_recorded_conflict(root, msgid, "Вариант Айгерим.", "Незакоммиченная правка.")
    assert entry(root, mine).msgstr == "Ещё одна правка."


# --- a property over random edits ------------------------------------------------------------

HEADER = (
    ("Project-Id-Version", "random"),
    ("PO-Revision-Date", "2026-11-28 12:30+0000"),
    ("Last-Translator", "A <a@example.org>"),
    ("Language-Team", "Russian"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Language", "ru"),
    (
        "Plural-Forms",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
)
words = st.text(alphabet='абвгд xyz"\\.«»', min_size=1, max_size=8).map(str.strip).filter(bool)
texts = st.one_of(words, st.tuples(words, words).map("\n".join))


@st.composite
def entries(draw: st.DrawFn, key: int) -> Entry:
    ctxt = draw(st.sampled_from([None, None, "menu"]))
    flags = ("fuzzy",) if draw(st.booleans()) else ()
    comment = "\n".join(draw(st.lists(words, max_size=2)))
    obsolete = draw(st.integers(0, 5)) == 0
    if draw(st.integers(0, 4)) == 0:
        forms = tuple((i, draw(texts)) for i in range(3))
        return Entry(
            msgid=f"%d item {key}",
            msgid_plural=f"%d items {key}",
            msgstr_plural=forms,
            msgctxt=ctxt,
            flags=flags,
            tcomment=comment,
            obsolete=obsolete,
        )
    return Entry(
        msgid=f"Sentence {key}.",
        msgstr=draw(st.one_of(st.just(""), texts)),
        msgctxt=ctxt,
        flags=flags,
        tcomment=comment,
        obsolete=obsolete,
    )


def text_of(entry: Entry) -> tuple[str, tuple[tuple[int, str], ...]]:
    return entry.msgstr, entry.msgstr_plural


def with_text(entry: Entry, text: str) -> Entry:
    if entry.msgid_plural:
        return replace(entry, msgstr_plural=((0, text), *entry.msgstr_plural[1:]))
    return replace(entry, msgstr=text)


@st.composite
def edited(draw: st.DrawFn, base: list[Entry], side: str) -> list[Entry]:
    """One branch's catalog: some entries' text, fuzzy flag or comments changed, some made
    obsolete or deleted, a few added."""
    out: list[Entry] = []
    for entry in base:
        action = draw(st.sampled_from(["keep"] * 4 + ["text", "fuzzy", "comment", "obsolete", "delete"]))
        if action == "text":
            out.append(with_text(entry, draw(texts)))
        elif action == "fuzzy":
            out.append(replace(entry, flags=() if entry.fuzzy else ("fuzzy",)))
        elif action == "comment":
            out.append(
                replace(entry, tcomment="\n".join(filter(None, [entry.tcomment, f"{side}: {draw(words)}"])))
            )
        elif action == "obsolete":
            out.append(replace(entry, obsolete=True))
        elif action != "delete":
            out.append(entry)
    for key in draw(st.lists(st.integers(100, 103), max_size=2, unique=True)):
        out.append(Entry(msgid=f"Sentence {key}.", msgstr=draw(texts), flags=("fuzzy",)))
    return out


def catalog(entries_: list[Entry], date: str = "2026-11-28 12:30+0000") -> Catalog:
    header = tuple((k, date if k == "PO-Revision-Date" else v) for k, v in HEADER)
    # Through the writer and reader, as git hands the driver files.
    return parse_po(render_po(Catalog(header=header, entries=tuple(entries_))))


@st.composite
def three_sides(draw: st.DrawFn) -> tuple[Catalog, Catalog, Catalog]:
    base = [draw(entries(key)) for key in range(draw(st.integers(1, 7)))]
    ours, theirs = draw(edited(base, "ours")), draw(edited(base, "theirs"))
    dates = st.sampled_from(["2026-11-28 12:30+0000", "2026-12-01 09:00+0600", "2026-12-02 10:00+0000"])
    return catalog(base), catalog(ours, draw(dates)), catalog(theirs, draw(dates))


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(three_sides())
def test_random_edits_on_two_branches(tmp_path: Path, sides: tuple[Catalog, Catalog, Catalog]) -> None:
    base, ours, theirs = sides
    result = merge_catalogs(base, ours, theirs).catalog
    text = render_po(result)
    out = tmp_path / "merged.po"
    out.write_text(text, encoding="utf-8")
    assert msgfmt_check(out).returncode == 0, msgfmt_check(out).stderr + text
    assert parse_po(text) == result
    keys = [e.key for e in result.entries]
    assert len(keys) == len(set(keys))
    assert merge_catalogs(base, result, theirs).catalog == result  # idempotent
    b, o, t, r = ({e.key: e for e in c.entries} for c in (base, ours, theirs, result))
    for key in set(o) | set(t) | set(b):
        mine, other, before = o.get(key), t.get(key), b.get(key)
        if mine == before and other != before:  # one-side changes are there as made
            assert r.get(key) == other
        elif other == before and mine != before:
            assert r.get(key) == mine
        elif mine is not None and other is not None and text_of(mine) != text_of(other):
            changed = [text_of(e) != text_of(before) if before else e.has_text for e in (mine, other)]
            if all(changed):  # the same translation changed differently on both: a recorded conflict
                merged = r[key]
                assert text_of(merged) == text_of(mine) and merged.fuzzy
                recorded = conflict_notes(merged)
                theirs_text = [s for _, s in other.msgstr_plural] if other.msgid_plural else [other.msgstr]
                for piece in theirs_text:
                    escaped = piece.replace("\\", "\\\\").replace("\n", "\\n")
                    assert any(note.endswith(escaped) for note in recorded)
        elif before is not None and (mine is None) != (other is None):
            kept = mine or other
            assert kept is not None
            if text_of(kept) != text_of(before):  # deleted on one side, translated anew on the other
                assert text_of(r[key]) == text_of(kept) and conflict_notes(r[key])
    dates = [c.header_value("PO-Revision-Date") or "" for c in (ours, theirs)]
    newest = max(dates, key=lambda d: datetime.strptime(d, "%Y-%m-%d %H:%M%z"))
    assert result.header_value("PO-Revision-Date") == newest
    assert not re.search(r"#-#-#-#-#", text)


def test_a_catalog_added_on_both_branches_merges_from_an_empty_base(tmp_path: Path) -> None:
    folder = CASES / "added-both-different"
    empty = tmp_path / "base.po"
    empty.write_text("", encoding="utf-8")  # git's %O when both branches added the file
    ours = tmp_path / "ours.po"
    shutil.copy(folder / "ours.po", ours)
    done = run_l10n("merge-po", str(empty), str(ours), str(folder / "theirs.po"), "new.po", cwd=tmp_path)
    merged = load_catalog(ours)
    assert [e.msgid for e in merged.entries] == ["One.", "Four.", "Two."]
    assert [conflict_notes(e) for e in merged.entries] == [[], ["theirs: Четвёртое."], []]
    assert done.stderr.count("new.po: conflict") == 1
    assert msgfmt_check(ours).returncode == 0


def test_a_result_that_would_not_read_back_is_never_written(tmp_path: Path) -> None:
    folder = CASES / "plural-one-side"
    text = (folder / "base.po").read_text(encoding="utf-8").replace("#, c-format", "#, fuzzy, c-format")
    base, ours, theirs = (tmp_path / f"{side}.po" for side in ("base", "ours", "theirs"))
    base.write_text(text, encoding="utf-8")
    ours.write_text(text.replace("#, fuzzy, c-format", "#, c-format"), encoding="utf-8")  # approved
    # Theirs moves the header to two plural forms; the fuzzy entry's three are still read (msgfmt
    # -c reads them so), but ours' approved entry with three forms under that header is not.
    two = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
    theirs.write_text(re.sub(r'"Plural-Forms: [^"]*"\n"[^"]*"', lambda _: two, text), encoding="utf-8")
    assert msgfmt_check(theirs).returncode == 0 and msgfmt_check(ours).returncode == 0
    before = ours.read_bytes()
    done = run_l10n("merge-po", str(base), str(ours), str(theirs), "x.po", cwd=tmp_path, check=False)
    assert done.returncode == 1 and "x.po (merged)" in done.stderr and "plural forms" in done.stderr
    assert ours.read_bytes() == before


def test_an_obsolete_entry_purged_on_one_side_and_revived_on_the_other_is_kept() -> None:
    header = (("Content-Type", "text/plain; charset=UTF-8"),)
    old = Entry(msgid="Back again.", msgstr="Снова здесь.", obsolete=True)
    base = Catalog(header=header, entries=(Entry(msgid="A.", msgstr="А."), old))
    purged = Catalog(header=header, entries=(Entry(msgid="A.", msgstr="А."),))  # msgattrib --no-obsolete
    revived = Catalog(header=header, entries=(Entry(msgid="A.", msgstr="А."), replace(old, obsolete=False)))
    for ours, theirs in ((purged, revived), (revived, purged)):
        result = merge_catalogs(base, ours, theirs)
        assert result.catalog.entries == revived.entries and result.conflicts == ()
    assert merge_catalogs(base, purged, base).catalog.entries == purged.entries  # purged, untouched: gone


def test_the_workbench_offers_the_recorded_text_as_written() -> None:
    from l10n.workbench.pagedata import Others, alternatives

    base, ours, theirs, _ = load_case("multiline-conflict")
    (entry,) = conflicted(merge_catalogs(base, ours, theirs).catalog)
    offered = alternatives(entry, Others(catalogs={}, memory={}))
    assert offered[0]["kind"] == "merge"
    assert offered[0]["text"] == 'Строка один.\nВторая строка "в кавычках".'  # the line break is back
    base, ours, theirs, _ = load_case("plural-conflict")
    (entry,) = conflicted(merge_catalogs(base, ours, theirs).catalog)
    assert recorded_theirs(entry) == ["%d папка", "%d папки", "%d папок"]
