"""Review: the state of each entry, statistics, quality checks and the post-editing report. Pure.

Every entry is in exactly one review state, derived from the PO file alone, so it survives a save
in Poedit, Lokalize or Weblate (rewrapped lines, reordered comments) and a msgmerge:

- untranslated   no text (GNU msgfmt's "untranslated")
- draft          fuzzy, with MT provenance, text unchanged since the engine wrote it
- needs_review   fuzzy otherwise: a re-sync guess (``#|``), or a draft a reviewer edited
- reviewed       text and not fuzzy: a reviewer approves by clearing "fuzzy" in any editor

draft + needs_review is msgfmt's "fuzzy", reviewed its "translated".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from l10n.model import CatalogStats, Counts, Entry
from l10n.translate import provenance, recorded_raw, unknown_marks

STATES = ("untranslated", "draft", "needs_review", "reviewed")


def word_count(text: str) -> int:
    return len(text.split())


def entry_state(entry: Entry) -> str:
    if not entry.translated:
        return "untranslated"
    if not entry.fuzzy:
        return "reviewed"
    if provenance(entry) is not None and recorded_raw(entry) == entry.msgstr and entry.previous_msgid is None:
        return "draft"
    return "needs_review"


def catalog_stats(entries: Iterable[Entry]) -> CatalogStats:
    """Entries and source words per review state; obsolete entries and the header do not count."""
    totals = {state: [0, 0] for state in STATES}
    for entry in entries:
        if entry.obsolete or not entry.msgid:
            continue
        bucket = totals[entry_state(entry)]
        bucket[0] += 1
        bucket[1] += word_count(entry.msgid)
    return CatalogStats(**{state: Counts(entries=n, words=w) for state, (n, w) in totals.items()})


def add_stats(a: CatalogStats, b: CatalogStats) -> CatalogStats:
    return CatalogStats(**{s: Counts(getattr(a, s).entries + getattr(b, s).entries, getattr(a, s).words + getattr(b, s).words) for s in STATES})


def reviewed_ratio(stats: CatalogStats) -> float:
    total = sum(getattr(stats, s).words for s in STATES)
    return stats.reviewed.words / total if total else 1.0


# --- checks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str  # "error" or "warning"
    message: str


@dataclass(frozen=True)
class CheckContext:
    lang: str
    terms: tuple[tuple[str, str], ...] = ()  # (English term, required translation)
    keep: frozenset[str] = frozenset()  # do-not-translate terms (kept in English)


Check = Callable[[Entry, CheckContext], Iterable[Finding]]

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC_LANGS = {"ru", "kk", "uk", "be", "bg", "sr", "mk", "ky", "tg", "mn"}
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’»]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_PLACEHOLDER = re.compile(r"ZXQ\d+|%(?:\d+\$)?[sdif]|\{\w*\}")
_CODE = re.compile(r"`+[^`]+`+")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.]\d+)*")
_LATIN_WORD = re.compile(r"(?<![\w@/.-])[A-Za-z][A-Za-z'’-]*[A-Za-z](?![\w@/])")
_WORD = re.compile(r"\w+")


def _numbers(text: str) -> list[str]:
    """Numbers with group separators removed and a decimal comma read as a point:
    "100,000" = "100 000" = "100 000" = "100000"; "3,5" = "3.5"."""
    values = []
    for match in _NUMBER.finditer(_CODE.sub(" ", _URL.sub(" ", text))):
        raw = match.group(0)
        groups = re.split(r"[ \u00a0\u202f,.]", raw)
        seps = re.findall(r"[ \u00a0\u202f,.]", raw)
        if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(set(seps)) == 1:
            values.append("".join(groups))
        elif len(groups) == 2 and seps[0] in ",.":
            values.append(f"{groups[0]}.{groups[1]}")
        else:
            values.extend(groups)
    return values


def check_numbers(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    source, target = _numbers(entry.msgid), _numbers(entry.msgstr)
    missing = [n for n in source if source.count(n) > target.count(n)]
    extra = [n for n in target if target.count(n) > source.count(n)]
    if missing:
        yield Finding("numbers", "error", f"number {', '.join(sorted(set(missing)))} of the source is missing or changed")
    elif extra:
        yield Finding("numbers", "warning", f"number {', '.join(sorted(set(extra)))} is not in the source")


def check_protected(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    for kind, pattern in (("URL", _URL), ("e-mail address", _EMAIL), ("placeholder", _PLACEHOLDER), ("inline code", _CODE)):
        for item in sorted(set(pattern.findall(entry.msgid))):
            if item not in entry.msgstr:
                yield Finding("protected", "error", f"{kind} {item} is missing or changed")
    for target in sorted(set(_LINK_TARGET.findall(entry.msgid))):
        if target not in _LINK_TARGET.findall(entry.msgstr) and not _LINK_TARGET.search(entry.msgstr):
            yield Finding("protected", "error", f"link target {target} is missing")


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def check_untranslated(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    if entry.msgstr == entry.msgid and _has_letters(entry.msgid) and entry.msgid not in ctx.keep:
        if len(_WORD.findall(entry.msgid)) > 1 or not entry.msgid[:1].isupper():
            yield Finding("untranslated", "error", "the translation is the English source")


_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:net|org|com|info|kz|ru|uk|eu|io)\b")


def _masked_for_words(text: str) -> str:
    for pattern in (_URL, _EMAIL, _DOMAIN, _CODE, _LINK_TARGET, _PLACEHOLDER):
        text = pattern.sub(" ", text)
    return text


def check_latin(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    if ctx.lang.split("_")[0] not in CYRILLIC_LANGS or "Latn" in ctx.lang:
        return
    allowed = {w for term in ctx.keep for w in term.split()}
    words = [w for w in _LATIN_WORD.findall(_masked_for_words(entry.msgstr)) if w not in allowed]
    if words and entry.msgstr != entry.msgid:
        yield Finding("latin", "warning", f"Latin-script word(s) left: {', '.join(dict.fromkeys(words))}")


def check_language(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """kk text needs Kazakh letters (ә ғ қ ң ө ұ ү һ і) over a long sentence; ru text has none."""
    letters = set(entry.msgstr)
    cyrillic_words = [w for w in _WORD.findall(entry.msgstr) if any("\u0400" <= ch <= "\u04ff" for ch in w)]
    if ctx.lang == "kk" and len(cyrillic_words) >= 6 and not letters & KAZAKH_LETTERS:
        yield Finding("language", "error", "no Kazakh letters (ә ғ қ ң ө ұ ү һ і): this looks like Russian, not Kazakh")
    if ctx.lang == "ru" and letters & KAZAKH_LETTERS:
        yield Finding("language", "error", f"Kazakh letters ({''.join(sorted(letters & KAZAKH_LETTERS))}) in a Russian translation")


def _stem(word: str) -> str:
    """A crude stem so inflected Russian/Kazakh forms count: Назарбаев ~ Назарбаева, Назарбаеву."""
    if len(word) > 5:
        return word[:-2]
    if len(word) > 3:
        return word[:-1]
    return word


def _term_in(term: str, text: str) -> bool:
    lowered = text.lower()
    return all(_stem(word.lower()) in lowered for word in term.split())


def check_glossary(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    for english, target in ctx.terms:
        if re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", entry.msgid) and not _term_in(target, entry.msgstr):
            yield Finding("glossary", "warning", f"'{english}' should be translated as '{target}'")


_END = re.compile(r"(\.\.\.|[.!?…:;])+[\"'”’»)\]*_]*\s*$")


def _ending(text: str) -> str:
    match = _END.search(text.rstrip())
    if not match:
        return ""
    core = re.sub(r"[\"'”’»)\]*_\s]", "", match.group(0)).replace("...", "…")
    return core[-1:] if core else ""


def check_end_punctuation(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    source, target = _ending(entry.msgid), _ending(entry.msgstr)
    if source != target:
        describe = lambda p: f"'{p}'" if p else "none"  # noqa: E731
        yield Finding("end-punctuation", "warning", f"ends with {describe(target)}, the source with {describe(source)}")


_PAIRS = (("(", ")"), ("[", "]"), ("«", "»"), ("„", "“"))


def check_brackets(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    text = entry.msgstr
    for opening, closing in _PAIRS:
        if opening == "„" and "„" not in text:
            continue
        if text.count(opening) != text.count(closing):
            yield Finding("brackets", "warning", f"unbalanced {opening}…{closing}")
    if text.count('"') % 2:
        yield Finding("brackets", "warning", 'unbalanced "')


def check_quotes(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """ru and kk quote with «…» (inner „…“); straight and English curly quotes are wrong."""
    if ctx.lang not in ("ru", "kk") or entry.msgstr == entry.msgid:
        return
    text = entry.msgstr
    if '"' in text:
        yield Finding("quotes", "warning", 'straight quotes ("): use «…» (inner „…“)')
    elif ("“" in text or "”" in text) and "„" not in text:
        yield Finding("quotes", "warning", "English quotes (“…”): use «…» (inner „…“)")
    elif "‘" in text or ("’" in text and "‘" in entry.msgid):
        yield Finding("quotes", "warning", "English single quotes (‘…’): use «…»")


# Calibrated on the seed's reviewed translations: concise Russian and agglutinative Kazakh run
# down to ~0.65 of the English length (0.75 flagged 10 of 214 good sentences).
LENGTH_BANDS = {"ru": (0.6, 2.0), "kk": (0.6, 2.1)}
MIN_LENGTH_FOR_RATIO = 25


def check_length(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    if len(entry.msgid) < MIN_LENGTH_FOR_RATIO:
        return
    low, high = LENGTH_BANDS.get(ctx.lang, (0.5, 2.5))
    ratio = len(entry.msgstr) / len(entry.msgid)
    if ratio < low:
        yield Finding("length", "warning", f"translation is {ratio:.0%} of the source's length: something may be missing")
    elif ratio > high:
        yield Finding("length", "warning", f"translation is {ratio:.0%} of the source's length")


def check_whitespace(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    text = entry.msgstr
    if text != text.strip() and entry.msgid == entry.msgid.strip():
        yield Finding("whitespace", "warning", "leading or trailing whitespace")
    if "  " in text and "  " not in entry.msgid:
        yield Finding("whitespace", "warning", "double space")
    # Only words separated by spaces alone: "ерлер мен әйелдер — әйелдер басым" repeats on purpose.
    repeated = sorted({m.group(1).lower() for m in re.finditer(r"\b(\w+)\s+\1\b", text, re.IGNORECASE) if not m.group(1).isdigit()})
    if repeated:
        yield Finding("repeated-word", "warning", f"repeated word: {', '.join(repeated)}")


def check_unknown_pieces(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """An unknown-piece mark (⁇) is never text a reader should see."""
    marks = [m for m in unknown_marks(entry.msgstr) if m not in entry.msgid]
    if marks:
        yield Finding("mt-unknown", "error", f"{' '.join(marks)} marks a word the MT engine did not know: translate it")


def check_draft(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    state = entry_state(entry)
    if state == "draft":
        yield Finding("unreviewed-draft", "warning", f"machine draft not reviewed yet ({provenance(entry)})")
    if entry.fuzzy and entry.previous_msgid is not None:
        yield Finding("source-changed", "warning", f"the source changed; it was: {entry.previous_msgid}")


CHECKS: tuple[Check, ...] = (
    check_numbers,
    check_protected,
    check_untranslated,
    check_latin,
    check_language,
    check_glossary,
    check_end_punctuation,
    check_brackets,
    check_quotes,
    check_length,
    check_whitespace,
    check_unknown_pieces,
    check_draft,
)


def check_entry(entry: Entry, ctx: CheckContext, checks: Sequence[Check] = CHECKS) -> list[Finding]:
    """Findings on one entry; a flag ``ignore-<check>`` (e.g. ``#, ignore-latin``) silences one."""
    if entry.obsolete or not entry.msgid or not entry.msgstr or entry.msgid_plural:
        return []
    silenced = {flag[len("ignore-") :] for flag in entry.flags if flag.startswith("ignore-")}
    return [f for check in checks for f in check(entry, ctx) if f.check not in silenced]


# --- post-editing report -------------------------------------------------------------------------


@dataclass(frozen=True)
class PostEdit:
    """A reviewed entry that started as a machine draft: what the engine wrote, what was approved."""

    engine: str
    raw: str
    final: str


def post_edits(entries: Iterable[Entry]) -> list[PostEdit]:
    found = []
    for entry in entries:
        raw = recorded_raw(entry)
        origin = provenance(entry)
        if origin is not None and raw is not None and entry_state(entry) == "reviewed":
            found.append(PostEdit(origin, raw, entry.msgstr))
    return found


def normalised(text: str) -> str:
    return unicodedata.normalize("NFC", text)
