"""Who is asking, and may the request be made at all. Deny by default: a request is served only
when its Host is the server's own, its Origin (if any) too, and it carries a session cookie or the
API token; a state-changing request on a session also carries the session's CSRF token.

Two ways in, never both (docs/team.md):
- No accounts (``.l10n/users.toml`` empty or missing; loopback only): the one-time login token
  (printed as a URL) becomes a session acting as the local admin and is spent; the API token
  (``Authorization: Bearer …``) is for scripts.
- Accounts: name and password (``POST /api/v1/login``); the one-time token and the API token are
  off, and sessions made with the token end as soon as an account exists. A login needs the
  login-CSRF token (a signed cookie, sent back in X-CSRF-Token: double submit), is refused for a
  minute after 5 failures for one name or address, and takes as long for an unknown name as for
  a wrong password. Every login gets a fresh session id (no fixation); sessions end after
  ``idle`` seconds without a request.
- Host and Origin checks stop DNS rebinding: a page on evil.example that resolves to our address
  sends ``Host: evil.example``. The names besides loopback are the ones given with --public-host.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from l10n.model import Entry
from l10n.team.accounts import Account, load_accounts, verify
from l10n.team.logins import IDLE_SECONDS, LoginBrake
from l10n.team.permissions import Principal, principal_of
from l10n.workbench.access import local_admin

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


@dataclass
class Session:
    principal: Principal
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # The entries this session saved, newest last, for undo: (lang, slug, key, before, version after).
    undo: list[tuple[str, str, tuple[str | None, str], Entry, str]] = field(default_factory=list)
    local: bool = False  # made with the one-time token: valid only while there are no accounts
    seen: float = field(default_factory=time.monotonic)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def allowed_hosts(port: int, public: tuple[str, ...]) -> frozenset[str]:
    """The Host headers the server answers to: loopback with its port, and each public name as
    given (``news.lan:8765``) or, without a port, with and without ours (a proxy on 443 sends
    ``Host: news.example``)."""
    hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    for name in public:
        name = name.lower()
        hosts.add(name)
        if not name.rsplit(":", 1)[-1].isdigit() or name.endswith("]"):
            hosts.add(f"{name}:{port}")
    return frozenset(hosts)


@dataclass(frozen=True)
class LoginResult:
    """A login's outcome: a session id and session, or the HTTP status and reason it failed."""

    sid: str = ""
    session: Session | None = None
    status: int = 200
    error: str = ""


