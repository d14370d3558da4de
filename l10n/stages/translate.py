"""translate: fill every empty entry with a fuzzy machine draft, never touching a person's work.

In batches of catalogs (memory stays flat on an archive), three steps each: plan (per catalog:
what the memory fills, what goes to an engine, what is offered as a suggestion), run the engines
(every segment of the batch masked, deduplicated, looked up in the MT cache; the rest sorted by
length, in chunks, each chunk cached as it finishes), apply (each catalog rewritten with its
drafts; a catalog a translator saved meanwhile is re-read and only its still-empty entries are
filled). An interruption (Ctrl-C, SIGTERM) stops the engines,
applies what finished, and is raised again as TranslationInterrupted.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from l10n import parallel
from l10n.config import Language
from l10n.drafts import needs_draft, provenance, recall, with_draft, with_suggestions
from l10n.engines.masking import Masked, mask, unmask
from l10n.engines.protocol import Engine
from l10n.engines.select import mt_device, resolve_engine
from l10n.errors import CatalogError, EngineInterrupted
from l10n.glossary import Glossary
from l10n.model import Catalog, Entry
from l10n.mtproblems import settled
from l10n.po.corrections import apply_changes, span_changes
from l10n.po.files import load_catalog, save_catalog
from l10n.stages.sources import load_glossary
from l10n.stages.tm import open_memory, refresh_memory
from l10n.termindex import TermIndex, pairs_index
from l10n.workspace import Workspace

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from l10n.engines.cache import MTCache
    from l10n.memory import Match, Memory, Unit

# (segments, words): on_plan adds a batch's segments to those to translate, on_progress those done.
OnProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class DraftResult:
    article: str
    lang: str
    path: Path
    engine: str
    drafted: int
    action: Literal["updated", "re-merged", "unchanged"]


@dataclass
class TranslateReport:
    results: list[DraftResult]
    notices: list[str]
    segments: int  # unique source segments that went to MT
    from_cache: int
    translated: int  # sent to an engine in this run
    from_memory: int = 0  # entries filled from a reviewed translation in the memory
    device: str = ""  # where MT ran ("cpu", "cuda (int8_float16)"); "" when no model ran


class TranslationInterrupted(KeyboardInterrupt):
    """Raised by translate after an interrupted run has saved what it finished; ``report`` says
    what that was. A KeyboardInterrupt, so anything that does not know it still stops."""

    def __init__(self, report: TranslateReport) -> None:
        super().__init__()
        self.report = report


@dataclass
class CatalogPlan:
    """One catalog's part of a run."""

    article: str
    lang: Language
    path: Path
    catalog: Catalog
    digest: bytes  # the file as read, to notice a translator saving it meanwhile
    engine: Engine | None = None
    recalled: dict[int, Entry] = field(default_factory=dict)  # entry index -> filled from memory
    drafts: list[tuple[int, Masked]] = field(default_factory=list)  # entry index -> text for the engine
    offers: dict[int, list[str]] = field(default_factory=dict)  # entry index -> fuzzy memory matches


def _digest(path: Path) -> bytes:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except FileNotFoundError:
        return b""


def _engine_line(engine: Engine | None) -> str:
    return f"{engine.name} {engine.model} {engine.version}" if engine is not None else "none needed"


def _is_pseudo(engine: Engine | None) -> bool:
    return engine is not None and engine.name == "pseudo"


def catalog_paths(
    workspace: Workspace, sources: list[Path], languages: tuple[Language, ...]
) -> list[tuple[str, Language, Path]]:
    """Every catalog to draft into (derived languages are made by build); all must exist."""
    paths = []
    for source in sources:
        for lang in languages:
            if lang.derived_from:
                continue  # transliterated from its base language by l10n build
            path = workspace.catalog_path(lang.code, source.stem)
            if not path.exists():
                raise CatalogError(path, "no catalog yet", hint="run 'l10n extract' first")
            paths.append((source.stem, lang, path))
    return paths


def read_catalogs(paths: list[tuple[str, Language, Path]]) -> list[CatalogPlan]:
    return [
        CatalogPlan(article, lang, path, load_catalog(path), _digest(path)) for article, lang, path in paths
    ]


