"""build: editions of every article in every language that reaches its publish threshold (or
all, marked, with drafts), MO files of every catalog, and the index page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from l10n import parallel
from l10n.config import Language
from l10n.edition import (
    MARKUP_FORMATS,
    SOURCE,
    UNREVIEWED,
    Edition,
    derive_catalog,
    make_edition,
    source_edition,
    updated_line,
    warm_locales,
)
from l10n.errors import ConfigError, L10nError, SourceError
from l10n.fileio import write_atomic
from l10n.formats.markup import without_broken_markup
from l10n.language.languages import SOURCE_LANGUAGE, dateline
from l10n.model import Catalog, CatalogStats, Document, Entry
from l10n.po.files import save_catalog, save_mo
from l10n.render import FORMATS
from l10n.render.sitepages import IndexRow, render_index
from l10n.review_state import catalog_stats
from l10n.stages.article_pages import BuildSettings, alternates, edition_files, render_pages
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
from l10n.stages.syndication import (
    content_path,
    feed_record,
    index_row,
    newest_first,
    other_row,
    save_content,
    write_feeds,
)
from l10n.workspace import Workspace, read_source_bytes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    article: str
    lang: str
    action: Literal["built", "skipped", "withdrawn", "failed"]
    reason: str
    reviewed_ratio: float
    files: tuple[Path, ...]
    drafts: int = 0
    fallbacks: int = 0
    warnings: tuple[str, ...] = ()  # entries published without their broken markup


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
class _ArticleBuild:
    results: tuple[BuildResult, ...]
    catalogs_written: tuple[Path, ...]
    index_row: IndexRow | None  # None: the article could not be built (the index reads it again)
    published: tuple[tuple[str, dict[str, object]], ...]  # key -> record, for editions built now
    corrections: tuple[Correction, ...]
    withdrawn: tuple[str, ...] = ()  # keys of draft editions no longer published


def build(
    workspace: Workspace,
    sources: list[Path],
    languages: tuple[Language, ...],
    formats: tuple[str, ...] = FORMATS,
    include_drafts: bool = False,
    out_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[Path], None] = lambda _: None,
    strict: bool = False,
) -> BuildReport:
    """Editions of every article in every language that reaches its publish threshold (or all,
    with drafts, when asked), MO files of every catalog, and the index page. An article below the
    threshold is skipped with its reason and its last good edition is left in place; a draft
    edition an earlier build published is withdrawn. An article that cannot be read or written
    is a "failed" result (the others are built). Articles are built in parallel; the index is
    made from what they report (nothing is parsed twice)."""
    out = _output_folder(workspace, out_dir)
    state = state_path(workspace, out)
    published = load_state(state)
    settings = BuildSettings(
        workspace, languages, formats, include_drafts, out, build_time(), published, strict
    )
    report = BuildReport([], None, [])
    corrections: list[Correction] = []
    rows: dict[str, IndexRow] = {}
    warm_locales({lang.locale for lang in languages})
    built_articles = parallel.map_ordered(_build_article, sources, settings, jobs)
    for source, built in zip(sources, built_articles, strict=True):
        progress(source)
        report.results += built.results
        report.catalogs_written += built.catalogs_written
        if built.index_row is not None:
            rows[built.index_row.article] = built.index_row
        published.update(built.published)
        for withdrawn in built.withdrawn:
            published.pop(withdrawn, None)
        corrections += built.corrections
    save_state(state, published)
    record_corrections(out, corrections)
    report.corrections = corrections
    if "html" in formats:
        report.index = settings.out / "index.html"
        all_rows = newest_first(
            [
                rows.get(source.stem) or other_row(settings.workspace, settings.out, source)
                for source in workspace.sources()
            ]
        )
        write_atomic(
            report.index,
            render_index(
                all_rows, [lang.code for lang in workspace.config.targets], workspace.config.project
            ).encode("utf-8"),
            durable=False,
        )
        report.feeds = write_feeds(workspace, settings.out, all_rows, published, settings.now, state)
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
    withdraw: bool = False  # a draft edition of an earlier build: its files go

    def shown(self, settings: BuildSettings) -> bool | None:
        """After this build: whether its HTML page holds drafts; None when there is none."""
        if self.edition is not None:
            return self.edition.includes_drafts
        if self.withdraw or not (settings.out / self.lang.code / f"{self.edition_slug}.html").exists():
            return None
        return False  # the last good edition, kept

    @property
    def edition_slug(self) -> str:
        return self.result.article


def _plan_language(
    settings: BuildSettings, source: tuple[Path, str], document: Document, lang: Language
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
        return _not_ready(
            settings,
            slug,
            lang,
            f"{100 * ratio:.0f}% of words reviewed, {threshold:g}% needed",
            ratio,
            stats,
            tuple(written),
        )
    entries, warnings = _sound_markup(catalog.entries, document.format)
    if warnings and settings.strict:
        reason = f"{len(warnings)} entr(y/ies) with broken markup (--strict): " + "; ".join(warnings)
        return _Planned(
            lang, None, BuildResult(slug, lang.code, "failed", reason, ratio, ()), stats, tuple(written)
        )
    edition = make_edition(document, entries, lang.code, lang.locale, settings.include_drafts)
    result = BuildResult(
        slug, lang.code, "built", "", ratio, (), edition.count(UNREVIEWED), edition.count(SOURCE), warnings
    )
    edition, record, found = _publication(settings, source, lang, edition, catalog)
    record.update(feed_record(edition))
    return _Planned(lang, edition, result, stats, tuple(written), record, found)


def _not_ready(
    settings: BuildSettings,
    slug: str,
    lang: Language,
    why: str,
    ratio: float,
    stats: CatalogStats,
    written: tuple[Path, ...],
) -> _Planned:
    """A language below its threshold: its last good edition stays; a draft edition an earlier
    ``--include-drafts`` build published is withdrawn (a plain build publishes what is ready)."""
    previous = settings.published.get(key(lang.code, slug))
    if isinstance(previous, dict) and previous.get("drafts"):
        reason = f"draft edition withdrawn: {why} (--include-drafts publishes drafts)"
        log.info("%s/%s: withdrawn: %s", slug, lang.code, reason)
        result = BuildResult(slug, lang.code, "withdrawn", reason, ratio, ())
        return _Planned(lang, None, result, stats, written, withdraw=True)
    reason = f"{why} (--include-drafts builds a draft edition)"
    log.info("%s/%s: skipped: %s", slug, lang.code, reason)
    return _Planned(lang, None, BuildResult(slug, lang.code, "skipped", reason, ratio, ()), stats, written)


def _sound_markup(entries: tuple[Entry, ...], fmt: str) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    """The entries with every translation whose markup is broken (check's "markup" error) as its
    words alone, and a warning per such entry."""
    if fmt not in MARKUP_FORMATS:
        return entries, ()
    kept: list[Entry] = []
    warnings: list[str] = []
    for entry in entries:
        text, problems = without_broken_markup(entry.msgid, entry.msgstr) if entry.msgstr else ("", [])
        if problems and not entry.obsolete:
            short = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:59] + "…"
            warnings.append(f"{short!r}: {', '.join(problems)}; published without its tags")
            entry = replace(entry, msgstr=text)
        kept.append(entry)
    return tuple(kept), tuple(warnings)


def _publication(
    settings: BuildSettings, source: tuple[Path, str], lang: Language, edition: Edition, catalog: Catalog
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


def _refreshed(
    settings: BuildSettings,
    source: tuple[Path, str],
    document: Document,
    planned: set[str],
    signature: list[str],
) -> list[_Planned]:
    """The other languages' editions whose pages link another set of languages than now
    (a partial build published or withdrawn one): rebuilt as a full build would, drafts as
    they were. One no longer ready keeps its last good version, links and all."""
    found: list[_Planned] = []
    for lang in settings.workspace.config.targets:
        record = settings.published.get(key(lang.code, document.slug))
        if lang.code in planned or not isinstance(record, dict) or record.get("alternates") == signature:
            continue
        if not (settings.out / lang.code / f"{document.slug}.html").exists():
            continue
        as_before = replace(settings, include_drafts=bool(record.get("drafts")))
        plan = _plan_language(as_before, source, document, lang)
        if plan.edition is not None:
            found.append(plan)
    return found


def _build_article(source: Path) -> _ArticleBuild:
    """Worker side of build: one article in every language. An article that cannot be read,
    or whose edition a format writer cannot write, is one failed result naming the file."""
    settings = parallel.context(BuildSettings)
    try:
        return _build_readable_article(settings, source)
    except L10nError as exc:  # (the machine's own failures, OSError, stop the build: not caught)
        failed = BuildResult(source.stem, "*", "failed", exc.one_line(), 0.0, ())
    return _ArticleBuild((failed,), (), None, (), ())


def _build_readable_article(settings: BuildSettings, source: Path) -> _ArticleBuild:
    data = read_source_bytes(source)  # read once: the document and an HTML or Word edition agree
    try:
        document = load_document(source, settings.workspace, data)
    except (L10nError, OSError, MemoryError):
        raise
    except Exception as exc:  # a format reader's own failure (python-docx, lexbor): one line
        hint = "open it in its editor and save it again"
        raise SourceError(source, f"cannot be read ({type(exc).__name__}: {exc})", hint=hint) from None
    slug = document.slug
    read = (source, data_digest(data))
    planned = [_plan_language(settings, read, document, lang) for lang in settings.languages]
    for plan in planned:
        if plan.withdraw:
            state = state_path(settings.workspace, settings.out)
            for path in [
                *edition_files(settings.out, plan.lang.code, slug),
                content_path(state, plan.lang.code, slug),
            ]:
                path.unlink(missing_ok=True)
    found = alternates(settings, slug, {p.lang.code: p.shown(settings) for p in planned})
    signature = [f"{a.lang}{'~' if a.draft else ''}" for a in found]
    planned += _refreshed(settings, read, document, {p.lang.code for p in planned}, signature)
    original = source_edition(document)
    if "html" in settings.formats:
        # The English original's page: written with the editions, not a build result.
        _write(render_pages(settings, original, Language(SOURCE_LANGUAGE), found, source, data)[0])
    results: list[BuildResult] = []
    for plan in planned:
        if plan.edition is None:
            results.append(plan.result)
            continue
        if plan.record is not None:
            plan.record["alternates"] = signature
        rendered, article = render_pages(settings, plan.edition, plan.lang, found, source, data)
        _write(rendered)
        if "html" in settings.formats:
            save_content(state_path(settings.workspace, settings.out), plan.edition, article)
        results.append(replace(plan.result, files=tuple(rendered)))
    known = {p.lang.code: p.stats for p in planned if p.stats is not None}
    row = (
        index_row(settings.workspace, settings.out, source, document, known, original.title)
        if "html" in settings.formats
        else IndexRow(slug, "", ())
    )
    published = tuple((key(p.lang.code, slug), p.record) for p in planned if p.record is not None)
    corrections = tuple(p.correction for p in planned if p.correction is not None)
    withdrawn = tuple(key(p.lang.code, slug) for p in planned if p.withdraw)
    written = tuple(path for p in planned for path in p.written)
    return _ArticleBuild(tuple(results), written, row, published, corrections, withdrawn)


def _write(rendered: dict[Path, bytes]) -> None:
    for path, content in rendered.items():
        # Editions are derived (rebuilt from the catalogs): atomic, but no fsync per file.
        write_atomic(path, content, durable=False)