class Auth:
    """The server's tokens and sessions (in memory: a restart logs everyone out, by design)."""

    def __init__(
        self,
        port: int,
        announce: Callable[[str], None] = lambda _: None,
        users_file: Path | None = None,
        idle: float = IDLE_SECONDS,
        public_hosts: tuple[str, ...] = (),
        secure: bool = False,
        brake: LoginBrake | None = None,
    ) -> None:
        self.port = port
        suffix = "__Host-" if secure else ""  # a Secure cookie can be bound to this host alone
        self.cookie = f"{suffix}l10n_session_{port}"  # cookies ignore ports: two servers must not share one
        self.login_cookie = f"{suffix}l10n_login_{port}"
        self.secure = secure
        self.idle = idle
        self.hosts = allowed_hosts(port, public_hosts)
        # Loopback is reached directly (http); the public names through the TLS proxy with --https.
        local = allowed_hosts(port, ())
        scheme = "https" if secure else "http"
        self._origins = frozenset(f"{scheme if h not in local else 'http'}://{h}" for h in self.hosts)
        self.api_token = secrets.token_urlsafe(32)
        self.principal = local_admin()
        self.users_file = users_file
        self.brake = brake or LoginBrake()
        self._announce = announce
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._login = secrets.token_urlsafe(32)
        self._api_session = Session(self.principal)
        self._secret = secrets.token_bytes(32)  # signs login-CSRF tokens
        self._accounts: dict[str, Account] = {}
        self._seen_file: tuple[int, int] | None = None

    # --- accounts ---------------------------------------------------------------------------

    def accounts(self) -> dict[str, Account]:
        """The accounts as the users file has them now (re-read when it changed: `l10n users`
        works while the server runs); the sessions of a changed or removed account end."""
        if self.users_file is None:
            return {}
        try:
            info = self.users_file.stat()
            mark: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
        except FileNotFoundError:
            mark = None
        with self._lock:
            if mark != self._seen_file:
                fresh = load_accounts(self.users_file) if mark else {}
                for name, old in self._accounts.items():
                    new = fresh.get(name)
                    if new is None or (new.role, new.languages, new.password_hash) != (
                        old.role,
                        old.languages,
                        old.password_hash,
                    ):
                        self._end_user(name)
                self._accounts, self._seen_file = fresh, mark
            return dict(self._accounts)

    def with_accounts(self) -> bool:
        return bool(self.accounts())

    def _end_user(self, name: str) -> None:
        for sid in [s for s, session in self._sessions.items() if session.principal.name == name]:
            if not self._sessions[sid].local:
                del self._sessions[sid]

    # --- the one-time token and the API token (no accounts) ---------------------------------

    def login_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/login?token={self._login}"

    def spend_login(self, token: str) -> tuple[str, Session] | None:
        """A new session for the one-time token, which is then spent (a new one, not shown,
        takes its place); None for any other token, and the current login URL is printed in the
        terminal, so the person there can still get in. Always None once accounts exist."""
        if self.with_accounts():
            return None
        with self._lock:
            if token and _same(token, self._login):
                self._login = secrets.token_urlsafe(32)
                sid = secrets.token_urlsafe(32)
                self._sessions[sid] = session = Session(self.principal, local=True)
                return sid, session
            url = self.login_url()
        self._announce(f"A login link was refused (used already, or wrong). To log in, open: {url}")
        return None

    # --- name and password (accounts) -------------------------------------------------------

    def login_csrf(self) -> str:
        """A fresh login-CSRF token, signed by this server (a cookie planted by someone else
        does not pass): set as a cookie and sent back in the header."""
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{hmac.new(self._secret, nonce.encode(), 'sha256').hexdigest()}"

    def login_csrf_for(self, cookie: str | None) -> str:
        """The login-CSRF token a login page or answer hands out: the one the browser has, when
        it is ours (a second tab, a favicon request sent to /login must not void the first)."""
        return cookie if cookie and self.login_csrf_ok(cookie, cookie) else self.login_csrf()

    def login_csrf_ok(self, cookie: str | None, header: str | None) -> bool:
        if not cookie or not header or not _same(cookie, header):
            return False
        nonce, _, mac = cookie.partition(".")
        return _same(mac, hmac.new(self._secret, nonce.encode(), "sha256").hexdigest())

    def password_login(self, name: str, password: str, address: str, old_sid: str | None) -> LoginResult:
        """Check a name and password (the brake first); a new session on success, the old one
        (a session cookie sent with the login) ended either way."""
        now = time.monotonic()
        with self._lock:
            self._sessions.pop(old_sid or "", None)
            refused = self.brake.refused(name, address, now)
        if refused:
            return LoginResult(status=429, error="too many failed logins: wait a minute and try again")
        account = verify(self.accounts(), name, password)
        if account is None:
            with self._lock:
                locked = self.brake.failed(name, address, time.monotonic())
            if locked:
                self._announce(f"login refused for a minute: 5 failed logins for '{name}' or from {address}")
            return LoginResult(status=401, error="wrong name or password")
        with self._lock:
            self.brake.succeeded(name)
            sid = secrets.token_urlsafe(32)
            self._sessions[sid] = session = Session(principal_of(account))
        return LoginResult(sid, session)

    def logout(self, sid: str | None) -> None:
        with self._lock:
            self._sessions.pop(sid or "", None)

    def end_user(self, name: str) -> None:
        """An account changed or removed from the users page: its sessions end at once."""
        with self._lock:
            self._end_user(name)

    # --- every request ----------------------------------------------------------------------

    def session_for(self, cookie: str | None, authorization: str | None) -> tuple[Session, bool] | None:
        """(session, by bearer token) for a request's credentials, or None."""
        accounts = self.with_accounts()
        if authorization and authorization.startswith("Bearer "):
            if not accounts and _same(authorization[len("Bearer ") :].strip(), self.api_token):
                return self._api_session, True
            return None
        if not cookie:
            return None
        now = time.monotonic()
        with self._lock:
            session = self._sessions.get(cookie)
            if session is None:
                return None
            if now - session.seen > self.idle or (session.local and accounts):
                del self._sessions[cookie]
                return None
            session.seen = now
        return session, False

    def host_allowed(self, host: str | None) -> bool:
        return host is not None and host.lower() in self.hosts

    def origin_allowed(self, origin: str | None) -> bool:
        """No Origin (a same-origin GET, a script) is fine; one that names another site is not."""
        if origin is None:
            return True
        return origin.lower() in self._origins

    @staticmethod
    def csrf_ok(session: Session, token: str | None) -> bool:
        return token is not None and _same(token, session.csrf)
