"""Login sessions and the failed-login brake, for the workbench's accounts. Pure: the clock is
passed in, so both are tested without sleeping.

Sessions: a fresh random token at every login (a token planted before login is never promoted:
no session fixation), with its own CSRF token, ending after ``idle`` seconds without a request or
at logout. The brake: after 5 failed logins for one name or from one address within a minute,
that name or address is refused for a minute, right password or not.
"""

from __future__ import annotations

import secrets
from collections import deque
from dataclasses import dataclass, field

from l10n.team.permissions import Principal

IDLE_SECONDS = 12 * 3600
FAILURES_ALLOWED = 5
LOCKOUT_SECONDS = 60.0


@dataclass
class Session:
    principal: Principal
    csrf: str
    seen: float


@dataclass
class Sessions:
    idle: float = IDLE_SECONDS
    _live: dict[str, Session] = field(default_factory=dict)

    def start(self, principal: Principal, now: float) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        session = Session(principal, secrets.token_urlsafe(32), now)
        self._live[token] = session
        return token, session

    def get(self, token: str | None, now: float) -> Session | None:
        session = self._live.get(token or "")
        if session is None:
            return None
        if now - session.seen > self.idle:
            del self._live[token or ""]
            return None
        session.seen = now
        return session

    def end(self, token: str | None) -> None:
        self._live.pop(token or "", None)

    def end_user(self, name: str) -> None:
        """An account removed or changed: its sessions end at once."""
        for token in [t for t, s in self._live.items() if s.principal.name == name]:
            del self._live[token]


@dataclass
class LoginBrake:
    allowed: int = FAILURES_ALLOWED
    window: float = LOCKOUT_SECONDS
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _locked_until: dict[str, float] = field(default_factory=dict)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def refused(self, name: str, address: str, now: float) -> bool:
        """Whether a login for ``name`` from ``address`` is refused now, whatever its password."""
        return any(self._locked_until.get(key, 0.0) > now for key in (f"name:{name}", f"addr:{address}"))

    def failed(self, name: str, address: str, now: float) -> bool:
        """Count a failure; True when it locks the name or the address (the server logs it)."""
        locked = False
        for key in (f"name:{name}", f"addr:{address}"):
            recent = self._recent(key, now)
            recent.append(now)
            if len(recent) >= self.allowed:
                self._locked_until[key] = now + self.window
                recent.clear()
                locked = True
        return locked

    def succeeded(self, name: str) -> None:
        self._failures.pop(f"name:{name}", None)
