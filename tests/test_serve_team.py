"""A newsroom on one workbench, over HTTP: accounts and roles decided on the server for every
request (translator, reviewer, admin; per language), the sign-off written by an approval, a
suggestion instead of a translator's edit of an approved entry, publishing, the users API, and
the audit trail of all of it. Security: the login (CSRF, brake, cookie flags, rotation), no
token ways in once accounts exist, no start off loopback without an admin."""

from __future__ import annotations

import json
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polib
import pytest

from l10n.team.accounts import Account, hash_password, save_accounts
from l10n.team.audit import audit_path, records
from l10n.team.logins import LoginBrake
from l10n.workbench.auth import Auth

from .conftest import SLUG, msgfmt_check, po, run_l10n
from .serving import Server, stop
from .teamserving import PASSWORD, User, add_accounts, start_team

TEAM = (
    ("ana", "translator", ("ru",)),
    ("rita", "reviewer", ("ru",)),
    ("boss", "admin", ()),
)


@pytest.fixture
def team(extracted: Path) -> Iterator[tuple[Path, Server]]:
    run_l10n("translate", cwd=extracted)  # machine drafts (fuzzy) in every entry
    add_accounts(extracted, *TEAM)
    server = start_team(extracted)
    try:
        yield extracted, server
    finally:
        stop(server)


def logged_in(server: Server, name: str) -> User:
    user = User(server, name)
    answer = user.login()
    assert answer.status == 200, answer.text
    return user


def api(lang: str = "ru") -> str:
    return f"/api/v1/{lang}/{SLUG}"


def entry_of(user: User, msgid: str, lang: str = "ru") -> dict[str, object]:
    answer = user.request("GET", api(lang))
    assert answer.status == 200, answer.text
    return next(e for e in answer.json()["entries"].values() if e["msgid"] == msgid)


def first_msgid(root: Path, lang: str = "ru") -> str:
    return str(next(e.msgid for e in polib.pofile(str(po(root, lang))) if e.msgid and e.msgstr))


def save(user: User, msgid: str, text: str, approve: bool = False, lang: str = "ru") -> object:
    entry = entry_of(user, msgid, lang)
    body = {
        "msgid": msgid,
        "msgctxt": entry["msgctxt"],
        "msgstr": text,
        "approve": approve,
        "version": entry["version"],
    }
    return user.request("PUT", f"{api(lang)}/entries", body)


def trail(root: Path) -> list[dict[str, object]]:
    return [r.as_json() for r in records(audit_path(root / ".l10n"))]


# --- roles --------------------------------------------------------------------------------------


def test_a_translators_approve_is_refused_and_the_po_unchanged(team: tuple[Path, Server]) -> None:
    root, server = team
    ana = logged_in(server, "ana")
    msgid, before = first_msgid(root), po(root, "ru").read_bytes()
    refused = save(ana, msgid, "Одобряю сама.", approve=True)
    assert refused.status == 403 and "reviewer" in refused.json()["error"]  # type: ignore[attr-defined]
    assert po(root, "ru").read_bytes() == before
    assert trail(root) == []
    saved = save(ana, msgid, "Мой черновик.")
    assert saved.status == 200  # type: ignore[attr-defined]
    entry = polib.pofile(str(po(root, "ru"))).find(msgid)
    assert entry.msgstr == "Мой черновик." and entry.fuzzy and "l10n-reviewed" not in entry.tcomment
    [line] = trail(root)
    assert (line["user"], line["role"], line["action"], line["msgid"], line["after"]) == (
        "ana",
        "translator",
        "save",
        msgid,
        "Мой черновик.",
    )


def test_a_ru_translator_cannot_save_kk(team: tuple[Path, Server]) -> None:
    root, server = team
    ana = logged_in(server, "ana")
    msgid, before = first_msgid(root, "kk"), po(root, "kk").read_bytes()
    refused = save(ana, msgid, "Қазақша.", lang="kk")
    assert refused.status == 403 and "does not work on kk" in refused.json()["error"]  # type: ignore[attr-defined]
    assert po(root, "kk").read_bytes() == before
    dismissed = ana.request("POST", f"{api('kk')}/dismiss", {"msgid": msgid, "check": "length"})
    assert dismissed.status == 403 and po(root, "kk").read_bytes() == before


