"""HTML editions: standalone pages (no external assets), bilingual pages and the index.

All text goes through ``inline()`` (or ``html.escape`` for attributes): raw HTML in a source or a
translation is shown as text, never run. Markdown inline syntax is rendered by markdown-it with
HTML disabled.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from l10n.edition import (
    MARKUP_FORMATS,
    META_KINDS,
    SOURCE,
    UNREVIEWED,
    Edition,
    EditionBlock,
    Piece,
    notice_for,
)
from l10n.formats.html import edition_page
from l10n.formats.htmlout import PageChanges
from l10n.formats.markup import NUMBERED_TAG, TAG, plain, to_html
from l10n.language.languages import SOURCE_LANGUAGE, text_direction
from l10n.model import BlockKind, Segment
from l10n.render.feeds import url
from l10n.render.links import linked_text, linkify
from l10n.render.tables import table_html

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@functools.lru_cache(maxsize=1)
def _md_parser() -> MarkdownIt:
    # Imported on first use: a build from cached parses of .txt articles never needs it, and
    # every command starts faster without it.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --accent: #8a1c1c; --draft: #fff4cc; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 1.125rem/1.65 Georgia, "Times New Roman", "DejaVu Serif", serif; overflow-wrap: break-word; }
main, nav.languages, header.site { max-width: 42rem; margin: 0 auto; padding: 0 1.25rem; }
header.site { font: 0.9rem/1.4 system-ui, sans-serif; color: var(--muted); padding-top: 1rem; }
nav.languages { font: 0.95rem/1.4 system-ui, sans-serif; padding-top: .5rem; }
nav.languages a, nav.languages strong { margin-right: .75rem; }
a { color: var(--accent); }
h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; }
.dateline, .byline { font: .9rem/1.4 system-ui, sans-serif; color: var(--muted); }
.standfirst { font-size: 1.25rem; color: var(--muted); }
.caption { font: italic .95rem/1.5 system-ui, sans-serif; color: var(--muted); \
border-left: 3px solid var(--rule); padding-left: .75rem; }
blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 4px solid var(--accent); font-size: 1.2rem; }
img { max-width: 100%; height: auto; }
.note { font: .9rem/1.45 system-ui, sans-serif; color: var(--muted); }
.notice { background: var(--draft); border: 1px solid #e0c060; padding: .75rem 1rem; \
font: .95rem/1.4 system-ui, sans-serif; }
.draft { background: var(--draft); }
.untranslated { color: var(--muted); }
table.index, table.bilingual { border-collapse: collapse; \
width: 100%; font: .95rem/1.45 system-ui, sans-serif; }
table.index th, table.index td { border-bottom: 1px solid var(--rule); \
padding: .4rem .5rem; text-align: left; vertical-align: top; }
main.wide, nav.languages.wide { max-width: 72rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; \
border-bottom: 1px solid var(--rule); padding: .5rem 0; }
.pair > div { min-width: 0; }
.pair .en { color: var(--muted); }
@media (max-width: 700px) { .pair { grid-template-columns: 1fr; gap: .25rem; } body { font-size: 1rem; } }
@media (max-width: 600px) {
  table.index, table.index tbody, table.index tr, table.index th, table.index td { display: block; }
  table.index thead { display: none; }
  table.index tr { border-bottom: 2px solid var(--rule); padding: .5rem 0; }
  table.index td { border: 0; padding: .15rem 0; }
  table.index td::before { content: attr(data-lang) ": "; color: var(--muted); }
}
@media print {
  nav.languages, header.site { display: none; }
  body { font-size: 11pt; color: #000; }
  a { color: #000; text-decoration: none; }
  .draft { background: none; text-decoration: underline dotted; }
  .pair { break-inside: avoid; }
}
"""


# An HTML article's edition keeps the site's own style sheet; this marks its drafts.
DRAFT_STYLE = (
    "<style>.l10n-draft { background: #fff4cc; } .l10n-notice { background: #fff4cc; "
    "border: 1px solid #e0c060; padding: .75rem 1rem; }</style>\n"
)
# ... and styles its language switcher (scoped: the site's own styles stay as they are).
SWITCHER_STYLE = (
    "<style>nav.l10n-languages { font: .95rem/1.4 system-ui, sans-serif; margin: .5rem 0 1rem; "
    "display: flex; flex-wrap: wrap; gap: .25rem .75rem; } nav.l10n-languages a, "
    "nav.l10n-languages strong { white-space: nowrap; }</style>\n"
)
# A page with unreviewed drafts in it: readers may see it, search engines must not list it.
NOINDEX = '<meta name="robots" content="noindex">\n'


