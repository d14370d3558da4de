"""Masking: what MT must not change (markup, code, link targets, URLs, e-mail addresses, numbers,
glossary terms) becomes placeholders before the engine runs and is put back after, a glossary
term in the case its place in the draft needs. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from l10n.engines.protocol import unknown_marks
from l10n.formats import markup
from l10n.language.languages import CYRILLIC_LOWER
from l10n.language.morphology.context import restore
from l10n.patterns import CODE, EMAIL, LINK_TARGET, URL
from l10n.termindex import TermIndex

PLACEHOLDER = "ZXQ{}"  # no "_" (argostranslate's decoder eats it), copied by models like a name
# A placeholder, and the letters an engine attached to it (a Kazakh case suffix "ZXQ1-дің", a
# Russian ending "ZXQ1ым"): they say which case the term needs.
_PLACEHOLDER = re.compile(rf"ZXQ ?(\d+)(-?[{CYRILLIC_LOWER}]+)?")
# What MT must not touch, by kind (the match's group name). Amounts: a currency sign, digits
# with group and decimal separators, a range, a percent sign; digits and separators alternate,
# so a long run of digits is read once.
_NUMBER = r"[$€£₸]?\d++(?:[,.\u00a0\u202f]\d++)*+(?:[-–]\d++(?:[,.]\d++)*+)?(?:\s?%)?"
_PROTECT = re.compile(
    f"(?P<markup>{markup.TAG.pattern})|(?P<code>{CODE})|(?P<target>{LINK_TARGET})|(?P<url>{URL})"
    f"|(?P<email>{EMAIL})|(?P<number>{_NUMBER})"
)


@dataclass(frozen=True)
class Slot:
    placeholder: str
    original: str
    replacement: str  # what goes back in: the original, or the glossary's translation
    kind: str  # markup, code, target, url, email, number, term


@dataclass(frozen=True)
class Masked:
    text: str
    slots: tuple[Slot, ...]


def mask(text: str, terms: Sequence[tuple[str, str]] | TermIndex = ()) -> Masked:
    """Replace protected spans and glossary terms with placeholders ZXQ1, ZXQ2, ...
    ``terms``: (term, target) pairs, or their index (built once for a catalog's sentences)."""
    spans: list[tuple[int, int, str, str]] = []
    for match in _PROTECT.finditer(text):
        kind = match.lastgroup or "number"
        original = match.group(0).rstrip() if kind == "number" else match.group(0)
        spans.append((match.start(), match.start() + len(original), kind, original))
    index = terms if isinstance(terms, TermIndex) else TermIndex.of_pairs(terms)
    taken = [(a, b) for a, b, _, _ in spans]
    spans += [(start, end, "term", index.target(term)) for start, end, term in index.find(text, taken)]
    spans.sort()
    out, slots, last = [], [], 0
    for number, (start, end, kind, replacement) in enumerate(spans, start=1):
        placeholder = PLACEHOLDER.format(number)
        out.append(text[last:start])
        out.append(placeholder)
        original = text[start:end]
        slots.append(Slot(placeholder, original, replacement if kind == "term" else original, kind))
        last = end
    out.append(text[last:])
    return Masked("".join(out), tuple(slots))


def unmask(translated: str, masked: Masked, lang: str = "") -> tuple[str, tuple[str, ...]]:
    """Put protected spans back; a glossary term in the case its place in the sentence needs
    (in ru and kk). A placeholder the engine dropped is reported, not invented."""
    by_number = {slot.placeholder: slot for slot in masked.slots}
    seen: set[str] = set()

    def put_back(match: re.Match[str]) -> str:
        key = PLACEHOLDER.format(match.group(1))
        slot = by_number.get(key)
        attached = match.group(2) or ""
        if slot is None:
            return match.group(0)
        seen.add(key)
        if slot.kind == "term":
            return restore(slot.replacement, lang, match.string[: match.start()], attached)
        return slot.replacement + attached

    text = _PLACEHOLDER.sub(put_back, translated)
    problems = tuple(
        f"MT dropped {'the term' if slot.kind == 'term' else 'the ' + slot.kind} {slot.original!r}"
        for slot in masked.slots
        if slot.placeholder not in seen
    )
    unknown = unknown_marks(text)
    if unknown:
        problems += (
            f"MT met pieces its vocabulary lacks ({' '.join(unknown)} in the draft): "
            "translate those words yourself",
        )
    return text, problems
