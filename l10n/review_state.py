"""Review: the state of each entry, statistics and the post-editing report. Pure.

Every entry is in exactly one review state, derived from the PO file alone, so it survives a save
in Poedit, Lokalize or Weblate (rewrapped lines, reordered comments) and a msgmerge:

- untranslated   no text (GNU msgfmt's "untranslated")
- draft          fuzzy, with MT provenance, text unchanged since the engine wrote it
- needs_review   fuzzy otherwise: a re-sync guess (``#|``), or a draft a reviewer edited
- reviewed       text and not fuzzy: a reviewer approves by clearing "fuzzy" in any editor

draft + needs_review is msgfmt's "fuzzy", reviewed its "translated".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from l10n.drafts import provenance, recorded_raw
from l10n.model import REVIEW_STATES, CatalogStats, Counts, Entry, ReviewState
from l10n.team.signoff import OUTSIDE, reviewer


def word_count(text: str) -> int:
    return len(text.split())


def entry_state(entry: Entry) -> ReviewState:
    if not entry.translated:
        return "untranslated"
    if not entry.fuzzy:
        return "reviewed"
    if provenance(entry) is not None and recorded_raw(entry) == entry.msgstr and entry.previous_msgid is None:
        return "draft"
    return "needs_review"


def catalog_stats(entries: Iterable[Entry]) -> CatalogStats:
    """Entries and source words per review state; obsolete entries and the header do not count."""
    totals = {state: [0, 0] for state in REVIEW_STATES}
    for entry in entries:
        if entry.obsolete or not entry.msgid:
            continue
        bucket = totals[entry_state(entry)]
        bucket[0] += 1
        bucket[1] += word_count(entry.msgid)
    return CatalogStats(*(Counts(entries=n, words=w) for n, w in totals.values()))


@dataclass(frozen=True)
class PostEdit:
    """A reviewed entry that started as a machine draft: what the engine wrote, what was approved."""

    engine: str
    raw: str
    final: str
    reviewer: str = OUTSIDE  # the sign-off's name (l10n.team.signoff), or approved outside l10n


def post_edits(entries: Iterable[Entry]) -> list[PostEdit]:
    found = []
    for entry in entries:
        raw = recorded_raw(entry)
        origin = provenance(entry)
        if origin is not None and raw is not None and entry_state(entry) == "reviewed":
            found.append(PostEdit(origin, raw, entry.msgstr, reviewer(entry) or OUTSIDE))
    return found


def normalised(text: str) -> str:
    return unicodedata.normalize("NFC", text)
