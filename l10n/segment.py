"""Articles -> Documents of typed blocks and sentences, and back. Pure: text in, data out.

A Document covers its source completely: literal text (blank lines, Markdown block syntax, spacing
between sentences) is kept as is, and every sentence records its exact source text. So rebuilding
with no translations gives back the file byte for byte, and a translation replaces only its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from l10n.articlemeta import checked_date, text_header
from l10n.model import ArticleMeta, Block, BlockKind, Document, Segment, TemplateEntry
from l10n.patterns import LINK_LINE, PROTECTED_MD, PROTECTED_TXT
from l10n.sentences import sentence_spans

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# --- sentences --------------------------------------------------------------------------------


def _protected_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def split_sentences(text: str) -> list[str]:
    """The sentences of a plain-text passage (convenience for callers and tests)."""
    return [text[a:b] for a, b in sentence_spans(text, _protected_spans(text, PROTECTED_TXT))]


def fold_whitespace(text: str) -> str:
    """A line break inside a sentence (a vertical tab too: Word's Shift+Enter, pasted), with the
    indentation around it, becomes one space."""
    return re.sub(r"[ \t]*(?:\r?\n|\r|\x0b)[ \t]*", " ", text)


# --- assembling a Document from located sentences --------------------------------------------


@dataclass(frozen=True)
class _Located:
    """A block found in the source: its kind, first line and its sentences as source spans."""

    kind: BlockKind
    line: int
    spans: tuple[tuple[int, int, str], ...]  # (start, end, msgid)


def _assemble(
    slug: str, fmt: str, text: str, located: Iterable[_Located], meta: ArticleMeta | None = None
) -> Document:
    """Cut ``text`` into head + blocks so that every character lands in exactly one part."""
    blocks_found = [b for b in located if b.spans]
    meta = meta or ArticleMeta()
    if not blocks_found:
        return Document(slug=slug, format=fmt, head=text, blocks=(), meta=meta)
    head = text[: blocks_found[0].spans[0][0]]
    blocks: list[Block] = []
    for index, found in enumerate(blocks_found):
        parts: list[str | Segment] = []
        for number, (start, end, msgid) in enumerate(found.spans):
            if number:
                parts.append(text[found.spans[number - 1][1] : start])
            parts.append(Segment(msgid=msgid, source=text[start:end]))
        following = blocks_found[index + 1].spans[0][0] if index + 1 < len(blocks_found) else len(text)
        parts.append(text[found.spans[-1][1] : following])
        blocks.append(Block(kind=found.kind, line=found.line, parts=tuple(p for p in parts if p != "")))
    return Document(slug=slug, format=fmt, head=head, blocks=tuple(blocks), meta=meta)


# --- plain text --------------------------------------------------------------------------------

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
    spans = sentence_spans(text, _protected_spans(text, protected_pattern))
    return tuple((offset + a, offset + b, fold_whitespace(text[a:b])) for a, b in spans)


def _line_offsets(text: str) -> list[int]:
    """Offset of the start of every line, plus len(text) as a sentinel."""
    offsets = [0]
    for match in re.finditer(r"\r\n?|\n", text):  # the line endings markdown-it normalises
        offsets.append(match.end())
    if offsets[-1] != len(text):
        offsets.append(len(text))
    return offsets


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")


def parse_text(slug: str, text: str) -> Document:
    """Plain text: blocks are separated by blank lines; one-line blocks are typed by shape.
    Header lines at the top ("Date: 2011-09-14", "Author: …") are metadata, not text."""
    header, meta = text_header(text)
    lines = _LINE.findall(text)  # not splitlines(): a vertical tab or form feed is no line end
    located: list[_Located] = []
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
                _Located(
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
                _Located(kind, run_start + k + 1, _sentence_triples(body, line_offset, PROTECTED_TXT))
            )
            line_offset += len(line)
    return _assemble(slug, "txt", text, located, meta)


# --- Markdown ----------------------------------------------------------------------------------

_FRONT_MATTER_FENCE = re.compile(r"---[ \t]*\r?\n")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_FRONT_MATTER_KEY = re.compile(
    r"^(?P<key>title|summary|description|date|author):[ \t]*(?P<q>[\"']?)(?P<value>.*?)(?P=q)[ \t]*\r?$",
    re.MULTILINE,
)
# Front matter keys whose values are translated, and the kind of their entry.
_FRONT_MATTER_TEXT = {
    "title": BlockKind.TITLE,
    "summary": BlockKind.SUMMARY,
    "description": BlockKind.SUMMARY,
}


def _front_matter(text: str) -> tuple[int, list[_Located], ArticleMeta]:
    """Length of a YAML front matter block at the top, its title and summary as located
    sentences, and the article's metadata (title, summary, date, author)."""
    fence = _FRONT_MATTER_FENCE.match(text)
    end = _FRONT_MATTER_END.search(text, fence.end()) if fence else None
    if not fence or not end:
        return 0, [], ArticleMeta()
    length = text.find("\n", end.end())
    length = len(text) if length < 0 else length + 1
    located: list[_Located] = []
    values: dict[str, str] = {}
    for found in _FRONT_MATTER_KEY.finditer(text, 0, end.start()):
        key, value = found.group("key"), found.group("value")
        line = text.count("\n", 0, found.start()) + 1
        if not value.strip() or key in values or (key == "description" and "summary" in values):
            continue
        values[key] = checked_date(value, line) if key == "date" else value
        if key in _FRONT_MATTER_TEXT:
            a, b = found.span("value")
            located.append(_Located(_FRONT_MATTER_TEXT[key], line, ((a, b, value),)))
    meta = ArticleMeta(
        title=values.get("title", ""),
        summary=values.get("summary", values.get("description", "")),
        date=values.get("date", ""),
        author=values.get("author", ""),
    )
    return length, located, meta


def _markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # on first use: only Markdown articles not in the cache need it

    return MarkdownIt("commonmark").enable("table")


_CONTAINERS = {
    "blockquote_open": BlockKind.QUOTE,
    "list_item_open": BlockKind.LIST_ITEM,
    "th_open": BlockKind.TABLE_CELL,
    "td_open": BlockKind.TABLE_CELL,
    "heading_open": BlockKind.HEADING,
}
_IMAGE_ONLY = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def parse_markdown(slug: str, text: str) -> Document:
    """Markdown via markdown-it's block tokens: every inline token is a block of sentences.

    Inline Markdown (emphasis, links, code) stays in the msgid; block syntax (#, >, -, 1.) stays in
    the literal parts. Each inline line is located in its source line, so sentence spans map back to
    exact source offsets; code, HTML and rules have no inline tokens and stay literal.
    """
    fm_length, fm_located, meta = _front_matter(text)
    # Blank the front matter but keep its lines so token line numbers match the source.
    body = "\n" * len(re.findall(r"\r\n?|\n", text[:fm_length])) + text[fm_length:]
    line_starts = _line_offsets(text)
    located: list[_Located] = list(fm_located)
    stack: list[BlockKind] = []
    cursor = 0  # never map a later inline token before an earlier one (table cells share lines)
    title_seen = bool(meta.title)
    heading_tag = ""
    for token in _markdown_parser().parse(body):
        if token.type in _CONTAINERS:
            stack.append(_CONTAINERS[token.type])
            heading_tag = token.tag if token.type == "heading_open" else heading_tag
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in _CONTAINERS:
            stack.pop()
        if token.type != "inline" or not token.content.strip() or token.map is None:
            continue
        kind = stack[-1] if stack else BlockKind.PARAGRAPH
        if kind is BlockKind.HEADING and token.level == 1 and not title_seen and heading_tag == "h1":
            kind = BlockKind.TITLE
        if kind is BlockKind.PARAGRAPH and _IMAGE_ONLY.fullmatch(token.content.strip()):
            kind = BlockKind.IMAGE
        title_seen = title_seen or kind is BlockKind.TITLE
        content = token.content
        try:
            offsets, cursor = _map_inline(text, line_starts, token.map[0], content, cursor)
        except _Unaligned:
            # markdown-it rewrote this block beyond what the aligner follows: it is one entry,
            # its whole source lines, rather than a stop for every article of the run.
            whole, cursor = _whole_lines(text, line_starts, token.map, cursor)
            if whole is not None:
                located.append(
                    _Located(kind, token.map[0] + 1, ((*whole, fold_whitespace(content.strip())),))
                )
            continue
        triples = []
        for a, b in sentence_spans(content, _protected_spans(content, PROTECTED_MD)):
            triples.append((offsets[a], offsets[b - 1] + 1, fold_whitespace(content[a:b])))
        located.append(_Located(kind, token.map[0] + 1, tuple(triples)))
    return _assemble(slug, "md", text, located, meta)


def _whole_lines(
    text: str, line_starts: list[int], line_map: list[int], cursor: int
) -> tuple[tuple[int, int] | None, int]:
    """The source span of a block's lines (from its first character that is not layout, at or
    after ``cursor``, to the end of its last line), and the new cursor."""
    start = max(line_starts[line_map[0]] if line_map[0] < len(line_starts) else len(text), cursor)
    end_line = line_map[1]
    end = line_starts[end_line] if end_line < len(line_starts) else len(text)
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    while start < end and text[start] in _LAYOUT:
        start += 1
    if start >= end:
        return None, cursor
    return (start, end), end


def _map_inline(
    text: str, line_starts: list[int], first_line: int, content: str, cursor: int
) -> tuple[list[int], int]:
    """Source offset of every character of an inline token's content.

    markdown-it strips container markers and indentation from each line, so each content line is
    usually a substring of its source line: found there, at or after ``cursor``. Where it is not
    (a tab expanded to spaces, a table's escaped pipe "\\|", a vertical tab or form feed read as
    indentation) it is aligned character by character.
    """
    offsets: list[int] = []
    for k, piece in enumerate(content.split("\n")):
        line_index = first_line + k
        line_start = line_starts[line_index] if line_index < len(line_starts) else len(text)
        line_end = line_starts[line_index + 1] if line_index + 1 < len(line_starts) else len(text)
        start = max(line_start, cursor)
        found = text.find(piece, start, line_end) if piece else start
        mapped = (
            list(range(found, found + len(piece))) if found >= 0 else _align(text, start, line_end, piece)
        )
        if mapped is None:
            raise _Unaligned(line_index + 1)
        offsets.extend(mapped)
        cursor = (mapped[-1] + 1) if mapped else start
        offsets.append(cursor)  # the "\n" joining content lines maps to the end of this line's text
    return offsets, cursor


class _Unaligned(Exception):
    """A Markdown line markdown-it rewrote beyond what the aligner follows (caught by the parser,
    which then keeps the block's whole lines as one entry)."""


_LAYOUT = " \t\f\v\x1c\x1d\x1e\x1f\x85\u2028\u2029"  # what markdown-it may drop or expand


def _align(text: str, start: int, end: int, piece: str) -> list[int] | None:
    """Source offsets of ``piece`` in text[start:end], allowing the source extra layout
    characters and backslashes before the characters they escape, and the piece spaces the
    source wrote as a tab. None when it cannot be aligned."""
    first = next((c for c in piece if c not in _LAYOUT), None)
    if first is None:
        return [start] * len(piece)
    at = start
    while at < end:
        candidates = [p for p in (text.find(first, at, end), text.find("\\" + first, at, end)) if p >= 0]
        if not candidates:
            return None
        at = min(candidates)
        mapped = _align_from(text, at, end, piece)
        if mapped is not None:
            return mapped
        at += 1
    return None


def _align_from(text: str, j: int, end: int, piece: str) -> list[int] | None:
    mapped: list[int] = []
    for ch in piece:
        while j < end and text[j] != ch:
            if text[j] == "\\" and j + 1 < end and text[j + 1] == ch:
                j += 1  # an escape: the character itself is what the reader sees
            elif text[j] in _LAYOUT:
                j += 1
            else:
                break
        if j < end and text[j] == ch:
            mapped.append(j)
            j += 1
        elif ch in _LAYOUT:
            mapped.append(j - 1 if j > 0 else j)  # a space markdown-it made of a tab
        else:
            return None
    return mapped


def parse_document(
    slug: str, text: str, fmt: str, ignore: Sequence[re.Pattern[str]] = (), html_body: str = ""
) -> Document:
    """Parse a text article (txt, md or html; ``html_body``: the CSS selector of an HTML
    article's body) and apply the ignore rules."""
    if fmt == "html":
        from l10n.formats.html import parse_html  # HTML articles only: the parser is a C extension

        document = parse_html(slug, text, html_body)
    else:
        document = parse_markdown(slug, text) if fmt == "md" else parse_text(slug, text)
    return apply_ignore(document, ignore)


def apply_ignore(document: Document, ignore: Sequence[re.Pattern[str]]) -> Document:
    """Blocks whose text matches an ignore rule (CMS boilerplate such as "Leave a Reply")
    become IGNORED: not extracted, left out of editions."""
    if not ignore:
        return document
    return replace(document, blocks=tuple(_apply_ignore(block, ignore) for block in document.blocks))


def _apply_ignore(block: Block, ignore: Sequence[re.Pattern[str]]) -> Block:
    text = " ".join(segment.msgid for segment in block.segments)
    return replace(block, kind=BlockKind.IGNORED) if any(rule.search(text) for rule in ignore) else block


# --- from a Document: templates and rebuilt text --------------------------------------------


def sentence_contexts(document: Document) -> list[tuple[Segment, str]]:
    """Every sentence with its context for translators: block kind and place in the block.

    Only positions within a block are given, never the block's number: inserting a paragraph
    must not change the comments of every entry after it.
    """
    result: list[tuple[Segment, str]] = []
    for block in document.blocks:
        if block.kind is BlockKind.IGNORED:
            continue
        segments = block.segments
        for number, segment in enumerate(segments, start=1):
            context = block.kind.value
            if len(segments) > 1:
                context += f", sentence {number} of {len(segments)}"
            result.append((segment, context))
    return result


def template_entries(document: Document) -> list[TemplateEntry]:
    """Unique sentences in document order; a repeated sentence is one entry with all contexts."""
    contexts: dict[str, list[str]] = {}
    for segment, context in sentence_contexts(document):
        seen = contexts.setdefault(segment.msgid, [])
        if context not in seen:
            seen.append(context)
    return [TemplateEntry(msgid=msgid, contexts=tuple(ctx)) for msgid, ctx in contexts.items()]


def rebuild(
    document: Document,
    translate: Callable[[Segment], str | None] = lambda s: None,
    drop_ignored: bool = False,
) -> str:
    """Join the document back together, each sentence replaced by its translation if it has one.

    A missing translation, or one equal to the msgid, gives the sentence's exact source text, so
    identity translations reproduce the file byte for byte (line wrapping included). With
    ``drop_ignored``, ignored blocks are left out (with the spacing after them).
    """
    out = [document.head]
    for block in document.blocks:
        if drop_ignored and block.kind is BlockKind.IGNORED:
            continue
        for part in block.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            translated = translate(part)
            out.append(part.source if not translated or translated == part.msgid else translated)
    return "".join(out)