def test_a_reviewers_approval_signs_off_and_reopen_removes_it(team: tuple[Path, Server]) -> None:
    root, server = team
    rita = logged_in(server, "rita")
    msgid = first_msgid(root)
    assert save(rita, msgid, "Проверено.", approve=True).status == 200  # type: ignore[attr-defined]
    entry = polib.pofile(str(po(root, "ru"))).find(msgid)
    today = datetime.now(UTC).date().isoformat()
    assert not entry.fuzzy and entry.msgstr == "Проверено."
    assert any(line.startswith(f"l10n-reviewed: rita {today} ") for line in entry.tcomment.split("\n"))
    assert entry_of(rita, msgid)["reviewed_by"] == "rita"
    assert '<td class="reviewers">rita 1</td>' in rita.request("GET", "/").text  # the dashboard's column
    assert msgfmt_check(po(root, "ru")).returncode == 0
    status = json.loads(run_l10n("status", "--json", cwd=root).stdout)
    assert "rita" in json.dumps(status)
    reopened = rita.request("POST", f"{api()}/reopen", {"msgid": msgid})
    assert reopened.status == 200, reopened.text
    entry = polib.pofile(str(po(root, "ru"))).find(msgid)
    assert entry.fuzzy and "l10n-reviewed" not in entry.tcomment
    assert [r["action"] for r in trail(root)] == ["approve", "reopen"]


def test_a_translators_edit_of_an_approved_entry_becomes_a_suggestion(team: tuple[Path, Server]) -> None:
    root, server = team
    ana, rita = logged_in(server, "ana"), logged_in(server, "rita")
    msgid = first_msgid(root)
    assert save(rita, msgid, "Одобрено.", approve=True).status == 200  # type: ignore[attr-defined]
    before = po(root, "ru").read_bytes()
    refused = save(ana, msgid, "Лучше так.")
    assert refused.status == 403 and refused.json()["suggest"] is True  # type: ignore[attr-defined]
    assert po(root, "ru").read_bytes() == before
    assert ana.request("POST", f"{api()}/reopen", {"msgid": msgid}).status == 403
    suggested = ana.request("POST", f"{api()}/suggest", {"msgid": msgid, "text": "Лучше так."})
    assert suggested.status == 200, suggested.text
    entry = polib.pofile(str(po(root, "ru"))).find(msgid)
    assert entry.msgstr == "Одобрено." and not entry.fuzzy  # the approved text stands
    assert any(
        line.startswith("l10n-suggestion: ana ") and line.endswith(": Лучше так.")
        for line in entry.tcomment.split("\n")
    )
    seen: Any = entry_of(rita, msgid)
    assert [(s["name"], s["text"]) for s in seen["suggestions"]] == [("ana", "Лучше так.")]
    assert save(rita, msgid, "Лучше так.", approve=True).status == 200  # type: ignore[attr-defined]
    entry = polib.pofile(str(po(root, "ru"))).find(msgid)
    assert (
        entry.msgstr == "Лучше так."
        and "l10n-suggestion" not in entry.tcomment
        and "l10n-reviewed: rita" in entry.tcomment
    )
    assert [(r["user"], r["action"], r["after"]) for r in trail(root)] == [
        ("rita", "approve", "Одобрено."),
        ("ana", "suggest", "Лучше так."),
        ("rita", "approve", "Лучше так."),
    ]


def test_dismiss_and_publish_are_for_reviewers(team: tuple[Path, Server]) -> None:
    root, server = team
    ana, rita = logged_in(server, "ana"), logged_in(server, "rita")
    msgid = first_msgid(root)
    body = {"msgid": msgid, "check": "length", "reason": "house style"}
    assert ana.request("POST", f"{api()}/dismiss", body).status == 403
    assert rita.request("POST", f"{api()}/dismiss", body).status == 200
    assert ana.request("POST", f"{api()}/publish", {}).status == 403
    published = rita.request("POST", f"{api()}/publish", {})
    assert published.status == 200, published.text
    assert [r["action"] for r in published.json()["results"]] in (["built"], ["skipped"])
    actions = [(r["user"], r["action"]) for r in trail(root)]
    assert actions == [("rita", "dismiss"), ("rita", "publish")]


