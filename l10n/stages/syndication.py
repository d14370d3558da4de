"""Where readers and search engines find the editions: the index order (newest first), an Atom
feed per language (editions/<lang>/feed.xml) and editions/sitemap.xml with hreflang alternates.

Both are made from what is published (the build's record of every edition it wrote, kept in
.l10n/published/), so an edition kept from an earlier build stays in its feed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeGuard

from l10n.config import Language
from l10n.edition import Edition
from l10n.fileio import write_atomic
from l10n.formats.articlemeta import article_date, parse_date
from l10n.language.languages import SOURCE_LANGUAGE, language_label
from l10n.render.feeds import FEED_ENTRIES, FeedEntry, SitemapPage, atom_feed, sitemaps
from l10n.render.pages import IndexRow, html_lang
from l10n.stages.published import key
from l10n.workspace import Workspace


def feed_record(edition: Edition) -> dict[str, object]:
    """What a feed says about an edition, kept with the record of what was published."""
    meta = edition.document.meta
    moment = article_date(meta)
    return {
        "title": edition.title,
        "summary": edition.summary,
        "author": meta.author,
        "date": moment.isoformat() if moment is not None else "",
        "drafts": edition.includes_drafts,
    }


def newest_first(rows: Sequence[IndexRow]) -> list[IndexRow]:
    """Articles with a date, newest first, then those without, by name."""
    dated = sorted((r for r in rows if r.date), key=lambda r: (_moment(r.date), r.article), reverse=True)
    return dated + sorted((r for r in rows if not r.date), key=lambda r: r.article)


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


def _ready(record: object) -> TypeGuard[dict[str, object]]:
    """An edition with no unreviewed draft in it: what a feed announces."""
    return isinstance(record, dict) and not record.get("drafts") and "title" in record


def write_feeds(
    workspace: Workspace,
    out: Path,
    rows: Sequence[IndexRow],
    published: Mapping[str, object],
    now: datetime,
) -> list[Path]:
    """A feed per target language and the sitemap; returns the files written."""
    site, project = workspace.config.publish.site_url, workspace.config.project
    written: list[Path] = []
    for lang in workspace.config.targets:
        entries = [
            _entry(row.article, record, now)
            for row in rows
            if _ready(record := published.get(key(lang.code, row.article)))
            and (out / lang.code / f"{row.article}.html").exists()
        ]
        entries.sort(key=lambda e: (e.published or e.updated, e.slug), reverse=True)
        entries = entries[:FEED_ENTRIES]
        title = f"{project} · {language_label(lang.code, lang.locale)}"
        path = out / lang.code / "feed.xml"
        write_atomic(
            path,
            atom_feed(project, lang.code, html_lang(lang.code), title, entries, site, now),
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
    pages: list[SitemapPage] = []
    for row in rows:
        codes = [SOURCE_LANGUAGE] + [lang.code for lang in targets]
        present = [code for code in codes if (out / code / f"{row.article}.html").exists()]
        alternates = tuple((html_lang(code), f"{code}/{row.article}.html") for code in present)
        if SOURCE_LANGUAGE in present:
            alternates += (("x-default", f"{SOURCE_LANGUAGE}/{row.article}.html"),)
        for code in present:
            record = published.get(key(code, row.article))
            changed = _moment(record.get("updated_on")) if isinstance(record, dict) else None
            pages.append(SitemapPage(f"{code}/{row.article}.html", changed or _moment(row.date), alternates))
    return pages
