"""The workbench in Chromium (the system's, through Playwright): the one-time login, the article in
reading order, approving drafts by keyboard alone, a dismissal made in the page, and hostile text
in sources and translations."""

from __future__ import annotations

import getpass
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest

from l10n.stages.sources import load_document
from l10n.workspace import load_workspace

from .conftest import SLUG, msgfmt_check, po, run_l10n
from .serving import Server, changed_lines_belong_to, git, start, stop

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def drafted(workspace: Path) -> Iterator[tuple[Path, Server]]:
    """The seed article extracted and drafted by the pseudo engine (every entry a machine draft),
    committed to git, with a workbench serving it."""
    run_l10n("extract", cwd=workspace)
    run_l10n("translate", cwd=workspace)
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "drafts")
    server = start(workspace)
    try:
        yield workspace, server
    finally:
        stop(server)


def open_article(browser: Any, server: Server, lang: str = "ru", slug: str = SLUG) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.login_url)  # the one-time link: becomes the session cookie
    page.goto(f"http://127.0.0.1:{server.port}/{lang}/{slug}")
    page.wait_for_selector(".seg.current")  # the script loaded the entries and focused one
    return page


def wait_saved(page: Any, count: int) -> None:
    # (wait_for_function evaluates a string: the page's CSP forbids that, as it should)
    for _ in range(200):
        if page.evaluate("document.querySelectorAll('.seg.state-reviewed').length") >= count:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{count} reviewed segments expected: {page.text_content('#status')}")


def test_one_time_url_opens_the_whole_article_in_reading_order(
    drafted: tuple[Path, Server], browser: Any
) -> None:
    root, server = drafted
    page = open_article(browser, server)
    try:
        document = load_document(root / "source_texts" / f"{SLUG}.txt", load_workspace(root))
        expected = [segment.msgid for block in document.blocks for segment in block.segments]
        shown = page.eval_on_selector_all(".seg .src", "els => els.map(e => e.textContent)")
        assert shown == expected
        kinds = page.eval_on_selector_all("section.block", "els => els.map(e => e.dataset.kind)")
        assert kinds[0] == "title" and "paragraph" in kinds
        # The caret is in the first segment that needs work, which says its state in words.
        assert page.evaluate("document.activeElement.closest('.seg').id") == "seg-1"
        assert page.text_content("#seg-1 .state") == "draft"
        assert page.get_attribute("#seg-1", "role") == "group"
        # The spent login link is refused to a second browser.
        other = browser.new_page()
        try:
            assert other.goto(server.login_url).status == 403
        finally:
            other.close()
    finally:
        page.close()


def test_three_drafts_approved_with_ctrl_enter_alone(drafted: tuple[Path, Server], browser: Any) -> None:
    root, server = drafted
    path = po(root, "ru")
    before = {e.msgid: e for e in polib.pofile(str(path))}
    page = open_article(browser, server)
    try:
        order = page.eval_on_selector_all(".seg .src", "els => els.map(e => e.textContent)")
        for done in range(1, 4):
            page.keyboard.press("Control+Enter")
            wait_saved(page, done)
    finally:
        page.close()
    after = {e.msgid: e for e in polib.pofile(str(path))}
    approved = list(dict.fromkeys(order))[:3]
    for msgid, entry in after.items():
        old = before[msgid]
        if msgid in approved:
            assert not entry.fuzzy and entry.msgstr == old.msgstr, msgid
            lines = entry.tcomment.split(
                "\n"
            )  # the provenance stays, for the post-editing report; the sign-off is added
            assert "\n".join(line for line in lines if not line.startswith("l10n-reviewed:")) == old.tcomment
            assert any(line.startswith(f"l10n-reviewed: {getpass.getuser()} ") for line in lines)
        else:
            assert (entry.msgstr, entry.flags, entry.tcomment, entry.comment) == (
                old.msgstr,
                old.flags,
                old.tcomment,
                old.comment,
            )
    assert sum(not e.fuzzy for e in after.values() if e.msgid) == 3
    assert msgfmt_check(path).returncode == 0
    header = polib.pofile(str(path)).metadata
    assert header["Last-Translator"] == getpass.getuser()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d[+-]\d{4}", header["PO-Revision-Date"])
    assert changed_lines_belong_to(root, path, approved)