# --- accounts from the workbench --------------------------------------------------------------


def test_an_admin_manages_accounts_and_nobody_else(team: tuple[Path, Server]) -> None:
    root, server = team
    boss, ana = logged_in(server, "boss"), logged_in(server, "ana")
    new = {"name": "kuat", "role": "translator", "languages": ["kk"], "password": "another secret"}
    assert ana.request("POST", "/api/v1/users", new).status == 403
    assert ana.request("GET", "/api/v1/users").status == 403
    assert ana.request("GET", "/users").status == 403
    added = boss.request("POST", "/api/v1/users", new)
    assert added.status == 201, added.text
    kuat = User(server, "kuat")
    assert kuat.login("another secret").json()["languages"] == ["kk"]
    assert boss.request("POST", "/api/v1/users", {**new, "languages": ["xx"], "name": "x1"}).status == 400
    assert boss.request("DELETE", "/api/v1/users/boss").status == 400  # the last admin stays
    changed = boss.request("PUT", "/api/v1/users/ana", {"role": "reviewer", "languages": ["ru", "kk"]})
    assert changed.status == 200, changed.text
    assert ana.request("GET", "/api/v1/session").status == 401  # a changed account logs in again
    users_file = root / ".l10n" / "users.toml"
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    assert "another secret" not in users_file.read_text() and PASSWORD not in users_file.read_text()
    log = [(r["user"], r["action"], r["msgid"]) for r in trail(root)]
    assert log == [("boss", "users", "kuat"), ("boss", "users", "ana")]
    assert "another secret" not in audit_path(root / ".l10n").read_text()


# --- security -------------------------------------------------------------------------------------


def test_no_start_off_loopback_without_an_admin(extracted: Path) -> None:
    refused = run_l10n(
        "serve", "--no-browser", "--host", "0.0.0.0", "--port", "0", cwd=extracted, check=False
    )
    assert refused.returncode == 2
    assert (
        "l10n users add NAME --role admin" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    )
    add_accounts(extracted, ("ana", "translator", ("ru",)))
    again = run_l10n("serve", "--no-browser", "--host", "0.0.0.0", "--port", "0", cwd=extracted, check=False)
    assert again.returncode == 2 and "admin" in again.stderr


def test_a_lan_server_answers_to_its_public_names_only(extracted: Path) -> None:
    add_accounts(extracted, ("boss", "admin", ()))
    server = start_team(extracted, "--host", "0.0.0.0", "--public-host", "news.lan")
    try:
        port = server.port
        assert server.request("GET", "/api/v1/session", headers={"Host": f"news.lan:{port}"}).status == 401
        assert server.request("GET", "/api/v1/session", headers={"Host": "news.lan"}).status == 401
        assert (
            server.request("GET", "/api/v1/session", headers={"Host": f"evil.example:{port}"}).status == 421
        )
        login = server.request(
            "GET", "/api/v1/login", headers={"Host": f"news.lan:{port}", "Origin": "http://evil.example"}
        )
        assert login.status == 403
    finally:
        stop(server)


def test_tokens_are_off_once_accounts_exist(team: tuple[Path, Server]) -> None:
    _, server = team
    assert (
        server.request(
            "GET", "/api/v1/session", headers={"Authorization": "Bearer anything"}, cookie=False
        ).status
        == 401
    )
    page = server.request("GET", "/login?token=whatever")
    assert (
        page.status == 200
        and "set-cookie" in page.headers
        and "l10n_session" not in page.headers["set-cookie"]
    )
    assert 'id="login-form"' in page.text


