"""HTML editions: standalone pages (no external assets), bilingual pages and the index.

All text goes through ``inline()`` (or ``html.escape`` for attributes): raw HTML in a source or a
translation is shown as text, never run. Markdown inline syntax is rendered by markdown-it with
HTML disabled.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
from l10n.formats.html import PageChanges, edition_page
from l10n.formats.markup import NUMBERED_TAG, plain, to_html
from l10n.language.languages import SOURCE_LANGUAGE, text_direction
from l10n.model import BlockKind, Segment

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
.dateline { font: .9rem/1.4 system-ui, sans-serif; color: var(--muted); }
.standfirst { font-size: 1.25rem; color: var(--muted); }
.caption { font: italic .95rem/1.5 system-ui, sans-serif; color: var(--muted); \
border-left: 3px solid var(--rule); padding-left: .75rem; }
blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 4px solid var(--accent); font-size: 1.2rem; }
img { max-width: 100%; height: auto; }
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


def html_lang(code: str) -> str:
    """gettext code -> BCP 47 (kk_Latn -> kk-Latn) for lang and hreflang attributes."""
    return code.replace("_", "-")


def inline(text: str, fmt: str) -> str:
    """A sentence of a ``fmt`` article as HTML: Markdown rendered with HTML disabled, an HTML or
    Word article's compact markup with its bare tags only (em, b, br…: no attributes), plain
    text escaped."""
    if fmt == "md":
        rendered: str = _md_parser().renderInline(text)
        return rendered
    if fmt in MARKUP_FORMATS:
        # A tag with attributes (<a1>, <span2>) needs its source page: its words stay, it goes.
        return to_html(NUMBERED_TAG.sub("", text), {})
    return html.escape(text, quote=False)


def _piece(piece: Piece, fmt: str, lang: str) -> str:
    body = inline(piece.text, fmt)
    if piece.state == UNREVIEWED:
        return f'<span class="draft" title="{html.escape(notice_for(lang))}">{body}</span>'
    if piece.state == SOURCE:
        return f'<span class="untranslated" lang="en">{body}</span>'
    return body


def block_html(block: EditionBlock, fmt: str, lang: str) -> str:
    # separators are plain text (spaces), pieces rendered and escaped one by one
    escaped = EditionBlock(block.kind, block.pieces, tuple(html.escape(sep) for sep in block.separators))
    return escaped.join([_piece(p, fmt, lang) for p in block.pieces])


_TAGS = {
    BlockKind.TITLE: ("<h1>", "</h1>"),
    BlockKind.HEADING: ("<h2>", "</h2>"),
    BlockKind.STANDFIRST: ('<p class="standfirst">', "</p>"),
    BlockKind.CAPTION: ('<p class="caption">', "</p>"),
    BlockKind.QUOTE: ("<blockquote><p>", "</p></blockquote>"),
    BlockKind.IMAGE: ('<p class="image">', "</p>"),
}


def body_html(edition: Edition, dateline: str) -> str:
    out: list[str] = []
    open_list = False
    for block in edition.blocks:
        if block.kind in META_KINDS:
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
        if block.kind is BlockKind.TITLE and edition.updated:
            out.append(f'<p class="dateline updated">{html.escape(edition.updated)}</p>')
    if open_list:
        out.append("</ul>")
    return "\n".join(out)


@dataclass(frozen=True)
class Alternate:
    lang: str
    label: str
    href: str


def alternate_links(alternates: Sequence[Alternate]) -> str:
    """<link rel="alternate" hreflang> for every language of the article, and x-default: the
    English original, for readers whose language has no edition."""
    links = [(html_lang(a.lang), a.href) for a in alternates]
    links += [("x-default", a.href) for a in alternates if a.lang == SOURCE_LANGUAGE]
    return "".join(
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
) -> str:
    main_attr = ' class="wide"' if wide else ""
    summary = f'<meta name="description" content="{html.escape(description)}">\n' if description else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="l10n">\n<title>{html.escape(title)}</title>\n{summary}'
        f"{alternate_links(alternates)}<style>{CSS}</style>\n</head>\n<body>\n{nav}"
        f"<main{main_attr}>\n{body}\n</main>\n</body>\n</html>\n"
    )


def language_nav(current: str, alternates: Sequence[Alternate], index_href: str) -> str:
    items = [f'<a href="{html.escape(index_href)}">⌂</a>']
    for alt in alternates:
        label = html.escape(alt.label)
        if alt.lang == current:
            items.append(f'<strong aria-current="page">{label}</strong>')
        else:
            items.append(
                f'<a href="{html.escape(alt.href)}" hreflang="{html_lang(alt.lang)}" '
                f'lang="{html_lang(alt.lang)}">{label}</a>'
            )
    return f'<nav class="languages" aria-label="Languages">{" ".join(items)}</nav>\n'


def render_html(edition: Edition, alternates: Sequence[Alternate], index_href: str, dateline: str) -> str:
    notice = (
        f'<p class="notice" role="note">{html.escape(notice_for(edition.lang))}</p>\n'
        if edition.includes_drafts
        else ""
    )
    nav = language_nav(edition.lang, alternates, index_href)
    body = notice + body_html(edition, dateline)
    return page(edition.lang, edition.title, body, alternates, nav, description=edition.summary)


def _page_notes(edition: Edition) -> str:
    """What an HTML article's edition says above its text: that it holds drafts, that it was
    corrected (the page keeps its own byline and date)."""
    notes = ""
    if edition.includes_drafts:
        notes += f'<p class="l10n-notice" role="note">{html.escape(notice_for(edition.lang))}</p>\n'
    if edition.updated:
        notes += f'<p class="l10n-updated">{html.escape(edition.updated)}</p>\n'
    return notes


def render_source_page(
    edition: Edition, source: str, selector: str, alternates: Sequence[Alternate], locale: str
) -> str:
    """An HTML article's edition: its own page with the translated text put back (structure,
    classes and links kept), ``lang`` and ``dir`` set, title and meta texts translated, and
    hreflang links to the other editions."""
    notice = notice_for(edition.lang)

    def piece(segment: Segment, tags: Mapping[str, str]) -> str:
        text, state = edition.chosen[segment.msgid]
        body = to_html(text, tags)
        if state == UNREVIEWED:
            return f'<span class="l10n-draft" title="{html.escape(notice)}">{body}</span>'
        if state == SOURCE:
            return f'<span lang="{SOURCE_LANGUAGE}">{body}</span>'
        return body

    changes = PageChanges(
        lang=html_lang(edition.lang),
        direction=text_direction(locale),
        head_end=alternate_links(alternates) + (DRAFT_STYLE if edition.includes_drafts else ""),
        body_start=_page_notes(edition),
    )
    blocks = edition.document.blocks
    return edition_page(source, selector, blocks, piece, lambda s: plain(edition.chosen[s.msgid][0]), changes)


def render_bilingual(edition: Edition, index_href: str, translated_href: str) -> str:
    """Source and translation side by side, one row per block; stacked on narrow screens."""
    fmt = edition.source_format
    rows = []
    for block in edition.blocks:
        source = inline(block.source_text(), fmt)
        target = block_html(block, fmt, edition.lang)
        tag = "h2" if block.kind in (BlockKind.TITLE, BlockKind.HEADING) else "p"
        rows.append(
            f'<div class="pair"><div class="en" lang="en"><{tag}>{source}</{tag}></div>'
            f'<div lang="{html_lang(edition.lang)}"><{tag}>{target}</{tag}></div></div>'
        )
    notice = (
        f'<p class="notice" role="note">{html.escape(notice_for(edition.lang))}</p>\n'
        if edition.includes_drafts
        else ""
    )
    nav = (
        f'<nav class="languages wide"><a href="{html.escape(index_href)}">⌂</a> '
        f'<a href="{html.escape(translated_href)}">{html.escape(edition.lang)}</a></nav>\n'
    )
    return page(
        edition.lang, f"{edition.title} (en | {edition.lang})", notice + "\n".join(rows), nav=nav, wide=True
    )


@dataclass(frozen=True)
class IndexRow:
    article: str
    title: str
    cells: tuple[
        tuple[str, str, str | None, str | None], ...
    ]  # (lang, state text, edition href, bilingual href)
    date: str = ""  # the article's date (ISO 8601), "" when it gives none
    original: str | None = None  # href of the English original's page


def render_index(rows: Sequence[IndexRow], languages: Sequence[str], project: str) -> str:
    head = "".join(f"<th>{html.escape(lang)}</th>" for lang in languages)
    body = []
    for row in rows:
        cells = []
        for lang, state, href, bilingual in row.cells:
            link = (
                f'<a href="{html.escape(href)}" hreflang="{html_lang(lang)}">{html.escape(lang)}</a> '
                if href
                else ""
            )
            both = f' · <a href="{html.escape(bilingual)}">en|{html.escape(lang)}</a>' if bilingual else ""
            cells.append(f"<td>{link}{html.escape(state)}{both}</td>")
        day = f" · <time>{html.escape(row.date[:10])}</time>" if row.date else ""
        title = html.escape(row.title)
        if row.original:
            title = f'<a href="{html.escape(row.original)}" hreflang="{SOURCE_LANGUAGE}">{title}</a>'
        body.append(
            f"<tr><th>{title}<br><small>{html.escape(row.article)}{day}</small></th>{''.join(cells)}</tr>"
        )
    table = (
        f'<table class="index"><thead><tr><th>article</th>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody></table>"
    )
    return page(
        "en", f"{project}: editions", f"<h1>{html.escape(project)}: editions</h1>\n{table}", wide=True
    )
