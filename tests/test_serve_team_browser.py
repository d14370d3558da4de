"""The newsroom workbench in Chromium: logging in with an account, an admin adding a user from the
accounts page, a translator's approve refused and their edit of an approved entry left as a
suggestion, a reviewer taking it and approving with the sign-off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest

from l10n.team.accounts import load_accounts, users_path

from .conftest import SLUG, po, run_l10n
from .serving import Server, stop
from .teamserving import PASSWORD, User, add_accounts, start_team

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def team(extracted: Path) -> Iterator[tuple[Path, Server]]:
    run_l10n("translate", cwd=extracted)
    add_accounts(
        extracted, ("ana", "translator", ("ru",)), ("rita", "reviewer", ("ru",)), ("boss", "admin", ())
    )
    server = start_team(extracted)
    try:
        yield extracted, server
    finally:
        stop(server)


def log_in(browser: Any, server: Server, name: str, password: str = PASSWORD) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"http://127.0.0.1:{server.port}/")  # no session: sent to the login page
    page.fill("#login-name", name)
    page.fill("#login-password", password)
    page.click("#login-form button[type=submit]")
    try:
        page.wait_for_selector("table.dashboard", timeout=10000)
    except Exception as exc:
        raise AssertionError(f"not logged in: {page.url} {page.text_content('body')}") from exc
    return page


def wait_status(page: Any, text: str) -> str:
    for _ in range(200):
        status = page.text_content("#status") or ""
        if text in status:
            return status
        page.wait_for_timeout(50)
    raise AssertionError(f"status {text!r} expected, got {page.text_content('#status')!r}")


def test_an_admin_adds_a_user_from_the_page(team: tuple[Path, Server], browser: Any) -> None:
    root, server = team
    page = log_in(browser, server, "boss")
    try:
        page.click("a.users-link")
        page.wait_for_selector("#add-user")
        page.fill("#new-name", "kuat")
        page.select_option("#new-role", "reviewer")
        page.fill("#new-languages", "kk")
        page.fill("#new-password", "kazakh secret")
        page.click("#add-user button[type=submit]")
        page.wait_for_selector("#users tr[data-name=kuat]")
        page.click("#logout-button")
        page.wait_for_selector("#login-form")
    finally:
        page.close()
    account = load_accounts(users_path(root / ".l10n"))["kuat"]
    assert (account.role, account.languages) == ("reviewer", ("kk",))
    page = log_in(browser, server, "kuat", "kazakh secret")
    try:
        assert "kuat (reviewer: kk)" in (page.text_content(".who") or "")
        assert page.query_selector("a.users-link") is None  # accounts are an admin's
    finally:
        page.close()


def test_translator_refused_approve_then_suggests_and_reviewer_takes_it(
    team: tuple[Path, Server], browser: Any
) -> None:
    root, server = team
    path = po(root, "ru")
    rita_api = User(server, "rita")
    assert rita_api.login().status == 200
    page = log_in(browser, server, "ana")
    try:
        page.goto(f"http://127.0.0.1:{server.port}/ru/{SLUG}")
        page.wait_for_selector(".seg.current")
        assert page.query_selector("#publish-button") is None
        msgid = page.text_content(".seg.current .src")
        before = path.read_bytes()
        page.keyboard.press("Control+Enter")
        assert "reviewer" in wait_status(page, "not saved")
        assert path.read_bytes() == before
        entry = next(
            e
            for e in rita_api.request("GET", f"/api/v1/ru/{SLUG}").json()["entries"].values()
            if e["msgid"] == msgid
        )
        body = {"msgid": msgid, "msgstr": entry["msgstr"], "approve": True, "version": entry["version"]}
        assert rita_api.request("PUT", f"/api/v1/ru/{SLUG}/entries", body).status == 200
        page.reload()
        page.wait_for_selector(".seg.current")
        segment = page.locator(".seg", has_text=msgid).first
        segment.locator("textarea").fill("Предложение переводчика.")
        page.keyboard.press("Control+s")
        wait_status(page, "left as a suggestion")
    finally:
        page.close()
    saved = polib.pofile(str(path)).find(msgid)
    assert saved.msgstr == entry["msgstr"] and not saved.fuzzy
    assert "l10n-suggestion: ana " in saved.tcomment and saved.tcomment.endswith(": Предложение переводчика.")
    page = log_in(browser, server, "rita")
    try:
        page.goto(f"http://127.0.0.1:{server.port}/ru/{SLUG}")
        page.wait_for_selector(".seg.current")
        page.locator(".seg", has_text=msgid).first.locator("textarea").focus()
        page.click("#suggestions button.take")
        page.keyboard.press("Control+Enter")
        wait_status(page, "approved and saved")
    finally:
        page.close()
    saved = polib.pofile(str(path)).find(msgid)
    assert saved.msgstr == "Предложение переводчика." and not saved.fuzzy
    assert "l10n-reviewed: rita " in saved.tcomment and "l10n-suggestion" not in saved.tcomment
