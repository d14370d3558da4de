"""Review state of catalogs: statistics now; quality checks build on the same entries. Pure."""

from __future__ import annotations

from collections.abc import Iterable

from l10n.model import CatalogStats, Counts, Entry


def word_count(text: str) -> int:
    return len(text.split())


def entry_state(entry: Entry) -> str:
    """'untranslated', 'fuzzy' or 'translated', counted as GNU msgfmt --statistics counts them:
    a fuzzy entry with an empty msgstr is untranslated."""
    if not entry.translated:
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


def catalog_stats(entries: Iterable[Entry]) -> CatalogStats:
    """Entries and source words per state; obsolete entries do not count."""
    totals = {"untranslated": [0, 0], "fuzzy": [0, 0], "translated": [0, 0]}
    for entry in entries:
        if entry.obsolete or not entry.msgid:
            continue
        bucket = totals[entry_state(entry)]
        bucket[0] += 1
        bucket[1] += word_count(entry.msgid)
    return CatalogStats(**{state: Counts(entries=n, words=w) for state, (n, w) in totals.items()})
