"""Plain-text and Markdown editions."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from l10n.edition import MARKUP_FORMATS, META_KINDS, Edition, EditionBlock, notice_for
from l10n.formats.markup import tokens, unescape_text
from l10n.model import BlockKind

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@functools.lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    # Imported on first use: a build from cached parses of .txt articles never needs it, and
    # every command starts faster without it.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def plain_inline(markdown: str) -> str:
    """Inline Markdown -> its text (links keep their words, code its content)."""
    tokens = _inline_parser().parseInline(markdown)
    out = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
            elif child.type == "image":
                out.append(child.content)
    return "".join(out)


def render_txt(edition: Edition) -> str:
    """A .txt source keeps its exact layout; a Markdown source becomes plain paragraphs."""
    if edition.source_format == "txt":
        body = edition.body
    else:
        body = (
            "\n\n".join(_plain_block(b.kind, _block_text(edition, b)) for b in _text_blocks(edition)) + "\n"
        )
    notice = f"[{notice_for(edition.lang)}]\n\n" if edition.includes_drafts else ""
    updated = f"{edition.updated}\n\n" if edition.updated else ""
    return notice + updated + body


def _text_blocks(edition: Edition) -> list[EditionBlock]:
    """The blocks that are the article's text (its metadata goes elsewhere)."""
    return [b for b in edition.blocks if b.kind not in META_KINDS]


def _block_text(edition: Edition, block: EditionBlock) -> str:
    text = block.text()
    return plain_inline(text) if edition.source_format == "md" else edition.plain(text)


def _plain_block(kind: BlockKind, text: str) -> str:
    return f"- {text}" if kind is BlockKind.LIST_ITEM else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")


def escape_markdown(text: str) -> str:
    return _escape_line_start(_MD_SPECIAL.sub(r"\\\1", text))


def _escape_line_start(text: str) -> str:
    return re.sub(r"^([#>+-]|\d+[.)])(\s)", r"\\\1\2", text)  # no accidental heading, quote or list


# Compact tags (l10n.formats.markup) with a Markdown spelling; other tags keep their words only.
_MD_MARKS = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"}


def markup_to_markdown(text: str) -> str:
    """An HTML or Word article's sentence in Markdown: emphasis and bold kept, text escaped,
    white space folded; links keep their words (their targets are in the source page)."""
    out = []
    for token in tokens(_SPACE_RUN.sub(" ", text)):
        if not token.is_tag:
            out.append(_MD_SPECIAL.sub(r"\\\1", unescape_text(token.text)))
        elif token.element in _MD_MARKS:
            out.append(_MD_MARKS[token.element])
        elif token.element == "br":
            out.append(" ")
    return _escape_line_start("".join(out))


_MD_PREFIX = {
    BlockKind.TITLE: "# ",
    BlockKind.HEADING: "## ",
    BlockKind.QUOTE: "> ",
    BlockKind.LIST_ITEM: "- ",
}


_FRONT_MATTER = re.compile(
    r"\ufeff?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)


def render_md(edition: Edition) -> str:
    """A Markdown source keeps its own structure; a .txt source is written as Markdown."""
    notice = f"> **{notice_for(edition.lang)}**\n\n" if edition.includes_drafts else ""
    notice += f"*{escape_markdown(edition.updated)}*\n\n" if edition.updated else ""
    if edition.source_format == "md":
        # The notice goes below a YAML front matter: a Markdown file must still start with it.
        front = _FRONT_MATTER.match(edition.body)
        at = front.end() if front else 0
        return edition.body[:at] + ("\n" if front and notice else "") + notice + edition.body[at:]
    blocks = []
    for block in _text_blocks(edition):
        if edition.source_format in MARKUP_FORMATS:
            text = markup_to_markdown(block.text())
        else:
            text = escape_markdown(block.text())
        if block.kind in (BlockKind.STANDFIRST, BlockKind.CAPTION):
            blocks.append(f"*{text}*")
        else:
            blocks.append(_MD_PREFIX.get(block.kind, "") + text)
    return notice + "\n\n".join(blocks) + "\n"
