"""Conflicts the git merge driver left for a person (l10n merge-po, see l10n.pomerge)."""

from __future__ import annotations

from collections.abc import Iterable

from l10n.checks.base import CheckContext, Finding
from l10n.model import Entry
from l10n.pomerge import conflict_notes


def check_merge_conflict(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """An entry merged with a conflict: both branches changed it (or one deleted it), ours was
    kept and marked fuzzy, the other recorded in ``# l10n-conflict:`` comments. Choose the
    translation, then delete those comment lines and clear fuzzy."""
    notes = conflict_notes(entry)
    if notes:
        shown = "; ".join(notes)
        yield Finding(
            "merge-conflict",
            "error",
            f"merged with a conflict ({shown}): choose the translation, then delete the "
            "'# l10n-conflict' line(s)",
        )