def plan_catalog(
    plan: CatalogPlan, memory: Memory, glossary: Glossary, lookups: Lookups | None = None
) -> None:
    """Fill in what the memory gives (reviewed translations of the same sentence) and what goes
    to the engine, masked, with fuzzy memory matches to offer beside the draft."""
    if plan.engine is None:
        return
    code = plan.lang.code
    terms = pairs_index(glossary.for_language(code))  # built once: every sentence asks it
    for index, entry in enumerate(plan.catalog.entries):
        if not needs_draft(entry, engine_is_pseudo=_is_pseudo(plan.engine)):
            continue
        units = memory.exact(entry.msgid, code)
        trusted = [u for u in units if u.trusted]
        if trusted:
            log.debug("%s/%s: from the memory: %.60s", plan.article, code, entry.msgid)
            plan.recalled[index] = recall(entry, trusted)
            continue
        matches = _fuzzy(memory, entry.msgid, code, lookups if lookups is not None else {})
        changed = _with_changes(entry, [m.unit for m in matches if m.unit.trusted], terms, code)
        if changed is not None:
            plan.recalled[index] = changed
            continue
        plan.drafts.append((index, mask(entry.msgid, terms)))
        offers = [
            f"memory {m.score:.0f}%: {m.unit.source} → {m.unit.target} ({m.unit.origin})" for m in matches
        ]
        offers += [
            f"memory 100% (imported, not trusted): {u.target} ({u.origin})" for u in units if not u.trusted
        ]
        if offers:
            plan.offers[index] = offers


Lookups = dict[tuple[str, str], "list[Match]"]  # (lang, normalised source) -> fuzzy matches


def _fuzzy(memory: Memory, source: str, lang: str, lookups: Lookups) -> list[Match]:
    """Fuzzy memory matches, looked up once per sentence per run: an archive repeats its
    boilerplate, quotes and slogans across articles."""
    from l10n.memory import normalise

    key = (lang, normalise(source))
    if key not in lookups:
        lookups[key] = memory.fuzzy(source, lang)
    return lookups[key]


def _with_changes(entry: Entry, units: list[Unit], terms: TermIndex, lang: str) -> Entry | None:
    """A reviewed memory unit whose source differs from this sentence only in protected spans
    (a number, a URL, a glossary name), with the same spans changed in its translation: a fuzzy
    draft that says what was changed."""
    for unit in units:
        changes = span_changes(unit.source, entry.msgid, terms)
        updated = apply_changes(unit.source, unit.target, changes, terms.targets, lang) if changes else None
        if changes and updated is not None:
            said = ", ".join(f'"{c.old}" -> "{c.new}"' for c in changes)
            return with_draft(entry, updated, f"memory 100% with changes: {said} ({unit.origin})", ())
    return None


@dataclass
class Planner:
    """What planning needs across the batches of one run: the engines chosen so far, the memory
    (refreshed once), the glossary, the fuzzy lookups already made."""

    workspace: Workspace
    choice: str
    memory: Memory
    glossary: Glossary
    engines: dict[str, Engine] = field(default_factory=dict)
    lookups: Lookups = field(default_factory=dict)

    def plan(self, plans: list[CatalogPlan]) -> list[str]:
        """Choose each catalog's engine (only where some entry needs one: no notice about a
        missing model when every entry already has text) and plan it. Returns new notices."""
        notices: list[str] = []
        for plan in plans:
            code = plan.lang.code
            if code not in self.engines and any(
                needs_draft(e, engine_is_pseudo=False) for e in plan.catalog.entries
            ):
                self.engines[code], notice = resolve_engine(self.workspace, plan.lang, self.choice)
                if notice:
                    notices.append(notice)
            plan.engine = self.engines.get(code)
            plan_catalog(plan, self.memory, self.glossary, self.lookups)
        return notices


@dataclass
class EngineRun:
    """What the engines produced: per engine ident, masked text -> raw output."""

    outputs: dict[str, dict[str, str]]
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # engine ident -> text -> problem
    segments: int = 0
    from_cache: int = 0
    translated: int = 0
    interrupted: bool = False


def _wanted(plans: list[CatalogPlan]) -> tuple[dict[str, Engine], dict[str, list[str]]]:
    """Engines by ident and the unique masked texts each must translate."""
    engines: dict[str, Engine] = {}
    texts: dict[str, dict[str, None]] = {}
    for plan in plans:
        if plan.engine is None or not plan.drafts:
            continue
        engines[plan.engine.ident] = plan.engine
        unique = texts.setdefault(plan.engine.ident, {})
        for _, masked in plan.drafts:
            unique[masked.text] = None
    return engines, {ident: list(unique) for ident, unique in texts.items()}


