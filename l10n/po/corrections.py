"""Corrections: a source sentence that changed only in its protected spans (a number, an amount,
a percentage, a URL, an e-mail address, a domain, a glossary name) carries its reviewed
translation over, with the same spans changed in it. Pure.

Only certain updates are made: every changed span must occur exactly once in the old source and
be found exactly once in the translation (a number by its value, in whatever style the
translator wrote it: "$100,000" is "100 000 долларов"). Anything else is left to a person, as a
fuzzy guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from l10n.model import Entry
from l10n.patterns import DOMAIN, EMAIL, URL, number_value

# A number as a translator may write it: digits in groups (space, no-break or narrow space,
# comma, full stop) and a decimal part.
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SPANS = re.compile(f"(?P<url>{URL})|(?P<email>{EMAIL})|(?P<domain>{DOMAIN})|(?P<number>{_NUMBER})")
_TARGET_NUMBER = re.compile(rf"(?<![\d.,])(?:{_NUMBER})(?![\d])")


class Change(NamedTuple):
    kind: str  # number, url, email, domain, term
    old: str  # as the source had it
    new: str


def _spans(text: str, terms: Sequence[str]) -> tuple[str, list[tuple[str, str]]]:
    """The text with every protected span replaced by a marker of its kind, and the spans."""
    found: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m.lastgroup or "number") for m in _SPANS.finditer(text)
    ]
    for term in sorted(terms, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), "term"))
    found.sort()
    out, spans, last = [], [], 0
    for start, end, kind in found:
        out += [text[last:start], f"\0{kind}\0"]
        spans.append((kind, text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out), spans


def skeleton(text: str, terms: Sequence[str] = ()) -> str:
    """The text with its protected spans blanked: two sentences with one skeleton differ only in
    such spans."""
    return _spans(text, terms)[0]


class AutoUpdate(NamedTuple):
    """What extract needs to carry reviewed translations over changed spans."""

    date: str  # for the l10n-auto comment, e.g. 2026-11-29
    targets: tuple[tuple[str, str], ...] = ()  # glossary: English term -> required translation


def carried_over(old: Entry, msgid: str, auto: AutoUpdate) -> Entry | None:
    """The reviewed entry ``old`` moved to the changed sentence ``msgid`` with its spans updated,
    still reviewed and saying what was done; None when that is not certain."""
    terms = [en for en, _ in auto.targets]
    changes = span_changes(old.msgid, msgid, terms)
    if not changes or not old.translated or old.fuzzy or old.msgid_plural:
        return None
    updated = apply_changes(old.msgid, old.msgstr, changes, dict(auto.targets))
    if updated is None:
        return None
    lines = [old.tcomment] if old.tcomment else []
    lines += [auto_line(auto.date, change) for change in changes]
    return Entry(msgid=msgid, msgstr=updated, flags=old.flags, tcomment="\n".join(lines))


def span_changes(old: str, new: str, terms: Sequence[str] = ()) -> list[Change] | None:
    """How ``new`` differs from ``old`` when it differs only in protected spans; None when the
    wording changed too (or nothing did)."""
    old_skeleton, old_spans = _spans(old, terms)
    new_skeleton, new_spans = _spans(new, terms)
    if old_skeleton != new_skeleton:
        return None
    changes = [Change(k, a, b) for (k, a), (_, b) in zip(old_spans, new_spans, strict=True) if a != b]
    return changes or None


def _digits(span: str) -> str | None:
    """The number inside a source span ("$120,000" -> "120000"), None if there is not one."""
    numbers = re.findall(_NUMBER, span)
    return number_value(numbers[0]) if len(numbers) == 1 else None


def _styled(value: str, like: str) -> str:
    """``value`` written in the style of the translator's ``like``: its group and decimal marks."""
    integer, _, decimals = value.partition(".")
    group = next(
        (s for s in re.findall(r"[ \u00a0\u202f,.]", like) if re.search(rf"\d{re.escape(s)}\d{{3}}", like)),
        "",
    )
    decimal_mark = "," if re.search(r"\d,\d{1,2}$", like) and group != "," else "."
    if group and len(integer) > 3:
        head = len(integer) % 3 or 3
        integer = integer[:head] + "".join(group + integer[i : i + 3] for i in range(head, len(integer), 3))
    return integer + (decimal_mark + decimals if decimals else "")


def apply_changes(
    source: str, translation: str, changes: Sequence[Change], targets: dict[str, str] | None = None
) -> str | None:
    """The translation with each change made, or None when one of them is not certain.
    ``targets``: glossary term -> its required translation in this language."""
    targets = targets or {}
    for change in changes:
        if source.count(change.old) != 1:
            return None  # the old value occurs twice: which one changed?
        if change.kind == "number":
            old_value, new_value = _digits(change.old), _digits(change.new)
            if old_value is None or new_value is None:
                return None
            hits = [m for m in _TARGET_NUMBER.finditer(translation) if number_value(m.group(0)) == old_value]
            if len(hits) != 1:
                return None  # missing, or twice: not certain
            hit = hits[0]
            translation = (
                translation[: hit.start()] + _styled(new_value, hit.group(0)) + translation[hit.end() :]
            )
        else:
            old_text = targets.get(change.old, change.old) if change.kind == "term" else change.old
            new_text = targets.get(change.new, change.new) if change.kind == "term" else change.new
            if translation.count(old_text) != 1:
                return None
            translation = translation.replace(old_text, new_text)
    return translation


def auto_line(date: str, change: Change) -> str:
    """The translator comment that says what was changed, so a reviewer can see and revert it."""
    return f'l10n-auto: {date} "{change.old}" -> "{change.new}"'
