"""Quality checks on translated entries. Pure: each check is a small function of (entry,
context) that yields findings; its docstring says what it looks for.

A finding has a check id, a severity ("error" only where a defect is near certain) and a message.
A translator silences one check on one entry with the flag ``ignore-<check>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from l10n.drafts import provenance, unknown_marks
from l10n.model import Entry, Severity
from l10n.patterns import CODE_RE, DOMAIN, EMAIL_RE, LINK_TARGET_RE, NUMBER_MARKS, URL_RE, number_value
from l10n.review import entry_state


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class CheckContext:
    lang: str
    terms: tuple[tuple[str, str], ...] = ()  # (English term, required translation)
    keep: frozenset[str] = frozenset()  # do-not-translate terms (kept in English)


Check = Callable[[Entry, CheckContext], Iterable[Finding]]

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC_LANGS = {"ru", "kk", "uk", "be", "bg", "sr", "mk", "ky", "tg", "mn"}
_PLACEHOLDER = re.compile(r"ZXQ\d+|%(?:\d+\$)?[sdif]|\{\w*\}")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.]\d+)*")
_LATIN_WORD = re.compile(r"(?<![\w@/.-])[A-Za-z][A-Za-z'’-]*[A-Za-z](?![\w@/])")
_WORD = re.compile(r"\w+")


def _numbers(text: str) -> list[str]:
    """Numbers with group separators removed and a decimal comma read as a point:
    "100,000" = "100 000" = "100 000" = "100000"; "3,5" = "3.5"."""
    values: list[str] = []
    for match in _NUMBER.finditer(CODE_RE.sub(" ", URL_RE.sub(" ", text))):
        raw = match.group(0)
        value = number_value(raw)
        values += [value] if value is not None else re.split(f"[{NUMBER_MARKS}]", raw)
    return values


def check_numbers(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    source, target = _numbers(entry.msgid), _numbers(entry.msgstr)
    missing = [n for n in source if source.count(n) > target.count(n)]
    extra = [n for n in target if target.count(n) > source.count(n)]
    if missing:
        yield Finding(
            "numbers",
            "error",
            f"number {', '.join(sorted(set(missing)))} of the source is missing or changed",
        )
    elif extra:
        yield Finding("numbers", "warning", f"number {', '.join(sorted(set(extra)))} is not in the source")


def check_protected(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    for kind, pattern in (
        ("URL", URL_RE),
        ("e-mail address", EMAIL_RE),
        ("placeholder", _PLACEHOLDER),
        ("inline code", CODE_RE),
    ):
        for item in sorted({m.group(0) for m in pattern.finditer(entry.msgid)}):
            if item not in entry.msgstr:
                yield Finding("protected", "error", f"{kind} {item} is missing or changed")
    for target in sorted(set(LINK_TARGET_RE.findall(entry.msgid))):
        if target not in LINK_TARGET_RE.findall(entry.msgstr) and not LINK_TARGET_RE.search(entry.msgstr):
            yield Finding("protected", "error", f"link target {target} is missing")


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def check_untranslated(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    copied = entry.msgstr == entry.msgid and _has_letters(entry.msgid) and entry.msgid not in ctx.keep
    # One capitalised word (a name) may stay as it is.
    if copied and (len(_WORD.findall(entry.msgid)) > 1 or not entry.msgid[:1].isupper()):
        yield Finding("untranslated", "error", "the translation is the English source")


_DOMAIN = re.compile(DOMAIN)


def _masked_for_words(text: str) -> str:
    for pattern in (URL_RE, EMAIL_RE, _DOMAIN, CODE_RE, LINK_TARGET_RE, _PLACEHOLDER):
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
        yield Finding(
            "language", "error", "no Kazakh letters (ә ғ қ ң ө ұ ү һ і): this looks like Russian, not Kazakh"
        )
    if ctx.lang == "ru" and letters & KAZAKH_LETTERS:
        yield Finding(
            "language",
            "error",
            f"Kazakh letters ({''.join(sorted(letters & KAZAKH_LETTERS))}) in a Russian translation",
        )


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
        if re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", entry.msgid) and not _term_in(
            target, entry.msgstr
        ):
            yield Finding("glossary", "warning", f"'{english}' should be translated as '{target}'")


_END_MARKS = ".!?…:;"
_CLOSING = "\"'”’»)]*_"


def _ending(text: str) -> str:
    """The sentence's final punctuation ("…" for "..."), behind closing quotes and brackets; ""
    when it has none. Read from the end, without a regex: "Contents......3" or "yours.______"
    cost one pass."""
    body = text.rstrip().rstrip(_CLOSING + " \t")
    marks = body[len(body.rstrip(_END_MARKS)) :]
    return marks.replace("...", "…")[-1:]


def check_end_punctuation(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    source, target = _ending(entry.msgid), _ending(entry.msgstr)
    if source != target:

        def describe(p: str) -> str:
            return f"'{p}'" if p else "none"

        yield Finding(
            "end-punctuation", "warning", f"ends with {describe(target)}, the source with {describe(source)}"
        )


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
        yield Finding(
            "length",
            "warning",
            f"translation is {ratio:.0%} of the source's length: something may be missing",
        )
    elif ratio > high:
        yield Finding("length", "warning", f"translation is {ratio:.0%} of the source's length")


def check_whitespace(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    text = entry.msgstr
    if text != text.strip() and entry.msgid == entry.msgid.strip():
        yield Finding("whitespace", "warning", "leading or trailing whitespace")
    if "  " in text and "  " not in entry.msgid:
        yield Finding("whitespace", "warning", "double space")
    # Only words separated by spaces alone: "ерлер мен әйелдер — әйелдер басым" repeats on purpose.
    repeated = sorted(
        {
            m.group(1).lower()
            for m in re.finditer(r"\b(\w+)\s+\1\b", text, re.IGNORECASE)
            if not m.group(1).isdigit()
        }
    )
    if repeated:
        yield Finding("repeated-word", "warning", f"repeated word: {', '.join(repeated)}")


def check_unknown_pieces(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """An unknown-piece mark (⁇) is never text a reader should see."""
    marks = [m for m in unknown_marks(entry.msgstr) if m not in entry.msgid]
    if marks:
        yield Finding(
            "mt-unknown", "error", f"{' '.join(marks)} marks a word the MT engine did not know: translate it"
        )


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
