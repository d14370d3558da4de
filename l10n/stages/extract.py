"""extract: segment articles, write each one's template and merge it into every language's
catalog, in two phases so that bad input anywhere changes nothing."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from l10n import parallel
from l10n.config import Language
from l10n.fileio import commit_staged, stage_file, write_atomic
from l10n.glossary import Glossary
from l10n.model import Catalog, FileAction
from l10n.po.corrections import AutoUpdate
from l10n.po.files import remember_catalog
from l10n.po.merge import GENERATOR, refresh_template, template_catalog, update_catalog
from l10n.po.write import render_po
from l10n.stages.catalogs import catalog_cache, read_if_exists
from l10n.stages.clock import build_time
from l10n.stages.sources import load_document, load_glossary
from l10n.stages.tm import open_memory, reviewed_pairs
from l10n.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileResult:
    article: str
    lang: str  # "pot" for the template
    path: Path
    action: FileAction


@dataclass(frozen=True)
class _Planned:
    article: str
    lang: str
    path: Path
    old: Catalog | None
    old_bytes: bytes | None
    new: Catalog


def plan_article(
    workspace: Workspace,
    source: Path,
    languages: tuple[Language, ...],
    now: datetime,
    glossary: Glossary | None = None,
) -> list[_Planned]:
    """Segment one article and compute its template and every language's merged catalog.
    Reads (and so validates) everything; writes nothing."""
    document = load_document(source, workspace)
    slug = document.slug
    pot_path = workspace.template_path(slug)
    old_template, old_bytes = read_if_exists(workspace, pot_path)
    template = refresh_template(old_template, template_catalog(document, workspace.config.project, now))
    planned = [_Planned(slug, "pot", pot_path, old_template, old_bytes, template)]
    for lang in languages:
        if lang.derived_from:
            continue  # made by l10n build from its base catalog
        path = workspace.catalog_path(lang.code, slug)
        old, data = read_if_exists(workspace, path)
        auto = None
        if workspace.config.auto_update:
            terms = glossary.for_language(lang.code) if glossary is not None else []
            auto = AutoUpdate(now.strftime("%Y-%m-%d"), tuple(terms), lang.code)
        new = update_catalog(old, template, lang.code, lang.name, lang.plural_forms, auto)
        planned.append(_Planned(slug, lang.code, path, old, data, new))
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


@dataclass(frozen=True)
class _ExtractJob:
    """What every extract worker needs, handed over by fork."""

    workspace: Workspace
    languages: tuple[Language, ...]
    now: datetime
    run: str  # this run's id, in the names of its staged files
    glossary: Glossary


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
    job = parallel.context(_ExtractJob)
    staged: list[_Staged] = []
    try:
        for item in plan_article(job.workspace, source, job.languages, job.now, job.glossary):
            seen = _stat(item.path)
            data = None if item.new is item.old else render_po(item.new).encode("utf-8")
            temporary = None
            if data is not None and data != item.old_bytes:
                temporary = stage_file(item.path, data, _staging_suffix(job.run))
                # status, check and build read it next: keep the parse
                remember_catalog(catalog_cache(job.workspace), item.path, data, item.new)
            pairs = tuple(reviewed_pairs(item.new)) if item.lang != "pot" else ()
            staged.append(
                _Staged(item.article, item.lang, item.path, temporary, item.old is not None, seen, pairs)
            )
    except BaseException:
        for done in staged:
            if done.staged is not None:
                done.staged.unlink(missing_ok=True)
        raise
    return staged


def _discard_staged(workspace: Workspace, languages: tuple[Language, ...], run: str) -> None:
    """Remove every temporary of this run, including those of workers that were stopped; with
    run "*", those of every earlier run (one killed with SIGKILL left them behind: extract holds
    the workspace lock, so no other run is staging now)."""
    suffix = _staging_suffix(run)
    if run == "*":
        suffix = ".tmp"
    folders = {workspace.template_path("x").parent} | {
        workspace.catalog_path(lang.code, "x").parent for lang in languages
    }
    for folder in folders:
        try:
            names = [
                entry.path
                for entry in os.scandir(folder)
                if entry.name.endswith(suffix) and (run != "*" or ".l10n-" in entry.name)
            ]
        except FileNotFoundError:
            continue
        for name in names:
            Path(name).unlink(missing_ok=True)


def _commit(item: _Staged) -> FileAction:
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
    _discard_staged(workspace, languages, "*")
    state = _ExtractState.load(workspace, languages)
    run = uuid.uuid4().hex[:12]
    todo = []
    for source in sources:
        if state.unchanged(source):
            log.info("%s: unchanged since the last extract (source and catalogs); skipped", source.name)
            progress(source)
        else:
            todo.append(source)
    staged: dict[Path, list[_Staged]] = {}
    try:
        context = _ExtractJob(workspace, languages, now, run, load_glossary(workspace))
        for source, files in zip(todo, parallel.map_ordered(stage_article, todo, context, jobs), strict=True):
            staged[source] = files
            progress(source)
    except BaseException:
        _discard_staged(workspace, languages, run)
        raise
    results: list[FileResult] = []
    try:
        with open_memory(workspace) as memory, memory.batch():
            for source in sources:
                if source not in staged:
                    results += [
                        FileResult(source.stem, lang, path, "unchanged") for lang, path in state.files(source)
                    ]
                    continue
                files = staged.pop(source)
                for item in files:
                    action = _commit(item)
                    results.append(FileResult(item.article, item.lang, item.path, action))
                    if item.lang != "pot" and action != "skipped":
                        mtime = item.path.stat().st_mtime
                        if action != "unchanged" or memory.synced_at(item.article, item.lang) != mtime:
                            memory.replace_origin(
                                item.article, item.lang, item.pairs, trusted=True, updated=mtime
                            )
                            memory.mark_synced(item.article, item.lang, mtime)
                if all(r.action != "skipped" for r in results[-len(files) :]):
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

    def __init__(
        self, workspace: Workspace, languages: tuple[Language, ...], data: dict[str, object]
    ) -> None:
        self.workspace = workspace
        self.languages = [lang for lang in languages if not lang.derived_from]
        config = workspace.config
        codes, rules = [lang.code for lang in self.languages], [r.pattern for r in config.ignore]
        setting = f"{GENERATOR}|{config.project}|{codes}|{rules}|{config.html_body}"
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
        return [("pot", self.workspace.template_path(slug))] + [
            (lang.code, self.workspace.catalog_path(lang.code, slug)) for lang in self.languages
        ]

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
        write_atomic(
            self.workspace.state_dir / "extract-state.json",
            json.dumps(self.data, sort_keys=True).encode("utf-8"),
        )