def test_login_cookie_flags_rotation_and_csrf_on_login_and_logout(team: tuple[Path, Server]) -> None:
    _, server = team
    sid_name = f"l10n_session_{server.port}"
    ana = User(server, "ana")
    token = ana.request("GET", "/api/v1/login", csrf=False).json()["csrf_token"]
    body = {"name": "ana", "password": PASSWORD}
    assert ana.request("POST", "/api/v1/login", body, csrf=False).status == 403  # no header
    assert ana.request("POST", "/api/v1/login", body, headers={"X-CSRF-Token": "forged"}).status == 403
    planted_pair = User(server, "ana", cookies={f"l10n_login_{server.port}": "a.b"}, csrf="a.b")
    assert planted_pair.request("POST", "/api/v1/login", body).status == 403  # not signed by the server
    planted = "planted-session-id"
    ana.cookies[sid_name], ana.csrf = planted, token
    answer = ana.request("POST", "/api/v1/login", body)
    assert answer.status == 200 and answer.json()["role"] == "translator"
    [cookie] = [h for h in answer.raw_set_cookies if h.startswith(f"{sid_name}=")]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    first = ana.cookies[sid_name]
    assert first != planted
    assert User(server, "x", cookies={sid_name: planted}).request("GET", "/api/v1/session").status == 401
    assert ana.login().status == 200  # logging in again with the session cookie: a new id
    assert ana.cookies[sid_name] != first
    assert User(server, "x", cookies={sid_name: first}).request("GET", "/api/v1/session").status == 401
    assert ana.request("POST", "/api/v1/logout", {}, csrf=False).status == 403
    assert ana.request("GET", "/api/v1/session").status == 200
    assert ana.request("POST", "/api/v1/logout", {}).status == 200
    assert ana.request("GET", "/api/v1/session").status == 401


def test_five_wrong_passwords_lock_the_name_for_a_minute(team: tuple[Path, Server]) -> None:
    _, server = team
    ana = User(server, "ana")
    assert [ana.login("wrong password").status for _ in range(5)] == [401] * 5
    assert ana.login().status == 429  # the right password, refused while locked
    rita = User(server, "rita")
    assert rita.login().status == 429  # the same address is locked too
    stop(server)
    assert server.process.stderr is not None
    assert "login refused for a minute: 5 failed logins for 'ana'" in server.process.stderr.read()


def one_account(tmp_path: Path) -> Path:
    path = tmp_path / "users.toml"
    save_accounts(path, [Account("ana", "translator", ("ru",), hash_password(PASSWORD))])
    return path


def test_sessions_end_after_the_idle_time(tmp_path: Path) -> None:
    auth = Auth(1, users_file=one_account(tmp_path), idle=0.2)
    token = auth.login_csrf()
    assert auth.login_csrf_ok(token, token) and not auth.login_csrf_ok(token, auth.login_csrf())
    result = auth.password_login("ana", PASSWORD, "10.0.0.1", None)
    assert result.session is not None and auth.session_for(result.sid, None) is not None
    time.sleep(0.3)
    assert auth.session_for(result.sid, None) is None


