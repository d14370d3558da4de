"""HTML articles (a CMS's export): the article body -> a Document, and an edition page -> the
original page with the translated text put back. Parsed with selectolax (Lexbor, an HTML5
parser: unclosed tags and stray markup are read as a browser reads them).

One walker serves both directions: extract and build walk the same parse of the same bytes, so
the n-th block found at build is the n-th block of the Document. A block is a run of inline
content (text and inline elements) inside the body: a paragraph, a heading, a list item, a
cell, a caption, or the loose text of a div. Navigation, footers, asides, forms, scripts and
everything outside the body are left as they are (and never translated).

The page written is the source re-serialised by ``htmlout.Serializer`` (not the parser's own
output): what may reach an edition, and how it is escaped, is decided there.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from l10n.formats.articlemeta import checked_date, parse_date
from l10n.formats.htmlout import VOID, PageChanges, Serializer, children, safe_attributes, start_tag
from l10n.formats.markup import escape_text, markup_block, plain, to_html
from l10n.model import ArticleMeta, Block, BlockKind, Document, Segment
from l10n.xmltext import one_line

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

DEFAULT_BODY = ("article", "main", "body")

# Inline elements: kept in the msgid in compact form (l10n.formats.markup).
INLINE = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small span strong "
    "sub sup time u var wbr".split()
)
# Never translated, kept as they are: site furniture and things that are not prose.
_KEEP = frozenset(
    "nav footer aside form button select textarea svg math pre iframe video audio canvas map "
    "object picture noscript template script style noembed noframes xmp".split()
)
# Inside a run but not text: dropped from the msgid (and from the edition).
_SILENT = frozenset({"script", "noscript", "template", "style"})
_KINDS = {
    "p": BlockKind.PARAGRAPH,
    **{f"h{n}": BlockKind.HEADING for n in range(1, 7)},
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
}
# <meta> whose content is the page's title or summary, shown by search engines and when shared.
_META = (
    ('meta[name="description"]', BlockKind.SUMMARY),
    ('meta[property="og:title"]', BlockKind.PAGE_TITLE),
    ('meta[property="og:description"]', BlockKind.SUMMARY),
    ('meta[name="twitter:title"]', BlockKind.PAGE_TITLE),
    ('meta[name="twitter:description"]', BlockKind.SUMMARY),
)
_ONE_SEGMENT = frozenset({BlockKind.PAGE_TITLE, BlockKind.SUMMARY, BlockKind.IMAGE_TEXT})


class BodyNotFound(Exception):
    """The configured body selector matches nothing in the page (caught by the caller, which
    names the file)."""


# --- the walker -------------------------------------------------------------------------------


@dataclass
class Target:
    """A block found in the page: a run of sibling nodes, or a <meta> element's content."""

    kind: BlockKind
    nodes: list[LexborNode]
    attribute: str = ""

    def compact(self, replaced: Mapping[int, tuple[str, str]] | None = None) -> tuple[str, dict[str, str]]:
        """The run as compact text, and each tag's start tag (l10n.formats.markup); ``replaced``: an
        attribute's new value by element (a translated alt text)."""
        if self.attribute:
            return escape_text(self.nodes[0].attributes.get(self.attribute) or ""), {}
        tags: dict[str, str] = {}
        return _encode(self.nodes, {}, tags, replaced or {}), tags


def _tag(node: LexborNode) -> str:
    return node.tag or ""


def _has_block(node: LexborNode) -> bool:
    return any(
        _tag(c) not in INLINE
        and _tag(c) not in _SILENT
        and not _tag(c).startswith(("-", "_"))
        or _has_block(c)
        for c in children(node)
        if c.tag not in ("-text", "-comment")
    )


def _in_run(node: LexborNode) -> bool:
    tag = _tag(node)
    return tag in ("-text", "-comment") or tag in _SILENT or (tag in INLINE and not _has_block(node))


