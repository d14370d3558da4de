"""A real `l10n serve` in a subprocess for the workbench tests, and an HTTP client that can send
any header (a forged Host, no cookie, a wrong CSRF token)."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import polib


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    raw_set_cookies: list[str] = field(default_factory=list)  # every Set-Cookie (headers keeps the last)

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    login_url: str
    api_token: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: object = None,
        headers: dict[str, str] | None = None,
        bearer: bool = False,
        cookie: bool = True,
    ) -> Response:
        sent = {"Host": f"127.0.0.1:{self.port}"}
        if bearer:
            sent["Authorization"] = f"Bearer {self.api_token}"
        if cookie and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=data, headers=sent)
            answer = connection.getresponse()
            cookies = [v for k, v in answer.getheaders() if k.lower() == "set-cookie"]
            return Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read(), cookies
            )
        finally:
            connection.close()

    def login(self) -> str:
        """Spend the one-time token like a browser would; returns the CSRF token of the session."""
        parts = urlsplit(self.login_url)
        answer = self.request("GET", f"{parts.path}?{parts.query}", cookie=False)
        assert answer.status == 303, answer
        name, value = answer.headers["set-cookie"].split(";")[0].split("=", 1)
        self.cookies[name] = value
        return str(self.request("GET", "/api/v1/session").json()["csrf_token"])


def start(root: Path, env: dict[str, str] | None = None) -> Server:
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "l10n", "serve", "--no-browser", "--port", "0", "--workspace", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=full_env,
    )
    assert process.stdout is not None
    login = token = ""
    deadline = time.monotonic() + 30
    while not token and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"l10n serve exited: {process.stderr.read() if process.stderr else ''}")
        if line.startswith("Open (one-time login link): "):
            login = line.split(": ", 1)[1].strip()
        if line.startswith("API token: "):
            token = line.split(": ", 1)[1].strip()
    port = urlsplit(login).port
    assert port
    server = Server(process, port, login, token)
    for _ in range(100):  # uvicorn starts serving right after printing; wait until it answers
        try:
            server.request("GET", "/static/workbench.css")
            break
        except OSError:
            time.sleep(0.05)
    return server


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def changed_lines_belong_to(root: Path, path: Path, msgids: list[str]) -> bool:
    """Every line git diff shows changed is in the header or in one of these entries."""
    diff = git(root, "diff", "--unified=0", "--", str(path.relative_to(root)))
    old_lines = git(root, "show", f"HEAD:{path.relative_to(root)}").split("\n")
    spans = entry_spans(old_lines)
    allowed = [spans[m] for m in msgids] + [spans[""]]
    for line in diff.splitlines():
        if line.startswith("@@"):
            start, _, count = line.split()[1][1:].partition(",")
            first, n = int(start), int(count or 1)
            touched = range(first, first + max(n, 1))
            if not all(any(a <= number <= b for a, b in allowed) for number in touched):
                raise AssertionError(f"a change outside the approved entries: {line}\n{diff}")
    return True


def entry_spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """msgid -> (first line, last line) of its entry, 1-based, from a PO file's lines."""
    spans: dict[str, tuple[int, int]] = {}
    start = 1
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip() == "":
            block = lines[start - 1 : number - 1]
            if block:
                entry = polib.pofile("\n".join(block) + "\n", wrapwidth=79)
                msgid = entry[0].msgid if len(entry) else ""
                spans[msgid] = (start, number - 1)
            start = number + 1
    return spans