def test_dismissal_made_in_the_page_survives_extract_polib_and_msgcat(workspace: Path, browser: Any) -> None:
    run_l10n("extract", cwd=workspace)
    path = po(workspace, "ru")
    catalog = polib.pofile(str(path))
    target = next(e for e in catalog if "$4-500" in e.msgid)
    target.msgstr = "Взносы составляют 400–500 долларов."  # a range the numbers check cannot read
    catalog.save()
    run_l10n("extract", cwd=workspace)
    findings = run_l10n("check", "--json", "--lang", "ru", cwd=workspace, check=False).stdout
    assert '"numbers"' in findings and "$4-500" in findings
    server = start(workspace)
    try:
        page = open_article(browser, server)
        try:
            index = page.eval_on_selector_all(".seg .src", "els => els.map(e => e.textContent)").index(
                target.msgid
            )
            page.focus(f"#seg-{index + 1} textarea")
            page.wait_for_selector("#findings li.finding")
            assert "numbers" in page.text_content("#findings")
            page.keyboard.press("Alt+d")
            page.keyboard.type("the author's $4-500 means $400–500")
            page.keyboard.press("Enter")
            page.wait_for_selector("#dismissed li")
            assert "numbers" not in page.text_content("#findings")
        finally:
            page.close()
    finally:
        stop(server)
    text = path.read_text(encoding="utf-8")
    assert "# l10n-ignore: numbers — the author's $4-500 means $400–500" in text
    run_l10n("extract", cwd=workspace)
    polib.pofile(str(path)).save()  # what a script (or an editor that rewrites the file) does
    merged = subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)
    assert merged.returncode == 0 and "l10n-ignore: numbers" in path.read_text(encoding="utf-8")
    findings = json.loads(run_l10n("check", "--json", "--lang", "ru", cwd=workspace, check=False).stdout)
    assert not [f for f in findings if f["msgid"] == target.msgid and f["check"] == "numbers"]
    assert "l10n-ignore: numbers" in path.read_text(encoding="utf-8")


XSS = [
    "<script>alert('source')</script>",
    '<img src="http://evil.example/pixel.png" onerror="alert(1)">',
    '<a href="javascript:alert(2)">click</a>',
    '<svg onload="alert(3)"><circle r="1"/></svg>',
]


