"""Review stages: status (where each catalog stands), check (quality findings, streamed) and
report (how much reviewers changed the machine drafts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from l10n import parallel
from l10n.checks import CONSISTENCY, CheckContext, Finding, catalog_findings
from l10n.config import Language
from l10n.glossary import Glossary
from l10n.language.languages import language_code
from l10n.model import Catalog, CatalogStats
from l10n.po.files import load_catalog
from l10n.po.merge3 import conflict_notes
from l10n.review_state import PostEdit, catalog_stats, entry_state, normalised, post_edits
from l10n.stages.catalogs import cached_catalog
from l10n.stages.published import file_digest, key, load_state, staleness, state_path
from l10n.stages.sources import load_glossary
from l10n.team.signoff import reviewed_by
from l10n.workspace import Workspace, read_source


@dataclass(frozen=True)
class StatusRecord:
    article: str
    lang: str
    path: Path
    stats: CatalogStats
    threshold: float  # % of source words that must be reviewed
    derived_from: str | None = None  # kk_Latn: its state is kk's (made from it, never reviewed itself)
    stale_reason: str | None = None  # why the published edition no longer matches (None: current)
    reviewed_by: dict[str, int] = field(default_factory=dict)  # reviewed entries per sign-off name
    conflicts: int = 0  # live entries a git merge left with a conflict (l10n-conflict comments)

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
            "reviewed_by": self.reviewed_by,
            "merge_conflicts": self.conflicts,
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
    words: dict[str, frozenset[str]] | None = None  # dictionary/<lang>.txt per language


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
            catalog = cached_catalog(workspace, read)
            entries = catalog.entries
            threshold = workspace.config.publish.threshold_for(lang.code)
            stale = staleness(workspace, lang, source, digest, published)
            conflicts = 0 if lang.derived_from else count_conflicts(catalog)
            records.append(
                StatusRecord(
                    source.stem,
                    lang.code,
                    path,
                    catalog_stats(entries),
                    threshold,
                    lang.derived_from,
                    stale,
                    reviewed_by(entries),
                    conflicts,
                )
            )
    return records


def status_of_files(paths: list[Path], threshold: float = 100.0) -> list[StatusRecord]:
    """Review state of PO files given by path (any project's)."""
    records = []
    for path in paths:
        catalog = load_catalog(path)
        lang, base = catalog.header_value("Language") or "", catalog.header_value("X-Derived-From")
        stats = catalog_stats(catalog.entries)
        conflicts = count_conflicts(catalog)
        records.append(
            StatusRecord(
                path.stem,
                lang,
                path,
                stats,
                threshold,
                base or None,
                None,
                reviewed_by(catalog.entries),
                conflicts,
            )
        )
    return records


def count_conflicts(catalog: Catalog) -> int:
    """Live entries a git merge left with a conflict for a person to resolve."""
    return sum(1 for e in catalog.entries if not e.obsolete and conflict_notes(e))


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


def check_context(glossary: Glossary, lang: str, words: frozenset[str] = frozenset()) -> CheckContext:
    pairs = glossary.for_language(lang)
    keep = frozenset(t.en for t in glossary.terms if t.target(lang) == t.en)
    return CheckContext(
        lang=lang, terms=tuple((en, target) for en, target in pairs if en not in keep), keep=keep, words=words
    )


def check_catalog(
    article: str, lang: str, catalog: Catalog, glossary: Glossary, words: frozenset[str] = frozenset()
) -> list[CheckRecord]:
    ctx = check_context(glossary, lang, words)
    return [CheckRecord(article, lang, msgid, f) for msgid, f in catalog_findings(catalog.entries, ctx)]


def check(
    workspace: Workspace, sources: list[Path], languages: tuple[Language, ...], jobs: int | None = None
) -> Iterator[CheckRecord]:
    """Findings in article and language order, streamed: an archive can have hundreds of
    thousands, and nobody needs them all in memory at once. Then the workspace-wide ones: one
    English sentence reviewed differently in two articles."""
    glossary = load_glossary(workspace)
    words = {lang.code: load_word_list(workspace, lang.code) for lang in languages}
    job = _ReviewJob(workspace, languages, glossary, words=words)
    translations = Translations()
    for found, reviewed in parallel.map_ordered(_check_article, sources, job, jobs):
        yield from found
        translations.add(reviewed)
    yield from translations.inconsistencies()


def spelling_notices(langs: Iterable[str]) -> list[tuple[str, str]]:
    """(language, one line) for each language whose spelling check cannot run (a dictionary
    not installed); kk_Latn is spelled as kk, so it says nothing of its own."""
    from l10n.language.hunspell import missing_dictionary

    found: dict[str, tuple[str, str]] = {}
    for lang in langs:
        notice = missing_dictionary(lang)
        if notice is not None and notice not in found:
            found[notice] = (lang, notice)
    return list(found.values())


def load_word_list(workspace: Workspace, lang: str) -> frozenset[str]:
    """dictionary/<lang>.txt: words the spelling check accepts, one per line ("#" comments)."""
    path = workspace.root / "dictionary" / f"{lang}.txt"
    if not path.is_file():
        return frozenset()
    lines = (line.split("#", 1)[0].strip().lower() for line in read_source(path).splitlines())
    return frozenset(line for line in lines if line)


Reviewed = tuple[tuple[str, str, str, str], ...]  # (article, lang, msgid, msgstr) of reviewed entries


class Translations:
    """Reviewed translations by language and English sentence, across articles."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], dict[str, str]] = {}  # (lang, msgid) -> {msgstr: article}

    def add(self, reviewed: Reviewed) -> None:
        for article, lang, msgid, msgstr in reviewed:
            self._seen.setdefault((lang, msgid), {}).setdefault(" ".join(msgstr.split()), article)

    def inconsistencies(self) -> Iterator[CheckRecord]:
        """One finding per article whose reviewed translation of a sentence differs from the
        first article's."""
        for (lang, msgid), versions in self._seen.items():
            if len(versions) < 2:
                continue
            (first_text, first_article), *others = versions.items()
            for _, article in others:
                message = f"reviewed differently in {first_article}: {first_text}"
                yield CheckRecord(article, lang, msgid, CONSISTENCY.finding(message))


def check_files(paths: list[Path]) -> Iterator[CheckRecord]:
    """Findings on PO files given by path (any project's): the language from each header. Every
    file is read before the first finding, so a bad file stops the command before any output."""
    catalogs = [(path, load_catalog(path)) for path in paths]
    return (
        record
        for path, catalog in catalogs
        for record in check_catalog(
            path.name, language_code(catalog.header_value("Language") or ""), catalog, Glossary()
        )
    )


def _check_article(source: Path) -> tuple[list[CheckRecord], Reviewed]:
    job = parallel.context(_ReviewJob)
    records: list[CheckRecord] = []
    reviewed: list[tuple[str, str, str, str]] = []
    for lang in job.languages:
        path = job.workspace.catalog_path(lang.code, source.stem)
        if lang.derived_from:
            continue  # generated from its base, whose findings are the same: checked there
        if path.exists():
            catalog = cached_catalog(job.workspace, path)
            words = (job.words or {}).get(lang.code, frozenset())
            records += check_catalog(source.stem, lang.code, catalog, job.glossary, words)
            reviewed += [
                (source.stem, lang.code, e.msgid, e.msgstr)
                for e in catalog.entries
                if not e.obsolete and e.msgid and not e.msgid_plural and entry_state(e) == "reviewed"
            ]
    return records, tuple(reviewed)


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
    reviewed_by: dict[str, int] = field(default_factory=dict)  # these drafts' approvals per reviewer

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
            "reviewed_by": self.reviewed_by,
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
        dict(sorted(Counter(edit.reviewer for edit in edits).items())),
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
