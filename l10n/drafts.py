"""Machine-translation drafts in PO entries: which entries get one, how a draft and its provenance
are recorded, and suggestions recalled from the translation memory. Pure; engines and files are
wired in stages/translate.py (masking: engines/masking.py; the Engine protocol: engines/protocol.py).

A draft is ``#, fuzzy`` (not approved) and carries its provenance in translator comments, the
only comments that survive both a save in Poedit and a msgmerge:

    # l10n-mt: argos translate-en_ru 1.9
    # l10n-mt-raw: <the draft exactly as the engine produced it>
    # l10n-mt-problem: <what to check: a dropped number, a missing glossary term>
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from l10n.model import Entry

PROVENANCE = "l10n-mt:"
RAW = "l10n-mt-raw:"
PROBLEM = "l10n-mt-problem:"
SUGGESTION = "l10n-tm:"
_OUR_LINES = (PROVENANCE, RAW, PROBLEM, SUGGESTION)


# --- entries ---------------------------------------------------------------------------------


def _comment_lines(entry: Entry) -> list[str]:
    return entry.tcomment.split("\n") if entry.tcomment else []


def person_comments(entry: Entry) -> list[str]:
    """The translator comment lines a person wrote (l10n's machine lines left out)."""
    return [line for line in _comment_lines(entry) if not line.startswith(_OUR_LINES)]


def provenance(entry: Entry) -> str | None:
    """The engine line of a machine draft, or None."""
    for line in _comment_lines(entry):
        if line.startswith(PROVENANCE):
            return line[len(PROVENANCE) :].strip()
    return None


def recorded_raw(entry: Entry) -> str | None:
    for line in _comment_lines(entry):
        if line.startswith(RAW):
            return _unescape(line[len(RAW) :].strip())
    return None


# A comment line holds one line: every line break a text can carry (\n, a bare \r of old-Mac
# line endings or a TMX unit's &#13;, and the Unicode separators a PO reader may split on) is
# written as an escape, and read back.
_COMMENT_ESCAPES: dict[str, str | int | None] = {
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_COMMENT_UNESCAPES = {"n": "\n", "r": "\r", "u2028": "\u2028", "u2029": "\u2029"}


_COMMENT_TABLE = str.maketrans(_COMMENT_ESCAPES)


def _escape(text: str) -> str:
    return text.translate(_COMMENT_TABLE)


def _unescape(text: str) -> str:
    return re.sub(r"\\(u202[89]|.)", lambda m: _COMMENT_UNESCAPES.get(m.group(1), m.group(1)), text)


# Other records in comment lines (the merge driver's conflict lines) use the same escapes.
comment_escape = _escape
comment_unescape = _unescape


def is_unedited_pseudo_draft(entry: Entry) -> bool:
    """A pseudo-engine draft nobody has touched: not a person's work, so a real engine may
    replace it. Anything else with text is never touched."""
    origin = provenance(entry) or ""
    return entry.fuzzy and origin.startswith("pseudo") and recorded_raw(entry) == entry.msgstr


def needs_draft(entry: Entry, engine_is_pseudo: bool) -> bool:
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    if not entry.msgstr:
        return True
    return not engine_is_pseudo and is_unedited_pseudo_draft(entry)


def with_draft(entry: Entry, draft: str, engine_line: str, problems: Sequence[str]) -> Entry:
    """The entry with a machine draft: fuzzy, provenance and raw output in translator comments
    (replacing an earlier draft's lines, keeping everything a person wrote)."""
    kept = person_comments(entry)
    ours = [f"{PROVENANCE} {engine_line}", f"{RAW} {_escape(draft)}"] + [f"{PROBLEM} {p}" for p in problems]
    flags = entry.flags if entry.fuzzy else ("fuzzy",) + entry.flags
    return replace(entry, msgstr=draft, flags=flags, tcomment="\n".join(kept + ours), previous_msgid=None)


def converted(entry: Entry, convert: Callable[[str], str]) -> Entry:
    """The entry in a derived language (kk -> kk_Latn): its text and the recorded raw MT output
    converted alike, so the review state read from them is the base entry's state."""
    lines = [
        f"{RAW} {convert(line[len(RAW) :].strip())}" if line.startswith(RAW) else line
        for line in _comment_lines(entry)
    ]
    return replace(
        entry,
        msgstr=convert(entry.msgstr),
        msgstr_plural=tuple((i, convert(s)) for i, s in entry.msgstr_plural),
        tcomment="\n".join(lines) if entry.tcomment else entry.tcomment,
    )


def with_suggestions(entry: Entry, offers: Sequence[str]) -> Entry:
    """Fuzzy memory matches, offered to the reviewer in translator comments, never used as text."""
    if not offers:
        return entry
    lines = _comment_lines(entry) + [f"{SUGGESTION} {_escape(offer)}" for offer in offers]
    return replace(entry, tcomment="\n".join(lines))


def recall(entry: Entry, units: Sequence[Any]) -> Entry:
    """Fill an entry from the memory's reviewed translations of the same sentence (most recent
    first): fuzzy, so a reviewer still approves it, with where it came from."""
    best = units[0]
    line = f"memory 100% from {best.origin}"
    others = {u.target for u in units if u.target != best.target}
    if others:
        line += f"; {len(others) + 1} reviewed translations differ, the most recent is used"
    return with_draft(entry, best.target, line, ())


def suggestions(entry: Entry) -> list[str]:
    """The memory's fuzzy matches offered in an entry's comments (``# l10n-tm:`` lines)."""
    lines = _comment_lines(entry)
    return [_unescape(line[len(SUGGESTION) :].strip()) for line in lines if line.startswith(SUGGESTION)]
