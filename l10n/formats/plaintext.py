"""Plain-text articles (.txt) -> Documents: blocks found by line shape (title, headings, captions,
hard-wrapped paragraphs), the header's dateline read, sentences located in the source. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from l10n.formats.articlemeta import text_header
from l10n.model import BlockKind, Document
from l10n.patterns import LINK_LINE, PROTECTED_TXT
from l10n.sentences import sentence_spans

if TYPE_CHECKING:
    pass

from l10n.segment import Located, assemble, fold_whitespace, protected_spans

_END_PUNCT = re.compile(r"[.!?…:;][”’\"'»)\]]*$")
_QUOTED_LINE = re.compile(r"^[“\"«‘'].*[”\"»’'][.!?…]*$")
CAPTION_MAX_WORDS = 8


def _is_wrapped(lines: Sequence[str]) -> bool:
    """A hard-wrapped paragraph (e-mail style) rather than separate short lines.

    Lines of similar length (every line but the last at least 75% of the longest, the longest
    50 to 100 characters) where some line ends mid-sentence and the next goes on in lower case.
    CMS exports like the seed put one paragraph per line, so their multi-line blocks (a slogan
    over a call to action) are kept line by line.
    """
    if len(lines) < 2:
        return False
    widths = [len(line.rstrip()) for line in lines]
    longest = max(widths)
    if not 50 <= longest <= 100 or any(w < 0.75 * longest for w in widths[:-1]):
        return False
    return any(
        not _END_PUNCT.search(line.rstrip()) and following.lstrip()[:1].islower()
        for line, following in zip(lines, lines[1:], strict=False)
    )


def _headline_shaped(text: str) -> bool:
    """Short, one line, not closed by a full stop or colon: how titles and standfirsts look."""
    return len(text.split()) <= 40 and not re.search(r"[.:;][”’\"'»)\]]*$", text)


def classify_line(text: str, previous: BlockKind | None, title_seen: bool) -> BlockKind:
    """Kind of a one-line block of plain text from its shape and the block before it.

    The title is the first headline-shaped line and the standfirst the headline-shaped line
    right after it; nothing depends on absolute positions, so inserting a paragraph above
    does not change the kinds (and so the PO comments) of the blocks below.
    """
    text = text.strip()
    if not title_seen and _headline_shaped(text):
        return BlockKind.TITLE
    if previous is BlockKind.TITLE and _headline_shaped(text):
        return BlockKind.STANDFIRST
    if _QUOTED_LINE.match(text):
        return BlockKind.QUOTE
    if LINK_LINE.match(text):
        return BlockKind.PARAGRAPH  # "More information: https://…" is text to click, not a caption
    if len(text.split()) <= CAPTION_MAX_WORDS or not _END_PUNCT.search(text):
        return BlockKind.CAPTION
    return BlockKind.PARAGRAPH


def _sentence_triples(
    text: str, offset: int, protected_pattern: re.Pattern[str]
) -> tuple[tuple[int, int, str], ...]:
    spans = sentence_spans(text, protected_spans(text, protected_pattern))
    return tuple((offset + a, offset + b, fold_whitespace(text[a:b])) for a, b in spans)


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")


def parse_text(slug: str, text: str) -> Document:
    """Plain text: blocks are separated by blank lines; one-line blocks are typed by shape.
    Header lines at the top ("Date: 2011-09-14", "Author: …") are metadata, not text."""
    header, meta = text_header(text)
    lines = _LINE.findall(text)  # not splitlines(): a vertical tab or form feed is no line end
    located: list[Located] = []
    offset = header
    line_no = text.count("\n", 0, header)
    title_seen = False
    while line_no < len(lines):
        if not lines[line_no].strip():
            offset += len(lines[line_no])
            line_no += 1
            continue
        run_start, run_offset = line_no, offset
        while line_no < len(lines) and lines[line_no].strip():
            offset += len(lines[line_no])
            line_no += 1
        run = lines[run_start:line_no]
        if _is_wrapped(run):
            chunk = "".join(run)
            located.append(
                Located(
                    BlockKind.PARAGRAPH, run_start + 1, _sentence_triples(chunk, run_offset, PROTECTED_TXT)
                )
            )
            continue
        line_offset = run_offset
        for k, line in enumerate(run):
            body = line.rstrip("\r\n")
            kind = classify_line(body, located[-1].kind if located else None, title_seen)
            title_seen = title_seen or kind is BlockKind.TITLE
            located.append(
                Located(kind, run_start + k + 1, _sentence_triples(body, line_offset, PROTECTED_TXT))
            )
            line_offset += len(line)
    return assemble(slug, "txt", text, located, meta)
