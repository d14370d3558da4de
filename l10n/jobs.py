"""The stages wired to the workspace's files. Reads and writes, never prints: returns records
that the CLI shows as tables or JSON."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.build import DRAFT, SOURCE, Edition, derive_catalog, make_edition
from l10n import parallel
from l10n.catalog_io import cache_load, cache_store, code_version, commit_staged, load_catalog, read_catalog, remember_catalog, render_po, save_catalog, save_mo, stage_file, write_atomic
from l10n.engines.pivot import PivotEngine
from l10n.engines.pseudo import PseudoEngine
from l10n.errors import CatalogError, EngineUnavailable, L10nError, SourceError
from l10n.extract import GENERATOR, refresh_template, template_catalog, update_catalog
from l10n.model import Catalog, CatalogStats, Document, Entry
from l10n.model import BlockKind
from l10n.review import STATES, entry_state, CheckContext, Finding, PostEdit, catalog_stats, check_entry, normalised, post_edits, reviewed_ratio
from l10n.render.html import Alternate, IndexRow, render_bilingual, render_html, render_index
from l10n.render.text import render_md, render_txt
from l10n.segment import parse_document
from l10n.translit import transliterate
from l10n.translate import (
    Glossary,
    Masked,
    mask,
    needs_draft,
    parse_glossary,
    provenance,
    recall,
    unmask,
    with_draft,
    with_suggestions,
)
from l10n.workspace import Language, Workspace, decode_source, read_source, read_source_bytes, source_format

if TYPE_CHECKING:
    from l10n.memory import Memory

# The translation memory, the MT cache and TMX (sqlite3, XML) are imported where they are used:
# status, check and build never need them, and every command starts faster without them.


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(second=0, microsecond=0)


def load_document(path: Path, workspace: Workspace | None = None) -> Document:
    """The parsed article. With a workspace, parses are cached in .l10n/cache/ by the file's bytes
    and everything that shapes the result (tool version, segmenter code, ignore rules): extract,
    build and translate all need the same segmentation, and an archive's articles rarely change."""
    slug = path.stem
    if workspace is None:
        return parse_document(slug, read_source(path), source_format(path), ())
    data = read_source_bytes(path)
    ignore = workspace.config.ignore
    shape = f"{GENERATOR}|{code_version('l10n.model', 'l10n.segment')}|{slug}|{source_format(path)}|{[r.pattern for r in ignore]}"
    key = shape.encode() + b"\0" + data
    name = hashlib.blake2b(key, digest_size=20).hexdigest()
    slot = workspace.state_dir / "cache" / "documents" / name[:2] / f"{name}.pickle"
    document = cache_load(slot, key)
    if not isinstance(document, Document):
        document = parse_document(slug, decode_source(data, path), source_format(path), ignore)
        cache_store(slot, key, document)
    return document


@dataclass(frozen=True)
class FileResult:
    article: str
    lang: str  # "pot" for the template
    path: Path
    action: str  # created / updated / unchanged


@dataclass(frozen=True)
class _Planned:
    article: str
    lang: str
    path: Path
    old: Catalog | None
    old_bytes: bytes | None
    new: Catalog


def catalog_cache(workspace: Workspace) -> Path:
    """Where parsed catalogs are kept (derived, safe to delete)."""
    return workspace.state_dir / "cache" / "catalogs"


def _read_if_exists(workspace: Workspace, path: Path) -> tuple[Catalog | None, bytes | None]:
    if not path.exists():
        return None, None
    return read_catalog(path, catalog_cache(workspace))


def plan_article(workspace: Workspace, source: Path, languages: tuple[Language, ...], now: datetime) -> list[_Planned]:
    """Segment one article and compute its template and every language's merged catalog.
    Reads (and so validates) everything; writes nothing."""
    document = load_document(source, workspace)
    slug = document.slug
    pot_path = workspace.template_path(slug)
    old_template, old_bytes = _read_if_exists(workspace, pot_path)
    template = refresh_template(old_template, template_catalog(document, workspace.config.project, now))
    planned = [_Planned(slug, "pot", pot_path, old_template, old_bytes, template)]
    for lang in languages:
        if lang.derived_from:
            continue  # made by l10n build from its base catalog
        path = workspace.catalog_path(lang.code, slug)
        old, data = _read_if_exists(workspace, path)
        planned.append(_Planned(slug, lang.code, path, old, data, update_catalog(old, template, lang.code, lang.name, lang.plural_forms)))
    return planned