@dataclass(frozen=True)
class Executor:
    """Where engines run: "local" (this process) or "ray" (a Ray cluster at ``address``)."""

    kind: str = "local"
    address: str = ""


def run_engines(
    plans: list[CatalogPlan],
    cache: MTCache,
    on_plan: OnProgress,
    on_progress: OnProgress,
    executor: Executor = Executor(),
) -> EngineRun:
    """Translate every unique masked text the plans need: cached ones from the cache, the rest
    by their engine, shortest first, in chunks; each finished chunk is cached at once."""
    engines, wanted = _wanted(plans)
    run = EngineRun({}, segments=sum(len(texts) for texts in wanted.values()))
    todo: list[tuple[Engine, list[str]]] = []
    for ident, texts in wanted.items():
        engine = engines[ident]
        run.outputs[ident] = cache.get_many(ident, texts) if not _is_pseudo(engine) else {}
        run.from_cache += len(run.outputs[ident])
        log.info("%s: %d of %d texts from the MT cache", ident, len(run.outputs[ident]), len(texts))
        todo.append((engine, sorted((t for t in texts if t not in run.outputs[ident]), key=len)))
    on_plan(sum(len(m) for _, m in todo), sum(len(t.split()) for _, m in todo for t in m))
    try:
        for engine, missing in todo:
            chunk_size = max(1, engine.batch_size) * 8
            chunks = [missing[start : start + chunk_size] for start in range(0, len(missing), chunk_size)]
            if executor.kind == "ray" and not _is_pseudo(engine) and chunks:
                _run_on_cluster(run, engine, cache, chunks, executor, on_progress)
                continue
            for chunk in chunks:
                try:
                    done = dict(zip(chunk, engine.translate(chunk), strict=True))
                except EngineInterrupted as stop:
                    _keep(run, engine, cache, stop.done)  # what the engine finished is kept
                    raise
                _keep(run, engine, cache, done)
                on_progress(len(chunk), sum(len(t.split()) for t in chunk))
    except KeyboardInterrupt:
        run.interrupted = True
    return run


def _run_on_cluster(
    run: EngineRun,
    engine: Engine,
    cache: MTCache,
    chunks: list[list[str]],
    executor: Executor,
    on_progress: OnProgress,
) -> None:
    from l10n.engines.cluster import run_on_ray

    def came_back(texts: list[str], outputs: list[str], notes: dict[str, str]) -> None:
        _keep(run, engine, cache, dict(zip(texts, outputs, strict=True)), notes)
        on_progress(len(texts), sum(len(t.split()) for t in texts))

    run_on_ray(engine, chunks, executor.address, came_back)


def _keep(
    run: EngineRun, engine: Engine, cache: MTCache, done: dict[str, str], notes: dict[str, str] | None = None
) -> None:
    """Record finished translations (and the engine's notes on them); cache them unless pseudo.
    A text with a note (translated in parts, refused) is not cached: a later model may do it whole."""
    if notes is None:
        notes = {text: engine.notes[text] for text in done if text in engine.notes}
    run.outputs[engine.ident].update(done)
    run.notes.setdefault(engine.ident, {}).update(notes)
    if not _is_pseudo(engine):
        cache.put_many(engine.ident, ((t, out) for t, out in done.items() if t not in notes))
    run.translated += len(done)


def _pending(plan: CatalogPlan, run: EngineRun) -> dict[str, Callable[[Entry], Entry]]:
    """What to do to each entry, by msgid, so that it can be applied to a newer copy of the file."""
    pending: dict[str, Callable[[Entry], Entry]] = {}
    entries = plan.catalog.entries
    for index, done in plan.recalled.items():
        pending[entries[index].msgid] = partial(_recalled, done=done)
    line = _engine_line(plan.engine)
    ident = plan.engine.ident if plan.engine is not None else ""
    produced, notes = run.outputs.get(ident, {}), run.notes.get(ident, {})
    for index, masked in plan.drafts:
        raw = produced.get(masked.text)
        if not raw:
            continue  # interrupted before this one (or refused by the model): the next run tries again
        draft, problems = unmask(raw, masked, plan.lang.code)
        if masked.text in notes:
            problems += (notes[masked.text],)
        offers = plan.offers.get(index, [])
        pending[entries[index].msgid] = partial(
            _drafted, draft=draft, line=line, problems=problems, offers=offers
        )
    return pending


