"""The dashboard's data: every article × language with `l10n status`'s figures and the number of
check findings, newest articles first. Status comes from the same stage as the CLI's (through the
parse cache); findings are counted in the background and shown once known."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from l10n.workbench.sitedata import Site, Stamp, stamp


def article_dates(site: Site, sources: dict[str, Path], cache: dict[Path, tuple[Stamp, str]]) -> dict[str, str]:
    """slug -> the article's own date (ISO), "" when it gives none; parses are cached by the file's
    size and time."""
    from l10n.stages.shared import load_document

    dates = {}
    for slug, path in sources.items():
        seen = stamp(path)
        known = cache.get(path)
        if known is None or known[0] != seen:
            try:
                date = load_document(path, site.workspace).meta.date
            except Exception:  # a broken article still gets its row; extract reports it
                date = ""
            known = cache[path] = (seen, date)
        dates[slug] = known[1]
    return dates


class Overview:
    def __init__(self, site: Site) -> None:
        self.site = site
        self._dates: dict[Path, tuple[Stamp, str]] = {}
        self._pending: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def rows(self, lang: str | None = None) -> list[dict[str, object]]:
        """`status --json` records, each with ``date``, ``findings`` (None until counted) and
        ``url``; newest first, then by slug."""
        from l10n.stages.review import status

        site = self.site
        languages = tuple(
            language for code, language in site.languages().items() if lang is None or code == lang
        )
        sources = site.sources()
        records = status(site.workspace, list(sources.values()), languages, jobs=1)
        dates = article_dates(site, sources, self._dates)
        rows = []
        todo = []
        for record in records:
            digest = hashlib.blake2b(record.path.read_bytes(), digest_size=16).hexdigest()
            count = site.cached_findings_count(record.lang, record.article, digest)
            if count is None:
                todo.append((record.lang, record.article))
            row = record.as_json()
            row.pop("path", None)  # the server's own paths are nobody's business
            row.update(date=dates.get(record.article, ""), findings=count, url=f"/{record.lang}/{record.article}")
            rows.append(row)
        rows.sort(key=lambda r: (str(r["article"]), str(r["lang"])))
        rows.sort(key=lambda r: str(r["date"]), reverse=True)
        self._count_later(todo)
        return rows

    def _count_later(self, todo: list[tuple[str, str]]) -> None:
        """Count findings of the catalogs not counted yet, in one background thread."""
        with self._lock:
            fresh = [item for item in todo if item not in self._pending]
            self._pending.update(fresh)
        if fresh:
            threading.Thread(target=self._count, args=(fresh,), daemon=True, name="l10n-findings").start()

    def _count(self, todo: list[tuple[str, str]]) -> None:
        try:
            for lang, slug in todo:
                article = self.site.article(lang, slug)
                if article is not None:
                    self.site.findings(article)
        finally:
            with self._lock:
                self._pending.difference_update(todo)
