"""Who may do what. Every request carries a Principal; every permission decision goes through
``permits`` (one place to read, one place for a newsroom's accounts and roles to change)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["translator", "reviewer", "admin"]
Action = Literal["read", "save", "approve", "reopen", "dismiss", "publish", "admin"]
ROLES: tuple[Role, ...] = ("translator", "reviewer", "admin")

# What each role may do in a language it works in. A translator drafts and saves; approving,
# reopening a reviewed entry and dismissing a check's finding are a reviewer's call.
_GRANTS: dict[Role, frozenset[Action]] = {
    "translator": frozenset({"read", "save"}),
    "reviewer": frozenset({"read", "save", "approve", "reopen", "dismiss"}),
    "admin": frozenset({"read", "save", "approve", "reopen", "dismiss", "publish", "admin"}),
}


@dataclass(frozen=True)
class Principal:
    """The person behind a request. ``languages`` empty means every language of the workspace."""

    name: str
    role: Role
    languages: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"user": self.name, "role": self.role, "languages": list(self.languages)}


def permits(principal: Principal, action: Action, lang: str | None = None) -> bool:
    """Whether ``principal`` may do ``action`` (in ``lang`` where the action is about one)."""
    if action not in _GRANTS[principal.role]:
        return False
    return lang is None or not principal.languages or lang in principal.languages


def readable(principal: Principal, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The dashboard rows (one per article and language) of the languages ``principal`` may read."""
    return [row for row in rows if permits(principal, "read", str(row.get("lang") or "") or None)]


def local_admin() -> Principal:
    """The one user of a workbench on loopback with the one-time token: the OS user, as admin."""
    import getpass

    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "translator"
    return Principal(name=name, role="admin")
