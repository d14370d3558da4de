"""English sentence boundaries. Pure: a passage in, sentence spans out.

Measured against the 48 "Golden Rules" (pragmatic_segmenter, as pySBD ships them) and news cases
of our own (tests/test_sentences.py). pySBD passes one rule fewer (47) and takes over 10× our
time per article, so these are our own rules, shaped after pySBD's where it is right:

- a boundary is end punctuation (. ! ? … and runs of them), closing quotes or brackets, a footnote
  marker ("martyr.[1]"), then whitespace, then a capital, a digit or a name like "iPhone"
  (behind opening quotes);
- a full stop after a title or a word that precedes a name or number ("Dr.", "Gen.", "No. 5",
  "p. 55") never ends a sentence; after one that may end it ("Inc.", "Co.", "U.S.", "a.m.",
  "etc.", "Feb.", "St.") only when a word that starts sentences follows ("…by the U.S. The
  ministry said", "…in Feb. The coach");
- an initial ("J. R. Tolkien", "Albert I. Jones") is no boundary, the pronoun "I" is ("you and I.");
- nothing inside parentheses that close in the passage is a boundary, nor inside a protected
  span (URL, e-mail, code), nor inside a spaced ellipsis (". . .");
- quotations are split like any text: '“We will not give up. We will fight,” he said.' is two
  sentences. Professional translators segment inside multi-sentence quotations too: keeping
  quotations whole (“…” and "…" closing in the passage) measured recall 0.812 against 0.917 on
  the development sample's 1,043 boundaries (scripts/bench_segment.py), precision 0.986 both;
- "a.m."/"p.m." before a capitalised word ends the sentence unless a day, month or time zone
  follows ("at 5 p.m. Monday") or the time opens its sentence ("At 5 a.m. Mr. Smith went");
- reference numbers glued to a full stop stay with their sentence ("…consultation.11 12 Take");
  fullwidth and CJK stops (．。！？) end sentences, without a space after them too; a sentence
  may open with a dash ("What do you see? - Posted by…");
- an inline list ("1. … 2. …", "a) … b) …", "• 9. … • 10. …") starting the passage is cut before
  each item, and so is a numbered item after ";" or ":" (or "1." after ",") anywhere: "…the
  budget; 3. Endorses the plan" (UN resolutions run their paragraphs together);
- a quotation closed by "!" or "?" and then its speaker and a speech verb is one sentence with
  its attribution ('"Is the road open?" Reuters asked.'); after "She" or "The" it is not.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# A full stop after these never ends a sentence: they precede a name, a number or another word.
# Lower-cased, without the final dot.
TITLES = frozenset(
    """
    mr mrs ms mx dr prof rev hon mt ft fr gen gov sen rep lt col capt cmdr sgt maj adm pres supt
    insp det vs v cf approx fig figs vol vols pp p ch sec art para ed eds sens reps govs gens dept
    univ assn messrs mme mlle rs n° №
    """.split()
)
# A full stop after these may end a sentence: company suffixes, "etc.", name suffixes, "no.";
# month abbreviations and "St." (a street or a saint), which precede a date or a name but also
# close a sentence ("…won gold in Feb. The coach retired", "…lives on Baker St. The house").
# Dotted forms (U.S., E.U., a.m., U.S.A.) are recognised by shape and behave the same.
MAY_END = frozenset(
    """
    inc ltd co corp llc plc gmbh kg ag bros etc jr sr esq no nos st jan feb mar apr jun jul aug sep
    sept oct nov dec
    """.split()
)
# Capitalised words that start sentences rather than continue a name: after an abbreviation that
# may end a sentence, one of these means it did. Function words, and the subjects that open news
# sentences ("…sanctions by the U.S. Officials said…").
SENTENCE_STARTERS = frozenset(
    """
    a an the this that these those it its he she they we i you his her their our my your there here
    what when where why who whom whose which how but and or so yet still however meanwhile moreover
    also then now later earlier today yesterday tomorrow thus therefore instead nevertheless not in
    on at by for from with after before during since under over as if while although though because
    despite unlike according being more millions many some most several both all each every none
    other others one two three is are was were do does did can could will would should may might
    must has have had officials police authorities analysts critics experts residents protesters
    prosecutors investigators witnesses
    """.split()
)

# Words that follow a clock time within its sentence: days, months, time zones ("at 5 p.m. Monday").
_AFTER_TIMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec gmt utc bst cet cest est edt cst cdt mst mdt pst pdt
    et pt ct mt eastern pacific central mountain local greenwich
    """.split()
)
# A time that opens a sentence is led by one of these ("At 5 a.m. Mr. Smith went to the bank").
_TIME_PREPOSITIONS = frozenset("at by until till from before after around about since".split())
_END = ".!?…．。！？"  # fullwidth and CJK stops too: an English text may quote or carry one
_CLOSERS = "”’\"'»)]*_"
_OPENERS = "“‘\"'«([*_¿¡"
# Reference numbers glued to a full stop after a word or a bracket, as PDFs and web copies of
# papers carry them: "…in a consultation.11 12 Take…", "(1987).1 According to…". After a word
# of two letters or more or a bracket: not a decimal (3.14) or a paragraph number (18A.128).
_GLUED_REFS = r"(?:(?<=[^\W\d_]{2}[.!?])|(?<=[)\]”’\"'][.!?]))\d{1,3}(?:[ \u00a0]\d{1,3}){0,3}(?=\s)"
# End punctuation among closing quotes/brackets/emphasis ('you!”.', '(see above).'), footnote
# markers, then the whitespace where the boundary is. A run is tried from its first mark only,
# with possessive repeats: a dot leader ("Introduction......3") or "yours.______" is scanned
# once, never retried from each of its dots or backtracked into.
_BOUNDARY = re.compile(
    rf"(?<![{re.escape(_CLOSERS + _END)}])[{re.escape(_CLOSERS)}]*+(?P<end>[{_END}])"
    rf"[{re.escape(_CLOSERS + _END)}]*+(?:\[\d{{1,3}}\])*+(?P<refs>{_GLUED_REFS})?"
    r"(?P<ws>\s++|(?<=[。！？．]))"
)
_TOKEN_BEFORE = re.compile(r"([^\s“‘\"'«(\[*_]+)\.$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S / e.g / a.m (final dot excluded)
_WORD_AFTER = re.compile(r"[“‘\"'«(\[*_]*([A-Za-z]+)")
_INITIAL_AFTER = re.compile(r"[A-Z]\.(?:\s|$)")
_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \u00a0]\.){2,}")
_LIST_MARKER = re.compile(
    r"(?:(?<=\s)|^)(?P<bullet>[•⁃▪◦‣][ \t]*)?(?P<label>\d{1,2}|[a-z])(?P<close>\.\)|\)|\.)(?=\s+\S)"
)
_QUOTES = (("(", ")"),)
_SPACE = re.compile(r"\s*")
_LEADING_DASH = re.compile(r"[-–—][ \u00a0]+")
# A sentence is never only a label: "6." opening a numbered paragraph, "1.)", "b)", "IV.".
_LABEL = re.compile(r"[•⁃▪◦‣]?\s*(?:\d{1,3}|[A-Za-z]|[IVXLCDM]{1,6})(?:\.\)|[.)])")
# A name written with a small first letter starts a sentence like a capital: "iPhone sales
# rose", "eBay said", "mRNA vaccines work".
_CAMEL = re.compile(r"[a-z]{1,2}[A-Z]")
_WINDOW = 80  # characters read around a full stop: far more than any abbreviation or initial
# Class: a quotation closed by "!" or "?" and then its speaker and a speech verb is one sentence
# with its attribution ('"Is the road open?" Reuters asked.', '"Run!" Mrs Okoro shouted, and…').
# pySBD protects everything between quotes instead, which misses every boundary inside
# quotations (see the docstring). The attribution: one to four capitalised words (a name, an
# agency, not "She" or "The": a capitalised pronoun or article after a quotation opens a new
# sentence, the attribution of one is written "she said"), an optional adverb, a speech verb;
# then a stop or comma, or any text when the quotation opened its sentence. 'Fans chanted
# "Encore!" Sting said the tour would go on.' stays two: the verb goes on and the quotation did
# not open the sentence.
_SPEECH_VERBS = (
    "said|says|added|adds|asked|asks|told|tells|reported|reports|shouted|shouts|wrote|writes|"
    "cried|exclaimed|replied|replies|explained|insisted|recalled|noted|tweeted|posted|warned|"
    "declared|continued|stated|remarked|yelled|screamed|whispered|answered|responded|commented|"
    "joked|quipped|demanded|wondered|urged|announced|admitted|argued|claimed"
)
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w’'.-]*\s+){{1,4}}(?:[a-z]+ly\s+|later\s+|then\s+|also\s+)?(?:{_SPEECH_VERBS})\b"
    r"(?P<closed>\s*[.,;:!?])?"
)
_QUOTE_MARKS = "”’\"'»"
# Class: a numbered item of a running list after ";" or ":" ("…the budget; 3. Endorses the
# plan", "Two steps: 1. Register"), and the first item after a clause ending in "," (a UN
# resolution's preamble, "…future attacks, 1. Condemns…"), as resolutions and minutes run their
# paragraphs together: the item opens a sentence at its number, its number does not end one.
# Any other number after a comma stays an age or a figure ("…and Ann Lee, 21. Lee was driving",
# "aged 4, 8, 15. The"), and a number without the clause mark ends its sentence ("…rose to 9.
# In its review").
_ITEM_AFTER_CLAUSE = re.compile(r"(?P<mark>[;:,])\s+(?P<item>\d{1,3}\.)\s+(?=[“‘\"'(]?[A-Z])")