def _encode(
    nodes: Sequence[LexborNode],
    counts: dict[str, int],
    tags: dict[str, str],
    replaced: Mapping[int, tuple[str, str]],
) -> str:
    out = []
    for node in nodes:
        tag = _tag(node)
        if tag == "-text":
            out.append(escape_text(node.text(deep=False) or ""))
            continue
        if tag == "-comment" or tag in _SILENT:
            continue
        attributes = _with_replaced(safe_attributes(tag, node.attributes), replaced.get(node.mem_id))
        name = tag
        if attributes:
            counts[tag] = counts.get(tag, 0) + 1
            name = f"{tag}{counts[tag]}"
        tags[name] = start_tag(tag, attributes)
        if tag in VOID:
            out.append(f"<{name}/>")
        else:
            out.append(f"<{name}>{_encode(list(children(node)), counts, tags, replaced)}</{name}>")
    return "".join(out)


def _with_replaced(
    attributes: list[tuple[str, str | None]], replaced: tuple[str, str] | None
) -> list[tuple[str, str | None]]:
    if replaced is None:
        return attributes
    return [(k, replaced[1] if k == replaced[0] else v) for k, v in attributes]


def _text_of(nodes: Sequence[LexborNode]) -> str:
    return "".join(n.text(deep=True) or "" for n in nodes if n.tag not in _SILENT and n.tag != "-comment")


def body_root(tree: LexborHTMLParser, selector: str) -> LexborNode:
    """The article body: the selector's first match; by default article, else main, else body."""
    for candidate in (selector,) if selector else DEFAULT_BODY:
        found = tree.css_first(candidate)
        if found is not None:
            return found
    raise BodyNotFound(selector or "body")  # the parser always makes a body: only a selector misses


def targets(tree: LexborHTMLParser, selector: str) -> list[Target]:
    """Every block of the page, in order: the head's title and meta texts, then the body's."""
    found: list[Target] = []
    head = tree.head
    if head is not None:
        title = head.css_first("title")
        if title is not None and (title.text() or "").strip():
            found.append(Target(BlockKind.PAGE_TITLE, list(children(title))))
        for css, kind in _META:
            for meta in head.css(css):
                if (meta.attributes.get("content") or "").strip():
                    found.append(Target(kind, [meta], "content"))
    state = {"title": False}
    root = body_root(tree, selector)
    _walk(root, BlockKind.PARAGRAPH, found, state)
    # Images' text alternatives, read aloud by screen readers and shown when an image is missing.
    for image in root.css("img[alt]"):
        if (image.attributes.get("alt") or "").strip() and not _left_alone(image, root):
            found.append(Target(BlockKind.IMAGE_TEXT, [image], "alt"))
    return found


def _left_alone(node: LexborNode, root: LexborNode) -> bool:
    """Whether the node is inside an element the walker leaves alone (nav, aside…)."""
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if _tag(parent) in _KEEP:
            return True
        parent = parent.parent
    return False


def _kind(tag: str, inherited: BlockKind, state: dict[str, bool]) -> BlockKind:
    if tag == "h1" and not state["title"]:
        state["title"] = True
        return BlockKind.TITLE
    if tag in _KINDS and not (tag == "p" and inherited is not BlockKind.PARAGRAPH):
        return _KINDS[tag]
    return inherited  # a <p> in a quote or a list item, a <div> in a cell


def _walk(element: LexborNode, kind: BlockKind, found: list[Target], state: dict[str, bool]) -> None:
    run: list[LexborNode] = []

    def flush() -> None:
        if run and _text_of(run).strip():
            found.append(Target(kind, list(run)))
        run.clear()

    for child in children(element):
        if _in_run(child):
            run.append(child)
            continue
        flush()
        tag = _tag(child)
        if tag not in _KEEP and not tag.startswith(("-", "_")):
            _walk(child, _kind(tag, kind, state), found, state)
    flush()


# --- HTML -> Document -------------------------------------------------------------------------


def parse_tree(data: str) -> LexborHTMLParser:
    from selectolax.lexbor import LexborHTMLParser  # on first use: only HTML articles need it

    return LexborHTMLParser(data)


def _block(number: int, target: Target) -> Block:
    text, _ = target.compact()
    return markup_block(number, target.kind, text, one_segment=target.kind in _ONE_SEGMENT)


def parse_html(slug: str, text: str, selector: str = "") -> Document:
    """An HTML page's translatable text as a Document (``head`` is empty: the page itself is
    re-read when an edition is built)."""
    tree = parse_tree(text)
    blocks = tuple(_block(n, t) for n, t in enumerate(targets(tree, selector), start=1))
    return Document(slug=slug, format="html", head="", blocks=blocks, meta=page_meta(tree, blocks))