def html_lang(code: str) -> str:
    """gettext code -> BCP 47 (kk_Latn -> kk-Latn) for lang and hreflang attributes."""
    return code.replace("_", "-")


def inline(text: str, fmt: str, links: Sequence[tuple[str, str]] = ()) -> str:
    """A sentence of a ``fmt`` article as HTML: Markdown rendered with HTML disabled, an HTML or
    Word article's compact markup with its bare tags only (em, b, br…: no attributes) and the
    links whose targets its block gives (``links``: "a1" -> URL; web and mail addresses only),
    plain text escaped; bare URLs become links."""
    if fmt == "md":
        return linkify(_md_parser().renderInline(text))
    if fmt in MARKUP_FORMATS:
        starts = link_start_tags(links)

        def keep_links(match: re.Match[str]) -> str:
            tag = TAG.fullmatch(match.group(0))
            return match.group(0) if tag is not None and tag.group(2) + tag.group(3) in starts else ""

        # Any other tag with attributes (<span2>, <img3/>) needs its source: its words stay, it goes.
        return linkify(to_html(NUMBERED_TAG.sub(keep_links, text), starts))
    return linked_text(text)


# Where a Word article's link may point in its HTML edition.
_LINK_SCHEMES = ("http://", "https://", "mailto:")


# A Word note's number (l10n.formats.wordstories): "#fn-2" refers to a note, "fn-2" is its own mark.
# Up to 7 digits: more notes than a package within wordsafety's limits can hold (a number past
# the pattern would lose its reference), and an endnote's Roman label stays short ("m" per 1000).
_NOTE_TARGET = re.compile(r"(#?)(fn|en)-([1-9][0-9]{0,6})")


