"""Who may do what on the workbench: the one place a permission is decided, called by the server
for every request (the page only hides what this refuses).

- translator (per language): saves drafts and untranslated entries of their languages; a save
  stays needs-review (fuzzy). An approved entry is not theirs to change: they leave a suggestion.
- reviewer (per language): a translator's rights, plus approve, reopen, dismiss findings, publish.
- admin: everything, every language, and the accounts.
Everyone signed in may read every article and language (the other language's translation is a
reviewer's alternative).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from l10n.team.accounts import Account, Role

Action = Literal["read", "save", "suggest", "approve", "reopen", "dismiss", "publish", "admin"]
_REVIEWER_ONLY = frozenset({"approve", "reopen", "dismiss", "publish"})


@dataclass(frozen=True)
class Principal:
    """Who a request acts for."""

    name: str
    role: Role
    languages: tuple[str, ...] = ()  # an admin's are all, whatever is listed

    def works_on(self, lang: str) -> bool:
        return self.role == "admin" or lang in self.languages

    def as_json(self) -> dict[str, object]:
        return {"user": self.name, "role": self.role, "languages": list(self.languages)}


def principal_of(account: Account) -> Principal:
    return Principal(account.name, account.role, account.languages)


def permits(who: Principal, action: Action, lang: str = "", approved: bool = False) -> bool:
    """Whether ``who`` may do ``action`` in ``lang``; ``approved``: the entry saved is reviewed
    now (a translator's save of it is refused: suggest instead)."""
    if who.role == "admin":
        return True
    if action == "read":
        return True
    if action == "admin" or not who.works_on(lang):
        return False
    if action in _REVIEWER_ONLY:
        return who.role == "reviewer"
    if action == "save":
        return who.role == "reviewer" or not approved
    return action == "suggest"


def refusal(who: Principal, action: Action, lang: str, approved: bool = False) -> str:
    """Why ``permits`` said no, in one line for the page and the API's 403."""
    if action == "admin":
        return "only an admin manages accounts"
    if not who.works_on(lang):
        return f"{who.name} ({who.role}) does not work on {lang}"
    if action == "save" and approved:
        return "this entry is approved: a translator leaves a suggestion for a reviewer instead"
    return f"a {who.role} cannot {action}; a reviewer of {lang} can"
