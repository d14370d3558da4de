"""Who approved an entry, kept in the PO file as a translator comment that Poedit, Lokalize,
msgmerge and msgcat keep (they drop unknown ``#,`` flags, never ``#`` comments):

    # l10n-reviewed: aigerim 2026-12-05 3f2a9c1d

name, day, and the first 8 hex digits of a digest of the text approved. A reviewed entry whose
sign-off is missing, or whose text no longer matches the digest, was approved outside l10n (fuzzy
cleared in Poedit, an edit after the sign-off). Suggestions left by a translator on an approved
entry are comments too:

    # l10n-suggestion: daniyar 2026-12-05: Текст предложения.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from l10n.model import Entry

SIGNOFF = "l10n-reviewed:"
SUGGESTION = "l10n-suggestion:"
OUTSIDE = "(outside l10n)"  # the reviewer of an entry approved in another editor


def _lines(entry: Entry) -> list[str]:
    return entry.tcomment.split("\n") if entry.tcomment else []


def text_digest(msgstr: str) -> str:
    return hashlib.sha256(msgstr.encode("utf-8")).hexdigest()[:8]


def signed_off(entry: Entry, name: str, day: date) -> Entry:
    """The entry with its sign-off by ``name`` on ``day`` (replacing an earlier one)."""
    kept = [line for line in _lines(entry) if not line.startswith(SIGNOFF)]
    line = f"{SIGNOFF} {name} {day.isoformat()} {text_digest(entry.msgstr)}"
    return replace(entry, tcomment="\n".join([*kept, line]))


def without_signoff(entry: Entry) -> Entry:
    """Reopened: the sign-off no longer holds."""
    kept = [line for line in _lines(entry) if not line.startswith(SIGNOFF)]
    return replace(entry, tcomment="\n".join(kept))


@dataclass(frozen=True)
class SignOff:
    name: str
    day: str
    digest: str


def signoff(entry: Entry) -> SignOff | None:
    for line in _lines(entry):
        if line.startswith(SIGNOFF):
            parts = line[len(SIGNOFF) :].split()
            if len(parts) >= 2:
                return SignOff(parts[0], parts[1], parts[2] if len(parts) > 2 else "")
    return None


def reviewer(entry: Entry) -> str | None:
    """Who approved a reviewed entry: the sign-off's name while it matches the text, otherwise
    OUTSIDE; None for an entry that is not reviewed."""
    if entry.obsolete or not entry.msgid or not entry.translated or entry.fuzzy:
        return None
    found = signoff(entry)
    if found is None or (found.digest and found.digest != text_digest(entry.msgstr)):
        return OUTSIDE
    return found.name


def reviewed_by(entries: Iterable[Entry]) -> dict[str, int]:
    """Reviewed entries per reviewer (OUTSIDE for those approved outside the workbench)."""
    counts = Counter(name for name in map(reviewer, entries) if name is not None)
    return dict(sorted(counts.items()))


def with_suggestion(entry: Entry, name: str, day: date, text: str) -> Entry:
    """A translator's suggestion for an approved entry, kept beside it for a reviewer."""
    flat = " ".join(text.split())
    return replace(
        entry, tcomment="\n".join([*_lines(entry), f"{SUGGESTION} {name} {day.isoformat()}: {flat}"])
    )


@dataclass(frozen=True)
class Suggestion:
    name: str
    day: str
    text: str


def suggestions(entry: Entry) -> list[Suggestion]:
    found = []
    for line in _lines(entry):
        if line.startswith(SUGGESTION):
            head, _, text = line[len(SUGGESTION) :].partition(": ")
            name, _, day = head.strip().partition(" ")
            found.append(Suggestion(name, day, text))
    return found


def without_suggestions(entry: Entry) -> Entry:
    """A reviewer took or refused the suggestions: they leave the file."""
    return replace(
        entry, tcomment="\n".join(line for line in _lines(entry) if not line.startswith(SUGGESTION))
    )


def translators(entries: Iterable[Entry]) -> list[str]:
    """The sign-off names of an article's reviewed entries, most entries first (an edition's
    credit line); entries approved outside the workbench name nobody."""
    counts = Counter(name for name in map(reviewer, entries) if name not in (None, OUTSIDE))
    return [name for name, _ in counts.most_common()]