class _Spans:
    """Sorted, merged spans with a binary search: "is this offset inside one?" in log time, so a
    passage with thousands of quotes or links stays linear."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def holds(self, pos: int, strictly: bool = False) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:
            return False
        return (self.starts[k] < pos < self.ends[k]) if strictly else (pos < self.ends[k])


def sentence_spans(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return (start, end) spans without surrounding whitespace.
    ``protected``: spans (URL, code, link target) no boundary may fall inside."""
    start = len(text) - len(text.lstrip().lstrip("\ufeff").lstrip())  # a byte order mark is no text
    quoted = _Spans(_quotations(text))
    guarded = _Spans(protected)
    markers = _list_items(text, start)
    marker_ends = {m.end() for m in markers}
    ellipsis_dots = _ellipsis_dots(text)
    items = _items_after_clauses(text, start)
    cuts: dict[int, int] = {}  # where the next sentence starts -> where the previous one ends
    current = start  # where the sentence being read began
    for match in _BOUNDARY.finditer(text):
        cut, resume = match.start("ws"), match.end("ws")
        if cut <= current or guarded.holds(match.start("end")) or quoted.holds(cut, strictly=True):
            continue
        ending = text[match.start() : cut]
        if cut in marker_ends or cut in items or (ending == "." and cut - 1 in ellipsis_dots):
            continue
        if cut == resume and text[resume : resume + 1].isdigit():
            continue  # "３．５": a fullwidth decimal point, not a stop
        if _is_boundary(text, current, cut, resume, ending):
            cuts[resume] = cut
            current = resume
    for begin in [marker.start() for marker in markers[1:]] + [b for b in items.values() if b > start]:
        if not guarded.holds(begin) and not quoted.holds(begin, strictly=True):
            cuts.setdefault(begin, len(text[:begin].rstrip()))
    spans: list[tuple[int, int]] = []
    for resume in sorted(cuts):
        if cuts[resume] > start:
            spans.append((start, cuts[resume]))
            start = resume
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans


