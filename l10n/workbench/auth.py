"""Who is asking, and may the request be made at all. Deny by default: a request is served only
when its Host is the server's own, its Origin (if any) too, and it carries a session cookie or the
API token; a state-changing request on a session also carries the session's CSRF token.

- The one-time login token (printed as a URL) becomes an HttpOnly, SameSite=Strict session cookie
  and is spent; the next one is printed in the terminal when someone tries a spent or wrong one.
- The API token (``Authorization: Bearer …``) is for scripts: no cookie, so no CSRF to fear.
- Host and Origin checks stop DNS rebinding: a page on evil.example that resolves to 127.0.0.1
  sends ``Host: evil.example``.

Accounts and passwords for a newsroom LAN belong here too: they end in a Principal (access.py).
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from l10n.model import Entry
from l10n.team.permissions import Principal
from l10n.workbench.access import local_admin

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"


@dataclass
class Session:
    principal: Principal
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # The entries this session saved, newest last, for undo: (lang, slug, key, before, version after).
    undo: list[tuple[str, str, tuple[str | None, str], Entry, str]] = field(default_factory=list)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class Auth:
    """The server's tokens and sessions (in memory: a restart logs everyone out, by design)."""

    def __init__(self, port: int, announce: Callable[[str], None] = lambda _: None) -> None:
        self.port = port
        self.cookie = f"l10n_session_{port}"  # cookies ignore ports: two servers must not share one
        self.api_token = secrets.token_urlsafe(32)
        self.principal = local_admin()
        self._announce = announce
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._login = secrets.token_urlsafe(32)
        self._api_session = Session(self.principal)

    @property
    def hosts(self) -> frozenset[str]:
        """The Host headers this server answers to."""
        return frozenset(f"{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]"))

    def login_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/login?token={self._login}"

    def spend_login(self, token: str) -> tuple[str, Session] | None:
        """A new session for the one-time token, which is then spent (a new one, not shown,
        takes its place); None for any other token, and the current login URL is printed in the
        terminal, so the person there can still get in."""
        with self._lock:
            if token and _same(token, self._login):
                self._login = secrets.token_urlsafe(32)
                sid = secrets.token_urlsafe(32)
                self._sessions[sid] = session = Session(self.principal)
                return sid, session
            url = self.login_url()
        self._announce(f"A login link was refused (used already, or wrong). To log in, open: {url}")
        return None

    def session_for(self, cookie: str | None, authorization: str | None) -> tuple[Session, bool] | None:
        """(session, by bearer token) for a request's credentials, or None."""
        if authorization and authorization.startswith("Bearer "):
            if _same(authorization[len("Bearer ") :].strip(), self.api_token):
                return self._api_session, True
            return None
        if cookie:
            with self._lock:
                session = self._sessions.get(cookie)
            if session is not None:
                return session, False
        return None

    def host_allowed(self, host: str | None) -> bool:
        return host is not None and host.lower() in self.hosts

    def origin_allowed(self, origin: str | None) -> bool:
        """No Origin (a same-origin GET, a script) is fine; one that names another site is not."""
        if origin is None:
            return True
        return origin.lower() in {f"http://{host}" for host in self.hosts}

    @staticmethod
    def csrf_ok(session: Session, token: str | None) -> bool:
        return token is not None and _same(token, session.csrf)
