"""The stages wired to the workspace's files. Reads and writes, never prints: returns records
that the CLI shows as tables or JSON."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from l10n.catalog_io import load_catalog, save_catalog
from l10n.extract import refresh_template, template_catalog, update_catalog
from l10n.model import Catalog, CatalogStats, Document
from l10n.review import catalog_stats
from l10n.segment import parse_document
from l10n.workspace import Language, Workspace, read_source, source_format


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(second=0, microsecond=0)


def load_document(path: Path) -> Document:
    slug = path.stem
    return parse_document(slug, read_source(path), source_format(path))


def _load_if_exists(path: Path) -> Catalog | None:
    return load_catalog(path) if path.exists() else None


@dataclass(frozen=True)
class FileResult:
    article: str
    lang: str  # "pot" for the template
    path: Path
    action: str  # created / updated / unchanged


def extract_article(workspace: Workspace, source: Path, languages: tuple[Language, ...], now: datetime) -> list[FileResult]:
    """Segment one article, refresh its template and merge it into each language's catalog.

    Every catalog is read (and so validated) before anything is written, so a broken PO file
    stops the article with nothing half-done.
    """
    document = load_document(source)
    slug = document.slug
    pot_path = workspace.template_path(slug)
    old_template = _load_if_exists(pot_path)
    template = refresh_template(old_template, template_catalog(document, workspace.config.project, now))
    olds = {lang.code: _load_if_exists(workspace.catalog_path(lang.code, slug)) for lang in languages}

    def action(old: Catalog | None, new: Catalog, path: Path) -> str:
        if old is not None and new is old:
            return "unchanged"
        written = save_catalog(path, new)
        return "created" if old is None else ("updated" if written else "unchanged")

    results = [FileResult(slug, "pot", pot_path, action(old_template, template, pot_path))]
    for lang in languages:
        path = workspace.catalog_path(lang.code, slug)
        old = olds[lang.code]
        new = update_catalog(old, template, lang.code, lang.name, lang.plural_forms)
        results.append(FileResult(slug, lang.code, path, action(old, new, path)))
    return results


def extract(
    workspace: Workspace,
    sources: list[Path],
    languages: tuple[Language, ...],
    progress: Callable[[Path], None] = lambda _: None,
) -> list[FileResult]:
    now = build_time()
    results: list[FileResult] = []
    for source in sources:
        results.extend(extract_article(workspace, source, languages, now))
        progress(source)
    return results


@dataclass(frozen=True)
class StatusRecord:
    article: str
    lang: str
    path: Path
    stats: CatalogStats

    @property
    def total_words(self) -> int:
        s = self.stats
        return s.untranslated.words + s.fuzzy.words + s.translated.words

    def as_json(self) -> dict[str, object]:
        s = self.stats
        total = self.total_words
        return {
            "article": self.article,
            "lang": self.lang,
            "path": str(self.path),
            "entries": {k: getattr(s, k).entries for k in ("untranslated", "fuzzy", "translated")},
            "words": {k: getattr(s, k).words for k in ("untranslated", "fuzzy", "translated")},
            "translated_words_ratio": round(s.translated.words / total, 4) if total else 1.0,
        }


def status(workspace: Workspace, sources: list[Path], languages: tuple[Language, ...]) -> list[StatusRecord]:
    """Statistics of every existing catalog of the chosen articles and languages."""
    records: list[StatusRecord] = []
    for source in sources:
        for lang in languages:
            path = workspace.catalog_path(lang.code, source.stem)
            if path.exists():
                records.append(StatusRecord(source.stem, lang.code, path, catalog_stats(load_catalog(path).entries)))
    return records


def status_of_files(paths: list[Path]) -> list[StatusRecord]:
    """Statistics of PO files given by path (any project's)."""
    records = []
    for path in paths:
        catalog = load_catalog(path)
        records.append(StatusRecord(path.stem, catalog.header_value("Language") or "", path, catalog_stats(catalog.entries)))
    return records