def link_start_tags(links: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Compact link names -> their start tags, for targets that are web or mail addresses (a
    ``javascript:`` or ``file:`` target keeps its words, not its link); a Word note's tag ->
    its number, linked to the note (a reference) or the note's anchor (its own mark)."""
    starts = {
        name: f'<a href="{html.escape(url)}">'
        for name, url in links
        if name.startswith("a") and url.strip().lower().startswith(_LINK_SCHEMES)
    }
    for name, target in links:
        note = _NOTE_TARGET.fullmatch(target) if name.startswith("note") else None
        if note is not None:
            hash_, kind, number = note.groups()
            label = str(number) if kind == "fn" else _roman(int(number))
            anchor = f"{kind}-{number}"
            starts[name] = (
                f'<sup class="noteref"><a href="#{anchor}" id="ref-{anchor}">{label}</a></sup>'
                if hash_
                else f'<sup id="{anchor}"><a href="#ref-{anchor}">{label}</a></sup>'
            )
    return starts


def _roman(number: int) -> str:
    """Word's endnote numbers: i, ii, iii, iv… (lower-case Roman)."""
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, number = divmod(number, value)
        out += letters * count
    return out


def _piece(piece: Piece, fmt: str, lang: str, links: Sequence[tuple[str, str]] = ()) -> str:
    body = inline(piece.text, fmt, links)
    if piece.state == UNREVIEWED:
        return f'<span class="draft" title="{html.escape(notice_for(lang))}">{body}</span>'
    if piece.state == SOURCE:
        return f'<span class="untranslated" lang="en">{body}</span>'
    return body


def block_html(block: EditionBlock, fmt: str, lang: str) -> str:
    """Pieces rendered and escaped one by one, joined by their separators: plain text (spaces),
    escaped; in an HTML or Word article they may hold a tag no sentence holds (a note's mark or
    number, a picture), drawn as a sentence's tags are (a note's number) or dropped, never shown."""
    pieces = [_piece(p, fmt, lang, block.links) for p in block.pieces]
    if fmt not in MARKUP_FORMATS:
        return replace(block, separators=tuple(html.escape(sep) for sep in block.separators)).join(pieces)
    around = [
        inline(text, fmt, block.links) if TAG.search(text) else html.escape(text) for text in block.separators
    ]
    lead, tail = (
        inline(text, fmt, block.links) if TAG.search(text) else "" for text in (block.lead, block.tail)
    )
    return lead + replace(block, separators=tuple(around)).join(pieces) + tail


_TAGS = {
    BlockKind.TITLE: ("<h1>", "</h1>"),
    BlockKind.HEADING: ("<h2>", "</h2>"),
    BlockKind.STANDFIRST: ('<p class="standfirst">', "</p>"),
    BlockKind.CAPTION: ('<p class="caption">', "</p>"),
    BlockKind.QUOTE: ("<blockquote><p>", "</p></blockquote>"),
    BlockKind.IMAGE: ('<p class="image">', "</p>"),
    BlockKind.NOTE: ('<p class="note">', "</p>"),
}


def body_html(edition: Edition, dateline: str) -> str:
    out: list[str] = []
    open_list = False
    blocks = [b for b in edition.blocks if b.kind not in META_KINDS]
    for number, block in enumerate(blocks):
        if block.cell is not None:  # a Word or Markdown table: written whole at its first cell
            previous = blocks[number - 1].cell if number else None
            if previous is None or previous.table != block.cell.table:
                cell_html = functools.partial(block_html, fmt=edition.source_format, lang=edition.lang)
                out.append(("</ul>\n" if open_list else "") + table_html(blocks[number:], cell_html))
                open_list = False
            continue
        content = block_html(block, edition.source_format, edition.lang)
        is_item = block.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE_CELL)
        if is_item and not open_list:
            out.append("<ul>")
        if not is_item and open_list:
            out.append("</ul>")
        open_list = is_item
        if is_item:
            out.append(f"<li>{content}</li>")
            continue
        start, end = _TAGS.get(block.kind, ("<p>", "</p>"))
        out.append(f"{start}{content}{end}")
        if block.kind is BlockKind.TITLE and dateline:
            out.append(f'<p class="dateline">{html.escape(dateline)}</p>')
        if block.kind is BlockKind.TITLE and edition.document.meta.author:
            out.append(f'<p class="byline">{html.escape(edition.document.meta.author)}</p>')
        if block.kind is BlockKind.TITLE and edition.updated:
            out.append(f'<p class="dateline updated">{html.escape(edition.updated)}</p>')
        if block.kind is BlockKind.TITLE and edition.credit:
            out.append(f'<p class="dateline credit">{html.escape(edition.credit)}</p>')
    if open_list:
        out.append("</ul>")
    return "\n".join(out)


@dataclass(frozen=True)
class Alternate:
    """A language's page of the article: ``href`` from a sibling page, ``path`` from the
    editions folder; a ``draft`` page is in the switcher but not among the hreflang links."""

    lang: str
    label: str
    href: str
    path: str = ""
    draft: bool = False


@dataclass(frozen=True)
class Site:
    """Where the page is: its own path in the editions folder, and the site's address
    (``[publish] site_url``; "" for relative links)."""

    path: str = ""
    url: str = ""


def alternate_links(alternates: Sequence[Alternate], site: Site = Site()) -> str:
    """<link rel="alternate" hreflang> for every ready language of the article, and x-default:
    the English original, for readers whose language has no edition. With a site address they
    are absolute (as search engines ask), with a canonical link to the page itself."""

    def address(alt: Alternate) -> str:
        return url(site.url, alt.path) if site.url and alt.path else alt.href

    ready = [a for a in alternates if not a.draft]
    links = [(html_lang(a.lang), address(a)) for a in ready]
    links += [("x-default", address(a)) for a in ready if a.lang == SOURCE_LANGUAGE]
    canonical = (
        f'<link rel="canonical" href="{html.escape(url(site.url, site.path))}">\n'
        if site.url and site.path
        else ""
    )
    return canonical + "".join(
        f'<link rel="alternate" hreflang="{lang}" href="{html.escape(href)}">\n' for lang, href in links
    )


def page(
    lang: str,
    title: str,
    body: str,
    alternates: Sequence[Alternate] = (),
    nav: str = "",
    wide: bool = False,
    description: str = "",
    site: Site = Site(),
    drafts: bool = False,
) -> str:
    main_attr = ' class="wide"' if wide else ""
    summary = f'<meta name="description" content="{html.escape(description)}">\n' if description else ""
    robots = NOINDEX if drafts else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="l10n">\n{robots}<title>{html.escape(title)}</title>\n{summary}'
        f"{alternate_links(alternates, site)}<style>{CSS}</style>\n</head>\n<body>\n{nav}"
        f"<main{main_attr}>\n{body}\n</main>\n</body>\n</html>\n"
    )


