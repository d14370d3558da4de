"""Corrections: a source sentence that changed only in its protected spans (a number, an amount,
a percentage, a URL, an e-mail address, a domain, a glossary name) carries its reviewed
translation over, with the same spans changed in it. Pure.

Only certain updates are made: every changed span must occur exactly once in the old source and
be found exactly once in the translation (a number by its value, in whatever style the
translator wrote it: "$100,000" is "100 000 долларов"). A number must also be the only one of its
value in both, in words too ("Twenty people ... 20th" states 20 twice), and play the same role
in both (numberroles: an ordinal for an ordinal, a percentage for a percentage). A glossary name
is found in the case form the translator wrote and replaced by the new name in that case
(Астанада -> Шымкентте, с Назарбаевым -> с Шойгу); when the form cannot be determined, nothing is
changed. Anything else is left to a person, as a fuzzy guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from l10n.language import morphology
from l10n.language.morphology import kk
from l10n.language.morphology.context import kazakh_form, russian_case
from l10n.language.numberroles import number_role, states_value_in_words
from l10n.model import Entry
from l10n.patterns import DOMAIN, EMAIL, URL, number_value
from l10n.termindex import TermIndex, term_index

# A number as a translator may write it: digits in groups (space, no-break or narrow space,
# comma, full stop) and a decimal part.
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SPANS = re.compile(f"(?P<url>{URL})|(?P<email>{EMAIL})|(?P<domain>{DOMAIN})|(?P<number>{_NUMBER})")
_TARGET_NUMBER = re.compile(rf"(?<![\d.,])(?:{_NUMBER})(?![\d])")


class Change(NamedTuple):
    kind: str  # number, url, email, domain, term
    old: str  # as the source had it
    new: str


Terms = Sequence[str] | TermIndex


def _spans(text: str, terms: Terms) -> tuple[str, list[tuple[str, str]]]:
    """The text with every protected span replaced by a marker of its kind, and the spans."""
    found: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m.lastgroup or "number") for m in _SPANS.finditer(text)
    ]
    taken = [(a, b) for a, b, _ in found]
    found += [(a, b, "term") for a, b, _ in term_index(terms).find(text, taken)]
    found.sort()
    out, spans, last = [], [], 0
    for start, end, kind in found:
        out += [text[last:start], f"\0{kind}\0"]
        spans.append((kind, text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out), spans


def skeleton(text: str, terms: Terms = ()) -> str:
    """The text with its protected spans blanked: two sentences with one skeleton differ only in
    such spans."""
    return _spans(text, terms)[0]


class AutoUpdate(NamedTuple):
    """What extract needs to carry reviewed translations over changed spans."""

    date: str  # for the l10n-auto comment, e.g. 2026-11-29
    targets: tuple[tuple[str, str], ...] = ()  # glossary: English term -> required translation
    lang: str = ""  # of the translations: names are put in its case forms

    def glossary_index(self) -> TermIndex:
        return term_index(en for en, _ in self.targets)


def carried_over(old: Entry, msgid: str, auto: AutoUpdate, index: TermIndex | None = None) -> Entry | None:
    """The reviewed entry ``old`` moved to the changed sentence ``msgid`` with its spans updated,
    still reviewed and saying what was done; None when that is not certain. ``index``: the
    glossary's terms, when the caller has built it once for many sentences."""
    changes = span_changes(old.msgid, msgid, index or auto.glossary_index())
    if not changes or not old.translated or old.fuzzy or old.msgid_plural:
        return None
    updated = apply_changes(old.msgid, old.msgstr, changes, dict(auto.targets), auto.lang)
    if updated is None:
        return None
    lines = [old.tcomment] if old.tcomment else []
    lines += [auto_line(auto.date, change) for change in changes]
    return Entry(msgid=msgid, msgstr=updated, flags=old.flags, tcomment="\n".join(lines))