def _is_boundary(text: str, start: int, cut: int, resume: int, ending: str) -> bool:
    """Whether the end punctuation ``ending`` before ``cut`` ends a sentence that began at
    ``start``, the next one starting at ``resume``."""
    if (
        not _starts_sentence(text, resume)
        or _citation_follows(text, resume)
        or _LABEL.fullmatch(text, start, cut)
    ):
        return False
    if ending != ".":
        return not _attribution_follows(text, start, resume, ending)
    # Only a window around the stop is read: a megabyte-long line costs no more per stop.
    window = max(start, cut - _WINDOW)
    match = _TOKEN_BEFORE.search(text, window, cut)
    if not match or (match.start() == window > start and not text[window - 1].isspace()):
        return True  # no word before it, or one too long to be an abbreviation
    before = text[max(start, match.start() - _WINDOW) : match.start()]
    after = text[resume : resume + _WINDOW]
    if match.group(1).lower().replace(".", "") in ("am", "pm"):
        return _time_ends_here(before if match.start() - start <= _WINDOW else None, after)
    return _abbreviation_ends_here(match.group(1), before, after)


def _attribution_follows(text: str, start: int, resume: int, ending: str) -> bool:
    """A quotation closed by "!" or "?" and followed by its speaker and a speech verb
    ('"Is it safe?" Reuters asked.'): one sentence. See _ATTRIBUTION for the class."""
    if ending[-1] not in _QUOTE_MARKS or not any(mark in ending for mark in "!?"):
        return False
    match = _ATTRIBUTION.match(text, resume, resume + _WINDOW)
    if match is None or _starter_follows(text[resume : resume + _WINDOW]):
        return False  # '…do you?" She continued': a capitalised pronoun opens a new sentence
    return bool(match.group("closed")) or text[start] in _OPENERS


def _abbreviation_ends_here(token: str, before: str, after: str) -> bool:
    """``token`` precedes a full stop, ``after`` follows the whitespace after it: a boundary?"""
    lowered = token.lower()
    if lowered in TITLES:
        return False
    if len(token) == 1 and token.isupper():
        return _initial_ends_here(token, before, after)
    if lowered in MAY_END or _DOTTED.fullmatch(token):
        return _starter_follows(after)
    return True


