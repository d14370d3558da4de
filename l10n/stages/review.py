"""Review stages: status (where each catalog stands), check (quality findings, streamed) and
report (how much reviewers changed the machine drafts)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from l10n import parallel
from l10n.catalog_io import load_catalog
from l10n.checks import CheckContext, Finding, check_entry
from l10n.config import Language
from l10n.drafts import Glossary
from l10n.model import Catalog, CatalogStats
from l10n.review import PostEdit, catalog_stats, normalised, post_edits
from l10n.stages.published import file_digest, key, load_state, staleness, state_path
from l10n.stages.shared import cached_catalog, load_glossary
from l10n.workspace import Workspace


@dataclass(frozen=True)
class StatusRecord:
    article: str
    lang: str
    path: Path
    stats: CatalogStats
    threshold: float  # % of source words that must be reviewed
    derived_from: str | None = None  # kk_Latn: its state is kk's (made from it, never reviewed itself)
    stale_reason: str | None = None  # why the published edition no longer matches (None: current)

    @property
    def stale(self) -> bool:
        return self.stale_reason is not None

    @property
    def ratio(self) -> float:
        return self.stats.reviewed_ratio()

    @property
    def ready(self) -> bool:
        return self.stats.reaches(self.threshold)

    def as_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "lang": self.lang,
            "path": str(self.path),
            **self.stats.as_json(),
            "reviewed_words_ratio": round(self.ratio, 4),
            "ready": self.ready,
            "derived_from": self.derived_from,
            "stale": self.stale,
            "stale_reason": self.stale_reason,
        }


def status(
    workspace: Workspace, sources: list[Path], languages: tuple[Language, ...], jobs: int | None = None
) -> list[StatusRecord]:
    """Review state of every existing catalog of the chosen articles and languages."""
    records: list[StatusRecord] = []
    published = load_state(state_path(workspace, workspace.editions_dir))
    job = _ReviewJob(workspace, languages, published=published)
    for found in parallel.map_ordered(_status_article, sources, job, jobs):
        records += found
    return records


@dataclass(frozen=True)
class _ReviewJob:
    """What every status or check worker needs, handed over by fork."""

    workspace: Workspace
    languages: tuple[Language, ...]
    glossary: Glossary = Glossary()
    published: dict[str, dict[str, object]] | None = None  # the editions folder's build record


def _status_article(source: Path) -> list[StatusRecord]:
    job = parallel.context(_ReviewJob)
    workspace, languages, published = job.workspace, job.languages, job.published or {}
    # The source is read for staleness once per article, and only when something was published.
    digest = (
        file_digest(source) if any(key(lang.code, source.stem) in published for lang in languages) else ""
    )
    records = []
    for lang in languages:
        path = workspace.catalog_path(lang.code, source.stem)
        # A derived language's state is its base's: read the base catalog (kk for kk_Latn).
        read = workspace.catalog_path(lang.derived_from, source.stem) if lang.derived_from else path
        if read.exists():
            stats = catalog_stats(cached_catalog(workspace, read).entries)
            threshold = workspace.config.publish.threshold_for(lang.code)
            stale = staleness(workspace, lang, source, digest, published)
            records.append(
                StatusRecord(source.stem, lang.code, path, stats, threshold, lang.derived_from, stale)
            )
    return records


def status_of_files(paths: list[Path], threshold: float = 100.0) -> list[StatusRecord]:
    """Review state of PO files given by path (any project's)."""
    records = []
    for path in paths:
        catalog = load_catalog(path)
        lang, base = catalog.header_value("Language") or "", catalog.header_value("X-Derived-From")
        records.append(
            StatusRecord(path.stem, lang, path, catalog_stats(catalog.entries), threshold, base or None)
        )
    return records


@dataclass(frozen=True)
class CheckRecord:
    article: str
    lang: str
    msgid: str
    finding: Finding

    def as_json(self) -> dict[str, str]:
        f = self.finding
        return {
            "check": f.check,
            "severity": f.severity,
            "article": self.article,
            "lang": self.lang,
            "msgid": self.msgid,
            "message": f.message,
        }


def check_context(glossary: Glossary, lang: str) -> CheckContext:
    pairs = glossary.for_language(lang)
    keep = frozenset(t.en for t in glossary.terms if t.target(lang) == t.en)
    return CheckContext(
        lang=lang, terms=tuple((en, target) for en, target in pairs if en not in keep), keep=keep
    )


def check_catalog(article: str, lang: str, catalog: Catalog, glossary: Glossary) -> list[CheckRecord]:
    ctx = check_context(glossary, lang)
    return [
        CheckRecord(article, lang, entry.msgid, f)
        for entry in catalog.entries
        for f in check_entry(entry, ctx)
    ]


def check(
    workspace: Workspace, sources: list[Path], languages: tuple[Language, ...], jobs: int | None = None
) -> Iterator[CheckRecord]:
    """Findings in article and language order, streamed: an archive can have hundreds of
    thousands, and nobody needs them all in memory at once."""
    glossary = load_glossary(workspace)
    job = _ReviewJob(workspace, languages, glossary)
    for found in parallel.map_ordered(_check_article, sources, job, jobs):
        yield from found


def _check_article(source: Path) -> list[CheckRecord]:
    job = parallel.context(_ReviewJob)
    records: list[CheckRecord] = []
    for lang in job.languages:
        path = job.workspace.catalog_path(lang.code, source.stem)
        if lang.derived_from:
            continue  # generated from its base, whose findings are the same: checked there
        if path.exists():
            records += check_catalog(
                source.stem, lang.code, cached_catalog(job.workspace, path), job.glossary
            )
    return records


@dataclass(frozen=True)
class ReportRecord:
    article: str
    lang: str
    engine: str
    reviewed_drafts: int
    unchanged: int
    chrf: float  # chrF of the machine drafts against the approved translations (100 = identical)
    edit_distance: float  # mean characters changed per draft (Levenshtein)
    edit_rate: float  # characters changed / characters of the approved translations

    def as_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "lang": self.lang,
            "engine": self.engine,
            "reviewed_drafts": self.reviewed_drafts,
            "accepted_unchanged": self.unchanged,
            "accepted_unchanged_share": round(self.unchanged / self.reviewed_drafts, 4)
            if self.reviewed_drafts
            else 0.0,
            "chrf": round(self.chrf, 2),
            "edit_distance_mean": round(self.edit_distance, 2),
            "edit_rate": round(self.edit_rate, 4),
        }