def _recalled(entry: Entry, done: Entry) -> Entry:
    return with_draft(entry, done.msgstr, provenance(done) or "memory", ())


def _drafted(entry: Entry, draft: str, line: str, problems: tuple[str, ...], offers: list[str]) -> Entry:
    return with_suggestions(with_draft(entry, draft, line, problems), offers)


def apply_drafts(plan: CatalogPlan, run: EngineRun) -> DraftResult:
    """Write one catalog with its drafts. A translator who saved the file meanwhile wins: their
    version is re-read and our drafts go only into entries that are still empty in it."""
    pending = _pending(plan, run)
    base, remerged = plan.catalog, False
    if pending and _digest(plan.path) != plan.digest:
        base, remerged = load_catalog(plan.path), True
    entries, drafted = [], 0
    for entry in base.entries:
        apply = pending.get(entry.msgid)
        if (
            apply is not None
            and entry.msgctxt is None
            and needs_draft(entry, engine_is_pseudo=_is_pseudo(plan.engine))
        ):
            entry = apply(entry)
            drafted += 1
        else:
            entry = settled(entry, plan.lang.code)  # a fixed draft's problem line goes (see merge)
        entries.append(entry)
    new = replace(base, entries=tuple(entries))
    written = new != base and save_catalog(plan.path, new)
    action: Literal["updated", "re-merged", "unchanged"] = (
        ("re-merged" if remerged else "updated") if written else "unchanged"
    )
    return DraftResult(plan.article, plan.lang.code, plan.path, _engine_line(plan.engine), drafted, action)


def translate(
    workspace: Workspace,
    sources: list[Path],
    languages: tuple[Language, ...],
    choice: str,
    on_plan: OnProgress = lambda segments, words: None,
    on_progress: OnProgress = lambda segments, words: None,
    executor: Executor = Executor(),
) -> TranslateReport:
    """Fill every empty entry of the chosen catalogs with a fuzzy machine draft (see the module
    docstring). Raises TranslationInterrupted, after saving, when interrupted."""
    from l10n.engines.cache import MTCache
    from l10n.engines.cluster import disconnect

    paths = catalog_paths(workspace, sources, languages)
    glossary = load_glossary(workspace)  # bad input stops the run before anything is written
    report = TranslateReport([], [], 0, 0, 0)
    cache = MTCache(workspace.state_dir / "mt-cache.sqlite")
    try:
        with open_memory(workspace) as memory:
            refresh_memory(workspace, memory)  # reviews saved since the last run count
            planner = Planner(workspace, choice, memory, glossary)
            for start in range(0, len(paths), BATCH_CATALOGS):
                batch = paths[start : start + BATCH_CATALOGS]
                planner.lookups.clear()  # a per-batch memo: the run's memory stays flat
                interrupted = _translate_batch(
                    read_catalogs(batch), planner, cache, report, (on_plan, on_progress), executor
                )
                if any(engine.name != "pseudo" for engine in planner.engines.values()):
                    report.device = mt_device(workspace.config.mt.device).describe()
                if interrupted:
                    raise TranslationInterrupted(report)
    finally:
        cache.close()
        if executor.kind == "ray":
            with parallel.interrupts_deferred():
                disconnect()
    return report


# Catalogs planned, translated and written at a time: an archive's run keeps a flat memory
# profile, and text a batch shares with an earlier one comes from the MT cache.
BATCH_CATALOGS = 400


def _translate_batch(
    plans: list[CatalogPlan],
    planner: Planner,
    cache: MTCache,
    report: TranslateReport,
    progress: tuple[OnProgress, OnProgress],
    executor: Executor,
) -> bool:
    """Plan, translate and write one batch of catalogs into the report; True when interrupted."""
    report.notices += planner.plan(plans)
    run = run_engines(plans, cache, *progress, executor)
    report.segments += run.segments
    report.from_cache += run.from_cache
    report.translated += run.translated
    report.from_memory += sum(len(plan.recalled) for plan in plans)
    with parallel.interrupts_deferred():  # saving what finished: a second Ctrl-C waits for it
        report.results += [apply_drafts(plan, run) for plan in plans]
    return run.interrupted