@dataclass(frozen=True)
class _Staged:
    """One file of an article, ready to commit: its new bytes wait in ``staged`` (a temporary file
    next to it) or, when they would not change, nothing waits. ``seen`` is the file as it was read
    (time and size), to notice a translator who saves while extract runs."""

    article: str
    lang: str
    path: Path
    staged: Path | None
    existed: bool
    seen: tuple[int, int] | None
    pairs: tuple[tuple[str, str], ...]  # reviewed entries, for the translation memory


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _staging_suffix(run: str) -> str:
    return f".l10n-{run}.tmp"


def stage_article(source: Path) -> list[_Staged]:
    """Worker side of extract (runs in the pool): plan one article and write each changed file to
    a temporary beside it. Nothing a translator sees changes until the commit."""
    workspace, languages, now, run = parallel.context()  # type: ignore[misc]
    staged: list[_Staged] = []
    try:
        for item in plan_article(workspace, source, languages, now):
            seen = _stat(item.path)
            data = None if item.new is item.old else render_po(item.new).encode("utf-8")
            temporary = None if data is None or data == item.old_bytes else stage_file(item.path, data, _staging_suffix(run))
            if temporary is not None:
                remember_catalog(catalog_cache(workspace), item.path, data, item.new)  # status, check, build read it next
            pairs = tuple(reviewed_pairs(item.new)) if item.lang != "pot" else ()
            staged.append(_Staged(item.article, item.lang, item.path, temporary, item.old is not None, seen, pairs))
    except BaseException:
        for done in staged:
            if done.staged is not None:
                done.staged.unlink(missing_ok=True)
        raise
    return staged


def _discard_staged(workspace: Workspace, languages: tuple[Language, ...], run: str) -> None:
    """Remove every temporary of this run, including those of workers that were stopped."""
    suffix = _staging_suffix(run)
    folders = {workspace.template_path("x").parent} | {workspace.catalog_path(lang.code, "x").parent for lang in languages}
    for folder in folders:
        try:
            names = [entry.path for entry in os.scandir(folder) if entry.name.endswith(suffix)]
        except FileNotFoundError:
            continue
        for name in names:
            Path(name).unlink(missing_ok=True)


def _commit(item: _Staged) -> str:
    if item.staged is None:
        return "unchanged"
    if _stat(item.path) != item.seen:
        # Saved by someone else after we read it: theirs wins; the next extract merges it.
        item.staged.unlink(missing_ok=True)
        return "skipped"
    commit_staged(item.staged, item.path)
    return "updated" if item.existed else "created"


def extract(
    workspace: Workspace,
    sources: list[Path],
    languages: tuple[Language, ...],
    progress: Callable[[Path], None] = lambda _: None,
    jobs: int | None = None,
) -> list[FileResult]:
    """Two phases, so bad input anywhere stops the run with nothing changed: every changed article
    is read, merged and staged (in parallel, memory flat: what waits is on disk), then every staged
    file is renamed into place. An article whose source and catalogs are exactly as the last run
    left them (content hash, file sizes and times) is not parsed again."""
    import uuid

    now = build_time()
    state = _ExtractState.load(workspace, languages)
    run = uuid.uuid4().hex[:12]
    todo = []
    for source in sources:
        if state.unchanged(source):
            progress(source)
        else:
            todo.append(source)
    staged: dict[Path, list[_Staged]] = {}
    try:
        for source, files in zip(todo, parallel.map_ordered(stage_article, todo, (workspace, languages, now, run), jobs)):
            staged[source] = files
            progress(source)
    except BaseException:
        _discard_staged(workspace, languages, run)
        raise
    results: list[FileResult] = []
    try:
        with open_memory(workspace) as memory, memory.batch():
            for source in sources:
                files = staged.pop(source, None)
                if files is None:
                    results += [FileResult(source.stem, lang, path, "unchanged") for lang, path in state.files(source)]
                    continue
                for item in files:
                    action = _commit(item)
                    results.append(FileResult(item.article, item.lang, item.path, action))
                    if item.lang != "pot" and action != "skipped":
                        mtime = item.path.stat().st_mtime
                        if action != "unchanged" or memory.synced_at(item.article, item.lang) != mtime:
                            memory.replace_origin(item.article, item.lang, item.pairs, trusted=True, updated=mtime)
                            memory.mark_synced(item.article, item.lang, mtime)
                if all(r.action != "skipped" for r in results[-len(files):]):
                    state.record(source)
    finally:
        if staged:  # interrupted while committing: what is left was not renamed into place
            _discard_staged(workspace, languages, run)
        state.save()
    return results


