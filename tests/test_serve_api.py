"""The workbench over HTTP: who gets in (tokens, sessions, CSRF, Host and Origin), what a URL can
reach, and saves that never lose anyone's work (merges, conflicts, many writers at once)."""

from __future__ import annotations

import getpass
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import polib
import pytest

from l10n.errors import WorkspaceBusy
from l10n.workspace import load_workspace, workspace_lock

from .conftest import SLUG, msgfmt_check, po, run_l10n
from .serving import Server, changed_lines_belong_to, git, start, stop

API = f"/api/v1/ru/{SLUG}"


@pytest.fixture
def served(extracted: Path) -> Iterator[tuple[Path, Server]]:
    run_l10n("translate", cwd=extracted)  # machine drafts in every entry
    server = start(extracted)
    try:
        yield extracted, server
    finally:
        stop(server)


def entries(server: Server, bearer: bool = False, cookie: bool = True) -> dict[str, dict[str, Any]]:
    answer = server.request("GET", API, bearer=bearer, cookie=cookie)
    assert answer.status == 200, answer.text
    return {e["msgid"]: e for e in answer.json()["entries"].values()}


def put(
    server: Server,
    entry: dict[str, object],
    msgstr: str,
    csrf: str = "",
    approve: bool = False,
    version: object = None,
    bearer: bool = False,
) -> object:
    body = {
        "msgid": entry["msgid"],
        "msgctxt": entry["msgctxt"],
        "msgstr": msgstr,
        "approve": approve,
        "version": version or entry["version"],
    }
    return server.request(
        "PUT",
        f"{API}/entries",
        body,
        headers={"X-CSRF-Token": csrf} if csrf else {},
        bearer=bearer,
        cookie=not bearer,
    )


# --- who gets in ------------------------------------------------------------------------------


def test_nothing_without_the_token_and_the_token_once(served: tuple[Path, Server]) -> None:
    _, server = served
    page = server.request("GET", f"/ru/{SLUG}")
    assert page.status == 303 and page.headers["location"] == "/login"
    assert server.request("GET", "/api/v1/articles").status == 401
    assert server.request("GET", "/api/v1/articles", headers={"Authorization": "Bearer wrong"}).status == 401
    assert server.request("GET", "/login?token=guessed").status == 403
    csrf = server.login()
    cookie = server.request("GET", "/").headers
    assert server.request("GET", "/").status == 200
    again = server.request("GET", server.login_url.split(str(server.port), 1)[1], cookie=False)
    assert again.status == 403, "a spent login token is refused"
    assert csrf and "set-cookie" not in cookie
    assert server.request("GET", "/api/v1/articles", bearer=True, cookie=False).status == 200


def test_login_cookie_is_httponly_and_strict(served: tuple[Path, Server]) -> None:
    _, server = served
    answer = server.request("GET", server.login_url.split(str(server.port), 1)[1])
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_state_changes_need_the_csrf_token(served: tuple[Path, Server]) -> None:
    root, server = served
    csrf = server.login()
    entry = next(iter(entries(server).values()))
    before = po(root, "ru").read_bytes()
    assert put(server, entry, "Без токена.").status == 403  # type: ignore[attr-defined]
    assert put(server, entry, "Чужой токен.", csrf="x" * 43).status == 403  # type: ignore[attr-defined]
    dismiss = server.request(
        "POST", f"{API}/dismiss", {"msgid": entry["msgid"], "check": "numbers", "reason": "x"}
    )
    assert dismiss.status == 403
    assert po(root, "ru").read_bytes() == before
    assert put(server, entry, "С токеном.", csrf=csrf).status == 200  # type: ignore[attr-defined]
    fresh = entries(server, bearer=True, cookie=False)[str(entry["msgid"])]
    assert put(server, fresh, "По API-токену.", bearer=True).status == 200  # type: ignore[attr-defined]


def test_foreign_host_and_origin_are_refused(served: tuple[Path, Server]) -> None:
    _, server = served
    csrf = server.login()
    assert 400 <= server.request("GET", "/", headers={"Host": "evil.example"}).status < 500
    assert (
        400
        <= server.request("GET", "/login?token=x", headers={"Host": f"evil.example:{server.port}"}).status
        < 500
    )
    entry = next(iter(entries(server).values()))
    answer = server.request(
        "PUT",
        f"{API}/entries",
        {"msgid": entry["msgid"], "msgstr": "x", "version": entry["version"]},
        headers={"X-CSRF-Token": csrf, "Origin": "http://evil.example"},
    )
    assert answer.status == 403


def test_urls_reach_only_the_workspaces_articles(served: tuple[Path, Server]) -> None:
    _, server = served
    server.login()
    for path in (
        "/ru/" + quote("../../l10n.toml", safe=""),
        "/ru/../../etc/passwd",
        "/ru/..",
        "/xx/" + SLUG,
        "/kk_Latn/" + SLUG,  # derived from kk by build: not edited here
        "/api/v1/ru/" + quote("../" + SLUG, safe=""),
        "/api/v1/" + quote("../ru", safe="") + "/" + SLUG,
        "/preview/ru/" + quote("../../../etc/passwd", safe=""),
    ):
        assert server.request("GET", path).status == 404, path


