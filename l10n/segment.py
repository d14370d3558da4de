"""Segmenting: located blocks -> a Document of sentences, and a Document back to text. Pure.

The readers in formats/ find blocks; this module cuts them into sentences (rules in sentences.py),
assembles the Document, applies the ignore rules, lists a template's entries and rebuilds the
text with translations.

A Document covers its source completely: literal text (blank lines, Markdown block syntax, spacing
between sentences) is kept as is, and every sentence records its exact source text. So rebuilding
with no translations gives back the file byte for byte, and a translation replaces only its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from l10n.model import ArticleMeta, Block, BlockKind, CellPlace, Document, Segment, TemplateEntry
from l10n.patterns import PROTECTED_TXT
from l10n.sentences import sentence_spans

# --- sentences --------------------------------------------------------------------------------


def protected_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def split_sentences(text: str) -> list[str]:
    """The sentences of a plain-text passage (convenience for callers and tests)."""
    return [text[a:b] for a, b in sentence_spans(text, protected_spans(text, PROTECTED_TXT))]


def line_offsets(text: str) -> list[int]:
    """Offset of the start of every line, plus len(text) as a sentinel."""
    offsets = [0]
    for match in re.finditer(r"\r\n?|\n", text):  # the line endings markdown-it normalises
        offsets.append(match.end())
    if offsets[-1] != len(text):
        offsets.append(len(text))
    return offsets


def fold_whitespace(text: str) -> str:
    """A line break inside a sentence (a vertical tab too: Word's Shift+Enter, pasted), with the
    indentation around it, becomes one space."""
    return re.sub(r"[ \t]*(?:\r?\n|\r|\x0b)[ \t]*", " ", text)


# --- assembling a Document from located sentences --------------------------------------------


@dataclass(frozen=True)
class Located:
    """A block found in the source: its kind, first line and its sentences as source spans."""

    kind: BlockKind
    line: int
    spans: tuple[tuple[int, int, str], ...]  # (start, end, msgid)
    cell: CellPlace | None = None


def assemble(
    slug: str, fmt: str, text: str, located: Iterable[Located], meta: ArticleMeta | None = None
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
        parts = [p for p in parts if p != ""]
        blocks.append(Block(kind=found.kind, line=found.line, parts=tuple(parts), cell=found.cell))
    return Document(slug=slug, format=fmt, head=head, blocks=tuple(blocks), meta=meta)


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
        in_table = document.format == "md" and block.cell is not None
        for part in block.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            translated = translate(part)
            if not translated or translated == part.msgid:
                out.append(part.source)
            else:
                out.append(markdown_cell_text(translated) if in_table else translated)
    return "".join(out)


_BARE_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")  # a "|" no backslash escapes
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n?|\n)[ \t]*")


def markdown_cell_text(text: str) -> str:
    """A translation as a Markdown table cell holds it: a "|" escaped ("\\|"; the reader shows
    "|") and a line break a space, since either would end the cell or the row and shift every
    cell after it."""
    if "|" in text:
        text = _BARE_PIPE.sub(lambda m: m.group(1) + "\\|", text)
    return _LINE_BREAK.sub(" ", text) if "\n" in text or "\r" in text else text
