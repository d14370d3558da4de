"""What a change made through the workbench leaves behind besides the new text: the sign-off
comment of an approval (or its removal when the entry is reopened) and a line in the audit trail
naming who did it, with the text before and after (docs/team.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from l10n.dismissals import reasons
from l10n.model import Entry
from l10n.review_state import entry_state
from l10n.team.audit import Action, AuditRecord, append, audit_path, now
from l10n.team.permissions import Principal
from l10n.team.signoff import signed_off, suggestions, without_signoff, without_suggestions
from l10n.workbench.saving import Changed
from l10n.workbench.sitedata import Article
from l10n.workspace import Workspace


class Refused(Exception):
    """A change the principal may not make (403); ``approved``: the entry was reviewed."""

    def __init__(self, message: str, approved: bool) -> None:
        super().__init__(message)
        self.approved = approved


def with_signoff(entry: Entry, name: str, approving: bool) -> Entry:
    """An approval signs the entry off (and settles its suggestions: the reviewer took one or
    chose otherwise); an entry that is no longer reviewed loses its sign-off."""
    if approving and entry_state(entry) == "reviewed":
        return signed_off(without_suggestions(entry), name, datetime.now(UTC).date())
    if entry.fuzzy or not entry.translated:
        return without_signoff(entry)
    return entry


def text_of(entry: Entry) -> str:
    """An entry's translation as the audit trail keeps it (plural forms one a line)."""
    if entry.msgid_plural:
        return "\n".join(text for _, text in entry.msgstr_plural)
    return entry.msgstr


def _texts(action: Action, done: Changed) -> tuple[str | None, str | None]:
    """(before, after) for the trail: the translation; for a suggestion, the text suggested; for
    a dismissal, the check dismissed and why."""
    if action == "suggest":
        found = suggestions(done.after)
        return text_of(done.before), found[-1].text if found else None
    if action == "dismiss":
        old, new = reasons(done.before), reasons(done.after)
        changed = [f"{check}: {why}" if why else check for check, why in new.items() if old.get(check) != why]
        return None, "; ".join(changed) or None
    return text_of(done.before), text_of(done.after)


def record_change(
    workspace: Workspace, who: Principal, article: Article, action: Action, done: Changed
) -> None:
    """One line in .l10n/audit.jsonl for a change written to a catalog."""
    before, after = _texts(action, done)
    record = AuditRecord(
        time=now(),
        user=who.name,
        role=who.role,
        action=action,
        article=article.slug,
        lang=article.lang.code,
        msgid=done.after.msgid,
        msgctxt=done.after.msgctxt,
        before=before,
        after=after,
    )
    append(audit_path(workspace.state_dir), record)


def record(
    state_dir: Path,
    who: Principal,
    action: Action,
    article: str = "",
    lang: str = "",
    msgid: str = "",
    before: str | None = None,
    after: str | None = None,
) -> None:
    """One line in the trail for a change that is not an entry's (publish, accounts)."""
    line = AuditRecord(now(), who.name, who.role, action, article, lang, msgid, None, before, after)
    append(audit_path(state_dir), line)
