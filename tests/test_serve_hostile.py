"""The workbench against a stranger, a careless client and a hostile file, through a real
`l10n serve`: every route refuses a request without credentials, every state change one without
the CSRF token, every forged Host or Origin; a hostile JSON body gets a one-line 400 and leaves
the PO file as it was (so `msgfmt -c` keeps accepting it); a crash answers with the security
headers and no traceback; a hostile HTML article's preview runs nothing and fetches nothing."""

from __future__ import annotations

import html
import http.client
import json
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import polib
import pytest

from .conftest import SLUG, msgfmt_check, po, run_l10n
from .serving import Response, Server, start, stop

API = f"/api/v1/ru/{SLUG}"
CHANGES = [("PUT", f"{API}/entries"), ("POST", f"{API}/dismiss"), ("POST", f"{API}/undo")]
READS = [
    "/",
    f"/ru/{SLUG}",
    f"/preview/ru/{SLUG}",
    API,
    f"{API}/stamp",
    "/api/v1/articles",
    "/api/v1/session",
]


@pytest.fixture
def served(extracted: Path) -> Iterator[tuple[Path, Server]]:
    run_l10n("translate", cwd=extracted)  # machine drafts in every entry
    server = start(extracted)
    try:
        yield extracted, server
    finally:
        stop(server)


