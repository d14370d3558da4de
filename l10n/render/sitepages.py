"""The pages beside the editions: the bilingual page (English and translation side by side) and
the index of every article. Pure; they share the editions' style sheet and page frame."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from l10n.edition import Edition, notice_for
from l10n.language.languages import SOURCE_LANGUAGE, language_name
from l10n.model import BlockKind
from l10n.render.pages import Alternate, block_html, html_lang, inline, page


def render_bilingual(
    edition: Edition, index_href: str, translated_href: str, others: Sequence[Alternate] = ()
) -> str:
    """Source and translation side by side, one row per block; stacked on narrow screens. Its
    navigation: the index, the translated edition and the other bilingual pages (``others``:
    hrefs from this page)."""
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
    own = next((a.label for a in others if a.lang == edition.lang), edition.lang)
    items = [
        f'<a href="{html.escape(index_href)}" aria-label="Index" title="Index">⌂</a>',
        f'<a href="{html.escape(translated_href)}" hreflang="{html_lang(edition.lang)}">'
        f"{html.escape(own)}</a>",
    ]
    for alt in others:
        label = f"en | {html.escape(alt.label)}"
        items.append(
            f'<strong aria-current="page">{label}</strong>'
            if alt.lang == edition.lang
            else f'<a href="{html.escape(alt.href)}">{label}</a>'
        )
    nav = f'<nav class="languages wide" aria-label="Languages">{" ".join(items)}</nav>\n'
    title = f"{edition.title} (en | {edition.lang})"
    return page(
        edition.lang, title, notice + "\n".join(rows), nav=nav, wide=True, drafts=edition.includes_drafts
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
    """The index page (in English): a row per article, a column per language, the languages
    named in the page's language; on a phone each row stacks its languages."""
    names = {lang: language_name(lang, SOURCE_LANGUAGE) for lang in languages}
    head = "".join(f"<th>{html.escape(names[lang])}</th>" for lang in languages)
    body = []
    for row in rows:
        cells = []
        for lang, state, href, bilingual in row.cells:
            name = html.escape(names.get(lang, lang))
            link = f'<a href="{html.escape(href)}" hreflang="{html_lang(lang)}">{name}</a> ' if href else ""
            both = f' · <a href="{html.escape(bilingual)}">English | {name}</a>' if bilingual else ""
            cells.append(f'<td data-lang="{name}">{link}{html.escape(state)}{both}</td>')
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
