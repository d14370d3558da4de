"""Whether the problems an MT draft was recorded with (``# l10n-mt-problem:``) are still in the
translation, so a line a translator has fixed goes away (issue 28). Pure.

The raw draft (``# l10n-mt-raw:``) stays: the post-editing report compares it with the final
text. A problem line goes only when its evidence is gone from the translation:

- unknown pieces (⁇, <unk>): no mark left;
- a sentence MT could not translate: the entry has a translation now;
- a dropped number, URL, e-mail address, code or link target: it is in the translation (a
  number by its value, in any style: "100,000" = "100 000");
- a dropped glossary term: the glossary's translation is there, in any case form (when the
  glossary is at hand; otherwise the line stays for a person).

A problem we cannot read stays. An untouched draft keeps all of its lines.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import replace

from l10n.drafts import PROBLEM, recorded_raw
from l10n.engines.protocol import unknown_marks
from l10n.model import Entry
from l10n.patterns import number_value

_DROPPED = re.compile(r"MT dropped the (term|\w+) (.+)")
_REFUSED = "MT could not translate this sentence"
_UNKNOWN = "MT met pieces its vocabulary lacks"


def _dropped_is_back(kind: str, original: str, text: str, lang: str, targets: Mapping[str, str]) -> bool:
    if kind == "term":
        from l10n.language.morphology import contains_term

        target = targets.get(original)
        return target is not None and contains_term(text, target, lang.split("_")[0])
    if kind == "number":
        from l10n.language.numbers import read_numbers

        value = number_value(original) or original
        return value in read_numbers(text, lang.split("_")[0]).digits
    return original in text


def still_there(problem: str, entry: Entry, lang: str, targets: Mapping[str, str]) -> bool:
    """Whether the translation still has ``problem`` (the text after "l10n-mt-problem:")."""
    text = entry.msgstr
    if problem.startswith(_UNKNOWN):
        return bool(unknown_marks(text))
    if problem.startswith(_REFUSED):
        return not text
    dropped = _DROPPED.fullmatch(problem)
    if dropped is None:
        return True
    try:
        original = ast.literal_eval(dropped.group(2))  # written with repr()
    except (ValueError, SyntaxError):
        return True
    if not isinstance(original, str):
        return True
    return not _dropped_is_back(dropped.group(1), original, text, lang, targets)


def settled(entry: Entry, lang: str, targets: Mapping[str, str] | None = None) -> Entry:
    """The entry without the problem lines its translation no longer has; the same object when
    nothing changes (so a catalog that needs nothing is not rewritten)."""
    if PROBLEM not in entry.tcomment or entry.msgstr == recorded_raw(entry):
        return entry
    lines = entry.tcomment.split("\n")
    kept = [
        line
        for line in lines
        if not line.startswith(PROBLEM)
        or still_there(line[len(PROBLEM) :].strip(), entry, lang, targets or {})
    ]
    return entry if len(kept) == len(lines) else replace(entry, tcomment="\n".join(kept))
