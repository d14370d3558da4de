"""What the workbench reads from the workspace, and the caches that keep pages fast: status records
and article dates (by file size and time), check findings (by catalog content), memory matches.
Every cache is keyed by what it was computed from, so a change on disk (Poedit, git, the CLI) is
seen at the next request."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from l10n.checks import Finding
from l10n.config import Language
from l10n.errors import L10nError
from l10n.glossary import Glossary
from l10n.model import Catalog, Document, Entry
from l10n.workspace import Workspace

Stamp = tuple[int, int]  # (mtime_ns, size): what a file looked like


def stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


@dataclass(frozen=True)
class Article:
    """One article in one language, as read for a request."""

    slug: str
    lang: Language
    source: Path
    path: Path  # the catalog
    document: Document
    catalog: Catalog
    digest: str  # of the catalog's bytes
    seen: Stamp  # the catalog file's time and size before it was read


class Site:
    """The workspace as the server sees it, with caches shared by every request thread."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._findings: dict[tuple[str, str], tuple[str, dict[str, list[Finding]]]] = {}
        self._status: dict[tuple[str, str], tuple[Stamp, Stamp, dict[str, object]]] = {}
        self._dates: dict[Path, tuple[Stamp, str, str]] = {}
        self._glossary: tuple[Stamp, Glossary] | None = None
        self._words: dict[str, frozenset[str]] = {}
        self._memory: dict[tuple[str, str, Stamp], list[dict[str, object]]] = {}
        self._counts: dict[tuple[str, str], tuple[Stamp, int]] = {}
        self._others: dict[Path, tuple[Stamp, dict[str, Entry]]] = {}

    # --- what exists ---------------------------------------------------------------------------

    def languages(self) -> dict[str, Language]:
        """The languages a person translates (a derived one, kk_Latn, is made by build)."""
        return {lang.code: lang for lang in self.workspace.config.targets if not lang.derived_from}

    def sources(self) -> dict[str, Path]:
        return {path.stem: path for path in self.workspace.sources()}

    def article(self, lang: str, slug: str) -> Article | None:
        """The article ``slug`` in ``lang``, or None when either is not the workspace's (the only
        way from a URL to a file: names are looked up, never joined into paths)."""
        from l10n.po.files import read_catalog
        from l10n.stages.catalogs import catalog_cache
        from l10n.stages.sources import load_document

        language = self.languages().get(lang)
        source = self.sources().get(slug)
        if language is None or source is None:
            return None
        path = self.workspace.catalog_path(language.code, source.stem)
        if not path.is_file():
            return None
        seen = stamp(path)
        catalog, data = read_catalog(path, catalog_cache(self.workspace))
        document = load_document(source, self.workspace)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        return Article(source.stem, language, source, path, document, catalog, digest, seen)

    # --- shared inputs -------------------------------------------------------------------------

    def glossary(self) -> Glossary:
        from l10n.stages.sources import load_glossary

        seen = stamp(self.workspace.glossary_path)
        cached = self._glossary
        if cached is None or cached[0] != seen:
            cached = self._glossary = (seen, load_glossary(self.workspace))
        return cached[1]

    def words(self, lang: str) -> frozenset[str]:
        from l10n.stages.review import load_word_list

        if lang not in self._words:
            self._words[lang] = load_word_list(self.workspace, lang)
        return self._words[lang]

    # --- findings ------------------------------------------------------------------------------

    def findings(self, article: Article) -> dict[str, list[Finding]]:
        """msgid -> findings, as `l10n check` reports them (msgid "" holds the catalog's own)."""
        slot = (article.lang.code, article.slug)
        cached = self._findings.get(slot)
        if cached is not None and cached[0] == article.digest:
            return cached[1]
        from l10n.stages.review import check_catalog

        lang, slug = slot
        by_msgid: dict[str, list[Finding]] = {}
        for record in check_catalog(slug, lang, article.catalog, self.glossary(), self.words(lang)):
            by_msgid.setdefault(record.msgid, []).append(record.finding)
        with self._lock:
            self._findings[slot] = (article.digest, by_msgid)
            self._counts[slot] = (article.seen, sum(len(found) for found in by_msgid.values()))
        return by_msgid

    def entry_findings(self, lang: str, slug: str, catalog: Catalog, entry: Entry) -> list[Finding]:
        """One entry's findings in its catalog as it is now, without checking every other entry
        (a save's answer): the same context `check` builds; a catalog whose quote style is its
        house style reports quotes once, for the catalog, not on the entry."""
        from l10n.checks import catalog_context, check_entry
        from l10n.stages.review import check_context

        ctx = catalog_context(catalog.entries, check_context(self.glossary(), lang, self.words(lang)))
        found = check_entry(entry, ctx)
        previous = self._findings.get((lang, slug))
        if previous is not None and any(f.check == "quotes" for f in previous[1].get("", [])):
            found = [f for f in found if f.check != "quotes"]
        return found

    def findings_count(self, lang: str, slug: str, seen: Stamp) -> int | None:
        """The number of findings of a catalog, when counted since it last changed (else None)."""
        cached = self._counts.get((lang, slug))
        return cached[1] if cached is not None and cached[0] == seen else None

    # --- alternatives --------------------------------------------------------------------------

    def other_catalogs(self, article: Article) -> dict[str, Mapping[str, Entry]]:
        from l10n.stages.catalogs import cached_catalog

        found: dict[str, Mapping[str, Entry]] = {}
        for code in self.languages():
            path = self.workspace.catalog_path(code, article.slug)
            seen = stamp(path)
            if code == article.lang.code or seen == (0, 0):
                continue
            cached = self._others.get(path)
            if cached is None or cached[0] != seen:
                try:
                    catalog = cached_catalog(self.workspace, path)
                except L10nError:
                    continue  # only alternatives come from it; its own page says what is wrong
                table = {e.msgid: e for e in catalog.entries if not e.obsolete and e.msgctxt is None}
                cached = self._others[path] = (seen, table)
            found[code] = cached[1]
        return found

    def memory_matches(self, article: Article) -> dict[str, list[dict[str, object]]]:
        """msgid -> the memory's matches (exact ones from other articles, then fuzzy), cached by
        the memory file's size and time."""
        path = self.workspace.state_dir / "tm.sqlite"
        seen = stamp(path)
        if seen == (0, 0):
            return {}
        lang = article.lang.code
        wanted = [e.msgid for e in article.catalog.entries if e.msgid and not e.obsolete]
        missing = [m for m in wanted if (lang, m, seen) not in self._memory]
        if missing:
            import sqlite3

            from l10n.memory import Memory

            try:
                with Memory(path) as memory:
                    for msgid in missing:
                        self._memory[(lang, msgid, seen)] = _matches(memory, msgid, lang, article.slug)
            except sqlite3.Error:
                return {}  # a damaged memory: only alternatives come from it, the page still opens
        return {m: self._memory[(lang, m, seen)] for m in wanted}


def _matches(memory: object, msgid: str, lang: str, slug: str) -> list[dict[str, object]]:
    from l10n.memory import Memory

    assert isinstance(memory, Memory)
    found: list[dict[str, object]] = [
        {"text": unit.target, "score": 100, "origin": unit.origin}
        for unit in memory.exact(msgid, lang)[:3]
        if unit.origin != slug
    ]
    found += [
        {"text": match.unit.target, "score": round(match.score), "origin": match.unit.origin}
        for match in memory.fuzzy(msgid, lang)
    ]
    return found
