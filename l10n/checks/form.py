"""Checks on a translation's form, against its source where that is the fair reference:
punctuation at the end, brackets and quotes balanced as in the source, quote style, length,
whitespace, MT artefacts and review state."""

from __future__ import annotations

import re
from collections.abc import Iterable

from l10n import markup
from l10n.checks.base import CheckContext, Finding
from l10n.drafts import provenance, unknown_marks
from l10n.model import Entry
from l10n.review import entry_state

_END_MARKS = ".!?…:;"
# ";" ends a list item where another translation ends it with "." (UN documents): one class.
_SAME_END = {";": "."}
# Abbreviations whose dot may also end the sentence: "в 2015 г.", "3 тыс.", "и т. д.".
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:г|гг|тыс|млн|млрд|долл|руб|т\.\s?д|т\.\s?п|др|пр|ж|жж|см|стр|коп|мың|млн|млрд|сағ|мин)|"
    r"\b[А-ЯЁA-Z])\.[\s\"'”’»)\]]*$"
)


# A sentence whose last marks belong to a quotation: lie." / senior year?'
_QUOTED_ENDING = re.compile(r"[.!?…]+[\"”’'»]+\s*$")


def _ending_marks(text: str) -> set[str]:
    """The end marks after the last letter or digit, quotes and brackets between them allowed:
    "будущего?»." ends with {"?", "."}; "..." is "…"."""
    stripped = text.rstrip()
    tail_start = len(stripped)
    while tail_start and not stripped[tail_start - 1].isalnum():
        tail_start -= 1
    tail = stripped[tail_start:].replace("...", "…")
    return {_SAME_END.get(ch, ch) for ch in tail if ch in _END_MARKS}


def check_end_punctuation(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """The translation ends with a mark the source's ending has (a "?" inside a closing quote
    and the "." after it count); a dot that closes an abbreviation ("2015 г.") may be the end or
    not; a headline the translator ended with a full stop is fine."""
    source, target = _ending_marks(entry.msgid), _ending_marks(entry.msgstr)
    if source & target or (not source and target <= {"."}):
        return
    if _QUOTED_ENDING.search(entry.msgid) and target <= {".", "?", "!", "…"}:
        return  # the source ends inside a quotation; the translation may close it otherwise
    if target == {"."} and _ABBREVIATION_END.search(entry.msgstr):
        return
    if source == {"."} and not target and _ABBREVIATION_END.search(entry.msgid):
        return

    def describe(marks: set[str]) -> str:
        return " ".join(f"'{m}'" for m in sorted(marks)) or "none"

    yield Finding(
        "end-punctuation", "warning", f"ends with {describe(target)}, the source with {describe(source)}"
    )


_BRACKETS = (("(", ")"), ("[", "]"))


def _quote_imbalance(text: str) -> bool:
    """Whether a text's quotation marks leave a quote open or close one never opened: « and »
    pair (a quote inside a quote that ends with it may share its »: «…«…»); the double marks
    " “ ” „ by parity, whichever way they face, as Kazakh and Russian typists pair “…“ and ”…”
    as often as “…”."""
    doubles = sum(text.count(mark) for mark in '"“”„')
    return not _guillemets_pair(text) or doubles % 2 == 1


def _guillemets_pair(text: str) -> bool:
    if "«" not in text and "»" not in text:
        return True
    depth = deepest = 0
    for ch in text:
        if ch == "«":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == "»":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 or (depth == 1 and deepest >= 2)


# English single quotes used as quotation marks (not an apostrophe between letters): with them
# the source's quote structure is not readable (students' is a possessive, 'We is a quote).
_SINGLE_QUOTES = re.compile(r"(?<![^\W\d_])['‘’]|['‘’](?![^\W\d_])")


def check_brackets(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """Brackets and quotes balanced as in the source: a sentence that carries one end of a
    quotation spanning several sentences is unbalanced in the English too."""
    source, text = entry.msgid, entry.msgstr
    for opening, closing in _BRACKETS:
        if text.count(opening) - text.count(closing) != source.count(opening) - source.count(closing):
            yield Finding("brackets", "warning", f"unbalanced {opening}…{closing}")
    if _quote_imbalance(text) and not _quote_imbalance(source) and not _SINGLE_QUOTES.search(source):
        yield Finding("brackets", "warning", "unbalanced quotation marks")


QUOTE_STYLES = {
    "guillemets": "«…»",
    "straight": '"…"',
    "english": "“…”",
}


def quote_style(text: str) -> str | None:
    """Which quotation marks a translation uses: guillemets, straight, english or None."""
    if "«" in text or "„" in text:
        return "guillemets"
    if '"' in text:
        return "straight"
    if "“" in text or "”" in text:
        return "english"
    return None


def check_quotes(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """ru and kk quote with «…» (inner „…“). Reported per entry here; a catalog that uses one
    other style throughout gets one finding for the catalog instead (see catalog_findings)."""
    if ctx.base not in ("ru", "kk") or "Latn" in ctx.lang or entry.msgstr == entry.msgid:
        return
    style = quote_style(entry.msgstr)
    if style not in (None, "guillemets"):
        yield Finding("quotes", "warning", f"{QUOTE_STYLES[style]} quotes: use «…» (inner „…“)")


# The band of translation length / source length outside which a translation is suspicious, per
# language: the 0.5th and 99.9th percentiles of the professional translations of the development
# sample (sources of 25+ characters; scripts/corpus.py reads it), rounded outwards. A reviewed
# translation outside it that is right carries a dismissal with its reason (the seed has four:
# Russian that says the same in fewer words), not a wider band.
LENGTH_BANDS = {"ru": (0.72, 1.89), "kk": (0.63, 1.97)}
MIN_LENGTH_FOR_RATIO = 25


def check_length(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    if len(entry.msgid) < MIN_LENGTH_FOR_RATIO:
        return
    low, high = LENGTH_BANDS.get(ctx.base, (0.5, 2.5))
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
    if "  " in text.strip() and "  " not in entry.msgid:
        yield Finding("whitespace", "warning", "double space")
    # Only words separated by spaces alone: "ерлер мен әйелдер — әйелдер басым" repeats on purpose;
    # "что что-то" is a word and a compound that starts with it.
    repeated = sorted(
        {
            m.group(1).lower()
            for m in re.finditer(r"\b(\w+)\s+\1\b(?!-)", text, re.IGNORECASE)
            if not m.group(1).isdigit()
        }
    )
    if repeated:
        yield Finding("repeated-word", "warning", f"repeated word: {', '.join(repeated)}")


def check_markup(entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
    """An HTML or Word article's inline markup (<a1>…</a1>, <em>, <br/>) must all be in the
    translation, each element opened before it is closed and none crossing another: a link
    lost or broken in the edition."""
    if "<" not in entry.msgid and "<" not in entry.msgstr:
        return
    for problem in markup.balance_problems(entry.msgid, entry.msgstr):
        yield Finding("markup", "error", problem)


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