def raw(server: Server, method: str, path: str, body: bytes, headers: dict[str, str]) -> Response:
    """A request with exactly these bytes as its body (the test client sends only valid JSON)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers={"Host": f"127.0.0.1:{server.port}", **headers})
        answer = connection.getresponse()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
    finally:
        connection.close()


def first_entry(server: Server) -> dict[str, Any]:
    entries = server.request("GET", API, bearer=True, cookie=False).json()["entries"]
    return next(e for e in entries.values() if not e["msgid_plural"])


def assert_secured(answer: Response, what: str) -> None:
    assert "default-src 'none'" in answer.headers.get("content-security-policy", ""), what
    assert answer.headers.get("x-frame-options") == "SAMEORIGIN", what
    assert not [h for h in answer.headers if h.startswith("access-control-")], what  # no CORS, ever
    assert b"Traceback" not in answer.body and b".py" not in answer.body, what


# --- a stranger ---------------------------------------------------------------------------------


def test_a_stranger_gets_nothing_on_any_route(served: tuple[Path, Server]) -> None:
    root, server = served
    before = po(root, "ru").read_bytes()
    for path in READS:
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Cookie": f"l10n_session_{server.port}=forged"},
        ):
            answer = server.request("GET", path, headers=headers, cookie=False)
            wanted = 401 if path.startswith("/api/") else 303
            assert answer.status == wanted, (path, headers, answer.status)
            assert wanted == 401 or answer.headers["location"] == "/login"
            assert_secured(answer, path)
    for method, path in [*CHANGES, ("DELETE", f"{API}/entries"), ("PATCH", f"{API}/entries")]:
        answer = server.request(method, path, {"msgid": "x", "msgstr": "y", "version": "z"}, cookie=False)
        assert answer.status == 401, (method, path)
    assert po(root, "ru").read_bytes() == before
    static = server.request("GET", "/static/workbench.js", cookie=False)
    assert static.status == 200
    assert_secured(static, "static")
    for path in ("/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py"):
        assert server.request("GET", path, cookie=False).status == 404, path
    with pytest.raises(ConnectionRefusedError):  # bound to 127.0.0.1 only, not every address
        socket.create_connection(("127.0.0.2", server.port), timeout=5).close()


def test_every_state_change_needs_the_csrf_token_whatever_the_body(served: tuple[Path, Server]) -> None:
    root, server = served
    csrf = server.login()
    before = po(root, "ru").read_bytes()
    entry = first_entry(server)
    body = {
        "msgid": entry["msgid"],
        "msgctxt": entry["msgctxt"],
        "msgstr": "Подделка.",
        "version": entry["version"],
        "check": "numbers",
        "reason": "x",
    }
    cookie = "; ".join(f"{k}={v}" for k, v in server.cookies.items())
    for method, path in [*CHANGES, ("DELETE", f"{API}/entries"), ("PATCH", f"{API}/entries")]:
        for kind in ("application/json", "text/plain", "application/x-www-form-urlencoded", None):
            for token in (None, "", "x" * 43, csrf + "x"):
                headers = {
                    "Cookie": cookie,
                    **({"Content-Type": kind} if kind else {}),
                    **({"X-CSRF-Token": token} if token is not None else {}),
                }
                data = (
                    json.dumps(body).encode()
                    if kind != "application/x-www-form-urlencoded"
                    else f"csrf_token={csrf}&msgstr=x".encode()
                )
                answer = raw(server, method, path, data, headers)
                assert answer.status == 403, (method, path, kind, token, answer.status)
    assert po(root, "ru").read_bytes() == before


def test_forged_hosts_and_origins_are_refused(served: tuple[Path, Server]) -> None:
    _, server = served
    csrf = server.login()
    port = server.port
    for host in (
        "evil.example",
        "127.0.0.1.evil.example",
        f"127.0.0.1.evil.example:{port}",
        f"127.0.0.1.:{port}",
        f"localhost.:{port}",
        "127.0.0.1",
        f"127.1:{port}",
        f"2130706433:{port}",
        f"[0:0:0:0:0:0:0:1]:{port}",
        f"127.0.0.1:{port}@evil.example",
        "",
    ):
        answer = server.request("GET", "/api/v1/session", headers={"Host": host})
        assert answer.status == 421, host
        assert_secured(answer, host)
    for host in (f"LOCALHOST:{port}", f"[::1]:{port}", f"localhost:{port}"):  # the server's own names
        assert server.request("GET", "/api/v1/session", headers={"Host": host}).status == 200, host
    for origin in (
        "null",
        "http://evil.example",
        f"http://127.0.0.1:{port}.evil.example",
        f"http://127.0.0.1:{port + 1}",
        f"https://127.0.0.1:{port}",
        "file://",
    ):
        answer = server.request("POST", f"{API}/undo", headers={"Origin": origin, "X-CSRF-Token": csrf})
        assert answer.status == 403, origin
    assert server.request("GET", "/api/v1/session", headers={"Sec-Fetch-Site": "cross-site"}).status == 403


def test_slugs_and_languages_reach_nothing_else(served: tuple[Path, Server]) -> None:
    root, server = served
    server.login()
    (root / "source_texts" / "fresh.txt").write_text("Fresh\n\nNot extracted yet.\n", encoding="utf-8")
    for path in (
        "/ru/fresh",  # an article that exists, but has no catalog in that language yet
        "/api/v1/ru/fresh",
        "/preview/ru/fresh",
        "/ru/%2e%2e",
        "/ru/..%2f..%2fl10n.toml",
        f"/ru/{SLUG}%00",
        f"/ru/{SLUG}.po",
        f"/RU/{SLUG}",
        f"/ru/{SLUG.upper()}",
        "/ru/" + quote(SLUG.replace("-", "\u2010", 1)),  # a lookalike hyphen
        f"/kk_Latn/{SLUG}",
        f"/api/v1/kk_Latn/{SLUG}/stamp",
        f"/api/v1/xx/{SLUG}/stamp",
        "/api/v1/ru/%2e%2e/stamp",
        f"/preview/kk_Latn/{SLUG}",
        "/?lang=..%2f..",
        "/?lang=kk_Latn",
        "/api/v1/articles?lang=%00",
        "/ru/" + "a" * 5000,
    ):
        answer = server.request("GET", path)
        assert answer.status == 404, path
        assert_secured(answer, path)


# --- a careless or hostile client ----------------------------------------------------------------


def test_hostile_bodies_get_a_one_line_400_and_the_file_is_untouched(served: tuple[Path, Server]) -> None:
    root, server = served
    path = po(root, "ru")
    before = path.read_bytes()
    entry = first_entry(server)
    base = {"msgid": entry["msgid"], "msgctxt": entry["msgctxt"], "version": entry["version"]}
    bearer = {"Authorization": f"Bearer {server.api_token}", "Content-Type": "application/json"}
    for body in (b"[" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000, b"{", b"[]", b" " * 1_100_000):
        answer = raw(server, "PUT", f"{API}/entries", body, bearer)
        assert answer.status == 400 and answer.json()["error"], body[:20]
        assert_secured(answer, "body")
    for msgstr in (
        "a\x00b",
        "a\x1b[31mb",
        "a\x7f",
        "a\rb",
        "\ud800",
        "\nЛишний перевод строки.",
        "Лишний перевод строки.\n",
        ["а", "б"],
        [],
    ):
        answer = server.request(
            "PUT", f"{API}/entries", {**base, "msgstr": msgstr, "approve": True}, bearer=True
        )
        assert answer.status == 400 and "\n" not in answer.json()["error"], (
            msgstr,
            answer.status,
            answer.body,
        )
    dismiss = server.request(
        "POST", f"{API}/dismiss", {**base, "check": "numbers", "reason": "a\x00\x1b[2Jb"}, bearer=True
    )
    assert dismiss.status == 400
    assert path.read_bytes() == before, "a refused body wrote to the catalog"
    kept = server.request(
        "PUT",
        f"{API}/entries",
        {**base, "msgstr": "Табуляция\tи перевод\nстроки.", "approve": True},
        bearer=True,
    )
    assert kept.status == 200, kept.text
    assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr


def test_plural_forms_are_taken_only_for_plural_entries(extracted: Path) -> None:
    path = po(extracted, "ru")
    catalog = polib.pofile(str(path))
    catalog.append(
        polib.POEntry(
            msgid="%d apple",
            msgid_plural="%d apples",
            msgctxt='odd <b>"ctx"\t\\',
            msgstr_plural={0: "", 1: "", 2: ""},
        )
    )
    catalog.save()
    server = start(extracted)
    try:
        entries = server.request("GET", API, bearer=True, cookie=False).json()["entries"]
        plural = next(e for e in entries.values() if e["msgid_plural"])
        assert plural["msgctxt"] == 'odd <b>"ctx"\t\\'
        base = {
            "msgid": plural["msgid"],
            "msgctxt": plural["msgctxt"],
            "version": plural["version"],
            "approve": True,
        }
        singular = next(e for e in entries.values() if not e["msgid_plural"])
        before = path.read_bytes()
        for msgstr in ("%d яблоко", ["%d яблоко", "%d яблока"], []):
            answer = server.request("PUT", f"{API}/entries", {**base, "msgstr": msgstr}, bearer=True)
            assert answer.status == 400, msgstr
        answer = server.request(
            "PUT",
            f"{API}/entries",
            {
                "msgid": singular["msgid"],
                "msgctxt": singular["msgctxt"],
                "version": singular["version"],
                "approve": True,
                "msgstr": ["а", "б", "в"],
            },
            bearer=True,
        )
        assert answer.status == 400, "a list for a singular entry approved its old text"
        assert path.read_bytes() == before
        forms = ["%d яблоко", "%d яблока", "%d яблок"]
        assert server.request("PUT", f"{API}/entries", {**base, "msgstr": forms}, bearer=True).status == 200
        saved = polib.pofile(str(path)).find("%d apple", msgctxt='odd <b>"ctx"\t\\')
        assert saved is not None and [saved.msgstr_plural[i] for i in range(3)] == forms
        assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
    finally:
        stop(server)


def test_the_translators_name_cannot_add_a_header_field(extracted: Path) -> None:
    run_l10n("translate", cwd=extracted)
    evil = "mallory\nX-Injected: yes\nLanguage: en"
    server = start(extracted, env={"LOGNAME": evil, "USER": evil})
    try:
        entry = first_entry(server)
        body = {
            "msgid": entry["msgid"],
            "msgctxt": entry["msgctxt"],
            "msgstr": "Перевод.",
            "version": entry["version"],
            "approve": True,
        }
        assert server.request("PUT", f"{API}/entries", body, bearer=True, cookie=False).status == 200
    finally:
        stop(server)
    catalog = polib.pofile(str(po(extracted, "ru")))
    assert "X-Injected" not in catalog.metadata and catalog.metadata["Language"] == "ru"
    assert catalog.metadata["Last-Translator"].startswith("mallory")


def test_a_damaged_memory_leaves_the_article_usable(served: tuple[Path, Server]) -> None:
    """tm.sqlite overwritten with garbage: the memory's matches are left out, the article opens
    (it was a bare 500 without the page's data: sqlite3.DatabaseError is no L10nError)."""
    root, server = served
    (root / ".l10n" / "tm.sqlite").write_bytes(b"not a database " * 200)
    server.login()
    for path in (f"/ru/{SLUG}", API, f"/preview/ru/{SLUG}"):
        answer = server.request("GET", path)
        assert answer.status == 200, (path, answer.status, answer.body[:200])
        assert_secured(answer, path)


# --- a hostile HTML article in Chromium ----------------------------------------------------------

HOSTILE_HTML = """<!doctype html><html><head><title>Evil page</title>
<meta http-equiv="refresh" content="0;url=http://evil.example/refresh">
<base href="http://evil.example/base/">
<link rel="prefetch" href="http://evil.example/prefetch"><link rel="stylesheet" href="http://evil.example/css">
<style>body{background:url(http://evil.example/bg)}</style><script>alert('head')</script>
</head><body><article><h1>Evil headline <img src=x onerror="alert('h1')"></h1>
<p style="background:url(http://evil.example/inline)">A paragraph <a href="javascript:alert('js')">link</a>
with <svg onload="alert('svg')"><image href="http://evil.example/svgimg"/></svg> text.</p>
<p>Second <iframe src="http://evil.example/iframe"></iframe><object data="http://evil.example/obj"></object>
<form action="http://evil.example/form"><input autofocus onfocus="alert('af')"></form> paragraph.</p>
</article></body></html>
"""


def test_a_hostile_html_articles_preview_runs_and_fetches_nothing(workspace: Path) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is missing: scripts/setup installs it (Debian package chromium)"
    (workspace / "source_texts" / "evil.html").write_text(HOSTILE_HTML, encoding="utf-8")
    run_l10n("extract", cwd=workspace)
    server = start(workspace)
    dialogs: list[str] = []
    sent: list[str] = []

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
            )
            try:
                context = browser.new_context()
                context.on("response", lambda r: sent.append(r.url))  # only what reached a server
                page = context.new_page()
                page.on("dialog", refuse)
                page.goto(server.login_url)
                page.goto(f"http://127.0.0.1:{server.port}/ru/evil")
                page.wait_for_selector(".seg.current")
                assert page.get_attribute("#preview-frame", "sandbox") == ""
                page.keyboard.press("Alt+p")
                page.wait_for_timeout(1500)
                assert any(f.url.endswith("/preview/ru/evil") for f in page.frames), (
                    "the meta refresh navigated the preview"
                )
                page.goto(f"http://127.0.0.1:{server.port}/preview/ru/evil")  # opened on its own
                page.wait_for_timeout(1500)
                assert page.url.endswith("/preview/ru/evil")
                stranger = context.new_page()  # a foreign page framing the workbench (clickjacking)
                stranger.set_content(f'<iframe src="http://127.0.0.1:{server.port}/ru/evil"></iframe>')
                stranger.wait_for_timeout(1000)
                assert not [f for f in stranger.frames if f.url.startswith("http://127.0.0.1")]
            finally:
                browser.close()
    finally:
        stop(server)
    assert dialogs == []
    assert [url for url in sent if not url.startswith(f"http://127.0.0.1:{server.port}/")] == []


def test_an_article_whose_name_holds_url_characters_opens_from_the_dashboard(workspace: Path) -> None:
    """A careless file name ("#", "?", "&", "%", a space): the dashboard's link and the article's
    preview link still reach it (unquoted, "#1?" became a fragment: a 404)."""
    for name in ("q&a #1?", "50%"):
        (workspace / "source_texts" / f"{name}.txt").write_text(
            "Title\n\nA paragraph here.\n", encoding="utf-8"
        )
    run_l10n("extract", cwd=workspace)
    server = start(workspace)
    try:
        server.login()
        dashboard = server.request("GET", "/?lang=ru").text
        links = re.findall(r'<th scope="row"><a href="([^"]+)">', dashboard)
        assert len(links) == 3, links
        for link in links:
            page = server.request("GET", html.unescape(link))
            assert page.status == 200, link
            preview = re.search(r'<a href="([^"]+)" id="preview-link"', page.text)
            assert preview and server.request("GET", html.unescape(preview.group(1))).status == 200, link
    finally:
        stop(server)
