"""build: editions of every article in every language that reaches its publish threshold (or
all, marked, with drafts), MO files of every catalog, and the index page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from l10n import parallel
from l10n.config import Language
from l10n.edition import (
    SOURCE,
    UNREVIEWED,
    Edition,
    derive_catalog,
    make_edition,
    notice_for,
    source_edition,
    updated_line,
    warm_locales,
)
from l10n.errors import ConfigError, L10nError
from l10n.fileio import write_atomic
from l10n.formats.articlemeta import article_date
from l10n.language.languages import SOURCE_LANGUAGE, dateline, language_label
from l10n.model import Catalog, CatalogStats, Document, Segment
from l10n.po.files import save_catalog, save_mo
from l10n.render import FORMATS
from l10n.render.pages import (
    Alternate,
    IndexRow,
    render_bilingual,
    render_html,
    render_index,
    render_source_page,
)
from l10n.render.text import render_md, render_txt
from l10n.review_state import catalog_stats
from l10n.stages.catalogs import cached_catalog
from l10n.stages.clock import build_time
from l10n.stages.published import (
    Correction,
    correction,
    data_digest,
    fingerprint,
    key,
    load_state,
    record_corrections,
    reviewed_content,
    save_state,
    state_path,
)
from l10n.stages.sources import load_document
from l10n.stages.syndication import feed_record, newest_first, write_feeds
from l10n.workspace import Workspace, read_source_bytes


@dataclass(frozen=True)
class BuildResult:
    article: str
    lang: str
    action: Literal["built", "skipped"]
    reason: str
    reviewed_ratio: float
    files: tuple[Path, ...]
    drafts: int = 0
    fallbacks: int = 0


@dataclass
class BuildReport:
    results: list[BuildResult]
    index: Path | None
    catalogs_written: list[Path]
    corrections: list[Correction] = field(default_factory=list)  # editions republished with changes
    feeds: list[Path] = field(default_factory=list)  # feed.xml per language and sitemap.xml
    site_url: str = ""


def _catalog_for(workspace: Workspace, lang: Language, slug: str) -> tuple[Catalog | None, list[Path]]:
    """A language's catalog (None when there is none yet); a derived one (kk_Latn) is
    regenerated from its base and saved."""
    if not lang.derived_from:
        path = workspace.catalog_path(lang.code, slug)
        return (cached_catalog(workspace, path) if path.exists() else None), []
    base_path = workspace.catalog_path(lang.derived_from, slug)
    if not base_path.exists():
        return None, []
    derived = derive_catalog(cached_catalog(workspace, base_path), lang.code, lang.name)
    path = workspace.catalog_path(lang.code, slug)
    return derived, [path] if save_catalog(path, derived) else []


@dataclass(frozen=True)
class _BuildSettings:
    workspace: Workspace
    languages: tuple[Language, ...]
    formats: tuple[str, ...]
    include_drafts: bool
    out: Path
    now: datetime
    published: dict[str, dict[str, object]]  # what the last builds into ``out`` published


@dataclass(frozen=True)
class _ArticleBuild:
    results: tuple[BuildResult, ...]
    catalogs_written: tuple[Path, ...]
    index_row: IndexRow
    published: tuple[tuple[str, dict[str, object]], ...]  # key -> record, for editions built now
    corrections: tuple[Correction, ...]


def build(
    workspace: Workspace,
    sources: list[Path],
    languages: tuple[Language, ...],
    formats: tuple[str, ...] = FORMATS,
    include_drafts: bool = False,
    out_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[Path], None] = lambda _: None,
) -> BuildReport:
    """Editions of every article in every language that reaches its publish threshold (or all,
    with drafts, when asked), MO files of every catalog, and the index page. An article below the
    threshold is skipped with its reason and its last good edition is left in place. Articles
    are built in parallel; the index is made from what they report (nothing is parsed twice)."""
    out = _output_folder(workspace, out_dir)
    state = state_path(workspace, out)
    published = load_state(state)
    settings = _BuildSettings(workspace, languages, formats, include_drafts, out, build_time(), published)
    report = BuildReport([], None, [])
    corrections: list[Correction] = []
    rows: dict[str, IndexRow] = {}
    warm_locales({lang.locale for lang in languages})
    built_articles = parallel.map_ordered(_build_article, sources, settings, jobs)
    for source, built in zip(sources, built_articles, strict=True):
        progress(source)
        report.results += built.results
        report.catalogs_written += built.catalogs_written
        rows[built.index_row.article] = built.index_row
        published.update(built.published)
        corrections += built.corrections
    save_state(state, published)
    record_corrections(out, corrections)
    report.corrections = corrections
    if "html" in formats:
        report.index = settings.out / "index.html"
        all_rows = newest_first(
            [rows.get(source.stem) or _other_row(settings, source) for source in workspace.sources()]
        )
        write_atomic(
            report.index,
            render_index(
                all_rows, [lang.code for lang in workspace.config.targets], workspace.config.project
            ).encode("utf-8"),
            durable=False,
        )
        report.feeds = write_feeds(workspace, settings.out, all_rows, published, settings.now)
        report.site_url = workspace.config.publish.site_url
    return report


def _output_folder(workspace: Workspace, chosen: Path | None) -> Path:
    """Where editions go: editions/, or a folder of the user's that is not the workspace's own."""
    if chosen is None:
        return workspace.editions_dir
    if chosen.exists() and not chosen.is_dir():
        raise ConfigError(f"--out {chosen}: is a file", "give a folder for the editions")
    resolved = chosen.resolve()
    own = {workspace.root, workspace.source_dir, workspace.locales_dir, workspace.state_dir, Path.cwd()}
    if not str(chosen).strip() or resolved in {p.resolve() for p in own}:
        raise ConfigError(
            f"--out {str(chosen) or repr('')}: editions would mix with the workspace's own files",
            "give a folder of their own, e.g. --out site/",
        )
    return chosen


@dataclass(frozen=True)
class _Planned:
    """One language of one article: its edition (None when skipped) and what to report."""

    lang: Language
    edition: Edition | None
    result: BuildResult
    stats: CatalogStats | None
    written: tuple[Path, ...]  # catalogs regenerated, MO files compiled
    record: dict[str, object] | None = None  # what the edition was made from, if built
    correction: Correction | None = None


def _plan_language(
    settings: _BuildSettings, source: tuple[Path, str], document: Document, lang: Language
) -> _Planned:
    """One language of an article; ``source``: its path and digest (read once per article)."""
    workspace, slug = settings.workspace, document.slug
    catalog, written = _catalog_for(workspace, lang, slug)
    if catalog is None:
        return _Planned(
            lang,
            None,
            BuildResult(slug, lang.code, "skipped", "no catalog yet: run 'l10n extract'", 0.0, ()),
            None,
            (),
        )
    mo = workspace.mo_path(lang.code, slug)
    if save_mo(mo, catalog):
        written.append(mo)
    stats = catalog_stats(catalog.entries)
    threshold = workspace.config.publish.threshold_for(lang.code)
    ratio = stats.reviewed_ratio()
    if not stats.reaches(threshold) and not settings.include_drafts:
        reason = (
            f"{100 * ratio:.0f}% of words reviewed, {threshold:g}% needed "
            "(--include-drafts builds a draft edition)"
        )
        return _Planned(
            lang, None, BuildResult(slug, lang.code, "skipped", reason, ratio, ()), stats, tuple(written)
        )
    edition = make_edition(document, catalog.entries, lang.code, lang.locale, settings.include_drafts)
    result = BuildResult(
        slug, lang.code, "built", "", ratio, (), edition.count(UNREVIEWED), edition.count(SOURCE)
    )
    edition, record, found = _publication(settings, source, lang, edition, catalog)
    record.update(feed_record(edition))
    return _Planned(lang, edition, result, stats, tuple(written), record, found)


def _publication(
    settings: _BuildSettings, source: tuple[Path, str], lang: Language, edition: Edition, catalog: Catalog
) -> tuple[Edition, dict[str, object], Correction | None]:
    """The edition with its "Updated" line when its reviewed content changed since it was last
    published (a correction), or kept from then; and the record of what it is made from."""
    previous = settings.published.get(key(lang.code, edition.slug))
    content = reviewed_content(edition)
    found = correction(
        previous, content, catalog.entries, edition.slug, lang.code, settings.now.date().isoformat()
    )
    if found is not None:
        updated = updated_line(lang.code, dateline(settings.now, lang.code, lang.locale))
    else:
        kept = previous.get("updated") if isinstance(previous, dict) else None
        updated = kept if isinstance(kept, str) else ""
    corrected_on = settings.now.isoformat() if found is not None else _kept(previous, "updated_on")
    record: dict[str, object] = {
        **fingerprint(settings.workspace, lang, *source),
        "content": content,
        "updated": updated,
        "updated_on": corrected_on,
    }
    return replace(edition, updated=updated), record, found


def _kept(previous: object, name: str) -> str:
    value = previous.get(name) if isinstance(previous, dict) else None
    return value if isinstance(value, str) else ""


def _render(
    settings: _BuildSettings, edition: Edition, lang: Language, alternates: list[Alternate], source: bytes
) -> dict[Path, bytes]:
    """Every requested format of one edition, by the path it goes to. ``source``: the article's
    bytes (an HTML or Word article's edition is made from the file itself)."""
    out, slug, code = settings.out, edition.slug, lang.code
    fmt = edition.source_format
    # The English original gets its page only (the x-default of every edition's alternates).
    formats = ("html",) if code == SOURCE_LANGUAGE else settings.formats
    rendered: dict[Path, str | bytes] = {}
    if "txt" in formats:
        rendered[out / code / f"{slug}.txt"] = render_txt(edition)
    if "md" in formats:
        rendered[out / code / f"{slug}.md"] = render_md(edition)
    if "html" in formats and fmt == "html":
        rendered[out / code / f"{slug}.html"] = render_source_page(
            edition, source.decode("utf-8"), settings.workspace.config.html_body, alternates, lang.locale
        )
    elif "html" in formats:
        rendered[out / code / f"{slug}.html"] = render_html(
            edition, alternates, "../index.html", article_dateline(edition.document, lang)
        )
    if "html" in formats and code != SOURCE_LANGUAGE:
        rendered[out / "bilingual" / code / f"{slug}.html"] = render_bilingual(
            edition, "../../index.html", f"../../{code}/{slug}.html"
        )
    if "docx" in formats and fmt == "docx":
        rendered[out / code / f"{slug}.docx"] = docx_edition(edition, source)
    return {path: data.encode("utf-8") if isinstance(data, str) else data for path, data in rendered.items()}


def article_dateline(document: Document, lang: Language) -> str:
    """The article's own date as the language writes it; none when the article gives none."""
    moment = article_date(document.meta)
    return dateline(moment, lang.code, lang.locale) if moment is not None else ""


def docx_edition(edition: Edition, source: bytes) -> bytes:
    from l10n.formats.docx import edition_docx

    def pick(segment: Segment) -> tuple[str, bool]:
        text, state = edition.chosen[segment.msgid]
        return text, state == UNREVIEWED

    notes = [notice_for(edition.lang)] if edition.includes_drafts else []
    notes += [edition.updated] if edition.updated else []
    return edition_docx(source, edition.document.blocks, pick, edition.lang, notes)


def _build_article(source: Path) -> _ArticleBuild:
    """Worker side of build: one article in every language."""
    settings = parallel.context(_BuildSettings)
    data = read_source_bytes(source)  # read once: the document and an HTML or Word edition agree
    document = load_document(source, settings.workspace, data)
    slug = document.slug
    read = (source, data_digest(data))
    planned = [_plan_language(settings, read, document, lang) for lang in settings.languages]
    # Alternates: the English original and every language with an HTML edition after this
    # build (new or kept).
    alternates = [
        Alternate(p.lang.code, language_label(p.lang.code, p.lang.locale), f"../{p.lang.code}/{slug}.html")
        for p in planned
        if "html" in settings.formats
        and (p.edition is not None or (settings.out / p.lang.code / f"{slug}.html").exists())
    ]
    original = source_edition(document)
    if "html" in settings.formats:
        english = Language(SOURCE_LANGUAGE)
        label = language_label(english.code, english.locale)
        alternates.insert(0, Alternate(english.code, label, f"../{english.code}/{slug}.html"))
        # The English original's page: written with the editions, not a build result.
        _write(_render(settings, original, english, alternates, data))
    results: list[BuildResult] = []
    for plan in planned:
        if plan.edition is None:
            results.append(plan.result)
            continue
        rendered = _render(settings, plan.edition, plan.lang, alternates, data)
        _write(rendered)
        results.append(replace(plan.result, files=tuple(rendered)))
    known = {p.lang.code: p.stats for p in planned if p.stats is not None}
    row = (
        _index_row(settings.workspace, settings.out, source, document, known, original.title)
        if "html" in settings.formats
        else IndexRow(slug, "", ())
    )
    published = tuple((key(p.lang.code, slug), p.record) for p in planned if p.record is not None)
    found = tuple(p.correction for p in planned if p.correction is not None)
    return _ArticleBuild(
        tuple(results), tuple(path for p in planned for path in p.written), row, published, found
    )


def _write(rendered: dict[Path, bytes]) -> None:
    for path, content in rendered.items():
        # Editions are derived (rebuilt from the catalogs): atomic, but no fsync per file.
        write_atomic(path, content, durable=False)


def _other_row(settings: _BuildSettings, source: Path) -> IndexRow:
    """The index line of an article this build did not build. One that cannot be read is
    listed as such: it must not stop the build of the others."""
    try:
        document = load_document(source, settings.workspace)
    except L10nError:
        cells = tuple(
            (lang.code, "cannot read the article", None, None) for lang in settings.workspace.config.targets
        )
        return IndexRow(source.stem, source.stem, cells)
    title = source_edition(document).title
    return _index_row(settings.workspace, settings.out, source, document, {}, title)


def _index_row(
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