def test_pages_carry_a_csp_without_inline_script(served: tuple[Path, Server]) -> None:
    _, server = served
    server.login()
    for path in ("/", f"/ru/{SLUG}", API):
        policy = server.request("GET", path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    preview = server.request("GET", f"/preview/ru/{SLUG}").headers["content-security-policy"]
    assert "sandbox" in preview and "script-src" not in preview  # default-src 'none': no script at all


def test_bad_bodies_get_a_one_line_reason(served: tuple[Path, Server]) -> None:
    _, server = served
    for body in (
        [1],
        {"msgstr": "x", "version": "v"},
        {"msgid": 3, "msgstr": "x", "version": "v"},
        {"msgid": "a", "msgstr": [1], "version": "v"},
    ):
        answer = server.request("PUT", f"{API}/entries", body, bearer=True, cookie=False)
        assert answer.status == 400 and "\n" not in answer.json()["error"], body
    answer = server.request(
        "PUT", f"{API}/entries", None, headers={"Content-Type": "application/json"}, bearer=True, cookie=False
    )
    assert answer.status == 400


# --- saves that lose nothing ------------------------------------------------------------------


def edit_on_disk(path: Path, msgid: str, msgstr: str, root: Path | None = None) -> None:
    """What Poedit does: read, change one entry, write the whole file (with its own layout)."""
    catalog = polib.pofile(str(path))
    entry = catalog.find(msgid)
    assert entry is not None
    entry.msgstr = msgstr
    if root is None:
        catalog.save()
        return
    for _ in range(400):  # as another l10n process would: wait for the lock, then write
        try:
            with workspace_lock(load_workspace(root), "test"):
                catalog = polib.pofile(str(path))
                entry = catalog.find(msgid)
                assert entry is not None
                entry.msgstr = msgstr
                catalog.save()
                return
        except WorkspaceBusy:
            time.sleep(0.01)
    raise AssertionError("the workspace lock was never free")


def test_an_edit_on_disk_of_another_entry_is_merged(served: tuple[Path, Server]) -> None:
    root, server = served
    first, second = list(entries(server, bearer=True, cookie=False).values())[:2]
    edit_on_disk(po(root, "ru"), str(second["msgid"]), "Правка в Poedit.")
    answer = put(server, first, "Правка на странице.", approve=True, bearer=True)
    assert answer.status == 200, answer.text  # type: ignore[attr-defined]
    saved = {e.msgid: e for e in polib.pofile(str(po(root, "ru")))}
    assert saved[first["msgid"]].msgstr == "Правка на странице." and not saved[first["msgid"]].fuzzy
    assert saved[second["msgid"]].msgstr == "Правка в Poedit."
    assert msgfmt_check(po(root, "ru")).returncode == 0


def test_an_edit_on_disk_of_the_same_entry_is_a_conflict(served: tuple[Path, Server]) -> None:
    root, server = served
    entry = next(iter(entries(server, bearer=True, cookie=False).values()))
    edit_on_disk(po(root, "ru"), str(entry["msgid"]), "Их версия.")
    on_disk = po(root, "ru").read_bytes()
    answer = put(server, entry, "Моя версия.", bearer=True)
    assert answer.status == 409  # type: ignore[attr-defined]
    theirs = answer.json()["theirs"]  # type: ignore[attr-defined]
    assert theirs["msgstr"] == "Их версия." and theirs["version"] != entry["version"]
    assert po(root, "ru").read_bytes() == on_disk, "nothing is written until the translator chooses"
    kept = put(server, entry, "Моя версия.", version=theirs["version"], bearer=True)  # "keep mine"
    assert kept.status == 200  # type: ignore[attr-defined]
    assert polib.pofile(str(po(root, "ru"))).find(str(entry["msgid"])).msgstr == "Моя версия."


def test_undo_restores_the_entry_as_it_was(served: tuple[Path, Server]) -> None:
    root, server = served
    entry = next(iter(entries(server, bearer=True, cookie=False).values()))
    before = polib.pofile(str(po(root, "ru"))).find(str(entry["msgid"]))
    assert put(server, entry, "Исправлено.", approve=True, bearer=True).status == 200  # type: ignore[attr-defined]
    answer = server.request("POST", f"{API}/undo", {}, bearer=True, cookie=False)
    assert answer.status == 200, answer.text
    after = polib.pofile(str(po(root, "ru"))).find(str(entry["msgid"]))
    assert (after.msgstr, after.flags, after.tcomment) == (before.msgstr, before.flags, before.tcomment)
    assert server.request("POST", f"{API}/undo", {}, bearer=True, cookie=False).status == 404


def test_two_sessions_and_outside_writers_lose_nothing(served: tuple[Path, Server]) -> None:
    root, server = served
    csrf = server.login()
    path = po(root, "ru")
    everything = list(entries(server).values())
    mine, yours, outside = everything[0:10], everything[10:20], everything[20:30]
    last: dict[str, str] = {}
    errors: list[str] = []
    written: list[int] = []

    def session(own: list[dict[str, object]], name: str, seed: int, bearer: bool) -> None:
        rng = random.Random(seed)
        versions = {str(e["msgid"]): e for e in own}
        for n in range(200):
            entry = versions[rng.choice(sorted(versions))]
            text = f"{name} {n}: перевод."
            answer = put(
                server, entry, text, csrf="" if bearer else csrf, approve=rng.random() < 0.5, bearer=bearer
            )
            if answer.status != 200:  # type: ignore[attr-defined]
                errors.append(f"{name} {n}: {answer.status} {answer.text[:200]}")  # type: ignore[attr-defined]
                return
            versions[str(entry["msgid"])] = answer.json()["entry"]  # type: ignore[attr-defined]
            last[str(entry["msgid"])] = text

    def writer() -> None:
        rng = random.Random(3)
        for n in range(40):
            entry = rng.choice(outside)
            try:
                edit_on_disk(path, str(entry["msgid"]), f"снаружи {n}.", root)
            except Exception as exc:  # reported below: a thread's exception would pass unseen
                errors.append(f"outside writer {n}: {exc}")
                return
            last[str(entry["msgid"])] = f"снаружи {n}."
            written.append(n)

    threads = [
        threading.Thread(target=session, args=(mine, "сессия-1", 1, False)),
        threading.Thread(target=session, args=(yours, "сессия-2", 2, True)),
        threading.Thread(target=writer),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(written) == 40
    saved = {e.msgid: e.msgstr for e in polib.pofile(str(path))}
    for msgid, text in last.items():
        assert saved[msgid] == text, msgid
    assert msgfmt_check(path).returncode == 0


def test_a_save_in_a_file_another_editor_laid_out_changes_only_that_entry(
    served: tuple[Path, Server],
) -> None:
    root, server = served
    path = po(root, "ru")
    polib.pofile(str(path), wrapwidth=60).save()  # another layout: every long line wrapped elsewhere
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "polib layout")
    entry = list(entries(server, bearer=True, cookie=False).values())[5]
    assert put(server, entry, "Одна правка.", approve=True, bearer=True).status == 200  # type: ignore[attr-defined]
    assert changed_lines_belong_to(root, path, [str(entry["msgid"])])
    added, removed, _ = git(root, "diff", "--numstat").split()
    assert int(added) <= 12 and int(removed) <= 12, "the entry's lines and the header's two dates"
    assert msgfmt_check(path).returncode == 0


def test_a_broken_catalog_is_one_line_naming_it(served: tuple[Path, Server]) -> None:
    root, server = served
    path = po(root, "kk")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    server.login()
    dashboard = server.request("GET", "/")
    assert dashboard.status == 200 and f"{SLUG}.po" in dashboard.text and SLUG in dashboard.text
    page = server.request("GET", f"/kk/{SLUG}")
    assert page.status == 500 and f"{SLUG}.po" in page.text and "Traceback" not in page.text
    assert "\n" not in page.text.strip()
    assert server.request("GET", f"/ru/{SLUG}").status == 200, "the other language still opens"
    assert server.request("GET", API).status == 200


def test_a_taken_port_falls_back_with_a_clear_line(extracted: Path) -> None:
    import socket
    import subprocess
    import sys

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "l10n", "serve", "--no-browser", "--port", str(port)],
        cwd=extracted,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith(f"port {port} is in use; serving on ") and first.strip().endswith("instead")
        assert "127.0.0.1:" in process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
        taken.close()


def test_a_git_merge_conflict_is_an_alternative_and_approving_settles_it(served: tuple[Path, Server]) -> None:
    root, server = served
    path = po(root, "ru")
    catalog = polib.pofile(str(path), wrapwidth=0)
    target = next(e for e in catalog if e.msgid)
    target.msgstr, target.flags = "Наша версия.", ["fuzzy"]
    target.tcomment = "a note\nl10n-conflict: theirs: Их версия из другой ветки."
    catalog.save()
    entry = entries(server, bearer=True, cookie=False)[target.msgid]
    assert entry["alternatives"][0] == {
        "kind": "merge",
        "label": "theirs (git merge conflict)",
        "text": "Их версия из другой ветки.",
    }
    assert put(server, entry, "Их версия из другой ветки.", approve=True, bearer=True).status == 200  # type: ignore[attr-defined]
    saved = polib.pofile(str(path)).find(target.msgid)
    assert saved.msgstr == "Их версия из другой ветки." and not saved.fuzzy
    note, signoff = saved.tcomment.split("\n")  # the conflict note settled; the approval signed off
    assert note == "a note" and signoff.startswith(f"l10n-reviewed: {getpass.getuser()} ")