class _ExtractState:
    """What extract saw last time, per article: a fingerprint of the source (and of everything
    that shapes the catalogs: tool version, project, languages, ignore rules) and the size and
    time of each catalog it wrote. Derived state in .l10n/, safe to delete."""

    def __init__(self, workspace: Workspace, languages: tuple[Language, ...], data: dict[str, object]) -> None:
        self.workspace = workspace
        self.languages = [lang for lang in languages if not lang.derived_from]
        config = workspace.config
        setting = f"{GENERATOR}|{config.project}|{[lang.code for lang in self.languages]}|{[r.pattern for r in config.ignore]}"
        self.salt = hashlib.sha256(setting.encode()).hexdigest()
        self.data = data

    @classmethod
    def load(cls, workspace: Workspace, languages: tuple[Language, ...]) -> _ExtractState:
        try:
            data = json.loads((workspace.state_dir / "extract-state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        return cls(workspace, languages, data if isinstance(data, dict) else {})

    def files(self, source: Path) -> list[tuple[str, Path]]:
        slug = source.stem
        return [("pot", self.workspace.template_path(slug))] + [(lang.code, self.workspace.catalog_path(lang.code, slug)) for lang in self.languages]

    def _seen(self, source: Path) -> dict[str, object]:
        try:
            digest = hashlib.sha256(self.salt.encode() + source.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        stats: dict[str, list[int] | None] = {}
        for _, path in self.files(source):
            try:
                st = path.stat()
                stats[str(path)] = [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                stats[str(path)] = None
        return {"source": digest, "files": stats}

    def unchanged(self, source: Path) -> bool:
        seen = self.data.get(str(source))
        return seen is not None and seen == self._seen(source)

    def record(self, source: Path) -> None:
        self.data[str(source)] = self._seen(source)

    def save(self) -> None:
        write_atomic(self.workspace.state_dir / "extract-state.json", json.dumps(self.data, sort_keys=True).encode("utf-8"))


# --- translation memory ------------------------------------------------------------------------


def open_memory(workspace: Workspace) -> Memory:
    from l10n.memory import Memory

    return Memory(workspace.state_dir / "tm.sqlite")


def reviewed_pairs(catalog: Catalog) -> list[tuple[str, str]]:
    return [(e.msgid, e.msgstr) for e in catalog.entries if not e.msgid_plural and e.msgctxt is None and entry_state(e) == "reviewed"]


def sync_memory(memory: Memory, article: str, lang: str, path: Path, catalog: Catalog | None = None) -> int:
    """The memory holds exactly the catalog's reviewed entries for this article and language,
    dated by the catalog file (when its translator last saved it)."""
    catalog = catalog if catalog is not None else load_catalog(path)
    mtime = path.stat().st_mtime
    count = memory.replace_origin(article, lang, reviewed_pairs(catalog), trusted=True, updated=mtime)
    memory.mark_synced(article, lang, mtime)
    return count


def refresh_memory(workspace: Workspace, memory: Memory) -> None:
    """Bring the memory up to date with every catalog saved since it last looked (a stat per
    catalog; only changed files are parsed)."""
    for source in workspace.sources():
        for lang in workspace.config.targets:
            path = workspace.catalog_path(lang.code, source.stem)
            if lang.derived_from or not path.exists():
                continue
            if memory.synced_at(source.stem, lang.code) != path.stat().st_mtime:
                sync_memory(memory, source.stem, lang.code, path)


def tm_rebuild(workspace: Workspace) -> int:
    """Refill the memory from every reviewed entry of every catalog; imported TMX units stay."""
    total = 0
    with open_memory(workspace) as memory, memory.batch():  # one transaction, not one per catalog
        memory.clear(keep_imported=True)
        for source in workspace.sources():
            for lang in workspace.config.targets:
                path = workspace.catalog_path(lang.code, source.stem)
                if not lang.derived_from and path.exists():
                    total += sync_memory(memory, source.stem, lang.code, path)
    return total


def tm_import(workspace: Workspace, path: Path, trusted: bool) -> int:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror}") from None
    from l10n.memory import Unit
    from l10n.tmx import parse_tmx

    triples = parse_tmx(data, path, workspace.config.source_language)
    updated = path.stat().st_mtime
    with open_memory(workspace) as memory:
        return memory.add(Unit(s, lang, t, f"tmx:{path.name}", trusted, updated) for s, lang, t in triples)


def tm_export(workspace: Workspace, path: Path, lang: str) -> int:
    with open_memory(workspace) as memory:
        units = memory.units(lang, trusted_only=True)
    from l10n.tmx import write_tmx

    write_atomic(path, write_tmx(((u.source, u.origin, u.target) for u in units), lang))
    return len(units)


@dataclass(frozen=True)
class StatusRecord:
    article: str
    lang: str
    path: Path
    stats: CatalogStats
    threshold: float  # % of source words that must be reviewed
    derived_from: str | None = None  # kk_Latn: its state is kk's (made from it, never reviewed itself)

    @property
    def ratio(self) -> float:
        return reviewed_ratio(self.stats)

    @property
    def ready(self) -> bool:
        # compare in whole words, not floats: 100% means every word
        total = sum(getattr(self.stats, s).words for s in STATES)
        return self.stats.reviewed.words * 100 >= self.threshold * total

    def as_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "lang": self.lang,
            "path": str(self.path),
            "entries": {state: getattr(self.stats, state).entries for state in STATES},
            "words": {state: getattr(self.stats, state).words for state in STATES},
            "reviewed_words_ratio": round(self.ratio, 4),
            "ready": self.ready,
            "derived_from": self.derived_from,
        }


def status(workspace: Workspace, sources: list[Path], languages: tuple[Language, ...], jobs: int | None = None) -> list[StatusRecord]:
    """Review state of every existing catalog of the chosen articles and languages."""
    records: list[StatusRecord] = []
    for found in parallel.map_ordered(_status_article, sources, (workspace, languages), jobs):
        records += found
    return records


def _status_article(source: Path) -> list[StatusRecord]:
    workspace, languages = parallel.context()  # type: ignore[misc]
    records = []
    for lang in languages:
        path = workspace.catalog_path(lang.code, source.stem)
        # A derived language's state is its base's: read the base catalog (kk for kk_Latn).
        read = workspace.catalog_path(lang.derived_from, source.stem) if lang.derived_from else path
        if read.exists():
            stats = catalog_stats(load_catalog(read, catalog_cache(workspace)).entries)
            threshold = workspace.config.publish.threshold_for(lang.code)
            records.append(StatusRecord(source.stem, lang.code, path, stats, threshold, lang.derived_from))
    return records


def status_of_files(paths: list[Path], threshold: float = 100.0) -> list[StatusRecord]:
    """Review state of PO files given by path (any project's)."""
    records = []
    for path in paths:
        catalog = load_catalog(path)
        lang, base = catalog.header_value("Language") or "", catalog.header_value("X-Derived-From")
        records.append(StatusRecord(path.stem, lang, path, catalog_stats(catalog.entries), threshold, base or None))
    return records


# --- check -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckRecord:
    article: str
    lang: str
    msgid: str
    finding: Finding

    def as_json(self) -> dict[str, str]:
        f = self.finding
        return {"check": f.check, "severity": f.severity, "article": self.article, "lang": self.lang, "msgid": self.msgid, "message": f.message}


def check_context(glossary: Glossary, lang: str) -> CheckContext:
    pairs = glossary.for_language(lang)
    keep = frozenset(t.en for t in glossary.terms if t.target(lang) == t.en)
    return CheckContext(lang=lang, terms=tuple((en, target) for en, target in pairs if en not in keep), keep=keep)


def check_catalog(article: str, lang: str, catalog: Catalog, glossary: Glossary) -> list[CheckRecord]:
    ctx = check_context(glossary, lang)
    return [CheckRecord(article, lang, entry.msgid, f) for entry in catalog.entries for f in check_entry(entry, ctx)]


def check(workspace: Workspace, sources: list[Path], languages: tuple[Language, ...], jobs: int | None = None) -> Iterator[CheckRecord]:
    """Findings in article and language order, streamed: an archive can have hundreds of
    thousands, and nobody needs them all in memory at once."""
    glossary = load_glossary(workspace)
    for found in parallel.map_ordered(_check_article, sources, (workspace, languages, glossary), jobs):
        yield from found


def _check_article(source: Path) -> list[CheckRecord]:
    workspace, languages, glossary = parallel.context()  # type: ignore[misc]
    records: list[CheckRecord] = []
    for lang in languages:
        path = workspace.catalog_path(lang.code, source.stem)
        if lang.derived_from:
            continue  # generated from its base, whose findings are the same: checked there
        if path.exists():
            records += check_catalog(source.stem, lang.code, load_catalog(path, catalog_cache(workspace)), glossary)
    return records


# --- report ------------------------------------------------------------------------------------


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
            "article": self.article, "lang": self.lang, "engine": self.engine,
            "reviewed_drafts": self.reviewed_drafts, "accepted_unchanged": self.unchanged,
            "accepted_unchanged_share": round(self.unchanged / self.reviewed_drafts, 4) if self.reviewed_drafts else 0.0,
            "chrf": round(self.chrf, 2), "edit_distance_mean": round(self.edit_distance, 2), "edit_rate": round(self.edit_rate, 4),
        }


def post_edit_record(article: str, lang: str, engine: str, edits: list[PostEdit]) -> ReportRecord:
    from rapidfuzz.distance import Levenshtein
    from sacrebleu.metrics import CHRF

    raws, finals = [normalised(e.raw) for e in edits], [normalised(e.final) for e in edits]
    distances = [Levenshtein.distance(a, b) for a, b in zip(raws, finals)]
    chrf = CHRF().corpus_score(raws, [finals]).score
    chars = sum(len(f) for f in finals)
    return ReportRecord(
        article, lang, engine, len(edits), sum(d == 0 for d in distances), chrf,
        sum(distances) / len(edits), sum(distances) / chars if chars else 0.0,
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
            for edit in post_edits(load_catalog(path, catalog_cache(workspace)).entries):
                groups.setdefault(edit.engine, []).append(edit)
            records += [post_edit_record(source.stem, lang.code, engine, edits) for engine, edits in sorted(groups.items())]
    return records


# --- translate -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftResult:
    article: str
    lang: str
    path: Path
    engine: str
    drafted: int
    action: str  # updated / unchanged


@dataclass
class TranslateReport:
    results: list[DraftResult]
    notices: list[str]
    segments: int  # unique source segments that went to MT
    from_cache: int
    translated: int  # sent to an engine in this run
    interrupted: bool = False
    from_memory: int = 0  # entries filled from a reviewed translation in the memory


def load_glossary(workspace: Workspace) -> Glossary:
    path = workspace.glossary_path
    if not path.exists():
        return Glossary()
    return parse_glossary(read_source(path), path)


def resolve_engine(workspace: Workspace, lang: Language, choice: str) -> tuple[Any, str | None]:
    """The engine for one language and, when auto falls back to pseudo, a notice saying why."""
    mt = workspace.config.mt
    if choice == "pseudo":
        return PseudoEngine(lang.code), None
    from l10n.engines.argos import ArgosEngine, find_package

    settings = mt.for_language(lang.code)
    beam = settings.beam_size or mt.beam_size
    source = workspace.config.source_language

    def engine(src: str, dst: str, name: str | None) -> ArgosEngine | None:
        package = find_package(src, dst, name)
        return ArgosEngine(package, beam_size=beam, threads=mt.threads, batch_size=mt.batch_size, max_decoding_length=mt.max_decoding_length) if package else None

    if settings.pivot:
        first, second = engine(source, settings.pivot, None), engine(settings.pivot, lang.code, settings.package)
        missing = [f"{a}->{b}" for (a, b), e in (((source, settings.pivot), first), ((settings.pivot, lang.code), second)) if e is None]
        if not missing:
            return PivotEngine(first, second, settings.pivot), None
        need = " and ".join(missing)
    else:
        found = engine(source, lang.code, settings.package)
        if found:
            return found, None
        need = f"{source}->{lang.code}" + (f" (package {settings.package!r})" if settings.package else "")
    if choice == "argos":
        raise EngineUnavailable(
            f"no installed Argos package for {need}",
            f"run 'l10n models install {need.split()[0].replace('->', ' ')}' online, or 'l10n models add FILE.argosmodel'",
        )
    notice = (
        f"{lang.code}: no Argos package for {need}; drafting with the pseudo engine. "
        "Install a model with 'l10n models add FILE.argosmodel' (see 'l10n models --help')."
    )
    return PseudoEngine(lang.code), notice


def _digest(path: Path) -> bytes:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except FileNotFoundError:
        return b""


class WorkspaceBusy(L10nError):
    """Another l10n process holds the workspace lock."""


@contextmanager
def workspace_lock(workspace: Workspace, command: str) -> Iterator[None]:
    """One writer at a time. An OS lock (flock) on .l10n/lock: released by the system when its
    holder exits or dies, so a stale lock cannot block anyone; the file says who holds it."""
    import fcntl

    path = workspace.state_dir / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "another l10n process"
            raise WorkspaceBusy(f"the workspace is busy: {holder} holds {path}", "wait for it to finish, then run again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"'l10n {command}' (pid {os.getpid()}, since {datetime.now().strftime('%H:%M:%S')})".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _engine_line(engine: Any) -> str:
    return f"{engine.name} {engine.model} {engine.version}"


def translate(
    workspace: Workspace,
    sources: list[Path],
    languages: tuple[Language, ...],
    choice: str,
    on_plan: Callable[[int, int], None] = lambda segments, words: None,
    on_progress: Callable[[int, int], None] = lambda segments, words: None,
) -> TranslateReport:
    """Fill every empty entry of the chosen catalogs with a fuzzy machine draft.

    All segments of all articles and languages are collected first, masked, deduplicated and
    looked up in the cache; the rest go to each engine sorted by length, in chunks, and each
    finished chunk is cached at once. An interruption (Ctrl-C, SIGTERM) stops the engine, writes
    every catalog with the drafts finished so far (atomically) and is raised again; the next run
    takes the rest from the cache and continues.
    """
    glossary = load_glossary(workspace)
    catalogs: list[tuple[str, Language, Path, Catalog]] = []
    digests: list[bytes] = []  # each file as read, to notice a translator saving it meanwhile
    for source in sources:
        for lang in languages:
            if lang.derived_from:
                continue  # transliterated from its base language by l10n build
            path = workspace.catalog_path(lang.code, source.stem)
            if not path.exists():
                raise CatalogError(path, "no catalog yet", hint="run 'l10n extract' first")
            digests.append(_digest(path))
            catalogs.append((source.stem, lang, path, load_catalog(path)))

    engines: dict[str, Any] = {}
    notices: list[str] = []
    wanted: dict[str, dict[str, Masked]] = {}  # engine ident -> masked text -> mask
    plans: list[list[tuple[int, str, Masked]]] = []
    recalled: list[dict[int, Entry]] = []  # per catalog: entry index -> entry filled from memory
    hints: list[dict[int, list[str]]] = []  # per catalog: entry index -> fuzzy memory suggestions
    with open_memory(workspace) as memory:
        refresh_memory(workspace, memory)  # reviews saved since the last run count
        for article, lang, _, catalog in catalogs:
            plan, filled, suggested = [], {}, {}
            # Resolve the engine only when some entry may need it (no notice about a missing
            # model when every entry already has text).
            if lang.code not in engines and any(needs_draft(e, engine_is_pseudo=False) for e in catalog.entries):
                engines[lang.code], notice = resolve_engine(workspace, lang, choice)
                if notice:
                    notices.append(notice)
            engine = engines.get(lang.code)
            terms = glossary.for_language(lang.code)
            for index, entry in enumerate(catalog.entries):
                if engine is None or not needs_draft(entry, engine_is_pseudo=engine.name == "pseudo"):
                    continue
                exact = [u for u in memory.exact(entry.msgid, lang.code) if u.trusted]
                if exact:
                    filled[index] = recall(entry, exact)
                    continue
                masked = mask(entry.msgid, terms)
                wanted.setdefault(engine.ident, {})[masked.text] = masked
                plan.append((index, engine.ident, masked))
                offers = [f"memory {m.score:.0f}%: {m.unit.source} → {m.unit.target} ({m.unit.origin})" for m in memory.fuzzy(entry.msgid, lang.code)]
                offers += [f"memory 100% (imported, not trusted): {u.target} ({u.origin})" for u in memory.exact(entry.msgid, lang.code) if not u.trusted]
                if offers:
                    suggested[index] = offers
            plans.append(plan)
            recalled.append(filled)
            hints.append(suggested)

    by_ident = {engine.ident: engine for engine in engines.values()}
    from l10n.mtcache import MTCache

    cache = MTCache(workspace.state_dir / "mt-cache.sqlite")
    outputs: dict[str, dict[str, str]] = {}
    total = sum(len(texts) for texts in wanted.values())
    from_cache = translated = 0
    interrupted = False
    try:
        todo: list[tuple[str, list[str]]] = []
        for ident, texts in wanted.items():
            cacheable = by_ident[ident].name != "pseudo"
            outputs[ident] = cache.get_many(ident, list(texts)) if cacheable else {}
            from_cache += len(outputs[ident])
            missing = sorted((t for t in texts if t not in outputs[ident]), key=len)
            todo.append((ident, missing))
        on_plan(sum(len(m) for _, m in todo), sum(len(t.split()) for _, m in todo for t in m))
        try:
            for ident, missing in todo:
                engine = by_ident[ident]
                chunk_size = max(1, getattr(engine, "batch_size", 32)) * 8
                for start in range(0, len(missing), chunk_size):
                    chunk = missing[start : start + chunk_size]
                    results = engine.translate(chunk)
                    outputs[ident].update(zip(chunk, results))
                    if engine.name != "pseudo":
                        cache.put_many(ident, zip(chunk, results))
                    translated += len(chunk)
                    on_progress(len(chunk), sum(len(t.split()) for t in chunk))
        except KeyboardInterrupt:
            interrupted = True
    finally:
        cache.close()

    report = TranslateReport([], notices, total, from_cache, translated, interrupted, sum(len(f) for f in recalled))
    for (article, lang, path, catalog), plan, filled, suggested, digest in zip(catalogs, plans, recalled, hints, digests):
        engine = engines.get(lang.code)
        # What to do to each entry, by msgid, so that it can be applied to a newer copy of the file.
        pending: dict[str, Callable[[Entry], Entry]] = {}
        for index, entry in filled.items():
            pending[catalog.entries[index].msgid] = lambda e, done=entry: with_draft(e, done.msgstr, provenance(done) or "memory", ())
        for index, ident, masked in plan:
            raw = outputs.get(ident, {}).get(masked.text)
            if raw is None:
                continue  # interrupted before this one: the next run drafts it
            draft, problems = unmask(raw, masked)
            offers = suggested.get(index, [])
            line = _engine_line(engine)
            pending[catalog.entries[index].msgid] = lambda e, d=draft, p=problems, o=offers, l=line: with_suggestions(with_draft(e, d, l, p), o)
        base, remerged = catalog, False
        if pending and _digest(path) != digest:
            # A translator saved the file while we were translating: their version wins, and our
            # drafts go only into entries that are still empty in it.
            base, remerged = load_catalog(path), True
        entries, drafted = [], 0
        for entry in base.entries:
            apply = pending.get(entry.msgid)
            if apply is not None and entry.msgctxt is None and needs_draft(entry, engine_is_pseudo=engine is not None and engine.name == "pseudo"):
                entry = apply(entry)
                drafted += 1
            entries.append(entry)
        new = replace(base, entries=tuple(entries))
        written = new != base and save_catalog(path, new)
        engine_line = _engine_line(engine) if engine is not None else "none needed"
        action = ("re-merged" if remerged else "updated") if written else "unchanged"
        report.results.append(DraftResult(article, lang.code, path, engine_line, drafted, action))
    if interrupted:
        raise TranslationInterrupted(report)
    return report


class TranslationInterrupted(KeyboardInterrupt):
    """Raised after an interrupted run has saved what it finished."""

    def __init__(self, report: TranslateReport) -> None:
        super().__init__()
        self.report = report


# --- build -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    article: str
    lang: str
    action: str  # built, skipped
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


def _catalog_for(workspace: Workspace, lang: Language, slug: str) -> tuple[Catalog | None, list[Path]]:
    """A language's catalog (None when there is none yet); a derived one (kk_Latn) is
    regenerated from its base and saved."""
    if not lang.derived_from:
        path = workspace.catalog_path(lang.code, slug)
        return (load_catalog(path, catalog_cache(workspace)) if path.exists() else None), []
    base_path = workspace.catalog_path(lang.derived_from, slug)
    if not base_path.exists():
        return None, []
    derived = derive_catalog(load_catalog(base_path, catalog_cache(workspace)), lang.code, lang.name)
    path = workspace.catalog_path(lang.code, slug)
    return derived, [path] if save_catalog(path, derived) else []


@functools.lru_cache(maxsize=None)
def language_label(lang: Language) -> str:
    """The language's own name for the switcher: Русский, Қазақ тілі, Qazaq tılı."""
    from babel import Locale

    name = Locale.parse(lang.locale).get_display_name(lang.locale) or lang.code
    name = name[:1].upper() + name[1:]
    return transliterate(name) if lang.code == "kk_Latn" else name


@functools.lru_cache(maxsize=None)
def dateline(moment: datetime, lang: Language) -> str:
    from babel.dates import format_date

    text = format_date(moment.date(), format="long", locale=lang.locale)
    return transliterate(text) if lang.code == "kk_Latn" else text


@dataclass(frozen=True)
class _BuildSettings:
    workspace: Workspace
    languages: tuple[Language, ...]
    formats: tuple[str, ...]
    include_drafts: bool
    out: Path
    now: datetime


@dataclass(frozen=True)
class _ArticleBuild:
    results: tuple[BuildResult, ...]
    catalogs_written: tuple[Path, ...]
    index_row: IndexRow


def build(
    workspace: Workspace,
    sources: list[Path],
    languages: tuple[Language, ...],
    formats: tuple[str, ...] = ("txt", "md", "html"),
    include_drafts: bool = False,
    out_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[Path], None] = lambda _: None,
) -> BuildReport:
    """Editions of every article in every language that reaches its publish threshold (or all,
    with drafts, when asked), MO files of every catalog, and the index page. An article below the
    threshold is skipped with its reason and its last good edition is left in place. Articles
    are built in parallel; the index is made from what they report (nothing is parsed twice)."""
    settings = _BuildSettings(workspace, languages, formats, include_drafts, out_dir or workspace.editions_dir, build_time())
    report = BuildReport([], None, [])
    rows: dict[str, IndexRow] = {}
    for source, built in zip(sources, parallel.map_ordered(_build_article, sources, settings, jobs)):
        progress(source)
        report.results += built.results
        report.catalogs_written += built.catalogs_written
        rows[built.index_row.article] = built.index_row
    if "html" in formats:
        report.index = settings.out / "index.html"
        all_rows = [rows.get(source.stem) or _index_row(workspace, settings.out, source, load_document(source, workspace), {}) for source in workspace.sources()]
        write_atomic(report.index, render_index(all_rows, [lang.code for lang in workspace.config.targets], workspace.config.project).encode("utf-8"), durable=False)
    return report


def _build_article(source: Path) -> _ArticleBuild:
    """Worker side of build: one article in every language."""
    settings: _BuildSettings = parallel.context()  # type: ignore[assignment]
    workspace, out = settings.workspace, settings.out
    document = load_document(source, workspace)
    slug = document.slug
    written: list[Path] = []
    stats_by_lang: dict[str, CatalogStats] = {}
    planned: list[tuple[Language, Edition | None, BuildResult]] = []
    for lang in settings.languages:
        catalog, saved = _catalog_for(workspace, lang, slug)
        written += saved
        if catalog is None:
            planned.append((lang, None, BuildResult(slug, lang.code, "skipped", "no catalog yet: run 'l10n extract'", 0.0, ())))
            continue
        if save_mo(workspace.mo_path(lang.code, slug), catalog):
            written.append(workspace.mo_path(lang.code, slug))
        stats = stats_by_lang[lang.code] = catalog_stats(catalog.entries)
        threshold = workspace.config.publish.threshold_for(lang.code)
        record = StatusRecord(slug, lang.code, workspace.catalog_path(lang.code, slug), stats, threshold)
        if not record.ready and not settings.include_drafts:
            reason = f"{100 * record.ratio:.0f}% of words reviewed, {threshold:g}% needed (--include-drafts builds a draft edition)"
            planned.append((lang, None, BuildResult(slug, lang.code, "skipped", reason, record.ratio, ())))
            continue
        edition = make_edition(document, catalog.entries, lang.code, lang.locale, settings.include_drafts)
        result = BuildResult(slug, lang.code, "built", "", record.ratio, (), edition.count(DRAFT), edition.count(SOURCE))
        planned.append((lang, edition, result))

    # Alternates: every language with an HTML edition after this build (new or kept).
    def html_path(code: str) -> Path:
        return out / code / f"{slug}.html"

    formats = settings.formats
    alternates = [
        Alternate(lang.code, language_label(lang), f"../{lang.code}/{slug}.html")
        for lang, edition, _ in planned
        if "html" in formats and (edition is not None or html_path(lang.code).exists())
    ]
    results: list[BuildResult] = []
    for lang, edition, result in planned:
        if edition is None:
            results.append(result)
            continue
        rendered: dict[Path, str] = {}
        if "txt" in formats:
            rendered[out / lang.code / f"{slug}.txt"] = render_txt(edition)
        if "md" in formats:
            rendered[out / lang.code / f"{slug}.md"] = render_md(edition)
        if "html" in formats:
            rendered[html_path(lang.code)] = render_html(edition, alternates, "../index.html", dateline(settings.now, lang))
            rendered[out / "bilingual" / lang.code / f"{slug}.html"] = render_bilingual(edition, "../../index.html", f"../../{lang.code}/{slug}.html")
        for path, text in rendered.items():
            # Editions are derived (rebuilt from the catalogs): atomic, but no fsync per file.
            write_atomic(path, text.encode("utf-8"), durable=False)
        results.append(replace(result, files=tuple(rendered)))
    row = _index_row(workspace, out, source, document, stats_by_lang) if "html" in formats else IndexRow(slug, "", ())
    return _ArticleBuild(tuple(results), tuple(written), row)


def _index_row(workspace: Workspace, out: Path, source: Path, document: Document, known: dict[str, CatalogStats]) -> IndexRow:
    """One article's line in the index: title, and per language its review state and links to
    the editions on disk. ``known``: stats of catalogs already read."""
    slug = source.stem
    cells = []
    titles = [b for b in document.blocks if b.kind is BlockKind.TITLE]
    title = titles[0].segments[0].msgid if titles else slug
    for lang in workspace.config.targets:
        stats = known.get(lang.code)
        if stats is None:
            path = workspace.catalog_path(lang.code, slug)
            if not path.exists() and lang.derived_from:
                path = workspace.catalog_path(lang.derived_from, slug)
            if not path.exists():
                cells.append((lang.code, "no catalog", None, None))
                continue
            stats = catalog_stats(load_catalog(path, catalog_cache(workspace)).entries)
        state = f"{100 * reviewed_ratio(stats):.0f}% reviewed"
        edition = out / lang.code / f"{slug}.html"
        bilingual = out / "bilingual" / lang.code / f"{slug}.html"
        cells.append((lang.code, state, f"{lang.code}/{slug}.html" if edition.exists() else None, f"bilingual/{lang.code}/{slug}.html" if bilingual.exists() else None))
    return IndexRow(slug, title, tuple(cells))
