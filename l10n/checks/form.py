"""Checks on a translation's form, against its source where that is the fair reference:
punctuation at the end, brackets and quotes balanced as in the source, quote style, length,
whitespace, MT artefacts and review state."""

from __future__ import annotations

import re
from collections.abc import Iterator

from l10n.checks.base import CheckContext, check
from l10n.drafts import provenance
from l10n.engines.protocol import unknown_marks
from l10n.formats import markup
from l10n.model import Entry
from l10n.review_state import entry_state

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


@check("warning")
def check_end_punctuation(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """The translation ends with none of the source's end marks.

    The marks: ., ?, !, …, :; ";" and "." are one class. Fine: a "?" inside a closing quote and the
    "." after it ("?»."), a source that ends inside a quotation (when the translation ends with a
    mark at all: one that stops at a word or a comma was cut short), a dot that closes an
    abbreviation ("2015 г."), a headline the translator ended with a full stop.

    The translation ends with a mark the source's ending has (a "?" inside a closing quote
    and the "." after it count); a dot that closes an abbreviation ("2015 г.") may be the end or
    not; a headline the translator ended with a full stop is fine.
    """
    source, target = _ending_marks(entry.msgid), _ending_marks(entry.msgstr)
    if source & target or (not source and target <= {"."}):
        return
    if _QUOTED_ENDING.search(entry.msgid) and target and target <= {".", "?", "!", "…"}:
        return  # the source ends inside a quotation; the translation may close it otherwise (not end open)
    if target == {"."} and _ABBREVIATION_END.search(entry.msgstr):
        return
    if source == {"."} and not target and _ABBREVIATION_END.search(entry.msgid):
        return

    def describe(marks: set[str]) -> str:
        return " ".join(f"'{m}'" for m in sorted(marks)) or "none"

    yield f"ends with {describe(target)}, the source with {describe(source)}"


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


@check("warning")
def check_brackets(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """Brackets or quotation marks unbalanced unlike the source's.

    ( ) and [ ] by count; quotation marks that leave a quote open where the source's do not (« »
    pair; " “ ” „ by parity, as “…“ and ”…” are common pairs). A sentence that carries one end of a
    quotation spanning several sentences is unbalanced in the English too, and is fine.

    Brackets and quotes balanced as in the source: a sentence that carries one end of a
    quotation spanning several sentences is unbalanced in the English too.
    """
    source, text = entry.msgid, entry.msgstr
    for opening, closing in _BRACKETS:
        if text.count(opening) - text.count(closing) != source.count(opening) - source.count(closing):
            yield f"unbalanced {opening}…{closing}"
    if _quote_imbalance(text) and not _quote_imbalance(source) and not _SINGLE_QUOTES.search(source):
        yield "unbalanced quotation marks"


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


@check("warning")
def check_quotes(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """Quotation marks other than «…» (inner „…“), which ru and kk use.

    In a catalog that mostly uses «…», each entry with other quotes; in one that uses “…” or "…"
    in five entries or more (a translator's house style), one finding for the catalog (msgid "")
    that lists them.

    ru and kk quote with «…» (inner „…“). Reported per entry here; a catalog that uses one
    other style throughout gets one finding for the catalog instead (see catalog_findings).
    """
    if ctx.base not in ("ru", "kk") or "Latn" in ctx.lang or entry.msgstr == entry.msgid:
        return
    style = quote_style(entry.msgstr)
    if style not in (None, "guillemets"):
        yield f"{QUOTE_STYLES[style]} quotes: use «…» (inner „…“)"


# The band of translation length / source length outside which a translation is suspicious, per
# language: the 0.5th and 99.9th percentiles of the professional translations of the development
# sample (sources of 25+ characters; scripts/corpus.py reads it), rounded outwards. A reviewed
# translation outside it that is right carries a dismissal with its reason (the seed has four:
# Russian that says the same in fewer words), not a wider band.
LENGTH_BANDS = {"ru": (0.72, 1.89), "kk": (0.63, 1.97)}
MIN_LENGTH_FOR_RATIO = 25


@check("warning")
def check_length(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """The translation's length is far from the source's.

    Length ratio outside the language's band (ru 0.65–1.9, kk 0.6–2.0: the 0.5th–99.9th percentiles
    of professional translations, widened to the seed) for sources of 25+ characters.
    """
    if len(entry.msgid) < MIN_LENGTH_FOR_RATIO:
        return
    low, high = LENGTH_BANDS.get(ctx.base, (0.5, 2.5))
    ratio = len(entry.msgstr) / len(entry.msgid)
    if ratio < low:
        yield f"translation is {ratio:.0%} of the source's length: something may be missing"
    elif ratio > high:
        yield f"translation is {ratio:.0%} of the source's length"


@check("warning")
def check_whitespace(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """Leading, trailing or double spaces the source does not have."""
    text = entry.msgstr
    if text != text.strip() and entry.msgid == entry.msgid.strip():
        yield "leading or trailing whitespace"
    if "  " in text.strip() and "  " not in entry.msgid:
        yield "double space"


@check("warning")
def check_repeated_word(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A word repeated with only spaces between ("и и")."""
    text = entry.msgstr
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
        yield f"repeated word: {', '.join(repeated)}"


@check("error")
def check_markup(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """An HTML or Word article's inline markup is broken in the translation.

    A tag of the source missing from the translation or one it does not have, a closing tag before
    its opening one, elements that cross (`<a1>…</a1>`, `<em>`, `<br/>`). Every other check reads the text
    without the markup.

    An HTML or Word article's inline markup (<a1>…</a1>, <em>, <br/>) must all be in the
    translation, each element opened before it is closed and none crossing another: a link
    lost or broken in the edition.
    """
    if "<" not in entry.msgid and "<" not in entry.msgstr:
        return
    yield from markup.balance_problems(entry.msgid, entry.msgstr)


@check("error")
def check_mt_unknown(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """ "⁇" (or `<unk>`): a piece the MT model's vocabulary lacks, e.g. an apostrophe.

    The draft also carries an `l10n-mt-problem` line.

    An unknown-piece mark (⁇) is never text a reader should see.
    """
    marks = [m for m in unknown_marks(entry.msgstr) if m not in entry.msgid]
    if marks:
        yield f"{' '.join(marks)} marks a word the MT engine did not know: translate it"


@check("warning")
def check_unreviewed_draft(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A machine draft not reviewed yet."""
    if entry_state(entry) == "draft":
        yield f"machine draft not reviewed yet ({provenance(entry)})"


@check("warning")
def check_source_changed(entry: Entry, ctx: CheckContext) -> Iterator[str]:
    """A fuzzy re-sync: the source changed (`#|` shows what changed)."""
    if entry.fuzzy and entry.previous_msgid is not None:
        yield f"the source changed; it was: {entry.previous_msgid}"