def test_hostile_text_in_sources_and_translations_does_nothing(workspace: Path, browser: Any) -> None:
    article = workspace / "source_texts" / "hostile.txt"
    article.write_text(
        "Hostile input\n\n"
        + "\n\n".join(f"Paragraph {n} says {payload} here." for n, payload in enumerate(XSS))
        + "\n",
        encoding="utf-8",
    )
    run_l10n("extract", cwd=workspace)
    path = po(workspace, "ru", "hostile")
    catalog = polib.pofile(str(path))
    for n, entry in enumerate(catalog):
        entry.msgstr = f"Перевод {XSS[n % len(XSS)]} <a1>x</a1>"
        entry.flags = ["fuzzy"]
    catalog.save()
    server = start(workspace)
    try:
        page = open_article(browser, server, slug="hostile")
        dialogs: list[str] = []
        requests: list[str] = []

        def refuse(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", refuse)
        page.on("request", lambda request: requests.append(request.url))
        try:
            page.reload()
            page.wait_for_selector(".seg.current")
            sources = page.eval_on_selector_all(".seg .src", "els => els.map(e => e.textContent)")
            assert any("<script>alert('source')</script>" in s for s in sources)
            values = page.eval_on_selector_all(".seg textarea", "els => els.map(e => e.value)")
            assert any("<svg onload" in v for v in values)
            assert (
                page.evaluate(
                    "document.querySelectorAll('article script, article img, article svg,"
                    " article a[href^=javascript]').length"
                )
                == 0
            )
            page.keyboard.press("Alt+p")  # the preview: the edition built from these texts
            page.wait_for_timeout(1500)
            for n in range(1, len(sources) + 1):  # every segment's side column rendered
                page.focus(f"#seg-{n} textarea")
            page.wait_for_timeout(500)
            assert (
                page.evaluate("document.querySelectorAll('aside script, aside img, aside svg').length") == 0
            )
        finally:
            page.close()
        assert dialogs == []
        assert not [url for url in requests if "evil.example" in url or "pixel" in url], requests
    finally:
        stop(server)


def edit_on_disk(path: Path, msgid: str, msgstr: str) -> None:
    catalog = polib.pofile(str(path))
    entry = catalog.find(msgid)
    assert entry is not None
    entry.msgstr = msgstr
    catalog.save()


def test_a_conflict_shows_both_and_other_changes_arrive(drafted: tuple[Path, Server], browser: Any) -> None:
    root, server = drafted
    path = po(root, "ru")
    page = open_article(browser, server)
    try:
        sources = page.eval_on_selector_all(".seg .src", "els => els.map(e => e.textContent)")
        page.focus("#seg-2 textarea")
        page.fill("#seg-2 textarea", "Моя версия.")
        edit_on_disk(path, sources[1], "Их версия.")
        on_disk = path.read_bytes()
        page.keyboard.press("Control+s")
        page.wait_for_selector("#seg-2 .conflict:not([hidden])")
        box = page.text_content("#seg-2 .conflict")
        assert "Их версия." in box and "Моя версия." in box
        assert path.read_bytes() == on_disk, "nothing is written until the translator chooses"
        page.click("#seg-2 .conflict button:text('keep mine')")
        page.wait_for_selector("#seg-2 .conflict", state="hidden")
        assert polib.pofile(str(path)).find(sources[1]).msgstr == "Моя версия."
        # Someone else's change to an entry this page is not editing shows within ~5 s.
        later = next(i for i, s in enumerate(sources) if s not in sources[:3])
        edit_on_disk(path, sources[later], "Правка из Poedit.")
        for _ in range(60):
            if page.input_value(f"#seg-{later + 1} textarea") == "Правка из Poedit.":
                break
            page.wait_for_timeout(100)
        assert page.input_value(f"#seg-{later + 1} textarea") == "Правка из Poedit."
    finally:
        page.close()


def test_the_rest_of_the_keys(drafted: tuple[Path, Server], browser: Any) -> None:
    root, server = drafted
    path = po(root, "ru")
    page = open_article(browser, server)
    try:
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate("document.activeElement.closest('.seg').id") == "seg-2"
        page.keyboard.press("Alt+ArrowUp")
        assert page.evaluate("document.activeElement.closest('.seg').id") == "seg-1"
        page.keyboard.press("Alt+PageDown")
        assert page.evaluate("document.activeElement.closest('.seg').id") == "seg-2"
        source = page.text_content("#seg-2 .src")
        page.fill("#seg-2 textarea", "Черновик переводчика.")
        page.keyboard.press("Control+s")
        page.wait_for_selector("#seg-2.state-needs_review")
        assert polib.pofile(str(path)).find(source).msgstr == "Черновик переводчика."
        page.keyboard.press("Alt+1")  # alternative 1: the raw MT draft
        raw = page.text_content("#alternatives li:first-child .text")
        assert page.input_value("#seg-2 textarea") == raw
        page.keyboard.press("Alt+z")  # undo the save: the machine draft again, as it was
        page.wait_for_selector("#seg-2.state-draft")
        entry = polib.pofile(str(path)).find(source)
        assert entry.msgstr == raw and entry.fuzzy
        page.keyboard.press("Alt+Slash")
        assert page.is_visible("#help") and "Ctrl" in page.text_content("#help")
        page.keyboard.press("Escape")
        assert not page.is_visible("#help")
        page.keyboard.press("Alt+p")
        page.wait_for_selector("#preview-frame")
        assert page.is_visible("#preview")
        page.keyboard.press("Escape")
        assert not page.is_visible("#preview")
        page.goto(f"http://127.0.0.1:{server.port}/?lang=ru")
        assert page.text_content("table.dashboard tbody th a") == SLUG
        for _ in range(100):  # findings are counted in the background and filled in
            if page.text_content("td.findings") != "…":
                break
            page.wait_for_timeout(100)
        assert page.text_content("td.findings").isdigit()
        page.set_viewport_size({"width": 375, "height": 800})  # a phone: nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.goto(f"http://127.0.0.1:{server.port}/ru/{SLUG}")
        page.wait_for_selector(".seg.current")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.text_content("#article-title").startswith("Kazakhstan:")
    finally:
        page.close()
