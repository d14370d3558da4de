"""A workbench with accounts in a subprocess, and one HTTP client per user (its own cookies), for
the team tests."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from l10n.team.accounts import Account, hash_password, save_accounts, users_path

from .serving import Response, Server

PASSWORD = "correct horse battery"


def add_accounts(root: Path, *rows: tuple[str, str, tuple[str, ...]]) -> None:
    """Accounts (name, role, languages), all with PASSWORD, written by l10n's own code."""
    accounts = [Account(name, role, langs, hash_password(PASSWORD)) for name, role, langs in rows]  # type: ignore[arg-type]
    save_accounts(users_path(root / ".l10n"), accounts)


def start_team(root: Path, *args: str) -> Server:
    """`l10n serve` with accounts; the Server's login_url is the /login page."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "l10n",
            "serve",
            "--no-browser",
            "--port",
            "0",
            "--workspace",
            str(root),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    port = 0
    while not port and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"l10n serve exited: {process.stderr.read() if process.stderr else ''}")
        if line.startswith("l10n workbench for "):
            port = int(line.rstrip().rstrip("/").rsplit(":", 1)[1])
    server = Server(process, port, f"http://127.0.0.1:{port}/login", "")
    for _ in range(100):
        try:
            server.request("GET", "/static/workbench.css")
            break
        except OSError:
            time.sleep(0.05)
    return server


@dataclass
class User:
    """One person's browser, as far as HTTP goes: their cookies and CSRF token."""

    server: Server
    name: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def request(
        self,
        method: str,
        path: str,
        body: object = None,
        csrf: bool = True,
        headers: dict[str, str] | None = None,
    ) -> Response:
        sent = {"Host": f"127.0.0.1:{self.server.port}"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if csrf and self.csrf:
            sent["X-CSRF-Token"] = self.csrf
        sent.update(headers or {})
        answer = self.server.request(method, path, body, headers=sent, cookie=False)
        for name, value in set_cookies(answer):
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        return answer

    def login(self, password: str = PASSWORD) -> Response:
        token = self.request("GET", "/api/v1/login", csrf=False).json()["csrf_token"]
        self.csrf = token
        answer = self.request("POST", "/api/v1/login", {"name": self.name, "password": password})
        if answer.status == 200:
            self.csrf = answer.json()["csrf_token"]
        return answer


def set_cookies(answer: Response) -> list[tuple[str, str]]:
    """(name, value) of every Set-Cookie (a deleted cookie has the value "")."""
    found = []
    for header in answer.raw_set_cookies:
        name, _, value = header.split(";")[0].partition("=")
        if "max-age=0" in header.lower() or "1970" in header:
            value = ""
        found.append((name.strip(), value.strip().strip('"')))
    return found