def post_edit_record(article: str, lang: str, engine: str, edits: list[PostEdit]) -> ReportRecord:
    from rapidfuzz.distance import Levenshtein
    from sacrebleu.metrics.chrf import CHRF

    raws, finals = [normalised(e.raw) for e in edits], [normalised(e.final) for e in edits]
    distances = [Levenshtein.distance(a, b) for a, b in zip(raws, finals, strict=True)]
    chrf = CHRF().corpus_score(raws, [finals]).score
    chars = sum(len(f) for f in finals)
    return ReportRecord(
        article,
        lang,
        engine,
        len(edits),
        sum(d == 0 for d in distances),
        chrf,
        sum(distances) / len(edits),
        sum(distances) / chars if chars else 0.0,
    )


def report(workspace: Workspace, sources: list[Path], languages: tuple[Language, ...]) -> list[ReportRecord]:
    """Per article, language and engine: how much reviewers changed the machine drafts."""
    records = []
    for source in sources:
        for lang in languages:
            path = workspace.catalog_path(lang.code, source.stem)
            if not path.exists():
                continue
            groups: dict[str, list[PostEdit]] = {}
            for edit in post_edits(cached_catalog(workspace, path).entries):
                groups.setdefault(edit.engine, []).append(edit)
            records += [
                post_edit_record(source.stem, lang.code, engine, edits)
                for engine, edits in sorted(groups.items())
            ]
    return records
