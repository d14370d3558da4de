"""Where readers and search engines find the editions: the index order (newest first), an Atom
feed per language (editions/<lang>/feed.xml) and editions/sitemap.xml with hreflang alternates.

Both are made from what is published (the build's record of every edition it wrote, kept in
.l10n/published/), so an edition kept from an earlier build stays in its feed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TypeGuard

from l10n.config import Language
from l10n.edition import Edition, source_edition
from l10n.errors import L10nError
from l10n.fileio import write_atomic
from l10n.formats.articlemeta import article_date, parse_date
from l10n.language.languages import SOURCE_LANGUAGE, language_label
from l10n.model import BlockKind, CatalogStats, Document
from l10n.render.feeds import FEED_ENTRIES, FeedEntry, SitemapPage, atom_feed, sitemaps
from l10n.render.pages import html_lang
from l10n.render.sitepages import IndexRow
from l10n.review_state import catalog_stats
from l10n.stages.catalogs import cached_catalog
from l10n.stages.published import key
from l10n.stages.sources import load_document
from l10n.workspace import Workspace


def feed_record(edition: Edition) -> dict[str, object]:
    """What a feed says about an edition, kept with the record of what was published."""
    meta = edition.document.meta
    moment = article_date(meta)
    return {
        "title": edition.title,
        "summary": edition.summary or _first_paragraph(edition),
        "author": meta.author,
        "date": moment.isoformat() if moment is not None else "",
        "drafts": edition.includes_drafts,
    }


def content_path(state: Path, lang: str, slug: str) -> Path:
    """Where an edition's HTML for its feed entry is kept, beside the record of what was
    published (``state``: that record's file). A file per edition, not in the record: a feed
    reads only its newest entries', and the record is loaded by every build of an archive."""
    return state.with_suffix("") / lang / f"{slug}.html"


def save_content(state: Path, edition: Edition, article: str) -> None:
    """The edition's article HTML (``body_html``), for its feed entry's content."""
    write_atomic(content_path(state, edition.lang, edition.slug), article.encode("utf-8"), durable=False)


def _content(state: Path, lang: str, slug: str) -> str:
    try:
        return content_path(state, lang, slug).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # an edition published before feeds carried content: the entry has none


def _first_paragraph(edition: Edition) -> str:
    """A summary for an article with neither a summary nor a standfirst: its first paragraph."""
    for block in edition.blocks:
        if block.kind is BlockKind.PARAGRAPH:
            return edition.plain(block.text())
    return ""


def newest_first(rows: Sequence[IndexRow]) -> list[IndexRow]:
    """Articles with a date, newest first, then those without (or with one that cannot be read:
    an older parse), by name."""
    moments = {r.article: _moment(r.date) for r in rows}
    dated = sorted(
        (r for r in rows if moments[r.article] is not None),
        key=lambda r: (moments[r.article], r.article),
        reverse=True,
    )
    return dated + sorted((r for r in rows if moments[r.article] is None), key=lambda r: r.article)


def _moment(value: object) -> datetime | None:
    return parse_date(value) if isinstance(value, str) and value else None


def _text(record: Mapping[str, object], name: str) -> str:
    value = record.get(name)
    return value if isinstance(value, str) else ""


def _entry(slug: str, record: Mapping[str, object], now: datetime) -> FeedEntry:
    published = _moment(record.get("date"))
    updated = _moment(record.get("updated_on")) or published or now
    return FeedEntry(
        slug,
        _text(record, "title") or slug,
        _text(record, "summary"),
        _text(record, "author"),
        published,
        updated,
    )


def _has_drafts(record: object) -> bool:
    return isinstance(record, dict) and bool(record.get("drafts"))


def _ready(record: object) -> TypeGuard[dict[str, object]]:
    """An edition with no unreviewed draft in it: what a feed announces."""
    return isinstance(record, dict) and not record.get("drafts") and "title" in record


def write_feeds(
    workspace: Workspace,
    out: Path,
    rows: Sequence[IndexRow],
    published: Mapping[str, object],
    now: datetime,
    state: Path,
) -> list[Path]:
    """A feed per target language and the sitemap; returns the files written. ``state``: the
    record of what was published (its folder holds the entries' content)."""
    site, project = workspace.config.publish.site_url, workspace.config.project
    publisher = workspace.config.publish.publisher
    written: list[Path] = []
    for lang in workspace.config.targets:
        entries = [
            _entry(row.article, record, now)
            for row in rows
            if _ready(record := published.get(key(lang.code, row.article)))
            and (out / lang.code / f"{row.article}.html").exists()
        ]
        entries.sort(key=lambda e: (e.published or e.updated, e.slug), reverse=True)
        entries = [replace(e, content=_content(state, lang.code, e.slug)) for e in entries[:FEED_ENTRIES]]
        title = f"{project} · {language_label(lang.code, lang.locale)}"
        path = out / lang.code / "feed.xml"
        write_atomic(
            path,
            atom_feed(project, lang.code, html_lang(lang.code), title, entries, site, now, publisher),
            durable=False,
        )
        written.append(path)
    files = sitemaps(_pages(workspace.config.targets, out, rows, published), site)
    for name, content in files.items():
        write_atomic(out / name, content, durable=False)
    for stale in out.glob("sitemap-*.xml"):  # parts of a bigger archive's last build
        if stale.name not in files:
            stale.unlink()
    return written + [out / name for name in files]


def _pages(
    targets: Sequence[Language], out: Path, rows: Sequence[IndexRow], published: Mapping[str, object]
) -> list[SitemapPage]:
    """Every page that is published and ready (a page with drafts in it is not for search
    engines: it says noindex and is neither listed nor an alternate)."""
    pages: list[SitemapPage] = []
    for row in rows:
        codes = [SOURCE_LANGUAGE] + [lang.code for lang in targets]
        present = [
            code
            for code in codes
            if (out / code / f"{row.article}.html").exists()
            and not _has_drafts(published.get(key(code, row.article)))
        ]
        alternates = tuple((html_lang(code), f"{code}/{row.article}.html") for code in present)
        if SOURCE_LANGUAGE in present:
            alternates += (("x-default", f"{SOURCE_LANGUAGE}/{row.article}.html"),)
        for code in present:
            record = published.get(key(code, row.article))
            changed = _moment(record.get("updated_on")) if isinstance(record, dict) else None
            pages.append(SitemapPage(f"{code}/{row.article}.html", changed or _moment(row.date), alternates))
    return pages


def other_row(workspace: Workspace, out: Path, source: Path) -> IndexRow:
    """The index line of an article this build did not build. One that cannot be read is
    listed as such: it must not stop the build of the others."""
    try:
        document = load_document(source, workspace)
    except L10nError:
        cells = tuple((lang.code, "cannot read the article", None, None) for lang in workspace.config.targets)
        return IndexRow(source.stem, source.stem, cells)
    title = source_edition(document).title
    return index_row(workspace, out, source, document, {}, title)


def index_row(
    workspace: Workspace,
    out: Path,
    source: Path,
    document: Document,
    known: dict[str, CatalogStats],
    title: str,
) -> IndexRow:
    """One article's line in the index: title, and per language its review state and links to
    the editions on disk. ``known``: stats of catalogs already read."""
    slug = source.stem
    cells: list[tuple[str, str, str | None, str | None]] = []
    for lang in workspace.config.targets:
        stats = known.get(lang.code)
        if stats is None:
            path = workspace.catalog_path(lang.code, slug)
            if not path.exists() and lang.derived_from:
                path = workspace.catalog_path(lang.derived_from, slug)
            if not path.exists():
                cells.append((lang.code, "no catalog", None, None))
                continue
            stats = catalog_stats(cached_catalog(workspace, path).entries)
        state = f"{100 * stats.reviewed_ratio():.0f}% reviewed"
        edition = out / lang.code / f"{slug}.html"
        bilingual = out / "bilingual" / lang.code / f"{slug}.html"
        cells.append(
            (
                lang.code,
                state,
                f"{lang.code}/{slug}.html" if edition.exists() else None,
                f"bilingual/{lang.code}/{slug}.html" if bilingual.exists() else None,
            )
        )
    original = f"{SOURCE_LANGUAGE}/{slug}.html" if (out / SOURCE_LANGUAGE / f"{slug}.html").exists() else None
    return IndexRow(slug, title, tuple(cells), document.meta.date, original)