def span_changes(old: str, new: str, terms: Terms = ()) -> list[Change] | None:
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
    source: str,
    translation: str,
    changes: Sequence[Change],
    targets: Mapping[str, str] | None = None,
    lang: str = "",
) -> str | None:
    """The translation with each change made, or None when one of them is not certain.
    ``targets``: glossary term -> its required translation in this language; ``lang``: the
    translation's language (how numbers in words and case forms of names are read)."""
    targets = targets or {}
    for change in changes:
        if source.count(change.old) != 1:
            return None  # the old value occurs twice: which one changed?
        if change.kind == "number":
            done = _change_number(source, translation, change, lang)
        elif change.kind == "term":
            old_name, new_name = targets.get(change.old, change.old), targets.get(change.new, change.new)
            done = _change_name(translation, old_name, new_name, lang)
        else:
            done = translation.replace(change.old, change.new) if translation.count(change.old) == 1 else None
        if done is None:
            return None
        translation = done
    return translation


def _value_hits(text: str, value: str) -> list[re.Match[str]]:
    return [m for m in _TARGET_NUMBER.finditer(text) if number_value(m.group(0)) == value]


def _change_number(source: str, translation: str, change: Change, lang: str) -> str | None:
    """The number's counterpart in the translation changed, when it is certain which one it
    is: the only number of that value in the source and in the translation (in digits or
    words), in the same role (an ordinal for an ordinal, a percentage for a percentage)."""
    old_value, new_value = _digits(change.old), _digits(change.new)
    if old_value is None or new_value is None:
        return None
    in_source, hits = _value_hits(source, old_value), _value_hits(translation, old_value)
    if len(in_source) != 1 or len(hits) != 1:
        return None  # missing, or twice: not certain
    if states_value_in_words(source, old_value, "en") or states_value_in_words(translation, old_value, lang):
        return None  # "Twenty people ... the 20th": which twenty changed?
    found, hit = in_source[0], hits[0]
    if number_role(source, found.start(), found.end()) != number_role(translation, hit.start(), hit.end()):
        return None  # "the 20th anniversary" is not "20 человек"
    return translation[: hit.start()] + _styled(new_value, hit.group(0)) + translation[hit.end() :]


def _change_name(translation: str, old: str, new: str, lang: str) -> str | None:
    """``old`` replaced by ``new`` in the case form the translation has it in; None when it is
    not there exactly once or its form cannot be told (a suffix we cannot read, a form that
    is two cases whose new forms differ)."""
    base = lang.split("_")[0]
    if base == "kk":
        return _change_kazakh_name(translation, old, new)
    if base != "ru":
        return translation.replace(old, new) if translation.count(old) == 1 else None
    hits: dict[tuple[int, int], set[str]] = {}
    for case, form in morphology.forms(old, "ru").items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", translation):
            hits.setdefault(match.span(), set()).add(case)
    if len(hits) != 1 or _stem_count(translation, old) != 1:
        return None  # absent, twice, or also in a form we do not know
    (start, end), cases = next(iter(hits.items()))
    if len({morphology.inflect(new, "ru", case) for case in cases}) > 1:
        # "Астане": dative or prepositional, and Шымкенту differs from Шымкенте; the word before
        # (в, к, с ...) may tell, else a person decides.
        person = any(morphology.ru.is_person(word) for word in old.split())
        cases = cases & {russian_case(translation[:start], person=person)}
        if not cases:
            return None
    form = morphology.inflect(new, "ru", min(cases))
    return translation[:start] + form + translation[end:]


def _change_kazakh_name(translation: str, old: str, new: str) -> str | None:
    """Kazakh: the name with the suffix the translator attached (Астанада, Назарбаевпен), the
    same case put on the new name in its own harmony (Шымкентте, Шойгумен)."""
    hits = list(re.finditer(rf"(?<![\w-]){re.escape(old)}([\w-]*)", translation))
    if len(hits) != 1 or _stem_count(translation, old) != 1:
        return None
    hit, suffix = hits[0], hits[0].group(1)
    if suffix and (kk.case_of_suffix(suffix.lstrip("-")) is None or kazakh_form(old, suffix) != old + suffix):
        return None  # not a case suffix we can read (Астанасы, Астанадағы): a person decides
    return translation[: hit.start()] + kazakh_form(new, suffix) + translation[hit.end() :]


def _stem_count(text: str, name: str) -> int:
    """How many words begin like the name's first word less its ending: every form of it."""
    first = name.split()[0]
    stem = first[:-1] if len(first) > 3 else first
    return len(re.findall(rf"(?<![\w-]){re.escape(stem)}", text))


def auto_line(date: str, change: Change) -> str:
    """The translator comment that says what was changed, so a reviewer can see and revert it."""
    return f'l10n-auto: {date} "{change.old}" -> "{change.new}"'
