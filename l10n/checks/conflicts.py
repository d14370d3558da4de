"""Conflicts the git merge driver left for a person (l10n merge-po, see l10n.po.merge3)."""

from __future__ import annotations

from collections.abc import Iterator

from l10n.checks.base import CheckContext, check
from l10n.model import Entry
from l10n.po.merge3 import conflict_notes


@check("error")
def check_merge_conflict(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A git merge left a conflict in the entry: the other branch's text is quoted.

    Both branches changed its translation (or one deleted it): ours was kept and marked fuzzy, the
    other recorded in `# l10n-conflict:` comments. Every live entry is checked, plural and
    untranslated ones too. Resolve: choose the text, delete the comment lines, clear fuzzy (see
    docs/git.md).
    """
    notes = conflict_notes(entry)
    if notes:
        shown = "; ".join(notes)
        yield (
            f"merged with a conflict ({shown}): choose the translation, then delete the "
            "'# l10n-conflict' line(s)"
        )