def _meta_value(tree: LexborHTMLParser, *selectors: str) -> str:
    for css in selectors:
        node = tree.css_first(css)
        if node is not None:
            value = node.attributes.get("content") or node.attributes.get("datetime") or ""
            if value.strip():
                return value.strip()
    return ""


def page_meta(tree: LexborHTMLParser, blocks: Sequence[Block]) -> ArticleMeta:
    """Title and summary (the msgids of their blocks), date and author, from the page's own
    metadata: <time datetime> in the article or schema/Open Graph <meta>."""
    title = next((b.segments[0].msgid for b in blocks if b.kind is BlockKind.TITLE), "")
    title = title or next((b.segments[0].msgid for b in blocks if b.kind is BlockKind.PAGE_TITLE), "")
    summary = next((b.segments[0].msgid for b in blocks if b.kind is BlockKind.SUMMARY), "")
    # A date the page declares that is not ISO 8601 ("Sept 14, 2011") is the same one-line error
    # as in front matter; a <time> is only a guess, so the first that is a date is taken.
    date = checked_date(
        _meta_value(
            tree,
            'meta[property="article:published_time"]',
            'meta[itemprop="datePublished"]',
            'meta[name="date"]',
            'meta[name="dcterms.date"]',
        )
    )
    if not date:
        times = (node.attributes.get("datetime") or "" for node in tree.css("time[datetime]"))
        date = next((value.strip() for value in times if parse_date(value)), "")
    author = _meta_value(tree, 'meta[name="author"]', 'meta[property="article:author"]')
    return ArticleMeta(title=plain(title), summary=summary, date=date, author=one_line(author))


# --- Document + translations -> the edition page ------------------------------------------------

Piece = Callable[[Segment, Mapping[str, str]], str]  # a sentence's translation as HTML


def edition_page(
    text: str,
    selector: str,
    blocks: Sequence[Block],
    piece: Piece,
    plain_piece: Callable[[Segment], str],
    changes: PageChanges,
) -> str:
    """The source page with every block's sentences replaced: ``piece`` gives a sentence as
    HTML (from its compact translation and the block's start tags), ``plain_piece`` as text
    (titles and meta content)."""
    tree = parse_tree(text)
    found = targets(tree, selector)
    if len(found) != len(blocks):  # the parse cache and the page disagree: never expected
        raise ValueError("the page's blocks changed since it was parsed")
    pairs = list(zip(found, blocks, strict=True))
    for target, block in pairs:  # attributes first: an image in a paragraph takes its new alt
        if target.attribute:
            value = "".join(plain_piece(p) if isinstance(p, Segment) else p for p in block.parts)
            changes.attributes[target.nodes[0].mem_id] = (target.attribute, value.strip())
    for target, block in pairs:
        first = target.nodes[0].mem_id
        if target.attribute:
            continue
        _, tags = target.compact(changes.attributes)
        if block.kind is BlockKind.IGNORED:
            new = ""
        elif target.kind is BlockKind.PAGE_TITLE:
            new = "".join(html.escape(plain_piece(p) if isinstance(p, Segment) else p) for p in block.parts)
        else:
            new = "".join(piece(p, tags) if isinstance(p, Segment) else to_html(p, tags) for p in block.parts)
        changes.runs[first] = new
        changes.hidden.update(n.mem_id for n in target.nodes[1:])
    changes.root = body_root(tree, selector).mem_id
    place = tree.css_first(changes.switcher_selector) if changes.switcher_selector else None
    changes.switcher_at = place.mem_id if place is not None else changes.root
    return "<!DOCTYPE html>\n" + Serializer(changes).document(tree)


def is_selector(value: str) -> bool:
    """Whether the HTML reader can read ``value`` as a CSS selector ([extract] html_body,
    [publish] switcher_selector)."""
    from selectolax.lexbor import LexborHTMLParser

    try:
        LexborHTMLParser("<p></p>").css_first(value)
    except Exception:  # selectolax raises its own error types for a selector it cannot read
        return False
    return True