def _time_ends_here(sentence_so_far: str | None, after: str) -> bool:
    """ "a.m."/"p.m." and a capitalised word: a new sentence ("He left at 6 P.M. Travelers who…"),
    unless a day, month or time zone follows the time ("at 5 p.m. Monday", "10 a.m. EST") or the
    time opens the sentence ("At 5 a.m. Mr. Smith went…": what follows is its subject)."""
    match = _WORD_AFTER.match(after)
    if match is None or match.group(1).lower() in _AFTER_TIMES:
        return False
    if sentence_so_far is not None:
        words = sentence_so_far.split()
        if len(words) <= 4 and words and words[0].lower().strip("“\"'(") in _TIME_PREPOSITIONS:
            return False
    return True


def _initial_ends_here(letter: str, before: str, after: str) -> bool:
    """A capital letter and a full stop: an initial ("J. R. Tolkien", "Albert I. Jones",
    "by J. Smith") or the end of a sentence ("you and I.", "vitamin C. It")."""
    if _INITIAL_AFTER.match(after):
        return False  # another initial follows
    previous = before.split()[-1] if before.split() else ""
    if previous[:1].isupper() or re.fullmatch(r"[A-Z]\.", previous):
        return False  # after a given name or an initial
    return letter == "I" or _starter_follows(after)


def _skip_space(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _starter_follows(after: str) -> bool:
    match = _WORD_AFTER.match(after)
    return match is not None and match.group(1).lower() in SENTENCE_STARTERS


def _starts_sentence(text: str, pos: int) -> bool:
    """A new sentence starts with a capital, a digit or a name like "iPhone", possibly behind
    opening quotes or brackets or a spaced ellipsis (". . . The practice")."""
    ellipsis = _SPACED_ELLIPSIS.match(text, pos)
    if ellipsis:
        pos = _skip_space(text, ellipsis.end())
    dash = _LEADING_DASH.match(text, pos)
    if dash:  # "What do you see? - Posted by…": a byline or a reply led by a dash
        pos = dash.end()
    i = pos
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    return i < len(text) and (text[i].isupper() or text[i].isdigit() or bool(_CAMEL.match(text, i)))


def _ellipsis_dots(text: str) -> set[int]:
    """Full stops of spaced ellipses that cannot end a sentence. Three spaced dots are an
    omission ("the thing is . . . I didn’t"); four are an omission and a full stop: after a word
    ("compounds. . . . The") the first dot ends the sentence and the rest opens the next, after a
    space (". . . . Next") the last one ends it."""
    inside: set[int] = set()
    for run in _SPACED_ELLIPSIS.finditer(text):
        dots = [i for i in range(run.start(), run.end()) if text[i] == "."]
        if len(dots) >= 4:
            attached = run.start() > 0 and not text[run.start() - 1].isspace()
            dots.remove(dots[0] if attached else dots[-1])
        inside.update(dots)
    return inside


def _citation_follows(text: str, pos: int) -> bool:
    """A parenthesis closed by the sentence's own end punctuation: a citation after a quotation,
    '"…stairways [...]" (Smith 55).', belongs to the sentence before it."""
    if not text.startswith("(", pos):
        return False
    close = text.find(")", pos, pos + _WINDOW)
    return (
        close > 0
        and "(" not in text[pos + 1 : close]
        and text[close + 1 : close + 2] in (".", "!", "?")
        and len(text[pos:close].split()) <= 6
    )


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans of parentheses that close within the passage (quotations are not protected: see the
    module's docstring for why)."""
    spans = []
    for opening, closing in _QUOTES:
        at = text.find(opening)
        while at >= 0:
            end = text.find(closing, at + 1)
            if end < 0:
                break
            spans.append((at, end + 1))
            at = text.find(opening, end + 1)
    return spans


def _items_after_clauses(text: str, start: int) -> dict[int, int]:
    """Numbered items after ";" or ":", and "1." after a word and ",": the end of each item's
    number -> its start (see _ITEM_AFTER_CLAUSE for the class)."""
    items = {}
    for match in _ITEM_AFTER_CLAUSE.finditer(text, start):
        before = text[match.start() - 1] if match.start() else " "
        if match.group("mark") == "," and (
            match.group("item") != "1." or not (before.isalpha() or before in _CLOSERS)
        ):
            continue  # "…Omar Diaz, 29. Diaz was driving": an age, not an item
        items[match.end("item")] = match.start("item")
    return items


def _list_items(text: str, start: int) -> list[re.Match[str]]:
    """The markers of an inline list that opens the passage ("1. … 2. …", "a) … b) …",
    "• 9. … • 10. …"): consecutive labels of one style, the first at the start. Empty otherwise."""
    found = list(_LIST_MARKER.finditer(text, start))
    if not found or found[0].start() != start:
        return []
    first = found[0]
    items = [first]
    for marker in found[1:]:
        if (
            marker.group("close") == first.group("close")
            and bool(marker.group("bullet")) == bool(first.group("bullet"))
            and _next_label(items[-1].group("label")) == marker.group("label")
        ):
            items.append(marker)
    return items if len(items) >= 2 else []


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
