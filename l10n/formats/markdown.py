"""Markdown articles (.md) -> Documents through markdown-it: YAML front matter (title, summary,
date), block kinds from the token stream, sentences aligned back to their source spans. Pure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from l10n.formats.articlemeta import checked_date
from l10n.model import ArticleMeta, BlockKind, CellPlace, Document
from l10n.patterns import PROTECTED_MD
from l10n.sentences import sentence_spans

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from l10n.segment import Located, assemble, fold_whitespace, line_offsets, protected_spans

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


def _front_matter(text: str) -> tuple[int, list[Located], ArticleMeta]:
    """Length of a YAML front matter block at the top, its title and summary as located
    sentences, and the article's metadata (title, summary, date, author)."""
    fence = _FRONT_MATTER_FENCE.match(text)
    end = _FRONT_MATTER_END.search(text, fence.end()) if fence else None
    if not fence or not end:
        return 0, [], ArticleMeta()
    length = text.find("\n", end.end())
    length = len(text) if length < 0 else length + 1
    located: list[Located] = []
    values: dict[str, str] = {}
    for found in _FRONT_MATTER_KEY.finditer(text, 0, end.start()):
        key, value = found.group("key"), found.group("value")
        line = text.count("\n", 0, found.start()) + 1
        if not value.strip() or key in values or (key == "description" and "summary" in values):
            continue
        values[key] = checked_date(value, line) if key == "date" else value
        if key in _FRONT_MATTER_TEXT:
            a, b = found.span("value")
            located.append(Located(_FRONT_MATTER_TEXT[key], line, ((a, b, value),)))
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
_ALIGN = re.compile(r"text-align:(left|center|right)")


def cell_places(tokens: Sequence[Token]) -> dict[int, CellPlace]:
    """Each table cell's place, by the index of its th_open/td_open token, so that a Markdown
    table is published as a table (not a list of its cells). GFM tables have one cell per column
    in every row (markdown-it pads short rows), no spans; the first row is the heading row."""
    places: dict[int, CellPlace] = {}
    table = -1
    cells: list[tuple[int, int, int, bool, str]] = []  # token index, row, column, header, align
    row = column = 0
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            table, cells, row = table + 1, [], -1
        elif token.type == "tr_open":
            row, column = row + 1, 0
        elif token.type in ("th_open", "td_open"):
            found = _ALIGN.search(str(token.attrGet("style") or ""))
            cells.append((index, row, column, token.type == "th_open", found.group(1) if found else ""))
            column += 1
        elif token.type == "table_close" and cells:
            rows, columns = row + 1, max(c[2] for c in cells) + 1
            for at, r, c, header, align in cells:
                places[at] = CellPlace(table, r, c, rows=rows, columns=columns, header=header, align=align)
    return places


def parse_markdown(slug: str, text: str) -> Document:
    """Markdown via markdown-it's block tokens: every inline token is a block of sentences.

    Inline Markdown (emphasis, links, code) stays in the msgid; block syntax (#, >, -, 1.) stays in
    the literal parts. Each inline line is located in its source line, so sentence spans map back to
    exact source offsets; code, HTML and rules have no inline tokens and stay literal.
    """
    fm_length, fm_located, meta = _front_matter(text)
    # Blank the front matter but keep its lines so token line numbers match the source.
    body = "\n" * len(re.findall(r"\r\n?|\n", text[:fm_length])) + text[fm_length:]
    line_starts = line_offsets(text)
    located: list[Located] = list(fm_located)
    stack: list[BlockKind] = []
    cursor = 0  # never map a later inline token before an earlier one (table cells share lines)
    title_seen = bool(meta.title)
    heading_tag = ""
    tokens = _markdown_parser().parse(body)
    places, cell = cell_places(tokens), None
    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS:
            stack.append(_CONTAINERS[token.type])
            heading_tag = token.tag if token.type == "heading_open" else heading_tag
            cell = places.get(index, cell)
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in _CONTAINERS:
            stack.pop()
            cell = None if token.type in ("th_close", "td_close") else cell
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
                    Located(kind, token.map[0] + 1, ((*whole, fold_whitespace(content.strip())),), cell)
                )
            continue
        triples = []
        for a, b in sentence_spans(content, protected_spans(content, PROTECTED_MD)):
            triples.append((offsets[a], offsets[b - 1] + 1, fold_whitespace(content[a:b])))
        located.append(Located(kind, token.map[0] + 1, tuple(triples), cell))
    return assemble(slug, "md", text, located, meta)


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