def language_nav(
    current: str, alternates: Sequence[Alternate], index_href: str, css: str = "languages"
) -> str:
    """The language switcher: the index, then every language's page (the current one marked)."""
    items = (
        [f'<a href="{html.escape(index_href)}" aria-label="Index" title="Index">⌂</a>'] if index_href else []
    )
    for alt in alternates:
        label = html.escape(alt.label)
        if alt.lang == current:
            items.append(f'<strong aria-current="page">{label}</strong>')
        else:
            items.append(
                f'<a href="{html.escape(alt.href)}" hreflang="{html_lang(alt.lang)}" '
                f'lang="{html_lang(alt.lang)}">{label}</a>'
            )
    return f'<nav class="{css}" aria-label="Languages">{" ".join(items)}</nav>\n'


def render_html(
    edition: Edition,
    alternates: Sequence[Alternate],
    index_href: str,
    dateline: str,
    site: Site = Site(),
    article: str | None = None,
) -> str:
    """A plain-text or Markdown article's page; ``article``: its ``body_html`` when the caller
    has it already (a build makes it once, for the page and the feed)."""
    notice = (
        f'<p class="notice" role="note">{html.escape(notice_for(edition.lang))}</p>\n'
        if edition.includes_drafts
        else ""
    )
    nav = language_nav(edition.lang, alternates, index_href)
    body = notice + (body_html(edition, dateline) if article is None else article)
    drafts = edition.includes_drafts
    return page(
        edition.lang,
        edition.title,
        body,
        alternates,
        nav,
        description=edition.summary,
        site=site,
        drafts=drafts,
    )


def _page_notes(edition: Edition) -> str:
    """What an HTML article's edition says above its text: that it holds drafts, that it was
    corrected (the page keeps its own byline and date)."""
    notes = ""
    if edition.includes_drafts:
        notes += f'<p class="l10n-notice" role="note">{html.escape(notice_for(edition.lang))}</p>\n'
    if edition.updated:
        notes += f'<p class="l10n-updated">{html.escape(edition.updated)}</p>\n'
    if edition.credit:
        notes += f'<p class="l10n-credit">{html.escape(edition.credit)}</p>\n'
    return notes


@dataclass(frozen=True)
class PageSettings:
    """Where an HTML article's edition puts things: the article body (``[extract] html_body``)
    and the language switcher (``[publish] switcher_selector``: "" for the top of the body)."""

    body: str = ""
    switcher: str = ""


def render_source_page(
    edition: Edition,
    source: str,
    where: PageSettings,
    alternates: Sequence[Alternate],
    locale: str,
    site: Site = Site(),
) -> str:
    """An HTML article's edition: its own page with the translated text put back (structure,
    classes and links kept), ``lang`` and ``dir`` set, title and meta texts translated, hreflang
    links to the other editions and a language switcher."""
    notice = notice_for(edition.lang)

    def piece(segment: Segment, tags: Mapping[str, str]) -> str:
        text, state = edition.chosen[segment.msgid]
        body = to_html(text, tags)
        if state == UNREVIEWED:
            return f'<span class="l10n-draft" title="{html.escape(notice)}">{body}</span>'
        if state == SOURCE:
            return f'<span lang="{SOURCE_LANGUAGE}">{body}</span>'
        return body

    drafts = edition.includes_drafts
    changes = PageChanges(
        lang=html_lang(edition.lang),
        direction=text_direction(locale),
        head_end=(NOINDEX if drafts else "")
        + alternate_links(alternates, site)
        + SWITCHER_STYLE
        + (DRAFT_STYLE if drafts else ""),
        body_start=_page_notes(edition),
        # (one language alone needs no switcher)
        switcher=language_nav(edition.lang, alternates, "", "l10n-languages").rstrip("\n")
        if len(alternates) > 1
        else "",
        switcher_selector=where.switcher,
    )
    blocks = edition.document.blocks
    return edition_page(
        source, where.body, blocks, piece, lambda s: plain(edition.chosen[s.msgid][0]), changes
    )