def test_login_timing_unknown_name_vs_wrong_password_within_noise(tmp_path: Path) -> None:
    """The server's login check, 50 tries of each kind interleaved (machine load hits both);
    the brake is set out of the way (it would refuse both alike after 5)."""
    auth = Auth(1, users_file=one_account(tmp_path), brake=LoginBrake(allowed=10**6))
    unknown: list[float] = []
    wrong: list[float] = []
    for i in range(50):
        pairs = [("nobody", unknown), ("ana", wrong)]
        for name, times in pairs if i % 2 else reversed(pairs):
            start = time.perf_counter()
            assert auth.password_login(name, "not the password", "10.0.0.2", None).status == 401
            times.append(time.perf_counter() - start)
    # Each unknown-name try against the wrong-password try beside it: load that drifts over the
    # run hits both sides of a pair alike. A leak (no KDF run for an unknown name) is a ratio
    # near 0.01; noise on a busy 2-core machine stays well inside these bounds.
    ratios = sorted(u / w for u, w in zip(unknown, wrong, strict=True))
    median = ratios[len(ratios) // 2]
    assert 0.75 < median < 1.33, (median, sorted(unknown)[25], sorted(wrong)[25])


def test_the_first_account_ends_the_token_ways_in(extracted: Path) -> None:
    from .serving import start

    server = start(extracted)  # no accounts: the one-time link and the API token
    try:
        csrf = server.login()
        assert server.request("GET", "/api/v1/session").json()["role"] == "admin"
        first = {"name": "boss", "role": "translator", "languages": ["ru"], "password": PASSWORD}
        refused = server.request("POST", "/api/v1/users", first, headers={"X-CSRF-Token": csrf})
        assert refused.status == 400 and "admin" in refused.json()["error"]  # the first account is an admin
        added = server.request(
            "POST",
            "/api/v1/users",
            {**first, "role": "admin", "languages": []},
            headers={"X-CSRF-Token": csrf},
        )
        assert added.status == 201, added.text
        assert server.request("GET", "/api/v1/session").status == 401  # the link's session ended
        assert server.request("GET", "/api/v1/session", bearer=True, cookie=False).status == 401
        assert logged_in(server, "boss").request("GET", "/api/v1/session").json()["role"] == "admin"
    finally:
        stop(server)


def test_an_edition_credits_who_signed_it_off(repo_copy: Path) -> None:
    from l10n.team.signoff import text_digest

    catalog = polib.pofile(str(po(repo_copy, "ru")))
    for number, entry in enumerate(e for e in catalog if e.msgid and e.msgstr and not e.fuzzy):
        name = "rita" if number % 3 else "ana"  # rita signed off most: named first
        entry.tcomment = "\n".join(
            filter(None, [entry.tcomment, f"l10n-reviewed: {name} 2026-12-04 {text_digest(entry.msgstr)}"])
        )
    catalog.save()
    config = repo_copy / "l10n.toml"
    run_l10n("build", "--format", "html", cwd=repo_copy)
    plain = (repo_copy / "editions" / "ru" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Перевод:" not in plain  # credit is off unless asked for
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("[publish]", "[publish]\ncredit = true", 1)
        if "[publish]" in text
        else text + "\n[publish]\ncredit = true\n",
        encoding="utf-8",
    )
    run_l10n("build", "--format", "html", cwd=repo_copy)
    ru = (repo_copy / "editions" / "ru" / f"{SLUG}.html").read_text(encoding="utf-8")
    kk = (repo_copy / "editions" / "kk" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<p class="dateline credit">Перевод: rita, ana</p>' in ru
    assert "Аударған:" not in kk  # approved outside the workbench: nobody to name


def test_the_brake_forgets_stale_names() -> None:
    """Failed logins with ever new names do not grow the server's memory without end."""
    brake = LoginBrake()
    for i in range(30_000):
        brake.failed(f"name{i}", "10.0.0.3", now=i * 0.01)  # 100 a second, each name once
    assert len(brake._failures) < 12_000
    assert brake.refused("anyone", "10.0.0.3", now=300.0)  # the address stays locked meanwhile


def test_behind_a_tls_proxy_the_cookies_are_secure(extracted: Path) -> None:
    add_accounts(extracted, ("boss", "admin", ()))
    server = start_team(extracted, "--https", "--public-host", "news.example")
    try:
        boss = User(server, "boss")
        token = boss.request("GET", "/api/v1/login", csrf=False, headers={"Host": "news.example"})
        [login_cookie] = token.raw_set_cookies
        assert (
            login_cookie.startswith(f"__Host-l10n_login_{server.port}=") and "secure" in login_cookie.lower()
        )
        boss.csrf = token.json()["csrf_token"]
        answer = boss.request(
            "POST",
            "/api/v1/login",
            {"name": "boss", "password": PASSWORD},
            headers={"Host": "news.example", "Origin": "https://news.example"},
        )
        assert answer.status == 200, answer.text
        [session] = [c for c in answer.raw_set_cookies if c.startswith("__Host-l10n_session_")]
        assert all(flag in session.lower() for flag in ("secure", "httponly", "samesite=strict", "path=/"))
    finally:
        stop(server)
