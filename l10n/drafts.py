"""Machine-translation drafts: which entries get one, what MT must not touch, and how a draft
is recorded in the PO entry. Pure; engines and files are wired in jobs.py.

A draft is ``#, fuzzy`` (not approved) and carries its provenance in translator comments, the
only comments that survive both a save in Poedit and a msgmerge:

    # l10n-mt: argos translate-en_ru 1.9
    # l10n-mt-raw: <the draft exactly as the engine produced it>
    # l10n-mt-problem: <what to check: a dropped number, a missing glossary term>
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from l10n import markup
from l10n.errors import SourceError
from l10n.languages import CYRILLIC_LOWER
from l10n.model import Entry
from l10n.morphology.context import restore
from l10n.patterns import CODE, EMAIL, LINK_TARGET, URL

PROVENANCE = "l10n-mt:"
RAW = "l10n-mt-raw:"
PROBLEM = "l10n-mt-problem:"
SUGGESTION = "l10n-tm:"
_OUR_LINES = (PROVENANCE, RAW, PROBLEM, SUGGESTION)
# What an engine writes for a piece outside its vocabulary: SentencePiece's decoder renders the
# unknown piece as U+2047 "⁇"; some converters leave the token itself.
UNKNOWN_MARKS = ("\u2047", "<unk>")


class Engine(Protocol):
    """What translate needs of an engine (argos, pseudo, pivot)."""

    @property
    def name(self) -> str: ...  # "argos", "pseudo", "pivot"

    @property
    def model(self) -> str: ...  # package or model name

    @property
    def version(self) -> str: ...

    @property
    def ident(self) -> str: ...  # cache key: changes whenever the output could change

    @property
    def batch_size(self) -> int: ...  # sentences per engine call

    @property
    def notes(self) -> dict[str, str]: ...  # source text -> a problem the reviewer should check

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One translation per text. Ctrl-C raises errors.EngineInterrupted with what was
        finished."""
        ...


# --- glossary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    en: str
    targets: tuple[tuple[str, str], ...]  # (lang, translation); "" = do not translate
    note: str = ""

    def target(self, lang: str) -> str | None:
        """The required translation, the English itself for do-not-translate, None if no row."""
        for code, text in self.targets:
            if code == lang:
                return text or self.en
        return None


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def for_language(self, lang: str) -> list[tuple[str, str]]:
        """(English term, required target) pairs for a language, longest first."""
        pairs = [(t.en, target) for t in self.terms if (target := t.target(lang)) is not None]
        return sorted(pairs, key=lambda p: -len(p[0]))


def parse_glossary(text: str, path: Path | str) -> Glossary:
    """glossary.csv: a header with ``en`` and one column per language (optional ``note``).
    An empty cell in a language column means: keep the English (names, brands)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return Glossary()
    header = [h.strip() for h in rows[0]]
    if "en" not in header:
        raise SourceError(
            path, "the first row must name the columns, including 'en'", line=1, hint="e.g. en,ru,kk,note"
        )
    langs = [h for h in header if h not in ("en", "note") and h]
    terms = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SourceError(
                path,
                f"expected {len(header)} columns, found {len(row)}",
                line=number,
                hint="quote cells that contain commas",
            )
        cells = dict(zip(header, (c.strip() for c in row), strict=False))  # short rows: missing cells
        if not cells["en"]:
            raise SourceError(path, "empty 'en' cell", line=number)
        terms.append(
            Term(
                en=cells["en"],
                targets=tuple((lang, cells[lang]) for lang in langs),
                note=cells.get("note", ""),
            )
        )
    return Glossary(tuple(terms))


# --- masking: what MT must not change -------------------------------------------------------

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


def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def mask(text: str, terms: Sequence[tuple[str, str]] = ()) -> Masked:
    """Replace protected spans and glossary terms with placeholders ZXQ1, ZXQ2, ..."""
    spans: list[tuple[int, int, str, str]] = []
    for match in _PROTECT.finditer(text):
        kind = match.lastgroup or "number"
        original = match.group(0).rstrip() if kind == "number" else match.group(0)
        spans.append((match.start(), match.start() + len(original), kind, original))
    for term, target in terms:
        for match in _term_pattern(term).finditer(text):
            if not any(a < match.end() and match.start() < b for a, b, _, _ in spans):
                spans.append((match.start(), match.end(), "term", target))
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


def unknown_marks(text: str) -> list[str]:
    """The unknown-piece marks in an engine's output (SentencePiece writes an unknown piece as ⁇)."""
    return [mark for mark in UNKNOWN_MARKS if mark in text]


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
